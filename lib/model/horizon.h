/* horizon — the horizon H of a features.tsv's score_fwd, found back from
 * its rows, so that a model is not used on features built for another
 * horizon (liqtrain records it, liqscore compares; features.tsv itself
 * carries no H).
 *
 * In a run of one bond's rows on consecutive business days, score_fwd of a
 * row is the score of the row H days on, NA exactly when that score is NA
 * (liqfeatures). A run shows H when exactly one k fits every pair of it,
 * with at least 3 pairs of numbers: a run of identical scores shows
 * nothing. A run ends where the cusip changes or the next row is not the
 * next business day: the bonds may come in any order, a bond's rows in
 * date order (a date range of them will do).
 *
 *     liq_horizon *h = liq_horizon_new();
 *     while (...) liq_horizon_row(h, cusip, bday, score, score_fwd);
 *     int H = liq_horizon_get(h);     // -1: the rows did not show it
 *     liq_horizon_free(h);
 */
#ifndef LIQ_HORIZON_H
#define LIQ_HORIZON_H

/* liqfeatures' default -H, the horizon of a model that records none */
#define LIQ_HORIZON_DEFAULT 21

typedef struct liq_horizon liq_horizon;

liq_horizon *liq_horizon_new(void);
/* One row: cusip, its business day (liq_bday_floor), score and score_fwd
 * (NaN for NA). Returns H once a finished run has shown it, else -1. */
int liq_horizon_row(liq_horizon *h, const char *cusip, long bday,
		    double score, double fwd);
/* H after the last row (the current run is looked at too), or -1. */
int liq_horizon_get(liq_horizon *h);
void liq_horizon_free(liq_horizon *h);

#endif
