/* calendar — the US bond-market calendar (core/calendar.h): the holidays
 * from their rules, business days between them, the settlement cycle. */
#include "core/calendar.h"

#include "core/dates.h"

#include <stddef.h>

/* Date of the n-th (1-based) weekday `dow` (0 = Monday) of month m;
 * n = 5 means the last one. */
static int
nth_weekday(int y, int m, int dow, int n)
{
	int first = liq_date_from_ymd(y, m, 1), d;

	d = first + (dow - liq_dow(first) + 7) % 7 + 7 * (n - 1);
	if (n == 5) {
		int next = m == 12 ? liq_date_from_ymd(y + 1, 1, 1)
				   : liq_date_from_ymd(y, m + 1, 1);
		while (d >= next)
			d -= 7;
	}
	return d;
}

/* Gregorian Easter Sunday (the anonymous computus). */
static int
easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;

	return liq_date_from_ymd(y, n / 31, n % 31 + 1);
}

/* A fixed-date holiday as observed: Saturday on the Friday before,
 * Sunday on the Monday after (which stays in the month for every holiday
 * it serves: June 19, July 4, November 11, December 25). */
static int
observed(int y, int m, int d)
{
	int day = liq_date_from_ymd(y, m, d), w = liq_dow(day);

	return w == 5 ? day - 1 : w == 6 ? day + 1 : day;
}

const char *
liq_holiday(int day)
{
	static const struct {
		int y, m, d;
		const char *name;
	} ONE_OFF[] = {
		{ 2004, 6, 11, "Reagan day of mourning" },
		{ 2012, 10, 30, "Hurricane Sandy" },
		{ 2018, 12, 5, "Bush day of mourning" },
	};
	int y, m, d, w = liq_dow(day);
	size_t i;

	if (w >= 5)
		return NULL;
	liq_date_to_ymd(day, &y, &m, &d);
	switch (m) {
	case 1:
		/* a Saturday New Year's Day is not observed */
		if (d == 1 || (d == 2 && w == 0))
			return "New Year's Day";
		if (day == nth_weekday(y, 1, 0, 3))
			return "Martin Luther King Jr. Day";
		break;
	case 2:
		if (day == nth_weekday(y, 2, 0, 3))
			return "Presidents Day";
		break;
	case 3: case 4:
		if (day == easter(y) - 2)
			return "Good Friday";
		break;
	case 5:
		if (day == nth_weekday(y, 5, 0, 5))
			return "Memorial Day";
		break;
	case 6:
		if (y >= 2022 && day == observed(y, 6, 19))
			return "Juneteenth";
		break;
	case 7:
		if (day == observed(y, 7, 4))
			return "Independence Day";
		break;
	case 9:
		if (day == nth_weekday(y, 9, 0, 1))
			return "Labor Day";
		break;
	case 10:
		if (day == nth_weekday(y, 10, 0, 2))
			return "Columbus Day";
		break;
	case 11:
		if (day == observed(y, 11, 11))
			return "Veterans Day";
		if (day == nth_weekday(y, 11, 3, 4))
			return "Thanksgiving";
		break;
	case 12:
		if (day == observed(y, 12, 25))
			return "Christmas";
		break;
	}
	for (i = 0; i < sizeof ONE_OFF / sizeof *ONE_OFF; i++)
		if (y == ONE_OFF[i].y && m == ONE_OFF[i].m &&
		    d == ONE_OFF[i].d)
			return ONE_OFF[i].name;
	return NULL;
}

int
liq_cal_is_bday(int day)
{
	return liq_dow(day) < 5 && !liq_holiday(day);
}

int
liq_cal_next(int day)
{
	do
		day++;
	while (!liq_cal_is_bday(day));
	return day;
}

int
liq_cal_prev(int day)
{
	do
		day--;
	while (!liq_cal_is_bday(day));
	return day;
}

long
liq_cal_bdays(int a, int b)
{
	long n = 0;
	int d;

	for (d = a + 1; d <= b; d++)
		n += liq_cal_is_bday(d);
	return n;
}

int
liq_regular_settle(int day)
{
	static int t2, t1;

	if (!t2) {
		t2 = liq_date_from_ymd(2017, 9, 5);
		t1 = liq_date_from_ymd(2024, 5, 28);
	}
	return day >= t1 ? 1 : day >= t2 ? 2 : 3;
}

long
liq_settle_days(int exec, int settle)
{
	if (settle <= exec)
		return settle - exec;
	return liq_cal_bdays(liq_cal_is_bday(exec) ? exec : liq_cal_next(exec),
			     settle);
}

int
liq_settle_date(int exec, int n)
{
	int d;

	if (n <= 0)
		return exec;
	d = liq_cal_is_bday(exec) ? exec : liq_cal_next(exec);
	while (n-- > 0)
		d = liq_cal_next(d);
	return d;
}
