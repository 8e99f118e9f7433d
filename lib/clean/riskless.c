/* riskless — step 6 of the cleaning: the riskless-principal pairs among
 * the clean trades (format/trades.h, liq_trades_riskless: a customer
 * print and a dealer print of the same size in the same bond within 60
 * seconds), flagged in trades.tsv's riskless column and counted in the
 * audit; with --collapse-riskless the dealer print of each pair is
 * removed (kind riskless_leg), leaving the customer print. */
#include "clean/clean-internal.h"

#include "core/diag.h"
#include "format/trades.h"

#include <stdlib.h>

/* One bond's clean trades order[lo..hi) as liq_trades rows, flagged;
 * mate[i - lo] the position in order of row i's partner. */
static void
bond_pairs(liq_clean *c, unsigned long lo, unsigned long hi, liq_trade *t,
	   size_t *mate)
{
	unsigned long i;

	for (i = lo; i < hi; i++) {
		const rpt *r = &c->r[c->order[i]];
		liq_trade *x = &t[i - lo];
		x->day = r->exec_day;
		x->tsec = r->exec_tsec;
		x->bday = 0;
		x->price = r->price;
		x->qty = r->qty;
		x->sign = r->contra == 'D' ? 0 : 1;
		x->capped = (r->flags & LIQ_REC_CAPPED) != 0;
		c->ncustomer += x->sign != 0;
	}
	c->npairs += liq_trades_riskless_mates(t, hi - lo, mate);
	for (i = lo; i < hi; i++) {
		c->rl[i] = (unsigned char)t[i - lo].riskless;
		/* a dealer print of a pair removed as linked to its customer
		 * print */
		if (c->rl[i] == 2 && c->o.collapse_riskless)
			liq_clean_remove_as(c, &c->r[c->order[i]],
					    LIQ_K_RISKLESS,
					    c->order[lo + mate[i - lo]]);
	}
}

void
liq_clean_step_riskless(liq_clean *c)
{
	unsigned long i, j, out, n = c->norder;
	liq_trade *t = NULL;
	size_t *mate = NULL;
	unsigned long cap = 0, mcap = 0;

	c->rl = liq_xcalloc(n + 1, 1);
	for (i = 0; i < n; i = j) {
		uint32_t b = c->r[c->order[i]].bond;
		for (j = i + 1; j < n && c->r[c->order[j]].bond == b; j++)
			;
		liq_grow(&t, &cap, j - i, sizeof *t);
		liq_grow(&mate, &mcap, j - i, sizeof *mate);
		bond_pairs(c, i, j, t, mate);
	}
	free(t);
	free(mate);
	if (!c->o.collapse_riskless)
		return;
	for (i = out = 0; i < n; i++) {
		if (c->rl[i] == 2)
			continue;
		c->order[out] = c->order[i];
		c->rl[out++] = c->rl[i];
	}
	c->norder = out;
}
