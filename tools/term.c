/* SPDX-License-Identifier: MIT */
/* term.c - see term.h. */
#include "term.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include <utf8proc.h>

#include "once.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

bool term_invisible(unsigned cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
         cp == 0x2028 || cp == 0x2029;
}

/* The next visible character at or after *i: its bytes in *p and *len (a tab
 * becomes a space, invalid UTF-8 the replacement character). Returns false at
 * the end. Escape sequences and invisible characters are skipped. */
static bool next_char(const unsigned char *s, size_t n, size_t *i, const char **p, size_t *len,
                      unsigned *cp) {
  while (*i < n) {
    size_t k = *i;
    if (s[k] == 0x1B) {
      k++;
      if (k < n && s[k] == '[') {
        k++;
        while (k < n && !(s[k] >= 0x40 && s[k] <= 0x7E))
          k++;
        if (k < n) k++;
      } else if (k < n &&
                 (s[k] == ']' || s[k] == 'P' || s[k] == '_' || s[k] == '^' || s[k] == 'X')) {
        k++;
        while (k < n && s[k] != 0x07 && !(s[k] == 0x1B && k + 1 < n && s[k + 1] == '\\'))
          k++;
        if (k < n) k += s[k] == 0x07 ? 1 : 2;
      } else if (k < n) {
        k++;
      }
      *i = k;
      continue;
    }
    size_t l = mend_utf8_decode((const char *)s + k, n - k, cp);
    if (l == 0) {
      *p = REPLACEMENT;
      *len = 3;
      *cp = 0xFFFD;
      *i = k + 1;
      return true;
    }
    *i = k + l;
    if (*cp == '\t') {
      *p = " ";
      *len = 1;
      *cp = ' ';
      return true;
    }
    if (term_invisible(*cp)) continue;
    *p = (const char *)s + k;
    *len = l;
    return true;
  }
  return false;
}

void term_put(FILE *f, const char *str, size_t n) {
  size_t i = 0, len;
  const char *p, *run = NULL; /* characters kept as they are, written at once */
  size_t runlen = 0;
  unsigned cp;
  while (next_char((const unsigned char *)str, n, &i, &p, &len, &cp)) {
    if (run && p == run + runlen) {
      runlen += len;
      continue;
    }
    if (runlen) fwrite(run, 1, runlen, f);
    run = p;
    runlen = len;
  }
  if (runlen) fwrite(run, 1, runlen, f);
}

char *term_clean(const char *s, size_t n) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m) abort();
  term_put(m, s, n);
  fclose(m);
  return buf;
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

/* ---- display width ------------------------------------------------------- */

static locale_t utf8_locale;
static mend_once_t once = MEND_ONCE_INIT;

static void init_locale(void) {
  utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static int cp_width(unsigned cp) {
  if (cp < 0x80) return 1;
  mend_once(&once, init_locale);
  if (!utf8_locale) return 1;
  locale_t old = uselocale(utf8_locale);
  int w = wcwidth((wchar_t)cp);
  uselocale(old);
  return w < 0 ? 1 : w;
}

/* The rest of the grapheme cluster (a user-perceived character: a letter
 * and its accents, an emoji and its modifiers, a family joined by
 * zero-width joiners, a flag's two letters) that starts with `cp` and
 * whose bytes end at s[*i]: consumes it, and returns the cluster's display
 * width. The cluster's bytes stay contiguous (an escape sequence or an
 * invisible character inside one ends it). Breaks are utf8proc's (Unicode's
 * UAX #29), asked only where a cluster can go on: before an ASCII
 * character there is always a break, but in CR LF and after a prepended mark. */
static int cluster(const unsigned char *s, size_t n, size_t *i, const char *p, size_t *len,
                   unsigned cp) {
  int w = cp_width(cp);
  if (p == REPLACEMENT || (const unsigned char *)p < s || (const unsigned char *)p >= s + n)
    return w; /* a stand-in (a tab, an invalid byte) is a cluster alone */
  utf8proc_int32_t state = 0;
  unsigned prev = cp, first = cp;
  size_t count = 1;
  while (*i < n) {
    if (s[*i] < 0x80 && (prev < 0x80 ? !(prev == '\r' && s[*i] == '\n')
                                     : utf8proc_get_property((utf8proc_int32_t)prev)->boundclass !=
                                           UTF8PROC_BOUNDCLASS_PREPEND))
      break; /* before ASCII: a break, but after CR (LF) or a prepended mark */
    size_t save = *i, l2;
    const char *p2;
    unsigned cp2;
    if (!next_char(s, n, i, &p2, &l2, &cp2) || p2 != p + *len ||
        utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev, (utf8proc_int32_t)cp2, &state)) {
      *i = save;
      break;
    }
    *len += l2;
    prev = cp2;
    count++;
    if (cp2 == 0xFE0F) w = 2; /* emoji presentation */
  }
  if (count > 1 && first >= 0x1F1E6 && first <= 0x1F1FF) w = 2; /* a flag */
  return w;
}

