#!/usr/bin/env bats
# liqfeatures, liqtrain, liqscore: contracts, exact numbers, failures.

load test_helper

F="$FIX/liqfeatures"
TAB=$(printf '\t')

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$BATS_TEST_DIRNAME/../bin:$PATH"
	trace-sim -q -n 60 --end 2021-12-31 --bonds-out bonds.tsv --macro-out macro.tsv \
		--clean-out trades.tsv > /dev/null
	for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv; done
	liqfeatures -q -b bonds.tsv --macro macro.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > features.tsv
	liqtrain -q -y score_fwd --cv 2 --rounds 60 --test 2021-07-01:2021-12-31 \
		-o model.json --splits splits.tsv features.tsv > metrics.tsv
	liqtrain -q -y bucket --objective class --cv 2 --rounds 60 \
		--test 2021-07-01:2021-12-31 -o classifier.json features.tsv > cmetrics.tsv
}

col() { # col FILE NAME: the column's values, header dropped
	awk -F'\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { print $k }' "$1"
}

@test "liqfeatures: one row per panel row, the documented columns in order" {
	cd "$BATS_FILE_TMPDIR"
	assert_equal "$(data_rows features.tsv)" "$(data_rows roll.tsv)"
	assert_equal "$(cut -f1,2 features.tsv)" "$(cut -f1,2 roll.tsv)"
	run -0 head -1 features.tsv
	assert_output "$(printf '%s\t' cusip date roll_bps amihud kyle_lambda kyle_t itt_median_h itt_max_h \
		trades_per_day zero_days_frac volume_mm avg_size_mm log_roll log_amihud log_trades \
		log_volume log_itt d5_log_roll d21_log_roll d5_log_amihud d21_log_amihud d5_log_trades \
		d21_log_trades log_amount age_y ttm_y coupon rating_num ig sector_code vix d21_vix \
		cdx_ig_bps d21_cdx_ig_bps cdx_hy_bps d21_cdx_hy_bps ust10y_pct d21_ust10y_pct lqd_volume \
		d21_lqd_volume hyg_volume d21_hyg_volume rel_roll rel_amihud rel_trades rel_kyle score \
		score_fwd | sed 's/\t$//')${TAB}bucket"
	# the panels' own text is carried unchanged
	assert_equal "$(cut -f3 features.tsv)" "$(cut -f3 roll.tsv)"
	assert_equal "$(col features.tsv kyle_t)" "$(col kyle.tsv kyle_t)"
}

# The score of one day recomputed from the panels with sort and awk:
# average ranks with ties, (rank - 1)/(n - 1), flipped where lower is more
# liquid, weights .35 .30 .20 .15; liqfeatures rounds to 8 decimals.
@test "liqfeatures: the score equals an independent computation (to 1e-8)" {
	cd "$BATS_FILE_TMPDIR"
	day=2021-06-15
	paste roll.tsv <(cut -f3 amihud.tsv) <(cut -f3 kyle.tsv) <(cut -f6 itt.tsv) |
		awk -F'\t' -v d=$day '$2 == d && $3 != "NA" && $5 != "NA" && $6 != "NA" && $7 != "NA" {
			print $1, $3, $5, $7, $6 }' > inputs
	n=$(wc -l < inputs)
	assert [ "$n" -ge 10 ]
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
	awk -F'\t' -v d=$day 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "score") k = i; next }
		$2 == d && $k != "NA" { print $1, $k }' features.tsv | sort > got
	assert_equal "$(wc -l < got)" "$n"
	run -0 sh -c "join want got | awk '{ d = \$2 - \$3; if (d < 0) d = -d; if (d > 1e-8) bad++ } END { print bad + 0 }'"
	assert_output 0
}

@test "liqfeatures: score_fwd is the bond's score 21 business days later; bucket is its bucket" {
	cd "$BATS_FILE_TMPDIR"
	paste <(cut -f1,2 features.tsv) <(col features.tsv score | sed '1i x') \
	      <(col features.tsv score_fwd | sed '1i x') <(col features.tsv bucket | sed '1i x') |
		tail -n +2 > sfb
	run -0 awk -F'\t' '{ c[NR] = $1; s[NR] = $3; f[NR] = $4; b[NR] = $5 }
		END { for (i = 1; i <= NR; i++) {
			want = (i + 21 <= NR && c[i + 21] == c[i]) ? s[i + 21] : "NA"
			if (f[i] != want) bad++
			wb = want == "NA" ? "NA" : (want < 33 ? "Low" : want <= 67 ? "Medium" : "High")
			if (b[i] != wb) bad++ }
			print bad + 0 }' sfb
	assert_output 0
}

