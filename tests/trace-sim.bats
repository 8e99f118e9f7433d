#!/usr/bin/env bats
# trace-sim: options, determinism, output contracts, failures.

load test_helper

small() { trace-sim -n 30 --start 2021-01-04 --end 2021-06-30 "$@"; }

@test "--help prints usage with examples on stdout, exit 0" {
	run -0 trace-sim --help
	assert_line --index 0 "Usage: trace-sim [OPTION]... > raw.tsv"
	assert_output --partial "Examples:"
	assert_output --partial "--clean-out"
}

@test "--version names the tool" {
	run -0 trace-sim --version
	assert_output --regexp '^trace-sim \(liq\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "same seed gives byte-identical output, another seed does not" {
	small -s 7 --truth-out t1 --clean-out c1 > r1
	small -s 7 --truth-out t2 --clean-out c2 > r2
	small -s 8 > r3
	cmp r1 r2
	cmp t1 t2
	cmp c1 c2
	! cmp -s r1 r3
}

@test "WRDS layout: header and field count of every row" {
	small > raw.tsv
	run -0 head -1 raw.tsv
	assert_output "$(printf 'cusip_id\ttrd_exctn_dt\ttrd_exctn_tm\ttrd_rpt_dt\ttrd_rpt_tm\tmsg_seq_nb\torig_msg_seq_nb\ttrc_st\tasof_cd\trptd_pr\tentrd_vol_qt\trpt_side_cd\tcntra_mp_id\twis_fl\tspcl_trd_fl\tdays_to_sttl_ct\tsale_cndtn_cd\tlckd_in_ind')"
	run -0 awk -F'\t' 'NF != 18 { bad++ } END { print bad + 0 }' raw.tsv
	assert_output 0
	# reports come in report order: (trd_rpt_dt, trd_rpt_tm) never decreases
	run -0 tawk 'FNR > 1 { t = $c("trd_rpt_dt") " " $c("trd_rpt_tm"); n++; if (n > 1 && t < prev) bad++; prev = t }
		END { print bad + 0 " " (n > 100) }' raw.tsv
	assert_output "0 1"
	# every status of the post-2012 vocabulary is planted
	assert_equal "$(col raw.tsv trc_st | sort -u | tr '\n' ' ')" "C R T X Y "
}

@test "side files: bonds, macro, truth, counts, clean trades" {
	small --bonds-out b.tsv --macro-out m.tsv --truth-out t.tsv \
	      --counts-out k.tsv --clean-out c.tsv > raw.tsv
	assert_equal "$(head -1 b.tsv)" "$(printf 'cusip\tissuer\tsector\trating\tcoupon\tmaturity\tissue_date\tamount_out')"
	assert_equal "$(head -1 t.tsv)" "$(printf 'cusip\thalf_spread_bps\tkyle_lambda\talpha\tbeta\tsigma_bps\tadv_usd\tliquidity\ttrades_per_day\thalf_spread_trade_bps\tmarkup_bps\tpressure_k\tcost_bps')"
	assert_equal "$(head -1 m.tsv)" "$(printf 'date\tvix\tcdx_ig_bps\tcdx_hy_bps\tust10y_pct\tlqd_volume\thyg_volume')"
	assert_equal "$(head -1 c.tsv)" "$(printf 'cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless')"
	assert_equal "$(data_rows b.tsv)" 30
	assert_equal "$(data_rows t.tsv)" 30
	# one macro row per business day: 2021-01-04 .. 2021-06-30 has 128
	assert_equal "$(data_rows m.tsv)" 128
	# the same bonds in bonds.tsv and truth.tsv, sorted by cusip
	assert_equal "$(col b.tsv cusip)" "$(col t.tsv cusip)"
	run -0 sort -c <(col b.tsv cusip)
	# clean trades sorted by (cusip, date, time), sides B/S/D
	assert [ "$(data_rows c.tsv)" -gt 100 ]
	run -0 sort -c -t"$(printf '\t')" -k1,1 -k2,2 -k3,3 <(cols c.tsv cusip date time | tail -n +2)
	assert_equal "$(col c.tsv side | sort -u | tr '\n' ' ')" "B D S "
}

