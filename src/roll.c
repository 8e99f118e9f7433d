/* roll — the Roll (1984) measure of the effective spread, per bond-day. */
#include "core/diag.h"
#include "measure/measures.h"
#include "measure/measure-main.h"

#include <stdio.h>

static const char usage_text[] =
"Usage: roll [OPTION]... [trades.tsv]...\n"
"Roll's effective spread, in bps, for every bond and business day, over a\n"
"rolling window of trades (input sorted by cusip, date, time).\n"
"\n"
"  -w, --window N       window, business days ending on the day (default 21)\n"
"      --min-obs N      price changes the window needs, at least 3 (default 8)\n"
"      --through DATE   extend every bond's rows to DATE (YYYY-MM-DD)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output columns: cusip date roll_bps roll_n\n"
"  roll_bps = 1e4 * 2 sqrt(-c) / mean price, c the first-order\n"
"  autocovariance of price changes (0 when c >= 0); roll_n = price changes.\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv > /dev/null\n"
"  roll trades.tsv > roll.tsv\n"
"  roll -w 63 trades.tsv | awk -F'\\t' '$3 != \"NA\"' | sort -t\"$(printf '\\t')\" -k3,3gr | head\n"
"  trace-clean raw.tsv | roll --through 2023-12-29 > roll.tsv\n"
"\n"
"See roll(1) for the exact definition.\n";

typedef struct ctx {
	int min_obs;
} ctx;

static void
row(void *vc, const liq_window *win, liq_row *out)
{
	const ctx *c = vc;
	liq_roll_res r;

	liq_roll(liq_window_trades(win), liq_window_count(win), c->min_obs, &r);
	liq_row_num(out, r.roll_bps);
	liq_row_num(out, (double)r.n_changes);
}

int
main(int argc, char **argv)
{
	static const char *const cols[] = { "roll_bps", "roll_n", NULL };
	static ctx c = { 8 };
	liq_panel_tool t = { usage_text, cols, row, &c, &c.min_obs, 3 };

	return liq_panel_main(argc, argv, &t);
}
