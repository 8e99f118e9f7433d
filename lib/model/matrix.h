/* matrix — features.tsv in memory, as liqtrain needs it: the feature
 * matrix (a float per feature column, NaN for NA), and per row the date,
 * the target and the composite score of the day, the `score` column (the
 * persistence forecast). Memory: 4 bytes per feature per row, plus 32
 * bytes per row.
 *
 * Feature columns are every column but cusip, date, score_fwd, bucket,
 * the target and the excluded ones; each must be numeric or NA.
 */
#ifndef LIQ_MATRIX_H
#define LIQ_MATRIX_H

typedef struct liq_matrix {
	long n;              /* rows */
	int p;               /* feature columns */
	char **names;        /* feature names, p of them */
	float *X;            /* n x p, row-major */
	int *date;           /* days since epoch */
	double *y;           /* target: number, or class 0..2 (Low..High); NaN */
	double *composite;   /* the `score` column, the composite score of the
				day; NaN (or all NaN if absent) */
	int has_composite;
	const char *target;
	int is_class;
	int horizon;         /* H of score_fwd as the rows show it (model/
				horizon.h), -1 unknown or no cusip, score
				and score_fwd columns */
} liq_matrix;

/* Load path. `target` names the target column (exit 2 if absent); with
 * is_class it must hold Low/Medium/High/NA. excl lists columns to leave
 * out (exit 2 if one is absent). */
liq_matrix *liq_matrix_load(const char *path, const char *target, int is_class,
			     char *const *excl, int nexcl);

void liq_matrix_free(liq_matrix *d);

/* Usage:
 *
 *   char *excl[] = { "score" };
 *   liq_matrix *d = liq_matrix_load("features.tsv", "score_fwd", 0, excl, 1);
 *   ... d->X[i * d->p + j]: feature d->names[j] of row i, target d->y[i] ...
 *   liq_matrix_free(d);
 */

#endif
