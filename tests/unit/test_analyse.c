/* SPDX-License-Identifier: MIT */
/*
 * test_analyse.c - the authoring view of a story (mend/analyse.h): the graph
 * (nodes and edges in document order, reachability, the nodes on cycles), the
 * use of variables, and the lint warnings, each with its code, position and
 * exact message; and the sorting of diagnostics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mend/analyse.h"
#include "mend/mend.h"
#include "helpers.h"

/* ---- helpers ------------------------------------------------------------- */

/* The lint findings of a story (warnings, and the errors of E-trap and
 * E-self-loop), sorted, one formatted line each, joined by
 * '\n' (malloc'd). */
static char *lint_of(const char *xml) {
  mend_story *s = load_ok(xml);
  mend_diags *d = mend_diags_new();
  mend_story_lint(s, d);
  mend_diags_sort(d);
  size_t cap = 1, len = 0;
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *m = mend_diag_format(mend_diags_at(d, i));
    cap += strlen(m) + 1;
    mend_free(m);
  }
  char *out = calloc(cap, 1);
  assert_non_null(out);
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    const mend_diag *g = mend_diags_at(d, i);
    assert_non_null(g->code);
    char *m = mend_diag_format(g);
    len += (size_t)sprintf(out + len, "%s%s", i ? "\n" : "", m);
    mend_free(m);
  }
  mend_diags_free(d);
  mend_story_free(s);
  return out;
}

static void assert_lint(const char *xml, const char *expected) {
  char *got = lint_of(xml);
  assert_string_equal(got, expected);
  free(got);
}

#define HEAD                                                                                       \
  "<?xml version=\"1.0\"?>\n<story id=\"t\" format=\"1\" start=\"a\">\n<title>T</title>\n"

static size_t node_index(const mend_graph *g, const char *id) {
  for (size_t i = 0; i < mend_graph_node_count(g); i++)
    if (!strcmp(mend_graph_node(g, i)->id, id)) return i;
  fail_msg("no node '%s' in the graph", id);
  return SIZE_MAX;
}

/* ---- the graph ----------------------------------------------------------------- */

static const char graph_story[] =
    HEAD "<var name=\"n\" type=\"int\" min=\"0\" max=\"9\" label=\"N\"/>\n" /* 4 */
         "<var name=\"t\" type=\"text\"/>\n"                                /* 5 */
         "<node id=\"a\">\n"                                                /* 6 */
         "  <text>Hello {n} there, friend.</text>\n"                        /* 7 */
         "  <ask var=\"n\" kind=\"scale\">How much?</ask>\n"                /* 8 */
         "  <ask var=\"t\" kind=\"text\" if=\"n > 2\">Why so?</ask>\n"      /* 9 */
         "  <check var=\"t\"><rule label=\"R\" pattern=\"x\"><met>Two words.</met></rule></check>\n"
         "  <choice to=\"b\" id=\"go\" once=\"true\" if=\"n > 1\">Go {n}\n" /* 11 */
         "    <feedback>One.</feedback><feedback tone=\"caution\">Two three.</feedback>\n"
         "  </choice>\n"
         "  <goto to=\"fin\" if=\"n == 9\"/>\n" /* 14 */
         "  <random>\n"
         "    <goto to=\"a\" weight=\"3\"/>\n" /* 16 */
         "    <goto to=\"b\"/>\n"              /* 17 */
         "  </random>\n"
         "</node>\n"
         "<node id=\"b\"><goto to=\"fin\"/></node>\n"                 /* 20 */
         "<node id=\"island\"><goto to=\"island\"/></node>\n"         /* 21 */
         "<ending id=\"fin\" title=\"The end\" tone=\"negative\"/>\n" /* 22 */
         "</story>\n";

