#!/usr/bin/env bats
# impact-fit, impact-shrink, pretrade: hand-computed costs through the
# tools, the pipeline's mechanics, and every failure with its exit status.

load test_helper

T=$(printf '\t')
M="$FIX/measures"

trades() { # trades ROW...: a trades.tsv from rows "cusip date time price qty side"
	printf 'cusip\tdate\ttime\tprice\tqty\tside\n'
	for r in "$@"; do printf '%s\n' "$r" | tr ' ' '\t'; done
}

tsv() { # tsv ROW...: rows with fields separated by spaces
	for r in "$@"; do printf '%s\n' "$r" | tr ' ' '\t'; done
}

# A hand-made impact table: bond A (h 10, alpha .5, beta .5, sigma 40,
# ADV $1MM, residual quantiles -30 / +40, no parameter uncertainty),
# bond N without a fit.
impact_hand() {
	tsv "cusip n alpha beta se_log_alpha se_beta sigma_bps adv_usd half_spread_bps resid_lo_bps resid_hi_bps" \
	    "A 300 0.5 0.5 0 0 40 1000000 10 -30 40" \
	    "N 3 NA NA NA NA 55 20000 NA NA NA"
}

sim() { # a small universe: trades.tsv and bonds.tsv
	trace-sim -q -n 40 --end 2020-12-31 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null
}

@test "impact-fit: empty and header-only input give the header; columns as documented" {
	run -0 impact-fit -q "$M/empty.tsv"
	assert_output "$(printf 'cusip\tn\talpha\tbeta\tse_log_alpha\tse_beta\tr2\tsigma_bps\tadv_usd\thalf_spread_bps\tse_half_spread_bps\tcov_log_alpha_beta\tcov_h_log_alpha\tcov_h_beta\tresid_lo_bps\tresid_hi_bps\tresid_sd_bps\tmean_cost_bps\tse_mean_cost_bps\tlogx_k0\tlogx_k1\tlogx_k2\tse_log_sigma\tprints\tmethod')"
	run -0 impact-fit -q "$M/header-only.tsv"
	assert_equal "$(echo "$output" | wc -l)" 1
	run -0 sh -c 'impact-fit -q < /dev/null'
	assert_equal "$(echo "$output" | wc -l)" 1
}

