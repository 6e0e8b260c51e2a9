/* SPDX-License-Identifier: MIT */
/*
 * test_regex.c - the patterns of rules and matches() (model_regex_compile and
 * model_regex_match in engine/load.c): the limits that keep glibc's regex
 * engine from taking seconds or gigabytes, and the anchored form the engine
 * searches with ("^.*(pattern)"), which must find exactly what an ordinary
 * search for the pattern finds.
 */
#include <locale.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

/* Compiles with the engine; returns its error ("" when it compiled). */
static const char *compile_error(const char *pattern) {
  static char err[256];
  regex_t re;
  err[0] = 0;
  if (model_regex_compile(&re, pattern, err, sizeof err) == 0) {
    regfree(&re);
    return "";
  }
  return err;
}

static void limits_refuse_patterns_that_expand_too_far(void **state) {
  (void)state;
  assert_string_equal(
      compile_error("((a{1,100}){1,100}){1,100}"),
      "pattern too complex: its repetitions would make it more than 2000 elements long");
  /* each + doubles what it repeats: 2^11 */
  assert_string_equal(
      compile_error("a(b(c(d(e(f(g(h(i(j(k+)+)+)+)+)+)+)+)+)+)+"),
      "pattern too complex: its repetitions would make it more than 2000 elements long");
  assert_string_equal(compile_error("[a-z]{1,1000}[0-9]{1,999}"), ""); /* 1999 */
  assert_string_equal(
      compile_error("[a-z]{1,1000}[0-9]{1,1000}x"),
      "pattern too complex: its repetitions would make it more than 2000 elements long");
  assert_string_equal(compile_error("(sorry|apologi[sz]e){1,10} and (x{2}){5}"), "");
}

static void limits_refuse_deeply_nested_repeated_groups(void **state) {
  (void)state;
  assert_string_equal(compile_error("(((()+)+)+)+b"), "");
  assert_string_equal(compile_error("((((()+)+)+)+)+b"),
                      "pattern too complex: repetitions nest 5 deep (the limit is 4), as in "
                      "((a+)+)+ or (a*)**");
  /* groups that are not repeated do not count */
  assert_string_equal(compile_error("((((((((a))))))))+"), "");
}

static void limits_refuse_bounded_repetitions_of_what_can_match_nothing(void **state) {
  (void)state;
  const char *msg = "pattern too complex: {m,n} repeats something that can match nothing, as in "
                    "(a?){2,5}: make what it repeats match at least one character";
  assert_string_equal(compile_error("(a?){1,500}"), msg);
  assert_string_equal(compile_error("(((){1,10}){1,10})*"), msg);
  assert_string_equal(compile_error("(a|){2}"), msg);
  assert_string_equal(compile_error("(x*y?){3}"), msg);
  assert_string_equal(compile_error("(\\b){3}"), msg);
  assert_string_equal(compile_error("x{0,5}{2}"), msg);
  assert_string_equal(compile_error("(a|b){2}"), "");
  assert_string_equal(compile_error("(x*y){3}"), "");
  assert_string_equal(compile_error("([a-z]{1,30}[0-9]?){1,30}!"), "");
  assert_string_equal(compile_error("(very )*sorry"), "");
}

static void limits_refuse_stray_parentheses_and_back_references(void **state) {
  (void)state;
  assert_string_equal(compile_error("sorry)"),
                      "a ')' that closes no '(' (write \\) for a parenthesis)");
  assert_string_equal(compile_error("(a))+(b"),
                      "a ')' that closes no '(' (write \\) for a parenthesis)");
  assert_string_equal(compile_error("\\)"), "");
  assert_string_equal(compile_error("[)]"), "");
  assert_string_equal(compile_error("[[:alpha:])]+"), "");
  assert_string_equal(compile_error("(very) \\1"), "back-references such as \\1 are not supported");
  char longp[1002];
  memset(longp, 'a', 1001);
  longp[1001] = 0;
  assert_string_equal(compile_error(longp),
                      "pattern too long (1001 characters; the limit is 1000)");
}

/* The anchored search against glibc's own unanchored one, on many pairs
 * (not anchors on texts of several lines: see the next test). */
