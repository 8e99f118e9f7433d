# Shared set-up for the bats tests: bats-support/bats-assert from Debian,
# the freshly built tools first on PATH (LIQ_BIN), a scratch directory per test.
bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

LIQ_ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
# the tools under test: bin/, or LIQ_BIN (make check-asan's bin-asan/)
LIQ_BIN="${LIQ_BIN:-$LIQ_ROOT/bin}"
PATH="$LIQ_BIN:$PATH"
FIX="$LIQ_ROOT/tests/fixtures"
export LC_ALL=C
# A test runs make itself (pipeline.bats): what the suite's caller gave its
# own make (`make -s check` exports MAKEFLAGS=s, `make -j2` a jobserver)
# must not change what a test sees.
unset MAKEFLAGS MFLAGS MAKELEVEL

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# data_rows FILE: rows below the header
# bday_dates FILE: the "cusip date" pairs of a file of "cusip date" lines
# with each Saturday or Sunday moved to the following Monday, the business
# day the measure tools count such a trade in (liq(7), CONVENTIONS)
bday_dates() {
	local map
	map=$(awk '{ print $2 }' "$1" | sort -u | while read -r d; do
		case $(date -u -d "$d" +%u) in
		6) echo "$d $(date -u -d "$d + 2 days" +%F)" ;;
		7) echo "$d $(date -u -d "$d + 1 day" +%F)" ;;
		esac
	done)
	awk -v map="$map" 'BEGIN { n = split(map, m, "\n"); for (i = 1; i <= n; i++) { split(m[i], p, " "); to[p[1]] = p[2] } }
		{ if ($2 in to) $2 = to[$2]; print $1, $2 }' "$1"
}

data_rows() {
	echo $(($(wc -l < "$1") - 1))
}

# TSV columns are picked by their header names, never by position.
# tawk [-v NAME=VALUE]... 'PROGRAM' [FILE]...: awk with tabs in and out,
# where c("name") is the index of the column so named in the current
# file's header (the first line of each file). A name that is not in the
# header ends awk with exit 3 and a message naming the column and file.
# (c is the function: a program's own variables must have other names.)
TAWK_LIB='function c(name) {
	if (!(name in TAWK_COL)) {
		printf "tawk: %s: no column \047%s\047 in the header\n", FILENAME, name > "/dev/stderr"
		TAWK_BAD = 1
		exit 3
	}
	return TAWK_COL[name]
}
FNR == 1 { split("", TAWK_COL); for (TAWK_I = 1; TAWK_I <= NF; TAWK_I++) TAWK_COL[$TAWK_I] = TAWK_I }
END { if (TAWK_BAD) exit 3 }
'
tawk() {
	local a=()
	while [ "${1:-}" = -v ]; do
		a+=(-v "$2")
		shift 2
	done
	local prog=$1
	shift
	awk -F'\t' -v OFS='\t' "${a[@]}" "$TAWK_LIB$prog" "$@"
}

# cols FILE NAME...: the named columns of a TSV file (FILE - for standard
# input), header line included, tab-separated like `cut -f`; exit 3 when
# a name is not in the header.
cols() {
	local f=$1
	shift
	tawk -v names="$*" 'FNR == 1 { n = split(names, w, " "); for (j = 1; j <= n; j++) k[j] = c(w[j]) }
		{ for (j = 1; j <= n; j++) printf "%s%s", $k[j], j < n ? OFS : ORS }' "$f"
}

# col FILE NAME: one column's values, header dropped
col() {
	cols "$1" "$2" | tail -n +2
}

# drop_col FILE NAME: the file without the named column (exit 3 when its
# header has none)
drop_col() {
	tawk -v k="$2" 'FNR == 1 { d = c(k) }
		{ out = ""; s = ""; for (i = 1; i <= NF; i++) if (i != d) { out = out s $i; s = OFS }; print out }' "$1"
}

# count KIND FILE: the count of a kind in a trace-sim --counts-out file
count() {
	tawk -v k="$1" 'FNR > 1 && $c("kind") == k { print $c("count") }' "$2"
}

# Shell prelude for running documented examples under `bash -e -o pipefail`:
# `head` reading a pipe drains it after printing, so that the stages before
# it never die of SIGPIPE and a real failure anywhere still fails the run.
EXAMPLE_PRELUDE='head() {
	local a f=0
	for a in "$@"; do case "$a" in -*|[0-9]*) ;; *) f=1 ;; esac; done
	command head "$@"
	[ "$f" = 1 ] || cat > /dev/null
}
'
