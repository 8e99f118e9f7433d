/* side-files — the simulator's files beside the raw reports: bonds.tsv,
 * macro.tsv, the planted truth per bond and the counts of what each
 * cleaning step must remove (liq(7), DATA CONTRACTS). */
#include "sim/sim-internal.h"

#include "ref/rating.h"
#include "core/dates.h"
#include "core/tsv.h"

#include <math.h>
#include <stdio.h>

void
liq_sim_write_bonds(const liq_sim *s, FILE *fp)
{
	static const char *const H[] = { "cusip", "issuer", "sector", "rating",
		"coupon", "maturity", "issue_date", "amount_out", NULL };
	liq_row w;
	int i;

	liq_row_init(&w);
	liq_write_header(fp, H);
	for (i = 0; i < s->nb; i++) {
		const liq_sim_bond *b = &s->b[i];
		liq_row_str(&w, b->cusip);
		liq_row_str(&w, b->issuer);
		liq_row_str(&w, liq_sim_sector_name(b->sector));
		liq_row_str(&w, liq_rating_name(b->rating));
		liq_row_num(&w, b->coupon);
		liq_row_date(&w, b->maturity);
		liq_row_date(&w, b->issue);
		liq_row_num(&w, b->amount);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
}

void
liq_sim_write_macro(const liq_sim *s, FILE *fp)
{
	static const char *const H[] = { "date", "vix", "cdx_ig_bps", "cdx_hy_bps",
		"ust10y_pct", "lqd_volume", "hyg_volume", NULL };
	liq_row w;
	long k;

	liq_row_init(&w);
	liq_write_header(fp, H);
	for (k = 0; k < s->nd; k++) {
		liq_row_date(&w, liq_bday_date(s->b0 + k));
		liq_row_num(&w, round(s->vix[k] * 100) / 100);
		liq_row_num(&w, round(s->ig[k] * 100) / 100);
		liq_row_num(&w, round(s->hy[k] * 100) / 100);
		liq_row_num(&w, round(s->ust[k] * 1000) / 1000);
		liq_row_num(&w, s->lqd[k]);
		liq_row_num(&w, s->hyg[k]);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
}

void
liq_sim_write_truth(const liq_sim *s, FILE *fp)
{
	static const char *const H[] = { "cusip", "half_spread_bps", "kyle_lambda",
		"alpha", "beta", "sigma_bps", "adv_usd", "liquidity",
		"trades_per_day", "half_spread_trade_bps", "markup_bps", "pressure_k",
		"cost_bps", NULL };
	liq_row w;
	int i;

	liq_row_init(&w);
	liq_write_header(fp, H);
	for (i = 0; i < s->nb; i++) {
		const liq_sim_bond *b = &s->b[i];
		liq_row_str(&w, b->cusip);
		liq_row_num(&w, b->half_spread_bps);
		liq_row_num(&w, b->kyle * s->o.impact_scale);
		liq_row_num(&w, b->alpha * s->o.impact_scale);
		liq_row_num(&w, b->beta);
		liq_row_num(&w, b->sigma_bps);
		liq_row_num(&w, b->adv_usd);
		liq_row_num(&w, b->liquidity);
		liq_row_num(&w, b->trades_per_day);
		liq_row_num(&w, b->half_spread_trade_bps);
		liq_row_num(&w, b->markup * s->o.markup);
		liq_row_num(&w, b->press_k * s->o.pressure);
		liq_row_num(&w, b->cost_bps);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
}

void
liq_sim_write_counts(const liq_sim *s, FILE *fp)
{
	static const char *const H[] = { "kind", "count", NULL };
	const liq_sim_counts *c = &s->c;
	const struct {
		const char *k;
		long v;
	} rows[] = {
		{ "reports", c->reports },
		{ "cancelled", c->cancelled },
		{ "corrected", c->corrected },
		{ "reversed", c->reversed },
		{ "dealer_buy", c->dealer_buy },
		{ "when_issued", c->when_issued },
		{ "special_price", c->special_price },
		{ "settlement", c->settlement },
		{ "price_error", c->price_error },
		{ "clean", c->clean },
		{ "as_of", c->as_of },
		{ "jumps", c->jumps },
	};
	size_t i;

	liq_write_header(fp, H);
	for (i = 0; i < sizeof rows / sizeof *rows; i++)
		fprintf(fp, "%s\t%ld\n", rows[i].k, rows[i].v);
}
