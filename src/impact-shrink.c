/* impact-shrink — empirical-Bayes shrinkage of each bond's impact fit
 * toward the prior of its sector and rating bucket. */
#include "ref/bonds.h"
#include "core/cli.h"
#include "core/diag.h"
#include "cost/shrink-groups.h"
#include "format/impact.h"
#include "core/tsv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: impact-shrink --bonds bonds.tsv [OPTION]... [impact_raw.tsv]\n"
"Shrink each bond's impact fit (volatility, log alpha, beta; the half spread\n"
"keeps the level of its costs) toward the prior of its sector x rating\n"
"bucket; bonds without a usable fit take the prior's curve. Writes the input\n"
"rows with the posterior columns added.\n"
"\n"
"  -b, --bonds FILE     bonds.tsv: cusip sector rating (required)\n"
"      --min-prints N   prints a fit needs to enter a prior (default 20)\n"
"      --trim X         share trimmed at each end of a prior's estimates\n"
"                       (default 0.1)\n"
"      --min-group N    fits a sector x rating group needs for its own prior,\n"
"                       else the rating bucket's, else the universe's\n"
"                       (default 10)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Rating buckets: AA (AAA to AA-), A, BBB, BB, B, CCC (CCC+ and below).\n"
"\n"
"Added columns, after impact-fit's:\n";

/* after the list of added columns */
static const char usage_more[] =
"\n"
"Examples:\n"
"  trace-sim -n 200 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null\n"
"  impact-fit trades.tsv | impact-shrink --bonds bonds.tsv > impact.tsv\n"
"  cut -f1-4,26-30 impact.tsv | head\n"
"  awk -F'\\t' 'NR > 1 { n[$29]++ } END { for (s in n) print s, n[s] }' impact.tsv\n"
"\n"
"See impact-shrink(1) for the prior and the formulas.\n";

/* The prior's name: "sector/BUCKET", "BUCKET" or "all". */
static void
prior_name(const liq_shrink_group *g, const liq_bonds *B, char *out, size_t sz)
{
	if (g->kind == 0)
		snprintf(out, sz, "%s/%s", B->sectors[liq_group_sector(g->id) - 1],
			 liq_rating_bucket_name(liq_group_bucket(g->id)));
	else if (g->kind == 1)
		snprintf(out, sz, "%s", liq_rating_bucket_name(g->id));
	else
		snprintf(out, sz, "all");
}

static void
write_row(const liq_cost_model *m, const liq_shrink_bond *x,
	  const liq_shrink_priors *P, const liq_bonds *B, liq_row *row)
{
	const liq_cost_params *q = &x->post;
	liq_impact_post o;
	char name[96];
	int na = x->source == LIQ_SRC_NONE;

	o.alpha = na ? NAN : exp(q->v[1]);
	o.beta = na ? NAN : q->v[2];
	o.weight = x->weight;
	o.source = liq_source_name(x->source);
	o.half_spread_bps = na ? NAN : q->v[0];
	o.sigma_bps = x->sigma_post;
	o.se_half_spread_bps = na ? NAN : sqrt(q->c[0]);
	o.se_log_alpha = na ? NAN : sqrt(q->c[3]);
	o.se_beta = na ? NAN : sqrt(q->c[5]);
	o.cov_log_alpha_beta = na ? NAN : q->c[4];
	o.cov_h_log_alpha = na ? NAN : q->c[1];
	o.cov_h_beta = na ? NAN : q->c[2];
	o.resid_lo_bps = x->resid_lo_post;
	o.resid_hi_bps = x->resid_hi_post;
	o.prior = NULL;
	if (x->prior >= 0) {
		prior_name(&P->g[x->prior], B, name, sizeof name);
		o.prior = name;
	}
	liq_row_str(row, m->line);
	liq_impact_put(row, liq_impact_post_cols, &o);
	liq_row_end(row, stdout);
}

