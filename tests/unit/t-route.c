#include "serve/route.h"
#include "tap.h"

static void
t_split(void)
{
	char buf[64], *seg[4];

	check_int(liq_route_split("/", buf, sizeof buf, seg, 4), 0);
	check_int(liq_route_split("/score/ABC", buf, sizeof buf, seg, 4), 2);
	check_str(seg[0], "score");
	check_str(seg[1], "ABC");
	check_int(liq_route_split("/a//b/", buf, sizeof buf, seg, 4), 4);
	check_str(seg[1], "");
	check_str(seg[3], "");
	check_int(liq_route_split("/a/b/c/d/e", buf, sizeof buf, seg, 4), -1);
	check_int(liq_route_split("score", buf, sizeof buf, seg, 4), -1);
	check_int(liq_route_split("/0123456789012345678901234567890123456789012345678901234567890123",
				  buf, sizeof buf, seg, 4), -1);
}

static void
t_unescape(void)
{
	char a[] = "/%2e%2E/x%2Fy%41", b[] = "/app.js%00.html", c[] = "%zz%4%", d[] = "%e2%82%ac";

	check_int(liq_route_unescape(a), 8);
	check_str(a, "/../x/yA");
	liq_route_unescape(b);
	check_str(b, "/app.js%00.html");
	liq_route_unescape(c);
	check_str(c, "%zz%4%");
	liq_route_unescape(d);
	check_str(d, "\xe2\x82\xac");
}

static void
t_files(void)
{
	check(liq_route_file_ok("index.html"));
	check(liq_route_file_ok("app-2.min.js"));
	check(!liq_route_file_ok(".."));
	check(!liq_route_file_ok(".htaccess"));
	check(!liq_route_file_ok("a/b"));
	check(!liq_route_file_ok("a\\b"));
	check(!liq_route_file_ok(""));
	check(!liq_route_file_ok("%2e%2e"));
	check_str(liq_route_mime("app.js"), "text/javascript; charset=utf-8");
	check_str(liq_route_mime("x.svg"), "image/svg+xml");
	check_str(liq_route_mime("x"), "application/octet-stream");
}

static void
t_params(void)
{
	static const char *const allowed[] = { "explain", "days", NULL };
	static const char *const none[] = { NULL };
	liq_query p = { 0 };
	char err[256];
	double x = -1;
	long k = -1;
	int i;

	liq_query_add(&p, "explain", "3");
	liq_query_add(&p, "days", "2.5");
	check_int(liq_query_check(&p, allowed, err, sizeof err), 0);
	check_int(liq_query_long(&p, "explain", 1, 10, &k, err, sizeof err), 0);
	check_int(k, 3);
	check_int(liq_query_num(&p, "days", 0, 5, &x, err, sizeof err), 0);
	check_near(x, 2.5, 0);
	check_int(liq_query_num(&p, "days", 0, 2, &x, err, sizeof err), -1);
	check_str(err, "bad value '2.5' for days (want a number from 0 to 2)");
	check_int(liq_query_long(&p, "absent", 0, 2, &k, err, sizeof err), 0);
	check_int(liq_query_check(&p, none, err, sizeof err), -1);
	check_str(err, "unknown query parameter 'explain' (this path takes none)");
	liq_query_add(&p, "days", "1");
	check_int(liq_query_check(&p, allowed, err, sizeof err), -1);
	check_str(err, "query parameter 'days' given twice");
	p.n = 0;
	liq_query_add(&p, "explian", "1");
	check_int(liq_query_check(&p, allowed, err, sizeof err), -1);
	check_str(err, "unknown query parameter 'explian' (this path takes explain, days)");
	p.n = 0;
	liq_query_add(&p, "explain", "\xff");
	check_int(liq_query_check(&p, allowed, err, sizeof err), -1);
	p.n = 0;
	liq_query_add(&p, "explain", "1.5");
	check_int(liq_query_long(&p, "explain", 1, 10, &k, err, sizeof err), -1);
	p.n = 0;
	for (i = 0; i < LIQ_PARAMS_MAX + 1; i++)
		liq_query_add(&p, "days", "1");
	check_int(liq_query_check(&p, allowed, err, sizeof err), -1);
	check_str(err, "more than 16 query parameters");
}

int
main(void)
{
	TEST(t_split(), "paths split into segments; too many or too long refused");
	TEST(t_unescape(), "percent escapes decoded, %00 kept");
	TEST(t_files(), "dashboard file names: no dots first, no slashes; types");
	TEST(t_params(), "query parameters: allowed, once, numbers in range");
	return tap_done();
}
