/* cmd.c - what the subcommands share (see cmd.h): usage errors, numbers,
 * diagnostics. Apart from main.c, so that the fuzz harnesses can link the
 * tools' modules without a main. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#include "diagout.h"
#include "mend/mend.h"
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
    fprintf(stderr, "\nTry 'mend help %s'.\n", cmd);
  else
    fprintf(stderr, "\nTry 'mend --help'.\n");
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
