#include "ref/bonds.h"
#include "model/composite.h"
#include "tap.h"
#include "core/stats.h"

/* Three bonds on one day (worked by hand):
 *   roll 10 20 20 -> ranks 1 2.5 2.5 -> 0 .75 .75 -> flipped 1 .25 .25
 *   amihud 5 1 3  -> ranks 3 1 2     -> 1 0 .5    -> flipped 0 1 .5
 *   trades 2 1 3  -> ranks 2 1 3     -> .5 0 1
 *   kyle .1 .3 .2 -> ranks 1 3 2     -> 0 1 .5    -> flipped 1 0 .5
 * A = 100 (.35 + 0 + .10 + .15) = 60
 * B = 100 (.0875 + .30 + 0 + 0) = 38.75
 * C = 100 (.0875 + .15 + .20 + .075) = 51.25 */
static void
t_score_hand(void)
{
	double in[] = { 10, 5, 2, 0.1, 20, 1, 1, 0.3, 20, 3, 3, 0.2 };
	double s[3], work[15];
	size_t idx[3];
	liq_composite_day(in, 3, s, work, idx);
	check_near(s[0], 60, 1e-12);
	check_near(s[1], 38.75, 1e-12);
	check_near(s[2], 51.25, 1e-12);
}

/* The most liquid on every input scores 100, the least 0. */
static void
t_extremes(void)
{
	double in[] = { 5, 1, 10, 0.1, 50, 9, 1, 2.0 };
	double s[2], work[10];
	size_t idx[2];
	liq_composite_day(in, 2, s, work, idx);
	check_near(s[0], 100, 1e-12);
	check_near(s[1], 0, 1e-12);
}

static void
t_buckets(void)
{
	check_str(liq_bucket(32.999), "Low");
	check_str(liq_bucket(33), "Medium");
	check_str(liq_bucket(67), "Medium");
	check_str(liq_bucket(67.0001), "High");
	check(liq_bucket(NAN) == NULL);
	check_int(liq_bucket_code("High"), 2);
	check_int(liq_bucket_code("high"), -1);
	check_str(liq_bucket_name(0), "Low");
}

static void
t_rating_buckets(void)
{
	check_int(liq_rating_bucket(1), 1);
	check_int(liq_rating_bucket(4), 1);
	check_int(liq_rating_bucket(5), 2);
	check_int(liq_rating_bucket(10), 3);
	check_int(liq_rating_bucket(11), 4);
	check_int(liq_rating_bucket(16), 5);
	check_int(liq_rating_bucket(22), 6);
	check_int(liq_rating_bucket(0), 0);
	check_str(liq_rating_bucket_name(3), "BBB");
}

int
main(void)
{
	TEST(t_score_hand(), "composite score of a hand-worked day");
	TEST(t_extremes(), "best on every input scores 100, worst 0");
	TEST(t_buckets(), "bucket boundaries 33 and 67 are Medium");
	TEST(t_rating_buckets(), "rating buckets");
	return tap_done();
}
