/* SPDX-License-Identifier: MIT */
/* tree.c - see tree.h. */
#include "tree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ERRORS XML_MAX_ERRORS

void xml_error(xml_set *set, int f, int line, int col, const char *code, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  for (char *p = msg; *p; p++) /* a diagnostic is one line, whatever it quotes */
    if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  set->errors++;
  if (set->errors == MAX_ERRORS + 1) {
    mend_diags_add(set->diags, MEND_ERROR, f >= 0 ? set->files[f].name : NULL, line, 0,
                   "E-too-many", "too many errors; stopping here");
    return;
  }
  if (set->errors > MAX_ERRORS) return;
  mend_diags_add(set->diags, MEND_ERROR, f >= 0 ? set->files[f].name : NULL, line, col, code, msg);
}

/* ---- positions -------------------------------------------------------------- */

/* A column is counted back to the line's start at most this far: a file of
 * one endless line has no useful column, and each message must stay cheap. */
#define MAX_COLUMN_SCAN 65536

int xml_column_at(const char *data, size_t off) {
  size_t i = off, stop = off > MAX_COLUMN_SCAN ? off - MAX_COLUMN_SCAN : 0;
  while (i > stop && data[i - 1] != '\n')
    i--;
  if (i > 0 && data[i - 1] != '\n') return 0;
  int col = 1;
  for (; i < off; i++)
    if (((unsigned char)data[i] & 0xC0) != 0x80) col++;
  return col;
}

int xml_newlines(const char *data, size_t from, size_t to) {
  int n = 0;
  for (const char *q = data + from, *end = data + to; (q = memchr(q, '\n', (size_t)(end - q))); q++)
    n++;
  return n;
}

xml_pos xml_pos_after(const xml_set *set, int f, const xt_node *n, size_t off) {
  xml_pos r = {n ? n->line : 0, 0, off};
  if (f < 0 || (size_t)f >= set->nfiles || !n) return r;
  const xml_file *F = &set->files[f];
  if (!F->data || off > F->size || off < n->off) return r;
  r.line = n->line + xml_newlines(F->data, n->off, off);
  r.col = xml_column_at(F->data, off);
  return r;
}

xml_pos xml_pos_of(const xml_set *set, int f, const xt_node *n) {
  return xml_pos_after(set, f, n, n ? n->off : 0);
}

static bool xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* How many bytes the entity or character reference at p stands for once
 * read (p[0] is '&'), and through *raw how many it takes. */
