/* SPDX-License-Identifier: MIT */
/*
 * resources.c - the helplines of the safety layer (see mend/safety.h; the
 * file format is documented in stories/safety/README.md): per country, the
 * emergency number, crisis lines and domestic-abuse lines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "mend/safety.h"
#include "utf8.h"

#define MAX_RESOURCES (4u << 20)
#define MAX_FIELD 400

typedef struct country {
  mend_country pub;
  mend_line *lines;
  size_t n, cap;
} country;

struct mend_resources {
  mem_arena *arena;
  country *v;
  size_t n, cap;
};

typedef struct rreader {
  mend_resources *r;
  mend_diags *d;
  size_t errors;
  const char *file;
} rreader;

static void rerr(rreader *rd, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void rerr(rreader *rd, int line, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (rd->d) mend_diags_add(rd->d, MEND_ERROR, rd->file, line, 0, "E-resources", msg);
  rd->errors++;
}

static country *find(mend_resources *r, const char *code) {
  for (size_t i = 0; i < r->n; i++)
    if (!strcmp(r->v[i].pub.code, code)) return &r->v[i];
  return NULL;
}

static bool valid_date(const char *s) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
  int m = atoi(s + 5), d = atoi(s + 8);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static const char *kind_word(mend_line_kind k) {
  return k == MEND_LINE_EMERGENCY ? "emergency" : k == MEND_LINE_CRISIS ? "crisis" : "abuse";
}

/* Checks a finished entry; true when it can be kept. */
static bool entry_ok(rreader *rd, const mend_line *l) {
  bool ok = true;
  if (l->kind != MEND_LINE_EMERGENCY && !*l->call && !*l->text && !*l->chat && !*l->web) {
    rerr(rd, l->line,
         "%s: %s has no way to reach it: give call:, text:, chat: or web:", kind_word(l->kind),
         l->name);
    ok = false;
  }
  if (!*l->source) {
    rerr(rd, l->line, "%s: %s has no source: (where it was checked)", kind_word(l->kind), l->name);
    ok = false;
  }
  if (!*l->checked) {
    rerr(rd, l->line, "%s: %s has no checked: date (YYYY-MM-DD)", kind_word(l->kind), l->name);
    ok = false;
  }
  return ok;
}

/* Puts an entry of a later part into a country: it replaces the entry of the
 * same kind and name (or the emergency number), else it comes first among
 * those of its kind. */
static void put(country *c, const mend_line *l) {
  for (size_t i = 0; i < c->n; i++)
    if (c->lines[i].kind == l->kind &&
        (l->kind == MEND_LINE_EMERGENCY || !strcmp(c->lines[i].name, l->name))) {
      c->lines[i] = *l;
      return;
    }
  size_t at = 0;
  while (at < c->n && c->lines[at].kind < l->kind)
    at++;
  VEC_PUSH(c->lines, c->n, c->cap);
  memmove(&c->lines[at + 1], &c->lines[at], (c->n - 1 - at) * sizeof *c->lines);
  c->lines[at] = *l;
}

static char *trim(char *s) {
  while (*s == ' ')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
    s[--n] = 0;
  return s;
}

