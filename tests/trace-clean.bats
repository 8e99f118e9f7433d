#!/usr/bin/env bats
# trace-clean: round trips through trace-sim (the planted truth), the
# hand-built fixtures of tests/fixtures/trace-clean (see its README for how
# each expected output follows from the rules), options and failures.

load test_helper

F="$FIX/trace-clean"

sim() { trace-sim -q -n 30 --start 2021-01-04 --end 2021-06-30 "$@"; }

# audit_is COUNTS AUDIT [CLEAN]: every count trace-sim planted equals the
# audit row of the same name, riskless_pairs equals the customer prints
# flagged riskless 1 in trace-sim's clean trades CLEAN (want.tsv), and
# every other audit row trace-sim has no count for (pre-2012 steps before
# 2012, locked-in, agency, price range) is 0; the table has its 17 rows,
# and capped_size and dealer_single when trace-sim counts them (the
# standard table).
audit_is() {
	local pairs
	pairs=$(tawk 'FNR > 1 && $c("riskless") == 1 { n++ } END { print n + 0 }' "${3:-want.tsv}")
	run -0 awk -v pairs="$pairs" 'NR == FNR { if (FNR > 1) want[$1] = $2; next }
		 $1 == "step" || $1 == "trace-clean:" { next }
		 { got[$2] = $3; seen++ }
		 END {
			want["riskless_pairs"] = pairs
			for (k in want)
				if (k != "as_of" && k != "jumps" && want[k] != got[k]) {
					print k ": planted " want[k] ", audit " got[k]; bad = 1
				}
			for (k in got)
				if (!(k in want) && got[k] != 0) {
					print k ": audit " got[k] ", planted none"; bad = 1
				}
			rows = 17 + ("capped_size" in want) + ("dealer_single" in want)
			if (seen != rows) { print "audit has " seen " rows, not " rows; bad = 1 }
			exit bad
		 }' <(cols "$1" kind count) "$2"
	assert_output ""
}

# row KIND: the count of an audit row in $stderr
row() {
	echo "$stderr" | awk -v k="$1" '$2 == k { print $3 }'
}

@test "--help prints usage with pipelines on stdout, exit 0" {
	run -0 trace-clean --help
	assert_line --index 0 "Usage: trace-clean [OPTION]... [FILE]... > trades.tsv"
	assert_output --partial "Examples:"
	assert_output --partial "--keep-dealer-buys"
}

@test "--version names the tool" {
	run -0 trace-clean --version
	assert_output --regexp '^trace-clean \(liq\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "trace-sim round trip, WRDS layout, several seeds: clean-out and counts" {
	for s in 1 2 3 4; do
		sim -s "$s" --clean-out want.tsv --counts-out counts.tsv > raw.tsv
		trace-clean raw.tsv > got.tsv 2> audit.txt
		cmp got.tsv want.tsv
		audit_is counts.tsv audit.txt
	done
}

@test "trace-sim round trip, FINRA layout, several seeds" {
	for s in 1 2 3; do
		sim -s "$s" --format finra --clean-out want.tsv --counts-out counts.tsv > raw.txt
		trace-clean raw.txt > got.tsv 2> audit.txt
		cmp got.tsv want.tsv
		audit_is counts.tsv audit.txt
	done
}

@test "trace-sim round trip, FINRA's public CSV: capped sizes, one-sided inter-dealer trades, Cancels" {
	for s in 1 2; do
		sim -s "$s" --format public --clean-out want.tsv > raw.csv
		run --separate-stderr -0 trace-clean raw.csv
		echo "$output" > got.tsv
		cmp got.tsv want.tsv
		# capped sizes were written, read and counted: every capped
		# report read is in the audit, the kept ones flagged in trades
		n=$(tawk 'FNR > 1 && $c("capped") == 1 { n++ } END { print n + 0 }' want.tsv)
		assert [ "$n" -gt 0 ]
		assert [ "$(grep -c -E ',(5|1)MM\+,' raw.csv)" -eq "$(row capped_size)" ]
		assert [ "$(row capped_size)" -ge "$n" ]
		# the seller's side of each inter-dealer trade only: nothing
		# for step 3 to remove, every dealer report kept
		assert_equal "$(row dealer_buy)" 0
		assert [ "$(row dealer_single)" -gt 0 ]
		assert_equal "$(row corr_nomatch)" ""
		assert_equal "$(row riskless_pairs)" "$(tawk 'FNR > 1 && $c("riskless") == 1 { n++ } END { print n + 0 }' want.tsv)"
	done
}

@test "trace-sim round trip, a larger universe over two years (more planted errors)" {
	for s in 5 6; do
		# four times the planted error rates: the default world has
		# many dormant bonds, so fewer trades to plant errors in
		trace-sim -q -s "$s" -n 150 --start 2020-01-02 --end 2021-12-31 --errors 4 \
			--clean-out want.tsv --counts-out counts.tsv > raw.tsv
		trace-clean raw.tsv > got.tsv 2> audit.txt
		cmp got.tsv want.tsv
		audit_is counts.tsv audit.txt
		# the decimal shifts were planted: the filter removed those only
		assert [ "$(count price_error counts.tsv)" -gt 20 ]
	done
}

@test "trace-sim round trip across T+1 (2024-05-28) and from standard input" {
	trace-sim -q -s 9 -n 40 --start 2024-04-01 --end 2024-08-30 \
		--clean-out want.tsv --counts-out counts.tsv |
		trace-clean > got.tsv 2> audit.txt
	cmp got.tsv want.tsv
	audit_is counts.tsv audit.txt
}

