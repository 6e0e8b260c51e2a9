/* SPDX-License-Identifier: MIT */
/*
 * test_session.c - the session step machine, step by step as the contract's
 * "What happens when a node is entered" describes it: visits, content in
 * document order, conditions, questions and their answers, choices, once,
 * feedback, gotos, random draws, run-time errors, clamping, rubrics, endings
 * and their summary, determinism, and undo.
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
#include "helpers.h"

/* ---- helpers ------------------------------------------------------------- */

/* Loads a story from memory as "t.xml"; fails the test with the diagnostics
 * when it does not load. */

#define STORY(start) "<story id=\"s\" format=\"1\" start=\"" start "\"><title>S</title>"

static char tone_mark(mend_tone t) {
  return "=+!-"[t];
}

/* The items of the view in one line: "P:text | F+:text | R+label:text". */
static const char *items(const mend_session *s) {
  static char buf[8192];
  size_t n = 0;
  buf[0] = 0;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    assert_int_equal(strlen(it->text.text), it->text.length);
    const char *sep = i ? " | " : "";
    if (it->kind == MEND_ITEM_PARAGRAPH)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%sP:%s", sep, it->text.text);
    else if (it->kind == MEND_ITEM_FEEDBACK)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%sF%c:%s", sep, tone_mark(it->tone),
                            it->text.text);
    else if (it->kind == MEND_ITEM_CONTACT)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%sC", sep);
    else
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%sR%c%s:%s", sep, it->met ? '+' : '-',
                            it->rule_label, it->text.text);
    assert_true(n < sizeof buf);
  }
  return buf;
}

/* The labels of the offered choices, "a | b". */
static const char *choices(const mend_session *s) {
  static char buf[4096];
  size_t n = 0;
  buf[0] = 0;
  for (size_t i = 0; i < mend_session_choice_count(s); i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " | " : "",
                          mend_session_choice(s, i)->label.text);
  return buf;
}

/* Everything a front end can see of a session, as text (malloc'd). */

/* Takes one step by a fixed rule from k: answers, chooses or continues.
 * Returns false when the session waits for nothing (end or error). */
