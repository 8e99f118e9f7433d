/* run — trace-sim's engine: run the simulator once and write what it
 * makes to files. The raw reports go to one stream or, with a split
 * directory, to one file per report date (named as FINRA names its files
 * for the FINRA layout, trace-YYYY-MM-DD.tsv for WRDS,
 * trace-YYYY-MM-DD.csv for the public CSV), each with its header (and
 * FINRA trailer); the side files (bonds, macro, truth, counts), the
 * trades.tsv that correct cleaning must yield (clean; with the public CSV
 * and the standard table its sizes capped as those layouts disseminate
 * them, capped 1) and the planted expected cost of each of its customer
 * trades (costs), both held in memory until the run ends, go where they
 * are asked for.
 *
 *     liq_sim *s = liq_sim_new(&o, &err);
 *     liq_sim_files f;
 *     liq_sim_files_init(&f);
 *     f.raw = "raw.tsv";                 // or f.split = "finra" (a directory)
 *     f.finra = 1;
 *     f.truth = "truth.tsv";  f.clean = "-";
 *     liq_sim_write_files(s, &f);        // exits 1 on a write error
 *     liq_sim_free(s);
 *
 * Paths are written through core/atomic-file ("-": standard output).
 */
#ifndef LIQ_SIM_RUN_H
#define LIQ_SIM_RUN_H

#include "sim/sim.h"

typedef struct liq_sim_files {
	int finra;             /* the raw layout: FINRA, or 0 for WRDS */
	int public_csv;        /* the raw layout: FINRA's public CSV (then
				* finra is 0) */
	int standard;          /* 1: WRDS's standard table instead */
	const char *split;     /* an existing directory for one file per
				* report date; NULL: one stream */
	const char *raw;       /* that stream, when not split: a path, "-"
				* for standard output, NULL to discard it */
	const char *bonds;     /* the side files; NULL: not written */
	const char *macro;
	const char *truth;
	const char *counts;
	const char *clean;     /* trades.tsv of the clean trades */
	const char *costs;     /* planted expected cost of each clean
				* customer trade */
	int progress;          /* a progress line on stderr every 20 days */
} liq_sim_files;

/* Nothing to write: all paths NULL, WRDS layout, no progress. */
void liq_sim_files_init(liq_sim_files *f);

/* Write bonds, macro and truth, run the simulator (call once per s),
 * streaming the raw reports, then write counts and clean. */
void liq_sim_write_files(liq_sim *s, const liq_sim_files *f);

#endif
