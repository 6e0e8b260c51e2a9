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
