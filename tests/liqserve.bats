#!/usr/bin/env bats
# liqserve: every endpoint against the files it serves and against the
# command-line tools (pretrade, liqscore), every error status, requests
# that are not HTTP, reloads and a clean stop.

load test_helper
load liqserve_helper

setup_file() {
	export U="$BATS_FILE_TMPDIR/u"
	make_universe "$U"
	export SLOG="$BATS_FILE_TMPDIR/shared.log"
	BATS_TEST_TMPDIR=$BATS_FILE_TMPDIR start_full
	export URL PORT SPID SHARED_SPID=$SPID SHARED_PORT=$PORT
	# a bond with a score, an impact fit and a features row
	C1=$(tawk 'FNR > 1 { print $c("cusip"); exit }' "$U/scores.tsv")
	[ -n "$C1" ]
	export C1
}

teardown_file() {
	SPID=$SHARED_SPID stop_server
}

# a test's own server goes with it, even when the test fails
teardown() {
	if [ -n "${SPID:-}" ] && [ "$SPID" != "$SHARED_SPID" ]; then
		kill -KILL "$SPID" 2> /dev/null || true
	fi
}

# the value of column $2 in the row of cusip $3 of TSV $1 (the latest row)
cell() {
	tawk -v n="$2" -v k="$3" 'FNR > 1 && $c("cusip") == k { v = $c(n) } END { print v }' "$1"
}

# a JSON number printed as liq prints numbers (%.10g)
g10() { awk '{ printf "%.10g\n", $1 }'; }

@test "--help, --version and usage errors" {
	run -0 liqserve --help
	assert_output --partial 'Usage: liqserve'
	run -0 liqserve --version
	assert_output --partial 'liqserve (liq)'
	run -2 liqserve --scores x
	assert_output --partial '--scores, --impact and --bonds are required'
	run -2 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --model "$U/model.json"
	assert_output --partial '--features and --model go together'
	run -2 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -l nonsense
	assert_output --partial "bad address 'nonsense'"
	run -2 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -j 0
	assert_output --partial "--threads: bad value '0'"
	run -2 liqserve --bogus
	run -2 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --www /nonexistent
	assert_output --partial "--www: '/nonexistent' is not a directory"
}

@test "bad data at start-up: exit 1 or 2 with the file and line, nothing served" {
	sed '3s/\t[0-9.]*\t\(Low\|Medium\|High\)\t/\tbad\t\1\t/' "$U/scores.tsv" > bad.tsv
	run -1 liqserve -q --scores bad.tsv -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0
	assert_output --partial "bad.tsv:3: column 'score_pred': bad number 'bad'"
	drop_col "$U/scores.tsv" date > nodate.tsv
	run -2 liqserve -q --scores nodate.tsv -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0
	assert_output --partial "nodate.tsv: missing column 'date'"
	run -1 liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" \
		--features "$U/features.tsv" --model "$U/bonds.tsv" -l 127.0.0.1:0
	assert_output --partial 'not an XGBoost model'
	cut -f1-5 "$U/features.tsv" > few.tsv
	run -2 liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" \
		--features few.tsv --model "$U/model.json" -l 127.0.0.1:0
	assert_output --regexp "few.tsv: missing column '[a-z_0-9]+', a feature of .*model.json"
}

@test "bad data at start-up: a probability outside 0-1 or a score outside 0-100" {
	d=$(cell "$U/scores.tsv" date "$C1")
	tawk -v k="$C1" 'FNR > 1 && $c("cusip") == k { $c("p_low") = "-0.68" } { print }' "$U/scores.tsv" > negp.tsv
	run -1 liqserve -q --scores negp.tsv -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0
	assert_output "liqserve: negp.tsv: cusip '$C1' on $d: column 'p_low': bad probability '-0.68' (want 0 to 1)"
	tawk -v k="$C1" 'FNR > 1 && $c("cusip") == k { $c("score_pred") = "100.5" } { print }' "$U/scores.tsv" > bigs.tsv
	run -1 liqserve -q --scores bigs.tsv -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0
	assert_output "liqserve: bigs.tsv: cusip '$C1' on $d: column 'score_pred': bad score '100.5' (want 0 to 100)"
	# pretrade reads the same table
	run --separate-stderr -1 pretrade -q -i "$U/impact.tsv" --scores negp.tsv /dev/null
	assert_equal "$stderr" "pretrade: negp.tsv: cusip '$C1' on $d: column 'p_low': bad probability '-0.68' (want 0 to 1)"
}

@test "a port in use is an error that says so" {
	run -1 liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -l "127.0.0.1:$PORT"
	assert_output --partial "cannot listen on 127.0.0.1:$PORT: Address already in use"
}

@test "GET /health: the tables loaded" {
	run -0 http GET /health
	assert_line --index 1 200
	run -0 jq -r '[.status, .tables.bonds, .tables.scores, .tables.impact, .tables.model_features > 0, .tables.dashboard_files > 0] | @tsv' <<< "$(curl -s "$URL/health")"
	# a score for each bond that trades (some of bonds.tsv never do)
	assert_output "ok	$(data_rows "$U/bonds.tsv")	$(col "$U/scores.tsv" cusip | sort -u | wc -l)	$(data_rows "$U/impact.tsv")	true	true"
	run -0 curl -s -I "$URL/health"
	assert_output --partial 'HTTP/1.1 200'
	assert_output --partial 'Content-Type: application/json'
}

