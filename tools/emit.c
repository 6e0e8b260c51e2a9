/* emit.c - see emit.h. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

size_t emit_decode(const char *str, size_t n, unsigned *cp) {
  const unsigned char *s = (const unsigned char *)str;
  unsigned c = s[0];
  size_t len;
  if (c < 0x80) return *cp = c, 1;
  if ((c & 0xE0) == 0xC0)
    len = 2, c &= 0x1F;
  else if ((c & 0xF0) == 0xE0)
    len = 3, c &= 0x0F;
  else if ((c & 0xF8) == 0xF0)
    len = 4, c &= 0x07;
  else
    return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

int emit_invisible(unsigned cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
         cp == 0x2028 || cp == 0x2029;
}

/* Calls put for each character of s: its code point and bytes (invalid
 * UTF-8 as U+FFFD). */
typedef void (*put_fn)(FILE *f, unsigned cp, const char *bytes, size_t len);

static void each(FILE *f, const char *s, put_fn put) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t l = emit_decode(s + i, n - i, &cp);
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
  else if (emit_invisible(cp))
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
  else if (!emit_invisible(cp))
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
    if (!emit_invisible(cp)) fwrite(b, 1, len, f);
  }
}

void emit_mermaid(FILE *f, const char *s) {
  each(f, s, put_mermaid);
}

char *emit_shorten(const char *s, size_t max) {
  size_t n = strlen(s), chars = 0, cut = n, space = 0;
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t l = emit_decode(s + i, n - i, &cp);
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
