#!/usr/bin/env bats
# pretrade: hand-computed costs, the inverse queries, statuses, scores,
# the posterior of impact-shrink, recalibrated intervals, and every failure
# with its exit status.

load test_helper
load impact_helper


# Bond A: impact 0.5 x 40 x (4)^0.5 = 40 bps for $4MM; cost 50 bps,
# $20,000, 40 days at 10% of $1MM a day; interval 50 - 30, 50 + 40.
@test "pretrade: a hand-computed cost through the tool; query columns pass through" {
	impact_hand > impact.tsv
	tsv "id cusip size_mm side" "q1 A 4 B" "q2 A 0.25 S" > q.tsv
	run --separate-stderr -0 pretrade --impact impact.tsv q.tsv
	assert_equal "$stderr" "pretrade: 2 queries, 2 ok, 0 not"
	assert_line --index 0 "$(printf 'id\tcusip\tsize_mm\tside\thalf_spread_bps\timpact_bps\tcost_bps\tcost_lo_bps\tcost_hi_bps\tcost_usd\texec_days\tscore\tbucket\tstatus')"
	assert_line --index 1 "$(printf 'q1\tA\t4\tB\t10\t40\t50\t20\t90\t20000\t40\tNA\tNA\tok')"
	# $250k: impact 0.5 x 40 x 0.5 = 10, cost 20, $500, 2.5 days
	assert_line --index 2 "$(printf 'q2\tA\t0.25\tS\t10\t10\t20\t-10\t60\t500\t2.5\tNA\tNA\tok')"
	run -0 pretrade -q -i impact.tsv -p 0.2 q.tsv
	assert_equal "$(first_row exec_days)" 20
}

@test "pretrade: the inverse queries round-trip" {
	impact_hand > impact.tsv
	tsv "cusip side" "A B" > q.tsv
	# cost 50 bps at $4MM
	run -0 pretrade -q -i impact.tsv --target-cost-bps 50 q.tsv
	assert_line --index 1 "$(printf 'A\tB\t4\t10\t40\t50\t20\t90\t20000\t40\tNA\tNA\tok')"
	echo "$output" | cols - cusip side size_mm > back.tsv
	run -0 pretrade -q -i impact.tsv back.tsv
	assert_equal "$(first_row size_mm cost_bps)" "4${T}50"
	# 10 days at 10% of $1MM: $1MM; both: the smaller
	run -0 pretrade -q -i impact.tsv --days 10 q.tsv
	assert_equal "$(first_row size_mm exec_days)" "$(printf '1\t10')"
	run -0 pretrade -q -i impact.tsv --days 10 --target-cost-bps 50 q.tsv
	assert_equal "$(first_row size_mm)" 1
	# an input size_mm is replaced by the answer
	tsv "cusip size_mm side" "A 99 B" > q2.tsv
	run -0 pretrade -q -i impact.tsv --target-cost-bps 50 q2.tsv
	assert_line --index 0 --regexp "^cusip${T}size_mm${T}side${T}"
	assert_equal "$(first_row cusip size_mm side)" "$(printf 'A\t4\tB')"
	# at or below the half spread: no size
	run --separate-stderr -1 pretrade -q -i impact.tsv --target-cost-bps 10 q.tsv
	assert_line --index 0 "$(printf 'cusip\tside\tsize_mm\thalf_spread_bps\timpact_bps\tcost_bps\tcost_lo_bps\tcost_hi_bps\tcost_usd\texec_days\tscore\tbucket\tstatus')"
	assert_equal "$(echo "$output" | sed -n 2p)" "$(printf 'A\tB\t0\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tbelow_half_spread')"
	assert_equal "$stderr" "pretrade: q.tsv:2: cusip 'A': a target of 10 bps is not above its half spread, 10 bps"
}

