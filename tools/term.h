/* SPDX-License-Identifier: MIT */
/*
 * term.h - the one path by which text reaches the terminal: everything a
 * story or a person wrote is printed through here, which drops control
 * characters, escape sequences and bidirectional overrides. On a terminal it
 * also wraps paragraphs by display width (accents, CJK and emoji counted
 * right) and renders <em>/<strong> with styles when
 * colour is on.
 */
#ifndef MEND_TERM_H
#define MEND_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mend/mend.h"

/* Characters never printed: C0 and C1 controls, DEL, bidirectional controls,
 * and line and paragraph separators. */
bool term_invisible(unsigned cp);

/* Writes s[0..n) without control characters, ESC sequences (CSI, OSC, ...),
 * C1 controls, bidi overrides or invalid UTF-8 (shown as U+FFFD). */
void term_put(FILE *f, const char *s, size_t n);
void term_puts(FILE *f, const char *s);
/* s[0..n) as term_put shows it (no escape sequences or control characters,
 * invalid UTF-8 replaced, a tab a space), malloc'd. */
char *term_clean(const char *s, size_t n);
/* Writes a rendered text unwrapped; with `marks`, emphasis is shown as _x_ and **x**. */
void term_put_text(FILE *f, const mend_text *t, bool marks);

typedef struct term_opts {
  int width;     /* wrap to this many columns; 0: no wrapping */
  bool color;    /* ANSI colour, italic and bold */
  unsigned base; /* MEND_STYLE_* added to every character (e.g. a bold question) */
} term_opts;

/* Display width of a UTF-8 string, as term_put would show it. */
size_t term_width_of(const char *s, size_t n);
/* Writes one paragraph wrapped to o->width: `lead` (plain, e.g. "  1) ") starts
 * the first line, later lines are indented by `indent` columns; `sgr` (an
 * escape sequence such as "\033[32m", or NULL) colours the lead. */
void term_para(FILE *f, const term_opts *o, const char *lead, const char *sgr, size_t indent,
               const mend_text *t);
/* The same for plain text. */
void term_para_plain(FILE *f, const term_opts *o, const char *lead, const char *sgr, size_t indent,
                     const char *s);
/* Writes text line by line: a line that fits (or any line, when o->width is
 * 0) as it is; a longer one wrapped, its leading spaces and a list mark ("- ",
 * "1) ") giving the indent of its later lines. */
void term_lines(FILE *f, const term_opts *o, const char *text);
/* The terminal's width in columns, or 0 when unknown. */
int term_columns(int fd);
/* The terminal's height in rows, or 0 when unknown. */
int term_rows(int fd);

#endif
