#include "serve/snapshot.h"

#include "core/dates.h"
#include "core/diag.h"
#include "serve/route.h"
#include "core/tsv.h"
#include "model/explain.h"
#include "model/xgb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The TSV files of a set, in the order of the snapshot array. */
enum { F_SCORES, F_IMPACT, F_BONDS, F_FEATURES, F_IMPORTANCE, F_PRINTS, F_N };

static const char *
conf_path(const liq_tables_conf *c, int k)
{
	switch (k) {
	case F_SCORES: return c->scores;
	case F_IMPACT: return c->impact;
	case F_BONDS: return c->bonds;
	case F_FEATURES: return c->features;
	case F_PRINTS: return c->prints;
	default: return c->importance;
	}
}

static void
load_importance(liq_tables *T, const char *path)
{
	static const char *const cols[3] = { "gain", "total_gain", "mean_abs_shap" };
	liq_tsv *r = liq_tsv_open(path);
	unsigned long cap = 0, icap = 0;
	int c_f, c[3], j;

	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)", path);
	c_f = liq_tsv_need(r, "feature");
	for (j = 0; j < 3; j++)
		c[j] = liq_tsv_col(r, cols[j]);
	while (liq_tsv_next(r)) {
		liq_grow(&T->imp_feature, &cap, (unsigned long)T->nimp + 1,
			 sizeof *T->imp_feature);
		liq_grow(&T->imp, &icap, 3 * ((unsigned long)T->nimp + 1),
			 sizeof *T->imp);
		T->imp_feature[T->nimp] = liq_xstrdup(liq_tsv_field(r, c_f));
		for (j = 0; j < 3; j++)
			T->imp[3 * T->nimp + j] = c[j] < 0 ? NAN : liq_tsv_num(r, c[j]);
		T->nimp++;
	}
	liq_tsv_close(r);
}

/* The TSV tables, from the paths p[] (the files themselves or their
 * copies). Exits on bad data, as every liq reader does. */
static void
load_tsvs(liq_tables *T, const char *const *p)
{
	char why[600];

	T->bonds = liq_bonds_load(p[F_BONDS]);
	T->scores = liq_score_table_load(p[F_SCORES]);
	T->impact = liq_impact_table_load(p[F_IMPACT], LIQ_TABLE_LINES);
	if (p[F_FEATURES]) {
		snprintf(why, sizeof why, ", a feature of %s", T->conf->model);
		T->features = liq_latest_load(p[F_FEATURES],
					      (const char *const *)T->fnames, 1, why);
	}
	if (p[F_IMPORTANCE])
		load_importance(T, p[F_IMPORTANCE]);
	T->recal.k = 1;
	T->recal_rc = -2;
	if (p[F_PRINTS])
		T->recal_rc = liq_pretrade_recalibrate(T->impact, p[F_PRINTS], 0,
						       LIQ_RECAL_LOOKBACK,
						       LIQ_PARTICIPATION, &T->recal);
}

/* The model's feature names, NULL-terminated, into T. */
static BoosterHandle
load_model(liq_tables *T, char *err, size_t errsz)
{
	BoosterHandle b = liq_xgb_try_load(T->conf->model, err, errsz);
	const char **nm, *obj;
	size_t n, i;
	char t[16];

	if (!b)
		return NULL;
	nm = liq_xgb_try_feature_names(b, &n, err, errsz);
	if (!nm) {
		XGBoosterFree(b);
		return NULL;
	}
	obj = liq_xgb_attr(b, "liq_objective");
	if (obj && strcmp(obj, "reg") != 0) {
		snprintf(err, errsz, "%s is a classification model; give the "
			 "regression model (liqtrain -y score_fwd)", T->conf->model);
		XGBoosterFree(b);
		return NULL;
	}
	T->nf = (int)n;
	T->fnames = liq_xcalloc(n + 1, sizeof *T->fnames);
	for (i = 0; i < n; i++)
		T->fnames[i] = liq_xstrdup(nm[i]);
	snprintf(t, sizeof t, "%d", T->conf->threads > 0 ? T->conf->threads : 1);
	if (XGBoosterSetParam(b, "nthread", t) != 0) {
		snprintf(err, errsz, "xgboost: %s", liq_xgb_last_error());
		XGBoosterFree(b);
		return NULL;
	}
	return b;
}

