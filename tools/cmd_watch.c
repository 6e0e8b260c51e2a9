/* SPDX-License-Identifier: MIT */
/*
 * cmd_watch.c - `mend watch [OPTIONS] FILE`: on every save of the story, of
 * a file it includes or of one of its test plans (inotify on their folders),
 * re-lint it, re-run its plans and a short random test, and redraw one
 * screen of results: the loop Inky gives ink writers, in the terminal.
 *
 * One report is built in memory, then shown: on a terminal the screen is
 * cleared and the report cut to its height (the rest is counted); elsewhere
 * reports follow one another, each whole, for scripts and logs.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "invoked.h"
#include "diagout.h"
#include "mend/analyse.h"
#include "mend/mend.h"
#include "mend/test.h"
#include "plan.h"
#include "support.h"
#include "term.h"
#include "tester.h"

static const char watch_usage[] =
    "usage: mend watch [OPTIONS] FILE\n"
    "\n"
    "Checks a story each time it is saved: lint (errors and warnings), the story's\n"
    "test plans, and a short random test, on one screen, redrawn on every save of\n"
    "the story, of a file it includes or of a plan. Type q and Enter, or Ctrl-C, to\n"
    "stop.\n"
    "\n"
    "options:\n"
    "  --runs N    random playthroughs per save (default 200; 0 for none)\n"
    "  --seed N    the first run's seed (default 1)\n"
    "  --once      one report, then exit: 0 when the story is clean (no error,\n"
    "              no failing plan, no run-time failure), 1 otherwise\n"
    "\n"
    "Exit status: 0 stopped (or --once and clean), 1 (--once) problems found,\n"
    "2 usage or the files cannot be watched.\n";

#define MAX_STEPS 2000 /* per random run: more is a loop */
#define MAX_SHOWN 4    /* failures and plan divergences listed one by one */
#define SETTLE_MS 150  /* an editor's save is several events: wait for them to stop */

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

typedef struct watch_opts {
  uint64_t runs, seed;
  bool once;
} watch_opts;

/* ---- one report -------------------------------------------------------------------- */

static double percent(size_t a, size_t b) {
  return b ? 100.0 * (double)a / (double)b : 100.0;
}

static void report_plans(FILE *f, const mend_story *st, const char *file, mend_coverage *cov,
                         bool *bad) {
  char **paths = NULL;
  size_t n = plan_find(file, &paths);
  if (!n) {
    fprintf(f, "plans: none (write FILE.NAME.plan next to the story: %s help test)\n",
            invoked_name());
    free(paths);
    return;
  }
  size_t passed = 0, shown = 0;
  plan *plans = calloc(n, sizeof *plans);
  p_result *res = calloc(n, sizeof *res);
  if (!plans || !res) abort();
  for (size_t i = 0; i < n; i++) {
    plan_load(paths[i], &plans[i]);
    if (!plans[i].nerrors) plan_run(st, &plans[i], cov, &res[i]);
    if (!plans[i].nerrors && res[i].passed) passed++;
  }
  fprintf(f, "plans: %zu of %zu passed\n", passed, n);
  for (size_t i = 0; i < n; i++) {
    if (!plans[i].nerrors && res[i].passed) continue;
    *bad = true;
    if (shown++ >= MAX_SHOWN) continue;
    fputs("  ", f);
    if (plans[i].nerrors) {
      term_puts(f, plans[i].errors[0]);
    } else if (res[i].nd) {
      term_puts(f, plans[i].path);
      fprintf(f, ":%d: ", res[i].d[0].plan_line);
      term_puts(f, res[i].d[0].message);
      if (res[i].nd > 1) fprintf(f, " (and %zu more)", res[i].nd - 1);
    } else {
      term_puts(f, plans[i].path);
      fputs(": failed", f);
    }
    fputc('\n', f);
  }
  if (shown > MAX_SHOWN) fprintf(f, "  ... and %zu more (mend test FILE)\n", shown - MAX_SHOWN);
  for (size_t i = 0; i < n; i++) {
    p_result_free(&res[i]);
    plan_free(&plans[i]);
    free(paths[i]);
  }
  free(res);
  free(plans);
  free(paths);
}

