/* handlers — liqserve's endpoint handlers (serve/handlers-*.c), which
 * liq_api_answer() in serve/api.c dispatches to, and the pieces of JSON
 * and of request bodies they share (in serve/api.c).
 *
 * A handler fills out (status and JSON, or an error through
 * liq_api_error()) from the table set of ctx and the request: the route's
 * path segments, the query parameters, a POST body.
 *
 *   liq_reply out;
 *   liq_api_score(ctx, &route, query, &out);  // GET /score/{cusip}
 *   ... out.status, out.json: the caller's to json_decref() ...
 *
 *   json_t *j = liq_api_parse_body(body, len, keys, &out);  // NULL: 400
 *   json_t *a = j ? liq_api_batch(j, "cusips", &out) : NULL;
 */
#ifndef LIQ_HANDLERS_H
#define LIQ_HANDLERS_H

#include "serve/api.h"

#include <stddef.h>

/* ---- the endpoints (serve/handlers-*.c) ---------------------------- */

/* GET /score/{cusip}[?explain=K], POST /score {"cusips", "explain"},
 * GET /importance (handlers-score.c) */
void liq_api_score(const liq_api_ctx *ctx, const liq_route *r,
		   const liq_query *q, liq_reply *out);
void liq_api_score_batch(const liq_api_ctx *ctx, const char *body,
			 size_t len, liq_reply *out);
void liq_api_importance(const liq_api_ctx *ctx, const liq_query *q,
			liq_reply *out);

/* GET /pretrade/{cusip}/{size_mm}/{side}, POST /pretrade
 * (handlers-pretrade.c) */
void liq_api_pretrade(const liq_api_ctx *ctx, const liq_route *r,
		      const liq_query *qp, liq_reply *out);
void liq_api_pretrade_batch(const liq_api_ctx *ctx, const char *body,
			    size_t len, liq_reply *out);

/* GET /universe/map, GET /bonds, GET /impact/{cusip}, GET /impact
 * (handlers-bonds.c) */
void liq_api_universe_map(const liq_api_ctx *ctx, const liq_query *q,
			  liq_reply *out);
void liq_api_bonds(const liq_api_ctx *ctx, const liq_query *q,
		   liq_reply *out);
void liq_api_impact(const liq_api_ctx *ctx, const liq_route *r,
		    const liq_query *q, liq_reply *out);
void liq_api_impact_all(const liq_api_ctx *ctx, const liq_query *q,
			liq_reply *out);

/* ---- JSON pieces (serve/api.c) ------------------------------------- */

/* o[k] = v, v's reference taken over. Never drops the field: a key that
 * is not UTF-8 gets U+FFFD for its bad bytes, a NULL v is null. */
void liq_api_set(json_t *o, const char *k, json_t *v);

/* A date as "YYYY-MM-DD". */
json_t *liq_api_date(int d);

/* s as a string; null for NULL, "" and "NA". */
json_t *liq_api_str_or_null(const char *s);

/* p_low p_medium p_high of the bond's row of scores.tsv (null: none). */
void liq_api_set_probs(json_t *o, const liq_tables *T, const char *cusip);

/* ---- request bodies (serve/api.c) ---------------------------------- */

/* Parse a POST body as a JSON object whose fields are among keys
 * (NULL-terminated); NULL with a 400 in out if it is not. */
json_t *liq_api_parse_body(const char *body, size_t len,
			   const char *const *keys, liq_reply *out);

/* The array field `key` of a body, at most LIQ_API_BATCH_MAX long; NULL
 * with a 400 in out if it is not one. */
json_t *liq_api_batch(json_t *j, const char *key, liq_reply *out);

/* An optional numeric field of a body in [lo, hi] into *x (untouched when
 * absent or null): 0, or -1 with a 400 in out. */
int liq_api_body_num(json_t *j, const char *key, double lo, double hi,
		     double *x, liq_reply *out);

/* A batch item that could not be answered: status word and message set
 * in o. */
void liq_api_item_fail(json_t *o, const char *status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
