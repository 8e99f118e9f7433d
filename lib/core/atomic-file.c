#include "core/atomic-file.h"

#include "core/diag.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct liq_ofile {
	FILE *fp;
	char *path, *tmp;
	struct liq_ofile *next;
};

/* The temporaries not yet renamed. A signal handler walks this list, so
 * it is changed only with the fatal signals blocked (block_fatal()). */
static liq_ofile *volatile open_files;
static int registered;

/* The signals that end a tool whose temporaries the handler removes: a
 * kill, a Ctrl-C, a closed terminal, a pipe reader gone. */
static const int fatal[] = { SIGTERM, SIGINT, SIGHUP, SIGPIPE };
#define NFATAL ((int)(sizeof fatal / sizeof fatal[0]))

void
liq_ofile_abort_all(void)
{
	liq_ofile *f;

	for (f = open_files; f; f = f->next)
		if (f->tmp)
			unlink(f->tmp);
}

/* Remove the temporaries (unlink is async-signal-safe; the list is
 * consistent, see above), then end the process by the same signal with
 * its default action, so that the caller sees the usual status. */
static void
on_fatal(int sig)
{
	sigset_t s;

	liq_ofile_abort_all();
	signal(sig, SIG_DFL);
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig);
}

static void
block_fatal(sigset_t *old)
{
	sigset_t s;
	int i;

	sigemptyset(&s);
	for (i = 0; i < NFATAL; i++)
		sigaddset(&s, fatal[i]);
	sigprocmask(SIG_BLOCK, &s, old);
}

/* Catch the fatal signals whose action is the default one (a signal the
 * caller ignores or handles itself is left as it is). */
static void
catch_fatal(void)
{
	int i;

	for (i = 0; i < NFATAL; i++) {
		struct sigaction sa, old;
		if (sigaction(fatal[i], NULL, &old) != 0 ||
		    old.sa_handler != SIG_DFL || (old.sa_flags & SA_SIGINFO))
			continue;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal;
		sigfillset(&sa.sa_mask);
		sigaction(fatal[i], &sa, NULL);
	}
}

liq_ofile *
liq_ofile_open(const char *path)
{
	liq_ofile *f = liq_xcalloc(1, sizeof *f);
	sigset_t old_mask;
	int fd;

	struct stat st;
	char *real = NULL;

	if (strcmp(path, "-") == 0) {
		f->fp = stdout;
		return f;
	}
	/* Only a regular file (or a new one) is replaced by rename: a device
	 * such as /dev/null or /dev/full, a FIFO or a socket is written in
	 * place, and a symbolic link is followed to the file it names. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		f->fp = fopen(path, "w");
		if (!f->fp)
			liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
		f->path = liq_xstrdup(path);
		return f;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		path = real;
	f->path = liq_xstrdup(path);
	free(real);
	path = f->path;
	f->tmp = liq_xmalloc(strlen(path) + 16);
	sprintf(f->tmp, "%s.tmp.XXXXXX", path);
	if (!registered) {
		/* an exit() on an error path removes the temporaries, and so
		   does a fatal signal */
		atexit(liq_ofile_abort_all);
		catch_fatal();
		registered = 1;
	}
	/* no signal between the temporary's creation and its registration */
	block_fatal(&old_mask);
	fd = mkstemp(f->tmp);
	if (fd < 0)
		liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
	f->next = open_files;
	open_files = f;
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	{
		/* mkstemp makes 0600; a result file gets the usual 0666 & ~umask */
		mode_t um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um) != 0)
			liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
	}
	f->fp = fdopen(fd, "w");
	if (!f->fp)
		liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
	return f;
}

FILE *
liq_ofile_fp(liq_ofile *f)
{
	return f->fp;
}

void
liq_ofile_close(liq_ofile *f)
{
	liq_ofile **pp;
	sigset_t old_mask;
	int err;

	if (f->fp == stdout) {
		free(f);
		return;
	}
	err = ferror(f->fp);
	if (fclose(f->fp) != 0 || err)
		liq_die(LIQ_EXIT_DATA, "%s: write error: %s", f->path,
			errno ? strerror(errno) : "unknown error");
	if (!f->tmp) { /* written in place */
		free(f->path);
		free(f);
		return;
	}
	/* the rename and the end of the registration go together: a signal
	   handler must not remove a name that is no longer a temporary */
	block_fatal(&old_mask);
	if (rename(f->tmp, f->path) != 0)
		liq_die(LIQ_EXIT_DATA, "%s: %s", f->path, strerror(errno));
	for (pp = (liq_ofile **)&open_files; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	free(f->tmp);
	free(f->path);
	free(f);
}
