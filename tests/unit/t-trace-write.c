/* Unit tests of lib/sim/trace-write: simulated reports written in the
 * WRDS and FINRA layouts and read back with clean/traceread, field by
 * field; the exact text of a line of each layout; FINRA's trailer, its
 * record count checked by the reader (a wrong one exits 1, a missing one
 * is a warning). */
#include "clean/traceread.h"
#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "sim/sim.h"
#include "sim/trace-write.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define D(y, m, d) liq_date_from_ymd(y, m, d)

static liq_sim *
small_sim(int nbonds, int ey, int em, int ed)
{
	liq_sim_opts o;
	const char *err = NULL;
	liq_sim *s;

	liq_sim_defaults(&o);
	o.seed = 7;
	o.nbonds = nbonds;
	o.start = D(2024, 1, 2);
	o.end = D(ey, em, ed);
	/* more of the planted records, so every status shows up */
	o.cancel_rate = 0.05;
	o.correct_rate = 0.05;
	o.reverse_rate = 0.10;
	o.special_rate = 0.02;
	o.asof_rate = 0.05;
	s = liq_sim_new(&o, &err);
	if (!s) {
		printf("# liq_sim_new: %s\n", err ? err : "?");
		abort();
	}
	return s;
}

/* Two hand-made reports: a customer sale, and a late special-price
 * when-issued inter-dealer buy. */
static void
hand_reports(liq_sim_report *r)
{
	memset(r, 0, 2 * sizeof *r);
	r[0].bond = 0;
	r[0].exec_day = r[0].rpt_day = D(2024, 1, 3);
	r[0].exec_tsec = 9 * 3600 + 30 * 60 + 5;
	r[0].rpt_tsec = 9 * 3600 + 31 * 60;
	r[0].msg = 12;
	r[0].link_self = r[0].link_ref = -1;
	r[0].trc_st = 'T';
	r[0].side = 'S';
	r[0].contra = 'C';
	r[0].wis = 'N';
	r[0].sttl = 2;
	r[0].price_milli = 101250;
	r[0].qty = 250000;

	r[1].bond = 1;
	r[1].exec_day = D(2024, 1, 5);      /* Friday */
	r[1].rpt_day = D(2024, 1, 8);       /* Monday */
	r[1].exec_tsec = 15 * 3600 + 59 * 60 + 59;
	r[1].rpt_tsec = 8 * 3600;
	r[1].msg = 3;
	r[1].link_self = r[1].link_ref = -1;
	r[1].trc_st = 'T';
	r[1].asof = 'A';
	r[1].side = 'B';
	r[1].contra = 'D';
	r[1].wis = 'Y';
	r[1].spcl = 'Y';
	r[1].sttl = 1;                      /* Friday -> Monday */
	r[1].price_milli = 99005;
	r[1].qty = 5000000;
}

static const char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t k;

	if (!f)
		return "";
	k = fread(buf, 1, sizeof buf - 1, f);
	buf[k] = '\0';
	fclose(f);
	return buf;
}