static void test_graph_nodes_in_story_order_with_their_content(void **state) {
  (void)state;
  mend_story *s = load_ok(graph_story);
  mend_graph *g = mend_graph_new(s);
  assert_int_equal(mend_graph_node_count(g), 4);
  assert_int_equal(mend_graph_start(g), node_index(g, "a"));
  const mend_node_view *a = mend_graph_node(g, node_index(g, "a"));
  assert_string_equal(a->id, "a");
  assert_false(a->ending);
  assert_null(a->title);
  assert_string_equal(a->file, "t.xml");
  assert_int_equal(a->line, 6);
  assert_string_equal(a->text, "Hello {n} there, friend.");
  assert_int_equal(a->paragraphs, 1);
  assert_int_equal(a->questions, 2);
  assert_int_equal(a->conditional_questions, 1);
  assert_int_equal(a->rules, 1);
  /* 4 (text) + 2 + 2 (asks) + 2 (met) + 2 (label) + 1 + 2 (feedback) */
  assert_int_equal(a->words, 15);
  assert_int_equal(a->nedges, 4);
  const mend_node_view *fin = mend_graph_node(g, node_index(g, "fin"));
  assert_true(fin->ending);
  assert_string_equal(fin->title, "The end");
  assert_int_equal(fin->tone, MEND_TONE_NEGATIVE);
  assert_string_equal(fin->text, "");
  assert_int_equal(fin->nedges, 0);
  assert_null(mend_graph_node(g, 4));
  mend_graph_free(g);
  mend_story_free(s);
}

static void test_graph_edges_in_document_order_with_labels_conditions_weights(void **state) {
  (void)state;
  mend_story *s = load_ok(graph_story);
  mend_graph *g = mend_graph_new(s);
  const mend_node_view *a = mend_graph_node(g, node_index(g, "a"));
  size_t ia = node_index(g, "a"), ib = node_index(g, "b"), ifin = node_index(g, "fin");
  const mend_edge_view *c = mend_graph_edge(g, a->first_edge);
  assert_int_equal(c->kind, MEND_EDGE_CHOICE);
  assert_int_equal(c->from, ia);
  assert_int_equal(c->to, ib);
  assert_string_equal(c->label, "Go {n}");
  assert_string_equal(c->cond, "n > 1");
  assert_string_equal(c->id, "go");
  assert_true(c->once);
  assert_int_equal(c->feedbacks, 2);
  assert_int_equal(c->line, 11);
  const mend_edge_view *go = mend_graph_edge(g, a->first_edge + 1);
  assert_int_equal(go->kind, MEND_EDGE_GOTO);
  assert_int_equal(go->to, ifin);
  assert_null(go->label);
  assert_string_equal(go->cond, "n == 9");
  assert_int_equal(go->line, 14);
  const mend_edge_view *r1 = mend_graph_edge(g, a->first_edge + 2);
  assert_int_equal(r1->kind, MEND_EDGE_RANDOM);
  assert_int_equal(r1->to, ia);
  assert_int_equal(r1->weight, 3);
  assert_null(r1->cond);
  const mend_edge_view *r2 = mend_graph_edge(g, a->first_edge + 3);
  assert_int_equal(r2->to, ib);
  assert_int_equal(r2->weight, 1);
  assert_int_equal(r2->line, 17);
  assert_int_equal(mend_graph_edge_count(g), 6);
  assert_null(mend_graph_edge(g, 6));
  mend_graph_free(g);
  mend_story_free(s);
}

static void test_graph_reachability_endings_and_cycles(void **state) {
  (void)state;
  mend_story *s = load_ok(graph_story);
  mend_graph *g = mend_graph_new(s);
  const mend_node_view *a = mend_graph_node(g, node_index(g, "a"));
  const mend_node_view *b = mend_graph_node(g, node_index(g, "b"));
  const mend_node_view *island = mend_graph_node(g, node_index(g, "island"));
  const mend_node_view *fin = mend_graph_node(g, node_index(g, "fin"));
  assert_true(a->reachable && b->reachable && fin->reachable);
  assert_false(island->reachable);
  assert_true(a->can_end && b->can_end && fin->can_end);
  assert_false(island->can_end);
  assert_true(a->cyclic);      /* a random branch back to itself */
  assert_true(island->cyclic); /* a goto to itself */
  assert_false(b->cyclic);
  assert_false(fin->cyclic);
  mend_graph_free(g);
  mend_story_free(s);
}

/* A chain of 20 000 nodes closed into one loop: the components are found
 * without recursion, and every node is on the cycle. */
