/* SPDX-License-Identifier: MIT */
/*
 * test_explore.c - the state hash of mend/test.h as the exhaustive tester
 * relies on it: two sessions that differ only in a variable nothing reads
 * (a journal-only answer, an unread number), or that is only shown by a
 * {name}, hash the same; of a text that conditions only compare with '',
 * only its emptiness counts; and a difference in a variable that a condition,
 * a value or a check reads, or in a measure, makes the hashes differ. And snapshots: a session
 * restored from one has the same future as the session it was taken from (the same views, random
 * draws and hashes), whatever it waited for, and a snapshot that is not one of this story's, or is
 * cut short, is refused.
 */
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
#include "mend/test.h"

/* Questions in order: note (unread text), shown ({shown} in a text), tested
 * (a condition reads it), copied (a set's value reads it, into copy, which
 * nothing reads), checked (a check reads it), level (an unread measure),
 * scratch (an unread int), empty (conditions only ask whether it is ''),
 * then a choice. */
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
    "<var name=\"empty\" type=\"text\"/>"
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
    "<ask var=\"empty\" kind=\"text\">Empty?</ask>"
    "<choice to=\"b\">On</choice>"
    "</node>"
    "<node id=\"b\"><text>You said {shown}.</text><text if=\"tested == 'x'\">X.</text>"
    "<text if=\"empty != ''\">You wrote: {empty}</text><text if=\"'' == empty\">Nothing.</text>"
    "<goto to=\"end\"/></node>"
    "<ending id=\"end\" title=\"End\"/>"
    "</story>";

