#!/usr/bin/env bats
# liqscore: scores, probabilities, explanations, the latest row per bond,
# and a model that does not fit its features.

load test_helper
load score_helper

setup_file() {
	score_universe models
}

@test "liqscore: scores, probabilities, explanations, the latest row per bond" {
	cd "$BATS_FILE_TMPDIR"
	run -0 liqscore -q -m model.json -c classifier.json features.tsv
	echo "$output" > s.tsv
	assert_line --index 0 "$(printf 'cusip\tdate\tscore_pred\tbucket\tp_low\tp_medium\tp_high')"
	assert [ "$(data_rows s.tsv)" -gt 0 ]
	assert_equal "$(data_rows s.tsv)" "$(data_rows features.tsv)"
	run -0 tawk 'FNR > 1 {
		s = $c("p_low") + $c("p_medium") + $c("p_high"); p = $c("score_pred")
		if (s < 0.999 || s > 1.001 || p < 0 || p > 100) bad++
		b = p < 33 ? "Low" : p <= 67 ? "Medium" : "High"; if (b != $c("bucket")) bad++ }
		END { print bad + 0 }' s.tsv
	assert_output 0
	run -0 liqscore -q -m model.json --latest --explain 2 features.tsv
	echo "$output" > l.tsv
	assert_line --index 0 "$(printf 'cusip\tdate\tscore_pred\tbucket\tp_low\tp_medium\tp_high\tshap1_feature\tshap1_value\tshap2_feature\tshap2_value')"
	# one row per bond of the features (some of the 60 never trade)
	nb=$(col features.tsv cusip | sort -u | wc -l)
	assert [ "$nb" -ge 40 ]
	assert_equal "$(col l.tsv cusip | sort -u | wc -l)" "$nb"
	assert_equal "$(data_rows l.tsv)" "$nb"
	# each bond's row is its last date, and |shap1| >= |shap2|
	assert_equal "$(cols l.tsv cusip date | tail -n +2)" \
		"$(tawk 'FNR > 1 { last[$c("cusip")] = $c("date") } END { for (k in last) print k "\t" last[k] }' features.tsv | sort)"
	run -0 tawk 'FNR > 1 { a = $c("shap1_value"); b = $c("shap2_value"); a = a < 0 ? -a : a; b = b < 0 ? -b : b
		if (a < b) bad++ } END { print bad + 0 }' l.tsv
	assert_output 0
}

@test "liqscore: model and features must agree" {
	cd "$BATS_FILE_TMPDIR"
	tawk '{ out = ""; for (i = 1; i <= NF; i++) if (i != c("kyle_t")) out = out (out == "" ? "" : OFS) $i; print out }' \
		features.tsv > nokylet.tsv
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

@test "liqscore: a truncated model is one line naming the file, exit 1" {
	cd "$BATS_FILE_TMPDIR"
	head -c 300 model.json > trunc.json
	run --separate-stderr -1 liqscore -m trunc.json features.tsv
	assert_equal "${#stderr_lines[@]}" 1
	assert_regex "$stderr" "^liqscore: trunc\.json: not an XGBoost model: [^[]"
	assert_equal "$output" ""
}

@test "liqscore: an impossible date is refused with file:line, exit 1" {
	cd "$BATS_FILE_TMPDIR"
	tawk 'FNR == 3 { $c("date") = "2020-02-30" } { print }' features.tsv > feb30.tsv
	run --separate-stderr -1 liqscore -q -m model.json feb30.tsv
	assert_equal "$stderr" "liqscore: feb30.tsv:3: column 'date': bad date '2020-02-30' (want YYYY-MM-DD)"
	tawk 'FNR == 2 { $c("date") = "9999-12-31" } { print }' features.tsv > y9999.tsv
	run --separate-stderr -1 liqscore -q -m model.json --latest y9999.tsv
	assert_equal "$stderr" "liqscore: y9999.tsv:2: column 'date': bad date '9999-12-31' (want YYYY-MM-DD)"
}

@test "liqscore: --latest refuses dates out of order within a bond" {
	cd "$BATS_FILE_TMPDIR"
	# swap the second and third rows: the same bond, its dates reversed
	{ sed -n 1p features.tsv; sed -n 3p features.tsv; sed -n 2p features.tsv; tail -n +4 features.tsv; } > swapped.tsv
	cu=$(col features.tsv cusip | sed -n 1p)
	assert_equal "$(col features.tsv cusip | sed -n 2p)" "$cu"
	d1=$(col features.tsv date | sed -n 1p)
	d2=$(col features.tsv date | sed -n 2p)
	run --separate-stderr -1 liqscore -q -m model.json --latest swapped.tsv
	assert_equal "$stderr" "liqscore: swapped.tsv:3: --latest needs the input sorted by cusip, date ('$cu' $d1 after '$cu' $d2)"
	# the same date twice is no order either
	{ sed -n 1,2p features.tsv; sed -n 2p features.tsv; } > twice.tsv
	run --separate-stderr -1 liqscore -q -m model.json --latest twice.tsv
	assert_equal "$stderr" "liqscore: twice.tsv:3: --latest needs the input sorted by cusip, date ('$cu' $d1 after '$cu' $d1)"
}

@test "liqscore: features built with another horizon than the model's are refused" {
	cd "$BATS_FILE_TMPDIR"
	liqfeatures -q -H 10 -b bonds.tsv --macro macro.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > f10.tsv
	run --separate-stderr -1 liqscore -q -m model.json f10.tsv
	assert_equal "$stderr" "liqscore: f10.tsv: score_fwd is the score 10 business days on (liqfeatures -H 10), but model.json forecasts 21 days on: build the features with -H 21, or train a model on these"
	run --separate-stderr -1 liqscore -q -m model.json -c classifier.json f10.tsv
	assert_equal "$stderr" "liqscore: f10.tsv: score_fwd is the score 10 business days on (liqfeatures -H 10), but model.json forecasts 21 days on: build the features with -H 21, or train a model on these"
	# a model trained on them records H (21, the default, is not written)
	liqtrain -q -y score_fwd --cv 2 --rounds 5 --test 2021-07-01:2021-12-31 -o m10.json f10.tsv > /dev/null
	run -0 grep -o '"liq_horizon":"[0-9]*"' m10.json
	assert_output '"liq_horizon":"10"'
	run -1 grep -c liq_horizon model.json
	run --separate-stderr -0 liqscore -q -m m10.json f10.tsv
	assert_equal "$(printf '%s\n' "$output" | wc -l)" "$(wc -l < f10.tsv)"
	run --separate-stderr -1 liqscore -q -m m10.json features.tsv
	assert_equal "$stderr" "liqscore: features.tsv: score_fwd is the score 21 business days on (liqfeatures -H 21), but m10.json forecasts 10 days on: build the features with -H 10, or train a model on these"
	# the bonds in another order, or a date range of the rows, show it too
	(head -n 1 f10.tsv; tail -n +2 f10.tsv | sort -t "$TAB" -k1,1r -k2,2) > rev.tsv
	run --separate-stderr -1 liqscore -q -m model.json rev.tsv
	assert_regex "$stderr" "^liqscore: rev.tsv: score_fwd is the score 10 business days on"
	tawk 'FNR == 1 || $c("date") <= "2021-03-31"' f10.tsv > early.tsv
	run --separate-stderr -1 liqscore -q -m model.json early.tsv
	assert_regex "$stderr" "^liqscore: early.tsv: score_fwd is the score 10 business days on"
}