static void test_graph_long_loop_is_one_cycle(void **state) {
  (void)state;
  enum { N = 20000 };
  size_t cap = (size_t)N * 64 + 256, len = 0;
  char *xml = malloc(cap);
  assert_non_null(xml);
  len += (size_t)sprintf(xml + len, HEAD);
  for (int i = 0; i < N; i++)
    len += (size_t)sprintf(xml + len, "<node id=\"n%d\"><goto to=\"n%d\"/></node>\n", i,
                           i + 1 < N ? i + 1 : 0);
  len += (size_t)sprintf(xml + len, "<node id=\"a\"><goto to=\"n0\" if=\"false\"/><goto to=\"e\"/>"
                                    "</node><ending id=\"e\" title=\"E\"/></story>\n");
  mend_story *s = load_ok(xml);
  free(xml);
  mend_graph *g = mend_graph_new(s);
  size_t cyclic = 0, trapped = 0;
  for (size_t i = 0; i < mend_graph_node_count(g); i++) {
    cyclic += mend_graph_node(g, i)->cyclic;
    trapped += mend_graph_node(g, i)->reachable && !mend_graph_node(g, i)->can_end;
  }
  assert_int_equal(cyclic, N);
  assert_int_equal(trapped, N);
  mend_graph_free(g);
  mend_story_free(s);
}

/* ---- variable use -------------------------------------------------------------------- */

static void test_var_use_counts_reads_writes_and_journal(void **state) {
  (void)state;
  mend_story *s = load_ok(graph_story);
  mend_var_use u;
  mend_story_var_use(s, 0, &u); /* n: {n} twice, three conditions; one ask */
  assert_int_equal(u.reads, 5);
  assert_int_equal(u.writes, 1);
  assert_false(u.journaled);
  mend_story_var_use(s, 1, &u); /* t: the check; the journaled ask */
  assert_int_equal(u.reads, 1);
  assert_int_equal(u.writes, 1);
  assert_true(u.journaled);
  mend_story_var_use(s, 2, &u); /* no such variable */
  assert_int_equal(u.reads + u.writes, 0);
  mend_story_free(s);
}

/* ---- lint ----------------------------------------------------------------------------- */

static void test_lint_codes_are_the_documented_ones(void **state) {
  (void)state;
  static const char *const expected[] = {"W-unreachable",
                                         "W-dead-end",
                                         "W-once",
                                         "W-random-conditional",
                                         "W-no-feedback",
                                         "W-duplicate-label",
                                         "W-unread",
                                         "W-unchanged",
                                         "W-unset",
                                         "W-unused-answer",
                                         "W-empty-pattern",
                                         "W-pcre",
                                         "W-never-true",
                                         "W-long-paragraph",
                                         "W-no-words",
                                         "W-unasked",
                                         "W-repeated-sentence"};
  size_t n = 0;
  while (mend_lint_codes[n])
    n++;
  assert_int_equal(n, sizeof expected / sizeof *expected);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(mend_lint_codes[i], expected[i]);
}

static void test_lint_clean_story_has_no_warning(void **state) {
  (void)state;
  assert_lint(HEAD "<var name=\"m\" type=\"int\" min=\"0\" max=\"3\" label=\"M\"/>\n"
                   "<node id=\"a\"><ask var=\"m\" kind=\"scale\">M?</ask>\n"
                   "<choice to=\"e\">Go<feedback>Ok.</feedback></choice>\n"
                   "<choice to=\"b\" if=\"m > 1\">Other<feedback>Ok.</feedback></choice></node>\n"
                   "<node id=\"b\"><goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>",
              "");
}

