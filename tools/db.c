/* SPDX-License-Identifier: MIT */
/* db.c - see db.h. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "mend/mend.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

#define DB_NAME "mend.db"
#define SCHEMA_VERSION 1
#define BUSY_MS 15000
#define MAX_LEGACY (256u * 1024 * 1024) /* an old journal or save read for import */

struct db {
  sqlite3 *h;
  char *path, *dir;
  int lockfd;
  mode_t umask; /* the process's, restored by db_close */
  bool ro;      /* opened read-only: it could not be written (ro_why) */
  char ro_why[256];
  char err[256];
};

/* A write to a database opened read-only fails with the reason it was. */
static bool writable(db *d) {
  if (d->ro) snprintf(d->err, sizeof d->err, "%s", d->ro_why);
  return !d->ro;
}

/* Schema version 1. A later version adds a migration in migrate(): each step
 * runs in the transaction that sets PRAGMA user_version. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    /* a session in progress: the bytes of mend_session_save */
    "CREATE TABLE sessions(story_id TEXT NOT NULL, story_file TEXT NOT NULL,"
    " title TEXT NOT NULL, key TEXT NOT NULL, decisions INTEGER NOT NULL,"
    " saved INTEGER NOT NULL, save BLOB NOT NULL, PRIMARY KEY(story_id, story_file));"
    /* saves that could not be restored, kept rather than deleted */
    "CREATE TABLE set_aside(id INTEGER PRIMARY KEY, moved INTEGER NOT NULL,"
    " story_id TEXT NOT NULL, story_file TEXT NOT NULL, why TEXT NOT NULL, save BLOB NOT NULL);"
    "CREATE TABLE journal(id INTEGER PRIMARY KEY, created INTEGER NOT NULL,"
    " local_time TEXT NOT NULL, story_id TEXT NOT NULL, title TEXT NOT NULL,"
    " prompt TEXT NOT NULL, text TEXT NOT NULL, session TEXT NOT NULL);"
    "CREATE INDEX journal_story ON journal(story_id);"
    /* every scale or yes/no answer to a measure (a labelled variable) */
    "CREATE TABLE checkins(id INTEGER PRIMARY KEY, created INTEGER NOT NULL,"
    " local_date TEXT NOT NULL, story_id TEXT NOT NULL, var TEXT NOT NULL,"
    " label TEXT NOT NULL, value INTEGER NOT NULL, session TEXT NOT NULL);"
    "CREATE INDEX checkins_day ON checkins(local_date);"
    /* days of No Contact, for `mend contact` (a later issue) */
    "CREATE TABLE contacts(id INTEGER PRIMARY KEY, created INTEGER NOT NULL,"
    " local_date TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');";

/* ---- errors ----------------------------------------------------------------------- */

/* Records the failure rc of the last call: the system's error when SQLite
 * met one (a full disk says "No space left on device"), else SQLite's. */
static bool fail(db *d, int rc) {
  int sys = d->h ? sqlite3_system_errno(d->h) : 0;
  int prim = rc & 0xff;
  bool io = prim == SQLITE_FULL || prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN ||
            prim == SQLITE_READONLY || prim == SQLITE_PERM;
  if (io && sys)
    snprintf(d->err, sizeof d->err, "%s", strerror(sys));
  else if (prim == SQLITE_READONLY)
    snprintf(d->err, sizeof d->err, "the database is read-only");
  else
    snprintf(d->err, sizeof d->err, "%s", sqlite3_errstr(rc));
  return false;
}

const char *db_error(const db *d) {
  return d->err;
}

const char *db_path(const db *d) {
  return d->path;
}

static bool exec(db *d, const char *sql) {
  int rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK || fail(d, rc);
}

static sqlite3_stmt *prepare(db *d, const char *sql) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(d->h, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) {
    fail(d, rc);
    return NULL;
  }
  return st;
}

