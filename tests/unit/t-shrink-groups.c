/* Unit tests of lib/cost/shrink-groups on a handful of bonds: which
 * priors form (sector x rating bucket with at least min_group counting
 * fits, else the rating bucket's, else the universe's), which prior each
 * bond takes, the priors' centres and residual medians, each bond's
 * source and weight, the residual quantiles it ends with, the floor on
 * its level's standard error, and a universe too small for any prior.
 *
 * Options: min_prints 20, no trimming, min_group 3. Every bond has sigma
 * 100 bps with an unknown se, so its volatility stays as it is. */
#include "core/diag.h"
#include "cost/shrink-groups.h"
#include "ref/rating.h"
#include "tap.h"

#include <math.h>
#include <string.h>

/* notches: 6 is A (bucket 2), 15 is B (bucket 5) */
static liq_shrink_bond
bond(int sector, int notch, long n, int usable, double la, double beta,
     double var, double lo, double hi, double sd)
{
	liq_shrink_bond b;

	memset(&b, 0, sizeof b);
	b.n = n;
	b.usable = usable;
	b.fit.v[0] = 5;
	b.fit.v[1] = la;
	b.fit.v[2] = beta;
	b.fit.c[0] = 1;
	b.fit.c[3] = var;
	b.fit.c[5] = var;
	b.level.mean = b.level.se = NAN;
	b.level.k[0] = b.level.k[1] = b.level.k[2] = NAN;
	b.level.sigma = 100;
	b.level.se_log_sigma = NAN;
	b.level.ladv = log(1e6);
	b.resid_lo = lo;
	b.resid_hi = hi;
	b.resid_sd = sd;
	b.group = sector ? liq_rating_group(sector, notch) : LIQ_GROUP_NONE;
	b.bucket = liq_rating_bucket(notch);
	return b;
}

/* Sector 1, A: bonds 0, 1, 2 count (bond 1's fit is imprecise), bond 8
 * has 5 prints only: the group's prior forms.
 * Sector 2, A: bonds 3, 4: too few; the A bucket's prior (bonds 0-4).
 * Sector 3, B: bond 5 counts, bond 6 is not usable: neither the group
 * nor the B bucket forms; the universe (bonds 0-5).
 * Bond 7: unrated: the universe. */
static void
make(liq_shrink_bond *b)
{
	b[0] = bond(1, 6, 50, 1, -1.0, 0.4, 0.01, -10, 20, 5);
	b[1] = bond(1, 6, 50, 1, 1.5, 0.5, 100, -12, 18, 6);
	b[2] = bond(1, 6, 50, 1, 1.0, 0.6, 0.01, -30, 30, 10);
	b[3] = bond(2, 6, 50, 1, 2.0, 0.7, 0.01, -8, 8, 4);
	b[4] = bond(2, 6, 50, 1, 3.0, 0.8, 0.01, -4, 12, 2);
	b[5] = bond(3, 15, 50, 1, 4.0, 0.3, 0.01, -5, 5, 5);
	b[6] = bond(3, 15, 0, 0, NAN, NAN, NAN, NAN, NAN, NAN);
	b[7] = bond(0, 0, 30, 0, NAN, NAN, NAN, NAN, NAN, 3);
	b[8] = bond(1, 6, 5, 1, 10.0, 0.5, 0.01, -1, 1, 4);
	b[8].level.se = 1;
	b[3].level.se = NAN;
}

static const liq_shrink_opts opts = { 20, 0, 3 };

