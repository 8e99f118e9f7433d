#include "model/train.h"

#include "core/atomic-file.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/tsv.h"
#include "model/baseline.h"
#include "model/explain.h"
#include "model/horizon.h"
#include "model/metrics.h"
#include "model/xgb.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NCLASS 3

int
liq_cv_splits(const int *d, int n, int cv, int gap, liq_split *out)
{
	int k;

	for (k = 1; k <= cv; k++) {
		int a = (int)((long)k * n / (cv + 1)), b = (int)((long)(k + 1) * n / (cv + 1));
		int last_train = liq_bday_add(d[a], -(long)(gap + 1));
		if (a >= n || b <= a || last_train < d[0])
			return -1;
		snprintf(out[k - 1].name, sizeof out[k - 1].name, "fold%d", k);
		out[k - 1].train_from = d[0];
		out[k - 1].train_to = last_train;
		out[k - 1].eval_from = d[a];
		out[k - 1].eval_to = d[b - 1];
	}
	return cv;
}

/* ---- the run ------------------------------------------------------------ */

typedef struct run {
	const liq_matrix *d;
	const liq_train_opts *o;
	int persist;                /* the persistence baseline applies */
	FILE *fp;
	liq_row w;
} run;

/* Rows dated from..to whose target is NA: skipped by select_rows(), and
 * counted in the summary so that nothing is dropped without a word. */
static long
count_no_target(const liq_matrix *d, int from, int to)
{
	long i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->date[i] >= from && d->date[i] <= to && isnan(d->y[i]);
	return n;
}

static long *
select_rows(const run *R, int from, int to, int need_composite, long *nout)
{
	const liq_matrix *d = R->d;
	long *rows = liq_xmalloc((size_t)(d->n ? d->n : 1) * sizeof *rows), i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->date[i] >= from && d->date[i] <= to && !isnan(d->y[i]) &&
		    !(need_composite && isnan(d->composite[i])))
			rows[n++] = i;
	*nout = n;
	return rows;
}

static char **
xgb_params(const run *R)
{
	const liq_train_opts *o = R->o;
	char **p = liq_xmalloc((size_t)(2 * (10 + o->nparams) + 1) * sizeof *p);
	int k = 0, i;
	char buf[64];

#define KV(key, val) (p[k++] = liq_xstrdup(key), p[k++] = liq_xstrdup(val))
	KV("objective", R->d->is_class ? "multi:softprob" : "reg:squarederror");
	if (R->d->is_class)
		KV("num_class", "3");
	KV("eval_metric", R->d->is_class ? "mlogloss" : "rmse");
	KV("tree_method", "hist");
	snprintf(buf, sizeof buf, "%d", o->depth);
	KV("max_depth", buf);
	snprintf(buf, sizeof buf, "%.10g", o->eta);
	KV("eta", buf);
	snprintf(buf, sizeof buf, "%d", o->threads);
	KV("nthread", buf);
	snprintf(buf, sizeof buf, "%lu", o->seed);
	KV("seed", buf);
	KV("verbosity", "0");
	for (i = 0; i < o->nparams; i++) {
		char *eq = strchr(o->params[i], '=');
		p[k] = liq_xstrdup(o->params[i]);
		p[k][eq - o->params[i]] = '\0';
		k++;
		p[k++] = liq_xstrdup(eq + 1);
	}
#undef KV
	p[k] = NULL;
	return p;
}

static void
free_params(char **p)
{
	int i;

	for (i = 0; p[i]; i++)
		free(p[i]);
	free(p);
}

/* Train an XGBoost model on `tr`; with `va` given and rounds_fixed <= 0,
 * stop early on va and report the best number of rounds in *best. */
