/*
 * term.h - the one path by which text reaches the terminal: everything a
 * story or a person wrote is printed through term_put, which drops control
 * characters, escape sequences and bidirectional overrides.
 */
#ifndef MEND_TERM_H
#define MEND_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mend/mend.h"

/* Writes s[0..n) without control characters, ESC sequences (CSI, OSC, ...),
 * C1 controls, bidi overrides or invalid UTF-8 (shown as U+FFFD). */
void term_put(FILE *f, const char *s, size_t n);
void term_puts(FILE *f, const char *s);
/* Writes a rendered text; with `marks`, emphasis is shown as _x_ and **x**. */
void term_put_text(FILE *f, const mend_text *t, bool marks);

#endif
