/* Unit tests of lib/core/cli: option values (liq_opt_long, liq_opt_num,
 * liq_opt_date) accepted in range and refused with the option, the quoted
 * value and what is wanted, exit 2; and the shared option loop
 * (liq_getopt + liq_opt_common): -q, -h, -V, an unknown option, an
 * abbreviation, a missing argument and an argument to a flag, each
 * refused in one line on stderr with exit 2. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define HINT "Try 't-cli --help' for more information.\n"

/* ---- values ---------------------------------------------------------- */

typedef struct val_case {
	int kind;          /* 0 long, 1 num, 2 date */
	const char *opt, *val;
	double lo, hi;
} val_case;

static void
opt_value(void *arg)
{
	const val_case *c = arg;

	if (c->kind == 0)
		liq_opt_long(c->opt, c->val, (long)c->lo, (long)c->hi);
	else if (c->kind == 1)
		liq_opt_num(c->opt, c->val, c->lo, c->hi);
	else
		liq_opt_date(c->opt, c->val);
}

/* exit status of the value case, stderr in err */
static int
value_status(int kind, const char *opt, const char *val, double lo, double hi,
	     char *err, size_t errsz)
{
	val_case c;

	c.kind = kind;
	c.opt = opt;
	c.val = val;
	c.lo = lo;
	c.hi = hi;
	return tap_exit_of(opt_value, &c, err, errsz);
}

static void
t_long(void)
{
	char err[512];

	check_int(liq_opt_long("--window", "20", 1, 10000), 20);
	check_int(liq_opt_long("--window", "1", 1, 10000), 1);
	check_int(liq_opt_long("--window", "10000", 1, 10000), 10000);
	check_int(liq_opt_long("--window", "+7", 1, 10000), 7);
	check_int(liq_opt_long("--shift", "-3", -5, 5), -3);

	check_int(value_status(0, "--window", "0", 1, 10000, err, sizeof err), 2);
	check_str(err, "t-cli: --window: bad value '0' (want a whole number "
		       "from 1 to 10000)\n" HINT);
	check_int(value_status(0, "--window", "10001", 1, 10000, err, sizeof err), 2);
	check_str(err, "t-cli: --window: bad value '10001' (want a whole number "
		       "from 1 to 10000)\n" HINT);
	check_int(value_status(0, "-w", "2.5", 1, 10, err, sizeof err), 2);
	check_str(err, "t-cli: -w: bad value '2.5' (want a whole number from 1 "
		       "to 10)\n" HINT);
	check_int(value_status(0, "-w", "", 1, 10, err, sizeof err), 2);
	check_str(err, "t-cli: -w: bad value '' (want a whole number from 1 to "
		       "10)\n" HINT);
	check_int(value_status(0, "-w", "NA", 1, 10, err, sizeof err), 2);
	check_int(value_status(0, "-w", "5x", 1, 10, err, sizeof err), 2);
	check_int(value_status(0, "-w", " 5", 1, 10, err, sizeof err), 2);
	check_int(value_status(0, "-w", "99999999999999999999", 1, 10, err,
			       sizeof err), 2);
}

static void
t_num(void)
{
	char err[512];

	check_near(liq_opt_num("--trim", "0.1", 0, 0.5), 0.1, 0);
	check_near(liq_opt_num("--trim", "0", 0, 0.5), 0, 0);
	check_near(liq_opt_num("--trim", "0.5", 0, 0.5), 0.5, 0);
	check_near(liq_opt_num("--trim", ".25", 0, 0.5), 0.25, 0);
	check_near(liq_opt_num("--scale", "2e-1", 0, 10), 0.2, 0);

	check_int(value_status(1, "--trim", "0.6", 0, 0.5, err, sizeof err), 2);
	check_str(err, "t-cli: --trim: bad value '0.6' (want a number from 0 to "
		       "0.5)\n" HINT);
	check_int(value_status(1, "--trim", "-0.01", 0, 0.5, err, sizeof err), 2);
	check_str(err, "t-cli: --trim: bad value '-0.01' (want a number from 0 "
		       "to 0.5)\n" HINT);
	check_int(value_status(1, "--scale", "NA", 0, 10, err, sizeof err), 2);
	check_str(err, "t-cli: --scale: bad value 'NA' (want a number from 0 to "
		       "10)\n" HINT);
	check_int(value_status(1, "--scale", "nan", 0, 10, err, sizeof err), 2);
	check_int(value_status(1, "--scale", "inf", 0, 10, err, sizeof err), 2);
	check_int(value_status(1, "--scale", "0x1", 0, 10, err, sizeof err), 2);
	check_int(value_status(1, "--scale", "1,5", 0, 10, err, sizeof err), 2);
	check_str(err, "t-cli: --scale: bad value '1,5' (want a number from 0 "
		       "to 10)\n" HINT);
}

