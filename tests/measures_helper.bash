# Shared set-up for the panel tools roll, amihud, kyle and itt: their
# fixtures, a trades.tsv builder, and the checks every one of them passes
# (each tool's file runs them for that tool).

M="$FIX/measures"
T=$(printf '\t')

trades() { # trades ROW...: a trades.tsv from rows "cusip date time price qty side"
	printf 'cusip\tdate\ttime\tprice\tqty\tside\n'
	for r in "$@"; do printf '%s\n' "$r" | tr ' ' '\t'; done
}

# panel_header TOOL: the tool's documented header
panel_header() {
	case $1 in
	roll) printf 'cusip\tdate\troll_bps\troll_n' ;;
	amihud) printf 'cusip\tdate\tamihud\tamihud_days' ;;
	kyle) printf 'cusip\tdate\tkyle_lambda\tkyle_t\tkyle_n' ;;
	itt) printf 'cusip\tdate\titt_median_h\titt_max_h\ttrades\ttrades_per_day\tzero_days_frac\tvolume_mm\tavg_size_mm' ;;
	esac
}

# empty input, header-only input and no input: the header alone
panel_empty() {
	local t=$1
	run -0 $t -q "$M/empty.tsv"
	assert_output "$(panel_header $t)"
	run -0 $t -q "$M/header-only.tsv"
	assert_output "$(panel_header $t)"
	run -0 sh -c "$t -q < /dev/null"
	assert_output "$(panel_header $t)"
}

# several files read as one stream give the panel of their concatenation
panel_stream() {
	local t=$1
	trace-sim -q -n 10 --end 2020-03-31 --clean-out all.tsv > /dev/null
	head -1 all.tsv > a.tsv
	head -1 all.tsv > b.tsv
	# the first five bonds in one file, the rest in the other
	tawk 'FNR > 1 { k = $c("cusip"); if (!(k in seen)) { seen[k] = 1; n++ }
		print >> (n <= 5 ? "a.tsv" : "b.tsv") }' all.tsv
	assert [ "$(data_rows a.tsv)" -gt 0 ]
	assert [ "$(data_rows b.tsv)" -gt 0 ]
	run -0 $t -q all.tsv
	local want=$output
	assert [ "$(data_rows <(echo "$want"))" -gt 0 ]
	run -0 $t -q a.tsv b.tsv
	assert_equal "$output" "$want"
}

# extra columns are ignored, and the order of the columns does not matter
panel_extra_columns() {
	local t=$1
	trace-sim -q -n 10 --end 2020-03-31 --clean-out t.tsv > /dev/null
	awk -F'\t' -v OFS='\t' '{ print "x" NR, $6, $5, $4, $3, $2, $1 }' t.tsv | sed '1s/^x1/extra/' > shuffled.tsv
	run -0 $t -q t.tsv
	local want=$output
	run -0 $t -q shuffled.tsv
	assert_equal "$output" "$want"
}

# unsorted input: exit 1 with the line and the sort command that fixes it
panel_unsorted() {
	local t=$1
	trades "B 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 100 1000000 B" > u1.tsv
	trades "A 2024-01-09 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 100 1000000 B" > u2.tsv
	trades "A 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 09:00:00 100 1000000 B" > u3.tsv
	run -1 $t u1.tsv
	assert_output --partial "$t: u1.tsv:3: input is not sorted by cusip, date, time (cusip goes back)"
	assert_output --partial "LC_ALL=C sort -t \"\$(printf '\\t')\" -k1,1 -k2,2 -k3,3"
	run -1 $t u2.tsv
	assert_output --partial "u2.tsv:3: input is not sorted by cusip, date, time (date or time goes back within a cusip)"
	run -1 $t u3.tsv
	assert_output --partial "u3.tsv:3:"
}

# a missing column exits 2 naming it
panel_missing_column() {
	local t=$1
	trades "A 2024-01-08 10:00:00 100 1000000 B" | cut -f1-4,6 > noqty.tsv
	run -2 $t noqty.tsv
	assert_output "$t: noqty.tsv: missing column 'qty'"
}

# CRLF input is rejected with the fix
panel_crlf() {
	local t=$1
	trades "A 2024-01-08 10:00:00 100 1000000 B" | sed 's/$/\r/' > crlf.tsv
	run -1 $t crlf.tsv
	assert_output --partial "$t: crlf.tsv:1: CRLF line end"
	assert_output --partial "tr -d '\\r'"
}

# the options every panel tool shares: bad values exit 2
panel_bad_options() {
	local t=$1
	run -2 $t -w 0
	assert_output --partial "$t: --window: bad value '0'"
	run -2 $t --through 2024-13-01
	assert_output --partial "--through: bad date '2024-13-01'"
	run -2 $t --bogus
	assert_output --partial "unknown option '--bogus'"
}

# a write error exits 1
panel_write_error() {
	local t=$1
	run -1 sh -c "$t -q '$M/gap.tsv' > /dev/full"
	assert_output --partial "$t: write error"
}

# --help shows the usage and real pipelines; stderr has one summary line
panel_help() {
	local t=$1
	run -0 $t --help
	assert_output --partial "Usage: $t [OPTION]... [trades.tsv]..."
	assert_output --partial "Examples:"
	run --separate-stderr -0 $t "$M/gap.tsv"
	assert_equal "$stderr" "$t: 5 trades, 6 bond-days"
}
