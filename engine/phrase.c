/* SPDX-License-Identifier: MIT */
/* phrase.c - see phrase.h. */
#include "phrase.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "suggest.h"

#define MAX_ELEMS 32
#define MAX_GAP 8
#define FUZZY_MIN 6 /* phrase words this long or longer meet their one-typo spellings */
#define SWAP_MIN 4  /* and words this long their spellings with two letters swapped */

typedef struct vocab_slot {
  uint64_t hash;
  int32_t id; /* -1 when empty */
} vocab_slot;

typedef struct variant {
  const char *typed;
  const char *means; /* its words, each followed by a NUL, then an empty one */
} variant;

typedef struct wmatch { /* one word of a phrase: any of some phrase words */
  uint32_t first, n;    /* ids in set->idpool */
  bool exact;           /* no near spellings */
  bool literal;         /* "word": only as written (n is 1, and the pool's next entry
                           is the word's index in set->raws) */
} wmatch;

typedef struct alt {
  uint32_t first, n; /* wmatches */
} alt;

typedef struct elem {
  uint8_t gap;           /* "..." standing for up to gap words; else a word */
  uint32_t first, nalts; /* alts */
} elem;

typedef struct phrase {
  uint32_t first, n; /* elems */
  uint32_t tag;
} phrase;

typedef struct pclass {
  const char *name;
  const char *first_word; /* as written, for samples */
  uint32_t first, n;      /* ids */
} pclass;

struct ph_set {
  mem_arena *arena;
  struct sb_stemmer *stemmer;
  const char *algo;
  unsigned gap;
  /* the phrase words */
  const char **words;
  size_t nwords, words_cap;
  vocab_slot *slots;
  size_t nslots;
  /* the phrase words as written (folded, not stemmed): a word of the text that
   * is one of them needs no stemming, and typos are measured against them */
  struct raw_word {
    const char *w;
    uint32_t n;
    int32_t id; /* its stem */
  } * raws;
  size_t nraws, raws_cap;
  vocab_slot *raw_slots; /* raw word -> index in raws */
  size_t nraw_slots;
  /* per first byte, the raws of SWAP_MIN bytes or more, sorted by length at build */
  uint32_t *by_letter[256];
  size_t nby_letter[256], by_letter_cap[256];
  wd_text split; /* scratch for adding */
  mem_buf sbuf;
  /* variants: open addressing on the typed word */
  variant *variants;
  size_t nvariants, variant_slots;
  pclass *classes;
  size_t nclasses, classes_cap;
  int32_t *idpool;
  size_t nidpool, idpool_cap;
  wmatch *wm;
  size_t nwm, wm_cap;
  alt *alts;
  size_t nalts, alts_cap;
  elem *elems;
  size_t nelems, elems_cap;
  phrase *phrases;
  size_t nphrases, phrases_cap;
  /* the index: phrases by the ids their first word can be */
  uint32_t *index_off; /* nwords + 1 */
  uint32_t *index;
  bool built;
};

static uint64_t hash_str(const char *s, size_t n) {
  return mem_hash(MEM_HASH_INIT, s, n) | 1;
}

/* ---- the phrase words ---------------------------------------------------------- */

static int32_t vocab_find(const ph_set *s, const char *w, size_t n) {
  if (!s->nslots) return -1;
  uint64_t h = hash_str(w, n);
  for (size_t i = h & (s->nslots - 1);; i = (i + 1) & (s->nslots - 1)) {
    const vocab_slot *sl = &s->slots[i];
    if (sl->id < 0) return -1;
    if (sl->hash == h && strlen(s->words[sl->id]) == n && !memcmp(s->words[sl->id], w, n))
      return sl->id;
  }
}

static void vocab_grow(ph_set *s) {
  size_t n = s->nslots ? s->nslots * 2 : 256;
  vocab_slot *v = mem_alloc(n * sizeof *v);
  for (size_t i = 0; i < n; i++)
    v[i].id = -1;
  for (size_t k = 0; k < s->nwords; k++) {
    const char *w = s->words[k];
    uint64_t h = hash_str(w, strlen(w));
    size_t i = h & (n - 1);
    while (v[i].id >= 0)
      i = (i + 1) & (n - 1);
    v[i].hash = h;
    v[i].id = (int32_t)k;
  }
  mem_free(s->slots);
  s->slots = v;
  s->nslots = n;
}

static int32_t vocab_add(ph_set *s, const char *w, size_t n) {
  int32_t id = vocab_find(s, w, n);
  if (id >= 0) return id;
  if ((s->nwords + 1) * 2 > s->nslots) vocab_grow(s);
  id = (int32_t)s->nwords;
  *VEC_PUSH(s->words, s->nwords, s->words_cap) = mem_arena_strndup(s->arena, w, n);
  uint64_t h = hash_str(w, n);
  size_t i = h & (s->nslots - 1);
  while (s->slots[i].id >= 0)
    i = (i + 1) & (s->nslots - 1);
  s->slots[i].hash = h;
  s->slots[i].id = id;
  return id;
}

static int32_t raw_find(const ph_set *s, const char *w, size_t n) {
  if (!s->nraw_slots) return -1;
  uint64_t h = hash_str(w, n);
  for (size_t i = h & (s->nraw_slots - 1);; i = (i + 1) & (s->nraw_slots - 1)) {
    const vocab_slot *sl = &s->raw_slots[i];
    if (sl->id < 0) return -1;
    const struct raw_word *r = &s->raws[sl->id];
    if (sl->hash == h && r->n == n && !memcmp(r->w, w, n)) return sl->id;
  }
}

