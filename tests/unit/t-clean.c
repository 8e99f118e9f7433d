/* Unit tests of lib/clean: each matching rule and screen on hand-built
 * reports, the price-error filter on hand-built price paths, and the
 * output order and sides. Expected statuses follow from the rules in
 * clean.h, worked out by hand. */
#include "clean/clean.h"
#include "clean/index.h"
#include "clean/price-filter.h"
#include "core/dates.h"
#include "core/diag.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static long g_line;

/* A report: exec "YYYY-MM-DD HH:MM:SS", report "YYYY-MM-DD HH:MM:SS". */
static liq_trace_rec
R(const char *cusip, const char *exec, const char *rpt, long long msg,
  long long orig, char st, char asof, double price, double qty, char side,
  char contra)
{
	liq_trace_rec r;
	char d[11];

	memset(&r, 0, sizeof r);
	r.cusip = cusip;
	memcpy(d, exec, 10);
	d[10] = 0;
	if (liq_date_parse(d, &r.exec_day) || liq_time_parse(exec + 11, &r.exec_tsec))
		abort();
	memcpy(d, rpt, 10);
	if (liq_date_parse(d, &r.rpt_day) || liq_time_parse(rpt + 11, &r.rpt_tsec))
		abort();
	r.msg = msg;
	r.orig = orig;
	r.st = st;
	r.asof = asof;
	r.price = price;
	r.qty = qty;
	r.side = side;
	r.contra = contra;
	r.sttl = -1;
	r.line = ++g_line;
	return r;
}

static liq_clean *
new_clean(void)
{
	liq_clean_opts o;
	liq_clean *c;

	liq_clean_defaults(&o);
	c = liq_clean_new(&o);
	liq_clean_file(c, "test");
	g_line = 1;
	return c;
}

static void
add(liq_clean *c, liq_trace_rec r)
{
	liq_clean_add(c, &r);
}

static int
why(const liq_clean *c, size_t i)
{
	return liq_clean_at(c, i)->why;
}

#define T0 "2020-03-02 10:00:00"
#define T1 "2020-03-02 11:00:00"
#define D1 "2020-03-02 10:01:00"
#define D2 "2020-03-03 09:00:00"
#define D3 "2020-03-04 09:00:00"

/* X cancels the T with its trade keys and message number; an X whose
 * price differs cancels nothing and is dropped as unmatched. */
static void
t_post_cancel(void)
{
	liq_clean *c = new_clean();
	add(c, R("AAA", T0, D1, 5, -1, 'T', 0, 101.5, 10000, 'S', 'C'));
	add(c, R("AAA", T1, D1, 6, -1, 'T', 0, 101.6, 10000, 'S', 'C'));
	add(c, R("AAA", T0, D2, 5, -1, 'X', 0, 101.5, 10000, 'S', 'C'));
	add(c, R("AAA", T1, D2, 6, -1, 'X', 0, 101.7, 10000, 'S', 'C'));
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_CANCELLED);
	check_int(why(c, 1), LIQ_K_KEPT);
	check_int(why(c, 2), LIQ_K_CANCELLED);
	check_int(why(c, 3), LIQ_K_CANCELLED);
	check(liq_clean_at(c, 3)->flags & LIQ_CR_UNMATCHED);
	check_int(liq_clean_at(c, 0)->link, 2);
	check_int(liq_clean_count(c, LIQ_K_CANCELLED), 3);
	check_int(liq_clean_unmatched(c, LIQ_U_X), 1);
	check_int(liq_clean_count(c, LIQ_K_KEPT), 1);
	liq_clean_free(c);
}

/* Reference numbers restart each day: an X on day 3 carrying number 5
 * removes the report of number 5 whose trade keys it repeats, not the
 * other day's number 5. */
static void
t_post_cancel_numbers_repeat(void)
{
	liq_clean *c = new_clean();
	add(c, R("AAA", T0, D1, 5, -1, 'T', 0, 101.5, 10000, 'S', 'C'));
	add(c, R("AAA", "2020-03-03 08:30:00", D2, 5, -1, 'T', 0, 101.5, 10000,
		 'S', 'C'));
	add(c, R("AAA", "2020-03-03 08:30:00", D3, 5, -1, 'X', 0, 101.5, 10000,
		 'S', 'C'));
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_KEPT);
	check_int(why(c, 1), LIQ_K_CANCELLED);
	check_int(why(c, 2), LIQ_K_CANCELLED);
	liq_clean_free(c);
}

/* A correction: C cancels the wrong T (same number and keys), R brings
 * the right terms and stays; a later C + R pair corrects the R. */
