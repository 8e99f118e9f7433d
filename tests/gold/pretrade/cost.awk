# cost.awk — pretrade(1)'s answer to each query, recomputed from the man
# page for the gold test (no code shared with the tool):
#   impact = alpha sigma (q / ADV)^beta; cost = h + impact; cost_usd =
#   cost / 1e4 q; exec_days = q / (P ADV);
#   sd_p^2 = g' C g, g = (1, impact, impact log(q / ADV)), C the covariance
#   of (h, log alpha, beta); lo/hi = cost -/+ sqrt(r^2 + (1.645 sd_p)^2);
#   inverse: q = ADV ((x - h) / (alpha sigma))^(1 / beta), q = d P ADV.
# The 1.645 of the man page is the 95% normal quantile rounded; the tool
# uses it to 17 digits, and so does this file (Z).
#   awk -F'\t' -v IMPACT=impact.tsv [-v SCORES=scores.tsv] [-v TARGET=x]
#       [-v DAYS=d] [-v P=p] -f cost.awk queries.tsv
BEGIN {
	OFS = "\t"; if (P == "") P = 0.1; Z = 1.6448536269514722
	header(IMPACT)
	while ((getline < IMPACT) > 0) impact_row()
	if (SCORES != "") {
		header(SCORES)
		while ((getline < SCORES) > 0) score_row()
	}
}
function header(f) { getline < f; delete c; for (i = 1; i <= NF; i++) c[$i] = i }
function num(x) { return sprintf("%.10g", x) }
FNR == 1 { file = 3; delete c; for (i = 1; i <= NF; i++) c[$i] = i }
function impact_row() {
	k = $c["cusip"]
	ok[k] = $c["alpha"] != "NA" && $c["beta"] != "NA" && $c["half_spread_bps"] != "NA"
	A[k] = $c["alpha"]; B[k] = $c["beta"]; H[k] = $c["half_spread_bps"]
	S[k] = $c["sigma_bps"]; V[k] = $c["adv_usd"]
	vh[k] = $c["se_half_spread_bps"]^2; va[k] = $c["se_log_alpha"]^2; vb[k] = $c["se_beta"]^2
	cab[k] = $c["cov_log_alpha_beta"]; cha[k] = $c["cov_h_log_alpha"]; chb[k] = $c["cov_h_beta"]
	rlo[k] = $c["resid_lo_bps"]; rhi[k] = $c["resid_hi_bps"]
}
function score_row() {   # scores: the row of the latest date
	k = $c["cusip"]
	if (!(k in sdate) || $c["date"] >= sdate[k]) { sdate[k] = $c["date"]; sc[k] = $c["score_pred"]; bk[k] = $c["bucket"] }
}
file == 3 && FNR == 1 {
	inv = TARGET != "" || DAYS != ""
	print $0 (inv && !("size_mm" in c) ? "\tsize_mm" : ""), "half_spread_bps", "impact_bps", "cost_bps", "cost_lo_bps", "cost_hi_bps", "cost_usd", "exec_days", "score", "bucket", "status"
	addsize = inv && !("size_mm" in c)
}
file == 3 && FNR > 1 {
	k = $c["cusip"]; st = "ok"; q = ""
	if (!inv) { q = $c["size_mm"] * 1e6; if (!($c["size_mm"] + 0 > 0)) st = "bad_size" }
	if ($c["side"] != "B" && $c["side"] != "S") st = "bad_side"
	if (!(k in ok)) st = "unknown_cusip"
	else if (!ok[k]) st = "no_fit"
	if (st == "ok" && inv) {
		q = ""
		if (TARGET != "") q = TARGET <= H[k] ? 0 : V[k] * ((TARGET - H[k]) / (A[k] * S[k]))^(1 / B[k])
		if (DAYS != "" && (q == "" || DAYS * P * V[k] < q)) q = DAYS * P * V[k]
	}
	out = $0
	if (addsize) out = out "\t" (q == "" ? "NA" : num(q / 1e6))
	else if (inv) { $c["size_mm"] = num(q / 1e6); out = $0 }
	if (st != "ok") {
		out = out "\tNA\tNA\tNA\tNA\tNA\tNA\tNA"
	} else {
		mi = A[k] * S[k] * (q / V[k])^B[k]; cost = H[k] + mi; L = log(q / V[k])
		s2 = vh[k] + mi^2 * va[k] + (mi * L)^2 * vb[k] + 2 * mi * cha[k] + 2 * mi * L * chb[k] + 2 * mi * mi * L * cab[k]
		lo = rlo[k] == "NA" ? "NA" : num(cost - sqrt(rlo[k]^2 + Z^2 * s2))
		hi = rhi[k] == "NA" ? "NA" : num(cost + sqrt(rhi[k]^2 + Z^2 * s2))
		out = out "\t" num(H[k]) "\t" num(mi) "\t" num(cost) "\t" lo "\t" hi "\t" num(cost / 1e4 * q) "\t" num(q / (P * V[k]))
	}
	print out, (k in sc ? sc[k] : "NA"), (k in bk ? bk[k] : "NA"), st
}
