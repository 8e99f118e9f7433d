/* shrink — normal–normal (empirical Bayes) shrinkage of a bond's impact
 * parameters toward the prior of its peer group (impact-shrink(1)).
 *
 * A bond's fit gives theta = (log alpha, beta) with covariance S, and its
 * half spread h with the covariances Sigma_h,theta of the same fit. The
 * group's prior is theta ~ N(mu, T). The posterior is
 *
 *     theta_post = mu + T (T + S)^-1 (theta - mu)
 *     P          = T - T (T + S)^-1 T          (its covariance)
 *
 * (the precision-weighted average (S^-1 + T^-1)^-1 (S^-1 theta + T^-1 mu),
 * written so that a huge or singular-looking S is harmless). The half
 * spread h has no prior of its own: the bond's prints pin down the level
 * of its costs, their weighted mean m, far better than how that level
 * splits into spread and impact, so h takes what the posterior curve
 * leaves of it:
 *
 *     h_post = m - alpha_post sigma exp(K(beta_post))
 *
 * with K(b) = log mean_w (q/ADV)^b over the same prints (impact-fit gives
 * K and its first two derivatives at 0.5; a quadratic in between).
 * The weight is the share of the posterior's precision that comes from
 * the bond's own prints, 1 - sqrt(det P / det T): 1 for a bond the prior
 * does not move, 0 for a bond that takes the prior.
 *
 *     liq_prior p;                      // a group's n bonds: est[i], lv[i]
 *     if (liq_prior_estimate(est, lv, n, 0.1, &p, work) == 0)  // 3n doubles
 *         liq_shrink(&p, &est[i], &lv[i], &post, &weight);     // bond i
 *
 * cost/shrink-groups does the whole table: the groups, their fallbacks
 * and every bond.
 */
#ifndef LIQ_SHRINK_H
#define LIQ_SHRINK_H

#include <stddef.h>

/* Parameters (h, log alpha, beta) and their covariance: v[0..2], and
 * c = { var h, cov h la, cov h b, var la, cov la b, var b }. */
typedef struct liq_cost_params {
	double v[3];
	double c[6];
} liq_cost_params;

typedef struct liq_prior {
	long n;            /* bonds it was estimated from */
	double mu[2];      /* trimmed means of log alpha and beta */
	double T[3];       /* between-bond covariance: var la, cov, var b */
	double V[3];       /* covariance of the estimates themselves */
	/* half spread: log h ~ N(h_a + h_b log ADV, h_tau2) across bonds */
	double h_a, h_b, h_tau2;
	/* volatility: log sigma ~ N(ls_mu, ls_tau2) */
	double ls_mu, ls_tau2;
} liq_prior;

/* The level of a bond's costs (impact-fit's mean_cost_bps,
 * se_mean_cost_bps, logx_k0..2), its sigma_bps and log adv_usd. */
typedef struct liq_level {
	double mean, se;     /* NaN: the bond has no costed print */
	double k[3];
	double sigma;
	double se_log_sigma; /* NaN: unknown */
	double ladv;         /* log adv_usd */
} liq_level;

/* Smallest share of the estimates' variance the prior keeps as real
 * between-bond variance (no group claims all its bonds are identical). */
#define LIQ_PRIOR_FLOOR 0.05

/* Estimate a prior from n bonds' fits: componentwise means trimmed by
 * `trim` (0 <= trim < 0.5) at each end; each component's between-bond
 * variance by Paule and Mandel (the tau^2 at which the deviations from
 * the mean, each over sqrt(its sampling variance + tau^2) and capped at
 * 2.5, have a normal sample's spread), at least LIQ_PRIOR_FLOOR of the
 * variance of the kept values scaled by the normal consistency factor of
 * the trim; their covariance the precision-weighted mean of the cross
 * products less their sampling covariances, held to |cov| <= 0.95
 * sqrt(var la var b) so that T stays positive definite. V is the covariance of the
 * estimates themselves: the trimmed variances, with the correlation of
 * log alpha and beta over the bonds kept in both. The half spread's prior is the OLS of log h on log ADV
 * (lv[i].ladv) over the fits with h > 0.5 bps (spreads fall as volume
 * rises), with the whole residual variance of that line as its variance:
 * the fits' own noise is not subtracted, which errs towards trusting a
 * bond's own spread; with fewer than 5 such fits, a constant. The
 * volatility's prior: trimmed mean of log sigma, Paule-Mandel variance
 * with the standard errors se_log_sigma. Returns 0, or -1 when n < 3.
 * `work` holds 3n doubles. */
int liq_prior_estimate(const liq_cost_params *est, const liq_level *lv, size_t n,
		       double trim, liq_prior *p, double *work);

/* The posterior of a bond's log sigma (normal-normal); *var gets its
 * variance. The prior's centre without a usable sigma. */
double liq_shrink_log_sigma(const liq_prior *p, const liq_level *lv, double *var);

/* The normal-normal posterior of the curve alone, in closed form:
 * post = mu + T (T + S)^-1 (th - mu), P = T - T (T + S)^-1 T. */
void liq_shrink_linear(const liq_prior *p, const double th[2],
		       const double S[3], double post[2], double P[3]);

/* Posterior of one bond: the mode of (log h, log alpha, beta) given the
 * fit's curve N(theta, S) (fit may be NULL: a bond whose curve the prior
 * gives), its level (lv may be NULL or have no mean), and the priors of
 * the curve and of log h; the covariance from the curvature at the mode.
 * Without a level the curve is the closed form above. *weight is the
 * share of the curve's posterior precision that is the bond's own, 1 -
 * sqrt(det P / det T). Returns 0, or -1 when a covariance is not positive
 * definite or the mode is not found. */
int liq_shrink(const liq_prior *p, const liq_cost_params *fit, const liq_level *lv,
	       liq_cost_params *post, double *weight);

#endif
