/* SPDX-License-Identifier: MIT */
/*
 * utf8.h - UTF-8 helpers: validation, counting characters, and the XML
 * notion of white space.
 */
#ifndef MEND_UTF8_H
#define MEND_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if invalid.
 * Overlong forms, surrogates and code points above U+10FFFF are invalid. */
size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp);
bool utf8_valid(const char *s, size_t n);
/* Characters (code points) in valid UTF-8. */
size_t utf8_count(const char *s, size_t n);
/* True for any C0 control but tab, for DEL, and for the C1 controls. */
bool utf8_has_control(const char *s, size_t n);
/* What a person typed, made fit to keep (see mend_answer_clean): appends
 * the kept text to `out` (NUL-terminated) and returns how many characters
 * were left out. */
struct mem_buf;
size_t utf8_clean(const char *s, size_t n, struct mem_buf *out);
static inline bool utf8_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

#endif
