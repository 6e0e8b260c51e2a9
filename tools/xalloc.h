/* SPDX-License-Identifier: MIT */
/*
 * xalloc.h - the program's allocation wrappers: out of memory aborts, as in
 * libmend (one policy for the whole project), so callers never check.
 */
#ifndef MEND_XALLOC_H
#define MEND_XALLOC_H

#include <stddef.h>

void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s); /* NULL is copied as "" */
char *xstrndup(const char *s, size_t n);

/* A growable string: `data` is NUL-terminated once anything was added
 * (NULL before); free(data) when done. */
typedef struct xbuf {
  char *data;
  size_t len, cap;
} xbuf;
void xbuf_add(xbuf *b, const char *s, size_t n);
void xbuf_adds(xbuf *b, const char *s);

/* For tests (MEND_CHECK_ALLOC=1, before any other call of libmend's): the
 * blocks libmend makes get a canary before and after them, so that a buffer
 * of libmend's freed with free() instead of mend_free(), a block of the
 * program's given to mend_free(), or a write past a block's end stops mend
 * at once, instead of going unnoticed while both allocators are the C
 * library's. */
void xalloc_check_libmend(void);

#endif
