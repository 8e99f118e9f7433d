# Shared set-up for liqfeatures, liqtrain and liqscore: 60 simulated bonds
# over 2020-2021 through the panels to features.tsv, and (with "models")
# the regression and classification fits of liqtrain.

F="$FIX/liqfeatures"
TAB=$(printf '\t')

# score_universe [models]: in $BATS_FILE_TMPDIR (for setup_file)
score_universe() {
	cd "$BATS_FILE_TMPDIR" || return 1
	export PATH="$LIQ_BIN:$PATH"
	trace-sim -q -n 60 --end 2021-12-31 --bonds-out bonds.tsv --macro-out macro.tsv \
		--clean-out trades.tsv > /dev/null
	for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv; done
	liqfeatures -q -b bonds.tsv --macro macro.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv > features.tsv
	[ "${1:-}" = models ] || return 0
	liqtrain -q -y score_fwd --cv 2 --rounds 60 --test 2021-07-01:2021-12-31 \
		-o model.json --splits splits.tsv features.tsv > metrics.tsv
	liqtrain -q -y bucket --objective class --cv 2 --rounds 60 \
		--test 2021-07-01:2021-12-31 -o classifier.json features.tsv > cmetrics.tsv
}
