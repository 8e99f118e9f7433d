/* clean-internal — the cleaner's state, shared by its modules and by no
 * one else: clean.c holds the reports (liq_clean_add) and writes the
 * trades, steps.c runs steps 1-4 (liq_clean_run), price-filter.c step 5,
 * audit.c the rejects file, the audit table and the unmatched warning.
 * Code outside lib/clean uses clean/clean.h.
 *
 *     const rpt *r = &c->r[i];                   // report i, input order
 *     const char *cusip = cusip_of(c, r->bond);
 *     if (is_pre(r)) ... the pre-2012 vocabulary ...
 *     liq_clean_remove_as(c, &c->r[i], LIQ_K_DEALER_BUY, j);
 *     ... "file:line" of report j: liq_clean_file_of(c, j), c->r[j].line
 */
#ifndef LIQ_CLEAN_INTERNAL_H
#define LIQ_CLEAN_INTERNAL_H

#include "clean/clean.h"
#include "clean/index.h"

#include <stdint.h>

typedef liq_clean_report rpt;

/* A report a price error removed, and the median it was judged by. */
typedef struct liq_clean_pe {
	uint32_t idx;
	double ref;
} liq_clean_pe;

struct liq_clean {
	liq_clean_opts o;
	rpt *r;
	unsigned long n, cap;
	liq_intern bonds;        /* interned CUSIPs; rpt.bond numbers them */
	/* input files: name and first report */
	const char **fname;
	unsigned long *fstart;
	unsigned long nfiles, fcap, fcap2;
	/* reports the steps start from, noted as they are added, so that
	 * the steps need not scan every report */
	uint32_t *recs;          /* post-2012 X, C and Y records */
	unsigned long nrecs, reccap;
	uint32_t *dsell, *dbuy;  /* dealer sells and buys */
	unsigned long nsell, sellcap, nbuy, buycap;
	unsigned long npre;      /* pre-2012 reports */
	unsigned long ncapped;   /* reports with a capped size */
	uint32_t *pub;           /* public CSV Cancels and Corrections */
	unsigned long npub, pubcap;
	unsigned long nonesided; /* public inter-dealer T and Corrections,
				  * standard-table inter-dealer T and W */
	unsigned long ncrlf;     /* input lines that ended in "\r\n" */
	int minday;              /* earliest execution date */
	/* results */
	unsigned long count[LIQ_K_N];
	unsigned long unmatched[LIQ_U_N];
	uint32_t *order;         /* clean trades, output order */
	unsigned long norder;
	unsigned char *rl;       /* riskless flag of each, by order position
				  * (step 6) */
	unsigned long npairs;    /* riskless-principal pairs */
	unsigned long ncustomer; /* clean customer prints step 6 saw */
	uint32_t *rank;          /* rank of each bond by CUSIP */
	liq_clean_pe *pe;        /* price errors, by report (step 5) */
	unsigned long npe, pecap;
	int ran;
};

/* 2012-02-06, the first report date of the post-2012 vocabulary, in days
 * since 1970-01-01 (t-clean checks it against liq_date_from_ymd). */
enum { post_day = 15376 };

/* Prefetch distance, in reports, for the passes over the sorted order
 * (which visit the reports in random memory order). */
#define AHEAD 16

/* A report of the public CSV, which has no reference numbers. */
static inline int
is_public(const rpt *r)
{
	return r->msg < 0;
}

/* A report of WRDS's standard table (prior_day LIQ_PRIOR_STANDARD): the
 * pre-2012 vocabulary whatever the date, no report date. */
static inline int
is_standard(const rpt *r)
{
	return r->prior_day < 0;
}

/* A report in the pre-2012 vocabulary (T C W): dated, by its report
 * date, before 2012-02-06, or from the standard table. */
static inline int
is_pre(const rpt *r)
{
	return (r->rpt_day < post_day || is_standard(r)) && !is_public(r);
}


static inline const char *
cusip_of(const liq_clean *c, uint32_t b)
{
	return liq_intern_str(&c->bonds, b);
}

/* The file report i came from (clean.c). */
const char *liq_clean_file_of(const liq_clean *c, unsigned long i);

/* Report r is removed by step `kind` (counted), because of report link,
 * LIQ_NONE for none (steps.c). */
void liq_clean_remove_as(liq_clean *c, rpt *r, int kind, uint32_t link);

/* The longest settlement, in settlement days, the screen keeps for r
 * (steps.c). */
int liq_clean_settle_limit(const liq_clean *c, const rpt *r);

/* Step 5 over the sorted clean reports: drops the price errors from
 * c->order and notes them in c->pe (price-filter.c). */
void liq_clean_step_prices(liq_clean *c);

/* The reference price (median) of price error report i, or 0
 * (price-filter.c). */
double liq_clean_pe_ref(const liq_clean *c, uint32_t i);

/* Step 6 over the sorted clean reports: c->rl, c->npairs, c->ncustomer;
 * with collapse_riskless the dealer prints of the pairs leave c->order
 * (riskless.c). */
void liq_clean_step_riskless(liq_clean *c);

#endif
