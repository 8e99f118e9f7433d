#!/usr/bin/env bats
# Golden outputs: each tool on a tiny hand-written input in tests/gold,
# diffed against its expected output, which was computed independently
# of the tool (see tests/gold/README).

load test_helper

GOLD="$LIQ_ROOT/tests/gold"

# gold_cases TOOL: run TOOL with the options of each line of
# tests/gold/TOOL/cases on tests/gold/trades.tsv and diff every output
# with its gold file.
gold_cases() {
	local tool=$1 gold opts vars n=0
	while IFS=$'\t' read -r gold opts vars; do
		# shellcheck disable=SC2086
		run -0 "$tool" -q $opts "$GOLD/trades.tsv"
		diff -u "$GOLD/$tool/$gold" <(printf '%s\n' "$output")
		n=$((n + 1))
	done < "$GOLD/$tool/cases"
	[ "$n" -ge 2 ]
}

@test "roll: gold outputs" {
	gold_cases roll
}

@test "amihud: gold outputs" {
	gold_cases amihud
}

@test "kyle: gold outputs" {
	gold_cases kyle
}

@test "itt: gold outputs" {
	gold_cases itt
}

@test "measures: the awk re-computation reproduces every gold file" {
	local t
	for t in roll amihud kyle itt; do
		run -0 "$GOLD/check-panel.sh" "$t"
	done
}

@test "trace-clean: gold trades, audit table and rejects of a WRDS file" {
	local g="$GOLD/trace-clean"
	run -0 --separate-stderr trace-clean --rejects rej.tsv "$g/raw.tsv"
	diff -u "$g/trades.tsv" <(printf '%s\n' "$output")
	diff -u "$g/audit.txt" <(printf '%s\n' "$stderr")
	# the reason and line columns of the rejects, by name
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
		{ print $c["reason"] "\t" $c["line"] }' rej.tsv > rej-lines.tsv
	diff -u "$g/rejects.tsv" rej-lines.tsv
}

@test "trace-clean: the gold input is LF-only" {
	run -1 grep -c $'\r' "$GOLD/trace-clean/raw.tsv"
}

@test "pretrade: gold answers, inverse queries and failure statuses" {
	local gold opts rc vars queries n=0
	cd "$GOLD/pretrade"
	while IFS=$'\t' read -r gold opts rc vars queries; do
		# shellcheck disable=SC2086
		run -"$rc" --separate-stderr pretrade -q -i impact.tsv $opts "$queries"
		diff -u "$gold" <(printf '%s\n' "$output")
		n=$((n + 1))
	done < cases
	[ "$n" -eq 3 ]
}

@test "pretrade: one warning per failed query, with its line" {
	cd "$GOLD/pretrade"
	run -1 --separate-stderr pretrade -q -i impact.tsv queries.tsv
	diff -u warnings.txt <(printf '%s\n' "$stderr")
}

@test "pretrade: the awk re-computation reproduces every gold file" {
	run -0 "$GOLD/pretrade/check.sh"
}

@test "impact-shrink: without a prior every fit is kept as it is" {
	local g="$GOLD/impact-shrink"
	run -0 --separate-stderr impact-shrink -q -b "$g/bonds.tsv" "$g/no-prior.tsv"
	diff -u "$g/no-prior.out" <(printf '%s\n' "$output")
	assert_equal "$stderr" "impact-shrink: fewer than 3 fits with 20 prints: no prior, fits kept as they are"
}

@test "impact-shrink: gold priors of every bond and posteriors of the bonds without a fit" {
	local g="$GOLD/impact-shrink"
	run -0 --separate-stderr impact-shrink -q -b "$g/bonds.tsv" --trim 0 --min-group 3 "$g/universe.tsv"
	assert_equal "$stderr" "impact-shrink: 1 bonds not in $g/bonds.tsv: universe prior"
	printf '%s\n' "$output" > impact.tsv
	diff -u "$g/groups.out" <(awk -F'\t' -v PART=groups -f "$g/project.awk" impact.tsv)
	diff -u "$g/prior-rows.out" <(awk -F'\t' -v PART=prior -f "$g/project.awk" impact.tsv)
}

@test "impact-shrink: the awk re-computation reproduces the gold files" {
	run -0 "$GOLD/impact-shrink/check.sh"
}
