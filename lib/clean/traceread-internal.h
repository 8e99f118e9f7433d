/* traceread-internal — the raw TRACE reader's state, shared by its three
 * modules and by no one else: trace-layout.c knows the layouts (their
 * column names, the header sniffing, finding the columns in a header),
 * traceread.c reads the rows, trace-fields.c decodes their fields. Code outside
 * lib/clean uses clean/traceread.h.
 *
 *     liq_trace_in *in = ...;             // t, fmt, hdr and nhdr set
 *     liq_trace_resolve_columns(in, LIQ_NEED_WIS);
 *     const char *cusip = in->f[in->col[F_CUSIP]];   // in a data row
 */
#ifndef LIQ_TRACEREAD_INTERNAL_H
#define LIQ_TRACEREAD_INTERNAL_H

#include "clean/traceread.h"
#include "core/tsv.h"

#include <csv.h>
#include <stddef.h>

/* Logical fields of a report; trace-layout.c says how each layout names
 * them. */
enum {
	F_CUSIP, F_EXEC_DT, F_EXEC_TM, F_RPT_DT, F_RPT_TM, F_MSG, F_ORIG,
	F_PRIOR_DT, F_ST, F_ASOF, F_PRICE, F_QTY, F_SIDE, F_CONTRA, F_WIS,
	F_SPCL, F_STTL_N, F_STTL_DT, F_LOCKED, F_BUY_CAP, F_SELL_CAP, F_CMSN,
	F_RPTG, F_ATS, F_N
};

/* The last date text parsed in a column, and its value: the reports of a
 * file share a few dates. */
typedef struct date_cache {
	char s[12];
	int day;
} date_cache;

struct liq_trace_in {
	liq_tsv *t;
	liq_trace_fmt fmt;
	char sep;
	int csv;
	struct csv_parser cp;
	char *rowbuf;          /* CSV: the fields of the record being built */
	size_t rowlen, rowcap;
	size_t *off;
	int nf, fcap, rec_done;
	long rec_line;
	char **f;              /* fields of the current row */
	int nfield;
	char **hdr;            /* header names (owned) */
	int nhdr;
	int col[F_N];
	const char *colname[F_N];
	long rows;             /* data rows since the last header (FINRA) */
	int trailer;           /* FINRA: a trailer line has been read */
	long short_line;       /* Academic: first short line at the end */
	int nshort;
	date_cache dc[4];
	int sttl_exec, sttl_day;
	long sttl_n;
};

/* Decode the current row (in->f) into *r: the public CSV layout, and the
 * others (trace-fields.c). Exit 1 with file:line on a bad value. */
void liq_trace_convert_public(liq_trace_in *in, liq_trace_rec *r);
void liq_trace_convert(liq_trace_in *in, liq_trace_rec *r);

/* Find the columns of in->fmt in the header (in->hdr): in->col[F_*] and
 * in->colname[F_*]; exits 2 naming a required column (or one a screen in
 * `need` requires) that is missing. */
void liq_trace_resolve_columns(liq_trace_in *in, int need);

/* Exit 2: the header line (len bytes, fields split on sep) is none of the
 * layouts; the message names the nearest layout (the one with the most of
 * its required titles in the header) and the titles it lacks. */
_Noreturn void liq_trace_unknown_header(const char *name, const char *line,
					size_t len, char sep);

#endif
