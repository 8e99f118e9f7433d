#include "cost/impact.h"

#include "core/diag.h"
#include "core/ols.h"
#include "core/stats.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int
liq_impact_method(const char *name)
{
	if (strcmp(name, "nls") == 0)
		return LIQ_IMPACT_NLS;
	if (strcmp(name, "loglin") == 0)
		return LIQ_IMPACT_LOGLIN;
	return -1;
}

const char *
liq_impact_method_name(int method)
{
	return method == LIQ_IMPACT_LOGLIN ? "loglin" : "nls";
}

static void
fit_na(liq_impact_fit *f, long n)
{
	f->ok = 0;
	f->n = n;
	f->h = f->alpha = f->beta = NAN;
	f->se_h = f->se_la = f->se_b = NAN;
	f->cov_h_la = f->cov_h_b = f->cov_la_b = NAN;
	f->r2 = f->resid_lo = f->resid_hi = f->s2 = NAN;
}

double
liq_impact_cost(const liq_impact_fit *f, double sigma, double x)
{
	return f->h + f->alpha * sigma * pow(x, f->beta);
}

/* 5% and 95% quantiles of c - fitted, and r2 of the costs when r2 is
 * not NULL. `work` holds n doubles. */
static void
residuals(liq_impact_fit *f, const double *c, const double *x, size_t n,
	  double sigma, double *work, double *r2)
{
	double mc = 0, tss = 0, rss = 0;
	size_t i;

	for (i = 0; i < n; i++)
		mc += c[i];
	mc /= (double)n;
	for (i = 0; i < n; i++) {
		work[i] = c[i] - liq_impact_cost(f, sigma, x[i]);
		rss += work[i] * work[i];
		tss += (c[i] - mc) * (c[i] - mc);
	}
	if (r2)
		*r2 = tss > 0 ? 1 - rss / tss : NAN;
	f->resid_lo = liq_quantile(work, n, 0.05);
	f->resid_hi = liq_quantile(work, n, 0.95);
}

/* ---- loglin ---------------------------------------------------------- */

int
liq_impact_fit_loglin(const double *c, const double *x, size_t n_all,
		      double sigma, double *work, liq_impact_fit *fit)
{
	double *lx = work, *ly = work + n_all, mx = 0;
	liq_ols1_fit o;
	size_t i, m = 0;

	for (i = 0; i < n_all; i++)
		if (c[i] > 0) {
			lx[m] = log(x[i]);
			ly[m] = log(c[i] / sigma);
			mx += lx[m];
			m++;
		}
	fit_na(fit, (long)m);
	if (m < 3 || !(sigma > 0) || liq_ols1(lx, ly, m, &o) != 0)
		return -1;
	mx /= (double)m;
	fit->ok = 1;
	fit->h = 0;
	fit->se_h = fit->cov_h_la = fit->cov_h_b = 0;
	fit->alpha = exp(o.a);
	fit->beta = o.b;
	fit->se_la = o.se_a;
	fit->se_b = o.se_b;
	/* Cov(a, b) = -xbar s^2 / Sxx = -xbar se_b^2 */
	fit->cov_la_b = -mx * o.se_b * o.se_b;
	fit->r2 = o.r2;
	fit->s2 = o.s2;
	residuals(fit, c, x, n_all, sigma, work + 2 * n_all, NULL);
	return 0;
}

/* ---- NLS ------------------------------------------------------------- */

/* beta is searched in [BETA_LO, BETA_HI]: wide enough for any impact
 * law seen in practice (the square-root law is 0.5), narrow enough to
 * exclude the degenerate ends (beta -> 0 with h -> -inf, beta -> inf
 * with a step at q = ADV) that noisy data otherwise drift into. */
#define BETA_LO 0.05
#define BETA_HI 2.0

#define NU_S2 10.0

typedef struct nls_data {
	const double *c, *lx, *w;  /* costs, log x, weights (NULL: 1) */
	size_t n;
	double sigma;
	int fix_h;                 /* 1: h held at 0, parameters (log alpha, beta) */
} nls_data;

