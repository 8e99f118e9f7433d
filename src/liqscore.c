/* liqscore — score every bond and day with a model from liqtrain. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/tsv.h"
#include "format/scores.h"
#include "model/composite.h"
#include "model/explain.h"
#include "model/horizon.h"
#include "model/predict.h"
#include "model/xgb.h"
#include "ref/cusip.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: liqscore -m model.json [-c classifier.json] [--explain K] [--latest]\n"
"                [features.tsv] > scores.tsv\n"
"Predict the liquidity score (0-100) and bucket of every row of liqfeatures'\n"
"output with a regression model from liqtrain, the bucket probabilities with a\n"
"classifier, and the features that drove each score.\n"
"\n"
"  -m, --model FILE      regression model (liqtrain -y score_fwd or score)\n"
"  -c, --classifier FILE classifier (liqtrain -y bucket --objective class):\n"
"                        adds p_low p_medium p_high\n"
"      --explain K       add the K largest SHAP contributions of each score:\n"
"                        shap1_feature shap1_value ... (exact TreeSHAP)\n"
"      --latest          only the last date of each bond\n"
"  -j, --threads N       threads (default 2)\n"
"  -q, --quiet           no summary on stderr\n"
"  -h, --help            this help\n"
"  -V, --version         version\n"
"\n"
"Output: cusip date score_pred bucket p_low p_medium p_high [shap columns]\n"
"\n"
"Examples:\n"
"  liqscore -m model.json -c classifier.json features.tsv > scores.tsv\n"
"  liqscore -m model.json --latest --explain 3 features.tsv | sort -t\"$(printf '\\t')\" -k3,3g | head\n";

#define CHUNK 50000

typedef struct state {
	BoosterHandle reg, cls;
	int nf, explain, latest;
	const char **names;       /* model feature names */
	int *col;                 /* their columns in the input */
	liq_predict_chunk c;      /* the buffered rows' features */
	char (*key)[48];          /* cusip \t date of each buffered row */
	long written;
	liq_row w;
	int *top;                 /* --explain: the features ranked */
	double *work;
} state;

/* Predict the buffered rows and write them. */
static void
flush_chunk(state *S)
{
	liq_predict_chunk *c = &S->c;
	long i;
	int k, m;

	if (c->n == 0)
		return;
	liq_predict_chunk_run(c, S->reg, S->cls, S->explain > 0);
	for (i = 0; i < c->n; i++) {
		double s = c->predicted[i], p[3];
		char *tab = strchr(S->key[i], '\t');
		for (k = 0; k < 3; k++)
			p[k] = c->prob ? c->prob[i * 3 + k] : NAN;
		liq_scores_put(&S->w, S->key[i], (size_t)(tab - S->key[i]), tab + 1,
			       s, liq_bucket(s), p);
		if (c->shap) {
			const float *sh = c->shap + (size_t)i * (size_t)(S->nf + 1);
			m = liq_explain_top(sh, S->nf, S->explain, S->top, S->work);
			for (k = 0; k < S->explain; k++) {
				if (k < m) {
					liq_row_str(&S->w, S->names[S->top[k]]);
					liq_row_num(&S->w, sh[S->top[k]]);
				} else {
					liq_row_na(&S->w);
					liq_row_na(&S->w);
				}
			}
		}
		liq_row_end(&S->w, stdout);
		S->written++;
	}
	c->n = 0;
}

static void
header(const state *S)
{
	liq_row w;
	char name[32];
	int k;

	liq_row_init(&w);
	liq_scores_names(&w);
	for (k = 1; k <= S->explain; k++) {
		snprintf(name, sizeof name, "shap%d_feature", k);
		liq_row_str(&w, name);
		snprintf(name, sizeof name, "shap%d_value", k);
		liq_row_str(&w, name);
	}
	liq_row_end(&w, stdout);
	liq_row_free(&w);
	fflush(stdout);
}

