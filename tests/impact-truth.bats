#!/usr/bin/env bats
# impact-fit, impact-shrink and pretrade against what trace-sim planted
# (liq(7), SIMULATOR), with the thresholds set below; every figure is
# printed (bats -t shows it) for the record.
#
# The world is trace-sim's plain one (--plain): customers pay the half
# spread plus alpha sigma (q/ADV)^beta, the curve impact-fit fits, and every
# bond trades often. In the default world, where the markup falls with size
# and most bonds are dormant, impact-fit's curve is the wrong model: on seed
# 1 only 15 bonds have 200 prints, their median |beta - planted| is 1.39,
# the shrunk fit's held-out error against the planted cost is 30.5 bps and
# the raw fit extrapolates to thousands of bps for dormant bonds. That is
# the cost-curve work still to do, not a tolerance to widen here.
#
# Protocol: three seeds of the plain universe (500 bonds), simulated
# 2020-01-02 to 2022-12-30. Walk forward: fit on every trade up to a cut
# (--through), score the costs of the next six months' customer trades
# (measured against their arrival reference, from earlier prints only),
# refit at the next cut. Cuts every six months from 2020-06-30. Recovery
# of the planted alpha and beta uses the two-year fits (cut 2021-12-31).
# loglin is fitted at two cuts (2020-12-31, 2021-12-31) to keep this quick.

load test_helper

CUTS="2020-06-30 2020-12-31 2021-06-30 2021-12-31 2022-06-30 2022-12-30 2023-06-30 2023-12-29"
LOGLIN_CUTS="2020-12-31 2021-12-31"

# price OUT ARG...: pretrade ARG... > OUT, its warnings appended to warn.$s;
# the exit status must be exactly pretrade's contract: 1 when a row's
# status is not ok, else 0 (a crash, a usage error or a bad table fails)
price() {
	local out=$1 rc=0 want
	shift
	pretrade -q "$@" > "$out" 2>> "warn.$s" || rc=$?
	want=$(tawk 'FNR > 1 && $c("status") != "ok" { bad = 1 } END { print bad + 0 }' "$out")
	if [ "$rc" != "$want" ]; then
		echo "pretrade $*: exit $rc, want $want" >&2
		return 1
	fi
	[ "$(data_rows "$out")" -gt 0 ] || { echo "pretrade $*: no rows" >&2; return 1; }
}

