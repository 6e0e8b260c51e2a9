/* SPDX-License-Identifier: MIT */
/*
 * store.h - where mend keeps a person's files, and how it writes them.
 *
 * The person's data is in one database in $XDG_DATA_HOME/mend/ (default
 * ~/.local/share; see db.h); older versions of mend kept sessions in
 * $XDG_STATE_HOME/mend/sessions/ (default ~/.local/state), read once to import
 * them. Folders are created 0700 and files 0600, set explicitly so that no
 * umask changes them. A file write is atomic: a temporary file in the same
 * folder, fsync, rename, fsync of the folder; so a killed process or a full
 * disk leaves the previous version intact.
 */
#ifndef MEND_STORE_H
#define MEND_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mend/mend.h"

/* The folders, malloc'd; NULL when neither the XDG variable nor HOME is set. */
char *store_sessions_dir(void);
char *store_data_dir(void);
char *store_cache_dir(void);  /* $XDG_CACHE_HOME/mend (default ~/.cache/mend) */
char *store_config_dir(void); /* $XDG_CONFIG_HOME/mend (default ~/.config/mend) */

/* "a/b", malloc'd. */
char *store_join(const char *a, const char *b);
/* mkdir -p with mode 0700 for what it creates. Returns 0 or an errno. */
int store_mkdirs(const char *path);
/* Writes all of data to fd, through short writes and EINTR; 0 or an errno. */
int store_write_all(int fd, const char *data, size_t len);
/* Writes data to path atomically (creating the folder), mode 0600 whatever
 * the umask. Returns 0 or an errno. */
int store_write_atomic(const char *path, const char *data, size_t len);
/* Removes what interrupted writes of path left (path.tmp-PID-N of a process
 * that is gone, path.tmp-XXXXXX an hour old). Only for files in mend's own
 * folders: never on a path a person gave. */
void store_clean_stale(const char *path);
/* Reads a whole regular file (at most max bytes), opened without blocking.
 * Returns 0 or an errno: EFBIG when larger, ENODEV when not a regular file
 * (a FIFO, a device), EISDIR for a folder. */
int store_read(const char *path, size_t max, char **data, size_t *len);

/* Writes a file a person asked for (an export). A new file is made 0600; a
 * regular file is replaced atomically, keeping its permissions; a symbolic
 * link is followed, never replaced: to a regular file, that file is
 * replaced atomically by its real path; to anything else (a device, a FIFO,
 * a terminal) it is written through, as a device or a FIFO named directly
 * is. A dangling link is refused (ENOENT), a folder too (EISDIR); the file
 * that is standard output (/dev/stdout) is written as standard output.
 * Nothing else is touched. *atomic (may be NULL) says whether the target was
 * written atomically, so that a failure left it as it was. Returns 0 or an
 * errno. */
int store_write_export(const char *file, const char *data, size_t len, bool *atomic);

/* Moves a damaged file aside (never deletes it): PATH.damaged-DATE; *moved
 * gets the new path. */
int store_move_aside(const char *path, char **moved);
/* The time now: time(NULL), or MEND_NOW when it is set, for tests of what
 * happens across days: "2026-12-01 21:30" or "2026-12-01" (noon) in local
 * time, or "@SECONDS" since the epoch. A MEND_NOW that is none of these is
 * ignored. Every date mend records or compares with today comes from here. */
time_t store_now(void);
/* "today 23:14", "yesterday 23:14", "3 Nov 23:14". */
void store_when(time_t t, char *buf, size_t n);

#endif
