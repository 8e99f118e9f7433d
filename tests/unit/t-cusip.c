#include "ref/cusip.h"
#include "tap.h"

static void
t_known(void)
{
	/* published CUSIPs: Apple common, Microsoft common, a Treasury,
	 * and the ANSI example with letters */
	check_int(liq_cusip_valid("037833100"), 1);
	check_int(liq_cusip_valid("594918104"), 1);
	check_int(liq_cusip_valid("912828YK0"), 1);
	check_int(liq_cusip_valid("38259P508"), 1);
	check_int(liq_cusip_valid("037833101"), 0);
	check_int(liq_cusip_valid("03783310"), 0);
	check_int(liq_cusip_check("38259P50"), '8');
	check_int(liq_cusip_check("3825_P50"), -1);
}

int
main(void)
{
	TEST(t_known(), "check digits of published CUSIPs");
	return tap_done();
}
