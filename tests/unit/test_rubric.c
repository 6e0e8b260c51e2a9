/* SPDX-License-Identifier: MIT */
/*
 * test_rubric.c - rubrics that read what a person wrote: phrases (<say>) in
 * any form of their words, variants, typos, gaps, negation, <unless>; the
 * quotes of the notes; answers in another language; patterns; the rules'
 * own test answers and coverage; samples for testers; the load errors.
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
#include "mend/safety.h"
#include "mend/test.h"

static const char words_text[] = "language: en\n"
                                 "name: English\n"
                                 "stemmer: english\n"
                                 "[variants]\n"
                                 "cant = can not\n"
                                 "dont = do not\n"
                                 "ill = i will\n"
                                 "u = you\n"
                                 "[class they]\n"
                                 "he she they\n"
                                 "[class names]\n"
                                 "coward\n"
                                 "[negation before]\n"
                                 "not\n"
                                 "never\n"
                                 "[negation after]\n"
                                 "not sorry\n"
                                 "[termination]\n"
                                 "but\n"
                                 "i\n"
                                 "[common words]\n"
                                 "the i you a to and it is my me your for that of in we was\n"
                                 "[other languages]\n"
                                 "el la que y lo te mucho siento quiero\n";

static mend_lexicon *words;

static const mend_lexicon *words_for(void *ud, const char *lang) {
  (void)ud;
  return strcmp(lang, "en") ? NULL : words;
}

static int setup(void **state) {
  (void)state;
  words = mend_lexicon_load_memory(words_text, strlen(words_text), "en.words", NULL);
  return words ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  mend_lexicon_free(words);
  return 0;
}

#define STORY_HEAD                                                                                 \
  "<story id=\"r\" format=\"1\" start=\"a\"><title>R</title>"                                      \
  "<var name=\"d\" type=\"text\"/><var name=\"q\" type=\"int\" min=\"0\" max=\"9\"/>"              \
  "<node id=\"a\"><ask var=\"d\" kind=\"text\">Draft?</ask><check var=\"d\" score=\"q\">"
#define STORY_TAIL "</check><text>After {q}.</text><goto to=\"a\"/></node></story>"

static mend_story *load_rules(const char *rules, mend_diags *d) {
  char xml[8192];
  snprintf(xml, sizeof xml, "%s%s%s", STORY_HEAD, rules, STORY_TAIL);
  mend_load_opts o = {0, words_for, NULL};
  return mend_story_load_memory_opts(xml, strlen(xml), "t.xml", NULL, &o, d);
}

static mend_story *rules_ok(const char *rules) {
  mend_diags *d = mend_diags_new();
  mend_story *st = load_rules(rules, d);
  if (!st) {
    char *m = mend_diag_format(mend_diags_at(d, 0));
    fail_msg("%s", m);
  }
  mend_diags_free(d);
  return st;
}

/* The notes an answer gets: "+label:quote" (met), "-label:quote" (not met),
 * separated by " | ", or "unread:English". */
static const char *notes(mend_story *st, const char *answer) {
  static char out[1024];
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(mend_session_answer(s, answer), MEND_OK);
  size_t n = 0;
  out[0] = 0;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_RULE) {
      assert_int_equal(strlen(it->quote.text), it->quote.length);
      n += (size_t)snprintf(out + n, sizeof out - n, "%s%c%s:%s", n ? " | " : "",
                            it->met ? '+' : '-', it->rule_label, it->quote.text);
    } else if (it->kind == MEND_ITEM_UNREAD) {
      n += (size_t)snprintf(out + n, sizeof out - n, "%sunread:%s", n ? " | " : "", it->text.text);
    }
  }
  mend_session_free(s);
  return out;
}

static int64_t score(mend_story *st, const char *answer) {
  mend_session *s = mend_session_new(st, 1);
  mend_session_answer(s, answer);
  int64_t q = mend_session_int(s, "q");
  mend_session_free(s);
  return q;
}

