/* pretrade — expected cost, 90% interval and days to execute of trading
 * a size of a bond, from impact.tsv; and the inverse queries. */
#include "cli.h"
#include "diag.h"
#include "num.h"
#include "pretrade.h"
#include "tsv.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: pretrade --impact impact.tsv [OPTION]... [queries.tsv]\n"
"Pre-trade cost of each query (cusip size_mm side): half spread + impact\n"
"alpha sigma (q/ADV)^beta, a 90% interval, the cost in $ and the days it\n"
"takes. The query's columns are passed through; the cost columns follow.\n"
"\n"
"  -i, --impact FILE        impact.tsv (impact-shrink) or impact_raw.tsv\n"
"                           (impact-fit) (required)\n"
"      --scores FILE        scores.tsv (liqscore): each bond's latest\n"
"                           score_pred and bucket\n"
"  -p, --participation X    share of ADV traded a day (default 0.1)\n"
"      --target-cost-bps X  instead of size_mm: the largest size whose\n"
"                           expected cost is at most X bps\n"
"      --days D             instead of size_mm: the size done in D days at\n"
"                           the participation rate (with --target-cost-bps:\n"
"                           the smaller of the two)\n"
"  -q, --quiet              no summary line on stderr\n"
"  -h, --help               this help\n"
"  -V, --version            version\n"
"\n"
"Output columns: the query's, then half_spread_bps impact_bps cost_bps\n"
"  cost_lo_bps cost_hi_bps cost_usd exec_days score bucket status\n"
"  status: ok, unknown_cusip, bad_size, bad_side, no_fit, below_half_spread\n"
"  (any but ok: a warning, NA costs, and exit status 1 after all rows)\n"
"\n"
"Examples:\n"
"  trace-sim -n 100 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null\n"
"  impact-fit -q trades.tsv | impact-shrink -q --bonds bonds.tsv > impact.tsv\n"
"  printf 'cusip\\tsize_mm\\tside\\n%s\\t2\\tB\\n' \"$(sed -n 2p bonds.tsv | cut -f1)\" |\n"
"      pretrade --impact impact.tsv\n"
"  cut -f1 bonds.tsv | sed '1s/$/\\tside/; 2,$s/$/\\tS/' |\n"
"      pretrade --impact impact.tsv --target-cost-bps 50 | cut -f1-3,6\n"
"\n"
"See pretrade(1) for the formulas and the interval.\n";

static const char *const cost_cols[] = {
	"half_spread_bps", "impact_bps", "cost_bps", "cost_lo_bps", "cost_hi_bps",
	"cost_usd", "exec_days", "score", "bucket", "status", NULL
};

typedef struct opts {
	const char *impact, *scores;
	double participation, target, days;   /* NaN: not given */
} opts;

static void
na_costs(liq_row *row)
{
	int i;

	for (i = 0; i < 7; i++)
		liq_row_na(row);
}

/* The size ($ par) of an inverse query. */
static double
inverse_size(const opts *o, const liq_cost_model *m)
{
	double q = INFINITY;

	if (!isnan(o->target))
		q = liq_pretrade_size_for_cost(m, o->target);
	if (!isnan(o->days))
		q = fmin(q, liq_pretrade_size_for_days(m, o->days, o->participation));
	return q;
}

