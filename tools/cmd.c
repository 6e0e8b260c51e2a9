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

static struct {
  char *data;
  size_t len;
  int err;
  bool read;
} input;

static void input_free(void) {
  diagout_stdin(NULL, 0);
  free(input.data);
}

/* Standard input, read to its end once for the whole command. */
static void read_stdin(size_t max) {
  input.read = true;
  atexit(input_free);
  size_t cap = 65536;
  input.data = malloc(cap + 1);
  if (!input.data) abort();
  for (;;) {
    if (input.len == cap) {
      if (cap > max) {
        input.err = EFBIG;
        break;
      }
      cap *= 2;
      char *more = realloc(input.data, cap + 1);
      if (!more) abort();
      input.data = more;
    }
    ssize_t n = read(STDIN_FILENO, input.data + input.len, cap - input.len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) input.err = errno;
    if (n <= 0) break;
    input.len += (size_t)n;
  }
  if (!input.err && input.len > max) input.err = EFBIG;
  input.data[input.len] = 0;
  diagout_stdin(input.data, input.len);
}

int cmd_read_input(const char *cmd, const char *file, size_t max, char **data, size_t *len) {
  int rc;
  if (!file || !strcmp(file, "-")) {
    if (!input.read) read_stdin(max);
    rc = input.err;
    if (!rc) {
      *data = malloc(input.len + 1);
      if (!*data) abort();
      memcpy(*data, input.data, input.len + 1);
      *len = input.len;
    }
  } else {
    rc = store_read(file, max, data, len);
  }
  if (!rc) return EXIT_OK;
  fprintf(stderr, "mend%s%s: cannot read ", cmd ? " " : "", cmd ? cmd : "");
  term_puts(stderr, file && strcmp(file, "-") ? file : "standard input");
  if (rc == EFBIG)
    fprintf(stderr, ": it is larger than %zu MB\n", max / 1024 / 1024);
  else
    fprintf(stderr, ": %s\n", strerror(rc));
  return EXIT_IO;
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

/* ---- options ------------------------------------------------------------------------- */

void cli_start(cli *c, const char *cmd, const char *usage, const cli_option *opts, int argc,
               char **argv) {
  memset(c, 0, sizeof *c);
  c->cmd = cmd;
  c->usage = usage;
  c->opts = opts;
  c->argc = argc;
  c->argv = argv;
  /* "-": every argument that is not an option comes back in order (as 1),
   * whatever POSIXLY_CORRECT says; ":": a missing value is told apart */
  size_t s = 0, n = 0;
  c->shorts[s++] = '-';
  c->shorts[s++] = ':';
  c->shorts[s++] = 'h';
  for (; opts[n].name; n++) {
    if (n == CLI_MAX_OPTIONS) abort(); /* (a command with more: raise the limit) */
    c->longs[n] = (struct option){opts[n].name, opts[n].value ? required_argument : no_argument,
                                  NULL, opts[n].val};
    if (opts[n].val > 0 && opts[n].val < CLI_LONG) {
      c->shorts[s++] = (char)opts[n].val;
      if (opts[n].value) c->shorts[s++] = ':';
    }
  }
  c->longs[n] = (struct option){"help", no_argument, NULL, 'h'};
  c->shorts[s] = 0;
  c->operands = argv + 1;
  optind = 0; /* (glibc: start afresh, as for a new command line) */
  opterr = 0; /* the messages are ours */
}

/* The option with value `val`, or NULL. */
static const cli_option *cli_find(const cli *c, int val) {
  for (const cli_option *o = c->opts; o->name; o++)
    if (o->val == val) return o;
  return NULL;
}

/* Names the option that was just read (or failed), as it was typed: "-n"
 * for a letter typed alone or in a group, the long name otherwise. */
static void cli_name(cli *c, int val) {
  const char *typed = c->typed;
  if (val > 0 && val < CLI_LONG && typed[0] == '-' && typed[1] != '-') {
    snprintf(c->name, sizeof c->name, "-%c", val);
    return;
  }
  const cli_option *o = cli_find(c, val);
  if (o && typed[1] != '-') { /* (a letter's option, named by its long name) */
    snprintf(c->name, sizeof c->name, "--%s", o->name);
    return;
  }
  size_t len = strcspn(typed, "=");
  snprintf(c->name, sizeof c->name, "%.*s", (int)(len < sizeof c->name ? len : 40), typed);
}

int cli_error(cli *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = NULL;
  int n = vasprintf(&msg, fmt, ap);
  va_end(ap);
  usage_error(c->cmd, "%s", n >= 0 ? msg : "bad command line");
  free(msg);
  return c->status = EXIT_USAGE;
}

/* What getopt_long could not read: said, for CLI_STOP. */
static int cli_bad(cli *c, int got) {
  const char *typed = c->typed;
  int val = optopt;
  if (got == ':') { /* a value missing */
    cli_name(c, val);
    const cli_option *o = cli_find(c, val);
    cli_error(c, "%s needs %s", c->name, o && o->value ? o->value : "a value");
    return CLI_STOP;
  }
  if (val > 0 && val < CLI_LONG && typed[1] != '-') {
    if (val == 'h') { /* (-h with something after it, "-hx") */
      fputs(c->usage, stdout);
      c->status = EXIT_OK;
      return CLI_STOP;
    }
    cli_error(c, "unknown option '-%c'", val);
    return CLI_STOP;
  }
  /* a long option: a value given to a flag, a shortening of more than one,
   * or no such option */
  size_t len = strcspn(typed + 2, "=");
  const cli_option *flag = val ? cli_find(c, val) : NULL;
  if (flag && typed[2 + len] == '=') {
    cli_error(c, "--%s takes no value", flag->name);
    return CLI_STOP;
  }
  char which[200] = "";
  int matches = 0;
  for (const cli_option *o = c->opts; o->name && len; o++)
    if (!strncmp(o->name, typed + 2, len)) {
      size_t at = strlen(which);
      snprintf(which + at, sizeof which - at, "%s--%s", matches++ ? ", " : "", o->name);
    }
  size_t shown = len < 60 ? len + 2 : 62;
  if (matches > 1)
    cli_error(c, "'%.*s' could be more than one option: %s", (int)shown, typed, which);
  else
    cli_error(c, "unknown option '%.*s'", (int)shown, typed);
  return CLI_STOP;
}

int cli_next(cli *c) {
  for (;;) {
    /* the argument getopt reads now (the same one while it reads a group
     * of letters, -xn5): how the option was typed */
    int at = optind ? optind : 1;
    c->typed = at < c->argc ? c->argv[at] : "";
    int got = getopt_long(c->argc, c->argv, c->shorts, c->longs, NULL);
    c->arg = optarg;
    if (got == 1) { /* a file or other operand: kept in order */
      c->operands[c->noperands++] = optarg;
      continue;
    }
    if (got == -1) { /* the end, or "--": what follows is operands */
      for (int i = optind; i < c->argc; i++)
        c->operands[c->noperands++] = c->argv[i];
      return CLI_END;
    }
    if (got == '?' || got == ':') return cli_bad(c, got);
    if (got == 'h') {
      fputs(c->usage, stdout);
      c->status = EXIT_OK;
      return CLI_STOP;
    }
    cli_name(c, got);
    return got;
  }
}

bool cli_number(cli *c, uint64_t min, uint64_t max, uint64_t *out) {
  uint64_t v;
  if (c->arg && parse_u64(c->arg, &v) && v >= min && v <= max) {
    *out = v;
    return true;
  }
  cli_error(c, "%s needs a whole number from %llu to %llu, not '%s'", c->name,
            (unsigned long long)min, (unsigned long long)max, c->arg ? c->arg : "");
  return false;
}

int cli_choice(cli *c, const char *const *choices) {
  size_t n = 0;
  for (; choices[n]; n++)
    if (c->arg && !strcmp(c->arg, choices[n])) return (int)n;
  char list[200] = "";
  for (size_t i = 0; i < n; i++) {
    size_t at = strlen(list);
    snprintf(list + at, sizeof list - at, "%s%s",
             i == 0      ? ""
             : i + 1 < n ? ", "
                         : " or ",
             choices[i]);
  }
  cli_error(c, "%s %s: use %s", c->name, c->arg ? c->arg : "", list);
  return -1;
}

bool cli_format_only(cli *c, const char *cmd, const char *usage, const char *const *choices,
                     int argc, char **argv, int *format) {
  char what[80] = ""; /* what --format needs: "dot or mermaid" */
  for (size_t i = 0; choices[i]; i++) {
    size_t at = strlen(what);
    snprintf(what + at, sizeof what - at, "%s%s", i ? " or " : "", choices[i]);
  }
  cli_option options[] = {{"format", CLI_LONG, what}, {0}};
  cli_start(c, cmd, usage, options, argc, argv);
  bool ok = true;
  for (int k; ok && (k = cli_next(c)) != CLI_END;) {
    int f = k == CLI_STOP ? -1 : cli_choice(c, choices);
    if (f >= 0) *format = f;
    ok = f >= 0;
  }
  c->opts = NULL; /* (options is gone: the parse is over) */
  return ok;
}
