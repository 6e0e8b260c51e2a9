/*
 * pattern.h - the regular expressions of rules (pattern=) and of matches():
 * POSIX extended, case ignored, in a fixed locale, refused when their shape
 * is too costly for glibc, and searched in one pass (see pattern.c).
 */
#ifndef MEND_PATTERN_H
#define MEND_PATTERN_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

/* Compiles a pattern for searching; 0, or -1 with a message for authors in err. */
int model_regex_compile(regex_t *re, const char *pattern, char *err, size_t errlen);
/* What is wrong with a pattern, for authors: the message, its code (see
 * mend_error_codes) and the byte of the pattern it is about. */
typedef struct pattern_error {
  char msg[300];
  const char *code; /* E-pattern, E-pcre or E-limit */
  size_t off;
} pattern_error;
/* The same, saying where: regcomp's errors are told by their codes (REG_EPAREN...), in the
 * format's words, and what Perl, Python or JavaScript patterns have and POSIX does not
 * (\d, (?=...)) is refused before it is misread. */
int model_regex_compile_at(regex_t *re, const char *pattern, pattern_error *e);
/* Whether it matches anywhere in s. */
bool model_regex_match(const regex_t *re, const char *s);
/* The same pattern compiled plain, to say where it matches (after
 * model_regex_compile accepted it): 0 or a regcomp error. */
int model_regex_quote(regex_t *re, const char *pattern);
/* Where a pattern compiled by model_regex_quote first matches s. */
bool model_regex_where(const regex_t *re, const char *s, size_t *start, size_t *len);

#endif
