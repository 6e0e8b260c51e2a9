/* SPDX-License-Identifier: MIT */
/*
 * test_save.c - saving and restoring sessions: a restored session shows the
 * same view and makes the same random draws as the one saved; damaged,
 * foreign and outdated saves are told apart; a save from an edited story is
 * detected and can be replayed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mem.h"
#include "mend/mend.h"
#include "helpers.h"

/* ---- helpers ------------------------------------------------------------- */

/* Everything a front end can see of a session, as text (malloc'd). */

static void assert_same_view(const mend_session *a, const mend_session *b) {
  char *da = dump(a), *db = dump(b);
  assert_string_equal(da, db);
  free(da);
  free(db);
}

/* Takes one step by a fixed rule from k. Returns false at the end. */
static bool step(mend_session *s, unsigned k) {
  char a[64];
  switch (mend_session_pending(s)) {
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    if (q->kind == MEND_ASK_SCALE)
      snprintf(a, sizeof a, "%lld",
               (long long)(q->min + (int64_t)(k % (unsigned)(q->max - q->min + 1))));
    else if (q->kind == MEND_ASK_YESNO)
      snprintf(a, sizeof a, "%s", k % 2 ? " Yes\r\n" : "n");
    else if (k % 3)
      snprintf(a, sizeof a, "note %u: a\\nb \\ \xc3\xa9\t\xf0\x9f\x99\x82", k);
    else
      a[0] = 0;
    assert_int_equal(mend_session_answer(s, a), MEND_OK);
    return true;
  }
  case MEND_PENDING_CHOICE:
    assert_int_equal(mend_session_choose(s, k % mend_session_choice_count(s)), MEND_OK);
    return true;
  case MEND_PENDING_AUTO: assert_int_equal(mend_session_continue(s), MEND_OK); return true;
  default: return false;
  }
}

static unsigned script(unsigned i) {
  return i * 7u + 3u + (i % 5u);
}

static mend_session *restore(const mend_story *st, const char *data, size_t len, unsigned flags,
                             mend_restore_status want) {
  mend_restore_status got = (mend_restore_status)99;
  mend_session *s = mend_session_restore(st, data, len, flags, &got);
  if (got != want) {
    mend_session_free(s);
    fail_msg("restore gave status %d, expected %d", got, want);
  }
  return s;
}

#define STORY(id, start) "<story id=\"" id "\" format=\"1\" start=\"" start "\"><title>S</title>"

/* Questions of every kind, choices, gotos and random draws, looping. */
static const char walk_xml[] = STORY(
    "walk",
    "hub") "<var name=\"mood\" type=\"int\" init=\"5\" min=\"0\" max=\"10\" label=\"Mood\"/>"
           "<var name=\"ok\" type=\"bool\"/>"
           "<var name=\"note\" type=\"text\"/>"
           "<var name=\"steps\" type=\"int\"/>"
           "<node id=\"hub\">"
           "<set var=\"steps\" value=\"steps + 1\"/>"
           "<text>Step {steps}, <em>mood</em> {mood}.</text>"
           "<ask var=\"mood\" kind=\"scale\" if=\"visits(hub) % 2 == 1\">Mood now?</ask>"
           "<choice to=\"coin\">Flip a coin</choice>"
           "<choice to=\"write\" id=\"w\" if=\"steps > 1\">Write"
           "<feedback tone=\"positive\">Good idea.</feedback></choice>"
           "<choice to=\"end\" if=\"steps > 6\">Stop</choice>"
           "</node>"
           "<node id=\"coin\"><random><goto to=\"heads\" weight=\"2\"/><goto to=\"tails\"/>"
           "<goto to=\"edge\" weight=\"2\" if=\"steps > 2\"/></random></node>"
           "<node id=\"heads\"><text>Heads.</text><set var=\"mood\" value=\"mood + 1\"/>"
           "<goto to=\"hub\"/></node>"
           "<node id=\"tails\"><text>Tails.</text><ask var=\"ok\" kind=\"yesno\">Fine?</ask>"
           "<choice to=\"hub\">Back<feedback tone=\"caution\" if=\"not ok\">Hm.</feedback>"
           "</choice></node>"
           "<node id=\"edge\"><text>On its edge.</text><set var=\"mood\" value=\"mood - 2\"/>"
           "<goto to=\"hub\"/></node>"
           "<node id=\"write\"><ask var=\"note\" kind=\"text\">Note?</ask>"
           "<text>You wrote: {note}</text>"
           "<random><goto to=\"hub\"/><goto to=\"end\" if=\"steps > 3\"/></random></node>"
           "<ending id=\"end\" title=\"End\" tone=\"positive\"><text>Done after {steps}.</text>"
           "</ending></story>";

