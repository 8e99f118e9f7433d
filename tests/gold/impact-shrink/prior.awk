# prior.awk — the parts of impact-shrink(1) that can be worked by hand,
# recomputed from the man page for the gold test:
#  * the prior each bond uses: its sector x rating-bucket group when that
#    has MINGROUP qualifying fits (usable, at least MINPRINTS prints), else
#    its bucket's, else the universe's (3 fits at least), else none;
#  * the posterior of a bond without a usable fit and without a level
#    (no mean_cost_bps): the prior itself, with TRIM = 0: alpha_post =
#    exp(mean log alpha), beta_post = mean beta over the group's fits,
#    half_spread_post_bps = exp(a + b log ADV) of the OLS line of log h on
#    log ADV over the group's fits (with fewer than 5 fits the line is
#    flat: the mean of log h, as lib/cost/shrink.c does), sigma_post_bps =
#    its own sigma (no se_log_sigma to shrink it), weight 0, source prior.
# PART=groups: cusip and prior of every bond. PART=prior: the columns
# above for the bonds without a fit. (The posterior of a bond with a fit
# needs the Paule-Mandel variance and a joint mode: not checked here.)
#   awk -F'\t' -v PART=groups -v MINGROUP=3 -v MINPRINTS=20 -f prior.awk bonds.tsv impact_raw.tsv
BEGIN { OFS = "\t" }
function bucket(r) {
	if (r ~ /^AA/) return "AA"
	if (r ~ /^A[+-]?$/) return "A"
	if (r ~ /^BBB/) return "BBB"
	if (r ~ /^BB[+-]?$/) return "BB"
	if (r ~ /^B[+-]?$/) return "B"
	if (r ~ /^(CCC|CC|C|D)/) return "CCC"
	return ""
}
function num(x) { return sprintf("%.10g", x) }
FNR == 1 { file++; delete c; for (i = 1; i <= NF; i++) c[$i] = i; if (file == 2) hdr = 1; next }
file == 1 { sec[$c["cusip"]] = $c["sector"]; bk[$c["cusip"]] = bucket($c["rating"]); next }
{
	n++; cu[n] = $c["cusip"]; k = cu[n]
	usable[n] = $c["alpha"] != "NA" && $c["beta"] != "NA" && $c["half_spread_bps"] != "NA"
	qual[n] = usable[n] && $c["n"] >= MINPRINTS
	la[n] = usable[n] ? log($c["alpha"]) : 0; b[n] = $c["beta"]; h[n] = $c["half_spread_bps"]
	sig[n] = $c["sigma_bps"]; ladv[n] = log($c["adv_usd"])
	g[n] = (k in bk) && bk[k] != "" && sec[k] != "NA" ? sec[k] "/" bk[k] : ""
	u[n] = (k in bk) ? bk[k] : ""
}
END {
	for (i = 1; i <= n; i++) if (qual[i]) { ng[g[i]]++; nb[u[i]]++; nall++ }
	if (PART == "groups") print "cusip", "prior"
	else print "cusip", "alpha_post", "beta_post", "weight", "source", "half_spread_post_bps", "sigma_post_bps", "prior"
	for (i = 1; i <= n; i++) {
		if (g[i] != "" && ng[g[i]] >= MINGROUP) p = g[i]
		else if (u[i] != "" && nb[u[i]] >= MINGROUP) p = u[i]
		else if (nall >= 3) p = "all"
		else p = "NA"
		if (PART == "groups") { print cu[i], p; continue }
		if (usable[i] || p == "NA") continue
		m = sla = sb = sx = sy = sxx = sxy = 0
		for (j = 1; j <= n; j++) {
			if (!qual[j] || !(p == "all" || p == g[j] || p == u[j])) continue
			m++; sla += la[j]; sb += b[j]
			if (h[j] > 0.5) { mh++; x = ladv[j]; y = log(h[j]); sx += x; sy += y; sxx += x * x; sxy += x * y }
		}
		if (mh >= 5) { slope = (sxy - sx * sy / mh) / (sxx - sx * sx / mh); icpt = (sy - slope * sx) / mh }
		else { slope = 0; icpt = sy / mh }
		print cu[i], num(exp(sla / m)), num(sb / m), 0, "prior", num(exp(icpt + slope * ladv[i])), num(sig[i]), p
		mh = 0
	}
}