static void
t_priors(void)
{
	liq_shrink_bond b[9];
	liq_shrink_priors *P;
	const liq_shrink_group *g;

	make(b);
	P = liq_shrink_all(b, 9, &opts);
	check_int(P->n, 3);
	if (P->n != 3)
		goto out;
	/* sector 1 x A; the A bucket; the universe */
	g = &P->g[0];
	check_int(g->kind, 0);
	check_int(g->id, liq_rating_group(1, 6));
	check_int(g->prior.n, 3);
	check_near(g->prior.mu[0], (-1.0 + 1.5 + 1.0) / 3, 1e-12);
	check_near(g->prior.mu[1], 0.5, 1e-12);
	/* medians of lo/sd (-2 -2 -3), hi/sd (4 3 3), lo, hi */
	check_near(g->z_lo, -2, 1e-12);
	check_near(g->z_hi, 3, 1e-12);
	check_near(g->resid_lo, -12, 1e-12);
	check_near(g->resid_hi, 20, 1e-12);

	g = &P->g[1];
	check_int(g->kind, 1);
	check_int(g->id, 2);
	check_int(g->prior.n, 5);
	check_near(g->prior.mu[0], 6.5 / 5, 1e-12);
	check_near(g->prior.mu[1], 0.6, 1e-12);
	check_near(g->z_lo, -2, 1e-12);
	check_near(g->z_hi, 3, 1e-12);     /* 2 3 3 4 6 */
	check_near(g->resid_lo, -10, 1e-12); /* -30 -12 -10 -8 -4 */
	check_near(g->resid_hi, 18, 1e-12);  /* 8 12 18 20 30 */

	g = &P->g[2];
	check_int(g->kind, 2);
	check_int(g->id, 0);
	check_int(g->prior.n, 6);
	check_near(g->prior.mu[0], 10.5 / 6, 1e-12);
	check_near(g->prior.mu[1], 3.3 / 6, 1e-12);
	check_near(g->z_lo, -2, 1e-12);    /* -3 -2 -2 -2 -2 -1 */
	check_near(g->z_hi, 3, 1e-12);     /* 1 2 3 3 4 6 */
	check_near(g->resid_lo, -9, 1e-12);  /* (-10 + -8) / 2 */
	check_near(g->resid_hi, 15, 1e-12);  /* (12 + 18) / 2 */

	/* the fallback of each bond */
	check_int(b[0].prior, 0);
	check_int(b[1].prior, 0);
	check_int(b[2].prior, 0);
	check_int(b[8].prior, 0);
	check_int(b[3].prior, 1);
	check_int(b[4].prior, 1);
	check_int(b[5].prior, 2);
	check_int(b[6].prior, 2);
	check_int(b[7].prior, 2);
out:
	liq_shrink_priors_free(P);
}

static void
t_bonds(void)
{
	liq_shrink_bond b[9];
	liq_shrink_priors *P;
	double mu0;
	size_t i;

	make(b);
	P = liq_shrink_all(b, 9, &opts);
	if (P->n != 3) {
		check_int(P->n, 3);
		liq_shrink_priors_free(P);
		return;
	}
	/* the volatility is left alone: a known sigma, no se */
	for (i = 0; i < 9; i++) {
		check_near(b[i].sigma_raw, 100, 0);
		check_near(b[i].sigma_post, 100, 1e-9); /* exp(log 100) */
	}
	/* a precise fit keeps most of its weight: cusip */
	check(b[0].weight >= 0.5 && b[0].weight <= 1);
	check_int(b[0].source, LIQ_SRC_CUSIP);
	check_str(liq_source_name(b[0].source), "cusip");
	check_near(b[0].post.v[1], -1.0, 0.1);
	/* an imprecise one moves most of the way to the prior: shrunk */
	mu0 = P->g[0].prior.mu[0];
	check(b[1].weight >= 0 && b[1].weight < 0.5);
	check_int(b[1].source, LIQ_SRC_SHRUNK);
	check_str(liq_source_name(b[1].source), "shrunk");
	check(fabs(b[1].post.v[1] - mu0) < 0.5 * fabs(1.5 - mu0));
	/* a bond without a usable fit takes its prior's curve */
	check_int(b[6].source, LIQ_SRC_PRIOR);
	check_str(liq_source_name(b[6].source), "prior");
	check_near(b[6].weight, 0, 0);
	check_near(b[6].post.v[1], P->g[2].prior.mu[0], 1e-6);
	check_near(b[6].post.v[2], P->g[2].prior.mu[1], 1e-6);
	check_int(b[7].source, LIQ_SRC_PRIOR);
	check_near(b[7].post.v[1], P->g[2].prior.mu[0], 1e-6);
	/* the usable ones are cusip or shrunk as their weight says */
	for (i = 0; i < 9; i++)
		if (b[i].usable) {
			check(b[i].weight >= 0 && b[i].weight <= 1);
			check_int(b[i].source, b[i].weight >= 0.5 ? LIQ_SRC_CUSIP
								   : LIQ_SRC_SHRUNK);
		}

	/* residual quantiles: a counting bond keeps its own */
	check_near(b[0].resid_lo_post, -10, 0);
	check_near(b[0].resid_hi_post, 20, 0);
	check_near(b[4].resid_lo_post, -4, 0);
	/* too few prints: its resid_sd times the prior's z (sector 1 x A) */
	check_near(b[8].resid_lo_post, -2 * 4, 1e-12);
	check_near(b[8].resid_hi_post, 3 * 4, 1e-12);
	/* no own quantiles: resid_sd times the universe's z */
	check_near(b[7].resid_lo_post, -2 * 3, 1e-12);
	check_near(b[7].resid_hi_post, 3 * 3, 1e-12);
	/* no resid_sd either: the universe's median residuals */
	check_near(b[6].resid_lo_post, -9, 1e-12);
	check_near(b[6].resid_hi_post, 15, 1e-12);

	/* the level's se is at least resid_sd / sqrt(n) */
	check_near(b[8].level.se, 4 / sqrt(5.0), 1e-12);
	check_near(b[3].level.se, 4 / sqrt(50.0), 1e-12);
	check(isnan(b[6].level.se));   /* no prints: left alone */
	liq_shrink_priors_free(P);
}

