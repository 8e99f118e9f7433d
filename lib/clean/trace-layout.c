/* trace-layout — the five raw TRACE layouts trace-clean reads: the
 * column names of each, the names of the formats, telling the layout
 * from a header line, and finding a layout's columns in a header. */
#include "clean/traceread-internal.h"

#include "core/diag.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- the layouts ------------------------------------------------------ */

/* How much a layout needs a column: absent optional columns switch off
 * what they feed (locked-in and agency screens, report-time ordering). */
enum { OPT, REQ, NEED_WIS, NEED_SPCL, NEED_STTL };

typedef struct colspec {
	int f;
	const char *names; /* alternatives separated by ';': first found */
	int req;
} colspec;

static const colspec WRDS_COLS[] = {
	{ F_CUSIP, "cusip_id", REQ },
	{ F_EXEC_DT, "trd_exctn_dt", REQ },
	{ F_EXEC_TM, "trd_exctn_tm", REQ },
	{ F_RPT_DT, "trd_rpt_dt", REQ },
	{ F_RPT_TM, "trd_rpt_tm", OPT },
	{ F_MSG, "msg_seq_nb", REQ },
	{ F_ORIG, "orig_msg_seq_nb", REQ },
	{ F_ST, "trc_st", REQ },
	{ F_ASOF, "asof_cd", REQ },
	{ F_PRICE, "rptd_pr", REQ },
	/* WRDS's standard (disseminated) TRACE table: ascii_rptd_vol_tx */
	{ F_QTY, "entrd_vol_qt;ascii_rptd_vol_tx", REQ },
	{ F_SIDE, "rpt_side_cd", REQ },
	{ F_CONTRA, "cntra_mp_id", REQ },
	{ F_WIS, "wis_fl", NEED_WIS },
	{ F_SPCL, "spcl_trd_fl", NEED_SPCL },
	{ F_STTL_N, "days_to_sttl_ct", NEED_STTL },
	{ F_STTL_DT, "stlmnt_dt", NEED_STTL },
	{ F_LOCKED, "lckd_in_ind", OPT },
	{ F_BUY_CAP, "buy_cpcty_cd", OPT },
	{ F_SELL_CAP, "sell_cpcty_cd", OPT },
	{ F_CMSN, "cmsn_trd", OPT },
	{ -1, NULL, 0 }
};

static const colspec FINRA_COLS[] = {
	{ F_CUSIP, "CUSIP", REQ },
	{ F_EXEC_DT, "Execution Date", REQ },
	{ F_EXEC_TM, "Execution Time", REQ },
	{ F_RPT_DT, "Trade Report Date", REQ },
	{ F_RPT_TM, "Trade Report Time", OPT },
	{ F_MSG, "Reference Number", REQ },
	{ F_ORIG, "Prior Reference Number", REQ },
	{ F_PRIOR_DT, "Prior Trade Report Date", REQ },
	{ F_ST, "Trade Status", REQ },
	{ F_ASOF, "As Of Indicator", REQ },
	{ F_PRICE, "Price", REQ },
	{ F_QTY, "Quantity", REQ },
	{ F_SIDE, "Buy/Sell Indicator", REQ },
	{ F_CONTRA, "Contra Party Indicator", REQ },
	{ F_WIS, "When Issued Indicator", NEED_WIS },
	{ F_SPCL, "Special Price Indicator", NEED_SPCL },
	{ F_STTL_DT, "Settlement Date", NEED_STTL },
	{ F_LOCKED, "Locked In Indicator", OPT },
	{ F_BUY_CAP, "Buyer Capacity", OPT },
	{ F_SELL_CAP, "Seller Capacity", OPT },
	{ F_CMSN, "Remuneration", OPT },
	{ -1, NULL, 0 }
};

/* Post-2012 Academic names first, then the pre-2012 ones. The record
 * numbers pair up: SYSTM_CNTRL_NB with PREV_TRD_CNTRL_NB, REC_CT_NB with
 * PREV_REC_CT_NB (see academic_numbers()). */
