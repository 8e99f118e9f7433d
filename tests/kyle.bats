#!/usr/bin/env bats
# kyle: observations against the closed-form slope, and every failure with
# its exit status.

load test_helper
load measures_helper

@test "kyle: empty input and header-only input give a header-only panel" {
	panel_empty kyle
}

@test "kyle: several files read as one stream" {
	panel_stream kyle
}

@test "kyle: extra columns are ignored, column order does not matter" {
	panel_extra_columns kyle
}

@test "kyle: unsorted input: exit 1 with the line and the sort command that fixes it" {
	panel_unsorted kyle
}

# Three customer trades after a first trade: y = 1e4 dP/P on x = s Q/1e6.
# 100 -> 100.1 (B 1MM) -> 100.1 (D) -> 99.9999 (S 1MM) -> 100.2 (B 2MM):
# the dealer trade is a predecessor, not an observation.
@test "kyle: observations through the tool match the closed-form slope" {
	trades "K 2024-01-08 09:00:00 100 1000000 S" "K 2024-01-08 09:01:00 100.1 1000000 B" \
	       "K 2024-01-08 09:02:00 100.1 3000000 D" "K 2024-01-08 09:03:00 99.9999 1000000 S" \
	       "K 2024-01-08 09:04:00 100.2 2000000 B" > k.tsv
	want=$(awk 'BEGIN {
		x[1] = 1;  y[1] = 1e4 * 0.1 / 100
		x[2] = -1; y[2] = 1e4 * (99.9999 - 100.1) / 100.1
		x[3] = 2;  y[3] = 1e4 * (100.2 - 99.9999) / 99.9999
		for (i = 1; i <= 3; i++) { mx += x[i] / 3; my += y[i] / 3 }
		for (i = 1; i <= 3; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ^ 2 }
		printf "%.10g", sxy / sxx }')
	run -0 kyle -q --min-obs 3 k.tsv
	assert_line --index 1 --regexp "^K${T}2024-01-08${T}${want%?????}[0-9]*${T}[-0-9.e]+${T}3\$"
	run -0 kyle -q k.tsv   # default minimum 10
	assert_line --index 1 "$(printf 'K\t2024-01-08\tNA\tNA\t3')"
}

@test "kyle: a missing column exits 2 naming it" {
	panel_missing_column kyle
}

@test "kyle: CRLF input is rejected with the fix" {
	panel_crlf kyle
}

@test "kyle: a write error exits 1" {
	panel_write_error kyle
}

@test "kyle: --help shows the columns and real pipelines; stderr has one summary" {
	panel_help kyle
}

@test "kyle: bad values exit 1 with file:line and the value" {
	trades "A 2024-01-08 10:00:00 100 0 B" > q.tsv
	run --separate-stderr -1 kyle q.tsv
	assert_equal "$stderr" "kyle: q.tsv:2: column 'qty': quantity must be positive, not '0'"
	trades "A 2024-01-08 10:00:00 100 NA B" > na.tsv
	run --separate-stderr -1 kyle na.tsv
	assert_equal "$stderr" "kyle: na.tsv:2: column 'qty': missing value 'NA'"
}

@test "kyle: bad options exit 2" {
	panel_bad_options kyle
}
