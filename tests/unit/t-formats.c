/* The owner modules of the cost files: format/impact (impact_raw.tsv,
 * impact.tsv), format/scores (scores.tsv, over format/latest),
 * format/prints (impact-fit --prints-out). */
#include "core/tsv.h"
#include "format/impact.h"
#include "format/latest.h"
#include "format/prints.h"
#include "format/scores.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[4096];

static liq_impact_row raw;
static liq_impact_post post;
static FILE *sink;

static void
set_rows(void)
{
	memset(&raw, 0, sizeof raw);
	raw.cusip = "AAA000001";
	raw.n = 40;
	raw.alpha = 0.5;
	raw.beta = 0.6;
	raw.se_log_alpha = 0.1;
	raw.se_beta = 0.2;
	raw.r2 = 0.3;
	raw.sigma_bps = 40;
	raw.adv_usd = 1e6;
	raw.half_spread_bps = 10;
	raw.se_half_spread_bps = 2;
	raw.cov_log_alpha_beta = 0.01;
	raw.cov_h_log_alpha = -0.02;
	raw.cov_h_beta = 0.03;
	raw.resid_lo_bps = -30;
	raw.resid_hi_bps = 40;
	raw.resid_sd_bps = 20;
	raw.mean_cost_bps = 15;
	raw.se_mean_cost_bps = 1.5;
	raw.logx_k0 = -1;
	raw.logx_k1 = -2;
	raw.logx_k2 = 0.5;
	raw.se_log_sigma = 0.05;
	raw.prints = 44;
	raw.method = "nls";
	memset(&post, 0, sizeof post);
	post.alpha = 0.4;
	post.beta = 0.55;
	post.weight = 0.7;
	post.source = "cusip";
	post.half_spread_bps = 11;
	post.sigma_bps = 41;
	post.se_half_spread_bps = 1;
	post.se_log_alpha = 0.05;
	post.se_beta = 0.1;
	post.cov_log_alpha_beta = 0.001;
	post.cov_h_log_alpha = 0;
	post.cov_h_beta = 0;
	post.resid_lo_bps = -25;
	post.resid_hi_bps = 35;
	post.prior = NULL;
}

static void
fill_raw(liq_row *w)
{
	liq_impact_names(w, liq_impact_cols);
	liq_row_end(w, sink);
	liq_impact_put(w, liq_impact_cols, &raw);
	liq_row_end(w, sink);
}

static void
fill_post(liq_row *w)
{
	liq_impact_names(w, liq_impact_cols);
	liq_impact_names(w, liq_impact_post_cols);
	liq_row_end(w, sink);
	liq_impact_put(w, liq_impact_cols, &raw);
	liq_impact_put(w, liq_impact_post_cols, &post);
	liq_row_end(w, sink);
}

/* The text of fill's rows. */
static const char *
text(void (*fill)(liq_row *w))
{
	liq_row w;

	sink = fmemopen(out, sizeof out, "w");
	liq_row_init(&w);
	fill(&w);
	fclose(sink);
	liq_row_free(&w);
	return out;
}

static void
t_impact_columns(void)
{
	size_t n = 0, k = 0;

	while (liq_impact_cols[n].name)
		n++;
	while (liq_impact_post_cols[k].name)
		k++;
	check_int(n, 25);
	check_int(k, 15);
	check_str(liq_impact_cols[0].name, "cusip");
	check_str(liq_impact_cols[n - 1].name, "method");
	set_rows();
	text(fill_raw);
	check(strncmp(out, "cusip\tn\talpha\tbeta\tse_log_alpha\t", 31) == 0);
	check(strstr(out, "\nAAA000001\t40\t0.5\t0.6\t0.1\t0.2\t0.3\t40\t1000000\t10\t2\t"
		      "0.01\t-0.02\t0.03\t-30\t40\t20\t15\t1.5\t-1\t-2\t0.5\t0.05\t44\tnls\n")
	      != NULL);
	text(fill_post);
	check(strstr(out, "\tnls\t0.4\t0.55\t0.7\tcusip\t11\t41\t1\t0.05\t0.1\t0.001\t0\t0\t"
		      "-25\t35\tNA\n") != NULL);
	check(strstr(out, "\tmethod\talpha_post\tbeta_post\tweight\tsource\t") != NULL);
}