static void test_lint_unreachable_and_trap(void **state) {
  (void)state;
  assert_lint(HEAD "<node id=\"a\"><choice to=\"e\">Go<feedback>Ok.</feedback></choice>\n" /* 4 */
                   "<choice to=\"in\">In<feedback>Ok.</feedback></choice></node>\n"
                   "<node id=\"in\"><goto to=\"loop\"/></node>\n"                   /* 6 */
                   "<node id=\"loop\"><goto to=\"loop2\"/></node>\n"                /* 7 */
                   "<node id=\"loop2\"><goto to=\"loop\"/></node>\n"                /* 8 */
                   "<node id=\"lost\"><goto to=\"e\"/></node>\n"                    /* 9 */
                   "<ending id=\"e\" title=\"E\"/><ending id=\"x\" title=\"X\"/>\n" /* 10 */
                   "</story>",
              /* the loop is the cause; 'in', which only leads into it, is not reported */
              "t.xml:7:1: error: no ending can be reached from the loop of nodes 'loop', 'loop2', "
              "which the start leads to: a person who gets here is trapped; give one of them a "
              "way on to an ending [E-trap]\n"
              "t.xml:9:1: warning: node 'lost' cannot be reached from the start ('a') "
              "[W-unreachable]\n"
              "t.xml:10:27: warning: ending 'x' cannot be reached from the start ('a') "
              "[W-unreachable]");
}

static void test_lint_a_node_that_only_leads_to_itself(void **state) {
  (void)state;
  /* reached or not, and with or without choices, it is an error of its own */
  assert_lint(HEAD "<node id=\"a\"><choice to=\"e\">Go<feedback>Ok.</feedback></choice>\n" /* 4 */
                   "<choice to=\"spin\">Spin<feedback>Ok.</feedback></choice></node>\n"
                   "<node id=\"spin\"><goto to=\"spin\"/></node>\n" /* 6 */
                   "<node id=\"hold\"><choice to=\"hold\">Again<feedback>Ok.</feedback>"
                   "</choice></node>\n" /* 7 */
                   "<ending id=\"e\" title=\"E\"/></story>",
              "t.xml:6:1: error: every way on from node 'spin' leads back to 'spin': the session "
              "would go round it forever, without asking anything; lead it on to another node or "
              "to an ending [E-self-loop]\n"
              "t.xml:7:1: error: every way on from node 'hold' leads back to 'hold': a person who "
              "gets here can never leave; lead it on to another node or to an ending "
              "[E-self-loop]\n"
              "t.xml:7:1: warning: node 'hold' cannot be reached from the start ('a') "
              "[W-unreachable]");
}

static void test_lint_dead_end_once_and_random(void **state) {
  (void)state;
  assert_lint(
      HEAD "<var name=\"f\" type=\"bool\"/>\n"
           "<node id=\"a\"><ask var=\"f\" kind=\"yesno\">F?</ask>\n"            /* 5 */
           "<choice to=\"hub\" if=\"f\">Hub<feedback>Ok.</feedback></choice>\n" /* 6 */
           "<goto to=\"r\" if=\"not f\"/></node>\n"                             /* 7 */
           "<node id=\"hub\"><choice to=\"b\" once=\"true\">B<feedback>Ok.</feedback></choice>\n"
           "<choice to=\"e\" once=\"true\" if=\"f\">Out<feedback>Ok.</feedback></choice></node>\n"
           "<node id=\"b\"><goto to=\"hub\"/></node>\n"         /* 10 */
           "<node id=\"r\"><random><goto to=\"e\" if=\"f\"/>\n" /* 11 */
           "<goto to=\"a\" if=\"not f\"/></random></node>\n"
           "<node id=\"leave\"><choice to=\"e\" once=\"true\">L<feedback>Ok.</feedback></choice>"
           "</node>\n" /* 13: a once choice that leads out for good is a fallback */
           "<ending id=\"e\" title=\"E\"/></story>",
      "t.xml:5:1: warning: every way out of node 'a' has a condition: when none holds, the person "
      "is stuck (add a choice or a <goto> without a condition) [W-dead-end]\n"
      "t.xml:8:1: warning: node 'hub' can run out of choices: its once=\"true\" choices lead back "
      "to it, and when they are all taken nothing else is sure to be offered (add a choice or a "
      "<goto> without a condition) [W-once]\n"
      "t.xml:11:22: warning: every branch of the <random> in node 'r' has a condition, and no "
      "choice or goto without one comes before it: when none holds, the person is stuck (give "
      "one branch no condition) [W-random-conditional]\n"
      "t.xml:13:1: warning: node 'leave' cannot be reached from the start ('a') [W-unreachable]");
}

