/* baseline — liqtrain's linear and persistence forecasts (see
 * baseline.h). */
#include "model/baseline.h"

#include "core/diag.h"
#include "core/ols.h"
#include "model/composite.h"

#include <math.h>
#include <stdlib.h>

#define NCLASS 3

double *
liq_baseline_linear(const liq_matrix *d, const long *tr, long ntr,
		    const long *ev, long nev)
{
	int p = d->p, j, c, q = 1, nk = d->is_class ? NCLASS : 1;
	double *mean = liq_xcalloc((size_t)p, sizeof *mean);
	double *sd = liq_xcalloc((size_t)p, sizeof *sd);
	long *cnt = liq_xcalloc((size_t)p, sizeof *cnt);
	int *use = liq_xmalloc((size_t)p * sizeof *use);
	double *X, *y, *beta, *out;
	long i;

	for (i = 0; i < ntr; i++)
		for (j = 0; j < p; j++) {
			double v = d->X[(size_t)tr[i] * (size_t)p + (size_t)j];
			if (!isnan(v)) {
				mean[j] += v;
				cnt[j]++;
			}
		}
	for (j = 0; j < p; j++)
		mean[j] = cnt[j] ? mean[j] / (double)cnt[j] : 0;
	for (i = 0; i < ntr; i++)
		for (j = 0; j < p; j++) {
			double v = d->X[(size_t)tr[i] * (size_t)p + (size_t)j];
			if (!isnan(v))
				sd[j] += (v - mean[j]) * (v - mean[j]);
		}
	for (j = 0; j < p; j++) {
		sd[j] = cnt[j] > 1 ? sqrt(sd[j] / (double)(cnt[j] - 1)) : 0;
		use[j] = sd[j] > 0 ? q++ : 0;
	}
	X = liq_xmalloc((size_t)(ntr ? ntr : 1) * (size_t)q * sizeof *X);
	y = liq_xmalloc((size_t)(ntr ? ntr : 1) * sizeof *y);
	beta = liq_xmalloc((size_t)q * sizeof *beta);
	out = liq_xcalloc((size_t)(nev ? nev : 1) * (size_t)nk, sizeof *out);
#define Z(row, j) (isnan(d->X[(size_t)(row) * (size_t)p + (size_t)(j)]) ? 0.0 : \
		   (d->X[(size_t)(row) * (size_t)p + (size_t)(j)] - mean[j]) / sd[j])
	for (i = 0; i < ntr; i++) {
		X[(size_t)i * (size_t)q] = 1;
		for (j = 0; j < p; j++)
			if (use[j])
				X[(size_t)i * (size_t)q + (size_t)use[j]] = Z(tr[i], j);
	}
	for (c = 0; c < nk; c++) {
		for (i = 0; i < ntr; i++)
			y[i] = d->is_class ? (d->y[tr[i]] == c) : d->y[tr[i]];
		if (liq_ols_min_norm(X, y, (size_t)ntr, (size_t)q, beta) < 0)
			liq_die(LIQ_EXIT_DATA, "linear baseline: the least-squares fit failed");
		for (i = 0; i < nev; i++) {
			double s = beta[0];
			for (j = 0; j < p; j++)
				if (use[j])
					s += beta[use[j]] * Z(ev[i], j);
			out[(size_t)i * (size_t)nk + (size_t)c] = s;
		}
	}
#undef Z
	if (d->is_class)
		for (i = 0; i < nev; i++) {
			double t = 0;
			for (c = 0; c < NCLASS; c++) {
				double *v = &out[(size_t)i * NCLASS + (size_t)c];
				*v = *v < 0.001 ? 0.001 : *v > 1 ? 1 : *v;
				t += *v;
			}
			for (c = 0; c < NCLASS; c++)
				out[(size_t)i * NCLASS + (size_t)c] /= t;
		}
	free(mean);
	free(sd);
	free(cnt);
	free(use);
	free(X);
	free(y);
	free(beta);
	return out;
}

/* persistence: the composite score of the day as the forecast (its
 * bucket, for classes) */
double *
liq_baseline_persistence(const liq_matrix *d, const long *ev, long nev)
{
	int nk = d->is_class ? NCLASS : 1;
	double *out = liq_xcalloc((size_t)(nev ? nev : 1) * (size_t)nk, sizeof *out);
	long i;

	for (i = 0; i < nev; i++) {
		double s = d->composite[ev[i]];
		if (d->is_class)
			out[(size_t)i * NCLASS + (size_t)liq_bucket_code(liq_bucket(s))] = 1;
		else
			out[i] = s;
	}
	return out;
}
