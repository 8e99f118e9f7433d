/* traceread — reading raw TRACE files (clean/traceread.h): opening a file
 * and its header (the layout and its columns come from trace-layout.c),
 * CSV through libcsv, and the rows with FINRA's trailers and Academic's
 * trailing lines; trace-fields.c decodes each row into a liq_trace_rec.
 * It lives apart from the writers (sim/trace-write.h) so that trace-sim
 * does not link libcsv. */
#include "clean/traceread-internal.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
liq_trace_name(const liq_trace_in *in)
{
	return in->t->name;
}

liq_trace_fmt
liq_trace_format(const liq_trace_in *in)
{
	return in->fmt;
}

/* ---- CSV through libcsv ---------------------------------------------- */

static void
csv_field(void *s, size_t len, void *data)
{
	liq_trace_in *in = data;

	if (in->nf == in->fcap) {
		in->fcap = in->fcap ? in->fcap * 2 : 32;
		in->off = liq_xrealloc(in->off,
				       (size_t)in->fcap * sizeof *in->off);
	}
	if (in->rowlen + len + 1 > in->rowcap) {
		while (in->rowlen + len + 1 > in->rowcap)
			in->rowcap = in->rowcap ? in->rowcap * 2 : 1024;
		in->rowbuf = liq_xrealloc(in->rowbuf, in->rowcap);
	}
	in->off[in->nf++] = in->rowlen;
	if (len)
		memcpy(in->rowbuf + in->rowlen, s, len);
	in->rowlen += len;
	in->rowbuf[in->rowlen++] = '\0';
}

static void
csv_record(int c, void *data)
{
	liq_trace_in *in = data;

	(void)c;
	in->rec_done = 1;
}

/* Read one CSV record into in->f / in->nfield; 0 at end of input. A
 * quoted field may span lines; the record's line is where it starts. */
static int
csv_next(liq_trace_in *in)
{
	const char *line;
	int i;

	in->nf = 0;
	in->rowlen = 0;
	in->rec_done = 0;
	in->rec_line = 0;
	while (!in->rec_done) {
		line = liq_tsv_next_line(in->t);
		if (!line) {
			if (csv_fini(&in->cp, csv_field, csv_record, in) != 0) {
				in->t->lineno = in->rec_line;
				liq_tsv_fail(in->t, "CSV: a quoted field "
					     "that never ends");
			}
			if (!in->rec_done)
				return 0;
			break;
		}
		if (!in->rec_line)
			in->rec_line = in->t->lineno;
		if (csv_parse(&in->cp, line, in->t->linelen, csv_field,
			      csv_record, in) != in->t->linelen ||
		    csv_parse(&in->cp, "\n", 1, csv_field, csv_record, in) != 1)
			liq_tsv_fail(in->t, "CSV: bad quoting (a quote "
				     "inside an unquoted field, or text after "
				     "a closing quote)");
	}
	if (in->nf > in->nfield || !in->f) {
		free(in->f);
		in->f = liq_xmalloc((size_t)(in->nf + 1) * sizeof *in->f);
	}
	for (i = 0; i < in->nf; i++)
		in->f[i] = in->rowbuf + in->off[i];
	in->nfield = in->nf;
	return 1;
}

static void
read_header(liq_trace_in *in)
{
	int i;

	if (in->csv) {
		if (!csv_next(in))
			return;
		in->nhdr = in->nfield;
		in->hdr = liq_xmalloc((size_t)in->nhdr * sizeof *in->hdr);
		for (i = 0; i < in->nhdr; i++)
			in->hdr[i] = liq_xstrdup(in->f[i]);
		return;
	}
	if (!liq_tsv_next_any(in->t))
		return;
	in->nhdr = in->t->nf;
	in->hdr = liq_xmalloc((size_t)in->nhdr * sizeof *in->hdr);
	for (i = 0; i < in->nhdr; i++) {
		if (in->t->f[i][0] == '\0')
			liq_tsv_fail(in->t, "empty column name in header "
				     "(field %d)", i + 1);
		in->hdr[i] = liq_xstrdup(in->t->f[i]);
	}
}

/* The input opened last and not yet closed. A reader that exits on bad
 * data, in liq_trace_open() or later, leaves the input it was reading
 * reachable from here: the process ends holding it, and LeakSanitizer
 * (make check-asan) does not call that a leak. */
static liq_trace_in *volatile live;

liq_trace_in *
liq_trace_open(const char *path, liq_trace_fmt fmt, int need)
{
	liq_trace_in *in = liq_xcalloc(1, sizeof *in);
	const char *line;
	size_t len;
	liq_trace_fmt seen;
	char sep = '\t';

	live = in;
	in->t = liq_tsv_open(path);
	liq_tsv_allow_crlf(in->t);
	line = liq_tsv_peek(in->t, &len);
	if (!line) {
		in->fmt = fmt; /* empty: no header, no reports */
		return in;
	}
	seen = liq_trace_sniff(line, len, &sep);
	if (fmt == LIQ_FMT_AUTO && seen == LIQ_FMT_AUTO)
		liq_trace_unknown_header(in->t->name, line, len, sep);
	in->fmt = fmt == LIQ_FMT_AUTO ? seen : fmt;
	if (in->fmt == LIQ_FMT_WRDS || in->fmt == LIQ_FMT_STANDARD)
		in->sep = sep == ',' ? ',' : '\t';
	else if (in->fmt == LIQ_FMT_PUBLIC)
		in->sep = ',';
	else
		in->sep = '|';
	in->csv = in->sep == ',';
	if (in->csv) {
		csv_init(&in->cp, CSV_STRICT | CSV_STRICT_FINI);
		csv_set_delim(&in->cp, ',');
	} else {
		liq_tsv_set_sep(in->t, in->sep);
	}
	read_header(in);
	liq_trace_resolve_columns(in, need);
	return in;
}

