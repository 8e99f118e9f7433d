/* Unit tests of lib/format/latest: each bond's row of its last date in a
 * panel, sorted or not, ties to the later line; absent and NA columns;
 * the errors of a bad file. */
#include "core/dates.h"
#include "format/latest.h"
#include "tap.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

static const char *const cols[] = { "score_pred", "p_high", "absent", NULL };

static double
val(const liq_latest *L, const char *cusip, int j)
{
	long i = liq_latest_find(L, cusip);
	return i < 0 ? -999 : L->x[i * L->p + j];
}

static void
t_sorted(void)
{
	const char *path = tap_tmpfile(
		"cusip\tdate\tscore_pred\tp_high\tbucket\n"
		"AAA000001\t2024-01-02\t70\t0.7\tHigh\n"
		"AAA000001\t2024-01-03\t80\t0.8\tHigh\n"
		"AAA000001\t2024-01-04\t85\tNA\tHigh\n"
		"BBB000002\t2024-01-03\t40\t0.1\tLow\n");
	liq_latest *L = liq_latest_load(path, cols, 0, NULL);

	check_int(L->n, 2);
	check_int(L->p, 3);
	check_str(L->names[0], "score_pred");
	check_str(L->names[2], "absent");
	check_int(L->have[0], 1);
	check_int(L->have[1], 1);
	check_int(L->have[2], 0);
	check_str(L->cusip[0], "AAA000001");
	check_int(L->date[0], liq_date_from_ymd(2024, 1, 4));
	check_near(val(L, "AAA000001", 0), 85, 0);
	check(isnan(val(L, "AAA000001", 1))); /* NA on the last date */
	check(isnan(val(L, "AAA000001", 2))); /* a column the file lacks */
	check_near(val(L, "BBB000002", 0), 40, 0);
	check_near(val(L, "BBB000002", 1), 0.1, 0);
	check_int(liq_latest_find(L, "BBB000002"), 1);
	check_int(liq_latest_find(L, "AAA00000"), -1);
	check_int(liq_latest_find(L, "CCC000003"), -1);
	check_int(liq_latest_find(L, ""), -1);
	liq_latest_free(L);
	unlink(path);
}

/* Unsorted: a bond's rows apart and out of date order; two rows of the
 * last date: the later line wins. */
static void
t_unsorted(void)
{
	const char *path = tap_tmpfile(
		"date\tcusip\tscore_pred\n"
		"2024-01-05\tCCC000003\t10\n"
		"2024-01-08\tBBB000002\t50\n"
		"2024-01-04\tCCC000003\t11\n"
		"2024-01-02\tBBB000002\t40\n"
		"2024-01-08\tBBB000002\t45\n"
		"2024-01-03\tAAA000001\t99\n"
		"2024-01-06\tCCC000003\t12\n"
		"2024-01-01\tCCC000003\t13\n");
	static const char *const one[] = { "score_pred", NULL };
	liq_latest *L = liq_latest_load(path, one, 1, NULL);

	check_int(L->n, 3);
	check_str(L->cusip[0], "AAA000001");
	check_str(L->cusip[1], "BBB000002");
	check_str(L->cusip[2], "CCC000003");
	check_near(val(L, "AAA000001", 0), 99, 0);
	check_near(val(L, "BBB000002", 0), 45, 0);
	check_int(L->date[1], liq_date_from_ymd(2024, 1, 8));
	check_near(val(L, "CCC000003", 0), 12, 0);
	check_int(L->date[2], liq_date_from_ymd(2024, 1, 6));
	liq_latest_free(L);
	unlink(path);
}

/* A header and no rows: no bonds. */
static void
t_header_only(void)
{
	const char *path = tap_tmpfile("cusip\tdate\tscore_pred\n");
	liq_latest *L = liq_latest_load(path, cols, 0, NULL);

	check_int(L->n, 0);
	check_int(liq_latest_find(L, "AAA000001"), -1);
	liq_latest_free(L);
	unlink(path);
}

typedef struct job {
	char path[64];
	int need;
} job;

static void
load_it(void *v)
{
	const job *j = v;
	static const char *const one[] = { "score_pred", NULL };
	liq_latest_free(liq_latest_load(j->path, one, j->need,
					", a feature of model.json"));   /* no leak */
}

static int
load_status(const char *content, int need, char *err, size_t errsz)
{
	job j;
	int rc;

	strcpy(j.path, tap_tmpfile(content));
	j.need = need;
	rc = tap_exit_of(load_it, &j, err, errsz);
	unlink(j.path);
	return rc;
}

static void
t_errors(void)
{
	char err[512];

	check_int(load_status("cusip\tdate\tother\nAAA000001\t2024-01-02\t1\n", 1,
			      err, sizeof err), 2);
	check(strstr(err, "missing column 'score_pred', a feature of model.json") != NULL);
	/* not needed: the same file loads */
	check_int(load_status("cusip\tdate\tother\nAAA000001\t2024-01-02\t1\n", 0,
			      err, sizeof err), 0);
	check_int(load_status("cusip\tscore_pred\nAAA000001\t1\n", 0, err, sizeof err), 2);
	check(strstr(err, "'date'") != NULL);
	check_int(load_status("cusip\tdate\tscore_pred\nAAA000001\t2024-02-30\t1\n", 0,
			      err, sizeof err), 1);
	check(strstr(err, ":2:") != NULL && strstr(err, "2024-02-30") != NULL);
	check_int(load_status("cusip\tdate\tscore_pred\nAAA000001\t2024-01-02\t1\n"
			      "AAA000001\t2024-01-03\tx1\n", 0, err, sizeof err), 1);
	check(strstr(err, ":3:") != NULL && strstr(err, "'x1'") != NULL);
	check_int(load_status("", 0, err, sizeof err), 1);
	check(strstr(err, "empty file") != NULL);
}

int
main(void)
{
	TEST(t_sorted(), "sorted panel: last date's values, NA and absent columns as NaN");
	TEST(t_unsorted(), "unsorted panel: each bond's last date, the later line on a tie");
	TEST(t_header_only(), "a header without rows has no bonds");
	TEST(t_errors(), "missing needed column exits 2 with the reason; bad date, number, empty file exit 1");
	return tap_done();
}
