/* tsv — the one TSV reader and row writer.
 *
 * The reader does large buffered read(2)s and splits each line in place:
 * fields are NUL-terminated slices of the line buffer, valid until the next
 * liq_tsv_next(); no allocation per row or field. It enforces the project's
 * conventions: one header line with distinct, non-empty names, '\n' line
 * ends (a '\r' is an error that says so), no NUL byte anywhere, every row
 * with the header's number of fields. A value quoted in a message is cut
 * to a short prefix (core/text.h liq_quote).
 *
 *     liq_tsv *r = liq_tsv_open("trades.tsv");     // "-" or NULL: stdin
 *     if (liq_tsv_header(r)) {
 *         int price = liq_tsv_need(r, "price");    // exit 2 if missing
 *         while (liq_tsv_next(r))
 *             sum += liq_tsv_num(r, price);        // exit 1 on bad number
 *     }
 *     liq_tsv_close(r);
 */
#ifndef LIQ_TSV_H
#define LIQ_TSV_H

#include <stddef.h>
#include <stdio.h>

typedef struct liq_tsv {
	int fd;
	const char *name;  /* for messages: the path, or "-" for stdin */
	char *buf;
	size_t cap, beg, end;
	int eof;
	long lineno;       /* line number of the current row (header is 1) */
	char **f;          /* fields of the current row */
	int nf, fcap;
	char **hdr;        /* header names (owned copies) */
	int nhdr;
	size_t linelen;    /* length of the current line without '\n' */
	char sep;          /* field separator, '\t' unless set */
	int crlf;          /* liq_tsv_allow_crlf(): '\r\n' line ends taken */
	unsigned long ncrlf; /* ... and the lines read that ended so */
} liq_tsv;

/* Open path for reading ("-" or NULL is stdin). Exits 1 with
 * "prog: path: reason" if it cannot be opened. */
liq_tsv *liq_tsv_open(const char *path);

/* Split fields on sep instead of '\t' (FINRA's '|' files); call before
 * liq_tsv_header(). The line rules (no CR, line numbers) are the same. */
void liq_tsv_set_sep(liq_tsv *r, char sep);

/* Take '\r\n' line ends: the '\r' is stripped (also from what
 * liq_tsv_peek() shows) and the line counted in r->ncrlf. Without this a
 * line ending in '\r' is an error naming the conversion. For readers of
 * files as users download them (trace-clean's raw layouts). */
void liq_tsv_allow_crlf(liq_tsv *r);

/* The next line, not consumed, for sniffing a format: *len bytes without
 * the '\n' (not NUL-terminated), valid until the next read; NULL at end
 * of input. */
const char *liq_tsv_peek(liq_tsv *r, size_t *len);

/* Read the header line. Returns 1, or 0 when the input is empty (no line
 * at all), in which case the tool should write its header-only output.
 * Exits 1 on an empty or repeated column name or a NUL byte. */
int liq_tsv_header(liq_tsv *r);

/* Index of the column called name, or -1. */
int liq_tsv_col(const liq_tsv *r, const char *name);

/* Index of the column called name; exits 2 with "prog: file: missing
 * column 'name'" when absent. */
int liq_tsv_need(const liq_tsv *r, const char *name);

/* Read the next row. Returns 1, or 0 at end of input. Exits 1 on a CR line
 * end, a NUL byte ("NUL byte in column 'name'") or a field count that
 * differs from the header's. */
int liq_tsv_next(liq_tsv *r);

/* Like liq_tsv_next but leaves the field count (r->nf) to the caller:
 * for layouts with a trailer line. */
int liq_tsv_next_any(liq_tsv *r);

/* The next line as a whole, NUL-terminated and not split (r->lineno
 * counts it); NULL at end of input; exits 1 on a NUL byte in it. For
 * feeding another parser (CSV). */
const char *liq_tsv_next_line(liq_tsv *r);

/* Field i of the current row (NUL-terminated, never NULL). */
static inline const char *
liq_tsv_field(const liq_tsv *r, int i)
{
	return r->f[i];
}

/* Field i parsed as a number: NaN for NA; exits 1 with
 * "prog: file:line: column 'name': bad number 'text'" otherwise. */
double liq_tsv_num(const liq_tsv *r, int i);

/* Like liq_tsv_num but NA is an error too ("missing value"). */
double liq_tsv_num_req(const liq_tsv *r, int i);

/* Field i parsed as a YYYY-MM-DD date (days since 1970-01-01); exits 1
 * with file:line on a bad date. */
int liq_tsv_date(const liq_tsv *r, int i);

/* Exit 1 with "prog: file:line: <message>" about the current row. */
_Noreturn void liq_tsv_fail(const liq_tsv *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void liq_tsv_close(liq_tsv *r);

/* ---- writing ------------------------------------------------------- */

/* A row being built: fields are appended with a tab between them and
 * liq_row_end() writes the line. Reuse one liq_row for all rows. */
typedef struct liq_row {
	char *buf;
	size_t len, cap;
	int nf;
} liq_row;

void liq_row_init(liq_row *w);
void liq_row_free(liq_row *w);
void liq_row_str(liq_row *w, const char *s);
void liq_row_strn(liq_row *w, const char *s, size_t n);
void liq_row_num(liq_row *w, double x);   /* the one formatter; NaN -> NA */
void liq_row_long(liq_row *w, long x);
void liq_row_date(liq_row *w, int days);  /* YYYY-MM-DD */
void liq_row_na(liq_row *w);
/* Append '\n', write to fp, reset. */
void liq_row_end(liq_row *w, FILE *fp);
/* Append '\n' and start the next row in the same buffer, unwritten: for
 * writers of many rows, which call liq_row_flush() every few kilobytes
 * (one fwrite for many rows). */
void liq_row_next(liq_row *w);
/* Write the buffered rows to fp and reset. */
void liq_row_flush(liq_row *w, FILE *fp);

/* Write a header line from a NULL-terminated list of names and flush it,
 * so that a broken pipeline fails fast. */
void liq_write_header(FILE *fp, const char *const *names);

/* Give stdout a large buffer (call once, before any output). */
void liq_stdout_buffer(void);

#endif