/* Runs a statement that returns no rows, and finalizes it. */
static bool run(db *d, sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

static void rollback(db *d) {
  if (!sqlite3_get_autocommit(d->h)) sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
}

static char *col_text(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return xstrdup(t ? (const char *)t : "");
}

static void text_arg(sqlite3_stmt *st, int i, const char *s) {
  sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

void db_local_time(time_t t, char *buf, size_t n) {
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void db_local_date(time_t t, char *buf, size_t n) {
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%d", &tm);
}

/* ---- opening ------------------------------------------------------------------------- */

/* Makes sure the database file is a regular file of ours with mode 0600
 * (whatever the umask), creating it when missing; opened without blocking
 * and without following a symbolic link. Returns 0, or an errno (ENODEV:
 * not a regular file). *writable tells whether it can be written. */
static int prepare_file(const char *path, bool create, bool *writable, int *why_not) {
  int fd = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  *writable = fd >= 0;
  *why_not = fd >= 0 ? 0 : errno;
  if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && *why_not != ENOENT) return *why_not; /* could not create it */
  if (fd < 0) return errno == ENXIO ? ENODEV : errno;
  struct stat sb;
  int rc = 0;
  if (fstat(fd, &sb) != 0)
    rc = errno;
  else if (!S_ISREG(sb.st_mode))
    rc = ENODEV;
  else if (*writable && (sb.st_mode & 07777) != 0600 && fchmod(fd, 0600) != 0)
    rc = errno; /* (made by someone else with another mode: it is private) */
  close(fd);
  return rc;
}

/* "file:PATH?QUERY", PATH escaped for a URI. */
static char *uri_of(const char *path, const char *query) {
  xbuf b = {0};
  xbuf_adds(&b, "file:");
  for (const char *p = path; *p; p++) {
    if (*p == '%' || *p == '?' || *p == '#') {
      char esc[4];
      snprintf(esc, sizeof esc, "%%%02X", (unsigned char)*p);
      xbuf_adds(&b, esc);
    } else {
      xbuf_add(&b, p, 1);
    }
  }
  xbuf_adds(&b, "?");
  xbuf_adds(&b, query);
  return b.data;
}

/* Waits for another mend's transaction: 1 to 3 ms at a time, up to BUSY_MS
 * in all. (SQLite's own handler backs off to 100 ms sleeps, so a player that
 * keeps writing starves another one.) */
static int on_busy(void *arg, int count) {
  (void)arg;
  if (count >= BUSY_MS / 2) return 0;
  struct timespec ts = {0, (1 + (long)(rand() % 3)) * 1000000L};
  nanosleep(&ts, NULL);
  return 1;
}

static void set_busy(sqlite3 *h) {
  sqlite3_busy_handler(h, on_busy, NULL);
}

static int open_handle(db *d, bool writable) {
  int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOFOLLOW |
              SQLITE_OPEN_URI; /* for ATTACH 'file:...?mode=ro' */
  int rc = sqlite3_open_v2(d->path, &d->h, flags, NULL);
  if (rc == SQLITE_OK) set_busy(d->h);
  return rc;
}

/* PRAGMA quick_check: 1 when it says ok, 0 when damaged, -1 when it could
 * not run for another reason (recorded). */
static int check(db *d) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(d->h, "PRAGMA quick_check", -1, &st, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  int ok = -1;
  if (rc == SQLITE_ROW) {
    const unsigned char *t = sqlite3_column_text(st, 0);
    ok = t && !strcmp((const char *)t, "ok");
    if (!ok) {
      /* the first finding, on one line ("*** in database main ***" is a
       * heading); copied at once: the next step frees the row */
      snprintf(d->err, sizeof d->err, "quick_check: %s", t ? (const char *)t : "failed");
      while (!strncmp(d->err, "quick_check: ***", 16) && sqlite3_step(st) == SQLITE_ROW) {
        t = sqlite3_column_text(st, 0);
        snprintf(d->err, sizeof d->err, "quick_check: %s", t ? (const char *)t : "failed");
      }
      for (char *c = d->err; *c; c++)
        if ((unsigned char)*c < 0x20) *c = ' ';
    }
  } else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
    ok = 0;
    fail(d, rc);
  } else {
    fail(d, rc);
  }
  sqlite3_finalize(st);
  return ok;
}

static int user_version(db *d) {
  sqlite3_stmt *st = prepare(d, "PRAGMA user_version");
  if (!st) return -1;
  int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  return v;
}

/* Creates the tables, or brings an older schema up to date. */
static bool migrate(db *d) {
  int v = user_version(d);
  if (v == SCHEMA_VERSION) return true;
  if (v > SCHEMA_VERSION) {
    snprintf(d->err, sizeof d->err, "it was written by a newer version of mend (schema %d)", v);
    return false;
  }
  if (!exec(d, "BEGIN IMMEDIATE")) return false;
  v = user_version(d); /* another mend may have done it meanwhile */
  bool ok = v >= 0;
  if (ok && v == 0) ok = exec(d, schema_v1);
  /* (version 2 will go here: if (ok && v < 2) ok = exec(d, "ALTER TABLE ...");) */
  if (ok && v < SCHEMA_VERSION) {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
    ok = exec(d, sql);
  }
  if (ok) ok = exec(d, "COMMIT");
  if (!ok) rollback(d);
  return ok;
}

static void db_free(db *d) {
  if (!d) return;
  sqlite3_close(d->h);
  umask(d->umask);
  if (d->lockfd >= 0) close(d->lockfd);
  free(d->path);
  free(d->dir);
  free(d);
}

void db_close(db *d) {
  db_free(d);
}

/* ---- a damaged database ------------------------------------------------------------ */

typedef struct salvage {
  size_t entries, sessions, checkins;
} salvage;

/* Copies the rows of `table` that can be read from the damaged database
 * `old` (the columns `cols`, `n` of them) into d: from the first row on until
 * a damaged page, then from the last row back to it. Returns the number
 * copied. */
static size_t salvage_table(db *d, sqlite3 *old, const char *table, const char *cols, int n) {
  size_t copied = 0;
  sqlite3_int64 last_good = -1;
  char qs[64] = "?";
  for (int i = 1; i < n && strlen(qs) + 3 < sizeof qs; i++)
    strcat(qs, ",?");
  char *ins = sqlite3_mprintf("INSERT OR IGNORE INTO %s(%s) VALUES(%s)", table, cols, qs);
  sqlite3_stmt *put = NULL;
  if (sqlite3_prepare_v2(d->h, ins, -1, &put, NULL) != SQLITE_OK) {
    sqlite3_free(ins);
    return 0;
  }
  for (int pass = 0; pass < 2; pass++) {
    char *sql = pass == 0 ? sqlite3_mprintf("SELECT rowid, %s FROM %s ORDER BY rowid", cols, table)
                          : sqlite3_mprintf("SELECT rowid, %s FROM %s WHERE rowid > %lld "
                                            "ORDER BY rowid DESC",
                                            cols, table, (long long)last_good);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(old, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
      sqlite3_int64 id = sqlite3_column_int64(st, 0);
      for (int i = 0; i < n; i++)
        sqlite3_bind_value(put, i + 1, sqlite3_column_value(st, i + 1));
      if (sqlite3_step(put) == SQLITE_DONE) copied += (size_t)sqlite3_changes(d->h);
      sqlite3_reset(put);
      if (pass == 0) last_good = id;
      rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    sqlite3_free(sql);
    if (pass == 0 && rc == SQLITE_DONE) break; /* all of it was read */
  }
  sqlite3_finalize(put);
  sqlite3_free(ins);
  return copied;
}

/* Copies what can be read of the damaged database at `path` into d. */
static salvage salvage_from(db *d, const char *path) {
  salvage s = {0, 0, 0};
  sqlite3 *old = NULL;
  char *uri = uri_of(path, "mode=ro");
  int rc = sqlite3_open_v2(uri, &old, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  free(uri);
  if (rc == SQLITE_OK && exec(d, "BEGIN IMMEDIATE")) {
    s.entries = salvage_table(d, old, "journal",
                              "created, local_time, story_id, title, prompt, text, session", 7);
    s.sessions = salvage_table(d, old, "sessions",
                               "story_id, story_file, title, key, decisions, saved, save", 7);
    s.checkins = salvage_table(d, old, "checkins",
                               "created, local_date, story_id, var, label, value, session", 7);
    salvage_table(d, old, "set_aside", "moved, story_id, story_file, why, save", 5);
    salvage_table(d, old, "contacts", "created, local_date, note", 3);
    salvage_table(d, old, "meta", "key, value", 2);
    if (!exec(d, "COMMIT")) {
      rollback(d);
      s.entries = s.sessions = s.checkins = 0;
    }
  }
  sqlite3_close(old);
  return s;
}

/* Renames the database and its write-ahead log and shared-memory files
 * aside, together (the log holds committed changes). *to gets the new name. */
static int move_db_aside(const char *path, char **to) {
  int rc = store_move_aside(path, to);
  if (rc) return rc;
  static const char *const side[] = {"-wal", "-shm", "-journal"};
  for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
    char *from = NULL, *dest = NULL;
    if (asprintf(&from, "%s%s", path, side[i]) < 0 || asprintf(&dest, "%s%s", *to, side[i]) < 0)
      abort();
    rename(from, dest); /* absent, mostly */
    free(from);
    free(dest);
  }
  return 0;
}

/* ---- importing the files of older versions ----------------------------------------------- */

static char *unescape(const char *s, size_t n) {
  xbuf b = {0};
  xbuf_add(&b, "", 0);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\\' && i + 1 < n) {
      char c = s[++i];
      xbuf_add(&b, c == 'n' ? "\n" : c == 'r' ? "\r" : &s[i], 1);
    } else {
      xbuf_add(&b, &s[i], 1);
    }
  }
  return b.data;
}

