/* audit — what the cleaning removed, and why: the rejects file (every
 * removed report with its reason in words and the file:line of the
 * report that removed it), the audit table of rows per step, and the
 * one-line warnings about records that matched no report and about
 * capped sizes. */
#include "clean/clean-internal.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/tsv.h"

#include <stdio.h>
#include <string.h>

static const char *
st_name(const rpt *r)
{
	if (is_public(r))
		return r->st == 'X' ? "public Cancel"
		       : r->st == 'R' ? "public Correction" : "public T report";
	if (is_pre(r) && (r->asof == 'R' || r->asof == 'X'))
		return r->asof == 'R' ? "as-of R reversal" : "as-of X reversal";
	switch (r->st) {
	case 'X': return "X cancel";
	case 'C': return is_pre(r) ? "C cancel" : "C cancelled correction";
	case 'Y': return "Y reversal";
	case 'W': return "W correction";
	case 'R': return "R correction";
	default: return "T report";
	}
}

/* Why report i was removed, in words. */
static void
detail(const liq_clean *c, uint32_t i, char *buf, size_t sz)
{
	const rpt *r = &c->r[i];
	const rpt *l = r->link != LIQ_NONE ? &c->r[r->link] : NULL;
	const char *lf = l ? liq_clean_file_of(c, r->link) : "";
	char a[LIQ_NUM_BUFSZ], b[LIQ_NUM_BUFSZ];

	switch (r->why) {
	case LIQ_K_CANCELLED: case LIQ_K_CORRECTED: case LIQ_K_REVERSED:
	case LIQ_K_PRE_CANCELLED: case LIQ_K_PRE_REVERSED:
		if (is_public(r) && r->why == LIQ_K_CORRECTED)
			snprintf(buf, sz, "replaced by the public Correction "
				 "at %s:%lu", lf, (unsigned long)l->line);
		else if (r->flags & LIQ_CR_UNMATCHED)
			snprintf(buf, sz, "%s that matches no report",
				 st_name(r));
		else if (strchr("XCY", r->st) ||
			 (is_pre(r) && (r->asof == 'R' || r->asof == 'X')))
			snprintf(buf, sz, "%s of %s:%lu", st_name(r), lf,
				 (unsigned long)l->line);
		else
			snprintf(buf, sz, "removed by the %s at %s:%lu",
				 st_name(l), lf, (unsigned long)l->line);
		break;
	case LIQ_K_PRE_CORRECTED:
		snprintf(buf, sz, "replaced by the W correction at %s:%lu", lf,
			 (unsigned long)l->line);
		break;
	case LIQ_K_DEALER_BUY:
		snprintf(buf, sz, "dealer buy matching the dealer sell at "
			 "%s:%lu", lf, (unsigned long)l->line);
		break;
	case LIQ_K_WHEN_ISSUED: snprintf(buf, sz, "when issued"); break;
	case LIQ_K_SPECIAL_PRICE: snprintf(buf, sz, "special price"); break;
	case LIQ_K_SETTLEMENT:
		snprintf(buf, sz, "settles %d settlement days after execution "
			 "(limit %d)", r->sttl, liq_clean_settle_limit(c, r));
		break;
	case LIQ_K_LOCKED_IN: snprintf(buf, sz, "locked-in report"); break;
	case LIQ_K_AGENCY:
		snprintf(buf, sz, "agency customer trade without commission");
		break;
	case LIQ_K_PRICE_RANGE:
		liq_num_fmt(a, c->o.max_price);
		snprintf(buf, sz, "price outside (0, %s]", a);
		break;
	case LIQ_K_RISKLESS:
		snprintf(buf, sz, "dealer print of a riskless-principal pair "
			 "with the customer print at %s:%lu", lf,
			 (unsigned long)l->line);
		break;
	case LIQ_K_PRICE_ERROR:
		liq_num_fmt(a, r->price);
		liq_num_fmt(b, liq_clean_pe_ref(c, i));
		snprintf(buf, sz, "%s: %s against a median of %s around it",
			 r->flags & LIQ_CR_SHIFT ? "decimal shift"
						 : "bounce-back",
			 a, b);
		break;
	default: buf[0] = '\0';
	}
}

void
liq_clean_write_rejects(const liq_clean *c, FILE *fp)
{
	static const char *const H[] = { "reason", "detail", "file", "line",
		"cusip_id", "trd_exctn_dt", "trd_exctn_tm", "trd_rpt_dt",
		"trd_rpt_tm", "msg_seq_nb", "orig_msg_seq_nb", "trc_st",
		"asof_cd", "rptd_pr", "entrd_vol_qt", "rpt_side_cd",
		"cntra_mp_id", NULL };
	liq_row w;
	unsigned long i;
	char buf[256], t[9];

	liq_write_header(fp, H);
	liq_row_init(&w);
	for (i = 0; i < c->n; i++) {
		const rpt *r = &c->r[i];
		if (r->why == LIQ_K_KEPT)
			continue;
		liq_row_str(&w, liq_clean_kind_name(r->why));
		detail(c, (uint32_t)i, buf, sizeof buf);
		liq_row_str(&w, buf);
		liq_row_str(&w, liq_clean_file_of(c, i));
		liq_row_long(&w, (long)r->line);
		liq_row_str(&w, cusip_of(c, r->bond));
		liq_row_date(&w, r->exec_day);
		liq_time_fmt(t, r->exec_tsec);
		liq_row_strn(&w, t, 8);
		if (is_public(r) || is_standard(r))
			liq_row_na(&w); /* these layouts have no report date */
		else
			liq_row_date(&w, r->rpt_day);
		if (r->rpt_tsec >= 0) {
			liq_time_fmt(t, r->rpt_tsec);
			liq_row_strn(&w, t, 8);
		} else {
			liq_row_na(&w);
		}
		/* zero-filled like the raw files, to grep them; the public
		 * CSV has no reference numbers */
		if (r->msg >= 0) {
			snprintf(buf, sizeof buf, "%07lld", (long long)r->msg);
			liq_row_str(&w, buf);
		} else {
			liq_row_na(&w);
		}
		if (r->orig >= 0) {
			snprintf(buf, sizeof buf, "%07lld", (long long)r->orig);
			liq_row_str(&w, buf);
		} else {
			liq_row_na(&w);
		}
		liq_row_strn(&w, &r->st, 1);
		if (r->asof)
			liq_row_strn(&w, &r->asof, 1);
		else
			liq_row_na(&w);
		liq_row_num(&w, r->price);
		liq_row_num(&w, r->qty);
		liq_row_strn(&w, &r->side, 1);
		liq_row_strn(&w, &r->contra, 1);
		liq_row_end(&w, fp);
	}
	liq_row_free(&w);
}