@test "trace-sim round trip 2010-2013 across the 2012-02-06 vocabulary switch, WRDS and standard table" {
	for fmt in wrds standard; do
		trace-sim -q -s 3 -n 30 --start 2010-01-04 --end 2013-06-28 --format "$fmt" \
			--clean-out want.tsv --counts-out counts.tsv > raw.tsv
		trace-clean raw.tsv > got.tsv 2> audit.txt
		cmp got.tsv want.tsv
		audit_is counts.tsv audit.txt
		# both eras' steps removed reports
		for k in pre_cancelled pre_corrected pre_reversed; do
			assert [ "$(count "$k" counts.tsv)" -gt 10 ]
		done
	done
	# the WRDS file has both vocabularies, split by report date
	trace-sim -q -s 3 -n 30 --start 2010-01-04 --end 2013-06-28 > raw.tsv
	run -0 tawk 'FNR > 1 { print ($c("trd_rpt_dt") < "2012-02-06" ? "pre" : "post"), $c("trc_st") }' raw.tsv
	assert_equal "$(echo "$output" | sort -u | tr '\t\n' '  ')" "post C post R post T post X post Y pre C pre T pre W "
	# the standard table: T C W throughout, capped sizes, no buyer side
	# of an inter-dealer trade
	trace-sim -q -s 3 -n 30 --start 2012-01-03 --end 2012-06-29 --format standard > std.tsv
	run -0 tawk 'FNR > 1 { print $c("trc_st") }' std.tsv
	assert_equal "$(echo "$output" | sort -u | tr '\n' ' ')" "C T W "
	assert [ "$(tawk 'FNR > 1 && $c("ascii_rptd_vol_tx") ~ /MM\+$/' std.tsv | wc -l)" -gt 0 ]
	run -0 tawk 'FNR > 1 && $c("contra_party_type") == "D" && $c("side") == "B"' std.tsv
	assert_output ""
}

@test "fixture: a WRDS file crossing 2012-02-06, each report cleaned by its report date's vocabulary" {
	run --separate-stderr -0 trace-clean --rejects rej.tsv "$F/wrds-switch-2012.tsv"
	assert_equal "$output" "$(cat "$F/wrds-switch-2012.expected")"
	assert_equal "$(row reports)" 11
	assert_equal "$(row cancelled)" 4
	assert_equal "$(row reversed)" 2
	assert_equal "$(row pre_corrected)" 1
	assert_equal "$(row pre_reversed)" 2
	assert_equal "$(row clean)" 2
	run -0 cols rej.tsv line reason trd_rpt_dt trc_st
	assert_output "$(printf '%s\n' "line	reason	trd_rpt_dt	trc_st" \
		"2	pre_corrected	2012-02-03	T" "4	cancelled	2012-02-03	T" \
		"5	reversed	2012-02-03	T" "6	cancelled	2012-02-06	T" \
		"7	cancelled	2012-02-06	X" "8	cancelled	2012-02-06	X" \
		"9	reversed	2012-02-06	Y" "11	pre_reversed	2012-02-02	T" \
		"12	pre_reversed	2012-02-03	T")"
}

@test "each era's status codes only: an X before 2012-02-06, a W after, or a Q, exit 1" {
	# line 4 is reported on 2012-02-03, line 6 on 2012-02-06
	tawk -v OFS='\t' 'FNR == 4 { $c("trc_st") = "X" } { print }' "$F/wrds-switch-2012.tsv" > x.tsv
	run --separate-stderr -1 trace-clean x.tsv
	assert_equal "$stderr" "trace-clean: x.tsv:4: trade status 'X' on a report of 2012-02-03: before 2012-02-06 TRACE reports are T, C or W"
	tawk -v OFS='\t' 'FNR == 6 { $c("trc_st") = "W" } { print }' "$F/wrds-switch-2012.tsv" > w.tsv
	run --separate-stderr -1 trace-clean w.tsv
	assert_equal "$stderr" "trace-clean: w.tsv:6: trade status 'W' on a report of 2012-02-06: from 2012-02-06 TRACE reports are T, X, C, R or Y"
	tawk -v OFS='\t' 'FNR == 2 { $c("trc_st") = "Q" } { print }' "$F/wrds-switch-2012.tsv" > q.tsv
	run --separate-stderr -1 trace-clean q.tsv
	assert_equal "$stderr" "trace-clean: q.tsv:2: column 'trc_st': unknown trade status 'Q'"
	assert_output ""
	# the standard table is T, C or W whatever the date
	for st in Q X Y R; do
		tawk -v OFS='\t' -v st="$st" 'FNR == 3 { $c("trc_st") = st } { print }' "$F/wrds-standard.tsv" > s.tsv
		run --separate-stderr -1 trace-clean s.tsv
		assert_equal "$stderr" "trace-clean: s.tsv:3: column 'trc_st': unknown trade status '$st' (want T, C or W)"
	done
}