static bool step(mend_session *s, unsigned k) {
  char a[64];
  switch (mend_session_pending(s)) {
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    if (q->kind == MEND_ASK_SCALE)
      snprintf(a, sizeof a, "%lld",
               (long long)(q->min + (int64_t)(k % (unsigned)(q->max - q->min + 1))));
    else if (q->kind == MEND_ASK_YESNO)
      snprintf(a, sizeof a, "%s", k % 2 ? "yes" : "n");
    else if (k % 3)
      snprintf(a, sizeof a, "note %u, sorry \\ \xc3\xa9", k);
    else
      a[0] = 0; /* skipped */
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

/* A story that loops through questions of every kind, choices, gotos and
 * random draws before it ends. */
static const char walk_xml[] = STORY(
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
           "</random></node>"
           "<node id=\"heads\"><text>Heads.</text><set var=\"mood\" value=\"mood + 1\"/>"
           "<goto to=\"hub\"/></node>"
           "<node id=\"tails\"><text>Tails.</text><ask var=\"ok\" kind=\"yesno\">Fine?</ask>"
           "<choice to=\"hub\">Back<feedback tone=\"caution\" if=\"not ok\">Hm.</feedback>"
           "</choice></node>"
           "<node id=\"write\"><ask var=\"note\" kind=\"text\">Note?<example>e</example></ask>"
           "<text>You wrote: {note}</text>"
           "<random><goto to=\"hub\"/><goto to=\"end\" if=\"steps > 3\"/></random></node>"
           "<ending id=\"end\" title=\"End\" tone=\"positive\"><text>Done after {steps}.</text>"
           "</ending></story>";

/* ---- 1. visits ------------------------------------------------------------- */

static void test_visit_count_rises_on_entry_before_content_runs(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("loop") "<var name=\"n\" type=\"int\"/>"
                            "<node id=\"loop\">"
                            "<text if=\"visits(loop) == 1\">first visit</text>"
                            "<text if=\"visits(loop) == 2\">second visit</text>"
                            "<set var=\"n\" value=\"visits(loop)\"/>"
                            "<text>n={n}</text>"
                            "<choice to=\"loop\">again</choice>"
                            "<choice to=\"end\">stop</choice></node>"
                            "<ending id=\"end\" title=\"End\">"
                            "<set var=\"n\" value=\"visits(end) * 10 + visits(loop)\"/>"
                            "</ending></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(items(s), "P:first visit | P:n=1");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:second visit | P:n=2");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:n=3");
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  assert_int_equal(mend_session_int(s, "n"), 13);
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 2. content in document order, conditions ------------------------------ */

static void test_content_runs_in_document_order(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"n\" type=\"int\" init=\"7\"/>"
                                      "<var name=\"t\" type=\"text\" init=\"old\"/>"
                                      "<node id=\"a\">"
                                      "<text>n={n} t={t}</text>"
                                      "<set var=\"n\" value=\"1\"/><set var=\"t\" value=\"'mid'\"/>"
                                      "<text>n={n} t={t}</text>"
                                      "<set var=\"n\" value=\"n + 1\"/>"
                                      "<text>n={n}</text>"
                                      "<goto to=\"a\"/></node></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(items(s), "P:n=7 t=old | P:n=1 t=mid | P:n=2");
  assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_if_on_text_set_ask_and_check_skips_them(void **state) {
  (void)state;
  /* in node a every condition is false, in node b every one is true */
  mend_story *st =
      load_ok(STORY("a") "<var name=\"n\" type=\"int\" init=\"5\"/>"
                         "<var name=\"t\" type=\"text\" init=\"sorry\"/>"
                         "<var name=\"score\" type=\"int\" init=\"7\"/>"
                         "<var name=\"ans\" type=\"int\" init=\"3\" min=\"0\" max=\"10\"/>"
                         "<node id=\"a\">"
                         "<text if=\"n != 5\">hidden</text>"
                         "<set var=\"n\" value=\"99\" if=\"n > 100\"/>"
                         "<ask var=\"ans\" kind=\"scale\" if=\"n == 0\">never</ask>"
                         "<check var=\"t\" score=\"score\" if=\"false\">"
                         "<rule label=\"r\" pattern=\"sorry\"><met>yes</met></rule></check>"
                         "<text>a: {n} {score} {ans}</text>"
                         "<choice to=\"b\">on</choice></node>"
                         "<node id=\"b\">"
                         "<text if=\"n == 5\">shown</text>"
                         "<set var=\"n\" value=\"99\" if=\"n &lt; 100\"/>"
                         "<ask var=\"ans\" kind=\"scale\" if=\"n == 99\">asked</ask>"
                         "<check var=\"t\" score=\"score\" if=\"true\">"
                         "<rule label=\"r\" pattern=\"sorry\"><met>yes</met></rule></check>"
                         "<text>b: {n} {score} {ans}</text>"
                         "<goto to=\"a\"/></node></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_string_equal(items(s), "P:a: 5 7 3");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_string_equal(mend_session_question(s)->prompt.text, "asked");
  assert_string_equal(items(s), "P:shown");
  assert_int_equal(mend_session_answer(s, "9"), MEND_OK);
  assert_string_equal(items(s), "R+r:yes | P:b: 99 1 9");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_ask_pauses_mid_node_and_rest_runs_after_answer(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"u\" type=\"int\"/>"
                         "<var name=\"k\" type=\"int\"/>"
                         "<var name=\"ok\" type=\"bool\"/>"
                         "<node id=\"a\">"
                         "<text>before</text>"
                         "<ask var=\"u\" kind=\"scale\" min=\"0\" max=\"10\">How much?</ask>"
                         "<text>after {u}</text>"
                         "<set var=\"k\" value=\"u * 2\"/>"
                         "<ask var=\"ok\" kind=\"yesno\">Sure, {u}?</ask>"
                         "<text>k={k} ok={ok}</text>"
                         "<choice to=\"e\">go</choice></node>"
                         "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_string_equal(mend_session_node(s), "a");
  assert_string_equal(items(s), "P:before");
  assert_string_equal(mend_session_question(s)->prompt.text, "How much?");
  assert_int_equal(mend_session_choice_count(s), 0);
  assert_int_equal(mend_session_int(s, "k"), 0);
  assert_int_equal(mend_session_answer(s, "4"), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_string_equal(items(s), "P:after 4");
  assert_string_equal(mend_session_question(s)->prompt.text, "Sure, 4?");
  assert_int_equal(mend_session_int(s, "k"), 8);
  assert_int_equal(mend_session_answer(s, "no"), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_string_equal(items(s), "P:k=8 ok=no");
  assert_null(mend_session_question(s));
  assert_string_equal(choices(s), "go");
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 3. choices ---------------------------------------------------------------- */

static void test_choices_offered_only_when_their_if_holds(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"x\" type=\"int\"/>"
                         "<node id=\"a\">"
                         "<choice to=\"a\" if=\"x == 0\">zero<set var=\"x\" value=\"1\"/>"
                         "</choice>"
                         "<choice to=\"a\" if=\"x == 1\">one<set var=\"x\" value=\"2\"/>"
                         "</choice>"
                         "<choice to=\"e\">always</choice>"
                         "<choice to=\"e\" if=\"x > 1\">two or more</choice>"
                         "</node><ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(choices(s), "zero | always");
  assert_int_equal(mend_session_choice(s, 1)->index, 2);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(choices(s), "one | always");
  assert_int_equal(mend_session_choice(s, 0)->index, 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(choices(s), "always | two or more");
  assert_int_equal(mend_session_choice(s, 1)->index, 3);
  assert_int_equal(mend_session_choose(s, 2), MEND_E_RANGE);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_string_equal(mend_session_node(s), "e");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_once_choice_hidden_after_taken_even_if_its_if_holds(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"n\" type=\"int\"/>"
                         "<node id=\"a\">"
                         "<set var=\"n\" value=\"chosen(o)\"/>"
                         "<text>taken {n}</text>"
                         "<choice to=\"a\" id=\"o\" once=\"true\" if=\"true\">Once</choice>"
                         "<choice to=\"a\" id=\"r\">Repeat</choice>"
                         "<choice to=\"e\">End</choice>"
                         "</node><ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(choices(s), "Once | Repeat | End");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:taken 1");
  assert_string_equal(choices(s), "Repeat | End");
  assert_int_equal(mend_session_choice(s, 0)->index, 1);
  assert_string_equal(mend_session_choice(s, 0)->id, "r");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(choices(s), "Repeat | End");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_choice_sets_run_before_feedback_conditions(void **state) {
  (void)state;
  /* the set stands after the feedbacks in the document, and still runs first */
  mend_story *st =
      load_ok(STORY("a") "<var name=\"x\" type=\"int\"/>"
                         "<node id=\"a\">"
                         "<choice to=\"b\">Take"
                         "<feedback tone=\"positive\" if=\"x == 1\">after set {x}</feedback>"
                         "<feedback tone=\"negative\" if=\"x == 0\">before set</feedback>"
                         "<set var=\"x\" value=\"x + 1\"/>"
                         "</choice></node>"
                         "<node id=\"b\"><text>in b, x={x}</text><goto to=\"a\"/></node>"
                         "</story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "F+:after set 1 | P:in b, x=1");
  mend_session_free(s);
  mend_story_free(st);
}

/* <contact/>: an item with no text, where it stands, when its if holds, in a
 * node, an ending or a choice (with the choice's sets, before its feedback). */
static void test_contact_is_an_item_where_it_stands_when_its_if_holds(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"x\" type=\"int\"/>"
                                      "<node id=\"a\"><text>One.</text><contact if=\"x == 1\"/>"
                                      "<text>Two.</text>"
                                      "<choice to=\"a\">Again<set var=\"x\" value=\"1\"/>"
                                      "<contact/><feedback>Sent.</feedback></choice>"
                                      "<choice to=\"e\">Stop</choice></node>"
                                      "<ending id=\"e\" title=\"E\"><contact/></ending></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(items(s), "P:One. | P:Two.");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "C | F=:Sent. | P:One. | C | P:Two.");
  assert_int_equal(mend_session_item(s, 0)->text.length, 0);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_string_equal(items(s), "C");
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  mend_session_free(s);
  mend_story_free(st);

  mend_diags *d = mend_diags_new();
  const char *xml = STORY("a") "\n<node id=\"a\"><contact for=\"ex\"/>\n"
                               "<contact>Texted</contact><goto to=\"a\"/></node></story>";
  assert_null(mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d));
  assert_int_equal(mend_diags_errors(d), 2);
  char *m = mend_diag_format(mend_diags_at(d, 1));
  assert_string_equal(m, "t.xml:3:1: error: <contact> is empty: it takes if=\"...\" only; mend "
                         "says what it records [E-content]");
  mend_free(m);
  mend_diags_free(d);
}

/* <title if> belongs to an ending, with its condition and words; in a node
 * it is not known. */
static void test_an_ending_title_needs_a_condition_and_words(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  const char *xml =
      STORY("a") "\n<node id=\"a\"><title if=\"true\">X</title><goto to=\"e\"/></node>"
                 "\n<ending id=\"e\" title=\"E\"><title>Y</title>"
                 "\n<title if=\"true\"> </title><title if=\"nope\">Z</title>"
                 "\n<title if=\"true\">W<em>!</em></title></ending></story>";
  assert_null(mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d));
  static const char *const want[] = {
      "t.xml:2:14: error: <title> is not allowed in <node>",
      "t.xml:3:26: error: <title> in ending 'e' needs if=\"...\": without a condition, write the "
      "title in the ending's title=\"...\" [E-missing]",
      "t.xml:4:1: error: <title> is empty: an ending's title needs words [E-empty]",
      "t.xml:4:38: error: if=\"nope\": unknown variable 'nope' [E-unknown-var]",
      "t.xml:5:19: error: <em> is not allowed inside <title>: it holds plain text [E-element]",
  };
  assert_int_equal(mend_diags_errors(d), sizeof want / sizeof *want);
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    char *m = mend_diag_format(mend_diags_at(d, i));
    if (strncmp(m, want[i], strlen(want[i]))) fail_msg("%zu: %s", i, m);
    mend_free(m);
  }
  mend_diags_free(d);
}

/* checkins="false": an ending whose summary shows no check-ins (their words
 * would not fit it, "Ready to restart with them" after a death); the
 * answers are still there. Another ending, and a session taken back from
 * it, show them. A value other than true or false is an error. */
static void test_an_ending_can_leave_the_check_ins_out_of_its_summary(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"u\" type=\"int\" min=\"0\" max=\"10\" "
                         "label=\"Ready\"/>"
                         "<node id=\"a\"><ask var=\"u\" kind=\"scale\">U?</ask>"
                         "<choice to=\"e\">E</choice><choice to=\"f\">F</choice>"
                         "<choice to=\"g\">G</choice></node>"
                         "<ending id=\"e\" title=\"E\" checkins=\"false\"/>"
                         "<ending id=\"f\" title=\"F\" checkins=\"true\"/>"
                         "<ending id=\"g\" title=\"G\" checkins=\"u &lt; 5\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "6"), MEND_OK);
  assert_false(mend_session_summary(s)->checkins_hidden);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  const mend_summary *sum = mend_session_summary(s);
  assert_string_equal(sum->ending_id, "e");
  assert_true(sum->checkins_hidden);
  assert_int_equal(sum->nmeasures, 1);
  assert_int_equal(sum->nanswers, 1);
  /* back from it, and to the other ending: shown */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_false(mend_session_summary(s)->checkins_hidden);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_false(mend_session_summary(s)->checkins_hidden);
  /* a condition, read when the ending is over: 6 is not below 5 */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_int_equal(mend_session_choose(s, 2), MEND_OK);
  assert_true(mend_session_summary(s)->checkins_hidden);
  mend_session_free(s);
  mend_story_free(st);

  mend_diags *d = mend_diags_new();
  const char *xml = STORY("a") "<node id=\"a\"><goto to=\"e\"/></node>"
                               "<ending id=\"e\" title=\"E\" checkins=\"no\"/></story>";
  assert_null(mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d));
  assert_int_equal(mend_diags_errors(d), 1);
  mend_diags_free(d);
}

static void test_feedback_shown_in_order_with_tone_and_counted_per_tone(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<node id=\"a\">"
                                      "<choice to=\"b\">Go"
                                      "<feedback tone=\"caution\">careful</feedback>"
                                      "<feedback tone=\"positive\">good</feedback>"
                                      "<feedback if=\"false\">hidden</feedback>"
                                      "<feedback>plain</feedback>"
                                      "</choice></node>"
                                      "<node id=\"b\"><text>b</text>"
                                      "<choice to=\"e\">End"
                                      "<feedback tone=\"negative\">ouch</feedback>"
                                      "<feedback tone=\"positive\">but ok</feedback>"
                                      "</choice></node>"
                                      "<ending id=\"e\" title=\"E\"><text>bye</text></ending>"
                                      "</story>");
  mend_session *s = mend_session_new(st, 1);
  const mend_summary *sum = mend_session_summary(s);
  assert_int_equal(sum->feedback[MEND_TONE_POSITIVE], 0);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "F!:careful | F+:good | F=:plain | P:b");
  assert_int_equal(mend_session_item(s, 0)->kind, MEND_ITEM_FEEDBACK);
  assert_int_equal(mend_session_item(s, 0)->tone, MEND_TONE_CAUTION);
  sum = mend_session_summary(s);
  assert_int_equal(sum->feedback[MEND_TONE_NEUTRAL], 1);
  assert_int_equal(sum->feedback[MEND_TONE_POSITIVE], 1);
  assert_int_equal(sum->feedback[MEND_TONE_CAUTION], 1);
  assert_int_equal(sum->feedback[MEND_TONE_NEGATIVE], 0);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "F-:ouch | F+:but ok | P:bye");
  sum = mend_session_summary(s);
  assert_int_equal(sum->feedback[MEND_TONE_NEUTRAL], 1);
  assert_int_equal(sum->feedback[MEND_TONE_POSITIVE], 2);
  assert_int_equal(sum->feedback[MEND_TONE_CAUTION], 1);
  assert_int_equal(sum->feedback[MEND_TONE_NEGATIVE], 1);
  assert_string_equal(mend_tone_name(MEND_TONE_CAUTION), "caution");
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 4. gotos and random ------------------------------------------------------------ */

static void test_fallback_goto_first_whose_if_holds_when_no_choice_offered(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"x\" type=\"int\" init=\"3\"/>"
                                      "<node id=\"a\"><text>in a</text>"
                                      "<choice to=\"big\" if=\"x > 100\">never</choice>"
                                      "<goto to=\"big\" if=\"x > 5\"/>"
                                      "<goto to=\"mid\" if=\"x > 1\"/>"
                                      "<goto to=\"low\"/></node>"
                                      "<ending id=\"big\" title=\"Big\"/>"
                                      "<node id=\"mid\"><text>in mid</text>"
                                      "<set var=\"x\" value=\"0\"/><goto to=\"a\"/></node>"
                                      "<ending id=\"low\" title=\"Low\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO);
  assert_string_equal(mend_session_node(s), "a");
  assert_string_equal(items(s), "P:in a");
  assert_int_equal(mend_session_choice_count(s), 0);
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_string_equal(mend_session_node(s), "mid");
  assert_string_equal(items(s), "P:in mid");
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_string_equal(mend_session_node(s), "a");
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_string_equal(mend_session_node(s), "low");
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  assert_int_equal(mend_session_continue(s), MEND_E_STATE);
  assert_int_equal(mend_session_decisions(s), 0);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_random_draws_only_among_branches_whose_if_holds(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"x\" type=\"int\"/>"
                         "<node id=\"a\"><random>"
                         "<goto to=\"no1\" weight=\"1000\" if=\"x == 1\"/>"
                         "<goto to=\"yes\"/>"
                         "<goto to=\"no2\" weight=\"1000\" if=\"false\"/>"
                         "</random></node>"
                         "<ending id=\"no1\" title=\"N\"/><ending id=\"yes\" title=\"Y\"/>"
                         "<ending id=\"no2\" title=\"N\"/></story>");
  mend_session *s = mend_session_new(st, 0);
  for (uint64_t seed = 0; seed < 300; seed++) {
    mend_session_reset(s, seed);
    assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO);
    assert_int_equal(mend_session_continue(s), MEND_OK);
    assert_string_equal(mend_session_node(s), "yes");
  }
  mend_session_free(s);
  mend_story_free(st);
}

static const char coin_xml[] = STORY("a") "<node id=\"a\"><random>"
                                          "<goto to=\"often\" weight=\"3\"/>"
                                          "<goto to=\"rarely\"/>"
                                          "</random></node>"
                                          "<ending id=\"often\" title=\"O\"/>"
                                          "<ending id=\"rarely\" title=\"R\"/></story>";

static void test_random_weights_3_to_1_over_10000_seeds(void **state) {
  (void)state;
  mend_story *st = load_ok(coin_xml);
  mend_session *s = mend_session_new(st, 0);
  int often = 0, rarely = 0;
  for (uint64_t seed = 0; seed < 10000; seed++) {
    mend_session_reset(s, seed);
    assert_int_equal(mend_session_continue(s), MEND_OK);
    if (!strcmp(mend_session_node(s), "often"))
      often++;
    else if (!strcmp(mend_session_node(s), "rarely"))
      rarely++;
  }
  assert_int_equal(often + rarely, 10000);
  /* expected 7500, standard deviation about 43: allow 7 of them */
  assert_in_range(often, 7200, 7800);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_random_same_seed_gives_same_branch(void **state) {
  (void)state;
  mend_story *st = load_ok(coin_xml);
  int rarely = 0;
  for (uint64_t seed = 0; seed < 200; seed++) {
    mend_session *a = mend_session_new(st, seed * 0x9e3779b97f4a7c15ull);
    mend_session *b = mend_session_new(st, seed * 0x9e3779b97f4a7c15ull);
    assert_int_equal(mend_session_continue(a), MEND_OK);
    assert_int_equal(mend_session_continue(b), MEND_OK);
    assert_string_equal(mend_session_node(a), mend_session_node(b));
    assert_true(mend_session_seed(a) == seed * 0x9e3779b97f4a7c15ull);
    rarely += !strcmp(mend_session_node(a), "rarely");
    /* a reset with the same seed draws the same branch again */
    mend_session_reset(b, mend_session_seed(a));
    assert_int_equal(mend_session_continue(b), MEND_OK);
    assert_string_equal(mend_session_node(a), mend_session_node(b));
    mend_session_free(a);
    mend_session_free(b);
  }
  assert_in_range(rarely, 1, 199); /* both branches were drawn */
  mend_story_free(st);
}

/* ---- 5. run-time errors ------------------------------------------------------------ */

static void test_dead_end_at_run_time_is_error_with_file_and_line(void **state) {
  (void)state;
  mend_story *st = load_ok("<story id=\"d\" format=\"1\" start=\"a\"><title>D</title>\n"
                           "<var name=\"x\" type=\"int\"/>\n"
                           "<node id=\"a\"><choice to=\"stuck\">go</choice>"
                           "<choice to=\"dice\">roll</choice></node>\n"
                           "<node id=\"stuck\">\n"
                           "  <text>here</text>\n"
                           "  <choice to=\"e\" if=\"x == 1\">never</choice>\n"
                           "  <goto to=\"e\" if=\"x == 1\"/>\n"
                           "</node>\n"
                           "<node id=\"dice\"><random><goto to=\"e\" if=\"x > 0\"/></random>\n"
                           "</node>\n"
                           "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ERROR);
  assert_string_equal(mend_session_error(s), "t.xml:4: error: dead end: node 'stuck' offers no "
                                             "choice, and no goto or random branch applies");
  assert_string_equal(mend_session_node(s), "stuck");
  assert_string_equal(items(s), "P:here");
  assert_int_equal(mend_session_continue(s), MEND_E_STATE);
  assert_int_equal(mend_session_choose(s, 0), MEND_E_STATE);
  assert_int_equal(mend_session_answer(s, "x"), MEND_E_STATE);

  mend_session_reset(s, 1);
  assert_null(mend_session_error(s));
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ERROR);
  assert_string_equal(mend_session_error(s), "t.xml:9: error: dead end: node 'dice' offers no "
                                             "choice, and no goto or random branch applies");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_overflow_at_run_time_is_error_with_file_and_line(void **state) {
  (void)state;
  mend_story *st = load_ok("<story id=\"o\" format=\"1\" start=\"a\"><title>O</title>\n"
                           "<var name=\"big\" type=\"int\" init=\"9223372036854775807\"/>\n"
                           "<var name=\"low\" type=\"int\" init=\"-9223372036854775808\"/>\n"
                           "<var name=\"n\" type=\"int\"/>\n"
                           "<node id=\"a\">\n"
                           "  <choice to=\"s\">set</choice>\n"
                           "  <choice to=\"c\">cond</choice>\n"
                           "  <choice to=\"a\">in choice\n"
                           "    <set var=\"n\" value=\"low - 1\"/></choice>\n"
                           "  <choice to=\"a\">neg\n"
                           "    <set var=\"n\" value=\"-low\"/></choice>\n"
                           "</node>\n"
                           "<node id=\"s\"><text>before</text>\n"
                           "  <set var=\"n\" value=\"big + 1\"/>\n"
                           "  <text>after</text><goto to=\"a\"/></node>\n"
                           "<node id=\"c\">\n"
                           "  <text if=\"big * 2 > 0\">never</text><goto to=\"a\"/></node>\n"
                           "</story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ERROR);
  assert_string_equal(mend_session_error(s),
                      "t.xml:14: error: integer overflow while evaluating \"big + 1\"");
  assert_string_equal(items(s), "P:before");
  assert_int_equal(mend_session_int(s, "n"), 0);

  mend_session_reset(s, 1);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_string_equal(mend_session_error(s),
                      "t.xml:17: error: integer overflow while evaluating \"big * 2 > 0\"");

  mend_session_reset(s, 1);
  assert_int_equal(mend_session_choose(s, 2), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ERROR);
  assert_string_equal(mend_session_error(s),
                      "t.xml:9: error: integer overflow while evaluating \"low - 1\"");

  mend_session_reset(s, 1);
  assert_int_equal(mend_session_choose(s, 3), MEND_OK);
  assert_string_equal(mend_session_error(s),
                      "t.xml:11: error: integer overflow while evaluating \"-low\"");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_division_by_zero_at_run_time_is_error_with_file_and_line(void **state) {
  (void)state;
  mend_story *st = load_ok("<story id=\"z\" format=\"1\" start=\"a\"><title>Z</title>\n"
                           "<var name=\"z\" type=\"int\"/>\n"
                           "<var name=\"n\" type=\"int\"/>\n"
                           "<node id=\"a\">\n"
                           "  <choice to=\"d\">div</choice>\n"
                           "  <choice to=\"m\">mod</choice>\n"
                           "</node>\n"
                           "<node id=\"d\"><goto to=\"a\" if=\"10 / z == 1\"/>\n"
                           "  <goto to=\"a\"/></node>\n"
                           "<node id=\"m\">\n"
                           "  <set var=\"n\" value=\"7 % z\"/><goto to=\"a\"/></node>\n"
                           "</story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ERROR);
  assert_string_equal(mend_session_error(s),
                      "t.xml:8: error: division by zero while evaluating \"10 / z == 1\"");
  mend_session_reset(s, 1);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_string_equal(mend_session_error(s),
                      "t.xml:11: error: division by zero while evaluating \"7 % z\"");
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 6. clamping ------------------------------------------------------------------------ */

/* (a scale wider than its variable's range is refused at load: E-scale-range,
 * so an answer is never clamped) */
static void test_assignments_clamped_on_set_and_check_score(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"v\" type=\"int\" min=\"0\" max=\"10\" init=\"5\"/>"
                         "<var name=\"q\" type=\"int\" min=\"0\" max=\"2\"/>"
                         "<var name=\"t\" type=\"text\"/>"
                         "<node id=\"a\">"
                         "<set var=\"v\" value=\"25\"/><text>set high {v}</text>"
                         "<set var=\"v\" value=\"-3\"/><text>set low {v}</text>"
                         "<ask var=\"t\" kind=\"text\">write</ask>"
                         "<check var=\"t\" score=\"q\">"
                         "<rule label=\"a\" pattern=\"a\" weight=\"2\"/>"
                         "<rule label=\"b\" pattern=\"b\" weight=\"3\"/>"
                         "<rule label=\"c\" pattern=\"c\" weight=\"-9\"/></check>"
                         "<text>score {q}</text>"
                         "<choice to=\"a\">again</choice></node></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(items(s), "P:set high 10 | P:set low 0");
  assert_int_equal(mend_session_answer(s, "ab"), MEND_OK);
  assert_string_equal(items(s), "R+a: | R+b: | R-c: | P:score 2");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:set high 10 | P:set low 0");
  assert_int_equal(mend_session_answer(s, "c"), MEND_OK);
  assert_string_equal(items(s), "R-a: | R-b: | R+c: | P:score 0");
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 7. rubrics ---------------------------------------------------------------------------- */

static const char rubric_xml[] =
    STORY("w") "<var name=\"d\" type=\"text\" init=\"first draft\"/>"
               "<var name=\"q\" type=\"int\" init=\"42\"/>"
               "<node id=\"w\">"
               "<ask var=\"d\" kind=\"text\">Write</ask>"
               "<check var=\"d\" score=\"q\">"
               "<rule label=\"Owns\" pattern=\"sorry|my fault\" weight=\"2\">"
               "<met>M1</met><unmet>U1</unmet></rule>"
               "<rule label=\"No begging\" pattern=\"please\" absent=\"true\">"
               "<unmet>Pleading.</unmet></rule>"
               "<rule label=\"Kind\" pattern=\"thank\" weight=\"5\"><met>Thanks!</met></rule>"
               "</check>"
               "<text>score {q}, d={d}</text>"
               "<choice to=\"w\">again</choice></node></story>";

static void test_check_rules_met_unmet_absent_and_weights(void **state) {
  (void)state;
  mend_story *st = load_ok(rubric_xml);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "I am SORRY, Please"), MEND_OK);
  assert_string_equal(items(s), "R+Owns:M1 | R-No begging:Pleading. | R-Kind: | "
                                "P:score 2, d=I am SORRY, Please");
  const mend_item *it = mend_session_item(s, 0);
  assert_int_equal(it->kind, MEND_ITEM_RULE);
  assert_string_equal(it->rule_label, "Owns");
  assert_true(it->met);
  assert_int_equal(mend_session_item(s, 2)->text.length, 0);

  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "THANK you. It was My Fault."), MEND_OK);
  assert_string_equal(items(s), "R+Owns:M1 | R+Kind:Thanks! | "
                                "P:score 8, d=THANK you. It was My Fault.");
  /* the score is reset each time the check runs: 8, then 1, not 9 */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "whatever"), MEND_OK);
  assert_string_equal(items(s), "R-Owns:U1 | R-Kind: | P:score 1, d=whatever");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_skipped_text_answer_leaves_var_unchanged(void **state) {
  (void)state;
  mend_story *st = load_ok(rubric_xml);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "  \t "), MEND_OK);
  assert_string_equal(mend_session_text(s, "d"), "first draft");
  /* no notes on words the person did not write now ("✓ No begging" was
   * praise for nothing), and the score stays as the text does */
  assert_string_equal(items(s), "P:score 42, d=first draft");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "new text"), MEND_OK);
  assert_string_equal(items(s), "R-Owns:U1 | R-Kind: | P:score 1, d=new text");
  assert_string_equal(mend_session_text(s, "d"), "new text");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, ""), MEND_OK);
  assert_string_equal(mend_session_text(s, "d"), "new text");
  const mend_summary *sum = mend_session_summary(s);
  assert_int_equal(sum->nanswers, 3);
  assert_true(sum->answers[0].skipped);
  assert_string_equal(sum->answers[0].text, "");
  assert_false(sum->answers[1].skipped);
  assert_string_equal(sum->answers[1].text, "new text");
  assert_true(sum->answers[2].skipped);
  assert_int_equal(mend_session_decisions(s), 5);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_no_notes_on_nothing_written(void **state) {
  (void)state;
  static const char xml[] =
      STORY("w") "<var name=\"d\" type=\"text\"/><var name=\"q\" type=\"int\" init=\"7\"/>"
                 "<node id=\"w\">"
                 "<check var=\"d\" score=\"q\">"
                 "<rule label=\"Asks\" pattern=\"please\">"
                 "<met>Asked.</met><unmet>Not asked.</unmet></rule></check>"
                 "<text>before {q}</text>"
                 "<ask var=\"d\" kind=\"text\">Write</ask>"
                 "<check var=\"d\" score=\"q\">"
                 "<rule label=\"Asks\" pattern=\"please\">"
                 "<met>Asked.</met><unmet>Not asked.</unmet></rule></check>"
                 "<text>after {q}</text>"
                 "<choice to=\"w\">again</choice></node></story>";
  mend_story *st = load_ok(xml);
  mend_session *s = mend_session_new(st, 1);
  /* a check on a question not asked yet: no "To think about: Asks" for nothing */
  assert_string_equal(items(s), "P:before 0");
  uint64_t asked = mend_session_state_hash(s);
  assert_int_equal(mend_session_answer(s, ""), MEND_OK); /* skipped */
  assert_string_equal(items(s), "P:after 0");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "please call"), MEND_OK);
  assert_string_equal(items(s), "R+Asks:Asked. | P:after 1");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  /* the same state as the first time, but for the text kept: skipping it
   * now gives no notes on it again, and leaves its score */
  assert_int_not_equal(mend_session_state_hash(s), asked);
  assert_int_equal(mend_session_answer(s, " "), MEND_OK);
  assert_string_equal(items(s), "P:after 1");
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 8. answer parsing --------------------------------------------------------------------- */

static const char asks_xml[] =
    STORY("a") "<var name=\"n\" type=\"int\"/><var name=\"b\" type=\"bool\"/>"
               "<var name=\"t\" type=\"text\"/>"
               "<node id=\"a\">"
               "<ask var=\"n\" kind=\"scale\" min=\"-3\" max=\"10\">scale</ask>"
               "<ask var=\"b\" kind=\"yesno\">yes or no</ask>"
               "<ask var=\"t\" kind=\"text\">text</ask>"
               "<choice to=\"a\">again</choice></node></story>";

static void test_scale_answers_parsed_and_range_checked(void **state) {
  (void)state;
  mend_story *st = load_ok(asks_xml);
  mend_session *s = mend_session_new(st, 1);
  static const struct {
    const char *in;
    mend_status want;
  } cases[] = {
      {"abc", MEND_E_NOT_NUMBER},
      {"", MEND_E_NOT_NUMBER},
      {"  ", MEND_E_NOT_NUMBER},
      {"3.5", MEND_E_NOT_NUMBER},
      {"7 apples", MEND_E_NOT_NUMBER},
      {"- 3", MEND_E_NOT_NUMBER},
      {"99999999999999999999", MEND_E_NOT_NUMBER},
      {"11", MEND_E_RANGE},
      {"-4", MEND_E_RANGE},
      {"10", MEND_OK},
      {"-3", MEND_OK},
      {" +7\t", MEND_OK},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (mend_session_check_answer(s, cases[i].in) != cases[i].want)
      fail_msg("check_answer(\"%s\") = %d, want %d", cases[i].in,
               mend_session_check_answer(s, cases[i].in), cases[i].want);
  }
  assert_int_equal(mend_session_decisions(s), 0);
  assert_int_equal(mend_session_answer(s, "11"), MEND_E_RANGE);
  assert_int_equal(mend_session_answer(s, "a lot"), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_string_equal(mend_session_question(s)->prompt.text, "scale");
  assert_int_equal(mend_session_decisions(s), 0);
  assert_int_equal(mend_session_answer(s, " +7\t"), MEND_OK);
  assert_int_equal(mend_session_int(s, "n"), 7);
  assert_int_equal(mend_session_decisions(s), 1);

  int64_t v = 99;
  assert_int_equal(mend_parse_scale(" -2 ", -5, 5, &v), MEND_OK);
  assert_int_equal(v, -2);
  assert_int_equal(mend_parse_scale("6", -5, 5, &v), MEND_E_RANGE);
  assert_int_equal(mend_parse_scale("x", -5, 5, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(v, -2);
  /* "7/10", as people write a score, on a scale that ends at 10 */
  assert_int_equal(mend_parse_scale("7/10", 0, 10, &v), MEND_OK);
  assert_int_equal(v, 7);
  assert_int_equal(mend_parse_scale(" 10 / 10 ", 0, 10, &v), MEND_OK);
  assert_int_equal(v, 10);
  assert_int_equal(mend_parse_scale("11/10", 0, 10, &v), MEND_E_RANGE);
  assert_int_equal(mend_parse_scale("3/5", 0, 10, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("/10", 0, 10, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("7/", 0, 10, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("7/10/10", 0, 10, &v), MEND_E_NOT_NUMBER);
  /* a number as people write it, and not knowing */
  assert_int_equal(mend_parse_scale("Seven", 0, 10, &v), MEND_OK);
  assert_int_equal(v, 7);
  assert_int_equal(mend_parse_scale("zero.", 0, 10, &v), MEND_OK);
  assert_int_equal(v, 0);
  assert_int_equal(mend_parse_scale("ten", 0, 5, &v), MEND_E_RANGE);
  assert_int_equal(mend_parse_scale("8 out of 10", 0, 10, &v), MEND_OK);
  assert_int_equal(v, 8);
  assert_int_equal(mend_parse_scale("8 out of 5", 0, 10, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("12 out of 10", 0, 10, &v), MEND_E_RANGE);
  assert_int_equal(mend_parse_scale("eleven", 0, 20, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("idk", 0, 10, &v), MEND_E_UNSURE);
  assert_int_equal(mend_parse_scale("Not sure.", 0, 10, &v), MEND_E_UNSURE);
  assert_int_equal(mend_parse_scale("a bit", 0, 10, &v), MEND_E_UNSURE);
  /* not knowing, then more words: not a number, and said so kindly */
  assert_int_equal(mend_parse_scale("not sure at all, maybe a 7", 0, 10, &v), MEND_E_UNSURE);
  assert_int_equal(mend_parse_scale("idk its bad tonight", 0, 10, &v), MEND_E_UNSURE);
  assert_int_equal(
      mend_parse_scale("I don't know, everything hurts and nothing helps at all", 0, 10, &v),
      MEND_E_UNSURE);
  assert_int_equal(mend_parse_scale("idkwhat", 0, 10, &v), MEND_E_NOT_NUMBER);
  /* a number among words that only hedge it */
  static const struct {
    const char *in;
    mend_status want;
    int64_t v;
  } hedged[] = {{"i dunno, 4 maybe", MEND_OK, 4},
                {"like a 7", MEND_OK, 7},
                {"7ish", MEND_OK, 7},
                {"9 obviously", MEND_OK, 9}, /* (v80 WB-10) */
                {"like 7 ngl", MEND_OK, 7},  /* (v81 NC) */
                {"obviously a 10", MEND_OK, 10},
                {"About 8.", MEND_OK, 8},
                {"i think it's a 6", MEND_OK, 6},
                {"like 7 out of 10", MEND_OK, 7},
                {"about six", MEND_OK, 6}, /* (v83 PC-12) */
                {"maybe six", MEND_OK, 6},
                {"six out of ten", MEND_OK, 6},
                {"like a seven", MEND_OK, 7},
                {"none honestly", MEND_OK, 0}, /* (v86 EI-12) */
                {"nothing", MEND_OK, 0},
                {"Not at all.", MEND_OK, 0},
                {"like half?", MEND_OK, 5},
                {"half", MEND_OK, 5},
                {"about half tbh", MEND_OK, 5},
                {"half the time", MEND_E_NOT_NUMBER, 0},
                {"six or seven", MEND_E_UNSURE, 0},
                {"one of those nights", MEND_E_NOT_NUMBER, 0},
                {"7 or 8", MEND_E_UNSURE, 0},
                {"6-7", MEND_E_UNSURE, 0},
                {"12ish", MEND_E_RANGE, 0},
                {"not 7", MEND_E_NOT_NUMBER, 0},
                {"less than 5", MEND_E_NOT_NUMBER, 0},
                {"he hit me 5 times", MEND_E_NOT_NUMBER, 0},
                {"7eight", MEND_E_NOT_NUMBER, 0},
                {"1234567890123ish", MEND_E_NOT_NUMBER, 0}};
  for (size_t i = 0; i < sizeof hedged / sizeof *hedged; i++) {
    v = -1;
    mend_status got = mend_parse_scale(hedged[i].in, 0, 10, &v);
    if (got != hedged[i].want || (got == MEND_OK && v != hedged[i].v))
      fail_msg("'%s': %d (%lld)", hedged[i].in, (int)got, (long long)v);
  }
  assert_int_equal(mend_parse_scale("12345678901234567890123456789012345/10", 0, 10, &v),
                   MEND_E_NOT_NUMBER);
  /* "none" below a scale's start, "half" of a scale that does not start at 0 or has no
   * whole middle: no answer */
  assert_int_equal(mend_parse_scale("none", 1, 10, &v), MEND_E_RANGE);
  assert_int_equal(mend_parse_scale("half", 1, 10, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("half", 0, 5, &v), MEND_E_NOT_NUMBER);
  assert_int_equal(mend_parse_scale("half", 0, 4, &v), MEND_OK);
  assert_int_equal(v, 2);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_yesno_answers_accept_y_yes_n_no_in_any_case(void **state) {
  (void)state;
  static const struct {
    const char *in;
    mend_status want;
    bool value;
  } cases[] = {
      {"y", MEND_OK, true},
      {"Y", MEND_OK, true},
      {"yes", MEND_OK, true},
      {"YES", MEND_OK, true},
      {"yEs", MEND_OK, true},
      {"  Yes \n", MEND_OK, true},
      {"n", MEND_OK, false},
      {"N", MEND_OK, false},
      {"no", MEND_OK, false},
      {"NO", MEND_OK, false},
      {"nO", MEND_OK, false},
      {"\tno ", MEND_OK, false},
      {"yeah", MEND_OK, true},
      {"ye", MEND_OK, true}, /* (v87 PC-20) */
      {"yea", MEND_OK, true},
      {"yh", MEND_OK, true},
      {"Yep", MEND_OK, true},
      {"yup.", MEND_OK, true},
      {"yes!", MEND_OK, true},
      {"nope", MEND_OK, false},
      {"Nah", MEND_OK, false},
      {"no.", MEND_OK, false},
      {"", MEND_E_NOT_YESNO, 0},
      {"1", MEND_E_NOT_YESNO, 0},
      {"y es", MEND_E_NOT_YESNO, 0},
      {".", MEND_E_NOT_YESNO, 0},
      {"true", MEND_E_NOT_YESNO, 0},
      {"yess", MEND_E_NOT_YESNO, 0},
      {"no. i was", MEND_E_NOT_YESNO, 0},
      {"not really", MEND_OK, false},
      {"No one.", MEND_OK, false},
      {"nobody", MEND_OK, false},
      {"never", MEND_OK, false},
      {"of course", MEND_OK, true},
      {"Sure!", MEND_OK, true},
      {"maybe", MEND_E_UNSURE, 0},
      {"Idk.", MEND_E_UNSURE, 0},
      {"I don\u2019t know", MEND_E_UNSURE, 0},
      {"i dont know?", MEND_E_UNSURE, 0},
      {"maybe yes", MEND_E_UNSURE, 0},
      /* not knowing, then more words: not the "no" of "no idea" */
      {"i dont know, he said hed change", MEND_E_UNSURE, 0},
      {"I don\u2019t know. He said he would change and I want to believe him so much",
       MEND_E_UNSURE, 0},
      {"no idea tbh", MEND_E_UNSURE, 0},
      {"not sure - he might", MEND_E_UNSURE, 0},
      {"nobodys business", MEND_E_NOT_YESNO, 0},
      {"idkk", MEND_E_NOT_YESNO, 0},
      {"yes and no", MEND_E_UNSURE, 0},
      {"Kind of.", MEND_E_UNSURE, 0},
      {"i think so", MEND_OK, true},
      {"I don’t think so.", MEND_OK, false},
      {"probably not", MEND_OK, false},
      {"i think", MEND_E_NOT_YESNO, 0},
  };
  mend_story *st = load_ok(asks_xml);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "0"), MEND_OK);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    bool b = !cases[i].value;
    mend_status got = mend_parse_yesno(cases[i].in, &b);
    if (got != cases[i].want) fail_msg("parse_yesno(\"%s\") = %d", cases[i].in, got);
    if (got == MEND_OK && b != cases[i].value)
      fail_msg("parse_yesno(\"%s\") gave %d", cases[i].in, b);
    assert_int_equal(mend_session_check_answer(s, cases[i].in), cases[i].want);
  }
  assert_int_equal(mend_session_answer(s, "maybe"), MEND_E_UNSURE);
  assert_int_equal(mend_session_answer(s, "YES"), MEND_OK);
  assert_int_equal(mend_session_int(s, "b"), 1);
  assert_int_equal(mend_session_answer(s, "x"), MEND_OK);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "0"), MEND_OK);
  assert_int_equal(mend_session_answer(s, "n"), MEND_OK);
  assert_int_equal(mend_session_int(s, "b"), 0);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_text_answers_trimmed_and_validated(void **state) {
  (void)state;
  mend_story *st = load_ok(asks_xml);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "0"), MEND_OK);
  assert_int_equal(mend_session_answer(s, "y"), MEND_OK);
  assert_int_equal(mend_session_question(s)->kind, MEND_ASK_TEXT);

  /* nothing a person types is refused for what it holds: what cannot be
   * shown is left out (see test_answer_clean_*) */
  assert_int_equal(mend_session_check_answer(s, "a\x01"
                                                "b"),
                   MEND_OK);
  assert_int_equal(mend_session_check_answer(s, "line\nbreak"), MEND_OK);
  assert_int_equal(mend_session_check_answer(s, "del\x7f"), MEND_OK);
  assert_int_equal(mend_session_check_answer(s, "bad \xff byte"), MEND_OK);
  assert_int_equal(mend_session_check_answer(s, "surrogate \xed\xa0\x80"), MEND_OK);
  assert_int_equal(mend_session_check_answer(s, "tab\tinside"), MEND_OK);
  assert_int_equal(mend_session_check_answer(s, "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x99\x82"),
                   MEND_OK);

  char big[MEND_MAX_ANSWER + 8];
  memset(big, 'x', MEND_MAX_ANSWER + 1);
  big[MEND_MAX_ANSWER + 1] = 0;
  assert_int_equal(mend_session_check_answer(s, big), MEND_E_TOO_LONG);
  assert_int_equal(mend_session_answer(s, big), MEND_E_TOO_LONG);
  big[MEND_MAX_ANSWER] = 0;
  assert_int_equal(mend_session_check_answer(s, big), MEND_OK);
  /* the limit is on what is kept: escape sequences left out do not count */
  static const char seq[] = "\x1b[31m\x1b]0;title\x07";
  size_t k = sizeof seq - 1;
  char *esc = malloc(MEND_MAX_ANSWER + 64);
  assert_non_null(esc);
  memcpy(esc, seq, k);
  memset(esc + k, 'y', MEND_MAX_ANSWER);
  esc[k + MEND_MAX_ANSWER] = 0;
  assert_int_equal(mend_session_check_answer(s, esc), MEND_OK);
  esc[k + MEND_MAX_ANSWER] = '\n';
  esc[k + 1 + MEND_MAX_ANSWER] = 'z'; /* a line break is one byte of the limit */
  esc[k + 2 + MEND_MAX_ANSWER] = 0;
  assert_int_equal(mend_session_check_answer(s, esc), MEND_E_TOO_LONG);
  free(esc);
  /* surrounding space does not count against the limit */
  big[0] = ' ';
  big[MEND_MAX_ANSWER] = ' ';
  big[MEND_MAX_ANSWER + 1] = '\n';
  big[MEND_MAX_ANSWER + 2] = 0;
  assert_int_equal(mend_session_check_answer(s, big), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_int_equal(mend_session_decisions(s), 2);

  assert_int_equal(mend_session_answer(s, " \t caf\xc3\xa9  au\tlait \r\n"), MEND_OK);
  assert_string_equal(mend_session_text(s, "t"), "caf\xc3\xa9  au\tlait");
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_text_answer_keeps_its_lines_and_leaves_out_what_cannot_be_shown(void **state) {
  (void)state;
  mend_story *st = load_ok(asks_xml);
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "0"), MEND_OK);
  assert_int_equal(mend_session_answer(s, "y"), MEND_OK);
  /* a draft pasted from a notes app on Windows, with a colour and a stray
   * arrow key in it */
  assert_int_equal(mend_session_answer(s, "\r\nDear Sam,\r\n\r\nThank \x1b[1myou\x1b[0m.\x1b[A\r\n"
                                          "Bye\x07\r\n\r\n"),
                   MEND_OK);
  assert_string_equal(mend_session_text(s, "t"), "Dear Sam,\n\nThank you.\nBye");
  const mend_summary *sum = mend_session_summary(s);
  assert_string_equal(sum->answers[sum->nanswers - 1].text, "Dear Sam,\n\nThank you.\nBye");
  mend_session_free(s);
  mend_story_free(st);
}

#define IN(s) s, sizeof(s) - 1
static void test_answer_clean_counts_what_it_leaves_out(void **state) {
  (void)state;
  static const struct {
    const char *in;
    size_t len;
    const char *out;
    size_t dropped;
  } cases[] = {
      {IN("plain words"), "plain words", 0},
      {IN("one\ntwo\r\nthree\rfour"), "one\ntwo\nthree\nfour", 0},
      {IN("tab\tkept"), "tab\tkept", 0},
      {IN("line\xe2\x80\xa8sep\xe2\x80\xa9para\xc2\x85nel"), "line\nsep\npara\nnel", 0},
      {IN("a\x01"
          "b\x7f"
          "c\x00"
          "d"),
       "abcd", 3},                                   /* C0, DEL, NUL */
      {IN("\x1b[31mred\x1b[0m"), "red", 2},          /* CSI: one each */
      {IN("\x1b[200~pasted\x1b[201~"), "pasted", 2}, /* bracketed paste marks */
      {IN("\x1b]0;title\x07x"), "x", 1},             /* OSC ended by BEL */
      {IN("\x1b]8;;u\x1b\\link"), "link", 1},        /* ... by ESC \\ */
      {IN("\x1b]no end\nkept"), "no end\nkept", 1},  /* unended: ESC ] only */
      {IN("\x1bOPf1"), "f1", 1},                     /* SS3: ESC O, then P */
      {IN("alt\x1b"
          "d"),
       "alt", 1},                          /* Alt-d */
      {IN("esc\x1b"), "esc", 1},           /* a lone ESC at the end */
      {IN("esc\x1b word"), "esc word", 1}, /* ESC then a space: the space stays */
      {IN("c1\xc2\x9b"
          "2Jx"),
       "c1x", 1},                          /* the 8-bit CSI and its sequence */
      {IN("c1\xc2\x90x"), "c1x", 1},       /* another C1 control */
      {IN("caf\xe9 \xff\xc3"), "caf ", 3}, /* bytes that are not UTF-8 */
      {IN("\xed\xa0\x80ok"), "ok", 3},     /* a surrogate: three bytes */
      {IN("caf\xc3\xa9 \xf0\x9f\x99\x82"), "caf\xc3\xa9 \xf0\x9f\x99\x82", 0},
      {IN(""), "", 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t d = 99;
    char *got = mend_answer_clean(cases[i].in, cases[i].len, &d);
    if (strcmp(got, cases[i].out) || d != cases[i].dropped)
      fail_msg("case %zu: \"%s\", %zu left out", i, got, d);
    mend_free(got);
  }
  char *none = mend_answer_clean(NULL, 5, NULL);
  assert_string_equal(none, "");
  mend_free(none);
}

static void
test_answer_lines_read_as_sentences_by_rubrics_and_as_spaces_in_paragraphs(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"d\" type=\"text\"/>"
                                      "<node id=\"a\"><ask var=\"d\" kind=\"text\">Draft?</ask>"
                                      "<check var=\"d\">"
                                      "<rule label=\"thanks\"><say>thank you</say></rule>"
                                      "<rule label=\"pattern\" pattern=\"good years\"/>"
                                      "<rule label=\"joined\" gap=\"0\"><say>you for</say></rule>"
                                      "</check><goto to=\"e\"/></node>"
                                      "<ending id=\"e\" title=\"E\"><text>You wrote: {d}."
                                      "</text></ending></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, "Thank you\nfor the good\nyears"), MEND_OK);
  bool thanks = false, pattern = false, joined = true;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind != MEND_ITEM_RULE) continue;
    if (!strcmp(it->rule_label, "thanks")) thanks = it->met;
    if (!strcmp(it->rule_label, "joined")) joined = it->met;
    if (!strcmp(it->rule_label, "pattern")) {
      pattern = it->met;
      /* a quote is one line: the line break it spans reads as a space */
      assert_int_equal(it->quote.length, 10);
      assert_memory_equal(it->quote.text, "good years", 10);
    }
  }
  assert_true(thanks);
  assert_true(pattern); /* a pattern reads a line break as a space */
  assert_false(joined); /* words next to each other in a phrase are on one line */
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  const mend_item *it = mend_session_item(s, 0);
  assert_string_equal(it->text.text, "You wrote: Thank you for the good years.");
  mend_session_free(s);
  mend_story_free(st);
}

/* Feedback said once in a session is not said again in the same words ("What
 * you typed just now matters more than this" at each choice where despair
 * was typed; a loop's "A fresh page"): the second time, the choice is
 * followed by its node alone. Other words, and a new start, are said. */
static size_t feedback_count(const mend_session *s, const char *words) {
  size_t n = 0;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_FEEDBACK && !strcmp(it->text.text, words)) n++;
  }
  return n;
}

static void test_feedback_is_said_once_in_the_same_words(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"n\" type=\"int\"/>"
                         "<node id=\"a\"><text>A.</text>"
                         "<choice to=\"a\">Again<feedback>A fresh page.</feedback>"
                         "<feedback>Round {n}.</feedback><set var=\"n\" value=\"n + 1\"/>"
                         "</choice>"
                         "<choice to=\"b\">On<feedback>A fresh page.</feedback></choice>"
                         "</node><node id=\"b\"><text>B.</text>"
                         "<choice to=\"e\">End<feedback>Done.</feedback></choice></node>"
                         "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(feedback_count(s, "A fresh page."), 1);
  assert_int_equal(feedback_count(s, "Round 1."), 1);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(feedback_count(s, "A fresh page."), 0); /* (said before) */
  assert_int_equal(feedback_count(s, "Round 2."), 1);      /* (other words) */
  mend_session *c = mend_session_clone(s);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK); /* (another choice, the same words) */
  assert_int_equal(feedback_count(s, "A fresh page."), 0);
  assert_string_equal(mend_session_node(s), "b");
  assert_int_equal(mend_session_choose(c, 1), MEND_OK);
  assert_int_equal(feedback_count(c, "A fresh page."), 0);
  mend_session_free(c);
  /* an undo, and a save replayed, know what was said */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(feedback_count(s, "A fresh page."), 0);
  mend_session *r = resaved(st, s);
  assert_int_equal(mend_session_choose(r, 0), MEND_OK);
  assert_int_equal(feedback_count(r, "Done."), 1);
  mend_session_free(r);
  /* a new start has said nothing */
  mend_session_reset(s, 1);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(feedback_count(s, "A fresh page."), 1);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_answering_the_wrong_pending_kind_is_state_error(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"n\" type=\"int\"/>"
                                      "<node id=\"a\"><ask var=\"n\" kind=\"scale\" min=\"0\" "
                                      "max=\"3\">n?</ask><choice to=\"b\">go</choice></node>"
                                      "<node id=\"b\"><goto to=\"e\"/></node>"
                                      "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  /* a question */
  assert_int_equal(mend_session_choose(s, 0), MEND_E_STATE);
  assert_int_equal(mend_session_continue(s), MEND_E_STATE);
  assert_int_equal(mend_session_answer(s, NULL), MEND_E_STATE);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_int_equal(mend_session_answer(s, "1"), MEND_OK);
  /* choices */
  assert_int_equal(mend_session_answer(s, "1"), MEND_E_STATE);
  assert_int_equal(mend_session_check_answer(s, "1"), MEND_E_STATE);
  assert_int_equal(mend_session_continue(s), MEND_E_STATE);
  assert_int_equal(mend_session_choose(s, 1), MEND_E_RANGE);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  /* an automatic move */
  assert_int_equal(mend_session_answer(s, "1"), MEND_E_STATE);
  assert_int_equal(mend_session_choose(s, 0), MEND_E_STATE);
  assert_int_equal(mend_session_continue(s), MEND_OK);
  /* the end */
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  assert_int_equal(mend_session_answer(s, "1"), MEND_E_STATE);
  assert_int_equal(mend_session_choose(s, 0), MEND_E_STATE);
  assert_int_equal(mend_session_continue(s), MEND_E_STATE);
  assert_int_equal(mend_session_decisions(s), 2);
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 9. endings and the summary ---------------------------------------------------------- */

static void test_ending_summary_holds_ending_measures_answers_and_decisions(void **state) {
  (void)state;
  mend_story *st = load_ok(
      STORY("a") "<var name=\"urge\" type=\"int\" init=\"5\" min=\"0\" max=\"10\" label=\"Urge\"/>"
                 "<var name=\"respect\" type=\"int\" min=\"0\" max=\"10\" label=\"Self-respect\"/>"
                 "<var name=\"ok\" type=\"bool\"/>"
                 "<var name=\"note\" type=\"text\"/>"
                 "<node id=\"a\">"
                 "<set var=\"respect\" value=\"respect + 1\"/>"
                 "<ask var=\"urge\" kind=\"scale\">How <em>strong</em>, {respect}?</ask>"
                 "<ask var=\"ok\" kind=\"yesno\">Ok?</ask>"
                 "<choice to=\"b\">Go<feedback tone=\"positive\">good</feedback>"
                 "<set var=\"respect\" value=\"respect + 2\"/></choice></node>"
                 "<node id=\"b\">"
                 "<ask var=\"note\" kind=\"text\">Note?</ask>"
                 "<ask var=\"note\" kind=\"text\" journal=\"false\">Again?</ask>"
                 "<ask var=\"urge\" kind=\"scale\">Now?</ask>"
                 "<goto to=\"end\"/></node>"
                 "<ending id=\"end\" title=\"  Done   for now \" tone=\"caution\">"
                 "<text>Bye {urge}.</text></ending></story>");
  mend_session *s = mend_session_new(st, 1);
  const mend_summary *sum = mend_session_summary(s);
  assert_null(sum->ending_id);
  assert_null(sum->ending_title);
  assert_int_equal(mend_session_answer(s, "8"), MEND_OK);
  assert_int_equal(mend_session_answer(s, "yes"), MEND_OK);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "  Dear me  "), MEND_OK);
  assert_int_equal(mend_session_answer(s, ""), MEND_OK);
  assert_int_equal(mend_session_answer(s, "3"), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO);
  assert_null(mend_session_summary(s)->ending_id);
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  assert_string_equal(items(s), "P:Bye 3.");

  sum = mend_session_summary(s);
  assert_string_equal(sum->ending_id, "end");
  assert_string_equal(sum->ending_title, "Done for now");
  assert_int_equal(sum->ending_tone, MEND_TONE_CAUTION);
  assert_int_equal(sum->decisions, 6);
  assert_int_equal(mend_session_decisions(s), 6);
  assert_int_equal(sum->feedback[MEND_TONE_POSITIVE], 1);
  assert_int_equal(sum->nmeasures, 2);
  /* urge: nothing changed it before its first answer, which is its start */
  assert_string_equal(sum->measures[0].name, "urge");
  assert_string_equal(sum->measures[0].label, "Urge");
  assert_int_equal(sum->measures[0].start, 8);
  assert_int_equal(sum->measures[0].final, 3);
  /* respect: init 0, changed by sets only */
  assert_string_equal(sum->measures[1].name, "respect");
  assert_string_equal(sum->measures[1].label, "Self-respect");
  assert_int_equal(sum->measures[1].start, 0);
  assert_int_equal(sum->measures[1].final, 3);

  assert_int_equal(sum->nanswers, 5);
  const mend_answer_record *a = sum->answers;
  assert_string_equal(a[0].var, "urge");
  assert_int_equal(a[0].kind, MEND_ASK_SCALE);
  assert_int_equal(a[0].value, 8);
  assert_string_equal(a[0].prompt, "How strong, 1?");
  assert_string_equal(a[0].node, "a");
  assert_false(a[0].journal);
  assert_string_equal(a[1].var, "ok");
  assert_int_equal(a[1].kind, MEND_ASK_YESNO);
  assert_int_equal(a[1].value, 1);
  assert_string_equal(a[1].prompt, "Ok?");
  assert_string_equal(a[2].var, "note");
  assert_int_equal(a[2].kind, MEND_ASK_TEXT);
  assert_string_equal(a[2].text, "Dear me");
  assert_false(a[2].skipped);
  assert_true(a[2].journal);
  assert_string_equal(a[2].node, "b");
  assert_string_equal(a[3].prompt, "Again?");
  assert_true(a[3].skipped);
  assert_false(a[3].journal);
  assert_string_equal(a[4].var, "urge");
  assert_int_equal(a[4].value, 3);
  assert_string_equal(a[4].prompt, "Now?");
  assert_string_equal(mend_session_text(s, "note"), "Dear me");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_ending_content_runs_and_may_ask(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("e") "<var name=\"plan\" type=\"text\"/>"
                                      "<ending id=\"e\" title=\"E\" tone=\"positive\">"
                                      "<text>One.</text><ask var=\"plan\" kind=\"text\">Plan?</ask>"
                                      "<text>Plan: {plan}</text></ending></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_ASK);
  assert_null(mend_session_summary(s)->ending_id);
  assert_int_equal(mend_session_answer(s, "walk"), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_END);
  assert_string_equal(items(s), "P:Plan: walk");
  assert_string_equal(mend_session_summary(s)->ending_id, "e");
  assert_int_equal(mend_session_summary(s)->ending_tone, MEND_TONE_POSITIVE);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_text_once_is_shown_on_the_first_visit_only(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"f\" type=\"bool\" init=\"true\"/>"
                                      "<node id=\"a\"><text once=\"true\">First</text>"
                                      "<text>Always</text>"
                                      "<text once=\"true\" if=\"f\">Both</text>"
                                      "<text once=\"true\" if=\"not f\">Neither</text>"
                                      "<choice to=\"a\">Again</choice></node></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(items(s), "P:First | P:Always | P:Both");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:Always");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:Always");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_a_text_shown_empty_is_noted_for_testers(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"t\" type=\"text\"/>"
                                      "<var name=\"u\" type=\"text\" init=\"x\"/>"
                                      "<node id=\"a\"><text>{u}</text>"
                                      "<choice to=\"q\">Ask</choice><choice to=\"e\">Skip</choice>"
                                      "</node><node id=\"q\"><ask var=\"t\" kind=\"text\">T?</ask>"
                                      "<goto to=\"e\"/></node>"
                                      "<ending id=\"e\" title=\"E\"><text>You said {t}.</text>"
                                      "</ending></story>");
  mend_session *s = mend_session_new(st, 1);
  const char *file = NULL;
  int line = -1;
  assert_null(mend_session_empty_shown(s, &file, &line)); /* {u} is not empty */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_answer(s, "something"), MEND_OK);
  assert_null(mend_session_empty_shown(s, NULL, NULL)); /* answered */
  mend_session_reset(s, 1);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK); /* the question is not on this path */
  assert_string_equal(mend_session_empty_shown(s, &file, &line), "t");
  assert_string_equal(file, "t.xml");
  assert_int_equal(line, 1);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_chosen_counts_times_each_choice_was_taken(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<var name=\"n\" type=\"int\"/><var name=\"m\" type=\"int\"/>"
                                      "<node id=\"a\">"
                                      "<set var=\"n\" value=\"chosen(again)\"/>"
                                      "<set var=\"m\" value=\"chosen(other)\"/>"
                                      "<text>again {n}, other {m}</text>"
                                      "<choice to=\"a\" id=\"again\">again</choice>"
                                      "<choice to=\"a\" id=\"other\">other</choice>"
                                      "<choice to=\"e\" id=\"stop\" if=\"chosen(again) >= 3\">stop"
                                      "</choice></node>"
                                      "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_string_equal(items(s), "P:again 0, other 0");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_choose(s, 1), MEND_OK);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:again 2, other 1");
  assert_string_equal(choices(s), "again | other");
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_string_equal(items(s), "P:again 3, other 1");
  assert_string_equal(choices(s), "again | other | stop");
  mend_session_free(s);
  mend_story_free(st);
}