static void
t_impact_load(void)
{
	const liq_cost_model *m;
	liq_impact_table *t;
	const char *p;

	set_rows();
	p = tap_tmpfile(text(fill_raw));
	t = liq_impact_table_load(p, LIQ_TABLE_LINES);
	check_int(t->n, 1);
	check_int(t->posterior, 0);
	m = liq_impact_table_find(t, "AAA000001");
	check(m != NULL);
	if (m) {
		check_int(m->ok, 1);
		check_near(m->h, 10, 0);
		check_near(m->alpha, 0.5, 0);
		check_near(m->c[0], 4, 1e-15);
		check_near(m->c[1], -0.02, 0);
		check_near(m->c[2], 0.03, 0);
		check_near(m->c[3], 0.01, 1e-15);
		check_near(m->c[4], 0.01, 0);
		check_near(m->c[5], 0.04, 1e-15);
		check_near(m->resid_sd, 20, 0);
		check_near(m->logx_k[2], 0.5, 0);
		check_near(m->se_log_sigma, 0.05, 0);
		check_int(m->n, 40);
		check(strncmp(m->line, "AAA000001\t40\t", 13) == 0);
	}
	check(liq_impact_table_find(t, "AAA000002") == NULL);
	liq_impact_table_free(t);
	/* with the posterior columns: those, unless told to read the raw */
	p = tap_tmpfile(text(fill_post));
	t = liq_impact_table_load(p, 0);
	check_int(t->posterior, 1);
	check_near(t->m[0].alpha, 0.4, 0);
	check_near(t->m[0].sigma_bps, 41, 0);
	check_near(t->m[0].h, 11, 0);
	check_near(t->m[0].c[0], 1, 0);
	check_near(t->m[0].resid_lo, -25, 0);
	check_near(t->m[0].resid_sd, 20, 0);   /* no posterior version */
	liq_impact_table_free(t);
	t = liq_impact_table_load(p, LIQ_TABLE_RAW);
	check_int(t->posterior, 0);
	check_near(t->m[0].alpha, 0.5, 0);
	liq_impact_table_free(t);
	unlink(p);
}

static const char *load_path;

static void
load_impact(void *arg)
{
	(void)arg;
	liq_impact_table_load(load_path, 0);
}

