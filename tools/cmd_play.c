/*
 * cmd_play.c - `mend play`: plays a scenario.
 *
 * Plain mode (standard input not a terminal, or --plain): plain text, no
 * escape sequences, choices numbered "1)", one answer per line, automatic
 * moves taken without waiting; input that ends early exits with status 3.
 * On a terminal, answers are read with readline and automatic moves wait for
 * Enter. Commands start with ':' and work the same in both modes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cmd.h"
#include "library.h"
#include "mend/mend.h"
#include "term.h"

#define MAX_AUTO_IN_A_ROW 10000

typedef struct player {
  mend_story *st;
  mend_session *s;
  bool tty;   /* interactive: readline, wait for Enter */
  bool echo;  /* plain mode reading from a pipe: echo answers */
  uint64_t seed;
  size_t example; /* next example to show */
} player;

enum { GO_ON = -1 };

static const char help_text[] =
    "Commands:\n"
    "  :back      go back to the previous decision (again and again, to the start)\n"
    "  :status    show the measures now\n"
    "  :journal   show what you wrote in this session\n"
    "  :example   show an example answer (when the question has one)\n"
    "  :restart   start the scenario over (asks first)\n"
    "  :quit      stop here\n"
    "  :help, ?   this list\n"
    "If you are thinking about harming yourself, contact local emergency services or a crisis "
    "line now.\n";

/* Reads one line (without its newline); NULL at end of input. */
static char *input(player *p, const char *prompt) {
  if (p->tty) {
    char *line = readline(prompt);
    if (line && *line) add_history(line);
    return line;
  }
  fflush(stdout);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, stdin);
  if (n < 0) {
    free(line);
    return NULL;
  }
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
  if (p->echo) {
    fputs("> ", stdout);
    term_puts(stdout, line);
    fputc('\n', stdout);
  }
  return line;
}

static void trim(char *s) {
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
  size_t k = 0;
  while (isspace((unsigned char)s[k])) k++;
  memmove(s, s + k, n - k + 1);
}

static void paragraph(player *p, const mend_text *t) {
  term_put_text(stdout, t, p->tty);
  fputc('\n', stdout);
}

static void print_items(player *p) {
  for (size_t i = 0; i < mend_session_item_count(p->s); i++) {
    const mend_item *it = mend_session_item(p->s, i);
    fputc('\n', stdout);
    if (it->kind == MEND_ITEM_FEEDBACK) {
      printf("[%s] ", mend_tone_name(it->tone));
      paragraph(p, &it->text);
    } else if (it->kind == MEND_ITEM_RULE) {
      printf("[%s] ", it->met ? "met" : "not met");
      term_puts(stdout, it->rule_label);
      if (it->text.length) {
        fputs(": ", stdout);
        term_put_text(stdout, &it->text, p->tty);
      }
      fputc('\n', stdout);
    } else {
      paragraph(p, &it->text);
    }
  }
}

static void print_question(player *p) {
  const mend_question *q = mend_session_question(p->s);
  fputc('\n', stdout);
  term_put_text(stdout, &q->prompt, p->tty);
  if (q->kind == MEND_ASK_SCALE) printf(" [%lld-%lld]", (long long)q->min, (long long)q->max);
  else if (q->kind == MEND_ASK_YESNO) fputs(" [y/n]", stdout);
  fputc('\n', stdout);
  if (q->kind == MEND_ASK_TEXT && q->nexamples)
    puts("(Type your answer on one line; :example shows an example.)");
}

static void print_choices(player *p) {
  fputc('\n', stdout);
  for (size_t i = 0; i < mend_session_choice_count(p->s); i++) {
    printf("  %zu) ", i + 1);
    term_put_text(stdout, &mend_session_choice(p->s, i)->label, p->tty);
    fputc('\n', stdout);
  }
}

