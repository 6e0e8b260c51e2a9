/* SPDX-License-Identifier: MIT */
/*
 * load.c - compiling a story: the libxml2 tree is checked element by element
 * (with messages written for authors, every error reported) and turned into
 * the arrays of model.h; then the tree is validated against the schema as a
 * cross-check, and freed.
 *
 * Two passes: the first registers variables and every node, ending and choice
 * id (following XIncludes), so that the second can resolve references in any
 * order while it compiles the content of each node.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lexicon.h"
#include "mem.h"
#include "mend/safety.h"
#include "mend/test.h"
#include "model.h"
#include "negex.h"
#include "phrase.h"
#include "suggest.h"
#include "utf8.h"
#include "image.h"
#ifndef MEND_NO_XML
#include "xml.h"
#endif

#define MAX_ID_LEN 256
#define MAX_WEIGHT 1000000

/* ---- id maps ---------------------------------------------------------------- */

typedef enum id_kind { K_NODE, K_ENDING, K_CHOICE } id_kind;

/* A slot of an id table: 32 bytes, so that a look-up usually reads one
 * cache line: the top half of the key's hash, what the key names, and the
 * key's first bytes (longer keys are compared in `keys`). */
enum { ID_HEAD = 18 };
typedef struct id_entry {
  uint32_t top;
  int32_t index;
  uint32_t pos; /* position + 1 in the map's keys; 0: an empty slot */
  uint8_t kind;
  uint8_t len; /* up to 255 */
  char head[ID_HEAD];
} id_entry;

typedef struct id_key {
  const char *key;
  size_t len;
  uint64_t hash;
  loc at; /* where it was defined */
  int32_t index;
  uint8_t kind;
} id_key;

/* Keys in the order they were added, and an open-addressing table. */
typedef struct id_map {
  id_entry *slots;
  size_t cap; /* a power of two, at least twice the keys */
  id_key *keys;
  size_t n, kcap;
} id_map;

static bool id_same(const id_map *m, const id_entry *e, const char *k, size_t n) {
  if (e->len != (n < 255 ? n : 255)) return false;
  if (n <= ID_HEAD) return !memcmp(e->head, k, n);
  const id_key *key = &m->keys[e->pos - 1];
  return key->len == n && !memcmp(key->key, k, n);
}

/* The slot of key k, or NULL; *slot is where it is or would go. */
static id_entry *id_probe(const id_map *m, const char *k, size_t n, uint64_t h, size_t *slot) {
  uint32_t top = (uint32_t)(h >> 32);
  size_t i = (size_t)h & (m->cap - 1);
  for (; m->slots[i].pos; i = (i + 1) & (m->cap - 1)) {
    id_entry *e = &m->slots[i];
    if (e->top == top && id_same(m, e, k, n)) {
      *slot = i;
      return e;
    }
  }
  *slot = i;
  return NULL;
}

static id_entry *id_find(const id_map *m, const char *k, size_t n) {
  if (!m->cap) return NULL;
  size_t slot;
  return id_probe(m, k, n, mem_hash(MEM_HASH_INIT, k, n), &slot);
}

static void id_fill(id_map *m, size_t slot, size_t pos) {
  const id_key *key = &m->keys[pos];
  id_entry *e = &m->slots[slot];
  e->top = (uint32_t)(key->hash >> 32);
  e->index = key->index;
  e->pos = (uint32_t)pos + 1;
  e->kind = key->kind;
  e->len = (uint8_t)(key->len < 255 ? key->len : 255);
  memcpy(e->head, key->key, key->len < ID_HEAD ? key->len : ID_HEAD);
}