static void test_a_phrase_finds_other_forms_and_typed_variants(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Own\"><say>apologise</say><say>can't go on</say>"
                            "<say>respect your decision</say></rule>");
  assert_string_equal(notes(st, "I apologised to her"), "+Own:I apologised to her");
  assert_string_equal(notes(st, "i am APOLOGISING"), "+Own:i am APOLOGISING");
  assert_string_equal(notes(st, "i cant go on"), "+Own:i cant go on");
  assert_string_equal(notes(st, "I respected your decisions"), "+Own:I respected your decisions");
  assert_string_equal(notes(st, "nothing like it"), "-Own:");
  mend_story_free(st);
}

static void test_a_phrase_lets_a_few_words_stand_between(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"R\"><say>take responsibility</say></rule>"
                            "<rule label=\"G\" gap=\"0\"><say>take responsibility</say></rule>");
  assert_string_equal(notes(st, "i take full responsibility"),
                      "+R:i take full responsibility | -G:");
  assert_string_equal(notes(st, "take responsibility"),
                      "+R:take responsibility | +G:take responsibility");
  assert_string_equal(notes(st, "i take my share of the responsibility"), "-R: | -G:");
  mend_story_free(st);
}

static void test_negated_phrases_are_not_found(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Sorry\"><say>sorry</say></rule>"
                            "<rule label=\"Respect\"><say>respect your decision</say></rule>"
                            "<rule label=\"No blame\" absent=\"true\" watch=\"blame\">"
                            "<say>your fault</say></rule>");
  assert_string_equal(notes(st, "I'm not sorry"), "-Sorry: | -Respect:");
  assert_string_equal(notes(st, "sorry not sorry"), "-Sorry: | -Respect:");
  assert_string_equal(notes(st, "I will never respect your decision."), "-Sorry: | -Respect:");
  assert_string_equal(notes(st, "it was not your fault"), "-Sorry: | -Respect:");
  assert_string_equal(notes(st, "It was your fault, but I'm sorry"),
                      "+Sorry:I'm sorry | -Respect: | -No blame:It was your fault");
  mend_story_free(st);
  /* a negation inside another rule's phrase still negates this rule's */
  st = rules_ok("<rule label=\"Plea\"><say>dont hate</say></rule>"
                "<rule label=\"No hate\" absent=\"true\"><say>i hate you</say></rule>");
  assert_string_equal(notes(st, "I don't hate you."), "+Plea:I don't hate you");
  assert_string_equal(notes(st, "I hate you."), "-Plea: | -No hate:I hate you");
  mend_story_free(st);
}

static void test_absent_rules_quote_what_to_avoid(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"No begging\" absent=\"true\" watch=\"begging\">"
                            "<say>please ... answer</say><say>can't do this without you</say>"
                            "<unmet>Pleading hardens them.</unmet></rule>");
  mend_session *s = mend_session_new(st, 1);
  assert_int_equal(
      mend_session_answer(s, "please please just answer me, i cant do this without you"), MEND_OK);
  const mend_item *it = mend_session_item(s, 0);
  assert_int_equal(it->kind, MEND_ITEM_RULE);
  assert_false(it->met);
  assert_true(it->absent);
  assert_string_equal(it->watch, "begging");
  assert_string_equal(it->quote.text, "please please just answer me");
  assert_string_equal(it->text.text, "Pleading hardens them.");
  mend_session_free(s);
  mend_story_free(st);
}

/* "✓ Sincere — "Thank"" quoted a word, and "Watch: blame — "u. ur a
 * pathetic"" a sentence's end: a quote is the clause around what was found. */