typedef struct legacy_entry {
  char *when, *story, *title, *prompt, *text;
} legacy_entry;

static void legacy_clear(legacy_entry *e) {
  free(e->when), free(e->story), free(e->title), free(e->prompt), free(e->text);
  memset(e, 0, sizeof *e);
}

static time_t parse_when(const char *when) {
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  tm.tm_isdst = -1;
  if (!when || !strptime(when, "%Y-%m-%d %H:%M", &tm)) return time(NULL);
  return mktime(&tm);
}

/* Inserts one entry of the old journal: those without a date, story or text
 * (a damaged block) are skipped. */
static bool legacy_put(db *d, sqlite3_stmt *ins, legacy_entry *e, size_t *n, size_t *skipped) {
  bool ok = true;
  if (e->when && e->story && e->text) {
    sqlite3_bind_int64(ins, 1, (sqlite3_int64)parse_when(e->when));
    text_arg(ins, 2, e->when);
    text_arg(ins, 3, e->story);
    text_arg(ins, 4, e->title ? e->title : e->story);
    text_arg(ins, 5, e->prompt);
    text_arg(ins, 6, e->text);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    ok = rc == SQLITE_DONE || fail(d, rc);
    *n += ok;
  } else if (e->when || e->story || e->text || e->prompt || e->title) {
    (*skipped)++;
  }
  legacy_clear(e);
  return ok;
}

/* Reads the journal file of mend 0.1 ("mend-journal 1", one block per entry)
 * into the journal table. It is read leniently: a block missing its "end"
 * line or a field still gives what it holds. */
static bool import_journal(db *d, const char *data, size_t len, size_t *n, size_t *skipped) {
  static const char magic[] = "mend-journal 1\n";
  if (len < sizeof magic - 1 || memcmp(data, magic, sizeof magic - 1)) {
    (*skipped)++;
    return true;
  }
  sqlite3_stmt *ins = prepare(d, "INSERT INTO journal(created, local_time, story_id, title, "
                                 "prompt, text, session) VALUES(?,?,?,?,?,?,'')");
  if (!ins) return false;
  legacy_entry e = {0};
  bool ok = true;
  const char *p = data + sizeof magic - 1, *end = data + len;
  while (ok && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (k == 5 && !memcmp(p, "entry", 5)) {
      ok = legacy_put(d, ins, &e, n, skipped); /* a block without its end line */
    } else if (k == 3 && !memcmp(p, "end", 3)) {
      ok = legacy_put(d, ins, &e, n, skipped);
    } else {
      const char *sp = memchr(p, ' ', k);
      size_t kl = sp ? (size_t)(sp - p) : 0;
      char **slot = !sp                                  ? NULL
                    : kl == 4 && !memcmp(p, "when", 4)   ? &e.when
                    : kl == 5 && !memcmp(p, "story", 5)  ? &e.story
                    : kl == 5 && !memcmp(p, "title", 5)  ? &e.title
                    : kl == 6 && !memcmp(p, "prompt", 6) ? &e.prompt
                    : kl == 4 && !memcmp(p, "text", 4)   ? &e.text
                                                         : NULL;
      if (slot) {
        free(*slot);
        *slot = unescape(sp + 1, k - kl - 1);
      }
    }
    p += k + (nl ? 1 : 0);
  }
  if (ok) ok = legacy_put(d, ins, &e, n, skipped);
  legacy_clear(&e);
  sqlite3_finalize(ins);
  return ok;
}

