/* SPDX-License-Identifier: MIT */
/*
 * regex.c - the regular expressions of rules and matches() in the two C
 * libraries mend runs on: glibc (mend, natively) and wasi-libc (mend.wasm,
 * musl's TRE regex). This program is built both ways; each build compiles
 * the same patterns through the engine (engine/pattern.c: the limits, the
 * anchored search behind a sentinel, the fixed locale) and runs them on the
 * same texts, and prints one line per pattern and per pattern and text: how
 * it compiled, whether it matched, and where (the place a note quotes). The
 * test (tests/web/regex.sh) requires the two outputs to be identical.
 *
 * The patterns and texts: every line of standard input that starts with
 * "p " (a pattern) or "t " (a text): the patterns of the fixtures and of the
 * unit tests, and sentences people type; then `n` patterns and texts made by
 * a fixed pseudo-random grammar of what authors write (literals with and
 * without accents, classes, ranges, POSIX classes, alternatives, groups,
 * repetitions and bounds, anchors, dots, escapes) and texts of the same
 * letters in both cases.
 *
 * usage: regex N < corpus
 */
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "pattern.h"

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (uint32_t)(state % n);
}

static const char *const letters[] = {"a", "b", "e", "s", "o", "r", "y", " ", "é", "É", "ü",
                                      "Ü", "ß", "ø", "Ø", "ı", "İ", "A", "S", "'", "’", "😊",
                                      "1", "-", ".", "ñ", "Ñ", "ç", "Ç", "k", "K", "K"};

static void add_letter(mem_buf *b) {
  mem_buf_adds(b, letters[rnd(sizeof letters / sizeof *letters)]);
}

/* A piece of a pattern, `depth` groups deep. */
static void atom(mem_buf *b, int depth) {
  switch (rnd(depth < 2 ? 12 : 9)) {
  case 0: mem_buf_adds(b, "."); break;
  case 1: {
    static const char *const classes[] = {
        "[a-z]",       "[A-Z]",       "[^a-z]",      "[[:alpha:]]", "[[:space:]]",
        "[[:upper:]]", "[[:lower:]]", "[[:punct:]]", "[éa]",        "[^ ]",
        "[a-zé]",      "[[:digit:]]", "[ÉE]",        "[ß]"};
    mem_buf_adds(b, classes[rnd(sizeof classes / sizeof *classes)]);
    break;
  }
  case 2: mem_buf_adds(b, rnd(2) ? "\\." : "\\("); break;
  case 9:
  case 10:
  case 11: {
    mem_buf_addc(b, '(');
    int alts = 1 + (int)rnd(3);
    for (int i = 0; i < alts; i++) {
      if (i) mem_buf_addc(b, '|');
      int n = 1 + (int)rnd(3);
      for (int k = 0; k < n; k++)
        atom(b, depth + 1);
    }
    mem_buf_addc(b, ')');
    break;
  }
  default: add_letter(b); break;
  }
  switch (rnd(10)) {
  case 0: mem_buf_adds(b, "?"); break;
  case 1: mem_buf_adds(b, "*"); break;
  case 2: mem_buf_adds(b, "+"); break;
  case 3: {
    uint32_t lo = rnd(2) + 1, hi = lo + rnd(3); /* (in this order, whatever the compiler) */
    mem_buf_printf(b, "{%u,%u}", lo, hi);
    break;
  }
  case 4: mem_buf_printf(b, "{%u}", rnd(3) + 1); break;
  default: break;
  }
}

static char *pattern(void) {
  mem_buf b = {0};
  if (!rnd(5)) mem_buf_addc(&b, '^');
  int n = 1 + (int)rnd(5);
  for (int i = 0; i < n; i++)
    atom(&b, 0);
  if (!rnd(4)) {
    mem_buf_addc(&b, '|');
    atom(&b, 0);
  }
  if (!rnd(5)) mem_buf_addc(&b, '$');
  return b.data;
}

static char *text(void) {
  mem_buf b = {0};
  int n = (int)rnd(24);
  mem_buf_adds(&b, "");
  for (int i = 0; i < n; i++)
    add_letter(&b);
  return b.data;
}

typedef struct list {
  char **s;
  size_t n, cap;
} list;

static void add(list *l, char *s) {
  *VEC_PUSH(l->s, l->n, l->cap) = s;
}

int main(int argc, char **argv) {
  unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
  list pats = {0}, texts = {0};
  char line[8192];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    if (!strncmp(line, "p ", 2)) add(&pats, mem_strdup(line + 2));
    if (!strncmp(line, "t ", 2)) add(&texts, mem_strdup(line + 2));
  }
  for (unsigned long i = 0; i < count; i++)
    add(&pats, pattern());
  for (unsigned long i = 0; i < count / 10 + 10; i++)
    add(&texts, text());
  unsigned long compiled = 0, matched = 0, pairs = 0;
  for (size_t j = 0; j < texts.n; j++)
    printf("t%zu %s\n", j, texts.s[j]);
  for (size_t i = 0; i < pats.n; i++) {
    regex_t re, quote;
    char err[256] = "";
    int rc = model_regex_compile(&re, pats.s[i], err, sizeof err);
    /* regerror's words differ between the libraries; whether a pattern is
     * refused, and by which of mend's own limits, must not */
    printf("p%zu %s %s %s\n", i, pats.s[i], rc ? "refused" : "compiled",
           rc && !strncmp(err, "pattern", 7) ? err : "");
    if (rc) continue;
    compiled++;
    int qc = model_regex_quote(&quote, pats.s[i]);
    for (size_t j = 0; j < texts.n; j++) {
      bool m = model_regex_match(&re, texts.s[j]);
      size_t start = 0, len = 0;
      bool w = qc == 0 && model_regex_where(&quote, texts.s[j], &start, &len);
      printf("p%zu t%zu %d %d %zu %zu\n", i, j, m, w, w ? start : 0, w ? len : 0);
      pairs++;
      matched += m;
    }
    regfree(&re);
    if (qc == 0) regfree(&quote);
  }
  fprintf(stderr, "%zu patterns (%lu compiled), %zu texts, %lu pairs, %lu matched\n", pats.n,
          compiled, texts.n, pairs, matched);
  for (size_t i = 0; i < pats.n; i++)
    free(pats.s[i]);
  for (size_t i = 0; i < texts.n; i++)
    free(texts.s[i]);
  free(pats.s);
  free(texts.s);
  return 0;
}
