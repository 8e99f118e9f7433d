#include "model/composite.h"
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
liq_composite_day(const double *in, size_t n, double *composite,
		  double *work, size_t *idx)
{
	static const double W[4] = { 0.35, 0.30, 0.20, 0.15 };
	static const int FLIP[4] = { 1, 1, 0, 1 };
	double *col = work, *r = work + n;
	size_t i;
	int j;

	for (i = 0; i < n; i++)
		composite[i] = 0;
	for (j = 0; j < 4; j++) {
		for (i = 0; i < n; i++)
			col[i] = in[i * 4 + (size_t)j];
		liq_pct_rank(col, n, r, idx);
		for (i = 0; i < n; i++)
			composite[i] += W[j] * (FLIP[j] ? 1 - r[i] : r[i]);
	}
	/* to 8 decimals, so that the printed score (%.10g) and its bucket
	 * agree: 32.999999999999996 is 33, Medium */
	for (i = 0; i < n; i++)
		composite[i] = round(composite[i] * 100 * 1e8) / 1e8;
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
