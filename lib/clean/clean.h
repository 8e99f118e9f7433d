/* clean — Dick-Nielsen cleaning of raw TRACE reports into trades.tsv.
 *
 * Reports are added in input order (liq_trace_rec, clean/traceread.h),
 * held in memory (sizeof(liq_clean_report) bytes each), cleaned in five
 * counted steps by liq_clean_run(), flagged in a sixth, and written
 * sorted by (cusip, date, time):
 *
 *   1. post-2012 (report date from 2012-02-06): an X (cancel) or C
 *      (cancelled correction) removes the T/R report it names, a Y
 *      (reversal) the report its orig_msg_seq_nb names; X, C and Y
 *      records are never kept;
 *   2. pre-2012: a C removes the report its orig_msg_seq_nb names on the
 *      same report date, a W replaces the one it names (chains W -> W
 *      resolve to the last W), an as-of R reversal removes one matching
 *      trade (7 keys, then 6 without the execution time);
 *   1p. the public CSV (no reference numbers): a Cancel removes the
 *      report with its cusip, execution date and time, price, quantity
 *      and side; a Correction replaces that report (the Correction
 *      stays); counted with step 1;
 *   3. inter-dealer de-duplication: a dealer buy with a matching dealer
 *      sell (cusip, execution date, price, quantity) is dropped; the
 *      public CSV carries one side of an inter-dealer trade only, so its
 *      dealer reports are kept as they are and counted;
 *   4. screens: when issued, special price, settlement beyond the regular
 *      cycle, locked-in reports, agency trades without commission, prices
 *      <= 0 or above a maximum;
 *   5. the price-error filter (liq_price_errors);
 *   6. riskless-principal pairs among the clean trades
 *      (liq_trades_riskless, format/trades.h): flagged in trades.tsv's
 *      riskless column and counted; with collapse_riskless each pair's
 *      dealer print is removed.
 *
 *     liq_clean_opts o;  liq_clean_defaults(&o);
 *     liq_clean *c = liq_clean_new(&o);
 *     liq_clean_file(c, "raw.tsv");
 *     while (liq_trace_next(in, &rec)) liq_clean_add(c, &rec);
 *     liq_clean_run(c);
 *     liq_clean_write(c, stdout);           // trades.tsv
 *     liq_clean_audit(c, stderr);           // the table of removed rows
 *     liq_clean_free(c);
 *
 * The modules: clean.c (adding reports, writing trades.tsv), steps.c
 * (steps 1-4, liq_clean_run), price-filter.c (step 5, price-filter.h),
 * riskless.c (step 6), audit.c (rejects, audit table, warnings), index.c
 * (interning
 * and matching, index.h); their shared state is clean-internal.h.
 */
#ifndef LIQ_CLEAN_H
#define LIQ_CLEAN_H

#include "clean/price-filter.h"
#include "clean/traceread.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The date from which the post-2012 vocabulary (T X C R Y) applies to a
 * report, by its report date: 2012-02-06. */
int liq_clean_post_day(void);

typedef struct liq_clean_opts {
	int keep_dealer_buys;     /* skip step 3 */
	int keep_when_issued;     /* each screen of step 4 can be turned off */
	int keep_special_price;
	int keep_settlement;
	int keep_locked_in;
	int keep_agency;
	int keep_price_range;
	int keep_price_errors;    /* skip step 5 */
	int settle_days;          /* longest settlement kept, in settlement
				   * days; -1: the regular cycle of the
				   * execution date (liq_regular_settle) */
	double max_price;         /* prices above it are dropped (1000) */
	int window;               /* step 5: prints each side (5) */
	double bounce;            /* step 5: a bounce-back print is more
				   * than 1 + bounce times (or less than
				   * 1 / (1 + bounce) times) its
				   * neighbours (1: double or half) */
	int collapse_riskless;    /* step 6: drop the dealer print of each
				   * riskless-principal pair */
} liq_clean_opts;

void liq_clean_defaults(liq_clean_opts *o);

/* What removed a report: the audit rows, in the order of the steps. */
enum {
	LIQ_K_KEPT = 0,
	LIQ_K_CANCELLED,      /* X and the report it cancels */
	LIQ_K_CORRECTED,      /* C and the report it cancels */
	LIQ_K_REVERSED,       /* Y and the report it reverses */
	LIQ_K_PRE_CANCELLED,  /* pre-2012 C and the report it cancels */
	LIQ_K_PRE_CORRECTED,  /* pre-2012 report replaced by a W */
	LIQ_K_PRE_REVERSED,   /* pre-2012 as-of R and the report it reverses */
	LIQ_K_DEALER_BUY,
	LIQ_K_WHEN_ISSUED,
	LIQ_K_SPECIAL_PRICE,
	LIQ_K_SETTLEMENT,
	LIQ_K_LOCKED_IN,
	LIQ_K_AGENCY,
	LIQ_K_PRICE_RANGE,
	LIQ_K_PRICE_ERROR,
	LIQ_K_RISKLESS,       /* dealer print of a riskless-principal pair
			       * (collapse_riskless only) */
	LIQ_K_N
};

