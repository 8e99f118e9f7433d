#include "sim/trace-write.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/num.h"
#include "core/tsv.h"

#include <stdint.h>
#include <string.h>

const char *const liq_wrds_columns[] = {
	"cusip_id", "trd_exctn_dt", "trd_exctn_tm", "trd_rpt_dt", "trd_rpt_tm",
	"msg_seq_nb", "orig_msg_seq_nb", "trc_st", "asof_cd", "rptd_pr",
	"entrd_vol_qt", "rpt_side_cd", "cntra_mp_id", "wis_fl", "spcl_trd_fl",
	"days_to_sttl_ct", "sale_cndtn_cd", "lckd_in_ind", NULL
};

/* The columns of WRDS's standard TRACE table (trace_standard.trace) that
 * trace-clean reads, in that table's order. */
const char *const liq_standard_columns[] = {
	"cusip_id", "trd_exctn_dt", "trd_exctn_tm", "msg_seq_nb", "trc_st",
	"wis_fl", "cmsn_trd", "ascii_rptd_vol_tx", "rptd_pr", "asof_cd",
	"days_to_sttl_ct", "sale_cndtn_cd", "spcl_trd_fl", "side",
	"orig_msg_seq_nb", "rptg_party_type", "contra_party_type", NULL
};

/* The header row of FINRA's post-2/6/2012 Enhanced Historical files. */
const char *const liq_finra_columns[] = {
	"Record Count Num", "Reference Number", "Trade Status", "TRACE Symbol",
	"CUSIP", "Bloomberg Identifier", "Sub Product", "When Issued Indicator",
	"Remuneration", "Quantity", "Price", "Yield Direction", "Yield",
	"As Of Indicator", "Execution Date", "Execution Time",
	"Trade Report Date", "Trade Report Time", "Settlement Date",
	"Trade Modifier 3", "Trade Modifier 4", "Buy/Sell Indicator",
	"Buyer Commission", "Buyer Capacity", "Seller Commission",
	"Seller Capacity", "Reporting Party Type", "Contra Party Indicator",
	"Locked In Indicator", "ATS Indicator", "Special Price Indicator",
	"Trading Market Indicator", "Dissemination Flag",
	"Prior Trade Report Date", "Prior Reference Number",
	"First Trade Control Date", "First Trade Control Number", NULL
};

/* The titles of the CSV download of a bond's Trade History on FINRA's
 * public bond pages. */
const char *const liq_public_columns[] = {
	"Date", "Time", "Settlement", "Status", "Quantity", "Price", "Yield",
	"Remuneration", "ATS", "Modifier", "2nd Modifier", "Special", "As-Of",
	"Side", "Reporting Party Type", "Contra Party Type", "CUSIP", NULL
};

/* 2016-07-18, from which TRACE identifies ATSs (contra T) */
enum { ATS_DAY = 17000 };

char
liq_sim_contra(const liq_sim_report *r)
{
	/* the trade's terms, hashed (splitmix64's finalizer) */
	uint64_t h = (uint64_t)(unsigned)r->bond * 0x9e3779b97f4a7c15ULL ^
		     (uint64_t)(unsigned)r->exec_day << 20 ^
		     (uint64_t)(unsigned)r->exec_tsec ^
		     (uint64_t)r->qty * 0xbf58476d1ce4e5b9ULL ^
		     (uint64_t)r->price_milli * 0x94d049bb133111ebULL;
	unsigned u;

	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	u = (unsigned)(h % 1000);
	if (r->contra == 'C')
		return u < 20 ? 'A' : 'C';
	return r->exec_day >= ATS_DAY && u < 30 ? 'T' : r->contra;
}

long
liq_sim_size_cap(int rating)
{
	return rating <= 10 ? 5000000 : 1000000;
}

static void
header(FILE *fp, const char *const *c, char sep)
{
	int i;

	for (i = 0; c[i]; i++) {
		if (i)
			fputc(sep, fp);
		fputs(c[i], fp);
	}
	fputc('\n', fp);
	fflush(fp);
}

