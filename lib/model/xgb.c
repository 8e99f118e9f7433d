#include "model/xgb.h"

#include "core/diag.h"
#include "core/atomic-file.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* XGBoost's error text made one line: its first line without the
 * "[hh:mm:ss] src/file.cc:123: " in front (the rest is a stack trace). */
static void
one_line(char *err)
{
	char *p = strchr(err, '\n'), *q, *r;

	if (p)
		*p = '\0';
	for (p = err; (p = strchr(p, '[')) != NULL; p++) {
		if (!(strlen(p) > 11 && p[3] == ':' && p[6] == ':' && p[9] == ']' &&
		      p[10] == ' '))
			continue;
		q = p + 11;
		r = strstr(q, ": ");
		if (r && !memchr(q, ' ', (size_t)(r - q))) {
			memmove(p, r + 2, strlen(r + 2) + 1);
			break;
		}
	}
	for (p = err + strlen(err); p > err && (p[-1] == ' ' || p[-1] == '\t'); p--)
		p[-1] = '\0';
}

const char *
liq_xgb_last_error(void)
{
	static char buf[1024];

	snprintf(buf, sizeof buf, "%s", XGBGetLastError());
	one_line(buf);
	return buf;
}

#define CHECK(call)                                                        \
	do {                                                               \
		if ((call) != 0)                                           \
			liq_die(LIQ_EXIT_DATA, "xgboost: %s",              \
				liq_xgb_last_error());                     \
	} while (0)

DMatrixHandle
liq_xgb_matrix(const float *X, long n, int p, const long *rows, long nr,
	       const double *y, char *const *names)
{
	DMatrixHandle dm;
	float *buf = NULL, *lab = NULL;
	const float *data = X;
	long i;

	if (rows) {
		buf = liq_xmalloc((size_t)(nr ? nr : 1) * (size_t)p * sizeof *buf);
		for (i = 0; i < nr; i++)
			memcpy(buf + (size_t)i * (size_t)p, X + (size_t)rows[i] * (size_t)p,
			       (size_t)p * sizeof *buf);
		data = buf;
	} else {
		nr = n;
	}
	CHECK(XGDMatrixCreateFromMat(data, (bst_ulong)nr, (bst_ulong)p, NAN, &dm));
	free(buf);
	if (y) {
		lab = liq_xmalloc((size_t)(nr ? nr : 1) * sizeof *lab);
		for (i = 0; i < nr; i++)
			lab[i] = (float)y[rows ? rows[i] : i];
		CHECK(XGDMatrixSetFloatInfo(dm, "label", lab, (bst_ulong)nr));
		free(lab);
	}
	if (names)
		CHECK(XGDMatrixSetStrFeatureInfo(dm, "feature_name",
						 (const char **)names, (bst_ulong)p));
	return dm;
}

void
liq_xgb_param(BoosterHandle b, const char *key, const char *value)
{
	if (XGBoosterSetParam(b, key, value) != 0)
		liq_die(LIQ_EXIT_USAGE, "xgboost parameter %s=%s: %s", key, value,
			liq_xgb_last_error());
}

void
liq_xgb_set_names(BoosterHandle b, char *const *names, int p)
{
	CHECK(XGBoosterSetStrFeatureInfo(b, "feature_name", (const char **)names,
					 (bst_ulong)p));
}

static char logbuf[1024];
static int logging;

static void
log_cb(const char *msg)
{
	size_t n = strlen(logbuf);

	if (logging && n + 2 < sizeof logbuf)
		snprintf(logbuf + n, sizeof logbuf - n, "%s%s", n ? " " : "", msg);
}

