/* SPDX-License-Identifier: MIT */
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