@test "liqfeatures: FRED CSV downloads read as they are, carried over holidays" {
	cd "$BATS_FILE_TMPDIR"
	liqfeatures -q -b bonds.tsv --macro "$F/VIXCLS.csv" --macro "$F/DGS10.csv" roll.tsv amihud.tsv kyle.tsv itt.tsv > f2.tsv
	run -0 head -1 f2.tsv
	assert_output --partial "${TAB}vixcls${TAB}d21_vixcls${TAB}dgs10${TAB}d21_dgs10${TAB}"
	# 2021-01-01 is '.', so 2020-12-31's 22.75 carries; 01-06/07 carry 01-05
	for dv in "2021-01-01 22.75" "2021-01-04 26.97" "2021-01-06 25.34" "2021-01-07 25.34" "2021-01-08 21.56" "2021-02-01 21.56"; do
		set -- $dv
		got=$(awk -F'\t' -v d=$1 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "vixcls") k = i; next } $2 == d { print $k; exit }' f2.tsv)
		[ -z "$got" ] || assert_equal "$got" "$2"
	done
	assert_equal "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "dgs10") k = i; next } $2 == "2021-01-05" { print $k; exit }' f2.tsv)" 0.96
	# before the first observation: NA
	assert_equal "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "dgs10") k = i; next } $2 == "2020-12-31" { print $k; exit }' f2.tsv)" NA
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
	assert_equal "$stderr" "liqfeatures: itt-short.tsv:5: row '$(sed -n 6p itt.tsv | cut -f1,2 | tr '\t' ' ')' does not match roll.tsv:5 '$(sed -n 5p roll.tsv | cut -f1,2 | tr '\t' ' ')': the panels must share their rows"
	run -2 liqfeatures -b bonds.tsv --macro "$F/VIXCLS.csv" --macro "$F/VIXCLS.csv" roll.tsv
	assert_output --partial "macro series 'vixcls' is in both"
	printf 'date,VIXCLS\n2021-01-04,2x\n' > bad.csv
	run -1 liqfeatures -b bonds.tsv --macro bad.csv roll.tsv
	assert_output "liqfeatures: bad.csv:2: column 'vixcls': bad number '2x'"
	head -5 bonds.tsv > bonds-few.tsv
	run --separate-stderr -0 liqfeatures -b bonds-few.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv
	assert_equal "$stderr" "liqfeatures: 56 of 60 bonds are not in the bonds file: their characteristics and group features are NA
liqfeatures: $(data_rows roll.tsv) rows, 4 bonds in bonds-few.tsv, 0 macro series"
	run -0 liqfeatures -q -b bonds.tsv "$FIX/measures/empty.tsv"
	assert_line --index 0 --regexp '^cusip	date	roll_bps'
	run -1 sh -c "liqfeatures -q -b bonds.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > /dev/full"
}

@test "liqtrain: metrics.tsv columns; every model scored on the same rows" {
	cd "$BATS_FILE_TMPDIR"
	assert_equal "$(head -1 metrics.tsv)" "$(printf 'split\tmodel\tstart\tend\trows\tmae\trmse\tr2\taccuracy\tlogloss\tauc')"
	assert_equal "$(cut -f1,2 metrics.tsv | tail -n +2 | tr '\t\n' ' ;')" \
		"fold1 xgboost;fold1 linear;fold1 persistence;fold2 xgboost;fold2 linear;fold2 persistence;test xgboost;test linear;test persistence;"
	run -0 awk -F'\t' 'NR > 1 { r[$1] = r[$1] " " $5 } END { for (s in r) print r[s] }' metrics.tsv
	for l in "${lines[@]}"; do set -- $l; assert_equal "$1 $1 $1" "$1 $2 $3"; done
	# regression rows: classification columns NA; the other way round
	run -0 awk -F'\t' 'NR > 1 && ($9 != "NA" || $10 != "NA" || $11 != "NA" || $6 == "NA")' metrics.tsv
	assert_output ""
	run -0 awk -F'\t' 'NR > 1 && ($6 != "NA" || $9 == "NA" || $11 == "NA")' cmetrics.tsv
	assert_output ""
	# persistence gives votes, not probabilities: no logloss
	assert_equal "$(awk -F'\t' '$2 == "persistence" { print $10 }' cmetrics.tsv | sort -u)" NA
}

