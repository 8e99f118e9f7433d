/* diag — diagnostics, exit codes and the stdout close check shared by every tool.
 *
 * Messages follow one shape, lower case, the bad value in single quotes:
 *     prog: message
 *     prog: file:line: message
 * Exit codes: 0 ok, 1 data or runtime error, 2 usage error (unknown option,
 * missing column, bad argument).
 */
#ifndef LIQ_DIAG_H
#define LIQ_DIAG_H

#include <stdarg.h>

enum {
	LIQ_EXIT_OK = 0,
	LIQ_EXIT_DATA = 1,
	LIQ_EXIT_USAGE = 2
};

/* The program name used as message prefix; set by liq_init(). */
extern const char *liq_progname;

/* Non-zero after -q/--quiet: liq_note() prints nothing (warnings still do). */
extern int liq_quiet;

/* Set the program name from argv[0] (its basename) and register an atexit
 * handler that flushes and closes stdout, turning a write error (full disk,
 * closed pipe reader) into "prog: write error: ..." and exit 1. */
void liq_init(const char *argv0);

/* Non-zero in a forked child of a threaded program (liqserve's table
 * check): liq_exit() then ends the process with _exit(2), so that neither
 * the parent's atexit handlers nor library destructors run there. */
extern int liq_exit_fast;

/* For test harnesses (tests/fuzz): when set, liq_exit() calls it before
 * anything else, and it must not return (it longjmps back into the
 * harness, which then frees what the reader held). NULL in the tools. */
extern void (*liq_exit_hook)(int code);

/* Exit with `code`: exit(3), or _exit(2) when liq_exit_fast is set. Every
 * exit on an error path of libliq goes through here. */
_Noreturn void liq_exit(int code);

/* Print "prog: <message>" on stderr and exit with `code`. */
_Noreturn void liq_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Longest message text (after "prog: file:line: "); longer ones are cut
 * and end in "...". */
#define LIQ_MSG_MAX 2048

/* Print "prog: file:line: <message>" on stderr and exit with `code`.
 * line <= 0 omits the line number. */
_Noreturn void liq_die_at(int code, const char *file, long line,
			  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with a va_list, for wrappers such as liq_tsv_fail(). */
_Noreturn void liq_vdie_at(int code, const char *file, long line,
			   const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/* Usage error: "prog: <message>" plus a hint to --help; exit 2. */
_Noreturn void liq_usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Warning on stderr, "prog: <message>"; never exits. */
void liq_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void liq_warn_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Informational line on stderr (summaries, counts); silenced by liq_quiet. */
void liq_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation that never returns NULL: exits 1 with a message instead. */
void *liq_xmalloc(unsigned long n);
void *liq_xcalloc(unsigned long n, unsigned long size);
void *liq_xrealloc(void *p, unsigned long n);
char *liq_xstrdup(const char *s);

/* Grow *p (an array of `size`-byte elements with capacity *cap) so that it
 * holds at least `need` elements; capacity doubles. */
void liq_grow(void *pp, unsigned long *cap, unsigned long need,
	      unsigned long size);

/* Flush stdout and check for write errors now (also done at exit). */
void liq_close_stdout(void);

/* Print the version line "prog (liq) VERSION" on stdout and exit 0. */
_Noreturn void liq_version(void);

#endif
