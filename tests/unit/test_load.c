/* SPDX-License-Identifier: MIT */
/*
 * test_load.c - the loader: every element and attribute of the story format
 * compiles as story-format.md says, errors are all reported with file, line
 * and (where libxml2 knows it) column, the story hash follows the bytes, and
 * XInclude works from files but is refused from memory without a base dir.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/xmlerror.h>

#include "mend/mend.h"
#include "model.h"
#include "helpers.h"

/* ---- helpers ------------------------------------------------------------- */

static void print_diags(const mend_diags *d) {
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *m = mend_diag_format(mend_diags_at(d, i));
    print_message("  %s\n", m);
    mend_free(m);
  }
}

/* Loads a story from memory as "t.xml"; fails the test with the diagnostics
 * when it does not load. */

/* Loads a story that must fail; returns its diagnostics. */
static mend_diags *load_bad(const char *xml, const char *name) {
  mend_diags *d = mend_diags_new();
  mend_story *s = mend_story_load_memory(xml, strlen(xml), name, NULL, d);
  if (s) {
    mend_story_free(s);
    mend_diags_free(d);
    fail_msg("the story loaded, but it should have been rejected");
  }
  return d;
}

/* The formatted i-th diagnostic, in a static buffer. */
static const char *diag_str(const mend_diags *d, size_t i) {
  static char buf[2048];
  const mend_diag *g = mend_diags_at(d, i);
  assert_non_null(g);
  char *m = mend_diag_format(g);
  snprintf(buf, sizeof buf, "%s", m);
  mend_free(m);
  return buf;
}

static int32_t node_index(const mend_story *s, const char *id) {
  for (size_t i = 0; i < s->nnodes; i++)
    if (!strcmp(s->nodes[i].id, id)) return (int32_t)i;
  fail_msg("no node '%s'", id);
  return -1;
}

static int32_t var_index(const mend_story *s, const char *name) {
  for (size_t i = 0; i < s->nvars; i++)
    if (!strcmp(s->vars[i].info.name, name)) return (int32_t)i;
  fail_msg("no variable '%s'", name);
  return -1;
}

/* ---- the story element and its header ------------------------------------ */

static void test_story_header_accessors_return_compiled_values(void **state) {
  (void)state;
  mend_story *s = load_ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<story id=\"late-night-2\" format=\"1\" start=\"e\" lang=\"pt-BR\">\n"
                          "  <title>  The 1 a.m.\n     message </title>\n"
                          "  <about>Practise  the\tone message.</about>\n"
                          "  <meta>\n"
                          "    <author> Example  author </author>\n"
                          "    <minutes> 8 </minutes>\n"
                          "    <tags>no-contact   messaging</tags>\n"
                          "    <source>Step 1: Text them</source>\n"
                          "  </meta>\n"
                          "  <ending id=\"e\" title=\"End\"/>\n"
                          "</story>\n");
  assert_string_equal(mend_story_id(s), "late-night-2");
  assert_string_equal(mend_story_title(s), "The 1 a.m. message");
  assert_string_equal(mend_story_about(s), "Practise the one message.");
  assert_string_equal(mend_story_lang(s), "pt-BR");
  assert_string_equal(mend_story_author(s), "Example author");
  assert_int_equal(mend_story_minutes(s), 8);
  assert_string_equal(mend_story_tags(s), "no-contact messaging");
  assert_string_equal(mend_story_source(s), "Step 1: Text them");
  assert_string_equal(mend_story_file(s), "t.xml");
  assert_int_equal(mend_story_var_count(s), 0);
  assert_null(mend_story_var(s, 0));
  mend_story_free(s);
}

static void test_story_header_defaults_when_optional_parts_absent(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"m\" format=\"1\" start=\"e\"><title>M</title>"
                          "<ending id=\"e\" title=\"End\"/></story>");
  assert_string_equal(mend_story_id(s), "m");
  assert_string_equal(mend_story_title(s), "M");
  assert_string_equal(mend_story_about(s), "");
  assert_string_equal(mend_story_lang(s), "en");
  assert_string_equal(mend_story_author(s), "");
  assert_int_equal(mend_story_minutes(s), 0);
  assert_string_equal(mend_story_tags(s), "");
  assert_string_equal(mend_story_source(s), "");
  mend_story_free(s);
}

static void test_start_may_name_an_ending(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"m\" format=\"1\" start=\"e\"><title>M</title>"
                          "<node id=\"n\"><goto to=\"e\"/></node>"
                          "<ending id=\"e\" title=\"End\"/></story>");
  assert_int_equal(s->start, node_index(s, "e"));
  assert_true(s->nodes[s->start].ending);
  mend_story_free(s);
}

/* ---- variables -------------------------------------------------------------- */

static void test_var_types_and_default_inits(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"v\" format=\"1\" start=\"e\"><title>V</title>\n"
                          "<var name=\"i\" type=\"int\"/>\n"
                          "<var name=\"b\" type=\"bool\"/>\n"
                          "<var name=\"t\" type=\"text\"/>\n"
                          "<var name=\"i2\" type=\"int\" init=\"-7\"/>\n"
                          "<var name=\"b2\" type=\"bool\" init=\"true\"/>\n"
                          "<var name=\"t2\" type=\"text\" init=\"  Sam   Smith \"/>\n"
                          "<ending id=\"e\" title=\"End\"/></story>");
  assert_int_equal(mend_story_var_count(s), 6);
  const mend_var_info *v = mend_story_var(s, 0);
  assert_string_equal(v->name, "i");
  assert_int_equal(v->type, MEND_INT);
  assert_int_equal(v->init, 0);
  assert_false(v->has_min);
  assert_false(v->has_max);
  assert_null(v->label);
  assert_int_equal(v->line, 2);
  v = mend_story_var(s, 1);
  assert_string_equal(v->name, "b");
  assert_int_equal(v->type, MEND_BOOL);
  assert_int_equal(v->init, 0);
  assert_int_equal(v->line, 3);
  v = mend_story_var(s, 2);
  assert_string_equal(v->name, "t");
  assert_int_equal(v->type, MEND_TEXT);
  assert_string_equal(v->init_text, "");
  v = mend_story_var(s, 3);
  assert_int_equal(v->init, -7);
  v = mend_story_var(s, 4);
  assert_int_equal(v->init, 1);
  v = mend_story_var(s, 5);
  assert_string_equal(v->init_text, "Sam Smith");
  assert_int_equal(v->line, 7);

  /* a session starts from those values */
  mend_session *ss = mend_session_new(s, 1);
  assert_int_equal(mend_session_int(ss, "i2"), -7);
  assert_int_equal(mend_session_int(ss, "b2"), 1);
  assert_string_equal(mend_session_text(ss, "t"), "");
  assert_string_equal(mend_session_text(ss, "t2"), "Sam Smith");
  mend_session_free(ss);
  mend_story_free(s);
}

