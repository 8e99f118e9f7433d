/* handlers-pretrade — GET /pretrade/{cusip}/{size_mm}/{side} and
 * POST /pretrade: pretrade(1)'s answer (cost/pretrade.h) as JSON, with the
 * bond's predicted score. */
#include "serve/handlers.h"

#include "core/num.h"
#include "core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bond's amount outstanding from bonds.tsv ($ par; NaN unknown): a
 * size above it is refused. */
static double
amount(const liq_tables *T, const char *cusip)
{
	const liq_bond *b = liq_bonds_find(T->bonds, cusip);

	return b ? b->amount : NAN;
}

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
	liq_api_set(o, "cusip", liq_json_str(pq->cusip));
	liq_api_set(o, "size_mm", liq_json_num(a.size_usd / 1e6));
	liq_api_set(o, "side", liq_json_str(pq->side));
	if (!isnan(pq->target_bps))
		liq_api_set(o, "target_cost_bps", liq_json_num(pq->target_bps));
	if (!isnan(pq->days))
		liq_api_set(o, "days", liq_json_num(pq->days));
	liq_api_set(o, "participation", liq_json_num(pq->participation));
	liq_api_set(o, "half_spread_bps", liq_json_num(a.cost.half_spread_bps));
	liq_api_set(o, "impact_bps", liq_json_num(a.cost.impact_bps));
	liq_api_set(o, "cost_bps", liq_json_num(a.cost.cost_bps));
	liq_api_set(o, "cost_lo_bps", liq_json_num(a.cost.cost_lo_bps));
	liq_api_set(o, "cost_hi_bps", liq_json_num(a.cost.cost_hi_bps));
	liq_api_set(o, "cost_usd", liq_json_num(a.cost.cost_usd));
	liq_api_set(o, "exec_days", liq_json_num(a.cost.exec_days));
	liq_api_set(o, "score", liq_json_num(sc ? sc->score : NAN));
	liq_api_set(o, "bucket", liq_api_str_or_null(sc ? sc->bucket : NULL));
	liq_api_set_probs(o, T, pq->cusip);
	liq_api_set(o, "status", json_string(a.status));
	if (a.msg[0])
		liq_api_set(o, "error", liq_json_str(a.msg));
	if (status)
		*status = a.status;
	return o;
}

void
liq_api_pretrade(const liq_api_ctx *ctx, const liq_route *r, const liq_query *qp,
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
	pq.amount_usd = amount(T, pq.cusip);
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
		liq_api_set(o, "for_target_cost", pt_row(T, &iq, NULL));
	}
	if (!isnan(days)) {
		liq_pt_query iq = pq;
		iq.days = days;
		liq_api_set(o, "for_days", pt_row(T, &iq, NULL));
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

void
liq_api_pretrade_batch(const liq_api_ctx *ctx, const char *body, size_t len,
		       liq_reply *out)
{
	static const char *const keys[] = { "queries", "participation", NULL };
	static const char *const qkeys[] = { "cusip", "size_mm", "side",
					     "target_cost_bps", "days", NULL };
	const liq_tables *T = ctx->T;
	json_t *j = liq_api_parse_body(body, len, keys, out), *a, *res;
	double part = LIQ_PARTICIPATION;
	size_t i;
	int k;

	if (!j)
		return;
	if (!(a = liq_api_batch(j, "queries", out)) ||
	    liq_api_body_num(j, "participation", 1e-6, 1, &part, out) != 0) {
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
		if (liq_api_body_num(x, "target_cost_bps", 0, 1e6, &d, &tmp) != 0 ||
		    liq_api_body_num(x, "days", 1e-6, 1e6, &d, &tmp) != 0) {
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
		pq.amount_usd = pq.cusip ? amount(T, pq.cusip) : NAN;
		liq_api_body_num(x, "target_cost_bps", 0, 1e6, &pq.target_bps, &tmp);
		liq_api_body_num(x, "days", 1e-6, 1e6, &pq.days, &tmp);
		json_array_append_new(res, pt_row(T, &pq, NULL));
	}
	json_decref(j);
	out->status = 200;
	out->json = json_object();
	liq_api_set(out->json, "results", res);
}

