/*
 * test_explore.c - the state hash of mend/test.h as the exhaustive tester
 * relies on it: two sessions that differ only in a variable nothing reads
 * (a journal-only answer, an unread number) hash the same, and a difference
 * in a variable that a {name}, a condition, a value or a check reads, or in a
 * measure, makes the hashes differ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mend/mend.h"
#include "mend/test.h"

/* Questions in order: note (unread text), shown ({shown} in a text), tested
 * (a condition reads it), copied (a set's value reads it, into copy, which
 * nothing reads), checked (a check reads it), level (an unread measure),
 * scratch (an unread int), then a choice. */
static const char story_xml[] =
    "<story id=\"s\" format=\"1\" start=\"a\"><title>S</title>"
    "<var name=\"note\" type=\"text\"/>"
    "<var name=\"shown\" type=\"text\"/>"
    "<var name=\"tested\" type=\"text\"/>"
    "<var name=\"copied\" type=\"text\"/>"
    "<var name=\"copy\" type=\"text\"/>"
    "<var name=\"checked\" type=\"text\"/>"
    "<var name=\"level\" type=\"int\" min=\"0\" max=\"10\" label=\"Level\"/>"
    "<var name=\"scratch\" type=\"int\" min=\"0\" max=\"10\"/>"
    "<node id=\"a\">"
    "<ask var=\"note\" kind=\"text\">Note?</ask>"
    "<ask var=\"shown\" kind=\"text\">Shown?</ask>"
    "<ask var=\"tested\" kind=\"text\">Tested?</ask>"
    "<ask var=\"copied\" kind=\"text\">Copied?</ask>"
    "<set var=\"copy\" value=\"copied\"/>"
    "<ask var=\"checked\" kind=\"text\">Checked?</ask>"
    "<check var=\"checked\"><rule label=\"r\" pattern=\"x\"/></check>"
    "<ask var=\"level\" kind=\"scale\">Level?</ask>"
    "<ask var=\"scratch\" kind=\"scale\">Scratch?</ask>"
    "<choice to=\"b\">On</choice>"
    "</node>"
    "<node id=\"b\"><text>You said {shown}.</text><text if=\"tested == 'x'\">X.</text>"
    "<goto to=\"end\"/></node>"
    "<ending id=\"end\" title=\"End\"/>"
    "</story>";

/* The answers given in order, with `which` (0..6) answered by `alt` instead. */
static uint64_t hash_after(const mend_story *st, int which, const char *alt, size_t upto) {
  static const char *const answers[] = {"x", "x", "x", "x", "x", "5", "5"};
  mend_session *s = mend_session_new(st, 1);
  for (size_t i = 0; i < upto; i++) {
    assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
    assert_int_equal(mend_session_answer(s, (int)i == which ? alt : answers[i]), MEND_OK);
  }
  uint64_t h = mend_session_state_hash(s);
  mend_session_free(s);
  return h;
}

static mend_story *load(void) {
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_memory(story_xml, strlen(story_xml), "t.xml", NULL, d);
  mend_diags_free(d);
  assert_non_null(st);
  return st;
}

static void test_unread_text_answer_does_not_change_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 0, "x", 7) == hash_after(st, 0, "something else", 7));
  /* skipping it (the variable stays empty) is the same state too */
  assert_true(hash_after(st, 0, "x", 7) == hash_after(st, 0, "", 7));
  mend_story_free(st);
}

static void test_unread_int_does_not_change_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 6, "5", 7) == hash_after(st, 6, "9", 7));
  mend_story_free(st);
}

static void test_text_read_by_interpolation_changes_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 1, "x", 7) != hash_after(st, 1, "y", 7));
  mend_story_free(st);
}

static void test_text_read_by_a_condition_changes_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 2, "x", 7) != hash_after(st, 2, "y", 7));
  mend_story_free(st);
}

static void test_text_read_by_a_value_changes_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 3, "x", 7) != hash_after(st, 3, "y", 7));
  mend_story_free(st);
}

static void test_text_read_by_a_check_changes_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 4, "x", 5) != hash_after(st, 4, "y", 5));
  mend_story_free(st);
}

static void test_a_measure_changes_the_hash_even_unread(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 5, "5", 7) != hash_after(st, 5, "6", 7));
  mend_story_free(st);
}

static void test_where_the_session_waits_changes_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  /* the start, and one question further on (the answer went into the unread note) */
  assert_true(hash_after(st, -1, NULL, 0) != hash_after(st, -1, NULL, 1));
  mend_story_free(st);
}

static void test_a_clone_hashes_like_its_original_and_goes_its_own_way(void **state) {
  (void)state;
  mend_story *st = load();
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "x"), MEND_OK);
  mend_session *c = mend_session_clone(s);
  assert_true(mend_session_state_hash(s) == mend_session_state_hash(c));
  assert_int_equal(mend_session_answer(c, "y"), MEND_OK);
  assert_string_equal(mend_session_text(c, "shown"), "y");
  assert_string_equal(mend_session_text(s, "shown"), "");
  assert_true(mend_session_state_hash(s) != mend_session_state_hash(c));
  mend_session_free(c);
  mend_session_free(s);
  mend_story_free(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_unread_text_answer_does_not_change_the_hash),
      cmocka_unit_test(test_unread_int_does_not_change_the_hash),
      cmocka_unit_test(test_text_read_by_interpolation_changes_the_hash),
      cmocka_unit_test(test_text_read_by_a_condition_changes_the_hash),
      cmocka_unit_test(test_text_read_by_a_value_changes_the_hash),
      cmocka_unit_test(test_text_read_by_a_check_changes_the_hash),
      cmocka_unit_test(test_a_measure_changes_the_hash_even_unread),
      cmocka_unit_test(test_where_the_session_waits_changes_the_hash),
      cmocka_unit_test(test_a_clone_hashes_like_its_original_and_goes_its_own_way),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
