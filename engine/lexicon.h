/* SPDX-License-Identifier: MIT */
/*
 * lexicon.h - what the story loader takes from a lexicon (mend/safety.h): the
 * words of its language, for the phrases of a story's rubrics; and what the
 * engine asks of it for crisis() and abuse() (mend/safety.h).
 */
#ifndef MEND_LEXICON_H
#define MEND_LEXICON_H

#include "mend/safety.h"
#include "phrase.h"

/* A new phrase set with the lexicon's words: its stemmer and gap, its
 * variants and classes, and its negation, pseudo-negation, termination and
 * common-word phrases (tagged with their negex.h roles), to add phrases to. */
ph_set *lexicon_words(const mend_lexicon *lx);
/* The same, without the [dig] and [said NAME] phrases. */
ph_set *lexicon_base(const mend_lexicon *lx);
/* A short text that the lexicon reads as a sign of category c (crisis or
 * abuse), made from one of its phrases, for testers; NULL when it has none. */
const char *lexicon_sample(const mend_lexicon *lx, mend_safety_category c);
/* A whole answer that says nothing in the lexicon's language ("nothing"),
 * from its [answer nothing], for testers; NULL when it has none. */
const char *lexicon_nothing_sample(const mend_lexicon *lx);
/* The lists [said NAME] of the words (said(t, 'NAME')): at most
 * LEXICON_MAX_SAID; LEXICON_NO_LIST is a list no words hold. */
#define LEXICON_MAX_SAID 57 /* (56 lists: the told flags, MEND_TOLD_LISTS) */
#define LEXICON_NO_LIST 57
/* The index of list NAME (n bytes), or -1. */
int32_t lexicon_said(const mend_lexicon *lx, const char *name, size_t n);
/* A text list k holds, made from its first phrase, for testers (malloc'd,
 * mem_free it), or NULL. */
char *lexicon_said_sample(const mend_lexicon *lx, int32_t k);
/* A text of the [dig] list (its first phrase), for testers; malloc'd, or NULL. */
char *lexicon_dig_sample(const mend_lexicon *lx);
/* The names of the lists, ", " between them, into buf (cap bytes). */
void lexicon_said_names(const mend_lexicon *lx, char *buf, size_t cap);
/* NegEx's window, in words. */
unsigned lexicon_scope(const mend_lexicon *lx);

#endif