/* A small story to edit: a scale, then a choice. */
static const char small_xml[] =
    STORY("small", "a") "<var name=\"n\" type=\"int\" min=\"0\" max=\"10\"/>"
                        "<node id=\"a\"><text>Hello.</text>"
                        "<ask var=\"n\" kind=\"scale\">How much?</ask>"
                        "<choice to=\"b\">left</choice><choice to=\"c\">right</choice></node>"
                        "<node id=\"b\"><text>Left {n}.</text><goto to=\"e\"/></node>"
                        "<node id=\"c\"><text>Right {n}.</text><goto to=\"e\"/></node>"
                        "<ending id=\"e\" title=\"E\"/></story>";

/* small_xml with `from` replaced by `to` (malloc'd). */
static char *edit(const char *xml, const char *from, const char *to) {
  const char *at = strstr(xml, from);
  assert_non_null(at);
  size_t n = strlen(xml) - strlen(from) + strlen(to);
  char *out = malloc(n + 1);
  assert_non_null(out);
  size_t k = (size_t)(at - xml);
  memcpy(out, xml, k);
  strcpy(out + k, to);
  strcat(out, at + strlen(from));
  return out;
}

/* A save built by hand, with a correct checksum (malloc'd). */
static char *forge(const char *body, size_t *len) {
  uint64_t h = mem_hash(MEM_HASH_INIT, body, strlen(body));
  size_t n = strlen(body) + 32;
  char *out = malloc(n);
  assert_non_null(out);
  snprintf(out, n, "%ssum %016llx\n", body, (unsigned long long)h);
  *len = strlen(out);
  return out;
}

/* ---- round trips ---------------------------------------------------------- */

static void test_round_trip_at_every_point_gives_same_view_and_future(void **state) {
  (void)state;
  mend_story *st = load_ok(walk_xml);
  for (uint64_t seed = 1; seed <= 6; seed++) {
    for (unsigned cut = 0;; cut++) {
      assert_true(cut < 70); /* the script reaches the end */
      /* play to the cut, save and restore there */
      mend_session *a = mend_session_new(st, seed * 1000003u);
      for (unsigned i = 0; i < cut; i++)
        assert_true(step(a, script(i)));
      char *data;
      size_t len;
      assert_int_equal(mend_session_save(a, &data, &len), MEND_OK);
      assert_int_equal(strlen(data), len);
      mend_session *b = restore(st, data, len, 0, MEND_RESTORED);
      assert_same_view(a, b);
      /* the restored session saves to the same bytes */
      char *again;
      size_t alen;
      assert_int_equal(mend_session_save(b, &again, &alen), MEND_OK);
      assert_int_equal(alen, len);
      assert_memory_equal(again, data, len);
      mend_free(again);
      mend_free(data);
      /* and goes on exactly as the original does, random draws included */
      bool at_end = mend_session_pending(a) == MEND_PENDING_END;
      for (unsigned j = cut; j < cut + 40; j++) {
        bool more = step(a, script(j));
        assert_int_equal(step(b, script(j)), more);
        assert_same_view(a, b);
        if (!more) break;
      }
      mend_session_free(a);
      mend_session_free(b);
      if (at_end) break;
    }
  }
  mend_story_free(st);
}

