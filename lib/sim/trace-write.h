/* trace-write — the simulator's raw TRACE writers: WRDS Enhanced TRACE
 * (tab-separated, lower-case names), FINRA's Enhanced Historical
 * pipe-delimited layout with its trailer line, and the CSV of FINRA's
 * public bond pages (disseminated: capped sizes, one side of an
 * inter-dealer trade, no reference numbers). clean/traceread.h reads all
 * three back (and FINRA's Academic layout).
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
 */
#ifndef LIQ_TRACE_WRITE_H
#define LIQ_TRACE_WRITE_H

#include "sim/sim.h"

#include <stdio.h>

/* Column names, NULL-terminated, in file order. */
extern const char *const liq_wrds_columns[];
extern const char *const liq_finra_columns[];

extern const char *const liq_public_columns[];

/* Write the header line of a layout. */
void liq_wrds_header(FILE *fp);
void liq_finra_header(FILE *fp);
void liq_public_header(FILE *fp);

/* The contra party code written for report r: C, D, A or T. */
char liq_sim_contra(const liq_sim_report *r);

/* The size disseminated capped for a bond of rating notch `rating`:
 * 5000000 for investment grade (notch 10, BBB-, or better), 1000000
 * below; a size above it is disseminated as "5MM+" or "1MM+". */
long liq_sim_size_cap(int rating);

/* Write one simulated report as a line of each layout; `recno` is the
 * FINRA record count (1, 2, ... within a file). */
void liq_wrds_write(FILE *fp, const liq_sim *s, const liq_sim_report *r);
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

#endif