@test "impact-fit: --help, the man page and the header written list the same columns" {
	run -0 impact-fit -q "$M/empty.tsv"
	written=$(printf '%s\n' "$output" | tr '\t' '\n')
	[ "$(printf '%s\n' "$written" | wc -l)" -eq 25 ] || fail "not 25 columns: $written"
	# --help: one line per column after the list's title, up to a blank line
	run -0 impact-fit --help
	help=$(printf '%s\n' "$output" | awk '/^Output columns/ { on = 1; next }
		on && /^$/ { exit } on { print $1 }')
	assert_equal "$help" "$written"
	# impact-fit(1): the names in .B and .BR lines of OUTPUT COLUMNS,
	# up to the paragraph on --prints-out
	man=$(awk '/^\.SH OUTPUT COLUMNS/ { on = 1; next } on && /^\.(SH|PP)/ { exit }
		on && /^\.BR? / { gsub(/"[^"]*"/, " "); for (i = 2; i <= NF; i++) print $i }' \
		"$LIQ_ROOT/man/man1/impact-fit.1")
	assert_equal "$man" "$written"
}

@test "impact-fit: a bond, its prints and their reference; what --through keeps" {
	sim
	run --separate-stderr -0 impact-fit --through 2020-06-30 --prints-out p.tsv trades.tsv
	assert_regex "$stderr" '^impact-fit: [0-9]+ trades, [0-9]+ bonds: [0-9]+ fitted \(nls\), [0-9]+ without a fit; [0-9]+ customer prints, [0-9]+ with a reference$'
	echo "$output" > fit.tsv
	# one row per bond with a trade up to the date, in cusip order
	want=$(awk -F'\t' 'NR > 1 && $2 <= "2020-06-30" { print $1 }' trades.tsv | uniq)
	assert_equal "$(tail -n +2 fit.tsv | cut -f1)" "$want"
	# every customer trade of every date is in --prints-out, in order
	assert_equal "$(tail -n +2 p.tsv | cut -f1-3)" "$(awk -F'\t' 'NR > 1 && $6 != "D"' trades.tsv | cut -f1-3)"
	assert_equal "$(head -1 p.tsv)" "$(printf 'cusip\tdate\ttime\tqty\tside\tprice\tref_price\tref_sd_bps\tcost_bps')"
	# cost = s (P - ref) / ref x 1e4 (to the printed digits), NA without
	# a reference
	run -0 awk -F'\t' 'NR > 1 { if ($7 == "NA") { if ($9 != "NA") bad++; next }
		s = $5 == "B" ? 1 : -1; c = s * ($6 - $7) / $7 * 1e4; d = c - $9
		if (d > 1e-4 || d < -1e-4) bad++; n++ }
		END { print bad + 0, (n > 1000) }' p.tsv
	assert_output "0 1"
	# the fitted bonds have finite parameters, volatility and volume
	run -0 awk -F'\t' 'NR > 1 && $3 != "NA" && !($3 > 0 && $4 > 0 && $8 > 0 && $9 > 0) { bad++ } END { print bad + 0 }' fit.tsv
	assert_output 0
}

@test "impact-fit: deterministic; several files read as one stream; extra columns ignored" {
	sim
	impact-fit -q trades.tsv > a.tsv
	impact-fit -q trades.tsv > b.tsv
	run -0 cmp a.tsv b.tsv
	head -1 trades.tsv > x.tsv; head -1 trades.tsv > y.tsv
	tail -n +2 trades.tsv | awk -F'\t' '{ print >> ($1 < "5" ? "x.tsv" : "y.tsv") }'
	assert_equal "$(impact-fit -q x.tsv y.tsv)" "$(cat a.tsv)"
	awk -F'\t' -v OFS='\t' '{ print "x" NR, $6, $5, $4, $3, $2, $1 }' trades.tsv | sed '1s/^x1/extra/' > shuffled.tsv
	assert_equal "$(impact-fit -q shuffled.tsv)" "$(cat a.tsv)"
	# loglin: its own method, no spread
	run -0 impact-fit -q --method loglin trades.tsv
	assert_equal "$(echo "$output" | awk -F'\t' 'NR > 1 && $3 != "NA" { print $10, $25 }' | sort -u)" "0 loglin"
}

@test "impact-fit: --min-prints leaves thin bonds without a fit but with their volume" {
	sim
	run -0 impact-fit -q --min-prints 100000 trades.tsv
	assert_equal "$(echo "$output" | awk -F'\t' 'NR > 1 && $3 != "NA"' | wc -l)" 0
	assert_equal "$(echo "$output" | awk -F'\t' 'NR > 1 && $9 == "NA"' | wc -l)" 0
}

@test "impact-fit: unsorted input, a missing column, CRLF, bad values" {
	trades "B 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 100 1000000 B" > u.tsv
	run -1 impact-fit u.tsv
	assert_output --partial "impact-fit: u.tsv:3: input is not sorted by cusip, date, time (cusip goes back)"
	assert_output --partial "LC_ALL=C sort"
	trades "A 2024-01-08 10:00:00 100 1000000 B" | cut -f1-4,6 > noqty.tsv
	run -2 impact-fit noqty.tsv
	assert_output "impact-fit: noqty.tsv: missing column 'qty'"
	trades "A 2024-01-08 10:00:00 100 1000000 B" | sed 's/$/\r/' > crlf.tsv
	run -1 impact-fit crlf.tsv
	assert_output --partial "impact-fit: crlf.tsv:1: CRLF line end"
	trades "A 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 1O1 1000000 B" > p.tsv
	run --separate-stderr -1 impact-fit p.tsv
	assert_equal "$stderr" "impact-fit: p.tsv:3: column 'price': bad number '1O1'"
	trades "A 2024-01-08 10:00:00 100 1000 X" > s.tsv
	run --separate-stderr -1 impact-fit s.tsv
	assert_equal "$stderr" "impact-fit: s.tsv:2: column 'side': bad side 'X' (want B, S or D)"
}

@test "impact-fit: bad options exit 2; write errors exit 1" {
	run -2 impact-fit --method linear
	assert_output --partial "impact-fit: --method: bad value 'linear' (want nls or loglin)"
	run -2 impact-fit --min-prints 3
	assert_output --partial "--min-prints: bad value '3'"
	run -2 impact-fit --through 2024-02-30
	assert_output --partial "--through: bad date '2024-02-30'"
	run -2 impact-fit --bogus
	assert_output --partial "unrecognized option"
	run -1 sh -c "impact-fit -q '$M/gap.tsv' > /dev/full"
	assert_output --partial "impact-fit: write error"
	run -1 impact-fit -q --prints-out /dev/full "$M/gap.tsv"
	assert_output --partial "/dev/full: write error"
	run -1 impact-fit -q --prints-out /nonexistent/p.tsv "$M/gap.tsv"
	assert_output --partial "/nonexistent/p.tsv"
}

@test "impact-shrink: the pipeline; posterior columns, sources and weights" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	run --separate-stderr -0 impact-shrink --bonds bonds.tsv raw.tsv
	assert_regex "$stderr" '^impact-shrink: 40 bonds: [0-9]+ cusip, [0-9]+ shrunk, [0-9]+ prior, 0 without parameters; [0-9]+ priors$'
	echo "$output" > imp.tsv
	# the input passes through; the posterior columns follow
	assert_equal "$(cut -f1-25 imp.tsv)" "$(cat raw.tsv)"
	assert_equal "$(head -1 imp.tsv | cut -f26-)" "$(printf 'alpha_post\tbeta_post\tweight\tsource\thalf_spread_post_bps\tsigma_post_bps\tse_half_spread_post_bps\tse_log_alpha_post\tse_beta_post\tcov_log_alpha_beta_post\tcov_h_log_alpha_post\tcov_h_beta_post\tresid_lo_post_bps\tresid_hi_post_bps\tprior')"
	# every bond has a posterior; weight in [0, 1]; source by weight;
	# no usable fit, weight 0, source prior
	run -0 awk -F'\t' 'NR > 1 { if (!($26 > 0 && $27 > 0 && $30 >= 0 && $31 > 0 && $28 >= 0 && $28 <= 1)) bad++
		if ($3 == "NA" && ($29 != "prior" || $28 != 0)) bad++
		if ($3 != "NA" && $29 == "cusip" && $28 < 0.5) bad++
		if ($29 == "shrunk" && $28 >= 0.5) bad++ } END { print bad + 0 }' imp.tsv
	assert_output 0
	# header-only and empty input
	run -0 sh -c "head -1 raw.tsv | impact-shrink -q -b bonds.tsv"
	assert_equal "$output" "$(head -1 imp.tsv)"
	run -0 sh -c "impact-shrink -q -b bonds.tsv < /dev/null"
	assert_equal "$output" "$(head -1 imp.tsv)"
}

