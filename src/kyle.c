/* kyle — Kyle's lambda, the price impact of signed customer volume. */
#include "core/diag.h"
#include "measure/measures.h"
#include "measure/measure-main.h"

#include <stdio.h>

static const char usage_text[] =
"Usage: kyle [OPTION]... [trades.tsv]...\n"
"Kyle's lambda, in bps per $1MM of signed customer volume, for every bond and\n"
"business day, over a rolling window (input sorted by cusip, date, time).\n"
"\n"
"  -w, --window N       window, business days ending on the day (default 21)\n"
"      --min-obs N      customer trades the fit needs, at least 3 (default 10)\n"
"      --through DATE   extend every bond's rows to DATE (YYYY-MM-DD)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output columns: cusip date kyle_lambda kyle_t kyle_n\n"
"  OLS with intercept of 1e4 (P_k - P_{k-1})/P_{k-1} on s_k Q_k/1e6 over the\n"
"  customer trades k (s = +1 buy, -1 sell); kyle_t = slope / standard error,\n"
"  kyle_n = trades in the fit.\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv > /dev/null\n"
"  kyle trades.tsv > kyle.tsv\n"
"  kyle -w 63 --min-obs 30 trades.tsv | awk -F'\\t' '$4 > 2'\n"
"\n"
"See kyle(1) for the exact definition.\n";

typedef struct ctx {
	int min_obs;
	liq_scratch work;
} ctx;

static void
row(void *vc, const liq_window *win, liq_row *out)
{
	ctx *c = vc;
	size_t n = liq_window_count(win);
	liq_kyle_res r;

	liq_kyle(liq_window_trades(win), n, c->min_obs,
		 liq_scratch_get(&c->work, 2 * n + 2), &r);
	liq_row_num(out, r.lambda);
	liq_row_num(out, r.t);
	liq_row_num(out, (double)r.n);
}

int
main(int argc, char **argv)
{
	static const char *const cols[] = { "kyle_lambda", "kyle_t", "kyle_n", NULL };
	static ctx c = { 10, { NULL, 0 } };
	liq_panel_tool t = { usage_text, cols, row, &c, &c.min_obs, 3 };
	int rc = liq_panel_main(argc, argv, &t);

	liq_scratch_free(&c.work);
	return rc;
}
