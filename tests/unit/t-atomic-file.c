/* Unit tests of lib/core/atomic-file: a result file appears under its
 * name only when closed, with the usual permissions, replacing the old
 * one whole; a failed write or an exit before the close leaves neither a
 * partial file nor a temporary behind, and neither does a fatal signal; "-" is stdout; devices are written
 * in place; a symbolic link is followed. */
#include "core/atomic-file.h"
#include "core/diag.h"
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

/* dir/name into a static buffer (two alternate) */
static const char *
in_dir(const char *name)
{
	static char buf[2][sizeof dir + 260];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

/* entries of dir (without . and ..); the first one's name in first */
static int
entries(char *first, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int k = 0;

	if (first)
		first[0] = '\0';
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (k++ == 0 && first)
			snprintf(first, n, "%s", e->d_name);
	}
	closedir(d);
	return k;
}

/* the whole content of path into a static buffer; NULL if unreadable */
static const char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t k;

	if (!f)
		return NULL;
	k = fread(buf, 1, sizeof buf - 1, f);
	buf[k] = '\0';
	fclose(f);
	return buf;
}

static void
empty_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlink(in_dir(e->d_name));
	closedir(d);
}

static void
t_appears_on_close(void)
{
	const char *path = in_dir("out.tsv");
	char first[256];
	struct stat st;
	liq_ofile *f;
	mode_t old = umask(022);

	empty_dir();
	f = liq_ofile_open(path);
	fputs("a\tb\n1\t2\n", liq_ofile_fp(f));
	fflush(liq_ofile_fp(f));
	/* before the close: only a temporary, named after the result */
	check(access(path, F_OK) != 0);
	check_int(entries(first, sizeof first), 1);
	check(strncmp(first, "out.tsv.tmp.", 12) == 0);
	liq_ofile_close(f);
	check_str(slurp(path), "a\tb\n1\t2\n");
	check_int(entries(first, sizeof first), 1);
	check_str(first, "out.tsv");
	/* 0666 & ~umask, not mkstemp's 0600 */
	check(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	umask(old);
}

/* The old file stays whole until the new one replaces it. */
static void
t_replaces(void)
{
	const char *path = in_dir("model.json");
	liq_ofile *f;
	FILE *o;

	empty_dir();
	o = fopen(path, "w");
	fputs("old\n", o);
	fclose(o);
	f = liq_ofile_open(path);
	fputs("new content\n", liq_ofile_fp(f));
	fflush(liq_ofile_fp(f));
	check_str(slurp(path), "old\n");
	liq_ofile_close(f);
	check_str(slurp(path), "new content\n");
	check_int(entries(NULL, 0), 1);
}

/* Two files open at once, closed in the other order. */
static void
t_two(void)
{
	liq_ofile *a, *b;

	empty_dir();
	a = liq_ofile_open(in_dir("a"));
	b = liq_ofile_open(in_dir("b"));
	fputs("A\n", liq_ofile_fp(a));
	fputs("B\n", liq_ofile_fp(b));
	check_int(entries(NULL, 0), 2);
	liq_ofile_close(a);
	liq_ofile_close(b);
	check_str(slurp(in_dir("a")), "A\n");
	check_str(slurp(in_dir("b")), "B\n");
	check_int(entries(NULL, 0), 2);
}

/* ---- failures, in a child -------------------------------------------- */

/* writes more than the file size limit allows: the close fails */
static void
write_too_much(void *arg)
{
	struct rlimit rl = { 64, 64 };
	liq_ofile *f;
	int i;

	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &rl);
	f = liq_ofile_open(arg);
	for (i = 0; i < 100; i++)
		fputs("0123456789\n", liq_ofile_fp(f));
	liq_ofile_close(f);
}

/* an error elsewhere while the file is open */
static void
die_while_open(void *arg)
{
	liq_ofile *f = liq_ofile_open(arg);

	fputs("half a result\n", liq_ofile_fp(f));
	fflush(liq_ofile_fp(f));
	liq_die(LIQ_EXIT_DATA, "input.tsv:3: bad price 'x'");
}

static void
open_only(void *arg)
{
	liq_ofile_close(liq_ofile_open(arg));
}

static void
t_failed_write(void)
{
	const char *path = in_dir("big.tsv");
	char err[512], want[512];
	FILE *o;

	empty_dir();
	check_int(tap_exit_of(write_too_much, (void *)path, err, sizeof err), 1);
	snprintf(want, sizeof want, "t-atomic-file: %s: write error: %s\n",
		 path, strerror(EFBIG));
	check_str(err, want);
	check_int(entries(NULL, 0), 0);

	/* over an existing file: the old one is left as it was */
	o = fopen(path, "w");
	fputs("old\n", o);
	fclose(o);
	check_int(tap_exit_of(write_too_much, (void *)path, err, sizeof err), 1);
	check_str(slurp(path), "old\n");
	check_int(entries(NULL, 0), 1);
}

static void
t_exit_while_open(void)
{
	const char *path = in_dir("out.tsv");
	char err[512];
	FILE *o;

	empty_dir();
	check_int(tap_exit_of(die_while_open, (void *)path, err, sizeof err), 1);
	check_str(err, "t-atomic-file: input.tsv:3: bad price 'x'\n");
	check_int(entries(NULL, 0), 0);

	o = fopen(path, "w");
	fputs("old\n", o);
	fclose(o);
	check_int(tap_exit_of(die_while_open, (void *)path, err, sizeof err), 1);
	check_str(slurp(path), "old\n");
	check_int(entries(NULL, 0), 1);
}