static void raw_slot_put(vocab_slot *v, size_t nslots, uint64_t h, int32_t k) {
  size_t i = h & (nslots - 1);
  while (v[i].id >= 0)
    i = (i + 1) & (nslots - 1);
  v[i].hash = h;
  v[i].id = k;
}

/* Keeps a phrase word as written, with its stem. */
static void raw_add(ph_set *s, const char *w, size_t n, int32_t id) {
  if (raw_find(s, w, n) >= 0) return;
  if ((s->nraws + 1) * 2 > s->nraw_slots) {
    size_t ns = s->nraw_slots ? s->nraw_slots * 2 : 512;
    vocab_slot *v = mem_alloc(ns * sizeof *v);
    for (size_t i = 0; i < ns; i++)
      v[i].id = -1;
    for (size_t k = 0; k < s->nraws; k++)
      raw_slot_put(v, ns, hash_str(s->raws[k].w, s->raws[k].n), (int32_t)k);
    mem_free(s->raw_slots);
    s->raw_slots = v;
    s->nraw_slots = ns;
  }
  struct raw_word *r = VEC_PUSH(s->raws, s->nraws, s->raws_cap);
  r->w = mem_arena_strndup(s->arena, w, n);
  r->n = (uint32_t)n;
  r->id = id;
  raw_slot_put(s->raw_slots, s->nraw_slots, hash_str(w, n), (int32_t)(s->nraws - 1));
  if (n >= SWAP_MIN) {
    unsigned char c = (unsigned char)w[0];
    *VEC_PUSH(s->by_letter[c], s->nby_letter[c], s->by_letter_cap[c]) = (uint32_t)(s->nraws - 1);
  }
}

/* ---- variants -------------------------------------------------------------------- */

static const variant *variant_find(const ph_set *s, const char *w, size_t n) {
  if (!s->variant_slots) return NULL;
  uint64_t h = hash_str(w, n);
  for (size_t i = h & (s->variant_slots - 1);; i = (i + 1) & (s->variant_slots - 1)) {
    const variant *v = &s->variants[i];
    if (!v->typed) return NULL;
    if (strlen(v->typed) == n && !memcmp(v->typed, w, n)) return v;
  }
}

static void variant_put(variant *tab, size_t slots, variant v) {
  size_t i = hash_str(v.typed, strlen(v.typed)) & (slots - 1);
  while (tab[i].typed && strcmp(tab[i].typed, v.typed))
    i = (i + 1) & (slots - 1);
  tab[i] = v; /* a later variant of the same word replaces the earlier one */
}

/* ---- stemming -------------------------------------------------------------------- */

static bool all_digits(const char *w, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (w[i] < '0' || w[i] > '9') return false;
  return true;
}

/* The stem of a folded word, in a buffer of its own (*out, *outn). */
static void stem(struct sb_stemmer *st, const char *w, size_t n, mem_buf *buf) {
  buf->len = 0;
  if (st && n && !all_digits(w, n)) {
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);
    if (r) {
      mem_buf_add(buf, (const char *)r, (size_t)sb_stemmer_length(st));
      return;
    }
  }
  mem_buf_add(buf, w, n);
}

/* ---- set up ---------------------------------------------------------------------- */

ph_set *ph_new(void) {
  ph_set *s = mem_alloc(sizeof *s);
  s->arena = mem_arena_new();
  s->gap = 3;
  return s;
}

void ph_free(ph_set *s) {
  if (!s) return;
  if (s->stemmer) sb_stemmer_delete(s->stemmer);
  for (int i = 0; i < 256; i++)
    mem_free(s->by_letter[i]);
  mem_free(s->words);
  mem_free(s->slots);
  mem_free(s->raws);
  mem_free(s->raw_slots);
  wd_text_free(&s->split);
  mem_buf_free(&s->sbuf);
  mem_free(s->variants);
  mem_free(s->classes);
  mem_free(s->idpool);
  mem_free(s->wm);
  mem_free(s->alts);
  mem_free(s->elems);
  mem_free(s->phrases);
  mem_free(s->index_off);
  mem_free(s->index);
  mem_arena_free(s->arena);
  mem_free(s);
}

static void *copy_array(const void *p, size_t n, size_t size) {
  void *r = mem_alloc(n ? n * size : 1);
  if (n) memcpy(r, p, n * size);
  return r;
}

