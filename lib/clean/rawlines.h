/* rawlines — the line reader under clean/traceread: raw TRACE files as
 * they are downloaded, with '\n' or '\r\n' line ends. A '\r' before the
 * '\n' is stripped and counted (liq_raw.ncrlf), not an error: FINRA's web
 * downloads and files saved on Windows end their lines so. Otherwise the
 * rules of core/tsv.h: large buffered reads, fields split in place on a
 * separator, NUL-terminated and valid until the next read, line numbers
 * from 1 (the header).
 *
 *     liq_raw *r = liq_raw_open("raw.txt");        // "-": stdin
 *     liq_raw_set_sep(r, '|');
 *     while (liq_raw_next(r))
 *         use(r->f, r->nf);                        // fields of the line
 *     ... r->ncrlf lines ended in "\r\n" ...
 *     liq_raw_close(r);
 */
#ifndef LIQ_RAWLINES_H
#define LIQ_RAWLINES_H

#include <stddef.h>

typedef struct liq_raw {
	int fd;
	const char *name;  /* for messages: the path, or "-" for stdin */
	char *buf;
	size_t cap, beg, end;
	int eof;
	long lineno;       /* line number of the current line (header 1) */
	size_t linelen;    /* its length without the line end */
	char **f;          /* its fields (liq_raw_next) */
	int nf, fcap;
	char sep;          /* field separator, '\t' unless set */
	unsigned long ncrlf; /* lines read that ended in "\r\n" */
} liq_raw;

/* Open path ("-" or NULL: stdin); exits 1 with "prog: path: reason". */
liq_raw *liq_raw_open(const char *path);

void liq_raw_set_sep(liq_raw *r, char sep);

/* The next line, not consumed, for sniffing: *len bytes without the line
 * end (not NUL-terminated), valid until the next read; NULL at the end. */
const char *liq_raw_peek(liq_raw *r, size_t *len);

/* The next line, NUL-terminated and not split; NULL at the end. */
const char *liq_raw_next_line(liq_raw *r);

/* The next line split on the separator into r->f / r->nf; 0 at the end. */
int liq_raw_next(liq_raw *r);

/* Exit 1 with "prog: file:line: <message>" about the current line. */
_Noreturn void liq_raw_fail(const liq_raw *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void liq_raw_close(liq_raw *r);

#endif
