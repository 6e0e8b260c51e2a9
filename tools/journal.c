/* SPDX-License-Identifier: MIT */
/* journal.c - `mend journal`: the journal kept in the database (see db.h). */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "db.h"
#include "mend/mend.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

/* ---- mend journal ---------------------------------------------------------- */

/* Prints a text that may hold several lines (a kept summary), each indented. */
static void print_lines(FILE *f, const char *text, const char *indent) {
  for (const char *line = text;;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    if (n || nl) {
      fputs(indent, f);
      term_put(f, line, n);
      fputc('\n', f);
    }
    if (!nl || !nl[1]) break;
    line = nl + 1;
  }
}

static void md_text(FILE *f, const char *s) { /* one paragraph, control characters dropped */
  term_puts(f, s);
}

static int export_md(const db_journal_entry *v, size_t n, const char *file) {
  xbuf b = {0};
  xbuf_adds(&b, "# My mend journal\n");
  for (size_t k = n; k-- > 0;) {
    const db_journal_entry *e = &v[k];
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) abort();
    fprintf(m, "\n## %s — ", e->when);
    md_text(m, e->title);
    fputs("\n\n", m);
    if (e->prompt[0]) {
      fputs("*", m);
      md_text(m, e->prompt);
      fputs("*\n\n", m);
    }
    print_lines(m, e->text, ""); /* a kept summary keeps its lines */
    fclose(m);
    xbuf_adds(&b, buf);
    free(buf);
  }
  int rc = store_write_export(file, b.data, b.len);
  free(b.data);
  if (rc) {
    fputs("mend journal: cannot write ", stderr);
    term_puts(stderr, file);
    fprintf(stderr, ": %s\n", strerror(rc));
    return EXIT_IO;
  }
  fputs("Journal written to ", stdout);
  term_puts(stdout, file);
  fputc('\n', stdout);
  return EXIT_OK;
}

int cmd_journal(int argc, char **argv) {
  const char *story = NULL, *export = NULL;
  bool clear = false, yes = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      puts("usage: mend journal [--story ID] [--export FILE.md] [--clear [--yes]]\n\n"
           "Shows what you wrote in your sessions, newest first. --export writes it as\n"
           "Markdown; --clear deletes it after asking (--yes: without asking).");
      return EXIT_OK;
    }
    if (!strcmp(a, "--story") && i + 1 < argc)
      story = argv[++i];
    else if (!strcmp(a, "--export") && i + 1 < argc)
      export = argv[++i];
    else if (!strcmp(a, "--clear"))
      clear = true;
    else if (!strcmp(a, "--yes"))
      yes = true;
    else
      return usage_error("journal", "unexpected argument '%s'", a);
  }
  char *why = NULL;
  db *d = db_open(false, &why);
  if (!d) {
    char *dir = store_data_dir();
    fputs("mend journal: cannot open the journal", stderr);
    if (dir) {
      fputs(" in ", stderr);
      term_puts(stderr, dir);
    }
    fprintf(stderr, ": %s\n", why);
    free(dir);
    free(why);
    return EXIT_IO;
  }
  db_journal_entry *v;
  size_t n;
  if (!db_journal_list(d, clear ? NULL : story, &v, &n)) {
    fprintf(stderr, "mend journal: cannot read the journal: %s\n", db_error(d));
    db_close(d);
    return EXIT_IO;
  }
  int rc = EXIT_OK;
  if (clear) {
    bool ok = yes;
    if (!yes) {
      printf("Delete all %zu journal entr%s for good? [y/n]\n", n, n == 1 ? "y" : "ies");
      fflush(stdout);
      char *line = NULL;
      size_t cap = 0;
      bool answer = false;
      ok = getline(&line, &cap, stdin) > 0 && mend_parse_yesno(line, &answer) == MEND_OK && answer;
      free(line);
    }
    size_t deleted;
    if (!ok) {
      puts("The journal was kept.");
    } else if (!db_journal_clear(d, &deleted)) {
      fprintf(stderr, "mend journal: cannot delete the journal: %s\n", db_error(d));
      rc = EXIT_IO;
    } else {
      puts("The journal was deleted.");
    }
  } else if (export) {
    rc = export_md(v, n, export);
  } else {
    for (size_t k = n; k-- > 0;) {
      const db_journal_entry *e = &v[k];
      if (k + 1 < n) fputc('\n', stdout);
      printf("%s  ", e->when);
      term_puts(stdout, e->title);
      fputc('\n', stdout);
      if (e->prompt[0]) {
        fputs("  ", stdout);
        term_puts(stdout, e->prompt);
        fputc('\n', stdout);
      }
      print_lines(stdout, e->text, "  ");
    }
    if (!n) puts(story ? "No journal entries for this scenario yet." : "Your journal is empty.");
  }
  db_journal_list_free(v, n);
  db_close(d);
  return rc;
}
