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

/* Rating bucket of a notch: 1 AAA/AA (1-4), 2 A (5-7), 3 BBB (8-10),
 * 4 BB (11-13), 5 B (14-16), 6 CCC and below (17-22); 0 unknown. */
int liq_rating_bucket(int notch);
const char *liq_rating_bucket_name(int bucket);

#endif
