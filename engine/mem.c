/* SPDX-License-Identifier: MIT */
/* mem.c - see mem.h. */
#include "mem.h"

#include "mend/mend.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/mman.h> /* (WebAssembly has no pages to advise on) */
#endif

static mend_oom_fn oom_fn;
static void *oom_ud;

void mend_set_out_of_memory(mend_oom_fn fn, void *ud) {
  oom_fn = fn;
  oom_ud = ud;
}

/* Calls the host's handler, then aborts (see mend.h): never prints. */
static _Noreturn void out_of_memory(size_t n) {
  if (oom_fn) oom_fn(n, oom_ud);
  abort();
}

#define check(p, n) ((p) ? (p) : (out_of_memory(n), (void *)0))

/* The allocator: the C library's, or the host's (mend_set_allocator). Every
 * block libmend allocates comes from `hooks`, and goes back to it. The hooks
 * are never called with a size of 0, nor `free` with NULL. */
static void *std_calloc(size_t count, size_t size, void *ud) {
  (void)ud;
  return calloc(count, size);
}
static void *std_realloc(void *p, size_t size, void *ud) {
  (void)ud;
  return realloc(p, size);
}
static void std_free(void *p, void *ud) {
  (void)ud;
  free(p);
}
static const mend_allocator std_hooks = {std_calloc, std_realloc, std_free, NULL};
static mend_allocator hooks = {std_calloc, std_realloc, std_free, NULL};

void mend_set_allocator(const mend_allocator *a) {
  /* (parenthesised: a host may define calloc, realloc or free as macros) */
  hooks = a && (a->calloc) && (a->realloc) && (a->free) ? *a : std_hooks;
}

void mend_free(void *p) {
  mem_free(p);
}

void mem_free(void *p) {
  if (p) (hooks.free)(p, hooks.ud);
}

void *mem_alloc(size_t n) {
  void *p = (hooks.calloc)(1, n ? n : 1, hooks.ud);
  return check(p, n);
}

/* Not zeroed: realloc of NULL, which allocates as malloc does. */
static void *alloc_raw(size_t n) {
  void *p = (hooks.realloc)(NULL, n ? n : 1, hooks.ud);
  return check(p, n);
}

/* Aligned by hand, which works with any allocator: 64 bytes more, and the
 * distance to the block's start in the byte before the aligned address. */
void *mem_alloc_lines(size_t n) {
  if (n > SIZE_MAX - 128) out_of_memory(SIZE_MAX);
  n = n ? (n + 63) & ~(size_t)63 : 64;
  unsigned char *raw = mem_alloc(n + 64);
  unsigned char *p = raw + 64 - ((uintptr_t)raw & 63);
  p[-1] = (unsigned char)(p - raw);
  return p;
}

void mem_free_lines(void *p) {
  if (p) mem_free((unsigned char *)p - ((unsigned char *)p)[-1]);
}

void *mem_realloc(void *p, size_t n) {
  void *r = (hooks.realloc)(p, n ? n : 1, hooks.ud);
  return check(r, n);
}

char *mem_strndup(const char *s, size_t n) {
  if (n == SIZE_MAX) out_of_memory(SIZE_MAX);
  char *r = alloc_raw(n + 1);
  memcpy(r, s, n);
  r[n] = 0;
  return r;
}

char *mem_strdup(const char *s) {
  return mem_strndup(s, strlen(s));
}

void mem_grow(void **p, size_t *cap, size_t need, size_t sz) {
  if (need <= *cap) return;
  size_t n = *cap ? *cap : 8;
  while (n < need) {
    if (n > SIZE_MAX / 2 / sz) out_of_memory(SIZE_MAX);
    n *= 2;
  }
  *p = mem_realloc(*p, n * sz);
  *cap = n;
}

