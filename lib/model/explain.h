/* explain — SHAP contributions of the predicted score (XGBoost's exact
 * TreeSHAP, liq_xgb_predict type 2 or liq_xgb_try_shap): which features
 * drove a prediction, and how much each feature drives them on average.
 *
 * A row's contributions are nf + 1 floats, one per feature and the bias
 * last; they add up to the model's raw output. liqscore --explain and
 * liqserve's /score?explain=K rank them the same way, through
 * liq_explain_top: by |contribution|, largest first, ties in feature
 * order.
 *
 *   double work[2 * NF];
 *   int top[3];
 *   int k, m = liq_explain_top(shap + (size_t)i * (NF + 1), NF, 3, top, work);
 *   for (k = 0; k < m; k++)
 *       printf("%s %g\n", names[top[k]], shap[(size_t)i * (NF + 1) + top[k]]);
 *
 *   double mean[NF];
 *   liq_explain_mean_abs(shap, n, NF, n, mean);  // mean |SHAP| per feature
 */
#ifndef LIQ_EXPLAIN_H
#define LIQ_EXPLAIN_H

/* The features of the K largest |contribution| of one row c[0..nf] (the
 * bias c[nf] is not ranked), largest first, ties in feature order: their
 * indices in top[0..m), m = min(K, nf), returned. work holds 2 nf
 * doubles. */
int liq_explain_top(const float *c, int nf, int K, int *top, double *work);

/* The mean |contribution| of each feature: the sum over the nvec vectors
 * of nf + 1 contributions at c (n rows, or n x classes vectors of a
 * classifier) divided by n; 0 when n is 0. Writes mean[0..nf). */
void liq_explain_mean_abs(const float *c, long nvec, int nf, long n,
			  double *mean);

#endif
