/* facts — trace-facts' statistics accumulated one bond at a time into
 * rating class x year cells (facts-internal.h); facts-report.c turns
 * the cells of a group into the facts. */
#include "measure/facts-internal.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/stats.h"
#include "core/tsv.h"
#include "format/trades.h"
#include "ref/rating.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the facts, in output order ----------------------------------- */

const char *const liq_facts_names[] = {
	"trades", "bonds",
	"size_median_usd", "size_share_lt100k", "size_share_100k_1mm",
	"size_share_ge1mm", "size_share_ge5mm", "capped_share",
	"dealer_share", "customer_buy_share", "customer_sell_share",
	"riskless_share",
	"cost_oneway_bps", "cost_oneway_lt100k_bps", "cost_oneway_100k_1mm_bps",
	"cost_oneway_ge1mm_bps", "cost_oneway_ge5mm_bps",
	"cost_buysell_bps", "cost_buysell_lt100k_bps", "cost_buysell_100k_1mm_bps",
	"cost_buysell_ge1mm_bps", "cost_buysell_ge5mm_bps",
	"irc_mean_bps", "irc_median_bps",
	"gamma_daily_mean_pct2", "gamma_daily_median_pct2",
	"gamma_trade_mean_pct2", "gamma_trade_median_pct2",
	"roll_mean_bps", "roll_median_bps", "roll_negcov_share",
	"zero_bday_share", "zero_month_share",
	"itd_median_d", "itd_mean_d",
	"weekend_share", "holiday_share",
	"hour_00_share", "hour_01_share", "hour_02_share", "hour_03_share",
	"hour_04_share", "hour_05_share", "hour_06_share", "hour_07_share",
	"hour_08_share", "hour_09_share", "hour_10_share", "hour_11_share",
	"hour_12_share", "hour_13_share", "hour_14_share", "hour_15_share",
	"hour_16_share", "hour_17_share", "hour_18_share", "hour_19_share",
	"hour_20_share", "hour_21_share", "hour_22_share", "hour_23_share",
	NULL
};

void
liq_facts_vec_push(vec *a, double x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->v = liq_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = x;
}

static size_t
hslot(const hmap *h, double v, int c)
{
	uint64_t k;
	size_t i;

	memcpy(&k, &v, sizeof k);
	k ^= (uint64_t)(unsigned)c * 0x9e3779b97f4a7c15ULL;
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	for (i = (size_t)k & (h->cap - 1);; i = (i + 1) & (h->cap - 1))
		if (h->e[i].cnt == 0 || (h->e[i].v == v && h->e[i].cell == c))
			return i;
}

static void
hadd(hmap *h, double v, int c, long cnt)
{
	size_t i;

	if (2 * (h->n + 1) > h->cap) {
		hmap g;
		size_t j;
		g.cap = h->cap ? 2 * h->cap : 1024;
		g.n = 0;
		g.e = liq_xcalloc(g.cap, sizeof *g.e);
		for (j = 0; j < h->cap; j++)
			if (h->e[j].cnt)
				hadd(&g, h->e[j].v, h->e[j].cell, h->e[j].cnt);
		free(h->e);
		*h = g;
	}
	i = hslot(h, v, c);
	if (h->e[i].cnt == 0) {
		h->e[i].v = v;
		h->e[i].cell = c;
		h->n++;
	}
	h->e[i].cnt += cnt;
}


int
liq_facts_class(int notch)
{
	int b = liq_rating_bucket(notch);

	return b == 0 ? LIQ_FACTS_NR : b <= 3 ? LIQ_FACTS_IG : LIQ_FACTS_HY;
}

const char *
liq_facts_class_name(int cls)
{
	static const char *const names[] = { "IG", "HY", "NR" };

	return cls >= 0 && cls < LIQ_FACTS_NCLASS ? names[cls] : "?";
}

liq_facts *
liq_facts_new(int min_pairs, int by_class)
{
	liq_facts *f = liq_xcalloc(1, sizeof *f);

	f->min_pairs = min_pairs < 2 ? 2 : min_pairs;
	f->by_class = by_class;
	f->c = liq_xcalloc(NCELL, sizeof *f->c);
	return f;
}

