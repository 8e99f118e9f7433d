/* Unit tests of format/trades: the writer's bytes (header, both price
 * forms, sides, the date cache across bonds) and that the reader takes
 * back what the writer wrote. */
#include "format/trades.h"
#include "core/dates.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
t_write_read(void)
{
	char path[] = "/tmp/t-trades-XXXXXX";
	char buf[512];
	char *files[1];
	FILE *fp;
	size_t n;
	int fd = mkstemp(path);
	int d1 = liq_date_from_ymd(2020, 3, 2), d2 = liq_date_from_ymd(2020, 3, 3);
	liq_trades_out w;
	liq_trades *in;
	liq_trade t;

	if (fd < 0 || !(fp = fdopen(fd, "w+")))
		abort();
	liq_trades_out_begin(&w, fp);
	t = (liq_trade){ .day = d1, .tsec = 8 * 3600, .qty = 5000, .sign = 1,
			 .riskless = -1 };
	liq_trades_out_row(&w, "AAA", &t, 101.25);
	t = (liq_trade){ .day = d2, .tsec = 9 * 3600 + 1, .qty = 1e6,
			 .sign = -1, .capped = 1, .riskless = 1 };
	liq_trades_out_milli(&w, "AAA", &t, 99500);
	t = (liq_trade){ .day = d2, .tsec = 17 * 3600, .qty = 25000,
			 .riskless = 2 };
	liq_trades_out_milli(&w, "BBB", &t, 100000);
	liq_trades_out_end(&w);
	fflush(fp);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	/* riskless -1 (not computed) is written 0 */
	check_str(buf, "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n"
		       "AAA\t2020-03-02\t08:00:00\t101.25\t5000\tB\t0\t0\n"
		       "AAA\t2020-03-03\t09:00:01\t99.5\t1000000\tS\t1\t1\n"
		       "BBB\t2020-03-03\t17:00:00\t100\t25000\tD\t0\t2\n");

	files[0] = path;
	in = liq_trades_open(files, 1);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.day, d1);
	check_int(t.tsec, 8 * 3600);
	check_near(t.price, 101.25, 0);
	check_int(t.sign, 1);
	check_int(t.capped, 0);
	check_int(t.riskless, 0);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.sign, -1);
	check_near(t.qty, 1e6, 0);
	check_int(t.capped, 1);
	check_int(t.riskless, 1);
	check_int(liq_trades_next(in, &t), 1);
	check_int(t.sign, 0);
	check_int(t.riskless, 2);
	check_int(liq_trades_new_bond(in), 1);
	check_str(liq_trades_cusip(in), "BBB");
	check_int(liq_trades_next(in, &t), 0);
	liq_trades_close(in);
	remove(path);
}

static void
t_columns(void)
{
	check_str(liq_trades_columns[LIQ_TRADES_CUSIP], "cusip");
	check_str(liq_trades_columns[LIQ_TRADES_SIDE], "side");
	check_str(liq_trades_columns[LIQ_TRADES_CAPPED], "capped");
	check_str(liq_trades_columns[LIQ_TRADES_RISKLESS], "riskless");
	check_int(liq_trades_columns[LIQ_TRADES_NCOL] == NULL, 1);
	check_str(liq_trades_side(1), "B");
	check_str(liq_trades_side(-1), "S");
	check_str(liq_trades_side(0), "D");
}

int
main(void)
{
	TEST(t_columns(), "column table and side letters");
	TEST(t_write_read(), "writer bytes, read back by the reader");
	return tap_done();
}