@test "fixture: WRDS's standard TRACE table, sniffed or named; capped sizes, C/W/reversal, one-sided and unsigned reports" {
	run --separate-stderr -0 trace-clean "$F/wrds-standard.tsv"
	assert_equal "$output" "$(cat "$F/wrds-standard.expected")"
	assert_equal "$(echo "$stderr" | head -n 20)" "$(cat "$F/wrds-standard.audit")"
	assert_equal "$(echo "$stderr" | sed -n 21p)" "trace-clean: matched no report: 1 pre-2012 C cancel (dropped; --rejects lists them)"
	run --separate-stderr -0 trace-clean -q --format standard --rejects rej.tsv "$F/wrds-standard.tsv"
	assert_equal "$output" "$(cat "$F/wrds-standard.expected")"
	# no report date in the table: NA in the rejects
	run -0 cols rej.tsv line reason trd_rpt_dt
	assert_output "$(printf '%s\n' "line	reason	trd_rpt_dt" "4	pre_corrected	NA" \
		"6	pre_cancelled	NA" "7	pre_cancelled	NA" "10	pre_reversed	NA" \
		"11	pre_reversed	NA" "13	pre_cancelled	NA")"
	# a C that differs in time from the report it names matches nothing
	tawk -v OFS='\t' 'FNR == 7 { $c("trd_exctn_tm") = "12:00:01" } { print }' "$F/wrds-standard.tsv" > c.tsv
	run --separate-stderr -0 trace-clean c.tsv
	assert_equal "$(row pre_cancelled)" 2
	assert_equal "$(row clean)" 7
	# without side and contra_party_type every trade is unsigned
	drop_col "$F/wrds-standard.tsv" contra_party_type > nocontra.tsv
	run --separate-stderr -0 trace-clean -q nocontra.tsv
	assert_equal "$(echo "$output" | cut -f6 | sort | uniq -c | awk '{ print $2 $1 }' | tr '\n' ' ')" "D6 side1 "
	# the enhanced layout is not read as the standard one: no trc_st
	# vocabulary of its own
	run -2 trace-clean --format standard "$F/wrds-cancel.tsv"
	assert_output --partial "missing column 'ascii_rptd_vol_tx' of the standard layout"
}

