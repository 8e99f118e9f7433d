/* Unit tests of the lib/clean/traceread: layout sniffing and the
 * conversion of one report of each layout into a liq_trace_rec. */
#include "core/dates.h"
#include "core/diag.h"
#include "clean/traceread.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static void
t_sniff(void)
{
	char sep = 0;
	const char *w = "cusip_id\ttrd_exctn_dt";
	const char *c = "\"cusip_id\",trd_exctn_dt";
	const char *f = "Record Count Num|Reference Number|Trade Status";
	const char *a = "REC_CT_NB|TRD_ST_CD|ISSUE_SYM_ID|CUSIP_ID";
	const char *u = "a|b|c";
	check_int(liq_trace_sniff(w, strlen(w), &sep), LIQ_FMT_WRDS);
	check_int(sep, '\t');
	check_int(liq_trace_sniff(c, strlen(c), &sep), LIQ_FMT_WRDS);
	check_int(sep, ',');
	check_int(liq_trace_sniff(f, strlen(f), &sep), LIQ_FMT_FINRA);
	check_int(sep, '|');
	check_int(liq_trace_sniff(a, strlen(a), &sep), LIQ_FMT_ACADEMIC);
	check_int(liq_trace_sniff(u, strlen(u), &sep), LIQ_FMT_AUTO);
	check_int(liq_trace_sniff("x", 1, &sep), LIQ_FMT_AUTO);
	check_int(liq_trace_fmt_parse("finra"), LIQ_FMT_FINRA);
	check_int(liq_trace_fmt_parse("auto"), LIQ_FMT_AUTO);
	check_int(liq_trace_fmt_parse("FINRA"), -1);
	check_str(liq_trace_fmt_name(LIQ_FMT_ACADEMIC), "academic");
	/* the public CSV by its titles, with a BOM, spaces and quotes */
	{
		const char *pub = "\xEF\xBB\xBF\"Date\", Time ,Settlement,"
				  "Status,Quantity,Price,Side,\"CUSIP\"";
		const char *tabbed = "Date\tTime\tStatus\tCUSIP";
		check_int(liq_trace_sniff(pub, strlen(pub), &sep),
			  LIQ_FMT_PUBLIC);
		check_int(sep, ',');
		check_int(liq_trace_sniff(tabbed, strlen(tabbed), &sep),
			  LIQ_FMT_PUBLIC);
		check_int(liq_trace_sniff("x\ty", 3, &sep), LIQ_FMT_AUTO);
		check_int(liq_trace_fmt_parse("public"), LIQ_FMT_PUBLIC);
		check_str(liq_trace_fmt_name(LIQ_FMT_PUBLIC), "public");
	}
	/* WRDS's standard table: all its required titles, not the
	 * enhanced ones; an enhanced header with the standard table's size
	 * column stays enhanced */
	{
		const char *std = "cusip_id,trd_exctn_dt,trd_exctn_tm,"
				  "msg_seq_nb,trc_st,ascii_rptd_vol_tx,rptd_pr,"
				  "asof_cd,side,orig_msg_seq_nb";
		const char *enh = "cusip_id\ttrd_exctn_dt\ttrd_exctn_tm\t"
				  "trd_rpt_dt\tmsg_seq_nb\torig_msg_seq_nb\t"
				  "trc_st\tasof_cd\trptd_pr\tascii_rptd_vol_tx\t"
				  "rpt_side_cd\tcntra_mp_id";
		check_int(liq_trace_sniff(std, strlen(std), &sep),
			  LIQ_FMT_STANDARD);
		check_int(sep, ',');
		check_int(liq_trace_sniff(enh, strlen(enh), &sep), LIQ_FMT_WRDS);
		check_int(liq_trace_fmt_parse("standard"), LIQ_FMT_STANDARD);
		check_str(liq_trace_fmt_name(LIQ_FMT_STANDARD), "standard");
	}
}

/* WRDS's standard table: no report date (the execution date stands for
 * it), T/C/W, capped sizes, side and contra party when given, unsigned
 * (side S, contra D) when not. */
