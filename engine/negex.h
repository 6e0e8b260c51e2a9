/* SPDX-License-Identifier: MIT */
/*
 * negex.h - which phrases found in a person's text stand, by the NegEx method
 * (Chapman et al., 2001): one implementation for the safety layer's signs and
 * the rubrics' phrases.
 *
 * A phrase set holds, besides the phrases looked for (targets), phrases with
 * a role: negation triggers that stand before a target (within `scope` words)
 * or after it, answers to a question about it ("suicidal? no"),
 * pseudo-negations that hold a negation word but negate nothing ("not
 * only"), termination words that end a trigger's reach ("but"), figurative
 * phrases that cancel a target they overlap ("dying to"), and a language's
 * common words (to tell whether a text is in that language). A trigger's
 * reach also ends at a clause break. A trigger inside a target's own words is
 * part of it ("can't go on"); one that stands in a "..." of the target negates
 * it ("he would never hit me").
 */
#ifndef MEND_NEGEX_H
#define MEND_NEGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "phrase.h"

enum nx_role {
  NX_TARGET = 0,
  NX_BEFORE,
  NX_AFTER,
  NX_ANSWER,
  NX_PSEUDO,
  NX_TERMINATION,
  NX_FIGURATIVE,
  NX_COMMON,  /* a common word of the language */
  NX_FOREIGN, /* a common word of other languages */
  NX_NOTHING, /* a whole answer that says nothing ("idk", "nothing really") */
  NX_UNLESS   /* a rubric rule's <unless>: figurative, and its "..." may run over a sentence's
                 end ("Thanks for the closure. Oh wait, you never gave any.") */
};

/* A phrase's tag: its role, and for targets (and the figurative phrases that
 * cancel one target only) an index of the caller's. */
#define NX_TAG(role, index) ((uint32_t)(role) << 24 | ((uint32_t)(index)&0xFFFFFFu))
#define NX_ROLE(tag) ((tag) >> 24)
#define NX_INDEX(tag) ((tag)&0xFFFFFFu)
#define NX_ALL 0xFFFFFFu /* a figurative phrase's index: it cancels any target */
#define NX_DIG 0xFFFFFEu /* a target's index in a story's rubric: a [dig] of the words (dig()) */
#define NX_DIG_ALONE 0xFFFFFDu /* ... one that is a dig as the whole answer only ("psycho.") */
/* ... a phrase of the words' list [said NAME] number i (said(t, 'NAME')), and
 * one of its "alone:" phrases */
#define NX_SAID(i) (0xFFFF00u - 2u * (uint32_t)(i))
#define NX_SAID_ALONE(i) (NX_SAID(i) - 1u)

typedef struct nx_scan {
  ph_words w;
  ph_hit *hits;
  size_t nhits, cap;
  uint8_t *mark; /* per word */
  size_t mark_cap;
  size_t common;  /* words that are common words of the language */
  size_t foreign; /* ... and of other languages */
} nx_scan;

/* Calls f for every target found in text, in the order found, with what set
 * it aside (NULL when it stands) and why ("negated", "figurative"). */
typedef void (*nx_fn)(void *ud, const nx_scan *sc, const ph_hit *target, const ph_hit *by,
                      const char *why);
void nx_run(const ph_set *set, unsigned scope, const char *text, size_t n, nx_scan *sc, nx_fn f,
            void *ud);
void nx_free(nx_scan *sc);

/* Whether text says nothing: no word with a letter in it ("", ".", "2"), or
 * its words, all of them, are one of the set's NX_NOTHING phrases. */
bool nx_says_nothing(const ph_set *set, const char *text, size_t n);

/* The words to quote for a hit: its own, and the words of its clause around
 * it, at most `before` words before it and `after` after ("thank" in "Thank
 * you for everything. Bye" quotes "Thank you for everything"). *cut_before
 * and *cut_after: words of the clause were left out there. A clause ends at
 * its punctuation and where the sentence turns ("but", "and he": the
 * language's termination words). A hit over a sentence's end is quoted from
 * the sentence it ends in. */
void nx_quote_span(const nx_scan *sc, const ph_hit *h, const char *text, size_t before,
                   size_t after, size_t *start, size_t *size, bool *cut_before, bool *cut_after);

/* The bytes of the text a hit covers. */
static inline void nx_span(const nx_scan *sc, const ph_hit *h, size_t *start, size_t *size) {
  *start = sc->w.tok[h->first].start;
  *size = sc->w.tok[h->end - 1].end - *start;
}

#endif
