/* The endpoints over the hand-made tables of tests/fixtures/liqserve
 * (their README has the numbers worked out), and the reload. */
#include "serve/api.h"
#include "core/diag.h"
#include "serve/snapshot.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX "tests/fixtures/liqserve/"

static liq_tables_conf conf = { .scores = FIX "scores.tsv", .impact = FIX "impact.tsv",
				.bonds = FIX "bonds.tsv", .threads = 1 };
static liq_api_ctx ctx;
static int status;
static const char *allow;

/* method and URL (with a query) through liq_api_handle: the JSON answer,
 * its status in `status` */
static json_t *
req(const char *method, const char *url, const char *body)
{
	static char buf[512];
	liq_query q = { 0 };
	liq_reply r;
	char *qs;

	snprintf(buf, sizeof buf, "%s", url);
	if ((qs = strchr(buf, '?')) != NULL) {
		char *kv;
		*qs++ = '\0';
		for (kv = strtok(qs, "&"); kv; kv = strtok(NULL, "&")) {
			char *eq = strchr(kv, '=');
			if (eq)
				*eq++ = '\0';
			liq_query_add(&q, kv, eq ? eq : "");
		}
	}
	liq_api_handle(&ctx, method, buf, &q, body, body ? strlen(body) : 0, &r);
	status = r.status;
	allow = r.allow;
	return r.json;
}

static double
num(const json_t *o, const char *path)
{
	char k[64];
	const char *dot;
	const json_t *v = o;

	while (v && path) {
		dot = strchr(path, '.');
		snprintf(k, sizeof k, "%.*s", dot ? (int)(dot - path) : (int)strlen(path), path);
		v = json_is_array(v) ? json_array_get(v, (size_t)atoi(k)) : json_object_get(v, k);
		path = dot ? dot + 1 : NULL;
	}
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *
str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : "(not a string)";
}

static void
t_routes(void)
{
	json_decref(req("GET", "/health", NULL));
	check_int(status, 200);
	json_decref(req("HEAD", "/health", NULL));
	check_int(status, 200);
	json_decref(req("POST", "/health", "{}"));
	check_int(status, 405);
	check_str(allow, "GET, HEAD");
	json_decref(req("GET", "/score", NULL));
	check_int(status, 405);
	check_str(allow, "POST");
	json_decref(req("DELETE", "/pretrade/AAA000001/1/B", NULL));
	check_int(status, 405);
	json_decref(req("GET", "/score/a/b", NULL));
	check_int(status, 404);
	json_decref(req("GET", "/pretrade/AAA000001/1", NULL));
	check_int(status, 404);
	json_decref(req("GET", "/.hidden", NULL));
	check_int(status, 404);
	json_decref(req("GET", "/../etc/passwd", NULL));
	check_int(status, 404);
	json_decref(req("GET", "/", NULL));   /* no --www */
	check_int(status, 404);
	json_decref(req("POST", "/score", "{\"cusips\": []}"));
	check_int(status, 200);
}

static void
t_score(void)
{
	json_t *j = req("GET", "/score/AAA000001", NULL);

	check_int(status, 200);
	check_near(num(j, "score"), 80, 0);
	check_str(str(j, "date"), "2021-01-05");
	check_str(str(j, "bucket"), "High");
	check_near(num(j, "p_high"), 0.8, 0);
	json_decref(j);
	/* a date tie: the later line */
	j = req("GET", "/score/BBB000002", NULL);
	check_near(num(j, "score"), 45, 0);
	check_near(num(j, "p_medium"), 0.65, 0);
	json_decref(j);
	j = req("GET", "/score/NOSUCH", NULL);
	check_int(status, 404);
	check_str(str(j, "error"), "unknown cusip 'NOSUCH' (not in " FIX "scores.tsv)");
	json_decref(j);
	j = req("GET", "/score/AAA000001?explain=2", NULL);
	check_int(status, 400);
	json_decref(j);
	j = req("POST", "/score", "{\"cusips\": [\"CCC000003\", \"ZZZ\"]}");
	check_near(num(j, "results.0.score"), 20, 0);
	check_str(str(json_array_get(json_object_get(j, "results"), 1), "status"),
		  "unknown_cusip");
	json_decref(j);
}

