#include "serve/api.h"

#include "ref/bonds.h"
#include "core/dates.h"
#include "core/num.h"
#include "cost/pretrade.h"
#include "model/composite.h"
#include "model/explain.h"
#include "ref/rating.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GET "GET, HEAD"
#define POST "POST"

void
liq_api_error(liq_reply *out, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memset(out, 0, sizeof *out);
	out->status = status;
	out->json = liq_json_error(status, "%s", msg);
}

/* ---- routing ------------------------------------------------------------ */

static int
is_get(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

int
liq_api_route(const char *method, const char *path, liq_route *r,
	      liq_reply *out)
{
	const char *allow = GET, *s0;
	char q[64];
	int n, id = 0, post = 0;

	memset(out, 0, sizeof *out);
	r->id = 0;
	n = liq_route_split(path, r->buf, sizeof r->buf, r->seg, 8);
	r->nseg = n;
	s0 = n > 0 ? r->seg[0] : "";
	if (n == 0) {
		id = LIQ_R_FILE;
	} else if (n == 1 && strcmp(s0, "health") == 0) {
		id = LIQ_R_HEALTH;
	} else if (n == 1 && strcmp(s0, "score") == 0) {
		id = LIQ_R_SCORE_BATCH, post = 1, allow = POST;
	} else if (n == 2 && strcmp(s0, "score") == 0) {
		id = LIQ_R_SCORE;
	} else if (n == 1 && strcmp(s0, "pretrade") == 0) {
		id = LIQ_R_PRETRADE_BATCH, post = 1, allow = POST;
	} else if (n == 4 && strcmp(s0, "pretrade") == 0) {
		id = LIQ_R_PRETRADE;
	} else if (n == 2 && strcmp(s0, "universe") == 0 &&
		   strcmp(r->seg[1], "map") == 0) {
		id = LIQ_R_MAP;
	} else if (n == 1 && strcmp(s0, "impact") == 0) {
		id = LIQ_R_IMPACT_ALL;
	} else if (n == 2 && strcmp(s0, "impact") == 0) {
		id = LIQ_R_IMPACT;
	} else if (n == 1 && strcmp(s0, "bonds") == 0) {
		id = LIQ_R_BONDS;
	} else if (n == 1 && strcmp(s0, "importance") == 0) {
		id = LIQ_R_IMPORTANCE;
	} else if (n == 1 && strcmp(s0, "openapi.json") == 0) {
		id = LIQ_R_OPENAPI;
	} else if (n == 1 && liq_route_file_ok(s0)) {
		id = LIQ_R_FILE;
	}
	if (!id) {
		const char *hint = "";
		if (n > 0 && strcmp(s0, "pretrade") == 0)
			hint = " (want /pretrade/{cusip}/{size_mm}/{side})";
		else if (n > 0 && strcmp(s0, "score") == 0)
			hint = " (want /score/{cusip})";
		else if (n > 0 && strcmp(s0, "impact") == 0)
			hint = " (want /impact or /impact/{cusip})";
		liq_api_error(out, 404, "no such path '%s'%s; GET /openapi.json "
			      "lists the API", liq_quote(q, sizeof q, path), hint);
		return 404;
	}
	if (post ? strcmp(method, "POST") != 0 : !is_get(method)) {
		liq_api_error(out, 405, "method %s not allowed on '%s' (allowed: "
			      "%s)", liq_quote(q, sizeof q, method), path, allow);
		out->allow = allow;
		return 405;
	}
	r->id = id;
	r->post = post;
	return 0;
}

/* ---- pieces ------------------------------------------------------------- */

static void
set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *
date_json(int d)
{
	char buf[16];

	liq_date_fmt(buf, d);
	return json_string(buf);
}

/* The probabilities of scores.tsv's latest row of a bond (NaN: none). */
static void
probs(const liq_tables *T, const char *cusip, double p[3])
{
	const liq_score_row *s = liq_score_table_find(T->scores, cusip);
	int k;

	for (k = 0; k < 3; k++)
		p[k] = s ? s->p[k] : NAN;
}

static void
set_probs(json_t *o, const liq_tables *T, const char *cusip)
{
	double p[3];

	probs(T, cusip, p);
	set(o, "p_low", liq_json_num(p[0]));
	set(o, "p_medium", liq_json_num(p[1]));
	set(o, "p_high", liq_json_num(p[2]));
}

static json_t *
str_or_null(const char *s)
{
	return s && s[0] && strcmp(s, "NA") != 0 ? liq_json_str(s) : json_null();
}

static json_t *
score_obj(const liq_tables *T, const liq_score_row *s)
{
	json_t *o = json_object();

	set(o, "cusip", json_string(s->cusip));
	set(o, "date", date_json(s->date));
	set(o, "score", liq_json_num(s->score));
	set(o, "bucket", str_or_null(s->bucket));
	set_probs(o, T, s->cusip);
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
	set(o, "date", date_json(T->features->date[i]));
	set(o, "prediction", liq_json_num(T->pred[i]));
	set(o, "base_value", liq_json_num(c[p]));
	set(o, "features", json_integer(p));
	a = json_array();
	for (j = 0; j < m; j++) {
		int f = top[j];
		json_t *e = json_object();
		set(e, "feature", json_string(T->fnames[f]));
		set(e, "value", liq_json_num(T->features->x[i * p + f]));
		set(e, "shap", liq_json_num(c[f]));
		json_array_append_new(a, e);
	}
	set(o, "contributions", a);
	free(work);
	free(top);
	return o;
}

/* ---- /health ------------------------------------------------------------ */

static void
health(const liq_api_ctx *ctx, liq_reply *out)
{
	const liq_tables *T = ctx->T;
	json_t *o = json_object(), *t = json_object();
	char when[32];
	struct tm tm;

	set(o, "status", json_string("ok"));
	set(o, "version", json_string(LIQ_VERSION));
	gmtime_r(&T->loaded, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	set(o, "loaded_at", json_string(when));
	set(o, "uptime_s", json_integer((json_int_t)(time(NULL) - ctx->started)));
	set(o, "reloads", json_integer(ctx->reloads));
	set(o, "failed_reloads", json_integer(ctx->failed_reloads));
	set(t, "bonds", json_integer(T->bonds->n));
	set(t, "scores", json_integer((json_int_t)T->scores->n));
	set(t, "impact", json_integer((json_int_t)T->impact->n));
	set(t, "impact_posterior", json_boolean(T->impact->posterior));
	set(t, "features", T->features ? json_integer(T->features->n) : json_null());
	set(t, "model_features", T->features ? json_integer(T->nf) : json_null());
	set(t, "importance", T->nimp ? json_integer(T->nimp) : json_null());
	set(t, "dashboard_files", T->conf->www ? json_integer(T->nwww) : json_null());
	set(t, "interval_width", liq_json_num(T->recal.k));
	set(t, "recalibration_prints", T->conf->prints ? json_integer(T->recal.n) : json_null());
	set(o, "tables", t);
	out->status = 200;
	out->json = o;
}

/* ---- /score ------------------------------------------------------------- */

static void
score(const liq_api_ctx *ctx, const liq_route *r, const liq_query *q,
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
	o = score_obj(T, s);
	if (e)
		set(o, "explain", e);
	out->status = 200;
	out->json = o;
}

/* Parse a POST body as a JSON object; NULL with out filled if it is not. */
static json_t *
parse_body(const char *body, size_t len, const char *const *keys,
	   liq_reply *out)
{
	json_error_t je;
	json_t *j;
	const char *k;
	json_t *v;
	char q[64];
	int i;

	if (len == 0) {
		liq_api_error(out, 400, "empty body (want a JSON object)");
		return NULL;
	}
	j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		if (strstr(je.text, "JSON_ALLOW_NUL"))
			liq_api_error(out, 400, "bad JSON at line %d, column %d: a "
				      "string holds \\u0000, which liqserve does not "
				      "take", je.line, je.column);
		else
			liq_api_error(out, 400, "bad JSON at line %d, column %d: %s",
				      je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		liq_api_error(out, 400, "the body is not a JSON object");
		json_decref(j);
		return NULL;
	}
	json_object_foreach(j, k, v) {
		for (i = 0; keys[i]; i++)
			if (strcmp(k, keys[i]) == 0)
				break;
		if (!keys[i]) {
			liq_api_error(out, 400, "unknown field '%s' in the body",
				      liq_quote(q, sizeof q, k));
			json_decref(j);
			return NULL;
		}
	}
	return j;
}

/* The array field `key` of a body, 1 to LIQ_API_BATCH_MAX long. */
static json_t *
batch(json_t *j, const char *key, liq_reply *out)
{
	json_t *a = json_object_get(j, key);

	if (!json_is_array(a)) {
		liq_api_error(out, 400, "want a field '%s' holding an array", key);
		return NULL;
	}
	if (json_array_size(a) > LIQ_API_BATCH_MAX) {
		liq_api_error(out, 400, "too many %s: %zu (at most %d)",
			      key, json_array_size(a), LIQ_API_BATCH_MAX);
		return NULL;
	}
	return a;
}

/* An optional numeric field of a body in [lo, hi]. */
static int
body_num(json_t *j, const char *key, double lo, double hi, double *x,
	 liq_reply *out)
{
	json_t *v = json_object_get(j, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || !(json_number_value(v) >= lo &&
				     json_number_value(v) <= hi)) {
		liq_api_error(out, 400, "field '%s': want a number from %g to %g",
			      key, lo, hi);
		return -1;
	}
	*x = json_number_value(v);
	return 0;
}

/* A batch item that could not be answered: the cusip (or whatever the
 * query holds), a status word and the message. */
static void
item_fail(json_t *o, const char *status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	set(o, "status", json_string(status));
	set(o, "error", liq_json_str(msg));
}

static void
score_batch(const liq_api_ctx *ctx, const char *body, size_t len,
	    liq_reply *out)
{
	static const char *const keys[] = { "cusips", "explain", NULL };
	const liq_tables *T = ctx->T;
	json_t *j = parse_body(body, len, keys, out), *a, *res;
	double K = 0;
	size_t i;
	char q[64];

	if (!j)
		return;
	if (!(a = batch(j, "cusips", out)) ||
	    body_num(j, "explain", 1, LIQ_API_EXPLAIN_MAX, &K, out) != 0) {
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
			set(o, "cusip", liq_json_str(cu));
			item_fail(o, "unknown_cusip", "unknown cusip '%s' (not in %s)",
				  liq_quote(q, sizeof q, cu), T->conf->scores);
		} else if (K > 0 && !(e = explain(T, cu, (long)K, &er))) {
			o = json_object();
			set(o, "cusip", liq_json_str(cu));
			item_fail(o, "no_features", "%s",
				  json_string_value(json_object_get(er.json, "error")));
			json_decref(er.json);
		} else {
			o = score_obj(T, s);
			if (e)
				set(o, "explain", e);
			set(o, "status", json_string("ok"));
		}
		json_array_append_new(res, o);
	}
	json_decref(j);
	out->status = 200;
	out->json = json_object();
	set(out->json, "results", res);
}

/* ---- /pretrade ---------------------------------------------------------- */

/* pretrade(1)'s row for a query, from the same lib/pretrade code; its
 * status in *status when asked. */
static json_t *
pt_row(const liq_tables *T, const liq_pt_query *pq, const char **status)
{
	const liq_score_row *sc = liq_score_table_find(T->scores, pq->cusip);
	json_t *o = json_object();
	liq_pt_answer a;

	liq_pretrade_answer(liq_impact_table_find(T->impact, pq->cusip),
			    T->conf->impact, pq, &a);
	set(o, "cusip", liq_json_str(pq->cusip));
	set(o, "size_mm", liq_json_num(a.size_usd / 1e6));
	set(o, "side", liq_json_str(pq->side));
	if (!isnan(pq->target_bps))
		set(o, "target_cost_bps", liq_json_num(pq->target_bps));
	if (!isnan(pq->days))
		set(o, "days", liq_json_num(pq->days));
	set(o, "participation", liq_json_num(pq->participation));
	set(o, "half_spread_bps", liq_json_num(a.cost.half_spread_bps));
	set(o, "impact_bps", liq_json_num(a.cost.impact_bps));
	set(o, "cost_bps", liq_json_num(a.cost.cost_bps));
	set(o, "cost_lo_bps", liq_json_num(a.cost.cost_lo_bps));
	set(o, "cost_hi_bps", liq_json_num(a.cost.cost_hi_bps));
	set(o, "cost_usd", liq_json_num(a.cost.cost_usd));
	set(o, "exec_days", liq_json_num(a.cost.exec_days));
	set(o, "score", liq_json_num(sc ? sc->score : NAN));
	set(o, "bucket", str_or_null(sc ? sc->bucket : NULL));
	set_probs(o, T, pq->cusip);
	set(o, "status", json_string(a.status));
	if (a.msg[0])
		set(o, "error", liq_json_str(a.msg));
	if (status)
		*status = a.status;
	return o;
}

static void
pretrade(const liq_api_ctx *ctx, const liq_route *r, const liq_query *qp,
	 liq_reply *out)
{
	static const char *const allowed[] = { "participation", "target_cost_bps",
					       "days", NULL };
	const liq_tables *T = ctx->T;
	liq_pt_query pq;
	const char *status;
	double target = NAN, days = NAN;
	char err[512];
	json_t *o;

	pq.cusip = r->seg[1];
	pq.size_text = r->seg[2];
	pq.side = r->seg[3];
	pq.participation = LIQ_PARTICIPATION;
	pq.target_bps = pq.days = NAN;
	if (liq_query_check(qp, allowed, err, sizeof err) != 0 ||
	    liq_query_num(qp, "participation", 1e-6, 1, &pq.participation, err,
			   sizeof err) != 0 ||
	    liq_query_num(qp, "target_cost_bps", 0, 1e6, &target, err,
			   sizeof err) != 0 ||
	    liq_query_num(qp, "days", 1e-6, 1e6, &days, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	/* the checks of pretrade(1), as HTTP statuses: a bad size or side is
	 * a bad request, an unknown cusip a missing resource */
	if (liq_num_parse(pq.size_text, &pq.size_mm) != LIQ_NUM_OK)
		pq.size_mm = NAN;
	o = pt_row(T, &pq, &status);
	if (strcmp(status, "unknown_cusip") == 0 || strcmp(status, "bad_size") == 0 ||
	    strcmp(status, "bad_side") == 0) {
		liq_api_error(out, strcmp(status, "unknown_cusip") == 0 ? 404 : 400,
			      "%s", json_string_value(json_object_get(o, "error")));
		json_decref(o);
		return;
	}
	if (!isnan(target)) {
		liq_pt_query iq = pq;
		iq.target_bps = target;
		set(o, "for_target_cost", pt_row(T, &iq, NULL));
	}
	if (!isnan(days)) {
		liq_pt_query iq = pq;
		iq.days = days;
		set(o, "for_days", pt_row(T, &iq, NULL));
	}
	out->status = 200;
	out->json = o;
}

/* Text of a JSON value for a message. */
static void
json_text(const json_t *v, char *buf, size_t size)
{
	char *s;

	if (json_is_string(v)) {
		snprintf(buf, size, "%s", json_string_value(v));
		return;
	}
	s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT |
			   JSON_REAL_PRECISION(10)) : NULL;
	snprintf(buf, size, "%s", s ? s : "(none)");
	free(s);
}

static void
pretrade_batch(const liq_api_ctx *ctx, const char *body, size_t len,
	       liq_reply *out)
{
	static const char *const keys[] = { "queries", "participation", NULL };
	static const char *const qkeys[] = { "cusip", "size_mm", "side",
					     "target_cost_bps", "days", NULL };
	const liq_tables *T = ctx->T;
	json_t *j = parse_body(body, len, keys, out), *a, *res;
	double part = LIQ_PARTICIPATION;
	size_t i;
	int k;

	if (!j)
		return;
	if (!(a = batch(j, "queries", out)) ||
	    body_num(j, "participation", 1e-6, 1, &part, out) != 0) {
		json_decref(j);
		return;
	}
	/* the shape of every query first: a bad one fails the request */
	for (i = 0; i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i), *v;
		const char *key;
		liq_reply tmp = { 0 };
		double d;

		if (!json_is_object(x) || !json_is_string(json_object_get(x, "cusip"))) {
			liq_api_error(out, 400, "queries[%zu]: want an object with a "
				      "string 'cusip'", i);
			json_decref(j);
			return;
		}
		json_object_foreach(x, key, v) {
			for (k = 0; qkeys[k] && strcmp(key, qkeys[k]); k++)
				;
			if (!qkeys[k]) {
				char q[64];
				liq_api_error(out, 400, "queries[%zu]: unknown field '%s' "
					      "(want cusip, size_mm, side, "
					      "target_cost_bps, days)", i,
					      liq_quote(q, sizeof q, key));
				json_decref(j);
				return;
			}
		}
		if (body_num(x, "target_cost_bps", 0, 1e6, &d, &tmp) != 0 ||
		    body_num(x, "days", 1e-6, 1e6, &d, &tmp) != 0) {
			liq_api_error(out, 400, "queries[%zu]: %s", i,
				      json_string_value(json_object_get(tmp.json,
									"error")));
			json_decref(tmp.json);
			json_decref(j);
			return;
		}
	}
	res = json_array();
	for (i = 0; i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i), *sz = json_object_get(x, "size_mm"),
		       *sd = json_object_get(x, "side");
		char stext[128], dtext[128];
		liq_pt_query pq;
		liq_reply tmp = { 0 };

		pq.cusip = json_string_value(json_object_get(x, "cusip"));
		json_text(sz, stext, sizeof stext);
		json_text(sd, dtext, sizeof dtext);
		pq.size_text = stext;
		pq.side = json_is_string(sd) ? json_string_value(sd) : dtext;
		pq.size_mm = json_is_number(sz) ? json_number_value(sz) : NAN;
		pq.target_bps = pq.days = NAN;
		pq.participation = part;
		body_num(x, "target_cost_bps", 0, 1e6, &pq.target_bps, &tmp);
		body_num(x, "days", 1e-6, 1e6, &pq.days, &tmp);
		json_array_append_new(res, pt_row(T, &pq, NULL));
	}
	json_decref(j);
	out->status = 200;
	out->json = json_object();
	set(out->json, "results", res);
}

