#include "xgb.h"

#include "diag.h"
#include "ofile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(call)                                                        \
	do {                                                               \
		if ((call) != 0)                                           \
			liq_die(LIQ_EXIT_DATA, "xgboost: %s",              \
				XGBGetLastError());                        \
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
			XGBGetLastError());
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
		liq_die(LIQ_EXIT_USAGE, "bad XGBoost parameters: %s", XGBGetLastError());
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

const float *
liq_xgb_predict(BoosterHandle b, DMatrixHandle dm, int type, int rounds,
		size_t *len)
{
	char cfg[160];
	const bst_ulong *shape;
	bst_ulong dim, i;
	const float *out;
	size_t n = 1;

	snprintf(cfg, sizeof cfg,
		 "{\"type\": %d, \"training\": false, \"iteration_begin\": 0, "
		 "\"iteration_end\": %d, \"strict_shape\": false}", type, rounds);
	CHECK(XGBoosterPredictFromDMatrix(b, dm, cfg, &shape, &dim, &out));
	for (i = 0; i < dim; i++)
		n *= (size_t)shape[i];
	*len = n;
	return out;
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
liq_xgb_load(const char *path)
{
	BoosterHandle b;
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		liq_die(LIQ_EXIT_DATA, "%s: cannot open the model", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = liq_xmalloc((size_t)len + 1);
	if (len <= 0 || fread(buf, 1, (size_t)len, f) != (size_t)len)
		liq_die(LIQ_EXIT_DATA, "%s: cannot read the model", path);
	fclose(f);
	CHECK(XGBoosterCreate(NULL, 0, &b));
	if (XGBoosterLoadModelFromBuffer(b, buf, (bst_ulong)len) != 0)
		liq_die(LIQ_EXIT_DATA, "%s: not an XGBoost model: %s", path,
			XGBGetLastError());
	free(buf);
	return b;
}

const char **
liq_xgb_feature_names(BoosterHandle b, size_t *n)
{
	bst_ulong len = 0;
	const char **names = NULL;

	CHECK(XGBoosterGetStrFeatureInfo(b, "feature_name", &len, &names));
	if (len == 0)
		liq_die(LIQ_EXIT_DATA, "the model has no feature names (train it "
			"with liqtrain)");
	*n = (size_t)len;
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
