/* SPDX-License-Identifier: MIT */
/* journal.c - `mend journal`: the journal kept in the database (see db.h). */
#include "journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "db.h"
#include "markdown.h"
#include "mend/mend.h"
#include "pager.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

/* ---- each answer once --------------------------------------------------------------
 * A summary kept by an older mend repeats, under "What you wrote:", the
 * answers that are entries of their own: "  PROMPT" (with " (your last
 * version)" on a rewrite) then "    ANSWER". Those repeats are left out
 * when the entries are there, of the same play-through, with the same
 * words; whatever else the summary holds is shown as it was kept. A summary
 * kept now leaves them out itself (show_summary_kept). */

static const char summary_prefix[] = "Summary: ";
static const char wrote_heading[] = "What you wrote:";
static const char last_version[] = " (your last version)";

static bool is_summary(const db_journal_entry *e) {
  return !strncmp(e->prompt, summary_prefix, sizeof summary_prefix - 1);
}

/* Whether PROMPT_LINE ("  prompt[ (your last version)]") and ANSWER_LINE
 * ("    answer") repeat an entry of the play-through `session` in v[0..n)
 * not yet matched (used[]), which is then marked. */
static bool repeats_entry(const db_journal_entry *v, size_t n, bool *used, const char *session,
                          const char *prompt_line, size_t pn, const char *answer_line, size_t an) {
  if (pn < 2 || strncmp(prompt_line, "  ", 2) || an < 4 || strncmp(answer_line, "    ", 4))
    return false;
  prompt_line += 2, pn -= 2, answer_line += 4, an -= 4;
  size_t ln = sizeof last_version - 1;
  for (size_t k = 0; k < n; k++) {
    const db_journal_entry *e = &v[k];
    if (used[k] || is_summary(e) || strcmp(e->session, session)) continue;
    char *p = term_clean(e->prompt, strlen(e->prompt)), *t = term_clean(e->text, strlen(e->text));
    size_t plen = strlen(p);
    bool same_prompt =
        (pn == plen || (pn == plen + ln && !memcmp(prompt_line + plen, last_version, ln))) &&
        !memcmp(prompt_line, p, plen);
    bool same = same_prompt && an == strlen(t) && !memcmp(answer_line, t, an);
    free(p), free(t);
    if (same) {
      used[k] = true;
      return true;
    }
  }
  return false;
}

/* The text of a kept summary without the answers the journal holds as
 * entries (see above), malloc'd. */
static char *summary_once(const db_journal_entry *v, size_t n, const db_journal_entry *sum) {
  size_t len = strlen(sum->text);
  if (!sum->session[0] || !strstr(sum->text, wrote_heading)) return xstrdup(sum->text);
  bool *used = calloc(n ? n : 1, sizeof *used);
  if (!used) abort();
  char *out = NULL;
  size_t outlen = 0;
  FILE *f = open_memstream(&out, &outlen);
  if (!f) abort();
  const char *s = sum->text, *end = s + len;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *next = nl ? nl + 1 : end;
    size_t ln = (size_t)((nl ? nl : end) - s);
    if (ln == sizeof wrote_heading - 1 && !memcmp(s, wrote_heading, ln)) {
      /* the answers under the heading: kept unless they repeat an entry */
      char *kept = NULL;
      size_t kept_len = 0;
      FILE *k = open_memstream(&kept, &kept_len);
      if (!k) abort();
      const char *a = next;
      while (a < end && !strncmp(a, "  ", 2)) {
        const char *anl = memchr(a, '\n', (size_t)(end - a));
        const char *b = anl ? anl + 1 : end;
        const char *bnl = b < end ? memchr(b, '\n', (size_t)(end - b)) : NULL;
        const char *after = bnl ? bnl + 1 : end;
        size_t an = (size_t)((anl ? anl : end) - a), bn = (size_t)((bnl ? bnl : end) - b);
        if (b < end && repeats_entry(v, n, used, sum->session, a, an, b, bn)) {
          a = after;
          continue;
        }
        fwrite(a, 1, (size_t)(b - a), k); /* one line, kept */
        a = b;
      }
      fclose(k);
      if (kept_len) {
        fwrite(s, 1, (size_t)(next - s), f);
        fwrite(kept, 1, kept_len, f);
      }
      free(kept);
      s = a;
      continue;
    }
    fwrite(s, 1, (size_t)(next - s), f);
    s = next;
  }
  fclose(f);
  free(used);
  return out;
}

/* ---- the journal on the screen ------------------------------------------------------ */

/* Appends text to b, each of its lines after `indent` (blank lines stay
 * blank). */
static void add_indented(FILE *b, const char *text, const char *indent) {
  for (const char *line = text; *line;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    if (n) fputs(indent, b);
    fwrite(line, 1, n, b);
    fputc('\n', b);
    if (!nl) break;
    line = nl + 1;
  }
}

/* The journal, oldest first, as the screen shows it: each entry's date and
 * scenario, its question, then the answer, wrapped by words to `width`
 * (0: not wrapped). Malloc'd, *len its length. */
static char *render(const db_journal_entry *v, size_t n, int width, bool color, size_t *len) {
  char *out = NULL;
  FILE *f = open_memstream(&out, len);
  if (!f) abort();
  term_opts o = {width, color, 0}, heading = {width, color, MEND_STYLE_STRONG};
  for (size_t k = 0; k < n; k++) {
    const db_journal_entry *e = &v[k];
    if (k) fputc('\n', f);
    char lead[40];
    snprintf(lead, sizeof lead, "%s  ", e->when);
    term_para_plain(f, &heading, lead, "\033[1m", 2, e->title);
    char *text = is_summary(e) ? summary_once(v, n, e) : xstrdup(e->text);
    char *body = NULL;
    size_t blen = 0;
    FILE *b = open_memstream(&body, &blen);
    if (!b) abort();
    if (e->prompt[0]) add_indented(b, e->prompt, "  ");
    add_indented(b, text, e->prompt[0] ? "    " : "  ");
    fclose(b);
    term_lines(f, &o, body);
    free(body);
    free(text);
  }
  fclose(f);
  return out;
}

