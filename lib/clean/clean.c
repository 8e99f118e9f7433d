#include "clean/clean.h"

#include "format/trades.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/tsv.h"
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef liq_clean_report rpt;

/* clean.h and trace-clean(1) promise 72 bytes a report */
_Static_assert(sizeof(rpt) == 72, "liq_clean_report is 72 bytes");

struct liq_clean {
	liq_clean_opts o;
	rpt *r;
	unsigned long n, cap;
	/* interned CUSIPs: text in one arena, open-addressing table */
	char *arena;
	unsigned long alen, acap;
	uint32_t *boff;          /* arena offset of bond i */
	unsigned long nb, bcap;
	uint32_t *btab;
	size_t bmask;
	/* input files: name and first report */
	const char **fname;
	unsigned long *fstart;
	unsigned long nfiles, fcap, fcap2;
	/* reports the steps start from, noted as they are added, so that
	 * the steps need not scan every report */
	uint32_t *recs;          /* post-2012 X, C and Y records */
	unsigned long nrecs, reccap;
	uint32_t *dsell, *dbuy;  /* dealer sells and buys */
	unsigned long nsell, sellcap, nbuy, buycap;
	unsigned long npre;      /* pre-2012 reports */
	int minday;              /* earliest execution date */
	/* results */
	unsigned long count[LIQ_K_N];
	unsigned long unmatched[LIQ_U_N];
	uint32_t *order;         /* clean trades, output order */
	unsigned long norder;
	uint32_t *rank;          /* rank of each bond by CUSIP */
	struct pe {              /* price errors: report and reference */
		uint32_t idx;
		double ref;
	} *pe;
	unsigned long npe, pecap;
	int ran;
};

/* 2012-02-06, the first report date of the post-2012 vocabulary, in days
 * since 1970-01-01 (t-clean checks it against liq_date_from_ymd). */
enum { post_day = 15376 };

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
		"price_range", "price_error"
	};
	return k >= 0 && k < LIQ_K_N ? N[k] : "?";
}

liq_clean *
liq_clean_new(const liq_clean_opts *o)
{
	liq_clean *c = liq_xcalloc(1, sizeof *c);

	c->o = *o;
	c->bmask = 1023;
	c->btab = liq_xmalloc((c->bmask + 1) * sizeof *c->btab);
	memset(c->btab, 0xff, (c->bmask + 1) * sizeof *c->btab);
	return c;
}

void
liq_clean_free(liq_clean *c)
{
	if (!c)
		return;
	free(c->r);
	free(c->arena);
	free(c->boff);
	free(c->btab);
	free(c->fname);
	free(c->fstart);
	free(c->order);
	free(c->rank);
	free(c->recs);
	free(c->dsell);
	free(c->dbuy);
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
static const char *
file_of(const liq_clean *c, unsigned long i)
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

/* ---- CUSIPs ------------------------------------------------------------ */

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t
str_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return mix(h);
}

static const char *
cusip_of(const liq_clean *c, uint32_t b)
{
	return c->arena + c->boff[b];
}

static void
btab_grow(liq_clean *c)
{
	size_t cap = (c->bmask + 1) * 2, i;
	uint32_t *t = liq_xmalloc(cap * sizeof *t);

	memset(t, 0xff, cap * sizeof *t);
	for (i = 0; i < c->nb; i++) {
		const char *s = cusip_of(c, (uint32_t)i);
		size_t h = (size_t)str_hash(s, strlen(s)) & (cap - 1);
		while (t[h] != NONE)
			h = (h + 1) & (cap - 1);
		t[h] = (uint32_t)i;
	}
	free(c->btab);
	c->btab = t;
	c->bmask = cap - 1;
}

static uint32_t
intern(liq_clean *c, const char *s)
{
	size_t n = strlen(s), h = (size_t)str_hash(s, n) & c->bmask;

	for (;; h = (h + 1) & c->bmask) {
		uint32_t b = c->btab[h];
		if (b == NONE)
			break;
		if (strcmp(cusip_of(c, b), s) == 0)
			return b;
	}
	liq_grow(&c->arena, &c->acap, c->alen + n + 1, 1);
	memcpy(c->arena + c->alen, s, n + 1);
	liq_grow(&c->boff, &c->bcap, c->nb + 1, sizeof *c->boff);
	c->boff[c->nb] = (uint32_t)c->alen;
	c->alen += n + 1;
	c->btab[h] = (uint32_t)c->nb;
	if (++c->nb * 2 > c->bmask)
		btab_grow(c);
	return (uint32_t)(c->nb - 1);
}

