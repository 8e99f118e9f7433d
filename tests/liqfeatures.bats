#!/usr/bin/env bats
# liqfeatures: its columns, the score recomputed independently, score_fwd
# and bucket, FRED downloads, and every failure with its exit status.

load test_helper
load score_helper

setup_file() {
	score_universe
}

@test "liqfeatures: one row per panel row, the documented columns in order" {
	cd "$BATS_FILE_TMPDIR"
	assert [ "$(data_rows features.tsv)" -gt 0 ]
	assert_equal "$(data_rows features.tsv)" "$(data_rows roll.tsv)"
	assert_equal "$(cols features.tsv cusip date)" "$(cols roll.tsv cusip date)"
	run -0 head -1 features.tsv
	assert_output "$(printf '%s\t' cusip date roll_bps amihud kyle_lambda kyle_t itt_median_h itt_max_h \
		trades_per_day zero_days_frac volume_mm avg_size_mm log_roll log_amihud log_trades \
		log_volume log_itt d5_log_roll d21_log_roll d5_log_amihud d21_log_amihud d5_log_trades \
		d21_log_trades log_amount age_y ttm_y coupon rating_num ig sector_code vix d21_vix \
		cdx_ig_bps d21_cdx_ig_bps cdx_hy_bps d21_cdx_hy_bps ust10y_pct d21_ust10y_pct lqd_volume \
		d21_lqd_volume hyg_volume d21_hyg_volume rel_roll rel_amihud rel_trades rel_kyle score \
		score_fwd | sed 's/\t$//')${TAB}bucket"
	# the panels' own text is carried unchanged
	assert_equal "$(col features.tsv roll_bps)" "$(col roll.tsv roll_bps)"
	assert_equal "$(col features.tsv kyle_t)" "$(col kyle.tsv kyle_t)"
}

# The score of one day recomputed from the panels with sort and awk:
# average ranks with ties, (rank - 1)/(n - 1), flipped where lower is more
# liquid, weights .35 .30 .20 .15; liqfeatures rounds to 8 decimals.
@test "liqfeatures: the score equals an independent computation (to 1e-8)" {
	cd "$BATS_FILE_TMPDIR"
	paste <(cols roll.tsv cusip date roll_bps) <(cols amihud.tsv amihud) <(cols kyle.tsv kyle_lambda) \
	      <(cols itt.tsv trades_per_day) > panels.tsv
	# the day with the most bonds that have all four measures
	day=$(tawk 'FNR > 1 && $c("roll_bps") != "NA" && $c("amihud") != "NA" &&
		$c("kyle_lambda") != "NA" && $c("trades_per_day") != "NA" { print $c("date") }' panels.tsv |
		sort | uniq -c | sort -k1,1nr -k2,2 | awk 'NR == 1 { print $2 }')
	tawk -v d=$day 'FNR > 1 && $c("date") == d && $c("roll_bps") != "NA" && $c("amihud") != "NA" &&
		$c("kyle_lambda") != "NA" && $c("trades_per_day") != "NA" {
			print $c("cusip") " " $c("roll_bps") " " $c("amihud") " " $c("trades_per_day") " " $c("kyle_lambda") }' \
		panels.tsv > inputs
	n=$(wc -l < inputs)
	assert [ "$n" -ge 10 ]
	# inputs: cusip roll amihud trades_per_day kyle_lambda
	for j in 2 3 4 5; do
		sort -k$j,${j}g inputs | awk -v j=$j -v n=$n '
			{ c[NR] = $1; v[NR] = $j }
			END { for (i = 1; i <= n; i = k + 1) {
				for (k = i; k < n && v[k + 1] == v[i]; k++) ;
				for (m = i; m <= k; m++) printf "%s %.17g\n", c[m], ((i + k) / 2 - 1) / (n - 1) } }' |
			sort > r$j
	done
	join r2 r3 | join - r4 | join - r5 |
		awk '{ printf "%s %.12g\n", $1, 100 * (0.35 * (1 - $2) + 0.30 * (1 - $3) + 0.20 * $4 + 0.15 * (1 - $5)) }' > want
	assert_equal "$(wc -l < want)" "$n"
	tawk -v d=$day 'FNR > 1 && $c("date") == d && $c("score") != "NA" { print $c("cusip") " " $c("score") }' \
		features.tsv | sort > got
	assert_equal "$(wc -l < got)" "$n"
	# every bond of the day is in both, and none differs
	assert_equal "$(join want got | wc -l)" "$n"
	run -0 sh -c "join want got | awk '{ d = \$2 - \$3; if (d < 0) d = -d; if (d > 1e-8) bad++ } END { print bad + 0 }'"
	assert_output 0
}