void
liq_xgb_check(const char *const *params)
{
	static const float X[4] = { 0, 1, 2, 3 };
	static const float y[4] = { 0, 1, 2, 0 };
	DMatrixHandle dm;
	BoosterHandle b;
	int i, rc = 0;
	char *p;

	CHECK(XGDMatrixCreateFromMat(X, 4, 1, NAN, &dm));
	CHECK(XGDMatrixSetFloatInfo(dm, "label", y, 4));
	CHECK(XGBoosterCreate(&dm, 1, &b));
	logbuf[0] = '\0';
	logging = 1;
	XGBRegisterLogCallback(log_cb);
	rc = XGBoosterSetParam(b, "validate_parameters", "1");
	for (i = 0; params[i] && !rc; i += 2)
		rc = XGBoosterSetParam(b, params[i], params[i + 1]);
	if (!rc)
		rc = XGBoosterSetParam(b, "verbosity", "1");
	if (!rc)
		rc = XGBoosterUpdateOneIter(b, 0, dm);
	logging = 0;
	if (rc)
		liq_die(LIQ_EXIT_USAGE, "bad XGBoost parameters: %s", liq_xgb_last_error());
	/* XGBoost only warns about a parameter it does not use */
	if ((p = strstr(logbuf, "Parameters:")) != NULL) {
		char *nl;
		while ((nl = strchr(p, '\n')) != NULL)
			*nl = ' ';
		liq_die(LIQ_EXIT_USAGE, "bad XGBoost parameters: %s", p);
	}
	XGBoosterFree(b);
	XGDMatrixFree(dm);
}

BoosterHandle
liq_xgb_booster(DMatrixHandle dtrain, const char *const *params)
{
	BoosterHandle b;
	int i;

	CHECK(XGBoosterCreate(&dtrain, 1, &b));
	for (i = 0; params && params[i]; i += 2)
		liq_xgb_param(b, params[i], params[i + 1]);
	return b;
}

void
liq_xgb_round(BoosterHandle b, int iter, DMatrixHandle dtrain)
{
	CHECK(XGBoosterUpdateOneIter(b, iter, dtrain));
}

double
liq_xgb_eval(BoosterHandle b, int iter, DMatrixHandle dm)
{
	const char *name = "eval", *out, *colon;

	CHECK(XGBoosterEvalOneIter(b, iter, &dm, &name, 1, &out));
	colon = strrchr(out, ':');
	return colon ? strtod(colon + 1, NULL) : NAN;
}

/* The configuration of XGBoosterPredictFromDMatrix for a prediction type
 * (0 values, 2 SHAP contributions) over trees [0, rounds) (0: all). */
static void
predict_config(char *cfg, size_t size, int type, int rounds)
{
	snprintf(cfg, size,
		 "{\"type\": %d, \"training\": false, \"iteration_begin\": 0, "
		 "\"iteration_end\": %d, \"strict_shape\": false}", type, rounds);
}

static size_t
shape_len(const bst_ulong *shape, bst_ulong dim)
{
	size_t n = 1;
	bst_ulong i;

	for (i = 0; i < dim; i++)
		n *= (size_t)shape[i];
	return n;
}

const float *
liq_xgb_predict(BoosterHandle b, DMatrixHandle dm, int type, int rounds,
		size_t *len)
{
	char cfg[160];
	const bst_ulong *shape;
	bst_ulong dim;
	const float *out;

	predict_config(cfg, sizeof cfg, type, rounds);
	CHECK(XGBoosterPredictFromDMatrix(b, dm, cfg, &shape, &dim, &out));
	*len = shape_len(shape, dim);
	return out;
}

