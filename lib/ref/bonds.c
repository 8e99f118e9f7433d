#include "ref/bonds.h"
#include "ref/cusip.h"

#include "core/dates.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/text.h"
#include "core/tsv.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
opt_date(const liq_tsv *r, int col)
{
	const char *s = liq_tsv_field(r, col);

	if (strcmp(s, "NA") == 0 || s[0] == '\0')
		return INT_MIN;
	return liq_tsv_date(r, col);
}

liq_bonds *
liq_bonds_load(const char *path)
{
	liq_tsv *r = liq_tsv_open(path);
	liq_bonds *B = liq_xcalloc(1, sizeof *B);
	unsigned long cap = 0, scap = 0;
	int c_cusip, c_issuer, c_sector, c_rating, c_coupon, c_mat, c_issue,
	    c_amount;
	long i;

	if (!liq_tsv_header(r))
		liq_die(LIQ_EXIT_DATA, "%s: empty file (want a header line)", path);
	c_cusip = liq_tsv_need(r, "cusip");
	c_issuer = liq_tsv_col(r, "issuer");
	c_sector = liq_tsv_need(r, "sector");
	c_rating = liq_tsv_need(r, "rating");
	c_coupon = liq_tsv_need(r, "coupon");
	c_mat = liq_tsv_need(r, "maturity");
	c_issue = liq_tsv_need(r, "issue_date");
	c_amount = liq_tsv_need(r, "amount_out");
	while (liq_tsv_next(r)) {
		liq_bond *b;
		const char *cu = liq_tsv_cusip(r, c_cusip), *ra;
		liq_grow(&B->b, &cap, (unsigned long)B->n + 1, sizeof *B->b);
		b = &B->b[B->n++];
		strcpy(b->cusip, cu);
		b->issuer = liq_xstrdup(c_issuer < 0 ||
					strcmp(liq_tsv_field(r, c_issuer), "NA") == 0
					? "" : liq_tsv_field(r, c_issuer));
		b->sector = liq_xstrdup(strcmp(liq_tsv_field(r, c_sector), "NA") == 0
					? "" : liq_tsv_field(r, c_sector));
		ra = liq_tsv_field(r, c_rating);
		b->rating = liq_rating_notch(ra);
		if (!b->rating && strcmp(ra, "NA") && strcmp(ra, "NR") && ra[0]) {
			char q[64];
			liq_tsv_fail(r, "column 'rating': unknown rating '%s' "
				     "(want S&P letters AAA to D, NR or NA)",
				     liq_quote(q, sizeof q, ra));
		}
		b->coupon = liq_tsv_num(r, c_coupon);
		b->maturity = opt_date(r, c_mat);
		b->issue = opt_date(r, c_issue);
		b->amount = liq_tsv_num(r, c_amount);
	}
	liq_tsv_close(r);
	qsort(B->b, (size_t)B->n, sizeof *B->b, liq_cusip_row_cmp);
	for (i = 1; i < B->n; i++)
		if (strcmp(B->b[i].cusip, B->b[i - 1].cusip) == 0)
			liq_die(LIQ_EXIT_DATA, "%s: cusip '%s' appears twice", path,
				B->b[i].cusip);
	/* sector codes: 1.. in alphabetical order of the distinct names */
	for (i = 0; i < B->n; i++) {
		int k, found = 0;
		if (!B->b[i].sector[0])
			continue;
		for (k = 0; k < B->nsectors && !found; k++)
			found = strcmp(B->sectors[k], B->b[i].sector) == 0;
		if (!found) {
			liq_grow(&B->sectors, &scap, (unsigned long)B->nsectors + 1,
				 sizeof *B->sectors);
			B->sectors[B->nsectors++] = B->b[i].sector;
		}
	}
	qsort(B->sectors, (size_t)B->nsectors, sizeof *B->sectors, cmp_str);
	for (i = 0; i < B->n; i++) {
		int k;
		B->b[i].sector_code = 0;
		for (k = 0; k < B->nsectors; k++)
			if (strcmp(B->sectors[k], B->b[i].sector) == 0)
				B->b[i].sector_code = k + 1;
	}
	return B;
}

const liq_bond *
liq_bonds_find(const liq_bonds *B, const char *cusip)
{
	liq_bond key;

	if (strlen(cusip) >= sizeof key.cusip)
		return NULL;
	strcpy(key.cusip, cusip);
	return bsearch(&key, B->b, (size_t)B->n, sizeof *B->b, liq_cusip_row_cmp);
}

void
liq_bonds_free(liq_bonds *B)
{
	long i;

	if (!B)
		return;
	for (i = 0; i < B->n; i++) {
		free(B->b[i].issuer);
		free(B->b[i].sector);
	}
	free(B->b);
	free(B->sectors);
	free(B);
}

int
liq_bond_group(const liq_bond *b)
{
	return liq_rating_group(b->sector_code, b->rating);
}
