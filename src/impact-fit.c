/* impact-fit — per bond: realized costs of customer trades against an
 * arrival reference price, volatility, volume and the impact model fit. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "cost/impact.h"
#include "core/atomic-file.h"
#include "format/trades.h"
#include "core/tsv.h"

#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: impact-fit [OPTION]... [trades.tsv]...\n"
"Fit the impact model c = h + alpha sigma (q/ADV)^beta to each bond's customer\n"
"trades (input sorted by cusip, date, time); one row per bond.\n"
"\n"
"      --method M       nls (default: weighted non-linear least squares, with\n"
"                       the half spread h) or loglin (OLS of log(c/sigma) on\n"
"                       log(q/ADV) over c > 0, the seed method)\n"
"      --min-prints N   customer prints with a cost a fit needs (default 8)\n"
"      --through DATE   fit on trades up to DATE (YYYY-MM-DD); later trades\n"
"                       still get a reference and a cost in --prints-out\n"
"      --prints-out FILE  every customer trade with its reference price and\n"
"                       realized cost (cusip date time qty side price ref_price\n"
"                       ref_sd_bps cost_bps)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output columns: cusip n alpha beta se_log_alpha se_beta r2 sigma_bps adv_usd\n"
"  half_spread_bps se_half_spread_bps cov_log_alpha_beta cov_h_log_alpha\n"
"  cov_h_beta resid_lo_bps resid_hi_bps resid_sd_bps prints method\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null\n"
"  impact-fit trades.tsv > impact_raw.tsv\n"
"  impact-fit --through 2022-12-30 --prints-out prints.tsv trades.tsv > impact_raw.tsv\n"
"  impact-fit trades.tsv | impact-shrink --bonds bonds.tsv > impact.tsv\n"
"  trace-clean raw.tsv | impact-fit --method loglin > impact_loglin.tsv\n"
"\n"
"See impact-fit(1) for the reference price and the estimators.\n";

static const char *const print_cols[] = {
	"cusip", "date", "time", "qty", "side", "price", "ref_price",
	"ref_sd_bps", "cost_bps", NULL
};

typedef struct opts {
	liq_impact_opts fit;
	const char *prints_out;
} opts;

static void
write_bond(const char *cusip, const liq_impact_res *r, int method, liq_row *row)
{
	const liq_impact_fit *f = &r->fit;

	liq_row_str(row, cusip);
	liq_row_long(row, f->n);
	liq_row_num(row, f->alpha);
	liq_row_num(row, f->beta);
	liq_row_num(row, f->se_la);
	liq_row_num(row, f->se_b);
	liq_row_num(row, f->r2);
	liq_row_num(row, r->sigma_bps);
	liq_row_num(row, r->adv_usd);
	liq_row_num(row, f->h);
	liq_row_num(row, f->se_h);
	liq_row_num(row, f->cov_la_b);
	liq_row_num(row, f->cov_h_la);
	liq_row_num(row, f->cov_h_b);
	liq_row_num(row, f->resid_lo);
	liq_row_num(row, f->resid_hi);
	liq_row_num(row, r->sd_recent);
	liq_row_num(row, r->mean_cost);
	liq_row_num(row, r->se_mean_cost);
	liq_row_num(row, r->k[0]);
	liq_row_num(row, r->k[1]);
	liq_row_num(row, r->k[2]);
	liq_row_num(row, r->se_log_sigma);
	liq_row_long(row, r->prints);
	liq_row_str(row, liq_impact_method_name(method));
	liq_row_end(row, stdout);
}

static void
write_prints(const char *cusip, const liq_trade *t, size_t n,
	     const liq_impact_work *w, liq_row *row, FILE *fp)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char tm[9];
		if (!t[i].sign)
			continue;
		liq_row_str(row, cusip);
		liq_row_date(row, t[i].day);
		liq_time_fmt(tm, t[i].tsec);
		liq_row_str(row, tm);
		liq_row_num(row, t[i].qty);
		liq_row_str(row, t[i].sign > 0 ? "B" : "S");
		liq_row_num(row, t[i].price);
		liq_row_num(row, w->ref[i]);
		liq_row_num(row, w->ref_sd[i]);
		liq_row_num(row, w->cost[i]);
		liq_row_end(row, fp);
	}
}

static int
run(const opts *o, char *const *files, int nfiles)
{
	liq_trades *in = liq_trades_open(files, nfiles);
	liq_ofile *pf = NULL;
	liq_impact_work w = { 0 };
	liq_impact_res r;
	liq_row row, prow;
	liq_trade *t = NULL, tr;
	const liq_trade *nx;
	unsigned long cap = 0;
	size_t n, i;
	long bonds = 0, fitted = 0, prints = 0, costed = 0;
	char cusip[64];

	(void)liq_trades_peek(in, &nx); /* a missing column: no output */
	liq_write_header(stdout, liq_impact_columns);
	if (o->prints_out) {
		pf = liq_ofile_open(o->prints_out);
		liq_write_header(liq_ofile_fp(pf), print_cols);
	}
	liq_row_init(&row);
	liq_row_init(&prow);
	while (liq_trades_next(in, &tr)) {
		/* one bond's trades in memory */
		strcpy(cusip, liq_trades_cusip(in));
		n = 0;
		for (;;) {
			liq_grow(&t, &cap, (unsigned long)n + 1, sizeof *t);
			t[n++] = tr;
			if (!liq_trades_peek(in, &nx) || liq_trades_new_bond_ahead(in))
				break;
			liq_trades_next(in, &tr);
		}
		liq_impact_bond(t, n, &o->fit, &w, &r);
		for (i = 0; i < n; i++) {
			prints += t[i].sign != 0;
			costed += !isnan(w.cost[i]);
		}
		if (pf)
			write_prints(cusip, t, n, &w, &prow, liq_ofile_fp(pf));
		if (t[0].day > o->fit.through)
			continue; /* no trade in the fit sample */
		write_bond(cusip, &r, o->fit.method, &row);
		bonds++;
		fitted += r.fit.ok;
	}
	if (pf)
		liq_ofile_close(pf);
	liq_note("%ld trades, %ld bonds: %ld fitted (%s), %ld without a fit; "
		 "%ld customer prints, %ld with a reference", liq_trades_count(in),
		 bonds, fitted, liq_impact_method_name(o->fit.method),
		 bonds - fitted, prints, costed);
	liq_row_free(&row);
	liq_row_free(&prow);
	liq_impact_work_free(&w);
	free(t);
	liq_trades_close(in);
	return LIQ_EXIT_OK;
}