static void print_measures(player *p, bool arrows) {
  const mend_summary *sum = mend_session_summary(p->s);
  for (size_t i = 0; i < sum->nmeasures; i++) {
    const mend_measure *m = &sum->measures[i];
    fputs("  ", stdout);
    term_puts(stdout, m->label);
    if (arrows) printf(": %lld -> %lld\n", (long long)m->start, (long long)m->final);
    else printf(": %lld\n", (long long)m->final);
  }
  if (!sum->nmeasures) puts("  (this scenario has no measures)");
}

static void print_journal(player *p) {
  const mend_summary *sum = mend_session_summary(p->s);
  bool any = false;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_TEXT || a->skipped) continue;
    any = true;
    fputs("  ", stdout);
    term_puts(stdout, a->prompt);
    fputs("\n    ", stdout);
    term_puts(stdout, a->text);
    fputc('\n', stdout);
  }
  if (!any) puts("  (nothing written yet in this session)");
}

static void print_summary(player *p) {
  const mend_summary *sum = mend_session_summary(p->s);
  fputs("\n*** The end: ", stdout);
  term_puts(stdout, sum->ending_title);
  printf(" [%s] ***\n\nSummary\n", mend_tone_name(sum->ending_tone));
  if (sum->nmeasures) {
    puts("Your measures, from start to end:");
    print_measures(p, true);
  }
  bool scale = false;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_SCALE) continue;
    if (!scale) puts("Your check-ins:");
    scale = true;
    fputs("  ", stdout);
    term_puts(stdout, a->prompt);
    printf(" %lld\n", (long long)a->value);
  }
  size_t total = 0;
  for (int t = 0; t < MEND_TONE_COUNT; t++) total += sum->feedback[t];
  if (total) {
    fputs("Feedback you met:", stdout);
    const char *sep = " ";
    static const mend_tone order[] = {MEND_TONE_POSITIVE, MEND_TONE_NEUTRAL, MEND_TONE_CAUTION,
                                      MEND_TONE_NEGATIVE};
    for (int k = 0; k < MEND_TONE_COUNT; k++) {
      if (!sum->feedback[order[k]]) continue;
      printf("%s%zu %s", sep, sum->feedback[order[k]], mend_tone_name(order[k]));
      sep = ", ";
    }
    fputc('\n', stdout);
  }
  bool wrote = false;
  for (size_t i = 0; i < sum->nanswers; i++)
    if (sum->answers[i].kind == MEND_ASK_TEXT && !sum->answers[i].skipped) wrote = true;
  if (wrote) {
    puts("What you wrote:");
    print_journal(p);
  }
  printf("Decisions made: %zu\n", sum->decisions);
}

static void print_view(player *p) {
  print_items(p);
  if (mend_session_pending(p->s) == MEND_PENDING_ASK) print_question(p);
  else if (mend_session_pending(p->s) == MEND_PENDING_CHOICE) print_choices(p);
}

static bool confirm(player *p, const char *question, bool *eof) {
  for (;;) {
    printf("%s [y/n]\n", question);
    char *line = input(p, p->tty ? "? " : "");
    if (!line) {
      *eof = true;
      return false;
    }
    bool yes;
    mend_status st = mend_parse_yesno(line, &yes);
    free(line);
    if (st == MEND_OK) return yes;
    puts("Please answer y or n.");
  }
}

static int ended_early(player *p) {
  if (p->tty) {
    puts("\nSession ended.");
    return EXIT_OK;
  }
  fprintf(stderr, "mend: input ended before the story did (waiting at '%s')\n",
          mend_session_node(p->s));
  return EXIT_INPUT;
}

/* Handles a ':' command. Returns GO_ON to keep reading, or an exit status;
 * *changed is set when the view must be shown again. */
