/* The facts of trace-facts(1) on trades small enough to compute by hand;
 * the arithmetic in the comments is the expected value. */
#include "core/dates.h"
#include "measure/facts.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

/* a trade on date ds (YYYY-MM-DD) at hh:mm:ss, price, par $, side */
static liq_trade
T(const char *ds, int hh, int mm, int ss, double p, double q, int sign)
{
	liq_trade t;
	if (liq_date_parse(ds, &t.day) != 0)
		abort();
	t.bday = liq_bday_ceil(t.day);
	t.tsec = hh * 3600 + mm * 60 + ss;
	t.price = p;
	t.qty = q;
	t.sign = sign;
	t.capped = 0;
	t.riskless = -1;   /* not computed: facts applies the rule */
	return t;
}

#define N(a) (sizeof (a) / sizeof *(a))

/* fact in group, and its n */
static double
get(liq_facts *f, const char *fact, const char *group, long want_n)
{
	long n;
	double v = liq_facts_get(f, fact, group, &n);
	check_int(n, want_n);
	return v;
}

/* par 50k 100k 500k 1MM 5MM 7MM: median (500k + 1MM)/2; shares
 * < 100k 1/6, 100k-1MM 2/6, >= 1MM 3/6, >= 5MM 2/6; two of six between
 * dealers, two buys and two sells of four customer prints */
static void
t_sizes(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-08", 9, 0, 0, 100, 50e3, 0),
		T("2024-01-08", 9, 1, 0, 100, 100e3, 1),
		T("2024-01-08", 9, 2, 0, 100, 500e3, -1),
		T("2024-01-08", 9, 3, 0, 100, 1e6, 1),
		T("2024-01-08", 9, 4, 0, 100, 5e6, 0),
		T("2024-01-08", 9, 5, 0, 100, 7e6, -1),
	};
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "trades", "all", 6), 6, 0);
	check_near(get(f, "bonds", "all", 1), 1, 0);
	check_near(get(f, "size_median_usd", "all", 6), 750e3, 0);
	check_near(get(f, "size_share_lt100k", "all", 6), 1 / 6.0, 1e-15);
	check_near(get(f, "size_share_100k_1mm", "all", 6), 2 / 6.0, 1e-15);
	check_near(get(f, "size_share_ge1mm", "all", 6), 3 / 6.0, 1e-15);
	check_near(get(f, "size_share_ge5mm", "all", 6), 2 / 6.0, 1e-15);
	check_near(get(f, "dealer_share", "all", 6), 2 / 6.0, 1e-15);
	check_near(get(f, "customer_buy_share", "all", 4), 0.5, 0);
	check_near(get(f, "customer_sell_share", "all", 4), 0.5, 0);
	/* an odd count: the middle one */
	liq_facts_bond(f, t, 1, LIQ_FACTS_IG);
	check_near(get(f, "size_median_usd", "all", 7), 500e3, 0);
	check_near(get(f, "bonds", "all", 2), 2, 0);
	liq_facts_free(f);
}

/* One day: dealer prints 1MM at 100 and 3MM at 101, the reference
 * (100 + 3 x 101) / 4 = 100.75. A 50k buy at 101.5 costs
 * 1e4 x .75 / 100.75 = 74.44 bps, a 200k sell at 100.5 1e4 x .25 / 100.75
 * = 24.81 bps; the mean 49.63. Buy minus sell: (101.5 - 100.5) / (101.5 +
 * 100.5) x 1e4 = 49.50 bps, one bond-day; no bucket has both. The next day
 * has no dealer print: its customer prints have no one-way cost, but
 * a buy at 102 and two sells at 100 and 101 make a buy-minus-sell day
 * (102 - 100.5) / 202.5. */
