/* SPDX-License-Identifier: MIT */
/* memo.c - readings of a text, remembered (memo.h). */
#include "memo.h"

#include <stdbool.h>
#include <string.h>

#include "mem.h"

#define SLOTS 512 /* a power of two; each slot is direct-mapped */

typedef struct slot {
  uint64_t hash;
  uint32_t kind, a, b;
  char *text; /* NULL: empty */
  size_t n;
  void *value;
  size_t size;
} slot;

struct memo {
  slot slots[SLOTS];
};

memo *memo_new(void) {
  return mem_alloc(sizeof(memo)); /* (zeroed) */
}

void memo_free(memo *m) {
  if (!m) return;
  for (size_t i = 0; i < SLOTS; i++) {
    mem_free(m->slots[i].text);
    mem_free(m->slots[i].value);
  }
  mem_free(m);
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
  const slot *e = &m->slots[h & (SLOTS - 1)];
  if (!same(e, h, kind, a, b, text, n)) return NULL;
  *size = e->size;
  return e->value;
}

void memo_put(memo *m, uint32_t kind, uint32_t a, uint32_t b, const char *text, size_t n,
              const void *value, size_t size) {
  if (!m || n > MEMO_MAX_TEXT) return;
  uint64_t h = key_hash(kind, a, b, text, n);
  slot *e = &m->slots[h & (SLOTS - 1)];
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