@test "pretrade: unknown cusip, bad size, bad side, no fit: rows with a status, warnings, exit 1" {
	impact_hand > impact.tsv
	tsv "cusip size_mm side" "A 1 B" "ZZZ 1 B" "A -2 S" "A abc S" "A 1 X" "N 1 B" "A 2 S" > q.tsv
	run --separate-stderr -1 pretrade -i impact.tsv q.tsv
	assert_equal "$(echo "$output" | cols - cusip size_mm side status | tail -n +2)" "$(printf 'A\t1\tB\tok\nZZZ\t1\tB\tunknown_cusip\nA\t-2\tS\tbad_size\nA\tabc\tS\tbad_size\nA\t1\tX\tbad_side\nN\t1\tB\tno_fit\nA\t2\tS\tok')"
	assert_equal "$(echo "$output" | tawk 'FNR > 1 && $c("status") != "ok" && $c("cost_bps") != "NA"' | wc -l)" 0
	assert_equal "$stderr" "pretrade: q.tsv:3: unknown cusip 'ZZZ' (not in impact.tsv)
pretrade: q.tsv:4: bad size '-2' (want \$MM of par, a positive number)
pretrade: q.tsv:5: bad size 'abc' (want \$MM of par, a positive number)
pretrade: q.tsv:6: bad side 'X' (want B or S)
pretrade: q.tsv:7: cusip 'N' has no usable parameters in impact.tsv
pretrade: 7 queries, 2 ok, 5 not"
}

@test "pretrade: --scores gives each bond's latest score and bucket" {
	impact_hand > impact.tsv
	tsv "cusip date score_pred bucket p_low p_medium p_high" \
	    "A 2024-01-09 55 Medium .2 .6 .2" "A 2024-01-10 71.5 High .1 .2 .7" \
	    "B 2024-01-11 10 Low .8 .1 .1" "A 2024-01-08 20 Low .7 .2 .1" > scores.tsv
	tsv "cusip size_mm side" "A 1 B" > q.tsv
	run -0 pretrade -q -i impact.tsv --scores scores.tsv q.tsv
	assert_equal "$(first_row score bucket)" "$(printf '71.5\tHigh')"
	drop_col scores.tsv score_pred > noscore.tsv
	run -2 pretrade -q -i impact.tsv --scores noscore.tsv q.tsv
	assert_output "pretrade: noscore.tsv: missing column 'score_pred'"
}

@test "pretrade: the posterior columns of impact-shrink are used when present" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	impact-shrink -q -b bonds.tsv raw.tsv > imp.tsv
	# the first bond with a raw fit
	k=$(tawk 'FNR > 1 && $c("alpha") != "NA" { print $c("cusip"); exit }' raw.tsv)
	assert [ -n "$k" ]
	tsv "cusip size_mm side" "$k 1 B" > q.tsv
	run -0 pretrade -q -i imp.tsv q.tsv
	# cost = h_post + alpha_post sigma_post (1e6 / ADV)^beta_post
	want=$(tawk -v k="$k" 'FNR > 1 && $c("cusip") == k {
		printf "%.6f", $c("half_spread_post_bps") + $c("alpha_post") * $c("sigma_post_bps") * (1e6 / $c("adv_usd")) ^ $c("beta_post") }' imp.tsv)
	assert [ -n "$want" ]
	assert_equal "$(printf '%.6f' "$(first_row cost_bps)")" "$want"
	# and with the raw table, the raw fit
	run -0 pretrade -q -i raw.tsv q.tsv
	want=$(tawk -v k="$k" 'FNR > 1 && $c("cusip") == k {
		printf "%.6f", $c("half_spread_bps") + $c("alpha") * $c("sigma_bps") * (1e6 / $c("adv_usd")) ^ $c("beta") }' raw.tsv)
	assert [ -n "$want" ]
	assert_equal "$(printf '%.6f' "$(first_row cost_bps)")" "$want"
}

