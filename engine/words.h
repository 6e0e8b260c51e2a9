/* SPDX-License-Identifier: MIT */
/*
 * words.h - splitting a person's text into words the way phrase matching
 * needs them: case folded, accents and other marks removed, compatibility
 * forms unified (full-width letters, ligatures), apostrophes inside a word
 * dropped ("don't", "don’t" and "dont" are one word), and where a clause or a
 * sentence ends. A '*' inside a word ("k*ll") is kept: it stands for a letter
 * someone hid. Unicode comes from utf8proc; ASCII takes a fast path.
 */
#ifndef MEND_WORDS_H
#define MEND_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

enum {
  WD_BREAK_NONE = 0,
  WD_BREAK_CLAUSE = 1,   /* , : - – — ( ) or an ellipsis before this word */
  WD_BREAK_SENTENCE = 2, /* . ! ; or a line break before this word */
  WD_BREAK_QUESTION = 3  /* ? before this word ("suicidal? no") */
};

typedef struct wd_tok {
  uint32_t start, end; /* the word's bytes in the text */
  uint32_t word, len;  /* its normalised form: bytes [word, word+len) of wd_text.buf */
  uint8_t brk;         /* WD_BREAK_*: what ended between the previous word and this one */
} wd_tok;

typedef struct wd_text {
  wd_tok *tok;
  size_t n, cap;
  mem_buf buf; /* the normalised words, each followed by a NUL */
} wd_text;

/* Splits text (UTF-8; invalid bytes count as separators) into words, replacing
 * what `out` held. Texts are cut at 1 MB. */
void wd_split(const char *text, size_t n, wd_text *out);
void wd_text_free(wd_text *t);
static inline const char *wd_word(const wd_text *t, size_t i) {
  return t->buf.data + t->tok[i].word;
}

#endif