static void test_lint_random_with_fallback_before_it_is_fine(void **state) {
  (void)state;
  assert_lint(HEAD "<var name=\"f\" type=\"bool\"/>\n"
                   "<node id=\"a\"><ask var=\"f\" kind=\"yesno\">F?</ask>\n"
                   "<goto to=\"e\"/><random><goto to=\"e\" if=\"f\"/></random></node>\n"
                   "<ending id=\"e\" title=\"E\"/></story>",
              "");
}

static void test_lint_feedback_and_duplicate_labels(void **state) {
  (void)state;
  assert_lint(HEAD "<var name=\"f\" type=\"bool\"/>\n"
                   "<node id=\"a\"><ask var=\"f\" kind=\"yesno\">F?</ask>\n"
                   "<choice to=\"e\">Same {f}</choice>\n"                         /* 6 */
                   "<choice to=\"e\">Same {f}<feedback>Ok.</feedback></choice>\n" /* 7 */
                   "<choice to=\"e\" if=\"f\">Apart<feedback>Ok.</feedback></choice>\n"
                   "<choice to=\"e\" if=\"not f\">Apart<feedback>Ok.</feedback></choice>\n"
                   "<choice to=\"e\" if=\"f\">Both<feedback>Ok.</feedback></choice>\n" /* 10 */
                   "<choice to=\"e\" if=\"f\">Both<feedback>Ok.</feedback></choice>\n" /* 11 */
                   "<choice to=\"e\" if=\"f\">Once more<feedback>Ok.</feedback></choice>\n"
                   "<choice to=\"e\">Once more<feedback>Ok.</feedback></choice>\n" /* 13 */
                   "</node><ending id=\"e\" title=\"E\"/></story>",
              "t.xml:6:1: warning: the choice \"Same {f}\" has no <feedback>: say something about "
              "what the person chose [W-no-feedback]\n"
              "t.xml:7:1: warning: two choices of node 'a' read \"Same {f}\" (the other is at line "
              "6): the person cannot tell them apart [W-duplicate-label]\n"
              "t.xml:11:1: warning: two choices of node 'a' read \"Both\" (the other is at line "
              "10): the person cannot tell them apart [W-duplicate-label]\n"
              "t.xml:12:1: warning: two choices of node 'a' read \"Once more\" (the other is at "
              "line 13): the person cannot tell them apart [W-duplicate-label]");
}

static void test_lint_variables(void **state) {
  (void)state;
  assert_lint(HEAD "<var name=\"unused\" type=\"int\"/>\n"           /* 4 */
                   "<var name=\"written\" type=\"int\"/>\n"          /* 5 */
                   "<var name=\"m\" type=\"int\" label=\"Mood\"/>\n" /* 6 */
                   "<var name=\"never_set\" type=\"bool\"/>\n"       /* 7 */
                   "<var name=\"j\" type=\"text\"/>\n"               /* 8: journaled */
                   "<var name=\"lost\" type=\"text\"/>\n"            /* 9 */
                   "<var name=\"score\" type=\"int\"/>\n"            /* 10: score, read */
                   "<node id=\"a\"><set var=\"written\" value=\"2\"/>\n"
                   "<ask var=\"j\" kind=\"text\">J?</ask>\n"
                   "<ask var=\"lost\" kind=\"text\" journal=\"false\">L?</ask>\n" /* 13 */
                   "<check var=\"j\" score=\"score\"><rule label=\"R\" pattern=\"x\"/></check>\n"
                   "<text if=\"never_set\">{score}</text>\n"
                   "<choice to=\"e\">Go<feedback>Ok.</feedback></choice></node>\n"
                   "<ending id=\"e\" title=\"E\"/></story>",
              "t.xml:4:1: warning: the variable 'unused' is never used [W-unread]\n"
              "t.xml:5:1: warning: the variable 'written' is set but never read [W-unread]\n"
              "t.xml:6:1: warning: the measure 'm' (\"Mood\") never changes: no <set>, question or "
              "score writes it [W-unchanged]\n"
              "t.xml:7:1: warning: the variable 'never_set' is read but never set: it always "
              "holds its initial value [W-unset]\n"
              "t.xml:13:1: warning: the answer to this question goes nowhere: 'lost' is never "
              "read and journal is off [W-unused-answer]");
}

