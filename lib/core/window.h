/* window — the rolling business-day window shared by the measure tools.
 *
 * A window of W business days ending at day d holds the trades of one bond
 * whose business-day index lies in [idx(d) - W + 1, idx(d)], in time order,
 * as one contiguous array that the measure functions read directly.
 * Memory is one bond's window: trades leave as the window moves on.
 *
 *     liq_window win;
 *     liq_window_init(&win, 21);
 *     liq_window_reset(&win, first_trade_bday);     // new bond
 *     for (b = first; b <= last; b++) {
 *         liq_window_move(&win, b);                 // drop trades before b-20
 *         ... liq_window_add(&win, &t) for each trade of day b ...
 *         measure(liq_window_trades(&win), liq_window_count(&win), ...);
 *     }
 */
#ifndef LIQ_WINDOW_H
#define LIQ_WINDOW_H

#include <stddef.h>

typedef struct liq_trade {
	int day;       /* days since 1970-01-01 */
	int tsec;      /* seconds since midnight */
	long bday;     /* business-day index of day */
	double price;  /* clean price per 100 par */
	double qty;    /* par traded, $ */
	int sign;      /* +1 customer buy (B), -1 customer sell (S), 0 dealer (D) */
	signed char capped;   /* 1: size disseminated capped, qty is the cap */
	signed char riskless; /* 0 none, 1 customer print of a riskless-
			       * principal pair, 2 its dealer print; -1 not
			       * computed (format/trades.h) */
} liq_trade;

typedef struct liq_window {
	int w;           /* width in business days */
	liq_trade *t;
	size_t lo, n, cap;
	long first;      /* business-day index of the bond's first trade day */
	long cur;        /* business-day index of the window's last day */
	long seq;        /* sequence number of the oldest trade in the window
			    (trades of a bond are numbered 0, 1, ... as added) */
	long epoch;      /* incremented by every reset: a new bond */
	/* per business day of the window (slot bday % w): trades and par */
	long *day_n;
	double *day_qty;
} liq_window;

/* Set up an empty window W business days wide (W >= 1). */
void liq_window_init(liq_window *win, int w);
void liq_window_free(liq_window *win);

/* Empty the window for a new bond whose first trade day is `first`; the
 * window's last day becomes `first`. */
void liq_window_reset(liq_window *win, long first);

/* Make business day `bday` (>= the current one) the window's last day,
 * dropping trades older than bday - W + 1. */
void liq_window_move(liq_window *win, long bday);

/* Append a trade; it must belong to the window's last day and come after
 * the trades already added (the caller checks input order). */
void liq_window_add(liq_window *win, const liq_trade *t);

/* The trades in the window, oldest first. */
static inline const liq_trade *
liq_window_trades(const liq_window *win)
{
	return win->t + win->lo;
}

static inline size_t
liq_window_count(const liq_window *win)
{
	return win->n;
}

/* Over the window's days: the number with at least one trade, and the
 * total par traded ($). O(W), exact for whole-dollar quantities. */
void liq_window_daysum(const liq_window *win, int *active, double *qty);

/* First business day of the window that is on or after the bond's first
 * trade day: max(cur - W + 1, first). */
long liq_window_start(const liq_window *win);

/* Business days the window spans on or after the first trade day
 * (between 1 and W): the divisor of per-day averages and shares. */
int liq_window_days(const liq_window *win);

#endif
