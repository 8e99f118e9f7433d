#include "model/features.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "model/composite.h"
#include "core/tsv.h"
#include "core/stats.h"

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

/* cross-sectional inputs kept per row, in the score's order */
enum { X_ROLL, X_AMIHUD, X_TPD, X_KYLE, NX };

typedef struct rowrec {
	double x[NX];       /* roll_bps amihud trades_per_day kyle_lambda */
	double score;
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

long
liq_features_run(const liq_features_opts *o, FILE *fp)
{
	panel *P = liq_xcalloc((unsigned long)o->npanels, sizeof *P);
	int src_panel[NMEAS], src_col[NMEAS], kc[16], kd[16];
	int i, k, nopen = 0, first_bday = INT_MAX, last_bday = INT_MIN;
	FILE *tmp = tmpfile();
	rowrec *rows = NULL;
	unsigned long nrows = 0, cap = 0, r;
	char cusip[64] = "", prev_date[16] = "";
	int nbonds = 0, missing_bonds = 0, hist_n = 0, prev_day = 0;
	double hist[HIST][NLOG];
	liq_row w;
	long out = 0;
	const liq_bond *bond = NULL;

	if (!tmp)
		liq_die(LIQ_EXIT_DATA, "cannot create a temporary file");
	if (o->npanels > 16)
		liq_usage("at most 16 panel files");
	for (i = 0; i < o->npanels; i++) {
		P[i].name = o->panels[i];
		P[i].r = liq_tsv_open(o->panels[i]);
		if (liq_tsv_header(P[i].r)) {
			kc[i] = liq_tsv_need(P[i].r, "cusip");
			kd[i] = liq_tsv_need(P[i].r, "date");
			nopen++;
		} else {
			kc[i] = kd[i] = -1;
		}
	}
	for (k = 0; k < NMEAS; k++) {
		src_panel[k] = -1;
		for (i = 0; i < o->npanels && src_panel[k] < 0; i++)
			if (kc[i] >= 0 && (src_col[k] = liq_tsv_col(P[i].r, MEAS[k])) >= 0)
				src_panel[k] = i;
		if (nopen > 0 && src_panel[k] < 0)
			liq_die(LIQ_EXIT_USAGE, "no panel has the column '%s' (want the "
				"panels of roll, amihud, kyle and itt)", MEAS[k]);
	}
	if (nopen > 0 && nopen < o->npanels)
		for (i = 0; i < o->npanels; i++)
			if (kc[i] < 0)
				liq_die(LIQ_EXIT_DATA, "%s: empty, but %s is not: the panels "
					"must share their rows", P[i].name,
					P[kc[0] >= 0 ? 0 : 1].name);
	header(o, fp);
	liq_row_init(&w);

	/* ---- pass 1: merge-join, time-series and bond features -------- */
	while (nopen > 0) {
		int more = liq_tsv_next(P[0].r), day, cmp;
		const char *cu, *dt;
		double m[NMEAS], lg[NLOG];
		rowrec *rr;
		for (i = 1; i < o->npanels; i++) {
			int mi = liq_tsv_next(P[i].r);
			if (mi != more)
				liq_tsv_fail(mi ? P[i].r : P[0].r, "the panels do not share "
					     "their rows: %s ends before %s",
					     mi ? P[0].name : P[i].name,
					     mi ? P[i].name : P[0].name);
		}
		if (!more)
			break;
		cu = liq_tsv_field(P[0].r, kc[0]);
		dt = liq_tsv_field(P[0].r, kd[0]);
		for (i = 1; i < o->npanels; i++)
			if (strcmp(liq_tsv_field(P[i].r, kc[i]), cu) ||
			    strcmp(liq_tsv_field(P[i].r, kd[i]), dt))
				liq_tsv_fail(P[i].r, "row '%s %s' does not match %s:%ld "
					     "'%s %s': the panels must share their rows",
					     liq_tsv_field(P[i].r, kc[i]),
					     liq_tsv_field(P[i].r, kd[i]), P[0].name,
					     P[0].r->lineno, cu, dt);
		day = liq_tsv_date(P[0].r, kd[0]);
		cmp = strcmp(cu, cusip);
		if (cmp < 0 || (cmp == 0 && strcmp(dt, prev_date) <= 0))
			unsorted(P[0].r);
		if (cmp != 0) {
			if (strlen(cu) >= sizeof cusip)
				liq_tsv_fail(P[0].r, "column 'cusip': bad value '%s'", cu);
			strcpy(cusip, cu);
			bond = liq_bonds_find(o->bonds, cu);
			missing_bonds += bond == NULL;
			nbonds++;
			hist_n = 0;
		} else if (liq_bday_floor(day) != liq_bday_floor(prev_day) + 1) {
			liq_tsv_fail(P[0].r, "date '%s' is not the business day after '%s': "
				     "panels have a row every business day", dt, prev_date);
		}
		strcpy(prev_date, dt);
		prev_day = day;
		for (k = 0; k < NMEAS; k++)
			m[k] = liq_tsv_num(P[src_panel[k]].r, src_col[k]);
		for (k = 0; k < NLOG; k++)
			lg[k] = log1p_or_na(m[LOG_OF[k]]);

		liq_row_str(&w, cu);
		liq_row_str(&w, dt);
		for (k = 0; k < NMEAS; k++) /* the panel's own text, unchanged */
			liq_row_str(&w, liq_tsv_field(P[src_panel[k]].r, src_col[k]));
		for (k = 0; k < NLOG; k++)
			liq_row_num(&w, lg[k]);
		for (k = 0; k < NCHG; k++) {
			liq_row_num(&w, hist_n >= 5 ? diff_or_na(lg[k], hist[(hist_n - 5) % HIST][k])
						    : NAN);
			liq_row_num(&w, hist_n >= 21 ? diff_or_na(lg[k], hist[(hist_n - 21) % HIST][k])
						     : NAN);
		}
		for (k = 0; k < NLOG; k++)
			hist[hist_n % HIST][k] = lg[k];
		hist_n++;
		if (bond) {
			liq_row_num(&w, bond->amount > 0 ? log(bond->amount) : NAN);
			liq_row_num(&w, bond->issue == INT_MIN ? NAN : (day - bond->issue) / 365.25);
			liq_row_num(&w, bond->maturity == INT_MIN ? NAN
				    : (bond->maturity - day) / 365.25);
			liq_row_num(&w, bond->coupon);
			if (bond->rating) {
				liq_row_num(&w, bond->rating);
				liq_row_num(&w, bond->rating <= 10);
			} else {
				liq_row_na(&w);
				liq_row_na(&w);
			}
			if (bond->sector_code)
				liq_row_num(&w, bond->sector_code);
			else
				liq_row_na(&w);
		} else {
			for (k = 0; k < 7; k++)
				liq_row_na(&w);
		}
		for (k = 0; k < o->macro->ncols; k++) {
			double v = liq_macro_at(o->macro, k, day);
			liq_row_num(&w, v);
			liq_row_num(&w, diff_or_na(v, liq_macro_at(o->macro, k,
							       liq_bday_add(day, -21))));
		}
		liq_row_end(&w, tmp);

		liq_grow(&rows, &cap, nrows + 1, sizeof *rows);
		rr = &rows[nrows++];
		rr->x[X_ROLL] = m[M_ROLL];
		rr->x[X_AMIHUD] = m[M_AMIHUD];
		rr->x[X_TPD] = m[M_TPD];
		rr->x[X_KYLE] = m[M_KYLE];
		rr->bond = nbonds - 1;
		rr->bday = (int)liq_bday_floor(day);
		rr->group = (short)(bond ? liq_bond_group(bond) : LIQ_GROUP_NONE);
		if (rr->bday < first_bday)
			first_bday = rr->bday;
		if (rr->bday > last_bday)
			last_bday = rr->bday;
	}
	for (i = 0; i < o->npanels; i++)
		liq_tsv_close(P[i].r);
	free(P);
	if (missing_bonds)
		liq_warn("%d of %d bonds are not in the bonds file: their "
			 "characteristics and group features are NA", missing_bonds,
			 nbonds);

	/* ---- the cross-section, one day at a time --------------------- */
	if (nrows > 0) {
		long nd = (long)last_bday - first_bday + 1, d;
		unsigned long *start = liq_xcalloc((unsigned long)nd + 1, sizeof *start);
		unsigned long *byday = liq_xmalloc(nrows * sizeof *byday), *pos;
		double *in = liq_xmalloc(nrows * NX * sizeof *in);
		double *sc = liq_xmalloc(nrows * sizeof *sc);
		double *work = liq_xmalloc((5 * nrows + 8) * sizeof *work);
		size_t *idx = liq_xmalloc((nrows + 1) * sizeof *idx);
		unsigned long *sel = liq_xmalloc(nrows * sizeof *sel);

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
			/* the score over the bonds with all four inputs */
			for (j = a; j < b; j++) {
				rowrec *x = &rows[byday[j]];
				x->score = NAN;
				if (isnan(x->x[0]) || isnan(x->x[1]) || isnan(x->x[2]) ||
				    isnan(x->x[3]))
					continue;
				memcpy(in + n * NX, x->x, sizeof x->x);
				sel[n++] = byday[j];
			}
			if (n > 0) {
				liq_score_day(in, n, sc, work, idx);
				for (j = 0; j < n; j++)
					rows[sel[j]].score = sc[j];
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
					if ((int)n < o->min_group)
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

	/* ---- pass 2: the stored lines plus the cross-section and targets */
	if (fflush(tmp) != 0 || ferror(tmp) || fseek(tmp, 0, SEEK_SET) != 0)
		liq_die(LIQ_EXIT_DATA, "temporary file: write error");
	{
		char *line = NULL;
		size_t lcap = 0;
		ssize_t len;
		for (r = 0; r < nrows; r++) {
			const rowrec *x = &rows[r];
			double fwd = NAN;
			const char *b;
			unsigned long f = r + (unsigned long)o->horizon;
			if ((len = getline(&line, &lcap, tmp)) <= 0)
				liq_die(LIQ_EXIT_DATA, "temporary file: read error");
			if (f < nrows && rows[f].bond == x->bond &&
			    rows[f].bday == x->bday + o->horizon)
				fwd = rows[f].score;
			fwrite(line, 1, (size_t)len - 1, fp);
			for (k = 0; k < NX; k++)
				liq_row_num(&w, x->rel[k]);
			liq_row_num(&w, x->score);
			liq_row_num(&w, fwd);
			b = liq_bucket(fwd);
			liq_row_str(&w, b ? b : "NA");
			fputc('\t', fp);
			liq_row_end(&w, fp);
			out++;
		}
		free(line);
	}
	fclose(tmp);
	free(rows);
	liq_row_free(&w);
	return out;
}