static void test_var_min_max_and_default_init_clamped_into_range(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"v\" format=\"1\" start=\"e\"><title>V</title>"
                          "<var name=\"lo\" type=\"int\" min=\"3\" max=\"9\"/>"
                          "<var name=\"hi\" type=\"int\" min=\"-9\" max=\"-2\"/>"
                          "<var name=\"mid\" type=\"int\" min=\"-5\" max=\"5\"/>"
                          "<var name=\"onlymax\" type=\"int\" max=\"-4\"/>"
                          "<var name=\"onlymin\" type=\"int\" min=\"2\"/>"
                          "<var name=\"given\" type=\"int\" init=\"9\" min=\"3\" max=\"9\"/>"
                          "<ending id=\"e\" title=\"End\"/></story>");
  const mend_var_info *v = mend_story_var(s, 0);
  assert_true(v->has_min && v->has_max);
  assert_int_equal(v->min, 3);
  assert_int_equal(v->max, 9);
  assert_int_equal(v->init, 3);
  v = mend_story_var(s, 1);
  assert_int_equal(v->min, -9);
  assert_int_equal(v->max, -2);
  assert_int_equal(v->init, -2);
  assert_int_equal(mend_story_var(s, 2)->init, 0);
  v = mend_story_var(s, 3);
  assert_false(v->has_min);
  assert_true(v->has_max);
  assert_int_equal(v->init, -4);
  v = mend_story_var(s, 4);
  assert_true(v->has_min);
  assert_false(v->has_max);
  assert_int_equal(v->init, 2);
  assert_int_equal(mend_story_var(s, 5)->init, 9);
  mend_story_free(s);
}

static void test_var_explicit_init_outside_range_is_error(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"v\" format=\"1\" start=\"e\"><title>V</title>\n"
                           "<var name=\"a\" type=\"int\" init=\"11\" min=\"0\" max=\"10\"/>\n"
                           "<var name=\"b\" type=\"int\" init=\"-1\" min=\"0\"/>\n"
                           "<ending id=\"e\" title=\"End\"/></story>",
                           "t.xml");
  assert_int_equal(mend_diags_count(d), 2);
  assert_string_equal(
      diag_str(d, 0),
      "t.xml:2:32: error: init=\"11\" is outside the variable's range 0..10 [E-range]");
  assert_string_equal(diag_str(d, 1), "t.xml:3:32: error: init=\"-1\" is below the variable's "
                                      "min=\"0\" [E-range]");
  mend_diags_free(d);
}

static void test_labelled_vars_are_measures_in_declaration_order(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"v\" format=\"1\" start=\"e\"><title>V</title>"
                          "<var name=\"urge\" type=\"int\" init=\"5\" min=\"0\" max=\"10\" "
                          "label=\"  Urge to \n reach out \"/>"
                          "<var name=\"plain\" type=\"int\"/>"
                          "<var name=\"ready\" type=\"bool\" init=\"true\" label=\"Ready\"/>"
                          "<ending id=\"e\" title=\"End\"/></story>");
  assert_string_equal(mend_story_var(s, 0)->label, "Urge to reach out");
  assert_null(mend_story_var(s, 1)->label);
  assert_string_equal(mend_story_var(s, 2)->label, "Ready");
  mend_session *ss = mend_session_new(s, 1);
  const mend_summary *sum = mend_session_summary(ss);
  assert_int_equal(sum->nmeasures, 2);
  assert_string_equal(sum->measures[0].name, "urge");
  assert_string_equal(sum->measures[0].label, "Urge to reach out");
  assert_int_equal(sum->measures[0].start, 5);
  assert_int_equal(sum->measures[0].final, 5);
  assert_string_equal(sum->measures[1].name, "ready");
  assert_int_equal(sum->measures[1].start, 1);
  mend_session_free(ss);
  mend_story_free(s);
}

static void test_measure_kind_explicit_or_from_the_questions(void **state) {
  (void)state;
  mend_story *s =
      load_ok("<story id=\"v\" format=\"1\" start=\"a\"><title>V</title>"
              "<var name=\"urge\" type=\"int\" min=\"0\" max=\"10\" label=\"Urge\"/>"
              "<var name=\"respect\" type=\"int\" label=\"Respect\"/>"
              "<var name=\"calm\" type=\"int\" label=\"Calm\" measure=\"check-in\"/>"
              "<var name=\"asked\" type=\"bool\" label=\"Asked\" measure=\"story\"/>"
              "<var name=\"plain\" type=\"int\" min=\"0\" max=\"3\"/>"
              "<node id=\"a\"><ask var=\"urge\" kind=\"scale\">U?</ask>"
              "<ask var=\"asked\" kind=\"yesno\">A?</ask><ask var=\"plain\" kind=\"scale\">P?</ask>"
              "<set var=\"respect\" value=\"respect + 1\"/><set var=\"calm\" value=\"1\"/>"
              "<goto to=\"e\"/></node><ending id=\"e\" title=\"End\"/></story>");
  assert_int_equal(mend_story_var(s, 0)->measure, MEND_MEASURE_CHECKIN); /* asked */
  assert_int_equal(mend_story_var(s, 1)->measure, MEND_MEASURE_STORY);   /* never asked */
  assert_int_equal(mend_story_var(s, 2)->measure, MEND_MEASURE_CHECKIN); /* written */
  assert_int_equal(mend_story_var(s, 3)->measure, MEND_MEASURE_STORY);   /* written, asked */
  assert_int_equal(mend_story_var(s, 4)->measure, MEND_MEASURE_NONE);    /* no label */
  assert_string_equal(mend_measure_kind_name(MEND_MEASURE_CHECKIN), "check-in");
  assert_string_equal(mend_measure_kind_name(MEND_MEASURE_STORY), "story");
  assert_string_equal(mend_measure_kind_name(MEND_MEASURE_NONE), "");
  mend_session *ss = mend_session_new(s, 1);
  const mend_summary *sum = mend_session_summary(ss);
  assert_int_equal(sum->nmeasures, 4);
  assert_int_equal(sum->measures[0].kind, MEND_MEASURE_CHECKIN);
  assert_int_equal(sum->measures[1].kind, MEND_MEASURE_STORY);
  assert_int_equal(sum->measures[2].kind, MEND_MEASURE_CHECKIN);
  assert_int_equal(sum->measures[3].kind, MEND_MEASURE_STORY);
  mend_session_free(ss);
  mend_story_free(s);
}