/* Adds k; returns NULL when added, or the slot of the key already there. */
static id_entry *id_add(id_map *m, const char *k, id_kind kind, int32_t index, loc at) {
  size_t n = strlen(k);
  if ((m->n + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    mem_free_lines(m->slots);
    m->slots = mem_alloc_lines(sizeof(id_entry) * cap);
    m->cap = cap;
    for (size_t i = 0; i < m->n; i++) {
      size_t j = (size_t)m->keys[i].hash & (cap - 1);
      while (m->slots[j].pos)
        j = (j + 1) & (cap - 1);
      id_fill(m, j, i);
    }
  }
  uint64_t h = mem_hash(MEM_HASH_INIT, k, n);
  size_t slot;
  id_entry *dup = id_probe(m, k, n, h, &slot);
  if (dup) return dup;
  id_key *key = VEC_PUSH(m->keys, m->n, m->kcap);
  key->key = k;
  key->len = n;
  key->hash = h;
  key->at = at;
  key->index = index;
  key->kind = (uint8_t)kind;
  id_fill(m, slot, m->n - 1);
  return NULL;
}

/* Where the key of a slot was defined. */
static loc id_at(const id_map *m, const id_entry *e) {
  return m->keys[e->pos - 1].at;
}

static void id_map_free(id_map *m) {
  mem_free_lines(m->slots);
  mem_free(m->keys);
}

/* ---- the loader ----------------------------------------------------------- */

typedef struct loader {
  mend_story *st;
  xml_set x;
  id_map ids, vars;
  id_map broken;      /* variables declared with an error */
  xt_node **node_el;  /* per node: its element */
  int32_t *node_file; /* per node: its file */
  size_t node_el_cap, node_file_cap;
  size_t caps[16]; /* capacities of the story arrays */
  int32_t file;    /* the file being compiled */
  int32_t cur_node;
  int line; /* line of the element whose text is compiling */
  const char *start_attr;
  xt_node *root;              /* the <story> element */
  bool schema;                /* MEND_LOAD_SCHEMA: keep the tree and validate it at the end */
  mem_buf *image;             /* when given: the story's image, once it loads */
  const mend_load_opts *opts; /* the words of a language for rubric phrases */
  const mend_lexicon *words;  /* ... those of the story's language, once rubric() asked */
  text_scratch scratch;       /* reused by every text */
  text_run *runs;
  size_t runs_cap;
  xt_node **run_nodes; /* the text node of each run, for positions */
  size_t run_nodes_cap;
  size_t nruns;          /* of the text compiling */
  xt_node *text_el;      /* the element whose text is compiling */
  loc expr_at;           /* the element whose expression is compiling */
  xt_node *expr_el;      /* ... as an element */
  size_t unchecked_refs; /* ids left unresolved while an include had failed */
  pattern_error pat_err; /* the last pattern that did not compile */
  bool part;             /* MEND_LOAD_PART: a <nodes> file checked alone */
  size_t outside_vars;   /* its uses of variables the story declares */
  /* the matches() patterns compiled: hash of the source -> index + 1 in
   * st->regexes (0: empty slot), and each index's source, so that a pattern
   * written again is compiled once */
  uint64_t *rx_keys;
  uint32_t *rx_vals;
  const char **rx_src;
  size_t rx_cap, rx_nsrc, rx_src_cap;
  xt_node **hear_el; /* the story's <hear> elements (compiled after the nodes) */
  size_t nhear_el, hear_el_cap;
} loader;

enum {
  C_VARS,
  C_NODES,
  C_OPS,
  C_CHOICES,
  C_FBS,
  C_EXITS,
  C_RULES,
  C_TESTS,
  C_SAMPLES,
  C_PATTERNS,
  C_EXAMPLES,
  C_XREFS,
  C_REGEX,
  C_PIECES,
  C_FILES,
  C_HEARS
};

static void verr(loader *L, xml_pos at, const char *code, const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  xml_error(&L->x, L->file, at.line, at.col, code, "%s", msg);
}

/* An error at a place of the file being compiled. */
static void err_at(loader *L, xml_pos at, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void err_at(loader *L, xml_pos at, const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(L, at, code, fmt, ap);
  va_end(ap);
}

/* An error at element el: at its attribute `a` when not NULL (its name),
 * else at its '<'. */
static void err_el(loader *L, xt_node *el, const char *a, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void err_el(loader *L, xt_node *el, const char *a, const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(L, a ? xml_attr_pos(&L->x, L->file, el, a, false, 0) : xml_pos_of(&L->x, L->file, el), code,
       fmt, ap);
  va_end(ap);
}

/* An error at the character `off` bytes into the value of attribute a. */
static void err_val(loader *L, xt_node *el, const char *a, size_t off, const char *code,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void err_val(loader *L, xt_node *el, const char *a, size_t off, const char *code,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(L, xml_attr_pos(&L->x, L->file, el, a, true, off), code, fmt, ap);
  va_end(ap);
}

static int line_of(const xt_node *n) {
  return n->line;
}

static loc here(loader *L, xt_node *n) {
  xml_pos p = xml_pos_of(&L->x, L->file, n);
  loc at = {
      .line = p.line, .file = (uint16_t)L->file, .col = (uint16_t)(p.col < 65536 ? p.col : 0)};
  return at;
}

static const char *name_of(xt_node *n) {
  return (const char *)n->name;
}

static bool is_el(xt_node *n, const char *name) {
  /* (the first letters first: most names tried are not the element's) */
  return n->type == XT_ELEMENT && !n->ns && n->name[0] == name[0] && !strcmp(n->name, name);
}

static bool is_xinclude(xt_node *n) {
  return n->type == XT_ELEMENT && n->ns && !strcmp(n->ns, XINCLUDE_NS) &&
         !strcmp(name_of(n), "include");
}

/* The value of an attribute without namespace, pointing into the tree. */
static const char *attr(xt_node *el, const char *name) {
  for (xt_attr *a = el->properties; a; a = a->next) {
    if (!a->ns && a->name[0] == name[0] && !strcmp(a->name, name)) return a->value;
  }
  return NULL;
}

static const char *strn(loader *L, const char *s) {
  return mem_arena_strdup(L->st->arena, s);
}

#define closest suggest_closest

static void suggest(char *buf, size_t n, const char *word, const char *const *cands) {
  const char *c = closest(word, cands);
  if (c)
    snprintf(buf, n, " (did you mean '%s'?)", c);
  else
    buf[0] = 0;
}

/* Words authors write for an attribute the format names otherwise. */
static const char *attr_synonym(const char *an) {
  static const char *const syn[][2] = {
      {"target", "to"},    {"next", "to"},      {"goto", "to"},      {"dest", "to"},
      {"default", "init"}, {"initial", "init"}, {"value", "init"},   {"start", "init"},
      {"condition", "if"}, {"when", "if"},      {"cond", "if"},      {"variable", "var"},
      {"minimum", "min"},  {"maximum", "max"},  {"name", "id"},      {"type", "kind"},
      {"text", "label"},   {"mood", "tone"},    {"regex", "pattern"}};
  for (size_t i = 0; i < sizeof syn / sizeof *syn; i++)
    if (!strcmp(syn[i][0], an)) return syn[i][1];
  return NULL;
}

static bool has_attr(xt_node *el, const char *name) {
  for (xt_attr *a = el->properties; a; a = a->next)
    if (!a->ns && !strcmp(a->name, name)) return true;
  return false;
}

/* Checks that an element has only the given attributes (xml:* aside). A
 * misspelt attribute whose right name is missing is then read under that
 * name, so that what follows from it (a "missing" name, every use of an
 * "unknown" variable) is not reported too. */
static void check_attrs(loader *L, xt_node *el, const char *const *allowed) {
  for (xt_attr *a = el->properties; a; a = a->next) {
    const char *an = (const char *)a->name;
    if (a->ns) {
      if (!strcmp(a->ns, XML_NAMESPACE)) continue;
      char full[300];
      snprintf(full, sizeof full, "%s:%s", a->prefix ? a->prefix : "?", an);
      err_el(L, el, full, "E-attribute", "<%s> does not take the attribute '%s'", name_of(el),
             full);
      continue;
    }
    if (strchr(an, ':')) continue; /* an undeclared prefix: reported while parsing */
    bool ok = false;
    for (size_t i = 0; allowed[i] && !ok; i++)
      ok = allowed[i][0] == an[0] && !strcmp(allowed[i], an);
    if (ok) continue;
    if ((is_el(el, "ending") || is_el(el, "node")) && !strcmp(an, "if")) {
      err_el(L, el, an, "E-attribute",
             "%s '%s' cannot have a condition (if=): put it on the <choice> or <goto> that leads "
             "here",
             is_el(el, "ending") ? "an ending" : "a node", attr(el, "id") ? attr(el, "id") : "?");
      continue;
    }
    const char *best = closest(an, allowed);
    const char *syn = attr_synonym(an);
    if (!best && syn)
      for (size_t i = 0; allowed[i] && !best; i++)
        if (!strcmp(allowed[i], syn)) best = allowed[i];
    mem_buf list = {0};
    for (size_t i = 0; allowed[i]; i++) {
      if (i) mem_buf_adds(&list, allowed[i + 1] ? ", " : " and ");
      mem_buf_adds(&list, allowed[i]);
    }
    char hint[80] = "";
    if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
    if (allowed[0])
      err_el(L, el, an, "E-attribute", "<%s> does not take the attribute '%s'%s; it takes %s",
             name_of(el), an, hint, list.data);
    else
      err_el(L, el, an, "E-attribute", "<%s> does not take any attribute ('%s')", name_of(el), an);
    mem_buf_free(&list);
    if (best && !has_attr(el, best)) a->name = best; /* read as meant from here on */
  }
}

static const char *req(loader *L, xt_node *el, const char *name) {
  const char *v = attr(el, name);
  if (!v)
    err_el(L, el, NULL, "E-missing", "<%s> needs the attribute %s=\"...\"", name_of(el), name);
  return v;
}

static bool valid_ident(const char *s) {
  if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_')) return false;
  for (s++; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
          (*s >= '0' && *s <= '9')))
      return false;
  return true;
}

static bool check_ident(loader *L, xt_node *el, const char *attrname, const char *v) {
  if (!v) return false;
  if (strlen(v) > MAX_ID_LEN) {
    err_val(L, el, attrname, 0, "E-limit",
            "%s=\"%.40s...\" is too long (the limit is %d characters)", attrname, v, MAX_ID_LEN);
    return false;
  }
  if (!valid_ident(v)) {
    size_t bad = 0; /* the first character that cannot be there */
    while (v[bad] && (((v[bad] >= 'a' && v[bad] <= 'z') || (v[bad] >= 'A' && v[bad] <= 'Z') ||
                       v[bad] == '_') ||
                      (bad > 0 && v[bad] >= '0' && v[bad] <= '9')))
      bad++;
    err_val(L, el, attrname, bad, "E-ident",
            "%s=\"%.60s\" is not a valid identifier: use letters, digits and '_', not starting "
            "with a digit",
            attrname, v);
    return false;
  }
  return true;
}

static bool parse_int(const char *s, int64_t *out) {
  while (utf8_is_space(*s))
    s++;
  bool neg = *s == '-';
  if (*s == '-' || *s == '+') s++;
  if (*s < '0' || *s > '9') return false;
  uint64_t v = 0;
  for (; *s >= '0' && *s <= '9'; s++) {
    if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10) return false;
    v = v * 10 + (uint64_t)(*s - '0');
  }
  while (utf8_is_space(*s))
    s++;
  if (*s) return false;
  if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX) return false;
  *out = neg ? (int64_t)(0 - v) : (int64_t)v;
  return true;
}

static bool int_attr(loader *L, xt_node *el, const char *name, int64_t *out) {
  const char *v = attr(el, name);
  if (!v) return false;
  if (!parse_int(v, out)) {
    err_val(L, el, name, 0, "E-value", "%s=\"%.60s\" is not a whole number", name, v);
    return false;
  }
  return true;
}

static bool bool_attr(loader *L, xt_node *el, const char *name, bool dflt) {
  const char *v = attr(el, name);
  if (!v) return dflt;
  if (!strcmp(v, "true")) return true;
  if (!strcmp(v, "false")) return false;
  const char *hint = !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1")
                         ? " (did you mean 'true'?)"
                     : !strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0")
                         ? " (did you mean 'false'?)"
                         : "";
  err_val(L, el, name, 0, "E-value", "%s=\"%.60s\" must be true or false%s", name, v, hint);
  return dflt;
}

/* Words authors write for a tone. */
static const char *tone_synonym(const char *v) {
  static const char *const syn[][2] = {
      {"warning", "caution"}, {"warn", "caution"},     {"careful", "caution"},
      {"gentle", "caution"},  {"good", "positive"},    {"great", "positive"},
      {"happy", "positive"},  {"success", "positive"}, {"encouraging", "positive"},
      {"bad", "negative"},    {"sad", "negative"},     {"danger", "negative"},
      {"error", "negative"},  {"harsh", "negative"},   {"info", "neutral"},
      {"ok", "neutral"},      {"normal", "neutral"},   {"none", "neutral"}};
  for (size_t i = 0; i < sizeof syn / sizeof *syn; i++)
    if (!strcasecmp(syn[i][0], v)) return syn[i][1];
  return NULL;
}

static mend_tone tone_attr(loader *L, xt_node *el) {
  const char *v = attr(el, "tone");
  if (!v || !strcmp(v, "neutral")) return MEND_TONE_NEUTRAL;
  if (!strcmp(v, "positive")) return MEND_TONE_POSITIVE;
  if (!strcmp(v, "caution")) return MEND_TONE_CAUTION;
  if (!strcmp(v, "negative")) return MEND_TONE_NEGATIVE;
  static const char *const tones[] = {"positive", "neutral", "caution", "negative", NULL};
  char hint[80] = "";
  const char *best = closest(v, tones);
  if (!best) best = tone_synonym(v);
  if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
  err_val(L, el, "tone", 0, "E-value",
          "tone=\"%.40s\" is not a tone%s: use positive, neutral, caution or negative", v, hint);
  return MEND_TONE_NEUTRAL;
}

static void unexpected_text(loader *L, xt_node *parent, xt_node *t) {
  const char *s = (const char *)t->content;
  size_t lead = 0;
  while (utf8_is_space(s[lead]))
    lead++;
  s += lead;
  size_t n = 0;
  while (s[n] && s[n] != '\n' && n < 40)
    n++;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
    n--; /* not inside a character */
  /* where its first word is (the raw text starts with the same white space,
   * but for a \r before each \n) */
  const xml_file *F = &L->x.files[L->file];
  size_t off = t->off;
  for (size_t k = 0; k < lead && F->data && off < F->size; off++)
    if (F->data[off] != '\r') k++;
  err_at(L, xml_pos_after(&L->x, L->file, t, off), "E-text-outside",
         "text \"%.*s\" directly inside <%s>: put paragraphs in <text>", (int)n, s,
         name_of(parent));
}

static bool blank(xt_node *t) {
  for (const char *s = t->content; s && *s; s++)
    if (!utf8_is_space((char)*s)) return false;
  return true;
}

/* Whether an element that must be empty holds an element or words. */
static bool has_content(xt_node *el) {
  for (xt_node *c = el->children; c; c = c->next)
    if (c->type == XT_ELEMENT || (c->type == XT_TEXT && !blank(c))) return true;
  return false;
}

static void unknown_element(loader *L, xt_node *el, const char *where,
                            const char *const *expected) {
  if (!el->ns && strchr(name_of(el), ':')) return; /* an undeclared prefix: reported */
  char hint[80] = "";
  if (!el->ns) suggest(hint, sizeof hint, name_of(el), expected);
  mem_buf list = {0};
  for (size_t i = 0; expected[i]; i++) {
    if (i) mem_buf_adds(&list, expected[i + 1] ? ", " : " or ");
    mem_buf_printf(&list, "<%s>", expected[i]);
  }
  err_el(L, el, NULL, "E-element", "<%s%s%s> is not allowed in <%s>%s; expected %s",
         el->prefix ? el->prefix : "", el->prefix ? ":" : "", name_of(el), where, hint, list.data);
  mem_buf_free(&list);
}

static bool is_broken_var(loader *L, const char *name, size_t n);

/* ---- text ------------------------------------------------------------------- */

static int32_t text_var(void *ud, const char *name, size_t n) {
  loader *L = ud;
  id_entry *e = id_find(&L->vars, name, n);
  return e ? e->index : is_broken_var(L, name, n) ? TEXT_BROKEN : -1;
}

/* The `brace`-th '{' or '}' of the runs being compiled: where it is. */
static void text_err(void *ud, const char *msg, size_t brace) {
  loader *L = ud;
  size_t seen = 0;
  for (size_t r = 0; r < L->nruns; r++) {
    const text_run *run = &L->runs[r];
    for (size_t i = 0; i < run->n; i++)
      if ((run->s[i] == '{' || run->s[i] == '}') && seen++ == brace) {
        err_at(L, xml_text_pos(&L->x, L->file, L->run_nodes[r], i), "E-braces", "%s", msg);
        return;
      }
  }
  err_el(L, L->text_el, NULL, "E-braces", "%s", msg);
}

/* A variable name close to an unknown one, for "did you mean" (NULL: none). */
static const char *var_like(loader *L, const char *name, size_t n) {
  if (n > 40 || L->x.errors >= XML_MAX_ERRORS) return NULL;
  char w[41];
  memcpy(w, name, n);
  w[n] = 0;
  suggest_best s;
  suggest_start(&s, w);
  for (size_t i = 0; i < L->st->nvars; i++)
    suggest_offer(&s, L->st->vars[i].info.name);
  return s.best;
}

static const char *text_suggest(void *ud, const char *name, size_t n) {
  return var_like(ud, name, n);
}

/* Collects the character data of el (with <em>/<strong>), skipping the child
 * elements named in `skip`. */
static void collect_runs(loader *L, xt_node *el, unsigned style, const char *const *skip,
                         text_run **runs, size_t *n, size_t *cap) {
  for (xt_node *c = el->children; c; c = c->next) {
    if (c->type == XT_TEXT) {
      text_run *r = VEC_PUSH(*runs, *n, *cap);
      r->s = c->content;
      r->n = c->len;
      r->style = style;
      mem_grow((void **)&L->run_nodes, &L->run_nodes_cap, *n, sizeof *L->run_nodes);
      L->run_nodes[*n - 1] = c;
    } else if (c->type == XT_ELEMENT) {
      bool skipped = false;
      for (size_t i = 0; skip && skip[i]; i++)
        if (is_el(c, skip[i])) skipped = true;
      if (skipped) continue;
      if (is_el(c, "em") || is_el(c, "strong")) {
        static const char *const none[] = {NULL};
        check_attrs(L, c, none);
        collect_runs(L, c, style | (is_el(c, "em") ? MEND_STYLE_EM : MEND_STYLE_STRONG), NULL, runs,
                     n, cap);
      } else {
        err_el(L, c, NULL, "E-element",
               "<%s> is not allowed inside <%s>: text may contain only <em> and <strong>",
               name_of(c), name_of(el));
      }
    }
  }
}

/* Compiles el's text. *empty is set when it has none (and had no error, so
 * that an unknown {name} is not also reported as an empty text). */
static tpl compile_text(loader *L, xt_node *el, const char *const *skip, bool *empty) {
  size_t n = 0;
  collect_runs(L, el, 0, skip, &L->runs, &n, &L->runs_cap);
  mend_story *st = L->st;
  tpl t = {(uint32_t)st->npieces, 0};
  text_sink sink = {L, text_var, text_err, text_suggest};
  L->line = line_of(el);
  L->text_el = el;
  L->nruns = n;
  bool ok = text_compile_with(L->runs, n, st->arena, &st->pieces, &st->npieces, &L->caps[C_PIECES],
                              &sink, &L->scratch);
  t.count = (uint32_t)(st->npieces - t.first);
  if (empty) *empty = ok && t.count == 0;
  /* the most it can render to: each {var} as long as its value can be */
  uint64_t most = 0, vars = 0;
  for (size_t i = t.first; ok && i < st->npieces; i++) {
    const text_piece *p = &st->pieces[i];
    if (p->s) {
      most += p->n;
      continue;
    }
    mend_type ty = st->vars[p->var].info.type;
    most += ty == MEND_TEXT ? MEND_MAX_ANSWER : ty == MEND_BOOL ? 3 : 20;
    vars++;
  }
  if (most > MEND_MAX_RENDERED)
    err_el(L, el, NULL, "E-limit",
           "this text can render to %llu bytes (%llu {name}s, each as long as its value may be), "
           "more than the %u MB a text may show",
           (unsigned long long)most, (unsigned long long)vars, MEND_MAX_RENDERED / 1024 / 1024);
  return t;
}

/* Plain text content (no markup), normalised, in the arena. */
static const char *plain_text(loader *L, xt_node *el) {
  mem_buf raw = {0}, out = {0};
  mem_buf_add(&raw, "", 0);
  for (xt_node *c = el->children; c; c = c->next) {
    if (c->type == XT_TEXT)
      mem_buf_adds(&raw, (const char *)c->content);
    else if (c->type == XT_ELEMENT)
      err_el(L, c, NULL, "E-element", "<%s> is not allowed inside <%s>: it holds plain text",
             name_of(c), name_of(el));
  }
  text_normalize(raw.data, raw.len, &out);
  const char *r = mem_arena_strndup(L->st->arena, out.data, out.len);
  mem_buf_free(&raw);
  mem_buf_free(&out);
  return r;
}

/* ---- expressions ------------------------------------------------------------ */

static int32_t scope_var(void *ud, const char *name, size_t n, mend_type *type) {
  loader *L = ud;
  id_entry *e = id_find(&L->vars, name, n);
  if (!e) return is_broken_var(L, name, n) ? EXPR_BROKEN : -1;
  *type = L->st->vars[e->index].info.type;
  return e->index;
}

/* An id that nothing here defines, in a part checked alone or while an
 * include has failed: perhaps defined there; counted, not reported. */
static bool outside_id(loader *L, const id_entry *e) {
  if (e || !(L->part || L->x.failed_includes > 0)) return false;
  L->unchecked_refs++;
  return true;
}

static int32_t scope_target(void *ud, const char *name, size_t n) {
  loader *L = ud;
  id_entry *e = id_find(&L->ids, name, n);
  if (outside_id(L, e)) return EXPR_BROKEN;
  return e && e->kind != K_CHOICE ? e->index : -1;
}

static int32_t scope_choice(void *ud, const char *name, size_t n) {
  loader *L = ud;
  id_entry *e = id_find(&L->ids, name, n);
  if (outside_id(L, e)) return EXPR_BROKEN;
  return e && e->kind == K_CHOICE ? e->index : -1;
}

static const char *scope_kind(void *ud, const char *name, size_t n) {
  loader *L = ud;
  id_entry *e = id_find(&L->ids, name, n);
  if (e) return e->kind == K_CHOICE ? "a choice" : e->kind == K_NODE ? "a node" : "an ending";
  if (id_find(&L->vars, name, n)) return "a variable";
  return NULL;
}

/* The slot of pattern `pat` (hash h) in L's table of compiled patterns:
 * where it is, or the empty slot where it goes. */
static size_t rx_slot(const loader *L, const char *pat, uint64_t h) {
  size_t i = (size_t)h & (L->rx_cap - 1);
  while (L->rx_vals[i] && (L->rx_keys[i] != h || strcmp(L->rx_src[L->rx_vals[i] - 1], pat)))
    i = (i + 1) & (L->rx_cap - 1);
  return i;
}

/* A matches() pattern: compiled once however often the story writes it
 * (the same regex, and what the session remembers of its matches, shared);
 * each place is kept for lint. */
static int32_t scope_regex(void *ud, const char *pat, size_t n, char *e, size_t elen) {
  loader *L = ud;
  mend_story *st = L->st;
  (void)n;
  uint64_t h = mem_hash(MEM_HASH_INIT, pat, strlen(pat)) | 1;
  size_t at = L->rx_cap ? rx_slot(L, pat, h) : 0;
  int32_t idx;
  if (L->rx_cap && L->rx_vals[at]) {
    idx = (int32_t)L->rx_vals[at] - 1;
  } else {
    regex_t re;
    if (model_regex_compile_at(&re, pat, &L->pat_err) != 0) {
      snprintf(e, elen, "%s", L->pat_err.msg);
      return -1;
    }
    regex_t *slot = VEC_PUSH(st->regexes, st->nregexes, L->caps[C_REGEX]);
    *slot = re;
    idx = (int32_t)st->nregexes - 1;
    if ((st->nregexes + 1) * 2 > L->rx_cap) { /* (grow: at most half full) */
      size_t cap = L->rx_cap ? L->rx_cap * 2 : 64;
      uint64_t *keys = L->rx_keys;
      uint32_t *vals = L->rx_vals;
      size_t old = L->rx_cap;
      L->rx_keys = mem_alloc(sizeof *L->rx_keys * cap);
      L->rx_vals = mem_alloc(sizeof *L->rx_vals * cap);
      memset(L->rx_vals, 0, sizeof *L->rx_vals * cap);
      L->rx_cap = cap;
      for (size_t i = 0; i < old; i++)
        if (vals[i]) {
          size_t j = rx_slot(L, L->rx_src[vals[i] - 1], keys[i]);
          L->rx_keys[j] = keys[i];
          L->rx_vals[j] = vals[i];
        }
      mem_free(keys);
      mem_free(vals);
      at = rx_slot(L, pat, h);
    }
    *VEC_PUSH(L->rx_src, L->rx_nsrc, L->rx_src_cap) = strn(L, pat);
    L->rx_keys[at] = h;
    L->rx_vals[at] = (uint32_t)idx + 1;
  }
  pattern_src *ps = VEC_PUSH(st->patterns, st->npatterns, L->caps[C_PATTERNS]);
  ps->src = L->rx_src[idx];
  ps->at = L->expr_at;
  return idx;
}

/* The id closest to an unknown one (nodes and endings, or choices), or NULL. */
static const char *id_like(loader *L, const char *name, size_t n, bool choices) {
  if (n > 40 || L->x.errors >= XML_MAX_ERRORS) return NULL;
  char w[41];
  memcpy(w, name, n);
  w[n] = 0;
  suggest_best s;
  suggest_start(&s, w);
  /* (a pass over the ids: not once the errors are no longer shown) */
  for (size_t i = 0; i < L->ids.n; i++) {
    const id_key *k = &L->ids.keys[i];
    if ((k->kind == K_CHOICE) == choices && k->len <= 40) suggest_offer(&s, k->key);
  }
  return s.best;
}

static const char *scope_suggest(void *ud, const char *name, size_t n, int kind) {
  loader *L = ud;
  return kind == 0 ? var_like(L, name, n) : id_like(L, name, n, kind == 2);
}

static ph_set *rubric(loader *L, xt_node *el);

/* nothing(t) reads the words of the story's language: the rubric's. */
static void scope_words(void *ud) {
  loader *L = ud;
  rubric(L, L->expr_el);
}

/* said(t, 'NAME'): a list of the words of the story's language (with no
 * words, a list that holds nothing: W-no-words says so). */
static int32_t scope_said(void *ud, const char *name, size_t n, char *names, size_t cap) {
  loader *L = ud;
  if (!L->words) return LEXICON_NO_LIST;
  int32_t k = lexicon_said(L->words, name, n);
  if (k < 0) lexicon_said_names(L->words, names, cap);
  return k;
}

/* Compiles the expression in attribute `name` of el; returns an xref index or
 * -1 (absent or bad). `want` is the type it must have. */
static int32_t compile_expr(loader *L, xt_node *el, const char *name, mend_type want,
                            const char *what, bool *bad) {
  const char *src = attr(el, name);
  if (!src) return -1;
  expr_scope sc = {L,           scope_var,     scope_target, scope_choice, scope_kind,
                   scope_regex, scope_suggest, scope_words,  scope_said};
  expr_error e;
  mend_type type;
  L->expr_at = here(L, el); /* (where a matches() pattern is) */
  L->expr_el = el;
  int32_t root = expr_compile(&L->st->expr, src, &sc, &type, &e);
  if (root < 0) {
    if (!e.code)
      ;                                    /* follows from an error already reported */
    else if (!strcmp(e.code, "E-pattern")) /* in matches('...'): where in the pattern */
      err_val(L, el, name, e.off + 1 + L->pat_err.off, L->pat_err.code, "%s=\"%.120s\": %s", name,
              src, e.msg);
    else
      err_val(L, el, name, e.off, e.code, "%s=\"%.120s\": %s", name, src, e.msg);
    if (bad) *bad = true;
    return -1;
  }
  if (type != want) {
    if (want == MEND_BOOL && !strcmp(name, "if"))
      err_val(L, el, name, 0, "E-type",
              "%s=\"%.120s\" is %s, but a condition must be true or false (bool)", name, src,
              expr_type_name(type));
    else
      err_val(L, el, name, 0, "E-type", "%s=\"%.120s\" is %s, but %s is %s", name, src,
              expr_type_name(type), what, expr_type_name(want));
    if (bad) *bad = true;
    return -1;
  }
  mend_story *st = L->st;
  xref *x = VEC_PUSH(st->xrefs, st->nxrefs, L->caps[C_XREFS]);
  x->root = root;
  x->src = strn(L, src);
  xml_pos vp = xml_attr_pos(&L->x, L->file, el, name, true, 0); /* its value's first character */
  x->at = (loc){
      .line = vp.line, .file = (uint16_t)L->file, .col = (uint16_t)(vp.col < 65536 ? vp.col : 0)};
  return (int32_t)st->nxrefs - 1;
}

static int32_t cond_of(loader *L, xt_node *el) {
  return compile_expr(L, el, "if", MEND_BOOL, "a condition", NULL);
}

/* An id that names no node or ending, in attribute `a` of el (or at `at`).
 * When an include could not be read, the id may be defined in it: that is
 * counted, not reported (the include's error says so). */
static void unknown_target(loader *L, xt_node *el, const char *a, const char *v) {
  const char *best = L->part ? NULL : id_like(L, v, strlen(v), false);
  if (!best && (L->x.failed_includes > 0 || L->part)) { /* perhaps defined there */
    L->unchecked_refs++;
    return;
  }
  if (best)
    err_val(L, el, a, 0, "E-unknown-id",
            "%s=\"%.60s\": no node or ending has this id (did you mean '%s'?)", a, v, best);
  else
    err_val(L, el, a, 0, "E-unknown-id", "%s=\"%.60s\": no node or ending has this id", a, v);
}

static int32_t target(loader *L, xt_node *el, const char *v) {
  if (!v) return -1;
  id_entry *e = id_find(&L->ids, v, strlen(v));
  if (e && e->kind != K_CHOICE) return e->index;
  if (e)
    err_val(L, el, "to", 0, "E-unknown-id",
            "to=\"%.60s\" names a choice; it must name a node or an ending", v);
  else
    unknown_target(L, el, "to", v);
  return -1;
}

/* ---- pass 1: story, vars, ids ---------------------------------------------- */

/* A variable whose declaration has an error: its uses are not reported as
 * unknown too. */
static void broken_var(loader *L, const char *name) {
  if (name && valid_ident(name) && strlen(name) <= MAX_ID_LEN &&
      !id_find(&L->broken, name, strlen(name)))
    id_add(&L->broken, strn(L, name), K_NODE, -1, (loc){0});
}

static bool is_broken_var(loader *L, const char *name, size_t n) {
  if (L->part && !id_find(&L->vars, name, n)) { /* the including story's (a part has none) */
    L->outside_vars++;
    return true;
  }
  return L->broken.n && id_find(&L->broken, name, n);
}

static void compile_var(loader *L, xt_node *el) {
  static const char *const allowed[] = {"name", "type",  "init",    "min",
                                        "max",  "label", "measure", NULL};
  check_attrs(L, el, allowed);
  const char *name = req(L, el, "name");
  const char *type = req(L, el, "type");
  int line = line_of(el);
  if (!check_ident(L, el, "name", name) || !type) {
    broken_var(L, name);
    return;
  }
  mend_type t;
  if (!strcmp(type, "int"))
    t = MEND_INT;
  else if (!strcmp(type, "bool"))
    t = MEND_BOOL;
  else if (!strcmp(type, "text"))
    t = MEND_TEXT;
  else {
    static const char *const types[] = {"int", "bool", "text", NULL};
    const char *best = closest(type, types);
    if (!best && (!strcasecmp(type, "integer") || !strcasecmp(type, "number"))) best = "int";
    if (!best && (!strcasecmp(type, "boolean") || !strcasecmp(type, "yesno"))) best = "bool";
    if (!best && (!strcasecmp(type, "string") || !strcasecmp(type, "str"))) best = "text";
    char hint[60] = "";
    if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
    err_val(L, el, "type", 0, "E-value", "type=\"%.40s\" is not a type%s: use int, bool or text",
            type, hint);
    broken_var(L, name);
    return;
  }
  mend_story *st = L->st;
  vardef v = {0};
  v.info.name = strn(L, name);
  v.info.type = t;
  v.info.line = line;
  v.at = here(L, el);
  const char *label = attr(el, "label");
  if (label) {
    if (t == MEND_TEXT)
      err_el(L, el, "label", "E-value",
             "a text variable cannot be a measure (label=\"...\" is for int and bool)");
    mem_buf b = {0};
    text_normalize(label, strlen(label), &b);
    v.info.label = mem_arena_strndup(st->arena, b.data, b.len);
    mem_buf_free(&b);
    if (!*v.info.label) err_el(L, el, "label", "E-empty", "label=\"\" is empty");
  }
  const char *measure = attr(el, "measure");
  if (measure) {
    if (!strcmp(measure, "check-in"))
      v.info.measure = MEND_MEASURE_CHECKIN;
    else if (!strcmp(measure, "story"))
      v.info.measure = MEND_MEASURE_STORY;
    else {
      static const char *const kinds[] = {"check-in", "story", NULL};
      char hint[80];
      suggest(hint, sizeof hint, measure, kinds);
      err_val(L, el, "measure", 0, "E-value",
              "measure=\"%.40s\" is not a kind of measure%s: use check-in (the person is asked "
              "it) or story (the story works it out)",
              measure, hint);
    }
    if (!label)
      err_el(L, el, "measure", "E-missing",
             "measure=\"%.40s\" needs a label: only a labelled variable is a measure (add "
             "label=\"...\", the words that name it)",
             measure);
  }
  if (label && v.info.measure == MEND_MEASURE_NONE)
    v.explicit_measure = false; /* decided when the questions are known (see finish) */
  else
    v.explicit_measure = true;
  v.info.has_min = int_attr(L, el, "min", &v.info.min);
  v.info.has_max = int_attr(L, el, "max", &v.info.max);
  if (t != MEND_INT && (attr(el, "min") || attr(el, "max")))
    err_el(L, el, attr(el, "min") ? "min" : "max", "E-attribute",
           "min and max apply only to int variables ('%s' is %s)", name, expr_type_name(t));
  if (v.info.has_min && v.info.has_max && v.info.min > v.info.max)
    err_el(L, el, "min", "E-range", "min=\"%lld\" is greater than max=\"%lld\"",
           (long long)v.info.min, (long long)v.info.max);
  const char *init = attr(el, "init");
  v.info.init_text = "";
  if (t == MEND_INT) {
    if (init) {
      if (int_attr(L, el, "init", &v.info.init) && ((v.info.has_min && v.info.init < v.info.min) ||
                                                    (v.info.has_max && v.info.init > v.info.max))) {
        if (v.info.has_min && v.info.has_max)
          err_val(L, el, "init", 0, "E-range",
                  "init=\"%.40s\" is outside the variable's range %lld..%lld", init,
                  (long long)v.info.min, (long long)v.info.max);
        else if (v.info.has_min)
          err_val(L, el, "init", 0, "E-range",
                  "init=\"%.40s\" is below the variable's min=\"%lld\"", init,
                  (long long)v.info.min);
        else
          err_val(L, el, "init", 0, "E-range",
                  "init=\"%.40s\" is above the variable's max=\"%lld\"", init,
                  (long long)v.info.max);
      }
    } else {
      if (v.info.has_min && v.info.init < v.info.min) v.info.init = v.info.min;
      if (v.info.has_max && v.info.init > v.info.max) v.info.init = v.info.max;
    }
  } else if (t == MEND_BOOL) {
    v.info.init = bool_attr(L, el, "init", false);
  } else if (init) {
    mem_buf b = {0};
    text_normalize(init, strlen(init), &b);
    v.info.init_text = mem_arena_strndup(st->arena, b.data, b.len);
    mem_buf_free(&b);
    if (strlen(v.info.init_text) > MEND_MAX_ANSWER)
      err_val(L, el, "init", 0, "E-limit",
              "init=\"%.40s...\" is longer than an answer may be (%d bytes)", init,
              MEND_MAX_ANSWER);
  }
  id_entry *dup = id_add(&L->vars, v.info.name, K_NODE, (int32_t)st->nvars, v.at);
  if (dup) {
    loc first = id_at(&L->vars, dup);
    err_val(L, el, "name", 0, "E-duplicate", "variable '%s' is declared twice (first at %s:%d)",
            name, L->x.files[first.file].name, first.line);
    return;
  }
  if (v.info.label) st->nmeasures++;
  *VEC_PUSH(st->vars, st->nvars, L->caps[C_VARS]) = v;
}

static void add_id(loader *L, xt_node *el, const char *id, id_kind kind, int32_t index) {
  loc at = here(L, el);
  id_entry *dup = id_add(&L->ids, id, kind, index, at);
  loc first = dup ? id_at(&L->ids, dup) : at;
  if (dup)
    err_val(L, el, "id", 0, "E-duplicate",
            "duplicate id '%s': it is already used by %s at %s:%d (node, ending and choice "
            "ids share one namespace)",
            id,
            dup->kind == K_CHOICE ? "a choice"
            : dup->kind == K_NODE ? "a node"
                                  : "an ending",
            L->x.files[first.file].name, first.line);
}

static void register_node(loader *L, xt_node *el, bool ending) {
  static const char *const node_attrs[] = {"id", NULL};
  static const char *const ending_attrs[] = {"id", "title", "tone", "checkins", NULL};
  check_attrs(L, el, ending ? ending_attrs : node_attrs);
  const char *id = req(L, el, "id");
  if (!id) return;
  check_ident(L, el, "id", id); /* a bad id is reported, and the node is still checked */
  mend_story *st = L->st;
  node *n = VEC_PUSH(st->nodes, st->nnodes, L->caps[C_NODES]);
  memset(n, 0, sizeof *n);
  n->id = strn(L, id);
  n->ending = ending;
  n->at = here(L, el);
  int32_t idx = (int32_t)st->nnodes - 1;
  if (ending) {
    const char *title = req(L, el, "title");
    if (title) {
      mem_buf b = {0};
      text_normalize(title, strlen(title), &b);
      n->title = mem_arena_strndup(st->arena, b.data, b.len);
      mem_buf_free(&b);
      if (!*n->title)
        err_el(L, el, "title", "E-empty", "title=\"\" is empty: an ending needs a title");
    } else {
      n->title = n->id;
    }
    n->tone = tone_attr(L, el);
  }
  mem_grow((void **)&L->node_el, &L->node_el_cap, st->nnodes, sizeof *L->node_el);
  mem_grow((void **)&L->node_file, &L->node_file_cap, st->nnodes, sizeof *L->node_file);
  L->node_el[idx] = el;
  L->node_file[idx] = L->file;
  add_id(L, el, n->id, ending ? K_ENDING : K_NODE, (int32_t)st->nnodes - 1);
  /* reserve this node's choices and register their ids */
  st->nodes[st->nnodes - 1].first_choice = (uint32_t)st->nchoices;
  uint32_t count = 0;
  for (xt_node *c = el->children; c; c = c->next) {
    if (!is_el(c, "choice") || ending) continue;
    choice *ch = VEC_PUSH(st->choices, st->nchoices, L->caps[C_CHOICES]);
    memset(ch, 0, sizeof *ch);
    ch->node = (int32_t)st->nnodes - 1;
    ch->index = count++;
    ch->to = -1;
    ch->cond = -1;
    ch->at = here(L, c);
    const char *cid = attr(c, "id");
    if (cid && check_ident(L, c, "id", cid)) {
      ch->id = strn(L, cid);
      add_id(L, c, ch->id, K_CHOICE, (int32_t)st->nchoices - 1);
    }
  }
  st->nodes[st->nnodes - 1].nchoices = count;
}

static void walk_nodes(loader *L, xt_node *parent, const int *chain, int nchain);

static void include(loader *L, xt_node *inc, const int *chain, int nchain) {
  int f;
  if (L->x.from_image)
    f = image_include(&L->x, L->file, inc, nchain);
  else {
#ifdef MEND_NO_XML
    (void)chain;
    f = -1; /* (a build without XML reads images only) */
#else
    f = xml_include(&L->x, L->file, inc, chain, nchain);
#endif
  }
  if (f < 0) return;
  int32_t saved = L->file;
  int sub[XML_MAX_INCLUDE_DEPTH + 1];
  memcpy(sub, chain, sizeof(int) * (size_t)nchain);
  sub[nchain] = f;
  L->file = f;
  xt_node *root = L->x.files[f].root;
  static const char *const none[] = {NULL};
  check_attrs(L, root, none);
  walk_nodes(L, root, sub, nchain + 1);
  L->file = saved;
}

static const char *const group_children[] = {"node", "ending", "nodes", "xi:include", NULL};

/* Registers the nodes and endings among the children of a story or nodes
 * element, from `from` on. */
static void walk_group_child(loader *L, xt_node *c, const char *where, const int *chain,
                             int nchain) {
  if (is_el(c, "node"))
    register_node(L, c, false);
  else if (is_el(c, "ending"))
    register_node(L, c, true);
  else if (is_el(c, "nodes")) {
    static const char *const none[] = {NULL};
    check_attrs(L, c, none);
    walk_nodes(L, c, chain, nchain);
  } else if (is_xinclude(c))
    include(L, c, chain, nchain);
  else if (is_el(c, "var") && (nchain > 1 || L->part)) {
    err_el(L, c, NULL, "E-order",
           "<var name=\"%s\"> in an included file: variables belong in the story itself; move it "
           "to %s, after <title> and before the nodes",
           attr(c, "name") ? attr(c, "name") : "",
           L->part ? "the story that includes this file" : L->x.files[chain[0]].name);
    broken_var(L, attr(c, "name"));
  } else if (is_el(c, "var")) {
    err_el(L, c, NULL, "E-order", "<var name=\"%s\"> must come before the nodes and endings",
           attr(c, "name") ? attr(c, "name") : "");
    broken_var(L, attr(c, "name"));
  } else if (is_el(c, "hear"))
    err_el(L, c, NULL, "E-order",
           nchain > 1 || L->part
               ? "<hear> belongs in the story itself, not in an included file"
               : "<hear> must come before the nodes and endings, after the variables");
  else if (is_el(c, "title") || is_el(c, "about") || is_el(c, "meta"))
    err_el(L, c, NULL, "E-order",
           nchain > 1 ? "<%s> belongs in the story itself, not in an included file"
                      : "<%s> must come right after the start of <story>, before the variables "
                        "and nodes",
           name_of(c));
  else if (is_el(c, "choice") || is_el(c, "text") || is_el(c, "goto") || is_el(c, "set") ||
           is_el(c, "ask") || is_el(c, "random"))
    err_el(L, c, NULL, "E-order", "<%s> must be inside a <node>", name_of(c));
  else
    unknown_element(L, c, where, group_children);
}

static void walk_nodes(loader *L, xt_node *parent, const int *chain, int nchain) {
  for (xt_node *c = parent->children; c; c = c->next) {
    if (c->type == XT_TEXT && !blank(c)) unexpected_text(L, parent, c);
    if (c->type != XT_ELEMENT) continue;
    walk_group_child(L, c, name_of(parent), chain, nchain);
  }
}

static void compile_meta(loader *L, xt_node *el) {
  static const char *const none[] = {NULL};
  static const char *const kids[] = {"author", "minutes", "tags", "source", NULL};
  check_attrs(L, el, none);
  mend_story *st = L->st;
  bool seen[4] = {false};
  for (xt_node *c = el->children; c; c = c->next) {
    if (c->type == XT_TEXT && !blank(c)) unexpected_text(L, el, c);
    if (c->type != XT_ELEMENT) continue;
    int k = -1;
    for (int i = 0; i < 4; i++)
      if (is_el(c, kids[i])) k = i;
    if (k < 0) {
      unknown_element(L, c, "meta", kids);
      continue;
    }
    check_attrs(L, c, none);
    if (seen[k]) err_el(L, c, NULL, "E-twice", "<%s> appears twice in <meta>", kids[k]);
    seen[k] = true;
    const char *v = plain_text(L, c);
    if (k == 0)
      st->author = v;
    else if (k == 2)
      st->tags = v;
    else if (k == 3)
      st->source = v;
    else {
      int64_t m;
      if (!parse_int(v, &m) || m < 0 || m > 10000)
        err_el(L, c, NULL, "E-value",
               "<minutes> must be a whole number of minutes, found \"%.40s\"", v);
      else
        st->minutes = (int)m;
    }
  }
}

static bool valid_slug(const char *s) {
  if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))) return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return false;
  return true;
}

