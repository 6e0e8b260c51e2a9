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
#include "db.h"
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
static void menu_entry(int width, const char *lead, const char *text) {
  term_opts o = {width, false, 0};
  term_para_plain(stdout, &o, lead, NULL, 5, text);
}

static void menu_print(const menu *m, int width) {
  size_t k = 1;
  char lead[32], *text;
  size_t n;
  FILE *f;
  if (m->progress) {
    term_opts o = {width, false, 0};
    term_para_plain(stdout, &o, "", NULL, 0, m->progress);
    puts("");
  }
  if (m->nsaves) {
    puts("Sessions in progress:");
    for (size_t i = 0; i < m->nsaves; i++) {
      char when[64];
      store_when(m->saves[i].saved, when, sizeof when);
      snprintf(lead, sizeof lead, "  %zu) ", k++);
      if (!(f = open_memstream(&text, &n))) abort();
      fputs("Resume: ", f);
      term_puts(f, m->lib.v[m->save_entry[i]].title);
      fprintf(f, " - %zu decision%s in, saved %s", m->saves[i].decisions,
              m->saves[i].decisions == 1 ? "" : "s", when);
      fclose(f);
      menu_entry(width, lead, text);
      free(text);
    }
    puts("");
  }
  puts("Scenarios:");
  for (size_t i = 0; i < m->lib.n; i++) {
    const lib_entry *e = &m->lib.v[i];
    snprintf(lead, sizeof lead, "  %zu) ", k++);
    if (!(f = open_memstream(&text, &n))) abort();
    term_puts(f, e->title);
    if (e->minutes) fprintf(f, " (%d min)", e->minutes);
    fputs(" [", f);
    term_puts(f, e->id);
    fputs("]", f);
    fclose(f);
    menu_entry(width, lead, text);
    free(text);
    if (e->about[0]) menu_entry(width, "     ", e->about);
  }
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

int cmd_list(int argc, char **argv) {
  bool tsv = false;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      puts("usage: mend list [--format text|tsv]\n\n"
           "Prints the library as the menu shows it: sessions in progress, then every\n"
           "scenario found with its minutes, id and description. With --format tsv, one\n"
           "tab-separated line each, for scripts:\n"
           "  session   ID  DECISIONS  SAVED (Unix time)  TITLE  FILE\n"
           "  scenario  ID  MINUTES    TITLE              FILE");
      return EXIT_OK;
    }
    if (!strcmp(argv[i], "--format") && i + 1 < argc &&
        (!strcmp(argv[i + 1], "tsv") || !strcmp(argv[i + 1], "text"))) {
      tsv = !strcmp(argv[++i], "tsv");
      continue;
    }
    return usage_error("list", "unexpected argument '%s'", argv[i]);
  }
  menu m;
  menu_load(&m, 1);
  if (tsv)
    menu_print_tsv(&m);
  else
    menu_print(&m, 0);
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

/* The library menu: plays what is picked. */
static int library_menu(player *p, play_opts o) {
  menu m;
  menu_load(&m, 1);
  if (!m.lib.n) {
    fputs("mend: no scenarios found (set MEND_PATH to a folder of stories)\n", stderr);
    menu_free(&m);
    return EXIT_STORY;
  }
  puts("mend - scenarios for after a breakup\n");
  int width = p->width > 0 ? p->width : p->tty ? term_columns(STDOUT_FILENO) : 0;
  if (p->width <= 0 && width > 76) width = 76; /* wrapped as the player wraps */
  menu_print(&m, width);
  size_t total = m.nsaves + m.lib.n;
  char *path = NULL;
  int rc = EXIT_OK;
  player_init_terminal(p);
  term_opts wrap = {width, false, 0};
  while (!path) {
    fputc('\n', stdout);
    term_lines(stdout, &wrap,
               "Not OK right now? Type :support for people you can talk to, "
               "at any hour.");
    printf("Pick by number (or :quit).\n");
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
      free(line);
      continue;
    }
    if (parse_u64(s, &k) && k >= 1 && k <= total) {
      if (k <= m.nsaves) {
        path = strdup(m.lib.v[m.save_entry[k - 1]].path);
        o.resume = true;
      } else {
        path = strdup(m.lib.v[k - 1 - m.nsaves].path);
      }
      if (!path) abort();
    } else {
      printf("Please type a number from 1 to %zu.\n", total);
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
  const char *target = NULL;
  p.save = true;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(play_usage, stdout);
      return EXIT_OK;
    }
    if (!strcmp(a, "--seed") || !strncmp(a, "--seed=", 7)) {
      const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : "");
      if (!parse_u64(v, &p.seed))
        return usage_error("play", "--seed needs a whole number from 0 to 18446744073709551615");
      have_seed = true;
    } else if (!strcmp(a, "--width") || !strncmp(a, "--width=", 8)) {
      const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : "");
      uint64_t w;
      if (!parse_u64(v, &w) || w < 20 || w > 1000)
        return usage_error("play", "--width needs a number of columns from 20 to 1000");
      p.width = (int)w;
    } else if (!strcmp(a, "--no-save")) {
      p.save = false;
    } else if (!strcmp(a, "--plain")) {
      plain = true;
    } else if (!strcmp(a, "--no-color") || !strcmp(a, "--no-colour")) {
      no_color = true;
    } else if (!strcmp(a, "--resume")) {
      o.resume = true;
    } else if (!strcmp(a, "--new")) {
      o.fresh = true;
    } else if (!strcmp(a, "--country") || !strncmp(a, "--country=", 10)) {
      const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : "");
      if (!support_country(v, o.country)) return EXIT_USAGE;
      have_country = true;
    } else if (a[0] == '-' && a[1]) {
      return usage_error("play", "unknown option '%s'", a);
    } else if (target) {
      return usage_error("play", "one scenario at a time ('%s' and '%s')", target, a);
    } else {
      target = a;
    }
  }
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
      fputs("' (see 'mend list'), and no such file\n", stderr);
      return EXIT_STORY;
    }
  }
  if (!path) abort();
  int rc = play_file(&p, path, &o);
  free(path);
  return rc;
}
