/* Unit tests of lib/model/matrix: features.tsv loaded as liqtrain needs
 * it. Which columns are features (all but cusip, date, score_fwd, bucket,
 * the target and the excluded ones), floats with NaN for NA, the date,
 * the target as a number or a class, the composite `score` column; and
 * the errors of a bad file. */
#include "core/dates.h"
#include "core/diag.h"
#include "model/matrix.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char feats[] =
	"cusip\tdate\troll\tamihud\tscore\tscore_fwd\tbucket\tbucket_fwd\tlog_n\n"
	"AAA000001\t2024-01-02\t0.1\tNA\t55.5\t60\tMedium\tHigh\t2\n"
	"AAA000001\t2024-01-03\t-2.5\t1e-7\tNA\tNA\tHigh\tNA\t0\n"
	"BBB000002\t2024-01-02\t3\t4\t10\t12.25\tLow\tLow\t1.5\n";

#define X(d, i, j) ((d)->X[(size_t)(i) * (size_t)(d)->p + (size_t)(j)])

static void
t_regression(void)
{
	char path[64];
	char *excl[] = { "bucket_fwd" };
	liq_matrix *d;

	strcpy(path, tap_tmpfile(feats));
	d = liq_matrix_load(path, "score_fwd", 0, excl, 1);
	check_int(d->n, 3);
	/* score is not reserved: unless excluded it is a feature too */
	check_int(d->p, 4);
	if (d->p == 4) {
		check_str(d->names[0], "roll");
		check_str(d->names[1], "amihud");
		check_str(d->names[2], "score");
		check_str(d->names[3], "log_n");
	}
	check_str(d->target, "score_fwd");
	check_int(d->is_class, 0);
	check_int(d->has_composite, 1);
	check_int(d->date[0], liq_date_from_ymd(2024, 1, 2));
	check_int(d->date[1], liq_date_from_ymd(2024, 1, 3));
	check_near(X(d, 0, 0), (float)0.1, 0);   /* stored as float */
	check(isnan(X(d, 0, 1)));                /* NA */
	check_near(X(d, 0, 2), 55.5, 0);
	check_near(X(d, 1, 0), -2.5, 0);
	check_near(X(d, 1, 1), (float)1e-7, 0);
	check(isnan(X(d, 1, 2)));
	check_near(X(d, 2, 3), 1.5, 0);
	check_near(d->y[0], 60, 0);
	check(isnan(d->y[1]));
	check_near(d->y[2], 12.25, 0);
	check_near(d->composite[0], 55.5, 0);
	check(isnan(d->composite[1]));
	check_near(d->composite[2], 10, 0);
	liq_matrix_free(d);
	unlink(path);
}

static void
t_class(void)
{
	char path[64];
	char *excl[] = { "score" };
	liq_matrix *d;

	strcpy(path, tap_tmpfile(feats));
	d = liq_matrix_load(path, "bucket_fwd", 1, excl, 1);
	check_int(d->n, 3);
	check_int(d->p, 3); /* score excluded, score_fwd and bucket reserved */
	if (d->p == 3) {
		check_str(d->names[0], "roll");
		check_str(d->names[1], "amihud");
		check_str(d->names[2], "log_n");
	}
	check_int(d->is_class, 1);
	check_near(d->y[0], 2, 0);   /* High */
	check(isnan(d->y[1]));       /* NA */
	check_near(d->y[2], 0, 0);   /* Low */
	/* the composite is read even when excluded from the features */
	check_int(d->has_composite, 1);
	check_near(d->composite[0], 55.5, 0);
	check_near(X(d, 2, 2), 1.5, 0);
	liq_matrix_free(d);
	unlink(path);
}

/* Without a score column: no composite, all NaN; no exclusions. */
static void
t_no_composite(void)
{
	char path[64];
	liq_matrix *d;

	strcpy(path, tap_tmpfile("cusip\tdate\tx\tbucket_fwd\n"
				 "AAA000001\t2024-01-02\t1\tMedium\n"));
	d = liq_matrix_load(path, "bucket_fwd", 1, NULL, 0);
	check_int(d->n, 1);
	check_int(d->p, 1);
	check_int(d->has_composite, 0);
	check(isnan(d->composite[0]));
	check_near(d->y[0], 1, 0);  /* Medium */
	check_near(X(d, 0, 0), 1, 0);
	liq_matrix_free(d);
	unlink(path);

	/* a header alone: no rows */
	strcpy(path, tap_tmpfile("cusip\tdate\tx\tscore_fwd\n"));
	d = liq_matrix_load(path, "score_fwd", 0, NULL, 0);
	check_int(d->n, 0);
	check_int(d->p, 1);
	liq_matrix_free(d);
	unlink(path);
}