static void
t_date(void)
{
	char err[512];

	check_int(liq_opt_date("--through", "2024-01-05"),
		  liq_date_from_ymd(2024, 1, 5));
	check_int(liq_opt_date("--through", "1970-01-01"), 0);
	check_int(liq_opt_date("--through", "2024-02-29"),
		  liq_date_from_ymd(2024, 2, 29));

	check_int(value_status(2, "--through", "2023-02-29", 0, 0, err, sizeof err), 2);
	check_str(err, "t-cli: --through: bad date '2023-02-29' (want "
		       "YYYY-MM-DD)\n" HINT);
	check_int(value_status(2, "--start", "2024-1-5", 0, 0, err, sizeof err), 2);
	check_str(err, "t-cli: --start: bad date '2024-1-5' (want YYYY-MM-DD)\n" HINT);
	check_int(value_status(2, "--start", "20240105", 0, 0, err, sizeof err), 2);
	check_int(value_status(2, "--start", "", 0, 0, err, sizeof err), 2);
	check_int(value_status(2, "--start", "2024-01-05x", 0, 0, err, sizeof err), 2);
}

/* ---- the option loop -------------------------------------------------- */

static const char usage[] = "usage: t-cli [-q] [-w N] [--through DATE] FILE\n";

static const struct option lo[] = {
	{ "window", required_argument, NULL, 'w' },
	{ "width", required_argument, NULL, 'W' },
	{ "through", required_argument, NULL, LIQ_OPT_LONG_ONLY },
	LIQ_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

typedef struct parsed {
	long w, W;
	int through;
	int first;       /* optind after the loop */
} parsed;

/* The loop of a tool; argv ends with NULL. */
static void
parse(char **argv, parsed *p)
{
	int argc = 0, c;

	while (argv[argc])
		argc++;
	optind = 0; /* a fresh scan */
	p->w = p->W = 0;
	p->through = 0;
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("w:W:"), lo)) != -1) {
		if (liq_opt_common(c, usage))
			continue;
		switch (c) {
		case 'w':
			p->w = liq_opt_long("--window", optarg, 1, 100);
			break;
		case 'W':
			p->W = liq_opt_long("--width", optarg, 1, 100);
			break;
		case LIQ_OPT_LONG_ONLY:
			p->through = liq_opt_date("--through", optarg);
			break;
		}
	}
	p->first = optind;
}

static void
parse_child(void *arg)
{
	parsed p;

	parse(arg, &p);
}

/* exit status of parsing argv (NULL-terminated, at most 7 words) */
static int
args_status(const char *const *words, char *err, size_t errsz)
{
	char *argv[8];
	int i;

	for (i = 0; words[i] && i < 7; i++)
		argv[i] = (char *)words[i];
	argv[i] = NULL;
	return tap_exit_of(parse_child, argv, err, errsz);
}

static void
t_loop_ok(void)
{
	char a0[] = "t-cli", a1[] = "-q", a2[] = "--window=7", a3[] = "file",
	     a4[] = "--width", a5[] = "9", a6[] = "--through=2024-03-01";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, NULL };
	char b0[] = "t-cli", b1[] = "-w3", b2[] = "-W", b3[] = "4", b4[] = "--",
	     b5[] = "--window";
	char *argv2[] = { b0, b1, b2, b3, b4, b5, NULL };
	parsed p;
	char err[512];

	liq_quiet = 0;
	parse(argv, &p);
	check_int(liq_quiet, 1);
	check_int(p.w, 7);
	check_int(p.W, 9);
	check_int(p.through, liq_date_from_ymd(2024, 3, 1));
	/* the operand is moved after the options */
	check_int(p.first, 6);
	check_str(argv[p.first], "file");
	liq_quiet = 0;

	parse(argv2, &p);
	check_int(p.w, 3);
	check_int(p.W, 4);
	check_int(p.first, 5);
	check_str(argv2[p.first], "--window"); /* after "--", an operand */
	check_int(liq_quiet, 0);

	/* -h and -V end the program with 0 and write nothing on stderr */
	check_int(args_status((const char *const[]){ "t-cli", "-h", NULL },
			      err, sizeof err), 0);
	check_str(err, "");
	check_int(args_status((const char *const[]){ "t-cli", "--help", NULL },
			      err, sizeof err), 0);
	check_str(err, "");
	check_int(args_status((const char *const[]){ "t-cli", "-V", NULL },
			      err, sizeof err), 0);
	check_str(err, "");
	check_int(args_status((const char *const[]){ "t-cli", "--version", NULL },
			      err, sizeof err), 0);
	check_str(err, "");
}

