/* index — the plain hash structures trace-clean matches reports with:
 * an interning table that numbers strings (the CUSIPs), and a matching
 * pass that pairs records with the targets they act on by a 40-byte key.
 * Neither knows what a report is: clean/steps.c builds the keys.
 *
 *     liq_intern t;
 *     liq_intern_init(&t);
 *     uint32_t b = liq_intern_add(&t, "00206RGL0");   // 0, then 1, 2, ...
 *     const char *cusip = liq_intern_str(&t, b);
 *     liq_intern_free(&t);
 *
 *     liq_match p;
 *     liq_key k = { { 1, 2, 3, 4, 5 } };
 *     memset(&p, 0, sizeof p);
 *     liq_match_add(&p, 7, &k);          // record 7 has key k
 *     liq_match_build(&p);               // after the last add
 *     uint32_t j = liq_match_take(&p, &k, liq_key_hash(&k), 9);
 *     if (j != LIQ_NONE) ... p.rec[j] == 7 acts on target 9; p.used[j] ...
 *     liq_match_free(&p);
 *
 * Records of one key pair with targets in order: the k-th record added
 * with that key goes to the k-th target that takes it.
 */
#ifndef LIQ_INDEX_H
#define LIQ_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* No string, record or report. */
#define LIQ_NONE UINT32_MAX

/* A 64-bit finaliser (MurmurHash3's fmix64). */
uint64_t liq_hash_mix(uint64_t h);

/* ---- interning ---------------------------------------------------------- */

typedef struct liq_intern {
	char *arena;             /* the strings, NUL-terminated, one after
				  * the other */
	unsigned long alen, acap;
	uint32_t *off;           /* arena offset of string i */
	unsigned long n, cap;
	uint32_t *tab;           /* open addressing: string numbers */
	size_t mask;
} liq_intern;

void liq_intern_init(liq_intern *t);
void liq_intern_free(liq_intern *t);

/* The number of string s: the one it got when first added, or the next
 * number (0, 1, ...) if it is new. */
uint32_t liq_intern_add(liq_intern *t, const char *s);

/* String number i. */
static inline const char *
liq_intern_str(const liq_intern *t, uint32_t i)
{
	return t->arena + t->off[i];
}

/* ---- matching ----------------------------------------------------------- */

/* A key: five words; the low byte of w[0] is a tag that says which kind
 * of key it is (liq_match.tags collects them). */
typedef struct liq_key {
	uint64_t w[5];
} liq_key;

uint64_t liq_key_hash(const liq_key *k);

typedef struct liq_match_slot {
	uint32_t first;  /* position of the first record with this key */
	uint32_t head;   /* next record to pair, LIQ_NONE when used up */
	uint32_t tail;
} liq_match_slot;

/* One matching pass: records added with their keys, then built into a
 * table that targets look up. Zero it before the first liq_match_add(). */
typedef struct liq_match {
	uint32_t *rec;   /* the records, in the order added */
	liq_key *rkey;   /* their keys */
	uint32_t *next;
	uint8_t *used;   /* 1 once a record has been taken */
	unsigned long nrec, cap;
	liq_match_slot *tab;
	size_t mask;
	uint64_t *bits;  /* one bit per hash value: most targets miss, and
			  * the bitmap (16 bits per record) stays in cache */
	size_t bmask;
	int tags;        /* 1 << tag of every record key */
} liq_match;

/* Add record i with key k. */
void liq_match_add(liq_match *p, uint32_t i, const liq_key *k);

/* Build the table; call once, after the last add (nothing to do for no
 * records). */
void liq_match_build(liq_match *p);

/* The slot of key k (hv = liq_key_hash(k)), or NULL if no record has it. */
liq_match_slot *liq_match_find(const liq_match *p, const liq_key *k,
			       uint64_t hv);

/* The next unused record with key k, unless it is record `self`; marks it
 * used. Returns its position in p->rec, or LIQ_NONE. */
uint32_t liq_match_take(liq_match *p, const liq_key *k, uint64_t hv,
			uint32_t self);

/* Free the pass and zero it (it may be reused). */
void liq_match_free(liq_match *p);

#endif
