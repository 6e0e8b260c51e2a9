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

typedef struct support {
  mend_lexicon *lexicon;    /* NULL when it could not be loaded (said on stderr) */
  mend_resources *res;      /* NULL when they could not be loaded (said on stderr) */
  const mend_country *here; /* the person's country's entry, or "*", or NULL */
  char code[3];             /* the person's country, "" when unknown */
} support;

/* The country: --country (opt, may be NULL), then MEND_COUNTRY, then the
 * territory of LC_ALL, LC_MESSAGES or LANG. Returns false, with a message on
 * stderr, when opt (or MEND_COUNTRY) is not a two-letter code. */
bool support_country(const char *opt, char out[3]);
/* Loads the helplines, and with `lang` the lexicon for that language (its
 * own, else the one of its main language, else English). Problems are said on
 * stderr, once, and what could be loaded is used. */
void support_open(support *s, const char *lang, const char *code);
void support_close(support *s);

/* The screen for what a session noticed: either hit may be NULL (a story's
 * <support/> has no words). One paragraph per line; a line's leading spaces
 * are its hanging indent. Malloc'd. */
char *support_screen(const support *s, const mend_safety_hit *crisis, const char *crisis_words,
                     const mend_safety_hit *abuse, const char *abuse_words);
/* Every line for the person's country: emergency, crisis and abuse. Malloc'd. */
char *support_all_lines(const support *s);
/* The choices after a screen, as the player offers them. */
extern const char support_choices[];

int cmd_support(int argc, char **argv);
int cmd_safety_check(int argc, char **argv);

#endif