size_t term_width_of(const char *s, size_t n) {
  size_t i = 0, len, w = 0;
  const char *p;
  unsigned cp;
  while (next_char((const unsigned char *)s, n, &i, &p, &len, &cp))
    w += (size_t)cluster((const unsigned char *)s, n, &i, p, &len, cp);
  return w;
}

int term_columns(int fd) {
#ifdef TIOCGWINSZ
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
#else
  (void)fd; /* (WebAssembly: no terminal) */
#endif
  return 0;
}

int term_rows(int fd) {
#ifdef TIOCGWINSZ
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
#else
  (void)fd;
#endif
  return 0;
}

/* ---- wrapping ---------------------------------------------------------------- */

/* A character as the wrapper sees it. The wrapper walks the text with a
 * cursor, twice over each word (measure, then print): it needs no memory
 * per character, so a long text costs no more than its own bytes. */
typedef struct cell {
  const char *p;
  size_t len; /* a grapheme cluster's bytes */
  unsigned char width, style;
  bool space;
} cell;

typedef struct cursor {
  const unsigned char *s;
  size_t n, i;
  const mend_span *spans; /* in order, not overlapping (as rendering makes them) */
  size_t nspans, k;
  unsigned base;
} cursor;

/* The next character, or false at the end. */
static bool next_cell(cursor *c, cell *out) {
  size_t len;
  unsigned cp;
  if (!next_char(c->s, c->n, &c->i, &out->p, &len, &cp)) return false;
  /* where it starts (an invalid byte, shown as the replacement, is one byte) */
  size_t pos = c->i - (out->p == REPLACEMENT ? 1 : len);
  while (c->k < c->nspans && c->spans[c->k].start + c->spans[c->k].length <= pos)
    c->k++;
  unsigned style = c->base;
  if (c->k < c->nspans && c->spans[c->k].start <= pos) style |= c->spans[c->k].style;
  int w = cluster(c->s, c->n, &c->i, out->p, &len, cp);
  out->len = len;
  out->width = (unsigned char)w;
  out->style = (unsigned char)style;
  out->space = cp == ' ';
  return true;
}

static void set_style(FILE *f, const term_opts *o, unsigned *cur, unsigned want) {
  if (!o->color || *cur == want) return;
  fputs("\033[0m", f);
  if (want & MEND_STYLE_STRONG) fputs("\033[1m", f);
  if (want & MEND_STYLE_EM) fputs("\033[3m", f);
  *cur = want;
}

static void emit(FILE *f, const term_opts *o, const cell *c, unsigned *cur) {
  set_style(f, o, cur, c->style);
  fwrite(c->p, 1, c->len, f);
}