static int command(player *p, const char *line, bool *changed) {
  char cmd[32];
  size_t n = 0;
  while (line[n] && !isspace((unsigned char)line[n]) && n < sizeof cmd - 1) {
    cmd[n] = line[n];
    n++;
  }
  cmd[n] = 0;
  if (!strcmp(cmd, "?") || !strcmp(cmd, ":help") || !strcmp(cmd, ":h")) {
    fputs(help_text, stdout);
  } else if (!strcmp(cmd, ":back") || !strcmp(cmd, ":b")) {
    if (mend_session_undo(p->s) == MEND_OK) {
      puts("(Back to the previous decision.)");
      *changed = true;
    } else {
      puts("Nothing to go back to: this is the first decision.");
    }
  } else if (!strcmp(cmd, ":status")) {
    puts("Your measures now:");
    print_measures(p, false);
  } else if (!strcmp(cmd, ":journal")) {
    puts("What you wrote in this session:");
    print_journal(p);
  } else if (!strcmp(cmd, ":example")) {
    const mend_question *q = mend_session_question(p->s);
    if (!q || !q->nexamples) {
      puts("There is no example for this question.");
    } else {
      fputs("Example: ", stdout);
      term_puts(stdout, q->examples[p->example++ % q->nexamples]);
      fputc('\n', stdout);
    }
  } else if (!strcmp(cmd, ":restart")) {
    bool eof = false;
    if (confirm(p, "Start this scenario over from the beginning?", &eof)) {
      mend_session_reset(p->s, p->seed);
      puts("(Starting over.)");
      *changed = true;
    } else if (eof) {
      return ended_early(p);
    }
  } else if (!strcmp(cmd, ":quit") || !strcmp(cmd, ":q")) {
    puts("Stopping here. Take care of yourself.");
    return EXIT_OK;
  } else {
    printf("Unknown command '%s'. Type :help for the list.\n", cmd);
  }
  return GO_ON;
}

static void hint(const mend_question *q, mend_status st) {
  switch (st) {
  case MEND_E_NOT_NUMBER:
    printf("Please type a whole number from %lld to %lld.\n", (long long)q->min,
           (long long)q->max);
    break;
  case MEND_E_RANGE:
    printf("That is outside the scale: please type a number from %lld to %lld.\n",
           (long long)q->min, (long long)q->max);
    break;
  case MEND_E_NOT_YESNO: puts("Please answer yes or no (y/n)."); break;
  case MEND_E_TOO_LONG:
    printf("That answer is too long (the limit is %d bytes); please shorten it.\n",
           MEND_MAX_ANSWER);
    break;
  case MEND_E_BAD_UTF8:
    puts("That answer contains characters that cannot be kept (control characters or invalid "
         "text); please type it again.");
    break;
  default: puts("That answer cannot be used here."); break;
  }
}

/* Finds the choice an answer names: a number, or the unique start of a label. */
static long pick_choice(player *p, const char *a, bool *ambiguous) {
  size_t n = mend_session_choice_count(p->s);
  *ambiguous = false;
  uint64_t num;
  if (parse_u64(a, &num)) return num >= 1 && num <= n ? (long)num - 1 : -1;
  size_t len = strlen(a);
  if (!len) return -1;
  long found = -1;
  for (size_t i = 0; i < n; i++) {
    const mend_text *t = &mend_session_choice(p->s, i)->label;
    if (t->length >= len && !strncasecmp(t->text, a, len)) {
      if (found >= 0) *ambiguous = true;
      found = (long)i;
    }
  }
  return *ambiguous ? -1 : found;
}

/* Waits for the pending decision and makes it. Returns GO_ON or a status. */
static int decide(player *p) {
  mend_pending pend = mend_session_pending(p->s);
  for (;;) {
    char *line = input(p, p->tty ? "> " : "");
    if (!line) return ended_early(p);
    trim(line);
    if (line[0] == ':' || !strcmp(line, "?")) {
      bool changed = false;
      int rc = command(p, line, &changed);
      free(line);
      if (rc != GO_ON || changed) return rc;
      continue;
    }
    if (pend == MEND_PENDING_CHOICE) {
      bool amb;
      long i = pick_choice(p, line, &amb);
      if (i >= 0) {
        free(line);
        mend_session_choose(p->s, (size_t)i);
        return GO_ON;
      }
      if (amb) puts("That matches more than one choice; type its number or more of its words.");
      else
        printf("Please type a number from 1 to %zu, or the start of a choice.\n",
               mend_session_choice_count(p->s));
      free(line);
      continue;
    }
    const mend_question *q = mend_session_question(p->s);
    if (q->kind == MEND_ASK_TEXT && !line[0]) {
      free(line);
      bool eof = false;
      if (confirm(p, "Skip this question?", &eof)) {
        mend_session_answer(p->s, "");
        return GO_ON;
      }
      if (eof) return ended_early(p);
      print_question(p);
      continue;
    }
    mend_status st = mend_session_answer(p->s, line);
    free(line);
    if (st == MEND_OK) return GO_ON;
    hint(q, st);
  }
}