@test "counts add up: reports = removed rows + clean rows = raw rows" {
	small --counts-out k.tsv --clean-out c.tsv > raw.tsv
	reports=$(count reports k.tsv)
	removed=$(tawk '$c("kind") ~ /^(cancelled|corrected|reversed|dealer_buy|when_issued|special_price|settlement|price_error)$/ {
		s += $c("count") } END { print s }' k.tsv)
	clean=$(count clean k.tsv)
	assert [ "$reports" -gt 100 ]
	assert_equal "$reports" "$(data_rows raw.tsv)"
	assert_equal "$((removed + clean))" "$reports"
	assert_equal "$clean" "$(data_rows c.tsv)"
	# X, C and Y records: two rows removed each
	for kx in cancelled:X corrected:C reversed:Y; do
		assert_equal "$(($(count ${kx%:*} k.tsv) / 2))" "$(col raw.tsv trc_st | grep -c "^${kx#*:}\$")"
	done
}

@test "--errors 0 plants no errors: only the dealer buy duplicates and the as-of reports of closed-market trades" {
	small --errors 0 --counts-out k.tsv --clean-out c.tsv > raw.tsv
	run -0 tawk '$c("kind") ~ /^(cancelled|corrected|reversed|special_price|settlement|price_error)$/ && $c("count") != 0' k.tsv
	assert_output ""
	assert [ "$(count dealer_buy k.tsv)" -gt 0 ]
	assert_equal "$(col raw.tsv trc_st | sort -u)" T
	# the as-of reports are exactly the trades executed while TRACE is
	# closed: after 18:30, or on a day that is not a business day (reported
	# the next business day)
	# (one per trade: not the buyer's report of an inter-dealer trade)
	tawk 'FNR > 1 && $c("asof_cd") == "A" && !($c("rpt_side_cd") == "B" && $c("cntra_mp_id") == "D") {
		print $c("trd_exctn_dt"), $c("trd_exctn_tm"), $c("trd_rpt_dt") }' raw.tsv > asof
	assert [ "$(wc -l < asof)" -gt 0 ]
	assert_equal "$(wc -l < asof)" "$(count as_of k.tsv)"
	run -0 awk '$2 < "18:30:00" && $1 == $3' asof
	assert_output ""
	# with --off-hours 0 there are none
	small --errors 0 --off-hours 0 --counts-out k0.tsv > /dev/null
	assert_equal "$(count as_of k0.tsv)" 0
}

@test "--impact-scale 0 plants no impact in the truth" {
	small --impact-scale 0 --truth-out t.tsv > /dev/null
	assert_equal "$(data_rows t.tsv)" 30
	run -0 tawk 'FNR > 1 && ($c("kyle_lambda") != 0 || $c("alpha") != 0)' t.tsv
	assert_output ""
}

@test "FINRA layout: header, trailer count, YYYYMMDD dates" {
	small --format finra > raw.txt
	run -0 head -1 raw.txt
	assert_output --partial "Record Count Num|Reference Number|Trade Status|TRACE Symbol|CUSIP|"
	assert_output --partial "|Prior Trade Report Date|Prior Reference Number|First Trade Control Date|First Trade Control Number"
	rows=$(($(wc -l < raw.txt) - 2))
	run -0 tail -1 raw.txt
	assert_output --regexp '^20210630235959[0-9]{10}$'
	assert_equal "$((10#${output:14}))" "$rows"
	run -0 awk -F'|' 'NR > 1 && NF != 37 { bad++ } END { print bad }' raw.txt
	assert_output 1   # the trailer
}