/* ---- /universe/map, /bonds ---------------------------------------------- */

static const liq_score_row *
bond_score(const liq_tables *T, const liq_bond *b)
{
	const liq_score_row *s = liq_score_table_find(T->scores, b->cusip);

	return s && !isnan(s->score) ? s : NULL;
}

static void
universe_map(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	const liq_bonds *B = T->bonds;
	int ns = B->nsectors + 1, nr = 7, r, s;   /* sector 0: none */
	size_t cells = (size_t)ns * (size_t)nr;
	double *sum = calloc(cells, sizeof *sum), *amt = calloc(cells, sizeof *amt);
	long *cnt = calloc(cells * 5, sizeof *cnt);
	json_t *o, *a;
	char err[256];
	long i;

	if (!sum || !amt || !cnt) {
		free(sum);
		free(amt);
		free(cnt);
		liq_api_error(out, 500, "out of memory");
		return;
	}
	if (liq_query_check(q, none, err, sizeof err) != 0) {
		free(sum);
		free(amt);
		free(cnt);
		liq_api_error(out, 400, "%s", err);
		return;
	}
	for (i = 0; i < B->n; i++) {
		const liq_bond *b = &B->b[i];
		const liq_score_row *sc = bond_score(T, b);
		size_t c = (size_t)liq_rating_bucket(b->rating) * (size_t)ns +
			   (size_t)b->sector_code;
		int bc = sc ? liq_bucket_code(sc->bucket) : -1;
		cnt[c * 5]++;
		if (!isnan(b->amount))
			amt[c] += b->amount;
		if (sc) {
			cnt[c * 5 + 1]++;
			sum[c] += sc->score;
		}
		if (bc >= 0)
			cnt[c * 5 + 2 + bc]++;
	}
	o = json_object();
	a = json_array();
	for (r = 1; r <= nr; r++)
		json_array_append_new(a, json_string(liq_rating_bucket_name(r % 7)));
	set(o, "ratings", a);
	a = json_array();
	for (s = 0; s < B->nsectors; s++)
		json_array_append_new(a, liq_json_str(B->sectors[s]));
	for (i = 0; i < B->n && B->b[i].sector_code; i++)
		;
	if (i < B->n)   /* a bond without a sector */
		json_array_append_new(a, json_string("NA"));
	set(o, "sectors", a);
	a = json_array();
	for (r = 1; r <= nr; r++)
		for (s = 1; s <= ns; s++) {
			int rb = r % 7, sc = s % ns;   /* NR and no sector last */
			size_t c = (size_t)rb * (size_t)ns + (size_t)sc;
			json_t *e;
			if (cnt[c * 5] == 0)
				continue;
			e = json_object();
			set(e, "rating", json_string(liq_rating_bucket_name(rb)));
			set(e, "sector", sc ? liq_json_str(B->sectors[sc - 1])
					    : json_string("NA"));
			set(e, "bonds", json_integer(cnt[c * 5]));
			set(e, "scored", json_integer(cnt[c * 5 + 1]));
			set(e, "mean_score", cnt[c * 5 + 1] ? liq_json_num(sum[c] /
					     (double)cnt[c * 5 + 1]) : json_null());
			set(e, "low", json_integer(cnt[c * 5 + 2]));
			set(e, "medium", json_integer(cnt[c * 5 + 3]));
			set(e, "high", json_integer(cnt[c * 5 + 4]));
			set(e, "amount_out", liq_json_num(amt[c]));
			json_array_append_new(a, e);
		}
	set(o, "cells", a);
	free(sum);
	free(amt);
	free(cnt);
	out->status = 200;
	out->json = o;
}