static void test_measure_kind_errors(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"v\" format=\"1\" start=\"e\"><title>V</title>\n"
                           "<var name=\"a\" type=\"int\" label=\"A\" measure=\"Story\"/>\n"
                           "<var name=\"b\" type=\"int\" measure=\"check-in\"/>\n"
                           "<ending id=\"e\" title=\"End\"/></story>",
                           "t.xml");
  assert_int_equal(mend_diags_count(d), 2);
  assert_string_equal(diag_str(d, 0),
                      "t.xml:2:45: error: measure=\"Story\" is not a kind of measure (did you mean "
                      "'story'?): use check-in (the person is asked it) or story (the story works "
                      "it out) [E-value]");
  assert_string_equal(diag_str(d, 1),
                      "t.xml:3:26: error: measure=\"check-in\" needs a label: only a labelled "
                      "variable is a measure (add label=\"...\", the words that name it) "
                      "[E-missing]");
  mend_diags_free(d);
}

/* ---- ask -------------------------------------------------------------------- */

static void test_ask_kinds_ranges_and_journal_defaults(void **state) {
  (void)state;
  mend_story *s =
      load_ok("<story id=\"a\" format=\"1\" start=\"n\"><title>A</title>\n"
              "<var name=\"urge\" type=\"int\" min=\"1\" max=\"10\"/>\n"
              "<var name=\"ok\" type=\"bool\"/>\n"
              "<var name=\"t\" type=\"text\"/>\n"
              "<node id=\"n\">\n"
              "<ask var=\"urge\" kind=\"scale\">From the var?</ask>\n"
              "<ask var=\"urge\" kind=\"scale\" min=\"1\" max=\"5\">Own range?</ask>\n"
              "<ask var=\"urge\" kind=\"scale\" min=\"2\">Half own?</ask>\n"
              "<ask var=\"ok\" kind=\"yesno\">Yes or <em>no</em>?</ask>\n"
              "<ask var=\"t\" kind=\"text\">Write <strong>it</strong>.\n"
              "  <example>  first   example </example>\n"
              "  <example>second</example>\n"
              "</ask>\n"
              "<ask var=\"t\" kind=\"text\" journal=\"false\">Not for the journal.</ask>\n"
              "<goto to=\"e\"/></node>\n"
              "<ending id=\"e\" title=\"End\"/></story>");
  mend_session *ss = mend_session_new(s, 1);
  const mend_question *q = mend_session_question(ss);
  assert_non_null(q);
  assert_int_equal(q->kind, MEND_ASK_SCALE);
  assert_string_equal(q->var, "urge");
  assert_string_equal(q->prompt.text, "From the var?");
  assert_int_equal(q->min, 1);
  assert_int_equal(q->max, 10);
  assert_false(q->journal);
  assert_int_equal(q->nexamples, 0);
  assert_int_equal(q->line, 6);
  assert_int_equal(mend_session_answer(ss, "0"), MEND_E_RANGE);
  assert_int_equal(mend_session_answer(ss, "1"), MEND_OK);

  q = mend_session_question(ss);
  assert_string_equal(q->prompt.text, "Own range?");
  assert_int_equal(q->min, 1);
  assert_int_equal(q->max, 5);
  assert_int_equal(mend_session_answer(ss, "1"), MEND_OK);

  q = mend_session_question(ss);
  assert_string_equal(q->prompt.text, "Half own?");
  assert_int_equal(q->min, 2);
  assert_int_equal(q->max, 10);
  assert_int_equal(mend_session_answer(ss, "2"), MEND_OK);

  q = mend_session_question(ss);
  assert_int_equal(q->kind, MEND_ASK_YESNO);
  assert_string_equal(q->var, "ok");
  assert_string_equal(q->prompt.text, "Yes or no?");
  assert_int_equal(q->prompt.nspans, 1);
  assert_int_equal(q->prompt.spans[0].start, 7);
  assert_int_equal(q->prompt.spans[0].length, 2);
  assert_int_equal(q->prompt.spans[0].style, MEND_STYLE_EM);
  assert_false(q->journal);
  assert_int_equal(mend_session_answer(ss, "yes"), MEND_OK);

  q = mend_session_question(ss);
  assert_int_equal(q->kind, MEND_ASK_TEXT);
  assert_string_equal(q->prompt.text, "Write it.");
  assert_true(q->journal);
  assert_int_equal(q->nexamples, 2);
  assert_string_equal(q->examples[0], "first example");
  assert_string_equal(q->examples[1], "second");
  assert_int_equal(mend_session_answer(ss, "x"), MEND_OK);

  q = mend_session_question(ss);
  assert_int_equal(q->kind, MEND_ASK_TEXT);
  assert_false(q->journal);
  assert_int_equal(q->line, 14);
  mend_session_free(ss);
  mend_story_free(s);
}

static void test_scale_ask_without_any_range_is_error(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"a\" format=\"1\" start=\"n\"><title>A</title>\n"
                           "<var name=\"n\" type=\"int\" min=\"0\"/>\n"
                           "<node id=\"n\">\n"
                           "<ask var=\"n\" kind=\"scale\">How much?</ask>\n"
                           "<goto to=\"n\"/></node></story>",
                           "t.xml");
  assert_int_equal(mend_diags_count(d), 1);
  assert_string_equal(diag_str(d, 0), "t.xml:4:1: error: a scale question needs min and max, on "
                                      "the <ask> or on its variable 'n' [E-scale]");
  mend_diags_free(d);
}

/* ---- check and rule ---------------------------------------------------------- */

