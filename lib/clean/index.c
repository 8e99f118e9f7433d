/* index — interning and the matching pass (clean/index.h). */
#include "clean/index.h"

#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

/* ---- hashing ------------------------------------------------------------ */

uint64_t
liq_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t
str_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return liq_hash_mix(h);
}

uint64_t
liq_key_hash(const liq_key *k)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < 5; i++)
		h = liq_hash_mix(h ^ k->w[i]);
	return h;
}

/* ---- interning ---------------------------------------------------------- */

void
liq_intern_init(liq_intern *t)
{
	memset(t, 0, sizeof *t);
	t->mask = 1023;
	t->tab = liq_xmalloc((t->mask + 1) * sizeof *t->tab);
	memset(t->tab, 0xff, (t->mask + 1) * sizeof *t->tab);
}

void
liq_intern_free(liq_intern *t)
{
	free(t->arena);
	free(t->off);
	free(t->tab);
	memset(t, 0, sizeof *t);
}

static void
grow(liq_intern *t)
{
	size_t cap = (t->mask + 1) * 2, i;
	uint32_t *tab = liq_xmalloc(cap * sizeof *tab);

	memset(tab, 0xff, cap * sizeof *tab);
	for (i = 0; i < t->n; i++) {
		const char *s = liq_intern_str(t, (uint32_t)i);
		size_t h = (size_t)str_hash(s, strlen(s)) & (cap - 1);
		while (tab[h] != LIQ_NONE)
			h = (h + 1) & (cap - 1);
		tab[h] = (uint32_t)i;
	}
	free(t->tab);
	t->tab = tab;
	t->mask = cap - 1;
}

uint32_t
liq_intern_add(liq_intern *t, const char *s)
{
	size_t n = strlen(s), h = (size_t)str_hash(s, n) & t->mask;

	for (;; h = (h + 1) & t->mask) {
		uint32_t b = t->tab[h];
		if (b == LIQ_NONE)
			break;
		if (strcmp(liq_intern_str(t, b), s) == 0)
			return b;
	}
	liq_grow(&t->arena, &t->acap, t->alen + n + 1, 1);
	memcpy(t->arena + t->alen, s, n + 1);
	liq_grow(&t->off, &t->cap, t->n + 1, sizeof *t->off);
	t->off[t->n] = (uint32_t)t->alen;
	t->alen += n + 1;
	t->tab[h] = (uint32_t)t->n;
	if (++t->n * 2 > t->mask)
		grow(t);
	return (uint32_t)(t->n - 1);
}

/* ---- matching ----------------------------------------------------------- */

void
liq_match_add(liq_match *p, uint32_t i, const liq_key *k)
{
	if (p->nrec == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->rec = liq_xrealloc(p->rec, p->cap * sizeof *p->rec);
		p->rkey = liq_xrealloc(p->rkey, p->cap * sizeof *p->rkey);
	}
	p->rec[p->nrec] = i;
	p->rkey[p->nrec] = *k;
	p->tags |= 1 << (k->w[0] & 0xff);
	p->nrec++;
}

/* The slot of key k (hash hv), or NULL. */
liq_match_slot *
liq_match_find(const liq_match *p, const liq_key *k, uint64_t hv)
{
	size_t h;

	if (!p->tab)
		return NULL;
	if (!(p->bits[(hv >> 32 & p->bmask) >> 6] >> (hv >> 32 & 63) & 1))
		return NULL;
	for (h = (size_t)hv & p->mask;; h = (h + 1) & p->mask) {
		liq_match_slot *s = &p->tab[h];
		if (s->first == LIQ_NONE)
			return NULL;
		if (memcmp(&p->rkey[s->first], k, sizeof *k) == 0)
			return s;
	}
}

void
liq_match_build(liq_match *p)
{
	size_t cap = 16;
	unsigned long j;

	if (!p->nrec)
		return;
	while (cap < 2 * p->nrec)
		cap *= 2;
	p->mask = cap - 1;
	p->tab = liq_xmalloc(cap * sizeof *p->tab);
	memset(p->tab, 0xff, cap * sizeof *p->tab);
	p->next = liq_xmalloc(p->nrec * sizeof *p->next);
	p->used = liq_xcalloc(p->nrec, 1);
	p->bmask = 8 * cap - 1; /* 16 bits per record or more */
	p->bits = liq_xcalloc(cap / 8, sizeof *p->bits);
	for (j = 0; j < p->nrec; j++) {
		uint64_t hv = liq_key_hash(&p->rkey[j]);
		size_t h = (size_t)hv & p->mask;
		liq_match_slot *s;
		p->bits[(hv >> 32 & p->bmask) >> 6] |= 1ULL << (hv >> 32 & 63);
		for (;; h = (h + 1) & p->mask) {
			s = &p->tab[h];
			if (s->first == LIQ_NONE ||
			    memcmp(&p->rkey[s->first], &p->rkey[j],
				   sizeof(liq_key)) == 0)
				break;
		}
		p->next[j] = LIQ_NONE;
		if (s->first == LIQ_NONE) {
			s->first = s->head = s->tail = (uint32_t)j;
		} else {
			p->next[s->tail] = (uint32_t)j;
			s->tail = (uint32_t)j;
		}
	}
}

/* The next unused record with key k that is not report `self`; marks it
 * used. Returns its position, or LIQ_NONE. */
uint32_t
liq_match_take(liq_match *p, const liq_key *k, uint64_t hv, uint32_t self)
{
	liq_match_slot *s = liq_match_find(p, k, hv);
	uint32_t j;

	if (!s || s->head == LIQ_NONE || p->rec[s->head] == self)
		return LIQ_NONE;
	j = s->head;
	s->head = p->next[j];
	p->used[j] = 1;
	return j;
}

void
liq_match_free(liq_match *p)
{
	free(p->rec);
	free(p->rkey);
	free(p->next);
	free(p->used);
	free(p->tab);
	free(p->bits);
	memset(p, 0, sizeof *p);
}
