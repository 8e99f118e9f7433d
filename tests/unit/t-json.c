#include "serve/json.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

static char *
dump(json_t *j)
{
	size_t n;
	char *s = liq_json_dump(j, &n);

	json_decref(j);
	return s;
}

static void
t_numbers(void)
{
	json_t *a = json_array();
	char *s;

	json_array_append_new(a, liq_json_num(2));
	json_array_append_new(a, liq_json_num(0.1));
	json_array_append_new(a, liq_json_num(87.78692861234));
	json_array_append_new(a, liq_json_num(1e20));
	json_array_append_new(a, liq_json_num(NAN));
	json_array_append_new(a, liq_json_num(INFINITY));
	json_array_append_new(a, liq_json_num(-3.5e-7));
	s = dump(a);
	check_str(s, "[2.0,0.1,87.78692861,1e20,null,null,-3.5e-7]\n");
	free(s);
}

static void
t_strings(void)
{
	char *s = dump(liq_json_str("ok \xe2\x82\xac"));

	check_str(s, "\"ok \xe2\x82\xac\"\n");
	free(s);
	s = dump(liq_json_str("a\xff" "b\xe2\x82"));
	check_str(s, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\"\n");
	free(s);
	s = dump(liq_json_str("quote\" nl\n"));
	check_str(s, "\"quote\\\" nl\\n\"\n");
	free(s);
}

static void
t_error(void)
{
	char *s = dump(liq_json_error(404, "unknown cusip '%s'", "X\xff"));

	check_str(s, "{\"error\":\"unknown cusip 'X\xef\xbf\xbd'\",\"status\":404}\n");
	free(s);
}

int
main(void)
{
	TEST(t_numbers(), "numbers as %.10g, NaN and infinities null");
	TEST(t_strings(), "strings: bad UTF-8 becomes U+FFFD, escapes");
	TEST(t_error(), "the error body");
	return tap_done();
}
