/* Unit tests of lib/model/xgb: a one-split regression tree trained on four
 * rows, whose predictions and SHAP values are known by hand; saving and
 * loading it with its feature names and attributes; the parameter check
 * and the non-exiting loaders' errors. */
#include "model/xgb.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* x0 splits the rows into y = 1 and y = 3; x1 is constant, so unused.
 * With base_score 2, eta 1, lambda 0 and one depth-1 round, the leaves
 * are -1 and +1: predictions 1 and 3 exactly, SHAP x0 = -1 or +1, x1 0,
 * bias 2. */
static const float X[8] = { 0, 5, 0, 5, 1, 5, 1, 5 };
static const double Y[4] = { 1, 1, 3, 3 };
static char *names[2] = { (char *)"x0", (char *)"x1" };
static const char *const params[] = {
	"objective", "reg:squarederror", "base_score", "2", "eta", "1",
	"lambda", "0", "max_depth", "1", "min_child_weight", "0",
	"tree_method", "exact", "nthread", "1", "eval_metric", "rmse", NULL
};

static BoosterHandle
train(DMatrixHandle *dm)
{
	BoosterHandle b;

	*dm = liq_xgb_matrix(X, 4, 2, NULL, 4, Y, names);
	b = liq_xgb_booster(*dm, params);
	liq_xgb_set_names(b, names, 2);
	liq_xgb_round(b, 0, *dm);
	return b;
}

static void
check_model(BoosterHandle b, DMatrixHandle dm)
{
	size_t len, i;
	const float *p = liq_xgb_predict(b, dm, 0, 0, &len);
	static const float want_shap[12] = { -1, 0, 2, -1, 0, 2, 1, 0, 2, 1, 0, 2 };

	check_int(len, 4);
	if (len == 4)
		for (i = 0; i < 4; i++)
			check_near(p[i], Y[i], 1e-6);
	p = liq_xgb_predict(b, dm, 2, 0, &len);
	check_int(len, 12);
	if (len == 12)
		for (i = 0; i < 12; i++)
			check_near(p[i], want_shap[i], 1e-6);
}

static void
t_train(void)
{
	DMatrixHandle dm;
	BoosterHandle b = train(&dm);

	check_model(b, dm);
	check_near(liq_xgb_eval(b, 0, dm), 0, 1e-6); /* rmse of an exact fit */
	XGBoosterFree(b);
	XGDMatrixFree(dm);
}

/* A subset of the rows: rows 2 and 3 only (both y = 3): the one round has
 * nothing to split, every prediction is 2 + 1 = 3. */
static void
t_rows(void)
{
	static const long rows[2] = { 2, 3 };
	DMatrixHandle dm = liq_xgb_matrix(X, 4, 2, rows, 2, Y, names), all;
	BoosterHandle b = liq_xgb_booster(dm, params);
	size_t len;
	const float *p;

	liq_xgb_round(b, 0, dm);
	all = liq_xgb_matrix(X, 4, 2, NULL, 4, NULL, names);
	p = liq_xgb_predict(b, all, 0, 0, &len);
	check_int(len, 4);
	if (len == 4) {
		check_near(p[0], 3, 1e-6);
		check_near(p[3], 3, 1e-6);
	}
	XGBoosterFree(b);
	XGDMatrixFree(dm);
	XGDMatrixFree(all);
}

static void
t_save_load(void)
{
	DMatrixHandle dm;
	BoosterHandle b = train(&dm), c;
	char path[64], err[256];
	const char **nm;
	size_t n;
	float pred[4], contrib[12];

	liq_xgb_set_attr(b, "liq_objective", "reg");
	check_str(liq_xgb_attr(b, "liq_objective"), "reg");
	check(liq_xgb_attr(b, "no_such_attr") == NULL);
	strcpy(path, tap_tmpfile(""));
	liq_xgb_save(b, path);
	c = liq_xgb_load(path);
	check_model(c, dm);
	check_str(liq_xgb_attr(c, "liq_objective"), "reg");
	nm = liq_xgb_feature_names(c, &n);
	check_int(n, 2);
	if (n == 2) {
		check_str(nm[0], "x0");
		check_str(nm[1], "x1");
	}
	nm = liq_xgb_try_feature_names(c, &n, err, sizeof err);
	check(nm != NULL && n == 2);
	/* the same through the non-exiting path */
	check_int(liq_xgb_try_shap(c, X, 4, 2, pred, contrib, err, sizeof err), 0);
	check_near(pred[0], 1, 1e-6);
	check_near(pred[2], 3, 1e-6);
	check_near(contrib[0], -1, 1e-6);
	check_near(contrib[2], 2, 1e-6);  /* the bias, last */
	check_near(contrib[6], 1, 1e-6);
	XGBoosterFree(c);
	c = liq_xgb_try_load(path, err, sizeof err);
	check(c != NULL);
	if (c)
		XGBoosterFree(c);
	unlink(path);
	XGBoosterFree(b);
	XGDMatrixFree(dm);
}

static void
t_try_errors(void)
{
	char err[256] = "";
	const char *path;

	check(liq_xgb_try_load("/nonexistent/model.json", err, sizeof err) == NULL);
	check(strstr(err, "/nonexistent/model.json") != NULL);
	path = tap_tmpfile("{ this is not a model");
	err[0] = '\0';
	check(liq_xgb_try_load(path, err, sizeof err) == NULL);
	check(err[0] != '\0');
	unlink(path);
}

static void
check_params(void *v)
{
	liq_xgb_check(v);
}

static void
load_it(void *path)
{
	liq_xgb_load(path);
}

static void
t_exits(void)
{
	static const char *const good[] = { "max_depth", "2", "eta", "0.3", NULL };
	static const char *const bad[] = { "max_depth", "two", NULL };
	static const char *const unused[] = { "no_such_param", "1", NULL };
	char err[1024];

	check_int(tap_exit_of(check_params, (void *)good, err, sizeof err), 0);
	check_int(tap_exit_of(check_params, (void *)bad, err, sizeof err), 2);
	check(strstr(err, "bad XGBoost parameters") != NULL);
	check_int(tap_exit_of(check_params, (void *)unused, err, sizeof err), 2);
	check(strstr(err, "no_such_param") != NULL);
	check_int(tap_exit_of(load_it, (void *)"/nonexistent/model.json", err, sizeof err), 1);
}

int
main(void)
{
	/* first: the children must fork before OpenMP starts its threads */
	TEST(t_exits(), "bad or unused parameters exit 2, a missing model 1");
	TEST(t_train(), "a one-split tree: predictions and SHAP values by hand");
	TEST(t_rows(), "a matrix of some rows only");
	TEST(t_save_load(), "save and load: the same model, names and attributes");
	TEST(t_try_errors(), "non-exiting load: NULL and a message for a missing or bad file");
	return tap_done();
}