/* The answers given in order, with `which` (0..6) answered by `alt` instead. */
static uint64_t hash_after(const mend_story *st, int which, const char *alt, size_t upto) {
  static const char *const answers[] = {"x", "x", "x", "x", "x", "5", "5", "x"};
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

static void test_text_only_shown_does_not_change_the_hash(void **state) {
  (void)state;
  mend_story *st = load();
  /* shown by a {name}: what it says changes no decision ahead */
  assert_true(hash_after(st, 1, "x", 8) == hash_after(st, 1, "y", 8));
  mend_story_free(st);
}

static void test_text_tested_only_for_empty_hashes_its_emptiness(void **state) {
  (void)state;
  mend_story *st = load();
  assert_true(hash_after(st, 7, "x", 8) == hash_after(st, 7, "something else", 8));
  assert_true(hash_after(st, 7, "x", 8) != hash_after(st, 7, "", 8));
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

/* ---- snapshots ------------------------------------------------------------- */

/* Everything at once: a scale and a text question ({name} and a check read
 * the text), a measure, a once-choice, a choice that visits() and chosen()
 * open, random draws, a goto, feedback, an ending. */
static const char snap_xml[] =
    "<story id=\"snap\" format=\"1\" start=\"hub\"><title>S</title>"
    "<var name=\"mood\" type=\"int\" min=\"0\" max=\"9\" init=\"4\" label=\"Mood\"/>"
    "<var name=\"word\" type=\"text\"/>"
    "<var name=\"score\" type=\"int\"/>"
    "<var name=\"ok\" type=\"bool\"/>"
    "<node id=\"hub\"><text>Mood {mood}, word '{word}', score {score}.</text>"
    "<choice to=\"coin\">Toss</choice>"
    "<choice to=\"talk\" once=\"true\">Talk<feedback tone=\"positive\">Good.</feedback></choice>"
    "<choice to=\"end\" if=\"visits(coin) >= 3 and chosen(toss) >= 0\">Leave</choice>"
    "<choice to=\"hub\" id=\"toss\" if=\"visits(hub) % 2 == 0\">Wait {mood}"
    "<set var=\"mood\" value=\"mood - 1\"/></choice></node>"
    "<node id=\"coin\"><random><goto to=\"heads\" weight=\"2\"/><goto to=\"tails\"/>"
    "<goto to=\"edge\" if=\"mood > 6\"/></random></node>"
    "<node id=\"heads\"><text>Heads.</text><set var=\"mood\" value=\"mood + 1\"/>"
    "<goto to=\"hub\"/></node>"
    "<node id=\"tails\"><text>Tails.</text><ask var=\"ok\" kind=\"yesno\">Fine?</ask>"
    "<choice to=\"hub\">Back<feedback tone=\"caution\" if=\"not ok\">Hm.</feedback></choice></node>"
    "<node id=\"edge\"><text>Edge.</text><goto to=\"hub\"/></node>"
    "<node id=\"talk\"><ask var=\"mood\" kind=\"scale\" min=\"0\" max=\"9\">How?</ask>"
    "<ask var=\"word\" kind=\"text\">A word?</ask>"
    "<check var=\"word\" score=\"score\"><rule label=\"Calm\" pattern=\"calm\" weight=\"2\"/>"
    "</check><goto to=\"hub\"/></node>"
    "<ending id=\"end\" title=\"End\" tone=\"positive\"><text>Bye, {word}.</text></ending>"
    "</story>";

/* The i-th decision of a fixed script, whatever the session waits for. */
static void step(mend_session *s, unsigned i) {
  static const char *const words[] = {"calm", "storm", ""};
  switch (mend_session_pending(s)) {
  case MEND_PENDING_CHOICE:
    assert_int_equal(mend_session_choose(s, (i * 7 + 3) % mend_session_choice_count(s)), MEND_OK);
    break;
  case MEND_PENDING_AUTO: assert_int_equal(mend_session_continue(s), MEND_OK); break;
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    char buf[16];
    if (q->kind == MEND_ASK_SCALE)
      snprintf(buf, sizeof buf, "%u", i % 10);
    else
      snprintf(buf, sizeof buf, "%s",
               q->kind == MEND_ASK_YESNO ? (i % 2 ? "y" : "n") : words[i % 3]);
    assert_int_equal(mend_session_answer(s, buf), MEND_OK);
    break;
  }
  default: fail_msg("the script went on past the end");
  }
}

static void *snapshot_of(const mend_session *s, size_t *len) {
  *len = mend_session_snapshot(s, NULL, 0);
  void *buf = malloc(*len);
  assert_int_equal(mend_session_snapshot(s, buf, *len), *len);
  return buf;
}

/* A dump without the lines a restored session does not have: the summary's
 * answers (they start empty) and, unless `items`, the paragraphs and
 * feedback of the step that led there. */
static char *dump_kept(const mend_session *s, bool items) {
  char *d = dump(s), *w = d;
  for (const char *line = d; *line;) {
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
    if (strncmp(line, "answer ", 7) && (items || strncmp(line, "item ", 5))) {
      memmove(w, line, n);
      w += n;
    }
    line += n;
  }
  *w = 0;
  return d;
}

static void assert_same_view(const mend_session *a, const mend_session *b, bool items) {
  char *da = dump_kept(a, items), *db = dump_kept(b, items);
  assert_string_equal(da, db);
  free(da);
  free(db);
  assert_true(mend_session_state_hash(a) == mend_session_state_hash(b));
  assert_int_equal(mend_session_decisions(a), mend_session_decisions(b));
}

static void test_a_restored_snapshot_has_the_same_future(void **state) {
  (void)state;
  mend_story *st = load_ok(snap_xml);
  unsigned kinds = 0; /* what the snapshots were taken at: bit per pending kind */
  for (uint64_t seed = 0; seed < 12; seed++) {
    mend_session *s = mend_session_new(st, seed);
    mend_session_set_recording(s, false);
    for (unsigned at = 0; at < 40 && mend_session_pending(s) != MEND_PENDING_END; at++) {
      kinds |= 1u << mend_session_pending(s);
      size_t len;
      void *snap = snapshot_of(s, &len);
      mend_session *r = mend_session_new(st, seed + 100); /* another seed: the snapshot's counts */
      mend_session_set_recording(r, false);
      assert_int_equal(mend_session_restore_snapshot(r, snap, len), MEND_OK);
      assert_int_equal(mend_session_item_count(r), 0);
      assert_int_equal(mend_session_pending(r), mend_session_pending(s));
      assert_string_equal(mend_session_node(r), mend_session_node(s));
      assert_true(mend_session_state_hash(r) == mend_session_state_hash(s));
      assert_int_equal(mend_session_seed(r), mend_session_seed(s));
      assert_same_view(s, r, false);
      /* the future, step by step, in a copy of s */
      mend_session *c = mend_session_clone(s);
      for (unsigned k = at; k < at + 30 && mend_session_pending(c) != MEND_PENDING_END; k++) {
        step(c, k);
        step(r, k);
        assert_same_view(c, r, true);
      }
      const mend_summary *sc = mend_session_summary(c), *sr = mend_session_summary(r);
      assert_int_equal(sc->measures[0].start, sr->measures[0].start);
      assert_int_equal(sc->measures[0].final, sr->measures[0].final);
      for (int t = 0; t < MEND_TONE_COUNT; t++)
        assert_int_equal(sc->feedback[t], sr->feedback[t]);
      mend_session_free(c);
      mend_session_free(r);
      free(snap);
      step(s, at);
    }
    mend_session_free(s);
  }
  /* the script went through every kind of wait */
  assert_int_equal(kinds, (1u << MEND_PENDING_ASK) | (1u << MEND_PENDING_CHOICE) |
                              (1u << MEND_PENDING_AUTO));
  mend_story_free(st);
}

/* A division by zero behind the first choice, an ending behind the second. */
static const char div_xml[] =
    "<story id=\"d\" format=\"1\" start=\"a\"><title>D</title>"
    "<var name=\"z\" type=\"int\"/>"
    "<node id=\"a\"><choice to=\"a\">Divide<set var=\"z\" value=\"1 / z\"/></choice>"
    "<choice to=\"fine\">Fine</choice></node>"
    "<ending id=\"fine\" title=\"Fine\"><text>Fine.</text></ending></story>";

static void test_a_snapshot_restores_an_ending_and_an_error(void **state) {
  (void)state;
  mend_story *st = load_ok(div_xml);
  mend_session *s = mend_session_new(st, 3);
  mend_session_set_recording(s, false);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ERROR);
  size_t len;
  void *snap = snapshot_of(s, &len);
  mend_session *r = mend_session_new(st, 3);
  mend_session_set_recording(r, false);
  assert_int_equal(mend_session_restore_snapshot(r, snap, len), MEND_OK);
  assert_int_equal(mend_session_pending(r), MEND_PENDING_ERROR);
  assert_string_equal(mend_session_error(r), mend_session_error(s));
  free(snap);
  mend_session_reset(s, 3);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  snap = snapshot_of(s, &len);
  assert_int_equal(mend_session_restore_snapshot(r, snap, len), MEND_OK);
  assert_same_view(s, r, false);
  assert_string_equal(mend_session_summary(r)->ending_id, "fine");
  free(snap);
  mend_session_free(r);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_a_snapshot_is_refused_when_cut_short_or_foreign(void **state) {
  (void)state;
  mend_story *st = load_ok(snap_xml), *other = load_ok(snap_xml);
  mend_session *s = mend_session_new(st, 5);
  mend_session_set_recording(s, false);
  for (unsigned i = 0; i < 6; i++)
    step(s, i);
  size_t len;
  unsigned char *snap = snapshot_of(s, &len);
  mend_session *r = mend_session_new(st, 9);
  mend_session_set_recording(r, false);
  char *before = dump(r);
  uint64_t hash = mend_session_state_hash(r);
  for (size_t n = 0; n < len; n++) /* every shorter length: refused, nothing changed */
    assert_int_equal(mend_session_restore_snapshot(r, snap, n), MEND_E_STATE);
  char *after = dump(r);
  assert_string_equal(before, after);
  assert_true(mend_session_state_hash(r) == hash);
  free(before);
  free(after);
  /* a session of another loaded story, even from the same text */
  mend_session *o = mend_session_new(other, 9);
  mend_session_set_recording(o, false);
  assert_int_equal(mend_session_restore_snapshot(o, snap, len), MEND_E_STATE);
  /* a session that records its decisions: the snapshot has none to give it */
  mend_session *rec = mend_session_new(st, 9);
  assert_int_equal(mend_session_restore_snapshot(rec, snap, len), MEND_E_STATE);
  mend_session_free(rec);
  mend_session_free(o);
  mend_session_free(r);
  mend_session_free(s);
  free(snap);
  mend_story_free(other);
  mend_story_free(st);
}

/* A story of many nodes that no condition counts: its snapshots are the size
 * of a two-node story's. */
/* Without rendering, a session goes exactly where one with rendering goes,
 * waits for the same things and has the same state, with empty texts. */
static void test_without_rendering_only_the_texts_are_empty(void **state) {
  (void)state;
  mend_story *st = load_ok(snap_xml);
  mend_session *a = mend_session_new(st, 7), *b = mend_session_new(st, 7);
  mend_session_set_rendering(b, false);
  mend_session_reset(b, 7); /* from the start, without */
  bool texts = false;
  for (unsigned i = 0; i < 60 && mend_session_pending(a) != MEND_PENDING_END; i++) {
    assert_int_equal(mend_session_pending(a), mend_session_pending(b));
    assert_string_equal(mend_session_node(a), mend_session_node(b));
    assert_true(mend_session_state_hash(a) == mend_session_state_hash(b));
    assert_int_equal(mend_session_item_count(a), mend_session_item_count(b));
    for (size_t k = 0; k < mend_session_item_count(b); k++) {
      assert_int_equal(mend_session_item(a, k)->kind, mend_session_item(b, k)->kind);
      assert_string_equal(mend_session_item(b, k)->text.text, "");
      texts |= mend_session_item(a, k)->text.length > 0;
    }
    assert_int_equal(mend_session_choice_count(a), mend_session_choice_count(b));
    for (size_t k = 0; k < mend_session_choice_count(b); k++)
      assert_string_equal(mend_session_choice(b, k)->label.text, "");
    step(a, i);
    step(b, i);
  }
  assert_true(texts); /* the one with rendering did show texts */
  mend_session_free(a);
  mend_session_free(b);
  mend_story_free(st);
}

static void test_a_snapshot_does_not_grow_with_the_story(void **state) {
  (void)state;
  size_t sizes[2];
  for (int big = 0; big < 2; big++) {
    size_t n = big ? 2000 : 2;
    size_t cap = 200 + 80 * n, len = 0;
    char *xml = malloc(cap);
    len += (size_t)snprintf(xml + len, cap - len,
                            "<story id=\"g\" format=\"1\" start=\"n0\"><title>G</title>"
                            "<var name=\"v\" type=\"int\"/>");
    for (size_t i = 0; i + 1 < n; i++)
      len += (size_t)snprintf(xml + len, cap - len,
                              "<node id=\"n%zu\"><choice to=\"n%zu\">On {v}</choice></node>", i,
                              i + 1);
    snprintf(xml + len, cap - len, "<ending id=\"n%zu\" title=\"E\"/></story>", n - 1);
    mend_story *st = load_ok(xml);
    mend_session *s = mend_session_new(st, 1);
    sizes[big] = mend_session_snapshot(s, NULL, 0);
    mend_session_free(s);
    mend_story_free(st);
    free(xml);
  }
  assert_int_equal(sizes[0], sizes[1]);
  assert_true(sizes[0] < 256);
}

/* A number read by a condition of node b only: the sessions that answered it
 * differently are two states up to b, and one after it, as nothing ahead
 * reads it; with a way back to b, they stay two. */
static const char ahead_xml[] =
    "<story id=\"h\" format=\"1\" start=\"a\"><title>H</title>"
    "<var name=\"n\" type=\"int\" min=\"0\" max=\"10\"/>"
    "<node id=\"a\"><ask var=\"n\" kind=\"scale\">N?</ask><choice to=\"b\">On</choice></node>"
    "<node id=\"b\"><text if=\"n &gt; 5\">High.</text><choice to=\"c\">Next</choice></node>"
    "<node id=\"c\"><text>Later.</text><choice to=\"e\">Done</choice>%s</node>"
    "<ending id=\"e\" title=\"E\"/></story>";

static void hashes_ahead(const char *back, bool prepare, bool same_at_c) {
  char xml[1024];
  snprintf(xml, sizeof xml, ahead_xml, back);
  mend_story *st = load_ok(xml);
  if (prepare) {
    mend_story_prepare_exploration(st);
    mend_story_prepare_exploration(st); /* (once is enough; twice changes nothing) */
  }
  mend_session *s[2];
  for (int i = 0; i < 2; i++) {
    s[i] = mend_session_new(st, 1);
    assert_int_equal(mend_session_answer(s[i], i ? "7" : "3"), MEND_OK);
  }
  assert_true(mend_session_state_hash(s[0]) != mend_session_state_hash(s[1]));
  for (int i = 0; i < 2; i++)
    assert_int_equal(mend_session_choose(s[i], 0), MEND_OK); /* at b: n is read here */
  assert_true(mend_session_state_hash(s[0]) != mend_session_state_hash(s[1]));
  for (int i = 0; i < 2; i++)
    assert_int_equal(mend_session_choose(s[i], 0), MEND_OK); /* at c */
  assert_int_equal(mend_session_state_hash(s[0]) == mend_session_state_hash(s[1]), same_at_c);
  for (int i = 0; i < 2; i++)
    mend_session_free(s[i]);
  mend_story_free(st);
}

static void test_a_variable_nothing_ahead_reads_does_not_change_the_hash(void **state) {
  (void)state;
  hashes_ahead("", true, true);
  hashes_ahead("<choice to=\"b\">Again</choice>", true, false);
  /* before mend_story_prepare_exploration, everything counts */
  hashes_ahead("", false, false);
  mend_story_prepare_exploration(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_unread_text_answer_does_not_change_the_hash),
      cmocka_unit_test(test_unread_int_does_not_change_the_hash),
      cmocka_unit_test(test_text_only_shown_does_not_change_the_hash),
      cmocka_unit_test(test_text_tested_only_for_empty_hashes_its_emptiness),
      cmocka_unit_test(test_text_read_by_a_condition_changes_the_hash),
      cmocka_unit_test(test_text_read_by_a_value_changes_the_hash),
      cmocka_unit_test(test_text_read_by_a_check_changes_the_hash),
      cmocka_unit_test(test_a_measure_changes_the_hash_even_unread),
      cmocka_unit_test(test_where_the_session_waits_changes_the_hash),
      cmocka_unit_test(test_a_variable_nothing_ahead_reads_does_not_change_the_hash),
      cmocka_unit_test(test_a_clone_hashes_like_its_original_and_goes_its_own_way),
      cmocka_unit_test(test_a_restored_snapshot_has_the_same_future),
      cmocka_unit_test(test_a_snapshot_restores_an_ending_and_an_error),
      cmocka_unit_test(test_a_snapshot_is_refused_when_cut_short_or_foreign),
      cmocka_unit_test(test_a_snapshot_does_not_grow_with_the_story),
      cmocka_unit_test(test_without_rendering_only_the_texts_are_empty),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
