/* SPDX-License-Identifier: MIT */
/*
 * model.h - the compiled story: what the loader produces and the session
 * runs. Everything is in arrays indexed by 32-bit integers; ids are resolved
 * to indexes at load, expressions are type-checked ASTs in one pool, texts
 * are pre-split pieces. Strings live in the story's arena.
 */
#ifndef MEND_MODEL_H
#define MEND_MODEL_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>

#include "expr.h"
#include "mem.h"
#include "pattern.h" /* the patterns' compiling and matching */
#include "mend/mend.h"
#include "text.h"

typedef struct loc {
  int32_t line;
  uint16_t file; /* index into story->files (a story has at most 100) */
  uint16_t col;  /* 0 when unknown (or past 65 535) */
} loc;

typedef struct tpl {
  uint32_t first, count; /* range of story->pieces */
} tpl;

typedef struct xref { /* an expression in the source */
  int32_t root;       /* expr pool index, -1 for none (always true) */
  const char *src;
  loc at;
} xref;

typedef enum op_kind {
  OP_TEXT,
  OP_SET,
  OP_ASK,
  OP_CHECK,
  OP_SUPPORT,
  OP_CONTACT,
  OP_TITLE,   /* an ending's <title if>: its text one plain piece, read when the ending is over */
  OP_CHECKINS /* an ending's checkins="...": its condition, read when the ending is over */
} op_kind;

typedef struct op { /* one content element of a node, or a set of a choice */
  uint8_t kind;
  uint8_t ask_kind; /* OP_ASK: mend_ask_kind; OP_SUPPORT: mend_safety_category */
  bool journal;
  int32_t cond; /* index into story->xrefs, -1 for none */
  loc at;
  int32_t var;   /* SET, ASK, CHECK */
  int32_t value; /* SET: xref; CHECK: score var or -1 */
  tpl text;      /* TEXT paragraph, ASK prompt */
  int64_t min, max;
  uint32_t first, count; /* ASK: examples; CHECK: rules */
} op;

typedef struct rule {
  const char *label;
  const char *watch; /* an absent rule: what it looks for, in a few words (NULL: none) */
  regex_t re;        /* pattern=, searched in one pass (see model_regex_compile) */
  regex_t quote_re;  /* the same, plain: where it matched, to quote it */
  bool has_re;
  bool has_say;       /* it has <say> phrases (in story->rubric, tagged with its index) */
  const char *sample; /* words its first <say> finds (ph_sample), or NULL */
  bool absent;
  int64_t weight;
  uint32_t first_test, ntests; /* story->rule_tests */
  tpl met, unmet;
  loc at;
} rule;

typedef struct pattern_src { /* a pattern as written (a rule's, or in matches()), for lint */
  const char *src;
  loc at;
} pattern_src;

typedef struct rule_test { /* <test meets="yes|no"> of a rule */
  const char *answer;
  bool meets;
  uint32_t rule;
  loc at;
} rule_test;

typedef struct feedback {
  int32_t cond;
  mend_tone tone;
  tpl text;
  loc at;
} feedback;

typedef struct choice {
  const char *id; /* NULL when none */
  int32_t cond;
  int32_t to;
  int32_t node;   /* the node it belongs to */
  uint32_t index; /* position among its node's choices */
  bool once;
  tpl label;
  uint32_t first_set, nsets; /* ops */
  uint32_t first_fb, nfb;    /* feedbacks */
  loc at;
} choice;

typedef struct exit_ { /* a goto, or a branch of a random */
  int32_t cond;
  int32_t to;
  int64_t weight;
  loc at;
} exit_;

typedef struct hear { /* a story's <hear>: what it does with a line told at a decision */
  int32_t cond;       /* xref (always one) */
  int32_t to;         /* the node it goes on from, or -1 */
  tpl text;           /* its words (count 0: none) */
  tpl again;          /* its <again>: its words when it was taken before (count 0: none) */
  loc at;
  uint64_t just;  /* the just_told() flags its condition reads */
  uint64_t reads; /* ... and the told() ones with them */
  bool also;      /* also="true": said after another <hear> the line made true */
  bool may_fail;  /* its condition computes (overflow, division by zero) */
} hear;

typedef struct node {
  const char *id;
  bool ending;
  const char *title; /* endings */
  mend_tone tone;
  uint32_t first_op, nops;
  uint32_t first_choice, nchoices;
  uint32_t first_goto, ngotos;
  uint32_t first_random, nrandom;
  loc at;
} node;

typedef struct var {
  mend_var_info info;
  loc at;
  bool explicit_measure; /* measure="..." was written (or it is no measure) */
} vardef;

