/* Unit tests of lib/format/macro: macro series from liq TSV and from
 * FRED's CSV downloads, the value on a day as the last observation on or
 * before it (carried over holidays, NaN before the first), missing values
 * (NA, ".", empty) skipped, and the errors of a bad file. */
#include "core/dates.h"
#include "core/diag.h"
#include "format/macro.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define D(y, m, d) liq_date_from_ymd(y, m, d)

/* index of the series called name, or -1 */
static int
col(const liq_macro *m, const char *name)
{
	int i;

	for (i = 0; i < m->ncols; i++)
		if (!strcmp(m->c[i].name, name))
			return i;
	return -1;
}

static void
t_tsv(void)
{
	char path[64];
	liq_macro *m = liq_macro_new();
	int v, s;

	strcpy(path, tap_tmpfile("date\tVIX\tspread\n"
				 "2024-01-02\t13.2\t1.1\n"
				 "2024-01-03\tNA\t1.2\n"
				 "2024-01-05\t14\tNA\n"
				 "2024-01-08\t-0.5\t1.25\n"));
	liq_macro_load(m, path);
	check_int(m->ncols, 2);
	v = col(m, "VIX"); /* a TSV's names are kept as written */
	s = col(m, "spread");
	check(v >= 0 && s >= 0);
	if (v < 0 || s < 0)
		goto out;
	check_str(m->c[v].file, path);
	check_int(m->c[v].n, 3);  /* the NA is no observation */
	check_int(m->c[s].n, 3);
	check_int(m->c[v].day[1], D(2024, 1, 5));
	check_near(m->c[v].val[2], -0.5, 0);

	check(isnan(liq_macro_at(m, v, D(2024, 1, 1))));  /* before the first */
	check_near(liq_macro_at(m, v, D(2024, 1, 2)), 13.2, 0);
	check_near(liq_macro_at(m, v, D(2024, 1, 3)), 13.2, 0); /* NA: carried */
	check_near(liq_macro_at(m, v, D(2024, 1, 4)), 13.2, 0);
	check_near(liq_macro_at(m, v, D(2024, 1, 5)), 14, 0);
	check_near(liq_macro_at(m, v, D(2024, 1, 7)), 14, 0);  /* Sunday */
	check_near(liq_macro_at(m, v, D(2024, 1, 8)), -0.5, 0);
	check_near(liq_macro_at(m, v, D(2030, 1, 1)), -0.5, 0); /* after the last */
	check_near(liq_macro_at(m, s, D(2024, 1, 3)), 1.2, 0);
	check_near(liq_macro_at(m, s, D(2024, 1, 5)), 1.2, 0);
	check_near(liq_macro_at(m, s, D(2024, 1, 8)), 1.25, 0);
out:
	liq_macro_free(m);
	unlink(path);
}

/* FRED's two header spellings, "." for missing, a blank last line, CRLF
 * line ends and quoted names; series ids lower-cased. Several files
 * add up. */
static void
t_fred(void)
{
	char a[64], b[64], c[64];
	liq_macro *m = liq_macro_new();
	int vix, dgs, hy;

	strcpy(a, tap_tmpfile("observation_date,VIXCLS\n"
			      "2024-01-02,13.2\n"
			      "2024-01-03,.\n"
			      "2024-01-04,14.1\n"
			      "\n"));
	strcpy(b, tap_tmpfile("DATE,DGS10\r\n"
			      "2024-01-02,3.95\r\n"
			      "2024-01-03,\r\n"
			      "2024-01-05,4.05\r\n"));
	strcpy(c, tap_tmpfile("\"date\",\"BAMLH0A0HYM2\"\n"
			      "\"2024-01-03\",\"3.39\"\n"));
	liq_macro_load(m, a);
	liq_macro_load(m, b);
	liq_macro_load(m, c);
	check_int(m->ncols, 3);
	vix = col(m, "vixcls");
	dgs = col(m, "dgs10");
	hy = col(m, "bamlh0a0hym2");
	check(vix == 0 && dgs == 1 && hy == 2);
	if (vix != 0 || dgs != 1 || hy != 2)
		goto out;
	check_str(m->c[dgs].file, b);
	check_int(m->c[vix].n, 2);
	check_int(m->c[dgs].n, 2);
	check_int(m->c[hy].n, 1);
	check(isnan(liq_macro_at(m, vix, D(2024, 1, 1))));
	check_near(liq_macro_at(m, vix, D(2024, 1, 3)), 13.2, 0);
	check_near(liq_macro_at(m, vix, D(2024, 1, 4)), 14.1, 0);
	check_near(liq_macro_at(m, dgs, D(2024, 1, 4)), 3.95, 0);
	check_near(liq_macro_at(m, dgs, D(2024, 1, 5)), 4.05, 0);
	check(isnan(liq_macro_at(m, hy, D(2024, 1, 2))));
	check_near(liq_macro_at(m, hy, D(2024, 1, 3)), 3.39, 0);
out:
	liq_macro_free(m);
	unlink(a);
	unlink(b);
	unlink(c);
}