static void
t_wrds_lines(void)
{
	liq_sim *s = small_sim(2, 2024, 1, 31);
	liq_sim_report r[2];
	char path[64], want[1024];
	const char *c0 = liq_sim_bond_at(s, 0)->cusip, *c1 = liq_sim_bond_at(s, 1)->cusip;
	liq_trace_in *in;
	liq_trace_rec x;
	FILE *f;

	hand_reports(r);
	strcpy(path, tap_tmpfile(""));
	f = fopen(path, "w");
	liq_wrds_header(f);
	liq_wrds_write(f, s, &r[0]);
	liq_wrds_write(f, s, &r[1]);
	fclose(f);
	snprintf(want, sizeof want,
		 "cusip_id\ttrd_exctn_dt\ttrd_exctn_tm\ttrd_rpt_dt\ttrd_rpt_tm\t"
		 "msg_seq_nb\torig_msg_seq_nb\ttrc_st\tasof_cd\trptd_pr\t"
		 "entrd_vol_qt\trpt_side_cd\tcntra_mp_id\twis_fl\tspcl_trd_fl\t"
		 "days_to_sttl_ct\tsale_cndtn_cd\tlckd_in_ind\n"
		 "%s\t2024-01-03\t09:30:05\t2024-01-03\t09:31:00\t0000012\t\tT\t\t"
		 "101.25\t250000\tS\tC\tN\t\t002\t\t\n"
		 "%s\t2024-01-05\t15:59:59\t2024-01-08\t08:00:00\t0000003\t\tT\tA\t"
		 "99.005\t5000000\tB\tD\tY\tY\t001\t\t\n", c0, c1);
	check_str(slurp(path), want);

	in = liq_trace_open(path, LIQ_FMT_AUTO, LIQ_NEED_WIS | LIQ_NEED_SPCL |
						     LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_WRDS);
	check_int(liq_trace_next(in, &x), 1);
	check_str(x.cusip, c0);
	check_int(x.exec_day, D(2024, 1, 3));
	check_int(x.exec_tsec, 9 * 3600 + 30 * 60 + 5);
	check_int(x.rpt_tsec, 9 * 3600 + 31 * 60);
	check_int(x.msg, 12);
	check_int(x.orig, -1);
	check_int(x.st, 'T');
	check_int(x.asof, 0);
	check_int(x.side, 'S');
	check_int(x.contra, 'C');
	check_int(x.flags, 0);
	check_int(x.sttl, 2);
	check_near(x.price, 101.25, 0);
	check_near(x.qty, 250000, 0);
	check_int(liq_trace_next(in, &x), 1);
	check_str(x.cusip, c1);
	check_int(x.rpt_day, D(2024, 1, 8));
	check_int(x.asof, 'A');
	check_int(x.side, 'B');
	check_int(x.contra, 'D');
	check_int(x.flags, LIQ_REC_WIS | LIQ_REC_SPCL);
	check_int(x.sttl, 1);
	check_near(x.price, 99.005, 0);
	check_int(liq_trace_next(in, &x), 0);
	liq_trace_close(in);
	unlink(path);
	liq_sim_free(s);
}

/* The public CSV: a customer sale of 250000, a when-issued inter-dealer
 * buy (neither side written: a buy, and when issued), its dealer sale
 * when not when issued and above the cap (5MM+ or 1MM+ by the bond's
 * rating), and a cancel of the first report (Cancel, its terms) */
static void
t_public_lines(void)
{
	liq_sim *s = small_sim(2, 2024, 1, 31);
	liq_sim_report r[4];
	char path[64], want[1024];
	const liq_sim_bond *b0 = liq_sim_bond_at(s, 0), *b1 = liq_sim_bond_at(s, 1);
	long cap1 = liq_sim_size_cap(b1->rating);
	liq_trace_in *in;
	liq_trace_rec x;
	FILE *f;

	hand_reports(r);
	r[2] = r[1];
	r[2].side = 'S';
	r[2].wis = 'N';
	r[2].qty = cap1 + 1000;
	r[3] = r[0];
	r[3].trc_st = 'X';
	strcpy(path, tap_tmpfile(""));
	f = fopen(path, "w");
	liq_public_header(f);
	check_int(liq_public_write(f, s, &r[0]), 1);
	check_int(liq_public_write(f, s, &r[1]), 0);
	check_int(liq_public_write(f, s, &r[2]), 1);
	check_int(liq_public_write(f, s, &r[3]), 1);
	fclose(f);
	snprintf(want, sizeof want,
		 "Date,Time,Settlement,Status,Quantity,Price,Yield,Remuneration,"
		 "ATS,Modifier,2nd Modifier,Special,As-Of,Side,"
		 "Reporting Party Type,Contra Party Type,CUSIP\r\n"
		 "1/3/2024,09:30:05,1/5/2024,T,250000,101.25,-,-,-,-,-,-,-,S,D,%c,%s\r\n"
		 "1/5/2024,15:59:59,1/8/2024,T,%s,99.005,-,-,-,-,-,Y,A,S,D,%c,%s\r\n"
		 "1/3/2024,09:30:05,1/5/2024,Cancel,250000,101.25,-,-,-,-,-,-,-,S,D,%c,%s\r\n",
		 liq_sim_contra(&r[0]), b0->cusip,
		 cap1 == 5000000 ? "5MM+" : "1MM+", liq_sim_contra(&r[2]),
		 b1->cusip, liq_sim_contra(&r[3]), b0->cusip);
	check_str(slurp(path), want);

	in = liq_trace_open(path, LIQ_FMT_AUTO, LIQ_NEED_SPCL | LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_PUBLIC);
	check_int(liq_trace_next(in, &x), 1);
	check_int(x.st, 'T');
	check_int(x.sttl, 2);
	check_near(x.qty, 250000, 0);
	check_int(liq_trace_next(in, &x), 1);
	check_int(x.flags, LIQ_REC_CAPPED | LIQ_REC_SPCL);
	check_near(x.qty, (double)cap1, 0);
	check_int(x.contra, 'D');
	check_int(liq_trace_next(in, &x), 1);
	check_int(x.st, 'X');
	check_int(liq_trace_next(in, &x), 0);
	liq_trace_close(in);
	unlink(path);
	liq_sim_free(s);
}