int
main(int argc, char **argv)
{
	enum { O_METHOD = LIQ_OPT_LONG_ONLY, O_MIN_PRINTS, O_THROUGH,
	       O_PRINTS_OUT };
	static const struct option lo[] = {
		{ "method", required_argument, NULL, O_METHOD },
		{ "min-prints", required_argument, NULL, O_MIN_PRINTS },
		{ "through", required_argument, NULL, O_THROUGH },
		{ "prints-out", required_argument, NULL, O_PRINTS_OUT },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	opts o;
	int c;

	liq_init(argv[0]);
	o.fit.method = LIQ_IMPACT_NLS;
	o.fit.min_prints = 8;
	o.fit.through = INT_MAX;
	o.prints_out = NULL;
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS(""), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case O_METHOD:
			o.fit.method = liq_impact_method(optarg);
			if (o.fit.method < 0)
				liq_usage("--method: bad value '%s' (want nls or loglin)",
					  optarg);
			break;
		case O_MIN_PRINTS:
			o.fit.min_prints = liq_opt_long("--min-prints", optarg, 4,
							 1000000000);
			break;
		case O_THROUGH:
			o.fit.through = liq_opt_date("--through", optarg);
			break;
		case O_PRINTS_OUT:
			o.prints_out = optarg;
			break;
		}
	}
	liq_stdout_buffer();
	return run(&o, argv + optind, argc - optind);
}