static bool valid_lang(const char *s) {
  size_t part = 0;
  bool first = true;
  for (; *s; s++) {
    if (*s == '-') {
      if (part == 0) return false;
      part = 0, first = false;
      continue;
    }
    bool alpha = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z');
    bool digit = *s >= '0' && *s <= '9';
    if (!(alpha || (digit && !first))) return false;
    if (++part > 8) return false;
  }
  return part > 0;
}

/* A part (a <nodes> file) checked alone: its nodes and endings, as they
 * would be compiled in a story. */
static void pass1_part(loader *L, xt_node *root) {
  mend_story *st = L->st;
  st->id = st->title = "";
  st->lang = "en";
  st->about = st->author = st->tags = st->source = "";
  static const char *const none[] = {NULL};
  check_attrs(L, root, none);
  int chain[1] = {0};
  walk_nodes(L, root, chain, 1);
}

static void pass1(loader *L, xt_node *root) {
  mend_story *st = L->st;
  if (L->part && is_el(root, "nodes")) {
    pass1_part(L, root);
    return;
  }
  L->part = false; /* a story is checked as a story */
  if (root->type == XT_ELEMENT && root->ns &&
      (!strcmp(root->name, "story") || !strcmp(root->name, "nodes"))) {
    err_el(L, root, "xmlns", "E-root",
           "<%s> has the namespace \"%.200s\": story files use none; remove its xmlns=\"...\"",
           name_of(root), root->ns);
    return;
  }
  if (!is_el(root, "story")) {
    err_el(L, root, NULL, "E-root", "the root element must be <story>, found <%s>%s", name_of(root),
           is_el(root, "nodes") ? " (a <nodes> file is a part that a story includes: play the "
                                  "story; mend lint checks the part alone)"
                                : "");
    return;
  }
  static const char *const allowed[] = {"id", "format", "start", "lang", NULL};
  check_attrs(L, root, allowed);
  const char *id = req(L, root, "id");
  if (id && (!valid_slug(id) || strlen(id) > 64))
    err_val(L, root, "id", 0, "E-value",
            "id=\"%.60s\" is not a valid story id: use lower-case letters, digits and '-' "
            "(at most 64), starting with a letter or digit",
            id);
  st->id = strn(L, id ? id : "");
  const char *format = req(L, root, "format");
  if (format && strcmp(format, "1"))
    err_val(L, root, "format", 0, "E-value",
            "format=\"%.20s\" is not supported: this version of mend reads format 1", format);
  L->start_attr = req(L, root, "start");
  L->root = root;
  const char *lang = attr(root, "lang");
  if (lang && !valid_lang(lang))
    err_val(L, root, "lang", 0, "E-value",
            "lang=\"%.40s\" is not a language tag such as en or pt-BR", lang);
  st->lang = strn(L, lang ? lang : "en");
  st->about = st->author = st->tags = st->source = "";

  /* title, about?, meta?, var*, then nodes; a missing title is one error,
   * not one for each element that would have come after it */
  bool has_title = false;
  for (xt_node *c = root->children; c && !has_title; c = c->next)
    has_title = is_el(c, "title");
  if (!has_title)
    err_el(L, root, NULL, "E-missing",
           "<story> needs a <title> as its first element: add <title>...</title> right after "
           "<story ...>");
  enum { HEAD, VARS, HEARS, BODY } phase = HEAD;
  static const char *const expected[] = {"title", "about",  "meta",  "var", "hear",
                                         "node",  "ending", "nodes", NULL};
  int chain[1] = {0};
  bool have_title = false;
  xt_node *before_title = NULL; /* the first element, when it is not the title */
  for (xt_node *c = root->children; c; c = c->next) {
    if (c->type == XT_TEXT && !blank(c)) unexpected_text(L, root, c);
    if (c->type != XT_ELEMENT) continue;
    static const char *const none[] = {NULL};
    if (!have_title && !before_title && !is_el(c, "title")) before_title = c;
    if (is_el(c, "title")) {
      if (have_title)
        err_el(L, c, NULL, "E-twice", "<story> has more than one <title>");
      else if (before_title)
        err_el(L, c, NULL, "E-order",
               "<title> must be the first element of <story>: move it above the <%s> at line %d",
               name_of(before_title), line_of(before_title));
      check_attrs(L, c, none);
      st->title = plain_text(L, c);
      if (!*st->title) err_el(L, c, NULL, "E-empty", "<title> is empty");
      have_title = true;
    } else if (is_el(c, "about") || is_el(c, "meta")) {
      if (phase > HEAD)
        err_el(L, c, NULL, "E-order", "<%s> must come before the variables and nodes", name_of(c));
      if (is_el(c, "about")) {
        check_attrs(L, c, none);
        st->about = plain_text(L, c);
      } else {
        compile_meta(L, c);
      }
    } else if (is_el(c, "var")) {
      if (phase == BODY) {
        walk_group_child(L, c, "story", chain, 1);
        continue;
      }
      if (phase == HEARS)
        err_el(L, c, NULL, "E-order", "<var name=\"%s\"> must come before the <hear> elements",
               attr(c, "name") ? attr(c, "name") : "");
      else
        phase = VARS;
      compile_var(L, c);
    } else if (is_el(c, "hear")) {
      if (phase == BODY) {
        walk_group_child(L, c, "story", chain, 1);
        continue;
      }
      phase = HEARS;
      *VEC_PUSH(L->hear_el, L->nhear_el, L->hear_el_cap) = c;
    } else if (is_el(c, "node") || is_el(c, "ending") || is_el(c, "nodes") || is_xinclude(c)) {
      phase = BODY;
      walk_group_child(L, c, "story", chain, 1);
    } else {
      unknown_element(L, c, "story", expected);
    }
  }
  if (!st->title) st->title = "";
}

