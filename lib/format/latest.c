#include "format/latest.h"

#include "core/diag.h"
#include "core/num.h"
#include "core/tsv.h"

#include <stdlib.h>
#include <string.h>

/* One kept row while reading: its place in the file breaks date ties. */
typedef struct row {
	char cusip[16];
	int date;
	long line;
	double *x;
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

liq_latest *
liq_latest_load(const char *path, const char *const *cols, int need,
		const char *why)
{
	liq_tsv *r = liq_tsv_open(path);
	liq_latest *L = liq_xcalloc(1, sizeof *L);
	row *R = NULL;
	unsigned long cap = 0;
	long n = 0, i, k;
	int c_cusip, c_date, j, *col;

	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)", path);
	c_cusip = liq_tsv_need(r, "cusip");
	c_date = liq_tsv_need(r, "date");
	while (cols[L->p])
		L->p++;
	L->names = liq_xmalloc((size_t)L->p * sizeof *L->names);
	L->have = liq_xmalloc((size_t)L->p * sizeof *L->have);
	col = liq_xmalloc((size_t)L->p * sizeof *col);
	for (j = 0; j < L->p; j++) {
		col[j] = liq_tsv_col(r, cols[j]);
		if (col[j] < 0 && need)
			liq_die(LIQ_EXIT_USAGE, "%s: missing column '%s'%s", path,
				cols[j], why ? why : "");
		L->names[j] = liq_xstrdup(cols[j]);
		L->have[j] = col[j] >= 0;
	}
	while (liq_tsv_next(r)) {
		const char *cu = liq_tsv_field(r, c_cusip);
		int d = liq_tsv_date(r, c_date);
		row *last = n ? &R[n - 1] : NULL;

		if (!cu[0] || strlen(cu) >= sizeof R->cusip)
			liq_tsv_fail(r, "column 'cusip': bad value '%s'", cu);
		/* sorted input keeps one row per bond: overwrite it */
		if (last && strcmp(last->cusip, cu) == 0) {
			if (d < last->date)
				continue;
		} else {
			liq_grow(&R, &cap, (unsigned long)n + 1, sizeof *R);
			last = &R[n++];
			strcpy(last->cusip, cu);
			last->x = liq_xmalloc((size_t)(L->p ? L->p : 1) * sizeof *last->x);
		}
		last->date = d;
		last->line = r->lineno;
		for (j = 0; j < L->p; j++)
			last->x[j] = col[j] < 0 ? liq_na() : liq_tsv_num(r, col[j]);
	}
	liq_tsv_close(r);
	free(col);
	/* unsorted input: each cusip's last date, the later line on a tie */
	qsort(R, (size_t)n, sizeof *R, cmp_row);
	L->cusip = liq_xmalloc((size_t)(n ? n : 1) * sizeof *L->cusip);
	L->date = liq_xmalloc((size_t)(n ? n : 1) * sizeof *L->date);
	L->x = liq_xmalloc((size_t)(n ? n : 1) * (size_t)(L->p ? L->p : 1) *
			   sizeof *L->x);
	for (i = 0, k = 0; i < n; i++) {
		if (i + 1 < n && strcmp(R[i].cusip, R[i + 1].cusip) == 0) {
			free(R[i].x);
			continue;
		}
		strcpy(L->cusip[k], R[i].cusip);
		L->date[k] = R[i].date;
		memcpy(L->x + (size_t)k * (size_t)L->p, R[i].x,
		       (size_t)L->p * sizeof *L->x);
		free(R[i].x);
		k++;
	}
	free(R);
	L->n = k;
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
	free(L);
}
