/* calendar — the US bond-market calendar: the days SIFMA recommends a
 * full close of the US dollar fixed-income markets, the business days
 * between them, and the regular-way settlement cycle. Days are days since
 * 1970-01-01 (core/dates.h).
 *
 * Two kinds of business day live in lib/core, on purpose:
 *   - core/dates.h (liq_is_bday, liq_bday_*): Monday to Friday, no
 *     holidays. Every window, ADV and business-day index of the tools and
 *     the simulator counts these (liq(7), CONVENTIONS, Business days).
 *   - this calendar (liq_cal_*): Monday to Friday less the holidays below.
 *     Only trace-clean's settlement screen counts these.
 *
 * The holidays, as SIFMA's recommended full closes:
 *   New Year's Day (January 1), Martin Luther King Jr. Day (3rd Monday of
 *   January), Presidents Day (3rd Monday of February), Good Friday,
 *   Memorial Day (last Monday of May), Juneteenth (June 19, from 2022),
 *   Independence Day (July 4), Labor Day (1st Monday of September),
 *   Columbus Day (2nd Monday of October), Veterans Day (November 11),
 *   Thanksgiving (4th Thursday of November), Christmas (December 25).
 * Observance of the fixed-date ones: a holiday on a Sunday is observed the
 * Monday after, on a Saturday the Friday before; except New Year's Day on
 * a Saturday, which is not observed: December 31 stays the last trading
 * and settlement day of the year (SIFMA's schedule turned the close first
 * planned for Friday 2010-12-31 into a full trading day).
 *
 * Decisions:
 *   - Juneteenth counts from 2022: SIFMA added it to its schedule in July
 *     2021, first for 2022-06-20; the bond market was open on 2021-06-18.
 *   - Good Friday is a holiday every year. In years when the employment
 *     report falls on it (2007, 2010, 2012, 2015, 2021, 2023, 2026, ...)
 *     SIFMA recommended a noon early close instead of a full close, but
 *     also that the day not be a settlement day for corporate and
 *     municipal bonds; this calendar serves settlement, so the day is
 *     closed.
 *   - One-off full closes: 2004-06-11 (national day of mourning, President
 *     Reagan), 2012-10-30 (Hurricane Sandy), 2018-12-05 (national day of
 *     mourning, President G. H. W. Bush). Left out, because SIFMA
 *     recommended only an early close and settlement went on: 2007-01-02
 *     (President Ford), 2012-10-29 (the first day of Sandy), 2025-01-09
 *     (President Carter). Days before TRACE began (July 2002) are not
 *     listed.
 * A day counted wrongly as a holiday can only make a settlement look
 * shorter, never drop a trade; the settlement screen is the only user.
 */
#ifndef LIQ_CALENDAR_H
#define LIQ_CALENDAR_H

/* The short name of the holiday observed on `day` ("Christmas",
 * "Good Friday", "Hurricane Sandy", ...), or NULL for a business day or a
 * weekend (a holiday that falls on a weekend is named on the day it is
 * observed, if any). */
const char *liq_holiday(int day);

/* 1 for a bond-market business day: Monday to Friday, not a holiday. */
int liq_cal_is_bday(int day);

/* The first business day after `day`, and the last one before it. */
int liq_cal_next(int day);
int liq_cal_prev(int day);

/* The business days d with a < d <= b (0 when b <= a). */
long liq_cal_bdays(int a, int b);

/* The US regular-way settlement cycle, in business days, of a trade
 * executed on `day`: 3 before 2017-09-05, 2 from then to 2024-05-27,
 * 1 from 2024-05-28. */
int liq_regular_settle(int day);

/* Settlement days from execution to settlement: business days of the
 * calendar counted from the execution day, or from the next business day
 * when the execution day is not one (a weekend, holiday or overnight
 * trade settles regular-way from the next business day):
 * liq_cal_bdays(exec or liq_cal_next(exec), settle). When settle is not
 * after exec, settle - exec (<= 0). */
long liq_settle_days(int exec, int settle);

/* The settlement date n >= 0 settlement days after exec, the inverse of
 * liq_settle_days: liq_settle_days(exec, liq_settle_date(exec, n)) == n
 * for n >= 1; exec itself for n == 0. */
int liq_settle_date(int exec, int n);

#endif
