/* latest — the latest row of each bond in a (cusip, date) panel such as
 * features.tsv or scores.tsv: for every cusip, the values of some numeric
 * columns on its last date. Streams the file and keeps one row per bond
 * (a later row of the same date wins), so the input may be as long as the
 * whole panel. Sorted input (the panels' contract) is not required.
 *
 *     static const char *const cols[] = { "p_low", "p_high", NULL };
 *     liq_latest *L = liq_latest_load("scores.tsv", cols, 0, NULL);
 *     long i = liq_latest_find(L, "037833AK6");   // -1: no row
 *     double p = i < 0 ? NAN : L->x[i * L->p + 1];
 */
#ifndef LIQ_LATEST_H
#define LIQ_LATEST_H

typedef struct liq_latest {
	long n;              /* bonds, sorted by cusip */
	int p;               /* columns kept */
	char **names;        /* their names (owned copies) */
	int *have;           /* 1 if the column is in the file */
	char (*cusip)[16];
	int *date;           /* days since 1970-01-01 */
	double *x;           /* n x p, row-major; NaN for NA or an absent column */
} liq_latest;

/* Load path: cusip, date and the columns of the NULL-terminated list cols.
 * With `need`, a missing column exits 2 ("path: missing column 'x'" and
 * `why`, e.g. ", a feature of model.json", when not NULL); without it the
 * column is all NaN. A bad date or number exits 1 with file:line, like
 * every liq reader. An empty file is an error. */
liq_latest *liq_latest_load(const char *path, const char *const *cols,
			    int need, const char *why);

/* Index of cusip's row, or -1. */
long liq_latest_find(const liq_latest *L, const char *cusip);

void liq_latest_free(liq_latest *L);

#endif
