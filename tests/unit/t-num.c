#include "core/num.h"
#include "tap.h"

#include <stdlib.h>

static double
P(const char *s)
{
	double v = -12345;
	int rc = liq_num_parse(s, &v);
	return rc == LIQ_NUM_OK ? v : rc == LIQ_NUM_NA ? -99999 : -77777;
}

static void
t_parse_ok(void)
{
	check_near(P("101.25"), 101.25, 0);
	check_near(P("-0.5"), -0.5, 0);
	check_near(P("+3"), 3, 0);
	check_near(P(".5"), 0.5, 0);
	check_near(P("5."), 5, 0);
	check_near(P("1e3"), 1000, 0);
	check_near(P("2.5E-2"), 0.025, 0);
	check_near(P("0.000"), 0, 0);
	check_near(P("007"), 7, 0);
}

/* The fast path and strtod must agree bit for bit. */
static void
t_parse_rounding(void)
{
	const char *v[] = { "0.1", "0.3", "101.257", "99.999999", "1234567.891",
			    "0.000123456789", "9007199254740993", "1e23",
			    "123456789012345678901234567890", "4.9e-324",
			    "2.2250738585072014e-308", "0.1234567890123456789012",
			    "100.00000000000000000001", "1e-22", "1e22", NULL };
	int i;
	for (i = 0; v[i]; i++) {
		double a = 0;
		check_int(liq_num_parse(v[i], &a), LIQ_NUM_OK);
		check(a == strtod(v[i], NULL));
	}
}

static void
t_parse_bad(void)
{
	const char *v[] = { "", " 1", "1 ", "1a", "abc", "nan", "NaN", "inf",
			    "-inf", "Infinity", "0x10", "1e", "1e+", "-", ".",
			    "+.", "1.2.3", "1e400", "--1", "na", "N/A", "1,5",
			    NULL };
	int i;
	for (i = 0; v[i]; i++) {
		double a = 42;
		if (liq_num_parse(v[i], &a) != LIQ_NUM_BAD)
			printf("# accepted '%s'\n", v[i]);
		check_int(liq_num_parse(v[i], &a), LIQ_NUM_BAD);
		check_near(a, 42, 0);
	}
}

static void
t_parse_na(void)
{
	double a = 0;
	check_int(liq_num_parse("NA", &a), LIQ_NUM_NA);
	check(isnan(a));
	check_int(liq_num_parse("NAN", &a), LIQ_NUM_BAD);
}

static void
t_int(void)
{
	long v = 0;
	check_int(liq_int_parse("12345", &v), LIQ_NUM_OK);
	check_int(v, 12345);
	check_int(liq_int_parse("-7", &v), LIQ_NUM_OK);
	check_int(v, -7);
	check_int(liq_int_parse("9223372036854775807", &v), LIQ_NUM_OK);
	check_int(liq_int_parse("9223372036854775808", &v), LIQ_NUM_BAD);
	check_int(liq_int_parse("-9223372036854775808", &v), LIQ_NUM_OK);
	check_int(liq_int_parse("1.0", &v), LIQ_NUM_BAD);
	check_int(liq_int_parse("", &v), LIQ_NUM_BAD);
	check_int(liq_int_parse("NA", &v), LIQ_NUM_NA);
}

static void
t_fmt(void)
{
	char b[LIQ_NUM_BUFSZ], r[64];
	double v[] = { 0, 1, -1, 100, 101.257, 1e9, 9999999999.0, 1e10,
		       12345678901.0, 0.1, 1.0 / 3, 2.5e-7, 1e300,
		       -123456789, 25000, 5e6 };
	size_t i;
	for (i = 0; i < sizeof v / sizeof *v; i++) {
		liq_num_fmt(b, v[i]);
		snprintf(r, sizeof r, "%.10g", v[i]);
		check_str(b, r);
	}
	liq_num_fmt(b, NAN);
	check_str(b, "NA");
	/* a negative zero (a cost of -1 * 0, a covariance rounding to 0)
	 * is written 0, unlike %.10g's "-0" */
	liq_num_fmt(b, -0.0);
	check_str(b, "0");
	liq_num_fmt(b, -1e-300 * 1e-300);
	check_str(b, "0");
}

/* The fast path of the formatter prints exactly what %.10g prints, over
 * random doubles of every magnitude it handles, values next to rounding
 * ties, and powers of ten. */
static void
t_fmt_random(void)
{
	char b[LIQ_NUM_BUFSZ], r[64];
	unsigned long s = 88172645463325252UL, i, bad = 0;
	int e;
	for (i = 0; i < 3000000; i++) {
		double x;
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		x = (double)(s >> 11) / 9007199254740992.0; /* [0, 1) */
		x *= pow(10, (double)((long)(s % 19) - 7));
		if (s & 1)
			x = -x;
		if (i % 3 == 0) /* short decimals, like prices and bps */
			x = round(x * 1000) / 1000;
		liq_num_fmt(b, x);
		/* rounding gives -0 for small negatives: written 0 */
		snprintf(r, sizeof r, "%.10g", x == 0 ? 0.0 : x);
		if (strcmp(b, r) != 0 && bad++ < 5)
			printf("# %s != %s\n", b, r);
	}
	for (e = -8; e <= 12; e++) {
		double v[] = { pow(10, e), nextafter(pow(10, e), 0),
			       nextafter(pow(10, e), 1e300), 9.9999999995 * pow(10, e),
			       1.00000000005 * pow(10, e), 1.23456789015 * pow(10, e) };
		size_t j;
		for (j = 0; j < sizeof v / sizeof *v; j++) {
			liq_num_fmt(b, v[j]);
			snprintf(r, sizeof r, "%.10g", v[j]);
			if (strcmp(b, r) != 0 && bad++ < 10)
				printf("# %s != %s\n", b, r);
		}
	}
	check_int(bad, 0);
}

/* Formatting then parsing keeps 10 significant digits. */
static void
t_roundtrip(void)
{
	char b[LIQ_NUM_BUFSZ];
	double x = 98.7654321, y = 0;
	liq_num_fmt(b, x);
	check_int(liq_num_parse(b, &y), LIQ_NUM_OK);
	check_rel(y, x, 1e-10);
}

/* Prices kept as integer thousandths print as %.10g prints them. */
static void
t_milli(void)
{
	long m, bad = 0;
	char a[32], b[LIQ_NUM_BUFSZ];
	for (m = 0; m < 2000000; m += 7) {
		liq_fmt_milli(a, m);
		liq_num_fmt(b, (double)m / 1000.0);
		bad += strcmp(a, b) != 0;
	}
	liq_fmt_milli(a, -1500);
	check_str(a, "-1.5");
	check_int(bad, 0);
}

int
main(void)
{
	TEST(t_parse_ok(), "parses plain decimals, signs, exponents");
	TEST(t_parse_rounding(), "fast path is correctly rounded (equals strtod)");
	TEST(t_parse_bad(), "rejects empty, spaces, garbage, nan/inf, hex, overflow");
	TEST(t_parse_na(), "NA is missing, NAN is an error");
	TEST(t_int(), "strict integers with overflow detection");
	TEST(t_fmt(), "formatter equals %.10g, NaN is NA");
	TEST(t_roundtrip(), "format then parse keeps 10 digits");
	TEST(t_fmt_random(), "fast formatter equals %.10g on 3 million random values");
	TEST(t_milli(), "thousandths print exactly as the number formatter");
	return tap_done();
}
