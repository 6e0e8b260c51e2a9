/* SPDX-License-Identifier: MIT */
/*
 * test_safety.c - the safety layer: splitting text into words, phrases and
 * their forms, lexicons and their errors, NegEx, helplines, support items in
 * sessions, and the English corpus (tests/safety/), whose recall and false
 * alarms are printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "lexicon.h"
#include "mem.h"
#include "mend/analyse.h"
#include "mend/mend.h"
#include "mend/safety.h"
#include "mend/test.h"
#include "phrase.h"
#include "words.h"

/* ---- helpers ------------------------------------------------------------------ */

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 > cap) {
      cap = cap ? cap * 2 : 65536;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    size_t k = fread(buf + n, 1, cap - n - 1, f);
    n += k;
    if (!k) break;
  }
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}

/* The words of a text, "a|b|c", each prefixed with its break ("." sentence,
 * "," clause, "?" question). */
static const char *words(const char *text) {
  static char out[1024];
  wd_text t = {0};
  wd_split(text, strlen(text), &t);
  size_t n = 0;
  out[0] = 0;
  for (size_t i = 0; i < t.n; i++) {
    static const char *const mark[] = {"", ",", ".", "?"};
    n += (size_t)snprintf(out + n, sizeof out - n, "%s%s%s", i ? "|" : "", mark[t.tok[i].brk],
                          wd_word(&t, i));
  }
  wd_text_free(&t);
  return out;
}

/* A phrase set of one phrase (and the variants/class below); how many times
 * it is found in text, and the span of the first match in words. */
static int found(const char *phrase, const char *text, unsigned *first, unsigned *end,
                 uint64_t *gaps) {
  ph_set *s = ph_new();
  assert_true(ph_set_stemmer(s, "english"));
  char err[200];
  assert_true(ph_add_variant(s, "cant", "can not", err, sizeof err));
  assert_true(ph_add_variant(s, "cannot", "can not", err, sizeof err));
  assert_true(ph_add_variant(s, "kms", "kill myself", err, sizeof err));
  assert_true(ph_add_class(s, "they", "he she they ex", err, sizeof err));
  int32_t i = ph_add(s, phrase, 7, err, sizeof err);
  if (i < 0) fail_msg("%s: %s", phrase, err);
  ph_build(s);
  ph_words w = {0};
  ph_read(s, text, strlen(text), &w);
  ph_hit *hits = NULL;
  size_t n = 0, cap = 0;
  ph_find(s, &w, &hits, &n, &cap);
  if (n) {
    if (first) *first = hits[0].first;
    if (end) *end = hits[0].end;
    if (gaps) *gaps = hits[0].gaps;
    assert_int_equal(ph_tag(s, hits[0].phrase), 7);
  }
  mem_free(hits);
  ph_words_free(&w);
  ph_free(s);
  return (int)n;
}

static int finds(const char *phrase, const char *text) {
  return found(phrase, text, NULL, NULL, NULL);
}

static const char lexicon[] = "language: en\n"
                              "stemmer: english\n"
                              "scope: 5\n"
                              "[variants]\n"
                              "dont = do not\n"
                              "cant = can not\n"
                              "im = i am\n"
                              "[class they]\n"
                              "he she\n"
                              "[negation before]\n"
                              "not\n"
                              "never\n"
                              "[negation after]\n"
                              "is not an option\n"
                              "[answer no]\n"
                              "no\n"
                              "[pseudo-negation]\n"
                              "not only\n"
                              "[termination]\n"
                              "but\n"
                              "[figurative]\n"
                              "overdose on\n"
                              "[crisis: low]\n"
                              "severity: 1\n"
                              "says: Low.\n"
                              "can not go on\n"
                              "not: hit me up\n"
                              "[crisis: death]\n"
                              "severity: 2\n"
                              "says: Death.\n"
                              "not: want to die laughing\n"
                              "want to die\n"
                              "[crisis: suicide]\n"
                              "severity: 3\n"
                              "says: Suicide.\n"
                              "suicidal\n"
                              "suicide\n"
                              "overdose\n"
                              "[abuse: violence]\n"
                              "severity: 2\n"
                              "says: Violence.\n"
                              "@they ... hit me\n";

static mend_lexicon *small_lexicon(void) {
  mend_diags *d = mend_diags_new();
  mend_lexicon *lx = mend_lexicon_load_memory(lexicon, strlen(lexicon), "t.lexicon", d);
  if (!lx) {
    char *m = mend_diag_format(mend_diags_at(d, 0));
    fail_msg("%s", m);
  }
  mend_diags_free(d);
  return lx;
}

/* The verdict on a text: "none", or "crisis:KIND:words" and/or "abuse:KIND:words". */
static const char *verdict(const mend_lexicon *lx, const char *text) {
  static char out[512];
  mend_safety_result r;
  mend_safety_category c = mend_safety_scan(lx, text, strlen(text), &r);
  if (!c) return "none";
  size_t n = 0;
  out[0] = 0;
  const mend_safety_hit *h[2] = {&r.crisis, &r.abuse};
  for (int k = 0; k < 2; k++)
    if (h[k]->category)
      n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%s:%.*s", n ? " " : "",
                            mend_safety_category_name(h[k]->category), h[k]->kind, (int)h[k]->size,
                            text + h[k]->start);
  assert_int_equal(c, r.crisis.category ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE);
  return out;
}

/* d's first error, formatted, into out, without its code: every error has
 * the code given (" [E-lexicon]"), and the message is compared without it. */
static void first_error(mend_diags *d, const char *code, char *out, size_t size) {
  assert_true(mend_diags_errors(d) > 0);
  char *m = mend_diag_format(mend_diags_at(d, 0));
  size_t n = strlen(m), c = strlen(code);
  assert_true(n > c && !strcmp(m + n - c, code));
  snprintf(out, size, "%.*s", (int)(n - c), m);
  mend_free(m);
}

/* The first error a lexicon gives, formatted, or "" when it loads. */
static const char *lexicon_error(const char *text) {
  static char out[512];
  mend_diags *d = mend_diags_new();
  mend_lexicon *lx = mend_lexicon_load_memory(text, strlen(text), "t.lexicon", d);
  out[0] = 0;
  if (!lx) first_error(d, " [E-lexicon]", out, sizeof out);
  mend_lexicon_free(lx);
  mend_diags_free(d);
  return out;
}

/* ---- words -------------------------------------------------------------------- */

static void test_words_fold_case_accents_and_wide_forms(void **state) {
  (void)state;
  assert_string_equal(words("ÉCOLE Café naïve ＫＩＬＬ ǅ"), "ecole|cafe|naive|kill|dz");
  assert_string_equal(words("Straße"), "strasse");
}

static void test_words_drop_apostrophes_inside_a_word_only(void **state) {
  (void)state;
  assert_string_equal(words("don't don’t dont 'quoted' it`s"), "dont|dont|dont|quoted|its");
  assert_string_equal(words("“he said”"), "he|said");
}

static void test_words_mark_clause_sentence_and_question_breaks(void **state) {
  (void)state;
  assert_string_equal(words("a, b. c... d? e\nf; g – h … i"), "a|,b|.c|,d|?e|.f|.g|,h|,i");
  assert_string_equal(words("self-harm 2.5"), "self|harm|2|.5");
  /* a slash after one letter, before a letter, stays in the word */
  assert_string_equal(words("w/o him, w/out b/c he/she and/or w/ x/ /o 1/2"),
                      "w/o|him|,w/out|b/c|he|she|and|or|w|x|o|1/2");
}

static void test_words_skip_invalid_bytes_and_symbols(void **state) {
  (void)state;
  assert_string_equal(words("ab\xff\xfe cd 😭😭 ef"), "ab|cd|ef");
  assert_string_equal(words(""), "");
  assert_string_equal(words("!!!"), "");
}

/* ---- phrases ------------------------------------------------------------------- */

static void test_phrase_meets_other_forms_of_its_words(void **state) {
  (void)state;
  assert_int_equal(finds("kill myself", "i keep thinking about killing myself"), 1);
  assert_int_equal(finds("kill myself", "KILLED MYSELF"), 1);
  assert_int_equal(finds("kill myself", "kill him myself"), 0);
}

static void test_phrase_variants_apply_to_the_text_and_the_phrase(void **state) {
  (void)state;
  assert_int_equal(finds("can't go on", "i cant go on"), 1);
  assert_int_equal(finds("can't go on", "I CANNOT go on"), 1);
  assert_int_equal(finds("can not go on", "i can’t go on"), 1);
  assert_int_equal(finds("kill myself", "omg kms"), 1);
}

static void test_phrase_alternatives_classes_and_joined_words(void **state) {
  (void)state;
  assert_int_equal(finds("want/wish to die", "i wish to die"), 1);
  assert_int_equal(finds("want/wish to die", "i need to die"), 0);
  assert_int_equal(finds("kill myself/my_self", "kill my self"), 1);
  assert_int_equal(finds("@they hit me", "she hit me"), 1);
  assert_int_equal(finds("@they hit me", "it hit me"), 0);
}

static void test_phrase_gap_stands_for_up_to_three_words(void **state) {
  (void)state;
  unsigned first = 9, end = 9;
  uint64_t gaps = 0;
  assert_int_equal(found("@they ... hit me", "and he would never hit me", &first, &end, &gaps), 1);
  assert_int_equal(first, 1);
  assert_int_equal(end, 6);
  assert_int_equal(gaps, 0x6); /* "would never": words 2 and 3 of the text, 1 and 2 of the match */
  assert_int_equal(finds("@they ... hit me", "he hit me"), 1);
  assert_int_equal(finds("@they ... hit me", "he said that it once hit me"), 0);
}

static void test_phrase_repeated_letters_meet_the_word(void **state) {
  (void)state;
  assert_int_equal(finds("want to die", "i want to dieeeee"), 1);
  assert_int_equal(finds("kill myself", "killlll myselfff"), 1);
  assert_int_equal(finds("so tired", "sooooo tired"), 1);
}

static void test_phrase_one_typo_away_for_long_words_swaps_for_short(void **state) {
  (void)state;
  assert_int_equal(finds("suicidal", "i was sucidal"), 1);    /* left out */
  assert_int_equal(finds("anymore", "not anymroe"), 1);       /* swapped */
  assert_int_equal(finds("myself", "hurt myslef"), 1);        /* swapped */
  assert_int_equal(finds("funeral", "my funerel"), 1);        /* changed */
  assert_int_equal(finds("want to die", "i wnat to die"), 1); /* short: swapped only */
  assert_int_equal(finds("want to die", "i wamt to die"), 0);
  assert_int_equal(finds("suicidal", "i was nuicidal"), 0); /* the first letter is kept */
  assert_int_equal(finds("=suicidal", "i was sucidal"), 0); /* "=": no near spellings */
}

/* A word in quotes is found only as written: "texted him" is not "text him". */
static void test_phrase_quoted_word_is_found_only_as_written(void **state) {
  (void)state;
  assert_int_equal(finds("\"texted\" him", "i texted him"), 1);
  assert_int_equal(finds("\"texted\" him", "TEXTED HIM"), 1); /* case still folds */
  assert_int_equal(finds("\"texted\" him", "text him tonight"), 0);
  assert_int_equal(finds("\"texted\" him", "texting him"), 0);
  assert_int_equal(finds("\"texted\" him", "i textd him"), 0);       /* no near spellings */
  assert_int_equal(finds("texted him", "text him tonight"), 1);      /* unquoted: other forms */
  assert_int_equal(finds("\"texted\"/called him", "i call him"), 1); /* only the quoted one */
  assert_int_equal(finds("\"texted\"/\"called\" him", "i call him"), 0);
  assert_int_equal(finds("\"texted\"/\"called\" him", "i called him"), 1);
  assert_int_equal(finds("\"replied_to\" him", "i replied to him"), 1);
  assert_int_equal(finds("\"replied_to\" him", "i reply to him"), 0);
  assert_int_equal(finds("\"cant\" go on", "i can't go on"), 1); /* a variant's words */
  ph_set *s = ph_new();
  assert_true(ph_set_stemmer(s, "english"));
  char err[200];
  assert_true(ph_add_class(s, "they", "he she", err, sizeof err));
  char *sample = ph_sample(s, "i \"texted\"/called @they");
  assert_string_equal(sample, "i texted he");
  mem_free(sample);
  assert_int_equal(ph_add(s, "\"@they\" hit me", 0, err, sizeof err), -1);
  assert_string_equal(err, "'\"@they\"': a word in quotes is one word (or words_joined)");
  assert_int_equal(ph_add(s, "\"a\"b\" me", 0, err, sizeof err), -1);
  assert_string_equal(err, "'\"a\"b\"': a word in quotes is one word (or words_joined)");
  assert_int_equal(ph_add(s, "\"texted him\"", 0, err, sizeof err), -1);
  assert_string_equal(err, "'\"texted': a quote that is not closed (write \"word\" or "
                           "\"words_joined\")");
  assert_int_equal(ph_add(s, "x/texted\" him", 0, err, sizeof err), -1);
  assert_string_equal(err, "'texted\"': a quote that is not closed (write \"word\" or "
                           "\"words_joined\")");
  assert_int_equal(ph_add(s, "x/\"@they\" me", 0, err, sizeof err), -1);
  assert_string_equal(err, "'\"@they\"': a word in quotes is one word (or words_joined)");
  ph_free(s);
}

static void test_phrase_neighbours_are_in_one_sentence_a_gap_may_cross(void **state) {
  (void)state;
  assert_int_equal(finds("want to die", "i want to. die hard is on"), 0);
  assert_int_equal(finds("want to die", "i want to, die"), 1); /* a clause is no end */
  assert_int_equal(finds("done ... with life", "im done. with everything. with life"), 1);
}

static void test_phrase_errors_say_what_is_wrong(void **state) {
  (void)state;
  ph_set *s = ph_new();
  char err[200];
  assert_int_equal(ph_add(s, "... hit me", 0, err, sizeof err), -1);
  assert_string_equal(err, "'...' must stand between two words");
  assert_int_equal(ph_add(s, "hit me ...", 0, err, sizeof err), -1);
  assert_string_equal(err, "'...' must stand between two words");
  assert_int_equal(ph_add(s, "@nobody hit me", 0, err, sizeof err), -1);
  assert_string_equal(err, "no class @nobody (define it in a [class nobody] section first)");
  assert_int_equal(ph_add(s, "!!", 0, err, sizeof err), -1);
  assert_string_equal(err, "the phrase has no words");
  assert_false(ph_add_variant(s, "two words", "x", err, sizeof err));
  assert_false(ph_set_stemmer(s, "klingon"));
  ph_free(s);
}

/* ---- lexicons and scanning ------------------------------------------------------------ */

static void test_scan_finds_the_sign_its_kind_and_its_words(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  assert_string_equal(mend_lexicon_language(lx), "en");
  assert_string_equal(verdict(lx, "honestly i want to die lol"), "crisis:death:want to die");
  assert_string_equal(verdict(lx, "I CANT GO ON"), "crisis:low:CANT GO ON");
  assert_string_equal(verdict(lx, "he hit me"), "abuse:violence:he hit me");
  assert_string_equal(verdict(lx, "he hit me and i want to die"),
                      "crisis:death:want to die abuse:violence:he hit me");
  assert_string_equal(verdict(lx, "nothing here"), "none");
  mend_safety_result r;
  mend_safety_scan(lx, "want to die", 11, &r);
  assert_string_equal(r.crisis.says, "Death.");
  assert_int_equal(r.crisis.severity, 2);
  assert_string_equal(r.crisis.phrase, "want to die");
  assert_int_equal(r.crisis.line, 32);
  mend_lexicon_free(lx);
}

static void test_scan_keeps_the_most_serious_sign_of_each_category(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  assert_string_equal(verdict(lx, "i cant go on, i am suicidal, i want to die"),
                      "crisis:suicide:suicidal");
  mend_lexicon_free(lx);
}

static void test_negex_sets_aside_negated_signs_before_and_after(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  assert_string_equal(verdict(lx, "im not suicidal just sad"), "none");
  assert_string_equal(verdict(lx, "i never really wanted to die"), "none");
  assert_string_equal(verdict(lx, "suicide is not an option"), "none");
  assert_string_equal(verdict(lx, "suicidal? no. heartbroken? very"), "none");
  assert_string_equal(verdict(lx, "he would never hit me"), "none"); /* in the phrase's "..." */
  mend_safety_result r;
  mend_safety_scan(lx, "not suicidal", 12, &r);
  assert_int_equal(r.category, MEND_SAFETY_NONE);
  assert_int_equal(r.set_aside.category, MEND_SAFETY_CRISIS);
  assert_string_equal(r.set_aside_why, "negated");
  assert_string_equal(r.set_aside_by, "not");
  mend_lexicon_free(lx);
}

static void test_negex_scope_ends_at_a_clause_a_termination_or_its_window(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  assert_string_equal(verdict(lx, "im not ok, i want to die"), "crisis:death:want to die");
  assert_string_equal(verdict(lx, "im not sad but i want to die"), "crisis:death:want to die");
  assert_string_equal(verdict(lx, "not that i am sure why i want to die"),
                      "crisis:death:want to die"); /* six words away */
  assert_string_equal(verdict(lx, "not only do i want to die"), "crisis:death:want to die");
  assert_string_equal(verdict(lx, "suicidal? yes"), "crisis:suicide:suicidal");
  assert_string_equal(verdict(lx, "suicidal, no"), "crisis:suicide:suicidal");
  /* a line break of a pasted message ends a sentence: the negation before
   * it does not reach the next line, and one within a line still counts */
  assert_string_equal(verdict(lx, "im not ok\ni want to die"), "crisis:death:want to die");
  assert_string_equal(verdict(lx, "not angry at you\r\n\r\nsuicidal"), "crisis:suicide:suicidal");
  assert_string_equal(verdict(lx, "Dear Sam,\n\nim not suicidal\njust sad"), "none");
  mend_lexicon_free(lx);
}

static void test_figurative_phrases_cancel_the_signs_they_overlap(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  assert_string_equal(verdict(lx, "i overdosed on netflix"), "none");
  assert_string_equal(verdict(lx, "i overdosed"), "crisis:suicide:overdosed");
  mend_safety_result r;
  mend_safety_scan(lx, "overdose on tv", 14, &r);
  assert_string_equal(r.set_aside_why, "figurative");
  assert_string_equal(r.set_aside_by, "overdose on");
  mend_lexicon_free(lx);
}

/* "not:" in a [crisis: KIND] or [abuse: KIND] section sets aside that kind's
 * signs only: "he hit me up" is no sign of a low mood ([crisis: low] has
 * "not: hit me up"), and still the violence it says. */
static void test_a_kinds_not_lines_set_aside_its_own_signs_only(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  assert_string_equal(verdict(lx, "i want to die laughing"), "none");
  assert_string_equal(verdict(lx, "i want to die"), "crisis:death:want to die");
  assert_string_equal(verdict(lx, "he hit me up"), "abuse:violence:he hit me");
  mend_lexicon_free(lx);
}

static void test_lexicon_errors_name_the_file_and_line(void **state) {
  (void)state;
  assert_string_equal(lexicon_error("language: en\nstemmer: english\n[crisis: x]\nsays: X\nfoo\n"),
                      "t.lexicon:3: error: [crisis: x] has no severity: (1 to 9)");
  assert_string_equal(lexicon_error("language: en\nstemmer: english\n[crisis: x]\nseverity: 1\n"),
                      "t.lexicon:3: error: [crisis: x] has no says: (what the screen tells the "
                      "person)");
  assert_string_equal(
      lexicon_error("language: en\nstemmer: english\n[crises: x]\n"),
      "t.lexicon:3: error: [crises: x] is not a section: use [variants], [class "
      "NAME], [negation before], [negation after], [answer no], "
      "[answer nothing], [pseudo-negation], [termination], [common words], [other languages], "
      "[figurative], [heavy], [unsafe], [dig], [said NAME], [crisis: KIND] or [abuse: KIND]");
  assert_string_equal(lexicon_error("language: en\nstemmer: english\n[said Grief]\n"),
                      "t.lexicon:3: error: [said Grief]: a list's name is lower-case letters, "
                      "digits, '-' or '_'");
  assert_string_equal(lexicon_error("language: en\nstemmer: english\n[said grief]\nhe died ...\n"),
                      "t.lexicon:4: error: 'he died ...': '...' must stand between two words");
  assert_string_equal(lexicon_error("language: en\nstemmer: klingon\n"),
                      "t.lexicon:2: error: stemmer: 'klingon' is not a Snowball stemmer (english, "
                      "french, german, spanish, portuguese, italian, dutch... or none)");
  assert_string_equal(lexicon_error("language: en\nstemmer: none\n[variants]\nno equals\n"),
                      "t.lexicon:4: error: a variant is written 'typed = meant', as in dont = do "
                      "not");
  assert_string_equal(lexicon_error("language: en\nstemmer: none\n[negation before]\n... x\n"),
                      "t.lexicon:4: error: '... x': '...' must stand between two words");
  assert_string_equal(lexicon_error("stemmer: none\n"),
                      "t.lexicon: error: the lexicon names no language (language: en)");
  assert_string_equal(lexicon_error("language: en\nstemmer: none\nscope: 99\n"),
                      "t.lexicon:3: error: scope: a number of words from 1 to 20");
  assert_string_equal(lexicon_error("language: en\nstemmer: none\n\xff\n"),
                      "t.lexicon: error: the lexicon is not valid UTF-8 text (save it as UTF-8)");
  assert_string_equal(lexicon_error("language: en\nstemmer: none\n"), "");
}

