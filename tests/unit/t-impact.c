/* impact, shrink and pretrade: the fits on exact power laws, the reference
 * price on hand-built trades, the shrinkage formula against a hand
 * computation, and the pre-trade arithmetic with its inverse queries. */
#include "core/dates.h"
#include "cost/arrival-ref.h"
#include "cost/pretrade.h"
#include "cost/shrink.h"
#include "tap.h"
#include "core/stats.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <limits.h>
#include <stdlib.h>

/* sizes from $5k to $10MM over an ADV of $1MM: x = q / ADV */
static size_t
sizes(double *x)
{
	static const double q[] = { 5e3, 1e4, 2.5e4, 5e4, 1e5, 2e5, 5e5, 1e6,
				    2e6, 5e6, 1e7 };
	size_t i, n = sizeof q / sizeof *q;
	for (i = 0; i < n; i++)
		x[i] = q[i] / 1e6;
	return n;
}

/* c = h + alpha sigma x^beta with no noise: NLS gives h, alpha, beta
 * back to 1e-6, with and without weights, and a perfect r2. */
static void
t_nls_exact(void)
{
	double x[16], c[16], w[16], work[64];
	double h = 12, alpha = 0.8, beta = 0.6, sigma = 50;
	liq_impact_fit f;
	size_t i, n = sizes(x);

	for (i = 0; i < n; i++) {
		c[i] = h + alpha * sigma * pow(x[i], beta);
		w[i] = 1.0 / (1 + i % 3);
	}
	check_int(liq_impact_fit_nls(c, x, NULL, n, sigma, work, &f), 0);
	check_int(f.ok, 1);
	check_int(f.n, (long)n);
	check_near(f.h, h, 1e-6);
	check_near(f.alpha, alpha, 1e-6);
	check_near(f.beta, beta, 1e-6);
	check_near(f.r2, 1, 1e-9);
	check_near(f.resid_lo, 0, 1e-6);
	check_near(f.resid_hi, 0, 1e-6);
	check_int(liq_impact_fit_nls(c, x, w, n, sigma, work, &f), 0);
	check_near(f.h, h, 1e-6);
	check_near(f.alpha, alpha, 1e-6);
	check_near(f.beta, beta, 1e-6);
	/* a square-root law with no spread: h sits on its bound, 0 */
	for (i = 0; i < n; i++)
		c[i] = 1.3 * sigma * sqrt(x[i]);
	check_int(liq_impact_fit_nls(c, x, NULL, n, sigma, work, &f), 0);
	check_near(f.h, 0, 1e-6);
	check_near(f.alpha, 1.3, 1e-6);
	check_near(f.beta, 0.5, 1e-6);
}

/* log(c/sigma) = log alpha + beta log x exactly: loglin gives alpha and
 * beta back to 1e-6, h = 0; costs <= 0 are left out of the regression. */
static void
t_loglin_exact(void)
{
	double x[16], c[16], work[64];
	liq_impact_fit f;
	size_t i, n = sizes(x);

	for (i = 0; i < n; i++)
		c[i] = 0.7 * 40 * pow(x[i], 0.45);
	c[n] = -5;      /* a negative cost: not in the fit */
	x[n] = 0.3;
	check_int(liq_impact_fit_loglin(c, x, n + 1, 40, work, &f), 0);
	check_int(f.n, (long)n);
	check_near(f.alpha, 0.7, 1e-6);
	check_near(f.beta, 0.45, 1e-6);
	check_near(f.h, 0, 0);
	check_near(f.se_h, 0, 0);
	check_near(f.r2, 1, 1e-9);
	check_near(liq_impact_cost(&f, 40, 2.0), 0.7 * 40 * pow(2.0, 0.45), 1e-9);
}

/* Costs that fall with size have no positive alpha: no fit; too few
 * prints or a single size: no fit either. */
static void
t_nls_unusable(void)
{
	double x[16], c[16], work[64];
	liq_impact_fit f;
	size_t i, n = sizes(x);

	for (i = 0; i < n; i++)
		c[i] = 50 - 10 * log(x[i] * 1e6);
	check_int(liq_impact_fit_nls(c, x, NULL, n, 50, work, &f), -1);
	check_int(f.ok, 0);
	check(isnan(f.alpha));
	check_int(liq_impact_fit_nls(c, x, NULL, 3, 50, work, &f), -1);
	for (i = 0; i < n; i++)
		x[i] = 0.5;
	check_int(liq_impact_fit_nls(c, x, NULL, n, 50, work, &f), -1);
	check_int(liq_impact_fit_loglin(c, x, n, 50, work, &f), -1);
}

