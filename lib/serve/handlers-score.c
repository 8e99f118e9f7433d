/* handlers-score — the model's endpoints: GET /score/{cusip}[?explain=K],
 * POST /score and GET /importance. A bond's predicted score, bucket and
 * probabilities come from scores.tsv (liqscore's output); its SHAP
 * explanation from the latest features row, as liqscore --explain ranks
 * them (model/explain.h). */
#include "serve/handlers.h"

#include "core/text.h"
#include "model/explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The predicted score, its bucket and the bucket probabilities of a bond
 * (scores.tsv's latest row). */
static json_t *
predicted_obj(const liq_tables *T, const liq_score_row *s)
{
	json_t *o = json_object();

	liq_api_set(o, "cusip", liq_json_str(s->cusip));
	liq_api_set(o, "date", liq_api_date(s->date));
	liq_api_set(o, "score", liq_json_num(s->score));
	liq_api_set(o, "bucket", liq_api_str_or_null(s->bucket));
	liq_api_set_probs(o, T, s->cusip);
	return o;
}

/* The K largest SHAP contributions of a bond's latest features row, as
 * liqscore --explain ranks them (liq_explain_top). NULL with out filled
 * when there is none. */
static json_t *
explain(const liq_tables *T, const char *cusip, long K, liq_reply *out)
{
	long i;
	int p = T->nf, j, m, *top;
	const float *c;
	double *work;
	json_t *o, *a;
	char q[64];

	if (!T->features) {
		liq_api_error(out, 400, "explain needs liqserve started with "
			      "--model and --features");
		return NULL;
	}
	i = liq_latest_find(T->features, cusip);
	if (i < 0) {
		liq_api_error(out, 404, "cusip '%s' has no row in %s",
			      liq_quote(q, sizeof q, cusip), T->conf->features);
		return NULL;
	}
	c = T->shap + (size_t)i * (size_t)(p + 1);
	work = malloc(2 * (size_t)(p + 1) * sizeof *work);
	top = malloc((size_t)(p + 1) * sizeof *top);
	if (!work || !top) {
		free(work);
		free(top);
		liq_api_error(out, 500, "out of memory");
		return NULL;
	}
	m = liq_explain_top(c, p, K < p ? (int)K : p, top, work);
	o = json_object();
	liq_api_set(o, "date", liq_api_date(T->features->date[i]));
	liq_api_set(o, "prediction", liq_json_num(T->pred_raw[i]));
	liq_api_set(o, "base_value", liq_json_num(c[p]));
	liq_api_set(o, "features", json_integer(p));
	a = json_array();
	for (j = 0; j < m; j++) {
		int f = top[j];
		json_t *e = json_object();
		liq_api_set(e, "feature", liq_json_str(T->fnames[f]));
		liq_api_set(e, "value", liq_json_num(T->features->x[i * p + f]));
		liq_api_set(e, "shap", liq_json_num(c[f]));
		json_array_append_new(a, e);
	}
	liq_api_set(o, "contributions", a);
	free(work);
	free(top);
	return o;
}

/* ---- /score ------------------------------------------------------------- */

void
liq_api_score(const liq_api_ctx *ctx, const liq_route *r, const liq_query *q,
	      liq_reply *out)
{
	static const char *const allowed[] = { "explain", NULL };
	const liq_tables *T = ctx->T;
	const char *cusip = r->seg[1];
	const liq_score_row *s;
	char err[512], qq[64];
	long K = 0;
	json_t *o, *e = NULL;

	if (liq_query_check(q, allowed, err, sizeof err) != 0 ||
	    liq_query_long(q, "explain", 1, LIQ_API_EXPLAIN_MAX, &K, err,
			    sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	s = liq_score_table_find(T->scores, cusip);
	if (!s) {
		liq_api_error(out, 404, "unknown cusip '%s' (not in %s)",
			      liq_quote(qq, sizeof qq, cusip), T->conf->scores);
		return;
	}
	if (K > 0 && !(e = explain(T, cusip, K, out)))
		return;
	o = predicted_obj(T, s);
	if (e)
		liq_api_set(o, "explain", e);
	out->status = 200;
	out->json = o;
}

void
liq_api_score_batch(const liq_api_ctx *ctx, const char *body, size_t len,
		    liq_reply *out)
{
	static const char *const keys[] = { "cusips", "explain", NULL };
	const liq_tables *T = ctx->T;
	json_t *j = liq_api_parse_body(body, len, keys, out), *a, *res;
	double K = 0;
	size_t i;
	char q[64];

	if (!j)
		return;
	if (!(a = liq_api_batch(j, "cusips", out)) ||
	    liq_api_body_num(j, "explain", 1, LIQ_API_EXPLAIN_MAX, &K, out) != 0) {
		json_decref(j);
		return;
	}
	if (K != floor(K) || (K > 0 && !T->features)) {
		liq_api_error(out, 400, K != floor(K) ? "field 'explain': want a "
			      "whole number" : "explain needs liqserve started "
			      "with --model and --features");
		json_decref(j);
		return;
	}
	for (i = 0; i < json_array_size(a); i++)
		if (!json_is_string(json_array_get(a, i))) {
			liq_api_error(out, 400, "cusips[%zu] is not a string", i);
			json_decref(j);
			return;
		}
	res = json_array();
	for (i = 0; i < json_array_size(a); i++) {
		const char *cu = json_string_value(json_array_get(a, i));
		const liq_score_row *s = liq_score_table_find(T->scores, cu);
		liq_reply er = { 0 };
		json_t *o, *e = NULL;

		if (!s) {
			o = json_object();
			liq_api_set(o, "cusip", liq_json_str(cu));
			liq_api_item_fail(o, "unknown_cusip", "unknown cusip '%s' (not in %s)",
				  liq_quote(q, sizeof q, cu), T->conf->scores);
		} else if (K > 0 && !(e = explain(T, cu, (long)K, &er))) {
			o = json_object();
			liq_api_set(o, "cusip", liq_json_str(cu));
			liq_api_item_fail(o, "no_features", "%s",
				  json_string_value(json_object_get(er.json, "error")));
			json_decref(er.json);
		} else {
			o = predicted_obj(T, s);
			if (e)
				liq_api_set(o, "explain", e);
			liq_api_set(o, "status", json_string("ok"));
		}
		json_array_append_new(res, o);
	}
	json_decref(j);
	out->status = 200;
	out->json = json_object();
	liq_api_set(out->json, "results", res);
}

/* ---- /importance -------------------------------------------------------- */

static int
cmp_imp(const void *a, const void *b)
{
	double x = json_number_value(json_object_get(*(json_t *const *)a, "sort")),
	       y = json_number_value(json_object_get(*(json_t *const *)b, "sort"));

	return (x < y) - (x > y);
}

void
liq_api_importance(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	json_t **row, *a;
	long n = 0, i;
	int j;
	char err[256];

	if (liq_query_check(q, none, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	if (!T->nimp && !T->features) {
		liq_api_error(out, 404, "no importance: start liqserve with "
			      "--importance (liqtrain --importance) or --model "
			      "and --features");
		return;
	}
	row = calloc((size_t)(T->nimp + T->nf + 1), sizeof *row);
	if (!row) {
		liq_api_error(out, 500, "out of memory");
		return;
	}
	/* the file's features, then the model's that the file lacks */
	for (i = 0; i < T->nimp; i++) {
		json_t *o = json_object();
		liq_api_set(o, "feature", liq_json_str(T->imp_feature[i]));
		liq_api_set(o, "mean_abs_shap", liq_json_num(T->imp[3 * i + 2]));
		liq_api_set(o, "gain", liq_json_num(T->imp[3 * i]));
		liq_api_set(o, "total_gain", liq_json_num(T->imp[3 * i + 1]));
		liq_api_set(o, "mean_abs_shap_latest", json_null());
		row[n++] = o;
	}
	for (j = 0; j < (T->features ? T->nf : 0); j++) {
		json_t *o = NULL;
		for (i = 0; i < T->nimp && !o; i++)
			if (strcmp(T->imp_feature[i], T->fnames[j]) == 0)
				o = row[i];
		if (!o) {
			o = json_object();
			liq_api_set(o, "feature", liq_json_str(T->fnames[j]));
			liq_api_set(o, "mean_abs_shap", json_null());
			liq_api_set(o, "gain", json_null());
			liq_api_set(o, "total_gain", json_null());
			row[n++] = o;
		}
		liq_api_set(o, "mean_abs_shap_latest", liq_json_num(T->mean_abs_shap[j]));
	}
	for (i = 0; i < n; i++) {
		json_t *v = json_object_get(row[i], T->nimp ? "mean_abs_shap" :
					    "mean_abs_shap_latest");
		liq_api_set(row[i], "sort", json_real(json_is_number(v) ?
					      json_number_value(v) : -1));
	}
	qsort(row, (size_t)n, sizeof *row, cmp_imp);
	a = json_array();
	for (i = 0; i < n; i++) {
		json_object_del(row[i], "sort");
		json_array_append_new(a, row[i]);
	}
	free(row);
	out->status = 200;
	out->json = json_object();
	liq_api_set(out->json, "source", liq_json_str(T->nimp ? T->conf->importance
						      : "latest"));
	liq_api_set(out->json, "features", a);
}

