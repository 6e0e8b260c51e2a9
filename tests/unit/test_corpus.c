/* SPDX-License-Identifier: MIT */
/*
 * test_corpus.c - the stories' rules against what people write.
 *
 * tests/rubrics/corpus-en.txt holds drafts people write, by kind: insults,
 * blame, pleas, guilt trips, countdowns, non-apologies, kind messages...
 * tests/rubrics/expect.txt says, for each rule of each story, which kinds
 * must never meet it (a tick of "Owns your part" for "I'm sorry you feel that
 * way", "No blame" for "coward") and which must always meet it (a kind
 * message must not be told "Watch: blame"). Each rule is read as a check
 * reads it (mend_story_rule_read), with the bundled words of English. A line
 * that is not read at all (taken for another language) fails too: the person
 * wrote English.
 *
 * MEND_CORPUS_VERBOSE=1 prints every line that fails, not only the first 40;
 * MEND_CORPUS (files separated by ":") and MEND_CORPUS_EXPECT read other files.
 */
#define _POSIX_C_SOURCE 200809L
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "mend/mend.h"
#include "mend/safety.h"
#include "mend/test.h"

static const char *CORPUS = "tests/rubrics/corpus-en.txt:tests/rubrics/heldout-en.txt";
static const char *EXPECT = "tests/rubrics/expect.txt";

typedef struct line {
  const char *file;
  const char *kind; /* [kind] it is under */
  const char *text;
  int at; /* line number in the file */
} line;

static line *lines;
static size_t nlines, cap;
static char *texts[8], *names;
static size_t ntexts;
static mend_lexicon *words;

static const mend_lexicon *words_for(void *ud, const char *lang) {
  (void)ud;
  return strcmp(lang, "en") ? NULL : words;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = 0;
  return s;
}

/* The next line of text at *p that says something (not blank, not a #
 * comment), cut off and trimmed in place, with its number in *at; NULL at
 * the end. */
static char *next_line(char **p, int *at) {
  while (*p && **p) {
    char *s = *p, *nl = strchr(s, '\n');
    if (nl) *nl++ = 0;
    *p = nl;
    ++*at;
    char *t = trim(s);
    if (*t && *t != '#') return t;
  }
  return NULL;
}

/* The lines of one corpus file, in place. Nonzero on a line before any [kind]. */
static int read_corpus(const char *name, char *text) {
  const char *kind = NULL;
  int at = 0;
  for (char *p = text, *t; (t = next_line(&p, &at));) {
    if (*t == '[') {
      char *end = strchr(t, ']');
      if (!end) return -1;
      *end = 0;
      kind = t + 1;
      continue;
    }
    if (!kind) return -1;
    if (nlines == cap) {
      cap = cap ? cap * 2 : 256;
      lines = realloc(lines, cap * sizeof *lines);
      if (!lines) return -1;
    }
    lines[nlines++] = (line){name, kind, t, at};
  }
  return 0;
}

