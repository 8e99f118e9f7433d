#!/usr/bin/env bats
# trace-facts: the command line, bad input, a hand-made sample with every
# row checked, the rating-class groups, and a simulated universe.

load test_helper
load measures_helper

# the facts, in output order (trace-facts(1), FACTS)
FACTS="trades bonds size_median_usd size_share_lt100k size_share_100k_1mm
size_share_ge1mm size_share_ge5mm capped_share dealer_share customer_buy_share
customer_sell_share riskless_share cost_oneway_bps cost_oneway_lt100k_bps
cost_oneway_100k_1mm_bps cost_oneway_ge1mm_bps cost_oneway_ge5mm_bps
cost_buysell_bps cost_buysell_lt100k_bps cost_buysell_100k_1mm_bps
cost_buysell_ge1mm_bps cost_buysell_ge5mm_bps irc_mean_bps irc_median_bps
gamma_daily_mean_pct2 gamma_daily_median_pct2 gamma_trade_mean_pct2
gamma_trade_median_pct2 roll_mean_bps roll_median_bps roll_negcov_share
zero_bday_share zero_month_share itd_median_d itd_mean_d weekend_share
holiday_share $(for h in $(seq 0 23); do printf 'hour_%02d_share ' "$h"; done)"

# bonds ROW...: a bonds.tsv from rows "cusip rating"
bonds() {
	printf 'cusip\tissuer\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out\n'
	for r in "$@"; do
		set -- $r
		printf '%s\tX\tbank\t%s\t5\t2030-01-01\t2020-01-01\t500000000\n' "$1" "$2"
	done
}

# One bond, three days. Monday: a dealer print of 1MM at 100, 30 s later a
# customer buy of 1MM at 101 (a riskless-principal match and an imputed
# round trip: 1e4 x 1 / 101), a customer sell of 50k at 99. Tuesday: a
# dealer print of 6MM. Wednesday: a customer buy of 200k, no dealer print.
# Monday's reference is 100: the buy costs 100 bps, the sell 100 bps;
# buy minus sell (101 - 99) / 200 = 100 bps.
sample() {
	trades "A 2024-01-08 09:00:00 100 1000000 D" \
	       "A 2024-01-08 09:00:30 101 1000000 B" \
	       "A 2024-01-08 10:00:00 99 50000 S" \
	       "A 2024-01-09 11:00:00 100 6000000 D" \
	       "A 2024-01-10 12:00:00 100.5 200000 B"
}

@test "trace-facts: --help and --version exit 0" {
	run -0 trace-facts --help
	assert_output --partial "Usage: trace-facts [OPTION]... [trades.tsv]..."
	assert_output --partial "Output columns: fact group value n"
	assert_output --partial "Examples:"
	run -0 trace-facts -V
	assert_output "trace-facts (liq) 0.1.0"
}

@test "trace-facts: empty and header-only input give the header alone" {
	run -0 trace-facts -q "$M/empty.tsv"
	assert_output "$(printf 'fact\tgroup\tvalue\tn')"
	run -0 trace-facts -q "$M/header-only.tsv"
	assert_output "$(printf 'fact\tgroup\tvalue\tn')"
	run -0 sh -c "trace-facts -q < /dev/null"
	assert_output "$(printf 'fact\tgroup\tvalue\tn')"
}