/* The model's raw output and the SHAP contributions of every bond's
 * latest row. */
static int
explain_all(liq_tables *T, BoosterHandle b, char *err, size_t errsz)
{
	long n = T->features->n, i;
	int p = T->nf;
	float *X = liq_xmalloc((size_t)(n ? n : 1) * (size_t)p * sizeof *X);
	int rc = 0;

	for (i = 0; i < n * p; i++)
		X[i] = (float)T->features->x[i];
	T->pred_raw = liq_xmalloc((size_t)(n ? n : 1) * sizeof *T->pred_raw);
	T->shap = liq_xmalloc((size_t)(n ? n : 1) * (size_t)(p + 1) *
			      sizeof *T->shap);
	T->mean_abs_shap = liq_xcalloc((size_t)p, sizeof *T->mean_abs_shap);
	if (n > 0)
		rc = liq_xgb_try_shap(b, X, n, p, T->pred_raw, T->shap, err, errsz);
	free(X);
	if (rc == 0 && n > 0)
		liq_explain_mean_abs(T->shap, n, p, n, T->mean_abs_shap);
	return rc;
}

static int
cmp_www(const void *a, const void *b)
{
	return strcmp(((const liq_www_file *)a)->name,
		      ((const liq_www_file *)b)->name);
}

/* Every file of the dashboard directory that may be served, in memory. */
static int
load_www(liq_tables *T, char *err, size_t errsz)
{
	const char *dir = T->conf->www;
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned long cap = 0;
	long total = 0;
	int rc = 0;

	if (!d) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		int fd;
		liq_www_file *f;
		ssize_t got = 0;

		if (!liq_route_file_ok(e->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		fd = open(path, O_RDONLY | O_NOFOLLOW);
		if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		if (st.st_size > LIQ_WWW_FILE_MAX ||
		    (total += st.st_size) > LIQ_WWW_TOTAL_MAX) {
			snprintf(err, errsz, "%s: too large (a dashboard file may "
				 "have %ld bytes, all of them %ld)", path,
				 LIQ_WWW_FILE_MAX, LIQ_WWW_TOTAL_MAX);
			close(fd);
			rc = -1;
			break;
		}
		liq_grow(&T->www, &cap, (unsigned long)T->nwww + 1, sizeof *T->www);
		f = &T->www[T->nwww++];
		f->name = liq_xstrdup(e->d_name);
		f->len = (size_t)st.st_size;
		f->data = liq_xmalloc(f->len + 1);
		f->mime = liq_route_mime(f->name);
		while ((size_t)got < f->len) {
			ssize_t k = read(fd, f->data + got, f->len - (size_t)got);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				snprintf(err, errsz, "%s: %s", path,
					 k < 0 ? strerror(errno) : "changed while read");
				rc = -1;
				break;
			}
			got += k;
		}
		close(fd);
	}
	closedir(d);
	qsort(T->www, (size_t)T->nwww, sizeof *T->www, cmp_www);
	return rc;
}

/* Everything but the TSV tables, which can fail without exiting. */
static liq_tables *
load_rest(liq_tables *T, BoosterHandle b, char *err, size_t errsz)
{
	int rc = 0;

	if (b) {
		rc = explain_all(T, b, err, errsz);
		XGBoosterFree(b);
	}
	if (rc == 0 && T->conf->www)
		rc = load_www(T, err, errsz);
	if (rc != 0) {
		liq_tables_free(T);
		return NULL;
	}
	time(&T->loaded);
	return T;
}

