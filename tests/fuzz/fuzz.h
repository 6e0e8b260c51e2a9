/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what the libFuzzer harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput; built with clang -fsanitize=fuzzer (make fuzz) it
 * is a fuzzer, linked with replay.c (make check) it replays files.
 */
#ifndef MEND_FUZZ_H
#define MEND_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "mend/mend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The story of tests/fuzz/story.xml, compiled in (see the Makefile). */
extern const unsigned char mend_fuzz_story[];
extern const size_t mend_fuzz_story_len;

/* Loads it once; aborts if it does not load (a harness bug, not a finding). */
const mend_story *fuzz_story(void);

/* Fails the run: a broken invariant is a finding like a crash. */
#define FUZZ_ASSERT(c)                                                                             \
  do {                                                                                             \
    if (!(c)) abort();                                                                             \
  } while (0)

#endif