static void test_lint_check_in_never_asked(void **state) {
  (void)state;
  assert_lint(HEAD
              "<var name=\"urge\" type=\"int\" label=\"Urge\"/>\n"                      /* 4 */
              "<var name=\"calm\" type=\"int\" label=\"Calm\" measure=\"check-in\"/>\n" /* 5 */
              "<var name=\"steps\" type=\"int\" label=\"Steps\" measure=\"story\"/>\n"
              "<var name=\"sure\" type=\"bool\" label=\"Sure\" measure=\"check-in\"/>\n" /* 7 */
              "<node id=\"a\"><ask var=\"urge\" kind=\"scale\" min=\"0\" max=\"9\">U?</ask>\n"
              "<ask var=\"sure\" kind=\"yesno\">S?</ask>\n"
              "<choice to=\"e\">Go<set var=\"calm\" value=\"calm + 1\"/>\n"
              "<set var=\"steps\" value=\"steps + 1\"/><feedback>Ok.</feedback></choice>\n"
              "</node><ending id=\"e\" title=\"E\"/></story>",
              "t.xml:5:1: warning: the measure 'calm' (\"Calm\") is a check-in, but no question "
              "asks it: the person never says it (add an <ask>, or write measure=\"story\" if "
              "the story works it out) [W-unasked]");
}

#define REP(line, col, sentence, earlier)                                                          \
  "t.xml:" #line ":" #col ": warning: \"" sentence                                                 \
  "\" repeats what the person was just shown (line " #earlier                                      \
  "): say it once, or say it differently [W-repeated-sentence]"

static void test_lint_repeat_feedback_then_next_paragraph(void **state) {
  (void)state;
  /* the feedback of a choice comes back, word for word (case, commas,
   * apostrophes and quotes aside), as the next node's first paragraph */
  assert_lint(HEAD "<node id=\"a\"><text>It is late.</text>\n" /* 4 */
                   "<choice to=\"b\">Go<feedback>The article: \"Use the urge to improve "
                   "yourself.\" Tonight, that can be small.</feedback></choice></node>\n" /* 5 */
                   "<node id=\"b\"><text>The urge is here. The article says: \u201cuse THE "
                   "urge to improve yourself\u201d. Tonight that can be small.</text>\n" /* 6 */
                   "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>",
              REP(6, 14, "use THE urge to improve yourself", 5));
}

static void test_lint_repeat_within_a_node_and_across_a_goto(void **state) {
  (void)state;
  assert_lint(
      HEAD "<var name=\"n\" type=\"int\" min=\"0\" max=\"3\" label=\"N\"/>\n"
           "<node id=\"a\"><ask var=\"n\" kind=\"scale\">N?</ask>\n"
           "<text>You got through the night without them.</text>\n"              /* 6 */
           "<text if=\"n > 1\">You got through the night without them!</text>\n" /* 7 */
           "<goto to=\"b\"/></node>\n"
           "<node id=\"b\"><text>Morning. You got through the night without them.</text>\n" /* 9 */
           "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>",
      REP(7, 1, "You got through the night without them", 6) "\n" REP(
          9, 14, "You got through the night without them", 6) "\n" REP(9, 14,
                                                                       "You got through "
                                                                       "the night without "
                                                                       "them",
                                                                       7));
}

static void test_lint_repeat_left_alone(void **state) {
  (void)state;
  /* exclusive conditions; short sentences; far apart; after the next node's
   * question; the same node again (a loop back) */
  assert_lint(HEAD
              "<var name=\"n\" type=\"int\" min=\"0\" max=\"3\" label=\"N\"/>\n"
              "<node id=\"a\"><ask var=\"n\" kind=\"scale\">N?</ask>\n"
              "<text if=\"n == 1\">You reached out once. That does not undo the week.</text>\n"
              "<text if=\"n > 1\">You reached out {n} times. That does not undo the week.</text>\n"
              "<text>It is late now.</text>\n"
              "<choice to=\"b\">On<feedback>It is late now.</feedback></choice>\n"
              "<choice to=\"a\">Again<feedback>You reached out, and that does not undo "
              "the week.</feedback></choice></node>\n"
              "<node id=\"b\"><ask var=\"n\" kind=\"scale\">Again, N?</ask>\n"
              "<text>That does not undo the week at all.</text>\n"
              "<text>Far from here: a sentence said once only.</text>\n"
              "<goto to=\"c\"/></node>\n"
              "<node id=\"c\"><text>Here again.</text><goto to=\"d\"/></node>\n"
              "<node id=\"d\"><text>Far from here: a sentence said once only.</text>\n"
              "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>",
              "");
}