static void test_a_quote_is_the_clause_around_what_was_found(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Thanks\"><say>thank</say></rule>"
                            "<rule label=\"No blame\" absent=\"true\"><say>you ... pathetic</say>"
                            "</rule>");
  assert_string_equal(notes(st, "Thank you for everything. Bye"),
                      "+Thanks:Thank you for everything");
  /* the clause ends at a comma, and the sentence a hit ends in is quoted */
  assert_string_equal(notes(st, "well, thank you, i guess"), "+Thanks:thank you");
  assert_string_equal(notes(st, "pls come back i need u. ur a pathetic loser. thanks"),
                      "+Thanks:thanks | -No blame:ur a pathetic loser");
  /* ... from the sentence that holds most of the hit's words, over a "..." */
  mend_story_free(st);
  st = rules_ok("<rule label=\"Respect\"><say>not text again ... you</say></rule>");
  assert_string_equal(notes(st, "i will not text again. see you"),
                      "+Respect:i will not text again");
  mend_story_free(st);
  st = rules_ok("<rule label=\"Thanks\"><say>thank</say></rule>"
                "<rule label=\"No blame\" absent=\"true\"><say>you ... pathetic</say>"
                "</rule>");
  /* ... and where the sentence turns ("but", "and he"), not at "i" */
  assert_string_equal(notes(st, "thank you for it all but you are so pathetic"),
                      "+Thanks:thank you for it all | -No blame:you are so pathetic");
  assert_string_equal(notes(st, "i know i should thank you"), "+Thanks:i know i should thank you");
  assert_string_equal(notes(st, "you are so pathetic and i thank you for nothing"),
                      "+Thanks:i thank you for nothing | -No blame:you are so pathetic");
  /* ... an "and" before "i'll" too */
  assert_string_equal(notes(st, "thank you for what we had and i'll respect whatever you decide"),
                      "+Thanks:thank you for what we had");
  /* a long clause is cut a few words either side, and says so */
  assert_string_equal(
      notes(st, "i just wanted to say after all this time and everything thank you for every "
                "single one of the years we had together"),
      "+Thanks:...all this time and everything thank you for every single one of the...");
  mend_story_free(st);
}

static void test_unless_cancels_a_phrase_it_overlaps(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Respect\"><say>respect your decision</say>"
                            "<unless>decision to ruin</unless></rule>"
                            "<rule label=\"Other\"><say>ruin</say></rule>");
  assert_string_equal(notes(st, "I respect your decision to ruin my life."),
                      "-Respect: | +Other:I respect your decision to ruin my life");
  assert_string_equal(notes(st, "I respect your decision."),
                      "+Respect:I respect your decision | -Other:");
  mend_story_free(st);
}

static void test_typos_and_hidden_letters(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Names\" absent=\"true\"><say>narcissist</say>"
                            "<say>piece of shit</say><say>@they lied</say></rule>");
  assert_string_equal(notes(st, "a narcisist"), "-Names:a narcisist");
  assert_string_equal(notes(st, "a piece of sh*t"), "-Names:a piece of sh*t");
  assert_string_equal(notes(st, "she lied"), "-Names:she lied");
  assert_string_equal(notes(st, "it lied"), ""); /* nothing found: no note */
  mend_story_free(st);
  /* a class's words are read with typos too, unless written =@class */
  st = rules_ok("<rule label=\"Loose\"><say>@names</say></rule>"
                "<rule label=\"Exact\"><say>=@names</say></rule>"
                "<rule label=\"Among\"><say>a/=@names</say></rule>");
  assert_string_equal(notes(st, "a cowward"), "+Loose:a cowward | -Exact: | +Among:a cowward");
  assert_string_equal(notes(st, "such a cowerd"),
                      "+Loose:such a cowerd | -Exact: | +Among:such a cowerd");
  assert_string_equal(notes(st, "you coward"),
                      "+Loose:you coward | +Exact:you coward | +Among:you coward");
  mend_story_free(st);
}

static void test_an_answer_in_another_language_is_not_read(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Sorry\"><say>sorry</say></rule>");
  assert_string_equal(notes(st, "lo siento mucho, te quiero todavía y no sé qué hacer"),
                      "unread:English");
  assert_int_equal(score(st, "lo siento mucho, te quiero todavía y no sé qué hacer"), 0);
  assert_string_equal(notes(st, "sorry"), "+Sorry:sorry"); /* short answers are read */
  /* a quote is the clause around what was found, cut after a few words */
  assert_string_equal(notes(st, "I am so sorry for the way it all ended between us"),
                      "+Sorry:I am so sorry for the way it all ended between...");
  mend_story_free(st);
}