static void test_round_trip_keeps_random_draws_after_restore(void **state) {
  (void)state;
  /* only random draws decide where this goes: a restored session must draw
   * the same sequence as the original from the point of the save */
  mend_story *st = load_ok(STORY(
      "dice", "roll") "<var name=\"last\" type=\"int\"/>"
                      "<node id=\"roll\"><choice to=\"dice\">Roll</choice></node>"
                      "<node id=\"dice\"><random><goto to=\"f1\"/><goto to=\"f2\"/>"
                      "<goto to=\"f3\"/><goto to=\"f4\"/></random></node>"
                      "<node id=\"f1\"><set var=\"last\" value=\"1\"/><goto to=\"roll\"/></node>"
                      "<node id=\"f2\"><set var=\"last\" value=\"2\"/><goto to=\"roll\"/></node>"
                      "<node id=\"f3\"><set var=\"last\" value=\"3\"/><goto to=\"roll\"/></node>"
                      "<node id=\"f4\"><set var=\"last\" value=\"4\"/><goto to=\"roll\"/></node>"
                      "</story>");
  int varied = 0;
  for (uint64_t seed = 1; seed <= 20; seed++) {
    mend_session *a = mend_session_new(st, seed);
    for (int i = 0; i < 3; i++) {
      assert_int_equal(mend_session_choose(a, 0), MEND_OK);
      assert_int_equal(mend_session_continue(a), MEND_OK);
      assert_int_equal(mend_session_continue(a), MEND_OK);
    }
    char *data;
    size_t len;
    assert_int_equal(mend_session_save(a, &data, &len), MEND_OK);
    mend_session *b = restore(st, data, len, 0, MEND_RESTORED);
    mend_free(data);
    int64_t first = -1;
    for (int i = 0; i < 8; i++) {
      assert_int_equal(mend_session_choose(a, 0), MEND_OK);
      assert_int_equal(mend_session_choose(b, 0), MEND_OK);
      assert_int_equal(mend_session_continue(a), MEND_OK);
      assert_int_equal(mend_session_continue(b), MEND_OK);
      assert_string_equal(mend_session_node(a), mend_session_node(b));
      assert_int_equal(mend_session_continue(a), MEND_OK);
      assert_int_equal(mend_session_continue(b), MEND_OK);
      assert_int_equal(mend_session_int(a, "last"), mend_session_int(b, "last"));
      if (first < 0) first = mend_session_int(a, "last");
      varied += mend_session_int(a, "last") != first;
    }
    mend_session_free(a);
    mend_session_free(b);
  }
  assert_true(varied > 0);
  mend_story_free(st);
}

static void test_text_answers_with_escapes_and_unicode_survive(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("txt", "a") "<var name=\"t\" type=\"text\"/>"
                                             "<var name=\"u\" type=\"text\"/>"
                                             "<var name=\"n\" type=\"int\" min=\"0\" max=\"9\"/>"
                                             "<var name=\"b\" type=\"bool\"/>"
                                             "<node id=\"a\">"
                                             "<ask var=\"t\" kind=\"text\">t?</ask>"
                                             "<ask var=\"u\" kind=\"text\">u?</ask>"
                                             "<ask var=\"n\" kind=\"scale\">n?</ask>"
                                             "<ask var=\"b\" kind=\"yesno\">b?</ask>"
                                             "<text>{t} / {u} / {n} / {b}</text>"
                                             "<choice to=\"a\">again</choice></node></story>");
  static const char t[] = "C:\\new\\table \\n \\\\ \\t tab:\there \xc3\xbcn\xc3\xaf"
                          "c\xc3\xb6"
                          "d\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x99\x82";
  mend_session *a = mend_session_new(st, 42);
  assert_int_equal(mend_session_answer(a, t), MEND_OK);
  /* surrounding space and line ends are trimmed from a text answer */
  assert_int_equal(mend_session_answer(a, "\r\n  ends with a backslash\\\n"), MEND_OK);
  /* scale and yes/no answers are recorded as typed, line ends and all */
  assert_int_equal(mend_session_answer(a, " 7\r\n"), MEND_OK);
  assert_int_equal(mend_session_answer(a, "\tYES\n"), MEND_OK);
  assert_string_equal(mend_session_text(a, "t"), t);
  assert_string_equal(mend_session_text(a, "u"), "ends with a backslash\\");
  char *data;
  size_t len;
  assert_int_equal(mend_session_save(a, &data, &len), MEND_OK);
  /* one line per header field, per entry and for the sum: no raw line breaks
   * inside an answer */
  size_t lines = 0;
  for (size_t i = 0; i < len; i++)
    lines += data[i] == '\n';
  assert_int_equal(lines, 5 + 4 + 1);
  assert_null(memchr(data, '\r', len));
  mend_session *b = restore(st, data, len, 0, MEND_RESTORED);
  mend_free(data);
  assert_same_view(a, b);
  assert_string_equal(mend_session_text(b, "t"), t);
  assert_string_equal(mend_session_text(b, "u"), "ends with a backslash\\");
  assert_int_equal(mend_session_int(b, "n"), 7);
  assert_int_equal(mend_session_int(b, "b"), 1);
  assert_int_equal(mend_session_decisions(b), 4);
  mend_session_free(a);
  mend_session_free(b);
  mend_story_free(st);
}

