/* common.c - what the harnesses share (see fuzz.h). */
#include "fuzz.h"

#include <string.h>

#include "mend/safety.h"

static mend_story *story;
static mend_lexicon *lexicon;

/* A small safety lexicon, so that the story's text answers are scanned and
 * its crisis() and abuse() find signs. */
static const char signs[] = "language: en\n"
                            "stemmer: english\n"
                            "[variants]\n"
                            "cant = can not\n"
                            "[class they]\n"
                            "he she they\n"
                            "[negation before]\n"
                            "not\n"
                            "never\n"
                            "[crisis: hopeless]\n"
                            "severity: 1\n"
                            "says: A.\n"
                            "can not go on\n"
                            "[abuse: violence]\n"
                            "severity: 2\n"
                            "says: C.\n"
                            "@they ... hit me\n";

const mend_story *fuzz_story(void) {
  if (!story) {
    story = mend_story_load_memory((const char *)mend_fuzz_story, mend_fuzz_story_len,
                                   "tests/fuzz/story.xml", NULL, NULL);
    lexicon = mend_lexicon_load_memory(signs, strlen(signs), "signs", NULL);
    if (!story || !lexicon) abort();
    mend_story_set_lexicon(story, lexicon);
  }
  return story;
}
