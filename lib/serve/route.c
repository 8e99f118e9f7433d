#include "serve/route.h"

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
liq_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;

	while (s < e) {
		unsigned c = *s, cp;
		int k, i;

		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return 0;   /* continuation byte, C0, C1 or F5.. */
		}
		if (e - s <= k)
			return 0;
		for (i = 1; i <= k; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += k + 1;
	}
	return 1;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC2 ? 2 : 0;

	return k && k <= n && liq_utf8_valid((const char *)s, k) ? k : 0;
}

char *
liq_quote(char *out, size_t size, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0, o = 0, cut = n > 48 ? 45 : n;

	if (size < 8) {
		out[0] = '\0';
		return out;
	}
	while (i < cut && o + 5 < size) {
		size_t k = s[i] >= 0x80 ? utf8_len(s + i, n - i) : 1;
		if (k > 1 && i + k <= cut && o + k + 4 < size) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		out[o++] = s[i] >= 0x20 && s[i] < 0x7F ? (char)s[i] : '?';
		i += k > 1 ? k : 1;
	}
	if (cut < n && o + 4 <= size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
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
liq_params_add(liq_params *p, const char *key, const char *val)
{
	if (p->n == LIQ_PARAMS_MAX) {
		p->overflow = 1;
		return;
	}
	p->key[p->n] = key;
	p->val[p->n++] = val ? val : "";
}

int
liq_params_check(const liq_params *p, const char *const *allowed, char *err,
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
liq_params_get(const liq_params *p, const char *key)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->key[i], key) == 0)
			return p->val[i];
	return NULL;
}

int
liq_params_num(const liq_params *p, const char *key, double lo, double hi,
	       double *out, char *err, size_t errsz)
{
	const char *v = liq_params_get(p, key);
	char q[64];
	double x;

	if (!v)
		return 0;
	if (liq_num_parse(v, &x) != LIQ_NUM_OK || !(x >= lo && x <= hi)) {
		snprintf(err, errsz, "bad value '%s' for %s (want a number from "
			 "%g to %g)", liq_quote(q, sizeof q, v), key, lo, hi);
		return -1;
	}
	*out = x;
	return 0;
}

int
liq_params_long(const liq_params *p, const char *key, long lo, long hi,
		long *out, char *err, size_t errsz)
{
	const char *v = liq_params_get(p, key);
	char q[64];
	long x;

	if (!v)
		return 0;
	if (liq_int_parse(v, &x) != LIQ_NUM_OK || x < lo || x > hi) {
		snprintf(err, errsz, "bad value '%s' for %s (want a whole number "
			 "from %ld to %ld)", liq_quote(q, sizeof q, v), key, lo, hi);
		return -1;
	}
	*out = x;
	return 0;
}
