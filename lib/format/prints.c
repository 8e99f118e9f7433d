#include "format/prints.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/text.h"
#include "ref/cusip.h"

#include <math.h>
#include <stdlib.h>

/* the columns' places in liq_prints_cols */
enum { P_CUSIP, P_DATE, P_TIME, P_QTY, P_SIDE, P_PRICE, P_REF, P_REF_SD, P_COST };

const liq_prints_col liq_prints_cols[] = {
	{ "cusip", "the bond" },
	{ "date", "the trade's date" },
	{ "time", "its time, HH:MM:SS" },
	{ "qty", "par traded" },
	{ "side", "B (customer buy) or S (customer sell)" },
	{ "price", "the trade's price" },
	{ "ref_price", "the arrival reference price (NA before the first usable print)" },
	{ "ref_sd_bps", "its standard error, bps" },
	{ "cost_bps", "realized cost, bps (NA without a reference)" },
	{ NULL, NULL }
};

void
liq_prints_header(FILE *fp)
{
	const liq_prints_col *c;

	for (c = liq_prints_cols; c->name; c++) {
		if (c != liq_prints_cols)
			fputc('\t', fp);
		fputs(c->name, fp);
	}
	fputc('\n', fp);
	fflush(fp);
}

void
liq_prints_put(liq_row *w, const liq_print *p)
{
	char tm[9];

	liq_row_str(w, p->cusip);
	liq_row_date(w, p->date);
	liq_time_fmt(tm, p->tsec);
	liq_row_str(w, tm);
	liq_row_num(w, p->qty);
	liq_row_str(w, p->sign > 0 ? "B" : "S");
	liq_row_num(w, p->price);
	liq_row_num(w, p->ref_price);
	liq_row_num(w, p->ref_sd_bps);
	liq_row_num(w, p->cost_bps);
}

liq_prints_in *
liq_prints_open(const char *path)
{
	liq_prints_in *in = liq_xcalloc(1, sizeof *in);

	in->r = liq_tsv_open(path);
	if (!liq_tsv_header(in->r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want impact-fit's "
			"--prints-out)", path);
	in->c_cusip = liq_tsv_need(in->r, liq_prints_cols[P_CUSIP].name);
	in->c_date = liq_tsv_need(in->r, liq_prints_cols[P_DATE].name);
	in->c_qty = liq_tsv_need(in->r, liq_prints_cols[P_QTY].name);
	in->c_cost = liq_tsv_need(in->r, liq_prints_cols[P_COST].name);
	return in;
}

int
liq_prints_next(liq_prints_in *in, liq_print *p)
{
	if (!liq_tsv_next(in->r))
		return 0;
	p->cost_bps = liq_tsv_num(in->r, in->c_cost);
	p->date = liq_tsv_date(in->r, in->c_date);
	p->cusip = liq_tsv_cusip(in->r, in->c_cusip);
	p->tsec = 0;
	p->sign = 0;
	p->qty = p->price = p->ref_price = p->ref_sd_bps = NAN;
	return 1;
}

double
liq_prints_qty(const liq_prints_in *in)
{
	double q = liq_tsv_num_req(in->r, in->c_qty);
	char v[64];

	if (!(q > 0))
		liq_tsv_fail(in->r, "column 'qty': bad value '%s' (want a "
			     "positive par amount)",
			     liq_quote(v, sizeof v, liq_tsv_field(in->r, in->c_qty)));
	return q;
}

void
liq_prints_close(liq_prints_in *in)
{
	if (!in)
		return;
	liq_tsv_close(in->r);
	free(in);
}
