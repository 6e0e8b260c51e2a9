/* SPDX-License-Identifier: MIT */
/*
 * replay.c - runs a harness over files instead of fuzzing: linked with a
 * harness by `make check` (with the normal compiler, no libFuzzer), so that
 * every input that once failed is replayed by `make test`.
 *
 *   fuzz_NAME FILE...    prints one TAP line per file; exits 1 if a run
 *                        returned non-zero (a crash simply kills it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static unsigned char *read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  unsigned char *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      cap = cap ? cap * 2 : 4096;
      buf = realloc(buf, cap);
      if (!buf) abort();
    }
    size_t r = fread(buf + len, 1, cap - len, f);
    if (r == 0) break;
    len += r;
  }
  fclose(f);
  *n = len;
  return buf;
}

int main(int argc, char **argv) {
  int failed = 0;
  for (int i = 1; i < argc; i++) {
    size_t n = 0;
    unsigned char *data = read_file(argv[i], &n);
    if (!data) {
      printf("not ok %d - %s: cannot read it\n", i, argv[i]);
      failed++;
      continue;
    }
    fflush(stdout);
    int rc = LLVMFuzzerTestOneInput(data, n);
    free(data);
    printf("%s %d - %s (%zu bytes) runs cleanly\n", rc ? "not ok" : "ok", i, argv[i], n);
    if (rc) failed++;
  }
  return failed ? 1 : 0;
}
