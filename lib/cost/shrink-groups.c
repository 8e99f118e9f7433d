#include "cost/shrink-groups.h"

#include "core/diag.h"
#include "core/stats.h"
#include "ref/rating.h"

#include <math.h>
#include <stdlib.h>

/* The prior alone (when even the mode cannot be found). */
static void
prior_only(const liq_prior *p, const liq_level *lv, liq_cost_params *post)
{
	double k = p->n > 0 ? 1.0 / (double)p->n : 0,
	       h = exp(p->h_a + p->h_b * (lv && isfinite(lv->ladv) ? lv->ladv : 0));

	post->v[0] = h;
	post->v[1] = p->mu[0];
	post->v[2] = p->mu[1];
	post->c[0] = h * h * p->h_tau2;
	post->c[1] = post->c[2] = 0;
	post->c[3] = p->T[0] + k * p->V[0];
	post->c[4] = p->T[1] + k * p->V[1];
	post->c[5] = p->T[2] + k * p->V[2];
}

const char *
liq_source_name(int source)
{
	static const char *const N[] = { "cusip", "shrunk", "prior", "NA" };

	return source >= 0 && source <= 3 ? N[source] : "NA";
}

/* 1 if bond b belongs to the prior group of (kind, id) */
static int
member(const liq_shrink_bond *b, int kind, int id)
{
	return kind == 2 || (kind == 0 && b->group == id) ||
	       (kind == 1 && b->bucket == id);
}

static int
counts(const liq_shrink_bond *b, const liq_shrink_opts *o)
{
	return b->usable && b->n >= o->min_prints;
}

/* Estimate the prior of (kind, id) into g; 0, or -1 when too few fits. */
static int
make_group(const liq_shrink_bond *b, size_t n, const liq_shrink_opts *o,
	   int kind, int id, long need, liq_shrink_group *g)
{
	liq_cost_params *est = liq_xmalloc((n + 1) * sizeof *est);
	liq_level *lv = liq_xmalloc((n + 1) * sizeof *lv);
	double *work = liq_xmalloc(3 * (n + 1) * sizeof *work);
	size_t i, m = 0, mz = 0;
	int rc = -1;

	for (i = 0; i < n; i++)
		if (counts(&b[i], o) && member(&b[i], kind, id)) {
			lv[m] = b[i].level;
			est[m++] = b[i].fit;
		}
	if ((long)m >= need && liq_prior_estimate(est, lv, m, o->trim,
						  &g->prior, work) == 0) {
		g->kind = kind;
		g->id = id;
		for (i = 0; i < n; i++)
			if (counts(&b[i], o) && member(&b[i], kind, id) &&
			    b[i].resid_sd > 0 && !isnan(b[i].resid_lo))
				work[mz++] = b[i].resid_lo / b[i].resid_sd;
		g->z_lo = liq_median(work, mz);
		for (i = 0, mz = 0; i < n; i++)
			if (counts(&b[i], o) && member(&b[i], kind, id) &&
			    b[i].resid_sd > 0 && !isnan(b[i].resid_hi))
				work[mz++] = b[i].resid_hi / b[i].resid_sd;
		g->z_hi = liq_median(work, mz);
		for (i = 0, mz = 0; i < n; i++)
			if (counts(&b[i], o) && member(&b[i], kind, id) &&
			    !isnan(b[i].resid_lo))
				work[mz++] = b[i].resid_lo;
		g->resid_lo = liq_median(work, mz);
		for (i = 0, mz = 0; i < n; i++)
			if (counts(&b[i], o) && member(&b[i], kind, id) &&
			    !isnan(b[i].resid_hi))
				work[mz++] = b[i].resid_hi;
		g->resid_hi = liq_median(work, mz);
		rc = 0;
	}
	free(lv);
	free(work);
	free(est);
	return rc;
}

/* Index of the prior of (kind, id) in p, or -1. */
static int
find_group(const liq_shrink_priors *p, int kind, int id)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->g[i].kind == kind && p->g[i].id == id)
			return (int)i;
	return -1;
}

