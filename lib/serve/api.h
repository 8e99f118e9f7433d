/* api — liqserve's endpoints as pure functions of a table set: a request
 * (method, decoded path, query parameters, body) in, a status and a JSON
 * body (or a file) out. No sockets here; serve/serve.c carries the bytes and
 * tests/unit/t-api.c calls these directly.
 *
 *   GET  /health                               state of the server
 *   GET  /score/{cusip}[?explain=K]            score, bucket, probabilities
 *   POST /score          {"cusips": [...]}     the same for up to 500 bonds
 *   GET  /pretrade/{cusip}/{size_mm}/{side}    cost, interval, days
 *        [?participation=&target_cost_bps=&days=]
 *   POST /pretrade       {"queries": [...]}    pretrade(1)'s rows as JSON
 *   GET  /universe/map                         score by rating x sector
 *   GET  /impact/{cusip}, GET /impact          impact parameters
 *   GET  /bonds[?sector=&rating=&bucket=&min_score=&max_score=]
 *   GET  /importance                           global feature importance
 *   GET  /openapi.json                         this list, as OpenAPI 3
 *   GET  /, /{file}                            the dashboard
 *
 * Errors are {"error": "...", "status": N}: 400 a bad parameter, size,
 * side or body; 404 an unknown path or cusip; 405 a method the path does
 * not take (with the methods in `allow`); 413 a body over
 * LIQ_API_BODY_MAX.
 *
 * "score" in the replies is the predicted score of scores.tsv (liqscore's
 * score_pred), never the composite score of features.tsv.
 *
 * serve/api.c routes and dispatches; the endpoints' handlers are in
 * serve/handlers-score.c, -pretrade.c and -bonds.c (serve/handlers.h).
 *
 *   liq_api_ctx ctx = { .T = tables, .started = time(NULL),
 *                       .openapi = doc, .openapi_len = strlen(doc) };
 *   liq_query q = { 0 };         // serve/route.h: liq_query_add(&q, k, v)
 *   liq_reply out;
 *   liq_api_handle(&ctx, "GET", "/score/AAA000001", &q, NULL, 0, &out);
 *   ... out.status; out.json (json_decref() it) or out.data, out.len ...
 */
#ifndef LIQ_API_H
#define LIQ_API_H

#include "serve/json.h"
#include "serve/route.h"
#include "serve/snapshot.h"

#include <stddef.h>
#include <time.h>

#define LIQ_API_BODY_MAX 65536   /* bytes of a POST body */
#define LIQ_API_BATCH_MAX 500    /* cusips or queries of one POST */
#define LIQ_API_EXPLAIN_MAX 1000

/* What the endpoints know beyond the tables. */
typedef struct liq_api_ctx {
	const liq_tables *T;
	time_t started;
	long reloads, failed_reloads;
	const char *openapi;     /* the OpenAPI document */
	size_t openapi_len;
} liq_api_ctx;

enum {
	LIQ_R_HEALTH = 1, LIQ_R_SCORE, LIQ_R_SCORE_BATCH, LIQ_R_PRETRADE,
	LIQ_R_PRETRADE_BATCH, LIQ_R_MAP, LIQ_R_IMPACT, LIQ_R_IMPACT_ALL,
	LIQ_R_BONDS, LIQ_R_IMPORTANCE, LIQ_R_OPENAPI, LIQ_R_FILE
};

/* A matched route: its id and the path's segments. */
typedef struct liq_route {
	int id;
	int post;               /* the route takes a body */
	int nseg;
	char *seg[8];
	char buf[1024];
} liq_route;

typedef struct liq_reply {
	int status;
	json_t *json;           /* the body, or NULL for data below */
	const char *data;       /* a file or document (not owned) */
	size_t len;
	const char *mime;
	const char *allow;      /* the methods of the path, for a 405 */
} liq_reply;

/* Match method and path. Returns 0 with r filled, or the error status
 * (404, 405) with out filled. HEAD is GET without the body. */
int liq_api_route(const char *method, const char *path, liq_route *r,
		  liq_reply *out);

/* Answer a matched request. out->json, when set, is the caller's to
 * json_decref(). */
void liq_api_answer(const liq_api_ctx *ctx, const liq_route *r,
		    const liq_query *q, const char *body, size_t len,
		    liq_reply *out);

/* Route and answer in one call (tests, and requests without a body). */
void liq_api_handle(const liq_api_ctx *ctx, const char *method,
		    const char *path, const liq_query *q, const char *body,
		    size_t len, liq_reply *out);

/* An error reply (every other field of out cleared). */
void liq_api_error(liq_reply *out, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
