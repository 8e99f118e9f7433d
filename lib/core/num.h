/* num — strict number parsing and the one number formatter.
 *
 * Parsing accepts exactly: [+-]digits[.digits][(e|E)[+-]digits] (".5" and
 * "5." too), and the token NA for a missing value. It rejects the empty
 * string, white space, trailing garbage, hex, and nan/inf spellings.
 * Results are correctly rounded (a fast exact path for short decimals,
 * strtod otherwise). Formatting is "%.10g" in the C locale, with NA for NaN
 * and 0 for a negative zero.
 */
#ifndef LIQ_NUM_H
#define LIQ_NUM_H

#include <stddef.h>

enum {
	LIQ_NUM_OK = 0,  /* *out holds the value */
	LIQ_NUM_NA = 1,  /* the field was NA; *out is NaN */
	LIQ_NUM_BAD = -1 /* not a number; *out untouched */
};

/* Parse the NUL-terminated string s. Returns LIQ_NUM_OK, LIQ_NUM_NA or
 * LIQ_NUM_BAD. Out-of-range values (overflow to inf) are LIQ_NUM_BAD. */
int liq_num_parse(const char *s, double *out);

/* Parse a whole decimal integer (optional sign) into *out; returns
 * LIQ_NUM_OK, LIQ_NUM_NA or LIQ_NUM_BAD (also on overflow). */
int liq_int_parse(const char *s, long *out);

/* Longest text liq_num_fmt() writes, plus the NUL. */
#define LIQ_NUM_BUFSZ 32

/* Write x as "%.10g" (NaN as "NA", -0 as "0", infinities as "inf"/"-inf") into buf,
 * which holds LIQ_NUM_BUFSZ bytes; returns the length written. */
int liq_num_fmt(char *buf, double x);

/* Missing value: a quiet NaN. */
double liq_na(void);
int liq_is_na(double x);

/* A number (liq_num_parse, not NA) or a whole number (liq_int_parse) in
 * [lo, hi]: LIQ_NUM_OK with *out set, else LIQ_NUM_BAD and *out
 * untouched. The range checks of options, HTTP query parameters and
 * JSON fields all go through these and say what they want with the two
 * below, so every "bad value" message reads the same. */
int liq_num_in(const char *s, double lo, double hi, double *out);
int liq_int_in(const char *s, long lo, long hi, long *out);

/* "a number from LO to HI" (%g) or "a whole number from LO to HI" into
 * buf (n bytes); returns buf. */
const char *liq_want_num(char *buf, size_t n, double lo, double hi);
const char *liq_want_int(char *buf, size_t n, long lo, long hi);

/* Write v in decimal, zero-filled to at least `width` digits, at p (no
 * NUL); returns the end. For the fixed-layout writers. */
char *liq_put_uint(char *p, unsigned long v, int width);

/* Price x 1000 as the shortest decimal ("101.25", "100") with a NUL.
 * Returns the length. */
int liq_fmt_milli(char *out, long milli);

#endif
