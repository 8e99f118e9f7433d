/* metrics — how well a forecast does, for liqtrain's metrics.tsv.
 *
 * Regression: mae, rmse, r2 = 1 - SSE/SST (SST about the mean of y over the
 * same rows). Classification into k classes from probabilities p[i*k + c]:
 * accuracy of the most probable class (ties to the lower class), logloss
 * (probabilities clipped to [1e-15, 1]), and the one-vs-rest macro AUC: the
 * mean over the classes present (with both positives and negatives) of the
 * Mann-Whitney AUC of p_c, ties counting one half.
 *
 *   double y[3] = { 10, 20, 30 }, pred[3] = { 12, 18, 33 };
 *   liq_reg_metrics m;
 *   liq_reg_metrics_of(y, pred, 3, &m);      // m.mae, m.rmse, m.r2
 *
 *   int cls[2] = { 0, 2 };
 *   double p[6] = { .7, .2, .1, .1, .3, .6 }, work[4];
 *   liq_class_metrics c;
 *   liq_class_metrics_of(cls, p, 2, 3, 0, work, &c);
 */
#ifndef LIQ_METRICS_H
#define LIQ_METRICS_H

#include <stddef.h>

typedef struct liq_reg_metrics {
	double mae, rmse, r2;
} liq_reg_metrics;

void liq_reg_metrics_of(const double *y, const double *pred, size_t n,
			liq_reg_metrics *m);

typedef struct liq_class_metrics {
	double accuracy, logloss, auc;
} liq_class_metrics;

/* y[i] in 0..k-1; p is n x k. `work` holds 2n doubles. logloss is NaN
 * when `hard` (the probabilities are 0/1 votes, as persistence gives). */
void liq_class_metrics_of(const int *y, const double *p, size_t n, int k,
			  int hard, double *work, liq_class_metrics *m);

/* Mann-Whitney AUC of scores s for the labels pos (1) / neg (0): the
 * probability that a positive outscores a negative, ties half. NaN
 * without both. `work` holds 2n doubles. */
double liq_auc(const double *s, const int *pos, size_t n, double *work);

#endif