/* The Kalman filter by hand: sigma^2 = 4 a day, noise 1.
 * z = 0 at u = 0: m = 0, P = 1.
 * z = 2 at u = 0: before it ref 0, var 1; K = 1/2: m = 1, P = 1/2.
 * z = 5 (not used, r = inf) at u = 1: ref 1, var 1/2 + 4 = 4.5.
 * z = 3 at u = 1.5: ref 1, var 4.5 + 2 = 6.5; K = 6.5/7.5. */
static void
t_filter_hand(void)
{
	double z[] = { 0, 2, 5, 3, 0 }, r[] = { 1, 1, INFINITY, 1, 1 },
	       u[] = { 0, 0, 1, 1.5, 1.5 }, ref[5], var[5];

	liq_impact_filter(z, r, u, 5, 2, ref, var);
	check(isnan(ref[0]) && isnan(var[0]));
	check_near(ref[1], 0, 1e-12);
	check_near(var[1], 1, 1e-12);
	check_near(ref[2], 1, 1e-12);
	check_near(var[2], 4.5, 1e-12);
	check_near(ref[3], 1, 1e-12);
	check_near(var[3], 6.5, 1e-12);
	check_near(ref[4], 1 + 6.5 / 7.5 * 2, 1e-12);
	check_near(var[4], 6.5 / 7.5, 1e-12);
}

static int MON; /* a Monday */

static liq_trade
T(int bd, int hh, int mm, double p, double q, int sign)
{
	liq_trade t;
	t.bday = liq_bday_floor(MON) + bd;
	t.day = liq_bday_date(t.bday);
	t.tsec = hh * 3600 + mm * 60;
	t.price = p;
	t.qty = q;
	t.sign = sign;
	return t;
}

/* A bond built by hand from a seeded random walk (sigma 30 bps a day):
 * dealers print it +- 20 bps, customers pay 40 bps. The reference of a
 * customer trade is the filter over the earlier prints only: with the
 * filter's variances estimated on the first 30 days (through), changing
 * a later trade and everything after it leaves its reference and every
 * earlier one unchanged, and its cost is s (P - ref) / ref. The first
 * trade has no reference; a dealer print has no cost; the references
 * follow the walk. */
static void
t_reference_hand(void)
{
	enum { D = 40 };
	liq_trade t[4 * D];
	liq_impact_opts o = { LIQ_IMPACT_NLS, 10, INT_MAX };
	liq_impact_work w = { 0 };
	liq_impact_res r;
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	double ref[4 * D], cost[4 * D], eff[4 * D], e = 100, err = 0;
	size_t i, n = 0, k = 4 * 32 + 1;
	int d, j;

	gsl_rng_set(g, 3);
	o.through = liq_bday_date(liq_bday_floor(MON) + 29);
	for (d = 0; d < D; d++) {
		for (j = 0; j < 4; j++) {
			/* dealer first and last, customers of random sides */
			int sg = j == 0 || j == 3 ? 0 : gsl_rng_uniform(g) < 0.5 ? -1 : 1;
			double s = sg ? 40 * sg : (gsl_rng_uniform(g) < 0.5 ? -20 : 20);
			e *= exp(gsl_ran_gaussian(g, 30e-4 / 2));
			eff[n] = e;
			t[n++] = T(d, 9 + 2 * j, 0, e * (1 + s / 1e4), sg ? 2e5 : 1e6, sg);
		}
	}
	liq_impact_bond(t, n, &o, &w, &r);
	check(isnan(w.ref[0]) && isnan(w.cost[0]));
	check(!isnan(w.cost[1]));
	check(isnan(w.cost[3]));
	for (i = 0; i < n; i++) {
		ref[i] = w.ref[i];
		cost[i] = w.cost[i];
		if (t[i].sign && i > 0)
			check_near(cost[i], t[i].sign * (t[i].price / ref[i] - 1) * 1e4,
				   1e-6);
		if (i >= 8)
			err += fabs(ref[i] / eff[i] - 1) * 1e4 / (double)(n - 8);
	}
	check(err < 30);   /* mean |ref - efficient|, bps */
	/* moving trade k (a customer trade) and every later print moves no
	 * reference up to k; trade k's cost moves by the 5% */
	check(t[k].sign != 0);
	t[k].price *= t[k].sign > 0 ? 1.05 : 0.95;
	for (i = k + 1; i < n; i++)
		t[i].price *= 0.97;
	liq_impact_bond(t, n, &o, &w, &r);
	for (i = 0; i <= k; i++)
		check_near(w.ref[i], ref[i], 1e-9);
	check(fabs(w.ref[k + 1] - ref[k + 1]) > 1e-6);
	check(w.cost[k] > cost[k] + 450);
	/* ADV: $2.4MM a day over the business days; prints up to through */
	check_near(r.adv_usd, 2.4e6, 1e-6);
	check_int(r.prints, 2 * 30);
	liq_impact_work_free(&w);
	gsl_rng_free(g);
}

