#include "format/impact.h"

#include "core/diag.h"
#include "core/text.h"
#include "ref/cusip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ROW(f) offsetof(liq_impact_row, f)
#define POST(f) offsetof(liq_impact_post, f)

/* cusip first: the loader checks it before the row's other fields */
const liq_impact_col liq_impact_cols[] = {
	{ "cusip", "the bond", 's', ROW(cusip), LIQ_ICOL_NEED, NULL },
	{ "n", "customer prints with a cost in the fit sample", 'l', ROW(n),
	  LIQ_ICOL_NONNEG, NULL },
	{ "alpha", "impact coefficient alpha (NA without a fit)", 'n', ROW(alpha),
	  LIQ_ICOL_NEED | LIQ_ICOL_POS, NULL },
	{ "beta", "impact exponent beta (NA without a fit)", 'n', ROW(beta),
	  LIQ_ICOL_NEED, NULL },
	{ "se_log_alpha", "standard error of log alpha", 'n', ROW(se_log_alpha),
	  LIQ_ICOL_ZERO | LIQ_ICOL_NONNEG, NULL },
	{ "se_beta", "standard error of beta", 'n', ROW(se_beta),
	  LIQ_ICOL_ZERO | LIQ_ICOL_NONNEG, NULL },
	{ "r2", "1 - RSS/TSS of the costs (loglin: log costs)", 'n', ROW(r2),
	  LIQ_ICOL_SKIP, NULL },
	{ "sigma_bps", "daily volatility, bps", 'n', ROW(sigma_bps),
	  LIQ_ICOL_NEED | LIQ_ICOL_RAW_OK | LIQ_ICOL_POS, NULL },
	{ "adv_usd", "average daily par volume, $", 'n', ROW(adv_usd),
	  LIQ_ICOL_NEED | LIQ_ICOL_NONNEG, NULL },
	{ "half_spread_bps", "half spread h, bps (0 for loglin)", 'n',
	  ROW(half_spread_bps), LIQ_ICOL_NEED, NULL },
	{ "se_half_spread_bps", "standard error of h", 'n', ROW(se_half_spread_bps),
	  LIQ_ICOL_ZERO | LIQ_ICOL_NONNEG, NULL },
	{ "cov_log_alpha_beta", "covariance of log alpha and beta", 'n',
	  ROW(cov_log_alpha_beta), LIQ_ICOL_ZERO, NULL },
	{ "cov_h_log_alpha", "covariance of h and log alpha", 'n',
	  ROW(cov_h_log_alpha), LIQ_ICOL_ZERO, NULL },
	{ "cov_h_beta", "covariance of h and beta", 'n', ROW(cov_h_beta),
	  LIQ_ICOL_ZERO, NULL },
	{ "resid_lo_bps", "5% quantile of a cost around its expectation, bps", 'n',
	  ROW(resid_lo_bps), 0, NULL },
	{ "resid_hi_bps", "95% quantile of a cost around its expectation, bps", 'n',
	  ROW(resid_hi_bps), 0, NULL },
	{ "resid_sd_bps", "model sd of a recent trade's cost, bps", 'n',
	  ROW(resid_sd_bps), 0, NULL },
	{ "mean_cost_bps", "weighted mean cost of the prints, bps", 'n',
	  ROW(mean_cost_bps), 0, NULL },
	{ "se_mean_cost_bps", "its standard error", 'n', ROW(se_mean_cost_bps), 0,
	  NULL },
	{ "logx_k0", "K(0.5), K(b) = log of the weighted mean of (q/ADV)^b", 'n',
	  ROW(logx_k0), 0, NULL },
	{ "logx_k1", "K'(0.5)", 'n', ROW(logx_k1), 0, NULL },
	{ "logx_k2", "K''(0.5)", 'n', ROW(logx_k2), 0, NULL },
	{ "se_log_sigma", "standard error of log sigma", 'n', ROW(se_log_sigma), 0,
	  NULL },
	{ "prints", "customer prints in the fit sample, with a cost or not",
	  'l', ROW(prints), LIQ_ICOL_SKIP, NULL },
	{ "method", "nls or loglin", 's', ROW(method), LIQ_ICOL_SKIP, NULL },
	{ NULL, NULL, 0, 0, 0, NULL }
};