static void report_random(FILE *f, const mend_story *st, mend_coverage *cov, const watch_opts *o,
                          bool *bad) {
  if (!o->runs) return;
  t_opts to = {.seed = o->seed, .runs = o->runs, .max_steps = MAX_STEPS};
  t_result r = {0};
  t_random(st, cov, &to, &r);
  fprintf(f, "random test: %llu run%s, %llu reached an ending", (unsigned long long)r.runs,
          r.runs == 1 ? "" : "s", (unsigned long long)r.ended);
  if (!r.nfailures) {
    fputs("; failures: none\n", f);
  } else {
    *bad = true;
    fprintf(f, "; failures: %zu\n", r.nfailures);
    for (size_t i = 0; i < r.nfailures && i < MAX_SHOWN; i++) {
      fputs("  ", f);
      term_puts(f, r.failures[i].message);
      fprintf(f, " [%s, seed %llu]\n", t_fkind_name(r.failures[i].kind),
              (unsigned long long)r.failures[i].run_seed);
    }
    if (r.nfailures > MAX_SHOWN)
      fprintf(f, "  ... and %zu more (mend test FILE)\n", r.nfailures - MAX_SHOWN);
  }
  t_result_free(&r);
}

/* Writes the report on `file` into f; returns whether it found a problem.
 * The story's files go to *files (for the watches), when it loads. */
static bool report(FILE *f, const char *file, const watch_opts *o, unsigned n, char ***files,
                   size_t *nfiles) {
  char when[32] = "";
  time_t now = time(NULL);
  struct tm tm;
  if (localtime_r(&now, &tm)) strftime(when, sizeof when, "%H:%M:%S", &tm);
  fputs("mend watch: ", f);
  term_puts(f, file);
  fprintf(f, " (check %u, %s)\n\n", n, when);

  bool bad = false;
  mend_diags *d = mend_diags_new();
  mend_story *st = support_load_played(file, 0, d);
  if (st) mend_story_lint(st, d);
  mend_diags_sort(d);
  diagout_opts dopt = {false, false, 0};
  if (mend_diags_count(d)) {
    diagout_print(f, d, &dopt, NULL, NULL);
    size_t e = mend_diags_errors(d), w = mend_diags_count(d) - e;
    fprintf(f, "lint: %zu error%s, %zu warning%s\n", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
  } else {
    fputs("lint: no errors, no warnings\n", f);
  }
  if (mend_diags_errors(d)) bad = true;
  mend_diags_free(d);
  if (!st) {
    fputs("\n(the plans and the random test run once the story loads)\n", f);
    return true;
  }
  mend_coverage *cov = mend_coverage_new(st);
  report_plans(f, st, file, cov, &bad);
  report_random(f, st, cov, o, &bad);
  size_t items = mend_coverage_count(cov), hit = 0;
  for (size_t i = 0; i < items; i++)
    if (mend_coverage_item(cov, i)->hits) hit++;
  fprintf(f, "coverage: %zu of %zu items (%.0f%%)\n", hit, items, percent(hit, items));
  mend_coverage_free(cov);
  for (size_t i = 0; i < *nfiles; i++)
    free((*files)[i]);
  *nfiles = mend_story_file_count(st);
  *files = realloc(*files, sizeof(char *) * (*nfiles + 1));
  if (!*files) abort();
  for (size_t i = 0; i < *nfiles; i++) {
    (*files)[i] = strdup(mend_story_file_at(st, i));
    if (!(*files)[i]) abort();
  }
  mend_story_free(st);
  return bad;
}

/* Shows a report: on a terminal, the screen cleared and the report cut to
 * its height; elsewhere whole. */
static void show(const char *text, size_t len, bool tty) {
  if (!tty) {
    fwrite(text, 1, len, stdout);
    fputs("\n", stdout);
    fflush(stdout);
    return;
  }
  struct winsize ws;
  int rows = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 4 ? ws.ws_row : 24;
  int cols = term_columns(STDOUT_FILENO);
  fputs("\033[H\033[2J", stdout);
  /* lines as the screen shows them: a long one takes several rows */
  int used = 0;
  size_t at = 0, hidden = 0;
  while (at < len) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t l = nl ? (size_t)(nl - text) - at : len - at;
    int need = 1 + (int)(l / (size_t)(cols > 0 ? cols : 80));
    if (used + need > rows - 2) {
      for (size_t k = at; k < len; k++)
        hidden += text[k] == '\n';
      break;
    }
    fwrite(text + at, 1, l, stdout);
    fputc('\n', stdout);
    used += need;
    at += l + (nl != NULL);
  }
  if (hidden)
    printf("... %zu more line%s (%s lint FILE; %s test FILE)\n", hidden, hidden == 1 ? "" : "s",
           invoked_name(), invoked_name());
  fputs("\nwatching for saves: q and Enter, or Ctrl-C, to stop", stdout);
  fflush(stdout);
}

/* ---- watching -------------------------------------------------------------------- */

