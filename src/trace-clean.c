/* trace-clean — Dick-Nielsen cleaning of raw TRACE files into trades.tsv. */
#include "clean/clean.h"
#include "core/cli.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/atomic-file.h"
#include "clean/traceread.h"
#include "core/tsv.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: trace-clean [OPTION]... [FILE]... > trades.tsv\n"
"Clean raw TRACE reports (WRDS Enhanced or standard TRACE, FINRA Enhanced\n"
"Historical or Academic files, FINRA's public bond-page CSV, or trace-sim\n"
"output) into trades.tsv: cusip date time price qty side capped riskless,\n"
"sorted by cusip,\n"
"date and time.\n"
"Several files (one per report date) are read as one stream; with no FILE,\n"
"or FILE -, standard input. Lines may end in \\n or \\r\\n.\n"
"\n"
"Input:\n"
"      --format F          auto (default: from each header), wrds, finra,\n"
"                          academic, public or standard\n"
"\n"
"Steps (Dick-Nielsen 2009/2014, in this order; all on by default):\n"
"  1-2 cancels, corrections and reversals (always; reports dated before\n"
"      2012-02-06 and the standard table in the T C W vocabulary; in the\n"
"      public CSV matched by cusip, execution date and time, price,\n"
"      quantity and side)\n"
"      --keep-dealer-buys  step 3 off: keep the buyer's report of an\n"
"                          inter-dealer trade that has a matching sell\n"
"      --keep-when-issued  step 4 screens off, one by one\n"
"      --keep-special-price\n"
"      --keep-settlement\n"
"      --keep-locked-in\n"
"      --keep-agency       (agency customer trades without commission)\n"
"      --keep-price-range\n"
"      --settle-days N     drop settlement beyond N settlement days (default:\n"
"                          the regular cycle of the trade date, T+3 before\n"
"                          2017-09-05, T+2, then T+1 from 2024-05-28)\n"
"      --max-price X       drop prices above X (default 1000) or <= 0\n"
"      --keep-price-errors step 5 off: the decimal-shift / bounce-back filter\n"
"      --bounce-pct P      step 5: a print over 1+P/100 times (or under\n"
"                          1/(1+P/100) times) the prints on both sides is\n"
"                          an error (default 100: double or half)\n"
"      --window K          step 5: prints on each side to compare with (5)\n"
"  6   riskless-principal pairs (a customer print and a dealer print of the\n"
"      same size within 60 s) flagged in column riskless and counted\n"
"      --collapse-riskless drop the dealer print of each pair\n"
"\n"
"Output:\n"
"      --rejects FILE      every removed report with its reason (TSV)\n"
"  -q, --quiet             no audit table on stderr (warnings stay)\n"
"  -h, --help              this help\n"
"  -V, --version           version\n"
"\n"
"Examples:\n"
"  trace-clean raw.tsv > trades.tsv\n"
"  trace-clean finra/enhanced-time-and-sales-cusip-2020-*.txt > trades.tsv\n"
"  trace-sim -n 50 --end 2020-06-30 | trace-clean --rejects rej.tsv > t.tsv\n"
"  trace-clean --keep-dealer-buys --settle-days 5 wrds.csv > trades.tsv\n"
"  cut -f1 rej.tsv | sort | uniq -c         # what was removed, and why\n"
"\n"
"See trace-clean(1) for the layouts, the steps, the audit table and the\n"
"price-error filter's rule.\n";

/* Read every report of one file into c. */
static void
read_file(liq_clean *c, const char *path, liq_trace_fmt fmt, int need)
{
	liq_trace_in *in = liq_trace_open(path, fmt, need);
	liq_trace_rec rec;

	liq_clean_file(c, liq_trace_name(in));
	while (liq_trace_next(in, &rec))
		liq_clean_add(c, &rec);
	liq_clean_crlf(c, liq_trace_crlf(in));
	liq_trace_close(in);
}

