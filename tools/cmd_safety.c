/* SPDX-License-Identifier: MIT */
/*
 * cmd_safety.c - `mend support` (the helplines this machine would show) and
 * `mend safety-check` (what the safety layer makes of each line of a file),
 * for people, counsellors and translators.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "emit.h"
#include "store.h"
#include "support.h"
#include "term.h"
#include "xalloc.h"

#define MAX_INPUT (64u << 20)

static const char support_usage[] =
    "usage: mend support [--country CODE] [--list]\n"
    "\n"
    "Prints the crisis lines, domestic-abuse lines and emergency number for your\n"
    "country: what the player shows when it offers support, and what :support shows\n"
    "at any time. mend is not a crisis service; these people are.\n"
    "\n"
    "options:\n"
    "  --country CODE  the country, as a two-letter code (GB, IE, US...); otherwise\n"
    "                  MEND_COUNTRY, then the territory of your locale (LANG=en_GB...)\n"
    "  --list          the countries mend has lines for, with their codes\n"
    "\n"
    "The lines come from the bundled list (stories/safety/resources), with a\n"
    "counsellor's additions in $XDG_CONFIG_HOME/mend/resources (see mend(1)).\n";

/* Prints text as the player prints its own messages: wrapped on a terminal. */
static void print_wrapped(const char *text) {
  int width = isatty(STDOUT_FILENO) ? term_columns(STDOUT_FILENO) : 0;
  term_opts o = {width > 76 ? 76 : width, false, 0};
  term_lines(stdout, &o, text);
}

int cmd_support(int argc, char **argv) {
  const char *country = NULL;
  bool list = false;
  enum { O_COUNTRY = CLI_LONG, O_LIST };
  static const cli_option options[] = {
      {"country", O_COUNTRY, "a two-letter country code (GB, IE, US...)"},
      {"list", O_LIST, NULL},
      {0}};
  cli c;
  cli_start(&c, "support", support_usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP) return c.status;
    if (k == O_COUNTRY)
      country = c.arg;
    else
      list = true;
  }
  if (c.noperands) return usage_error("support", "unexpected argument '%s'", c.operands[0]);
  char code[3];
  if (!support_country(country, code) && country) return EXIT_USAGE;
  support s;
  support_open(&s, NULL, code);
  if (!support_resources(&s)) {
    fputs("mend: no helplines could be loaded. In an emergency, call your local emergency "
          "number; https://findahelpline.com lists free helplines by country.\n",
          stderr);
    support_close(&s);
    return EXIT_IO;
  }
  if (list) {
    for (size_t i = 0; i < mend_resources_count(s.res); i++) {
      const mend_country *ct = mend_resources_at(s.res, i);
      printf("%s\t", ct->code);
      term_puts(stdout, ct->name);
      fputc('\n', stdout);
    }
  } else {
    char *text = support_all_lines(&s);
    print_wrapped(text);
    free(text);
  }
  support_close(&s);
  return EXIT_OK;
}

/* ---- safety-check ---------------------------------------------------------------- */

static const char check_usage[] =
    "usage: mend safety-check [--format text|json] [--lang LANG] [FILE|-]\n"
    "\n"
    "Classifies each line of FILE (or standard input) as the player would classify\n"
    "an answer: crisis, abuse or none, with the kind, the words that triggered it\n"
    "and the lexicon line of the phrase; a sign that negation or a figurative\n"
    "phrase set aside is shown too. For counsellors testing their own phrases and\n"
    "translators testing a lexicon. Empty lines and lines starting with # are\n"
    "skipped.\n"
    "\n"
    "options:\n"
    "  --format json  one JSON object per line of input, for scripts\n"
    "  --lang LANG    the lexicon of this language (default en)\n";

static void hit_text(const mend_safety_hit *h, const char *line) {
  printf(" %s (%s, severity %d): \"", mend_safety_category_name(h->category), h->kind, h->severity);
  term_put(stdout, line + h->start, h->size);
  printf("\" [line %d: ", h->line);
  term_puts(stdout, h->phrase);
  fputs("]", stdout);
}

static void hit_json(const char *key, const mend_safety_hit *h, const char *line) {
  printf(",\"%s\":{\"kind\":", key);
  emit_json_string(stdout, h->kind);
  printf(",\"severity\":%d,\"words\":", h->severity);
  char *w = xstrndup(line + h->start, h->size);
  emit_json_string(stdout, w);
  free(w);
  printf(",\"start\":%zu,\"size\":%zu,\"phrase\":", h->start, h->size);
  emit_json_string(stdout, h->phrase);
  printf(",\"phrase_line\":%d}", h->line);
}

