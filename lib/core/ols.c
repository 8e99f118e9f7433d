#include "core/ols.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <math.h>

int
liq_ols1(const double *x, const double *y, size_t n, liq_ols1_fit *f)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, rss = 0;
	size_t i;

	f->n = n;
	if (n < 3)
		return -1;
	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;
		sxx += dx * dx;
		sxy += dx * dy;
		syy += dy * dy;
	}
	if (!(sxx > 0))
		return -1;
	f->b = sxy / sxx;
	f->a = my - f->b * mx;
	for (i = 0; i < n; i++) {
		double e = y[i] - f->a - f->b * x[i];
		rss += e * e;
	}
	f->s2 = rss / (double)(n - 2);
	f->se_b = sqrt(f->s2 / sxx);
	f->se_a = sqrt(f->s2 * (1.0 / (double)n + mx * mx / sxx));
	f->r2 = syy > 0 ? 1.0 - rss / syy : NAN;
	return 0;
}

/* 1 if some column of X is constant and non-zero (an intercept). */
static int
has_intercept(const double *X, size_t n, size_t p)
{
	size_t i, j;

	for (j = 0; j < p; j++) {
		int cst = X[j] != 0;
		for (i = 1; i < n && cst; i++)
			cst = X[i * p + j] == X[j];
		if (cst)
			return 1;
	}
	return 0;
}

/* Truncated-SVD least squares of y on X (n x p): coefficients into
 * beta, their variances into var (may be NULL), RSS into *chisq, the
 * numerical rank (singular values below tol of the largest dropped) into
 * *rank. Returns 0, or -1 if GSL fails. */
static int
tsvd(const double *X, const double *y, size_t n, size_t p, double tol,
     double *beta, double *var, double *chisq, size_t *rank)
{
	gsl_matrix_const_view Xv = gsl_matrix_const_view_array(X, n, p);
	gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
	gsl_vector *c = gsl_vector_alloc(p);
	gsl_matrix *cov = gsl_matrix_alloc(p, p);
	gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, p);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	int rc = gsl_multifit_linear_tsvd(&Xv.matrix, &yv.vector, tol, c, cov,
					  chisq, rank, ws);
	size_t j;

	for (j = 0; j < p; j++) {
		beta[j] = rc == GSL_SUCCESS ? gsl_vector_get(c, j) : 0;
		/* cov is s^2 (X'X)^-1 with s^2 = chisq / (n - p) */
		if (var)
			var[j] = rc == GSL_SUCCESS ? gsl_matrix_get(cov, j, j) : NAN;
	}
	gsl_set_error_handler(old);
	gsl_multifit_linear_free(ws);
	gsl_matrix_free(cov);
	gsl_vector_free(c);
	return rc == GSL_SUCCESS ? 0 : -1;
}

int
liq_ols(const double *X, const double *y, size_t n, size_t p, double *beta,
	double *se, double *r2, double *s2)
{
	double chisq, tss = 0, my = 0;
	size_t i, j, rank = 0;
	int centred;

	if (n <= p || p == 0)
		return -1;
	/* The numerical rank makes a rank-deficient X an error for the
	 * callers rather than a silently regularised fit. */
	if (tsvd(X, y, n, p, 1e-12, beta, se, &chisq, &rank) != 0 || rank < p)
		return -1;
	centred = has_intercept(X, n, p);
	for (i = 0; i < n; i++)
		my += y[i];
	my /= (double)n;
	for (i = 0; i < n; i++)
		tss += centred ? (y[i] - my) * (y[i] - my) : y[i] * y[i];
	if (se)
		for (j = 0; j < p; j++)
			se[j] = sqrt(se[j]);
	if (s2)
		*s2 = chisq / (double)(n - p);
	if (r2)
		*r2 = tss > 0 ? 1.0 - chisq / tss : NAN;
	return 0;
}

int
liq_ols_min_norm(const double *X, const double *y, size_t n, size_t p,
		 double *beta)
{
	double chisq;
	size_t rank = 0;

	if (n == 0 || p == 0)
		return -1;
	return tsvd(X, y, n, p, 1e-10, beta, NULL, &chisq, &rank) == 0 ? (int)rank
								    : -1;
}
