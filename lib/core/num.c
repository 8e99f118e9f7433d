#include "core/num.h"

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

static const char DIGITS2[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

/* Write the integer v (>= 0) in decimal, two digits per division;
 * returns the length. */
static int
put_ulong(char *buf, unsigned long v)
{
	char tmp[24];
	int n = 24, len;

	while (v >= 100) {
		unsigned long q = v / 100, r = v - q * 100;
		n -= 2;
		memcpy(tmp + n, DIGITS2 + 2 * r, 2);
		v = q;
	}
	if (v >= 10) {
		n -= 2;
		memcpy(tmp + n, DIGITS2 + 2 * v, 2);
	} else {
		tmp[--n] = (char)('0' + v);
	}
	len = 24 - n;
	memcpy(buf, tmp + n, (size_t)len);
	return len;
}

/* %.10g for 1e-5 <= |x| < 1e10 without snprintf: scale x to a 10-digit
 * integer by an exactly representable power of ten (one rounding, error
 * well below 1e-5 of a unit), round half to even, and lay out the digits
 * as %g does. When the scaled value is within 1e-5 of a rounding tie the
 * single rounding could decide it wrongly, so those go to snprintf.
 * Returns the length, or -1 to fall back. */
static int
fmt_g10(char *buf, double x)
{
	double a = fabs(x), y, fl, fr;
	int e, k, len = 0, nd, i;
	unsigned long m;
	char dig[16];

	if (!(a >= 1e-5 && a < 1e10))
		return -1;
	/* decimal exponent by binary search over powers of ten (the negative
	 * ones are inexact: the loop below settles any off-by-one) */
	{
		static const double P[] = { 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,
					    1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
		int lo = 0, hi = 14;
		while (lo < hi) {
			int mid = (lo + hi + 1) / 2;
			if (a >= P[mid])
				lo = mid;
			else
				hi = mid - 1;
		}
		e = lo - 5;
	}
	/* adjust e until the scaled value has 10 digits before the point */
	for (i = 0;; i++) {
		k = 9 - e;
		if (k < 0 || k > 22 || i > 2)
			return -1;
		y = a * p10[k];
		if (y >= 1e10)
			e++;
		else if (y < 999999999.5)
			e--;
		else
			break;
	}
	fl = floor(y);
	fr = y - fl;
	if (fabs(fr - 0.5) < 1e-5)
		return -1;
	m = (unsigned long)fl + (fr > 0.5);
	if (m >= 10000000000UL) { /* rounding carried: 9999999999.5.. -> 1e10 */
		m /= 10;
		e++;
	}
	if (e >= 10)
		return -1; /* exponent style: leave it to snprintf */
	nd = put_ulong(dig, m); /* 10 digits */
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (x < 0)
		buf[len++] = '-';
	if (e < -4)
		return -1;
	if (e < 0) {
		buf[len++] = '0';
		buf[len++] = '.';
		for (i = -1; i > e; i--)
			buf[len++] = '0';
		for (i = 0; i < nd; i++)
			buf[len++] = dig[i];
	} else {
		for (i = 0; i <= e; i++)
			buf[len++] = i < nd ? dig[i] : '0';
		if (nd > e + 1) {
			buf[len++] = '.';
			for (i = e + 1; i < nd; i++)
				buf[len++] = dig[i];
		}
	}
	buf[len] = '\0';
	return len;
}

int
liq_num_fmt(char *buf, double x)
{
	int n;

	if (isnan(x)) {
		memcpy(buf, "NA", 3);
		return 2;
	}
	if (x == 0)
		x = 0;   /* a negative zero is written 0: its sign carries nothing */
	/* integers below 1e10 print the same under %.10g */
	if (x > -1e10 && x < 1e10 && x == (double)(long)x) {
		long v = (long)x;
		n = 0;
		if (v < 0)
			buf[n++] = '-';
		n += put_ulong(buf + n, v < 0 ? (unsigned long)(-v) : (unsigned long)v);
		buf[n] = '\0';
		return n;
	}
	n = fmt_g10(buf, x);
	if (n >= 0)
		return n;
	return snprintf(buf, LIQ_NUM_BUFSZ, "%.10g", x);
}

/* Unsigned decimal, zero-filled to at least `width` digits. */
char *
liq_put_uint(char *p, unsigned long v, int width)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		t[n++] = '0';
	while (n)
		*p++ = t[--n];
	return p;
}

int
liq_fmt_milli(char *out, long m)
{
	char *p = out;
	long f;

	if (m < 0) {
		*p++ = '-';
		m = -m;
	}
	p = liq_put_uint(p, (unsigned long)(m / 1000), 1);
	f = m % 1000;
	if (f) {
		*p++ = '.';
		*p++ = (char)('0' + f / 100);
		if (f % 100) {
			*p++ = (char)('0' + f / 10 % 10);
			if (f % 10)
				*p++ = (char)('0' + f % 10);
		}
	}
	*p = '\0';
	return (int)(p - out);
}

int
liq_num_in(const char *s, double lo, double hi, double *out)
{
	double x;

	if (liq_num_parse(s, &x) != LIQ_NUM_OK || !(x >= lo && x <= hi))
		return LIQ_NUM_BAD;
	*out = x;
	return LIQ_NUM_OK;
}

int
liq_int_in(const char *s, long lo, long hi, long *out)
{
	long x;

	if (liq_int_parse(s, &x) != LIQ_NUM_OK || x < lo || x > hi)
		return LIQ_NUM_BAD;
	*out = x;
	return LIQ_NUM_OK;
}

const char *
liq_want_num(char *buf, size_t n, double lo, double hi)
{
	snprintf(buf, n, "a number from %g to %g", lo, hi);
	return buf;
}

const char *
liq_want_int(char *buf, size_t n, long lo, long hi)
{
	snprintf(buf, n, "a whole number from %ld to %ld", lo, hi);
	return buf;
}
