/* amihud — the trade-level Amihud price-impact measure, per bond-day. */
#include "core/diag.h"
#include "measure/measures.h"
#include "measure/measure-main.h"

#include <stdio.h>

static const char usage_text[] =
"Usage: amihud [OPTION]... [trades.tsv]...\n"
"The Amihud measure, in bps of price move per $1MM traded, for every bond and\n"
"business day, over a rolling window (input sorted by cusip, date, time).\n"
"\n"
"  -w, --window N       window, business days ending on the day (default 21)\n"
"      --through DATE   extend every bond's rows to DATE (YYYY-MM-DD)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output columns: cusip date amihud amihud_days\n"
"  a day's value is the mean over consecutive trades j of that day of\n"
"  1e4 |P_j/P_{j-1} - 1| / (Q_j/1e6); amihud is the mean of the day values in\n"
"  the window, amihud_days how many days had one (NA when none).\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv > /dev/null\n"
"  amihud trades.tsv > amihud.tsv\n"
"  amihud -w 5 trades.tsv | join -t\"$(printf '\\t')\" - <(roll -w 5 trades.tsv | cut -f1-3)\n"
"\n"
"See amihud(1) for the exact definition.\n";

static void
row(void *ctx, const liq_window *win, liq_row *out)
{
	liq_amihud_res r;

	(void)ctx;
	liq_amihud(liq_window_trades(win), liq_window_count(win), &r);
	liq_row_num(out, r.amihud);
	liq_row_num(out, (double)r.days);
}

int
main(int argc, char **argv)
{
	static const char *const cols[] = { "amihud", "amihud_days", NULL };
	liq_panel_tool t = { usage_text, cols, row, NULL, NULL, 0 };

	return liq_panel_main(argc, argv, &t);
}
