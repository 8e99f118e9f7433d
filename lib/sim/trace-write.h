/* trace-write — the simulator's raw TRACE writers: WRDS Enhanced TRACE
 * (tab-separated, lower-case names), WRDS's standard TRACE table (the
 * disseminated reports), FINRA's Enhanced Historical pipe-delimited
 * layout with its trailer line, and the CSV of FINRA's public bond pages
 * (disseminated: capped sizes, one side of an inter-dealer trade, no
 * reference numbers); and the mapping of the simulator's post-2012
 * reports to the vocabulary of TRACE before 2012-02-06.
 * clean/traceread.h reads all four back (and FINRA's Academic layout).
 *
 * The contra party is written as the model made it (C or D) but for a
 * few reports: A (a non-member affiliate, a customer) on 2% of customer
 * reports and T (an ATS, a dealer) on 3% of inter-dealer reports executed
 * from 2016-07-18, chosen by a hash of the trade's terms so that a
 * cancel, correction or reversal restates its report's code
 * (liq_sim_contra).
 *
 *     liq_finra_header(fp);
 *     liq_finra_write(fp, sim, report, ++recno);   // for each report
 *     liq_finra_trailer(fp, day, recno);
 *
 *     liq_old_vocab v;                             // the old vocabulary
 *     liq_old_vocab_init(&v, standard);
 *     liq_sim_report o;
 *     if (liq_old_vocab_map(&v, sim, report, &o))  // for each report
 *         liq_wrds_write(fp, sim, &o);
 *     liq_old_vocab_counts(&v, sim, counts_fp);    // --counts-out
 */
#ifndef LIQ_TRACE_WRITE_H
#define LIQ_TRACE_WRITE_H

#include "sim/sim.h"

#include <stdio.h>

/* Column names, NULL-terminated, in file order. */
extern const char *const liq_wrds_columns[];
extern const char *const liq_standard_columns[];
extern const char *const liq_finra_columns[];

extern const char *const liq_public_columns[];

/* Write the header line of a layout. */
void liq_wrds_header(FILE *fp);
void liq_standard_header(FILE *fp);
void liq_finra_header(FILE *fp);
void liq_public_header(FILE *fp);

/* The contra party code written for report r: C, D, A or T. */
char liq_sim_contra(const liq_sim_report *r);

/* The size disseminated capped for a bond of rating notch `rating`:
 * 5000000 for investment grade (notch 10, BBB-, or better), 1000000
 * below; a size above it is disseminated as "5MM+" or "1MM+". */
long liq_sim_size_cap(int rating);

/* liq_sim_size_cap of a simulated bond's rating: the size above which the
 * standard table and the public CSV show its trades capped. */
long liq_standard_cap(const liq_sim *s, int bond);

/* Write one simulated report as a line of each layout; `recno` is the
 * FINRA record count (1, 2, ... within a file). */
void liq_wrds_write(FILE *fp, const liq_sim *s, const liq_sim_report *r);
/* The standard table: the size as disseminated (capped above
 * liq_standard_cap), no report date, the reporting side and the contra
 * party in side and contra_party_type; r in the old vocabulary. */
void liq_standard_write(FILE *fp, const liq_sim *s, const liq_sim_report *r);
void liq_finra_write(FILE *fp, const liq_sim *s, const liq_sim_report *r,
		     long recno);

/* The public CSV (CRLF line ends, as downloaded): what FINRA disseminates
 * of the report, in its vocabulary, or nothing. The buyer's report of an
 * inter-dealer trade is not disseminated; a when-issued report is not
 * written (the layout has no when-issued flag: trace-clean could not
 * screen it); a sale above the bond's cap is written 5MM+ or 1MM+; T and
 * R (the corrected trade) are written as T, X, C and Y (which remove the
 * report with the same terms) as Cancel. Returns 1 when a line was
 * written. */
int liq_public_write(FILE *fp, const liq_sim *s, const liq_sim_report *r);

/* FINRA's trailer: YYYYMMDDHHMMSS of the file's report date at 23:59:59,
 * then the record count right-justified and zero-filled to 10 digits. */
void liq_finra_trailer(FILE *fp, int day, long count);

/* ---- the pre-2012 vocabulary ------------------------------------------
 *
 * Before 2012-02-06 (by report date) TRACE reports are T, C or W
 * (Dick-Nielsen 2014): a C cancels, and a W replaces, the report its
 * orig_msg_seq_nb names on the same report date; a cancel or correction
 * of an earlier day's report is an as-of reversal (trc_st T, asof_cd R)
 * carrying the terms of the report it reverses, matched by them. So a
 * record of the simulator dated before the switch becomes:
 *
 *   X of a report of the same day    C, orig_msg_seq_nb the report's
 *   X of an earlier day's report     T, asof_cd R, the report's terms
 *   C + R of the same day            W (the R, naming the report); the C
 *                                    is not written
 *   C + R of an earlier day's report T asof R (the C) and a T (the R)
 *   Y                                T, asof_cd R
 *
 * C and reversal records the simulator gives no number of their own are
 * numbered from 9000001 within their report date. WRDS's standard table
 * uses this vocabulary whatever the date and disseminates one side of an
 * inter-dealer trade: there the buyer's reports (and their corrections)
 * are not written either. */

/* The date from which reports are written in the post-2012 vocabulary:
 * 2012-02-06. */
int liq_old_vocab_end(void);

typedef struct liq_old_vocab {
	int standard;          /* the standard table */
	int day;               /* report date of the last numbered record */
	long next;             /* its next number */
	/* what the mapping moved between the counts of
	 * liq_sim_get_counts(), the rows trace-clean's audit reports */
	long reports, cancelled, corrected, reversed, dealer_buy;
	long pre_cancelled, pre_corrected, pre_reversed;
	long dealer_single, capped;
} liq_old_vocab;

void liq_old_vocab_init(liq_old_vocab *v, int standard);

/* Map report r to *out as the layout writes it; 0 when it is not written
 * (a same-day C, folded into the W that follows; an inter-dealer buy of
 * the standard table). Reports from 2012-02-06 pass unchanged, except in
 * the standard table. */
int liq_old_vocab_map(liq_old_vocab *v, const liq_sim *s,
		      const liq_sim_report *r, liq_sim_report *out);

/* The counts file (kind, count) of a run written through v: the
 * simulator's counts moved as the mapping moved them, with the pre-2012
 * rows (and for the standard table dealer_single and capped_size). */
void liq_old_vocab_counts(const liq_old_vocab *v, const liq_sim *s,
			  FILE *fp);

#endif
