#include "cost/recalibrate.h"

#include "cost/pretrade.h"
#include "core/diag.h"
#include "core/stats.h"
#include "format/prints.h"

#include <math.h>
#include <stdlib.h>

typedef struct recal_pt {
	int date;
	float ratio;
} recal_pt;

int
liq_pretrade_recalibrate(liq_impact_table *T, const char *prints, int as_of,
			 int lookback, double participation, liq_recal *out)
{
	liq_prints_in *r = liq_prints_open(prints);
	recal_pt *pt = NULL;
	unsigned long cap = 0, np = 0, i, j, prune_at = 4096;
	int last = 0;
	liq_print p;
	double *v;
	long n = 0;

	out->k = 1;
	out->n = 0;
	out->from = out->to = 0;
	/* each print's ratio; without as_of, the window is known only once
	 * the last date is: a print already out of the window of the latest
	 * date so far is passed over, and those kept are dropped as the
	 * window moves past them */
	while (liq_prints_next(r, &p)) {
		const liq_cost_model *m;
		double cost = p.cost_bps, q, d;
		int date = p.date;
		liq_cost c;

		if (date > last)
			last = date;
		if (isnan(cost) || (as_of && date > as_of) ||
		    date <= (as_of ? as_of : last) - lookback)
			continue;
		q = liq_prints_qty(r);
		m = liq_impact_table_find(T, p.cusip);
		if (!m || !m->ok)
			continue;
		liq_pretrade_cost(m, q, participation, &c);
		d = cost >= c.cost_bps ? c.cost_hi_bps - c.cost_bps
				       : c.cost_bps - c.cost_lo_bps;
		if (!(d > 0))
			continue;
		if (!as_of && np >= prune_at) {
			for (i = 0, j = 0; i < np; i++)
				if (pt[i].date > last - lookback)
					pt[j++] = pt[i];
			np = j;
			prune_at = 2 * np + 4096;
		}
		liq_grow(&pt, &cap, np + 1, sizeof *pt);
		pt[np].date = date;
		pt[np].ratio = (float)(fabs(cost - c.cost_bps) / d *
				       (m->width > 0 ? m->width : 1));
		np++;
	}
	liq_prints_close(r);
	out->to = as_of ? as_of : last;
	out->from = out->to - lookback;
	v = liq_xmalloc((np ? np : 1) * sizeof *v);
	for (i = 0; i < np; i++)
		if (pt[i].date > out->from && pt[i].date <= out->to)
			v[n++] = pt[i].ratio;
	free(pt);
	out->n = n;
	if (n < LIQ_RECAL_MIN) {
		free(v);
		return -1;
	}
	out->k = liq_quantile(v, (size_t)n, 0.9);
	free(v);
	for (i = 0; i < T->n; i++)
		T->m[i].width = out->k;
	return 0;
}
