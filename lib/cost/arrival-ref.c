#include "cost/arrival-ref.h"

#include "core/diag.h"
#include "core/ols.h"
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- volatility and noise -------------------------------------------- */

/* The smallest noise variance a print is given, bps^2: about that of
 * rounding a price to 0.001 per 100 (0.1 bp, uniform). */
#define NOISE_MIN 1e-3

/* The smallest variance rate: this share of the raw one (noise included). */
#define VOL_FLOOR 0.05

void
liq_impact_vol(const double *z, const double *u, const int *kind, size_t n,
	       double *work, liq_vol *v)
{
	double *X = work, *Y = work + 3 * n, *du = work + 4 * n;
	double beta[3], se[3], sdz = 0, sdu = 0, sraw = 0, syy = 0, nv[2] = { NAN, NAN },
	       fl[2] = { NAN, NAN };
	size_t i, m = 0, k;
	long has[2] = { 0, 0 };
	int col[2], p = 1, pass;
	size_t prev = (size_t)-1;

	v->sigma = v->se_log = v->sd_dealer = v->sd_cust = NAN;
	v->pairs = 0;
	/* the pairs: one row each, columns du, dealer count, customer count */
	for (i = 0; i < n; i++) {
		if (kind[i] < 0)
			continue;
		if (prev != (size_t)-1) {
			int k0 = kind[prev], k1 = kind[i];
			double d = z[i] - z[prev];
			du[m] = u[i] > u[prev] ? u[i] - u[prev] : 0;
			Y[m] = d * d;
			X[3 * m] = du[m];
			X[3 * m + 1] = (k0 == 0) + (k1 == 0);
			X[3 * m + 2] = (k0 == 1) + (k1 == 1);
			has[0] += X[3 * m + 1] > 0;
			has[1] += X[3 * m + 2] > 0;
			m++;
		}
		prev = i;
	}
	if (m == 0)
		return;
	/* columns of the kinds present, packed to the left */
	col[0] = col[1] = -1;
	for (k = 0; k < 2; k++)
		if (has[k])
			col[k] = p++;
	for (i = 0; i < m; i++) {
		double r[3] = { X[3 * i], X[3 * i + 1], X[3 * i + 2] };
		X[p * i] = r[0];
		for (k = 0; k < 2; k++)
			if (col[k] > 0)
				X[p * i + col[k]] = r[1 + k];
	}
	for (pass = 0; pass < 2; pass++) {
		size_t kept = 0;
		if (liq_ols(X, Y, m, (size_t)p, beta, se, NULL, NULL) != 0)
			break;
		/* a noise variance we cannot tell from 0 is taken as large as
		 * its standard error: never 0, which would make the filter
		 * trust a print completely */
		for (k = 0; k < 2; k++) {
			nv[k] = col[k] > 0 ? fmax(0, beta[col[k]]) : NAN;
			fl[k] = col[k] > 0 ? fmax(NOISE_MIN, fmax(se[col[k]], beta[col[k]]))
					   : NAN;
		}
		if (pass == 1)
			break;
		/* drop the jumps: a pair far above its fitted variance */
		for (i = 0; i < m; i++) {
			double fv = fmax(beta[0], 0) * X[p * i];
			for (k = 0; k < 2; k++)
				if (col[k] > 0)
					fv += nv[k] * X[p * i + col[k]];
			if (Y[i] <= 25 * fv || !(fv > 0)) {
				memmove(X + p * kept, X + p * i, (size_t)p * sizeof *X);
				Y[kept] = Y[i];
				du[kept] = du[i];
				kept++;
			}
		}
		m = kept;
	}
	for (i = 0; i < m; i++) {
		double noise = 0;
		for (k = 0; k < 2; k++)
			if (col[k] > 0 && !isnan(nv[k]))
				noise += nv[k] * X[p * i + col[k]];
		sdz += Y[i] - noise;
		sraw += Y[i];
		syy += Y[i] * Y[i];
		sdu += du[i];
	}
	/* the noise can swallow all of a short sample's variance: the price
	 * then moves little, but not never */
	if (sdu > 0 && sraw > 0) {
		sdz = fmax(sdz, VOL_FLOOR * sraw);
		v->sigma = sqrt(sdz / sdu);
		v->se_log = 0.5 * sqrt(2.0 / 3 * syy) / sdz;
	}
	v->pairs = (long)m;
	v->sd_dealer = sqrt(fl[0]);
	v->sd_cust = sqrt(fl[1]);
}

void
liq_impact_filter(const double *z, const double *r, const double *u,
		  size_t n, double sigma, double *ref, double *var)
{
	double m = NAN, P = 0, s2 = sigma * sigma, last = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isnan(m)) {
			if (u[i] > last) {
				P += s2 * (u[i] - last);
				last = u[i];
			}
			ref[i] = m;
			var[i] = P;
		} else
			ref[i] = var[i] = NAN;
		if (!isfinite(r[i]) || isnan(z[i]))
			continue;
		if (isnan(m)) {
			m = z[i];
			P = r[i];
			last = u[i];
		} else {
			double K = P + r[i] > 0 ? P / (P + r[i]) : 1;
			m += K * (z[i] - m);
			P *= 1 - K;
		}
	}
}