static void
t_post_correction(void)
{
	liq_clean *c = new_clean();
	add(c, R("AAA", T0, D1, 5, -1, 'T', 0, 110, 10000, 'B', 'C'));
	add(c, R("AAA", T0, D2, 5, -1, 'C', 0, 110, 10000, 'B', 'C'));
	add(c, R("AAA", T0, D2, 9, 5, 'R', 0, 101, 10000, 'B', 'C'));
	add(c, R("AAA", T0, D3, 9, -1, 'C', 0, 101, 10000, 'B', 'C'));
	add(c, R("AAA", T0, D3, 3, 9, 'R', 0, 101, 20000, 'B', 'C'));
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_CORRECTED);
	check_int(why(c, 1), LIQ_K_CORRECTED);
	check_int(why(c, 2), LIQ_K_CORRECTED);
	check_int(why(c, 3), LIQ_K_CORRECTED);
	check_int(why(c, 4), LIQ_K_KEPT);
	check_int(liq_clean_count(c, LIQ_K_CORRECTED), 4);
	liq_clean_free(c);
}

/* Y reverses the report its orig_msg_seq_nb names (same trade keys);
 * an X and a Y naming the same report: the X takes it, the Y is left. */
static void
t_post_reversal(void)
{
	liq_clean *c = new_clean();
	add(c, R("AAA", T0, D1, 7, -1, 'T', 0, 99, 5000, 'S', 'C'));
	add(c, R("AAA", T1, D1, 8, -1, 'T', 0, 99, 5000, 'S', 'C'));
	add(c, R("AAA", T0, "2020-04-01 09:00:00", 2, 7, 'Y', 'R', 99, 5000, 'S', 'C'));
	add(c, R("AAA", T1, D2, 8, -1, 'X', 0, 99, 5000, 'S', 'C'));
	add(c, R("AAA", T1, "2020-04-01 09:00:00", 3, 8, 'Y', 'R', 99, 5000, 'S', 'C'));
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_REVERSED);
	check_int(why(c, 2), LIQ_K_REVERSED);
	check_int(why(c, 1), LIQ_K_CANCELLED);
	check_int(why(c, 3), LIQ_K_CANCELLED);
	check_int(why(c, 4), LIQ_K_REVERSED);
	check_int(liq_clean_unmatched(c, LIQ_U_Y), 1);
	liq_clean_free(c);
}

/* FINRA's Prior Trade Report Date and Prior Reference Number name the
 * report exactly, whatever the trade keys say. */
static void
t_finra_link(void)
{
	liq_clean *c = new_clean();
	liq_trace_rec x;
	add(c, R("AAA", T0, D1, 3, -1, 'T', 0, 99, 5000, 'S', 'C'));
	add(c, R("AAA", T0, D1, 4, -1, 'T', 0, 99, 5000, 'S', 'C'));
	x = R("AAA", T1, D2, 4, 4, 'X', 0, 98, 7000, 'S', 'C');
	x.prior_day = liq_clean_at(c, 0)->rpt_day;
	add(c, x);
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_KEPT);
	check_int(why(c, 1), LIQ_K_CANCELLED);
	check_int(why(c, 2), LIQ_K_CANCELLED);
	liq_clean_free(c);
}

#define P0 "2011-05-02 10:00:00"
#define P1 "2011-05-02 11:00:00"
#define PR "2011-05-02 12:00:00"

/* Pre-2012: C cancels the report whose number its orig_msg_seq_nb gives,
 * on the same report date only. */
static void
t_pre_cancel(void)
{
	liq_clean *c = new_clean();
	add(c, R("BBB", P0, PR, 10, -1, 'T', 0, 100, 5000, 'S', 'C'));
	add(c, R("BBB", P1, PR, 11, -1, 'T', 0, 100, 5000, 'S', 'C'));
	add(c, R("BBB", P0, "2011-05-02 15:00:00", 12, 10, 'C', 0, 100, 5000, 'S', 'C'));
	add(c, R("BBB", P1, "2011-05-03 09:00:00", 1, 11, 'C', 0, 100, 5000, 'S', 'C'));
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_PRE_CANCELLED);
	check_int(why(c, 2), LIQ_K_PRE_CANCELLED);
	check_int(why(c, 1), LIQ_K_KEPT);
	check_int(why(c, 3), LIQ_K_PRE_CANCELLED);
	check_int(liq_clean_unmatched(c, LIQ_U_PRE_C), 1);
	liq_clean_free(c);
}

/* A report of WRDS's standard table, as the reader gives it: the
 * execution date and time stand for the report's. */
static liq_trace_rec
S(const char *exec, long long msg, long long orig, char st, char asof,
  double price, double qty)
{
	liq_trace_rec r = R("SSS", exec, exec, msg, orig, st, asof, price, qty,
			    'S', 'C');

	r.rpt_tsec = -1;
	r.prior_day = LIQ_PRIOR_STANDARD;
	return r;
}

/* The standard table, T/C/W whatever the date: its numbers repeat from
 * one dissemination day to the next, so a C names its report by
 * execution date and time, price, size and number, a W by execution date
 * and time and number; its inter-dealer reports are one side, kept. */