static int setup(void **state) {
  (void)state;
  if (getenv("MEND_CORPUS")) CORPUS = getenv("MEND_CORPUS");
  if (getenv("MEND_CORPUS_EXPECT")) EXPECT = getenv("MEND_CORPUS_EXPECT");
  size_t n;
  char *w = slurp("stories/lang/en.words", &n);
  words = mend_lexicon_load_memory(w, n, "stories/lang/en.words", NULL);
  free(w);
  if (!words) return -1;
  names = strdup(CORPUS);
  for (char *name = strtok(names, ":"); name; name = strtok(NULL, ":")) {
    if (ntexts == sizeof texts / sizeof *texts) return -1;
    char *text = texts[ntexts++] = slurp(name, &n);
    if (read_corpus(name, text)) return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free(lines);
  for (size_t i = 0; i < ntexts; i++)
    free(texts[i]);
  free(names);
  mend_lexicon_free(words);
  return 0;
}

static bool has_kind(const char *kind) {
  for (size_t i = 0; i < nlines; i++)
    if (!strcmp(lines[i].kind, kind)) return true;
  return false;
}

typedef struct story_slot {
  char path[256];
  mend_story *st;
} story_slot;

static mend_story *story_at(story_slot *cache, size_t *n, const char *path) {
  for (size_t i = 0; i < *n; i++)
    if (!strcmp(cache[i].path, path)) return cache[i].st;
  mend_load_opts o = {0, words_for, NULL};
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_opts(path, &o, d);
  if (!st) {
    char *m = mend_diag_format(mend_diags_at(d, 0));
    fail_msg("%s", m);
  }
  mend_diags_free(d);
  snprintf(cache[*n].path, sizeof cache[*n].path, "%s", path);
  cache[(*n)++].st = st;
  return st;
}

static long find_rule(const mend_story *st, const char *label) {
  size_t n = mend_story_rule_count(st);
  for (size_t k = 0; k < n; k++) {
    mend_rule_info r;
    assert_true(mend_story_rule_info(st, k, &r));
    if (!strcmp(r.label, label)) return (long)k;
  }
  return -1;
}

/* Checks every line of kind against rule k: must_meet says what each must
 * do. Returns the number of lines that did otherwise. */
static size_t try_kind(const mend_story *st, size_t k, const char *story, const char *kind,
                       bool must_meet, size_t *shown) {
  static const char *const verdicts[] = {"not read (taken for another language)", "met", "not met"};
  bool verbose = getenv("MEND_CORPUS_VERBOSE") != NULL;
  mend_rule_info r;
  mend_story_rule_info(st, k, &r);
  size_t bad = 0;
  for (size_t i = 0; i < nlines; i++) {
    if (strcmp(lines[i].kind, kind)) continue;
    size_t start, len;
    mend_rule_reading v = mend_story_rule_read(st, k, lines[i].text, &start, &len);
    if (v == (must_meet ? MEND_RULE_MET : MEND_RULE_UNMET)) continue;
    bad++;
    if (verbose || (*shown)++ < 40)
      print_message("%s:%d: [%s] %s / \"%s\": %s, must be %s%s%.*s%s\n    %s\n", lines[i].file,
                    lines[i].at, kind, story, r.label, verdicts[v], must_meet ? "met" : "not met",
                    len ? " (found \"" : "", (int)len, lines[i].text + start, len ? "\")" : "",
                    lines[i].text);
  }
  return bad;
}

/* A rule expect.txt names. */
typedef struct rule_seen {
  const mend_story *st;
  long k;
} rule_seen;

static bool was_seen(const rule_seen *seen, size_t n, const mend_story *st, size_t k) {
  for (size_t i = 0; i < n; i++)
    if (seen[i].st == st && seen[i].k == (long)k) return true;
  return false;
}

/* expect.txt:
 *   stories/final-message.xml | Owns your part
 *   never: non-apology insult
 *   always: kind
 * "never": no line of these kinds meets the rule; "always": every one does. */
static void test_rules_read_the_corpus(void **state) {
  (void)state;
  size_t n;
  char *text = slurp(EXPECT, &n);
  story_slot cache[32];
  size_t ncache = 0, bad = 0, tried = 0, shown = 0;
  int at = 0;
  const mend_story *st = NULL;
  char story[256] = "";
  long k = -1;
  rule_seen seen[256];
  size_t nseen = 0;
  for (char *p = text, *t; (t = next_line(&p, &at));) {
    char *bar = strchr(t, '|');
    if (bar) {
      *bar = 0;
      snprintf(story, sizeof story, "%s", trim(t));
      assert_true(ncache < sizeof cache / sizeof *cache);
      st = story_at(cache, &ncache, story);
      const char *label = trim(bar + 1);
      k = find_rule(st, label);
      if (k >= 0 && nseen < sizeof seen / sizeof *seen) seen[nseen++] = (rule_seen){st, k};
      if (k < 0) fail_msg("%s:%d: %s has no rule \"%s\"", EXPECT, at, story, label);
      continue;
    }
    bool never = !strncmp(t, "never:", 6), always = !strncmp(t, "always:", 7);
    if (!(never || always) || k < 0)
      fail_msg("%s:%d: expected \"story | rule\", \"never:\" or \"always:\"", EXPECT, at);
    for (char *kind = strtok(t + (never ? 6 : 7), " \t"); kind; kind = strtok(NULL, " \t")) {
      if (!has_kind(kind)) fail_msg("%s:%d: the corpus has no [%s]", EXPECT, at, kind);
      bad += try_kind(st, (size_t)k, story, kind, always, &shown);
      tried++;
    }
  }
  /* every rule of every bundled story is in expect.txt */
  glob_t g;
  assert_int_equal(glob("stories/*.xml", 0, NULL, &g), 0);
  for (size_t i = 0; i < g.gl_pathc; i++) {
    const mend_story *s = story_at(cache, &ncache, g.gl_pathv[i]);
    for (size_t r = 0; r < mend_story_rule_count(s); r++) {
      mend_rule_info ri;
      mend_story_rule_info(s, r, &ri);
      if (!was_seen(seen, nseen, s, r))
        fail_msg("%s | %s: not in %s", g.gl_pathv[i], ri.label, EXPECT);
    }
  }
  globfree(&g);
  for (size_t i = 0; i < ncache; i++)
    mend_story_free(cache[i].st);
  free(text);
  print_message("%zu rule and kind pairs tried, %zu lines read otherwise\n", tried, bad);
  assert_true(tried > 0);
  assert_int_equal(bad, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rules_read_the_corpus),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
