/* impact-nls — the impact model's fit (liq(7), COST MODEL): over one
 * bond's customer prints,
 *
 *     c = h + alpha sigma (q / ADV)^beta        (bps)
 *
 * with h the half spread, sigma the daily return volatility (bps), q the
 * par traded and ADV the average daily par volume, by weighted non-linear
 * least squares (the default) or by the seed method, OLS of log(c/sigma)
 * on log(q/ADV). impact-fit(1) is the reference for the formulas; this
 * header states the contracts. The costs c come from the arrival
 * reference (cost/arrival-ref).
 *
 *     liq_impact_fit f;
 *     double *work = malloc(3 * n * sizeof *work);
 *     if (liq_impact_fit_nls(c, x, w, n, sigma, work, &f) == 0)
 *         cost = liq_impact_cost(&f, sigma, 2e6 / adv);   // x = q/ADV
 *     free(work);
 */
#ifndef LIQ_IMPACT_NLS_H
#define LIQ_IMPACT_NLS_H

#include <stddef.h>

enum {
	LIQ_IMPACT_NLS = 0,    /* weighted non-linear least squares (default) */
	LIQ_IMPACT_LOGLIN = 1  /* OLS of log(c/sigma) on log(q/ADV), c > 0 */
};

/* Method code of a name ("nls", "loglin"), or -1. */
int liq_impact_method(const char *name);
const char *liq_impact_method_name(int method);

/* A fit of c = h + alpha sigma x^beta, x = q/ADV, over n prints. */
typedef struct liq_impact_fit {
	int ok;              /* 1: usable; 0: every field below but n is NaN */
	long n;              /* prints the fit used */
	double h;            /* half spread, bps (0 for loglin: see below) */
	double alpha, beta;
	double se_h, se_la, se_b;            /* standard errors of h, log alpha, beta */
	double cov_h_la, cov_h_b, cov_la_b;  /* their covariances */
	double r2;           /* 1 - RSS/TSS of the costs (log costs for loglin) */
	double s2;           /* residual variance (weighted RSS over n - p) */
	double resid_lo, resid_hi;  /* 5% and 95% quantiles of c - fitted, bps */
} liq_impact_fit;

/* Weighted NLS fit of c[i] = h + alpha sigma x[i]^beta with weights w[i]
 * (NULL: all 1), by a profile search over beta (for fixed beta the model
 * is linear in h and alpha sigma) polished by GSL's trust-region solver
 * (gsl_multifit_nlinear). Covariance: s^2 (J'WJ)^-1, s^2 the weighted
 * RSS over n - 3. Returns 0, or -1 when n < 4, every x is equal, the best
 * fit has no positive alpha, or the solver fails (fit->ok = 0).
 * `work` holds 3n doubles. resid_lo/hi are filled over the n prints. */
int liq_impact_fit_nls(const double *c, const double *x, const double *w,
		       size_t n, double sigma, double *work, liq_impact_fit *fit);

/* The seed method: OLS of log(c/sigma) on log(x) over the prints with
 * c > 0; alpha = exp(intercept), beta = slope, classical standard errors
 * (core/ols), r2 of the log regression, n = prints with c > 0. The model
 * has no separate spread: its power law is the whole cost, so h = 0 (with
 * no uncertainty). resid_lo/hi are over all n_all prints (costs <= 0
 * included), in bps. Returns 0, or -1 with fewer than 3 positive costs or
 * no spread in x. `work` holds 3 n_all doubles. */
int liq_impact_fit_loglin(const double *c, const double *x, size_t n_all,
			  double sigma, double *work, liq_impact_fit *fit);

/* Expected cost h + alpha sigma x^beta of a fit, bps. */
double liq_impact_cost(const liq_impact_fit *f, double sigma, double x);

/* The NLS point estimate alone (h, alpha, beta; no covariance, r2 or
 * residual quantiles): the pilot fits of the arrival reference. 0, or -1
 * as liq_impact_fit_nls. `work` holds 3n doubles. */
int liq_impact_fit_quick(const double *c, const double *x, const double *w,
			 size_t n, double sigma, double *work, liq_impact_fit *fit);

/* An unusable fit of n prints: ok 0, every other field NaN. */
void liq_impact_fit_na(liq_impact_fit *f, long n);

#endif