void
liq_facts_free(liq_facts *f)
{
	int i;

	if (!f)
		return;
	for (i = 0; i < NCELL; i++) {
		free(f->c[i].irc.v);
		free(f->c[i].gd.v);
		free(f->c[i].gt.v);
		free(f->c[i].roll.v);
	}
	free(f->c);
	free(f->size.e);
	free(f->itd.e);
	free(f->lp);
	free(f->tcell);
	free(f->rl);
	free(f->irt);
	free(f->hol);
	free(f->pairs.v);
	free(f->res_v);
	free(f->res_n);
	free(f->tmp.v);
	free(f->tmph);
	free(f);
}

/* ---- one bond --------------------------------------------------------- */

/* the buckets of a trade's par, as a bit set: none when capped */
static unsigned
buckets(const liq_trade *t)
{
	double q = t->qty;

	if (t->capped)
		return 0;
	if (q < 1e5)
		return 1u << B_LT100K;
	if (q < 1e6)
		return 1u << B_100K_1MM;
	return q < 5e6 ? 1u << B_GE1MM : (1u << B_GE1MM) | (1u << B_GE5MM);
}

/* -cov of the m pairs (x, y) interleaved in p, each about its own mean,
 * over m - 1 (m >= 2) */
static double
neg_cov(const double *p, size_t m)
{
	double mx = 0, my = 0, s = 0;
	size_t i;

	for (i = 0; i < m; i++) {
		mx += p[2 * i];
		my += p[2 * i + 1];
	}
	mx /= (double)m;
	my /= (double)m;
	for (i = 0; i < m; i++)
		s += (p[2 * i] - mx) * (p[2 * i + 1] - my);
	return s == 0 ? 0 : -s / (double)(m - 1);   /* 0, not -0 */
}

static int
cmp_irt(const void *a, const void *b)
{
	const struct irt *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->qty != y->qty)
		return x->qty < y->qty ? -1 : 1;
	return (x->tsec > y->tsec) - (x->tsec < y->tsec);
}

/* The imputed round trips of one business day's trades t[0..n): the
 * trades of one date and par, two or three of them and no other of that
 * par that date, within IRT_SPAN_S of the first. */
static void
day_irt(liq_facts *f, const liq_trade *t, size_t n, cell *c)
{
	size_t i, j;

	if (n < 2)
		return;
	if (n > f->irt_cap) {
		f->irt_cap = 2 * n;
		free(f->irt);
		f->irt = liq_xmalloc(f->irt_cap * sizeof *f->irt);
	}
	for (i = 0; i < n; i++) {
		f->irt[i].day = t[i].day;
		f->irt[i].tsec = t[i].tsec;
		f->irt[i].qty = t[i].qty;
		f->irt[i].price = t[i].price;
	}
	if (n <= 16) {          /* most days: insertion sort */
		for (i = 1; i < n; i++) {
			struct irt x = f->irt[i];
			for (j = i; j > 0 && cmp_irt(&f->irt[j - 1], &x) > 0; j--)
				f->irt[j] = f->irt[j - 1];
			f->irt[j] = x;
		}
	} else
		qsort(f->irt, n, sizeof *f->irt, cmp_irt);
	for (i = 0; i < n; i = j) {
		double lo, hi;
		size_t k;
		for (j = i + 1; j < n && f->irt[j].day == f->irt[i].day &&
				f->irt[j].qty == f->irt[i].qty; j++)
			;
		if (j - i < 2 || j - i > 3 ||
		    f->irt[j - 1].tsec - f->irt[i].tsec > IRT_SPAN_S)
			continue;
		lo = hi = f->irt[i].price;
		for (k = i + 1; k < j; k++) {
			if (f->irt[k].price < lo)
				lo = f->irt[k].price;
			if (f->irt[k].price > hi)
				hi = f->irt[k].price;
		}
		liq_facts_vec_push(&c->irc, 1e4 * (hi - lo) / hi);
	}
}

/* Customer costs of one business day's trades t[0..n): one-way against
 * the day's volume-weighted inter-dealer price, and the buy-minus-sell
 * spread of the day's customer buys and sells. */
