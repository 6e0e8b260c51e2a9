/* SPDX-License-Identifier: MIT */
/*
 * test.h - what automatic testers need from sessions, on top of mend.h:
 * coverage counters that a session fills in as it runs, and exploration:
 * cloning a session or taking a compact snapshot of it, taking each branch of
 * a random move in turn, and a hash of the state that decides the session's
 * future.
 */
#ifndef MEND_TEST_H
#define MEND_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- coverage ------------------------------------------------------------- */

typedef enum mend_cov_kind {
  MEND_COV_NODE = 0,       /* a node was entered */
  MEND_COV_ENDING = 1,     /* an ending was reached */
  MEND_COV_CHOICE = 2,     /* a choice was taken */
  MEND_COV_FEEDBACK = 3,   /* a feedback was shown */
  MEND_COV_COND_TRUE = 4,  /* the `if` of a text, set, ask or check held */
  MEND_COV_COND_FALSE = 5, /* ... and did not */
  MEND_COV_RULE_MET = 6,
  MEND_COV_RULE_UNMET = 7,
  MEND_COV_BRANCH = 8, /* a branch of a <random> was taken */
  MEND_COV_HEAR = 9    /* a story's <hear> took a line told */
} mend_cov_kind;
#define MEND_COV_KINDS 10

typedef struct mend_cov_item {
  mend_cov_kind kind;
  const char *file;
  int line;
  const char *node; /* the node or ending it belongs to */
  const char *what; /* node id, choice label, condition source, rule label, branch target */
  uint64_t hits;
} mend_cov_item;

typedef struct mend_coverage mend_coverage;

MEND_API mend_coverage *mend_coverage_new(const mend_story *s);
MEND_API void mend_coverage_free(mend_coverage *c);
/* The session counts into c from now on (NULL: stops). c must outlive it. */
MEND_API void mend_session_set_coverage(mend_session *s, mend_coverage *c);
/* Every coverable item of the story, in story order; `hits` is current. */
MEND_API size_t mend_coverage_count(const mend_coverage *c);
MEND_API const mend_cov_item *mend_coverage_item(mend_coverage *c, size_t i);
/* Adds the counts of `from` (same story) into `into`. */
MEND_API void mend_coverage_merge(mend_coverage *into, const mend_coverage *from);

/* ---- a rubric's own tests --------------------------------------------------- */

/* A rule's test answer (<test meets="yes|no"> in a <rule>), and what the rule
 * made of it. */
typedef struct mend_rule_test {
  const char *file;
  int line;
  const char *rule; /* its rule's label */
  const char *answer;
  bool meets; /* what the author says: the answer meets the rule */
  bool met;   /* what the rule did */
  bool read;  /* false: the answer is not in the story's language (not read) */
} mend_rule_test;

/* Reads every rule's test answers with its rule, counting into c (may be
 * NULL) as a session's checks do. Returns them in story order (*n of them,
 * an array to free with mend_free()). A test passes when `met == meets`. */
MEND_API mend_rule_test *mend_story_rule_tests(const mend_story *st, mend_coverage *c, size_t *n);

/* A story's rules, in story order, to read any answer with one of them (a
 * corpus of what people write, say): k is 0 to mend_story_rule_count() - 1. */
typedef struct mend_rule_info {
  const char *file;
  int line;
  const char *label;
  const char *watch; /* an absent rule's watch=, or NULL */
  bool absent;       /* met when none of its phrases is found */
} mend_rule_info;

MEND_API size_t mend_story_rule_count(const mend_story *st);
/* False when k is out of range. */
MEND_API bool mend_story_rule_info(const mend_story *st, size_t k, mend_rule_info *out);

typedef enum mend_rule_reading {
  MEND_RULE_NOT_READ = 0, /* not in the story's language: a check gives no notes */
  MEND_RULE_MET = 1,      /* the rule is met (a phrase found; for an absent rule, none) */
  MEND_RULE_UNMET = 2
} mend_rule_reading;

/* Reads answer with rule k as a check does. When a phrase or the pattern was
 * found, *start and *len (may be NULL) are where, in bytes of answer;
 * otherwise *len is 0. MEND_RULE_NOT_READ also when k is out of range. */
MEND_API mend_rule_reading mend_story_rule_read(const mend_story *st, size_t k, const char *answer,
                                                size_t *start, size_t *len);

/* ---- exploration ------------------------------------------------------------ */

/* A deep copy; the story is shared. It holds every counter of the story: on
 * a large story, a snapshot is much smaller. */