static void
t_standard(void)
{
	const char *p;
	liq_trace_in *in;
	liq_trace_rec r;

	p = tap_tmpfile("cusip_id\ttrd_exctn_dt\ttrd_exctn_tm\tmsg_seq_nb\t"
		       "trc_st\tascii_rptd_vol_tx\trptd_pr\tasof_cd\t"
		       "days_to_sttl_ct\tside\torig_msg_seq_nb\t"
		       "contra_party_type\twis_fl\tspcl_trd_fl\n"
		       "AAA\t2009-05-04\t10:00:00\t0000007\tW\t1MM+\t99.5\t\t"
		       "003\tB\t0000003\tC\tN\t\n"
		       "AAA\t2013-05-06\t11:00:00\t0000008\tC\t250000\t99.75\t"
		       "\t002\t\t\t\tN\t\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_STANDARD);
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.rpt_day, r.exec_day);
	check_int(r.rpt_tsec, -1);
	check_int(r.prior_day, LIQ_PRIOR_STANDARD);
	check_int(r.st, 'W');
	check_int(r.orig, 3);
	check_near(r.qty, 1e6, 0);
	check_int(r.flags & LIQ_REC_CAPPED, LIQ_REC_CAPPED);
	check_int(r.side, 'B');
	check_int(r.contra, 'C');
	check_int(r.sttl, 3);
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.st, 'C'); /* a C after 2012: still the old vocabulary */
	check_int(r.side, 'S');
	check_int(r.contra, 'D');
	check_int(liq_trace_next(in, &r), 0);
	liq_trace_close(in);
	unlink(p);
}

/* The public CSV: CRLF line ends (stripped, counted), M/D/YYYY dates,
 * 12- and 24-hour times, thousands separators, '-' and '_' empties,
 * Cancel and Correction, settlement as a date or a day count, no
 * reference numbers. */
static void
t_public(void)
{
	const char *p;
	liq_trace_in *in;
	liq_trace_rec r;

	p = tap_tmpfile(
		"Date,Time,Settlement,Status,Quantity,Price,Yield,"
		"Remuneration,ATS,Modifier,2nd Modifier,Special,As-Of,Side,"
		"Reporting Party Type,Contra Party Type,CUSIP\r\n"
		"12/22/2023,12:05:09 AM,12/27/2023,Cancel,\"1,250,000\","
		"99.5,5.1,-,-,-,-,Y,Y,B,D,A,594918BW3\r\n"
		"1/2/2024,12:30:00 PM,2,Correction,1MM+,101,_,_,Y,_,_,_,_,S,T,"
		"D,594918BW3\r\n"
		"1/2/2024,16:45:30,-,T,250000,100.25,-,-,-,-,-,-,-,S,D,T,"
		"594918BW3\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, LIQ_NEED_WIS | LIQ_NEED_SPCL |
						  LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_PUBLIC);
	check_int(liq_trace_next(in, &r), 1);
	check_str(r.cusip, "594918BW3");
	check_int(r.exec_day, liq_date_from_ymd(2023, 12, 22));
	check_int(r.exec_tsec, 5 * 60 + 9); /* 12 AM is midnight */
	check_int(r.rpt_day, r.exec_day);
	check_int(r.rpt_tsec, -1);
	check_int(r.msg, -1);
	check_int(r.orig, -1);
	check_int(r.st, 'X');
	check_int(r.asof, 'A');
	check_near(r.qty, 1250000, 0);
	check_near(r.price, 99.5, 0);
	check_int(r.side, 'B');
	check_int(r.contra, 'C'); /* A, an affiliate: a customer */
	check_int(r.flags, LIQ_REC_SPCL);
	check_int(r.sttl, 2); /* Friday to Wednesday over Christmas */
	check_int(r.line, 2);
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.exec_tsec, 12 * 3600 + 30 * 60); /* 12 PM is noon */
	check_int(r.st, 'R');
	check_int(r.asof, 0);
	check_near(r.qty, 1000000, 0);
	check_int(r.flags, LIQ_REC_CAPPED);
	check_int(r.contra, 'D');
	check_int(r.sttl, 2); /* a day count */
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.exec_tsec, 16 * 3600 + 45 * 60 + 30);
	check_int(r.st, 'T');
	check_int(r.contra, 'D'); /* T, an ATS: a dealer */
	check_int(r.sttl, -1);
	check_int(r.line, 4);
	check_int(liq_trace_next(in, &r), 0);
	check_int(liq_trace_crlf(in), 3); /* the last line ends in '\n' */
	liq_trace_close(in);
	unlink(p);
}

