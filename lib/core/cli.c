#include "core/cli.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"

long
liq_opt_long(const char *opt, const char *val, long lo, long hi)
{
	long v;

	if (liq_int_parse(val, &v) != LIQ_NUM_OK || v < lo || v > hi)
		liq_usage("%s: bad value '%s' (want a whole number from %ld to "
			  "%ld)", opt, val, lo, hi);
	return v;
}

double
liq_opt_num(const char *opt, const char *val, double lo, double hi)
{
	double x;

	if (liq_num_parse(val, &x) != LIQ_NUM_OK || x < lo || x > hi)
		liq_usage("%s: bad value '%s' (want a number from %g to %g)", opt,
			  val, lo, hi);
	return x;
}

int
liq_opt_date(const char *opt, const char *val)
{
	int d;

	if (liq_date_parse(val, &d) != 0)
		liq_usage("%s: bad date '%s' (want YYYY-MM-DD)", opt, val);
	return d;
}
