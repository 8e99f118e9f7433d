#include "cost/impact-nls.h"

#include "core/ols.h"
#include "core/stats.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

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

void
liq_impact_fit_na(liq_impact_fit *f, long n)
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
	liq_impact_fit_na(fit, (long)m);
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

int
liq_impact_fit_quick(const double *c, const double *x, const double *w,
		     size_t n, double sigma, double *work, liq_impact_fit *fit)
{
	nls_data d;
	double h, la, b;

	liq_impact_fit_na(fit, (long)n);
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

	liq_impact_fit_na(fit, (long)n);
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
			liq_impact_fit_na(fit, (long)n);
		else {
			residuals(fit, c, x, n, sigma, work + n, &fit->r2);
			rc = 0;
		}
	}
	gsl_matrix_free(cov);
	gsl_set_error_handler(old);
	return rc;
}
