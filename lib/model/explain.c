/* explain — ranking and averaging SHAP contributions (see explain.h). */
#include "model/explain.h"

#include <math.h>
#include <stdlib.h>

/* (contribution, feature) pairs: |contribution| descending, then feature
 * ascending */
static int
cmp_abs_desc(const void *a, const void *b)
{
	double x = fabs(((const double *)a)[0]), y = fabs(((const double *)b)[0]);

	if (x != y)
		return x > y ? -1 : 1;
	return ((const double *)a)[1] < ((const double *)b)[1] ? -1 : 1;
}

int
liq_explain_top(const float *c, int nf, int K, int *top, double *work)
{
	int k, m = K < nf ? K : nf;

	for (k = 0; k < nf; k++) {
		work[2 * k] = c[k];
		work[2 * k + 1] = k;
	}
	qsort(work, (size_t)nf, 2 * sizeof *work, cmp_abs_desc);
	for (k = 0; k < m; k++)
		top[k] = (int)work[2 * k + 1];
	return m < 0 ? 0 : m;
}

void
liq_explain_mean_abs(const float *c, long nvec, int nf, long n, double *mean)
{
	size_t per = (size_t)nf + 1, k, len = (size_t)nvec * per;
	int j;

	for (j = 0; j < nf; j++)
		mean[j] = 0;
	for (k = 0; k < len; k++)
		if (k % per < (size_t)nf)
			mean[k % per] += fabs(c[k]);
	if (n > 0)
		for (j = 0; j < nf; j++)
			mean[j] /= (double)n;
}
