/* facts-report — the facts of a group (all, a rating class, a year, a
 * class and a year) from trace-facts' cells: medians from the counted
 * values, means, shares; written as `fact group value n` or looked up. */
#include "measure/facts-internal.h"

#include "core/diag.h"
#include "core/stats.h"
#include "core/tsv.h"
#include "ref/rating.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_hent(const void *a, const void *b)
{
	const hent *x = a, *y = b;

	return (x->v > y->v) - (x->v < y->v);
}

/* the median of the counted values of the cells in `in` */
static double
hmedian(liq_facts *f, const hmap *h, const unsigned char *in)
{
	size_t i, m = 0;
	long tot = 0, cum = 0, lo, hi;
	double a = NAN;

	if (h->n > f->tmph_cap) {
		f->tmph_cap = h->n;
		free(f->tmph);
		f->tmph = liq_xmalloc(f->tmph_cap * sizeof *f->tmph);
	}
	for (i = 0; i < h->cap; i++)
		if (h->e[i].cnt && in[h->e[i].cell]) {
			f->tmph[m++] = h->e[i];
			tot += h->e[i].cnt;
		}
	if (tot == 0)
		return NAN;
	qsort(f->tmph, m, sizeof *f->tmph, cmp_hent);
	/* the values of ranks lo and hi (from 0) */
	lo = (tot - 1) / 2;
	hi = tot / 2;
	for (i = 0; i < m; i++) {
		long next = cum + f->tmph[i].cnt;
		if (lo >= cum && lo < next)
			a = f->tmph[i].v;
		if (hi >= cum && hi < next)
			return (a + f->tmph[i].v) / 2;
		cum = next;
	}
	return NAN;
}

/* mean and median of the vectors at byte offset `off` of the cells in
 * `in` */
static void
vstats(liq_facts *f, const unsigned char *in, size_t off, double *mean,
       double *median, long *n)
{
	size_t i, k;
	double s = 0;

	f->tmp.n = 0;
	for (i = 0; i < NCELL; i++) {
		const vec *v;
		if (!in[i])
			continue;
		v = (const vec *)((const char *)(f->c + i) + off);
		for (k = 0; k < v->n; k++) {
			liq_facts_vec_push(&f->tmp, v->v[k]);
			s += v->v[k];
		}
	}
	*n = (long)f->tmp.n;
	*mean = f->tmp.n ? s / (double)f->tmp.n : NAN;
	*median = liq_median(f->tmp.v, f->tmp.n);
}

static double
share(long a, long n)
{
	return n > 0 ? (double)a / (double)n : NAN;
}

/* the cells of group (cls, year): -1 for any */
static void
group_cells(unsigned char *in, int cls, int year)
{
	int c, y;

	for (c = 0; c < LIQ_FACTS_NCLASS; c++)
		for (y = 0; y < NYEAR; y++)
			in[c * NYEAR + y] = (cls < 0 || cls == c) &&
					    (year < 0 || year == y + YEAR0);
}

/* every fact of group (cls, year) (-1: any) into v[], n[]; 0 when the
 * group has no bond-day */