/* ---- pass 2: node content ----------------------------------------------------- */

static int32_t var_ref(loader *L, xt_node *el, const char *attrname, const char *v) {
  if (!v) return -1;
  id_entry *e = id_find(&L->vars, v, strlen(v));
  if (!e) {
    if (is_broken_var(L, v, strlen(v))) return -1; /* its declaration's error says it */
    const char *best = var_like(L, v, strlen(v));
    char hint[80] = "";
    if (best)
      snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
    else if (id_find(&L->ids, v, strlen(v)))
      snprintf(hint, sizeof hint, " (it is a node, ending or choice id)");
    else
      snprintf(hint, sizeof hint, ": declare it with <var name=\"%.30s\" .../>", v);
    err_val(L, el, attrname, 0, "E-unknown-var", "%s=\"%.60s\": no variable has this name%s",
            attrname, v, hint);
    return -1;
  }
  return e->index;
}

/* An op of element el: its attributes checked against allowed, its place and
 * its condition. */
static op new_op(loader *L, xt_node *el, op_kind kind, const char *const *allowed) {
  check_attrs(L, el, allowed);
  op o = {0};
  o.kind = (uint8_t)kind;
  o.at = here(L, el);
  o.cond = cond_of(L, el);
  return o;
}

static void compile_set(loader *L, xt_node *el) {
  static const char *const allowed[] = {"var", "value", "if", NULL};
  mend_story *st = L->st;
  op o = new_op(L, el, OP_SET, allowed);
  o.var = var_ref(L, el, "var", req(L, el, "var"));
  const char *value = req(L, el, "value");
  if (o.var >= 0 && value) {
    char what[300];
    snprintf(what, sizeof what, "'%s'", st->vars[o.var].info.name);
    o.value = compile_expr(L, el, "value", st->vars[o.var].info.type, what, NULL);
  }
  if (has_content(el))
    err_el(L, el, NULL, "E-content", "<set> is empty: it takes var=\"...\" and value=\"...\" only");
  *VEC_PUSH(st->ops, st->nops, L->caps[C_OPS]) = o;
}

/* A scale whose ends lie outside its variable's min and max: an answer
 * there would be clamped, and the person's number changed without a word. */
static void scale_within(loader *L, xt_node *el, const op *o, const mend_var_info *vi) {
  bool low = vi->has_min && o->min < vi->min, high = vi->has_max && o->max > vi->max;
  if (!low && !high) return;
  char range[80];
  if (vi->has_min && vi->has_max)
    snprintf(range, sizeof range, "%lld..%lld", (long long)vi->min, (long long)vi->max);
  else if (vi->has_min)
    snprintf(range, sizeof range, "%lld or more", (long long)vi->min);
  else
    snprintf(range, sizeof range, "%lld or less", (long long)vi->max);
  err_val(L, el,
          high && attr(el, "max") ? "max"
          : attr(el, "min")       ? "min"
                                  : "max",
          0, "E-scale-range",
          "the scale goes from %lld to %lld, but '%s' is kept within %s: an answer of %lld would "
          "be kept as %lld; ask within the variable's range, or widen it",
          (long long)o->min, (long long)o->max, vi->name, range,
          high ? (long long)o->max : (long long)o->min,
          high ? (long long)vi->max : (long long)vi->min);
}

static void compile_ask(loader *L, xt_node *el) {
  static const char *const allowed[] = {"var", "kind", "min", "max", "journal", "if", NULL};
  mend_story *st = L->st;
  op o = new_op(L, el, OP_ASK, allowed);
  o.var = var_ref(L, el, "var", req(L, el, "var"));
  const char *kind = req(L, el, "kind");
  mend_type vt = o.var >= 0 ? st->vars[o.var].info.type : MEND_TEXT;
  if (!kind) {
    kind = "text";
    o.var = -1;
  } else if (!strcmp(kind, "text"))
    o.ask_kind = MEND_ASK_TEXT;
  else if (!strcmp(kind, "scale"))
    o.ask_kind = MEND_ASK_SCALE;
  else if (!strcmp(kind, "yesno"))
    o.ask_kind = MEND_ASK_YESNO;
  else {
    static const char *const kinds[] = {"text", "scale", "yesno", NULL};
    const char *best = closest(kind, kinds);
    if (!best &&
        (!strcasecmp(kind, "number") || !strcasecmp(kind, "int") || !strcasecmp(kind, "rating")))
      best = "scale";
    if (!best &&
        (!strcasecmp(kind, "bool") || !strcasecmp(kind, "boolean") || !strcasecmp(kind, "yes/no")))
      best = "yesno";
    char hint[60] = "";
    if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
    err_val(L, el, "kind", 0, "E-value",
            "kind=\"%.40s\" is not a kind of question%s: use text, scale or yesno", kind, hint);
    o.var = -1;
  }
  static const mend_type want[] = {MEND_TEXT, MEND_INT, MEND_BOOL};
  if (o.var >= 0 && vt != want[o.ask_kind]) {
    err_val(L, el, "var", 0, "E-type", "a %s question needs %s variable, but '%s' is %s", kind,
            want[o.ask_kind] == MEND_TEXT  ? "a text"
            : want[o.ask_kind] == MEND_INT ? "an int"
                                           : "a bool",
            st->vars[o.var].info.name, expr_type_name(vt));
    o.var = -1;
  }
  bool has_min = int_attr(L, el, "min", &o.min), has_max = int_attr(L, el, "max", &o.max);
  if ((attr(el, "min") || attr(el, "max")) && o.ask_kind != MEND_ASK_SCALE)
    err_el(L, el, attr(el, "min") ? "min" : "max", "E-attribute",
           "min and max apply only to scale questions");
  if (o.ask_kind == MEND_ASK_SCALE && o.var >= 0) {
    const mend_var_info *vi = &st->vars[o.var].info;
    if (!has_min && vi->has_min) o.min = vi->min, has_min = true;
    if (!has_max && vi->has_max) o.max = vi->max, has_max = true;
    if (!has_min || !has_max)
      err_el(L, el, NULL, "E-scale",
             "a scale question needs min and max, on the <ask> or on its variable '%s'", vi->name);
    else if (o.min > o.max)
      err_el(L, el, attr(el, "min") ? "min" : NULL, "E-range",
             "the scale's min (%lld) is greater than its max (%lld)", (long long)o.min,
             (long long)o.max);
    else
      scale_within(L, el, &o, vi);
  }
  o.journal = bool_attr(L, el, "journal", o.ask_kind == MEND_ASK_TEXT);
  if (attr(el, "journal") && o.ask_kind != MEND_ASK_TEXT)
    err_el(L, el, "journal", "E-attribute",
           "journal=\"%.10s\" applies only to text questions: a %s answer is kept as a check-in "
           "(of a measure), never in the journal; delete journal=",
           attr(el, "journal"), o.ask_kind == MEND_ASK_SCALE ? "scale" : "yes/no");
  if (o.ask_kind != MEND_ASK_TEXT) o.journal = false;
  static const char *const skip[] = {"example", NULL};
  bool empty;
  o.text = compile_text(L, el, skip, &empty);
  if (empty)
    err_el(L, el, NULL, "E-empty", "<ask> has no prompt: write the question inside the element");
  o.first = (uint32_t)st->nexamples;
  for (xt_node *c = el->children; c; c = c->next) {
    if (!is_el(c, "example")) continue;
    static const char *const none[] = {NULL};
    check_attrs(L, c, none);
    const char *ex = plain_text(L, c);
    if (!*ex)
      err_el(L, c, NULL, "E-empty", "<example> is empty");
    else if (o.ask_kind == MEND_ASK_SCALE && has_min && has_max) {
      int64_t v;
      mend_status s = mend_parse_scale(ex, o.min, o.max, &v);
      if (s != MEND_OK)
        err_el(L, c, NULL, "E-range",
               "example \"%.40s\" is not an answer to this scale: it takes a whole number "
               "from %lld to %lld",
               ex, (long long)o.min, (long long)o.max);
    } else if (o.ask_kind == MEND_ASK_YESNO) {
      bool b;
      if (mend_parse_yesno(ex, &b) != MEND_OK)
        err_el(L, c, NULL, "E-value",
               "example \"%.40s\" is not an answer to a yes/no question: use yes or no", ex);
    } else if (strlen(ex) > MEND_MAX_ANSWER) {
      err_el(L, c, NULL, "E-limit", "example is longer than an answer may be (%d bytes)",
             MEND_MAX_ANSWER);
    }
    *VEC_PUSH(st->examples, st->nexamples, L->caps[C_EXAMPLES]) = ex;
  }
  o.count = (uint32_t)st->nexamples - o.first;
  *VEC_PUSH(st->ops, st->nops, L->caps[C_OPS]) = o;
}

#define RULE_GAP 2 /* other words a rubric phrase lets stand between two of its words */
#define MAX_RULE_GAP 8

/* The story's phrase set for rubrics: made at the first phrase, with the words
 * of the story's language when the caller gives them. */
static ph_set *rubric(loader *L, xt_node *el) {
  mend_story *st = L->st;
  if (st->rubric) return st->rubric;
  const mend_lexicon *words =
      L->opts && L->opts->words ? L->opts->words(L->opts->words_ud, st->lang) : NULL;
  st->rubric = words ? lexicon_words(words) : ph_new();
  L->words = words;
  if (words) {
    st->rubric_scope = lexicon_scope(words);
    st->rubric_language = strn(L, mend_lexicon_name(words));
    const char *nothing = lexicon_nothing_sample(words);
    st->nothing_sample = nothing ? strn(L, nothing) : NULL;
  } else {
    st->rubric_scope = 5;
    st->rubric_language = st->lang;
    st->rubric_bare = true;
    char msg[300];
    snprintf(msg, sizeof msg,
             "no words for the language '%.40s' (stories/lang/%.40s.words): rubric phrases match "
             "words only as written, without other forms, variants or negation",
             st->lang, st->lang);
    xml_pos at = xml_pos_of(&L->x, L->file, el);
    if (L->x.diags)
      mend_diags_add(L->x.diags, MEND_WARNING, L->x.files[L->file].name, at.line, at.col,
                     "W-no-words", msg);
  }
  return st->rubric;
}

/* A rule's <say> or <unless>: a phrase of the story's rubric set. */
static bool rule_phrase(loader *L, xt_node *c, uint32_t rule_index, unsigned gap, bool unless,
                        const char **first) {
  const char *text = plain_text(L, c);
  if (!*text) {
    err_el(L, c, NULL, "E-empty", "<%s> is empty: write the words to look for inside it",
           name_of(c));
    return false;
  }
  char e[256];
  uint32_t tag = NX_TAG(unless ? NX_UNLESS : NX_TARGET, rule_index);
  if (ph_add_gapped(rubric(L, c), text, tag, gap, e, sizeof e) < 0) {
    err_el(L, c, NULL, "E-phrase", "<%s>%.80s</%s>: %s", name_of(c), text, name_of(c), e);
    return false;
  }
  if (!unless && !*first) *first = text;
  return true;
}

