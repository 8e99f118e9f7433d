#!/bin/sh
# check-panel.sh TOOL [--write] — recompute the gold outputs of a measure
# tool (roll, amihud, kyle, itt) from ../trades.tsv with panel.awk and the
# tool's own awk file, and compare them with the files checked in under
# TOOL/ (or, with --write, write them there). Each line of TOOL/cases is
#   gold file <TAB> the tool's options <TAB> the same options for awk
# Exit 0 when every gold file equals the independent computation.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tool=$1
status=0
tab=$(printf '\t')
while IFS="$tab" read -r gold opts vars; do
	# shellcheck disable=SC2086
	LC_ALL=C awk -F'\t' $vars -f "$here/panel.awk" -f "$here/$tool.awk" \
		"$here/trades.tsv" > "$here/$tool/$gold.tmp"
	if [ "${2:-}" = --write ]; then
		mv "$here/$tool/$gold.tmp" "$here/$tool/$gold"
	elif cmp -s "$here/$tool/$gold.tmp" "$here/$tool/$gold"; then
		rm -f "$here/$tool/$gold.tmp"
	else
		echo "$tool/$gold ($opts): differs from the awk computation" >&2
		diff "$here/$tool/$gold" "$here/$tool/$gold.tmp" >&2 || status=1
		rm -f "$here/$tool/$gold.tmp"
	fi
done < "$here/$tool/cases"
exit $status
