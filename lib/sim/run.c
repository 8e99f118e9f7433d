/* run — trace-sim's engine (sim/run.h): the hooks that stream the raw
 * reports to their files, the collection and writing of the clean
 * trades, and the side files. */
#include "sim/run.h"

#include "core/atomic-file.h"
#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/tsv.h"
#include "format/trades.h"
#include "sim/trace-write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
liq_sim_files_init(liq_sim_files *f)
{
	memset(f, 0, sizeof *f);
}

/* A clean trade, kept until the run ends: 40 bytes (trace-sim(1)). */
typedef struct clean_rec {
	int bond, day, tsec;
	int sign;
	long qty, price_milli;
	double expected_bps;   /* markup + impact, customer trades */
} clean_rec;

typedef struct run {
	int finra, public_csv;
	int standard;          /* WRDS's standard table */
	int old;               /* reports mapped through `vocab` */
	liq_old_vocab vocab;   /* the pre-2012 vocabulary */
	const char *split;
	FILE *out;             /* the raw stream, or the current split file */
	liq_ofile *split_file; /* the current split file */
	long recno;            /* FINRA record count in the current file */
	int last_day;
	clean_rec *clean;
	unsigned long nclean, cleancap;
	int want_clean;        /* --clean-out or --costs-out */
	int progress;
	long days;
} run;

static void
on_report(void *ctx, const liq_sim *s, const liq_sim_report *r)
{
	run *R = ctx;
	liq_sim_report o;

	if (R->old) {
		if (!liq_old_vocab_map(&R->vocab, s, r, &o))
			return;
		r = &o;
	}
	if (R->finra)
		liq_finra_write(R->out, s, r, ++R->recno);
	else if (R->public_csv)
		(void)liq_public_write(R->out, s, r);
	else if (R->standard)
		liq_standard_write(R->out, s, r);
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
	c->expected_bps = t->markup_bps + t->impact_bps;
}

static FILE *
open_split(run *R, int day)
{
	char d[11], path[4096];

	liq_date_fmt(d, day);
	if (R->finra)
		snprintf(path, sizeof path, "%s/enhanced-time-and-sales-cusip-%s.txt",
			 R->split, d);
	else
		snprintf(path, sizeof path, "%s/trace-%s.%s", R->split, d,
			 R->public_csv ? "csv" : "tsv");
	R->split_file = liq_ofile_open(path);
	return liq_ofile_fp(R->split_file);
}

static void
begin_file(run *R, int day)
{
	if (R->split)
		R->out = open_split(R, day);
	R->recno = 0;
	if (R->finra)
		liq_finra_header(R->out);
	else if (R->public_csv)
		liq_public_header(R->out);
	else if (R->standard)
		liq_standard_header(R->out);
	else
		liq_wrds_header(R->out);
}

static void
end_file(run *R, int day)
{
	if (R->finra)
		liq_finra_trailer(R->out, day, R->recno);
	if (R->split)
		liq_ofile_close(R->split_file);
}

static void
on_day_end(void *ctx, const liq_sim *s, int day)
{
	run *R = ctx;

	R->last_day = day;
	if (R->split) {
		end_file(R, day);
		if (liq_cal_next(day) <= liq_sim_get_opts(s)->end)
			begin_file(R, liq_cal_next(day));
	}
	if (R->progress && ++R->days % 20 == 0) {
		char d[11];
		liq_date_fmt(d, day);
		fprintf(stderr, "\r%s: %s, %ld reports", liq_progname, d,
			liq_sim_get_counts(s)->reports);
	}
}

