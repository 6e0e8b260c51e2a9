/*
 * main.c - the mend program: git-style subcommands over libmend.
 */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "journal.h"
#include "mend/mend.h"
#include "progress.h"
#include "support.h"
#include "term.h"

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

int main(int argc, char **argv) {
  setlocale(LC_ALL, "");
  /* stderr by lines, not byte by byte: diagnostics go through term_put, a
   * character at a time, and a long list of them must not cost a system call
   * per character */
  setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
  /* a file size limit (ulimit -f) makes a write fail with EFBIG, which is
   * reported, instead of killing mend with SIGXFSZ (the last save is kept) */
  signal(SIGXFSZ, SIG_IGN);
  if (argc < 2) {
    char *args[] = {"play", NULL};
    return cmd_play(1, args);
  }
  const char *c = argv[1];
  if (!strcmp(c, "help") && argc > 2) { /* mend help COMMAND */
    char *args[] = {argv[2], "--help", NULL};
    if (!strcmp(argv[2], "lint")) return cmd_lint(2, args);
    if (!strcmp(argv[2], "test")) return cmd_test(2, args);
    if (!strcmp(argv[2], "play")) return cmd_play(2, args);
    if (!strcmp(argv[2], "list")) return cmd_list(2, args);
    if (!strcmp(argv[2], "journal")) return cmd_journal(2, args);
    if (!strcmp(argv[2], "progress")) return cmd_progress(2, args);
    if (!strcmp(argv[2], "graph")) return cmd_graph(2, args);
    if (!strcmp(argv[2], "watch")) return cmd_watch(2, args);
    if (!strcmp(argv[2], "stats")) return cmd_stats(2, args);
    if (!strcmp(argv[2], "new")) return cmd_new(2, args);
    if (!strcmp(argv[2], "export")) return cmd_export(2, args);
    if (!strcmp(argv[2], "support")) return cmd_support(2, args);
    if (!strcmp(argv[2], "contact")) return cmd_contact(2, args);
    if (!strcmp(argv[2], "safety-check")) return cmd_safety_check(2, args);
    return usage_error("help", "no command '%s'", argv[2]);
  }
  if (!strcmp(c, "-h") || !strcmp(c, "--help") || !strcmp(c, "help")) {
    fputs(usage, stdout);
    return EXIT_OK;
  }
  if (!strcmp(c, "-V") || !strcmp(c, "--version")) {
    printf("mend %s (story format %d)\n", MEND_VERSION, MEND_FORMAT_VERSION);
    return EXIT_OK;
  }
  if (!strcmp(c, "lint")) return cmd_lint(argc - 1, argv + 1);
  if (!strcmp(c, "test")) return cmd_test(argc - 1, argv + 1);
  if (!strcmp(c, "play")) return cmd_play(argc - 1, argv + 1);
  if (!strcmp(c, "list")) return cmd_list(argc - 1, argv + 1);
  if (!strcmp(c, "journal")) return cmd_journal(argc - 1, argv + 1);
  if (!strcmp(c, "progress")) return cmd_progress(argc - 1, argv + 1);
  if (!strcmp(c, "graph")) return cmd_graph(argc - 1, argv + 1);
  if (!strcmp(c, "watch")) return cmd_watch(argc - 1, argv + 1);
  if (!strcmp(c, "stats")) return cmd_stats(argc - 1, argv + 1);
  if (!strcmp(c, "new")) return cmd_new(argc - 1, argv + 1);
  if (!strcmp(c, "export")) return cmd_export(argc - 1, argv + 1);
  if (!strcmp(c, "support")) return cmd_support(argc - 1, argv + 1);
  if (!strcmp(c, "contact")) return cmd_contact(argc - 1, argv + 1);
  if (!strcmp(c, "safety-check")) return cmd_safety_check(argc - 1, argv + 1);
  return usage_error(NULL, "unknown command '%s'", c);
}
