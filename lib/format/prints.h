/* prints — impact-fit's --prints-out (liq(7), FILES): one row per customer
 * trade with its arrival reference price and realized cost, in the input's
 * order. impact-fit writes it and the interval recalibration
 * (cost/recalibrate: pretrade --recalibrate, liqserve --prints) reads it;
 * this module owns its columns.
 *
 *     liq_print p = { "037833AK6", 18993, 36000, 2e6, 1, 101.2, 101.1, 3.5, 9.9 };
 *     liq_row w;
 *     liq_row_init(&w);
 *     liq_prints_header(stdout);
 *     liq_prints_put(&w, &p);
 *     liq_row_end(&w, stdout);
 *
 *     liq_prints_in *in = liq_prints_open("prints.tsv");
 *     liq_print q;
 *     while (liq_prints_next(in, &q))
 *         if (!isnan(q.cost_bps)) use(q.cusip, q.date, liq_prints_qty(in));
 *     liq_prints_close(in);
 */
#ifndef LIQ_FORMAT_PRINTS_H
#define LIQ_FORMAT_PRINTS_H

#include "core/tsv.h"

#include <stdio.h>

/* The columns, in order, each with a description; a NULL name ends the
 * list: cusip date time qty side price ref_price ref_sd_bps cost_bps. */
typedef struct liq_prints_col {
	const char *name;
	const char *desc;
} liq_prints_col;

extern const liq_prints_col liq_prints_cols[];

/* A print. The reader fills cusip (valid until the next row), date and
 * cost_bps only; qty on demand (liq_prints_qty). */
typedef struct liq_print {
	const char *cusip;
	int date;                /* days since 1970-01-01 */
	int tsec;                /* seconds after midnight */
	double qty;              /* par */
	int sign;                /* 1 customer buy (B), -1 sell (S) */
	double price, ref_price, ref_sd_bps, cost_bps;  /* NaN: NA */
} liq_print;

/* Write the header line to fp and flush it. */
void liq_prints_header(FILE *fp);

/* Append the fields of p to w; the caller ends the line. */
void liq_prints_put(liq_row *w, const liq_print *p);

/* A prints file being read. */
typedef struct liq_prints_in {
	liq_tsv *r;
	int c_cusip, c_date, c_qty, c_cost;
} liq_prints_in;

/* Open path and read its header: an empty file exits 1, a missing
 * cusip, date, qty or cost_bps column exits 2. */
liq_prints_in *liq_prints_open(const char *path);

/* The next row into p (cusip, date, cost_bps; NaN cost for NA): 1, or 0
 * at the end. A bad date or cost exits 1 with file:line. */
int liq_prints_next(liq_prints_in *in, liq_print *p);

/* The qty of the current row; anything but a positive number exits 1
 * with file:line. */
double liq_prints_qty(const liq_prints_in *in);

void liq_prints_close(liq_prints_in *in);

#endif
