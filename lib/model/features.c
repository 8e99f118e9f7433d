#include "model/features.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "model/composite.h"
#include "core/text.h"
#include "core/tsv.h"
#include "core/stats.h"
#include "ref/cusip.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the panel columns liqfeatures reads, wherever they are */
enum { M_ROLL, M_AMIHUD, M_KYLE, M_KYLE_T, M_ITT_MED, M_ITT_MAX, M_TPD,
       M_ZERO, M_VOL, M_SIZE, NMEAS };
static const char *const MEAS[NMEAS] = {
	"roll_bps", "amihud", "kyle_lambda", "kyle_t", "itt_median_h",
	"itt_max_h", "trades_per_day", "zero_days_frac", "volume_mm",
	"avg_size_mm"
};

/* logs of the positive measures, and their changes */
enum { L_ROLL, L_AMIHUD, L_TRADES, L_VOLUME, L_ITT, NLOG };
static const char *const LOGS[NLOG] = {
	"log_roll", "log_amihud", "log_trades", "log_volume", "log_itt"
};
static const int LOG_OF[NLOG] = { M_ROLL, M_AMIHUD, M_TPD, M_VOL, M_ITT_MED };
#define NCHG 3 /* changes of log_roll, log_amihud, log_trades */
#define HIST 21

/* cross-sectional inputs kept per row, in the composite score's order */
enum { X_ROLL, X_AMIHUD, X_TPD, X_KYLE, NX };

typedef struct rowrec {
	double x[NX];       /* roll_bps amihud trades_per_day kyle_lambda */
	double composite;   /* the composite score of the day (`score`) */
	double rel[NX];
	int bond;           /* index of the bond in output order */
	int bday;           /* business-day index minus the first one */
	short group;        /* liq_bond_group(); LIQ_GROUP_NONE none */
} rowrec;

typedef struct panel {
	liq_tsv *r;
	const char *name;
} panel;

static double
log1p_or_na(double v)
{
	return isnan(v) || v < 0 ? NAN : log1p(v);
}

static double
diff_or_na(double a, double b)
{
	return isnan(a) || isnan(b) ? NAN : a - b;
}

static void
header(const liq_features_opts *o, FILE *fp)
{
	int i;

	fputs("cusip\tdate", fp);
	for (i = 0; i < NMEAS; i++)
		fprintf(fp, "\t%s", MEAS[i]);
	for (i = 0; i < NLOG; i++)
		fprintf(fp, "\t%s", LOGS[i]);
	for (i = 0; i < NCHG; i++)
		fprintf(fp, "\td5_%s\td21_%s", LOGS[i], LOGS[i]);
	fputs("\tlog_amount\tage_y\tttm_y\tcoupon\trating_num\tig\tsector_code", fp);
	for (i = 0; i < o->macro->ncols; i++)
		fprintf(fp, "\t%s\td21_%s", o->macro->c[i].name, o->macro->c[i].name);
	fputs("\trel_roll\trel_amihud\trel_trades\trel_kyle\tscore\tscore_fwd\tbucket\n",
	      fp);
	fflush(fp);
}

static _Noreturn void
unsorted(const liq_tsv *r)
{
	liq_tsv_fail(r, "panel is not sorted by cusip, date; sort it with: "
		     "(head -n 1 FILE && tail -n +2 FILE | LC_ALL=C sort -t "
		     "\"$(printf '\\t')\" -k%d,%d -k%d,%d)",
		     liq_tsv_col(r, "cusip") + 1, liq_tsv_col(r, "cusip") + 1,
		     liq_tsv_col(r, "date") + 1, liq_tsv_col(r, "date") + 1);
}

/* Trades, volume and sizes are counts and amounts: a negative one is a
 * broken panel, not a value to turn into an NA feature (its log). */
static int
nonneg(int k)
{
	return k != M_KYLE && k != M_KYLE_T;
}

