/* text — user text made safe to quote in a message: UTF-8 validation and
 * a quoting that replaces what a terminal should not print and cuts what
 * is too long (tests/unit/t-text.c).
 *
 *     char v[64];
 *     liq_die(1, "unknown cusip '%s'", liq_quote(v, sizeof v, cusip));
 */
#ifndef LIQ_TEXT_H
#define LIQ_TEXT_H

#include <stddef.h>

/* 1 if s[0..n) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF). */
int liq_utf8_valid(const char *s, size_t n);

/* Write s into out (size bytes, NUL-terminated) fit to quote in a
 * message: bytes that are not printable ASCII or part of valid UTF-8
 * become '?', and a value longer than 48 bytes is cut with "...".
 * Returns out. */
char *liq_quote(char *out, size_t size, const char *s);

#endif