double
liq_impact_time(const liq_trade *t)
{
	return (double)t->bday + t->tsec / 86400.0;
}

double
liq_impact_adv(const liq_trade *t, size_t n)
{
	double q = 0;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++)
		q += t[i].qty;
	return q / (double)(t[n - 1].bday - t[0].bday + 1);
}

/* ---- one bond -------------------------------------------------------- */

void
liq_impact_work_free(liq_impact_work *w)
{
	free(w->ref);
	free(w->buf);
	memset(w, 0, sizeof *w);
}

static void
work_grow(liq_impact_work *w, size_t n)
{
	if (n <= w->cap)
		return;
	free(w->ref);
	free(w->buf);
	w->cap = n + n / 2 + 16;
	/* ref ref_sd cost lref z r u, then 12n of scratch */
	w->ref = liq_xmalloc(7 * w->cap * sizeof *w->ref);
	w->ref_sd = w->ref + w->cap;
	w->cost = w->ref_sd + w->cap;
	w->lref = w->cost + w->cap;
	w->z = w->lref + w->cap;
	w->r = w->z + w->cap;
	w->u = w->r + w->cap;
	w->buf = liq_xmalloc(12 * w->cap * sizeof *w->buf);
}

/* Realized costs of the customer trades from the filter's output (ref in
 * log bps), and the arrays the fits need over the first nt trades:
 * c, x = q/adv, wt = 1 / (ref variance + customer noise variance); a
 * capped print (its size only known to be at least the cap) has a cost
 * but stays out of the size fit. Returns the number of prints in the
 * fit arrays. */
static size_t
costs(const liq_trade *t, size_t n, size_t nt, liq_impact_work *w,
      const double *var, double adv, double noise_var, double *c, double *x,
      double *wt)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++) {
		w->ref_sd[i] = sqrt(var[i]);
		w->ref[i] = exp(w->lref[i] / 1e4);
		if (!t[i].sign || isnan(w->lref[i])) {
			w->cost[i] = NAN;
			continue;
		}
		/* c = s (P - Pref) / Pref * 1e4, both prices as log bps */
		w->cost[i] = t[i].sign * expm1((w->z[i] - w->lref[i]) / 1e4) * 1e4;
		if (i < nt && !t[i].capped) {
			c[m] = w->cost[i];
			x[m] = t[i].qty / adv;
			wt[m] = 1 / (var[i] + noise_var);
			m++;
		}
	}
	return m;
}

/* The spread of a new trade's cost around its expectation. sd_recent is
 * the model sd of a cost, sqrt(reference variance + customer noise),
 * averaged (as a variance) over the prints of the sample's last 63
 * business days: a bond that trades less often than it used to has
 * staler references, and its next trades will too. When the fit is
 * usable, its residuals standardized by their own model sd give the 5%
 * and 95% quantiles z_lo, z_hi (times sqrt(n / (n - p)) for the p
 * parameters fitted), and resid_lo/hi = z sd_recent. */
static void
spread(const liq_trade *t, size_t nt, const liq_impact_work *w,
       const double *var, liq_impact_res *res, double *zb)
{
	double nv = isnan(res->noise_bps) ? 0 : res->noise_bps * res->noise_bps;
	double sv = 0, f;
	long from = t[nt - 1].bday - 62, nr = 0;
	size_t i, m = 0;
	int p = res->fit.ok && res->fit.se_h > 0 ? 3 : 2;

	for (i = 0; i < nt; i++) {
		double v;
		if (isnan(w->cost[i]) || t[i].capped)
			continue;
		v = var[i] + nv;
		if (res->fit.ok)
			zb[m++] = (w->cost[i] -
				   liq_impact_cost(&res->fit, res->sigma_bps,
						   t[i].qty / res->adv_usd)) / sqrt(v);
		if (t[i].bday >= from) {
			sv += v;
			nr++;
		}
	}
	res->sd_recent = nr ? sqrt(sv / (double)nr) : NAN;
	if (!res->fit.ok || !nr)
		return;
	f = (double)m > p + 1 ? sqrt((double)m / ((double)m - p)) : 1;
	res->z_lo = f * liq_quantile(zb, m, 0.05);
	res->z_hi = f * liq_quantile(zb, m, 0.95);
	res->fit.resid_lo = res->z_lo * res->sd_recent;
	res->fit.resid_hi = res->z_hi * res->sd_recent;
}

/* The level of the bond's costs, what its prints pin down best whatever
 * the curve: the weighted mean cost (weights 1 / model variance) with its
 * standard error (sandwich form), and the cumulant generating function
 * K(b) = log(sum w x^b / sum w) of x = q/ADV at b = 0.5 with its first two
 * derivatives, so that sum w (alpha sigma x^b) / sum w = alpha sigma
 * exp(K(b)) can be evaluated for a curve other than the fit's
 * (impact-shrink does, to move h with the curve). */
