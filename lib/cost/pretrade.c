#include "cost/pretrade.h"
#include "ref/cusip.h"

#include "core/diag.h"
#include "core/text.h"
#include "core/tsv.h"
#include "core/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* two-sided 90%: the 95% quantile of the standard normal */
#define Z95 1.6448536269514722

void
liq_pretrade_cost(const liq_cost_model *m, double size_usd,
		  double participation, liq_cost *out)
{
	double x = size_usd / m->adv_usd, lx = log(x);
	double mi = m->alpha * m->sigma_bps * exp(m->beta * lx);
	double g[3] = { 1, mi, mi * lx }, v = 0, sp, dl, dh, w;
	const double *c = m->c;

	/* g' C g with C stored as its upper triangle */
	v = g[0] * g[0] * c[0] + g[1] * g[1] * c[3] + g[2] * g[2] * c[5] +
	    2 * (g[0] * g[1] * c[1] + g[0] * g[2] * c[2] + g[1] * g[2] * c[4]);
	sp = Z95 * sqrt(v > 0 ? v : 0);
	out->half_spread_bps = m->h;
	out->impact_bps = mi;
	out->cost_bps = m->h + mi;
	/* an unknown residual spread is an unknown interval, not a narrow one */
	dl = isnan(m->resid_lo) ? NAN : fmax(0, -m->resid_lo);
	dh = isnan(m->resid_hi) ? NAN : fmax(0, m->resid_hi);
	w = m->width > 0 ? m->width : 1;
	out->cost_lo_bps = out->cost_bps - w * sqrt(dl * dl + sp * sp);
	out->cost_hi_bps = out->cost_bps + w * sqrt(dh * dh + sp * sp);
	out->cost_usd = out->cost_bps / 1e4 * size_usd;
	out->exec_days = size_usd / (participation * m->adv_usd);
}

double
liq_pretrade_size_for_cost(const liq_cost_model *m, double target_bps)
{
	if (!(target_bps > m->h))
		return 0;
	return m->adv_usd * pow((target_bps - m->h) / (m->alpha * m->sigma_bps),
				1 / m->beta);
}

double
liq_pretrade_size_for_days(const liq_cost_model *m, double days,
			   double participation)
{
	return days * participation * m->adv_usd;
}

/* ---- recalibration ----------------------------------------------------- */

typedef struct recal_pt {
	int date;
	float ratio;
} recal_pt;

int
liq_pretrade_recalibrate(liq_impact_table *T, const char *prints, int as_of,
			 int lookback, double participation, liq_recal *out)
{
	liq_tsv *r = liq_tsv_open(prints);
	recal_pt *pt = NULL;
	unsigned long cap = 0, np = 0, i, j, prune_at = 4096;
	int c_cusip, c_date, c_qty, c_cost, last = 0;
	double *v;
	long n = 0;

	out->k = 1;
	out->n = 0;
	out->from = out->to = 0;
	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want impact-fit's "
			"--prints-out)", prints);
	c_cusip = liq_tsv_need(r, "cusip");
	c_date = liq_tsv_need(r, "date");
	c_qty = liq_tsv_need(r, "qty");
	c_cost = liq_tsv_need(r, "cost_bps");
	/* each print's ratio; without as_of, the window is known only once
	 * the last date is: a print already out of the window of the latest
	 * date so far is passed over, and those kept are dropped as the
	 * window moves past them */
	while (liq_tsv_next(r)) {
		const liq_cost_model *m;
		double cost = liq_tsv_num(r, c_cost), q, d;
		int date = liq_tsv_date(r, c_date);
		liq_cost c;

		if (date > last)
			last = date;
		if (isnan(cost) || (as_of && date > as_of) ||
		    date <= (as_of ? as_of : last) - lookback)
			continue;
		q = liq_tsv_num_req(r, c_qty);
		if (!(q > 0))
			liq_tsv_fail(r, "column 'qty': bad value '%s' (want a "
				     "positive par amount)", liq_tsv_field(r, c_qty));
		m = liq_impact_table_find(T, liq_tsv_field(r, c_cusip));
		if (!m || !m->ok)
			continue;
		liq_pretrade_cost(m, q, participation, &c);
		d = cost >= c.cost_bps ? c.cost_hi_bps - c.cost_bps
				       : c.cost_bps - c.cost_lo_bps;
		if (!(d > 0))
			continue;
		if (!as_of && np >= prune_at) {
			for (i = 0, j = 0; i < np; i++)
				if (pt[i].date > last - lookback)
					pt[j++] = pt[i];
			np = j;
			prune_at = 2 * np + 4096;
		}
		liq_grow(&pt, &cap, np + 1, sizeof *pt);
		pt[np].date = date;
		pt[np].ratio = (float)(fabs(cost - c.cost_bps) / d *
				       (m->width > 0 ? m->width : 1));
		np++;
	}
	liq_tsv_close(r);
	out->to = as_of ? as_of : last;
	out->from = out->to - lookback;
	v = liq_xmalloc((np ? np : 1) * sizeof *v);
	for (i = 0; i < np; i++)
		if (pt[i].date > out->from && pt[i].date <= out->to)
			v[n++] = pt[i].ratio;
	free(pt);
	out->n = n;
	if (n < LIQ_RECAL_MIN) {
		free(v);
		return -1;
	}
	out->k = liq_quantile(v, (size_t)n, 0.9);
	free(v);
	for (i = 0; i < T->n; i++)
		T->m[i].width = out->k;
	return 0;
}

/* ---- one query ------------------------------------------------------- */

