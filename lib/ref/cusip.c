#include "ref/cusip.h"

#include "core/text.h"

#include <string.h>

int
liq_cusip_check(const char *s)
{
	int i, sum = 0;

	for (i = 0; i < 8; i++) {
		int c = (unsigned char)s[i], v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'A' && c <= 'Z')
			v = c - 'A' + 10;
		else if (c == '*')
			v = 36;
		else if (c == '@')
			v = 37;
		else if (c == '#')
			v = 38;
		else
			return -1;
		if (i % 2 == 1)
			v *= 2;
		sum += v / 10 + v % 10;
	}
	return '0' + (10 - sum % 10) % 10;
}

int
liq_cusip_valid(const char *s)
{
	return strlen(s) == 9 && liq_cusip_check(s) == s[8];
}

int
liq_cusip_ok(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789*@#");

	return n > 0 && n <= 12 && s[n] == '\0';
}

const char *
liq_tsv_cusip(const liq_tsv *r, int col)
{
	const char *s = liq_tsv_field(r, col);
	char qn[64], qv[64];

	if (!liq_cusip_ok(s))
		liq_tsv_fail(r, "column '%s': bad CUSIP '%s' (want 1 to 12 letters, "
			     "digits, *, @ or #)", liq_quote(qn, sizeof qn, r->hdr[col]),
			     liq_quote(qv, sizeof qv, s));
	return s;
}

int
liq_cusip_row_cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}
