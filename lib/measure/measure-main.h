/* measure-main (liq_panel) — the daily panel every measure tool writes: one row per bond per
 * business day from its first to its last trade date (or to --through),
 * zero-trade days included, computed over the rolling window that ends on
 * that day. The tool supplies its columns and a function that appends the
 * measure fields of one row; the driver reads the trades, moves the
 * window and writes "cusip date <measure columns>".
 */
#ifndef LIQ_PANEL_H
#define LIQ_PANEL_H

#include "format/trades.h"
#include "core/tsv.h"
#include "core/window.h"

#include <limits.h>
#include <stdio.h>

typedef struct liq_panel {
	int w;                       /* window width, business days */
	int through;                 /* extend rows to this day; INT_MIN: no */
	const char *const *columns;  /* measure columns, NULL-terminated */
	/* append this row's measure fields (one per column) to out */
	void (*row)(void *ctx, const liq_window *win, liq_row *out);
	void *ctx;
} liq_panel;

/* Read every trade of `in`, write the header and the panel rows to fp.
 * An input without any line still gets the header. Returns the number of
 * rows written. */
long liq_panel_run(const liq_panel *p, liq_trades *in, FILE *fp);

/* Scratch space for measure functions: grows, never shrinks, so the hot
 * loop allocates only while the largest window grows. */
typedef struct liq_scratch {
	double *v;
	size_t cap;
} liq_scratch;

/* At least n doubles. */
double *liq_scratch_get(liq_scratch *s, size_t n);
void liq_scratch_free(liq_scratch *s);

/* The command line every measure tool shares:
 *   tool [-w N] [--min-obs N] [--through DATE] [-q] [-h] [-V] [file]...
 * `spec` names the columns and the row function; min_obs points to the
 * tool's minimum (NULL: the tool has no --min-obs), min_obs_lo is the
 * smallest value allowed. Parses argv, runs the panel on the files (or
 * stdin), prints the summary line and returns the exit status. */
typedef struct liq_panel_tool {
	const char *usage;        /* --help text */
	const char *const *columns;
	void (*row)(void *ctx, const liq_window *win, liq_row *out);
	void *ctx;
	int *min_obs;
	int min_obs_lo;
} liq_panel_tool;

int liq_panel_main(int argc, char **argv, const liq_panel_tool *spec);

#endif