static BoosterHandle
load(const char *path, const char *want, int threads)
{
	BoosterHandle b = liq_xgb_load(path);
	const char *obj = liq_xgb_attr(b, "liq_objective");
	char t[16];

	if (obj && strcmp(obj, want)) {
		int cls = !strcmp(obj, "class");
		XGBoosterFree(b); /* nothing left behind for a leak checker */
		liq_usage("%s is a %s model; give %s", path,
			  cls ? "classification" : "regression",
			  !strcmp(want, "class") ? "a classifier with -c" :
			  "a regression model with -m");
	}
	snprintf(t, sizeof t, "%d", threads);
	liq_xgb_param(b, "nthread", t);
	return b;
}

/* The horizon a model forecasts at, in business days: its liq_horizon,
 * else 21 (liqfeatures' default) for a model of score_fwd or bucket; -1
 * for a model of another target, or one liqtrain did not write. */
static int
model_horizon(BoosterHandle b)
{
	const char *t = liq_xgb_attr(b, "liq_target"), *h;
	int ahead = t && (!strcmp(t, "score_fwd") || !strcmp(t, "bucket"));

	if (!ahead)
		return -1;
	h = liq_xgb_attr(b, "liq_horizon");  /* (t's buffer is reused) */
	return h ? atoi(h) : LIQ_HORIZON_DEFAULT;
}

/* Exit 1 when the features' horizon H is not the model's. */
static void
check_horizon(const char *fpath, int H, const char *mpath, int mh)
{
	if (mh > 0 && H != mh)
		liq_die(LIQ_EXIT_DATA, "%s: score_fwd is the score %d business days "
			"on (liqfeatures -H %d), but %s forecasts %d days on: build "
			"the features with -H %d, or train a model on these", fpath,
			H, H, mpath, mh, mh);
}

