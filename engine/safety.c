/* SPDX-License-Identifier: MIT */
/*
 * safety.c - lexicons of signs of crisis and abuse, and scanning a person's
 * text for them (see mend/safety.h; the file format is documented in
 * stories/safety/README.md).
 *
 * A lexicon is read in two passes over all its parts: first the settings,
 * variants and classes (so that a counsellor's variant applies to the bundled
 * phrases too), then the kinds and phrases. Every phrase goes into one phrase
 * set, tagged with its role; a scan finds them all in one pass and then
 * applies NegEx to the signs.
 */
#include "mend/safety.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "mem.h"
#include "model.h"
#include "negex.h"
#include "phrase.h"
#include "utf8.h"

#define MAX_LEXICON (8u << 20)
#define MAX_KINDS 4096

enum role {
  R_SIGN = 0,
  R_BEFORE,
  R_AFTER,
  R_ANSWER,
  R_PSEUDO,
  R_TERMINATION,
  R_FIGURATIVE,
  R_ROLES
};

#define TAG(role, kind) ((uint32_t)(role) << 24 | (uint32_t)(kind))
#define TAG_ROLE(t) ((t) >> 24)
#define TAG_KIND(t) ((t)&0xFFFFFFu)

typedef struct kind {
  mend_safety_category category;
  const char *name, *says;
  int severity;
  bool quiet; /* [heavy], [unsafe]: read by heavy() or unsafe() only, severity 0 */
  bool told;  /* their "told:" lines: read only where a line is told (lexicon_reads_told) */
  const char *file;
  int line;
} kind;

struct mend_lexicon {
  mem_arena *arena;
  ph_set *set; /* its words, figurative phrases and signs */
  const char *language, *name;
  unsigned scope;
  struct rec *recs; /* every line read */
  size_t nrecs;
  size_t nwords; /* the phrases of its words (negation...) come first in set: how many */
  kind *kinds;
  size_t nkinds, kinds_cap;
  const char **src; /* per phrase: as written */
  int *line;        /* per phrase */
  size_t nsrc, src_cap, nline, line_cap;
  const char *sample[3]; /* per category: a text it reads as a sign of it, or NULL */
  const char *quiet[3];  /* per category: a text with a [heavy] or [unsafe] phrase, or NULL */
  const char *nothing;   /* a whole answer that says nothing ([answer nothing]), or NULL */
  const char *said[LEXICON_MAX_SAID]; /* the names of the lists [said NAME], in order */
  size_t nsaid;
};

const char *mend_safety_category_name(mend_safety_category c) {
  switch (c) {
  case MEND_SAFETY_CRISIS: return "crisis";
  case MEND_SAFETY_ABUSE: return "abuse";
  default: return "none";
  }
}

/* ---- reading the text ----------------------------------------------------------- */

typedef enum sect {
  S_TOP,
  S_VARIANTS,
  S_CLASS,
  S_BEFORE,
  S_AFTER,
  S_ANSWER,
  S_NOTHING,
  S_PSEUDO,
  S_TERMINATION,
  S_COMMON,
  S_FOREIGN,
  S_FIGURATIVE,
  S_HEAVY,
  S_UNSAFE,
  S_DIG,
  S_SAID,
  S_KIND
} sect;

typedef struct rec { /* one meaningful line */
  sect section;
  const char *arg; /* S_CLASS: its name; S_KIND: "crisis: suicide" */
  char *text;      /* the line, trimmed */
  const char *file;
  int line;
  int section_line; /* where its section's heading is */
} rec;

typedef struct reader {
  mend_lexicon *lx;
  mend_diags *d;
  size_t errors;
  rec *recs;
  size_t nrecs, cap;
} reader;