ph_set *ph_copy(const ph_set *src, size_t nphrases) {
  ph_set *s = ph_new();
  if (src->algo) ph_set_stemmer(s, src->algo);
  s->gap = src->gap;
  s->words = copy_array(src->words, src->nwords, sizeof *s->words);
  s->nwords = s->words_cap = src->nwords;
  for (size_t i = 0; i < s->nwords; i++)
    s->words[i] = mem_arena_strdup(s->arena, src->words[i]);
  s->slots = copy_array(src->slots, src->nslots, sizeof *s->slots);
  s->nslots = src->nslots;
  s->raws = copy_array(src->raws, src->nraws, sizeof *s->raws);
  s->nraws = s->raws_cap = src->nraws;
  for (size_t i = 0; i < s->nraws; i++)
    s->raws[i].w = mem_arena_strndup(s->arena, src->raws[i].w, src->raws[i].n);
  s->raw_slots = copy_array(src->raw_slots, src->nraw_slots, sizeof *s->raw_slots);
  s->nraw_slots = src->nraw_slots;
  for (int c = 0; c < 256; c++) {
    s->by_letter[c] = copy_array(src->by_letter[c], src->nby_letter[c], sizeof(uint32_t));
    s->nby_letter[c] = s->by_letter_cap[c] = src->nby_letter[c];
  }
  s->variants = copy_array(src->variants, src->variant_slots, sizeof *s->variants);
  s->variant_slots = src->variant_slots;
  s->nvariants = src->nvariants;
  for (size_t i = 0; i < s->variant_slots; i++) {
    variant *v = &s->variants[i];
    if (!v->typed) continue;
    v->typed = mem_arena_strdup(s->arena, v->typed);
    size_t n = 0; /* its words, each followed by a NUL, then an empty one */
    while (v->means[n])
      n += strlen(v->means + n) + 1;
    char *m = mem_arena_alloc(s->arena, n + 1);
    memcpy(m, v->means, n + 1);
    v->means = m;
  }
  s->classes = copy_array(src->classes, src->nclasses, sizeof *s->classes);
  s->nclasses = s->classes_cap = src->nclasses;
  for (size_t i = 0; i < s->nclasses; i++) {
    s->classes[i].name = mem_arena_strdup(s->arena, src->classes[i].name);
    if (src->classes[i].first_word)
      s->classes[i].first_word = mem_arena_strdup(s->arena, src->classes[i].first_word);
  }
  s->idpool = copy_array(src->idpool, src->nidpool, sizeof *s->idpool);
  s->nidpool = s->idpool_cap = src->nidpool;
  s->wm = copy_array(src->wm, src->nwm, sizeof *s->wm);
  s->nwm = s->wm_cap = src->nwm;
  s->alts = copy_array(src->alts, src->nalts, sizeof *s->alts);
  s->nalts = s->alts_cap = src->nalts;
  s->elems = copy_array(src->elems, src->nelems, sizeof *s->elems);
  s->nelems = s->elems_cap = src->nelems;
  if (nphrases > src->nphrases) nphrases = src->nphrases;
  s->phrases = copy_array(src->phrases, nphrases, sizeof *s->phrases);
  s->nphrases = s->phrases_cap = nphrases;
  return s;
}

bool ph_set_stemmer(ph_set *s, const char *algorithm) {
  if (s->stemmer) sb_stemmer_delete(s->stemmer);
  s->stemmer = NULL;
  s->algo = NULL;
  if (!strcmp(algorithm, "none")) return true;
  s->stemmer = sb_stemmer_new(algorithm, "UTF_8");
  if (!s->stemmer) return false;
  s->algo = mem_arena_strdup(s->arena, algorithm);
  return true;
}

void ph_set_gap(ph_set *s, unsigned gap) {
  s->gap = gap > MAX_GAP ? MAX_GAP : gap;
}

size_t ph_count(const ph_set *s) {
  return s->nphrases;
}

uint32_t ph_tag(const ph_set *s, size_t i) {
  return s->phrases[i].tag;
}

/* The words of a phrase's piece, as phrase words: folded, the variants put
 * in, stemmed. Appends their ids to ids. Returns how many. */
static size_t piece_words(ph_set *s, const char *src, size_t n, int32_t **ids, size_t *nids,
                          size_t *cap, bool literal) {
  wd_text *t = &s->split;
  wd_split(src, n, t);
  size_t before = *nids;
  for (size_t i = 0; i < t->n; i++) {
    const char *w = wd_word(t, i);
    size_t wn = t->tok[i].len;
    const variant *v = variant_find(s, w, wn);
    const char *m = v ? v->means : w;
    for (; *m; m += strlen(m) + 1) { /* the word, or the words it stands for */
      size_t mn = v ? strlen(m) : wn;
      int32_t r = raw_find(s, m, mn), id;
      if (r >= 0) {
        id = s->raws[r].id;
      } else {
        stem(s->stemmer, m, mn, &s->sbuf);
        id = vocab_add(s, s->sbuf.data, s->sbuf.len);
        raw_add(s, m, mn, id);
        r = raw_find(s, m, mn);
      }
      *VEC_PUSH(*ids, *nids, *cap) = id;
      if (literal) *VEC_PUSH(*ids, *nids, *cap) = r; /* (a pair: the stem, the word) */
      if (!v) break;
    }
  }
  return (*nids - before) / (literal ? 2 : 1);
}