/* ---- adding reports ---------------------------------------------------- */

static int
is_pre(const rpt *r)
{
	return r->rpt_day < post_day;
}

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
	int pre = t->rpt_day < post_day;

	if (!t->st || !strchr(pre ? "TCW" : "TXCRY", t->st)) {
		char d[11];
		liq_date_fmt(d, t->rpt_day);
		liq_die_at(LIQ_EXIT_DATA, file_of(c, c->n), t->line,
			   "trade status '%c' on a report of %s: %s", t->st, d,
			   pre ? "before 2012-02-06 TRACE reports are T, C or W"
			       : "from 2012-02-06 TRACE reports are T, X, C, R "
				 "or Y");
	}
	if (c->n >= NONE - 1)
		liq_die(LIQ_EXIT_DATA, "more than %lu reports",
			(unsigned long)NONE - 1);
	liq_grow(&c->r, &c->cap, c->n + 1, sizeof *c->r);
	r = &c->r[c->n++];
	r->price = t->price == 0 ? 0 : t->price; /* no -0 */
	r->qty = t->qty == 0 ? 0 : t->qty;
	r->msg = t->msg;
	r->orig = t->orig;
	r->bond = intern(c, t->cusip);
	r->line = (uint32_t)t->line;
	r->link = NONE;
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

/* ---- matching: records (X, C, Y, W, reversals, dealer sells) find the
 * reports they act on through a hash of keys ------------------------- */

enum { KEY_TRADE = 1, KEY_LINK, KEY_REV7, KEY_REV6, KEY_DEALER };

typedef struct key {
	uint64_t w[5];
} key;

static uint64_t
dbits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof u);
	return u;
}

/* Trade keys: cusip, execution date [and time], price, quantity [, side,
 * contra], and a number (message sequence or control number). */
static void
key_trade(key *k, const rpt *r, int tag, int64_t num)
{
	int sided = tag != KEY_DEALER;
	int timed = tag == KEY_TRADE || tag == KEY_REV7;

	k->w[0] = (uint64_t)r->bond << 32 |
		  (sided ? (uint64_t)(unsigned char)r->side << 16 |
				   (uint64_t)(unsigned char)r->contra << 8
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
key_link(key *k, uint32_t bond, int day, int64_t num)
{
	k->w[0] = (uint64_t)bond << 32 | KEY_LINK;
	k->w[1] = (uint64_t)(uint32_t)day;
	k->w[2] = k->w[3] = 0;
	k->w[4] = (uint64_t)num;
}

static uint64_t
key_hash(const key *k)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < 5; i++)
		h = mix(h ^ k->w[i]);
	return h;
}

typedef struct slot {
	uint32_t first;  /* position of the first record with this key */
	uint32_t head;   /* next record to pair, NONE when used up */
	uint32_t tail;
} slot;

/* One matching pass. Records are paired with targets in order: the k-th
 * record of a key (in the order added) with the k-th target that has it
 * (in the order offered) -- the sequence-number matching of Dick-Nielsen's
 * reversal step, and first-come pairing everywhere else. */
typedef struct pass {
	uint32_t *rec;
	key *rkey;
	uint32_t *next;
	uint8_t *used;
	unsigned long nrec, cap;
	slot *tab;
	size_t mask;
	uint64_t *bits;  /* one bit per hash value: most targets miss, and
			  * the bitmap (16 bits per record) stays in cache */
	size_t bmask;
	int tags;        /* 1 << tag of every record key */
} pass;

static void
pass_add(pass *p, uint32_t i, const key *k)
{
	if (p->nrec == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->rec = liq_xrealloc(p->rec, p->cap * sizeof *p->rec);
		p->rkey = liq_xrealloc(p->rkey, p->cap * sizeof *p->rkey);
	}
	p->rec[p->nrec] = i;
	p->rkey[p->nrec] = *k;
	p->tags |= 1 << (k->w[0] & 0xff);
	p->nrec++;
}

