/* shrink-groups — the shrinkage of a whole table of bonds
 * (impact-shrink(1)): the prior of each peer group (sector x rating
 * bucket), the fallbacks when a group has too few fits (its rating
 * bucket's prior, else the universe's), and every bond's posterior
 * (cost/shrink) with its residual quantiles.
 *
 *     liq_shrink_opts o = { 20, 0.1, 10 };   // min_prints, trim, min_group
 *     liq_shrink_bond *b = ...;              // n bonds, the "in" fields set
 *     liq_shrink_priors *P = liq_shrink_all(b, n, &o);
 *     ... b[i].post, b[i].weight, liq_source_name(b[i].source),
 *         P->g[b[i].prior] when b[i].prior >= 0
 *     liq_shrink_priors_free(P);
 */
#ifndef LIQ_SHRINK_GROUPS_H
#define LIQ_SHRINK_GROUPS_H

#include "cost/shrink.h"

#include <stddef.h>

enum { LIQ_SRC_CUSIP = 0, LIQ_SRC_SHRUNK = 1, LIQ_SRC_PRIOR = 2, LIQ_SRC_NONE = 3 };
const char *liq_source_name(int source);  /* cusip shrunk prior NA */

typedef struct liq_shrink_bond {
	/* in */
	long n;              /* prints of the fit */
	int usable;          /* the fit has finite parameters and covariance */
	liq_cost_params fit;
	liq_level level;
	double resid_lo, resid_hi, resid_sd;  /* bps; NaN when unknown */
	int group;           /* liq_rating_group(); LIQ_GROUP_NONE unknown */
	int bucket;          /* rating bucket 1..6, 0 unknown */
	/* out */
	liq_cost_params post;
	double weight;
	int source;          /* LIQ_SRC_* */
	int prior;           /* index into liq_shrink_priors (-1: none) */
	double resid_lo_post, resid_hi_post;
	double sigma_raw, sigma_post;  /* the fit's volatility and its posterior */
} liq_shrink_bond;

typedef struct liq_shrink_opts {
	long min_prints;     /* a fit enters a prior with at least this n */
	double trim;         /* trimmed at each end */
	long min_group;      /* fewest such fits a group's prior needs */
} liq_shrink_opts;

/* A prior and where it comes from: kind 0 sector x bucket (id = group),
 * 1 rating bucket (id = bucket), 2 the universe. z_lo/z_hi: medians of
 * resid_lo/resid_sd and resid_hi/resid_sd over its bonds with at least
 * min_prints prints. */
typedef struct liq_shrink_group {
	int kind, id;
	liq_prior prior;
	double z_lo, z_hi;
	double resid_lo, resid_hi;  /* medians, bps: for bonds without prints */
} liq_shrink_group;

typedef struct liq_shrink_priors {
	liq_shrink_group *g;
	size_t n;
} liq_shrink_priors;

/* Estimate the priors of every group with at least min_group usable fits
 * of at least min_prints prints (else the rating bucket's, else the
 * universe's), and shrink every bond: usable fits toward their prior
 * (source cusip when weight >= 0.5, else shrunk), the others take it
 * (prior). A bond whose prior cannot be formed (fewer than 3 such fits in
 * the whole universe) keeps its fit (source cusip, weight 1) or gets
 * nothing (NA). Residual quantiles: a bond's own when it has min_prints
 * prints, else its resid_sd times the prior's z_lo, z_hi (the prior's
 * median resid_lo, resid_hi without a resid_sd). Returns the
 * priors (free with liq_shrink_priors_free). */
liq_shrink_priors *liq_shrink_all(liq_shrink_bond *b, size_t n,
				  const liq_shrink_opts *o);
void liq_shrink_priors_free(liq_shrink_priors *p);

#endif