# one seed: simulate, then fit, shrink and price every window; appends its
# rows to eval.$s.tsv:
#  seed cut cusip size_mm side real n shr shr_lo shr_hi shr_st raw raw_st ll ll_st
#  rec_lo rec_hi
seed_run() {
	s=$1
	trace-sim -q -s "$s" --plain --clean-out "t$s.tsv" \
		--truth-out "truth$s.tsv" --bonds-out "bonds$s.tsv" > /dev/null
	: > "eval.$s.tsv"
	set -- $CUTS
	while [ $# -ge 2 ]; do
		c=$1 e=$2
		shift
		impact-fit -q --through "$c" --prints-out "p$s.$c.tsv" "t$s.tsv" > "raw$s.$c.tsv"
		impact-shrink -q --bonds "bonds$s.tsv" "raw$s.$c.tsv" > "imp$s.$c.tsv"
		tawk -v from="$c" -v to="$e" 'FNR == 1 { print "cusip", "size_mm", "side", "real"; next }
			$c("date") > from && $c("date") <= to && $c("cost_bps") != "NA" {
				print $c("cusip"), $c("qty") / 1e6, $c("side"), $c("cost_bps") }' \
			"p$s.$c.tsv" > "q$s.$c.tsv"
		# (the warnings of bonds without a raw fit go to a file)
		price "o.$s" --impact "imp$s.$c.tsv" "q$s.$c.tsv"
		cols "o.$s" cost_bps cost_lo_bps cost_hi_bps status > "shr.$s"
		price "o.$s" --impact "raw$s.$c.tsv" "q$s.$c.tsv"
		cols "o.$s" cost_bps status > "raw.$s"
		# the shrunk fit's intervals recalibrated on the month before the cut
		price "o.$s" --impact "imp$s.$c.tsv" --recalibrate "p$s.$c.tsv" --as-of "$c" "q$s.$c.tsv"
		cols "o.$s" cost_lo_bps cost_hi_bps > "rec.$s"
		case " $LOGLIN_CUTS " in
		*" $c "*)
			impact-fit -q --method loglin --through "$c" "t$s.tsv" > "ll$s.$c.tsv"
			price "o.$s" --impact "ll$s.$c.tsv" "q$s.$c.tsv"
			cols "o.$s" cost_bps status > "ll.$s" ;;
		*)
			awk 'NR == 1 { print "cost_bps\tstatus"; next } { print "NA\tnone" }' \
				"q$s.$c.tsv" > "ll.$s" ;;
		esac
		cols "raw$s.$c.tsv" cusip n | tail -n +2 | sort > "n.$s"
		paste "q$s.$c.tsv" "shr.$s" "raw.$s" "ll.$s" "rec.$s" | tail -n +2 |
			sort -t"$(printf '\t')" -k1,1 | join -t"$(printf '\t')" - "n.$s" |
			awk -F'\t' -v s="$s" -v c="$c" 'BEGIN { OFS = "\t" }
				{ print s, c, $1, $2, $3, $4, $15, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 }' \
			>> "eval.$s.tsv"
	done
}

# truth per bond: cusip alpha beta sigma_bps adv_usd half_spread_trade_bps
truth_cols() {
	cols "$1" cusip alpha beta sigma_bps adv_usd half_spread_trade_bps | tail -n +2 | sort
}

setup_file() {
	cd "$BATS_FILE_TMPDIR"
	export PATH="$LIQ_BIN:$PATH"
	export CUTS LOGLIN_CUTS
	seed_run 1 &
	p1=$!
	seed_run 2 &
	p2=$!
	wait $p1
	wait $p2
	seed_run 3
	for s in 1 2 3; do
		truth_cols "truth$s.tsv" > "tr$s.tsv"
		sort -t"$(printf '\t')" -k3,3 "eval.$s.tsv" |
			join -t"$(printf '\t')" -1 3 -2 1 - "tr$s.tsv"
	done > eval.tsv
	# eval.tsv: 1 cusip 2 seed 3 cut 4 size_mm 5 side 6 real 7 n 8 shr
	#  9 shr_lo 10 shr_hi 11 shr_st 12 raw 13 raw_st 14 ll 15 ll_st
	#  16 rec_lo 17 rec_hi 18 alpha 19 beta 20 sigma 21 adv 22 h_trade
	[ "$(wc -l < eval.tsv)" -gt 100000 ]
}