bool ph_add_variant(ph_set *s, const char *typed, const char *means, char *err, size_t errlen) {
  wd_text t = {0}, m = {0};
  wd_split(typed, strlen(typed), &t);
  wd_split(means, strlen(means), &m);
  bool ok = t.n == 1 && m.n >= 1;
  if (!ok) {
    snprintf(err, errlen,
             t.n != 1 ? "'%s' is not one word: a variant is one word as people type it"
                      : "'%s' stands for no word",
             typed);
  } else {
    mem_buf b = {0};
    for (size_t i = 0; i < m.n; i++) {
      mem_buf_add(&b, wd_word(&m, i), m.tok[i].len);
      mem_buf_addc(&b, 0);
    }
    mem_buf_addc(&b, 0);
    variant v = {mem_arena_strndup(s->arena, wd_word(&t, 0), t.tok[0].len), NULL};
    char *means_copy = mem_arena_alloc(s->arena, b.len);
    memcpy(means_copy, b.data, b.len);
    v.means = means_copy;
    mem_buf_free(&b);
    if ((s->nvariants + 1) * 2 > s->variant_slots) {
      size_t slots = s->variant_slots ? s->variant_slots * 2 : 128;
      variant *tab = mem_alloc(slots * sizeof *tab);
      for (size_t i = 0; i < s->variant_slots; i++)
        if (s->variants[i].typed) variant_put(tab, slots, s->variants[i]);
      mem_free(s->variants);
      s->variants = tab;
      s->variant_slots = slots;
    }
    if (!variant_find(s, v.typed, strlen(v.typed))) s->nvariants++;
    variant_put(s->variants, s->variant_slots, v);
  }
  wd_text_free(&t);
  wd_text_free(&m);
  return ok;
}

static const pclass *class_find(const ph_set *s, const char *name, size_t n) {
  for (size_t i = 0; i < s->nclasses; i++)
    if (strlen(s->classes[i].name) == n && !memcmp(s->classes[i].name, name, n))
      return &s->classes[i];
  return NULL;
}

/* "no class @insullt (did you mean @insult?) ...": the error for an unknown
 * class, with the closest one the set has. */
static void no_class(const ph_set *s, const char *name, size_t n, char *err, size_t errlen) {
  char want[64];
  snprintf(want, sizeof want, "%.*s", (int)n, name);
  suggest_best b;
  suggest_start(&b, want);
  for (size_t i = 0; i < s->nclasses; i++)
    suggest_offer(&b, s->classes[i].name);
  if (b.best)
    snprintf(err, errlen, "no class @%.*s (did you mean @%s?)", (int)n, name, b.best);
  else
    snprintf(err, errlen, "no class @%.*s (define it in a [class %.*s] section first)", (int)n,
             name, (int)n, name);
}

bool ph_add_class(ph_set *s, const char *name, const char *words, char *err, size_t errlen) {
  if (class_find(s, name, strlen(name))) {
    snprintf(err, errlen, "the class @%s is defined twice", name);
    return false;
  }
  pclass c = {mem_arena_strdup(s->arena, name), NULL, (uint32_t)s->nidpool, 0};
  const char *p = words;
  while (*p) {
    while (*p == ' ')
      p++;
    const char *e = p;
    while (*e && *e != ' ')
      e++;
    if (e > p) {
      if (!c.first_word) c.first_word = mem_arena_strndup(s->arena, p, (size_t)(e - p));
      size_t before = s->nidpool;
      size_t k = piece_words(s, p, (size_t)(e - p), &s->idpool, &s->nidpool, &s->idpool_cap, false);
      if (k != 1) {
        s->nidpool = before;
        snprintf(err, errlen, "'%.*s' in @%s is not one word (a class holds single words)",
                 (int)(e - p), p, name);
        return false;
      }
    }
    p = e;
  }
  c.n = (uint32_t)(s->nidpool - c.first);
  if (!c.n) {
    snprintf(err, errlen, "the class @%s has no words", name);
    return false;
  }
  *VEC_PUSH(s->classes, s->nclasses, s->classes_cap) = c;
  return true;
}

/* Skips the blanks at *p; returns the length of the word of a phrase there. */
static size_t next_token(const char **p) {
  while (**p == ' ' || **p == '\t')
    (*p)++;
  size_t n = 0;
  while ((*p)[n] && (*p)[n] != ' ' && (*p)[n] != '\t')
    n++;
  return n;
}

/* Reads the quotes of a piece of a phrase, [*p, *p + *n): a word in double
 * quotes ("texted") is found only as written: *literal, and *p and *n are
 * then what stands inside them. False with err for a quote not closed ("a
 * b" is two pieces: "words_joined" is the way) or around more than a word;
 * `whole` (wn bytes) is what err names. */
static bool read_quotes(const char **p, size_t *n, bool *literal, const char *whole, size_t wn,
                        char *err, size_t errlen) {
  *literal = false;
  if (*n && ((*p)[0] == '"') != ((*p)[*n - 1] == '"')) {
    snprintf(err, errlen, "'%.*s': a quote that is not closed (write \"word\" or \"words_joined\")",
             (int)wn, whole);
    return false;
  }
  if (*n < 3 || (*p)[0] != '"') return true;
  (*p)++;
  *n -= 2;
  *literal = true;
  if (memchr(*p, '"', *n) || **p == '@') {
    snprintf(err, errlen, "'%.*s': a word in quotes is one word (or words_joined)", (int)wn, whole);
    return false;
  }
  return true;
}

/* An element of one word, any of the ids [first, first+n) of the pool. */
static void add_word_elem(ph_set *s, uint32_t first, uint32_t n, bool exact, bool literal) {
  wmatch *w = VEC_PUSH(s->wm, s->nwm, s->wm_cap);
  w->first = first;
  w->n = n;
  w->exact = exact || literal;
  w->literal = literal;
  alt *a = VEC_PUSH(s->alts, s->nalts, s->alts_cap);
  a->first = (uint32_t)(s->nwm - 1);
  a->n = 1;
  elem *e = VEC_PUSH(s->elems, s->nelems, s->elems_cap);
  e->gap = 0;
  e->first = (uint32_t)(s->nalts - 1);
  e->nalts = 1;
}

