/* SPDX-License-Identifier: MIT */
/*
 * memo.h - readings of a text, remembered. Reading a text (the rubric's
 * phrases, the safety lexicon's signs) is the costly part of answering, and
 * the same texts come back: an exhaustive exploration answers the same
 * examples in thousands of states. A memo keeps the last readings, each
 * under its kind, two numbers and the text's bytes, compared whole; it is a
 * cache only, so a reading it has dropped is made again. It grows with what
 * is read again and again (MEMO_MAX_SLOTS).
 */
#ifndef MEND_MEMO_H
#define MEND_MEMO_H

#include <stddef.h>
#include <stdint.h>

typedef struct memo memo;

memo *memo_new(void);
void memo_free(memo *m);
/* The value kept under (kind, a, b, text[0..n)), its size in *size; NULL
 * when there is none. Valid until the next memo_put. */
const void *memo_get(const memo *m, uint32_t kind, uint32_t a, uint32_t b, const char *text,
                     size_t n, size_t *size);
/* Keeps a copy of value[0..size) under the key, in place of what its slot
 * held. A text longer than MEMO_MAX_TEXT is not kept. */
void memo_put(memo *m, uint32_t kind, uint32_t a, uint32_t b, const char *text, size_t n,
              const void *value, size_t size);

#define MEMO_MAX_TEXT 4096
/* A memo begins with 512 slots; one that keeps putting readings in place of
 * others grows (four times at a time), up to this many. */
#define MEMO_MAX_SLOTS 65536u

#endif
