/* pretrade — expected cost, 90% interval and days to execute of trading
 * a size of a bond, from impact.tsv; and the inverse queries. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "cost/pretrade.h"
#include "cost/recalibrate.h"
#include "format/scores.h"
#include "ref/bonds.h"
#include "core/tsv.h"

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
"  -b, --bonds FILE         bonds.tsv: a size above the bond's amount_out\n"
"                           is bad_size (as in liqserve)\n"
"  -p, --participation X    share of ADV traded a day (default 0.1)\n"
"      --target-cost-bps X  instead of size_mm: the largest size whose\n"
"                           expected cost is at most X bps\n"
"      --days D             instead of size_mm: the size done in D days at\n"
"                           the participation rate (with --target-cost-bps:\n"
"                           the smaller of the two)\n"
"      --recalibrate PRINTS scale every 90% interval by one factor, so that\n"
"                           90% of the recent customer prints in PRINTS\n"
"                           (impact-fit --prints-out) fall inside theirs\n"
"      --as-of DATE         the recent window ends on DATE (default: the last\n"
"                           date in PRINTS)\n"
"      --lookback N         ... and spans N calendar days (default 30)\n"
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
	const char *impact, *scores, *recal, *bonds;
	double participation, target, days;   /* NaN: not given */
	int as_of;                            /* 0: the prints' last date */
	long lookback;
} opts;

static int
run(const opts *o, const char *path)
{
	liq_impact_table *T = liq_impact_table_load(o->impact, 0);
	liq_score_table *S = o->scores ? liq_score_table_load(o->scores) : NULL;
	liq_bonds *B = o->bonds ? liq_bonds_load(o->bonds) : NULL;
	liq_tsv *r;
	int inverse = !isnan(o->target) || !isnan(o->days);
	int c_cusip = -1, c_size = -1, c_side = -1, i;
	long rows = 0, bad = 0;
	liq_row row;

	if (o->recal) {
		liq_recal k;
		char a[16], b[16];
		int ok = liq_pretrade_recalibrate(T, o->recal, o->as_of,
						  (int)o->lookback, o->participation, &k);
		liq_date_fmt(a, k.from + 1);
		liq_date_fmt(b, k.to);
		if (ok != 0)
			liq_warn("%s: %ld prints with a cost from %s to %s, fewer than "
				 "%d: the intervals are not recalibrated", o->recal,
				 k.n, a, b, LIQ_RECAL_MIN);
		else
			liq_note("interval widths x %.3f: 90%% of the %ld prints from "
				 "%s to %s in %s fall within", k.k, k.n, a, b, o->recal);
	}
	r = liq_tsv_open(path);
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
		const char *cusip = liq_tsv_field(r, c_cusip);
		const liq_score_row *sc = S ? liq_score_table_find(S, cusip) : NULL;
		liq_pt_query q;
		liq_pt_answer a;

		rows++;
		q.cusip = cusip;
		q.side = liq_tsv_field(r, c_side);
		q.size_text = c_size >= 0 && !inverse ? liq_tsv_field(r, c_size) : "";
		if (inverse || liq_num_parse(q.size_text, &q.size_mm) != LIQ_NUM_OK)
			q.size_mm = NAN;
		q.target_bps = o->target;
		q.days = o->days;
		q.participation = o->participation;
		if (B) {
			const liq_bond *b = liq_bonds_find(B, cusip);
			q.amount_usd = b ? b->amount : NAN;
		} else {
			q.amount_usd = NAN;
		}
		liq_pretrade_answer(liq_impact_table_find(T, cusip), o->impact, &q, &a);
		if (a.msg[0]) {
			liq_warn_at(r->name, r->lineno, "%s", a.msg);
			bad++;
		}
		for (i = 0; i < r->nf; i++) {
			if (i == c_size && inverse)
				liq_row_num(&row, a.size_usd / 1e6);
			else
				liq_row_str(&row, liq_tsv_field(r, i));
		}
		if (c_size < 0)
			liq_row_num(&row, a.size_usd / 1e6);
		liq_row_num(&row, a.cost.half_spread_bps);
		liq_row_num(&row, a.cost.impact_bps);
		liq_row_num(&row, a.cost.cost_bps);
		liq_row_num(&row, a.cost.cost_lo_bps);
		liq_row_num(&row, a.cost.cost_hi_bps);
		liq_row_num(&row, a.cost.cost_usd);
		liq_row_num(&row, a.cost.exec_days);
		liq_row_num(&row, sc ? sc->score : NAN);
		if (sc && sc->bucket[0])
			liq_row_str(&row, sc->bucket);
		else
			liq_row_na(&row);
		liq_row_str(&row, a.status);
		liq_row_end(&row, stdout);
	}
	liq_note("%ld queries, %ld ok, %ld not", rows, rows - bad, bad);
	liq_row_free(&row);
	liq_tsv_close(r);
	liq_score_table_free(S);
	if (B)
		liq_bonds_free(B);
	liq_impact_table_free(T);
	return bad ? LIQ_EXIT_DATA : LIQ_EXIT_OK;
}

int
main(int argc, char **argv)
{
	enum { O_SCORES = LIQ_OPT_LONG_ONLY, O_TARGET, O_DAYS, O_RECALIBRATE,
	       O_AS_OF, O_LOOKBACK };
	static const struct option lo[] = {
		{ "impact", required_argument, NULL, 'i' },
		{ "scores", required_argument, NULL, O_SCORES },
		{ "bonds", required_argument, NULL, 'b' },
		{ "participation", required_argument, NULL, 'p' },
		{ "target-cost-bps", required_argument, NULL, O_TARGET },
		{ "days", required_argument, NULL, O_DAYS },
		{ "recalibrate", required_argument, NULL, O_RECALIBRATE },
		{ "as-of", required_argument, NULL, O_AS_OF },
		{ "lookback", required_argument, NULL, O_LOOKBACK },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	opts o = { NULL, NULL, NULL, NULL, LIQ_PARTICIPATION, NAN, NAN, 0, LIQ_RECAL_LOOKBACK };
	int c;

	liq_init(argv[0]);
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("b:i:p:"), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case 'i':
			o.impact = optarg;
			break;
		case O_SCORES:
			o.scores = optarg;
			break;
		case 'b':
			o.bonds = optarg;
			break;
		case 'p':
			o.participation = liq_opt_num("--participation", optarg, 1e-6, 1);
			break;
		case O_TARGET:
			o.target = liq_opt_num("--target-cost-bps", optarg, 0, 1e6);
			break;
		case O_DAYS:
			o.days = liq_opt_num("--days", optarg, 1e-6, 1e6);
			break;
		case O_RECALIBRATE:
			o.recal = optarg;
			break;
		case O_AS_OF:
			o.as_of = liq_opt_date("--as-of", optarg);
			break;
		case O_LOOKBACK:
			o.lookback = liq_opt_long("--lookback", optarg, 1, 3660);
			break;
		}
	}
	if (!o.impact)
		liq_usage("--impact is required (impact.tsv from impact-shrink)");
	if (argc - optind > 1)
		liq_usage("one query file at most");
	if (!o.recal && (o.as_of || o.lookback != LIQ_RECAL_LOOKBACK))
		liq_usage("--as-of and --lookback go with --recalibrate");
	liq_stdout_buffer();
	return run(&o, optind < argc ? argv[optind] : "-");
}
