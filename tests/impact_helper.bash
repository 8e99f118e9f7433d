# Shared set-up for impact-fit, impact-shrink and pretrade: trades.tsv
# and query builders, a hand-made impact table, a small simulated universe.

T=$(printf '\t')
M="$FIX/measures"

trades() { # trades ROW...: a trades.tsv from rows "cusip date time price qty side"
	printf 'cusip\tdate\ttime\tprice\tqty\tside\n'
	for r in "$@"; do printf '%s\n' "$r" | tr ' ' '\t'; done
}

tsv() { # tsv ROW...: rows with fields separated by spaces
	for r in "$@"; do printf '%s\n' "$r" | tr ' ' '\t'; done
}

# A hand-made impact table: bond A (h 10, alpha .5, beta .5, sigma 40,
# ADV $1MM, residual quantiles -30 / +40, no parameter uncertainty),
# bond N without a fit.
impact_hand() {
	tsv "cusip n alpha beta se_log_alpha se_beta sigma_bps adv_usd half_spread_bps resid_lo_bps resid_hi_bps" \
	    "A 300 0.5 0.5 0 0 40 1000000 10 -30 40" \
	    "N 3 NA NA NA NA 55 20000 NA NA NA"
}

sim() { # a small universe: trades.tsv and bonds.tsv
	trace-sim -q -n 40 --end 2020-12-31 --clean-out trades.tsv --bonds-out bonds.tsv > /dev/null
}

# first_row NAME...: the named columns of the first data row of $output
first_row() {
	echo "$output" | cols - "$@" | sed -n 2p
}