@test "--split writes one FINRA file per report date, each with its trailer" {
	trace-sim -n 10 --start 2021-03-01 --end 2021-03-12 --format finra --split d
	assert_equal "$(ls d | wc -l)" 10
	assert [ -f d/enhanced-time-and-sales-cusip-2021-03-01.txt ]
	for f in d/*.txt; do
		rows=$(($(wc -l < "$f") - 2))
		t=$(tail -1 "$f")
		assert_equal "$((10#${t:14}))" "$rows"
	done
}

@test "before 2012-02-06 the WRDS layout is written in that era's vocabulary, after it in today's" {
	trace-sim -q -n 20 --start 2011-11-01 --end 2012-04-30 --counts-out k.tsv > raw.tsv
	run -0 tawk 'FNR > 1 { print ($c("trd_rpt_dt") < "2012-02-06" ? "pre" : "post"), $c("trc_st"), $c("asof_cd") }' raw.tsv
	assert_equal "$(echo "$output" | sort -u | tr '\t\n' '  ')" "post C  post R  post T  post T A post X  post Y R pre C  pre T  pre T A pre T R pre W  "
	# a pre-2012 C or W names its report by orig_msg_seq_nb on its own
	# report date; an as-of reversal carries no orig_msg_seq_nb
	run -0 tawk 'FNR > 1 && $c("trd_rpt_dt") < "2012-02-06" {
			k = $c("trd_rpt_dt") " " $c("msg_seq_nb")
			if ($c("trc_st") == "T" && $c("asof_cd") != "R") seen[k] = 1
			else if ($c("trc_st") != "T" && !(($c("trd_rpt_dt") " " $c("orig_msg_seq_nb")) in seen)) bad++
			if ($c("asof_cd") == "R" && $c("orig_msg_seq_nb") != "") bad++
		} END { print bad + 0 }' raw.tsv
	assert_output 0
	# the counts name both eras' steps
	assert_equal "$(col k.tsv kind | tr '\n' ' ')" "reports cancelled corrected reversed pre_cancelled pre_corrected pre_reversed dealer_buy when_issued special_price settlement price_error clean as_of jumps "
}

@test "--format standard: WRDS's standard table, capped sizes in --clean-out too" {
	trace-sim -q -n 30 --start 2021-01-04 --end 2021-03-31 --format standard \
		--clean-out c.tsv --counts-out k.tsv --bonds-out b.tsv > std.tsv
	run -0 head -1 std.tsv
	assert_output "$(printf 'cusip_id\ttrd_exctn_dt\ttrd_exctn_tm\tmsg_seq_nb\ttrc_st\twis_fl\tcmsn_trd\tascii_rptd_vol_tx\trptd_pr\tasof_cd\tdays_to_sttl_ct\tsale_cndtn_cd\tspcl_trd_fl\tside\torig_msg_seq_nb\trptg_party_type\tcontra_party_type')"
	run -0 awk -F'\t' 'NF != 17 { bad++ } END { print bad + 0 }' std.tsv
	assert_output 0
	# sizes above the cap: 5MM+ for investment grade, 1MM+ below
	run -0 awk -F'\t' 'NR == FNR { if (FNR > 1) ig[$1] = ($4 ~ /^(AAA|AA|A|BBB)/); next }
		FNR > 1 && $8 ~ /MM\+$/ { n++; if ($8 != (ig[$1] ? "5MM+" : "1MM+")) bad++ }
		FNR > 1 && $8 !~ /MM\+$/ && $8 > (ig[$1] ? 5000000 : 1000000) { bad++ }
		END { print (n > 0) " " bad + 0 }' b.tsv std.tsv
	assert_output "1 0"
	run -0 tawk 'FNR > 1 && $c("qty") > 5000000' c.tsv
	assert_output ""
	assert_equal "$(count capped_size k.tsv)" "$(tawk 'FNR > 1 && $c("ascii_rptd_vol_tx") ~ /MM\+$/' std.tsv | wc -l)"
	run -2 trace-sim --format standard --split d --output x
	assert_output --partial "--split and --output exclude each other"
}

@test "same trades in both formats" {
	small > w.tsv
	small --format finra > f.txt
	assert_equal "$(data_rows w.tsv)" "$(($(wc -l < f.txt) - 2))"
}

@test "bad arguments exit 2 with the bad value quoted" {
	run -2 trace-sim --bogus
	assert_output --partial "unknown option '--bogus'"
	run -2 trace-sim -n 0
	assert_output --partial "--n-bonds: bad value '0'"
	run -2 trace-sim -n 2.5
	assert_output --partial "--n-bonds: bad value '2.5'"
	run -2 trace-sim -s -3
	assert_output --partial "--seed: bad value '-3'"
	run -2 trace-sim --start 2021-02-30
	assert_output "trace-sim: --start: bad date '2021-02-30' (want YYYY-MM-DD)
Try 'trace-sim --help' for more information."
	run -2 trace-sim --start 2021-06-01 --end 2021-01-01
	assert_output --partial "--end must not be before --start"
	run -2 trace-sim --start 2021-01-02 --end 2021-01-03
	assert_output --partial "the period holds no business day"
	run -2 trace-sim --format finra --start 2011-06-01 --end 2012-06-29
	assert_output --partial "--start: '2011-06-01' is before 2012-02-06, when FINRA's files had another layout"
	run -2 trace-sim --format xml
	assert_output --partial "--format: unknown format 'xml' (want wrds, finra, public or standard)"
	run -2 trace-sim --format public --counts-out c.tsv
	assert_output --partial "--counts-out counts the cleaning steps of the wrds and finra layouts, not of --format public"
	run -2 trace-sim --impact-scale -1
	assert_output --partial "--impact-scale: bad value '-1'"
	run -2 trace-sim --truth-out - --clean-out -
	assert_output --partial "only one output may be '-'"
	run -2 trace-sim extra
	assert_output --partial "unexpected argument 'extra'"
}

@test "a write error is exit 1, not a silent truncation" {
	run -1 sh -c 'trace-sim -n 5 --end 2020-03-31 > /dev/full'
	assert_output --partial "write error"
	run -1 small --truth-out /nonexistent/dir/truth.tsv
	assert_output --partial "/nonexistent/dir/truth.tsv"
}

@test "a failed run leaves no half-written result file" {
	run -1 small --truth-out t.tsv --clean-out /nonexistent/x.tsv
	assert [ ! -e /nonexistent/x.tsv ]
	# no temporary file is left behind (grep finds nothing: exit 1)
	run -1 sh -c 'ls | grep tmp'
	assert_output ""
}

@test "stderr has one summary line, none with -q" {
	run --separate-stderr -0 small
	assert_equal "$stderr" "trace-sim: 30 bonds, $(($(echo "$output" | wc -l) - 1)) reports, $(small --clean-out - -q | tail -n +2 | wc -l) clean trades"
	run --separate-stderr -0 small -q
	assert_equal "$stderr" ""
}

@test "--clean-out - sends the clean trades to stdout, raw reports dropped" {
	run -0 small --clean-out - -q
	assert_line --index 0 "$(printf 'cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless')"
}

@test "side files may be devices, FIFOs or links: written in place, never replaced" {
	mkfifo fifo
	cat fifo > from-fifo &
	small --truth-out fifo > /dev/null
	wait
	assert [ -p fifo ]
	assert_equal "$(data_rows from-fifo)" 30
	run -1 small --truth-out /dev/full
	assert_output --partial "/dev/full: write error"
	assert [ -c /dev/full ]
	small --truth-out real.tsv > /dev/null
	ln -s real.tsv link.tsv
	small -s 2 --truth-out link.tsv > /dev/null
	assert [ -L link.tsv ]
	assert_equal "$(cat real.tsv)" "$(small -s 2 --truth-out - -q)"
}

@test "public layout: FINRA's titles, CRLF, capped sizes by rating, Cancel rows, no inter-dealer buys" {
	trace-sim -q -n 30 --start 2021-01-04 --end 2021-03-31 --format public \
		--bonds-out b.tsv --clean-out c.tsv > p.csv
	run -0 head -1 p.csv
	assert_output "$(printf 'Date,Time,Settlement,Status,Quantity,Price,Yield,Remuneration,ATS,Modifier,2nd Modifier,Special,As-Of,Side,Reporting Party Type,Contra Party Type,CUSIP\r')"
	# every line ends in CRLF and has 17 fields
	run -0 awk -F, '!/\r$/ || NF != 17 { bad++ } END { print bad + 0, (NR > 1000) }' p.csv
	assert_output "0 1"
	# statuses T and Cancel; no dealer buy (side B with contra D or T)
	run -0 sh -c "tail -n +2 p.csv | cut -d, -f4 | sort -u | tr '\n' ' '"
	assert_output "Cancel T "
	run -1 grep -E ',B,D,(D|T),' p.csv
	# capped: 5MM+ only on IG bonds (rating BBB- or better), 1MM+ on HY;
	# a number above the bond's cap never
	tawk 'FNR > 1 { print $c("cusip"), $c("rating") }' b.tsv > r.txt
	run -0 awk -F, 'NR == FNR { split($0, a, " "); r[a[1]] = a[2]; next }
		FNR == 1 { next }
		{ sub(/\r$/, ""); ig = r[$17] ~ /^(AAA|AA|A|BBB)[+-]?$/
		  if ($5 == "5MM+") { n5++; if (!ig) bad++ }
		  else if ($5 == "1MM+") { n1++; if (ig) bad++ }
		  else if ($5 > (ig ? 5000000 : 1000000)) bad++ }
		END { print bad + 0, (n5 > 0), (n1 > 0) }' r.txt p.csv
	assert_output "0 1 1"
	# the clean-out has those sizes at the cap, capped 1, and only there
	run -0 tawk 'FNR > 1 && $c("capped") == 1 && $c("qty") != 5000000 && $c("qty") != 1000000 { bad++ }
		FNR > 1 && $c("capped") == 1 { n++ } END { print bad + 0, (n > 0) }' c.tsv
	assert_output "$(printf '0\t1')"
}

@test "A and T contra codes: in every layout, T only from 2016-07-18; the enhanced layouts' sizes are not capped" {
	trace-sim -q -n 20 --start 2016-06-01 --end 2016-08-31 > w.tsv
	run -0 tawk 'FNR > 1 { k = $c("cntra_mp_id"); n[k]++
		if (k == "T" && $c("trd_exctn_dt") < "2016-07-18") early++ }
		END { print (n["A"] > 0), (n["T"] > 0), early + 0, (n["C"] > n["A"]), (n["D"] > n["T"]) }' w.tsv
	assert_output "$(printf '1\t1\t0\t1\t1')"
	run -1 grep -E '5MM\+|1MM\+' w.tsv
	trace-sim -q -n 20 --start 2016-06-01 --end 2016-08-31 --format finra > f.txt
	run -0 awk -F'|' 'NR > 1 && NF > 20 { n[$28]++ } END { print (n["A"] > 0), (n["T"] > 0) }' f.txt
	assert_output "1 1"
	run -1 grep -E '5MM\+|1MM\+' f.txt
}