static void
t_costs(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-08", 9, 0, 0, 100, 1e6, 0),
		T("2024-01-08", 9, 30, 0, 101.5, 50e3, 1),
		T("2024-01-08", 10, 0, 0, 101, 3e6, 0),
		T("2024-01-08", 11, 0, 0, 100.5, 200e3, -1),
		T("2024-01-09", 9, 0, 0, 102, 2e6, 1),
		T("2024-01-09", 9, 10, 0, 100, 2e6, -1),
		T("2024-01-09", 9, 20, 0, 101, 6e6, -1),
	};
	double c1 = 1e4 * 0.75 / 100.75, c2 = 1e4 * 0.25 / 100.75;
	liq_facts_bond(f, t, N(t), LIQ_FACTS_HY);
	check_near(get(f, "cost_oneway_bps", "all", 2), (c1 + c2) / 2, 1e-9);
	check_near(get(f, "cost_oneway_lt100k_bps", "all", 1), c1, 1e-9);
	check_near(get(f, "cost_oneway_100k_1mm_bps", "all", 1), c2, 1e-9);
	check(isnan(get(f, "cost_oneway_ge1mm_bps", "all", 0)));
	check_near(get(f, "cost_buysell_bps", "all", 2),
		   (1e4 / 202 + 1e4 * 1.5 / 202.5) / 2, 1e-9);
	check(isnan(get(f, "cost_buysell_lt100k_bps", "all", 0)));
	/* day 2 in >= 1MM: buy 102, sells 100 and 101 */
	check_near(get(f, "cost_buysell_ge1mm_bps", "all", 1), 1e4 * 1.5 / 202.5, 1e-9);
	/* >= 5MM: the sell alone */
	check(isnan(get(f, "cost_buysell_ge5mm_bps", "all", 0)));
	liq_facts_free(f);
}

/* Imputed round trips: 250k twice in 5 minutes, 100 and 100.4:
 * 1e4 x .4 / 100.4; 300k three times in 14 minutes, 99.8 100.2 100:
 * 1e4 x .4 / 100.2. Not round trips: 400k four times, 600k twice 16
 * minutes apart, 700k alone, and 800k twice on a Monday and once on the
 * Saturday before (another date, the same business day: two on the
 * Monday, a round trip at 101 and 101.1). */
static void
t_irc(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-06", 9, 0, 0, 101, 800e3, 1),
		T("2024-01-08", 9, 0, 0, 100, 250e3, 0),
		T("2024-01-08", 9, 5, 0, 100.4, 250e3, 1),
		T("2024-01-08", 9, 30, 0, 101, 800e3, -1),
		T("2024-01-08", 9, 31, 0, 101.1, 800e3, 1),
		T("2024-01-08", 10, 0, 0, 99.8, 300e3, -1),
		T("2024-01-08", 10, 10, 0, 100.2, 300e3, 0),
		T("2024-01-08", 10, 14, 0, 100, 300e3, 1),
		T("2024-01-08", 11, 0, 0, 99, 400e3, 1),
		T("2024-01-08", 11, 1, 0, 98, 400e3, 0),
		T("2024-01-08", 11, 2, 0, 97, 400e3, 0),
		T("2024-01-08", 11, 3, 0, 96, 400e3, -1),
		T("2024-01-08", 12, 0, 0, 99, 600e3, 1),
		T("2024-01-08", 12, 16, 0, 98, 600e3, -1),
		T("2024-01-08", 13, 0, 0, 99, 700e3, -1),
	};
	double a = 1e4 * 0.4 / 100.4, b = 1e4 * 0.4 / 100.2,
	       c = 1e4 * 0.1 / 101.1;
	double v[3] = { a, b, c }, mean = (a + b + c) / 3;
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "irc_mean_bps", "all", 3), mean, 1e-9);
	/* the median of a, b, c: b (a < b, c < a) */
	check(c < a && a < b);
	check_near(get(f, "irc_median_bps", "all", 3), v[0], 1e-9);
	liq_facts_free(f);
}

/* Riskless principal: a buy of 1MM at 10:00:00 and a dealer print of 1MM
 * 60 s later (a match); a sell of 2MM and a dealer 2MM 61 s later (none);
 * a dealer 3MM 30 s before a buy of 3MM (a match); a sell of 500k and a
 * dealer 400k 10 s later (none): 2 of 4 customer prints. */
static void
t_riskless(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-08", 10, 0, 0, 100, 1e6, 1),
		T("2024-01-08", 10, 1, 0, 100, 1e6, 0),
		T("2024-01-08", 11, 0, 0, 100, 2e6, -1),
		T("2024-01-08", 11, 1, 1, 100, 2e6, 0),
		T("2024-01-08", 12, 0, 0, 100, 3e6, 0),
		T("2024-01-08", 12, 0, 30, 100, 3e6, 1),
		T("2024-01-08", 13, 0, 0, 100, 500e3, -1),
		T("2024-01-08", 13, 0, 10, 100, 400e3, 0),
	};
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "riskless_share", "all", 4), 0.5, 0);
	check_near(get(f, "dealer_share", "all", 8), 0.5, 0);
	liq_facts_free(f);
}