# prints.tsv for bond A at $4MM (expected cost 50, interval 20..90): 101
# prints on 2021-01-15 whose realized costs fall i/64 half-widths from 50
# (i = 1..101, above for odd i, below for even), so that the 90th
# percentile is 91/64; five far older ones, one without a cost, bonds
# without a fit or unknown: all outside the window or skipped
prints_hand() {
	printf 'cusip\tdate\ttime\tqty\tside\tprice\tref_price\tref_sd_bps\tcost_bps\n'
	awk 'BEGIN { OFS = "\t"
		for (i = 1; i <= 5; i++) print "A", "2020-11-02", "10:00:00", 4000000, "B", 100, 100, 5, 900
		for (i = 1; i <= 101; i++)
			print "A", "2021-01-15", "10:00:00", 4000000, "B", 100, 100, 5,
			      i % 2 ? 50 + 40 * i / 64 : 50 - 30 * i / 64
		print "A", "2021-01-15", "11:00:00", 4000000, "B", 100, "NA", "NA", "NA"
		print "N", "2021-01-15", "10:00:00", 1000000, "B", 100, 100, 5, 999
		print "ZZZ", "2021-01-15", "10:00:00", 1000000, "B", 100, 100, 5, 999 }'
}

@test "pretrade --recalibrate: the interval's width from recent prints, by hand" {
	impact_hand > impact.tsv
	prints_hand > prints.tsv
	tsv "cusip size_mm side" "A 4 B" > q.tsv
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate prints.tsv q.tsv
	# k = 91/64: 50 - 30 k and 50 + 40 k; the expected cost unchanged
	assert_equal "$(first_row cost_bps cost_lo_bps cost_hi_bps)" "$(printf '50\t7.34375\t106.875')"
	assert_equal "$stderr" "pretrade: interval widths x 1.422: 90% of the 101 prints from 2020-12-17 to 2021-01-15 in prints.tsv fall within
pretrade: 1 queries, 1 ok, 0 not"
	# a window with the five old prints only: too few, the intervals as fitted
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate prints.tsv --as-of 2020-12-01 q.tsv
	assert_equal "$(first_row cost_bps cost_lo_bps cost_hi_bps)" "$(printf '50\t20\t90')"
	assert_equal "$(echo "$stderr" | head -1)" "pretrade: prints.tsv: 5 prints with a cost from 2020-11-02 to 2020-12-01, fewer than 100: the intervals are not recalibrated"
	# a longer window takes the old prints in: 106 prints, k still 91/64 or more
	run -0 pretrade -q -i impact.tsv --recalibrate prints.tsv --lookback 90 q.tsv
	assert_equal "$(first_row cost_bps)" 50
	assert [ "$(first_row cost_lo_bps | awk '{ print ($1 <= 7.34375) }')" = 1 ]
	# 9,000 prints over 2021, six times (as six bonds would be, each running
	# to the end of the file's dates; 4,500 prints a month, more than are
	# kept before the first pruning): only the last 30 days count, with or
	# without --as-of (without it, the prints that fall out of the window of
	# the latest date so far are dropped as the file is read)
	awk 'BEGIN { OFS = "\t"; print "cusip", "date", "time", "qty", "side", "price", "ref_price", "ref_sd_bps", "cost_bps"
		for (r = 0; r < 6; r++)
		for (i = 0; i < 9000; i++)
			printf "A\t2021-%02d-%02d\t10:00:00\t4000000\tB\t100\t100\t5\t%.6g\n",
			       1 + int(i / 750), 1 + int((i % 750) / 27), 50 + (i % 2 ? 40 : -30) * ((i * 37) % 101) / (20 + int(i / 750)) }' > many.tsv
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate many.tsv q.tsv
	a=$output
	ka=$(echo "$stderr" | head -1)
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate many.tsv --as-of 2021-12-28 q.tsv
	assert_equal "$output" "$a"
	assert_equal "$(echo "$stderr" | head -1)" "$ka"
	# December's ratios are ((i * 37) % 101) / 31, i = 8250..8999, six times;
	# their 90th percentile (interpolated at 0.9 (n - 1)), by awk and sort
	k=$(awk 'BEGIN { for (r = 0; r < 6; r++) for (i = 8250; i < 9000; i++) print ((i * 37) % 101) / 31 }' | sort -g |
		awk '{ v[NR - 1] = $1 } END { x = 0.9 * (NR - 1); l = int(x); printf "%.3f", v[l] + (x - l) * (v[l + 1] - v[l]) }')
	assert_equal "$k" 2.903
	assert_equal "$ka" "pretrade: interval widths x $k: 90% of the 4500 prints from 2021-11-29 to 2021-12-28 in many.tsv fall within"
	# --as-of in the middle of the file: the same as the file cut there
	awk -F'\t' 'NR == 1 || $2 <= "2021-06-28"' many.tsv > half.tsv
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate half.tsv q.tsv
	a=$output
	ka=$(echo "$stderr" | head -1 | sed 's/half.tsv/many.tsv/')
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate many.tsv --as-of 2021-06-28 q.tsv
	assert_equal "$output" "$a"
	assert_equal "$(echo "$stderr" | head -1)" "$ka"
	assert_equal "$(echo "$ka" | cut -d' ' -f9-14)" "4500 prints from 2021-05-30 to 2021-06-28"
	# the inverse queries keep their sizes: the expected cost does not move
	tsv "cusip side" "A B" > qi.tsv
	run -0 pretrade -q -i impact.tsv --recalibrate prints.tsv --target-cost-bps 50 qi.tsv
	assert_equal "$(first_row size_mm cost_bps cost_lo_bps cost_hi_bps)" "$(printf '4\t50\t7.34375\t106.875')"
}

