#include "model/explain.h"
#include "model/predict.h"
#include "tap.h"

#include <math.h>

/* Ranked by |contribution|, the bias (last) never among them, ties in
 * feature order. */
static void
t_top(void)
{
	const float c[] = { 0.5f, -2.0f, 0.5f, -0.5f, 1.0f, 99.0f };
	double work[10];
	int top[5];

	check_int(liq_explain_top(c, 5, 5, top, work), 5);
	check_int(top[0], 1);
	check_int(top[1], 4);
	check_int(top[2], 0);
	check_int(top[3], 2);
	check_int(top[4], 3);
	check_int(liq_explain_top(c, 5, 2, top, work), 2);
	check_int(top[0], 1);
	check_int(top[1], 4);
}

/* K over the number of features gives every feature once. */
static void
t_top_few(void)
{
	const float c[] = { -1.0f, 3.0f, 0.25f };
	double work[4];
	int top[2];

	check_int(liq_explain_top(c, 2, 10, top, work), 2);
	check_int(top[0], 1);
	check_int(top[1], 0);
}

/* Two rows of 2 features (and the bias): the mean of |c| per feature;
 * a classifier's vectors (rows x classes) divide by the rows. */
static void
t_mean_abs(void)
{
	const float c[] = { 1, -2, 7, -3, 4, 7 };
	double m[2];

	liq_explain_mean_abs(c, 2, 2, 2, m);
	check_near(m[0], 2, 0);
	check_near(m[1], 3, 0);
	liq_explain_mean_abs(c, 2, 2, 1, m);
	check_near(m[0], 4, 0);
	check_near(m[1], 6, 0);
	liq_explain_mean_abs(c, 0, 2, 0, m);
	check_near(m[0], 0, 0);
	check_near(m[1], 0, 0);
}

static void
t_clamp(void)
{
	check_near(liq_predicted_score(-3.5), 0, 0);
	check_near(liq_predicted_score(42.25), 42.25, 0);
	check_near(liq_predicted_score(100.5), 100, 0);
	check(isnan(liq_predicted_score(NAN)));
}

/* A small regression model on one feature (y = 30 x - 50, x = 0..9):
 * the chunk's predictions are clamped to 0..100, the SHAP contributions
 * of a row add up to the raw output. */
static void
t_chunk(void)
{
	static const char *const params[] = { "objective", "reg:squarederror",
		"max_depth", "3", "eta", "1", "nthread", "1", "verbosity", "0",
		"base_score", "0", NULL };
	float X[10];
	double y[10];
	DMatrixHandle dm;
	BoosterHandle b;
	liq_predict_chunk c;
	int i;

	for (i = 0; i < 10; i++) {
		X[i] = (float)i;
		y[i] = 30.0 * i - 50;
	}
	dm = liq_xgb_matrix(X, 10, 1, NULL, 10, y, NULL);
	b = liq_xgb_booster(dm, params);
	for (i = 0; i < 30; i++)
		liq_xgb_round(b, i, dm);
	liq_predict_chunk_init(&c, 1, 4);
	c.X[c.n++] = 0;      /* raw about -50 */
	c.X[c.n++] = 3;      /* about 40 */
	c.X[c.n++] = 9;      /* about 220 */
	liq_predict_chunk_run(&c, b, NULL, 1);
	check_near(c.predicted[0], 0, 0);
	check_near(c.predicted[1], 40, 0.5);
	check_near(c.predicted[2], 100, 0);
	check(c.prob == NULL);
	check(c.shap != NULL);
	check_near(c.shap[2 * 1] + c.shap[2 * 1 + 1], 40, 0.5);
	check_near(c.shap[2 * 2] + c.shap[2 * 2 + 1], 220, 0.5);
	c.n = 0;
	liq_predict_chunk_run(&c, b, NULL, 0);
	check(c.predicted == NULL && c.shap == NULL);
	liq_predict_chunk_free(&c);
	XGBoosterFree(b);
	XGDMatrixFree(dm);
}

int
main(void)
{
	TEST(t_top(), "SHAP top-K: by |value|, ties in feature order, no bias");
	TEST(t_top_few(), "SHAP top-K: K above the feature count");
	TEST(t_mean_abs(), "mean |SHAP| per feature, over rows");
	TEST(t_clamp(), "a predicted score is clamped to 0..100");
	TEST(t_chunk(), "a chunk predicted: clamped scores, SHAP adding up");
	return tap_done();
}
