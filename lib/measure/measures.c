#include "measure/measures.h"

#include "core/diag.h"
#include "core/ols.h"
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
liq_roll(const liq_trade *t, size_t n, int min_changes, liq_roll_res *r)
{
	double mx = 0, my = 0, c = 0, mp = 0;
	size_t k, m;

	r->n_changes = n > 0 ? (long)n - 1 : 0;
	r->roll_bps = NAN;
	if (n < 4 || r->n_changes < min_changes)
		return;
	m = n - 2; /* pairs (dP_k, dP_{k-1}), k = 2 .. n-1 */
	for (k = 2; k < n; k++) {
		mx += t[k].price - t[k - 1].price;
		my += t[k - 1].price - t[k - 2].price;
	}
	mx /= (double)m;
	my /= (double)m;
	for (k = 2; k < n; k++)
		c += (t[k].price - t[k - 1].price - mx) *
		     (t[k - 1].price - t[k - 2].price - my);
	c /= (double)(m - 1);
	for (k = 0; k < n; k++)
		mp += t[k].price;
	mp /= (double)n;
	r->roll_bps = c < 0 ? 1e4 * 2 * sqrt(-c) / mp : 0;
}

void
liq_amihud(const liq_trade *t, size_t n, liq_amihud_res *r)
{
	double sum_days = 0, day_sum = 0;
	long days = 0, day_n = 0;
	size_t k;

	for (k = 1; k <= n; k++) {
		/* close the running day when the day changes or at the end */
		if (k == n || t[k].day != t[k - 1].day) {
			if (day_n > 0) {
				sum_days += day_sum / (double)day_n;
				days++;
			}
			day_sum = 0;
			day_n = 0;
			continue;
		}
		day_sum += 1e4 * fabs(t[k].price / t[k - 1].price - 1) /
			   (t[k].qty / 1e6);
		day_n++;
	}
	r->days = days;
	r->amihud = days > 0 ? sum_days / (double)days : NAN;
}

void
liq_kyle(const liq_trade *t, size_t n, int min_obs, double *work,
	 liq_kyle_res *r)
{
	double *x = work, *y = work + n;
	size_t k, m = 0;
	liq_ols1_fit f;

	for (k = 1; k < n; k++) {
		if (!t[k].sign)
			continue;
		x[m] = t[k].sign * t[k].qty / 1e6;
		y[m] = 1e4 * (t[k].price - t[k - 1].price) / t[k - 1].price;
		m++;
	}
	r->n = (long)m;
	r->lambda = r->t = NAN;
	if ((long)m < min_obs || liq_ols1(x, y, m, &f) != 0)
		return;
	r->lambda = f.b;
	r->t = f.se_b > 0 ? f.b / f.se_b : NAN;
}

static void
itt_fill(liq_itt_res *r, size_t n, int days, long active, double vol)
{
	r->trades = (long)n;
	r->volume_mm = vol / 1e6;
	r->avg_size_mm = n > 0 ? vol / 1e6 / (double)n : NAN;
	r->trades_per_day = days > 0 ? (double)n / days : NAN;
	r->zero_days_frac = days > 0 ? (double)(days - active) / days : NAN;
}

void
liq_itt_counts(const liq_window *win, liq_itt_res *r)
{
	int active;
	double vol;

	liq_window_daysum(win, &active, &vol);
	itt_fill(r, liq_window_count(win), liq_window_days(win), active, vol);
}

static double
gap_h(const liq_trade *a, const liq_trade *b)
{
	return (double)(b->day - a->day) * 24 + (double)(b->tsec - a->tsec) / 3600;
}

void
liq_itt(const liq_trade *t, size_t n, int days, double *work, liq_itt_res *r)
{
	double mx = NAN, vol = 0;
	long active = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		vol += t[k].qty;
		if (k == 0 || t[k].bday != t[k - 1].bday)
			active++;
	}
	itt_fill(r, n, days, active, vol);
	for (k = 1; k < n; k++) {
		work[k - 1] = gap_h(&t[k - 1], &t[k]);
		if (!(work[k - 1] <= mx))
			mx = work[k - 1];
	}
	r->max_h = n > 1 ? mx : NAN;
	r->median_h = n > 1 ? liq_median(work, n - 1) : NAN;
}

/* index of the first element >= x in the sorted v[0..n) */
static size_t
lower_bound(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
gap_insert(liq_gapset *g, double x)
{
	size_t i;

	liq_grow(&g->v, &g->cap, g->n + 1, sizeof *g->v);
	i = lower_bound(g->v, g->n, x);
	memmove(g->v + i + 1, g->v + i, (g->n - i) * sizeof *g->v);
	g->v[i] = x;
	g->n++;
	if (g->len == g->fcap) { /* grow the ring, unrolling it */
		unsigned long nc = g->fcap ? g->fcap * 2 : 64;
		double *f = liq_xmalloc(nc * sizeof *f);
		size_t k;
		for (k = 0; k < g->len; k++)
			f[k] = g->fifo[(g->head + k) % g->fcap];
		free(g->fifo);
		g->fifo = f;
		g->fcap = nc;
		g->head = 0;
	}
	g->fifo[(g->head + g->len++) % g->fcap] = x;
}

static void
gap_remove_oldest(liq_gapset *g)
{
	double x = g->fifo[g->head];
	size_t i = lower_bound(g->v, g->n, x);

	g->head = (g->head + 1) % g->fcap;
	g->len--;
	/* the same double was inserted, so v[i] == x */
	memmove(g->v + i, g->v + i + 1, (g->n - i - 1) * sizeof *g->v);
	g->n--;
}

void
liq_gapset_sync(liq_gapset *g, const liq_window *win)
{
	const liq_trade *t = liq_window_trades(win);
	long a = win->seq + 1, b = win->seq + (long)liq_window_count(win), s;

	if (g->epoch != win->epoch || g->b == 0) {
		g->n = g->len = g->head = 0;
		g->a = g->b = a;
		g->epoch = win->epoch;
	}
	while (g->a < a && g->a < g->b) { /* gaps whose first trade left */
		gap_remove_oldest(g);
		g->a++;
	}
	if (g->a < a)
		g->a = g->b = a;
	for (s = g->b > a ? g->b : a; s < b; s++)
		gap_insert(g, gap_h(&t[s - 1 - win->seq], &t[s - win->seq]));
	if (b > g->b)
		g->b = b;
}

double
liq_gapset_median(const liq_gapset *g)
{
	if (g->n == 0)
		return NAN;
	return g->n % 2 ? g->v[g->n / 2] : (g->v[g->n / 2 - 1] + g->v[g->n / 2]) / 2;
}

double
liq_gapset_max(const liq_gapset *g)
{
	return g->n ? g->v[g->n - 1] : NAN;
}

void
liq_gapset_free(liq_gapset *g)
{
	free(g->v);
	free(g->fifo);
	g->v = g->fifo = NULL;
	g->n = g->cap = g->len = g->fcap = 0;
}