int
main(int argc, char **argv)
{
	enum { O_MIN_PRINTS = LIQ_OPT_LONG_ONLY, O_TRIM, O_MIN_GROUP };
	static const struct option lo[] = {
		{ "bonds", required_argument, NULL, 'b' },
		{ "min-prints", required_argument, NULL, O_MIN_PRINTS },
		{ "trim", required_argument, NULL, O_TRIM },
		{ "min-group", required_argument, NULL, O_MIN_GROUP },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	liq_shrink_opts o = { 20, 0.1, 10 };
	const char *bonds_path = NULL;
	liq_impact_table *T;
	liq_shrink_priors *P;
	liq_shrink_bond *x;
	liq_bonds *B;
	liq_row row;
	long count[4] = { 0, 0, 0, 0 }, missing = 0;
	size_t i;
	int c;

	liq_init(argv[0]);
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("b:"), lo)) != -1) {
		if (c == 'h') {   /* the usage, then the columns it adds */
			fputs(usage_text, stdout);
			liq_impact_help(stdout, liq_impact_post_cols);
			fputs(usage_more, stdout);
			return LIQ_EXIT_OK;
		}
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case 'b':
			bonds_path = optarg;
			break;
		case O_MIN_PRINTS:
			o.min_prints = liq_opt_long("--min-prints", optarg, 4,
						    1000000000);
			break;
		case O_TRIM:
			o.trim = liq_opt_num("--trim", optarg, 0, 0.45);
			break;
		case O_MIN_GROUP:
			o.min_group = liq_opt_long("--min-group", optarg, 3, 1000000);
			break;
		}
	}
	if (!bonds_path)
		liq_usage("--bonds is required (the bonds.tsv of the universe)");
	if (argc - optind > 1)
		liq_usage("one input file at most (impact_raw.tsv)");
	liq_stdout_buffer();
	B = liq_bonds_load(bonds_path);
	T = liq_impact_table_load(optind < argc ? argv[optind] : "-",
				  LIQ_TABLE_RAW | LIQ_TABLE_LINES | LIQ_TABLE_EMPTY_OK);
	if (T->header && T->n_col < 0)
		liq_die(LIQ_EXIT_USAGE, "%s: missing column 'n'",
			optind < argc ? argv[optind] : "-");
	x = liq_xcalloc(T->n + 1, sizeof *x);
	for (i = 0; i < T->n; i++) {
		const liq_cost_model *m = &T->m[i];
		const liq_bond *b = liq_bonds_find(B, m->cusip);
		int k;

		x[i].n = m->n < 0 ? 0 : m->n;
		x[i].usable = m->ok && m->c[3] > 0 && m->c[5] > 0;
		for (k = 0; k < 6; k++)
			x[i].usable = x[i].usable && isfinite(m->c[k]);
		x[i].fit.v[0] = m->h;
		x[i].fit.v[1] = log(m->alpha);
		x[i].fit.v[2] = m->beta;
		memcpy(x[i].fit.c, m->c, sizeof m->c);
		x[i].level.mean = m->mean_cost;
		x[i].level.se = m->se_mean_cost;
		memcpy(x[i].level.k, m->logx_k, sizeof m->logx_k);
		x[i].level.sigma = m->sigma_bps;
		x[i].level.se_log_sigma = m->se_log_sigma;
		x[i].level.ladv = m->adv_usd > 0 ? log(m->adv_usd) : NAN;
		x[i].resid_lo = m->resid_lo;
		x[i].resid_hi = m->resid_hi;
		x[i].resid_sd = m->resid_sd;
		x[i].group = LIQ_GROUP_NONE;
		if (b) {
			x[i].bucket = liq_rating_bucket(b->rating);
			x[i].group = liq_bond_group(b);
		} else
			missing++;
	}
	/* the input's header, or impact-fit's for an input without a line */
	liq_row_init(&row);
	if (T->header)
		liq_row_str(&row, T->header);
	else
		liq_impact_names(&row, liq_impact_cols);
	liq_impact_names(&row, liq_impact_post_cols);
	liq_row_end(&row, stdout);
	fflush(stdout);
	P = liq_shrink_all(x, T->n, &o);
	for (i = 0; i < T->n; i++) {
		write_row(&T->m[i], &x[i], P, B, &row);
		count[x[i].source]++;
	}
	liq_row_free(&row);
	if (missing)
		liq_warn("%ld bonds not in %s: universe prior", missing, bonds_path);
	if (!P->n && T->n)
		liq_warn("fewer than 3 fits with %ld prints: no prior, fits kept "
			 "as they are", o.min_prints);
	liq_note("%zu bonds: %ld cusip, %ld shrunk, %ld prior, %ld without "
		 "parameters; %zu priors", T->n, count[0], count[1], count[2],
		 count[3], P->n);
	liq_shrink_priors_free(P);
	free(x);
	liq_impact_table_free(T);
	liq_bonds_free(B);
	return LIQ_EXIT_OK;
}
