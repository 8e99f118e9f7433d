#include "core/calendar.h"
#include "core/dates.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
D(const char *s)
{
	int d = 0;
	if (liq_date_parse(s, &d) != 0)
		abort();
	return d;
}

/* The holidays as observed, one row a year, written out from the rules
 * (calendar.h): New Year's Day, King, Presidents, Good Friday, Memorial,
 * Juneteenth, Independence, Labor, Columbus, Veterans, Thanksgiving,
 * Christmas. "-----" where none is observed: New Year's Day on a Saturday
 * (2005, 2011, 2022, 2028), Juneteenth before 2022. */
static const char *const NAMES[12] = {
	"New Year's Day", "Martin Luther King Jr. Day", "Presidents Day",
	"Good Friday", "Memorial Day", "Juneteenth", "Independence Day",
	"Labor Day", "Columbus Day", "Veterans Day", "Thanksgiving",
	"Christmas"
};

static const struct {
	int y;
	const char *days; /* 12 MM-DD, space-separated */
} TABLE[] = {
	{ 2002, "01-01 01-21 02-18 03-29 05-27 ----- 07-04 09-02 10-14 11-11 11-28 12-25" },
	{ 2003, "01-01 01-20 02-17 04-18 05-26 ----- 07-04 09-01 10-13 11-11 11-27 12-25" },
	{ 2004, "01-01 01-19 02-16 04-09 05-31 ----- 07-05 09-06 10-11 11-11 11-25 12-24" },
	{ 2005, "----- 01-17 02-21 03-25 05-30 ----- 07-04 09-05 10-10 11-11 11-24 12-26" },
	{ 2006, "01-02 01-16 02-20 04-14 05-29 ----- 07-04 09-04 10-09 11-10 11-23 12-25" },
	{ 2007, "01-01 01-15 02-19 04-06 05-28 ----- 07-04 09-03 10-08 11-12 11-22 12-25" },
	{ 2008, "01-01 01-21 02-18 03-21 05-26 ----- 07-04 09-01 10-13 11-11 11-27 12-25" },
	{ 2009, "01-01 01-19 02-16 04-10 05-25 ----- 07-03 09-07 10-12 11-11 11-26 12-25" },
	{ 2010, "01-01 01-18 02-15 04-02 05-31 ----- 07-05 09-06 10-11 11-11 11-25 12-24" },
	{ 2011, "----- 01-17 02-21 04-22 05-30 ----- 07-04 09-05 10-10 11-11 11-24 12-26" },
	{ 2012, "01-02 01-16 02-20 04-06 05-28 ----- 07-04 09-03 10-08 11-12 11-22 12-25" },
	{ 2013, "01-01 01-21 02-18 03-29 05-27 ----- 07-04 09-02 10-14 11-11 11-28 12-25" },
	{ 2014, "01-01 01-20 02-17 04-18 05-26 ----- 07-04 09-01 10-13 11-11 11-27 12-25" },
	{ 2015, "01-01 01-19 02-16 04-03 05-25 ----- 07-03 09-07 10-12 11-11 11-26 12-25" },
	{ 2016, "01-01 01-18 02-15 03-25 05-30 ----- 07-04 09-05 10-10 11-11 11-24 12-26" },
	{ 2017, "01-02 01-16 02-20 04-14 05-29 ----- 07-04 09-04 10-09 11-10 11-23 12-25" },
	{ 2018, "01-01 01-15 02-19 03-30 05-28 ----- 07-04 09-03 10-08 11-12 11-22 12-25" },
	{ 2019, "01-01 01-21 02-18 04-19 05-27 ----- 07-04 09-02 10-14 11-11 11-28 12-25" },
	{ 2020, "01-01 01-20 02-17 04-10 05-25 ----- 07-03 09-07 10-12 11-11 11-26 12-25" },
	{ 2021, "01-01 01-18 02-15 04-02 05-31 ----- 07-05 09-06 10-11 11-11 11-25 12-24" },
	{ 2022, "----- 01-17 02-21 04-15 05-30 06-20 07-04 09-05 10-10 11-11 11-24 12-26" },
	{ 2023, "01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 10-09 11-10 11-23 12-25" },
	{ 2024, "01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 10-14 11-11 11-28 12-25" },
	{ 2025, "01-01 01-20 02-17 04-18 05-26 06-19 07-04 09-01 10-13 11-11 11-27 12-25" },
	{ 2026, "01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 10-12 11-11 11-26 12-25" },
	{ 2027, "01-01 01-18 02-15 03-26 05-31 06-18 07-05 09-06 10-11 11-11 11-25 12-24" },
	{ 2028, "----- 01-17 02-21 04-14 05-29 06-19 07-04 09-04 10-09 11-10 11-23 12-25" },
	{ 2029, "01-01 01-15 02-19 03-30 05-28 06-19 07-04 09-03 10-08 11-12 11-22 12-25" },
	{ 2030, "01-01 01-21 02-18 04-19 05-27 06-19 07-04 09-02 10-14 11-11 11-28 12-25" },
};

