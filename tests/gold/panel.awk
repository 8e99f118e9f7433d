# panel.awk — an independent re-computation of the daily panel that roll,
# amihud, kyle and itt write, straight from their man pages: one row per
# bond per business day (Monday to Friday) from its first to its last trade
# date, the row of day d computed over the trades whose business day lies
# in the w business days ending on d; a Saturday or Sunday trade counts on
# the following Monday. Written for the gold tests: tiny inputs, so every
# window is recomputed from scratch (no sliding, no shared code with the
# tools). The measure file defines measure(bond, d, lo, from, to) which
# prints the measure columns of one row, and the variable COLS.
#
#   awk -F'\t' -v W=3 -f panel.awk -f roll.awk trades.tsv
BEGIN { OFS = "\t"; if (W == "") W = 21 }

# days since 1970-01-01 of a YYYY-MM-DD date (civil-from-days inverse)
function dnum(s,    y, m, d, era, yoe, doy, doe) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
# weekday, 0 = Monday (1970-01-01 was a Thursday)
function wday(n) { return (n + 3) % 7 }
# business-day number: Monday to Friday count, a weekend day maps to the
# following Monday
function bnum(n,    w) {
	w = wday(n)
	if (w >= 5) { n += 7 - w; w = 0 }
	return int((n - w) / 7) * 5 + w
}
# the date of business day b
function bdate(b,    n) {
	# business day 0 is Monday 1970-01-05, day 4 since the epoch
	n = int(b / 5) * 7 + b % 5 + 4
	return datestr(n)
}
function datestr(n,    z, era, doe, yoe, y, doy, mp, d, m) {
	z = n + 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9)
	if (m <= 2) y++
	return sprintf("%04d-%02d-%02d", y, m, d)
}
function secs(s) { return substr(s, 1, 2) * 3600 + substr(s, 4, 2) * 60 + substr(s, 7, 2) }
function num(x) { return x == "NA" ? "NA" : sprintf("%.10g", x) }

NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	n++
	cu[n] = $col["cusip"]; day[n] = dnum($col["date"]); bd[n] = bnum(day[n])
	tsec[n] = secs($col["time"]); px[n] = $col["price"] + 0; q[n] = $col["qty"] + 0
	sd[n] = $col["side"]
}
END {
	print "cusip", "date", COLS
	for (i = 1; i <= n; i = j) {
		for (j = i; j <= n && cu[j] == cu[i]; j++) ;
		# trades i .. j-1 are one bond's
		last = bd[j - 1]
		if (THROUGH != "" && bnum(dnum(THROUGH)) > last) last = bnum(dnum(THROUGH))
		for (b = bd[i]; b <= last; b++) {
			lo = b - W + 1
			from = 0; to = -1
			for (k = i; k < j; k++)
				if (bd[k] >= lo && bd[k] <= b) { if (!from) from = k; to = k }
			# business days of the window on or after the first trade
			D = b - (lo > bd[i] ? lo : bd[i]) + 1
			print cu[i], bdate(b), measure(from, to, D)
		}
	}
}
