/* SPDX-License-Identifier: MIT */
/*
 * test_term.c - display width and wrapping (tools/term.h) keep grapheme
 * clusters whole: a family emoji joined by zero-width joiners, a letter and
 * its combining accent, a flag's two letters, an emoji with its
 * presentation selector are each one character on screen, measured as
 * terminals draw them and never split across lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "term.h"

#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
#define E_ACUTE "e\xCC\x81"                     /* e + combining acute */
#define FLAG "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7" /* FR */
#define HEART "\xE2\x9D\xA4\xEF\xB8\x8F"        /* heart + VS16 */

static size_t w(const char *s) {
  return term_width_of(s, strlen(s));
}

static void test_clusters_have_the_width_terminals_draw(void **state) {
  (void)state;
  assert_int_equal(w("abc"), 3);
  assert_int_equal(w(FAMILY), 2);
  assert_int_equal(w("caf" E_ACUTE), 4);
  assert_int_equal(w(FLAG), 2);
  assert_int_equal(w(HEART), 2);
  assert_int_equal(w("\r\n"), 0); /* (invisible: nothing to draw) */
  assert_int_equal(w(FAMILY FAMILY " " FLAG), 7);
}

/* The text wrapped to `width` columns, as term_para_plain writes it. */
static char *wrapped(const char *s, int width) {
  char *out = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&out, &n);
  term_opts o = {width, false, 0};
  term_para_plain(f, &o, NULL, NULL, 0, s);
  fclose(f);
  return out;
}

static void test_a_word_too_long_is_broken_between_clusters(void **state) {
  (void)state;
  /* three families in one word, on a line of 4 columns: two a line */
  char *out = wrapped(FAMILY FAMILY FAMILY, 4);
  assert_string_equal(out, FAMILY FAMILY "\n" FAMILY "\n");
  free(out);
  /* accents stay on their letter */
  out = wrapped("caf" E_ACUTE "caf" E_ACUTE, 4);
  assert_string_equal(out, "caf" E_ACUTE "\ncaf" E_ACUTE "\n");
  free(out);
  /* a flag is not cut into two letters */
  out = wrapped("ab" FLAG FLAG, 3);
  assert_string_equal(out, "ab\n" FLAG "\n" FLAG "\n");
  free(out);
}

static void test_words_wrap_by_cluster_width(void **state) {
  (void)state;
  char *out = wrapped("we " FAMILY " went " HEART " home", 10);
  assert_string_equal(out, "we " FAMILY " went\n" HEART " home\n");
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clusters_have_the_width_terminals_draw),
      cmocka_unit_test(test_a_word_too_long_is_broken_between_clusters),
      cmocka_unit_test(test_words_wrap_by_cluster_width),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
