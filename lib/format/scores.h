/* scores — liqscore's output, scores.tsv (liq(7), FILES): one row per bond
 * and date with the predicted score, its bucket and the bucket
 * probabilities, then liqscore's optional SHAP columns. This module owns
 * the columns: liqscore writes its header and rows through it; pretrade
 * and the HTTP server read each bond's latest row through it.
 *
 *     liq_row w;
 *     double p[3] = { 0.1, 0.3, 0.6 };
 *     liq_row_init(&w);
 *     liq_scores_names(&w);                      // the header's first columns
 *     liq_row_end(&w, stdout);
 *     liq_scores_put(&w, "037833AK6", 9, "2024-03-28", 71.5, "high", p);
 *     liq_row_end(&w, stdout);
 *
 *     liq_score_table *t = liq_score_table_load("scores.tsv");
 *     const liq_score_row *s = liq_score_table_find(t, "037833AK6");
 *     if (s) ... s->score, s->bucket, s->p[0] ...
 *     liq_score_table_free(t);
 */
#ifndef LIQ_FORMAT_SCORES_H
#define LIQ_FORMAT_SCORES_H

#include "core/tsv.h"

#include <stddef.h>

/* A column: its name, a description, 1 if it is text, 1 if a reader needs
 * it. The list ends with a NULL name. */
typedef struct liq_scores_col {
	const char *name;
	const char *desc;
	int text;
	int need;
} liq_scores_col;

/* cusip date score_pred bucket p_low p_medium p_high */
extern const liq_scores_col liq_scores_cols[];

/* Append the names of liq_scores_cols to w (the caller adds any SHAP
 * columns and ends the line). */
void liq_scores_names(liq_row *w);

/* Append one row's fields of liq_scores_cols: the first ncusip bytes of
 * cusip, the date as text, the score, the bucket and p_low p_medium
 * p_high (NaN: NA). */
void liq_scores_put(liq_row *w, const char *cusip, size_t ncusip,
		    const char *date, double score, const char *bucket,
		    const double p[3]);

/* Each cusip's row with the latest date (a later line wins a tie), sorted
 * by cusip. cusip, date, score_pred and bucket are needed (exit 2 naming
 * a missing one), p_low p_medium p_high are NaN when absent. A bad value
 * exits 1 with file:line; so does an empty file. */
typedef struct liq_score_row {
	char cusip[16];
	int date;
	double score;           /* score_pred */
	char bucket[16];
	double p[3];            /* p_low p_medium p_high (NaN without them) */
} liq_score_row;

typedef struct liq_score_table {
	liq_score_row *r;
	size_t n;
} liq_score_table;

liq_score_table *liq_score_table_load(const char *path);
const liq_score_row *liq_score_table_find(const liq_score_table *t,
					  const char *cusip);
void liq_score_table_free(liq_score_table *t);

#endif
