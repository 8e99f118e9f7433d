#include "format/scores.h"

#include "core/dates.h"
#include "core/diag.h"
#include "format/latest.h"
#include "ref/cusip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const liq_scores_col liq_scores_cols[] = {
	{ "cusip", "the bond", 1, 1 },
	{ "date", "the day of the features scored", 1, 1 },
	{ "score_pred", "predicted liquidity score, 0-100", 0, 1 },
	{ "bucket", "low, medium or high, from the score", 1, 1 },
	{ "p_low", "classifier's probability of low (NA without one)", 0, 0 },
	{ "p_medium", "of medium", 0, 0 },
	{ "p_high", "of high", 0, 0 },
	{ NULL, NULL, 0, 0 }
};

/* The columns after cusip and date, as liq_latest reads them. */
#define NVAL 5

void
liq_scores_names(liq_row *w)
{
	const liq_scores_col *c;

	for (c = liq_scores_cols; c->name; c++)
		liq_row_str(w, c->name);
}

void
liq_scores_put(liq_row *w, const char *cusip, size_t ncusip, const char *date,
	       double score, const char *bucket, const double p[3])
{
	int k;

	liq_row_strn(w, cusip, ncusip);
	liq_row_str(w, date);
	liq_row_num(w, score);
	liq_row_str(w, bucket);
	for (k = 0; k < 3; k++)
		liq_row_num(w, p[k]);
}

/* A score is 0 to 100 and a probability 0 to 1 (NA stays NA): a value
 * beyond is a broken file, never one to serve. The rows are the latest of
 * each bond, named by cusip and date. */
static void
check(const char *path, const liq_score_row *s)
{
	char d[16];
	int j;

	if (!(s->score >= 0 && s->score <= 100) && !isnan(s->score)) {
		liq_date_fmt(d, s->date);
		d[10] = '\0';
		liq_die(LIQ_EXIT_DATA, "%s: cusip '%s' on %s: column 'score_pred': "
			"bad score '%g' (want 0 to 100)", path, s->cusip, d,
			s->score);
	}
	for (j = 0; j < 3; j++)
		if (!(s->p[j] >= 0 && s->p[j] <= 1) && !isnan(s->p[j])) {
			liq_date_fmt(d, s->date);
			d[10] = '\0';
			liq_die(LIQ_EXIT_DATA, "%s: cusip '%s' on %s: column '%s': "
				"bad probability '%g' (want 0 to 1)", path,
				s->cusip, d, liq_scores_cols[4 + j].name, s->p[j]);
		}
}

liq_score_table *
liq_score_table_load(const char *path)
{
	liq_score_table *t = liq_xcalloc(1, sizeof *t);
	liq_latest_col c[NVAL];
	liq_latest *L;
	long i;
	int j;

	for (j = 0; j < NVAL; j++) {
		c[j].name = liq_scores_cols[2 + j].name;
		c[j].text = liq_scores_cols[2 + j].text;
		c[j].need = liq_scores_cols[2 + j].need;
	}
	L = liq_latest_read(path, c, NVAL, NULL);
	t->n = (size_t)L->n;
	t->r = liq_xmalloc((t->n ? t->n : 1) * sizeof *t->r);
	for (i = 0; i < L->n; i++) {
		liq_score_row *s = &t->r[i];
		const double *x = L->x + i * NVAL;

		strcpy(s->cusip, L->cusip[i]);
		s->date = L->date[i];
		s->score = x[0];
		strcpy(s->bucket, L->text[i * NVAL + 1]);
		for (j = 0; j < 3; j++)
			s->p[j] = x[2 + j];
		check(path, s);
	}
	liq_latest_free(L);
	return t;
}

const liq_score_row *
liq_score_table_find(const liq_score_table *t, const char *cusip)
{
	/* one row per cusip, sorted by it */
	return t->n ? bsearch(cusip, t->r, t->n, sizeof *t->r, liq_cusip_row_cmp)
		    : NULL;
}

void
liq_score_table_free(liq_score_table *t)
{
	if (!t)
		return;
	free(t->r);
	free(t);
}
