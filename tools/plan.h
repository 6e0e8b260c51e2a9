/* SPDX-License-Identifier: MIT */
/*
 * plan.h - test plans: an author's own regression tests for a story, in a
 * small plain-text format (documented in stories/README.md, section 6):
 *
 *   # comment
 *   seed 3                    the seed of the random draws (default 0)
 *   choose Put the phone      a choice, by its number or the start of its words
 *   answer 8                  a question's answer: a number, y/n, text (a line that
 *                             ends with \ goes on with the next one)
 *   skip                      skip a text question
 *   expect some words         shown since the previous answer (case does not matter)
 *   expect-not other words    ... and not shown
 *   ending good_draft         the ending reached (its id or title); the last step
 *
 * A plan lives next to its story as BASE.NAME.plan, or in a plans/ folder
 * beside it, where BASE is the story file's name without .xml.
 */
#ifndef MEND_PLAN_H
#define MEND_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"
#include "mend/test.h"

typedef enum p_kind {
  P_CHOOSE,
  P_ANSWER,
  P_SKIP,
  P_EXPECT,
  P_EXPECT_NOT,
  P_ENDING,
  P_TELL,      /* a line typed where no text is asked (mend_session_tell) */
  P_TELL_PAUSE /* ... at the next pause, "(press Enter)" */
} p_kind;

typedef struct p_step {
  p_kind kind;
  int line;
  char *arg; /* "" for skip */
} p_step;

typedef struct plan {
  char *path;
  uint64_t seed;
  p_step *steps;
  size_t nsteps;
  char **errors; /* "path:line: error: ...": the plan cannot run */
  size_t nerrors;
} plan;

typedef struct p_divergence {
  int plan_line;
  char *story_file; /* where the story was, or NULL */
  int story_line;
  char *message;
} p_divergence;

typedef struct p_result {
  bool passed;
  char *ending;         /* the ending reached, or NULL */
  size_t steps, nsteps; /* steps run, of the plan's */
  bool stopped;         /* a step could not be taken: the steps after it did not run */
  p_divergence *d;
  size_t nd;
} p_result;

/* Reads and checks a plan. Errors (unreadable file, syntax) go to p->errors. */
void plan_load(const char *path, plan *p);
/* The same from the plan's bytes (`path` names it in messages). */
void plan_parse(const char *path, const char *data, size_t size, plan *p);
void plan_free(plan *p);
/* Plays the plan on a fresh session and records every step that diverged; what
 * it reaches counts into `cov` when that is not NULL. */
void plan_run(const mend_story *st, const plan *p, mend_coverage *cov, p_result *r);
void p_result_free(p_result *r);
/* The plans found next to a story, sorted: malloc'd paths. */
size_t plan_find(const char *story_path, char ***out);

#endif
