#include "core/tsv.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the first read buffer; it doubles for a longer line (the fuzzing build
 * makes it small, to reach the refill and growth paths quickly) */
#ifndef LIQ_TSV_BUF
#define LIQ_TSV_BUF (1u << 20)
#endif

liq_tsv *
liq_tsv_open(const char *path)
{
	liq_tsv *r;
	int fd = 0;

	if (path && strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
	}
	r = liq_xcalloc(1, sizeof *r);
	r->fd = fd;
	r->name = fd ? path : "-";
	r->sep = '\t';
	r->cap = LIQ_TSV_BUF;
	r->buf = liq_xmalloc(r->cap + 1);
	return r;
}

void
liq_tsv_close(liq_tsv *r)
{
	int i;

	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->f);
	free(r->buf);
	free(r);
}

void
liq_tsv_fail(const liq_tsv *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	liq_vdie_at(LIQ_EXIT_DATA, r->name, r->lineno, fmt, ap);
}

/* Make sure a whole line starts at buf[beg]; returns a pointer to its end
 * (the '\n', or one past the data for a last line without one), or NULL
 * at end of input. Reads and compacts the buffer as needed. */
static char *
fill_line(liq_tsv *r)
{
	char *nl;

	for (;;) {
		nl = memchr(r->buf + r->beg, '\n', r->end - r->beg);
		if (nl)
			return nl;
		if (r->eof) {
			if (r->beg == r->end)
				return NULL;
			/* last line without '\n' */
			return r->buf + r->end;
		}
		if (r->beg > 0) {
			memmove(r->buf, r->buf + r->beg, r->end - r->beg);
			r->end -= r->beg;
			r->beg = 0;
		}
		if (r->end == r->cap) {
			r->cap *= 2;
			r->buf = liq_xrealloc(r->buf, r->cap + 1);
		}
		for (;;) {
			ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				liq_die(LIQ_EXIT_DATA, "%s: read error: %s",
					r->name, strerror(errno));
			if (n == 0)
				r->eof = 1;
			r->end += (size_t)n;
			break;
		}
	}
}

/* Find the next line; on return buf[beg..beg+linelen) is the line and the
 * '\n' (if any) has been replaced by NUL. Returns 0 at end of input. */
static int
next_line(liq_tsv *r, char **line)
{
	char *nl = fill_line(r);

	if (!nl)
		return 0;
	if (nl == r->buf + r->end)
		r->end++; /* the NUL goes into the spare byte past the data */
	*line = r->buf + r->beg;
	r->linelen = (size_t)(nl - *line);
	*nl = '\0';
	r->beg = (size_t)(nl - r->buf) + 1;
	r->lineno++;
	if (r->linelen && (*line)[r->linelen - 1] == '\r' && r->crlf) {
		(*line)[--r->linelen] = '\0';
		r->ncrlf++;
	} else if (r->linelen && (*line)[r->linelen - 1] == '\r')
		liq_tsv_fail(r, "CRLF line end: liq reads '\\n'-terminated lines "
			     "(convert with: tr -d '\\r' < %s)",
			     strcmp(r->name, "-") == 0 ? "FILE" : r->name);
	return 1;
}

const char *
liq_tsv_peek(liq_tsv *r, size_t *len)
{
	char *nl = fill_line(r);

	if (!nl)
		return NULL;
	*len = (size_t)(nl - (r->buf + r->beg));
	if (r->crlf && *len && nl[-1] == '\r')
		--*len;
	return r->buf + r->beg;
}

const char *
liq_tsv_next_line(liq_tsv *r)
{
	char *line, *nul;

	if (!next_line(r, &line))
		return NULL;
	if ((nul = memchr(line, '\0', r->linelen)) != NULL)
		liq_tsv_fail(r, "NUL byte at byte %ld of the line",
			     (long)(nul - line) + 1);
	return line;
}

