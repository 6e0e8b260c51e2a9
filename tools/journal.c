/* journal.c - see journal.h; also `mend journal`. */
#include "journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "mend/mend.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

#define MAGIC "mend-journal 1\n"
#define MAX_JOURNAL (256u * 1024 * 1024)

char *journal_path(void) {
  char *dir = store_data_dir();
  if (!dir) return NULL;
  size_t n = strlen(dir) + 16;
  char *p = malloc(n);
  if (!p) abort();
  snprintf(p, n, "%s/journal", dir);
  free(dir);
  return p;
}

static void field(xbuf *b, const char *key, const char *v) {
  xbuf_adds(b, key);
  xbuf_add(b, " ", 1);
  for (; *v; v++) {
    if (*v == '\\')
      xbuf_adds(b, "\\\\");
    else if (*v == '\n')
      xbuf_adds(b, "\\n");
    else if (*v == '\r')
      xbuf_adds(b, "\\r");
    else
      xbuf_add(b, v, 1);
  }
  xbuf_add(b, "\n", 1);
}

static char *unescape(const char *s, size_t n) {
  xbuf b = {0};
  xbuf_add(&b, "", 0);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\\' && i + 1 < n) {
      char c = s[++i];
      xbuf_add(&b, c == 'n' ? "\n" : c == 'r' ? "\r" : &s[i], 1);
    } else {
      xbuf_add(&b, &s[i], 1);
    }
  }
  return b.data;
}

void journal_free(journal *j) {
  for (size_t i = 0; i < j->n; i++) {
    free(j->v[i].when);
    free(j->v[i].story);
    free(j->v[i].title);
    free(j->v[i].prompt);
    free(j->v[i].text);
  }
  free(j->v);
  memset(j, 0, sizeof *j);
}

static int parse(journal *j, const char *data, size_t len) {
  size_t m = strlen(MAGIC);
  if (len < m || memcmp(data, MAGIC, m)) return EILSEQ;
  const char *p = data + m, *end = data + len;
  journal_entry *e = NULL;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return EILSEQ;
    size_t n = (size_t)(nl - p);
    if (n == 5 && !memcmp(p, "entry", 5)) {
      if (j->n == j->cap) {
        j->cap = j->cap ? j->cap * 2 : 16;
        j->v = realloc(j->v, j->cap * sizeof *j->v);
        if (!j->v) abort();
      }
      e = &j->v[j->n++];
      memset(e, 0, sizeof *e);
    } else if (n == 3 && !memcmp(p, "end", 3)) {
      if (!e || !e->when || !e->story || !e->text) return EILSEQ;
      if (!e->title) e->title = xstrndup(e->story, strlen(e->story));
      if (!e->prompt) e->prompt = xstrndup("", 0);
      e = NULL;
    } else if (e) {
      const char *sp = memchr(p, ' ', n);
      if (!sp) return EILSEQ;
      size_t k = (size_t)(sp - p);
      char **slot = k == 4 && !memcmp(p, "when", 4)     ? &e->when
                    : k == 5 && !memcmp(p, "story", 5)  ? &e->story
                    : k == 5 && !memcmp(p, "title", 5)  ? &e->title
                    : k == 6 && !memcmp(p, "prompt", 6) ? &e->prompt
                    : k == 4 && !memcmp(p, "text", 4)   ? &e->text
                                                        : NULL;
      if (slot) {
        free(*slot);
        *slot = unescape(sp + 1, n - k - 1);
      }
    } else {
      return EILSEQ;
    }
    p = nl + 1;
  }
  return e ? EILSEQ : 0;
}

int journal_load(journal *j) {
  memset(j, 0, sizeof *j);
  char *path = journal_path();
  if (!path) return ENOENT;
  char *data;
  size_t len;
  int rc = store_read(path, MAX_JOURNAL, &data, &len);
  free(path);
  if (rc == ENOENT) return 0;
  if (rc) return rc;
  rc = parse(j, data, len);
  free(data);
  if (rc) journal_free(j);
  return rc;
}

static void serialise(const journal *j, xbuf *b) {
  xbuf_adds(b, MAGIC);
  for (size_t i = 0; i < j->n; i++) {
    xbuf_adds(b, "entry\n");
    field(b, "when", j->v[i].when);
    field(b, "story", j->v[i].story);
    field(b, "title", j->v[i].title);
    field(b, "prompt", j->v[i].prompt);
    field(b, "text", j->v[i].text);
    xbuf_adds(b, "end\n");
  }
}

static int save(const journal *j) {
  char *path = journal_path();
  if (!path) return ENOENT;
  xbuf b = {0};
  serialise(j, &b);
  int rc = store_write_atomic(path, b.data, b.len);
  free(b.data);
  free(path);
  return rc;
}

