/* clean — the cleaner's container (clean/clean.h): the options, the
 * reports as they are added (CUSIPs interned, the records the steps
 * start from noted), the accessors, and the writing of trades.tsv. The
 * steps are in steps.c and price-filter.c, the audit in audit.c. */
#include "clean/clean-internal.h"

#include "format/trades.h"
#include "core/dates.h"
#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

/* clean.h and trace-clean(1) promise 72 bytes a report */
_Static_assert(sizeof(rpt) == 72, "liq_clean_report is 72 bytes");


int
liq_clean_post_day(void)
{
	return post_day;
}

void
liq_clean_defaults(liq_clean_opts *o)
{
	memset(o, 0, sizeof *o);
	o->settle_days = -1;
	o->max_price = 1000;
	o->window = 5;
	o->bounce = 1.0;
}

const char *
liq_clean_kind_name(int k)
{
	static const char *const N[LIQ_K_N] = {
		"clean", "cancelled", "corrected", "reversed", "pre_cancelled",
		"pre_corrected", "pre_reversed", "dealer_buy", "when_issued",
		"special_price", "settlement", "locked_in", "agency",
		"price_range", "price_error", "riskless_leg"
	};
	return k >= 0 && k < LIQ_K_N ? N[k] : "?";
}

liq_clean *
liq_clean_new(const liq_clean_opts *o)
{
	liq_clean *c = liq_xcalloc(1, sizeof *c);

	c->o = *o;
	liq_intern_init(&c->bonds);
	return c;
}

void
liq_clean_free(liq_clean *c)
{
	if (!c)
		return;
	free(c->r);
	liq_intern_free(&c->bonds);
	free(c->fname);
	free(c->fstart);
	free(c->order);
	free(c->rl);
	free(c->rank);
	free(c->recs);
	free(c->dsell);
	free(c->dbuy);
	free(c->pub);
	free(c->pe);
	free(c);
}

void
liq_clean_file(liq_clean *c, const char *name)
{
	liq_grow(&c->fname, &c->fcap, c->nfiles + 1, sizeof *c->fname);
	liq_grow(&c->fstart, &c->fcap2, c->nfiles + 1, sizeof *c->fstart);
	c->fname[c->nfiles] = name;
	c->fstart[c->nfiles] = c->n;
	c->nfiles++;
}