/* Reads one part into r; entries of one part are kept in the order written. */
static void read_part(rreader *rd, const char *data, size_t size) {
  if (size > MAX_RESOURCES) {
    rerr(rd, 0, "the file is larger than %u MB", MAX_RESOURCES >> 20);
    return;
  }
  if (!utf8_valid(data, size) || memchr(data, 0, size)) {
    rerr(rd, 0, "the file is not valid UTF-8 text (save it as UTF-8)");
    return;
  }
  mend_resources *r = rd->r;
  char *copy = mem_strndup(data, size);
  country *cur = NULL;
  mend_line entry;
  bool in_entry = false;
  /* entries are collected per block, then put, so that a part keeps its order */
  mend_line *block = NULL;
  size_t nblock = 0, block_cap = 0;
  int line = 0;
  for (char *p = copy;;) {
    char *raw = NULL, *t = NULL;
    if (p) {
      char *nl = strchr(p, '\n');
      if (nl) *nl = 0;
      raw = p;
      p = nl ? nl + 1 : NULL;
      line++;
      t = trim(raw);
      if (!*t || *t == '#') continue;
    }
    bool detail = raw && raw[0] == ' ';
    if (in_entry && !detail) { /* the entry ends */
      if (entry_ok(rd, &entry)) *VEC_PUSH(block, nblock, block_cap) = entry;
      in_entry = false;
    }
    if (!raw || t[0] == '[') { /* the block ends: its entries go in, in their order */
      for (size_t i = nblock; cur && i > 0; i--)
        put(cur, &block[i - 1]);
      nblock = 0;
    }
    if (!raw) break;
    if (t[0] == '[') {
      char *close = strchr(t, ']');
      char code[8] = "";
      if (close && close - t - 1 > 0 && close - t - 1 < (long)sizeof code) {
        memcpy(code, t + 1, (size_t)(close - t - 1));
        code[close - t - 1] = 0;
      }
      bool ok =
          close && (!strcmp(code, "*") || (strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' &&
                                           code[1] >= 'A' && code[1] <= 'Z'));
      if (!ok) {
        rerr(rd, line,
             "a block starts with [CC] and the country's name, CC its two-letter code "
             "in capitals (as in [GB] United Kingdom), or [*] for anywhere else");
        cur = NULL;
        continue;
      }
      cur = find(r, code);
      if (!cur) {
        cur = VEC_PUSH(r->v, r->n, r->cap);
        memset(cur, 0, sizeof *cur);
        cur->pub.code = mem_arena_strdup(r->arena, code);
        cur->pub.name = "";
      }
      const char *name = trim(close + 1);
      if (*name) cur->pub.name = mem_arena_strdup(r->arena, name);
      continue;
    }
    if (strlen(t) > MAX_FIELD) {
      rerr(rd, line, "the line is longer than %d bytes", MAX_FIELD);
      continue;
    }
    char *colon = strchr(t, ':');
    if (!colon) {
      rerr(rd, line, "'%s': a line is 'key: value'", t);
      continue;
    }
    *colon = 0;
    const char *k = t, *v = trim(colon + 1);
    if (!detail) {
      mend_line_kind kind;
      if (!strcmp(k, "emergency"))
        kind = MEND_LINE_EMERGENCY;
      else if (!strcmp(k, "crisis"))
        kind = MEND_LINE_CRISIS;
      else if (!strcmp(k, "abuse"))
        kind = MEND_LINE_ABUSE;
      else {
        rerr(rd, line,
             "'%s:' is not an entry: an entry starts with emergency:, crisis: or abuse: "
             "(details below it are indented)",
             k);
        continue;
      }
      if (!cur) {
        rerr(rd, line, "%s: before any [CC] block", k);
        continue;
      }
      if (!*v) {
        rerr(rd, line, "%s: needs %s", k, kind == MEND_LINE_EMERGENCY ? "a number" : "a name");
        continue;
      }
      memset(&entry, 0, sizeof entry);
      entry.kind = kind;
      entry.name = mem_arena_strdup(r->arena, v);
      entry.call = entry.text = entry.chat = entry.web = entry.hours = entry.lang = "";
      entry.source = entry.checked = "";
      entry.file = mem_arena_strdup(r->arena, rd->file);
      entry.line = line;
      in_entry = true;
      continue;
    }
    if (!in_entry) {
      rerr(rd, line, "'%s:' is indented, but no entry (emergency:, crisis: or abuse:) is above it",
           k);
      continue;
    }
    static const char *const keys[] = {"call",  "text", "chat",   "web",
                                       "hours", "lang", "source", "checked"};
    const char **field[] = {&entry.call,  &entry.text, &entry.chat,   &entry.web,
                            &entry.hours, &entry.lang, &entry.source, &entry.checked};
    size_t f = 0;
    while (f < 8 && strcmp(k, keys[f]))
      f++;
    if (f == 8) {
      rerr(rd, line,
           "'%s:' is not a detail: use call, text, chat, web, hours, lang, source or "
           "checked",
           k);
      continue;
    }
    if (!*v) {
      rerr(rd, line, "%s: is empty", k);
      continue;
    }
    if (f == 7 && !valid_date(v)) {
      rerr(rd, line, "checked: '%s' is not a date written YYYY-MM-DD", v);
      continue;
    }
    *field[f] = mem_arena_strdup(r->arena, v);
  }
  mem_free(block);
  mem_free(copy);
}

mend_resources *mend_resources_load_parts(const char *const *data, const size_t *size,
                                          const char *const *name, size_t nparts,
                                          mend_diags *diags) {
  mend_resources *r = mem_alloc(sizeof *r);
  r->arena = mem_arena_new();
  for (size_t i = 0; i < nparts; i++) {
    rreader rd = {r, diags, 0, name[i]};
    read_part(&rd, data[i], size[i]);
    if (rd.errors) {
      mend_resources_free(r);
      return NULL;
    }
  }
  for (size_t i = 0; i < r->n; i++) {
    r->v[i].pub.lines = r->v[i].lines;
    r->v[i].pub.nlines = r->v[i].n;
  }
  return r;
}

void mend_resources_free(mend_resources *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n; i++)
    mem_free(r->v[i].lines);
  mem_free(r->v);
  mem_arena_free(r->arena);
  mem_free(r);
}

size_t mend_resources_count(const mend_resources *r) {
  return r ? r->n : 0;
}

const mend_country *mend_resources_at(const mend_resources *r, size_t i) {
  return r && i < r->n ? &r->v[i].pub : NULL;
}

const mend_country *mend_resources_find(const mend_resources *r, const char *code) {
  if (!r) return NULL;
  const mend_country *any = NULL;
  for (size_t i = 0; i < r->n; i++) {
    const char *c = r->v[i].pub.code;
    if (code && strlen(code) == 2 && (c[0] == (code[0] & ~0x20)) && c[1] == (code[1] & ~0x20))
      return &r->v[i].pub;
    if (!strcmp(c, "*")) any = &r->v[i].pub;
  }
  return any;
}

bool mend_locale_country(const char *locale, char *out, size_t outsize) {
  if (!locale || outsize < 3) return false;
  const char *u = strchr(locale, '_');
  if (!u) return false;
  const char *a = u + 1;
  if (!(a[0] >= 'A' && a[0] <= 'Z') || !(a[1] >= 'A' && a[1] <= 'Z')) return false;
  if (a[2] && a[2] != '.' && a[2] != '@') return false;
  out[0] = a[0];
  out[1] = a[1];
  out[2] = 0;
  return true;
}