static void compile_check(loader *L, xt_node *el) {
  static const char *const allowed[] = {"var", "score", "if", NULL};
  mend_story *st = L->st;
  op o = new_op(L, el, OP_CHECK, allowed);
  o.var = var_ref(L, el, "var", req(L, el, "var"));
  if (o.var >= 0 && st->vars[o.var].info.type != MEND_TEXT)
    err_val(L, el, "var", 0, "E-type",
            "<check var=\"%s\">: a check reads a text variable, but '%s' is %s",
            st->vars[o.var].info.name, st->vars[o.var].info.name,
            expr_type_name(st->vars[o.var].info.type));
  o.value = -1;
  const char *score = attr(el, "score");
  if (score) {
    o.value = var_ref(L, el, "score", score);
    if (o.value >= 0 && st->vars[o.value].info.type != MEND_INT)
      err_val(L, el, "score", 0, "E-type",
              "score=\"%s\": the score goes into an int variable, but '%s' is %s", score, score,
              expr_type_name(st->vars[o.value].info.type));
  }
  o.first = (uint32_t)st->nrules;
  static const char *const kids[] = {"rule", NULL};
  size_t nrule_elements = 0;
  for (xt_node *c = el->children; c; c = c->next) {
    if (c->type == XT_TEXT && !blank(c)) unexpected_text(L, el, c);
    if (c->type != XT_ELEMENT) continue;
    if (!is_el(c, "rule")) {
      unknown_element(L, c, "check", kids);
      continue;
    }
    static const char *const rattrs[] = {"label", "pattern", "absent", "weight",
                                         "gap",   "watch",   NULL};
    check_attrs(L, c, rattrs);
    nrule_elements++;
    rule r = {0};
    r.at = here(L, c);
    uint32_t index = (uint32_t)st->nrules;
    const char *label = req(L, c, "label");
    r.label = label ? strn(L, label) : "";
    if (label && !*label)
      err_el(L, c, "label", "E-empty", "label=\"\" is empty: a rule needs a label");
    r.absent = bool_attr(L, c, "absent", false);
    const char *watch = attr(c, "watch");
    if (watch && !r.absent)
      err_el(L, c, "watch", "E-attribute",
             "watch=\"%.60s\" names what a rule looks for to avoid: it goes with "
             "absent=\"true\"",
             watch);
    else if (watch && !*watch)
      err_el(L, c, "watch", "E-empty",
             "watch=\"\" is empty: name what the rule looks for in a few words");
    else if (watch)
      r.watch = strn(L, watch);
    r.weight = 1;
    if (attr(c, "weight") && int_attr(L, c, "weight", &r.weight) &&
        (r.weight > MAX_WEIGHT || r.weight < -MAX_WEIGHT))
      err_val(L, c, "weight", 0, "E-range", "weight=\"%lld\" is out of range (-%d..%d)",
              (long long)r.weight, MAX_WEIGHT, MAX_WEIGHT);
    int64_t gap = RULE_GAP;
    if (attr(c, "gap") && int_attr(L, c, "gap", &gap) && (gap < 0 || gap > MAX_RULE_GAP)) {
      err_val(L, c, "gap", 0, "E-range",
              "gap=\"%lld\" must be from 0 to %d (the words that may stand between two "
              "words of a phrase)",
              (long long)gap, MAX_RULE_GAP);
      gap = RULE_GAP;
    }
    const char *pattern = attr(c, "pattern");
    bool ok = true;
    if (pattern) {
      pattern_error e;
      if (!*pattern) {
        err_el(L, c, "pattern", "E-empty", "pattern=\"\" is empty");
        ok = false;
      } else if (model_regex_compile_at(&r.re, pattern, &e) != 0) {
        err_val(L, c, "pattern", e.off, e.code, "pattern=\"%.80s\": %s", pattern, e.msg);
        ok = false;
      } else {
        r.has_re = true;
        pattern_src *ps = VEC_PUSH(st->patterns, st->npatterns, L->caps[C_PATTERNS]);
        ps->src = strn(L, pattern);
        ps->at = r.at;
        if (model_regex_quote(&r.quote_re, pattern) != 0) { /* (compiles when the above did) */
          regfree(&r.re);
          r.has_re = ok = false;
          err_el(L, c, "pattern", "E-pattern", "pattern=\"%.80s\" is not a valid pattern", pattern);
        }
      }
    }
    bool seen_met = false, seen_unmet = false;
    r.met.first = r.unmet.first = (uint32_t)st->npieces;
    r.first_test = (uint32_t)st->nrule_tests;
    size_t nsay = 0;
    const char *first_say = NULL;
    for (xt_node *m = c->children; m; m = m->next) {
      if (m->type == XT_TEXT && !blank(m)) unexpected_text(L, c, m);
      if (m->type != XT_ELEMENT) continue;
      static const char *const mk[] = {"say", "unless", "met", "unmet", "test", NULL};
      static const char *const none[] = {NULL};
      static const char *const meets[] = {"meets", NULL};
      if (is_el(m, "say") || is_el(m, "unless")) {
        check_attrs(L, m, none);
        bool say = is_el(m, "say");
        if (!rule_phrase(L, m, index, (unsigned)gap, !say, &first_say))
          ok = false;
        else if (say)
          nsay++;
        continue;
      }
      if (is_el(m, "test")) {
        check_attrs(L, m, meets);
        const char *v = req(L, m, "meets");
        const char *answer = plain_text(L, m);
        if (v && strcmp(v, "yes") && strcmp(v, "no"))
          err_val(L, m, "meets", 0, "E-value",
                  "meets=\"%.20s\": a test answer meets the rule (yes) or not (no)", v);
        else if (!*answer)
          err_el(L, m, NULL, "E-empty", "<test> is empty: write an answer the rule must read");
        else if (strlen(answer) > MEND_MAX_ANSWER)
          err_el(L, m, NULL, "E-limit", "<test> is longer than an answer may be (%d bytes)",
                 MEND_MAX_ANSWER);
        else if (v) {
          rule_test *t = VEC_PUSH(st->rule_tests, st->nrule_tests, L->caps[C_TESTS]);
          t->answer = answer;
          t->meets = !strcmp(v, "yes");
          t->rule = index;
          t->at = here(L, m);
        }
        continue;
      }
      bool met = is_el(m, "met");
      if (!met && !is_el(m, "unmet")) {
        unknown_element(L, m, "rule", mk);
        continue;
      }
      check_attrs(L, m, none);
      bool *seen = met ? &seen_met : &seen_unmet;
      if (*seen) err_el(L, m, NULL, "E-twice", "<rule> has more than one <%s>", name_of(m));
      *seen = true;
      if (met && r.absent)
        err_el(L, m, NULL, "E-absent-met",
               "<met> in an absent=\"true\" rule would never be shown: a rule that looks "
               "for something to avoid says nothing when it finds nothing (a note there would "
               "praise what the person did not write); keep its <unmet>");
      tpl t = compile_text(L, m, NULL, NULL);
      if (met)
        r.met = t;
      else
        r.unmet = t;
    }
    r.has_say = nsay > 0;
    if (first_say) {
      char *sample = ph_sample(st->rubric, first_say);
      r.sample = strn(L, sample);
      mem_free(sample);
    }
    r.ntests = (uint32_t)st->nrule_tests - r.first_test;
    if (ok && !pattern && !nsay)
      err_el(L, c, NULL, "E-missing",
             "<rule label=\"%.60s\"> looks for nothing: give it one or more <say> phrases "
             "(or a pattern)",
             r.label);
    bool compiled = ok && (r.has_re || r.has_say);
    if (compiled) {
      *VEC_PUSH(st->rules, st->nrules, L->caps[C_RULES]) = r;
    } else if (r.has_re) { /* (a phrase after the pattern failed: the story has errors) */
      regfree(&r.re);
      regfree(&r.quote_re);
    }
  }
  o.count = (uint32_t)st->nrules - o.first;
  if (nrule_elements == 0) err_el(L, el, NULL, "E-missing", "<check> needs at least one <rule>");
  *VEC_PUSH(st->ops, st->nops, L->caps[C_OPS]) = o;
}

/* <support/>: time to offer support (the screen of the safety layer). */
static void compile_support(loader *L, xt_node *el) {
  static const char *const allowed[] = {"for", "if", NULL};
  op o = new_op(L, el, OP_SUPPORT, allowed);
  o.ask_kind = MEND_SAFETY_CRISIS;
  const char *f = attr(el, "for");
  if (f && !strcmp(f, "abuse"))
    o.ask_kind = MEND_SAFETY_ABUSE;
  else if (f && strcmp(f, "crisis"))
    err_val(L, el, "for", 0, "E-value",
            "for=\"%.60s\" is not a kind of support: use crisis (the default) or abuse", f);
  if (has_content(el))
    err_el(L, el, NULL, "E-content",
           "<support> is empty: it takes for=\"crisis\" or for=\"abuse\" (and if=\"...\") only; "
           "the words the person sees come with mend");
  *VEC_PUSH(L->st->ops, L->st->nops, L->caps[C_OPS]) = o;
}

/* <contact/>: the person reached out to their ex (a player that keeps their
 * data records the day, for the count of days without contact). */
static void compile_contact(loader *L, xt_node *el) {
  static const char *const allowed[] = {"if", NULL};
  op o = new_op(L, el, OP_CONTACT, allowed);
  if (has_content(el))
    err_el(L, el, NULL, "E-content",
           "<contact> is empty: it takes if=\"...\" only; mend says what it records");
  *VEC_PUSH(L->st->ops, L->st->nops, L->caps[C_OPS]) = o;
}

/* <title if="...">: an ending's title when its condition holds once the
 * ending is over (after its questions): "A hard night" where despair was
 * typed at its last check-in. Plain text, one piece. */
static void compile_title(loader *L, xt_node *el, const node *n) {
  static const char *const allowed[] = {"if", NULL};
  mend_story *st = L->st;
  op o = new_op(L, el, OP_TITLE, allowed);
  if (!attr(el, "if"))
    err_el(L, el, NULL, "E-missing",
           "<title> in ending '%s' needs if=\"...\": without a condition, write the title in "
           "the ending's title=\"...\"",
           n->id);
  const char *t = plain_text(L, el);
  if (!*t) err_el(L, el, NULL, "E-empty", "<title> is empty: an ending's title needs words");
  o.text.first = (uint32_t)st->npieces;
  o.text.count = 1;
  text_piece *p = VEC_PUSH(st->pieces, st->npieces, L->caps[C_PIECES]);
  memset(p, 0, sizeof *p);
  p->s = t;
  p->n = (uint32_t)strlen(t);
  *VEC_PUSH(st->ops, st->nops, L->caps[C_OPS]) = o;
}

static void compile_choice(loader *L, xt_node *el, choice *ch) {
  static const char *const allowed[] = {"to", "id", "if", "once", NULL};
  check_attrs(L, el, allowed);
  mend_story *st = L->st;
  ch->cond = cond_of(L, el);
  ch->to = target(L, el, req(L, el, "to"));
  ch->once = bool_attr(L, el, "once", false);
  static const char *const skip[] = {"feedback", "set", "support", "contact", NULL};
  bool empty;
  ch->label = compile_text(L, el, skip, &empty);
  if (empty)
    err_el(L, el, NULL, "E-empty",
           "<choice> has no label: write the choice's text inside the element");
  ch->first_set = (uint32_t)st->nops;
  ch->first_fb = (uint32_t)st->nfbs;
  /* sets and supports first, in their order (their ops must be contiguous), then feedbacks */
  for (xt_node *c = el->children; c; c = c->next)
    if (is_el(c, "set"))
      compile_set(L, c);
    else if (is_el(c, "support"))
      compile_support(L, c);
    else if (is_el(c, "contact"))
      compile_contact(L, c);
  ch->nsets = (uint32_t)st->nops - ch->first_set;
  for (xt_node *c = el->children; c; c = c->next) {
    if (!is_el(c, "feedback")) continue;
    static const char *const fattrs[] = {"tone", "if", NULL};
    check_attrs(L, c, fattrs);
    feedback f = {0};
    f.at = here(L, c);
    f.cond = cond_of(L, c);
    f.tone = tone_attr(L, c);
    bool fe;
    f.text = compile_text(L, c, NULL, &fe);
    if (fe) err_el(L, c, NULL, "E-empty", "<feedback> is empty");
    *VEC_PUSH(st->fbs, st->nfbs, L->caps[C_FBS]) = f;
  }
  ch->nfb = (uint32_t)st->nfbs - ch->first_fb;
}

static void compile_exit(loader *L, xt_node *el, bool in_random) {
  static const char *const gattrs[] = {"to", "if", NULL};
  static const char *const rattrs[] = {"to", "if", "weight", NULL};
  check_attrs(L, el, in_random ? rattrs : gattrs);
  mend_story *st = L->st;
  exit_ e = {0};
  e.at = here(L, el);
  e.cond = cond_of(L, el);
  e.to = target(L, el, req(L, el, "to"));
  e.weight = 1;
  if (in_random && attr(el, "weight") && int_attr(L, el, "weight", &e.weight) &&
      (e.weight <= 0 || e.weight > MAX_WEIGHT))
    err_val(L, el, "weight", 0, "E-range", "weight=\"%lld\" must be from 1 to %d",
            (long long)e.weight, MAX_WEIGHT);
  if (has_content(el))
    err_el(L, el, NULL, "E-content", "<goto> is empty: it takes to=\"...\" (and if=\"...\") only");
  *VEC_PUSH(st->exits, st->nexits, L->caps[C_EXITS]) = e;
}

static bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether an expression as written calls told() or just_told(). */
static bool asks_told(const char *src) {
  for (const char *p = strstr(src, "told"); p; p = strstr(p + 1, "told")) {
    const char *q = p + 4;
    while (*q == ' ' || *q == '\t')
      q++;
    const char *w = p - src >= 5 && !strncmp(p - 5, "just_", 5) ? p - 5 : p; /* (just_told) */
    if (*q == '(' && (w == src || !ident_char(w[-1]))) return true;
  }
  return false;
}

static void reads_of_xref(const mend_story *st, int32_t xr, uint64_t *vars, uint64_t *told,
                          uint64_t *just, int32_t *stack);

/* A story's <hear>: its condition must ask what a line told (told() or
 * just_told()), for it is read only when one is; it says something, goes
 * somewhere, or both. */
static void compile_hear(loader *L, xt_node *el) {
  static const char *const allowed[] = {"if", "to", "also", NULL};
  check_attrs(L, el, allowed);
  mend_story *st = L->st;
  hear h = {0};
  h.at = here(L, el);
  h.to = -1;
  const char *c = req(L, el, "if");
  h.cond = c ? cond_of(L, el) : -1;
  if (attr(el, "to")) h.to = target(L, el, attr(el, "to"));
  /* also="true": its words said after another's, for what else the line
   * told ("i miss him and i havent left my room in days") */
  h.also = bool_attr(L, el, "also", false);
  if (h.also && attr(el, "to"))
    err_val(L, el, "also", 0, "E-value",
            "also=\"true\" is for a <hear> with words only, said beside another: one with "
            "to=\"...\" leads the story on, and two cannot both lead");
  bool empty;
  static const char *const again_el[] = {"again", NULL};
  h.text = compile_text(L, el, again_el, &empty);
  /* <again>: what it says to the same kind of line once more ("he died
   * last month" typed at a second decision) */
  xt_node *again = NULL;
  for (xt_node *k = el->children; k; k = k->next) {
    if (k->type != XT_ELEMENT || !is_el(k, "again")) continue;
    static const char *const none[] = {NULL};
    check_attrs(L, k, none);
    if (again) {
      err_el(L, k, NULL, "E-element", "a <hear> has one <again>: this is a second");
      continue;
    }
    again = k;
    bool none_said;
    h.again = compile_text(L, k, NULL, &none_said);
    if (none_said)
      err_el(L, k, NULL, "E-empty",
             "<again> says nothing: write what the story says when such a line is told once "
             "more, or leave <again> out (its words are said again)");
    else if (empty)
      err_el(L, k, NULL, "E-empty",
             "<again> in a <hear> that says nothing the first time: write its words first, "
             "then <again>");
  }
  if (empty && !attr(el, "to"))
    err_el(L, el, NULL, "E-empty",
           "<hear> says nothing and leads nowhere: write what the story says to such a line "
           "inside it, or give it to=\"...\" (or both)");
  /* (read as written: a told('NAME') of a list asks nothing when the words
   * of the language are missing, which has its own warning, W-no-words) */
  if (h.cond >= 0 && !asks_told(c))
    err_val(L, el, "if", 0, "E-value",
            "if=\"%.60s\" asks no told() or just_told(): a <hear> is read when a line is told "
            "where a choice, a number or a yes/no waits, so its condition must ask what the "
            "line told (just_told('together'), told(dig)...)",
            c);
  *VEC_PUSH(st->hears, st->nhears, L->caps[C_HEARS]) = h;
}

/* once="true" on a text: shown only on the node's first visit, as if its
 * condition were "visits(node) == 1" (and its own, when it has one). */
static int32_t once_cond(loader *L, xt_node *el, int32_t cond, const node *n) {
  if (!valid_ident(n->id)) return cond; /* (reported: no visits() can name it) */
  mend_story *st = L->st;
  char src[MAX_ID_LEN + 20];
  snprintf(src, sizeof src, "visits(%s) == 1", n->id);
  expr_scope sc = {L,           scope_var, scope_target, scope_choice, scope_kind,
                   scope_regex, NULL,      NULL,         NULL};
  expr_error e;
  mend_type type;
  int32_t root = expr_compile(&st->expr, src, &sc, &type, &e);
  if (root < 0) return cond;
  if (cond >= 0) {
    xref *x = &st->xrefs[cond];
    x->root = expr_and(&st->expr, x->root, root);
    mem_buf b = {0};
    mem_buf_printf(&b, "%s (once)", x->src);
    x->src = strn(L, b.data);
    mem_buf_free(&b);
    return cond;
  }
  xref *x = VEC_PUSH(st->xrefs, st->nxrefs, L->caps[C_XREFS]);
  x->root = root;
  x->src = strn(L, "once");
  x->at = here(L, el);
  return (int32_t)st->nxrefs - 1;
}

