/*
 * journal.h - the person's journal: text answers to journal questions (and
 * summaries they chose to keep), with date, story and prompt. It lives in
 * $XDG_DATA_HOME/mend/journal (0600) and is never printed to a log or sent
 * anywhere. Every change rewrites the file atomically (see store.h).
 *
 * The file is a small text: "mend-journal 1", then one block per entry:
 *   entry
 *   when 2026-11-26 23:14
 *   story final-message
 *   title The one final message
 *   prompt <escaped>
 *   text <escaped>
 *   end
 */
#ifndef MEND_JOURNAL_H
#define MEND_JOURNAL_H

#include <stddef.h>

typedef struct journal_entry {
  char *when, *story, *title, *prompt, *text;
} journal_entry;

typedef struct journal {
  journal_entry *v;
  size_t n, cap;
} journal;

char *journal_path(void); /* NULL without a data folder */
/* Loads the journal; a missing file is an empty journal. Returns 0 or an errno
 * (EILSEQ when the file is damaged). */
int journal_load(journal *j);
/* Appends one entry (stamped now) and writes the journal. Returns 0 or an errno. */
int journal_add(const char *story, const char *title, const char *prompt, const char *text);
void journal_free(journal *j);

int cmd_journal(int argc, char **argv);

#endif