struct mend_story {
  mem_arena *arena;
  const char *id, *title, *about, *lang, *author, *tags, *source, *file;
  int minutes;
  uint64_t hash;
  int32_t start;
  const char **files;
  size_t nfiles;
  vardef *vars;
  size_t nvars;
  node *nodes;
  size_t nnodes;
  op *ops;
  size_t nops;
  choice *choices;
  size_t nchoices;
  feedback *fbs;
  size_t nfbs;
  exit_ *exits;
  size_t nexits;
  hear *hears;
  size_t nhears;
  rule *rules;
  size_t nrules;
  rule_test *rule_tests;
  size_t nrule_tests;
  pattern_src *patterns;
  size_t npatterns;
  /* the rules' phrases (<say>, <unless>), with the words of the story's
   * language (variants, negation...): NULL when no rule has any */
  struct ph_set *rubric;
  unsigned rubric_scope; /* NegEx's window */
  /* the words of its language (variants, classes, stemmer, negation), to
   * read its choices' labels with (mend_session_choice_meant); NULL without */
  struct ph_set *choice_base;
  unsigned choice_scope;       /* (NegEx's window) */
  const char *rubric_language; /* its name ("English") */
  bool rubric_bare;            /* no words were given for the language */
  const char *nothing_sample;  /* a whole answer that says nothing, for testers, or NULL */
  /* per text variable: the samples of the rules that read it (for testers) */
  const char **samples;
  size_t nsamples;
  uint32_t *var_samples; /* per variable: first sample, then count (2 each) */
  /* the same, with the lexicon's samples of a sign for the variables that
   * crisis() or abuse() read (made by mend_story_set_lexicon; NULL: none) */
  const char **sign_samples;
  uint32_t *var_sign_samples;
  const char **examples;
  size_t nexamples;
  xref *xrefs;
  size_t nxrefs;
  regex_t *regexes; /* matches() patterns */
  size_t nregexes;
  text_piece *pieces;
  size_t npieces;
  expr_pool expr;
  size_t nmeasures;
  /* which counters conditions read (for the explorer's state hash) */
  bool *visits_read; /* per node */
  bool *chosen_read; /* per choice */
  bool *var_read;    /* per variable: read by an expression, a {name} or a check */
  /* per variable, what of it the rest of a session can depend on (the state
   * hash of exploration): VAR_FUTURE_NONE (never read, or only shown by a
   * {name}: text shown changes no decision), VAR_FUTURE_EMPTY (a text that
   * conditions only compare with ''), VAR_FUTURE_VALUE */
  uint8_t *var_future;
  const struct mend_lexicon *lexicon; /* sessions scan text answers with it (safety.h) */
  /* the same as lists, for the state hash: nodes whose visits are read,
   * choices whose count is read or that are once */
  uint32_t *hashed_nodes, *hashed_choices;
  size_t nhashed_nodes, nhashed_choices;
  /* the MEND_TOLD_ flags its told() and its just_told() ask about */
  uint64_t reads_told, reads_just_told;
  const char *told_samples[EXPR_TOLD_LISTS]; /* told('NAME'): a text of list k (testers') */
  const char *told_dig_sample;               /* told(dig): a text of [dig] (testers') */
  /* per node, what a node reachable from it reads (the explorer's state
   * hash): variables (live_words 64-bit words each), told() and just_told()
   * flags; NULL when the story is too big for the table (all count) */
  uint64_t *live_vars;
  uint64_t *live_told, *live_just;
  uint64_t *offer_just; /* per node, the just_told() flags its choices' conditions read */
  /* what a just_told() reads before the next decision (session_just_from):
   * per op, of its condition and value; per node, after its last op, and
   * after one of its choices is taken */
  uint64_t *op_just, *tail_just, *choice_just;
  /* what a told() reads from a decision on (mend_session_told_ahead): per
   * op, of its condition and value; per node, of its choices (conditions,
   * sets, feedback), its exits' conditions and all its targets read */
  uint64_t *op_told, *tail_told;
  /* the state hash's told() flags: the same, of the conditions that decide
   * the way on (hard: per node, of all nodes reachable from it; per op; per
   * node from its decisions on), and of those that only choose what is shown
   * (soft: per node, its ops'; per op; per node from its decisions on, of
   * its feedback and of its targets up to their first decision): a flag a
   * paragraph far ahead reads is a state only from the decision before it,
   * where the explorer types it */
  uint64_t *hard_told, *op_hard, *hard_tail;
  uint64_t *soft_told, *op_soft, *soft_tail;
  /* ... per node, of it and what its exits lead to up to the first decision;
   * per choice, of its feedback: at a choice, what the choices on offer
   * lead to counts, not the node's other ways on */
  uint64_t *soft_entry, *choice_soft;
  /* what a <hear> can read or lead to, at any decision: told() and
   * just_told() flags (its condition, and where its to= leads) */
  uint64_t hear_told, hear_just;
  uint64_t hear_kept;       /* ... of hear_told, what counts in the state hash */
  uint64_t hear_just_multi; /* ... of those that lead on and read two or more just_told() kinds */
  size_t live_words;
};

enum { VAR_FUTURE_NONE = 0, VAR_FUTURE_EMPTY = 1, VAR_FUTURE_VALUE = 2 };

/* A phrase of choice_words: its tag's index holds the choice's index, and
 * whether the word is its label's first, or a past form ("Blocked") */
#define CHOICE_INDEX 0x1FFFFFu
#define CHOICE_FIRST 0x200000u
#define CHOICE_PAST 0x400000u

/* The just_told() flags read from op `pc` of node n on, until a question
 * that is always asked (op_just, tail_just: see mend_story). */
static inline uint64_t session_just_from(const struct mend_story *st, const uint64_t *op_just,
                                         const uint64_t *tail, uint32_t n, uint32_t pc) {
  const node *nd = &st->nodes[n];
  uint64_t m = 0;
  for (uint32_t i = pc; i < nd->nops; i++) {
    const op *o = &st->ops[nd->first_op + i];
    m |= op_just[nd->first_op + i];
    if (o->kind == OP_ASK && o->cond < 0) return m;
  }
  return m | tail[n];
}

#endif