/* Each bad command line: exit 2 and exactly this one line. */
static void
t_loop_errors(void)
{
	static const struct {
		const char *argv[4];
		const char *err;
	} C[] = {
		{ { "t-cli", "--bogus", NULL },
		  "t-cli: unknown option '--bogus' (t-cli --help lists them)\n" },
		{ { "t-cli", "--bogus=3", NULL },
		  "t-cli: unknown option '--bogus' (t-cli --help lists them)\n" },
		{ { "t-cli", "-z", NULL },
		  "t-cli: unknown option '-z' (t-cli --help lists them)\n" },
		{ { "t-cli", "-qz", NULL },
		  "t-cli: unknown option '-z' (t-cli --help lists them)\n" },
		/* an abbreviation, unique or not, is not an option */
		{ { "t-cli", "--win", "5", NULL },
		  "t-cli: unknown option '--win' (t-cli --help lists them)\n" },
		{ { "t-cli", "--win=5", NULL },
		  "t-cli: unknown option '--win' (t-cli --help lists them)\n" },
		{ { "t-cli", "--wi=5", NULL },
		  "t-cli: unknown option '--wi' (t-cli --help lists them)\n" },
		{ { "t-cli", "--quie", NULL },
		  "t-cli: unknown option '--quie' (t-cli --help lists them)\n" },
		{ { "t-cli", "--window", NULL },
		  "t-cli: option '--window' needs an argument\n" },
		{ { "t-cli", "--through", NULL },
		  "t-cli: option '--through' needs an argument\n" },
		{ { "t-cli", "-w", NULL },
		  "t-cli: option '-w' needs an argument\n" },
		{ { "t-cli", "--quiet=1", NULL },
		  "t-cli: option '--quiet' takes no argument\n" },
		{ { "t-cli", "--help=x", NULL },
		  "t-cli: option '--help' takes no argument\n" },
	};
	char err[512];
	size_t i;

	for (i = 0; i < sizeof C / sizeof *C; i++) {
		int rc = args_status(C[i].argv, err, sizeof err);
		if (rc != 2 || strcmp(err, C[i].err) != 0) {
			printf("#   argv[1] '%s': exit %d, stderr '%s'\n",
			       C[i].argv[1], rc, err);
			check_int(rc, 2);
			check_str(err, C[i].err);
		}
	}
	/* a bad value through the loop: the option, the value, the hint */
	check_int(args_status((const char *const[]){ "t-cli", "-w", "0", NULL },
			      err, sizeof err), 2);
	check_str(err, "t-cli: --window: bad value '0' (want a whole number "
		       "from 1 to 100)\n" HINT);
	check_int(args_status((const char *const[]){ "t-cli", "--through=2024-13-01",
						     NULL }, err, sizeof err), 2);
	check_str(err, "t-cli: --through: bad date '2024-13-01' (want "
		       "YYYY-MM-DD)\n" HINT);
}

int
main(void)
{
	liq_progname = "t-cli";
	TEST(t_long(), "whole-number options: range ends kept, others exit 2 naming them");
	TEST(t_num(), "number options: range ends kept, NA, nan, inf, hex exit 2");
	TEST(t_date(), "date options: real days only, YYYY-MM-DD exactly");
	TEST(t_loop_ok(), "the option loop: long, short, long-only, --, -q; -h and -V exit 0");
	TEST(t_loop_errors(), "unknown option, abbreviation, missing or extra argument: one line, exit 2");
	return tap_done();
}