/* Each dealer print pairs once: two buys of 1MM 10 s apart and one
 * dealer 1MM between them make one pair (1 of 2); a capped 5MM buy and a
 * 5MM dealer print make none. When the rows carry the riskless column,
 * facts takes it as it is: the flags say 2 of 3 customer prints. */
static void
t_riskless_once(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-08", 10, 0, 0, 100, 1e6, 1),
		T("2024-01-08", 10, 0, 5, 100, 1e6, 0),
		T("2024-01-08", 10, 0, 10, 100, 1e6, 1),
		T("2024-01-08", 11, 0, 0, 100, 5e6, 1),
		T("2024-01-08", 11, 0, 1, 100, 5e6, 0),
	};
	liq_trade u[] = {
		T("2024-01-08", 10, 0, 0, 100, 1e6, 1),
		T("2024-01-08", 12, 0, 0, 100, 2e6, -1),
		T("2024-01-08", 14, 0, 0, 100, 3e6, -1),
	};
	t[3].capped = 1;
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "riskless_share", "all", 3), 1 / 3.0, 1e-15);
	liq_facts_free(f);
	/* flags from the input: 1, 1, 0 */
	f = liq_facts_new(10, 0);
	u[0].riskless = 1;
	u[1].riskless = 1;
	u[2].riskless = 0;
	liq_facts_bond(f, u, N(u), LIQ_FACTS_IG);
	check_near(get(f, "riskless_share", "all", 3), 2 / 3.0, 1e-15);
	liq_facts_free(f);
}

/* Capped trades: out of the size median, the size buckets and the
 * bucketed costs, counted in capped_share. Trades 50k B, 5MM (capped)
 * B, 200k S, dealer 1MM at 100: median of 50k, 200k, 1MM = 200k over 3;
 * < 100k 1/3; >= 5MM 0/3; capped 1/4. Costs against 100: the 50k buy at
 * 101 costs 100 bps, the capped buy at 102 200 bps, the 200k sell at 99
 * 100 bps: all customer trades (200 + 100 + 100) / 3, n 3; >= 5MM none
 * (NA, n 0); >= 1MM none. */
static void
t_capped(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-08", 9, 0, 0, 101, 50e3, 1),
		T("2024-01-08", 9, 1, 0, 102, 5e6, 1),
		T("2024-01-08", 9, 2, 0, 99, 200e3, -1),
		T("2024-01-08", 9, 3, 0, 100, 1e6, 0),
	};
	long n;
	t[1].capped = 1;
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "trades", "all", 4), 4, 0);
	check_near(get(f, "size_median_usd", "all", 3), 200e3, 0);
	check_near(get(f, "size_share_lt100k", "all", 3), 1 / 3.0, 1e-15);
	check_near(get(f, "size_share_100k_1mm", "all", 3), 1 / 3.0, 1e-15);
	check_near(get(f, "size_share_ge5mm", "all", 3), 0, 0);
	check_near(get(f, "capped_share", "all", 4), 0.25, 0);
	check_near(get(f, "cost_oneway_bps", "all", 3), 400 / 3.0, 1e-9);
	check_near(get(f, "cost_oneway_lt100k_bps", "all", 1), 100, 1e-9);
	check(isnan(liq_facts_get(f, "cost_oneway_ge5mm_bps", "all", &n)));
	check_int(n, 0);
	liq_facts_free(f);
}

/* Trade by trade, January: 100 101 100 101, a = ln 101 - ln 100, changes
 * a -a a, pairs (-a, a) (a, -a), means 0: cov = (-a^2 - a^2) / 1 = -2a^2;
 * gamma = 1e4 x 2a^2 (%^2), Roll = 1e4 x 2 sqrt(2a^2) bps. February:
 * 100 four times, cov 0: gamma 0, no Roll. March: three trades, one pair,
 * below the minimum of 2. roll_negcov_share 1 of 2 bond-months. */