static _Noreturn void
negative(const liq_tsv *r, int col)
{
	char qn[64], qv[64];

	liq_tsv_fail(r, "column '%s': negative value '%s' (a spread, ratio, "
		     "time, count or amount: 0 or more)", liq_quote(qn, sizeof qn, r->hdr[col]),
		     liq_quote(qv, sizeof qv, liq_tsv_field(r, col)));
}

/* ---- the join ----------------------------------------------------------
 * The panels merge-joined on (cusip, date): they must hold the same rows
 * in the same order (cusip, then date ascending); each measure of MEAS is
 * read from the first panel that has its column. */

typedef struct join {
	panel *P;
	int np, nopen;            /* panels, those with a header */
	int kc[16], kd[16];       /* their cusip and date columns */
	int src_panel[NMEAS], src_col[NMEAS];
} join;

static void
join_open(join *J, const liq_features_opts *o)
{
	int i, k;

	J->np = o->npanels;
	J->nopen = 0;
	if (o->npanels > 16)
		liq_usage("at most 16 panel files");
	J->P = liq_xcalloc((unsigned long)o->npanels, sizeof *J->P);
	for (i = 0; i < o->npanels; i++) {
		J->P[i].name = o->panels[i];
		J->P[i].r = liq_tsv_open(o->panels[i]);
		if (liq_tsv_header(J->P[i].r)) {
			J->kc[i] = liq_tsv_need(J->P[i].r, "cusip");
			J->kd[i] = liq_tsv_need(J->P[i].r, "date");
			J->nopen++;
		} else {
			J->kc[i] = J->kd[i] = -1;
		}
	}
	for (k = 0; k < NMEAS; k++) {
		J->src_panel[k] = -1;
		for (i = 0; i < o->npanels && J->src_panel[k] < 0; i++)
			if (J->kc[i] >= 0 &&
			    (J->src_col[k] = liq_tsv_col(J->P[i].r, MEAS[k])) >= 0)
				J->src_panel[k] = i;
		if (J->nopen > 0 && J->src_panel[k] < 0)
			liq_die(LIQ_EXIT_USAGE, "no panel has the column '%s' (want the "
				"panels of roll, amihud, kyle and itt)", MEAS[k]);
	}
	if (J->nopen > 0 && J->nopen < o->npanels)
		for (i = 0; i < o->npanels; i++)
			if (J->kc[i] < 0)
				liq_die(LIQ_EXIT_DATA, "%s: empty, but %s is not: the panels "
					"must share their rows", J->P[i].name,
					J->P[J->kc[0] >= 0 ? 0 : 1].name);
}

/* The next row of every panel, checked to be the same (cusip, date);
 * 0 at the end. */
static int
join_next(join *J, const char **cu, const char **dt)
{
	int more, i;

	if (J->nopen == 0)
		return 0;
	more = liq_tsv_next(J->P[0].r);
	for (i = 1; i < J->np; i++) {
		int mi = liq_tsv_next(J->P[i].r);
		if (mi != more)
			liq_tsv_fail(mi ? J->P[i].r : J->P[0].r, "the panels do not share "
				     "their rows: %s ends before %s",
				     mi ? J->P[0].name : J->P[i].name,
				     mi ? J->P[i].name : J->P[0].name);
	}
	if (!more)
		return 0;
	/* (a cusip is at most 12 bytes: the series keeps it whole) */
	*cu = liq_tsv_cusip(J->P[0].r, J->kc[0]);
	*dt = liq_tsv_field(J->P[0].r, J->kd[0]);
	for (i = 1; i < J->np; i++)
		if (strcmp(liq_tsv_field(J->P[i].r, J->kc[i]), *cu) ||
		    strcmp(liq_tsv_field(J->P[i].r, J->kd[i]), *dt)) {
			char q[4][64];
			liq_tsv_fail(J->P[i].r, "row '%s %s' does not match %s:%ld "
				     "'%s %s': the panels must share their rows",
				     liq_quote(q[0], sizeof q[0],
					       liq_tsv_field(J->P[i].r, J->kc[i])),
				     liq_quote(q[1], sizeof q[1],
					       liq_tsv_field(J->P[i].r, J->kd[i])),
				     J->P[0].name, J->P[0].r->lineno,
				     liq_quote(q[2], sizeof q[2], *cu),
				     liq_quote(q[3], sizeof q[3], *dt));
		}
	return 1;
}

