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

int
main(void)
{
	TEST(t_top(), "SHAP top-K: by |value|, ties in feature order, no bias");
	TEST(t_top_few(), "SHAP top-K: K above the feature count");
	TEST(t_mean_abs(), "mean |SHAP| per feature, over rows");
	TEST(t_clamp(), "a predicted score is clamped to 0..100");
	return tap_done();
}
