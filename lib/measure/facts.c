#include "measure/facts.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/stats.h"
#include "core/tsv.h"
#include "ref/rating.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the facts, in output order ----------------------------------- */

/* size buckets: a trade is in every bucket its par falls in (>= 5MM is
 * also >= 1MM); index 0 of the bucketed costs is every customer trade */
enum { B_LT100K, B_100K_1MM, B_GE1MM, B_GE5MM, NBUCKET };

enum {
	F_TRADES, F_BONDS,
	F_SIZE_MEDIAN, F_SIZE_SHARE,                       /* + NBUCKET */
	F_DEALER = F_SIZE_SHARE + NBUCKET, F_BUY, F_SELL, F_RISKLESS,
	F_COST,                                            /* + 1 + NBUCKET */
	F_BUYSELL = F_COST + 1 + NBUCKET,                  /* + 1 + NBUCKET */
	F_IRC_MEAN = F_BUYSELL + 1 + NBUCKET, F_IRC_MEDIAN,
	F_GD_MEAN, F_GD_MEDIAN, F_GT_MEAN, F_GT_MEDIAN,
	F_ROLL_MEAN, F_ROLL_MEDIAN, F_ROLL_NEGCOV,
	F_ZERO_BDAY, F_ZERO_MONTH, F_ITD_MEDIAN, F_ITD_MEAN,
	F_WEEKEND, F_HOLIDAY, F_HOUR,                      /* + 24 */
	NFACT = F_HOUR + 24
};

const char *const liq_facts_names[] = {
	"trades", "bonds",
	"size_median_usd", "size_share_lt100k", "size_share_100k_1mm",
	"size_share_ge1mm", "size_share_ge5mm",
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

/* ---- cells: rating class x year ------------------------------------- */

/* years 1900 to 2200: a trade of Saturday 2199-12-31 belongs to a
 * business day of 2200 */
enum { YEAR0 = 1900, NYEAR = 301, NCELL = LIQ_FACTS_NCLASS * NYEAR };
/* the days of those years, from 1900-01-01 (day -25567) */
enum { DAY0 = -25567, NDAY = 110300 };

/* the window of an imputed round trip and of a riskless-principal
 * match, seconds */
enum { IRT_SPAN_S = 15 * 60, RISKLESS_S = 60 };

typedef struct vec {
	double *v;
	size_t n, cap;
} vec;

static void
vec_push(vec *a, double x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->v = liq_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = x;
}

typedef struct cell {
	long trades, bonds, last_bond;
	long customer, buys, sells, dealer, riskless;
	long size_n[NBUCKET];
	double cost_sum[1 + NBUCKET], bs_sum[1 + NBUCKET];
	long cost_n[1 + NBUCKET], bs_n[1 + NBUCKET];
	long weekend, holiday, hour[24];
	long bdays, bdays_traded, months, months_traded;
	long itd_n;
	double itd_sum;
	long roll_elig;
	vec irc, gd, gt, roll;
} cell;

/* counts of distinct values per cell (trade sizes, inter-trade gaps),
 * open addressing */
typedef struct hent {
	double v;
	int cell;
	long cnt;       /* 0: empty slot */
} hent;

typedef struct hmap {
	hent *e;
	size_t n, cap;  /* cap a power of two */
} hmap;

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

struct liq_facts {
	int min_pairs, by_class;
	long bond_id;
	long class_bonds[LIQ_FACTS_NCLASS];
	cell *c;                /* NCELL */
	hmap size, itd;
	/* per bond scratch */
	double *lp;             /* log prices */
	long *dealer_idx;
	int *tcell;             /* each trade's cell */
	size_t cap;
	/* per day scratch (imputed round trips) */
	struct irt { int day, tsec; double qty, price; } *irt;
	size_t irt_cap;
	vec pairs;              /* x, y of a month's pairs, interleaved */
	/* liq_settle_holiday() of each day from 1900-01-01: 0 unknown,
	 * 1 no, 2 yes */
	unsigned char *hol;
	/* results of write/get */
	double *res_v;
	long *res_n;
	vec tmp;
	hent *tmph;
	size_t tmph_cap;
};

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
	free(f->dealer_idx);
	free(f->tcell);
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

/* the buckets of a par amount, as a bit set */
static unsigned
buckets(double q)
{
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
		vec_push(&c->irc, 1e4 * (hi - lo) / hi);
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
		bk = buckets(t[i].qty) << 1 | 1u;   /* bit 0: every trade */
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
		vec_push(&f->pairs, lp[i] - lp[i - 1]);
		vec_push(&f->pairs, lp[i - 1] - lp[i - 2]);
	}
	m = f->pairs.n / 2;
	if (m >= (size_t)f->min_pairs) {
		g = neg_cov(f->pairs.v, m);
		vec_push(&c->gt, 1e4 * g);
		c->roll_elig++;
		if (g > 0)
			vec_push(&c->roll, 1e4 * 2 * sqrt(g));
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
			vec_push(&f->pairs, lp[last] - lp[prev]);
			vec_push(&f->pairs, lp[prev] - lp[prev2]);
		}
		prev2 = prev;
		prev = last;
	}
	m = f->pairs.n / 2;
	if (m >= (size_t)f->min_pairs)
		vec_push(&c->gd, 1e4 * neg_cov(f->pairs.v, m));
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
	size_t i, j, k, nd = 0, mstart = 0;
	long bf, bl, prev_bday = -1;
	int y, m, d, yf, mf, yl, ml, cur_month = -1;
	int hday = -1, hol = 0;
	long lo_d;

	if (n == 0)
		return;
	f->bond_id++;
	f->class_bonds[cls]++;
	if (n > f->cap) {
		f->cap = 2 * n;
		free(f->lp);
		free(f->dealer_idx);
		free(f->tcell);
		f->lp = liq_xmalloc(f->cap * sizeof *f->lp);
		f->tcell = liq_xmalloc(f->cap * sizeof *f->tcell);
		f->dealer_idx = liq_xmalloc(f->cap * sizeof *f->dealer_idx);
	}
	for (i = 0; i < n; i++) {
		f->lp[i] = log(t[i].price);
		if (t[i].sign == 0)
			f->dealer_idx[nd++] = (long)i;
	}

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
			unsigned bk = buckets(x->qty);
			int q;

			f->tcell[k] = (int)(c - f->c);
			c->trades++;
			for (q = 0; q < NBUCKET; q++)
				if (bk & (1u << q))
					c->size_n[q]++;
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

	/* riskless principal: a dealer print of the same par within
	 * RISKLESS_S seconds, before or after */
	lo_d = 0;
	for (i = 0; i < n; i++) {
		long ts, k2;
		if (t[i].sign == 0)
			continue;
		ts = (long)t[i].day * 86400 + t[i].tsec;
		while (lo_d < (long)nd &&
		       (long)t[f->dealer_idx[lo_d]].day * 86400 +
		       t[f->dealer_idx[lo_d]].tsec < ts - RISKLESS_S)
			lo_d++;
		for (k2 = lo_d; k2 < (long)nd; k2++) {
			const liq_trade *x = t + f->dealer_idx[k2];
			if ((long)x->day * 86400 + x->tsec > ts + RISKLESS_S)
				break;
			if (x->qty == t[i].qty) {
				f->c[f->tcell[i]].riskless++;
				break;
			}
		}
	}

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

