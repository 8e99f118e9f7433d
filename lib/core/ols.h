/* ols — ordinary least squares with classical standard errors.
 *
 * liq_ols1() is the closed form for one regressor with an intercept, in two
 * passes (means first), so it matches a textbook computation to rounding.
 * liq_ols() handles p regressors through GSL's gsl_multifit_linear (SVD).
 * Residual variance is RSS / (n - p), the unbiased estimate.
 */
#ifndef LIQ_OLS_H
#define LIQ_OLS_H

#include <stddef.h>

typedef struct liq_ols1_fit {
	double a, b;        /* intercept, slope */
	double se_a, se_b;  /* standard errors */
	double s2;          /* residual variance RSS / (n - 2) */
	double r2;          /* 1 - RSS/TSS (NaN when TSS = 0) */
	size_t n;
} liq_ols1_fit;

/* Fit y = a + b x over n points. Returns 0, or -1 (fit untouched but for n)
 * when n < 3 or x has no variance. */
int liq_ols1(const double *x, const double *y, size_t n, liq_ols1_fit *fit);

/* Fit y = X beta over n rows and p columns of X (row-major, n x p; include
 * a column of ones for an intercept). Writes beta[p], se[p] (may be NULL),
 * and *r2 / *s2 (may be NULL; r2 is centred when X has a constant column
 * and uncentred otherwise). Returns 0, or -1 when n <= p or X is rank
 * deficient. */
int liq_ols(const double *X, const double *y, size_t n, size_t p,
	    double *beta, double *se, double *r2, double *s2);

/* Minimum-norm least squares by truncated SVD (singular values below
 * 1e-10 of the largest dropped): like liq_ols without standard errors, but
 * a rank-deficient X (a constant or duplicated column) is not an error.
 * Scale the columns first: the truncation is relative. Returns the rank,
 * or -1 when n == 0 or p == 0. */
int liq_ols_min_norm(const double *X, const double *y, size_t n, size_t p,
		     double *beta);

#endif