/* Watches the folder of `path` (and its plans/ folder). */
static void watch_dir_of(int fd, const char *path) {
  char real[PATH_MAX];
  if (!realpath(path, real)) snprintf(real, sizeof real, "%s", path);
  char *slash = strrchr(real, '/');
  if (slash == real)
    real[1] = 0;
  else if (slash)
    *slash = 0;
  else
    snprintf(real, sizeof real, ".");
  const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM;
  inotify_add_watch(fd, real, mask); /* (the same folder twice is one watch) */
  size_t l = strlen(real);
  if (l + 7 < sizeof real) {
    memcpy(real + l, "/plans", 7);
    inotify_add_watch(fd, real, mask); /* fails quietly when there is none */
  }
}

/* Whether an event is about a file that matters: a story, a part, a plan. */
static bool matters(const struct inotify_event *e) {
  if (!e->len) return false;
  size_t n = strlen(e->name);
  if (e->name[0] == '.') return false; /* an editor's temporary file */
  return (n > 4 && !strcmp(e->name + n - 4, ".xml")) ||
         (n > 5 && !strcmp(e->name + n - 5, ".plan"));
}

/* Reads what is pending on the inotify descriptor; whether any of it matters. */
static bool drain(int fd) {
  bool any = false;
  char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *e = (const struct inotify_event *)p;
      if (matters(e)) any = true;
      p += sizeof *e + e->len;
    }
  }
  return any;
}

int cmd_watch(int argc, char **argv) {
  watch_opts o = {200, 1, false};
  enum { O_RUNS = CLI_LONG, O_SEED, O_ONCE };
  static const cli_option options[] = {{"runs", O_RUNS, "a number of random runs per save"},
                                       {"seed", O_SEED, "a number"},
                                       {"once", O_ONCE, NULL},
                                       {0}};
  cli c;
  cli_start(&c, "watch", watch_usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP) return c.status;
    if (k == O_RUNS && !cli_number(&c, 0, 100000, &o.runs)) return c.status;
    if (k == O_SEED && !cli_number(&c, 0, UINT64_MAX, &o.seed)) return c.status;
    if (k == O_ONCE) o.once = true;
  }
  if (c.noperands > 1)
    return usage_error("watch", "one story file at a time ('%s' and '%s')", c.operands[0],
                       c.operands[1]);
  if (!c.noperands) return usage_error("watch", "no story file given");
  const char *file = c.operands[0];
  if (!strcmp(file, "-"))
    return usage_error("watch", "standard input cannot be watched: name a story file");

  char **files = NULL;
  size_t nfiles = 0;
  bool tty = isatty(STDOUT_FILENO);
  if (o.once) {
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) abort();
    bool bad = report(m, file, &o, 1, &files, &nfiles);
    fclose(m);
    show(text, len, false);
    free(text);
    for (size_t i = 0; i < nfiles; i++)
      free(files[i]);
    free(files);
    return bad ? EXIT_STORY : EXIT_OK;
  }

  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "mend watch: cannot watch files: %s\n", strerror(errno));
    return EXIT_USAGE;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  watch_dir_of(fd, file);
  bool stdin_open = true;
  for (unsigned n = 1; !stop_requested; n++) {
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) abort();
    report(m, file, &o, n, &files, &nfiles);
    fclose(m);
    show(text, len, tty);
    free(text);
    for (size_t i = 0; i < nfiles; i++) /* the parts it includes, wherever they are */
      watch_dir_of(fd, files[i]);
    /* wait for a save that matters (or q, or a signal) */
    bool changed = false;
    while (!changed && !stop_requested) {
      struct pollfd p[2] = {{fd, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
      int r = poll(p, stdin_open ? 2 : 1, -1);
      if (r < 0 && errno != EINTR) break;
      if (r <= 0) continue;
      if (stdin_open && (p[1].revents & (POLLIN | POLLHUP))) {
        char line[64];
        if (!fgets(line, sizeof line, stdin))
          stdin_open = false; /* no more input: go on until a signal */
        else if (line[0] == 'q')
          stop_requested = 1;
      }
      if (p[0].revents & POLLIN) {
        changed = drain(fd);
        while (changed) { /* let the save finish */
          struct pollfd q = {fd, POLLIN, 0};
          if (poll(&q, 1, SETTLE_MS) <= 0) break;
          drain(fd);
        }
      }
    }
  }
  if (tty) fputs("\n", stdout);
  close(fd);
  for (size_t i = 0; i < nfiles; i++)
    free(files[i]);
  free(files);
  return EXIT_OK;
}