static void
join_close(join *J)
{
	int i;

	for (i = 0; i < J->np; i++)
		liq_tsv_close(J->P[i].r);
	free(J->P);
}

/* ---- the time series ---------------------------------------------------
 * One bond's rows in date order, one business day apart: the measures as
 * the panels wrote them, their logs, the 5- and 21-day changes of three
 * logs (from the last HIST rows of the bond), the bond's characteristics
 * on the day, and each macro series with its 21-business-day change. */

typedef struct series {
	char cusip[64], prev_date[16];
	int prev_day, hist_n;
	double hist[HIST][NLOG];
	const liq_bond *bond;     /* NULL: not in the bonds file */
	int nbonds, missing_bonds;
} series;

/* Check the row's order against the previous one, and start a new bond
 * when the cusip changes; returns the row's date. */
static int
series_step(series *S, const liq_features_opts *o, const liq_tsv *r,
	    const char *cu, const char *dt, int cdate)
{
	int day = liq_tsv_date(r, cdate), cmp = strcmp(cu, S->cusip);

	if (cmp < 0 || (cmp == 0 && strcmp(dt, S->prev_date) <= 0))
		unsorted(r);
	if (cmp != 0) {
		strcpy(S->cusip, cu);
		S->bond = liq_bonds_find(o->bonds, cu);
		S->missing_bonds += S->bond == NULL;
		S->nbonds++;
		S->hist_n = 0;
	} else if (liq_bday_floor(day) != liq_bday_floor(S->prev_day) + 1) {
		liq_tsv_fail(r, "date '%s' is not the business day after '%s': "
			     "panels have a row every business day", dt, S->prev_date);
	}
	strcpy(S->prev_date, dt);
	S->prev_day = day;
	return day;
}

/* The row's series, bond and macro columns (after cusip and date). */
static void
series_row(series *S, const liq_features_opts *o, const join *J,
	   const double *m, int day, liq_row *w)
{
	const liq_bond *bond = S->bond;
	double lg[NLOG];
	int k;

	for (k = 0; k < NLOG; k++)
		lg[k] = log1p_or_na(m[LOG_OF[k]]);
	for (k = 0; k < NMEAS; k++) /* the panel's own text, unchanged */
		liq_row_str(w, liq_tsv_field(J->P[J->src_panel[k]].r, J->src_col[k]));
	for (k = 0; k < NLOG; k++)
		liq_row_num(w, lg[k]);
	for (k = 0; k < NCHG; k++) {
		liq_row_num(w, S->hist_n >= 5 ?
			    diff_or_na(lg[k], S->hist[(S->hist_n - 5) % HIST][k]) : NAN);
		liq_row_num(w, S->hist_n >= 21 ?
			    diff_or_na(lg[k], S->hist[(S->hist_n - 21) % HIST][k]) : NAN);
	}
	for (k = 0; k < NLOG; k++)
		S->hist[S->hist_n % HIST][k] = lg[k];
	S->hist_n++;
	if (bond) {
		liq_row_num(w, bond->amount > 0 ? log(bond->amount) : NAN);
		liq_row_num(w, bond->issue == INT_MIN ? NAN : (day - bond->issue) / 365.25);
		liq_row_num(w, bond->maturity == INT_MIN ? NAN
			    : (bond->maturity - day) / 365.25);
		liq_row_num(w, bond->coupon);
		if (bond->rating) {
			liq_row_num(w, bond->rating);
			liq_row_num(w, bond->rating <= 10);
		} else {
			liq_row_na(w);
			liq_row_na(w);
		}
		if (bond->sector_code)
			liq_row_num(w, bond->sector_code);
		else
			liq_row_na(w);
	} else {
		for (k = 0; k < 7; k++)
			liq_row_na(w);
	}
	for (k = 0; k < o->macro->ncols; k++) {
		double v = liq_macro_at(o->macro, k, day);
		liq_row_num(w, v);
		liq_row_num(w, diff_or_na(v, liq_macro_at(o->macro, k,
						       liq_bday_add(day, -21))));
	}
}

