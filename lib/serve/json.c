#include "serve/json.h"

#include "serve/route.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *
liq_json_num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

json_t *
liq_json_str(const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *buf;
	json_t *j;

	if (liq_utf8_valid(s, n))
		return json_stringn(s, n);
	buf = malloc(3 * n + 1);
	if (!buf)
		return NULL;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (k > 1 && (i + k > n || !liq_utf8_valid(s + i, k))) {
			memcpy(buf + o, "\xEF\xBF\xBD", 3);   /* U+FFFD */
			o += 3;
			i++;
		} else {
			memcpy(buf + o, s + i, k);
			o += k;
			i += k;
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j;
}

json_t *
liq_json_error(int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	json_t *j = json_object();

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_object_set_new(j, "error", liq_json_str(msg));
	json_object_set_new(j, "status", json_integer(status));
	return j;
}

char *
liq_json_dump(const json_t *j, size_t *len)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY |
			       JSON_REAL_PRECISION(10)) : NULL,
	     *t;
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	/* jansson allocates with malloc (the default allocator) */
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return NULL;
	}
	s = t;
	s[n] = '\n';
	s[n + 1] = '\0';
	*len = n + 1;
	return s;
}