static const colspec ACADEMIC_COLS[] = {
	{ F_CUSIP, "CUSIP_ID", REQ },
	{ F_EXEC_DT, "TRD_EXCTN_DT", REQ },
	{ F_EXEC_TM, "TRD_EXCTN_TM;EXCTN_TM", REQ },
	{ F_RPT_DT, "TRD_RPT_DT", REQ },
	{ F_RPT_TM, "TRD_RPT_TM", OPT },
	{ F_ST, "TRD_ST_CD;TRC_ST", REQ },
	{ F_ASOF, "ASOF_CD", REQ },
	{ F_PRICE, "RPTD_PR", REQ },
	{ F_QTY, "ENTRD_VOL_QT", REQ },
	{ F_SIDE, "RPT_SIDE_CD", REQ },
	{ F_CONTRA, "CNTRA_PARTY_ID;CNTRA_MP_ID", REQ },
	{ F_WIS, "WIS_DSTRD_CD;WIS_CD", NEED_WIS },
	{ F_SPCL, "SPCL_PR_FL", NEED_SPCL },
	{ F_STTL_DT, "TRD_STLMT_DT", NEED_STTL },
	{ F_LOCKED, "LCKD_IN_FL", OPT },
	{ F_BUY_CAP, "BUYER_CPCTY_CD;BUY_CPCTY_CD", OPT },
	{ F_SELL_CAP, "SLLR_CPCTY_CD;SELL_CPCTY_CD", OPT },
	{ F_CMSN, "NO_RMNRN_CD;CMSN_TRD_FL", OPT },
	{ -1, NULL, 0 }
};

/* The CSV download of a bond's trade history on FINRA's public pages
 * (finra.org, Fixed Income: Trade History): disseminated reports, one
 * side of an inter-dealer trade, no reference numbers, no report date and
 * no when-issued flag. Settlement is a date or a count of days. */
static const colspec PUBLIC_COLS[] = {
	{ F_CUSIP, "CUSIP", REQ },
	{ F_EXEC_DT, "Date", REQ },
	{ F_EXEC_TM, "Time", REQ },
	{ F_ST, "Status", REQ },
	{ F_QTY, "Quantity", REQ },
	{ F_PRICE, "Price", REQ },
	{ F_SIDE, "Side", REQ },
	{ F_CONTRA, "Contra Party Type", REQ },
	{ F_RPTG, "Reporting Party Type", OPT },
	{ F_SPCL, "Special", NEED_SPCL },
	{ F_STTL_DT, "Settlement", NEED_STTL },
	{ F_ASOF, "As-Of", OPT },
	{ F_ATS, "ATS", OPT },
	{ -1, NULL, 0 }
};

/* WRDS's standard TRACE table (trace_standard.trace): the disseminated
 * reports, sizes as disseminated (ascii_rptd_vol_tx, capped at 5MM+ or
 * 1MM+), trc_st T, C or W whatever the date, no report date and no
 * reporting-party detail (rpt_side_cd, cntra_mp_id); the later years carry
 * the reporting side (side) and the contra party (contra_party_type),
 * without which a trade cannot be signed. */
static const colspec STANDARD_COLS[] = {
	{ F_CUSIP, "cusip_id", REQ },
	{ F_EXEC_DT, "trd_exctn_dt", REQ },
	{ F_EXEC_TM, "trd_exctn_tm", REQ },
	{ F_MSG, "msg_seq_nb", REQ },
	{ F_ORIG, "orig_msg_seq_nb", REQ },
	{ F_ST, "trc_st", REQ },
	{ F_ASOF, "asof_cd", REQ },
	{ F_PRICE, "rptd_pr", REQ },
	{ F_QTY, "ascii_rptd_vol_tx", REQ },
	{ F_SIDE, "side", OPT },
	{ F_CONTRA, "contra_party_type", OPT },
	{ F_WIS, "wis_fl", NEED_WIS },
	{ F_SPCL, "spcl_trd_fl", NEED_SPCL },
	{ F_STTL_N, "days_to_sttl_ct", NEED_STTL },
	{ F_CMSN, "cmsn_trd", OPT },
	{ -1, NULL, 0 }
};

static const colspec *
cols_of(liq_trace_fmt f)
{
	switch (f) {
	case LIQ_FMT_WRDS: return WRDS_COLS;
	case LIQ_FMT_STANDARD: return STANDARD_COLS;
	case LIQ_FMT_FINRA: return FINRA_COLS;
	case LIQ_FMT_PUBLIC: return PUBLIC_COLS;
	default: return ACADEMIC_COLS;
	}
}

int
liq_trace_fmt_parse(const char *name)
{
	static const char *const N[] = { "auto", "wrds", "finra", "academic",
					 "public", "standard" };
	int i;

	for (i = 0; i < 6; i++)
		if (strcmp(name, N[i]) == 0)
			return i;
	return -1;
}

const char *
liq_trace_fmt_name(liq_trace_fmt f)
{
	switch (f) {
	case LIQ_FMT_WRDS: return "wrds";
	case LIQ_FMT_FINRA: return "finra";
	case LIQ_FMT_ACADEMIC: return "academic";
	case LIQ_FMT_PUBLIC: return "public";
	case LIQ_FMT_STANDARD: return "standard";
	default: return "auto";
	}
}