static void compile_node(loader *L, int32_t idx) {
  mend_story *st = L->st;
  xt_node *el = L->node_el[idx];
  L->file = L->node_file[idx];
  L->cur_node = idx;
  node *n = &st->nodes[idx];
  const char *what = n->ending ? "ending" : "node";
  enum { CONTENT, CHOICES, GOTOS, RANDOM } phase = CONTENT;
  static const char *const node_kids[] = {"text",    "set",    "ask",  "check",  "support",
                                          "contact", "choice", "goto", "random", NULL};
  static const char *const ending_kids[] = {"text",    "set",     "ask",   "check",
                                            "support", "contact", "title", NULL};
  n->first_op = (uint32_t)st->nops;
  uint32_t nops = 0, ci = 0;
  /* checkins="...": whether the summary shows the check-ins, a condition read
   * when the ending is over ("false", or "not died") */
  const char *checkins = n->ending ? attr(el, "checkins") : NULL;
  if (checkins && strcmp(checkins, "true")) {
    op o = {0};
    o.kind = OP_CHECKINS;
    o.at = here(L, el);
    o.cond = -1; /* "false": never shown (a constant, not a condition never true) */
    if (strcmp(checkins, "false"))
      o.cond = compile_expr(L, el, "checkins", MEND_BOOL, "checkins=", NULL);
    *VEC_PUSH(st->ops, st->nops, L->caps[C_OPS]) = o;
    nops++;
  }
  n->first_goto = (uint32_t)st->nexits;
  bool had_random = false, had_unknown = false;
  for (xt_node *c = el->children; c; c = c->next) {
    if (c->type == XT_TEXT && !blank(c)) unexpected_text(L, el, c);
    if (c->type != XT_ELEMENT) continue;
    bool content = is_el(c, "text") || is_el(c, "set") || is_el(c, "ask") || is_el(c, "check") ||
                   is_el(c, "support") || is_el(c, "contact") || (n->ending && is_el(c, "title"));
    if (content) {
      if (phase != CONTENT)
        err_el(L, c, NULL, "E-order",
               "<%s> cannot come after the choices, gotos or random of a node: content "
               "(text, set, ask, check, support, contact) comes first",
               name_of(c));
      if (is_el(c, "text")) {
        static const char *const tattrs[] = {"if", "once", NULL};
        op o = new_op(L, c, OP_TEXT, tattrs);
        if (bool_attr(L, c, "once", false)) o.cond = once_cond(L, c, o.cond, n);
        bool empty;
        o.text = compile_text(L, c, NULL, &empty);
        if (empty) err_el(L, c, NULL, "E-empty", "<text> is empty");
        *VEC_PUSH(st->ops, st->nops, L->caps[C_OPS]) = o;
      } else if (is_el(c, "set")) {
        compile_set(L, c);
      } else if (is_el(c, "ask")) {
        compile_ask(L, c);
      } else if (is_el(c, "support")) {
        compile_support(L, c);
      } else if (is_el(c, "contact")) {
        compile_contact(L, c);
      } else if (is_el(c, "title")) {
        compile_title(L, c, n);
      } else {
        compile_check(L, c);
      }
      nops++;
      continue;
    }
    bool exit = is_el(c, "choice") || is_el(c, "goto") || is_el(c, "random");
    if (exit && n->ending) {
      err_el(L, c, NULL, "E-order",
             "an ending cannot have <%s>: the session stops at an ending (make '%s' a "
             "<node> to go on)",
             name_of(c), n->id);
      continue;
    }
    if (is_el(c, "choice")) {
      if (phase > CHOICES)
        err_el(L, c, NULL, "E-order",
               "<choice> cannot come after <goto> or <random>: choices come first");
      phase = CHOICES;
      if (ci < n->nchoices) compile_choice(L, c, &st->choices[n->first_choice + ci++]);
    } else if (is_el(c, "goto")) {
      if (phase > GOTOS) err_el(L, c, NULL, "E-order", "<goto> cannot come after <random>");
      phase = GOTOS;
      compile_exit(L, c, false);
      n->ngotos++;
    } else if (is_el(c, "random")) {
      if (had_random) err_el(L, c, NULL, "E-twice", "a node can have only one <random>");
      had_random = true;
      phase = RANDOM;
      static const char *const none[] = {NULL};
      static const char *const rk[] = {"goto", NULL};
      check_attrs(L, c, none);
      n->first_random = (uint32_t)st->nexits;
      for (xt_node *g = c->children; g; g = g->next) {
        if (g->type == XT_TEXT && !blank(g)) unexpected_text(L, c, g);
        if (g->type != XT_ELEMENT) continue;
        if (!is_el(g, "goto")) {
          unknown_element(L, g, "random", rk);
          continue;
        }
        compile_exit(L, g, true);
        n->nrandom++;
      }
      if (n->nrandom == 0) err_el(L, c, NULL, "E-missing", "<random> needs at least one <goto>");
    } else {
      unknown_element(L, c, what, n->ending ? ending_kids : node_kids);
      had_unknown = true; /* perhaps a misspelt way out: say only that */
    }
  }
  n->nops = nops;
  if (!n->ending && n->nchoices == 0 && n->ngotos == 0 && n->nrandom == 0 && !had_unknown)
    err_el(L, el, NULL, "E-no-way-out",
           "node '%s' has no way out: add a <choice>, a <goto> or a <random> (or make "
           "it an <ending>)",
           n->id);
}

/* ---- the public entry points --------------------------------------------------- */

static void story_free_contents(mend_story *st) {
  for (size_t i = 0; i < st->nrules; i++)
    if (st->rules[i].has_re) {
      regfree(&st->rules[i].re);
      regfree(&st->rules[i].quote_re);
    }
  ph_free(st->rubric);
  ph_free(st->choice_base);
  mem_free(st->rule_tests);
  mem_free(st->samples);
  mem_free(st->var_samples);
  mem_free(st->sign_samples);
  mem_free(st->var_sign_samples);
  mem_free(st->patterns);
  for (size_t i = 0; i < st->nregexes; i++)
    regfree(&st->regexes[i]);
  mem_free(st->vars);
  mem_free(st->nodes);
  mem_free(st->ops);
  mem_free(st->choices);
  mem_free(st->fbs);
  mem_free(st->exits);
  mem_free(st->hears);
  mem_free(st->rules);
  mem_free(st->examples);
  mem_free(st->xrefs);
  mem_free(st->regexes);
  mem_free(st->pieces);
  mem_free(st->files);
  mem_free(st->visits_read);
  mem_free(st->chosen_read);
  mem_free(st->var_read);
  mem_free(st->var_future);
  mem_free(st->live_vars);
  mem_free(st->live_told);
  mem_free(st->live_just);
  mem_free(st->offer_just);
  mem_free(st->op_just);
  mem_free(st->tail_just);
  mem_free(st->choice_just);
  mem_free(st->op_told);
  mem_free(st->tail_told);
  mem_free(st->hard_told);
  mem_free(st->op_hard);
  mem_free(st->hard_tail);
  mem_free(st->soft_told);
  mem_free(st->op_soft);
  mem_free(st->soft_tail);
  mem_free(st->soft_entry);
  mem_free(st->choice_soft);
  mem_free(st->hashed_nodes);
  mem_free(st->hashed_choices);
  expr_pool_free(&st->expr);
  mem_arena_free(st->arena);
}

void mend_story_free(mend_story *st) {
  if (!st) return;
  story_free_contents(st);
  mem_free(st);
}

/* ---- what the rest of a session can still read (the explorer's state hash) --------- */

/* The variables and the told() flags an expression reads, added to *vars
 * (a bitset) and *told, *just. */
static void reads_of(const mend_story *st, int32_t root, uint64_t *vars, uint64_t *told,
                     uint64_t *just, int32_t *stack) {
  size_t n = 0;
  if (root >= 0) stack[n++] = root;
  while (n) {
    const expr_node *x = &st->expr.n[stack[--n]];
    if (x->op == X_VAR || x->op == X_TVAR) vars[x->v / 64] |= (uint64_t)1 << (x->v % 64);
    if (x->op == X_TOLD) {
      uint64_t v = (uint64_t)x->v;
      if (v & EXPR_TOLD_JUST)
        *just |= v & ~EXPR_TOLD_JUST;
      else
        *told |= v;
    }
    if (x->a >= 0) stack[n++] = x->a;
    if (x->b >= 0) stack[n++] = x->b;
  }
}

static void reads_of_xref(const mend_story *st, int32_t xr, uint64_t *vars, uint64_t *told,
                          uint64_t *just, int32_t *stack) {
  if (xr >= 0) reads_of(st, st->xrefs[xr].root, vars, told, just, stack);
}

/* Whether an expression computes something that can fail when it runs
 * (an overflow, a division by zero). */
static bool may_fail(const mend_story *st, int32_t root, int32_t *stack) {
  size_t n = 0;
  if (root >= 0) stack[n++] = root;
  while (n) {
    const expr_node *x = &st->expr.n[stack[--n]];
    switch ((expr_op)x->op) {
    case X_ADD:
    case X_SUB:
    case X_MUL:
    case X_DIV:
    case X_MOD:
    case X_NEG: return true;
    default: break;
    }
    if (x->a >= 0) stack[n++] = x->a;
    if (x->b >= 0) stack[n++] = x->b;
  }
  return false;
}

/* A text's {name}s count as read: the explorer checks what is shown. */
static void reads_of_text(const mend_story *st, tpl t, uint64_t *vars) {
  for (uint32_t i = t.first; i < t.first + t.count; i++)
    if (!st->pieces[i].s) vars[st->pieces[i].var / 64] |= (uint64_t)1 << (st->pieces[i].var % 64);
}

/* Whether an op only shows something (a paragraph, an ending's title, a
 * support pointer, a contact, whether the check-ins are shown): what its
 * condition reads changes what a person sees, never the way on. */
static bool op_shows(const op *o) {
  return o->kind == OP_TEXT || o->kind == OP_TITLE || o->kind == OP_SUPPORT ||
         o->kind == OP_CONTACT || o->kind == OP_CHECKINS;
}

/* (soft: where the told() flags of an op that only shows go; NULL: to told) */
static void reads_of_ops(const mend_story *st, uint32_t first, uint32_t count, uint64_t *vars,
                         uint64_t *told, uint64_t *soft, uint64_t *just, int32_t *stack) {
  for (uint32_t i = first; i < first + count; i++) {
    const op *o = &st->ops[i];
    reads_of_xref(st, o->cond, vars, soft && op_shows(o) ? soft : told, just, stack);
    if (o->kind == OP_SET) reads_of_xref(st, o->value, vars, told, just, stack);
    if (o->kind == OP_CHECK) vars[o->var / 64] |= (uint64_t)1 << (o->var % 64);
    if (o->kind == OP_TEXT || o->kind == OP_ASK || o->kind == OP_TITLE)
      reads_of_text(st, o->text, vars);
  }
}

/* Whether a node always asks a question (a decision before its exits). */
static bool node_always_asks(const mend_story *st, const node *n) {
  for (uint32_t i = 0; i < n->nops; i++)
    if (st->ops[n->first_op + i].kind == OP_ASK && st->ops[n->first_op + i].cond < 0) return true;
  return false;
}

/* A node's e-th exit: its gotos, then its random branches. */
static uint32_t exit_of(const node *n, uint32_t e) {
  return e < n->ngotos ? n->first_goto + e : n->first_random + e - n->ngotos;
}

/* Per node, what any node reachable from it reads (a backward fixpoint over
 * choices, gotos and random branches): a variable nothing ahead reads, or a
 * told() flag nothing ahead asks about, cannot change the rest of a session,
 * so states that differ only there are one state to the explorer. Left NULL
 * (everything counts) for a story too big for the table, and until an
 * explorer asks (the work is not every load's). */
void mend_story_prepare_exploration(mend_story *st) {
  size_t w = st ? st->nvars / 64 + 1 : 1;
  if (!st || st->live_vars || !st->nnodes || st->nnodes > ((size_t)1 << 22) / w) return;
  uint64_t *vars = mem_alloc(sizeof(uint64_t) * st->nnodes * w);
  uint64_t *told = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *just = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *offer_just = mem_alloc(sizeof(uint64_t) * st->nnodes);
  /* the told() flags read where they decide the way on (hard: a <set>, a
   * question asked or not, a check, a choice offered, an exit), and where
   * they only choose what is shown (soft: a paragraph, a feedback, a title,
   * a support pointer): per node, its own, then all a node reachable from
   * it reads of the hard ones (hard_told); the soft ones count only up to
   * the decision before them (soft_told, soft_entry, soft_tail below) */
  uint64_t *hard = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *soft = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *soft_fb = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *choice_soft = mem_alloc(sizeof(uint64_t) * (st->nchoices + 1));
  int32_t *stack = mem_alloc(sizeof(int32_t) * (st->expr.len + 1));
  memset(vars, 0, sizeof(uint64_t) * st->nnodes * w);
  for (size_t k = 0; k < st->nnodes; k++) {
    const node *n = &st->nodes[k];
    uint64_t *v = vars + k * w;
    uint64_t unused = 0;
    hard[k] = soft[k] = soft_fb[k] = just[k] = offer_just[k] = 0;
    reads_of_ops(st, n->first_op, n->nops, v, &hard[k], &soft[k], &just[k], stack);
    for (uint32_t i = n->first_choice; i < n->first_choice + n->nchoices; i++) {
      const choice *c = &st->choices[i];
      reads_of_xref(st, c->cond, v, &hard[k], &just[k], stack);
      reads_of_xref(st, c->cond, v, &unused, &offer_just[k], stack);
      reads_of_text(st, c->label, v);
      reads_of_ops(st, c->first_set, c->nsets, v, &hard[k], NULL, &just[k], stack);
      choice_soft[i] = 0;
      for (uint32_t f = c->first_fb; f < c->first_fb + c->nfb; f++) {
        reads_of_xref(st, st->fbs[f].cond, v, &choice_soft[i], &just[k], stack);
        reads_of_text(st, st->fbs[f].text, v);
      }
      soft_fb[k] |= choice_soft[i];
    }
    for (uint32_t e = 0; e < n->ngotos + n->nrandom; e++)
      reads_of_xref(st, st->exits[exit_of(n, e)].cond, v, &hard[k], &just[k], stack);
    told[k] = hard[k] | soft[k] | soft_fb[k];
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = st->nnodes; k-- > 0;) {
      const node *n = &st->nodes[k];
      uint64_t *v = vars + k * w;
      for (uint32_t e = 0; e < n->nchoices + n->ngotos + n->nrandom; e++) {
        int32_t to = e < n->nchoices ? st->choices[n->first_choice + e].to
                                     : st->exits[exit_of(n, e - n->nchoices)].to;
        if (to < 0 || (size_t)to == k) continue;
        const uint64_t *u = vars + (size_t)to * w;
        for (size_t i = 0; i < w; i++)
          if (u[i] & ~v[i]) v[i] |= u[i], changed = true;
        if (told[to] & ~told[k]) told[k] |= told[to], changed = true;
        if (hard[to] & ~hard[k]) hard[k] |= hard[to], changed = true;
        if (just[to] & ~just[k]) just[k] |= just[to], changed = true;
      }
    }
  }
  /* what a paragraph, a title, a pointer shown before the next decision
   * reads: from a node on, through its exits when it asks nothing and offers
   * no choice (soft_entry) */
  uint64_t *soft_entry = mem_alloc(sizeof(uint64_t) * st->nnodes);
  for (size_t k = 0; k < st->nnodes; k++)
    soft_entry[k] = soft[k];
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = st->nnodes; k-- > 0;) {
      const node *n = &st->nodes[k];
      if (n->nchoices || node_always_asks(st, n)) continue;
      for (uint32_t e = 0; e < n->ngotos + n->nrandom; e++) {
        int32_t to = st->exits[exit_of(n, e)].to;
        if (to >= 0 && (soft_entry[to] & ~soft_entry[k]))
          soft_entry[k] |= soft_entry[to], changed = true;
      }
    }
  }
  /* a <hear> can be read at any decision, and lead to its node from any:
   * what it reads, and all its node's reads, count everywhere (its told()
   * flags: hear_told, added where they are asked for) */
  uint64_t *hv = mem_alloc(sizeof(uint64_t) * w);
  memset(hv, 0, sizeof(uint64_t) * w);
  uint64_t ht = 0, hj = 0, hk = 0; /* (hk: as hear_told, for the state hash) */
  for (size_t i = 0; i < st->nhears; i++) {
    const hear *h = &st->hears[i];
    uint64_t own = 0;
    reads_of_xref(st, h->cond, hv, &own, &hj, stack);
    ht |= own;
    hk |= own;
    reads_of_text(st, h->text, hv);
    reads_of_text(st, h->again, hv);
    if (h->to < 0) continue;
    for (size_t k = 0; k < w; k++)
      hv[k] |= vars[(size_t)h->to * w + k];
    ht |= told[h->to];
    hk |= hard[h->to] | soft_entry[h->to];
  }
  for (size_t k = 0; st->nhears && k < st->nnodes; k++)
    for (size_t i = 0; i < w; i++)
      vars[k * w + i] |= hv[i];
  mem_free(hv);
  /* just_told() reads what was typed at a decision only until the next one:
   * per op, what its condition and value read; per node, what is read after
   * its last op (its choices' conditions, its exits' and what their targets
   * read up to their first question: tail_just) and after a choice of it is
   * taken (the choice's sets and feedback, then its target up to its first
   * question: choice_just) */
  uint64_t *scratch = mem_alloc(sizeof(uint64_t) * w);
  uint64_t *op_just = mem_alloc(sizeof(uint64_t) * (st->nops + 1));
  uint64_t *op_told = mem_alloc(sizeof(uint64_t) * (st->nops + 1));
  uint64_t *op_hard = mem_alloc(sizeof(uint64_t) * (st->nops + 1));
  uint64_t *op_soft = mem_alloc(sizeof(uint64_t) * (st->nops + 1));
  uint64_t *tail_told = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *hard_tail = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *soft_tail = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *entry = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *tail = mem_alloc(sizeof(uint64_t) * st->nnodes);
  uint64_t *after = mem_alloc(sizeof(uint64_t) * st->nnodes);
  for (size_t i = 0; i < st->nops; i++) {
    op_just[i] = op_hard[i] = op_soft[i] = 0;
    reads_of_ops(st, (uint32_t)i, 1, scratch, &op_hard[i], &op_soft[i], &op_just[i], stack);
    op_told[i] = op_hard[i] | op_soft[i];
  }
  /* told() from a node's decisions on: its choices, its exits, and what its
   * targets read (all of a node a choice leads back to) */
  for (size_t k = 0; k < st->nnodes; k++) {
    const node *n = &st->nodes[k];
    uint64_t unused = 0;
    tail_told[k] = hard_tail[k] = 0;
    soft_tail[k] = soft_fb[k];
    for (uint32_t i = n->first_choice; i < n->first_choice + n->nchoices; i++) {
      const choice *c = &st->choices[i];
      reads_of_xref(st, c->cond, scratch, &hard_tail[k], &unused, stack);
      reads_of_ops(st, c->first_set, c->nsets, scratch, &hard_tail[k], NULL, &unused, stack);
    }
    for (uint32_t e = 0; e < n->nchoices + n->ngotos + n->nrandom; e++) {
      int32_t to = e < n->nchoices ? st->choices[n->first_choice + e].to
                                   : st->exits[exit_of(n, e - n->nchoices)].to;
      if (e >= n->nchoices)
        reads_of_xref(st, st->exits[exit_of(n, e - n->nchoices)].cond, scratch, &hard_tail[k],
                      &unused, stack);
      if (to < 0) continue;
      hard_tail[k] |= hard[to];
      soft_tail[k] |= soft_entry[to];
      tail_told[k] |= told[to];
    }
    tail_told[k] |= hard_tail[k] | soft_fb[k];
  }
  for (size_t k = 0; k < st->nnodes; k++) {
    const node *n = &st->nodes[k];
    uint64_t unused = 0;
    tail[k] = offer_just[k];
    for (uint32_t e = 0; e < n->ngotos + n->nrandom; e++)
      reads_of_xref(st, st->exits[exit_of(n, e)].cond, scratch, &unused, &tail[k], stack);
    for (uint32_t i = 0; n->ending && i < n->nops; i++) /* (read when the ending is over) */
      if (st->ops[n->first_op + i].kind == OP_TITLE) tail[k] |= op_just[n->first_op + i];
    entry[k] = 0;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = st->nnodes; k-- > 0;) {
      const node *n = &st->nodes[k];
      for (uint32_t e = 0; e < n->ngotos + n->nrandom; e++) {
        int32_t to = st->exits[exit_of(n, e)].to;
        if (to >= 0 && (entry[to] & ~tail[k])) tail[k] |= entry[to], changed = true;
      }
      uint64_t m = session_just_from(st, op_just, tail, (uint32_t)k, 0);
      if (m & ~entry[k]) entry[k] |= m, changed = true;
    }
  }
  /* (after a <hear> leads on, what was typed is what its node's just_told() reads) */
  uint64_t hear_just = 0, hear_just_multi = 0;
  for (size_t i = 0; i < st->nhears; i++) {
    uint64_t unused = 0, own = 0;
    reads_of_xref(st, st->hears[i].cond, scratch, &unused, &own, stack);
    hear_just |= own;
    /* (one that only speaks changes no state: what it reads of a decision
     * only tells whether it speaks; one that leads on and reads two kinds
     * typed there can be taken after a second line, or not) */
    if ((own & (own - 1)) && st->hears[i].to >= 0) hear_just_multi |= own;
    if (st->hears[i].to >= 0) hear_just |= entry[st->hears[i].to];
  }
  for (size_t k = 0; k < st->nnodes; k++) {
    const node *n = &st->nodes[k];
    uint64_t unused = 0;
    after[k] = 0;
    for (uint32_t i = n->first_choice; i < n->first_choice + n->nchoices; i++) {
      const choice *c = &st->choices[i];
      for (uint32_t o = c->first_set; o < c->first_set + c->nsets; o++)
        after[k] |= op_just[o];
      for (uint32_t f = c->first_fb; f < c->first_fb + c->nfb; f++)
        reads_of_xref(st, st->fbs[f].cond, scratch, &unused, &after[k], stack);
      if (c->to >= 0) after[k] |= entry[c->to];
    }
  }
  mem_free(entry);
  mem_free(scratch);
  mem_free(stack);
  st->live_vars = vars;
  st->live_told = told;
  st->live_just = just;
  st->offer_just = offer_just;
  st->op_just = op_just;
  st->tail_just = tail;
  st->choice_just = after;
  st->op_told = op_told;
  st->tail_told = tail_told;
  st->hard_told = hard;
  st->op_hard = op_hard;
  st->hard_tail = hard_tail;
  st->soft_told = soft;
  st->op_soft = op_soft;
  st->soft_tail = soft_tail;
  st->soft_entry = soft_entry;
  st->choice_soft = choice_soft;
  st->hear_kept = hk;
  mem_free(soft_fb);
  st->hear_told = ht;
  st->hear_just = hear_just;
  st->hear_just_multi = hear_just_multi;
  st->live_words = w;
}