MEND_API mend_session *mend_session_clone(const mend_session *s);
/* Writes a snapshot of the session into buf (cap bytes; buf may be NULL when
 * cap is 0) and returns its size in bytes; when that is more than cap, buf
 * holds nothing usable: call again with a buffer that big (as with snprintf).
 * A snapshot holds what decides the session's future: where it is and what it
 * waits for (the question, the choices offered, the branches of an automatic
 * move and the one drawn), every variable, the visit and choice counts that
 * conditions read, which once-choices were taken, and the random source; and
 * from the summary the measures' start values, the feedback counts and the
 * decision count. Not the decision log, nor the summary's answers, nor counts
 * that nothing reads: its size depends on the variables, not on the story's
 * size. It is plain bytes the caller owns, for sessions of the same loaded
 * story in this process only. */
MEND_API size_t mend_session_snapshot(const mend_session *s, void *buf, size_t cap);
/* Puts the session in the state a snapshot holds. From there it does exactly
 * what the session the snapshot was taken from did next: the same views, the
 * same random draws, the same state hashes. Its view is what the session
 * waits for (question, choices, automatic move, ending or error) without the
 * paragraphs and feedback that led there (no items); the summary's answers
 * start empty, and so does what feedback was said (said once a session);
 * counts that nothing reads start at 0. The session must have
 * recording off (mend_session_set_recording), since the decisions that led
 * there are not in the snapshot. MEND_E_STATE, the session unchanged, when
 * recording is on or the snapshot is not one of a session of this story. */
MEND_API mend_status mend_session_restore_snapshot(mend_session *s, const void *snap, size_t len);
/* Stops recording decisions (undo and save then no longer work): for testers
 * that play many sessions, to save time and memory. */
MEND_API void mend_session_set_recording(mend_session *s, bool on);
/* Off: the texts of the view (paragraphs, feedback, prompts, choice labels)
 * are left empty from the next step on; everything else the session does is
 * the same (where it goes, what it waits for, variables, coverage, state
 * hashes, snapshots). For testers that explore many states and read no
 * text. On by default. */
MEND_API void mend_session_set_rendering(mend_session *s, bool on);
/* At MEND_PENDING_AUTO: how many branches the move could take (the eligible
 * branches of a <random>, or 1 for a <goto>); 0 otherwise. */
MEND_API size_t mend_session_branch_count(const mend_session *s);
/* The id of the node or ending the k-th branch leads to. */
MEND_API const char *mend_session_branch_target(const mend_session *s, size_t k);
/* Follows the k-th branch instead of the drawn one. */
MEND_API mend_status mend_session_take_branch(mend_session *s, size_t k);
/* The first {name} of a text variable the session has shown while it was
 * empty (a question not asked on the path taken, or skipped: it shows as
 * nothing), since it started (or was reset, or restored: a snapshot does not
 * carry it): the variable's name, and through file and line (may be NULL)
 * where it was shown; NULL when none has been. */
MEND_API const char *mend_session_empty_shown(const mend_session *s, const char **file, int *line);
/* A hash of what decides the session's future: where it is and what it waits
 * for, every variable something reads (a condition, a value, a {name} or a
 * check) and every measure, the visit and choice counts that conditions read,
 * and which once-choices were taken. Equal hashes: (almost surely) equal
 * futures. */
MEND_API uint64_t mend_session_state_hash(const mend_session *s);
/* The MEND_TOLD_ flags (told(), not just_told()) the state hash keeps here:
 * those a condition ahead that decides the way on reads (a <set>, a choice
 * offered, an exit, a question asked), wherever it is; those a paragraph, a
 * feedback, a title or a pointer reads, only from the decision before it on
 * (told there or long before, it shows the same words and the way on is the
 * same: an explorer types them there); and what a <hear> reads or leads to,
 * wherever the session waits. A subset of mend_session_told_ahead()'s. */
MEND_API uint64_t mend_session_told_kept(const mend_session *s);
/* Works out, once, per node of the story, what the rest of a session from
 * there can still read (variables, told() and just_told()), so that the
 * state hash leaves out what nothing ahead reads (two sessions that differ
 * only there hash the same) and mend_session_told_ahead() is exact. Before
 * it (and for a story too big for its table), everything counts. For
 * explorers, and for players that ask mend_session_told_ahead() (a line
 * typed is thanked where a node ahead takes it in): a load does not do it. */
MEND_API void mend_story_prepare_exploration(mend_story *st);

#ifdef __cplusplus
}
#endif

#endif
