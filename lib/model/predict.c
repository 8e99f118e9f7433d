/* predict — chunked prediction of the predicted score (see predict.h). */
#include "model/predict.h"

#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

void
liq_predict_chunk_init(liq_predict_chunk *c, int nf, long cap)
{
	memset(c, 0, sizeof *c);
	c->nf = nf;
	c->cap = cap;
	c->X = liq_xmalloc((size_t)cap * (size_t)(nf ? nf : 1) * sizeof *c->X);
}

/* XGBoost's buffer is reused by its next call: a copy, owned by c */
static float *
copy(const float *o, size_t len)
{
	float *p = liq_xmalloc((len ? len : 1) * sizeof *p);

	memcpy(p, o, len * sizeof *p);
	return p;
}

double
liq_predicted_score(double raw)
{
	return raw < 0 ? 0 : raw > 100 ? 100 : raw;
}

void
liq_predict_chunk_run(liq_predict_chunk *c, BoosterHandle reg,
		      BoosterHandle cls, int shap)
{
	DMatrixHandle dm;
	const float *o;
	size_t len;
	long i;

	free(c->predicted);
	free(c->prob);
	free(c->shap);
	c->predicted = NULL;
	c->prob = c->shap = NULL;
	if (c->n == 0)
		return;
	dm = liq_xgb_matrix(c->X, c->n, c->nf, NULL, c->n, NULL, NULL);
	o = liq_xgb_predict(reg, dm, 0, 0, &len);
	if (len != (size_t)c->n)
		liq_die(LIQ_EXIT_DATA, "the model is not a regression model (%zu "
			"outputs for %ld rows); give classifiers with -c", len, c->n);
	c->predicted = liq_xmalloc(len * sizeof *c->predicted);
	for (i = 0; i < c->n; i++)
		c->predicted[i] = liq_predicted_score(o[i]);
	if (cls) {
		o = liq_xgb_predict(cls, dm, 0, 0, &len);
		if (len != (size_t)c->n * 3)
			liq_die(LIQ_EXIT_DATA, "the classifier does not give 3 class "
				"probabilities per row");
		c->prob = copy(o, len);
	}
	if (shap) {
		o = liq_xgb_predict(reg, dm, 2, 0, &len);
		c->shap = copy(o, len);
	}
	XGDMatrixFree(dm);
}

void
liq_predict_chunk_free(liq_predict_chunk *c)
{
	free(c->X);
	free(c->predicted);
	free(c->prob);
	free(c->shap);
	memset(c, 0, sizeof *c);
}
