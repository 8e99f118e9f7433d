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
	"cusip", "date", "time", "price", "qty", "side", "capped", "riskless",
	NULL
};

struct liq_trades {
	char *const *files;
	int nfiles, cur;       /* cur: index of the open file */
	liq_tsv *r;
	int c_cusip, c_date, c_time, c_price, c_qty, c_side;
	int c_capped, c_riskless;  /* -1: not in this file */
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
		in->c_capped = liq_tsv_col(in->r,
					   liq_trades_columns[LIQ_TRADES_CAPPED]);
		in->c_riskless = liq_tsv_col(in->r,
					     liq_trades_columns[LIQ_TRADES_RISKLESS]);
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
	t->capped = 0;
	if (in->c_capped >= 0) {
		const char *s = liq_tsv_field(r, in->c_capped);
		if ((s[0] != '0' && s[0] != '1') || s[1])
			liq_tsv_fail(r, "column 'capped': bad value '%s' (want 0 "
				     "or 1)", liq_quote(q, sizeof q, s));
		t->capped = (signed char)(s[0] - '0');
		if (t->capped && t->qty != 1e6 && t->qty != 5e6)
			liq_tsv_fail(r, "column 'qty': a capped size must be the "
				     "cap, 1000000 or 5000000, not '%s'",
				     liq_quote(q, sizeof q, liq_tsv_field(r, in->c_qty)));
	}
	t->riskless = -1;
	if (in->c_riskless >= 0) {
		const char *s = liq_tsv_field(r, in->c_riskless);
		if (s[0] < '0' || s[0] > '2' || s[1])
			liq_tsv_fail(r, "column 'riskless': bad value '%s' (want "
				     "0, 1 or 2)", liq_quote(q, sizeof q, s));
		t->riskless = (signed char)(s[0] - '0');
		if ((t->riskless == 1 && t->sign == 0) ||
		    (t->riskless == 2 && t->sign != 0))
			liq_tsv_fail(r, "column 'riskless': '%s' on a %s print "
				     "(1 marks a customer print, B or S; 2 a "
				     "dealer print, D)", s,
				     t->sign ? "customer" : "dealer");
	}
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
row_end(liq_trades_out *o, const liq_trade *t)
{
	liq_row_num(&o->w, t->qty);
	liq_row_strn(&o->w, liq_trades_side(t->sign), 1);
	liq_row_strn(&o->w, t->capped ? "1" : "0", 1);
	liq_row_strn(&o->w, t->riskless == 1 ? "1"
			    : t->riskless == 2 ? "2" : "0", 1);
	liq_row_next(&o->w);
	if (o->w.len > 1 << 16)
		liq_row_flush(&o->w, o->fp);
}

void
liq_trades_out_row(liq_trades_out *o, const char *cusip, const liq_trade *t,
		   double price)
{
	row_start(o, cusip, t->day, t->tsec);
	liq_row_num(&o->w, price);
	row_end(o, t);
}

void
liq_trades_out_milli(liq_trades_out *o, const char *cusip,
		     const liq_trade *t, long price_milli)
{
	char pb[32];

	row_start(o, cusip, t->day, t->tsec);
	liq_row_strn(&o->w, pb, (size_t)liq_fmt_milli(pb, price_milli));
	row_end(o, t);
}

void
liq_trades_out_end(liq_trades_out *o)
{
	liq_row_flush(&o->w, o->fp);
	liq_row_free(&o->w);
}

/* ---- riskless-principal pairs ------------------------------------------ */

static long
clock_of(const liq_trade *t)
{
	return (long)t->day * 86400 + t->tsec;
}

size_t
liq_trades_riskless(liq_trade *t, size_t n)
{
	return liq_trades_riskless_mates(t, n, NULL);
}

size_t
liq_trades_riskless_mates(liq_trade *t, size_t n, size_t *mate)
{
	size_t i, j, lo = 0, pairs = 0;

	for (i = 0; i < n; i++) {
		t[i].riskless = 0;
		if (mate)
			mate[i] = n;
	}
	for (i = 0; i < n; i++) {
		long ts, best_d = LIQ_RISKLESS_S + 1;
		size_t best = n;
		if (t[i].sign == 0 || t[i].capped)
			continue;
		ts = clock_of(&t[i]);
		/* rows before lo are more than the window before every
		 * later customer print */
		while (lo < n && clock_of(&t[lo]) < ts - LIQ_RISKLESS_S)
			lo++;
		for (j = lo; j < n; j++) {
			long d = clock_of(&t[j]) - ts;
			if (d > LIQ_RISKLESS_S)
				break;
			if (t[j].sign != 0 || t[j].capped || t[j].riskless ||
			    t[j].qty != t[i].qty)
				continue;
			if (d < 0)
				d = -d;
			if (d < best_d) {   /* ties: the earlier row stays */
				best_d = d;
				best = j;
			}
		}
		if (best < n) {
			t[i].riskless = 1;
			t[best].riskless = 2;
			if (mate) {
				mate[i] = best;
				mate[best] = i;
			}
			pairs++;
		}
	}
	return pairs;
}