static void test_patterns_are_quoted_too(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"P\" pattern=\"sorr(y|ies)\" weight=\"3\"/>"
                            "<rule label=\"Both\" pattern=\"zzz\"><say>thanks</say></rule>");
  assert_string_equal(notes(st, "I'm SORRY"), "+P:SORRY | -Both:");
  assert_int_equal(score(st, "I'm SORRY, thanks"), 4);
  mend_story_free(st);
  /* a pattern's quote has no spaces at its ends (" but no") */
  st = rules_ok("<rule label=\"No\" pattern=\" but no\"/>");
  assert_string_equal(notes(st, "thanks but no"), "+No:but no");
  mend_story_free(st);
  /* ... nor the mark before what it found (", no." quoted as "no.") */
  st = rules_ok("<rule label=\"No\" pattern=\"(^|[^a-z])no([^a-z]|$)\"/>");
  assert_string_equal(notes(st, "thanks, no."), "+No:no.");
  assert_string_equal(notes(st, "no, thanks"), "+No:no");
  mend_story_free(st);
}

static void test_rule_tests_are_read_and_counted_for_coverage(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"Sorry\"><say>sorry</say>"
                            "<test meets=\"yes\">so sorry</test>"
                            "<test meets=\"no\">sorry not sorry</test>"
                            "<test meets=\"yes\">not sorry</test></rule>"
                            "<rule label=\"No blame\" absent=\"true\"><say>your fault</say>"
                            "<test meets=\"no\">your fault</test></rule>");
  mend_coverage *c = mend_coverage_new(st);
  size_t n;
  mend_rule_test *t = mend_story_rule_tests(st, c, &n);
  assert_int_equal(n, 4);
  assert_true(t[0].meets && t[0].met && t[0].read);
  assert_false(t[1].meets || t[1].met);
  assert_true(t[2].meets && !t[2].met); /* a failing test: the author is wrong here */
  assert_string_equal(t[2].rule, "Sorry");
  assert_string_equal(t[2].answer, "not sorry");
  assert_string_equal(t[2].file, "t.xml");
  assert_false(t[3].met);
  size_t met = 0, unmet = 0;
  for (size_t i = 0; i < mend_coverage_count(c); i++) {
    const mend_cov_item *it = mend_coverage_item(c, i);
    if (it->kind == MEND_COV_RULE_MET) met += it->hits;
    if (it->kind == MEND_COV_RULE_UNMET) unmet += it->hits;
  }
  assert_int_equal(met, 1);
  assert_int_equal(unmet, 3);
  mend_free(t);
  mend_coverage_free(c);
  mend_story_free(st);
}

static void test_questions_offer_samples_of_the_phrases(void **state) {
  (void)state;
  mend_story *st = rules_ok("<rule label=\"A\"><say>take/took responsibility</say></rule>"
                            "<rule label=\"B\" absent=\"true\"><say>@they ... hit/punch me</say>"
                            "</rule>");
  mend_session *s = mend_session_new(st, 1);
  const mend_question *q = mend_session_question(s);
  assert_int_equal(q->nsamples, 2);
  assert_string_equal(q->samples[0], "take responsibility");
  assert_string_equal(q->samples[1], "he hit me");
  mend_session_free(s);
  mend_story_free(st);
}

static void test_without_words_phrases_match_as_written_with_a_warning(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  const char *xml = STORY_HEAD "<rule label=\"S\"><say>sorry</say></rule>" STORY_TAIL;
  mend_story *st = mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d);
  assert_non_null(st);
  assert_int_equal(mend_diags_count(d), 1);
  assert_string_equal(mend_diags_at(d, 0)->code, "W-no-words");
  assert_string_equal(notes(st, "SORRY"), "+S:SORRY");
  assert_string_equal(notes(st, "not sorry"), "+S:not sorry"); /* no negation without words */
  mend_story_free(st);
  mend_diags_free(d);
}

static int first_column;

