#!/usr/bin/env bats
# The measures against what trace-sim planted (liq(7), SIMULATOR), on the
# default universe (500 bonds, 2020-2023), with the thresholds set below;
# the figures are printed (bats -t shows them) for the record. The default
# world has markups that fall with size, inventory pressure and dormant
# bonds (trace-sim(1), MODEL); --plain turns those off, for the checks of
# an estimator in the world its own model describes.

load test_helper

# median of a panel column per cusip: "cusip median"
panel_median() { # FILE COLUMN
	tawk -v k="$2" 'FNR > 1 && $c(k) != "NA" { print $c("cusip"), $c(k) }' "$1" |
	sort -t"$(printf '\t')" -k1,1 -k2,2g |
	awk -F'\t' '{ v[$1, ++n[$1]] = $2 }
		END { for (c in n) { m = n[c]; print c "\t" (m % 2 ? v[c, (m + 1) / 2] : (v[c, m / 2] + v[c, m / 2 + 1]) / 2) } }' |
	sort
}

# truth column per cusip: "cusip value trades_per_day"
truth_col() { # FILE COLUMN
	cols "$1" cusip "$2" trades_per_day | tail -n +2 | sort
}

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$LIQ_BIN:$PATH"
	trace-sim -q --truth-out truth.tsv --clean-out trades.tsv > /dev/null
	trace-sim -q --plain --impact-scale 0 --truth-out truth0.tsv --clean-out trades0.tsv > /dev/null
	trace-sim -q --plain --truth-out truthp.tsv --clean-out tradesp.tsv > /dev/null
	roll -q trades.tsv > roll.tsv
	roll -q trades0.tsv > roll0.tsv
	kyle -q trades.tsv > kyle.tsv
	kyle -q tradesp.tsv > kylep.tsv
}

# Roll's measure is the price bounce of all trades, so in the default world
# it tracks the whole one-way cost a customer pays (half spread, markup and
# impact: truth's cost_bps), not the half spread alone (Spearman 0.61 with
# 2h). It needs trades to bounce: the bonds trading at least 0.2 a day.
@test "median roll_bps ranks like the planted one-way cost where bonds trade (Spearman >= 0.75)" {
	cd "$BATS_FILE_TMPDIR"
	join -t"$(printf '\t')" <(panel_median roll.tsv roll_bps) <(truth_col truth.tsv cost_bps) > j
	read -r rho_all n_all < <(awk -F'\t' '{ print $2, $3 }' j | awk -f "$LIQ_ROOT/tests/spearman.awk")
	read -r rho n < <(awk -F'\t' '$4 >= 0.2 { print $2, $3 }' j | awk -f "$LIQ_ROOT/tests/spearman.awk")
	echo "# roll vs cost: Spearman $rho over $n bonds trading >= 0.2 a day; $rho_all over all $n_all with a roll" >&3
	# measured (seed 1): 0.84 over 152 bonds; 0.76 over all 240
	assert [ "$n" -ge 120 ]
	assert [ "$(echo "$rho >= 0.75" | bc)" = 1 ]
}

@test "in Roll's world, median roll_bps is 2 x the half spread for bonds trading >= 5 a day" {
	cd "$BATS_FILE_TMPDIR"
	join -t"$(printf '\t')" <(panel_median roll0.tsv roll_bps) <(truth_col truth0.tsv half_spread_bps) |
		awk -F'\t' '$4 >= 5 { print $2 / (2 * $3) - 1 }' | sort -g > err
	n=$(wc -l < err)
	med=$(awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }' err)
	within15=$(awk '$1 >= -0.15 && $1 <= 0.15' err | wc -l)
	worst=$(awk '{ a = $1 < 0 ? -$1 : $1; if (a > m) m = a } END { print m }' err)
	echo "# $n bonds >= 5 trades/day: median relative error $med, $within15 within 15%, worst $worst" >&3
	assert [ "$n" -ge 20 ]
	# the typical bond sits within 15% (the median error within 5%) and
	# nearly all do: the rest is the estimator's sampling noise, not bias
	assert [ "$(echo "$med >= -0.05 && $med <= 0.05" | bc)" = 1 ]
	assert [ "$((within15 * 10))" -ge "$((n * 9))" ]
	assert [ "$(echo "$worst < 0.25" | bc)" = 1 ]
}

# In the plain world (customers pay the half spread plus impact, every bond
# trades often) the slope ranks like the planted permanent impact. In the
# default world it does much worse, and this is a finding, not a tolerance:
# the markup falls with size, so small trades move prices most and the
# slope of return on signed size mixes the markup curve into lambda
# (measured 0.54 over 167 bonds; 0.50 over the 56 trading >= 1 a day).
@test "median kyle_lambda ranks like the planted lambda: >= 0.8 in the plain world, >= 0.45 in the default one" {
	cd "$BATS_FILE_TMPDIR"
	join -t"$(printf '\t')" <(panel_median kylep.tsv kyle_lambda) <(truth_col truthp.tsv kyle_lambda) |
		awk -F'\t' '{ print $2, $3 }' > pairs
	read -r rhop np < <(awk -f "$LIQ_ROOT/tests/spearman.awk" pairs)
	join -t"$(printf '\t')" <(panel_median kyle.tsv kyle_lambda) <(truth_col truth.tsv kyle_lambda) |
		awk -F'\t' '{ print $2, $3 }' > pairs
	read -r rho n < <(awk -f "$LIQ_ROOT/tests/spearman.awk" pairs)
	echo "# kyle vs planted lambda: Spearman $rhop over $np bonds (plain); $rho over $n (default)" >&3
	assert [ "$np" -ge 400 ]
	assert [ "$(echo "$rhop >= 0.8" | bc)" = 1 ]
	assert [ "$n" -ge 140 ]
	assert [ "$(echo "$rho >= 0.45" | bc)" = 1 ]
}

@test "itt's trade counts equal the clean trades exactly" {
	cd "$BATS_FILE_TMPDIR"
	run -0 sh -c 'itt -q -w 1 trades.tsv > itt1.tsv'
	tawk 'FNR > 1 && $c("trades") > 0 { print $c("cusip") " " $c("date") " " $c("trades") }' itt1.tsv > got
	# a weekend trade counts in the following Monday's business day
	cols trades.tsv cusip date | tail -n +2 | tr '\t' ' ' > dates
	bday_dates dates | uniq -c | awk '{ print $2, $3, $1 }' > want
	assert [ "$(wc -l < want)" -gt 10000 ]
	run -0 diff want got
	# and a 21-day window counts the trades of its 21 business days
	run -0 sh -c 'itt -q --through 2023-12-29 trades.tsv > itt21.tsv'
	w21=$(tawk 'FNR > 1 && $c("date") == "2021-06-30" { s += $c("trades") } END { print s + 0 }' itt21.tsv)
	want21=$(tawk 'FNR > 1 && $c("date") >= "2021-06-02" && $c("date") <= "2021-06-30"' trades.tsv | wc -l)
	assert [ "$want21" -gt 1000 ]
	assert_equal "$w21" "$want21"
}