static void test_check_compiles_var_score_and_rules(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"c\" format=\"1\" start=\"n\"><title>C</title>\n"
                          "<var name=\"q\" type=\"int\"/>\n"
                          "<var name=\"draft\" type=\"text\"/>\n"
                          "<node id=\"n\">\n"
                          "<check var=\"draft\" score=\"q\" if=\"len(draft) > 0\">\n"
                          "  <rule label=\"Owns it\" pattern=\"sorry|my fault\" weight=\"3\">\n"
                          "    <met>Good.</met><unmet>Say <em>sorry</em>.</unmet>\n"
                          "  </rule>\n"
                          "  <rule label=\"No begging\" pattern=\"please\" absent=\"true\"/>\n"
                          "</check>\n"
                          "<check var=\"draft\"><rule label=\"Any\" pattern=\"a\"/></check>\n"
                          "<goto to=\"n\"/></node></story>");
  const node *n = &s->nodes[node_index(s, "n")];
  assert_int_equal(n->nops, 2);
  const op *o = &s->ops[n->first_op];
  assert_int_equal(o->kind, OP_CHECK);
  assert_int_equal(o->var, var_index(s, "draft"));
  assert_int_equal(o->value, var_index(s, "q"));
  assert_true(o->cond >= 0);
  assert_string_equal(s->xrefs[o->cond].src, "len(draft) > 0");
  assert_int_equal(o->at.line, 5);
  assert_int_equal(o->count, 2);
  const rule *r = &s->rules[o->first];
  assert_string_equal(r[0].label, "Owns it");
  assert_false(r[0].absent);
  assert_int_equal(r[0].weight, 3);
  assert_int_equal(r[0].met.count > 0, 1);
  assert_int_equal(r[0].unmet.count > 0, 1);
  assert_int_equal(r[0].at.line, 6);
  assert_true(model_regex_match(&r[0].re, "It was MY FAULT"));
  assert_false(model_regex_match(&r[0].re, "whatever"));
  assert_string_equal(r[1].label, "No begging");
  assert_true(r[1].absent);
  assert_int_equal(r[1].weight, 1);
  assert_int_equal(r[1].met.count, 0);
  assert_int_equal(r[1].unmet.count, 0);
  const op *o2 = &s->ops[n->first_op + 1];
  assert_int_equal(o2->kind, OP_CHECK);
  assert_int_equal(o2->value, -1);
  assert_int_equal(o2->cond, -1);
  assert_int_equal(o2->count, 1);
  mend_story_free(s);
}

static void test_check_on_non_text_var_or_non_int_score_is_error(void **state) {
  (void)state;
  mend_diags *d =
      load_bad("<story id=\"c\" format=\"1\" start=\"n\"><title>C</title>\n"
               "<var name=\"q\" type=\"int\"/>\n"
               "<var name=\"t\" type=\"text\"/>\n"
               "<node id=\"n\">\n"
               "<check var=\"q\"><rule label=\"A\" pattern=\"a\"/></check>\n"
               "<check var=\"t\" score=\"t\"><rule label=\"A\" pattern=\"a\"/></check>\n"
               "<goto to=\"n\"/></node></story>",
               "t.xml");
  assert_int_equal(mend_diags_count(d), 2);
  assert_string_equal(diag_str(d, 0), "t.xml:5:13: error: <check var=\"q\">: a check reads a text "
                                      "variable, but 'q' is int [E-type]");
  assert_string_equal(diag_str(d, 1), "t.xml:6:23: error: score=\"t\": the score goes into an int "
                                      "variable, but 't' is text [E-type]");
  mend_diags_free(d);
}

/* ---- choices, gotos, random -------------------------------------------------- */

static void test_choice_id_once_if_and_target_compile(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"c\" format=\"1\" start=\"n\"><title>C</title>\n"
                          "<var name=\"x\" type=\"int\"/>\n"
                          "<node id=\"n\">\n"
                          "<choice to=\"e\">Plain <em>one</em></choice>\n"
                          "<choice to=\"n\" id=\"again\" once=\"true\">Again\n"
                          "  <set var=\"x\" value=\"x + 1\"/>\n"
                          "  <feedback tone=\"caution\">Hm.</feedback>\n"
                          "  <feedback>Ok.</feedback>\n"
                          "</choice>\n"
                          "<choice to=\"e\" if=\"x > 0\" once=\"false\">Guarded</choice>\n"
                          "</node>\n"
                          "<ending id=\"e\" title=\"End\"/></story>");
  const node *n = &s->nodes[node_index(s, "n")];
  assert_int_equal(n->nchoices, 3);
  const choice *c = &s->choices[n->first_choice];
  assert_null(c[0].id);
  assert_false(c[0].once);
  assert_int_equal(c[0].cond, -1);
  assert_int_equal(c[0].to, node_index(s, "e"));
  assert_int_equal(c[0].index, 0);
  assert_int_equal(c[0].nsets, 0);
  assert_int_equal(c[0].nfb, 0);
  assert_int_equal(c[0].at.line, 4);
  assert_string_equal(c[1].id, "again");
  assert_true(c[1].once);
  assert_int_equal(c[1].to, node_index(s, "n"));
  assert_int_equal(c[1].index, 1);
  assert_int_equal(c[1].nsets, 1);
  assert_int_equal(s->ops[c[1].first_set].kind, OP_SET);
  assert_int_equal(c[1].nfb, 2);
  assert_int_equal(s->fbs[c[1].first_fb].tone, MEND_TONE_CAUTION);
  assert_int_equal(s->fbs[c[1].first_fb + 1].tone, MEND_TONE_NEUTRAL);
  assert_false(c[2].once);
  assert_true(c[2].cond >= 0);
  assert_string_equal(s->xrefs[c[2].cond].src, "x > 0");
  assert_int_equal(c[2].index, 2);

  /* the session offers the first two (x == 0), with ids and stable indexes */
  mend_session *ss = mend_session_new(s, 1);
  assert_int_equal(mend_session_pending(ss), MEND_PENDING_CHOICE);
  assert_int_equal(mend_session_choice_count(ss), 2);
  const mend_choice_view *v = mend_session_choice(ss, 0);
  assert_string_equal(v->label.text, "Plain one");
  assert_null(v->id);
  assert_int_equal(v->index, 0);
  assert_int_equal(v->line, 4);
  v = mend_session_choice(ss, 1);
  assert_string_equal(v->label.text, "Again");
  assert_string_equal(v->id, "again");
  assert_int_equal(v->index, 1);
  assert_null(mend_session_choice(ss, 2));
  mend_session_free(ss);
  mend_story_free(s);
}

