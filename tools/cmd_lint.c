/*
 * cmd_lint.c - `mend lint FILE...`: loads each story and prints every error,
 * gcc-style, then a one-line count. Exit 0 when clean, 1 on any error.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mend/mend.h"

int cmd_lint(int argc, char **argv) {
  int nfiles = 0;
  size_t errors = 0, bad_files = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      puts("usage: mend lint FILE...\n\nChecks story files and prints every error as "
           "file:line: error: message.\nExit status: 0 clean, 1 errors, 2 usage.");
      return EXIT_OK;
    }
    if (argv[i][0] == '-' && argv[i][1]) return usage_error("lint", "unknown option '%s'", argv[i]);
  }
  for (int i = 1; i < argc; i++) {
    nfiles++;
    mend_diags *d = mend_diags_new();
    mend_story *s = mend_story_load(argv[i], d);
    mend_diags_sort(d);
    size_t e = print_diags(d);
    errors += e;
    if (e) bad_files++;
    mend_story_free(s);
    mend_diags_free(d);
  }
  if (nfiles == 0) return usage_error("lint", "no story file given");
  if (errors)
    fprintf(stderr, "%zu error%s in %zu of %d file%s\n", errors, errors == 1 ? "" : "s", bad_files,
            nfiles, nfiles == 1 ? "" : "s");
  return errors ? EXIT_STORY : EXIT_OK;
}
