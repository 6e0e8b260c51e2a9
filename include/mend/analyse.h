/* SPDX-License-Identifier: MIT */
/*
 * analyse.h - a read-only view of a loaded story for authoring tools: its
 * graph (nodes and the edges between them, with labels, conditions and
 * weights), reachability, and the lint warnings. Tools (lint, graph, stats,
 * test) read the story only through this header and mend.h.
 *
 * A mend_graph is built on request (it costs memory a player does not need)
 * and freed with mend_graph_free; its strings live as long as it does.
 */
#ifndef MEND_ANALYSE_H
#define MEND_ANALYSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mend_edge_kind {
  MEND_EDGE_CHOICE = 0,
  MEND_EDGE_GOTO = 1,
  MEND_EDGE_RANDOM = 2
} mend_edge_kind;

typedef struct mend_node_view {
  const char *id;
  bool ending;
  const char *title; /* endings; NULL for nodes */
  mend_tone tone;    /* endings */
  const char *file;
  int line;
  const char *text; /* the first paragraph as written ({name} kept), "" when none */
  size_t words;     /* words shown: paragraphs, questions, labels, feedback, rule feedback */
  size_t paragraphs, questions, rules;
  size_t first_edge, nedges;    /* its edges, in document order */
  bool reachable;               /* from the start, following every edge whatever its condition */
  bool can_end;                 /* some ending can be reached from it */
  bool cyclic;                  /* on a cycle: the story can come back to it */
  size_t conditional_questions; /* of `questions`, those with an `if` */
  /* what it asks and checks, one line each, in order ("asks urge: scale
   * 0..10", "asks draft: text", "checks draft: 3 rules, score into q"); ""
   * when nothing */
  const char *asks;
} mend_node_view;

typedef struct mend_edge_view {
  mend_edge_kind kind;
  size_t from, to;   /* node indexes */
  const char *label; /* choices: the label as written ({name} kept); NULL otherwise */
  const char *cond;  /* the `if` as written, or NULL */
  int64_t weight;    /* random branches */
  const char *id;    /* choices with an id */
  bool once;
  size_t feedbacks; /* choices: how many <feedback> */
  size_t choice;    /* choices: the choice's index in the story (see test.h) */
  const char *file;
  int line;
} mend_edge_view;

/* A story's <hear>: what it does with a line typed at any decision. */
#define MEND_NOWHERE ((size_t)-1)
typedef struct mend_hear_view {
  const char *cond; /* its `if` as written */
  size_t to;        /* the node it leads on to, or MEND_NOWHERE (words only) */
  const char *text; /* its words as written ({name} kept), "" when none */
  const char *file;
  int line;
  const char *again; /* its <again> as written: its words once taken before; "" when none */
} mend_hear_view;

typedef struct mend_graph mend_graph;

MEND_API mend_graph *mend_graph_new(const mend_story *s);
MEND_API void mend_graph_free(mend_graph *g);
MEND_API size_t mend_graph_node_count(const mend_graph *g);
MEND_API const mend_node_view *mend_graph_node(const mend_graph *g, size_t i);
MEND_API size_t mend_graph_edge_count(const mend_graph *g);
MEND_API const mend_edge_view *mend_graph_edge(const mend_graph *g, size_t i);
MEND_API size_t mend_graph_start(const mend_graph *g);
/* The story's <hear>s, in the order written. */
MEND_API size_t mend_graph_hear_count(const mend_graph *g);
MEND_API const mend_hear_view *mend_graph_hear(const mend_graph *g, size_t i);

/* How a variable is used across the story. */
typedef struct mend_var_use {
  size_t reads;   /* in conditions, values, {name} and checks */
  size_t writes;  /* by set, ask and check scores */
  bool journaled; /* a text question with journal on writes it */
} mend_var_use;
MEND_API void mend_story_var_use(const mend_story *s, size_t var, mend_var_use *out);

/* Adds the lint warnings (severity MEND_WARNING, each with a stable code such
 * as "W-unreachable") to `d`. The codes are documented in mend(1). */
MEND_API void mend_story_lint(const mend_story *s, mend_diags *d);
/* Every code mend_story_lint can give, NULL-terminated. */
extern const char *const mend_lint_codes[];

#ifdef __cplusplus
}
#endif

#endif
