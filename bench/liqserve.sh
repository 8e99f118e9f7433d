#!/bin/sh
# bench/liqserve.sh — liqserve under load: wrk on loopback against
# GET /score/{cusip} and GET /pretrade/{cusip}/{size_mm}/B, every request a
# different bond (bench/liqserve.lua), on a universe of BENCH_SERVE_BONDS
# simulated bonds (default 500). Prints requests/s, latency percentiles and
# errors for each endpoint (make bench runs it; wrk from Debian).
#
#   bench/liqserve.sh                    2 server threads, 2 wrk threads,
#   THREADS=4 CONNS=128 DURATION=30s     64 connections, 15 s a run
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/bin
DATA=${BENCH_DATA:-bench/data}/serve
N=${BENCH_SERVE_BONDS:-500}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
DURATION=${DURATION:-15s}
mkdir -p "$DATA"
command -v wrk > /dev/null || { echo "liqserve.sh: wrk is missing (make bench installs it)" >&2; exit 1; }

if [ ! -s "$DATA/impact.tsv" ]; then
	echo "== a universe of $N bonds (2020-2021) through the pipeline" >&2
	(
		cd "$DATA"
		"$BIN/trace-sim" -q -n "$N" --end 2021-12-31 --bonds-out bonds.tsv \
			--macro-out macro.tsv --clean-out trades.tsv > /dev/null
		for m in roll amihud kyle itt; do "$BIN/$m" -q trades.tsv > $m.tsv; done
		"$BIN/liqfeatures" -q --bonds bonds.tsv --macro macro.tsv roll.tsv \
			amihud.tsv kyle.tsv itt.tsv > features.tsv
		"$BIN/liqtrain" -q -y score_fwd --cv 1 --rounds 100 -o model.json features.tsv > /dev/null
		"$BIN/liqtrain" -q -y bucket --objective class --cv 1 --rounds 100 \
			-o classifier.json features.tsv > /dev/null
		"$BIN/liqscore" -q -m model.json -c classifier.json features.tsv > scores.tsv
		"$BIN/impact-fit" -q trades.tsv | "$BIN/impact-shrink" -q --bonds bonds.tsv > impact.tsv
		rm -f trades.tsv roll.tsv amihud.tsv kyle.tsv itt.tsv
	)
fi
tail -n +2 "$DATA/bonds.tsv" | cut -f1 > "$DATA/cusips.txt"

rm -f "$DATA/port"
"$BIN/liqserve" -q -j "$THREADS" --scores "$DATA/scores.tsv" -i "$DATA/impact.tsv" \
	-b "$DATA/bonds.tsv" --features "$DATA/features.tsv" -m "$DATA/model.json" \
	-l 127.0.0.1:0 --port-file "$DATA/port" &
pid=$!
trap 'kill $pid 2> /dev/null' EXIT
while [ ! -s "$DATA/port" ]; do sleep 0.1; done
url=http://127.0.0.1:$(cat "$DATA/port")

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== liqserve -j $THREADS, $(wc -l < "$DATA/cusips.txt") bonds; wrk -t2 -c$CONNS -d$DURATION --latency on the same machine"
for ep in score pretrade; do
	# warm up, then measure
	CUSIPS="$DATA/cusips.txt" ENDPOINT=$ep wrk -t2 -c"$CONNS" -d2s -s bench/liqserve.lua "$url" > /dev/null
	CUSIPS="$DATA/cusips.txt" ENDPOINT=$ep wrk -t2 -c"$CONNS" -d"$DURATION" --latency \
		-s bench/liqserve.lua "$url" > "$DATA/wrk-$ep.txt"
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$DATA/wrk-$ep.txt")
	p50=$(awk '$1 == "50%" { print $2 }' "$DATA/wrk-$ep.txt")
	p99=$(awk '$1 == "99%" { print $2 }' "$DATA/wrk-$ep.txt")
	total=$(awk '/requests in/ { print $1 }' "$DATA/wrk-$ep.txt")
	sock=$(awk '/Socket errors/ { print $0 }' "$DATA/wrk-$ep.txt")
	non2xx=$(awk '/Non-2xx/ { print $NF }' "$DATA/wrk-$ep.txt")
	bad=$(awk '/^bad answers/ { print $3 }' "$DATA/wrk-$ep.txt")
	printf '%-9s %10s req/s  p50 %8s  p99 %8s  %s requests, non-2xx %s, bad answers %s%s\n' \
		"$ep" "$rps" "$p50" "$p99" "$total" "${non2xx:-0}" "${bad:-0}" "${sock:+, $sock}"
done
curl -s "$url/health" > /dev/null
