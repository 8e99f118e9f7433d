/* atomic-file (liq_ofile) — result files written atomically: to a temporary name in the same
 * directory, renamed into place by liq_ofile_close(), so a crash or an
 * error never leaves half a file under the real name. A path that is not a
 * regular file (/dev/null, /dev/full, a FIFO) is written in place; a
 * symbolic link is followed. The temporaries still open are removed at
 * exit() and on SIGTERM, SIGINT, SIGHUP and SIGPIPE (when their action is
 * the default one): a handler unlinks them and re-raises the signal.
 *
 *     liq_ofile *f = liq_ofile_open("model.json");   // exits 1 on error
 *     fprintf(liq_ofile_fp(f), ...);
 *     liq_ofile_close(f);                             // flush, fsync-free rename
 */
#ifndef LIQ_OFILE_H
#define LIQ_OFILE_H

#include <stdio.h>

typedef struct liq_ofile liq_ofile;

/* Open a temporary file next to path. "-" means stdout (no rename). */
liq_ofile *liq_ofile_open(const char *path);
FILE *liq_ofile_fp(liq_ofile *f);
/* Flush, check for write errors, rename into place; exits 1 (removing the
 * temporary) on any error. */
void liq_ofile_close(liq_ofile *f);
/* Remove every temporary still open (called at exit on error paths and
 * from the signal handler; async-signal-safe). */
void liq_ofile_abort_all(void);

#endif