/* The one-off full closes. */
static const struct {
	const char *day, *name;
} ONE_OFF[] = {
	{ "2004-06-11", "Reagan day of mourning" },
	{ "2012-10-30", "Hurricane Sandy" },
	{ "2018-12-05", "Bush day of mourning" },
};

/* The name the table gives `day`, or NULL. */
static const char *
table_name(int day)
{
	char ymd[11], key[6];
	size_t i, k;

	liq_date_fmt(ymd, day);
	for (i = 0; i < sizeof ONE_OFF / sizeof *ONE_OFF; i++)
		if (strcmp(ONE_OFF[i].day, ymd) == 0)
			return ONE_OFF[i].name;
	memcpy(key, ymd + 5, 5);
	key[5] = '\0';
	for (i = 0; i < sizeof TABLE / sizeof *TABLE; i++) {
		if (TABLE[i].y != atoi(ymd))
			continue;
		for (k = 0; k < 12; k++)
			if (memcmp(TABLE[i].days + 6 * k, key, 5) == 0)
				return NAMES[k];
	}
	return NULL;
}

/* Every day 2002-2030: a holiday exactly when the table says so, with
 * its name; the table's rows are well formed. */
static void
t_table(void)
{
	int d, bad = 0, n = 0;
	size_t i;

	for (i = 0; i < sizeof TABLE / sizeof *TABLE; i++) {
		check_int((int)strlen(TABLE[i].days), 12 * 6 - 1);
		check_int(TABLE[i].y, 2002 + (int)i);
	}
	for (d = D("2002-01-01"); d <= D("2030-12-31"); d++) {
		const char *want = table_name(d), *got = liq_holiday(d);
		n += want != NULL;
		if ((want == NULL) != (got == NULL) ||
		    (want && strcmp(want, got) != 0)) {
			char s[11];
			liq_date_fmt(s, d);
			printf("#   %s: want %s, got %s\n", s,
			       want ? want : "(none)", got ? got : "(none)");
			bad++;
		}
		check_int(liq_cal_is_bday(d), liq_dow(d) < 5 && !want);
	}
	check_int(bad, 0);
	/* 2002-2021: 11 a year, less the Saturday New Year's Days of 2005
	 * and 2011; 2022-2030: 12 a year, less 2022's and 2028's; plus the
	 * 3 one-off closes */
	check_int(n, 20 * 11 - 2 + 9 * 12 - 2 + 3);
}

/* Observance at the edges. */
static void
t_observance(void)
{
	/* New Year's Day on a Saturday: neither the Friday before nor the
	 * Monday after */
	check(liq_holiday(D("2021-12-31")) == NULL);
	check(liq_holiday(D("2022-01-03")) == NULL);
	check(liq_holiday(D("2010-12-31")) == NULL);
	/* on a Sunday: the Monday after */
	check_str(liq_holiday(D("2023-01-02")), "New Year's Day");
	check_str(liq_holiday(D("2022-12-26")), "Christmas");
	check_str(liq_holiday(D("2018-11-12")), "Veterans Day");
	/* other holidays on a Saturday: the Friday before */
	check_str(liq_holiday(D("2020-07-03")), "Independence Day");
	check_str(liq_holiday(D("2021-12-24")), "Christmas");
	check_str(liq_holiday(D("2023-11-10")), "Veterans Day");
	check_str(liq_holiday(D("2027-06-18")), "Juneteenth");
	/* the weekend day itself names nothing */
	check(liq_holiday(D("2020-07-04")) == NULL);
	check(liq_holiday(D("2022-01-01")) == NULL);
	/* Juneteenth from 2022 only */
	check(liq_holiday(D("2021-06-18")) == NULL);
	check_str(liq_holiday(D("2022-06-20")), "Juneteenth");
	/* Good Friday also in early-close years (not a settlement day) */
	check_str(liq_holiday(D("2021-04-02")), "Good Friday");
	check_str(liq_holiday(D("2012-04-06")), "Good Friday");
	/* early closes that are not holidays */
	check(liq_holiday(D("2007-01-02")) == NULL);
	check(liq_holiday(D("2012-10-29")) == NULL);
	check(liq_holiday(D("2025-01-09")) == NULL);
	/* the day after Thanksgiving and Christmas Eve are open */
	check(liq_holiday(D("2020-11-27")) == NULL);
	check(liq_holiday(D("2020-12-24")) == NULL);
}

