/* SPDX-License-Identifier: MIT */
/* support.c - see support.h. */
#include "support.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diagout.h"
#include "invoked.h"
#include "library.h"
#include "screen.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

#define MAX_DATA (8u << 20)

/* ---- the country ----------------------------------------------------------------- */

static bool two_letters(const char *s, char out[3]) {
  if (!s || strlen(s) != 2) return false;
  for (int i = 0; i < 2; i++) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = (char)(c - 32);
    if (c < 'A' || c > 'Z') return false;
    out[i] = c;
  }
  out[2] = 0;
  return true;
}

bool support_country(const char *opt, char out[3]) {
  out[0] = 0;
  if (opt) {
    if (two_letters(opt, out)) return true;
    fprintf(stderr, "mend: --country needs a two-letter country code, such as GB, IE or US\n");
    return false;
  }
  const char *env = getenv("MEND_COUNTRY");
  if (env && *env) {
    if (two_letters(env, out)) return true;
    fputs("mend: MEND_COUNTRY is not a two-letter country code (such as GB); it is ignored\n",
          stderr);
  }
  static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < 3; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v) return mend_locale_country(v, out, 3); /* the first one set decides */
  }
  return false;
}

/* ---- loading ------------------------------------------------------------------------ */

typedef struct parts { /* the bundled file and a counsellor's, of each of two kinds */
  char *data[4], *name[4];
  size_t size[4], n;
} parts;

/* Adds a file when it exists; says why when it exists but cannot be read. */
static void add_part(parts *p, char *path) {
  if (p->n == sizeof p->data / sizeof *p->data) abort(); /* (a caller adds four at most) */
  char *data = NULL;
  size_t len = 0;
  int rc = store_read(path, MAX_DATA, &data, &len);
  if (rc == 0) {
    p->data[p->n] = data;
    p->size[p->n] = len;
    p->name[p->n++] = path;
    return;
  }
  if (rc != ENOENT) {
    fputs("mend: cannot read ", stderr);
    term_puts(stderr, path);
    fprintf(stderr, ": %s\n", rc == EFBIG ? "it is too large" : strerror(rc));
  }
  free(path);
}

static void free_parts(parts *p) {
  for (size_t i = 0; i < p->n; i++) {
    free(p->data[i]);
    free(p->name[i]);
  }
  p->n = 0;
}

static void say_diags(mend_diags *d) {
  print_diags(d);
}

static char *join3(const char *a, const char *b, const char *c) {
  char *ab = store_join(a, b);
  char *r = store_join(ab, c);
  free(ab);
  return r;
}

/* Candidates for a language tag: itself, its main language, and `fallback`
 * when given. Returns how many were written. */
static size_t candidates(const char *lang, const char *fallback, char cand[3][40]) {
  size_t nc = 0;
  if (lang && *lang && strlen(lang) < 40 &&
      strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == strlen(lang)) {
    snprintf(cand[nc++], 40, "%s", lang);
    const char *dash = strchr(lang, '-');
    if (dash) snprintf(cand[nc++], 40, "%.*s", (int)(dash - lang), lang);
  }
  if (fallback && (!nc || strcmp(cand[0], fallback))) snprintf(cand[nc++], 40, "%s", fallback);
  return nc;
}

/* Loads the parts there are; NULL (with the errors said) when they have
 * errors or there are none. *found tells whether any part exists. */
static mend_lexicon *load_parts(parts *p, bool *found) {
  *found = p->n > 0;
  if (!p->n) return NULL;
  mend_diags *d = mend_diags_new();
  mend_lexicon *lx = mend_lexicon_load_parts((const char *const *)p->data, p->size,
                                             (const char *const *)p->name, p->n, d);
  if (!lx) say_diags(d);
  mend_diags_free(d);
  free_parts(p);
  return lx;
}

/* The words of a language, then (with `safety`) its signs. */
static mend_lexicon *load_lexicon(const char *lang, const char *bundled, const char *config,
                                  bool safety, bool *found) {
  char file[64];
  parts p = {0};
  snprintf(file, sizeof file, "%s.words", lang);
  add_part(&p, join3(bundled, "lang", file));
  if (config) add_part(&p, join3(config, "lang", file));
  if (safety) {
    snprintf(file, sizeof file, "%s.lexicon", lang);
    add_part(&p, join3(bundled, "safety", file));
    if (config) add_part(&p, join3(config, "safety", file));
  }
  return load_parts(&p, found);
}

static mend_lexicon *load_safety(const char *lang, const char *bundled, const char *config) {
  char cand[3][40];
  size_t nc = candidates(lang, "en", cand);
  for (size_t i = 0; i < nc; i++) {
    bool found;
    mend_lexicon *lx = load_lexicon(cand[i], bundled, config, true, &found);
    if (!found) continue;
    if (!lx)
      fputs("mend: the safety lexicon has errors: what people write is not checked for signs of "
            "crisis or abuse (:support still lists the helplines)\n",
            stderr);
    return lx;
  }
  fputs("mend: no safety lexicon was found: what people write is not checked for signs of crisis "
        "or abuse\n",
        stderr);
  return NULL;
}

/* Lexicons by language, loaded once and kept until exit: the words of each
 * language, and its safety lexicon. */
typedef struct lexicon_cache {
  struct {
    char lang[40];
    mend_lexicon *lx;
  } at[8];
  size_t n;
} lexicon_cache;
static lexicon_cache words_cache, safety_cache;

static void caches_free(void) {
  lexicon_cache *all[] = {&words_cache, &safety_cache};
  for (size_t k = 0; k < 2; k++) {
    for (size_t i = 0; i < all[k]->n; i++)
      mend_lexicon_free(all[k]->at[i].lx);
    all[k]->n = 0;
  }
}

