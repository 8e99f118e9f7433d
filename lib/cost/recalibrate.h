/* recalibrate — the 90% pre-trade interval (cost/pretrade) sized to the
 * recent past.
 *
 * The interval is sized on a bond's whole history; after a change of
 * regime its width is wrong for today. Recalibration measures, over the
 * customer prints of a recent window (format/prints: impact-fit's
 * --prints-out), how far each realized cost fell from its expected cost
 * in units of the interval's half-width on that side, and sets every
 * model's width to the 90th percentile of those ratios: one factor for
 * the universe, so that 90% of the recent prints would have fallen inside.
 *
 *     liq_impact_table *t = liq_impact_table_load("impact.tsv", 0);
 *     liq_recal k;
 *     if (liq_pretrade_recalibrate(t, "prints.tsv", 0, LIQ_RECAL_LOOKBACK,
 *                                  LIQ_PARTICIPATION, &k) != 0)
 *         warn("%ld prints: too few, widths as fitted", k.n);
 *     ... liq_pretrade_cost(m, size, LIQ_PARTICIPATION, &c) uses m->width
 */
#ifndef LIQ_RECALIBRATE_H
#define LIQ_RECALIBRATE_H

#include "format/impact.h"

typedef struct liq_recal {
	double k;       /* the factor (1 when not measured) */
	long n;         /* prints it was measured on */
	int from, to;   /* their dates: from < date <= to (days since epoch) */
} liq_recal;

#define LIQ_RECAL_MIN 100       /* prints a factor needs */
#define LIQ_RECAL_LOOKBACK 30   /* default window, calendar days */

/* Read `prints` (impact-fit --prints-out; cusip, date, qty and cost_bps are
 * used, rows with cost_bps NA skipped), take the prints dated in
 * (as_of - lookback days, as_of] (as_of 0: the file's last date) of bonds
 * with a usable model in T, and set the width of every model of T. With
 * fewer than LIQ_RECAL_MIN prints the widths stay as they are and the
 * return is -1 (the caller says so); 0 otherwise. A bad row exits 1 with
 * file:line. */
int liq_pretrade_recalibrate(liq_impact_table *T, const char *prints,
			     int as_of, int lookback, double participation,
			     liq_recal *out);

#endif
