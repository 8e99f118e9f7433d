#!/usr/bin/env bats
# The whole pipeline (examples/Makefile) end to end on a small universe:
# it runs, prints sane figures, scores every bond, and the sharded run
# gives the same bytes as the unsharded one.

load test_helper

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$BATS_TEST_DIRNAME/../bin:$PATH"
	export EX="$BATS_TEST_DIRNAME/../examples"
	export V="BONDS=80 START=2020-01-02 END=2021-12-31 SPLIT=2021-07-01 LIQBIN=$BATS_TEST_DIRNAME/../bin"
	make -s -C "$EX" OUT="$BATS_FILE_TMPDIR/out" $V demo > summary.txt 2> make.err
}

@test "the demo prints every section" {
	cd "$BATS_FILE_TMPDIR"
	for s in "the simulated universe" "trace-clean" "the liquidity score model" \
		 "impact calibration" "pre-trade costs"; do
		grep -q "== $s" summary.txt || fail "no section '$s' in the summary"
	done
	grep -q "the clean trades are identical to what trace-sim planted" summary.txt
	sed 's/^/# /' summary.txt >&3
}

@test "the figures it printed are sane" {
	cd "$BATS_FILE_TMPDIR"
	auc=$(awk '$1 == "bucket" && $2 == "xgboost" { print $4 }' summary.txt)
	assert [ "$(echo "$auc > 0.5" | bc -l)" = 1 ]
	mae_x=$(awk '$1 == "score_fwd" && $2 == "xgboost" { print $3 }' summary.txt)
	assert [ "$(echo "$mae_x > 0 && $mae_x < 50" | bc -l)" = 1 ]
	# coverage of the 90% interval on the held-out trades, all sizes
	cov=$(awk '$1 == "all" { sub("%", "", $3); print $3 }' summary.txt)
	echo "# held-out coverage of the 90% interval: $cov%" >&3
	assert [ "$(echo "$cov >= 80 && $cov <= 97" | bc -l)" = 1 ]
	# every query priced
	assert [ "$(awk -F'\t' 'NR > 1 && $NF != "ok"' out/costs.tsv | wc -l)" -eq 0 ]
}

@test "every bond with features is scored" {
	cd "$BATS_FILE_TMPDIR"
	assert_equal "$(tail -n +2 out/latest.tsv | cut -f1 | sort -u | wc -l)" \
		     "$(tail -n +2 out/features.tsv | cut -f1 | sort -u | wc -l)"
	assert_equal "$(data_rows out/scores.tsv)" "$(data_rows out/features.tsv)"
	assert_equal "$(awk -F'\t' 'NR > 1 && ($3 == "NA" || $4 == "NA")' out/scores.tsv | wc -l)" 0
}

@test "a second make does nothing; touching trades.tsv rebuilds what depends on it" {
	cd "$BATS_FILE_TMPDIR"
	run -0 make -C "$EX" OUT="$BATS_FILE_TMPDIR/out" $V -n all
	assert_output --partial "Nothing to be done"
	touch out/trades.tsv
	run -0 make -C "$EX" OUT="$BATS_FILE_TMPDIR/out" $V -n all
	assert_output --partial "roll -q"
	refute_output --partial "trace-sim -q"
	refute_output --partial "trace-clean"
}

@test "SHARDS=3 with GNU parallel gives byte-identical panels and fits" {
	cd "$BATS_FILE_TMPDIR"
	make -s -C "$EX" OUT="$BATS_FILE_TMPDIR/sharded" $V SHARDS=3 \
		"$BATS_FILE_TMPDIR/sharded/roll.tsv" "$BATS_FILE_TMPDIR/sharded/amihud.tsv" \
		"$BATS_FILE_TMPDIR/sharded/kyle.tsv" "$BATS_FILE_TMPDIR/sharded/itt.tsv" \
		"$BATS_FILE_TMPDIR/sharded/impact_raw.tsv"
	assert [ "$(ls sharded/shards/trades.*.tsv | wc -l)" -eq 3 ]
	for f in roll amihud kyle itt impact_raw; do
		cmp "out/$f.tsv" "sharded/$f.tsv"
	done
}
