/* SPDX-License-Identifier: MIT */
/*
 * markdown.h - what a person wrote, as CommonMark that renders as they
 * wrote it: every character Markdown could read as markup is escaped, a
 * line break stays a line break, a blank line starts a new paragraph, and
 * the spaces that indent a line are kept (as no-break spaces, which no
 * renderer turns into a code block). Control characters and escape
 * sequences are dropped, as on the terminal (term.h).
 */
#ifndef MEND_MARKDOWN_H
#define MEND_MARKDOWN_H

#include <stdbool.h>
#include <stdio.h>

/* Writes s as paragraphs, ending with a newline (nothing for an empty or
 * blank s). */
void md_paragraphs(FILE *f, const char *s);
/* Writes s on one line (its line breaks become spaces, leading and trailing
 * spaces are dropped): for a heading or inside emphasis. `line_start`: s
 * starts the line, where "1." or "-" would begin a list. */
void md_inline(FILE *f, const char *s, bool line_start);

/* A journal as one document, as `mend journal --export` and the page's
 * download write it: "# My mend journal", then each entry in the order
 * given (oldest first), "## WHEN — TITLE", its prompt in emphasis, and the
 * text as paragraphs. Every field is untrusted: all are escaped. */
typedef struct md_entry {
  const char *when, *title, *prompt, *text; /* prompt may be "" */
} md_entry;
void md_journal(FILE *f, const md_entry *v, size_t n);

#endif