static int
cmp_hent(const void *a, const void *b)
{
	const hent *x = a, *y = b;

	return (x->v > y->v) - (x->v < y->v);
}

/* the median of the counted values of the cells in `in` */
static double
hmedian(liq_facts *f, const hmap *h, const unsigned char *in)
{
	size_t i, m = 0;
	long tot = 0, cum = 0, lo, hi;
	double a = NAN;

	if (h->n > f->tmph_cap) {
		f->tmph_cap = h->n;
		free(f->tmph);
		f->tmph = liq_xmalloc(f->tmph_cap * sizeof *f->tmph);
	}
	for (i = 0; i < h->cap; i++)
		if (h->e[i].cnt && in[h->e[i].cell]) {
			f->tmph[m++] = h->e[i];
			tot += h->e[i].cnt;
		}
	if (tot == 0)
		return NAN;
	qsort(f->tmph, m, sizeof *f->tmph, cmp_hent);
	/* the values of ranks lo and hi (from 0) */
	lo = (tot - 1) / 2;
	hi = tot / 2;
	for (i = 0; i < m; i++) {
		long next = cum + f->tmph[i].cnt;
		if (lo >= cum && lo < next)
			a = f->tmph[i].v;
		if (hi >= cum && hi < next)
			return (a + f->tmph[i].v) / 2;
		cum = next;
	}
	return NAN;
}

/* mean and median of the vectors at byte offset `off` of the cells in
 * `in` */
static void
vstats(liq_facts *f, const unsigned char *in, size_t off, double *mean,
       double *median, long *n)
{
	size_t i, k;
	double s = 0;

	f->tmp.n = 0;
	for (i = 0; i < NCELL; i++) {
		const vec *v;
		if (!in[i])
			continue;
		v = (const vec *)((const char *)(f->c + i) + off);
		for (k = 0; k < v->n; k++) {
			vec_push(&f->tmp, v->v[k]);
			s += v->v[k];
		}
	}
	*n = (long)f->tmp.n;
	*mean = f->tmp.n ? s / (double)f->tmp.n : NAN;
	*median = liq_median(f->tmp.v, f->tmp.n);
}

