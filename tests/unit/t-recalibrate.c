/* Unit tests of lib/cost/recalibrate: the interval's width factor, the
 * 90th percentile of |cost - expected| over the half-width on the print's
 * side, measured on hand-made prints against hand-made models.
 *
 * The model of bond A: h 10, alpha 1, sigma 100 bps, beta 0.5, ADV $1MM,
 * no parameter covariance, residual quantiles -20 and +30 bps. A $1MM
 * print is expected to cost 10 + 100 = 110 bps, its interval 90 to 140:
 * a cost of 110 + 30 r or 110 - 20 r has ratio r. */
#include "core/dates.h"
#include "core/diag.h"
#include "cost/pretrade.h"
#include "cost/recalibrate.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int d0;   /* 2024-01-02 */

static liq_cost_model
model(const char *cusip, int ok, double width)
{
	liq_cost_model m;

	memset(&m, 0, sizeof m);
	snprintf(m.cusip, sizeof m.cusip, "%s", cusip);
	m.ok = ok;
	m.h = 10;
	m.alpha = 1;
	m.beta = 0.5;
	m.sigma_bps = 100;
	m.adv_usd = 1e6;
	m.resid_lo = -20;
	m.resid_hi = 30;
	m.n = 50;
	m.width = width;
	return m;
}

/* A (width `wa`), B (no prints), C (not usable), D (no residual
 * quantiles: an unknown interval), sorted by cusip */
static liq_impact_table *
table(double wa)
{
	liq_impact_table *t = liq_xcalloc(1, sizeof *t);

	t->n = 4;
	t->m = liq_xcalloc(4, sizeof *t->m);
	t->m[0] = model("AAA000001", 1, wa);
	t->m[1] = model("BBB000002", 1, 0);
	t->m[2] = model("CCC000003", 0, 0);
	t->m[3] = model("DDD000004", 1, 0);
	t->m[3].resid_lo = t->m[3].resid_hi = NAN;
	return t;
}

static FILE *
prints_file(char *path)
{
	FILE *f;

	strcpy(path, tap_tmpfile(""));
	f = fopen(path, "w");
	fputs("cusip\tdate\ttime\tqty\tside\tprice\tref_price\tref_sd_bps\tcost_bps\n", f);
	return f;
}

/* one print: r >= 0 costs 110 + 30 r, r < 0 costs 110 + 20 r (ratio |r|);
 * qty $1MM */
static void
print(FILE *f, const char *cusip, int day, double r)
{
	char d[11];

	liq_date_fmt(d, day);
	fprintf(f, "%s\t%s\t10:00:00\t1000000\tB\t100\t99\t5\t%.17g\n", cusip, d,
		r >= 0 ? 110 + 30 * r : 110 + 20 * r);
}

/* prints whose ratios are 0.01 .. 1.00, alternately above and below the
 * expected cost: the 90th percentile (liq_quantile, linear between order
 * statistics) is 0.90 + 0.1 * 0.01 = 0.901 */
static void
hundred(FILE *f, const char *cusip, int day)
{
	int i;

	for (i = 1; i <= 100; i++)
		print(f, cusip, day, (i % 2 ? 1 : -1) * i / 100.0);
}

static void
t_factor(void)
{
	char path[64];
	FILE *f = prints_file(path);
	liq_impact_table *t = table(0);
	liq_recal k;
	size_t i;

	hundred(f, "AAA000001", d0 + 10);
	/* passed over: NA cost, a bond without a model, one not usable, one
	 * without an interval */
	fprintf(f, "AAA000001\t2024-01-12\t10:00:00\t1000000\tB\t100\tNA\tNA\tNA\n");
	print(f, "ZZZ000009", d0 + 10, 9);
	print(f, "CCC000003", d0 + 10, 9);
	print(f, "DDD000004", d0 + 10, 9);
	fclose(f);
	check_int(liq_pretrade_recalibrate(t, path, 0, LIQ_RECAL_LOOKBACK,
					   LIQ_PARTICIPATION, &k), 0);
	check_int(k.n, 100);
	check_near(k.k, 0.901, 1e-6);
	check_int(k.to, d0 + 10);
	check_int(k.from, d0 + 10 - 30);
	/* every model of the table gets the factor */
	for (i = 0; i < t->n; i++)
		check_near(t->m[i].width, k.k, 0);
	liq_impact_table_free(t);

	/* recalibrating again measures the same factor: a ratio is in units
	 * of the fitted half-width whatever the width was */
	t = table(2.5);
	check_int(liq_pretrade_recalibrate(t, path, 0, LIQ_RECAL_LOOKBACK,
					   LIQ_PARTICIPATION, &k), 0);
	check_near(k.k, 0.901, 1e-6);
	liq_impact_table_free(t);
	unlink(path);
}

