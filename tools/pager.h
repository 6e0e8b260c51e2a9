/* SPDX-License-Identifier: MIT */
/*
 * pager.h - showing a long text a screen at a time. On a terminal the text
 * goes through the person's pager ($PAGER; by default less, opened at the
 * end, with a prompt that says how to move and quit); elsewhere, or when the
 * pager cannot start, it is written to standard output as it is.
 */
#ifndef MEND_PAGER_H
#define MEND_PAGER_H

#include <stdbool.h>
#include <stddef.h>

/* Whether pager_show would start a pager: standard output is a terminal,
 * PAGER is not "" or "cat", and (for the default, less) TERM is not dumb. */
bool pager_wanted(void);
/* Shows text[0..len): through the pager when pager_wanted() and `page`, else
 * (or when it cannot be started) on standard output. Returns 0, or the errno
 * of a failed write to standard output (a pager that quits early is no
 * failure). */
int pager_show(const char *text, size_t len, bool page);

#endif
