/* SPDX-License-Identifier: MIT */
/*
 * fuzz_session.c - a session of tests/fuzz/story.xml driven by the bytes:
 * each byte picks an operation (answer, choose, continue, undo, save and
 * restore, reset, read the view) and the following bytes its argument. Every
 * view must stay consistent; save and restore must give the same state.
 */
#include <string.h>

#include "fuzz.h"
#include "mend/test.h"

static void check_view(const mend_session *s) {
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    FUZZ_ASSERT(strlen(it->text.text) == it->text.length);
    for (size_t k = 0; k < it->text.nspans; k++)
      FUZZ_ASSERT(it->text.spans[k].start + it->text.spans[k].length <= it->text.length);
  }
  mend_pending p = mend_session_pending(s);
  FUZZ_ASSERT((mend_session_question(s) != NULL) == (p == MEND_PENDING_ASK));
  FUZZ_ASSERT((mend_session_choice_count(s) > 0) == (p == MEND_PENDING_CHOICE));
  for (size_t i = 0; i < mend_session_choice_count(s); i++)
    FUZZ_ASSERT(strlen(mend_session_choice(s, i)->label.text) ==
                mend_session_choice(s, i)->label.length);
  FUZZ_ASSERT((mend_session_error(s) != NULL) == (p == MEND_PENDING_ERROR));
  const mend_summary *sum = mend_session_summary(s);
  FUZZ_ASSERT((sum->ending_id != NULL) == (p == MEND_PENDING_END));
  FUZZ_ASSERT(sum->decisions == mend_session_decisions(s));
  for (size_t i = 0; i < sum->nmeasures; i++)
    FUZZ_ASSERT(sum->measures[i].final == mend_session_int(s, sum->measures[i].name));
  FUZZ_ASSERT(mend_session_int(s, "urge") >= 0 && mend_session_int(s, "urge") <= 10);
  FUZZ_ASSERT(mend_session_text(s, "draft") != NULL && mend_session_text(s, "urge") == NULL);
}

static mend_session *save_restore(const mend_story *st, mend_session *s) {
  char *a;
  size_t alen;
  FUZZ_ASSERT(mend_session_save(s, &a, &alen) == MEND_OK);
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, a, alen, 0, &rs);
  FUZZ_ASSERT(rs == MEND_RESTORED && r);
  FUZZ_ASSERT(mend_session_state_hash(r) == mend_session_state_hash(s));
  FUZZ_ASSERT(mend_session_decisions(r) == mend_session_decisions(s));
  FUZZ_ASSERT(mend_session_item_count(r) == mend_session_item_count(s));
  mend_free(a);
  mend_session_free(s);
  return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const mend_story *st = fuzz_story();
  mend_session *s = mend_session_new(st, size ? data[0] : 0);
  FUZZ_ASSERT(s);
  char answer[MEND_MAX_ANSWER + 64];
  for (size_t i = 1; i < size;) {
    uint8_t op = data[i++];
    uint8_t arg = i < size ? data[i] : 0;
    size_t before = mend_session_decisions(s);
    mend_status rc = MEND_OK;
    switch (op % 8) {
    case 0:
    case 1: { /* answer with the next bytes: length, then text */
      size_t n = i < size ? data[i++] : 0;
      if (op & 0x80) n *= 32; /* sometimes long */
      if (n > size - i) n = size - i;
      if (n > sizeof answer - 1) n = sizeof answer - 1;
      memcpy(answer, data + i, n);
      answer[n] = 0;
      i += n;
      mend_status check = mend_session_check_answer(s, answer);
      rc = mend_session_answer(s, answer);
      FUZZ_ASSERT(check == rc);
      FUZZ_ASSERT(rc != MEND_OK || mend_session_decisions(s) == before + 1);
      break;
    }
    case 2:
    case 3: /* choose, sometimes out of range */
      i++;
      rc = mend_session_choose(s, arg % (mend_session_choice_count(s) + 1));
      FUZZ_ASSERT(rc != MEND_OK || mend_session_decisions(s) == before + 1);
      break;
    case 4: rc = mend_session_continue(s); break;
    case 5:
      rc = mend_session_undo(s);
      FUZZ_ASSERT(rc != MEND_OK || mend_session_decisions(s) == before - 1);
      break;
    case 6: s = save_restore(st, s); break;
    case 7:
      if (op & 0x80) {
        i++;
        mend_session_reset(s, arg);
        FUZZ_ASSERT(mend_session_decisions(s) == 0);
      }
      break;
    }
    FUZZ_ASSERT(rc <= MEND_E_NOTHING);
    check_view(s);
  }
  s = save_restore(st, s);
  mend_session_free(s);
  return 0;
}