/* ---- the cross-section -------------------------------------------------
 * For each business day, over the bonds that have a row that day: the
 * composite score of the bonds with all four inputs (model/composite.h),
 * and, for each sector x rating group with at least min_group values of
 * an input, the row's distance from the group's median of that input
 * (of log1p of roll_bps, amihud and trades_per_day, of kyle_lambda as
 * is): rel_roll rel_amihud rel_trades rel_kyle. */

static void
cross_section(rowrec *rows, unsigned long nrows, int first_bday, int last_bday,
	      int min_group)
{
	long nd = (long)last_bday - first_bday + 1, d;
	unsigned long *start = liq_xcalloc((unsigned long)nd + 1, sizeof *start);
	unsigned long *byday = liq_xmalloc(nrows * sizeof *byday), *pos, r;
	double *in = liq_xmalloc(nrows * NX * sizeof *in);
	double *sc = liq_xmalloc(nrows * sizeof *sc);
	double *work = liq_xmalloc((5 * nrows + 8) * sizeof *work);
	size_t *idx = liq_xmalloc((nrows + 1) * sizeof *idx);
	unsigned long *sel = liq_xmalloc(nrows * sizeof *sel);
	int k;

	for (r = 0; r < nrows; r++)
		start[rows[r].bday - first_bday + 1]++;
	for (d = 0; d < nd; d++)
		start[d + 1] += start[d];
	pos = liq_xmalloc(((unsigned long)nd + 1) * sizeof *pos);
	memcpy(pos, start, ((unsigned long)nd + 1) * sizeof *pos);
	for (r = 0; r < nrows; r++)
		byday[pos[rows[r].bday - first_bday]++] = r;
	free(pos);
	for (d = 0; d < nd; d++) {
		unsigned long a = start[d], b = start[d + 1], j, n = 0;
		/* the composite score over the bonds with all four inputs */
		for (j = a; j < b; j++) {
			rowrec *x = &rows[byday[j]];
			x->composite = NAN;
			if (isnan(x->x[0]) || isnan(x->x[1]) || isnan(x->x[2]) ||
			    isnan(x->x[3]))
				continue;
			memcpy(in + n * NX, x->x, sizeof x->x);
			sel[n++] = byday[j];
		}
		if (n > 0) {
			liq_composite_day(in, n, sc, work, idx);
			for (j = 0; j < n; j++)
				rows[sel[j]].composite = sc[j];
		}
		/* group medians: rows of the day ordered by group */
		for (j = a; j < b; j++)
			for (k = 0; k < NX; k++)
				rows[byday[j]].rel[k] = NAN;
		for (j = a; j < b; j++) {
			short g = rows[byday[j]].group;
			unsigned long q;
			int seen = 0;
			if (g < 0)
				continue;
			for (q = a; q < j && !seen; q++)
				seen = rows[byday[q]].group == g;
			if (seen)
				continue; /* this group was done */
			for (k = 0; k < NX; k++) {
				double med;
				n = 0;
				for (q = j; q < b; q++) {
					rowrec *x = &rows[byday[q]];
					double v = k == X_KYLE ? x->x[k] : log1p_or_na(x->x[k]);
					if (x->group == g && !isnan(v))
						work[n++] = v;
				}
				if ((int)n < min_group)
					continue;
				med = liq_median(work, n);
				for (q = j; q < b; q++) {
					rowrec *x = &rows[byday[q]];
					double v = k == X_KYLE ? x->x[k] : log1p_or_na(x->x[k]);
					if (x->group == g)
						x->rel[k] = diff_or_na(v, med);
				}
			}
		}
	}
	free(start);
	free(byday);
	free(in);
	free(sc);
	free(work);
	free(idx);
	free(sel);
}

/* ---- the targets -------------------------------------------------------
 * The lines of pass 1 read back from tmp, each completed with the
 * cross-section, the composite score of the day (`score`), the composite
 * score `horizon` business days later (`score_fwd`, NA when the bond has
 * no row that day) and its bucket. Returns the rows written. */