void
liq_pretrade_answer(const liq_cost_model *m, const char *table,
		    const liq_pt_query *q, liq_pt_answer *a)
{
	int inverse = !isnan(q->target_bps) || !isnan(q->days);
	char v[64];

	a->status = "ok";
	a->msg[0] = '\0';
	a->size_usd = q->size_mm * 1e6;
	if (!inverse && !(a->size_usd > 0 && isfinite(a->size_usd))) {
		snprintf(a->msg, sizeof a->msg, "bad size '%s' (want $MM of par, "
			 "a positive number)", liq_quote(v, sizeof v, q->size_text));
		a->status = "bad_size";
	}
	if (strcmp(q->side, "B") != 0 && strcmp(q->side, "S") != 0) {
		snprintf(a->msg, sizeof a->msg, "bad side '%s' (want B or S)",
			 liq_quote(v, sizeof v, q->side));
		a->status = "bad_side";
	}
	if (!m) {
		snprintf(a->msg, sizeof a->msg, "unknown cusip '%s' (not in %s)",
			 liq_quote(v, sizeof v, q->cusip), table);
		a->status = "unknown_cusip";
	} else if (!m->ok) {
		snprintf(a->msg, sizeof a->msg, "cusip '%s' has no usable "
			 "parameters in %s", liq_quote(v, sizeof v, q->cusip), table);
		a->status = "no_fit";
	}
	if (inverse && strcmp(a->status, "ok") == 0) {
		a->size_usd = INFINITY;
		if (!isnan(q->target_bps))
			a->size_usd = liq_pretrade_size_for_cost(m, q->target_bps);
		if (!isnan(q->days))
			a->size_usd = fmin(a->size_usd, liq_pretrade_size_for_days(
						   m, q->days, q->participation));
		if (!(a->size_usd > 0)) {
			snprintf(a->msg, sizeof a->msg, "cusip '%s': a target of %g "
				 "bps is not above its half spread, %g bps",
				 liq_quote(v, sizeof v, q->cusip), q->target_bps, m->h);
			a->status = "below_half_spread";
		}
	}
	if (strcmp(a->status, "ok") == 0)
		liq_pretrade_cost(m, a->size_usd, q->participation, &a->cost);
	else
		a->cost.half_spread_bps = a->cost.impact_bps = a->cost.cost_bps =
			a->cost.cost_lo_bps = a->cost.cost_hi_bps =
			a->cost.cost_usd = a->cost.exec_days = NAN;
}

/* The score rows begin with their cusip (char[16]). */
static const void *
find_cusip(const void *rows, size_t n, size_t size, const char *cusip)
{
	return n ? bsearch(cusip, rows, n, size, liq_cusip_row_cmp) : NULL;
}

/* ---- scores ---------------------------------------------------------- */

static int
cmp_score(const void *a, const void *b)
{
	const liq_score_row *x = a, *y = b;
	int c = strcmp(x->cusip, y->cusip);

	return c ? c : (x->date > y->date) - (x->date < y->date);
}

liq_score_table *
liq_score_table_load(const char *path)
{
	liq_tsv *r = liq_tsv_open(path);
	liq_score_table *t = liq_xcalloc(1, sizeof *t);
	unsigned long cap = 0;
	int c_cusip, c_date, c_score, c_bucket, c_p[3], j;
	size_t i, k;

	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)", path);
	c_cusip = liq_tsv_need(r, "cusip");
	c_date = liq_tsv_need(r, "date");
	c_score = liq_tsv_need(r, "score_pred");
	c_bucket = liq_tsv_need(r, "bucket");
	c_p[0] = liq_tsv_col(r, "p_low");
	c_p[1] = liq_tsv_col(r, "p_medium");
	c_p[2] = liq_tsv_col(r, "p_high");
	while (liq_tsv_next(r)) {
		const char *cu = liq_tsv_field(r, c_cusip),
			   *bu = liq_tsv_field(r, c_bucket);
		liq_score_row row, *last = t->n ? &t->r[t->n - 1] : NULL;

		if (!cu[0] || strlen(cu) >= sizeof row.cusip)
			liq_tsv_fail(r, "column 'cusip': bad value '%s'", cu);
		if (strlen(bu) >= sizeof row.bucket)
			liq_tsv_fail(r, "column 'bucket': bad value '%s'", bu);
		strcpy(row.cusip, cu);
		strcpy(row.bucket, bu);
		row.date = liq_tsv_date(r, c_date);
		row.score = liq_tsv_num(r, c_score);
		for (j = 0; j < 3; j++)
			row.p[j] = c_p[j] < 0 ? NAN : liq_tsv_num(r, c_p[j]);
		/* sorted input (the usual case) keeps one row per cusip */
		if (last && strcmp(last->cusip, row.cusip) == 0) {
			if (row.date >= last->date)
				*last = row;
			continue;
		}
		liq_grow(&t->r, &cap, (unsigned long)t->n + 1, sizeof *t->r);
		t->r[t->n++] = row;
	}
	liq_tsv_close(r);
	/* unsorted input: keep each cusip's latest row */
	if (t->n)
		qsort(t->r, t->n, sizeof *t->r, cmp_score);
	for (i = 0, k = 0; i < t->n; i++) {
		if (k > 0 && strcmp(t->r[k - 1].cusip, t->r[i].cusip) == 0)
			t->r[k - 1] = t->r[i];
		else
			t->r[k++] = t->r[i];
	}
	t->n = k;
	return t;
}

const liq_score_row *
liq_score_table_find(const liq_score_table *t, const char *cusip)
{
	/* one row per cusip after loading */
	return find_cusip(t->r, t->n, sizeof *t->r, cusip);
}

void
liq_score_table_free(liq_score_table *t)
{
	if (!t)
		return;
	free(t->r);
	free(t);
}
