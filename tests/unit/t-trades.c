/* Unit tests of lib/format/trades: the trades.tsv reader — fields, sides,
 * weekend trades, bond boundaries, peeking, several files as one stream
 * (each with its own column order, empty files skipped), the sort
 * check and field errors, the optional capped and riskless columns, and
 * the riskless-principal pair rule on hand-made rows. */
#include "core/dates.h"
#include "format/trades.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
t_fields(void)
{
	char path[64];
	char *files[1];
	liq_trades *in;
	liq_trade t;
	const liq_trade *p;
	int sat = liq_date_from_ymd(2024, 1, 13);

	strcpy(path, tap_tmpfile(
		"cusip\tdate\ttime\tprice\tqty\tside\textra\n"
		"AAA000001\t2024-01-12\t09:30:00\t99.5\t1000000\tB\tx\n"
		"AAA000001\t2024-01-12\t09:30:00\t99.25\t250000\tD\tx\n"
		"AAA000001\t2024-01-13\t10:00:00\t100\t5e5\tS\tx\n"
		"BBB000002\t2024-01-08\t16:59:59\t101.125\t2000000\tS\tx\n"));
	files[0] = path;
	in = liq_trades_open(files, 1);
	check_int(liq_trades_count(in), 0);

	check_int(liq_trades_next(in, &t), 1);
	check_str(liq_trades_cusip(in), "AAA000001");
	check_int(liq_trades_new_bond(in), 1);
	check_int(t.day, liq_date_from_ymd(2024, 1, 12));
	check_int(t.tsec, 9 * 3600 + 30 * 60);
	check_int(t.bday, liq_bday_ceil(t.day));
	check_near(t.price, 99.5, 0);
	check_near(t.qty, 1e6, 0);
	check_int(t.sign, 1);
	check_int(liq_trades_had_header(in), 1);

	/* the same time again is in order; D is sign 0 */
	check_int(liq_trades_next(in, &t), 1);
	check_int(liq_trades_new_bond(in), 0);
	check_int(t.sign, 0);

	/* a Saturday trade: its own date, the next Monday's business day */
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.day, sat);
	check_int(t.bday, liq_bday_ceil(sat + 2));
	check_int(t.bday, liq_bday_ceil(liq_date_from_ymd(2024, 1, 12)) + 1);
	check_int(t.sign, -1);
	check_near(t.qty, 5e5, 0);

	/* peek: the next bond ahead, nothing consumed */
	check_int(liq_trades_peek(in, &p), 1);
	check_near(p->price, 101.125, 0);
	check_int(liq_trades_new_bond_ahead(in), 1);
	check_str(liq_trades_cusip(in), "AAA000001");
	check_int(liq_trades_peek(in, &p), 1); /* twice: the same row */
	check_int(liq_trades_count(in), 4);

	check_int(liq_trades_next(in, &t), 1);
	check_str(liq_trades_cusip(in), "BBB000002");
	check_int(liq_trades_new_bond(in), 1);
	check_int(t.tsec, 16 * 3600 + 59 * 60 + 59);
	check_int(liq_trades_new_bond_ahead(in), 0);
	check_int(liq_trades_next(in, &t), 0);
	check_int(liq_trades_peek(in, &p), 0);
	check_int(liq_trades_count(in), 4);
	liq_trades_close(in);
	unlink(path);
}

/* Three files as one stream: an empty one skipped, columns in another
 * order in the second, a bond continued across the boundary. */
