/* impact — the impact tables (liq(7), FILES): impact-fit's output
 * (impact_raw.tsv), impact-shrink's (impact.tsv: the same columns with the
 * posterior ones added), and the table pretrade(1) and the HTTP server
 * load from either. This module owns their columns: each is named once,
 * in liq_impact_cols (impact-fit's) or liq_impact_post_cols (those
 * impact-shrink adds), with a short description, its type and the field
 * of the row struct it comes from. The header writer, the row writer, the
 * reader and the help text are all driven by these tables.
 *
 *     liq_impact_row r = { .cusip = "037833AK6", .n = 40, ... };
 *     liq_row w;
 *     liq_row_init(&w);
 *     liq_impact_names(&w, liq_impact_cols);     // the header
 *     liq_row_end(&w, stdout);
 *     liq_impact_put(&w, liq_impact_cols, &r);   // a row
 *     liq_row_end(&w, stdout);
 *     liq_impact_help(stdout, liq_impact_cols);  // --help's list
 *
 *     liq_impact_table *t = liq_impact_table_load("impact.tsv", 0);
 *     const liq_cost_model *m = liq_impact_table_find(t, "037833AK6");
 *     if (m && m->ok) ... m->h, m->alpha, m->beta, m->c ...
 *     liq_impact_table_free(t);
 */
#ifndef LIQ_FORMAT_IMPACT_H
#define LIQ_FORMAT_IMPACT_H

#include "core/tsv.h"

#include <stddef.h>
#include <stdio.h>

/* ---- the columns ----------------------------------------------------- */

/* A column: name, a description for --help and the man page, the type of
 * its field ('s' text, NULL written as NA; 'l' a count, long; 'n' a
 * number, double, NaN written as NA) and the field's offset in the row
 * struct of its table. For the reader: flags (LIQ_ICOL_*), and for a
 * posterior column the name of the column of liq_impact_cols it replaces
 * when a table has posterior columns (NULL: none). */
typedef struct liq_impact_col {
	const char *name;
	const char *desc;
	char type;
	size_t off;
	int flags;
	const char *raw;
} liq_impact_col;

enum {
	LIQ_ICOL_NEED = 1,    /* the loader needs it: exit 2 when missing */
	LIQ_ICOL_ZERO = 2,    /* missing: 0 (else NaN; -1 for a count) */
	LIQ_ICOL_SKIP = 4,    /* written, never read */
	LIQ_ICOL_RAW_OK = 8,  /* its posterior column missing: the raw one */
	LIQ_ICOL_NONNEG = 16, /* the loader refuses a value below 0 (NA is NA) */
	LIQ_ICOL_POS = 32     /* the loader refuses a value of 0 or below */
};

/* One row of impact-fit's output: a field per column of liq_impact_cols,
 * in the same order. */
typedef struct liq_impact_row {
	const char *cusip;
	long n;                  /* prints of the fit */
	double alpha, beta, se_log_alpha, se_beta, r2;
	double sigma_bps, adv_usd;
	double half_spread_bps, se_half_spread_bps;
	double cov_log_alpha_beta, cov_h_log_alpha, cov_h_beta;
	double resid_lo_bps, resid_hi_bps, resid_sd_bps;
	double mean_cost_bps, se_mean_cost_bps;
	double logx_k0, logx_k1, logx_k2;
	double se_log_sigma;
	long prints;             /* customer prints in the fit sample */
	const char *method;      /* nls or loglin */
} liq_impact_row;

/* The columns impact-shrink adds to a row of impact_raw.tsv, in order. */
typedef struct liq_impact_post {
	double alpha, beta, weight;
	const char *source;      /* cusip, shrunk, prior, NA */
	double half_spread_bps, sigma_bps;
	double se_half_spread_bps, se_log_alpha, se_beta;
	double cov_log_alpha_beta, cov_h_log_alpha, cov_h_beta;
	double resid_lo_bps, resid_hi_bps;
	const char *prior;       /* the prior's name; NULL: NA */
} liq_impact_post;

/* impact-fit's columns (liq_impact_row) and impact-shrink's additions
 * (liq_impact_post); each list ends with a column whose name is NULL. */
extern const liq_impact_col liq_impact_cols[];
extern const liq_impact_col liq_impact_post_cols[];

/* Append the names of cols, or the fields of row (a liq_impact_row or a
 * liq_impact_post, as cols says), to w; the caller ends the line. */
void liq_impact_names(liq_row *w, const liq_impact_col *cols);
void liq_impact_put(liq_row *w, const liq_impact_col *cols, const void *row);

/* Write the header line of cols to fp and flush it. */
void liq_impact_header(FILE *fp, const liq_impact_col *cols);

/* One line per column of cols: two spaces, the name padded to 19
 * characters, a space, the description. */
void liq_impact_help(FILE *fp, const liq_impact_col *cols);

/* ---- the table pretrade reads ---------------------------------------- */

/* A bond's cost model as pretrade uses it. */
typedef struct liq_cost_model {
	char cusip[16];          /* first: the tables look rows up by it */
	int ok;                  /* 0: no usable parameters (NA in the table) */
	double h, alpha, beta;   /* half spread (bps), impact parameters */
	double c[6];             /* covariance of (h, log alpha, beta): var h,
				    cov h la, cov h b, var la, cov la b, var b */
	double sigma_bps, adv_usd;
	double resid_lo, resid_hi;  /* 5% and 95% residual quantiles, bps */
	long n;                  /* prints of the fit (-1 without the column) */
	double resid_sd;         /* resid_sd_bps (NaN without the column) */
	double mean_cost, se_mean_cost, logx_k[3];  /* the level columns of
				    impact-fit (NaN without them) */
	double se_log_sigma;     /* NaN without the column */
	double width;            /* factor on the interval's half-widths, set
				    by liq_pretrade_recalibrate (0 counts as 1) */
	char *line;              /* the row's text, with LIQ_TABLE_LINES */
} liq_cost_model;

/* impact.tsv (impact-shrink's output) or impact_raw.tsv (impact-fit's),
 * loaded whole and sorted by cusip. The posterior columns (those of
 * liq_impact_post_cols that replace a raw one) are used when alpha_post
 * is present, the raw ones otherwise. cusip, sigma_bps, adv_usd and the
 * three parameters are required (exit 2 naming a missing one); a missing
 * se or cov column counts as 0 and missing residual quantiles give an NA
 * interval. A bad number exits 1 with file:line, and so does a value out
 * of its column's range (LIQ_ICOL_NONNEG, LIQ_ICOL_POS; a count, 'l', must
 * be a whole number from 0 to 1e15); a cusip that appears twice exits 1. */
typedef struct liq_impact_table {
	liq_cost_model *m;
	size_t n;
	int posterior;          /* 1 if the posterior columns were used */
	char *header;           /* the header line, with LIQ_TABLE_LINES */
	int n_col;              /* index of the column n, -1 if absent */
} liq_impact_table;

enum {
	LIQ_TABLE_RAW = 1,      /* use the raw columns even if alpha_post is there */
	LIQ_TABLE_LINES = 2,    /* keep the header and each row's text */
	LIQ_TABLE_EMPTY_OK = 4  /* an input without a line is an empty table
				   (header NULL), not an error */
};

liq_impact_table *liq_impact_table_load(const char *path, int flags);
const liq_cost_model *liq_impact_table_find(const liq_impact_table *t,
					    const char *cusip);
void liq_impact_table_free(liq_impact_table *t);

#endif
