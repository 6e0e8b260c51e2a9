/* SPDX-License-Identifier: MIT */
/*
 * rng.h - the session's random source: xoshiro256** seeded through
 * splitmix64. Our own, so that a seed gives the same draws on every machine.
 */
#ifndef MEND_RNG_H
#define MEND_RNG_H

#include <stdint.h>

typedef struct rng {
  uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t rng_below(rng *r, uint64_t n);

#endif
