/* predict — the predicted score: a regression model from liqtrain applied
 * to rows of features, a chunk at a time, each prediction clamped to the
 * score's range 0..100; with a classifier, the three bucket probabilities
 * (p_low p_medium p_high); when asked, the SHAP contributions behind each
 * prediction (model/explain.h ranks them).
 *
 * The caller fills the chunk's rows (n of them, at most cap) and runs it;
 * the results stay until the next run. Exits 1 when the model gives
 * another number of outputs than a regression model (or the classifier
 * than 3 probabilities per row).
 *
 *   liq_predict_chunk c;
 *   liq_predict_chunk_init(&c, nf, 50000);
 *   for (...) {                                 // one row of features
 *       float *x = c.X + (size_t)c.n++ * (size_t)nf;
 *       ...                                     // x[0..nf), NaN for NA
 *   }
 *   liq_predict_chunk_run(&c, reg, cls, 1);     // cls may be NULL
 *   // c.predicted[i], c.prob[3 * i + k], c.shap + i * (nf + 1)
 *   c.n = 0;                                    // the next chunk
 *   liq_predict_chunk_free(&c);
 */
#ifndef LIQ_PREDICT_H
#define LIQ_PREDICT_H

#include "model/xgb.h"

typedef struct liq_predict_chunk {
	int nf;             /* features per row */
	long cap;           /* rows a chunk holds */
	long n;             /* rows filled by the caller */
	float *X;           /* cap x nf, row-major, NaN missing */
	/* after liq_predict_chunk_run, for rows 0..n: */
	double *predicted;  /* the predicted score, clamped to 0..100 */
	float *prob;        /* n x 3 class probabilities; NULL without
			       classifier */
	float *shap;        /* n x (nf + 1) SHAP contributions of the
			       regression model, the bias last; NULL unless
			       asked */
} liq_predict_chunk;

void liq_predict_chunk_init(liq_predict_chunk *c, int nf, long cap);

/* Predict the n rows of c with the regression model reg and, when not
 * NULL, the classifier cls; SHAP contributions when shap is not 0. */
void liq_predict_chunk_run(liq_predict_chunk *c, BoosterHandle reg,
			   BoosterHandle cls, int shap);

void liq_predict_chunk_free(liq_predict_chunk *c);

/* A model's raw output as a predicted score: clamped to 0..100 (NaN
 * stays NaN). */
double liq_predicted_score(double raw);

#endif