static json_t *
bond_obj(const liq_tables *T, const liq_bond *b)
{
	const liq_score_row *sc = liq_score_table_find(T->scores, b->cusip);
	const liq_cost_model *m = liq_impact_table_find(T->impact, b->cusip);
	json_t *o = json_object();

	set(o, "cusip", json_string(b->cusip));
	set(o, "issuer", str_or_null(b->issuer));
	set(o, "sector", str_or_null(b->sector));
	set(o, "rating", b->rating ? json_string(liq_rating_name(b->rating))
				   : json_null());
	set(o, "rating_bucket",
	    json_string(liq_rating_bucket_name(liq_rating_bucket(b->rating))));
	set(o, "coupon", liq_json_num(b->coupon));
	set(o, "maturity", b->maturity == INT_MIN ? json_null()
						  : date_json(b->maturity));
	set(o, "amount_out", liq_json_num(b->amount));
	set(o, "date", sc ? date_json(sc->date) : json_null());
	set(o, "score", liq_json_num(sc ? sc->score : NAN));
	set(o, "bucket", str_or_null(sc ? sc->bucket : NULL));
	set_probs(o, T, b->cusip);
	set(o, "half_spread_bps", liq_json_num(m && m->ok ? m->h : NAN));
	set(o, "adv_usd", liq_json_num(m ? m->adv_usd : NAN));
	return o;
}

