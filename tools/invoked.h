/* SPDX-License-Identifier: MIT */
/*
 * invoked.h - how the person can run this mend again from where they are:
 * the name every command mend prints for them to type starts with ("To go
 * on later: mend play no-contact", "Try 'mend help play'").
 *
 * It is "mend" when the shell's PATH finds this very program under that
 * name; else the program as it was invoked (build/mend, ./mend, a path made
 * relative to the current folder when it lies below it), quoted for the shell
 * when it needs to be.
 */
#ifndef MEND_INVOKED_H
#define MEND_INVOKED_H

/* Works out the name from argv[0], $PATH and the current folder; main()
 * calls it once. Before it (or with argv0 NULL), the name is "mend". */
void invoked_init(const char *argv0);
/* The name, ready to print before a command's arguments. */
const char *invoked_name(void);
/* "NAME WORDS ARG": a command to print, with `arg` (may be NULL) quoted for
 * the shell; `words` is printed as it is ("play", "help lint"). Malloc'd. */
char *invoked_command(const char *words, const char *arg);
/* Frees what invoked_init kept (the name is "mend" again). */
void invoked_done(void);

/* The name for argv0 given PATH (may be NULL) and the current folder cwd
 * (may be NULL): what invoked_init keeps. Malloc'd. Reads the file system
 * only to see whether PATH's first "mend" is the file argv0 names. */
char *invoked_resolve(const char *argv0, const char *path, const char *cwd);
/* A word quoted for a POSIX shell: as it is when it holds only characters
 * that need no quoting, else in single quotes. Malloc'd. */
char *invoked_quote(const char *word);

#endif