static void
t_pretrade(void)
{
	json_t *j = req("GET", "/pretrade/AAA000001/1/B", NULL);

	check_int(status, 200);
	check_near(num(j, "half_spread_bps"), 10, 1e-12);
	check_near(num(j, "impact_bps"), 20, 1e-12);
	check_near(num(j, "cost_bps"), 30, 1e-12);
	check_near(num(j, "cost_lo_bps"), 25, 1e-12);
	check_near(num(j, "cost_hi_bps"), 35, 1e-12);
	check_near(num(j, "cost_usd"), 3000, 1e-9);
	check_near(num(j, "exec_days"), 10, 1e-12);
	check_near(num(j, "score"), 80, 0);
	check_str(str(j, "status"), "ok");
	json_decref(j);
	j = req("GET", "/pretrade/AAA000001/4/S?target_cost_bps=50&days=3&participation=0.1", NULL);
	check_near(num(j, "cost_bps"), 50, 1e-12);
	check_near(num(j, "for_target_cost.size_mm"), 4, 1e-12);
	check_near(num(j, "for_target_cost.cost_bps"), 50, 1e-12);
	check_near(num(j, "for_days.size_mm"), 0.3, 1e-12);
	json_decref(j);
	j = req("GET", "/pretrade/BBB000002/1/B", NULL);
	check_near(num(j, "cost_bps"), 15, 1e-12);
	check(json_is_null(json_object_get(j, "cost_lo_bps")));
	json_decref(j);
	j = req("GET", "/pretrade/CCC000003/1/B", NULL);
	check_int(status, 200);
	check_str(str(j, "status"), "no_fit");
	check(json_is_null(json_object_get(j, "cost_bps")));
	json_decref(j);
	j = req("GET", "/pretrade/AAA000001/0/B", NULL);
	check_int(status, 400);
	check_str(str(j, "error"), "bad size '0' (want $MM of par, a positive number)");
	json_decref(j);
	j = req("GET", "/pretrade/AAA000001/1/b", NULL);
	check_int(status, 400);
	json_decref(j);
	j = req("GET", "/pretrade/DDD000004/1/B", NULL);
	check_int(status, 404);
	json_decref(j);
	j = req("GET", "/pretrade/AAA000001/1/B?target_cost_bps=10", NULL);
	check_str(str(json_object_get(j, "for_target_cost"), "status"), "below_half_spread");
	json_decref(j);
	/* the batch: pretrade's statuses, the later check winning */
	j = req("POST", "/pretrade", "{\"queries\": ["
		"{\"cusip\": \"AAA000001\", \"size_mm\": 1, \"side\": \"B\"},"
		"{\"cusip\": \"AAA000001\", \"size_mm\": -1, \"side\": \"B\"},"
		"{\"cusip\": \"AAA000001\", \"size_mm\": 1, \"side\": 7},"
		"{\"cusip\": \"NOSUCH\", \"size_mm\": -1, \"side\": \"X\"},"
		"{\"cusip\": \"CCC000003\", \"size_mm\": 1, \"side\": \"S\"},"
		"{\"cusip\": \"AAA000001\", \"side\": \"B\", \"target_cost_bps\": 50, \"days\": 30}]}");
	check_int(status, 200);
	{
		static const char *const want[] = { "ok", "bad_size", "bad_side",
			"unknown_cusip", "no_fit", "ok" };
		json_t *a = json_object_get(j, "results");
		size_t i;
		check_int(json_array_size(a), 6);
		for (i = 0; i < 6; i++)
			check_str(str(json_array_get(a, i), "status"), want[i]);
		check_near(num(j, "results.5.size_mm"), 3, 1e-12);   /* 30 days < $4MM */
	}
	json_decref(j);
	j = req("POST", "/pretrade", "{\"queries\": [{\"cusip\": 1}]}");
	check_int(status, 400);
	json_decref(j);
}

