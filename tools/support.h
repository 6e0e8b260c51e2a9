/* SPDX-License-Identifier: MIT */
/*
 * support.h - the safety layer in the program: loading the lexicon and the
 * helplines (bundled in stories/safety/, with a counsellor's additions in
 * $XDG_CONFIG_HOME/mend/), finding the person's country, and the words of the
 * screens that offer support. Nothing here is logged, counted or sent.
 */
#ifndef MEND_SUPPORT_H
#define MEND_SUPPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "mend/safety.h"
#include "screen.h"

/* The lexicon and the helplines are read when first needed (a lexicon takes
 * a millisecond or two to build), so that the first question comes at once. */
typedef struct support {
  char lang[40]; /* the lexicon's language, "" for none */
  char code[3];  /* the person's country, "" when unknown */
  bool lexicon_tried, res_tried;
  mend_lexicon *lexicon;    /* use support_lexicon() */
  mend_resources *res;      /* use support_resources() */
  const mend_country *here; /* the person's country's entry, or "*", or NULL */
} support;

/* The country: --country (opt, may be NULL), then MEND_COUNTRY, then the
 * territory of LC_ALL, LC_MESSAGES or LANG. Returns false, with a message on
 * stderr, when opt (or MEND_COUNTRY) is not a two-letter code. */
bool support_country(const char *opt, char out[3]);
/* Sets up: `lang` names the lexicon to use (its own, else the one of its main
 * language, else English; NULL for none), `code` the country. Nothing is read
 * yet. */
void support_open(support *s, const char *lang, const char *code);
void support_close(support *s);
/* The lexicon (NULL when there is none or it has errors) and the helplines
 * (NULL when they cannot be read), read on the first call. Problems are said
 * on stderr, once, and what could be read is used. */
const mend_lexicon *support_lexicon(support *s);
const mend_resources *support_resources(support *s);

/* The screen for what a session noticed: either hit may be NULL (a story's
 * <support/> has no words); again as screen_place.again. One paragraph per
 * line; a line's leading spaces are its hanging indent. Malloc'd. */
char *support_screen(support *s, unsigned again, const mend_safety_hit *crisis,
                     const char *crisis_words, const mend_safety_hit *abuse,
                     const char *abuse_words);
/* Every line for the person's country: emergency, crisis and abuse. Malloc'd. */
char *support_all_lines(support *s);

/* The words of a language (stories/lang/LANG.words, then the counsellor's
 * $XDG_CONFIG_HOME/mend/lang/LANG.words), for a story's rubric phrases: read
 * once per language and kept until exit; NULL when there are none (or they
 * have errors, said once on stderr). The language's own words, else those of
 * its main language ("pt" for "pt-BR"). */
const mend_lexicon *support_words(const char *lang);
/* support_words as a mend_words_fn (mend_load_opts), for loaders. */
const mend_lexicon *support_words_fn(void *ud, const char *lang);
/* Loads a story as every command does: with the words of its language. */
mend_story *support_load_story(const char *path, unsigned flags, mend_diags *diags);
/* The safety lexicon of a language (its own, else its main language's, else
 * English), as support_lexicon() reads it: read once per language and kept
 * until exit; NULL when there is none or it has errors (said once on stderr). */
const mend_lexicon *support_safety(const char *lang);
/* Loads a story whose sessions a command runs (mend test, mend watch): with
 * the safety lexicon of its language set, as the player sets it, so that its
 * text answers are scanned and crisis() and abuse() answer as they do there. */
mend_story *support_load_played(const char *path, unsigned flags, mend_diags *diags);

int cmd_support(int argc, char **argv);
int cmd_safety_check(int argc, char **argv);

#endif
