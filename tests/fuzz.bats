#!/usr/bin/env bats
# The fuzzing harnesses of tests/fuzz, once over their seeds and their
# regression inputs (the replay binaries `make check` builds; check-asan's
# with the sanitizers, through LIQ_BUILD).

load test_helper

REPLAY="${LIQ_BUILD:-$LIQ_ROOT/build}/fuzz"
FZ="$LIQ_ROOT/tests/fuzz"

replay() {
	run -0 "$REPLAY/replay-$1" "$FZ/corpus/fuzz-$1" "$FZ/regress/fuzz-$1"
	assert_line --regexp '^replay: [0-9]+ inputs, no crash$'
}

@test "fuzz-tsv: the TSV reader over its seeds and regression inputs" {
	replay tsv
}

@test "fuzz-traceread: the TRACE reader and cleaning over their seeds and regression inputs" {
	replay traceread
}

@test "fuzz-macro: the macro reader over its seeds and regression inputs" {
	replay macro
}

@test "fuzz-http: liqserve's request handling over its seeds and regression inputs" {
	replay http
}

@test "trace-clean: a header of short titles is an unknown layout, nothing read past them" {
	printf 'x\ty\n' > short.tsv
	run -2 trace-clean short.tsv
	assert_output --partial 'short.tsv'
	printf '\357\273\277x\n' > bom.tsv
	run -2 trace-clean bom.tsv
	assert_output --partial 'bom.tsv'
}
