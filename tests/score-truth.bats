#!/usr/bin/env bats
# The score and its model on the default simulated universe (500 bonds,
# 2020-2023), trained on 2020-2021 and tested on 2022-2023, as the issue
# asks. The figures are printed (bats -t) for the record.

load test_helper

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$BATS_TEST_DIRNAME/../bin:$PATH"
	trace-sim -q --bonds-out bonds.tsv --macro-out macro.tsv --truth-out truth.tsv \
		--clean-out trades.tsv > /dev/null
	for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv; done
	liqfeatures -q -b bonds.tsv --macro macro.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > features.tsv
}

# one fold for early stopping and eta 0.2 keep the suite quick; the README's
# table comes from the defaults (3 folds, eta 0.1)
TRAIN="--train 2020-01-01:2021-12-31 --test 2022-01-01:2023-12-31 --cv 1 --eta 0.2"

@test "the day's score ranks bonds like their planted liquidity (Spearman >= 0.8)" {
	cd "$BATS_FILE_TMPDIR"
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "score") k = i; next }
		$k != "NA" { s[$1] += $k; n[$1]++ } END { for (c in s) print c "\t" s[c] / n[c] }' features.tsv |
		sort > mean-score
	awk -F'\t' 'NR > 1 { print $1 "\t" $8 }' truth.tsv | sort > liq
	read -r rho n < <(join -t"$(printf '\t')" mean-score liq | awk -F'\t' '{ print $2, $3 }' |
		awk -f "$LIQ_ROOT/tests/spearman.awk")
	echo "# mean score vs planted latent liquidity: Spearman $rho over $n bonds" >&3
	assert [ "$(echo "$rho >= 0.8" | bc)" = 1 ]
}

@test "the forecast (score_fwd) beats persistence on test MAE" {
	cd "$BATS_FILE_TMPDIR"
	liqtrain -q -y score_fwd $TRAIN features.tsv > reg.tsv
	sed 's/^/# /' reg.tsv >&3
	x=$(awk -F'\t' '$1 == "test" && $2 == "xgboost" { print $6 }' reg.tsv)
	p=$(awk -F'\t' '$1 == "test" && $2 == "persistence" { print $6 }' reg.tsv)
	echo "# test MAE: xgboost $x, persistence $p" >&3
	assert [ "$(echo "$x < $p" | bc -l)" = 1 ]
}

@test "the classifier's macro AUC beats chance; the nowcast's R2 is reported" {
	cd "$BATS_FILE_TMPDIR"
	liqtrain -q -y bucket --objective class $TRAIN features.tsv > cls.tsv
	liqtrain -q -y score $TRAIN --cv 0 --rounds 100 features.tsv > now.tsv
	auc=$(awk -F'\t' '$1 == "test" && $2 == "xgboost" { print $11 }' cls.tsv)
	r2=$(awk -F'\t' '$1 == "test" && $2 == "xgboost" { print $8 }' now.tsv)
	echo "# classifier test macro AUC $auc; nowcast test R2 $r2" >&3
	assert [ "$(echo "$auc > 0.5" | bc -l)" = 1 ]
	assert [ "$(echo "$r2 > 0" | bc -l)" = 1 ]
}