static void newline(FILE *f, const term_opts *o, unsigned *cur, size_t indent) {
  set_style(f, o, cur, 0);
  fputc('\n', f);
  for (size_t k = 0; k < indent; k++)
    fputc(' ', f);
}

static void wrap(FILE *f, const term_opts *o, const char *lead, const char *sgr, size_t indent,
                 cursor *text) {
  size_t leadw = lead ? term_width_of(lead, strlen(lead)) : 0;
  if (lead) {
    if (sgr && o->color) fputs(sgr, f);
    term_puts(f, lead);
    if (sgr && o->color) fputs("\033[0m", f);
  }
  unsigned cur = 0;
  size_t width = o->width > 0 ? (size_t)o->width : SIZE_MAX;
  size_t col = leadw;
  bool first_on_line = true;
  cell c, space = {" ", 1, 1, 0, true};
  bool have = next_cell(text, &c);
  for (;;) {
    while (have && c.space) { /* spaces between words */
      space = c;
      have = next_cell(text, &c);
    }
    if (!have) break;
    /* measure the word: it starts with c, at the cursor `word` */
    cursor word = *text;
    cell first = c;
    size_t ww = 0;
    do
      ww += c.width;
    while ((have = next_cell(text, &c)) && !c.space);
    size_t need = ww + (first_on_line ? 0 : 1);
    if (!first_on_line && col + need > width) {
      newline(f, o, &cur, indent);
      col = indent;
      first_on_line = true;
    }
    if (!first_on_line) {
      set_style(f, o, &cur, space.style & first.style);
      fputc(' ', f);
      col++;
    }
    /* print it again from its start; a word longer than the line is broken
     * where it must be */
    cell w = first;
    bool more = true;
    while (col + ww > width && width > indent + 1 && ww > width - indent) {
      size_t done = 0;
      do {
        emit(f, o, &w, &cur);
        done += w.width;
        more = next_cell(&word, &w) && !w.space;
      } while (more && col + done + w.width <= width);
      newline(f, o, &cur, indent);
      col = indent;
      ww -= done;
    }
    while (more) {
      emit(f, o, &w, &cur);
      more = next_cell(&word, &w) && !w.space;
    }
    col += ww;
    first_on_line = false;
  }
  set_style(f, o, &cur, 0);
  fputc('\n', f);
}

void term_para(FILE *f, const term_opts *o, const char *lead, const char *sgr, size_t indent,
               const mend_text *t) {
  cursor c = {(const unsigned char *)t->text, t->length, 0, t->spans, t->nspans, 0, o->base};
  wrap(f, o, lead, sgr, indent, &c);
}

void term_para_plain(FILE *f, const term_opts *o, const char *lead, const char *sgr, size_t indent,
                     const char *s) {
  cursor c = {(const unsigned char *)s, strlen(s), 0, NULL, 0, 0, o->base};
  wrap(f, o, lead, sgr, indent, &c);
}

void term_lines(FILE *f, const term_opts *o, const char *text) {
  for (const char *line = text; *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    if (!o->width || term_width_of(line, n) <= (size_t)o->width) {
      term_put(f, line, n); /* as it is: it fits (and keeps its alignment) */
      fputc('\n', f);
    } else {
      size_t k = strspn(line, " ");
      if (k > 32) k = 32;
      size_t mark = 0; /* "- " or "12) " */
      if (line[k] == '-' && line[k + 1] == ' ')
        mark = 2;
      else {
        size_t d = strspn(line + k, "0123456789");
        if (d && d < 4 && line[k + d] == ')' && line[k + d + 1] == ' ') mark = d + 2;
      }
      char lead[48];
      snprintf(lead, sizeof lead, "%.*s", (int)(k + mark), line);
      char *rest = strndup(line + k + mark, n - k - mark);
      if (!rest) abort();
      term_para_plain(f, o, lead, NULL, k + mark, rest);
      free(rest);
    }
    line += n + (nl ? 1 : 0);
  }
}