/* ---- 10. determinism ----------------------------------------------------------------------- */

static void test_same_seed_and_answers_give_identical_sessions(void **state) {
  (void)state;
  mend_story *st = load_ok(walk_xml);
  int differed = 0;
  for (uint64_t seed = 1; seed <= 20; seed++) {
    mend_session *a = mend_session_new(st, seed);
    mend_session *b = mend_session_new(st, seed);
    mend_session *c = mend_session_new(st, seed + 1000);
    bool diff = false;
    for (unsigned i = 0; i < 80; i++) {
      char *da = dump(a), *db = dump(b), *dc = dump(c);
      assert_string_equal(da, db);
      diff = diff || strcmp(da, dc) != 0;
      free(da);
      free(db);
      free(dc);
      bool more = step(a, script(i));
      assert_int_equal(step(b, script(i)), more);
      if (mend_session_pending(c) == mend_session_pending(a)) step(c, script(i));
      if (!more) break;
    }
    differed += diff;
    mend_session_free(a);
    mend_session_free(b);
    mend_session_free(c);
  }
  assert_true(differed > 0); /* the seed does matter */
  mend_story_free(st);
}

/* ---- 11. undo ------------------------------------------------------------------------------- */

static void test_undo_steps_back_through_every_decision_to_the_start(void **state) {
  (void)state;
  mend_story *st = load_ok(walk_xml);
  for (uint64_t seed = 1; seed <= 5; seed++) {
    mend_session *s = mend_session_new(st, seed);
    char *seen[200];
    size_t n = 0;
    for (unsigned i = 0; i < 60; i++) {
      mend_pending p = mend_session_pending(s);
      if (p == MEND_PENDING_ASK || p == MEND_PENDING_CHOICE) {
        assert_int_equal(mend_session_decisions(s), n);
        seen[n++] = dump(s);
      }
      if (!step(s, script(i))) break;
    }
    assert_true(n >= 5);
    while (n > 0) {
      assert_int_equal(mend_session_undo(s), MEND_OK);
      char *now = dump(s);
      assert_string_equal(now, seen[n - 1]);
      assert_int_equal(mend_session_decisions(s), n - 1);
      free(now);
      free(seen[--n]);
    }
    char *first = dump(s);
    assert_int_equal(mend_session_undo(s), MEND_E_NOTHING);
    char *again = dump(s);
    assert_string_equal(first, again);
    free(first);
    free(again);
    mend_session_free(s);
  }
  mend_story_free(st);
}

