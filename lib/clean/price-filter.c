/* price-filter — step 5, the price-error filter: liq_price_errors() over
 * one bond's prints (clean/price-filter.h), and the step that runs it
 * over every bond of the sorted clean reports. */
#include "clean/clean-internal.h"

#include "core/diag.h"
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- step 5: price errors ---------------------------------------------- */

/* The power of ten (+-1 or +-2) that ratio x is within a factor of 1.5
 * of, or 0. */
static int
decimal_power(double x)
{
	double l = log10(x);
	double k = nearbyint(l);

	if (k == 0 || fabs(k) > 2 || fabs(l - k) > log10(1.5))
		return 0;
	return (int)k;
}

/* Median of the n prints from q[0]. */
static double
median_of(const double *q, int n)
{
	double v[64];

	memcpy(v, q, (size_t)n * sizeof *v);
	return liq_median(v, (size_t)n);
}

/* How many of q[0..n-1] are below lo, and how many above hi. */
static void
count_outside(const double *q, int n, double lo, double hi, int *below,
	      int *above)
{
	int k;

	*below = *above = 0;
	for (k = 0; k < n; k++) {
		*below += q[k] < lo;
		*above += q[k] > hi;
	}
}

void
liq_price_errors(const double *p, size_t n, int window, double bounce,
		 uint8_t *flag, double *ref)
{
	double f = 1 + bounce;
	size_t i;
	int w = window < 1 ? 1 : window > 64 ? 64 : window;

	for (i = 0; i < n; i++) {
		int nb = (int)(i < (size_t)w ? i : (size_t)w);
		int na = (int)(n - 1 - i < (size_t)w ? n - 1 - i : (size_t)w);
		const double *pb = p + i - nb, *pa = p + i + 1;
		double x = p[i], r = 0;

		flag[i] = 0;
		if (!(x > 0)) {
			/* nothing to compare (kept by --keep-price-range) */
		} else if (nb && na) {
			/* x > f B needs at least half the prints before below
			 * x / f (and so for A, and for x < B / f): count
			 * first, take medians only for the rare candidates */
			int bb, ba, ab, aa;
			count_outside(pb, nb, x / f, x * f, &bb, &ba);
			count_outside(pa, na, x / f, x * f, &ab, &aa);
			if ((2 * bb >= nb && 2 * ab >= na) ||
			    (2 * ba >= nb && 2 * aa >= na)) {
				double B = median_of(pb, nb);
				double A = median_of(pa, na);
				if (x > f * B && x > f * A)
					r = B > A ? B : A; /* the nearer side */
				else if (x * f < B && x * f < A)
					r = B < A ? B : A;
				if (r > 0)
					flag[i] = decimal_power(x / r)
							  ? LIQ_CR_SHIFT
							  : LIQ_CR_BOUNCE;
			}
		} else if (nb || na) {
			/* an end of the series: only a decimal shift shows */
			int m = nb ? nb : na;
			double R = median_of(nb ? pb : pa, m);
			if (R > 0 && decimal_power(x / R) &&
			    (m > 1 ||
			     fabs(log(x / 100)) > fabs(log(R / 100)))) {
				flag[i] = LIQ_CR_SHIFT;
				r = R;
			}
		}
		if (ref)
			ref[i] = flag[i] ? r : 0;
	}
}

static int
cmp_pe(const void *a, const void *b)
{
	uint32_t x = ((const liq_clean_pe *)a)->idx;
	uint32_t y = ((const liq_clean_pe *)b)->idx;

	return x < y ? -1 : x > y;
}

void
liq_clean_step_prices(liq_clean *c)
{
	unsigned long n = c->norder, i = 0, j, k, out = 0;
	double *p = liq_xmalloc((n + 1) * sizeof *p);
	double *ref = liq_xmalloc((n + 1) * sizeof *ref);
	uint32_t *bond = liq_xmalloc((n + 1) * sizeof *bond);
	uint8_t *flag = liq_xmalloc(n + 1);

	for (i = 0; i < n; i++) {
		const rpt *r = &c->r[c->order[i]];
		if (i + AHEAD < n)
			__builtin_prefetch(&c->r[c->order[i + AHEAD]]);
		p[i] = r->price;
		bond[i] = r->bond;
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && bond[j] == bond[i]; j++)
			;
		liq_price_errors(p + i, j - i, c->o.window, c->o.bounce,
				 flag + i, ref + i);
	}
	for (k = 0; k < n; k++) {
		uint32_t x = c->order[k];
		if (!flag[k]) {
			c->order[out++] = x;
			continue;
		}
		liq_clean_remove_as(c, &c->r[x], LIQ_K_PRICE_ERROR, LIQ_NONE);
		c->r[x].flags |= flag[k];
		liq_grow(&c->pe, &c->pecap, c->npe + 1, sizeof *c->pe);
		c->pe[c->npe].idx = x;
		c->pe[c->npe++].ref = ref[k];
	}
	c->norder = out;
	free(p);
	free(ref);
	free(bond);
	free(flag);
	/* by report, for liq_clean_pe_ref() */
	if (c->npe)
		qsort(c->pe, c->npe, sizeof *c->pe, cmp_pe);
}

double
liq_clean_pe_ref(const liq_clean *c, uint32_t i)
{
	unsigned long lo = 0, hi = c->npe;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;
		if (c->pe[mid].idx < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->npe && c->pe[lo].idx == i ? c->pe[lo].ref : 0;
}