static void
t_standard(void)
{
	liq_clean *c = new_clean();
	/* 0: same number, same date, another time: not the C's report */
	add(c, S("2014-03-03 10:00:00", 7, -1, 'T', 0, 100, 5000));
	add(c, S("2014-03-03 11:00:00", 7, -1, 'T', 0, 100, 5000));
	add(c, S("2014-03-03 11:00:00", 9, 7, 'C', 0, 100, 5000));
	/* 3: a W with another price replaces its report */
	add(c, S("2014-03-03 12:00:00", 8, -1, 'T', 0, 101, 5000));
	add(c, S("2014-03-03 12:00:00", 10, 8, 'W', 0, 100.5, 5000));
	/* 5: a C whose price differs matches nothing */
	add(c, S("2014-03-03 13:00:00", 11, -1, 'T', 0, 100, 5000));
	add(c, S("2014-03-03 13:00:00", 12, 11, 'C', 0, 99, 5000));
	/* 7: an inter-dealer report: kept, counted */
	{
		liq_trace_rec d = S("2014-03-03 14:00:00", 13, -1, 'T', 0, 100,
				    5000);
		d.contra = 'D';
		add(c, d);
	}
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_KEPT);
	check_int(why(c, 1), LIQ_K_PRE_CANCELLED);
	check_int(why(c, 2), LIQ_K_PRE_CANCELLED);
	check_int(why(c, 3), LIQ_K_PRE_CORRECTED);
	check_int(why(c, 4), LIQ_K_KEPT);
	check_int(why(c, 5), LIQ_K_KEPT);
	check_int(why(c, 6), LIQ_K_PRE_CANCELLED);
	check_int(liq_clean_unmatched(c, LIQ_U_PRE_C), 1);
	check_int(why(c, 7), LIQ_K_KEPT);
	check_int(liq_clean_one_sided(c), 1);
	check_int(liq_clean_count(c, LIQ_K_DEALER_BUY), 0);
	liq_clean_free(c);
}

/* A W chain T <- W <- W resolves to the last W, in any input order. */
static void
t_pre_w_chain(void)
{
	int order;

	for (order = 0; order < 2; order++) {
		liq_clean *c = new_clean();
		liq_trace_rec t = R("BBB", P0, PR, 1, -1, 'T', 0, 100, 5000, 'S', 'C');
		liq_trace_rec w2 = R("BBB", P0, "2011-05-02 13:00:00", 2, 1, 'W', 0,
				     100.5, 5000, 'S', 'C');
		liq_trace_rec w3 = R("BBB", P0, "2011-05-02 14:00:00", 3, 2, 'W', 0,
				     100.25, 5000, 'S', 'C');
		add(c, t);
		add(c, order ? w3 : w2);
		add(c, order ? w2 : w3);
		liq_clean_run(c);
		check_int(why(c, 0), LIQ_K_PRE_CORRECTED);
		check_int(why(c, order ? 2 : 1), LIQ_K_PRE_CORRECTED);
		check_int(why(c, order ? 1 : 2), LIQ_K_KEPT);
		check_int(liq_clean_count(c, LIQ_K_KEPT), 1);
		check_int(liq_clean_count(c, LIQ_K_PRE_CORRECTED), 2);
		liq_clean_free(c);
	}
}

/* As-of R reversals: 7 keys first, the earliest report of a key group
 * first; then 6 keys without the execution time; else unmatched. */
static void
t_pre_reversals(void)
{
	liq_clean *c = new_clean();
	add(c, R("BBB", P0, PR, 1, -1, 'T', 0, 100, 5000, 'S', 'C'));          /* 0 */
	add(c, R("BBB", P0, "2011-05-02 12:30:00", 2, -1, 'T', 0, 100, 5000, 'S', 'C')); /* 1 */
	add(c, R("BBB", P1, PR, 3, -1, 'T', 0, 101, 7000, 'B', 'C'));          /* 2 */
	add(c, R("BBB", P0, "2011-06-01 09:00:00", 4, -1, 'T', 'R', 100, 5000, 'S', 'C')); /* 3 */
	/* time differs: only the 6-key pass finds report 2 */
	add(c, R("BBB", "2011-05-02 11:05:00", "2011-06-01 09:00:00", 5, -1, 'T', 'R',
		 101, 7000, 'B', 'C'));                                          /* 4 */
	add(c, R("BBB", P1, "2011-06-01 09:00:00", 6, -1, 'T', 'R', 55, 7000, 'B', 'C')); /* 5 */
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_PRE_REVERSED);
	check_int(why(c, 1), LIQ_K_KEPT);
	check_int(why(c, 3), LIQ_K_PRE_REVERSED);
	check_int(why(c, 2), LIQ_K_PRE_REVERSED);
	check_int(why(c, 4), LIQ_K_PRE_REVERSED);
	check_int(why(c, 5), LIQ_K_PRE_REVERSED);
	check(liq_clean_at(c, 5)->flags & LIQ_CR_UNMATCHED);
	check_int(liq_clean_unmatched(c, LIQ_U_PRE_R), 1);
	liq_clean_free(c);
}