@test "impact-shrink: a bond missing from bonds.tsv takes the universe's prior, with a warning" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	head -1 bonds.tsv > b1.tsv
	tail -n +3 bonds.tsv >> b1.tsv
	run --separate-stderr -0 impact-shrink -b b1.tsv raw.tsv
	assert_equal "$(echo "$stderr" | head -1)" "impact-shrink: 1 bonds not in b1.tsv: universe prior"
	first=$(sed -n 2p bonds.tsv | cut -f1)
	assert_equal "$(echo "$output" | awk -F'\t' -v c="$first" '$1 == c { print $40 }')" "all"
}

@test "impact-shrink: failures exit 1 or 2 with the reason" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	run -2 impact-shrink raw.tsv
	assert_output --partial "impact-shrink: --bonds is required"
	cut -f1,2,4- raw.tsv > noalpha.tsv
	run -2 impact-shrink -b bonds.tsv noalpha.tsv
	assert_output "impact-shrink: noalpha.tsv: missing column 'alpha'"
	cut -f1,3- raw.tsv > non.tsv
	run -2 impact-shrink -b bonds.tsv non.tsv
	assert_output "impact-shrink: non.tsv: missing column 'n'"
	cut -f1,2,4- bonds.tsv > nosector.tsv
	run -2 impact-shrink -b nosector.tsv raw.tsv
	assert_output "impact-shrink: nosector.tsv: missing column 'sector'"
	awk -F'\t' -v OFS='\t' 'NR == 3 { $3 = "1,5" } { print }' raw.tsv > badnum.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv badnum.tsv
	assert_equal "$stderr" "impact-shrink: badnum.tsv:3: column 'alpha': bad number '1,5'"
	(cat raw.tsv; sed -n 2p raw.tsv) > dup.tsv
	run -1 impact-shrink -b bonds.tsv dup.tsv
	assert_output --partial "cusip '$(sed -n 2p raw.tsv | cut -f1)' appears twice"
	sed 's/$/\r/' raw.tsv > crlf.tsv
	run -1 impact-shrink -b bonds.tsv crlf.tsv
	assert_output --partial "crlf.tsv:1: CRLF line end"
	run -1 sh -c "impact-shrink -q -b bonds.tsv raw.tsv > /dev/full"
	assert_output --partial "impact-shrink: write error"
	run -2 impact-shrink -b bonds.tsv --trim 0.6 raw.tsv
	assert_output --partial "--trim: bad value '0.6'"
	run -2 impact-shrink -b bonds.tsv --min-group 1 raw.tsv
	assert_output --partial "--min-group: bad value '1'"
}

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
	assert_equal "$(echo "$output" | sed -n 2p | cut -f11)" 20
}

