/* cli — parsing of option values, the same way in every tool: a bad value
 * is a usage error (exit 2) that names the option and quotes the value.
 *
 *     w = liq_opt_long("--window", optarg, 1, 10000);
 */
#ifndef LIQ_CLI_H
#define LIQ_CLI_H

/* A whole number in [lo, hi]. */
long liq_opt_long(const char *opt, const char *val, long lo, long hi);

/* A number in [lo, hi]. */
double liq_opt_num(const char *opt, const char *val, double lo, double hi);

/* A date YYYY-MM-DD, as days since 1970-01-01. */
int liq_opt_date(const char *opt, const char *val);

#endif
