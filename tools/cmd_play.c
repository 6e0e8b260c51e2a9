/* SPDX-License-Identifier: MIT */
/*
 * cmd_play.c - `mend play`, `mend list` and the library menu: options,
 * finding the scenario, and resuming a saved session (player.c plays it).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "mend/test.h"
#include "db.h"
#include "invoked.h"
#include "library.h"
#include "mend/mend.h"
#include "player.h"
#include "progress.h"
#include "store.h"
#include "support.h"
#include "term.h"
#include "xalloc.h"

static const char play_usage[] =
    "usage: mend play [OPTIONS] FILE|ID\n"
    "\n"
    "Plays a scenario. Choices are answered by number or by the start of their\n"
    "words; commands start with ':' (:help lists them). The session is saved\n"
    "after every step, and text answers go to your journal (see mend journal).\n"
    "\n"
    "options:\n"
    "  --seed N      seed the random source (the same seed and answers give the same session)\n"
    "  --resume      resume the saved session without asking\n"
    "  --new         start over without asking (the saved session is replaced)\n"
    "  --no-save     write nothing to disk: no saved session, no journal entries\n"
    "  --plain       plain mode even on a terminal\n"
    "  --no-color    no colour or styles (also: the NO_COLOR environment variable)\n"
    "  --width N     wrap text to N columns (default: the terminal's, at most 76)\n"
    "  --country CC  the country whose helplines :support and the safety screens show\n"
    "                (default: MEND_COUNTRY, then your locale's territory)\n"
    "\n"
    "When standard input is not a terminal (or with --plain), plain text is printed\n"
    "and one answer is read per line; input that ends before the story does exits\n"
    "with status 3.\n";

static uint64_t fresh_seed(void) {
  uint64_t seed;
  if (getrandom(&seed, sizeof seed, 0) == (ssize_t)sizeof seed) return seed;
  return (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
}

static bool is_path(const char *a) {
  size_t n = strlen(a);
  return strchr(a, '/') || (n > 4 && !strcmp(a + n - 4, ".xml"));
}

/* ---- the library list (menu and `mend list`) ------------------------------------ */

typedef struct menu {
  library lib;
  db_session *saves;
  size_t nsaves;
  size_t *save_entry; /* per save: its library entry */
  char *progress;     /* the No Contact counter and the urge this week, or NULL */
} menu;

/* The real path of a file, malloc'd (the path itself when it has none). */
static char *real_path(const char *path) {
  char *r = realpath(path, NULL);
  return r ? r : xstrdup(path);
}

/* The library entry a session belongs to: the same story file, or for a
 * session imported from an older mend (no file yet), the same id. */
static const lib_entry *entry_of(const library *lib, char *const *real, const db_session *s) {
  if (!s->story_file[0]) return library_find(lib, s->story_id);
  for (size_t i = 0; i < lib->n; i++)
    if (!strcmp(real[i], s->story_file) && !strcmp(lib->v[i].id, s->story_id)) return &lib->v[i];
  return NULL;
}

static void menu_load(menu *m, int warn) {
  memset(m, 0, sizeof *m);
  library_scan(&m->lib, warn);
  char *why = NULL;
  db *d = db_open(false, &why);
  db_session *all = NULL;
  size_t n = 0;
  if (!d) {
    fprintf(stderr, "mend: your saved sessions cannot be read: %s\n", why);
    free(why);
  } else if (!db_session_list(d, &all, &n)) {
    fprintf(stderr, "mend: your saved sessions cannot be read: %s\n", db_error(d));
  }
  m->progress = progress_line(d);
  db_close(d);
  char **real = malloc(sizeof *real * (m->lib.n ? m->lib.n : 1));
  if (!real) abort();
  for (size_t i = 0; i < m->lib.n; i++)
    real[i] = real_path(m->lib.v[i].path);
  m->saves = all;
  m->save_entry = malloc(sizeof(size_t) * (n ? n : 1));
  if (!m->save_entry) abort();
  for (size_t i = 0; i < n; i++) {
    const lib_entry *e = entry_of(&m->lib, real, &all[i]);
    if (!e) { /* a session of a scenario no longer found */
      db_session_free(&all[i]);
      continue;
    }
    all[m->nsaves] = all[i];
    m->save_entry[m->nsaves++] = (size_t)(e - m->lib.v);
  }
  for (size_t i = 0; i < m->lib.n; i++)
    free(real[i]);
  free(real);
}