@test "trace-facts: a hand-made sample, every row" {
	sample > s.tsv
	run --separate-stderr -0 trace-facts s.tsv
	assert_equal "$stderr" "trace-facts: 5 trades, 1 bonds, $((2 * 61)) rows"
	# the groups: all and the year, for every fact in order
	assert_equal "$(cols <(echo "$output") fact | tail -n +2 | uniq | tr '\n' ' ')" \
		"$(echo $FACTS) "
	assert_equal "$(col <(echo "$output") group | sort | uniq -c | tr -s ' ')" \
		"$(printf ' 61 2024\n 61 all')"
	# the year's rows are the sample's
	assert_equal "$(echo "$output" | awk -F'\t' '$2 == "2024" { print $1, $3, $4 }')" \
		"$(echo "$output" | awk -F'\t' '$2 == "all" { print $1, $3, $4 }')"
	echo "$output" | awk -F'\t' -v OFS='\t' '$2 == "all" { print $1, $3, $4 }' > got
	cat > want <<-'E'
	trades	5	5
	bonds	1	1
	size_median_usd	1000000	5
	size_share_lt100k	0.2	5
	size_share_100k_1mm	0.2	5
	size_share_ge1mm	0.6	5
	size_share_ge5mm	0.2	5
	capped_share	0	5
	dealer_share	0.4	5
	customer_buy_share	0.6666666667	3
	customer_sell_share	0.3333333333	3
	riskless_share	0.3333333333	3
	cost_oneway_bps	100	2
	cost_oneway_lt100k_bps	100	1
	cost_oneway_100k_1mm_bps	NA	0
	cost_oneway_ge1mm_bps	100	1
	cost_oneway_ge5mm_bps	NA	0
	cost_buysell_bps	100	1
	cost_buysell_lt100k_bps	NA	0
	cost_buysell_100k_1mm_bps	NA	0
	cost_buysell_ge1mm_bps	NA	0
	cost_buysell_ge5mm_bps	NA	0
	irc_mean_bps	99.00990099	1
	irc_median_bps	99.00990099	1
	gamma_daily_mean_pct2	NA	0
	gamma_daily_median_pct2	NA	0
	gamma_trade_mean_pct2	NA	0
	gamma_trade_median_pct2	NA	0
	roll_mean_bps	NA	0
	roll_median_bps	NA	0
	roll_negcov_share	NA	0
	zero_bday_share	0	3
	zero_month_share	0	1
	itd_median_d	1	2
	itd_mean_d	1	2
	weekend_share	0	5
	holiday_share	0	5
	E
	for h in $(seq 0 23); do
		case $h in 9) v=0.4 ;; 10|11|12) v=0.2 ;; *) v=0 ;; esac
		printf 'hour_%02d_share\t%s\t5\n' "$h" "$v"
	done >> want
	assert_equal "$(cat got)" "$(cat want)"
}

# One bond, one day, with trace-clean's capped and riskless columns: a
# customer buy of 1MM flagged riskless 1 (its dealer print collapsed away),
# a customer sell of 50k at 10:00:00 and a dealer print of 50k 30 s later,
# both flagged 0, a capped 5MM+ customer buy and a capped 5MM+ dealer print
# 5 s apart, flagged 0.
flagged() {
	printf 'cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless\n'
	printf '%s\n' "A	2024-01-08	09:00:30	101	1000000	B	0	1" \
		"A	2024-01-08	10:00:00	99	50000	S	0	0" \
		"A	2024-01-08	10:00:30	99.5	50000	D	0	0" \
		"A	2024-01-08	11:00:00	100	5000000	B	1	0" \
		"A	2024-01-08	11:00:05	100	5000000	D	1	0"
}

@test "trace-facts: riskless share from the riskless column, or by the pair rule without it; capped trades out of the sizes" {
	flagged > f.tsv
	# the column: 1 of the 3 customer prints
	run -0 trace-facts -q f.tsv
	assert_line "$(printf 'riskless_share\tall\t0.3333333333\t3')"
	# sizes of the 3 uncapped trades: 1MM, 50k, 50k; 2 of 5 capped
	assert_line "$(printf 'size_median_usd\tall\t50000\t3')"
	assert_line "$(printf 'size_share_lt100k\tall\t0.6666666667\t3')"
	assert_line "$(printf 'size_share_ge5mm\tall\t0\t3')"
	assert_line "$(printf 'capped_share\tall\t0.4\t5')"
	# no capped 5MM+ trade in the >= 5MM costs
	assert_line "$(printf 'cost_oneway_ge5mm_bps\tall\tNA\t0')"
	# without the two columns: sizes exact, the rule pairs the 50k sale
	# with the dealer print 30 s later and the 5MM buy with the 5MM
	# dealer print: 2 of 3
	cut -f1-6 f.tsv > plain.tsv
	run -0 trace-facts -q plain.tsv
	assert_line "$(printf 'riskless_share\tall\t0.6666666667\t3')"
	assert_line "$(printf 'capped_share\tall\t0\t5')"
	assert_line "$(printf 'size_share_ge5mm\tall\t0.4\t5')"
	# the same file through trace-clean's rule: each dealer print once
	printf '%s\n' "$(head -1 plain.tsv)" "A	2024-01-08	10:00:00	99	50000	S" \
		"A	2024-01-08	10:00:10	99	50000	B" \
		"A	2024-01-08	10:00:30	99.5	50000	D" > once.tsv
	run -0 trace-facts -q once.tsv
	assert_line "$(printf 'riskless_share\tall\t0.5\t2')"
	# a flag on the wrong side is bad data
	printf '%s\n' "$(head -1 f.tsv)" "A	2024-01-08	09:00:30	101	1000000	D	0	1" > bad.tsv
	run --separate-stderr -1 trace-facts -q bad.tsv
	assert_equal "$stderr" "trace-facts: bad.tsv:2: column 'riskless': '1' on a dealer print (1 marks a customer print, B or S; 2 a dealer print, D)"
}

