#!/bin/sh
# check.sh [--write] — recompute pretrade's gold outputs with cost.awk and
# compare them with the files checked in here (or, with --write, write
# them). Each line of cases is: gold file, pretrade's options, its exit
# status, the same options for cost.awk, the query file.
set -eu
cd "$(dirname "$0")"
status=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
tab=$(printf '\t')
while IFS="$tab" read -r gold opts rc vars queries; do
	# shellcheck disable=SC2086
	LC_ALL=C awk -F'\t' -v IMPACT=impact.tsv $vars -f cost.awk "$queries" > "$tmp"
	if [ "${1:-}" = --write ]; then
		cp "$tmp" "$gold"
	elif ! cmp -s "$tmp" "$gold"; then
		echo "pretrade/$gold ($opts): differs from the awk computation" >&2
		diff "$gold" "$tmp" >&2 || status=1
	fi
done < cases
exit $status