static void
t_files(void)
{
	char a[64], b[64], c[64];
	char *files[3];
	liq_trades *in;
	liq_trade t;
	double prices[8];
	int newb[8], n = 0;

	strcpy(a, tap_tmpfile(
		"cusip\tdate\ttime\tprice\tqty\tside\n"
		"AAA000001\t2024-01-08\t10:00:00\t100\t1000000\tB\n"
		"BBB000002\t2024-01-08\t10:00:00\t95\t1000000\tS\n"));
	strcpy(b, tap_tmpfile(""));
	strcpy(c, tap_tmpfile(
		"side\tqty\tprice\ttime\tdate\tcusip\n"
		"D\t2000000\t95.5\t11:00:00\t2024-01-08\tBBB000002\n"
		"B\t300000\t90\t09:00:00\t2024-01-02\tCCC000003\n"));
	files[0] = a;
	files[1] = b;
	files[2] = c;
	in = liq_trades_open(files, 3);
	while (n < 8 && liq_trades_next(in, &t)) {
		prices[n] = t.price;
		newb[n] = liq_trades_new_bond(in);
		n++;
	}
	check_int(n, 4);
	check_near(prices[0], 100, 0);
	check_near(prices[1], 95, 0);
	check_near(prices[2], 95.5, 0);
	check_near(prices[3], 90, 0);
	check_int(newb[0], 1);
	check_int(newb[1], 1);
	check_int(newb[2], 0); /* BBB000002 goes on in the next file */
	check_int(newb[3], 1);
	check_str(liq_trades_cusip(in), "CCC000003");
	check_int(liq_trades_count(in), 4);
	liq_trades_close(in);
	unlink(a);
	unlink(b);
	unlink(c);
}

/* Only empty input: no header, no trades. */
static void
t_empty(void)
{
	char path[64];
	char *files[1];
	liq_trades *in;
	liq_trade t;

	strcpy(path, tap_tmpfile(""));
	files[0] = path;
	in = liq_trades_open(files, 1);
	check_int(liq_trades_next(in, &t), 0);
	check_int(liq_trades_had_header(in), 0);
	liq_trades_close(in);
	unlink(path);
}

typedef struct job {
	char a[64], b[64];
	int nfiles;
} job;

static void
read_all(void *v)
{
	job *j = v;
	char *files[2];
	liq_trades *in;
	liq_trade t;

	files[0] = j->a;
	files[1] = j->b;
	in = liq_trades_open(files, j->nfiles);
	while (liq_trades_next(in, &t))
		;
	liq_trades_close(in);
}

static int
read_status(const char *one, const char *two, char *err, size_t errsz)
{
	job j;
	int rc;

	strcpy(j.a, tap_tmpfile(one));
	j.nfiles = 1;
	if (two) {
		strcpy(j.b, tap_tmpfile(two));
		j.nfiles = 2;
	}
	rc = tap_exit_of(read_all, &j, err, errsz);
	unlink(j.a);
	if (two)
		unlink(j.b);
	return rc;
}

#define HDR "cusip\tdate\ttime\tprice\tqty\tside\n"
#define HDR_OLD HDR

