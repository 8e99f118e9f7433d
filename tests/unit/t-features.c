/* Unit tests of lib/model/features (liq_features_run): two panel files
 * merge-joined on (cusip, date), three bonds of one sector x bucket over
 * two days, every checked value worked out by hand: the composite score
 * (with a tie), score_fwd and its bucket, logs, relative features, the
 * bond's characteristics; and the errors of panels that do not match. */
#include "core/diag.h"
#include "model/features.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* roll, amihud, kyle: lower is more liquid. Day 1: AAA best, CCC worst;
 * day 2: CCC best, AAA and BBB tied on roll. */
static const char panel_a[] =
	"cusip\tdate\troll_bps\troll_n\tamihud\tkyle_lambda\tkyle_t\n"
	"AAA000001\t2024-01-08\t10\t9\t1\t0.5\t2\n"
	"AAA000001\t2024-01-09\t30\t9\t3\t1.5\t2\n"
	"BBB000002\t2024-01-08\t20\t9\t2\t1\t2\n"
	"BBB000002\t2024-01-09\t30\t9\t2\t1\t2\n"
	"CCC000003\t2024-01-08\t30\t9\t3\t1.5\t2\n"
	"CCC000003\t2024-01-09\t10\t9\t1\t0.5\t2\n";
static const char panel_b[] =
	"cusip\tdate\titt_median_h\titt_max_h\ttrades\ttrades_per_day\tzero_days_frac\tvolume_mm\tavg_size_mm\n"
	"AAA000001\t2024-01-08\t2\t3\t3\t3\t0\t3\t1\n"
	"AAA000001\t2024-01-09\t2\t3\t1\t1\t0\t1\t1\n"
	"BBB000002\t2024-01-08\t2\t3\t2\t2\t0\t2\t1\n"
	"BBB000002\t2024-01-09\t2\t3\t2\t2\t0\t2\t1\n"
	"CCC000003\t2024-01-08\t2\t3\t1\t1\t0\t1\t1\n"
	"CCC000003\t2024-01-09\t2\t3\t3\t3\t0\t3\t1\n";
static const char bonds_tsv[] =
	"cusip\tissuer\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n"
	"AAA000001\tONE\tbank\tA\t3\t2028-01-08\t2020-01-08\t500000000\n"
	"BBB000002\tTWO\tbank\tA-\t4\t2030-01-01\t2020-01-01\t300000000\n"
	"CCC000003\tTHREE\tbank\tBBB-\t5\t2030-01-01\t2020-01-01\t200000000\n";

static char out[16384];

/* run liq_features_run on the panel files pa, pb and the bonds file;
 * out holds its output */
static long
run_files(const char *pa, const char *pb, const char *pbonds, int min_group)
{
	char *panels[2];
	liq_features_opts o;
	liq_bonds *B = liq_bonds_load(pbonds);
	liq_macro *M = liq_macro_new();
	FILE *fp = tmpfile();
	long rows;
	size_t k;

	panels[0] = (char *)pa;
	panels[1] = (char *)pb;
	o.panels = panels;
	o.npanels = 2;
	o.bonds = B;
	o.macro = M;
	o.horizon = 1;
	o.min_group = min_group;
	rows = liq_features_run(&o, fp);
	fflush(fp);
	rewind(fp);
	k = fread(out, 1, sizeof out - 1, fp);
	out[k] = '\0';
	fclose(fp);
	liq_bonds_free(B);
	liq_macro_free(M);
	return rows;
}

typedef struct files {
	char a[64], b[64], bonds[64];
} files;

static void
make_files(files *f, const char *a, const char *b)
{
	strcpy(f->a, tap_tmpfile(a));
	strcpy(f->b, tap_tmpfile(b));
	strcpy(f->bonds, tap_tmpfile(bonds_tsv));
}

static void
remove_files(const files *f)
{
	unlink(f->a);
	unlink(f->b);
	unlink(f->bonds);
}

/* the same on panels given as text */
static long
run(const char *a, const char *b, int min_group)
{
	files f;
	long rows;

	make_files(&f, a, b);
	rows = run_files(f.a, f.b, f.bonds, min_group);
	remove_files(&f);
	return rows;
}