@test "liqfeatures: score_fwd is the bond's score 21 business days later; bucket is its bucket" {
	cd "$BATS_FILE_TMPDIR"
	cols features.tsv cusip date score score_fwd bucket | tail -n +2 > sfb
	assert [ -s sfb ]
	run -0 awk -F'\t' '{ c[NR] = $1; s[NR] = $3; f[NR] = $4; b[NR] = $5 }
		END { for (i = 1; i <= NR; i++) {
			want = (i + 21 <= NR && c[i + 21] == c[i]) ? s[i + 21] : "NA"
			if (f[i] != want) bad++
			if (want != "NA") known++
			wb = want == "NA" ? "NA" : (want < 33 ? "Low" : want <= 67 ? "Medium" : "High")
			if (b[i] != wb) bad++ }
			print bad + 0, (known > 1000) }' sfb
	assert_output "0 1"
}

@test "liqfeatures: FRED CSV downloads read as they are, carried over holidays" {
	cd "$BATS_FILE_TMPDIR"
	run -0 liqfeatures -q -b bonds.tsv --macro "$F/VIXCLS.csv" --macro "$F/DGS10.csv" roll.tsv amihud.tsv kyle.tsv itt.tsv
	echo "$output" > f2.tsv
	run -0 head -1 f2.tsv
	assert_output --partial "${TAB}vixcls${TAB}d21_vixcls${TAB}dgs10${TAB}d21_dgs10${TAB}"
	# on date $1, the first bond's value of column $2
	value() {
		tawk -v d="$1" -v k="$2" 'FNR > 1 && $c("date") == d { print $c(k); exit }' f2.tsv
	}
	# 2021-01-01 is '.', so 2020-12-31's 22.75 carries; 01-06/07 carry 01-05
	for dv in "2021-01-01 22.75" "2021-01-04 26.97" "2021-01-06 25.34" "2021-01-07 25.34" "2021-01-08 21.56" "2021-02-01 21.56"; do
		set -- $dv
		assert_equal "$(value "$1" vixcls)" "$2"
	done
	assert_equal "$(value 2021-01-05 dgs10)" 0.96
	# before the first observation: NA
	assert_equal "$(value 2020-12-31 dgs10)" NA
}

@test "liqfeatures: failures" {
	cd "$BATS_FILE_TMPDIR"
	run -2 liqfeatures roll.tsv
	assert_output --partial "--bonds FILE is required"
	run -2 liqfeatures -b bonds.tsv
	assert_output --partial "no panel files"
	run -2 liqfeatures -b bonds.tsv roll.tsv amihud.tsv kyle.tsv
	assert_output "liqfeatures: no panel has the column 'itt_median_h' (want the panels of roll, amihud, kyle and itt)"
	sed '5d' itt.tsv > itt-short.tsv
	run --separate-stderr -1 liqfeatures -b bonds.tsv roll.tsv amihud.tsv kyle.tsv itt-short.tsv
	assert_equal "$stderr" "liqfeatures: itt-short.tsv:5: row '$(cols itt.tsv cusip date | sed -n 6p | tr '\t' ' ')' does not match roll.tsv:5 '$(cols roll.tsv cusip date | sed -n 5p | tr '\t' ' ')': the panels must share their rows"
	run -2 liqfeatures -b bonds.tsv --macro "$F/VIXCLS.csv" --macro "$F/VIXCLS.csv" roll.tsv
	assert_output --partial "macro series 'vixcls' is in both"
	printf 'date,VIXCLS\n2021-01-04,2x\n' > bad.csv
	run -1 liqfeatures -b bonds.tsv --macro bad.csv roll.tsv
	assert_output "liqfeatures: bad.csv:2: column 'vixcls': bad number '2x'"
	head -5 bonds.tsv > bonds-few.tsv
	run --separate-stderr -0 liqfeatures -b bonds-few.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv
	nb=$(col roll.tsv cusip | sort -u | wc -l)
	assert_equal "$stderr" "liqfeatures: $((nb - 4)) of $nb bonds are not in the bonds file: their characteristics and group features are NA
liqfeatures: $(data_rows roll.tsv) rows, 4 bonds in bonds-few.tsv, 0 macro series"
	run -0 liqfeatures -q -b bonds.tsv "$FIX/measures/empty.tsv"
	assert_line --index 0 --regexp '^cusip	date	roll_bps'
	run -1 sh -c "liqfeatures -q -b bonds.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > /dev/full"
	assert_output --partial "liqfeatures: write error"
}

@test "liqfeatures: a negative measure (all but Kyle's lambda and t) is refused with file:line" {
	cd "$BATS_FILE_TMPDIR"
	for m in roll_bps amihud itt_median_h itt_max_h zero_days_frac volume_mm trades_per_day avg_size_mm; do
		# the first panel with the column is the one read
		for p in roll amihud kyle itt; do
			if head -n 1 $p.tsv | tr '\t' '\n' | grep -qx $m; then break; fi
		done
		tawk -v m=$m 'FNR == 4 { $c(m) = "-5" } { print }' $p.tsv > neg-$p.tsv
		args=()
		for q in roll amihud kyle itt; do
			if [ $q = $p ]; then args+=(neg-$q.tsv); else args+=($q.tsv); fi
		done
		run --separate-stderr -1 liqfeatures -q -b bonds.tsv "${args[@]}"
		assert_equal "$stderr" "liqfeatures: neg-$p.tsv:4: column '$m': negative value '-5' (a spread, ratio, time, count or amount: 0 or more)"
	done
}
