#include "serve/route.h"
#include "core/text.h"

#include "core/num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int
liq_route_split(const char *path, char *buf, size_t bufsz, char **seg, int max)
{
	size_t len = strlen(path);
	char *p;
	int n = 0;

	if (path[0] != '/' || len >= bufsz)
		return -1;
	memcpy(buf, path + 1, len);   /* with the NUL, without the '/' */
	if (buf[0] == '\0')
		return 0;
	for (p = buf;; ) {
		char *slash = strchr(p, '/');
		if (n == max)
			return -1;
		seg[n++] = p;
		if (!slash)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	return n;
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t
liq_route_unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		int hi, lo;
		if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 &&
		    (hi | lo) != 0) {
			*w++ = (char)(hi << 4 | lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

int
liq_route_file_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > 64 || name[0] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

const char *
liq_route_mime(const char *name)
{
	static const char *const T[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < sizeof T / sizeof T[0]; i++)
		if (strcmp(dot, T[i][0]) == 0)
			return T[i][1];
	return "application/octet-stream";
}

/* ---- query parameters ---------------------------------------------- */

void
liq_query_add(liq_query *p, const char *key, const char *val)
{
	if (p->n == LIQ_PARAMS_MAX) {
		p->overflow = 1;
		return;
	}
	p->key[p->n] = key;
	p->val[p->n++] = val ? val : "";
}

int
liq_query_check(const liq_query *p, const char *const *allowed, char *err,
		 size_t errsz)
{
	char q[64], list[256];
	int i, j;
	size_t o = 0;

	list[0] = '\0';
	for (j = 0; allowed[j] && o < sizeof list; j++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
				      j ? ", " : "", allowed[j]);
	if (p->overflow) {
		snprintf(err, errsz, "more than %d query parameters",
			 LIQ_PARAMS_MAX);
		return -1;
	}
	for (i = 0; i < p->n; i++) {
		if (!liq_utf8_valid(p->key[i], strlen(p->key[i])) ||
		    !liq_utf8_valid(p->val[i], strlen(p->val[i]))) {
			snprintf(err, errsz, "query parameter '%s' is not UTF-8",
				 liq_quote(q, sizeof q, p->key[i]));
			return -1;
		}
		for (j = 0; allowed[j]; j++)
			if (strcmp(p->key[i], allowed[j]) == 0)
				break;
		if (!allowed[j]) {
			if (allowed[0])
				snprintf(err, errsz, "unknown query parameter '%s' "
					 "(this path takes %s)",
					 liq_quote(q, sizeof q, p->key[i]), list);
			else
				snprintf(err, errsz, "unknown query parameter '%s' "
					 "(this path takes none)",
					 liq_quote(q, sizeof q, p->key[i]));
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(p->key[i], p->key[j]) == 0) {
				snprintf(err, errsz, "query parameter '%s' given twice",
					 p->key[i]);
				return -1;
			}
	}
	return 0;
}

const char *
liq_query_get(const liq_query *p, const char *key)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->key[i], key) == 0)
			return p->val[i];
	return NULL;
}

int
liq_query_num(const liq_query *p, const char *key, double lo, double hi,
	       double *out, char *err, size_t errsz)
{
	const char *v = liq_query_get(p, key);
	char q[64], w[80];
	double x;

	if (!v)
		return 0;
	if (liq_num_in(v, lo, hi, &x) != LIQ_NUM_OK) {
		snprintf(err, errsz, "bad value '%s' for %s (want %s)",
			 liq_quote(q, sizeof q, v), key,
			 liq_want_num(w, sizeof w, lo, hi));
		return -1;
	}
	*out = x;
	return 0;
}

int
liq_query_long(const liq_query *p, const char *key, long lo, long hi,
		long *out, char *err, size_t errsz)
{
	const char *v = liq_query_get(p, key);
	char q[64], w[80];
	long x;

	if (!v)
		return 0;
	if (liq_int_in(v, lo, hi, &x) != LIQ_NUM_OK) {
		snprintf(err, errsz, "bad value '%s' for %s (want %s)",
			 liq_quote(q, sizeof q, v), key,
			 liq_want_int(w, sizeof w, lo, hi));
		return -1;
	}
	*out = x;
	return 0;
}