/* Business time: a day is one unit; Friday 17:00 to Monday 08:00 is
 * 15/24 of one. ADV divides by every business day, zero days included. */
static void
t_time_adv(void)
{
	liq_trade a = T(4, 17, 0, 100, 1e6, 1), b = T(5, 8, 0, 100, 3e6, -1);
	liq_trade v[2] = { a, b };

	check_int(liq_dow(a.day), 4);
	check_near(liq_impact_time(&b) - liq_impact_time(&a), 15.0 / 24, 1e-12);
	check_near(liq_impact_adv(v, 2), 4e6 / 2, 1e-6);
	v[1] = T(9, 8, 0, 100, 3e6, -1);
	check_near(liq_impact_adv(v, 2), 4e6 / 6, 1e-6);
}

/* A random walk with sigma 40 bps a day, dealer prints +-15 bps and
 * customer prints with noise 5 bps: the volatility and both noises come
 * back (seeded, so this is deterministic). */
static void
t_vol_simulated(void)
{
	enum { N = 6000 };
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	double *z = malloc(N * sizeof *z), *u = malloc(N * sizeof *u),
	       *work = malloc(5 * N * sizeof *work), x = 0;
	liq_vol v;
	int *kind = malloc(N * sizeof *kind), i;

	gsl_rng_set(g, 7);
	for (i = 0; i < N; i++) {
		double du = i ? gsl_ran_exponential(g, 0.25) : 0;
		u[i] = i ? u[i - 1] + du : 0;
		x += gsl_ran_gaussian(g, 40 * sqrt(du));
		kind[i] = gsl_rng_uniform(g) < 0.3 ? 0 : 1;
		z[i] = x + (kind[i] == 0 ? (gsl_rng_uniform(g) < 0.5 ? -15 : 15)
					 : gsl_ran_gaussian(g, 5));
	}
	liq_impact_vol(z, u, kind, N, work, &v);
	check_rel(v.sigma, 40, 0.05);
	check_rel(v.sd_dealer, 15, 0.15);
	check_rel(v.sd_cust, 5, 0.5);
	check_int(v.pairs, N - 1);
	/* the standard error of log sigma is about 1 / sqrt(2 pairs), a
	 * little more for the noise */
	check(v.se_log > 1 / sqrt(2.0 * N) && v.se_log < 3 / sqrt(2.0 * N));
	check(fabs(log(v.sigma / 40)) < 3 * v.se_log);
	/* a jump of 5% in the middle is dropped, not taken as volatility */
	for (i = N / 2; i < N; i++)
		z[i] += 500;
	liq_impact_vol(z, u, kind, N, work, &v);
	check_rel(v.sigma, 40, 0.05);
	check_int(v.pairs, N - 2);
	free(z);
	free(u);
	free(work);
	free(kind);
	gsl_rng_free(g);
}

/* The closed form by hand. T = diag(.04, .01), mu = (0, .5), theta =
 * (.2, .7). With S = T: K = I/2, post = (.1, .6), P = T/2, weight = 1 -
 * sqrt(1/4) = .5. With S = (.04 .01; .01 .01): T + S = (.08 .01; .01 .02),
 * det .0015, K = T (T+S)^-1 = (.0008 -.0004; -.0001 .0008) / .0015,
 * post = (.2 (.0008 - .0004), .5 + .2 (.0008 - .0001)) / .0015 as written
 * below. */