static int
eval(liq_facts *f, int cls, int year, double *v, long *n)
{
	unsigned char in[NCELL];
	cell s;
	size_t i;
	int k;

	group_cells(in, cls, year);
	memset(&s, 0, sizeof s);
	for (i = 0; i < NCELL; i++) {
		const cell *c = f->c + i;
		if (!in[i])
			continue;
		s.trades += c->trades;
		s.bonds += c->bonds;
		s.customer += c->customer;
		s.buys += c->buys;
		s.sells += c->sells;
		s.dealer += c->dealer;
		s.riskless += c->riskless;
		s.capped += c->capped;
		for (k = 0; k < NBUCKET; k++)
			s.size_n[k] += c->size_n[k];
		for (k = 0; k < 1 + NBUCKET; k++) {
			s.cost_sum[k] += c->cost_sum[k];
			s.cost_n[k] += c->cost_n[k];
			s.bs_sum[k] += c->bs_sum[k];
			s.bs_n[k] += c->bs_n[k];
		}
		s.weekend += c->weekend;
		s.holiday += c->holiday;
		for (k = 0; k < 24; k++)
			s.hour[k] += c->hour[k];
		s.bdays += c->bdays;
		s.bdays_traded += c->bdays_traded;
		s.months += c->months;
		s.months_traded += c->months_traded;
		s.itd_n += c->itd_n;
		s.itd_sum += c->itd_sum;
		s.roll_elig += c->roll_elig;
	}
	if (s.bdays == 0)
		return 0;
	/* a bond is in one class but may trade in several years: count it
	 * once in a group of every year */
	if (year < 0) {
		s.bonds = 0;
		for (k = 0; k < LIQ_FACTS_NCLASS; k++)
			if (cls < 0 || cls == k)
				s.bonds += f->class_bonds[k];
	}
	v[F_TRADES] = (double)s.trades;
	n[F_TRADES] = s.trades;
	v[F_BONDS] = (double)s.bonds;
	n[F_BONDS] = s.bonds;
	/* sizes: the trades whose par is known (not capped) */
	v[F_SIZE_MEDIAN] = hmedian(f, &f->size, in);
	n[F_SIZE_MEDIAN] = s.trades - s.capped;
	for (k = 0; k < NBUCKET; k++) {
		v[F_SIZE_SHARE + k] = share(s.size_n[k], s.trades - s.capped);
		n[F_SIZE_SHARE + k] = s.trades - s.capped;
	}
	v[F_CAPPED] = share(s.capped, s.trades);
	n[F_CAPPED] = s.trades;
	v[F_DEALER] = share(s.dealer, s.trades);
	n[F_DEALER] = s.trades;
	v[F_BUY] = share(s.buys, s.customer);
	v[F_SELL] = share(s.sells, s.customer);
	v[F_RISKLESS] = share(s.riskless, s.customer);
	n[F_BUY] = n[F_SELL] = n[F_RISKLESS] = s.customer;
	for (k = 0; k < 1 + NBUCKET; k++) {
		v[F_COST + k] = s.cost_n[k] ? s.cost_sum[k] / (double)s.cost_n[k] : NAN;
		n[F_COST + k] = s.cost_n[k];
		v[F_BUYSELL + k] = s.bs_n[k] ? s.bs_sum[k] / (double)s.bs_n[k] : NAN;
		n[F_BUYSELL + k] = s.bs_n[k];
	}
	vstats(f, in, offsetof(cell, irc), &v[F_IRC_MEAN], &v[F_IRC_MEDIAN],
	       &n[F_IRC_MEAN]);
	n[F_IRC_MEDIAN] = n[F_IRC_MEAN];
	vstats(f, in, offsetof(cell, gd), &v[F_GD_MEAN], &v[F_GD_MEDIAN],
	       &n[F_GD_MEAN]);
	n[F_GD_MEDIAN] = n[F_GD_MEAN];
	vstats(f, in, offsetof(cell, gt), &v[F_GT_MEAN], &v[F_GT_MEDIAN],
	       &n[F_GT_MEAN]);
	n[F_GT_MEDIAN] = n[F_GT_MEAN];
	vstats(f, in, offsetof(cell, roll), &v[F_ROLL_MEAN], &v[F_ROLL_MEDIAN],
	       &n[F_ROLL_MEAN]);
	n[F_ROLL_MEDIAN] = n[F_ROLL_MEAN];
	v[F_ROLL_NEGCOV] = share(n[F_ROLL_MEAN], s.roll_elig);
	n[F_ROLL_NEGCOV] = s.roll_elig;
	v[F_ZERO_BDAY] = share(s.bdays - s.bdays_traded, s.bdays);
	n[F_ZERO_BDAY] = s.bdays;
	v[F_ZERO_MONTH] = share(s.months - s.months_traded, s.months);
	n[F_ZERO_MONTH] = s.months;
	v[F_ITD_MEDIAN] = hmedian(f, &f->itd, in);
	v[F_ITD_MEAN] = s.itd_n ? s.itd_sum / (double)s.itd_n : NAN;
	n[F_ITD_MEDIAN] = n[F_ITD_MEAN] = s.itd_n;
	v[F_WEEKEND] = share(s.weekend, s.trades);
	v[F_HOLIDAY] = share(s.holiday, s.trades);
	n[F_WEEKEND] = n[F_HOLIDAY] = s.trades;
	for (k = 0; k < 24; k++) {
		v[F_HOUR + k] = share(s.hour[k], s.trades);
		n[F_HOUR + k] = s.trades;
	}
	return 1;
}

