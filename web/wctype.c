/* SPDX-License-Identifier: MIT */
/*
 * wctype.c - glibc's character classes and case mappings for C.UTF-8, in
 * the WebAssembly build, in place of wasi-libc's: the functions the regular
 * expressions ask about characters (gnulib's copy of glibc's regex: [[:alpha:]],
 * ranges and case ignored all depend on them), answered from the table that
 * web/wctype-table.c writes from glibc itself. With glibc's regex code and
 * glibc's tables, a pattern matches in the page what it matches in mend
 * (tests/web/regex.sh checks it). Only in the wasm link (make web).
 */
#include <stddef.h>
#include <string.h>
#include <wctype.h>

#undef iswdigit /* (a macro in wasi-libc: here it is a function like the others) */

struct wt_run {
  unsigned first, last, classes;
  int upper, lower;
};

#include "wctype-table.h"

#define NRUNS (sizeof wt_runs / sizeof *wt_runs)
#define NCLASSES (sizeof wt_classes / sizeof *wt_classes)

static const struct wt_run *run_of(wint_t wc) {
  if (wc < 0) return NULL; /* WEOF */
  unsigned c = (unsigned)wc;
  size_t lo = 0, hi = NRUNS;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c > wt_runs[mid].last)
      lo = mid + 1;
    else if (c < wt_runs[mid].first)
      hi = mid;
    else
      return &wt_runs[mid];
  }
  return NULL; /* past U+10FFFF, or WEOF */
}

wctype_t wctype(const char *name) {
  for (size_t k = 0; k < NCLASSES; k++)
    if (!strcmp(name, wt_classes[k])) return (wctype_t)(k + 1);
  return 0;
}

int iswctype(wint_t c, wctype_t t) {
  const struct wt_run *r = run_of(c);
  return r && t >= 1 && t <= NCLASSES && (r->classes >> (t - 1) & 1u);
}

static int is(wint_t c, const char *name) {
  return iswctype(c, wctype(name));
}

int iswalnum(wint_t c) {
  return is(c, "alnum");
}
int iswalpha(wint_t c) {
  return is(c, "alpha");
}
int iswblank(wint_t c) {
  return is(c, "blank");
}
int iswcntrl(wint_t c) {
  return is(c, "cntrl");
}
int iswdigit(wint_t c) {
  return is(c, "digit");
}
int iswgraph(wint_t c) {
  return is(c, "graph");
}
int iswlower(wint_t c) {
  return is(c, "lower");
}
int iswprint(wint_t c) {
  return is(c, "print");
}
int iswpunct(wint_t c) {
  return is(c, "punct");
}
int iswspace(wint_t c) {
  return is(c, "space");
}
int iswupper(wint_t c) {
  return is(c, "upper");
}
int iswxdigit(wint_t c) {
  return is(c, "xdigit");
}

wint_t towupper(wint_t c) {
  const struct wt_run *r = run_of(c);
  return r ? (wint_t)((int)c + r->upper) : c;
}

wint_t towlower(wint_t c) {
  const struct wt_run *r = run_of(c);
  return r ? (wint_t)((int)c + r->lower) : c;
}