static void
t_shrink_hand(void)
{
	liq_prior p = { 0 };
	double th[2] = { 0.2, 0.7 }, S[3] = { 0.04, 0, 0.01 }, post[2], P[3], w;
	double S2[3] = { 0.04, 0.01, 0.01 };
	liq_cost_params fit = { { 20, 0.2, 0.7 }, { 25, 0, 0, 0.04, 0, 0.01 } }, q;

	p.n = 30;
	p.mu[0] = 0;
	p.mu[1] = 0.5;
	p.T[0] = 0.04;
	p.T[1] = 0;
	p.T[2] = 0.01;
	p.h_a = log(20);
	p.h_b = 0;
	p.h_tau2 = 0.1;
	liq_shrink_linear(&p, th, S, post, P);
	check_near(post[0], 0.1, 1e-12);
	check_near(post[1], 0.6, 1e-12);
	check_near(P[0], 0.02, 1e-12);
	check_near(P[1], 0, 1e-12);
	check_near(P[2], 0.005, 1e-12);
	liq_shrink_linear(&p, th, S2, post, P);
	check_near(post[0], 0.2 * (0.0008 - 0.0004) / 0.0015, 1e-12);
	check_near(post[1], 0.5 + 0.2 * (0.0008 - 0.0001) / 0.0015, 1e-12);
	/* the mode without a level is the closed form; weight 1/2 */
	check_int(liq_shrink(&p, &fit, NULL, &q, &w), 0);
	check_near(q.v[1], 0.1, 1e-7);
	check_near(q.v[2], 0.6, 1e-7);
	check_near(q.c[3], 0.02, 1e-7);
	check_near(q.c[5], 0.005, 1e-7);
	check_near(w, 0.5, 1e-6);
	/* no fit, no level: the prior, h at its median exp(h_a) */
	check_int(liq_shrink(&p, NULL, NULL, &q, &w), 0);
	check_near(q.v[0], 20, 1e-6);
	check_near(q.v[1], 0, 1e-7);
	check_near(q.v[2], 0.5, 1e-7);
	check_near(w, 0, 1e-6);
}

/* A precise level is matched: h + alpha sigma exp(K(beta)) = m. */
static void
t_shrink_level(void)
{
	liq_prior p = { 0 };
	liq_level lv = { 80, 0.01, { log(0.5), -1.2, 1.5 }, 40, NAN, log(1e6) };
	liq_cost_params q;
	double w, d, K;

	p.n = 30;
	p.mu[1] = 0.55;
	p.T[0] = 0.09;
	p.T[2] = 0.01;
	p.h_a = log(20);
	p.h_tau2 = 0.2;
	check_int(liq_shrink(&p, NULL, &lv, &q, &w), 0);
	d = q.v[2] - 0.5;
	K = lv.k[0] + lv.k[1] * d + lv.k[2] * d * d / 2;
	check_near(q.v[0] + exp(q.v[1] + K) * 40, 80, 0.05);
	check(q.v[0] > 0);
}

/* Trimmed means and Paule-Mandel between-bond variances of exact
 * estimates: log alpha 0..4 (mean 2, sum of squares 10) gives
 * tau^2 = 10 / (4 E[min(Z^2, 2.5^2)]); the same for log sigma; log h on
 * log ADV by hand; and the volatility's normal-normal posterior. */
static void
t_prior_hand(void)
{
	liq_cost_params e[5];
	liq_level lv[5];
	double work[15], c = 2.5, k, var, ls;
	liq_prior p;
	int i;

	for (i = 0; i < 5; i++) {
		e[i].v[0] = 10 * (i + 1);
		e[i].v[1] = i;
		e[i].v[2] = 0.5 + 0.1 * (i - 2);
		e[i].c[0] = e[i].c[1] = e[i].c[2] = e[i].c[4] = 0;
		e[i].c[3] = e[i].c[5] = 0;
		lv[i].ladv = log(1e6) + i;
		lv[i].sigma = 50 * exp(0.2 * (i - 2));
		lv[i].se_log_sigma = 1e-9;
	}
	k = erf(c / sqrt(2)) - 2 * c * exp(-c * c / 2) / sqrt(2 * M_PI) +
	    c * c * erfc(c / sqrt(2));
	check_int(liq_prior_estimate(e, lv, 5, 0, &p, work), 0);
	check_near(p.mu[0], 2, 1e-12);
	check_near(p.mu[1], 0.5, 1e-12);
	check_near(p.T[0], 10 / (4 * k), 1e-9);
	check_near(p.T[2], 0.1 / (4 * k), 1e-9);
	check_near(p.ls_mu, log(50), 1e-12);
	check_near(p.ls_tau2, 0.4 / (4 * k), 1e-9);
	/* log h = log 10 + log(i + 1) on log ADV = log 1e6 + i: the OLS
	 * slope by hand */
	{
		double sx = 0, sy = 0, sxx = 0, sxy = 0, b;
		for (i = 0; i < 5; i++) {
			sx += lv[i].ladv;
			sy += log(10.0 * (i + 1));
			sxx += lv[i].ladv * lv[i].ladv;
			sxy += lv[i].ladv * log(10.0 * (i + 1));
		}
		b = (sxy - sx * sy / 5) / (sxx - sx * sx / 5);
		check_near(p.h_b, b, 1e-9);
	}
	/* sigma 80 with se .5 against the prior (log 50, tau2): the
	 * precision-weighted average */
	lv[0].sigma = 80;
	lv[0].se_log_sigma = 0.5;
	ls = liq_shrink_log_sigma(&p, &lv[0], &var);
	check_near(ls, (log(80) / 0.25 + log(50) / p.ls_tau2) /
			       (1 / 0.25 + 1 / p.ls_tau2), 1e-12);
	check_near(var, 1 / (1 / 0.25 + 1 / p.ls_tau2), 1e-12);
	check_int(liq_prior_estimate(e, lv, 2, 0, &p, work), -1);
}