static void
t_impact_defaults(void)
{
	liq_impact_table *t;
	char err[256];

	/* se and cov columns missing count as 0, residual quantiles as NaN,
	 * n absent as -1 and NA as 0 */
	load_path = tap_tmpfile("cusip\talpha\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\n"
				"B\t0.5\t0.5\t40\t1e6\t10\n");
	t = liq_impact_table_load(load_path, 0);
	check_int(t->m[0].ok, 1);
	check_near(t->m[0].c[0] + t->m[0].c[3] + t->m[0].c[5], 0, 0);
	check(isnan(t->m[0].resid_lo) && isnan(t->m[0].resid_hi));
	check_int(t->m[0].n, -1);
	check_int(t->n_col, -1);
	liq_impact_table_free(t);
	unlink(load_path);
	load_path = tap_tmpfile("cusip\tn\talpha\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\t"
				"se_beta\nB\tNA\tNA\t0.5\t40\t1e6\t10\tNA\n");
	t = liq_impact_table_load(load_path, 0);
	check_int(t->m[0].ok, 0);
	check_int(t->m[0].n, 0);
	check(isnan(t->m[0].c[5]) && isnan(t->m[0].resid_lo));
	liq_impact_table_free(t);
	unlink(load_path);
	/* a required column missing: exit 2; a bad number: exit 1 */
	load_path = tap_tmpfile("cusip\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\n");
	check_int(tap_exit_of(load_impact, NULL, err, sizeof err), 2);
	check(strstr(err, "missing column 'alpha'") != NULL);
	unlink(load_path);
	load_path = tap_tmpfile("cusip\talpha\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\n"
				"B\t0.5\tx\t40\t1e6\t10\n");
	check_int(tap_exit_of(load_impact, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: column 'beta': bad number 'x'") != NULL);
	unlink(load_path);
	/* the posterior's volatility falls back to the raw one */
	load_path = tap_tmpfile("cusip\talpha\tbeta\tsigma_bps\tadv_usd\thalf_spread_bps\t"
				"alpha_post\tbeta_post\thalf_spread_post_bps\n"
				"B\t0.5\t0.5\t40\t1e6\t10\t0.4\t0.4\t9\n");
	t = liq_impact_table_load(load_path, 0);
	check_int(t->posterior, 1);
	check_near(t->m[0].sigma_bps, 40, 0);
	check_near(t->m[0].alpha, 0.4, 0);
	liq_impact_table_free(t);
	unlink(load_path);
}

static void
fill_help(liq_row *w)
{
	(void)w;
	liq_impact_help(sink, liq_impact_cols);
}

static void
t_impact_help(void)
{
	const char *h = text(fill_help), *l;
	size_t n = 0;

	for (l = h; *l; l = strchr(l, '\n') + 1)
		n++;
	check_int(n, 25);
	check(strncmp(h, "  cusip               the bond\n", 30) == 0);
	check(strstr(h, "\n  method              nls or loglin\n") != NULL);
}

static void
load_scores(void *arg)
{
	liq_score_table_free(liq_score_table_load(arg));
}

static void
t_scores(void)
{
	liq_score_table *t;
	const liq_score_row *s;
	char err[256];
	const char *p;
	double pr[3] = { 0.25, NAN, 0.5 };

	/* unsorted, a tie on the date: the later line wins */
	p = tap_tmpfile("cusip\tdate\tscore_pred\tbucket\tp_low\n"
			"B\t2020-01-03\t50\tmedium\t0.2\n"
			"A\t2020-01-02\t10\tlow\t0.9\n"
			"B\t2020-01-02\t70\thigh\t0.1\n"
			"A\t2020-01-02\t12\tlow\t0.8\n"
			"A\t2020-01-01\t90\thigh\tNA\n");
	t = liq_score_table_load(p);
	check_int(t->n, 2);
	s = liq_score_table_find(t, "A");
	check(s != NULL);
	if (s) {
		check_near(s->score, 12, 0);
		check_str(s->bucket, "low");
		check_near(s->p[0], 0.8, 0);
		check(isnan(s->p[1]) && isnan(s->p[2]));
	}
	s = liq_score_table_find(t, "B");
	check(s != NULL && s->score == 50 && strcmp(s->bucket, "medium") == 0);
	check(liq_score_table_find(t, "C") == NULL);
	liq_score_table_free(t);
	unlink(p);
	/* a missing bucket column: exit 2; a bucket too long or a bad number
	 * in a row that is not kept: exit 1 */
	p = tap_tmpfile("cusip\tdate\tscore_pred\nA\t2020-01-02\t10\n");
	check_int(tap_exit_of(load_scores, (void *)p, err, sizeof err), 2);
	check(strstr(err, "missing column 'bucket'") != NULL);
	unlink(p);
	p = tap_tmpfile("cusip\tdate\tscore_pred\tbucket\nA\t2020-01-02\t10\tlow-low-low-low-low\n");
	check_int(tap_exit_of(load_scores, (void *)p, err, sizeof err), 1);
	check(strstr(err, ":2: column 'bucket': bad value 'low-low-low-low-low'") != NULL);
	unlink(p);
	p = tap_tmpfile("cusip\tdate\tscore_pred\tbucket\nA\t2020-01-02\t10\tlow\n"
			"A\t2020-01-01\tx\tlow\n");
	check_int(tap_exit_of(load_scores, (void *)p, err, sizeof err), 1);
	check(strstr(err, ":3: column 'score_pred': bad number 'x'") != NULL);
	unlink(p);
	/* the writer: the columns' names, then a row */
	sink = fmemopen(out, sizeof out, "w");
	{
		liq_row w;
		liq_row_init(&w);
		liq_scores_names(&w);
		liq_row_end(&w, sink);
		liq_scores_put(&w, "A\tjunk", 1, "2020-01-02", 12.5, "low", pr);
		liq_row_end(&w, sink);
		liq_row_free(&w);
	}
	fclose(sink);
	check_str(out, "cusip\tdate\tscore_pred\tbucket\tp_low\tp_medium\tp_high\n"
		  "A\t2020-01-02\t12.5\tlow\t0.25\tNA\t0.5\n");
}

static void
read_prints(void *arg)
{
	liq_prints_in *in = liq_prints_open(arg);
	liq_print p;

	while (liq_prints_next(in, &p))
		if (!isnan(p.cost_bps))
			(void)liq_prints_qty(in);
	liq_prints_close(in);
}

static void
t_prints(void)
{
	liq_print p = { "A", 18263, 3723, 2e6, -1, 101.5, 101.25, 3.5, NAN }, q;
	liq_prints_in *in;
	char err[256];
	const char *path;
	liq_row w;

	sink = fmemopen(out, sizeof out, "w");
	liq_prints_header(sink);
	liq_row_init(&w);
	liq_prints_put(&w, &p);
	liq_row_end(&w, sink);
	p.cusip = "B";
	p.sign = 1;
	p.cost_bps = 9.75;
	liq_prints_put(&w, &p);
	liq_row_end(&w, sink);
	liq_row_free(&w);
	fclose(sink);
	check_str(out, "cusip\tdate\ttime\tqty\tside\tprice\tref_price\tref_sd_bps\tcost_bps\n"
		  "A\t2020-01-02\t01:02:03\t2000000\tS\t101.5\t101.25\t3.5\tNA\n"
		  "B\t2020-01-02\t01:02:03\t2000000\tB\t101.5\t101.25\t3.5\t9.75\n");
	path = tap_tmpfile(out);
	in = liq_prints_open(path);
	check_int(liq_prints_next(in, &q), 1);
	check_str(q.cusip, "A");
	check_int(q.date, 18263);
	check(isnan(q.cost_bps));
	check_int(liq_prints_next(in, &q), 1);
	check_str(q.cusip, "B");
	check_near(q.cost_bps, 9.75, 0);
	check_near(liq_prints_qty(in), 2e6, 0);
	check_int(liq_prints_next(in, &q), 0);
	liq_prints_close(in);
	unlink(path);
	/* qty is checked where a cost needs it; the columns and the header */
	path = tap_tmpfile("cusip\tdate\tqty\tcost_bps\nA\t2020-01-02\t-1\tNA\n"
			   "A\t2020-01-02\t0\t5\n");
	check_int(tap_exit_of(read_prints, (void *)path, err, sizeof err), 1);
	check(strstr(err, ":3: column 'qty': bad value '0' (want a positive par amount)") != NULL);
	unlink(path);
	path = tap_tmpfile("cusip\tdate\tqty\n");
	check_int(tap_exit_of(read_prints, (void *)path, err, sizeof err), 2);
	check(strstr(err, "missing column 'cost_bps'") != NULL);
	unlink(path);
	path = tap_tmpfile("");
	check_int(tap_exit_of(read_prints, (void *)path, err, sizeof err), 1);
	check(strstr(err, "empty file (want impact-fit's --prints-out)") != NULL);
	unlink(path);
}

int
main(void)
{
	TEST(t_impact_columns(), "impact columns: names, header and rows as the tables say");
	TEST(t_impact_load(), "impact table: written rows read back, raw and posterior");
	TEST(t_impact_defaults(), "impact table: absent columns, NA, missing and bad values");
	TEST(t_impact_help(), "impact columns: one help line each");
	TEST(t_scores(), "scores: each bond's latest row, text columns, errors, writer");
	TEST(t_prints(), "prints: header and rows written, read back; errors");
	return tap_done();
}
