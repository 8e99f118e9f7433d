/* trace-write — the simulator's raw TRACE writers: WRDS Enhanced TRACE
 * (tab-separated, lower-case names) and FINRA's Enhanced Historical
 * pipe-delimited layout with its trailer line. clean/traceread.h reads
 * both back (and FINRA's Academic layout).
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

/* Write the header line of a layout. */
void liq_wrds_header(FILE *fp);
void liq_finra_header(FILE *fp);

/* Write one simulated report as a line of each layout; `recno` is the
 * FINRA record count (1, 2, ... within a file). */
void liq_wrds_write(FILE *fp, const liq_sim *s, const liq_sim_report *r);
void liq_finra_write(FILE *fp, const liq_sim *s, const liq_sim_report *r,
		     long recno);

/* FINRA's trailer: YYYYMMDDHHMMSS of the file's report date at 23:59:59,
 * then the record count right-justified and zero-filled to 10 digits. */
void liq_finra_trailer(FILE *fp, int day, long count);

#endif
