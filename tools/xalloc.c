/* SPDX-License-Identifier: MIT */
/* xalloc.c - see xalloc.h. */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
