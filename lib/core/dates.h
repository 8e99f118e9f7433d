/* dates — calendar dates as days since 1970-01-01, business days (Mon–Fri),
 * and times of day as seconds since midnight.
 *
 * Business days are numbered consecutively (the "business-day index"), so
 * that a window of W business days ending at day d is the index range
 * [idx(d) - W + 1, idx(d)]. No holiday calendar: liq counts Mon–Fri (liq(7),
 * CONVENTIONS); the settlement holidays below serve trace-clean's
 * settlement screen only.
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

/* 1 for Monday–Friday. */
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

/* ---- settlement ---------------------------------------------------- */

/* The US regular-way settlement cycle, in settlement days, of a trade
 * executed on `day`: 3 before 2017-09-05, 2 from then, 1 from 2024-05-28. */
int liq_regular_settle(int day);

/* 1 if the business day `day` is a US bond settlement holiday: the
 * Federal Reserve holidays (New Year's Day, King, Washington, Memorial,
 * Juneteenth from 2021, Independence, Labor, Columbus, Veterans,
 * Thanksgiving, Christmas; a Saturday holiday is taken on the Friday
 * before as SIFMA does, a Sunday one on the Monday after), Good Friday,
 * and the days markets closed for Hurricane Sandy and national mourning.
 * It errs towards more holidays: a day counted wrongly as a holiday can
 * only make a settlement look shorter. Weekends give 0. */
int liq_settle_holiday(int day);

/* Settlement days from execution to settlement: the business days in
 * (exec, settle] that are not settlement holidays. settle - exec (<= 0)
 * when settle is not after exec. */
long liq_settle_days(int exec, int settle);

#endif