static void
day_costs(const liq_trade *t, size_t n, cell *c)
{
	double pq = 0, q = 0, ref;
	double bsum[1 + NBUCKET] = { 0 }, ssum[1 + NBUCKET] = { 0 };
	long bn[1 + NBUCKET] = { 0 }, sn[1 + NBUCKET] = { 0 };
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		if (t[i].sign == 0) {
			pq += t[i].price * t[i].qty;
			q += t[i].qty;
		}
	ref = q > 0 ? pq / q : NAN;
	for (i = 0; i < n; i++) {
		unsigned bk;
		if (t[i].sign == 0)
			continue;
		bk = buckets(&t[i]) << 1 | 1u;   /* bit 0: every trade */
		for (k = 0; k < 1 + NBUCKET; k++) {
			if (!(bk & (1u << k)))
				continue;
			if (q > 0) {
				c->cost_sum[k] += t[i].sign * (t[i].price - ref) /
						  ref * 1e4;
				c->cost_n[k]++;
			}
			if (t[i].sign > 0) {
				bsum[k] += t[i].price;
				bn[k]++;
			} else {
				ssum[k] += t[i].price;
				sn[k]++;
			}
		}
	}
	for (k = 0; k < 1 + NBUCKET; k++)
		if (bn[k] && sn[k]) {
			double b = bsum[k] / (double)bn[k], s = ssum[k] / (double)sn[k];
			c->bs_sum[k] += 1e4 * (b - s) / (b + s);
			c->bs_n[k]++;
		}
}

/* Gamma and Roll of one bond-month: trades t[0..n) with log prices
 * lp[0..n); days are the business days of the trades. */
static void
month_gamma(liq_facts *f, const liq_trade *t, const double *lp, size_t n,
	    cell *c)
{
	size_t i, m, last, prev, prev2;
	double g;

	/* trade by trade: pairs of consecutive log price changes */
	f->pairs.n = 0;
	for (i = 2; i < n; i++) {
		liq_facts_vec_push(&f->pairs, lp[i] - lp[i - 1]);
		liq_facts_vec_push(&f->pairs, lp[i - 1] - lp[i - 2]);
	}
	m = f->pairs.n / 2;
	if (m >= (size_t)f->min_pairs) {
		g = neg_cov(f->pairs.v, m);
		liq_facts_vec_push(&c->gt, 1e4 * g);
		c->roll_elig++;
		if (g > 0)
			liq_facts_vec_push(&c->roll, 1e4 * 2 * sqrt(g));
	}
	/* daily: the last price of each business day, changes between
	 * consecutive business days */
	f->pairs.n = 0;
	prev = prev2 = (size_t)-1;
	for (i = 0; i < n; i = last + 1) {
		for (last = i; last + 1 < n && t[last + 1].bday == t[i].bday; last++)
			;
		if (prev != (size_t)-1 && prev2 != (size_t)-1 &&
		    t[prev].bday == t[i].bday - 1 &&
		    t[prev2].bday == t[i].bday - 2) {
			liq_facts_vec_push(&f->pairs, lp[last] - lp[prev]);
			liq_facts_vec_push(&f->pairs, lp[prev] - lp[prev2]);
		}
		prev2 = prev;
		prev = last;
	}
	m = f->pairs.n / 2;
	if (m >= (size_t)f->min_pairs)
		liq_facts_vec_push(&c->gd, 1e4 * neg_cov(f->pairs.v, m));
}

/* 1 if day is a bond-market holiday (core/calendar), remembered */
static int
holiday(liq_facts *f, int day)
{
	long i = (long)day - DAY0;

	if (i < 0 || i >= NDAY)
		return liq_holiday(day) != NULL;
	if (!f->hol)
		f->hol = liq_xcalloc(NDAY, 1);
	if (!f->hol[i])
		f->hol[i] = (unsigned char)(1 + (liq_holiday(day) != NULL));
	return f->hol[i] - 1;
}