/* One FINRA report: compact dates and times, six-decimal prices, the
 * prior link, the settlement date as settlement days (Christmas), the
 * agency flag; then the trailer. */
static void
t_finra(void)
{
	const char *hdr =
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
		"First Trade Control Date|First Trade Control Number\n";
	char buf[2048];
	const char *p;
	liq_trace_in *in;
	liq_trace_rec r;

	snprintf(buf, sizeof buf, "%s%s", hdr,
		 "1|0000012|X|SYM|594918BW3|BBG00|CORP|Y|N|250000.00|"
		 "99.970000|||A|20231222|93005|20231222|100010|20231226|Z||"
		 "S|0.00||0.00|A|D|C|Y||Y|S1|Y|20231221|0000007|20231221|"
		 "0000007\n202312222359590000000001\n");
	p = tap_tmpfile(buf);
	in = liq_trace_open(p, LIQ_FMT_AUTO, LIQ_NEED_WIS | LIQ_NEED_SPCL |
						  LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_FINRA);
	check_int(liq_trace_next(in, &r), 1);
	check_str(r.cusip, "594918BW3");
	check_int(r.exec_day, liq_date_from_ymd(2023, 12, 22));
	check_int(r.exec_tsec, 9 * 3600 + 30 * 60 + 5); /* "93005" */
	check_int(r.rpt_tsec, 10 * 3600 + 10);
	check_int(r.msg, 12);
	check_int(r.orig, 7);
	check_int(r.prior_day, liq_date_from_ymd(2023, 12, 21));
	check_int(r.st, 'X');
	check_int(r.asof, 'A');
	check_near(r.price, 99.97, 0);
	check_near(r.qty, 250000, 0);
	check_int(r.side, 'S');
	check_int(r.contra, 'C');
	check_int(r.flags, LIQ_REC_WIS | LIQ_REC_SPCL | LIQ_REC_LOCKED |
				   LIQ_REC_AGENCY);
	check_int(r.sttl, 1); /* Friday to Tuesday over Christmas */
	check_int(r.line, 2);
	check_int(liq_trace_next(in, &r), 0);
	liq_trace_close(in);
	unlink(p);
}

/* WRDS tab: ISO dates, blank orig, days_to_sttl_ct as given, N/A as
 * unknown; Academic: control numbers and a dealer named by its ID. */
