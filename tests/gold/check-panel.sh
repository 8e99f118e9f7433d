#!/bin/sh
# check-panel.sh TOOL [--write] — recompute the gold outputs of a measure
# tool (roll, amihud, kyle, itt) from trades.tsv with panel.awk and the
# tool's own awk file, and compare them with the files checked in under
# TOOL/ (or, with --write, write them there). Each line of TOOL/cases is
#   gold file <TAB> the tool's options <TAB> the same options for awk
# Exit 0 when every gold file equals the independent computation.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tool=$1
status=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
tab=$(printf '\t')
while IFS="$tab" read -r gold opts vars; do
	# shellcheck disable=SC2086
	LC_ALL=C awk -F'\t' $vars -f "$here/panel.awk" -f "$here/$tool.awk" \
		"$here/trades.tsv" > "$tmp"
	if [ "${2:-}" = --write ]; then
		cp "$tmp" "$here/$tool/$gold"
	elif ! cmp -s "$tmp" "$here/$tool/$gold"; then
		echo "$tool/$gold ($opts): differs from the awk computation" >&2
		diff "$here/$tool/$gold" "$tmp" >&2 || status=1
	fi
done < "$here/$tool/cases"
exit $status