int
liq_xgb_try_shap(BoosterHandle b, const float *X, long n, int p, float *pred,
		 float *contrib, char *err, size_t errsz)
{
	DMatrixHandle dm;
	char cfg[160];
	const bst_ulong *shape;
	bst_ulong dim;
	const float *out;
	size_t want[2] = { (size_t)n, (size_t)n * (size_t)(p + 1) };
	float *dst[2] = { pred, contrib };
	int k, rc = 0;

	if (XGDMatrixCreateFromMat(X, (bst_ulong)n, (bst_ulong)p, NAN, &dm) != 0) {
		snprintf(err, errsz, "xgboost: %s", liq_xgb_last_error());
		return -1;
	}
	for (k = 0; k < 2 && rc == 0; k++) {
		predict_config(cfg, sizeof cfg, 2 * k, 0);
		if (XGBoosterPredictFromDMatrix(b, dm, cfg, &shape, &dim, &out) != 0) {
			snprintf(err, errsz, "xgboost: %s", liq_xgb_last_error());
			rc = -1;
		} else if (shape_len(shape, dim) != want[k]) {
			snprintf(err, errsz, "the model gives %zu %s for %ld rows of %d "
				 "features: not a regression model", shape_len(shape, dim),
				 k ? "contributions" : "outputs", n, p);
			rc = -1;
		} else {
			memcpy(dst[k], out, want[k] * sizeof *out);
		}
	}
	XGDMatrixFree(dm);
	return rc;
}

void
liq_xgb_save(BoosterHandle b, const char *path)
{
	bst_ulong len;
	const char *buf;
	liq_ofile *f;

	CHECK(XGBoosterSaveModelToBuffer(b, "{\"format\": \"json\"}", &len, &buf));
	f = liq_ofile_open(path);
	fwrite(buf, 1, (size_t)len, liq_ofile_fp(f));
	fputc('\n', liq_ofile_fp(f));
	liq_ofile_close(f);
}

BoosterHandle
liq_xgb_try_load(const char *path, char *err, size_t errsz)
{
	BoosterHandle b;
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f) {
		snprintf(err, errsz, "%s: cannot open the model: %s", path,
			 strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, errsz, "%s: cannot read the model (empty, or not "
			 "a file)", path);
		fclose(f);
		return NULL;
	}
	buf = liq_xmalloc((size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		snprintf(err, errsz, "%s: cannot read the model", path);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	if (XGBoosterCreate(NULL, 0, &b) != 0) {
		snprintf(err, errsz, "xgboost: %s", liq_xgb_last_error());
		free(buf);
		return NULL;
	}
	if (XGBoosterLoadModelFromBuffer(b, buf, (bst_ulong)len) != 0) {
		snprintf(err, errsz, "%s: not an XGBoost model: %s", path,
			 liq_xgb_last_error());
		XGBoosterFree(b);
		b = NULL;
	}
	free(buf);
	return b;
}

BoosterHandle
liq_xgb_load(const char *path)
{
	char err[1024];
	BoosterHandle b = liq_xgb_try_load(path, err, sizeof err);

	if (!b)
		liq_die(LIQ_EXIT_DATA, "%s", err);
	return b;
}

const char **
liq_xgb_try_feature_names(BoosterHandle b, size_t *n, char *err, size_t errsz)
{
	bst_ulong len = 0;
	const char **names = NULL;

	if (XGBoosterGetStrFeatureInfo(b, "feature_name", &len, &names) != 0) {
		snprintf(err, errsz, "xgboost: %s", liq_xgb_last_error());
		return NULL;
	}
	if (len == 0) {
		snprintf(err, errsz, "the model has no feature names (train it "
			 "with liqtrain)");
		return NULL;
	}
	*n = (size_t)len;
	return names;
}

const char **
liq_xgb_feature_names(BoosterHandle b, size_t *n)
{
	char err[512];
	const char **names = liq_xgb_try_feature_names(b, n, err, sizeof err);

	if (!names)
		liq_die(LIQ_EXIT_DATA, "%s", err);
	return names;
}

const char *
liq_xgb_attr(BoosterHandle b, const char *key)
{
	const char *out = NULL;
	int ok = 0;

	CHECK(XGBoosterGetAttr(b, key, &out, &ok));
	return ok ? out : NULL;
}

void
liq_xgb_set_attr(BoosterHandle b, const char *key, const char *value)
{
	CHECK(XGBoosterSetAttr(b, key, value));
}
