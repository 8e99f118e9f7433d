/* tap.h — a tiny TAP producer for liq's unit tests.
 *
 * Each TEST() is one test point; the checks inside it print a diagnostic
 * with file:line and both values when they fail, and fail the point.
 *
 *     static void t_mean(void) { check_near(mean(x, 3), 2.0, 1e-12); }
 *     int main(void) { TEST(t_mean(), "mean of 1,2,3"); return tap_done(); }
 */
#ifndef LIQ_TAP_H
#define LIQ_TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed, tap_cur_failed;

static inline void
tap_fail_here(const char *file, int line)
{
	tap_cur_failed = 1;
	printf("#   check failed at %s:%d\n", file, line);
}

#define TEST(call, desc)                                                  \
	do {                                                              \
		tap_cur_failed = 0;                                       \
		call;                                                     \
		tap_n++;                                                  \
		if (tap_cur_failed)                                       \
			tap_failed++;                                     \
		printf("%s %d - %s\n", tap_cur_failed ? "not ok" : "ok",  \
		       tap_n, desc);                                      \
	} while (0)

#define check(cond)                                                       \
	do {                                                              \
		if (!(cond)) {                                            \
			tap_fail_here(__FILE__, __LINE__);                \
			printf("#   expected: %s\n", #cond);              \
		}                                                         \
	} while (0)

#define check_int(a, b)                                                   \
	do {                                                              \
		long long a_ = (long long)(a), b_ = (long long)(b);       \
		if (a_ != b_) {                                           \
			tap_fail_here(__FILE__, __LINE__);                \
			printf("#   %s = %lld, want %lld\n", #a, a_, b_);    \
		}                                                         \
	} while (0)

#define check_str(a, b)                                                   \
	do {                                                              \
		const char *a_ = (a), *b_ = (b);                          \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                  \
			tap_fail_here(__FILE__, __LINE__);                \
			printf("#   %s = '%s', want '%s'\n", #a,             \
			       a_ ? a_ : "(null)", b_ ? b_ : "(null)");    \
		}                                                         \
	} while (0)

/* |a - b| <= tol, or both NaN. */
#define check_near(a, b, tol)                                             \
	do {                                                              \
		double a_ = (a), b_ = (b), t_ = (tol);                    \
		if (!((isnan(a_) && isnan(b_)) || fabs(a_ - b_) <= t_)) { \
			tap_fail_here(__FILE__, __LINE__);                \
			printf("#   %s = %.17g, want %.17g (tol %g)\n", #a,  \
			       a_, b_, t_);                               \
		}                                                         \
	} while (0)

/* |a - b| <= rel * |b|. */
#define check_rel(a, b, rel)                                              \
	do {                                                              \
		double a_ = (a), b_ = (b), r_ = (rel);                    \
		if (!(fabs(a_ - b_) <= r_ * fabs(b_))) {                  \
			tap_fail_here(__FILE__, __LINE__);                \
			printf("#   %s = %.17g, want %.17g (rel %g)\n", #a,  \
			       a_, b_, r_);                               \
		}                                                         \
	} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}


#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run fn(arg) in a child process; return its exit status (or 128+signal)
 * and copy what it wrote on stderr into err (errsz bytes, NUL-terminated).
 * For testing the "or die" paths of the library. */
static inline int
tap_exit_of(void (*fn)(void *), void *arg, char *err, size_t errsz)
{
	int pfd[2], st;
	pid_t pid;
	size_t len = 0;
	ssize_t k;

	fflush(stdout);
	if (pipe(pfd) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		dup2(pfd[1], 2);
		freopen("/dev/null", "w", stdout);
		fn(arg);
		exit(0);
	}
	close(pfd[1]);
	for (;;) {
		char sink[512];
		if (len + 1 < errsz)
			k = read(pfd[0], err + len, errsz - 1 - len);
		else
			k = read(pfd[0], sink, sizeof sink); /* drain the rest */
		if (k <= 0)
			break;
		if (len + 1 < errsz)
			len += (size_t)k;
	}
	err[len] = '\0';
	close(pfd[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Write content to a new temporary file; returns its path (a static
 * buffer, valid until the next call). The caller unlinks it. */
static inline const char *
tap_tmpfile(const char *content)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/liq-test-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, content, strlen(content)) < 0)
		abort();
	close(fd);
	return path;
}

#endif /* LIQ_TAP_H tail */