/* parameters: h, a = log alpha, beta (without h when fix_h) */
static int
nls_f(const gsl_vector *p, void *vd, gsl_vector *f)
{
	const nls_data *d = vd;
	int o = d->fix_h ? 1 : 0;
	double h = o ? 0 : gsl_vector_get(p, 0),
	       A = exp(gsl_vector_get(p, 1 - o)) * d->sigma,
	       b = gsl_vector_get(p, 2 - o);
	size_t i;

	for (i = 0; i < d->n; i++) {
		double sw = d->w ? sqrt(d->w[i]) : 1;
		gsl_vector_set(f, i, sw * (h + A * exp(b * d->lx[i]) - d->c[i]));
	}
	return GSL_SUCCESS;
}

static int
nls_df(const gsl_vector *p, void *vd, gsl_matrix *J)
{
	const nls_data *d = vd;
	int o = d->fix_h ? 1 : 0;
	double A = exp(gsl_vector_get(p, 1 - o)) * d->sigma,
	       b = gsl_vector_get(p, 2 - o);
	size_t i;

	for (i = 0; i < d->n; i++) {
		double sw = d->w ? sqrt(d->w[i]) : 1, m = A * exp(b * d->lx[i]);
		if (!o)
			gsl_matrix_set(J, i, 0, sw);
		gsl_matrix_set(J, i, 1 - o, sw * m);
		gsl_matrix_set(J, i, 2 - o, sw * m * d->lx[i]);
	}
	return GSL_SUCCESS;
}

/* Polish the constrained optimum with GSL's trust-region solver
 * (Levenberg-Marquardt): over (h, log alpha, beta), or with h held at 0
 * when h is on its bound or the free solution would cross it. A result
 * is kept only if it stays inside the bounds and does not raise the
 * RSS. */
static void
polish(nls_data *d, double *h, double *la, double *b, double *rss)
{
	gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
	gsl_multifit_nlinear_workspace *ws;
	gsl_multifit_nlinear_fdf fdf;
	int info, fix;

	/* three parameters and many prints: normal equations are enough */
	par.solver = gsl_multifit_nlinear_solver_cholesky;

	for (fix = *h > 0 ? 0 : 1; fix <= 1; fix++) {
		size_t np = fix ? 2 : 3;
		gsl_vector *p0 = gsl_vector_alloc(np);
		int kept = 0;

		d->fix_h = fix;
		fdf.f = nls_f;
		fdf.df = nls_df;
		fdf.fvv = NULL;
		fdf.n = d->n;
		fdf.p = np;
		fdf.params = d;
		ws = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par,
						d->n, np);
		if (!fix)
			gsl_vector_set(p0, 0, *h);
		gsl_vector_set(p0, np - 2, *la);
		gsl_vector_set(p0, np - 1, *b);
		if (gsl_multifit_nlinear_init(p0, &fdf, ws) == GSL_SUCCESS) {
			/* whatever it stopped on (converged, no progress left,
			 * out of iterations), its point is judged below */
			const gsl_vector *p;
			double r, ph, pb;
			(void)gsl_multifit_nlinear_driver(100, 1e-14, 1e-14, 0.0,
							  NULL, NULL, &info, ws);
			p = gsl_multifit_nlinear_position(ws);
			ph = fix ? 0 : gsl_vector_get(p, 0);
			pb = gsl_vector_get(p, np - 1);
			gsl_blas_ddot(gsl_multifit_nlinear_residual(ws),
				      gsl_multifit_nlinear_residual(ws), &r);
			if (ph >= 0 && pb >= BETA_LO && pb <= BETA_HI && r <= *rss) {
				*h = ph;
				*la = gsl_vector_get(p, np - 2);
				*b = pb;
				*rss = r;
				kept = 1;
			}
		}
		gsl_vector_free(p0);
		gsl_multifit_nlinear_free(ws);
		if (kept && !fix)
			break;
	}
	d->fix_h = 0;
}

/* Weighted RSS of c on h + A z, z[i] = x[i]^beta, minimised over h >= 0
 * and A >= 0 (two variables: the unconstrained solution, else the best
 * of the two one-variable fits). Writes h and A = alpha sigma; INFINITY
 * when z has no spread. */
