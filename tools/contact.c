/* SPDX-License-Identifier: MIT */
/*
 * contact.c - `mend contact`: the person says they reached out to their ex
 * (a message, a call), for the count of days without contact that the
 * library and `mend progress` show. Kept in the database (db.h), on this
 * machine only. A slip restarts the count; it is never called a failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "cmd.h"
#include "db.h"
#include "mend/mend.h"
#include "store.h"
#include "term.h"

#define MAX_NOTE 1000 /* bytes: a line or two, not a journal entry */

static const char usage[] =
    "usage: mend contact [--note TEXT] [--on DATE]\n"
    "       mend contact --list | --undo\n"
    "\n"
    "Notes that you reached out to your ex today (a message, a call), so that\n"
    "the count of days without contact starts again from here. Nothing else\n"
    "changes, and nothing leaves this machine.\n"
    "\n"
    "options:\n"
    "  --note TEXT   a few words to keep with it (what happened, how it felt)\n"
    "  --on DATE     another day than today: yesterday, or YYYY-MM-DD\n"
    "  --list        every day noted, and the count of days since the last\n"
    "  --undo        take back the day noted last (noted by mistake)\n";

/* The day DATE names, at noon local time: "today", "yesterday" or
 * YYYY-MM-DD. False when it is none of these. */
static bool parse_day(const char *s, time_t now, time_t *out) {
  struct tm tm;
  localtime_r(&now, &tm);
  if (!strcmp(s, "yesterday"))
    tm.tm_mday -= 1;
  else if (strcmp(s, "today")) {
    int y, m, d;
    char extra;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12 || d < 1 || d > 31 ||
        y < 1970)
      return false;
    tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d;
  }
  tm.tm_hour = 12, tm.tm_min = tm.tm_sec = 0, tm.tm_isdst = -1;
  int want = tm.tm_mday;
  time_t t = mktime(&tm);
  if (t == (time_t)-1) return false;
  if (strcmp(s, "yesterday") && strcmp(s, "today")) { /* 2026-02-30 is no day */
    struct tm back;
    localtime_r(&t, &back);
    if (back.tm_mday != want) return false;
  }
  *out = t;
  return true;
}

/* The count of days, as the library and `mend progress` say it (chart.h):
 * "Day 12 since you last reached out.", and a kinder line for today. */
static void print_count(long days) {
  if (days < 0) {
    puts("No day of contact is noted.");
    return;
  }
  char *line = chart_counter(days, 0);
  size_t n = strlen(line);
  printf("%s%s\n", line, n && line[n - 1] == '.' ? "" : ".");
  free(line);
}

static int open_failed(char *why) {
  char *dir = store_data_dir();
  fputs("mend contact: cannot open your data", stderr);
  if (dir) {
    fputs(" in ", stderr);
    term_puts(stderr, dir);
  }
  fprintf(stderr, ": %s\n", why ? why : "no database yet");
  free(dir);
  free(why);
  return EXIT_IO;
}

int cmd_contact(int argc, char **argv) {
  const char *note = NULL, *on = NULL;
  bool list = false, undo = false;
  enum { O_NOTE = CLI_LONG, O_ON, O_LIST, O_UNDO };
  static const cli_option options[] = {
      {"note", O_NOTE, "a few words"},
      {"on", O_ON, "a day: today, yesterday or a date such as 2026-12-01"},
      {"list", O_LIST, NULL},
      {"undo", O_UNDO, NULL},
      {0}};
  cli c;
  cli_start(&c, "contact", usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP) return c.status;
    if (k == O_NOTE) note = c.arg;
    if (k == O_ON) on = c.arg;
    if (k == O_LIST) list = true;
    if (k == O_UNDO) undo = true;
  }
  if (c.noperands) return usage_error("contact", "unexpected argument '%s'", c.operands[0]);
  if ((list || undo) && (note || on || (list && undo)))
    return usage_error("contact", "--list and --undo go alone");
  if (note && strlen(note) > MAX_NOTE)
    return usage_error("contact",
                       "the note is longer than %d bytes: keep a few words here, and "
                       "the rest in a scenario's journal",
                       MAX_NOTE);
  time_t now = store_now(), when = now;
  if (on && !parse_day(on, now, &when))
    return usage_error("contact", "--on takes today, yesterday or a date such as 2026-12-01");
  char day[16], today[16];
  db_local_date(when, day, sizeof day);
  db_local_date(now, today, sizeof today);
  if (strcmp(day, today) > 0)
    return usage_error("contact", "%s has not come yet: note a day that has", day);

  char *why = NULL;
  db *d = db_open(list, &why);
  if (!d) {
    if (list && !why) {
      print_count(-1);
      return EXIT_OK;
    }
    return open_failed(why);
  }
  int rc = EXIT_OK;
  long days;
  if (list) {
    db_contact *v;
    size_t n;
    if (!db_contacts_list(d, &v, &n) || !db_contact_days(d, now, &days)) {
      fprintf(stderr, "mend contact: cannot read your data: %s\n", db_error(d));
      db_close(d);
      return EXIT_IO;
    }
    for (size_t i = 0; i < n; i++) {
      printf("%s", v[i].date);
      if (v[i].note[0]) {
        fputs("  ", stdout);
        term_puts(stdout, v[i].note);
      }
      fputc('\n', stdout);
    }
    if (n) fputc('\n', stdout);
    print_count(days);
    db_contacts_list_free(v, n);
  } else if (undo) {
    bool deleted;
    if (!db_contact_undo(d, &deleted) || !db_contact_days(d, now, &days)) {
      fprintf(stderr, "mend contact: cannot change your data: %s\n", db_error(d));
      rc = EXIT_IO;
    } else {
      puts(deleted ? "Taken back." : "No day of contact is noted: nothing to take back.");
      if (deleted) print_count(days);
    }
  } else {
    bool added;
    if (!db_contact_add(d, when, note ? note : "", &added) || !db_contact_days(d, now, &days)) {
      fprintf(stderr, "mend contact: cannot write to your data: %s\n", db_error(d));
      rc = EXIT_IO;
    } else {
      if (!added)
        printf("%s was already noted%s.\n", strcmp(day, today) ? day : "Today",
               note && note[0] ? " with this note" : "");
      else if (strcmp(day, today))
        printf("Noted: %s.\n", day);
      else
        puts("Noted.");
      print_count(days);
    }
  }
  db_close(d);
  return rc;
}
