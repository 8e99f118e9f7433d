/* Unit tests of lib/serve/snapshot: a set of tables loaded from small
 * hand-written files (counts, the latest score per bond, importances, the
 * dashboard directory), reloads that fail without exiting and name the
 * file and line, and a model whose predictions and SHAP values over each
 * bond's latest features are known by hand. */
#include "core/diag.h"
#include "model/xgb.h"
#include "serve/snapshot.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

/* dir/name with content; returns the path (static, one per slot) */
static const char *
put(int slot, const char *name, const char *content)
{
	static char path[8][128];
	FILE *f;

	snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
	f = fopen(path[slot], "w");
	if (!f)
		abort();
	fputs(content, f);
	fclose(f);
	return path[slot];
}

static const char bonds[] =
	"cusip\tissuer\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
	"AAA000001\tACME\tbank\tAA+\t3\t2030-01-01\t2020-01-01\t500000000\n"
	"BBB000002\tACME\tbank\tBBB\t4\t2031-01-01\t2020-01-01\t300000000\n"
	"CCC000003\tBETA\ttech\tBBB-\t5\t2032-01-01\t2020-01-01\t200000000\n";
static const char scores[] =
	"cusip\tdate\tscore_pred\tbucket\n"
	"BBB000002\t2021-01-04\t50\tMedium\n"
	"AAA000001\t2021-01-05\t80\tHigh\n"
	"BBB000002\t2021-01-05\t45\tMedium\n";
static const char impact[] =
	"cusip\tn\talpha\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\n"
	"AAA000001\t100\t1\t0.5\t20\t1000000\t10\n"
	"BBB000002\t50\t2\t1\t10\t2000000\t5\n";

static liq_tables_conf
base_conf(void)
{
	liq_tables_conf c = { 0 };

	c.bonds = put(0, "bonds.tsv", bonds);
	c.scores = put(1, "scores.tsv", scores);
	c.impact = put(2, "impact.tsv", impact);
	c.threads = 1;
	return c;
}

static void
t_load(void)
{
	liq_tables_conf c = base_conf();
	liq_tables *T;
	const liq_www_file *f;
	char err[512] = "", www[96], buf[512];

	c.importance = put(3, "importance.tsv",
			   "feature\tgain\ttotal_gain\n"
			   "x0\t2.5\t10\n"
			   "x1\t0.5\tNA\n");
	snprintf(www, sizeof www, "%s/www", dir);
	mkdir(www, 0700);
	put(4, "www/index.html", "<p>hi</p>\n");
	put(5, "www/app.js", "1;\n");
	put(6, "www/.hidden", "secret\n");       /* never served */
	snprintf(buf, sizeof buf, "%s/www/sub", dir);
	mkdir(buf, 0700);                        /* not a file */
	c.www = www;

	T = liq_tables_load(&c, err, sizeof err);
	check(T != NULL);
	if (!T) {
		printf("# %s\n", err);
		return;
	}
	check_int(T->bonds->n, 3);
	check_int(T->scores->n, 2);   /* one row per bond */
	check_int(T->impact->n, 2);
	check_near(liq_score_table_find(T->scores, "BBB000002")->score, 45, 0);
	check_int(T->nimp, 2);
	check_str(T->imp_feature[0], "x0");
	check_near(T->imp[0], 2.5, 0);
	check_near(T->imp[1], 10, 0);
	check(isnan(T->imp[2]));      /* no mean_abs_shap column */
	check(isnan(T->imp[4]));      /* NA */
	check(T->features == NULL);
	check_int(T->recal_rc, -2);

	check_int(T->nwww, 2);
	f = liq_tables_www(T, "index.html");
	check(f != NULL);
	if (f) {
		check_int(f->len, 10);
		check(memcmp(f->data, "<p>hi</p>\n", 10) == 0);
		check_str(f->mime, "text/html; charset=utf-8");
	}
	f = liq_tables_www(T, "app.js");
	check(f != NULL && strcmp(f->mime, "text/javascript; charset=utf-8") == 0);
	check(liq_tables_www(T, ".hidden") == NULL);
	check(liq_tables_www(T, "sub") == NULL);
	check(liq_tables_www(T, "nope.html") == NULL);

	liq_tables_describe(T, buf, sizeof buf);
	check_str(buf, "3 bonds, 2 scores, 2 impact fits, 2 importances, 2 dashboard files");
	liq_tables_free(T);

	/* a dashboard directory that is not there: NULL and the reason */
	snprintf(www, sizeof www, "%s/no-such-dir", dir);
	err[0] = '\0';
	check(liq_tables_load(&c, err, sizeof err) == NULL);
	check(strstr(err, "no-such-dir") != NULL);
}