static void
t_wrds_academic(void)
{
	const char *p;
	liq_trace_in *in;
	liq_trace_rec r;

	p = tap_tmpfile("cusip_id\ttrd_exctn_dt\ttrd_exctn_tm\ttrd_rpt_dt\t"
		       "msg_seq_nb\torig_msg_seq_nb\ttrc_st\tasof_cd\trptd_pr\t"
		       "entrd_vol_qt\trpt_side_cd\tcntra_mp_id\twis_fl\t"
		       "spcl_trd_fl\tdays_to_sttl_ct\n"
		       "AAA\t2011-03-01\t9:30:00\t2011-03-02\t0000101\t\tW\tR\t"
		       "101.5\t5000\tB\tD\tN\t\t003\n"
		       "AAA\t2011-03-01\t09:30:00\t2011-03-02\t0000102\t0000101\t"
		       "C\t\t1e2\t5000\tB\tD\tN\t\tN/A\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, LIQ_NEED_STTL);
	check_int(liq_trace_format(in), LIQ_FMT_WRDS);
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.exec_tsec, 9 * 3600 + 30 * 60);
	check_int(r.rpt_tsec, -1); /* no trd_rpt_tm column */
	check_int(r.orig, -1);
	check_int(r.prior_day, 0);
	check_int(r.sttl, 3);
	check_int(r.contra, 'D');
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.orig, 101);
	check_near(r.price, 100, 0);
	check_int(r.sttl, -1);
	check_int(liq_trace_next(in, &r), 0);
	liq_trace_close(in);
	unlink(p);

	p = tap_tmpfile("REC_CT_NB|TRD_ST_CD|CUSIP_ID|RPTG_PARTY_ID|ENTRD_VOL_QT|"
		       "RPTD_PR|ASOF_CD|TRD_EXCTN_DT|TRD_EXCTN_TM|TRD_RPT_DT|"
		       "RPT_SIDE_CD|CNTRA_PARTY_ID|SYSTM_CNTRL_NB|"
		       "PREV_TRD_CNTRL_NB\n"
		       "1|Y|06740L8C2|d1a9|3000000.00|100.250000|R|20130102|"
		       "031500|20130205|S|7c4a|2000009001|2000000003\n"
		       "0047\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, 0);
	check_int(liq_trace_format(in), LIQ_FMT_ACADEMIC);
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.msg, 2000009001LL);
	check_int(r.orig, 2000000003LL);
	check_int(r.contra, 'D');
	check_int(r.sttl, -1);
	check_int(liq_trace_next(in, &r), 0);
	liq_trace_close(in);
	unlink(p);
}

/* Capped sizes (5MM+, 1MM+) at the cap and flagged, in each layout;
 * contra parties A (affiliate: a customer) and T (ATS: a dealer). */