static void test_lexicon_parts_add_to_the_bundled_one(void **state) {
  (void)state;
  const char *extra = "[variants]\nsewerslide = suicide\n[crisis: suicide]\nend my days\n";
  const char *data[] = {lexicon, extra};
  size_t size[] = {strlen(lexicon), strlen(extra)};
  const char *name[] = {"en.lexicon", "mine.lexicon"};
  mend_lexicon *lx = mend_lexicon_load_parts(data, size, name, 2, NULL);
  assert_non_null(lx);
  assert_string_equal(verdict(lx, "i want to end my days"), "crisis:suicide:end my days");
  assert_string_equal(verdict(lx, "sewerslide"), "crisis:suicide:sewerslide");
  assert_string_equal(verdict(lx, "i want to die"), "crisis:death:want to die");
  mend_lexicon_free(lx);
}

/* The bundled English lexicon: the words of English, then the signs. */
static mend_lexicon *bundled(void) {
  size_t len[2];
  char *data[2] = {read_all("stories/lang/en.words", &len[0]),
                   read_all("stories/safety/en.lexicon", &len[1])};
  assert_non_null(data[0]);
  assert_non_null(data[1]);
  const char *parts[] = {data[0], data[1]};
  const char *names[] = {"stories/lang/en.words", "stories/safety/en.lexicon"};
  mend_diags *d = mend_diags_new();
  mend_lexicon *lx = mend_lexicon_load_parts(parts, len, names, 2, d);
  if (!lx) {
    char *m = mend_diag_format(mend_diags_at(d, 0));
    fail_msg("%s", m);
  }
  mend_diags_free(d);
  free(data[0]);
  free(data[1]);
  return lx;
}

static void test_bundled_lexicon_reads_the_issue_examples(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  static const char *const crisis[] = {"i honestly dont see the point of anything without him",
                                       "I can't live without you",
                                       "kms",
                                       "I WANNA DIEEE",
                                       "i want to k*ll myself",
                                       "su1c1dal"};
  for (size_t i = 0; i < sizeof crisis / sizeof *crisis; i++) {
    mend_safety_result r;
    if (mend_safety_scan(lx, crisis[i], strlen(crisis[i]), &r) != MEND_SAFETY_CRISIS)
      fail_msg("not crisis: %s", crisis[i]);
  }
  assert_string_equal(verdict(lx, "he made me feel crazy for 2 years"),
                      "abuse:gaslighting:made me feel crazy");
  /* every phrase knows its own text and line (the words file's phrases come first) */
  mend_safety_result r;
  mend_safety_scan(lx, "he choked me", 12, &r);
  assert_non_null(strstr(r.abuse.phrase, "choke"));
  assert_true(r.abuse.line > 1);
  mend_safety_scan(lx, "i want to kill myself", 21, &r);
  assert_string_equal(r.crisis.phrase, "kill myself/my_self");
  /* an overdose already taken: the act, most serious, and the emergency number now
   * (v87 NC-17); "proud of myself" is no "offed myself" (v87) */
  mend_safety_scan(lx, "7. i took a load of pills", 25, &r);
  assert_string_equal(r.crisis.kind, "act");
  assert_int_equal(r.crisis.severity, 5);
  assert_non_null(strstr(r.crisis.says, "emergency number now"));
  assert_string_equal(verdict(lx, "im proud of myself"), "none");
  static const char *const none[] = {"this song is killing me",
                                     "I'm dying to see it",
                                     "my phone died",
                                     "I could kill for a coffee",
                                     "dead tired",
                                     "I'm not suicidal, just sad",
                                     "he never hit me",
                                     "this week is killing me lol"};
  for (size_t i = 0; i < sizeof none / sizeof *none; i++)
    if (strcmp(verdict(lx, none[i]), "none")) fail_msg("alarmed: %s", none[i]);
  mend_lexicon_free(lx);
}

/* ---- the corpus ------------------------------------------------------------------ */

typedef struct tally {
  size_t n, ok;
} tally;

/* Runs one corpus file. Crisis lines must be found as crisis, abuse lines as
 * abuse (crisis+abuse lines: crisis at least), figurative and negation lines
 * must not alarm; sad, breakup and other lines may alarm in at most 5 in 100.
 * Prints each miss and the rates. */
static void run_corpus(const mend_lexicon *lx, const char *path) {
  size_t len;
  char *data = read_all(path, &len);
  assert_non_null(data);
  tally crisis = {0}, abuse = {0}, must_not = {0}, may_not = {0};
  size_t failures = 0, both = 0, both_abuse = 0, known = 0, known_missed = 0;
  bool known_miss = false; /* the line follows a "# known miss:" comment */
  int lineno = 0;
  for (char *line = data, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = 0;
    lineno++;
    if (!strncmp(line, "# known miss:", 13)) known_miss = true;
    if (line[0] == '#' || !line[0]) continue;
    char *bar = strstr(line, " | ");
    assert_non_null(bar);
    *bar = 0;
    const char *label = line, *text = bar + 3;
    mend_safety_result r;
    mend_safety_scan(lx, text, strlen(text), &r);
    bool c = r.crisis.category != MEND_SAFETY_NONE, a = r.abuse.category != MEND_SAFETY_NONE;
    bool ok;
    tally *t;
    bool fatal = true;
    if (!strcmp(label, "crisis+abuse")) {
      t = &crisis, ok = c;
      both++;
      both_abuse += a;
    } else if (!strncmp(label, "crisis/", 7)) {
      t = &crisis, ok = c;
    } else if (!strncmp(label, "abuse/", 6)) {
      t = &abuse, ok = a;
    } else if (!strcmp(label, "none/figurative") || !strcmp(label, "none/negation")) {
      t = &must_not, ok = !c && !a;
    } else {
      assert_true(!strncmp(label, "none/", 5));
      t = &may_not, ok = !c && !a;
      fatal = false;
    }
    if (known_miss) { /* counted and shown, not required */
      known++;
      known_missed += !ok;
      if (!ok) print_message("# %s:%d: known miss %s: %s\n", path, lineno, label, text);
      known_miss = false;
      continue;
    }
    t->n++;
    t->ok += ok;
    if (!ok) {
      print_message("# %s:%d: %s %s: %s\n", path, lineno, fatal ? "MISSED" : "false alarm", label,
                    text);
      failures += fatal;
    }
  }
  print_message("# %s: crisis recall %zu/%zu, abuse recall %zu/%zu (and %zu/%zu in lines of "
                "both), false alarms %zu/%zu on figurative and negated lines, %zu/%zu on other "
                "lines; %zu of %zu known misses missed\n",
                path, crisis.ok, crisis.n, abuse.ok, abuse.n, both_abuse, both,
                must_not.n - must_not.ok, must_not.n, may_not.n - may_not.ok, may_not.n,
                known_missed, known);
  free(data);
  assert_int_equal(failures, 0);
  assert_true((may_not.n - may_not.ok) * 100 <= may_not.n * 5);
}

static void test_corpus_development_set(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  run_corpus(lx, "tests/safety/corpus-en.txt");
  mend_lexicon_free(lx);
}

static void test_corpus_first_held_out_set(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  run_corpus(lx, "tests/safety/heldout-en.txt");
  mend_lexicon_free(lx);
}

static void test_corpus_second_held_out_set(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  run_corpus(lx, "tests/safety/heldout2-en.txt");
  mend_lexicon_free(lx);
}

/* ---- resources ------------------------------------------------------------------ */

static const char resources[] = "# helplines\n"
                                "[GB] United Kingdom\n"
                                "emergency: 999\n"
                                "  source: https://a\n"
                                "  checked: 2026-12-04\n"
                                "crisis: Samaritans\n"
                                "  call: 116 123\n"
                                "  hours: 24 hours, free\n"
                                "  source: https://b\n"
                                "  checked: 2026-12-04\n"
                                "crisis: Shout\n"
                                "  text: SHOUT to 85258\n"
                                "  source: https://c\n"
                                "  checked: 2026-12-04\n"
                                "\n"
                                "[*] Anywhere else\n"
                                "crisis: Find A Helpline\n"
                                "  web: https://findahelpline.com\n"
                                "  source: https://d\n"
                                "  checked: 2026-12-04\n";

static mend_resources *load_res(const char *const *texts, size_t n, mend_diags *d) {
  size_t size[4];
  const char *name[4] = {"r1", "r2", "r3", "r4"};
  for (size_t i = 0; i < n; i++)
    size[i] = strlen(texts[i]);
  return mend_resources_load_parts(texts, size, name, n, d);
}

static void test_resources_read_countries_and_their_lines_in_order(void **state) {
  (void)state;
  const char *t[] = {resources};
  mend_resources *r = load_res(t, 1, NULL);
  assert_non_null(r);
  assert_int_equal(mend_resources_count(r), 2);
  const mend_country *gb = mend_resources_find(r, "gb");
  assert_non_null(gb);
  assert_string_equal(gb->code, "GB");
  assert_string_equal(gb->name, "United Kingdom");
  assert_int_equal(gb->nlines, 3);
  assert_int_equal(gb->lines[0].kind, MEND_LINE_EMERGENCY);
  assert_string_equal(gb->lines[0].name, "999");
  assert_string_equal(gb->lines[1].name, "Samaritans");
  assert_string_equal(gb->lines[1].call, "116 123");
  assert_string_equal(gb->lines[1].hours, "24 hours, free");
  assert_string_equal(gb->lines[1].text, "");
  assert_int_equal(gb->lines[1].line, 6);
  assert_string_equal(gb->lines[2].name, "Shout");
  assert_string_equal(mend_resources_find(r, "FR")->code, "*");
  assert_string_equal(mend_resources_find(r, NULL)->code, "*");
  mend_resources_free(r);
}

static void test_resources_later_parts_replace_or_come_first(void **state) {
  (void)state;
  const char *mine = "[GB]\n"
                     "emergency: 112\n"
                     "  source: me\n"
                     "  checked: 2026-12-01\n"
                     "crisis: Shout\n"
                     "  text: 85258\n"
                     "  source: me\n"
                     "  checked: 2026-12-01\n"
                     "crisis: Our clinic\n"
                     "  call: 0100\n"
                     "  source: me\n"
                     "  checked: 2026-12-01\n"
                     "[IE] Ireland\n"
                     "emergency: 112\n"
                     "  source: me\n"
                     "  checked: 2026-12-01\n";
  const char *t[] = {resources, mine};
  mend_resources *r = load_res(t, 2, NULL);
  assert_non_null(r);
  const mend_country *gb = mend_resources_find(r, "GB");
  assert_string_equal(gb->name, "United Kingdom"); /* a block without a name keeps it */
  assert_int_equal(gb->nlines, 4);
  assert_string_equal(gb->lines[0].name, "112");
  assert_string_equal(gb->lines[1].name, "Our clinic");
  assert_string_equal(gb->lines[2].name, "Samaritans");
  assert_string_equal(gb->lines[3].name, "Shout");
  assert_string_equal(gb->lines[3].text, "85258");
  assert_string_equal(mend_resources_find(r, "IE")->name, "Ireland");
  mend_resources_free(r);
}

static const char *res_error(const char *text) {
  static char out[512];
  mend_diags *d = mend_diags_new();
  const char *t[] = {text};
  mend_resources *r = load_res(t, 1, d);
  out[0] = 0;
  if (!r) first_error(d, " [E-resources]", out, sizeof out);
  mend_resources_free(r);
  mend_diags_free(d);
  return out;
}

static void test_resources_errors_say_what_is_missing(void **state) {
  (void)state;
  assert_string_equal(res_error("[GB]\ncrisis: X\n  call: 1\n  checked: 2026-01-01\n"),
                      "r1:2: error: crisis: X has no source: (where it was checked)");
  assert_string_equal(res_error("[GB]\ncrisis: X\n  call: 1\n  source: s\n"),
                      "r1:2: error: crisis: X has no checked: date (YYYY-MM-DD)");
  assert_string_equal(res_error("[GB]\nabuse: X\n  source: s\n  checked: 2026-01-01\n"),
                      "r1:2: error: abuse: X has no way to reach it: give call:, text:, chat: "
                      "or web:");
  assert_string_equal(res_error("[GB]\ncrisis: X\n  checked: 2026-13-01\n"),
                      "r1:3: error: checked: '2026-13-01' is not a date written YYYY-MM-DD");
  assert_string_equal(res_error("[Britain]\n"),
                      "r1:1: error: a block starts with [CC] and the country's name, CC its "
                      "two-letter code in capitals (as in [GB] United Kingdom), or [*] for "
                      "anywhere else");
  assert_string_equal(res_error("  call: 1\n"),
                      "r1:1: error: 'call:' is indented, but no entry (emergency:, crisis: or "
                      "abuse:) is above it");
  assert_string_equal(res_error("[GB]\nhotline: X\n"),
                      "r1:2: error: 'hotline:' is not an entry: an entry starts with emergency:, "
                      "crisis: or abuse: (details below it are indented)");
  assert_string_equal(res_error("[GB]\ncrisis: X\n  phone: 1\n"),
                      "r1:3: error: 'phone:' is not a detail: use call, text, chat, web, hours, "
                      "lang, source or checked");
  assert_string_equal(res_error(resources), "");
}

static void test_bundled_resources_cover_twenty_countries_and_more(void **state) {
  (void)state;
  size_t len;
  char *data = read_all("stories/safety/resources", &len);
  assert_non_null(data);
  const char *t[] = {data};
  size_t size[] = {len};
  const char *name[] = {"stories/safety/resources"};
  mend_diags *d = mend_diags_new();
  mend_resources *r = mend_resources_load_parts(t, size, name, 1, d);
  if (!r) {
    char *m = mend_diag_format(mend_diags_at(d, 0));
    fail_msg("%s", m);
  }
  assert_true(mend_resources_count(r) >= 21);
  static const char *const must[] = {"GB", "IE", "US", "CA", "AU", "NZ", "IN", "ZA",
                                     "BR", "MX", "JP", "FR", "DE", "ES", "IT", "*"};
  for (size_t i = 0; i < sizeof must / sizeof *must; i++) {
    const mend_country *c = mend_resources_find(r, must[i]);
    assert_non_null(c);
    assert_string_equal(c->code, must[i]);
    bool emergency = false, crisis = false;
    for (size_t k = 0; k < c->nlines; k++) {
      emergency |= c->lines[k].kind == MEND_LINE_EMERGENCY;
      crisis |= c->lines[k].kind == MEND_LINE_CRISIS;
    }
    if (strcmp(must[i], "*")) assert_true(emergency);
    assert_true(crisis);
  }
  mend_resources_free(r);
  mend_diags_free(d);
  free(data);
}

static void test_locale_names_give_their_country(void **state) {
  (void)state;
  char cc[3];
  assert_true(mend_locale_country("en_GB.UTF-8", cc, sizeof cc));
  assert_string_equal(cc, "GB");
  assert_true(mend_locale_country("pt_BR@euro", cc, sizeof cc));
  assert_string_equal(cc, "BR");
  assert_true(mend_locale_country("de_AT", cc, sizeof cc));
  assert_string_equal(cc, "AT");
  assert_false(mend_locale_country("C", cc, sizeof cc));
  assert_false(mend_locale_country("C.UTF-8", cc, sizeof cc));
  assert_false(mend_locale_country("en", cc, sizeof cc));
  assert_false(mend_locale_country("en_gb", cc, sizeof cc));
  assert_false(mend_locale_country("en_GBR", cc, sizeof cc));
}

/* ---- sessions -------------------------------------------------------------------- */

#define TEXT_STORY                                                                                 \
  "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"                                      \
  "<var name=\"t\" type=\"text\"/>"                                                                \
  "<node id=\"a\"><ask var=\"t\" kind=\"text\">Say?</ask><text>After.</text><goto to=\"a\"/>"      \
  "</node></story>"

/* The kinds of the view's items and, for support (S) and support again (A),
 * its category, kind and words. */
static const char *view(const mend_session *s) {
  static char out[512];
  size_t n = 0;
  out[0] = 0;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_SUPPORT || it->kind == MEND_ITEM_SUPPORT_AGAIN)
      n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%s:%s:%s", i ? " " : "",
                            it->kind == MEND_ITEM_SUPPORT ? "S" : "A",
                            mend_safety_category_name(it->support->category), it->support->kind,
                            it->text.text);
    else
      n += (size_t)snprintf(out + n, sizeof out - n, "%sP:%s", i ? " " : "", it->text.text);
  }
  return out;
}

/* Answers, and returns the view that follows (then moves on to the next question). */
static const char *answer_view(mend_session *s, const char *a) {
  static char out[512];
  assert_int_equal(mend_session_answer(s, a), MEND_OK);
  snprintf(out, sizeof out, "%s", view(s));
  while (mend_session_pending(s) == MEND_PENDING_AUTO)
    assert_int_equal(mend_session_continue(s), MEND_OK);
  return out;
}

static void test_session_offers_support_before_the_rest_only_when_worse(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  mend_story *st = load_ok(TEXT_STORY);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(answer_view(s, "i want to die"), "S:crisis:death:want to die P:After.");
  assert_int_equal(mend_session_support_level(s, MEND_SAFETY_CRISIS), 2);
  /* less serious: not the screen again, a reminder */
  assert_string_equal(answer_view(s, "i cant go on"), "A:crisis:low:cant go on P:After.");
  assert_string_equal(answer_view(s, "he hit me"), "S:abuse:violence:he hit me P:After.");
  assert_string_equal(answer_view(s, "i am suicidal"), "S:crisis:suicide:suicidal P:After.");
  assert_int_equal(mend_session_support_level(s, MEND_SAFETY_CRISIS), 3);
  assert_string_equal(answer_view(s, "i am not suicidal"), "P:After.");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

static void test_session_reminds_of_support_shown_before_once_a_view(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  mend_story *st = load_ok(TEXT_STORY);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  /* the same sign twice: the screen, then a reminder (every time it comes) */
  assert_string_equal(answer_view(s, "i want to die"), "S:crisis:death:want to die P:After.");
  assert_string_equal(answer_view(s, "i want to die"), "A:crisis:death:want to die P:After.");
  assert_string_equal(answer_view(s, "i want to die"), "A:crisis:death:want to die P:After.");
  assert_string_equal(answer_view(s, "a quiet day"), "P:After.");
  /* more serious: the whole screen again */
  assert_string_equal(answer_view(s, "i am suicidal"), "S:crisis:suicide:suicidal P:After.");
  /* both categories seen before: one reminder, for the more serious */
  assert_string_equal(answer_view(s, "he hit me"), "S:abuse:violence:he hit me P:After.");
  assert_string_equal(answer_view(s, "he hit me and i want to die"),
                      "A:crisis:death:want to die P:After.");
  assert_int_equal(mend_session_support_level(s, MEND_SAFETY_CRISIS), 3);
  mend_session_free(s);
  mend_story_free(st);
  /* a sign and a <support/> in one node: one reminder; none where the view
   * shows a screen, of either category (it would follow the screen at once) */
  st = load_ok("<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
               "<var name=\"t\" type=\"text\"/>"
               "<node id=\"a\"><ask var=\"t\" kind=\"text\">Say?</ask><support/>"
               "<text>After.</text><goto to=\"a\"/></node></story>");
  mend_story_set_lexicon(st, lx);
  s = mend_session_new(st, 1);
  assert_string_equal(answer_view(s, "fine"), "S:crisis:story: P:After.");
  assert_string_equal(answer_view(s, "i want to die"), "S:crisis:death:want to die P:After.");
  assert_string_equal(answer_view(s, "i want to die"), "A:crisis:death:want to die P:After.");
  assert_string_equal(answer_view(s, "fine"), "A:crisis:story: P:After.");
  assert_string_equal(answer_view(s, "he hit me"), "S:abuse:violence:he hit me P:After.");
  /* a clone and a restored save give what the session gives */
  assert_int_equal(mend_session_answer(s, "fine"), MEND_OK);
  mend_session *c = mend_session_clone(s);
  assert_string_equal(view(c), "A:crisis:story: P:After.");
  mend_session *r = resaved(st, s);
  assert_string_equal(view(r), "A:crisis:story: P:After.");
  mend_session_free(r);
  mend_session_free(c);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

#define SIGN_STORY                                                                                 \
  "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"                                      \
  "<var name=\"t\" type=\"text\"/>"                                                                \
  "<node id=\"a\"><ask var=\"t\" kind=\"text\">Say?</ask>"                                         \
  "<text if=\"crisis(t)\">Heavy.</text><text if=\"abuse(t)\">Unsafe.</text>"                       \
  "<goto to=\"a\"/></node></story>"

/* The paragraphs shown after an answer, "|"-separated. */
static const char *paragraphs(mend_session *s, const char *a) {
  static char out[256];
  assert_int_equal(mend_session_answer(s, a), MEND_OK);
  size_t n = 0;
  out[0] = 0;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_PARAGRAPH)
      n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? "|" : "", it->text.text);
  }
  while (mend_session_pending(s) == MEND_PENDING_AUTO)
    assert_int_equal(mend_session_continue(s), MEND_OK);
  return out;
}

/* Each of n answers gives the paragraphs want (as paragraphs() joins them). */
#define EACH_READS(s, answers, want)                                                               \
  do {                                                                                             \
    for (size_t i_ = 0; i_ < sizeof(answers) / sizeof *(answers); i_++)                            \
      assert_string_equal(paragraphs((s), (answers)[i_]), (want));                                 \
  } while (0)