static bool import_save(db *d, const char *name, const char *data, size_t len, time_t mtime,
                        size_t *n) {
  char *id = NULL;
  size_t decisions = 0;
  sqlite3_stmt *st;
  if (mend_save_peek(data, len, &id, &decisions)) {
    st = prepare(d, "INSERT OR IGNORE INTO sessions(story_id, story_file, title, key, decisions, "
                    "saved, save) VALUES(?1, '', ?1, lower(hex(randomblob(16))), ?2, ?3, ?4)");
    if (!st) {
      mend_free(id);
      return false;
    }
    text_arg(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)decisions);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)mtime);
    sqlite3_bind_blob(st, 4, data, (int)len, SQLITE_TRANSIENT);
  } else {
    st = prepare(d, "INSERT INTO set_aside(moved, story_id, story_file, why, save) "
                    "VALUES(strftime('%s','now'), ?1, '', 'damaged before it was imported', ?2)");
    if (!st) return false;
    text_arg(st, 1, name);
    sqlite3_bind_blob(st, 2, data, (int)len, SQLITE_TRANSIENT);
  }
  mend_free(id);
  bool ok = run(d, st);
  *n += ok;
  return ok;
}

/* Reads an old file for import: a regular file only, without blocking, at
 * most MAX_LEGACY bytes. Returns 0 or an errno (ENOENT: nothing to import). */
static int read_legacy(const char *path, char **data, size_t *len, time_t *mtime) {
  int rc = store_read(path, MAX_LEGACY, data, len);
  if (!rc && mtime) {
    struct stat sb;
    *mtime = stat(path, &sb) == 0 ? sb.st_mtime : time(NULL);
  }
  return rc;
}

static void report_unreadable(const char *path, int rc) {
  fputs("mend: could not import ", stderr);
  term_puts(stderr, path);
  fprintf(stderr, " (%s); it is left as it is\n",
          rc == ENODEV  ? "not a regular file"
          : rc == EFBIG ? "too large"
                        : strerror(rc));
}

/* The first time: the journal and the saved sessions of mend 0.1, in one
 * transaction. The files are left where they are. */
static bool import_legacy(db *d) {
  sqlite3_stmt *st = prepare(d, "SELECT 1 FROM meta WHERE key = 'imported'");
  if (!st) return false;
  bool done = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  if (done) return true;
  if (!exec(d, "BEGIN IMMEDIATE")) return false;
  st = prepare(d, "SELECT 1 FROM meta WHERE key = 'imported'"); /* meanwhile? */
  done = st && sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  if (done || !st) {
    rollback(d);
    return st != NULL;
  }
  size_t entries = 0, skipped = 0, saves = 0, unreadable = 0;
  bool ok = true;
  char *jpath = store_join(d->dir, "journal");
  char *data;
  size_t len;
  int rc = read_legacy(jpath, &data, &len, NULL);
  if (!rc) {
    ok = import_journal(d, data, len, &entries, &skipped);
    free(data);
  } else if (rc != ENOENT) {
    report_unreadable(jpath, rc);
    unreadable++;
  }
  free(jpath);
  char *sdir = store_sessions_dir();
  DIR *dir = sdir ? opendir(sdir) : NULL;
  struct dirent *e;
  while (ok && dir && (e = readdir(dir))) {
    size_t n = strlen(e->d_name);
    if (n < 6 || strcmp(e->d_name + n - 5, ".save")) continue;
    char *path = store_join(sdir, e->d_name);
    time_t mtime;
    rc = read_legacy(path, &data, &len, &mtime);
    if (!rc) {
      e->d_name[n - 5] = 0;
      ok = import_save(d, e->d_name, data, len, mtime, &saves);
      free(data);
    } else {
      report_unreadable(path, rc);
      unreadable++;
    }
    free(path);
  }
  if (dir) closedir(dir);
  /* an unreadable file is tried again next time: it is not marked as imported */
  if (ok && !unreadable)
    ok = exec(d, "INSERT INTO meta(key, value) VALUES('imported', strftime('%s','now'))");
  if (ok) ok = exec(d, "COMMIT");
  if (!ok) {
    rollback(d);
  } else if (entries || saves || skipped) {
    fprintf(stderr,
            "mend: %zu journal entr%s and %zu saved session%s of an older mend were copied into ",
            entries, entries == 1 ? "y" : "ies", saves, saves == 1 ? "" : "s");
    term_puts(stderr, d->path);
    fprintf(stderr, "%s; the old files are kept as they were\n",
            skipped ? " (a damaged part of the old journal could not be read)" : "");
  }
  free(sdir);
  return ok;
}

