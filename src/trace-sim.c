/* trace-sim — synthetic Enhanced TRACE reports with planted truth. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/atomic-file.h"
#include "sim/sim.h"
#include "sim/trace-write.h"
#include "core/tsv.h"
#include "format/trades.h"

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
"  -n, --bonds N          number of bonds (default 500)\n"
"      --start DATE       first day, YYYY-MM-DD (default 2020-01-02)\n"
"      --end DATE         last day (default 2023-12-29)\n"
"      --impact-scale X   scale of size-dependent impact and execution noise\n"
"                         (default 1; 0 prints every trade at the efficient\n"
"                         price plus or minus the half spread)\n"
"      --errors X         scale every planted error rate (default 1; 0 none)\n"
"\n"
"Output:\n"
"  -o, --output FILE      raw reports to FILE instead of stdout\n"
"      --format F         wrds (tab-separated, WRDS names; default) or finra\n"
"                         (FINRA Enhanced Historical pipe-delimited layout)\n"
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

static _Noreturn void
usage_ok(void)
{
	fputs(usage_text, stdout);
	exit(LIQ_EXIT_OK);
}

typedef struct clean_rec {
	int bond, day, tsec;
	int sign;
	long qty, price_milli;
} clean_rec;

typedef struct run {
	int finra;
	const char *split;
	FILE *out;             /* the raw stream when not split */
	long recno;            /* FINRA record count in the current file */
	int last_day;
	clean_rec *clean;
	unsigned long nclean, cleancap;
	int want_clean;
	int progress;
	long days;
} run;

static void
on_report(void *ctx, const liq_sim *s, const liq_sim_report *r)
{
	run *R = ctx;

	if (R->finra)
		liq_finra_write(R->out, s, r, ++R->recno);
	else
		liq_wrds_write(R->out, s, r);
}

static void
on_trade(void *ctx, const liq_sim *s, const liq_sim_trade *t)
{
	run *R = ctx;
	clean_rec *c;

	(void)s;
	if (!R->want_clean || !t->clean)
		return;
	liq_grow(&R->clean, &R->cleancap, R->nclean + 1, sizeof *R->clean);
	c = &R->clean[R->nclean++];
	c->bond = t->bond;
	c->day = t->day;
	c->tsec = t->tsec;
	c->sign = t->sign;
	c->qty = t->qty;
	c->price_milli = t->price_milli;
}

static FILE *
open_split(run *R, int day, liq_ofile **of)
{
	char d[11], path[4096];

	liq_date_fmt(d, day);
	if (R->finra)
		snprintf(path, sizeof path, "%s/enhanced-time-and-sales-cusip-%s.txt",
			 R->split, d);
	else
		snprintf(path, sizeof path, "%s/trace-%s.tsv", R->split, d);
	*of = liq_ofile_open(path);
	return liq_ofile_fp(*of);
}

static liq_ofile *split_file;

static void
begin_file(run *R, int day)
{
	if (R->split)
		R->out = open_split(R, day, &split_file);
	R->recno = 0;
	if (R->finra)
		liq_finra_header(R->out);
	else
		liq_wrds_header(R->out);
}

static void
end_file(run *R, int day)
{
	if (R->finra)
		liq_finra_trailer(R->out, day, R->recno);
	if (R->split)
		liq_ofile_close(split_file);
}

static void
on_day_end(void *ctx, const liq_sim *s, int day)
{
	run *R = ctx;

	(void)s;
	R->last_day = day;
	if (R->split) {
		end_file(R, day);
		if (day < liq_sim_get_opts(s)->end)
			begin_file(R, liq_bday_add(day, 1));
	}
	if (R->progress && ++R->days % 20 == 0) {
		char d[11];
		liq_date_fmt(d, day);
		fprintf(stderr, "\r%s: %s, %ld reports", liq_progname, d,
			liq_sim_get_counts(s)->reports);
	}
}

static void
write_clean(run *R, const liq_sim *s, const char *path)
{
	liq_ofile *f = liq_ofile_open(path);
	int nb = liq_sim_nbonds(s), b;
	unsigned long *start = liq_xcalloc((unsigned long)nb + 1, sizeof *start);
	unsigned long i, *pos;
	clean_rec *sorted;
	liq_trades_out w;

	/* Stable counting sort by bond: trades were made day by day, in time
	 * order within a bond-day, so this yields (cusip, date, time). */
	for (i = 0; i < R->nclean; i++)
		start[R->clean[i].bond + 1]++;
	for (b = 0; b < nb; b++)
		start[b + 1] += start[b];
	pos = liq_xmalloc(((unsigned long)nb + 1) * sizeof *pos);
	memcpy(pos, start, ((unsigned long)nb + 1) * sizeof *pos);
	sorted = liq_xmalloc((R->nclean + 1) * sizeof *sorted);
	for (i = 0; i < R->nclean; i++)
		sorted[pos[R->clean[i].bond]++] = R->clean[i];
	liq_trades_out_begin(&w, liq_ofile_fp(f));
	for (i = 0; i < R->nclean; i++) {
		const clean_rec *c = &sorted[i];
		liq_trades_out_milli(&w, liq_sim_bond_at(s, c->bond)->cusip,
				     c->day, c->tsec, c->price_milli,
				     (double)c->qty, c->sign);
	}
	liq_trades_out_end(&w);
	liq_ofile_close(f);
	free(sorted);
	free(pos);
	free(start);
}

typedef void (*side_writer)(const liq_sim *, FILE *);