@test "liqtrain: every fit ends before the dates it is scored on, by the gap" {
	cd "$BATS_FILE_TMPDIR"
	# 2021-07-01 less 22 business days: 21 whole business days lie between
	assert_equal "$(awk -F'\t' '$1 == "test" { print $3 }' splits.tsv)" 2021-06-01
	run -0 awk -F'\t' 'NR > 1 && !($3 < $4 && $4 <= $5) { print "bad", $0 }' splits.tsv
	assert_output ""
	# folds: one training start, training ends and validation blocks in order
	run -0 awk -F'\t' 'NR > 1 && $1 != "test" {
		if ($2 != first && first != "") bad++; first = $2
		if (prev_end != "" && ($3 <= prev_end || $4 <= prev_eval)) bad++
		prev_end = $3; prev_eval = $5 } END { print bad + 0 }' splits.tsv
	assert_output 0
	# the fold rows of metrics.tsv evaluate exactly these dates
	assert_equal "$(awk -F'\t' '$2 == "xgboost" { print $1, $3 }' metrics.tsv | head -2)" \
		"$(awk -F'\t' 'NR > 1 { print $1, $4 }' splits.tsv | head -2)"
}

# A step function: y = 10 for x <= 0.5, 20 above. One tree of depth 1 with
# eta 1, no regularisation and base score 15 has leaves -5 and +5: the
# predictions must be exactly 10 and 20.
@test "liqtrain: a one-split tree finds a step function exactly" {
	awk 'BEGIN { print "cusip\tdate\tx\ty"
		for (i = 1; i <= 200; i++) printf "B%03d\t2021-01-04\t%.2f\t%d\n", i, i / 100, i / 100 <= 0.5 ? 10 : 20 }' > step.tsv
	run -0 liqtrain -q -y y --cv 0 --rounds 1 --depth 1 --eta 1 --param lambda=0 \
		--param base_score=15 --param min_child_weight=0 -o step.json step.tsv
	run -0 liqscore -q -m step.json step.tsv
	assert_equal "$(echo "$output" | awk -F'\t' 'NR > 1 { print $3 }' | sort -u | tr '\n' ' ')" "10 20 "
	assert_equal "$(echo "$output" | awk -F'\t' 'NR > 1 && $3 == 10' | wc -l)" 50
	# the model file carries the features and the training metadata
	run -0 grep -o '"feature_names":\["x"\]' step.json
	run -0 grep -o '"liq_target":"y"' step.json
}

@test "liqtrain: same data and seed, same model bytes" {
	cd "$BATS_FILE_TMPDIR"
	liqtrain -q -y score_fwd --cv 0 --rounds 20 -o m1.json features.tsv > /dev/null
	liqtrain -q -y score_fwd --cv 0 --rounds 20 -o m2.json features.tsv > /dev/null
	cmp m1.json m2.json
}

