#include "core/diag.h"
#include "core/tsv.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static char tmpl[] = "/tmp/t-tsv-XXXXXX";


static void
t_basic(void)
{
	const char *p = tap_tmpfile("cusip\tdate\tprice\nA\t2020-01-02\t101.5\nB\t2020-01-03\tNA\n");
	liq_tsv *r = liq_tsv_open(p);
	int ip, ic;
	check_int(liq_tsv_header(r), 1);
	check_int(r->nhdr, 3);
	ic = liq_tsv_col(r, "cusip");
	ip = liq_tsv_col(r, "price");
	check_int(ic, 0);
	check_int(ip, 2);
	check_int(liq_tsv_col(r, "qty"), -1);
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, ic), "A");
	check_near(liq_tsv_num(r, ip), 101.5, 0);
	check_int(r->lineno, 2);
	check_int(liq_tsv_next(r), 1);
	check(isnan(liq_tsv_num(r, ip)));
	check_int(liq_tsv_next(r), 0);
	check_int(liq_tsv_next(r), 0);
	liq_tsv_close(r);
	unlink(p);
}

static void
t_empty_and_header_only(void)
{
	const char *p = tap_tmpfile("");
	liq_tsv *r = liq_tsv_open(p);
	check_int(liq_tsv_header(r), 0);
	liq_tsv_close(r);
	unlink(p);
	p = tap_tmpfile("a\tb\n");
	r = liq_tsv_open(p);
	check_int(liq_tsv_header(r), 1);
	check_int(liq_tsv_next(r), 0);
	liq_tsv_close(r);
	unlink(p);
}

static void
t_no_final_newline_and_empty_fields(void)
{
	const char *p = tap_tmpfile("a\tb\tc\n\t\t\nx\ty\tz");
	liq_tsv *r = liq_tsv_open(p);
	liq_tsv_header(r);
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 0), "");
	check_str(liq_tsv_field(r, 2), "");
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 2), "z");
	check_int(liq_tsv_next(r), 0);
	liq_tsv_close(r);
	unlink(p);
}

/* Lines longer than the 1 MiB buffer, and many rows across buffer refills. */
static void
t_long_lines(void)
{
	size_t n = 3u << 20, i;
	char *s = malloc(n + 64);
	const char *p;
	liq_tsv *r;
	long rows = 0;
	strcpy(s, "a\tb\n");
	for (i = 4; i < n; i++)
		s[i] = 'x';
	s[n / 2] = '\t';
	strcpy(s + n, "\n1\t2\n");
	p = tap_tmpfile(s);
	r = liq_tsv_open(p);
	liq_tsv_header(r);
	check_int(liq_tsv_next(r), 1);
	check_int(strlen(liq_tsv_field(r, 0)), n / 2 - 4);
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 1), "2");
	liq_tsv_close(r);
	unlink(p);
	/* 200k short rows: several refills of the buffer */
	{
		FILE *f;
		double sum = 0;
		char path[64];
		int fd;
		strcpy(path, tmpl);
		fd = mkstemp(path);
		f = fdopen(fd, "w");
		fputs("k\tv\n", f);
		for (i = 0; i < 200000; i++)
			fprintf(f, "key%zu\t%zu\n", i, i);
		fclose(f);
		r = liq_tsv_open(path);
		liq_tsv_header(r);
		while (liq_tsv_next(r)) {
			rows++;
			sum += liq_tsv_num(r, 1);
		}
		check_int(rows, 200000);
		check_near(sum, 199999.0 * 200000 / 2, 0);
		check_int(r->lineno, 200001);
		liq_tsv_close(r);
		unlink(path);
	}
	free(s);
}

/* ---- the error paths, each in a child process ---- */

static const char *g_path;

static void
read_all(void *arg)
{
	liq_tsv *r;
	(void)arg;
	liq_init("t-tsv");
	r = liq_tsv_open(g_path);
	if (liq_tsv_header(r))
		while (liq_tsv_next(r))
			(void)liq_tsv_num(r, liq_tsv_need(r, "price"));
}