static void
t_reload(void)
{
	liq_tables_conf c = base_conf();
	liq_tables *T;
	char err[512] = "", buf[256];

	T = liq_tables_reload(&c, err, sizeof err);
	check(T != NULL);
	if (T) {
		liq_tables_describe(T, buf, sizeof buf);
		check_str(buf, "3 bonds, 2 scores, 2 impact fits");
		liq_tables_free(T);
	}
	/* a bad number on line 3 of impact.tsv: named by its own path */
	c.impact = put(2, "impact.tsv",
		       "cusip\tn\talpha\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\n"
		       "AAA000001\t100\t1\t0.5\t20\t1000000\t10\n"
		       "BBB000002\t50\t2x\t1\t10\t2000000\t5\n");
	check(liq_tables_reload(&c, err, sizeof err) == NULL);
	snprintf(buf, sizeof buf, "%s:3:", c.impact);
	check(strstr(err, buf) != NULL);
	check(strstr(err, "'2x'") != NULL);
	check(strchr(err, '\n') == NULL);
	/* a missing column of bonds.tsv */
	c = base_conf();
	c.bonds = put(0, "bonds.tsv", "cusip\tsector\n");
	check(liq_tables_reload(&c, err, sizeof err) == NULL);
	check(strstr(err, "bonds.tsv") != NULL);
	check(strstr(err, "rating") != NULL);
	/* a file that is not there */
	c = base_conf();
	c.scores = "/nonexistent/scores.tsv";
	check(liq_tables_reload(&c, err, sizeof err) == NULL);
	check_str(err, "/nonexistent/scores.tsv: No such file or directory");
}

/* The tree of t-xgb: x0 = 0 -> 1, x0 = 1 -> 3; SHAP x0 -1 or +1, x1 0,
 * bias 2. */
static void
save_model(const char *path, const char *objective)
{
	static const float X[8] = { 0, 5, 0, 5, 1, 5, 1, 5 };
	static const double Y[4] = { 1, 1, 3, 3 };
	static char *names[2] = { (char *)"x0", (char *)"x1" };
	static const char *const params[] = {
		"objective", "reg:squarederror", "base_score", "2", "eta", "1",
		"lambda", "0", "max_depth", "1", "min_child_weight", "0",
		"tree_method", "exact", "nthread", "1", NULL
	};
	DMatrixHandle dm = liq_xgb_matrix(X, 4, 2, NULL, 4, Y, names);
	BoosterHandle b = liq_xgb_booster(dm, params);

	liq_xgb_set_names(b, names, 2);
	liq_xgb_round(b, 0, dm);
	liq_xgb_set_attr(b, "liq_objective", objective);
	liq_xgb_save(b, path);
	XGBoosterFree(b);
	XGDMatrixFree(dm);
}

static void
t_model(void)
{
	liq_tables_conf c = base_conf();
	liq_tables *T;
	char err[512] = "", buf[512], model[96];
	long a, b;

	snprintf(model, sizeof model, "%s/model.json", dir);
	save_model(model, "reg");
	c.model = model;
	/* AAA's latest row has x0 = 1 (an earlier one 0); BBB's x0 = 0 */
	c.features = put(3, "features.tsv",
			 "cusip\tdate\tx1\tx0\n"
			 "AAA000001\t2021-01-04\t5\t0\n"
			 "AAA000001\t2021-01-05\t5\t1\n"
			 "BBB000002\t2021-01-05\t5\t0\n");
	T = liq_tables_load(&c, err, sizeof err);
	check(T != NULL);
	if (!T) {
		printf("# %s\n", err);
		return;
	}
	check_int(T->nf, 2);
	check_str(T->fnames[0], "x0");
	check_str(T->fnames[1], "x1");
	check(T->fnames[2] == NULL);
	check_int(T->features->n, 2);
	a = liq_latest_find(T->features, "AAA000001");
	b = liq_latest_find(T->features, "BBB000002");
	check(a >= 0 && b >= 0);
	if (a >= 0 && b >= 0) {
		check_near(T->pred_raw[a], 3, 1e-6);
		check_near(T->pred_raw[b], 1, 1e-6);
		check_near(T->shap[a * 3 + 0], 1, 1e-6);
		check_near(T->shap[a * 3 + 1], 0, 1e-6);
		check_near(T->shap[a * 3 + 2], 2, 1e-6);
		check_near(T->shap[b * 3 + 0], -1, 1e-6);
	}
	check_near(T->mean_abs_shap[0], 1, 1e-6);
	check_near(T->mean_abs_shap[1], 0, 1e-6);
	liq_tables_describe(T, buf, sizeof buf);
	check_str(buf, "3 bonds, 2 scores, 2 impact fits, a model of 2 features explaining 2 bonds");
	liq_tables_free(T);

	/* features without one of the model's columns: the reload fails
	 * and says which and why */
	c.features = put(3, "features.tsv",
			 "cusip\tdate\tx0\n"
			 "AAA000001\t2021-01-05\t1\n");
	check(liq_tables_reload(&c, err, sizeof err) == NULL);
	snprintf(buf, sizeof buf, "missing column 'x1', a feature of %s", model);
	check(strstr(err, buf) != NULL);

	/* a classification model is refused */
	save_model(model, "class");
	c.features = put(3, "features.tsv", "cusip\tdate\tx0\tx1\n");
	check(liq_tables_load(&c, err, sizeof err) == NULL);
	check(strstr(err, "is a classification model") != NULL);
	unlink(model);
}

int
main(void)
{
	char cmd[128];
	int rc;

	liq_init("t-snapshot");
	strcpy(dir, "/tmp/liq-snapshot-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	/* the reloads fork: before XGBoost starts its threads */
	TEST(t_reload(), "reload: a good set loads; a bad one fails with file:line, never exits");
	TEST(t_load(), "load: counts, latest scores, importances, dashboard files and their types");
	TEST(t_model(), "model: predictions and SHAP of each bond's latest features by hand");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	rc = system(cmd);
	(void)rc;
	return tap_done();
}
