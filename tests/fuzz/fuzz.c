/* fuzz — the harnesses' shared part (fuzz.h): the input file, the exit
 * hook, and the record of what one input allocates and opens. */
#include "fuzz.h"

#include "core/diag.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

jmp_buf fuzz_jmp;
int fuzz_exit_code;

static int active, exit_crashes;

/* ---- the record: a set of pointers (open addressing, linear probing,
 * deletion by backward shift), the FILEs and the file descriptors ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
int __real_open(const char *path, int flags, ...);
int __real_close(int fd);
FILE *__real_fopen(const char *path, const char *mode);
int __real_fclose(FILE *fp);

static void **set;
static size_t setcap, setn;

static size_t
slot_of(const void *p)
{
	uintptr_t h = (uintptr_t)p;

	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15u;
	return (size_t)(h >> 20) & (setcap - 1);
}

static void set_add(void *p);

static void
set_grow(void)
{
	void **old = set;
	size_t i, oldcap = setcap;

	setcap = setcap ? setcap * 2 : 4096;
	set = __real_calloc(setcap, sizeof *set);
	if (!set)
		abort();
	setn = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i])
			set_add(old[i]);
	__real_free(old);
}

static void
set_add(void *p)
{
	size_t i;

	if (!p)
		return;
	if (2 * (setn + 1) > setcap)
		set_grow();
	for (i = slot_of(p); set[i]; i = (i + 1) & (setcap - 1))
		if (set[i] == p)
			return;
	set[i] = p;
	setn++;
}

static void
set_del(void *p)
{
	size_t i, j, k;

	if (!p || !setn)
		return;
	for (i = slot_of(p); set[i] != p; i = (i + 1) & (setcap - 1))
		if (!set[i])
			return;
	set[i] = NULL;
	setn--;
	/* move the entries after it that would no longer be found */
	for (j = (i + 1) & (setcap - 1); set[j]; j = (j + 1) & (setcap - 1)) {
		k = slot_of(set[j]);
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			set[i] = set[j];
			set[j] = NULL;
			i = j;
		}
	}
}

#define MAXOPEN 64
static FILE *files[MAXOPEN];
static int fds[MAXOPEN];
static int nfiles, nfds;

void *
__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);

	if (active)
		set_add(p);
	return p;
}

void *
__wrap_calloc(size_t n, size_t size)
{
	void *p = __real_calloc(n, size);

	if (active)
		set_add(p);
	return p;
}

void *
__wrap_realloc(void *p, size_t n)
{
	void *q = __real_realloc(p, n);

	if (active && q) {
		set_del(p);
		set_add(q);
	}
	return q;
}

void
__wrap_free(void *p)
{
	if (active)
		set_del(p);
	__real_free(p);
}

char *
__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);

	return p ? memcpy(p, s, n) : NULL;
}

int
__wrap_open(const char *path, int flags, ...)
{
	int fd, mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	fd = __real_open(path, flags, mode);
	if (active && fd >= 0 && nfds < MAXOPEN)
		fds[nfds++] = fd;
	return fd;
}

int
__wrap_close(int fd)
{
	int i;

	if (active)
		for (i = 0; i < nfds; i++)
			if (fds[i] == fd) {
				fds[i] = fds[--nfds];
				break;
			}
	return __real_close(fd);
}

FILE *
__wrap_fopen(const char *path, const char *mode)
{
	FILE *fp = __real_fopen(path, mode);

	if (active && fp && nfiles < MAXOPEN)
		files[nfiles++] = fp;
	return fp;
}

int
__wrap_fclose(FILE *fp)
{
	int i;

	if (active)
		for (i = 0; i < nfiles; i++)
			if (files[i] == fp) {
				files[i] = files[--nfiles];
				break;
			}
	return __real_fclose(fp);
}

/* ---- inputs ---------------------------------------------------------- */

static void
exit_hook(int code)
{
	if (!active)
		return;   /* outside an input (set-up): a real exit */
	if (exit_crashes) {
		fprintf(stderr, "fuzz: the code under test called liq_exit(%d)\n",
			code);
		abort();
	}
	fuzz_exit_code = code;
	longjmp(fuzz_jmp, 1);
}

void
fuzz_exit_is_crash(void)
{
	exit_crashes = 1;
}

void
fuzz_begin(void)
{
	liq_exit_hook = exit_hook;
	fuzz_exit_code = 0;
	active = 1;
}

int
fuzz_end(void)
{
	size_t i;

	active = 0;
	if (fuzz_exit_code) {
		/* what the reader held when it gave up */
		for (i = 0; i < setcap; i++)
			if (set[i])
				__real_free(set[i]);
		while (nfiles)
			__real_fclose(files[--nfiles]);
		while (nfds)
			__real_close(fds[--nfds]);
	}
	if (setn)
		memset(set, 0, setcap * sizeof *set);
	setn = 0;
	nfiles = nfds = 0;
	return fuzz_exit_code;
}

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t off = 0;

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0) {
			perror("fuzz: memfd_create");
			abort();
		}
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0)
		abort();
	while (off < size) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);
		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	return path;
}

FILE *
fuzz_sink(void)
{
	static FILE *fp;

	if (!fp && !(fp = fopen("/dev/null", "w")))
		abort();
	return fp;
}