static void
group_name(char *out, size_t sz, int cls, int year)
{
	if (cls < 0 && year < 0)
		snprintf(out, sz, "all");
	else if (year < 0)
		snprintf(out, sz, "%s", liq_facts_class_name(cls));
	else if (cls < 0)
		snprintf(out, sz, "%d", year);
	else
		snprintf(out, sz, "%s:%d", liq_facts_class_name(cls), year);
}

long
liq_facts_write(liq_facts *f, FILE *fp)
{
	static const char *const hdr[] = { "fact", "group", "value", "n", NULL };
	struct grp { int cls, year; } *g;
	int ng = 0, c, y, k, i;
	double *v;
	long *n, rows = 0;
	liq_row row;
	char name[32];

	liq_write_header(fp, hdr);
	g = liq_xmalloc((1 + LIQ_FACTS_NCLASS) * (1 + NYEAR) * sizeof *g);
	g[ng].cls = -1, g[ng++].year = -1;
	if (f->by_class)
		for (c = 0; c < LIQ_FACTS_NCLASS; c++)
			g[ng].cls = c, g[ng++].year = -1;
	for (y = YEAR0; y < YEAR0 + NYEAR; y++)
		g[ng].cls = -1, g[ng++].year = y;
	if (f->by_class)
		for (c = 0; c < LIQ_FACTS_NCLASS; c++)
			for (y = YEAR0; y < YEAR0 + NYEAR; y++)
				g[ng].cls = c, g[ng++].year = y;
	v = liq_xmalloc((size_t)ng * NFACT * sizeof *v);
	n = liq_xmalloc((size_t)ng * NFACT * sizeof *n);
	/* keep the groups that have a bond-day */
	for (i = k = 0; i < ng; i++) {
		if (eval(f, g[i].cls, g[i].year, v + (size_t)k * NFACT, n + (size_t)k * NFACT))
			g[k++] = g[i];
	}
	ng = k;
	liq_row_init(&row);
	for (k = 0; k < NFACT; k++)
		for (i = 0; i < ng; i++) {
			group_name(name, sizeof name, g[i].cls, g[i].year);
			liq_row_str(&row, liq_facts_names[k]);
			liq_row_str(&row, name);
			liq_row_num(&row, v[(size_t)i * NFACT + k]);
			liq_row_long(&row, n[(size_t)i * NFACT + k]);
			liq_row_end(&row, fp);
			rows++;
		}
	liq_row_free(&row);
	free(g);
	free(v);
	free(n);
	return rows;
}

double
liq_facts_get(liq_facts *f, const char *fact, const char *group, long *n)
{
	double v[NFACT];
	long nn[NFACT];
	int k, cls = -1, year = -1;
	const char *p = group;

	*n = -1;
	for (k = 0; liq_facts_names[k] && strcmp(liq_facts_names[k], fact); k++)
		;
	if (!liq_facts_names[k])
		return NAN;
	if (strcmp(group, "all") != 0) {
		int c;
		for (c = 0; c < LIQ_FACTS_NCLASS; c++) {
			size_t l = strlen(liq_facts_class_name(c));
			if (!strncmp(p, liq_facts_class_name(c), l) &&
			    (p[l] == '\0' || p[l] == ':')) {
				cls = c;
				p += l + (p[l] == ':');
				break;
			}
		}
		if (*p) {
			char *e;
			long yy = strtol(p, &e, 10);
			if (*e || yy < YEAR0 || yy >= YEAR0 + NYEAR)
				return NAN;
			year = (int)yy;
		} else if (cls < 0)
			return NAN;
	}
	if (!eval(f, cls, year, v, nn))
		return NAN;
	*n = nn[k];
	return v[k];
}
