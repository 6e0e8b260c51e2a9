/* support.c - see support.h. */
#include "support.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "library.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

#define MAX_DATA (8u << 20)

const char support_choices[] = "What would you like to do now?\n"
                               "  1) Go on with the scenario\n"
                               "  2) Pause here: your place is kept, and you can come back later\n"
                               "  3) Stop this scenario (your journal keeps what you wrote)";

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

/* The words of each language asked for, kept until exit. */
static struct {
  char lang[40];
  mend_lexicon *lx;
} words_cache[8];
static size_t nwords_cache;

static void words_cache_free(void) {
  for (size_t i = 0; i < nwords_cache; i++)
    mend_lexicon_free(words_cache[i].lx);
  nwords_cache = 0;
}

const mend_lexicon *support_words(const char *lang) {
  for (size_t i = 0; i < nwords_cache; i++)
    if (!strcmp(words_cache[i].lang, lang ? lang : "")) return words_cache[i].lx;
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
  if (nwords_cache < sizeof words_cache / sizeof *words_cache) {
    if (!nwords_cache) atexit(words_cache_free);
    snprintf(words_cache[nwords_cache].lang, sizeof words_cache[0].lang, "%s", lang ? lang : "");
    words_cache[nwords_cache++].lx = lx;
  }
  return lx; /* (past 8 languages, one process leaks: no command meets that many) */
}

static const mend_lexicon *words_for(void *ud, const char *lang) {
  (void)ud;
  return support_words(lang);
}