static void
t_errors(void)
{
	char err[1024];

	/* time goes back within a bond: exit 1, the line, the sort command
	 * with this file's column positions */
	check_int(read_status(HDR "AAA000001\t2024-01-08\t10:00:00\t100\t1\tB\n"
				  "AAA000001\t2024-01-08\t09:59:59\t100\t1\tB\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, ":3:") != NULL);
	check(strstr(err, "date or time goes back within a cusip") != NULL);
	check(strstr(err, "-k1,1 -k2,2 -k3,3") != NULL);
	/* date goes back */
	check_int(read_status(HDR "AAA000001\t2024-01-09\t10:00:00\t100\t1\tB\n"
				  "AAA000001\t2024-01-08\t11:00:00\t100\t1\tB\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "goes back within a cusip") != NULL);
	/* a cusip goes back, across two files, in the second file's
	 * column order */
	check_int(read_status(HDR "BBB000002\t2024-01-08\t10:00:00\t100\t1\tB\n",
			      "side\tqty\tprice\ttime\tdate\tcusip\n"
			      "S\t1\t100\t10:00:00\t2024-01-08\tAAA000001\n",
			      err, sizeof err), 1);
	check(strstr(err, "cusip goes back") != NULL);
	check(strstr(err, ":2:") != NULL);
	check(strstr(err, "-k6,6 -k5,5 -k4,4") != NULL);
	/* field errors */
	check_int(read_status(HDR "AAA000001\t2024-01-08\t10:00:00\t100\t1\tX\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "bad side 'X'") != NULL);
	check_int(read_status(HDR "AAA000001\t2024-01-08\t10:00:00\t0\t1\tB\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "price must be positive, not '0'") != NULL);
	check_int(read_status(HDR "AAA000001\t2024-01-08\t10:00:00\t100\t-5\tB\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "quantity must be positive, not '-5'") != NULL);
	check_int(read_status(HDR "AAA000001\t2024-01-08\t25:00:00\t100\t1\tB\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "bad time '25:00:00'") != NULL);
	check_int(read_status(HDR "AAA000001\t2024-01-08\t10:00:00\tNA\t1\tB\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, ":2:") != NULL);
	/* a missing column: exit 2 */
	check_int(read_status("cusip\tdate\ttime\tprice\tqty\n"
			      "AAA000001\t2024-01-08\t10:00:00\t100\t1\n",
			      NULL, err, sizeof err), 2);
	check(strstr(err, "side") != NULL);
}

/* capped and riskless read when present; without them capped 0 and
 * riskless -1 (not computed) */
static void
t_flags(void)
{
	char a[64], b[64];
	char *files[2];
	liq_trades *in;
	liq_trade t;

	strcpy(a, tap_tmpfile(
		"cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"
		"AAA000001\t2024-01-08\t10:00:00\t100\t5000000\tB\t1\t0\n"
		"AAA000001\t2024-01-08\t10:00:30\t100\t20000\tS\t0\t1\n"
		"AAA000001\t2024-01-08\t10:00:40\t100\t20000\tD\t0\t2\n"));
	strcpy(b, tap_tmpfile(HDR_OLD
		"BBB000002\t2024-01-08\t10:00:00\t100\t5000000\tB\n"));
	files[0] = a;
	files[1] = b;
	in = liq_trades_open(files, 2);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.capped, 1);
	check_int(t.riskless, 0);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.capped, 0);
	check_int(t.riskless, 1);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.riskless, 2);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.capped, 0);
	check_int(t.riskless, -1);
	check_int(liq_trades_next(in, &t), 0);
	liq_trades_close(in);
	unlink(a);
	unlink(b);
}

#define HDR2 "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"

static void
t_flag_errors(void)
{
	char err[1024];

	check_int(read_status(HDR2 "AAA000001\t2024-01-08\t10:00:00\t100\t1\tB\t2\t0\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "column 'capped': bad value '2'") != NULL);
	check_int(read_status(HDR2 "AAA000001\t2024-01-08\t10:00:00\t100\t2000000\tB\t1\t0\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "capped size must be the cap, 1000000 or 5000000, "
			  "not '2000000'") != NULL);
	check_int(read_status(HDR2 "AAA000001\t2024-01-08\t10:00:00\t100\t1\tB\t0\tx\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "column 'riskless': bad value 'x'") != NULL);
	check_int(read_status(HDR2 "AAA000001\t2024-01-08\t10:00:00\t100\t1\tD\t0\t1\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "'1' on a dealer print") != NULL);
	check_int(read_status(HDR2 "AAA000001\t2024-01-08\t10:00:00\t100\t1\tS\t0\t2\n",
			      NULL, err, sizeof err), 1);
	check(strstr(err, "'2' on a customer print") != NULL);
	check(strstr(err, ":2:") != NULL);
}

/* a print at second s of 2024-01-08 (s may pass midnight), par q, side */
static liq_trade
P(long s, double q, int sign, int capped)
{
	liq_trade t = { 0 };

	t.day = liq_date_from_ymd(2024, 1, 8) + (int)(s / 86400);
	t.tsec = (int)(s % 86400);
	t.bday = liq_bday_ceil(t.day);
	t.price = 100;
	t.qty = q;
	t.sign = sign;
	t.capped = (signed char)capped;
	t.riskless = -1;
	return t;
}

#define NR(a) (sizeof (a) / sizeof *(a))
#define H10 36000L

/* The pair rule, case by case. */
static void
t_riskless(void)
{
	size_t mate[8];

	{	/* a match 60 s after; none at 61 s */
		liq_trade t[] = { P(H10, 1e6, 1, 0), P(H10 + 60, 1e6, 0, 0),
				  P(H10 + 600, 2e6, -1, 0),
				  P(H10 + 661, 2e6, 0, 0) };
		check_int((int)liq_trades_riskless(t, NR(t)), 1);
		check_int(t[0].riskless, 1);
		check_int(t[1].riskless, 2);
		check_int(t[2].riskless, 0);
		check_int(t[3].riskless, 0);
	}
	{	/* the dealer print before the customer print; other sizes
		 * never match */
		liq_trade t[] = { P(H10, 3e6, 0, 0), P(H10 + 30, 3e6, 1, 0),
				  P(H10 + 40, 400e3, -1, 0),
				  P(H10 + 50, 500e3, 0, 0) };
		check_int((int)liq_trades_riskless(t, NR(t)), 1);
		check_int(t[0].riskless, 2);
		check_int(t[1].riskless, 1);
		check_int(t[2].riskless, 0);
		check_int(t[3].riskless, 0);
	}
	{	/* two candidates: the nearer (20 s after, not 50 s before) */
		liq_trade t[] = { P(H10 - 50, 1e6, 0, 0), P(H10, 1e6, 1, 0),
				  P(H10 + 20, 1e6, 0, 0) };
		check_int((int)liq_trades_riskless_mates(t, NR(t), mate), 1);
		check_int(t[0].riskless, 0);
		check_int(t[1].riskless, 1);
		check_int(t[2].riskless, 2);
		check_int((int)mate[1], 2);
		check_int((int)mate[2], 1);
		check_int((int)mate[0], 3); /* none: n */
	}
	{	/* as near before as after: the earlier */
		liq_trade t[] = { P(H10 - 10, 1e6, 0, 0), P(H10, 1e6, 1, 0),
				  P(H10 + 10, 1e6, 0, 0) };
		check_int((int)liq_trades_riskless(t, NR(t)), 1);
		check_int(t[0].riskless, 2);
		check_int(t[2].riskless, 0);
	}
	{	/* capped prints never match, on either side */
		liq_trade t[] = { P(H10, 5e6, 1, 1), P(H10 + 5, 5e6, 0, 0),
				  P(H10 + 100, 1e6, -1, 0),
				  P(H10 + 101, 1e6, 0, 1) };
		check_int((int)liq_trades_riskless(t, NR(t)), 0);
		check_int(t[0].riskless + t[1].riskless + t[2].riskless +
			  t[3].riskless, 0);
	}
	{	/* each dealer print used once: two customer prints, one
		 * dealer print; the first customer print (in row order)
		 * takes it, the second has none */
		liq_trade t[] = { P(H10, 1e6, 1, 0), P(H10 + 10, 1e6, 0, 0),
				  P(H10 + 12, 1e6, -1, 0) };
		check_int((int)liq_trades_riskless_mates(t, NR(t), mate), 1);
		check_int(t[0].riskless, 1);
		check_int(t[1].riskless, 2);
		check_int(t[2].riskless, 0);
		check_int((int)mate[0], 1);
		check_int((int)mate[2], 3);
	}
	{	/* across midnight: 23:59:40 and 00:00:30 the next day are
		 * 50 s apart */
		liq_trade t[] = { P(86400 - 20, 1e6, 1, 0),
				  P(86400 + 30, 1e6, 0, 0) };
		check_int((int)liq_trades_riskless(t, NR(t)), 1);
		check_int(t[1].riskless, 2);
	}
	{	/* flags of an earlier call are cleared; no rows: no pairs */
		liq_trade t[] = { P(H10, 1e6, 1, 0) };
		t[0].riskless = 1;
		check_int((int)liq_trades_riskless(t, NR(t)), 0);
		check_int(t[0].riskless, 0);
		check_int((int)liq_trades_riskless(t, 0), 0);
	}
}

int
main(void)
{
	TEST(t_fields(), "fields, sides, a weekend trade, bond boundaries, peek");
	TEST(t_files(), "several files as one stream, their own column orders, empty ones skipped");
	TEST(t_empty(), "an empty input has no header and no trades");
	TEST(t_flags(), "capped and riskless read; a file without them: capped 0, riskless -1");
	TEST(t_flag_errors(), "bad capped and riskless values exit 1 with the line");
	TEST(t_riskless(), "riskless-principal pairs: 60 s, nearest, earlier on ties, capped never, each dealer print once, across midnight");
	TEST(t_errors(), "unsorted input and bad fields exit 1 with the line; a missing column exits 2");
	return tap_done();
}
