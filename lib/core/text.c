#include "core/text.h"

#include <string.h>

int
liq_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;

	while (s < e) {
		unsigned c = *s, cp;
		int k, i;

		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return 0;   /* continuation byte, C0, C1 or F5.. */
		}
		if (e - s <= k)
			return 0;
		for (i = 1; i <= k; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += k + 1;
	}
	return 1;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC2 ? 2 : 0;

	return k && k <= n && liq_utf8_valid((const char *)s, k) ? k : 0;
}

char *
liq_quote(char *out, size_t size, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0, o = 0, cut = n > 48 ? 45 : n;

	if (size < 8) {
		out[0] = '\0';
		return out;
	}
	while (i < cut && o + 5 < size) {
		size_t k = s[i] >= 0x80 ? utf8_len(s + i, n - i) : 1;
		if (k > 1 && i + k <= cut && o + k + 4 < size) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		out[o++] = s[i] >= 0x20 && s[i] < 0x7F ? (char)s[i] : '?';
		i += k > 1 ? k : 1;
	}
	if (cut < n && o + 4 <= size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}