/* Caps by rating; A and T contra codes: rates, T only from 2016-07-18,
 * and the same code for the same terms (a cancel restates its report's) */
static void
t_contra_cap(void)
{
	liq_sim_report r;
	int i, na = 0, nt = 0, nt_early = 0, same = 1;

	check_int((int)liq_sim_size_cap(10), 5000000);
	check_int((int)liq_sim_size_cap(11), 1000000);
	memset(&r, 0, sizeof r);
	r.exec_tsec = 36000;
	r.price_milli = 100000;
	for (i = 0; i < 20000; i++) {
		char a, b;
		r.bond = i % 97;
		r.qty = 1000 * (i + 1);
		r.exec_day = D(2016, 7, 18) + i % 50;
		r.contra = 'C';
		r.trc_st = 'T';
		a = liq_sim_contra(&r);
		na += a == 'A';
		r.trc_st = 'X';
		b = liq_sim_contra(&r);
		same &= a == b && (a == 'A' || a == 'C');
		r.contra = 'D';
		nt += liq_sim_contra(&r) == 'T';
		r.exec_day = D(2016, 7, 17);
		nt_early += liq_sim_contra(&r) == 'T';
	}
	check(same);
	check(na > 300 && na < 500);    /* 2% of 20000 = 400 */
	check(nt > 480 && nt < 720);    /* 3%: 600 */
	check_int(nt_early, 0);
	check_int(D(2016, 7, 18), 17000);
}

