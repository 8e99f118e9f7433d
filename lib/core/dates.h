/* dates — calendar dates as days since 1970-01-01, business days (Mon–Fri),
 * and times of day as seconds since midnight.
 *
 * Business days are numbered consecutively (the "business-day index"), so
 * that a window of W business days ending at day d is the index range
 * [idx(d) - W + 1, idx(d)]. The business days here (liq_is_bday,
 * liq_bday_*) are Monday to Friday with no holidays: every window, ADV and
 * business-day index of the tools and the simulator counts them (liq(7),
 * CONVENTIONS). The US bond-market calendar with holidays, and the
 * settlement cycle, are core/calendar.h (liq_cal_*), which only
 * trace-clean's settlement screen uses.
 */
#ifndef LIQ_DATES_H
#define LIQ_DATES_H

/* Parse "YYYY-MM-DD" (exactly 10 characters, a real calendar day, years
 * 1900–2199) into *days. Returns 0, or -1 if malformed. */
int liq_date_parse(const char *s, int *days);

/* Parse "YYYYMMDD" (FINRA's layout) the same way. */
int liq_date_parse_compact(const char *s, int *days);

/* Write "YYYY-MM-DD" and a NUL into out (11 bytes). */
void liq_date_fmt(char *out, int days);

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian), and back. */
int liq_date_from_ymd(int y, int m, int d);
void liq_date_to_ymd(int days, int *y, int *m, int *d);

/* Day of week, 0 = Monday … 6 = Sunday. */
int liq_dow(int days);

/* 1 for Monday–Friday (holidays included: see core/calendar.h for the
 * bond-market business days). */
int liq_is_bday(int days);

/* Business-day index of a business day. For a Saturday or Sunday,
 * liq_bday_ceil() gives the following Monday's index and liq_bday_floor()
 * the preceding Friday's. */
long liq_bday_floor(int days);
long liq_bday_ceil(int days);

/* The date of business-day index i. */
int liq_bday_date(long i);

/* Number of business days in the closed range [a, b] (0 if b < a). */
long liq_bdays_between(int a, int b);

/* Add n business days to a business day (n may be negative). */
int liq_bday_add(int days, long n);

/* Parse "HH:MM:SS" (00:00:00–23:59:59) into seconds; 0 or -1. */
int liq_time_parse(const char *s, int *secs);

/* Parse "HHMMSS" the same way. */
int liq_time_parse_compact(const char *s, int *secs);

/* Write "HH:MM:SS" and a NUL into out (9 bytes). */
void liq_time_fmt(char *out, int secs);

#endif
