#include "core/dates.h"
#include "tap.h"


static void
t_parse_fmt(void)
{
	int d = -1;
	char b[11];
	check_int(liq_date_parse("1970-01-01", &d), 0);
	check_int(d, 0);
	check_int(liq_date_parse("2020-03-16", &d), 0);
	check_int(d, 18337);
	liq_date_fmt(b, d);
	check_str(b, "2020-03-16");
	check_int(liq_date_parse("2000-02-29", &d), 0);
	check_int(liq_date_parse("1900-02-29", &d), -1);
	check_int(liq_date_parse("2023-02-29", &d), -1);
	check_int(liq_date_parse("2024-02-29", &d), 0);
	check_int(liq_date_parse("2023-04-31", &d), -1);
	check_int(liq_date_parse("2023-13-01", &d), -1);
	check_int(liq_date_parse("2023-1-01", &d), -1);
	check_int(liq_date_parse("2023-01-011", &d), -1);
	check_int(liq_date_parse("20230101", &d), -1);
	check_int(liq_date_parse("", &d), -1);
	check_int(liq_date_parse_compact("20230131", &d), 0);
	liq_date_fmt(b, d);
	check_str(b, "2023-01-31");
	check_int(liq_date_parse_compact("2023013", &d), -1);
}

/* Every day from 1900 to 2199 survives format -> parse. */
static void
t_roundtrip(void)
{
	int d, e, bad = 0;
	char b[11];
	for (d = liq_date_from_ymd(1900, 1, 1); d <= liq_date_from_ymd(2199, 12, 31); d++) {
		liq_date_fmt(b, d);
		if (liq_date_parse(b, &e) != 0 || e != d)
			bad++;
	}
	check_int(bad, 0);
}

static void
t_dow(void)
{
	int d;
	liq_date_parse("2023-11-20", &d); /* a Monday */
	check_int(liq_dow(d), 0);
	check_int(liq_dow(d + 4), 4);
	check_int(liq_dow(d + 5), 5);
	check_int(liq_dow(d + 6), 6);
	check_int(liq_dow(d - 1), 6);
	liq_date_parse("1969-12-29", &d); /* Monday before the epoch */
	check_int(liq_dow(d), 0);
	check_int(liq_is_bday(d), 1);
	check_int(liq_is_bday(d - 1), 0);
}

static void
t_bday(void)
{
	int mon, fri, sat, sun, d;
	liq_date_parse("2023-11-20", &mon);
	fri = mon + 4, sat = mon + 5, sun = mon + 6;
	check_int(liq_bday_floor(fri) - liq_bday_floor(mon), 4);
	check_int(liq_bday_floor(sat), liq_bday_floor(fri));
	check_int(liq_bday_floor(sun), liq_bday_floor(fri));
	check_int(liq_bday_ceil(sat), liq_bday_floor(fri) + 1);
	check_int(liq_bday_date(liq_bday_ceil(sun)), mon + 7);
	check_int(liq_bday_date(liq_bday_floor(mon)), mon);
	check_int(liq_bdays_between(mon, sun), 5);
	check_int(liq_bdays_between(sat, sun), 0);
	check_int(liq_bdays_between(mon, mon), 1);
	check_int(liq_bdays_between(fri, mon), 0);
	check_int(liq_bdays_between(sat, mon + 7), 1);
	/* 2020 has 262 weekdays */
	liq_date_parse("2020-01-01", &d);
	check_int(liq_bdays_between(d, d + 365), 262);
	check_int(liq_bday_add(fri, 1), mon + 7);
	check_int(liq_bday_add(mon, -1), fri - 7);
	check_int(liq_bday_add(mon, 20), mon + 28);
}

/* index -> date -> index is the identity, and consecutive indices are
 * consecutive weekdays, across the epoch. */
static void
t_bday_index(void)
{
	long i;
	int bad = 0;
	for (i = -3000; i < 60000; i++) {
		int d = liq_bday_date(i), e = liq_bday_date(i + 1);
		if (!liq_is_bday(d) || liq_bday_floor(d) != i ||
		    liq_bday_ceil(d) != i || !(e - d == 1 || (e - d == 3 && liq_dow(d) == 4)))
			bad++;
	}
	check_int(bad, 0);
}

static void
t_time(void)
{
	int s = -1;
	char b[9];
	check_int(liq_time_parse("09:30:05", &s), 0);
	check_int(s, 9 * 3600 + 30 * 60 + 5);
	liq_time_fmt(b, s);
	check_str(b, "09:30:05");
	check_int(liq_time_parse("23:59:59", &s), 0);
	check_int(liq_time_parse("24:00:00", &s), -1);
	check_int(liq_time_parse("12:60:00", &s), -1);
	check_int(liq_time_parse("9:30:05", &s), -1);
	check_int(liq_time_parse("09:30", &s), -1);
	check_int(liq_time_parse_compact("093005", &s), 0);
	check_int(s, 34205);
	check_int(liq_time_parse_compact("0930050", &s), -1);
}

int
main(void)
{
	TEST(t_parse_fmt(), "dates parse strictly and format back");
	TEST(t_roundtrip(), "every day 1900-2199 round-trips");
	TEST(t_dow(), "day of week around the epoch");
	TEST(t_bday(), "business-day counting and arithmetic");
	TEST(t_bday_index(), "business-day index is a bijection onto weekdays");
	TEST(t_time(), "times of day parse strictly and format back");
	return tap_done();
}