/* The words of the language, kept to read the choices' labels with when a
 * front end asks (mend_session_choice_meant): a load does not read them. */
static void choice_base(loader *L, mend_story *st) {
  const mend_lexicon *words = L->words;
  if (!words && L->opts && L->opts->words) words = L->opts->words(L->opts->words_ud, st->lang);
  if (!words || !st->nchoices || st->nchoices > CHOICE_INDEX) return;
  st->choice_base = lexicon_base(words);
  st->choice_scope = lexicon_scope(words);
}

static mend_story *finish(loader *L, int main_file) {
  mend_story *st = L->st;
  if (main_file >= 0) {
    L->file = main_file;
    xt_node *root = L->x.files[main_file].root;
    if (!root)
      err_at(L, (xml_pos){1, 0, 0}, "E-xml-empty", "the file has no root element");
    else {
      pass1(L, root);
      if (L->start_attr) {
        id_entry *e = id_find(&L->ids, L->start_attr, strlen(L->start_attr));
        if (!e || e->kind == K_CHOICE) {
          L->file = main_file;
          if (e)
            err_val(L, L->root, "start", 0, "E-unknown-id",
                    "start=\"%.60s\" names a choice; it must name a node or an ending",
                    L->start_attr);
          else
            unknown_target(L, L->root, "start", L->start_attr);
        } else {
          st->start = e->index;
        }
      }
      for (size_t i = 0; i < st->nnodes; i++)
        compile_node(L, (int32_t)i);
      L->file = main_file;
      for (size_t i = 0; i < L->nhear_el; i++)
        compile_hear(L, L->hear_el[i]);
      if (L->unchecked_refs && L->x.failed_includes > 0 &&
          L->x.include_diag < mend_diags_count(L->x.diags)) {
        char note[200];
        snprintf(note, sizeof note,
                 " (until this is fixed, %zu reference%s to ids that file may define %s not "
                 "checked)",
                 L->unchecked_refs, L->unchecked_refs == 1 ? "" : "s",
                 L->unchecked_refs == 1 ? "is" : "are");
        diags_append(L->x.diags, L->x.include_diag, note);
      }
      if (L->part && L->x.diags) {
        mem_buf note = {0};
        mem_buf_printf(&note, "checked as a part that a story includes");
        if (L->unchecked_refs || L->outside_vars) {
          mem_buf_printf(&note, ": ");
          if (L->unchecked_refs)
            mem_buf_printf(&note, "%zu reference%s to ids", L->unchecked_refs,
                           L->unchecked_refs == 1 ? "" : "s");
          if (L->unchecked_refs && L->outside_vars) mem_buf_printf(&note, " and ");
          if (L->outside_vars)
            mem_buf_printf(&note, "%zu use%s of variables", L->outside_vars,
                           L->outside_vars == 1 ? "" : "s");
          mem_buf_printf(&note,
                         " it does not define %s left to that story (lint the story to "
                         "check them)",
                         L->unchecked_refs + L->outside_vars == 1 ? "is" : "are");
        }
        mend_diags_add(L->x.diags, MEND_NOTE, L->x.files[main_file].name, 0, 0, NULL, note.data);
        mem_buf_free(&note);
      }
      /* The checks above cover everything the schema says (tests/schema.sh
       * proves it on every fixture); the schema itself runs on request. */
#ifndef MEND_NO_XML
      if (L->schema && L->x.errors == 0) xml_validate(&L->x);
#endif
      if (L->x.from_image && L->x.next_include < L->x.nfiles) {
        L->file = main_file;
        err_at(L, (xml_pos){0, 0, 0}, "E-image",
               "the story image holds %zu file%s that no <xi:include> names",
               L->x.nfiles - L->x.next_include, L->x.nfiles - L->x.next_include == 1 ? "" : "s");
      }
    }
  }
  st->hash = L->x.hash;
  st->nfiles = L->x.nfiles;
  st->files = mem_alloc(sizeof(char *) * (st->nfiles + 1));
  for (size_t i = 0; i < st->nfiles; i++)
    st->files[i] = strn(L, L->x.files[i].name);
  st->file = st->nfiles ? st->files[0] : "";
  bool ok = L->x.errors == 0 && main_file >= 0 && !L->part; /* a part is never played */
  if (ok && L->image) image_write(&L->x, L->image);
  xml_set_free(&L->x);
  id_map_free(&L->ids);
  id_map_free(&L->vars);
  id_map_free(&L->broken);
  mem_free(L->node_el);
  mem_free(L->node_file);
  mem_free(L->runs);
  mem_free(L->run_nodes);
  mem_free(L->rx_keys);
  mem_free(L->rx_vals);
  mem_free((void *)L->rx_src);
  mem_free(L->hear_el);
  text_scratch_free(&L->scratch);
  if (!ok) {
    mend_story_free(st);
    return NULL;
  }
  if (st->rubric) ph_build(st->rubric);
  choice_base(L, st);
  /* the samples of the rules that read each variable, for testers */
  st->var_samples = mem_alloc(sizeof(uint32_t) * 2 * (st->nvars + 1));
  for (size_t v = 0; v < st->nvars; v++) {
    st->var_samples[2 * v] = (uint32_t)st->nsamples;
    for (size_t i = 0; i < st->nops; i++) {
      const op *o = &st->ops[i];
      if (o->kind != OP_CHECK || o->var != (int32_t)v) continue;
      for (uint32_t k = 0; k < o->count; k++) {
        const char *smp = st->rules[o->first + k].sample;
        if (!smp || !*smp) continue;
        bool dup = false;
        for (size_t j = st->var_samples[2 * v]; j < st->nsamples && !dup; j++)
          dup = !strcmp(st->samples[j], smp);
        if (!dup) *VEC_PUSH(st->samples, st->nsamples, L->caps[C_SAMPLES]) = smp;
      }
    }
    /* said(t, 'NAME'): a text of the list, so that testers reach what it decides */
    for (size_t i = 0; L->words && i < st->expr.len; i++) {
      const expr_node *x = &st->expr.n[i];
      if (x->op != X_SIGN || x->v < EXPR_SIGN_SAID || st->expr.n[x->a].op != X_TVAR ||
          st->expr.n[x->a].v != (int32_t)v)
        continue;
      char *smp = lexicon_said_sample(L->words, (int32_t)(x->v - EXPR_SIGN_SAID));
      bool dup = !smp;
      for (size_t j = st->var_samples[2 * v]; j < st->nsamples && !dup; j++)
        dup = !strcmp(st->samples[j], smp);
      if (!dup) *VEC_PUSH(st->samples, st->nsamples, L->caps[C_SAMPLES]) = strn(L, smp);
      mem_free(smp);
    }
    st->var_samples[2 * v + 1] = (uint32_t)st->nsamples - st->var_samples[2 * v];
  }
  st->visits_read = mem_alloc(st->nnodes + 1);
  st->chosen_read = mem_alloc(st->nchoices + 1);
  for (size_t i = 0; i < st->expr.len; i++) {
    if (st->expr.n[i].op == X_VISITS) st->visits_read[st->expr.n[i].v] = true;
    if (st->expr.n[i].op == X_CHOSEN) st->chosen_read[st->expr.n[i].v] = true;
  }
  st->var_read = mem_alloc(st->nvars + 1);
  for (size_t i = 0; i < st->expr.len; i++)
    if (st->expr.n[i].op == X_VAR || st->expr.n[i].op == X_TVAR)
      st->var_read[st->expr.n[i].v] = true;
  for (size_t i = 0; i < st->npieces; i++)
    if (!st->pieces[i].s) st->var_read[st->pieces[i].var] = true;
  for (size_t i = 0; i < st->nops; i++)
    if (st->ops[i].kind == OP_CHECK) st->var_read[st->ops[i].var] = true;
  /* what the future of a session can depend on: a measure, anything an
   * expression or a check reads; of a text that conditions only compare with
   * '' (did the person write anything?), only whether it is empty */
  st->var_future = mem_alloc(st->nvars + 1);
  size_t *uses = mem_alloc(sizeof(size_t) * (st->nvars + 1));
  size_t *empty_tests = mem_alloc(sizeof(size_t) * (st->nvars + 1));
  for (size_t i = 0; i < st->expr.len; i++) {
    const expr_node *n = &st->expr.n[i];
    if (n->op == X_VAR || n->op == X_TVAR) uses[n->v]++;
    if ((n->op == X_TEQ || n->op == X_TNE) && n->a >= 0 && n->b >= 0) {
      const expr_node *x = &st->expr.n[n->a], *y = &st->expr.n[n->b];
      if (x->op == X_STR) {
        const expr_node *t = x;
        x = y, y = t;
      }
      if (x->op == X_TVAR && y->op == X_STR && y->len == 0) empty_tests[x->v]++;
    }
  }
  for (size_t i = 0; i < st->nops; i++)
    if (st->ops[i].kind == OP_CHECK) uses[st->ops[i].var] += 2; /* never only an empty test */
  for (size_t i = 0; i < st->nvars; i++) {
    if (st->vars[i].info.label || (uses[i] && uses[i] != empty_tests[i]))
      st->var_future[i] = VAR_FUTURE_VALUE;
    else if (uses[i])
      st->var_future[i] = VAR_FUTURE_EMPTY;
  }
  mem_free(uses);
  mem_free(empty_tests);
  /* a measure without measure="..." is a check-in when a question asks it,
   * and story state otherwise */
  for (size_t i = 0; i < st->nops; i++)
    if (st->ops[i].kind == OP_ASK && !st->vars[st->ops[i].var].explicit_measure)
      st->vars[st->ops[i].var].info.measure = MEND_MEASURE_CHECKIN;
  for (size_t i = 0; i < st->nvars; i++)
    if (st->vars[i].info.label && st->vars[i].info.measure == MEND_MEASURE_NONE)
      st->vars[i].info.measure = MEND_MEASURE_STORY;
  st->hashed_nodes = mem_alloc(sizeof(uint32_t) * (st->nnodes + 1));
  for (size_t i = 0; i < st->nnodes; i++)
    if (st->visits_read[i]) st->hashed_nodes[st->nhashed_nodes++] = (uint32_t)i;
  st->hashed_choices = mem_alloc(sizeof(uint32_t) * (st->nchoices + 1));
  for (size_t i = 0; i < st->nchoices; i++)
    if (st->chosen_read[i] || st->choices[i].once)
      st->hashed_choices[st->nhashed_choices++] = (uint32_t)i;
  for (size_t i = 0; i < st->expr.len; i++)
    if (st->expr.n[i].op == X_TOLD) {
      uint64_t v = (uint64_t)st->expr.n[i].v;
      if (v & EXPR_TOLD_JUST)
        st->reads_just_told |= v & ~EXPR_TOLD_JUST;
      else
        st->reads_told |= v;
    }
  /* what each <hear> reads of what was just told (also="true": said beside
   * another, for kinds the others taken did not read) */
  int32_t *stack = mem_alloc(sizeof(int32_t) * (st->expr.len + 1));
  uint64_t *scratch = mem_alloc(sizeof(uint64_t) * (st->nvars / 64 + 1));
  for (size_t i = 0; i < st->nhears; i++) {
    hear *h = &st->hears[i];
    uint64_t told = 0;
    reads_of_xref(st, h->cond, scratch, &told, &h->just, stack);
    h->reads = told | h->just;
    h->may_fail = h->cond >= 0 && may_fail(st, st->xrefs[h->cond].root, stack);
  }
  mem_free(scratch);
  mem_free(stack);
  /* told('NAME'): a text of each list asked about, for testers to type */
  for (uint64_t k = 0; L->words && k < EXPR_TOLD_LISTS; k++)
    if ((st->reads_told | st->reads_just_told) & EXPR_TOLD_LIST << k) {
      char *smp = lexicon_said_sample(L->words, (int32_t)k);
      if (smp) st->told_samples[k] = strn(L, smp);
      mem_free(smp);
    }
  if (L->words && ((st->reads_told | st->reads_just_told) & EXPR_TOLD_DIG)) {
    char *smp = lexicon_dig_sample(L->words);
    if (smp) st->told_dig_sample = strn(L, smp);
    mem_free(smp);
  }
  return st;
}

