# roll(1): roll_bps = 1e4 * 2 sqrt(-c) / mean(P) (0 when c >= 0), c the
# sample covariance (m - 1 denominator) of the m = n - 2 pairs
# (dP_k, dP_{k-1}); NA below MINOBS price changes. Columns roll_bps roll_n.
BEGIN { COLS = "roll_bps\troll_n"; if (MINOBS == "") MINOBS = 8 }
function measure(a, z, D,    cnt, ch, k, m, mx, my, c, mp) {
	cnt = a ? z - a + 1 : 0
	ch = cnt > 0 ? cnt - 1 : 0
	if (ch < MINOBS || cnt < 4) return "NA\t" ch
	m = cnt - 2; mx = my = c = mp = 0
	for (k = a + 2; k <= z; k++) { mx += px[k] - px[k-1]; my += px[k-1] - px[k-2] }
	mx /= m; my /= m
	for (k = a + 2; k <= z; k++) c += (px[k] - px[k-1] - mx) * (px[k-1] - px[k-2] - my)
	c /= m - 1
	for (k = a; k <= z; k++) mp += px[k]
	mp /= cnt
	return num(c < 0 ? 1e4 * 2 * sqrt(-c) / mp : 0) "\t" ch
}