static void test_goto_and_random_compile_with_weights(void **state) {
  (void)state;
  mend_story *s = load_ok("<story id=\"g\" format=\"1\" start=\"n\"><title>G</title>\n"
                          "<var name=\"x\" type=\"int\"/>\n"
                          "<node id=\"n\">\n"
                          "<goto to=\"a\" if=\"x == 1\"/>\n"
                          "<goto to=\"b\" if=\"x == 2\"/>\n"
                          "<random>\n"
                          "  <goto to=\"a\" weight=\"3\"/>\n"
                          "  <goto to=\"b\"/>\n"
                          "  <goto to=\"c\" weight=\"7\" if=\"x > 5\"/>\n"
                          "</random></node>\n"
                          "<ending id=\"a\" title=\"A\"/><ending id=\"b\" title=\"B\"/>"
                          "<ending id=\"c\" title=\"C\" tone=\"negative\"/></story>");
  const node *n = &s->nodes[node_index(s, "n")];
  assert_int_equal(n->ngotos, 2);
  assert_int_equal(n->nrandom, 3);
  const exit_ *g = &s->exits[n->first_goto];
  assert_int_equal(g[0].to, node_index(s, "a"));
  assert_string_equal(s->xrefs[g[0].cond].src, "x == 1");
  assert_int_equal(g[0].at.line, 4);
  assert_int_equal(g[1].to, node_index(s, "b"));
  const exit_ *r = &s->exits[n->first_random];
  assert_int_equal(r[0].to, node_index(s, "a"));
  assert_int_equal(r[0].weight, 3);
  assert_int_equal(r[0].cond, -1);
  assert_int_equal(r[1].weight, 1);
  assert_int_equal(r[2].weight, 7);
  assert_string_equal(s->xrefs[r[2].cond].src, "x > 5");
  assert_int_equal(r[2].at.line, 9);
  assert_int_equal(s->nodes[node_index(s, "c")].tone, MEND_TONE_NEGATIVE);
  assert_string_equal(s->nodes[node_index(s, "c")].title, "C");
  mend_story_free(s);
}

static void test_random_weight_zero_is_error(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"g\" format=\"1\" start=\"n\"><title>G</title>\n"
                           "<node id=\"n\"><random>\n"
                           "<goto to=\"e\" weight=\"0\"/>\n"
                           "</random></node><ending id=\"e\" title=\"E\"/></story>",
                           "t.xml");
  assert_int_equal(mend_diags_count(d), 1);
  assert_string_equal(diag_str(d, 0),
                      "t.xml:3:22: error: weight=\"0\" must be from 1 to 1000000 [E-range]");
  mend_diags_free(d);
}

/* ---- diagnostics ---------------------------------------------------------------- */

/* Ids of every length, many of them (the id table grows several times):
 * short ones, ones of 18 and 19 bytes that share their first 18, and long
 * ones that share their first 18 and differ only at the end. Every target resolves to its node. */
static const char *id_of(char *buf, size_t n, int i) {
  static const char *const forms[] = {"n%d", "node_of_len18_%04d", "node_of_len18_%04dx",
                                      "a_very_long_identifier_that_ends_in_%d"};
  snprintf(buf, n, forms[i % 4], i % 4 == 2 ? i - 1 : i); /* 4k+2 is 4k+1's id and an 'x' */
  return buf;
}

static void test_ids_of_every_length_resolve_to_their_node(void **state) {
  (void)state;
  enum { N = 600 };
  mem_buf xml = {0};
  mem_buf_adds(&xml, "<story id=\"ids\" format=\"1\" start=\"n0\"><title>Ids</title>\n");
  char a[64], b[64];
  for (int i = 0; i < N - 1; i++)
    mem_buf_printf(&xml, "<node id=\"%s\"><text>x</text><choice to=\"%s\">Go</choice></node>\n",
                   id_of(a, sizeof a, i), id_of(b, sizeof b, i + 1));
  mem_buf_printf(&xml, "<ending id=\"%s\" title=\"End\"><text>x</text></ending></story>\n",
                 id_of(a, sizeof a, N - 1));
  mend_story *s = load_ok(xml.data);
  mem_buf_free(&xml);
  mend_session *se = mend_session_new(s, 1);
  for (int i = 0; i < N; i++) {
    assert_string_equal(mend_session_node(se), id_of(a, sizeof a, i));
    if (i < N - 1) assert_int_equal(mend_session_choose(se, 0), MEND_OK);
  }
  assert_int_equal(mend_session_pending(se), MEND_PENDING_END);
  mend_session_free(se);
  mend_story_free(s);
}

static void test_duplicate_long_id_names_its_first_definition(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"t\" format=\"1\" start=\"a_very_long_identifier_1\">\n"
                           "  <title>T</title>\n"
                           "  <node id=\"a_very_long_identifier_1\"><text>x</text>\n"
                           "    <choice to=\"a_very_long_identifier_2\">Go</choice></node>\n"
                           "  <ending id=\"a_very_long_identifier_2\" title=\"E\"/>\n"
                           "  <ending id=\"a_very_long_identifier_1\" title=\"F\"/>\n"
                           "</story>\n",
                           "dup.xml");
  assert_int_equal(mend_diags_errors(d), 1);
  assert_string_equal(diag_str(d, 0),
                      "dup.xml:6:15: error: duplicate id 'a_very_long_identifier_1': it is already "
                      "used by a node at dup.xml:3 (node, ending and choice ids share one "
                      "namespace) [E-duplicate]");
  mend_diags_free(d);
}

