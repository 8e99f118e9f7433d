/* train — liqtrain: temporal splits, walk-forward cross-validation, the
 * XGBoost model and its two baselines (model/baseline.h), evaluated on
 * the same rows.
 *
 * Splits. The training period's distinct dates are cut into K+1 blocks of
 * (nearly) equal numbers of dates. Fold k (1..K) validates on block k+1
 * and trains on the dates before it, ending `gap` business days before the
 * block starts (so that a target H <= gap days ahead never reaches into
 * it). The test split trains on the whole training period, again ending
 * `gap` business days before the test period starts. Nothing dated in the
 * test period or later touches a fit.
 *
 * Early stopping. Fold K (the latest) is trained with up to `rounds`
 * rounds, stopping after `patience` rounds without improvement of its
 * validation metric (rmse, or mlogloss); the best number of rounds is
 * then used for the other folds and for the final model.
 */
#ifndef LIQ_TRAIN_H
#define LIQ_TRAIN_H

#include "model/matrix.h"

#include <limits.h>
#include <stdio.h>

typedef struct liq_split {
	char name[16];            /* fold1 .. foldK, test */
	int train_from, train_to; /* inclusive dates */
	int eval_from, eval_to;
} liq_split;

/* Cut the sorted distinct dates d[0..n) into cv folds as described above
 * (and nothing when cv == 0). Returns the number of folds made, or -1 when
 * a fold would have no training dates (too many folds or too large a gap
 * for the period). */
int liq_cv_splits(const int *d, int n, int cv, int gap, liq_split *out);

typedef struct liq_train_opts {
	int train_from, train_to;   /* INT_MIN / INT_MAX: unbounded */
	int test_from, test_to;     /* test_from == INT_MIN: no test split */
	int cv, gap;
	int rounds, depth, threads, patience;
	double eta;
	unsigned long seed;
	char *const *params;        /* extra "key=value" XGBoost parameters */
	int nparams;
	const char *model_out;      /* NULL: none */
	const char *importance_out; /* NULL: none */
	const char *splits_out;     /* NULL: none */
	int progress;               /* per-round line on stderr */
} liq_train_opts;

/* Train and evaluate; write metrics.tsv to fp. Exits 1 on an empty
 * training period or a constant target.
 *
 *   liq_matrix *d = liq_matrix_load("features.tsv", "score_fwd", 0, NULL, 0);
 *   liq_train_opts o = { .train_from = INT_MIN, .train_to = INT_MAX,
 *                        .test_from = INT_MIN, .cv = 3, .gap = 21,
 *                        .rounds = 500, .depth = 6, .threads = 2,
 *                        .patience = 30, .eta = 0.05,
 *                        .model_out = "model.json" };
 *   liq_train_run(d, &o, stdout);
 *   liq_matrix_free(d);
 */
void liq_train_run(const liq_matrix *d, const liq_train_opts *o, FILE *fp);

#endif