static void test_crisis_and_abuse_read_an_answer_as_the_scan_does(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  mend_story *st = load_ok(SIGN_STORY);
  assert_true(mend_story_reads_signs(st));
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(paragraphs(s, "i want to die"), "Heavy.");
  assert_string_equal(paragraphs(s, "she hit me and i cant go on"), "Heavy.|Unsafe.");
  assert_string_equal(paragraphs(s, "im not suicidal"), "");           /* negated */
  assert_string_equal(paragraphs(s, "he never hit me"), "");           /* negated */
  assert_string_equal(paragraphs(s, "i could overdose on pizza"), ""); /* figurative */
  assert_string_equal(paragraphs(s, "SUICIDAL"), "Heavy.");            /* as people type */
  assert_string_equal(paragraphs(s, "a quiet day"), "");
  mend_session_free(s);
  /* without a lexicon, no answer holds a sign */
  mend_story_set_lexicon(st, NULL);
  s = mend_session_new(st, 1);
  assert_string_equal(paragraphs(s, "i want to die"), "");
  assert_string_equal(paragraphs(s, "he hit me"), "");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

static void test_crisis_and_abuse_give_testers_a_sign_to_answer_with(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  mend_story *st = load_ok(SIGN_STORY);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_question(s)->nsamples, 0);
  mend_session_free(s);
  mend_story_set_lexicon(st, lx);
  s = mend_session_new(st, 1);
  const mend_question *q = mend_session_question(s);
  assert_int_equal(q->nsamples, 2);
  /* the most serious kind of each category, crisis first: each a sign of it */
  assert_string_equal(q->samples[0], "suicidal");
  assert_string_equal(q->samples[1], "he hit me");
  assert_string_equal(paragraphs(s, q->samples[0]), "Heavy.");
  q = mend_session_question(s);
  assert_string_equal(paragraphs(s, q->samples[1]), "Unsafe.");
  mend_session_free(s);
  mend_story_free(st);
  /* a story that does not ask gets none */
  st = load_ok(TEXT_STORY);
  assert_false(mend_story_reads_signs(st));
  mend_story_set_lexicon(st, lx);
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_question(s)->nsamples, 0);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

static const mend_lexicon *the_words;
static const mend_lexicon *words_of(void *ud, const char *lang) {
  (void)ud, (void)lang;
  return the_words;
}

/* The bundled words of English, as the_words (words_of gives them). */
static mend_lexicon *bundled_words(void) {
  size_t len;
  char *text = read_all("stories/lang/en.words", &len);
  assert_non_null(text);
  mend_lexicon *words = mend_lexicon_load_memory(text, len, "en.words", NULL);
  free(text);
  assert_non_null(words);
  the_words = words;
  return words;
}

/* A story loaded with the_words for its language, with no diagnostic (the
 * words were asked for and found). */
static mend_story *load_with_words(const char *xml, size_t n) {
  mend_load_opts o = {0, words_of, NULL};
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_memory_opts(xml, n, "s.xml", NULL, &o, d);
  assert_non_null(st);
  assert_int_equal(mend_diags_count(d), 0);
  mend_diags_free(d);
  return st;
}

/* nothing(t): a whole answer that says nothing, by the words of the
 * language (stories/lang/en.words, [answer nothing]). */
