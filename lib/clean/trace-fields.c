/* trace-fields — decoding one row of a raw TRACE layout into a
 * liq_trace_rec (clean/traceread-internal.h): dates (YYYY-MM-DD, YYYYMMDD,
 * M/D/YYYY), times (24-hour or AM/PM), quantities (capped 5MM+/1MM+,
 * thousands separators), reference numbers, codes and flags, settlement
 * days by the bond-market calendar, contra parties. Every bad value exits
 * 1 with file:line, the column and the value. */
#include "clean/traceread-internal.h"

#include "core/calendar.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- fields ---------------------------------------------------------- */

/* Exit 1: "file:line: column 'name': what 'value' (want ...)"; what may
 * end in a parenthesised hint, which goes after the value. */
static _Noreturn void
bad(const liq_trace_in *in, int f, const char *what, const char *val)
{
	const char *hint = strchr(what, '(');
	int n = hint ? (int)(hint - what) - 1 : (int)strlen(what);
	char q[64];   /* a value cut to 45 bytes and "..." */

	liq_tsv_fail(in->t, "column '%s': %.*s '%s'%s%s", in->colname[f], n,
		     what, liq_quote(q, sizeof q, val), hint ? " " : "",
		     hint ? hint : "");
}

/* The public CSV's M/D/YYYY (or MM/DD/YYYY): 0 and *d, or -1. */
static int
parse_mdy(const char *s, int *d)
{
	char iso[11];
	size_t a = strspn(s, "0123456789"), b;

	if (a < 1 || a > 2 || s[a] != '/')
		return -1;
	b = strspn(s + a + 1, "0123456789");
	if (b < 1 || b > 2 || s[a + 1 + b] != '/' ||
	    strspn(s + a + b + 2, "0123456789") != 4 || s[a + b + 6] != '\0')
		return -1;
	memcpy(iso, s + a + b + 2, 4);
	iso[4] = iso[7] = '-';
	iso[5] = a == 2 ? s[0] : '0';
	iso[6] = s[a - 1];
	iso[8] = b == 2 ? s[a + 1] : '0';
	iso[9] = s[a + b];
	iso[10] = '\0';
	return liq_date_parse(iso, d);
}

/* YYYY-MM-DD or YYYYMMDD; M/D/YYYY in the public CSV. */
static int
get_date(liq_trace_in *in, int f, date_cache *dc)
{
	const char *s = in->f[in->col[f]];
	size_t n = strlen(s);
	int d;

	if (n < sizeof dc->s && memcmp(dc->s, s, n + 1) == 0)
		return dc->day;
	if (in->fmt == LIQ_FMT_PUBLIC) {
		if (parse_mdy(s, &d) != 0)
			bad(in, f, "bad date (want M/D/YYYY)", s);
	} else if (!(n == 10 && liq_date_parse(s, &d) == 0) &&
		   !(n == 8 && liq_date_parse_compact(s, &d) == 0)) {
		bad(in, f, "bad date (want YYYY-MM-DD or YYYYMMDD)", s);
	}
	if (n < sizeof dc->s) {
		memcpy(dc->s, s, n + 1);
		dc->day = d;
	}
	return d;
}

/* An optional date: 0 when the field is empty. */
static int
get_date_opt(liq_trace_in *in, int f, date_cache *dc)
{
	if (in->col[f] < 0 || in->f[in->col[f]][0] == '\0')
		return 0;
	return get_date(in, f, dc);
}

/* The public CSV's 12-hour clock, "H:MM:SS AM" or "HH:MM:SS PM" (12 AM
 * is midnight, 12 PM noon): 0 and *t, or -1. */
