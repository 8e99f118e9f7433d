#!/usr/bin/env bats
# A tool killed while it writes its result files leaves neither a partial
# file nor a temporary (*.tmp.*) behind, and still dies by the signal.

load test_helper

# sim_killed SIG FILE: start trace-sim writing raw.tsv, then clean.tsv
# (large files, one after the other: the plain world, where every bond
# trades often), send SIG once FILE's temporary holds
# a megabyte, and check that no temporary and no FILE is left. The launcher gives
# the signal its default action back (a background job of a shell without
# job control starts with SIGINT ignored, and a tool leaves an ignored
# signal ignored).
sim_killed() {
	local sig=$1 file=$2 pid status i
	perl -e '$SIG{INT} = $SIG{TERM} = "DEFAULT"; exec @ARGV or die' \
		trace-sim -q --plain -n 3000 -o raw.tsv --clean-out clean.tsv &
	pid=$!
	for i in $(seq 1 300); do
		[ -n "$(find . -name "$file.tmp.*" -size +1M)" ] && break
		sleep 0.1
	done
	[ -n "$(find . -name "$file.tmp.*" -size +1M)" ] ||
		fail "no $file.tmp.* of a megabyte after 30 s: $(ls -la)"
	kill -s "$sig" "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" "$((128 + $(kill -l "$sig")))"
	assert_equal "$(find . -name '*.tmp.*')" ""
	assert [ ! -e "$file" ]
}

@test "signals: SIGTERM in the middle of a write removes the temporary" {
	sim_killed TERM clean.tsv
	# raw.tsv was complete, and renamed into place, before clean.tsv began
	assert [ -s raw.tsv ]
}

@test "signals: SIGINT in the middle of a write removes the temporary" {
	sim_killed INT raw.tsv
	assert [ ! -e clean.tsv ]
}
