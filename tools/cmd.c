/* SPDX-License-Identifier: MIT */
/* cmd.c - what the subcommands share (see cmd.h): usage errors, numbers,
 * diagnostics. Apart from main.c, so that the fuzz harnesses can link the
 * tools' modules without a main. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "diagout.h"
#include "invoked.h"
#include "mend/mend.h"
#include "store.h"
#include "term.h"

int usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = NULL;
  int n = vasprintf(&msg, fmt, ap);
  va_end(ap);
  fprintf(stderr, "mend%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  /* the message may quote what was typed: printed without its control
   * characters and escape sequences, as everything else from outside */
  if (n >= 0) term_puts(stderr, msg);
  free(msg);
  if (cmd && strcmp(cmd, "help"))
    fprintf(stderr, "\nTry: %s help %s\n", invoked_name(), cmd);
  else
    fprintf(stderr, "\nTry: %s --help\n", invoked_name());
  return EXIT_USAGE;
}

bool parse_u64(const char *s, uint64_t *out) {
  if (!*s) return false;
  uint64_t v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9') return false;
    unsigned d = (unsigned)(*s - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

size_t print_diags(const mend_diags *d) {
  diagout_opts o = diagout_defaults();
  diagout_print(stderr, d, &o, NULL, NULL);
  return mend_diags_errors(d);
}

bool cmd_is_stdout(const char *file) {
  if (!file || !strcmp(file, "-")) return true;
  struct stat a, b; /* /dev/stdout, /proc/self/fd/1, or the file it was sent to */
  return stat(file, &a) == 0 && fstat(STDOUT_FILENO, &b) == 0 && a.st_dev == b.st_dev &&
         a.st_ino == b.st_ino;
}

int cmd_write_output(const char *cmd, const char *file, const char *data, size_t len) {
  int rc = 0;
  bool atomic = false;
  if (!file || !strcmp(file, "-")) {
    errno = 0;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) rc = errno ? errno : EIO;
  } else {
    rc = store_write_export(file, data, len, &atomic);
  }
  if (!rc) return EXIT_OK;
  fprintf(stderr, "mend %s: cannot write ", cmd);
  if (!file || !strcmp(file, "-"))
    fputs("to standard output", stderr);
  else
    term_puts(stderr, file);
  fprintf(stderr, ": %s", strerror(rc));
  if (atomic) fputs(". Nothing was changed", stderr);
  fputs(".\n", stderr);
  return EXIT_IO;
}