static int
has(const char *line, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(line + i, word, n) == 0)
			return 1;
	return 0;
}

/* A header title without a UTF-8 byte-order mark, surrounding spaces or
 * double quotes: *n bytes from the pointer returned. */
static const char *
bare_title(const char *h, size_t *n)
{
	size_t len = *n;

	if (len >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) {
		h += 3;
		len -= 3;
	}
	while (len && (*h == ' ' || *h == '"')) {
		h++;
		len--;
	}
	while (len && (h[len - 1] == ' ' || h[len - 1] == '"'))
		len--;
	*n = len;
	return h;
}

/* Does the header line (fields split on sep) have a title in `names`
 * (';'-separated alternatives)? */
static int
line_has_title(const char *line, size_t len, char sep, const char *names)
{
	const char *p = line, *end = line + len;

	while (p <= end) {
		const char *q = memchr(p, sep, (size_t)(end - p));
		size_t n = (size_t)((q ? q : end) - p);
		const char *t = bare_title(p, &n), *a = names;
		while (*a) {
			size_t an = strcspn(a, ";");
			if (an == n && strncasecmp(a, t, n) == 0)
				return 1;
			a += an + (a[an] == ';');
		}
		if (!q)
			break;
		p = q + 1;
	}
	return 0;
}

/* How many of layout f's required titles the header line has. */
static int
score(liq_trace_fmt f, const char *line, size_t len, char sep, int *nreq)
{
	const colspec *cs = cols_of(f);
	int n = 0;

	*nreq = 0;
	for (; cs->names; cs++)
		if (cs->req == REQ) {
			++*nreq;
			n += line_has_title(line, len, sep, cs->names);
		}
	return n;
}

liq_trace_fmt
liq_trace_sniff(const char *line, size_t len, char *sep)
{
	static const liq_trace_fmt F[] = { LIQ_FMT_WRDS, LIQ_FMT_STANDARD,
					   LIQ_FMT_PUBLIC };
	int i, best = -1, bs = 0, nreq;

	if (memchr(line, '|', len) && !memchr(line, '\t', len)) {
		*sep = '|';
		if (has(line, len, "Reference Number"))
			return LIQ_FMT_FINRA;
		if (has(line, len, "REC_CT_NB") || has(line, len, "CUSIP_ID"))
			return LIQ_FMT_ACADEMIC;
		return LIQ_FMT_AUTO;
	}
	if (memchr(line, '\t', len))
		*sep = '\t';
	else if (memchr(line, ',', len))
		*sep = ',';
	else
		*sep = '\t';
	/* a layout whose required titles are all there; else the most */
	for (i = 0; i < 3; i++) {
		int s = score(F[i], line, len, *sep, &nreq);
		if (s == nreq)
			return F[i];
		if (s > bs) {
			bs = s;
			best = i;
		}
	}
	return best < 0 ? LIQ_FMT_AUTO : F[best];
}

void
liq_trace_unknown_header(const char *name, const char *line, size_t len,
			 char sep)
{
	static const liq_trace_fmt F[] = { LIQ_FMT_WRDS, LIQ_FMT_FINRA,
		LIQ_FMT_ACADEMIC, LIQ_FMT_PUBLIC, LIQ_FMT_STANDARD };
	const colspec *cs;
	char miss[1024];
	size_t m = 0;
	int i, best = 0, bs = -1, bn = 0, nreq;

	for (i = 0; i < 5; i++) {
		int s = score(F[i], line, len, sep, &nreq);
		if (s > bs) {
			bs = s;
			bn = nreq;
			best = i;
		}
	}
	miss[0] = '\0';
	for (cs = cols_of(F[best]); cs->names; cs++)
		if (cs->req == REQ &&
		    !line_has_title(line, len, sep, cs->names) &&
		    m < sizeof miss - 1)
			m += (size_t)snprintf(miss + m, sizeof miss - m,
					      "%s'%.*s'", m ? ", " : "",
					      (int)strcspn(cs->names, ";"),
					      cs->names);
	liq_die(LIQ_EXIT_USAGE, "%s: cannot tell the layout from the header "
		"'%.*s' (want WRDS Enhanced or standard TRACE, FINRA, Academic "
		"TRACE or FINRA's public CSV; --format names it): nearest the %s layout, with %d of "
		"its %d required columns; missing %s", name,
		(int)(len > 60 ? 60 : len), line, liq_trace_fmt_name(F[best]),
		bs, bn, miss);
}

