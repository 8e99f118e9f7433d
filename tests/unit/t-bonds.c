/* Unit tests of lib/ref/bonds: loading bonds.tsv (NA fields, sector codes,
 * sorting, lookup), the rating buckets, and the errors of a bad file. */
#include "core/dates.h"
#include "ref/bonds.h"
#include "tap.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char good[] =
	"cusip\tissuer\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
	"CCC000003\tBETA\ttech\tBBB-\t5\t2032-01-01\t2020-01-01\t200000000\n"
	"AAA000001\tACME\tbank\tAA+\t3.25\t2030-06-15\t2020-06-15\t500000000\n"
	"DDD000004\tNA\tNA\tNR\tNA\tNA\tNA\tNA\n"
	"BBB000002\tACME\tbank\tD\t4\t2031-01-01\t2020-01-01\t300000000\n";

static void
t_load(void)
{
	const char *path = tap_tmpfile(good);
	liq_bonds *b = liq_bonds_load(path);
	const liq_bond *x;

	check_int(b->n, 4);
	/* sorted by cusip */
	check_str(b->b[0].cusip, "AAA000001");
	check_str(b->b[3].cusip, "DDD000004");
	/* two distinct sectors, in alphabetical order; NA has none */
	check_int(b->nsectors, 2);
	check_str(b->sectors[0], "bank");
	check_str(b->sectors[1], "tech");

	x = liq_bonds_find(b, "AAA000001");
	check(x != NULL);
	if (x) {
		check_str(x->issuer, "ACME");
		check_str(x->sector, "bank");
		check_int(x->sector_code, 1);
		check_int(x->rating, 2); /* AA+: the second notch */
		check_near(x->coupon, 3.25, 0);
		check_int(x->maturity, liq_date_from_ymd(2030, 6, 15));
		check_int(x->issue, liq_date_from_ymd(2020, 6, 15));
		check_near(x->amount, 5e8, 0);
	}
	x = liq_bonds_find(b, "CCC000003");
	check(x != NULL);
	if (x) {
		check_int(x->sector_code, 2);
		check_int(x->rating, 10); /* BBB- */
	}
	x = liq_bonds_find(b, "BBB000002");
	check(x != NULL && x->rating == 22); /* D, the last notch */
	x = liq_bonds_find(b, "DDD000004");
	check(x != NULL);
	if (x) {
		check_str(x->issuer, "");
		check_str(x->sector, "");
		check_int(x->sector_code, 0);
		check_int(x->rating, 0);
		check(isnan(x->coupon));
		check_int(x->maturity, INT_MIN);
		check_int(x->issue, INT_MIN);
		check(isnan(x->amount));
	}
	check(liq_bonds_find(b, "ZZZ999999") == NULL);
	check(liq_bonds_find(b, "AAA00000") == NULL);
	check(liq_bonds_find(b, "AAA000001AAA000001") == NULL); /* too long */
	liq_bonds_free(b);
	unlink(path);
}

/* Without the optional issuer column every issuer is "". */
static void
t_no_issuer(void)
{
	const char *path = tap_tmpfile(
		"cusip\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
		"AAA000001\tbank\tA\t3\t2030-01-01\t2020-01-01\t1e8\n");
	liq_bonds *b = liq_bonds_load(path);

	check_int(b->n, 1);
	check_str(b->b[0].issuer, "");
	check_int(b->b[0].rating, 6); /* A */
	check_near(b->b[0].amount, 1e8, 0);
	liq_bonds_free(b);
	unlink(path);
}

static void
t_buckets(void)
{
	/* notch -> bucket: 1-4 AA, 5-7 A, 8-10 BBB, 11-13 BB, 14-16 B,
	 * 17-22 CCC, anything else unknown */
	static const int want[24] = { 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4,
				      4, 5, 5, 5, 6, 6, 6, 6, 6, 6, 0 };
	int k;

	for (k = 0; k < 24; k++)
		check_int(liq_rating_bucket(k), want[k]);
	check_int(liq_rating_bucket(-1), 0);
	check_str(liq_rating_bucket_name(0), "NR");
	check_str(liq_rating_bucket_name(1), "AA");
	check_str(liq_rating_bucket_name(2), "A");
	check_str(liq_rating_bucket_name(3), "BBB");
	check_str(liq_rating_bucket_name(4), "BB");
	check_str(liq_rating_bucket_name(5), "B");
	check_str(liq_rating_bucket_name(6), "CCC");
	check_str(liq_rating_bucket_name(7), "NR");
	check_str(liq_rating_bucket_name(-1), "NR");
}

static void
load_it(void *path)
{
	liq_bonds_load(path);
}

/* exit status of loading `content`, and the message in err */
static int
load_status(const char *content, char *err, size_t errsz)
{
	const char *path = tap_tmpfile(content);
	char p[64];
	int rc;

	strcpy(p, path);
	rc = tap_exit_of(load_it, p, err, errsz);
	unlink(p);
	return rc;
}

static void
t_errors(void)
{
	char err[512];

	/* a missing required column: usage error, 2 */
	check_int(load_status("cusip\tsector\trating\tcoupon\tmaturity\tissue_date\n"
			      "AAA000001\tbank\tA\t3\t2030-01-01\t2020-01-01\n",
			      err, sizeof err), 2);
	check(strstr(err, "amount_out") != NULL);
	/* an unknown rating: bad data, 1, with the line and the value */
	check_int(load_status("cusip\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
			      "AAA000001\tbank\tA\t3\t2030-01-01\t2020-01-01\t1e8\n"
			      "BBB000002\tbank\tXYZ\t3\t2030-01-01\t2020-01-01\t1e8\n",
			      err, sizeof err), 1);
	check(strstr(err, ":3:") != NULL && strstr(err, "'XYZ'") != NULL);
	/* a cusip twice */
	check_int(load_status("cusip\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
			      "AAA000001\tbank\tA\t3\t2030-01-01\t2020-01-01\t1e8\n"
			      "AAA000001\ttech\tB\t3\t2030-01-01\t2020-01-01\t1e8\n",
			      err, sizeof err), 1);
	check(strstr(err, "'AAA000001' appears twice") != NULL);
	/* a bad date and a bad number */
	check_int(load_status("cusip\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
			      "AAA000001\tbank\tA\t3\t2030-13-01\t2020-01-01\t1e8\n",
			      err, sizeof err), 1);
	check(strstr(err, ":2:") != NULL && strstr(err, "2030-13-01") != NULL);
	check_int(load_status("cusip\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
			      "AAA000001\tbank\tA\tthree\t2030-01-01\t2020-01-01\t1e8\n",
			      err, sizeof err), 1);
	check(strstr(err, "'three'") != NULL);
	/* an empty file */
	check_int(load_status("", err, sizeof err), 1);
	check(strstr(err, "empty file") != NULL);
}

int
main(void)
{
	TEST(t_load(), "bonds.tsv: fields, NA, sector codes, sorted lookup");
	TEST(t_no_issuer(), "the issuer column is optional");
	TEST(t_buckets(), "rating notches to buckets and their names");
	TEST(t_errors(), "missing column exits 2; bad rating, date, number, duplicate, empty file exit 1");
	return tap_done();
}
