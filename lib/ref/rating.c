#include "ref/rating.h"

#include <string.h>

static const char *const RATINGS[LIQ_NRATINGS + 1] = {
	"NR", "AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-",
	"BB+", "BB", "BB-", "B+", "B", "B-", "CCC+", "CCC", "CCC-", "CC", "C", "D"
};

const char *
liq_rating_name(int notch)
{
	return notch >= 1 && notch <= LIQ_NRATINGS ? RATINGS[notch] : "NR";
}

int
liq_rating_notch(const char *s)
{
	int i;

	for (i = 1; i <= LIQ_NRATINGS; i++)
		if (strcmp(s, RATINGS[i]) == 0)
			return i;
	return 0;
}

int
liq_rating_bucket(int notch)
{
	if (notch < 1 || notch > LIQ_NRATINGS)
		return 0;
	if (notch <= 4)
		return 1;
	if (notch <= 7)
		return 2;
	if (notch <= 10)
		return 3;
	if (notch <= 13)
		return 4;
	if (notch <= 16)
		return 5;
	return 6;
}

const char *
liq_rating_bucket_name(int bucket)
{
	static const char *const N[LIQ_NBUCKETS + 1] = {
		"NR", "AA", "A", "BBB", "BB", "B", "CCC"
	};

	return bucket >= 0 && bucket <= LIQ_NBUCKETS ? N[bucket] : "NR";
}

int
liq_rating_group(int sector_code, int notch)
{
	int b = liq_rating_bucket(notch);

	return sector_code >= 1 && b > 0 ? 8 * sector_code + b : LIQ_GROUP_NONE;
}

int
liq_group_sector(int group)
{
	return group >= 0 ? group / 8 : 0;
}

int
liq_group_bucket(int group)
{
	return group >= 0 ? group % 8 : 0;
}
