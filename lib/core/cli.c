#include "core/cli.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"

#include <stdio.h>
#include <string.h>

/* liq_getopt's arguments, for the messages of liq_opt_common */
static char *const *opt_argv;
static const struct option *opt_table;

/* Length of the option name in "--name=value" (after the dashes). */
static size_t
name_len(const char *arg)
{
	return strcspn(arg + 2, "=");
}

static _Noreturn void
unknown(const char *what, int len)
{
	liq_die(LIQ_EXIT_USAGE, "unknown option '%.*s' (%s --help lists them)",
		len, what, liq_progname);
}

int
liq_getopt(int argc, char *const argv[], const char *shortopts,
	   const struct option *longopts)
{
	int c, i = -1;
	const char *arg;

	opterr = 0;
	opt_argv = argv;
	opt_table = longopts;
	c = getopt_long(argc, argv, shortopts, longopts, &i);
	if (c == -1 || c == '?' || c == ':' || i < 0)
		return c;
	/* A long option must be written out: getopt_long would take "--bonds"
	 * for "--bonds-out" while no other option starts so, and a new
	 * option could turn any abbreviation into another one. The text is
	 * argv[optind - 1], or the one before it when the value followed as
	 * an argument of its own. */
	arg = argv[optind - 1];
	if (optarg == arg && optind >= 2)
		arg = argv[optind - 2];
	if (name_len(arg) != strlen(longopts[i].name))
		unknown(arg, (int)(name_len(arg) + 2));
	return c;
}

/* The long option named in "--name[=value]" (written out) with code val,
 * or NULL. */
static const struct option *
find_long(const char *arg, int val)
{
	const struct option *o;
	size_t n = name_len(arg);

	for (o = opt_table; o && o->name; o++)
		if (o->val == val && strlen(o->name) == n &&
		    !strncmp(o->name, arg + 2, n))
			return o;
	return NULL;
}

/* The argument getopt_long has just read. */
static const char *
last_arg(void)
{
	return opt_argv && optind >= 1 ? opt_argv[optind - 1] : NULL;
}

static int
is_long(const char *arg)
{
	return arg && arg[0] == '-' && arg[1] == '-' && arg[2];
}

static _Noreturn void
bad_option(void)
{
	const char *arg = last_arg();
	const struct option *o;
	char buf[3] = { '-', 0, 0 };

	/* getopt_long: optopt 0 for an unknown long option; a long option's
	   code when it was given an argument it does not take ("--quiet=1");
	   else the unknown letter, whose argument may not be done yet */
	if (!optopt && is_long(arg))
		unknown(arg, (int)(name_len(arg) + 2));
	if (!optopt)
		unknown(arg ? arg : "?", arg ? (int)strlen(arg) : 1);
	if (is_long(arg) && strchr(arg, '=') && (o = find_long(arg, optopt)) &&
	    o->has_arg == no_argument)
		liq_die(LIQ_EXIT_USAGE, "option '--%s' takes no argument",
			o->name);
	buf[1] = optopt < 256 ? (char)optopt : '?';
	unknown(buf, 2);
}

static _Noreturn void
missing_argument(void)
{
	const char *arg = last_arg();
	const struct option *o;

	if (is_long(arg)) {
		if (!(o = find_long(arg, optopt)))
			unknown(arg, (int)(name_len(arg) + 2));
		liq_die(LIQ_EXIT_USAGE, "option '--%s' needs an argument",
			o->name);
	}
	liq_die(LIQ_EXIT_USAGE, "option '-%c' needs an argument", optopt);
}

int
liq_opt_common(int c, const char *usage)
{
	switch (c) {
	case 'q':
		liq_quiet = 1;
		return 1;
	case 'h':
		fputs(usage, stdout);
		liq_exit(LIQ_EXIT_OK);
	case 'V':
		liq_version();
	case '?':
		bad_option();
	case ':':
		missing_argument();
	default:
		return 0;
	}
}

long
liq_opt_long(const char *opt, const char *val, long lo, long hi)
{
	long v;
	char w[80];

	if (liq_int_in(val, lo, hi, &v) != LIQ_NUM_OK)
		liq_usage("%s: bad value '%s' (want %s)", opt, val,
			  liq_want_int(w, sizeof w, lo, hi));
	return v;
}

double
liq_opt_num(const char *opt, const char *val, double lo, double hi)
{
	double x;
	char w[80];

	if (liq_num_in(val, lo, hi, &x) != LIQ_NUM_OK)
		liq_usage("%s: bad value '%s' (want %s)", opt, val,
			  liq_want_num(w, sizeof w, lo, hi));
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
