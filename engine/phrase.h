/* SPDX-License-Identifier: MIT */
/*
 * phrase.h - phrases written by people (counsellors, authors), found in text
 * written by people (the person playing), whatever form its words take.
 *
 * A phrase set holds a language's *variants* (what people type for what they
 * mean: "dont" -> "do not", "u" -> "you", "kms" -> "kill myself"), *classes*
 * of words (@they: he, she, they, my ex...), a Snowball stemmer (so that
 * "killing", "killed" and "kills" are one word), and the phrases themselves,
 * each with a tag for its owner. A phrase is words separated by spaces:
 *
 *   kill myself          two words, in this order, each in any of its forms
 *   want/wish to die     one word of several ("want" or "wish"); an
 *                        alternative can be several words ("can't/cannot/can not")
 *   @they ... hit me     a word of a class (also among alternatives:
 *                        @pills/prescriptions); "..." lets up to `gap` other
 *                        words (3 unless set) stand in between
 *   =hit                 no near spellings for this word
 *   myself/my_self       "_" joins the words of an alternative
 *
 * The text and the phrases go through the same steps (words.h, then the
 * variants, then the stemmer), so they meet in one form. A word of the text
 * also meets a phrase word when it has a letter repeated three times or more
 * ("dieee", "killlll") or when it is one typo away: for phrase words of six
 * letters or more, one letter left out, added, changed or two swapped; for
 * words of four or five, two letters swapped ("wnat"); the first letter right
 * in both. Words next to each other in a phrase are in one sentence; a "..."
 * may stand for the end of one.
 */
#ifndef MEND_PHRASE_H
#define MEND_PHRASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "words.h"

typedef struct ph_set ph_set;

ph_set *ph_new(void);
void ph_free(ph_set *s);
/* A new set with what s holds (its stemmer, gap, words, variants and classes)
 * and its first `nphrases` phrases, to add more to: faster than reading them
 * again. It holds nothing of s's: s may go first. */
ph_set *ph_copy(const ph_set *s, size_t nphrases);
/* The Snowball algorithm ("english", "french"...; "none" for no stemming).
 * Before any variant, class or phrase. False when libstemmer does not know it. */
bool ph_set_stemmer(ph_set *s, const char *algorithm);
/* The longest run of words "..." stands for (0 to 8). */
void ph_set_gap(ph_set *s, unsigned gap);
/* Adds a variant: one typed word, and the word or words it stands for.
 * Returns false with a message in err when it is not one word. */
bool ph_add_variant(ph_set *s, const char *typed, const char *means, char *err, size_t errlen);
/* Adds a class of words (its name without '@'; words separated by spaces). */
bool ph_add_class(ph_set *s, const char *name, const char *words, char *err, size_t errlen);
/* Adds a phrase; returns its index, or -1 with a message in err. */
int32_t ph_add(ph_set *s, const char *src, uint32_t tag, char *err, size_t errlen);
/* The same, letting up to `between` other words stand between any two words
 * written apart ("take responsibility" finds "take full responsibility"):
 * what a rubric's phrases do. */
int32_t ph_add_gapped(ph_set *s, const char *src, uint32_t tag, unsigned between, char *err,
                      size_t errlen);
/* Words that a phrase finds, made from it (its first alternatives, a class's
 * first word, no "..."): "@they ... hit/punch me" gives "he hit me". Malloc'd. */
char *ph_sample(const ph_set *s, const char *src);
/* Done adding: builds the index. Nothing can be added after. */
void ph_build(ph_set *s);
size_t ph_count(const ph_set *s);
uint32_t ph_tag(const ph_set *s, size_t phrase);

/* A text read for matching: its words, each with what it can meet. Scratch
 * that a caller keeps between reads (one per thread). */
typedef struct ph_tok {
  uint32_t start, end;    /* bytes of the text; words a variant stands for share them */
  uint8_t brk;            /* WD_BREAK_* before this word */
  int32_t id;             /* the phrase word it is, or -1 */
  int32_t raw;            /* the phrase word it is as written (a "quoted" one), or -1 */
  uint32_t fuzzy, nfuzzy; /* phrase words it is one typo away from (ph_words.ids) */
} ph_tok;

typedef struct ph_words {
  wd_text split;
  ph_tok *tok;
  size_t n, cap;
  int32_t *ids;
  size_t nids, ids_cap;
  uint32_t *tried; /* per phrase: the word + 1 it was last tried at */
  size_t tried_cap;
  mem_buf scratch;
  void *stemmer; /* struct sb_stemmer, made on first use */
  const char *stemmer_algo;
} ph_words;

void ph_words_free(ph_words *w);
/* Whether the set knows a normalised word: a variant, or a phrase word once
 * stemmed (w's stemmer and scratch are used). */
bool ph_knows(const ph_set *s, ph_words *w, const char *word, size_t n);
/* Reads a text (it stays the caller's) into w. */
void ph_read(const ph_set *s, const char *text, size_t n, ph_words *w);

typedef struct ph_hit {
  uint32_t phrase;
  uint32_t first, end; /* words [first, end) of the text (at most 64) */
  uint64_t gaps;       /* bit i: word first+i stood in a "..." of the phrase */
} ph_hit;

/* Every phrase found in a read text, by the word it starts at: the shortest
 * match of each phrase at each word. Appends to *hits (n used of cap). */
void ph_find(const ph_set *s, ph_words *w, ph_hit **hits, size_t *n, size_t *cap);

#endif
