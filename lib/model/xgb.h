/* xgb — the few XGBoost C API calls liq uses, each checked: a failure
 * exits 1 with XGBoost's own message (the liq_xgb_try_ ones excepted).
 *
 *   DMatrixHandle dm = liq_xgb_matrix(X, n, p, NULL, n, y, names);
 *   BoosterHandle b = liq_xgb_booster(dm, params);  // "key", "value", NULL
 *   for (it = 0; it < rounds; it++)
 *       liq_xgb_round(b, it, dm);
 *   size_t len;
 *   const float *out = liq_xgb_predict(b, dm, 0, 0, &len);
 *   liq_xgb_save(b, "model.json");
 *   XGBoosterFree(b);
 *   XGDMatrixFree(dm);
 */
#ifndef LIQ_XGB_H
#define LIQ_XGB_H

#include <xgboost/c_api.h>

#include <stddef.h>

/* A DMatrix of the n x p rows of X (row-major, NaN missing) picked by
 * rows[0..nr) (all rows in order when rows is NULL, nr = n), with labels
 * y[row] when y is not NULL, and feature names when names is not NULL. */
DMatrixHandle liq_xgb_matrix(const float *X, long n, int p, const long *rows,
			     long nr, const double *y, char *const *names);

/* A booster on dtrain with the given parameters (a NULL-terminated list of
 * key, value pairs). */
BoosterHandle liq_xgb_booster(DMatrixHandle dtrain, const char *const *params);

void liq_xgb_param(BoosterHandle b, const char *key, const char *value);

/* Store the feature names in the model (saved with it). */
void liq_xgb_set_names(BoosterHandle b, char *const *names, int p);

/* Try the parameters on a tiny dataset (labels 0, 1, 2, 0): a parameter
 * XGBoost rejects or does not use is a usage error (exit 2) that quotes
 * XGBoost, before any real work. */
void liq_xgb_check(const char *const *params);

/* One boosting round. */
void liq_xgb_round(BoosterHandle b, int iter, DMatrixHandle dtrain);

/* The value of the first evaluation metric on dm after round iter. */
double liq_xgb_eval(BoosterHandle b, int iter, DMatrixHandle dm);

/* Predictions from trees [0, ntrees_rounds) (0: all): type 0 values
 * (n, or n x k for multi-class), 2 SHAP contributions (n x (p+1), or
 * n x k x (p+1)). Returns XGBoost's buffer (copy before the next call) and
 * its length. */
const float *liq_xgb_predict(BoosterHandle b, DMatrixHandle dm, int type,
			     int rounds, size_t *len);

/* Save the model as JSON to path (atomically); load one back. */
void liq_xgb_save(BoosterHandle b, const char *path);
BoosterHandle liq_xgb_load(const char *path);

/* The model's feature names (XGBoost's storage: copy before the next
 * call); exits 1 when the model has none. */
const char **liq_xgb_feature_names(BoosterHandle b, size_t *n);

/* ---- without exiting ------------------------------------------------
 * For a program that must outlive a bad file (liqserve reloading its
 * tables): NULL or -1, with a message in err (errsz bytes), instead of an
 * exit. */

/* liq_xgb_load without the exit. */
BoosterHandle liq_xgb_try_load(const char *path, char *err, size_t errsz);

/* liq_xgb_feature_names without the exit. */
const char **liq_xgb_try_feature_names(BoosterHandle b, size_t *n, char *err,
				       size_t errsz);

/* The prediction (pred: n values) and the SHAP contributions (contrib:
 * n x (p+1), the bias last in each row) of a regression model for the
 * n x p rows of X (row-major, NaN missing). Returns 0, or -1 with a
 * message (XGBoost's error, or a model with more than one output). */
int liq_xgb_try_shap(BoosterHandle b, const float *X, long n, int p,
		     float *pred, float *contrib, char *err, size_t errsz);

/* An attribute stored in the model, or NULL. */
const char *liq_xgb_attr(BoosterHandle b, const char *key);
void liq_xgb_set_attr(BoosterHandle b, const char *key, const char *value);

/* XGBoost's last error as one line: the first line of XGBGetLastError()
 * without its "[time] file:line: " prefix or stack trace. A static
 * buffer, valid until the next call. */
const char *liq_xgb_last_error(void);

#endif
