#!/usr/bin/env bats
# The headers of lib/: each one compiles on its own, and the includes of
# lib/ and src/ follow the order of the stages,
#
#   core < ref < format < sim < clean < measure < model < cost < serve
#
# a file of stage S including headers of stages up to S only. sim/ (the
# simulator) is a side branch: only lib/sim, src/trace-sim.c and the tests
# may include "sim/...".

load test_helper

# Includes that break the rule, "file header" per line: known violations,
# to be removed. The test fails on a violation not listed here, and on a
# listed one that no longer occurs, so the list can only shrink as the
# code is fixed. Empty: lib/ keeps the rule.
ALLOWED='
'

STAGES='core ref format sim clean measure model cost serve'

# The includes of lib/ and src/ that break the rule, "file header" per
# line; an include that names no known stage breaks it too, and so does
# every include of a folder of lib/ that is not a stage.
violations() {
	(cd "$LIQ_ROOT" && awk -v stages="$STAGES" '
	BEGIN { n = split(stages, s, " "); for (i = 1; i <= n; i++) rank[s[i]] = i }
	/^[ \t]*#[ \t]*include[ \t]*"/ {
		h = $0; sub(/^[^"]*"/, "", h); sub(/".*/, "", h)
		f = FILENAME
		hs = h; sub(/\/.*/, "", hs)
		if (hs == h || !(hs in rank)) { print f, h; next }
		if (f ~ /^lib\//) {
			fs = f; sub(/^lib\//, "", fs); sub(/\/.*/, "", fs)
			fr = (fs in rank) ? rank[fs] : 0
		} else {
			fs = ""; fr = 99    # a tool may include any stage
		}
		if (hs == "sim") {
			if (fs != "sim" && f != "src/trace-sim.c")
				print f, h
		} else if (rank[hs] > fr)
			print f, h
	}' lib/*/*.[ch] src/*.c)
}

@test "every lib header compiles on its own" {
	local h rel msgs= out n=0
	for h in "$LIQ_ROOT"/lib/*/*.h; do
		n=$((n + 1))
		rel=${h#"$LIQ_ROOT"/lib/}
		printf '#include "%s"\n' "$rel" > only.c
		out=$(cc -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE \
			-iquote "$LIQ_ROOT/lib" -fsyntax-only only.c 2>&1) ||
			msgs="$msgs
lib/$rel does not compile on its own:
$(printf '%s\n' "$out" | head -5)"
	done
	[ -z "$msgs" ] || fail "$msgs"
	[ "$n" -gt 1 ] || fail "no headers found under lib/*/"
}

@test "includes follow the stage order; only the simulator includes sim/" {
	local found new= gone= msg v
	found=$(violations)
	while IFS= read -r v; do
		[ -n "$v" ] || continue
		printf '%s\n' "$ALLOWED" | grep -qxF -- "$v" ||
			new="$new
  $v"
	done <<< "$found"
	while IFS= read -r v; do
		[ -n "$v" ] || continue
		printf '%s\n' "$found" | grep -qxF -- "$v" ||
			gone="$gone
  $v"
	done <<< "$ALLOWED"
	msg=
	[ -z "$new" ] || msg="includes against the stage order ($STAGES; sim/ only for lib/sim and src/trace-sim.c):$new
"
	[ -z "$gone" ] || msg="${msg}allowed includes that no longer occur; remove them from ALLOWED in tests/headers.bats:$gone"
	[ -z "$msg" ] || fail "$msg"
}
