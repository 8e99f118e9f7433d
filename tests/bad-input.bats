#!/usr/bin/env bats
# The bad-input matrix: every tool against every kind of bad input
# (tests/bad-input/cases.tsv, one row per cell: the tool, the case, the
# file and column it changes, the exit status and the message wanted).
# A refusal is exit 1 (bad data) or 2 (usage, a missing column) with the
# one message the row's regex matches; an acceptance (exit 0) says why in
# the table and writes nothing on stderr (-q). Every message is short:
# a value is quoted by a bounded prefix, never whole.
# tests/bad-input/README has the counts.

load test_helper

TAB=$(printf '\t')
CASES="$BATS_TEST_DIRNAME/bad-input/cases.tsv"
CELL="$BATS_TEST_DIRNAME/bad-input/run-cell"

setup_file() {
	export OMP_WAIT_POLICY=PASSIVE
	"$BATS_TEST_DIRNAME/bad-input/base" "$BATS_FILE_TMPDIR/base" > /dev/null
}

# matrix TOOL: run every row of TOOL; fail naming each cell that differs
matrix() {
	local tool case file col want re n=0 bad=0 rc err
	while IFS="$TAB" read -r tool case file col want re; do
		[ "$tool" = "$1" ] || continue
		n=$((n + 1))
		[ "$col" != - ] || col=
		rc=0
		"$CELL" "$BATS_FILE_TMPDIR/base" "$BATS_TEST_TMPDIR/cell" "$tool" "$case" \
			"$file" $col < /dev/null > /dev/null 2> err || rc=$?
		err=$(cat err)
		if [ "$rc" != "$want" ]; then
			echo "$tool $case: exit $rc, not $want: $(head -c 300 err)"
			bad=$((bad + 1))
		elif [ "$want" = 0 ]; then
			[ -z "$err" ] || { echo "$tool $case: accepted, but said: $(head -c 300 err)"; bad=$((bad + 1)); }
		elif ! [[ "$err" =~ $re ]]; then
			echo "$tool $case: message '$(head -c 300 err)' does not match '$re'"
			bad=$((bad + 1))
		elif [ "$(wc -l < err)" -ne 1 ] || [ "$(wc -c < err)" -gt 400 ]; then
			echo "$tool $case: not one short line: $(wc -l < err) lines, $(wc -c < err) bytes"
			bad=$((bad + 1))
		fi
	done < <(tail -n +2 "$CASES")
	[ "$n" -gt 0 ] || fail "no row for $1 in cases.tsv"
	[ "$bad" -eq 0 ] || fail "$bad of $n cells of $1 differ"
}

@test "bad-input matrix: the table is whole" {
	# every tool but trace-sim has the 17 cases (a tool's dates may be in
	# another of its inputs than the one the other cases change);
	# trace-sim reads nothing: /dev/full only
	run -0 tawk 'FNR > 1 { n[$c("tool")]++; k[$c("tool") " " $c("case")]++
		if ($c("exit") !~ /^[012]$/) print "bad exit: " $0
		if ($c("exit") == 0 && $c("message") !~ /^- ./) print "an acceptance without its reason: " $0 }
		END { for (t in n) print t " " n[t]; for (x in k) if (k[x] > 1) print "twice: " x }' "$CASES"
	assert_equal "$(printf '%s\n' "${lines[@]}" | sort | tr '\n' ';')" \
		"amihud 17;impact-fit 17;impact-shrink 17;itt 17;kyle 17;liqfeatures 17;liqscore 17;liqserve 17;liqtrain 17;pretrade 17;roll 17;trace-clean 17;trace-facts 17;trace-sim 1;"
}

@test "bad-input matrix: trace-clean" { matrix trace-clean; }
@test "bad-input matrix: trace-facts" { matrix trace-facts; }
@test "bad-input matrix: roll" { matrix roll; }
@test "bad-input matrix: amihud" { matrix amihud; }
@test "bad-input matrix: kyle" { matrix kyle; }
@test "bad-input matrix: itt" { matrix itt; }
@test "bad-input matrix: impact-fit" { matrix impact-fit; }
@test "bad-input matrix: impact-shrink" { matrix impact-shrink; }
@test "bad-input matrix: liqfeatures" { matrix liqfeatures; }
@test "bad-input matrix: liqtrain" { matrix liqtrain; }
@test "bad-input matrix: liqscore" { matrix liqscore; }
@test "bad-input matrix: pretrade" { matrix pretrade; }
@test "bad-input matrix: liqserve" { matrix liqserve; }
@test "bad-input matrix: trace-sim" { matrix trace-sim; }