static double
share(long a, long n)
{
	return n > 0 ? (double)a / (double)n : NAN;
}

/* the cells of group (cls, year): -1 for any */
static void
group_cells(unsigned char *in, int cls, int year)
{
	int c, y;

	for (c = 0; c < LIQ_FACTS_NCLASS; c++)
		for (y = 0; y < NYEAR; y++)
			in[c * NYEAR + y] = (cls < 0 || cls == c) &&
					    (year < 0 || year == y + YEAR0);
}

/* every fact of group (cls, year) (-1: any) into v[], n[]; 0 when the
 * group has no bond-day */
static int
eval(liq_facts *f, int cls, int year, double *v, long *n)
{
	unsigned char in[NCELL];
	cell s;
	size_t i;
	int k;

	group_cells(in, cls, year);
	memset(&s, 0, sizeof s);
	for (i = 0; i < NCELL; i++) {
		const cell *c = f->c + i;
		if (!in[i])
			continue;
		s.trades += c->trades;
		s.bonds += c->bonds;
		s.customer += c->customer;
		s.buys += c->buys;
		s.sells += c->sells;
		s.dealer += c->dealer;
		s.riskless += c->riskless;
		for (k = 0; k < NBUCKET; k++)
			s.size_n[k] += c->size_n[k];
		for (k = 0; k < 1 + NBUCKET; k++) {
			s.cost_sum[k] += c->cost_sum[k];
			s.cost_n[k] += c->cost_n[k];
			s.bs_sum[k] += c->bs_sum[k];
			s.bs_n[k] += c->bs_n[k];
		}
		s.weekend += c->weekend;
		s.holiday += c->holiday;
		for (k = 0; k < 24; k++)
			s.hour[k] += c->hour[k];
		s.bdays += c->bdays;
		s.bdays_traded += c->bdays_traded;
		s.months += c->months;
		s.months_traded += c->months_traded;
		s.itd_n += c->itd_n;
		s.itd_sum += c->itd_sum;
		s.roll_elig += c->roll_elig;
	}
	if (s.bdays == 0)
		return 0;
	/* a bond is in one class but may trade in several years: count it
	 * once in a group of every year */
	if (year < 0) {
		s.bonds = 0;
		for (k = 0; k < LIQ_FACTS_NCLASS; k++)
			if (cls < 0 || cls == k)
				s.bonds += f->class_bonds[k];
	}
	v[F_TRADES] = (double)s.trades;
	n[F_TRADES] = s.trades;
	v[F_BONDS] = (double)s.bonds;
	n[F_BONDS] = s.bonds;
	v[F_SIZE_MEDIAN] = hmedian(f, &f->size, in);
	n[F_SIZE_MEDIAN] = s.trades;
	for (k = 0; k < NBUCKET; k++) {
		v[F_SIZE_SHARE + k] = share(s.size_n[k], s.trades);
		n[F_SIZE_SHARE + k] = s.trades;
	}
	v[F_DEALER] = share(s.dealer, s.trades);
	n[F_DEALER] = s.trades;
	v[F_BUY] = share(s.buys, s.customer);
	v[F_SELL] = share(s.sells, s.customer);
	v[F_RISKLESS] = share(s.riskless, s.customer);
	n[F_BUY] = n[F_SELL] = n[F_RISKLESS] = s.customer;
	for (k = 0; k < 1 + NBUCKET; k++) {
		v[F_COST + k] = s.cost_n[k] ? s.cost_sum[k] / (double)s.cost_n[k] : NAN;
		n[F_COST + k] = s.cost_n[k];
		v[F_BUYSELL + k] = s.bs_n[k] ? s.bs_sum[k] / (double)s.bs_n[k] : NAN;
		n[F_BUYSELL + k] = s.bs_n[k];
	}
	vstats(f, in, offsetof(cell, irc), &v[F_IRC_MEAN], &v[F_IRC_MEDIAN],
	       &n[F_IRC_MEAN]);
	n[F_IRC_MEDIAN] = n[F_IRC_MEAN];
	vstats(f, in, offsetof(cell, gd), &v[F_GD_MEAN], &v[F_GD_MEDIAN],
	       &n[F_GD_MEAN]);
	n[F_GD_MEDIAN] = n[F_GD_MEAN];
	vstats(f, in, offsetof(cell, gt), &v[F_GT_MEAN], &v[F_GT_MEDIAN],
	       &n[F_GT_MEAN]);
	n[F_GT_MEDIAN] = n[F_GT_MEAN];
	vstats(f, in, offsetof(cell, roll), &v[F_ROLL_MEAN], &v[F_ROLL_MEDIAN],
	       &n[F_ROLL_MEAN]);
	n[F_ROLL_MEDIAN] = n[F_ROLL_MEAN];
	v[F_ROLL_NEGCOV] = share(n[F_ROLL_MEAN], s.roll_elig);
	n[F_ROLL_NEGCOV] = s.roll_elig;
	v[F_ZERO_BDAY] = share(s.bdays - s.bdays_traded, s.bdays);
	n[F_ZERO_BDAY] = s.bdays;
	v[F_ZERO_MONTH] = share(s.months - s.months_traded, s.months);
	n[F_ZERO_MONTH] = s.months;
	v[F_ITD_MEDIAN] = hmedian(f, &f->itd, in);
	v[F_ITD_MEAN] = s.itd_n ? s.itd_sum / (double)s.itd_n : NAN;
	n[F_ITD_MEDIAN] = n[F_ITD_MEAN] = s.itd_n;
	v[F_WEEKEND] = share(s.weekend, s.trades);
	v[F_HOLIDAY] = share(s.holiday, s.trades);
	n[F_WEEKEND] = n[F_HOLIDAY] = s.trades;
	for (k = 0; k < 24; k++) {
		v[F_HOUR + k] = share(s.hour[k], s.trades);
		n[F_HOUR + k] = s.trades;
	}
	return 1;
}