static void test_nothing_reads_a_whole_answer_with_the_words_of_the_language(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  static const char xml[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                            "<var name=\"t\" type=\"text\"/>"
                            "<node id=\"a\"><ask var=\"t\" kind=\"text\">What do you need?</ask>"
                            "<text if=\"t != '' and nothing(t)\">Nothing yet.</text>"
                            "<goto to=\"a\"/></node></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_session *s = mend_session_new(st, 1);
  static const char *const says_nothing[] = {"idk",
                                             "IDK.",
                                             "idk maybe",
                                             "i dont even know",
                                             "I don't know yet",
                                             "dunno",
                                             "nothing really",
                                             "Not sure.",
                                             "no idea",
                                             "dunno mate",
                                             "no idea mate",
                                             "dunno innit",
                                             ".",
                                             "...",
                                             "2",
                                             "nope",
                                             "i dont know what to say",
                                             "asdf",
                                             "asdfghjkl",
                                             "sdfsdf jkl",
                                             "zxcvb",
                                             "hjkhjk",
                                             "grrrr",
                                             "xcvbn 123",
                                             "k",
                                             "n",
                                             "ok",
                                             "Okay.",
                                             "lol"};
  EACH_READS(s, says_nothing, "Nothing yet.");
  static const char *const says_something[] = {"sleep",
                                               "nothing, just sleep",
                                               "I don't know if I can sleep",
                                               "no more texts",
                                               "idk, a hug",
                                               "asdf i miss him",
                                               "pls",
                                               "tmrw",
                                               "glass",
                                               "flask",
                                               "Ask",
                                               "psst, a walk",
                                               "rhythm",
                                               "café"};
  EACH_READS(s, says_something, "");
  mend_session_free(s);
  /* testers get a whole answer that says nothing to try */
  mend_lexicon *lx = bundled();
  mend_story_set_lexicon(st, lx);
  s = mend_session_new(st, 1);
  const mend_question *q = mend_session_question(s);
  assert_int_equal(q->nsigns, 1);
  assert_string_equal(paragraphs(s, q->samples[q->nsamples - 1]), "Nothing yet.");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* dig(t): the [dig] phrases of the words of the language, negated ones set
 * aside; a rule's phrases never meet them. */
static void test_dig_reads_the_digs_of_the_words_of_the_language(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  static const char xml[] =
      "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
      "<var name=\"t\" type=\"text\"/><var name=\"k\" type=\"int\"/>"
      "<node id=\"a\"><ask var=\"t\" kind=\"text\">And to them?</ask>"
      "<check var=\"t\" score=\"k\"><rule label=\"Kind\"><say>happy</say><say>good luck</say>"
      "<met>Kind.</met></rule></check>"
      "<text if=\"dig(t)\">A dig.</text>"
      "<goto to=\"a\"/></node></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_session *s = mend_session_new(st, 1);
  static const char *const digs[] = {
      "the text thing was cruel. cold bitch",
      /* v85 TR-7: silence kept to make them hurt */
      "good. let him wait and feel what i felt for 3 months", "let her stew", "thanks for nothing",
      "i hope his new bird dumps him", "i wont text again. shes welcome to you anyway lol",
      "im going to make him pay", "she will pay for what she did", "i hate him so much",
      "i hope you die", "hope his new girl knows what shes getting", "nah mate youre a proper melt",
      "hope hes happy with her the absolute muppet", "we broke up and im gutted mate. total tosser",
      "hes a proper knob", "he can do one", "he will never find anyone like me",
      "you wont find anyone better than me", "hes a lying git", "what a prat",
      "thank you for everything and for nothing",
      "wish you all the best, truly. take care. or dont.", "enjoy being the happy couple",
      "at least someone is happy", "i hope she is what you were looking for this time",
      "i wish he died tbh", "I wish you well. Thanks for nothing.", "hope shes worth it",
      "no hope shes worth it", "ur such a sad loser", "ur a sad little liar", "enjoy being alone",
      "its his loss", "hes a waste of space", "good luck with her", "have a nice life",
      "karma will get him", "he can rot", "you pathetic liar", "hes such a narcissist",
      "hes still a cheat", "bet hes regretting it", "good luck youll need it", "go to hell",
      "hope youre sorry", "i wonder if she dumped him yet", "ill laugh at him", "psycho.", "Enjoy!",
      "hope ur happy", "shame you threw it all away", "call me when you realise your mistake",
      "good luck finding someone who puts up with you", "ur a pathetic loser", "ur a loser",
      "ur pathetic", "pathetic loser", "no. ur a pathetic loser",
      "i will not date a pathetic loser like him again", "never again with a liar like her",
      /* v86 TR-4, TR-10: the hurt wanting them to feel it, said plainly */
      "i want him to feel what i felt", "i wanted her to feel how i felt",
      "tell him every hurt tbh he deserves it", "not gonna lie i want him to regret leaving me"};
  for (size_t i = 0; i < sizeof digs / sizeof *digs; i++) {
    const char *p = paragraphs(s, digs[i]);
    assert_non_null(strstr(p, "A dig."));
  }
  static const char *const not_digs[] = {
      "i feel like a selfish idiot",
      /* v86 TR-4 */
      "i want him to feel safe", "he deserves better", "he deserves to be happy",
      "let him wait till tomorrow", "i want to let him know how i feel", "i wish you well",
      "i feel like a pathetic loser", "i feel like such a sad loser",
      "your a good friend not a liar", "im such a loser", "ur a good person and i wish you well",
      "your a legend honestly", "i hope his new job goes well", "you are welcome to call me",
      "the door knob broke", "i can do one thing at a time", "i will never find anyone like him",
      "and for nothing else i would change it", "take care", "we were a happy couple once",
      "i use git at work", "i want to make him pay attention", "he will pay me back",
      "i hate him for leaving but i miss him", "i hope he doesnt die",
      "i hope he knows what he wants", "i hope you find happiness", "good luck with the exam",
      "he is not a liar", "i am such an idiot", "i was the controlling one",
      "i hope the new job is worth it", "i started to enjoy being alone",
      "he called me a psycho for crying", "he was cheating on me",
      "good luck to her in her new job", "No. I hope you have a good life. Take care.",
      "thank you for everything", "his loss of interest hurt", "i hope you know im sorry",
      "i hope you're well. sorry for everything", "enjoy the summer", "he said i was a psycho",
      "good luck finding a new job", "when i realise my mistake i say sorry"};
  for (size_t i = 0; i < sizeof not_digs / sizeof *not_digs; i++) {
    const char *p = paragraphs(s, not_digs[i]);
    assert_null(strstr(p, "A dig."));
  }
  /* the rule's "good luck" is met as ever: a dig is no phrase of a rule's */
  assert_non_null(strstr(paragraphs(s, "good luck with her"), "A dig."));
  assert_true(mend_session_int(s, "k") > 0);
  assert_string_equal(paragraphs(s, "good luck with the exam"), "");
  assert_true(mend_session_int(s, "k") > 0);
  assert_string_equal(paragraphs(s, "a walk"), "");
  assert_int_equal(mend_session_int(s, "k"), 0);
  mend_session_free(s);
  mend_story_free(st);
  /* without the words: no dig */
  mend_diags *d = mend_diags_new();
  mend_load_opts none = {0};
  st = mend_story_load_memory_opts(xml, sizeof xml - 1, "s.xml", NULL, &none, d);
  assert_non_null(st);
  mend_diags_free(d);
  s = mend_session_new(st, 1);
  assert_null(strstr(paragraphs(s, "thanks for nothing"), "A dig."));
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
  /* a [dig] phrase that cannot be read is an error of the words */
  static const char bad[] = "language: en\nname: English\nstemmer: english\n[dig]\n... worth it\n";
  d = mend_diags_new();
  assert_null(mend_lexicon_load_memory(bad, sizeof bad - 1, "w.words", d));
  assert_int_equal(mend_diags_errors(d), 1);
  mend_diags_free(d);
}

/* A story whose text question shows `shown` when said(t, 'list') holds, with
 * the bundled words (bundled_words() first), and a session of it; testers
 * answer the question with a text of the list (its first phrase). */
static char said_xml[512];
static mend_session *said_session(const char *list, const char *shown, mend_story **st) {
  int n = snprintf(said_xml, sizeof said_xml,
                   "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                   "<var name=\"t\" type=\"text\"/>"
                   "<node id=\"a\"><ask var=\"t\" kind=\"text\">And now?</ask>"
                   "<text if=\"said(t, '%s')\">%s</text>"
                   "<goto to=\"a\"/></node></story>",
                   list, shown);
  *st = load_with_words(said_xml, (size_t)n);
  mend_session *s = mend_session_new(*st, 1);
  const mend_question *q = mend_session_question(s);
  assert_int_equal(q->nsamples, 1);
  assert_string_equal(paragraphs(s, q->samples[0]), shown);
  return s;
}

/* said(t, list) with the bundled words: each of the n_yes lines shows
 * `shown`, and none of the n_no lines does. */
static void said_reads(const char *list, const char *shown, const char *const *yes, size_t n_yes,
                       const char *const *no, size_t n_no) {
  mend_lexicon *words = bundled_words();
  mend_story *st;
  mend_session *s = said_session(list, shown, &st);
  for (size_t i = 0; i < n_yes; i++)
    if (strcmp(paragraphs(s, yes[i]), shown)) fail_msg("said(t, '%s') missed: %s", list, yes[i]);
  for (size_t i = 0; i < n_no; i++)
    if (*paragraphs(s, no[i])) fail_msg("said(t, '%s') read: %s", list, no[i]);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
}
#define SAID_READS(list, shown, yes, no)                                                           \
  said_reads((list), (shown), (yes), sizeof(yes) / sizeof *(yes), (no), sizeof(no) / sizeof *(no))

/* said(t, 'belongings'): going for the person's own things; not the ex's
 * things, nor a denial (v86 WB-15). */
static void test_said_belongings_reads_going_for_ones_own_things(void **state) {
  (void)state;
  static const char *const belongings[] = {"3 but im going round his tonight to get my stuff back",
                                           "need to pick up my things from hers",
                                           "collecting my clothes tomorrow",
                                           "going round to get the rest of my stuff back tomorrow"};
  static const char *const not_belongings[] = {
      "give him his stuff back", "im not going to get my stuff", "he can get his stuff",
      "im going round his tonight i need to see him"};
  SAID_READS("belongings", "Belongings.", belongings, not_belongings);
}

/* said(t, 'blocking'): not able to block or delete them yet; not a block
 * done, nor the ex blocking them (v86 WB-8). */
static void test_said_blocking_reads_not_able_to_block_them(void **state) {
  (void)state;
  static const char *const blocking[] = {
      "still a 9. my sister said to block him but i cant", "i cant bring myself to block her",
      "i cant delete his number", "my friend said to unfollow her but i cant"};
  static const char *const not_blocking[] = {"i blocked him", "he blocked me",
                                             "i can block him if i want"};
  SAID_READS("blocking", "Blocking.", blocking, not_blocking);
}

/* said(t, 'texted'): the person has already reached out to the ex, lately;
 * not a text only thought of, nearly sent, asked about, or sent by the ex. */
static void test_said_texted_reads_a_message_already_sent(void **state) {
  (void)state;
  static const char *const texted[] = {
      "he left me on read", /* (v87 PC-3) */
      "i already hit send",
      "sent a voice note",
      "i just left him a voicemail crying",
      "i already texted him tonight",
      "i messaged her loads this week",
      "ive been texting him all night",
      "i sent him another text",
      "honestly i texted him loads on wednesday",
      "yeah, and i texted him on wednesday",
      "i texted him like 5 times tonight",
      "i called my ex again",
      "I've already messaged her.",
      "i keep texting him",
      "i texted him and he didnt reply",
      "i already sent the message",
      "i rang her twice",
      "i texted u again",
      "texted him loads tonight",
      "i wish i hadnt texted him",
      "i gave in and texted him tonight",
      "i called him an hour ago",
      "i rang him 5 times",
      "i replied to him tonight",
      "i texted him yesterday",
      "i already sent him one",
      "i slid into her dms last night",
      "i texted him at 2 am",
      "texted him. no reply",
      "im texting him right now",
      "sent him a long message tonight",
      "i txted him tonight",
      "i textd him again",
      "Texted him at midnight",
      "i text him every night",
      "ive text him earlier",
      "we talked all night and he said he misses me",
      "i texted his phone last night",
      "i texted him asking if we can talk",
      "i ended up texting him anyway and he didnt answer",
      "i did text him. i just wanted him to answer",
      "i already replied yes lol were meeting friday",
      "already said yes to her",
      "i replied straight away, im seeing her tmrw",
      "i replied to his story an hour ago",
      "reacted to her story last night",
      "no i didnt text. i called him at 4am tho and he didnt pick up",
      "he died 3 weeks ago. i still text his phone every night"};
  static const char *const not_texted[] = {
      "i never called her number", "he called my phone", "if i texted him asking to talk",
      "he called me at 4am", "i didnt call him at 4am", "i did not text him", "did i text him",
      "i didnt text him", "i almost texted him tonight", "i want to text him tonight",
      "should i text him tonight?", "he texted me tonight", "i havent texted him today",
      "i never texted him tonight", "i tried not to text him tonight",
      "my friend texted him tonight", "i dont keep texting him", "i just sent a text to my sister",
      "send him a letter", "i texted him every day when we were together",
      "i texted him loads last week", "he texted her tonight", "i wont text him tonight",
      "i feel like texting him tonight so bad", "the urge to text him tonight is huge",
      "i called her out on it tonight", "should i just text him and ask to talk",
      "i keep thinking i should just text him", "i cant just text you like before",
      "i texted him last wednesday", "i want to just text him", "i am texting my mum now",
      /* a hope, not a message sent */
      "if i just text her one more time she will come back",
      "i keep thinking if i text her she will come back",
      /* a plan, not a message sent: "text" is not "texted" */
      "text him tonight", "text him tonight and get it over with", "i text him tonight",
      "call her at midnight", "message him this morning", "he replied to my story",
      "should i reply to his story",
      /* a maybe, not a message sent (v85 EI-4) */
      "call my sister. or maybe just text him idk", "maybe just text him",
      "i still dont text his phone",
      /* a plan for later, not a message sent (v86 PC-1) */
      "ill just message him in the morning", "i'll just text her tomorrow",
      /* a plan, not a message sent (v86 WB-2) */
      "or ill just text him instead idk"};
  SAID_READS("texted", "Texted.", texted, not_texted);
}

/* [said countdown]: a last word held over them in a message to the ex (the
 * article's "last text"); not a last time about themselves, nor one reported
 * (v86 SOT-9). */
static void test_said_countdown_reads_a_last_word_held_over_them(void **state) {
  (void)state;
  static const char *const countdown[] = {
      "this is the last time ill ever text you. i really loved you and you threw it away",
      "you will never hear from me again",
      "this is my last message to you",
      "goodbye forever",
      "last time i'll ever bother you",
      "you'll never hear from me again after tonight"};
  static const char *const not_countdown[] = {"this is the last time ill ever talk about him",
                                              "last time i cry over her",
                                              "he said it was the last time",
                                              "my last text was on friday",
                                              "i texted him last night",
                                              "the last time i saw him he was happy"};
  SAID_READS("countdown", "Countdown.", countdown, not_countdown);
}

/* said(t, 'together'): the person is back with the ex, or trying again;
 * not a wish, a question, a plan, a denial, or together once and apart now. */
static void test_said_together_reads_a_couple_back_together(void **state) {
  (void)state;
  static const char *const together[] = {"were getting back together on friday",
                                         "we got back together last week",
                                         "were back together",
                                         "we're back together",
                                         "im back with him",
                                         "we are giving it another go",
                                         "we actually got back together",
                                         "me and him got back together",
                                         "we are getting back together",
                                         "he came back to me",
                                         "back together",
                                         "we're back",
                                         "we got back together last week and its going well",
                                         "idk, were back together now so",
                                         "his hugs. we are together again since sunday",
                                         "we r back 2gether"};
  static const char *const apart[] = {"im sorry please give us another chance",
                                      "i miss you. please give us another chance",
                                      "i want us to get back together",
                                      "if we got back together",
                                      "should we give it another go",
                                      "i wish we were back together",
                                      "we are not back together",
                                      "i hope we get back together",
                                      "we will never be back together",
                                      "can we get back together",
                                      "i dont want to get back together",
                                      "we got back together and he left again",
                                      "we got back together but it ended in may",
                                      "i texted him that i want to get back together",
                                      "we are never getting back together",
                                      "idk if we will get back together",
                                      "they come back to me every time and i always say yes"};
  SAID_READS("together", "Together.", together, apart);
}

/* said(t, 'wanting'): a pull to reach the ex said as a want, or the bare command
 * alone; not a want undone, a text sent, nor someone else. */
static void test_said_wanting_reads_a_pull_to_reach_them(void **state) {
  (void)state;
  static const char *const wanting[] = {"4 but ngl i still want to text him",
                                        "i really wanna message her",
                                        "7 i still want to text him so bad",
                                        "text him",
                                        "call him",
                                        "message her",
                                        "call my ex"};
  static const char *const not_wanting[] = {
      "i dont want to text him",  "i already texted him tonight",
      "i want to text my sister", "text my mum",
      "he wants to text me",      "text my sister back i guess"};
  SAID_READS("wanting", "Wanting.", wanting, not_wanting);
}

/* said(t, 'ended'): the person ended it; not the ex who did, a wish or a
 * plan, a denial, nor words of ending a life. */
static void test_said_ended_reads_the_person_who_ended_it(void **state) {
  (void)state;
  static const char *const ended[] = {
      "i broke up with her and i regret it", "i ended it", "i left him", "i was the one who left",
      "i dumped him last month", "i finally ended things", "ive broken up with him",
      "i called it off", "it was me who ended it", "im the one who ended it",
      "i broke it off with him", "i left him for someone else", "i regret ending it tbh",
      "i regret breaking up with her",
      /* a regret that says it happened: a longer phrase
       * of the list stands over a "not:" inside it */
      "i shouldnt have ended it", "i never should have left him",
      "i wish i hadnt broken up with her",
      /* ... and a "not:" stays in its sentence */
      "i want him back. i ended it",
      /* in a draft to them */
      "i broke up with you and i regret it", "i left u and im sorry"};
  static const char *const not_ended[] = {"he broke up with me",
                                          "he shouldnt have ended it",
                                          "i should have ended it sooner",
                                          "she ended it",
                                          "i wish i had ended it",
                                          "i should have left him",
                                          "he left me",
                                          "i could never leave him",
                                          "i didnt end it",
                                          "we broke up",
                                          "i left my job",
                                          "i left him on read",
                                          "i left her a voicemail",
                                          "i never broke up with him",
                                          "he regrets ending it",
                                          "i regret ending it all"};
  SAID_READS("ended", "Ended.", ended, not_ended);
}

/* said(t, 'relieved'): the person is relieved, or mostly over it; not a
 * wish, a should, a doubt, a denial, or someone else's relief. */
/* [said retracted]: a yes taken back in the same line ("yes. well prob not", v86 FM-4); not a yes
 * that stays one, nor a no. */
static void test_said_retracted_reads_a_yes_taken_back(void **state) {
  (void)state;
  static const char *const retracted[] = {"yes. well prob not if he ignores me tbh",
                                          "yes but probably not",
                                          "yeah. actually no",
                                          "y. no i cant lie i would text him again",
                                          "yes if he answers lol",
                                          "yeah maybe not tbh",
                                          "yes. well no actually",
                                          "yeah wait no",
                                          "y but only so he sees it",
                                          "yes but just so she notices",
                                          "yes, only for him to see"};
  static const char *const not_retracted[] = {"yes",
                                              "yes i can",
                                              "yes, i will not text him again",
                                              "yeah i wont contact her",
                                              "no",
                                              "no. probably not",
                                              "yes even if he never answers",
                                              "yes, well, it is mine",
                                              "yes so i can see how far ive come",
                                              "yes even if he never sees it"};
  SAID_READS("retracted", "Retracted.", retracted, not_retracted);
}

static void test_said_relieved_reads_relief(void **state) {
  (void)state;
  static const char *const relieved[] = {
      "honestly im relieved", "im glad its over", "i feel free", "im over him", "i dont miss her",
      "nothing, im relieved", "its such a relief", "im better off without him", "im mostly over it",
      "ive moved on", "so relieved", "ive mostly moved on", "honestly im doing ok, mostly over it",
      "i ended it and im glad", "im glad i left him", "no honestly im relieved",
      "im also kind of relieved", "im a bit relieved tbh", "3. honestly a bit relieved",
      "I am mostly fine, honestly a bit relieved.", "it didnt work out and im relieved",
      "no tbh i feel lighter", "Honestly I feel calm. I hope she is happy, I mean it.",
      "im weirdly at peace with it", "I hope she is happy, I mean it.",
      /* v85 TR-2, TR-8 */
      "I hope she is happy, honestly. I am doing well now.",
      "I hope she is happy. I am doing well, honestly.",
      "i moved in with my best mate. i hope hes ok honestly", "ive been doing good",
      /* v85 TR-3: a calm no, in the words of a reply */
      "Thanks for reaching out. I am glad you are well, but I do not want to start again.",
      "i really dont want to get back together",
      /* v86 PC-10 */
      "I would be fine with it honestly", "id be ok with that"};
  static const char *const not_relieved[] = {"no honestly im not relieved",
                                             "i would not be fine with it",
                                             "no tbh im not over him",
                                             "im also not relieved",
                                             "i wish i was over him",
                                             "i should be relieved",
                                             "i thought id be relieved",
                                             "im not over him",
                                             "i will never be over him",
                                             "im not relieved at all",
                                             "i feel better today",
                                             "im over it but i still miss him",
                                             "i want to feel free",
                                             "i miss him",
                                             "he was so relieved",
                                             "he mostly moved on",
                                             "he is mostly over it",
                                             "shes mostly over it",
                                             "i wish i felt calm",
                                             "im not calm at all",
                                             "hope ur happy",
                                             "i hope hes happy with her",
                                             "i hope hes happy with her honestly",
                                             "i hope hes ok",
                                             "i am not doing well",
                                             "i wish i was doing well",
                                             "im doing well at work but i miss him",
                                             "hes doing well",
                                             "i dont want to start again from scratch",
                                             "i want to start again",
                                             "he doesnt want to start again"};
  SAID_READS("relieved", "Relieved.", relieved, not_relieved);
}

/* said(t, 'grief'): the ex has died; not a wish, a "what if", nor "dead
 * serious". */
static void test_said_grief_reads_a_death(void **state) {
  (void)state;
  static const char *const died[] = {"he died last month",
                                     "he ded last month",
                                     "she passed away in may",
                                     "he is dead",
                                     "he dead since march",
                                     "i lost him to cancer",
                                     "the funeral was the hardest",
                                     "since the funeral i cant",
                                     "he died last month. my dad died last year",
                                     "since he died i cant sleep"};
  static const char *const alive[] = {"if he died id be sad",
                                      "he is dead serious",
                                      "i passed the exam",
                                      "he is dead to me this year",
                                      "i feel dead inside",
                                      "i keep thinking about him. my dad died last year",
                                      "i used to talk to my mum before she died in april",
                                      "he held me at the funeral",
                                      "my nan died friday. im coming round after the funeral",
                                      "the funeral is saturday, i cant think", /* (v87 TR-12) */
                                      "my dad... he died last year",           /* (v87) */
                                      "my nan, she died in may",
                                      "nan died friday"};
  SAID_READS("grief", "Grief.", died, alive);
}

/* said(t, 'bereaved'): someone other than the ex has died; not the ex, "my
 * phone died", a "what if" or "dead to me". */
static void test_said_bereaved_reads_another_death(void **state) {
  (void)state;
  static const char *const died[] = {"i miss him. at mums funeral he held my hand",
                                     "when mum died he left",
                                     "my best friend killed herself",
                                     "we lost the baby",
                                     "my mum died last month",
                                     "4 my mum died last month and now this",
                                     "my dad passed in march",
                                     "we lost my nan in june",
                                     "at my grandads funeral",
                                     "the funeral is saturday, i cant think",
                                     "funeral is on thursday",
                                     "my dad... he died last year",
                                     "my nan. she died in may",
                                     "my dog died",
                                     "my mum passed away last week",
                                     "my best friend died in a crash",
                                     "nobody. my best mate died last year",
                                     "like a 7 i guess. my best mate died in august",
                                     "7. my mate passed away last year",
                                     "nan died friday",
                                     "i keep thinking about him. my dad died last year",
                                     "i used to talk to my mum before she died in april"};
  static const char *const not_died[] = {
      "my phone died",      "he is dead to me", "my mate is dead tired", "if my mum died",
      "he died last month", "i passed my test", "my mum is dead tired"};
  SAID_READS("bereaved", "Bereaved.", died, not_died);
}

/* [said hoping] (v86 NC-10): reading a sign that the ex still cares or wants them back, not
 * their own feeling, nor a doubt, a denial or a question. */
static void test_said_hoping_reads_a_sign_they_still_care(void **state) {
  (void)state;
  static const char *const hoping[] = {"omg he replied. i knew he still cares",
                                       "he still loves me",
                                       "she must still care",
                                       "this means he wants me back",
                                       "he must care about me",
                                       "she still has feelings for me"};
  static const char *const not_hoping[] = {
      "i still care about him", "he doesnt care anymore", "i dont think he still cares",
      "does he still care",     "he still loves her",     "she wants her stuff back"};
  SAID_READS("hoping", "Hoping.", hoping, not_hoping);
}

/* said(t, 'isolated'): days shut in and alone; not a night in, nor the ex. */
static void test_said_isolated_reads_days_shut_in(void **state) {
  (void)state;
  static const char *const alone[] = {
      "i havent left the house in days", "nothing. i havent left the house",
      "i havent seen anyone in a week", "i stay in bed all day", "i dont go out anymore",
      "i havent been outside for days", "i havent been out since sunday",
      "havent left my room in days", "havent been out in 3 days", "8. havent left my room in days",
      /* v86 EI-8 */
      "like 6 i havent been out my room since sunday", "6 been stuck inside all week"};
  static const char *const not_alone[] = {"he never leaves the house",
                                          "im staying in tonight",
                                          "he hasnt left his house in days",
                                          "i left the house today",
                                          "i went out with my sister",
                                          "he has been stuck inside all week",
                                          "i was stuck in traffic for ages",

                                          "no one knew he hit me"};
  SAID_READS("isolated", "Isolated.", alone, not_alone);
}

/* said(t, 'no-one'): no one to turn to, alone with it; not someone else alone, nor
 * what no one else is or does (v84 SOT-7, SOT-11). */
static void test_said_no_one_reads_no_one_to_turn_to(void **state) {
  (void)state;
  static const char *const no_one[] = {
      "nobody cares", "nobody.", "theres no one to tell", "i have no one to talk to",
      "whats the point of saying anything",
      "nobody. my best mate died last year and everyone else is his friends",
      /* v86 TR-3: friends lost, or dropped for the ex */
      "i dont have friends anymore, i dropped them all for him", "i dont have any friends left",
      "i have no friends anymore", "i ditched all my mates for her",
      "i dropped my friends for him"};
  static const char *const not_no_one[] = {
      "he has no one", "nobody cares what he thinks", "theres no one like her",
      "no one knew he hit me", "i havent left the house in days",
      /* v86 TR-3 */
      "he doesnt have friends anymore", "i dont have friends over tonight",
      "my friends dropped me off at his"};
  SAID_READS("no-one", "No one.", no_one, not_no_one);
}

/* said(t, 'outside'): at the ex's door or home now; not a plan, the past, nor
 * the ex outside theirs. */
static void test_said_outside_reads_being_there_now(void **state) {
  (void)state;
  static const char *const there[] = {
      "im outside his flat rn", "im sat in my car outside her house",
      "standing at his door right now", "im at her work now", "im outside his rn"};
  static const char *const not_there[] = {"ill be waiting outside your work on monday",
                                          "i was outside his flat last night",
                                          "hes outside my house",
                                          "im going to be outside his flat tomorrow",
                                          "im at my mums",
                                          "gonna go sit outside his flat for a bit"};
  SAID_READS("outside", "Outside.", there, not_there);
}

/* said(t, 'evading'): getting round a block or a closed page with another
 * account or someone else's phone; not the ex's account, nor only thought of. */
static void test_said_evading_reads_another_account(void **state) {
  (void)state;
  static const char *const evading[] = {
      "idk like 8. she blocked me on everything but i made a fake account lol",
      "i made a fake account to see her stuff",
      "i check his stuff on my finsta",
      "i look at her page from my friends phone",
      "using my second account to watch his stories",
      "she blocked me on everything else so this is the only way she'll see me",
      "its the only way he will see it"};
  static const char *const not_evading[] = {"he made a fake account to message me",
                                            "she blocked me on everything",
                                            "i was thinking of making a fake account",
                                            "i deleted my account",
                                            "my friend showed me her page",
                                            "the only way out is through"};
  SAID_READS("evading", "Evading.", evading, not_evading);
}

/* Of two signs as serious that end at the same word, where the longer runs
 * over a sentence's end, the words shown are the shorter's: "i miss him so
 * much. he checked my phone" shows "he checked my phone" ("@they ...
 * checked my phone" found from "him" too). */
static void test_scan_shows_the_shorter_of_two_signs_that_end_together(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  static const char text[] =
      "i miss him so much. he checked my phone every night but i still love him";
  mend_safety_result r;
  mend_safety_scan(lx, text, sizeof text - 1, &r);
  assert_int_equal(r.category, MEND_SAFETY_ABUSE);
  assert_int_equal(r.abuse.size, strlen("he checked my phone"));
  assert_memory_equal(text + r.abuse.start, "he checked my phone", r.abuse.size);
  /* within one sentence, the longer stays ("he choked me", not "choked me") */
  mend_safety_scan(lx, "he choked me", 12, &r);
  assert_int_equal(r.abuse.start, 0);
  assert_int_equal(r.abuse.size, 12);
  mend_lexicon_free(lx);
}

/* [said new-partner]: a plan to reach the ex's new partner; not the past,
 * nor the new partner reaching them (v86 EI-10). */
static void test_said_new_partner_reads_a_plan_to_reach_them(void **state) {
  (void)state;
  static const char *const new_partner[] = {
      "im gonna message his new gf and tell her what he is like",
      "7 im gonna message his new gf and tell her what he is like",
      "message his new gf and tell her what hes really like", "ill dm her new bf",
      "im going to text her new boyfriend tonight"};
  static const char *const not_new_partner[] = {
      "i messaged his new gf once", "his new gf messaged me", "i wont message his new gf",
      "i saw his new gf in town", "im going to text him right now"};
  SAID_READS("new-partner", "New partner.", new_partner, not_new_partner);
}

/* [said torn]: a choice made and taken back in the same line (v86 EI-11); not
 * a choice that stays one, nor a "maybe" about something else. */
static void test_said_torn_reads_a_choice_taken_back(void **state) {
  (void)state;
  static const char *const torn[] = {"i wont post it. ok maybe i will",
                                     "i wont send it. maybe i will", "ill delete it. ok maybe not",
                                     "i will post it. well maybe not"};
  static const char *const not_torn[] = {
      "i wont post it", "i will delete it", "maybe i will post it",
      "i wont text him. maybe ill call my mum", "keep it in drafts"};
  SAID_READS("torn", "Torn.", torn, not_torn);
}

/* [said misses]: missing them or wanting them back, for a story to hear
 * beside relief ("honestly im relieved but i miss him"). */
static void test_said_misses_reads_longing(void **state) {
  (void)state;
  static const char *const misses[] = {"i miss him so much",
                                       "honestly im relieved but i miss him",
                                       "i just want her back",
                                       "i still love him",
                                       "i cant stop thinking about her",
                                       "i just want to see him one more time"};
  static const char *const not_misses[] = {
      "i dont miss him",           "he misses me",      "i wish i didnt miss her",
      "i will never miss him",     "i miss the old me", "i never want to see him again",
      "i want to see my mum again"};
  SAID_READS("misses", "Misses.", misses, not_misses);
}

/* [said pleads]: a plea to them, for a story to hear beside anger ("ur a
 * pathetic loser. pls come back i need u"); not a report of one. */
static void test_said_pleads_reads_a_plea(void **state) {
  (void)state;
  static const char *const pleads[] = {"pls come back i need u",
                                       "ur a pathetic loser. pls come back i need u",
                                       "please give me another chance",
                                       "dont leave me please",
                                       "i need you",
                                       "pls just come back",
                                       "come back",
                                       "pls just answer me",
                                       "please just give us one more chance"};
  static const char *const not_pleads[] = {"he begged me to come back", "please dont come back",
                                           "i need u to know im ok", "i miss him",
                                           "he said please just listen"};
  SAID_READS("pleads", "Pleads.", pleads, not_pleads);
}

/* [said reaching]: a plan, or a pull, to reach them now or soon, in person or
 * by message; not a no, the past, the ex's plan, nor one's own work. */
static void test_said_reaching_reads_a_plan_to_reach_them(void **state) {
  (void)state;
  static const char *const reaching[] = {
      "closing it now and texting him sorry", /* (v87 PC-1) */
      /* a step before the sending (v86 PC-14) */
      "im gonna screenshot it and send it to him", "im going to screenshot it and send it to her",
      /* a good plan taken back for a message to them (v85 EI-4) */
      "call my sister. or maybe just text him idk", "or maybe just text him",
      /* v86 FM-2, FM-11 */
      "i wont text him. ok maybe just once", "i wont message her. ok one last time",
      "i wont call him. unless hes on his own", "i wont go round his. ok maybe just once",
      "im gonna drop his hoodie back at his tonight",
      "2 but im dropping his hoodie round his tonight", "ill ask him to meet up on sunday",
      "im going to ask if we can meet up this weekend", "gonna ask him for coffee next week",
      "ill text my brother back. and maybe him too just to say goodnight",
      "ill ring my mum back. and maybe text him goodnight",
      "i want to go to his grave tonight and just lie there", "maybe text him goodnight",
      "im going round urs tomorrow to get my stuff and we can talk then",
      "im going to come round and get my stuff whether u like it or not",
      "ill just turn up at his tomorrow", "2 ill just go see her at work tmrw instead",
      "4 but ill prob end up at his door", "if he doesnt text by friday im going round",
      "i wont go round his. ok maybe tomorrow", "i wont text him. ok maybe i will tonight",
      "i wont text again. ok maybe tomorrow", "i wont text him tonight. maybe tomorrow tho",
      "im going to his tonight", "text him at midnight so he knows im still here",
      "im sending this tonight whatever happens", "drive past her house once, just to see",
      "text him happy birthday", "no im staying till he leaves so i can talk to him alone",
      "im going to go to his work tomorrow so he has to talk to me",
      "to turn up at her work and make her see what she did",
      "honestly i just wanted to go to her work tomorrow and make her listen to me",
      "im going to show up at her work with flowers", "im going to text him right now",
      "ill call her tonight", "no. and im coming to ur work tomorrow so u can explain urself",
      "if she doesnt answer this time im going to her work tomorrow",
      "that i should just go to her work and talk to her in person", "im going over there",
      "im sorry. but if you dont answer by friday im coming round",
      "i'll be waiting outside your work on monday",
      "im going round his house tonight to make him listen", "im going over to his tonight",
      "i might just go round hers", "im outside his house right now",
      "im calling him as soon as im done here", "im calling him after this", "calling her now",
      "im going to see him tomorrow and make him explain",
      "going to find him at the party and make him talk to me", "ill go and see her tomorrow",
      "im gonna talk to him whatever happens",
      "im going to send him one last text tonight so he knows what he lost",
      "sending him a long message", "i will be outside your flat tomorrow",
      "ill be at her door when she gets home", "i want to text him one last time",
      "the waiting. tho ill probably text him at 2am again lol",
      "the waiting. ill prob call him later", "the waiting. might text him at 2am again",
      "ive already typed the text to him, sending it at midnight",
      "im sorry for everything. i'll send this tonight i think",
      "feeling good. see u at ur work tmrw babe ;)", "5 but im still going round tmrw",
      "call her later", "text him later", "i wont text him i promise. ok maybe just one",
      "i wont go round his tonight. ok maybe i will",
      "I won't contact you again. Actually no, I'll keep texting",
      "i might still go round to get my jumper back tomorrow",
      "going to get my stuff from his tomorrow",
      "i promise i wont message her. well maybe one last one",
      "i'll leave you alone. jk im gonna keep messaging u",
      "i wont message him i promise. well maybe one text tomorrow just to ask why",
      "i wont text him. ok maybe one", "i wont text u again. ok maybe once more",
      "swimming on thursday. i wont text him again. ok maybe once if he replies",
      "my sister says dont go but i have to", "drive to hers after my shift and say it to her face",
      "im waiting outside your gym tomorrow",
      "everyone should know what you did. i wont come near you. ok maybe i will tonight, ill be "
      "outside",
      /* v85 PC-5, PC-8 */
      "might drive past his later", "7. gonna drive past hers after work tmrw",
      "meet him for coffee and sort it out",
      "to see if i can apologise to him in person this weekend",
      "9 but i wont go round. ok maybe just to get my stuff",
      "keep it. i might send it to him instead lol", "i might just send this to her tonight",
      "ur a controlling piece of shit. im coming to get my stuff tonight",
      "i am coming for my things on sunday",
      /* v86 NC-1, NC-2 */
      "no but im about to for real", "im about to send it for real",
      "i wont text him. ok maybe just happy bday", "maybe just a quick happy birthday",
      "ill just send happy birthday", "i might text happy bday"};
  static const char *const not_reaching[] = {
      "my brother is coming to get my stuff", "hes coming to get my stuff",
      "my friend might send it to him", "she might send it to him", "i might send it to my sister",
      "i wont send it to him",
      /* v85 PC-11, PC-8: the past, the ex's wish */
      "no but i walked past his flat at 3am", "i met him for coffee",
      "he wants to meet me for coffee", "i wont text him. maybe tomorrow will be better",
      "my sister keeps calling, ill ring her tomorrow", "im going round my mums later",
      "he will just turn up at mine", "ok maybe just one friend",
      "well maybe one text from him would help", "ok maybe one text to my sister",
      "my sister is going to get my stuff from his tomorrow",
      "not check her insta anymore. well maybe just once more tonight",
      "ok maybe just one more look", "i wont text him again. ok maybe once i see a friend",
      "i wont check her page. ok maybe once more", "but maybe just one day at a time",
      "he said it to my face", "i wont text him. i promise",
      "he said if i block him hell come round and make me listen", "i used to text him at midnight",
      "he texted me at midnight", "this is the last time ill ever text you",
      "im not going to text him", "i wont go to his work", "i went to his house",
      "i used to go to his work every day", "he is going to text me", "im going to work tomorrow",
      "should i text him", "i already texted him tonight", "i will text my friend",
      "im coming round to the idea", "we were going to his parents for christmas",
      "she will call him", "i used to go round his house every day", "he came round to my house",
      "she is coming over to his place", "i wont go round his house", "im not calling him",
      "he is calling me", "i was calling him all night", "im going to see my sister tomorrow",
      "i am not going to see him again", "he is going to see her tomorrow",
      "i used to make him listen", "im calling my mum", "i feel like texting him tonight so bad",
      "i sent him a long message", "he is sending me texts", "im going to send my sister a text",
      "he will be at his flat tomorrow", "i will not be outside your flat",
      "i dont want to text him", "i want to text him so bad rn", "i just want to text him",
      "i never want to call her again", "he wants to text me", "i will not text him tonight",
      "she will probably call him", "i sent it tonight", "i wont send it tonight",
      "i used to see him at his work on mondays", "im still going round in circles",
      "my mum is still coming over tomorrow", "he wont text me. ok maybe he will",
      "maybe just text my sister", "im not going to talk to him whatever happens",
      "i texted my mum to say goodnight", "i used to text him goodnight",
      "i went to his grave on sunday",
      /* a step, then sent to someone else (v86 PC-14) */
      "she is going to screenshot it and send it to me",
      /* v86 NC-1, NC-2 */
      "i was about to send it but i stopped", "im about to cry for real",
      "he said happy birthday to me", "i sent him happy birthday last year",
      /* v86 FM-2, FM-11 */
      "my sister will drop his hoodie back at his tonight", "he asked me to meet up on sunday",
      "i wont text him. ok maybe just one friend", "i wont call him unless he calls first",
      "i will ask my sister to meet up for coffee"};
  SAID_READS("reaching", "Reaching.", reaching, not_reaching);
}

/* [said visiting]: a plan to go to them or be where they are; not a message,
 * the past, nor the ex's plan. */
static void test_said_visiting_reads_a_plan_to_go_to_them(void **state) {
  (void)state;
  static const char *const visit[] = {
      /* on the way there now, a letter taken to their door (v87) */
      "omw to his", "walking to his flat now", "goin round his",
      "putting a letter through his door",
      "im going round urs tomorrow to get my stuff and we can talk then",
      "im going to come round and get my stuff whether u like it or not",
      "ill just turn up at his tomorrow", "2 ill just go see her at work tmrw instead",
      "4 but ill prob end up at his door", "if he doesnt text by friday im going round",
      "i wont go round his. ok maybe tomorrow",
      "drive to hers after my shift and say it to her face",
      "im driving to hers after my shift to say it to her face",
      "im waiting outside your gym tomorrow", "going to turn up at her work tomorrow at 5",
      "ill go round his in the morning", "im going over to his tonight",
      "i will be outside your flat tomorrow", "im outside his house right now",
      "i wont come near you. ok maybe i will tonight, ill be outside",
      "my sister says dont go but i have to", "my friend told me not to go but im going anyway",
      "i wont go round his tonight. ok maybe i will", "i wont go to her house. actually i might",
      "gonna go sit outside his flat for a bit", "im going to go round and see him tomorrow",
      "im getting a taxi round his right now", "i said id come over tonight",
      "hes texted me hey. im getting a taxi round his right now",
      "im going to go round and see him tomorrow morning, in daylight, to talk properly",
      "just five mins please. then ill follow him home if he wont",
      /* v85 PC-5 */
      "might drive past his later", "7. gonna drive past hers after work tmrw",
      "9 but i wont go round. ok maybe just to get my stuff",
      "i wont go round his. ok maybe just for my things",
      "ur a controlling piece of shit. im coming to get my stuff tonight",
      "i might still go round to get my jumper back tomorrow",
      "going to get my stuff from his tomorrow", "ill go round and get my keys tomorrow",
      "im going and im gonna talk to him whatever happens",
      "i want to go to his grave tonight and just lie there",
      /* v86 EI-6 */
      "im gonna drive to his", "eight. nine. idk. im gonna drive to his",
      /* v86 EI-18 */
      "he used to check my phone. im still going round to get my stuff back",
      "im just going round to collect my things",
      /* v86 FM-2 */
      "i wont go round his. ok maybe just once", "im gonna drop his hoodie back at his tonight",
      "2 but im dropping his hoodie round his tonight"};
  static const char *const not_visit[] = {
      "im going to text him right now", "my brother is coming to get my stuff",
      "keep it. i might send it to him instead lol", "i wont go round. ok maybe just one drink",
      "my brother will come round and get my stuff for me",
      "im going to go round my mums to get my stuff", "im going round my mums later",
      "i will just go see my sister", "my sister keeps calling, ill ring her tomorrow",
      "i want to text him one last time", "i went to his house",
      "i used to go round his house every day", "he came round to my house",
      "he said it to my face", "im going to work tomorrow", "i wont go to his work",
      "i wont come near you", "my mum said dont go but i wont",
      "my sister says dont go but i have to work", "i was going to go round tonight",
      "he said hed come over tonight", "i followed him home once, years ago",
      "i got a taxi home from his party",
      /* v85 PC-11: the past */
      "no but i walked past his flat at 3am", "walked past hers last night",
      "my sister is going to get my stuff from his tomorrow",
      "i might go round my mums to get my jumper", "im gonna talk to him whatever happens",
      "i go to his grave every sunday", "i drove to his last night",
      "my sister is still going round to get my stuff",
      "my sister will drop his hoodie back at his tonight", "i wont text him. ok maybe just once"};
  SAID_READS("visiting", "Visiting.", visit, not_visit);
}

/* [said sending]: a message to them as a bare command, with what it would say;
 * not a question, the ex's message, one already sent, nor one to someone else (v82 EI-1). */
static void test_said_sending_reads_a_bare_command_to_message_them(void **state) {
  (void)state;
  static const char *const sending[] = {
      "text him that im sorry", "text him that im sorry and i miss him",
      "call her and tell her i miss her", "message him to say sorry", "Text him that I'm sorry.",
      /* v85 PC-7 */
      "send him a pic of us", "send him the pic", "text him the link",
      /* v85 EI-7 */
      "post it and text him the link"};
  static const char *const not_sending[] = {
      "should i text him that im sorry", "he texted me that hes sorry",
      "i texted him that im sorry", "i wont text him that im sorry", "text my mum that im ok",
      "text my sister and say im fine", "call him",
      /* v85 PC-7 */
      "should i send him the pic", "i sent him the pic", "he sent me the pic",
      "send my sister the pic"};
  SAID_READS("sending", "Sending.", sending, not_sending);
}

/* [said checking]: looking at the ex's page now; not looking stopped, nor the ex
 * looking at theirs. */
static void test_said_checking_reads_looking_at_their_page(void **state) {
  (void)state;
  static const char *const checking[] = {"its 1am and i cant stop looking at his stories",
                                         "ive been checking her insta all night",
                                         "stalking his profile again"};
  static const char *const not_checking[] = {
      "i stopped checking his insta", "he keeps checking my stories", "i looked at the stars"};
  SAID_READS("checking", "Checking.", checking, not_checking);
}

/* [said asking]: a question for the ex only they could answer; not a question
 * about what to do. */
static void test_said_asking_reads_a_question_for_them(void **state) {
  (void)state;
  static const char *const asking[] = {"why did you stop loving me", "why wasnt i enough",
                                       "did you ever love me", "how could you do this to me"};
  static const char *const not_asking[] = {"should i text him", "i stopped loving him",
                                           "you were enough for me", "what should i do"};
  SAID_READS("asking", "Asking.", asking, not_asking);
}

/* [said replying]: answering someone close who has been trying to reach the
 * person; not the ex. */
static void test_said_replying_reads_answering_someone_close(void **state) {
  (void)state;
  static const char *const replying[] = {"ill text my brother back", "i rang my mum back",
                                         "ill reply to my sister"};
  static const char *const not_replying[] = {"ill text him back", "my brother keeps calling",
                                             "text me back"};
  SAID_READS("replying", "Replying.", replying, not_replying);
}

/* [said feared]: fear that the ex will come to the person; not the person
 * going to them, nor a fear that the ex will not come, or will leave. */
static void test_said_feared_reads_fear_of_them_coming(void **state) {
  (void)state;
  static const char *const feared[] = {
      "his mum. im scared he will turn up at mine tonight", "im terrified shes going to come round",
      "worried he will find me", "scared of him showing up at work",
      "what if he comes round tonight. im scared",
      "i think hes gonna show up at my work tomorrow and im frightened",
      /* v86 PC-6 */
      "block him. but what if he thinks im being petty and comes round",
      "what if he gets angry and comes round"};
  static const char *const not_feared[] = {"im going to turn up at his work tomorrow",
                                           "what if i get angry and go round his",
                                           "scared he wont come back",
                                           "im scared he will leave me",
                                           "im not scared he will come round",
                                           "what if he doesnt come round",
                                           "i think he came over to my flat"};
  SAID_READS("feared", "Feared.", feared, not_feared);
}

/* [said visited]: a visit already made, to their place or their work; not a
 * plan to go ([said visiting]), nor someone else's visit (v85 PC-11, PC-12,
 * EI-15, WB-15). */
static void test_said_visited_reads_a_visit_already_made(void **state) {
  (void)state;
  static const char *const visited[] = {"i drove to his last night and sat outside",
                                        "went round his yesterday",
                                        "i turned up at her work today",
                                        "i knocked on his door at 2am",
                                        "i was outside his flat at 3am",
                                        "i went to see him at his work",
                                        "i sat outside his for an hour"};
  static const char *const not_visited[] = {
      "im going round his tonight",    "my sister went round his to get my stuff",
      "he came round mine last night", "i nearly went round his",
      "i never went to his house",     "i went round my mums"};
  SAID_READS("visited", "Visited.", visited, not_visited);
}

/* [said worried]: worry for the ex's safety; not fear of them, nor their
 * threat itself (v85 FM-11, TR-4). */
static void test_said_worried_reads_worry_for_them(void **state) {
  (void)state;
  static const char *const worried[] = {"what if he actually does it",
                                        "im scared shell hurt herself",
                                        "im worried hes not ok",
                                        "what if he does something stupid",
                                        "what if something happens to him",
                                        "what if he kills himself because of me"};
  static const char *const not_worried[] = {"what if he texts me", "im worried about my exam",
                                            "im scared he will turn up at mine"};
  SAID_READS("worried", "Worried.", worried, not_worried);
}

/* [said drinking]: drinking, or drunk now; not someone else's drinking. */
static void test_said_drinking_reads_drinking(void **state) {
  (void)state;
  static const char *const drinking[] = {"im drunk",
                                         "had a whole bottle of wine",
                                         "been drinking all night",
                                         "drunk texting again",
                                         "had too much to drink",
                                         "drinking alone again"};
  static const char *const not_drinking[] = {"im not drunk", "he was drunk when he hit me",
                                             "i dont drink", "i drank water"};
  SAID_READS("drinking", "Drinking.", drinking, not_drinking);
}

/* [said company]: someone close, with them or on their side: time planned with
 * a friend or family, or their word; not time with the ex (v83 PC-9). */
static void test_said_company_reads_someone_close(void **state) {
  (void)state;
  static const char *const company[] = {
      "Meeting Jo for breakfast at 9 and then a run.",
      "my sister said i should block him. i just want to know hes ok", "lunch with my mum tomorrow",
      "seeing my mates tomorrow", "my friend told me to mute her",
      "my sister is coming round in the morning",
      /* v85 PC-13, EI-17 */
      "going round his tomorrow to get my stuff back, my brother is coming with me",
      /* v86 PC-7 */
      "gonna text my mate jess",
      /* v86 EI-7 */
      "my mum", "my sister i guess. she said he was never good for me",
      "tell my sister its been hard"};
  static const char *const not_company[] = {"my mum hates him",
                                            "tell my sister about him",
                                            "meeting him for coffee tomorrow",
                                            "gonna text him",
                                            "my brother is not coming with me",
                                            "he is coming with me",
                                            "dinner with her tomorrow",
                                            "i miss my friends",
                                            "my sister said he was cheating",
                                            "i want to see him"};
  SAID_READS("company", "Company.", company, not_company);
}

/* [said outing]: a plan of the person's own, out or with people; not with the ex, the
 * ex's plan, nor a plan undone (v83 PO-3). */
static void test_said_outing_reads_a_plan_of_their_own(void **state) {
  (void)state;
  static const char *const outing[] = {
      "I hope she is happy, honestly. Im going climbing with friends saturday morning",
      "seeing my sister tomorrow", "off for a run in the morning", "meeting the girls for brunch",
      "going out with friends tonight",
      /* a day out with people (v86 WB-10) */
      "I am going to the coast with my friends on Saturday morning"};
  static const char *const not_outing[] = {"hes going out with his mates",
                                           "im not going out",
                                           "he is going to the coast with his mates",
                                           "going for a drink with him tomorrow",
                                           "i went climbing",
                                           "im going to his house"};
  SAID_READS("outing", "Outing.", outing, not_outing);
}

/* [said put-down]: someone close putting the person down (v83 NC-3); not what
 * they say of the ex, nor a denial. */
static void test_said_put_down_reads_someone_close_putting_them_down(void **state) {
  (void)state;
  static const char *const put_down[] = {"nothing helped. my sister said im pathetic",
                                         "my mum called me a failure",
                                         "my friends think im stupid for missing him",
                                         "my sister says im an idiot for even writing it"};
  static const char *const not_put_down[] = {
      "my sister said hes pathetic", "my mum said im not a failure",
      "my sister says im not an idiot", "my sister said to delete his number but i cant",
      "im pathetic"};
  SAID_READS("put-down", "Put down.", put_down, not_put_down);
}

/* said(t, 'calling'): someone close reaching for the person now; not the ex,
 * nor the person calling them (v84 EI-7). */
static void test_said_calling_reads_someone_close_reaching_out(void **state) {
  (void)state;
  static const char *const calling[] = {"8. havent left my room in days, my sister keeps ringing",
                                        "my mum keeps calling me", "my mates keep texting me",
                                        "my sisters been trying to ring me"};
  static const char *const not_calling[] = {"he keeps calling me", "i keep ringing my sister",
                                            "my sister said hi", "i called my mum",
                                            "my mum keeps calling me crazy"};
  SAID_READS("calling", "Calling.", calling, not_calling);
}

/* said(t, 'unfed'): not eating for a while; not someone else, nor a diet
 * (v84 EI-7). */
static void test_said_unfed_reads_not_eating(void **state) {
  (void)state;
  static const char *const unfed[] = {"idk, nothing, its 1am and i havent eaten since yesterday",
                                      "havent eaten all day", "i forgot to eat today",
                                      "i cant eat anything"};
  static const char *const not_unfed[] = {"he hasnt eaten", "i dont eat meat", "i ate a sandwich",
                                          "we used to eat out a lot",
                                          "i havent eaten meat in years"};
  SAID_READS("unfed", "Unfed.", unfed, not_unfed);
}

/* said(t, 'showing'): a post or a change made for them to see; not not
 * caring, nor them seeing the person (v84 EI-2). */
static void test_said_showing_reads_a_post_for_them_to_see(void **state) {
  (void)state;
  static const char *const showing[] = {"mirror selfie at the gym lol. he better see it",
                                        "so he sees what he lost",
                                        "hope she sees it",
                                        "to make him jealous",
                                        "i wanted them to see it. my sister will go mad at me",
                                        "i just want him to see it"};
  static const char *const not_showing[] = {"i dont care if he sees it", "he saw me in town",
                                            "i see what he did",         "i hope he is ok",
                                            "i dont want him to see it", "he wanted me to see it"};
  SAID_READS("showing", "Showing.", showing, not_showing);
}

/* [said self-blame]: the person turning on themselves; not a denial, what the
 * ex said or made them feel, nor the ex's fault. */
static void test_said_self_blame_reads_turning_on_oneself(void **state) {
  (void)state;
  static const char *const blame[] = {
      "it was all my fault", "its my fault", "i ruined everything",
      "he is a pathetic loser and i hate him. wtf is wrong w me",
      "it was all my fault, i pushed him away", "im the problem", "i hate myself",
      "i messed it all up", "i wasnt good enough", "i guess it was my fault for giving him reasons",
      "it was my fault it ended", "its all my fault i ruined it", "i messed up", "i drove her away",
      "no it was all my fault", "i know its partly my fault for staying",
      "its my own fault for staying so long", "its all me", "everyone leaves me eventually",
      "my mum said id end up alone",
      /* a hard word for themselves (v86 PC-13) */
      "i did look. im pathetic", "im stupid for even looking"};
  static const char *const not_blame[] = {"was it my fault?",
                                          "it wasnt my own fault",
                                          "you ruined it",
                                          "it wasnt my fault",
                                          "he said it was my fault",
                                          "not all my fault",
                                          "it was his fault",
                                          "he made me feel like it was my fault",
                                          "i hate him",
                                          "i dont hate myself anymore",
                                          "he ruined everything",
                                          "i know its not my fault",
                                          "no way it was all my fault",
                                          "everyone leaves me alone at work",
                                          "my sister said im pathetic",
                                          "im not pathetic"};
  SAID_READS("self-blame", "Self-blame.", blame, not_blame);
}

/* told(dig): a dig typed where a decision waits ("no. ur a pathetic loser",
 * at a yes/no) is told, as dig() reads it; one at oneself is not. */
static void test_told_dig_hears_a_dig_typed_at_a_decision(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  mend_lexicon *lx = bundled();
  static const char xml[] =
      "<story id=\"d\" format=\"1\" start=\"a\" lang=\"en\"><title>D</title>"
      "<var name=\"ok\" type=\"bool\"/>"
      "<node id=\"a\"><ask var=\"ok\" kind=\"yesno\">Worth it?</ask>"
      "<text if=\"just_told(dig)\">Angry.</text><choice to=\"e\">On</choice></node>"
      "<ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  assert_int_equal(mend_story_reads_just_told(st), MEND_TOLD_DIG);
  assert_non_null(mend_story_tell_sample(st, MEND_TOLD_DIG));
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_told_ahead(s, NULL), MEND_TOLD_DIG);
  assert_int_equal(mend_session_tell(s, "i feel like a pathetic loser", 28, NULL), 0);
  assert_int_equal(mend_session_tell(s, "ur a pathetic loser", 19, NULL), MEND_TOLD_DIG);
  assert_string_equal(paragraphs(s, "n"), "Angry.");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* mend_session_signs: a line's safety flags, as mend_session_tell finds them,
 * without telling the session: told() stays false and a <hear> is not taken
 * (a front end looks before it takes "10 i cant do this" as a number). */
static void test_signs_reads_a_line_without_telling_it(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  mend_lexicon *lx = bundled();
  static const char xml[] =
      "<story id=\"d\" format=\"1\" start=\"a\" lang=\"en\"><title>D</title>"
      "<var name=\"n\" type=\"int\" min=\"0\" max=\"10\"/>"
      "<hear if=\"told(heavy)\">Heard.</hear>"
      "<node id=\"a\"><ask var=\"n\" kind=\"scale\">Urge?</ask>"
      "<text if=\"told(heavy)\">Heavy.</text><choice to=\"e\">On</choice></node>"
      "<ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  const char *heavy = "10 i cant do this", *calm = "10 honestly im ok";
  mend_told flags = mend_session_signs(s, heavy, strlen(heavy));
  assert_true(flags & MEND_TOLD_HEAVY);
  assert_int_equal(mend_session_signs(s, calm, strlen(calm)), 0);
  assert_int_equal(mend_session_signs(s, NULL, 0), 0);
  assert_int_equal(mend_session_told(s), 0);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  /* told, it is the same flags, kept */
  assert_int_equal(mend_session_tell(s, heavy, strlen(heavy), NULL), flags);
  assert_true(mend_session_told(s) & MEND_TOLD_HEAVY);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_SAID);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* mend_session_reads_words: a line in words of the story's language, for the
 * front ends to answer it ("I hear you.") rather than with the hint alone;
 * not one that says nothing, a keyboard mash, or another language. */
static void test_reads_words_tells_words_from_nothing(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  mend_story *st;
  mend_session *s = said_session("texted", "Texted.", &st);
  static const char *const yes[] = {"i just want him back tbh", "should i?", "what now",
                                    "I miss her so much", "idk its bad tonight"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (!mend_session_reads_words(s, yes[i], strlen(yes[i]))) fail_msg("not words: %s", yes[i]);
  static const char *const no[] = {"",
                                   "asdf",
                                   "asdf jkl",
                                   "idk",
                                   "dunno mate",
                                   "7",
                                   "...",
                                   "je ne sais pas quoi faire",
                                   "lo siento mucho"};
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (mend_session_reads_words(s, no[i], strlen(no[i]))) fail_msg("words: %s", no[i]);
  assert_false(mend_session_reads_words(NULL, "i miss him", 10));
  assert_false(mend_session_reads_words(s, NULL, 0));
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
  /* a story with no words file reads none */
  mend_story *bare = load_ok("<story id=\"b\" format=\"1\" start=\"e\"><title>B</title>"
                             "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *b = mend_session_new(bare, 1);
  assert_false(mend_session_reads_words(b, "i miss him", 10));
  mend_session_free(b);
  mend_story_free(bare);
}

/* told('NAME'), just_told('NAME'): a line typed where a number, a choice or a
 * yes/no was asked said what a list of the words holds ("i already texted him
 * tonight" typed at the urge): heard from the next step, kept by a save. */
static const char *shown(mend_session *s) {
  static char out[256];
  size_t n = 0;
  out[0] = 0;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_PARAGRAPH)
      n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? "|" : "", it->text.text);
  }
  return out;
}

/* A question waiting whose own condition a line told there makes false
 * ("he died last month" typed at a number asked if="not told('grief')"): not
 * asked any more; the session goes on from after it, and a save replays it.
 * A line that leaves the condition true changes nothing. */
static void test_a_question_whose_condition_a_told_line_ends_is_not_asked(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  static const char xml[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                            "<var name=\"n\" type=\"int\" min=\"0\" max=\"10\" label=\"Want\"/>"
                            "<node id=\"a\"><text>Hello.</text>"
                            "<ask var=\"n\" kind=\"scale\" if=\"not told('grief')\">Want?</ask>"
                            "<text if=\"told('grief')\">I am so sorry.</text>"
                            "<choice to=\"e\">On</choice></node>"
                            "<ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  /* a line that tells nothing of it: the question waits */
  assert_int_equal(mend_session_tell(s, "i miss him", 10, NULL), 0);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  const char *line = "he died last month";
  assert_true(mend_session_tell(s, line, strlen(line), NULL) != 0);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_string_equal(shown(s), "I am so sorry.");
  assert_int_equal(mend_session_summary(s)->nanswers, 0);
  assert_int_equal(mend_session_decisions(s), 0);
  mend_session *r = resaved(st, s);
  assert_int_equal(mend_session_pending(r), MEND_PENDING_CHOICE);
  assert_int_equal(mend_session_choose(r, 0), MEND_OK);
  assert_int_equal(mend_session_pending(r), MEND_PENDING_END);
  mend_session_free(r);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
}

static void test_told_a_list_hears_a_line_typed_where_no_text_was_asked(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  static const char xml[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                            "<var name=\"n\" type=\"int\" min=\"0\" max=\"10\"/>"
                            "<node id=\"a\"><ask var=\"n\" kind=\"scale\" min=\"0\" "
                            "max=\"10\">Urge?</ask>"
                            "<text if=\"just_told('texted')\">Just.</text>"
                            "<choice to=\"b\">On</choice></node>"
                            "<node id=\"b\"><text if=\"told('texted')\">Texted.</text>"
                            "<text if=\"not told('texted')\">Space.</text><goto to=\"e\"/></node>"
                            "<ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  unsigned k = (unsigned)lexicon_said(words, "texted", 6);
  unsigned flag = (unsigned)MEND_TOLD_LIST << k;
  assert_int_equal(mend_story_reads_told(st), flag);
  assert_int_equal(mend_story_reads_just_told(st), flag);
  /* testers type a text of the list */
  const char *smp = mend_story_tell_sample(st, flag);
  assert_non_null(smp);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_tell(s, smp, strlen(smp), NULL), flag);
  mend_session_free(s);
  /* nothing told: a night of space */
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_tell(s, "i almost texted him tonight", 27, NULL), 0);
  assert_int_equal(mend_session_answer(s, "5"), MEND_OK);
  assert_string_equal(shown(s), "");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(shown(s), "Space.");
  mend_session_free(s);
  /* told at the number: just told after it, told from then on, kept by a save */
  s = mend_session_new(st, 1);
  const char *line = "i already texted him tonight";
  assert_int_equal(mend_session_tell(s, line, strlen(line), NULL), flag);
  assert_int_equal(mend_session_told(s), flag);
  assert_int_equal(mend_session_answer(s, "5"), MEND_OK);
  assert_string_equal(shown(s), "Just.");
  mend_session *r = resaved(st, s);
  assert_int_equal(mend_session_choose(r, 0), MEND_OK);
  assert_string_equal(shown(r), "Texted.");
  mend_session_free(r);
  mend_session_free(s);
  mend_story_free(st);
  /* a list the words do not have, and a kind misspelt: errors that say what is */
  static const char typo[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                             "<node id=\"a\"><text if=\"told('texed')\">T.</text>"
                             "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>";
  mend_load_opts o = {0, words_of, NULL};
  mend_diags *d = mend_diags_new();
  assert_null(mend_story_load_memory_opts(typo, sizeof typo - 1, "s.xml", NULL, &o, d));
  char *m = mend_diag_format(mend_diags_at(d, 0));
  assert_non_null(strstr(m, "told(): the words of the language have no list [said texed] (did "
                            "you mean 'texted'? They have: grief, texted"));
  mend_free(m);
  mend_diags_free(d);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* said(t, 'NAME'): a list [said NAME] of the words of the language ("grief":
 * the person they speak of has died), read as dig() reads [dig]: in the forms
 * people type, negation and "not:" lines set aside. */
static void test_said_reads_a_list_of_the_words_of_the_language(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  mend_story *st;
  mend_session *s = said_session("grief", "Grief.", &st);
  static const char *const grief[] = {
      "i never said sorry before he died", "a goodbye that cant come now he has passed away",
      "i went to her grave on sunday", "my ex just died", "i cant believe he died", "her passing",
      "she died last year", "he passed away in march", "at his funeral i cried", "my ex died",
      "he was killed in a crash", "i went to visit her grave", "she died of cancer",
      "i wish i could have said goodbye before you died", "since she passed i cant sleep",
      "your funeral was so beautiful", "he is no longer with us", "at his memorial",
      "lost him to cancer in may", "he passed in march",
      /* a "not:" line's "..." stays in its sentence */
      "i want him back. he died last month"};
  EACH_READS(s, grief, "Grief.");
  static const char *const not_grief[] = {
      "my dad died in april and she dumped me at his funeral",
      "he said if i left he would kill himself", "he tried to kill himself last year",
      "if he died i wouldnt care", "since he passed his driving test", "he passed out drunk",
      "he passed on the message", "i lost him to another girl", "he is dead serious",
      "her passing comment hurt", "he is dead to me", "i died inside when he left",
      "i wish he died", "he died laughing at my joke", "that was a grave mistake", "he never died",
      "he left me", "you are dead to me", "you died to me", "i wish you were dead",
      "i thought you died lol", "since he passed out on the sofa", "i will dance at your funeral",
      "if you died tomorrow i wouldnt care", "he is no longer in my life",
      /* a death in their family, not theirs (rvc PC-2) */
      "her mum died last month", "his dad passed away last year"};
  EACH_READS(s, not_grief, "");
  mend_session_free(s);
  mend_story_free(st);
  /* a list the words do not have: an error that names those they have */
  static const char typo[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                             "<var name=\"t\" type=\"text\"/>"
                             "<node id=\"a\"><ask var=\"t\" kind=\"text\">And now?</ask>"
                             "<text if=\"said(t, 'greif')\">Grief.</text>"
                             "<goto to=\"a\"/></node></story>";
  mend_load_opts o = {0, words_of, NULL};
  mend_diags *d = mend_diags_new();
  assert_null(mend_story_load_memory_opts(typo, sizeof typo - 1, "s.xml", NULL, &o, d));
  char *m = mend_diag_format(mend_diags_at(d, 0));
  assert_non_null(strstr(m, "no list [said greif] (did you mean 'grief'? They have: grief"));
  mend_free(m);
  mend_diags_free(d);
  /* without the words: no list holds anything (W-no-words says why) */
  d = mend_diags_new();
  mend_load_opts none = {0};
  st = mend_story_load_memory_opts(said_xml, strlen(said_xml), "s.xml", NULL, &none, d);
  assert_non_null(st);
  mend_diags_free(d);
  s = mend_session_new(st, 1);
  assert_string_equal(paragraphs(s, "she died last year"), "");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* heavy(t): every sign of crisis, and the lexicon's [heavy] phrases, which
 * bring no screen by themselves ("i cant do this without him", the article's
 * own coping thought); negation and figurative uses set aside as for signs. */
static void test_heavy_reads_crisis_and_the_heavy_phrases_without_a_screen(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  static const char xml[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                            "<var name=\"t\" type=\"text\"/>"
                            "<node id=\"a\"><ask var=\"t\" kind=\"text\">And now?</ask>"
                            "<text if=\"heavy(t)\">Heavy.</text>"
                            "<goto to=\"a\"/></node></story>";
  mend_story *st = load_ok(xml);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  static const char *const heavy[] = {"i cant do this without him",
                                      "i cant do this w/o him",
                                      "you wont have to deal with me anymore",
                                      "honestly i cant cope without her",
                                      "whats the point",
                                      "nothing matters",
                                      "im so lost without you",
                                      "he was my everything and now i have nobody",
                                      "i dont see a way out",
                                      "i feel like im drowning",
                                      "honestly i have no one",
                                      "im all alone",
                                      "i cant cope",
                                      "i cant handle this",
                                      "cant deal with this anymore",
                                      "i dont have anyone",
                                      "theres no point anyway",
                                      "he moved abroad. whats the point",
                                      "if you dont answer i dont know what ill do",
                                      "idk what ill do without you",
                                      "i want to die"};
  for (size_t i = 0; i < sizeof heavy / sizeof *heavy; i++) {
    mend_safety_result r;
    mend_safety_scan(lx, heavy[i], strlen(heavy[i]), &r);
    /* a [heavy] phrase alone is no sign for the screen */
    assert_int_equal(r.category,
                     i + 1 < sizeof heavy / sizeof *heavy ? MEND_SAFETY_NONE : MEND_SAFETY_CRISIS);
    assert_string_equal(paragraphs(s, heavy[i]), "Heavy.");
  }
  static const char *const not_heavy[] = {
      "i can do this without him", "no point texting him, he never answers",
      "whats the point of arguing with her", "no point pretending, i want him back",
      "i still love you but i cant do this", "a walk by the river",
      "i have no one to go to the gig with", "you wont hear from me again",
      /* far away: no point, not of living */
      "hes moved abroad so theres no point anyway", "she lives in another country now so no point",
      "i dont know what ill do about the flat", "he hit me"};
  EACH_READS(s, not_heavy, "");
  mend_session_free(s);
  /* testers answer a question heavy() reads with a heavy phrase */
  s = mend_session_new(st, 1);
  const mend_question *q = mend_session_question(s);
  assert_int_equal(q->nsigns, 1);
  assert_string_equal(paragraphs(s, q->samples[q->nsamples - 1]), "Heavy.");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* unsafe(t): every sign of abuse, and the lexicon's [unsafe] phrases, which
 * bring no screen by themselves ("i felt trapped" can be about a job; only a
 * question about the ex makes it about the relationship); negation set aside
 * as for signs. */
static void test_unsafe_reads_abuse_and_the_unsafe_phrases_without_a_screen(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  static const char xml[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                            "<var name=\"t\" type=\"text\"/>"
                            "<node id=\"a\"><ask var=\"t\" kind=\"text\">And now?</ask>"
                            "<text if=\"unsafe(t)\">Unsafe.</text>"
                            "<text if=\"heavy(t)\">Heavy.</text>"
                            "<goto to=\"a\"/></node></story>";
  mend_story *st = load_ok(xml);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  static const char *const unsafe[] = {
      "i felt trapped", "honestly i never felt safe", "i wasnt safe",
      "i felt so unsafe the whole time", "he wouldnt let me talk",
      "i was with a controlling man for 3 years", "he made me think it was my fault",
      "he keeps calling", "he called me an idiot every night",
      "i want to see my friends again, he wouldnt let me", "the one who never let me speak",
      /* a haircut is set aside for self-harm only */
      "he never let me cut my hair", "he told me i was stupid every day",
      "he always told me i was fat", "he cant control me anymore",
      "he doesnt get to control me anymore", "i had to ask permission to see my mates",
      "idk he never let me do anything", "he hit me"};
  for (size_t i = 0; i < sizeof unsafe / sizeof *unsafe; i++) {
    mend_safety_result r;
    mend_safety_scan(lx, unsafe[i], strlen(unsafe[i]), &r);
    /* an [unsafe] phrase alone is no sign for the screen */
    assert_int_equal(r.category,
                     i + 1 < sizeof unsafe / sizeof *unsafe ? MEND_SAFETY_NONE : MEND_SAFETY_ABUSE);
    assert_true(mend_safety_reads(lx, MEND_SAFETY_ABUSE, unsafe[i], strlen(unsafe[i])));
    assert_false(mend_safety_reads(lx, MEND_SAFETY_CRISIS, unsafe[i], strlen(unsafe[i])));
    assert_string_equal(paragraphs(s, unsafe[i]), "Unsafe.");
  }
  static const char *const not_unsafe[] = {
      "i never felt trapped with him",
      "i always felt safe with her",
      "he never made me think it was my fault",
      "i was the controlling one",
      "a walk by the river",
      "i never felt safe with anyone but him",
      "i never felt safe telling you how i felt, that was on me",
      "i was with a friend",
      "he wouldnt let me pay for dinner",
      "he told me i was beautiful every day",
      "he never told me i was stupid",
      "he cant hurt me anymore",
      "i have to ask permission to spend over 200 on the company card",
      "my friends were there and he wouldnt let me pay",
      "i need to text my sister back, she keeps calling", /* (v86 PO-3) */
      "ill ring my dad back later, he keeps calling"};
  EACH_READS(s, not_unsafe, "");
  /* ... while the ex is still the one who calls after someone close is named */
  assert_string_equal(paragraphs(s, "my sister said he keeps calling me"), "Unsafe.");
  assert_string_equal(paragraphs(s, "what is the point"), "Heavy.");
  mend_session_free(s);
  /* testers answer a question unsafe() reads with an [unsafe] phrase */
  s = mend_session_new(st, 1);
  const mend_question *q = mend_session_question(s);
  assert_int_equal(q->nsigns, 2);
  char samples[8][64];
  size_t n = q->nsamples < 8 ? q->nsamples : 8;
  for (size_t i = 0; i < n; i++)
    snprintf(samples[i], sizeof samples[i], "%s", q->samples[i]);
  int found = 0;
  for (size_t i = 0; i < n; i++)
    if (!strcmp(paragraphs(s, samples[i]), "Unsafe.")) found++;
  assert_int_equal(found, 1);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* The "told:" lines of [heavy] ("i hate myself"): heavy typed where a number,
 * a choice or a yes/no is asked (told(heavy)), not for heavy() of an answer,
 * where the story's question gives the words their meaning. */
static void test_told_lines_are_heavy_only_where_told(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  static const char xml[] = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
                            "<var name=\"t\" type=\"text\"/>"
                            "<var name=\"n\" type=\"int\" min=\"0\" max=\"10\"/>"
                            "<node id=\"a\"><ask var=\"n\" kind=\"scale\">How much?</ask>"
                            "<text if=\"just_told(heavy)\">Told.</text>"
                            "<ask var=\"t\" kind=\"text\">And now?</ask>"
                            "<text if=\"heavy(t)\">Heavy.</text>"
                            "<goto to=\"a\"/></node></story>";
  mend_story *st = load_ok(xml);
  mend_story_set_lexicon(st, lx);
  static const char *const told[] = {"i hate myself",     "honestly i just hate myself",
                                     "i ruin everything", "im such a failure",
                                     "i cant do this",    "pls just talk to me i cant do this"};
  for (size_t i = 0; i < sizeof told / sizeof *told; i++) {
    size_t n = strlen(told[i]);
    mend_safety_result r;
    assert_int_equal(mend_safety_scan(lx, told[i], n, &r), MEND_SAFETY_NONE);
    assert_false(mend_safety_reads(lx, MEND_SAFETY_CRISIS, told[i], n));
    assert_true(mend_safety_reads_told(lx, MEND_SAFETY_CRISIS, told[i], n));
    assert_false(mend_safety_reads_told(lx, MEND_SAFETY_ABUSE, told[i], n));
    mend_session *s = mend_session_new(st, 1);
    assert_int_equal(mend_session_tell(s, told[i], n, NULL), MEND_TOLD_HEAVY);
    assert_string_equal(paragraphs(s, "3"), "Told.");
    assert_string_equal(paragraphs(s, told[i]), ""); /* an answer: the story's own words */
    mend_session_free(s);
  }
  /* every heavy() phrase and sign is read where told too; negation as ever */
  static const char *const also[] = {"whats the point", "i want to die"};
  for (size_t i = 0; i < sizeof also / sizeof *also; i++)
    assert_true(mend_safety_reads_told(lx, MEND_SAFETY_CRISIS, also[i], strlen(also[i])));
  static const char *const not_told[] = {"i dont hate myself", "i never ruin everything",
                                         "a walk by the river", "i can do this"};
  for (size_t i = 0; i < sizeof not_told / sizeof *not_told; i++) {
    mend_session *s = mend_session_new(st, 1);
    assert_false(mend_safety_reads_told(lx, MEND_SAFETY_CRISIS, not_told[i], strlen(not_told[i])));
    assert_int_equal(mend_session_tell(s, not_told[i], strlen(not_told[i]), NULL), 0);
    mend_session_free(s);
  }
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* A story that asks told(): a scale, then a choice, then what it was told. */
static const char TOLD_STORY[] =
    "<story id=\"told\" format=\"1\" start=\"a\"><title>T</title>"
    "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
    "<node id=\"a\"><ask var=\"u\" kind=\"scale\" min=\"0\" max=\"10\">Urge?</ask>"
    "<choice to=\"b\">On</choice></node>"
    "<node id=\"b\"><text if=\"told(unsafe)\">Unsafe.</text>"
    "<text if=\"told(abuse)\">Abuse.</text><text if=\"told(heavy)\">Heavy.</text>"
    "<text if=\"told(crisis)\">Crisis.</text><text>End.</text>"
    "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>";

/* Tells s each line, then answers 3, chooses and returns the paragraphs. */
static const char *told_view(mend_session *s, const char *const *lines, size_t n) {
  for (size_t i = 0; i < n; i++)
    mend_session_tell(s, lines[i], strlen(lines[i]), NULL);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  return view(s);
}

static void test_told_reads_lines_typed_where_no_text_was_asked(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st = load_ok(TOLD_STORY);
  assert_int_equal(mend_story_reads_told(st),
                   MEND_TOLD_CRISIS | MEND_TOLD_ABUSE | MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  /* no lexicon: nothing is read */
  mend_session *s = mend_session_new(st, 1);
  mend_safety_result r;
  assert_int_equal(mend_session_tell(s, "he hit me", 9, &r), 0);
  assert_int_equal(r.category, MEND_SAFETY_NONE);
  mend_session_free(s);
  mend_story_set_lexicon(st, lx);
  static const struct {
    const char *line;
    mend_told flags;
    const char *view;
  } cases[] = {
      {"a quiet day", 0, "P:End."},
      {"he hit me", MEND_TOLD_ABUSE | MEND_TOLD_UNSAFE, "P:Unsafe. P:Abuse. P:End."},
      {"i never felt safe", MEND_TOLD_UNSAFE, "P:Unsafe. P:End."},
      {"he never hit me", 0, "P:End."},
      {"i want to die", MEND_TOLD_CRISIS | MEND_TOLD_HEAVY, "P:Heavy. P:Crisis. P:End."},
      {"nobody cares anyway", MEND_TOLD_HEAVY, "P:Heavy. P:End."},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    s = mend_session_new(st, 1);
    mend_told before = mend_session_told(s);
    assert_int_equal(before, 0);
    assert_int_equal(mend_session_tell(s, cases[i].line, strlen(cases[i].line), &r),
                     cases[i].flags);
    assert_int_equal(r.abuse.category != 0, (cases[i].flags & MEND_TOLD_ABUSE) != 0);
    assert_int_equal(r.crisis.category != 0, (cases[i].flags & MEND_TOLD_CRISIS) != 0);
    assert_int_equal(mend_session_told(s), cases[i].flags);
    /* the question waits as it did, and no decision was made */
    assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
    assert_int_equal(mend_session_decisions(s), 0);
    assert_string_equal(told_view(s, NULL, 0), cases[i].view);
    mend_session_free(s);
  }
  /* told at the choice, after the number: the same */
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  mend_session_tell(s, "he hit me", 9, NULL);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(view(s), "P:Unsafe. P:Abuse. P:End.");
  mend_session_free(s);
  /* lines add up; the state is another one */
  s = mend_session_new(st, 1);
  uint64_t h = mend_session_state_hash(s);
  static const char *const two[] = {"i never felt safe", "nobody cares anyway"};
  mend_session_tell(s, two[0], strlen(two[0]), NULL);
  assert_true(mend_session_state_hash(s) != h);
  assert_string_equal(told_view(s, two + 1, 1), "P:Unsafe. P:Heavy. P:End.");
  mend_session_free(s);
  /* testers have a line for each */
  for (unsigned f = 1; f <= MEND_TOLD_UNSAFE; f <<= 1) {
    const char *l = mend_story_tell_sample(st, f);
    assert_non_null(l);
    s = mend_session_new(st, 1);
    assert_true(mend_session_tell(s, l, strlen(l), NULL) & f);
    mend_session_free(s);
  }
  assert_null(mend_story_tell_sample(st, 16));
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* The choices offered, one label after another ("Meet|Write"). */
static const char *labels(const mend_session *s) {
  static char buf[256];
  buf[0] = 0;
  for (size_t i = 0; i < mend_session_choice_count(s); i++) {
    if (i) strcat(buf, "|");
    strncat(buf, mend_session_choice(s, i)->label.text, 40);
  }
  return buf;
}

/* What is told at a choice changes which choices apply (a choice's condition
 * can ask told()); a node whose every choice would go keeps them. */
static void test_told_at_a_choice_offers_its_choices_again(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st = load_ok("<story id=\"t\" format=\"1\" start=\"a\"><title>T</title>"
                           "<node id=\"a\"><text>Now?</text>"
                           "<choice to=\"e\" if=\"not told(unsafe)\">Meet</choice>"
                           "<choice to=\"e\">Write</choice>"
                           "<choice to=\"e\" if=\"told(unsafe)\">Tell someone</choice></node>"
                           "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(labels(s), "Meet|Write");
  uint64_t h = mend_session_state_hash(s);
  mend_session_tell(s, "a quiet day", 11, NULL);
  assert_string_equal(labels(s), "Meet|Write");
  assert_int_equal(mend_session_tell(s, "he hit me", 9, NULL), MEND_TOLD_ABUSE | MEND_TOLD_UNSAFE);
  assert_string_equal(labels(s), "Write|Tell someone");
  assert_true(mend_session_state_hash(s) != h);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  /* saved and restored, snapshotted, undone: the same choices */
  mend_session *r = resaved(st, s);
  assert_string_equal(labels(r), "Write|Tell someone");
  mend_session_free(r);
  size_t n = mend_session_snapshot(s, NULL, 0);
  void *snap = malloc(n);
  mend_session_snapshot(s, snap, n);
  r = mend_session_new(st, 1);
  mend_session_set_recording(r, false); /* (an explorer's session) */
  assert_int_equal(mend_session_restore_snapshot(r, snap, n), MEND_OK);
  assert_string_equal(labels(r), "Write|Tell someone");
  free(snap);
  mend_session_free(r);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_string_equal(labels(s), "Write|Tell someone");
  mend_session_free(s);
  /* every choice would go: they stay */
  mend_story_free(st);
  st = load_ok("<story id=\"t\" format=\"1\" start=\"b\"><title>T</title>"
               "<node id=\"b\"><text>Later?</text>"
               "<choice to=\"e\" if=\"not told(heavy)\">Go on</choice></node>"
               "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  s = mend_session_new(st, 1);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_told(s), MEND_TOLD_HEAVY);
  assert_string_equal(labels(s), "Go on");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* An ending's <title if> is read once the ending is over: despair typed at
 * its last check-in does not end under "A step toward closure". */
static void test_an_ending_title_follows_its_last_answer(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st =
      load_ok("<story id=\"t\" format=\"1\" start=\"e\"><title>T</title>"
              "<var name=\"need\" type=\"int\" init=\"5\" min=\"0\" max=\"10\"/>"
              "<ending id=\"e\" title=\"A step toward closure\">"
              "<title if=\"just_told(heavy)\">A heavy night</title>"
              "<title if=\"need == 10\">Still  waiting</title>"
              "<title if=\"need &gt;= 9\">Not this one</title>"
              "<ask var=\"need\" kind=\"scale\">How much, 0 to 10?</ask></ending></story>");
  mend_story_set_lexicon(st, lx);
  static const struct {
    const char *tell, *answer, *title;
  } cases[] = {
      {NULL, "3", "A step toward closure"},
      {NULL, "10", "Still waiting"}, /* (the first that holds, its spaces as text has them) */
      {NULL, "9", "Not this one"},
      {"i cant do this anymore", "3", "A heavy night"},
      {"i cant do this anymore", "10", "A heavy night"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    mend_session *s = mend_session_new(st, 1);
    assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
    if (cases[i].tell) mend_session_tell(s, cases[i].tell, strlen(cases[i].tell), NULL);
    assert_int_equal(mend_session_answer(s, cases[i].answer), MEND_OK);
    assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
    assert_string_equal(mend_session_summary(s)->ending_id, "e");
    assert_string_equal(mend_session_summary(s)->ending_title, cases[i].title);
    /* saved and restored at the end: the same title */
    mend_session *r = resaved(st, s);
    assert_string_equal(mend_session_summary(r)->ending_title, cases[i].title);
    mend_session_free(r);
    mend_session_free(s);
  }
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* At a decision, what a told() ahead reads is what comes after it: not a
 * text already shown above the choice, unless a way leads back to it; at a
 * question, the question's own condition and what follows it. */
static void test_told_ahead_reads_after_the_decision(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st =
      load_ok("<story id=\"k\" format=\"1\" start=\"a\"><title>K</title>"
              "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
              "<node id=\"a\"><text if=\"told(unsafe)\">Above.</text>"
              "<ask var=\"u\" kind=\"scale\" if=\"not told(heavy)\">Now?</ask>"
              "<choice to=\"b\">On</choice></node>"
              "<node id=\"b\"><text if=\"told(unsafe)\">Again.</text>"
              "<choice to=\"b\">Once more</choice><choice to=\"e\">Done</choice></node>"
              "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  mend_session *s = mend_session_new(st, 1);
  /* at the number: its own condition (heavy), and b after it (unsafe) */
  assert_int_equal(mend_session_told_ahead(s, NULL), MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  /* at a's choice: b reads unsafe; a's own text is behind */
  assert_int_equal(mend_session_told_ahead(s, NULL), MEND_TOLD_UNSAFE);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  /* at b's choice: its text is shown, but "Once more" leads back to it */
  assert_int_equal(mend_session_told_ahead(s, NULL), MEND_TOLD_UNSAFE);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* A told() that only picks what is shown (a paragraph, a feedback) counts
 * in the state from the decision before it on: told there or long before,
 * the same words are shown and the way on is the same, so an explorer types
 * it there. A told() that decides the way on (a <set>) counts wherever it
 * is ahead. mend_session_told_ahead() still names both everywhere. */
static void test_a_paragraphs_told_counts_from_the_decision_before_it(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  static const char xml[] =
      "<story id=\"p\" format=\"1\" start=\"a\"><title>P</title>"
      "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
      "<var name=\"w\" type=\"bool\"/>"
      "<node id=\"a\"><ask var=\"u\" kind=\"scale\">Now?</ask><choice to=\"b\">On</choice></node>"
      "<node id=\"b\"><goto to=\"c\"/></node>"
      "<node id=\"c\"><choice to=\"d\">On<feedback if=\"told('relieved')\">Lighter.</feedback>"
      "</choice></node>"
      "<node id=\"d\"><text if=\"told('bereaved')\">Heard.</text>"
      "<set var=\"w\" value=\"true\" if=\"told('texted')\"/>"
      "<text if=\"w\">Sent.</text><choice to=\"e\">Done</choice></node>"
      "<ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_story_prepare_exploration(st);
  mend_told texted = (mend_told)MEND_TOLD_LIST << lexicon_said(words, "texted", 6);
  mend_told bereaved = (mend_told)MEND_TOLD_LIST << lexicon_said(words, "bereaved", 8);
  mend_told relieved = (mend_told)MEND_TOLD_LIST << lexicon_said(words, "relieved", 8);
  mend_session *s = mend_session_new(st, 1), *t = mend_session_new(st, 1);
  /* at a's number: all three are ahead; only the <set>'s counts */
  assert_int_equal(mend_session_told_ahead(s, NULL), texted | bereaved | relieved);
  assert_int_equal(mend_session_told_kept(s), texted);
  static const char died[] = "my nan died last year", lighter[] = "honestly im relieved";
  mend_session_tell(s, died, sizeof died - 1, NULL);
  mend_session_tell(s, lighter, sizeof lighter - 1, NULL);
  assert_int_equal(mend_session_told(s), bereaved | relieved);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(t));
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_answer(t, "3"), MEND_OK);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(t));
  /* at b's goto, the same; at c's choice after it: its feedback and d's
   * paragraph come next: they count, and show what was told at a */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_choose(t, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO);
  assert_int_equal(mend_session_told_kept(s), texted);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(t));
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_int_equal(mend_session_continue(t), MEND_OK);
  assert_int_equal(mend_session_told_kept(s), texted | bereaved | relieved);
  assert_true(mend_session_state_hash(s) != mend_session_state_hash(t));
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(shown(s), "Heard.");
  bool lighter_shown = false;
  for (size_t i = 0; i < mend_session_item_count(s); i++)
    lighter_shown |= !strcmp(mend_session_item(s, i)->text.text, "Lighter.");
  assert_true(lighter_shown);
  /* the <set> counts at every decision before it: told at a, the state differs */
  mend_session_free(s);
  mend_session_free(t);
  s = mend_session_new(st, 1);
  t = mend_session_new(st, 1);
  static const char sent[] = "i already texted him tonight";
  assert_int_equal(mend_session_tell(s, sent, sizeof sent - 1, NULL), texted);
  assert_true(mend_session_state_hash(s) != mend_session_state_hash(t));
  assert_int_equal(mend_session_told_kept(NULL), 0);
  mend_session_free(s);
  mend_session_free(t);
  mend_story_free(st);
  /* at a choice, what the choices on offer lead to counts, not the node's
   * other ways on (a goto taken only when no choice is offered) */
  static const char xml2[] =
      "<story id=\"q\" format=\"1\" start=\"a\"><title>Q</title>"
      "<node id=\"a\"><choice to=\"e\">Stop</choice><goto to=\"d\"/></node>"
      "<node id=\"d\"><text if=\"told('bereaved')\">Heard.</text><goto to=\"e\"/></node>"
      "<ending id=\"e\" title=\"E\"/></story>";
  st = load_with_words(xml2, sizeof xml2 - 1);
  mend_story_prepare_exploration(st);
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_int_equal(mend_session_told_ahead(s, NULL), bereaved);
  assert_int_equal(mend_session_told_kept(s), 0);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* mend_session_choice_meant(): a line that names one choice on offer by a
 * word of its label, in any form ("blocking", "unfolow"), not negated, not a
 * [class function] word ("want", "them"), nor a word two choices share. */
static void test_choice_meant_names_one_choice_by_its_words(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  static const char xml[] =
      "<story id=\"m\" format=\"1\" start=\"a\"><title>M</title>"
      "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
      "<node id=\"a\"><choice to=\"b\">Mute them</choice><choice to=\"b\">Unfollow them</choice>"
      "<choice to=\"b\">Block them</choice><choice to=\"b\">Leave it, and rely on "
      "willpower</choice>"
      "</node>"
      "<node id=\"b\"><choice to=\"c\">Text a friend instead of looking again</choice>"
      "<choice to=\"c\">Read or watch something I've been meaning to</choice>"
      "<choice to=\"c\">Write down what I was really looking for</choice></node>"
      "<node id=\"c\"><ask var=\"u\" kind=\"scale\">How strong?</ask><goto to=\"e\"/></node>"
      "<ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_session *s = mend_session_new(st, 1);
  static const struct {
    const char *line;
    long meant;
  } at_a[] = {
      {"block him. but what if he thinks im being petty and comes round", 2},
      {"blocking him", 2},
      {"unfolow", 1},                   /* (a typo of a long word) */
      {"leave it", 3},                  /* ("it" is too short to count) */
      {"i dont want to block him", -1}, /* negated */
      {"i cant block him tho", -1},
      {"if i block him hell turn up at mine", -1}, /* a condition (v87 PC-11) */
      {"mute or block", -1},                       /* two choices */
      {"i just want him back", -1},                /* function words only */
      {"them", -1},
      {"", -1},
  };
  for (size_t i = 0; i < sizeof at_a / sizeof *at_a; i++) {
    long got = mend_session_choice_meant(s, at_a[i].line, strlen(at_a[i].line));
    if (got != at_a[i].meant) fail_msg("\"%s\": %ld, not %ld", at_a[i].line, got, at_a[i].meant);
  }
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  static const char mate[] = "gonna text my mate jess", look[] = "just looking";
  assert_int_equal(mend_session_choice_meant(s, mate, sizeof mate - 1), 0);
  /* "looking" is a word of the first and the third: it names neither */
  assert_int_equal(mend_session_choice_meant(s, look, sizeof look - 1), -1);
  /* a past form tells, it does not choose */
  static const char sent[] = "i already texted him tonight";
  assert_int_equal(mend_session_choice_meant(s, sent, sizeof sent - 1), -1);
  /* no choice waits: none */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_int_equal(mend_session_choice_meant(s, mate, sizeof mate - 1), -1);
  assert_int_equal(mend_session_choice_meant(NULL, mate, sizeof mate - 1), -1);
  mend_session_free(s);
  mend_story_free(st);
  /* a word that is not the label's first names it only with half its words
   * or more: "tonight" is one of three */
  static const char xml2[] = "<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>"
                             "<node id=\"a\"><choice to=\"e\">Something about tonight: how angry, "
                             "or how low, I am</choice>"
                             "<choice to=\"e\">A photo of the new me</choice></node><ending "
                             "id=\"e\" title=\"E\"/></story>";
  st = load_with_words(xml2, sizeof xml2 - 1);
  s = mend_session_new(st, 1);
  static const char rough[] = "tonight was rough", photo[] = "a photo i guess",
                    low[] = "low and angry";
  assert_int_equal(mend_session_choice_meant(s, rough, sizeof rough - 1), -1);
  assert_int_equal(mend_session_choice_meant(s, photo, sizeof photo - 1), 1);
  assert_int_equal(mend_session_choice_meant(s, low, sizeof low - 1), 0);
  mend_session_free(s);
  mend_story_free(st);
  /* a story without words for its language: none */
  st = load_ok("<story id=\"n\" format=\"1\" start=\"a\"><title>N</title>"
               "<node id=\"a\"><choice to=\"e\">Block them</choice>"
               "<choice to=\"e\">Mute them</choice></node><ending id=\"e\" title=\"E\"/></story>");
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_choice_meant(s, "block him", 9), -1);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
}

/* A story's <hear>: a line typed where a decision waits, heard at once. One
 * whose condition the line makes true says its words (the decision still
 * waits) or leads the session on to its node (what was typed is then what
 * that node's just_told() reads); typed again at the same decision, nothing
 * more. A save replays where it led; an undo takes the lead back, not what
 * was told. */
static void test_hear_says_its_words_or_leads_on(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st =
      load_ok("<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>"
              "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
              "<hear if=\"just_told(heavy)\">That sounds heavy, {u}.</hear>"
              "<hear if=\"told(unsafe)\" to=\"safe\">You are not safe, you said.</hear>"
              "<node id=\"a\"><ask var=\"u\" kind=\"scale\">Now?</ask>"
              "<choice to=\"b\">On</choice></node>"
              "<node id=\"b\"><text>B.</text><choice to=\"e\">Done</choice></node>"
              "<node id=\"safe\"><text if=\"just_told(unsafe)\">Safety first.</text>"
              "<choice to=\"e\">Done</choice></node>"
              "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  mend_session *s = mend_session_new(st, 1);
  const char *words = "x";
  /* what a <hear> reads counts at every decision (testers type it there);
   * the nodes ahead read nothing: a line no hear takes is heard by none */
  mend_told just = 0;
  assert_int_equal(mend_story_hears_read(st, &just), MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  assert_int_equal(just,
                   MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE); /* (and "safe" reads just_told(unsafe)) */
  assert_int_equal(mend_session_told_ahead(s, NULL), 0);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_NONE);
  assert_null(words);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "That sounds heavy, 0.");
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  mend_session_tell(s, "nobody cares anyway", 19, NULL); /* (no news at this decision) */
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  mend_session_tell(s, "nobody cares anyway", 19, NULL); /* (typed again, at the next one) */
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "That sounds heavy, 3.");
  assert_int_equal(mend_session_choice_count(s), 1);
  mend_session_tell(s, "i never felt safe", 17, NULL);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_MOVED);
  assert_null(words);
  assert_string_equal(mend_session_node(s), "safe");
  assert_string_equal(view(s), "P:You are not safe, you said. P:Safety first.");
  assert_int_equal(mend_session_item(s, 0)->kind, MEND_ITEM_FEEDBACK);
  assert_int_equal(mend_session_decisions(s), 1);
  /* told(unsafe) stays true: told again, it leads nowhere again */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_string_equal(mend_session_node(s), "safe");
  /* a save replays where it led */
  mend_session *r = resaved(st, s);
  assert_string_equal(mend_session_node(r), "safe");
  assert_string_equal(view(r), "P:You are not safe, you said. P:Safety first.");
  mend_session_free(r);
  /* an undo takes back the number before it; the line stays told, and leads
   * nowhere (the save after it says so: replayed, it stays at the number) */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_string_equal(mend_session_node(s), "a");
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_true(mend_session_told(s) & MEND_TOLD_UNSAFE);
  r = resaved(st, s);
  assert_string_equal(mend_session_node(r), "a");
  assert_int_equal(mend_session_pending(r), MEND_PENDING_ASK);
  mend_session_free(r);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* The same kind of line told at a second decision ("he died last month"
 * once more) gets a <hear>'s <again>, not the same sentence; clones,
 * snapshots and saves keep what was heard. */
static void test_hear_again_says_its_second_words(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st =
      load_ok("<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>"
              "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
              "<hear if=\"just_told(heavy)\">That sounds heavy, {u}.<again>Still heavy, {u}."
              "</again></hear>"
              "<node id=\"a\"><ask var=\"u\" kind=\"scale\">Now?</ask>"
              "<choice to=\"b\">On</choice></node>"
              "<node id=\"b\"><text>B.</text><choice to=\"c\">On</choice></node>"
              "<node id=\"c\"><text>C.</text><choice to=\"e\">Done</choice></node>"
              "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_graph *g = mend_graph_new(st);
  assert_string_equal(mend_graph_hear(g, 0)->text, "That sounds heavy, {u}.");
  assert_string_equal(mend_graph_hear(g, 0)->again, "Still heavy, {u}.");
  mend_graph_free(g);
  mend_session *s = mend_session_new(st, 1);
  const char *words = NULL;
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "That sounds heavy, 0.");
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  mend_session *c = mend_session_clone(s);
  unsigned char snap[4096];
  size_t n = mend_session_snapshot(s, snap, sizeof snap);
  assert_true(n <= sizeof snap);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "Still heavy, 3.");
  mend_session_tell(c, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(c, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "Still heavy, 3.");
  mend_session_free(c);
  /* a snapshot restored (as testers do) keeps it too */
  c = mend_session_new(st, 1);
  mend_session_set_recording(c, false);
  assert_int_equal(mend_session_restore_snapshot(c, snap, n), MEND_OK);
  mend_session_tell(c, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(c, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "Still heavy, 3.");
  mend_session_free(c);
  /* a save replays what was heard: its words and its <again> said, a third
   * time gets the player's own ("I hear you."), not one of them again */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  mend_session *r = resaved(st, s);
  mend_session_tell(r, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(r, &words), MEND_HEARD_NONE);
  mend_session_free(r);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_NONE);
  assert_int_equal(mend_session_choice_count(s), 1);
  /* a new start has heard nothing */
  r = mend_session_new(st, 1);
  mend_session_tell(r, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(r, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "That sounds heavy, 0.");
  mend_session_free(r);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* A line that tells nothing new at the decision, after one that told more
 * ("nobody cares anyway" after "i never felt safe. nobody cares anyway"): a
 * words-only <hear> its own words make true, where what was typed before at
 * this decision did not, is taken; once, not again for the same line; a
 * <hear> that leads on is not (its reading is what was typed at the
 * decision, as the explorer keeps it). */
static void test_hear_reads_a_line_alone_after_more(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st =
      load_ok("<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>"
              "<hear if=\"just_told(heavy) and not just_told(unsafe)\">Heavy, not unsafe.</hear>"
              "<hear if=\"just_told(unsafe) and not just_told(heavy)\" to=\"b\"/>"
              "<node id=\"a\"><choice to=\"b\">On</choice></node>"
              "<node id=\"b\"><choice to=\"e\">Done</choice></node>"
              "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  mend_session *s = mend_session_new(st, 1);
  const char *words = NULL;
  const char both[] = "i never felt safe. nobody cares anyway";
  assert_int_equal(mend_session_tell(s, both, strlen(both), NULL) &
                       (MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE),
                   MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  uint64_t before = mend_session_state_hash(s);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_heard(s, &words), MEND_HEARD_SAID);
  assert_string_equal(words, "Heavy, not unsafe.");
  assert_true(mend_session_state_hash(s) == before);
  mend_session_tell(s, "nobody cares anyway", 19, NULL); /* (heard: not again) */
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  /* the unsafe line alone would lead on: it does not, the decision waits */
  mend_session_tell(s, "i never felt safe", 17, NULL);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  assert_string_equal(mend_session_node(s), "a");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* A words-only <hear> read with a line alone is one the line told something
 * of: "ur a pathetic loser" after "i never felt safe. nobody cares anyway"
 * does not make "told(unsafe) and not just_told(heavy)" speak, though the
 * line alone (no heavy in it) would make it true. */
static void test_hear_alone_reads_what_the_line_told(void **state) {
  (void)state;
  mend_lexicon *words = bundled_words();
  mend_lexicon *lx = bundled();
  static const char xml[] =
      "<story id=\"h\" format=\"1\" start=\"a\" lang=\"en\"><title>H</title>"
      "<hear if=\"told(unsafe) and not just_told(heavy)\">Unsafe, earlier.</hear>"
      "<node id=\"a\"><choice to=\"b\">On</choice><choice to=\"b\">Off</choice></node>"
      "<node id=\"b\"><text if=\"told(dig)\">A dig.</text><choice to=\"e\">Done</choice>"
      "</node><ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  mend_session *s = mend_session_new(st, 1);
  const char both[] = "i never felt safe. nobody cares anyway", dig[] = "ur a pathetic loser";
  mend_session_tell(s, both, strlen(both), NULL);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  assert_true(mend_session_tell(s, dig, strlen(dig), NULL) & MEND_TOLD_DIG);
  assert_int_equal(mend_session_heard(s, NULL), MEND_HEARD_NONE);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
  mend_lexicon_free(words);
}

/* What a words-only <hear> reads of a line typed at a decision is no new
 * state to the explorer (it only tells whether the hear speaks), unless a
 * hear that leads on reads two kinds typed there. */
static void test_hear_alone_makes_no_new_state(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  static const char *const hears[] = {
      "<hear if=\"just_told(heavy) and not just_told(unsafe)\">Heavy.</hear>",
      "<hear if=\"just_told(heavy) and just_told(unsafe)\" to=\"b\"/>"};
  /* (loaded without the words of its language, as an embedding may: a list's
   * told() asks nothing then, and the hear still loads) */
  mend_story *bare = load_ok("<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>"
                             "<hear if=\"just_told('together')\" to=\"e\"/>"
                             "<node id=\"a\"><choice to=\"e\">On</choice></node>"
                             "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_free(bare);
  for (int k = 0; k < 2; k++) {
    char xml[1024];
    snprintf(xml, sizeof xml,
             "<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>%s"
             "<node id=\"a\"><choice to=\"b\">On</choice></node>"
             "<node id=\"b\"><choice to=\"e\">Done</choice></node>"
             "<ending id=\"e\" title=\"E\"/></story>",
             hears[k]);
    mend_story *st = load_ok(xml);
    mend_story_set_lexicon(st, lx);
    mend_story_prepare_exploration(st);
    mend_session *s = mend_session_new(st, 1);
    uint64_t before = mend_session_state_hash(s);
    mend_session_tell(s, "nobody cares anyway", 19, NULL);
    assert_int_equal(mend_session_heard(s, NULL), k ? MEND_HEARD_NONE : MEND_HEARD_SAID);
    if (k == 0)
      assert_true(mend_session_state_hash(s) == before);
    else
      assert_true(mend_session_state_hash(s) != before);
    mend_session_free(s);
    mend_story_free(st);
  }
  mend_lexicon_free(lx);
}

/* What a told() or a just_told() ahead of the session asks about: a kind
 * nothing ahead asks about is not the state's any more (testers type no line
 * for it there), and what was told at the last decision stops counting once
 * a question waits. */
static void test_told_counts_while_something_ahead_asks(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st = load_ok(
      "<story id=\"k\" format=\"1\" start=\"a\"><title>K</title>"
      "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
      "<node id=\"a\"><ask var=\"u\" kind=\"scale\">Now?</ask>"
      "<text if=\"just_told(unsafe)\">Just.</text><choice to=\"b\">On</choice></node>"
      "<node id=\"b\"><text if=\"told(heavy)\">Heard.</text><choice to=\"c\">On</choice></node>"
      "<node id=\"c\"><ask var=\"u\" kind=\"scale\">Later?</ask><goto to=\"e\"/></node>"
      "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  mend_session *s = mend_session_new(st, 1), *t = mend_session_new(st, 1);
  mend_told just = 0;
  assert_int_equal(mend_session_told_ahead(s, &just), MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  assert_int_equal(just, MEND_TOLD_UNSAFE);
  assert_int_equal(mend_session_told_ahead(s, NULL), MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  /* told at a: both count there */
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  mend_session_tell(s, "i never felt safe", 17, NULL);
  assert_true(mend_session_state_hash(s) != mend_session_state_hash(t));
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_answer(t, "3"), MEND_OK);
  assert_true(mend_session_state_hash(s) != mend_session_state_hash(t));
  /* at b's choice: its text that asks about heavy is shown already, above
   * the choice, and nothing after it asks: a line typed there is heard by
   * nothing ahead, and the two sessions are one state from here */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_choose(t, 0), MEND_OK);
  assert_int_equal(mend_session_told_ahead(s, &just), 0);
  assert_int_equal(just, 0);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(t));
  /* at c: nothing ahead asks; the two sessions are one state */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_choose(t, 0), MEND_OK);
  assert_int_equal(mend_session_told_ahead(s, &just), 0);
  assert_int_equal(mend_session_told(s), MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(t));
  assert_int_equal(mend_session_told_ahead(NULL, &just), 0);
  assert_int_equal(just, 0);
  mend_session_free(s);
  mend_session_free(t);
  mend_story_free(st);
  /* just_told() reads a line only until the decision after the one it was
   * typed at: typed at the number of a, nothing reads it (the choice of a
   * comes first); typed at the choice, b does */
  st = load_ok("<story id=\"n\" format=\"1\" start=\"a\"><title>N</title>"
               "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
               "<node id=\"a\"><ask var=\"u\" kind=\"scale\">Now?</ask>"
               "<choice to=\"b\">On</choice></node>"
               "<node id=\"b\"><goto to=\"c\"/></node>"
               "<node id=\"c\"><text if=\"just_told(unsafe)\">Just.</text><goto to=\"e\"/></node>"
               "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  mend_story_prepare_exploration(st);
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_told_ahead(s, &just), 0);
  assert_int_equal(just, 0);
  t = mend_session_new(st, 1);
  mend_session_tell(t, "i never felt safe", 17, NULL);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(t));
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_told_ahead(s, &just), MEND_TOLD_UNSAFE);
  assert_int_equal(just, MEND_TOLD_UNSAFE);
  mend_session_free(s);
  mend_session_free(t);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* just_told(): what was typed while the question last answered waited: true
 * after that answer until the next, and again when it is typed again. */
static void test_just_told_reads_the_last_question_only(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st =
      load_ok("<story id=\"j\" format=\"1\" start=\"a\"><title>J</title>"
              "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
              "<node id=\"a\"><ask var=\"u\" kind=\"scale\">Now?</ask>"
              "<text if=\"just_told(heavy)\">Just.</text><text if=\"told(heavy)\">Ever.</text>"
              "<choice to=\"b\">On</choice></node>"
              "<node id=\"b\"><text if=\"just_told(heavy)\">Just.</text>"
              "<text if=\"told(heavy)\">Ever.</text><ask var=\"u\" kind=\"scale\">Later?</ask>"
              "<text if=\"just_told(heavy)\">Again.</text><goto to=\"e\"/></node>"
              "<ending id=\"e\" title=\"E\"/></story>");
  mend_story_set_lexicon(st, lx);
  assert_int_equal(mend_story_reads_just_told(st), MEND_TOLD_HEAVY);
  assert_int_equal(mend_story_reads_told(st), MEND_TOLD_HEAVY);
  mend_session *s = mend_session_new(st, 1);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_int_equal(mend_session_told_now(s), MEND_TOLD_HEAVY);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_told_now(s), 0);
  assert_string_equal(view(s), "P:Just. P:Ever.");
  /* the choice that follows is another decision: no longer "just" */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(view(s), "P:Ever.");
  /* typed again at the next question: just told again, though told before */
  uint64_t h = mend_session_state_hash(s);
  mend_session_tell(s, "nobody cares anyway", 19, NULL);
  assert_true(mend_session_state_hash(s) != h);
  char *save;
  size_t len;
  assert_int_equal(mend_session_save(s, &save, &len), MEND_OK);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_string_equal(view(s), "P:Again.");
  /* a save made before the answer replays to the same */
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, save, len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  assert_int_equal(mend_session_told_now(r), MEND_TOLD_HEAVY);
  assert_int_equal(mend_session_answer(r, "3"), MEND_OK);
  assert_string_equal(view(r), "P:Again.");
  mend_session_free(r);
  mend_free(save);
  mend_session_free(s);
  /* nothing typed: neither */
  s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_string_equal(view(s), "");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

/* The words hold up to 56 lists, and told() reads each of them: the last
 * one's flag is the 60th bit, kept by a save (version 3) and a restore; a
 * 57th list is an error in the words file. */
static void test_told_reads_all_56_lists_of_the_words(void **state) {
  (void)state;
  char text[8192] = "language: en\nstemmer: english\n";
  for (int k = 0; k < 57; k++) {
    char sec[64];
    snprintf(sec, sizeof sec, "[said l%c%c]\nzebra %c%c\n", 'a' + k / 26, 'a' + k % 26,
             'a' + k / 26, 'a' + k % 26);
    if (k == 56) {
      assert_string_equal(lexicon_error(strcat(text, sec)),
                          "t.lexicon:116: error: [said lce]: too many lists (at most 56)");
      break;
    }
    strcat(text, sec);
  }
  *strstr(text, "[said lce]") = 0;
  mend_lexicon *words = mend_lexicon_load_memory(text, strlen(text), "t.words", NULL);
  assert_non_null(words);
  the_words = words;
  static const char xml[] =
      "<story id=\"l\" format=\"1\" start=\"a\"><title>L</title>"
      "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
      "<node id=\"a\"><ask var=\"u\" kind=\"scale\" min=\"0\" max=\"10\">Urge?</ask>"
      "<choice to=\"b\">On</choice></node>"
      "<node id=\"b\"><text if=\"told('lcd')\">Last.</text><text if=\"told('laa')\">First.</text>"
      "<text if=\"told('lba')\">27th.</text><text>End.</text>"
      "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>";
  mend_story *st = load_with_words(xml, sizeof xml - 1);
  assert_int_equal(mend_story_reads_told(st),
                   MEND_TOLD_LIST | MEND_TOLD_LIST << 26 | MEND_TOLD_LIST << 55);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_tell(s, "zebra cd", 8, NULL), MEND_TOLD_LIST << 55);
  assert_int_equal(mend_session_tell(s, "zebra ba", 8, NULL), MEND_TOLD_LIST << 26);
  char *save;
  size_t len;
  assert_int_equal(mend_session_save(s, &save, &len), MEND_OK);
  assert_memory_equal(save, "mend-save 3\n", 12);
  assert_non_null(strstr(save, "\ns 576460752303423488\ns 1073741824\nsum "));
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, save, len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  mend_free(save);
  assert_int_equal(mend_session_told(r), MEND_TOLD_LIST << 55 | MEND_TOLD_LIST << 26);
  assert_string_equal(told_view(r, NULL, 0), "P:Last. P:27th. P:End.");
  assert_string_equal(told_view(s, NULL, 0), "P:Last. P:27th. P:End.");
  mend_session_free(r);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(words);
  the_words = NULL;
}

static void test_told_is_saved_kept_by_undo_and_snapshots(void **state) {
  (void)state;
  mend_lexicon *lx = bundled();
  mend_story *st = load_ok(TOLD_STORY);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  char *save;
  size_t len;
  /* nothing told: a save as before (version 1) */
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_save(s, &save, &len), MEND_OK);
  assert_memory_equal(save, "mend-save 1\n", 12);
  mend_free(save);
  mend_session_tell(s, "i never felt safe", 17, NULL);
  mend_session_tell(s, "i never felt safe", 17, NULL); /* (nothing new: not logged again) */
  assert_int_equal(mend_session_decisions(s), 1);
  assert_int_equal(mend_session_save(s, &save, &len), MEND_OK);
  assert_memory_equal(save, "mend-save 3\n", 12); /* (64-bit flags: 2 held 32) */
  assert_non_null(strstr(save, "\na 3\ns 8\nsum "));
  assert_null(strstr(save, "safe")); /* the line itself is not kept */
  char *id = NULL;
  size_t decisions = 0;
  assert_true(mend_save_peek(save, len, &id, &decisions));
  assert_int_equal(decisions, 1);
  mend_free(id);
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, save, len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  assert_int_equal(mend_session_told(r), MEND_TOLD_UNSAFE);
  assert_int_equal(mend_session_choose(r, 0), MEND_OK);
  assert_string_equal(view(r), "P:Unsafe. P:End.");
  mend_session_free(r);
  /* a version-2 save (32-bit flags, the mend of before: dig 2^30, told
   * again by an undo 2^31) reads as it did */
  static const struct {
    const char *line;
    mend_told told;
  } v2[] = {{"s 8", MEND_TOLD_UNSAFE},
            {"s 1073741832", MEND_TOLD_UNSAFE | MEND_TOLD_DIG},
            {"s 2147483656", MEND_TOLD_UNSAFE}};
  for (size_t i = 0; i < sizeof v2 / sizeof *v2; i++) {
    char body[256], buf[300];
    snprintf(body, sizeof body,
             "mend-save 2\nstory told\nhash %016llx\nseed 1\ndecisions 2\na 3\n%s\n",
             (unsigned long long)mend_story_hash(st), v2[i].line);
    snprintf(buf, sizeof buf, "%ssum %016llx\n", body,
             (unsigned long long)mem_hash(MEM_HASH_INIT, body, strlen(body)));
    r = mend_session_restore(st, buf, strlen(buf), 0, &rs);
    assert_int_equal(rs, MEND_RESTORED);
    assert_int_equal(mend_session_told(r), v2[i].told);
    mend_session_free(r);
  }
  /* damaged or unknown flags, or an "s" line in a version-1 save: damage;
   * version 2's flags are 32 bits, version 3's 61 (and 2^62: told again) */
  static const char *const bad[] = {"2 s 0",
                                    "2 s 16",
                                    "2 s x",
                                    "2 s",
                                    "2 s 4294967304",
                                    "3 s 0",
                                    "3 s 2305843009213693960",
                                    "3 s 1152921504606846984x",
                                    "1 s 8",
                                    "3 s 16"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char buf[256];
    int n = snprintf(buf, sizeof buf,
                     "mend-save %c\nstory told\nhash %016llx\nseed 1\ndecisions 2\na 3\n%s\n",
                     bad[i][0], (unsigned long long)0, bad[i] + 2);
    (void)n;
    /* (the story's hash and the sum are checked after the lines: a bad line is found first) */
    mend_session *b = mend_session_restore(st, buf, strlen(buf), MEND_RESTORE_REPLAY, &rs);
    assert_null(b);
    assert_int_equal(rs, MEND_R_CORRUPT);
  }
  /* undo takes back the number, not what was told */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_int_equal(mend_session_told(s), MEND_TOLD_UNSAFE);
  assert_string_equal(told_view(s, NULL, 0), "P:Unsafe. P:End.");
  /* a snapshot keeps it (a session that does not record: an explorer's); a
   * clone too */
  mend_session *c = mend_session_clone(s);
  assert_int_equal(mend_session_told(c), MEND_TOLD_UNSAFE);
  mend_session_set_recording(s, false);
  size_t n = mend_session_snapshot(s, NULL, 0);
  void *snap = malloc(n);
  mend_session_snapshot(s, snap, n);
  mend_session_reset(s, 1);
  assert_int_equal(mend_session_told(s), 0);
  assert_int_equal(mend_session_restore_snapshot(s, snap, n), MEND_OK);
  assert_int_equal(mend_session_told(s), MEND_TOLD_UNSAFE);
  free(snap);
  mend_free(save);
  mend_session_free(c);
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

static void test_session_support_replays_on_undo_and_restore(void **state) {
  (void)state;
  mend_lexicon *lx = small_lexicon();
  mend_story *st = load_ok(TEXT_STORY);
  mend_story_set_lexicon(st, lx);
  mend_session *s = mend_session_new(st, 1);
  answer_view(s, "fine");
  assert_int_equal(mend_session_answer(s, "i want to die"), MEND_OK);
  mend_session *r = resaved(st, s);
  assert_string_equal(view(r),
                      "S:crisis:death:want to die P:After."); /* a resumed session shows it */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_int_equal(mend_session_support_level(s, MEND_SAFETY_CRISIS), 0);
  assert_string_equal(answer_view(s, "i want to die"), "S:crisis:death:want to die P:After.");
  mend_session_free(r);
  mend_session_free(s);
  /* without a lexicon, nothing is scanned */
  mend_story_set_lexicon(st, NULL);
  s = mend_session_new(st, 1);
  assert_string_equal(answer_view(s, "i want to die"), "P:After.");
  mend_session_free(s);
  mend_story_free(st);
  mend_lexicon_free(lx);
}

static void test_support_element_in_nodes_and_choices(void **state) {
  (void)state;
  mend_story *st =
      load_ok("<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
              "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\"/>"
              "<node id=\"a\"><ask var=\"u\" kind=\"scale\">U?</ask>"
              "<support if=\"u == 10\"/><text>Next.</text>"
              "<choice to=\"b\">I can't deal<support/><feedback>Heard.</feedback>"
              "</choice><choice to=\"b\">Fine</choice></node>"
              "<node id=\"b\"><support for=\"abuse\"/><goto to=\"a\"/></node></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(view(s), "");
  assert_int_equal(mend_session_answer(s, "10"), MEND_OK);
  assert_string_equal(view(s), "S:crisis:story: P:Next.");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK); /* crisis level 1 shown: a reminder */
  assert_string_equal(view(s), "A:crisis:story: P:Heard. S:abuse:story:");
  assert_null(mend_session_item(s, 2)->support->says);
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_string_equal(view(s), "P:Next.");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_support_element_errors(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  const char *xml = "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>\n"
                    "<node id=\"a\"><support for=\"help\"/>\n"
                    "<support>Call someone</support><goto to=\"a\"/></node></story>";
  assert_null(mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d));
  assert_int_equal(mend_diags_errors(d), 2);
  char *m = mend_diag_format(mend_diags_at(d, 0));
  assert_string_equal(m,
                      "t.xml:2:28: error: for=\"help\" is not a kind of support: use crisis (the "
                      "default) or abuse [E-value]");
  mend_free(m);
  m = mend_diag_format(mend_diags_at(d, 1));
  assert_string_equal(m, "t.xml:3:1: error: <support> is empty: it takes for=\"crisis\" or "
                         "for=\"abuse\" (and if=\"...\") only; the words the person sees come "
                         "with mend [E-content]");
  mend_free(m);
  mend_diags_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words_fold_case_accents_and_wide_forms),
      cmocka_unit_test(test_words_drop_apostrophes_inside_a_word_only),
      cmocka_unit_test(test_words_mark_clause_sentence_and_question_breaks),
      cmocka_unit_test(test_words_skip_invalid_bytes_and_symbols),
      cmocka_unit_test(test_phrase_meets_other_forms_of_its_words),
      cmocka_unit_test(test_phrase_variants_apply_to_the_text_and_the_phrase),
      cmocka_unit_test(test_phrase_alternatives_classes_and_joined_words),
      cmocka_unit_test(test_phrase_gap_stands_for_up_to_three_words),
      cmocka_unit_test(test_phrase_repeated_letters_meet_the_word),
      cmocka_unit_test(test_phrase_one_typo_away_for_long_words_swaps_for_short),
      cmocka_unit_test(test_phrase_quoted_word_is_found_only_as_written),
      cmocka_unit_test(test_phrase_neighbours_are_in_one_sentence_a_gap_may_cross),
      cmocka_unit_test(test_phrase_errors_say_what_is_wrong),
      cmocka_unit_test(test_scan_finds_the_sign_its_kind_and_its_words),
      cmocka_unit_test(test_scan_keeps_the_most_serious_sign_of_each_category),
      cmocka_unit_test(test_scan_shows_the_shorter_of_two_signs_that_end_together),
      cmocka_unit_test(test_negex_sets_aside_negated_signs_before_and_after),
      cmocka_unit_test(test_negex_scope_ends_at_a_clause_a_termination_or_its_window),
      cmocka_unit_test(test_figurative_phrases_cancel_the_signs_they_overlap),
      cmocka_unit_test(test_a_kinds_not_lines_set_aside_its_own_signs_only),
      cmocka_unit_test(test_lexicon_errors_name_the_file_and_line),
      cmocka_unit_test(test_lexicon_parts_add_to_the_bundled_one),
      cmocka_unit_test(test_bundled_lexicon_reads_the_issue_examples),
      cmocka_unit_test(test_corpus_development_set),
      cmocka_unit_test(test_corpus_first_held_out_set),
      cmocka_unit_test(test_corpus_second_held_out_set),
      cmocka_unit_test(test_resources_read_countries_and_their_lines_in_order),
      cmocka_unit_test(test_resources_later_parts_replace_or_come_first),
      cmocka_unit_test(test_resources_errors_say_what_is_missing),
      cmocka_unit_test(test_bundled_resources_cover_twenty_countries_and_more),
      cmocka_unit_test(test_locale_names_give_their_country),
      cmocka_unit_test(test_session_offers_support_before_the_rest_only_when_worse),
      cmocka_unit_test(test_session_reminds_of_support_shown_before_once_a_view),
      cmocka_unit_test(test_session_support_replays_on_undo_and_restore),
      cmocka_unit_test(test_dig_reads_the_digs_of_the_words_of_the_language),
      cmocka_unit_test(test_said_reads_a_list_of_the_words_of_the_language),
      cmocka_unit_test(test_said_belongings_reads_going_for_ones_own_things),
      cmocka_unit_test(test_said_blocking_reads_not_able_to_block_them),
      cmocka_unit_test(test_said_texted_reads_a_message_already_sent),
      cmocka_unit_test(test_said_countdown_reads_a_last_word_held_over_them),
      cmocka_unit_test(test_said_together_reads_a_couple_back_together),
      cmocka_unit_test(test_said_wanting_reads_a_pull_to_reach_them),
      cmocka_unit_test(test_said_ended_reads_the_person_who_ended_it),
      cmocka_unit_test(test_said_retracted_reads_a_yes_taken_back),
      cmocka_unit_test(test_said_relieved_reads_relief),
      cmocka_unit_test(test_said_grief_reads_a_death),
      cmocka_unit_test(test_said_bereaved_reads_another_death),
      cmocka_unit_test(test_said_hoping_reads_a_sign_they_still_care),
      cmocka_unit_test(test_said_isolated_reads_days_shut_in),
      cmocka_unit_test(test_said_no_one_reads_no_one_to_turn_to),
      cmocka_unit_test(test_said_outside_reads_being_there_now),
      cmocka_unit_test(test_said_sending_reads_a_bare_command_to_message_them),
      cmocka_unit_test(test_said_visited_reads_a_visit_already_made),
      cmocka_unit_test(test_said_worried_reads_worry_for_them),
      cmocka_unit_test(test_said_drinking_reads_drinking),
      cmocka_unit_test(test_said_company_reads_someone_close),
      cmocka_unit_test(test_said_checking_reads_looking_at_their_page),
      cmocka_unit_test(test_said_feared_reads_fear_of_them_coming),
      cmocka_unit_test(test_said_asking_reads_a_question_for_them),
      cmocka_unit_test(test_said_replying_reads_answering_someone_close),
      cmocka_unit_test(test_said_outing_reads_a_plan_of_their_own),
      cmocka_unit_test(test_said_put_down_reads_someone_close_putting_them_down),
      cmocka_unit_test(test_said_calling_reads_someone_close_reaching_out),
      cmocka_unit_test(test_said_unfed_reads_not_eating),
      cmocka_unit_test(test_said_showing_reads_a_post_for_them_to_see),
      cmocka_unit_test(test_said_evading_reads_another_account),
      cmocka_unit_test(test_said_new_partner_reads_a_plan_to_reach_them),
      cmocka_unit_test(test_said_torn_reads_a_choice_taken_back),
      cmocka_unit_test(test_said_misses_reads_longing),
      cmocka_unit_test(test_said_pleads_reads_a_plea),
      cmocka_unit_test(test_said_reaching_reads_a_plan_to_reach_them),
      cmocka_unit_test(test_said_visiting_reads_a_plan_to_go_to_them),
      cmocka_unit_test(test_said_self_blame_reads_turning_on_oneself),
      cmocka_unit_test(test_told_dig_hears_a_dig_typed_at_a_decision),
      cmocka_unit_test(test_signs_reads_a_line_without_telling_it),
      cmocka_unit_test(test_reads_words_tells_words_from_nothing),
      cmocka_unit_test(test_told_a_list_hears_a_line_typed_where_no_text_was_asked),
      cmocka_unit_test(test_a_question_whose_condition_a_told_line_ends_is_not_asked),
      cmocka_unit_test(test_told_reads_lines_typed_where_no_text_was_asked),
      cmocka_unit_test(test_told_at_a_choice_offers_its_choices_again),
      cmocka_unit_test(test_an_ending_title_follows_its_last_answer),
      cmocka_unit_test(test_just_told_reads_the_last_question_only),
      cmocka_unit_test(test_told_counts_while_something_ahead_asks),
      cmocka_unit_test(test_a_paragraphs_told_counts_from_the_decision_before_it),
      cmocka_unit_test(test_choice_meant_names_one_choice_by_its_words),
      cmocka_unit_test(test_told_ahead_reads_after_the_decision),
      cmocka_unit_test(test_hear_says_its_words_or_leads_on),
      cmocka_unit_test(test_hear_again_says_its_second_words),
      cmocka_unit_test(test_hear_alone_reads_what_the_line_told),
      cmocka_unit_test(test_hear_alone_makes_no_new_state),
      cmocka_unit_test(test_hear_reads_a_line_alone_after_more),
      cmocka_unit_test(test_told_reads_all_56_lists_of_the_words),
      cmocka_unit_test(test_told_is_saved_kept_by_undo_and_snapshots),
      cmocka_unit_test(test_crisis_and_abuse_read_an_answer_as_the_scan_does),
      cmocka_unit_test(test_crisis_and_abuse_give_testers_a_sign_to_answer_with),
      cmocka_unit_test(test_nothing_reads_a_whole_answer_with_the_words_of_the_language),
      cmocka_unit_test(test_heavy_reads_crisis_and_the_heavy_phrases_without_a_screen),
      cmocka_unit_test(test_unsafe_reads_abuse_and_the_unsafe_phrases_without_a_screen),
      cmocka_unit_test(test_told_lines_are_heavy_only_where_told),
      cmocka_unit_test(test_support_element_in_nodes_and_choices),
      cmocka_unit_test(test_support_element_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