static void
t_finra_lines(void)
{
	liq_sim *s = small_sim(2, 2024, 1, 31);
	liq_sim_report r[2];
	char path[64], want[2048], sym0[16], sym1[16];
	const liq_sim_bond *b0 = liq_sim_bond_at(s, 0), *b1 = liq_sim_bond_at(s, 1);
	liq_trace_in *in;
	liq_trace_rec x;
	FILE *f;
	int i;

	hand_reports(r);
	strcpy(path, tap_tmpfile(""));
	f = fopen(path, "w");
	liq_finra_header(f);
	liq_finra_write(f, s, &r[0], 1);
	liq_finra_write(f, s, &r[1], 2);
	liq_finra_trailer(f, D(2024, 1, 8), 2);
	fclose(f);
	/* the TRACE symbol: four issuer letters and (bond 7919 + 1000000)
	 * mod 10^7 in 7 digits */
	snprintf(sym0, sizeof sym0, "%.4s1000000", b0->issuer);
	snprintf(sym1, sizeof sym1, "%.4s1007919", b1->issuer);
	snprintf(want, sizeof want, "%s",
		 "Record Count Num|Reference Number|Trade Status|TRACE Symbol|"
		 "CUSIP|Bloomberg Identifier|Sub Product|When Issued Indicator|"
		 "Remuneration|Quantity|Price|Yield Direction|Yield|"
		 "As Of Indicator|Execution Date|Execution Time|"
		 "Trade Report Date|Trade Report Time|Settlement Date|"
		 "Trade Modifier 3|Trade Modifier 4|Buy/Sell Indicator|"
		 "Buyer Commission|Buyer Capacity|Seller Commission|"
		 "Seller Capacity|Reporting Party Type|Contra Party Indicator|"
		 "Locked In Indicator|ATS Indicator|Special Price Indicator|"
		 "Trading Market Indicator|Dissemination Flag|"
		 "Prior Trade Report Date|Prior Reference Number|"
		 "First Trade Control Date|First Trade Control Number\n");
	i = (int)strlen(want);
	/* a customer sale: the seller is principal, disseminated; not
	 * linked: its own report date and number as the first control */
	i += snprintf(want + i, sizeof want - (size_t)i,
		      "1|0000012|T|%s|%s|BBG00%.7s|CORP|N||250000.00|101.250000|||"
		      "|20240103|093005|20240103|093100|20240105|||S|0.00||0.00|P|D|"
		      "C||||S1|Y|||20240103|0000012\n", sym0, b0->cusip, b0->cusip);
	/* a late (Z) inter-dealer buy, special price, settling Monday: not
	 * disseminated */
	i += snprintf(want + i, sizeof want - (size_t)i,
		      "2|0000003|T|%s|%s|BBG00%.7s|CORP|Y||5000000.00|99.005000|||A"
		      "|20240105|155959|20240108|080000|20240108|Z||B|0.00|P|0.00||D|"
		      "D|||Y|S1|N|||20240108|0000003\n", sym1, b1->cusip, b1->cusip);
	snprintf(want + i, sizeof want - (size_t)i, "202401082359590000000002\n");
	check_str(slurp(path), want);

	in = liq_trace_open(path, LIQ_FMT_AUTO, LIQ_NEED_WIS | LIQ_NEED_SPCL |
						     LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_FINRA);
	check_int(liq_trace_next(in, &x), 1);
	check_str(x.cusip, b0->cusip);
	check_int(x.exec_day, D(2024, 1, 3));
	check_int(x.exec_tsec, 9 * 3600 + 30 * 60 + 5);
	check_int(x.rpt_tsec, 9 * 3600 + 31 * 60);
	check_int(x.msg, 12);
	check_int(x.orig, -1);
	check_int(x.prior_day, 0);
	check_int(x.st, 'T');
	check_int(x.side, 'S');
	check_int(x.contra, 'C');
	check_int(x.flags, 0);
	check_int(x.sttl, 2);
	check_near(x.price, 101.25, 0);
	check_near(x.qty, 250000, 0);
	check_int(liq_trace_next(in, &x), 1);
	check_int(x.asof, 'A');
	check_int(x.contra, 'D');
	check_int(x.flags, LIQ_REC_WIS | LIQ_REC_SPCL);
	check_int(x.sttl, 1);
	check_near(x.price, 99.005, 0);
	check_near(x.qty, 5e6, 0);
	check_int(liq_trace_next(in, &x), 0);
	liq_trace_close(in);
	unlink(path);
	liq_sim_free(s);
}

/* ---- a whole simulation, both layouts, read back --------------------- */

typedef struct run_ctx {
	FILE *wrds, *finra;
	liq_sim_report *r;
	size_t n, cap;
	long day_count;       /* FINRA records of the current report date */
} run_ctx;

static void
on_report(void *ctx, const liq_sim *s, const liq_sim_report *r)
{
	run_ctx *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->r = realloc(c->r, c->cap * sizeof *c->r);
		if (!c->r)
			abort();
	}
	c->r[c->n++] = *r;
	liq_wrds_write(c->wrds, s, r);
	if (c->day_count == 0)
		liq_finra_header(c->finra);   /* a file per report date */
	liq_finra_write(c->finra, s, r, ++c->day_count);
}

