#!/usr/bin/env bats
# Every man page: renders without warnings, has the sections a user looks
# for, documents every option of --help, and its EXAMPLES run.

load test_helper

pages() { ls "$LIQ_ROOT"/man/man1/*.1; }

@test "every built tool has a man page and every page a tool" {
	for t in "$LIQ_BIN"/*; do
		[ -x "$t" ] || continue
		assert [ -f "$LIQ_ROOT/man/man1/$(basename "$t").1" ]
	done
	for p in $(pages); do
		assert [ -x "$LIQ_BIN/$(basename "$p" .1)" ]
	done
}

@test "pages render without groff warnings" {
	for p in $(pages) "$LIQ_ROOT"/man/man7/*.7; do
		run -0 sh -c "groff -man -ww -z '$p' 2>&1"
		assert_output ""
	done
}

@test "tool pages have the standard sections" {
	for p in $(pages); do
		for s in NAME SYNOPSIS DESCRIPTION OPTIONS "INPUT COLUMNS" \
			 "OUTPUT COLUMNS" "EXIT STATUS" EXAMPLES "SEE ALSO"; do
			grep -q "^\.SH \"\{0,1\}$s" "$p" || fail "$p: no $s section"
		done
	done
}

@test "every long option of --help is in the man page" {
	for p in $(pages); do
		tool=$(basename "$p" .1)
		for o in $("$LIQ_BIN/$tool" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
			grep -q -- "$esc" "$p" || fail "$tool: $o is not in $p"
		done
	done
}

@test "the EXAMPLES of every page run" {
	for p in $(pages) "$LIQ_ROOT"/man/man7/*.7; do
		n=0
		while IFS= read -r -d '' cmd; do
			n=$((n + 1))
			run bash -e -o pipefail -c "$EXAMPLE_PRELUDE$cmd" 3>&-
			[ "$status" -eq 0 ] || fail "$(basename "$p") example $n failed ($status): $cmd
$output"
		done < <("$LIQ_ROOT/tests/man-examples" "$p")
		[ "$n" -gt 0 ] || fail "$(basename "$p") has no runnable example"
	done
}
