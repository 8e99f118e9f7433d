/* cli — the command line, the same way in every tool.
 *
 * Options: every tool takes -q/--quiet, -h/--help and -V/--version, and
 * reports an unknown option or a missing argument in one line on stderr,
 * exit 2. A tool's loop:
 *
 *     static const struct option lo[] = {
 *             { "window", required_argument, NULL, 'w' },
 *             LIQ_COMMON_LONGOPTS,
 *             { NULL, 0, NULL, 0 }
 *     };
 *     while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("w:"), lo)) != -1) {
 *             if (liq_opt_common(c, usage_text))
 *                     continue;
 *             switch (c) {
 *             case 'w': w = liq_opt_long("--window", optarg, 1, 10000); break;
 *             }
 *     }
 *
 * Values: a bad value is a usage error (exit 2) that names the option and
 * quotes the value.
 */
#ifndef LIQ_CLI_H
#define LIQ_CLI_H

#include <getopt.h>

/* A tool's short options: the leading ':' makes getopt report a missing
 * argument as ':' (not '?'), and -q -h -V follow the tool's own. */
#define LIQ_SHORTOPTS(s) ":" s "qhV"

/* The long forms of -q, -h and -V, for the tool's option table. */
#define LIQ_COMMON_LONGOPTS                          \
	{ "quiet", no_argument, NULL, 'q' },         \
	{ "help", no_argument, NULL, 'h' },          \
	{ "version", no_argument, NULL, 'V' }

/* Long options without a short letter take codes from here up. */
enum { LIQ_OPT_LONG_ONLY = 256 };

/* getopt_long(3) with getopt's own messages off (opterr = 0); remembers
 * argv and the table for liq_opt_common's messages. `shortopts` must come
 * from LIQ_SHORTOPTS. */
int liq_getopt(int argc, char *const argv[], const char *shortopts,
	       const struct option *longopts);

/* The options every tool shares, given liq_getopt's return value c:
 *   'q'  sets liq_quiet; returns 1
 *   'h'  prints `usage` on stdout and exits 0
 *   'V'  prints the version and exits 0
 *   '?'  "prog: unknown option '--bogus' (prog --help lists them)", exit 2
 *        (also an ambiguous abbreviation, or an argument to an option
 *        that takes none)
 *   ':'  "prog: option '--window' needs an argument", exit 2
 * Any other c: returns 0, for the tool's own switch. */
int liq_opt_common(int c, const char *usage);

/* A whole number in [lo, hi]. */
long liq_opt_long(const char *opt, const char *val, long lo, long hi);

/* A number in [lo, hi]. */
double liq_opt_num(const char *opt, const char *val, double lo, double hi);

/* A date YYYY-MM-DD, as days since 1970-01-01. */
int liq_opt_date(const char *opt, const char *val);

#endif