int
main(int argc, char **argv)
{
	enum { O_EXPLAIN = LIQ_OPT_LONG_ONLY, O_LATEST };
	static const struct option lo[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "classifier", required_argument, NULL, 'c' },
		{ "explain", required_argument, NULL, O_EXPLAIN },
		{ "latest", no_argument, NULL, O_LATEST },
		{ "threads", required_argument, NULL, 'j' },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *mpath = NULL, *cpath = NULL;
	state S;
	liq_tsv *r;
	int c, threads = 2, k, ccusip, cdate, cscore = -1, cfwd = -1, mh, ch, H = -1;
	liq_horizon *hz = NULL;
	size_t nn;
	char prev[32] = "", prev_date[16] = "";
	int prev_day = 0;
	long rows = 0;

	liq_init(argv[0]);
	memset(&S, 0, sizeof S);
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("m:c:j:"), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case 'm': mpath = optarg; break;
		case 'c': cpath = optarg; break;
		case O_EXPLAIN: S.explain = (int)liq_opt_long("--explain", optarg, 1, 1000); break;
		case O_LATEST: S.latest = 1; break;
		case 'j': threads = (int)liq_opt_long("--threads", optarg, 1, 1024); break;
		}
	}
	if (!mpath)
		liq_usage("-m model.json is required");
	if (optind < argc - 1)
		liq_usage("one features file, please");
	S.reg = load(mpath, "reg", threads);
	if (cpath)
		S.cls = load(cpath, "class", threads);
	{
		/* copy the names: XGBoost's buffer is reused by the next call */
		const char **nm = liq_xgb_feature_names(S.reg, &nn);
		S.nf = (int)nn;
		S.names = liq_xmalloc(nn * sizeof *S.names);
		for (k = 0; k < S.nf; k++)
			S.names[k] = liq_xstrdup(nm[k]);
	}
	if (S.cls) {
		size_t cn;
		const char **cnm = liq_xgb_feature_names(S.cls, &cn);
		if (cn != nn)
			liq_usage("%s and %s were trained on different features", mpath,
				  cpath);
		for (k = 0; k < S.nf; k++)
			if (strcmp(cnm[k], S.names[k]))
				liq_usage("%s and %s were trained on different features "
					  "('%s' and '%s')", mpath, cpath, S.names[k], cnm[k]);
	}
	mh = model_horizon(S.reg);
	ch = S.cls ? model_horizon(S.cls) : -1;
	r = liq_tsv_open(optind < argc ? argv[optind] : "-");
	S.col = liq_xmalloc(nn * sizeof *S.col);
	liq_predict_chunk_init(&S.c, S.nf, CHUNK);
	S.key = liq_xmalloc((size_t)CHUNK * sizeof *S.key);
	S.top = liq_xmalloc((nn + 1) * sizeof *S.top);
	S.work = liq_xmalloc(2 * (nn + 1) * sizeof *S.work);
	liq_row_init(&S.w);
	liq_stdout_buffer();
	if (liq_tsv_header(r)) {
		ccusip = liq_tsv_need(r, "cusip");
		cdate = liq_tsv_need(r, "date");
		for (k = 0; k < S.nf; k++) {
			S.col[k] = liq_tsv_col(r, S.names[k]);
			if (S.col[k] < 0)
				liq_die(LIQ_EXIT_USAGE, "%s: missing column '%s', a feature "
					"of %s", r->name, S.names[k], mpath);
		}
		/* the features' horizon, found back from score and score_fwd
		   (model/horizon.h), must be the models' */
		cscore = liq_tsv_col(r, "score");
		cfwd = liq_tsv_col(r, "score_fwd");
		if ((mh > 0 || ch > 0) && cscore >= 0 && cfwd >= 0)
			hz = liq_horizon_new();
		header(&S);
		while (liq_tsv_next(r)) {
			const char *cu = liq_tsv_cusip(r, ccusip);
			long slot;
			int cmp = strcmp(cu, prev);
			/* a real calendar date (2020-02-30 is refused), and a
			   date is at most 10 bytes, which the key has room for */
			int day = liq_tsv_date(r, cdate);
			rows++;
			if (hz && H < 0 &&
			    (H = liq_horizon_row(hz, cu, liq_bday_floor(day),
						 liq_tsv_num(r, cscore),
						 liq_tsv_num(r, cfwd))) >= 0) {
				check_horizon(r->name, H, mpath, mh);
				check_horizon(r->name, H, cpath, ch);
			}
			if (S.latest && (cmp < 0 || (cmp == 0 && day <= prev_day)))
				liq_tsv_fail(r, "--latest needs the input sorted by "
					     "cusip, date ('%s' %s after '%s' %s)",
					     cu, liq_tsv_field(r, cdate), prev,
					     prev_date);
			/* with --latest, a bond's rows overwrite one slot */
			if (S.latest && cmp == 0 && S.c.n > 0)
				slot = S.c.n - 1;
			else {
				if (S.c.n == CHUNK)
					flush_chunk(&S);
				slot = S.c.n++;
			}
			if (cmp)
				strcpy(prev, cu);
			prev_day = day;
			strcpy(prev_date, liq_tsv_field(r, cdate));
			snprintf(S.key[slot], sizeof S.key[slot], "%s\t%s", cu,
				 liq_tsv_field(r, cdate));
			for (k = 0; k < S.nf; k++)
				S.c.X[(size_t)slot * nn + (size_t)k] =
					(float)liq_tsv_num(r, S.col[k]);
		}
		if (hz && H < 0 && (H = liq_horizon_get(hz)) >= 0) {
			check_horizon(r->name, H, mpath, mh);
			check_horizon(r->name, H, cpath, ch);
		}
	} else {
		header(&S);
	}
	liq_horizon_free(hz);
	flush_chunk(&S);
	liq_tsv_close(r);
	liq_note("%ld rows read, %ld scored", rows, S.written);
	XGBoosterFree(S.reg);
	if (S.cls)
		XGBoosterFree(S.cls);
	for (k = 0; k < S.nf; k++)
		free((void *)S.names[k]);
	free(S.names);
	free(S.col);
	liq_predict_chunk_free(&S.c);
	free(S.key);
	free(S.top);
	free(S.work);
	liq_row_free(&S.w);
	return LIQ_EXIT_OK;
}