static void
t_gamma_trade(void)
{
	liq_facts *f = liq_facts_new(2, 0);
	liq_trade t[] = {
		T("2024-01-08", 9, 0, 0, 100, 1e6, 1),
		T("2024-01-08", 9, 1, 0, 101, 1e6, -1),
		T("2024-01-09", 9, 2, 0, 100, 1e6, 1),
		T("2024-01-10", 9, 3, 0, 101, 1e6, 0),
		T("2024-02-05", 9, 0, 0, 100, 1e6, 1),
		T("2024-02-05", 9, 1, 0, 100, 1e6, 1),
		T("2024-02-06", 9, 0, 0, 100, 1e6, 1),
		T("2024-02-07", 9, 0, 0, 100, 1e6, 1),
		T("2024-03-05", 9, 0, 0, 100, 1e6, 1),
		T("2024-03-05", 9, 1, 0, 90, 1e6, 1),
		T("2024-03-05", 9, 2, 0, 100, 1e6, 1),
	};
	double a = log(101) - log(100), g = 1e4 * 2 * a * a;
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "gamma_trade_mean_pct2", "all", 2), g / 2, 1e-12);
	check_near(get(f, "gamma_trade_median_pct2", "all", 2), g / 2, 1e-12);
	check_near(get(f, "roll_mean_bps", "all", 1), 1e4 * 2 * sqrt(2 * a * a), 1e-9);
	check_near(get(f, "roll_median_bps", "all", 1), 1e4 * 2 * sqrt(2 * a * a), 1e-9);
	check_near(get(f, "roll_negcov_share", "all", 2), 0.5, 0);
	/* daily: January has three consecutive days, one pair: too few */
	check(isnan(get(f, "gamma_daily_mean_pct2", "all", 0)));
	liq_facts_free(f);
	/* with the default minimum of 10 pairs, no bond-month has a gamma */
	f = liq_facts_new(10, 0);
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check(isnan(get(f, "gamma_trade_mean_pct2", "all", 0)));
	check(isnan(get(f, "roll_negcov_share", "all", 0)));
	liq_facts_free(f);
}

/* Daily: the last price of each business day. Monday 8 to Friday 12
 * January close at 100 101 100 101 100 (Monday's first trade at 50 does
 * not count); changes a -a a -a, pairs (-a, a) (a, -a) (-a, a): means
 * -a/3 and a/3, deviations of x -2a/3 4a/3 -2a/3 and of y 2a/3 -4a/3
 * 2a/3, products sum to -24a^2/9, cov = -24a^2/9 / 2 = -4a^2/3. The
 * Wednesday after, at 200, follows a day without a trade: no change. */
static void
t_gamma_daily(void)
{
	liq_facts *f = liq_facts_new(2, 0);
	liq_trade t[] = {
		T("2024-01-08", 9, 0, 0, 50, 1e6, 1),
		T("2024-01-08", 15, 0, 0, 100, 1e6, 1),
		T("2024-01-09", 9, 0, 0, 101, 1e6, 1),
		T("2024-01-10", 9, 0, 0, 100, 1e6, 1),
		T("2024-01-11", 9, 0, 0, 101, 1e6, 1),
		T("2024-01-12", 9, 0, 0, 100, 1e6, 1),
		T("2024-01-17", 9, 0, 0, 200, 1e6, 1),
	};
	double a = log(101) - log(100);
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "gamma_daily_mean_pct2", "all", 1), 1e4 * 4 * a * a / 3, 1e-12);
	check_near(get(f, "gamma_daily_median_pct2", "all", 1), 1e4 * 4 * a * a / 3, 1e-12);
	liq_facts_free(f);
}

/* Trades on Monday 8, Wednesday 10 and Thursday 11 January and Monday
 * 4 March 2024: 41 business days from the first to the last (January
 * 8-31: 18, February: 21, March 1 and 4: 2), 4 with a trade, 37 without;
 * months January to March, February without a trade. Gaps between the
 * trading days: 2, 1 and 37 business days (median 2, mean 40/3). */
static void
t_zero_itd(void)
{
	liq_facts *f = liq_facts_new(10, 0);
	liq_trade t[] = {
		T("2024-01-08", 9, 0, 0, 100, 1e6, 1),
		T("2024-01-10", 9, 0, 0, 100, 1e6, 1),
		T("2024-01-11", 9, 0, 0, 100, 1e6, 1),
		T("2024-01-11", 9, 5, 0, 100, 1e6, 1),
		T("2024-03-04", 9, 0, 0, 100, 1e6, 1),
	};
	liq_facts_bond(f, t, N(t), LIQ_FACTS_IG);
	check_near(get(f, "zero_bday_share", "all", 41), 37 / 41.0, 1e-15);
	check_near(get(f, "zero_month_share", "all", 3), 1 / 3.0, 1e-15);
	check_near(get(f, "itd_median_d", "all", 3), 2, 0);
	check_near(get(f, "itd_mean_d", "all", 3), 40 / 3.0, 1e-12);
	liq_facts_free(f);
}

