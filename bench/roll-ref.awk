# roll-ref.awk — a straightforward reference implementation of roll(1) in
# plain awk (POSIX, runs under mawk and gawk), written independently of the
# C code: the benchmark's yardstick and an independent check of the
# numbers (tests/roll.bats compares the two).
#
#   awk -v W=21 -v MIN=8 -f bench/roll-ref.awk trades.tsv
#
# Holds one bond's trades at a time.

function days(s,    y, m, d, era, yoe, doy, doe) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
# business-day index: Monday of 1969-12-29 is index 0; weekends roll forward
function bday(s,    z, w, dow) {
	z = days(s) + 3
	w = int(z / 7); dow = z - 7 * w
	return dow < 5 ? w * 5 + dow : (w + 1) * 5
}
function bdate(i,    w, z, y, m, d, era, doe, yoe, doy, mp) {
	w = int(i / 5)
	z = w * 7 + (i - w * 5) - 3 + 719468
	era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	y = yoe + era * 400 + (m <= 2)
	return sprintf("%04d-%02d-%02d", y, m, d)
}
function flush(    d, k, lo, n, j, mx, my, c, mp, npairs, out) {
	if (nt == 0) return
	lo = 1
	for (d = B[1]; d <= B[nt]; d++) {
		while (lo <= nt && B[lo] < d - W + 1) lo++
		n = 0
		for (k = lo; k <= nt && B[k] <= d; k++) { n++; p[n] = P[k] }
		out = "NA"
		if (n - 1 >= MIN && n >= 4) {
			npairs = n - 2; mx = 0; my = 0; c = 0; mp = 0
			for (j = 3; j <= n; j++) { mx += p[j] - p[j - 1]; my += p[j - 1] - p[j - 2] }
			mx /= npairs; my /= npairs
			for (j = 3; j <= n; j++)
				c += (p[j] - p[j - 1] - mx) * (p[j - 1] - p[j - 2] - my)
			c /= npairs - 1
			for (j = 1; j <= n; j++) mp += p[j]
			mp /= n
			out = c < 0 ? sprintf("%.10g", 1e4 * 2 * sqrt(-c) / mp) : 0
		}
		printf "%s\t%s\t%s\t%d\n", bond, bdate(d), out, (n > 0 ? n - 1 : 0)
	}
	nt = 0
}
BEGIN { FS = "\t"; if (W == "") W = 21; if (MIN == "") MIN = 8 }
NR == 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	print "cusip\tdate\troll_bps\troll_n"
	next
}
{
	c = $col["cusip"]
	if (c != bond) { flush(); bond = c }
	nt++; B[nt] = bday($col["date"]); P[nt] = $col["price"] + 0
}
END { flush() }
