/* steps — steps 1 to 4 of the cleaning and liq_clean_run(), which runs
 * them and step 5 (price-filter.c): records (X, C, Y, W, as-of
 * reversals, dealer sells) find the reports they act on through the
 * matching passes of clean/index.h, keyed on the trade terms or on
 * FINRA's direct link; the screens; the sort into (cusip, date, time). */
#include "clean/clean-internal.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

/* ---- matching: records (X, C, Y, W, reversals, dealer sells) find the
 * reports they act on through a hash of keys ------------------------- */

/* The tags of the keys (the low byte of liq_key.w[0]). */
enum { KEY_TRADE = 1, KEY_LINK, KEY_REV7, KEY_REV6, KEY_DEALER, KEY_PUBLIC,
       KEY_STD_C, KEY_STD_W };

static uint64_t
dbits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof u);
	return u;
}

/* Trade keys: cusip, execution date [and time], price, quantity [, side,
 * contra], and a number (message sequence or control number). The public
 * CSV's keys (KEY_PUBLIC) leave out the contra party and the number. */
static void
key_trade(liq_key *k, const rpt *r, int tag, int64_t num)
{
	int sided = tag != KEY_DEALER;
	unsigned char contra = tag == KEY_PUBLIC ? 0 : (unsigned char)r->contra;
	int timed = tag == KEY_TRADE || tag == KEY_REV7 || tag == KEY_PUBLIC;

	k->w[0] = (uint64_t)r->bond << 32 |
		  (sided ? (uint64_t)(unsigned char)r->side << 16 |
				   (uint64_t)contra << 8
			 : 0) |
		  (uint64_t)tag;
	k->w[1] = (uint64_t)(uint32_t)r->exec_day << 32 |
		  (timed ? (uint32_t)r->exec_tsec : 0xffffffffu);
	k->w[2] = dbits(r->price);
	k->w[3] = dbits(r->qty);
	k->w[4] = (uint64_t)num;
}

/* A direct link: the report of `day` numbered `num` in bond `bond`. */
static void
key_link(liq_key *k, uint32_t bond, int day, int64_t num)
{
	k->w[0] = (uint64_t)bond << 32 | KEY_LINK;
	k->w[1] = (uint64_t)(uint32_t)day;
	k->w[2] = k->w[3] = 0;
	k->w[4] = (uint64_t)num;
}

/* Key of a C or W of the standard table (tag KEY_STD_C or KEY_STD_W) or
 * of a report it may name (number num): its numbers repeat from one
 * dissemination day to the next, and it has no report date, so a C names
 * its report by cusip, execution date and time, price, quantity and
 * number (as Dick-Nielsen's code for the table matches), a W by cusip,
 * execution date and time and number (a W may change the price or the
 * size). */
static void
key_std(liq_key *k, const rpt *r, int tag, int64_t num)
{
	k->w[0] = (uint64_t)r->bond << 32 | (uint64_t)tag;
	k->w[1] = (uint64_t)(uint32_t)r->exec_day << 32 | (uint32_t)r->exec_tsec;
	k->w[2] = tag == KEY_STD_C ? dbits(r->price) : 0;
	k->w[3] = tag == KEY_STD_C ? dbits(r->qty) : 0;
	k->w[4] = (uint64_t)num;
}

/* Report r is removed by step `kind` (counted), because of report link. */
void
liq_clean_remove_as(liq_clean *c, rpt *r, int kind, uint32_t link)
{
	r->why = (uint8_t)kind;
	r->link = link;
	c->count[kind]++;
}

/* A report that an X, C, Y or W can act on. */
static int
is_target(const rpt *r)
{
	return r->why == LIQ_K_KEPT &&
	       (r->st == 'T' || r->st == 'R' || r->st == 'W') &&
	       !(is_pre(r) && (r->asof == 'R' || r->asof == 'X'));
}

/* Key of a post-2012 X/C (num = msg) or Y (num = orig): FINRA's Prior
 * Trade Report Date and Prior Reference Number name the report exactly;
 * otherwise the trade keys and the number, as Dick-Nielsen matches. */
