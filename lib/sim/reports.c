/* reports — the second half of the simulator: the day loop of
 * liq_sim_run(). Each bond-day draws its trades (times, sizes, signs,
 * impact, noise), turns each into dealer reports with the planted
 * errors (corrections, decimal shifts, special prices, late settlement,
 * as-of reports) and adds phantom reports that are later cancelled or
 * reversed; the reports wait in a heap until their report date, then
 * get their reference numbers and go to the hooks in report order. */
#include "sim/sim-internal.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- model constants (documented in trace-sim(1), MODEL) ------------- */

#define NOISE_FRAC 0.15       /* execution noise sd, share of half spread */
#define MEANREV 0.004         /* daily pull of log price to its anchor */
#define DAY_OPEN (8 * 3600)   /* regular hours 08:00:00 .. 17:15:00 */
#define DAY_LEN (9 * 3600 + 15 * 60)
#define SYS_CLOSE (18 * 3600 + 30 * 60) /* TRACE takes reports to 18:30 */
#define PRE_OPEN (6 * 3600)   /* pre-open trades 06:00 .. 08:00 */
#define AFTER_END (22 * 3600) /* after-hours trades 17:15 .. 22:00 */
#define P_PRE 0.005           /* share of a day's trades before 08:00 */
#define P_AFTER 0.02          /* ... and after 17:15 */
#define WEEKEND_RATE 0.002    /* trades on a weekend day, share of a day's */
#define HOLIDAY_RATE 0.02     /* trades on a holiday, share of a day's */
#define PRESS_HL 1.0          /* half-life of the pressure, business days */
#define LEG_MIN 2             /* a riskless leg 2 .. 45 s from its trade */
#define LEG_MAX 45
#define MAX_EV 8192

/* ---- reports: today's batch and the pending heap --------------------- */

static int
rep_before(const liq_sim_report *a, const liq_sim_report *b)
{
	if (a->rpt_day != b->rpt_day)
		return a->rpt_day < b->rpt_day;
	if (a->rpt_tsec != b->rpt_tsec)
		return a->rpt_tsec < b->rpt_tsec;
	return a->seq < b->seq;
}