@test "trace-facts: gamma and Roll with --min-obs; NA below it" {
	# 100 101 100 101 on one day: changes a -a a, two pairs, cov -2a^2
	trades "G 2024-01-08 09:00:00 100 100000 B" "G 2024-01-08 09:01:00 101 100000 S" \
	       "G 2024-01-08 09:02:00 100 100000 B" "G 2024-01-08 09:03:00 101 100000 S" > g.tsv
	run -0 trace-facts -q --min-obs 2 g.tsv
	want=$(awk 'BEGIN { a = log(101) - log(100); printf "%.10g %.10g", 2e4 * a * a, 2e4 * sqrt(2 * a * a) }')
	assert_line "$(printf 'gamma_trade_mean_pct2\tall\t%s\t1' "${want% *}")"
	assert_line "$(printf 'roll_mean_bps\tall\t%s\t1' "${want#* }")"
	assert_line "$(printf 'roll_negcov_share\tall\t1\t1')"
	run -0 trace-facts -q --min-obs 3 g.tsv
	assert_line "$(printf 'gamma_trade_mean_pct2\tall\tNA\t0')"
	run -0 trace-facts -q g.tsv
	assert_line "$(printf 'roll_mean_bps\tall\tNA\t0')"
}

@test "trace-facts: --bonds gives the class groups; a bond not in bonds.tsv is NR and counted" {
	{ sample; trades "B 2023-06-01 10:00:00 100 100000 S" | tail -n +2; } > s.tsv
	# sorted by cusip, date, time: A's rows, then B's
	bonds "A BB" "C AAA" > b.tsv
	run --separate-stderr -0 trace-facts -b b.tsv s.tsv
	assert_equal "$stderr" "trace-facts: 6 trades, 2 bonds (1 not in b.tsv, counted as NR), $((7 * 61)) rows"
	assert_equal "$(col <(echo "$output") group | head -7 | tr '\n' ' ')" \
		"all HY NR 2023 2024 HY:2024 NR:2023 "
	assert_line "$(printf 'trades\tHY\t5\t5')"
	assert_line "$(printf 'trades\tNR:2023\t1\t1')"
	assert_line "$(printf 'bonds\tall\t2\t2')"
	assert_line "$(printf 'customer_sell_share\tNR\t1\t1')"
	assert_line "$(printf 'size_median_usd\tall\t600000\t6')"
	# A rated BBB-: investment grade; an unrated bond is NR
	bonds "A BBB-" "B NR" > b2.tsv
	run -0 trace-facts -q --bonds b2.tsv s.tsv
	assert_equal "$(col <(echo "$output") group | head -7 | tr '\n' ' ')" \
		"all IG NR 2023 2024 IG:2024 NR:2023 "
	# without --bonds: all and the years only
	run -0 trace-facts -q s.tsv
	assert_equal "$(col <(echo "$output") group | head -3 | tr '\n' ' ')" "all 2023 2024 "
}

@test "trace-facts: bad values exit 1 with file:line; a missing column exits 2" {
	trades "A 2024-01-08 10:00:00 100 1000000 B" "A 2024-01-08 11:00:00 1O1 1000000 B" > p.tsv
	run --separate-stderr -1 trace-facts p.tsv
	assert_equal "$stderr" "trace-facts: p.tsv:3: column 'price': bad number '1O1'"
	assert_equal "$output" ""
	trades "A 2024-01-08 10:00:00 100 1000000 X" > side.tsv
	run --separate-stderr -1 trace-facts side.tsv
	assert_output ""
	assert_equal "$(echo "$stderr" | cut -d: -f1-3)" "trace-facts: side.tsv:2"
	trades "A 2024-01-08 10:00:00 100 1000000 B" | cut -f1-4,6 > noqty.tsv
	run --separate-stderr -2 trace-facts noqty.tsv
	assert_equal "$stderr" "trace-facts: noqty.tsv: missing column 'qty'"
	assert_equal "$output" ""
	run --separate-stderr -1 trace-facts /nonexistent.tsv
	assert_equal "$stderr" "trace-facts: /nonexistent.tsv: No such file or directory"
	sample > s.tsv
	printf 'cusip\trating\nA\tBB\n' > badbonds.tsv
	run -2 trace-facts -b badbonds.tsv s.tsv
	assert_output --partial "badbonds.tsv: missing column"
	bonds "A BB" "A BB" > dup.tsv
	run -1 trace-facts -b dup.tsv s.tsv
	assert_output "trace-facts: dup.tsv: cusip 'A' appears twice"
}

@test "trace-facts: unsorted input exits 1 with the line and the sort command" {
	panel_unsorted trace-facts
}

@test "trace-facts: bad options exit 2" {
	run --separate-stderr -2 trace-facts --min-obs 1
	assert_equal "$output" ""
	assert_equal "$stderr" "trace-facts: --min-obs: bad value '1' (want a whole number from 2 to 100000000)
Try 'trace-facts --help' for more information."
	run --separate-stderr -2 trace-facts -b
	assert_equal "$stderr" "trace-facts: option '-b' needs an argument"
	run -2 trace-facts --bogus
	assert_output "trace-facts: unknown option '--bogus' (trace-facts --help lists them)"
}

@test "trace-facts: a write error exits 1" {
	sample > s.tsv
	run -1 sh -c "trace-facts -q s.tsv > /dev/full"
	assert_output --partial "trace-facts: write error"
}

@test "trace-facts: a simulated universe: every fact of every group; several files as one stream" {
	trace-sim -q -n 30 --end 2021-06-30 --clean-out t.tsv --bonds-out b.tsv > /dev/null
	run --separate-stderr -0 trace-facts -b b.tsv t.tsv
	echo "$output" > f.tsv
	# every group has every fact once, in order
	assert_equal "$(col f.tsv fact | uniq | tr '\n' ' ')" "$(echo $FACTS) "
	g=$(col f.tsv group | sort -u | wc -l)
	assert_equal "$(data_rows f.tsv)" "$((61 * g))"
	# the trades of all are the file's; the years and the classes add up
	n=$(data_rows t.tsv)
	assert_equal "$(tawk '$c("fact") == "trades" && $c("group") == "all" { print $c("value") }' f.tsv)" "$n"
	assert_equal "$(tawk '$c("fact") == "trades" && $c("group") ~ /^[0-9]+$/ { s += $c("value") } END { print s }' f.tsv)" "$n"
	assert_equal "$(tawk '$c("fact") == "trades" && $c("group") ~ /^(IG|HY|NR)$/ { s += $c("value") } END { print s }' f.tsv)" "$n"
	# a value is NA exactly when its n is 0; shares lie in [0, 1]
	assert_equal "$(tawk 'NR > 1 && (($c("value") == "NA") != ($c("n") == 0)) { print }' f.tsv)" ""
	assert_equal "$(tawk 'NR > 1 && $c("fact") ~ /_share/ && $c("value") != "NA" && ($c("value") < 0 || $c("value") > 1) { print }' f.tsv)" ""
	# the sample's costs and gamma exist
	assert [ "$(tawk '$c("group") == "all" && $c("fact") == "cost_oneway_bps" { print $c("n") }' f.tsv)" -gt 100 ]
	assert [ "$(tawk '$c("group") == "all" && $c("fact") == "gamma_trade_mean_pct2" { print $c("n") }' f.tsv)" -gt 10 ]
	# two files: the first bonds in one, the rest in the other
	head -1 t.tsv > a.tsv
	head -1 t.tsv > c.tsv
	tawk 'FNR > 1 { k = $c("cusip"); if (!(k in seen)) { seen[k] = 1; m++ }
		print >> (m <= 10 ? "a.tsv" : "c.tsv") }' t.tsv
	run -0 trace-facts -q -b b.tsv a.tsv c.tsv
	assert_equal "$output" "$(cat f.tsv)"
}
