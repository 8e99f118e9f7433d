/* api — liqserve's routing and dispatch (liq_api_route, liq_api_answer),
 * its errors, the endpoints that need no table (/health, /openapi.json,
 * the dashboard's files), and the JSON and request-body pieces the
 * handlers of serve/handlers-*.c share (serve/handlers.h). */
#include "serve/api.h"

#include "core/dates.h"
#include "core/num.h"
#include "core/text.h"
#include "serve/handlers.h"

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

void
liq_api_set(json_t *o, const char *k, json_t *v)
{
	/* jansson refuses a key that is not UTF-8, dropping the field: such
	   a key (a column name of a file) is set with U+FFFD for its bad
	   bytes, as liq_json_str writes values */
	if (!v)
		v = json_null();
	if (!liq_utf8_valid(k, strlen(k))) {
		json_t *kk = liq_json_str(k);
		if (kk && json_string_value(kk))
			json_object_set_new(o, json_string_value(kk), v);
		else
			json_decref(v);
		json_decref(kk);
		return;
	}
	json_object_set_new(o, k, v);
}

json_t *
liq_api_date(int d)
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

void
liq_api_set_probs(json_t *o, const liq_tables *T, const char *cusip)
{
	double p[3];

	probs(T, cusip, p);
	liq_api_set(o, "p_low", liq_json_num(p[0]));
	liq_api_set(o, "p_medium", liq_json_num(p[1]));
	liq_api_set(o, "p_high", liq_json_num(p[2]));
}

json_t *
liq_api_str_or_null(const char *s)
{
	return s && s[0] && strcmp(s, "NA") != 0 ? liq_json_str(s) : json_null();
}

/* Parse a POST body as a JSON object; NULL with out filled if it is not. */
json_t *
liq_api_parse_body(const char *body, size_t len, const char *const *keys,
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
json_t *
liq_api_batch(json_t *j, const char *key, liq_reply *out)
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
int
liq_api_body_num(json_t *j, const char *key, double lo, double hi, double *x,
		 liq_reply *out)
{
	json_t *v = json_object_get(j, key);
	char w[80];

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || !(json_number_value(v) >= lo &&
				     json_number_value(v) <= hi)) {
		liq_api_error(out, 400, "field '%s': want %s", key,
			      liq_want_num(w, sizeof w, lo, hi));
		return -1;
	}
	*x = json_number_value(v);
	return 0;
}

/* A batch item that could not be answered: the cusip (or whatever the
 * query holds), a status word and the message. */
void
liq_api_item_fail(json_t *o, const char *status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	liq_api_set(o, "status", json_string(status));
	liq_api_set(o, "error", liq_json_str(msg));
}

/* ---- /health ------------------------------------------------------------ */

static void
health(const liq_api_ctx *ctx, liq_reply *out)
{
	const liq_tables *T = ctx->T;
	json_t *o = json_object(), *t = json_object();
	char when[32];
	struct tm tm;

	liq_api_set(o, "status", json_string("ok"));
	liq_api_set(o, "version", json_string(LIQ_VERSION));
	gmtime_r(&T->loaded, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	liq_api_set(o, "loaded_at", json_string(when));
	liq_api_set(o, "uptime_s", json_integer((json_int_t)(time(NULL) - ctx->started)));
	liq_api_set(o, "reloads", json_integer(ctx->reloads));
	liq_api_set(o, "failed_reloads", json_integer(ctx->failed_reloads));
	liq_api_set(t, "bonds", json_integer(T->bonds->n));
	liq_api_set(t, "scores", json_integer((json_int_t)T->scores->n));
	liq_api_set(t, "impact", json_integer((json_int_t)T->impact->n));
	liq_api_set(t, "impact_posterior", json_boolean(T->impact->posterior));
	liq_api_set(t, "features", T->features ? json_integer(T->features->n) : json_null());
	liq_api_set(t, "model_features", T->features ? json_integer(T->nf) : json_null());
	liq_api_set(t, "importance", T->nimp ? json_integer(T->nimp) : json_null());
	liq_api_set(t, "dashboard_files", T->conf->www ? json_integer(T->nwww) : json_null());
	liq_api_set(t, "interval_width", liq_json_num(T->recal.k));
	liq_api_set(t, "recalibration_prints", T->conf->prints ? json_integer(T->recal.n) : json_null());
	liq_api_set(o, "tables", t);
	out->status = 200;
	out->json = o;
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
	case LIQ_R_SCORE: liq_api_score(ctx, r, q, out); return;
	case LIQ_R_SCORE_BATCH: liq_api_score_batch(ctx, body, len, out); return;
	case LIQ_R_PRETRADE: liq_api_pretrade(ctx, r, q, out); return;
	case LIQ_R_PRETRADE_BATCH: liq_api_pretrade_batch(ctx, body, len, out); return;
	case LIQ_R_MAP: liq_api_universe_map(ctx, q, out); return;
	case LIQ_R_IMPACT: liq_api_impact(ctx, r, q, out); return;
	case LIQ_R_IMPACT_ALL: liq_api_impact_all(ctx, q, out); return;
	case LIQ_R_BONDS: liq_api_bonds(ctx, q, out); return;
	case LIQ_R_IMPORTANCE: liq_api_importance(ctx, q, out); return;
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