static void menu_free(menu *m) {
  db_session_list_free(m->saves, m->nsaves);
  free(m->save_entry);
  free(m->progress);
  library_free(&m->lib);
}

/* Prints `lead`, then `text` wrapped to `width` columns (0: not wrapped), later
 * lines indented by 5 columns. */
static void menu_entry(FILE *f, int width, const char *lead, const char *text) {
  term_opts o = {width, false, 0};
  term_para_plain(f, &o, lead, NULL, 5, text);
}

/* A session in progress: "r3) Resume: TITLE - N decisions in, saved WHEN",
 * keyed by its scenario's number, which stays the same whatever is in
 * progress. */
static void menu_save(FILE *out, const menu *m, size_t i, int width) {
  char when[64], lead[40], *text;
  size_t n;
  store_when(m->saves[i].saved, when, sizeof when);
  snprintf(lead, sizeof lead, "  r%zu) ", m->save_entry[i] + 1);
  FILE *f = open_memstream(&text, &n);
  if (!f) abort();
  fputs("Resume: ", f);
  term_puts(f, m->lib.v[m->save_entry[i]].title);
  fprintf(f, " - %zu decision%s in, saved %s", m->saves[i].decisions,
          m->saves[i].decisions == 1 ? "" : "s", when);
  fclose(f);
  menu_entry(out, width, lead, text);
  free(text);
}

/* Scenario i: "3) TITLE (12 min) [id]", then its description when `about`. */
static void menu_scenario(FILE *out, const menu *m, size_t i, int width, bool about) {
  const lib_entry *e = &m->lib.v[i];
  char lead[32], *text;
  size_t n;
  snprintf(lead, sizeof lead, "  %zu) ", i + 1);
  FILE *f = open_memstream(&text, &n);
  if (!f) abort();
  term_puts(f, e->title);
  if (e->minutes) fprintf(f, " (%d min)", e->minutes);
  fputs(" [", f);
  term_puts(f, e->id);
  fputs("]", f);
  fclose(f);
  menu_entry(out, width, lead, text);
  free(text);
  if (about && e->about[0]) menu_entry(out, width, "     ", e->about);
}

/* How the menu is shown: every description, or the titles only (on a
 * terminal too short for the descriptions), from scenario `first`,
 * `count` of them (fewer than all on a terminal too short for every title:
 * Enter shows the next ones). */
typedef struct menu_view {
  int width;
  bool about;
  size_t first, count;
} menu_view;

static void menu_print(FILE *out, const menu *m, const menu_view *v) {
  if (m->progress) {
    term_opts o = {v->width, false, 0};
    term_para_plain(out, &o, "", NULL, 0, m->progress);
    fputc('\n', out);
  }
  if (m->nsaves) {
    fputs("Sessions in progress:\n", out);
    for (size_t i = 0; i < m->nsaves; i++)
      menu_save(out, m, i, v->width);
    fputc('\n', out);
  }
  fputs("Scenarios:\n", out);
  for (size_t i = v->first; i < v->first + v->count; i++)
    menu_scenario(out, m, i, v->width, v->about);
  if (v->count < m->lib.n)
    fprintf(out, "  (%zu to %zu of %zu. Enter: the next ones.)\n", v->first + 1,
            v->first + v->count, m->lib.n);
}

/* The lines under the menu: support, and how to pick. */
static char *menu_footer(const menu *m, const menu_view *v) {
  char *text;
  size_t n;
  FILE *f = open_memstream(&text, &n);
  if (!f) abort();
  term_opts wrap = {v->width, false, 0};
  fputc('\n', f);
  term_lines(f, &wrap, "Not OK right now? Type :support for people you can talk to.");
  char pick[160];
  int k = snprintf(pick, sizeof pick, "Pick by number");
  if (m->nsaves == 1)
    k += snprintf(pick + k, sizeof pick - (size_t)k, ", r%zu to resume", m->save_entry[0] + 1);
  else if (m->nsaves)
    k += snprintf(pick + k, sizeof pick - (size_t)k, ", r and its number to resume");
  if (!v->about)
    snprintf(pick + k, sizeof pick - (size_t)k, ", ?%zu to read about scenario %zu", v->first + 1,
             v->first + 1);
  term_opts o = {v->width, false, 0};
  char *line;
  if (asprintf(&line, "%s (or :quit).", pick) < 0) abort();
  term_para_plain(f, &o, "", NULL, 0, line);
  free(line);
  fclose(f);
  return text;
}

