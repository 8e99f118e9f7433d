/* baseline — the two forecasts liqtrain scores its XGBoost model against,
 * on the same rows: metrics.tsv's models `linear` and `persistence`.
 *
 * Linear: OLS on the standardised features (NA as the training mean,
 * constant columns left out), with an intercept, fitted on the training
 * rows; for classes, one regression per class indicator, probabilities
 * clipped to [0.001, 1] and normalised.
 *
 * Persistence: the composite score of the day (the `score` column) as the
 * forecast of the target; for classes, its bucket with probability 1.
 *
 * Both return a new array of nev forecasts (nev x 3 probabilities for a
 * class target), one per row ev[i] of d, for the caller to free.
 *
 *   double *p = liq_baseline_linear(d, tr, ntr, ev, nev);
 *   liq_reg_metrics_of(y, p, (size_t)nev, &m);   // model/metrics.h
 *   free(p);
 */
#ifndef LIQ_BASELINE_H
#define LIQ_BASELINE_H

#include "model/matrix.h"

double *liq_baseline_linear(const liq_matrix *d, const long *tr, long ntr,
			    const long *ev, long nev);

/* The rows ev must have a composite score (d->composite not NaN). */
double *liq_baseline_persistence(const liq_matrix *d, const long *ev,
				 long nev);

#endif
