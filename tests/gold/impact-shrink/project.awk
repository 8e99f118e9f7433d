# project.awk — the columns of impact-shrink's output that prior.awk
# recomputes, picked by name: PART=groups cusip and prior of every row,
# PART=prior the prior-only rows (source prior).
BEGIN { OFS = "\t" }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
PART == "groups" { print $c["cusip"], $c["prior"]; next }
NR == 1 || $c["source"] == "prior" {
	print $c["cusip"], $c["alpha_post"], $c["beta_post"], $c["weight"], $c["source"],
	      $c["half_spread_post_bps"], $c["sigma_post_bps"], $c["prior"]
}