static void test_undo_after_automatic_move_returns_to_the_decision_before_it(void **state) {
  (void)state;
  mend_story *st =
      load_ok(STORY("a") "<var name=\"n\" type=\"int\"/>"
                         "<node id=\"a\"><text>at a</text>"
                         "<choice to=\"b\">to b<feedback>fb</feedback>"
                         "<set var=\"n\" value=\"n + 1\"/></choice></node>"
                         "<node id=\"b\"><text>at b {n}</text><goto to=\"c\"/></node>"
                         "<node id=\"c\"><text>at c</text><choice to=\"a\">back</choice>"
                         "</node></story>");
  mend_session *s = mend_session_new(st, 1);
  char *at_a = dump(s);
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_AUTO);
  assert_string_equal(items(s), "F=:fb | P:at b 1");
  /* undo while the automatic move waits */
  assert_int_equal(mend_session_undo(s), MEND_OK);
  char *now = dump(s);
  assert_string_equal(now, at_a);
  free(now);
  /* undo after the automatic move was followed */
  assert_int_equal(mend_session_choose(s, 0), MEND_OK);
  assert_int_equal(mend_session_continue(s), MEND_OK);
  assert_string_equal(mend_session_node(s), "c");
  assert_string_equal(items(s), "P:at c");
  assert_int_equal(mend_session_undo(s), MEND_OK);
  now = dump(s);
  assert_string_equal(now, at_a);
  assert_int_equal(mend_session_int(s, "n"), 0);
  assert_int_equal(mend_session_summary(s)->feedback[MEND_TONE_NEUTRAL], 0);
  free(now);
  assert_int_equal(mend_session_undo(s), MEND_E_NOTHING);
  free(at_a);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_undo_with_only_automatic_moves_is_nothing(void **state) {
  (void)state;
  mend_story *st = load_ok(STORY("a") "<node id=\"a\"><text>a</text><goto to=\"b\"/></node>"
                                      "<node id=\"b\"><text>b</text><goto to=\"e\"/></node>"
                                      "<ending id=\"e\" title=\"E\"/></story>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_undo(s), MEND_E_NOTHING);
  assert_int_equal(mend_session_continue(s), MEND_OK);
  char *before = dump(s);
  assert_int_equal(mend_session_undo(s), MEND_E_NOTHING);
  char *after = dump(s);
  assert_string_equal(before, after);
  assert_string_equal(mend_session_node(s), "b");
  free(before);
  free(after);
  mend_session_free(s);
  mend_story_free(st);
}

static void test_redo_after_undo_gives_the_same_random_outcome(void **state) {
  (void)state;
  mend_story *st = load_ok(
      STORY("roll") "<var name=\"last\" type=\"int\"/>"
                    "<node id=\"roll\"><text>last {last}</text>"
                    "<choice to=\"dice\">Roll</choice></node>"
                    "<node id=\"dice\"><random><goto to=\"f1\"/><goto to=\"f2\"/><goto to=\"f3\"/>"
                    "<goto to=\"f4\"/><goto to=\"f5\"/><goto to=\"f6\"/></random></node>"
                    "<node id=\"f1\"><set var=\"last\" value=\"1\"/><goto to=\"roll\"/></node>"
                    "<node id=\"f2\"><set var=\"last\" value=\"2\"/><goto to=\"roll\"/></node>"
                    "<node id=\"f3\"><set var=\"last\" value=\"3\"/><goto to=\"roll\"/></node>"
                    "<node id=\"f4\"><set var=\"last\" value=\"4\"/><goto to=\"roll\"/></node>"
                    "<node id=\"f5\"><set var=\"last\" value=\"5\"/><goto to=\"roll\"/></node>"
                    "<node id=\"f6\"><set var=\"last\" value=\"6\"/><goto to=\"roll\"/></node>"
                    "</story>");
  int varied = 0;
  for (uint64_t seed = 1; seed <= 30; seed++) {
    mend_session *s = mend_session_new(st, seed);
    int64_t rolls[5];
    for (int i = 0; i < 5; i++) {
      assert_int_equal(mend_session_choose(s, 0), MEND_OK);
      assert_int_equal(mend_session_continue(s), MEND_OK);
      assert_int_equal(mend_session_continue(s), MEND_OK);
      rolls[i] = mend_session_int(s, "last");
      assert_in_range(rolls[i], 1, 6);
      varied += i > 0 && rolls[i] != rolls[0];
    }
    /* one back, then the same roll again */
    assert_int_equal(mend_session_undo(s), MEND_OK);
    assert_int_equal(mend_session_int(s, "last"), rolls[3]);
    assert_int_equal(mend_session_choose(s, 0), MEND_OK);
    assert_int_equal(mend_session_continue(s), MEND_OK);
    assert_int_equal(mend_session_continue(s), MEND_OK);
    assert_int_equal(mend_session_int(s, "last"), rolls[4]);
    /* three back, then three rolls again */
    for (int i = 0; i < 3; i++)
      assert_int_equal(mend_session_undo(s), MEND_OK);
    assert_int_equal(mend_session_int(s, "last"), rolls[1]);
    for (int i = 2; i < 5; i++) {
      assert_int_equal(mend_session_choose(s, 0), MEND_OK);
      assert_int_equal(mend_session_continue(s), MEND_OK);
      assert_int_equal(mend_session_continue(s), MEND_OK);
      assert_int_equal(mend_session_int(s, "last"), rolls[i]);
    }
    mend_session_free(s);
  }
  assert_true(varied > 0);
  mend_story_free(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_visit_count_rises_on_entry_before_content_runs),
      cmocka_unit_test(test_content_runs_in_document_order),
      cmocka_unit_test(test_if_on_text_set_ask_and_check_skips_them),
      cmocka_unit_test(test_ask_pauses_mid_node_and_rest_runs_after_answer),
      cmocka_unit_test(test_choices_offered_only_when_their_if_holds),
      cmocka_unit_test(test_once_choice_hidden_after_taken_even_if_its_if_holds),
      cmocka_unit_test(test_choice_sets_run_before_feedback_conditions),
      cmocka_unit_test(test_contact_is_an_item_where_it_stands_when_its_if_holds),
      cmocka_unit_test(test_an_ending_title_needs_a_condition_and_words),
      cmocka_unit_test(test_an_ending_can_leave_the_check_ins_out_of_its_summary),
      cmocka_unit_test(test_feedback_shown_in_order_with_tone_and_counted_per_tone),
      cmocka_unit_test(test_fallback_goto_first_whose_if_holds_when_no_choice_offered),
      cmocka_unit_test(test_random_draws_only_among_branches_whose_if_holds),
      cmocka_unit_test(test_random_weights_3_to_1_over_10000_seeds),
      cmocka_unit_test(test_random_same_seed_gives_same_branch),
      cmocka_unit_test(test_dead_end_at_run_time_is_error_with_file_and_line),
      cmocka_unit_test(test_overflow_at_run_time_is_error_with_file_and_line),
      cmocka_unit_test(test_division_by_zero_at_run_time_is_error_with_file_and_line),
      cmocka_unit_test(test_assignments_clamped_on_set_and_check_score),
      cmocka_unit_test(test_check_rules_met_unmet_absent_and_weights),
      cmocka_unit_test(test_skipped_text_answer_leaves_var_unchanged),
      cmocka_unit_test(test_no_notes_on_nothing_written),
      cmocka_unit_test(test_scale_answers_parsed_and_range_checked),
      cmocka_unit_test(test_yesno_answers_accept_y_yes_n_no_in_any_case),
      cmocka_unit_test(test_text_answers_trimmed_and_validated),
      cmocka_unit_test(test_feedback_is_said_once_in_the_same_words),
      cmocka_unit_test(test_answering_the_wrong_pending_kind_is_state_error),
      cmocka_unit_test(test_ending_summary_holds_ending_measures_answers_and_decisions),
      cmocka_unit_test(test_ending_content_runs_and_may_ask),
      cmocka_unit_test(test_text_once_is_shown_on_the_first_visit_only),
      cmocka_unit_test(test_a_text_shown_empty_is_noted_for_testers),
      cmocka_unit_test(test_chosen_counts_times_each_choice_was_taken),
      cmocka_unit_test(test_text_answer_keeps_its_lines_and_leaves_out_what_cannot_be_shown),
      cmocka_unit_test(test_answer_clean_counts_what_it_leaves_out),
      cmocka_unit_test(test_answer_lines_read_as_sentences_by_rubrics_and_as_spaces_in_paragraphs),
      cmocka_unit_test(test_same_seed_and_answers_give_identical_sessions),
      cmocka_unit_test(test_undo_steps_back_through_every_decision_to_the_start),
      cmocka_unit_test(test_undo_after_automatic_move_returns_to_the_decision_before_it),
      cmocka_unit_test(test_undo_with_only_automatic_moves_is_nothing),
      cmocka_unit_test(test_redo_after_undo_gives_the_same_random_outcome),
  };
  return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
