/* SPDX-License-Identifier: MIT */
/* diag.c - the diagnostics list of the public API (mend_diags). */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

struct mend_diags {
  mend_diag *v;
  size_t n, cap, errors;
};

mend_diags *mend_diags_new(void) {
  return mem_alloc(sizeof(mend_diags));
}

void mend_diags_free(mend_diags *d) {
  if (!d) return;
  for (size_t i = 0; i < d->n; i++) {
    mem_free((char *)d->v[i].file);
    mem_free((char *)d->v[i].message);
    mem_free((char *)d->v[i].code);
  }
  mem_free(d->v);
  mem_free(d);
}

size_t mend_diags_count(const mend_diags *d) {
  return d ? d->n : 0;
}

size_t mend_diags_errors(const mend_diags *d) {
  return d ? d->errors : 0;
}

const mend_diag *mend_diags_at(const mend_diags *d, size_t i) {
  return d && i < d->n ? &d->v[i] : NULL;
}

void mend_diags_add(mend_diags *d, mend_severity sev, const char *file, int line, int column,
                    const char *code, const char *message) {
  if (!d) return;
  mend_diag *g = VEC_PUSH(d->v, d->n, d->cap);
  g->severity = sev;
  g->file = mem_strdup(file ? file : "<input>");
  g->line = line > 0 ? line : 0;
  g->column = column > 0 ? column : 0;
  g->code = code ? mem_strdup(code) : NULL;
  g->message = mem_strdup(message);
  if (sev == MEND_ERROR) d->errors++;
}

void diags_append(mend_diags *d, size_t i, const char *text) {
  if (!d || i >= d->n) return;
  size_t a = strlen(d->v[i].message), b = strlen(text);
  char *m = mem_alloc(a + b + 1);
  memcpy(m, d->v[i].message, a);
  memcpy(m + a, text, b + 1);
  mem_free((char *)d->v[i].message);
  d->v[i].message = m;
}

static int cmp_pos(const mend_diag *a, const mend_diag *b) {
  int c = strcmp(a->file, b->file);
  if (c) return c;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->column != b->column) return a->column < b->column ? -1 : 1;
  return 0;
}

void mend_diags_sort(mend_diags *d) {
  if (!d || d->n < 2) return;
  /* a bottom-up merge sort: stable, and n log n (lint can add a warning per
   * node of a story of 100 000 nodes) */
  mend_diag *a = d->v, *b = mem_alloc(sizeof(mend_diag) * d->n);
  for (size_t w = 1; w < d->n; w *= 2) {
    for (size_t lo = 0; lo < d->n; lo += 2 * w) {
      size_t mid = lo + w < d->n ? lo + w : d->n, hi = lo + 2 * w < d->n ? lo + 2 * w : d->n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        b[k++] = cmp_pos(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
      while (i < mid)
        b[k++] = a[i++];
      while (j < hi)
        b[k++] = a[j++];
    }
    mend_diag *t = a;
    a = b;
    b = t;
  }
  if (a != d->v) {
    memcpy(d->v, a, sizeof(mend_diag) * d->n);
    b = a;
  }
  mem_free(b);
}

char *mend_diag_format(const mend_diag *g) {
  mem_buf b = {0};
  mem_buf_adds(&b, g->file);
  if (g->line > 0) mem_buf_printf(&b, ":%d", g->line);
  if (g->line > 0 && g->column > 0) mem_buf_printf(&b, ":%d", g->column);
  mem_buf_adds(&b, g->severity == MEND_ERROR     ? ": error: "
                   : g->severity == MEND_WARNING ? ": warning: "
                                                 : ": note: ");
  mem_buf_adds(&b, g->message);
  if (g->code) mem_buf_printf(&b, " [%s]", g->code);
  return b.data;
}