int32_t ph_add(ph_set *s, const char *src, uint32_t tag, char *err, size_t errlen) {
  return ph_add_gapped(s, src, tag, 0, err, errlen);
}

int32_t ph_add_gapped(ph_set *s, const char *src, uint32_t tag, unsigned between, char *err,
                      size_t errlen) {
  size_t elems0 = s->nelems, alts0 = s->nalts, wm0 = s->nwm, ids0 = s->nidpool;
  const char *p = src;
  bool last_gap = true; /* (a phrase cannot start with "...") */
  if (between > MAX_GAP) between = MAX_GAP;
  *err = 0;
  while (*p && !*err) {
    size_t n = next_token(&p);
    const char *e = p + n;
    if (!n) break;
    bool exact = *p == '=';
    bool dots = n == 3 && !memcmp(p, "...", 3);
    if (between && !last_gap && !dots) { /* room for a few words before this one */
      elem *g = VEC_PUSH(s->elems, s->nelems, s->elems_cap);
      g->gap = (uint8_t)between;
      g->first = g->nalts = 0;
    }
    if (dots) {
      if (last_gap) {
        snprintf(err, errlen, "'...' must stand between two words");
        break;
      }
      elem *g = VEC_PUSH(s->elems, s->nelems, s->elems_cap);
      g->gap = (uint8_t)s->gap;
      g->first = g->nalts = 0;
      last_gap = true;
    } else if (p[exact] == '@' && !memchr(p, '/', n)) { /* @class, or =@class: no typos */
      const char *cn = p + exact + 1;
      size_t cl = n - exact - 1;
      const pclass *c = class_find(s, cn, cl);
      if (!c) {
        no_class(s, cn, cl, err, errlen);
        break;
      }
      add_word_elem(s, c->first, c->n, exact, false);
      last_gap = false;
    } else if (memchr(p, '/', n)) {
      elem el = {0, (uint32_t)s->nalts, 0};
      for (const char *q = p; q <= e && !*err;) {
        const char *slash = memchr(q, '/', (size_t)(e - q));
        const char *qe = slash ? slash : e;
        bool qexact = q < qe && *q == '=';
        const char *qs = qexact ? q + 1 : q;
        size_t qn = (size_t)(qe - qs);
        bool qlit;
        if (!read_quotes(&qs, &qn, &qlit, q, (size_t)(qe - q), err, errlen)) break;
        if (qs < qe && *qs == '@') { /* a class among the alternatives */
          const pclass *c = class_find(s, qs + 1, (size_t)(qe - qs - 1));
          if (!c) {
            no_class(s, qs + 1, (size_t)(qe - qs - 1), err, errlen);
            break;
          }
          alt *a = VEC_PUSH(s->alts, s->nalts, s->alts_cap);
          a->first = (uint32_t)s->nwm;
          a->n = 1;
          wmatch *w = VEC_PUSH(s->wm, s->nwm, s->wm_cap);
          w->first = c->first;
          w->n = c->n;
          w->exact = qexact;
          w->literal = false;
          el.nalts++;
          q = qe + 1;
          continue;
        }
        size_t at = s->nidpool;
        size_t k = piece_words(s, qs, qn, &s->idpool, &s->nidpool, &s->idpool_cap, qlit);
        if (!k) {
          snprintf(err, errlen, "an empty alternative in '%.*s'", (int)n, p);
          break;
        }
        alt *a = VEC_PUSH(s->alts, s->nalts, s->alts_cap);
        a->first = (uint32_t)s->nwm;
        a->n = (uint32_t)k;
        for (size_t i = 0; i < k; i++) {
          wmatch *w = VEC_PUSH(s->wm, s->nwm, s->wm_cap);
          w->first = (uint32_t)(at + (qlit ? 2 * i : i));
          w->n = 1;
          w->exact = qexact || qlit;
          w->literal = qlit;
        }
        el.nalts++;
        q = qe + 1;
      }
      *VEC_PUSH(s->elems, s->nelems, s->elems_cap) = el;
      last_gap = false;
    } else {
      const char *ws = exact ? p + 1 : p;
      size_t wn = (size_t)(e - ws);
      bool lit;
      if (!read_quotes(&ws, &wn, &lit, p, n, err, errlen)) break;
      size_t at = s->nidpool;
      size_t k = piece_words(s, ws, wn, &s->idpool, &s->nidpool, &s->idpool_cap, lit);
      for (size_t i = 0; i < k; i++)
        add_word_elem(s, (uint32_t)(at + (lit ? 2 * i : i)), 1, exact, lit);
      if (k) last_gap = false;
    }
    p = e;
  }
  size_t nel = s->nelems - elems0;
  if (!*err && nel == 0) snprintf(err, errlen, "the phrase has no words");
  if (!*err && last_gap) snprintf(err, errlen, "'...' must stand between two words");
  if (!*err && nel > MAX_ELEMS)
    snprintf(err, errlen, "the phrase is too long (at most %d words)", MAX_ELEMS);
  if (*err) {
    s->nelems = elems0;
    s->nalts = alts0;
    s->nwm = wm0;
    s->nidpool = ids0;
    return -1;
  }
  phrase *ph = VEC_PUSH(s->phrases, s->nphrases, s->phrases_cap);
  ph->first = (uint32_t)elems0;
  ph->n = (uint32_t)nel;
  ph->tag = tag;
  return (int32_t)(s->nphrases - 1);
}