static size_t count_lines(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

/* Lines the menu takes with view v, its footer and the prompt's line. */
static size_t menu_height(const menu *m, const menu_view *v, size_t heading) {
  char *text;
  size_t n;
  FILE *f = open_memstream(&text, &n);
  if (!f) abort();
  menu_print(f, m, v);
  fclose(f);
  char *foot = menu_footer(m, v);
  size_t lines = heading + count_lines(text) + count_lines(foot) + 1;
  free(text);
  free(foot);
  return lines;
}

/* The view that fits `rows` rows (0: any number), `heading` of them taken
 * above the menu: every description when they fit, else the titles, else
 * as many titles as fit, from scenario `first` on. */
static menu_view menu_fit(const menu *m, int width, int rows, size_t heading, size_t first) {
  menu_view v = {width, true, 0, m->lib.n};
  if (rows <= 0 || menu_height(m, &v, heading) <= (size_t)rows) return v;
  v.about = false;
  if (menu_height(m, &v, heading) <= (size_t)rows) return v;
  v.first = first < m->lib.n ? first : 0;
  for (v.count = m->lib.n - v.first; v.count > 1; v.count--)
    if (menu_height(m, &v, heading) <= (size_t)rows) break;
  return v;
}

static void menu_print_tsv(const menu *m) {
  for (size_t i = 0; i < m->nsaves; i++) {
    fputs("session\t", stdout);
    term_puts(stdout, m->saves[i].story_id);
    printf("\t%zu\t%lld\t", m->saves[i].decisions, (long long)m->saves[i].saved);
    term_puts(stdout, m->lib.v[m->save_entry[i]].title);
    fputc('\t', stdout);
    term_puts(stdout, m->lib.v[m->save_entry[i]].path);
    fputc('\n', stdout);
  }
  for (size_t i = 0; i < m->lib.n; i++) {
    const lib_entry *e = &m->lib.v[i];
    fputs("scenario\t", stdout);
    term_puts(stdout, e->id);
    printf("\t%d\t", e->minutes);
    term_puts(stdout, e->title);
    fputc('\t', stdout);
    term_puts(stdout, e->path);
    fputc('\n', stdout);
  }
}

static const char list_usage[] =
    "usage: mend list [--format text|tsv]\n\n"
    "Prints the library as the menu shows it: sessions in progress, then every\n"
    "scenario found with its minutes, id and description. With --format tsv, one\n"
    "tab-separated line each, for scripts:\n"
    "  session   ID  DECISIONS  SAVED (Unix time)  TITLE  FILE\n"
    "  scenario  ID  MINUTES    TITLE              FILE\n";

int cmd_list(int argc, char **argv) {
  static const char *const formats[] = {"text", "tsv", NULL};
  int format = 0;
  cli c;
  if (!cli_format_only(&c, "list", list_usage, formats, argc, argv, &format)) return c.status;
  bool tsv = format == 1;
  if (c.noperands) return usage_error("list", "unexpected argument '%s'", c.operands[0]);
  menu m;
  menu_load(&m, 1);
  if (tsv)
    menu_print_tsv(&m);
  else {
    menu_view v = {0, true, 0, m.lib.n};
    menu_print(stdout, &m, &v);
  }
  menu_free(&m);
  return EXIT_OK;
}

/* ---- playing -------------------------------------------------------------------- */

typedef struct play_opts {
  bool resume, fresh;
  char country[3];
} play_opts;

static void new_key(player *p) {
  unsigned char r[16];
  if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
    uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ p->seed;
    memcpy(r, &t, sizeof t);
    memcpy(r + 8, &p->seed, sizeof p->seed);
  }
  for (size_t i = 0; i < sizeof r; i++)
    snprintf(p->key + 2 * i, 3, "%02x", r[i]);
}

/* Opens the database and finds this story's saved session (keyed by its id
 * and file; one imported from an older mend is taken when its story's
 * content is the same). Returns false when there is none to offer. */
