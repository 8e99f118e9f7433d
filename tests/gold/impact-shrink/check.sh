#!/bin/sh
# check.sh [--write] — recompute groups.out and prior-rows.out (the bonds'
# priors and the prior-only posteriors of universe.tsv under --trim 0
# --min-group 3) with prior.awk and compare them with the files checked
# in here (or, with --write, write them). no-prior.out is written by hand.
set -eu
cd "$(dirname "$0")"
status=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for part in groups prior; do
	gold=$part.out
	[ "$part" = prior ] && gold=prior-rows.out
	LC_ALL=C awk -F'\t' -v PART=$part -v MINGROUP=3 -v MINPRINTS=20 \
		-f prior.awk bonds.tsv universe.tsv > "$tmp"
	if [ "${1:-}" = --write ]; then
		cp "$tmp" "$gold"
	elif ! cmp -s "$tmp" "$gold"; then
		echo "impact-shrink/$gold: differs from the awk computation" >&2
		diff "$gold" "$tmp" >&2 || status=1
	fi
done
exit $status
