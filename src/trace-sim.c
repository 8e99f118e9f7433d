/* trace-sim — synthetic Enhanced TRACE reports with planted truth. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "sim/sim.h"
#include "sim/run.h"
#include "core/tsv.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
"Usage: trace-sim [OPTION]... > raw.tsv\n"
"Write synthetic Enhanced TRACE reports for a simulated bond universe, with\n"
"the errors that cleaning must remove and the truth estimators must recover.\n"
"\n"
"Universe and period:\n"
"  -s, --seed N           random seed (default 1); same seed, same bytes\n"
"  -n, --n-bonds N        number of bonds (default 500)\n"
"      --start DATE       first day, YYYY-MM-DD (default 2020-01-02); reports\n"
"                         dated before 2012-02-06 are written in that era's\n"
"                         vocabulary (T C W, as-of reversals)\n"
"      --end DATE         last day (default 2023-12-29)\n"
"      --impact-scale X   scale of size-dependent impact and execution noise\n"
"                         (default 1; 0 prints every trade at the efficient\n"
"                         price plus or minus the half spread)\n"
"      --errors X         scale every planted error rate (default 1; 0 none)\n"
"\n"
"Output:\n"
"  -o, --output FILE      raw reports to FILE instead of stdout\n"
"      --format F         wrds (tab-separated, WRDS names; default), finra\n"
"                         (FINRA Enhanced Historical pipe-delimited layout,\n"
"                         from 2012-02-06), public (the CSV of FINRA's\n"
"                         public bond pages: sizes above $5MM IG / $1MM HY\n"
"                         written 5MM+ / 1MM+, one side of inter-dealer\n"
"                         trades; --clean-out then has those sizes at the\n"
"                         cap, capped 1) or standard (WRDS's standard TRACE\n"
"                         table: capped sizes, T C W, one side of\n"
"                         inter-dealer trades)\n"
"      --split DIR        one file per report date in DIR, named as FINRA\n"
"                         names its files (finra) or trace-YYYY-MM-DD.tsv\n"
"      --bonds-out F      bond reference data (bonds.tsv)\n"
"      --macro-out F      daily macro series (macro.tsv)\n"
"      --truth-out F      planted parameters per bond\n"
"      --counts-out F     rows each cleaning step must remove, and clean rows\n"
"      --clean-out F      the trades.tsv that correct cleaning must yield\n"
"                         (held in memory: 32 bytes per trade)\n"
"  -q, --quiet            no summary line on stderr\n"
"  -h, --help             this help\n"
"  -V, --version          version\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --start 2023-01-02 --end 2023-06-30 \\\n"
"      --bonds-out bonds.tsv --truth-out truth.tsv > raw.tsv\n"
"  trace-sim --clean-out expected.tsv --counts-out counts.tsv > raw.tsv\n"
"  trace-sim --impact-scale 0 --clean-out trades.tsv > /dev/null\n"
"  trace-sim --format finra --split finra/ -n 20 --end 2020-03-31\n"
"  trace-sim -n 100 --clean-out - | roll > roll.tsv\n"
"\n"
"See trace-sim(1) for the model, the planted errors and the output columns.\n";

int
main(int argc, char **argv)
{
	enum { O_START = LIQ_OPT_LONG_ONLY, O_END, O_FORMAT, O_SPLIT, O_BONDS, O_MACRO,
	       O_TRUTH, O_COUNTS, O_CLEAN, O_COSTS, O_IMPACT, O_ERRORS, O_MARKUP,
	       O_PRESSURE, O_RISKLESS, O_OFFHOURS, O_DORMANCY, O_PLAIN };
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "n-bonds", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "start", required_argument, NULL, O_START },
		{ "end", required_argument, NULL, O_END },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "split", required_argument, NULL, O_SPLIT },
		{ "bonds-out", required_argument, NULL, O_BONDS },
		{ "macro-out", required_argument, NULL, O_MACRO },
		{ "truth-out", required_argument, NULL, O_TRUTH },
		{ "counts-out", required_argument, NULL, O_COUNTS },
		{ "clean-out", required_argument, NULL, O_CLEAN },
		{ "impact-scale", required_argument, NULL, O_IMPACT },
		{ "errors", required_argument, NULL, O_ERRORS },
		{ "costs-out", required_argument, NULL, O_COSTS },
		{ "markup", required_argument, NULL, O_MARKUP },
		{ "pressure", required_argument, NULL, O_PRESSURE },
		{ "riskless", required_argument, NULL, O_RISKLESS },
		{ "off-hours", required_argument, NULL, O_OFFHOURS },
		{ "dormancy", required_argument, NULL, O_DORMANCY },
		{ "plain", no_argument, NULL, O_PLAIN },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *bonds_out = NULL, *macro_out = NULL, *truth_out = NULL;
	const char *counts_out = NULL, *clean_out = NULL, *output = NULL;
	const char *costs_out = NULL;
	const char *err = NULL;
	liq_sim_opts o;
	liq_sim_files F;
	liq_sim *s;
	int c, finra = 0, public_csv = 0, standard = 0;
	const char *split = NULL;
	double errors = 1;
	char datebuf[11];
	int ndash = 0;

	liq_init(argv[0]);
	liq_sim_defaults(&o);
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("s:n:o:"), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case 's':
			o.seed = (unsigned long)liq_opt_long("--seed", optarg, 0,
							     4294967295L);
			break;
		case 'n':
			o.nbonds = (int)liq_opt_long("--n-bonds", optarg, 1, 1000000);
			break;
		case 'o': output = optarg; break;
		case O_START: o.start = liq_opt_date("--start", optarg); break;
		case O_END: o.end = liq_opt_date("--end", optarg); break;
		case O_FORMAT:
			finra = public_csv = standard = 0;
			if (strcmp(optarg, "wrds") == 0)
				;
			else if (strcmp(optarg, "finra") == 0)
				finra = 1;
			else if (strcmp(optarg, "public") == 0)
				public_csv = 1;
			else if (strcmp(optarg, "standard") == 0)
				standard = 1;
			else
				liq_usage("--format: unknown format '%s' (want "
					  "wrds, finra, public or standard)", optarg);
			break;
		case O_SPLIT: split = optarg; break;
		case O_BONDS: bonds_out = optarg; break;
		case O_MACRO: macro_out = optarg; break;
		case O_TRUTH: truth_out = optarg; break;
		case O_COUNTS: counts_out = optarg; break;
		case O_CLEAN: clean_out = optarg; break;
		case O_IMPACT:
			o.impact_scale = liq_opt_num("--impact-scale", optarg, 0, 100);
			break;
		case O_ERRORS: errors = liq_opt_num("--errors", optarg, 0, 20); break;
		case O_COSTS: costs_out = optarg; break;
		case O_MARKUP: o.markup = liq_opt_num("--markup", optarg, 0, 20); break;
		case O_PRESSURE:
			o.pressure = liq_opt_num("--pressure", optarg, 0, 20);
			break;
		case O_RISKLESS:
			o.riskless = liq_opt_num("--riskless", optarg, 0, 1);
			break;
		case O_OFFHOURS:
			o.off_hours = liq_opt_num("--off-hours", optarg, 0, 10);
			break;
		case O_DORMANCY:
			o.dormancy = liq_opt_num("--dormancy", optarg, 0, 5);
			break;
		case O_PLAIN:
			o.markup = o.pressure = o.riskless = 0;
			o.off_hours = o.dormancy = 0;
			o.alpha0 = 1;
			o.lambda_a = 0.3;
			o.cust_share = 0.7;
			break;
		}
	}
	if (optind < argc)
		liq_usage("unexpected argument '%s'", argv[optind]);
	if (o.end < o.start)
		liq_usage("--end must not be before --start");
	if ((finra || public_csv) && o.start < liq_date_from_ymd(2012, 2, 6))
		liq_usage("--start: '%s' is before 2012-02-06, when FINRA's "
			  "files had another layout, which trace-sim does not "
			  "write (--format wrds or standard write the earlier "
			  "years)",
			  (liq_date_fmt(datebuf, o.start), datebuf));
	if (split && output)
		liq_usage("--split and --output exclude each other");
	if (public_csv && counts_out)
		liq_usage("--counts-out counts the cleaning steps of the wrds and "
			  "finra layouts, not of --format public");
	o.cancel_rate *= errors;
	o.correct_rate *= errors;
	o.reverse_rate *= errors;
	o.shift_rate *= errors;
	o.special_rate *= errors;
	o.settle_rate *= errors;
	o.asof_rate *= errors;
	{
		/* at most one file may go to stdout */
		const char *f[] = { output, bonds_out, macro_out, truth_out,
				    counts_out, clean_out, costs_out };
		size_t i;
		for (i = 0; i < sizeof f / sizeof *f; i++)
			ndash += f[i] && strcmp(f[i], "-") == 0;
		if (ndash > 1)
			liq_usage("only one output may be '-' (standard output)");
		if (output && !strcmp(output, "-"))
			ndash = 0;
	}
	if (split && mkdir(split, 0777) != 0 && errno != EEXIST)
		liq_die(LIQ_EXIT_DATA, "%s: %s", split, strerror(errno));

	s = liq_sim_new(&o, &err);
	if (!s)
		liq_usage("%s", err);
	liq_stdout_buffer();
	liq_sim_files_init(&F);
	F.finra = finra;
	F.public_csv = public_csv;
	F.standard = standard;
	F.split = split;
	/* The raw reports go to -o FILE, or to stdout unless a side file
	 * claims stdout ("-"), in which case they are discarded. */
	if (!split)
		F.raw = output ? output : ndash ? NULL : "-";
	F.bonds = bonds_out;
	F.macro = macro_out;
	F.truth = truth_out;
	F.counts = counts_out;
	F.costs = costs_out;
	F.clean = clean_out;
	F.progress = !liq_quiet && isatty(2);
	liq_sim_write_files(s, &F);
	{
		const liq_sim_counts *k = liq_sim_get_counts(s);
		liq_note("%d bonds, %ld reports, %ld clean trades", o.nbonds,
			 k->reports, k->clean);
	}
	liq_sim_free(s);
	return LIQ_EXIT_OK;
}