unsigned long
liq_trace_crlf(const liq_trace_in *in)
{
	return in->t->ncrlf;
}

void
liq_trace_close(liq_trace_in *in)
{
	int i;

	if (!in)
		return;
	if (live == in)
		live = NULL;
	if (in->csv)
		csv_free(&in->cp);
	for (i = 0; i < in->nhdr; i++)
		free(in->hdr[i]);
	free(in->hdr);
	free(in->rowbuf);
	free(in->off);
	if (in->csv)
		free(in->f);
	liq_tsv_close(in->t);
	free(in);
}

/* ---- rows and trailers ----------------------------------------------- */

static int
all_digits(const char *s)
{
	return s[0] && s[strspn(s, "0123456789")] == '\0';
}

/* FINRA: a trailer line has been read; the next line may start another
 * file (concatenated downloads) with the same header. */
static int
finra_after_trailer(liq_trace_in *in)
{
	int i;

	if (!liq_tsv_next_any(in->t))
		return 0;
	if (in->t->nf != in->nhdr)
		liq_tsv_fail(in->t, "a line after the trailer (the trailer "
			     "ends a FINRA file)");
	for (i = 0; i < in->nhdr; i++)
		if (strcmp(in->t->f[i], in->hdr[i]) != 0)
			liq_tsv_fail(in->t, "a line after the trailer (the "
				     "trailer ends a FINRA file)");
	in->trailer = 0;
	in->rows = 0;
	return 1;
}

static void
finra_trailer(liq_trace_in *in)
{
	const char *s = in->t->f[0];
	size_t n = strlen(s);
	long count;

	if (n < 10)
		liq_tsv_fail(in->t, "bad trailer '%s' (want a date/time stamp "
			     "and a 10-digit record count)", s);
	count = strtol(s + n - 10, NULL, 10);
	if (count != in->rows)
		liq_tsv_fail(in->t, "bad trailer: record count %ld, but %ld "
			     "report%s read", count, in->rows,
			     in->rows == 1 ? "" : "s");
	in->trailer = 1;
}

static _Noreturn void
bad_count(const liq_trace_in *in)
{
	liq_tsv_fail(in->t, "%d field%s, the header has %d%s", in->nfield,
		     in->nfield == 1 ? "" : "s", in->nhdr,
		     in->nfield < in->nhdr ? " (a truncated line?)" : "");
}

/* The end of a file: a FINRA file without its trailer (an excerpt, a
 * re-saved file) is read with a warning, since its count cannot be
 * checked; an Academic file may end with two lines of digits. */
static void
at_end(const liq_trace_in *in)
{
	if (in->fmt == LIQ_FMT_FINRA && !in->trailer)
		liq_warn_at(in->t->name, 0, "no trailer line (FINRA files end "
			    "with a date/time stamp and the record count): "
			    "the %ld report%s after the header read without "
			    "a count to check", in->rows,
			    in->rows == 1 ? "" : "s");
	if (in->nshort > 2)
		liq_die_at(LIQ_EXIT_DATA, in->t->name, in->short_line,
			   "%d short lines at the end (Academic files end "
			   "with at most 2)", in->nshort);
}

/* Next data row into in->f; 0 at the end. Handles FINRA trailers and
 * Academic's trailing lines. */
static int
next_row(liq_trace_in *in)
{
	if (in->csv) {
		if (!csv_next(in))
			return 0;
		if (in->nfield != in->nhdr)
			bad_count(in);
		return 1;
	}
	for (;;) {
		if (in->fmt == LIQ_FMT_FINRA && in->trailer) {
			if (!finra_after_trailer(in))
				return 0;
			continue;
		}
		if (!liq_tsv_next_any(in->t)) {
			at_end(in);
			return 0;
		}
		in->f = in->t->f;
		in->nfield = in->t->nf;
		if (in->nfield == in->nhdr) {
			if (in->nshort) {
				in->t->lineno = in->short_line;
				liq_tsv_fail(in->t, "a short line (a truncated "
					     "line?) before more reports");
			}
			in->rows++;
			return 1;
		}
		if (in->fmt == LIQ_FMT_FINRA && in->nfield == 1 &&
		    all_digits(in->t->f[0])) {
			finra_trailer(in);
		} else if (in->fmt == LIQ_FMT_ACADEMIC && in->nfield == 1 &&
			   all_digits(in->t->f[0])) {
			/* Academic files end with two lines of FINRA
			 * identifiers, each one field of digits; allowed only
			 * at the very end. Any other short line (a report cut
			 * short) is an error, not a trailer. */
			if (!in->nshort++)
				in->short_line = in->t->lineno;
		} else {
			bad_count(in);
		}
	}
}

int
liq_trace_next(liq_trace_in *in, liq_trace_rec *rec)
{
	if (!in->hdr || !next_row(in))
		return 0;
	if (in->fmt == LIQ_FMT_PUBLIC)
		liq_trace_convert_public(in, rec);
	else
		liq_trace_convert(in, rec);
	return 1;
}
