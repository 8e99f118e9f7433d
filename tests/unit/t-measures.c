/* The measures of liq(7), MEASURES, on windows small enough to compute by hand;
 * the arithmetic in the comments is the expected value. */
#include "core/dates.h"
#include "measure/measures.h"
#include "core/ols.h"
#include "tap.h"
#include "core/stats.h"

#include <stdlib.h>

static int MON; /* a Monday */

/* trade on business day offset `bd` from MON, at hh:mm, price, $MM, side */
static liq_trade
T(int bd, int hh, int mm, double p, double qmm, int sign)
{
	liq_trade t;
	t.bday = liq_bday_floor(MON) + bd;
	t.day = liq_bday_date(t.bday);
	t.tsec = hh * 3600 + mm * 60;
	t.price = p;
	t.qty = qmm * 1e6;
	t.sign = sign;
	return t;
}

static void
prices(liq_trade *t, const double *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		t[i] = T(0, 9, (int)i, p[i], 1, 1);
}

/* P = 100 100.5 100 100.25 100.5 100: dP = .5 -.5 .25 .25 -.5
 * pairs (x, y): (-.5,.5) (.25,-.5) (.25,.25) (-.5,.25); xbar -.125,
 * ybar .125; products of deviations -.140625 -.234375 .046875 -.046875,
 * sum -.375; c = -.375/3 = -.125; mean P = 601.25/6;
 * roll = 1e4 * 2 sqrt(.125) / (601.25/6) = 70.5637 bps */
static void
t_roll_hand(void)
{
	double p[] = { 100, 100.5, 100, 100.25, 100.5, 100 };
	liq_trade t[6];
	liq_roll_res r;
	prices(t, p, 6);
	liq_roll(t, 6, 3, &r);
	check_int(r.n_changes, 5);
	check_near(r.roll_bps, 2e4 * sqrt(0.125) / (601.25 / 6), 1e-9);
	check_near(r.roll_bps, 70.5637, 1e-4);
}

/* Pure bounce 100 101 100 101 100 101: pairs alternate (-1,1),(1,-1):
 * c = -4/3, roll = 2e4 sqrt(4/3) / 100.5 */
static void
t_roll_bounce(void)
{
	double p[] = { 100, 101, 100, 101, 100, 101 };
	liq_trade t[6];
	liq_roll_res r;
	prices(t, p, 6);
	liq_roll(t, 6, 3, &r);
	check_near(r.roll_bps, 2e4 * sqrt(4.0 / 3) / 100.5, 1e-9);
}

/* dP = 1 1 2 2 3 3: pairs (1,1) (2,1) (2,2) (3,2) (3,3), deviations from
 * 2.2 and 1.8 give products .96 .16 -.04 .16 .96: c > 0, roll 0. A
 * constant price has c = 0: roll 0 too. */
static void
t_roll_positive_and_constant(void)
{
	double p[] = { 100, 101, 102, 104, 106, 109, 112 };
	double q[] = { 99, 99, 99, 99, 99, 99, 99, 99, 99 };
	liq_trade t[9];
	liq_roll_res r;
	prices(t, p, 7);
	liq_roll(t, 7, 3, &r);
	check_near(r.roll_bps, 0, 0);
	prices(t, q, 9);
	liq_roll(t, 9, 8, &r);
	check_near(r.roll_bps, 0, 0);
	check_int(r.n_changes, 8);
}

/* min 8 changes: 9 trades are enough, 8 are not; one trade gives none */
static void
t_roll_min_obs(void)
{
	double p[] = { 100, 100.5, 100, 100.5, 100, 100.5, 100, 100.5, 100 };
	liq_trade t[9];
	liq_roll_res r;
	prices(t, p, 9);
	liq_roll(t, 9, 8, &r);
	check(!isnan(r.roll_bps));
	liq_roll(t, 8, 8, &r);
	check(isnan(r.roll_bps));
	check_int(r.n_changes, 7);
	liq_roll(t, 1, 8, &r);
	check(isnan(r.roll_bps));
	check_int(r.n_changes, 0);
	liq_roll(t, 0, 8, &r);
	check_int(r.n_changes, 0);
}

/* Day 0: 100 (1MM), 101 (2MM), 100 (1MM): terms 1e4 .01/2 = 50 and
 * 1e4 (1/101)/1 = 99.0099; A0 = (50 + 1e4/101)/2. Day 1: one trade, no
 * value. Day 2: 100, 100.5 (0.5MM): 1e4 .005/.5 = 100. Two days:
 * amihud = (A0 + 100)/2 = 87.2525 */