@test "pretrade: the inverse queries round-trip" {
	impact_hand > impact.tsv
	tsv "cusip side" "A B" > q.tsv
	# cost 50 bps at $4MM
	run -0 pretrade -q -i impact.tsv --target-cost-bps 50 q.tsv
	assert_line --index 1 "$(printf 'A\tB\t4\t10\t40\t50\t20\t90\t20000\t40\tNA\tNA\tok')"
	echo "$output" | cut -f1-3 > back.tsv
	run -0 pretrade -q -i impact.tsv back.tsv
	assert_equal "$(echo "$output" | sed -n 2p | cut -f6)" 50
	# 10 days at 10% of $1MM: $1MM; both: the smaller
	run -0 pretrade -q -i impact.tsv --days 10 q.tsv
	assert_equal "$(echo "$output" | sed -n 2p | cut -f3,10)" "$(printf '1\t10')"
	run -0 pretrade -q -i impact.tsv --days 10 --target-cost-bps 50 q.tsv
	assert_equal "$(echo "$output" | sed -n 2p | cut -f3)" 1
	# an input size_mm is replaced by the answer
	tsv "cusip size_mm side" "A 99 B" > q2.tsv
	run -0 pretrade -q -i impact.tsv --target-cost-bps 50 q2.tsv
	assert_equal "$(echo "$output" | sed -n 2p | cut -f1-3)" "$(printf 'A\t4\tB')"
	# at or below the half spread: no size
	run --separate-stderr -1 pretrade -q -i impact.tsv --target-cost-bps 10 q.tsv
	assert_equal "$(echo "$output" | sed -n 2p)" "$(printf 'A\tB\t0\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tbelow_half_spread')"
	assert_equal "$stderr" "pretrade: q.tsv:2: cusip 'A': a target of 10 bps is not above its half spread, 10 bps"
}