static bool find_save(player *p, db_session *saved) {
  const char *id = mend_story_id(p->st);
  char *why = NULL;
  p->db = db_open(false, &why);
  if (!p->db) {
    fprintf(stderr,
            "mend: this session cannot be saved (%s); you can play, but nothing you write here "
            "will be kept\n",
            why);
    p->save_why = why;
    p->save_error = 1;
    return false;
  }
  if (db_session_lock(p->db, id, p->story_file) == 0) {
    p->locked_out = true;
    fputs("mend: this scenario is open in another mend right now: this one starts anew and does "
          "not save its place (what you write still goes to your journal)\n",
          stderr);
    return false;
  }
  bool found = false;
  if (!db_session_get(p->db, id, p->story_file, saved, &found)) {
    fprintf(stderr, "mend: cannot read the saved session: %s\n", db_error(p->db));
    return false;
  }
  if (found) return true;
  if (!db_session_get(p->db, id, "", saved, &found) || !found) return false;
  mend_restore_status st;
  mend_session *s = mend_session_restore(p->st, saved->save, saved->save_len, 0, &st);
  mend_session_free(s);
  /* an imported save is taken only by the story it was made with */
  if (st == MEND_RESTORED && db_session_adopt(p->db, id, p->story_file)) {
    free(saved->story_file);
    saved->story_file = xstrdup(p->story_file);
    return true;
  }
  db_session_free(saved);
  return false;
}

/* Restores or starts the session for p->st, asking when a save exists. */
static int open_session(player *p, const play_opts *o, bool *resumed) {
  *resumed = false;
  const char *id = mend_story_id(p->st);
  db_session saved = {0};
  bool have = p->save && find_save(p, &saved);
  if (have && !o->fresh) {
    player_watch(p);
    mend_restore_status st;
    mend_session *s = mend_session_restore(p->st, saved.save, saved.save_len, 0, &st);
    bool eof = false;
    if (st == MEND_RESTORED) {
      bool yes = o->resume;
      if (!yes) {
        char q[160];
        snprintf(q, sizeof q,
                 "You have a session of this scenario in progress (%zu decision%s in). "
                 "Resume it?",
                 mend_session_decisions(s), mend_session_decisions(s) == 1 ? "" : "s");
        yes = player_confirm(p, q, &eof);
      }
      if (yes) {
        p->s = s;
        p->seed = mend_session_seed(s);
        *resumed = true;
      } else {
        mend_session_free(s);
      }
    } else if (st == MEND_R_STORY_CHANGED) {
      bool yes = o->resume ||
                 player_confirm(p,
                                "This scenario was changed since your session was saved. Replay "
                                "your answers on the new version?",
                                &eof);
      if (yes) {
        s = mend_session_restore(p->st, saved.save, saved.save_len, MEND_RESTORE_REPLAY, &st);
        if (st == MEND_R_DIVERGED)
          puts("Some of your answers no longer fit the new version: you are at the first one "
               "that did not.");
        if (s) {
          p->s = s;
          p->seed = mend_session_seed(s);
          *resumed = true;
        }
      }
    } else {
      bool moved = db_session_set_aside(p->db, id, p->story_file, "damaged");
      fprintf(stderr, "mend: the saved session for '%s' is damaged; ", id);
      if (moved) {
        fputs("it was set aside (table set_aside of ", stderr);
        term_puts(stderr, db_path(p->db));
        fputs("). Starting a new one.\n", stderr);
      } else {
        fprintf(stderr, "it could not be set aside (%s). Starting a new one.\n", db_error(p->db));
      }
    }
    if (eof) {
      mend_session_free(p->s);
      p->s = NULL;
      db_session_free(&saved);
      if (!p->tty) fputs("mend: input ended before the question was answered\n", stderr);
      return p->tty ? EXIT_OK : EXIT_INPUT;
    }
  }
  if (*resumed && saved.key[0] && strlen(saved.key) < sizeof p->key)
    snprintf(p->key, sizeof p->key, "%s", saved.key);
  else
    new_key(p);
  db_session_free(&saved);
  if (!p->s) p->s = mend_session_new(p->st, p->seed);
  return -1;
}

static int play_file(player *p, const char *path, const play_opts *o) {
  mend_diags *d = mend_diags_new();
  p->st = support_load_story(path, 0, d);
  mend_diags_sort(d);
  print_diags(d);
  mend_diags_free(d);
  if (!p->st) return EXIT_STORY;
  /* what each node ahead asks about (mend_session_told_ahead): a line typed
   * where a choice is asked is thanked only where the story takes it in */
  mend_story_prepare_exploration(p->st);
  p->story_file = real_path(path);
  /* the safety layer: every text answer is read (the lexicon is loaded before
   * the first one, or before a save is restored, so that a resumed session
   * shows what it showed) */
  support sup;
  support_open(&sup, mend_story_lang(p->st), o->country);
  p->sup = &sup;
  /* a story that asks the safety layer about answers (crisis(x), abuse(x))
   * has it from its first step, as in mend test and the browser */
  if (mend_story_reads_signs(p->st)) player_watch(p);
  player_init_terminal(p);
  bool resumed;
  int rc = open_session(p, o, &resumed);
  if (rc < 0) rc = player_run(p, resumed);
  fflush(stdout);
  player_done_terminal(p);
  player_done_store(p);
  mend_session_free(p->s);
  mend_story_free(p->st);
  support_close(&sup);
  p->sup = NULL;
  p->s = NULL;
  p->st = NULL;
  return rc;
}

