# amihud(1): per calendar day, the mean over its consecutive pairs of
# 1e4 |P_j / P_{j-1} - 1| / (Q_j / 1e6); amihud = mean of the days that
# have a value, NA without one. Columns amihud amihud_days.
BEGIN { COLS = "amihud\tamihud_days" }
function measure(a, z, D,    k, s, dn, ds, days, tot) {
	if (!a) return "NA\t0"
	days = tot = 0
	for (k = a; k <= z; k = e) {
		ds = dn = 0
		for (e = k + 1; e <= z && day[e] == day[k]; e++) {
			ds += 1e4 * abs(px[e] / px[e-1] - 1) / (q[e] / 1e6); dn++
		}
		if (dn) { tot += ds / dn; days++ }
	}
	return (days ? num(tot / days) : "NA") "\t" days
}
function abs(x) { return x < 0 ? -x : x }