static int
parse_ampm(const char *s, size_t n, int *t)
{
	char hms[9];
	size_t k;
	int pm;

	if (n < 10 || s[n - 3] != ' ' || s[n - 1] != 'M' ||
	    (s[n - 2] != 'A' && s[n - 2] != 'P'))
		return -1;
	pm = s[n - 2] == 'P';
	k = n - 3;
	if (k == 7) {
		hms[0] = '0';
		memcpy(hms + 1, s, 7);
	} else if (k == 8) {
		memcpy(hms, s, 8);
	} else {
		return -1;
	}
	hms[8] = '\0';
	if (liq_time_parse(hms, t) != 0 || *t < 3600 || *t >= 13 * 3600)
		return -1; /* hours 1 to 12 */
	if (*t >= 12 * 3600)
		*t -= 12 * 3600;
	if (pm)
		*t += 12 * 3600;
	return 0;
}

/* HH:MM:SS (or H:MM:SS), or HHMMSS; compact times stored as integers
 * lose their leading zeros ("82118", Academic's "0"), so fewer digits are
 * padded. The public CSV: HH:MM:SS, or the 12-hour H:MM:SS AM/PM. */
static int
get_time(liq_trace_in *in, int f)
{
	const char *s = in->f[in->col[f]];
	size_t n = strlen(s);
	char pad[9];
	int t;

	if (in->fmt == LIQ_FMT_PUBLIC) {
		if ((n == 8 && liq_time_parse(s, &t) == 0) ||
		    parse_ampm(s, n, &t) == 0)
			return t;
		if (n == 7 && s[1] == ':') {
			pad[0] = '0';
			memcpy(pad + 1, s, 8);
			if (liq_time_parse(pad, &t) == 0)
				return t;
		}
		bad(in, f, "bad time (want HH:MM:SS or H:MM:SS AM/PM)", s);
	}

	if (n == 8 && liq_time_parse(s, &t) == 0)
		return t;
	if (n == 7 && s[1] == ':') {
		pad[0] = '0';
		memcpy(pad + 1, s, 8);
		if (liq_time_parse(pad, &t) == 0)
			return t;
	}
	if (n >= 1 && n <= 6 && strspn(s, "0123456789") == n) {
		memset(pad, '0', 6);
		memcpy(pad + 6 - n, s, n);
		pad[6] = '\0';
		if (liq_time_parse_compact(pad, &t) == 0)
			return t;
	}
	bad(in, f, "bad time (want HH:MM:SS or HHMMSS)", s);
}

/* A quantity: par in $, or a size capped in dissemination ("5MM+" for
 * investment grade, "1MM+" for high yield, in FINRA's public feed and in
 * WRDS's standard TRACE ascii_rptd_vol_tx), taken at the cap and flagged
 * LIQ_REC_CAPPED. Thousands separators ("1,000,000", as the public CSV
 * writes sizes) are read in groups of three. */
static double
get_qty(liq_trace_in *in, unsigned char *flags)
{
	const char *s = in->f[in->col[F_QTY]], *raw = s;
	double v;
	char buf[64];

	if (strcmp(s, "5MM+") == 0 || strcmp(s, "1MM+") == 0) {
		*flags |= LIQ_REC_CAPPED;
		return s[0] == '5' ? 5e6 : 1e6;
	}
	if (strchr(s, ',')) {
		/* thousands separators: 1,000,000 (groups of three) */
		size_t i, k = 0, lead = strcspn(s, ",.");
		int ok = lead >= 1 && lead <= 3 && strlen(s) < sizeof buf;
		for (i = 0; ok && s[i] && s[i] != '.'; i++) {
			if (s[i] == ',') {
				ok = i >= lead && (i - lead) % 4 == 0 &&
				     strspn(s + i + 1, "0123456789") >= 3 &&
				     (s[i + 4] == ',' || s[i + 4] == '.' ||
				      s[i + 4] == '\0');
				continue;
			}
			buf[k++] = s[i];
		}
		if (ok) {
			strcpy(buf + k, s + i);
			s = buf;
		}
	}
	if (liq_num_parse(s, &v) != LIQ_NUM_OK)
		bad(in, F_QTY, "bad quantity (want a number, 5MM+ or 1MM+)",
		    raw);
	if (!(v > 0))
		bad(in, F_QTY, "bad quantity (want a positive par amount)", raw);
	return v;
}

