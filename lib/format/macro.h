/* macro — daily macro series for liqfeatures: any number of files, each a
 * liq TSV (a `date` column and numeric columns, as trace-sim's macro.tsv)
 * or a CSV as FRED downloads it (`observation_date,VIXCLS` or
 * `DATE,DGS10`, "." for a missing value), read through libcsv. A series'
 * value on a day is its last observation on or before that day, so values
 * carry forward over holidays and weekends.
 *
 *     liq_macro *m = liq_macro_new();
 *     liq_macro_load(m, "macro.tsv");  liq_macro_load(m, "VIXCLS.csv");
 *     double v = liq_macro_at(m, 0, day);
 */
#ifndef LIQ_MACRO_H
#define LIQ_MACRO_H

typedef struct liq_macro_col {
	char *name;       /* as in the header; FRED series ids lower-cased */
	char *file;       /* where it came from, for messages */
	int *day;         /* observation dates, ascending, unique */
	double *val;
	long n;
} liq_macro_col;

typedef struct liq_macro {
	liq_macro_col *c;
	int ncols;
} liq_macro;

liq_macro *liq_macro_new(void);

/* Add the series of one file. Exits 2 when the header has no date column
 * or repeats a series already loaded; exits 1 on a bad date or number
 * (file:line) or dates out of order. */
void liq_macro_load(liq_macro *m, const char *path);

/* Value of series `col` on `day`: its last observation on or before the
 * day; NaN when there is none. */
double liq_macro_at(const liq_macro *m, int col, int day);

void liq_macro_free(liq_macro *m);

#endif
