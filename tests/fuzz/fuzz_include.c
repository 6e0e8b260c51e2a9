/* SPDX-License-Identifier: MIT */
/*
 * fuzz_include.c - XInclude resolution: the bytes are cut at each "\n----\n"
 * into up to 6 files, written to a fresh folder as main.xml, a.xml, b.xml,
 * parts/c.xml, parts/d.xml and parts/e.xml, and main.xml is loaded from disk,
 * so that its includes (and theirs) are resolved as for any story: relative
 * paths inside the folder, bounded depth, no loops. Whatever loads is played a
 * few steps.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  FUZZ_ASSERT(f);
  if (n) fwrite(p, 1, n, f);
  fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"main.xml",    "a.xml",       "b.xml",
                                      "parts/c.xml", "parts/d.xml", "parts/e.xml"};
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "%s/mend-fuzz-include-%ld", P_tmpdir, (long)getpid());
    mkdir(dir, 0700);
    char parts[96];
    snprintf(parts, sizeof parts, "%s/parts", dir);
    mkdir(parts, 0700);
  }
  size_t from = 0, k = 0;
  static const char sep[] = "\n----\n";
  for (size_t i = 0; k < 6; i++) {
    bool cut = i + 6 <= size && !memcmp(data + i, sep, 6);
    if (i >= size || cut) {
      put(names[k++], data + from, (i < size ? i : size) - from);
      from = i + 6;
      if (i >= size) break;
      i += 5;
    }
  }
  for (; k < 6; k++)
    put(names[k], NULL, 0);
  char path[128];
  snprintf(path, sizeof path, "%s/main.xml", dir);
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load(path, d);
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *line = mend_diag_format(mend_diags_at(d, i));
    FUZZ_ASSERT(line && !strchr(line, '\n'));
    mend_free(line);
  }
  FUZZ_ASSERT((st != NULL) == (mend_diags_errors(d) == 0));
  if (st) {
    mend_session *s = mend_session_new(st, 1);
    for (int n = 0; n < 16 && mend_session_pending(s) == MEND_PENDING_CHOICE; n++)
      mend_session_choose(s, 0);
    mend_session_free(s);
  }
  mend_story_free(st);
  mend_diags_free(d);
  return 0;
}