# median of stdin (one number a line)
median() {
	sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

@test "beta and alpha of bonds with >= 200 prints: nls within 0.1 and 30% (median)" {
	cd "$BATS_FILE_TMPDIR"
	for m in raw ll; do
		for s in 1 2 3; do
			tawk 'FNR > 1 && $c("n") >= 200 && $c("alpha") != "NA" { print $c("cusip"), $c("alpha"), $c("beta") }' \
				"$m$s.2021-12-31.tsv" | sort | join -t"$(printf '\t')" - "tr$s.tsv"
		done > "rec.$m"
	done
	# cusip alpha_hat beta_hat alpha beta ...
	n=$(wc -l < rec.raw)
	db=$(awk -F'\t' '{ d = $3 - $5; print d < 0 ? -d : d }' rec.raw | median)
	da=$(awk -F'\t' '{ d = $2 / $4 - 1; print d < 0 ? -d : d }' rec.raw | median)
	db0=$(awk -F'\t' '{ d = 0.55 - $5; print d < 0 ? -d : d }' rec.raw | median)
	nl=$(wc -l < rec.ll)
	dbl=$(awk -F'\t' '{ d = $3 - $5; print d < 0 ? -d : d }' rec.ll | median)
	dal=$(awk -F'\t' '{ d = $2 / $4 - 1; print d < 0 ? -d : d }' rec.ll | median)
	echo "# nls, $n bonds with >= 200 prints: median |beta - planted| $db, median |alpha/planted - 1| $da" >&3
	echo "# loglin, $nl bonds: median |beta - planted| $dbl, median |alpha/planted - 1| $dal" >&3
	echo "# (guessing the middle of the planted range, beta = 0.55: $db0)" >&3
	assert [ "$n" -ge 500 ]
	assert [ "$(echo "$db <= 0.1" | bc -l)" = 1 ]
	assert [ "$(echo "$da <= 0.3" | bc -l)" = 1 ]
	# the threshold alone would pass a constant; the fit must do far better
	assert [ "$(echo "$db < $db0 / 2" | bc -l)" = 1 ]
	assert [ "$(echo "$db < $dbl" | bc -l)" = 1 ]
}

@test "out of sample, the default (nls) beats loglin on mean absolute cost error" {
	cd "$BATS_FILE_TMPDIR"
	read -r n nls ll shr pn pl ps < <(awk -F'\t' '
		function ab(x) { return x < 0 ? -x : x }
		$11 == "ok" && $13 == "ok" && $15 == "ok" {
			q = $4 * 1e6; o = $22 + $18 * $20 * (q / $21) ^ $19
			n++; a += ab($6 - $12); b += ab($6 - $14); c += ab($6 - $8)
			pa += ab(o - $12); pb += ab(o - $14); pc += ab(o - $8) }
		END { print n, a / n, b / n, c / n, pa / n, pb / n, pc / n }' eval.tsv)
	echo "# $n held-out trades (cuts $LOGLIN_CUTS), MAE vs realized cost: nls $nls, loglin $ll, nls shrunk $shr bps" >&3
	echo "# against the planted expected cost of the same trades: nls $pn, loglin $pl, nls shrunk $ps bps" >&3
	assert [ "$n" -ge 50000 ]
	assert [ "$(echo "$nls < $ll" | bc -l)" = 1 ]
	assert [ "$(echo "$pn < $pl" | bc -l)" = 1 ]
}

# A trade's realized cost is measured against a reference that, for a bond
# printing once a week, is days old: that noise, which no estimate can
# remove, dominates the error against realized costs (the "oracle" line:
# the planted parameters themselves). The issue's 20% is asserted on the
# error of the expected cost against the planted one; the realized-cost
# figures are printed and must improve too.
@test "shrinkage cuts the cost error of bonds with < 20 prints by >= 20% against the planted cost" {
	cd "$BATS_FILE_TMPDIR"
	read -r n bonds rr rs ro pr ps < <(awk -F'\t' '
		function ab(x) { return x < 0 ? -x : x }
		$7 < 20 && $11 == "ok" && $13 == "ok" {
			q = $4 * 1e6; o = $22 + $18 * $20 * (q / $21) ^ $19
			n++; b[$2 " " $3 " " $1] = 1
			rr += ab($6 - $12); rs += ab($6 - $8); ro += ab($6 - o)
			pr += ab(o - $12); ps += ab(o - $8) }
		END { for (k in b) nb++; print n, nb, rr / n, rs / n, ro / n, pr / n, ps / n }' eval.tsv)
	cut_p=$(awk -v a="$ps" -v b="$pr" 'BEGIN { printf "%.1f", 100 * (1 - a / b) }')
	cut_r=$(awk -v a="$rs" -v b="$rr" 'BEGIN { printf "%.1f", 100 * (1 - a / b) }')
	cut_o=$(awk -v a="$ro" -v b="$rr" 'BEGIN { printf "%.1f", 100 * (1 - a / b) }')
	echo "# $n held-out trades of $bonds bond-windows with < 20 prints and a raw fit" >&3
	echo "# vs planted expected cost: raw $pr, shrunk $ps bps: $cut_p% less" >&3
	echo "# vs realized cost: raw $rr, shrunk $rs bps: $cut_r% less (planted parameters: $ro, $cut_o% less)" >&3
	assert [ "$n" -ge 1000 ]
	assert [ "$(echo "$ps <= 0.8 * $pr" | bc -l)" = 1 ]
	assert [ "$(echo "$rs < $rr" | bc -l)" = 1 ]
}

@test "the 90% interval covers 85-95% of held-out costs, overall and in each size bucket" {
	cd "$BATS_FILE_TMPDIR"
	# coverage as fitted (columns 9, 10) and recalibrated on the month
	# before the cut (16, 17): by size bucket, overall, and by cut
	for m in fit rec; do
		awk -F'\t' -v m=$m '$11 == "ok" { q = $4 * 1e6; b = q < 1e5 ? "a <$100k" : q < 1e6 ? "b $100k-1MM" : "c >=$1MM"
			lo = m == "fit" ? $9 : $16; hi = m == "fit" ? $10 : $17
			y = $6; c = y >= lo && y <= hi; n[b]++; k[b] += c; n["all"]++; k["all"] += c
			n["cut " $3]++; k["cut " $3] += c }
			END { for (b in n) printf "%s\t%d\t%.4f\n", b, n[b], k[b] / n[b] }' eval.tsv | sort > "cover.$m"
	done
	join -t"$(printf '\t')" cover.fit cover.rec | awk -F'\t' '{ printf "# coverage %-14s %8d  as fitted %.4f  recalibrated %.4f\n", $1, $2, $3, $5 }' >&3
	# one fit used for a whole year: informational (the 2022 stress is in it)
	for s in 1 2 3; do
		tawk 'FNR == 1 { print "cusip", "size_mm", "side", "real"; next }
			$c("date") > "2021-12-31" && $c("cost_bps") != "NA" {
				print $c("cusip"), $c("qty") / 1e6, $c("side"), $c("cost_bps") }' "p$s.2021-12-31.tsv" > "y$s.tsv"
		price "y$s.out" --impact "imp$s.2021-12-31.tsv" "y$s.tsv"
	done
	tawk 'FNR > 1 && $c("status") == "ok" { n++; k += $c("real") >= $c("cost_lo_bps") && $c("real") <= $c("cost_hi_bps") }
		END { printf "# (one fit, 2021-12-31, for all of 2022: %.4f of %d)\n", k / n, n }' y1.out y2.out y3.out >&3
	for m in fit rec; do
		while IFS="$(printf '\t')" read -r b n c; do
			case "$b" in cut*) continue ;; esac
			assert [ "$n" -ge 10000 ]
			assert [ "$(echo "$c >= 0.85 && $c <= 0.95" | bc -l)" = 1 ]
		done < "cover.$m"
	done
	# recalibration brings the windows closer to 90%: root mean square
	# distance of the windows' coverage from 0.9, and the worst window
	read -r df dr wf wr < <(join -t"$(printf '\t')" cover.fit cover.rec | awk -F'\t' '
		function ab(x) { return x < 0 ? -x : x }
		/^cut/ { n++; f += ($3 - 0.9) ^ 2; r += ($5 - 0.9) ^ 2
			if (ab($3 - 0.9) > wf) wf = ab($3 - 0.9); if (ab($5 - 0.9) > wr) wr = ab($5 - 0.9) }
		END { print sqrt(f / n), sqrt(r / n), wf, wr }')
	echo "# windows' distance from 90%: as fitted rms $df worst $wf; recalibrated rms $dr worst $wr" >&3
	assert [ "$(echo "$dr < $df && $wr < $wf" | bc -l)" = 1 ]
}
