/* facts-internal — trace-facts' accumulators, shared by lib/measure/facts.c
 * (one bond at a time into rating class x year cells) and
 * lib/measure/facts-report.c (the facts of a group of cells) and by no one
 * else; code outside uses measure/facts.h.
 *
 *     cell *c = &f->c[cls * NYEAR + (year - YEAR0)];
 *     c->trades++;
 */
#ifndef LIQ_FACTS_INTERNAL_H
#define LIQ_FACTS_INTERNAL_H

#include "measure/facts.h"

#include <stddef.h>

/* size buckets: a trade is in every bucket its par falls in (>= 5MM is
 * also >= 1MM), a capped trade (par unknown above the cap) in none;
 * index 0 of the bucketed costs is every customer trade */
enum { B_LT100K, B_100K_1MM, B_GE1MM, B_GE5MM, NBUCKET };

enum {
	F_TRADES, F_BONDS,
	F_SIZE_MEDIAN, F_SIZE_SHARE,                       /* + NBUCKET */
	F_CAPPED = F_SIZE_SHARE + NBUCKET,
	F_DEALER, F_BUY, F_SELL, F_RISKLESS,
	F_COST,                                            /* + 1 + NBUCKET */
	F_BUYSELL = F_COST + 1 + NBUCKET,                  /* + 1 + NBUCKET */
	F_IRC_MEAN = F_BUYSELL + 1 + NBUCKET, F_IRC_MEDIAN,
	F_GD_MEAN, F_GD_MEDIAN, F_GT_MEAN, F_GT_MEDIAN,
	F_ROLL_MEAN, F_ROLL_MEDIAN, F_ROLL_NEGCOV,
	F_ZERO_BDAY, F_ZERO_MONTH, F_ITD_MEDIAN, F_ITD_MEAN,
	F_WEEKEND, F_HOLIDAY, F_HOUR,                      /* + 24 */
	NFACT = F_HOUR + 24
};

/* ---- cells: rating class x year ------------------------------------- */

/* years 1900 to 2200: a trade of Saturday 2199-12-31 belongs to a
 * business day of 2200 */
enum { YEAR0 = 1900, NYEAR = 301, NCELL = LIQ_FACTS_NCLASS * NYEAR };
/* the days of those years, from 1900-01-01 (day -25567) */
enum { DAY0 = -25567, NDAY = 110300 };

/* the window of an imputed round trip, seconds (a riskless-principal
 * match: format/trades.h) */
enum { IRT_SPAN_S = 15 * 60 };

typedef struct vec {
	double *v;
	size_t n, cap;
} vec;

typedef struct cell {
	long trades, bonds, last_bond;
	long customer, buys, sells, dealer, riskless, capped;
	long size_n[NBUCKET];
	double cost_sum[1 + NBUCKET], bs_sum[1 + NBUCKET];
	long cost_n[1 + NBUCKET], bs_n[1 + NBUCKET];
	long weekend, holiday, hour[24];
	long bdays, bdays_traded, months, months_traded;
	long itd_n;
	double itd_sum;
	long roll_elig;
	vec irc, gd, gt, roll;
} cell;

/* counts of distinct values per cell (trade sizes, inter-trade gaps),
 * open addressing */
typedef struct hent {
	double v;
	int cell;
	long cnt;       /* 0: empty slot */
} hent;

typedef struct hmap {
	hent *e;
	size_t n, cap;  /* cap a power of two */
} hmap;

struct liq_facts {
	int min_pairs, by_class;
	long bond_id;
	long class_bonds[LIQ_FACTS_NCLASS];
	cell *c;                /* NCELL */
	hmap size, itd;
	/* per bond scratch */
	double *lp;             /* log prices */
	int *tcell;             /* each trade's cell */
	liq_trade *rl;          /* the rows, for the riskless-principal rule
				 * when the input has no riskless column */
	size_t cap;
	/* per day scratch (imputed round trips) */
	struct irt { int day, tsec; double qty, price; } *irt;
	size_t irt_cap;
	vec pairs;              /* x, y of a month's pairs, interleaved */
	/* liq_settle_holiday() of each day from 1900-01-01: 0 unknown,
	 * 1 no, 2 yes */
	unsigned char *hol;
	/* results of write/get */
	double *res_v;
	long *res_n;
	vec tmp;
	hent *tmph;
	size_t tmph_cap;
};

/* Append x to a (facts.c). */
void liq_facts_vec_push(vec *a, double x);

#endif