@test "liqtrain: failures with their exit status" {
	cd "$BATS_FILE_TMPDIR"
	run -2 liqtrain -y nosuch features.tsv
	assert_output "liqtrain: features.tsv: missing column 'nosuch'"
	run -1 liqtrain -y score_fwd --train 2030-01-01:2030-12-31 features.tsv
	assert_output --partial "no training rows with a 'score_fwd' value in the training period"
	awk -F'\t' -v OFS='\t' 'NR > 1 { $NF = "Low"; $(NF - 1) = 50 } { print }' features.tsv > const.tsv
	run -1 liqtrain -y score_fwd const.tsv
	assert_output --partial "target 'score_fwd' is constant (50)"
	run -2 liqtrain -y score_fwd --objective class features.tsv
	assert_output --partial "--objective class predicts 'bucket', not 'score_fwd'"
	run -2 liqtrain -y bucket features.tsv
	assert_output --partial "add --objective class"
	run -2 liqtrain -y score_fwd --train 2021-01-01:2021-12-31 --test 2021-06-01:2021-12-31 features.tsv
	assert_output --partial "--train must end before --test starts"
	run -2 liqtrain -y score_fwd --test 2021-07-01 features.tsv
	assert_output --partial "--test: bad range '2021-07-01'"
	run -2 liqtrain -y score_fwd --param depth features.tsv
	assert_output --partial "--param: bad value 'depth'"
	run -2 liqtrain -y score_fwd --cv 0 --rounds 1 --param max_depth=-3 features.tsv
	assert_output --partial "bad XGBoost parameters"
	run -2 liqtrain -y score_fwd --cv 0 --rounds 1 --param no_such_thing=1 features.tsv
	assert_output --partial "bad XGBoost parameters"
	run -1 liqtrain -y score_fwd --cv 40 features.tsv
	assert_output --partial "too short for 40 folds"
	run -2 liqtrain features.tsv
	assert_output --partial "-y COLUMN is required"
}

@test "liqscore: scores, probabilities, explanations, the latest row per bond" {
	cd "$BATS_FILE_TMPDIR"
	run -0 liqscore -q -m model.json -c classifier.json features.tsv
	assert_line --index 0 "$(printf 'cusip\tdate\tscore_pred\tbucket\tp_low\tp_medium\tp_high')"
	assert_equal "$(echo "$output" | tail -n +2 | wc -l)" "$(data_rows features.tsv)"
	run -0 sh -c "liqscore -q -m model.json -c classifier.json features.tsv | awk -F'\t' 'NR > 1 {
		s = \$5 + \$6 + \$7; if (s < 0.999 || s > 1.001 || \$3 < 0 || \$3 > 100) bad++
		b = \$3 < 33 ? \"Low\" : \$3 <= 67 ? \"Medium\" : \"High\"; if (b != \$4) bad++ }
		END { print bad + 0 }'"
	assert_output 0
	run -0 liqscore -q -m model.json --latest --explain 2 features.tsv
	assert_line --index 0 "$(printf 'cusip\tdate\tscore_pred\tbucket\tp_low\tp_medium\tp_high\tshap1_feature\tshap1_value\tshap2_feature\tshap2_value')"
	assert_equal "$(echo "$output" | tail -n +2 | cut -f1 | sort -u | wc -l)" 60
	assert_equal "$(echo "$output" | tail -n +2 | wc -l)" 60
	# each bond's row is its last date, and |shap1| >= |shap2|
	assert_equal "$(echo "$output" | tail -n +2 | cut -f1,2)" \
		"$(awk -F'\t' 'NR > 1 { last[$1] = $2 } END { for (c in last) print c "\t" last[c] }' features.tsv | sort)"
	run -0 sh -c "liqscore -q -m model.json --latest --explain 2 features.tsv | awk -F'\t' 'NR > 1 { a = \$9 < 0 ? -\$9 : \$9; b = \$11 < 0 ? -\$11 : \$11; if (a < b) bad++ } END { print bad + 0 }'"
	assert_output 0
}

@test "liqscore: model and features must agree" {
	cd "$BATS_FILE_TMPDIR"
	cut -f1-5,7- features.tsv > nokylet.tsv
	run -2 liqscore -m model.json nokylet.tsv
	assert_output "liqscore: nokylet.tsv: missing column 'kyle_t', a feature of model.json"
	run -2 liqscore -m classifier.json features.tsv
	assert_output --partial "classifier.json is a classification model; give a regression model with -m"
	run -2 liqscore -m model.json -c model.json features.tsv
	assert_output --partial "give a classifier with -c"
	run -1 liqscore -m nosuch.json features.tsv
	assert_output --partial "nosuch.json: cannot open the model"
	echo '{"not": "a model"}' > junk.json
	run -1 liqscore -m junk.json features.tsv
	assert_output --partial "junk.json: not an XGBoost model"
	run -2 liqscore features.tsv
	assert_output --partial "-m model.json is required"
}
