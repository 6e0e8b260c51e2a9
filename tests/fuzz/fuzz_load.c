/* SPDX-License-Identifier: MIT */
/*
 * fuzz_load.c - the bytes are a story file. It is loaded from memory (with
 * XIncludes resolved in tests/fixtures/good, when run from the repository
 * root), every diagnostic is formatted, and a story that loads is played for
 * a few dozen steps, choosing and answering from the input's own bytes.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "mend/safety.h"

/* The words of a language, so that rubric phrases compile and read with
 * variants, stems and negation. */
static const char words_text[] = "language: en\nname: English\nstemmer: english\n"
                                 "[variants]\ncant = can not\nu = you\n[class they]\nhe she\n"
                                 "[negation before]\nnot\nnever\n[negation after]\nnot sorry\n"
                                 "[termination]\nbut\n[common words]\nthe i you a to and it\n"
                                 "[other languages]\nel la que\n";

static const mend_lexicon *words_for(void *ud, const char *lang) {
  (void)lang;
  return ud;
}

static void play(const mend_story *st, const uint8_t *data, size_t size) {
  mend_session *s = mend_session_new(st, size);
  FUZZ_ASSERT(s);
  for (size_t step = 0; step < 64; step++) {
    uint8_t b = size ? data[step % size] : 0;
    for (size_t i = 0; i < mend_session_item_count(s); i++) {
      const mend_item *it = mend_session_item(s, i);
      FUZZ_ASSERT(strlen(it->text.text) == it->text.length);
      if (it->kind == MEND_ITEM_RULE) FUZZ_ASSERT(strlen(it->quote.text) == it->quote.length);
    }
    mend_pending p = mend_session_pending(s);
    if (p == MEND_PENDING_ASK) {
      const mend_question *q = mend_session_question(s);
      const char *a = q->nsamples && b & 1        ? q->samples[b % q->nsamples]
                      : q->nexamples              ? q->examples[b % q->nexamples]
                      : q->kind == MEND_ASK_SCALE ? "5"
                      : q->kind == MEND_ASK_YESNO ? (b & 1 ? "yes" : "n")
                                                  : "I am sorry";
      char num[32];
      if (q->kind == MEND_ASK_SCALE && !q->nexamples) {
        snprintf(num, sizeof num, "%lld", (long long)(q->min + (b % 3 == 0 ? 0 : q->max - q->min)));
        a = num;
      }
      if (mend_session_answer(s, a) != MEND_OK && mend_session_answer(s, "") != MEND_OK) break;
    } else if (p == MEND_PENDING_CHOICE) {
      size_t n = mend_session_choice_count(s);
      FUZZ_ASSERT(n > 0);
      FUZZ_ASSERT(mend_session_choose(s, b % n) == MEND_OK);
    } else if (p == MEND_PENDING_AUTO) {
      FUZZ_ASSERT(mend_session_continue(s) == MEND_OK);
    } else if (p == MEND_PENDING_ERROR) {
      FUZZ_ASSERT(mend_session_error(s) != NULL);
      break;
    } else {
      const mend_summary *sum = mend_session_summary(s);
      FUZZ_ASSERT(sum->ending_id != NULL);
      break;
    }
  }
  char *saved;
  size_t len;
  FUZZ_ASSERT(mend_session_save(s, &saved, &len) == MEND_OK);
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, saved, len, 0, &rs);
  FUZZ_ASSERT(rs == MEND_RESTORED && r);
  FUZZ_ASSERT(mend_session_decisions(r) == mend_session_decisions(s));
  FUZZ_ASSERT(mend_session_pending(r) == mend_session_pending(s));
  mend_session_free(r);
  mend_free(saved);
  if (mend_session_undo(s) == MEND_OK) FUZZ_ASSERT(mend_session_pending(s) != MEND_PENDING_END);
  mend_session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mend_lexicon *words;
  if (!words) {
    words = mend_lexicon_load_memory(words_text, strlen(words_text), "en.words", NULL);
    FUZZ_ASSERT(words);
  }
  mend_diags *d = mend_diags_new();
  mend_load_opts o = {0, words_for, words};
  mend_story *st = mend_story_load_memory_opts((const char *)data, size, "fuzz.xml",
                                               "tests/fixtures/good", &o, d);
  FUZZ_ASSERT(!st == (mend_diags_errors(d) > 0));
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *line = mend_diag_format(mend_diags_at(d, i));
    FUZZ_ASSERT(line && !strchr(line, '\n'));
    mend_free(line);
  }
  if (st) play(st, data, size);
  mend_story_free(st);
  mend_diags_free(d);
  return 0;
}
