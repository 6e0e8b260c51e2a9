/* SPDX-License-Identifier: MIT */
/*
 * sha256.h - SHA-256 (FIPS 180-4), for the Content-Security-Policy of the
 * page `mend export --html` writes: the policy allows its one script and its
 * one style by their hashes, and nothing else.
 */
#ifndef MEND_SHA256_H
#define MEND_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The digest of n bytes. */
void sha256(const void *data, size_t n, uint8_t out[32]);
/* Base64 (RFC 4648, with padding) of n bytes, malloc'd and NUL-terminated. */
char *base64(const void *data, size_t n);

#endif
