/* SPDX-License-Identifier: MIT */
/*
 * db.h - the person's data: saved sessions, journal entries and check-ins,
 * in one SQLite database, $XDG_DATA_HOME/mend/mend.db (0600, in a 0700
 * folder; default ~/.local/share).
 *
 * One file, so that a step of the player (its session's new position, the
 * journal entry of the answer just given, the check-in of a measure) commits
 * in one transaction: a kill at any instant leaves the database before the
 * step or after it. WAL mode and a busy timeout let two players, `mend
 * journal` and `mend journal --clear` run at once; deleted rows are
 * overwritten (secure_delete) and --clear vacuums.
 *
 * Opening checks the database (PRAGMA quick_check). A damaged one is moved
 * aside (never deleted), what can still be read from it is copied into a
 * new one, and the person is told in one line. The first time, the journal
 * file and the saves of older versions of mend are imported (the files are
 * left where they are, as a backup).
 *
 * Every function that can fail returns false and leaves a message for
 * db_error(). Nothing is ever printed here except the one-line reports of
 * db_open().
 */
#ifndef MEND_DB_H
#define MEND_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct db db;

/* Opens the database, creating it (and its folder) when missing. Returns NULL
 * when there is none to be had (no HOME, a folder that cannot be created, a
 * database that cannot be opened or was written by a newer mend), with a
 * malloc'd reason in *why. With `read_only`, nothing is created, imported or
 * moved aside, and a missing database is NULL with *why NULL. */
db *db_open(bool read_only, char **why);
void db_close(db *d);
/* The last failure, as one phrase ("No space left on device"). */
const char *db_error(const db *d);
const char *db_path(const db *d);

/* ---- sessions ----------------------------------------------------------------
 * A session is keyed by its story's id and file (the real path of the
 * story's main file), so that two stories with the same id never touch each
 * other's session. A session imported from an older mend has the file "" until
 * it is first resumed by a story whose content hash matches. */

typedef struct db_session {
  char *story_id, *story_file, *title, *key;
  size_t decisions;
  time_t saved;
  char *save; /* the bytes of mend_session_save (db_session_get only) */
  size_t save_len;
} db_session;

/* Finds a session; *found is false when there is none. */
bool db_session_get(db *d, const char *story_id, const char *story_file, db_session *out,
                    bool *found);
/* Every session, newest first (without their save bytes). */
bool db_session_list(db *d, db_session **v, size_t *n);
void db_session_free(db_session *s);
void db_session_list_free(db_session *v, size_t n);
/* Gives an imported session (file "") its story's file. */
bool db_session_adopt(db *d, const char *story_id, const char *story_file);
/* Moves a session whose save cannot be restored to the table set_aside
 * (never deleted). */
bool db_session_set_aside(db *d, const char *story_id, const char *story_file, const char *why);

/* Takes the lock that says a player has this session open, until db_close
 * or the process ends (an open file description lock: a killed player
 * leaves none). Returns 1 when taken, 0 when another process holds it, -1
 * when no lock could be had (then the caller goes on). */
int db_session_lock(db *d, const char *story_id, const char *story_file);

/* ---- a step of the player: one transaction --------------------------------------- */

typedef struct db_entry { /* a journal entry */
  time_t when;
  char *prompt, *text;
} db_entry;

typedef struct db_checkin { /* a scale or yes/no answer to a measure */
  time_t when;
  char *var, *label;
  int64_t value;
} db_checkin;

typedef enum {
  DB_KEEP,   /* leave the saved session as it is (another player has it) */
  DB_SAVE,   /* save (insert or replace) the session */
  DB_DELETE, /* delete it: nothing to resume, or finished */
} db_session_op;

typedef struct db_step {
  const char *story_id, *story_file, *title, *key;
  db_session_op op;
  const char *save; /* DB_SAVE: the bytes of mend_session_save */
  size_t save_len, decisions;
  const db_entry *entries;
  size_t nentries;
  const db_checkin *checkins;
  size_t ncheckins;
  /* the person reached out to their ex (a story's <contact/>): recorded as a
   * contact on the day of `contact_when` when not 0 */
  time_t contact_when;
} db_step;

/* Commits the step: all of it, or (false) nothing. */
bool db_commit(db *d, const db_step *step);

/* ---- the journal -------------------------------------------------------------- */

typedef struct db_journal_entry {
  char when[32]; /* local time, "2026-11-26 23:14" */
  char *story, *title, *prompt, *text;
  char *session; /* the play-through's key ("" for entries of mend 0.1) */
} db_journal_entry;

/* The entries, oldest first; only one story's when `story` is not NULL. */
bool db_journal_list(db *d, const char *story, db_journal_entry **v, size_t *n);
void db_journal_list_free(db_journal_entry *v, size_t n);
/* Deletes every entry (overwritten: secure_delete), then vacuums the
 * database and empties its write-ahead log; also deletes the journal file of
 * an older mend kept as a backup. *deleted gets the number of entries. */
bool db_journal_clear(db *d, size_t *deleted);

/* ---- progress: check-ins over time, and days without contact ---------------- */

typedef struct db_checkin_row {
  char date[16]; /* local date of the answer, "2026-11-26" */
  time_t when;
  char *story, *var, *label;
  int64_t value;
} db_checkin_row;

/* The check-ins answered on local date `since` ("2026-11-26"; NULL: all) or
 * later, oldest first; only the measure `measure` (its label or its
 * variable's name, ignoring case) when not NULL. */
bool db_checkins_list(db *d, const char *since, const char *measure, db_checkin_row **v, size_t *n);
void db_checkins_list_free(db_checkin_row *v, size_t n);

typedef struct db_contact {
  char date[16]; /* local date, "2026-11-26" */
  time_t when;
  char *note;
} db_contact;

/* Records that the person reached out on the day of `when`, with a note
 * (may be NULL or ""): once per day and note, *added (may be NULL) false
 * when it was there already. A story's <contact/> is recorded by
 * db_commit with the story's title as its note. */
bool db_contact_add(db *d, time_t when, const char *note, bool *added);
/* Every contact recorded, oldest first. */
bool db_contacts_list(db *d, db_contact **v, size_t *n);
void db_contacts_list_free(db_contact *v, size_t n);
/* The number of days from the last contact recorded to the day of `now`
 * (0: today), by local dates; -1 when none was recorded (or the last is
 * after `now`'s day, which a clock set back can do: then it is 0). */
bool db_contact_days(db *d, time_t now, long *days);
/* Deletes the contact recorded last (a mistake); *deleted is false when
 * there was none. */
bool db_contact_undo(db *d, bool *deleted);
/* Deletes every check-in and contact, overwritten, and vacuums (as
 * db_journal_clear). */
bool db_progress_clear(db *d, size_t *checkins, size_t *contacts);

/* "2026-11-26 23:14" and "2026-11-26" in local time. */
void db_local_time(time_t t, char *buf, size_t n);
void db_local_date(time_t t, char *buf, size_t n);

#endif