static void test_round_trip_of_a_session_stopped_by_a_story_error(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("err", "a") "<var name=\"z\" type=\"int\"/>"
                                             "<node id=\"a\"><choice to=\"b\">go</choice></node>"
                                             "<node id=\"b\"><goto to=\"a\" if=\"1 / z > 0\"/>"
                                             "<goto to=\"a\"/></node></story>");
  mend_session *a = mend_session_new(st, 3);
  assert_int_equal(mend_session_choose(a, 0), MEND_OK);
  assert_int_equal(mend_session_pending(a), MEND_PENDING_ERROR);
  char *data;
  size_t len;
  assert_int_equal(mend_session_save(a, &data, &len), MEND_OK);
  mend_session *b = restore(st, data, len, 0, MEND_RESTORED);
  mend_free(data);
  assert_same_view(a, b);
  assert_string_equal(mend_session_error(b),
                      "t.xml:1: error: division by zero while evaluating \"1 / z > 0\"");
  mend_session_free(a);
  mend_session_free(b);
  mend_story_free(st);
}

/* ---- damaged saves -------------------------------------------------------- */

/* A save of small_xml after "4" and "right". */
static char *small_save(const mend_story *st, size_t *len) {
  mend_session *s = mend_session_new(st, 77);
  assert_int_equal(mend_session_answer(s, "4"), MEND_OK);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  char *data;
  assert_int_equal(mend_session_save(s, &data, len), MEND_OK);
  mend_session_free(s);
  return data;
}

static void test_truncated_save_is_corrupt(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  size_t len;
  char *data = small_save(st, &len);
  for (size_t n = 0; n < len; n++) {
    char *cut = malloc(n + 1);
    assert_non_null(cut);
    memcpy(cut, data, n);
    mend_restore_status rs = (mend_restore_status)99;
    mend_session *s = mend_session_restore(st, cut, n, 0, &rs);
    if (rs != MEND_R_CORRUPT || s)
      fail_msg("the save cut to %zu of %zu bytes gave status %d", n, len, rs);
    assert_false(mend_save_peek(cut, n, NULL, NULL));
    free(cut);
  }
  mend_session *s = restore(st, data, len, 0, MEND_RESTORED);
  assert_string_equal(mend_session_node(s), "c");
  assert_string_equal(mend_session_item(s, 0)->text.text, "Right 4.");
  mend_session_free(s);
  mend_free(data);
  mend_story_free(st);
}

static void test_one_flipped_byte_is_corrupt(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  size_t len;
  char *data = small_save(st, &len);
  static const unsigned char masks[] = {0x01, 0x02, 0x20, 0x80};
  for (size_t i = 0; i < len; i++) {
    for (size_t m = 0; m < sizeof masks; m++) {
      char *bad = malloc(len);
      assert_non_null(bad);
      memcpy(bad, data, len);
      bad[i] = (char)(bad[i] ^ masks[m]);
      /* flipping the version digit into another digit names another version
       * (2 and 3 are known ones: then the sum finds the damage) */
      mend_restore_status want =
          i == 10 && bad[i] >= '0' && bad[i] <= '9' && bad[i] != '2' && bad[i] != '3'
              ? MEND_R_VERSION
              : MEND_R_CORRUPT;
      mend_restore_status rs = (mend_restore_status)99;
      mend_session *s = mend_session_restore(st, bad, len, MEND_RESTORE_REPLAY, &rs);
      if (rs != want || s)
        fail_msg("flipping byte %zu ('%c') with 0x%02x gave status %d, expected %d", i, data[i],
                 masks[m], rs, want);
      assert_false(mend_save_peek(bad, len, NULL, NULL));
      free(bad);
    }
  }
  mend_free(data);
  mend_story_free(st);
}