static void
t_capped_contra(void)
{
	const char *p;
	liq_trace_in *in;
	liq_trace_rec r;

	p = tap_tmpfile("CUSIP|Execution Date|Execution Time|Trade Report Date|"
		       "Reference Number|Prior Reference Number|"
		       "Prior Trade Report Date|Trade Status|As Of Indicator|"
		       "Price|Quantity|Buy/Sell Indicator|"
		       "Contra Party Indicator\n"
		       "931142DH3|20210601|101500|20210601|0000001|||T||"
		       "101.25|5MM+|S|T\n"
		       "931142DH3|20210601|101600|20210601|0000002|||T||"
		       "101.2|1MM+|B|A\n"
		       "931142DH3|20210601|101700|20210601|0000003|||T||"
		       "101.2|250000.00|B|D\n"
		       "202106012359590000000003\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, 0);
	check_int(liq_trace_format(in), LIQ_FMT_FINRA);
	check_int(liq_trace_next(in, &r), 1);
	check_near(r.qty, 5000000, 0);
	check_int(r.flags & LIQ_REC_CAPPED, LIQ_REC_CAPPED);
	check_int(r.contra, 'D');
	check_int(liq_trace_next(in, &r), 1);
	check_near(r.qty, 1000000, 0);
	check_int(r.flags & LIQ_REC_CAPPED, LIQ_REC_CAPPED);
	check_int(r.contra, 'C');
	check_int(liq_trace_next(in, &r), 1);
	check_near(r.qty, 250000, 0);
	check_int(r.flags & LIQ_REC_CAPPED, 0);
	check_int(liq_trace_next(in, &r), 0);
	liq_trace_close(in);
	unlink(p);

	/* WRDS under the standard table's name, ascii_rptd_vol_tx */
	p = tap_tmpfile("cusip_id,trd_exctn_dt,trd_exctn_tm,trd_rpt_dt,"
		       "msg_seq_nb,orig_msg_seq_nb,trc_st,asof_cd,rptd_pr,"
		       "ascii_rptd_vol_tx,rpt_side_cd,cntra_mp_id\n"
		       "AAA,2021-06-01,10:00:00,2021-06-01,1,,T,,99,1MM+,S,C\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, 0);
	check_int(liq_trace_next(in, &r), 1);
	check_near(r.qty, 1000000, 0);
	check_int(r.flags, LIQ_REC_CAPPED);
	liq_trace_close(in);
	unlink(p);

	p = tap_tmpfile("REC_CT_NB|TRD_ST_CD|CUSIP_ID|ENTRD_VOL_QT|RPTD_PR|"
		       "ASOF_CD|TRD_EXCTN_DT|TRD_EXCTN_TM|TRD_RPT_DT|"
		       "RPT_SIDE_CD|CNTRA_PARTY_ID|SYSTM_CNTRL_NB|"
		       "PREV_TRD_CNTRL_NB\n"
		       "1|T|06740L8C2|5MM+|100.25||20130102|101500|20130102|S|"
		       "A|2000009001|\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, 0);
	check_int(liq_trace_format(in), LIQ_FMT_ACADEMIC);
	check_int(liq_trace_next(in, &r), 1);
	check_near(r.qty, 5000000, 0);
	check_int(r.flags, LIQ_REC_CAPPED);
	check_int(r.contra, 'C');
	liq_trace_close(in);
	unlink(p);
}

/* trace-layout's column resolution: the pre-2012 Academic names (the
 * second of each pair of alternatives, REC_CT_NB numbers), and a missing
 * column named by its first alternative, exit 2. */
static void
open_missing(void *arg)
{
	liq_init("t-traceread");
	liq_trace_open(arg, LIQ_FMT_AUTO, 0);
}

static void
t_layout_columns(void)
{
	const char *p;
	char err[512];
	liq_trace_in *in;
	liq_trace_rec r;

	p = tap_tmpfile("REC_CT_NB|TRC_ST|CUSIP_ID|ENTRD_VOL_QT|RPTD_PR|ASOF_CD|"
		       "TRD_EXCTN_DT|EXCTN_TM|TRD_RPT_DT|RPT_SIDE_CD|"
		       "CNTRA_MP_ID|PREV_REC_CT_NB\n"
		       "17|W|06740L8C2|5000|99.5||20100104|101500|20100104|B|"
		       "C|16\n");
	in = liq_trace_open(p, LIQ_FMT_AUTO, 0);
	check_int(liq_trace_format(in), LIQ_FMT_ACADEMIC);
	check_int(liq_trace_next(in, &r), 1);
	check_int(r.st, 'W');
	check_int(r.exec_tsec, 10 * 3600 + 15 * 60);
	check_int(r.msg, 17);
	check_int(r.orig, 16);
	check_int(r.contra, 'C');
	check_int(liq_trace_next(in, &r), 0);
	liq_trace_close(in);
	unlink(p);

	p = tap_tmpfile("REC_CT_NB|CUSIP_ID|ENTRD_VOL_QT|RPTD_PR|ASOF_CD|"
		       "TRD_EXCTN_DT|EXCTN_TM|TRD_RPT_DT|RPT_SIDE_CD|"
		       "CNTRA_MP_ID|PREV_REC_CT_NB\n");
	check_int(tap_exit_of(open_missing, (void *)p, err, sizeof err), 2);
	check(strstr(err, "missing column 'TRD_ST_CD' of the academic "
			  "layout") != NULL);
	unlink(p);

	/* an unknown header: the nearest layout and what it lacks */
	p = tap_tmpfile("CUSIP_X|Date|Time|Status|Price|Quantity|Side\n");
	check_int(tap_exit_of(open_missing, (void *)p, err, sizeof err), 2);
	check(strstr(err, "nearest the public layout, with 6 of its 8 "
			  "required columns; missing 'CUSIP', 'Contra Party "
			  "Type'") != NULL);
	unlink(p);
}

int
main(void)
{
	TEST(t_sniff(), "layouts are told apart by their header");
	TEST(t_finra(), "a FINRA report, field by field");
	TEST(t_wrds_academic(), "WRDS and Academic reports, field by field");
	TEST(t_capped_contra(), "capped sizes at the cap; contra parties A and T");
	TEST(t_public(), "FINRA's public CSV, field by field, with CRLF");
	TEST(t_standard(), "WRDS's standard table, field by field");
	TEST(t_layout_columns(), "pre-2012 Academic names; a missing column");
	return tap_done();
}
