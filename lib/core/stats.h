/* stats — order statistics on arrays of doubles: median and quantile by
 * quickselect, trimmed mean, percentile ranks.
 *
 *     double q90 = liq_quantile(v, n, 0.9);        // reorders v
 *     double tm = liq_trimmed_mean(v, n, 0.1);     // sorts v
 */
#ifndef LIQ_STATS_H
#define LIQ_STATS_H

#include <stddef.h>

/* Median of v[0..n) (reorders v); NaN for n == 0. */
double liq_median(double *v, size_t n);

/* The p-quantile (0 <= p <= 1) of v[0..n), interpolating linearly
 * between order statistics (R's type 7: position p (n - 1) from 0);
 * reorders v. NaN for n == 0 or p outside [0, 1]. */
double liq_quantile(double *v, size_t n, double p);

/* Trimmed mean of v[0..n) (sorts v): drops floor(trim n) values at each
 * end. NaN for n == 0. */
double liq_trimmed_mean(double *v, size_t n, double trim);

/* Percentile ranks of v[0..n): out[i] = (average rank of v[i] - 1)/(n - 1),
 * ties sharing their average rank; NaN for every element when n == 1.
 * `idx` is scratch space for n indices. v must not hold NaN. */
void liq_pct_rank(const double *v, size_t n, double *out, size_t *idx);

#endif