/* ---- the header ------------------------------------------------------ */

static int
col_of(const liq_trace_in *in, const char *name)
{
	int i;

	for (i = 0; i < in->nhdr; i++) {
		size_t n = strlen(in->hdr[i]);
		const char *h = bare_title(in->hdr[i], &n);
		if (n == strlen(name) && strncasecmp(h, name, n) == 0)
			return i;
	}
	return -1;
}

/* Resolve a ';'-separated list of alternative names; sets *which to the
 * index of the one found. */
static int
find_col(const liq_trace_in *in, const char *names, int *which,
	 const char **found)
{
	char buf[64];
	const char *p = names;
	int k = 0;

	while (*p) {
		size_t n = strcspn(p, ";");
		int c;
		memcpy(buf, p, n);
		buf[n] = '\0';
		c = col_of(in, buf);
		if (c >= 0) {
			*which = k;
			*found = p;
			return c;
		}
		p += n + (p[n] == ';');
		k++;
	}
	return -1;
}

static const char *
need_hint(int req)
{
	switch (req) {
	case NEED_WIS: return ": the when-issued screen needs it "
			      "(--keep-when-issued turns the screen off)";
	case NEED_SPCL: return ": the special-price screen needs it "
			       "(--keep-special-price turns the screen off)";
	case NEED_STTL: return ": the settlement screen needs it "
			       "(--keep-settlement turns the screen off)";
	default: return "";
	}
}

static _Noreturn void
missing(const liq_trace_in *in, const char *names, int req)
{
	size_t n = strcspn(names, ";");

	liq_die(LIQ_EXIT_USAGE, "%s: missing column '%.*s' of the %s layout%s",
		in->t->name, (int)n, names, liq_trace_fmt_name(in->fmt),
		need_hint(req));
}

void
liq_trace_resolve_columns(liq_trace_in *in, int need)
{
	const colspec *cs = cols_of(in->fmt);
	int i, j, which;

	/* a title twice: which of the two holds the data is not known */
	for (i = 0; i < in->nhdr; i++)
		for (j = i + 1; j < in->nhdr; j++)
			if (strcmp(in->hdr[i], in->hdr[j]) == 0) {
				char q[64];
				liq_die_at(LIQ_EXIT_DATA, in->t->name, 1, "column '%s' "
					   "appears twice in the header (fields %d "
					   "and %d)", liq_quote(q, sizeof q, in->hdr[i]),
					   i + 1, j + 1);
			}
	for (i = 0; i < F_N; i++)
		in->col[i] = -1;
	for (; cs->names; cs++) {
		const char *found = cs->names;
		in->col[cs->f] = find_col(in, cs->names, &which, &found);
		in->colname[cs->f] = in->col[cs->f] >= 0
					     ? in->hdr[in->col[cs->f]]
					     : cs->names;
		if (in->col[cs->f] >= 0 || cs->req == OPT)
			continue;
		if (cs->req == REQ ||
		    (cs->req == NEED_WIS && (need & LIQ_NEED_WIS)) ||
		    (cs->req == NEED_SPCL && (need & LIQ_NEED_SPCL)))
			missing(in, cs->names, cs->req);
	}
	/* the settlement screen takes days to settlement or the date */
	if ((need & LIQ_NEED_STTL) && in->col[F_STTL_N] < 0 &&
	    in->col[F_STTL_DT] < 0)
		missing(in, in->fmt == LIQ_FMT_WRDS ||
				    in->fmt == LIQ_FMT_STANDARD ? "days_to_sttl_ct"
			    : in->fmt == LIQ_FMT_FINRA ? "Settlement Date"
			    : in->fmt == LIQ_FMT_PUBLIC ? "Settlement"
						       : "TRD_STLMT_DT",
			NEED_STTL);
	if (in->fmt == LIQ_FMT_ACADEMIC) {
		/* post-2012 control numbers, or pre-2012 record counts */
		const char *num = "SYSTM_CNTRL_NB", *prev = "PREV_TRD_CNTRL_NB";
		if (col_of(in, num) < 0) {
			num = "REC_CT_NB";
			prev = "PREV_REC_CT_NB";
		}
		if ((in->col[F_MSG] = col_of(in, num)) < 0)
			missing(in, "SYSTM_CNTRL_NB", REQ);
		if ((in->col[F_ORIG] = col_of(in, prev)) < 0)
			missing(in, prev, REQ);
		in->colname[F_MSG] = num;
		in->colname[F_ORIG] = prev;
	}
}