/* ---- opening, and the damaged case ---------------------------------------------------------- */

static db *open_at(db *d, bool read_only, char **why, int *damaged);

db *db_open(bool read_only, char **why) {
  *why = NULL;
  db *d = xcalloc(1, sizeof *d);
  d->lockfd = -1;
  /* while the database is open, what mend and SQLite create (the database,
   * its log and shared memory, the lock file) is 0600 whatever the umask */
  d->umask = umask(077);
  srand((unsigned)getpid() ^ (unsigned)time(NULL)); /* the busy handler's jitter */
  d->dir = store_data_dir();
  if (!d->dir) {
    *why = xstrdup("there is no HOME (or XDG_DATA_HOME) folder to keep it in");
    db_free(d);
    return NULL;
  }
  d->path = store_join(d->dir, DB_NAME);
  int damaged = 0;
  db *r = open_at(d, read_only, why, &damaged);
  if (r || !damaged || read_only) return r;
  /* damaged: moved aside, never deleted; what can be read goes into a new one */
  char *reason = *why;
  *why = NULL;
  char *moved = NULL;
  int mrc = move_db_aside(d->path, &moved);
  if (mrc && mrc != ENOENT) { /* ENOENT: another mend moved it just now */
    fputs("mend: the database ", stderr);
    term_puts(stderr, d->path);
    fputs(" is damaged (", stderr);
    term_puts(stderr, reason);
    fprintf(stderr, ") and could not be moved aside: %s\n", strerror(mrc));
    if (asprintf(why, "it is damaged and could not be moved aside (%s)", strerror(mrc)) < 0)
      abort();
    free(reason);
    db_free(d);
    return NULL;
  }
  damaged = 0;
  r = open_at(d, false, why, &damaged);
  if (r && moved) {
    salvage s = salvage_from(r, moved);
    fputs("mend: the database ", stderr);
    term_puts(stderr, r->path);
    fputs(" was damaged (", stderr);
    term_puts(stderr, reason); /* what SQLite found may quote the damaged bytes */
    fputs("); it was moved aside to ", stderr);
    term_puts(stderr, moved);
    fprintf(stderr,
            ", and what could be read from it (%zu journal entr%s, %zu session%s, %zu check-in%s) "
            "is in a new one\n",
            s.entries, s.entries == 1 ? "y" : "ies", s.sessions, s.sessions == 1 ? "" : "s",
            s.checkins, s.checkins == 1 ? "" : "s");
  } else if (!r) {
    db_free(d);
  }
  free(moved);
  free(reason);
  return r;
}

/* Opens the database read-only, for a person who cannot write it now (a
 * full or read-only disk, a file size limit): the session can still be
 * resumed and the journal read. mode=ro reads the write-ahead log when its
 * shared memory can be had; immutable=1 (the log ignored: a mend that ended
 * normally leaves none) where not even that can be created. */
