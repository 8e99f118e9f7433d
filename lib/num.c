#include "num.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Powers of ten exactly representable as doubles (10^0 .. 10^22). */
static const double p10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

double
liq_na(void)
{
	return NAN;
}

int
liq_is_na(double x)
{
	return isnan(x);
}

int
liq_num_parse(const char *s, double *out)
{
	const char *p = s;
	uint64_t mant = 0;
	int ndig = 0, nsig = 0, frac = 0, neg = 0, ex = 0, exneg = 0, nexd = 0;
	int dropped = 0;
	double v;

	if (s[0] == 'N' && s[1] == 'A' && s[2] == '\0') {
		*out = NAN;
		return LIQ_NUM_NA;
	}
	if (*p == '+' || *p == '-')
		neg = (*p++ == '-');
	for (; *p >= '0' && *p <= '9'; p++, ndig++) {
		if (nsig < 19) {
			if (mant || *p != '0') {
				mant = mant * 10 + (uint64_t)(*p - '0');
				nsig++;
			}
		} else {
			dropped++;
		}
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, ndig++) {
			if (nsig < 19) {
				if (mant || *p != '0') {
					mant = mant * 10 + (uint64_t)(*p - '0');
					nsig++;
				}
				frac++;
			} else if (*p != '0') {
				dropped++;
			}
		}
	}
	if (ndig == 0)
		return LIQ_NUM_BAD;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			exneg = (*p++ == '-');
		for (; *p >= '0' && *p <= '9'; p++, nexd++)
			if (ex < 100000)
				ex = ex * 10 + (*p - '0');
		if (nexd == 0)
			return LIQ_NUM_BAD;
	}
	if (*p != '\0')
		return LIQ_NUM_BAD;
	/* Clinger's fast path: an integer mantissa below 2^53 scaled by an
	 * exactly representable power of ten is one correctly rounded IEEE
	 * operation. Everything else goes to strtod on the validated text. */
	if (!dropped && mant < (1ULL << 53)) {
		int e = (exneg ? -ex : ex) - frac;
		if (e >= -22 && e <= 22) {
			v = (double)mant;
			v = e < 0 ? v / p10[-e] : v * p10[e];
			*out = neg ? -v : v;
			return LIQ_NUM_OK;
		}
	}
	errno = 0;
	v = strtod(s, NULL);
	if (isinf(v) || (errno == ERANGE && fabs(v) > 1.0))
		return LIQ_NUM_BAD;
	*out = v;
	return LIQ_NUM_OK;
}

int
liq_int_parse(const char *s, long *out)
{
	const char *p = s;
	int neg = 0;
	unsigned long v = 0, lim;

	if (s[0] == 'N' && s[1] == 'A' && s[2] == '\0')
		return LIQ_NUM_NA;
	if (*p == '+' || *p == '-')
		neg = (*p++ == '-');
	if (!(*p >= '0' && *p <= '9'))
		return LIQ_NUM_BAD;
	lim = neg ? (unsigned long)LONG_MAX + 1UL : (unsigned long)LONG_MAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (lim - d) / 10)
			return LIQ_NUM_BAD;
		v = v * 10 + d;
	}
	if (*p != '\0')
		return LIQ_NUM_BAD;
	*out = neg ? (long)(0 - v) : (long)v;
	return LIQ_NUM_OK;
}

int
liq_num_fmt(char *buf, double x)
{
	if (isnan(x)) {
		memcpy(buf, "NA", 3);
		return 2;
	}
	/* Integers below 1e10 print the same under %.10g: do them by hand,
	 * which is several times faster than snprintf. */
	if (x > -1e10 && x < 1e10 && x == (double)(long)x && !(x == 0 && signbit(x))) {
		char tmp[16];
		long v = (long)x;
		int n = 0, len = 0;
		unsigned long u = v < 0 ? (unsigned long)(-v) : (unsigned long)v;
		do {
			tmp[n++] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (v < 0)
			buf[len++] = '-';
		while (n)
			buf[len++] = tmp[--n];
		buf[len] = '\0';
		return len;
	}
	return snprintf(buf, LIQ_NUM_BUFSZ, "%.10g", x);
}