int cmd_safety_check(int argc, char **argv) {
  bool json = false;
  const char *lang = "en";
  enum { O_FORMAT = CLI_LONG, O_LANG };
  static const cli_option options[] = {
      {"format", O_FORMAT, "text or json"}, {"lang", O_LANG, "a language tag (en)"}, {0}};
  static const char *const formats[] = {"text", "json", NULL};
  cli c;
  cli_start(&c, "safety-check", check_usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP) return c.status;
    if (k == O_LANG) {
      lang = c.arg;
      continue;
    }
    int f = cli_choice(&c, formats);
    if (f < 0) return c.status;
    json = f == 1;
  }
  if (c.noperands > 1) return usage_error("safety-check", "one file at a time");
  const char *file = c.noperands ? c.operands[0] : NULL;
  char *data = NULL;
  size_t len = 0;
  int rc = cmd_read_input("safety-check", file, MAX_INPUT, &data, &len);
  if (rc != EXIT_OK) return rc;
  support s;
  support_open(&s, lang, "");
  const mend_lexicon *lx = support_lexicon(&s);
  if (!lx) {
    free(data);
    support_close(&s);
    return EXIT_STORY;
  }
  size_t counts[3] = {0, 0, 0};
  int no = 0;
  for (char *p = data, *end = data + len; p < end;) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    no++;
    char *line = xstrndup(p, n);
    p = nl ? nl + 1 : end;
    if (n && line[n - 1] == '\r') line[--n] = 0;
    const char *t = line + strspn(line, " \t");
    if (!*t || *t == '#') {
      free(line);
      continue;
    }
    mend_safety_result r;
    mend_safety_category cat = mend_safety_scan(lx, line, n, &r);
    counts[cat]++;
    /* what a story's heavy() and unsafe() read beyond the signs: the
     * [heavy] and [unsafe] phrases, which bring no screen */
    bool heavy = !r.crisis.category && mend_safety_reads(lx, MEND_SAFETY_CRISIS, line, n);
    bool unsafe = !r.abuse.category && mend_safety_reads(lx, MEND_SAFETY_ABUSE, line, n);
    /* ... and, typed where a number or a choice is asked, their "told:" lines */
    bool told_heavy =
        !heavy && !r.crisis.category && mend_safety_reads_told(lx, MEND_SAFETY_CRISIS, line, n);
    bool told_unsafe =
        !unsafe && !r.abuse.category && mend_safety_reads_told(lx, MEND_SAFETY_ABUSE, line, n);
    if (json) {
      printf("{\"line\":%d,\"verdict\":\"%s\",\"text\":", no, mend_safety_category_name(cat));
      emit_json_string(stdout, line);
      if (r.crisis.category) hit_json("crisis", &r.crisis, line);
      if (r.abuse.category) hit_json("abuse", &r.abuse, line);
      printf(",\"heavy\":%s,\"unsafe\":%s", heavy || r.crisis.category ? "true" : "false",
             unsafe || r.abuse.category ? "true" : "false");
      printf(",\"told_heavy\":%s,\"told_unsafe\":%s",
             told_heavy || heavy || r.crisis.category ? "true" : "false",
             told_unsafe || unsafe || r.abuse.category ? "true" : "false");
      if (r.set_aside.category) {
        hit_json("set_aside", &r.set_aside, line);
        printf(",\"set_aside_why\":\"%s\",\"set_aside_by\":", r.set_aside_why);
        emit_json_string(stdout, r.set_aside_by);
      }
      puts("}");
    } else {
      printf("%d:", no);
      if (!cat) fputs(" none", stdout);
      if (r.crisis.category) hit_text(&r.crisis, line);
      if (r.abuse.category) hit_text(&r.abuse, line);
      if (heavy || unsafe)
        printf(" (no screen; %s)", heavy && unsafe ? "heavy() and unsafe() read it"
                                   : heavy         ? "heavy() reads it"
                                                   : "unsafe() reads it");
      if (told_heavy || told_unsafe)
        printf(" (no screen; %s where a number or a choice is asked)", told_heavy && told_unsafe
                                                                           ? "heavy and unsafe"
                                                                       : told_heavy ? "heavy"
                                                                                    : "unsafe");
      if (r.set_aside.category) {
        printf(" (set aside, %s by \"", r.set_aside_why);
        term_puts(stdout, r.set_aside_by);
        fputs("\":", stdout);
        hit_text(&r.set_aside, line);
        fputs(")", stdout);
      }
      fputs(": ", stdout);
      term_puts(stdout, line);
      fputc('\n', stdout);
    }
    free(line);
  }
  if (!json)
    printf("%zu line%s: %zu crisis, %zu abuse, %zu none\n", counts[0] + counts[1] + counts[2],
           counts[0] + counts[1] + counts[2] == 1 ? "" : "s", counts[2], counts[1], counts[0]);
  free(data);
  support_close(&s);
  return EXIT_OK;
}
