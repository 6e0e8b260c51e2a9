/*
 * emit.h - writing story text into machine formats: JSON strings (lint and
 * stats --format json), Graphviz DOT and mermaid labels (graph). Each escapes
 * what its format needs and drops what no format should carry: control
 * characters and bidirectional overrides; invalid UTF-8 becomes U+FFFD.
 */
#ifndef MEND_EMIT_H
#define MEND_EMIT_H

#include <stddef.h>
#include <stdio.h>

/* Decodes one UTF-8 character of s[0..n) (n > 0) into *cp; returns its length,
 * or 0 when the bytes are not valid UTF-8. */
size_t emit_decode(const char *s, size_t n, unsigned *cp);
/* Control characters, C1 controls and bidirectional marks and overrides. */
int emit_invisible(unsigned cp);

/* A JSON string, quotes included: '"', '\\' and every invisible character
 * escaped (\n, \t, \u00XX, \u202e...), so the text stays exact and safe. */
void emit_json_string(FILE *f, const char *s);
/* The body of a DOT double-quoted string: '"' and '\\' escaped, '&' written
 * as &amp; (Graphviz reads entities in labels), a newline as \n, invisible
 * characters dropped. */
void emit_dot(FILE *f, const char *s);
/* The body of a mermaid "quoted" label: '"', '#', '<', '>', '&', '|', ';' and
 * '`' as mermaid entity codes (#quot;, #35;...), a newline as <br/>,
 * invisible characters dropped. */
void emit_mermaid(FILE *f, const char *s);

/* The first `max` characters of s, cut at a space when one is near, with
 * "..." when something was cut; newlines become spaces. Returns a malloc'd
 * string. */
char *emit_shorten(const char *s, size_t max);

#endif
