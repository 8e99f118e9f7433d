/* pretrade — the pre-trade cost (liq(7), COST MODEL) for one bond and
 * size, its 90% interval, the days it takes, and the two inverse queries.
 * pretrade(1) and the HTTP server call these same functions; the tables
 * they read are format/impact's (impact.tsv, the cost model) and
 * format/scores' (scores.tsv).
 *
 *     cost = h + alpha sigma (q / ADV)^beta            (bps of par)
 *
 * The 90% interval combines the residual spread of the fit (its 5% and
 * 95% quantiles, resid_lo and resid_hi: how far a single trade's cost
 * falls from its expectation) with the uncertainty of the expectation
 * itself, sd_p = sqrt(g' C g), g = (1, MI, MI log(q/ADV)) the gradient of
 * the cost in (h, log alpha, beta), C their covariance, MI the impact:
 *
 *     lo = cost - sqrt(resid_lo^2 + (1.645 sd_p)^2)
 *     hi = cost + sqrt(resid_hi^2 + (1.645 sd_p)^2)
 *
 * (1.645 here is the normal's 95% point, 1.6448536269514722 in the code).
 * exec_days = q / (participation ADV).
 *
 *     liq_impact_table *t = liq_impact_table_load("impact.tsv", 0);
 *     const liq_cost_model *m = liq_impact_table_find(t, "037833AK6");
 *     liq_cost c;
 *     if (m && m->ok) liq_pretrade_cost(m, 2e6, LIQ_PARTICIPATION, &c);
 *     liq_impact_table_free(t);
 */
#ifndef LIQ_PRETRADE_H
#define LIQ_PRETRADE_H

#include "format/impact.h"

#include <stddef.h>

/* Default share of ADV one can trade a day without dominating the flow. */
#define LIQ_PARTICIPATION 0.1

typedef struct liq_cost {
	double half_spread_bps, impact_bps, cost_bps;
	double cost_lo_bps, cost_hi_bps;   /* the 90% interval */
	double cost_usd;                   /* cost_bps of the par traded */
	double exec_days;
} liq_cost;

/* Cost of trading size_usd of par (> 0) at the given participation
 * (share of ADV a day, > 0). */
void liq_pretrade_cost(const liq_cost_model *m, double size_usd,
		       double participation, liq_cost *out);

/* The largest size ($ par) whose expected cost is at most target_bps: the
 * inverse of the cost curve, ADV ((target - h) / (alpha sigma))^(1/beta);
 * 0 when the target is at or below the half spread. */
double liq_pretrade_size_for_cost(const liq_cost_model *m, double target_bps);

/* The size ($ par) that takes `days` days at the participation rate. */
double liq_pretrade_size_for_days(const liq_cost_model *m, double days,
				  double participation);

/* ---- one query ------------------------------------------------------- */

/* A query of pretrade(1) or liqserve's /pretrade: size_mm is NaN when the
 * query had no usable number (size_text says what it had); target_bps and
 * days are NaN when the inverse query is not asked; amount_usd is the
 * bond's par outstanding (bonds.tsv's amount_out), NaN or 0 when unknown:
 * a size above it is a bad_size. */
typedef struct liq_pt_query {
	const char *cusip, *size_text, *side;
	double size_mm, target_bps, days, participation;
	double amount_usd;
} liq_pt_query;

/* Its answer: status is "ok" or why not (bad_size, bad_side,
 * unknown_cusip, no_fit, below_half_spread; a later check wins), msg the
 * sentence for a warning or an error ("" when ok), size_usd the query's
 * size or the inverse query's answer, cost NaN unless ok. */
typedef struct liq_pt_answer {
	const char *status;
	char msg[256];
	double size_usd;
	liq_cost cost;
} liq_pt_answer;

/* Answer q with m (NULL: the cusip is not in the table `table`, a name
 * for the message). The one implementation both front ends use. */
void liq_pretrade_answer(const liq_cost_model *m, const char *table,
			 const liq_pt_query *q, liq_pt_answer *a);

/* ---- tables ---------------------------------------------------------- */

#endif
