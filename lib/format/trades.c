#include "format/trades.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"
#include "core/tsv.h"
#include "ref/cusip.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

const char *const liq_trades_columns[LIQ_TRADES_NCOL + 1] = {
	"cusip", "date", "time", "price", "qty", "side", NULL
};

struct liq_trades {
	char *const *files;
	int nfiles, cur;       /* cur: index of the open file */
	liq_tsv *r;
	int c_cusip, c_date, c_time, c_price, c_qty, c_side;
	int had_header;
	long count;
	/* the trade returned last and the one read ahead */
	liq_trade ahead;
	int have_ahead, eof;
	char cusip[64], ahead_cusip[64];
	int new_bond, ahead_new;
	/* sort check */
	int last_day, last_tsec;
	int started;
};

liq_trades *
liq_trades_open(char *const *files, int nfiles)
{
	liq_trades *in = liq_xcalloc(1, sizeof *in);

	in->files = files;
	in->nfiles = nfiles;
	in->cur = -1;
	return in;
}

void
liq_trades_close(liq_trades *in)
{
	if (!in)
		return;
	liq_tsv_close(in->r);
	free(in);
}

static int
need(liq_trades *in, int col)
{
	return liq_tsv_need(in->r, liq_trades_columns[col]);
}

/* Open the next input with a header; 0 when there is none left. */
static int
next_file(liq_trades *in)
{
	for (;;) {
		if (in->r) {
			liq_tsv_close(in->r);
			in->r = NULL;
		}
		if (++in->cur >= (in->nfiles > 0 ? in->nfiles : 1))
			return 0;
		in->r = liq_tsv_open(in->nfiles > 0 ? in->files[in->cur] : "-");
		if (!liq_tsv_header(in->r))
			continue; /* empty file: nothing at all */
		in->had_header = 1;
		in->c_cusip = need(in, LIQ_TRADES_CUSIP);
		in->c_date = need(in, LIQ_TRADES_DATE);
		in->c_time = need(in, LIQ_TRADES_TIME);
		in->c_price = need(in, LIQ_TRADES_PRICE);
		in->c_qty = need(in, LIQ_TRADES_QTY);
		in->c_side = need(in, LIQ_TRADES_SIDE);
		return 1;
	}
}

static _Noreturn void
unsorted(const liq_trades *in, const char *what)
{
	const liq_tsv *r = in->r;
	/* sort's key numbers are 1-based field positions of this file */
	liq_tsv_fail(r, "input is not sorted by cusip, date, time (%s); sort it "
		     "with: (head -n 1 FILE && tail -n +2 FILE | LC_ALL=C sort "
		     "-t \"$(printf '\\t')\" -k%d,%d -k%d,%d -k%d,%d)",
		     what, in->c_cusip + 1, in->c_cusip + 1, in->c_date + 1,
		     in->c_date + 1, in->c_time + 1, in->c_time + 1);
}

/* Read one row into in->ahead; 0 at the end of all input. */
static int
read_ahead(liq_trades *in)
{
	liq_tsv *r;
	const char *cusip, *side;
	liq_trade *t = &in->ahead;
	size_t n;
	char q[64];
	int cmp;

	for (;;) {
		if (!in->r && !next_file(in))
			return 0;
		if (liq_tsv_next(in->r))
			break;
		if (!next_file(in))
			return 0;
	}
	r = in->r;
	cusip = liq_tsv_cusip(r, in->c_cusip);
	n = strlen(cusip);
	t->day = liq_tsv_date(r, in->c_date);
	if (liq_time_parse(liq_tsv_field(r, in->c_time), &t->tsec) != 0)
		liq_tsv_fail(r, "column 'time': bad time '%s' (want HH:MM:SS)",
			     liq_quote(q, sizeof q, liq_tsv_field(r, in->c_time)));
	t->price = liq_tsv_num_req(r, in->c_price);
	if (!(t->price > 0))
		liq_tsv_fail(r, "column 'price': price must be positive, not '%s'",
			     liq_quote(q, sizeof q, liq_tsv_field(r, in->c_price)));
	t->qty = liq_tsv_num_req(r, in->c_qty);
	if (!(t->qty > 0))
		liq_tsv_fail(r, "column 'qty': quantity must be positive, not '%s'",
			     liq_quote(q, sizeof q, liq_tsv_field(r, in->c_qty)));
	side = liq_tsv_field(r, in->c_side);
	if (side[0] == 'B' && !side[1])
		t->sign = 1;
	else if (side[0] == 'S' && !side[1])
		t->sign = -1;
	else if (side[0] == 'D' && !side[1])
		t->sign = 0;
	else
		liq_tsv_fail(r, "column 'side': bad side '%s' (want B, S or D)",
			     liq_quote(q, sizeof q, side));
	t->bday = liq_bday_ceil(t->day);

	cmp = in->started ? strcmp(cusip, in->ahead_cusip) : 1;
	if (cmp < 0)
		unsorted(in, "cusip goes back");
	if (cmp == 0 && (t->day < in->last_day ||
			 (t->day == in->last_day && t->tsec < in->last_tsec)))
		unsorted(in, "date or time goes back within a cusip");
	in->ahead_new = cmp != 0;
	if (cmp != 0)
		memcpy(in->ahead_cusip, cusip, n + 1);
	in->last_day = t->day;
	in->last_tsec = t->tsec;
	in->started = 1;
	in->count++;
	return 1;
}