/* A post-2012 Y of a pre-2012 trade: no message number matches (the
 * numbering changed), so step 2 matches it on the trade keys. */
static void
t_post_y_of_pre_trade(void)
{
	liq_clean *c = new_clean();
	add(c, R("BBB", "2012-01-30 10:00:00", "2012-01-30 10:01:00", 44, -1, 'T', 0,
		 100, 5000, 'S', 'C'));
	add(c, R("BBB", "2012-01-30 10:00:00", "2012-03-01 09:00:00", 2, 7, 'Y', 'R',
		 100, 5000, 'S', 'C'));
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_PRE_REVERSED);
	check_int(why(c, 1), LIQ_K_PRE_REVERSED);
	check_int(liq_clean_unmatched(c, LIQ_U_Y), 0);
	liq_clean_free(c);
}

/* Inter-dealer: each dealer sell takes one dealer buy with the same
 * cusip, date, price and quantity; times may differ. */
static void
t_dealer(void)
{
	int keep;

	for (keep = 0; keep < 2; keep++) {
		liq_clean_opts o;
		liq_clean *c;
		liq_clean_defaults(&o);
		o.keep_dealer_buys = keep;
		c = liq_clean_new(&o);
		add(c, R("CCC", T0, D1, 1, -1, 'T', 0, 100, 1e6, 'S', 'D'));
		add(c, R("CCC", T1, D1, 2, -1, 'T', 0, 100, 1e6, 'B', 'D'));
		add(c, R("CCC", T1, D1, 3, -1, 'T', 0, 100, 1e6, 'B', 'D'));
		add(c, R("CCC", T1, D1, 4, -1, 'T', 0, 100, 2e6, 'B', 'D'));
		add(c, R("CCC", T1, D1, 5, -1, 'T', 0, 100, 1e6, 'B', 'C'));
		liq_clean_run(c);
		check_int(why(c, 0), LIQ_K_KEPT);
		check_int(why(c, 1), keep ? LIQ_K_KEPT : LIQ_K_DEALER_BUY);
		check_int(why(c, 2), LIQ_K_KEPT);
		check_int(why(c, 3), LIQ_K_KEPT);
		check_int(why(c, 4), LIQ_K_KEPT);
		liq_clean_free(c);
	}
}

/* The screens, in their order; settlement against the regular cycle
 * of the trade date unless --settle-days sets a limit. */
static void
t_screens(void)
{
	int fixed;

	for (fixed = 0; fixed < 2; fixed++) {
		liq_clean_opts o;
		liq_clean *c;
		liq_trace_rec r;
		liq_clean_defaults(&o);
		if (fixed)
			o.settle_days = 3;
		c = liq_clean_new(&o);
		r = R("DDD", T0, D1, 1, -1, 'T', 0, 100, 5000, 'S', 'C');
		r.flags = LIQ_REC_WIS | LIQ_REC_SPCL;
		add(c, r);                                   /* 0 when issued */
		r.flags = LIQ_REC_SPCL;
		add(c, r);                                   /* 1 special */
		r.flags = 0;
		r.sttl = 3;
		add(c, r);                                   /* 2 T+3 in 2020 */
		r = R("DDD", "2016-03-02 10:00:00", "2016-03-02 10:01:00", 1, -1,
		      'T', 0, 100, 5000, 'S', 'C');
		r.sttl = 3;
		add(c, r);                                   /* 3 T+3 in 2016 */
		r = R("DDD", "2024-06-03 10:00:00", "2024-06-03 10:01:00", 1, -1,
		      'T', 0, 100, 5000, 'S', 'C');
		r.sttl = 2;
		add(c, r);                                   /* 4 T+2 in 2024-06 */
		r.sttl = 1;
		r.flags = LIQ_REC_LOCKED;
		add(c, r);                                   /* 5 locked in */
		r.flags = LIQ_REC_AGENCY;
		add(c, r);                                   /* 6 agency */
		r.flags = 0;
		r.price = 0;
		add(c, r);                                   /* 7 price 0 */
		r.price = 1000;
		add(c, r);                                   /* 8 price 1000 */
		r.price = 1000.5;
		add(c, r);                                   /* 9 above */
		r.price = 100;
		r.sttl = -1;
		add(c, r);                                   /* 10 unknown sttl */
		liq_clean_run(c);
		check_int(why(c, 0), LIQ_K_WHEN_ISSUED);
		check_int(why(c, 1), LIQ_K_SPECIAL_PRICE);
		check_int(why(c, 2), fixed ? LIQ_K_KEPT : LIQ_K_SETTLEMENT);
		check_int(why(c, 3), LIQ_K_KEPT);
		check_int(why(c, 4), fixed ? LIQ_K_KEPT : LIQ_K_SETTLEMENT);
		check_int(why(c, 5), LIQ_K_LOCKED_IN);
		check_int(why(c, 6), LIQ_K_AGENCY);
		check_int(why(c, 7), LIQ_K_PRICE_RANGE);
		/* 1000 passes the range screen; among prints of 100 it is a
		 * decimal shift for step 5 */
		check_int(why(c, 8), LIQ_K_PRICE_ERROR);
		check_int(why(c, 9), LIQ_K_PRICE_RANGE);
		check_int(why(c, 10), LIQ_K_KEPT);
		liq_clean_free(c);
	}
}

