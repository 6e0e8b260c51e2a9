/* SPDX-License-Identifier: MIT */
/* emit.c - see emit.h. */
#include "emit.h"

#include "mend/mend.h"
#include "term.h"

#include <stdlib.h>
#include <string.h>

/* Calls put for each character of s: its code point and bytes (invalid
 * UTF-8 as U+FFFD). */
typedef void (*put_fn)(FILE *f, unsigned cp, const char *bytes, size_t len);

static void each(FILE *f, const char *s, put_fn put) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t l = mend_utf8_decode(s + i, n - i, &cp);
    if (l == 0) {
      put(f, 0xFFFD, "\xEF\xBF\xBD", 3);
      i++;
      continue;
    }
    put(f, cp, s + i, l);
    i += l;
  }
}

static void put_json(FILE *f, unsigned cp, const char *b, size_t len) {
  if (cp == '"')
    fputs("\\\"", f);
  else if (cp == '\\')
    fputs("\\\\", f);
  else if (cp == '\n')
    fputs("\\n", f);
  else if (cp == '\t')
    fputs("\\t", f);
  else if (cp == '\r')
    fputs("\\r", f);
  else if (term_invisible(cp))
    fprintf(f, "\\u%04x", cp);
  else
    fwrite(b, 1, len, f);
}

void emit_json_string(FILE *f, const char *s) {
  fputc('"', f);
  each(f, s ? s : "", put_json);
  fputc('"', f);
}

static void put_dot(FILE *f, unsigned cp, const char *b, size_t len) {
  if (cp == '"')
    fputs("\\\"", f);
  else if (cp == '\\')
    fputs("\\\\", f);
  else if (cp == '&')
    fputs("&amp;", f);
  else if (cp == '\n')
    fputs("\\n", f);
  else if (cp == '\t')
    fputc(' ', f);
  else if (!term_invisible(cp))
    fwrite(b, 1, len, f);
}

void emit_dot(FILE *f, const char *s) {
  each(f, s, put_dot);
}

static void put_mermaid(FILE *f, unsigned cp, const char *b, size_t len) {
  switch (cp) {
  case '"': fputs("#quot;", f); return;
  case '#': fputs("#35;", f); return;
  case '<': fputs("#lt;", f); return;
  case '>': fputs("#gt;", f); return;
  case '&': fputs("#amp;", f); return;
  case '|': fputs("#124;", f); return;
  case ';': fputs("#59;", f); return;
  case '`': fputs("#96;", f); return;
  case '\n': fputs("<br/>", f); return;
  case '\t': fputc(' ', f); return;
  default:
    if (!term_invisible(cp)) fwrite(b, 1, len, f);
  }
}

void emit_mermaid(FILE *f, const char *s) {
  each(f, s, put_mermaid);
}

char *emit_shorten(const char *s, size_t max) {
  size_t n = strlen(s), chars = 0, cut = n, space = 0;
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t l = mend_utf8_decode(s + i, n - i, &cp);
    if (l == 0) l = 1;
    if (chars == max) {
      cut = i;
      break;
    }
    if (s[i] == ' ' || s[i] == '\n') space = i;
    chars++;
    i += l;
  }
  int more = cut < n;
  if (more && space > cut / 2) cut = space; /* end at a word when one ends near */
  char *r = malloc(cut + 4);
  if (!r) abort();
  memcpy(r, s, cut);
  for (size_t i = 0; i < cut; i++)
    if (r[i] == '\n') r[i] = ' ';
  while (more && cut > 0 && r[cut - 1] == ' ')
    cut--;
  memcpy(r + cut, more ? "..." : "", more ? 4 : 1);
  return r;
}
