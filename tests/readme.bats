#!/usr/bin/env bats
# Every ```sh block of the README runs (blocks that call make are the
# set-up commands this test suite is itself run by, and are skipped).

load test_helper

@test "README shell blocks run" {
	n=0
	while IFS= read -r -d '' block; do
		case "$block" in *make\ *) continue ;; esac
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