static void
key_post(liq_key *k, const rpt *r, int64_t num)
{
	if (r->prior_day && r->orig >= 0)
		key_link(k, r->bond, r->prior_day, r->orig);
	else
		key_trade(k, r, KEY_TRADE, num);
}

static void
unmatched_as(liq_clean *c, rpt *r, int kind, int u)
{
	r->why = (uint8_t)kind;
	r->flags |= LIQ_CR_UNMATCHED;
	c->count[kind]++;
	c->unmatched[u]++;
}

/* The next record of liq_match p that acts on target t (report i), trying
 * FINRA's direct link first, then the trade keys; LIQ_NONE if none. */
static uint32_t
take_post(liq_match *p, const liq_key *kl, uint64_t hl, const liq_key *kt, uint64_t ht,
	  uint32_t i)
{
	uint32_t j = LIQ_NONE;

	if (p->tags & 1 << KEY_LINK)
		j = liq_match_take(p, kl, hl, i);
	if (j == LIQ_NONE && (p->tags & 1 << KEY_TRADE))
		j = liq_match_take(p, kt, ht, i);
	return j;
}

/* Step 1: post-2012 cancels and corrections (X, C), then reversals (Y),
 * offered the live reports in one scan: a report an X or C takes is no
 * longer there for a Y. Y records of pre-2012 trades that find nothing
 * go on to step 2 (*defer). */
static void
step_post(liq_clean *c, liq_match *defer)
{
	liq_match xc, y;
	unsigned long i, j;
	liq_key k, kl, kt;

	memset(&xc, 0, sizeof xc);
	memset(&y, 0, sizeof y);
	for (j = 0; j < c->nrecs; j++) {
		rpt *r = &c->r[c->recs[j]];
		if (r->st == 'Y') {
			key_post(&k, r, r->orig);
			liq_match_add(&y, c->recs[j], &k);
		} else {
			key_post(&k, r, r->msg);
			liq_match_add(&xc, c->recs[j], &k);
		}
	}
	liq_match_build(&xc);
	liq_match_build(&y);
	for (i = 0; i < c->n && (xc.nrec || y.nrec); i++) {
		rpt *t = &c->r[i];
		uint64_t hl, ht;
		uint32_t x;
		if (!is_target(t))
			continue;
		key_link(&kl, t->bond, t->rpt_day, t->msg);
		key_trade(&kt, t, KEY_TRADE, t->msg);
		hl = liq_key_hash(&kl);
		ht = liq_key_hash(&kt);
		x = take_post(&xc, &kl, hl, &kt, ht, (uint32_t)i);
		if (x != LIQ_NONE) {
			rpt *r = &c->r[xc.rec[x]];
			int kind = r->st == 'C' ? LIQ_K_CORRECTED
						: LIQ_K_CANCELLED;
			liq_clean_remove_as(c, r, kind, (uint32_t)i);
			liq_clean_remove_as(c, t, kind, xc.rec[x]);
			continue;
		}
		x = take_post(&y, &kl, hl, &kt, ht, (uint32_t)i);
		if (x != LIQ_NONE) {
			liq_clean_remove_as(c, &c->r[y.rec[x]], LIQ_K_REVERSED,
				  (uint32_t)i);
			liq_clean_remove_as(c, t, LIQ_K_REVERSED, y.rec[x]);
		}
	}
	for (j = 0; j < xc.nrec; j++) {
		rpt *r = &c->r[xc.rec[j]];
		if (!xc.used[j])
			unmatched_as(c, r, r->st == 'X' ? LIQ_K_CANCELLED
							: LIQ_K_CORRECTED,
				     r->st == 'X' ? LIQ_U_X : LIQ_U_C);
	}
	for (j = 0; j < y.nrec; j++) {
		rpt *r = &c->r[y.rec[j]];
		if (y.used[j])
			continue;
		if (!r->prior_day && r->exec_day < post_day)
			liq_match_add(defer, y.rec[j], &y.rkey[j]);
		else
			unmatched_as(c, r, LIQ_K_REVERSED, LIQ_U_Y);
	}
	liq_match_free(&xc);
	liq_match_free(&y);
}

