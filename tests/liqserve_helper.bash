# Helpers for the liqserve tests: a small universe through the whole
# pipeline, and a server on a free port.

# make_universe DIR — bonds, scores, impact, features, model and
# importance of 40 simulated bonds over 2020 (a few seconds).
make_universe() {
	local d=$1
	mkdir -p "$d"
	(
		cd "$d" || exit 1
		trace-sim -n 40 --end 2020-09-30 --bonds-out bonds.tsv \
			--macro-out macro.tsv --clean-out trades.tsv > /dev/null 2>&1 &&
		for m in roll amihud kyle itt; do $m -q trades.tsv > $m.tsv || exit 1; done &&
		liqfeatures -q --bonds bonds.tsv --macro macro.tsv roll.tsv amihud.tsv \
			kyle.tsv itt.tsv > features.tsv &&
		liqtrain -q -y score_fwd --cv 1 --rounds 20 --depth 3 --patience 5 \
			-o model.json --importance importance.tsv features.tsv > /dev/null &&
		liqtrain -q -y bucket --objective class --cv 1 --rounds 20 --depth 3 \
			--patience 5 -o classifier.json features.tsv > /dev/null &&
		liqscore -q -m model.json -c classifier.json features.tsv > scores.tsv &&
		impact-fit -q --prints-out prints.tsv trades.tsv |
			impact-shrink -q --bonds bonds.tsv > impact.tsv
	)
}

# start_server [ARG]... — liqserve on a free loopback port with the
# universe of $U; sets URL, SPID and SLOG (its standard error).
start_server() {
	local pf i
	pf=$(mktemp "${BATS_TEST_TMPDIR:-/tmp}/port.XXXXXX")
	rm -f "$pf"
	SLOG=${SLOG:-$BATS_TEST_TMPDIR/liqserve.log}
	liqserve -l 127.0.0.1:0 --port-file "$pf" "$@" < /dev/null > /dev/null 2> "$SLOG" 3>&- &
	SPID=$!
	for i in $(seq 100); do
		[ -s "$pf" ] && break
		kill -0 "$SPID" 2> /dev/null || { cat "$SLOG" >&2; return 1; }
		sleep 0.05
	done
	[ -s "$pf" ] || { echo "liqserve did not start" >&2; cat "$SLOG" >&2; return 1; }
	URL=http://127.0.0.1:$(cat "$pf")
	PORT=$(cat "$pf")
	rm -f "$pf"
}

# the usual server: every table of $U
start_full() {
	start_server --scores "$U/scores.tsv" --impact "$U/impact.tsv" \
		--bonds "$U/bonds.tsv" --features "$U/features.tsv" \
		--model "$U/model.json" --importance "$U/importance.tsv" \
		--www "$LIQ_ROOT/www" "$@"
}

# stop_server — SIGTERM, and the exit status must be 0
stop_server() {
	[ -n "${SPID:-}" ] || return 0
	kill -TERM "$SPID" 2> /dev/null || true
	local rc=0
	wait "$SPID" || rc=$?
	SPID=
	return $rc
}

# http METHOD PATH [curl ARG]... — prints the body, then the status on a
# line of its own
http() {
	local m=$1 p=$2
	shift 2
	curl -s --path-as-is -X "$m" -w '\n%{http_code}\n' "$@" "$URL$p"
}

# raw TEXT [WAIT] — send TEXT as is on a new connection, print what comes
# back within WAIT seconds (default 5; the server closes a connection it
# answered, and waits for more of a request it cannot parse yet)
raw() {
	trap '' PIPE   # the server may close first: a write error, not a death
	exec 9<>"/dev/tcp/127.0.0.1/$PORT"
	printf '%b' "$1" >&9 2> /dev/null || true
	timeout "${2:-5}" cat <&9 || true
	exec 9<&- 9>&-
}
