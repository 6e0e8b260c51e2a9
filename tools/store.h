/*
 * store.h - where mend keeps a person's files, and how it writes them.
 *
 * Saved sessions live in $XDG_STATE_HOME/mend/sessions/ (default
 * ~/.local/state), the journal in $XDG_DATA_HOME/mend/ (default
 * ~/.local/share). Folders are created 0700 and files 0600, with those modes
 * from the start (no chmod afterwards). Every write is atomic: a temporary
 * file in the same folder, fsync, rename, fsync of the folder; so a killed
 * process or a full disk leaves the previous version intact.
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
/* Writes data to path atomically (creating the folder). Returns 0 or an errno. */
int store_write_atomic(const char *path, const char *data, size_t len);
/* Removes what interrupted writes of path left (path.tmp-PID-N of a process
 * that is gone, path.tmp-XXXXXX an hour old): private copies that must not
 * outlive the file, such as a cleared journal. Done after every write. */
void store_clean_stale(const char *path);
/* Reads a whole file (at most max bytes). Returns 0 or an errno (EFBIG when larger). */
int store_read(const char *path, size_t max, char **data, size_t *len);

/* ---- saved sessions ------------------------------------------------------ */

char *store_session_path(const char *story_id); /* NULL without a folder */
/* Saves the session under its story's id. Returns 0 or an errno. */
int store_save_session(const mend_session *s);
int store_delete_session(const char *story_id);

typedef struct saved_session {
  char *id, *path;
  size_t decisions;
  time_t mtime;
  bool corrupt;
} saved_session;

/* Every save in the sessions folder, newest first. */
void store_list_sessions(saved_session **out, size_t *n);
void store_free_sessions(saved_session *v, size_t n);
/* Moves a damaged save aside (never deletes it); *moved gets the new path. */
int store_move_aside(const char *path, char **moved);
/* "today 23:14", "yesterday 23:14", "3 Nov 23:14". */
void store_when(time_t t, char *buf, size_t n);

#endif
