#!/usr/bin/env bats
# impact-fit: its columns, its prints and their reference, --through,
# --method and --min-prints, and every failure with its exit status.

load test_helper
load impact_helper

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
	want=$(tawk 'FNR > 1 && $c("date") <= "2020-06-30" { print $c("cusip") }' trades.tsv | uniq)
	assert [ -n "$want" ]
	assert_equal "$(col fit.tsv cusip)" "$want"
	# every customer trade of every date is in --prints-out, in order
	tawk 'FNR == 1 || $c("side") != "D"' trades.tsv > cust.tsv
	assert [ "$(data_rows cust.tsv)" -gt 1000 ]
	assert_equal "$(cols p.tsv cusip date time)" "$(cols cust.tsv cusip date time)"
	assert_equal "$(head -1 p.tsv)" "$(printf 'cusip\tdate\ttime\tqty\tside\tprice\tref_price\tref_sd_bps\tcost_bps')"
	# cost = s (P - ref) / ref x 1e4 (to the printed digits), NA without
	# a reference
	run -0 tawk 'FNR > 1 { r = $c("ref_price"); k = $c("cost_bps")
		if (r == "NA") { if (k != "NA") bad++; next }
		s = $c("side") == "B" ? 1 : -1; d = s * ($c("price") - r) / r * 1e4 - k
		if (d > 1e-4 || d < -1e-4) bad++; n++ }
		END { print bad + 0 " " (n > 1000) }' p.tsv
	assert_output "0 1"
	# the fitted bonds have finite parameters, volatility and volume
	run -0 tawk 'FNR > 1 && $c("alpha") != "NA" { n++
		if (!($c("alpha") > 0 && $c("beta") > 0 && $c("sigma_bps") > 0 && $c("adv_usd") > 0)) bad++ }
		END { print bad + 0 " " (n > 0) }' fit.tsv
	assert_output "0 1"
}

@test "impact-fit: deterministic; several files read as one stream; extra columns ignored" {
	sim
	impact-fit -q trades.tsv > a.tsv
	impact-fit -q trades.tsv > b.tsv
	# one row per bond that trades (some of the 40 stay dormant)
	nb=$(col trades.tsv cusip | sort -u | wc -l)
	assert [ "$nb" -ge 30 ]
	assert [ "$(data_rows a.tsv)" -eq "$nb" ]
	run -0 cmp a.tsv b.tsv
	# the first ten bonds in one file, the rest in the other
	head -1 trades.tsv > x.tsv; head -1 trades.tsv > y.tsv
	tawk 'FNR > 1 { k = $c("cusip"); if (!(k in seen)) { seen[k] = 1; n++ }
		print >> (n <= 10 ? "x.tsv" : "y.tsv") }' trades.tsv
	assert [ "$(data_rows x.tsv)" -gt 0 ]
	assert [ "$(data_rows y.tsv)" -gt 0 ]
	assert_equal "$(impact-fit -q x.tsv y.tsv)" "$(cat a.tsv)"
	awk -F'\t' -v OFS='\t' '{ print "x" NR, $6, $5, $4, $3, $2, $1 }' trades.tsv | sed '1s/^x1/extra/' > shuffled.tsv
	assert_equal "$(impact-fit -q shuffled.tsv)" "$(cat a.tsv)"
	# loglin: its own method, no spread
	run -0 impact-fit -q --method loglin trades.tsv
	assert_equal "$(echo "$output" | tawk 'FNR > 1 && $c("alpha") != "NA" { print $c("half_spread_bps"), $c("method") }' | sort -u)" "0${T}loglin"
}

@test "impact-fit: --min-prints leaves thin bonds without a fit but with their volume" {
	sim
	run -0 impact-fit -q --min-prints 100000 trades.tsv
	echo "$output" > thin.tsv
	assert_equal "$(data_rows thin.tsv)" "$(col trades.tsv cusip | sort -u | wc -l)"
	assert_equal "$(col thin.tsv alpha | sort -u)" NA
	assert_equal "$(col thin.tsv adv_usd | grep -c '^NA$')" 0
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
	assert_output --partial "unknown option '--bogus'"
	run -1 sh -c "impact-fit -q '$M/gap.tsv' > /dev/full"
	assert_output --partial "impact-fit: write error"
	run -1 impact-fit -q --prints-out /dev/full "$M/gap.tsv"
	assert_output --partial "/dev/full: write error"
	run -1 impact-fit -q --prints-out /nonexistent/p.tsv "$M/gap.tsv"
	assert_output --partial "/nonexistent/p.tsv"
}

@test "impact-fit: --help shows real pipelines; -V the version" {
	run -0 impact-fit --help
	assert_output --partial "Usage: impact-fit "
	assert_output --partial "Examples:"
	run -0 impact-fit -V
	assert_output "impact-fit (liq) 0.1.0"
}

@test "impact-fit: capped prints stay out of the size fit and are counted" {
	sim
	# the customer prints of $5MM or more, written capped at 5000000
	tawk 'BEGIN { OFS = "\t" } FNR > 1 && $c("side") != "D" && $c("qty") >= 5000000 {
		$c("qty") = 5000000; $c("capped") = 1 } { print }' trades.tsv > capped.tsv
	k=$(tawk 'FNR > 1 && $c("capped") == 1 && $c("date") <= "2020-06-30" { n++ } END { print n + 0 }' capped.tsv)
	assert [ "$k" -gt 0 ]
	run --separate-stderr -0 impact-fit --through 2020-06-30 --prints-out p0.tsv trades.tsv
	echo "$output" > fit0.tsv
	assert_regex "$stderr" 'with a reference$'
	run --separate-stderr -0 impact-fit --through 2020-06-30 --prints-out p1.tsv capped.tsv
	echo "$output" > fit1.tsv
	assert_regex "$stderr" "with a reference; $k capped, out of the size fit\$"
	# each bond's n loses its capped prints that had a cost
	tawk 'FNR > 1 && $c("qty") >= 5000000 && $c("cost_bps") != "NA" && $c("date") <= "2020-06-30" {
		n[$c("cusip")]++ } END { for (b in n) print b, n[b] }' p0.tsv | sort > lost
	run -0 join -a 1 <(cols fit0.tsv cusip n | tail -n +2 | tr '\t' ' ' | sort) lost
	echo "$output" | awk '{ print $1, $2 - ($3 == "" ? 0 : $3) }' > want
	assert_equal "$(cols fit1.tsv cusip n | tail -n +2 | tr '\t' ' ' | sort)" "$(cat want)"
	assert [ "$(wc -l < lost)" -gt 0 ]
	# the capped prints still get a cost in --prints-out
	assert_equal "$(data_rows p1.tsv)" "$(data_rows p0.tsv)"
}
