#include "core/atomic-file.h"

#include "core/diag.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct liq_ofile {
	FILE *fp;
	char *path, *tmp;
	struct liq_ofile *next;
};

static liq_ofile *open_files;
static int registered;

void
liq_ofile_abort_all(void)
{
	liq_ofile *f;

	for (f = open_files; f; f = f->next)
		if (f->tmp)
			unlink(f->tmp);
}

liq_ofile *
liq_ofile_open(const char *path)
{
	liq_ofile *f = liq_xcalloc(1, sizeof *f);
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
	fd = mkstemp(f->tmp);
	if (fd < 0)
		liq_die(LIQ_EXIT_DATA, "%s: %s", path, strerror(errno));
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
	f->next = open_files;
	open_files = f;
	if (!registered) {
		/* an exit() on an error path removes the temporaries */
		atexit(liq_ofile_abort_all);
		registered = 1;
	}
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
	if (rename(f->tmp, f->path) != 0)
		liq_die(LIQ_EXIT_DATA, "%s: %s", f->path, strerror(errno));
	for (pp = &open_files; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	free(f->tmp);
	free(f->path);
	free(f);
}
