#!/usr/bin/env bats
# The command line of every tool: option errors are one line on stderr and
# exit 2, --help and --version exit 0, and a short letter means the same
# long option in every tool, as liq(7) lists them.

load test_helper

TOOLS="trace-sim trace-clean trace-facts roll amihud kyle itt liqfeatures liqtrain liqscore
       impact-fit impact-shrink pretrade liqserve"

# help_pairs TOOL: "x long" for every "  -x, --long" line of TOOL --help
help_pairs() {
	"$1" --help | sed -n -E 's/^ +-([A-Za-z0-9]), --([a-z][a-z0-9-]*).*/\1 \2/p'
}

# arg_options TOOL: the long options whose --help line names an argument
arg_options() {
	"$1" --help | sed -n -E 's/^ +(-[A-Za-z0-9], )?--([a-z][a-z0-9-]*) [A-Z].*/\2/p'
}

# one_line TOOL MESSAGE: the last run wrote exactly "TOOL: MESSAGE" on
# stderr and nothing on stdout
one_line() {
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "$stderr" "$1: $2"
	assert_equal "$output" ""
}

# usage_error MESSAGE TOOL ARG...: TOOL ARG... exits 2 with exactly the
# line "TOOL: MESSAGE" on stderr and nothing on stdout (what one_line
# checks after a run, without run's cost in the loops over every option)
usage_error() {
	local want="$2: $1" rc=0
	shift
	"$@" > out 2> err < /dev/null || rc=$?
	[ "$rc" -eq 2 ] || fail "$*: exit $rc, not 2"
	[ ! -s out ] || fail "$*: wrote on stdout"
	[ "$(wc -l < err)" -eq 1 ] || fail "$*: not one line on stderr: $(cat err)"
	[ "$(cat err)" = "$want" ] || fail "$*: '$(cat err)', not '$want'"
}

@test "an unknown long option: one line, exit 2" {
	for t in $TOOLS; do
		run --separate-stderr -2 "$t" --bogus < /dev/null
		one_line "$t" "unknown option '--bogus' ($t --help lists them)"
		usage_error "unknown option '--bogus' ($t --help lists them)" "$t" --bogus=1
	done
}

@test "an unknown short option: one line, exit 2" {
	for t in $TOOLS; do
		run --separate-stderr -2 "$t" -Z < /dev/null
		one_line "$t" "unknown option '-Z' ($t --help lists them)"
		usage_error "unknown option '-Z' ($t --help lists them)" "$t" -qZ
	done
}

@test "an option without its argument: one line, exit 2" {
	local t o x args pairs
	for t in $TOOLS; do
		args=$(arg_options "$t")
		[ -n "$args" ] || fail "$t: no option with an argument in --help"
		pairs=$(help_pairs "$t")
		for o in $args; do
			usage_error "option '--$o' needs an argument" "$t" "--$o"
			# and its letter, if it has one
			x=$(echo "$pairs" | awk -v o="$o" '$2 == o { print $1 }')
			[ -z "$x" ] || usage_error "option '-$x' needs an argument" "$t" "-$x"
		done
	done
	run --separate-stderr -2 roll --window
	one_line roll "option '--window' needs an argument"
	run --separate-stderr -2 roll -qw
	one_line roll "option '-w' needs an argument"
}

@test "an argument to an option that takes none: one line, exit 2" {
	for t in $TOOLS; do
		usage_error "option '--quiet' takes no argument" "$t" --quiet=1
	done
	run --separate-stderr -2 liqscore -m m.json --latest=yes
	one_line liqscore "option '--latest' takes no argument"
}

@test "long options are written out: an abbreviation is unknown" {
	run --separate-stderr -2 roll --win 5 < /dev/null
	one_line roll "unknown option '--win' (roll --help lists them)"
	run --separate-stderr -2 impact-shrink --min 5 < /dev/null
	one_line impact-shrink "unknown option '--min' (impact-shrink --help lists them)"
	# trace-sim's count of bonds is --n-bonds; --bonds would have been
	# taken for --bonds-out, a file named 5
	run --separate-stderr -2 trace-sim --bonds 5
	one_line trace-sim "unknown option '--bonds' (trace-sim --help lists them)"
	assert [ ! -e 5 ]
	run -0 trace-sim -q --n-bonds 2 --end 2020-01-10 -o a.tsv
	run -0 trace-sim -q -n 2 --end 2020-01-10 -o b.tsv
	run -0 cmp a.tsv b.tsv
	assert_equal "$(cut -f1 a.tsv | sed 1d | sort -u | wc -l)" 2
}