/* 99 prints: too few, widths untouched, -1 */
static void
t_too_few(void)
{
	char path[64];
	FILE *f = prints_file(path);
	liq_impact_table *t = table(0);
	liq_recal k;
	int i;

	for (i = 1; i <= 99; i++)
		print(f, "AAA000001", d0, i / 100.0);
	fclose(f);
	check_int(liq_pretrade_recalibrate(t, path, 0, LIQ_RECAL_LOOKBACK,
					   LIQ_PARTICIPATION, &k), -1);
	check_int(k.n, 99);
	check_near(k.k, 1, 0);
	check_near(t->m[0].width, 0, 0);
	check_near(t->m[1].width, 0, 0);
	liq_impact_table_free(t);
	unlink(path);

	/* a header alone */
	f = prints_file(path);
	fclose(f);
	t = table(0);
	check_int(liq_pretrade_recalibrate(t, path, d0, 30, LIQ_PARTICIPATION, &k), -1);
	check_int(k.n, 0);
	check_near(k.k, 1, 0);
	check_int(k.to, d0);
	check_int(k.from, d0 - 30);
	liq_impact_table_free(t);
	unlink(path);
}

/* The window (as_of - lookback, as_of]: the day lookback days before is
 * out, as_of is in, later prints are out. Without as_of, the last date
 * of the file. */
static void
t_window(void)
{
	char path[64];
	FILE *f = prints_file(path);
	liq_impact_table *t = table(0);
	liq_recal k;
	int i;

	for (i = 0; i < 50; i++)
		print(f, "AAA000001", d0, 5);          /* day 0: out */
	hundred(f, "AAA000001", d0 + 2);               /* day 2: in */
	for (i = 0; i < 50; i++)
		print(f, "AAA000001", d0 + 31, 7);     /* after as_of: out */
	fclose(f);
	check_int(liq_pretrade_recalibrate(t, path, d0 + 30, 30,
					   LIQ_PARTICIPATION, &k), 0);
	check_int(k.n, 100);
	check_near(k.k, 0.901, 1e-6);
	check_int(k.from, d0);
	check_int(k.to, d0 + 30);
	liq_impact_table_free(t);

	/* without as_of the window is (day 1, day 31]: day 2 is in, and the
	 * 50 prints of ratio 7 lift the 90th percentile to 7 */
	t = table(0);
	check_int(liq_pretrade_recalibrate(t, path, 0, 30, LIQ_PARTICIPATION, &k), 0);
	check_int(k.n, 150);
	check_near(k.k, 7, 1e-6);
	check_int(k.to, d0 + 31);
	liq_impact_table_free(t);

	/* a one-day lookback on day 2 */
	t = table(0);
	check_int(liq_pretrade_recalibrate(t, path, d0 + 2, 1, LIQ_PARTICIPATION, &k), 0);
	check_int(k.n, 100);
	check_near(k.k, 0.901, 1e-6);
	liq_impact_table_free(t);
	unlink(path);
}

/* 6000 prints over 60 days without as_of: those read before the last
 * date is known are dropped as the window moves past them (in chunks of
 * 4096), and exactly the last 30 days' 3000 count. */
static void
t_long_file(void)
{
	char path[64];
	FILE *f = prints_file(path);
	liq_impact_table *t = table(0);
	liq_recal k;
	int i;

	for (i = 0; i < 6000; i++) {
		int day = d0 + i / 100;
		/* old days: ratio 9; the last 30 days: 0.01 .. 1.00, 30 times */
		print(f, "AAA000001", day, day < d0 + 30 ? 9 : (i % 100 + 1) / 100.0);
	}
	fclose(f);
	check_int(liq_pretrade_recalibrate(t, path, 0, 30, LIQ_PARTICIPATION, &k), 0);
	check_int(k.n, 3000);
	check_int(k.to, d0 + 59);
	/* sorted, the values 2699 and 2700 are 0.90 and 0.91 */
	check_near(k.k, 0.901, 1e-6);
	liq_impact_table_free(t);
	unlink(path);
}

static void
recal_it(void *path)
{
	liq_impact_table *t = table(0);
	liq_recal k;

	liq_pretrade_recalibrate(t, path, 0, 30, LIQ_PARTICIPATION, &k);
}

static void
t_bad_row(void)
{
	char path[64], err[512], want[512];
	FILE *f = prints_file(path);

	print(f, "AAA000001", d0, 0.5);
	fprintf(f, "AAA000001\t2024-01-02\t10:00:00\t0\tB\t100\t99\t5\t3\n");
	fclose(f);
	check_int(tap_exit_of(recal_it, path, err, sizeof err), 1);
	snprintf(want, sizeof want, "t-recalibrate: %s:3: column 'qty': bad value "
		 "'0' (want a positive par amount)\n", path);
	check_str(err, want);
	unlink(path);
}

int
main(void)
{
	liq_progname = "t-recalibrate";
	d0 = liq_date_from_ymd(2024, 1, 2);
	TEST(t_factor(), "the factor is the 90th percentile of the ratios; unusable prints passed over");
	TEST(t_too_few(), "fewer than 100 prints: -1, widths as they were");
	TEST(t_window(), "the window (as_of - lookback, as_of], or up to the last date");
	TEST(t_long_file(), "a long file without as_of: only the last window counts");
	TEST(t_bad_row(), "a bad qty exits 1 with file:line");
	return tap_done();
}
