#include "model/composite.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

void
liq_score_day(const double *in, size_t n, double *score, double *work,
	      size_t *idx)
{
	static const double W[4] = { 0.35, 0.30, 0.20, 0.15 };
	static const int FLIP[4] = { 1, 1, 0, 1 };
	double *col = work, *r = work + n;
	size_t i;
	int j;

	for (i = 0; i < n; i++)
		score[i] = 0;
	for (j = 0; j < 4; j++) {
		for (i = 0; i < n; i++)
			col[i] = in[i * 4 + (size_t)j];
		liq_pct_rank(col, n, r, idx);
		for (i = 0; i < n; i++)
			score[i] += W[j] * (FLIP[j] ? 1 - r[i] : r[i]);
	}
	/* to 8 decimals, so that the printed score (%.10g) and its bucket
	 * agree: 32.999999999999996 is 33, Medium */
	for (i = 0; i < n; i++)
		score[i] = round(score[i] * 100 * 1e8) / 1e8;
}

const char *
liq_bucket(double s)
{
	if (isnan(s))
		return NULL;
	return s < 33 ? "Low" : s <= 67 ? "Medium" : "High";
}

static const char *const NAMES[3] = { "Low", "Medium", "High" };

int
liq_bucket_code(const char *s)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(s, NAMES[i]) == 0)
			return i;
	return -1;
}

const char *
liq_bucket_name(int code)
{
	return code >= 0 && code < 3 ? NAMES[code] : "NA";
}