static void
heap_push(liq_sim_heap *h, const liq_sim_report *r)
{
	unsigned long i;

	liq_grow(&h->a, &h->cap, h->n + 1, sizeof *h->a);
	i = h->n++;
	while (i > 0 && rep_before(r, &h->a[(i - 1) / 2])) {
		h->a[i] = h->a[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->a[i] = *r;
}

static void
heap_pop(liq_sim_heap *h, liq_sim_report *out)
{
	unsigned long i = 0;
	liq_sim_report last;

	*out = h->a[0];
	last = h->a[--h->n];
	for (;;) {
		unsigned long c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && rep_before(&h->a[c + 1], &h->a[c]))
			c++;
		if (!rep_before(&h->a[c], &last))
			break;
		h->a[i] = h->a[c];
		i = c;
	}
	h->a[i] = last;
}

static int
new_link(liq_sim *s)
{
	liq_grow(&s->links, &s->linkcap, s->nlinks + 1, sizeof *s->links);
	s->links[s->nlinks].msg = 0;
	s->links[s->nlinks].rpt_day = 0;
	return (int)s->nlinks++;
}

/* Queue a report for its report day: today's batch or the heap. */
static void
emit(liq_sim *s, liq_sim_report *r, int today)
{
	r->seq = s->seq++;
	if (r->rpt_day == today) {
		liq_grow(&s->today, &s->todaycap, s->ntoday + 1, sizeof *s->today);
		s->today[s->ntoday++] = *r;
	} else {
		heap_push(&s->pend, r);
	}
	s->c.reports++;
}

/* The n-th bond-market business day after `day` (n >= 0; n == 0: day
 * itself when it is one, else the next). */
static int
cal_add(int day, long n)
{
	if (!liq_cal_is_bday(day))
		day = liq_cal_next(day);
	while (n-- > 0)
		day = liq_cal_next(day);
	return day;
}

/* A report time `delay` seconds after (day, tsec); past 23:59:59 it moves
 * to the next business day at 08:00 plus the excess. */
static void
after(int day, int tsec, int delay, int *rday, int *rtsec)
{
	long t = (long)tsec + delay;

	while (t > 86399) {
		day = cal_add(day, 1);
		t = DAY_OPEN + (t - 86400) % (10 * 3600);
	}
	*rday = day;
	*rtsec = (int)t;
}

/* When a trade executed at (day, tsec) is first reported, `delay`
 * seconds being the dealer's usual lag: a trade on a weekend or holiday,
 * or after TRACE closes at 18:30, the next business day from 08:00, as
 * an as-of report; one before 08:00 at the opening; the others `delay`
 * later, by 18:30 at the latest. Returns the as-of code (0 or 'A'). */
static int
first_report(int day, int tsec, int delay, int *rday, int *rtsec)
{
	if (!liq_cal_is_bday(day) || tsec >= SYS_CLOSE) {
		*rday = liq_cal_next(day);
		*rtsec = DAY_OPEN + delay;
		return 'A';
	}
	*rday = day;
	*rtsec = tsec < DAY_OPEN ? DAY_OPEN + delay : tsec + delay;
	if (*rtsec >= SYS_CLOSE)
		*rtsec = SYS_CLOSE - 1;
	return 0;
}

static int
report_delay(gsl_rng *r)
{
	double d = gsl_ran_exponential(r, 90.0);

	return d > 900 ? 900 : (int)d;
}

/* Delay (seconds) of a cancel or correction after the original report:
 * mostly within hours, sometimes business days later. */
static long
late_delay(gsl_rng *r, double p_same, int maxdays)
{
	if (gsl_rng_uniform(r) < p_same)
		return 60 + (long)(gsl_rng_uniform(r) * 3 * 3600);
	return 86400L * (1 + (long)gsl_rng_uniform_int(r, (unsigned long)maxdays)) +
	       (long)(gsl_rng_uniform(r) * 3600);
}

/* Place a report `delay` seconds (possibly days) after a report time;
 * returns 0 if that falls after the last day of the sample. */
static int
place_after(const liq_sim *s, int day, int tsec, long delay, int *rday, int *rtsec)
{
	long days = delay / 86400;

	if (days > 0) {
		day = cal_add(day, days);
		tsec = DAY_OPEN + (int)(delay % 86400);
		if (tsec > 86399)
			tsec = 86399;
		*rday = day;
		*rtsec = tsec;
	} else {
		after(day, tsec, (int)delay, rday, rtsec);
	}
	return *rday <= s->o.end;
}

/* ---- the day loop ---------------------------------------------------- */

typedef struct trade_ctx {
	const liq_sim_hooks *h;
	int day;               /* the execution date */
	int batch;             /* the date whose reports are being gathered */
	long bday;             /* business-day index (the next one on a weekend) */
	int kind;              /* 0 regular day, 'H' holiday, 'W' weekend */
	double stress;
	long k;
} trade_ctx;

static long
milli(double price)
{
	return lround(price * 1000);
}

static void
base_report(liq_sim_report *r, int bond, int day, int tsec, long pm, long qty)
{
	memset(r, 0, sizeof *r);
	r->bond = bond;
	r->exec_day = day;
	r->exec_tsec = tsec;
	r->trc_st = 'T';
	r->wis = 'N';
	r->sttl = 2;
	r->price_milli = pm;
	r->qty = qty;
	r->link_self = r->link_ref = -1;
}

/* Emit the report(s) of one dealer report `r` of a real trade, with a
 * possible correction: the first report carries wrong terms, then a C
 * cancels it and an R brings the right ones. */
static void
emit_real(liq_sim *s, liq_sim_report *r, int correct, int today)
{
	gsl_rng *g = s->rng;
	liq_sim_report wrong, c, nr;
	int cd, ct;
	long delay;

	if (!correct) {
		emit(s, r, today);
		return;
	}
	delay = late_delay(g, 0.8, 3);
	if (!place_after(s, r->rpt_day, r->rpt_tsec, delay, &cd, &ct)) {
		emit(s, r, today);
		return;
	}
	wrong = *r;
	if (gsl_rng_uniform(g) < 0.5) {
		double f = 0.005 + 0.025 * gsl_rng_uniform(g);
		wrong.price_milli = lround(r->price_milli *
					   (gsl_rng_uniform(g) < 0.5 ? 1 - f : 1 + f));
	} else {
		wrong.qty = r->qty * (gsl_rng_uniform(g) < 0.5 ? 10 : 2);
	}
	wrong.link_self = new_link(s);
	emit(s, &wrong, today);
	c = wrong;
	c.trc_st = 'C';
	c.link_self = -1;
	c.link_ref = wrong.link_self;  /* msg_seq_nb = the original's */
	c.rpt_day = cd;
	c.rpt_tsec = ct;
	c.asof = 0;
	emit(s, &c, today);
	nr = *r;
	nr.trc_st = 'R';
	nr.link_ref = wrong.link_self;  /* orig_msg_seq_nb = the original's */
	nr.rpt_day = cd;
	nr.rpt_tsec = ct;
	nr.asof = 0;
	emit(s, &nr, today);
	s->c.corrected += 2;
}

/* A report that never was a trade, later cancelled (X) or reversed (Y).
 * Both are customer reports at a plausible price. */
static void
emit_phantom(liq_sim *s, int bi, int day, int tsec, double eff, double h,
	     int kind, int today)
{
	gsl_rng *g = s->rng;
	liq_sim_report p, x;
	int sign = gsl_rng_uniform(g) < 0.5 ? 1 : -1;
	int xd, xt;
	long delay;

	base_report(&p, bi, day, tsec, 0, liq_sim_draw_size(g, s->b[bi].max_size));
	p.price_milli = milli(eff * (1 + sign * h * (0.5 + gsl_rng_uniform(g)) / 1e4));
	p.side = sign > 0 ? 'S' : 'B';
	p.contra = 'C';
	p.sttl = liq_regular_settle(day);
	p.asof = (char)first_report(day, tsec, report_delay(g), &p.rpt_day, &p.rpt_tsec);
	if (kind == 'X')
		delay = late_delay(g, 0.7, 10);
	else /* reversals: more than 20 business days later */
		delay = 86400L * (21 + (long)gsl_rng_uniform_int(g, 40)) +
			(long)(gsl_rng_uniform(g) * 3600);
	if (!place_after(s, p.rpt_day, p.rpt_tsec, delay, &xd, &xt))
		return;
	p.link_self = new_link(s);
	emit(s, &p, today);
	x = p;
	x.trc_st = (char)kind;
	x.link_self = -1;
	x.link_ref = p.link_self;
	x.rpt_day = xd;
	x.rpt_tsec = xt;
	x.asof = kind == 'Y' ? 'R' : 0;
	emit(s, &x, today);
	if (kind == 'X')
		s->c.cancelled += 2;
	else
		s->c.reversed += 2;
}

/* One trade of a bond-day before its price is made: when, who and how
 * much; a riskless-principal leg points to its customer trade. */
typedef struct event {
	int t;
	int sign;              /* +1 customer buy, -1 sell, 0 dealer */
	int leg;
	int idx;               /* creation order: ties in time */
	long q;
} event;

static int
cmp_event(const void *a, const void *b)
{
	const event *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Trade time of one of a day's trades: mostly regular hours, a few before
 * 08:00 or after 17:15 (none after 18:30 when its as-of report would
 * fall after the sample). */
static int
draw_time(gsl_rng *g, double off, int late_ok)
{
	double u = gsl_rng_uniform(g);

	if (u < P_PRE * off)
		return PRE_OPEN + (int)gsl_rng_uniform_int(g, DAY_OPEN - PRE_OPEN);
	if (u < (P_PRE + P_AFTER) * off)
		return DAY_OPEN + DAY_LEN +
		       (int)gsl_rng_uniform_int(g, (unsigned long)((late_ok ? AFTER_END
									       : SYS_CLOSE) -
								      DAY_OPEN - DAY_LEN));
	return DAY_OPEN + (int)gsl_rng_uniform_int(g, DAY_LEN);
}

/* Draw a bond-day's trades: n orders, each a customer or an inter-dealer
 * trade, a share of the customer trades with a riskless-principal dealer
 * leg (before a customer buy: the dealer sources the bond; after a sell:
 * it passes it on); sorted by time, distinct seconds. */
static int
draw_events(liq_sim *s, const liq_sim_bond *b, const trade_ctx *tc, double lam,
	    event *ev)
{
	gsl_rng *g = s->rng;
	const liq_sim_opts *o = &s->o;
	double off = o->off_hours;
	int late_ok = liq_cal_next(tc->day) <= o->end;
	int n, j, m = 0;

	if (tc->kind == 'W')
		lam *= WEEKEND_RATE * off;
	else if (tc->kind == 'H')
		lam *= HOLIDAY_RATE * off;
	if (tc->kind && !late_ok)
		return 0;
	n = (int)gsl_ran_poisson(g, lam);
	if (n > MAX_EV / 2)
		n = MAX_EV / 2;
	for (j = 0; j < n; j++) {
		event *e = &ev[m++];
		e->t = tc->kind ? DAY_OPEN + (int)gsl_rng_uniform_int(g, DAY_LEN)
				: draw_time(g, off, late_ok);
		e->sign = gsl_rng_uniform(g) < o->cust_share
				  ? (gsl_rng_uniform(g) < 0.5 ? 1 : -1)
				  : 0;
		e->leg = 0;
		e->q = liq_sim_draw_size(g, b->max_size);
		if (e->sign && gsl_rng_uniform(g) < o->riskless) {
			event *l = &ev[m++];
			int d = LEG_MIN + (int)gsl_rng_uniform_int(g, LEG_MAX - LEG_MIN + 1);
			*l = *e;
			l->sign = 0;
			l->leg = 1;
			l->t = e->t + (e->sign > 0 ? -d : d);
		}
	}
	for (j = 0; j < m; j++)
		ev[j].idx = j;
	qsort(ev, (size_t)m, sizeof *ev, cmp_event);
	/* distinct seconds within a bond-day, so (cusip, date, time) is a
	 * total order of the clean trades */
	for (j = 1; j < m; j++)
		if (ev[j].t <= ev[j - 1].t)
			ev[j].t = ev[j - 1].t + 1;
	for (j = m - 1; j >= 0 && ev[j].t > 86399; j--)
		ev[j].t = j == m - 1 ? 86399 : ev[j + 1].t - 1;
	return m;
}

static void
bond_day(liq_sim *s, int bi, const trade_ctx *tc)
{
	static event ev[MAX_EV];
	liq_sim_bond *b = &s->b[bi];
	gsl_rng *g = s->rng;
	const liq_sim_opts *o = &s->o;
	double L = s->lat[(long)bi * s->nd + tc->k];
	double h = liq_sim_half_spread(b, L), lam = liq_sim_intensity(s, L);
	double sig = b->sigma0 * (1 + 0.5 * tc->stress) / 1e4;
	double anchor = log(100);
	int wi = tc->bday < b->issue_b;
	int n, j;

	if (!tc->kind && gsl_rng_uniform(g) < o->jump_rate) {
		double sz = 0.03 + 0.05 * gsl_rng_uniform(g);
		b->logv += gsl_rng_uniform(g) < 0.5 ? -sz : sz;
		s->c.jumps++;
	}
	if (tc->bday > b->zday) {
		/* the dealers' inventory pressure: yesterday's net customer
		 * flow moves today's prices, and the pressure decays */
		b->z = b->z * exp2(-(double)(tc->bday - b->zday) / PRESS_HL) +
		       o->pressure * b->press_k * b->sigma_bps * tanh(b->flow / b->adv_usd);
		b->flow = 0;
		b->zday = tc->bday;
	}
	n = draw_events(s, b, tc, lam, ev);
	for (j = 0; j < n; j++) {
		const event *e = &ev[j];
		liq_sim_trade t;
		liq_sim_report r;
		double u, dt;
		double eff, x = 0, imp = 0, mk = 0, noise = 0, v;
		int sign = e->sign, kind = 0, correct, asof;
		long q = e->q;

		/* business time: a weekend trade at the start of the next
		 * business day, before its first regular trade */
		u = (double)tc->bday + (tc->kind == 'W' ? 0 : e->t / 86400.0);
		if (b->u == 0)
			b->u = u;
		dt = u > b->u ? u - b->u : 0;
		b->logv += -MEANREV * dt * (b->logv - anchor) +
			   sig * sqrt(dt) * gsl_ran_gaussian(g, 1.0);
		b->u = u > b->u ? u : b->u;
		eff = exp(b->logv);
		if (sign) {
			mk = h + o->markup * b->markup *
				     pow((double)q / MARKUP_Q0, -MARKUP_SLOPE);
			imp = o->impact_scale * b->alpha * b->sigma_bps *
			      pow((double)q / b->adv_usd, b->beta);
			noise = o->impact_scale * gsl_ran_gaussian(g, NOISE_FRAC * h);
			x = sign * (mk + imp) + noise;
		} else {
			/* dealers pay the half spread too, in a random direction */
			x = (gsl_rng_uniform(g) < 0.5 ? -1 : 1) * h;
		}
		v = eff * (1 + (b->z + x) / 1e4);
		memset(&t, 0, sizeof t);
		t.bond = bi;
		t.day = tc->day;
		t.tsec = e->t;
		t.sign = sign;
		t.leg = e->leg;
		t.qty = q;
		t.price_milli = milli(v);
		t.efficient = eff;
		t.half_spread = h;
		t.impact_bps = sign ? imp : 0;
		t.markup_bps = sign ? mk : 0;
		t.pressure_bps = b->z;
		t.noise_bps = noise;
		if (sign) {
			/* permanent impact, and the dealers' inventory pressure,
			 * of customer trades */
			b->logv += o->impact_scale * b->kyle * sign * (double)q / 1e6 / 1e4;
			b->flow += sign * (double)q;
		}

		/* what else happens to this trade's reports */
		{
			double w = gsl_rng_uniform(g), c = 0;
			if (w < (c += o->correct_rate))
				kind = 'C';
			else if (sign && !wi && b->nclean > 0 &&
				 w < (c += o->shift_rate))
				/* a decimal shift needs an earlier print to be
				 * told from a price (trace-clean(1), step 5) */
				kind = 'P';
			else if (sign && !wi && w < (c += o->special_rate))
				kind = 'S';
			else if (sign && !wi && w < (c += o->settle_rate))
				kind = 'L';
		}
		correct = kind == 'C';
		t.clean = !wi && (kind == 0 || kind == 'C');

		base_report(&r, bi, tc->day, e->t, t.price_milli, q);
		r.wis = wi ? 'Y' : 'N';
		r.sttl = liq_regular_settle(tc->day);
		asof = first_report(tc->day, e->t, report_delay(g), &r.rpt_day, &r.rpt_tsec);
		r.asof = (char)asof;
		if (gsl_rng_uniform(g) < o->asof_rate) {
			int ld = cal_add(tc->day, 1 + (long)gsl_rng_uniform_int(g, 5));
			if (ld <= o->end) {
				r.rpt_day = ld;
				r.rpt_tsec = DAY_OPEN + (int)gsl_rng_uniform_int(g, 10 * 3600);
				r.asof = 'A';
			}
		}
		if (r.asof == 'A')
			s->c.as_of++;
		if (kind == 'P') {
			r.price_milli = t.price_milli < 100000 ? t.price_milli * 10
							       : lround(t.price_milli / 10.0);
			s->c.price_error++;
		} else if (kind == 'S') {
			double f = 0.02 + 0.04 * gsl_rng_uniform(g);
			r.price_milli = lround(t.price_milli *
					       (gsl_rng_uniform(g) < 0.5 ? 1 - f : 1 + f));
			r.spcl = 'Y';
			s->c.special_price++;
		} else if (kind == 'L') {
			r.sttl = 6 + (int)gsl_rng_uniform_int(g, 25);
			s->c.settlement++;
		}
		if (sign) {
			r.side = sign > 0 ? 'S' : 'B';
			r.contra = 'C';
			if (wi)
				s->c.when_issued++;
			emit_real(s, &r, correct, tc->batch);
		} else {
			/* both dealers report: the seller, then the buyer; a
			 * correction hits one of the two reports */
			liq_sim_report rb = r;
			int which = correct ? (gsl_rng_uniform(g) < 0.5 ? 1 : 2) : 0;
			r.side = 'S';
			r.contra = 'D';
			rb.side = 'B';
			rb.contra = 'D';
			if (rb.asof != 'A' || asof)
				first_report(tc->day, e->t, report_delay(g), &rb.rpt_day,
					     &rb.rpt_tsec);
			emit_real(s, &r, which == 1, tc->batch);
			emit_real(s, &rb, which == 2, tc->batch);
			s->c.dealer_buy++;
			if (wi)
				s->c.when_issued++;
		}
		if (t.clean) {
			s->c.clean++;
			b->nclean++;
		}
		if (tc->h->trade)
			tc->h->trade(tc->h->ctx, s, &t);

		/* phantom reports near this trade */
		if (gsl_rng_uniform(g) < o->cancel_rate)
			emit_phantom(s, bi, tc->day, e->t, eff, h, 'X', tc->batch);
		if (gsl_rng_uniform(g) < o->reverse_rate)
			emit_phantom(s, bi, tc->day, e->t, eff, h, 'Y', tc->batch);
	}
}

static int
cmp_today(const void *a, const void *b)
{
	const liq_sim_report *x = a, *y = b;

	if (x->rpt_tsec != y->rpt_tsec)
		return x->rpt_tsec < y->rpt_tsec ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every bond's trades of one execution date. */
static void
exec_day(liq_sim *s, trade_ctx *tc)
{
	int bi;

	for (bi = 0; bi < s->nb; bi++)
		if (tc->bday >= s->b[bi].first_b && tc->bday <= s->b[bi].last_b)
			bond_day(s, bi, tc);
}

void
liq_sim_run(liq_sim *s, const liq_sim_hooks *h)
{
	long k;

	for (k = 0; k < s->nd; k++) {
		trade_ctx tc;
		unsigned long i;
		long msg = 0;
		int w;

		tc.h = h;
		tc.k = k;
		tc.bday = s->b0 + k;
		tc.batch = liq_bday_date(tc.bday);
		tc.stress = s->stress[k];
		s->ntoday = 0;
		/* the weekend before this day (not before the sample) */
		for (w = k ? liq_bday_date(tc.bday - 1) + 1 : tc.batch; w < tc.batch; w++) {
			tc.day = w;
			tc.kind = 'W';
			exec_day(s, &tc);
		}
		tc.day = tc.batch;
		tc.kind = liq_cal_is_bday(tc.day) ? 0 : 'H';
		exec_day(s, &tc);
		while (s->pend.n && s->pend.a[0].rpt_day == tc.day) {
			liq_grow(&s->today, &s->todaycap, s->ntoday + 1, sizeof *s->today);
			heap_pop(&s->pend, &s->today[s->ntoday++]);
		}
		if (tc.kind == 'H') {
			if (s->ntoday)
				liq_die(LIQ_EXIT_DATA, "internal error: %lu reports "
					"dated on a holiday", s->ntoday);
			continue;  /* no report date, no day_end */
		}
		qsort(s->today, s->ntoday, sizeof *s->today, cmp_today);
		for (i = 0; i < s->ntoday; i++) {
			liq_sim_report *r = &s->today[i];
			/* Reference numbers restart each report date. X and C
			 * records carry the number of the report they cancel;
			 * R and Y records get their own and point to it. */
			if (r->trc_st == 'X' || r->trc_st == 'C') {
				r->msg = s->links[r->link_ref].msg;
				r->orig_msg = 0;
			} else {
				r->msg = ++msg;
				r->orig_msg = r->link_ref >= 0 ? s->links[r->link_ref].msg : 0;
			}
			if (r->link_self >= 0) {
				s->links[r->link_self].msg = r->msg;
				s->links[r->link_self].rpt_day = r->rpt_day;
			}
			if (h->report)
				h->report(h->ctx, s, r);
		}
		if (h->day_end)
			h->day_end(h->ctx, s, tc.day);
	}
	if (s->pend.n)
		liq_die(LIQ_EXIT_DATA, "internal error: %lu reports left after "
			"the last day", s->pend.n);
}

int
liq_sim_link_day(const liq_sim *s, int l)
{
	return l >= 0 ? s->links[l].rpt_day : 0;
}
