/* route — the text of an HTTP request as liqserve sees it: the path split
 * into segments, the query parameters checked against the names an
 * endpoint takes (user text is quoted with core/text.h). Pure
 * functions, no I/O (tests/unit/t-route.c).
 *
 *     char buf[256], *seg[8];
 *     int n = liq_route_split("/score/037833AK6", buf, sizeof buf, seg, 8);
 *     // n == 2, seg[0] "score", seg[1] "037833AK6"
 */
#ifndef LIQ_ROUTE_H
#define LIQ_ROUTE_H

#include "core/text.h"

#include <stddef.h>

/* Split an (already percent-decoded) path into its segments: copies path
 * into buf and points seg[0..) into it. "/" has no segment; "/a//b/" has
 * "a", "", "b", "". Returns the count, or -1 when the path does not start
 * with '/', does not fit buf, or has more than max segments. */
int liq_route_split(const char *path, char *buf, size_t bufsz, char **seg,
		    int max);

/* Decode the %XX escapes of s in place, but leave "%00" as it is: a NUL
 * would cut the path short ("/app.js%00.html" must not be "/app.js").
 * A '%' without two hex digits stays. Returns the new length. */
size_t liq_route_unescape(char *s);


/* 1 if name may be a file of the dashboard: 1 to 64 characters from
 * [A-Za-z0-9._-], not starting with '.'. No '/' and no "..", so a name
 * that passes cannot leave the directory. */
int liq_route_file_ok(const char *name);

/* The Content-Type of a file name by its extension
 * ("application/octet-stream" for an unknown one). */
const char *liq_route_mime(const char *name);

/* ---- query parameters ---------------------------------------------- */

#define LIQ_PARAMS_MAX 16

typedef struct liq_query {
	int n;
	int overflow;                    /* more than LIQ_PARAMS_MAX given */
	const char *key[LIQ_PARAMS_MAX];
	const char *val[LIQ_PARAMS_MAX]; /* "" for a key without '=' */
} liq_query;

/* Add a parameter (pointers are kept, not copied). */
void liq_query_add(liq_query *p, const char *key, const char *val);

/* Check that every parameter is one of the NULL-terminated list allowed,
 * appears once, and is UTF-8. Returns 0, or -1 with a message in err. */
int liq_query_check(const liq_query *p, const char *const *allowed,
		     char *err, size_t errsz);

/* The value of key, or NULL when absent. */
const char *liq_query_get(const liq_query *p, const char *key);

/* Parameter key as a number in [lo, hi] into *out. Returns 0 (also when
 * absent: *out is left alone), or -1 with "bad value 'x' for key (want
 * ...)" in err. */
int liq_query_num(const liq_query *p, const char *key, double lo,
		   double hi, double *out, char *err, size_t errsz);

/* The same for a whole number. */
int liq_query_long(const liq_query *p, const char *key, long lo, long hi,
		    long *out, char *err, size_t errsz);

#endif
