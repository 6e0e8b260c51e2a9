/* SPDX-License-Identifier: MIT */
/*
 * mem.h - memory for libmend: the out-of-memory policy, growable buffers,
 * a string arena, and the 64-bit content hash.
 *
 * Every block the engine allocates comes from here, and so from the host's
 * allocator when it set one (mend_set_allocator): no other file calls
 * malloc, calloc, realloc, strdup or free. Out of memory is decided once,
 * here too: these wrappers call the host's handler, then abort() (the cmark
 * policy). Nothing else in the engine checks for NULL.
 */
#ifndef MEND_MEM_H
#define MEND_MEM_H

#include <stddef.h>
#include <stdint.h>

void *mem_alloc(size_t n);            /* zeroed; never NULL */
void *mem_realloc(void *p, size_t n); /* never NULL */
void mem_free(void *p);               /* what the others gave; NULL is fine */
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
/* zeroed, aligned on 64 bytes (a cache line); freed with mem_free_lines only */
void *mem_alloc_lines(size_t n);
void mem_free_lines(void *p);

/* Grows an array `*p` of `*cap` elements of size `sz` to hold at least `need`. */
void mem_grow(void **p, size_t *cap, size_t need, size_t sz);
/* (arr, n and cap are evaluated more than once: plain lvalues only) */
#define VEC_PUSH(arr, n, cap)                                                                      \
  ((size_t)(n) < (cap)                                                                             \
       ? &(arr)[(n)++]                                                                             \
       : (mem_grow((void **)&(arr), &(cap), (size_t)(n) + 1, sizeof(*(arr))), &(arr)[(n)++]))

/* A growable byte buffer, always NUL-terminated once anything was added. */
typedef struct mem_buf {
  char *data;
  size_t len, cap;
} mem_buf;
void mem_buf_add(mem_buf *b, const char *s, size_t n);
void mem_buf_adds(mem_buf *b, const char *s);
void mem_buf_addc(mem_buf *b, char c);
void mem_buf_printf(mem_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mem_buf_free(mem_buf *b);

/* An arena of strings and small objects, freed in one call. */
typedef struct mem_arena mem_arena;
mem_arena *mem_arena_new(void);
void mem_arena_free(mem_arena *a);
void *mem_arena_alloc(mem_arena *a, size_t n); /* zeroed, 8-aligned */
char *mem_arena_strndup(mem_arena *a, const char *s, size_t n);
char *mem_arena_strdup(mem_arena *a, const char *s);
/* n bytes, not zeroed, to be filled; then mem_arena_trim gives back what was
 * not used, when nothing was taken from the arena in between. */
char *mem_arena_reserve(mem_arena *a, size_t n);
void mem_arena_trim(mem_arena *a, char *p, size_t reserved, size_t used);
size_t mem_arena_size(const mem_arena *a); /* bytes held */

/* A fast 64-bit hash of bytes, continued from `h` (start with MEM_HASH_INIT);
 * not cryptographic: it tells changed stories and saves from unchanged ones. */
#define MEM_HASH_INIT 0xcbf29ce484222325ull
uint64_t mem_hash(uint64_t h, const void *data, size_t n);

#endif