void
liq_clean_audit(const liq_clean *c, FILE *fp)
{
	static const char STEP[LIQ_K_N] = {
		0, '1', '1', '1', '2', '2', '2', '3', '4', '4', '4', '4', '4',
		'4', '5', '6'
	};
	double n = c->n ? (double)c->n : 1;
	int k;

	fprintf(fp, "%-5s %-14s %12s %8s\n", "step", "kind", "rows", "%");
	fprintf(fp, "%-5s %-14s %12lu %8.2f\n", "in", "reports", c->n,
		c->n ? 100.0 : 0.0);
	/* a note: lines (header and trailer too) read with a CR stripped */
	if (c->ncrlf)
		fprintf(fp, "%-5s %-14s %12lu %8s\n", "in", "crlf_lines",
			c->ncrlf, "-");
	if (c->ncapped)
		fprintf(fp, "%-5s %-14s %12lu %8.2f\n", "in", "capped_size",
			c->ncapped, 100 * c->ncapped / n);
	for (k = 1; k < LIQ_K_N; k++) {
		/* step 6: the pairs, a note with their share of the clean
		 * customer prints; the dealer prints removed with
		 * --collapse-riskless */
		if (k == LIQ_K_RISKLESS) {
			fprintf(fp, "%-5c %-14s %12lu %8.2f\n", '6',
				"riskless_pairs", c->npairs,
				c->ncustomer ? 100.0 * c->npairs /
					       (double)c->ncustomer : 0.0);
			if (!c->o.collapse_riskless)
				continue;
		}
		fprintf(fp, "%-5c %-14s %12lu %8.2f\n", STEP[k],
			liq_clean_kind_name(k), c->count[k],
			100 * c->count[k] / n);
		/* public Cancels (in cancelled) and Corrections (kept) that
		 * matched no report */
		if (k == LIQ_K_REVERSED && c->unmatched[LIQ_U_PUB_X])
			fprintf(fp, "%-5c %-14s %12lu %8.2f\n", '1',
				"cancel_nomatch", c->unmatched[LIQ_U_PUB_X],
				100 * c->unmatched[LIQ_U_PUB_X] / n);
		if (k == LIQ_K_REVERSED && c->unmatched[LIQ_U_PUB_R])
			fprintf(fp, "%-5c %-14s %12lu %8.2f\n", '1',
				"corr_nomatch", c->unmatched[LIQ_U_PUB_R],
				100 * c->unmatched[LIQ_U_PUB_R] / n);
		/* public inter-dealer reports, kept: nothing to pair */
		if (k == LIQ_K_DEALER_BUY && c->nonesided)
			fprintf(fp, "%-5c %-14s %12lu %8.2f\n", '3',
				"dealer_single", c->nonesided,
				100 * c->nonesided / n);
	}
	fprintf(fp, "%-5s %-14s %12lu %8.2f\n", "out", "clean",
		c->count[LIQ_K_KEPT], 100 * c->count[LIQ_K_KEPT] / n);
}

void
liq_clean_warn_unmatched(const liq_clean *c)
{
	static const char *const N[LIQ_U_N] = {
		"X cancel", "C cancelled correction", "Y reversal",
		"pre-2012 C cancel", "pre-2012 W correction",
		"pre-2012 as-of reversal", "public Cancel", "public Correction"
	};
	char buf[512];
	size_t len = 0;
	int u, dropped = 0, kept = 0;

	for (u = 0; u < LIQ_U_N; u++) {
		unsigned long m = c->unmatched[u];
		if (!m)
			continue;
		len += (size_t)snprintf(buf + len, sizeof buf - len,
					"%s%lu %s%s", len ? ", " : "", m, N[u],
					m == 1 ? "" : "s");
		if (u == LIQ_U_PRE_W)
			kept |= 1;
		else if (u == LIQ_U_PUB_R)
			kept |= 2;
		else
			dropped = 1;
	}
	if (!len)
		return;
	liq_warn("matched no report: %s (%s%s%s; --rejects lists them)", buf,
		 dropped ? "dropped" : "", dropped && kept ? "; " : "",
		 kept == 1   ? "W corrections kept as trades"
		 : kept == 2 ? "public Corrections kept as trades"
		 : kept == 3 ? "W and public corrections kept as trades"
			     : "");
}

void
liq_clean_warn_capped(const liq_clean *c)
{
	if (!c->ncapped)
		return;
	liq_warn("%lu report%s with a capped size (5MM+ or 1MM+) written "
		 "at the cap, 5000000 or 1000000 (the size traded is at "
		 "least that)",
		 c->ncapped, c->ncapped == 1 ? "" : "s");
}