static void test_wrong_magic_is_corrupt(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  size_t len;
  char *data = small_save(st, &len);
  assert_memory_equal(data, "mend-save 1\n", 12);
  static const char *const wrong[] = {"mend-savf 1\n", "Mend-save 1\n", "xmend-save 1",
                                      "\xef\xbb\xbfmend-save 1\n"};
  for (size_t k = 0; k < sizeof wrong / sizeof wrong[0]; k++) {
    size_t n = strlen(wrong[k]);
    char *bad = malloc(len + n);
    assert_non_null(bad);
    memcpy(bad, wrong[k], n);
    memcpy(bad + n, data + 12, len - 12);
    size_t blen = n + len - 12;
    restore(st, bad, blen, 0, MEND_R_CORRUPT);
    free(bad);
  }
  restore(st, "", 0, 0, MEND_R_CORRUPT);
  restore(st, "hello\n", 6, 0, MEND_R_CORRUPT);
  restore(st, "mend-save \n", 11, 0, MEND_R_CORRUPT);
  mend_free(data);
  mend_story_free(st);
}

static void test_another_version_header_is_version_error(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  size_t len;
  char *data = small_save(st, &len);
  static const char *const other[] = {"mend-save 4\n", "mend-save 0\n", "mend-save 10\n"};
  for (size_t k = 0; k < sizeof other / sizeof other[0]; k++) {
    size_t n = strlen(other[k]);
    char *v = malloc(len + n);
    assert_non_null(v);
    memcpy(v, other[k], n);
    memcpy(v + n, data + 12, len - 12);
    restore(st, v, n + len - 12, 0, MEND_R_VERSION);
    restore(st, v, n + len - 12, MEND_RESTORE_REPLAY, MEND_R_VERSION);
    assert_false(mend_save_peek(v, n + len - 12, NULL, NULL));
    free(v);
  }
  mend_free(data);
  mend_story_free(st);
}

static void test_save_of_another_story_is_refused(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  char *other_xml = edit(small_xml, "id=\"small\"", "id=\"other\"");
  mend_story *other = load_ok(other_xml);
  size_t len;
  char *data = small_save(st, &len);
  restore(other, data, len, 0, MEND_R_OTHER_STORY);
  restore(other, data, len, MEND_RESTORE_REPLAY, MEND_R_OTHER_STORY);
  mend_free(data);
  free(other_xml);
  mend_story_free(other);
  mend_story_free(st);
}

static void test_decisions_that_do_not_fit_an_unchanged_story_are_corrupt(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  char body[256];
  snprintf(body, sizeof body,
           "mend-save 1\nstory small\nhash %016llx\nseed 5\ndecisions 2\na 4\nc 7\n",
           (unsigned long long)mend_story_hash(st));
  size_t len;
  char *data = forge(body, &len);
  restore(st, data, len, 0, MEND_R_CORRUPT);
  free(data);
  /* the same by hand with a choice that exists restores */
  snprintf(body, sizeof body,
           "mend-save 1\nstory small\nhash %016llx\nseed 5\ndecisions 3\na 4\nc 1\nn\n",
           (unsigned long long)mend_story_hash(st));
  data = forge(body, &len);
  mend_session *s = restore(st, data, len, 0, MEND_RESTORED);
  assert_string_equal(mend_session_node(s), "e");
  assert_int_equal(mend_session_int(s, "n"), 4);
  assert_int_equal(mend_session_decisions(s), 2);
  assert_int_equal(mend_session_seed(s), 5);
  mend_session_free(s);
  free(data);
  mend_story_free(st);
}

/* ---- edited stories -------------------------------------------------------- */

static void test_edited_story_is_detected_and_replayed_when_decisions_fit(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  char *edited_xml = edit(small_xml, "Right {n}.", "Right, {n} it is.");
  mend_story *edited = load_ok(edited_xml);
  assert_true(mend_story_hash(st) != mend_story_hash(edited));
  size_t len;
  char *data = small_save(st, &len);
  restore(edited, data, len, 0, MEND_R_STORY_CHANGED);
  mend_session *s = restore(edited, data, len, MEND_RESTORE_REPLAY, MEND_RESTORED);
  /* the same decisions taken by hand on the edited story */
  mend_session *want = mend_session_new(edited, 77);
  assert_int_equal(mend_session_answer(want, "4"), MEND_OK);
  assert_int_equal(mend_session_choose(want, 1), MEND_OK);
  assert_same_view(s, want);
  assert_string_equal(mend_session_item(s, 0)->text.text, "Right, 4 it is.");
  mend_session_free(want);
  mend_session_free(s);
  /* the unchanged story restores without the flag, and with it */
  s = restore(st, data, len, MEND_RESTORE_REPLAY, MEND_RESTORED);
  assert_string_equal(mend_session_item(s, 0)->text.text, "Right 4.");
  mend_session_free(s);
  mend_free(data);
  free(edited_xml);
  mend_story_free(edited);
  mend_story_free(st);
}

