/* SPDX-License-Identifier: MIT */
/*
 * lexicon.h - what the story loader takes from a lexicon (mend/safety.h): the
 * words of its language, for the phrases of a story's rubrics.
 */
#ifndef MEND_LEXICON_H
#define MEND_LEXICON_H

#include "mend/safety.h"
#include "phrase.h"

/* A new phrase set with the lexicon's words: its stemmer and gap, its
 * variants and classes, and its negation, pseudo-negation, termination and
 * common-word phrases (tagged with their negex.h roles), to add phrases to. */
ph_set *lexicon_words(const mend_lexicon *lx);
/* NegEx's window, in words. */
unsigned lexicon_scope(const mend_lexicon *lx);

#endif
