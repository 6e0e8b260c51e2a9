/*
 * text.h - story text: HTML-like white-space normalisation, `{var}`
 * interpolation with `{{` / `}}` escapes, and <em>/<strong> kept as spans.
 *
 * The loader hands over the runs of character data it found in an element
 * (each with its style); text_compile normalises them and splits them into
 * literal and variable pieces once, so rendering is a copy loop.
 */
#ifndef MEND_TEXT_H
#define MEND_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "mend/mend.h"

typedef struct text_run {
  const char *s;
  size_t n;
  unsigned style;
} text_run;

typedef struct text_piece {
  const char *s; /* literal (arena), or NULL for a variable */
  uint32_t n;    /* literal length */
  uint32_t var;  /* variable index */
  unsigned style;
} text_piece;

#define TEXT_BROKEN (-2)

typedef struct text_sink {
  void *ud;
  /* Resolves a variable name; -1 when unknown, TEXT_BROKEN when its
   * declaration has an error (the text then fails without a message). */
  int32_t (*var)(void *ud, const char *name, size_t n);
  /* An error, and where: at the brace that is the `brace`-th '{' or '}' of
   * the runs (counted from 0, in the order written). */
  void (*error)(void *ud, const char *msg, size_t brace);
  /* The name meant by an unknown one, or NULL (may be NULL itself). */
  const char *(*suggest)(void *ud, const char *name, size_t n);
} text_sink;

/* Appends the pieces of `runs` to (*pieces, *n, *cap). Returns false after
 * reporting every error through sink->error. */
bool text_compile(const text_run *runs, size_t nruns, mem_arena *a, text_piece **pieces, size_t *n,
                  size_t *cap, const text_sink *sink);

/* The same with scratch buffers kept between calls (free with
 * text_scratch_free): the loader compiles thousands of texts. */
typedef struct text_scratch {
  mem_buf buf, lit;
  void *runs;
  size_t runs_cap;
} text_scratch;
bool text_compile_with(const text_run *runs, size_t nruns, mem_arena *a, text_piece **pieces,
                       size_t *n, size_t *cap, const text_sink *sink, text_scratch *scr);
void text_scratch_free(text_scratch *scr);

/* Normalises white space of plain text (titles, examples) into `out`. */
void text_normalize(const char *s, size_t n, mem_buf *out);

typedef void (*text_var_fn)(void *ud, uint32_t var, mem_buf *out);

/* Renders pieces onto `out`, adding a span (offsets relative to `base`) for
 * each styled stretch. */
void text_render(const text_piece *p, size_t n, text_var_fn fn, void *ud, mem_buf *out, size_t base,
                 mend_span **spans, size_t *nspans, size_t *spancap);

#endif
