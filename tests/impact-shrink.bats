#!/usr/bin/env bats
# impact-shrink: the posterior columns after impact-fit, the universe's
# prior for a bond without characteristics, and every failure.

load test_helper
load impact_helper

@test "impact-shrink: the pipeline; posterior columns, sources and weights" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	# one row per bond that trades (some of the 40 stay dormant)
	nb=$(col trades.tsv cusip | sort -u | wc -l)
	assert [ "$nb" -ge 30 ]
	assert [ "$(data_rows raw.tsv)" -eq "$nb" ]
	run --separate-stderr -0 impact-shrink --bonds bonds.tsv raw.tsv
	assert_regex "$stderr" "^impact-shrink: $nb bonds: "'[0-9]+ cusip, [0-9]+ shrunk, [0-9]+ prior, 0 without parameters; [0-9]+ priors$'
	echo "$output" > imp.tsv
	# the input passes through; the posterior columns follow
	assert_equal "$(cols imp.tsv $(head -1 raw.tsv))" "$(cat raw.tsv)"
	assert_equal "$(head -1 imp.tsv)" "$(head -1 raw.tsv)$(printf '\talpha_post\tbeta_post\tweight\tsource\thalf_spread_post_bps\tsigma_post_bps\tse_half_spread_post_bps\tse_log_alpha_post\tse_beta_post\tcov_log_alpha_beta_post\tcov_h_log_alpha_post\tcov_h_beta_post\tresid_lo_post_bps\tresid_hi_post_bps\tprior')"
	# every bond has a posterior; weight in [0, 1]; source by weight;
	# no usable fit, weight 0, source prior
	run -0 tawk 'FNR > 1 { w = $c("weight"); src = $c("source"); n++
		if (!($c("alpha_post") > 0 && $c("beta_post") > 0 && $c("half_spread_post_bps") >= 0 &&
		      $c("sigma_post_bps") > 0 && w >= 0 && w <= 1)) bad++
		if ($c("alpha") == "NA" && (src != "prior" || w != 0)) bad++
		if ($c("alpha") != "NA" && src == "cusip" && w < 0.5) bad++
		if (src == "shrunk" && w >= 0.5) bad++ } END { print bad + 0 " " n }' imp.tsv
	assert_output "0 $nb"
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
	first=$(col bonds.tsv cusip | head -1)
	assert_equal "$(echo "$output" | tawk -v k="$first" 'FNR > 1 && $c("cusip") == k { print $c("prior") }')" "all"
}

@test "impact-shrink: failures exit 1 or 2 with the reason" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	run -2 impact-shrink raw.tsv
	assert_output --partial "impact-shrink: --bonds is required"
	drop_col raw.tsv alpha > noalpha.tsv
	run -2 impact-shrink -b bonds.tsv noalpha.tsv
	assert_output "impact-shrink: noalpha.tsv: missing column 'alpha'"
	drop_col raw.tsv n > non.tsv
	run -2 impact-shrink -b bonds.tsv non.tsv
	assert_output "impact-shrink: non.tsv: missing column 'n'"
	drop_col bonds.tsv sector > nosector.tsv
	run -2 impact-shrink -b nosector.tsv raw.tsv
	assert_output "impact-shrink: nosector.tsv: missing column 'sector'"
	tawk 'FNR == 3 { $c("alpha") = "1,5" } { print }' raw.tsv > badnum.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv badnum.tsv
	assert_equal "$stderr" "impact-shrink: badnum.tsv:3: column 'alpha': bad number '1,5'"
	(cat raw.tsv; sed -n 2p raw.tsv) > dup.tsv
	run -1 impact-shrink -b bonds.tsv dup.tsv
	assert_output --partial "cusip '$(col raw.tsv cusip | head -1)' appears twice"
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

@test "impact-shrink: values out of their column's range are refused with file:line" {
	sim
	impact-fit -q trades.tsv > raw.tsv
	tawk 'FNR == 3 { $c("adv_usd") = "-1000" } { print }' raw.tsv > negadv.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv negadv.tsv
	assert_equal "$stderr" "impact-shrink: negadv.tsv:3: column 'adv_usd': negative value '-1000'"
	tawk 'FNR == 4 { $c("sigma_bps") = "0" } { print }' raw.tsv > sigma0.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv sigma0.tsv
	assert_equal "$stderr" "impact-shrink: sigma0.tsv:4: column 'sigma_bps': bad value '0' (want a number above 0)"
	tawk 'FNR == 2 { $c("n") = "-5" } { print }' raw.tsv > negn.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv negn.tsv
	assert_equal "$stderr" "impact-shrink: negn.tsv:2: column 'n': negative value '-5'"
	tawk 'FNR == 2 { $c("n") = "1e300" } { print }' raw.tsv > hugen.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv hugen.tsv
	assert_equal "$stderr" "impact-shrink: hugen.tsv:2: column 'n': bad count '1e300' (want a whole number from 0 to 1e15)"
	tawk 'FNR == 2 { $c("se_beta") = "-0.1" } { print }' raw.tsv > negse.tsv
	run --separate-stderr -1 impact-shrink -b bonds.tsv negse.tsv
	assert_equal "$stderr" "impact-shrink: negse.tsv:2: column 'se_beta': negative value '-0.1'"
	# NA stays NA: a bond without a fit is not an error
	tawk 'FNR == 2 { $c("sigma_bps") = "NA"; $c("adv_usd") = "NA"; $c("n") = "NA" } { print }' raw.tsv > na.tsv
	run --separate-stderr -0 impact-shrink -q -b bonds.tsv na.tsv
	# the same reader serves pretrade
	printf "cusip\tsize_mm\tside\n%s\t1\tB\n" "$(col raw.tsv cusip | head -1)" > q.tsv
	run --separate-stderr -1 pretrade -i sigma0.tsv q.tsv
	assert_equal "$stderr" "pretrade: sigma0.tsv:4: column 'sigma_bps': bad value '0' (want a number above 0)"
}

@test "impact-shrink: --help lists the columns it adds, as the header written has them" {
	impact-fit -q "$M/empty.tsv" > raw.tsv
	run -0 impact-shrink -q -b "$FIX/liqserve/bonds.tsv" raw.tsv
	added=$(printf '%s\n' "$output" | tr '\t' '\n' | tail -n +$(( $(head -1 raw.tsv | tr '\t' '\n' | wc -l) + 1 )))
	[ "$(printf '%s\n' "$added" | wc -l)" -eq 15 ] || fail "not 15 added columns: $added"
	run -0 impact-shrink --help
	help=$(printf '%s\n' "$output" | awk '/^Added columns/ { on = 1; next }
		on && /^$/ { exit } on { print $1 }')
	assert_equal "$help" "$added"
}

@test "impact-shrink: --help shows real pipelines; -V the version" {
	run -0 impact-shrink --help
	assert_output --partial "Usage: impact-shrink "
	assert_output --partial "Examples:"
	run -0 impact-shrink -V
	assert_output "impact-shrink (liq) 0.1.0"
}