void
liq_tsv_set_sep(liq_tsv *r, char sep)
{
	r->sep = sep;
}

void
liq_tsv_allow_crlf(liq_tsv *r)
{
	r->crlf = 1;
}

/* A NUL byte in field i of the current line (the header's when it is
 * line 1 and r->hdr is still unset; readers that parse their own header,
 * as trace-clean's, never set it): an error, never the field's end. */
static _Noreturn void
nul_in_field(const liq_tsv *r, int i)
{
	char q[64];

	if (!r->hdr && r->lineno == 1)
		liq_tsv_fail(r, "NUL byte in the header (field %d)", i + 1);
	if (i < r->nhdr)
		liq_tsv_fail(r, "NUL byte in column '%s'",
			     liq_quote(q, sizeof q, r->hdr[i]));
	liq_tsv_fail(r, "NUL byte in field %d", i + 1);
}

/* Split the line into fields in place. A byte loop: fields are short,
 * and a memchr() call per field costs more than it scans. A separator put
 * at the line's end stops the loop without a bound check; a NUL byte in
 * the line is an error (one memchr() over the line, which costs less than
 * a second test per byte in the loop). */
static void
split(liq_tsv *r, char *line)
{
	char *p = line, *end = line + r->linelen, sep = r->sep, *nul;

	if ((nul = memchr(line, '\0', r->linelen)) != NULL) {
		int i = 0;
		for (; p < nul; p++)
			i += *p == sep;
		nul_in_field(r, i);
	}
	r->nf = 0;
	*end = sep;
	for (;;) {
		if (r->nf == r->fcap) {
			r->fcap = r->fcap ? r->fcap * 2 : 32;
			r->f = liq_xrealloc(r->f, (size_t)r->fcap * sizeof *r->f);
		}
		r->f[r->nf++] = p;
		while (*p != sep)
			p++;
		*p = '\0';
		if (p == end)
			break;
		p++;
	}
}

int
liq_tsv_header(liq_tsv *r)
{
	char *line, q[64];
	int i, j;

	if (!next_line(r, &line))
		return 0;
	split(r, line);
	for (i = 0; i < r->nf; i++) {
		if (r->f[i][0] == '\0')
			liq_tsv_fail(r, "empty column name in header (field %d)",
				     i + 1);
		/* a repeated name would make liq_tsv_col() pick the first
		   silently; headers are short, a pairwise check is cheap */
		for (j = 0; j < i; j++)
			if (strcmp(r->f[i], r->f[j]) == 0)
				liq_tsv_fail(r, "column '%s' appears twice in the "
					     "header (fields %d and %d)",
					     liq_quote(q, sizeof q, r->f[i]),
					     j + 1, i + 1);
	}
	r->nhdr = r->nf;
	r->hdr = liq_xmalloc((size_t)r->nhdr * sizeof *r->hdr);
	for (i = 0; i < r->nhdr; i++)
		r->hdr[i] = liq_xstrdup(r->f[i]);
	return 1;
}

int
liq_tsv_col(const liq_tsv *r, const char *name)
{
	int i;

	for (i = 0; i < r->nhdr; i++)
		if (strcmp(r->hdr[i], name) == 0)
			return i;
	return -1;
}

int
liq_tsv_need(const liq_tsv *r, const char *name)
{
	int i = liq_tsv_col(r, name);

	if (i < 0)
		liq_die(LIQ_EXIT_USAGE, "%s: missing column '%s'", r->name,
			name);
	return i;
}

int
liq_tsv_next_any(liq_tsv *r)
{
	char *line;

	if (!next_line(r, &line))
		return 0;
	split(r, line);
	return 1;
}

int
liq_tsv_next(liq_tsv *r)
{
	if (!liq_tsv_next_any(r))
		return 0;
	if (r->nf != r->nhdr)
		liq_tsv_fail(r, "%d field%s, the header has %d", r->nf,
			     r->nf == 1 ? "" : "s", r->nhdr);
	return 1;
}

