/* itt — inter-trade times and trading activity, per bond-day. */
#include "core/diag.h"
#include "measure/measures.h"
#include "measure/measure-main.h"

#include <stdio.h>

static const char usage_text[] =
"Usage: itt [OPTION]... [trades.tsv]...\n"
"Inter-trade times and activity for every bond and business day, over a\n"
"rolling window (input sorted by cusip, date, time).\n"
"\n"
"  -w, --window N       window, business days ending on the day (default 21)\n"
"      --through DATE   extend every bond's rows to DATE (YYYY-MM-DD)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output columns: cusip date itt_median_h itt_max_h trades trades_per_day\n"
"                zero_days_frac volume_mm avg_size_mm\n"
"  gaps are calendar hours between consecutive trades in the window; per-day\n"
"  figures divide by the window's business days on or after the bond's first\n"
"  trade date.\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv > /dev/null\n"
"  itt trades.tsv > itt.tsv\n"
"  itt -w 1 trades.tsv | awk -F'\\t' 'NR > 1 { n += $5 } END { print n }'\n"
"\n"
"See itt(1) for the exact definitions.\n";

/* The gaps are kept sorted as the window moves (liq_gapset): the same
 * numbers as liq_itt() computes afresh, without a selection per day. */
static void
row(void *vc, const liq_window *win, liq_row *out)
{
	liq_gapset *g = vc;
	liq_itt_res r;

	liq_itt_counts(win, &r);
	liq_gapset_sync(g, win);
	liq_row_num(out, liq_gapset_median(g));
	liq_row_num(out, liq_gapset_max(g));
	liq_row_num(out, (double)r.trades);
	liq_row_num(out, r.trades_per_day);
	liq_row_num(out, r.zero_days_frac);
	liq_row_num(out, r.volume_mm);
	liq_row_num(out, r.avg_size_mm);
}

int
main(int argc, char **argv)
{
	static const char *const cols[] = { "itt_median_h", "itt_max_h", "trades",
		"trades_per_day", "zero_days_frac", "volume_mm", "avg_size_mm",
		NULL };
	static liq_gapset gaps;
	liq_panel_tool t = { usage_text, cols, row, &gaps, NULL, 0 };
	int rc = liq_panel_main(argc, argv, &t);

	liq_gapset_free(&gaps);
	return rc;
}
