/* snapshot (liq_tables) — the files liqserve serves, loaded as one set: bonds.tsv,
 * scores.tsv, impact.tsv and, optionally, the model with its features
 * (each bond's latest row and its SHAP contributions, computed once at
 * load), liqtrain's importance table and the dashboard's files.
 *
 * A set is immutable once loaded; the server swaps whole sets, so a
 * request sees one consistent set from start to end.
 *
 * Loading at start-up exits on bad data like every liq tool (the TSV
 * readers of lib/ exit with file:line). Reloading must not: 
 * liq_tables_reload() copies each file into memory (a memfd: a writer
 * replacing or rewriting a file cannot change what is checked), lets a
 * forked child run the same readers over the copies (its exit status and
 * message tell whether they are good), and only then loads the copies in
 * the server itself, where they can no longer fail.
 *
 *   liq_tables_conf c = { .scores = "scores.tsv", .impact = "impact.tsv",
 *                         .bonds = "bonds.tsv", .threads = 1 };
 *   char err[1024];
 *   liq_tables *T = liq_tables_load(&c, err, sizeof err);  // NULL: err
 *   ...
 *   liq_tables *U = liq_tables_reload(&c, err, sizeof err); // never exits
 *   if (U) { liq_tables_free(T); T = U; }
 *   liq_tables_free(T);
 */
#ifndef LIQ_TABLES_H
#define LIQ_TABLES_H

#include "ref/bonds.h"
#include "format/latest.h"
#include "format/scores.h"
#include "cost/pretrade.h"
#include "cost/recalibrate.h"

#include <stddef.h>
#include <time.h>

typedef struct liq_tables_conf {
	const char *scores, *impact, *bonds;   /* required */
	const char *features, *model;          /* both or neither */
	const char *importance;                /* optional */
	const char *prints;                    /* optional: impact-fit's
						  --prints-out, to recalibrate
						  the intervals */
	const char *www;                       /* optional: the dashboard */
	int threads;                           /* XGBoost threads at load */
} liq_tables_conf;

typedef struct liq_www_file {
	char *name;
	char *data;
	size_t len;
	const char *mime;
} liq_www_file;

typedef struct liq_tables {
	const liq_tables_conf *conf;
	time_t loaded;
	liq_bonds *bonds;
	liq_score_table *scores;     /* the predicted score (score_pred),
					bucket, p_low p_medium p_high of
					liqscore (format/scores) */
	liq_impact_table *impact;    /* with each row's text (LIQ_TABLE_LINES) */
	/* the model: nf features, each bond's latest row, the model's raw
	   output for it (not clamped to 0..100, unlike a predicted score) and
	   its SHAP contributions (features->n x (nf + 1), the bias last) */
	int nf;
	char **fnames;
	liq_latest *features;
	float *pred_raw, *shap;
	double *mean_abs_shap;       /* per feature, over the latest rows */
	/* importance.tsv (liqtrain --importance): feature gain total_gain
	   mean_abs_shap, NaN for an absent column */
	long nimp;
	char **imp_feature;
	double *imp;                 /* nimp x 3 */
	int nwww;
	liq_www_file *www;
	/* the intervals' recalibration (pretrade --recalibrate) on the last
	   LIQ_RECAL_LOOKBACK days of conf->prints: recal_rc 0 done, -1 too few
	   prints (widths as fitted), -2 not asked */
	liq_recal recal;
	int recal_rc;
} liq_tables;

/* Limits of the dashboard directory: files of at most this size, and in
 * all; names that liq_route_file_ok() refuses are not served. */
#define LIQ_WWW_FILE_MAX (8L << 20)
#define LIQ_WWW_TOTAL_MAX (32L << 20)

/* Load every file of c. Bad TSV data exits (1, or 2 for a missing
 * column) with the file and line; a bad model or dashboard directory
 * returns NULL with a message in err. */
liq_tables *liq_tables_load(const liq_tables_conf *c, char *err,
			    size_t errsz);

/* Load every file of c again without ever exiting: NULL and the reason in
 * err (naming the file and line) when a file is missing or bad. */
liq_tables *liq_tables_reload(const liq_tables_conf *c, char *err,
			      size_t errsz);

void liq_tables_free(liq_tables *T);

/* "60 bonds, 60 scores, 60 impact fits, ..." */
void liq_tables_describe(const liq_tables *T, char *buf, size_t size);

/* The dashboard file called name, or NULL. */
const liq_www_file *liq_tables_www(const liq_tables *T, const char *name);

#endif
