/* SPDX-License-Identifier: MIT */
/* memo.c - readings of a text, remembered (memo.h). */
#include "memo.h"

#include <stdbool.h>
#include <string.h>

#include "mem.h"

#define SLOTS 512 /* to begin with; a power of two; each slot is direct-mapped */

typedef struct slot {
  uint64_t hash;
  uint32_t kind, a, b;
  char *text; /* NULL: empty */
  size_t n;
  void *value;
  size_t size;
} slot;

/* A memo that keeps evicting what it holds for other readings (an
 * exhaustive exploration of a story with many texts and lists reads
 * thousands of them, again and again) grows, four times at a time. */
struct memo {
  slot *slots;
  size_t nslots;
  size_t evicted; /* readings put in place of another since the last growth */
};

memo *memo_new(void) {
  memo *m = mem_alloc(sizeof *m); /* (zeroed) */
  m->nslots = SLOTS;
  m->slots = mem_alloc(sizeof *m->slots * m->nslots);
  return m;
}

void memo_free(memo *m) {
  if (!m) return;
  for (size_t i = 0; i < m->nslots; i++) {
    mem_free(m->slots[i].text);
    mem_free(m->slots[i].value);
  }
  mem_free(m->slots);
  mem_free(m);
}

static void grow(memo *m) {
  size_t ns = m->nslots * 4;
  slot *to = mem_alloc(sizeof *to * ns); /* (zeroed) */
  for (size_t i = 0; i < m->nslots; i++) {
    slot *e = &m->slots[i];
    if (!e->text) continue;
    to[e->hash & (ns - 1)] = *e; /* (distinct in the smaller table: distinct here) */
  }
  mem_free(m->slots);
  m->slots = to;
  m->nslots = ns;
  m->evicted = 0;
}

static uint64_t key_hash(uint32_t kind, uint32_t a, uint32_t b, const char *text, size_t n) {
  uint32_t head[3] = {kind, a, b};
  return mem_hash(mem_hash(MEM_HASH_INIT, head, sizeof head), text, n);
}

static bool same(const slot *e, uint64_t h, uint32_t kind, uint32_t a, uint32_t b, const char *text,
                 size_t n) {
  return e->text && e->hash == h && e->kind == kind && e->a == a && e->b == b && e->n == n &&
         !memcmp(e->text, text, n);
}

const void *memo_get(const memo *m, uint32_t kind, uint32_t a, uint32_t b, const char *text,
                     size_t n, size_t *size) {
  if (!m || n > MEMO_MAX_TEXT) return NULL;
  uint64_t h = key_hash(kind, a, b, text, n);
  const slot *e = &m->slots[h & (m->nslots - 1)];
  if (!same(e, h, kind, a, b, text, n)) return NULL;
  *size = e->size;
  return e->value;
}

void memo_put(memo *m, uint32_t kind, uint32_t a, uint32_t b, const char *text, size_t n,
              const void *value, size_t size) {
  if (!m || n > MEMO_MAX_TEXT) return;
  uint64_t h = key_hash(kind, a, b, text, n);
  slot *e = &m->slots[h & (m->nslots - 1)];
  if (e->text && ++m->evicted >= m->nslots && m->nslots < MEMO_MAX_SLOTS) {
    grow(m);
    e = &m->slots[h & (m->nslots - 1)];
  }
  mem_free(e->text);
  mem_free(e->value);
  e->text = mem_alloc(n + 1);
  memcpy(e->text, text, n);
  e->text[n] = 0;
  e->n = n;
  e->value = mem_alloc(size ? size : 1);
  if (size) memcpy(e->value, value, size);
  e->size = size;
  e->hash = h;
  e->kind = kind;
  e->a = a;
  e->b = b;
}