const liq_impact_col liq_impact_post_cols[] = {
	{ "alpha_post", "posterior alpha", 'n', POST(alpha), 0, "alpha" },
	{ "beta_post", "posterior beta", 'n', POST(beta), 0, "beta" },
	{ "weight", "share of the posterior precision that is the bond's own", 'n',
	  POST(weight), 0, NULL },
	{ "source", "cusip (weight >= 0.5), shrunk (< 0.5), prior (no usable fit)", 's', POST(source), 0, NULL },
	{ "half_spread_post_bps", "posterior half spread, bps", 'n',
	  POST(half_spread_bps), 0, "half_spread_bps" },
	{ "sigma_post_bps", "posterior daily volatility, bps", 'n', POST(sigma_bps),
	  0, "sigma_bps" },
	{ "se_half_spread_post_bps", "its standard error", 'n',
	  POST(se_half_spread_bps), 0, "se_half_spread_bps" },
	{ "se_log_alpha_post", "posterior standard error of log alpha", 'n',
	  POST(se_log_alpha), 0, "se_log_alpha" },
	{ "se_beta_post", "posterior standard error of beta", 'n', POST(se_beta), 0,
	  "se_beta" },
	{ "cov_log_alpha_beta_post", "posterior covariance of log alpha and beta",
	  'n', POST(cov_log_alpha_beta), 0, "cov_log_alpha_beta" },
	{ "cov_h_log_alpha_post", "posterior covariance of h and log alpha", 'n',
	  POST(cov_h_log_alpha), 0, "cov_h_log_alpha" },
	{ "cov_h_beta_post", "posterior covariance of h and beta", 'n',
	  POST(cov_h_beta), 0, "cov_h_beta" },
	{ "resid_lo_post_bps", "5% residual quantile used, bps", 'n',
	  POST(resid_lo_bps), 0, "resid_lo_bps" },
	{ "resid_hi_post_bps", "95% residual quantile used, bps", 'n',
	  POST(resid_hi_bps), 0, "resid_hi_bps" },
	{ "prior", "the prior: sector/BUCKET, BUCKET or all", 's', POST(prior), 0,
	  NULL },
	{ NULL, NULL, 0, 0, 0, NULL }
};

void
liq_impact_names(liq_row *w, const liq_impact_col *cols)
{
	for (; cols->name; cols++)
		liq_row_str(w, cols->name);
}

void
liq_impact_put(liq_row *w, const liq_impact_col *cols, const void *row)
{
	const char *p = row;

	for (; cols->name; cols++) {
		const void *f = p + cols->off;
		const char *s;

		switch (cols->type) {
		case 's':
			s = *(const char *const *)f;
			if (s)
				liq_row_str(w, s);
			else
				liq_row_na(w);
			break;
		case 'l':
			liq_row_long(w, *(const long *)f);
			break;
		default:
			liq_row_num(w, *(const double *)f);
		}
	}
}

void
liq_impact_header(FILE *fp, const liq_impact_col *cols)
{
	liq_row w;

	liq_row_init(&w);
	liq_impact_names(&w, cols);
	liq_row_end(&w, fp);
	liq_row_free(&w);
	fflush(fp);
}

void
liq_impact_help(FILE *fp, const liq_impact_col *cols)
{
	const liq_impact_col *c;
	int w = 0;

	for (c = cols; c->name; c++)
		if ((int)strlen(c->name) > w)
			w = (int)strlen(c->name);
	for (c = cols; c->name; c++)
		fprintf(fp, "  %-*s  %s\n", w, c->name, c->desc);
}

