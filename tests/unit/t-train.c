#include "core/dates.h"
#include "model/baseline.h"
#include "model/train.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

/* 260 consecutive business days from 2021-01-04, 3 folds, gap 21:
 * blocks of 65 dates; fold k validates on block k+1 and trains on the
 * dates before, ending 22 business days before its first date. */
static void
t_splits(void)
{
	int d[260], i, k, n;
	liq_split s[3];
	liq_date_parse("2021-01-04", &d[0]);
	for (i = 1; i < 260; i++)
		d[i] = liq_bday_add(d[i - 1], 1);
	n = liq_cv_splits(d, 260, 3, 21, s);
	check_int(n, 3);
	for (k = 0; k < n; k++) {
		/* no validation date within gap business days of training */
		check(liq_bdays_between(s[k].train_to, s[k].eval_from) - 2 >= 21);
		check_int(liq_bday_add(s[k].train_to, 22), s[k].eval_from);
		check_int(s[k].train_from, d[0]);
		check(s[k].eval_from <= s[k].eval_to);
		if (k > 0) { /* expanding and ordered */
			check(s[k].train_to > s[k - 1].train_to);
			check_int(s[k].eval_from, liq_bday_add(s[k - 1].eval_to, 1));
		}
	}
	check_int(s[0].eval_from, d[65]);
	check_int(s[2].eval_to, d[259]);
	check_str(s[2].name, "fold3");
	/* a gap longer than the first block leaves fold 1 nothing to train on */
	check_int(liq_cv_splits(d, 260, 3, 70, s), -1);
	check_int(liq_cv_splits(d, 260, 0, 21, s), 0);
}

/* Four rows of two features, the second constant; y = 2 x + 1 exactly. */
static float X4[8] = { 0, 5, 1, 5, 2, 5, NAN, 5 };
static double y4[4] = { 1, 3, 5, 7 }, comp4[4] = { 10, 40, 70, NAN };

static liq_matrix
matrix4(int is_class)
{
	liq_matrix d = { 0 };

	d.n = 4;
	d.p = 2;
	d.X = X4;
	d.y = y4;
	d.composite = comp4;
	d.has_composite = 1;
	d.target = "score_fwd";
	d.is_class = is_class;
	return d;
}

/* OLS on the standardised first feature (the constant one left out):
 * exact on the training rows; NA is the training mean. */
static void
t_linear(void)
{
	liq_matrix d = matrix4(0);
	long tr[3] = { 0, 1, 2 }, ev[2] = { 2, 3 };
	double *p = liq_baseline_linear(&d, tr, 3, ev, 2);

	check_near(p[0], 5, 1e-9);
	check_near(p[1], 3, 1e-9);   /* x NA: the mean 1, 2 * 1 + 1 */
	free(p);
}

/* The composite score of the day as the forecast; for classes its bucket
 * with probability 1. */
static void
t_persistence(void)
{
	liq_matrix d = matrix4(0);
	long ev[3] = { 0, 1, 2 };
	double *p = liq_baseline_persistence(&d, ev, 3);

	check_near(p[0], 10, 0);
	check_near(p[2], 70, 0);
	free(p);
	d = matrix4(1);
	p = liq_baseline_persistence(&d, ev, 3);
	check_near(p[0], 1, 0);       /* 10: Low */
	check_near(p[1 * 3 + 1], 1, 0); /* 40: Medium */
	check_near(p[1 * 3 + 0], 0, 0);
	check_near(p[2 * 3 + 2], 1, 0); /* 70: High */
	free(p);
}

int
main(void)
{
	TEST(t_splits(), "walk-forward folds: expanding, ordered, gap respected");
	TEST(t_linear(), "linear baseline: OLS fit, NA as the training mean");
	TEST(t_persistence(), "persistence baseline: the composite score, its bucket");
	return tap_done();
}
