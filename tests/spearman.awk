# spearman.awk — Spearman's rank correlation of two columns.
# Input: lines "x y" (whitespace-separated). Output: rho and the count.
# Ties get the average of their ranks.
function rank(v, r, n,    i, j, k, idx, tmp) {
	for (i = 1; i <= n; i++)
		idx[i] = i
	# insertion sort of indices by value (n is a few hundred)
	for (i = 2; i <= n; i++) {
		tmp = idx[i]
		for (j = i - 1; j >= 1 && v[idx[j]] > v[tmp]; j--)
			idx[j + 1] = idx[j]
		idx[j + 1] = tmp
	}
	for (i = 1; i <= n; i = j + 1) {
		for (j = i; j < n && v[idx[j + 1]] == v[idx[i]]; j++)
			;
		for (k = i; k <= j; k++)
			r[idx[k]] = (i + j) / 2
	}
}
{ n++; x[n] = $1 + 0; y[n] = $2 + 0 }
END {
	rank(x, rx, n)
	rank(y, ry, n)
	for (i = 1; i <= n; i++) { mx += rx[i]; my += ry[i] }
	mx /= n; my /= n
	for (i = 1; i <= n; i++) {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) ^ 2
		syy += (ry[i] - my) ^ 2
	}
	printf "%.4f %d\n", sxy / sqrt(sxx * syy), n
}