static void
t_bdays(void)
{
	check_int(liq_cal_next(D("2019-12-31")), D("2020-01-02"));
	check_int(liq_cal_next(D("2020-01-01")), D("2020-01-02"));
	check_int(liq_cal_next(D("2020-07-02")), D("2020-07-06"));
	check_int(liq_cal_next(D("2020-03-06")), D("2020-03-09"));
	check_int(liq_cal_next(D("2012-10-26")), D("2012-10-29"));
	check_int(liq_cal_next(D("2012-10-29")), D("2012-10-31"));
	check_int(liq_cal_prev(D("2020-07-06")), D("2020-07-02"));
	check_int(liq_cal_prev(D("2020-04-13")), D("2020-04-09"));
	check_int(liq_cal_prev(D("2020-01-02")), D("2019-12-31"));
	check_int(liq_cal_bdays(D("2019-12-31"), D("2020-01-06")), 3);
	check_int(liq_cal_bdays(D("2020-03-02"), D("2020-03-02")), 0);
	check_int(liq_cal_bdays(D("2020-03-06"), D("2020-03-02")), 0);
	check_int(liq_cal_bdays(D("2020-03-06"), D("2020-03-09")), 1);
	/* a year of 2020: 262 weekdays less 11 holidays */
	check_int(liq_cal_bdays(D("2019-12-31"), D("2020-12-31")), 251);
}

static void
t_settle(void)
{
	/* the cycle by execution date */
	check_int(liq_regular_settle(D("2017-09-01")), 3);
	check_int(liq_regular_settle(D("2017-09-04")), 3);
	check_int(liq_regular_settle(D("2017-09-05")), 2);
	check_int(liq_regular_settle(D("2024-05-24")), 2);
	check_int(liq_regular_settle(D("2024-05-27")), 2);
	check_int(liq_regular_settle(D("2024-05-28")), 1);
	check_int(liq_regular_settle(D("2030-01-02")), 1);
	/* business days */
	check_int(liq_settle_days(D("2020-03-02"), D("2020-03-05")), 3);
	check_int(liq_settle_days(D("2020-03-06"), D("2020-03-09")), 1);
	/* Friday before Christmas Monday to Tuesday: one day */
	check_int(liq_settle_days(D("2023-12-22"), D("2023-12-26")), 1);
	/* over Thanksgiving: Friday and Monday */
	check_int(liq_settle_days(D("2023-11-22"), D("2023-11-27")), 2);
	/* executed on a holiday (New Year's Day, a Wednesday): counted from
	 * Thursday, so Monday is T+2 */
	check_int(liq_settle_days(D("2020-01-01"), D("2020-01-06")), 2);
	/* executed on a Saturday or Sunday: counted from Monday */
	check_int(liq_settle_days(D("2020-03-07"), D("2020-03-11")), 2);
	check_int(liq_settle_days(D("2020-03-08"), D("2020-03-10")), 1);
	check_int(liq_settle_days(D("2020-03-07"), D("2020-03-09")), 0);
	/* executed on Good Friday: counted from Monday */
	check_int(liq_settle_days(D("2020-04-10"), D("2020-04-15")), 2);
	/* a Saturday before a Monday holiday: counted from Tuesday */
	check_int(liq_settle_days(D("2020-01-18"), D("2020-01-23")), 2);
	/* not after execution: the calendar difference */
	check_int(liq_settle_days(D("2020-03-02"), D("2020-03-02")), 0);
	check_int(liq_settle_days(D("2020-03-02"), D("2020-02-28")), -3);
}

/* liq_settle_date is the inverse of liq_settle_days on every day
 * 2002-2030 for 0 to 3 days; by hand: Thursday 2024-01-11 + 2 is Tuesday
 * 01-16 over King Day, Saturday 2020-01-04 + 2 is Wednesday 01-08, and the
 * 2020-01-01 holiday + 2 is Monday 01-06. */
static void
t_settle_date(void)
{
	int a = liq_date_from_ymd(2002, 1, 1), b = liq_date_from_ymd(2030, 12, 31);
	int d, n, bad = 0;

	for (d = a; d <= b; d++)
		for (n = 0; n <= 3; n++)
			bad += liq_settle_days(d, liq_settle_date(d, n)) != n;
	check_int(bad, 0);
	check_int(liq_settle_date(liq_date_from_ymd(2024, 1, 11), 2),
		  liq_date_from_ymd(2024, 1, 16));
	check_int(liq_settle_date(liq_date_from_ymd(2020, 1, 4), 2),
		  liq_date_from_ymd(2020, 1, 8));
	check_int(liq_settle_date(liq_date_from_ymd(2020, 1, 1), 2),
		  liq_date_from_ymd(2020, 1, 6));
}

int
main(void)
{
	TEST(t_table(), "every holiday 2002-2030 against the table");
	TEST(t_observance(), "observance: Saturday, Sunday, New Year's Day, one-offs");
	TEST(t_bdays(), "next, previous and counted business days");
	TEST(t_settle(), "settlement cycle by date; days from the next business day");
	TEST(t_settle_date(), "settlement date n days on: the inverse of the count");
	return tap_done();
}
