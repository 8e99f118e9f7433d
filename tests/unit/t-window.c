#include "core/dates.h"
#include "core/window.h"
#include "tap.h"

static liq_trade
T(long bday, double price)
{
	liq_trade t = { 0 };
	t.bday = bday;
	t.day = liq_bday_date(bday);
	t.price = price;
	t.qty = 1e6;
	return t;
}

static void
t_slide(void)
{
	liq_window w;
	liq_trade t;
	long b0 = 13000;
	liq_window_init(&w, 3);
	liq_window_reset(&w, b0);
	check_int(liq_window_days(&w), 1);
	t = T(b0, 1);
	liq_window_add(&w, &t);
	t = T(b0, 2);
	liq_window_add(&w, &t);
	liq_window_move(&w, b0 + 1);
	check_int(liq_window_days(&w), 2);
	check_int(liq_window_count(&w), 2);
	t = T(b0 + 1, 3);
	liq_window_add(&w, &t);
	liq_window_move(&w, b0 + 2);
	check_int(liq_window_days(&w), 3);
	check_int(liq_window_count(&w), 3);
	liq_window_move(&w, b0 + 3); /* b0 leaves */
	check_int(liq_window_days(&w), 3);
	check_int(liq_window_count(&w), 1);
	check_near(liq_window_trades(&w)[0].price, 3, 0);
	check_int(liq_window_start(&w), b0 + 1);
	liq_window_move(&w, b0 + 10); /* a gap empties it */
	check_int(liq_window_count(&w), 0);
	check_int(liq_window_days(&w), 3);
	liq_window_reset(&w, b0 + 50);
	check_int(liq_window_count(&w), 0);
	check_int(liq_window_days(&w), 1);
	liq_window_free(&w);
}

/* Many trades through a narrow window: the live trades are always the
 * last ones added, in order, whatever the compaction did. */
static void
t_many(void)
{
	liq_window w;
	long b, k = 0, bad = 0;
	liq_window_init(&w, 5);
	liq_window_reset(&w, 0);
	for (b = 0; b < 2000; b++) {
		int j, per = (int)(b % 7) * 13;
		liq_window_move(&w, b);
		for (j = 0; j < per; j++) {
			liq_trade t = T(b, (double)k++);
			liq_window_add(&w, &t);
		}
		{
			const liq_trade *x = liq_window_trades(&w);
			size_t i, n = liq_window_count(&w);
			long expect = 0, d;
			for (d = b - 4; d <= b; d++)
				if (d >= 0)
					expect += (d % 7) * 13;
			if ((long)n != expect)
				bad++;
			for (i = 0; i < n; i++)
				if (x[i].price != (double)(k - (long)n + (long)i) || x[i].bday < b - 4)
					bad++;
		}
	}
	check_int(bad, 0);
	check(w.cap <= 1024);
	liq_window_free(&w);
}

int
main(void)
{
	TEST(t_slide(), "window slides by business day and counts its days");
	TEST(t_many(), "contents stay exact and memory bounded over 2000 days");
	return tap_done();
}