/* Whether `lang` was loaded already (into *lx, which may be NULL). */
static bool cache_find(const lexicon_cache *c, const char *lang, const mend_lexicon **lx) {
  for (size_t i = 0; i < c->n; i++)
    if (!strcmp(c->at[i].lang, lang ? lang : "")) {
      *lx = c->at[i].lx;
      return true;
    }
  return false;
}

static const mend_lexicon *cache_keep(lexicon_cache *c, const char *lang, mend_lexicon *lx) {
  static bool registered;
  if (c->n < sizeof c->at / sizeof *c->at) {
    if (!registered) atexit(caches_free), registered = true;
    snprintf(c->at[c->n].lang, sizeof c->at[0].lang, "%s", lang ? lang : "");
    c->at[c->n++].lx = lx;
  }
  return lx; /* (past 8 languages, one process leaks: no command meets that many) */
}

const mend_lexicon *support_words(const char *lang) {
  const mend_lexicon *known;
  if (cache_find(&words_cache, lang, &known)) return known;
  char *bundled = library_bundled_dir();
  char *config = store_config_dir();
  char cand[3][40];
  size_t nc = candidates(lang, NULL, cand);
  mend_lexicon *lx = NULL;
  for (size_t i = 0; i < nc; i++) {
    bool found;
    lx = load_lexicon(cand[i], bundled, config, false, &found);
    if (found) break;
  }
  free(bundled);
  free(config);
  return cache_keep(&words_cache, lang, lx);
}

const mend_lexicon *support_words_fn(void *ud, const char *lang) {
  (void)ud;
  return support_words(lang);
}

#define STORY_MAX (64u * 1024 * 1024) /* as the loader's own limit on a file */

mend_story *support_load_story(const char *path, unsigned flags, mend_diags *diags) {
  mend_load_opts o = {flags, support_words_fn, NULL};
  if (strcmp(path, "-")) return mend_story_load_opts(path, &o, diags);
  /* "-": the story from standard input, named "<stdin>" in messages; what
   * it includes is found from the current folder */
  char *data = NULL;
  size_t len = 0;
  if (cmd_read_input(NULL, path, STORY_MAX, &data, &len) != EXIT_OK) return NULL;
  mend_story *st = mend_story_load_memory_opts(data, len, DIAGOUT_STDIN, ".", &o, diags);
  free(data);
  return st;
}

const mend_lexicon *support_safety(const char *lang) {
  const mend_lexicon *known;
  if (cache_find(&safety_cache, lang, &known)) return known;
  char *bundled = library_bundled_dir();
  char *config = store_config_dir();
  mend_lexicon *lx = load_safety(lang, bundled, config);
  free(bundled);
  free(config);
  return cache_keep(&safety_cache, lang, lx);
}

mend_story *support_load_played(const char *path, unsigned flags, mend_diags *diags) {
  mend_story *st = support_load_story(path, flags, diags);
  if (st) mend_story_set_lexicon(st, support_safety(mend_story_lang(st)));
  return st;
}

static mend_resources *load_resources(const char *bundled, const char *config) {
  parts p = {0};
  add_part(&p, store_join(bundled, "safety/resources"));
  if (config) add_part(&p, store_join(config, "resources"));
  mend_diags *d = mend_diags_new();
  mend_resources *r = mend_resources_load_parts((const char *const *)p.data, p.size,
                                                (const char *const *)p.name, p.n, d);
  if (!r) say_diags(d);
  mend_diags_free(d);
  free_parts(&p);
  return r;
}

void support_open(support *s, const char *lang, const char *code) {
  memset(s, 0, sizeof *s);
  snprintf(s->code, sizeof s->code, "%s", code ? code : "");
  if (lang)
    snprintf(s->lang, sizeof s->lang, "%s", *lang ? lang : "en");
  else
    s->lexicon_tried = true;
}

const mend_lexicon *support_lexicon(support *s) {
  if (!s->lexicon_tried) {
    s->lexicon_tried = true;
    char *bundled = library_bundled_dir();
    char *config = store_config_dir();
    s->lexicon = load_safety(s->lang, bundled, config);
    free(bundled);
    free(config);
  }
  return s->lexicon;
}

const mend_resources *support_resources(support *s) {
  if (!s->res_tried) {
    s->res_tried = true;
    char *bundled = library_bundled_dir();
    char *config = store_config_dir();
    s->res = load_resources(bundled, config);
    s->here = mend_resources_find(s->res, s->code[0] ? s->code : NULL);
    free(bundled);
    free(config);
  }
  return s->res;
}

void support_close(support *s) {
  mend_lexicon_free(s->lexicon);
  mend_resources_free(s->res);
  memset(s, 0, sizeof *s);
}

/* ---- the words ---------------------------------------------------------------------- */

static screen_place place_of(support *s) {
  support_resources(s);
  screen_place pl = {s->res, s->here, s->code, invoked_command("support", NULL), 0};
  return pl;
}

char *support_screen(support *s, unsigned again, const mend_safety_hit *crisis,
                     const char *crisis_words, const mend_safety_hit *abuse,
                     const char *abuse_words) {
  screen_place pl = place_of(s);
  pl.again = again;
  char *text = screen_support(&pl, crisis, crisis_words, abuse, abuse_words);
  free((char *)pl.support);
  return text;
}

char *support_all_lines(support *s) {
  screen_place pl = place_of(s);
  char *text = screen_all_lines(&pl);
  free((char *)pl.support);
  return text;
}