static void test_lint_repeat_through_an_empty_node_and_in_feedbacks(void **state) {
  (void)state;
  assert_lint(HEAD
              "<node id=\"a\"><text>Writing it down can help a little tonight.</text>\n" /* 4 */
              "<choice to=\"pass\">Write<feedback>Writing it down can help a little "
              "tonight.</feedback>\n" /* 5 */
              "<feedback>Some words of another kind come here now.</feedback></choice>\n"
              "<choice to=\"pass\">Wait<feedback>Nothing new here at all.</feedback></choice>\n"
              "</node>\n"
              "<node id=\"pass\"><goto to=\"b\"/></node>\n"
              "<node id=\"b\"><text>Some words of another kind come here now.</text>\n" /* 10 */
              "<goto to=\"e\"/></node><ending id=\"e\" title=\"E\"/></story>",
              REP(5, 24, "Writing it down can help a little tonight",
                  4) "\n" REP(10, 14, "Some words of another kind come here now", 6));
}

static void test_lint_empty_patterns(void **state) {
  (void)state;
  assert_lint(
      HEAD "<var name=\"d\" type=\"text\"/>\n"
           "<node id=\"a\"><ask var=\"d\" kind=\"text\">D?</ask>\n"
           "<check var=\"d\"><rule label=\"Any\" pattern=\"x*\"/>\n"     /* 6 */
           "<rule label=\"Not\" pattern=\"^|sorry\" absent=\"true\"/>\n" /* 7 */
           "<rule label=\"Fine\" pattern=\"x+\"/></check>\n"
           "<choice to=\"e\">Go<feedback>Ok.</feedback></choice></node>\n"
           "<ending id=\"e\" title=\"E\"/></story>",
      "t.xml:6:16: warning: the pattern of rule \"Any\" matches even an empty answer, so the "
      "rule is always met [W-empty-pattern]\n"
      "t.xml:7:1: warning: the pattern of rule \"Not\" matches even an empty answer, so the "
      "rule is never met [W-empty-pattern]");
}

static void test_lint_long_paragraphs_over_120_words(void **state) {
  (void)state;
  char w120[512] = "", w121[1024], x121[1024], y121[1024];
  for (int i = 0; i < 120; i++)
    strcat(w120, i ? " w" : "w");
  snprintf(w121, sizeof w121, "%s {d}", w120); /* a variable counts as a word */
  /* (each long text says something else: the same sentence twice is W-repeated-sentence) */
  for (size_t i = 0; i < strlen(w121); i++)
    x121[i] = w121[i] == 'w' ? 'x' : w121[i], y121[i] = w121[i] == 'w' ? 'y' : w121[i];
  x121[strlen(w121)] = y121[strlen(w121)] = 0;
  char xml[8192];
  snprintf(xml, sizeof xml,
           HEAD "<var name=\"d\" type=\"text\"/>\n"
                "<node id=\"a\"><text>%s</text>\n" /* 5 */
                "<text>%s</text>\n"                /* 6 */
                "<ask var=\"d\" kind=\"text\">D?</ask>\n"
                "<check var=\"d\"><rule label=\"R\" pattern=\"x\">\n" /* 8 */
                "<unmet>%s</unmet></rule></check>\n"
                "<choice to=\"e\">Go<feedback>%s</feedback></choice></node>\n" /* 10 */
                "<ending id=\"e\" title=\"E\"/></story>",
           w120, w121, x121, y121);
  assert_lint(xml,
              "t.xml:6:1: warning: a paragraph of 121 words (over 120): split it into shorter "
              "ones for a reader in distress [W-long-paragraph]\n"
              "t.xml:8:16: warning: the <unmet> feedback of 121 words (over 120): split it "
              "into shorter ones for a reader in distress [W-long-paragraph]\n"
              "t.xml:10:18: warning: a feedback of 121 words (over 120): split it into shorter "
              "ones for a reader in distress [W-long-paragraph]");
}

