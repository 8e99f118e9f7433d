/* sim-internal — the simulator's state, shared by its modules and by no
 * one else: universe.c builds it (liq_sim_new), reports.c runs the day
 * loop over it (liq_sim_run), side-files.c writes the side files from it.
 * Code outside lib/sim uses sim/sim.h.
 *
 *     liq_sim *s = liq_sim_new(&o, &err);
 *     const liq_sim_bond *b = &s->b[0];
 *     double L = s->lat[0 * s->nd + k];     // bond 0, business day b0 + k
 *     double h = liq_sim_half_spread(b, L), lam = liq_sim_intensity(s, L);
 *     long q = liq_sim_draw_size(s->rng, b->max_size);
 */
#ifndef LIQ_SIM_INTERNAL_H
#define LIQ_SIM_INTERNAL_H

#include "sim/sim.h"

#include <gsl/gsl_rng.h>

/* Where a report that a later record (C, R, X, Y) points to ended up: its
 * reference number and report date, known once its report date is
 * reached. */
typedef struct liq_sim_link {
	long msg;
	int rpt_day;
} liq_sim_link;

/* Reports waiting for a later report date, a binary heap by (report
 * date, report time, creation order). */
typedef struct liq_sim_heap {
	liq_sim_report *a;
	unsigned long n, cap;
} liq_sim_heap;

struct liq_sim {
	liq_sim_opts o;
	gsl_rng *rng;
	int nb;
	liq_sim_bond *b;
	long b0, nd;           /* business-day index of start, number of days */
	float *lat;            /* latent liquidity [bond * nd + k] */
	double *vix, *ig, *hy, *ust, *lqd, *hyg, *stress;
	liq_sim_counts c;
	liq_sim_link *links;
	unsigned long nlinks, linkcap;
	liq_sim_heap pend;
	liq_sim_report *today;
	unsigned long ntoday, todaycap;
	long seq;
};

/* The customer markup, h + m (q / MARKUP_Q0)^-MARKUP_SLOPE bps. */
#define MARKUP_Q0 1e5
#define MARKUP_SLOPE 0.5

/* The model's functional forms (universe.c), used by both halves. */

/* Half spread, bps, of bond b at latent liquidity L. */
double liq_sim_half_spread(const liq_sim_bond *b, double L);

/* Expected orders per day at latent liquidity L. */
double liq_sim_intensity(const liq_sim *s, double L);

/* One trade size in $ par from the size mixture, capped at cap. */
long liq_sim_draw_size(gsl_rng *r, double cap);

#endif
