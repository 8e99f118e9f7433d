/* dataset — features.tsv in memory, as liqtrain needs it: a float matrix
 * of the feature columns (NaN for NA), the dates, the target and the
 * `score` column (the persistence forecast). Memory: 4 bytes per feature
 * per row, plus 32 bytes per row.
 *
 * Feature columns are every column but cusip, date, score_fwd, bucket,
 * the target and the excluded ones; each must be numeric or NA.
 */
#ifndef LIQ_DATASET_H
#define LIQ_DATASET_H

typedef struct liq_dataset {
	long n;              /* rows */
	int p;               /* feature columns */
	char **names;        /* feature names, p of them */
	float *X;            /* n x p, row-major */
	int *date;           /* days since epoch */
	double *y;           /* target: number, or class 0..2 (Low..High); NaN */
	double *score;       /* the `score` column; NaN (or all NaN if absent) */
	int has_score;
	const char *target;
	int is_class;
} liq_dataset;

/* Load path. `target` names the target column (exit 2 if absent); with
 * is_class it must hold Low/Medium/High/NA. excl lists columns to leave
 * out (exit 2 if one is absent). */
liq_dataset *liq_dataset_load(const char *path, const char *target, int is_class,
			      char *const *excl, int nexcl);

void liq_dataset_free(liq_dataset *d);

#endif