static void
t_amihud_hand(void)
{
	liq_trade t[] = {
		T(0, 9, 0, 100, 1, 1), T(0, 10, 0, 101, 2, -1), T(0, 11, 0, 100, 1, 0),
		T(1, 9, 0, 120, 5, 1),
		T(2, 9, 0, 100, 3, 1), T(2, 9, 5, 100.5, 0.5, 1),
	};
	liq_amihud_res r;
	liq_amihud(t, 6, &r);
	check_int(r.days, 2);
	check_near(r.amihud, ((50 + 1e4 / 101) / 2 + 100) / 2, 1e-9);
	check_near(r.amihud, 87.2525, 1e-4);
	/* a single trade, or one per day: no value */
	liq_amihud(t + 3, 1, &r);
	check_int(r.days, 0);
	check(isnan(r.amihud));
	liq_amihud(t + 2, 3, &r); /* day 0 last trade, day 1, day 2 first */
	check_int(r.days, 0);
}

/* Ties in time: trades at the same second are still consecutive, in
 * file order. 100 -> 102 at 09:00 twice: 1e4 .02 / 1 = 200. */
static void
t_amihud_ties(void)
{
	liq_trade t[] = { T(0, 9, 0, 100, 1, 1), T(0, 9, 0, 102, 1, 1) };
	liq_amihud_res r;
	liq_amihud(t, 2, &r);
	check_near(r.amihud, 200, 1e-9);
}

/* Kyle: designed observations y = 1e4 dP/P_prev on x = s Q/1e6; the
 * prices are built from them, with a dealer trade in between (a
 * predecessor, not an observation) and a first trade (no predecessor).
 * The slope must be the OLS slope of the designed (x, y). */
static void
t_kyle_construction(void)
{
	double x[] = { 1, -0.5, 2, -1, 1, 0.25, -2, 3, -0.75, 1.5, -1.25, 0.5 };
	double e[] = { .3, -.2, .1, .4, -.5, .2, -.1, .3, -.4, .1, .2, -.3 };
	double y[12], work[64], p = 100;
	liq_trade t[14];
	liq_kyle_res r;
	liq_ols1_fit f;
	size_t i, k = 0;
	t[k++] = T(0, 9, 0, p, 1, 1); /* first: no predecessor, not used */
	for (i = 0; i < 12; i++) {
		y[i] = 1.5 + 2.25 * x[i] + e[i];
		if (i == 6) { /* a dealer trade at the same price */
			t[k] = T(0, 9, (int)k, p, 1, 0);
			k++;
		}
		p *= 1 + y[i] / 1e4;
		t[k] = T(0, 9, (int)k, p, fabs(x[i]), x[i] > 0 ? 1 : -1);
		k++;
	}
	liq_ols1(x, y, 12, &f);
	liq_kyle(t, k, 10, work, &r);
	check_int(r.n, 12);
	check_near(r.lambda, f.b, 1e-9);
	check_near(r.t, f.b / f.se_b, 1e-7);
	/* below the minimum: n reported, lambda NA */
	liq_kyle(t, k, 13, work, &r);
	check_int(r.n, 12);
	check(isnan(r.lambda) && isnan(r.t));
}

/* No variance in the regressor (every trade a $1MM buy) gives NA. */
static void
t_kyle_no_variance(void)
{
	liq_trade t[12];
	double work[64];
	liq_kyle_res r;
	int i;
	for (i = 0; i < 12; i++)
		t[i] = T(0, 9, i, 100 + i * 0.1, 1, 1);
	liq_kyle(t, 12, 10, work, &r);
	check_int(r.n, 11);
	check(isnan(r.lambda));
}

/* Mon 10:00, Mon 12:30, Wed 09:00, Fri 16:00: gaps 2.5, 44.5, 55 h:
 * median 44.5, max 55; 4 trades over 5 days: 0.8 a day, 2 of 5 days
 * without trades; 1 + .5 + 2 + .5 = 4 $MM, 1 $MM a trade. Adding Fri
 * 16:30 (gap .5): sorted .5 2.5 44.5 55, median 23.5. The next Monday
 * 10:00 is 66 h after Friday 16:00. */