char *ph_sample(const ph_set *s, const char *src) {
  mem_buf b = {0};
  mem_buf_add(&b, "", 0);
  for (const char *p = src; *p;) {
    size_t n = next_token(&p);
    const char *e = p + n;
    if (!n) break;
    const char *slash = memchr(p, '/', n);
    size_t m = slash ? (size_t)(slash - p) : n; /* the first alternative */
    const char *w = p;
    if (*w == '=') w++, m--;
    if (m >= 3 && *w == '"' && w[m - 1] == '"') w++, m -= 2; /* "texted" */
    if (n == 3 && !memcmp(p, "...", 3)) {
      p = e;
      continue;
    }
    if (b.len) mem_buf_addc(&b, ' ');
    if (*w == '@') {
      const pclass *c = class_find(s, w + 1, m - 1);
      mem_buf_adds(&b, c && c->first_word ? c->first_word : "");
    } else {
      for (size_t i = 0; i < m; i++)
        mem_buf_addc(&b, w[i] == '_' ? ' ' : w[i]);
    }
    p = e;
  }
  return b.data;
}

/* Calls f(ud, id) for every id the first word of phrase p can be. */
static void first_ids(const ph_set *s, const phrase *p, void (*f)(void *, int32_t), void *ud) {
  const elem *e = &s->elems[p->first];
  for (uint32_t a = 0; a < e->nalts; a++) {
    const wmatch *w = &s->wm[s->alts[e->first + a].first];
    for (uint32_t i = 0; i < w->n; i++)
      f(ud, s->idpool[w->first + i]);
  }
}

typedef struct build_ctx {
  uint32_t *off;
  uint32_t *index;
  uint32_t phrase;
} build_ctx;

static void count_id(void *ud, int32_t id) {
  ((build_ctx *)ud)->off[id + 1]++;
}

static void place_id(void *ud, int32_t id) {
  build_ctx *c = ud;
  c->index[c->off[id]++] = c->phrase;
}

static const ph_set *sorting; /* (qsort has no context argument; building is not shared) */
static int by_length(const void *a, const void *b) {
  uint32_t na = sorting->raws[*(const uint32_t *)a].n, nb = sorting->raws[*(const uint32_t *)b].n;
  return na < nb ? -1 : na > nb;
}

void ph_build(ph_set *s) {
  sorting = s;
  for (int c = 0; c < 256; c++)
    if (s->nby_letter[c] > 1) qsort(s->by_letter[c], s->nby_letter[c], sizeof(uint32_t), by_length);
  sorting = NULL;
  s->index_off = mem_alloc((s->nwords + 2) * sizeof *s->index_off);
  build_ctx c = {s->index_off, NULL, 0};
  for (size_t i = 0; i < s->nphrases; i++)
    first_ids(s, &s->phrases[i], count_id, &c);
  for (size_t i = 0; i < s->nwords; i++)
    s->index_off[i + 1] += s->index_off[i];
  size_t total = s->index_off[s->nwords];
  s->index = mem_alloc((total ? total : 1) * sizeof *s->index);
  uint32_t *fill = mem_alloc((s->nwords + 1) * sizeof *fill);
  memcpy(fill, s->index_off, s->nwords * sizeof *fill);
  c.off = fill;
  c.index = s->index;
  for (size_t i = 0; i < s->nphrases; i++) {
    c.phrase = (uint32_t)i;
    first_ids(s, &s->phrases[i], place_id, &c);
  }
  mem_free(fill);
  s->built = true;
}

/* ---- reading a text -------------------------------------------------------------- */

void ph_words_free(ph_words *w) {
  if (!w) return;
  wd_text_free(&w->split);
  mem_free(w->tok);
  mem_free(w->ids);
  mem_free(w->tried);
  mem_buf_free(&w->scratch);
  if (w->stemmer) sb_stemmer_delete(w->stemmer);
  memset(w, 0, sizeof *w);
}

/* Two neighbours swapped, and nothing else. */
static bool swapped(const char *a, const char *b, size_t n) {
  size_t i = 0;
  while (i < n && a[i] == b[i])
    i++;
  return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         !memcmp(a + i + 2, b + i + 2, n - i - 2);
}

/* At most one typo apart: one byte left out, added, changed, or two
 * neighbours swapped (the optimal string alignment distance is 1 or 0). */
static bool one_typo(const char *a, size_t na, const char *b, size_t nb) {
  if (na > nb) {
    const char *t = a;
    a = b;
    b = t;
    size_t tn = na;
    na = nb;
    nb = tn;
  }
  if (nb - na > 1) return false;
  size_t i = 0;
  while (i < na && a[i] == b[i])
    i++;
  if (i == na) return true; /* equal, or b has one more at the end */
  if (na == nb) {
    if (!memcmp(a + i + 1, b + i + 1, na - i - 1)) return true; /* changed */
    return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           !memcmp(a + i + 2, b + i + 2, na - i - 2); /* swapped */
  }
  return !memcmp(a + i, b + i + 1, na - i); /* b has one more */
}

/* Whether w (which holds '*' for hidden letters) can be v. */
static bool hidden(const char *w, const char *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (w[i] != '*' && w[i] != v[i]) return false;
  return true;
}