static void
bonds(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const allowed[] = { "sector", "rating", "bucket",
					       "min_score", "max_score", NULL };
	const liq_tables *T = ctx->T;
	const liq_bonds *B = T->bonds;
	const char *sector = liq_query_get(q, "sector"),
		   *rating = liq_query_get(q, "rating"),
		   *bucket = liq_query_get(q, "bucket");
	double lo = NAN, hi = NAN;
	int rb = -1, notch = 0, s;
	char err[512], qq[64];
	json_t *a;
	long i;

	if (liq_query_check(q, allowed, err, sizeof err) != 0 ||
	    liq_query_num(q, "min_score", 0, 100, &lo, err, sizeof err) != 0 ||
	    liq_query_num(q, "max_score", 0, 100, &hi, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	if (rating) {
		for (rb = 0; rb <= 6; rb++)
			if (strcmp(rating, liq_rating_bucket_name(rb)) == 0)
				break;
		if (rb > 6) {
			rb = -1;
			notch = liq_rating_notch(rating);
			if (!notch) {
				liq_api_error(out, 400, "bad rating '%s' (want a bucket: "
					      "AA, A, BBB, BB, B, CCC, NR; or S&P "
					      "letters such as BBB-)",
					      liq_quote(qq, sizeof qq, rating));
				return;
			}
		}
	}
	if (bucket && liq_bucket_code(bucket) < 0) {
		liq_api_error(out, 400, "bad bucket '%s' (want Low, Medium or High)",
			      liq_quote(qq, sizeof qq, bucket));
		return;
	}
	if (sector) {
		for (s = 0; s < B->nsectors; s++)
			if (strcmp(sector, B->sectors[s]) == 0)
				break;
		if (s == B->nsectors) {
			char list[512];
			size_t o = 0;
			list[0] = '\0';
			for (s = 0; s < B->nsectors && o < sizeof list; s++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
						      s ? ", " : "", B->sectors[s]);
			liq_api_error(out, 400, "unknown sector '%s' (%s has %s)",
				      liq_quote(qq, sizeof qq, sector), T->conf->bonds,
				      list);
			return;
		}
	}
	a = json_array();
	for (i = 0; i < B->n; i++) {
		const liq_bond *b = &B->b[i];
		const liq_score_row *sc = bond_score(T, b);
		if ((sector && strcmp(b->sector, sector) != 0) ||
		    (rb >= 0 && liq_rating_bucket(b->rating) != rb) ||
		    (notch && b->rating != notch) ||
		    (bucket && !(sc && strcmp(sc->bucket, bucket) == 0)) ||
		    (!isnan(lo) && !(sc && sc->score >= lo)) ||
		    (!isnan(hi) && !(sc && sc->score <= hi)))
			continue;
		json_array_append_new(a, bond_obj(T, b));
	}
	out->status = 200;
	out->json = json_object();
	set(out->json, "count", json_integer((json_int_t)json_array_size(a)));
	set(out->json, "bonds", a);
}

/* ---- /impact ------------------------------------------------------------ */

/* Every column of a bond's impact.tsv row: numbers, null for NA, text. */
static json_t *
impact_columns(const liq_impact_table *I, const liq_cost_model *m)
{
	json_t *o = json_object();
	const char *h = I->header, *v = m->line;

	while (h && v) {
		const char *he = strchr(h, '\t'), *ve = strchr(v, '\t');
		size_t hn = he ? (size_t)(he - h) : strlen(h),
		       vn = ve ? (size_t)(ve - v) : strlen(v);
		char key[128], val[256];
		double x;
		long k;
		snprintf(key, sizeof key, "%.*s", (int)hn, h);
		snprintf(val, sizeof val, "%.*s", (int)vn, v);
		switch (liq_num_parse(val, &x)) {
		case LIQ_NUM_OK:
			/* a count stays a whole number */
			set(o, key, liq_int_parse(val, &k) == LIQ_NUM_OK
			    ? json_integer(k) : liq_json_num(x));
			break;
		case LIQ_NUM_NA:
			set(o, key, json_null());
			break;
		default:
			set(o, key, liq_json_str(val));
		}
		h = he ? he + 1 : NULL;
		v = ve ? ve + 1 : NULL;
	}
	return o;
}

/* The parameters pretrade uses for a bond (the posterior ones when the
 * table has them). */
static json_t *
impact_model(const liq_impact_table *I, const liq_cost_model *m)
{
	json_t *o = json_object();

	set(o, "ok", json_boolean(m->ok));
	set(o, "posterior", json_boolean(I->posterior));
	set(o, "half_spread_bps", liq_json_num(m->h));
	set(o, "alpha", liq_json_num(m->alpha));
	set(o, "beta", liq_json_num(m->beta));
	set(o, "sigma_bps", liq_json_num(m->sigma_bps));
	set(o, "adv_usd", liq_json_num(m->adv_usd));
	set(o, "se_half_spread_bps", liq_json_num(sqrt(m->c[0])));
	set(o, "se_log_alpha", liq_json_num(sqrt(m->c[3])));
	set(o, "se_beta", liq_json_num(sqrt(m->c[5])));
	set(o, "resid_lo_bps", liq_json_num(m->resid_lo));
	set(o, "resid_hi_bps", liq_json_num(m->resid_hi));
	set(o, "n", m->n >= 0 ? json_integer(m->n) : json_null());
	return o;
}

static void
impact(const liq_api_ctx *ctx, const liq_route *r, const liq_query *q,
       liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	const liq_cost_model *m;
	char err[256], qq[64];
	json_t *o;

	if (liq_query_check(q, none, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	m = liq_impact_table_find(T->impact, r->seg[1]);
	if (!m) {
		liq_api_error(out, 404, "unknown cusip '%s' (not in %s)",
			      liq_quote(qq, sizeof qq, r->seg[1]), T->conf->impact);
		return;
	}
	o = json_object();
	set(o, "cusip", json_string(m->cusip));
	set(o, "model", impact_model(T->impact, m));
	set(o, "columns", impact_columns(T->impact, m));
	out->status = 200;
	out->json = o;
}

static void
impact_all(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	char err[256];
	json_t *a;
	size_t i;

	if (liq_query_check(q, none, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	a = json_array();
	for (i = 0; i < T->impact->n; i++)
		json_array_append_new(a, impact_columns(T->impact, &T->impact->m[i]));
	out->status = 200;
	out->json = json_object();
	set(out->json, "posterior", json_boolean(T->impact->posterior));
	set(out->json, "count", json_integer((json_int_t)T->impact->n));
	set(out->json, "bonds", a);
}

/* ---- /importance -------------------------------------------------------- */

static int
cmp_imp(const void *a, const void *b)
{
	double x = json_number_value(json_object_get(*(json_t *const *)a, "sort")),
	       y = json_number_value(json_object_get(*(json_t *const *)b, "sort"));

	return (x < y) - (x > y);
}

static void
importance(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
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
		set(o, "feature", liq_json_str(T->imp_feature[i]));
		set(o, "mean_abs_shap", liq_json_num(T->imp[3 * i + 2]));
		set(o, "gain", liq_json_num(T->imp[3 * i]));
		set(o, "total_gain", liq_json_num(T->imp[3 * i + 1]));
		set(o, "mean_abs_shap_latest", json_null());
		row[n++] = o;
	}
	for (j = 0; j < (T->features ? T->nf : 0); j++) {
		json_t *o = NULL;
		for (i = 0; i < T->nimp && !o; i++)
			if (strcmp(T->imp_feature[i], T->fnames[j]) == 0)
				o = row[i];
		if (!o) {
			o = json_object();
			set(o, "feature", json_string(T->fnames[j]));
			set(o, "mean_abs_shap", json_null());
			set(o, "gain", json_null());
			set(o, "total_gain", json_null());
			row[n++] = o;
		}
		set(o, "mean_abs_shap_latest", liq_json_num(T->mean_abs_shap[j]));
	}
	for (i = 0; i < n; i++) {
		json_t *v = json_object_get(row[i], T->nimp ? "mean_abs_shap" :
					    "mean_abs_shap_latest");
		set(row[i], "sort", json_real(json_is_number(v) ?
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
	set(out->json, "source", json_string(T->nimp ? T->conf->importance
						      : "latest"));
	set(out->json, "features", a);
}

/* ---- the rest ----------------------------------------------------------- */

static void
file(const liq_api_ctx *ctx, const liq_route *r, liq_reply *out)
{
	const char *name = r->nseg == 0 ? "index.html" : r->seg[0];
	const liq_www_file *f = liq_tables_www(ctx->T, name);
	char q[64];

	if (!f) {
		if (!ctx->T->conf->www)
			liq_api_error(out, 404, "no such path '/%s' (no dashboard: "
				      "liqserve found no --www directory)",
				      liq_quote(q, sizeof q, r->nseg ? name : ""));
		else
			liq_api_error(out, 404, "no such path '/%s'; GET "
				      "/openapi.json lists the API",
				      liq_quote(q, sizeof q, r->nseg ? name : ""));
		return;
	}
	out->status = 200;
	out->data = f->data;
	out->len = f->len;
	out->mime = f->mime;
}

void
liq_api_answer(const liq_api_ctx *ctx, const liq_route *r, const liq_query *q,
	       const char *body, size_t len, liq_reply *out)
{
	static const char *const none[] = { NULL };
	char err[256];

	memset(out, 0, sizeof *out);
	/* a GET body is ignored; only the POST routes read one */
	switch (r->id) {
	case LIQ_R_HEALTH:
	case LIQ_R_OPENAPI:
		if (liq_query_check(q, none, err, sizeof err) != 0) {
			liq_api_error(out, 400, "%s", err);
			return;
		}
		if (r->id == LIQ_R_HEALTH) {
			health(ctx, out);
		} else {
			out->status = 200;
			out->data = ctx->openapi;
			out->len = ctx->openapi_len;
			out->mime = "application/json";
		}
		return;
	case LIQ_R_SCORE: score(ctx, r, q, out); return;
	case LIQ_R_SCORE_BATCH: score_batch(ctx, body, len, out); return;
	case LIQ_R_PRETRADE: pretrade(ctx, r, q, out); return;
	case LIQ_R_PRETRADE_BATCH: pretrade_batch(ctx, body, len, out); return;
	case LIQ_R_MAP: universe_map(ctx, q, out); return;
	case LIQ_R_IMPACT: impact(ctx, r, q, out); return;
	case LIQ_R_IMPACT_ALL: impact_all(ctx, q, out); return;
	case LIQ_R_BONDS: bonds(ctx, q, out); return;
	case LIQ_R_IMPORTANCE: importance(ctx, q, out); return;
	case LIQ_R_FILE: file(ctx, r, out); return;
	}
	liq_api_error(out, 500, "unrouted request");
}

void
liq_api_handle(const liq_api_ctx *ctx, const char *method, const char *path,
	       const liq_query *q, const char *body, size_t len, liq_reply *out)
{
	liq_route r;

	if (liq_api_route(method, path, &r, out) != 0)
		return;
	if (r.post && len > LIQ_API_BODY_MAX) {
		liq_api_error(out, 413, "body too large: %zu bytes (at most %d)",
			      len, LIQ_API_BODY_MAX);
		return;
	}
	liq_api_answer(ctx, &r, q, body, len, out);
}
