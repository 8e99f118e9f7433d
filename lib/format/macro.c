#include "format/macro.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"
#include "core/tsv.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

liq_macro *
liq_macro_new(void)
{
	return liq_xcalloc(1, sizeof(liq_macro));
}

void
liq_macro_free(liq_macro *m)
{
	int i;

	if (!m)
		return;
	for (i = 0; i < m->ncols; i++) {
		free(m->c[i].name);
		free(m->c[i].file);
		free(m->c[i].day);
		free(m->c[i].val);
	}
	free(m->c);
	free(m);
}

/* ---- one table of text cells, from either format ---------------------- */

typedef struct table {
	char ***rows;     /* rows[r][f] */
	int *nf;
	long nrows;
	unsigned long cap;
	/* the row being parsed (CSV) */
	char **cur;
	int ncur;
	unsigned long curcap;
} table;

static void
cell(void *s, size_t len, void *data)
{
	table *t = data;
	char *c = liq_xmalloc(len + 1);

	memcpy(c, s ? s : "", s ? len : 0);
	c[s ? len : 0] = '\0';
	liq_grow(&t->cur, &t->curcap, (unsigned long)t->ncur + 1, sizeof *t->cur);
	t->cur[t->ncur++] = c;
}

static void
row_end(int term, void *data)
{
	table *t = data;

	(void)term;
	liq_grow(&t->rows, &t->cap, (unsigned long)t->nrows + 1, sizeof *t->rows);
	t->nf = liq_xrealloc(t->nf, t->cap * sizeof *t->nf);
	t->rows[t->nrows] = t->cur;
	t->nf[t->nrows] = t->ncur;
	t->nrows++;
	t->cur = NULL;
	t->ncur = 0;
	t->curcap = 0;
}

static void
read_csv(const char *path, table *t)
{
	struct csv_parser p;
	char buf[1 << 16];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		liq_die(LIQ_EXIT_DATA, "%s: out of memory", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, cell, row_end, t) != n)
			liq_die(LIQ_EXIT_DATA, "%s:%ld: bad CSV: %s", path,
				t->nrows + 1, csv_strerror(csv_error(&p)));
	if (ferror(f))
		liq_die(LIQ_EXIT_DATA, "%s: read error: %s", path, strerror(errno));
	csv_fini(&p, cell, row_end, t);
	csv_free(&p);
	fclose(f);
}

static void
read_tsv(const char *path, table *t)
{
	liq_tsv *r = liq_tsv_open(path);
	int i;

	if (liq_tsv_header(r)) {
		for (;;) {
			for (i = 0; i < r->nf; i++) {
				const char *s = r->nhdr && t->nrows == 0 ? r->hdr[i]
									: r->f[i];
				cell((void *)s, strlen(s), t);
			}
			row_end(0, t);
			if (!liq_tsv_next(r))
				break;
		}
	}
	liq_tsv_close(r);
}

/* 1 if the first line of the file has a comma and no tab */
static int
is_csv(const char *path)
{
	FILE *f = fopen(path, "rb");
	int c, comma = 0;

	if (!f)
		liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
	while ((c = getc(f)) != EOF && c != '\n') {
		if (c == '\t') {
			fclose(f);
			return 0;
		}
		comma |= c == ',';
	}
	fclose(f);
	return comma;
}

static int
date_header(const char *s)
{
	return strcasecmp(s, "date") == 0 || strcasecmp(s, "observation_date") == 0;
}

void
liq_macro_load(liq_macro *m, const char *path)
{
	table t;
	int csv = is_csv(path), f, first = m->ncols;
	long r;

	memset(&t, 0, sizeof t);
	if (csv)
		read_csv(path, &t);
	else
		read_tsv(path, &t);
	if (t.nrows == 0)
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)", path);
	if (t.nf[0] < 1 || !date_header(t.rows[0][0]))
		liq_die(LIQ_EXIT_USAGE, "%s: the first column must be 'date' (or FRED's "
			"'observation_date' or 'DATE'), not '%s'", path,
			t.nf[0] ? t.rows[0][0] : "");
	for (f = 1; f < t.nf[0]; f++) {
		liq_macro_col *c;
		char *name = liq_xstrdup(t.rows[0][f]), *q;
		int k;
		if (csv)
			for (q = name; *q; q++)
				*q = (char)tolower((unsigned char)*q);
		for (k = 0; k < m->ncols; k++)
			if (strcmp(m->c[k].name, name) == 0) {
				char qn[64];
				liq_die(LIQ_EXIT_USAGE, "macro series '%s' is in both %s and %s",
					liq_quote(qn, sizeof qn, name), m->c[k].file, path);
			}
		m->c = liq_xrealloc(m->c, (size_t)(m->ncols + 1) * sizeof *m->c);
		c = &m->c[m->ncols++];
		memset(c, 0, sizeof *c);
		c->name = name;
		c->file = liq_xstrdup(path);
		c->day = liq_xmalloc((size_t)t.nrows * sizeof *c->day);
		c->val = liq_xmalloc((size_t)t.nrows * sizeof *c->val);
	}
	for (r = 1; r < t.nrows; r++) {
		int day;
		if (t.nf[r] == 1 && t.rows[r][0][0] == '\0')
			continue; /* a blank line at the end of a CSV */
		if (t.nf[r] != t.nf[0])
			liq_die_at(LIQ_EXIT_DATA, path, r + 1, "%d fields, the header has %d",
				   t.nf[r], t.nf[0]);
		if (liq_date_parse(t.rows[r][0], &day) != 0) {
			char q[64];
			liq_die_at(LIQ_EXIT_DATA, path, r + 1, "bad date '%s' (want YYYY-MM-DD)",
				   liq_quote(q, sizeof q, t.rows[r][0]));
		}
		for (f = 1; f < t.nf[0]; f++) {
			liq_macro_col *c = &m->c[first + f - 1];
			const char *s = t.rows[r][f];
			double v;
			if (s[0] == '\0' || strcmp(s, ".") == 0)
				continue; /* FRED's missing value */
			if (liq_num_parse(s, &v) == LIQ_NUM_BAD)
				liq_die_at(LIQ_EXIT_DATA, path, r + 1,
					   "column '%s': bad number '%s'", c->name, s);
			if (isnan(v))
				continue;
			if (c->n && day <= c->day[c->n - 1])
				liq_die_at(LIQ_EXIT_DATA, path, r + 1,
					   "dates must ascend: '%s' after an equal or later date",
					   t.rows[r][0]);
			c->day[c->n] = day;
			c->val[c->n] = v;
			c->n++;
		}
	}
	for (r = 0; r < t.nrows; r++) {
		for (f = 0; f < t.nf[r]; f++)
			free(t.rows[r][f]);
		free(t.rows[r]);
	}
	free(t.rows);
	free(t.nf);
	free(t.cur);
}

double
liq_macro_at(const liq_macro *m, int col, int day)
{
	const liq_macro_col *c = &m->c[col];
	long lo = 0, hi = c->n; /* first observation after `day` */

	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (c->day[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? c->val[lo - 1] : NAN;
}
