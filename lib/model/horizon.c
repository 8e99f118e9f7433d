#include "model/horizon.h"

#include "core/diag.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a run longer than this is looked at and restarted: H is found in the
 * first few hundred rows of a bond when it can be found at all */
#define RUN_MAX 4096

struct liq_horizon {
	char cusip[64];
	long bday;
	double *s, *f;     /* the run's scores and score_fwd */
	long n;
	int h;             /* found, or -1 */
};

liq_horizon *
liq_horizon_new(void)
{
	liq_horizon *h = liq_xcalloc(1, sizeof *h);

	h->s = liq_xmalloc(RUN_MAX * sizeof *h->s);
	h->f = liq_xmalloc(RUN_MAX * sizeof *h->f);
	h->h = -1;
	return h;
}

/* The one k that fits the run (>= 3 pairs of numbers), or -1. */
static int
look(const liq_horizon *h)
{
	long k, r;
	int found = -1;

	for (k = 1; k < h->n; k++) {
		long pairs = 0;
		for (r = 0; r + k < h->n; r++) {
			double f = h->f[r], s = h->s[r + k];
			if (isnan(f) != isnan(s) || (!isnan(f) && f != s))
				break;
			pairs += !isnan(f);
		}
		if (r + k < h->n || pairs < 3)
			continue;
		if (found >= 0)
			return -1;  /* two fit: the scores repeat */
		found = (int)k;
	}
	return found;
}

int
liq_horizon_row(liq_horizon *h, const char *cusip, long bday, double score,
		double fwd)
{
	if (h->h >= 0)
		return h->h;
	if (h->n > 0 && (strcmp(cusip, h->cusip) != 0 || bday != h->bday + 1 ||
			 h->n == RUN_MAX)) {
		h->h = look(h);
		h->n = 0;
		if (h->h >= 0)
			return h->h;
	}
	if (h->n == 0)
		snprintf(h->cusip, sizeof h->cusip, "%s", cusip);
	h->bday = bday;
	h->s[h->n] = score;
	h->f[h->n] = fwd;
	h->n++;
	return -1;
}

int
liq_horizon_get(liq_horizon *h)
{
	if (h->h < 0 && h->n > 0) {
		h->h = look(h);
		h->n = 0;
	}
	return h->h;
}

void
liq_horizon_free(liq_horizon *h)
{
	if (!h)
		return;
	free(h->s);
	free(h->f);
	free(h);
}
