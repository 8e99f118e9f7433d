/* cusip — CUSIP check digits (ANSI X9.6, "modulus 10 double-add-double"). */
#ifndef LIQ_CUSIP_H
#define LIQ_CUSIP_H

#include "core/tsv.h"

/* Check digit ('0'..'9') for the first 8 characters of s (digits, upper
 * case letters, '*', '@', '#'), or -1 if one is not allowed. */
int liq_cusip_check(const char *s);

/* 1 if s is 9 characters with a correct check digit. */
int liq_cusip_valid(const char *s);

/* 1 if s is a cusip as the tools keep one: 1 to 12 letters, digits, '*',
 * '@' or '#' (TRACE's are 9; the check digit is not checked, a file may
 * use another identifier of that shape). */
int liq_cusip_ok(const char *s);

/* Field col of r's current row, checked by liq_cusip_ok(): else exit 1
 * with "file:line: column 'cusip': bad CUSIP '<value>' (want 1 to 12
 * letters, digits, *, @ or #)", the value quoted by liq_quote(). Every
 * reader of a cusip column goes through here. */
const char *liq_tsv_cusip(const liq_tsv *r, int col);

/* qsort()/bsearch() comparator of rows that begin with their cusip as a
 * char array (liq_bond, the simulator's bonds, the pre-trade tables):
 * strcmp of those strings. A bare cusip string works as the key. */
int liq_cusip_row_cmp(const void *a, const void *b);

#endif
