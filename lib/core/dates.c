#include "core/dates.h"

/* Civil-from-days and days-from-civil after H. Hinnant's public-domain
 * algorithms: exact for the proleptic Gregorian calendar. */
int
liq_date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
liq_date_to_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : n[m - 1];
}

static int
digits(const char *s, int n, int *v)
{
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 0;
}

static int
ymd_ok(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= mdays(y, m);
}

int
liq_date_parse(const char *s, int *days)
{
	int y, m, d;

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || s[10] != '\0' ||
	    !ymd_ok(y, m, d))
		return -1;
	*days = liq_date_from_ymd(y, m, d);
	return 0;
}

int
liq_date_parse_compact(const char *s, int *days)
{
	int y, m, d;

	if (digits(s, 4, &y) || digits(s + 4, 2, &m) || digits(s + 6, 2, &d) ||
	    s[8] != '\0' || !ymd_ok(y, m, d))
		return -1;
	*days = liq_date_from_ymd(y, m, d);
	return 0;
}

void
liq_date_fmt(char *o, int days)
{
	int y, m, d;

	liq_date_to_ymd(days, &y, &m, &d);
	o[0] = (char)('0' + y / 1000 % 10);
	o[1] = (char)('0' + y / 100 % 10);
	o[2] = (char)('0' + y / 10 % 10);
	o[3] = (char)('0' + y % 10);
	o[4] = '-';
	o[5] = (char)('0' + m / 10);
	o[6] = (char)('0' + m % 10);
	o[7] = '-';
	o[8] = (char)('0' + d / 10);
	o[9] = (char)('0' + d % 10);
	o[10] = '\0';
}

static long
floordiv(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* 1970-01-01 was a Thursday: shifting by 3 puts Monday at 0. */
int
liq_dow(int days)
{
	return (int)(days + 3 - floordiv(days + 3, 7) * 7);
}

int
liq_is_bday(int days)
{
	return liq_dow(days) < 5;
}

long
liq_bday_floor(int days)
{
	long w = floordiv(days + 3, 7);
	int dow = liq_dow(days);

	return w * 5 + (dow < 5 ? dow : 4);
}

long
liq_bday_ceil(int days)
{
	long w = floordiv(days + 3, 7);
	int dow = liq_dow(days);

	return dow < 5 ? w * 5 + dow : (w + 1) * 5;
}

int
liq_bday_date(long i)
{
	long w = floordiv(i, 5);

	return (int)(w * 7 + (i - w * 5) - 3);
}

long
liq_bdays_between(int a, int b)
{
	long n;

	if (b < a)
		return 0;
	n = liq_bday_floor(b) - liq_bday_ceil(a) + 1;
	return n > 0 ? n : 0;
}

int
liq_bday_add(int days, long n)
{
	return liq_bday_date(liq_bday_floor(days) + n);
}

int
liq_time_parse(const char *s, int *secs)
{
	int h, m, x;

	if (digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &m) ||
	    s[5] != ':' || digits(s + 6, 2, &x) || s[8] != '\0' || h > 23 ||
	    m > 59 || x > 59)
		return -1;
	*secs = h * 3600 + m * 60 + x;
	return 0;
}

int
liq_time_parse_compact(const char *s, int *secs)
{
	int h, m, x;

	if (digits(s, 2, &h) || digits(s + 2, 2, &m) || digits(s + 4, 2, &x) ||
	    s[6] != '\0' || h > 23 || m > 59 || x > 59)
		return -1;
	*secs = h * 3600 + m * 60 + x;
	return 0;
}

void
liq_time_fmt(char *o, int s)
{
	int h = s / 3600, m = s / 60 % 60, x = s % 60;

	o[0] = (char)('0' + h / 10);
	o[1] = (char)('0' + h % 10);
	o[2] = ':';
	o[3] = (char)('0' + m / 10);
	o[4] = (char)('0' + m % 10);
	o[5] = ':';
	o[6] = (char)('0' + x / 10);
	o[7] = (char)('0' + x % 10);
	o[8] = '\0';
}
