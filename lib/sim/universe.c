/* universe — the first half of the simulator: the bond universe (issuers,
 * sectors, ratings, sizes, the planted impact parameters), the macro
 * series and its stress index, and the latent liquidity path of every
 * bond with the truth averaged over it; liq_sim_new() builds them all
 * and reports.c then draws the trades and reports from them. */
#include "sim/sim-internal.h"

#include "ref/cusip.h"
#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/stats.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- model constants (documented in trace-sim(1), MODEL) ------------- */

/* rating notch probabilities, AAA .. CCC- (70% investment grade) */
static const double RATING_P[19] = {
	.02, .02, .03, .04, .06, .08, .09, .12, .13, .11,
	.06, .05, .05, .04, .035, .03, .02, .01, .005
};
static const char *const SECTORS[LIQ_SIM_NSECTORS] = {
	"bank", "finance", "insurance", "energy", "utility",
	"tech", "health", "consumer", "industrial", "telecom"
};
static const double SECTOR_P[LIQ_SIM_NSECTORS] = {
	.16, .10, .07, .11, .09, .10, .09, .11, .11, .06
};
static const double TENOR[7] = { 2, 3, 5, 7, 10, 20, 30 };
static const double TENOR_P[7] = { .05, .12, .25, .18, .25, .05, .10 };

#define NEW_ISSUE_SHARE 0.15  /* bonds issued during the sample */
#define WI_DAYS 2             /* when-issued business days before issue */
#define AR_PHI 0.98           /* daily persistence of latent liquidity */
#define AR_SD 0.35            /* its stationary standard deviation */
#define LAMBDA_B 1.15         /* orders/day = exp(lambda_a + B L) */
#define HS_A 2.9              /* half spread bps = exp(A - B L + C (notch-8)) */
#define HS_B 0.55
#define HS_C 0.06
#define HS_MAX 300.0          /* the half spread's ceiling, bps */
#define P_RETAIL 0.55         /* size mixture: log-uniform pieces */
#define P_MID 0.25
#define P_INST 0.20
#define AGE_D 2.1             /* dormancy: L falls by AGE_D log(1 + age) */
#define MARKUP0 25.0          /* customer markup at $100k, bps above h */
#define PRESS_K 4.5           /* pressure of a customer trade of one ADV, in sigma */
#define MAX_BLOCK 20          /* largest trade, in days of the bond's volume */
#define MIN_BLOCK 50000.0     /* ... but never below $50k */

const char *
liq_sim_sector_name(int sector)
{
	return sector >= 0 && sector < LIQ_SIM_NSECTORS ? SECTORS[sector] : "other";
}

/* ---- macro stress ---------------------------------------------------- */

/* Episodes of market stress: peak level, the day it peaks, days of the
 * run-up before it, and the half-life (calendar days) of its decay. The
 * 2022 rate-hike episode is a plateau from its peak to `hold` days later. */
static const struct episode {
	int y, m, d;
	double peak, rise, hold, halflife;
} EPISODES[] = {
	{ 2008, 10, 10, 4.5, 60, 30, 120 },
	{ 2011, 8, 8, 1.3, 10, 0, 40 },
	{ 2015, 12, 15, 1.0, 60, 30, 60 },
	{ 2018, 12, 24, 0.8, 40, 0, 30 },
	{ 2020, 3, 16, 4.0, 24, 0, 35 },
	{ 2022, 6, 16, 1.1, 150, 130, 120 },
	{ 2023, 3, 13, 0.7, 3, 0, 20 },
};

double
liq_sim_stress(int day)
{
	double s = 0;
	size_t i;

	for (i = 0; i < sizeof EPISODES / sizeof *EPISODES; i++) {
		const struct episode *e = &EPISODES[i];
		int peak = liq_date_from_ymd(e->y, e->m, e->d);
		double x = day - peak;
		if (x < -e->rise)
			continue;
		if (x < 0)
			s += e->peak * (1 + x / e->rise);
		else if (x <= e->hold)
			s += e->peak;
		else
			s += e->peak * exp2(-(x - e->hold) / e->halflife);
	}
	return s;
}