static void test_several_errors_reported_in_one_load(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"t\" format=\"1\" start=\"a\">\n"
                           "  <title>T</title>\n"
                           "  <var name=\"n\" type=\"int\"/>\n"
                           "  <node id=\"a\">\n"
                           "    <set var=\"m\" value=\"1\"/>\n"
                           "    <text if=\"n + 1\">Hi</text>\n"
                           "    <choice to=\"nowhere\">Go\n"
                           "      <feedback tone=\"happy\">x</feedback>\n"
                           "    </choice>\n"
                           "  </node>\n"
                           "</story>\n",
                           "errors.xml");
  assert_int_equal(mend_diags_count(d), 4);
  assert_int_equal(mend_diags_errors(d), 4);
  const mend_diag *g = mend_diags_at(d, 0);
  assert_int_equal(g->severity, MEND_ERROR);
  assert_string_equal(g->file, "errors.xml");
  assert_int_equal(g->line, 5);
  assert_string_equal(
      g->message, "var=\"m\": no variable has this name: declare it with <var name=\"m\" .../>");
  assert_string_equal(diag_str(d, 1),
                      "errors.xml:6:15: error: if=\"n + 1\" is int, but a condition "
                      "must be true or false (bool) [E-type]");
  assert_string_equal(diag_str(d, 2),
                      "errors.xml:7:17: error: to=\"nowhere\": no node or ending has this id "
                      "[E-unknown-id]");
  assert_string_equal(diag_str(d, 3),
                      "errors.xml:8:23: error: tone=\"happy\" is not a tone (did you "
                      "mean 'positive'?): use positive, neutral, caution or "
                      "negative [E-value]");
  assert_null(mend_diags_at(d, 4));
  mend_diags_free(d);
}

static void test_xml_syntax_error_carries_file_line_and_column(void **state) {
  (void)state;
  mend_diags *d = load_bad("<story id=\"t\" format=\"1\" start=\"a\">\n"
                           "  <title>T</title>\n"
                           "  <var name=\"n\" type=\"int\"/>\n"
                           "  <node id=\"a\">\n"
                           "    <text>x</tex>\n"
                           "  </node>\n"
                           "</story>\n",
                           "broken.xml");
  assert_true(mend_diags_count(d) >= 1);
  const mend_diag *g = mend_diags_at(d, 0);
  assert_int_equal(g->severity, MEND_ERROR);
  assert_string_equal(g->file, "broken.xml");
  assert_int_equal(g->line, 5);
  assert_int_equal(g->column, 12); /* the cause: </tex>, not where the parser noticed */
  assert_string_equal(diag_str(d, 0),
                      "broken.xml:5:12: error: </tex> does not close <text> (line 5), the element "
                      "open here: did you mean </text>? [E-xml-close]");
  mend_diags_free(d);
}

static void test_doctype_is_refused(void **state) {
  (void)state;
  mend_diags *d = load_bad("<?xml version=\"1.0\"?>\n"
                           "<!DOCTYPE story [<!ENTITY x \"boom\">]>\n"
                           "<story id=\"t\" format=\"1\" start=\"e\"><title>&x;</title>"
                           "<ending id=\"e\" title=\"E\"/></story>\n",
                           "dtd.xml");
  assert_true(mend_diags_count(d) >= 1);
  const mend_diag *g = mend_diags_at(d, 0);
  assert_string_equal(g->file, "dtd.xml");
  assert_int_equal(g->line, 2);
  assert_string_equal(g->message,
                      "DOCTYPE declarations are not allowed in story files (no DTDs, no entities): "
                      "delete the <!DOCTYPE ...> declaration");
  assert_string_equal(g->code, "E-xml-doctype");
  mend_diags_free(d);
}

static void test_diag_format_forms(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  mend_diags_add(d, MEND_ERROR, "a.xml", 3, 0, NULL, "dead end");
  mend_diags_add(d, MEND_ERROR, "a.xml", 3, 7, NULL, "bad thing");
  mend_diags_add(d, MEND_ERROR, "a.xml", 0, 0, NULL, "cannot read");
  mend_diags_add(d, MEND_WARNING, "b.xml", 12, 4, "W-unreachable", "never reached");
  mend_diags_add(d, MEND_ERROR, NULL, 0, 5, NULL, "no name");
  assert_int_equal(mend_diags_count(d), 5);
  assert_int_equal(mend_diags_errors(d), 4);
  assert_string_equal(diag_str(d, 0), "a.xml:3: error: dead end");
  assert_string_equal(diag_str(d, 1), "a.xml:3:7: error: bad thing");
  assert_string_equal(diag_str(d, 2), "a.xml: error: cannot read");
  assert_string_equal(diag_str(d, 3), "b.xml:12:4: warning: never reached [W-unreachable]");
  assert_string_equal(mend_diags_at(d, 3)->code, "W-unreachable");
  assert_string_equal(diag_str(d, 4), "<input>: error: no name");
  mend_diags_free(d);
  assert_int_equal(mend_diags_count(NULL), 0);
  assert_null(mend_diags_at(NULL, 0));
}

/* ---- hash ------------------------------------------------------------------------- */

static void test_hash_changes_when_one_byte_changes(void **state) {
  (void)state;
  char xml[] = "<story id=\"h\" format=\"1\" start=\"e\"><title>H</title>"
               "<ending id=\"e\" title=\"End\"><text>Word  here.</text></ending></story>";
  mend_story *a = load_ok(xml);
  mend_story *a2 = load_ok(xml);
  assert_true(mend_story_hash(a) == mend_story_hash(a2));
  char *w = strstr(xml, "Word");
  w[0] = 'w'; /* one letter */
  mend_story *b = load_ok(xml);
  assert_true(mend_story_hash(a) != mend_story_hash(b));
  w[0] = 'W';
  w[4] = '\t'; /* one byte of white space: the compiled story is the same */
  mend_story *c = load_ok(xml);
  assert_true(mend_story_hash(a) != mend_story_hash(c));
  assert_true(mend_story_hash(b) != mend_story_hash(c));
  mend_story_free(a);
  mend_story_free(a2);
  mend_story_free(b);
  mend_story_free(c);
}

/* ---- XInclude ------------------------------------------------------------------------ */

static void test_xinclude_from_memory_without_base_dir_is_refused(void **state) {
  (void)state;
  const char *xml = "<story id=\"x\" format=\"1\" start=\"e\"\n"
                    "       xmlns:xi=\"http://www.w3.org/2001/XInclude\"><title>X</title>\n"
                    "  <xi:include href=\"parts/every-element-part.xml\"/>\n"
                    "  <ending id=\"e\" title=\"E\"/></story>\n";
  mend_diags *d = mend_diags_new();
  /* the part exists next to the fixtures, but memory input has no folder */
  mend_story *s = mend_story_load_memory(xml, strlen(xml), "mem.xml", NULL, d);
  assert_null(s);
  assert_int_equal(mend_diags_count(d), 1);
  assert_string_equal(diag_str(d, 0),
                      "mem.xml:3:3: error: XInclude is not available for a story read from memory "
                      "[E-include]");
  mend_diags_free(d);
}

