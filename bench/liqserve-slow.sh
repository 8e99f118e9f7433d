#!/bin/sh
# bench/liqserve-slow.sh — liqserve while one client holds many slow
# connections: the slow client (from 127.0.0.2) opens SLOW connections,
# each sending a request line and then one header line a second, never
# ending its request, and reopens any the server closes; meanwhile another
# client (from 127.0.0.1) sends REQS requests, one at a time, each on a new
# connection, and reports their latency percentiles and failures.
#
# It runs twice: with liqserve's default limits (--max-per-ip 128,
# --request-timeout 10), and with the limits lifted (--max-per-ip 4096,
# --request-timeout 3600), which shows what the limits are for. Needs
# perl (core modules only) and SLOW + a few hundred file descriptors.
#
#   bench/liqserve-slow.sh                 5000 slow connections, 2000 requests
#                                          (a minute or two)
#   SLOW=1000 REQS=500 bench/liqserve-slow.sh
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/bin
FIX=$PWD/tests/fixtures/liqserve
SLOW=${SLOW:-5000}
REQS=${REQS:-2000}
THREADS=${THREADS:-2}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/liqserve-slow.XXXXXX")
pid=
slow=
cleanup() {
	[ -z "$slow" ] || kill "$slow" 2> /dev/null || true
	[ -z "$pid" ] || kill "$pid" 2> /dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

need=$((SLOW + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
	ulimit -n "$need" 2> /dev/null || {
		echo "liqserve-slow.sh: $SLOW connections need $need file descriptors; ulimit -n is $(ulimit -n)" >&2
		exit 1
	}
fi
cusip=$(awk -F'\t' 'NR == 2 { print $1 }' "$FIX/scores.tsv")

# slow PORT N: hold N connections from 127.0.0.2, a header line a second
# each, reopening the closed ones; prints "open closed-so-far" each second
slow_client() {
	exec perl -MIO::Socket::INET -MTime::HiRes=sleep -e '
		$SIG{PIPE} = "IGNORE";
		my ($port, $n) = @ARGV;
		my (@s, @sent, $closed);
		sub conn {
			my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1",
				PeerPort => $port, LocalAddr => "127.0.0.2",
				Blocking => 0) or return undef;
			return $c;
		}
		$| = 1;
		for (my $t = 0; ; $t++) {
			my $open = 0;
			for my $i (0 .. $n - 1) {
				if ($s[$i]) {
					# the request line first, then a header line a
					# second (a connect still in progress: next time)
					my $w = syswrite($s[$i], !$sent[$i]
						? "GET /health HTTP/1.1\r\nHost: x\r\n" : "X-$t: y\r\n");
					my $gone = !defined $w && ($!{EPIPE} || $!{ECONNRESET});
					$sent[$i] = 1 if defined $w;
					my $r = sysread($s[$i], my $buf, 4096);
					$gone ||= !defined $r && $!{ECONNRESET};
					if ($gone || (defined $r && $r == 0)) {
						close $s[$i]; $s[$i] = undef; $closed++;
					}
				}
				($s[$i], $sent[$i]) = (conn(), 0) unless $s[$i];
				$open++ if $s[$i];
			}
			printf "%d %d\n", $open, $closed || 0;
			sleep 1;
		}' "$@"
}

# measure PORT N: N requests from 127.0.0.1, one at a time, each on a
# new connection; prints p50, p99 and max in ms of the answered ones, and
# the failures (no 200 answer within 2 s); gives up after 20 failures
measure() {
	perl -MIO::Socket::INET -MTime::HiRes=time -e '
		$SIG{PIPE} = "IGNORE";
		my ($port, $n, $cusip) = @ARGV;
		my (@ms, $fail);
		for (1 .. $n) {
			my $t0 = time;
			my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1",
				PeerPort => $port, LocalAddr => "127.0.0.1", Timeout => 2);
			my $ans = "";
			if ($c) {
				# no answer within 2 s is a failure
				eval {
					local $SIG{ALRM} = sub { die "timeout\n" };
					alarm 2;
					syswrite($c, "GET /score/$cusip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
					while (sysread($c, my $buf, 65536)) { $ans .= $buf }
					alarm 0;
				};
				close $c;
			}
			if ($ans =~ m{^HTTP/1\.1 200 }) { push @ms, (time - $t0) * 1e3 }
			elsif (++$fail == 20) { last }
		}
		@ms = sort { $a <=> $b } @ms;
		my $q = sub { @ms ? $ms[int($_[0] * $#ms + 0.5)] : -1 };
		printf "p50 %.2f ms  p99 %.2f ms  max %.2f ms  %d ok, %d failed%s\n",
			$q->(0.5), $q->(0.99), @ms ? $ms[-1] : -1, scalar @ms, $fail || 0,
			($fail || 0) >= 20 ? " (gave up)" : "";
	' "$@"
}

run() { # run LABEL LIQSERVE-OPTION...
	label=$1
	shift
	rm -f "$TMP/port"
	"$BIN/liqserve" -q -j "$THREADS" --scores "$FIX/scores.tsv" \
		-i "$FIX/impact.tsv" -b "$FIX/bonds.tsv" -l 127.0.0.1:0 \
		--port-file "$TMP/port" "$@" &
	pid=$!
	while [ ! -s "$TMP/port" ]; do sleep 0.1; done
	port=$(cat "$TMP/port")
	slow_client "$port" "$SLOW" > "$TMP/slow.log" &
	slow=$!
	# the slow connections open: a first round done, and 3 s more
	i=0
	while [ ! -s "$TMP/slow.log" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 3
	base=$(measure "$port" 1 "$cusip")   # the first request warms up
	m=$(measure "$port" "$REQS" "$cusip")
	held=$(tail -1 "$TMP/slow.log")
	fds=$(ls /proc/"$pid"/fd | wc -l)
	kill "$slow"
	wait "$slow" 2> /dev/null || true
	slow=
	kill "$pid"
	wait "$pid" || true
	pid=
	printf '%s: the server holds %s descriptors; the slow client has %s sockets, %s closed by the server so far\n  other client: %s\n' \
		"$label" "$fds" "${held% *}" "${held#* }" "$m"
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); ulimit -n $(ulimit -n)"
echo "== liqserve -j $THREADS; $SLOW slow connections from 127.0.0.2, $REQS requests from 127.0.0.1"
run "default limits"
run "limits lifted" --max-per-ip 4096 --request-timeout 3600
