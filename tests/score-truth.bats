#!/usr/bin/env bats
# The score and its model on the default simulated universe (500 bonds,
# 2020-2023), trained on 2020-2021 and tested on 2022-2023, as the issue
# asks. The figures are printed (bats -t) for the record.

load test_helper

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$LIQ_BIN:$PATH"
	trace-sim -q --bonds-out bonds.tsv --macro-out macro.tsv --truth-out truth.tsv \
		--clean-out trades.tsv > /dev/null
	for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv; done
	liqfeatures -q -b bonds.tsv --macro macro.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > features.tsv
	# the plain world (trace-sim(1), MODEL): 200 bonds that all trade
	mkdir -p plain
	(cd plain && trace-sim -q --plain -n 200 --bonds-out bonds.tsv --macro-out macro.tsv \
		--truth-out truth.tsv --clean-out trades.tsv > /dev/null &&
	 for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv; done &&
	 liqfeatures -q -b bonds.tsv --macro macro.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > features.tsv)
}

# rank_vs_liquidity DIR: "Spearman n" of each bond's mean score against its
# planted latent liquidity
rank_vs_liquidity() {
	tawk 'FNR > 1 && $c("score") != "NA" { s[$c("cusip")] += $c("score"); n[$c("cusip")]++ }
		END { for (k in s) print k, s[k] / n[k] }' "$1/features.tsv" | sort > "$1/mean-score"
	cols "$1/truth.tsv" cusip liquidity | tail -n +2 | sort > "$1/liq"
	join -t"$(printf '\t')" "$1/mean-score" "$1/liq" | awk -F'\t' '{ print $2, $3 }' |
		awk -f "$LIQ_ROOT/tests/spearman.awk"
}

# metric FILE MODEL NAME: the test split's NAME of MODEL in liqtrain's metrics
metric() {
	tawk -v m="$2" -v k="$3" 'FNR > 1 && $c("split") == "test" && $c("model") == m { print $c(k) }' "$1"
}

# one fold for early stopping and eta 0.2 keep the suite quick; the README's
# table comes from the defaults (3 folds, eta 0.1)
TRAIN="--train 2020-01-01:2021-12-31 --test 2022-01-01:2023-12-31 --cv 1 --eta 0.2"

# The score is a rank of Roll, Amihud, trading frequency and Kyle's lambda.
# Where those measures follow their models (the plain world) it ranks bonds
# like their planted liquidity. In the default world it does much worse:
# Roll follows the whole cost (markups have their own bond effect), Kyle's
# lambda mixes in the markup curve, and most bonds trade too rarely for
# the measures (measured 0.56 over the 167 bonds with a score).
@test "the day's score ranks bonds like their planted liquidity: >= 0.8 in the plain world, >= 0.45 in the default one" {
	cd "$BATS_FILE_TMPDIR"
	read -r rhop np < <(rank_vs_liquidity plain)
	read -r rho n < <(rank_vs_liquidity .)
	echo "# mean score vs planted latent liquidity: Spearman $rhop over $np bonds (plain), $rho over $n (default)" >&3
	assert [ "$np" -ge 180 ]
	assert [ "$(echo "$rhop >= 0.8" | bc)" = 1 ]
	assert [ "$n" -ge 140 ]
	assert [ "$(echo "$rho >= 0.45" | bc)" = 1 ]
}

@test "the forecast (score_fwd) beats persistence on test MAE by at least 10%" {
	cd "$BATS_FILE_TMPDIR"
	run --separate-stderr -0 liqtrain -q -y score_fwd $TRAIN features.tsv
	echo "$output" > reg.tsv
	sed 's/^/# /' reg.tsv >&3
	x=$(metric reg.tsv xgboost mae)
	p=$(metric reg.tsv persistence mae)
	echo "# test MAE: xgboost $x, persistence $p" >&3
	# measured (trace-sim's default seed 1): xgboost 13.11, persistence
	# 14.87, a ratio of 0.88 (0.84 before the simulator's markups, pressure
	# and dormant bonds); the forecast must keep at least a 10% lead
	assert [ "$(echo "$x <= 0.9 * $p" | bc -l)" = 1 ]
}

@test "the classifier's macro AUC and the nowcast's R2 stay near what they measured" {
	cd "$BATS_FILE_TMPDIR"
	run --separate-stderr -0 liqtrain -q -y bucket --objective class $TRAIN features.tsv
	echo "$output" > cls.tsv
	run --separate-stderr -0 liqtrain -q -y score $TRAIN --cv 0 --rounds 100 features.tsv
	echo "$output" > now.tsv
	auc=$(metric cls.tsv xgboost auc)
	r2=$(metric now.tsv xgboost r2)
	echo "# classifier test macro AUC $auc; nowcast test R2 $r2" >&3
	# measured (trace-sim's default seed 1, these options): AUC 0.7275,
	# R2 0.9171 (AUC 0.8945, R2 0.8936 before the simulator's markups,
	# pressure and dormant bonds: the buckets of the realistic world are
	# harder to forecast); the thresholds sit about 0.04-0.05 below, so
	# that a regression fails long before the models fall to chance
	assert [ "$(echo "$auc >= 0.68" | bc -l)" = 1 ]
	assert [ "$(echo "$r2 >= 0.85" | bc -l)" = 1 ]
}