/* Step 1 for the public CSV, which has no reference numbers: a Cancel
 * (X) or Correction (R) acts on the T report with its cusip, execution
 * date and time, price, quantity and side, the k-th record of a key on
 * the k-th report (input order). A Cancel removes the report and itself;
 * a Correction replaces the report: it carries the trade's values as
 * corrected, and the report goes. Records that match nothing are
 * counted: a Cancel is dropped, a Correction kept as the trade. */
static void
step_public(liq_clean *c)
{
	liq_match p;
	unsigned long i, j;
	liq_key k;

	memset(&p, 0, sizeof p);
	for (j = 0; j < c->npub; j++) {
		key_trade(&k, &c->r[c->pub[j]], KEY_PUBLIC, 0);
		liq_match_add(&p, c->pub[j], &k);
	}
	liq_match_build(&p);
	for (i = 0; i < c->n; i++) {
		rpt *t = &c->r[i];
		uint32_t x;
		if (!is_public(t) || t->st != 'T' || t->why != LIQ_K_KEPT)
			continue;
		key_trade(&k, t, KEY_PUBLIC, 0);
		x = liq_match_take(&p, &k, liq_key_hash(&k), (uint32_t)i);
		if (x == LIQ_NONE)
			continue;
		if (c->r[p.rec[x]].st == 'X') {
			liq_clean_remove_as(c, &c->r[p.rec[x]], LIQ_K_CANCELLED,
					    (uint32_t)i);
			liq_clean_remove_as(c, t, LIQ_K_CANCELLED, p.rec[x]);
		} else {
			c->r[p.rec[x]].link = (uint32_t)i; /* it stays */
			liq_clean_remove_as(c, t, LIQ_K_CORRECTED, p.rec[x]);
		}
	}
	for (j = 0; j < p.nrec; j++) {
		rpt *r = &c->r[p.rec[j]];
		if (p.used[j])
			continue;
		if (r->st == 'X')
			unmatched_as(c, r, LIQ_K_CANCELLED, LIQ_U_PUB_X);
		else
			c->unmatched[LIQ_U_PUB_R]++; /* kept as the trade */
	}
	liq_match_free(&p);
}

/* Order of reversal matching: report date and time (7 keys); execution
 * time first (6 keys), as WRDS's code numbers its sequences. */
static const liq_clean *sort_c;
static int sort_by_time;