static void test_xinclude_from_memory_with_base_dir_matches_file_load(void **state) {
  (void)state;
  size_t len;
  char *xml = slurp(FIXTURES "/good/every-element.xml", &len);
  mend_diags *d = mend_diags_new();
  mend_story *m = mend_story_load_memory(xml, len, "mem.xml", FIXTURES "/good", d);
  if (!m) print_diags(d);
  assert_non_null(m);
  mend_story *f = mend_story_load(FIXTURES "/good/every-element.xml", d);
  assert_non_null(f);
  assert_int_equal(mend_diags_count(d), 0);
  assert_int_equal(m->nfiles, 2);
  assert_string_equal(m->files[1], "parts/every-element-part.xml");
  assert_true(mend_story_hash(m) == mend_story_hash(f));
  assert_int_equal(m->nnodes, f->nnodes);
  mend_story_free(m);
  mend_story_free(f);
  mend_diags_free(d);
  free(xml);
}

static void test_story_loads_from_fixture_file_with_include(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  mend_story *s = mend_story_load(FIXTURES "/good/every-element.xml", d);
  if (!s) print_diags(d);
  assert_non_null(s);
  assert_int_equal(mend_diags_count(d), 0);
  mend_diags_free(d);
  assert_string_equal(mend_story_file(s), "tests/fixtures/good/every-element.xml");
  assert_string_equal(mend_story_id(s), "every-element");
  assert_string_equal(mend_story_title(s), "The unsent letter");
  assert_string_equal(mend_story_lang(s), "en-GB");
  assert_string_equal(mend_story_author(s), "Fixture author");
  assert_int_equal(mend_story_minutes(s), 12);
  assert_string_equal(mend_story_tags(s), "letter journaling no-contact");
  assert_string_equal(mend_story_source(s), "Step 3: Write a letter you never send");
  assert_int_equal(mend_story_var_count(s), 9);
  assert_int_equal(s->nfiles, 2);
  assert_string_equal(s->files[1], "tests/fixtures/good/parts/every-element-part.xml");
  const node *uc = &s->nodes[node_index(s, "urge_check")];
  assert_int_equal(uc->at.file, 1);
  assert_int_equal(uc->at.line, 7);
  assert_int_equal(s->nodes[node_index(s, "send_end")].at.file, 1);
  assert_int_equal(s->nodes[node_index(s, "reflect")].at.file, 0);

  /* play into the included node: intro -> write -> reflect -> urge_check */
  mend_session *ss = mend_session_new(s, 7);
  assert_string_equal(mend_session_node(ss), "intro");
  assert_int_equal(mend_session_answer(ss, "6"), MEND_OK);
  assert_int_equal(mend_session_answer(ss, "y"), MEND_OK);
  assert_int_equal(mend_session_pending(ss), MEND_PENDING_CHOICE);
  assert_int_equal(mend_session_choose(ss, 0), MEND_OK);
  assert_string_equal(mend_session_node(ss), "write");
  assert_int_equal(mend_session_answer(ss, "I'm sorry. I am letting go now."), MEND_OK);
  assert_int_equal(mend_session_int(ss, "points"), 3);
  assert_int_equal(mend_session_choose(ss, 0), MEND_OK);
  assert_string_equal(mend_session_node(ss), "reflect");
  assert_int_equal(mend_session_choose(ss, 0), MEND_OK);
  assert_string_equal(mend_session_node(ss), "urge_check");
  const mend_question *q = mend_session_question(ss);
  assert_non_null(q);
  assert_string_equal(q->prompt.text, "How strong is the urge to send the letter anyway?");
  assert_int_equal(q->min, 0);
  assert_int_equal(q->max, 10);
  assert_int_equal(q->line, 8);
  mend_session_free(ss);
  mend_story_free(s);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static void test_errors_in_an_included_file_carry_its_name_line_and_column(void **state) {
  (void)state;
  char dir[] = "/tmp/mend-test-load.XXXXXX";
  assert_non_null(mkdtemp(dir));
  char story[256], parts[256], part[256], broken[256];
  snprintf(story, sizeof story, "%s/story.xml", dir);
  snprintf(parts, sizeof parts, "%s/parts", dir);
  snprintf(part, sizeof part, "%s/parts/p.xml", dir);
  snprintf(broken, sizeof broken, "%s/parts/broken.xml", dir);
  assert_int_equal(mkdir(parts, 0700), 0);
  write_file(story, "<story id=\"inc\" format=\"1\" start=\"a\"\n"
                    "       xmlns:xi=\"http://www.w3.org/2001/XInclude\"><title>I</title>\n"
                    "  <xi:include href=\"parts/p.xml\"/>\n"
                    "  <xi:include href=\"parts/broken.xml\"/>\n"
                    "</story>\n");
  write_file(part, "<nodes>\n"
                   "  <node id=\"a\">\n"
                   "    <goto to=\"nowhere\" if=\"nonsense\"/>\n"
                   "  </node>\n"
                   "</nodes>\n");
  write_file(broken, "<nodes>\n"
                     "  <ending id=\"e\" title=\"E\"></endin>\n"
                     "</nodes>\n");
  mend_diags *d = mend_diags_new();
  mend_story *s = mend_story_load(story, d);
  unlink(story);
  unlink(part);
  unlink(broken);
  rmdir(parts);
  rmdir(dir);
  assert_null(s);
  mend_diags_sort(d);
  assert_int_equal(mend_diags_count(d), 2);
  char want[512];
  snprintf(want, sizeof want,
           "%s/parts/broken.xml:2:28: error: </endin> does not close <ending> (line 2), the "
           "element open here: did you mean </ending>? (until this is fixed, 1 reference to ids "
           "that file may define is not checked) [E-xml-close]",
           dir);
  assert_string_equal(diag_str(d, 0), want);
  snprintf(want, sizeof want,
           "%s/parts/p.xml:3:28: error: if=\"nonsense\": unknown variable 'nonsense' "
           "[E-unknown-var]",
           dir);
  assert_string_equal(diag_str(d, 1), want);
  mend_diags_free(d);
}

static void test_a_part_alone_is_checked_but_never_returned(void **state) {
  (void)state;
  const char *part = "<nodes>\n"
                     "  <node id=\"p\"><text if=\"visits(hall) > 0\">{name}</text>\n"
                     "    <set var=\"urge\" value=\"1\"/><goto to=\"outside\"/></node>\n"
                     "  <node id=\"q\"><choice to=\"p\">Back</choice><choice to=\"q\" if=\"1\">"
                     "Stay</choice></node>\n"
                     "</nodes>\n";
  mend_load_opts o = {MEND_LOAD_PART, NULL, NULL};
  mend_diags *d = mend_diags_new();
  assert_null(mend_story_load_memory_opts(part, strlen(part), "part.xml", NULL, &o, d));
  /* its own mistake is found; what the story defines is counted in a note */
  assert_int_equal(mend_diags_errors(d), 1);
  mend_diags_sort(d);
  assert_string_equal(diag_str(d, 0), "part.xml: note: checked as a part that a story includes: "
                                      "2 references to ids and 2 uses of variables it does not "
                                      "define are left to that story (lint the story to check "
                                      "them)");
  assert_string_equal(diag_str(d, 1), "part.xml:4:63: error: if=\"1\" is int, but a condition "
                                      "must be true or false (bool) [E-type]");
  mend_diags_free(d);
  /* without the flag, it is not a story */
  d = mend_diags_new();
  assert_null(mend_story_load_memory(part, strlen(part), "part.xml", NULL, d));
  assert_int_equal(mend_diags_errors(d), 1);
  assert_string_equal(mend_diags_at(d, 0)->code, "E-root");
  mend_diags_free(d);
}

static void test_missing_file_is_reported_with_its_name(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  assert_null(mend_story_load(FIXTURES "/good/no-such-story.xml", d));
  assert_int_equal(mend_diags_count(d), 1);
  assert_string_equal(diag_str(d, 0), "tests/fixtures/good/no-such-story.xml: error: cannot read "
                                      "the file: No such file or directory [E-file]");
  mend_diags_free(d);
}

/* ---- the host's libxml2 ---------------------------------------------------- */

static int host_errors;
static void host_handler(void *ud, xmlErrorPtr e) {
  (void)ud, (void)e;
  host_errors++;
}

/* A host that uses libxml2 itself keeps its own error handler: loading a
 * broken story, with the schema, neither calls it nor removes it. */
static void test_load_leaves_the_hosts_libxml2_error_handler_alone(void **state) {
  (void)state;
  int tag = 0;
  xmlSetStructuredErrorFunc(&tag, host_handler);
  host_errors = 0;
  const char *broken = "<story id=\"b\" format=\"1\" start=\"a\"><title>T</title>"
                       "<node id=\"a\"><text>open</node></story>";
  mend_diags *d = mend_diags_new();
  mend_story *st =
      mend_story_load_memory_with(broken, strlen(broken), "b.xml", NULL, MEND_LOAD_SCHEMA, d);
  assert_null(st);
  assert_true(mend_diags_count(d) > 0);
  mend_diags_free(d);
  const char *good = "<story id=\"g\" format=\"1\" start=\"a\"><title>T</title>"
                     "<node id=\"a\"><text>hi</text><choice to=\"e\">On</choice></node>"
                     "<ending id=\"e\" title=\"E\"/></story>";
  d = mend_diags_new();
  st = mend_story_load_memory_with(good, strlen(good), "g.xml", NULL, MEND_LOAD_SCHEMA, d);
  assert_non_null(st);
  mend_story_free(st);
  mend_diags_free(d);
  assert_int_equal(host_errors, 0);
  assert_ptr_equal(xmlStructuredError, host_handler);
  assert_ptr_equal(xmlStructuredErrorContext, &tag);
  xmlSetStructuredErrorFunc(NULL, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_story_header_accessors_return_compiled_values),
      cmocka_unit_test(test_load_leaves_the_hosts_libxml2_error_handler_alone),
      cmocka_unit_test(test_story_header_defaults_when_optional_parts_absent),
      cmocka_unit_test(test_start_may_name_an_ending),
      cmocka_unit_test(test_var_types_and_default_inits),
      cmocka_unit_test(test_var_min_max_and_default_init_clamped_into_range),
      cmocka_unit_test(test_var_explicit_init_outside_range_is_error),
      cmocka_unit_test(test_labelled_vars_are_measures_in_declaration_order),
      cmocka_unit_test(test_measure_kind_explicit_or_from_the_questions),
      cmocka_unit_test(test_measure_kind_errors),
      cmocka_unit_test(test_ask_kinds_ranges_and_journal_defaults),
      cmocka_unit_test(test_scale_ask_without_any_range_is_error),
      cmocka_unit_test(test_check_compiles_var_score_and_rules),
      cmocka_unit_test(test_check_on_non_text_var_or_non_int_score_is_error),
      cmocka_unit_test(test_choice_id_once_if_and_target_compile),
      cmocka_unit_test(test_goto_and_random_compile_with_weights),
      cmocka_unit_test(test_random_weight_zero_is_error),
      cmocka_unit_test(test_ids_of_every_length_resolve_to_their_node),
      cmocka_unit_test(test_duplicate_long_id_names_its_first_definition),
      cmocka_unit_test(test_several_errors_reported_in_one_load),
      cmocka_unit_test(test_xml_syntax_error_carries_file_line_and_column),
      cmocka_unit_test(test_doctype_is_refused),
      cmocka_unit_test(test_diag_format_forms),
      cmocka_unit_test(test_hash_changes_when_one_byte_changes),
      cmocka_unit_test(test_xinclude_from_memory_without_base_dir_is_refused),
      cmocka_unit_test(test_xinclude_from_memory_with_base_dir_matches_file_load),
      cmocka_unit_test(test_story_loads_from_fixture_file_with_include),
      cmocka_unit_test(test_errors_in_an_included_file_carry_its_name_line_and_column),
      cmocka_unit_test(test_a_part_alone_is_checked_but_never_returned),
      cmocka_unit_test(test_missing_file_is_reported_with_its_name),
  };
  return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
