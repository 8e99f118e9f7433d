/* composite — the composite liquidity score and its buckets (liq(7), SCORE).
 * The composite score is computed from the measures (features.tsv's
 * `score` and `score_fwd`, the targets liqtrain learns); the predicted
 * score is a model's forecast of it (model/predict.h). The buckets apply
 * to both.
 *
 * For one date, over the n bonds that have all four inputs, each input is
 * ranked as (average rank - 1)/(n - 1), ties sharing their average rank
 * (NaN when n = 1); the three where lower is more liquid (roll_bps,
 * amihud, kyle_lambda) are flipped, so that 1 is the most liquid, and
 *   score = 100 (0.35 roll + 0.30 amihud + 0.20 trades_per_day + 0.15 kyle).
 * rounded to 8 decimals (so that a printed 33 is a Medium 33).
 * Buckets: Low below 33, Medium from 33 to 67, High above 67.
 */
#ifndef LIQ_COMPOSITE_H
#define LIQ_COMPOSITE_H

#include <stddef.h>


/* The composite score of one date. in[k*4 + j] is bond k's j-th input:
 * j = 0 roll_bps, 1 amihud, 2 trades_per_day, 3 kyle_lambda (no NaN);
 * writes n composite scores. `work` holds 5n doubles, `idx` n indices.
 *
 *   double in[3 * 4] = { ... }, composite[3], work[15];
 *   size_t idx[3];
 *   liq_composite_day(in, 3, composite, work, idx);
 *   puts(liq_bucket(composite[0]));     // "Low", "Medium" or "High"
 */
void liq_composite_day(const double *in, size_t n, double *composite,
		       double *work, size_t *idx);

/* "Low", "Medium" or "High" for a score (composite or predicted);
 * NULL for NaN. */
const char *liq_bucket(double score);

/* 0 Low, 1 Medium, 2 High; -1 for anything else. */
int liq_bucket_code(const char *s);
const char *liq_bucket_name(int code);

#endif
