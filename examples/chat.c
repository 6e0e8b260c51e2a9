/* SPDX-License-Identifier: MIT */
/*
 * chat.c - libmend embedded in another program: a chat-bot style loop that
 * plays a story on standard input and output, one line per message. It uses
 * the public API only (mend/mend.h), and builds with pkg-config alone:
 *
 *   cc chat.c $(pkg-config --cflags --libs mend) -o chat
 *   ./chat "$(pkg-config --variable=storiesdir mend)/no-contact.xml"
 *
 * A real host would show the support items (see mend/safety.h) as mend's own
 * player does; this one prints them as plain messages.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mend/mend.h"

static void say(const char *who, const mend_text *t) {
  if (t->length) printf("%s: %s\n", who, t->text);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: chat STORY.xml\n");
    return 2;
  }
  if (strcmp(mend_version(), MEND_VERSION) != 0)
    fprintf(stderr, "chat: built with mend %s, running with %s\n", MEND_VERSION, mend_version());
  mend_diags *diags = mend_diags_new();
  mend_story *story = diags ? mend_story_load(argv[1], diags) : NULL;
  if (!story) {
    for (size_t i = 0; diags && i < mend_diags_count(diags); i++) {
      char *m = mend_diag_format(mend_diags_at(diags, i));
      fprintf(stderr, "%s\n", m ? m : "out of memory");
      mend_free(m); /* libmend's, not the C library's: see mend_set_allocator */
    }
    mend_diags_free(diags);
    return 1;
  }
  mend_diags_free(diags);
  printf("[%s]\n", mend_story_title(story));
  mend_session *s = mend_session_new(story, 1);
  char line[MEND_MAX_ANSWER + 2];
  int rc = 0;
  bool moved = true;
  while (s) {
    for (size_t i = 0; moved && i < mend_session_item_count(s); i++)
      say("bot", &mend_session_item(s, i)->text);
    moved = true;
    mend_pending p = mend_session_pending(s);
    if (p == MEND_PENDING_END) break;
    if (p == MEND_PENDING_ERROR) {
      fprintf(stderr, "chat: %s\n", mend_session_error(s));
      rc = 1;
      break;
    }
    if (p == MEND_PENDING_AUTO) {
      mend_session_continue(s);
      continue;
    }
    if (p == MEND_PENDING_ASK)
      say("bot", &mend_session_question(s)->prompt);
    else
      for (size_t i = 0; i < mend_session_choice_count(s); i++)
        printf("bot: %zu) %s\n", i + 1, mend_session_choice(s, i)->label.text);
    if (!fgets(line, sizeof line, stdin)) break; /* the person left */
    line[strcspn(line, "\r\n")] = 0;
    printf("you: %s\n", line);
    mend_status st;
    if (p == MEND_PENDING_ASK)
      st = mend_session_answer(s, line);
    else
      st = mend_session_choose(s, (size_t)strtoul(line, NULL, 10) - 1);
    if (st != MEND_OK) {
      printf("bot: (I did not understand that; try again)\n");
      moved = false;
    }
  }
  if (s && mend_session_pending(s) == MEND_PENDING_END) printf("[the end]\n");
  mend_session_free(s);
  mend_story_free(story);
  return rc;
}