/* ---- the table --------------------------------------------------------- */

/* The column of r that gives raw column c: its posterior column when
 * post and there is one (the raw one if that is missing and c allows
 * it); -1 if absent, exit 2 if absent and needed. */
static int
column(const liq_tsv *r, const liq_impact_col *c, int post)
{
	const char *name = c->name;
	const liq_impact_col *q;
	int i;

	for (q = liq_impact_post_cols; post && q->name; q++)
		if (q->raw && strcmp(q->raw, c->name) == 0) {
			i = liq_tsv_col(r, q->name);
			if (i >= 0 || !(c->flags & LIQ_ICOL_RAW_OK))
				name = q->name;
			break;
		}
	i = liq_tsv_col(r, name);
	if (i < 0 && (c->flags & LIQ_ICOL_NEED))
		(void)liq_tsv_need(r, name);
	return i;
}

/* The current row (or the header) joined with tabs, as a new string. */
static char *
join(char *const *f, int nf)
{
	size_t len = 0, k = 0;
	char *s;
	int i;

	for (i = 0; i < nf; i++)
		len += strlen(f[i]) + 1;
	s = liq_xmalloc(len + 1);
	for (i = 0; i < nf; i++) {
		size_t l = strlen(f[i]);
		memcpy(s + k, f[i], l);
		k += l;
		s[k++] = i + 1 < nf ? '\t' : '\0';
	}
	if (nf == 0)
		s[0] = '\0';
	return s;
}

/* Exit 1: "file:line: column 'name': what 'value'tail". */
static _Noreturn void
out_of_range(const liq_tsv *r, int col, const char *what, const char *tail)
{
	char qn[64], qv[64];

	liq_tsv_fail(r, "column '%s': %s '%s'%s",
		     liq_quote(qn, sizeof qn, r->hdr[col]), what,
		     liq_quote(qv, sizeof qv, liq_tsv_field(r, col)), tail);
}

/* Field `col` of the current row into the row struct as column c says
 * (col < 0: the column is absent). */
static void
read_field(const liq_tsv *r, const liq_impact_col *c, int col,
	   liq_impact_row *row)
{
	char *f = (char *)row + c->off;
	double v;

	if (c->type == 's') {
		*(const char **)(void *)f = col < 0 ? NULL : liq_tsv_field(r, col);
		return;
	}
	if (col < 0) {
		if (c->type == 'l')
			*(long *)(void *)f = -1;
		else
			*(double *)(void *)f = c->flags & LIQ_ICOL_ZERO ? 0 : NAN;
		return;
	}
	v = liq_tsv_num(r, col);
	if ((c->flags & LIQ_ICOL_NONNEG) && v < 0)
		out_of_range(r, col, "negative value", "");
	if ((c->flags & LIQ_ICOL_POS) && v <= 0)
		out_of_range(r, col, "bad value", " (want a number above 0)");
	if (c->type == 'l') {
		/* checked before the conversion: a double beyond long's range
		   converted to long is undefined */
		if (!isnan(v) && !(v == floor(v) && v <= 1e15))
			out_of_range(r, col, "bad count", " (want a whole number "
				     "from 0 to 1e15)");
		*(long *)(void *)f = isnan(v) ? 0 : (long)v;
	} else {
		*(double *)(void *)f = v;
	}
}

