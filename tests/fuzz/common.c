/* SPDX-License-Identifier: MIT */
/* common.c - what the harnesses share (see fuzz.h). */
#include "fuzz.h"

static mend_story *story;

const mend_story *fuzz_story(void) {
  if (!story) {
    story = mend_story_load_memory((const char *)mend_fuzz_story, mend_fuzz_story_len,
                                   "tests/fuzz/story.xml", NULL, NULL);
    if (!story) abort();
  }
  return story;
}