static void fuzzy_push(ph_words *out, ph_tok *t, int32_t id) {
  for (uint32_t i = 0; i < t->nfuzzy; i++)
    if (out->ids[t->fuzzy + i] == id) return;
  *VEC_PUSH(out->ids, out->nids, out->ids_cap) = id;
  t->nfuzzy++;
}

/* The first raw of bucket c of length n or more (the bucket is sorted by length). */
static size_t first_of_length(const ph_set *s, unsigned char c, size_t n) {
  size_t lo = 0, hi = s->nby_letter[c];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->raws[s->by_letter[c][mid]].n < n)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The phrase words a word of the text is one typo away from (as written,
 * not stemmed), or that it can be with its hidden letters. */
static void fuzzy_ids(const ph_set *s, const char *w, size_t n, ph_words *out, ph_tok *t) {
  t->fuzzy = (uint32_t)out->nids;
  t->nfuzzy = 0;
  if (n < SWAP_MIN - 1 || w[0] == '*') return; /* "****": nothing to go on */
  unsigned char c = (unsigned char)w[0];
  bool hid = memchr(w, '*', n) != NULL;
  for (size_t k = first_of_length(s, c, hid ? n : n - 1); k < s->nby_letter[c]; k++) {
    const struct raw_word *r = &s->raws[s->by_letter[c][k]];
    if (r->n > (hid ? n : n + 1)) break;
    bool near = hid                 ? r->n == n && hidden(w, r->w, n)
                : r->n >= FUZZY_MIN ? one_typo(w, n, r->w, r->n)
                                    : r->n == n && swapped(w, r->w, n);
    if (near) fuzzy_push(out, t, r->id);
  }
}

/* Collapses runs of three or more of one letter to `keep` letters. */
static size_t collapse(const char *w, size_t n, size_t keep, char *out) {
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && w[j] == w[i])
      j++;
    size_t run = j - i;
    size_t put = run >= 3 ? keep : run;
    for (size_t r = 0; r < put; r++)
      out[k++] = w[i];
    i = j;
  }
  return k;
}

static bool has_run(const char *w, size_t n) {
  for (size_t i = 2; i < n; i++)
    if (w[i] == w[i - 1] && w[i] == w[i - 2]) return true;
  return false;
}

static void push_tok(const ph_set *s, ph_words *out, const wd_tok *src, uint8_t brk, const char *w,
                     size_t n) {
  ph_tok *t = VEC_PUSH(out->tok, out->n, out->cap);
  t->start = src->start;
  t->end = src->end;
  t->brk = brk;
  t->fuzzy = t->nfuzzy = 0;
  int32_t r = raw_find(s, w, n);
  t->raw = r;
  if (r >= 0) { /* a phrase word as written: no stemming needed */
    t->id = s->raws[r].id;
    return;
  }
  stem(out->stemmer, w, n, &out->scratch);
  t->id = memchr(w, '*', n) ? -1 : vocab_find(s, out->scratch.data, out->scratch.len);
  if (t->id < 0) fuzzy_ids(s, w, n, out, t);
}

/* Letters written as digits ("su1c1de", "k1ll"): in a word of letters and
 * digits, the digits that stand for letters become them. */
static bool leet(char *w, size_t n) {
  bool letters = false, digits = false;
  for (size_t i = 0; i < n; i++) {
    letters |= w[i] >= 'a' && w[i] <= 'z';
    digits |= w[i] >= '0' && w[i] <= '9';
  }
  if (!letters || !digits) return false;
  static const char map[] = "oizeasgtbg"; /* 0 1 2 3 4 5 6 7 8 9 */
  for (size_t i = 0; i < n; i++)
    if (w[i] >= '0' && w[i] <= '9') w[i] = map[w[i] - '0'];
  return true;
}

/* Whether a folded word means something to the set: a variant, or a phrase
 * word once stemmed. */
static bool known(const ph_set *s, ph_words *out, const char *w, size_t n) {
  if (variant_find(s, w, n) || raw_find(s, w, n) >= 0) return true;
  stem(out->stemmer, w, n, &out->scratch);
  return vocab_find(s, out->scratch.data, out->scratch.len) >= 0;
}

/* out's stemmer: the set's algorithm, made when it is not that one yet. */
static void use_stemmer(const ph_set *s, ph_words *out) {
  if (s->algo && (!out->stemmer || !out->stemmer_algo || strcmp(out->stemmer_algo, s->algo))) {
    if (out->stemmer) sb_stemmer_delete(out->stemmer);
    out->stemmer = sb_stemmer_new(s->algo, "UTF_8");
    out->stemmer_algo = s->algo;
  } else if (!s->algo && out->stemmer) {
    sb_stemmer_delete(out->stemmer);
    out->stemmer = NULL;
    out->stemmer_algo = NULL;
  }
}

bool ph_knows(const ph_set *s, ph_words *w, const char *word, size_t n) {
  use_stemmer(s, w);
  return known(s, w, word, n);
}