liq_shrink_priors *
liq_shrink_all(liq_shrink_bond *b, size_t n, const liq_shrink_opts *o)
{
	liq_shrink_priors *p = liq_xcalloc(1, sizeof *p);
	unsigned long cap = 0;
	liq_shrink_group g;
	size_t i, j;

	/* every prior that can be formed: the sector x bucket groups, the
	 * buckets, the universe */
	for (i = 0; i < n; i++) {
		int seen = 0;
		if (b[i].group == LIQ_GROUP_NONE)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = b[j].group == b[i].group;
		if (!seen && make_group(b, n, o, 0, b[i].group, o->min_group, &g) == 0) {
			liq_grow(&p->g, &cap, (unsigned long)p->n + 1, sizeof *p->g);
			p->g[p->n++] = g;
		}
	}
	for (j = 1; j <= LIQ_NBUCKETS; j++)
		if (make_group(b, n, o, 1, (int)j, o->min_group, &g) == 0) {
			liq_grow(&p->g, &cap, (unsigned long)p->n + 1, sizeof *p->g);
			p->g[p->n++] = g;
		}
	if (make_group(b, n, o, 2, 0, 3, &g) == 0) {
		liq_grow(&p->g, &cap, (unsigned long)p->n + 1, sizeof *p->g);
		p->g[p->n++] = g;
	}
	for (i = 0; i < n; i++) {
		liq_shrink_bond *x = &b[i];
		const liq_shrink_group *pg;
		int k = x->group != LIQ_GROUP_NONE ? find_group(p, 0, x->group) : -1;

		if (k < 0 && x->bucket > 0)
			k = find_group(p, 1, x->bucket);
		if (k < 0)
			k = find_group(p, 2, 0);
		x->prior = k;
		x->sigma_raw = x->level.sigma;
		x->sigma_post = x->level.sigma;
		/* a level from a few prints: its sd at least what the noise
		 * model says a mean of that many costs has */
		if (x->n > 0 && x->resid_sd > 0 &&
		    !(x->level.se >= x->resid_sd / sqrt((double)x->n)))
			x->level.se = x->resid_sd / sqrt((double)x->n);
		x->resid_lo_post = x->resid_lo;
		x->resid_hi_post = x->resid_hi;
		if (k < 0) {
			/* no prior anywhere: the fit as it is, or nothing */
			x->post = x->fit;
			x->weight = x->usable ? 1 : NAN;
			x->source = x->usable ? LIQ_SRC_CUSIP : LIQ_SRC_NONE;
			continue;
		}
		pg = &p->g[k];
		/* the volatility first: the curve's alpha is per unit of it, so
		 * a fit's alpha moves to keep alpha sigma, what its prints say */
		{
			double vs, ls = liq_shrink_log_sigma(&pg->prior, &x->level, &vs);
			if (isfinite(ls)) {
				x->sigma_post = exp(ls);
				if (x->level.sigma > 0)
					x->fit.v[1] += log(x->level.sigma) - ls;
				x->level.sigma = x->sigma_post;
			} else {
				x->sigma_post = x->level.sigma;
				vs = 0;
			}
			if (x->usable && liq_shrink(&pg->prior, &x->fit, &x->level,
						    &x->post, &x->weight) == 0)
				x->source = x->weight >= 0.5 ? LIQ_SRC_CUSIP
							     : LIQ_SRC_SHRUNK;
			else {
				if (liq_shrink(&pg->prior, NULL, &x->level, &x->post,
					       &x->weight) != 0)
					prior_only(&pg->prior, &x->level, &x->post);
				x->weight = 0;
				x->source = LIQ_SRC_PRIOR;
			}
			/* the impact scale alpha sigma is as uncertain as both */
			x->post.c[3] += vs;
		}
		if (!counts(x, o) || isnan(x->resid_lo)) {
			/* the reference's variance scales with sigma^2 */
			double f = x->sigma_post > 0 && x->sigma_raw > 0
					   ? x->sigma_post / x->sigma_raw : 1;
			x->resid_lo_post = pg->z_lo * x->resid_sd * f;
			x->resid_hi_post = pg->z_hi * x->resid_sd * f;
			if (!(x->resid_sd > 0)) {
				/* no print to scale with: the group's own spread */
				x->resid_lo_post = pg->resid_lo;
				x->resid_hi_post = pg->resid_hi;
			}
		}
	}
	return p;
}

void
liq_shrink_priors_free(liq_shrink_priors *p)
{
	if (!p)
		return;
	free(p->g);
	free(p);
}