static void test_edited_story_replay_diverges_where_decisions_stop_fitting(void **state) {
  (void)state;
  mend_story *st = load_ok(small_xml);
  size_t len;
  char *data = small_save(st, &len);

  /* the second choice is gone: the answer fits, the choice does not */
  char *no_right = edit(small_xml, "<choice to=\"c\">right</choice>", "");
  mend_story *e1 = load_ok(no_right);
  restore(e1, data, len, 0, MEND_R_STORY_CHANGED);
  mend_session *s = restore(e1, data, len, MEND_RESTORE_REPLAY, MEND_R_DIVERGED);
  assert_non_null(s);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_string_equal(mend_session_node(s), "a");
  assert_int_equal(mend_session_decisions(s), 1);
  assert_int_equal(mend_session_int(s, "n"), 4);
  assert_int_equal(mend_session_choice_count(s), 1);
  mend_session_free(s);

  /* the scale no longer reaches 4: the first answer does not fit */
  char *narrow = edit(small_xml, "kind=\"scale\">", "kind=\"scale\" min=\"5\">");
  mend_story *e2 = load_ok(narrow);
  s = restore(e2, data, len, MEND_RESTORE_REPLAY, MEND_R_DIVERGED);
  assert_non_null(s);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_int_equal(mend_session_decisions(s), 0);
  assert_int_equal(mend_session_question(s)->min, 5);
  assert_int_equal(mend_session_int(s, "n"), 0);
  mend_session_free(s);

  free(no_right);
  free(narrow);
  mend_free(data);
  mend_story_free(e1);
  mend_story_free(e2);
  mend_story_free(st);
}

/* ---- peek ---------------------------------------------------------------- */

static void test_peek_returns_story_id_and_decision_count(void **state) {
  (void)state;
  mend_story *st = load_ok(walk_xml);
  mend_session *s = mend_session_new(st, 9);
  for (unsigned i = 0; i < 25 && step(s, script(i)); i++) {
  }
  char *data;
  size_t len;
  assert_int_equal(mend_session_save(s, &data, &len), MEND_OK);
  char *id = NULL;
  size_t n = 12345;
  assert_true(mend_save_peek(data, len, &id, &n));
  assert_string_equal(id, "walk");
  assert_int_equal(n, mend_session_decisions(s));
  assert_true(n > 5);
  mend_free(id);
  /* either output may be left out */
  assert_true(mend_save_peek(data, len, NULL, &n));
  assert_true(mend_save_peek(data, len, NULL, NULL));
  id = NULL;
  data[len - 2] = data[len - 2] == '0' ? '1' : '0'; /* the checksum no longer fits */
  assert_false(mend_save_peek(data, len, &id, &n));
  assert_null(id);
  mend_free(data);
  mend_session_free(s);

  /* a fresh session: no decisions */
  s = mend_session_new(st, 9);
  assert_int_equal(mend_session_save(s, &data, &len), MEND_OK);
  assert_true(mend_save_peek(data, len, &id, &n));
  assert_string_equal(id, "walk");
  assert_int_equal(n, 0);
  mend_free(id);
  mend_free(data);
  mend_session_free(s);
  mend_story_free(st);
}

static const char reorder_v1[] =
    STORY("reorder", "a") "<node id=\"a\"><choice to=\"left\" id=\"go_left\">Left</choice>"
                          "<choice to=\"right\" id=\"go_right\">Right</choice></node>"
                          "<ending id=\"left\" title=\"L\"/><ending id=\"right\" title=\"R\"/>"
                          "</story>";
static const char reorder_v2[] =
    STORY("reorder", "a") "<node id=\"a\"><choice to=\"right\" id=\"go_right\">Right</choice>"
                          "<choice to=\"left\" id=\"go_left\">Left</choice></node>"
                          "<ending id=\"left\" title=\"L\"/><ending id=\"right\" title=\"R\"/>"
                          "</story>";