static void
t_errors(void)
{
	char err[512];
	g_path = tap_tmpfile("cusip\tprice\nA\t1\r\n");
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: CRLF line end") != NULL);
	unlink(g_path);

	g_path = tap_tmpfile("cusip\tprice\nA\t1\nB\n");
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":3: 1 field, the header has 2") != NULL);
	unlink(g_path);

	g_path = tap_tmpfile("cusip\tprice\nA\t1\nB\t12x\n");
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, "t-tsv: /tmp/") == err);
	check(strstr(err, ":3: column 'price': bad number '12x'") != NULL);
	unlink(g_path);

	g_path = tap_tmpfile("cusip\tqty\nA\t1\n");
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 2);
	check(strstr(err, ": missing column 'price'") != NULL);
	unlink(g_path);

	g_path = "/nonexistent/file.tsv";
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check_str(err, "t-tsv: /nonexistent/file.tsv: No such file or directory\n");
}

/* a temporary file of n bytes (which may hold NUL bytes) */
static const char *
tmpfile_n(const char *content, size_t n)
{
	static char path[64];
	FILE *f;
	int fd;

	strcpy(path, tmpl);
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fwrite(content, 1, n, f);
	fclose(f);
	return path;
}

static void
read_lines(void *arg)
{
	liq_tsv *r;
	(void)arg;
	liq_init("t-tsv");
	r = liq_tsv_open(g_path);
	while (liq_tsv_next_line(r))
		;
}

static void
read_dates(void *arg)
{
	liq_tsv *r;
	(void)arg;
	liq_init("t-tsv");
	r = liq_tsv_open(g_path);
	if (liq_tsv_header(r))
		while (liq_tsv_next(r))
			(void)liq_tsv_date(r, liq_tsv_need(r, "date"));
}

/* A NUL byte is an error wherever it is, never the end of a field; a
 * header names each column once; a value quoted in a message is cut. */
static void
t_nul_dup_long(void)
{
	static const char row[] = "cusip\tprice\nA\t1\nB\t2\0009\n";
	static const char first[] = "cusip\tprice\nA\0B\t1\n";
	static const char hdr[] = "cusip\tpr\0ice\nA\t1\n";
	static const char extra[] = "cusip\tprice\nA\t1\t\0\n";
	static const char last[] = "cusip\tprice\nA\t1\0";
	char err[512], *big;
	size_t n;

	g_path = tmpfile_n(row, sizeof row - 1);
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":3: NUL byte in column 'price'\n") != NULL);
	unlink(g_path);

	g_path = tmpfile_n(first, sizeof first - 1);
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: NUL byte in column 'cusip'\n") != NULL);
	unlink(g_path);

	g_path = tmpfile_n(hdr, sizeof hdr - 1);
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":1: NUL byte in the header (field 2)\n") != NULL);
	unlink(g_path);

	g_path = tmpfile_n(extra, sizeof extra - 1);
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: NUL byte in field 3\n") != NULL);
	unlink(g_path);

	/* a last line without '\n' */
	g_path = tmpfile_n(last, sizeof last - 1);
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: NUL byte in column 'price'\n") != NULL);
	unlink(g_path);

	/* raw lines (the CSV reader's) */
	g_path = tmpfile_n(row, sizeof row - 1);
	check_int(tap_exit_of(read_lines, NULL, err, sizeof err), 1);
	check(strstr(err, ":3: NUL byte at byte 4 of the line\n") != NULL);
	unlink(g_path);

	g_path = tap_tmpfile("price\tcusip\tprice\n1\tA\t2\n");
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":1: column 'price' appears twice in the header "
		     "(fields 1 and 3)\n") != NULL);
	unlink(g_path);

	/* a 100 kB value: the message quotes its first 45 bytes and "..." */
	n = 100000;
	big = malloc(n + 64);
	strcpy(big, "cusip\tprice\nA\t");
	memset(big + strlen(big), '7', n);
	strcpy(big + 14 + n, "x\n");
	g_path = tap_tmpfile(big);
	check_int(tap_exit_of(read_all, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: column 'price': bad number "
		     "'777777777777777777777777777777777777777777777...'\n") != NULL);
	check(strlen(err) < 200);
	unlink(g_path);

	strcpy(big, "cusip\tdate\nA\t");
	memset(big + strlen(big), '2', n);
	strcpy(big + 13 + n, "\n");
	g_path = tap_tmpfile(big);
	check_int(tap_exit_of(read_dates, NULL, err, sizeof err), 1);
	check(strstr(err, ":2: column 'date': bad date "
		     "'222222222222222222222222222222222222222222222...' "
		     "(want YYYY-MM-DD)\n") != NULL);
	check(strlen(err) < 200);
	unlink(g_path);
	free(big);
}