/* More rows than the first allocation (4096): every row in place. */
static void
t_many(void)
{
	char path[64];
	FILE *f;
	liq_matrix *d;
	long i, bad = 0;

	strcpy(path, tap_tmpfile(""));
	f = fopen(path, "w");
	fputs("date\ta\tb\tscore_fwd\n", f);
	for (i = 0; i < 9000; i++)
		fprintf(f, "2024-01-%02ld\t%ld\t%ld\t%ld\n", 1 + i % 28, i, -i, 2 * i);
	fclose(f);
	d = liq_matrix_load(path, "score_fwd", 0, NULL, 0);
	check_int(d->n, 9000);
	check_int(d->p, 2);
	for (i = 0; i < d->n && d->p == 2; i++)
		if (X(d, i, 0) != (float)i || X(d, i, 1) != (float)-i ||
		    d->y[i] != 2.0 * (double)i ||
		    d->date[i] != liq_date_from_ymd(2024, 1, (int)(1 + i % 28)))
			bad++;
	check_int(bad, 0);
	liq_matrix_free(d);
	unlink(path);
}

/* ---- errors ------------------------------------------------------------ */

typedef struct load_case {
	const char *path, *target;
	int is_class;
	char **excl;
	int nexcl;
} load_case;

static void
load_it(void *arg)
{
	const load_case *c = arg;

	liq_matrix_load(c->path, c->target, c->is_class, c->excl, c->nexcl);
}

/* exit status of loading content; err holds stderr with the path as "F" */
static int
load_status(const char *content, const char *target, int is_class,
	    char *excl, char *err, size_t errsz)
{
	char path[64], raw[1024], *p;
	load_case c;
	size_t k;
	int rc;

	strcpy(path, tap_tmpfile(content));
	c.path = path;
	c.target = target;
	c.is_class = is_class;
	c.excl = &excl;
	c.nexcl = excl != NULL;
	rc = tap_exit_of(load_it, &c, raw, sizeof raw);
	unlink(path);
	for (p = raw, k = 0; *p && k + 1 < errsz;) {
		if (!strncmp(p, path, strlen(path))) {
			err[k++] = 'F';
			p += strlen(path);
		} else {
			err[k++] = *p++;
		}
	}
	err[k] = '\0';
	return rc;
}

static void
t_errors(void)
{
	char err[1024];
	char score[] = "score", nope[] = "nope";

	check_int(load_status(feats, "nope_fwd", 0, NULL, err, sizeof err), 2);
	check_str(err, "t-matrix: F: missing column 'nope_fwd'\n");
	check_int(load_status(feats, "score_fwd", 0, nope, err, sizeof err), 2);
	check_str(err, "t-matrix: F: missing column 'nope'\n");
	check_int(load_status("date\tscore_fwd\n2024-01-02\t1\n", "score_fwd", 0,
			      NULL, err, sizeof err), 2);
	check_str(err, "t-matrix: F: no feature columns left\n");
	check_int(load_status("cusip\tdate\tscore\tscore_fwd\n", "score_fwd", 0,
			      score, err, sizeof err), 2);
	check_str(err, "t-matrix: F: no feature columns left\n");
	check_int(load_status("", "score_fwd", 0, NULL, err, sizeof err), 1);
	check_str(err, "t-matrix: F: empty file (want features.tsv from liqfeatures)\n");
	check_int(load_status("date\tx\tbucket_fwd\n2024-01-02\t1\tLow\n"
			      "2024-01-03\t1\tHi\n", "bucket_fwd", 1, NULL, err,
			      sizeof err), 1);
	check_str(err, "t-matrix: F:3: column 'bucket_fwd': bad class 'Hi' (want "
		       "Low, Medium, High or NA)\n");
	check_int(load_status("date\tx\tbucket_fwd\n2024-01-02\t1\tlow\n",
			      "bucket_fwd", 1, NULL, err, sizeof err), 1);
	check_str(err, "t-matrix: F:2: column 'bucket_fwd': bad class 'low' (want "
		       "Low, Medium, High or NA)\n");
	/* a class target read as a number */
	check_int(load_status("date\tx\tbucket_fwd\n2024-01-02\t1\tLow\n",
			      "bucket_fwd", 0, NULL, err, sizeof err), 1);
	check_str(err, "t-matrix: F:2: column 'bucket_fwd': bad number 'Low'\n");
	check_int(load_status("date\tx\tscore_fwd\n2024-01-02\t1\t1\n"
			      "2024-01-03\tone\t1\n", "score_fwd", 0, NULL, err,
			      sizeof err), 1);
	check_str(err, "t-matrix: F:3: column 'x': bad number 'one'\n");
	check_int(load_status("date\tx\tscore_fwd\n2024-02-30\t1\t1\n", "score_fwd",
			      0, NULL, err, sizeof err), 1);
	check_str(err, "t-matrix: F:2: column 'date': bad date '2024-02-30' (want "
		       "YYYY-MM-DD)\n");
	check_int(load_status("date\tx\tscore_fwd\n2024-01-02\t1\n", "score_fwd",
			      0, NULL, err, sizeof err), 1);
	check_str(err, "t-matrix: F:2: 2 fields, the header has 3\n");
}

int
main(void)
{
	liq_progname = "t-matrix";
	TEST(t_regression(), "a numeric target: features, floats, NA as NaN, composite");
	TEST(t_class(), "a class target: Low/Medium/High/NA as 0/1/2/NaN");
	TEST(t_no_composite(), "no score column: no composite; a header alone: no rows");
	TEST(t_many(), "9000 rows: every row and feature in place");
	TEST(t_errors(), "missing target or excluded column, no features exit 2; bad class, number, date exit 1");
	return tap_done();
}