static int open_read_only(db *d) {
  static const char *const modes[] = {"mode=ro", "immutable=1"};
  int ok = -1;
  for (size_t i = 0; i < 2 && ok < 0; i++) {
    sqlite3_close(d->h);
    d->h = NULL;
    char *uri = uri_of(d->path, modes[i]);
    int rc = sqlite3_open_v2(uri, &d->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    if (rc == SQLITE_OK) set_busy(d->h);
    ok = rc == SQLITE_OK ? check(d) : -1;
    if (ok > 0 && user_version(d) != SCHEMA_VERSION) ok = -1;
  }
  return ok;
}

/* Puts the database in write-ahead-log mode. Turning a new database to it
 * needs it alone: SQLite does not wait (no busy handler) when another mend
 * has it open at that moment, so this waits as the busy handler would. (A
 * `mend journal` opened while two players created the database was told
 * "database is locked".) Where the log cannot be had, SQLite keeps its
 * rollback journal, which is safe too. */
static bool set_wal(db *d) {
  for (int count = 0;; count++) {
    sqlite3_stmt *st = prepare(d, "PRAGMA journal_mode = WAL");
    if (!st) return false;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return true;
    if ((rc & 0xff) != SQLITE_BUSY || !on_busy(NULL, count)) return fail(d, rc);
  }
}

/* Opens d->path; on failure frees d (unless it is damaged: *damaged is set
 * and d is kept for a second try) and returns NULL with *why. */
static db *open_at(db *d, bool read_only, char **why, int *damaged) {
  bool writable = false;
  int rc = 0, why_not = 0;
  if (!read_only) rc = store_mkdirs(d->dir);
  if (!rc || rc == EACCES || rc == EROFS) { /* an existing database may still be read */
    int mk = rc;
    rc = prepare_file(d->path, !read_only && !mk, &writable, &why_not);
    if (!rc && mk) writable = false, why_not = mk;
    if (rc == ENOENT && mk) rc = mk;
  }
  if (read_only) writable = false;
  if (rc) {
    if (!(read_only && rc == ENOENT))
      *why = xstrdup(rc == ENODEV ? "it is not a regular file" : strerror(rc));
    db_free(d);
    return NULL;
  }
  int ok = -1;
  if (writable) {
    int src = open_handle(d, true);
    ok = src == SQLITE_OK ? check(d) : (fail(d, src), -1);
    if (ok > 0) {
      bool good = set_wal(d) && exec(d, "PRAGMA synchronous = FULL") &&
                  exec(d, "PRAGMA secure_delete = ON") && migrate(d) && import_legacy(d);
      if (!good) ok = -1;
    }
  }
  if (ok < 0 && !(writable && d->err[0] && strstr(d->err, "newer version"))) {
    /* it cannot be written now: read it, and say why at the first write */
    snprintf(d->ro_why, sizeof d->ro_why, "%s",
             writable ? d->err : strerror(why_not ? why_not : EACCES));
    int rok = open_read_only(d);
    if (rok > 0) {
      d->ro = true;
      return d;
    }
    if (ok < 0 && rok == 0) ok = 0;
  }
  if (ok == 0) {
    *why = xstrdup(d->err);
    *damaged = 1;
    sqlite3_close(d->h);
    d->h = NULL;
    return NULL;
  }
  if (ok < 0) {
    *why = xstrdup(d->ro_why[0] ? d->ro_why : d->err);
    db_free(d);
    return NULL;
  }
  return d;
}

/* ---- sessions ------------------------------------------------------------------------------- */

void db_session_free(db_session *s) {
  if (!s) return;
  free(s->story_id), free(s->story_file), free(s->title), free(s->key), free(s->save);
  memset(s, 0, sizeof *s);
}

void db_session_list_free(db_session *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    db_session_free(&v[i]);
  free(v);
}

static void read_session(sqlite3_stmt *st, db_session *s, bool with_save) {
  s->story_id = col_text(st, 0);
  s->story_file = col_text(st, 1);
  s->title = col_text(st, 2);
  s->key = col_text(st, 3);
  s->decisions = (size_t)sqlite3_column_int64(st, 4);
  s->saved = (time_t)sqlite3_column_int64(st, 5);
  if (with_save) {
    int n = sqlite3_column_bytes(st, 6);
    const void *b = sqlite3_column_blob(st, 6);
    s->save = malloc((size_t)n + 1);
    if (!s->save) abort();
    if (n) memcpy(s->save, b, (size_t)n);
    s->save[n] = 0;
    s->save_len = (size_t)n;
  }
}

bool db_session_get(db *d, const char *story_id, const char *story_file, db_session *out,
                    bool *found) {
  memset(out, 0, sizeof *out);
  *found = false;
  sqlite3_stmt *st = prepare(d, "SELECT story_id, story_file, title, key, decisions, saved, save "
                                "FROM sessions WHERE story_id = ? AND story_file = ?");
  if (!st) return false;
  text_arg(st, 1, story_id);
  text_arg(st, 2, story_file);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    read_session(st, out, true);
    *found = true;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, rc);
}

bool db_session_list(db *d, db_session **v, size_t *n) {
  *v = NULL;
  *n = 0;
  sqlite3_stmt *st = prepare(d, "SELECT story_id, story_file, title, key, decisions, saved "
                                "FROM sessions ORDER BY saved DESC, story_id, story_file");
  if (!st) return false;
  size_t cap = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 8;
      *v = xrealloc(*v, cap * sizeof **v);
    }
    memset(&(*v)[*n], 0, sizeof **v);
    read_session(st, &(*v)[(*n)++], false);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

bool db_session_adopt(db *d, const char *story_id, const char *story_file) {
  if (!writable(d)) return false;
  sqlite3_stmt *st = prepare(d, "UPDATE OR IGNORE sessions SET story_file = ?2 "
                                "WHERE story_id = ?1 AND story_file = ''");
  if (!st) return false;
  text_arg(st, 1, story_id);
  text_arg(st, 2, story_file);
  return run(d, st);
}

bool db_session_set_aside(db *d, const char *story_id, const char *story_file, const char *why) {
  if (!writable(d)) return false;
  if (!exec(d, "BEGIN IMMEDIATE")) return false;
  sqlite3_stmt *st = prepare(d, "INSERT INTO set_aside(moved, story_id, story_file, why, save) "
                                "SELECT strftime('%s','now'), story_id, story_file, ?3, save "
                                "FROM sessions WHERE story_id = ?1 AND story_file = ?2");
  bool ok = st != NULL;
  if (ok) {
    text_arg(st, 1, story_id);
    text_arg(st, 2, story_file);
    text_arg(st, 3, why);
    ok = run(d, st);
  }
  if (ok) ok = (st = prepare(d, "DELETE FROM sessions WHERE story_id = ? AND story_file = ?"));
  if (ok) {
    text_arg(st, 1, story_id);
    text_arg(st, 2, story_file);
    ok = run(d, st);
  }
  if (ok) ok = exec(d, "COMMIT");
  if (!ok) rollback(d);
  return ok;
}

/* FNV-1a of the key, as the offset of the byte to lock in the lock file. */
static off_t lock_offset(const char *story_id, const char *story_file) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char *s = story_id;; s++) {
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    if (!*s) break;
  }
  for (const char *s = story_file; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return (off_t)(h % ((uint64_t)1 << 40));
}

int db_session_lock(db *d, const char *story_id, const char *story_file) {
  if (d->lockfd < 0) {
    char *path = store_join(d->dir, "sessions.lock");
    d->lockfd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    free(path);
    if (d->lockfd < 0) return -1;
  }
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = lock_offset(story_id, story_file);
  fl.l_len = 1;
  if (fcntl(d->lockfd, F_OFD_SETLK, &fl) == 0) return 1;
  return errno == EAGAIN || errno == EACCES ? 0 : -1;
}

/* ---- a step -----------------------------------------------------------------------------------
 */