/* "column 'name': what 'value'tail", the name and the value quoted
 * (liq_quote: a long value is cut, unprintable bytes shown as '?'). */
static _Noreturn void
bad_value(const liq_tsv *r, int i, const char *what, const char *tail)
{
	char qn[64], qv[64];

	liq_tsv_fail(r, "column '%s': %s '%s'%s",
		     liq_quote(qn, sizeof qn, r->hdr[i]), what,
		     liq_quote(qv, sizeof qv, r->f[i]), tail);
}

double
liq_tsv_num(const liq_tsv *r, int i)
{
	double v;

	if (liq_num_parse(r->f[i], &v) == LIQ_NUM_BAD)
		bad_value(r, i, "bad number", "");
	return v;
}

double
liq_tsv_num_req(const liq_tsv *r, int i)
{
	double v;
	int rc = liq_num_parse(r->f[i], &v);

	if (rc == LIQ_NUM_BAD)
		bad_value(r, i, "bad number", "");
	if (rc == LIQ_NUM_NA)
		bad_value(r, i, "missing value", "");
	return v;
}

int
liq_tsv_date(const liq_tsv *r, int i)
{
	int d;

	if (liq_date_parse(r->f[i], &d) != 0)
		bad_value(r, i, "bad date", " (want YYYY-MM-DD)");
	return d;
}

/* ---- writing ------------------------------------------------------- */

void
liq_row_init(liq_row *w)
{
	w->cap = 256;
	w->buf = liq_xmalloc(w->cap);
	w->len = 0;
	w->nf = 0;
}

void
liq_row_free(liq_row *w)
{
	free(w->buf);
	w->buf = NULL;
	w->cap = w->len = 0;
}

static inline void
reserve(liq_row *w, size_t n)
{
	if (w->len + n + 2 > w->cap) {
		while (w->len + n + 2 > w->cap)
			w->cap *= 2;
		w->buf = liq_xrealloc(w->buf, w->cap);
	}
	if (w->nf++)
		w->buf[w->len++] = '\t';
}

void
liq_row_strn(liq_row *w, const char *s, size_t n)
{
	reserve(w, n);
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

void
liq_row_str(liq_row *w, const char *s)
{
	liq_row_strn(w, s, strlen(s));
}

void
liq_row_num(liq_row *w, double x)
{
	reserve(w, LIQ_NUM_BUFSZ);
	w->len += (size_t)liq_num_fmt(w->buf + w->len, x);
}

void
liq_row_long(liq_row *w, long x)
{
	reserve(w, 24);
	w->len += (size_t)snprintf(w->buf + w->len, 24, "%ld", x);
}

void
liq_row_date(liq_row *w, int days)
{
	reserve(w, 11);
	liq_date_fmt(w->buf + w->len, days);
	w->len += 10;
}

void
liq_row_na(liq_row *w)
{
	liq_row_strn(w, "NA", 2);
}

void
liq_row_end(liq_row *w, FILE *fp)
{
	w->buf[w->len++] = '\n';
	fwrite(w->buf, 1, w->len, fp);
	w->len = 0;
	w->nf = 0;
}

void
liq_row_next(liq_row *w)
{
	w->nf = 0;
	reserve(w, 0); /* room for the '\n'; no tab with nf 0 */
	w->buf[w->len++] = '\n';
	w->nf = 0;
}

void
liq_row_flush(liq_row *w, FILE *fp)
{
	fwrite(w->buf, 1, w->len, fp);
	w->len = 0;
	w->nf = 0;
}

void
liq_write_header(FILE *fp, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++) {
		if (i)
			fputc('\t', fp);
		fputs(names[i], fp);
	}
	fputc('\n', fp);
	fflush(fp);
}

void
liq_stdout_buffer(void)
{
	static char buf[1 << 17];

	setvbuf(stdout, buf, _IOFBF, sizeof buf);
}
