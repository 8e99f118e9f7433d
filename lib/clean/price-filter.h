/* price-filter — step 5 of trace-clean, the price-error filter, on one
 * bond's prices in time order: decimal shifts and bounce-back prints.
 *
 *     double p[] = { 100.1, 100.2, 1002, 100.3, 100.2 };
 *     uint8_t flag[5];
 *     double ref[5];
 *     liq_price_errors(p, 5, 5, 1.0, flag, ref);
 *     // flag[2] == LIQ_CR_SHIFT, ref[2] the median it was judged by;
 *     // the other flags 0
 */
#ifndef LIQ_PRICE_FILTER_H
#define LIQ_PRICE_FILTER_H

#include <stddef.h>
#include <stdint.h>

/* The kind of a price error (also bits of liq_clean_report.flags). */
enum {
	LIQ_CR_SHIFT = 0x40,      /* price error: a decimal shift */
	LIQ_CR_BOUNCE = 0x80      /* price error: a bounce-back print */
};

/* Over one bond's prints p[0..n-1] in time order, with B the median of the
 * up to `window` prints before print i and A the median of the up to
 * `window` prints after it:
 *   - bounce-back: with prints on both sides, print i is above both B and
 *     A by more than a factor 1 + bounce, or below both by more than that
 *     factor (bounce 1: over twice, or under half, the price on either
 *     side): it jumped away and came back. A genuine jump is near A (the
 *     new level), so it stays; a large print in a thin bond pays an
 *     impact of up to about 20% and lies up to 55% from the prints
 *     around it (trace-sim -n 7900), inside a factor of 2.
 *   - decimal shift at either end of the series, where only one side
 *     exists: the ratio of print i to that side's median is within a
 *     factor of 1.5 of 10, 100, 1/10 or 1/100. When that side holds a
 *     single print (a bond with two prints) only the print farther from
 *     par (100) is flagged.
 * flag[i] gets 0, LIQ_CR_SHIFT or LIQ_CR_BOUNCE (a flagged print whose
 * ratio to its reference is near a power of ten is called a shift);
 * ref[i], if ref is not NULL, the reference price (median) of a flagged
 * print.
 */
void liq_price_errors(const double *p, size_t n, int window, double bounce,
		      uint8_t *flag, double *ref);

#endif
