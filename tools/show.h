/* SPDX-License-Identifier: MIT */
/*
 * show.h - the words a player shows around a story's own text: a feedback's
 * lead, a question's range, why an answer cannot be used, the notes' word on
 * an answer in another language, the heading of an ending, the check-ins, the
 * journal and the summary. One copy for the terminal player (player.c) and
 * the page's (web/page.c, compiled to WebAssembly), so that both show the
 * same words. Nothing here reads or writes anything but the FILE it is given.
 */
#ifndef MEND_SHOW_H
#define MEND_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mend/mend.h"

/* What comes before a feedback's text: an indent, the same for every tone.
 * A feedback's tone is for authors and their tools (mend test's plans, lint,
 * graph): the person is shown no tone word and no tone colour. */
extern const char show_feedback_lead[];
/* " [0-10]" for a scale, " [y/n]" for yes/no, "" for text: after the prompt. */
void show_question_range(const mend_question *q, char *buf, size_t n);
/* Why an answer was refused (the status mend_session_answer returned). */
void show_answer_problem(const mend_question *q, mend_status st, char *buf, size_t n);
/* Whether the session's view shows the person anything to read: at an
 * automatic move after it, a terminal waits for Enter ("(press Enter)"), unless
 * it comes straight after an answer. */
bool show_view_shows_something(const mend_session *s);
/* Whether, after a choice, the view holds no words of the node it led to
 * (its feedback only, or nothing): an automatic move from there flows on,
 * with no pause, as the choice would have led straight to what comes next
 * (a node that only routes, by gotos, leaves no empty "(press Enter)"). */
bool show_view_flows_on(const mend_session *s);
/* Whether the question of source line qline, waiting before a line was told
 * there, waits no more: what was told ended its own condition
 * (if="not told('grief')"), and the story went on (the player, the page and
 * plans then show what follows, not the question again). */
bool show_question_left(const mend_session *s, int qline);
/* Whether a text's first word is a yes (1) or a no (0), as in "yes please",
 * "no, not today"; -1 when it is neither. */
int show_first_yes_or_no(const char *text, size_t n);
/* Whether text[0..n) answers the yes/no question prompt[0..pn) in the
 * question's own words: "i couldnt" or "i dont think i can" at "Could you
 * keep that promise?", "i dont want to start again" at "Do you want mend to
 * start ...?", "id still post it", "ive talked to my sister", "its not worth
 * it"; 1 a yes, 0 a no, -1 neither (another verb, "i dont know", a "but"). */
int show_echo_yes_or_no(const char *prompt, size_t pn, const char *text, size_t n);
/* The words in the first n bytes of text (runs of letters, digits,
 * apostrophes and other scripts' characters). */
size_t show_words_in(const char *text, size_t n);
/* The choice a typed answer names, as the player and plans read it: its
 * number, its whole label, or the unique start of one; a lone yes or no
 * ("n", "no", "yeah") names only a choice whose first word says the same
 * ("No, not yet"), never "Nobody did anything wrong". -1 when none, or
 * (*ambiguous) more than one. */
long show_pick_choice(const mend_session *s, const char *a, bool *ambiguous);
/* The choice a line refused by show_pick_choice starts with, and goes on
 * after: its number then a mark or a word that starts a sentence ("3 but im
 * going round his tonight", "2. i need air"; not "2 am"), or its whole label
 * then more words; -1 when none. The player tells the line first (its safety
 * signs, the story's <hear>s), then takes the choice, as it does a scale's
 * "9. i already texted him". */
long show_choice_first(const mend_session *s, const char *a);
/* After a line refused at a choice was told (its signs, the story's
 * <hear>s): the choice it starts with (show_choice_first) taken, while the
 * same choices wait (`offered`, show_choices_offered before the line), where
 * its words brought no sign and no <hear>'s words; what to say back ("(Your
 * choice: 2) ...)", to free), or NULL when none was taken. The player and
 * plans both take a line so. */
char *show_take_choice_first(mend_session *s, const char *line, uint64_t offered);
/* After a line refused at a choice was told, and not taken as above: the
 * choice its words name (mend_session_choice_meant: "block him. but what if
 * he comes round" for "Block them"), while the same choices wait and its
 * words brought no sign (after a <hear>'s words too: the question comes
 * after them), to ask "Do you mean 3) Block them?"; -1 when none. */
long show_choice_meant(mend_session *s, const char *line, uint64_t offered);
/* The question for it: "Do you mean 3) Block them?" (a label's own question
 * mark kept, its full stop made one; to free). */
char *show_meant_question(const mend_session *s, long k);
/* Which choices are offered, as a hash of their positions in the node
 * (FNV-1a): what is told at a choice can change them. */
uint64_t show_choices_offered(const mend_session *s);
/* For a line the yes/no question waiting refused with st: when its first word
 * is a yes or a no ("no, not today", "yes and i begged him"), or the scale
 * question's line starts with its number and a mark ("9. i already texted
 * him tonight"), and the rest tells the session nothing of a crisis, abuse,
 * heavy or unsafe words (mend_session_tell), that is the answer given;
 * returns the status of it, else st (a line with a sign, "no, i want to
 * die", stays refused: the front end shows what it shows for such a line). */