static void
on_day_end(void *ctx, const liq_sim *s, int day)
{
	run_ctx *c = ctx;

	(void)s;
	if (c->day_count)
		liq_finra_trailer(c->finra, day, c->day_count);
	c->day_count = 0;
}

/* the report a link points to (the one whose link_self it is) */
static const liq_sim_report *
linked(const run_ctx *c, int link)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->r[i].link_self == link)
			return &c->r[i];
	return NULL;
}

static void
t_run(void)
{
	liq_sim *s = small_sim(12, 2024, 3, 29);
	liq_sim_hooks h = { NULL, on_report, NULL, on_day_end };
	run_ctx c;
	char wp[64], fp[64];
	liq_trace_in *w, *f;
	liq_trace_rec a, b;
	size_t i;
	long bad_w = 0, bad_f = 0, bad_link = 0, nlinked = 0, nsttl = 0;
	int seen[128] = { 0 };

	memset(&c, 0, sizeof c);
	h.ctx = &c;
	strcpy(wp, tap_tmpfile(""));
	strcpy(fp, tap_tmpfile(""));
	c.wrds = fopen(wp, "w");
	c.finra = fopen(fp, "w");
	liq_wrds_header(c.wrds);
	liq_sim_run(s, &h);
	fclose(c.wrds);
	fclose(c.finra);
	check(c.n > 100);

	w = liq_trace_open(wp, LIQ_FMT_AUTO, LIQ_NEED_WIS | LIQ_NEED_SPCL | LIQ_NEED_STTL);
	f = liq_trace_open(fp, LIQ_FMT_AUTO, LIQ_NEED_WIS | LIQ_NEED_SPCL | LIQ_NEED_STTL);
	check_int(liq_trace_format(w), LIQ_FMT_WRDS);
	check_int(liq_trace_format(f), LIQ_FMT_FINRA);
	for (i = 0; i < c.n; i++) {
		const liq_sim_report *r = &c.r[i];
		const char *cusip = liq_sim_bond_at(s, r->bond)->cusip;
		int flags = (r->wis == 'Y' ? LIQ_REC_WIS : 0) |
			    (r->spcl == 'Y' ? LIQ_REC_SPCL : 0);
		/* FINRA carries the settlement date: written with the
		 * bond-market calendar, it reads back as the same settlement
		 * days even over a holiday (King Day, Washington's Birthday,
		 * Good Friday here), where weekday counting would differ */
		int holiday = liq_bday_add(r->exec_day, r->sttl) !=
			      liq_settle_date(r->exec_day, r->sttl);
		if (!liq_trace_next(w, &a) || !liq_trace_next(f, &b)) {
			check(0);
			break;
		}
		seen[(unsigned char)r->trc_st] = 1;
		/* the fields both layouts carry */
		bad_w += strcmp(a.cusip, cusip) != 0 || a.exec_day != r->exec_day ||
			 a.exec_tsec != r->exec_tsec || a.rpt_day != r->rpt_day ||
			 a.rpt_tsec != r->rpt_tsec || a.msg != r->msg ||
			 a.st != r->trc_st || a.asof != r->asof || a.side != r->side ||
			 a.contra != r->contra || a.flags != flags ||
			 a.sttl != r->sttl || a.price != r->price_milli / 1000.0 ||
			 a.qty != (double)r->qty ||
			 a.orig != (r->orig_msg ? r->orig_msg : -1);
		bad_f += strcmp(b.cusip, cusip) != 0 || b.exec_day != r->exec_day ||
			 b.exec_tsec != r->exec_tsec || b.rpt_day != r->rpt_day ||
			 b.rpt_tsec != r->rpt_tsec || b.msg != r->msg ||
			 b.st != r->trc_st || b.asof != r->asof || b.side != r->side ||
			 b.contra != r->contra || b.flags != flags ||
			 b.sttl != r->sttl ||
			 b.price != r->price_milli / 1000.0 || b.qty != (double)r->qty;
		nsttl += holiday;
		/* FINRA's prior report: the report the link points to, by its
		 * report date and reference number */
		if (r->link_ref >= 0) {
			const liq_sim_report *p = linked(&c, r->link_ref);
			nlinked++;
			bad_link += !p || b.prior_day != p->rpt_day || b.orig != p->msg;
		} else {
			bad_link += b.prior_day != 0 || b.orig != -1;
		}
	}
	check_int(bad_w, 0);
	check_int(bad_f, 0);
	check_int(bad_link, 0);
	check(nlinked > 0);
	check(nsttl > 0);   /* spans over a holiday were written and read */
	/* every status of the post-2012 vocabulary was written and read */
	check(seen['T'] && seen['X'] && seen['C'] && seen['R'] && seen['Y']);
	/* nothing more in either file; FINRA's trailers all matched */
	check_int(liq_trace_next(w, &a), 0);
	check_int(liq_trace_next(f, &b), 0);
	liq_trace_close(w);
	liq_trace_close(f);
	unlink(wp);
	unlink(fp);
	free(c.r);
	liq_sim_free(s);
}

