/* rawlines — the raw TRACE line reader (clean/rawlines.h). */
#include "clean/rawlines.h"

#include "core/diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIQ_RAW_BUF (1u << 20)

liq_raw *
liq_raw_open(const char *path)
{
	liq_raw *r;
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
	r->cap = LIQ_RAW_BUF;
	r->buf = liq_xmalloc(r->cap + 1);
	return r;
}

void
liq_raw_close(liq_raw *r)
{
	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	free(r->f);
	free(r->buf);
	free(r);
}

void
liq_raw_set_sep(liq_raw *r, char sep)
{
	r->sep = sep;
}

void
liq_raw_fail(const liq_raw *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	liq_vdie_at(LIQ_EXIT_DATA, r->name, r->lineno, fmt, ap);
}

/* Make sure a whole line starts at buf[beg]; returns its end (the '\n',
 * or one past the data for a last line without one), or NULL at the end
 * of input. */
static char *
fill_line(liq_raw *r)
{
	char *nl;

	for (;;) {
		nl = memchr(r->buf + r->beg, '\n', r->end - r->beg);
		if (nl)
			return nl;
		if (r->eof)
			return r->beg == r->end ? NULL : r->buf + r->end;
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
			ssize_t n = read(r->fd, r->buf + r->end,
					 r->cap - r->end);
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

const char *
liq_raw_peek(liq_raw *r, size_t *len)
{
	char *nl = fill_line(r);

	if (!nl)
		return NULL;
	*len = (size_t)(nl - (r->buf + r->beg));
	if (*len && nl[-1] == '\r')
		--*len;
	return r->buf + r->beg;
}

const char *
liq_raw_next_line(liq_raw *r)
{
	char *nl = fill_line(r), *line;

	if (!nl)
		return NULL;
	if (nl == r->buf + r->end)
		r->end++; /* the NUL goes into the spare byte past the data */
	line = r->buf + r->beg;
	r->linelen = (size_t)(nl - line);
	*nl = '\0';
	r->beg = (size_t)(nl - r->buf) + 1;
	r->lineno++;
	if (r->linelen && line[r->linelen - 1] == '\r') {
		line[--r->linelen] = '\0';
		r->ncrlf++;
	}
	return line;
}

int
liq_raw_next(liq_raw *r)
{
	char *p = (char *)liq_raw_next_line(r), *end;

	if (!p)
		return 0;
	end = p + r->linelen;
	r->nf = 0;
	for (;;) {
		if (r->nf == r->fcap) {
			r->fcap = r->fcap ? r->fcap * 2 : 32;
			r->f = liq_xrealloc(r->f, (size_t)r->fcap * sizeof *r->f);
		}
		r->f[r->nf++] = p;
		while (p < end && *p != r->sep)
			p++;
		if (p == end)
			break;
		*p++ = '\0';
	}
	return 1;
}