static void test_replay_on_an_edited_story_finds_choices_by_id_not_position(void **state) {
  (void)state;
  mend_story *v1 = load_ok(reorder_v1), *v2 = load_ok(reorder_v2);
  mend_session *s = mend_session_new(v1, 1);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK); /* Right */
  assert_string_equal(mend_session_summary(s)->ending_id, "right");
  char *data;
  size_t len;
  assert_int_equal(mend_session_save(s, &data, &len), MEND_OK);
  mend_restore_status st;
  mend_session *r = mend_session_restore(v2, data, len, MEND_RESTORE_REPLAY, &st);
  assert_int_equal(st, MEND_RESTORED);
  assert_non_null(r);
  assert_string_equal(mend_session_summary(r)->ending_id, "right"); /* not the first choice */
  mend_session_free(r);
  mend_session_free(s);
  mend_free(data);
  mend_story_free(v1);
  mend_story_free(v2);
}

/* A save made before answers could hold line breaks (mend at commit 7111024,
 * tests/fixtures/saves/) restores to where it was, its answers as they were. */
static void test_save_from_before_multiline_answers_restores(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load("tests/fixtures/saves/draft.xml", d);
  assert_non_null(st);
  size_t len;
  char *data = slurp("tests/fixtures/saves/draft-0.1.save", &len);
  mend_restore_status rs;
  mend_session *s = mend_session_restore(st, data, len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO); /* after the draft's notes */
  assert_string_equal(mend_session_node(s), "write");
  assert_int_equal(mend_session_decisions(s), 3);
  assert_string_equal(mend_session_text(s, "hope"), "I hope it ends well\\ with\tcare");
  assert_string_equal(mend_session_text(s, "draft"), "Thank you for the years. goodbye");
  /* and it saves again to the same bytes: the format did not change */
  char *again;
  size_t again_len;
  assert_int_equal(mend_session_save(s, &again, &again_len), MEND_OK);
  assert_int_equal(again_len, len);
  assert_memory_equal(again, data, len);
  /* a draft of several lines goes on one line of the save, and comes back */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_int_equal(mend_session_answer(s, "Dear Sam,\r\n\r\nthank you.\\\nBye\x1b[A"), MEND_OK);
  mend_free(again);
  assert_int_equal(mend_session_save(s, &again, &again_len), MEND_OK);
  assert_non_null(strstr(again, "\na Dear Sam,\\n\\nthank you.\\\\\\nBye\n"));
  mend_session *r = mend_session_restore(st, again, again_len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  assert_string_equal(mend_session_text(r, "draft"), "Dear Sam,\n\nthank you.\\\nBye");
  assert_same_view(s, r);
  mend_session_free(r);
  mend_free(again);
  free(data);
  mend_session_free(s);
  mend_story_free(st);
  mend_diags_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip_at_every_point_gives_same_view_and_future),
      cmocka_unit_test(test_round_trip_keeps_random_draws_after_restore),
      cmocka_unit_test(test_text_answers_with_escapes_and_unicode_survive),
      cmocka_unit_test(test_save_from_before_multiline_answers_restores),
      cmocka_unit_test(test_round_trip_of_a_session_stopped_by_a_story_error),
      cmocka_unit_test(test_truncated_save_is_corrupt),
      cmocka_unit_test(test_one_flipped_byte_is_corrupt),
      cmocka_unit_test(test_wrong_magic_is_corrupt),
      cmocka_unit_test(test_another_version_header_is_version_error),
      cmocka_unit_test(test_save_of_another_story_is_refused),
      cmocka_unit_test(test_decisions_that_do_not_fit_an_unchanged_story_are_corrupt),
      cmocka_unit_test(test_edited_story_is_detected_and_replayed_when_decisions_fit),
      cmocka_unit_test(test_edited_story_replay_diverges_where_decisions_stop_fitting),
      cmocka_unit_test(test_peek_returns_story_id_and_decision_count),
      cmocka_unit_test(test_replay_on_an_edited_story_finds_choices_by_id_not_position),
  };
  return cmocka_run_group_tests_name("save", tests, NULL, NULL);
}
