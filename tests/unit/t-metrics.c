#include "model/metrics.h"
#include "tap.h"

/* y 1 2 3 4, pred 1.5 2 2 5: errors -.5 0 1 -1 -> mae 2.5/4 = .625,
 * sse 2.25, rmse sqrt(2.25/4) = .75; sst about 2.5 = 5, r2 = 1 - 2.25/5 */
static void
t_reg(void)
{
	double y[] = { 1, 2, 3, 4 }, p[] = { 1.5, 2, 2, 5 };
	liq_reg_metrics m;
	liq_reg_metrics_of(y, p, 4, &m);
	check_near(m.mae, 0.625, 1e-15);
	check_near(m.rmse, 0.75, 1e-15);
	check_near(m.r2, 1 - 2.25 / 5, 1e-15);
	liq_reg_metrics_of(y, y, 4, &m);
	check_near(m.r2, 1, 0);
}

/* scores .1 .4 .35 .8 for labels 0 0 1 1: of the 4 positive-negative
 * pairs, (.35 vs .4) is the one misordered: AUC 3/4. A tie between a
 * positive and a negative counts one half. */
static void
t_auc(void)
{
	double s[] = { 0.1, 0.4, 0.35, 0.8 }, w[8];
	int pos[] = { 0, 0, 1, 1 };
	double t[] = { 0.5, 0.5, 0.5, 0.9 };
	int tp[] = { 0, 1, 0, 1 };
	check_near(liq_auc(s, pos, 4, w), 0.75, 1e-15);
	/* pairs: (.5p vs .5n) x2 half each, (.9p vs .5n) x2 -> (1 + 2)/4 */
	check_near(liq_auc(t, tp, 4, w), 0.75, 1e-15);
	check(isnan(liq_auc(s, (int[]){ 1, 1, 1, 1 }, 4, w)));
}

/* Three classes, four rows:
 *   y=0 p (.7 .2 .1)   right
 *   y=1 p (.2 .5 .3)   right
 *   y=2 p (.1 .6 .3)   wrong (says 1)
 *   y=2 p (.2 .2 .6)   right
 * accuracy 3/4; logloss -(ln .7 + ln .5 + ln .3 + ln .6)/4.
 * AUC class 0: positive .7 beats .2 .1 .2: 1. Class 1: positive .5 vs
 * negatives .2 .6 .2: 2/3. Class 2: positives .3 .6 vs negatives .1 .3:
 * (.3 vs .1) 1, (.3 vs .3) .5, (.6 vs .1) 1, (.6 vs .3) 1 -> 3.5/4.
 * Macro: (1 + 2/3 + .875)/3. */
static void
t_class(void)
{
	int y[] = { 0, 1, 2, 2 };
	double p[] = { .7, .2, .1, .2, .5, .3, .1, .6, .3, .2, .2, .6 }, w[8];
	liq_class_metrics m;
	liq_class_metrics_of(y, p, 4, 3, 0, w, &m);
	check_near(m.accuracy, 0.75, 1e-15);
	check_near(m.logloss, -(log(.7) + log(.5) + log(.3) + log(.6)) / 4, 1e-12);
	check_near(m.auc, (1 + 2.0 / 3 + 0.875) / 3, 1e-12);
	liq_class_metrics_of(y, p, 4, 3, 1, w, &m);
	check(isnan(m.logloss));
}

int
main(void)
{
	TEST(t_reg(), "mae, rmse, r2 by hand");
	TEST(t_auc(), "Mann-Whitney AUC with ties");
	TEST(t_class(), "accuracy, logloss and macro AUC by hand");
	return tap_done();
}