void mem_buf_add(mem_buf *b, const char *s, size_t n) {
  mem_grow((void **)&b->data, &b->cap, b->len + n + 1, 1);
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

void mem_buf_adds(mem_buf *b, const char *s) {
  mem_buf_add(b, s, strlen(s));
}

void mem_buf_addc(mem_buf *b, char c) {
  mem_buf_add(b, &c, 1);
}

void mem_buf_printf(mem_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char tmp[256];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof tmp) {
    mem_buf_add(b, tmp, (size_t)n);
    return;
  }
  mem_grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void mem_buf_free(mem_buf *b) {
  mem_free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* Arena: a chain of blocks; large requests get a block of their own. */
typedef struct block {
  struct block *next;
  size_t used, size;
  _Alignas(8) unsigned char data[];
} block;

struct mem_arena {
  block *head;
  size_t total;
};

enum { BLOCK_SIZE = 64 * 1024, BIG_BLOCK = 2 * 1024 * 1024, BIG_AFTER = 4 * 1024 * 1024 };

mem_arena *mem_arena_new(void) {
  return mem_alloc(sizeof(mem_arena));
}

void mem_arena_free(mem_arena *a) {
  if (!a) return;
  for (block *b = a->head, *next; b; b = next) {
    next = b->next;
    mem_free(b);
  }
  mem_free(a);
}

static void *arena_take(mem_arena *a, size_t n);

static block *big_block(void) {
  if (hooks.free != std_free) return alloc_raw(BIG_BLOCK);
  void *p = NULL;
  if (posix_memalign(&p, BIG_BLOCK, BIG_BLOCK) != 0) p = NULL;
  check(p, (size_t)BIG_BLOCK); /* freed with free(), as std_free does */
#ifdef MADV_HUGEPAGE
  madvise(p, BIG_BLOCK, MADV_HUGEPAGE); /* a hint: failure changes nothing */
#endif
  return p;
}

void *mem_arena_alloc(mem_arena *a, size_t n) {
  void *p = arena_take(a, n);
  memset(p, 0, (n + 7) & ~(size_t)7);
  return p;
}

/* n bytes, not zeroed */
static void *arena_take(mem_arena *a, size_t n) {
  n = (n + 7) & ~(size_t)7;
  if (!a->head || a->head->size - a->head->used < n) {
    size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
    block *b;
    if (size == BLOCK_SIZE && a->total >= BIG_AFTER) {
      /* a large arena (a long story): blocks of 2 MB, which the kernel may
       * back with one huge page each instead of 512 small ones (with the C
       * library's allocator only: a host's need not align them) */
      b = big_block();
      size = BIG_BLOCK - sizeof(block);
    } else {
      b = alloc_raw(sizeof(block) + size);
    }
    b->used = 0;
    b->size = size;
    if (size == n && a->head) { /* keep the current block for small requests */
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
    a->total += sizeof(block) + size;
    if (size == n && b != a->head) {
      b->used = n;
      return b->data;
    }
  }
  void *p = a->head->data + a->head->used;
  a->head->used += n;
  return p;
}

char *mem_arena_reserve(mem_arena *a, size_t n) {
  return arena_take(a, n);
}

void mem_arena_trim(mem_arena *a, char *p, size_t reserved, size_t used) {
  block *b = a->head;
  size_t end = (reserved + 7) & ~(size_t)7;
  if (b && (unsigned char *)p + end == b->data + b->used && used <= reserved)
    b->used = (size_t)((unsigned char *)p - b->data) + ((used + 7) & ~(size_t)7);
}

char *mem_arena_strndup(mem_arena *a, const char *s, size_t n) {
  char *r = arena_take(a, n + 1);
  memcpy(r, s, n);
  r[n] = 0;
  return r;
}

char *mem_arena_strdup(mem_arena *a, const char *s) {
  return mem_arena_strndup(a, s, strlen(s));
}

size_t mem_arena_size(const mem_arena *a) {
  return a->total;
}

uint64_t mem_hash(uint64_t h, const void *data, size_t n) {
  /* 8 bytes at a time, multiply and fold (in the manner of FxHash), then a
   * final mix; deterministic on every little- or big-endian machine */
  const unsigned char *p = data;
  const uint64_t k = 0x9E3779B97F4A7C15ull;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* the same value as on little-endian machines */
#endif
    h = (((h << 5) | (h >> 59)) ^ w) * k;
    p += 8;
    n -= 8;
  }
  uint64_t w = n;
  for (size_t i = n; i > 0; i--)
    w = (w << 8) | p[i - 1];
  h = (((h << 5) | (h >> 59)) ^ w) * k;
  h ^= h >> 32;
  return h;
}
