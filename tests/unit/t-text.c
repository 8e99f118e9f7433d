/* Unit tests of lib/core/text: UTF-8 validation at the edges of each
 * sequence length, and liq_quote's quoting of user text (printable ASCII
 * and valid UTF-8 kept, everything else '?', cut after 45 bytes with
 * "..." when longer than 48, never half a character). */
#include "core/text.h"
#include "tap.h"

#include <string.h>

static void
t_utf8(void)
{
	check(liq_utf8_valid("plain", 5));
	check(liq_utf8_valid("\xe2\x82\xac \xf0\x9f\x98\x80", 8));
	check(!liq_utf8_valid("\xff", 1));
	check(!liq_utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	check(!liq_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	check(!liq_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	check(!liq_utf8_valid("\xe2\x82", 2));         /* cut short */
	check(!liq_utf8_valid("\x80", 1));
}

/* The first and last code point of each length, and the forms just
 * outside them. */
static void
t_utf8_edges(void)
{
	check(liq_utf8_valid("", 0));
	check(liq_utf8_valid("a\0b", 3));                /* NUL is ASCII */
	check(liq_utf8_valid("\x7f", 1));
	check(liq_utf8_valid("\xc2\x80", 2));            /* U+0080 */
	check(!liq_utf8_valid("\xc1\xbf", 2));           /* overlong U+007F */
	check(liq_utf8_valid("\xdf\xbf", 2));            /* U+07FF */
	check(liq_utf8_valid("\xe0\xa0\x80", 3));        /* U+0800 */
	check(!liq_utf8_valid("\xe0\x9f\xbf", 3));       /* overlong U+07FF */
	check(liq_utf8_valid("\xed\x9f\xbf", 3));        /* U+D7FF */
	check(!liq_utf8_valid("\xed\xbf\xbf", 3));       /* U+DFFF */
	check(liq_utf8_valid("\xee\x80\x80", 3));        /* U+E000 */
	check(liq_utf8_valid("\xef\xbf\xbf", 3));        /* U+FFFF */
	check(liq_utf8_valid("\xf0\x90\x80\x80", 4));    /* U+10000 */
	check(!liq_utf8_valid("\xf0\x8f\xbf\xbf", 4));   /* overlong U+FFFF */
	check(liq_utf8_valid("\xf4\x8f\xbf\xbf", 4));    /* U+10FFFF */
	check(!liq_utf8_valid("\xf5\x80\x80\x80", 4));   /* F5 never starts one */
	check(!liq_utf8_valid("\xf0\x9f\x98", 3));       /* 4-byte cut short */
	check(!liq_utf8_valid("\xe2\x28\xa1", 3));       /* not a continuation */
	check(!liq_utf8_valid("\xe2\x82\xac", 2));       /* n ends inside it */
	check(liq_utf8_valid("\xe2\x82\xac\xff", 3));    /* n ends before the bad byte */
	check(!liq_utf8_valid("ok\xc3", 3));             /* a lead byte last */
}

static void
t_quote(void)
{
	char q[64];

	check_str(liq_quote(q, sizeof q, "ABC"), "ABC");
	check_str(liq_quote(q, sizeof q, ""), "");
	check_str(liq_quote(q, sizeof q, "a\nb\x01\xff"), "a?b??");
	check_str(liq_quote(q, sizeof q, "\xe2\x82\xac"), "\xe2\x82\xac");
	check_str(liq_quote(q, sizeof q,
			    "0123456789012345678901234567890123456789012345678901234567890"),
		  "012345678901234567890123456789012345678901234...");
	check_str(liq_quote(q, 10, "0123456789"), "01234");
}

/* 48 bytes pass whole; 49 are cut to 45 and "..." */
static void
t_quote_cut(void)
{
	char q[64], s48[49], s49[50];

	memset(s48, 'x', 48);
	s48[48] = '\0';
	check_str(liq_quote(q, sizeof q, s48), s48);
	check_int(strlen(q), 48);
	memset(s49, 'y', 49);
	s49[49] = '\0';
	liq_quote(q, sizeof q, s49);
	check_int(strlen(q), 48);
	check(strspn(q, "y") == 45);
	check_str(q + 45, "...");
	/* 48 bytes of which 16 are 3-byte characters: not cut */
	check_str(liq_quote(q, sizeof q,
			    "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			    "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			    "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
			    "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"),
		  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
}

/* A multi-byte character at the cut: kept when it ends by byte 45, else
 * one '?' for it, never half a character. */
static void
t_quote_cut_multibyte(void)
{
	char q[64], s[64], want[64];

	/* 42 'a', the euro sign in bytes 42..44, then 'b's: kept */
	memset(s, 'a', 42);
	strcpy(s + 42, "\xe2\x82\xac" "bbbbbbbbbb");
	memset(want, 'a', 42);
	strcpy(want + 42, "\xe2\x82\xac...");
	check_str(liq_quote(q, sizeof q, s), want);
	check(liq_utf8_valid(q, strlen(q)));

	/* 44 'a', the euro sign across the cut (bytes 44..46): one '?' */
	memset(s, 'a', 44);
	strcpy(s + 44, "\xe2\x82\xac" "bbbbbbbbbb");
	memset(want, 'a', 44);
	strcpy(want + 44, "?...");
	check_str(liq_quote(q, sizeof q, s), want);
	check(liq_utf8_valid(q, strlen(q)));

	/* 43 'a', a 4-byte character in bytes 43..46 */
	memset(s, 'a', 43);
	strcpy(s + 43, "\xf0\x9f\x98\x80" "bbbbbbbbbb");
	memset(want, 'a', 43);
	strcpy(want + 43, "?...");
	check_str(liq_quote(q, sizeof q, s), want);
}

/* Invalid UTF-8 and control bytes: one '?' per byte. */
static void
t_quote_bytes(void)
{
	char q[64];

	check_str(liq_quote(q, sizeof q, "\xe2\x82x"), "??x");     /* cut short */
	check_str(liq_quote(q, sizeof q, "\xc0\xaf"), "??");       /* overlong */
	check_str(liq_quote(q, sizeof q, "\xed\xa0\x80"), "???");  /* surrogate */
	check_str(liq_quote(q, sizeof q, "\x80z"), "?z");          /* stray */
	check_str(liq_quote(q, sizeof q, "\t\r\x1b[31m\x7f"), "???[31m?");
	check_str(liq_quote(q, sizeof q, "a b~"), "a b~");
	check_str(liq_quote(q, sizeof q, "caf\xc3\xa9"), "caf\xc3\xa9");
}

/* Small buffers: nothing under 8 bytes; otherwise the result always
 * fits and is valid UTF-8, with the "..." of a long value kept. */
static void
t_quote_small(void)
{
	char q[64];
	size_t size;
	const char *inputs[] = {
		"0123456789",
		"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac",
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
		"01234567890123456789012345678901234567890123456789",
	};
	size_t k;

	memset(q, 'Z', sizeof q);
	check_str(liq_quote(q, 7, "ABC"), "");
	check_str(liq_quote(q, 8, "01234567890123456789012345678901234567890123456789"),
		  "012...");
	for (k = 0; k < sizeof inputs / sizeof *inputs; k++)
		for (size = 8; size <= sizeof q; size++) {
			memset(q, 'Z', sizeof q);
			liq_quote(q, size, inputs[k]);
			check(memchr(q, '\0', size) != NULL);
			check(liq_utf8_valid(q, strlen(q)));
		}
}

int
main(void)
{
	TEST(t_utf8(), "UTF-8: overlong, surrogates, short and stray bytes refused");
	TEST(t_utf8_edges(), "UTF-8: first and last code points of each length, n respected");
	TEST(t_quote(), "user text quoted printable and short");
	TEST(t_quote_cut(), "48 bytes pass whole, 49 are cut to 45 and '...'");
	TEST(t_quote_cut_multibyte(), "a character across the cut becomes one '?'");
	TEST(t_quote_bytes(), "invalid UTF-8 and control bytes become '?'");
	TEST(t_quote_small(), "small buffers: the result fits and stays valid UTF-8");
	return tap_done();
}
