#!/usr/bin/env bats
# The whole pipeline (examples/Makefile) end to end on a small universe:
# it runs, prints sane figures, scores every bond, and the sharded run
# gives the same bytes as the unsharded one.

load test_helper

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$LIQ_BIN:$PATH"
	export EX="$BATS_TEST_DIRNAME/../examples"
	export V="BONDS=80 START=2020-01-02 END=2021-12-31 SPLIT=2021-07-01 LIQBIN=$LIQ_BIN"
	make -s -C "$EX" OUT="$BATS_FILE_TMPDIR/out" $V demo > summary.txt 2> make.err
	[ -s summary.txt ]
}

@test "the demo prints every section" {
	cd "$BATS_FILE_TMPDIR"
	for s in "the simulated universe" "trace-clean" "the liquidity score model" \
		 "impact calibration" "pre-trade costs"; do
		grep -q "== $s" summary.txt || fail "no section '$s' in the summary"
	done
	run -0 grep -c "the clean trades are identical to what trace-sim planted" summary.txt
	assert_output 1
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
	# every query priced: three bonds at three sizes, pretrade's columns
	assert [ -s out/costs.tsv ]
	assert_equal "$(head -1 out/costs.tsv)" "$(printf 'cusip\tsize_mm\tside\thalf_spread_bps\timpact_bps\tcost_bps\tcost_lo_bps\tcost_hi_bps\tcost_usd\texec_days\tscore\tbucket\tstatus')"
	assert_equal "$(data_rows out/costs.tsv)" 9
	assert_equal "$(col out/costs.tsv status | sort -u)" ok
}

@test "every bond with features is scored" {
	cd "$BATS_FILE_TMPDIR"
	# the bonds that trade (some of the 80 never do)
	nb=$(col out/trades.tsv cusip | sort -u | wc -l)
	assert [ "$nb" -ge 60 ]
	assert_equal "$(col out/latest.tsv cusip | sort -u | wc -l)" "$nb"
	assert_equal "$(col out/features.tsv cusip | sort -u | wc -l)" "$nb"
	assert [ "$(data_rows out/scores.tsv)" -gt 0 ]
	assert_equal "$(data_rows out/scores.tsv)" "$(data_rows out/features.tsv)"
	assert_equal "$(tawk 'FNR > 1 && ($c("score_pred") == "NA" || $c("bucket") == "NA")' out/scores.tsv | wc -l)" 0
}

# (test_helper.bash clears MAKEFLAGS, MFLAGS and MAKELEVEL: under `make -s
# check` the -n runs would otherwise inherit -s and print nothing)
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
		assert [ "$(data_rows "out/$f.tsv")" -gt 0 ]
		run -0 cmp "out/$f.tsv" "sharded/$f.tsv"
	done
}
