/* Unit tests of lib/measure/measure-main: the panel driver (rows per bond
 * and business day, zero-trade days, weekend trades, --through, the
 * window each row sees) through a row function that prints what its
 * window holds; the scratch space; and the shared command line's exit
 * statuses. */
#include "core/dates.h"
#include "measure/measure-main.h"
#include "tap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the window's trade count, business days and prices summed */
static void
row_fn(void *ctx, const liq_window *win, liq_row *out)
{
	const liq_trade *t = liq_window_trades(win);
	size_t i, n = liq_window_count(win);
	double s = 0;

	(*(int *)ctx)++;
	for (i = 0; i < n; i++)
		s += t[i].price;
	liq_row_long(out, (long)n);
	liq_row_long(out, liq_window_days(win));
	liq_row_num(out, s);
}

static const char *const cols[] = { "n", "days", "sum", NULL };

static const char trades[] =
	"cusip\tdate\ttime\tprice\tqty\tside\n"
	"AAA000001\t2024-01-04\t10:00:00\t1\t1000000\tB\n"   /* Thu */
	"AAA000001\t2024-01-04\t11:00:00\t2\t1000000\tS\n"
	"AAA000001\t2024-01-06\t12:00:00\t4\t1000000\tD\n"   /* Sat -> Mon 8 */
	"AAA000001\t2024-01-09\t09:00:00\t8\t1000000\tB\n"   /* Tue */
	"BBB000002\t2024-01-05\t10:00:00\t16\t1000000\tS\n"; /* Fri */

/* run the panel on `content`, return its output (static buffer) */
static const char *
run(const char *content, int w, int through, long *rows, int *calls)
{
	static char buf[4096];
	char path[64];
	char *files[1];
	liq_panel p;
	liq_trades *in;
	FILE *fp = tmpfile();
	size_t k;

	strcpy(path, tap_tmpfile(content));
	files[0] = path;
	*calls = 0;
	p.w = w;
	p.through = through;
	p.columns = cols;
	p.row = row_fn;
	p.ctx = calls;
	in = liq_trades_open(files, 1);
	*rows = liq_panel_run(&p, in, fp);
	liq_trades_close(in);
	fflush(fp);
	rewind(fp);
	k = fread(buf, 1, sizeof buf - 1, fp);
	buf[k] = '\0';
	fclose(fp);
	unlink(path);
	return buf;
}

static void
t_rows(void)
{
	long rows;
	int calls;
	const char *out = run(trades, 2, INT_MIN, &rows, &calls);

	/* AAA: Thu 4, Fri 5, Mon 8 (the Saturday trade), Tue 9; BBB: Fri 5.
	 * Window 2: Fri 5 sees Thu's two trades; Mon 8 sees Fri 5 and Mon 8
	 * (the Saturday trade); Tue 9 sees Mon 8 and Tue 9. Days count from
	 * the bond's first trade day. */
	check_str(out,
		  "cusip\tdate\tn\tdays\tsum\n"
		  "AAA000001\t2024-01-04\t2\t1\t3\n"
		  "AAA000001\t2024-01-05\t2\t2\t3\n"
		  "AAA000001\t2024-01-08\t1\t2\t4\n"
		  "AAA000001\t2024-01-09\t2\t2\t12\n"
		  "BBB000002\t2024-01-05\t1\t1\t16\n");
	check_int(rows, 5);
	check_int(calls, 5);
}

static void
t_through(void)
{
	long rows;
	int calls;
	/* through Wednesday 10th: AAA gets a row on Wed 10 (only Tue 9 in
	 * its 2-day window), BBB rows from Fri 5 to Wed 10 */
	const char *out = run(trades, 2, liq_date_from_ymd(2024, 1, 10), &rows, &calls);

	check_str(out,
		  "cusip\tdate\tn\tdays\tsum\n"
		  "AAA000001\t2024-01-04\t2\t1\t3\n"
		  "AAA000001\t2024-01-05\t2\t2\t3\n"
		  "AAA000001\t2024-01-08\t1\t2\t4\n"
		  "AAA000001\t2024-01-09\t2\t2\t12\n"
		  "AAA000001\t2024-01-10\t1\t2\t8\n"
		  "BBB000002\t2024-01-05\t1\t1\t16\n"
		  "BBB000002\t2024-01-08\t1\t2\t16\n"
		  "BBB000002\t2024-01-09\t0\t2\t0\n"
		  "BBB000002\t2024-01-10\t0\t2\t0\n");
	check_int(rows, 9);
	/* a --through before a bond's last trade does not cut its rows;
	 * a Sunday counts as the Friday before it */
	out = run(trades, 1, liq_date_from_ymd(2024, 1, 7), &rows, &calls);
	check_str(out,
		  "cusip\tdate\tn\tdays\tsum\n"
		  "AAA000001\t2024-01-04\t2\t1\t3\n"
		  "AAA000001\t2024-01-05\t0\t1\t0\n"
		  "AAA000001\t2024-01-08\t1\t1\t4\n"
		  "AAA000001\t2024-01-09\t1\t1\t8\n"
		  "BBB000002\t2024-01-05\t1\t1\t16\n");
}

