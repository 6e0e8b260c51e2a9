/* SPDX-License-Identifier: MIT */
/*
 * cmd_lint.c - `mend lint [OPTIONS] FILE...`: loads each story and prints
 * every error, then, for the stories that load, the engine's warnings
 * (mend_story_lint), gcc-style with their code, and a one-line count.
 * Exit 0 when there is no error (1 otherwise, or on warnings with --werror).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "support.h"
#include "diagout.h"
#include "emit.h"
#include "mend/analyse.h"
#include "mend/mend.h"
#include "term.h"

static const char lint_usage[] =
    "usage: mend lint [OPTIONS] FILE...\n"
    "\n"
    "Checks story files. Every error is printed as file:line:col: error: message\n"
    "[E-code] (without the column when it is not known); a story that loads is then\n"
    "checked for likely mistakes, printed as file:line:col: warning: message [W-code].\n"
    "On a terminal each message shows its source line with a caret under the place.\n"
    "More than 5 warnings of one code in a file show as the first 3 and a count.\n"
    "A count closes the report; a clean run prints nothing.\n"
    "\n"
    "options:\n"
    "  --werror          treat warnings as errors for the exit status\n"
    "  --schema          also validate against the RELAX NG schema (mend.rng); mend's own\n"
    "                    checks already cover it: this is a cross-check\n"
    "  --disable CODE    do not report this warning (repeatable; W-unreachable or unreachable)\n"
    "  --format FORMAT   text (the default, on stderr) or json: one JSON object per line\n"
    "                    and finding on stdout, with file, line, column, severity, code\n"
    "                    and message (line and column 0 when unknown); every finding\n"
    "  --snippet         the source line and a caret under each message (the default on a\n"
    "                    terminal); --no-snippet leaves them out\n"
    "  --all             every warning, however many share a code\n"
    "\n"
    "warning codes: W-unreachable W-dead-end W-once W-random-conditional W-no-feedback\n"
    "  W-duplicate-label W-unread W-unchanged W-unset W-unused-answer W-empty-pattern\n"
    "  W-pcre W-never-true W-long-paragraph W-no-words W-unasked W-repeated-sentence;\n"
    "  every error has an E-code too (mend(1) explains each, under ERRORS and WARNINGS)\n"
    "\n"
    "Exit status: 0 no errors, 1 errors (or warnings with --werror), 2 usage.\n";

/* The index of a warning code in mend_lint_codes, given with or without its
 * "W-" prefix; -1 when unknown. */
static int code_index(const char *name) {
  for (int i = 0; mend_lint_codes[i]; i++)
    if (!strcmp(name, mend_lint_codes[i]) || !strcmp(name, mend_lint_codes[i] + 2)) return i;
  return -1;
}

static bool keep_diag(const mend_diag *g, void *ud) {
  const bool *disabled = ud;
  if (g->severity != MEND_WARNING || !g->code) return true;
  int c = code_index(g->code);
  return c < 0 || !disabled[c];
}

static void print_json(const mend_diag *g) {
  fputs("{\"file\":", stdout);
  emit_json_string(stdout, g->file);
  printf(",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"code\":", g->line, g->column,
         g->severity == MEND_ERROR     ? "error"
         : g->severity == MEND_WARNING ? "warning"
                                       : "note");
  if (g->code)
    emit_json_string(stdout, g->code);
  else
    fputs("null", stdout);
  fputs(",\"message\":", stdout);
  emit_json_string(stdout, g->message);
  fputs("}\n", stdout);
}

static const char *plural(size_t n) {
  return n == 1 ? "" : "s";
}

int cmd_lint(int argc, char **argv) {
  bool werror = false, json = false, schema = false;
  diagout_opts out = diagout_defaults();
  bool disabled[64] = {false}; /* by index in mend_lint_codes */
  int rc = EXIT_OK;
  enum { O_WERROR = CLI_LONG, O_SCHEMA, O_SNIPPET, O_NO_SNIPPET, O_ALL, O_DISABLE, O_FORMAT };
  static const cli_option options[] = {
      {"werror", O_WERROR, NULL},
      {"schema", O_SCHEMA, NULL},
      {"snippet", O_SNIPPET, NULL},
      {"no-snippet", O_NO_SNIPPET, NULL},
      {"all", O_ALL, NULL},
      {"disable", O_DISABLE, "a warning code (such as W-unreachable)"},
      {"format", O_FORMAT, "text or json"},
      {0}};
  static const char *const formats[] = {"text", "json", NULL};
  cli c;
  cli_start(&c, "lint", lint_usage, options, argc, argv);
  for (int k; rc == EXIT_OK && (k = cli_next(&c)) != CLI_END;) {
    switch (k) {
    case CLI_STOP: return c.status;
    case O_WERROR: werror = true; break;
    case O_SCHEMA: schema = true; break;
    case O_SNIPPET: out.snippet = true; break;
    case O_NO_SNIPPET: out.snippet = false; break;
    case O_ALL: out.all = true; break;
    case O_DISABLE: {
      int i = code_index(c.arg);
      if (i < 0)
        rc = cli_error(&c, "--disable %s: no such warning code", c.arg);
      else
        disabled[i] = true;
      break;
    }
    case O_FORMAT: {
      int f = cli_choice(&c, formats);
      if (f < 0) return c.status;
      json = f == 1;
      break;
    }
    }
  }
  char **files = c.operands;
  int nfiles = c.noperands;
  if (rc == EXIT_OK && nfiles == 0) rc = usage_error("lint", "no story file given");
  if (rc != EXIT_OK) return rc;

  /* one write per line, not per character: a large story can get thousands */
  static char errbuf[BUFSIZ];
  setvbuf(stderr, errbuf, _IOLBF, sizeof errbuf);
  size_t errors = 0, warnings = 0, bad_files = 0;
  for (int i = 0; i < nfiles; i++) {
    mend_diags *d = mend_diags_new();
    /* a <nodes> file that stories include is checked as far as it can be alone */
    mend_story *s =
        support_load_story(files[i], (schema ? MEND_LOAD_SCHEMA : 0) | MEND_LOAD_PART, d);
    if (s) mend_story_lint(s, d);
    mend_diags_sort(d);
    size_t found = 0;
    for (size_t k = 0; k < mend_diags_count(d); k++) {
      const mend_diag *g = mend_diags_at(d, k);
      if (!keep_diag(g, disabled)) continue;
      if (json) print_json(g);
      if (g->severity == MEND_NOTE) continue; /* neither an error nor a warning */
      if (g->severity == MEND_WARNING)
        warnings++;
      else
        errors++;
      found++;
    }
    if (!json) diagout_print(stderr, d, &out, keep_diag, disabled);
    if (found) bad_files++;
    mend_story_free(s);
    mend_diags_free(d);
  }
  fflush(stdout);
  /* the count: the historical wording when there are only errors */
  if (errors && !warnings)
    fprintf(stderr, "%zu error%s in %zu of %d file%s\n", errors, plural(errors), bad_files, nfiles,
            plural((size_t)nfiles));
  else if (warnings && !errors)
    fprintf(stderr, "%zu warning%s in %zu of %d file%s\n", warnings, plural(warnings), bad_files,
            nfiles, plural((size_t)nfiles));
  else if (warnings)
    fprintf(stderr, "%zu error%s, %zu warning%s in %zu of %d file%s\n", errors, plural(errors),
            warnings, plural(warnings), bad_files, nfiles, plural((size_t)nfiles));
  return errors || (werror && warnings) ? EXIT_STORY : EXIT_OK;
}