mend_story *support_load_story(const char *path, unsigned flags, mend_diags *diags) {
  mend_load_opts o = {flags, words_for, NULL};
  return mend_story_load_opts(path, &o, diags);
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

static void add_line(xbuf *b, const mend_line *l) {
  xbuf_adds(b, "  ");
  xbuf_adds(b, l->name);
  xbuf_adds(b, ":");
  const char *sep = " ";
  if (*l->call) {
    xbuf_adds(b, sep);
    xbuf_adds(b, "call ");
    xbuf_adds(b, l->call);
    sep = ", or ";
  }
  if (*l->text) {
    xbuf_adds(b, sep);
    xbuf_adds(b, "text ");
    xbuf_adds(b, l->text);
    sep = ", or ";
  }
  if (*l->chat) {
    xbuf_adds(b, sep);
    xbuf_adds(b, "chat at ");
    xbuf_adds(b, l->chat);
  }
  if (*l->call || *l->text || *l->chat) xbuf_adds(b, ".");
  if (*l->hours) {
    xbuf_adds(b, " ");
    xbuf_adds(b, l->hours);
    xbuf_adds(b, ".");
  }
  if (*l->lang) {
    xbuf_adds(b, " Languages: ");
    xbuf_adds(b, l->lang);
    xbuf_adds(b, ".");
  }
  if (*l->web && strcmp(l->web, l->chat)) {
    xbuf_adds(b, " ");
    xbuf_adds(b, l->web);
  }
  xbuf_adds(b, "\n");
}

/* The lines of one kind for the person's country; "*" ones when it has none. */
static size_t add_lines(xbuf *b, support *s, mend_line_kind kind) {
  size_t n = 0;
  support_resources(s);
  const mend_country *cs[2] = {s->here, mend_resources_find(s->res, NULL)};
  for (int k = 0; k < 2 && !n; k++) {
    if (!cs[k]) continue;
    for (size_t i = 0; i < cs[k]->nlines; i++)
      if (cs[k]->lines[i].kind == kind) {
        add_line(b, &cs[k]->lines[i]);
        n++;
      }
  }
  return n;
}

static void add_emergency(xbuf *b, support *s, const char *when) {
  support_resources(s);
  const mend_line *e = NULL;
  for (size_t i = 0; s->here && i < s->here->nlines && !e; i++)
    if (s->here->lines[i].kind == MEND_LINE_EMERGENCY) e = &s->here->lines[i];
  xbuf_adds(b, "  Emergency: ");
  if (e) {
    xbuf_adds(b, "call ");
    xbuf_adds(b, e->name);
  } else {
    xbuf_adds(b, "call your local emergency number");
  }
  xbuf_adds(b, when);
  xbuf_adds(b, "\n");
}

/* Where the lines come from, and how to see another country's. */
static void add_where(xbuf *b, support *s) {
  support_resources(s);
  const char *name = s->here && strcmp(s->here->code, "*") ? s->here->name : NULL;
  if (name) {
    xbuf_adds(b, "(Lines for: ");
    xbuf_adds(b, name);
    xbuf_adds(b, ". For another country: mend support --country and its two-letter code.)\n");
  } else if (s->code[0]) {
    xbuf_adds(b, "(mend has no lines for ");
    xbuf_adds(b, s->code);
    xbuf_adds(b, " yet. A counsellor can add them: see 'man mend', SUPPORT.)\n");
  } else {
    xbuf_adds(b, "(mend does not know your country. Tell it with --country CODE, such as GB, "
                 "or MEND_COUNTRY=CODE, and it shows that country's lines.)\n");
  }
}

static void add_words(xbuf *b, const char *words) {
  xbuf_adds(b, "You wrote: \"");
  xbuf_adds(b, words);
  xbuf_adds(b, "\".\n");
}

char *support_screen(support *s, const mend_safety_hit *crisis, const char *crisis_words,
                     const mend_safety_hit *abuse, const char *abuse_words) {
  xbuf b = {0};
  xbuf_adds(&b, "A moment, before we go on.\n\n");
  if (crisis) {
    if (crisis_words && *crisis_words) {
      add_words(&b, crisis_words);
      if (crisis->says) {
        xbuf_adds(&b, crisis->says);
        xbuf_adds(&b, "\n");
      }
      xbuf_adds(&b, "If that is true for you, even a little, you deserve support right now.\n");
    } else {
      xbuf_adds(&b, "This can be a heavy moment. If you are thinking about not being alive, or "
                    "about hurting yourself, you deserve support right now.\n");
    }
    xbuf_adds(&b, "\nmend is not a crisis service. These people are, and you can talk to them "
                  "about anything:\n");
    add_lines(&b, s, MEND_LINE_CRISIS);
    add_emergency(&b, s, " if you might act on these thoughts, or you are in danger now.");
    xbuf_adds(&b, "\nRight now you could:\n"
                  "  - call or text one of the lines above, or someone you trust;\n"
                  "  - go and be with someone, or somewhere there are other people;\n"
                  "  - put away anything you could use to hurt yourself.\n");
  }
  if (abuse) {
    if (crisis) xbuf_adds(&b, "\n");
    if (abuse_words && *abuse_words) {
      add_words(&b, abuse_words);
      if (abuse->says) {
        xbuf_adds(&b, abuse->says);
        xbuf_adds(&b, "\n");
      }
    } else {
      xbuf_adds(&b, "If anyone has hurt you, threatened you or controlled you, what you went "
                    "through may be abuse.\n");
    }
    xbuf_adds(&b, "These scenarios draw on advice about getting an ex back: No Contact to win "
                  "them back, \"it was your decision too\". That advice assumes a relationship "
                  "that was safe. It may not fit yours, and you never have to win back someone "
                  "who hurt you.\n");
    xbuf_adds(&b, "\nYou can talk it through, in confidence, with:\n");
    add_lines(&b, s, MEND_LINE_ABUSE);
    add_emergency(&b, s, " if you are in danger now.");
  }
  xbuf_adds(&b, "\n");
  add_where(&b, s);
  xbuf_adds(&b, "\n");
  return b.data;
}

char *support_all_lines(support *s) {
  xbuf b = {0};
  xbuf_adds(&b, "If you are thinking about ending your life, or about hurting yourself:\n");
  add_lines(&b, s, MEND_LINE_CRISIS);
  xbuf_adds(&b, "\nIf someone is hurting, threatening or controlling you:\n");
  add_lines(&b, s, MEND_LINE_ABUSE);
  xbuf_adds(&b, "\nIf you are in danger now:\n");
  add_emergency(&b, s, ".");
  xbuf_adds(&b, "\nmend is not a crisis service. These people are, and you can talk to them "
                "about anything.\n");
  add_where(&b, s);
  return b.data;
}
