#include "core/window.h"

#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

void
liq_window_init(liq_window *win, int w)
{
	memset(win, 0, sizeof *win);
	win->w = w < 1 ? 1 : w;
	win->cap = 256;
	win->t = liq_xmalloc(win->cap * sizeof *win->t);
	win->day_n = liq_xcalloc((unsigned long)win->w, sizeof *win->day_n);
	win->day_qty = liq_xcalloc((unsigned long)win->w, sizeof *win->day_qty);
}

void
liq_window_free(liq_window *win)
{
	free(win->t);
	free(win->day_n);
	free(win->day_qty);
	win->t = NULL;
	win->day_n = NULL;
	win->day_qty = NULL;
	win->cap = win->n = win->lo = 0;
}

void
liq_window_reset(liq_window *win, long first)
{
	win->lo = win->n = 0;
	win->first = win->cur = first;
	win->seq = 0;
	win->epoch++;
	memset(win->day_n, 0, (size_t)win->w * sizeof *win->day_n);
	memset(win->day_qty, 0, (size_t)win->w * sizeof *win->day_qty);
}

/* slot of a business day in the per-day ring */
static size_t
slot(const liq_window *win, long bday)
{
	long m = bday % win->w;

	return (size_t)(m < 0 ? m + win->w : m);
}

void
liq_window_move(liq_window *win, long bday)
{
	long oldest = bday - win->w + 1, d;

	/* clear the slots of the days that leave (at most W of them) */
	for (d = win->cur + 1; d <= bday && d <= win->cur + win->w; d++) {
		win->day_n[slot(win, d)] = 0;
		win->day_qty[slot(win, d)] = 0;
	}
	win->cur = bday;
	while (win->n && win->t[win->lo].bday < oldest) {
		win->lo++;
		win->n--;
		win->seq++;
	}
	if (win->n == 0)
		win->lo = 0;
}

void
liq_window_add(liq_window *win, const liq_trade *t)
{
	if (win->lo + win->n == win->cap) {
		/* Slide the live trades to the front when at least half the
		 * array is dead; grow otherwise. Amortised O(1) per trade. */
		if (win->lo >= win->cap / 2) {
			memmove(win->t, win->t + win->lo, win->n * sizeof *win->t);
			win->lo = 0;
		} else {
			win->cap *= 2;
			win->t = liq_xrealloc(win->t, win->cap * sizeof *win->t);
		}
	}
	win->t[win->lo + win->n++] = *t;
	win->day_n[slot(win, t->bday)]++;
	win->day_qty[slot(win, t->bday)] += t->qty;
}

void
liq_window_daysum(const liq_window *win, int *active, double *qty)
{
	int i, a = 0;
	double q = 0;

	for (i = 0; i < win->w; i++) {
		a += win->day_n[i] > 0;
		q += win->day_qty[i];
	}
	*active = a;
	*qty = q;
}

long
liq_window_start(const liq_window *win)
{
	long s = win->cur - win->w + 1;

	return s > win->first ? s : win->first;
}

int
liq_window_days(const liq_window *win)
{
	return (int)(win->cur - liq_window_start(win) + 1);
}