/* Which session of the menu "rN" (or "r" alone, when there is one) names;
 * -1 for none. */
static long pick_save(const menu *m, const char *s) {
  if (tolower((unsigned char)s[0]) != 'r') return -1;
  s++;
  while (isspace((unsigned char)*s))
    s++;
  if (!*s) return m->nsaves == 1 ? 0 : -1;
  uint64_t k;
  if (!parse_u64(s, &k)) return -1;
  for (size_t i = 0; i < m->nsaves; i++)
    if (m->save_entry[i] + 1 == k) return (long)i;
  return -1;
}

/* "?N": the scenario whose description to show, or 0. */
static uint64_t pick_about(const menu *m, const char *s) {
  if (s[0] != '?') return 0;
  s++;
  while (isspace((unsigned char)*s))
    s++;
  uint64_t k;
  return parse_u64(s, &k) && k >= 1 && k <= m->lib.n ? k : 0;
}

static const char menu_heading[] = "mend - scenarios for after a breakup\n\n";

/* The library menu: plays what is picked. On a terminal it fits the
 * window: the descriptions when they fit, else the titles (?N shows a
 * description), else as many titles as fit (Enter shows the next ones).
 * A scenario's number never changes; a session in progress is resumed
 * with r and its scenario's number. */
static int library_menu(player *p, play_opts o) {
  menu m;
  menu_load(&m, 1);
  if (!m.lib.n) {
    fputs("mend: no scenarios found (set MEND_PATH to a folder of stories)\n", stderr);
    menu_free(&m);
    return EXIT_STORY;
  }
  int width = p->width > 0 ? p->width : p->tty ? term_columns(STDOUT_FILENO) : 0;
  if (p->width <= 0 && width > 76) width = 76; /* wrapped as the player wraps */
  int rows = p->tty ? term_rows(STDOUT_FILENO) : 0;
  menu_view v = menu_fit(&m, width, rows, 2, 0);
  fputs(menu_heading, stdout);
  menu_print(stdout, &m, &v);
  char *path = NULL;
  int rc = EXIT_OK;
  player_init_terminal(p);
  term_opts wrap = {width, false, 0};
  bool footer = true;
  while (!path) {
    if (footer) {
      char *foot = menu_footer(&m, &v);
      fputs(foot, stdout);
      free(foot);
    }
    footer = true;
    char *line = player_input(p, p->tty ? "> " : "");
    if (!line) {
      if (!p->tty) fputs("mend: input ended before a scenario was picked\n", stderr);
      rc = p->tty ? EXIT_OK : EXIT_INPUT;
      break;
    }
    char *s = line;
    while (isspace((unsigned char)*s))
      s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
      s[--n] = 0;
    uint64_t k;
    long save;
    if (!strcmp(s, ":quit") || !strcmp(s, ":q")) {
      free(line);
      break;
    }
    if (!strcmp(s, ":support")) {
      support sup;
      support_open(&sup, NULL, o.country);
      char *text = support_all_lines(&sup);
      fputc('\n', stdout);
      term_lines(stdout, &wrap, text);
      free(text);
      support_close(&sup);
    } else if (!*s && v.count < m.lib.n) { /* the next titles */
      if (p->tty) {                        /* the window may have changed since */
        width = p->width > 0 ? p->width : term_columns(STDOUT_FILENO);
        if (p->width <= 0 && (width > 76 || width <= 0)) width = 76;
        rows = term_rows(STDOUT_FILENO);
      }
      size_t next = v.first + v.count < m.lib.n ? v.first + v.count : 0;
      v = menu_fit(&m, width, rows, 2, next);
      wrap.width = width;
      fputs(menu_heading, stdout);
      menu_print(stdout, &m, &v);
    } else if ((k = pick_about(&m, s))) {
      const lib_entry *e = &m.lib.v[k - 1];
      fputc('\n', stdout);
      menu_scenario(stdout, &m, k - 1, width, true);
      if (!e->about[0]) term_lines(stdout, &wrap, "     (It has no description.)");
    } else if ((save = pick_save(&m, s)) >= 0) {
      path = xstrdup(m.lib.v[m.save_entry[save]].path);
      o.resume = true;
    } else if (parse_u64(s, &k) && k >= 1 && k <= m.lib.n) {
      path = xstrdup(m.lib.v[k - 1].path);
    } else {
      char *msg;
      char range[64];
      if (m.lib.n == 1)
        snprintf(range, sizeof range, "1");
      else
        snprintf(range, sizeof range, "a number from 1 to %zu", m.lib.n);
      if (asprintf(&msg, "Please type %s%s.", range,
                   m.nsaves == 1  ? ", or r to resume"
                   : m.nsaves > 1 ? ", or r and a number to resume"
                                  : "") < 0)
        abort();
      term_lines(stdout, &wrap, msg);
      free(msg);
      footer = false;
    }
    free(line);
  }
  player_done_terminal(p);
  menu_free(&m);
  if (path) rc = play_file(p, path, &o);
  free(path);
  return rc;
}

