/* SPDX-License-Identifier: MIT */
/*
 * fuzz_player.c - the player's input path (tools/player.c): the bytes after
 * the first are what a person types, read in plain mode by player_run on
 * tests/fuzz/story.xml: answers, choices by number or words, ':' commands,
 * empty lines, NUL bytes, escape sequences, invalid UTF-8, lines of any
 * length. The first byte is the seed, and its bits choose saving (each step
 * committed to a database in a private temporary folder, journal entries and
 * check-ins included), wrapping, and whether the same bytes are first
 * imported as the journal file of mend 0.1 into a new database (whose
 * reader crashed mend 0.1 on an entry missing its "end" line). What it
 * prints goes to /dev/null.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "fuzz.h"
#include "player.h"

static char dir[64], input[96];

static void setup(void) {
  snprintf(dir, sizeof dir, "%s/mend-fuzz-player-%ld", P_tmpdir, (long)getpid());
  snprintf(input, sizeof input, "%s.in", dir);
  setenv("XDG_DATA_HOME", dir, 1);
  setenv("XDG_STATE_HOME", dir, 1);
  setenv("HOME", dir, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static unsigned runs;
  if (!dir[0]) setup();
  if (runs++ % 500 == 0) { /* the journal grows with the runs: start afresh now and then */
    char path[128];
    snprintf(path, sizeof path, "%s/mend/mend.db", dir);
    unlink(path);
  }
  uint8_t flags = size ? data[0] : 0;
  if ((flags & 5) == 5) { /* saving, from a new database that imports an old journal */
    char path[128];
    snprintf(path, sizeof path, "%s/mend/mend.db", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/mend", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/mend/journal", dir);
    FILE *j = fopen(path, "wb");
    FUZZ_ASSERT(j);
    fputs("mend-journal 1\n", j);
    if (size > 1) fwrite(data + 1, 1, size - 1, j);
    fclose(j);
  }
  FILE *in = fopen(input, "wb");
  FUZZ_ASSERT(in);
  if (size > 1) fwrite(data + 1, 1, size - 1, in);
  fclose(in);
  if (!freopen(input, "r", stdin)) abort();
  player p;
  memset(&p, 0, sizeof p);
  p.st = (mend_story *)fuzz_story();
  p.seed = flags;
  p.s = mend_session_new(p.st, p.seed);
  p.echo = true;
  p.save = flags & 1;
  p.width = flags & 2 ? 40 : 0;
  if (p.save) {
    char *why = NULL;
    p.db = db_open(false, &why);
    free(why);
    p.story_file = strdup("fuzz/story.xml");
    snprintf(p.key, sizeof p.key, "fuzz");
  }
  /* the player's output to /dev/null, only while it plays (the replay
   * program prints its report on standard output) */
  fflush(stdout);
  int out = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
  FUZZ_ASSERT(out >= 0 && null >= 0);
  dup2(null, STDOUT_FILENO);
  close(null);
  if ((flags & 5) == 5) { /* imported once: the next runs find it done */
    char path[128];
    snprintf(path, sizeof path, "%s/mend/journal", dir);
    unlink(path);
  }
  int rc = player_run(&p, false);
  fflush(stdout);
  dup2(out, STDOUT_FILENO);
  close(out);
  FUZZ_ASSERT(rc == 0 || rc == 3 || rc == 4);
  player_done_store(&p);
  mend_session_free(p.s);
  return 0;
}