/* The CUSIP: 1 to 12 letters, digits, '*', '@' or '#' (TRACE's are 9;
 * every later tool keeps a cusip in 16 bytes). */
static const char *
get_cusip(liq_trace_in *in)
{
	const char *s = in->f[in->col[F_CUSIP]];
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789*@#");

	if (s[0] == '\0')
		liq_tsv_fail(in->t, "column '%s': empty CUSIP (files without "
			     "CUSIPs cannot be cleaned)", in->colname[F_CUSIP]);
	if (s[n] != '\0' || n > 12)
		bad(in, F_CUSIP, "bad CUSIP (want 1 to 12 letters, digits, *, @ "
		    "or #)", s);
	return s;
}

static long long
get_number(liq_trace_in *in, int f, int optional)
{
	const char *s = in->f[in->col[f]];
	long v;

	if (optional && s[0] == '\0')
		return -1;
	if (liq_int_parse(s, &v) != LIQ_NUM_OK || v < 0)
		bad(in, f, "bad reference number", s);
	return v;
}

static double
get_num(liq_trace_in *in, int f, const char *what)
{
	const char *s = in->f[in->col[f]];
	double v;

	if (liq_num_parse(s, &v) != LIQ_NUM_OK)
		bad(in, f, what, s);
	return v;
}

/* A one-letter code: the letter, or 0 for an empty field. */
static char
get_code(liq_trace_in *in, int f, const char *allowed, const char *what)
{
	const char *s = in->f[in->col[f]];

	if (s[0] == '\0')
		return 0;
	if (s[1] != '\0' || !strchr(allowed, s[0]))
		bad(in, f, what, s);
	return s[0];
}

static int
flag_y(const liq_trace_in *in, int f)
{
	return in->col[f] >= 0 && in->f[in->col[f]][0] == 'Y' &&
	       in->f[in->col[f]][1] == '\0';
}

static char
field_char(const liq_trace_in *in, int f)
{
	return in->col[f] >= 0 ? in->f[in->col[f]][0] : 0;
}

static int
get_sttl(liq_trace_in *in, int exec_day)
{
	if (in->fmt == LIQ_FMT_PUBLIC && in->col[F_STTL_DT] >= 0) {
		/* the public CSV: a date, or a count of days */
		const char *s = in->f[in->col[F_STTL_DT]];
		long v;
		if (s[0] && s[strspn(s, "0123456789")] == '\0') {
			if (liq_int_parse(s, &v) != LIQ_NUM_OK || v > 9999)
				bad(in, F_STTL_DT, "bad days to settlement", s);
			return (int)v;
		}
	}
	if (in->col[F_STTL_N] >= 0 && in->f[in->col[F_STTL_N]][0] != '\0') {
		long v;
		const char *s = in->f[in->col[F_STTL_N]];
		/* WRDS documents N/A where the count does not apply */
		if (strcmp(s, "N/A") == 0 || strcmp(s, "NA") == 0)
			return -1;
		if (liq_int_parse(s, &v) != LIQ_NUM_OK || v < 0 || v > 9999)
			bad(in, F_STTL_N, "bad days to settlement", s);
		return (int)v;
	}
	if (in->col[F_STTL_DT] >= 0 && in->f[in->col[F_STTL_DT]][0] != '\0') {
		int d = get_date(in, F_STTL_DT, &in->dc[3]);
		if (d != in->sttl_day || exec_day != in->sttl_exec) {
			in->sttl_day = d;
			in->sttl_exec = exec_day;
			in->sttl_n = liq_settle_days(exec_day, d);
			if (in->sttl_n > 9999)
				in->sttl_n = 9999;
		}
		return (int)in->sttl_n;
	}
	return -1;
}

/* The contra party: C a customer; A a non-member affiliate, which is not
 * a FINRA member and does not report: a customer. D a dealer; T an ATS
 * (from 2016-07-18), a FINRA member broker-dealer that reports its own
 * side: a dealer. Academic names the dealer by its ID. */
