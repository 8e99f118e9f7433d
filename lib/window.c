#include "window.h"

#include "diag.h"

#include <stdlib.h>
#include <string.h>

void
liq_window_init(liq_window *win, int w)
{
	memset(win, 0, sizeof *win);
	win->w = w < 1 ? 1 : w;
	win->cap = 256;
	win->t = liq_xmalloc(win->cap * sizeof *win->t);
}

void
liq_window_free(liq_window *win)
{
	free(win->t);
	win->t = NULL;
	win->cap = win->n = win->lo = 0;
}

void
liq_window_reset(liq_window *win, long first)
{
	win->lo = win->n = 0;
	win->first = win->cur = first;
}

void
liq_window_move(liq_window *win, long bday)
{
	long oldest = bday - win->w + 1;

	win->cur = bday;
	while (win->n && win->t[win->lo].bday < oldest) {
		win->lo++;
		win->n--;
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