static void test_lint_warnings_carry_code_file_and_line(void **state) {
  (void)state;
  mend_story *s = load_ok(HEAD "<node id=\"a\"><choice to=\"e\">Go</choice></node>\n"
                               "<ending id=\"e\" title=\"E\"/></story>");
  mend_diags *d = mend_diags_new();
  mend_story_lint(s, d);
  assert_int_equal(mend_diags_count(d), 1);
  assert_int_equal(mend_diags_errors(d), 0);
  const mend_diag *g = mend_diags_at(d, 0);
  assert_int_equal(g->severity, MEND_WARNING);
  assert_string_equal(g->code, "W-no-feedback");
  assert_string_equal(g->file, "t.xml");
  assert_int_equal(g->line, 4);
  assert_int_equal(g->column, 14); /* the <choice> */
  mend_diags_free(d);
  mend_story_free(s);
}

/* ---- sorting diagnostics -------------------------------------------------------------------- */

static void test_diags_sort_is_stable_by_file_line_column(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  enum { N = 5000 };
  char msg[32];
  for (int i = 0; i < N; i++) { /* lines N..1, each twice: "first" then "second" */
    snprintf(msg, sizeof msg, "first %d", N - i);
    mend_diags_add(d, MEND_WARNING, "b.xml", N - i, 0, "W-x", msg);
    snprintf(msg, sizeof msg, "second %d", N - i);
    mend_diags_add(d, MEND_WARNING, "b.xml", N - i, 0, "W-x", msg);
  }
  mend_diags_add(d, MEND_ERROR, "a.xml", 9, 3, NULL, "col 3");
  mend_diags_add(d, MEND_ERROR, "a.xml", 9, 2, NULL, "col 2");
  mend_diags_sort(d);
  assert_int_equal(mend_diags_count(d), 2 * N + 2);
  assert_string_equal(mend_diags_at(d, 0)->message, "col 2");
  assert_string_equal(mend_diags_at(d, 1)->message, "col 3");
  for (int i = 0; i < N; i++) {
    snprintf(msg, sizeof msg, "first %d", i + 1);
    assert_string_equal(mend_diags_at(d, 2 + 2 * (size_t)i)->message, msg);
    snprintf(msg, sizeof msg, "second %d", i + 1);
    assert_string_equal(mend_diags_at(d, 3 + 2 * (size_t)i)->message, msg);
  }
  assert_int_equal(mend_diags_errors(d), 2);
  mend_diags_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_graph_nodes_in_story_order_with_their_content),
      cmocka_unit_test(test_graph_edges_in_document_order_with_labels_conditions_weights),
      cmocka_unit_test(test_graph_reachability_endings_and_cycles),
      cmocka_unit_test(test_graph_long_loop_is_one_cycle),
      cmocka_unit_test(test_var_use_counts_reads_writes_and_journal),
      cmocka_unit_test(test_lint_codes_are_the_documented_ones),
      cmocka_unit_test(test_lint_clean_story_has_no_warning),
      cmocka_unit_test(test_lint_unreachable_and_trap),
      cmocka_unit_test(test_lint_a_node_that_only_leads_to_itself),
      cmocka_unit_test(test_lint_dead_end_once_and_random),
      cmocka_unit_test(test_lint_random_with_fallback_before_it_is_fine),
      cmocka_unit_test(test_lint_feedback_and_duplicate_labels),
      cmocka_unit_test(test_lint_variables),
      cmocka_unit_test(test_lint_check_in_never_asked),
      cmocka_unit_test(test_lint_repeat_feedback_then_next_paragraph),
      cmocka_unit_test(test_lint_repeat_within_a_node_and_across_a_goto),
      cmocka_unit_test(test_lint_repeat_left_alone),
      cmocka_unit_test(test_lint_repeat_through_an_empty_node_and_in_feedbacks),
      cmocka_unit_test(test_lint_empty_patterns),
      cmocka_unit_test(test_lint_long_paragraphs_over_120_words),
      cmocka_unit_test(test_lint_warnings_carry_code_file_and_line),
      cmocka_unit_test(test_diags_sort_is_stable_by_file_line_column),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
