/* SPDX-License-Identifier: MIT */
/* image.c - see image.h. */
#include "image.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* ---- writing ----------------------------------------------------------------- */

static void put_u32(mem_buf *b, uint32_t v) {
  char c[4];
  for (int i = 0; i < 4; i++)
    c[i] = (char)(v >> (8 * i));
  mem_buf_add(b, c, 4);
}

static void put_u64(mem_buf *b, uint64_t v) {
  char c[8];
  for (int i = 0; i < 8; i++)
    c[i] = (char)(v >> (8 * i));
  mem_buf_add(b, c, 8);
}

static void put_varint(mem_buf *b, uint64_t v) {
  do {
    unsigned char c = v & 0x7F;
    v >>= 7;
    mem_buf_addc(b, (char)(v ? c | 0x80 : c));
  } while (v);
}

/* The strings of an image, each once. */
typedef struct strtab {
  const char **s;
  size_t *len;
  size_t n, cap;
  uint32_t *slot; /* index + 1, 0 for empty */
  size_t nslot;
} strtab;

static uint32_t intern(strtab *t, const char *s, size_t len) {
  if (2 * (t->n + 1) > t->nslot) {
    size_t ns = t->nslot ? 2 * t->nslot : 1024;
    uint32_t *slot = mem_alloc(sizeof *slot * ns);
    for (size_t i = 0; i < t->n; i++) {
      size_t h = (size_t)mem_hash(MEM_HASH_INIT, t->s[i], t->len[i]) & (ns - 1);
      while (slot[h])
        h = (h + 1) & (ns - 1);
      slot[h] = (uint32_t)i + 1;
    }
    mem_free(t->slot);
    t->slot = slot;
    t->nslot = ns;
  }
  size_t h = (size_t)mem_hash(MEM_HASH_INIT, s, len) & (t->nslot - 1);
  for (; t->slot[h]; h = (h + 1) & (t->nslot - 1)) {
    uint32_t i = t->slot[h] - 1;
    if (t->len[i] == len && !memcmp(t->s[i], s, len)) return i;
  }
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 1024;
    t->s = mem_realloc(t->s, sizeof *t->s * t->cap);
    t->len = mem_realloc(t->len, sizeof *t->len * t->cap);
  }
  t->s[t->n] = s;
  t->len[t->n] = len;
  t->slot[h] = (uint32_t)++t->n;
  return (uint32_t)t->n - 1;
}

static void put_str(mem_buf *b, strtab *t, const char *s) {
  put_varint(b, intern(t, s, strlen(s)));
}

static void put_opt(mem_buf *b, strtab *t, const char *s) {
  put_varint(b, s ? (uint64_t)intern(t, s, strlen(s)) + 1 : 0);
}

static void put_element(mem_buf *b, strtab *t, const xt_node *n) {
  mem_buf_addc(b, 1);
  put_varint(b, (uint64_t)(n->line > 0 ? n->line : 0));
  put_str(b, t, n->name);
  put_opt(b, t, n->prefix);
  put_opt(b, t, n->ns);
  size_t na = 0;
  for (const xt_attr *a = n->properties; a; a = a->next)
    na++;
  put_varint(b, na);
  for (const xt_attr *a = n->properties; a; a = a->next) {
    put_str(b, t, a->name);
    put_opt(b, t, a->prefix);
    put_opt(b, t, a->ns);
    put_str(b, t, a->value);
  }
}

/* One file's tree, in document order, without recursion. */
static void put_tree(mem_buf *b, strtab *t, const xt_node *root) {
  const xt_node **stack = NULL;
  size_t depth = 0, cap = 0;
  const xt_node *n = root;
  for (;;) {
    if (n->type == XT_ELEMENT) {
      put_element(b, t, n);
      if (n->children) {
        *VEC_PUSH(stack, depth, cap) = n;
        n = n->children;
        continue;
      }
      mem_buf_addc(b, 0);
    } else {
      mem_buf_addc(b, 2);
      put_varint(b, (uint64_t)(n->line > 0 ? n->line : 0));
      put_varint(b, intern(t, n->content, n->len));
    }
    for (;;) {
      if (depth == 0) goto done;
      if (n->next) {
        n = n->next;
        break;
      }
      n = stack[--depth];
      mem_buf_addc(b, 0);
    }
  }
done:
  mem_free(stack);
}