static double
profile(const nls_data *d, const double *z, double *h, double *A)
{
	double sw = 0, sz = 0, sc = 0, szz = 0, szc = 0, scc = 0;
	double mz, mc, vzz, vzc, rss;
	size_t i;

	for (i = 0; i < d->n; i++) {
		double w = d->w ? d->w[i] : 1;
		sw += w;
		sz += w * z[i];
		sc += w * d->c[i];
		szz += w * z[i] * z[i];
		szc += w * z[i] * d->c[i];
		scc += w * d->c[i] * d->c[i];
	}
	mz = sz / sw;
	mc = sc / sw;
	vzz = szz - sz * mz;
	vzc = szc - sz * mc;
	if (!(vzz > 1e-12 * szz))
		return INFINITY;
	*A = vzc / vzz;
	*h = mc - *A * mz;
	if (*A >= 0 && *h >= 0)
		return fmax(0, scc - sc * mc - *A * vzc);
	/* on a bound: h = 0 (c on z through the origin) or A = 0 (a mean) */
	{
		double A0 = szc > 0 ? szc / szz : 0, r0 = scc - A0 * szc;
		double h1 = mc > 0 ? mc : 0, r1 = scc - 2 * h1 * sc + h1 * h1 * sw;
		if (r0 <= r1) {
			*h = 0;
			*A = A0;
			rss = r0;
		} else {
			*h = h1;
			*A = 0;
			rss = r1;
		}
	}
	return fmax(0, rss);
}

/* The profile RSS at beta (z is scratch for n values). */
static double
profile_at(const nls_data *d, double beta, double *z, double *h, double *A)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		z[i] = exp(beta * d->lx[i]);
	return profile(d, z, h, A);
}

/* The constrained least-squares point: the profile RSS over a grid of
 * 40 betas (x^beta stepped by multiplication), then a golden-section
 * search around the best to `tol`. Writes h, log alpha, beta; returns the
 * RSS, INFINITY when there is no fit with a positive alpha. `z` and `f`
 * hold n doubles each. */
static double
nls_point(const nls_data *d, double tol, double *z, double *f, double *h,
	  double *la, double *beta)
{
	const double g = (sqrt(5.0) - 1) / 2, step = (BETA_HI - BETA_LO) / 39;
	double best = INFINITY, bb = 0, a, b, x1, x2, f1, f2, hh, AA, rss;
	size_t i;
	int k;

	for (i = 0; i < d->n; i++) {
		z[i] = exp(BETA_LO * d->lx[i]);
		f[i] = exp(step * d->lx[i]);
	}
	for (k = 0; k <= 39; k++) {
		rss = profile(d, z, &hh, &AA);
		if (rss < best) {
			best = rss;
			bb = BETA_LO + k * step;
		}
		for (i = 0; i < d->n; i++)
			z[i] *= f[i];
	}
	if (!isfinite(best))
		return INFINITY;
	a = fmax(BETA_LO, bb - step);
	b = fmin(BETA_HI, bb + step);
	x1 = b - g * (b - a);
	x2 = a + g * (b - a);
	f1 = profile_at(d, x1, z, &hh, &AA);
	f2 = profile_at(d, x2, z, &hh, &AA);
	while (b - a > tol) {
		if (f1 <= f2) {
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = b - g * (b - a);
			f1 = profile_at(d, x1, z, &hh, &AA);
		} else {
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = a + g * (b - a);
			f2 = profile_at(d, x2, z, &hh, &AA);
		}
	}
	*beta = (a + b) / 2;
	(void)profile_at(d, *beta, z, h, &AA);
	if (!(AA > 0))
		return INFINITY; /* no size-dependent cost at all */
	*la = log(AA / d->sigma);
	/* the RSS from the residuals themselves: the sums above cancel */
	rss = 0;
	for (i = 0; i < d->n; i++) {
		double e = d->c[i] - *h - AA * z[i];
		rss += (d->w ? d->w[i] : 1) * e * e;
	}
	return rss;
}

/* Covariance of (h, log alpha, beta) at p: s2 (J'WJ)^-1. 0 or -1. */
static int
nls_cov(nls_data *d, double h, double la, double b, double s2, gsl_matrix *cov)
{
	gsl_matrix *J = gsl_matrix_alloc(d->n, 3);
	gsl_vector *p = gsl_vector_alloc(3);
	int rc;

	gsl_vector_set(p, 0, h);
	gsl_vector_set(p, 1, la);
	gsl_vector_set(p, 2, b);
	nls_df(p, d, J);
	rc = gsl_multifit_nlinear_covar(J, 0.0, cov) == GSL_SUCCESS ? 0 : -1;
	gsl_matrix_scale(cov, s2);
	gsl_vector_free(p);
	gsl_matrix_free(J);
	return rc;
}

