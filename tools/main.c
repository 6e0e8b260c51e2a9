/* SPDX-License-Identifier: MIT */
/*
 * main.c - the mend program: git-style subcommands over libmend.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "invoked.h"
#include "journal.h"
#include "mend/mend.h"
#include "progress.h"
#include "support.h"
#include "term.h"
#include "xalloc.h"

static const char usage[] =
    "usage: mend [COMMAND] [ARGS...]\n"
    "\n"
    "mend walks you through branching reflection scenarios in the terminal.\n"
    "With no command, it opens the scenario library.\n"
    "\n"
    "commands:\n"
    "  play [OPTIONS] FILE|ID     play a scenario (mend help play for the options)\n"
    "  list                       the library: sessions in progress, then every scenario\n"
    "  journal [--story ID]       what you wrote, newest first (--export FILE.md, --clear)\n"
    "  progress [--days N]        your check-ins across days, and days since you reached out\n"
    "  lint FILE...               check story files, print every error\n"
    "  test [OPTIONS] FILE...     test stories: coverage, run-time failures, test plans\n"
    "  graph [--format F] FILE    the story's graph as Graphviz DOT (or mermaid)\n"
    "  watch FILE                 lint, plans and a short random test on every save\n"
    "  stats FILE...              a story's size, paths to its endings, measures\n"
    "  new ID [--title T]         write a small, commented scenario to start from\n"
    "  export --html FILE         one HTML file that plays the story offline (--library)\n"
    "  contact [--note TEXT]      note that you reached out to your ex today (--list, --undo)\n"
    "  support [--country CODE]   crisis lines, domestic-abuse lines and the emergency number\n"
    "  safety-check [FILE|-]      what the safety layer makes of each line of a file\n"
    "  help [COMMAND]             show help, or a command's help\n"
    "\n"
    "options:\n"
    "  -h, --help      show this help\n"
    "  -V, --version   show the version\n"
    "\n"
    "Exit status: 0 ok, 1 story errors, 2 usage, 3 input ended early, 4 story failed\n"
    "while playing, 5 a file could not be written. See mend(1).\n";

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"lint", cmd_lint},       {"test", cmd_test},
    {"play", cmd_play},       {"list", cmd_list},
    {"journal", cmd_journal}, {"progress", cmd_progress},
    {"graph", cmd_graph},     {"watch", cmd_watch},
    {"stats", cmd_stats},     {"new", cmd_new},
    {"export", cmd_export},   {"support", cmd_support},
    {"contact", cmd_contact}, {"safety-check", cmd_safety_check},
};

static const command *find_command(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(commands[i].name, name)) return &commands[i];
  return NULL;
}

/* What a command wrote on standard output must have reached it: a full disk
 * or a closed pipe's reader is an error (status 5, as for any file), not a
 * silent success. A command that failed already said why, and keeps its status. */
static int output_written(const char *cmd, int rc) {
  errno = 0;
  if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
  if (rc != EXIT_OK) return rc; /* (it said why already) */
  int e = errno;
  fprintf(stderr, "mend %s: could not write the output%s%s\n", cmd, e ? ": " : "",
          e ? strerror(e) : "");
  return EXIT_IO;
}

/* libmend prints nothing when memory runs out; the program says it, as
 * xalloc does for its own allocations, before libmend aborts. */
static void out_of_memory(size_t size, void *ud) {
  (void)size, (void)ud;
  fputs("mend: out of memory\n", stderr);
}

int main(int argc, char **argv) {
  const char *check = getenv("MEND_CHECK_ALLOC"); /* for tests: see xalloc.h */
  if (check && *check && strcmp(check, "0") != 0) xalloc_check_libmend();
  mend_set_out_of_memory(out_of_memory, NULL);
  setlocale(LC_ALL, "");
  /* The locale gives characters (UTF-8) and messages; numbers stay as C
   * writes and reads them, whatever the locale: JSON and CSV need "0.5",
   * never "0,5", and "--min-coverage 50.5" reads the same everywhere. */
  setlocale(LC_NUMERIC, "C");
  /* stderr by lines, not byte by byte: diagnostics go through term_put, a
   * character at a time, and a long list of them must not cost a system call
   * per character */
  setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
  /* a file size limit (ulimit -f) makes a write fail with EFBIG, which is
   * reported, instead of killing mend with SIGXFSZ (the last save is kept) */
  signal(SIGXFSZ, SIG_IGN);
  /* the commands mend prints for the person to type start with this name */
  invoked_init(argv[0]);
  atexit(invoked_done);
  int rc;
  if (argc < 2) {
    char *args[] = {"play", NULL};
    rc = cmd_play(1, args);
  } else if (!strcmp(argv[1], "help") && argc > 2) { /* mend help COMMAND */
    char *args[] = {argv[2], "--help", NULL};
    const command *k = find_command(argv[2]);
    rc = k ? k->run(2, args) : usage_error("help", "no command '%s'", argv[2]);
  } else if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
    fputs(usage, stdout);
    rc = EXIT_OK;
  } else if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
    printf("mend %s (story format %d)\n", MEND_VERSION, MEND_FORMAT_VERSION);
    rc = EXIT_OK;
  } else {
    const command *k = find_command(argv[1]);
    rc = k ? k->run(argc - 1, argv + 1) : usage_error(NULL, "unknown command '%s'", argv[1]);
  }
  return output_written(argc > 1 ? argv[1] : "play", rc);
}