/* 10-year Treasury yield anchors (percent), linearly interpolated. */
static const struct anchor {
	int y, m, d;
	double v;
} UST[] = {
	{ 2007, 6, 12, 5.2 }, { 2008, 12, 18, 2.1 }, { 2010, 4, 5, 4.0 },
	{ 2012, 7, 25, 1.4 }, { 2013, 12, 31, 3.0 }, { 2015, 1, 30, 1.7 },
	{ 2015, 12, 31, 2.3 }, { 2016, 7, 8, 1.37 }, { 2016, 12, 15, 2.6 },
	{ 2018, 10, 5, 3.2 }, { 2019, 9, 3, 1.47 }, { 2020, 1, 2, 1.88 },
	{ 2020, 3, 9, 0.54 }, { 2020, 8, 4, 0.52 }, { 2021, 3, 31, 1.74 },
	{ 2021, 8, 3, 1.17 }, { 2021, 12, 31, 1.52 }, { 2022, 6, 14, 3.48 },
	{ 2022, 10, 24, 4.25 }, { 2023, 4, 6, 3.29 }, { 2023, 10, 19, 4.98 },
	{ 2023, 12, 29, 3.88 }, { 2024, 12, 31, 4.57 },
};

static double
ust_anchor(int day)
{
	size_t i, n = sizeof UST / sizeof *UST;
	int d0 = liq_date_from_ymd(UST[0].y, UST[0].m, UST[0].d);

	if (day <= d0)
		return UST[0].v;
	for (i = 1; i < n; i++) {
		int d1 = liq_date_from_ymd(UST[i].y, UST[i].m, UST[i].d);
		if (day <= d1)
			return UST[i - 1].v +
			       (UST[i].v - UST[i - 1].v) * (day - d0) / (d1 - d0);
		d0 = d1;
	}
	return UST[n - 1].v;
}

/* ---- the simulator state --------------------------------------------- */

int
liq_sim_nbonds(const liq_sim *s)
{
	return s->nb;
}

const liq_sim_bond *
liq_sim_bond_at(const liq_sim *s, int i)
{
	return &s->b[i];
}

const liq_sim_counts *
liq_sim_get_counts(const liq_sim *s)
{
	return &s->c;
}

const liq_sim_opts *
liq_sim_get_opts(const liq_sim *s)
{
	return &s->o;
}

void
liq_sim_defaults(liq_sim_opts *o)
{
	memset(o, 0, sizeof *o);
	o->seed = 1;
	o->nbonds = 500;
	o->start = liq_date_from_ymd(2020, 1, 2);
	o->end = liq_date_from_ymd(2023, 12, 29);
	o->impact_scale = 1;
	o->cust_share = 0.85;
	o->cancel_rate = 0.010;
	o->correct_rate = 0.008;
	o->reverse_rate = 0.002;
	o->shift_rate = 0.0005;
	o->special_rate = 0.002;
	o->settle_rate = 0.002;
	o->asof_rate = 0.01;
	o->jump_rate = 1.0 / 2500;
	o->markup = 1;
	o->pressure = 1;
	o->riskless = 0.4;
	o->off_hours = 1;
	o->dormancy = 1;
	o->alpha0 = 0.15;
	o->lambda_a = 0.8;
}

/* ---- the universe ---------------------------------------------------- */

static int
draw_discrete(gsl_rng *r, const double *p, int n)
{
	double u = gsl_rng_uniform(r), c = 0;
	int i;

	for (i = 0; i < n - 1; i++) {
		c += p[i];
		if (u < c)
			return i;
	}
	return n - 1;
}

static double
loguniform(gsl_rng *r, double a, double b)
{
	return a * exp(gsl_rng_uniform(r) * log(b / a));
}

/* Mean of min(X, c) for X log-uniform on [a, b]. */
static double
loguniform_mean(double a, double b, double c)
{
	if (c >= b)
		return (b - a) / log(b / a);
	if (c <= a)
		return c;
	return (c - a + c * log(b / c)) / log(b / a);
}

/* Mean of min(X, c)^p for X log-uniform on [a, b], p != 0. */
static double
loguniform_powmean(double a, double b, double c, double p)
{
	if (c >= b)
		return (pow(b, p) - pow(a, p)) / (p * log(b / a));
	if (c <= a)
		return pow(c, p);
	return ((pow(c, p) - pow(a, p)) / p + pow(c, p) * log(b / c)) / log(b / a);
}

/* E[min(q, c)^p] over the size mixture. */
static double
size_powmean(double c, double p)
{
	return P_RETAIL * loguniform_powmean(5e3, 1e5, c, p) +
	       P_MID * loguniform_powmean(1e5, 1e6, c, p) +
	       P_INST * loguniform_powmean(1e6, 1e7, c, p);
}

/* Mean trade size when sizes are capped at c. */
static double
mean_size(double c)
{
	return P_RETAIL * loguniform_mean(5e3, 1e5, c) +
	       P_MID * loguniform_mean(1e5, 1e6, c) +
	       P_INST * loguniform_mean(1e6, 1e7, c);
}