static int play(player *p) {
  fputc('\n', stdout);
  term_puts(stdout, mend_story_title(p->st));
  fputc('\n', stdout);
  for (size_t i = strlen(mend_story_title(p->st)); i > 0; i--) fputc('=', stdout);
  fputc('\n', stdout);
  size_t autos = 0;
  print_view(p);
  for (;;) {
    int rc;
    switch (mend_session_pending(p->s)) {
    case MEND_PENDING_ASK:
    case MEND_PENDING_CHOICE:
      autos = 0;
      rc = decide(p);
      if (rc != GO_ON) return rc;
      print_view(p);
      break;
    case MEND_PENDING_AUTO:
      if (p->tty) {
        char *line = readline("(press Enter) ");
        if (!line) return ended_early(p);
        trim(line);
        if (line[0] == ':' || !strcmp(line, "?")) {
          bool changed = false;
          rc = command(p, line, &changed);
          free(line);
          if (rc != GO_ON) return rc;
          if (changed) print_view(p);
          continue;
        }
        free(line);
      } else if (++autos > MAX_AUTO_IN_A_ROW) {
        fprintf(stderr,
                "mend: the story moved on by itself %d times in a row at '%s' without asking "
                "anything: it seems to loop\n",
                MAX_AUTO_IN_A_ROW, mend_session_node(p->s));
        return EXIT_RUNTIME;
      }
      mend_session_continue(p->s);
      print_view(p);
      break;
    case MEND_PENDING_END: print_summary(p); return EXIT_OK;
    case MEND_PENDING_ERROR:
      fflush(stdout);
      fputs("mend: ", stderr);
      term_puts(stderr, mend_session_error(p->s));
      fputc('\n', stderr);
      return EXIT_RUNTIME;
    }
  }
}