static BoosterHandle
fit_xgb(const run *R, const long *tr, long ntr, const long *va, long nva,
	int rounds_fixed, int *best, const char *label)
{
	const liq_matrix *d = R->d;
	DMatrixHandle dtr = liq_xgb_matrix(d->X, d->n, d->p, tr, ntr, d->y, d->names);
	DMatrixHandle dva = NULL;
	char **params = xgb_params(R);
	BoosterHandle b = liq_xgb_booster(dtr, (const char *const *)params);
	int it, best_it = 0, max = rounds_fixed > 0 ? rounds_fixed : R->o->rounds;
	double best_v = INFINITY;

	liq_xgb_set_names(b, d->names, d->p);
	if (va && rounds_fixed <= 0)
		dva = liq_xgb_matrix(d->X, d->n, d->p, va, nva, d->y, NULL);
	for (it = 0; it < max; it++) {
		liq_xgb_round(b, it, dtr);
		if (dva) {
			double v = liq_xgb_eval(b, it, dva);
			if (v < best_v) {
				best_v = v;
				best_it = it;
			}
			if (R->o->progress)
				fprintf(stderr, "\r%s: %s round %d: validation %s %.6g (best %d)   ",
					liq_progname, label, it + 1,
					d->is_class ? "mlogloss" : "rmse", v, best_it + 1);
			if (it - best_it >= R->o->patience)
				break;
		} else if (R->o->progress) {
			fprintf(stderr, "\r%s: %s round %d of %d   ", liq_progname, label,
				it + 1, max);
		}
	}
	if (R->o->progress)
		fputc('\n', stderr);
	if (best)
		*best = dva ? best_it + 1 : max;
	if (dva)
		XGDMatrixFree(dva);
	XGDMatrixFree(dtr);
	free_params(params);
	return b;
}

/* predictions of rows ev: n values, or n x 3 probabilities */
static double *
predict_xgb(const run *R, BoosterHandle b, const long *ev, long nev, int rounds)
{
	const liq_matrix *d = R->d;
	DMatrixHandle dm = liq_xgb_matrix(d->X, d->n, d->p, ev, nev, NULL, NULL);
	size_t len, i, k = d->is_class ? NCLASS : 1;
	const float *out = liq_xgb_predict(b, dm, 0, rounds, &len);
	double *p = liq_xmalloc((size_t)(nev ? nev : 1) * k * sizeof *p);

	if (len != (size_t)nev * k)
		liq_die(LIQ_EXIT_DATA, "xgboost: %zu predictions for %ld rows", len, nev);
	for (i = 0; i < len; i++)
		p[i] = out[i];
	XGDMatrixFree(dm);
	return p;
}

static void
metric_row(run *R, const char *split, const char *model, const long *ev,
	   long nev, const double *pred, int hard)
{
	const liq_matrix *d = R->d;
	int lo = 0, hi = 0;
	long i;

	for (i = 0; i < nev; i++) {
		if (i == 0 || d->date[ev[i]] < lo)
			lo = d->date[ev[i]];
		if (i == 0 || d->date[ev[i]] > hi)
			hi = d->date[ev[i]];
	}
	liq_row_str(&R->w, split);
	liq_row_str(&R->w, model);
	if (nev) {
		liq_row_date(&R->w, lo);
		liq_row_date(&R->w, hi);
	} else {
		liq_row_na(&R->w);
		liq_row_na(&R->w);
	}
	liq_row_long(&R->w, nev);
	if (d->is_class) {
		int *y = liq_xmalloc((size_t)(nev ? nev : 1) * sizeof *y);
		double *work = liq_xmalloc((size_t)(2 * nev + 2) * sizeof *work);
		liq_class_metrics m;
		for (i = 0; i < nev; i++)
			y[i] = (int)d->y[ev[i]];
		liq_class_metrics_of(y, pred, (size_t)nev, NCLASS, hard, work, &m);
		liq_row_na(&R->w);
		liq_row_na(&R->w);
		liq_row_na(&R->w);
		liq_row_num(&R->w, m.accuracy);
		liq_row_num(&R->w, m.logloss);
		liq_row_num(&R->w, m.auc);
		free(y);
		free(work);
	} else {
		double *y = liq_xmalloc((size_t)(nev ? nev : 1) * sizeof *y);
		liq_reg_metrics m;
		for (i = 0; i < nev; i++)
			y[i] = d->y[ev[i]];
		liq_reg_metrics_of(y, pred, (size_t)nev, &m);
		liq_row_num(&R->w, m.mae);
		liq_row_num(&R->w, m.rmse);
		liq_row_num(&R->w, m.r2);
		liq_row_na(&R->w);
		liq_row_na(&R->w);
		liq_row_na(&R->w);
		free(y);
	}
	liq_row_end(&R->w, R->fp);
	fflush(R->fp);
}

