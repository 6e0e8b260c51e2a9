/* SPDX-License-Identifier: MIT */
/*
 * screen.h - the words of the screens that offer support: what was noticed,
 * the crisis and domestic-abuse lines of the person's country, the emergency
 * number, what to do right now. One copy for the terminal player and the
 * page's (web/page.c); they differ only in how to choose another country.
 */
#ifndef MEND_SCREEN_H
#define MEND_SCREEN_H

#include <stdbool.h>

#include "mend/safety.h"

typedef struct screen_place {
  const mend_resources *res; /* may be NULL (no lines could be read) */
  const mend_country *here;  /* the person's country's entry, or "*", or NULL */
  const char *code;          /* the person's country, "" when unknown */
  const char *support;       /* on a terminal, the command that shows another country's
                              * lines ("mend support", as it can be typed here); NULL
                              * on the page (a list of countries) */
  unsigned again;            /* the categories (1 << mend_safety_category) whose screen
                              * was shown before in the session (screen_seen): what
                              * it explained is not explained again */
} screen_place;

/* The screen for what a session noticed: either hit may be NULL (a story's
 * <support/> has no words). One paragraph per line; a line's leading spaces
 * are its hanging indent. Malloc'd. */
/* The categories whose screen was shown before: by the session (before this
 * view, with in_view; else so far) or for a refused line (refused, as
 * screen_refused keeps it), as screen_place.again. */
unsigned screen_seen(const mend_session *s, const int refused[2], bool in_view);
char *screen_support(const screen_place *s, const mend_safety_hit *crisis, const char *crisis_words,
                     const mend_safety_hit *abuse, const char *abuse_words);
/* Every line for the person's country: emergency, crisis and abuse. Malloc'd. */
char *screen_all_lines(const screen_place *s);
/* The short reminder for support offered again (MEND_ITEM_SUPPORT_AGAIN, or
 * a refused line with a sign no more serious than before): the screen was
 * shown, and its lines are still there, `on_page` by the page's "People to
 * talk to" button, else by the player's :support. */
const char *screen_again(mend_safety_category c, bool on_page);
/* The reminder once screen_again was said in the session: where the lines
 * are, without "That sounds heavy again" once more. */
const char *screen_again_later(mend_safety_category c, bool on_page);
/* The words of a story's <hear> for the line told last, when the front end
 * says them beside `said` (what screen_refused said: heavy or unsafe words'
 * own line, or the short reminder of support): NULL when none, or when they
 * are `said` already. Beside a line that brought the support screen, the
 * front end says them after it, when the person goes on ("i cant do this
 * anymore. im going to text him right now": the screen, then the story's
 * words on the plan). */
const char *screen_heard_also(const mend_session *s, const char *said);
/* What a view (a step of the session) has said of lines it refused, for
 * screen_refused: the short reminder of support (screen_again, or a thanks),
 * and "I hear you."; and, for the whole session, that screen_again was said
 * (SCREEN_AGAIN: a later reminder is said in other words) and that "I hear
 * you. :support is there..." was (SCREEN_POINTED: later, "I hear you."
 * alone). A front end keeps those two at a new view (said &= SCREEN_KEPT). */
enum {
  SCREEN_REMINDED = 1u,
  SCREEN_HEARD = 2u,
  SCREEN_AGAIN = 4u,
  SCREEN_POINTED = 8u,
  SCREEN_THANKED = 16u, /* "Thank you for telling me.", once a view */
  SCREEN_KEPT = SCREEN_AGAIN | SCREEN_POINTED
};
/* What a front end shows for a line the session refused, typed where a
 * choice, a number or a yes/no was asked: it is still what the person wrote.
 * The session is told it (mend_session_tell: its story's told() hears it). A
 * sign more serious than the support offered so far (the session's, and
 * refused[]: the most serious offered for refused lines before, abuse then
 * crisis) brings the screen: returns true with hit[] (abuse, crisis; NULL for
 * none) pointing into *r and words[] the words of each (malloc'd, the
 * caller's), and raises refused[]. Otherwise *say is one sentence or NULL,
 * once a view (*said & SCREEN_REMINDED): the short reminder for a sign no more serious
 * (screen_again), or, for words heavy() or unsafe() read with no sign ("i
 * cant do this without him", "i felt trapped"), where the lines are (again,
 * when a screen of that category was shown before), or, for words only a
 * list of the story's words hears ("i already texted him tonight"), "Thank
 * you for telling me.", or, for words of the language nothing hears, "I
 * hear you." (once a view: *said & SCREEN_HEARD). *told, unless NULL, is
 * what the line told (mend_session_tell's flags). */
bool screen_refused(mend_session *s, const char *line, int refused[2], unsigned *said, bool on_page,
                    mend_safety_result *r, const mend_safety_hit *hit[2], char *words[2],
                    const char **say, mend_told *told);
/* The choices after a screen, as the players offer them. */
extern const char support_choices[];
/* The same where nothing is kept (mend play --no-save, or saving failed):
 * no place to come back to and no journal, so go on or stop. */
extern const char support_choices_unsaved[];

#endif