static uint64_t fresh_seed(void) {
  uint64_t seed;
  if (getrandom(&seed, sizeof seed, 0) == (ssize_t)sizeof seed) return seed;
  return (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
}

static bool is_path(const char *a) {
  size_t n = strlen(a);
  return strchr(a, '/') || (n > 4 && !strcmp(a + n - 4, ".xml"));
}

/* The library menu: returns a malloc'd path, or NULL. */
static char *choose_from_library(player *p, int *rc) {
  library lib = {0};
  library_scan(&lib, 1);
  if (!lib.n) {
    fputs("mend: no scenarios found (set MEND_PATH to a folder of stories)\n", stderr);
    library_free(&lib);
    *rc = EXIT_STORY;
    return NULL;
  }
  puts("mend - scenarios for after a breakup\n");
  for (size_t i = 0; i < lib.n; i++) {
    printf("  %zu) ", i + 1);
    term_puts(stdout, lib.v[i].title);
    if (lib.v[i].minutes) printf(" (%d min)", lib.v[i].minutes);
    fputc('\n', stdout);
    if (lib.v[i].about[0]) {
      fputs("     ", stdout);
      term_puts(stdout, lib.v[i].about);
      fputc('\n', stdout);
    }
  }
  char *path = NULL;
  while (!path) {
    printf("\nPick a scenario by number (or :quit).\n");
    char *line = input(p, p->tty ? "> " : "");
    if (!line) {
      *rc = p->tty ? EXIT_OK : EXIT_INPUT;
      break;
    }
    trim(line);
    uint64_t k;
    if (!strcmp(line, ":quit") || !strcmp(line, ":q")) {
      free(line);
      *rc = EXIT_OK;
      break;
    }
    if (parse_u64(line, &k) && k >= 1 && k <= lib.n) path = strdup(lib.v[k - 1].path);
    else printf("Please type a number from 1 to %zu.\n", lib.n);
    free(line);
  }
  library_free(&lib);
  return path;
}

int cmd_play(int argc, char **argv) {
  player p = {0};
  bool have_seed = false, plain = false;
  const char *target = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      puts("usage: mend play [--seed N] [--no-save] [--plain] FILE|ID\n\n"
           "Plays a scenario. Choices are answered by number or by the start of their\n"
           "label; commands start with ':' (:help lists them). When standard input is\n"
           "not a terminal (or with --plain), plain text is printed and one answer is\n"
           "read per line; input that ends before the story does exits with status 3.");
      return EXIT_OK;
    }
    if (!strcmp(a, "--seed")) {
      if (i + 1 >= argc || !parse_u64(argv[i + 1], &p.seed))
        return usage_error("play", "--seed needs a whole number from 0 to 18446744073709551615");
      have_seed = true;
      i++;
    } else if (!strncmp(a, "--seed=", 7)) {
      if (!parse_u64(a + 7, &p.seed))
        return usage_error("play", "--seed needs a whole number from 0 to 18446744073709551615");
      have_seed = true;
    } else if (!strcmp(a, "--no-save")) {
      /* sessions are not saved yet by this version: accepted for scripts */
    } else if (!strcmp(a, "--plain")) {
      plain = true;
    } else if (a[0] == '-' && a[1]) {
      return usage_error("play", "unknown option '%s'", a);
    } else if (target) {
      return usage_error("play", "one scenario at a time ('%s' and '%s')", target, a);
    } else {
      target = a;
    }
  }
  p.tty = !plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  p.echo = !p.tty && !isatty(STDIN_FILENO);
  if (!have_seed) p.seed = fresh_seed();
  char *path = NULL;
  int rc = EXIT_OK;
  if (!target) {
    path = choose_from_library(&p, &rc);
    if (!path) return rc;
  } else if (is_path(target)) {
    path = strdup(target);
  } else {
    library lib = {0};
    library_scan(&lib, 0);
    const lib_entry *e = library_find(&lib, target);
    if (e) path = strdup(e->path);
    library_free(&lib);
    if (!path) {
      fprintf(stderr, "mend: no scenario with the id '%s' (see 'mend list'), and no such file\n",
              target);
      return EXIT_STORY;
    }
  }
  mend_diags *d = mend_diags_new();
  p.st = mend_story_load(path, d);
  mend_diags_sort(d);
  print_diags(d);
  mend_diags_free(d);
  free(path);
  if (!p.st) return EXIT_STORY;
  p.s = mend_session_new(p.st, p.seed);
  rc = play(&p);
  fflush(stdout);
  mend_session_free(p.s);
  mend_story_free(p.st);
  return rc;
}

int cmd_list(int argc, char **argv) {
  (void)argv;
  if (argc > 1) {
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
      puts("usage: mend list\n\nLists the scenarios found: id, minutes, title, file.");
      return EXIT_OK;
    }
    return usage_error("list", "unexpected argument '%s'", argv[1]);
  }
  if (argc == 0) return EXIT_OK; /* called by main before the menu */
  library lib = {0};
  library_scan(&lib, 1);
  for (size_t i = 0; i < lib.n; i++) {
    term_puts(stdout, lib.v[i].id);
    printf("\t%d\t", lib.v[i].minutes);
    term_puts(stdout, lib.v[i].title);
    fputc('\t', stdout);
    term_puts(stdout, lib.v[i].path);
    fputc('\n', stdout);
  }
  library_free(&lib);
  return EXIT_OK;
}
