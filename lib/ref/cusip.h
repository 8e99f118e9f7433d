/* cusip — CUSIP check digits (ANSI X9.6, "modulus 10 double-add-double"). */
#ifndef LIQ_CUSIP_H
#define LIQ_CUSIP_H

/* Check digit ('0'..'9') for the first 8 characters of s (digits, upper
 * case letters, '*', '@', '#'), or -1 if one is not allowed. */
int liq_cusip_check(const char *s);

/* 1 if s is 9 characters with a correct check digit. */
int liq_cusip_valid(const char *s);

/* qsort()/bsearch() comparator of rows that begin with their cusip as a
 * char array (liq_bond, the simulator's bonds, the pre-trade tables):
 * strcmp of those strings. A bare cusip string works as the key. */
int liq_cusip_row_cmp(const void *a, const void *b);

#endif
