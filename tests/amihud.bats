#!/usr/bin/env bats
# amihud: hand-computed days, and every failure with its exit status.

load test_helper
load measures_helper

@test "amihud: empty input and header-only input give a header-only panel" {
	panel_empty amihud
}

@test "amihud: several files read as one stream" {
	panel_stream amihud
}

@test "amihud: extra columns are ignored, column order does not matter" {
	panel_extra_columns amihud
}

@test "amihud: unsorted input: exit 1 with the line and the sort command that fixes it" {
	panel_unsorted amihud
}

# Day 1: 100 (1MM), 101 (2MM), 100 (1MM): (50 + 1e4/101)/2; day 2: a single
# trade, no value; day 3: 100 then 100.5 for 0.5MM: 100. Window of 3 days.
@test "amihud: hand-computed days through the tool" {
	trades "A 2024-01-08 09:00:00 100 1000000 B" "A 2024-01-08 10:00:00 101 2000000 S" \
	       "A 2024-01-08 11:00:00 100 1000000 D" "A 2024-01-09 09:00:00 120 5000000 B" \
	       "A 2024-01-10 09:00:00 100 3000000 B" "A 2024-01-10 09:05:00 100.5 500000 B" > a.tsv
	d1=$(awk 'BEGIN { printf "%.10g", (50 + 1e4 / 101) / 2 }')
	d13=$(awk 'BEGIN { printf "%.10g", ((50 + 1e4 / 101) / 2 + 100) / 2 }')
	run -0 amihud -q -w 3 a.tsv
	assert_output "$(printf 'cusip\tdate\tamihud\tamihud_days\nA\t2024-01-08\t%s\t1\nA\t2024-01-09\t%s\t1\nA\t2024-01-10\t%s\t2' "$d1" "$d1" "$d13")"
	run -0 amihud -q -w 1 a.tsv
	assert_line --index 2 "$(printf 'A\t2024-01-09\tNA\t0')"
}

@test "amihud: a missing column exits 2 naming it" {
	panel_missing_column amihud
}

@test "amihud: CRLF input is rejected with the fix" {
	panel_crlf amihud
}

@test "amihud: a write error exits 1" {
	panel_write_error amihud
}

@test "amihud: --help shows the columns and real pipelines; stderr has one summary" {
	panel_help amihud
}

@test "amihud: bad values exit 1 with file:line and the value" {
	trades "A 2024-01-08 10:00:00 -5 1000000 B" > n.tsv
	run --separate-stderr -1 amihud n.tsv
	assert_equal "$stderr" "amihud: n.tsv:2: column 'price': price must be positive, not '-5'"
}

@test "amihud: bad options exit 2" {
	panel_bad_options amihud
	run -2 amihud --min-obs 5
	assert_output "amihud: unknown option '--min-obs' (amihud --help lists them)"
}