void
liq_wrds_header(FILE *fp)
{
	header(fp, liq_wrds_columns, '\t');
}

void
liq_standard_header(FILE *fp)
{
	header(fp, liq_standard_columns, '\t');
}

void
liq_finra_header(FILE *fp)
{
	header(fp, liq_finra_columns, '|');
}

void
liq_public_header(FILE *fp)
{
	int i;

	for (i = 0; liq_public_columns[i]; i++) {
		if (i)
			fputc(',', fp);
		fputs(liq_public_columns[i], fp);
	}
	fputs("\r\n", fp);
	fflush(fp);
}

static char *
put_s(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *
put_date(char *p, int day, int compact)
{
	/* reports of a file share a few dates: remember the last two */
	static int cday[2] = { -1, -1 }, next;
	static char cstr[2][11];
	const char *d;

	if (cday[0] == day)
		d = cstr[0];
	else if (cday[1] == day)
		d = cstr[1];
	else {
		cday[next] = day;
		liq_date_fmt(cstr[next], day);
		d = cstr[next];
		next ^= 1;
	}
	if (!compact)
		return put_s(p, d);
	memcpy(p, d, 4);
	memcpy(p + 4, d + 5, 2);
	memcpy(p + 6, d + 8, 2);
	return p + 8;
}

static char *
put_time(char *p, int s, int compact)
{
	p = liq_put_uint(p, (unsigned long)(s / 3600), 2);
	if (!compact)
		*p++ = ':';
	p = liq_put_uint(p, (unsigned long)(s / 60 % 60), 2);
	if (!compact)
		*p++ = ':';
	return liq_put_uint(p, (unsigned long)(s % 60), 2);
}

void
liq_wrds_write(FILE *fp, const liq_sim *s, const liq_sim_report *r)
{
	char buf[256], *p = buf;

	p = put_s(p, liq_sim_bond_at(s, r->bond)->cusip);
	*p++ = '\t';
	p = put_date(p, r->exec_day, 0);
	*p++ = '\t';
	p = put_time(p, r->exec_tsec, 0);
	*p++ = '\t';
	p = put_date(p, r->rpt_day, 0);
	*p++ = '\t';
	p = put_time(p, r->rpt_tsec, 0);
	*p++ = '\t';
	p = liq_put_uint(p, (unsigned long)r->msg, 7);
	*p++ = '\t';
	if (r->orig_msg)
		p = liq_put_uint(p, (unsigned long)r->orig_msg, 7);
	*p++ = '\t';
	*p++ = r->trc_st;
	*p++ = '\t';
	if (r->asof)
		*p++ = r->asof;
	*p++ = '\t';
	p += liq_fmt_milli(p, r->price_milli);
	*p++ = '\t';
	p = liq_put_uint(p, (unsigned long)r->qty, 1);
	*p++ = '\t';
	*p++ = r->side;
	*p++ = '\t';
	*p++ = liq_sim_contra(r);
	*p++ = '\t';
	*p++ = r->wis;
	*p++ = '\t';
	if (r->spcl)
		*p++ = r->spcl;
	*p++ = '\t';
	p = liq_put_uint(p, (unsigned long)r->sttl, 3);
	*p++ = '\t'; /* sale_cndtn_cd */
	*p++ = '\t'; /* lckd_in_ind */
	*p++ = '\n';
	fwrite(buf, 1, (size_t)(p - buf), fp);
}

long
liq_standard_cap(const liq_sim *s, int bond)
{
	return liq_sim_size_cap(liq_sim_bond_at(s, bond)->rating);
}

void
liq_standard_write(FILE *fp, const liq_sim *s, const liq_sim_report *r)
{
	char buf[256], *p = buf;
	long cap = liq_standard_cap(s, r->bond);

	p = put_s(p, liq_sim_bond_at(s, r->bond)->cusip);
	*p++ = '\t';
	p = put_date(p, r->exec_day, 0);
	*p++ = '\t';
	p = put_time(p, r->exec_tsec, 0);
	*p++ = '\t';
	p = liq_put_uint(p, (unsigned long)r->msg, 7);
	*p++ = '\t';
	*p++ = r->trc_st;
	*p++ = '\t';
	*p++ = r->wis;
	p = put_s(p, "\tN\t"); /* cmsn_trd */
	if (r->qty > cap)
		p = put_s(p, cap == 5000000 ? "5MM+" : "1MM+");
	else
		p = liq_put_uint(p, (unsigned long)r->qty, 1);
	*p++ = '\t';
	p += liq_fmt_milli(p, r->price_milli);
	*p++ = '\t';
	if (r->asof)
		*p++ = r->asof;
	*p++ = '\t';
	p = liq_put_uint(p, (unsigned long)r->sttl, 3);
	p = put_s(p, "\t@\t"); /* sale_cndtn_cd: regular */
	if (r->spcl)
		*p++ = r->spcl;
	*p++ = '\t';
	*p++ = r->side;
	*p++ = '\t';
	if (r->orig_msg)
		p = liq_put_uint(p, (unsigned long)r->orig_msg, 7);
	p = put_s(p, "\tD\t"); /* rptg_party_type */
	*p++ = r->contra;
	*p++ = '\n';
	fwrite(buf, 1, (size_t)(p - buf), fp);
}

void
liq_finra_write(FILE *fp, const liq_sim *s, const liq_sim_report *r,
		long recno)
{
	const liq_sim_bond *b = liq_sim_bond_at(s, r->bond);
	char buf[512], *p = buf;
	int linked = r->link_ref >= 0;
	int pday = linked ? liq_sim_link_day(s, r->link_ref) : 0;
	long pmsg = r->trc_st == 'X' || r->trc_st == 'C' ? r->msg : r->orig_msg;
	int seller = r->side == 'S';

	p = liq_put_uint(p, (unsigned long)recno, 1);
	*p++ = '|';
	p = liq_put_uint(p, (unsigned long)r->msg, 7);
	*p++ = '|';
	*p++ = r->trc_st;
	*p++ = '|';
	/* TRACE Symbol: issuer letters and a number derived from the CUSIP */
	memcpy(p, b->issuer, 4);
	p += 4;
	p = liq_put_uint(p, (unsigned long)(r->bond * 7919UL + 1000000UL) % 10000000UL, 7);
	*p++ = '|';
	p = put_s(p, b->cusip);
	*p++ = '|';
	p = put_s(p, "BBG00");
	memcpy(p, b->cusip, 7);
	p += 7;
	*p++ = '|';
	p = put_s(p, "CORP|");
	*p++ = r->wis;
	*p++ = '|';
	*p++ = '|'; /* Remuneration */
	p = liq_put_uint(p, (unsigned long)r->qty, 1);
	p = put_s(p, ".00|");
	p = liq_put_uint(p, (unsigned long)(r->price_milli / 1000), 1);
	*p++ = '.';
	p = liq_put_uint(p, (unsigned long)(r->price_milli % 1000), 3);
	p = put_s(p, "000|||"); /* Yield Direction, Yield */
	if (r->asof)
		*p++ = r->asof;
	*p++ = '|';
	p = put_date(p, r->exec_day, 1);
	*p++ = '|';
	p = put_time(p, r->exec_tsec, 1);
	*p++ = '|';
	p = put_date(p, r->rpt_day, 1);
	*p++ = '|';
	p = put_time(p, r->rpt_tsec, 1);
	*p++ = '|';
	p = put_date(p, liq_settle_date(r->exec_day, r->sttl), 1);
	*p++ = '|';
	if (r->asof == 'A')
		*p++ = 'Z'; /* Trade Modifier 3: reported late */
	*p++ = '|';
	*p++ = '|'; /* Trade Modifier 4 */
	*p++ = r->side;
	p = put_s(p, "|0.00|");
	if (!seller)
		*p++ = 'P';
	p = put_s(p, "|0.00|");
	if (seller)
		*p++ = 'P';
	p = put_s(p, "|D|");
	*p++ = liq_sim_contra(r);
	p = put_s(p, "|||"); /* Locked In, ATS */
	if (r->spcl)
		*p++ = r->spcl;
	p = put_s(p, "|S1|");
	/* only the inter-dealer sell is disseminated */
	*p++ = r->contra == 'D' && r->side == 'B' ? 'N' : 'Y';
	*p++ = '|';
	if (linked) {
		p = put_date(p, pday, 1);
		*p++ = '|';
		p = liq_put_uint(p, (unsigned long)pmsg, 7);
		*p++ = '|';
		p = put_date(p, pday, 1);
		*p++ = '|';
		p = liq_put_uint(p, (unsigned long)pmsg, 7);
	} else {
		*p++ = '|';
		*p++ = '|';
		p = put_date(p, r->rpt_day, 1);
		*p++ = '|';
		p = liq_put_uint(p, (unsigned long)r->msg, 7);
	}
	*p++ = '\n';
	fwrite(buf, 1, (size_t)(p - buf), fp);
}

/* M/D/YYYY */
static char *
put_mdy(char *p, int day)
{
	int y, m, d;

	liq_date_to_ymd(day, &y, &m, &d);
	p = liq_put_uint(p, (unsigned long)m, 1);
	*p++ = '/';
	p = liq_put_uint(p, (unsigned long)d, 1);
	*p++ = '/';
	return liq_put_uint(p, (unsigned long)y, 4);
}

int
liq_public_write(FILE *fp, const liq_sim *s, const liq_sim_report *r)
{
	const liq_sim_bond *b = liq_sim_bond_at(s, r->bond);
	long cap = liq_sim_size_cap(b->rating);
	char buf[256], *p = buf;

	if ((r->contra == 'D' && r->side == 'B') || r->wis == 'Y')
		return 0;
	p = put_mdy(p, r->exec_day);
	*p++ = ',';
	p = put_time(p, r->exec_tsec, 0);
	*p++ = ',';
	p = put_mdy(p, liq_settle_date(r->exec_day, r->sttl));
	*p++ = ',';
	p = put_s(p, r->trc_st == 'T' || r->trc_st == 'R' ? "T" : "Cancel");
	*p++ = ',';
	if (r->qty > cap)
		p = put_s(p, cap == 5000000 ? "5MM+" : "1MM+");
	else
		p = liq_put_uint(p, (unsigned long)r->qty, 1);
	*p++ = ',';
	p += liq_fmt_milli(p, r->price_milli);
	p = put_s(p, ",-,-,-,-,-,"); /* Yield .. 2nd Modifier */
	*p++ = r->spcl ? 'Y' : '-';
	*p++ = ',';
	*p++ = r->asof == 'A' && (r->trc_st == 'T' || r->trc_st == 'R') ? 'A'
									: '-';
	*p++ = ',';
	*p++ = r->side;
	p = put_s(p, ",D,");
	*p++ = liq_sim_contra(r);
	*p++ = ',';
	p = put_s(p, b->cusip);
	p = put_s(p, "\r\n");
	fwrite(buf, 1, (size_t)(p - buf), fp);
	return 1;
}

void
liq_finra_trailer(FILE *fp, int day, long count)
{
	char buf[40], *p = buf;

	p = put_date(p, day, 1);
	p = put_s(p, "235959");
	p = liq_put_uint(p, (unsigned long)count, 10);
	*p++ = '\n';
	fwrite(buf, 1, (size_t)(p - buf), fp);
}

/* ---- the pre-2012 vocabulary ------------------------------------------ */

int
liq_old_vocab_end(void)
{
	return liq_date_from_ymd(2012, 2, 6);
}

void
liq_old_vocab_init(liq_old_vocab *v, int standard)
{
	memset(v, 0, sizeof *v);
	v->standard = standard;
	v->day = -1;
}

/* A number for a record the simulator numbers not (a C, a reversal of an
 * X or C): 9000001, 9000002, ... within its report date. */
static long
own_number(liq_old_vocab *v, int day)
{
	if (day != v->day) {
		v->day = day;
		v->next = 9000001;
	}
	return v->next++;
}

/* Record r (an X or C of an earlier day's report) as an as-of reversal. */
static void
reversal(liq_old_vocab *v, const liq_sim_report *r, liq_sim_report *out)
{
	out->trc_st = 'T';
	out->asof = 'R';
	out->orig_msg = 0;
	out->msg = own_number(v, r->rpt_day);
}

int
liq_old_vocab_map(liq_old_vocab *v, const liq_sim *s,
		  const liq_sim_report *r, liq_sim_report *out)
{
	int same_day;

	*out = *r;
	if (!v->standard && r->rpt_day >= liq_old_vocab_end())
		return 1;
	if (v->standard && r->contra == 'D' && r->side == 'B') {
		/* the standard table has the seller's side only: the buyer's
		 * report, the wrong one a C removes, and that C go */
		v->reports--;
		if (r->trc_st == 'C' || (r->trc_st == 'T' && r->link_self >= 0))
			v->corrected--;
		else
			v->dealer_buy--;
		return 0;
	}
	same_day = r->link_ref >= 0 &&
		   liq_sim_link_day(s, r->link_ref) == r->rpt_day;
	switch (r->trc_st) {
	case 'X':
		v->cancelled -= 2;
		if (same_day) {
			out->trc_st = 'C';
			out->orig_msg = r->msg;
			out->msg = own_number(v, r->rpt_day);
			v->pre_cancelled += 2;
		} else {
			reversal(v, r, out);
			v->pre_reversed += 2;
		}
		break;
	case 'C':
		v->corrected -= 2;
		if (same_day) {
			/* the W that follows replaces the report */
			v->reports--;
			v->pre_corrected++;
			return 0;
		}
		reversal(v, r, out);
		v->pre_reversed += 2;
		break;
	case 'R':
		out->trc_st = same_day ? 'W' : 'T';
		break;
	case 'Y':
		out->trc_st = 'T';
		out->asof = 'R';
		out->orig_msg = 0;
		v->reversed -= 2;
		v->pre_reversed += 2;
		break;
	default:
		break;
	}
	if (v->standard) {
		if (out->contra == 'D' && out->trc_st != 'C' && out->asof != 'R')
			v->dealer_single++;
		if (out->qty > liq_standard_cap(s, out->bond))
			v->capped++;
	}
	return 1;
}

void
liq_old_vocab_counts(const liq_old_vocab *v, const liq_sim *s, FILE *fp)
{
	static const char *const H[] = { "kind", "count", NULL };
	const liq_sim_counts *c = liq_sim_get_counts(s);
	const struct {
		const char *k;
		long v;
		int shown;
	} rows[] = {
		{ "reports", c->reports + v->reports, 1 },
		{ "capped_size", v->capped, v->standard },
		{ "cancelled", c->cancelled + v->cancelled, 1 },
		{ "corrected", c->corrected + v->corrected, 1 },
		{ "reversed", c->reversed + v->reversed, 1 },
		{ "pre_cancelled", v->pre_cancelled, 1 },
		{ "pre_corrected", v->pre_corrected, 1 },
		{ "pre_reversed", v->pre_reversed, 1 },
		{ "dealer_buy", c->dealer_buy + v->dealer_buy, 1 },
		{ "dealer_single", v->dealer_single, v->standard },
		{ "when_issued", c->when_issued, 1 },
		{ "special_price", c->special_price, 1 },
		{ "settlement", c->settlement, 1 },
		{ "price_error", c->price_error, 1 },
		{ "clean", c->clean, 1 },
		{ "as_of", c->as_of, 1 },
		{ "jumps", c->jumps, 1 },
	};
	size_t i;

	liq_write_header(fp, H);
	for (i = 0; i < sizeof rows / sizeof *rows; i++)
		if (rows[i].shown)
			fprintf(fp, "%s\t%ld\n", rows[i].k, rows[i].v);
}