/* killed by a signal while two files are open */
static void
killed_while_open(void *arg)
{
	liq_ofile *a = liq_ofile_open(in_dir("a.tsv")),
		  *b = liq_ofile_open(in_dir("b.tsv"));

	fputs("half a result\n", liq_ofile_fp(a));
	fputs("half another\n", liq_ofile_fp(b));
	fflush(NULL);
	raise(*(int *)arg);
	liq_ofile_close(a);   /* not reached */
	liq_ofile_close(b);
}

/* a signal the program ignores stays ignored */
static void
ignored_while_open(void *arg)
{
	liq_ofile *a;

	signal(*(int *)arg, SIG_IGN);
	a = liq_ofile_open(in_dir("a.tsv"));
	fputs("whole\n", liq_ofile_fp(a));
	raise(*(int *)arg);
	liq_ofile_close(a);
}

static void
t_signal_while_open(void)
{
	static int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGPIPE };
	char err[512];
	FILE *o;
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		empty_dir();
		/* the process ends by the signal, as without the handler */
		check_int(tap_exit_of(killed_while_open, &sigs[i], err, sizeof err),
			  128 + sigs[i]);
		check_str(err, "");
		check_int(entries(NULL, 0), 0);
	}
	/* an old file is left as it was */
	o = fopen(in_dir("a.tsv"), "w");
	fputs("old\n", o);
	fclose(o);
	check_int(tap_exit_of(killed_while_open, &sigs[0], err, sizeof err),
		  128 + SIGTERM);
	check_str(slurp(in_dir("a.tsv")), "old\n");
	check_int(entries(NULL, 0), 1);

	empty_dir();
	check_int(tap_exit_of(ignored_while_open, &sigs[1], err, sizeof err), 0);
	check_str(slurp(in_dir("a.tsv")), "whole\n");
	check_int(entries(NULL, 0), 1);
}

static void
t_no_directory(void)
{
	const char *path = in_dir("missing/out.tsv");
	char err[512], want[512];

	empty_dir();
	check_int(tap_exit_of(open_only, (void *)path, err, sizeof err), 1);
	snprintf(want, sizeof want, "t-atomic-file: %s: %s\n", path,
		 strerror(ENOENT));
	check_str(err, want);
	check_int(entries(NULL, 0), 0);
}

/* ---- stdout, devices, links ------------------------------------------ */

static void
t_stdout(void)
{
	liq_ofile *f = liq_ofile_open("-");

	empty_dir();
	check(liq_ofile_fp(f) == stdout);
	liq_ofile_close(f);
	/* stdout stays open after the close */
	check(fflush(stdout) == 0);
	check_int(entries(NULL, 0), 0);
}

static void
write_dev_full(void *arg)
{
	liq_ofile *f = liq_ofile_open(arg);

	fputs("x\n", liq_ofile_fp(f));
	liq_ofile_close(f);
}

static void
t_devices(void)
{
	char err[512], want[512];
	liq_ofile *f = liq_ofile_open("/dev/null");
	struct stat st;

	check(liq_ofile_fp(f) != stdout);
	fputs("discarded\n", liq_ofile_fp(f));
	liq_ofile_close(f);
	check(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));

	/* written in place, so the write error is the device's */
	if (access("/dev/full", W_OK) == 0) {
		check_int(tap_exit_of(write_dev_full, "/dev/full", err, sizeof err), 1);
		snprintf(want, sizeof want,
			 "t-atomic-file: /dev/full: write error: %s\n",
			 strerror(ENOSPC));
		check_str(err, want);
	}
}

static void
t_symlink(void)
{
	char target[256];
	struct stat st;
	liq_ofile *f;
	FILE *o;
	ssize_t k;

	empty_dir();
	o = fopen(in_dir("real.tsv"), "w");
	fputs("old\n", o);
	fclose(o);
	check(symlink("real.tsv", in_dir("link.tsv")) == 0);
	f = liq_ofile_open(in_dir("link.tsv"));
	fputs("through the link\n", liq_ofile_fp(f));
	liq_ofile_close(f);
	/* the link is still a link, to the file that now has the result */
	check(lstat(in_dir("link.tsv"), &st) == 0 && S_ISLNK(st.st_mode));
	k = readlink(in_dir("link.tsv"), target, sizeof target - 1);
	check(k > 0);
	target[k > 0 ? k : 0] = '\0';
	check_str(target, "real.tsv");
	check_str(slurp(in_dir("real.tsv")), "through the link\n");
	check_int(entries(NULL, 0), 2);
}

int
main(void)
{
	liq_progname = "t-atomic-file";
	/* the signals start at their default action, whatever this test
	 * inherited (a background job of a shell without job control starts
	 * with SIGINT ignored; the module rightly leaves an ignored signal
	 * alone, decided at the first open) */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	strcpy(dir, "/tmp/liq-test-atomic-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	TEST(t_appears_on_close(), "the result appears on close, mode 0666 & ~umask, no temporary left");
	TEST(t_replaces(), "an old file stays whole until the close replaces it");
	TEST(t_two(), "two files open at once");
	TEST(t_failed_write(), "a failed write exits 1, leaves no file and no temporary, keeps the old file");
	TEST(t_exit_while_open(), "an exit while open removes the temporary");
	TEST(t_signal_while_open(), "SIGTERM, SIGINT, SIGHUP, SIGPIPE remove the temporaries and still kill; an ignored signal stays ignored");
	TEST(t_no_directory(), "a missing directory exits 1 naming the path");
	TEST(t_stdout(), "'-' is stdout, left open");
	TEST(t_devices(), "devices are written in place; /dev/full's error is reported");
	TEST(t_symlink(), "a symbolic link is followed and kept");
	empty_dir();
	rmdir(dir);
	return tap_done();
}