/* The file a report came from. */
const char *
liq_clean_file_of(const liq_clean *c, unsigned long i)
{
	unsigned long lo = 0, hi = c->nfiles;

	if (!c->nfiles)
		return "-";
	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;
		if (c->fstart[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return c->fname[lo];
}

/* ---- adding reports ---------------------------------------------------- */

static void
push(uint32_t **a, unsigned long *n, unsigned long *cap, uint32_t i)
{
	liq_grow(a, cap, *n + 1, sizeof **a);
	(*a)[(*n)++] = i;
}

/* Note report i in the lists the steps start from. */
static void
note(liq_clean *c, const rpt *r, uint32_t i)
{
	if (!i || r->exec_day < c->minday)
		c->minday = r->exec_day;
	if (is_public(r)) {
		/* no reference numbers; one side of inter-dealer trades */
		if (r->st != 'T')
			push(&c->pub, &c->npub, &c->pubcap, i);
		if (r->contra == 'D' && r->st != 'X')
			c->nonesided++; /* trades, not Cancels */
		return;
	}
	if (is_standard(r)) {
		/* one side of each inter-dealer trade: nothing to pair */
		c->npre++;
		if (r->contra == 'D' && r->st != 'C' && r->asof != 'R' &&
		    r->asof != 'X')
			c->nonesided++;
		return;
	}
	if (is_pre(r))
		c->npre++;
	else if (r->st == 'X' || r->st == 'C' || r->st == 'Y')
		push(&c->recs, &c->nrecs, &c->reccap, i);
	if (r->contra == 'D' && r->side == 'S')
		push(&c->dsell, &c->nsell, &c->sellcap, i);
	else if (r->contra == 'D')
		push(&c->dbuy, &c->nbuy, &c->buycap, i);
}

void
liq_clean_add(liq_clean *c, const liq_trace_rec *t)
{
	rpt *r;
	int standard = t->prior_day == LIQ_PRIOR_STANDARD;
	int pre = t->rpt_day < post_day || standard;

	/* the public CSV (no reference numbers): T, Cancel (X), Correction
	 * (R), whatever the date; the standard table T, C or W */
	const char *vocab = t->msg < 0 ? "TXR" : pre ? "TCW" : "TXCRY";

	if (!t->st || !strchr(vocab, t->st)) {
		char d[11];
		liq_date_fmt(d, t->rpt_day);
		liq_die_at(LIQ_EXIT_DATA, liq_clean_file_of(c, c->n), t->line,
			   "trade status '%c' on a report of %s: %s", t->st, d,
			   standard ? "WRDS's standard TRACE reports are T, C "
				      "or W"
			   : pre ? "before 2012-02-06 TRACE reports are T, C or W"
				 : "from 2012-02-06 TRACE reports are T, X, C, R "
				   "or Y");
	}
	if (c->n >= LIQ_NONE - 1)
		liq_die(LIQ_EXIT_DATA, "more than %lu reports",
			(unsigned long)LIQ_NONE - 1);
	liq_grow(&c->r, &c->cap, c->n + 1, sizeof *c->r);
	r = &c->r[c->n++];
	r->price = t->price == 0 ? 0 : t->price; /* no -0 */
	r->qty = t->qty == 0 ? 0 : t->qty;
	r->msg = t->msg;
	r->orig = t->orig;
	r->bond = liq_intern_add(&c->bonds, t->cusip);
	r->line = (uint32_t)t->line;
	r->link = LIQ_NONE;
	r->exec_day = t->exec_day;
	r->rpt_day = t->rpt_day;
	r->prior_day = t->prior_day;
	r->exec_tsec = t->exec_tsec;
	r->rpt_tsec = t->rpt_tsec;
	r->sttl = (int16_t)(t->sttl > 9999 ? 9999 : t->sttl);
	r->st = t->st;
	r->asof = t->asof;
	r->side = t->side;
	r->contra = t->contra;
	r->flags = t->flags;
	r->why = LIQ_K_KEPT;
	c->ncapped += (t->flags & LIQ_REC_CAPPED) != 0;
	note(c, r, (uint32_t)(c->n - 1));
}

size_t
liq_clean_size(const liq_clean *c)
{
	return c->n;
}

const liq_clean_report *
liq_clean_at(const liq_clean *c, size_t i)
{
	return &c->r[i];
}

unsigned long
liq_clean_count(const liq_clean *c, int kind)
{
	return c->count[kind];
}

unsigned long
liq_clean_unmatched(const liq_clean *c, int u)
{
	return c->unmatched[u];
}

void
liq_clean_crlf(liq_clean *c, unsigned long lines)
{
	c->ncrlf += lines;
}

unsigned long
liq_clean_crlf_lines(const liq_clean *c)
{
	return c->ncrlf;
}

unsigned long
liq_clean_one_sided(const liq_clean *c)
{
	return c->nonesided;
}

unsigned long
liq_clean_capped(const liq_clean *c)
{
	return c->ncapped;
}

unsigned long
liq_clean_riskless_pairs(const liq_clean *c)
{
	return c->npairs;
}

unsigned long
liq_clean_customer_prints(const liq_clean *c)
{
	return c->ncustomer;
}

/* ---- output ------------------------------------------------------------ */

void
liq_clean_write(const liq_clean *c, FILE *fp)
{
	liq_trades_out w;
	unsigned long i;

	liq_trades_out_begin(&w, fp);
	for (i = 0; i < c->norder; i++) {
		const rpt *r = &c->r[c->order[i]];
		liq_trade t;
		if (i + AHEAD < c->norder)
			__builtin_prefetch(&c->r[c->order[i + AHEAD]]);
		t.day = r->exec_day;
		t.tsec = r->exec_tsec;
		t.qty = r->qty;
		/* the dealer reports its own side: a dealer sale is a
		 * customer buy */
		t.sign = r->contra == 'D' ? 0 : r->side == 'S' ? 1 : -1;
		t.capped = (r->flags & LIQ_REC_CAPPED) != 0;
		t.riskless = (signed char)c->rl[i];
		liq_trades_out_row(&w, cusip_of(c, r->bond), &t, r->price);
	}
	liq_trades_out_end(&w);
}