/* Audit name of a kind ("cancelled", ...; "clean" for LIQ_K_KEPT). */
const char *liq_clean_kind_name(int kind);

/* Records that found no report to act on; all but W are dropped. */
enum {
	LIQ_U_X,      /* cancels */
	LIQ_U_C,      /* cancelled corrections */
	LIQ_U_Y,      /* reversals */
	LIQ_U_PRE_C,  /* pre-2012 cancels */
	LIQ_U_PRE_W,  /* pre-2012 corrections (kept: the W is the trade) */
	LIQ_U_PRE_R,  /* pre-2012 reversals */
	LIQ_U_PUB_X,  /* public CSV Cancels */
	LIQ_U_PUB_R,  /* public CSV Corrections (kept: the Correction is the
		       * trade) */
	LIQ_U_N
};

/* One report as held in memory: 72 bytes. */
typedef struct liq_clean_report {
	double price, qty;
	int64_t msg, orig;        /* orig -1 when blank; msg -1 in the
				   * public CSV (no reference numbers) */
	uint32_t bond;            /* index of the interned CUSIP */
	uint32_t line;
	uint32_t link;            /* the report that removed it, or that it
				   * removed or replaced; UINT32_MAX none */
	int32_t exec_day, rpt_day, prior_day;
	int32_t exec_tsec, rpt_tsec;
	int16_t sttl;             /* settlement days, -1 unknown */
	char st, asof, side, contra;
	uint8_t flags;            /* LIQ_REC_* and the bits below */
	uint8_t why;              /* LIQ_K_* */
} liq_clean_report;

enum {
	LIQ_CR_UNMATCHED = 0x20   /* an X/C/Y/W/R that found no report; the
				   * price-error bits are in price-filter.h */
};

typedef struct liq_clean liq_clean;

liq_clean *liq_clean_new(const liq_clean_opts *o);
void liq_clean_free(liq_clean *c);

/* Start a new input file: the reports added next come from `name` (kept
 * by pointer, for --rejects). */
void liq_clean_file(liq_clean *c, const char *name);

/* Add one report (in input order; exits 1 past 2^32 - 1 reports). */
void liq_clean_add(liq_clean *c, const liq_trace_rec *r);

/* Run the five steps. Call once, after the last liq_clean_add(). */
void liq_clean_run(liq_clean *c);

size_t liq_clean_size(const liq_clean *c);
/* Report i (0-based, input order); why is LIQ_K_KEPT for a clean trade. */
const liq_clean_report *liq_clean_at(const liq_clean *c, size_t i);
/* Rows a step removed (LIQ_K_KEPT: the clean rows). */
unsigned long liq_clean_count(const liq_clean *c, int kind);
unsigned long liq_clean_unmatched(const liq_clean *c, int u);
/* Reports read with a capped size (5MM+ or 1MM+, LIQ_REC_CAPPED), kept
 * or not. */
unsigned long liq_clean_capped(const liq_clean *c);

/* Riskless-principal pairs step 6 found among the clean trades, and the
 * customer prints they were sought among (the clean customer prints
 * before any collapse). */
unsigned long liq_clean_riskless_pairs(const liq_clean *c);
unsigned long liq_clean_customer_prints(const liq_clean *c);

/* Write trades.tsv with format/trades.h's writer: cusip date time price
 * qty side capped riskless, sorted by (cusip, date, time), ties in input
 * order; side from the customer's view; capped 1 for a report read with
 * a capped size; riskless from step 6. */
void liq_clean_write(const liq_clean *c, FILE *fp);

/* Write every removed report with its reason (TSV, input order). */
void liq_clean_write_rejects(const liq_clean *c, FILE *fp);

/* The audit table (rows in, rows removed per step with %, rows out; rows
 * of the CRLF lines, the reports with capped sizes, the public Cancels and
 * Corrections that matched no report and the public inter-dealer reports
 * when there are any; the riskless-principal pairs with their share of
 * the customer prints, and with collapse_riskless the dealer prints
 * removed). */
void liq_clean_audit(const liq_clean *c, FILE *fp);

/* Unmatched records, one line (nothing when there are none). */
void liq_clean_warn_unmatched(const liq_clean *c);

/* Note lines of the input that ended in "\r\n" (liq_trace_crlf): the
 * audit table counts them. */
void liq_clean_crlf(liq_clean *c, unsigned long lines);
unsigned long liq_clean_crlf_lines(const liq_clean *c);

/* Inter-dealer reports of the public CSV, which publishes one side of
 * each: step 3 has nothing to pair them with and keeps them. */
unsigned long liq_clean_one_sided(const liq_clean *c);

/* Reports with capped sizes, one line (nothing when there are none). */
void liq_clean_warn_capped(const liq_clean *c);

#endif
