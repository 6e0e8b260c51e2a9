/* term.c - see term.h. */
#include "term.h"

#include <string.h>

static size_t seq_len(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0];
  size_t len;
  if (c < 0x80) return *cp = c, 1;
  if ((c & 0xE0) == 0xC0) len = 2, c &= 0x1F;
  else if ((c & 0xF0) == 0xE0) len = 3, c &= 0x0F;
  else if ((c & 0xF8) == 0xF0) len = 4, c &= 0x07;
  else return 0;
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

static bool invisible(unsigned cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

void term_put(FILE *f, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    if (s[i] == 0x1B) { /* skip an escape sequence */
      i++;
      if (i < n && s[i] == '[') {
        i++;
        while (i < n && !(s[i] >= 0x40 && s[i] <= 0x7E)) i++;
        if (i < n) i++;
      } else if (i < n && (s[i] == ']' || s[i] == 'P' || s[i] == '_' || s[i] == '^')) {
        /* OSC/DCS/APC/PM: to BEL or ST */
        i++;
        while (i < n && s[i] != 0x07 && !(s[i] == 0x1B && i + 1 < n && s[i + 1] == '\\')) i++;
        if (i < n) i += s[i] == 0x07 ? 1 : 2;
      } else if (i < n) {
        i++;
      }
      continue;
    }
    unsigned cp;
    size_t k = seq_len(s + i, n - i, &cp);
    if (k == 0) {
      fputs("\xEF\xBF\xBD", f);
      i++;
      continue;
    }
    if (cp == '\t') fputc(' ', f);
    else if (!invisible(cp)) fwrite(s + i, 1, k, f);
    i += k;
  }
}

void term_puts(FILE *f, const char *s) {
  term_put(f, s, strlen(s));
}

void term_put_text(FILE *f, const mend_text *t, bool marks) {
  if (!marks || t->nspans == 0) {
    term_put(f, t->text, t->length);
    return;
  }
  size_t pos = 0;
  for (size_t i = 0; i < t->nspans; i++) {
    const mend_span *sp = &t->spans[i];
    term_put(f, t->text + pos, sp->start - pos);
    const char *m = sp->style & MEND_STYLE_STRONG ? "**" : "_";
    fputs(m, f);
    term_put(f, t->text + sp->start, sp->length);
    fputs(m, f);
    pos = sp->start + sp->length;
  }
  term_put(f, t->text + pos, t->length - pos);
}