void ph_read(const ph_set *s, const char *text, size_t n, ph_words *out) {
  use_stemmer(s, out);
  wd_split(text, n, &out->split);
  out->n = 0;
  out->nids = 0;
  char small[64];
  for (size_t i = 0; i < out->split.n; i++) {
    const wd_tok *src = &out->split.tok[i];
    const char *w = wd_word(&out->split, i);
    size_t wn = src->len;
    char *buf = wn < sizeof small ? small : mem_alloc(wn + 1);
    memcpy(buf, w, wn + 1);
    w = buf;
    const variant *v = variant_find(s, w, wn);
    if (!v && leet(buf, wn)) v = variant_find(s, w, wn);
    if (!v && has_run(w, wn)) { /* "dieee", "killlll": the form the set knows */
      char *c = mem_alloc(wn + 1);
      size_t k2 = collapse(w, wn, 2, c);
      if (!known(s, out, c, k2)) k2 = collapse(w, wn, 1, c);
      memcpy(buf, c, k2);
      buf[k2] = 0;
      wn = k2;
      mem_free(c);
      v = variant_find(s, w, wn);
    }
    if (!v) {
      push_tok(s, out, src, src->brk, w, wn);
    } else { /* the words it stands for share its bytes; a break comes before the first */
      uint8_t brk = src->brk;
      for (const char *m = v->means; *m; m += strlen(m) + 1, brk = WD_BREAK_NONE)
        push_tok(s, out, src, brk, m, strlen(m));
    }
    if (buf != small) mem_free(buf);
  }
}

/* ---- finding phrases ------------------------------------------------------------- */

static bool in_ids(const ph_set *s, const wmatch *m, int32_t id) {
  for (uint32_t i = 0; i < m->n; i++)
    if (s->idpool[m->first + i] == id) return true;
  return false;
}

static bool word_meets(const ph_set *s, const ph_words *w, const wmatch *m, size_t t) {
  const ph_tok *k = &w->tok[t];
  if (m->literal) return k->raw >= 0 && s->idpool[m->first + 1] == k->raw;
  if (k->id >= 0) return in_ids(s, m, k->id);
  if (m->exact) return false;
  for (uint32_t i = 0; i < k->nfuzzy; i++)
    if (in_ids(s, m, w->ids[k->fuzzy + i])) return true;
  return false;
}

#define MAX_SPAN 64 /* words in a match: ph_hit.gaps has a bit for each */

/* Whether word t ends a sentence before it (a question ends one too). */
static bool sentence_before(const ph_words *w, size_t t) {
  return w->tok[t].brk >= WD_BREAK_SENTENCE;
}

/* Matches elements [e, p->n) of p from word t on; *end gets where it ended,
 * and *gaps a bit for each word that a "..." stood for. Words next to each
 * other in the phrase must be in one sentence; a "..." may stand for the end
 * of one ("i am done. with everything. with life" for "done ... with life").
 * `joined`: word t follows the phrase's previous word directly. Depth: at
 * most MAX_ELEMS. */
static bool match_from(const ph_set *s, const ph_words *w, const phrase *p, uint32_t e, size_t t,
                       size_t first, bool joined, size_t *end, uint64_t *gaps) {
  if (e == p->n) {
    *end = t;
    return true;
  }
  const elem *el = &s->elems[p->first + e];
  if (el->gap) {
    for (size_t k = 0; k <= el->gap; k++) {
      if (t + k > w->n || t + k - first >= MAX_SPAN) break;
      if (match_from(s, w, p, e + 1, t + k, first, false, end, gaps)) {
        for (size_t j = 0; j < k; j++)
          *gaps |= 1ull << (t - first + j);
        return true;
      }
    }
    return false;
  }
  for (uint32_t a = 0; a < el->nalts; a++) {
    const alt *al = &s->alts[el->first + a];
    size_t tt = t;
    bool ok = true;
    for (uint32_t i = 0; i < al->n && ok; i++, tt++)
      ok = tt < w->n && tt - first < MAX_SPAN &&
           (tt == first || (i == 0 && !joined) || !sentence_before(w, tt)) &&
           word_meets(s, w, &s->wm[al->first + i], tt);
    if (ok && match_from(s, w, p, e + 1, tt, first, true, end, gaps)) return true;
  }
  return false;
}

static void try_at(const ph_set *s, ph_words *w, int32_t id, size_t t, ph_hit **hits, size_t *n,
                   size_t *cap) {
  for (uint32_t k = s->index_off[id]; k < s->index_off[id + 1]; k++) {
    uint32_t pi = s->index[k];
    if (w->tried[pi] == t + 1) continue;
    w->tried[pi] = (uint32_t)t + 1;
    size_t end;
    uint64_t gaps = 0;
    if (match_from(s, w, &s->phrases[pi], 0, t, t, true, &end, &gaps)) {
      ph_hit *h = VEC_PUSH(*hits, *n, *cap);
      h->phrase = pi;
      h->first = (uint32_t)t;
      h->end = (uint32_t)end;
      h->gaps = gaps;
    }
  }
}

void ph_find(const ph_set *s, ph_words *w, ph_hit **hits, size_t *n, size_t *cap) {
  if (!s->built || !s->nphrases) return;
  if (w->tried_cap < s->nphrases) {
    mem_free(w->tried);
    w->tried = mem_alloc(s->nphrases * sizeof *w->tried);
    w->tried_cap = s->nphrases;
  } else {
    memset(w->tried, 0, s->nphrases * sizeof *w->tried);
  }
  for (size_t t = 0; t < w->n; t++) {
    const ph_tok *k = &w->tok[t];
    if (k->id >= 0)
      try_at(s, w, k->id, t, hits, n, cap);
    else
      for (uint32_t i = 0; i < k->nfuzzy; i++)
        try_at(s, w, w->ids[k->fuzzy + i], t, hits, n, cap);
  }
}