/* A '|' separator, a peek that does not consume, raw lines, and rows
 * whose field count the caller checks (a trailer line). */
static void
t_sep_peek_raw(void)
{
	const char *p = tap_tmpfile("a|b|c\n1|2|3\n20200102\nx,y\n");
	liq_tsv *r = liq_tsv_open(p);
	const char *line;
	size_t len;
	line = liq_tsv_peek(r, &len);
	check_int(len, 5);
	check(line && memcmp(line, "a|b|c", 5) == 0);
	line = liq_tsv_peek(r, &len); /* again: not consumed */
	check_int(len, 5);
	liq_tsv_set_sep(r, '|');
	check_int(liq_tsv_header(r), 1);
	check_int(r->nhdr, 3);
	check_str(r->hdr[2], "c");
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 1), "2");
	check_int(liq_tsv_next_any(r), 1);
	check_int(r->nf, 1);
	check_str(liq_tsv_field(r, 0), "20200102");
	check_str(liq_tsv_next_line(r), "x,y");
	check_int(r->lineno, 4);
	check(liq_tsv_next_line(r) == NULL);
	check(liq_tsv_peek(r, &len) == NULL);
	liq_tsv_close(r);
	unlink(p);
	/* a peek at a last line without '\n' */
	p = tap_tmpfile("only");
	r = liq_tsv_open(p);
	line = liq_tsv_peek(r, &len);
	check_int(len, 4);
	check_str(liq_tsv_next_line(r), "only");
	liq_tsv_close(r);
	unlink(p);
}

static void
t_writer(void)
{
	liq_row w;
	char buf[256];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	liq_row_init(&w);
	liq_row_str(&w, "A");
	liq_row_date(&w, 18337);
	liq_row_num(&w, 101.25);
	liq_row_num(&w, NAN);
	liq_row_long(&w, -42);
	liq_row_na(&w);
	liq_row_end(&w, f);
	liq_row_num(&w, 1.0 / 3);
	liq_row_end(&w, f);
	fclose(f);
	check_str(buf, "A\t2020-03-16\t101.25\tNA\t-42\tNA\n0.3333333333\n");
	liq_row_free(&w);
}

/* With liq_tsv_allow_crlf a '\r\n' line end is stripped (from peek too)
 * and counted; a bare '\n' line is read as it is. */
static void
t_crlf_allowed(void)
{
	const char *path = tap_tmpfile("a|b\r\n1|2\r\n3|4\nlast|x\r\n");
	liq_tsv *r = liq_tsv_open(path);
	size_t len;
	const char *p;

	liq_tsv_allow_crlf(r);
	liq_tsv_set_sep(r, '|');
	p = liq_tsv_peek(r, &len);
	check(p != NULL && len == 3 && p[0] == 'a' && p[2] == 'b');
	check_int(liq_tsv_header(r), 1);
	check_str(r->hdr[1], "b");
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 1), "2");
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 1), "4");
	check_int(liq_tsv_next(r), 1);
	check_str(liq_tsv_field(r, 1), "x");
	check_int(liq_tsv_next(r), 0);
	check_int((long)r->ncrlf, 3);
	liq_tsv_close(r);
	unlink(path);
}

int
main(void)
{
	TEST(t_basic(), "reads header, finds columns, parses fields");
	TEST(t_empty_and_header_only(), "empty input and header-only input");
	TEST(t_no_final_newline_and_empty_fields(), "last line without newline, empty fields");
	TEST(t_long_lines(), "lines longer than the buffer, many refills");
	TEST(t_errors(), "CRLF, short row, bad number, missing column, missing file");
	TEST(t_nul_dup_long(), "NUL bytes, a repeated column name, a long value quoted");
	TEST(t_sep_peek_raw(), "'|' separator, peek, raw lines, free field counts");
	TEST(t_writer(), "row writer formats and separates fields");
	TEST(t_crlf_allowed(), "allowed CRLF line ends are stripped and counted");
	return tap_done();
}