static const char *first_error(const char *rules) {
  static char out[512];
  mend_diags *d = mend_diags_new();
  mend_story *st = load_rules(rules, d);
  out[0] = 0;
  assert_null(st);
  /* the message and its code; the place is the rule's element (its column
   * on this one line is checked once below) */
  const mend_diag *g = mend_diags_at(d, 0);
  snprintf(out, sizeof out, "%d: %s [%s]", g->line, g->message, g->code ? g->code : "");
  first_column = g->column;
  mend_diags_free(d);
  return out;
}

static void test_rule_errors_say_what_to_write(void **state) {
  (void)state;
  assert_string_equal(first_error("<rule label=\"L\"/>"),
                      "1: <rule label=\"L\"> looks for nothing: give it one or more "
                      "<say> phrases (or a pattern) [E-missing]");
  assert_int_equal(first_column, 196);
  assert_string_equal(first_error("<rule label=\"L\"><say> </say></rule>"),
                      "1: <say> is empty: write the words to look for inside it [E-empty]");
  assert_string_equal(first_error("<rule label=\"L\"><say>... me</say></rule>"),
                      "1: <say>... me</say>: '...' must stand between two words [E-phrase]");
  assert_string_equal(first_error("<rule label=\"L\"><say>@nobody me</say></rule>"),
                      "1: <say>@nobody me</say>: no class @nobody (define it in a "
                      "[class nobody] section first) [E-phrase]");
  assert_string_equal(first_error("<rule label=\"L\"><say>=@nmaes</say></rule>"),
                      "1: <say>=@nmaes</say>: no class @nmaes (did you mean @names?) [E-phrase]");
  assert_string_equal(first_error("<rule label=\"L\"><say>a/@thy</say></rule>"),
                      "1: <say>a/@thy</say>: no class @thy (did you mean @they?) [E-phrase]");
  assert_string_equal(
      first_error("<rule label=\"L\" absent=\"true\"><say>a</say><met>m</met></rule>"),
      "1: <met> in an absent=\"true\" rule would never be shown: a rule that looks for "
      "something to avoid says nothing when it finds nothing (a note there would praise what "
      "the person did not write); keep its <unmet> [E-absent-met]");
  assert_string_equal(first_error("<rule label=\"L\" watch=\"x\"><say>a</say></rule>"),
                      "1: watch=\"x\" names what a rule looks for to avoid: it goes "
                      "with absent=\"true\" [E-attribute]");
  assert_string_equal(first_error("<rule label=\"L\" gap=\"9\"><say>a</say></rule>"),
                      "1: gap=\"9\" must be from 0 to 8 (the words that may stand "
                      "between two words of a phrase) [E-range]");
  assert_string_equal(
      first_error("<rule label=\"L\"><say>a</say><test meets=\"maybe\">a</test></rule>"),
      "1: meets=\"maybe\": a test answer meets the rule (yes) or not (no) [E-value]");
  assert_string_equal(first_error("<rule label=\"L\"><say>a</say><tset/></rule>"),
                      "1: <tset> is not allowed in <rule> (did you mean 'test'?); "
                      "expected <say>, <unless>, <met>, <unmet> or <test> [E-element]");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_phrase_finds_other_forms_and_typed_variants),
      cmocka_unit_test(test_a_phrase_lets_a_few_words_stand_between),
      cmocka_unit_test(test_negated_phrases_are_not_found),
      cmocka_unit_test(test_absent_rules_quote_what_to_avoid),
      cmocka_unit_test(test_a_quote_is_the_clause_around_what_was_found),
      cmocka_unit_test(test_unless_cancels_a_phrase_it_overlaps),
      cmocka_unit_test(test_typos_and_hidden_letters),
      cmocka_unit_test(test_an_answer_in_another_language_is_not_read),
      cmocka_unit_test(test_patterns_are_quoted_too),
      cmocka_unit_test(test_rule_tests_are_read_and_counted_for_coverage),
      cmocka_unit_test(test_questions_offer_samples_of_the_phrases),
      cmocka_unit_test(test_without_words_phrases_match_as_written_with_a_warning),
      cmocka_unit_test(test_rule_errors_say_what_to_write),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