@test "pretrade: unknown cusip, bad size, bad side, no fit: rows with a status, warnings, exit 1" {
	impact_hand > impact.tsv
	tsv "cusip size_mm side" "A 1 B" "ZZZ 1 B" "A -2 S" "A abc S" "A 1 X" "N 1 B" "A 2 S" > q.tsv
	run --separate-stderr -1 pretrade -i impact.tsv q.tsv
	assert_equal "$(echo "$output" | cut -f1-3,13 | tail -n +2)" "$(printf 'A\t1\tB\tok\nZZZ\t1\tB\tunknown_cusip\nA\t-2\tS\tbad_size\nA\tabc\tS\tbad_size\nA\t1\tX\tbad_side\nN\t1\tB\tno_fit\nA\t2\tS\tok')"
	assert_equal "$(echo "$output" | awk -F'\t' '$13 != "ok" && $13 != "status" && $6 != "NA"' | wc -l)" 0
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
	assert_equal "$(echo "$output" | sed -n 2p | cut -f11,12)" "$(printf '71.5\tHigh')"
	cut -f1,2,4 scores.tsv > noscore.tsv
	run -2 pretrade -q -i impact.tsv --scores noscore.tsv q.tsv
	assert_output "pretrade: noscore.tsv: missing column 'score_pred'"
}

@test "pretrade: the posterior columns of impact-shrink are used when present" {
	sim
	impact-fit -q trades.tsv | impact-shrink -q -b bonds.tsv > imp.tsv
	c=$(sed -n 2p imp.tsv | cut -f1)
	tsv "cusip size_mm side" "$c 1 B" > q.tsv
	run -0 pretrade -q -i imp.tsv q.tsv
	# cost = h_post + alpha_post sigma_post (1e6 / ADV)^beta_post
	want=$(awk -F'\t' -v c="$c" '$1 == c { printf "%.6f", $30 + $26 * $31 * (1e6 / $9) ^ $27 }' imp.tsv)
	got=$(echo "$output" | sed -n 2p | awk -F'\t' '{ printf "%.6f", $6 }')
	assert_equal "$got" "$want"
	# and with the raw table, the raw fit
	run -0 pretrade -q -i <(cut -f1-25 imp.tsv) q.tsv
	want=$(awk -F'\t' -v c="$c" '$1 == c { printf "%.6f", $10 + $3 * $8 * (1e6 / $9) ^ $4 }' imp.tsv)
	assert_equal "$(echo "$output" | sed -n 2p | awk -F'\t' '{ printf "%.6f", $6 }')" "$want"
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
	assert_equal "$(echo "$output" | sed -n 2p | cut -f6-8)" "$(printf '50\t7.34375\t106.875')"
	assert_equal "$stderr" "pretrade: interval widths x 1.422: 90% of the 101 prints from 2020-12-17 to 2021-01-15 in prints.tsv fall within
pretrade: 1 queries, 1 ok, 0 not"
	# a window with the five old prints only: too few, the intervals as fitted
	run --separate-stderr -0 pretrade -i impact.tsv --recalibrate prints.tsv --as-of 2020-12-01 q.tsv
	assert_equal "$(echo "$output" | sed -n 2p | cut -f6-8)" "$(printf '50\t20\t90')"
	assert_equal "$(echo "$stderr" | head -1)" "pretrade: prints.tsv: 5 prints with a cost from 2020-11-02 to 2020-12-01, fewer than 100: the intervals are not recalibrated"
	# a longer window takes the old prints in: 106 prints, k still 91/64 or more
	run -0 pretrade -q -i impact.tsv --recalibrate prints.tsv --lookback 90 q.tsv
	assert_equal "$(echo "$output" | sed -n 2p | cut -f6)" 50
	assert [ "$(echo "$output" | sed -n 2p | cut -f7 | awk '{ print ($1 <= 7.34375) }')" = 1 ]
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
	assert_equal "$(echo "$output" | sed -n 2p | cut -f3,6-8)" "$(printf '4\t50\t7.34375\t106.875')"
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
	impact_hand | cut -f1-7,9- > noadv.tsv
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

@test "--help shows real pipelines; -V the version" {
	for t in impact-fit impact-shrink pretrade; do
		run -0 $t --help
		assert_output --partial "Usage: $t "
		assert_output --partial "Examples:"
		run -0 $t -V
		assert_output "$t (liq) 0.1.0"
	done
}
