/* SPDX-License-Identifier: MIT */
/*
 * suggest.h - "did you mean": how far one word is from another, and the
 * closest of a list.
 */
#ifndef MEND_SUGGEST_H
#define MEND_SUGGEST_H

#include <stddef.h>

/* Edits from a to b: letters changed, added or left out, and two neighbours
 * swapped (the optimal string alignment distance: "tset" is one from
 * "test"); 99 for words over 40 bytes. */
size_t edit_distance(const char *a, const char *b);
/* The word of a NULL-terminated list closest to `word`: at most two edits
 * away, and fewer than its length (the same word in other capitals is the
 * closest); NULL when none is. */
const char *suggest_closest(const char *word, const char *const *cands);

/* The same over candidates that are not in a list: offered one at a time.
 *   suggest_best s; suggest_start(&s, word); for (...) suggest_offer(&s, cand);
 * then s.best. `word` (NUL-terminated) must outlive it. */
typedef struct suggest_best {
  const char *word, *best;
  size_t len, dist;
} suggest_best;
void suggest_start(suggest_best *s, const char *word);
void suggest_offer(suggest_best *s, const char *cand);

#endif
