/* SPDX-License-Identifier: MIT */
/*
 * diagout.h - a load's errors and warnings as authors read them: one line
 * each (file:line:col: error: message [E-code]), under a terminal the
 * source line with a caret under the place, and a flood of one warning
 * shown as its first few and a count.
 */
#ifndef MEND_DIAGOUT_H
#define MEND_DIAGOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mend/mend.h"

typedef struct diagout_opts {
  bool snippet; /* the source line and a caret under each message that has a line */
  bool all;     /* every warning, however many share a code */
  int width;    /* the terminal's columns, for long source lines (0: 100) */
} diagout_opts;

/* A warning code with more than DIAGOUT_FLOOD findings in one file shows
 * its first DIAGOUT_SHOWN, then one note with the count (unless opts.all). */
#define DIAGOUT_FLOOD 5
#define DIAGOUT_SHOWN 3

/* The options for stderr: snippets when it is a terminal, its width. */
diagout_opts diagout_defaults(void);
/* A story read from standard input is named DIAGOUT_STDIN in its messages;
 * its bytes (borrowed, kept alive by the caller) give the source lines. */
#define DIAGOUT_STDIN "<stdin>"
void diagout_stdin(const char *data, size_t size);

/* Prints the diagnostics of d (sorted) to f; `keep`, when not NULL, says
 * which to print at all (lint's --disable). Returns how many were printed
 * or counted in a note. */
size_t diagout_print(FILE *f, const mend_diags *d, const diagout_opts *o,
                     bool (*keep)(const mend_diag *g, void *ud), void *ud);

/* The source line and caret of one diagnostic (nothing when its file or
 * line cannot be read). */
void diagout_snippet(FILE *f, const mend_diag *g, int width);

#endif
