/* trace-facts — the descriptive statistics of a TRACE sample, as the
 * literature reports them: one row per fact and group. */
#include "core/cli.h"
#include "core/diag.h"
#include "format/trades.h"
#include "measure/facts.h"
#include "ref/bonds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: trace-facts [OPTION]... [trades.tsv]...\n"
"The descriptive statistics of a TRACE sample: trade sizes, customer costs,\n"
"Bao-Pan-Wang gamma, Roll, imputed round-trip costs, zero-trade days and\n"
"months, inter-trade days, riskless-principal, inter-dealer and buy/sell\n"
"shares, executions by hour and outside business days; for the whole\n"
"sample, by year and, with --bonds, by rating class (IG, HY, NR) and class\n"
"and year. Input sorted by cusip, date, time.\n"
"\n"
"  -b, --bonds FILE     bonds.tsv: cusip rating, for the rating classes\n"
"      --min-obs N      fewest pairs of price changes of a bond-month for its\n"
"                       gamma and Roll (default 10, at least 2)\n"
"  -q, --quiet          no summary line on stderr\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Output columns: fact group value n\n"
"  group is all, a class (IG, HY, NR), a year (2021) or both (IG:2021);\n"
"  n is the count the value is computed from; value is NA when n is 0.\n"
"\n"
"Examples:\n"
"  trace-sim -n 50 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null\n"
"  trace-facts -b bonds.tsv trades.tsv > facts.tsv\n"
"  trace-facts trades.tsv | awk -F'\\t' '$2 == \"all\"'\n"
"\n"
"See trace-facts(1) for the definition and the source of every fact.\n";

enum { O_MIN_OBS = LIQ_OPT_LONG_ONLY };

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "bonds", required_argument, NULL, 'b' },
		{ "min-obs", required_argument, NULL, O_MIN_OBS },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *bonds_path = NULL;
	liq_bonds *bonds = NULL;
	int min_pairs = 10, o;
	liq_trades *in;
	liq_facts *f;
	liq_trade t, *bt = NULL;
	const liq_trade *nx;
	size_t n = 0, cap = 0;
	long nbonds = 0, unknown = 0, rows;
	int cls = LIQ_FACTS_NR;

	liq_init(argv[0]);
	while ((o = liq_getopt(argc, argv, LIQ_SHORTOPTS("b:"), lo)) != -1) {
		if (liq_opt_common(o, usage_text))
			continue;
		switch (o) {
		case 'b':
			bonds_path = optarg;
			break;
		case O_MIN_OBS:
			min_pairs = (int)liq_opt_long("--min-obs", optarg, 2, 100000000);
			break;
		}
	}
	if (bonds_path)
		bonds = liq_bonds_load(bonds_path);
	liq_stdout_buffer();
	in = liq_trades_open(argv + optind, argc - optind);
	/* read the header(s) and the first row: a missing column exits
	 * before any output */
	(void)liq_trades_peek(in, &nx);
	f = liq_facts_new(min_pairs, bonds != NULL);
	while (liq_trades_next(in, &t)) {
		if (liq_trades_new_bond(in)) {
			if (n)
				liq_facts_bond(f, bt, n, cls);
			n = 0;
			nbonds++;
			if (bonds) {
				const liq_bond *b = liq_bonds_find(bonds,
							liq_trades_cusip(in));
				if (!b)
					unknown++;
				cls = liq_facts_class(b ? b->rating : 0);
			}
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			bt = liq_xrealloc(bt, cap * sizeof *bt);
		}
		bt[n++] = t;
	}
	if (n)
		liq_facts_bond(f, bt, n, cls);
	rows = liq_facts_write(f, stdout);
	if (bonds)
		liq_note("%ld trades, %ld bonds (%ld not in %s, counted as NR), %ld rows",
			 liq_trades_count(in), nbonds, unknown, bonds_path, rows);
	else
		liq_note("%ld trades, %ld bonds, %ld rows", liq_trades_count(in),
			 nbonds, rows);
	liq_trades_close(in);
	liq_facts_free(f);
	liq_bonds_free(bonds);
	free(bt);
	return LIQ_EXIT_OK;
}
