/* latest — the latest row of each bond in a (cusip, date) panel such as
 * features.tsv or scores.tsv: for every cusip, the values of some columns
 * on its last date (numbers, or short text such as a bucket). Streams the
 * file and keeps one row per bond (a later row of the same date wins), so
 * the input may be as long as the whole panel; every row is checked, the
 * ones it does not keep too. Sorted input (the panels' contract) is not
 * required.
 *
 *     static const char *const cols[] = { "p_low", "p_high", NULL };
 *     liq_latest *L = liq_latest_load("scores.tsv", cols, 0, NULL);
 *     long i = liq_latest_find(L, "037833AK6");   // -1: no row
 *     double p = i < 0 ? NAN : L->x[i * L->p + 1];
 *     liq_latest_free(L);
 *
 *     static const liq_latest_col sc[] = { { "bucket", 1, 1 } };
 *     liq_latest *B = liq_latest_read("scores.tsv", sc, 1, NULL);
 *     const char *bucket = B->n ? B->text[0] : "";  // first bond's, p = 1
 *     liq_latest_free(B);
 */
#ifndef LIQ_LATEST_H
#define LIQ_LATEST_H

/* Text values are kept up to this many bytes, NUL included. */
#define LIQ_LATEST_TEXT 16

typedef struct liq_latest {
	long n;              /* bonds, sorted by cusip */
	int p;               /* columns kept */
	char **names;        /* their names (owned copies) */
	int *have;           /* 1 if the column is in the file */
	char (*cusip)[16];
	int *date;           /* days since 1970-01-01 */
	double *x;           /* n x p, row-major; NaN for NA, an absent column
				or a text column */
	char (*text)[LIQ_LATEST_TEXT];  /* n x p, row-major: the text of text
				columns ("" for the others, an absent column);
				NULL when no column is text */
} liq_latest;

/* A column to keep: its name, 1 if it is text (at most
 * LIQ_LATEST_TEXT - 1 bytes, else exit 1 with file:line), 1 if the file
 * must have it (else exit 2). */
typedef struct liq_latest_col {
	const char *name;
	int text;
	int need;
} liq_latest_col;

/* Load path: cusip, date and the p columns cols[]. A missing needed
 * column exits 2 ("path: missing column 'x'" and `why`, e.g. ", a feature
 * of model.json", when not NULL); a missing column that is not needed is
 * all NaN (or ""). A bad cusip, date or number exits 1 with file:line,
 * like every liq reader. An empty file is an error. */
liq_latest *liq_latest_read(const char *path, const liq_latest_col *cols,
			    int p, const char *why);

/* The same for the numeric columns of the NULL-terminated list cols,
 * every one needed when `need` is 1. */
liq_latest *liq_latest_load(const char *path, const char *const *cols,
			    int need, const char *why);

/* Index of cusip's row, or -1. */
long liq_latest_find(const liq_latest *L, const char *cusip);

void liq_latest_free(liq_latest *L);

#endif