/* field `col` of the row of cusip and date, as text ("" if absent) */
static const char *
field(const char *cusip, const char *date, const char *col)
{
	static char buf[64];
	char line[2048], *save, *f;
	const char *p = out, *nl;
	int c = -1, i, first = 1;

	buf[0] = '\0';
	while (*p) {
		size_t len;
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl ? 1 : 0);
		if (first) {
			first = 0;
			for (i = 0, f = strtok_r(line, "\t", &save); f;
			     f = strtok_r(NULL, "\t", &save), i++)
				if (strcmp(f, col) == 0)
					c = i;
			if (c < 0)
				return buf;
			continue;
		}
		{
			char *fs[128];
			int n = 0;
			for (f = strtok_r(line, "\t", &save); f && n < 128;
			     f = strtok_r(NULL, "\t", &save))
				fs[n++] = f;
			if (n > 1 && strcmp(fs[0], cusip) == 0 &&
			    strcmp(fs[1], date) == 0 && c < n) {
				snprintf(buf, sizeof buf, "%s", fs[c]);
				return buf;
			}
		}
	}
	return buf;
}

static double
num(const char *cusip, const char *date, const char *col)
{
	const char *s = field(cusip, date, col);
	return strcmp(s, "NA") == 0 || !s[0] ? NAN : strtod(s, NULL);
}

#define D1 "2024-01-08"
#define D2 "2024-01-09"

static void
t_scores(void)
{
	long rows = run(panel_a, panel_b, 3);

	check_int(rows, 6);
	/* day 1: every input ranks AAA first: 100, 50, 0 */
	check_near(num("AAA000001", D1, "score"), 100, 1e-9);
	check_near(num("BBB000002", D1, "score"), 50, 1e-9);
	check_near(num("CCC000003", D1, "score"), 0, 1e-9);
	/* day 2: roll ties AAA and BBB at rank 2.5 -> 0.75, flipped 0.25;
	 * AAA 100 x 0.35 x 0.25 = 8.75; BBB 100 x (0.35 x 0.25 + 0.30 x
	 * 0.5 + 0.20 x 0.5 + 0.15 x 0.5) = 41.25; CCC 100 */
	check_near(num("AAA000001", D2, "score"), 8.75, 1e-9);
	check_near(num("BBB000002", D2, "score"), 41.25, 1e-9);
	check_near(num("CCC000003", D2, "score"), 100, 1e-9);
	/* horizon 1: day 1's score_fwd is day 2's score, bucketed */
	check_near(num("AAA000001", D1, "score_fwd"), 8.75, 1e-9);
	check_str(field("AAA000001", D1, "bucket"), "Low");
	check_near(num("BBB000002", D1, "score_fwd"), 41.25, 1e-9);
	check_str(field("BBB000002", D1, "bucket"), "Medium");
	check_near(num("CCC000003", D1, "score_fwd"), 100, 1e-9);
	check_str(field("CCC000003", D1, "bucket"), "High");
	check(isnan(num("AAA000001", D2, "score_fwd")));
	check_str(field("AAA000001", D2, "bucket"), "NA");
}

static void
t_columns(void)
{
	run(panel_a, panel_b, 3);
	/* the panels' measures, from the file that has them */
	check_near(num("BBB000002", D1, "roll_bps"), 20, 0);
	check_near(num("BBB000002", D1, "trades_per_day"), 2, 0);
	check_near(num("BBB000002", D1, "kyle_t"), 2, 0);
	check_str(field("BBB000002", D1, "roll_n"), "");  /* not a feature */
	/* logs and changes */
	check_near(num("AAA000001", D1, "log_roll"), log(11), 1e-9);
	check_near(num("AAA000001", D1, "log_trades"), log(4), 1e-9);
	check_near(num("AAA000001", D1, "log_volume"), log(4), 1e-9);
	check_near(num("AAA000001", D1, "log_itt"), log(3), 1e-9);
	check(isnan(num("AAA000001", D2, "d5_log_roll")));
	/* the bond: 2020-01-08 to 2024-01-08 and on to 2028-01-08 are
	 * 1461 days each, 4 years of 365.25 days */
	check_rel(num("AAA000001", D1, "log_amount"), log(5e8), 1e-9);
	check_near(num("AAA000001", D1, "age_y"), 4, 1e-9);
	check_near(num("AAA000001", D1, "ttm_y"), 4, 1e-9);
	check_near(num("AAA000001", D1, "coupon"), 3, 0);
	check_near(num("AAA000001", D1, "rating_num"), 6, 0);
	check_near(num("CCC000003", D1, "rating_num"), 10, 0);
	check_near(num("CCC000003", D1, "ig"), 1, 0);  /* BBB- is investment grade */
	check_near(num("AAA000001", D1, "sector_code"), 1, 0);
}