/* ---- --export FILE.md ------------------------------------------------------------------ */

static int export_md(const db_journal_entry *v, size_t n, const char *file) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (!f) abort();
  md_entry *md = xcalloc(n ? n : 1, sizeof *md);
  char **texts = xcalloc(n ? n : 1, sizeof *texts);
  for (size_t k = 0; k < n; k++) { /* (from the database: as untrusted as the rest) */
    const db_journal_entry *e = &v[k];
    texts[k] = is_summary(e) ? summary_once(v, n, e) : NULL;
    md[k] = (md_entry){e->when, e->title, e->prompt, texts[k] ? texts[k] : e->text};
  }
  md_journal(f, md, n);
  for (size_t k = 0; k < n; k++)
    free(texts[k]);
  free(texts);
  free(md);
  fclose(f);
  int rc = cmd_write_output("journal", file, out, len);
  free(out);
  if (rc == EXIT_OK && !cmd_is_stdout(file)) {
    fputs("Journal written to ", stdout);
    term_puts(stdout, file);
    fputs(".\n", stdout);
  }
  return rc;
}

/* ---- mend journal ------------------------------------------------------------------ */

static const char usage[] =
    "usage: mend journal [--story ID] [--no-pager] [--export FILE.md] [--clear [--yes]]\n"
    "\n"
    "Shows what you wrote in your sessions, oldest first, so that the newest is\n"
    "at the bottom. On a terminal it opens in your pager ($PAGER, or less) at the\n"
    "end: the up arrow goes back in time, q quits.\n"
    "\n"
    "options:\n"
    "  --story ID      only what you wrote in this scenario\n"
    "  --no-pager      print it all, without the pager\n"
    "  --export FILE   write it as Markdown to FILE ('-': standard output); a new\n"
    "                  file is private (0600); a link is written through\n"
    "  --clear         delete it all, after asking (--yes: without asking)\n";

static int clear_journal(db *d, size_t n, bool yes) {
  bool ok = yes;
  if (!yes) {
    printf("Delete all %zu journal entr%s for good? [y/n]\n", n, n == 1 ? "y" : "ies");
    fflush(stdout);
    char *line = NULL;
    size_t cap = 0;
    bool answer = false;
    ok = getline(&line, &cap, stdin) > 0 && mend_parse_yesno(line, &answer) == MEND_OK && answer;
    free(line);
  }
  size_t deleted;
  if (!ok) {
    puts("The journal was kept.");
  } else if (!db_journal_clear(d, &deleted)) {
    fprintf(stderr, "mend journal: cannot delete the journal: %s\n", db_error(d));
    return EXIT_IO;
  } else {
    puts("The journal was deleted.");
  }
  return EXIT_OK;
}

static int show(const db_journal_entry *v, size_t n, const char *story, bool page) {
  if (!n) {
    puts(story ? "No journal entries for this scenario yet." : "Your journal is empty.");
    return EXIT_OK;
  }
  bool tty = isatty(STDOUT_FILENO);
  const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
  bool color = tty && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
  size_t len;
  char *text = render(v, n, tty ? term_columns(STDOUT_FILENO) : 0, color, &len);
  int rc = pager_show(text, len, page);
  free(text);
  if (rc) {
    fprintf(stderr, "mend journal: cannot write to standard output: %s\n", strerror(rc));
    return EXIT_IO;
  }
  return EXIT_OK;
}

int cmd_journal(int argc, char **argv) {
  const char *story = NULL, *export = NULL;
  bool clear = false, yes = false, page = true;
  enum { O_STORY = CLI_LONG, O_EXPORT, O_CLEAR, O_YES, O_NO_PAGER };
  static const cli_option options[] = {{"story", O_STORY, "a scenario id"},
                                       {"export", O_EXPORT, "a file name (FILE.md, or - )"},
                                       {"clear", O_CLEAR, NULL},
                                       {"yes", O_YES, NULL},
                                       {"no-pager", O_NO_PAGER, NULL},
                                       {0}};
  cli c;
  cli_start(&c, "journal", usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP) return c.status;
    if (k == O_STORY) story = c.arg;
    if (k == O_EXPORT) export = c.arg;
    if (k == O_CLEAR) clear = true;
    if (k == O_YES) yes = true;
    if (k == O_NO_PAGER) page = false;
  }
  if (c.noperands) return usage_error("journal", "unexpected argument '%s'", c.operands[0]);
  char *why = NULL;
  db *d = db_open(false, &why);
  if (!d) {
    char *dir = store_data_dir();
    fputs("mend journal: cannot open the journal", stderr);
    if (dir) {
      fputs(" in ", stderr);
      term_puts(stderr, dir);
    }
    fprintf(stderr, ": %s\n", why);
    free(dir);
    free(why);
    return EXIT_IO;
  }
  db_journal_entry *v;
  size_t n;
  if (!db_journal_list(d, clear ? NULL : story, &v, &n)) {
    fprintf(stderr, "mend journal: cannot read the journal: %s\n", db_error(d));
    db_close(d);
    return EXIT_IO;
  }
  int rc;
  if (clear)
    rc = clear_journal(d, n, yes);
  else if (export)
    rc = export_md(v, n, export);
  else
    rc = show(v, n, story, page);
  db_journal_list_free(v, n);
  db_close(d);
  return rc;
}