void image_write(const xml_set *set, mem_buf *out) {
  strtab t = {0};
  mem_buf files = {0};
  /* names relative to the main file's folder: a page carries no path of the
   * author's computer */
  const char *main = set->nfiles ? set->files[0].name : "";
  const char *slash = strrchr(main, '/');
  size_t strip = slash ? (size_t)(slash - main) + 1 : 0;
  put_varint(&files, set->nfiles);
  for (size_t i = 0; i < set->nfiles; i++) {
    const char *name = set->files[i].name;
    if (strip && !strncmp(name, main, strip)) name += strip;
    put_str(&files, &t, name);
    put_tree(&files, &t, set->files[i].root);
  }
  mem_buf payload = {0};
  put_u64(&payload, set->hash);
  put_varint(&payload, t.n);
  for (size_t i = 0; i < t.n; i++) {
    put_varint(&payload, t.len[i]);
    mem_buf_add(&payload, t.s[i], t.len[i]);
  }
  mem_buf_add(&payload, files.data, files.len);
  mem_buf_add(out, IMAGE_MAGIC, 8);
  put_u32(out, IMAGE_VERSION);
  put_u32(out, MEND_FORMAT_VERSION);
  put_u64(out, payload.len);
  put_u64(out, mem_hash(MEM_HASH_INIT, payload.data, payload.len));
  mem_buf_add(out, payload.data, payload.len);
  mem_buf_free(&payload);
  mem_buf_free(&files);
  mem_free(t.s);
  mem_free(t.len);
  mem_free(t.slot);
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct reader {
  xml_set *set;
  const unsigned char *p, *end;
  const char **str; /* the strings, NUL-terminated copies in the set's arena */
  size_t nstr;
  const char *why; /* the first problem found */
} reader;

static uint64_t get_le(const unsigned char *p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

static bool bad(reader *r, const char *why) {
  if (!r->why) r->why = why;
  return false;
}

static bool get_varint(reader *r, uint64_t *out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (r->p == r->end) return bad(r, "it ends too soon");
    unsigned c = *r->p++;
    if (shift == 63 && c > 1) return bad(r, "a number is too large");
    v |= (uint64_t)(c & 0x7F) << shift;
    if (!(c & 0x80)) {
      *out = v;
      return true;
    }
  }
  return bad(r, "a number is too long");
}

/* A varint no larger than `max`. */
static bool get_count(reader *r, uint64_t max, size_t *out) {
  uint64_t v;
  if (!get_varint(r, &v)) return false;
  if (v > max) return bad(r, "a count or size is out of range");
  *out = (size_t)v;
  return true;
}

/* A string's index; with `optional`, 0 is none and i + 1 is string i. */
static bool get_str(reader *r, bool optional, const char **out) {
  size_t i;
  if (!get_count(r, r->nstr, &i)) return false;
  if (optional) {
    *out = i ? r->str[i - 1] : NULL;
    return true;
  }
  if (i >= r->nstr) return bad(r, "a string's index is out of range");
  *out = r->str[i];
  return true;
}

/* Characters XML allows, as valid UTF-8. */
static bool xml_chars(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t l = utf8_seq((const unsigned char *)s + i, n - i, &cp);
    if (!l) return false;
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') return false;
    if (cp == 0xFFFE || cp == 0xFFFF) return false;
    i += l;
  }
  return true;
}

/* A name as the XML reader gives them: not empty, no white space or markup;
 * a colon only in a name whose prefix was not declared (kept whole). */
static bool name_ok(const char *s, bool colon) {
  if (!*s || strlen(s) > 1000) return false;
  for (const char *p = s; *p; p++) {
    if (strchr(" \t\r\n<>&\"'=/", *p)) return false;
    if (*p == ':' && !colon) return false;
  }
  return true;
}

static bool get_name(reader *r, const char **name, const char **prefix, const char **ns) {
  if (!get_str(r, false, name) || !get_str(r, true, prefix) || !get_str(r, true, ns)) return false;
  if (*prefix && (!*ns || !name_ok(*prefix, false))) return bad(r, "a prefix is not valid");
  if (*ns && !**ns) return bad(r, "a namespace is empty");
  if (!name_ok(*name, !*prefix && !*ns)) return bad(r, "a name is not valid");
  return true;
}

