#include "format/latest.h"

#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"
#include "core/tsv.h"
#include "ref/cusip.h"

#include <stdlib.h>
#include <string.h>

/* One kept row while reading: its place in the file breaks date ties. */
typedef struct row {
	char cusip[16];
	int date;
	long line;
	double *x;
	char (*s)[LIQ_LATEST_TEXT];
} row;

static int
cmp_row(const void *a, const void *b)
{
	const row *x = a, *y = b;
	int c = strcmp(x->cusip, y->cusip);

	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* The values of the current row into x and s (s NULL: no text column). */
static void
values(const liq_tsv *r, const liq_latest_col *cols, const int *col, int p,
       double *x, char (*s)[LIQ_LATEST_TEXT])
{
	int j;

	for (j = 0; j < p; j++) {
		if (s)
			s[j][0] = '\0';
		x[j] = liq_na();
		if (col[j] < 0)
			continue;
		if (!cols[j].text) {
			x[j] = liq_tsv_num(r, col[j]);
			continue;
		}
		if (strlen(liq_tsv_field(r, col[j])) >= LIQ_LATEST_TEXT) {
			char q[64];
			liq_tsv_fail(r, "column '%s': bad value '%s'", cols[j].name,
				     liq_quote(q, sizeof q, liq_tsv_field(r, col[j])));
		}
		strcpy(s[j], liq_tsv_field(r, col[j]));
	}
}

liq_latest *
liq_latest_read(const char *path, const liq_latest_col *cols, int p,
		const char *why)
{
	liq_tsv *r = liq_tsv_open(path);
	liq_latest *L = liq_xcalloc(1, sizeof *L);
	row *R = NULL;
	unsigned long cap = 0;
	long n = 0, i, k;
	int c_cusip, c_date, j, *col, text = 0;
	size_t np;
	double *x;
	char (*s)[LIQ_LATEST_TEXT] = NULL;

	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)", path);
	c_cusip = liq_tsv_need(r, "cusip");
	c_date = liq_tsv_need(r, "date");
	L->p = p;
	np = (size_t)(p ? p : 1);
	L->names = liq_xmalloc(np * sizeof *L->names);
	L->have = liq_xmalloc(np * sizeof *L->have);
	col = liq_xmalloc(np * sizeof *col);
	for (j = 0; j < p; j++) {
		col[j] = liq_tsv_col(r, cols[j].name);
		if (col[j] < 0 && cols[j].need)
			liq_die(LIQ_EXIT_USAGE, "%s: missing column '%s'%s", path,
				cols[j].name, why ? why : "");
		L->names[j] = liq_xstrdup(cols[j].name);
		L->have[j] = col[j] >= 0;
		text |= cols[j].text;
	}
	x = liq_xmalloc(np * sizeof *x);
	if (text)
		s = liq_xmalloc(np * sizeof *s);
	while (liq_tsv_next(r)) {
		const char *cu = liq_tsv_cusip(r, c_cusip);
		int d = liq_tsv_date(r, c_date);
		row *last = n ? &R[n - 1] : NULL;

		/* every row is checked, kept or not */
		values(r, cols, col, p, x, s);
		/* sorted input keeps one row per bond: overwrite it */
		if (last && strcmp(last->cusip, cu) == 0) {
			if (d < last->date)
				continue;
		} else {
			liq_grow(&R, &cap, (unsigned long)n + 1, sizeof *R);
			last = &R[n++];
			strcpy(last->cusip, cu);
			last->x = liq_xmalloc(np * sizeof *last->x);
			last->s = text ? liq_xmalloc(np * sizeof *last->s) : NULL;
		}
		last->date = d;
		last->line = r->lineno;
		memcpy(last->x, x, (size_t)p * sizeof *x);
		if (text)
			memcpy(last->s, s, (size_t)p * sizeof *s);
	}
	liq_tsv_close(r);
	free(col);
	free(x);
	free(s);
	/* unsorted input: each cusip's last date, the later line on a tie */
	if (n)   /* qsort() must not get a NULL array, even empty */
		qsort(R, (size_t)n, sizeof *R, cmp_row);
	L->cusip = liq_xmalloc((size_t)(n ? n : 1) * sizeof *L->cusip);
	L->date = liq_xmalloc((size_t)(n ? n : 1) * sizeof *L->date);
	L->x = liq_xmalloc((size_t)(n ? n : 1) * np * sizeof *L->x);
	if (text)
		L->text = liq_xmalloc((size_t)(n ? n : 1) * np * sizeof *L->text);
	for (i = 0, k = 0; i < n; i++) {
		if (i + 1 < n && strcmp(R[i].cusip, R[i + 1].cusip) == 0) {
			free(R[i].x);
			free(R[i].s);
			continue;
		}
		strcpy(L->cusip[k], R[i].cusip);
		L->date[k] = R[i].date;
		memcpy(L->x + (size_t)k * (size_t)p, R[i].x, (size_t)p * sizeof *L->x);
		if (text)
			memcpy(L->text + (size_t)k * (size_t)p, R[i].s,
			       (size_t)p * sizeof *L->text);
		free(R[i].x);
		free(R[i].s);
		k++;
	}
	free(R);
	L->n = k;
	return L;
}

liq_latest *
liq_latest_load(const char *path, const char *const *cols, int need,
		const char *why)
{
	liq_latest_col *c;
	liq_latest *L;
	int p = 0, j;

	while (cols[p])
		p++;
	c = liq_xmalloc((size_t)(p ? p : 1) * sizeof *c);
	for (j = 0; j < p; j++) {
		c[j].name = cols[j];
		c[j].text = 0;
		c[j].need = need;
	}
	L = liq_latest_read(path, c, p, why);
	free(c);
	return L;
}

long
liq_latest_find(const liq_latest *L, const char *cusip)
{
	long lo = 0, hi = L->n;

	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (strcmp(L->cusip[mid], cusip) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < L->n && strcmp(L->cusip[lo], cusip) == 0 ? lo : -1;
}

void
liq_latest_free(liq_latest *L)
{
	int j;

	if (!L)
		return;
	for (j = 0; j < L->p; j++)
		free(L->names[j]);
	free(L->names);
	free(L->have);
	free(L->cusip);
	free(L->date);
	free(L->x);
	free(L->text);
	free(L);
}