static bool put_session(db *d, const db_step *s) {
  sqlite3_stmt *st;
  if (s->op == DB_DELETE) {
    st = prepare(d, "DELETE FROM sessions WHERE story_id = ? AND story_file = ?");
    if (!st) return false;
  } else {
    st = prepare(d, "INSERT OR REPLACE INTO sessions(story_id, story_file, title, key, decisions, "
                    "saved, save) VALUES(?1, ?2, ?3, ?4, ?5, ?7, ?6)");
    if (!st) return false;
    sqlite3_bind_int64(st, 7, (sqlite3_int64)store_now());
    text_arg(st, 3, s->title);
    text_arg(st, 4, s->key);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)s->decisions);
    sqlite3_bind_blob(st, 6, s->save, (int)s->save_len, SQLITE_STATIC);
  }
  text_arg(st, 1, s->story_id);
  text_arg(st, 2, s->story_file);
  return run(d, st);
}

static bool put_entries(db *d, const db_step *s) {
  if (!s->nentries) return true;
  sqlite3_stmt *st = prepare(d, "INSERT INTO journal(created, local_time, story_id, title, prompt, "
                                "text, session) VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!st) return false;
  int rc = SQLITE_DONE;
  for (size_t i = 0; i < s->nentries && rc == SQLITE_DONE; i++) {
    const db_entry *e = &s->entries[i];
    char when[32];
    db_local_time(e->when, when, sizeof when);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)e->when);
    text_arg(st, 2, when);
    text_arg(st, 3, s->story_id);
    text_arg(st, 4, s->title);
    text_arg(st, 5, e->prompt);
    text_arg(st, 6, e->text);
    text_arg(st, 7, s->key);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

static bool put_checkins(db *d, const db_step *s) {
  if (!s->ncheckins) return true;
  sqlite3_stmt *st = prepare(d, "INSERT INTO checkins(created, local_date, story_id, var, label, "
                                "value, session) VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!st) return false;
  int rc = SQLITE_DONE;
  for (size_t i = 0; i < s->ncheckins && rc == SQLITE_DONE; i++) {
    const db_checkin *c = &s->checkins[i];
    char day[16];
    db_local_date(c->when, day, sizeof day);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)c->when);
    text_arg(st, 2, day);
    text_arg(st, 3, s->story_id);
    text_arg(st, 4, c->var);
    text_arg(st, 5, c->label);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)c->value);
    text_arg(st, 7, s->key);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

/* Records a contact, once per day and note (a step replayed, a command
 * typed twice); *added says whether it was new. */
static bool put_contact(db *d, time_t when, const char *note, bool *added) {
  sqlite3_stmt *st = prepare(d, "INSERT INTO contacts(created, local_date, note) SELECT ?1, ?2, ?3 "
                                "WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE local_date = ?2 "
                                "AND note = ?3)");
  if (!st) return false;
  char day[16];
  db_local_date(when, day, sizeof day);
  sqlite3_bind_int64(st, 1, (sqlite3_int64)when);
  text_arg(st, 2, day);
  text_arg(st, 3, note);
  bool ok = run(d, st);
  if (added) *added = ok && sqlite3_changes(d->h) > 0;
  return ok;
}

bool db_commit(db *d, const db_step *s) {
  if (!writable(d)) return false;
  if (!exec(d, "BEGIN IMMEDIATE")) return false;
  bool ok = (s->op == DB_KEEP || put_session(d, s)) && put_entries(d, s) && put_checkins(d, s) &&
            (!s->contact_when || put_contact(d, s->contact_when, s->title, NULL)) &&
            exec(d, "COMMIT");
  if (!ok) rollback(d);
  return ok;
}

/* ---- the journal -------------------------------------------------------------------------------
 */

void db_journal_list_free(db_journal_entry *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i].story), free(v[i].title), free(v[i].prompt), free(v[i].text), free(v[i].session);
  free(v);
}

bool db_journal_list(db *d, const char *story, db_journal_entry **v, size_t *n) {
  *v = NULL;
  *n = 0;
  sqlite3_stmt *st =
      prepare(d, "SELECT local_time, story_id, title, prompt, text, session FROM journal "
                 "WHERE ?1 IS NULL OR story_id = ?1 ORDER BY id");
  if (!st) return false;
  if (story) text_arg(st, 1, story);
  size_t cap = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 16;
      *v = xrealloc(*v, cap * sizeof **v);
    }
    db_journal_entry *e = &(*v)[(*n)++];
    const unsigned char *w = sqlite3_column_text(st, 0);
    snprintf(e->when, sizeof e->when, "%s", w ? (const char *)w : "");
    e->story = col_text(st, 1);
    e->title = col_text(st, 2);
    e->prompt = col_text(st, 3);
    e->text = col_text(st, 4);
    e->session = col_text(st, 5);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

/* After a delete: the deleted pages were overwritten (secure_delete); VACUUM
 * rebuilds the file without them, and the checkpoint empties the log of their
 * copies. Both wait for other players' transactions (busy timeout); a
 * checkpoint that another reader holds back is done by the next one. */
static bool scrub(db *d) {
  return exec(d, "PRAGMA wal_checkpoint(TRUNCATE)") && exec(d, "VACUUM") &&
         exec(d, "PRAGMA wal_checkpoint(TRUNCATE)");
}