static bool get_line(reader *r, int *line) {
  size_t v;
  if (!get_count(r, INT_MAX, &v)) return false;
  *line = (int)v;
  return true;
}

static bool unbounded(const xt_node *el) {
  return !el->ns && (!strcmp(el->name, "story") || !strcmp(el->name, "nodes"));
}

static bool get_element(reader *r, xt_node *n) {
  xml_set *set = r->set;
  n->type = XT_ELEMENT;
  size_t na;
  if (!get_line(r, &n->line) || !get_name(r, &n->name, &n->prefix, &n->ns) ||
      !get_count(r, XML_MAX_ELEMENT_ATTRIBUTES, &na))
    return false;
  if (++set->elements > XML_MAX_ELEMENTS) return bad(r, "too many elements");
  set->attributes += na;
  if (set->attributes > XML_MAX_ATTRIBUTES) return bad(r, "too many attributes");
  xt_attr **tail = &n->properties;
  for (size_t i = 0; i < na; i++) {
    xt_attr *a = mem_arena_alloc(set->arena, sizeof *a);
    if (!get_name(r, &a->name, &a->prefix, &a->ns) || !get_str(r, false, &a->value)) return false;
    for (const xt_attr *b = n->properties; b; b = b->next)
      if (!strcmp(a->name, b->name) &&
          (a->ns == b->ns || (a->ns && b->ns && !strcmp(a->ns, b->ns))))
        return bad(r, "an element has the same attribute twice");
    *tail = a;
    tail = &a->next;
  }
  return true;
}

/* One file's tree, without recursion: the open elements on a stack. */
static xt_node *get_tree(reader *r) {
  xml_set *set = r->set;
  xt_node *open[XML_MAX_DEPTH + 1], *last[XML_MAX_DEPTH + 1];
  size_t children[XML_MAX_DEPTH + 1];
  size_t depth = 0;
  xt_node *root = NULL;
  do {
    if (r->p == r->end) return bad(r, "it ends inside a file's tree"), NULL;
    unsigned rec = *r->p++;
    if (rec == 0) {
      if (!depth) return bad(r, "an element ends that was not open"), NULL;
      depth--;
      continue;
    }
    if (rec != 1 && rec != 2) return bad(r, "an unknown record"), NULL;
    if (!depth && rec != 1) return bad(r, "a file's tree does not start with an element"), NULL;
    if (!depth && root) return bad(r, "a file has two root elements"), NULL;
    xt_node *n = mem_arena_alloc(set->arena, sizeof *n);
    if (rec == 1) {
      if (!get_element(r, n)) return NULL;
    } else {
      n->type = XT_TEXT;
      if (!get_line(r, &n->line) || !get_str(r, false, &n->content)) return NULL;
      n->len = strlen(n->content);
      if (!n->len) return bad(r, "a text is empty"), NULL;
    }
    if (depth) {
      xt_node *parent = open[depth - 1];
      if (++children[depth - 1] > XML_MAX_CHILDREN && !unbounded(parent))
        return bad(r, "an element holds too many elements"), NULL;
      if (last[depth - 1])
        last[depth - 1]->next = n;
      else
        parent->children = n;
      last[depth - 1] = n;
    } else {
      root = n;
    }
    if (rec == 1) {
      if (depth == XML_MAX_DEPTH) return bad(r, "elements nest too deeply"), NULL;
      open[depth] = n;
      last[depth] = NULL;
      children[depth] = 0;
      depth++;
    }
  } while (depth);
  return root;
}