static void
write_side(const char *path, const liq_sim *s, side_writer fn)
{
	liq_ofile *f;

	if (!path)
		return;
	f = liq_ofile_open(path);
	fn(s, liq_ofile_fp(f));
	liq_ofile_close(f);
}

int
main(int argc, char **argv)
{
	enum { O_START = 256, O_END, O_FORMAT, O_SPLIT, O_BONDS, O_MACRO,
	       O_TRUTH, O_COUNTS, O_CLEAN, O_IMPACT, O_ERRORS };
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "bonds", required_argument, NULL, 'n' },
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
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *bonds_out = NULL, *macro_out = NULL, *truth_out = NULL;
	const char *counts_out = NULL, *clean_out = NULL, *output = NULL;
	const char *err = NULL;
	liq_sim_opts o;
	liq_sim_hooks h;
	liq_sim *s;
	liq_ofile *of = NULL;
	run R;
	int c;
	double errors = 1;
	char datebuf[11];
	int ndash = 0;

	liq_init(argv[0]);
	liq_sim_defaults(&o);
	memset(&R, 0, sizeof R);
	while ((c = getopt_long(argc, argv, "s:n:o:qhV", lo, NULL)) != -1) {
		switch (c) {
		case 's':
			o.seed = (unsigned long)liq_opt_long("--seed", optarg, 0,
							     4294967295L);
			break;
		case 'n':
			o.nbonds = (int)liq_opt_long("--bonds", optarg, 1, 1000000);
			break;
		case 'o': output = optarg; break;
		case O_START: o.start = liq_opt_date("--start", optarg); break;
		case O_END: o.end = liq_opt_date("--end", optarg); break;
		case O_FORMAT:
			if (strcmp(optarg, "wrds") == 0)
				R.finra = 0;
			else if (strcmp(optarg, "finra") == 0)
				R.finra = 1;
			else
				liq_usage("--format: unknown format '%s' (want "
					  "wrds or finra)", optarg);
			break;
		case O_SPLIT: R.split = optarg; break;
		case O_BONDS: bonds_out = optarg; break;
		case O_MACRO: macro_out = optarg; break;
		case O_TRUTH: truth_out = optarg; break;
		case O_COUNTS: counts_out = optarg; break;
		case O_CLEAN: clean_out = optarg; break;
		case O_IMPACT:
			o.impact_scale = liq_opt_num("--impact-scale", optarg, 0, 100);
			break;
		case O_ERRORS: errors = liq_opt_num("--errors", optarg, 0, 20); break;
		case 'q': liq_quiet = 1; break;
		case 'h': usage_ok();
		case 'V': liq_version();
		default: liq_usage("unknown option");
		}
	}
	if (optind < argc)
		liq_usage("unexpected argument '%s'", argv[optind]);
	if (o.end < o.start)
		liq_usage("--end must not be before --start");
	if (o.start < liq_date_from_ymd(2012, 2, 6))
		liq_usage("--start: '%s' is before 2012-02-06: trace-sim writes the "
			  "post-2012 TRACE vocabulary (T X C R Y) only",
			  (liq_date_fmt(datebuf, o.start), datebuf));
	if (R.split && output)
		liq_usage("--split and --output exclude each other");
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
				    counts_out, clean_out };
		size_t i;
		for (i = 0; i < sizeof f / sizeof *f; i++)
			ndash += f[i] && strcmp(f[i], "-") == 0;
		if (ndash > 1)
			liq_usage("only one output may be '-' (standard output)");
		if (output && !strcmp(output, "-"))
			ndash = 0;
	}
	if (R.split && mkdir(R.split, 0777) != 0 && errno != EEXIST)
		liq_die(LIQ_EXIT_DATA, "%s: %s", R.split, strerror(errno));

	s = liq_sim_new(&o, &err);
	if (!s)
		liq_usage("%s", err);
	liq_stdout_buffer();
	write_side(bonds_out, s, liq_sim_write_bonds);
	write_side(macro_out, s, liq_sim_write_macro);
	write_side(truth_out, s, liq_sim_write_truth);

	/* The raw reports go to -o FILE, or to stdout unless a side file
	 * claims stdout ("-"), in which case they are discarded. */
	if (!R.split) {
		const char *raw = output ? output : ndash ? NULL : "-";
		if (raw) {
			of = liq_ofile_open(raw);
			R.out = liq_ofile_fp(of);
		} else if (!(R.out = fopen("/dev/null", "w"))) {
			liq_die(LIQ_EXIT_DATA, "/dev/null: %s", strerror(errno));
		}
	}
	R.want_clean = clean_out != NULL;
	R.progress = !liq_quiet && isatty(2);
	memset(&h, 0, sizeof h);
	h.ctx = &R;
	h.report = on_report;
	h.trade = on_trade;
	h.day_end = on_day_end;
	begin_file(&R, liq_bday_date(liq_bday_ceil(o.start)));
	liq_sim_run(s, &h);
	if (!R.split) {
		end_file(&R, R.last_day);
		if (of)
			liq_ofile_close(of);
		else
			fclose(R.out);
	}
	if (R.progress)
		fputc('\n', stderr);
	write_side(counts_out, s, liq_sim_write_counts);
	if (clean_out)
		write_clean(&R, s, clean_out);
	{
		const liq_sim_counts *k = liq_sim_get_counts(s);
		liq_note("%d bonds, %ld reports, %ld clean trades", o.nbonds,
			 k->reports, k->clean);
	}
	free(R.clean);
	liq_sim_free(s);
	return LIQ_EXIT_OK;
}