/* The slot of key k (hash hv), or NULL. */
static slot *
pass_find(const pass *p, const key *k, uint64_t hv)
{
	size_t h;

	if (!p->tab)
		return NULL;
	if (!(p->bits[(hv >> 32 & p->bmask) >> 6] >> (hv >> 32 & 63) & 1))
		return NULL;
	for (h = (size_t)hv & p->mask;; h = (h + 1) & p->mask) {
		slot *s = &p->tab[h];
		if (s->first == NONE)
			return NULL;
		if (memcmp(&p->rkey[s->first], k, sizeof *k) == 0)
			return s;
	}
}

static void
pass_build(pass *p)
{
	size_t cap = 16;
	unsigned long j;

	if (!p->nrec)
		return;
	while (cap < 2 * p->nrec)
		cap *= 2;
	p->mask = cap - 1;
	p->tab = liq_xmalloc(cap * sizeof *p->tab);
	memset(p->tab, 0xff, cap * sizeof *p->tab);
	p->next = liq_xmalloc(p->nrec * sizeof *p->next);
	p->used = liq_xcalloc(p->nrec, 1);
	p->bmask = 8 * cap - 1; /* 16 bits per record or more */
	p->bits = liq_xcalloc(cap / 8, sizeof *p->bits);
	for (j = 0; j < p->nrec; j++) {
		uint64_t hv = key_hash(&p->rkey[j]);
		size_t h = (size_t)hv & p->mask;
		slot *s;
		p->bits[(hv >> 32 & p->bmask) >> 6] |= 1ULL << (hv >> 32 & 63);
		for (;; h = (h + 1) & p->mask) {
			s = &p->tab[h];
			if (s->first == NONE ||
			    memcmp(&p->rkey[s->first], &p->rkey[j],
				   sizeof(key)) == 0)
				break;
		}
		p->next[j] = NONE;
		if (s->first == NONE) {
			s->first = s->head = s->tail = (uint32_t)j;
		} else {
			p->next[s->tail] = (uint32_t)j;
			s->tail = (uint32_t)j;
		}
	}
}

/* The next unused record with key k that is not report `self`; marks it
 * used. Returns its position, or NONE. */
static uint32_t
pass_take(pass *p, const key *k, uint64_t hv, uint32_t self)
{
	slot *s = pass_find(p, k, hv);
	uint32_t j;

	if (!s || s->head == NONE || p->rec[s->head] == self)
		return NONE;
	j = s->head;
	s->head = p->next[j];
	p->used[j] = 1;
	return j;
}

static void
pass_free(pass *p)
{
	free(p->rec);
	free(p->rkey);
	free(p->next);
	free(p->used);
	free(p->tab);
	free(p->bits);
	memset(p, 0, sizeof *p);
}

/* Report r is removed by step `kind` (counted), because of report link. */
static void
remove_as(liq_clean *c, rpt *r, int kind, uint32_t link)
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
key_post(key *k, const rpt *r, int64_t num)
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

/* The next record of pass p that acts on target t (report i), trying
 * FINRA's direct link first, then the trade keys; NONE if none. */
static uint32_t
take_post(pass *p, const key *kl, uint64_t hl, const key *kt, uint64_t ht,
	  uint32_t i)
{
	uint32_t j = NONE;

	if (p->tags & 1 << KEY_LINK)
		j = pass_take(p, kl, hl, i);
	if (j == NONE && (p->tags & 1 << KEY_TRADE))
		j = pass_take(p, kt, ht, i);
	return j;
}

/* Step 1: post-2012 cancels and corrections (X, C), then reversals (Y),
 * offered the live reports in one scan: a report an X or C takes is no
 * longer there for a Y. Y records of pre-2012 trades that find nothing
 * go on to step 2 (*defer). */
