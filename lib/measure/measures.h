/* measures — the arithmetic of the liquidity measures (liq(7), MEASURES),
 * over the trades of one window (oldest first, as liq_window holds them).
 * Each function computes from scratch in two passes, so a result matches a
 * textbook computation to rounding; the tools call them once per bond-day.
 * Missing results are NaN (written NA).
 */
#ifndef LIQ_MEASURES_H
#define LIQ_MEASURES_H

#include "core/window.h"

#include <stddef.h>

/* Roll (1984). Over the trades in time order, dP_k = P_k - P_{k-1}; over
 * the pairs (x, y) = (dP_k, dP_{k-1}), c = sum (x - xbar)(y - ybar)/(m - 1)
 * with m the number of pairs and xbar, ybar their own means;
 * roll_bps = 1e4 * 2 sqrt(-c) / mean(P) when c < 0, else 0.
 * n_changes (price changes, n - 1) is always set; roll_bps is NaN when
 * n_changes < min_changes (which must be >= 3, so that m >= 2). */
typedef struct liq_roll_res {
	double roll_bps;
	long n_changes;
} liq_roll_res;

void liq_roll(const liq_trade *t, size_t n, int min_changes, liq_roll_res *r);

/* Amihud, trade level (Dick-Nielsen, Feldhuetter and Lando 2012). For
 * consecutive trades of the same calendar day, r_j = |P_j/P_{j-1} - 1|;
 * a day's value is the mean of 1e4 r_j / (Q_j / 1e6) (bps per $1MM); the
 * measure is the mean of the day values over the days that have one
 * (NaN when none). */
typedef struct liq_amihud_res {
	double amihud;
	long days;        /* days with a value */
} liq_amihud_res;

void liq_amihud(const liq_trade *t, size_t n, liq_amihud_res *r);

/* Kyle's lambda: OLS, with an intercept, of 1e4 (P_k - P_{k-1})/P_{k-1}
 * on s_k Q_k / 1e6 over the customer trades k (s = +1 buy, -1 sell) whose
 * preceding trade (of any kind) is in the window. lambda in bps per $1MM,
 * t = lambda / its standard error (residual variance over n - 2).
 * n is always set; lambda and t are NaN when n < min_obs or the regressor
 * has no variance, t also when the fit is exact. `work` holds 2n doubles. */
typedef struct liq_kyle_res {
	double lambda, t;
	long n;
} liq_kyle_res;

void liq_kyle(const liq_trade *t, size_t n, int min_obs, double *work,
	      liq_kyle_res *r);

/* Inter-trade times and activity. Gaps are calendar hours between
 * consecutive trades; median (mean of the middle two when even) and max
 * are NaN with fewer than two trades. `days` is the number of business
 * days the window spans on or after the bond's first trade date: the
 * divisor of trades_per_day and zero_days_frac. avg_size_mm is NaN
 * without trades. `work` holds n doubles. */
typedef struct liq_itt_res {
	double median_h, max_h;
	long trades;
	double trades_per_day, zero_days_frac, volume_mm, avg_size_mm;
} liq_itt_res;

void liq_itt(const liq_trade *t, size_t n, int days, double *work,
	     liq_itt_res *r);

/* The part of liq_itt() that needs no gaps (trades, trades_per_day,
 * zero_days_frac, volume_mm, avg_size_mm; median_h and max_h untouched)
 * from the window's per-day sums, in O(W). */
void liq_itt_counts(const liq_window *win, liq_itt_res *r);

/* The inter-trade gaps of a moving window, kept sorted as the window
 * moves, so that the median and the max cost O(log n + n/8 bytes moved)
 * per trade instead of a selection over the whole window every day.
 *
 *     liq_gapset g = { 0 };
 *     each day: liq_gapset_sync(&g, &win);  median = liq_gapset_median(&g);
 *
 * Gaps are calendar hours between consecutive trades of the window, as in
 * liq_itt(); sync must see every move of the window (it follows the
 * window's sequence numbers and its epoch). */
typedef struct liq_gapset {
	double *v;          /* sorted gaps */
	size_t n, cap;
	double *fifo;       /* the same gaps in window order (a ring) */
	size_t head, len, fcap;
	long a, b;          /* gaps of trades s in [a, b): s-1 and s */
	long epoch;
} liq_gapset;

void liq_gapset_sync(liq_gapset *g, const liq_window *win);
double liq_gapset_median(const liq_gapset *g);   /* NaN when empty */
double liq_gapset_max(const liq_gapset *g);      /* NaN when empty */
void liq_gapset_free(liq_gapset *g);

#endif