int
liq_trades_peek(liq_trades *in, const liq_trade **t)
{
	if (!in->have_ahead && !in->eof) {
		if (read_ahead(in))
			in->have_ahead = 1;
		else
			in->eof = 1;
	}
	if (!in->have_ahead)
		return 0;
	*t = &in->ahead;
	return 1;
}

int
liq_trades_next(liq_trades *in, liq_trade *t)
{
	const liq_trade *p;

	if (!liq_trades_peek(in, &p))
		return 0;
	*t = *p;
	in->new_bond = in->ahead_new;
	if (in->new_bond)
		strcpy(in->cusip, in->ahead_cusip);
	in->have_ahead = 0;
	return 1;
}

const char *
liq_trades_cusip(const liq_trades *in)
{
	return in->cusip;
}

int
liq_trades_new_bond(const liq_trades *in)
{
	return in->new_bond;
}

int
liq_trades_new_bond_ahead(const liq_trades *in)
{
	return in->have_ahead && in->ahead_new;
}

int
liq_trades_had_header(const liq_trades *in)
{
	return in->had_header;
}

long
liq_trades_count(const liq_trades *in)
{
	return in->count;
}

/* ---- writing ----------------------------------------------------------- */

const char *
liq_trades_side(int sign)
{
	return sign > 0 ? "B" : sign < 0 ? "S" : "D";
}

void
liq_trades_out_begin(liq_trades_out *o, FILE *fp)
{
	o->fp = fp;
	o->day = INT_MIN;
	liq_row_init(&o->w);
	liq_write_header(fp, liq_trades_columns);
}

/* The fields before the price. */
static void
row_start(liq_trades_out *o, const char *cusip, int day, int tsec)
{
	char t[9];

	liq_row_str(&o->w, cusip);
	if (day != o->day) {
		o->day = day;
		liq_date_fmt(o->d, day);
	}
	liq_row_strn(&o->w, o->d, 10);
	liq_time_fmt(t, tsec);
	liq_row_strn(&o->w, t, 8);
}

/* The fields after the price, and the end of the row. */
static void
row_end(liq_trades_out *o, double qty, int sign)
{
	liq_row_num(&o->w, qty);
	liq_row_strn(&o->w, liq_trades_side(sign), 1);
	liq_row_next(&o->w);
	if (o->w.len > 1 << 16)
		liq_row_flush(&o->w, o->fp);
}

void
liq_trades_out_row(liq_trades_out *o, const char *cusip, int day, int tsec,
		   double price, double qty, int sign)
{
	row_start(o, cusip, day, tsec);
	liq_row_num(&o->w, price);
	row_end(o, qty, sign);
}

void
liq_trades_out_milli(liq_trades_out *o, const char *cusip, int day, int tsec,
		     long price_milli, double qty, int sign)
{
	char pb[32];

	row_start(o, cusip, day, tsec);
	liq_row_strn(&o->w, pb, (size_t)liq_fmt_milli(pb, price_milli));
	row_end(o, qty, sign);
}

void
liq_trades_out_end(liq_trades_out *o)
{
	liq_row_flush(&o->w, o->fp);
	liq_row_free(&o->w);
}
