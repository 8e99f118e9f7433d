/* json — the few helpers liqserve builds its JSON with, over jansson.
 * Numbers are written as liq writes them everywhere, %.10g (jansson's
 * JSON_REAL_PRECISION(10); a whole number keeps a ".0", an exponent drops
 * its "+" and leading zeros: 1e20, 3.5e-7), so the API prints
 * the digits the TSV tools print; NA (NaN) and infinities are null.
 *
 *     json_t *o = json_object();
 *     json_object_set_new(o, "cost_bps", liq_json_num(c.cost_bps));
 *     json_object_set_new(o, "cusip", liq_json_str(cusip));
 *     char *text = liq_json_dump(o, &len);     // malloc'd; NULL: no memory
 *     json_decref(o);
 */
#ifndef LIQ_JSON_H
#define LIQ_JSON_H

#include <jansson.h>
#include <stddef.h>

/* A number, or null for NaN and infinities. */
json_t *liq_json_num(double x);

/* A string of s; bytes that are not valid UTF-8 become U+FFFD, so any
 * request text can be echoed back. Never NULL but out of memory. */
json_t *liq_json_str(const char *s);

/* {"error": message, "status": status}. */
json_t *liq_json_error(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Compact text of j with the %.10g numbers and a final newline (malloc'd,
 * length in *len), or NULL out of memory. */
char *liq_json_dump(const json_t *j, size_t *len);

#endif
