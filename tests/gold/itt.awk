# itt(1): gaps g in calendar hours between consecutive trades of the
# window; median (mean of the two middle ones when even) and max, NA with
# fewer than two trades; trades; trades / D; (D - business days with a
# trade) / D; par in $MM; par per trade, NA without trades. D is the
# window's business days on or after the bond's first trade date.
BEGIN { COLS = "itt_median_h\titt_max_h\ttrades\ttrades_per_day\tzero_days_frac\tvolume_mm\tavg_size_mm" }
function measure(a, z, D,    cnt, k, g, i, j, x, act, vol, med, mx) {
	cnt = a ? z - a + 1 : 0
	act = vol = 0
	for (k = a; a && k <= z; k++) { vol += q[k]; if (k == a || bd[k] != bd[k-1]) act++ }
	med = mx = "NA"
	if (cnt > 1) {
		g = 0
		for (k = a + 1; k <= z; k++) G[++g] = (day[k] - day[k-1]) * 24 + (tsec[k] - tsec[k-1]) / 3600
		for (i = 2; i <= g; i++) { x = G[i]; for (j = i - 1; j >= 1 && G[j] > x; j--) G[j+1] = G[j]; G[j+1] = x }
		med = num(g % 2 ? G[(g + 1) / 2] : (G[g / 2] + G[g / 2 + 1]) / 2)
		mx = num(G[g])
	}
	return med "\t" mx "\t" cnt "\t" num(cnt / D) "\t" num((D - act) / D) "\t" num(vol / 1e6) "\t" (cnt ? num(vol / 1e6 / cnt) : "NA")
}