static void
group_name(char *out, size_t sz, int cls, int year)
{
	if (cls < 0 && year < 0)
		snprintf(out, sz, "all");
	else if (year < 0)
		snprintf(out, sz, "%s", liq_facts_class_name(cls));
	else if (cls < 0)
		snprintf(out, sz, "%d", year);
	else
		snprintf(out, sz, "%s:%d", liq_facts_class_name(cls), year);
}

long
liq_facts_write(liq_facts *f, FILE *fp)
{
	static const char *const hdr[] = { "fact", "group", "value", "n", NULL };
	struct grp { int cls, year; } *g;
	int ng = 0, c, y, k, i;
	double *v;
	long *n, rows = 0;
	liq_row row;
	char name[32];

	liq_write_header(fp, hdr);
	g = liq_xmalloc((1 + LIQ_FACTS_NCLASS) * (1 + NYEAR) * sizeof *g);
	g[ng].cls = -1, g[ng++].year = -1;
	if (f->by_class)
		for (c = 0; c < LIQ_FACTS_NCLASS; c++)
			g[ng].cls = c, g[ng++].year = -1;
	for (y = YEAR0; y < YEAR0 + NYEAR; y++)
		g[ng].cls = -1, g[ng++].year = y;
	if (f->by_class)
		for (c = 0; c < LIQ_FACTS_NCLASS; c++)
			for (y = YEAR0; y < YEAR0 + NYEAR; y++)
				g[ng].cls = c, g[ng++].year = y;
	v = liq_xmalloc((size_t)ng * NFACT * sizeof *v);
	n = liq_xmalloc((size_t)ng * NFACT * sizeof *n);
	/* keep the groups that have a bond-day */
	for (i = k = 0; i < ng; i++) {
		if (eval(f, g[i].cls, g[i].year, v + (size_t)k * NFACT, n + (size_t)k * NFACT))
			g[k++] = g[i];
	}
	ng = k;
	liq_row_init(&row);
	for (k = 0; k < NFACT; k++)
		for (i = 0; i < ng; i++) {
			group_name(name, sizeof name, g[i].cls, g[i].year);
			liq_row_str(&row, liq_facts_names[k]);
			liq_row_str(&row, name);
			liq_row_num(&row, v[(size_t)i * NFACT + k]);
			liq_row_long(&row, n[(size_t)i * NFACT + k]);
			liq_row_end(&row, fp);
			rows++;
		}
	liq_row_free(&row);
	free(g);
	free(v);
	free(n);
	return rows;
}

double
liq_facts_get(liq_facts *f, const char *fact, const char *group, long *n)
{
	double v[NFACT];
	long nn[NFACT];
	int k, cls = -1, year = -1;
	const char *p = group;

	*n = -1;
	for (k = 0; liq_facts_names[k] && strcmp(liq_facts_names[k], fact); k++)
		;
	if (!liq_facts_names[k])
		return NAN;
	if (strcmp(group, "all") != 0) {
		int c;
		for (c = 0; c < LIQ_FACTS_NCLASS; c++) {
			size_t l = strlen(liq_facts_class_name(c));
			if (!strncmp(p, liq_facts_class_name(c), l) &&
			    (p[l] == '\0' || p[l] == ':')) {
				cls = c;
				p += l + (p[l] == ':');
				break;
			}
		}
		if (*p) {
			char *e;
			long yy = strtol(p, &e, 10);
			if (*e || yy < YEAR0 || yy >= YEAR0 + NYEAR)
				return NAN;
			year = (int)yy;
		} else if (cls < 0)
			return NAN;
	}
	if (!eval(f, cls, year, v, nn))
		return NAN;
	*n = nn[k];
	return v[k];
}
