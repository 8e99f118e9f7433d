#!/usr/bin/env bats
# itt: a hand-computed panel, zero-trade days, trade counts against the
# trades themselves, and every failure with its exit status.

load test_helper
load measures_helper

@test "itt: empty input and header-only input give a header-only panel" {
	panel_empty itt
}

@test "itt: several files read as one stream" {
	panel_stream itt
}

@test "itt: extra columns are ignored, column order does not matter" {
	panel_extra_columns itt
}

@test "itt: unsorted input: exit 1 with the line and the sort command that fixes it" {
	panel_unsorted itt
	# the key numbers follow the columns of the file
	awk -F'\t' -v OFS='\t' '{ print $6, $5, $4, $3, $2, $1 }' u1.tsv > u4.tsv
	run -1 itt u4.tsv
	assert_output --partial "-k6,6 -k5,5 -k4,4"
}

# gap.tsv: bond A trades Mon 8 Jan 10:00 and 11:00, Tue 09:00, Fri 10:00;
# bond B once on Wed. With a 2-day window (expected file, worked by hand):
#  Mon: 2 trades, gap 1 h; 2 a day over 1 day (the first trade date).
#  Tue: gaps 1 h and 22 h: median 11.5; 3 trades over 2 days; $4MM.
#  Wed: only Tuesday's trade left: no gap; 0.5 a day; Wednesday empty.
#  Thu: empty window: 0 trades, every day empty, no average size.
#  Fri: Friday's trade. B: one row, its only day.
@test "itt: a hand-computed panel, zero-trade days and the shorter first window" {
	run -0 itt -q -w 2 "$M/gap.tsv"
	assert_output "$(cat "$M/gap-itt-w2.tsv")"
}

@test "itt: --through extends every bond's rows with zero-trade days (and roll's, amihud's, kyle's)" {
	run -0 itt -q -w 2 --through 2024-01-16 "$M/gap.tsv"
	assert_output "$(cat "$M/gap-itt-w2-through.tsv")"
	# a date before the last trade does not cut rows
	run -0 itt -q -w 2 --through 2024-01-01 "$M/gap.tsv"
	assert_output "$(cat "$M/gap-itt-w2.tsv")"
	for t in roll amihud kyle; do
		$t -q --through 2024-01-16 "$M/gap.tsv" > p.tsv
		assert_equal "$(cols p.tsv cusip date)" "$(cols "$M/gap-itt-w2-through.tsv" cusip date)"
	done
}

@test "itt -w 1 counts exactly the trades of each bond-day" {
	trace-sim -q -n 40 --end 2020-06-30 --clean-out t.tsv > /dev/null
	itt -q -w 1 t.tsv > p.tsv
	tawk 'FNR > 1 && $c("trades") > 0 { print $c("cusip") " " $c("date") " " $c("trades") }' p.tsv > got
	# a weekend trade counts in the following Monday's business day
	cols t.tsv cusip date | tail -n +2 | tr '\t' ' ' > dates
	assert [ "$(awk '{ print $2 }' dates | sort -u | xargs -n1 date -u +%u -d | grep -c '[67]')" -gt 0 ]
	bday_dates dates | uniq -c | awk '{ print $2, $3, $1 }' > want
	assert [ -s want ]
	run -0 diff want got
	# and the daily counts add up to every trade
	assert_equal "$(awk '{ s += $3 } END { print s }' got)" "$(data_rows t.tsv)"
}

@test "itt: a missing column exits 2 naming it" {
	panel_missing_column itt
}

@test "itt: CRLF input is rejected with the fix" {
	panel_crlf itt
}

@test "itt: a write error exits 1" {
	panel_write_error itt
}

@test "itt: --help shows the columns and real pipelines; stderr has one summary" {
	panel_help itt
}

@test "itt: bad values exit 1 with file:line and the value" {
	trades "A 2024-01-08 10:00:00 100 1000 X" > s.tsv
	run --separate-stderr -1 itt s.tsv
	assert_equal "$stderr" "itt: s.tsv:2: column 'side': bad side 'X' (want B, S or D)"
	trades "A 2024-02-30 10:00:00 100 1000 B" > d.tsv
	run --separate-stderr -1 itt d.tsv
	assert_equal "$stderr" "itt: d.tsv:2: column 'date': bad date '2024-02-30' (want YYYY-MM-DD)"
	trades "A 2024-02-01 10:00 100 1000 B" > tm.tsv
	run --separate-stderr -1 itt tm.tsv
	assert_equal "$stderr" "itt: tm.tsv:2: column 'time': bad time '10:00' (want HH:MM:SS)"
}

@test "itt: bad options exit 2" {
	panel_bad_options itt
}