static int
run(const opts *o, const char *path)
{
	liq_impact_table *T = liq_impact_table_load(o->impact, 0);
	liq_score_table *S = o->scores ? liq_score_table_load(o->scores) : NULL;
	liq_tsv *r = liq_tsv_open(path);
	int inverse = !isnan(o->target) || !isnan(o->days);
	int c_cusip = -1, c_size = -1, c_side = -1, i;
	long rows = 0, bad = 0;
	liq_row row;

	liq_row_init(&row);
	if (liq_tsv_header(r)) {
		c_cusip = liq_tsv_need(r, "cusip");
		c_side = liq_tsv_need(r, "side");
		c_size = inverse ? liq_tsv_col(r, "size_mm") : liq_tsv_need(r, "size_mm");
		for (i = 0; i < r->nhdr; i++)
			liq_row_str(&row, r->hdr[i]);
	} else {
		liq_row_str(&row, "cusip");
		liq_row_str(&row, "size_mm");
		liq_row_str(&row, "side");
		c_size = 1;
	}
	if (c_size < 0)
		liq_row_str(&row, "size_mm");
	for (i = 0; cost_cols[i]; i++)
		liq_row_str(&row, cost_cols[i]);
	liq_row_end(&row, stdout);
	fflush(stdout);

	while (liq_tsv_next(r)) {
		const char *cusip = liq_tsv_field(r, c_cusip),
			   *side = liq_tsv_field(r, c_side), *status = "ok";
		const liq_cost_model *m = liq_impact_table_find(T, cusip);
		const liq_score_row *sc = S ? liq_score_table_find(S, cusip) : NULL;
		double size = NAN;
		liq_cost cost;

		rows++;
		if (!inverse) {
			const char *s = liq_tsv_field(r, c_size);
			if (liq_num_parse(s, &size) != LIQ_NUM_OK || !(size > 0) ||
			    !isfinite(size)) {
				liq_warn_at(r->name, r->lineno, "bad size '%s' (want $MM "
					    "of par, a positive number)", s);
				status = "bad_size";
			}
			size *= 1e6;
		}
		if (strcmp(side, "B") != 0 && strcmp(side, "S") != 0) {
			liq_warn_at(r->name, r->lineno, "bad side '%s' (want B or S)",
				    side);
			status = "bad_side";
		}
		if (!m) {
			liq_warn_at(r->name, r->lineno, "unknown cusip '%s' (not in %s)",
				    cusip, o->impact);
			status = "unknown_cusip";
		} else if (!m->ok) {
			liq_warn_at(r->name, r->lineno, "cusip '%s' has no usable "
				    "parameters in %s", cusip, o->impact);
			status = "no_fit";
		}
		if (inverse && strcmp(status, "ok") == 0) {
			size = inverse_size(o, m);
			if (!(size > 0)) {
				liq_warn_at(r->name, r->lineno, "cusip '%s': a target of "
					    "%g bps is not above its half spread, %g bps",
					    cusip, o->target, m->h);
				status = "below_half_spread";
			}
		}
		for (i = 0; i < r->nf; i++) {
			if (i == c_size && inverse)
				liq_row_num(&row, size / 1e6);
			else
				liq_row_str(&row, liq_tsv_field(r, i));
		}
		if (c_size < 0)
			liq_row_num(&row, size / 1e6);
		if (strcmp(status, "ok") == 0) {
			liq_pretrade_cost(m, size, o->participation, &cost);
			liq_row_num(&row, cost.half_spread_bps);
			liq_row_num(&row, cost.impact_bps);
			liq_row_num(&row, cost.cost_bps);
			liq_row_num(&row, cost.cost_lo_bps);
			liq_row_num(&row, cost.cost_hi_bps);
			liq_row_num(&row, cost.cost_usd);
			liq_row_num(&row, cost.exec_days);
		} else {
			na_costs(&row);
			bad++;
		}
		liq_row_num(&row, sc ? sc->score : NAN);
		if (sc && sc->bucket[0])
			liq_row_str(&row, sc->bucket);
		else
			liq_row_na(&row);
		liq_row_str(&row, status);
		liq_row_end(&row, stdout);
	}
	liq_note("%ld queries, %ld ok, %ld not", rows, rows - bad, bad);
	liq_row_free(&row);
	liq_tsv_close(r);
	liq_score_table_free(S);
	liq_impact_table_free(T);
	return bad ? LIQ_EXIT_DATA : LIQ_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "impact", required_argument, NULL, 'i' },
		{ "scores", required_argument, NULL, 's' },
		{ "participation", required_argument, NULL, 'p' },
		{ "target-cost-bps", required_argument, NULL, 't' },
		{ "days", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	opts o = { NULL, NULL, LIQ_PARTICIPATION, NAN, NAN };
	int c;

	liq_init(argv[0]);
	while ((c = getopt_long(argc, argv, "i:p:qhV", lo, NULL)) != -1) {
		switch (c) {
		case 'i':
			o.impact = optarg;
			break;
		case 's':
			o.scores = optarg;
			break;
		case 'p':
			o.participation = liq_opt_num("--participation", optarg, 1e-6, 1);
			break;
		case 't':
			o.target = liq_opt_num("--target-cost-bps", optarg, 0, 1e6);
			break;
		case 'd':
			o.days = liq_opt_num("--days", optarg, 1e-6, 1e6);
			break;
		case 'q':
			liq_quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return LIQ_EXIT_OK;
		case 'V':
			liq_version();
		default:
			liq_usage("unknown option");
		}
	}
	if (!o.impact)
		liq_usage("--impact is required (impact.tsv from impact-shrink)");
	if (argc - optind > 1)
		liq_usage("one query file at most");
	liq_stdout_buffer();
	return run(&o, optind < argc ? argv[optind] : "-");
}
