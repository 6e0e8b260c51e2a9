/* SPDX-License-Identifier: MIT */
/*
 * session.h - internals of the session shared with save.c: the decision log.
 *
 * A session is fully determined by its story, its seed and the decisions
 * made; the log records those decisions, so undo and restore replay it.
 */
#ifndef MEND_SESSION_H
#define MEND_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"

/* S_TOLD: what a line typed where no text was asked told (mend_session_tell),
 * not a decision: index holds its MEND_TOLD_ flags, and the line itself is
 * not kept. */
typedef enum sess_kind { S_CHOOSE = 'c', S_ANSWER = 'a', S_CONTINUE = 'n', S_TOLD = 's' } sess_kind;
/* In an S_TOLD's flags: told again by an undo (what the person told stays
 * told), where no <hear> is read: replayed, it leads nowhere either. */
#define S_TOLD_QUIET ((uint64_t)1 << 62)

typedef struct sess_entry {
  char kind;
  uint64_t index; /* S_CHOOSE: the choice's position among its node's choices; S_TOLD: flags */
  char *text;     /* S_ANSWER: the answer as given; S_CHOOSE: the choice's id or NULL */
} sess_entry;

/* Coverage counters, filled in by sessions (coverage.c reports them). */
struct mend_coverage {
  const mend_story *st;
  uint64_t *node, *choice, *fb, *cond_true, *cond_false, *rule_met, *rule_unmet, *exit, *hear;
  struct mend_cov_item *items;
  uint64_t **counter; /* per item */
  size_t nitems;
  void *arena;
};

size_t session_log(const mend_session *s, const sess_entry **out);
/* Applies logged decisions to the session as it stands; returns how many
 * applied before one did not fit (n when all did). */
size_t session_apply(mend_session *s, const sess_entry *e, size_t n);

#endif