@test "pretrade --recalibrate: bad prints and options exit 1 or 2 with the reason" {
	impact_hand > impact.tsv
	tsv "cusip size_mm side" "A 4 B" > q.tsv
	prints_hand | cut -f1-8 > nocost.tsv
	run -2 pretrade -i impact.tsv --recalibrate nocost.tsv q.tsv
	assert_output "pretrade: nocost.tsv: missing column 'cost_bps'"
	prints_hand | sed '8s/\t4000000\t/\t4e6x\t/' > badqty.tsv
	run -1 pretrade -i impact.tsv --recalibrate badqty.tsv q.tsv
	assert_output --partial "pretrade: badqty.tsv:8: column 'qty': bad number '4e6x'"
	prints_hand | sed '9s/\t-4000000\t/\t0\t/; 9s/\t4000000\t/\t0\t/' > zeroqty.tsv
	run -1 pretrade -i impact.tsv --recalibrate zeroqty.tsv q.tsv
	assert_output --partial "pretrade: zeroqty.tsv:9: column 'qty': bad value '0' (want a positive par amount)"
	prints_hand | sed '10s/2021-01-15/2021-13-15/' > baddate.tsv
	run -1 pretrade -i impact.tsv --recalibrate baddate.tsv q.tsv
	assert_output --partial "pretrade: baddate.tsv:10:"
	assert_output --partial "2021-13-15"
	: > empty.tsv
	run -1 pretrade -i impact.tsv --recalibrate empty.tsv q.tsv
	assert_output "pretrade: empty.tsv: empty file (want impact-fit's --prints-out)"
	run -1 pretrade -i impact.tsv --recalibrate nosuch.tsv q.tsv
	assert_output --partial "nosuch.tsv"
	run -2 pretrade -i impact.tsv --as-of 2021-01-15 q.tsv
	assert_output --partial "--as-of and --lookback go with --recalibrate"
	run -2 pretrade -i impact.tsv --recalibrate prints.tsv --as-of 2021-02-30 q.tsv
	assert_output --partial "--as-of: bad"
	run -2 pretrade -i impact.tsv --recalibrate prints.tsv --lookback 0 q.tsv
	assert_output --partial "--lookback: bad value '0'"
}