/* Years, classes, weekends, holidays and hours: Friday 2023-12-29 10:xx
 * (dealer), Saturday 2023-12-30 11:xx (a weekend trade, in Monday
 * 2024-01-01's business day), Monday 2024-01-01 12:xx (New Year's Day, a
 * settlement holiday), Tuesday 2024-01-02 13:xx. 2023: one trade on one
 * business day; 2024: three trades on two business days. */
static void
t_groups(void)
{
	liq_facts *f = liq_facts_new(10, 1);
	liq_trade t[] = {
		T("2023-12-29", 10, 0, 0, 100, 1e6, 0),
		T("2023-12-30", 11, 59, 59, 100, 1e6, 1),
		T("2024-01-01", 12, 0, 0, 100, 1e6, -1),
		T("2024-01-02", 13, 30, 0, 100, 1e6, 0),
	};
	long n;
	liq_facts_bond(f, t, N(t), LIQ_FACTS_HY);
	check_near(get(f, "trades", "2023", 1), 1, 0);
	check_near(get(f, "trades", "2024", 3), 3, 0);
	check_near(get(f, "trades", "HY:2024", 3), 3, 0);
	check_near(get(f, "trades", "HY", 4), 4, 0);
	check_near(get(f, "bonds", "HY", 1), 1, 0);
	check_near(get(f, "bonds", "2023", 1), 1, 0);
	check_near(get(f, "bonds", "2024", 1), 1, 0);
	check_near(get(f, "zero_bday_share", "2023", 1), 0, 0);
	check_near(get(f, "zero_bday_share", "2024", 2), 0, 0);
	check_near(get(f, "zero_month_share", "all", 2), 0, 0);
	check_near(get(f, "itd_mean_d", "2024", 2), 1, 0);
	check(isnan(get(f, "itd_mean_d", "2023", 0)));
	check_near(get(f, "weekend_share", "all", 4), 0.25, 0);
	check_near(get(f, "weekend_share", "2024", 3), 1 / 3.0, 1e-15);
	check_near(get(f, "holiday_share", "all", 4), 0.25, 0);
	check_near(get(f, "hour_10_share", "all", 4), 0.25, 0);
	check_near(get(f, "hour_11_share", "all", 4), 0.25, 0);
	check_near(get(f, "hour_13_share", "all", 4), 0.25, 0);
	check_near(get(f, "hour_09_share", "all", 4), 0, 0);
	/* no IG bond, no such fact, no such group */
	check(isnan(liq_facts_get(f, "trades", "IG", &n)));
	check_int(n, -1);
	check(isnan(liq_facts_get(f, "trade", "all", &n)));
	check_int(n, -1);
	check(isnan(liq_facts_get(f, "trades", "XX:2024", &n)));
	check_int(n, -1);
	liq_facts_free(f);
}

static void
t_class(void)
{
	check_int(liq_facts_class(10), LIQ_FACTS_IG);   /* BBB- */
	check_int(liq_facts_class(11), LIQ_FACTS_HY);   /* BB+ */
	check_int(liq_facts_class(22), LIQ_FACTS_HY);   /* D */
	check_int(liq_facts_class(0), LIQ_FACTS_NR);
	check_str(liq_facts_class_name(LIQ_FACTS_NR), "NR");
}

int
main(void)
{
	TEST(t_sizes(), "trade sizes: median, bucket shares, dealer and buy/sell shares");
	TEST(t_costs(), "one-way cost against the day's VW inter-dealer price; buy minus sell");
	TEST(t_irc(), "imputed round-trip costs: 2 or 3 trades of a size within 15 minutes");
	TEST(t_riskless(), "riskless principal: a dealer print of the same size within 60 s");
	TEST(t_riskless_once(), "riskless principal: each dealer print once, capped never; the input's flags when it has them");
	TEST(t_capped(), "capped trades: out of the size facts and the bucketed costs, counted");
	TEST(t_gamma_trade(), "gamma and Roll trade by trade, per bond-month");
	TEST(t_gamma_daily(), "gamma from daily closes on consecutive business days");
	TEST(t_zero_itd(), "zero-trade business days and months, inter-trade days");
	TEST(t_groups(), "years, classes, weekends, holidays, hours");
	TEST(t_class(), "rating classes: IG to BBB-, HY below, NR unknown");
	return tap_done();
}