/* ---- the price-error filter ---- */

static void
flags_of(const double *p, size_t n, const char *want)
{
	uint8_t f[64];
	char got[65];
	size_t i;

	liq_price_errors(p, n, 5, 1.0, f, NULL);
	for (i = 0; i < n; i++)
		got[i] = f[i] == LIQ_CR_SHIFT ? 'S' : f[i] == LIQ_CR_BOUNCE ? 'B' : '.';
	got[n] = 0;
	check_str(got, want);
}

static void
t_price_errors(void)
{
	/* a decimal shift inside the series and at both ends */
	static const double mid[] = { 100, 101, 1005, 102, 101, 100.5 };
	static const double first[] = { 10.1, 101, 102, 100, 101 };
	static const double last[] = { 98, 99, 98.5, 99.2, 9.93 };
	/* a genuine jump of 8% stays, and so does every print around it */
	static const double jump[] = { 100, 100.2, 99.9, 100.1, 108, 108.3, 107.9,
				       108.1, 108 };
	/* bounce-backs: double, or under half, the prints on both sides */
	static const double up[] = { 100, 101, 99, 205, 100, 100.5, 101 };
	static const double down[] = { 100, 101, 99, 49, 100, 100.5, 101 };
	/* a thin bond's block print 40% above and 30% below: genuine */
	static const double thin[] = { 80, 75, 82, 112, 79, 56, 81, 77 };
	/* two prints: only the one farther from par is the shift */
	static const double two[] = { 95, 950 };
	static const double two2[] = { 10.4, 104 };
	static const double one[] = { 1000 };
	uint8_t f[8];
	double ref[8];

	flags_of(mid, 6, "..S...");
	flags_of(first, 5, "S....");
	flags_of(last, 5, "....S");
	flags_of(jump, 9, ".........");
	flags_of(up, 7, "...B...");
	flags_of(down, 7, "...B...");
	flags_of(thin, 8, "........");
	flags_of(two, 2, ".S");
	flags_of(two2, 2, "S.");
	flags_of(one, 1, ".");
	/* the reference of a flagged print is the nearer side's median:
	 * before 100.5 (of 100, 101), after 101 (of 102, 101, 100.5) */
	liq_price_errors(mid, 6, 5, 1.0, f, ref);
	check_near(ref[2], 101, 1e-12);
	check_near(ref[0], 0, 0);
	/* a lower threshold sees the thin bond's prints as errors */
	liq_price_errors(thin, 8, 5, 0.25, f, NULL);
	check_int(f[3], LIQ_CR_BOUNCE);
}

/* Output: sorted by cusip, date, time, ties in input order; sides from
 * the customer's view. */
static void
t_write(void)
{
	liq_clean *c = new_clean();
	char buf[1024];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	add(c, R("ZZZ", T0, D1, 1, -1, 'T', 0, 100.25, 5000, 'S', 'C'));
	add(c, R("AAA", T1, D1, 2, -1, 'T', 0, 99.5, 1e6, 'B', 'C'));
	add(c, R("AAA", T0, D1, 3, -1, 'T', 0, 99.75, 250000, 'S', 'D'));
	add(c, R("AAA", T0, D1, 4, -1, 'T', 0, 99.8, 1000, 'S', 'C'));
	add(c, R("AAA", "2020-02-28 16:00:00", D1, 5, -1, 'T', 'A', 99, 1000, 'B', 'C'));
	liq_clean_run(c);
	liq_clean_write(c, f);
	fclose(f);
	check_str(buf, "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"
		       "AAA\t2020-02-28\t16:00:00\t99\t1000\tS\t0\t0\n"
		       "AAA\t2020-03-02\t10:00:00\t99.75\t250000\tD\t0\t0\n"
		       "AAA\t2020-03-02\t10:00:00\t99.8\t1000\tB\t0\t0\n"
		       "AAA\t2020-03-02\t11:00:00\t99.5\t1000000\tS\t0\t0\n"
		       "ZZZ\t2020-03-02\t10:00:00\t100.25\t5000\tB\t0\t0\n");
	liq_clean_free(c);
}