static long
write_targets(const rowrec *rows, unsigned long nrows, int horizon, FILE *tmp,
	      liq_row *w, FILE *fp)
{
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	unsigned long r;
	long out = 0;
	int k;

	if (fflush(tmp) != 0 || ferror(tmp) || fseek(tmp, 0, SEEK_SET) != 0)
		liq_die(LIQ_EXIT_DATA, "temporary file: write error");
	for (r = 0; r < nrows; r++) {
		const rowrec *x = &rows[r];
		double fwd = NAN;
		const char *b;
		unsigned long f = r + (unsigned long)horizon;
		if ((len = getline(&line, &lcap, tmp)) <= 0)
			liq_die(LIQ_EXIT_DATA, "temporary file: read error");
		if (f < nrows && rows[f].bond == x->bond &&
		    rows[f].bday == x->bday + horizon)
			fwd = rows[f].composite;
		fwrite(line, 1, (size_t)len - 1, fp);
		for (k = 0; k < NX; k++)
			liq_row_num(w, x->rel[k]);
		liq_row_num(w, x->composite);
		liq_row_num(w, fwd);
		b = liq_bucket(fwd);
		liq_row_str(w, b ? b : "NA");
		fputc('\t', fp);
		liq_row_end(w, fp);
		out++;
	}
	free(line);
	return out;
}

/* ---- the run ---------------------------------------------------------- */

long
liq_features_run(const liq_features_opts *o, FILE *fp)
{
	join J;
	series S;
	int k, first_bday = INT_MAX, last_bday = INT_MIN;
	FILE *tmp = tmpfile();
	rowrec *rows = NULL;
	unsigned long nrows = 0, cap = 0;
	const char *cu, *dt;
	liq_row w;
	long out;

	if (!tmp)
		liq_die(LIQ_EXIT_DATA, "cannot create a temporary file");
	memset(&S, 0, sizeof S);
	join_open(&J, o);
	header(o, fp);
	liq_row_init(&w);

	/* pass 1: the join, the series; the cross-section's inputs kept */
	while (join_next(&J, &cu, &dt)) {
		double m[NMEAS];
		rowrec *rr;
		int day = series_step(&S, o, J.P[0].r, cu, dt, J.kd[0]);

		for (k = 0; k < NMEAS; k++) {
			const liq_tsv *pr = J.P[J.src_panel[k]].r;
			m[k] = liq_tsv_num(pr, J.src_col[k]);
			if (m[k] < 0 && nonneg(k))
				negative(pr, J.src_col[k]);
		}
		liq_row_str(&w, cu);
		liq_row_str(&w, dt);
		series_row(&S, o, &J, m, day, &w);
		liq_row_end(&w, tmp);

		liq_grow(&rows, &cap, nrows + 1, sizeof *rows);
		rr = &rows[nrows++];
		rr->x[X_ROLL] = m[M_ROLL];
		rr->x[X_AMIHUD] = m[M_AMIHUD];
		rr->x[X_TPD] = m[M_TPD];
		rr->x[X_KYLE] = m[M_KYLE];
		rr->bond = S.nbonds - 1;
		rr->bday = (int)liq_bday_floor(day);
		rr->group = (short)(S.bond ? liq_bond_group(S.bond) : LIQ_GROUP_NONE);
		if (rr->bday < first_bday)
			first_bday = rr->bday;
		if (rr->bday > last_bday)
			last_bday = rr->bday;
	}
	join_close(&J);
	if (S.missing_bonds)
		liq_warn("%d of %d bonds are not in the bonds file: their "
			 "characteristics and group features are NA", S.missing_bonds,
			 S.nbonds);

	if (nrows > 0)
		cross_section(rows, nrows, first_bday, last_bday, o->min_group);

	/* pass 2: the stored lines plus the cross-section and the targets */
	out = write_targets(rows, nrows, o->horizon, tmp, &w, fp);
	fclose(tmp);
	free(rows);
	liq_row_free(&w);
	return out;
}