static void
t_map_bonds_impact(void)
{
	json_t *j = req("GET", "/universe/map", NULL), *c;
	size_t i;
	int seen = 0;

	check_int(status, 200);
	json_array_foreach(json_object_get(j, "cells"), i, c) {
		const char *r = str(c, "rating"), *s = str(c, "sector");
		if (!strcmp(r, "AA") && !strcmp(s, "bank")) {
			check_near(num(c, "mean_score"), 80, 0);
			check_near(num(c, "high"), 1, 0);
			check_near(num(c, "amount_out"), 5e8, 0);
			seen++;
		} else if (!strcmp(r, "BBB") && !strcmp(s, "bank")) {
			check_near(num(c, "mean_score"), 45, 0);
			seen++;
		} else if (!strcmp(r, "NR") && !strcmp(s, "NA")) {
			check_near(num(c, "bonds"), 1, 0);
			check_near(num(c, "scored"), 0, 0);
			check(json_is_null(json_object_get(c, "mean_score")));
			seen++;
		}
	}
	check_int(seen, 3);
	check_int(json_array_size(json_object_get(j, "cells")), 4);
	json_decref(j);
	j = req("GET", "/bonds?rating=BBB", NULL);
	check_near(num(j, "count"), 2, 0);
	json_decref(j);
	j = req("GET", "/bonds?rating=BBB-", NULL);
	check_near(num(j, "count"), 1, 0);
	json_decref(j);
	j = req("GET", "/bonds?sector=bank&min_score=50", NULL);
	check_near(num(j, "count"), 1, 0);
	check_str(str(json_array_get(json_object_get(j, "bonds"), 0), "issuer"), "ACME");
	json_decref(j);
	j = req("GET", "/bonds?bucket=Low", NULL);
	check_near(num(j, "count"), 1, 0);
	json_decref(j);
	j = req("GET", "/bonds?sector=retail", NULL);
	check_int(status, 400);
	check_str(str(j, "error"), "unknown sector 'retail' (" FIX "bonds.tsv has bank, tech)");
	json_decref(j);
	j = req("GET", "/impact/AAA000001", NULL);
	check_int(status, 200);
	check(json_is_integer(json_object_get(json_object_get(j, "columns"), "n")));
	check_near(num(j, "columns.r2"), 0.5, 0);
	check_near(num(j, "model.alpha"), 1, 0);
	json_decref(j);
	j = req("GET", "/impact", NULL);
	check_near(num(j, "count"), 3, 0);
	json_decref(j);
	j = req("GET", "/importance", NULL);
	check_int(status, 404);
	json_decref(j);
}

static void
t_bodies(void)
{
	static char big[LIQ_API_BODY_MAX + 10];
	json_t *j;

	memset(big, ' ', sizeof big - 1);
	j = req("POST", "/score", big);
	check_int(status, 413);
	json_decref(j);
	j = req("POST", "/score", "{\"cusips\": [\"A\"] ");
	check_int(status, 400);
	check_str(str(j, "error"), "bad JSON at line 1, column 17: '}' expected near end of file");
	json_decref(j);
	j = req("POST", "/score", "{\"cusips\": [], \"cusip\": 1}");
	check_str(str(j, "error"), "unknown field 'cusip' in the body");
	json_decref(j);
}

/* A reload from a bad file fails with the file's own name and line, and
 * the process goes on; a good one works. */
static void
t_reload(void)
{
	char path[] = "/tmp/t-api-scoresXXXXXX", err[1024];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	liq_tables_conf c = conf;
	liq_tables *T;

	fputs("cusip\tdate\tscore_pred\tbucket\nAAA000001\t2021-01-05\tbad\tHigh\n", f);
	fclose(f);
	c.scores = path;
	T = liq_tables_reload(&c, err, sizeof err);
	check(T == NULL);
	{
		char want[256];
		snprintf(want, sizeof want, "%s:2: column 'score_pred': bad number 'bad'", path);
		check_str(err, want);
	}
	f = fopen(path, "w");
	fputs("cusip\tdate\tscore_pred\tbucket\nAAA000001\t2021-01-05\t12\tLow\n", f);
	fclose(f);
	T = liq_tables_reload(&c, err, sizeof err);
	check(T != NULL);
	if (T) {
		check_near(liq_score_table_find(T->scores, "AAA000001")->score, 12, 0);
		liq_tables_free(T);
	}
	c.scores = "/nonexistent/scores.tsv";
	check(liq_tables_reload(&c, err, sizeof err) == NULL);
	check_str(err, "/nonexistent/scores.tsv: No such file or directory");
	unlink(path);
}

int
main(void)
{
	char err[512];

	liq_init("t-api");
	ctx.T = liq_tables_load(&conf, err, sizeof err);
	if (!ctx.T) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	TEST(t_routes(), "routes: 404 for unknown paths, 405 with the methods allowed");
	TEST(t_score(), "scores: each bond's latest row, ties to the later line; batch");
	TEST(t_pretrade(), "pre-trade costs by hand; inverse queries; pretrade's statuses");
	TEST(t_map_bonds_impact(), "universe map, bond filters and impact rows by hand");
	TEST(t_bodies(), "bodies: 413 over the limit, JSON errors with line and column");
	TEST(t_reload(), "reload: a bad file fails with its name and line; a good one loads");
	liq_tables_free((liq_tables *)ctx.T);
	return tap_done();
}