static void anchored_search_finds_what_an_ordinary_search_finds(void **state) {
  (void)state;
  static const char *const patterns[] = {
      "sorry|apologi[sz]e|my fault",
      "^sorry",
      "fault$",
      "^$",
      "a|b",
      "^(a|b)$",
      "colou?r",
      "[)]",
      "\\)",
      "x*",
      "^.*$",
      "a.b",
      "(^a|b$)",
      "[[:digit:]]+ times",
      "please come back|begging|can'?t live without",
      "caf\xC3\xA9",
      "\xC3\xA9t\xC3\xA9",
      "(ab)+c",
      "^[^a-z]*$",
      "\\.",
  };
  static const char *const texts[] = {
      "",
      "I am SORRY, it was my fault",
      "sorry about that",
      "so rry",
      "fault line",
      "a",
      "b",
      "ab",
      "color and colour",
      "smile :)",
      "a\nb",
      "axb",
      "3 times",
      "please come back",
      "I cant live without you",
      "CAF\xC3\x89 au lait",
      "\xC3\x89T\xC3\x89",
      "ababc",
      "ABC 123",
      "no dot here",
      "line one\nline two.",
  };
  locale_t c_utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
  assert_non_null(c_utf8);
  for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
    regex_t mine, plain;
    char err[256];
    assert_int_equal(model_regex_compile(&mine, patterns[i], err, sizeof err), 0);
    locale_t old = uselocale(c_utf8);
    assert_int_equal(regcomp(&plain, patterns[i], REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
    uselocale(old);
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
      if (strchr(texts[k], '\n') && strpbrk(patterns[i], "^$")) continue;
      old = uselocale(c_utf8);
      bool want = regexec(&plain, texts[k], 0, NULL, 0) == 0;
      uselocale(old);
      if (model_regex_match(&mine, texts[k]) != want)
        fail_msg("pattern \"%s\" on \"%s\": the engine says %d, glibc %d", patterns[i], texts[k],
                 !want, want);
    }
    regfree(&mine);
    regfree(&plain);
  }
  freelocale(c_utf8);
}

static bool matches(const char *pattern, const char *text) {
  regex_t re;
  char err[256];
  assert_int_equal(model_regex_compile(&re, pattern, err, sizeof err), 0);
  bool m = model_regex_match(&re, text);
  regfree(&re);
  return m;
}

/* ^ and $ are the start and end of the text, line breaks or not (POSIX
 * without REG_NEWLINE; glibc lets a ^ reached after a line break match), and
 * a ^ must stand where nothing can come before it. */
static void anchors_are_the_start_and_end_of_the_text(void **state) {
  (void)state;
  assert_true(matches("^b", "b\na"));
  assert_false(matches("^b", "a\nb"));
  assert_string_equal(compile_error("a.*^b"),
                      "'^' can only stand at the start of the pattern or of an alternative (as in "
                      "^yes|^no): elsewhere it never matches");
  assert_string_equal(compile_error("x(^b)"), compile_error("a.*^b"));
  assert_true(matches("(^a|b)c", "ac"));
  assert_false(matches("(^a|b)c", "xac"));
  assert_true(matches("(^a|b)c", "xbc"));
  assert_true(matches("^yes|^no", "no way"));
  assert_false(matches("^yes|^no", "say no"));
  assert_true(matches("[[:alpha:]^]", "^"));
  assert_true(matches("^", ""));
  assert_true(matches("^$", ""));
  assert_false(matches("^$", "a"));
  assert_false(matches("x|^b", "a\nb"));
  assert_true(matches("a$", "b\na"));
  assert_false(matches("a$", "a\nb"));
  assert_true(matches("^a b$", "a\nb"));    /* a person's line break reads as a space */
  assert_false(matches("^a b$", "a\r\nb")); /* (answers hold no \r: the engine cleans it) */
  assert_true(matches("^a[[:space:]]+b$", "a\r\nb"));
  assert_true(matches("[$^]", "cost: $5"));
  assert_true(matches("[^a]", "ab"));
  assert_false(matches("[^a]", "aaa"));
  assert_true(matches("\\^", "x^y"));
}

/* What glibc takes seconds to search for from every start stays quick. */
static void a_long_answer_is_searched_in_one_pass(void **state) {
  (void)state;
  regex_t re;
  char err[256];
  assert_int_equal(model_regex_compile(&re, "([a-z]{1,30}[0-9]?){1,30}!", err, sizeof err), 0);
  char text[4097];
  memset(text, 'a', 4096);
  text[4096] = 0;
  assert_false(model_regex_match(&re, text));
  text[4095] = '!';
  assert_true(model_regex_match(&re, text));
  regfree(&re);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(limits_refuse_patterns_that_expand_too_far),
      cmocka_unit_test(limits_refuse_deeply_nested_repeated_groups),
      cmocka_unit_test(limits_refuse_bounded_repetitions_of_what_can_match_nothing),
      cmocka_unit_test(limits_refuse_stray_parentheses_and_back_references),
      cmocka_unit_test(anchored_search_finds_what_an_ordinary_search_finds),
      cmocka_unit_test(anchors_are_the_start_and_end_of_the_text),
      cmocka_unit_test(a_long_answer_is_searched_in_one_pass),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