int
main(int argc, char **argv)
{
	enum { O_FORMAT = LIQ_OPT_LONG_ONLY, O_REJECTS, O_DEALER, O_WIS, O_SPCL, O_STTL,
	       O_LOCKED, O_AGENCY, O_RANGE, O_ERRORS, O_SETTLE_DAYS,
	       O_MAX_PRICE, O_BOUNCE, O_WINDOW, O_COLLAPSE };
	static const struct option lo[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "rejects", required_argument, NULL, O_REJECTS },
		{ "keep-dealer-buys", no_argument, NULL, O_DEALER },
		{ "keep-when-issued", no_argument, NULL, O_WIS },
		{ "keep-special-price", no_argument, NULL, O_SPCL },
		{ "keep-settlement", no_argument, NULL, O_STTL },
		{ "keep-locked-in", no_argument, NULL, O_LOCKED },
		{ "keep-agency", no_argument, NULL, O_AGENCY },
		{ "keep-price-range", no_argument, NULL, O_RANGE },
		{ "keep-price-errors", no_argument, NULL, O_ERRORS },
		{ "settle-days", required_argument, NULL, O_SETTLE_DAYS },
		{ "max-price", required_argument, NULL, O_MAX_PRICE },
		{ "bounce-pct", required_argument, NULL, O_BOUNCE },
		{ "window", required_argument, NULL, O_WINDOW },
		{ "collapse-riskless", no_argument, NULL, O_COLLAPSE },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	liq_clean_opts o;
	liq_trace_fmt fmt = LIQ_FMT_AUTO;
	const char *rejects = NULL;
	liq_clean *c;
	liq_ofile *rf = NULL;
	int ch, need = 0, i;

	liq_init(argv[0]);
	liq_clean_defaults(&o);
	while ((ch = liq_getopt(argc, argv, LIQ_SHORTOPTS(""), lo)) != -1) {
		if (liq_opt_common(ch, usage_text))
			continue;
		switch (ch) {
		case O_FORMAT:
			if ((i = liq_trace_fmt_parse(optarg)) < 0)
				liq_usage("--format: unknown format '%s' (want "
					  "auto, wrds, finra, academic, "
					  "public or standard)",
					  optarg);
			fmt = (liq_trace_fmt)i;
			break;
		case O_REJECTS:
			if (strcmp(optarg, "-") == 0)
				liq_usage("--rejects: '-' would mix the rejects "
					  "with the trades on standard output");
			rejects = optarg;
			break;
		case O_DEALER: o.keep_dealer_buys = 1; break;
		case O_WIS: o.keep_when_issued = 1; break;
		case O_SPCL: o.keep_special_price = 1; break;
		case O_STTL: o.keep_settlement = 1; break;
		case O_LOCKED: o.keep_locked_in = 1; break;
		case O_AGENCY: o.keep_agency = 1; break;
		case O_RANGE: o.keep_price_range = 1; break;
		case O_ERRORS: o.keep_price_errors = 1; break;
		case O_COLLAPSE: o.collapse_riskless = 1; break;
		case O_SETTLE_DAYS:
			o.settle_days = (int)liq_opt_long("--settle-days",
							  optarg, 0, 9999);
			break;
		case O_MAX_PRICE:
			o.max_price = liq_opt_num("--max-price", optarg,
						  1e-9, 1e12);
			break;
		case O_BOUNCE:
			o.bounce = liq_opt_num("--bounce-pct", optarg, 1,
					       10000) / 100;
			break;
		case O_WINDOW:
			o.window = (int)liq_opt_long("--window", optarg, 1, 64);
			break;
		}
	}
	need = (o.keep_when_issued ? 0 : LIQ_NEED_WIS) |
	       (o.keep_special_price ? 0 : LIQ_NEED_SPCL) |
	       (o.keep_settlement ? 0 : LIQ_NEED_STTL);

	liq_stdout_buffer();
	if (rejects)
		rf = liq_ofile_open(rejects); /* fail before the work */
	c = liq_clean_new(&o);
	if (optind == argc)
		read_file(c, "-", fmt, need);
	for (i = optind; i < argc; i++)
		read_file(c, argv[i], fmt, need);
	liq_clean_run(c);
	liq_clean_write(c, stdout);
	liq_close_stdout();
	if (rf) {
		liq_clean_write_rejects(c, liq_ofile_fp(rf));
		liq_ofile_close(rf);
	}
	if (!liq_quiet)
		liq_clean_audit(c, stderr);
	liq_clean_warn_unmatched(c);
	liq_clean_warn_capped(c);
	liq_clean_free(c);
	return LIQ_EXIT_OK;
}