/* The relative features need min_group bonds in the sector x bucket
 * group: AAA and BBB (bucket A) are 2, CCC (BBB-) is alone. With
 * min_group 2, AAA and BBB have a median of their own; CCC none. */
static void
t_relative(void)
{
	run(panel_a, panel_b, 2);
	/* day 1: ln 11 and ln 21, median (ln 11 + ln 21) / 2 */
	check_near(num("AAA000001", D1, "rel_roll"), (log(11) - log(21)) / 2, 1e-9);
	check_near(num("BBB000002", D1, "rel_roll"), (log(21) - log(11)) / 2, 1e-9);
	check_near(num("AAA000001", D1, "rel_kyle"), -0.25, 1e-9);
	check_near(num("BBB000002", D1, "rel_trades"), (log(3) - log(4)) / 2, 1e-9);
	check(isnan(num("CCC000003", D1, "rel_roll")));
	/* with min_group 3 nobody has a group median */
	run(panel_a, panel_b, 3);
	check(isnan(num("AAA000001", D1, "rel_roll")));
}

/* ---- errors, in a child ---- */

/* in the child: the files are the parent's, removed by it */
static void
run_it(void *v)
{
	const files *f = v;
	run_files(f->a, f->b, f->bonds, 3);
}

static int
status(const char *a, const char *b, char *err, size_t errsz)
{
	files f;
	int rc;

	make_files(&f, a, b);
	rc = tap_exit_of(run_it, &f, err, errsz);
	remove_files(&f);
	return rc;
}

static void
t_errors(void)
{
	char err[1024];
	/* panel b lacks CCC's second day */
	static const char short_b[] =
		"cusip\tdate\titt_median_h\titt_max_h\ttrades_per_day\tzero_days_frac\tvolume_mm\tavg_size_mm\n"
		"AAA000001\t2024-01-08\t2\t3\t3\t0\t3\t1\n"
		"AAA000001\t2024-01-09\t2\t3\t1\t0\t1\t1\n"
		"BBB000002\t2024-01-08\t2\t3\t2\t0\t2\t1\n"
		"BBB000002\t2024-01-09\t2\t3\t2\t0\t2\t1\n"
		"CCC000003\t2024-01-08\t2\t3\t1\t0\t1\t1\n";
	static const char no_itt[] =
		"cusip\tdate\tfoo\n"
		"AAA000001\t2024-01-08\t1\n";
	/* a day skipped within a bond */
	static const char gap_a[] =
		"cusip\tdate\troll_bps\tamihud\tkyle_lambda\tkyle_t\n"
		"AAA000001\t2024-01-08\t10\t1\t0.5\t2\n"
		"AAA000001\t2024-01-10\t30\t3\t1.5\t2\n";
	static const char gap_b[] =
		"cusip\tdate\titt_median_h\titt_max_h\ttrades_per_day\tzero_days_frac\tvolume_mm\tavg_size_mm\n"
		"AAA000001\t2024-01-08\t2\t3\t3\t0\t3\t1\n"
		"AAA000001\t2024-01-10\t2\t3\t1\t0\t1\t1\n";

	check_int(status(panel_a, short_b, err, sizeof err), 1);
	/* line 7 of panel a (CCC's second day) has no partner */
	check(strstr(err, ":7: the panels do not share their rows") != NULL);
	check_int(status(panel_a, no_itt, err, sizeof err), 2);
	check(strstr(err, "no panel has the column") != NULL);
	check_int(status(gap_a, gap_b, err, sizeof err), 1);
	check(strstr(err, "is not the business day after") != NULL);
}

int
main(void)
{
	liq_init("t-features");
	liq_quiet = 1;
	TEST(t_scores(), "composite score by hand (with a tie), score_fwd and bucket");
	TEST(t_columns(), "panel measures merged from two files, logs, the bond's columns");
	TEST(t_relative(), "relative features against the group's median, min_group");
	TEST(t_errors(), "panels that do not match, a missing column, a skipped day");
	return tap_done();
}