int cmd_play(int argc, char **argv) {
  player p = {0};
  play_opts o = {0};
  bool have_seed = false, plain = false, no_color = false, have_country = false;
  p.save = true;
  enum { O_SEED = CLI_LONG, O_WIDTH, O_NO_SAVE, O_PLAIN, O_NO_COLOR, O_RESUME, O_NEW, O_COUNTRY };
  static const cli_option options[] = {
      {"seed", O_SEED, "a whole number from 0 to 18446744073709551615"},
      {"width", O_WIDTH, "a number of columns from 20 to 1000"},
      {"no-save", O_NO_SAVE, NULL},
      {"plain", O_PLAIN, NULL},
      {"no-color", O_NO_COLOR, NULL},
      {"no-colour", O_NO_COLOR, NULL},
      {"resume", O_RESUME, NULL},
      {"new", O_NEW, NULL},
      {"country", O_COUNTRY, "a two-letter country code (GB, IE, US...)"},
      {0}};
  cli c;
  cli_start(&c, "play", play_usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    uint64_t w;
    switch (k) {
    case CLI_STOP: return c.status;
    case O_SEED:
      if (!cli_number(&c, 0, UINT64_MAX, &p.seed)) return c.status;
      have_seed = true;
      break;
    case O_WIDTH:
      if (!cli_number(&c, 20, 1000, &w)) return c.status;
      p.width = (int)w;
      break;
    case O_NO_SAVE: p.save = false; break;
    case O_PLAIN: plain = true; break;
    case O_NO_COLOR: no_color = true; break;
    case O_RESUME: o.resume = true; break;
    case O_NEW: o.fresh = true; break;
    case O_COUNTRY:
      if (!support_country(c.arg, o.country)) return EXIT_USAGE;
      have_country = true;
      break;
    }
  }
  if (c.noperands > 1)
    return usage_error("play", "one scenario at a time ('%s' and '%s')", c.operands[0],
                       c.operands[1]);
  const char *target = c.noperands ? c.operands[0] : NULL;
  if (target && !strcmp(target, "-"))
    return usage_error("play", "a story cannot come from standard input: that is where the "
                               "answers come from. Name a story file or a scenario id");
  if (o.resume && o.fresh) return usage_error("play", "--resume and --new cannot go together");
  if (!have_country) support_country(NULL, o.country);
  p.tty = !plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  p.echo = !p.tty && !isatty(STDIN_FILENO);
  const char *nc = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  p.color = p.tty && !no_color && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
  if (!have_seed) p.seed = fresh_seed();
  if (!target) return library_menu(&p, o);
  char *path = NULL;
  if (is_path(target)) {
    path = strdup(target);
  } else {
    library lib = {0};
    library_scan(&lib, 0);
    const lib_entry *e = library_find(&lib, target);
    if (e) path = strdup(e->path);
    library_free(&lib);
    if (!path) {
      fputs("mend: no scenario with the id '", stderr);
      term_puts(stderr, target);
      char *list = invoked_command("list", NULL);
      fputs("', and no such file (the scenarios: ", stderr);
      term_puts(stderr, list);
      fputs(")\n", stderr);
      free(list);
      return EXIT_STORY;
    }
  }
  if (!path) abort();
  int rc = play_file(&p, path, &o);
  free(path);
  return rc;
}
