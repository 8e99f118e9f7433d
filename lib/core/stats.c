#include "core/stats.h"

#include <math.h>
#include <stdlib.h>

static void
swap(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

/* k-th smallest of v[0..n) by quickselect (Hoare partition, middle pivot):
 * O(n) on average, no allocation. */
static double
select_k(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		double pv = v[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pv)
				i++;
			while (v[j] > pv)
				j--;
			if (i <= j) {
				swap(&v[i], &v[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

double
liq_median(double *v, size_t n)
{
	double a, b;
	size_t i;

	if (n == 0)
		return NAN;
	a = select_k(v, n, (n - 1) / 2);
	if (n % 2)
		return a;
	/* the upper middle is the smallest value above the lower half,
	 * which select_k left in v[n/2 ..] */
	b = v[n / 2];
	for (i = n / 2 + 1; i < n; i++)
		if (v[i] < b)
			b = v[i];
	return (a + b) / 2;
}

double
liq_quantile(double *v, size_t n, double p)
{
	double h, a, b;
	size_t k, i;

	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	h = p * (double)(n - 1);
	k = (size_t)h;
	if (k >= n - 1)
		k = n - 1;
	a = select_k(v, n, k);
	if (k == n - 1 || h == (double)k)
		return a;
	/* the next order statistic is the smallest value above v[k] */
	b = v[k + 1];
	for (i = k + 2; i < n; i++)
		if (v[i] < b)
			b = v[i];
	return a + (h - (double)k) * (b - a);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
liq_trimmed_mean(double *v, size_t n, double trim)
{
	size_t k, i;
	double s = 0;

	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, cmp_double);
	k = (size_t)floor(trim * (double)n);
	if (2 * k >= n)
		k = (n - 1) / 2;
	for (i = k; i < n - k; i++)
		s += v[i];
	return s / (double)(n - 2 * k);
}

static const double *sort_v;

static int
cmp_idx(const void *a, const void *b)
{
	double x = sort_v[*(const size_t *)a], y = sort_v[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

void
liq_pct_rank(const double *v, size_t n, double *out, size_t *idx)
{
	size_t i, j, k;

	if (n == 1) {
		out[0] = NAN;
		return;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_v = v;
	qsort(idx, n, sizeof *idx, cmp_idx);
	for (i = 0; i < n; i = j) {
		double avg; /* average 1-based rank of the tie group i..j-1 */
		for (j = i + 1; j < n && v[idx[j]] == v[idx[i]]; j++)
			;
		avg = (double)(i + 1 + j) / 2;
		for (k = i; k < j; k++)
			out[idx[k]] = (avg - 1) / (double)(n - 1);
	}
}