static char
get_contra(liq_trace_in *in)
{
	const char *s = in->f[in->col[F_CONTRA]];

	if ((s[0] == 'C' || s[0] == 'A') && s[1] == '\0')
		return 'C';
	if (in->fmt == LIQ_FMT_ACADEMIC
		    ? s[0] != '\0'
		    : ((s[0] == 'D' || s[0] == 'T') && s[1] == '\0'))
		return 'D';
	bad(in, F_CONTRA, "bad contra party (want C, D, A or T)", s);
}

/* A row of the public CSV: '-' or '_' is an empty field; no reference
 * numbers (msg and orig -1), no report date or time (the execution date
 * stands for the report date, the time is unknown), Status T, Cancel or
 * Correction (X and R), As-Of Y or A (as of), Special Y, Side B or S the
 * reporting party's side, Reporting Party Type D or T. */
void
liq_trace_convert_public(liq_trace_in *in, liq_trace_rec *r)
{
	const char *s;
	int i;

	for (i = 0; i < in->nfield; i++) {
		char *v = in->f[i];
		size_t n = strlen(v);
		while (n && v[n - 1] == ' ')
			v[--n] = '\0';
		while (*v == ' ')
			v++, n--;
		in->f[i] = v;
		if (n == 1 && (v[0] == '-' || v[0] == '_'))
			v[0] = '\0';
	}
	r->cusip = get_cusip(in);
	r->exec_day = get_date(in, F_EXEC_DT, &in->dc[0]);
	r->exec_tsec = get_time(in, F_EXEC_TM);
	r->rpt_day = r->exec_day;
	r->rpt_tsec = -1;
	r->msg = r->orig = -1;
	r->prior_day = 0;
	s = in->f[in->col[F_ST]];
	if (strcmp(s, "T") == 0)
		r->st = 'T';
	else if (strcasecmp(s, "Cancel") == 0)
		r->st = 'X';
	else if (strcasecmp(s, "Correction") == 0)
		r->st = 'R';
	else
		bad(in, F_ST, "unknown trade status (want T, Cancel or "
		    "Correction)", s);
	s = in->col[F_ASOF] >= 0 ? in->f[in->col[F_ASOF]] : "";
	if (s[0] == '\0' || strcmp(s, "N") == 0)
		r->asof = 0;
	else if (strcmp(s, "Y") == 0 || strcmp(s, "A") == 0)
		r->asof = 'A';
	else
		bad(in, F_ASOF, "unknown as-of code (want Y, A or empty)", s);
	if (in->col[F_RPTG] >= 0)
		(void)get_code(in, F_RPTG, "DT",
			       "bad reporting party (want D or T)");
	if (in->col[F_ATS] >= 0)
		(void)get_code(in, F_ATS, "YN", "bad ATS flag (want Y or empty)");
	r->flags = 0;
	r->price = get_num(in, F_PRICE, "bad price");
	r->qty = get_qty(in, &r->flags);
	r->side = get_code(in, F_SIDE, "BS", "bad side (want B or S)");
	if (!r->side)
		bad(in, F_SIDE, "bad side (want B or S)", "");
	r->contra = get_contra(in);
	if (flag_y(in, F_SPCL))
		r->flags |= LIQ_REC_SPCL;
	r->sttl = get_sttl(in, r->exec_day);
	r->line = in->rec_line;
}

/* A row of WRDS's standard table: no report date (the execution date
 * stands for it, the time is unknown), trc_st T, C or W whatever the
 * date, sizes as disseminated. The side (B or S, the reporting party's)
 * and the contra party (C, A, D or T) come from the later years' side and
 * contra_party_type columns; without either the trade cannot be signed
 * and is read as between dealers (written with side D). */