static void err(reader *r, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void err(reader *r, const char *file, int line, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (r->d) mend_diags_add(r->d, MEND_ERROR, file, line, 0, "E-lexicon", msg);
  r->errors++;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = 0;
  return s;
}

/* "key: value" -> value, when the line starts with key and a colon. */
static const char *key(const char *line, const char *k) {
  size_t n = strlen(k);
  if (strncmp(line, k, n) || line[n] != ':') return NULL;
  line += n + 1;
  while (*line == ' ' || *line == '\t')
    line++;
  return line;
}

static bool section_of(reader *r, char *name, const char *file, int line, sect *s,
                       const char **arg) {
  static const struct {
    const char *name;
    sect s;
  } fixed[] = {{"variants", S_VARIANTS},
               {"negation before", S_BEFORE},
               {"negation after", S_AFTER},
               {"answer no", S_ANSWER},
               {"pseudo-negation", S_PSEUDO},
               {"common words", S_COMMON},
               {"answer nothing", S_NOTHING},
               {"other languages", S_FOREIGN},
               {"termination", S_TERMINATION},
               {"figurative", S_FIGURATIVE},
               {"heavy", S_HEAVY},
               {"unsafe", S_UNSAFE},
               {"dig", S_DIG}};
  *arg = NULL;
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    if (!strcmp(name, fixed[i].name)) {
      *s = fixed[i].s;
      return true;
    }
  if (!strncmp(name, "said ", 5)) {
    const char *c = trim(name + 5);
    if (!*c || strspn(c, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(c)) {
      err(r, file, line, "[said %s]: a list's name is lower-case letters, digits, '-' or '_'", c);
      return false;
    }
    *s = S_SAID;
    *arg = mem_arena_strdup(r->lx->arena, c);
    return true;
  }
  if (!strncmp(name, "class ", 6)) {
    const char *c = trim(name + 6);
    if (!*c || strspn(c, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(c)) {
      err(r, file, line, "[class %s]: a class name is lower-case letters, digits, '-' or '_'", c);
      return false;
    }
    *s = S_CLASS;
    *arg = mem_arena_strdup(r->lx->arena, c);
    return true;
  }
  if (!strncmp(name, "crisis:", 7) || !strncmp(name, "abuse:", 6)) {
    char *k = trim(strchr(name, ':') + 1);
    if (!*k || strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(k)) {
      err(r, file, line,
          "[%s]: a kind's name is lower-case letters, digits and '-' (as in [crisis: self-harm])",
          name);
      return false;
    }
    *s = S_KIND;
    *arg = mem_arena_strdup(r->lx->arena, name);
    return true;
  }
  err(r, file, line,
      "[%s] is not a section: use [variants], [class NAME], [negation before], [negation after], "
      "[answer no], [answer nothing], [pseudo-negation], [termination], [common words], "
      "[other languages], "
      "[figurative], [heavy], [unsafe], [dig], [said NAME], [crisis: KIND] or [abuse: KIND]",
      name);
  return false;
}

/* Splits a part into records. */
static void read_part(reader *r, const char *data, size_t size, const char *file) {
  if (size > MAX_LEXICON) {
    err(r, file, 0, "the lexicon is larger than %u MB", MAX_LEXICON >> 20);
    return;
  }
  if (!utf8_valid(data, size) || memchr(data, 0, size)) {
    err(r, file, 0, "the lexicon is not valid UTF-8 text (save it as UTF-8)");
    return;
  }
  char *copy = mem_strndup(data, size);
  sect s = S_TOP;
  const char *arg = NULL;
  bool section_ok = true;
  int line = 0, heading = 0;
  for (char *p = copy; p && *p;) {
    char *nl = strchr(p, '\n');
    if (nl) *nl = 0;
    line++;
    char *t = trim(p);
    p = nl ? nl + 1 : NULL;
    if (!*t || *t == '#') continue;
    for (char *c = t; *c; c++)
      if (*c == '\t') *c = ' ';
    if (*t == '[') {
      char *close = strchr(t, ']');
      if (!close || close[1]) {
        err(r, file, line, "a section heading is one line like [crisis: suicide]");
        section_ok = false;
        continue;
      }
      *close = 0;
      section_ok = section_of(r, trim(t + 1), file, line, &s, &arg);
      heading = line;
      continue;
    }
    if (!section_ok) continue;
    rec *rc = VEC_PUSH(r->recs, r->nrecs, r->cap);
    rc->section = s;
    rc->arg = arg;
    rc->text = mem_arena_strdup(r->lx->arena, t);
    rc->file = mem_arena_strdup(r->lx->arena, file);
    rc->line = line;
    rc->section_line = heading;
  }
  mem_free(copy);
}

/* ---- building -------------------------------------------------------------------- */

static bool parse_uint(const char *v, unsigned max, unsigned *out) {
  if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 4) return false;
  unsigned x = (unsigned)atoi(v);
  if (x > max) return false;
  *out = x;
  return true;
}

/* The lexicon's own settings: language, name, scope (stemmer and gap belong
 * to its phrase sets: see words_into). */
static void apply_top(reader *r, const rec *rc, bool *stemmer_set) {
  mend_lexicon *lx = r->lx;
  const char *v;
  unsigned u;
  if ((v = key(rc->text, "language"))) {
    if (lx->language && strcmp(lx->language, v))
      err(r, rc->file, rc->line, "language: %s, but the lexicon is '%s'", v, lx->language);
    else if (!*v || strlen(v) > 35 ||
             strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen(v))
      err(r, rc->file, rc->line, "language: '%s' is not a language tag like en or pt-BR", v);
    else
      lx->language = mem_arena_strdup(lx->arena, v);
  } else if ((v = key(rc->text, "name"))) {
    if (!*v)
      err(r, rc->file, rc->line, "name: the language's name in plain words (English)");
    else
      lx->name = v;
  } else if ((v = key(rc->text, "stemmer"))) {
    if (*stemmer_set) err(r, rc->file, rc->line, "the stemmer is set once, in the first file");
    *stemmer_set = true;
  } else if ((v = key(rc->text, "scope"))) {
    if (!parse_uint(v, 20, &u) || !u)
      err(r, rc->file, rc->line, "scope: a number of words from 1 to 20");
    else
      lx->scope = u;
  } else if ((v = key(rc->text, "gap"))) {
    if (!parse_uint(v, 8, &u)) err(r, rc->file, rc->line, "gap: a number of words from 0 to 8");
  } else {
    err(r, rc->file, rc->line,
        "'%s' before any section: only language:, name:, stemmer:, scope: and gap: come first",
        rc->text);
  }
}

static int32_t kind_find(const mend_lexicon *lx, mend_safety_category c, const char *name) {
  for (size_t i = 0; i < lx->nkinds; i++)
    if (lx->kinds[i].category == c && !strcmp(lx->kinds[i].name, name)) return (int32_t)i;
  return -1;
}

/* The kind of category c named name, made (from rc's section) the first
 * time; -1 when there are too many. */
static int32_t kind_named(mend_lexicon *lx, mend_safety_category c, const char *name,
                          const rec *rc) {
  int32_t k = kind_find(lx, c, name);
  if (k >= 0) return k;
  if (lx->nkinds >= MAX_KINDS) return -1;
  kind *nk = VEC_PUSH(lx->kinds, lx->nkinds, lx->kinds_cap);
  memset(nk, 0, sizeof *nk);
  nk->category = c;
  nk->name = name;
  nk->file = rc->file;
  nk->line = rc->section_line;
  return (int32_t)(lx->nkinds - 1);
}

static int32_t kind_of(reader *r, const rec *rc) {
  mend_safety_category c = !strncmp(rc->arg, "crisis", 6) ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE;
  const char *name = rc->arg + (c == MEND_SAFETY_CRISIS ? 7 : 6);
  while (*name == ' ')
    name++;
  return kind_named(r->lx, c, name, rc);
}

/* Adds a record's phrase to set with tag; records it as the lexicon's (its
 * text and line, by phrase index) when r is given. */
static void add_phrase(reader *r, ph_set *set, const rec *rc, uint32_t tag) {
  char msg[256];
  int32_t i = ph_add(set, rc->text, tag, msg, sizeof msg);
  if (i < 0) {
    if (r) err(r, rc->file, rc->line, "'%s': %s", rc->text, msg);
    return;
  }
  if (!r) return;
  mend_lexicon *lx = r->lx;
  *VEC_PUSH(lx->src, lx->nsrc, lx->src_cap) = rc->text;
  *VEC_PUSH(lx->line, lx->nline, lx->line_cap) = rc->line;
}

/* A line of a list of the words ([dig], [said NAME]): its phrase and tag, a
 * target of index `index`; "alone:" before it, of index `alone`; "not:", words
 * that make one they share a word with not one. */
static uint32_t list_phrase(const char *text, uint32_t index, uint32_t alone, const char **phrase) {
  const char *v = key(text, "not");
  if (v) {
    *phrase = v;
    return NX_TAG(NX_FIGURATIVE, index);
  }
  v = key(text, "alone");
  *phrase = v ? v : text;
  return NX_TAG(NX_TARGET, v ? alone : index);
}

/* A [dig] line's phrase and tag: a dig (a target of index NX_DIG: a rule's
 * index is never one); with "alone:" before it, a dig when it is the whole
 * answer ("alone: @insult": "psycho."); with "not:", words that make a dig
 * they share a word with not one ("not: started to enjoy being"). */
static uint32_t dig_phrase(const char *text, const char **phrase) {
  return list_phrase(text, NX_DIG, NX_DIG_ALONE, phrase);
}

/* The same for a line of the list [said NAME] number k. */
static uint32_t said_phrase(const mend_lexicon *lx, const rec *rc, const char **phrase) {
  size_t k = 0;
  while (k < lx->nsaid && strcmp(lx->said[k], rc->arg))
    k++;
  return list_phrase(rc->text, NX_SAID(k), NX_SAID_ALONE(k), phrase);
}

int32_t lexicon_said(const mend_lexicon *lx, const char *name, size_t n) {
  for (size_t k = 0; k < lx->nsaid; k++)
    if (strlen(lx->said[k]) == n && !memcmp(lx->said[k], name, n)) return (int32_t)k;
  return -1;
}

/* A text of a list of the words ([dig]; [said NAME] when name is given),
 * made from its first phrase that is neither "not:" nor "alone:". */
static char *list_sample(const mend_lexicon *lx, sect section, const char *name) {
  for (size_t i = 0; i < lx->nrecs; i++)
    if (lx->recs[i].section == section && (!name || !strcmp(lx->recs[i].arg, name)) &&
        !key(lx->recs[i].text, "not") && !key(lx->recs[i].text, "alone"))
      return ph_sample(lx->set, lx->recs[i].text);
  return NULL;
}

char *lexicon_dig_sample(const mend_lexicon *lx) {
  return list_sample(lx, S_DIG, NULL);
}

char *lexicon_said_sample(const mend_lexicon *lx, int32_t k) {
  return k < 0 || (size_t)k >= lx->nsaid ? NULL : list_sample(lx, S_SAID, lx->said[k]);
}

void lexicon_said_names(const mend_lexicon *lx, char *buf, size_t cap) {
  size_t len = 0;
  if (cap) buf[0] = 0;
  for (size_t k = 0; k < lx->nsaid && len < cap; k++)
    len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? ", " : "", lx->said[k]);
}

/* Puts the words of the records into a new phrase set: its stemmer and gap,
 * the variants, the classes, and the phrases with a role (negation, pseudo-
 * negation, termination, common words). With r, errors are reported there
 * and the phrases recorded as the lexicon's; without, none can happen (the
 * records loaded once already). */
static void words_into(reader *r, const rec *recs, size_t n, ph_set *set) {
  static const uint32_t roles[] = {[S_BEFORE] = NX_BEFORE,           [S_AFTER] = NX_AFTER,
                                   [S_ANSWER] = NX_ANSWER,           [S_PSEUDO] = NX_PSEUDO,
                                   [S_TERMINATION] = NX_TERMINATION, [S_COMMON] = NX_COMMON,
                                   [S_NOTHING] = NX_NOTHING};
  char msg[256];
  bool stemmer = false;
  for (size_t i = 0; i < n; i++) {
    const rec *rc = &recs[i];
    const char *v;
    unsigned u;
    if (rc->section != S_TOP) continue;
    if ((v = key(rc->text, "stemmer")) && !stemmer) {
      stemmer = true;
      if (!ph_set_stemmer(set, v) && r)
        err(r, rc->file, rc->line,
            "stemmer: '%s' is not a Snowball stemmer (english, french, german, spanish, "
            "portuguese, italian, dutch... or none)",
            v);
    } else if ((v = key(rc->text, "gap")) && parse_uint(v, 8, &u)) {
      ph_set_gap(set, u);
    }
  }
  for (size_t i = 0; i < n; i++) {
    const rec *rc = &recs[i];
    if (rc->section != S_VARIANTS) continue;
    const char *eq = strchr(rc->text, '=');
    if (!eq) {
      if (r)
        err(r, rc->file, rc->line, "a variant is written 'typed = meant', as in dont = do not");
      continue;
    }
    char *typed = mem_strndup(rc->text, (size_t)(eq - rc->text));
    char *meant = mem_strdup(eq + 1);
    if (!ph_add_variant(set, trim(typed), trim(meant), msg, sizeof msg) && r)
      err(r, rc->file, rc->line, "%s", msg);
    mem_free(typed);
    mem_free(meant);
  }
  /* the words of one class, from all its lines */
  for (size_t i = 0; i < n; i++) {
    const rec *rc = &recs[i];
    if (rc->section != S_CLASS) continue;
    bool first = true;
    for (size_t k = 0; k < i && first; k++)
      first = !(recs[k].section == S_CLASS && !strcmp(recs[k].arg, rc->arg));
    if (!first) continue;
    mem_buf words = {0};
    for (size_t k = i; k < n; k++)
      if (recs[k].section == S_CLASS && !strcmp(recs[k].arg, rc->arg)) {
        mem_buf_adds(&words, recs[k].text);
        mem_buf_addc(&words, ' ');
      }
    if (!ph_add_class(set, rc->arg, words.data, msg, sizeof msg) && r)
      err(r, rc->file, rc->line, "%s", msg);
    mem_buf_free(&words);
  }
  for (size_t i = 0; i < n; i++) {
    sect sc = recs[i].section;
    if (sc == S_BEFORE || sc == S_AFTER || sc == S_ANSWER || sc == S_PSEUDO ||
        sc == S_TERMINATION || sc == S_NOTHING)
      add_phrase(r, set, &recs[i], NX_TAG(roles[sc], 0));
    if (sc != S_COMMON && sc != S_FOREIGN) continue;
    /* common words: a list of single words, like a class's */
    for (const char *p = recs[i].text; *p;) {
      while (*p == ' ')
        p++;
      const char *e = p;
      while (*e && *e != ' ')
        e++;
      if (e > p) {
        char *word = mem_strndup(p, (size_t)(e - p));
        uint32_t tag = NX_TAG(sc == S_COMMON ? NX_COMMON : NX_FOREIGN, 0);
        if (ph_add(set, word, tag, msg, sizeof msg) < 0) {
          if (r) err(r, recs[i].file, recs[i].line, "'%s': %s", word, msg);
        } else if (r) { /* its text and line, by phrase index, as add_phrase keeps them */
          mend_lexicon *lx = r->lx;
          *VEC_PUSH(lx->src, lx->nsrc, lx->src_cap) = recs[i].text;
          *VEC_PUSH(lx->line, lx->nline, lx->line_cap) = recs[i].line;
        }
        mem_free(word);
      }
      p = e;
    }
  }
}

/* [heavy]: phrases a story's heavy() reads as heavy, as it reads every sign of
 * crisis, but that bring no screen by themselves; [unsafe]: the same for
 * unsafe() and the signs of abuse. They are signs of a kind of their own,
 * "heavy" or "unsafe", of severity 0, in their category. A line with "told:"
 * before it is read only in a line told where a number, a choice or a yes/no
 * was asked (told(heavy)), not by heavy() of an answer, where the story's
 * question gives such words their meaning ("told: i hate myself"). */
static void apply_quiet(reader *r, const rec *rc, mend_safety_category c) {
  const char *told = key(rc->text, "told");
  const char *aside = key(rc->text, "not"); /* (its own lines only, as in a kind) */
  if (aside) told = NULL;
  static const char *const names[2][2] = {{"unsafe (no screen)", "unsafe (no screen, told)"},
                                          {"heavy (no screen)", "heavy (no screen, told)"}};
  int32_t k = kind_named(r->lx, c, names[c == MEND_SAFETY_CRISIS][told != NULL], rc);
  if (k < 0) {
    err(r, rc->file, rc->line, "too many kinds (at most %d)", MAX_KINDS);
    return;
  }
  r->lx->kinds[k].quiet = true;
  r->lx->kinds[k].told = told != NULL;
  r->lx->kinds[k].says = "";
  rec phrase = *rc;
  if (told || aside) phrase.text = rc->text + ((told ? told : aside) - rc->text); /* (its tail) */
  add_phrase(r, r->lx->set, &phrase, NX_TAG(aside ? NX_FIGURATIVE : NX_TARGET, k));
}

static void apply_kind(reader *r, const rec *rc) {
  int32_t k = kind_of(r, rc);
  if (k < 0) {
    err(r, rc->file, rc->line, "too many kinds (at most %d)", MAX_KINDS);
    return;
  }
  kind *kd = &r->lx->kinds[k];
  const char *v;
  unsigned u;
  if ((v = key(rc->text, "severity"))) {
    if (!parse_uint(v, 9, &u) || !u)
      err(r, rc->file, rc->line, "severity: a number from 1 (least serious) to 9");
    else
      kd->severity = (int)u;
  } else if ((v = key(rc->text, "says"))) {
    if (!*v)
      err(r, rc->file, rc->line, "says: what the screen tells the person it noticed");
    else
      kd->says = v;
  } else if ((v = key(rc->text, "not"))) {
    /* words that make a sign of this kind only, that they share a word
     * with, not one ([figurative] lines set aside a sign of any kind) */
    rec phrase = *rc;
    phrase.text = rc->text + (v - rc->text); /* (its tail) */
    add_phrase(r, r->lx->set, &phrase, NX_TAG(NX_FIGURATIVE, k));
  } else {
    add_phrase(r, r->lx->set, rc, NX_TAG(NX_TARGET, k));
  }
}

/* A text for each category that a scan reads as a sign of it: the words of
 * the first phrase, of the most serious kind, whose words are found again
 * (not negated, not figurative). Testers answer with it (lexicon_sample). */
static void find_samples(mend_lexicon *lx) {
  for (size_t i = 0; i < lx->nwords && i < lx->nsrc && !lx->nothing; i++)
    if (NX_ROLE(ph_tag(lx->set, i)) == NX_NOTHING) {
      char *text = ph_sample(lx->set, lx->src[i]);
      lx->nothing = mem_arena_strdup(lx->arena, text);
      mem_free(text);
    }
  for (size_t i = lx->nwords; i < ph_count(lx->set) && i < lx->nsrc; i++) {
    uint32_t tag = ph_tag(lx->set, i);
    if (NX_ROLE(tag) != NX_TARGET || !lx->kinds[NX_INDEX(tag)].quiet) continue;
    mend_safety_category c = lx->kinds[NX_INDEX(tag)].category;
    if (lx->quiet[c]) continue;
    char *text = ph_sample(lx->set, lx->src[i]);
    if (mend_safety_reads(lx, c, text, strlen(text)))
      lx->quiet[c] = mem_arena_strdup(lx->arena, text);
    mem_free(text);
  }
  int best[3] = {0, 0, 0};
  for (size_t i = lx->nwords; i < ph_count(lx->set) && i < lx->nsrc; i++) {
    uint32_t tag = ph_tag(lx->set, i);
    if (NX_ROLE(tag) != NX_TARGET) continue;
    const kind *k = &lx->kinds[NX_INDEX(tag)];
    if (k->severity <= best[k->category]) continue;
    char *text = ph_sample(lx->set, lx->src[i]);
    mend_safety_result r;
    mend_safety_scan(lx, text, strlen(text), &r);
    const mend_safety_hit *h = k->category == MEND_SAFETY_CRISIS ? &r.crisis : &r.abuse;
    if (h->category == k->category) {
      best[k->category] = k->severity;
      lx->sample[k->category] = mem_arena_strdup(lx->arena, text);
    }
    mem_free(text);
  }
}

const char *lexicon_nothing_sample(const mend_lexicon *lx) {
  return lx ? lx->nothing : NULL;
}

const char *lexicon_sample(const mend_lexicon *lx, mend_safety_category c) {
  return lx && (c == MEND_SAFETY_CRISIS || c == MEND_SAFETY_ABUSE) ? lx->sample[c] : NULL;
}

mend_lexicon *mend_lexicon_load_parts(const char *const *data, const size_t *size,
                                      const char *const *name, size_t nparts, mend_diags *diags) {
  mend_lexicon *lx = mem_alloc(sizeof *lx);
  lx->arena = mem_arena_new();
  lx->set = ph_new();
  lx->scope = 5;
  reader r = {lx, diags, 0, NULL, 0, 0};
  for (size_t i = 0; i < nparts; i++)
    read_part(&r, data[i], size[i], name[i]);
  bool stemmer_set = false;
  for (size_t i = 0; i < r.nrecs; i++)
    if (r.recs[i].section == S_TOP) apply_top(&r, &r.recs[i], &stemmer_set);
  if (!stemmer_set && nparts)
    err(&r, name[0], 0, "the lexicon names no stemmer (stemmer: english, or none)");
  if (!lx->language && nparts) err(&r, name[0], 0, "the lexicon names no language (language: en)");
  if (!lx->name) lx->name = lx->language ? lx->language : "";
  words_into(&r, r.recs, r.nrecs, lx->set);
  lx->nwords = ph_count(lx->set);
  /* [dig], [said NAME]: phrases of the stories' rubrics only (lexicon_words);
   * checked here */
  ph_set *digs = NULL;
  for (size_t i = 0; i < r.nrecs; i++) {
    if (r.recs[i].section != S_DIG && r.recs[i].section != S_SAID) continue;
    if (r.recs[i].section == S_SAID && lexicon_said(lx, r.recs[i].arg, strlen(r.recs[i].arg)) < 0) {
      if (lx->nsaid == LEXICON_MAX_SAID - 1) {
        err(&r, r.recs[i].file, r.recs[i].line, "[said %s]: too many lists (at most %d)",
            r.recs[i].arg, LEXICON_MAX_SAID - 1);
        continue;
      }
      lx->said[lx->nsaid++] = r.recs[i].arg;
    }
    if (!digs) digs = ph_copy(lx->set, lx->nwords);
    char msg[256];
    const char *phrase;
    uint32_t tag = r.recs[i].section == S_DIG ? dig_phrase(r.recs[i].text, &phrase)
                                              : said_phrase(lx, &r.recs[i], &phrase);
    if (ph_add(digs, phrase, tag, msg, sizeof msg) < 0)
      err(&r, r.recs[i].file, r.recs[i].line, "'%s': %s", r.recs[i].text, msg);
  }
  ph_free(digs);
  for (size_t i = 0; i < r.nrecs; i++) {
    if (r.recs[i].section == S_FIGURATIVE)
      add_phrase(&r, lx->set, &r.recs[i], NX_TAG(NX_FIGURATIVE, NX_ALL));
    else if (r.recs[i].section == S_KIND)
      apply_kind(&r, &r.recs[i]);
    else if (r.recs[i].section == S_HEAVY)
      apply_quiet(&r, &r.recs[i], MEND_SAFETY_CRISIS);
    else if (r.recs[i].section == S_UNSAFE)
      apply_quiet(&r, &r.recs[i], MEND_SAFETY_ABUSE);
  }
  for (size_t i = 0; i < lx->nkinds; i++) {
    const kind *k = &lx->kinds[i];
    if (k->quiet) continue;
    if (!k->severity)
      err(&r, k->file, k->line, "[%s: %s] has no severity: (1 to 9)",
          mend_safety_category_name(k->category), k->name);
    if (!k->says)
      err(&r, k->file, k->line, "[%s: %s] has no says: (what the screen tells the person)",
          mend_safety_category_name(k->category), k->name);
  }
  lx->recs = r.recs; /* kept: a story's rubric takes the words from them */
  lx->nrecs = r.nrecs;
  if (r.errors) {
    mend_lexicon_free(lx);
    return NULL;
  }
  ph_build(lx->set);
  find_samples(lx);
  return lx;
}

mend_lexicon *mend_lexicon_load_memory(const char *data, size_t size, const char *name,
                                       mend_diags *diags) {
  return mend_lexicon_load_parts(&data, &size, &name, 1, diags);
}

void mend_lexicon_free(mend_lexicon *lx) {
  if (!lx) return;
  ph_free(lx->set);
  mem_free(lx->kinds);
  mem_free(lx->src);
  mem_free(lx->line);
  mem_free(lx->recs);
  mem_arena_free(lx->arena);
  mem_free(lx);
}

const char *mend_lexicon_language(const mend_lexicon *lx) {
  return lx->language;
}

const char *mend_lexicon_name(const mend_lexicon *lx) {
  return lx->name;
}

size_t mend_lexicon_kind_count(const mend_lexicon *lx) {
  return lx->nkinds;
}

/* A story's rubric: the words, and the [dig] phrases, which only a story's
 * dig() reads. */
ph_set *lexicon_words(const mend_lexicon *lx) {
  ph_set *set = ph_copy(lx->set, lx->nwords);
  char msg[256];
  for (size_t i = 0; i < lx->nrecs; i++)
    if (lx->recs[i].section == S_DIG ||
        (lx->recs[i].section == S_SAID &&
         lexicon_said(lx, lx->recs[i].arg, strlen(lx->recs[i].arg)) >= 0)) {
      const char *phrase;
      uint32_t tag = lx->recs[i].section == S_DIG ? dig_phrase(lx->recs[i].text, &phrase)
                                                  : said_phrase(lx, &lx->recs[i], &phrase);
      ph_add(set, phrase, tag, msg, sizeof msg);
    }
  return set;
}

ph_set *lexicon_base(const mend_lexicon *lx) {
  return ph_copy(lx->set, lx->nwords);
}

unsigned lexicon_scope(const mend_lexicon *lx) {
  return lx->scope;
}

/* ---- scanning -------------------------------------------------------------------- */

typedef struct scan_ctx {
  const mend_lexicon *lx;
  mend_safety_result *res;
  bool reads[3];  /* per category: a sign of it, or a [heavy] or [unsafe] phrase, was found */
  bool told[3];   /* ... or one of their "told:" lines */
  bool across[3]; /* the sign kept runs over a sentence's end */
} scan_ctx;

static void fill(const mend_lexicon *lx, const nx_scan *sc, const ph_hit *h, mend_safety_hit *out) {
  const kind *k = &lx->kinds[NX_INDEX(ph_tag(lx->set, h->phrase))];
  out->category = k->category;
  out->kind = k->name;
  out->says = k->says;
  out->severity = k->severity;
  nx_span(sc, h, &out->start, &out->size);
  out->phrase = lx->src[h->phrase];
  out->line = lx->line[h->phrase];
}

static void on_sign(void *ud, const nx_scan *sc, const ph_hit *h, const ph_hit *by,
                    const char *why) {
  scan_ctx *c = ud;
  mend_safety_result *res = c->res;
  if (by) {
    if (res->set_aside.category == MEND_SAFETY_NONE) {
      fill(c->lx, sc, h, &res->set_aside);
      res->set_aside_by = c->lx->src[by->phrase];
      res->set_aside_why = why;
    }
    return;
  }
  const kind *k = &c->lx->kinds[NX_INDEX(ph_tag(c->lx->set, h->phrase))];
  c->told[k->category] = true;
  if (k->told) return;
  c->reads[k->category] = true; /* what heavy() and unsafe() ask */
  if (k->quiet) return;         /* not a screen */
  mend_safety_hit hit;
  fill(c->lx, sc, h, &hit);
  mend_safety_hit *best = hit.category == MEND_SAFETY_CRISIS ? &res->crisis : &res->abuse;
  /* (of two as serious that end together, the shorter where the other runs
   * over a sentence's end: "i miss him so much. he checked my phone" shows
   * "he checked my phone", not from "him"; "he choked me" stays whole) */
  bool shorter = c->across[hit.category] && hit.severity == best->severity &&
                 hit.start > best->start && hit.start + hit.size == best->start + best->size;
  if (best->category == MEND_SAFETY_NONE || hit.severity > best->severity || shorter) {
    *best = hit;
    c->across[hit.category] = false;
    for (uint32_t i = h->first + 1; i < h->end; i++)
      c->across[hit.category] |= sc->w.tok[i].brk >= WD_BREAK_SENTENCE;
  }
}

/* The scan of mend_safety_scan; whether it found a sign of category c, or a
 * [heavy] or [unsafe] phrase of it (what heavy() and unsafe() ask). */
static bool scan(const mend_lexicon *lx, mend_safety_category cat, const char *text, size_t size,
                 mend_safety_result *res, bool *told) {
  memset(res, 0, sizeof *res);
  if (told) *told = false;
  if (!lx || !text) return false;
  nx_scan sc = {0};
  scan_ctx c = {lx, res, {false, false, false}, {false, false, false}, {false, false, false}};
  nx_run(lx->set, lx->scope, text, size, &sc, on_sign, &c);
  nx_free(&sc);
  res->category = res->crisis.category != MEND_SAFETY_NONE  ? MEND_SAFETY_CRISIS
                  : res->abuse.category != MEND_SAFETY_NONE ? MEND_SAFETY_ABUSE
                                                            : MEND_SAFETY_NONE;
  if (told) *told = c.told[cat];
  return c.reads[cat];
}

mend_safety_category mend_safety_scan(const mend_lexicon *lx, const char *text, size_t size,
                                      mend_safety_result *res) {
  scan(lx, MEND_SAFETY_NONE, text, size, res, NULL);
  return res->category;
}

bool mend_safety_reads(const mend_lexicon *lx, mend_safety_category c, const char *text,
                       size_t size) {
  mend_safety_result r;
  return (c == MEND_SAFETY_CRISIS || c == MEND_SAFETY_ABUSE) && scan(lx, c, text, size, &r, NULL);
}

bool mend_safety_reads_told(const mend_lexicon *lx, mend_safety_category c, const char *text,
                            size_t size) {
  mend_safety_result r;
  bool told = false;
  if (c == MEND_SAFETY_CRISIS || c == MEND_SAFETY_ABUSE) scan(lx, c, text, size, &r, &told);
  return told;
}

/* The categories crisis() and abuse() ask about each variable (bit c for
 * category c), into cats (one per variable); whether any does. */
static bool sign_reads(const mend_story *st, uint8_t *cats) {
  bool any = false;
  for (size_t i = 0; i < st->expr.len; i++) {
    const expr_node *n = &st->expr.n[i];
    if (n->op != X_SIGN) continue;
    any = true;
    const expr_node *t = &st->expr.n[n->a];
    if (cats && t->op == X_TVAR && n->v < 8) cats[t->v] |= (uint8_t)(1u << n->v);
  }
  return any;
}

bool mend_story_reads_signs(const mend_story *story) {
  return story && sign_reads(story, NULL);
}

mend_told mend_story_reads_told(const mend_story *story) {
  return story ? story->reads_told | story->reads_just_told : 0;
}

mend_told mend_story_reads_just_told(const mend_story *story) {
  return story ? story->reads_just_told : 0;
}

const char *mend_story_tell_sample(const mend_story *story, mend_told flag) {
  for (unsigned k = 0; story && k < EXPR_TOLD_LISTS; k++)
    if (flag == (mend_told)EXPR_TOLD_LIST << k) return story->told_samples[k];
  if (story && flag == MEND_TOLD_DIG) return story->told_dig_sample;
  const mend_lexicon *lx = story ? story->lexicon : NULL;
  if (!lx) return NULL;
  switch (flag) {
  case MEND_TOLD_CRISIS: return lx->sample[MEND_SAFETY_CRISIS];
  case MEND_TOLD_ABUSE: return lx->sample[MEND_SAFETY_ABUSE];
  case MEND_TOLD_HEAVY:
    return lx->quiet[MEND_SAFETY_CRISIS] ? lx->quiet[MEND_SAFETY_CRISIS]
                                         : lx->sample[MEND_SAFETY_CRISIS];
  case MEND_TOLD_UNSAFE:
    return lx->quiet[MEND_SAFETY_ABUSE] ? lx->quiet[MEND_SAFETY_ABUSE]
                                        : lx->sample[MEND_SAFETY_ABUSE];
  default: return NULL;
  }
}

/* The samples a tester answers a text question with: the rules' (made at
 * load), then the lexicon's sign of each category crisis() or abuse() asks
 * of the variable. */
static void sign_samples(mend_story *st, const mend_lexicon *lx) {
  mem_free(st->sign_samples);
  mem_free(st->var_sign_samples);
  st->sign_samples = NULL;
  st->var_sign_samples = NULL;
  uint8_t *cats = mem_alloc(st->nvars + 1);
  if (lx && st->var_samples && sign_reads(st, cats)) {
    size_t n = 0, cap = 0;
    st->var_sign_samples = mem_alloc(sizeof(uint32_t) * 2 * (st->nvars + 1));
    for (size_t v = 0; v < st->nvars; v++) {
      st->var_sign_samples[2 * v] = (uint32_t)n;
      for (uint32_t k = 0; k < st->var_samples[2 * v + 1]; k++)
        *VEC_PUSH(st->sign_samples, n, cap) = st->samples[st->var_samples[2 * v] + k];
      for (int c = MEND_SAFETY_CRISIS; c >= MEND_SAFETY_ABUSE; c--)
        if ((cats[v] >> c & 1) && lx->sample[c])
          *VEC_PUSH(st->sign_samples, n, cap) = lx->sample[c];
      if ((cats[v] >> EXPR_SIGN_NOTHING & 1) && st->nothing_sample) /* "nothing" */
        *VEC_PUSH(st->sign_samples, n, cap) = st->nothing_sample;
      /* heavy(), unsafe(): one text it reads so (a [heavy] or [unsafe]
       * phrase, else a sign of crisis or abuse, when crisis() or abuse() does
       * not bring one already) */
      for (int q = EXPR_SIGN_HEAVY; q <= EXPR_SIGN_UNSAFE; q++) {
        int c = q == EXPR_SIGN_HEAVY ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE;
        if (!(cats[v] >> q & 1)) continue;
        const char *h = lx->quiet[c] ? lx->quiet[c] : lx->sample[c];
        if (h && (lx->quiet[c] || !(cats[v] >> c & 1))) *VEC_PUSH(st->sign_samples, n, cap) = h;
      }
      st->var_sign_samples[2 * v + 1] = (uint32_t)n - st->var_sign_samples[2 * v];
    }
    if (!st->sign_samples) *VEC_PUSH(st->sign_samples, n, cap) = NULL; /* (never read) */
  }
  mem_free(cats);
}

void mend_story_set_lexicon(mend_story *story, const mend_lexicon *lx) {
  if (!story) return;
  story->lexicon = lx;
  sign_samples(story, lx);
}