int journal_add(const char *story, const char *title, const char *prompt, const char *text) {
  journal j;
  int rc = journal_load(&j);
  if (rc) return rc; /* a damaged journal is never overwritten */
  char when[32];
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
  if (j.n == j.cap) {
    j.cap = j.cap ? j.cap * 2 : 16;
    j.v = realloc(j.v, j.cap * sizeof *j.v);
    if (!j.v) abort();
  }
  journal_entry *e = &j.v[j.n++];
  e->when = xstrndup(when, strlen(when));
  e->story = xstrndup(story, strlen(story));
  e->title = xstrndup(title, strlen(title));
  e->prompt = xstrndup(prompt, strlen(prompt));
  e->text = xstrndup(text, strlen(text));
  rc = save(&j);
  journal_free(&j);
  return rc;
}

/* ---- mend journal ---------------------------------------------------------- */

/* Prints a text that may hold several lines (a kept summary), each indented. */
static void print_lines(FILE *f, const char *text, const char *indent) {
  for (const char *line = text;;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    if (n || nl) {
      fputs(indent, f);
      term_put(f, line, n);
      fputc('\n', f);
    }
    if (!nl || !nl[1]) break;
    line = nl + 1;
  }
}

static void md_text(FILE *f, const char *s) { /* one paragraph, control characters dropped */
  term_puts(f, s);
}

static int export_md(const journal *j, const char *story, const char *file) {
  xbuf b = {0};
  xbuf_adds(&b, "# My mend journal\n");
  for (size_t k = j->n; k-- > 0;) {
    const journal_entry *e = &j->v[k];
    if (story && strcmp(story, e->story)) continue;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) abort();
    fprintf(m, "\n## %s — ", e->when);
    md_text(m, e->title);
    fputs("\n\n", m);
    if (e->prompt[0]) {
      fputs("*", m);
      md_text(m, e->prompt);
      fputs("*\n\n", m);
    }
    print_lines(m, e->text, ""); /* a kept summary keeps its lines */
    fclose(m);
    xbuf_adds(&b, buf);
    free(buf);
  }
  int rc = store_write_atomic(file, b.data, b.len);
  free(b.data);
  if (rc) {
    fprintf(stderr, "mend journal: cannot write %s: %s\n", file, strerror(rc));
    return EXIT_IO;
  }
  printf("Journal written to %s\n", file);
  return EXIT_OK;
}

int cmd_journal(int argc, char **argv) {
  const char *story = NULL, *export = NULL;
  bool clear = false, yes = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      puts("usage: mend journal [--story ID] [--export FILE.md] [--clear [--yes]]\n\n"
           "Shows what you wrote in your sessions, newest first. --export writes it as\n"
           "Markdown; --clear deletes it after asking (--yes: without asking).");
      return EXIT_OK;
    }
    if (!strcmp(a, "--story") && i + 1 < argc)
      story = argv[++i];
    else if (!strcmp(a, "--export") && i + 1 < argc)
      export = argv[++i];
    else if (!strcmp(a, "--clear"))
      clear = true;
    else if (!strcmp(a, "--yes"))
      yes = true;
    else
      return usage_error("journal", "unexpected argument '%s'", a);
  }
  journal j;
  int rc = journal_load(&j);
  if (rc) {
    char *path = journal_path();
    fprintf(stderr, "mend journal: cannot read %s: %s\n", path ? path : "the journal",
            rc == EILSEQ ? "the file is damaged (it was left as it is)" : strerror(rc));
    free(path);
    return EXIT_IO;
  }
  if (clear) {
    char *path = journal_path();
    if (!yes) {
      printf("Delete all %zu journal entr%s for good? [y/n]\n", j.n, j.n == 1 ? "y" : "ies");
      fflush(stdout);
      char *line = NULL;
      size_t cap = 0;
      bool ok = getline(&line, &cap, stdin) > 0;
      bool answer = false;
      ok = ok && mend_parse_yesno(line, &answer) == MEND_OK && answer;
      free(line);
      if (!ok) {
        puts("The journal was kept.");
        free(path);
        journal_free(&j);
        return EXIT_OK;
      }
    }
    rc = path && unlink(path) != 0 && errno != ENOENT ? errno : 0;
    if (path) store_clean_stale(path); /* and any copy an interrupted write left */
    free(path);
    journal_free(&j);
    if (rc) {
      fprintf(stderr, "mend journal: cannot delete the journal: %s\n", strerror(rc));
      return EXIT_IO;
    }
    puts("The journal was deleted.");
    return EXIT_OK;
  }
  if (export) {
    rc = export_md(&j, story, export);
    journal_free(&j);
    return rc;
  }
  size_t shown = 0;
  for (size_t k = j.n; k-- > 0;) {
    const journal_entry *e = &j.v[k];
    if (story && strcmp(story, e->story)) continue;
    if (shown++) fputc('\n', stdout);
    printf("%s  ", e->when);
    term_puts(stdout, e->title);
    fputc('\n', stdout);
    if (e->prompt[0]) {
      fputs("  ", stdout);
      term_puts(stdout, e->prompt);
      fputc('\n', stdout);
    }
    print_lines(stdout, e->text, "  ");
  }
  if (!shown) puts(story ? "No journal entries for this scenario yet." : "Your journal is empty.");
  journal_free(&j);
  return EXIT_OK;
}