liq_tables *
liq_tables_load(const liq_tables_conf *c, char *err, size_t errsz)
{
	liq_tables *T = liq_xcalloc(1, sizeof *T);
	const char *p[F_N];
	BoosterHandle b = NULL;
	int k;

	T->conf = c;
	if (c->model && !(b = load_model(T, err, errsz))) {
		liq_tables_free(T);
		return NULL;
	}
	for (k = 0; k < F_N; k++)
		p[k] = conf_path(c, k);
	load_tsvs(T, p);
	return load_rest(T, b, err, errsz);
}

/* ---- reloading --------------------------------------------------------- */

/* Copy path into a new memfd; -1 with a message on failure. */
static int
snapshot(const char *path, char *err, size_t errsz)
{
	char buf[1 << 16];
	int in = open(path, O_RDONLY), out;
	ssize_t k;

	if (in < 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	out = memfd_create("liqserve-table", MFD_CLOEXEC);
	if (out < 0) {
		snprintf(err, errsz, "memfd_create: %s", strerror(errno));
		close(in);
		return -1;
	}
	for (;;) {
		k = read(in, buf, sizeof buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		for (ssize_t w = 0; w < k; ) {
			ssize_t m = write(out, buf + w, (size_t)(k - w));
			if (m < 0 && errno == EINTR)
				continue;
			if (m < 0) {
				k = -1;
				break;
			}
			w += m;
		}
		if (k < 0)
			break;
	}
	if (k < 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		close(in);
		close(out);
		return -1;
	}
	close(in);
	return out;
}

/* Replace every "/proc/self/fd/N" of the snapshots in msg by the file's
 * own name, drop the "prog: " prefix and the final newline. */
static void
rename_snapshots(char *msg, size_t size, const int *fd, const char *const *name)
{
	char tmp[2048], pat[32];
	int k;
	size_t n;

	for (k = 0; k < F_N; k++) {
		char *at;
		if (fd[k] < 0)
			continue;
		snprintf(pat, sizeof pat, "/proc/self/fd/%d", fd[k]);
		while ((at = strstr(msg, pat)) != NULL) {
			snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(at - msg), msg,
				 name[k], at + strlen(pat));
			snprintf(msg, size, "%s", tmp);
		}
	}
	n = strlen(liq_progname);
	if (strncmp(msg, liq_progname, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
		memmove(msg, msg + n + 2, strlen(msg + n + 2) + 1);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	for (char *q = msg; *q; q++)   /* one log line */
		if (*q == '\n')
			*q = ' ';
}

/* Run load_tsvs over the snapshots in a child; 0 if it exits 0, else -1
 * with its message. */
static int
check_in_child(liq_tables *T, const char *const *p, const int *fd,
	       const char *const *name, char *err, size_t errsz)
{
	int pfd[2], status = 0;
	pid_t pid;
	size_t got = 0;
	ssize_t k;

	if (pipe2(pfd, O_CLOEXEC) != 0) {
		snprintf(err, errsz, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);   /* nothing buffered is written twice */
	pid = fork();
	if (pid < 0) {
		snprintf(err, errsz, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		/* A fresh stderr: the parent's FILE lock may have been held by
		   another thread at the fork. */
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 1);   /* the readers flush stdout before a message */
		dup2(pfd[1], 2);
		stderr = fdopen(2, "w");
		if (!stderr)
			_exit(LIQ_EXIT_DATA);
		setvbuf(stderr, NULL, _IONBF, 0);
		liq_exit_fast = 1;
		load_tsvs(T, p);
		liq_tables_free(T);   /* for valgrind: the child leaks nothing */
		_exit(0);
	}
	close(pfd[1]);
	err[0] = '\0';
	for (;;) {
		char buf[512];
		k = read(pfd[0], buf, sizeof buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (got + 1 < errsz) {
			size_t m = (size_t)k < errsz - 1 - got ? (size_t)k : errsz - 1 - got;
			memcpy(err + got, buf, m);
			got += m;
			err[got] = '\0';
		}
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (got == 0)
		snprintf(err, errsz, "the check of the tables failed (%s %d)",
			 WIFSIGNALED(status) ? "signal" : "exit status",
			 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	rename_snapshots(err, errsz, fd, name);
	return -1;
}

liq_tables *
liq_tables_reload(const liq_tables_conf *c, char *err, size_t errsz)
{
	liq_tables *T = liq_xcalloc(1, sizeof *T);
	char path[F_N][32];
	const char *p[F_N], *name[F_N];
	int fd[F_N], k, rc = 0;
	BoosterHandle b = NULL;

	T->conf = c;
	for (k = 0; k < F_N; k++) {
		fd[k] = -1;
		p[k] = NULL;
		name[k] = conf_path(c, k);
	}
	if (c->model && !(b = load_model(T, err, errsz)))
		rc = -1;
	for (k = 0; k < F_N && rc == 0; k++) {
		if (!name[k])
			continue;
		fd[k] = snapshot(name[k], err, errsz);
		if (fd[k] < 0) {
			rc = -1;
			break;
		}
		snprintf(path[k], sizeof path[k], "/proc/self/fd/%d", fd[k]);
		p[k] = path[k];
	}
	if (rc == 0)
		rc = check_in_child(T, p, fd, name, err, errsz);
	if (rc == 0)
		load_tsvs(T, p);   /* the same bytes the child read: no exit */
	for (k = 0; k < F_N; k++)
		if (fd[k] >= 0)
			close(fd[k]);
	if (rc != 0) {
		if (b)
			XGBoosterFree(b);
		liq_tables_free(T);
		return NULL;
	}
	return load_rest(T, b, err, errsz);
}

void
liq_tables_free(liq_tables *T)
{
	long i;

	if (!T)
		return;
	liq_bonds_free(T->bonds);
	liq_score_table_free(T->scores);
	liq_impact_table_free(T->impact);
	for (i = 0; T->fnames && i < T->nf; i++)
		free(T->fnames[i]);
	free(T->fnames);
	liq_latest_free(T->features);
	free(T->pred_raw);
	free(T->shap);
	free(T->mean_abs_shap);
	for (i = 0; i < T->nimp; i++)
		free(T->imp_feature[i]);
	free(T->imp_feature);
	free(T->imp);
	for (i = 0; i < T->nwww; i++) {
		free(T->www[i].name);
		free(T->www[i].data);
	}
	free(T->www);
	free(T);
}

void
liq_tables_describe(const liq_tables *T, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%ld bonds, %zu scores, %zu impact fits",
			 T->bonds->n, T->scores->n, T->impact->n);

	if (T->features && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", a model of %d features "
			      "explaining %ld bonds", T->nf, T->features->n);
	if (T->nimp && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", %ld importances",
			      T->nimp);
	if (T->conf->www && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", %d dashboard files", T->nwww);
	if (T->recal_rc != -2 && n >= 0 && (size_t)n < size) {
		char to[16];
		liq_date_fmt(to, T->recal.to);
		if (T->recal_rc == 0)
			snprintf(buf + n, size - (size_t)n, ", intervals x %.3f (%ld "
				 "prints to %s)", T->recal.k, T->recal.n, to);
		else
			snprintf(buf + n, size - (size_t)n, ", intervals as fitted "
				 "(%ld prints to %s, fewer than %d)", T->recal.n, to,
				 LIQ_RECAL_MIN);
	}
}

const liq_www_file *
liq_tables_www(const liq_tables *T, const char *name)
{
	liq_www_file key;

	key.name = (char *)name;
	return T->nwww ? bsearch(&key, T->www, (size_t)T->nwww, sizeof *T->www,
				 cmp_www) : NULL;
}
