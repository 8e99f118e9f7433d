/* traceio — the raw TRACE layouts liq reads and writes: WRDS Enhanced
 * TRACE (lower-case names, post-2012 vocabulary) and FINRA's Enhanced
 * Historical pipe-delimited files (post-2/6/2012 header titles, YYYYMMDD
 * dates, HHMMSS times, an all-digit trailer line). trace-sim writes both;
 * trace-clean reads them.
 */
#ifndef LIQ_TRACEIO_H
#define LIQ_TRACEIO_H

#include "sim.h"

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

/* Price x 1000 as the shortest decimal ("101.25", "100"). Returns length. */
int liq_fmt_milli(char *out, long milli);

#endif
