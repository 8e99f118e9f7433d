/* traceread — reading the raw TRACE layouts: WRDS Enhanced
 * TRACE (lower-case names; tab- or comma-separated), WRDS's standard
 * TRACE table (the disseminated reports: ascii_rptd_vol_tx sizes, T/C/W
 * status, no report date or reporting-party detail), FINRA's Enhanced
 * Historical pipe-delimited files (post-2/6/2012 header titles, YYYYMMDD
 * dates, HHMMSS times, an all-digit trailer line) and FINRA's Academic
 * TRACE files (REC_CT_NB|TRD_ST_CD|... or the pre-2012 REC_CT_NB|TRC_ST|...)
 * and the CSV download of FINRA's public bond pages (Date,Time,Settlement,
 * Status,...,CUSIP: M/D/YYYY dates, '-' or '_' for empty, no reference
 * numbers). Lines may end in '\n' or '\r\n' (liq_trace_crlf counts the
 * latter). trace-clean reads all of them (trace-sim writes the WRDS ones and
 * FINRA's Enhanced Historical layout with sim/trace-write.h).
 *
 *     liq_trace_in *in = liq_trace_open("raw.tsv", LIQ_FMT_AUTO, 0);
 *     liq_trace_rec rec;
 *     while (liq_trace_next(in, &rec))    // exits 1 on bad data
 *         use(&rec);
 *     liq_trace_close(in);
 *
 * The modules: trace-layout.c (the layouts' columns, sniffing, finding
 * the columns in a header), traceread.c (rows, trailers, fields); their
 * shared state is traceread-internal.h.
 */
#ifndef LIQ_TRACEREAD_H
#define LIQ_TRACEREAD_H

#include <stdio.h>

typedef enum liq_trace_fmt {
	LIQ_FMT_AUTO = 0,  /* from the header line */
	LIQ_FMT_WRDS,      /* WRDS Enhanced TRACE, tab- or comma-separated */
	LIQ_FMT_FINRA,     /* FINRA Enhanced Historical, post-2012 titles */
	LIQ_FMT_ACADEMIC,  /* FINRA Academic TRACE */
	LIQ_FMT_PUBLIC,    /* FINRA's public bond-page CSV download */
	LIQ_FMT_STANDARD   /* WRDS's standard (disseminated) TRACE table */
} liq_trace_fmt;

/* The format called name ("auto", "wrds", "finra", "academic",
 * "public", "standard"), or -1. */
int liq_trace_fmt_parse(const char *name);
const char *liq_trace_fmt_name(liq_trace_fmt f);

/* The format a header line announces, or LIQ_FMT_AUTO when it is none of
 * them: a '|' with FINRA's "Reference Number" title means FINRA, with
 * Academic's REC_CT_NB or CUSIP_ID means Academic; a tab or a comma means
 * WRDS Enhanced, WRDS standard or the public CSV: the first of them (in
 * that order) whose required titles are all in the header, else the one
 * with the most of them (the earlier on a tie; none when it has none). Titles are
 * compared without a UTF-8 byte-order mark, surrounding spaces or quotes.
 * *sep gets the field separator. */
liq_trace_fmt liq_trace_sniff(const char *line, size_t len, char *sep);

/* Flags of a report. */
enum {
	LIQ_REC_WIS = 1,     /* when issued */
	LIQ_REC_SPCL = 2,    /* special price */
	LIQ_REC_LOCKED = 4,  /* locked-in report */
	LIQ_REC_AGENCY = 8,  /* agency customer trade, no commission */
	LIQ_REC_CAPPED = 16  /* size disseminated capped (5MM+, 1MM+): qty
			      * is the cap */
};

/* prior_day of a report of WRDS's standard TRACE table: its T/C/W
 * vocabulary holds whatever the date, it has no report date (rpt_day is
 * the execution date, rpt_tsec -1) and it carries one side of each
 * inter-dealer trade. */
enum { LIQ_PRIOR_STANDARD = -1 };

/* One raw report, the same from every layout. */
typedef struct liq_trace_rec {
	const char *cusip;   /* valid until the next read */
	int exec_day, exec_tsec;
	int rpt_day, rpt_tsec;  /* rpt_tsec -1 when the layout has no time */
	long long msg;       /* msg_seq_nb / Reference Number / SYSTM_CNTRL_NB
			      * (REC_CT_NB in pre-2012 Academic files); -1
			      * in the public CSV, which has none */
	long long orig;      /* orig_msg_seq_nb / Prior Reference Number /
			      * PREV_TRD_CNTRL_NB (PREV_REC_CT_NB); -1 blank */
	int prior_day;       /* FINRA's Prior Trade Report Date; 0 blank;
			      * LIQ_PRIOR_STANDARD for a report of WRDS's
			      * standard table */
	char st;             /* status: T X C R Y (post-2012), T C W (pre);
			      * public CSV: T, X (Cancel), R (Correction) */
	char asof;           /* 0, 'A' as of, 'R' reversal, 'X', 'D' */
	char side;           /* the reporting dealer's side, 'B' or 'S' */
	char contra;         /* 'C' customer (C, or A: a non-member
			      * affiliate), 'D' dealer (D, or T: an ATS) */
	unsigned char flags; /* LIQ_REC_* */
	int sttl;            /* settlement days after execution; -1 unknown */
	double price;        /* per 100 par */
	double qty;          /* par, $ (the cap when LIQ_REC_CAPPED) */
	long line;           /* line of the report in its file */
} liq_trace_rec;

/* Columns a screen needs: liq_trace_open() exits 2 naming the column
 * when the header lacks it. */
enum {
	LIQ_NEED_WIS = 1,    /* when-issued flag */
	LIQ_NEED_SPCL = 2,   /* special-price flag */
	LIQ_NEED_STTL = 4    /* days to settlement or the settlement date */
};

typedef struct liq_trace_in liq_trace_in;

/* Open path ("-" is stdin) and read its header. fmt LIQ_FMT_AUTO detects
 * the layout; exits 2 when it cannot, or when a column the layout (or a
 * screen in `need`) requires is missing. An empty file gives no reports. */
liq_trace_in *liq_trace_open(const char *path, liq_trace_fmt fmt, int need);

/* The layout read (LIQ_FMT_AUTO for an empty file). */
liq_trace_fmt liq_trace_format(const liq_trace_in *in);

/* Read the next report into *rec. Returns 1, or 0 at the end of the file.
 * Exits 1 with "prog: file:line: message" on a bad value, a truncated
 * line, or a FINRA trailer whose count differs from the rows read. A FINRA file that ends without its trailer is read whole,
 * with a warning naming the file. */
int liq_trace_next(liq_trace_in *in, liq_trace_rec *rec);

/* Name used in messages ("-" for stdin). */
const char *liq_trace_name(const liq_trace_in *in);

/* Lines read so far that ended in "\r\n" (the CR is stripped). */
unsigned long liq_trace_crlf(const liq_trace_in *in);

void liq_trace_close(liq_trace_in *in);

#endif