/* A model from a row read by the loader. */
static void
model(liq_cost_model *m, const liq_impact_row *x)
{
	size_t i;

	m->sigma_bps = x->sigma_bps;
	m->adv_usd = x->adv_usd;
	m->alpha = x->alpha;
	m->beta = x->beta;
	m->h = x->half_spread_bps;
	m->c[0] = x->se_half_spread_bps * x->se_half_spread_bps;
	m->c[1] = x->cov_h_log_alpha;
	m->c[2] = x->cov_h_beta;
	m->c[3] = x->se_log_alpha * x->se_log_alpha;
	m->c[4] = x->cov_log_alpha_beta;
	m->c[5] = x->se_beta * x->se_beta;
	m->resid_lo = x->resid_lo_bps;
	m->resid_hi = x->resid_hi_bps;
	m->resid_sd = x->resid_sd_bps;
	m->mean_cost = x->mean_cost_bps;
	m->se_mean_cost = x->se_mean_cost_bps;
	m->se_log_sigma = x->se_log_sigma;
	m->width = 1;
	m->logx_k[0] = x->logx_k0;
	m->logx_k[1] = x->logx_k1;
	m->logx_k[2] = x->logx_k2;
	m->n = x->n;
	m->ok = m->sigma_bps > 0 && m->adv_usd > 0 && m->alpha > 0 &&
		m->beta > 0 && m->h >= 0 && isfinite(m->sigma_bps) &&
		isfinite(m->adv_usd) && isfinite(m->alpha) &&
		isfinite(m->beta) && isfinite(m->h);
	/* an NA uncertainty is unknown, not zero: no interval */
	for (i = 0; i < 6; i++)
		if (isnan(m->c[i]))
			m->resid_lo = m->resid_hi = NAN;
}

#define NCOLS (sizeof liq_impact_cols / sizeof liq_impact_cols[0] - 1)

liq_impact_table *
liq_impact_table_load(const char *path, int flags)
{
	liq_tsv *r = liq_tsv_open(path);
	liq_impact_table *t = liq_xcalloc(1, sizeof *t);
	unsigned long cap = 0;
	int col[NCOLS], p;
	size_t i, j;

	if (!liq_tsv_header(r)) {
		if (!(flags & LIQ_TABLE_EMPTY_OK))
			liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)",
				path);
		liq_tsv_close(r);
		return t;
	}
	p = t->posterior = !(flags & LIQ_TABLE_RAW) &&
			   liq_tsv_col(r, "alpha_post") >= 0;
	if (flags & LIQ_TABLE_LINES)
		t->header = join(r->hdr, r->nhdr);
	t->n_col = liq_tsv_col(r, "n");
	for (j = 0; j < NCOLS; j++)
		col[j] = liq_impact_cols[j].flags & LIQ_ICOL_SKIP ? -1
			 : column(r, &liq_impact_cols[j], p);
	while (liq_tsv_next(r)) {
		liq_impact_row x = { 0 };
		liq_cost_model *m;

		liq_grow(&t->m, &cap, (unsigned long)t->n + 1, sizeof *t->m);
		m = &t->m[t->n++];
		/* the cusip first: a bad one is the row's first error */
		x.cusip = liq_tsv_cusip(r, col[0]);
		strcpy(m->cusip, x.cusip);
		for (j = 1; j < NCOLS; j++)
			if (!(liq_impact_cols[j].flags & LIQ_ICOL_SKIP))
				read_field(r, &liq_impact_cols[j], col[j], &x);
		model(m, &x);
		m->line = flags & LIQ_TABLE_LINES ? join(r->f, r->nf) : NULL;
	}
	liq_tsv_close(r);
	if (t->n)
		qsort(t->m, t->n, sizeof *t->m, liq_cusip_row_cmp);
	for (i = 1; i < t->n; i++)
		if (strcmp(t->m[i].cusip, t->m[i - 1].cusip) == 0)
			liq_die(LIQ_EXIT_DATA, "%s: cusip '%s' appears twice", path,
				t->m[i].cusip);
	return t;
}

const liq_cost_model *
liq_impact_table_find(const liq_impact_table *t, const char *cusip)
{
	return t->n ? bsearch(cusip, t->m, t->n, sizeof *t->m, liq_cusip_row_cmp)
		    : NULL;
}

void
liq_impact_table_free(liq_impact_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->m[i].line);
	free(t->header);
	free(t->m);
	free(t);
}