double
liq_sim_mean_size(void)
{
	return mean_size(1e7);
}

/* Trade size in $ par: retail $5k–100k (to $1k), middle $100k–1MM (to
 * $5k), institutional $1MM–10MM (to $100k), capped at the bond's largest
 * block (MAX_BLOCK days of its volume; a multiple of $1k). */
long
liq_sim_draw_size(gsl_rng *r, double cap)
{
	double u = gsl_rng_uniform(r);
	long q;

	if (u < P_RETAIL)
		q = 1000 * lround(loguniform(r, 5e3, 1e5) / 1000);
	else if (u < P_RETAIL + P_MID)
		q = 5000 * lround(loguniform(r, 1e5, 1e6) / 5000);
	else
		q = 100000 * lround(loguniform(r, 1e6, 1e7) / 100000);
	return q < cap ? q : (long)cap;
}

/* Issuer code: six base-36 characters from a bijection of the issuer
 * number, so codes are unique; the first character is a digit, as in
 * most corporate CUSIPs. */
static void
issuer_code(char *out, unsigned long i, unsigned long salt)
{
	static const char A[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	unsigned long m = 10UL * 36 * 36 * 36 * 36 * 36;
	unsigned long v = (salt + i * 1000003UL) % m;
	int k;

	for (k = 5; k >= 1; k--) {
		out[k] = A[v % 36];
		v /= 36;
	}
	out[0] = A[v % 10];
}

static void
issuer_name(char *out, unsigned long i, unsigned long salt)
{
	static const char *const SYL[] = {
		"BA", "KO", "TE", "RI", "MA", "LU", "NO", "VE", "SI", "DA",
		"GO", "PE", "ZA", "FI", "HU", "CA", "RO", "TI", "ME", "XA"
	};
	unsigned long v = (salt % 8000) + i * 7919UL;

	snprintf(out, 16, "%s%s%s", SYL[v % 20], SYL[v / 20 % 20],
		 SYL[v / 400 % 20]);
	if (i >= 8000)
		snprintf(out + 6, 10, "%lu", i / 8000 % 1000000);
}

static void
build_universe(liq_sim *s)
{
	gsl_rng *r = s->rng;
	unsigned long salt = gsl_rng_get(r);
	int start = s->o.start, end = s->o.end;
	double span = end - start;
	int i = 0, iss = 0;

	s->b = liq_xcalloc((unsigned long)s->nb, sizeof *s->b);
	while (i < s->nb) {
		int nbonds = 1 + (int)gsl_ran_poisson(r, 4.0);
		int rating = 1 + draw_discrete(r, RATING_P, 19);
		int sector = draw_discrete(r, SECTOR_P, LIQ_SIM_NSECTORS);
		double ieff = gsl_ran_gaussian(r, 0.3);
		char code[7], name[16];
		int j;

		issuer_code(code, (unsigned long)iss, salt);
		issuer_name(name, (unsigned long)iss, salt);
		for (j = 0; j < nbonds && i < s->nb; j++, i++) {
			liq_sim_bond *b = &s->b[i];
			double tenor = TENOR[draw_discrete(r, TENOR_P, 7)];
			double lnA, rem, spread;
			int notch = rating;

			memcpy(b->cusip, code, 6);
			b->cusip[6] = (char)('A' + j / 26 % 26);
			b->cusip[7] = (char)('A' + j % 26);
			b->cusip[8] = (char)liq_cusip_check(b->cusip);
			b->cusip[9] = 0;
			memcpy(b->issuer, name, sizeof b->issuer);
			if (gsl_rng_uniform(r) < 0.1) /* subordinated or secured */
				notch += gsl_rng_uniform(r) < 0.5 ? -1 : 1;
			if (notch < 1)
				notch = 1;
			if (notch > 19)
				notch = 19;
			b->rating = notch;
			b->sector = sector;
			lnA = log(5e8) + 0.04 * (9 - notch) + gsl_ran_gaussian(r, 0.75);
			b->amount = 1e6 * round(fmin(5e9, fmax(1e8, exp(lnA))) / 1e6);
			if (gsl_rng_uniform(r) < NEW_ISSUE_SHARE) {
				b->issue = start + (int)(gsl_rng_uniform(r) * 0.8 * span);
			} else {
				double yrs = gsl_rng_uniform(r) * (tenor - 1);
				b->issue = start - (int)(yrs * 365.25);
			}
			if (!liq_is_bday(b->issue))
				b->issue = liq_bday_date(liq_bday_ceil(b->issue));
			b->maturity = b->issue + (int)lround(tenor * 365.25);
			rem = (b->maturity - (b->issue > start ? b->issue : start)) / 365.25;
			spread = 0.45 * exp(0.17 * (notch - 1));
			b->coupon = 0.125 * round((1.0 + spread + 0.8 * tenor / 30 +
						   gsl_ran_gaussian(r, 0.35)) / 0.125);
			if (b->coupon < 0.25)
				b->coupon = 0.25;
			b->base = 0.9 * log(b->amount / 5e8) - 0.10 * (notch - 8) +
				  ieff + gsl_ran_gaussian(r, 0.25);
			b->stress_beta = 0.15 + 0.04 * (notch > 10 ? notch - 10 : 0);
			b->alpha = s->o.alpha0 * exp(-0.1 * b->base + gsl_ran_gaussian(r, 0.25));
			b->beta = 0.4 + 0.3 * gsl_rng_uniform(r);
			b->kyle = exp(-0.7 - 0.6 * b->base + 0.05 * (notch - 8));
			b->press_k = PRESS_K * exp(gsl_ran_gaussian(r, 0.3));
			b->markup = MARKUP0 * exp(0.03 * (notch - 8) +
						  gsl_ran_gaussian(r, 0.3));
			b->sigma0 = (18 + 3.5 * (notch - 1)) *
				    (0.45 + 0.055 * fmin(rem, 20)) *
				    exp(gsl_ran_gaussian(r, 0.15));
			b->logv = log(100) + gsl_ran_gaussian(r, 0.05) -
				  0.015 * (notch > 12 ? notch - 12 : 0);
		}
		iss++;
	}
	qsort(s->b, (size_t)s->nb, sizeof *s->b, liq_cusip_row_cmp);
}

static void
build_macro(liq_sim *s)
{
	gsl_rng *r = s->rng;
	double nv = 0, ni = 0, nh = 0, nu = 0;
	long k;

	s->vix = liq_xmalloc((unsigned long)s->nd * 7 * sizeof(double));
	s->ig = s->vix + s->nd;
	s->hy = s->ig + s->nd;
	s->ust = s->hy + s->nd;
	s->lqd = s->ust + s->nd;
	s->hyg = s->lqd + s->nd;
	s->stress = s->hyg + s->nd;
	for (k = 0; k < s->nd; k++) {
		int day = liq_bday_date(s->b0 + k);
		double st = liq_sim_stress(day);

		/* AR(1) deviations, so levels wander but stay anchored */
		nv = 0.92 * nv + gsl_ran_gaussian(r, 1.2);
		ni = 0.95 * ni + gsl_ran_gaussian(r, 1.5);
		nh = 0.95 * nh + gsl_ran_gaussian(r, 8.0);
		nu = 0.97 * nu + gsl_ran_gaussian(r, 0.025);
		s->stress[k] = st;
		s->vix[k] = fmax(9, 14 + 7 * st + nv);
		s->ig[k] = fmax(35, 55 + 25 * st + ni);
		s->hy[k] = fmax(250, 330 + 180 * st + nh);
		s->ust[k] = ust_anchor(day) + nu;
		s->lqd[k] = round(8e6 * (1 + 0.8 * st) *
				  exp(gsl_ran_gaussian(r, 0.25)));
		s->hyg[k] = round(2e7 * (1 + 0.9 * st) *
				  exp(gsl_ran_gaussian(r, 0.25)));
	}
}

/* Latent liquidity of bond b on business day k: its static part, a
 * new-issue premium decaying over the first year, an ageing discount,
 * a maturity term, the persistent AR(1) part a, and the macro regime. */
static double
latent(const liq_sim_bond *b, int day, double a, double stress, double dorm)
{
	double age = fmax(0, (day - b->issue) / 365.25);
	double rem = (b->maturity - day) / 365.25;

	return b->base + 0.7 * exp(-age / 0.75) - 0.04 * fmin(age, 10) -
	       dorm * AGE_D * log1p(age) -
	       0.02 * fabs(rem - 7) + a - b->stress_beta * stress;
}

double
liq_sim_half_spread(const liq_sim_bond *b, double L)
{
	double h = exp(HS_A - HS_B * L + HS_C * (b->rating - 8));

	return h / (1 + h / HS_MAX);  /* levels off below HS_MAX */
}

double
liq_sim_intensity(const liq_sim *s, double L)
{
	return exp(s->o.lambda_a + LAMBDA_B * L);
}

static void
build_latent(liq_sim *s)
{
	gsl_rng *r = s->rng;
	int i;

	double *hs = liq_xmalloc((unsigned long)s->nd * sizeof *hs);

	s->lat = liq_xmalloc((unsigned long)s->nb * (unsigned long)s->nd *
			     sizeof *s->lat);
	for (i = 0; i < s->nb; i++) {
		liq_sim_bond *b = &s->b[i];
		double a = gsl_ran_gaussian(r, AR_SD), sL = 0, sh = 0, sl = 0, ss = 0;
		long k, last = liq_bday_floor(b->maturity - 1);

		b->issue_b = liq_bday_ceil(b->issue);
		b->first_b = b->issue_b - WI_DAYS;
		if (b->first_b < s->b0)
			b->first_b = s->b0;
		b->last_b = last < s->b0 + s->nd - 1 ? last : s->b0 + s->nd - 1;
		for (k = 0; k < s->nd; k++) {
			int day = liq_bday_date(s->b0 + k);
			double L, sig;

			a = AR_PHI * a + sqrt(1 - AR_PHI * AR_PHI) * AR_SD *
					     gsl_ran_gaussian(r, 1.0);
			L = latent(b, day, a, s->stress[k], s->o.dormancy);
			s->lat[(long)i * s->nd + k] = (float)L;
			if (s->b0 + k < b->issue_b || s->b0 + k > b->last_b ||
			    !liq_cal_is_bday(day))
				continue;
			L = s->lat[(long)i * s->nd + k]; /* as stored */
			sig = b->sigma0 * (1 + 0.5 * s->stress[k]);
			sL += L;
			hs[b->ndays] = liq_sim_half_spread(b, L);
			sh += liq_sim_intensity(s, L) * hs[b->ndays];
			sl += liq_sim_intensity(s, L);
			ss += sig * sig;
			b->ndays++;
		}
		if (b->ndays > 0) {
			double n = (double)b->ndays;
			b->liquidity = sL / n;
			b->half_spread_bps = liq_median(hs, (size_t)b->ndays);

			b->half_spread_trade_bps = sh / sl;
			/* riskless-principal pairs add a dealer leg to a share
			 * of the customer trades */
			sl *= 1 + s->o.cust_share * s->o.riskless;
			b->trades_per_day = sl / n;
			/* The block cap and ADV depend on each other: iterate
			 * cap = MAX_BLOCK * ADV, ADV = trades/day * E[min(q, cap)]
			 * to its fixed point (a contraction; 60 steps is plenty). */
			int it;
			b->max_size = 1e7;
			for (it = 0; it < 60; it++) {
				b->adv_usd = sl / n * mean_size(b->max_size);
				b->max_size = fmax(MIN_BLOCK, fmin(1e7,
					1000 * floor(MAX_BLOCK * b->adv_usd / 1000)));
			}
			b->adv_usd = sl / n * mean_size(b->max_size);
			b->mean_size = mean_size(b->max_size);
			b->sigma_bps = sqrt(ss / n);
			/* the expected one-way cost of a customer trade (reports.c,
			 * bond_day): half spread + markup + impact over the sizes */
			b->cost_bps = b->half_spread_trade_bps +
				      s->o.markup * b->markup * pow(MARKUP_Q0, MARKUP_SLOPE) *
					      size_powmean(b->max_size, -MARKUP_SLOPE) +
				      s->o.impact_scale * b->alpha * b->sigma_bps *
					      pow(b->adv_usd, -b->beta) *
					      size_powmean(b->max_size, b->beta);
		} else {
			b->liquidity = b->half_spread_bps = b->trades_per_day = NAN;
			b->half_spread_trade_bps = NAN;
			b->adv_usd = b->sigma_bps = b->cost_bps = NAN;
			b->max_size = MIN_BLOCK;
			b->mean_size = mean_size(MIN_BLOCK);
		}
	}
	free(hs);
}

liq_sim *
liq_sim_new(const liq_sim_opts *o, const char **err)
{
	liq_sim *s;

	if (o->nbonds < 1) {
		*err = "the number of bonds must be at least 1";
		return NULL;
	}
	if (liq_bdays_between(o->start, o->end) < 1) {
		*err = "the period holds no business day";
		return NULL;
	}
	s = liq_xcalloc(1, sizeof *s);
	s->o = *o;
	s->nb = o->nbonds;
	s->b0 = liq_bday_ceil(o->start);
	s->nd = liq_bday_floor(o->end) - s->b0 + 1;
	s->rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(s->rng, o->seed);
	build_universe(s);
	build_macro(s);
	build_latent(s);
	return s;
}

void
liq_sim_free(liq_sim *s)
{
	if (!s)
		return;
	gsl_rng_free(s->rng);
	free(s->b);
	free(s->lat);
	free(s->vix);
	free(s->links);
	free(s->pend.a);
	free(s->today);
	free(s);
}