/* Fewer than 3 counting fits in the whole universe: no prior; a usable
 * fit is kept as it is (cusip, weight 1), the rest get nothing (NA). */
static void
t_no_prior(void)
{
	liq_shrink_bond b[4];
	liq_shrink_priors *P;

	b[0] = bond(1, 6, 50, 1, -1.0, 0.4, 0.01, -10, 20, 5);
	b[1] = bond(1, 6, 50, 1, 1.0, 0.6, 0.01, -30, 30, 10);
	b[2] = bond(1, 6, 10, 1, 2.0, 0.7, 0.01, -8, 8, 4);  /* too few prints */
	b[3] = bond(2, 6, 0, 0, NAN, NAN, NAN, NAN, NAN, NAN);
	P = liq_shrink_all(b, 4, &opts);
	check_int(P->n, 0);
	check_int(b[0].prior, -1);
	check_int(b[0].source, LIQ_SRC_CUSIP);
	check_near(b[0].weight, 1, 0);
	check(memcmp(&b[0].post, &b[0].fit, sizeof b[0].post) == 0);
	check_near(b[0].post.v[1], -1.0, 0);
	check_int(b[2].source, LIQ_SRC_CUSIP);
	check_near(b[2].post.v[2], 0.7, 0);
	check_near(b[2].resid_lo_post, -8, 0);
	check_int(b[3].prior, -1);
	check_int(b[3].source, LIQ_SRC_NONE);
	check_str(liq_source_name(b[3].source), "NA");
	check(isnan(b[3].weight));
	check_str(liq_source_name(-1), "NA");
	check_str(liq_source_name(4), "NA");
	liq_shrink_priors_free(P);
}

/* min_group 4: the sector 1 x A group (3 fits) gives way to the A
 * bucket (5) for its bonds. */
static void
t_min_group(void)
{
	liq_shrink_bond b[9];
	liq_shrink_opts o = { 20, 0, 4 };
	liq_shrink_priors *P;

	make(b);
	P = liq_shrink_all(b, 9, &o);
	check_int(P->n, 2);
	if (P->n == 2) {
		check_int(P->g[0].kind, 1);
		check_int(P->g[0].id, 2);
		check_int(P->g[1].kind, 2);
	}
	check_int(b[0].prior, 0);
	check_int(b[8].prior, 0);
	check_int(b[3].prior, 0);
	check_int(b[5].prior, 1);
	/* bond 8's residuals now scale with the A bucket's z: -2 and 3 */
	check_near(b[8].resid_hi_post, 3 * 4, 1e-12);
	liq_shrink_priors_free(P);
}

int
main(void)
{
	liq_progname = "t-shrink-groups";
	TEST(t_priors(), "priors: sector x rating, else rating, else universe; centres and residual medians");
	TEST(t_bonds(), "each bond: source and weight, residual quantiles, level se floor");
	TEST(t_no_prior(), "no prior anywhere: the fit as it is, or NA");
	TEST(t_min_group(), "a group below min_group falls back to its rating bucket");
	return tap_done();
}