@test "GET /score/{cusip}: the bond's latest row of scores.tsv" {
	run -0 curl -s "$URL/score/$C1"
	j=$output
	[ "$(jq -r .date <<< "$j")" = "$(cell "$U/scores.tsv" date "$C1")" ]
	[ "$(jq -r .bucket <<< "$j")" = "$(cell "$U/scores.tsv" bucket "$C1")" ]
	for c in score:score_pred p_low:p_low p_medium:p_medium p_high:p_high; do
		[ "$(jq -r ".${c%%:*}" <<< "$j" | g10)" = "$(cell "$U/scores.tsv" "${c#*:}" "$C1" | g10)" ] ||
			fail "$c: $(jq -r ".${c%%:*}" <<< "$j") vs $(cell "$U/scores.tsv" "${c#*:}" "$C1")"
	done
	run -0 http GET /score/NOSUCH
	assert_line --index 1 404
	assert_line --index 0 '{"error":"unknown cusip '"'"'NOSUCH'"'"' (not in '"$U"'/scores.tsv)","status":404}'
}

@test "GET /score/{cusip}?explain=K: liqscore --explain's contributions, summing to the prediction" {
	run --separate-stderr -0 liqscore -q -m "$U/model.json" --latest --explain 3 "$U/features.tsv"
	echo "$output" | tawk -v k="$C1" 'FNR == 1 || $c("cusip") == k' > want.tsv
	assert_equal "$(data_rows want.tsv)" 1
	run -0 curl -s "$URL/score/$C1?explain=3"
	j=$output
	[ "$(jq '.explain.contributions | length' <<< "$j")" = 3 ]
	for k in 0 1 2; do
		[ "$(jq -r ".explain.contributions[$k].feature" <<< "$j")" = "$(col want.tsv shap$((k + 1))_feature)" ]
		[ "$(jq -r ".explain.contributions[$k].shap" <<< "$j" | g10)" = "$(col want.tsv shap$((k + 1))_value | g10)" ]
	done
	# base value + every contribution = the model's prediction = liqscore's score
	run -0 curl -s "$URL/score/$C1?explain=1000"
	j=$output
	n=$(jq '.explain.features' <<< "$j")
	[ "$(jq '.explain.contributions | length' <<< "$j")" = "$n" ]
	jq -e '(.explain.base_value + (.explain.contributions | map(.shap) | add) - .explain.prediction) | fabs < 1e-3' <<< "$j"
	pred=$(jq .explain.prediction <<< "$j")
	want=$(col want.tsv score_pred)
	awk -v a="$pred" -v b="$want" 'BEGIN { d = a - b; if (b > 0 && b < 100 && (d > 1e-4 || d < -1e-4)) exit 1 }'
	run -0 http GET "/score/$C1?explain=0"
	assert_line --index 1 400
	assert_line --index 0 --partial "bad value '0' for explain"
	run -0 http GET "/score/$C1?explain=2&explain=3"
	assert_line --index 1 400
	assert_line --index 0 --partial "given twice"
}

@test "POST /score: a batch in order, unknown cusips marked, and its limits" {
	run -0 curl -s -X POST "$URL/score" -d "{\"cusips\": [\"$C1\", \"NOSUCH\", \"$C1\"], \"explain\": 2}"
	j=$output
	[ "$(jq -r '[.results[] | .status] | join(" ")' <<< "$j")" = "ok unknown_cusip ok" ]
	[ "$(jq '.results[0].explain.contributions | length' <<< "$j")" = 2 ]
	jq -e '.results[1].error | test("unknown cusip")' <<< "$j"
	big=$(awk 'BEGIN { printf "{\"cusips\": ["; for (i = 0; i < 501; i++) printf "%s\"X%d\"", i ? "," : "", i; print "]}" }')
	run -0 http POST /score -d "$big"
	assert_line --index 1 400
	assert_line --index 0 --partial 'too many cusips: 501 (at most 500)'
	ok=$(awk -v c="$C1" 'BEGIN { printf "{\"cusips\": ["; for (i = 0; i < 500; i++) printf "%s\"%s\"", i ? "," : "", c; print "]}" }')
	[ "$(curl -s -X POST "$URL/score" -d "$ok" | jq '.results | length')" = 500 ]
	for body in '' '{' '[1]' '{"cusips": "x"}' '{"cusips": [1]}' '{"cusips": [], "extra": 1}' '{"cusips": [], "explain": 1.5}' '{"cusips":[],"cusips":[]}'; do
		run -0 http POST /score -d "$body"
		assert_line --index 1 400
		jq -e '.status == 400 and (.error | length > 0)' <<< "${lines[0]}"
	done
}

@test "GET /pretrade: the same numbers as pretrade(1), to the printed digit" {
	for q in "2 B" "0.25 S" "15 B"; do
		set -- $q
		printf 'cusip\tsize_mm\tside\n%s\t%s\t%s\n' "$C1" "$1" "$2" |
			pretrade -q -i "$U/impact.tsv" --scores "$U/scores.tsv" > cli.tsv
		j=$(curl -s "$URL/pretrade/$C1/$1/$2")
		for c in half_spread_bps impact_bps cost_bps cost_lo_bps cost_hi_bps cost_usd exec_days score; do
			[ "$(jq -r ".$c" <<< "$j" | g10)" = "$(cell cli.tsv "$c" "$C1" | g10)" ] ||
				fail "$q $c: api $(jq -r ".$c" <<< "$j"), pretrade $(cell cli.tsv "$c" "$C1")"
		done
		[ "$(jq -r .bucket <<< "$j")" = "$(cell cli.tsv bucket "$C1")" ]
		[ "$(jq -r .status <<< "$j")" = ok ]
	done
}

@test "--recalibrate: the intervals of pretrade --recalibrate, its factor in /health and the log" {
	SLOG=$BATS_TEST_TMPDIR/recal.log start_full --recalibrate "$U/prints.tsv"
	printf 'cusip\tsize_mm\tside\n%s\t2\tB\n' "$C1" |
		pretrade -i "$U/impact.tsv" --recalibrate "$U/prints.tsv" > cli.tsv 2> cli.err
	k=$(sed -n 's/^pretrade: interval widths x \([0-9.]*\): .*/\1/p' cli.err)
	[ -n "$k" ] || fail "pretrade gave no factor: $(cat cli.err)"
	j=$(curl -s "$URL/pretrade/$C1/2/B")
	for c in cost_bps cost_lo_bps cost_hi_bps; do
		assert_equal "$(jq -r ".$c" <<< "$j" | g10)" "$(cell cli.tsv "$c" "$C1" | g10)"
	done
	# the interval differs from the one as fitted (k is not 1 here)
	assert [ "$(jq -r .cost_hi_bps <<< "$j")" != "$(curl -s "http://127.0.0.1:$SHARED_PORT/pretrade/$C1/2/B" | jq -r .cost_hi_bps)" ]
	h=$(curl -s "$URL/health")
	assert_equal "$(jq -r .tables.interval_width <<< "$h" | awk '{ printf "%.3f", $1 }')" "$k"
	assert [ "$(jq -r .tables.recalibration_prints <<< "$h")" -ge 100 ]
	grep -q "intervals x $k (" "$BATS_TEST_TMPDIR/recal.log" || fail "no factor in the log: $(cat "$BATS_TEST_TMPDIR/recal.log")"
	# without it: width 1, no prints
	assert_equal "$(curl -s "http://127.0.0.1:$SHARED_PORT/health" | jq -r '[.tables.interval_width, .tables.recalibration_prints == null] | @tsv')" "$(printf '1\ttrue')"
	# a prints file without its columns: the server does not start
	cut -f1-3 "$U/prints.tsv" > bad.tsv
	run -2 liqserve -l 127.0.0.1:0 --scores "$U/scores.tsv" --impact "$U/impact.tsv" --bonds "$U/bonds.tsv" --recalibrate bad.tsv
	assert_output --partial "bad.tsv: missing column 'qty'"
	stop_server
}

@test "GET /pretrade?target_cost_bps=&days=&participation=: pretrade's inverse queries" {
	j=$(curl -s "$URL/pretrade/$C1/1/B?target_cost_bps=60&days=2&participation=0.2")
	# a target below the bond's half spread is a row with a status and exit 1
	printf 'cusip\tside\n%s\tB\n' "$C1" > tq.tsv
	run --separate-stderr pretrade -q -i "$U/impact.tsv" -p 0.2 --target-cost-bps 60 tq.tsv
	echo "$output" > t.tsv
	if [ "$(cell t.tsv status "$C1")" = ok ]; then assert_equal "$status" 0; else assert_equal "$status" 1; fi
	printf 'cusip\tside\n%s\tB\n' "$C1" | pretrade -q -i "$U/impact.tsv" -p 0.2 --days 2 > d.tsv
	printf 'cusip\tsize_mm\tside\n%s\t1\tB\n' "$C1" | pretrade -q -i "$U/impact.tsv" -p 0.2 > m.tsv
	for c in size_mm cost_bps cost_lo_bps cost_hi_bps cost_usd exec_days; do
		[ "$(jq -r ".for_target_cost.$c" <<< "$j" | g10)" = "$(cell t.tsv "$c" "$C1" | g10)" ] || fail "target $c"
		[ "$(jq -r ".for_days.$c" <<< "$j" | g10)" = "$(cell d.tsv "$c" "$C1" | g10)" ] || fail "days $c"
		[ "$(jq -r ".$c" <<< "$j" | g10)" = "$(cell m.tsv "$c" "$C1" | g10)" ] || fail "main $c"
	done
	# a target below the half spread: the status of pretrade
	j=$(curl -s "$URL/pretrade/$C1/1/B?target_cost_bps=0")
	[ "$(jq -r .for_target_cost.status <<< "$j")" = below_half_spread ]
	[ "$(jq -r .for_target_cost.cost_bps <<< "$j")" = null ]
}

@test "GET /pretrade: 400 for a bad size, side or parameter; 404 for an unknown cusip or a short path" {
	for s in 0 -1 abc 1e400 NA inf; do
		run -0 http GET "/pretrade/$C1/$s/B"
		assert_line --index 1 400
		assert_line --index 0 --partial "bad size '$s'"
	done
	run -0 http GET "/pretrade/$C1/1/X"
	assert_line --index 1 400
	assert_line --index 0 --partial "bad side 'X' (want B or S)"
	for q in participation=0 participation=2 target_cost_bps=-1 days=0 days=x size=1; do
		run -0 http GET "/pretrade/$C1/1/B?$q"
		assert_line --index 1 400
	done
	run -0 http GET /pretrade/NOSUCH/1/B
	assert_line --index 1 404
	assert_line --index 0 --partial "unknown cusip 'NOSUCH' (not in"
	run -0 http GET "/pretrade/$C1/1"
	assert_line --index 1 404
	assert_line --index 0 --partial 'want /pretrade/{cusip}/{size_mm}/{side}'
}

@test "GET and POST /pretrade: a size beyond the bond's amount outstanding is a bad_size" {
	amt=$(cell "$U/bonds.tsv" amount_out "$C1")
	mm=$(awk -v a="$amt" 'BEGIN { printf "%g", a / 1e6 }')
	run -0 http GET "/pretrade/$C1/1e200/B"
	assert_line --index 1 400
	assert_line --index 0 "{\"error\":\"bad size '1e200' (more than the bond's amount outstanding, \$$mm MM)\",\"status\":400}"
	# the amount itself is a size
	run -0 http GET "/pretrade/$C1/$(awk -v a="$amt" 'BEGIN { printf "%.17g", a / 1e6 }')/B"
	assert_line --index 1 200
	run -0 jq -r '.results[] | .status + " " + .error' <<< "$(curl -s -X POST -d '{"queries": [{"cusip": "'"$C1"'", "size_mm": 1e200, "side": "B"}]}' "$URL/pretrade")"
	assert_output "bad_size bad size '1e200' (more than the bond's amount outstanding, \$$mm MM)"
}

@test "POST /pretrade: pretrade's rows and statuses for a batch" {
	printf 'cusip\tsize_mm\tside\n%s\t2\tB\n%s\t0\tS\n%s\t3\tQ\nNOSUCH\t1\tB\n%s\t0.5\tS\n' \
		"$C1" "$C1" "$C1" "$C1" > q.tsv
	run -1 --separate-stderr pretrade -q -i "$U/impact.tsv" --scores "$U/scores.tsv" -p 0.05 q.tsv
	printf '%s\n' "$output" | cols - cusip size_mm side half_spread_bps impact_bps cost_bps \
		cost_lo_bps cost_hi_bps cost_usd exec_days score bucket status | tail -n +2 > cli.tsv
	assert_equal "$(wc -l < cli.tsv)" 5
	body=$(tawk 'FNR > 1 { printf "%s{\"cusip\":\"%s\",\"size_mm\":%s,\"side\":\"%s\"}", n++ ? "," : "", $c("cusip"), $c("size_mm"), $c("side") }
		END { print "" }' q.tsv)
	curl -s -X POST "$URL/pretrade" -d "{\"participation\":0.05,\"queries\":[$body]}" |
		jq -r '.results[] | [.cusip, .size_mm, .side, .half_spread_bps, .impact_bps, .cost_bps,
			.cost_lo_bps, .cost_hi_bps, .cost_usd, .exec_days, .score, .bucket, .status]
			| map(if . == null then "NA" else tostring end) | @tsv' > api.tsv
	# the same rows, numbers compared at %.10g
	norm() { awk -F'\t' -v OFS='\t' '{ for (i = 2; i <= NF; i++) if ($i ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) $i = sprintf("%.10g", $i); print }' "$1"; }
	run -0 diff <(norm cli.tsv) <(norm api.tsv)
	# the inverse per query, and the body's limits
	# a target 40 bps above the bond's half spread
	tgt=$(tawk -v k="$C1" 'FNR > 1 && $c("cusip") == k { printf "%.0f", $c("half_spread_post_bps") + 40 }' "$U/impact.tsv")
	j=$(curl -s -X POST "$URL/pretrade" -d "{\"queries\":[{\"cusip\":\"$C1\",\"side\":\"B\",\"target_cost_bps\":$tgt,\"days\":2}]}")
	printf 'cusip\tside\n%s\tB\n' "$C1" | pretrade -q -i "$U/impact.tsv" --target-cost-bps "$tgt" --days 2 > both.tsv
	[ "$(jq -r '.results[0].size_mm' <<< "$j" | g10)" = "$(cell both.tsv size_mm "$C1" | g10)" ]
	for body in '{"queries":[1]}' '{"queries":[{"size_mm":1}]}' '{"queries":[{"cusip":"x","sise_mm":1}]}' \
		'{"queries":[],"participation":0}' '{"queries":[{"cusip":"x","days":-1}]}' 'null'; do
		run -0 http POST /pretrade -d "$body"
		assert_line --index 1 400
	done
}

@test "GET /universe/map: bonds, mean score and buckets by rating x sector add up" {
	j=$(curl -s "$URL/universe/map")
	[ "$(jq '[.cells[].bonds] | add' <<< "$j")" = "$(data_rows "$U/bonds.tsv")" ]
	[ "$(jq -r '.ratings | join(" ")' <<< "$j")" = "AA A BBB BB B CCC NR" ]
	# one cell by hand: the mean latest score of its bonds
	cell=$(jq -c '.cells[0]' <<< "$j")
	s=$(jq -r .sector <<< "$cell")
	want=$(curl -s "$URL/bonds?sector=$s&rating=$(jq -r .rating <<< "$cell")" |
		jq '[.bonds[] | .score] | add / length')
	jq -e --argjson w "$want" '(.mean_score - $w) | fabs < 1e-6' <<< "$cell"
	jq -e '.low + .medium + .high == .scored' <<< "$cell"
	run -0 http GET '/universe/map?x=1'
	assert_line --index 1 400
}

@test "GET /impact/{cusip} and /impact: the rows of impact.tsv" {
	j=$(curl -s "$URL/impact/$C1")
	for c in n alpha beta r2 alpha_post beta_post weight source; do
		a=$(jq -r ".columns.$c" <<< "$j")
		b=$(cell "$U/impact.tsv" "$c" "$C1")
		[ "$a" = "$b" ] || [ "$(g10 <<< "$a")" = "$(g10 <<< "$b")" ] || fail "$c: $a vs $b"
	done
	[ "$(jq -r .model.alpha <<< "$j" | g10)" = "$(cell "$U/impact.tsv" alpha_post "$C1" | g10)" ]
	jq -e '.model.posterior and .model.ok' <<< "$j"
	[ "$(curl -s "$URL/impact" | jq .count)" = "$(data_rows "$U/impact.tsv")" ]
	run -0 http GET /impact/NOSUCH
	assert_line --index 1 404
}

@test "GET /bonds: filters by rating, sector, bucket and score, loud on bad values" {
	n=$(data_rows "$U/bonds.tsv")
	[ "$(curl -s "$URL/bonds" | jq .count)" = "$n" ]
	j=$(curl -s "$URL/bonds?bucket=High&min_score=50")
	jq -e '[.bonds[] | .bucket == "High" and .score >= 50] | all' <<< "$j"
	j=$(curl -s "$URL/bonds?min_score=20&max_score=60")
	jq -e '[.bonds[] | .score >= 20 and .score <= 60] | all' <<< "$j"
	r=$(curl -s "$URL/bonds" | jq -r '.bonds[0].rating_bucket')
	jq -e --arg r "$r" '.count > 0 and ([.bonds[] | .rating_bucket == $r] | all)' <<< "$(curl -s "$URL/bonds?rating=$r")"
	letters=$(curl -s "$URL/bonds" | jq -r '.bonds[0].rating')
	jq -e --arg r "$letters" '[.bonds[] | .rating == $r] | all' <<< "$(curl -s "$URL/bonds?rating=$(printf %s "$letters" | jq -sRr @uri)")"
	for q in rating=ZZZ sector=nosuch bucket=Huge min_score=-1 max_score=101 min_score=abc colour=red; do
		run -0 http GET "/bonds?$q"
		assert_line --index 1 400
	done
	run -0 http GET "/bonds?sector=nosuch"
	assert_line --index 0 --partial "unknown sector 'nosuch'"
}

@test "GET /importance: liqtrain's table and the mean |SHAP| of the latest rows" {
	j=$(curl -s "$URL/importance")
	[ "$(jq -r .source <<< "$j")" = "$U/importance.tsv" ]
	top=$(tawk 'FNR > 1 { print $c("mean_abs_shap"), $c("feature") }' "$U/importance.tsv" | sort -t"$(printf '\t')" -k1,1gr | head -1 | cut -f2)
	assert [ -n "$top" ]
	[ "$(jq -r '.features[0].feature' <<< "$j")" = "$top" ]
	jq -e '[.features[] | .mean_abs_shap_latest >= 0] | all' <<< "$j"
}

@test "without a model: no explain, importance or dashboard, and errors that say why" {
	SLOG=$BATS_TEST_TMPDIR/bare.log
	start_server --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --www "$BATS_TEST_TMPDIR"
	run -0 http GET "/score/$C1?explain=2"
	assert_line --index 1 400
	assert_line --index 0 --partial 'explain needs liqserve started with --model and --features'
	run -0 http GET /importance
	assert_line --index 1 404
	run -0 http GET /
	assert_line --index 1 404
	stop_server
}

@test "GET /openapi.json: valid, and it describes every endpoint" {
	j=$(curl -s "$URL/openapi.json")
	for p in /health /score/{cusip} /score /pretrade/{cusip}/{size_mm}/{side} /pretrade \
		/universe/map /impact/{cusip} /impact /bonds /importance /openapi.json /; do
		jq -e --arg p "$p" '.paths | has($p)' <<< "$j" > /dev/null || fail "no $p in openapi.json"
	done
	[ "$(jq -r .openapi <<< "$j")" = 3.0.3 ]
}

@test "404 for unknown paths, 405 with Allow for a wrong method, 413 for a large body" {
	for p in /nope /score/a/b /pretrade/a/b/c/d /universe /universe/other /health/x //health; do
		run -0 http GET "$p"
		assert_line --index 1 404
	done
	run -0 curl -s -i -X DELETE "$URL/health"
	assert_output --partial 'HTTP/1.1 405'
	assert_output --partial 'Allow: GET, HEAD'
	run -0 curl -s -i "$URL/score"
	assert_output --partial 'HTTP/1.1 405'
	assert_output --partial 'Allow: POST'
	run -0 curl -s -i -X POST "$URL/pretrade/$C1/1/B"
	assert_output --partial 'Allow: GET, HEAD'
	run -0 curl -s -i -X PUT "$URL/pretrade" -d '{}'
	assert_output --partial 'Allow: POST'
	# 413 from Content-Length, and from a chunked body that grows past it
	head -c 70000 /dev/zero | tr '\0' ' ' > big
	run -0 curl -s -w '\n%{http_code}' -X POST "$URL/score" --data-binary @big
	assert_line --index 1 413
	assert_line --index 0 --partial 'body too large'
	run -0 curl -s -w '\n%{http_code}' -X POST -H 'Transfer-Encoding: chunked' "$URL/score" --data-binary @big
	assert_line --index 1 413
	run -0 http GET /health
	assert_line --index 1 200
}

@test "the dashboard: files with their types, and no way out of its directory" {
	run -0 curl -s -i "$URL/"
	assert_output --partial 'Content-Type: text/html'
	assert_output --partial "Content-Security-Policy: default-src 'self'"
	run -0 curl -s -o /dev/null -w '%{content_type}' "$URL/app.js"
	assert_output 'text/javascript; charset=utf-8'
	for p in '/../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/..%2f..%2fetc%2fpasswd' \
		'/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd' '/..%5c..%5cetc%5cpasswd' '/.%2e/.%2e/etc/passwd' \
		'/.hidden' '/www/../Makefile' '/app.js%00.html' '/%252e%252e/etc/passwd' '/....//etc/passwd'; do
		run -0 http GET "$p"
		assert_line --index 1 404
		refute_output --partial 'root:'
	done
	run -0 raw 'GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
	assert_output --partial '404 Not Found'
	refute_output --partial 'root:'
}

@test "requests that are not HTTP, huge headers, bad UTF-8: answered or closed, and the server lives" {
	head -c 4096 /dev/urandom > noise
	exec 8<>"/dev/tcp/127.0.0.1/$PORT"
	# the server may close before it has read it all: the write then
	# fails (1), else succeeds; the read ends (0) or waits past 1 s (124)
	local wrc=0 rrc=0
	cat noise >&8 2> /dev/null || wrc=$?
	timeout 1 cat <&8 > /dev/null 2>&1 || rrc=$?
	exec 8<&- 8>&-
	[[ $wrc == 0 || $wrc == 1 ]] || fail "writing noise: status $wrc"
	[[ $rrc == 0 || $rrc == 1 || $rrc == 124 ]] || fail "reading after noise: status $rrc"
	raw 'GARBAGE\r\n\r\n' > /dev/null
	raw 'GET / HTTP/9.9\r\n\r\n' > /dev/null
	raw 'GET /health\r\n\r\n' > /dev/null
	raw '\x00\x01\x02\xff\xfe\r\n\r\n' 1 > /dev/null
	raw 'GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n' > /dev/null
	raw 'POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n' > /dev/null
	raw 'POST /score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n' > /dev/null
	long=$(head -c 100000 /dev/zero | tr '\0' a)
	run -0 raw "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: $long\r\nConnection: close\r\n\r\n"
	refute_output --partial '200 OK'
	run -0 raw "GET /score/$long HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
	refute_output --partial '200 OK'
	for i in $(seq 200); do printf 'X-H%d: v\r\n' "$i"; done > many
	raw "GET /health HTTP/1.1\r\nHost: x\r\n$(cat many)Connection: close\r\n\r\n" > /dev/null
	# bad UTF-8 in the path, in a parameter and in a body: answered in UTF-8 JSON
	run -0 http GET '/score/%ff%fe%80'
	assert_line --index 1 404
	jq -e . <<< "${lines[0]}" > /dev/null
	run -0 http GET "/score/$C1?explain=%ff"
	assert_line --index 1 400
	jq -e . <<< "${lines[0]}" > /dev/null
	run -0 http GET "/score/$C1?%ff=1"
	assert_line --index 1 400
	printf '{"cusips":["\xff\xfe"]}' > badutf8
	run -0 http POST /score --data-binary @badutf8
	assert_line --index 1 400
	printf '{"cusips":["%s", "\\u0000"], "explain": 1}' "$C1" > nul.json
	run -0 http POST /score --data-binary @nul.json
	assert_line --index 1 400
	assert_line --index 0 --partial 'a string holds \\u0000' 
	# after all that
	run -0 http GET /health
	assert_line --index 1 200
	kill -0 "$SPID"
}

@test "many clients at once: every answer right" {
	# sizes of 0.1 to 30 $MM: all within the bond's amount outstanding
	seq 300 | awk '{ print $1 / 10 }' | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$URL/pretrade/$C1/{}/B" > codes
	[ "$(sort -u codes)" = 200 ]
	[ "$(wc -l < codes)" -eq 300 ]
}

@test "SIGHUP: new tables at once, a bad file keeps the old ones and says why" {
	mkdir d
	cp "$U"/{scores,impact,bonds}.tsv d/
	SLOG=$BATS_TEST_TMPDIR/hup.log
	start_server --scores d/scores.tsv -i d/impact.tsv -b d/bonds.tsv
	old=$(curl -s "$URL/score/$C1" | jq .score)
	tawk -v k="$C1" 'FNR > 1 && $c("cusip") == k { $c("score_pred") = 99.5 } { print }' "$U/scores.tsv" > d/new.tsv
	mv d/new.tsv d/scores.tsv
	kill -HUP "$SPID"
	for i in $(seq 50); do grep -q reloaded "$SLOG" && break; sleep 0.1; done
	[ "$(curl -s "$URL/score/$C1" | jq .score)" = 99.5 ]
	# a bad row: the old tables stay, the log names the file and line
	sed '2s/\t99.5\t/\tbad\t/; 2s/\t[0-9.]*\t\(Low\|Medium\|High\)/\tbad\t\1/' d/scores.tsv > d/bad.tsv
	mv d/bad.tsv d/scores.tsv
	kill -HUP "$SPID"
	for i in $(seq 50); do grep -q 'reload failed' "$SLOG" && break; sleep 0.1; done
	run -0 grep 'reload failed' "$SLOG"
	assert_output --regexp "reload failed, still serving the tables loaded at .*: d/scores.tsv:2: column 'score_pred': bad number 'bad'"
	[ "$(curl -s "$URL/score/$C1" | jq .score)" = 99.5 ]
	# a missing file, and a truncated one
	mv d/scores.tsv d/gone.tsv
	kill -HUP "$SPID"
	for i in $(seq 50); do [ "$(grep -c 'reload failed' "$SLOG")" = 2 ] && break; sleep 0.1; done
	run -0 grep -c 'd/scores.tsv: No such file or directory' "$SLOG"
	head -c 500 d/gone.tsv > d/scores.tsv
	kill -HUP "$SPID"
	for i in $(seq 50); do [ "$(grep -c 'reload failed' "$SLOG")" = 3 ] && break; sleep 0.1; done
	[ "$(grep -c 'reload failed' "$SLOG")" = 3 ]
	jq -e '.reloads == 1 and .failed_reloads == 3' <<< "$(curl -s "$URL/health")"
	[ "$(curl -s "$URL/score/$C1" | jq .score)" = 99.5 ]
	stop_server
	[ "$old" != 99.5 ]
}

@test "SIGHUP: a request in flight finishes on the tables it started with" {
	mkdir d
	cp "$U"/{scores,impact,bonds}.tsv d/
	SLOG=$BATS_TEST_TMPDIR/flight.log
	start_server --scores d/scores.tsv -i d/impact.tsv -b d/bonds.tsv
	old=$(curl -s "$URL/score/$C1" | jq .score)
	body="{\"cusips\": [\"$C1\"]}"
	exec 7<>"/dev/tcp/127.0.0.1/$PORT"
	printf 'POST /score HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s' \
		"${#body}" "${body:0:5}" >&7
	sleep 0.3
	tawk -v k="$C1" 'FNR > 1 && $c("cusip") == k { $c("score_pred") = 11.25 } { print }' "$U/scores.tsv" > d/new.tsv
	mv d/new.tsv d/scores.tsv
	kill -HUP "$SPID"
	for i in $(seq 50); do grep -q reloaded "$SLOG" && break; sleep 0.1; done
	[ "$(curl -s "$URL/score/$C1" | jq .score)" = 11.25 ]
	printf '%s' "${body:5}" >&7
	answer=$(timeout 5 cat <&7)
	exec 7<&- 7>&-
	[ "$(sed -n '$p' <<< "$answer" | jq '.results[0].score')" = "$old" ]
	stop_server
}

@test "SIGTERM: no new connections, the request in flight answered, exit 0" {
	SLOG=$BATS_TEST_TMPDIR/term.log
	start_server --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv"
	body="{\"cusips\": [\"$C1\"]}"
	exec 7<>"/dev/tcp/127.0.0.1/$PORT"
	printf 'POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s' "${#body}" "${body:0:5}" >&7
	sleep 0.3
	kill -TERM "$SPID"
	for i in $(seq 50); do grep -q 'no new connections' "$SLOG" && break; sleep 0.1; done
	run -7 curl -s --max-time 2 "$URL/health"
	printf '%s' "${body:5}" >&7
	answer=$(timeout 5 cat <&7)
	exec 7<&- 7>&-
	assert_equal "$(head -1 <<< "$answer" | tr -d '\r')" 'HTTP/1.1 200 OK'
	grep -qi '^Connection: close' <<< "$answer"
	rc=0
	wait "$SPID" || rc=$?
	SPID=
	[ "$rc" = 0 ]
	grep -q 'finishing 1 request in flight' "$SLOG"
	grep -q 'stopped' "$SLOG"
}

@test "-v: a line per request on stderr; -q: none of the start-up lines" {
	SLOG=$BATS_TEST_TMPDIR/v.log
	start_server -v --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --www "$LIQ_ROOT/www"
	curl -s "$URL/health" > /dev/null
	curl -s "$URL/score/NOSUCH%0Afake" > /dev/null
	stop_server
	run -0 grep -c ' GET ' "$SLOG"
	assert_output 2
	run -0 grep ' GET /health 200 ' "$SLOG"
	run -0 grep -F 'GET /score/NOSUCH\x0Afake 404' "$SLOG"
	run -1 grep -q '^fake' "$SLOG"
	SLOG=$BATS_TEST_TMPDIR/q.log
	start_server -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --www "$LIQ_ROOT/www"
	curl -s "$URL/health" > /dev/null
	stop_server
	run -0 cat "$SLOG"
	assert_output ''
}

@test "--port-file: a symbolic link or a device is refused with exit 2; a regular file is replaced whole" {
	ln -s target link
	run -2 liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0 --port-file link
	assert_output "liqserve: --port-file: 'link' is a symbolic link, not a regular file (give a new path or a regular file)"
	assert [ ! -e target ]
	run -2 liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0 --port-file /dev/null
	assert_output "liqserve: --port-file: '/dev/null' is a device, not a regular file (give a new path or a regular file)"
	mkdir dir
	run -2 liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0 --port-file dir
	assert_output "liqserve: --port-file: 'dir' is a directory, not a regular file (give a new path or a regular file)"
	# a regular file: replaced by the port, nothing else left beside it
	echo old > pf
	liqserve -q --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" -l 127.0.0.1:0 --port-file pf 2> pf.log &
	SPID=$!
	for i in $(seq 100); do grep -qx '[0-9][0-9]*' pf && break; sleep 0.05; done
	run -0 cat pf
	assert_output --regexp '^[0-9]+$'
	URL=http://127.0.0.1:$output
	run -0 curl -s -o /dev/null -w '%{http_code}' "$URL/health"
	assert_output 200
	stop_server
	assert_equal "$(ls)" "$(printf 'dir\nlink\npf\npf.log')"
}

@test "a truncated or corrupt model: one line with the file, exit 1" {
	head -c 3000 "$U/model.json" > trunc.json
	run -1 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" \
		--features "$U/features.tsv" --model trunc.json -l 127.0.0.1:0
	assert_equal "${#lines[@]}" 1
	assert_output --regexp '^liqserve: trunc.json: not an XGBoost model: [^[]'
	refute_output --partial 'Stack trace'
	printf 'garbage{' > bad.json
	run -1 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" \
		--features "$U/features.tsv" --model bad.json -l 127.0.0.1:0
	assert_equal "${#lines[@]}" 1
	assert_output --regexp '^liqserve: bad.json: not an XGBoost model: [^[]'
}

@test "text that is not UTF-8 in the tables: every such field in valid JSON; such a cusip is refused" {
	mkdir t
	cp "$U/scores.tsv" t/scores.tsv
	tawk 'FNR == 2 { $c("issuer") = "\377" substr($c("issuer"), 2) } { print }' "$U/bonds.tsv" > t/bonds.tsv
	tawk 'FNR == 1 { $c("n") = "n\376" } { print }' "$U/impact.tsv" > t/impact.tsv
	cu=$(tawk 'FNR == 2 { print $c("cusip") }' t/bonds.tsv)
	issuer=$(tawk 'FNR == 2 { print $c("issuer") }' t/bonds.tsv)
	start_server --scores t/scores.tsv -i t/impact.tsv -b t/bonds.tsv
	fffd=$(printf '\357\277\275')
	run -0 http GET "/impact/$cu"
	assert_line --index 1 200
	assert_equal "$(jq -r ".columns | has(\"n$fffd\")" <<< "${lines[0]}")" true
	run -0 http GET /impact
	assert_line --index 1 200
	assert_equal "$(jq -r "[.bonds[] | select(.cusip == \"$cu\") | has(\"n$fffd\")] | .[0]" <<< "${lines[0]}")" true
	run -0 http GET /bonds
	assert_line --index 1 200
	assert_equal "$(jq -r ".bonds[] | select(.cusip == \"$cu\") | .issuer" <<< "${lines[0]}")" "$fffd${issuer:1}"
	stop_server
	# a cusip is 1 to 12 letters, digits, *, @ or #: one with a byte 0xff
	# is refused in each table, file:line and the byte shown as '?'
	for f in scores bonds impact; do
		cp "$U/scores.tsv" "$U/bonds.tsv" "$U/impact.tsv" t/
		tawk 'FNR == 2 { $c("cusip") = "\377" substr($c("cusip"), 2) } { print }' "$U/$f.tsv" > t/$f.tsv
		bad=$(tawk 'FNR == 2 { print substr($c("cusip"), 2) }' "$U/$f.tsv")
		run --separate-stderr -1 liqserve -q --scores t/scores.tsv -i t/impact.tsv -b t/bonds.tsv -l 127.0.0.1:0
		assert_equal "$stderr" "liqserve: t/$f.tsv:2: column 'cusip': bad CUSIP '?$bad' (want 1 to 12 letters, digits, *, @ or #)"
	done
}

@test "--max-per-ip: one address cannot take every connection; --request-timeout: a slow request is closed" {
	SLOG=$BATS_TEST_TMPDIR/limits.log
	start_server -v --max-per-ip 2 --request-timeout 2 --idle-timeout 30 \
		--scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv"
	exec 7<>"/dev/tcp/127.0.0.1/$PORT"
	exec 8<>"/dev/tcp/127.0.0.1/$PORT"
	printf 'GET /health HTTP/1.1\r\n' >&7
	sleep 0.2
	# a third connection from 127.0.0.1 is closed unanswered ...
	run curl -s -o /dev/null -w '%{http_code}' "$URL/health"
	assert [ "$status" -ne 0 ]
	assert_output 000
	# ... one from another address is served
	run -0 curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' "$URL/health"
	assert_output 200
	# a header line every 0.3 s keeps the connection from being idle, but
	# the request is not whole after 2 s: closed within a second more
	( trap '' PIPE; for i in $(seq 30); do printf 'X-%d: y\r\n' "$i" >&7 || exit 0; sleep 0.3; done ) 2> /dev/null &
	t0=$SECONDS
	run -0 timeout 8 cat <&7
	assert [ $((SECONDS - t0)) -le 5 ]
	run -0 timeout 8 cat <&8
	exec 7<&- 7>&- 8<&- 8>&-
	# the slots are free again
	run -0 curl -s -o /dev/null -w '%{http_code}' "$URL/health"
	assert_output 200
	grep -q 'whose request was not whole after 2 s' "$SLOG"
	stop_server
}

@test "--help and the man page: no authentication, loopback first" {
	run -0 liqserve --help
	assert_output --partial 'liqserve has no authentication and no TLS'
	ex=$(sed -n '/^Examples:/,$p' <<< "$output")
	assert_equal "$(grep -c -- '-l 0.0.0.0' <<< "$ex")" 0
	run -0 grep -c 'no authentication' "$LIQ_ROOT/man/man1/liqserve.1"
	assert [ "$output" -ge 2 ]
	run -2 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --max-per-ip 0
	assert_output --partial "--max-per-ip: bad value '0'"
	run -2 liqserve --scores "$U/scores.tsv" -i "$U/impact.tsv" -b "$U/bonds.tsv" --request-timeout x
	assert_output --partial "--request-timeout: bad value 'x'"
}
