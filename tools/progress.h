/* SPDX-License-Identifier: MIT */
/*
 * progress.h - check-ins across days and the No Contact counter, as the
 * person sees them: `mend progress` (a chart or a table of each measure over
 * the last days, the log exported as CSV or JSON, --forget), the library's
 * one line ("Day 12 since you last reached out · Urge to reach out this week:
 * 8 → 5"), and the summary's comparison with the week before.
 *
 * A measure is known across sessions and scenarios by its label, ignoring
 * case (the variable's name is only in the exports). The numbers come from
 * the database (db.h); the drawing from chart.h.
 */
#ifndef MEND_PROGRESS_H
#define MEND_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct db;

int cmd_progress(int argc, char **argv);

/* The library's line: the No Contact counter and this week of the urge (the
 * measure whose label says "urge", else the one answered most in the last 7
 * days), from its first answer of those days to its last ("·" and "→" in a
 * UTF-8 locale, else "-" and "->"). Malloc'd; NULL when there is nothing to
 * say. */
char *progress_line(struct db *d);

/* The summary's comparison of today's answer to a measure with the 7 days
 * before today: "Urge to reach out: 6 today; 8 on average over the last 7
 * days." Malloc'd; NULL when those days hold no answer to it. */
char *progress_compare(struct db *d, const char *label, int64_t today_value);

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, quotes doubled; control characters and escape sequences dropped; a
 * text that a spreadsheet would take for a formula (=, +, -, @ first) gets a
 * leading apostrophe. Numbers are written as they are (`text` false). */
void progress_csv_field(FILE *f, const char *s, bool text);

#endif
