#!/usr/bin/env bats
# liqtrain: metrics.tsv and splits.tsv, a step function fitted exactly,
# reproducible models, and every failure with its exit status.

load test_helper
load score_helper

setup_file() {
	score_universe models
}

@test "liqtrain: metrics.tsv columns; every model scored on the same rows" {
	cd "$BATS_FILE_TMPDIR"
	assert_equal "$(head -1 metrics.tsv)" "$(printf 'split\tmodel\tstart\tend\trows\tmae\trmse\tr2\taccuracy\tlogloss\tauc')"
	assert_equal "$(cols metrics.tsv split model | tail -n +2 | tr '\t\n' ' ;')" \
		"fold1 xgboost;fold1 linear;fold1 persistence;fold2 xgboost;fold2 linear;fold2 persistence;test xgboost;test linear;test persistence;"
	run -0 tawk 'FNR > 1 { r[$c("split")] = r[$c("split")] " " $c("rows") } END { for (s in r) print r[s] }' metrics.tsv
	assert_equal "${#lines[@]}" 3
	for l in "${lines[@]}"; do set -- $l; assert [ "$1" -gt 0 ]; assert_equal "$1 $1 $1" "$1 $2 $3"; done
	# regression rows: classification columns NA; the other way round
	run -0 tawk 'FNR > 1 && ($c("accuracy") != "NA" || $c("logloss") != "NA" || $c("auc") != "NA" || $c("mae") == "NA")' metrics.tsv
	assert_output ""
	assert_equal "$(data_rows cmetrics.tsv)" 9
	run -0 tawk 'FNR > 1 && ($c("mae") != "NA" || $c("accuracy") == "NA" || $c("auc") == "NA")' cmetrics.tsv
	assert_output ""
	# persistence gives votes, not probabilities: no logloss
	assert_equal "$(tawk 'FNR > 1 && $c("model") == "persistence" { print $c("logloss") }' cmetrics.tsv | sort -u)" NA
}

@test "liqtrain: every fit ends before the dates it is scored on, by the gap" {
	cd "$BATS_FILE_TMPDIR"
	assert_equal "$(cols splits.tsv split | tail -n +2 | tr '\n' ' ')" "fold1 fold2 test "
	# 2021-07-01 less 22 business days: 21 whole business days lie between
	assert_equal "$(tawk '$c("split") == "test" { print $c("train_to") }' splits.tsv)" 2021-06-01
	run -0 tawk 'FNR > 1 && !($c("train_to") < $c("eval_from") && $c("eval_from") <= $c("eval_to")) { print "bad", $0 }' splits.tsv
	assert_output ""
	# folds: one training start, training ends and validation blocks in order
	run -0 tawk 'FNR > 1 && $c("split") != "test" {
		if ($c("train_from") != first && first != "") bad++; first = $c("train_from")
		if (prev_end != "" && ($c("train_to") <= prev_end || $c("eval_from") <= prev_eval)) bad++
		prev_end = $c("train_to"); prev_eval = $c("eval_to") } END { print bad + 0 }' splits.tsv
	assert_output 0
	# the fold rows of metrics.tsv evaluate exactly these dates
	assert_equal "$(tawk '$c("model") == "xgboost" { print $c("split"), $c("start") }' metrics.tsv)" \
		"$(tawk 'FNR > 1 { print $c("split"), $c("eval_from") }' splits.tsv)"
}

# A step function: y = 10 for x <= 0.5, 20 above. One tree of depth 1 with
# eta 1, no regularisation and base score 15 has leaves -5 and +5: the
# predictions must be exactly 10 and 20 (and liqscore gives them).
@test "liqtrain: a one-split tree finds a step function exactly" {
	awk 'BEGIN { print "cusip\tdate\tx\ty"
		for (i = 1; i <= 200; i++) printf "B%03d\t2021-01-04\t%.2f\t%d\n", i, i / 100, i / 100 <= 0.5 ? 10 : 20 }' > step.tsv
	run -0 liqtrain -q -y y --cv 0 --rounds 1 --depth 1 --eta 1 --param lambda=0 \
		--param base_score=15 --param min_child_weight=0 -o step.json step.tsv
	liqscore -q -m step.json step.tsv > pred.tsv
	assert_equal "$(data_rows pred.tsv)" 200
	assert_equal "$(col pred.tsv score_pred | sort -u | tr '\n' ' ')" "10 20 "
	assert_equal "$(col pred.tsv score_pred | grep -c '^10$')" 50
	# the model file carries the features and the training metadata
	run -0 grep -o '"feature_names":\["x"\]' step.json
	run -0 grep -o '"liq_target":"y"' step.json
}

@test "liqtrain: same data and seed, same model bytes" {
	cd "$BATS_FILE_TMPDIR"
	liqtrain -q -y score_fwd --cv 0 --rounds 20 -o m1.json features.tsv > /dev/null
	liqtrain -q -y score_fwd --cv 0 --rounds 20 -o m2.json features.tsv > /dev/null
	assert [ -s m1.json ]
	run -0 cmp m1.json m2.json
}

@test "liqtrain: failures with their exit status" {
	cd "$BATS_FILE_TMPDIR"
	run -2 liqtrain -y nosuch features.tsv
	assert_output "liqtrain: features.tsv: missing column 'nosuch'"
	run -1 liqtrain -y score_fwd --train 2030-01-01:2030-12-31 features.tsv
	assert_output --partial "no training rows with a 'score_fwd' value in the training period"
	tawk 'FNR > 1 { $c("bucket") = "Low"; $c("score_fwd") = 50 } { print }' features.tsv > const.tsv
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

@test "liqtrain: the summary counts the training rows skipped for an NA target" {
	cd "$BATS_FILE_TMPDIR"
	run --separate-stderr -0 liqtrain -y score_fwd --cv 2 --rounds 5 --test 2021-07-01:2021-12-31 features.tsv
	assert_regex "$stderr" "^liqtrain: [0-9]+ training rows \([0-9]+ more without a 'score_fwd' value, skipped\), "
	read -r n1 m1 <<< "$(printf '%s\n' "$stderr" | sed -E -n "s/^liqtrain: ([0-9]+) training rows \(([0-9]+) more.*/\1 \2/p")"
	# k more rows of the training period without a target: k more skipped
	tawk 'FNR > 1 && $c("date") == "2020-06-01" && $c("score_fwd") != "NA" { $c("score_fwd") = "NA" } { print }' \
		features.tsv > na.tsv
	k=$(tawk 'FNR > 1 && $c("date") == "2020-06-01" && $c("score_fwd") != "NA"' features.tsv | wc -l)
	assert [ "$k" -gt 0 ]
	run --separate-stderr -0 liqtrain -y score_fwd --cv 2 --rounds 5 --test 2021-07-01:2021-12-31 na.tsv
	read -r n2 m2 <<< "$(printf '%s\n' "$stderr" | sed -E -n "s/^liqtrain: ([0-9]+) training rows \(([0-9]+) more.*/\1 \2/p")"
	assert_equal "$((n1 - n2)) $((m2 - m1))" "$k $k"
}
