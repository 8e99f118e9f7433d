# Shared set-up for the bats tests: bats-support/bats-assert from Debian,
# the freshly built tools first on PATH, a scratch directory per test.
bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

LIQ_ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
PATH="$LIQ_ROOT/bin:$PATH"
FIX="$LIQ_ROOT/tests/fixtures"
export LC_ALL=C

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# data_rows FILE: rows below the header
data_rows() {
	echo $(($(wc -l < "$1") - 1))
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
