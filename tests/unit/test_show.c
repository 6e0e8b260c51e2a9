/* SPDX-License-Identifier: MIT */
/*
 * test_show.c - a yes or a no written in the question's own words
 * (show_echo_yes_or_no, tools/show.h): "i couldnt" at "Could you keep that
 * promise?" is a no, "i dont want to start again" at "Do you want mend to
 * start ...?" too; what says something else ("i dont know", another verb, an
 * answer with a "but") is neither, and the person is asked again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "show.h"

static int echo(const char *prompt, const char *answer) {
  return show_echo_yes_or_no(prompt, strlen(prompt), answer, strlen(answer));
}

#define KEEP "If they don't answer, or answer no, can you keep that promise?"
#define COUNT                                                                                      \
  "You wrote last night that you reached out to them. Do you want mend to start your count "       \
  "of days without contact from today?"
#define POST "If you knew for certain they would never see it, would you still post it?"
#define TALKED "Have you talked to anyone about the breakup?"
#define WORTH "So, for you: is restarting with them worth it?"
#define DID "Be honest, just with yourself: did you do it partly hoping they'd notice?"

static void test_a_modal_answered_by_a_modal(void **state) {
  (void)state;
  assert_int_equal(echo(KEEP, "i couldnt"), 0);
  assert_int_equal(echo(KEEP, "I can't."), 0);
  assert_int_equal(echo(KEEP, "honestly i cannot"), 0);
  assert_int_equal(echo(KEEP, "i could never"), 0);
  assert_int_equal(echo(KEEP, "i can"), 1);
  assert_int_equal(echo(KEEP, "I could, yes"), 1);
  assert_int_equal(echo(KEEP, "i can keep it"), 1);
  assert_int_equal(echo(KEEP, "i can do that"), 1);
  assert_int_equal(echo(KEEP, "i will really keep it"), 1);
  assert_int_equal(echo(KEEP, "ill keep it"), 1);
  assert_int_equal(echo(KEEP, "i dont think i can"), 0);
  assert_int_equal(echo(KEEP, "I don't think I could. i'd text him"), 0);
  assert_int_equal(echo(KEEP, "i think i can"), 1);
  assert_int_equal(echo(KEEP, "i dont think so, i miss him too much"), 0);
  assert_int_equal(echo(POST, "id still post it"), 1);
  assert_int_equal(echo(POST, "i wouldnt post it"), 0);
  assert_int_equal(echo(POST, "I would not"), 0);
}

static void test_do_have_and_the_question_s_verb(void **state) {
  (void)state;
  assert_int_equal(echo(COUNT, "i dont want to start again"), 0);
  assert_int_equal(echo(COUNT, "I do not want that"), 0);
  assert_int_equal(echo(COUNT, "i do"), 1);
  assert_int_equal(echo(COUNT, "i want to"), 1);
  assert_int_equal(echo(DID, "i did"), 1);
  assert_int_equal(echo(DID, "i didnt"), 0);
  assert_int_equal(echo(TALKED, "i havent"), 0);
  assert_int_equal(echo(TALKED, "ive talked to my sister"), 1);
  assert_int_equal(echo(TALKED, "i have not talked to anyone"), 0);
}

static void test_worth_it(void **state) {
  (void)state;
  assert_int_equal(echo(WORTH, "its not worth it"), 0);
  assert_int_equal(echo(WORTH, "not really worth it"), 0);
  assert_int_equal(echo(WORTH, "it isnt"), 0);
  assert_int_equal(echo(WORTH, "it is"), 1);
  assert_int_equal(echo(WORTH, "worth it"), 1);
  assert_int_equal(echo("Looking at it once more: worth it?", "it's worth it."), 1);
  assert_int_equal(echo(WORTH, "its"), -1);
  assert_int_equal(echo(WORTH, "it is for me"), -1);
}

static void test_what_says_something_else_is_neither(void **state) {
  (void)state;
  assert_int_equal(echo(COUNT, "i dont know"), -1);
  assert_int_equal(echo(COUNT, "i dont care anymore"), -1);
  assert_int_equal(echo(KEEP, "i could try"), -1);
  assert_int_equal(echo(KEEP, "i could but i wont"), -1);
  assert_int_equal(echo(KEEP, "i will if he doesnt text first"), -1);
  assert_int_equal(echo(KEEP, "i miss him"), -1);
  assert_int_equal(echo(KEEP, "it is what it is"), -1);
  assert_int_equal(echo(TALKED, "i cant"), -1); /* (a modal at a have) */
  assert_int_equal(echo(POST, ""), -1);
  /* a prompt that asks nothing, or asks no "you" */
  assert_int_equal(echo("Write it down.", "i couldnt"), -1);
  assert_int_equal(echo("Ready?", "i am"), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_modal_answered_by_a_modal),
      cmocka_unit_test(test_do_have_and_the_question_s_verb),
      cmocka_unit_test(test_worth_it),
      cmocka_unit_test(test_what_says_something_else_is_neither),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
