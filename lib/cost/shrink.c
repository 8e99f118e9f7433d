#include "cost/shrink.h"

#include "core/diag.h"
#include "core/ols.h"
#include "core/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_randist.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Variance of the values of v[0..n) (sorted) between the trimmed ends,
 * over (kept - 1), divided by the share of a normal's variance that the
 * same symmetric trim keeps: an estimate of the untrimmed variance. The
 * kept range is written to *lo, *hi. */
static double
trimmed_var(const double *v, size_t n, double trim, double *lo, double *hi)
{
	size_t k = (size_t)floor(trim * (double)n), i, m;
	double mean = 0, ss = 0, t, keep = 1;

	if (2 * k + 2 > n)
		k = n >= 2 ? (n - 2) / 2 : 0;
	m = n - 2 * k;
	for (i = k; i < n - k; i++)
		mean += v[i];
	mean /= (double)m;
	for (i = k; i < n - k; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	*lo = v[k];
	*hi = v[n - k - 1];
	t = (double)k / (double)n;
	if (t > 0) {
		double z = gsl_cdf_ugaussian_Qinv(t);
		keep = 1 - 2 * z * gsl_ran_ugaussian_pdf(z) / (1 - 2 * t);
	}
	return m > 1 ? ss / (double)(m - 1) / keep : 0;
}

/* Between-bond variance of estimates r_i (deviations from the prior's
 * centre) with sampling variances s2_i: the tau2 >= 0 that makes
 * sum min(z_i^2, C^2), z_i = r_i / sqrt(s2_i + tau2), equal to its
 * expectation dof E[min(Z^2, C^2)] (Paule and Mandel's estimator, with
 * the standardized deviations capped at C = 2.5 so that a wild fit
 * cannot inflate it; consistent for normal effects). 0 when tau2 = 0
 * already gives less. */
#define PM_C 2.5
static double
pm_tau2(const double *r, const double *s2, size_t n, double dof)
{
	double c2 = PM_C * PM_C, target, lo = 0, hi = 0, f;
	size_t i;
	int it;

	target = dof * ((2 * gsl_cdf_ugaussian_P(PM_C) - 1) -
			2 * PM_C * gsl_ran_ugaussian_pdf(PM_C) +
			c2 * 2 * gsl_cdf_ugaussian_Q(PM_C));
#define PM_F(t, out)                                                   \
	do {                                                           \
		out = -target;                                         \
		for (i = 0; i < n; i++)                                \
			out += fmin(r[i] * r[i] / (s2[i] + (t)), c2);  \
	} while (0)
	PM_F(0, f);
	if (!(f > 0))
		return 0;
	for (i = 0; i < n; i++)
		hi = fmax(hi, r[i] * r[i]);
	for (it = 0; it < 200; it++) {
		double mid = (lo + hi) / 2;
		PM_F(mid, f);
		if (f > 0)
			lo = mid;
		else
			hi = mid;
	}
#undef PM_F
	return (lo + hi) / 2;
}

/* The half spread's prior: OLS of log h on log ADV over the fits with
 * h > 0.5 bps; its variance is the whole residual variance of that line,
 * the fits' own noise included (see shrink.h). */
static void
h_prior(const liq_cost_params *est, const liq_level *lv, size_t n, liq_prior *p,
	double *work)
{
	double *x = work, *y = work + n, sy = 0, syy = 0;
	liq_ols1_fit f;
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (est[i].v[0] > 0.5 && isfinite(lv[i].ladv)) {
			x[m] = lv[i].ladv;
			y[m] = log(est[i].v[0]);
			sy += y[m];
			syy += y[m] * y[m];
			m++;
		}
	if (m >= 5 && liq_ols1(x, y, m, &f) == 0) {
		p->h_a = f.a;
		p->h_b = f.b;
		p->h_tau2 = f.s2;
		return;
	}
	/* too few: a constant, the mean and variance of log h */
	p->h_a = m ? sy / (double)m : log(10.0);
	p->h_b = 0;
	p->h_tau2 = m > 1 ? (syy - sy * sy / (double)m) / (double)(m - 1) : 1;
	if (!(p->h_tau2 > 0.01))
		p->h_tau2 = 0.01;
}

/* The volatility's prior: trimmed mean and Paule-Mandel variance of log
 * sigma over the fits with a sigma and its standard error. */
static void
sigma_prior(const liq_level *lv, size_t n, double trim, liq_prior *p,
	    double *work)
{
	double *v = work, *d = work + n, *s2 = work + 2 * n, lo, hi, tot;
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (lv[i].sigma > 0 && lv[i].se_log_sigma > 0)
			v[m++] = log(lv[i].sigma);
	if (m < 3) {
		p->ls_mu = m ? v[0] : NAN;
		p->ls_tau2 = NAN;
		return;
	}
	p->ls_mu = liq_trimmed_mean(v, m, trim);
	tot = trimmed_var(v, m, trim, &lo, &hi);
	for (i = 0, m = 0; i < n; i++)
		if (lv[i].sigma > 0 && lv[i].se_log_sigma > 0) {
			d[m] = log(lv[i].sigma) - p->ls_mu;
			s2[m] = lv[i].se_log_sigma * lv[i].se_log_sigma;
			m++;
		}
	p->ls_tau2 = fmax(pm_tau2(d, s2, m, (double)m - 1), LIQ_PRIOR_FLOOR * tot);
}

double
liq_shrink_log_sigma(const liq_prior *p, const liq_level *lv, double *var)
{
	double ls, s2;

	if (!(lv && lv->sigma > 0)) {
		*var = p->ls_tau2;
		return p->ls_mu;
	}
	ls = log(lv->sigma);
	s2 = lv->se_log_sigma * lv->se_log_sigma;
	if (!(s2 > 0) || !(p->ls_tau2 > 0)) {
		*var = 0;
		return ls;
	}
	*var = p->ls_tau2 * s2 / (p->ls_tau2 + s2);
	return p->ls_mu + p->ls_tau2 / (p->ls_tau2 + s2) * (ls - p->ls_mu);
}

int
liq_prior_estimate(const liq_cost_params *est, const liq_level *lv, size_t n,
		   double trim, liq_prior *p, double *work)
{
	double lo[2], hi[2], tot[2], r = 0, sw = 0, sc = 0;
	size_t i, m = 0;
	int j;

	memset(p, 0, sizeof *p);
	p->n = (long)n;
	if (n < 3)
		return -1;
	/* components: 0 log alpha, 1 beta: trimmed mean, and the spread of
	 * the estimates (for the uncertainty of that mean) */
	for (j = 0; j < 2; j++) {
		double *v = work + j * n;
		for (i = 0; i < n; i++)
			v[i] = est[i].v[j + 1];
		p->mu[j] = liq_trimmed_mean(v, n, trim);
		tot[j] = trimmed_var(v, n, trim, &lo[j], &hi[j]);
	}
	/* between-bond variances: what the estimates vary beyond their own
	 * sampling error, each fit counted by its precision */
	for (j = 0; j < 2; j++) {
		double *d = work, *s2 = work + n;
		int cv = j == 0 ? 3 : 5;
		for (i = 0; i < n; i++) {
			d[i] = est[i].v[j + 1] - p->mu[j];
			s2[i] = est[i].c[cv];
		}
		p->T[j == 0 ? 0 : 2] = fmax(pm_tau2(d, s2, n, (double)n - 1),
					     LIQ_PRIOR_FLOOR * tot[j]);
	}
	/* covariance: the precision-weighted mean of the cross products less
	 * their sampling covariance */
	for (i = 0; i < n; i++) {
		const liq_cost_params *e = &est[i];
		double w = 1 / sqrt((e->c[3] + p->T[0]) * (e->c[5] + p->T[2]));
		sw += w;
		sc += w * ((e->v[1] - p->mu[0]) * (e->v[2] - p->mu[1]) - e->c[4]);
	}
	p->T[1] = sc / sw;
	{
		double lim = 0.95 * sqrt(p->T[0] * p->T[2]);
		p->T[1] = fmax(-lim, fmin(lim, p->T[1]));
	}
	/* the estimates' own correlation, over the bonds inside both kept
	 * ranges: the uncertainty of the prior's centre */
	{
		double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
		for (i = 0; i < n; i++)
			if (est[i].v[1] >= lo[0] && est[i].v[1] <= hi[0] &&
			    est[i].v[2] >= lo[1] && est[i].v[2] <= hi[1]) {
				work[m] = est[i].v[1];
				work[n + m] = est[i].v[2];
				mx += work[m];
				my += work[n + m];
				m++;
			}
		if (m >= 3) {
			mx /= (double)m;
			my /= (double)m;
			for (i = 0; i < m; i++) {
				double dx = work[i] - mx, dy = work[n + i] - my;
				sxx += dx * dx;
				syy += dy * dy;
				sxy += dx * dy;
			}
			r = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
		}
	}
	p->V[0] = tot[0];
	p->V[2] = tot[1];
	p->V[1] = r * sqrt(tot[0] * tot[1]);
	h_prior(est, lv, n, p, work);
	sigma_prior(lv, n, trim, p, work);
	return 0;
}

/* Inverse of the symmetric 2x2 { a, b, d } (a b; b d); -1 if singular. */
static int
inv2(const double m[3], double out[3])
{
	double det = m[0] * m[2] - m[1] * m[1];

	if (!(det > 0) || !(m[0] > 0))
		return -1;
	out[0] = m[2] / det;
	out[1] = -m[1] / det;
	out[2] = m[0] / det;
	return 0;
}

/* out = A B for symmetric 2x2 A, B as full 2x2 (row-major) */
static void
mul2(const double a[3], const double b[3], double out[4])
{
	out[0] = a[0] * b[0] + a[1] * b[1];
	out[1] = a[0] * b[1] + a[1] * b[2];
	out[2] = a[1] * b[0] + a[2] * b[1];
	out[3] = a[1] * b[1] + a[2] * b[2];
}

void
liq_shrink_linear(const liq_prior *p, const double th[2], const double S[3],
		  double post[2], double P[3])
{
	double TS[3] = { p->T[0] + S[0], p->T[1] + S[1], p->T[2] + S[2] };
	double TSi[3], K[4], d[2];

	if (inv2(TS, TSi) != 0) {
		post[0] = p->mu[0];
		post[1] = p->mu[1];
		memcpy(P, p->T, 3 * sizeof *P);
		return;
	}
	/* K = T (T + S)^-1 */
	mul2(p->T, TSi, K);
	d[0] = th[0] - p->mu[0];
	d[1] = th[1] - p->mu[1];
	post[0] = p->mu[0] + K[0] * d[0] + K[1] * d[1];
	post[1] = p->mu[1] + K[2] * d[0] + K[3] * d[1];
	/* P = T - K T */
	P[0] = p->T[0] - (K[0] * p->T[0] + K[1] * p->T[1]);
	P[1] = p->T[1] - (K[0] * p->T[1] + K[1] * p->T[2]);
	P[2] = p->T[2] - (K[2] * p->T[1] + K[3] * p->T[2]);
}

/* ---- the posterior mode with the level and the spread's prior ---------- */

/* A 2x2 covariance as its Cholesky factor (a 0; b c). -1 if not PD. */
static int
chol2(const double m[3], double L[3])
{
	if (!(m[0] > 0))
		return -1;
	L[0] = sqrt(m[0]);
	L[1] = m[1] / L[0];
	if (!(m[2] - L[1] * L[1] > 0))
		return -1;
	L[2] = sqrt(m[2] - L[1] * L[1]);
	return 0;
}

typedef struct map_data {
	int has_fit, has_level;
	double th[2], Ls[3];       /* the fit's curve and chol of its S */
	double mu[2], Lt[3];       /* the prior's curve and chol of T */
	double ell, tau;           /* the prior of log h */
	double m, sm;              /* the level and its sd */
	double k[3], sigma;        /* K(b) about 0.5; sigma_bps */
} map_data;

/* mean impact of the level's prints, and K'(b) */
static double
mean_impact(const map_data *d, double la, double b, double *K1)
{
	double x = b - 0.5;

	*K1 = d->k[1] + d->k[2] * x;
	return d->sigma * exp(la + d->k[0] + d->k[1] * x + d->k[2] * x * x / 2);
}

/* The two residuals of (theta - c) whitened by the Cholesky factor L,
 * written at rows i and i + 1 of f (and their derivatives in (la, b) to
 * J when not NULL). Returns the next row. */
static size_t
whiten(const double L[3], const double th[2], const double c[2],
       gsl_vector *f, gsl_matrix *J, size_t i)
{
	double r0 = (th[0] - c[0]) / L[0], r1 = ((th[1] - c[1]) - L[1] * r0) / L[2];

	gsl_vector_set(f, i, r0);
	gsl_vector_set(f, i + 1, r1);
	if (J) {
		gsl_matrix_set(J, i, 1, 1 / L[0]);
		gsl_matrix_set(J, i + 1, 1, -L[1] / (L[2] * L[0]));
		gsl_matrix_set(J, i + 1, 2, 1 / L[2]);
	}
	return i + 2;
}

/* residuals and Jacobian at p = (eta, la, b); J may be NULL */
static void
map_eval(const gsl_vector *p, const map_data *d, gsl_vector *f, gsl_matrix *J)
{
	double eta = gsl_vector_get(p, 0), th[2] = { gsl_vector_get(p, 1),
						      gsl_vector_get(p, 2) };
	double K1, mi;
	size_t i = 0;

	if (J)
		gsl_matrix_set_zero(J);
	if (d->has_fit)
		i = whiten(d->Ls, th, d->th, f, J, i);
	if (d->has_level) {
		mi = mean_impact(d, th[0], th[1], &K1);
		gsl_vector_set(f, i, (d->m - exp(eta) - mi) / d->sm);
		if (J) {
			gsl_matrix_set(J, i, 0, -exp(eta) / d->sm);
			gsl_matrix_set(J, i, 1, -mi / d->sm);
			gsl_matrix_set(J, i, 2, -mi * K1 / d->sm);
		}
		i++;
	}
	i = whiten(d->Lt, th, d->mu, f, J, i);
	gsl_vector_set(f, i, (eta - d->ell) / d->tau);
	if (J)
		gsl_matrix_set(J, i, 0, 1 / d->tau);
}

static int
map_f(const gsl_vector *p, void *d, gsl_vector *f)
{
	map_eval(p, d, f, NULL);
	return GSL_SUCCESS;
}

static int
map_df(const gsl_vector *p, void *d, gsl_matrix *J)
{
	gsl_vector *f = gsl_vector_alloc(J->size1);

	map_eval(p, d, f, J);
	gsl_vector_free(f);
	return GSL_SUCCESS;
}

int
liq_shrink(const liq_prior *p, const liq_cost_params *fit, const liq_level *lv,
	   liq_cost_params *post, double *weight)
{
	gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
	gsl_multifit_nlinear_workspace *ws;
	gsl_multifit_nlinear_fdf fdf;
	gsl_error_handler_t *old;
	gsl_vector *p0;
	gsl_matrix *cov;
	map_data d;
	double start[2], P[3], S[3], ladv, hl, detP, detT;
	size_t n;
	int info, rc = -1;

	memset(&d, 0, sizeof d);
	if (chol2(p->T, d.Lt) != 0)
		return -1;
	d.mu[0] = p->mu[0];
	d.mu[1] = p->mu[1];
	ladv = lv && isfinite(lv->ladv) ? lv->ladv : 0;
	d.ell = p->h_a + p->h_b * ladv;
	d.tau = sqrt(p->h_tau2);
	start[0] = p->mu[0];
	start[1] = p->mu[1];
	if (fit) {
		S[0] = fit->c[3];
		S[1] = fit->c[4];
		S[2] = fit->c[5];
		if (chol2(S, d.Ls) != 0)
			return -1;
		d.has_fit = 1;
		d.th[0] = fit->v[1];
		d.th[1] = fit->v[2];
		liq_shrink_linear(p, d.th, S, start, P);
	}
	if (lv && isfinite(lv->mean) && isfinite(lv->k[0]) && isfinite(lv->sigma) &&
	    lv->se > 0) {
		d.has_level = 1;
		d.m = lv->mean;
		d.sm = lv->se;
		memcpy(d.k, lv->k, sizeof d.k);
		d.sigma = lv->sigma;
	}
	n = 3 + 2 * (size_t)d.has_fit + (size_t)d.has_level;
	p0 = gsl_vector_alloc(3);
	/* start: the linear posterior of the curve, h from the level */
	hl = exp(d.ell);
	if (d.has_level) {
		double K1, l = d.m - mean_impact(&d, start[0], start[1], &K1);
		if (l > 0.05 * hl)
			hl = l;
	}
	gsl_vector_set(p0, 0, log(hl));
	gsl_vector_set(p0, 1, start[0]);
	gsl_vector_set(p0, 2, start[1]);
	fdf.f = map_f;
	fdf.df = map_df;
	fdf.fvv = NULL;
	fdf.n = n;
	fdf.p = 3;
	fdf.params = &d;
	old = gsl_set_error_handler_off();
	ws = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n, 3);
	cov = gsl_matrix_alloc(3, 3);
	if (gsl_multifit_nlinear_init(p0, &fdf, ws) == GSL_SUCCESS) {
		int st = gsl_multifit_nlinear_driver(200, 1e-10, 1e-10, 0.0, NULL,
						     NULL, &info, ws);
		const gsl_vector *q = gsl_multifit_nlinear_position(ws);
		if ((st == GSL_SUCCESS || st == GSL_EMAXITER) &&
		    gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(ws), 0.0,
					       cov) == GSL_SUCCESS) {
			double h = exp(gsl_vector_get(q, 0));
			post->v[0] = h;
			post->v[1] = gsl_vector_get(q, 1);
			post->v[2] = gsl_vector_get(q, 2);
			/* (eta, la, b) to (h, la, b): dh = h deta */
			post->c[0] = h * h * gsl_matrix_get(cov, 0, 0);
			post->c[1] = h * gsl_matrix_get(cov, 0, 1);
			post->c[2] = h * gsl_matrix_get(cov, 0, 2);
			post->c[3] = P[0] = gsl_matrix_get(cov, 1, 1);
			post->c[4] = P[1] = gsl_matrix_get(cov, 1, 2);
			post->c[5] = P[2] = gsl_matrix_get(cov, 2, 2);
			rc = 0;
		}
	}
	gsl_matrix_free(cov);
	gsl_vector_free(p0);
	gsl_multifit_nlinear_free(ws);
	gsl_set_error_handler(old);
	if (rc != 0)
		return -1;
	detP = P[0] * P[2] - P[1] * P[1];
	detT = p->T[0] * p->T[2] - p->T[1] * p->T[1];
	*weight = detT > 0 && detP > 0 ? fmax(0, 1 - sqrt(detP / detT)) : 0;
	return 0;
}