static void
level(const double *c, const double *x, const double *w, size_t m,
      liq_impact_res *res)
{
	double sw = 0, swc = 0, ss = 0, st = 0, stl = 0, stll = 0;
	size_t i;

	if (m == 0)
		return;
	for (i = 0; i < m; i++) {
		sw += w[i];
		swc += w[i] * c[i];
	}
	res->mean_cost = swc / sw;
	for (i = 0; i < m; i++) {
		double d = w[i] * (c[i] - res->mean_cost), lx = log(x[i]),
		       tw = w[i] * sqrt(x[i]);
		ss += d * d;
		st += tw;
		stl += tw * lx;
		stll += tw * lx * lx;
	}
	res->se_mean_cost = m > 1 ? sqrt(ss * (double)m / (double)(m - 1)) / sw
				  : NAN;
	res->k[0] = log(st / sw);
	res->k[1] = stl / st;
	res->k[2] = fmax(0, stll / st - res->k[1] * res->k[1]);
}

void
liq_impact_bond(const liq_trade *t, size_t n, const liq_impact_opts *o,
		liq_impact_work *w, liq_impact_res *res)
{
	double *var, *c, *x, *wt, *kind_d, *scratch;
	int *kind;
	size_t i, nt = 0, m = 0;
	liq_impact_fit pilot;
	double sig, sdd, sdc;
	liq_vol vol;
	int pass;

	work_grow(w, n);
	var = w->buf;
	c = var + w->cap;
	x = c + w->cap;
	wt = x + w->cap;
	kind_d = wt + w->cap;
	scratch = kind_d + w->cap;  /* 5 cap for liq_impact_vol, 3 for fits */
	kind = (int *)(void *)kind_d;

	memset(res, 0, sizeof *res);
	liq_impact_fit_na(&res->fit, 0);
	res->sigma_bps = res->adv_usd = res->noise_bps = res->dealer_bps = NAN;
	res->se_log_sigma = NAN;
	res->z_lo = res->z_hi = res->sd_recent = NAN;
	res->mean_cost = res->se_mean_cost = NAN;
	res->k[0] = res->k[1] = res->k[2] = NAN;
	while (nt < n && t[nt].day <= o->through)
		nt++;
	for (i = 0; i < n; i++) {
		w->u[i] = liq_impact_time(&t[i]);
		w->z[i] = 1e4 * log(t[i].price);
		kind[i] = t[i].sign != 0;
		w->ref[i] = w->cost[i] = w->ref_sd[i] = NAN;
		res->prints += i < nt && t[i].sign != 0;
	}
	if (nt == 0)
		return;
	res->adv_usd = liq_impact_adv(t, nt);
	liq_impact_fit_na(&pilot, 0);
	/* Pass 0 filters the raw prints (a customer print's cost is then
	 * noise of a random sign); each later pass removes the expected cost
	 * of the pilot fit from the customer prints before filtering. */
	for (pass = 0; pass < 3; pass++) {
		double *zz = scratch; /* the filtered series: z with costs removed */
		for (i = 0; i < n; i++) {
			zz[i] = w->z[i];
			if (t[i].sign && pilot.ok) {
				double ce = liq_impact_cost(&pilot, res->sigma_bps,
							    t[i].qty / res->adv_usd);
				zz[i] -= 1e4 * log1p(t[i].sign * ce / 1e4);
			}
		}
		liq_impact_vol(zz, w->u, kind, nt, scratch + n, &vol);
		sig = vol.sigma;
		sdd = vol.sd_dealer;
		sdc = vol.sd_cust;
		if (isnan(sig))
			return;
		res->se_log_sigma = vol.se_log;
		if (isnan(sdd) && isnan(sdc))
			sdd = sdc = sig / 2; /* too few pairs for a noise estimate */
		res->sigma_bps = sig;
		res->dealer_bps = sdd;
		res->noise_bps = sdc;
		for (i = 0; i < n; i++)
			w->r[i] = kind[i] ? (isnan(sdc) ? INFINITY : sdc * sdc)
					  : (isnan(sdd) ? INFINITY : sdd * sdd);
		liq_impact_filter(zz, w->r, w->u, n, sig, w->lref, var);
		m = costs(t, n, nt, w, var, res->adv_usd,
			  isnan(sdc) ? 0 : sdc * sdc, c, x, wt);
		if ((long)m < o->min_prints || m < 4)
			break;
		if (pass < 2 &&
		    liq_impact_fit_quick(c, x, wt, m, sig, scratch + n, &pilot) != 0)
			break;
	}
	res->fit.n = (long)m;
	if ((long)m >= o->min_prints) {
		if (o->method == LIQ_IMPACT_LOGLIN)
			liq_impact_fit_loglin(c, x, m, res->sigma_bps, scratch,
					      &res->fit);
		else
			liq_impact_fit_nls(c, x, wt, m, res->sigma_bps, scratch,
					   &res->fit);
	}
	level(c, x, wt, m, res);
	spread(t, nt, w, var, res, scratch);
}
