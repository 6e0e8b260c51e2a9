/* SPDX-License-Identifier: MIT */
/* diagout.c - see diagout.h. */
#include "diagout.h"
#include "invoked.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "term.h"

diagout_opts diagout_defaults(void) {
  diagout_opts o = {false, false, 0};
  o.snippet = isatty(STDERR_FILENO);
  o.width = term_columns(STDERR_FILENO);
  return o;
}

/* ---- the source file, read once for all its messages ----------------------------- */

#define MAX_SOURCE (65u * 1024 * 1024) /* a story file may be 64 MB */

typedef struct source {
  char *path;
  char *data;
  size_t size;
  int line; /* the line that starts at byte `at` */
  size_t at;
} source;

static source cache;

static void source_drop(void) {
  free(cache.path);
  free(cache.data);
  memset(&cache, 0, sizeof cache);
}

static const char *stdin_data; /* what was read from standard input, "<stdin>" */
static size_t stdin_size;

void diagout_stdin(const char *data, size_t size) {
  stdin_data = data;
  stdin_size = size;
}

/* Reads the file (a regular one, without blocking); false when it cannot. */
static bool source_load(const char *path) {
  if (cache.path && !strcmp(cache.path, path)) return cache.data != NULL;
  source_drop();
  cache.path = strdup(path);
  if (!cache.path) abort();
  if (stdin_data && !strcmp(path, DIAGOUT_STDIN)) {
    cache.data = malloc(stdin_size + 1);
    if (!cache.data) abort();
    memcpy(cache.data, stdin_data, stdin_size);
    cache.data[stdin_size] = 0;
    cache.size = stdin_size;
    cache.line = 1;
    cache.at = 0;
    return true;
  }
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat sb;
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > MAX_SOURCE) {
    close(fd);
    return false;
  }
  size_t cap = (size_t)sb.st_size + 1, n = 0;
  char *data = malloc(cap);
  if (!data) abort();
  for (;;) {
    ssize_t got = read(fd, data + n, cap - 1 - n);
    if (got <= 0) break;
    n += (size_t)got;
    if (n == cap - 1) break;
  }
  close(fd);
  data[n] = 0;
  cache.data = data;
  cache.size = n;
  cache.line = 1;
  cache.at = 0;
  return true;
}

/* The bytes of line `line` (without its end), or NULL. Lines are asked for
 * in order, mostly: the scan goes on from the last one. */
static const char *source_line(int line, size_t *len) {
  if (!cache.data || line < 1) return NULL;
  if (line < cache.line) cache.line = 1, cache.at = 0;
  while (cache.line < line) {
    const char *nl = memchr(cache.data + cache.at, '\n', cache.size - cache.at);
    if (!nl) return NULL;
    cache.at = (size_t)(nl - cache.data) + 1;
    cache.line++;
  }
  const char *s = cache.data + cache.at;
  const char *nl = memchr(s, '\n', cache.size - cache.at);
  size_t n = nl ? (size_t)(nl - s) : cache.size - cache.at;
  if (n && s[n - 1] == '\r') n--;
  *len = n;
  return s;
}

/* ---- one snippet ------------------------------------------------------------------- */

#define TAB 8

