/* Unit tests of lib/ref/rating: notch names both ways, buckets and the
 * sector x rating group id. */
#include "ref/rating.h"
#include "tap.h"

static void
t_names(void)
{
	int n, bad = 0;

	check_int(liq_rating_notch("AAA"), 1);
	check_int(liq_rating_notch("BBB+"), 8);
	check_int(liq_rating_notch("D"), 22);
	check_int(liq_rating_notch("NR"), 0);
	check_int(liq_rating_notch("bbb"), 0);
	check_int(liq_rating_notch(""), 0);
	check_str(liq_rating_name(10), "BBB-");
	check_str(liq_rating_name(0), "NR");
	check_str(liq_rating_name(23), "NR");
	for (n = 1; n <= LIQ_NRATINGS; n++)
		bad += liq_rating_notch(liq_rating_name(n)) != n;
	check_int(bad, 0);
}

static void
t_buckets(void)
{
	/* AA- is the last of bucket 1, A+ the first of 2, BBB- the last
	 * investment grade, BB+ the first high yield, CCC+ opens bucket 6 */
	check_int(liq_rating_bucket(liq_rating_notch("AA-")), 1);
	check_int(liq_rating_bucket(liq_rating_notch("A+")), 2);
	check_int(liq_rating_bucket(liq_rating_notch("BBB-")), 3);
	check_int(liq_rating_bucket(liq_rating_notch("BB+")), 4);
	check_int(liq_rating_bucket(liq_rating_notch("B-")), 5);
	check_int(liq_rating_bucket(liq_rating_notch("CCC+")), 6);
	check_int(liq_rating_bucket(22), 6);
	check_int(liq_rating_bucket(0), 0);
	check_int(liq_rating_bucket(23), 0);
	check_str(liq_rating_bucket_name(3), "BBB");
	check_str(liq_rating_bucket_name(0), "NR");
	check_str(liq_rating_bucket_name(7), "NR");
}

static void
t_group(void)
{
	int g = liq_rating_group(3, liq_rating_notch("BB"));

	check_int(g, 8 * 3 + 4);
	check_int(liq_group_sector(g), 3);
	check_int(liq_group_bucket(g), 4);
	check_int(liq_rating_group(0, 5), LIQ_GROUP_NONE);
	check_int(liq_rating_group(2, 0), LIQ_GROUP_NONE);
	check_int(liq_group_sector(LIQ_GROUP_NONE), 0);
	check_int(liq_group_bucket(LIQ_GROUP_NONE), 0);
	/* distinct (sector, bucket) pairs give distinct ids */
	check(liq_rating_group(1, 6) != liq_rating_group(2, 1));
}

int
main(void)
{
	TEST(t_names(), "rating names and notches, both ways");
	TEST(t_buckets(), "bucket edges");
	TEST(t_group(), "sector x rating group id and its parts");
	return tap_done();
}