static size_t reference_len(const char *p, const char *end, size_t *raw) {
  const char *semi = memchr(p, ';', (size_t)(end - p) < 12 ? (size_t)(end - p) : 12);
  if (!semi) {
    *raw = 1;
    return 1;
  }
  *raw = (size_t)(semi - p) + 1;
  if (p[1] != '#') return 1; /* &lt; &gt; &amp; &quot; &apos; */
  unsigned long cp = p[2] == 'x' ? strtoul(p + 3, NULL, 16) : strtoul(p + 2, NULL, 10);
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* The raw byte that stands `n` bytes into the text read from p (up to
 * end): references and line ends count as what they stand for, CDATA
 * markers as nothing. */
static const char *raw_advance(const char *p, const char *end, size_t n) {
  for (size_t d = 0; d < n && p < end;) {
    size_t raw = 1, len = 1;
    if (*p == '&')
      len = reference_len(p, end, &raw);
    else if (*p == '\r' && p + 1 < end && p[1] == '\n')
      raw = 2;
    else if (*p == '<' && end - p >= 9 && !memcmp(p, "<![CDATA[", 9))
      raw = 9, len = 0;
    else if (*p == ']' && end - p >= 3 && !memcmp(p, "]]>", 3))
      raw = 3, len = 0;
    p += raw;
    d += len;
  }
  return p;
}

xml_pos xml_text_pos(const xml_set *set, int f, const xt_node *t, size_t n) {
  xml_pos at = xml_pos_of(set, f, t);
  if (f < 0 || (size_t)f >= set->nfiles || !t) return at;
  const xml_file *F = &set->files[f];
  if (!F->data || t->off >= F->size) return at;
  const char *p = raw_advance(F->data + t->off, F->data + F->size, n);
  return xml_pos_after(set, f, t, (size_t)(p - F->data));
}

xml_pos xml_attr_pos(const xml_set *set, int f, const xt_node *el, const char *name, bool value,
                     size_t voff) {
  xml_pos at = xml_pos_of(set, f, el);
  if (f < 0 || (size_t)f >= set->nfiles || !el || el->type != XT_ELEMENT) return at;
  const xml_file *F = &set->files[f];
  if (!F->data || el->off >= F->size || F->data[el->off] != '<') return at;
  const char *p = F->data + el->off + 1, *end = F->data + F->size;
  size_t nl = strlen(name);
  while (p < end && !xml_space(*p) && *p != '/' && *p != '>') /* the element's name */
    p++;
  for (;;) {
    while (p < end && xml_space(*p))
      p++;
    if (p >= end || *p == '/' || *p == '>') return at;
    const char *an = p;
    while (p < end && !xml_space(*p) && *p != '=' && *p != '>' && *p != '/')
      p++;
    bool match = (size_t)(p - an) == nl && !memcmp(an, name, nl);
    while (p < end && (xml_space(*p) || *p == '='))
      p++;
    if (p >= end || (*p != '"' && *p != '\'')) return at;
    char q = *p++;
    const char *v = p, *vend = memchr(p, q, (size_t)(end - p));
    if (!vend) return at;
    p = vend + 1;
    if (!match) continue;
    if (!value) return xml_pos_after(set, f, el, (size_t)(an - F->data));
    return xml_pos_after(set, f, el, (size_t)(raw_advance(v, vend, voff) - F->data));
  }
}

/* How far xml_find looks: what one element can hold. */
#define MAX_FIND (XML_MAX_TEXT + 65536)

xml_pos xml_find(const xml_set *set, int f, const xt_node *n, size_t from, const char *frag,
                 size_t len) {
  xml_pos at = xml_pos_of(set, f, n);
  if (f < 0 || (size_t)f >= set->nfiles || !n || !len) return at;
  const xml_file *F = &set->files[f];
  if (from < n->off) from = n->off;
  if (!F->data || from >= F->size) return at;
  size_t room = F->size - from < MAX_FIND ? F->size - from : MAX_FIND;
  const char *hit = memmem(F->data + from, room, frag, len);
  return hit ? xml_pos_after(set, f, n, (size_t)(hit - F->data)) : at;
}

int xml_add_file(xml_set *set, const char *name, const char *real) {
  xml_file *f = VEC_PUSH(set->files, set->nfiles, set->cap);
  f->root = NULL;
  f->doc = NULL;
  f->data = f->own = NULL;
  f->size = 0;
  f->name = mem_strdup(name);
  f->real = real ? mem_strdup(real) : NULL;
  return (int)set->nfiles - 1;
}

void xml_set_free(xml_set *set) {
  if (set->release) set->release(set);
  for (size_t i = 0; i < set->nfiles; i++) {
    mem_free(set->files[i].own);
    mem_free(set->files[i].name);
    mem_free(set->files[i].real);
  }
  mem_free(set->files);
  mem_free(set->root_dir);
  mem_arena_free(set->arena);
  memset(set, 0, sizeof *set);
}

char *xml_dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return mem_strdup(".");
  if (slash == path) return mem_strdup("/");
  return mem_strndup(path, (size_t)(slash - path));
}

void xml_shown_name(const xml_set *set, int from, const char *href, mem_buf *out) {
  char *fromdir = xml_dir_of(set->files[from].name);
  if (strcmp(fromdir, ".") != 0 || strchr(set->files[from].name, '/')) {
    mem_buf_adds(out, fromdir);
    mem_buf_addc(out, '/');
  }
  mem_buf_adds(out, href);
  mem_free(fromdir);
}