/* Capped sizes: counted as read (kept or not), written at the cap, and
 * a row of the audit table only when there are any. */
static void
t_capped(void)
{
	liq_clean *c = new_clean();
	liq_trace_rec r;
	char buf[2048];
	FILE *f;

	r = R("AAA", T0, D1, 1, -1, 'T', 0, 100, 5e6, 'S', 'C');
	r.flags = LIQ_REC_CAPPED;
	add(c, r);
	r = R("AAA", T0, D1, 2, -1, 'T', 0, 100, 1e6, 'S', 'C');
	r.flags = LIQ_REC_CAPPED | LIQ_REC_WIS;
	add(c, r);
	add(c, R("AAA", T1, D1, 3, -1, 'T', 0, 100, 5000, 'B', 'C'));
	liq_clean_run(c);
	check_int(liq_clean_capped(c), 2);
	check_int(liq_clean_count(c, LIQ_K_WHEN_ISSUED), 1);
	f = fmemopen(buf, sizeof buf, "w");
	liq_clean_audit(c, f);
	fclose(f);
	check(strstr(buf, "in    reports                   3   100.00\n"
			  "in    capped_size               2    66.67\n"
			  "1     cancelled") != NULL);
	/* the kept capped report is written capped 1 */
	f = fmemopen(buf, sizeof buf, "w");
	liq_clean_write(c, f);
	fclose(f);
	check_str(buf, "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"
		       "AAA\t2020-03-02\t10:00:00\t100\t5000000\tB\t1\t0\n"
		       "AAA\t2020-03-02\t11:00:00\t100\t5000\tS\t0\t0\n");
	liq_clean_free(c);

	c = new_clean();
	add(c, R("AAA", T0, D1, 1, -1, 'T', 0, 100, 5e6, 'S', 'C'));
	liq_clean_run(c);
	check_int(liq_clean_capped(c), 0);
	f = fmemopen(buf, sizeof buf, "w");
	liq_clean_audit(c, f);
	fclose(f);
	check(strstr(buf, "capped") == NULL);
	liq_clean_free(c);
}

/* Step 6: a customer sale at 10:00:00 and a dealer print of its size at
 * 10:00:30 pair; a customer buy of another size does not. Flagged and
 * counted by default; with collapse_riskless the dealer print goes
 * (riskless_leg), linked to the customer print. */
static void
t_riskless(void)
{
	liq_clean_opts o;
	liq_clean *c;
	char buf[2048];
	FILE *f;
	int k;

	for (k = 0; k < 2; k++) {
		liq_clean_defaults(&o);
		o.collapse_riskless = k;
		c = liq_clean_new(&o);
		liq_clean_file(c, "test");
		g_line = 1;
		add(c, R("AAA", T0, D1, 1, -1, 'T', 0, 100, 250000, 'B', 'C'));
		add(c, R("AAA", "2020-03-02 10:00:30", D1, 2, -1, 'T', 0, 100.1,
			 250000, 'S', 'D'));
		add(c, R("AAA", "2020-03-02 10:00:40", D1, 3, -1, 'T', 0, 100.2,
			 10000, 'S', 'C'));
		liq_clean_run(c);
		check_int(liq_clean_riskless_pairs(c), 1);
		check_int(liq_clean_customer_prints(c), 2);
		check_int(liq_clean_count(c, LIQ_K_RISKLESS), k);
		check_int(liq_clean_count(c, LIQ_K_KEPT), 3 - k);
		check_int(liq_clean_at(c, 1)->why, k ? LIQ_K_RISKLESS : LIQ_K_KEPT);
		check_str(liq_clean_kind_name(LIQ_K_RISKLESS), "riskless_leg");
		f = fmemopen(buf, sizeof buf, "w");
		liq_clean_write(c, f);
		fclose(f);
		check_str(buf, k
			? "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"
			  "AAA\t2020-03-02\t10:00:00\t100\t250000\tS\t0\t1\n"
			  "AAA\t2020-03-02\t10:00:40\t100.2\t10000\tB\t0\t0\n"
			: "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"
			  "AAA\t2020-03-02\t10:00:00\t100\t250000\tS\t0\t1\n"
			  "AAA\t2020-03-02\t10:00:30\t100.1\t250000\tD\t0\t2\n"
			  "AAA\t2020-03-02\t10:00:40\t100.2\t10000\tB\t0\t0\n");
		f = fmemopen(buf, sizeof buf, "w");
		liq_clean_audit(c, f);
		fclose(f);
		check(strstr(buf, "6     riskless_pairs            1    50.00\n") != NULL);
		check((strstr(buf, "6     riskless_leg              1    33.33\n") != NULL) == k);
		liq_clean_free(c);
	}
}