typedef struct mend_buf_out {
  char **data;
  size_t *len;
} mend_buf_out;

static void loader_init(loader *L, mend_diags *diags) {
  memset(L, 0, sizeof *L);
  L->st = mem_alloc(sizeof(mend_story));
  L->st->arena = mem_arena_new();
  L->st->start = -1;
  L->x.diags = diags;
  L->x.hash = MEM_HASH_INIT;
}

#ifndef MEND_NO_XML
static mend_story *load_path(const char *path, const mend_load_opts *opts, mend_buf_out *image,
                             mend_diags *diags) {
  loader L;
  loader_init(&L, diags);
  L.opts = opts;
  L.schema = opts && (opts->flags & MEND_LOAD_SCHEMA);
  L.part = opts && (opts->flags & MEND_LOAD_PART);
  L.x.keep_doc = L.schema;
  mem_buf buf = {0};
  if (image) L.image = &buf;
  int f = xml_open_file(&L.x, path);
  mend_story *st = finish(&L, f);
  if (image) {
    *image->data = st ? buf.data : NULL;
    *image->len = st ? buf.len : 0;
    if (!st) mem_buf_free(&buf);
  }
  return st;
}

mend_story *mend_story_load_opts(const char *path, const mend_load_opts *opts, mend_diags *diags) {
  return load_path(path, opts, NULL, diags);
}

mend_story *mend_story_image(const char *path, const mend_load_opts *opts, char **image,
                             size_t *image_len, mend_diags *diags) {
  mend_buf_out out = {image, image_len};
  return load_path(path, opts, &out, diags);
}

mend_story *mend_story_load_with(const char *path, unsigned flags, mend_diags *diags) {
  mend_load_opts o = {flags, NULL, NULL};
  return mend_story_load_opts(path, &o, diags);
}

mend_story *mend_story_load(const char *path, mend_diags *diags) {
  return mend_story_load_with(path, 0, diags);
}

mend_story *mend_story_load_memory_opts(const char *data, size_t size, const char *name,
                                        const char *base_dir, const mend_load_opts *opts,
                                        mend_diags *diags) {
  loader L;
  loader_init(&L, diags);
  L.opts = opts;
  L.schema = opts && (opts->flags & MEND_LOAD_SCHEMA);
  L.part = opts && (opts->flags & MEND_LOAD_PART);
  L.x.keep_doc = L.schema;
  int f = xml_open_memory(&L.x, data, size, name, base_dir);
  return finish(&L, f);
}

mend_story *mend_story_load_memory_with(const char *data, size_t size, const char *name,
                                        const char *base_dir, unsigned flags, mend_diags *diags) {
  mend_load_opts o = {flags, NULL, NULL};
  return mend_story_load_memory_opts(data, size, name, base_dir, &o, diags);
}

mend_story *mend_story_load_memory(const char *data, size_t size, const char *name,
                                   const char *base_dir, mend_diags *diags) {
  return mend_story_load_memory_with(data, size, name, base_dir, 0, diags);
}
#endif

mend_story *mend_story_load_image(const void *data, size_t size, const mend_load_opts *opts,
                                  mend_diags *diags) {
  loader L;
  loader_init(&L, diags);
  L.opts = opts; /* (the schema needs the files: an image is checked by the loader alone) */
  int f = image_read(&L.x, data, size);
  return finish(&L, f);
}

/* ---- accessors ------------------------------------------------------------------- */

const char *mend_story_id(const mend_story *s) {
  return s->id;
}
const char *mend_story_title(const mend_story *s) {
  return s->title;
}
const char *mend_story_about(const mend_story *s) {
  return s->about;
}
const char *mend_story_lang(const mend_story *s) {
  return s->lang;
}
const char *mend_story_author(const mend_story *s) {
  return s->author;
}
int mend_story_minutes(const mend_story *s) {
  return s->minutes;
}
const char *mend_story_tags(const mend_story *s) {
  return s->tags;
}
const char *mend_story_source(const mend_story *s) {
  return s->source;
}
const char *mend_story_file(const mend_story *s) {
  return s->file;
}
uint64_t mend_story_hash(const mend_story *s) {
  return s->hash;
}
size_t mend_story_size(const mend_story *s) {
  return sizeof *s + mem_arena_size(s->arena) + s->nvars * sizeof(vardef) +
         s->nnodes * (sizeof(node) + 2) + s->nops * sizeof(op) +
         s->nchoices * (sizeof(choice) + 1) + s->nfbs * sizeof(feedback) +
         s->nexits * sizeof(exit_) + s->nhears * sizeof(hear) + s->nrules * sizeof(rule) +
         s->nexamples * sizeof(char *) + s->nxrefs * sizeof(xref) + s->nregexes * sizeof(regex_t) +
         s->npieces * sizeof(text_piece) + s->expr.len * sizeof(expr_node) + s->expr.slen +
         s->nfiles * sizeof(char *);
}

size_t mend_story_file_count(const mend_story *s) {
  return s->nfiles;
}

const char *mend_story_file_at(const mend_story *s, size_t i) {
  return i < s->nfiles ? s->files[i] : NULL;
}

size_t mend_story_node_count(const mend_story *s) {
  return s->nnodes;
}

size_t mend_story_var_count(const mend_story *s) {
  return s->nvars;
}
const mend_var_info *mend_story_var(const mend_story *s, size_t i) {
  return i < s->nvars ? &s->vars[i].info : NULL;
}

const char *mend_tone_name(mend_tone t) {
  static const char *const names[] = {"neutral", "positive", "caution", "negative"};
  return (unsigned)t < MEND_TONE_COUNT ? names[t] : "neutral";
}

const char *mend_measure_kind_name(mend_measure_kind k) {
  return k == MEND_MEASURE_CHECKIN ? "check-in" : k == MEND_MEASURE_STORY ? "story" : "";
}

/* ---- answer parsing -------------------------------------------------------------- */

/* The beginning of the answer, as much of it as fits in n bytes, lower case
 * and without its apostrophes (' and U+2019) or leading spaces, in buf (its
 * length in *len); true when all of it fitted. */
static bool plain_start(const char *a, char *buf, size_t n, size_t *len) {
  size_t k = 0;
  while (utf8_is_space(*a))
    a++;
  for (; *a; a++) {
    if (*a == '\'') continue;
    if (!strncmp(a, "\xe2\x80\x99", 3)) {
      a += 2;
      continue;
    }
    if (k + 1 >= n) break;
    buf[k++] = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
  }
  buf[k] = 0;
  *len = k;
  return !*a;
}

/* The answer in a form to compare: lower case, apostrophes dropped (' and
 * U+2019), spaces trimmed and a final ".", "!" or "?" left out. False when it
 * does not fit in n bytes. */
static bool plain_answer(const char *a, char *buf, size_t n) {
  size_t k;
  if (!plain_start(a, buf, n, &k)) return false;
  while (k &&
         (utf8_is_space(buf[k - 1]) || buf[k - 1] == '.' || buf[k - 1] == '!' || buf[k - 1] == '?'))
    k--;
  buf[k] = 0;
  return true;
}

/* What people write when they do not know ("maybe", "idk"): neither yes nor
 * no, nor a number, and not garbage either. */
static const char *const dont_know[] = {
    "maybe",          "idk",        "i dont know",  "dont know",
    "dunno",          "not sure",   "im not sure",  "i am not sure",
    "unsure",         "no idea",    "perhaps",      "possibly",
    "i dunno",        "no clue",    "who knows",    "hard to say",
    "i have no idea", "yes and no", "yes or no",    "kind of",
    "kinda",          "sort of",    "sorta",        "a bit",
    "a little",       "partly",     "somewhat",     "probably",
    "depends",        "it depends", "honestly idk", "i really dont know"};

/* Whether the answer begins by saying the person does not know, then says
 * more: "i dont know, he said hed change", "idk its bad tonight", "no idea
 * tbh". Neither a yes nor a no (not the "no" of "no idea"), nor a number. */
static bool unsure_start(const char *answer) {
  char plain[40];
  size_t k;
  plain_start(answer, plain, sizeof plain, &k);
  for (size_t i = 0; i < sizeof dont_know / sizeof *dont_know; i++) {
    size_t n = strlen(dont_know[i]);
    if (!strncmp(plain, dont_know[i], n) &&
        (plain[n] == ' ' || plain[n] == ',' || plain[n] == '.' || plain[n] == ';' ||
         plain[n] == '-' || plain[n] == ':'))
      return true;
  }
  return false;
}

/* Whether the whole answer says the person does not know ("not sure yet"
 * too). */
static bool unsure(const char *plain) {
  for (size_t i = 0; i < sizeof dont_know / sizeof *dont_know; i++)
    if (!strcmp(plain, dont_know[i])) return true;
  size_t n = strlen(plain);
  return n > 4 && !strcmp(plain + n - 4, " yet") && unsure_start(plain);
}

/* A number as a word ("seven"), zero to ten, or a word for none ("none",
 * "nothing": 0): its value, or -1 (n bytes of w). */
static int number_word(const char *w, size_t n) {
  static const char *const numbers[] = {"zero", "one",   "two",   "three", "four", "five",
                                        "six",  "seven", "eight", "nine",  "ten"};
  static const char *const none[] = {"none", "nothing", "nil", "nada", "zilch"};
  for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
    if (strlen(numbers[i]) == n && !strncmp(numbers[i], w, n)) return (int)i;
  for (size_t i = 0; i < sizeof none / sizeof *none; i++)
    if (strlen(none[i]) == n && !strncmp(none[i], w, n)) return 0;
  return -1;
}

/* The same on a scale from min to max: also "half", the middle of a scale
 * from 0 to an even number ("like half?" is 5 of 10; v86 EI-12). */
static int scale_word(const char *w, size_t n, int64_t min, int64_t max) {
  if (n == 4 && !strncmp(w, "half", 4))
    return min == 0 && max > 0 && max % 2 == 0 && max <= 2 * (int64_t)INT16_MAX ? (int)(max / 2)
                                                                                : -1;
  return number_word(w, n);
}

/* A number among words that only hedge it, as people answer a scale: "about
 * 8", "like a 7", "7ish", "i dunno, 4 maybe", "i think its a 6". MEND_OK with
 * the number; MEND_E_UNSURE for two ("7 or 8", "6-7"); MEND_E_NOT_NUMBER
 * when a word says more than a hedge ("not 7", "less than 5"). */
static mend_status hedged_number(const char *plain, int64_t min, int64_t max, int64_t *out) {
  static const char *const hedges[] = {"about", "around",  "roughly",  "approx", "approximately",
                                       "like",  "a",       "an",       "maybe",  "probably",
                                       "prob",  "prolly",  "idk",      "i",      "dunno",
                                       "dont",  "know",    "guess",    "id",     "say",
                                       "ish",   "kinda",   "honestly", "tbh",    "um",
                                       "uh",    "hmm",     "erm",      "its",    "it",
                                       "is",    "im",      "at",       "or",     "to",
                                       "just",  "so",      "ok",       "okay",   "well",
                                       "think", "still",   "now",      "rn",     "right",
                                       "today", "tonight", "solid",    "def",    "definitely",
                                       "more",  "prob",    "sure",     "lol",    "obviously",
                                       "obv",   "obvs",    "clearly",  "easily", "literally",
                                       "ngl",   "would"};
  size_t numbers = 0;
  for (const char *p = plain; *p;) {
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) {
      bool digits = p > plain && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9';
      if (*p == '-' ? !digits : (*p == '.' || *p == ',') ? digits : !strchr(" .,~?!:;()", *p))
        return MEND_E_NOT_NUMBER; /* "3.5", "- 3", "+7", "7%": not a hedge ("6-7" is two) */
      p++;
      continue;
    }
    const char *w = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
      p++;
    size_t n = (size_t)(p - w), d = 0;
    while (d < n && w[d] >= '0' && w[d] <= '9')
      d++;
    if (d && (d == n || (n - d == 3 && !strncmp(w + d, "ish", 3)))) { /* "7", "7ish" */
      if (d > 9) return MEND_E_NOT_NUMBER;
      int64_t v = 0;
      for (size_t i = 0; i < d; i++)
        v = v * 10 + (w[i] - '0');
      *out = v;
      numbers++;
      continue;
    }
    int word = scale_word(w, n, min, max); /* "about six", "maybe six" (v83 PC-12) */
    if (word >= 0) {
      *out = word;
      numbers++;
      continue;
    }
    bool hedge = false;
    for (size_t i = 0; i < sizeof hedges / sizeof *hedges && !hedge; i++)
      hedge = strlen(hedges[i]) == n && !strncmp(hedges[i], w, n);
    if (!hedge) return MEND_E_NOT_NUMBER;
  }
  return numbers == 1 ? MEND_OK : numbers == 2 ? MEND_E_UNSURE : MEND_E_NOT_NUMBER;
}

mend_status mend_parse_scale(const char *answer, int64_t min, int64_t max, int64_t *out) {
  int64_t v;
  char plain[40];
  if (plain_answer(answer, plain, sizeof plain)) {
    if (unsure(plain)) return MEND_E_UNSURE;
    /* "seven", "7 out of 10", "six out of ten": a number as people write it;
     * "none", "not at all": 0 */
    int word = scale_word(plain, strlen(plain), min, max);
    if (!strcmp(plain, "not at all") || !strcmp(plain, "none at all") ||
        !strcmp(plain, "nothing at all"))
      word = 0;
    if (word >= 0) {
      if (word < min || word > max) return MEND_E_RANGE;
      *out = word;
      return MEND_OK;
    }
    char *of = strstr(plain, " out of ");
    int64_t whole;
    if (of && of > plain) {
      *of = 0;
      int ten = number_word(of + 8, strlen(of + 8));
      if (ten >= 0) whole = ten;
      if ((ten >= 0 || parse_int(of + 8, &whole)) && whole == max &&
          (parse_int(plain, &v) || (min >= 0 && hedged_number(plain, min, max, &v) == MEND_OK))) {
        if (v < min || v > max) return MEND_E_RANGE;
        *out = v;
        return MEND_OK;
      }
    }
  }
  if (!parse_int(answer, &v)) {
    /* "7/10" on a scale that ends at 10: the number, as people write a score */
    const char *slash = strchr(answer, '/');
    char left[32];
    int64_t of;
    if (!slash || (size_t)(slash - answer) >= sizeof left || !parse_int(slash + 1, &of) ||
        of != max) {
      mend_status h = plain_answer(answer, plain, sizeof plain) && min >= 0
                          ? hedged_number(plain, min, max, &v)
                          : MEND_E_NOT_NUMBER;
      if (h == MEND_E_NOT_NUMBER && unsure_start(answer)) return MEND_E_UNSURE;
      if (h != MEND_OK) return h;
      if (v < min || v > max) return MEND_E_RANGE;
      *out = v;
      return MEND_OK;
    }
    memcpy(left, answer, (size_t)(slash - answer));
    left[slash - answer] = 0;
    if (!parse_int(left, &v)) return MEND_E_NOT_NUMBER;
  }
  if (v < min || v > max) return MEND_E_RANGE;
  *out = v;
  return MEND_OK;
}

mend_status mend_parse_yesno(const char *answer, bool *out) {
  while (utf8_is_space(*answer))
    answer++;
  size_t n = strlen(answer);
  while (n && utf8_is_space(answer[n - 1]))
    n--;
  while (n && (answer[n - 1] == '.' || answer[n - 1] == '!')) /* "no.", "yes!" */
    n--;
  /* the whole answer, in any case: y, yes and the ways people type them */
  static const char *const yes[] = {"y",         "yes",        "yeah",      "yep", "yup",
                                    "ya",        "ye",         "yea",       "yh",  "sure",
                                    "of course", "definitely", "absolutely"}; /* ("ye", "yea", "yh":
                                                                                 v87 PC-20) */
  static const char *const no[] = {"n",     "no",     "nope",       "nah",   "not really", "no one",
                                   "noone", "nobody", "not at all", "never", "no way"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (n == strlen(yes[i]) && !strncasecmp(answer, yes[i], n)) {
      *out = true;
      return MEND_OK;
    }
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (n == strlen(no[i]) && !strncasecmp(answer, no[i], n)) {
      *out = false;
      return MEND_OK;
    }
  /* a yes or a no that says how sure it is: "i think so", "I don't think so" */
  static const char *const likely[2][5] = {
      {"i dont think so", "dont think so", "i guess not", "probably not", "i dont think"},
      {"i think so", "think so", "i guess so", "i guess", "probably yes"}};
  char plain[40];
  if (!plain_answer(answer, plain, sizeof plain))
    return unsure_start(answer) ? MEND_E_UNSURE : MEND_E_NOT_YESNO;
  for (int v = 0; v < 2; v++)
    for (size_t i = 0; i < sizeof likely[v] / sizeof *likely[v]; i++)
      if (!strcmp(plain, likely[v][i])) {
        *out = v;
        return MEND_OK;
      }
  return unsure(plain) || unsure_start(answer) ? MEND_E_UNSURE : MEND_E_NOT_YESNO;
}