@test "--help: the usage on stdout, exit 0; --version: exit 0" {
	for t in $TOOLS; do
		run --separate-stderr -0 "$t" --help
		assert_equal "$stderr" ""
		assert_line --index 0 --regexp "^Usage: $t "
		run --separate-stderr -0 "$t" --version
		assert_equal "$stderr" ""
		assert_output --regexp "^$t \(liq\) [0-9]+\.[0-9]+\.[0-9]+$"
	done
	run -0 roll -h
	assert_line --index 0 "Usage: roll [OPTION]... [trades.tsv]..."
	run -0 roll -V
	assert_output --regexp "^roll \(liq\) "
}

@test "--help lists every short letter a tool takes, and only those" {
	local t x rc err taken listed
	for t in $TOOLS; do
		taken=""
		for x in a b c d e f g i j k l m n o p r s t u v w x y z \
			 A B C D E F G H I J K L M N O P Q R S T U W X Y Z; do
			rc=0
			err=$("$t" "-$x" 2>&1 < /dev/null > /dev/null) || rc=$?
			case "$err" in
			"$t: unknown option '-$x' ($t --help lists them)") ;;
			*) taken="$taken $x" ;;
			esac
		done
		taken=$(echo $taken q h V | tr ' ' '\n' | sort | tr '\n' ' ')
		listed=$(help_pairs "$t" | cut -d' ' -f1 | sort | tr '\n' ' ')
		assert_equal "$t: $listed" "$t: $taken"
		# and every long option paired with a letter is one the tool knows
		for x in $(help_pairs "$t" | cut -d' ' -f2); do
			case "$x" in quiet|help|version) continue ;; esac
			rc=0
			err=$("$t" "--$x" 2>&1 < /dev/null > /dev/null) || rc=$?
			[ "$rc" -ne 0 ] || fail "$t --$x ran"
			case "$err" in *"unknown option"*) fail "$t: --$x is unknown" ;; esac
		done
	done
}

@test "a short letter means one long option in every tool, as liq(7) says" {
	local t
	for t in $TOOLS; do
		help_pairs "$t" | sed "s/\$/ $t/"
	done | sort -k1,1 -k2,2 > pairs
	[ -s pairs ]
	# every letter has one long name
	awk '{ print $1, $2 }' pairs | sort -u > letters
	run -0 sh -c "cut -d' ' -f1 letters | uniq -d"
	assert_output ""
	# the tools of each letter, from --help: "x long tool,tool,..."
	awk '{ k = $1 " " $2; t[k] = t[k] (t[k] == "" ? "" : ",") $3 }
	     END { for (k in t) print k, t[k] }' pairs | sort > from-help
	# the table of liq(7), OPTIONS ACROSS TOOLS
	awk -v all="$(echo $TOOLS | tr ' ' ',')" '
		/^\.SH / { on = ($0 ~ /^\.SH OPTIONS ACROSS TOOLS/); next }
		!on { next }
		/^\.TP/ { tp = 1; next }
		tp && /^\.BR / {
			gsub(/\\-/, "-")
			if ($0 ~ /^\.BR -[A-Za-z0-9] ", " --[a-z0-9-]+/) {
				x = substr($0, 6, 1)
				l = $0
				sub(/^[^"]*", " --/, "", l)
				sub(/[^a-z0-9-].*$/, "", l)
			}
			tp = 0; next
		}
		x != "" && /^\(.*\)$/ {
			gsub(/\\-/, "-")
			v = substr($0, 2, length($0) - 2)
			if (v == "every tool") v = all
			gsub(/, /, ",", v)
			print x, l, v
			x = ""
		}' "$LIQ_ROOT/man/man7/liq.7" > table
	[ -s table ]
	# one row per letter and tool on both sides
	for f in from-help table; do
		awk '{ n = split($3, a, ","); for (i = 1; i <= n; i++) print $1, $2, a[i] }' $f |
			sort > $f.rows
	done
	run -0 diff table.rows from-help.rows
	assert_output ""
}
