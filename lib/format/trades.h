/* trades — the one owner of the trades.tsv format (liq(7), DATA
 * CONTRACTS: cusip date time price qty side capped riskless, sorted by
 * cusip, date, time): its column table, the writer every producer uses
 * (trace-clean and trace-sim --clean-out), the reader every consumer uses
 * and the riskless-principal pair rule (liq_trades_riskless).
 *
 * Reading: one or more files as one stream, checking every field and
 * the sort order (cusip, date, time); extra columns are ignored. The
 * columns capped and riskless are optional: a file without them (written
 * before they existed) reads as capped 0 (sizes taken as exact) and
 * riskless -1 (not computed: a consumer that needs the flag runs
 * liq_trades_riskless over the bond's rows). capped is 0 or 1, and 1 only
 * with qty 1000000 or 5000000 (the caps); riskless is 0, 1 on a customer
 * print (B or S) or 2 on a dealer print (D); anything else exits 1.
 *
 *     liq_trades *in = liq_trades_open(files, nfiles);   // NULL/0: stdin
 *     liq_trade t;
 *     while (liq_trades_next(in, &t))
 *         ... liq_trades_cusip(in) is t's cusip; liq_trades_new_bond(in)
 *             says whether t starts a new bond ...
 *     liq_trades_close(in);
 *
 * Bad data exits 1 with file:line and the value; a missing column exits 2.
 * Unsorted input exits 1 naming the line and the sort command that fixes
 * it. A trade dated on a Saturday or Sunday belongs to the following
 * Monday's business day (its bday field), keeping its own date and time.
 *
 * Writing: the caller gives the rows in (cusip, date, time) order.
 *
 *     liq_trades_out w;
 *     liq_trades_out_begin(&w, stdout);                  // the header
 *     liq_trade t = { .day = day, .tsec = tsec, .qty = 5000, .sign = 1 };
 *     liq_trades_out_row(&w, "00206RGL0", &t, 101.25);
 *     liq_trades_out_milli(&w, "00206RGL0", &t, 101250);
 *     liq_trades_out_end(&w);                            // flushes
 */
#ifndef LIQ_TRADES_H
#define LIQ_TRADES_H

#include "core/tsv.h"
#include "core/window.h"

#include <stdio.h>

typedef struct liq_trades liq_trades;

/* Open the files (NULL or nfiles == 0: standard input). Nothing is read
 * until the first liq_trades_next(). */
liq_trades *liq_trades_open(char *const *files, int nfiles);

/* Next trade into *t; 0 at the end of the last file. */
int liq_trades_next(liq_trades *in, liq_trade *t);

/* Peek at the next trade without consuming it; 0 at the end. */
int liq_trades_peek(liq_trades *in, const liq_trade **t);

/* CUSIP of the trade last returned by liq_trades_next(). */
const char *liq_trades_cusip(const liq_trades *in);

/* 1 if the trade last returned starts a new bond. */
int liq_trades_new_bond(const liq_trades *in);

/* 1 if the trade liq_trades_peek() shows starts a new bond. */
int liq_trades_new_bond_ahead(const liq_trades *in);

/* 1 if any input had a header line (an empty input has none). */
int liq_trades_had_header(const liq_trades *in);

/* Rows read so far. */
long liq_trades_count(const liq_trades *in);

void liq_trades_close(liq_trades *in);

/* ---- writing ----------------------------------------------------------- */

/* The columns, in file order. */
enum {
	LIQ_TRADES_CUSIP, LIQ_TRADES_DATE, LIQ_TRADES_TIME, LIQ_TRADES_PRICE,
	LIQ_TRADES_QTY, LIQ_TRADES_SIDE, LIQ_TRADES_CAPPED, LIQ_TRADES_RISKLESS,
	LIQ_TRADES_NCOL
};

/* Their names, indexed by the enum above, NULL-terminated. */
extern const char *const liq_trades_columns[LIQ_TRADES_NCOL + 1];

/* The side letter of a trade from the customer's view: B for sign +1 (a
 * customer buy), S for -1, D for 0 (between dealers). */
const char *liq_trades_side(int sign);

/* A trades.tsv being written: rows are buffered and written a few
 * kilobytes at a time. */
typedef struct liq_trades_out {
	FILE *fp;
	liq_row w;
	int day;               /* the date of d (a bond's rows share dates) */
	char d[11];
} liq_trades_out;

/* Write the header line (flushed) and start the rows. */
void liq_trades_out_begin(liq_trades_out *o, FILE *fp);

/* One row: t's day, tsec, qty ($ par), sign (as liq_trades_side()),
 * capped and riskless (a riskless below 0 is written 0), and the price
 * per 100 par (t->price is not used). */
void liq_trades_out_row(liq_trades_out *o, const char *cusip,
			const liq_trade *t, double price);

/* The same row with the price given x 1000; the same text as
 * liq_trades_out_row() with price_milli / 1000.0, made faster. */
void liq_trades_out_milli(liq_trades_out *o, const char *cusip,
			  const liq_trade *t, long price_milli);

/* Write the buffered rows and free the buffer (fp stays open). */
void liq_trades_out_end(liq_trades_out *o);

/* ---- riskless-principal pairs ------------------------------------------ */

/* The window of a riskless-principal pair, seconds. */
enum { LIQ_RISKLESS_S = 60 };

/* Flag the riskless-principal pairs among one bond's rows t[0..n), in
 * (date, time) order: for each customer print (sign != 0) in row order,
 * the nearest dealer print (sign 0) not yet matched with the same qty
 * and at most LIQ_RISKLESS_S seconds before or after it (times count
 * across midnight and weekends: date and time as one clock) is its pair;
 * of two as near, the earlier row. A capped print (either side) never
 * matches: its true size is unknown. Sets every row's riskless: 1 the
 * customer print of a pair, 2 its dealer print, 0 the others. Returns
 * the number of pairs. */
size_t liq_trades_riskless(liq_trade *t, size_t n);

/* The same, and mate[i] the row paired with row i (n for none). */
size_t liq_trades_riskless_mates(liq_trade *t, size_t n, size_t *mate);

#endif
