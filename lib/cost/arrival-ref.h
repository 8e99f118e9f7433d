/* arrival-ref — realized costs of customer trades against an arrival
 * reference price, and one bond's whole estimation (liq(7), COST MODEL):
 * references, volatility, volume and the impact fit (cost/impact-nls).
 * impact-fit(1) is the reference for every formula; this header states
 * the contracts.
 *
 * The reference price of customer trade k is an arrival price: the
 * efficient price just before k, estimated by a Kalman filter (a random
 * walk observed with noise) over the bond's EARLIER prints only. Dealer
 * prints enter as they are (the simulator prints them at the efficient
 * price plus or minus the half spread, a random sign: unbiased); customer
 * prints enter with their expected cost removed, s (h + MI(q)), from a
 * pilot fit. Trade k itself and everything after it never enter, so the
 * reference carries neither k's noise nor its permanent impact.
 *
 *     liq_impact_opts o = { LIQ_IMPACT_NLS, 8, INT_MAX };
 *     liq_impact_work w = { 0 };
 *     liq_impact_res r;
 *     liq_impact_bond(trades, n, &o, &w, &r);  // one bond, time order
 *     ... r.fit, r.sigma_bps, r.adv_usd; w.cost[i], w.ref[i] per trade
 *     liq_impact_work_free(&w);
 */
#ifndef LIQ_ARRIVAL_REF_H
#define LIQ_ARRIVAL_REF_H

#include "core/window.h"
#include "cost/impact-nls.h"

#include <stddef.h>

typedef struct liq_impact_opts {
	int method;          /* LIQ_IMPACT_NLS or LIQ_IMPACT_LOGLIN */
	long min_prints;     /* fewer customer prints with a cost: no fit */
	int through;         /* last day of the fit sample (days); INT_MAX: all */
} liq_impact_opts;

typedef struct liq_impact_res {
	long prints;         /* customer prints up to `through` */
	double sigma_bps;    /* daily volatility of the efficient price, bps */
	double se_log_sigma; /* its standard error, log scale */
	double adv_usd;      /* par volume / business days, first to last trade day */
	double noise_bps;    /* sd of a customer print around its expected cost */
	double dealer_bps;   /* sd of a dealer print around the efficient price */
	double z_lo, z_hi;   /* 5% and 95% quantiles of standardized residuals */
	double sd_recent;    /* model sd of a cost over the last 63 business days */
	double mean_cost, se_mean_cost;  /* weighted mean cost of the prints, bps */
	double k[3];         /* K(0.5), K'(0.5), K''(0.5) of K(b) = log mean_w x^b */
	liq_impact_fit fit;
} liq_impact_res;

/* Scratch space and per-trade results, reused from bond to bond. After
 * liq_impact_bond(), for trade i: ref[i] is the reference price (NaN
 * before the bond's first usable print), ref_sd[i] its standard error in
 * bps, cost[i] the realized cost in bps (customer trades with a reference;
 * NaN otherwise). */
typedef struct liq_impact_work {
	double *ref, *ref_sd, *cost;
	double *lref, *z, *r, *u, *buf;  /* internal */
	size_t cap;
} liq_impact_work;

void liq_impact_bond(const liq_trade *t, size_t n, const liq_impact_opts *o,
		     liq_impact_work *w, liq_impact_res *res);
void liq_impact_work_free(liq_impact_work *w);

/* ---- the pieces, exposed for the unit tests -------------------------- */

/* The volatility of a price series observed with noise, and the noise:
 * z[i] (log price, bps) at business time u[i] (days), kind[i] 0 for a
 * dealer print, 1 for a customer print, -1 to skip. Over the pairs of
 * consecutive used prints, OLS of dz^2 on (du, dealer prints in the pair,
 * customer prints in the pair) without intercept gives each kind's noise
 * variance; pairs whose dz^2 exceeds 25 times its fitted value (jumps) are
 * dropped and the regression redone; then
 *     sigma^2 = sum(dz^2 - noise of the pair) / sum(du)
 * over the kept pairs: time-weighted, like the RMS of daily volatility;
 * at least 5% of sum(dz^2) / sum(du) (a short sample's noise can seem to
 * swallow all its variance). Its standard error on the log scale treats
 * the changes as normal: var(sum dz^2) = (2/3) sum dz^4. A noise variance
 * is at least its standard error and 0.001 bps^2, never 0 (the filter
 * would trust a print completely). `work` holds 5n doubles. */
typedef struct liq_vol {
	double sigma;        /* bps per sqrt(business day); NaN without pairs */
	double se_log;       /* standard error of log sigma */
	double sd_dealer;    /* noise sd of each kind, bps; NaN when absent */
	double sd_cust;
	long pairs;          /* pairs kept */
} liq_vol;

void liq_impact_vol(const double *z, const double *u, const int *kind,
		    size_t n, double *work, liq_vol *v);

/* Kalman filter of a random walk with variance sigma^2 a day, observed at
 * z[i] (bps) with noise variance r[i] (INFINITY: not used) at business
 * times u[i]. ref[i], var[i]: the estimate and its variance just before
 * observation i, from the observations before i only (NaN before the
 * first). */
void liq_impact_filter(const double *z, const double *r, const double *u,
		       size_t n, double sigma, double *ref, double *var);

/* Business time of a trade: its business day plus the fraction of the
 * day, so that a trading day is one unit (as the simulator's clock). */
double liq_impact_time(const liq_trade *t);

/* Average daily par volume of t[0..n): total par over the business days
 * from the first trade's to the last trade's, both included. */
double liq_impact_adv(const liq_trade *t, size_t n);

#endif
