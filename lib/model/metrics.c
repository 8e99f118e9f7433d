#include "model/metrics.h"

#include "core/diag.h"

#include <math.h>
#include <stdlib.h>

void
liq_reg_metrics_of(const double *y, const double *p, size_t n,
		   liq_reg_metrics *m)
{
	double my = 0, sae = 0, sse = 0, sst = 0;
	size_t i;

	if (n == 0) {
		m->mae = m->rmse = m->r2 = NAN;
		return;
	}
	for (i = 0; i < n; i++)
		my += y[i];
	my /= (double)n;
	for (i = 0; i < n; i++) {
		double e = y[i] - p[i];
		sae += fabs(e);
		sse += e * e;
		sst += (y[i] - my) * (y[i] - my);
	}
	m->mae = sae / (double)n;
	m->rmse = sqrt(sse / (double)n);
	m->r2 = sst > 0 ? 1 - sse / sst : NAN;
}

/* pairs (score, label) sorted by score */
static int
cmp_pair(const void *a, const void *b)
{
	double x = ((const double *)a)[0], y = ((const double *)b)[0];

	return x < y ? -1 : x > y;
}

double
liq_auc(const double *s, const int *pos, size_t n, double *work)
{
	double npos = 0, nneg = 0, rank_sum = 0;
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		work[2 * i] = s[i];
		work[2 * i + 1] = pos[i] ? 1 : 0;
		npos += pos[i] != 0;
	}
	nneg = (double)n - npos;
	if (npos == 0 || nneg == 0)
		return NAN;
	qsort(work, n, 2 * sizeof *work, cmp_pair);
	/* sum of the (average, for ties) ranks of the positives */
	for (i = 0; i < n; i = j) {
		double avg, np = 0;
		for (j = i + 1; j < n && work[2 * j] == work[2 * i]; j++)
			;
		avg = (double)(i + 1 + j) / 2;
		for (k = i; k < j; k++)
			np += work[2 * k + 1];
		rank_sum += np * avg;
	}
	return (rank_sum - npos * (npos + 1) / 2) / (npos * nneg);
}

void
liq_class_metrics_of(const int *y, const double *p, size_t n, int k, int hard,
		     double *work, liq_class_metrics *m)
{
	double correct = 0, ll = 0, auc_sum = 0;
	int c, nauc = 0;
	size_t i;
	int *pos;
	double *s;

	if (n == 0) {
		m->accuracy = m->logloss = m->auc = NAN;
		return;
	}
	for (i = 0; i < n; i++) {
		int best = 0;
		double q;
		for (c = 1; c < k; c++)
			if (p[i * (size_t)k + (size_t)c] > p[i * (size_t)k + (size_t)best])
				best = c;
		correct += best == y[i];
		q = p[i * (size_t)k + (size_t)y[i]];
		ll -= log(q < 1e-15 ? 1e-15 : q > 1 ? 1 : q);
	}
	m->accuracy = correct / (double)n;
	m->logloss = hard ? NAN : ll / (double)n;
	pos = liq_xmalloc(n * sizeof *pos);
	s = liq_xmalloc(n * sizeof *s);
	for (c = 0; c < k; c++) {
		double a;
		for (i = 0; i < n; i++) {
			pos[i] = y[i] == c;
			s[i] = p[i * (size_t)k + (size_t)c];
		}
		a = liq_auc(s, pos, n, work);
		if (!isnan(a)) {
			auc_sum += a;
			nauc++;
		}
	}
	m->auc = nauc ? auc_sum / nauc : NAN;
	free(pos);
	free(s);
}
