#include "model/matrix.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"
#include "model/composite.h"
#include "model/horizon.h"
#include "core/tsv.h"
#include "ref/cusip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
is_reserved(const char *name, const char *target, char *const *excl, int nexcl)
{
	int i;

	if (!strcmp(name, "cusip") || !strcmp(name, "date") ||
	    !strcmp(name, "score_fwd") || !strcmp(name, "bucket") ||
	    !strcmp(name, target))
		return 1;
	for (i = 0; i < nexcl; i++)
		if (!strcmp(name, excl[i]))
			return 1;
	return 0;
}

liq_matrix *
liq_matrix_load(const char *path, const char *target, int is_class,
		 char *const *excl, int nexcl)
{
	liq_tsv *r = liq_tsv_open(path);
	liq_matrix *d = liq_xcalloc(1, sizeof *d);
	int *fcol, c_cusip, c_date, c_y, c_composite, c_fwd, i, j;
	liq_horizon *hz = NULL;
	unsigned long cap = 0, xcap = 0;

	d->target = target;
	d->is_class = is_class;
	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want features.tsv from "
			"liqfeatures)", path);
	c_cusip = liq_tsv_col(r, "cusip");
	c_date = liq_tsv_need(r, "date");
	c_y = liq_tsv_need(r, target);
	for (i = 0; i < nexcl; i++)
		(void)liq_tsv_need(r, excl[i]);
	c_composite = liq_tsv_col(r, "score");
	d->has_composite = c_composite >= 0;
	c_fwd = liq_tsv_col(r, "score_fwd");
	if (c_cusip >= 0 && c_composite >= 0 && c_fwd >= 0)
		hz = liq_horizon_new();
	fcol = liq_xmalloc((size_t)r->nhdr * sizeof *fcol);
	d->names = liq_xmalloc((size_t)r->nhdr * sizeof *d->names);
	for (i = 0; i < r->nhdr; i++)
		if (!is_reserved(r->hdr[i], target, excl, nexcl)) {
			fcol[d->p] = i;
			d->names[d->p++] = liq_xstrdup(r->hdr[i]);
		}
	if (d->p == 0)
		liq_die(LIQ_EXIT_USAGE, "%s: no feature columns left", path);
	while (liq_tsv_next(r)) {
		long k = d->n;
		if ((unsigned long)k + 1 > cap) {
			unsigned long nc = cap ? cap * 2 : 4096;
			d->date = liq_xrealloc(d->date, nc * sizeof *d->date);
			d->y = liq_xrealloc(d->y, nc * sizeof *d->y);
			d->composite = liq_xrealloc(d->composite, nc * sizeof *d->composite);
			cap = nc;
		}
		liq_grow(&d->X, &xcap, ((unsigned long)k + 1) * (unsigned long)d->p,
			 sizeof *d->X);
		/* the row is checked whole, the cusip too (not used) */
		if (c_cusip >= 0)
			(void)liq_tsv_cusip(r, c_cusip);
		d->date[k] = liq_tsv_date(r, c_date);
		if (is_class) {
			const char *s = liq_tsv_field(r, c_y);
			int code = liq_bucket_code(s);
			char q[64];
			if (code < 0 && strcmp(s, "NA"))
				liq_tsv_fail(r, "column '%s': bad class '%s' (want Low, "
					     "Medium, High or NA)", target,
					     liq_quote(q, sizeof q, s));
			d->y[k] = code < 0 ? NAN : code;
		} else {
			d->y[k] = liq_tsv_num(r, c_y);
		}
		d->composite[k] = c_composite >= 0 ? liq_tsv_num(r, c_composite) : NAN;
		if (hz)
			(void)liq_horizon_row(hz, liq_tsv_field(r, c_cusip),
					      liq_bday_floor(d->date[k]), d->composite[k],
					      c_fwd == c_y ? d->y[k] : liq_tsv_num(r, c_fwd));
		for (j = 0; j < d->p; j++)
			d->X[(size_t)k * (size_t)d->p + (size_t)j] =
				(float)liq_tsv_num(r, fcol[j]);
		d->n++;
	}
	liq_tsv_close(r);
	free(fcol);
	d->horizon = hz ? liq_horizon_get(hz) : -1;
	liq_horizon_free(hz);
	return d;
}

void
liq_matrix_free(liq_matrix *d)
{
	int i;

	if (!d)
		return;
	for (i = 0; i < d->p; i++)
		free(d->names[i]);
	free(d->names);
	free(d->X);
	free(d->date);
	free(d->y);
	free(d->composite);
	free(d);
}