static int
cmp_rev(const void *a, const void *b)
{
	const rpt *x = &sort_c->r[*(const uint32_t *)a];
	const rpt *y = &sort_c->r[*(const uint32_t *)b];

	if (sort_by_time && x->exec_tsec != y->exec_tsec)
		return x->exec_tsec < y->exec_tsec ? -1 : 1;
	if (x->rpt_day != y->rpt_day)
		return x->rpt_day < y->rpt_day ? -1 : 1;
	if (x->rpt_tsec != y->rpt_tsec)
		return x->rpt_tsec < y->rpt_tsec ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/* A pre-2012 trade an as-of reversal can remove. */
static int
is_rev_target(const rpt *r)
{
	return r->why == LIQ_K_KEPT && is_pre(r) &&
	       (r->st == 'T' || r->st == 'W') && r->asof != 'R' &&
	       r->asof != 'X';
}

/* Match reversal records `recs` (report indices) on 7 or 6 keys; returns
 * the ones left unmatched. */
static void
pair_reversals(liq_clean *c, const uint32_t *recs, unsigned long nrec, int tag,
	       uint32_t **left, unsigned long *nleft)
{
	liq_match p;
	uint32_t *rs = liq_xmalloc((nrec + 1) * sizeof *rs), *cand = NULL;
	unsigned long i, j, ncand = 0, ccap = 0;
	liq_key k;

	if (nrec)
		memcpy(rs, recs, nrec * sizeof *rs);
	sort_c = c;
	sort_by_time = tag == KEY_REV6;
	if (nrec)
		qsort(rs, nrec, sizeof *rs, cmp_rev);
	memset(&p, 0, sizeof p);
	for (j = 0; j < nrec; j++) {
		key_trade(&k, &c->r[rs[j]], tag, 0);
		liq_match_add(&p, rs[j], &k);
	}
	liq_match_build(&p);
	for (i = 0; i < c->n && p.nrec; i++) {
		if (!is_rev_target(&c->r[i]))
			continue;
		key_trade(&k, &c->r[i], tag, 0);
		if (liq_match_find(&p, &k, liq_key_hash(&k))) {
			liq_grow(&cand, &ccap, ncand + 1, sizeof *cand);
			cand[ncand++] = (uint32_t)i;
		}
	}
	if (ncand)
		qsort(cand, ncand, sizeof *cand, cmp_rev);
	for (i = 0; i < ncand; i++) {
		uint32_t jj;
		key_trade(&k, &c->r[cand[i]], tag, 0);
		jj = liq_match_take(&p, &k, liq_key_hash(&k), cand[i]);
		if (jj != LIQ_NONE) {
			liq_clean_remove_as(c, &c->r[p.rec[jj]], LIQ_K_PRE_REVERSED,
				  cand[i]);
			liq_clean_remove_as(c, &c->r[cand[i]], LIQ_K_PRE_REVERSED,
				  p.rec[jj]);
		}
	}
	*nleft = 0;
	for (j = 0; j < p.nrec; j++)
		if (!p.used[j])
			rs[(*nleft)++] = p.rec[j];
	*left = rs;
	free(cand);
	liq_match_free(&p);
}

/* Step 2: pre-2012 cancels (C) and corrections (W) through their
 * orig_msg_seq_nb on the same report date (in the standard table, which
 * has none, by key_std), then as-of reversals. */
static void
step_pre(liq_clean *c, liq_match *defer)
{
	liq_match p;
	unsigned long i, j, nrev = 0, revcap = 0, nleft, nleft2;
	uint32_t *rev = NULL, *left, *left2;
	liq_key k;

	memset(&p, 0, sizeof p);
	for (i = 0; i < c->n; i++) {
		rpt *r = &c->r[i];
		if (!is_pre(r) || (r->st != 'C' && r->st != 'W'))
			continue;
		if (is_standard(r))
			key_std(&k, r, r->st == 'C' ? KEY_STD_C : KEY_STD_W,
				r->orig);
		else
			key_link(&k, r->bond, r->rpt_day, r->orig);
		liq_match_add(&p, (uint32_t)i, &k);
	}
	liq_match_build(&p);
	for (i = 0; i < c->n && p.nrec; i++) {
		rpt *t = &c->r[i];
		if (!is_pre(t) || !is_target(t))
			continue;
		if (is_standard(t)) {
			key_std(&k, t, KEY_STD_C, t->msg);
			j = liq_match_take(&p, &k, liq_key_hash(&k), (uint32_t)i);
			if (j == LIQ_NONE) {
				key_std(&k, t, KEY_STD_W, t->msg);
				j = liq_match_take(&p, &k, liq_key_hash(&k),
						   (uint32_t)i);
			}
		} else {
			key_link(&k, t->bond, t->rpt_day, t->msg);
			j = liq_match_take(&p, &k, liq_key_hash(&k), (uint32_t)i);
		}
		if (j != LIQ_NONE) {
			rpt *x = &c->r[p.rec[j]];
			if (x->st == 'C') {
				liq_clean_remove_as(c, x, LIQ_K_PRE_CANCELLED,
					  (uint32_t)i);
				liq_clean_remove_as(c, t, LIQ_K_PRE_CANCELLED, p.rec[j]);
			} else {
				x->link = (uint32_t)i; /* the W stays */
				liq_clean_remove_as(c, t, LIQ_K_PRE_CORRECTED, p.rec[j]);
			}
		}
	}
	for (j = 0; j < p.nrec; j++) {
		rpt *r = &c->r[p.rec[j]];
		if (p.used[j])
			continue;
		if (r->st == 'C')
			unmatched_as(c, r, LIQ_K_PRE_CANCELLED, LIQ_U_PRE_C);
		else
			c->unmatched[LIQ_U_PRE_W]++; /* kept as the trade */
	}
	liq_match_free(&p);

	for (i = 0; i < c->n; i++) {
		rpt *r = &c->r[i];
		if (r->why == LIQ_K_KEPT && is_pre(r) &&
		    (r->asof == 'R' || r->asof == 'X')) {
			liq_grow(&rev, &revcap, nrev + 1, sizeof *rev);
			rev[nrev++] = (uint32_t)i;
		}
	}
	for (j = 0; j < defer->nrec; j++) {
		liq_grow(&rev, &revcap, nrev + 1, sizeof *rev);
		rev[nrev++] = defer->rec[j];
	}
	if (nrev) {
		pair_reversals(c, rev, nrev, KEY_REV7, &left, &nleft);
		pair_reversals(c, left, nleft, KEY_REV6, &left2, &nleft2);
		for (j = 0; j < nleft2; j++) {
			rpt *r = &c->r[left2[j]];
			unmatched_as(c, r, LIQ_K_PRE_REVERSED,
				     r->st == 'Y' ? LIQ_U_Y : LIQ_U_PRE_R);
		}
		free(left);
		free(left2);
	}
	free(rev);
}

/* Step 3: each dealer buy with a matching dealer sell (cusip, execution
 * date, price, quantity; not the time, which each dealer reports on its
 * own) is dropped; a sell pairs with one buy. */
static void
step_dealer(liq_clean *c)
{
	liq_match p;
	unsigned long i;
	liq_key k;

	memset(&p, 0, sizeof p);
	for (i = 0; i < c->nsell; i++) {
		rpt *r = &c->r[c->dsell[i]];
		if (r->why == LIQ_K_KEPT) {
			key_trade(&k, r, KEY_DEALER, 0);
			liq_match_add(&p, c->dsell[i], &k);
		}
	}
	liq_match_build(&p);
	for (i = 0; i < c->nbuy && p.nrec; i++) {
		rpt *r = &c->r[c->dbuy[i]];
		uint32_t j;
		if (r->why != LIQ_K_KEPT)
			continue;
		key_trade(&k, r, KEY_DEALER, 0);
		j = liq_match_take(&p, &k, liq_key_hash(&k), c->dbuy[i]);
		if (j != LIQ_NONE)
			liq_clean_remove_as(c, r, LIQ_K_DEALER_BUY, p.rec[j]);
	}
	liq_match_free(&p);
}

int
liq_clean_settle_limit(const liq_clean *c, const rpt *r)
{
	return c->o.settle_days >= 0 ? c->o.settle_days
				     : liq_regular_settle(r->exec_day);
}

/* Step 4: the screen that removes report r, in the order of the audit
 * table, or LIQ_K_KEPT. */
static int
screen(const liq_clean *c, const rpt *r)
{
	const liq_clean_opts *o = &c->o;

	if (!o->keep_when_issued && (r->flags & LIQ_REC_WIS))
		return LIQ_K_WHEN_ISSUED;
	if (!o->keep_special_price && (r->flags & LIQ_REC_SPCL))
		return LIQ_K_SPECIAL_PRICE;
	if (!o->keep_settlement && r->sttl > liq_clean_settle_limit(c, r))
		return LIQ_K_SETTLEMENT;
	if (!o->keep_locked_in && (r->flags & LIQ_REC_LOCKED))
		return LIQ_K_LOCKED_IN;
	if (!o->keep_agency && (r->flags & LIQ_REC_AGENCY))
		return LIQ_K_AGENCY;
	if (!o->keep_price_range && !(r->price > 0 && r->price <= o->max_price))
		return LIQ_K_PRICE_RANGE;
	return LIQ_K_KEPT;
}

/* ---- sorting --------------------------------------------------------- */

static const liq_clean *rank_c;

static int
cmp_cusip(const void *a, const void *b)
{
	return strcmp(cusip_of(rank_c, *(const uint32_t *)a),
		      cusip_of(rank_c, *(const uint32_t *)b));
}

/* Step 4, and the reports left in (cusip, execution date, time) order,
 * ties in input order: a stable LSD radix sort of rank << 34 | day << 17
 * | second. */
static void
screen_and_sort(liq_clean *c)
{
	uint32_t *byname = liq_xmalloc((c->bonds.n + 1) * sizeof *byname);
	uint64_t *kv = NULL, *k2;
	uint32_t *idx, *i2;
	unsigned long i, n = c->n, b;
	int shift, k;
	uint64_t maxkey = 0;

	for (b = 0; b < c->bonds.n; b++)
		byname[b] = (uint32_t)b;
	rank_c = c;
	qsort(byname, c->bonds.n, sizeof *byname, cmp_cusip);
	c->rank = liq_xmalloc((c->bonds.n + 1) * sizeof *c->rank);
	for (b = 0; b < c->bonds.n; b++)
		c->rank[byname[b]] = (uint32_t)b;
	free(byname);

	for (k = 1; k < LIQ_K_N; k++)
		n -= c->count[k]; /* the reports steps 1-3 left */
	kv = liq_xmalloc((n + 1) * sizeof *kv);
	k2 = liq_xmalloc((n + 1) * sizeof *k2);
	idx = liq_xmalloc((n + 1) * sizeof *idx);
	i2 = liq_xmalloc((n + 1) * sizeof *i2);
	n = 0;
	for (i = 0; i < c->n; i++) {
		rpt *r = &c->r[i];
		if (r->why != LIQ_K_KEPT)
			continue;
		if ((k = screen(c, r)) != LIQ_K_KEPT) {
			liq_clean_remove_as(c, r, k, LIQ_NONE);
			continue;
		}
		/* dates span at most 1900-2199 (< 2^17 days), times < 2^17 s */
		kv[n] = (uint64_t)c->rank[r->bond] << 34 |
			 (uint64_t)(r->exec_day - c->minday) << 17 |
			 (uint64_t)r->exec_tsec;
		if (kv[n] > maxkey)
			maxkey = kv[n];
		idx[n++] = (uint32_t)i;
	}
	for (shift = 0; shift < 64 && (maxkey >> shift); shift += 11) {
		unsigned long cnt[2048 + 1];
		memset(cnt, 0, sizeof cnt);
		for (i = 0; i < n; i++)
			cnt[(kv[i] >> shift & 2047) + 1]++;
		for (i = 1; i <= 2048; i++)
			cnt[i] += cnt[i - 1];
		for (i = 0; i < n; i++) {
			unsigned long d = cnt[kv[i] >> shift & 2047]++;
			k2[d] = kv[i];
			i2[d] = idx[i];
		}
		{
			uint64_t *tk = kv;
			uint32_t *ti = idx;
			kv = k2;
			k2 = tk;
			idx = i2;
			i2 = ti;
		}
	}
	free(kv);
	free(k2);
	free(i2);
	c->order = idx;
	c->norder = n;
}

void
liq_clean_run(liq_clean *c)
{
	liq_match defer;

	if (c->ran)
		return;
	c->ran = 1;
	memset(&defer, 0, sizeof defer);
	step_post(c, &defer);
	if (c->npub)
		step_public(c);
	if (c->npre || defer.nrec)
		step_pre(c, &defer);
	liq_match_free(&defer);
	if (!c->o.keep_dealer_buys)
		step_dealer(c);
	screen_and_sort(c);
	if (!c->o.keep_price_errors)
		liq_clean_step_prices(c);
	liq_clean_step_riskless(c);
	c->count[LIQ_K_KEPT] = c->norder;
}
