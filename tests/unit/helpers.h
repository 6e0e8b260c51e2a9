/* SPDX-License-Identifier: MIT */
/* helpers.h - shared by the unit suites (see helpers.c). */
#ifndef MEND_TEST_HELPERS_H
#define MEND_TEST_HELPERS_H

#include "mend/mend.h"

/* Loads a story from a string (named t.xml); fails the test when it does not load. */
mend_story *load_ok(const char *xml);
/* The session a save of s restores to in story st (it must). */
mend_session *resaved(const mend_story *st, const mend_session *s);
/* Everything a front end can see of the session, as one malloc'd string. */
char *dump(const mend_session *s);
/* A whole file, NUL-terminated, in the C library's memory (free() it);
 * fails the test when it cannot be read. */
char *slurp(const char *path, size_t *len);

/* A checking allocator for libmend (mend_set_allocator): each block has a
 * header with a canary before it and a canary after it, so that a block of
 * libmend's freed with free(), or a block of the C library's given to
 * mend_free(), or a write past either end, is caught (the process aborts,
 * saying which). It counts calls and live blocks, and fails on demand.
 * Installed by test_alloc.c; every suite installs it when MEND_CHECK_ALLOC=1
 * is in the environment, and then checks at exit that no block is left. */
typedef struct check_alloc_stats {
  size_t callocs, reallocs, frees; /* calls of each hook */
  size_t blocks;                   /* blocks made (calloc, realloc of NULL) */
  size_t live, live_bytes;         /* blocks now allocated, and their bytes */
  size_t fail_at;                  /* the allocation (1, 2...) that fails, and all after; 0: none */
  size_t failed;                   /* allocations refused */
  size_t refused_size;             /* the size asked for by the last one refused */
} check_alloc_stats;
extern check_alloc_stats check_alloc;
void check_alloc_install(void);   /* resets the counts too */
void check_alloc_uninstall(void); /* back to the C library's */
/* Frees every block still allocated, as a host's arena would after leaving
 * libmend with longjmp (libmend's objects are lost, not freed). */
void check_alloc_release_all(void);
/* The size asked for a block of the checking allocator. */
size_t check_alloc_size(const void *p);

#endif