static void
step_post(liq_clean *c, pass *defer)
{
	pass xc, y;
	unsigned long i, j;
	key k, kl, kt;

	memset(&xc, 0, sizeof xc);
	memset(&y, 0, sizeof y);
	for (j = 0; j < c->nrecs; j++) {
		rpt *r = &c->r[c->recs[j]];
		if (r->st == 'Y') {
			key_post(&k, r, r->orig);
			pass_add(&y, c->recs[j], &k);
		} else {
			key_post(&k, r, r->msg);
			pass_add(&xc, c->recs[j], &k);
		}
	}
	pass_build(&xc);
	pass_build(&y);
	for (i = 0; i < c->n && (xc.nrec || y.nrec); i++) {
		rpt *t = &c->r[i];
		uint64_t hl, ht;
		uint32_t x;
		if (!is_target(t))
			continue;
		key_link(&kl, t->bond, t->rpt_day, t->msg);
		key_trade(&kt, t, KEY_TRADE, t->msg);
		hl = key_hash(&kl);
		ht = key_hash(&kt);
		x = take_post(&xc, &kl, hl, &kt, ht, (uint32_t)i);
		if (x != NONE) {
			rpt *r = &c->r[xc.rec[x]];
			int kind = r->st == 'C' ? LIQ_K_CORRECTED
						: LIQ_K_CANCELLED;
			remove_as(c, r, kind, (uint32_t)i);
			remove_as(c, t, kind, xc.rec[x]);
			continue;
		}
		x = take_post(&y, &kl, hl, &kt, ht, (uint32_t)i);
		if (x != NONE) {
			remove_as(c, &c->r[y.rec[x]], LIQ_K_REVERSED,
				  (uint32_t)i);
			remove_as(c, t, LIQ_K_REVERSED, y.rec[x]);
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
			pass_add(defer, y.rec[j], &y.rkey[j]);
		else
			unmatched_as(c, r, LIQ_K_REVERSED, LIQ_U_Y);
	}
	pass_free(&xc);
	pass_free(&y);
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
	pass p;
	uint32_t *rs = liq_xmalloc((nrec + 1) * sizeof *rs), *cand = NULL;
	unsigned long i, j, ncand = 0, ccap = 0;
	key k;

	if (nrec)
		memcpy(rs, recs, nrec * sizeof *rs);
	sort_c = c;
	sort_by_time = tag == KEY_REV6;
	if (nrec)
		qsort(rs, nrec, sizeof *rs, cmp_rev);
	memset(&p, 0, sizeof p);
	for (j = 0; j < nrec; j++) {
		key_trade(&k, &c->r[rs[j]], tag, 0);
		pass_add(&p, rs[j], &k);
	}
	pass_build(&p);
	for (i = 0; i < c->n && p.nrec; i++) {
		if (!is_rev_target(&c->r[i]))
			continue;
		key_trade(&k, &c->r[i], tag, 0);
		if (pass_find(&p, &k, key_hash(&k))) {
			liq_grow(&cand, &ccap, ncand + 1, sizeof *cand);
			cand[ncand++] = (uint32_t)i;
		}
	}
	if (ncand)
		qsort(cand, ncand, sizeof *cand, cmp_rev);
	for (i = 0; i < ncand; i++) {
		uint32_t jj;
		key_trade(&k, &c->r[cand[i]], tag, 0);
		jj = pass_take(&p, &k, key_hash(&k), cand[i]);
		if (jj != NONE) {
			remove_as(c, &c->r[p.rec[jj]], LIQ_K_PRE_REVERSED,
				  cand[i]);
			remove_as(c, &c->r[cand[i]], LIQ_K_PRE_REVERSED,
				  p.rec[jj]);
		}
	}
	*nleft = 0;
	for (j = 0; j < p.nrec; j++)
		if (!p.used[j])
			rs[(*nleft)++] = p.rec[j];
	*left = rs;
	free(cand);
	pass_free(&p);
}

/* Step 2: pre-2012 cancels (C) and corrections (W) through their
 * orig_msg_seq_nb on the same report date, then as-of reversals. */
static void
step_pre(liq_clean *c, pass *defer)
{
	pass p;
	unsigned long i, j, nrev = 0, revcap = 0, nleft, nleft2;
	uint32_t *rev = NULL, *left, *left2;
	key k;

	memset(&p, 0, sizeof p);
	for (i = 0; i < c->n; i++) {
		rpt *r = &c->r[i];
		if (is_pre(r) && (r->st == 'C' || r->st == 'W')) {
			key_link(&k, r->bond, r->rpt_day, r->orig);
			pass_add(&p, (uint32_t)i, &k);
		}
	}
	pass_build(&p);
	for (i = 0; i < c->n && p.nrec; i++) {
		rpt *t = &c->r[i];
		if (!is_pre(t) || !is_target(t))
			continue;
		key_link(&k, t->bond, t->rpt_day, t->msg);
		j = pass_take(&p, &k, key_hash(&k), (uint32_t)i);
		if (j != NONE) {
			rpt *x = &c->r[p.rec[j]];
			if (x->st == 'C') {
				remove_as(c, x, LIQ_K_PRE_CANCELLED,
					  (uint32_t)i);
				remove_as(c, t, LIQ_K_PRE_CANCELLED, p.rec[j]);
			} else {
				x->link = (uint32_t)i; /* the W stays */
				remove_as(c, t, LIQ_K_PRE_CORRECTED, p.rec[j]);
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
	pass_free(&p);

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
	pass p;
	unsigned long i;
	key k;

	memset(&p, 0, sizeof p);
	for (i = 0; i < c->nsell; i++) {
		rpt *r = &c->r[c->dsell[i]];
		if (r->why == LIQ_K_KEPT) {
			key_trade(&k, r, KEY_DEALER, 0);
			pass_add(&p, c->dsell[i], &k);
		}
	}
	pass_build(&p);
	for (i = 0; i < c->nbuy && p.nrec; i++) {
		rpt *r = &c->r[c->dbuy[i]];
		uint32_t j;
		if (r->why != LIQ_K_KEPT)
			continue;
		key_trade(&k, r, KEY_DEALER, 0);
		j = pass_take(&p, &k, key_hash(&k), c->dbuy[i]);
		if (j != NONE)
			remove_as(c, r, LIQ_K_DEALER_BUY, p.rec[j]);
	}
	pass_free(&p);
}

static int
settle_limit(const liq_clean *c, const rpt *r)
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
	if (!o->keep_settlement && r->sttl > settle_limit(c, r))
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
	uint32_t *byname = liq_xmalloc((c->nb + 1) * sizeof *byname);
	uint64_t *kv = NULL, *k2;
	uint32_t *idx, *i2;
	unsigned long i, n = c->n, b;
	int shift, k;
	uint64_t maxkey = 0;

	for (b = 0; b < c->nb; b++)
		byname[b] = (uint32_t)b;
	rank_c = c;
	qsort(byname, c->nb, sizeof *byname, cmp_cusip);
	c->rank = liq_xmalloc((c->nb + 1) * sizeof *c->rank);
	for (b = 0; b < c->nb; b++)
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
			remove_as(c, r, k, NONE);
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

/* ---- step 5: price errors ---------------------------------------------- */

/* The power of ten (+-1 or +-2) that ratio x is within a factor of 1.5
 * of, or 0. */
static int
decimal_power(double x)
{
	double l = log10(x);
	double k = nearbyint(l);

	if (k == 0 || fabs(k) > 2 || fabs(l - k) > log10(1.5))
		return 0;
	return (int)k;
}

/* Median of the n prints from q[0]. */
static double
median_of(const double *q, int n)
{
	double v[64];

	memcpy(v, q, (size_t)n * sizeof *v);
	return liq_median(v, (size_t)n);
}

/* How many of q[0..n-1] are below lo, and how many above hi. */
static void
count_outside(const double *q, int n, double lo, double hi, int *below,
	      int *above)
{
	int k;

	*below = *above = 0;
	for (k = 0; k < n; k++) {
		*below += q[k] < lo;
		*above += q[k] > hi;
	}
}

void
liq_price_errors(const double *p, size_t n, int window, double bounce,
		 uint8_t *flag, double *ref)
{
	double f = 1 + bounce;
	size_t i;
	int w = window < 1 ? 1 : window > 64 ? 64 : window;

	for (i = 0; i < n; i++) {
		int nb = (int)(i < (size_t)w ? i : (size_t)w);
		int na = (int)(n - 1 - i < (size_t)w ? n - 1 - i : (size_t)w);
		const double *pb = p + i - nb, *pa = p + i + 1;
		double x = p[i], r = 0;

		flag[i] = 0;
		if (!(x > 0)) {
			/* nothing to compare (kept by --keep-price-range) */
		} else if (nb && na) {
			/* x > f B needs at least half the prints before below
			 * x / f (and so for A, and for x < B / f): count
			 * first, take medians only for the rare candidates */
			int bb, ba, ab, aa;
			count_outside(pb, nb, x / f, x * f, &bb, &ba);
			count_outside(pa, na, x / f, x * f, &ab, &aa);
			if ((2 * bb >= nb && 2 * ab >= na) ||
			    (2 * ba >= nb && 2 * aa >= na)) {
				double B = median_of(pb, nb);
				double A = median_of(pa, na);
				if (x > f * B && x > f * A)
					r = B > A ? B : A; /* the nearer side */
				else if (x * f < B && x * f < A)
					r = B < A ? B : A;
				if (r > 0)
					flag[i] = decimal_power(x / r)
							  ? LIQ_CR_SHIFT
							  : LIQ_CR_BOUNCE;
			}
		} else if (nb || na) {
			/* an end of the series: only a decimal shift shows */
			int m = nb ? nb : na;
			double R = median_of(nb ? pb : pa, m);
			if (R > 0 && decimal_power(x / R) &&
			    (m > 1 ||
			     fabs(log(x / 100)) > fabs(log(R / 100)))) {
				flag[i] = LIQ_CR_SHIFT;
				r = R;
			}
		}
		if (ref)
			ref[i] = flag[i] ? r : 0;
	}
}

static int
cmp_pe(const void *a, const void *b)
{
	uint32_t x = ((const struct pe *)a)->idx;
	uint32_t y = ((const struct pe *)b)->idx;

	return x < y ? -1 : x > y;
}

/* Prefetch distance, in reports, for the passes over the sorted order
 * (which visit the reports in random memory order). */
#define AHEAD 16

static void
step_prices(liq_clean *c)
{
	unsigned long n = c->norder, i = 0, j, k, out = 0;
	double *p = liq_xmalloc((n + 1) * sizeof *p);
	double *ref = liq_xmalloc((n + 1) * sizeof *ref);
	uint32_t *bond = liq_xmalloc((n + 1) * sizeof *bond);
	uint8_t *flag = liq_xmalloc(n + 1);

	for (i = 0; i < n; i++) {
		const rpt *r = &c->r[c->order[i]];
		if (i + AHEAD < n)
			__builtin_prefetch(&c->r[c->order[i + AHEAD]]);
		p[i] = r->price;
		bond[i] = r->bond;
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && bond[j] == bond[i]; j++)
			;
		liq_price_errors(p + i, j - i, c->o.window, c->o.bounce,
				 flag + i, ref + i);
	}
	for (k = 0; k < n; k++) {
		uint32_t x = c->order[k];
		if (!flag[k]) {
			c->order[out++] = x;
			continue;
		}
		remove_as(c, &c->r[x], LIQ_K_PRICE_ERROR, NONE);
		c->r[x].flags |= flag[k];
		liq_grow(&c->pe, &c->pecap, c->npe + 1, sizeof *c->pe);
		c->pe[c->npe].idx = x;
		c->pe[c->npe++].ref = ref[k];
	}
	c->norder = out;
	free(p);
	free(ref);
	free(bond);
	free(flag);
	/* by report, for pe_ref_of() */
	if (c->npe)
		qsort(c->pe, c->npe, sizeof *c->pe, cmp_pe);
}

void
liq_clean_run(liq_clean *c)
{
	pass defer;

	if (c->ran)
		return;
	c->ran = 1;
	memset(&defer, 0, sizeof defer);
	step_post(c, &defer);
	if (c->npre || defer.nrec)
		step_pre(c, &defer);
	pass_free(&defer);
	if (!c->o.keep_dealer_buys)
		step_dealer(c);
	screen_and_sort(c);
	if (!c->o.keep_price_errors)
		step_prices(c);
	c->count[LIQ_K_KEPT] = c->norder;
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
		if (i + AHEAD < c->norder)
			__builtin_prefetch(&c->r[c->order[i + AHEAD]]);
		/* the dealer reports its own side: a dealer sale is a
		 * customer buy */
		liq_trades_out_row(&w, cusip_of(c, r->bond), r->exec_day,
				   r->exec_tsec, r->price, r->qty,
				   r->contra == 'D' ? 0 : r->side == 'S' ? 1 : -1);
	}
	liq_trades_out_end(&w);
}

static double
pe_ref_of(const liq_clean *c, uint32_t i)
{
	unsigned long lo = 0, hi = c->npe;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;
		if (c->pe[mid].idx < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->npe && c->pe[lo].idx == i ? c->pe[lo].ref : 0;
}

static const char *
st_name(const rpt *r)
{
	if (is_pre(r) && (r->asof == 'R' || r->asof == 'X'))
		return r->asof == 'R' ? "as-of R reversal" : "as-of X reversal";
	switch (r->st) {
	case 'X': return "X cancel";
	case 'C': return is_pre(r) ? "C cancel" : "C cancelled correction";
	case 'Y': return "Y reversal";
	case 'W': return "W correction";
	case 'R': return "R correction";
	default: return "T report";
	}
}

/* Why report i was removed, in words. */
static void
detail(const liq_clean *c, uint32_t i, char *buf, size_t sz)
{
	const rpt *r = &c->r[i];
	const rpt *l = r->link != NONE ? &c->r[r->link] : NULL;
	const char *lf = l ? file_of(c, r->link) : "";
	char a[LIQ_NUM_BUFSZ], b[LIQ_NUM_BUFSZ];

	switch (r->why) {
	case LIQ_K_CANCELLED: case LIQ_K_CORRECTED: case LIQ_K_REVERSED:
	case LIQ_K_PRE_CANCELLED: case LIQ_K_PRE_REVERSED:
		if (r->flags & LIQ_CR_UNMATCHED)
			snprintf(buf, sz, "%s that matches no report",
				 st_name(r));
		else if (strchr("XCY", r->st) ||
			 (is_pre(r) && (r->asof == 'R' || r->asof == 'X')))
			snprintf(buf, sz, "%s of %s:%lu", st_name(r), lf,
				 (unsigned long)l->line);
		else
			snprintf(buf, sz, "removed by the %s at %s:%lu",
				 st_name(l), lf, (unsigned long)l->line);
		break;
	case LIQ_K_PRE_CORRECTED:
		snprintf(buf, sz, "replaced by the W correction at %s:%lu", lf,
			 (unsigned long)l->line);
		break;
	case LIQ_K_DEALER_BUY:
		snprintf(buf, sz, "dealer buy matching the dealer sell at "
			 "%s:%lu", lf, (unsigned long)l->line);
		break;
	case LIQ_K_WHEN_ISSUED: snprintf(buf, sz, "when issued"); break;
	case LIQ_K_SPECIAL_PRICE: snprintf(buf, sz, "special price"); break;
	case LIQ_K_SETTLEMENT:
		snprintf(buf, sz, "settles %d settlement days after execution "
			 "(limit %d)", r->sttl, settle_limit(c, r));
		break;
	case LIQ_K_LOCKED_IN: snprintf(buf, sz, "locked-in report"); break;
	case LIQ_K_AGENCY:
		snprintf(buf, sz, "agency customer trade without commission");
		break;
	case LIQ_K_PRICE_RANGE:
		liq_num_fmt(a, c->o.max_price);
		snprintf(buf, sz, "price outside (0, %s]", a);
		break;
	case LIQ_K_PRICE_ERROR:
		liq_num_fmt(a, r->price);
		liq_num_fmt(b, pe_ref_of(c, i));
		snprintf(buf, sz, "%s: %s against a median of %s around it",
			 r->flags & LIQ_CR_SHIFT ? "decimal shift"
						 : "bounce-back",
			 a, b);
		break;
	default: buf[0] = '\0';
	}
}

void
liq_clean_write_rejects(const liq_clean *c, FILE *fp)
{
	static const char *const H[] = { "reason", "detail", "file", "line",
		"cusip_id", "trd_exctn_dt", "trd_exctn_tm", "trd_rpt_dt",
		"trd_rpt_tm", "msg_seq_nb", "orig_msg_seq_nb", "trc_st",
		"asof_cd", "rptd_pr", "entrd_vol_qt", "rpt_side_cd",
		"cntra_mp_id", NULL };
	liq_row w;
	unsigned long i;
	char buf[256], t[9];

	liq_write_header(fp, H);
	liq_row_init(&w);
	for (i = 0; i < c->n; i++) {
		const rpt *r = &c->r[i];
		if (r->why == LIQ_K_KEPT)
			continue;
		liq_row_str(&w, liq_clean_kind_name(r->why));
		detail(c, (uint32_t)i, buf, sizeof buf);
		liq_row_str(&w, buf);
		liq_row_str(&w, file_of(c, i));
		liq_row_long(&w, (long)r->line);
		liq_row_str(&w, cusip_of(c, r->bond));
		liq_row_date(&w, r->exec_day);
		liq_time_fmt(t, r->exec_tsec);
		liq_row_strn(&w, t, 8);
		liq_row_date(&w, r->rpt_day);
		if (r->rpt_tsec >= 0) {
			liq_time_fmt(t, r->rpt_tsec);
			liq_row_strn(&w, t, 8);
		} else {
			liq_row_na(&w);
		}
		/* zero-filled like the raw files, to grep them */
		snprintf(buf, sizeof buf, "%07lld", (long long)r->msg);
		liq_row_str(&w, buf);
		if (r->orig >= 0) {
			snprintf(buf, sizeof buf, "%07lld", (long long)r->orig);
			liq_row_str(&w, buf);
		} else {
			liq_row_na(&w);
		}
		liq_row_strn(&w, &r->st, 1);
		if (r->asof)
			liq_row_strn(&w, &r->asof, 1);
		else
			liq_row_na(&w);
		liq_row_num(&w, r->price);
		liq_row_num(&w, r->qty);
		liq_row_strn(&w, &r->side, 1);
		liq_row_strn(&w, &r->contra, 1);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
}

void
liq_clean_audit(const liq_clean *c, FILE *fp)
{
	static const char STEP[LIQ_K_N] = {
		0, '1', '1', '1', '2', '2', '2', '3', '4', '4', '4', '4', '4',
		'4', '5'
	};
	double n = c->n ? (double)c->n : 1;
	int k;

	fprintf(fp, "%-5s %-14s %12s %8s\n", "step", "kind", "rows", "%");
	fprintf(fp, "%-5s %-14s %12lu %8.2f\n", "in", "reports", c->n,
		c->n ? 100.0 : 0.0);
	for (k = 1; k < LIQ_K_N; k++)
		fprintf(fp, "%-5c %-14s %12lu %8.2f\n", STEP[k],
			liq_clean_kind_name(k), c->count[k],
			100 * c->count[k] / n);
	fprintf(fp, "%-5s %-14s %12lu %8.2f\n", "out", "clean",
		c->count[LIQ_K_KEPT], 100 * c->count[LIQ_K_KEPT] / n);
}

void
liq_clean_warn_unmatched(const liq_clean *c)
{
	static const char *const N[LIQ_U_N] = {
		"X cancel", "C cancelled correction", "Y reversal",
		"pre-2012 C cancel", "pre-2012 W correction",
		"pre-2012 as-of reversal"
	};
	char buf[512];
	size_t len = 0;
	int u, dropped = 0, kept = 0;

	for (u = 0; u < LIQ_U_N; u++) {
		unsigned long m = c->unmatched[u];
		if (!m)
			continue;
		len += (size_t)snprintf(buf + len, sizeof buf - len,
					"%s%lu %s%s", len ? ", " : "", m, N[u],
					m == 1 ? "" : "s");
		if (u == LIQ_U_PRE_W)
			kept = 1;
		else
			dropped = 1;
	}
	if (!len)
		return;
	liq_warn("matched no report: %s (%s%s%s; --rejects lists them)", buf,
		 dropped ? "dropped" : "", dropped && kept ? "; " : "",
		 kept ? "W corrections kept as trades" : "");
}