/* Statuses outside the vocabulary of the report's date are errors. */
static void
bad_status(void *arg)
{
	liq_clean *c;
	(void)arg;
	liq_init("t-clean");
	c = new_clean();
	add(c, R("AAA", P0, PR, 1, -1, 'X', 0, 100, 1000, 'S', 'C'));
}

static void
t_vocabulary(void)
{
	char err[512];
	check_int(liq_clean_post_day(), liq_date_from_ymd(2012, 2, 6));
	check_int(tap_exit_of(bad_status, NULL, err, sizeof err), 1);
	check(strstr(err, "t-clean: test:2: trade status 'X' on a report of "
			  "2011-05-02: before 2012-02-06") == err);
}

/* The example of price-filter.h, as written there. */
static void
t_price_filter_example(void)
{
	double p[] = { 100.1, 100.2, 1002, 100.3, 100.2 };
	uint8_t flag[5];
	double ref[5];
	int i;

	liq_price_errors(p, 5, 5, 1.0, flag, ref);
	check_int(flag[2], LIQ_CR_SHIFT);
	check_near(ref[2], 100.25, 1e-12);
	for (i = 0; i < 5; i++)
		if (i != 2)
			check_int(flag[i], 0);
}

/* Interning numbers strings in order of first sight, through the growth
 * of its table. */
static void
t_intern(void)
{
	liq_intern t;
	char s[16];
	int i, bad = 0;

	liq_intern_init(&t);
	check_int(liq_intern_add(&t, "00206RGL0"), 0);
	check_int(liq_intern_add(&t, "912828YK0"), 1);
	check_int(liq_intern_add(&t, "00206RGL0"), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "C%07d", i);
		bad += liq_intern_add(&t, s) != (uint32_t)(i + 2);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "C%07d", i);
		bad += liq_intern_add(&t, s) != (uint32_t)(i + 2);
	}
	check_int(bad, 0);
	check_int(t.n, 5002);
	check_str(liq_intern_str(&t, 1), "912828YK0");
	check_str(liq_intern_str(&t, 4001), "C0003999");
	liq_intern_free(&t);
}

/* A matching pass pairs the k-th record of a key with the k-th target
 * that takes it, never a record with itself. */
static void
t_match(void)
{
	liq_match p;
	liq_key a = { { 1, 2, 3, 4, 5 } }, b = { { 2, 2, 3, 4, 5 } };
	liq_key none = { { 1, 2, 3, 4, 6 } };

	memset(&p, 0, sizeof p);
	liq_match_add(&p, 10, &a);
	liq_match_add(&p, 11, &b);
	liq_match_add(&p, 12, &a);
	liq_match_build(&p);
	check_int(p.tags, 1 << 1 | 1 << 2);
	check(liq_match_find(&p, &none, liq_key_hash(&none)) == NULL);
	check(liq_match_find(&p, &a, liq_key_hash(&a)) != NULL);
	/* record 10 cannot take itself */
	check_int(liq_match_take(&p, &a, liq_key_hash(&a), 10), LIQ_NONE);
	check_int(liq_match_take(&p, &a, liq_key_hash(&a), 20), 0);
	check_int(liq_match_take(&p, &a, liq_key_hash(&a), 21), 2);
	check_int(liq_match_take(&p, &a, liq_key_hash(&a), 22), LIQ_NONE);
	check_int(liq_match_take(&p, &b, liq_key_hash(&b), 23), 1);
	check_int(p.used[0] && p.used[1] && p.used[2], 1);
	liq_match_free(&p);
	check_int(p.nrec, 0);
}

/* The public CSV (msg -1): a Cancel removes the T with its cusip,
 * execution date and time, price, quantity and side (not the contra);
 * a Correction replaces the T it matches and stays; unmatched ones are
 * counted (the Cancel dropped, the Correction kept); dealer reports are
 * one-sided: step 3 keeps them and counts them. */
