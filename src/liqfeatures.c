/* liqfeatures — the feature table and score targets for liqtrain. */
#include "ref/bonds.h"
#include "core/cli.h"
#include "core/diag.h"
#include "model/features.h"
#include "format/macro.h"
#include "core/tsv.h"

#include <stdio.h>

static const char usage_text[] =
"Usage: liqfeatures --bonds bonds.tsv [--macro FILE]... [-H DAYS] PANEL...\n"
"Join the daily panels of roll, amihud, kyle and itt (one streaming merge on\n"
"cusip and date), add bond, macro and cross-sectional features, and the\n"
"liquidity score of the day and H business days later.\n"
"\n"
"  -b, --bonds FILE     bond reference data (bonds.tsv), required\n"
"      --macro FILE     daily macro series: a TSV with a date column, or a\n"
"                       FRED CSV download as is; may be repeated\n"
"  -H, --horizon DAYS   score_fwd is the score DAYS business days later\n"
"                       (default 21)\n"
"      --min-group N    bonds a sector x rating group needs for its median\n"
"                       (default 3)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output: cusip date, the features, then score score_fwd bucket (bucket of\n"
"score_fwd). See liqfeatures(1) for every column.\n"
"\n"
"Examples:\n"
"  trace-sim -n 100 --bonds-out bonds.tsv --macro-out macro.tsv \\\n"
"      --clean-out trades.tsv > /dev/null\n"
"  for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv; done\n"
"  liqfeatures --bonds bonds.tsv --macro macro.tsv roll.tsv amihud.tsv \\\n"
"      kyle.tsv itt.tsv > features.tsv\n"
"  liqfeatures -b bonds.tsv --macro macro.tsv --macro VIXCLS.csv -H 63 *.tsv \\\n"
"      > f63.tsv\n";

int
main(int argc, char **argv)
{
	enum { O_MACRO = LIQ_OPT_LONG_ONLY, O_MIN_GROUP };
	static const struct option lo[] = {
		{ "bonds", required_argument, NULL, 'b' },
		{ "macro", required_argument, NULL, O_MACRO },
		{ "horizon", required_argument, NULL, 'H' },
		{ "min-group", required_argument, NULL, O_MIN_GROUP },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	liq_features_opts o = { 0 };
	const char *bonds_path = NULL;
	liq_macro *macro = liq_macro_new();
	liq_bonds *bonds;
	long rows;
	int c;

	liq_init(argv[0]);
	o.horizon = 21;
	o.min_group = 3;
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("b:H:"), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case 'b': bonds_path = optarg; break;
		case O_MACRO: liq_macro_load(macro, optarg); break;
		case 'H': o.horizon = (int)liq_opt_long("--horizon", optarg, 1, 10000); break;
		case O_MIN_GROUP: o.min_group = (int)liq_opt_long("--min-group", optarg, 1, 100000); break;
		}
	}
	if (!bonds_path)
		liq_usage("--bonds FILE is required");
	if (optind >= argc)
		liq_usage("no panel files (want the outputs of roll, amihud, kyle, itt)");
	bonds = liq_bonds_load(bonds_path);
	o.panels = argv + optind;
	o.npanels = argc - optind;
	o.bonds = bonds;
	o.macro = macro;
	liq_stdout_buffer();
	rows = liq_features_run(&o, stdout);
	liq_note("%ld rows, %ld bonds in %s, %d macro series", rows, bonds->n,
		 bonds_path, macro->ncols);
	liq_bonds_free(bonds);
	liq_macro_free(macro);
	return LIQ_EXIT_OK;
}