@test "daily split files given together: a cancel in a later file removes an earlier report" {
	for fmt in wrds finra; do
		rm -rf d
		sim -s 3 --format "$fmt" --split d --clean-out want.tsv --counts-out counts.tsv
		trace-clean d/* > got.tsv 2> audit.txt
		cmp got.tsv want.tsv
		audit_is counts.tsv audit.txt
	done
}

@test "WRDS CSV (quoted fields) gives the same trades as the tab layout" {
	sim -s 2 --clean-out want.tsv > raw.tsv
	tawk -v OFS=, 'FNR > 1 { $c("rptd_pr") = "\"" $c("rptd_pr") "\"" } { $1 = $1; print }' raw.tsv > raw.csv
	assert [ "$(grep -c '"' raw.csv)" -gt 100 ]
	run -0 trace-clean -q raw.csv
	assert_equal "$output" "$(cat want.tsv)"
}

@test "fixture: WRDS cancel, and an X that matches nothing is dropped and reported" {
	run --separate-stderr -0 trace-clean "$F/wrds-cancel.tsv"
	assert_equal "$output" "$(cat "$F/wrds-cancel.expected")"
	assert_equal "$(row reports)" 5
	assert_equal "$(row cancelled)" 3
	assert_equal "$(row clean)" 2
	assert_equal "$(echo "$stderr" | tail -1)" \
		"trace-clean: matched no report: 1 X cancel (dropped; --rejects lists them)"
}

@test "fixture: pre-2012 W chain, C cancel, as-of reversals on 7 then 6 keys" {
	run --separate-stderr -0 trace-clean "$F/wrds-pre2012-w-chain.tsv"
	assert_equal "$output" "$(cat "$F/wrds-pre2012-w-chain.expected")"
	assert_equal "$(row pre_corrected)" 2
	assert_equal "$(row pre_cancelled)" 2
	assert_equal "$(row pre_reversed)" 4
	assert_equal "$(row dealer_buy)" 1
	assert_equal "$(row settlement)" 1
	assert_equal "$(row clean)" 2
}

@test "fixture: FINRA daily files, correction pair, reversal in a later file" {
	run --separate-stderr -0 trace-clean "$F"/finra-days/*.txt
	assert_equal "$output" "$(cat "$F/finra-days.expected")"
	assert_equal "$(row reports)" 11
	assert_equal "$(row corrected)" 2
	assert_equal "$(row reversed)" 2
	assert_equal "$(row dealer_buy)" 1
	assert_equal "$(row settlement)" 1
	assert_equal "$(row clean)" 5
	# the first day alone: nothing cancels the wrong price yet
	run -0 trace-clean -q "$F/finra-days/enhanced-time-and-sales-cusip-2020-03-02.txt"
	assert_line --index 2 "$(printf '172967MP3\t2020-03-02\t10:10:00\t110.5\t100000\tS\t0\t0')"
	assert_equal "${#lines[@]}" 5
	# the later days alone: the C and the Y name reports that are absent
	run --separate-stderr -0 trace-clean -q "$F"/finra-days/*-03-03.txt "$F"/finra-days/*-04-01.txt
	assert_equal "$stderr" "trace-clean: matched no report: 1 C cancelled correction, 1 Y reversal (dropped; --rejects lists them)"
}

@test "FINRA files concatenated into one stream (header, rows, trailer, header, ...)" {
	cat "$F"/finra-days/*.txt | trace-clean -q > got.tsv
	run -0 cat got.tsv
	assert_equal "$output" "$(cat "$F/finra-days.expected")"
	# but nothing may follow a trailer except another file's header
	{ cat "$F/finra-bad-trailer.txt" | sed '$s/3$/2/'; echo 'x|y'; } > after.txt
	run --separate-stderr -1 trace-clean after.txt
	assert_equal "$stderr" "trace-clean: after.txt:5: a line after the trailer (the trailer ends a FINRA file)"
}

@test "Academic: short lines only at the end, at most two" {
	f="$F/academic-control-numbers.txt"
	{ head -3 "$f"; echo 0047; tail -n +4 "$f"; } > mid.txt
	run --separate-stderr -1 trace-clean mid.txt
	assert_equal "$stderr" "trace-clean: mid.txt:4: a short line (a truncated line?) before more reports"
	{ cat "$f"; echo 0048; } > three.txt
	run --separate-stderr -1 trace-clean three.txt
	assert_equal "$stderr" "trace-clean: three.txt:9: 3 short lines at the end (Academic files end with at most 2)"
	# a last report cut short is not a trailer, with or without the
	# trailing lines after it
	{ head -n 7 "$f"; sed -n 8p "$f" | cut -d '|' -f 1-5; } > cut.txt
	run --separate-stderr -1 trace-clean cut.txt
	assert_equal "$stderr" "trace-clean: cut.txt:8: 5 fields, the header has 39 (a truncated line?)"
	{ head -n 7 "$f"; sed -n 8p "$f" | cut -d '|' -f 1-5; tail -n 2 "$f"; } > cut2.txt
	run --separate-stderr -1 trace-clean cut2.txt
	assert_equal "$stderr" "trace-clean: cut2.txt:8: 5 fields, the header has 39 (a truncated line?)"
}

@test "fixture: inter-dealer pair and agency leg in WRDS CSV" {
	run -0 trace-clean -q "$F/wrds-agency-dealer.csv"
	assert_equal "$output" "$(cat "$F/wrds-agency-dealer.expected")"
	# kept, the agency leg is the customer print of a riskless-principal
	# pair with the dealer's sale 5 s before it
	run -0 trace-clean -q --keep-agency "$F/wrds-agency-dealer.csv"
	assert_line "$(printf '00206RCN0\t2020-06-01\t10:00:00\t98.5\t500000\tD\t0\t2')"
	assert_line "$(printf '00206RCN0\t2020-06-01\t10:00:05\t98.5\t500000\tB\t0\t1')"
	run -0 trace-clean -q --keep-dealer-buys "$F/wrds-agency-dealer.csv"
	assert_line "$(printf '00206RCN0\t2020-06-01\t10:00:02\t98.5\t500000\tD\t0\t0')"
	assert_equal "${#lines[@]}" 5
}

@test "fixture: decimal shifts are removed, a genuine jump survives" {
	run --separate-stderr -0 trace-clean "$F/wrds-decimal-shift.tsv"
	assert_equal "$output" "$(cat "$F/wrds-decimal-shift.expected")"
	assert_equal "$(row price_error)" 2
	run --separate-stderr -0 trace-clean "$F/wrds-genuine-jump.tsv"
	assert_equal "$output" "$(cat "$F/wrds-genuine-jump.expected")"
	assert_equal "$(row price_error)" 0
	# step 5 off keeps the shifted prints
	run -0 trace-clean -q --keep-price-errors "$F/wrds-decimal-shift.tsv"
	assert_line "$(printf '717081DM2\t2021-05-03\t12:00:00\t982\t15000\tB\t0\t0')"
	assert_equal "${#lines[@]}" 9
}

@test "fixture: settlement days skip holidays; --settle-days and --keep-settlement" {
	run -0 trace-clean -q "$F/finra-settlement-holidays.txt"
	assert_equal "$output" "$(cat "$F/finra-settlement-holidays.expected")"
	run -0 trace-clean -q --settle-days 3 "$F/finra-settlement-holidays.txt"
	assert_equal "${#lines[@]}" 5
	run -0 trace-clean -q --keep-settlement "$F/finra-settlement-holidays.txt"
	assert_equal "${#lines[@]}" 5
	run -0 trace-clean -q --settle-days 1 "$F/finra-settlement-holidays.txt"
	assert_equal "${#lines[@]}" 2
}

@test "fixture: holiday and weekend executions settle regular-way from the next business day" {
	# two after-hours trades of New Year's Day 2020 (a Wednesday),
	# reported on the 2nd, settle on Monday the 6th: T+2 from Thursday
	run --separate-stderr -0 trace-clean --rejects rej.tsv "$F/finra-holiday-execution.txt"
	assert_equal "$output" "$(cat "$F/finra-holiday-execution.expected")"
	assert_equal "$(row reports)" 4
	assert_equal "$(row settlement)" 1
	assert_equal "$(row clean)" 3
	# a trade of Thursday the 2nd settling on the 7th is T+3: still late
	run -0 cols rej.tsv reason detail line
	assert_output "$(printf 'reason\tdetail\tline\nsettlement\tsettles 3 settlement days after execution (limit 2)\t4')"
	# Saturday 2020-03-07: settling Wednesday is T+2 from Monday, Thursday
	# is T+3
	run --separate-stderr -0 trace-clean --rejects rej.tsv "$F/finra-weekend-execution.txt"
	assert_equal "$output" "$(cat "$F/finra-weekend-execution.expected")"
	assert_equal "$(row settlement)" 1
	assert_equal "$(row clean)" 2
	run -0 cols rej.tsv reason trd_exctn_dt line
	assert_output "$(printf 'reason\ttrd_exctn_dt\tline\nsettlement\t2020-03-07\t3')"
}

@test "fixture: contra parties A (non-member affiliate) and T (ATS)" {
	# an A contra is a customer; a T contra is an ATS, a dealer: the
	# dealer's buy from the ATS matches the ATS's own sell (step 3)
	run --separate-stderr -0 trace-clean --rejects rej.tsv "$F/finra-contra-parties.txt"
	assert_equal "$output" "$(cat "$F/finra-contra-parties.expected")"
	assert_equal "$(row dealer_buy)" 1
	assert_equal "$(row clean)" 3
	run -0 cols rej.tsv reason line cntra_mp_id
	assert_output "$(printf 'reason\tline\tcntra_mp_id\ndealer_buy\t4\tD')"
	# any other letter is still an error
	sed '2s/|P|D|A|/|P|D|Q|/' "$F/finra-contra-parties.txt" > bad.txt
	run --separate-stderr -1 trace-clean bad.txt
	assert_equal "$stderr" "trace-clean: bad.txt:2: column 'Contra Party Indicator': bad contra party 'Q' (want C, D, A or T)"
}

@test "fixture: capped sizes 5MM+ and 1MM+ are read at the cap, counted and warned about" {
	run --separate-stderr -0 trace-clean "$F/wrds-capped-sizes.tsv"
	assert_equal "$output" "$(cat "$F/wrds-capped-sizes.expected")"
	assert_equal "$(row reports)" 5
	assert_equal "$(row capped_size)" 4
	assert_equal "$(row dealer_buy)" 1
	assert_equal "$(row clean)" 4
	run -0 cols <(echo "$output") cusip qty
	assert_output "$(printf 'cusip\tqty\n674599CH6\t1000000\n674599CH6\t1000000\n931142DH3\t5000000\n931142DH3\t250000')"
	# -q drops the table, not the warning
	run --separate-stderr -0 trace-clean -q "$F/wrds-capped-sizes.tsv"
	assert_equal "$stderr" "trace-clean: 4 reports with a capped size (5MM+ or 1MM+) written at the cap, 5000000 or 1000000 (the size traded is at least that)"
	# no capped size: no row, no warning
	run --separate-stderr -0 trace-clean -q "$F/wrds-cancel.tsv"
	assert_equal "$stderr" "trace-clean: matched no report: 1 X cancel (dropped; --rejects lists them)"
	run --separate-stderr -0 trace-clean "$F/wrds-cancel.tsv"
	assert_equal "$(row capped_size)" ""
	# other spellings are bad quantities
	sed '2s/5MM+/5MM/' "$F/wrds-capped-sizes.tsv" > bad.tsv
	run --separate-stderr -1 trace-clean bad.tsv
	assert_equal "$stderr" "trace-clean: bad.tsv:2: column 'ascii_rptd_vol_tx': bad quantity '5MM' (want a number, 5MM+ or 1MM+)"
}

@test "fixture: Academic TRACE, control numbers and trailing lines" {
	run --separate-stderr -0 trace-clean "$F/academic-control-numbers.txt"
	assert_equal "$output" "$(cat "$F/academic-control-numbers.expected")"
	assert_equal "$(row cancelled)" 2
	assert_equal "$(row reversed)" 2
	assert_equal "$(row dealer_buy)" 1
}

@test "--format names the layout; a wrong one fails on the columns" {
	run -0 trace-clean -q --format finra "$F/finra-settlement-holidays.txt"
	assert_equal "$output" "$(cat "$F/finra-settlement-holidays.expected")"
	run -2 trace-clean --format wrds "$F/finra-settlement-holidays.txt"
	assert_output --partial "missing column 'cusip_id'"
	run -2 trace-clean --format xml "$F/wrds-cancel.tsv"
	assert_output --partial "--format: unknown format 'xml'"
}

@test "a bad trailer count is a clear error, exit 1" {
	run --separate-stderr -1 trace-clean "$F/finra-bad-trailer.txt"
	assert_equal "$stderr" "trace-clean: $F/finra-bad-trailer.txt:4: bad trailer: record count 3, but 2 reports read"
	assert_output ""
}

@test "a truncated line exits 1; a FINRA file without its trailer is read, with a warning" {
	run --separate-stderr -1 trace-clean "$F/finra-truncated.txt"
	assert_equal "$stderr" "trace-clean: $F/finra-truncated.txt:3: 12 fields, the header has 37 (a truncated line?)"
	# the holiday fixture without its trailer (an excerpt, a re-saved
	# file): every report is read, and a warning names the file
	sed '$d' "$F/finra-holiday-execution.txt" > excerpt.txt
	run --separate-stderr -0 trace-clean -q excerpt.txt
	assert_equal "$output" "$(cat "$F/finra-holiday-execution.expected")"
	assert_equal "$stderr" "trace-clean: excerpt.txt: no trailer line (FINRA files end with a date/time stamp and the record count): the 4 reports after the header read without a count to check"
	# with the audit table: 4 reports in
	run --separate-stderr -0 trace-clean excerpt.txt
	assert_equal "$(row reports)" 4
	assert_equal "$(echo "$stderr" | grep -c 'no trailer line')" 1
	# a trailer present is still checked: a wrong count exits 1
	sed '$s/4$/5/' "$F/finra-holiday-execution.txt" > miscount.txt
	run --separate-stderr -1 trace-clean miscount.txt
	assert_equal "$stderr" "trace-clean: miscount.txt:6: bad trailer: record count 5, but 4 reports read"
}

# edited_fails SED-EXPR MESSAGE: the first FINRA day, edited, fails with
# exit 1 and "trace-clean: bad.txt:MESSAGE"
edited_fails() {
	sed "$1" "$F/finra-days/enhanced-time-and-sales-cusip-2020-03-02.txt" > bad.txt
	run --separate-stderr -1 trace-clean bad.txt
	assert_equal "$stderr" "trace-clean: bad.txt:$2"
	assert_output ""
}

@test "an unparseable price names file, line, column and value; exit 1" {
	run --separate-stderr -1 trace-clean "$F/wrds-bad-price.tsv"
	assert_equal "$stderr" "trace-clean: $F/wrds-bad-price.tsv:3: column 'rptd_pr': bad price '101.4.5'"
	# in the pipe layout too, and dates, times and codes the same way
	edited_fails '2s/|99.500000|/|99,5|/' "2: column 'Price': bad price '99,5'"
	edited_fails '3s/|20200302|101000|/|20200230|101000|/' \
		"3: column 'Execution Date': bad date '20200230' (want YYYY-MM-DD or YYYYMMDD)"
	edited_fails '3s/|20200302|101000|/|20200302|10:10|/' \
		"3: column 'Execution Time': bad time '10:10' (want HH:MM:SS or HHMMSS)"
	edited_fails '3s/|B|0.00|/|Q|0.00|/' \
		"3: column 'Buy/Sell Indicator': bad side 'Q' (want B or S)"
	edited_fails '4s/|S|0.00|/||0.00|/' \
		"4: column 'Buy/Sell Indicator': bad side '' (want B or S)"
	edited_fails '2s/|T|/|Q|/' "2: column 'Trade Status': unknown trade status 'Q'"
	edited_fails '2s/|0000001|T|/|00x0001|T|/' \
		"2: column 'Reference Number': bad reference number '00x0001'"
	edited_fails '2s/|200000.00|/|NA|/' "2: column 'Quantity': bad quantity 'NA' (want a number, 5MM+ or 1MM+)"
	# a quantity must be positive, a CUSIP short and plain: nothing a
	# later tool would refuse is written into trades.tsv
	edited_fails '2s/|200000.00|/|-5|/' "2: column 'Quantity': bad quantity '-5' (want a positive par amount)"
	edited_fails '2s/|200000.00|/|0|/' "2: column 'Quantity': bad quantity '0' (want a positive par amount)"
	edited_fails "2s/|172967MP3|/|$(printf 'A%.0s' $(seq 64))|/" \
		"2: column 'CUSIP': bad CUSIP 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (want 1 to 12 letters, digits, *, @ or #)"
	edited_fails '2s/|172967MP3|/|1729 67MP3|/' \
		"2: column 'CUSIP': bad CUSIP '1729 67MP3' (want 1 to 12 letters, digits, *, @ or #)"
}

@test "CRLF line ends are stripped and counted in the audit as a note, exit 0" {
	run --separate-stderr -0 trace-clean "$F/wrds-crlf.tsv"
	assert_equal "$output" "$(cat "$F/wrds-crlf.expected")"
	assert_equal "$(row crlf_lines)" 3
	assert_equal "$(row reports)" 2
	assert_equal "$(row clean)" 2
	# the same file with '\n' line ends: the same trades, no note
	tr -d '\r' < "$F/wrds-crlf.tsv" > lf.tsv
	run --separate-stderr -0 trace-clean lf.tsv
	assert_equal "$output" "$(cat "$F/wrds-crlf.expected")"
	assert_equal "$(row crlf_lines)" ""
}

@test "FINRA's public CSV as downloaded: CRLF, Cancel, Correction, unmatched Cancel, 5MM+, A and T contras" {
	run -0 grep -c $'\r$' "$F/public-trade-history.csv"
	assert_output 10
	run --separate-stderr -0 trace-clean --rejects rej.tsv "$F/public-trade-history.csv"
	assert_equal "$output" "$(cat "$F/public-trade-history.expected")"
	assert_equal "$(echo "$stderr" | head -n 22)" "$(cat "$F/public-trade-history.audit")"
	assert_equal "$(echo "$stderr" | sed -n 23p)" "trace-clean: matched no report: 1 public Cancel (dropped; --rejects lists them)"
	# what went, and what removed it
	run -0 cols rej.tsv line reason trc_st detail
	assert_output "$(printf '%s\n' \
		"line	reason	trc_st	detail" \
		"3	cancelled	X	public Cancel of $F/public-trade-history.csv:6" \
		"5	cancelled	X	public Cancel that matches no report" \
		"6	cancelled	T	removed by the public Cancel at $F/public-trade-history.csv:3" \
		"7	corrected	T	replaced by the public Correction at $F/public-trade-history.csv:4")"
	run -0 cols rej.tsv msg_seq_nb trd_rpt_dt
	assert_output "$(printf 'msg_seq_nb\ttrd_rpt_dt\nNA\tNA\nNA\tNA\nNA\tNA\nNA\tNA')"
}

@test "the public CSV: --format public, a byte-order mark, quoted titles, '\\n' line ends, a Correction that matches nothing" {
	tr -d '\r' < "$F/public-trade-history.csv" |
		sed '1s/^/\xEF\xBB\xBF/; 1s/Contra Party Type/ "Contra Party Type" /; 7s/3\/9\/2020/3\/10\/2020/; 7s/101.00/101.50/' > pub.csv
	run --separate-stderr -0 trace-clean --format public pub.csv
	# line 7 no longer matches the Correction of line 4: both stay, and
	# line 7 (settling 3/10, 6 days: beyond T+2) goes to the screen
	assert_equal "$output" "$(cat "$F/public-trade-history.expected")"
	assert_equal "$(row crlf_lines)" ""
	assert_equal "$(row corrected)" 0
	assert_equal "$(row corr_nomatch)" 1
	assert_equal "$(row settlement)" 1
	assert_equal "$(row clean)" 5
	assert_equal "$(echo "$stderr" | grep 'matched no report')" "trace-clean: matched no report: 1 public Cancel, 1 public Correction (dropped; public Corrections kept as trades; --rejects lists them)"
}

@test "the public CSV: bad values name the line and the column, exit 1" {
	sed '3s/^3\/2\/2020/13\/2\/2020/' "$F/public-trade-history.csv" > d.csv
	run --separate-stderr -1 trace-clean d.csv
	assert_equal "$stderr" "trace-clean: d.csv:3: column 'Date': bad date '13/2/2020' (want M/D/YYYY)"
	sed '3s/,Cancel,/,Amended,/' "$F/public-trade-history.csv" > s.csv
	run --separate-stderr -1 trace-clean s.csv
	assert_equal "$stderr" "trace-clean: s.csv:3: column 'Status': unknown trade status 'Amended' (want T, Cancel or Correction)"
	sed '3s/2:05:10 PM/14:05:10 PM/' "$F/public-trade-history.csv" > t.csv
	run --separate-stderr -1 trace-clean t.csv
	assert_equal "$stderr" "trace-clean: t.csv:3: column 'Time': bad time '14:05:10 PM' (want HH:MM:SS or H:MM:SS AM/PM)"
	sed '3s/"250,000"/"25,00,00"/' "$F/public-trade-history.csv" > q.csv
	run --separate-stderr -1 trace-clean q.csv
	assert_equal "$stderr" "trace-clean: q.csv:3: column 'Quantity': bad quantity '25,00,00' (want a number, 5MM+ or 1MM+)"
}

@test "a missing column is named, exit 2; a screen's column only when the screen is on" {
	run --separate-stderr -2 trace-clean "$F/wrds-missing-column.tsv"
	assert_equal "$stderr" "trace-clean: $F/wrds-missing-column.tsv: missing column 'entrd_vol_qt' of the wrds layout"
	drop_col "$F/wrds-cancel.tsv" wis_fl > nowis.tsv
	run --separate-stderr -2 trace-clean nowis.tsv
	assert_equal "$stderr" "trace-clean: nowis.tsv: missing column 'wis_fl' of the wrds layout: the when-issued screen needs it (--keep-when-issued turns the screen off)"
	run --separate-stderr -0 trace-clean -q --keep-when-issued nowis.tsv
	assert_equal "$output" "$(cat "$F/wrds-cancel.expected")"
	run -2 trace-clean "$F/unknown-layout.txt"
	assert_output --partial "cannot tell the layout from the header 'a|b|c'"
	# an unknown header names the nearest layout and what it lacks
	printf 'CUSIP|Execution Date|Execution Time|Price|Quantity\n' > near.txt
	run --separate-stderr -2 trace-clean near.txt
	assert_equal "$stderr" "trace-clean: near.txt: cannot tell the layout from the header 'CUSIP|Execution Date|Execution Time|Price|Quantity' (want WRDS Enhanced or standard TRACE, FINRA, Academic TRACE or FINRA's public CSV; --format names it): nearest the finra layout, with 5 of its 13 required columns; missing 'Trade Report Date', 'Reference Number', 'Prior Reference Number', 'Prior Trade Report Date', 'Trade Status', 'As Of Indicator', 'Buy/Sell Indicator', 'Contra Party Indicator'"
	# a public CSV without its Side column
	head -n 1 "$F/public-trade-history.csv" | tr -d '\r' | sed 's/,Side,/,/' > noside.csv
	run --separate-stderr -2 trace-clean noside.csv
	assert_equal "$stderr" "trace-clean: noside.csv: missing column 'Side' of the public layout"
}

@test "empty and header-only inputs give a header-only trades.tsv" {
	for f in empty.tsv wrds-header-only.tsv finra-header-only.txt; do
		run --separate-stderr -0 trace-clean "$F/$f"
		assert_equal "$output" "$(printf 'cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless')"
		assert_equal "$(row reports)" 0
	done
	run -0 trace-clean -q < /dev/null
	assert_equal "$output" "$(printf 'cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless')"
}

@test "--rejects lists every removed report with its reason; counts match the audit" {
	sim -s 4 > raw.tsv
	run --separate-stderr -0 trace-clean --rejects rej.tsv raw.tsv
	assert_equal "$(head -1 rej.tsv | cut -f1-5)" "$(printf 'reason\tdetail\tfile\tline\tcusip_id')"
	# reasons tally to the audit rows, and rows out + rejects = rows in
	tally=$(col rej.tsv reason | sort | uniq -c | awk '{ print $2, $1 }')
	assert [ -n "$tally" ]
	while read -r kind n; do
		assert_equal "$(row "$kind")" "$n"
	done <<< "$tally"
	assert_equal "$(($(data_rows rej.tsv) + $(row clean)))" "$(row reports)"
	# a target points to the record that removed it, by file:line
	run -0 tawk '$c("reason") == "cancelled" && $c("trc_st") == "T" { print $c("detail"); exit }' rej.tsv
	assert_output --regexp '^removed by the X cancel at raw\.tsv:[0-9]+$'
	run -0 tawk '$c("reason") == "price_error" { print $c("detail"); exit }' rej.tsv
	assert_output --regexp '^decimal shift: [0-9.]+ against a median of [0-9.]+ around it$'
}

@test "--rejects - is refused; an unwritable rejects file fails before the work" {
	run -2 trace-clean --rejects - "$F/wrds-cancel.tsv"
	assert_output --partial "--rejects: '-' would mix"
	run -1 trace-clean --rejects /nonexistent/dir/rej.tsv "$F/wrds-cancel.tsv"
	assert_output --partial "/nonexistent/dir/rej.tsv"
	run -1 trace-clean --rejects rej.tsv "$F/wrds-bad-price.tsv"
	assert [ ! -e rej.tsv ]
	# no temporary file is left behind (grep finds nothing: exit 1)
	run -1 sh -c 'ls | grep tmp'
	assert_output ""
}

@test "-q silences the audit table, not the warnings" {
	run --separate-stderr -0 trace-clean -q "$F/wrds-cancel.tsv"
	assert_equal "$stderr" "trace-clean: matched no report: 1 X cancel (dropped; --rejects lists them)"
	run --separate-stderr -0 trace-clean -q "$F/wrds-genuine-jump.tsv"
	assert_equal "$stderr" ""
}

@test "fixture: riskless-principal pairs flagged, counted in the audit, collapsed with --collapse-riskless" {
	run --separate-stderr -0 trace-clean "$F/wrds-riskless.tsv"
	assert_equal "$output" "$(cat "$F/wrds-riskless.expected")"
	assert_equal "$(echo "$stderr" | grep -E '^(in|6|out) ')" "in    reports                   9   100.00
in    capped_size               2    22.22
6     riskless_pairs            2    40.00
out   clean                     9   100.00"
	# collapsed: the dealer prints of the pairs go, the customer prints
	# stay flagged 1
	run --separate-stderr -0 trace-clean --collapse-riskless --rejects rej.tsv "$F/wrds-riskless.tsv"
	assert_equal "$output" "$(grep -v $'\tD\t0\t2$' "$F/wrds-riskless.expected")"
	assert_equal "${#lines[@]}" 8
	assert_equal "$(echo "$stderr" | grep -E '^(6|out) ')" "6     riskless_pairs            2    40.00
6     riskless_leg              2    22.22
out   clean                     7    77.78"
	run -0 cols rej.tsv reason line detail
	assert_output "$(printf '%s\n' "reason	line	detail" \
		"riskless_leg	3	dealer print of a riskless-principal pair with the customer print at $F/wrds-riskless.tsv:2" \
		"riskless_leg	8	dealer print of a riskless-principal pair with the customer print at $F/wrds-riskless.tsv:6")"
}

@test "the audit table: rows in, removed per step with %, rows out" {
	run --separate-stderr -0 trace-clean "$F/finra-days/"*.txt
	assert_equal "$(echo "$stderr" | head -2)" "step  kind                   rows        %
in    reports                  11   100.00"
	assert_equal "$(echo "$stderr" | grep -E '^(1|3|out) ')" "1     cancelled                 0     0.00
1     corrected                 2    18.18
1     reversed                  2    18.18
3     dealer_buy                1     9.09
out   clean                     5    45.45"
}

@test "--max-price and --keep-price-range" {
	sim -s 1 --clean-out want.tsv > raw.tsv
	run --separate-stderr -0 trace-clean --max-price 100 raw.tsv
	n=$(tawk 'FNR > 1 && $c("price") > 100' want.tsv | wc -l)
	assert [ "$n" -gt 0 ]
	assert [ "$(row price_range)" -ge "$n" ]
	assert [ "${#lines[@]}" -gt 1 ]
	assert_equal "$(echo "$output" | tawk 'FNR > 1 && $c("price") > 100' | wc -l)" 0
	run -2 trace-clean --max-price 0 raw.tsv
	assert_output --partial "--max-price: bad value '0'"
}

@test "--bounce-pct lowers the bar of the price filter; bad values exit 2" {
	# 5% flags genuine prints of trace-sim's thin bonds; 100% only the shifts
	sim -s 1 --counts-out counts.tsv > raw.tsv
	planted=$(count price_error counts.tsv)
	assert [ "$planted" -gt 0 ]
	run --separate-stderr -0 trace-clean --bounce-pct 5 raw.tsv
	assert [ "$(row price_error)" -gt "$planted" ]
	run --separate-stderr -0 trace-clean --bounce-pct 100 raw.tsv
	assert_equal "$(row price_error)" "$planted"
	run -2 trace-clean --bounce-pct abc "$F/wrds-genuine-jump.tsv"
	assert_output --partial "--bounce-pct: bad value 'abc'"
	run -2 trace-clean --window 0 "$F/wrds-genuine-jump.tsv"
	assert_output --partial "--window: bad value '0'"
	run -2 trace-clean --bogus
	assert_output --partial "unknown option '--bogus'"
}

@test "a write error on stdout is exit 1" {
	run -1 sh -c "trace-clean -q '$F/wrds-cancel.tsv' > /dev/full"
	assert_output --partial "write error"
}

@test "a missing input file is exit 1 naming it" {
	run -1 trace-clean -q /nonexistent/raw.tsv
	assert_output "trace-clean: /nonexistent/raw.tsv: No such file or directory"
}
