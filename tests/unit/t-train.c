#include "core/dates.h"
#include "model/train.h"
#include "tap.h"

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

int
main(void)
{
	TEST(t_splits(), "walk-forward folds: expanding, ordered, gap respected");
	return tap_done();
}
