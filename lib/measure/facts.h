/* facts — the descriptive statistics of a TRACE sample (trace-facts(1),
 * FACTS): trade sizes, customer costs, Bao-Pan-Wang gamma, Roll, imputed
 * round-trip costs, zero-trade days and months, inter-trade days,
 * riskless-principal, inter-dealer and buy/sell shares, executions by
 * hour and outside business days; each by rating class and by year.
 *
 * The bonds are given one at a time (all of a bond's trades, in (date,
 * time) order, as trades.tsv holds them); what the facts need across
 * bonds is kept per cell, a rating class x year, and the groups are sums
 * of cells:
 *
 *     liq_facts *f = liq_facts_new(10, 1);
 *     for each bond: liq_facts_bond(f, trades, n, LIQ_FACTS_IG);
 *     liq_facts_write(f, stdout);          // fact group value n
 *     liq_facts_free(f);
 *
 * Memory: the per-cell sums, the bond-month values of gamma and Roll, the
 * round-trip costs, and the distinct trade sizes and inter-trade gaps
 * with their counts (for the medians); never the trades of more than
 * the bond given.
 */
#ifndef LIQ_FACTS_H
#define LIQ_FACTS_H

#include "core/window.h"

#include <stddef.h>
#include <stdio.h>

/* Rating classes: investment grade (rating buckets 1-3, BBB- or better),
 * high yield (4-6), not rated or unknown. */
enum { LIQ_FACTS_IG, LIQ_FACTS_HY, LIQ_FACTS_NR, LIQ_FACTS_NCLASS };

/* The class of a rating notch (ref/rating.h; 0 unknown). */
int liq_facts_class(int notch);

/* Its name: "IG", "HY", "NR". */
const char *liq_facts_class_name(int cls);

typedef struct liq_facts liq_facts;

/* min_pairs: the fewest pairs (dp_t, dp_t-1) of a bond-month for its
 * gamma and Roll (>= 2). by_class: write the rating-class groups (IG, HY,
 * NR and CLASS:YEAR); without it only "all" and the years. */
liq_facts *liq_facts_new(int min_pairs, int by_class);

/* One bond's trades t[0..n) (n >= 1), sorted by date and time, with bday
 * set as liq_trades_next() sets it; cls its rating class. */
void liq_facts_bond(liq_facts *f, const liq_trade *t, size_t n, int cls);

/* Write the header "fact group value n" and every fact of every group
 * that has a bond-day: facts in their documented order, groups in the
 * order all, IG, HY, NR, the years ascending, then IG:YEAR, HY:YEAR,
 * NR:YEAR. Returns the rows written. */
long liq_facts_write(liq_facts *f, FILE *fp);

/* The value of one fact in one group ("all", "HY", "2021", "IG:2021"),
 * NaN when it is NA; *n its count. A group without a bond-day or a name
 * that is not a fact gives NaN with *n = -1. (For the tests.) */
double liq_facts_get(liq_facts *f, const char *fact, const char *group,
		     long *n);

/* The names of the facts, in output order, NULL-terminated. */
extern const char *const liq_facts_names[];

void liq_facts_free(liq_facts *f);

#endif
