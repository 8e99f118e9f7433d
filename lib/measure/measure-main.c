#include "measure/measure-main.h"

#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

double *
liq_scratch_get(liq_scratch *s, size_t n)
{
	if (n > s->cap) {
		size_t c = s->cap ? s->cap : 256;
		while (c < n)
			c *= 2;
		free(s->v);
		s->v = liq_xmalloc(c * sizeof *s->v);
		s->cap = c;
	}
	return s->v;
}

void
liq_scratch_free(liq_scratch *s)
{
	free(s->v);
	s->v = NULL;
	s->cap = 0;
}

static void
header(const liq_panel *p, FILE *fp)
{
	int i;

	fputs("cusip\tdate", fp);
	for (i = 0; p->columns[i]; i++) {
		fputc('\t', fp);
		fputs(p->columns[i], fp);
	}
	fputc('\n', fp);
	fflush(fp);
}

long
liq_panel_run(const liq_panel *p, liq_trades *in, FILE *fp)
{
	liq_window win;
	liq_row row;
	liq_trade t;
	const liq_trade *nx;
	long rows = 0, through_b = p->through == INT_MIN ? LONG_MIN
							 : liq_bday_floor(p->through);
	char cusip[64];
	size_t clen;

	/* read the header(s) and the first row before writing anything, so
	 * that a missing column leaves no output */
	(void)liq_trades_peek(in, &nx);
	header(p, fp);
	liq_window_init(&win, p->w);
	liq_row_init(&row);
	if (!liq_trades_next(in, &t))
		goto done;
	for (;;) {
		/* t is the first trade of a bond */
		long d = t.bday;
		int more = 1; /* t still to be added */

		clen = strlen(liq_trades_cusip(in));
		memcpy(cusip, liq_trades_cusip(in), clen + 1);
		liq_window_reset(&win, d);
		for (;;) {
			liq_window_move(&win, d);
			while (more && t.bday == d) {
				liq_window_add(&win, &t);
				more = liq_trades_peek(in, &nx) && nx->bday == d &&
				       !liq_trades_new_bond_ahead(in);
				if (more)
					liq_trades_next(in, &t);
			}
			liq_row_strn(&row, cusip, clen);
			liq_row_date(&row, liq_bday_date(d));
			p->row(p->ctx, &win, &row);
			liq_row_end(&row, fp);
			rows++;
			/* is there a later trade of this bond? */
			if (!more && liq_trades_peek(in, &nx) &&
			    !liq_trades_new_bond_ahead(in)) {
				liq_trades_next(in, &t);
				more = 1;
			}
			if (!more && d >= through_b)
				break;
			d++;
		}
		if (!liq_trades_next(in, &t))
			break;
	}
done:
	liq_row_free(&row);
	liq_window_free(&win);
	return rows;
}

enum { O_MIN_OBS = LIQ_OPT_LONG_ONLY, O_THROUGH };

int
liq_panel_main(int argc, char **argv, const liq_panel_tool *spec)
{
	/* --min-obs only for the tools that have a minimum */
	static const struct option lo_min[] = {
		{ "window", required_argument, NULL, 'w' },
		{ "min-obs", required_argument, NULL, O_MIN_OBS },
		{ "through", required_argument, NULL, O_THROUGH },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	static const struct option lo[] = {
		{ "window", required_argument, NULL, 'w' },
		{ "through", required_argument, NULL, O_THROUGH },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	liq_panel p;
	liq_trades *in;
	long rows;
	int o;

	liq_init(argv[0]);
	p.w = 21;
	p.through = INT_MIN;
	p.columns = spec->columns;
	p.row = spec->row;
	p.ctx = spec->ctx;
	while ((o = liq_getopt(argc, argv, LIQ_SHORTOPTS("w:"),
			       spec->min_obs ? lo_min : lo)) != -1) {
		if (liq_opt_common(o, spec->usage))
			continue;
		switch (o) {
		case 'w':
			p.w = (int)liq_opt_long("--window", optarg, 1, 100000);
			break;
		case O_MIN_OBS:
			*spec->min_obs = (int)liq_opt_long("--min-obs", optarg,
							   spec->min_obs_lo, 100000000);
			break;
		case O_THROUGH:
			p.through = liq_opt_date("--through", optarg);
			break;
		}
	}
	liq_stdout_buffer();
	in = liq_trades_open(argv + optind, argc - optind);
	rows = liq_panel_run(&p, in, stdout);
	liq_note("%ld trades, %ld bond-days", liq_trades_count(in), rows);
	liq_trades_close(in);
	return LIQ_EXIT_OK;
}
