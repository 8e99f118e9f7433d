#!/usr/bin/env bats
# roll: a hand-computed window, a thin bond, an independent awk
# implementation, and every failure with its exit status.

load test_helper
load measures_helper

@test "roll: empty input and header-only input give a header-only panel" {
	panel_empty roll
}

@test "roll: several files read as one stream" {
	panel_stream roll
}

@test "roll: extra columns are ignored, column order does not matter" {
	panel_extra_columns roll
}

@test "roll: unsorted input: exit 1 with the line and the sort command that fixes it" {
	panel_unsorted roll
	# the suggested command, run as printed, fixes the file
	run -1 roll u1.tsv
	cmd=$(echo "$output" | sed -n 's/.*sort it with: //p' | sed 's/FILE/u1.tsv/g')
	assert [ -n "$cmd" ]
	run -0 bash -c "$cmd | roll -q"
	assert_equal "$(echo "$output" | cols - cusip | tail -n +2 | uniq | tr '\n' ' ')" "A B "
}

# One day of prices 100 100.5 100 100.25 100.5 100 (the unit test's window):
# c = -.125, roll = 2e4 sqrt(.125) / (601.25/6); five price changes.
@test "roll: a hand-computed window through the tool; minimum observations" {
	trades "R 2024-01-08 09:00:00 100 1000000 B" "R 2024-01-08 09:01:00 100.5 1000000 S" \
	       "R 2024-01-08 09:02:00 100 1000000 B" "R 2024-01-08 09:03:00 100.25 1000000 D" \
	       "R 2024-01-08 09:04:00 100.5 1000000 S" "R 2024-01-08 09:05:00 100 1000000 B" > r.tsv
	want=$(awk 'BEGIN { printf "%.10g", 2e4 * sqrt(0.125) / (601.25 / 6) }')
	run -0 roll -q --min-obs 5 r.tsv
	assert_output "$(printf 'cusip\tdate\troll_bps\troll_n\nR\t2024-01-08\t%s\t5' "$want")"
	run -0 roll -q --min-obs 6 r.tsv
	assert_line --index 1 "$(printf 'R\t2024-01-08\tNA\t5')"
	run -0 roll -q r.tsv   # default: 8 price changes
	assert_line --index 1 "$(printf 'R\t2024-01-08\tNA\t5')"
}

@test "roll: a bond with one trade a month: rows every business day, NA windows (and itt's)" {
	trades "M 2024-01-15 10:00:00 99 100000 B" "M 2024-02-15 10:00:00 98 100000 S" \
	       "M 2024-03-15 10:00:00 97 100000 B" > m.tsv
	roll -q m.tsv > r.tsv
	# 2024-01-15 .. 2024-03-15: 45 business days
	assert_equal "$(data_rows r.tsv)" 45
	assert_equal "$(col r.tsv roll_bps | sort -u)" NA
	run -0 itt -q m.tsv
	# on 2024-02-15 the 21-day window holds only that day's trade
	assert_line "$(printf 'M\t2024-02-15\tNA\tNA\t1\t0.04761904762\t0.9523809524\t0.1\t0.1')"
}

@test "roll: a missing column exits 2 naming it" {
	panel_missing_column roll
}

@test "roll: CRLF input is rejected with the fix" {
	panel_crlf roll
}

@test "roll: a write error exits 1" {
	panel_write_error roll
}

@test "roll: --help shows the columns and real pipelines; stderr has one summary" {
	panel_help roll
}

@test "roll: bad values exit 1 with file:line and the value" {
	trades "A 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 1O1 1000000 B" > p.tsv
	run --separate-stderr -1 roll p.tsv
	assert_equal "$stderr" "roll: p.tsv:3: column 'price': bad number '1O1'"
	trades "A 2024-02-01 10:00:00 100 1000" > short.tsv
	run --separate-stderr -1 roll short.tsv
	assert_equal "$stderr" "roll: short.tsv:2: 5 fields, the header has 6"
	run --separate-stderr -1 roll /nonexistent.tsv
	assert_equal "$stderr" "roll: /nonexistent.tsv: No such file or directory"
}

@test "roll: bad options exit 2" {
	panel_bad_options roll
	run -2 roll --min-obs 2
	assert_output --partial "--min-obs: bad value '2' (want a whole number from 3"
}

@test "roll equals an independent awk implementation (bench/roll-ref.awk) to 1e-9" {
	trace-sim -q -n 60 --end 2021-06-30 --clean-out t.tsv > /dev/null
	roll -q -w 10 --min-obs 5 t.tsv > c.tsv
	awk -v W=10 -v MIN=5 -f "$LIQ_ROOT/bench/roll-ref.awk" t.tsv > ref.tsv
	assert_equal "$(wc -l < c.tsv)" "$(wc -l < ref.tsv)"
	assert_equal "$(cols c.tsv cusip date roll_n)" "$(cols ref.tsv cusip date roll_n)"
	paste <(col ref.tsv roll_bps) <(col c.tsv roll_bps) > pairs
	run -0 awk -F'\t' '
		{ if ($1 == "NA" || $2 == "NA") { if ($1 != $2) bad++ }
		  else { d = $1 - $2; if (d < 0) d = -d; if (d > 1e-9 * ($2 < 0 ? -$2 : $2) + 1e-12) bad++ } }
		END { print bad + 0 }' pairs
	assert_output 0
	# and it is not a comparison of two NA columns
	assert [ "$(col c.tsv roll_bps | grep -vc '^NA$')" -gt 1000 ]
}