static void
t_itt_hand(void)
{
	liq_trade t[] = { T(0, 10, 0, 100, 1, 1), T(0, 12, 30, 100, 0.5, 1),
			  T(2, 9, 0, 100, 2, 1), T(4, 16, 0, 100, 0.5, 1),
			  T(4, 16, 30, 100, 1, 1), T(5, 10, 0, 100, 1, 1) };
	double work[16];
	liq_itt_res r;
	liq_itt(t, 4, 5, work, &r);
	check_near(r.median_h, 44.5, 1e-12);
	check_near(r.max_h, 55, 1e-12);
	check_int(r.trades, 4);
	check_near(r.trades_per_day, 0.8, 1e-12);
	check_near(r.zero_days_frac, 0.4, 1e-12);
	check_near(r.volume_mm, 4, 1e-12);
	check_near(r.avg_size_mm, 1, 1e-12);
	liq_itt(t, 5, 5, work, &r);
	check_near(r.median_h, 23.5, 1e-12);
	liq_itt(t + 3, 3, 2, work, &r); /* Fri 16:00, Fri 16:30, Mon 10:00 */
	check_near(r.max_h, 66 - 0.5, 1e-12);
	/* one trade: no gap; none: no size either */
	liq_itt(t, 1, 3, work, &r);
	check(isnan(r.median_h) && isnan(r.max_h));
	check_near(r.zero_days_frac, 2.0 / 3, 1e-12);
	liq_itt(t, 0, 3, work, &r);
	check(isnan(r.avg_size_mm));
	check_near(r.zero_days_frac, 1, 0);
	check_int(r.trades, 0);
}

/* The incremental gap set and per-day sums give what the stateless
 * liq_itt computes afresh, day after day, over random bonds: bursts of
 * trades, ties in time, weekends, gaps of weeks, several bonds in a row. */
static void
t_itt_incremental(void)
{
	liq_window w;
	liq_gapset g = { 0 };
	double work[4096];
	unsigned long s = 42;
	int bond, bad = 0, days = 0;
	liq_window_init(&w, 7);
	for (bond = 0; bond < 30; bond++) {
		long b, b0 = liq_bday_floor(MON) + bond;
		int tsec = 0;
		liq_window_reset(&w, b0);
		for (b = b0; b < b0 + 300; b++) {
			int k, n;
			s = s * 6364136223846793005UL + 1442695040888963407UL;
			if ((s >> 40) % 53 == 0) /* a gap of weeks */
				b += 20;
			liq_window_move(&w, b);
			n = (int)((s >> 33) % 9);
			if ((s >> 20) % 5 == 0)
				n = 0;
			for (k = 0; k < n && w.n < 4000; k++) {
				liq_trade t = T(0, 0, 0, 100, 1 + k % 3, 1);
				t.bday = b;
				t.day = liq_bday_date(b);
				tsec = (k == 0 ? 28800 : tsec) + (int)((s >> (k + 3)) % 3) * 600;
				t.tsec = tsec;
				liq_window_add(&w, &t);
			}
			{
				liq_itt_res a, c;
				liq_itt(liq_window_trades(&w), liq_window_count(&w),
					liq_window_days(&w), work, &a);
				liq_itt_counts(&w, &c);
				liq_gapset_sync(&g, &w);
				c.median_h = liq_gapset_median(&g);
				c.max_h = liq_gapset_max(&g);
				if (!((a.median_h == c.median_h || (isnan(a.median_h) && isnan(c.median_h))) &&
				      (a.max_h == c.max_h || (isnan(a.max_h) && isnan(c.max_h))) &&
				      a.trades == c.trades && a.volume_mm == c.volume_mm &&
				      a.zero_days_frac == c.zero_days_frac &&
				      a.trades_per_day == c.trades_per_day))
					bad++;
				days++;
			}
		}
	}
	printf("# %d bond-days compared\n", days);
	check_int(bad, 0);
	liq_gapset_free(&g);
	liq_window_free(&w);
}

int
main(void)
{
	liq_date_parse("2023-11-20", &MON);
	TEST(t_roll_hand(), "roll: hand-computed window");
	TEST(t_roll_bounce(), "roll: pure bid-ask bounce");
	TEST(t_roll_positive_and_constant(), "roll: positive autocovariance and constant price give 0");
	TEST(t_roll_min_obs(), "roll: exactly the minimum, one below, one trade");
	TEST(t_amihud_hand(), "amihud: hand-computed days, single-trade days skipped");
	TEST(t_amihud_ties(), "amihud: trades tied in time stay consecutive");
	TEST(t_kyle_construction(), "kyle: observations, predecessors and the minimum");
	TEST(t_kyle_no_variance(), "kyle: no variance in signed size gives NA");
	TEST(t_itt_hand(), "itt: gaps, median, max, counts, shares, sizes");
	TEST(t_itt_incremental(), "itt: incremental gaps and day sums equal a fresh computation");
	return tap_done();
}
