/* features — liqfeatures: merge-join the measure panels, add bond, macro
 * and cross-sectional features, and the score targets. See liqfeatures(1)
 * for every column.
 *
 * Memory: the time-series part streams (one bond's last 21 rows); the
 * cross-section needs every bond of a day, so the tool keeps 88 bytes per
 * panel row and writes the first part of each output line to a temporary
 * file, which a second pass reads back to append the cross-sectional
 * columns and the targets.
 *
 * `score` is the composite score of the day (model/composite.h) and
 * `score_fwd` the composite score H business days on: the targets a model
 * learns to predict.
 *
 *   char *panels[] = { "roll.tsv", "amihud.tsv", "kyle.tsv", "itt.tsv" };
 *   liq_macro *m = liq_macro_new();
 *   liq_features_opts o = { .panels = panels, .npanels = 4,
 *                           .bonds = liq_bonds_load("bonds.tsv"),
 *                           .macro = m, .horizon = 21, .min_group = 3 };
 *   long rows = liq_features_run(&o, stdout);
 */
#ifndef LIQ_FEATURES_H
#define LIQ_FEATURES_H

#include "ref/bonds.h"
#include "format/macro.h"

#include <stdio.h>

typedef struct liq_features_opts {
	char *const *panels;      /* panel files, merge-joined on (cusip, date) */
	int npanels;
	const liq_bonds *bonds;
	const liq_macro *macro;   /* may have no series */
	int horizon;              /* H: score_fwd is the composite score H
				     business days on */
	int min_group;            /* bonds a sector x rating group needs */
} liq_features_opts;

/* Run liqfeatures; writes features.tsv to fp. Returns the rows written. */
long liq_features_run(const liq_features_opts *o, FILE *fp);

#endif
