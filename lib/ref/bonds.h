/* bonds — bonds.tsv, the reference data (liq(7), DATA CONTRACTS): one row
 * per bond, cusip issuer sector rating coupon maturity issue_date
 * amount_out.
 * Loaded whole (it is small: a row per bond) and looked up by cusip.
 *
 *     liq_bonds *b = liq_bonds_load("bonds.tsv");
 *     const liq_bond *x = liq_bonds_find(b, "037833AK6");   // NULL: unknown
 */
#ifndef LIQ_BONDS_H
#define LIQ_BONDS_H

#include "ref/rating.h"

typedef struct liq_bond {
	char cusip[16];
	char *issuer;          /* owned; "" when NA or without the column */
	char *sector;          /* owned; "" when NA */
	int sector_code;       /* 1.. in alphabetical order of the file's sectors */
	int rating;            /* notch 1 (AAA) .. 22 (D); 0 unknown */
	double coupon;         /* percent; NaN unknown */
	int maturity, issue;   /* days since epoch; INT_MIN unknown */
	double amount;         /* $ par outstanding; NaN unknown */
} liq_bond;

typedef struct liq_bonds {
	liq_bond *b;
	long n;
	char **sectors;        /* distinct sector names, sorted */
	int nsectors;
} liq_bonds;

/* Load a bonds.tsv; exits 2 on a missing column, 1 on a bad value or a
 * duplicated cusip (with file:line). */
liq_bonds *liq_bonds_load(const char *path);

/* The bond with this cusip, or NULL. */
const liq_bond *liq_bonds_find(const liq_bonds *b, const char *cusip);

void liq_bonds_free(liq_bonds *b);

/* The bond's sector x rating group (ref/rating.h), LIQ_GROUP_NONE when
 * its sector or rating is unknown. */
int liq_bond_group(const liq_bond *b);

#endif