static void
convert_standard(liq_trace_in *in, liq_trace_rec *r)
{
	const char *s;

	r->cusip = get_cusip(in);
	r->exec_day = get_date(in, F_EXEC_DT, &in->dc[0]);
	r->exec_tsec = get_time(in, F_EXEC_TM);
	r->rpt_day = r->exec_day;
	r->rpt_tsec = -1;
	r->msg = get_number(in, F_MSG, 0);
	r->orig = get_number(in, F_ORIG, 1);
	r->prior_day = LIQ_PRIOR_STANDARD;
	r->st = get_code(in, F_ST, "TCW", "unknown trade status (want T, C or "
			 "W)");
	if (!r->st)
		bad(in, F_ST, "unknown trade status (want T, C or W)", "");
	r->asof = get_code(in, F_ASOF, "ARXD", "unknown as-of code");
	r->flags = 0;
	r->price = get_num(in, F_PRICE, "bad price");
	r->qty = get_qty(in, &r->flags);
	r->side = in->col[F_SIDE] >= 0
			  ? get_code(in, F_SIDE, "BS", "bad side (want B, S or "
				     "empty)")
			  : 0;
	s = in->col[F_CONTRA] >= 0 ? in->f[in->col[F_CONTRA]] : "";
	r->contra = s[0] ? get_contra(in) : 0;
	if (!r->side || !r->contra) {
		r->side = 'S';
		r->contra = 'D'; /* unsigned */
	}
	if (flag_y(in, F_WIS))
		r->flags |= LIQ_REC_WIS;
	if (flag_y(in, F_SPCL))
		r->flags |= LIQ_REC_SPCL;
	r->sttl = get_sttl(in, r->exec_day);
	r->line = in->csv ? in->rec_line : in->t->lineno;
}

void
liq_trace_convert(liq_trace_in *in, liq_trace_rec *r)
{
	char cap, cm;

	if (in->fmt == LIQ_FMT_STANDARD) {
		convert_standard(in, r);
		return;
	}
	r->cusip = get_cusip(in);
	r->exec_day = get_date(in, F_EXEC_DT, &in->dc[0]);
	r->exec_tsec = get_time(in, F_EXEC_TM);
	r->rpt_day = get_date(in, F_RPT_DT, &in->dc[1]);
	r->rpt_tsec = in->col[F_RPT_TM] >= 0 && in->f[in->col[F_RPT_TM]][0]
			      ? get_time(in, F_RPT_TM)
			      : -1;
	r->msg = get_number(in, F_MSG, 0);
	r->orig = get_number(in, F_ORIG, 1);
	r->prior_day = get_date_opt(in, F_PRIOR_DT, &in->dc[2]);
	r->st = get_code(in, F_ST, "TXCRYW", "unknown trade status");
	if (!r->st)
		bad(in, F_ST, "unknown trade status", "");
	r->asof = get_code(in, F_ASOF, "ARXD", "unknown as-of code");
	r->flags = 0;
	r->price = get_num(in, F_PRICE, "bad price");
	r->qty = get_qty(in, &r->flags);
	r->side = get_code(in, F_SIDE, "BS", "bad side (want B or S)");
	if (!r->side)
		bad(in, F_SIDE, "bad side (want B or S)", "");
	r->contra = get_contra(in);
	if (flag_y(in, F_WIS))
		r->flags |= LIQ_REC_WIS;
	if (flag_y(in, F_SPCL))
		r->flags |= LIQ_REC_SPCL;
	if (flag_y(in, F_LOCKED))
		r->flags |= LIQ_REC_LOCKED;
	/* agency: the reporting side acted as agent for a customer and the
	 * price carries no commission (Dick-Nielsen 2014) */
	cap = field_char(in, r->side == 'B' ? F_BUY_CAP : F_SELL_CAP);
	cm = field_char(in, F_CMSN);
	if (r->contra == 'C' && cap == 'A' && cm == 'N')
		r->flags |= LIQ_REC_AGENCY;
	r->sttl = get_sttl(in, r->exec_day);
	r->line = in->t->lineno;
	if (in->csv)
		r->line = in->rec_line;
}
