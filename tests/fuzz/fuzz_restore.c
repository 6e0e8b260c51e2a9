/* SPDX-License-Identifier: MIT */
/*
 * fuzz_restore.c - the bytes are a save file, restored on the story of
 * tests/fuzz/story.xml (and, when it is from another version of the story,
 * replayed). Whatever restores must save again, and that save must restore
 * to the same session and save to the same bytes.
 */
#include <string.h>

#include "fuzz.h"
#include "mend/test.h"

static void round_trip(const mend_story *st, const mend_session *s) {
  char *a, *b;
  size_t alen, blen;
  FUZZ_ASSERT(mend_session_save(s, &a, &alen) == MEND_OK);
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, a, alen, 0, &rs);
  FUZZ_ASSERT(rs == MEND_RESTORED && r);
  FUZZ_ASSERT(mend_session_decisions(r) == mend_session_decisions(s));
  FUZZ_ASSERT(mend_session_pending(r) == mend_session_pending(s));
  FUZZ_ASSERT(mend_session_state_hash(r) == mend_session_state_hash(s));
  FUZZ_ASSERT(mend_session_save(r, &b, &blen) == MEND_OK);
  FUZZ_ASSERT(alen == blen && !memcmp(a, b, alen));
  char *id = NULL;
  size_t decisions = 0;
  FUZZ_ASSERT(mend_save_peek(a, alen, &id, &decisions));
  FUZZ_ASSERT(!strcmp(id, mend_story_id(st)) && decisions == mend_session_decisions(s));
  mend_free(id);
  mend_free(a);
  mend_free(b);
  mend_session_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const mend_story *st = fuzz_story();
  const char *d = (const char *)data;
  char *id = NULL;
  size_t decisions = 0;
  bool peek = mend_save_peek(d, size, &id, &decisions);
  mend_free(id);
  mend_restore_status rs;
  mend_session *s = mend_session_restore(st, d, size, 0, &rs);
  FUZZ_ASSERT((s != NULL) == (rs == MEND_RESTORED));
  if (rs == MEND_RESTORED) FUZZ_ASSERT(peek && decisions == mend_session_decisions(s));
  if (rs == MEND_R_STORY_CHANGED) {
    FUZZ_ASSERT(peek);
    s = mend_session_restore(st, d, size, MEND_RESTORE_REPLAY, &rs);
    FUZZ_ASSERT(s && (rs == MEND_RESTORED || rs == MEND_R_DIVERGED));
  }
  if (s) {
    round_trip(st, s);
    mend_session_free(s);
  }
  return 0;
}