static bool read_payload(reader *r) {
  xml_set *set = r->set;
  if (r->end - r->p < 8) return bad(r, "it ends too soon");
  set->hash = get_le(r->p, 8);
  r->p += 8;
  size_t n;
  if (!get_count(r, (uint64_t)(r->end - r->p), &n)) return false;
  r->str = mem_alloc(sizeof *r->str * (n + 1));
  for (size_t i = 0; i < n; i++) {
    size_t len;
    if (!get_count(r, XML_MAX_TEXT, &len)) return false;
    if (len > (size_t)(r->end - r->p)) return bad(r, "it ends inside a string");
    if (!xml_chars((const char *)r->p, len)) return bad(r, "a string holds bytes a story cannot");
    r->str[i] = mem_arena_strndup(set->arena, (const char *)r->p, len);
    r->p += len;
  }
  r->nstr = n;
  size_t nfiles;
  if (!get_count(r, XML_MAX_FILES, &nfiles)) return false;
  if (!nfiles) return bad(r, "it holds no file");
  for (size_t i = 0; i < nfiles; i++) {
    const char *name;
    if (!get_str(r, false, &name)) return false;
    if (!*name || strlen(name) > 4096 || strchr(name, '\n') || strchr(name, '\r') ||
        strchr(name, '\t'))
      return bad(r, "a file's name is not valid");
    int f = xml_add_file(set, name, NULL);
    if (!(set->files[f].root = get_tree(r))) return false;
  }
  if (r->p != r->end) return bad(r, "it has bytes after its last file");
  return true;
}

int image_read(xml_set *set, const char *data, size_t size) {
  set->from_image = true;
  set->next_include = 1;
  if (!set->arena) set->arena = mem_arena_new();
  const unsigned char *p = (const unsigned char *)data;
  const char *why = NULL;
  if (size < IMAGE_HEADER || memcmp(p, IMAGE_MAGIC, 8))
    why = "it is not a story image";
  else if (get_le(p + 8, 4) != IMAGE_VERSION)
    why = get_le(p + 8, 4) > IMAGE_VERSION ? "it was made by a newer mend" : "unknown version";
  else if (get_le(p + 12, 4) != MEND_FORMAT_VERSION)
    why = "its story format is not the one this mend reads";
  else if (get_le(p + 16, 8) != size - IMAGE_HEADER)
    why = get_le(p + 16, 8) > size - IMAGE_HEADER ? "it is cut short" : "it has bytes past its end";
  else if (size - IMAGE_HEADER > XML_MAX_FILE)
    why = "it is too large";
  else if (get_le(p + 24, 8) != mem_hash(MEM_HASH_INIT, p + IMAGE_HEADER, size - IMAGE_HEADER))
    why = "its checksum does not match: it was changed or damaged";
  reader r = {set, p + IMAGE_HEADER, p + size, NULL, 0, NULL};
  bool ok = !why && read_payload(&r);
  mem_free(r.str);
  if (!why) why = r.why;
  if (!ok) {
    int f = set->nfiles ? 0 : xml_add_file(set, "<image>", NULL);
    xml_error(set, f, 0, 0, "E-image", "cannot read the story image: %s", why ? why : "?");
    return -1;
  }
  set->bytes = size;
  return 0;
}

static const char *href_of(const xt_node *el) {
  for (const xt_attr *a = el->properties; a; a = a->next)
    if (!a->ns && !strcmp(a->name, "href")) return a->value;
  return NULL;
}

int image_include(xml_set *set, int from, const xt_node *inc, int nchain) {
  const char *href = href_of(inc);
  if (!href) {
    xml_error(set, from, inc->line, 0, "E-include", "<xi:include> needs an href attribute");
    return -1;
  }
  if (nchain >= XML_MAX_INCLUDE_DEPTH) {
    xml_error(set, from, inc->line, 0, "E-include",
              "includes nested too deeply (more than %d levels)", XML_MAX_INCLUDE_DEPTH);
    return -1;
  }
  mem_buf shown = {0};
  xml_shown_name(set, from, href, &shown);
  int result = -1;
  if (set->next_include >= set->nfiles)
    xml_error(set, from, inc->line, 0, "E-include", "the story image holds no file for \"%.200s\"",
              href);
  else if (strcmp(set->files[set->next_include].name, shown.data))
    xml_error(set, from, inc->line, 0, "E-include",
              "the story image holds \"%.200s\" where this include names \"%.200s\"",
              set->files[set->next_include].name, shown.data);
  else {
    int f = (int)set->next_include++;
    const xt_node *root = set->files[f].root;
    if (root->ns || strcmp(root->name, "nodes") != 0)
      xml_error(set, f, root->line, 0, "E-include",
                "an included file must have <nodes> as its root element, found <%s>", root->name);
    else
      result = f;
  }
  mem_buf_free(&shown);
  return result;
}
