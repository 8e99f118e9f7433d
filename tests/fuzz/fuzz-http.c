/* fuzz-http — liqserve's request handling without a server: the route
 * (serve/route.h), the query parameters and the JSON bodies of the POST
 * endpoints, answered by serve/api.h over the tables of
 * tests/fixtures/liqserve and the dashboard's files. The input is
 *     METHOD URL\n
 *     body...
 * (no space: the whole first line is the URL of a GET). The path and the
 * query are split and %-decoded as libmicrohttpd does for liqserve (with
 * liq_route_unescape). The server never exits on a request: here
 * liq_exit() is a crash. Every reply must have a known status, and its
 * JSON is written out as liqserve would send it. */
#include "fuzz.h"

#include "core/diag.h"
#include "serve/api.h"
#include "serve/json.h"
#include "serve/route.h"
#include "serve/snapshot.h"

#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

extern const char liq_openapi_json[];
extern const unsigned long liq_openapi_json_len;

static liq_tables_conf conf = {
	.scores = FUZZ_ROOT "/tests/fixtures/liqserve/scores.tsv",
	.impact = FUZZ_ROOT "/tests/fixtures/liqserve/impact.tsv",
	.bonds = FUZZ_ROOT "/tests/fixtures/liqserve/bonds.tsv",
	.www = FUZZ_ROOT "/www",
	.threads = 1
};
static liq_api_ctx ctx;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[1024];

	(void)argc;
	(void)argv;
	liq_init("fuzz-http");
	liq_quiet = 1;
	fuzz_exit_is_crash();
	ctx.T = liq_tables_load(&conf, err, sizeof err);
	if (!ctx.T) {
		fprintf(stderr, "fuzz-http: %s\n", err);
		exit(1);
	}
	ctx.openapi = liq_openapi_json;
	ctx.openapi_len = liq_openapi_json_len;
	return 0;
}

static void
request(char *text, size_t size)
{
	char *nl = memchr(text, '\n', size), *line = text, *body = NULL;
	char *method = "GET", *url, *qs, *kv, *next;
	size_t blen = 0, n;
	liq_query q = { 0 };
	liq_reply out;

	if (nl) {
		*nl = '\0';
		body = nl + 1;
		blen = size - (size_t)(body - text);
	}
	if (strlen(line) > 4096)   /* libmicrohttpd's limit is lower */
		return;
	url = strchr(line, ' ');
	if (url) {
		*url++ = '\0';
		method = line;
	} else {
		url = line;
	}
	if ((qs = strchr(url, '?')) != NULL) {
		*qs++ = '\0';
		for (kv = qs; kv; kv = next) {
			char *eq;
			if ((next = strchr(kv, '&')) != NULL)
				*next++ = '\0';
			if (!*kv)
				continue;
			if ((eq = strchr(kv, '=')) != NULL)
				*eq++ = '\0';
			liq_route_unescape(kv);
			if (eq)
				liq_route_unescape(eq);
			liq_query_add(&q, kv, eq);
		}
	}
	liq_route_unescape(url);
	if (liq_route_file_ok(url + (*url == '/')))
		(void)liq_route_mime(url);
	if (blen > LIQ_API_BODY_MAX)
		return;   /* the server answers 413 before the handlers */
	liq_api_handle(&ctx, method, url, &q, body, blen, &out);
	if (out.status < 200 || out.status > 599)
		__builtin_trap();
	if (out.json) {
		char *s = liq_json_dump(out.json, &n);
		if (!s)
			__builtin_trap();
		free(s);
		json_decref(out.json);
	} else if (!out.data && out.len) {
		__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (FUZZ_TRY())
		request(text, size);
	fuzz_end();
	free(text);
	return 0;
}