static void
t_empty(void)
{
	long rows;
	int calls;

	check_str(run("", 21, INT_MIN, &rows, &calls), "cusip\tdate\tn\tdays\tsum\n");
	check_int(rows, 0);
	check_str(run("cusip\tdate\ttime\tprice\tqty\tside\n", 21, INT_MIN, &rows, &calls),
		  "cusip\tdate\tn\tdays\tsum\n");
	check_int(rows, 0);
	check_int(calls, 0);
}

static void
t_scratch(void)
{
	liq_scratch s = { 0 };
	double *a = liq_scratch_get(&s, 10), *b;

	check(a != NULL && s.cap >= 10);
	a[9] = 1;
	b = liq_scratch_get(&s, 5); /* never shrinks */
	check(b == a);
	b = liq_scratch_get(&s, 1000);
	check(s.cap >= 1000);
	b[999] = 2;
	liq_scratch_free(&s);
	check(s.v == NULL);
}

/* ---- the command line, in a child ---- */

static int min_obs = 8;
static const char usage[] = "usage\n";

typedef struct job {
	int argc;
	char *argv[8];
} job;

static void
main_it(void *v)
{
	job *j = v;
	liq_panel_tool t = { usage, cols, row_fn, &min_obs, &min_obs, 3 };
	exit(liq_panel_main(j->argc, j->argv, &t));
}

static void
no_min_obs(void *v)
{
	job *j = v;
	liq_panel_tool t = { usage, cols, row_fn, &min_obs, NULL, 0 };
	exit(liq_panel_main(j->argc, j->argv, &t));
}

static int
main_status(void (*fn)(void *), const char *a1, const char *a2, const char *file,
	    char *err, size_t errsz)
{
	job j;
	j.argc = 0;
	j.argv[j.argc++] = (char *)"tool";
	if (a1)
		j.argv[j.argc++] = (char *)a1;
	if (a2)
		j.argv[j.argc++] = (char *)a2;
	if (file)
		j.argv[j.argc++] = (char *)file;
	j.argv[j.argc] = NULL;
	return tap_exit_of(fn, &j, err, errsz);
}

static void
t_main(void)
{
	char err[512], path[64];

	strcpy(path, tap_tmpfile(trades));
	check_int(main_status(main_it, "-w", "3", path, err, sizeof err), 0);
	check(strstr(err, "5 trades, 5 bond-days") != NULL);
	check_int(main_status(main_it, "-q", "--min-obs=3", path, err, sizeof err), 0);
	check_str(err, "");
	check_int(main_status(main_it, "--through", "2024-01-10", path, err, sizeof err), 0);
	check(strstr(err, "5 trades, 9 bond-days") != NULL);
	check_int(main_status(main_it, "-w", "0", path, err, sizeof err), 2);
	check(strstr(err, "--window") != NULL);
	check_int(main_status(main_it, "--min-obs", "2", path, err, sizeof err), 2);
	check(strstr(err, "--min-obs") != NULL);
	check_int(main_status(main_it, "--through", "2024-13-01", path, err, sizeof err), 2);
	check_int(main_status(main_it, "--bogus", NULL, path, err, sizeof err), 2);
	check_int(main_status(no_min_obs, "--min-obs", "5", path, err, sizeof err), 2);
	check(strstr(err, "unknown option '--min-obs'") != NULL);
	check_int(main_status(main_it, "-h", NULL, NULL, err, sizeof err), 0);
	/* bad data in the file: 1 */
	unlink(path);
	strcpy(path, tap_tmpfile("cusip\tdate\ttime\tprice\tqty\tside\n"
				 "AAA000001\t2024-01-04\t10:00:00\t-1\t1\tB\n"));
	check_int(main_status(main_it, NULL, NULL, path, err, sizeof err), 1);
	check(strstr(err, ":2:") != NULL);
	unlink(path);
	/* a missing column: 2 */
	strcpy(path, tap_tmpfile("cusip\tdate\ttime\tprice\tqty\n"));
	check_int(main_status(main_it, NULL, NULL, path, err, sizeof err), 2);
	unlink(path);
}

int
main(void)
{
	TEST(t_rows(), "one row per bond and business day, weekend trade on Monday, windows");
	TEST(t_through(), "--through extends every bond, never cuts; a weekend date floors to Friday");
	TEST(t_empty(), "no input and a header alone give the header only");
	TEST(t_scratch(), "scratch space grows and never shrinks");
	TEST(t_main(), "command line: options, summary line, exit 2 on usage, 1 on bad data");
	return tap_done();
}
