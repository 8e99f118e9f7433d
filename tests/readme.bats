#!/usr/bin/env bats
# Every ```sh block of the README runs, in a scratch directory where
# examples/ is the source tree's (the block with `make demo` and `make
# check` is the set-up this suite is itself run by, and is skipped).

load test_helper

@test "README shell blocks run" {
	n=0
	ln -s "$LIQ_ROOT/examples" examples
	while IFS= read -r -d '' block; do
		case "$block" in *"make demo"*|*"make check"*) continue ;; esac
		n=$((n + 1))
		run bash -e -o pipefail -c "$EXAMPLE_PRELUDE$block" 3>&-
		[ "$status" -eq 0 ] || fail "README block $n failed ($status):
$block
$output"
	done < <(awk '/^```sh$/ { on = 1; b = ""; next }
		      /^```$/ && on { on = 0; printf "%s%c", b, 0; next }
		      on { b = b $0 "\n" }' "$LIQ_ROOT/README.md")
	[ "$n" -gt 0 ]
}
