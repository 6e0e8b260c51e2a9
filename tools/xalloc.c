/* SPDX-License-Identifier: MIT */
/* xalloc.c - see xalloc.h. */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mend/mend.h"

static void *check(void *p) {
  if (!p) {
    fputs("mend: out of memory\n", stderr);
    abort();
  }
  return p;
}

void *xrealloc(void *p, size_t n) {
  return check(realloc(p, n ? n : 1));
}

void *xcalloc(size_t n, size_t size) {
  return check(calloc(n ? n : 1, size ? size : 1));
}

char *xstrdup(const char *s) {
  return check(strdup(s ? s : ""));
}

char *xstrndup(const char *s, size_t n) {
  return check(strndup(s, n));
}

void xbuf_add(xbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    while (b->len + n + 1 > b->cap)
      b->cap = b->cap ? b->cap * 2 : 256;
    b->data = xrealloc(b->data, b->cap);
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

void xbuf_adds(xbuf *b, const char *s) {
  xbuf_add(b, s, strlen(s));
}

/* ---- the checking allocator for libmend (MEND_CHECK_ALLOC) ------------------------- */

#define HEAD_CANARY 0x6d656e64c0ffee02ull
#define TAIL_CANARY 0x7a1c0ffee5eed5ull

/* The word just before a block is 0: given to free(), glibc reads it as a
 * chunk of size 0 and stops ("free(): invalid pointer"). */
typedef struct check_head {
  uint64_t canary;
  size_t size;
  uint64_t unused, zero;
} check_head;
_Static_assert(sizeof(check_head) % _Alignof(max_align_t) == 0, "blocks stay aligned");

static _Noreturn void wrong(const char *what) {
  fprintf(stderr, "mend: %s (MEND_CHECK_ALLOC)\n", what);
  abort();
}

static check_head *head_of(void *p) {
  check_head *h = (check_head *)p - 1;
  if (h->canary != HEAD_CANARY || h->zero)
    wrong("mend_free() was given a block libmend did not allocate");
  uint64_t tail;
  memcpy(&tail, (char *)p + h->size, sizeof tail);
  if (tail != TAIL_CANARY) wrong("a block of libmend's was written past its end");
  return h;
}

static void *finish(check_head *h, size_t size) {
  if (!h) return NULL;
  h->canary = HEAD_CANARY;
  h->size = size;
  h->zero = 0;
  uint64_t tail = TAIL_CANARY;
  memcpy((char *)(h + 1) + size, &tail, sizeof tail);
  return h + 1;
}

static void *check_calloc(size_t count, size_t size, void *ud) {
  (void)ud;
  if (size > (SIZE_MAX - sizeof(check_head) - 8) / count) return NULL;
  return finish(calloc(1, sizeof(check_head) + count * size + 8), count * size);
}

static void *check_realloc(void *p, size_t size, void *ud) {
  (void)ud;
  if (size > SIZE_MAX - sizeof(check_head) - 8) return NULL;
  check_head *h = p ? head_of(p) : NULL;
  return finish(realloc(h, sizeof(check_head) + size + 8), size);
}

static void check_free(void *p, void *ud) {
  (void)ud;
  check_head *h = head_of(p);
  h->canary = 0;
  free(h);
}

void xalloc_check_libmend(void) {
  static const mend_allocator a = {check_calloc, check_realloc, check_free, NULL};
  mend_set_allocator(&a);
}