void diagout_snippet(FILE *f, const mend_diag *g, int width) {
  if (g->line < 1 || !source_load(g->file)) return;
  size_t n;
  const char *s = source_line(g->line, &n);
  if (!s) return;
  /* the line as it is shown (tabs as spaces to the next stop, what cannot
   * be printed left out), and the display column of the caret */
  char *shown = malloc(n * 8 + 8);
  if (!shown) abort();
  size_t out = 0, col = 0, caret = SIZE_MAX, chars = 0;
  for (size_t i = 0; i <= n; chars++) {
    if (g->column > 0 && chars == (size_t)g->column - 1) caret = col;
    if (i == n) break;
    unsigned cp;
    size_t l = mend_utf8_decode(s + i, n - i, &cp);
    if (l == 0) l = 1, cp = 0xFFFD;
    if (cp == '\t') {
      do
        shown[out++] = ' ', col++;
      while (col % TAB);
    } else {
      size_t w = term_width_of(s + i, l);
      if (w || !term_invisible(cp)) {
        memcpy(shown + out, cp == 0xFFFD ? "\xEF\xBF\xBD" : s + i, cp == 0xFFFD ? 3 : l);
        out += cp == 0xFFFD ? 3 : l;
        col += cp == 0xFFFD ? 1 : w;
      }
    }
    i += l;
  }
  /* a long line is shown around its caret */
  size_t room = width > 30 ? (size_t)width - 9 : 91, from = 0, skip_cols = 0;
  if (col > room && caret != SIZE_MAX && caret > room / 2) {
    skip_cols = caret - room / 3;
    size_t c = 0, b = 0;
    while (b < out && c < skip_cols) { /* the byte where that column starts */
      unsigned cp;
      size_t l = mend_utf8_decode(shown + b, out - b, &cp);
      if (l == 0) l = 1;
      c += term_width_of(shown + b, l);
      b += l;
    }
    from = b;
    skip_cols = c;
  }
  size_t to = out, c = 0;
  for (size_t b = from; b < out;) { /* and cut where the room ends */
    unsigned cp;
    size_t l = mend_utf8_decode(shown + b, out - b, &cp);
    if (l == 0) l = 1;
    size_t w = term_width_of(shown + b, l);
    if (c + w > room) {
      to = b;
      break;
    }
    c += w;
    b += l;
  }
  fprintf(f, "%5d | %s", g->line, from ? "..." : "");
  term_put(f, shown + from, to - from);
  fputs(to < out ? "...\n" : "\n", f);
  if (caret != SIZE_MAX) {
    fprintf(f, "      | %*s^\n", (int)(caret - skip_cols + (from ? 3 : 0)), "");
  }
  free(shown);
}

/* ---- a list of them ---------------------------------------------------------------- */

typedef struct code_count {
  const char *code;
  size_t total, shown;
} code_count;

static code_count *count_of(code_count *cc, size_t *n, size_t cap, const char *code) {
  for (size_t i = 0; i < *n; i++)
    if (!strcmp(cc[i].code, code)) return &cc[i];
  if (*n == cap) return NULL;
  cc[*n] = (code_count){code, 0, 0};
  return &cc[(*n)++];
}

static void print_one(FILE *f, const mend_diag *g, const diagout_opts *o) {
  char *line = mend_diag_format(g);
  term_puts(f, line);
  fputc('\n', f);
  mend_free(line);
  if (o->snippet) diagout_snippet(f, g, o->width);
}

size_t diagout_print(FILE *f, const mend_diags *d, const diagout_opts *o,
                     bool (*keep)(const mend_diag *g, void *ud), void *ud) {
  size_t printed = 0, n = mend_diags_count(d);
  enum { CODES = 64 };
  code_count cc[CODES];
  for (size_t from = 0; from < n;) {
    /* one file's findings: their warnings counted by code first */
    const char *file = mend_diags_at(d, from)->file;
    size_t to = from, ncc = 0;
    while (to < n && !strcmp(mend_diags_at(d, to)->file, file))
      to++;
    for (size_t i = from; i < to; i++) {
      const mend_diag *g = mend_diags_at(d, i);
      if (g->severity != MEND_WARNING || !g->code || (keep && !keep(g, ud))) continue;
      code_count *c = count_of(cc, &ncc, CODES, g->code);
      if (c) c->total++;
    }
    for (size_t i = from; i < to; i++) {
      const mend_diag *g = mend_diags_at(d, i);
      if (keep && !keep(g, ud)) continue;
      printed++;
      code_count *c = g->severity == MEND_WARNING && g->code && !o->all
                          ? count_of(cc, &ncc, CODES, g->code)
                          : NULL;
      if (c && c->total > DIAGOUT_FLOOD && c->shown >= DIAGOUT_SHOWN) continue;
      if (c) c->shown++;
      print_one(f, g, o);
    }
    for (size_t k = 0; k < ncc && !o->all; k++) {
      if (cc[k].total <= DIAGOUT_FLOOD) continue;
      term_puts(f, file);
      fprintf(f, ": note: %zu more warnings like these [%s] (%s lint --all shows every one)\n",
              cc[k].total - cc[k].shown, cc[k].code, invoked_name());
    }
    from = to;
  }
  source_drop();
  return printed;
}
