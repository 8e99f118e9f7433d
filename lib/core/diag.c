#include "core/diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.0.0"
#endif

const char *liq_progname = "liq";
int liq_quiet;
int liq_exit_fast;
void (*liq_exit_hook)(int code);

void
liq_exit(int code)
{
	if (liq_exit_hook)
		liq_exit_hook(code);
	if (liq_exit_fast) {
		fflush(stderr);
		_exit(code);
	}
	exit(code);
}

static void
vmsg(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", liq_progname);
	if (file) {
		if (line > 0)
			fprintf(stderr, "%s:%ld: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	{
		/* a message is bounded, whatever value it quotes: a 10 MB
		 * field is not echoed whole (values quoted with liq_quote are
		 * cut much sooner) */
		char buf[LIQ_MSG_MAX + 1];
		int n = vsnprintf(buf, sizeof buf, fmt, ap);

		if (n > LIQ_MSG_MAX) {
			size_t k = LIQ_MSG_MAX - 3;
			while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80)
				k--;   /* not inside a UTF-8 character */
			memcpy(buf + k, "...", 4);
		}
		fputs(buf, stderr);
	}
	fputc('\n', stderr);
}

void
liq_close_stdout(void)
{
	int err = ferror(stdout);

	if (fflush(stdout) != 0 || err) {
		int e = errno;
		fprintf(stderr, "%s: write error: %s\n", liq_progname,
			e ? strerror(e) : "unknown error");
		_exit(LIQ_EXIT_DATA);
	}
}

static void
close_stdout_at_exit(void)
{
	liq_close_stdout();
	if (fclose(stdout) != 0) {
		fprintf(stderr, "%s: write error: %s\n", liq_progname,
			strerror(errno));
		_exit(LIQ_EXIT_DATA);
	}
}

void
liq_init(const char *argv0)
{
	const char *s = argv0 ? strrchr(argv0, '/') : NULL;

	liq_progname = s ? s + 1 : (argv0 ? argv0 : "liq");
	atexit(close_stdout_at_exit);
}

void
liq_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	liq_exit(code);
}

void
liq_die_at(int code, const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file ? file : "-", line, fmt, ap);
	va_end(ap);
	liq_exit(code);
}

void
liq_vdie_at(int code, const char *file, long line, const char *fmt,
	    va_list ap)
{
	vmsg(file ? file : "-", line, fmt, ap);
	liq_exit(code);
}

void
liq_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n",
		liq_progname);
	liq_exit(LIQ_EXIT_USAGE);
}

void
liq_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

void
liq_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file ? file : "-", line, fmt, ap);
	va_end(ap);
}

void
liq_note(const char *fmt, ...)
{
	va_list ap;

	if (liq_quiet)
		return;
	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

void *
liq_xmalloc(unsigned long n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		liq_die(LIQ_EXIT_DATA, "out of memory (%lu bytes)", n);
	return p;
}

void *
liq_xcalloc(unsigned long n, unsigned long size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		liq_die(LIQ_EXIT_DATA, "out of memory (%lu bytes)", n * size);
	return p;
}

void *
liq_xrealloc(void *p, unsigned long n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		liq_die(LIQ_EXIT_DATA, "out of memory (%lu bytes)", n);
	return q;
}

char *
liq_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(liq_xmalloc(n), s, n);
}

void
liq_grow(void *pp, unsigned long *cap, unsigned long need, unsigned long size)
{
	void **p = pp;
	unsigned long c = *cap ? *cap : 16;

	if (need <= *cap)
		return;
	while (c < need)
		c *= 2;
	*p = liq_xrealloc(*p, c * size);
	*cap = c;
}

void
liq_version(void)
{
	printf("%s (liq) %s\n", liq_progname, LIQ_VERSION);
	exit(LIQ_EXIT_OK);
}
