# kyle(1): OLS with intercept of y = 1e4 (P_k - P_{k-1}) / P_{k-1} on
# x = s Q / 1e6 over the customer trades (B: s = +1, S: s = -1) whose
# preceding trade is in the window; t = slope / se, se^2 = [sum e^2 /
# (n - 2)] / Sxx. NA below MINOBS or when Sxx = 0; t NA when se = 0.
# Columns kyle_lambda kyle_t kyle_n.
BEGIN { COLS = "kyle_lambda\tkyle_t\tkyle_n"; if (MINOBS == "") MINOBS = 10 }
function measure(a, z, D,    k, m, mx, my, sxx, sxy, see, b, c0, e, se, t) {
	m = 0
	if (a) for (k = a + 1; k <= z; k++) {
		if (sd[k] == "D") continue
		m++
		X[m] = (sd[k] == "B" ? 1 : -1) * q[k] / 1e6
		Y[m] = 1e4 * (px[k] - px[k-1]) / px[k-1]
	}
	if (m < MINOBS) return "NA\tNA\t" m
	mx = my = 0
	for (k = 1; k <= m; k++) { mx += X[k]; my += Y[k] }
	mx /= m; my /= m
	sxx = sxy = 0
	for (k = 1; k <= m; k++) { sxx += (X[k] - mx)^2; sxy += (X[k] - mx) * (Y[k] - my) }
	if (sxx == 0) return "NA\tNA\t" m
	b = sxy / sxx; c0 = my - b * mx; see = 0
	for (k = 1; k <= m; k++) { e = Y[k] - c0 - b * X[k]; see += e * e }
	se = sqrt(see / (m - 2) / sxx)
	t = se > 0 ? num(b / se) : "NA"
	return num(b) "\t" t "\t" m
}