void
liq_facts_bond(liq_facts *f, const liq_trade *t, size_t n, int cls)
{
	cell *base = f->c + (size_t)cls * NYEAR;
	size_t i, j, k, mstart = 0;
	long bf, bl, prev_bday = -1;
	int y, m, d, yf, mf, yl, ml, cur_month = -1;
	int hday = -1, hol = 0;

	if (n == 0)
		return;
	f->bond_id++;
	f->class_bonds[cls]++;
	if (n > f->cap) {
		f->cap = 2 * n;
		free(f->lp);
		free(f->rl);
		free(f->tcell);
		f->lp = liq_xmalloc(f->cap * sizeof *f->lp);
		f->tcell = liq_xmalloc(f->cap * sizeof *f->tcell);
		f->rl = liq_xmalloc(f->cap * sizeof *f->rl);
	}
	for (i = 0; i < n; i++)
		f->lp[i] = log(t[i].price);

	/* business days, then months within them */
	for (i = 0; i < n; i = j) {
		int date = liq_bday_date(t[i].bday);
		cell *c;
		int yi;

		liq_date_to_ymd(date, &y, &m, &d);
		yi = y - YEAR0;
		c = base + yi;
		for (j = i + 1; j < n && t[j].bday == t[i].bday; j++)
			;
		if (c->last_bond != f->bond_id) {
			c->last_bond = f->bond_id;
			c->bonds++;
		}
		c->bdays_traded++;
		if (prev_bday >= 0) {
			double gap = (double)(t[i].bday - prev_bday);
			c->itd_n++;
			c->itd_sum += gap;
			hadd(&f->itd, gap, (int)(c - f->c), 1);
		}
		prev_bday = t[i].bday;
		/* the month of this day: close the previous one */
		if (y * 12 + m - 1 != cur_month) {
			if (cur_month >= 0)
				month_gamma(f, t + mstart, f->lp + mstart,
					    i - mstart,
					    base + (cur_month / 12 - YEAR0));
			cur_month = y * 12 + m - 1;
			mstart = i;
			c->months_traded++;
		}
		for (k = i; k < j; k++) {
			const liq_trade *x = t + k;
			unsigned bk = buckets(x);
			int q;

			f->tcell[k] = (int)(c - f->c);
			c->trades++;
			for (q = 0; q < NBUCKET; q++)
				if (bk & (1u << q))
					c->size_n[q]++;
			if (x->capped)
				c->capped++;
			else
				hadd(&f->size, x->qty, (int)(c - f->c), 1);
			if (x->sign == 0)
				c->dealer++;
			else {
				c->customer++;
				if (x->sign > 0)
					c->buys++;
				else
					c->sells++;
			}
			c->hour[x->tsec / 3600]++;
			if (x->day != hday) {
				hday = x->day;
				hol = holiday(f, x->day);
			}
			if (!liq_is_bday(x->day))
				c->weekend++;
			else if (hol)
				c->holiday++;
		}
		day_costs(t + i, j - i, c);
		day_irt(f, t + i, j - i, c);
	}
	month_gamma(f, t + mstart, f->lp + mstart, n - mstart,
		    base + (cur_month / 12 - YEAR0));

	/* riskless principal: the customer prints of the pairs, as the
	 * input's riskless column flags them, or by the rule of
	 * format/trades.h when a row of the bond has no flag */
	for (i = 0; i < n && t[i].riskless >= 0; i++)
		;
	if (i < n) {
		memcpy(f->rl, t, n * sizeof *t);
		liq_trades_riskless(f->rl, n);
		t = f->rl;
	}
	for (i = 0; i < n; i++)
		if (t[i].riskless == 1)
			f->c[f->tcell[i]].riskless++;

	/* the bond's business days and months from its first to its last
	 * trade, by year */
	bf = t[0].bday;
	bl = t[n - 1].bday;
	liq_date_to_ymd(liq_bday_date(bf), &yf, &mf, &d);
	liq_date_to_ymd(liq_bday_date(bl), &yl, &ml, &d);
	for (y = yf; y <= yl; y++) {
		long a = liq_bday_ceil(liq_date_from_ymd(y, 1, 1));
		long z = liq_bday_floor(liq_date_from_ymd(y, 12, 31));
		cell *c = base + (y - YEAR0);
		if (a < bf)
			a = bf;
		if (z > bl)
			z = bl;
		if (z >= a)
			c->bdays += z - a + 1;
		c->months += (y == yl ? ml : 12) - (y == yf ? mf : 1) + 1;
	}
}

/* ---- groups ------------------------------------------------------------ */