bool db_journal_clear(db *d, size_t *deleted) {
  *deleted = 0;
  if (!writable(d)) return false;
  if (!exec(d, "BEGIN IMMEDIATE")) return false;
  bool ok = exec(d, "DELETE FROM journal");
  if (ok) *deleted = (size_t)sqlite3_changes(d->h);
  if (ok) ok = exec(d, "COMMIT");
  if (!ok) {
    rollback(d);
    return false;
  }
  /* the old journal, kept as a backup when it was imported, goes too */
  char *old = store_join(d->dir, "journal");
  int rc = unlink(old) == 0 || errno == ENOENT ? 0 : errno;
  free(old);
  if (rc) {
    snprintf(d->err, sizeof d->err, "the journal file of an older mend: %s", strerror(rc));
    return false;
  }
  return scrub(d);
}

/* ---- progress ---------------------------------------------------------------------- */

void db_checkins_list_free(db_checkin_row *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i].story), free(v[i].var), free(v[i].label);
  free(v);
}

bool db_checkins_list(db *d, const char *since, const char *measure, db_checkin_row **v,
                      size_t *n) {
  *v = NULL;
  *n = 0;
  sqlite3_stmt *st =
      prepare(d, "SELECT local_date, created, story_id, var, label, value "
                 "FROM checkins WHERE local_date >= coalesce(?1, '') AND "
                 "(?2 IS NULL OR lower(label) = lower(?2) OR lower(var) = lower(?2)) "
                 "ORDER BY local_date, created, id");
  if (!st) return false;
  if (since) text_arg(st, 1, since);
  if (measure) text_arg(st, 2, measure);
  size_t cap = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 64;
      *v = xrealloc(*v, cap * sizeof **v);
    }
    db_checkin_row *r = &(*v)[(*n)++];
    const unsigned char *day = sqlite3_column_text(st, 0);
    snprintf(r->date, sizeof r->date, "%s", day ? (const char *)day : "");
    r->when = (time_t)sqlite3_column_int64(st, 1);
    r->story = col_text(st, 2);
    r->var = col_text(st, 3);
    r->label = col_text(st, 4);
    r->value = sqlite3_column_int64(st, 5);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

bool db_contact_add(db *d, time_t when, const char *note, bool *added) {
  return writable(d) && put_contact(d, when, note, added);
}

void db_contacts_list_free(db_contact *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i].note);
  free(v);
}

bool db_contacts_list(db *d, db_contact **v, size_t *n) {
  *v = NULL;
  *n = 0;
  sqlite3_stmt *st =
      prepare(d, "SELECT local_date, created, note FROM contacts ORDER BY local_date, created, id");
  if (!st) return false;
  size_t cap = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 16;
      *v = xrealloc(*v, cap * sizeof **v);
    }
    db_contact *c = &(*v)[(*n)++];
    const unsigned char *day = sqlite3_column_text(st, 0);
    snprintf(c->date, sizeof c->date, "%s", day ? (const char *)day : "");
    c->when = (time_t)sqlite3_column_int64(st, 1);
    c->note = col_text(st, 2);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || fail(d, rc);
}

bool db_contact_undo(db *d, bool *deleted) {
  *deleted = false;
  if (!writable(d)) return false;
  if (!exec(d, "DELETE FROM contacts WHERE id = (SELECT id FROM contacts "
               "ORDER BY local_date DESC, created DESC, id DESC LIMIT 1)"))
    return false;
  *deleted = sqlite3_changes(d->h) > 0;
  return true;
}

bool db_progress_clear(db *d, size_t *checkins, size_t *contacts) {
  *checkins = *contacts = 0;
  if (!writable(d)) return false;
  if (!exec(d, "BEGIN IMMEDIATE")) return false;
  bool ok = exec(d, "DELETE FROM checkins");
  if (ok) *checkins = (size_t)sqlite3_changes(d->h);
  if (ok) ok = exec(d, "DELETE FROM contacts");
  if (ok) *contacts = (size_t)sqlite3_changes(d->h);
  if (ok) ok = exec(d, "COMMIT");
  if (!ok) {
    rollback(d);
    *checkins = *contacts = 0;
    return false;
  }
  return scrub(d);
}

/* Days between two local dates "YYYY-MM-DD", b - a, by the calendar (a
 * daylight-saving day counts as one). */
static long date_diff(const char *a, const char *b) {
  struct tm ta, tb;
  memset(&ta, 0, sizeof ta);
  memset(&tb, 0, sizeof tb);
  if (sscanf(a, "%d-%d-%d", &ta.tm_year, &ta.tm_mon, &ta.tm_mday) != 3 ||
      sscanf(b, "%d-%d-%d", &tb.tm_year, &tb.tm_mon, &tb.tm_mday) != 3)
    return 0;
  ta.tm_year -= 1900, tb.tm_year -= 1900;
  ta.tm_mon--, tb.tm_mon--;
  ta.tm_hour = tb.tm_hour = 12;
  time_t x = timegm(&ta), y = timegm(&tb);
  return x == (time_t)-1 || y == (time_t)-1 ? 0 : (long)((y - x) / 86400);
}

bool db_contact_days(db *d, time_t now, long *days) {
  *days = -1;
  sqlite3_stmt *st = prepare(d, "SELECT max(local_date) FROM contacts");
  if (!st) return false;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    char today[16];
    db_local_date(now, today, sizeof today);
    long n = date_diff((const char *)sqlite3_column_text(st, 0), today);
    *days = n < 0 ? 0 : n;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, rc);
}