/* A file with a header and no rows gives empty series. */
static void
t_header_only(void)
{
	char path[64];
	liq_macro *m = liq_macro_new();

	strcpy(path, tap_tmpfile("date\tvix\n"));
	liq_macro_load(m, path);
	check_int(m->ncols, 1);
	check_int(m->c[0].n, 0);
	check(isnan(liq_macro_at(m, 0, D(2024, 1, 2))));
	liq_macro_free(m);
	unlink(path);
}

/* ---- errors ------------------------------------------------------------ */

typedef struct load_case {
	const char *first;   /* loaded before, or NULL */
	const char *path;
} load_case;

static void
load_it(void *arg)
{
	const load_case *c = arg;
	liq_macro *m = liq_macro_new();

	if (c->first)
		liq_macro_load(m, c->first);
	liq_macro_load(m, c->path);
	liq_macro_free(m);   /* a load that succeeds leaks nothing */
}

/* exit status of loading content (after `first`, if given); the message
 * with the file's path replaced by "F" in err */
static int
load_status(const char *first, const char *content, char *err, size_t errsz)
{
	char path[64], raw[1024], *p;
	load_case c;
	size_t k;
	int rc;

	strcpy(path, tap_tmpfile(content));
	c.first = first;
	c.path = path;
	rc = tap_exit_of(load_it, &c, raw, sizeof raw);
	unlink(path);
	/* the temporary's name -> F */
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
	char err[1024], first[64], want[256];

	check_int(load_status(NULL, "day\tvix\n2024-01-02\t1\n", err, sizeof err), 2);
	check_str(err, "t-macro: F: the first column must be 'date' (or FRED's "
		       "'observation_date' or 'DATE'), not 'day'\n");
	check_int(load_status(NULL, "vix,date\n1,2024-01-02\n", err, sizeof err), 2);
	check_str(err, "t-macro: F: the first column must be 'date' (or FRED's "
		       "'observation_date' or 'DATE'), not 'vix'\n");
	check_int(load_status(NULL, "", err, sizeof err), 1);
	check_str(err, "t-macro: F: empty file (want a header line)\n");
	check_int(load_status(NULL, "date\tvix\n2024-01-02\t13\n2024-13-01\t14\n",
			      err, sizeof err), 1);
	check_str(err, "t-macro: F:3: bad date '2024-13-01' (want YYYY-MM-DD)\n");
	check_int(load_status(NULL, "DATE,DGS10\n01/02/2024,3.9\n", err, sizeof err), 1);
	check_str(err, "t-macro: F:2: bad date '01/02/2024' (want YYYY-MM-DD)\n");
	check_int(load_status(NULL, "date\tvix\n2024-01-02\tabc\n", err, sizeof err), 1);
	check_str(err, "t-macro: F:2: column 'vix': bad number 'abc'\n");
	check_int(load_status(NULL, "DATE,DGS10\n2024-01-02,n/a\n", err, sizeof err), 1);
	check_str(err, "t-macro: F:2: column 'dgs10': bad number 'n/a'\n");
	check_int(load_status(NULL, "date\tvix\n2024-01-03\t1\n2024-01-02\t2\n",
			      err, sizeof err), 1);
	check_str(err, "t-macro: F:3: dates must ascend: '2024-01-02' after an "
		       "equal or later date\n");
	check_int(load_status(NULL, "date\tvix\n2024-01-03\t1\n2024-01-03\t2\n",
			      err, sizeof err), 1);
	check_str(err, "t-macro: F:3: dates must ascend: '2024-01-03' after an "
		       "equal or later date\n");
	check_int(load_status(NULL, "DATE,DGS10\n2024-01-02,3.9,1\n", err, sizeof err), 1);
	check_str(err, "t-macro: F:2: 3 fields, the header has 2\n");
	check_int(load_status(NULL, "date\tvix\n2024-01-02\n", err, sizeof err), 1);
	check_str(err, "t-macro: F:2: 1 field, the header has 2\n");

	/* a series in two files: a usage error naming both */
	strcpy(first, tap_tmpfile("date\tvix\n2024-01-02\t13\n"));
	check_int(load_status(first, "DATE,VIX\n2024-01-03,14\n", err, sizeof err), 2);
	snprintf(want, sizeof want, "t-macro: macro series 'vix' is in both %s and F\n",
		 first);
	check_str(err, want);
	/* the CSV's VIX is lower-cased, so a TSV's VIX is another series */
	check_int(load_status(first, "date\tVIX\n2024-01-03\t14\n", err, sizeof err), 0);
	check_str(err, "");
	unlink(first);
}

int
main(void)
{
	liq_progname = "t-macro";
	TEST(t_tsv(), "TSV series: NA skipped, last observation carried, NaN before the first");
	TEST(t_fred(), "FRED CSV: both date headers, '.', CRLF, quotes, ids lower-cased");
	TEST(t_header_only(), "a header without rows: empty series");
	TEST(t_errors(), "no date column or a series twice exit 2; bad date, number, order, fields exit 1");
	return tap_done();
}