static void
t_public(void)
{
	liq_clean *c = new_clean();
	liq_trace_rec r;

	add(c, R("A", T0, T0, -1, -1, 'T', 0, 100, 1000, 'S', 'C'));  /* 0 */
	add(c, R("A", T0, T0, -1, -1, 'X', 0, 100, 1000, 'S', 'D'));  /* 1 */
	add(c, R("A", T1, T1, -1, -1, 'T', 0, 101, 2000, 'B', 'C'));  /* 2 */
	r = R("A", T1, T1, -1, -1, 'R', 0, 101, 2000, 'B', 'C');      /* 3 */
	r.sttl = 2;
	add(c, r);
	add(c, R("A", T1, T1, -1, -1, 'X', 0, 101, 2000, 'S', 'C'));  /* 4 */
	add(c, R("A", D1, D1, -1, -1, 'R', 0, 99, 500, 'S', 'C'));    /* 5 */
	add(c, R("A", D2, D2, -1, -1, 'T', 0, 102, 700, 'S', 'D'));   /* 6 */
	/* a sale and buy between dealers with the same terms: public reports
	 * are not paired */
	add(c, R("A", D2, D2, -1, -1, 'T', 0, 102, 700, 'B', 'D'));   /* 7 */
	/* pre-2012 dates keep the public vocabulary */
	add(c, R("B", "2010-05-03 10:00:00", "2010-05-03 10:00:00", -1, -1,
		 'X', 0, 100, 1000, 'S', 'C'));                           /* 8 */
	add(c, R("B", "2010-05-03 10:00:00", "2010-05-03 10:00:00", -1, -1,
		 'T', 0, 100, 1000, 'S', 'C'));                           /* 9 */
	liq_clean_run(c);
	check_int(why(c, 0), LIQ_K_CANCELLED);
	check_int(why(c, 1), LIQ_K_CANCELLED);
	check_int(why(c, 2), LIQ_K_CORRECTED);
	check_int(why(c, 3), LIQ_K_KEPT);
	check_int(liq_clean_at(c, 3)->link, 2);
	check_int(why(c, 4), LIQ_K_CANCELLED); /* side S: no match */
	check(liq_clean_at(c, 4)->flags & LIQ_CR_UNMATCHED);
	check_int(why(c, 5), LIQ_K_KEPT);
	check_int(why(c, 6), LIQ_K_KEPT);
	check_int(why(c, 7), LIQ_K_KEPT);
	check_int(why(c, 8), LIQ_K_CANCELLED);
	check_int(why(c, 9), LIQ_K_CANCELLED);
	check_int(liq_clean_count(c, LIQ_K_CANCELLED), 5);
	check_int(liq_clean_count(c, LIQ_K_CORRECTED), 1);
	check_int(liq_clean_count(c, LIQ_K_DEALER_BUY), 0);
	check_int(liq_clean_unmatched(c, LIQ_U_PUB_X), 1);
	check_int(liq_clean_unmatched(c, LIQ_U_PUB_R), 1);
	check_int(liq_clean_unmatched(c, LIQ_U_X), 0);
	check_int(liq_clean_one_sided(c), 2);
	check_int(liq_clean_count(c, LIQ_K_KEPT), 4);
	liq_clean_free(c);
}

/* CRLF lines are a note of the audit table, not a removal. */
static void
t_crlf_audit(void)
{
	liq_clean *c = new_clean();
	char buf[4096];
	FILE *fp = fmemopen(buf, sizeof buf, "w");

	add(c, R("A", T0, T0, 1, -1, 'T', 0, 100, 1000, 'S', 'C'));
	liq_clean_crlf(c, 2);
	liq_clean_crlf(c, 1);
	liq_clean_run(c);
	check_int(liq_clean_crlf_lines(c), 3);
	liq_clean_audit(c, fp);
	fclose(fp);
	check(strstr(buf, "\nin    crlf_lines                3        -\n") !=
	      NULL);
	check(strstr(buf, "\nout   clean                     1   100.00\n") !=
	      NULL);
	liq_clean_free(c);
}

int
main(void)
{
	TEST(t_post_cancel(), "X cancels its report; an unmatched X is dropped");
	TEST(t_post_cancel_numbers_repeat(), "X finds its report when numbers repeat");
	TEST(t_post_correction(), "C + R corrections, chained");
	TEST(t_post_reversal(), "Y reverses; X before Y on the same report");
	TEST(t_finra_link(), "FINRA prior date and reference link exactly");
	TEST(t_pre_cancel(), "pre-2012 C on the same report date");
	TEST(t_pre_w_chain(), "pre-2012 W chains resolve to the last W");
	TEST(t_pre_reversals(), "as-of R reversals: 7 keys, then 6");
	TEST(t_standard(), "the standard table: T/C/W by execution time and terms");
	TEST(t_post_y_of_pre_trade(), "a post-2012 Y of a pre-2012 trade");
	TEST(t_dealer(), "inter-dealer buys drop one for one");
	TEST(t_screens(), "screens and the settlement cycle by date");
	TEST(t_price_errors(), "price errors: shifts, bounce-backs, jumps stay");
	TEST(t_write(), "output order, ties, sides");
	TEST(t_capped(), "capped sizes are counted, and audited when present");
	TEST(t_riskless(), "step 6: riskless-principal pairs flagged, counted, collapsed on request");
	TEST(t_public(), "public CSV: Cancel and Correction by trade terms");
	TEST(t_crlf_audit(), "CRLF lines are a note in the audit table");
	TEST(t_vocabulary(), "statuses outside the report date's vocabulary");
	TEST(t_price_filter_example(), "price-filter.h's example");
	TEST(t_intern(), "interning numbers CUSIPs in order of first sight");
	TEST(t_match(), "a matching pass pairs records and targets in order");
	return tap_done();
}
