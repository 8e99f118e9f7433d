#include "cost/pretrade.h"

#include "core/text.h"

#include <math.h>
#include <stdio.h>
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
	} else if (!inverse && q->amount_usd > 0 && a->size_usd > q->amount_usd) {
		snprintf(a->msg, sizeof a->msg, "bad size '%s' (more than the "
			 "bond's amount outstanding, $%g MM)",
			 liq_quote(v, sizeof v, q->size_text), q->amount_usd / 1e6);
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
