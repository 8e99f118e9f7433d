/* impact-fit — per bond: realized costs of customer trades against an
 * arrival reference price, volatility, volume and the impact model fit. */
#include "core/cli.h"
#include "core/diag.h"
#include "cost/arrival-ref.h"
#include "core/atomic-file.h"
#include "format/impact.h"
#include "format/prints.h"
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
"Output columns, one row per bond:\n";

/* after the list of output columns */
static const char usage_more[] =
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null\n"
"  impact-fit trades.tsv > impact_raw.tsv\n"
"  impact-fit --through 2022-12-30 --prints-out prints.tsv trades.tsv > impact_raw.tsv\n"
"  impact-fit trades.tsv | impact-shrink --bonds bonds.tsv > impact.tsv\n"
"  trace-clean raw.tsv | impact-fit --method loglin > impact_loglin.tsv\n"
"\n"
"See impact-fit(1) for the reference price and the estimators.\n";

typedef struct opts {
	liq_impact_opts fit;
	const char *prints_out;
} opts;

static void
write_bond(const char *cusip, const liq_impact_res *r, int method, liq_row *row)
{
	const liq_impact_fit *f = &r->fit;
	liq_impact_row x;

	x.cusip = cusip;
	x.n = f->n;
	x.alpha = f->alpha;
	x.beta = f->beta;
	x.se_log_alpha = f->se_la;
	x.se_beta = f->se_b;
	x.r2 = f->r2;
	x.sigma_bps = r->sigma_bps;
	x.adv_usd = r->adv_usd;
	x.half_spread_bps = f->h;
	x.se_half_spread_bps = f->se_h;
	x.cov_log_alpha_beta = f->cov_la_b;
	x.cov_h_log_alpha = f->cov_h_la;
	x.cov_h_beta = f->cov_h_b;
	x.resid_lo_bps = f->resid_lo;
	x.resid_hi_bps = f->resid_hi;
	x.resid_sd_bps = r->sd_recent;
	x.mean_cost_bps = r->mean_cost;
	x.se_mean_cost_bps = r->se_mean_cost;
	x.logx_k0 = r->k[0];
	x.logx_k1 = r->k[1];
	x.logx_k2 = r->k[2];
	x.se_log_sigma = r->se_log_sigma;
	x.prints = r->prints;
	x.method = liq_impact_method_name(method);
	liq_impact_put(row, liq_impact_cols, &x);
	liq_row_end(row, stdout);
}

static void
write_prints(const char *cusip, const liq_trade *t, size_t n,
	     const liq_impact_work *w, liq_row *row, FILE *fp)
{
	size_t i;

	for (i = 0; i < n; i++) {
		liq_print p;
		if (!t[i].sign)
			continue;
		p.cusip = cusip;
		p.date = t[i].day;
		p.tsec = t[i].tsec;
		p.qty = t[i].qty;
		p.sign = t[i].sign;
		p.price = t[i].price;
		p.ref_price = w->ref[i];
		p.ref_sd_bps = w->ref_sd[i];
		p.cost_bps = w->cost[i];
		liq_prints_put(row, &p);
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
	long bonds = 0, fitted = 0, prints = 0, costed = 0, capped = 0;
	char cusip[64];

	(void)liq_trades_peek(in, &nx); /* a missing column: no output */
	liq_impact_header(stdout, liq_impact_cols);
	if (o->prints_out) {
		pf = liq_ofile_open(o->prints_out);
		liq_prints_header(liq_ofile_fp(pf));
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
			/* out of the size fit (lib/cost/arrival-ref) */
			capped += t[i].sign != 0 && t[i].capped &&
				  t[i].day <= o->fit.through;
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
	{
		char cb[80] = "";
		if (capped)
			snprintf(cb, sizeof cb, "; %ld capped, out of the size fit",
				 capped);
		liq_note("%ld trades, %ld bonds: %ld fitted (%s), %ld without a "
			 "fit; %ld customer prints, %ld with a reference%s",
			 liq_trades_count(in), bonds, fitted,
			 liq_impact_method_name(o->fit.method), bonds - fitted,
			 prints, costed, cb);
	}
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
		if (c == 'h') {   /* the usage, then impact.tsv's columns */
			fputs(usage_text, stdout);
			liq_impact_help(stdout, liq_impact_cols);
			fputs(usage_more, stdout);
			return LIQ_EXIT_OK;
		}
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
