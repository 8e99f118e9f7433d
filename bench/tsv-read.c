/* tsv-read — the reader benchmark: one pass over a trades.tsv that parses
 * all six columns (cusip checked, date, time, price, qty, side) and sums
 * price * qty, through lib/tsv. Prints rows and the sum. */
#include "core/dates.h"
#include "core/diag.h"
#include "core/tsv.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	liq_tsv *r;
	int ic, id, it, ip, iq, is;
	long rows = 0;
	double sum = 0;

	liq_init(argv[0]);
	r = liq_tsv_open(argc > 1 ? argv[1] : "-");
	if (!liq_tsv_header(r))
		return 0;
	ic = liq_tsv_need(r, "cusip");
	id = liq_tsv_need(r, "date");
	it = liq_tsv_need(r, "time");
	ip = liq_tsv_need(r, "price");
	iq = liq_tsv_need(r, "qty");
	is = liq_tsv_need(r, "side");
	while (liq_tsv_next(r)) {
		int d, t;
		const char *s = liq_tsv_field(r, is);
		if (strlen(liq_tsv_field(r, ic)) != 9)
			liq_tsv_fail(r, "bad cusip");
		d = liq_tsv_date(r, id);
		if (liq_time_parse(liq_tsv_field(r, it), &t) != 0)
			liq_tsv_fail(r, "bad time");
		if (!(s[0] == 'B' || s[0] == 'S' || s[0] == 'D') || s[1])
			liq_tsv_fail(r, "bad side");
		sum += liq_tsv_num_req(r, ip) * liq_tsv_num_req(r, iq) + (d + t) * 0.0;
		rows++;
	}
	printf("%ld rows, sum %.6e\n", rows, sum);
	liq_tsv_close(r);
	return 0;
}
