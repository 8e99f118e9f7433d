#!/usr/bin/env bats
# roll, amihud, kyle, itt: the shared panel mechanics, hand-computed
# windows through the tools, and every failure with its exit status.

load test_helper

TOOLS="roll amihud kyle itt"
M="$FIX/measures"
T=$(printf '\t')

trades() { # trades ROW...: a trades.tsv from rows "cusip date time price qty side"
	printf 'cusip\tdate\ttime\tprice\tqty\tside\n'
	for r in "$@"; do printf '%s\n' "$r" | tr ' ' '\t'; done
}

@test "empty input and header-only input give a header-only panel" {
	for t in $TOOLS; do
		run -0 $t -q "$M/empty.tsv"
		assert_equal "$(echo "$output" | wc -l)" 1
		assert_line --index 0 --regexp "^cusip${T}date${T}"
		run -0 $t -q "$M/header-only.tsv"
		assert_equal "$(echo "$output" | wc -l)" 1
		run -0 sh -c "$t -q < /dev/null"
		assert_equal "$(echo "$output" | wc -l)" 1
	done
	assert_equal "$(roll -q "$M/empty.tsv")" "$(printf 'cusip\tdate\troll_bps\troll_n')"
	assert_equal "$(amihud -q "$M/empty.tsv")" "$(printf 'cusip\tdate\tamihud\tamihud_days')"
	assert_equal "$(kyle -q "$M/empty.tsv")" "$(printf 'cusip\tdate\tkyle_lambda\tkyle_t\tkyle_n')"
	assert_equal "$(itt -q "$M/empty.tsv")" "$(printf 'cusip\tdate\titt_median_h\titt_max_h\ttrades\ttrades_per_day\tzero_days_frac\tvolume_mm\tavg_size_mm')"
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

@test "--through extends every bond's rows with zero-trade days" {
	run -0 itt -q -w 2 --through 2024-01-16 "$M/gap.tsv"
	assert_output "$(cat "$M/gap-itt-w2-through.tsv")"
	# a date before the last trade does not cut rows
	run -0 itt -q -w 2 --through 2024-01-01 "$M/gap.tsv"
	assert_output "$(cat "$M/gap-itt-w2.tsv")"
	for t in roll amihud kyle; do
		assert_equal "$($t -q --through 2024-01-16 "$M/gap.tsv" | cut -f1,2)" \
			     "$(cut -f1,2 "$M/gap-itt-w2-through.tsv")"
	done
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

@test "a bond with one trade a month: rows every business day, NA windows" {
	trades "M 2024-01-15 10:00:00 99 100000 B" "M 2024-02-15 10:00:00 98 100000 S" \
	       "M 2024-03-15 10:00:00 97 100000 B" > m.tsv
	run -0 roll -q m.tsv
	# 2024-01-15 .. 2024-03-15: 45 business days
	assert_equal "$(echo "$output" | tail -n +2 | wc -l)" 45
	assert_equal "$(echo "$output" | cut -f3 | sort -u | tr '\n' ' ')" "NA roll_bps "
	run -0 itt -q m.tsv
	# on 2024-02-15 the 21-day window holds only that day's trade
	assert_line "$(printf 'M\t2024-02-15\tNA\tNA\t1\t0.04761904762\t0.9523809524\t0.1\t0.1')"
}

@test "itt -w 1 counts exactly the trades of each bond-day" {
	trace-sim -q -n 40 --end 2020-06-30 --clean-out t.tsv > /dev/null
	itt -q -w 1 t.tsv | awk -F'\t' 'NR > 1 && $5 > 0 { print $1, $2, $5 }' > got
	tail -n +2 t.tsv | cut -f1,2 | uniq -c | awk '{ print $2, $3, $1 }' > want
	run diff want got
	assert_success
	# and the daily counts add up to every trade
	assert_equal "$(awk '{ s += $3 } END { print s }' got)" "$(data_rows t.tsv)"
}

@test "several files read as one stream" {
	trace-sim -q -n 10 --end 2020-03-31 --clean-out all.tsv > /dev/null
	head -1 all.tsv > a.tsv; head -1 all.tsv > b.tsv
	tail -n +2 all.tsv | awk -F'\t' -v a=a.tsv -v b=b.tsv '{ print >> ($1 < "5" ? a : b) }'
	for t in $TOOLS; do
		assert_equal "$($t -q a.tsv b.tsv)" "$($t -q all.tsv)"
	done
}

@test "extra columns are ignored, column order does not matter" {
	trace-sim -q -n 10 --end 2020-03-31 --clean-out t.tsv > /dev/null
	awk -F'\t' -v OFS='\t' '{ print "x" NR, $6, $5, $4, $3, $2, $1 }' t.tsv | sed '1s/^x1/extra/' > shuffled.tsv
	for t in $TOOLS; do
		assert_equal "$($t -q shuffled.tsv)" "$($t -q t.tsv)"
	done
}

@test "unsorted input: exit 1 with the line and the sort command that fixes it" {
	trades "B 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 100 1000000 B" > u1.tsv
	trades "A 2024-01-09 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 100 1000000 B" > u2.tsv
	trades "A 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 09:00:00 100 1000000 B" > u3.tsv
	for t in $TOOLS; do
		run -1 $t u1.tsv
		assert_output --partial "$t: u1.tsv:3: input is not sorted by cusip, date, time (cusip goes back)"
		assert_output --partial "LC_ALL=C sort -t \"\$(printf '\\t')\" -k1,1 -k2,2 -k3,3"
		run -1 $t u2.tsv
		assert_output --partial "u2.tsv:3: input is not sorted by cusip, date, time (date or time goes back within a cusip)"
		run -1 $t u3.tsv
		assert_output --partial "u3.tsv:3:"
	done
	# the suggested command, run as printed, fixes the file
	cmd=$(roll u1.tsv 2>&1 | sed 's/.*sort it with: //; s/FILE/u1.tsv/g')
	run -0 bash -c "$cmd | roll -q"
	# the key numbers follow the columns of the file
	awk -F'\t' -v OFS='\t' '{ print $6, $5, $4, $3, $2, $1 }' u1.tsv > u4.tsv
	run -1 itt u4.tsv
	assert_output --partial "-k6,6 -k5,5 -k4,4"
}

@test "a missing column exits 2 naming it" {
	trades "A 2024-01-08 10:00:00 100 1000000 B" | cut -f1-4,6 > noqty.tsv
	for t in $TOOLS; do
		run -2 $t noqty.tsv
		assert_output "$t: noqty.tsv: missing column 'qty'"
	done
}

@test "CRLF input is rejected with the fix" {
	trades "A 2024-01-08 10:00:00 100 1000000 B" | sed 's/$/\r/' > crlf.tsv
	for t in $TOOLS; do
		run -1 $t crlf.tsv
		assert_output --partial "$t: crlf.tsv:1: CRLF line end"
		assert_output --partial "tr -d '\\r'"
	done
}

@test "bad values exit 1 with file:line and the value" {
	trades "A 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 1O1 1000000 B" > p.tsv
	run --separate-stderr -1 roll p.tsv
	assert_equal "$stderr" "roll: p.tsv:3: column 'price': bad number '1O1'"
	trades "A 2024-01-08 10:00:00 -5 1000000 B" > n.tsv
	run --separate-stderr -1 amihud n.tsv
	assert_equal "$stderr" "amihud: n.tsv:2: column 'price': price must be positive, not '-5'"
	trades "A 2024-01-08 10:00:00 100 0 B" > q.tsv
	run --separate-stderr -1 kyle q.tsv
	assert_equal "$stderr" "kyle: q.tsv:2: column 'qty': quantity must be positive, not '0'"
	trades "A 2024-01-08 10:00:00 100 NA B" > na.tsv
	run --separate-stderr -1 kyle na.tsv
	assert_equal "$stderr" "kyle: na.tsv:2: column 'qty': missing value 'NA'"
	trades "A 2024-01-08 10:00:00 100 1000 X" > s.tsv
	run --separate-stderr -1 itt s.tsv
	assert_equal "$stderr" "itt: s.tsv:2: column 'side': bad side 'X' (want B, S or D)"
	trades "A 2024-02-30 10:00:00 100 1000 B" > d.tsv
	run --separate-stderr -1 itt d.tsv
	assert_equal "$stderr" "itt: d.tsv:2: column 'date': bad date '2024-02-30' (want YYYY-MM-DD)"
	trades "A 2024-02-01 10:00 100 1000 B" > tm.tsv
	run --separate-stderr -1 itt tm.tsv
	assert_equal "$stderr" "itt: tm.tsv:2: column 'time': bad time '10:00' (want HH:MM:SS)"
	trades "A 2024-02-01 10:00:00 100 1000" > short.tsv
	run --separate-stderr -1 roll short.tsv
	assert_equal "$stderr" "roll: short.tsv:2: 5 fields, the header has 6"
	run --separate-stderr -1 roll /nonexistent.tsv
	assert_equal "$stderr" "roll: /nonexistent.tsv: No such file or directory"
}

@test "bad options exit 2" {
	for t in $TOOLS; do
		run -2 $t -w 0
		assert_output --partial "$t: --window: bad value '0'"
		run -2 $t --through 2024-13-01
		assert_output --partial "--through: bad date '2024-13-01'"
		run -2 $t --bogus
		assert_output --partial "unknown option '--bogus'"
	done
	run -2 roll --min-obs 2
	assert_output --partial "--min-obs: bad value '2' (want a whole number from 3"
	run -2 amihud --min-obs 5
	assert_output "amihud: unknown option '--min-obs' (amihud --help lists them)"
}

@test "a write error exits 1" {
	for t in $TOOLS; do
		run -1 sh -c "$t -q '$M/gap.tsv' > /dev/full"
		assert_output --partial "$t: write error"
	done
}

@test "--help shows the columns and real pipelines; stderr has one summary" {
	for t in $TOOLS; do
		run -0 $t --help
		assert_output --partial "Usage: $t [OPTION]... [trades.tsv]..."
		assert_output --partial "Examples:"
		run --separate-stderr -0 $t "$M/gap.tsv"
		assert_equal "$stderr" "$t: 5 trades, 6 bond-days"
	done
}

@test "roll equals an independent awk implementation (bench/roll-ref.awk) to 1e-9" {
	trace-sim -q -n 60 --end 2021-06-30 --clean-out t.tsv > /dev/null
	roll -q -w 10 --min-obs 5 t.tsv > c.tsv
	awk -v W=10 -v MIN=5 -f "$LIQ_ROOT/bench/roll-ref.awk" t.tsv > ref.tsv
	assert_equal "$(wc -l < c.tsv)" "$(wc -l < ref.tsv)"
	run -0 sh -c "paste ref.tsv c.tsv | awk -F'\t' '
		NR > 1 { if (\$1 != \$5 || \$2 != \$6 || \$4 != \$8) bad++
			 if (\$3 == \"NA\" || \$7 == \"NA\") { if (\$3 != \$7) bad++ }
			 else { d = \$3 - \$7; if (d < 0) d = -d; if (d > 1e-9 * (\$7 < 0 ? -\$7 : \$7) + 1e-12) bad++ } }
		END { print bad + 0 }'"
	assert_output 0
	# and it is not a comparison of two NA columns
	assert [ "$(awk -F'\t' 'NR > 1 && $3 != "NA"' c.tsv | wc -l)" -gt 1000 ]
}
