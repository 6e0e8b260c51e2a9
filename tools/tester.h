/* SPDX-License-Identifier: MIT */
/*
 * tester.h - the automatic tester behind `mend test`: random playthroughs and
 * an exhaustive exploration of a story's states, driven through sessions only
 * (mend.h and mend/test.h), with coverage and the run-time failures found,
 * each with the shortest input script found that reproduces it in
 * `mend play` (plain mode), checked by replaying it before it is reported.
 */
#ifndef MEND_TESTER_H
#define MEND_TESTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"
#include "mend/test.h"

/* What the tester did at one step of a path. */
typedef enum t_act_kind {
  A_CHOOSE = 0,   /* v: the offered choice's position (0-based) */
  A_SCALE = 1,    /* v: the number */
  A_YESNO = 2,    /* v: 1 yes, 0 no */
  A_EXAMPLE = 3,  /* v: index of the question's example */
  A_SKIP = 4,     /* an empty text answer, confirmed */
  A_OFFTOPIC = 5, /* a line that has nothing to do with the question */
  A_AUTO = 6,     /* an automatic move: from -> target, among nbranch branches */
  A_FOREIGN = 7,  /* a line in a language the notes of the question cannot read */
  A_TELL = 8      /* a line typed where no text is asked, that tells v (a MEND_TOLD_ flag) */
} t_act_kind;

typedef struct t_act {
  uint8_t kind;
  uint32_t nbranch;
  int64_t v;
  const char *from, *target; /* A_AUTO: node ids (the story's own strings) */
} t_act;

typedef enum t_fkind {
  F_DEAD_END = 0,
  F_OVERFLOW = 1,
  F_DIVZERO = 2,
  F_ERROR = 3, /* another run-time error */
  F_LOOP = 4,  /* no ending within --max-steps */
  F_TRAP = 5,  /* (exhaustive) a state from which no ending can be reached */
  F_EMPTY = 6, /* a warning, not a failure: a {name} of a text variable shown while empty */
  F_DEAF = 7   /* (random, t_opts.hears) a decision where a line typed would be heard by
                  nothing ahead: no told() or just_told() from there reads what it tells */
} t_fkind;
const char *t_fkind_name(t_fkind k); /* "dead-end", "overflow", ... */

typedef struct t_failure {
  t_fkind kind;
  char *key;     /* what makes two failures the same */
  char *message; /* the engine's "file:line: error: ..." or the tester's own text */
  char *file;    /* where: the error's position, or the loop's node */
  int line;
  char *node;
  t_act *path; /* decisions and automatic moves from the start */
  size_t npath, ndecisions;
  uint64_t state;    /* F_TRAP: the state the path leads to; F_DEAF: which line of hears */
  long run;          /* random mode: the run that found it; -1 in exhaustive mode */
  uint64_t run_seed; /* random mode: that run's seed */
  /* after verification */
  bool verified; /* the script was replayed in a fresh session and reproduced it */
  bool seeded;   /* `seed` reproduces it through normal draws */
  uint64_t seed;
  uint64_t seeds_tried; /* when none reproduces it */
  char **script;        /* the input lines, as `mend play` reads them */
  size_t nscript;
  bool auto_loop; /* F_LOOP: after the script the story moves by itself forever */
} t_failure;

typedef struct t_opts {
  uint64_t seed;
  uint64_t runs;
  uint64_t max_steps;
  uint64_t max_states;
  /* random mode: lines a person may type where a choice, a number or a
   * yes/no is asked ("he died last month"): every decision of the runs
   * where what one tells is read by nothing ahead is an F_DEAF failure */
  const char *const *hears;
  size_t nhears;
} t_opts;

typedef struct t_result {
  /* random mode */
  uint64_t runs, ended;
  /* exhaustive mode */
  uint64_t states, cut; /* distinct states; paths cut at the depth reached */
  uint64_t depth;       /* how deep the last exploration went */
  bool bound_hit;       /* exploration stopped at --max-states */
  uint64_t steps;       /* decisions and moves made in all */
  t_failure *failures;  /* sorted by file and line */
  size_t nfailures;
  /* random mode: warnings (F_EMPTY), one per place, with a path that shows
   * it; they do not make a test fail */
  t_failure *warnings;
  size_t nwarnings;
} t_result;

/* Random playthroughs: opts->runs sessions, run i with seed opts->seed + i. */
void t_random(const mend_story *st, mend_coverage *cov, const t_opts *opts, t_result *r);
/* Every distinct state reachable with the tester's answers, up to the bounds. */
void t_exhaustive(const mend_story *st, mend_coverage *cov, const t_opts *opts, t_result *r);
void t_result_free(t_result *r);

/* The line the tester types for a text question it answers off topic. */
#define T_OFFTOPIC_LINE "I had pasta for lunch and the bus was late."
/* Written in a language other than the story's (Portuguese, unless the
 * story is): the notes of a check say they cannot read it, and the story's
 * branches for that are tried. */
#define T_FOREIGN_LINE "Hoje de manhã fui correr à beira do rio com a minha irmã."

#endif