@test "pretrade: empty and header-only queries; missing columns; bad tables; options" {
	impact_hand > impact.tsv
	run -0 sh -c "pretrade -q -i impact.tsv < /dev/null"
	assert_output "$(printf 'cusip\tsize_mm\tside\thalf_spread_bps\timpact_bps\tcost_bps\tcost_lo_bps\tcost_hi_bps\tcost_usd\texec_days\tscore\tbucket\tstatus')"
	printf 'cusip\tsize_mm\tside\n' > h.tsv
	run -0 pretrade -q -i impact.tsv h.tsv
	assert_output "$(printf 'cusip\tsize_mm\tside\thalf_spread_bps\timpact_bps\tcost_bps\tcost_lo_bps\tcost_hi_bps\tcost_usd\texec_days\tscore\tbucket\tstatus')"
	tsv "cusip size_mm" "A 1" > noside.tsv
	run -2 pretrade -i impact.tsv noside.tsv
	assert_output "pretrade: noside.tsv: missing column 'side'"
	tsv "cusip side" "A B" > nosize.tsv
	run -2 pretrade -i impact.tsv nosize.tsv
	assert_output "pretrade: nosize.tsv: missing column 'size_mm'"
	tsv "cusip size_mm side" "A 1 B" | sed 's/$/\r/' > crlf.tsv
	run -1 pretrade -i impact.tsv crlf.tsv
	assert_output --partial "pretrade: crlf.tsv:1: CRLF line end"
	tsv "cusip size_mm side" "A 1 B" > q.tsv
	impact_hand | sed '2s/\t0\.5\t/\t0.5x\t/' > badnum.tsv
	run --separate-stderr -1 pretrade -i badnum.tsv q.tsv
	assert_equal "$stderr" "pretrade: badnum.tsv:2: column 'alpha': bad number '0.5x'"
	impact_hand > full.tsv
	drop_col full.tsv adv_usd > noadv.tsv
	run -2 pretrade -i noadv.tsv q.tsv
	assert_output "pretrade: noadv.tsv: missing column 'adv_usd'"
	: > empty.tsv
	run -1 pretrade -i empty.tsv q.tsv
	assert_output "pretrade: empty.tsv: empty file (want a header line)"
	run -1 sh -c "pretrade -q -i impact.tsv q.tsv > /dev/full"
	assert_output --partial "pretrade: write error"
	run -2 pretrade q.tsv
	assert_output --partial "pretrade: --impact is required"
	run -2 pretrade -i impact.tsv --participation 0 q.tsv
	assert_output --partial "--participation: bad value '0'"
	run -2 pretrade -i impact.tsv --days -1 q.tsv
	assert_output --partial "--days: bad value '-1'"
	run -2 pretrade -i impact.tsv --target-cost-bps x q.tsv
	assert_output --partial "--target-cost-bps: bad value 'x'"
}


@test "pretrade: --help shows real pipelines; -V the version" {
	run -0 pretrade --help
	assert_output --partial "Usage: pretrade "
	assert_output --partial "Examples:"
	run -0 pretrade -V
	assert_output "pretrade (liq) 0.1.0"
}

@test "pretrade --bonds: a size above the amount outstanding is bad_size, not a price" {
	f="$FIX/liqserve"
	printf 'cusip\tsize_mm\tside\nAAA000001\t1\tB\nAAA000001\t501\tS\nCCC000003\t1\tB\n' > q.tsv
	run --separate-stderr -1 pretrade -q -i "$f/impact.tsv" -b "$f/bonds.tsv" q.tsv
	assert_equal "$(printf '%s\n' "$output" | cols - cusip size_mm status | tail -n +2 | tr '\t\n' ' ;')" \
		"AAA000001 1 ok;AAA000001 501 bad_size;CCC000003 1 no_fit;"
	assert_equal "$(printf '%s\n' "$output" | tawk 'FNR > 1 && $c("status") == "bad_size" { print $c("cost_bps") }')" NA
	assert_equal "${stderr_lines[0]}" "pretrade: q.tsv:3: bad size '501' (more than the bond's amount outstanding, \$500 MM)"
	# without --bonds the size is priced
	run --separate-stderr -1 pretrade -q -i "$f/impact.tsv" q.tsv
	assert_equal "$(printf '%s\n' "$output" | cols - status | tail -n +2 | tr '\n' ' ')" "ok ok no_fit "
	# a bad bonds.tsv is refused before any query
	printf 'cusip\tissuer\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\nAAA000001\tX\tbank\tAA\t3\t2030-01-01\t2020-01-01\tlots\n' > bad.tsv
	run --separate-stderr -1 pretrade -q -i "$f/impact.tsv" -b bad.tsv q.tsv
	assert_equal "$stderr" "pretrade: bad.tsv:2: column 'amount_out': bad number 'lots'"
	assert_equal "$output" ""
}