/* Set up d over the n prints; lx (n doubles) gets log x. -1 when the
 * data cannot identify the model. */
static int
nls_setup(nls_data *d, const double *c, const double *x, const double *w,
	  size_t n, double sigma, double *lx)
{
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	if (n < 4 || !(sigma > 0))
		return -1;
	for (i = 0; i < n; i++) {
		lx[i] = log(x[i]);
		lo = fmin(lo, lx[i]);
		hi = fmax(hi, lx[i]);
	}
	if (!(hi > lo))
		return -1;
	d->c = c;
	d->lx = lx;
	d->w = w;
	d->n = n;
	d->sigma = sigma;
	d->fix_h = 0;
	return 0;
}

/* The point estimate alone (for the pilot fits of the reference). */
static int
nls_quick(const double *c, const double *x, const double *w, size_t n,
	  double sigma, double *work, liq_impact_fit *fit)
{
	nls_data d;
	double h, la, b;

	fit_na(fit, (long)n);
	if (nls_setup(&d, c, x, w, n, sigma, work) != 0 ||
	    !isfinite(nls_point(&d, 1e-4, work + n, work + 2 * n, &h, &la, &b)))
		return -1;
	fit->ok = 1;
	fit->h = h;
	fit->alpha = exp(la);
	fit->beta = b;
	return 0;
}

int
liq_impact_fit_nls(const double *c, const double *x, const double *w,
		   size_t n, double sigma, double *work, liq_impact_fit *fit)
{
	gsl_error_handler_t *old;
	gsl_matrix *cov;
	nls_data d;
	double h, b, rss, la, s2;
	int rc = -1;

	fit_na(fit, (long)n);
	if (nls_setup(&d, c, x, w, n, sigma, work) != 0)
		return -1;
	rss = nls_point(&d, 1e-10, work + n, work + 2 * n, &h, &la, &b);
	if (!isfinite(rss))
		return -1;
	old = gsl_set_error_handler_off();
	polish(&d, &h, &la, &b, &rss);
	cov = gsl_matrix_alloc(3, 3);
	/* With weights 1/(model variance), the residual variance s2 should
	 * be near 1; a handful of prints can make it tiny by chance, so it
	 * is pooled with NU_S2 prior degrees of freedom at 1 before it
	 * scales the covariance. */
	s2 = ((double)(n - 3) * (rss / (double)(n - 3)) + NU_S2) /
	     ((double)(n - 3) + NU_S2);
	if (!w)
		s2 = rss / (double)(n - 3); /* unweighted: no scale to pool with */
	if (nls_cov(&d, h, la, b, s2, cov) == 0) {
		fit->ok = 1;
		fit->s2 = rss / (double)(n - 3);
		fit->h = h;
		fit->alpha = exp(la);
		fit->beta = b;
		fit->se_h = sqrt(gsl_matrix_get(cov, 0, 0));
		fit->se_la = sqrt(gsl_matrix_get(cov, 1, 1));
		fit->se_b = sqrt(gsl_matrix_get(cov, 2, 2));
		fit->cov_h_la = gsl_matrix_get(cov, 0, 1);
		fit->cov_h_b = gsl_matrix_get(cov, 0, 2);
		fit->cov_la_b = gsl_matrix_get(cov, 1, 2);
		if (!isfinite(fit->se_h) || !isfinite(fit->se_la) ||
		    !isfinite(fit->se_b))
			fit_na(fit, (long)n);
		else {
			residuals(fit, c, x, n, sigma, work + n, &fit->r2);
			rc = 0;
		}
	}
	gsl_matrix_free(cov);
	gsl_set_error_handler(old);
	return rc;
}

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
 * c, x = q/adv, wt = 1 / (ref variance + customer noise variance).
 * Returns the number of prints with a cost among the first nt. */
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
		if (i < nt) {
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
		if (isnan(w->cost[i]))
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
	fit_na(&res->fit, 0);
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
	fit_na(&pilot, 0);
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
		if (pass < 2 && nls_quick(c, x, wt, m, sig, scratch + n, &pilot) != 0)
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