/* What the line told may have been taken by a story's <hear> too: *heard is
 * then its words (malloc'd; NULL for none), for the front end to show before
 * what follows the answer; a <hear> that led the story on took the question
 * with it: MEND_OK, nothing answered, and *moved; so did what it told where
 * it ended the question's own condition ("0. he died last month" where
 * if="not told('grief')" asks). Either may be NULL. */
mend_status show_answer_first_word(mend_session *s, mend_status st, const char *line, char **heard,
                                   bool *moved);
/* ... and once the front end has shown it (the screen, or the short line for
 * heavy or unsafe words), the first word or number of such a line is the
 * answer after all ("no, he wouldnt let me see my friends" is a no, "9, i
 * want to die" a 9): returns the status of it, else st (none, or a text
 * question). Taken, *said (unless NULL) is what a front end says of it:
 * "(Your answer: no.)". */
#define SHOW_ANSWER_SAID 48
mend_status show_answer_after_signs(mend_session *s, mend_status st, const char *line,
                                    char said[SHOW_ANSWER_SAID]);
/* What a player says under a text question that has examples: how to go on
 * to a new line, and :example. */
extern const char show_text_note[];
/* What a player says when it left characters out of an answer (n > 0),
 * malloc'd: "I left out 2 characters that cannot be shown." */
char *show_left_out(size_t n);
/* Writes a text of several lines (a person's answer), each line but a
 * blank one after `indent`, each control character dropped (term_put). */
void show_lines(FILE *f, const char *text, const char *indent);
/* A rubric did not read an answer in another language: the sentence that
 * says so (malloc'd). */
char *show_unread(const mend_item *it);
/* What a player says when the story cannot go on (a run-time error, or
 * automatic moves that loop), before saying what the person can do. */
extern const char show_stuck[];
/* What a player says after a view with a <contact/> it recorded: with the
 * command that shows the count (the terminal's "mend progress"), or NULL on
 * the page (its journal shows it). Malloc'd. */
char *show_contact_noted(const char *progress);
/* Automatic moves in a row past which a player stops: the story loops. */
#define MEND_MAX_AUTO_IN_A_ROW 10000
/* What a player says when the story moved on by itself that many times at
 * node `at` (malloc'd). */
char *show_loops(const char *at);
/* "*** The end: TITLE ***" (malloc'd, sanitised): the title only, no tone. */
char *show_ending(const mend_summary *sum);
/* What the person said: each check-in measure they answered, by its label
 * (from their first answer to their last, with `arrow` between, when `arrow`
 * is given; else the last), then the other scale answers by their question.
 * Story state is never shown as a score. Returns how many lines. */
size_t show_checkins(const mend_session *s, FILE *f, const char *arrow);
/* The first crisis and the first abuse support item of the view, with the
 * words that triggered each (NULL when there is none): what the support
 * screen shows. False when the view offers no support. `refused` (abuse,
 * crisis; NULL: none) is the support the front end already offered for
 * lines the session refused: an item no more serious is not a screen
 * again (show_support_seen). */
struct mend_safety_hit;
bool show_support_items(const mend_session *s, const int *refused,
                        const struct mend_safety_hit **crisis, const char **cw,
                        const struct mend_safety_hit **abuse, const char **aw);
/* Whether a support item (MEND_ITEM_SUPPORT) is no more serious than what
 * the front end offered for refused lines (`refused`: abuse, crisis): the
 * screen was shown then, and this one gets the short reminder instead. */
bool show_support_seen(const mend_item *it, const int *refused);
/* Whether an item of the view gets the short reminder of support ("That
 * sounds heavy again..."): support the session offers again
 * (MEND_ITEM_SUPPORT_AGAIN), or a <support> already seen
 * (show_support_seen); not one of the categories in `just` (1 <<
 * mend_safety_category), whose screen the answer that led to this view
 * brought a moment ago: "again" would speak of the screen just left. */
bool show_support_reminds(const mend_item *it, const int *refused, unsigned just);
/* The categories (1 << mend_safety_category) whose support offered for
 * refused lines rose from `before` to `after` (abuse, crisis): the screens a
 * line just brought. */
unsigned show_support_raised(const int before[2], const int after[2]);
/* The answers the person gave into a check-in measure: how many, the first
 * and the last. */
size_t show_checkin_answers(const mend_summary *sum, const mend_measure *m, int64_t *first,
                            int64_t *last);
/* What was written in this session, prompt then answer, indented (the last
 * of several versions of one answer marked). */
void show_journal(const mend_session *s, FILE *f);
/* The summary of an ended session (also what a journal keeps of it),
 * malloc'd, "" when there is nothing to say: check-ins (with `arrow`
 * between first and last), then what was written, each answer once (the
 * last version of one written more than once, saying how many came before
 * it and, when `kept`, that the journal keeps them). No tones, no count of
 * decisions, no scores. */
char *show_summary(const mend_session *s, const char *arrow, bool kept);
/* The summary as a journal keeps it: the same, but without the answers the
 * journal holds already as entries of their own (journal questions), so that
 * each answer is in the journal once. */
char *show_summary_kept(const mend_session *s, const char *arrow);

#endif
