#!/usr/bin/env bats
# The simulator against the published record of TRACE: trace-facts on
# trace-sim's default universe (500 bonds, 2020-2023, seed 1) falls in the
# published ranges below, each with its source. The figures are printed
# (bats -t) for the record; `make facts` prints the same table for README.md.

load test_helper

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$LIQ_BIN:$PATH"
	trace-sim -q --clean-out trades.tsv --bonds-out bonds.tsv --costs-out costs.tsv > /dev/null
	trace-facts -q -b bonds.tsv trades.tsv > facts.tsv
}

# fact NAME: its value for the group "all"
fact() {
	tawk -v k="$1" 'FNR > 1 && $c("fact") == k && $c("group") == "all" { print $c("value") }' \
		"$BATS_FILE_TMPDIR/facts.tsv"
}

# between X LO HI: LO <= X <= HI
between() {
	[ -n "$1" ] && [ "$1" != NA ] && [ "$(echo "$2 <= $1 && $1 <= $3" | bc -l)" = 1 ]
}

@test "one-way customer cost falls with size: retail pays the most" {
	# Edwards, Harris and Piwowar (2007): costs fall with trade size;
	# Harris (2015): about 85 bps for retail-size trades against about 52
	# for larger ones; Schultz (2001). Retail in 50-120 bps; each bucket
	# below the one before.
	lt=$(fact cost_oneway_lt100k_bps)
	mid=$(fact cost_oneway_100k_1mm_bps)
	big=$(fact cost_oneway_ge1mm_bps)
	echo "# one-way cost: < \$100k $lt, \$100k-1MM $mid, >= \$1MM $big bps" >&3
	between "$lt" 50 120
	[ "$(echo "$lt > $mid && $mid > $big && $big > 0" | bc -l)" = 1 ]
}

@test "the Bao-Pan-Wang gamma on daily prices is at the published level" {
	# Bao, Pan and Wang (2011), Table II: mean gamma 0.57 (2006) to 1.18
	# (2003-2009, with the crisis), in %^2
	g=$(fact gamma_daily_mean_pct2)
	echo "# gamma (daily prices) mean $g %^2" >&3
	between "$g" 0.57 1.18
}

@test "riskless-principal pairs are about a third of customer prints" {
	# Harris and Mehta (2020): about 37% of customer trades; 25-50%
	r=$(fact riskless_share)
	echo "# riskless share $r" >&3
	between "$r" 0.25 0.50
}

@test "about a third of bond-months have no trade" {
	# the average issue does not trade in about 35% of its months; 25-45%
	z=$(fact zero_month_share)
	echo "# zero-trade bond-months $z" >&3
	between "$z" 0.25 0.45
}

@test "trades outside regular days and hours are present and rare" {
	# TRACE has after-hours, weekend and holiday executions, reported as-of
	# (FINRA Rule 6730); each a small share: above 0, below 5%
	w=$(fact weekend_share)
	h=$(fact holiday_share)
	off=$(tawk 'FNR > 1 && $c("group") == "all" && $c("fact") ~ /^hour_/ {
		hr = substr($c("fact"), 6, 2) + 0; if (hr < 8 || hr >= 18) s += $c("value") } END { print s + 0 }' \
		"$BATS_FILE_TMPDIR/facts.tsv")
	echo "# weekend $w, holiday $h, before 08:00 or from 18:00 $off" >&3
	between "$w" 0.00001 0.05
	between "$h" 0.00001 0.05
	between "$off" 0.001 0.05
}

@test "trace-facts' one-way cost by size recovers the planted cost of the same trades (within 5%)" {
	# the planted expected cost (trace-sim --costs-out) of the customer
	# trades of bond-days with an inter-dealer trade, the ones trace-facts
	# can measure against the inter-dealer price
	cd "$BATS_FILE_TMPDIR"
	tawk 'FNR > 1 && $c("side") == "D" { print $c("cusip") " " $c("date") }' trades.tsv | sort -u > ddays
	assert [ "$(wc -l < ddays)" -gt 1000 ]
	tawk 'NR == FNR { d[$0] = 1; next } FNR > 1 && ($c("cusip") " " $c("date")) in d {
		q = $c("qty"); k = q < 100000 ? "lt100k" : q < 1000000 ? "100k_1mm" : "ge1mm"
		s[k] += $c("expected_bps"); n[k]++ }
		END { for (k in s) print k, s[k] / n[k], n[k] }' ddays costs.tsv > planted
	for k in lt100k 100k_1mm ge1mm; do
		p=$(awk -v k=$k '$1 == k { print $2 }' planted)
		m=$(fact cost_oneway_${k}_bps)
		echo "# $k: measured $m, planted $p bps" >&3
		[ "$(echo "$m >= 0.95 * $p && $m <= 1.05 * $p" | bc -l)" = 1 ]
	done
}

@test "README.md's facts table is the one make facts prints" {
	cd "$BATS_FILE_TMPDIR"
	run -0 "$LIQ_ROOT/scripts/facts-table" facts.tsv
	assert [ "${#lines[@]}" -eq 11 ]
	want=$(printf '%s\n' "$output" | tail -n +3)
	got=$(awk '/^## How realistic is the simulator/ { on = 1; next } on && /^## / { exit }
		on && /^\| / && !/^\| fact / && !/^\|---/' "$LIQ_ROOT/README.md")
	assert_equal "$got" "$want"
}