/* The three models' metrics on one split's evaluation rows. */
static void
evaluate(run *R, const char *split, BoosterHandle b, int rounds, const long *tr,
	 long ntr, const long *ev, long nev)
{
	double *p;

	p = predict_xgb(R, b, ev, nev, rounds);
	metric_row(R, split, "xgboost", ev, nev, p, 0);
	free(p);
	p = liq_baseline_linear(R->d, tr, ntr, ev, nev);
	metric_row(R, split, "linear", ev, nev, p, 0);
	free(p);
	if (R->persist) {
		p = liq_baseline_persistence(R->d, ev, nev);
		metric_row(R, split, "persistence", ev, nev, p, 1);
		free(p);
	}
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static void
check_target(const run *R, const long *tr, long ntr, const char *what)
{
	const liq_matrix *d = R->d;
	long i;

	if (ntr == 0)
		liq_die(LIQ_EXIT_DATA, "no training rows with a '%s' value in %s",
			d->target, what);
	for (i = 1; i < ntr; i++)
		if (d->y[tr[i]] != d->y[tr[0]])
			return;
	liq_die(LIQ_EXIT_DATA, "target '%s' is constant (%g) over the %ld training "
		"rows of %s: nothing to learn", d->target, d->y[tr[0]], ntr, what);
}

static void
write_splits(const liq_train_opts *o, const liq_split *s, int n, const long *ntr,
	     const long *nev)
{
	static const char *const H[] = { "split", "train_from", "train_to",
		"eval_from", "eval_to", "train_rows", "eval_rows", NULL };
	liq_ofile *f = liq_ofile_open(o->splits_out);
	FILE *fp = liq_ofile_fp(f);
	liq_row w;
	int i;

	liq_row_init(&w);
	liq_write_header(fp, H);
	for (i = 0; i < n; i++) {
		liq_row_str(&w, s[i].name);
		liq_row_date(&w, s[i].train_from);
		liq_row_date(&w, s[i].train_to);
		liq_row_date(&w, s[i].eval_from);
		liq_row_date(&w, s[i].eval_to);
		liq_row_long(&w, ntr[i]);
		liq_row_long(&w, nev[i]);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
	liq_ofile_close(f);
}

typedef struct imp {
	const char *name;
	double gain, total_gain, shap;
} imp;

static int
cmp_imp(const void *a, const void *b)
{
	const imp *x = a, *y = b;

	if (x->shap != y->shap)
		return x->shap > y->shap ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* gain from XGBoost's own feature scores; mean |SHAP| over up to 5,000
 * training rows taken at even steps (all classes summed for classes) */
static void
write_importance(const run *R, BoosterHandle b, int rounds, const long *tr, long ntr)
{
	static const char *const H[] = { "feature", "gain", "total_gain",
		"mean_abs_shap", NULL };
	const liq_matrix *d = R->d;
	imp *v = liq_xcalloc((size_t)d->p, sizeof *v);
	const char *types[2] = { "{\"importance_type\": \"gain\"}",
				 "{\"importance_type\": \"total_gain\"}" };
	long step = ntr > 5000 ? (ntr + 4999) / 5000 : 1, ns = 0, i;
	long *sample = liq_xmalloc((size_t)(ntr ? ntr : 1) * sizeof *sample);
	int t, j;
	liq_ofile *f;
	liq_row w;

	for (j = 0; j < d->p; j++)
		v[j].name = d->names[j];
	for (t = 0; t < 2; t++) {
		bst_ulong nf, dim;
		const char **fn;
		const bst_ulong *shape;
		const float *sc;
		if (XGBoosterFeatureScore(b, types[t], &nf, &fn, &dim, &shape, &sc) != 0)
			liq_die(LIQ_EXIT_DATA, "xgboost: %s", liq_xgb_last_error());
		for (i = 0; i < (long)nf; i++)
			for (j = 0; j < d->p; j++)
				if (!strcmp(fn[i], d->names[j])) {
					if (t == 0)
						v[j].gain = sc[i];
					else
						v[j].total_gain = sc[i];
				}
	}
	for (i = 0; i < ntr; i += step)
		sample[ns++] = tr[i];
	{
		DMatrixHandle dm = liq_xgb_matrix(d->X, d->n, d->p, sample, ns, NULL, NULL);
		size_t len;
		const float *s = liq_xgb_predict(b, dm, 2, rounds, &len);
		double *mean = liq_xmalloc((size_t)(d->p ? d->p : 1) * sizeof *mean);
		liq_explain_mean_abs(s, (long)(len / (size_t)(d->p + 1)), d->p, ns, mean);
		for (j = 0; j < d->p; j++)
			v[j].shap = mean[j];
		free(mean);
		XGDMatrixFree(dm);
	}
	qsort(v, (size_t)d->p, sizeof *v, cmp_imp);
	f = liq_ofile_open(R->o->importance_out);
	liq_row_init(&w);
	liq_write_header(liq_ofile_fp(f), H);
	for (j = 0; j < d->p; j++) {
		liq_row_str(&w, v[j].name);
		liq_row_num(&w, v[j].gain);
		liq_row_num(&w, v[j].total_gain);
		liq_row_num(&w, v[j].shap);
		liq_row_end(&w, liq_ofile_fp(f));
	}
	liq_row_free(&w);
	liq_ofile_close(f);
	free(v);
	free(sample);
}

static void
date_range(char *buf, size_t n, int a, int b)
{
	char x[11], y[11];

	liq_date_fmt(x, a);
	liq_date_fmt(y, b);
	snprintf(buf, n, "%s:%s", x, y);
}

void
liq_train_run(const liq_matrix *d, const liq_train_opts *o, FILE *fp)
{
	static const char *const H[] = { "split", "model", "start", "end", "rows",
		"mae", "rmse", "r2", "accuracy", "logloss", "auc", NULL };
	run R;
	int *dates, nd = 0, k, nsp, best = o->rounds, train_to = o->train_to;
	liq_split *sp;
	long i, *ntr_s, *nev_s, *tr_all, ntr_all;

	memset(&R, 0, sizeof R);
	R.d = d;
	R.o = o;
	R.fp = fp;
	/* persistence forecasts a later composite score (or its bucket) by
	   the day's: nothing to compare when the target is `score` itself */
	R.persist = d->has_composite && (d->is_class ? !strcmp(d->target, "bucket")
						     : strcmp(d->target, "score") != 0);
	{
		char **params = xgb_params(&R);
		liq_xgb_check((const char *const *)params);
		free_params(params);
	}
	liq_row_init(&R.w);
	liq_write_header(fp, H);

	/* the training period: capped gap days before the test period */
	if (o->test_from != INT_MIN) {
		int cap = liq_bday_add(o->test_from, -(long)(o->gap + 1));
		if (cap < train_to)
			train_to = cap;
	}
	dates = liq_xmalloc((size_t)(d->n ? d->n : 1) * sizeof *dates);
	for (i = 0; i < d->n; i++)
		if (d->date[i] >= o->train_from && d->date[i] <= train_to &&
		    !isnan(d->y[i]))
			dates[nd++] = d->date[i];
	qsort(dates, (size_t)nd, sizeof *dates, cmp_int);
	for (i = k = 0; i < nd; i++)
		if (k == 0 || dates[i] != dates[k - 1])
			dates[k++] = dates[i];
	nd = k;
	tr_all = select_rows(&R, o->train_from, train_to, 0, &ntr_all);
	check_target(&R, tr_all, ntr_all, "the training period");

	sp = liq_xcalloc((size_t)o->cv + 1, sizeof *sp);
	ntr_s = liq_xcalloc((size_t)o->cv + 1, sizeof *ntr_s);
	nev_s = liq_xcalloc((size_t)o->cv + 1, sizeof *nev_s);
	nsp = liq_cv_splits(dates, nd, o->cv, o->gap, sp);
	if (nsp < 0)
		liq_die(LIQ_EXIT_DATA, "the training period (%d dates) is too short for "
			"%d folds with a gap of %d business days", nd, o->cv, o->gap);

	/* early stopping on the latest fold, then every fold */
	if (nsp > 0) {
		long ntr, nev, *tr, *ev;
		BoosterHandle b, last;
		liq_split *s = &sp[nsp - 1];
		tr = select_rows(&R, s->train_from, s->train_to, 0, &ntr);
		ev = select_rows(&R, s->eval_from, s->eval_to, R.persist, &nev);
		check_target(&R, tr, ntr, s->name);
		if (nev == 0)
			liq_die(LIQ_EXIT_DATA, "no validation rows in %s", s->name);
		/* the latest fold's booster is kept: its first `best` trees are
		   the model a refit with `best` rounds would build (the
		   validation rows only watch), so that fold is not fitted again */
		last = fit_xgb(&R, tr, ntr, ev, nev, 0, &best, s->name);
		free(tr);
		free(ev);
		for (k = 0; k < nsp; k++) {
			s = &sp[k];
			tr = select_rows(&R, s->train_from, s->train_to, 0, &ntr);
			ev = select_rows(&R, s->eval_from, s->eval_to, R.persist, &nev);
			check_target(&R, tr, ntr, s->name);
			b = k == nsp - 1 ? last :
			    fit_xgb(&R, tr, ntr, NULL, 0, best, NULL, s->name);
			evaluate(&R, s->name, b, best, tr, ntr, ev, nev);
			ntr_s[k] = ntr;
			nev_s[k] = nev;
			XGBoosterFree(b);
			free(tr);
			free(ev);
		}
	}

	/* the final model on the whole training period */
	{
		BoosterHandle b = fit_xgb(&R, tr_all, ntr_all, NULL, 0, best, NULL, "final");
		char buf[64];
		liq_split *s = &sp[nsp];
		snprintf(s->name, sizeof s->name, "test");
		s->train_from = dates[0];
		s->train_to = dates[nd - 1];
		ntr_s[nsp] = ntr_all;
		if (o->test_from != INT_MIN) {
			long nev, *ev = select_rows(&R, o->test_from, o->test_to, R.persist, &nev);
			s->eval_from = o->test_from;
			s->eval_to = o->test_to;
			nev_s[nsp] = nev;
			if (nev == 0)
				liq_warn("no test rows with a '%s' value in the test period",
					 d->target);
			evaluate(&R, "test", b, best, tr_all, ntr_all, ev, nev);
			free(ev);
		}
		liq_xgb_set_attr(b, "liq_target", d->target);
		liq_xgb_set_attr(b, "liq_objective", d->is_class ? "class" : "reg");
		date_range(buf, sizeof buf, dates[0], dates[nd - 1]);
		liq_xgb_set_attr(b, "liq_train", buf);
		if (o->test_from != INT_MIN) {
			date_range(buf, sizeof buf, o->test_from, o->test_to);
			liq_xgb_set_attr(b, "liq_test", buf);
		}
		snprintf(buf, sizeof buf, "%d", best);
		liq_xgb_set_attr(b, "liq_rounds", buf);
		snprintf(buf, sizeof buf, "%d", o->gap);
		liq_xgb_set_attr(b, "liq_gap", buf);
		/* the horizon of score_fwd, when the target depends on it
		   and it is not the default (a model without the attribute
		   is a 21-day one: models trained before it mean the same) */
		if (d->horizon > 0 && d->horizon != LIQ_HORIZON_DEFAULT &&
		    (!strcmp(d->target, "score_fwd") || !strcmp(d->target, "bucket"))) {
			snprintf(buf, sizeof buf, "%d", d->horizon);
			liq_xgb_set_attr(b, "liq_horizon", buf);
		}
		liq_xgb_set_attr(b, "liq_version", "liqtrain (liq) " LIQ_VERSION);
		if (o->model_out)
			liq_xgb_save(b, o->model_out);
		if (o->importance_out)
			write_importance(&R, b, best, tr_all, ntr_all);
		if (o->splits_out)
			write_splits(o, sp, nsp + (o->test_from != INT_MIN), ntr_s, nev_s);
		liq_note("%ld training rows (%ld more without a '%s' value, "
			 "skipped), %d features, %d rounds%s", ntr_all,
			 count_no_target(d, o->train_from, train_to), d->target,
			 d->p, best, nsp ? " (early stopping on the last fold)" : "");
		XGBoosterFree(b);
	}
	free(dates);
	free(tr_all);
	free(sp);
	free(ntr_s);
	free(nev_s);
	liq_row_free(&R.w);
}
