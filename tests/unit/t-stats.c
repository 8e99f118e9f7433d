/* Unit tests of lib/core/stats: median, quantiles, trimmed mean and
 * percentile ranks, by hand. */
#include "core/stats.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The quickselect median equals sorting's, with many ties. */
static void
t_median(void)
{
	double v[301], w[301];
	unsigned s = 12345;
	int n, i, bad = 0;
	for (n = 1; n <= 301; n += 7) {
		for (i = 0; i < n; i++) {
			s = s * 1103515245 + 12345;
			v[i] = w[i] = (double)((s >> 16) % 17);
		}
		qsort(w, (size_t)n, sizeof *w, cmpd);
		if (liq_median(v, (size_t)n) !=
		    (n % 2 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2))
			bad++;
	}
	check_int(bad, 0);
	check(isnan(liq_median(v, 0)));
}

/* Type-7 quantiles and the trimmed mean, by hand. */
static void
t_quantile_trim(void)
{
	double v[] = { 4, 1, 3, 2 }, w[] = { 10, 1, 2, 3, 4, -50, 5, 6, 7, 8 };

	check_near(liq_quantile(v, 4, 0.25), 1.75, 1e-12);
	check_near(liq_quantile(v, 4, 0.5), 2.5, 1e-12);
	check_near(liq_quantile(v, 4, 1), 4, 0);
	check_near(liq_quantile(v, 4, 0), 1, 0);
	check(isnan(liq_quantile(v, 0, 0.5)));
	/* 10 values, trim 0.1: drop -50 and 10, mean of 1..8 = 4.5 */
	check_near(liq_trimmed_mean(w, 10, 0.1), 4.5, 1e-12);
	check_near(liq_trimmed_mean(w, 10, 0), -0.4, 1e-12);
}

/* Percentile ranks with ties, by hand. */
static void
t_ranks(void)
{
	double v[] = { 3, 1, 3, 2, 3 }, r[5];
	size_t idx[5];
	/* sorted 1 2 3 3 3: ranks 1, 2, then 4 for the three 3s */
	liq_pct_rank(v, 5, r, idx);
	check_near(r[1], 0, 0);
	check_near(r[3], 0.25, 1e-15);
	check_near(r[0], 0.75, 1e-15);
	check_near(r[2], 0.75, 1e-15);
	check_near(r[4], 0.75, 1e-15);
	liq_pct_rank(v, 1, r, idx);
	check(isnan(r[0]));
	/* all tied: every rank (n+1)/2, so (n-1)/2/(n-1) = .5 */
	{
		double w[] = { 7, 7, 7, 7 };
		liq_pct_rank(w, 4, r, idx);
		check_near(r[0], 0.5, 1e-15);
		check_near(r[3], 0.5, 1e-15);
	}
}

int
main(void)
{
	TEST(t_median(), "median by quickselect equals median by sorting");
	TEST(t_quantile_trim(), "quantiles and trimmed means by hand");
	TEST(t_ranks(), "percentile ranks with ties; one value gives NA");
	return tap_done();
}