static liq_cost_model
model(void)
{
	liq_cost_model m = { 0 };
	m.ok = 1;
	m.h = 10;
	m.alpha = 0.5;
	m.beta = 0.5;
	m.sigma_bps = 40;
	m.adv_usd = 1e6;
	m.resid_lo = -30;
	m.resid_hi = 40;
	return m;
}

/* $4MM over an ADV of $1MM: impact 0.5 40 4^0.5 = 40, cost 50 bps,
 * $20,000, 40 days at 10%. Without parameter uncertainty the interval is
 * the residual quantiles; with var(log alpha) = .01 the expectation's sd
 * is 40 x .1 = 4 bps. */
static void
t_pretrade_hand(void)
{
	liq_cost_model m = model();
	liq_cost c;
	double sp = 1.6448536269514722 * 4;

	liq_pretrade_cost(&m, 4e6, 0.1, &c);
	check_near(c.half_spread_bps, 10, 1e-12);
	check_near(c.impact_bps, 40, 1e-12);
	check_near(c.cost_bps, 50, 1e-12);
	check_near(c.cost_usd, 20000, 1e-6);
	check_near(c.exec_days, 40, 1e-12);
	check_near(c.cost_lo_bps, 20, 1e-12);
	check_near(c.cost_hi_bps, 90, 1e-12);
	m.c[3] = 0.01;
	liq_pretrade_cost(&m, 4e6, 0.1, &c);
	check_near(c.cost_lo_bps, 50 - sqrt(900 + sp * sp), 1e-9);
	check_near(c.cost_hi_bps, 50 + sqrt(1600 + sp * sp), 1e-9);
	/* unknown residual spread: no interval */
	m.resid_lo = NAN;
	liq_pretrade_cost(&m, 4e6, 0.1, &c);
	check(isnan(c.cost_lo_bps));
	check_near(c.cost_bps, 50, 1e-12);
}

/* The inverse queries give back what they were asked for. */
static void
t_inverse_roundtrip(void)
{
	liq_cost_model m = model();
	liq_cost c;
	double targets[] = { 10.5, 25, 50, 200, 1000 }, q;
	int i;

	for (i = 0; i < 5; i++) {
		q = liq_pretrade_size_for_cost(&m, targets[i]);
		liq_pretrade_cost(&m, q, 0.1, &c);
		check_rel(c.cost_bps, targets[i], 1e-12);
	}
	check_near(liq_pretrade_size_for_cost(&m, 50), 4e6, 1e-3);
	check_near(liq_pretrade_size_for_cost(&m, 10), 0, 0);
	check_near(liq_pretrade_size_for_cost(&m, 5), 0, 0);
	for (i = 1; i <= 20; i++) {
		q = liq_pretrade_size_for_days(&m, i / 4.0, 0.15);
		liq_pretrade_cost(&m, q, 0.15, &c);
		check_near(c.exec_days, i / 4.0, 1e-12);
	}
}

int
main(void)
{
	MON = liq_date_from_ymd(2024, 1, 8);
	TEST(t_nls_exact(), "NLS recovers h, alpha, beta of an exact power law to 1e-6");
	TEST(t_loglin_exact(), "loglin recovers alpha, beta of an exact power law to 1e-6");
	TEST(t_nls_unusable(), "no fit without a rising cost, with 3 prints or one size");
	TEST(t_filter_hand(), "Kalman filter of the reference, by hand");
	TEST(t_reference_hand(), "reference price on a hand-built bond: earlier prints only");
	TEST(t_time_adv(), "business time and ADV with zero days");
	TEST(t_vol_simulated(), "volatility and print noise of a simulated walk, jumps dropped");
	TEST(t_shrink_hand(), "shrinkage formula by hand; the mode equals it without a level");
	TEST(t_shrink_level(), "a precise level is matched by the posterior");
	TEST(t_prior_hand(), "prior: trimmed mean, Paule-Mandel variance, log h on log ADV");
	TEST(t_pretrade_hand(), "pre-trade cost, dollars, days and interval by hand");
	TEST(t_inverse_roundtrip(), "inverse queries round-trip");
	return tap_done();
}