/* --costs-out: cusip date time qty side expected_bps, customer trades */
static void
write_costs(const clean_rec *c, unsigned long n, const liq_sim *s, FILE *fp)
{
	static const char *const H[] = { "cusip", "date", "time", "qty", "side",
		"expected_bps", NULL };
	liq_row w;
	unsigned long i;

	liq_row_init(&w);
	liq_write_header(fp, H);
	for (i = 0; i < n; i++) {
		char d[11], t[9];
		if (!c[i].sign)
			continue;
		liq_date_fmt(d, c[i].day);
		liq_time_fmt(t, c[i].tsec);
		liq_row_str(&w, liq_sim_bond_at(s, c[i].bond)->cusip);
		liq_row_str(&w, d);
		liq_row_str(&w, t);
		liq_row_num(&w, (double)c[i].qty);
		liq_row_str(&w, c[i].sign > 0 ? "B" : "S");
		liq_row_num(&w, c[i].expected_bps);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
}

/* The clean trades in (cusip, date, time) order to --clean-out, and the
 * customer ones' planted costs to --costs-out. */
static void
write_clean(run *R, const liq_sim *s, const char *path, const char *costs)
{
	int nb = liq_sim_nbonds(s), b;
	unsigned long *start = liq_xcalloc((unsigned long)nb + 1, sizeof *start);
	unsigned long i, *pos;
	clean_rec *sorted;
	liq_trade *t = NULL;
	unsigned long tcap = 0, j;

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
	if (path) {
		liq_ofile *f = liq_ofile_open(path);
		liq_trades_out w;
		liq_trades_out_begin(&w, liq_ofile_fp(f));
		/* bond by bond: the riskless-principal pairs flagged by the rule
		 * trace-clean applies (format/trades.h) */
		for (i = 0; i < R->nclean; i = j) {
			const char *cusip = liq_sim_bond_at(s, sorted[i].bond)->cusip;
			for (j = i + 1; j < R->nclean && sorted[j].bond == sorted[i].bond;
			     j++)
				;
			/* the public CSV and the standard table disseminate sizes
			 * above the cap capped */
			long cap = R->public_csv || R->standard
				? liq_standard_cap(s, sorted[i].bond)
				: 0;
			liq_grow(&t, &tcap, j - i, sizeof *t);
			for (b = 0; b < (int)(j - i); b++) {
				const clean_rec *c = &sorted[i + (unsigned long)b];
				t[b].day = c->day;
				t[b].tsec = c->tsec;
				t[b].bday = 0;
				t[b].price = 0;
				t[b].qty = (double)c->qty;
				t[b].sign = c->sign;
				t[b].capped = cap && c->qty > cap;
				if (t[b].capped)
					t[b].qty = (double)cap;
			}
			liq_trades_riskless(t, j - i);
			for (b = 0; b < (int)(j - i); b++)
				liq_trades_out_milli(&w, cusip, &t[b],
						     sorted[i + (unsigned long)b].price_milli);
		}
		liq_trades_out_end(&w);
		free(t);
		liq_ofile_close(f);
	}
	if (costs) {
		liq_ofile *f = liq_ofile_open(costs);
		write_costs(sorted, R->nclean, s, liq_ofile_fp(f));
		liq_ofile_close(f);
	}
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

void
liq_sim_write_files(liq_sim *s, const liq_sim_files *f)
{
	liq_ofile *of = NULL;
	liq_sim_hooks h;
	run R;

	memset(&R, 0, sizeof R);
	R.finra = f->finra;
	R.public_csv = f->public_csv;
	R.standard = f->standard;
	R.old = f->standard ||
		liq_sim_get_opts(s)->start < liq_old_vocab_end();
	liq_old_vocab_init(&R.vocab, f->standard);
	R.split = f->split;
	write_side(f->bonds, s, liq_sim_write_bonds);
	write_side(f->macro, s, liq_sim_write_macro);
	write_side(f->truth, s, liq_sim_write_truth);

	if (!R.split) {
		if (f->raw) {
			of = liq_ofile_open(f->raw);
			R.out = liq_ofile_fp(of);
		} else if (!(R.out = fopen("/dev/null", "w"))) {
			liq_die(LIQ_EXIT_DATA, "/dev/null: %s", strerror(errno));
		}
	}
	R.want_clean = f->clean != NULL || f->costs != NULL;
	R.progress = f->progress;
	memset(&h, 0, sizeof h);
	h.ctx = &R;
	h.report = on_report;
	h.trade = on_trade;
	h.day_end = on_day_end;
	begin_file(&R, liq_cal_is_bday(liq_sim_get_opts(s)->start)
			       ? liq_sim_get_opts(s)->start
			       : liq_cal_next(liq_sim_get_opts(s)->start));
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
	if (R.old && f->counts) {
		liq_ofile *cf = liq_ofile_open(f->counts);
		liq_old_vocab_counts(&R.vocab, s, liq_ofile_fp(cf));
		liq_ofile_close(cf);
	} else {
		write_side(f->counts, s, liq_sim_write_counts);
	}
	if (R.want_clean)
		write_clean(&R, s, f->clean, f->costs);
	free(R.clean);
}