/* ---- the trailer ------------------------------------------------------ */

static void
read_all(void *path)
{
	liq_trace_in *in = liq_trace_open(path, LIQ_FMT_AUTO, 0);
	liq_trace_rec r;

	while (liq_trace_next(in, &r))
		;
	liq_trace_close(in);
}

/* a FINRA file of the two hand-made reports with the trailer's count
 * `count` (-1: no trailer); returns the exit status of reading it */
static int
trailer_status(long count, char *err, size_t errsz, char *path)
{
	liq_sim *s = small_sim(2, 2024, 1, 31);
	liq_sim_report r[2];
	FILE *f;
	int rc;

	hand_reports(r);
	strcpy(path, tap_tmpfile(""));
	f = fopen(path, "w");
	liq_finra_header(f);
	liq_finra_write(f, s, &r[0], 1);
	liq_finra_write(f, s, &r[1], 2);
	if (count >= 0)
		liq_finra_trailer(f, D(2024, 1, 8), count);
	fclose(f);
	rc = tap_exit_of(read_all, path, err, errsz);
	unlink(path);
	liq_sim_free(s);
	return rc;
}

static void
t_trailer(void)
{
	char err[512], want[512], path[64];
	FILE *f = tmpfile();
	char buf[64];
	size_t k;

	liq_finra_trailer(f, D(2023, 12, 22), 1);
	liq_finra_trailer(f, D(2024, 2, 29), 1234567);
	rewind(f);
	k = fread(buf, 1, sizeof buf - 1, f);
	buf[k] = '\0';
	fclose(f);
	check_str(buf, "202312222359590000000001\n"
		       "202402292359590001234567\n");

	check_int(trailer_status(2, err, sizeof err, path), 0);
	check_str(err, "");
	check_int(trailer_status(3, err, sizeof err, path), 1);
	snprintf(want, sizeof want, "t-trace-write: %s:4: bad trailer: record "
		 "count 3, but 2 reports read\n", path);
	check_str(err, want);
	/* an excerpt without its trailer is read whole, with a warning */
	check_int(trailer_status(-1, err, sizeof err, path), 0);
	snprintf(want, sizeof want, "t-trace-write: %s: no trailer line (FINRA "
		 "files end with a date/time stamp and the record count): the 2 "
		 "reports after the header read without a count to check\n", path);
	check_str(err, want);
}

int
main(void)
{
	liq_progname = "t-trace-write";
	TEST(t_wrds_lines(), "WRDS: the exact lines of two reports, read back field by field");
	TEST(t_public_lines(), "public CSV: the lines FINRA disseminates, capped sizes, Cancels; read back");
	TEST(t_contra_cap(), "size caps by rating; A and T contra codes at their rates, T from 2016-07-18");
	TEST(t_finra_lines(), "FINRA: the exact lines and trailer of two reports, read back");
	TEST(t_run(), "three months of simulated reports in both layouts read back unchanged");
	TEST(t_trailer(), "FINRA trailer: date stamp and 10-digit count; a wrong one exits 1, a missing one warns");
	return tap_done();
}
