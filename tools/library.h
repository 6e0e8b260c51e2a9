/* SPDX-License-Identifier: MIT */
/*
 * library.h - finding scenarios: $MEND_PATH, the bundled stories next to the
 * program (in a build tree), $XDG_DATA_HOME/mend/stories, and the installed
 * PREFIX/share/mend/stories. The first story with a given id wins.
 */
#ifndef MEND_LIBRARY_H
#define MEND_LIBRARY_H

#include <stddef.h>

typedef struct lib_entry {
  char *path, *id, *title, *about;
  int minutes;
} lib_entry;

typedef struct library {
  lib_entry *v;
  size_t n, cap;
} library;

/* Scans every folder; stories that do not load are skipped with a one-line
 * warning on stderr when `warn` is set. */
void library_scan(library *lib, int warn);
/* The stories of one folder only (not its subfolders), added to lib. */
void library_scan_dir(library *lib, const char *dir, int warn);
const lib_entry *library_find(const library *lib, const char *id);
void library_free(library *lib);
/* The folder of the bundled stories and data (safety/): the build tree's
 * stories/ when the program runs from one, else PREFIX/share/mend/stories.
 * Malloc'd. */
char *library_bundled_dir(void);
/* Parses lines of the listing cache (see library.c) as a scan would read
 * them, then drops them; returns how many were entries. For the fuzz
 * harness tests/fuzz/fuzz_cache.c: nothing is read or written. */
size_t library_cache_parse(const char *data, size_t n);

#endif
