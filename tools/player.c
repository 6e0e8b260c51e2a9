/* SPDX-License-Identifier: MIT */
/* player.c - see player.h. */
#include "player.h"

#include <ctype.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cmd.h"
#include "db.h"
#include "invoked.h"
#include "notes.h"
#include "progress.h"
#include "show.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

enum { GO_ON = -1 };

static const char help_text[] =
    "Commands:\n"
    "  :back      go back to the previous decision (again and again)\n"
    "  :status    show your check-ins so far\n"
    "  :journal   show what you wrote in this session\n"
    "  :example   show an example answer (when the question has one)\n"
    "  :save      save now (mend also saves after every step)\n"
    "  :restart   start the scenario over (asks first)\n"
    "  :support   people you can talk to: crisis and abuse lines, and their hours\n"
    "  :quit      stop here; you can resume later\n"
    "  :help, ?   this list\n"
    "In a written answer, a \\ at the end of a line (or Alt-Enter) goes on to a new\n"
    "line, and a paste keeps its lines. The Up arrow brings back what you wrote before.\n";

static const char *const commands[] = {":back",    ":status",  ":journal", ":example", ":save",
                                       ":restart", ":support", ":quit",    ":help",    NULL};

/* ---- signals and readline --------------------------------------------------- */

static volatile sig_atomic_t got_int, got_term, got_winch;
static bool quit_requested; /* Ctrl-C on an empty line */
static player *active;      /* for the completion function */
static bool writing;        /* reading the answer to a text question */
static bool told_set_aside; /* Ctrl-C's line on getting the text back was said */

/* Two histories: what was written to text questions, and everything else
 * (choice numbers, scale answers, commands). The Up arrow at a text question
 * brings back earlier answers (the last first), not the "2" typed in
 * between. readline has one history list: the other one waits in its state. */
enum { HIST_OTHER = 0, HIST_TEXT = 1 };
static HISTORY_STATE *hist_kept[2];
static int hist_now = HIST_OTHER;

static void use_history(int which) {
  if (which == hist_now) return;
  free(hist_kept[hist_now]);
  hist_kept[hist_now] = history_get_history_state();
  HISTORY_STATE empty;
  memset(&empty, 0, sizeof empty);
  history_set_history_state(hist_kept[which] ? hist_kept[which] : &empty);
  free(hist_kept[which]);
  hist_kept[which] = NULL;
  using_history(); /* Up starts from the newest */
  hist_now = which;
}

static void forget_history(void) {
  for (int k = 0; k < 2; k++) {
    use_history(k);
    clear_history();
    free(history_list()); /* (clear_history keeps the list's array) */
    HISTORY_STATE empty;
    memset(&empty, 0, sizeof empty);
    history_set_history_state(&empty);
  }
  free(hist_kept[0]), free(hist_kept[1]);
  hist_kept[0] = hist_kept[1] = NULL;
  hist_now = HIST_OTHER;
}

static void on_signal(int sig) {
  if (sig == SIGINT)
    got_int = 1;
  else if (sig == SIGWINCH)
    got_winch = 1;
  else
    got_term = sig;
}

static void print_view(player *p);

/* Reads a key for readline. Our handlers interrupt read(): Ctrl-C clears a
 * non-empty line, and on an empty line ends input (the caller saves and
 * quits, as with Ctrl-D); SIGTERM and SIGHUP end input too. */
static int read_key(FILE *stream) {
  for (;;) {
    unsigned char c;
    ssize_t r = read(fileno(stream), &c, 1);
    if (r == 1) return c;
    if (r == 0 || errno != EINTR || got_term) return EOF;
    if (got_winch) { /* re-wrap what is on screen at the new width */
      got_winch = 0;
      rl_resize_terminal();
      if (active && active->s && active->deciding) { /* not at menus and y/n questions */
        fputc('\n', stdout);
        print_view(active);
        fflush(stdout);
        rl_on_new_line();
        rl_redisplay();
      }
    }
    if (got_int) {
      got_int = 0;
      if (rl_end == 0) {
        quit_requested = true;
        return EOF;
      }
      /* the line is set aside, not lost: the Up arrow brings it back */
      add_history(rl_line_buffer);
      using_history();
      rl_point = rl_end; /* (below a line of several) */
      rl_redisplay();
      rl_replace_line("", 0);
      rl_point = rl_end = 0;
      FILE *out = rl_outstream ? rl_outstream : stdout;
      fputs("^C\n", out);
      if (!told_set_aside) fputs("(Set aside: press the Up arrow to get it back.)\n", out);
      told_set_aside = true;
      rl_on_new_line();
      rl_redisplay();
    }
  }
}

static char *complete_one(const char *text, int state) {
  static size_t i, ncommands;
  static size_t len;
  if (!state) {
    i = 0;
    len = strlen(text);
    ncommands = 0;
    while (commands[ncommands])
      ncommands++;
  }
  player *p = active;
  size_t nchoices = p ? mend_session_choice_count(p->s) : 0;
  while (i < ncommands + nchoices) {
    size_t k = i++;
    const char *cand;
    size_t cn;
    if (k < ncommands) {
      cand = commands[k];
      cn = strlen(cand);
    } else {
      const mend_text *t = &mend_session_choice(p->s, k - ncommands)->label;
      cand = t->text;
      cn = t->length;
    }
    if (cn >= len && !strncasecmp(cand, text, len)) {
      char *r = strndup(cand, cn);
      if (!r) abort();
      return r;
    }
  }
  return NULL;
}

/* Enter: a \\ at the end of a written answer goes on to a new line
 * (as in a shell); else the line is done. */
static int enter_key(int count, int key) {
  if (writing && rl_point == rl_end && rl_end > 0 && rl_line_buffer[rl_end - 1] == '\\') {
    rl_line_buffer[rl_end - 1] = '\n';
    rl_redisplay();
    return 0;
  }
  return rl_newline(count, key);
}

/* Alt-Enter: a new line in a written answer (elsewhere, Enter). */
static int new_line_key(int count, int key) {
  if (!writing) return rl_newline(count, key);
  return rl_insert_text("\n") == 1 ? 0 : 1;
}

static char **complete(const char *text, int start, int end) {
  (void)start, (void)end;
  rl_attempted_completion_over = 1;
  return rl_completion_matches(text, complete_one);
}

/* What the next line read on a terminal starts with, the cursor after it
 * (read_line): words typed at a pause, for the text question after it. */
static const char *prefill;

static int insert_prefill(void) {
  if (prefill) rl_insert_text(prefill);
  prefill = NULL;
  return 0;
}

void player_init_terminal(player *p) {
  active = p;
  if (!p->tty) return;
  rl_catch_signals = 0;
  rl_startup_hook = insert_prefill;
  rl_getc_function = read_key;
  rl_attempted_completion_function = complete;
  rl_completer_word_break_characters = (char *)"\n";
  rl_variable_bind("completion-ignore-case", "on");
  /* a paste arrives whole, its line breaks kept, and is not taken for Enter */
  rl_variable_bind("enable-bracketed-paste", "on");
  rl_readline_name = "mend";
  rl_bind_key('\r', enter_key);
  rl_bind_key('\n', enter_key);
  rl_bind_keyseq("\033\r", new_line_key); /* Alt-Enter */
  rl_bind_keyseq("\033\n", new_line_key);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sigaction(SIGWINCH, &sa, NULL);
  rl_catch_sigwinch = 0; /* ours redraws the view, then tells readline */
}

void player_done_terminal(player *p) {
  free(p->carried);
  p->carried = NULL;
  if (!p->tty) return;
  forget_history();
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  signal(SIGWINCH, SIG_DFL);
}

/* ---- output ------------------------------------------------------------------ */

static term_opts opts(const player *p) {
  term_opts o = {0, p->color, 0};
  if (p->width > 0)
    o.width = p->width;
  else if (p->tty) {
    int c = term_columns(STDOUT_FILENO);
    o.width = c > 0 && c < 76 ? c : 76;
  }
  return o;
}

static bool wrapping(const player *p) {
  return p->tty || p->width > 0;
}

static void para(player *p, const char *lead, const char *sgr, size_t indent, const mend_text *t) {
  if (wrapping(p)) {
    term_opts o = opts(p);
    term_para(stdout, &o, lead, sgr, indent, t);
  } else {
    if (lead) fputs(lead, stdout);
    term_put_text(stdout, t, false);
    fputc('\n', stdout);
  }
}

void player_line(player *p, const char *lead, const char *text) {
  if (wrapping(p)) {
    term_opts o = opts(p);
    term_para_plain(stdout, &o, lead, NULL, lead ? strlen(lead) : 0, text);
  } else {
    if (lead) fputs(lead, stdout);
    term_puts(stdout, text);
    fputc('\n', stdout);
  }
}

/* Prints a message of the player's own, line by line, wrapped like the story's
 * text on a terminal (a line's leading spaces become its hanging indent). */
static void say(player *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(player *p, const char *fmt, ...) {
  char *msg;
  va_list ap;
  va_start(ap, fmt);
  if (vasprintf(&msg, fmt, ap) < 0) abort();
  va_end(ap);
  term_opts o = opts(p);
  if (!wrapping(p)) o.width = 0;
  term_lines(stdout, &o, msg);
  free(msg);
}

static bool utf8_terminal(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/* Whether what is printed may hold a check mark: a UTF-8 locale. */
static bool utf8_output(const player *p) {
  (void)p;
  return utf8_terminal();
}

static void print_items(player *p) {
  bool contact = false; /* a <contact/>: said after the rest (recorded by show_view) */
  bool again = false;   /* the short reminder of support: once a view */
  for (size_t i = 0; i < mend_session_item_count(p->s); i++) {
    const mend_item *it = mend_session_item(p->s, i);
    if (it->kind == MEND_ITEM_FEEDBACK) {
      fputc('\n', stdout);
      /* no tone word, no tone colour: the feedback is not a grade */
      para(p, show_feedback_lead, NULL, strlen(show_feedback_lead), &it->text);
    } else if (it->kind == MEND_ITEM_RULE) {
      fputc('\n', stdout);
      char *verdict = rule_verdict(it, utf8_output(p));
      player_line(p, NULL, verdict); /* (the quote is the person's: no styles) */
      free(verdict);
      if (it->text.length) para(p, "  ", NULL, 2, &it->text);
    } else if (it->kind == MEND_ITEM_UNREAD) {
      fputc('\n', stdout);
      char *msg = show_unread(it);
      player_line(p, NULL, msg);
      free(msg);
    } else if (show_support_reminds(it, p->refused_level, p->answer_screened) &&
               (it->kind == MEND_ITEM_SUPPORT_AGAIN || !p->screened) && !again) {
      /* (not for the view's own support when its screen has just been shown:
       * a line typed at the screen's menu may have raised what counts as
       * seen, "he hit me" after "They hurt me"; the screen was the answer) */
      /* the screen was shown before (for this session, or for a line it
       * refused): a word, where it comes */
      again = true;
      fputc('\n', stdout);
      player_line(p, NULL,
                  p->said & SCREEN_AGAIN ? screen_again_later(it->support->category, false)
                                         : screen_again(it->support->category, false));
      p->said |= SCREEN_REMINDED | SCREEN_AGAIN;
    } else if (it->kind == MEND_ITEM_CONTACT) {
      contact = p->save && p->db; /* (nothing is kept: nothing to count) */
    } else if (it->kind == MEND_ITEM_PARAGRAPH && it->text.length) {
      fputc('\n', stdout);
      para(p, NULL, NULL, 0, &it->text); /* (support items are shown by offer_support) */
    }
  }
  if (contact) {
    fputc('\n', stdout);
    char *c = invoked_command("progress", NULL), *msg = show_contact_noted(c);
    player_line(p, NULL, msg);
    free(msg);
    free(c);
  }
}

static void print_question(player *p) {
  const mend_question *q = mend_session_question(p->s);
  fputc('\n', stdout);
  char hint[80];
  show_question_range(q, hint, sizeof hint);
  if (wrapping(p)) {
    /* the prompt and its hint as one paragraph */
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m) abort();
    fwrite(q->prompt.text, 1, q->prompt.length, m);
    fputs(hint, m);
    fclose(m);
    mend_text t = q->prompt;
    t.text = buf;
    t.length = n;
    term_opts o = opts(p);
    o.base = MEND_STYLE_STRONG; /* the question stands out, emphasis included */
    term_para(stdout, &o, NULL, NULL, 0, &t);
    free(buf);
  } else {
    term_put_text(stdout, &q->prompt, false);
    fputs(hint, stdout);
    fputc('\n', stdout);
  }
  if (q->kind == MEND_ASK_TEXT && q->nexamples) say(p, "%s", show_text_note);
}

static void print_choices(player *p) {
  fputc('\n', stdout);
  for (size_t i = 0; i < mend_session_choice_count(p->s); i++) {
    char lead[32];
    snprintf(lead, sizeof lead, "  %zu) ", i + 1);
    para(p, lead, NULL, strlen(lead), &mend_session_choice(p->s, i)->label);
  }
}

static void print_view(player *p) {
  print_items(p);
  if (mend_session_pending(p->s) == MEND_PENDING_ASK)
    print_question(p);
  else if (mend_session_pending(p->s) == MEND_PENDING_CHOICE)
    print_choices(p);
}

static size_t journal_entries(player *p) {
  const mend_summary *sum = mend_session_summary(p->s);
  size_t n = 0;
  for (size_t i = 0; i < sum->nanswers; i++)
    n += sum->answers[i].kind == MEND_ASK_TEXT && sum->answers[i].journal &&
         !sum->answers[i].skipped;
  return n;
}

/* Each number check-in of this session beside the 7 days before today
 * (progress.h), when those days hold an answer to it. */
static void compare_with_last_week(player *p) {
  const mend_summary *sum = mend_session_summary(p->s);
  if (sum->checkins_hidden) return; /* (the ending's own choice: checkins="false") */
  for (size_t i = 0; i < sum->nmeasures; i++) {
    const mend_measure *m = &sum->measures[i];
    int64_t first = 0, last = 0;
    if (m->kind != MEND_MEASURE_CHECKIN || m->type != MEND_INT ||
        !show_checkin_answers(sum, m, &first, &last))
      continue;
    char *line = progress_compare(p->db, m->label, last);
    if (line) say(p, "%s", line);
    free(line);
  }
}

static const char *arrow(const player *p) {
  return p->tty && utf8_terminal() ? "\xE2\x86\x92" : "->";
}

/* Whether every answer of this session is in the journal. */
static bool journal_kept(const player *p) {
  return p->save && p->db && !p->nentries;
}

static char *summary_text(player *p) {
  return show_summary(p->s, arrow(p), journal_kept(p));
}

static void hint(player *p, const mend_question *q, mend_status st) {
  char msg[160];
  show_answer_problem(q, st, msg, sizeof msg);
  player_line(p, NULL, msg);
  if (p->tty && q->kind == MEND_ASK_TEXT) /* (in the history of text answers) */
    player_line(p, NULL, "(The Up arrow brings back what you wrote.)");
}

static void print_summary(player *p) {
  const mend_summary *sum = mend_session_summary(p->s);
  fputc('\n', stdout);
  /* the ending's title only: its tone is for authors and tools, and the
   * person is not handed a verdict (no tone word, no tone colour) */
  if (p->color) fputs("\033[1m", stdout);
  char *heading = show_ending(sum);
  fputs(heading, stdout);
  free(heading);
  if (p->color) fputs("\033[0m", stdout);
  /* (nothing to show: no check-ins, or an ending that leaves them out, and
   * nothing written; no heading over nothing) */
  char *text = summary_text(p);
  if (*text) {
    fputs("\n\nSummary\n", stdout);
    say(p, "%s", text);
  } else {
    fputc('\n', stdout);
  }
  free(text);
  compare_with_last_week(p);
  size_t j = journal_entries(p);
  if (!p->save || !j) return;
  if (p->db && !p->nentries) /* every entry of this session was committed */
    say(p, "\nYour journal keeps what you wrote here.");
  else if (p->db) /* one more try follows, as the session ends */
    say(p,
        "%zu of your answers could not be written to your journal yet (%s): if the next try "
        "fails too, copy them from above to keep them.",
        p->nentries, p->save_why ? p->save_why : "?");
  else
    say(p, "What you wrote here was not kept (%s): copy it from above to keep it.",
        p->save_why ? p->save_why : "?");
}

/* ---- saving -------------------------------------------------------------------- */

void player_done_store(player *p) {
  for (size_t i = 0; i < p->nentries; i++)
    free(p->entries[i].prompt), free(p->entries[i].text);
  for (size_t i = 0; i < p->ncheckins; i++)
    free(p->checkins[i].var), free(p->checkins[i].label);
  free(p->entries), free(p->checkins), free(p->save_why), free(p->story_file);
  p->entries = NULL, p->checkins = NULL, p->save_why = NULL, p->story_file = NULL;
  p->nentries = p->ncheckins = 0;
  db_close(p->db);
  p->db = NULL;
}

static void forget_committed(player *p) {
  free(p->save_why);
  p->save_why = NULL;
  p->save_error = 0;
  p->journal_error = 0;
  for (size_t i = 0; i < p->nentries; i++)
    free(p->entries[i].prompt), free(p->entries[i].text);
  for (size_t i = 0; i < p->ncheckins; i++)
    free(p->checkins[i].var), free(p->checkins[i].label);
  p->nentries = p->ncheckins = 0;
  p->contact_when = 0;
}

/* Commits the session's position (or its deletion, with `finished` or
 * before any decision) with every answer not yet committed, in one
 * transaction. Returns false when it could not (said once). */
static bool commit(player *p, bool finished) {
  if (!p->save) return true;
  if (!p->db) { /* said when the session opened; again when asked (:save) */
    if (!p->save_error) {
      fflush(stdout);
      fprintf(stderr, "mend: this session cannot be saved (%s)\n", p->save_why ? p->save_why : "?");
    }
    p->save_error = 1;
    return false;
  }
  db_step step = {mend_story_id(p->st),
                  p->story_file,
                  mend_story_title(p->st),
                  p->key,
                  DB_KEEP,
                  NULL,
                  0,
                  mend_session_decisions(p->s),
                  p->entries,
                  p->nentries,
                  p->checkins,
                  p->ncheckins,
                  p->contact_when};
  char *data = NULL;
  if (p->locked_out)
    step.op = DB_KEEP; /* the other player's save is left alone */
  else if (finished || (step.decisions == 0 && !mend_session_told(p->s))) /* nothing to resume */
    step.op = DB_DELETE; /* (what was told before any decision is kept: "he died last month") */
  else {
    step.op = DB_SAVE;
    mend_session_save(p->s, &data, &step.save_len);
    step.save = data;
  }
  bool ok = db_commit(p->db, &step);
  mend_free(data);
  if (ok) {
    bool was = p->journal_error && p->nentries;
    forget_committed(p);
    if (p->locked_out) p->save_error = 1; /* its place is not saved: :save must not say so */
    if (was) {
      fflush(stdout);
      fputs("mend: saved again; what you wrote meanwhile is now in your journal\n", stderr);
    }
    return true;
  }
  fflush(stdout);
  if (!p->save_error)
    fprintf(stderr,
            "mend: could not save this session (%s); you can go on, and the last good save is "
            "kept\n",
            db_error(p->db));
  if (p->nentries && !p->journal_error)
    fprintf(stderr,
            "mend: could not write to your journal (%s); your answer is kept in this session, "
            "and written at the next step that can be saved\n",
            db_error(p->db));
  p->journal_error = p->journal_error || p->nentries;
  p->save_error = 1;
  free(p->save_why);
  p->save_why = xstrdup(db_error(p->db));
  return false;
}

static void autosave(player *p) {
  commit(p, false);
}

/* The answer just given: its journal entry (a journalled text answer) and
 * its check-in (a scale or yes/no answer to a measure), committed with the
 * step (see autosave). */
static void journal_last_answer(player *p) {
  if (!p->save) return;
  const mend_summary *sum = mend_session_summary(p->s);
  if (!sum->nanswers) return;
  const mend_answer_record *a = &sum->answers[sum->nanswers - 1];
  time_t now = store_now();
  if (a->kind == MEND_ASK_TEXT && a->journal && !a->skipped) {
    p->entries = xrealloc(p->entries, (p->nentries + 1) * sizeof *p->entries);
    p->entries[p->nentries++] = (db_entry){now, xstrdup(a->prompt), xstrdup(a->text)};
  } else if (a->kind == MEND_ASK_SCALE || a->kind == MEND_ASK_YESNO) {
    for (size_t i = 0; i < mend_story_var_count(p->st); i++) {
      const mend_var_info *v = mend_story_var(p->st, i);
      if (!v->label || strcmp(v->name, a->var)) continue;
      p->checkins = xrealloc(p->checkins, (p->ncheckins + 1) * sizeof *p->checkins);
      p->checkins[p->ncheckins++] =
          (db_checkin){now, xstrdup(v->name), xstrdup(v->label), a->value};
      break;
    }
  }
}

/* "To go on later: mend play ID", as the person can type it here. */
static void say_resume(player *p, const char *lead) {
  char *c = invoked_command("play", mend_story_id(p->st));
  say(p, "%s%s", lead, c);
  free(c);
}

static int quit_saved(player *p, int status) {
  fflush(stdout);
  if (p->save && p->db && (p->save_error || p->nentries)) commit(p, false); /* one more try */
  bool decided = mend_session_decisions(p->s) > 0;
  if (p->save && p->db && !p->save_error && !p->locked_out && decided)
    say_resume(p, "\nSaved. To go on later: ");
  else if (p->save && decided && p->locked_out)
    say(p, "%s", "\nSession ended. Its place was not saved: another mend has this scenario open.");
  else if (p->save && decided)
    say(p, "\nSession ended. It could not be saved (%s)%s", p->save_why ? p->save_why : "?",
        p->nentries ? ", and what you wrote since is not in your journal." : ".");
  else if (p->tty) /* nothing decided yet: nothing to resume */
    say(p, "%s", "\nSession ended.");
  return status;
}

/* ---- input -------------------------------------------------------------------------- */

/* Keeps a line in its history: what was written to a text question in
 * its own (see use_history), and the rest, commands included, in the other. */
static void remember(const char *line, bool text) {
  if (!*line) return;
  use_history(text && line[0] != ':' && strcmp(line, "?") ? HIST_TEXT : HIST_OTHER);
  add_history(line);
}

/* Reads a line on a terminal, with the history of text answers when
 * `text` (which it then keeps the line in), else the other one. */
static char *read_line(player *p, const char *prompt, bool text) {
  (void)p;
  quit_requested = false;
  got_int = 0;
  use_history(text ? HIST_TEXT : HIST_OTHER);
  writing = text;
  char *line = readline(prompt);
  writing = false;
  if (got_term || quit_requested) {
    free(line);
    return NULL;
  }
  if (line) remember(line, text);
  return line;
}

char *player_input(player *p, const char *prompt) {
  if (p->tty) return read_line(p, prompt, false);
  fflush(stdout);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, stdin);
  if (n < 0) {
    free(line);
    return NULL;
  }
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
    line[--n] = 0;
  /* A NUL byte would silently cut the answer short: it becomes DEL, a control
   * character that every kind of answer refuses with a hint. */
  for (ssize_t i = 0; i < n; i++)
    if (!line[i]) line[i] = 0x7F;
  if (p->echo) {
    fputs("> ", stdout);
    term_puts(stdout, line);
    fputc('\n', stdout);
  }
  return line;
}

static void trim(char *s) {
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1]))
    s[--n] = 0;
  size_t k = 0;
  while (isspace((unsigned char)s[k]))
    k++;
  memmove(s, s + k, n - k + 1);
}

static bool confirm_or_answer(player *p, const char *question, bool *eof, char **typed, bool whole);

/* The whole line as a yes (1) or a no (0) to one of mend's own questions, in
 * the words people use for them that a story's yes/no does not take ("ok" to
 * "Can you keep that promise?" says little), or the question's own verb
 * ("resume it", "keep it"); else -1. Case and a closing mark do not matter. */
static int own_yes_or_no(const char *question, const char *line) {
  static const char *const yes[] = {"ok",        "okay",       "k",     "please",
                                    "ok please", "yes please", "i do",  "i would",
                                    "alright",   "all right",  "go on", "go ahead"};
  static const char *const no[] = {"not now", "no thanks",   "no thank you", "i dont",
                                   "i don't", "i do not",    "i wouldnt",    "i wouldn't",
                                   "not yet", "start again", "start over"};
  size_t n = strlen(line);
  while (n && (line[n - 1] == '.' || line[n - 1] == '!'))
    n--;
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (n == strlen(yes[i]) && !strncasecmp(line, yes[i], n)) return 1;
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (n == strlen(no[i]) && !strncasecmp(line, no[i], n)) return 0;
  /* the verb that starts the question's last sentence: "Resume it?" */
  const char *end = strrchr(question, '?'), *q = end;
  if (!end) return -1;
  while (q > question && !strchr(".!:", q[-1]))
    q--;
  while (*q == ' ')
    q++;
  size_t v = strcspn(q, " ?");
  if (q < end && v >= 3 && !strncasecmp(line, q, v) && (line[v] == ' ' || line[v] == '\0') &&
      !strstr(line, "not") && !strstr(line, "n't") && !strstr(line, "nt "))
    return 1;
  return -1;
}

bool player_confirm(player *p, const char *question, bool *eof) {
  return confirm_or_answer(p, question, eof, NULL, false);
}

/* Asks a yes/no question until it is answered ("yes please" is a yes). With
 * typed ("Leave this answer empty?"), a line of words that is not y or n ("i
 * cant do this anymore") is the answer the person meant to give, in *typed
 * (malloc'd), and false is returned; with whole, only a whole yes or no is
 * one, and any other line of words, or a number, is typed ("yes. he used to
 * hit me", "3" where "Do you mean 4) ...?" was asked: read as typed at the
 * choices, its words told, not a yes). */
static bool confirm_or_answer(player *p, const char *question, bool *eof, char **typed,
                              bool whole) {
  for (bool ask_it = true;;) {
    if (ask_it) { /* (after a wrong answer, its hint under the question) */
      char *ask;
      if (asprintf(&ask, "%s [y/n]", question) < 0) abort();
      player_line(p, NULL, ask);
      free(ask);
      ask_it = false;
    }
    char *line = player_input(p, p->tty ? "? " : "");
    if (!line) {
      *eof = true;
      return false;
    }
    bool yes;
    trim(line);
    /* the helplines answer wherever a question waits, this one too ("Keep this
     * summary in your journal?" after an ending that points to :support) */
    if (!strcmp(line, ":support")) {
      free(line);
      char *text = support_all_lines(p->sup);
      fputc('\n', stdout);
      say(p, "%s", text);
      free(text);
      ask_it = true; /* the question again, under the lines */
      continue;
    }
    mend_status st = mend_parse_yesno(line, &yes);
    if (st != MEND_OK && st != MEND_E_UNSURE && !whole) { /* "yes please", "no, wait" */
      int first = show_first_yes_or_no(line, strlen(line));
      /* where words are an answer, a line that goes on after its first "no"
       * ("no hope shes worth it") is that answer, not a no to leaving it
       * empty ("no, not yet" still is; "yes, keep it as it is" a yes) */
      if (first == 0 && typed && show_words_in(line, strlen(line)) > 3) first = -1;
      /* mend's own questions ("Resume it?", "Keep this summary in your
       * journal?") are answered as people answer them: "ok", "i do", "not
       * now", or in the question's words ("keep it", "resume it"); not
       * where the line may be the answer the person meant to give */
      if (first < 0 && !typed) first = own_yes_or_no(question, line);
      if (first >= 0) {
        yes = first;
        st = MEND_OK;
      }
    }
    if (st == MEND_OK) {
      free(line);
      return yes;
    }
    size_t letters = 0;
    for (const char *c = line; *c; c++)
      letters += (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (unsigned char)*c >= 0x80;
    bool number = whole && line[0] && strspn(line, "0123456789") == strlen(line);
    if (typed && st != MEND_E_UNSURE && (letters >= 3 || number)) {
      *typed = line;
      return false;
    }
    free(line);
    say(p, "%s", "Please answer y or n.");
  }
}

/* Input ended (Ctrl-D, Ctrl-C on an empty line, end of a pipe, a signal). */
static int ended_early(player *p) {
  if (got_term) return quit_saved(p, 128 + got_term);
  if (p->tty) return quit_saved(p, EXIT_OK);
  fflush(stdout);
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
    say(p, "%s", help_text);
  } else if (!strcmp(cmd, ":back") || !strcmp(cmd, ":b")) {
    if (mend_session_undo(p->s) == MEND_OK) {
      say(p, "%s", "(Back to the previous decision.)");
      autosave(p);
      *changed = true;
    } else {
      say(p, "%s", "Nothing to go back to: this is the first decision.");
    }
  } else if (!strcmp(cmd, ":status") || !strcmp(cmd, ":journal")) {
    bool status = !strcmp(cmd, ":status");
    say(p, "%s", status ? "Your check-ins so far:" : "What you wrote in this session:");
    char *text = NULL; /* wrapped as everything the player says: by words */
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) abort();
    if (!status)
      show_journal(p->s, m);
    else if (!show_checkins(p->s, m, NULL))
      fputs("  (none yet)\n", m);
    fclose(m);
    say(p, "%s", text);
    free(text);
  } else if (!strcmp(cmd, ":example")) {
    const mend_question *q = mend_session_question(p->s);
    if (!q || !q->nexamples) {
      say(p, "%s", "There is no example for this question.");
    } else {
      player_line(p, "Example: ", q->examples[p->example++ % q->nexamples]);
    }
  } else if (!strcmp(cmd, ":save")) {
    if (!p->save) {
      say(p, "%s", "This session is not saved (--no-save).");
    } else {
      p->save_error = 0;
      autosave(p);
      if (!p->save_error) say_resume(p, "Saved. To go on later: ");
    }
  } else if (!strcmp(cmd, ":restart")) {
    bool eof = false;
    if (player_confirm(p, "Start this scenario over from the beginning?", &eof)) {
      mend_session_reset(p->s, p->seed);
      say(p, "%s", "(Starting over.)");
      autosave(p);
      *changed = true;
    } else if (eof) {
      return ended_early(p);
    } else {
      say(p, "%s", "(Going on.)");
    }
  } else if (!strcmp(cmd, ":support")) {
    char *text = support_all_lines(p->sup);
    fputc('\n', stdout);
    say(p, "%s", text);
    free(text);
  } else if (!strcmp(cmd, ":quit") || !strcmp(cmd, ":q")) {
    say(p, "%s", "Stopping here. Take care of yourself.");
    return quit_saved(p, EXIT_OK);
  } else {
    say(p, "Unknown command '%s'. Type :help for the list.", cmd);
  }
  return GO_ON;
}

static int scan_refused(player *p, const char *line, bool *shown);

/* Reads the answer to a text question. On a terminal, readline keeps a
 * pasted text whole and a \\ at the end of a line goes on to a new line
 * (enter_key); in plain mode a line that ends with \\ goes on with the next
 * one, the same way. NULL at the end of input (before any line). */
static char *read_answer(player *p) {
  if (p->tty) return read_line(p, "> ", true);
  char *line = player_input(p, "");
  for (size_t n; line && (n = strlen(line)) > 0 && line[n - 1] == '\\';) {
    char *more = player_input(p, "");
    if (!more) {
      line[n - 1] = 0; /* the input ended: what was written is the answer */
      break;
    }
    line[n - 1] = '\n';
    char *joined;
    if (asprintf(&joined, "%s%s", line, more) < 0) abort();
    free(line);
    free(more);
    line = joined;
  }
  return line;
}

/* Waits for the pending decision and makes it. Returns GO_ON or a status. */
static int decide(player *p) {
  mend_pending pend = mend_session_pending(p->s);
  bool text = pend == MEND_PENDING_ASK && mend_session_question(p->s)->kind == MEND_ASK_TEXT;
  /* words typed at the pause before a text question were meant for it, most
   * often ("Picture a quiet evening..." (press Enter), and the retelling typed
   * there): they are not lost, the answer starts with them */
  if (text && p->tty && p->carried) {
    say(p, "%s", "(What you typed is below: press Enter to keep it, or change it.)");
    prefill = p->carried;
  }
  char *carried_choice = NULL; /* words typed where "Do you mean ...?" was asked */
  for (;;) {
    p->deciding = true;
    char *line = carried_choice ? carried_choice
                 : text         ? read_answer(p)
                                : player_input(p, p->tty ? "> " : "");
    carried_choice = NULL;
    p->deciding = false;
    prefill = NULL;
    free(p->carried);
    p->carried = NULL;
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
      long i = show_pick_choice(p->s, line, &amb);
      if (i >= 0) {
        free(line);
        mend_session_choose(p->s, (size_t)i);
        return GO_ON;
      }
      bool shown = false;
      uint64_t offered = show_choices_offered(p->s);
      p->moved = false;
      int rc = scan_refused(p, line, &shown);
      if (rc != GO_ON || p->moved) { /* (led on: the new view comes next) */
        free(line);
        return rc;
      }
      /* "2. i need air", "I already know. Im not going back, and ...": the
       * choice it starts with; not where its words brought a screen or the
       * story's own answer ("3 but im going round his tonight": the choice's
       * words may say otherwise; the choices again, to take one knowing that) */
      char *taken = show_take_choice_first(p->s, line, offered);
      long meant = taken ? -1 : show_choice_meant(p->s, line, offered);
      free(line);
      if (taken) {
        say(p, "%s", taken);
        free(taken);
        return GO_ON;
      }
      /* the choices scrolled away, or what was told changed them */
      if (shown || show_choices_offered(p->s) != offered) {
        print_choices(p);
        continue;
      }
      /* "block him. but what if he comes round": one choice named in the
       * person's own words, asked about (it may mean something else) */
      if (meant >= 0) {
        char *q = show_meant_question(p->s, meant);
        bool eof = false;
        char *typed = NULL;
        bool yes = confirm_or_answer(p, q, &eof, &typed, true);
        free(q);
        if (yes) {
          mend_session_choose(p->s, (size_t)meant);
          return GO_ON;
        }
        if (eof) return ended_early(p);
        if (typed) { /* words, not a yes or a no: what they type next */
          carried_choice = typed;
          continue;
        }
        print_choices(p);
        continue;
      }
      if (amb)
        say(p, "%s", "That matches more than one choice; type its number or more of its words.");
      else if (mend_session_choice_count(p->s) == 1)
        say(p, "%s", "Please type 1, or the start of the choice.");
      else
        say(p, "Please type a number from 1 to %zu, or the start of a choice.",
            mend_session_choice_count(p->s));
      continue;
    }
    const mend_question *q = mend_session_question(p->s);
    if (q->kind == MEND_ASK_TEXT && !line[0]) {
      free(line);
      bool eof = false;
      char *typed = NULL;
      /* an empty answer keeps an earlier one as it is (the session does not
       * write over it): asking to leave it empty would say otherwise */
      const char *before = mend_session_text(p->s, q->var);
      if (confirm_or_answer(p,
                            before && *before ? "Keep your earlier answer as it is?"
                                              : "Leave this answer empty?",
                            &eof, &typed, false)) {
        mend_session_answer(p->s, "");
        return GO_ON;
      }
      if (eof) return ended_early(p);
      if (!typed) {
        print_question(p);
        continue;
      }
      line = typed; /* words, not y or n: the answer, after all */
    }
    size_t left_out = 0;
    if (q->kind == MEND_ASK_TEXT) {
      player_watch(p);                                             /* read what is written */
      mend_free(mend_answer_clean(line, strlen(line), &left_out)); /* (the session cleans it too) */
    }
    if (q->kind != MEND_ASK_TEXT) player_watch(p); /* (the lexicon: "no, ...", "9. ...") */
    char *heard = NULL;
    bool moved = false;
    mend_status st =
        show_answer_first_word(p->s, mend_session_answer(p->s, line), line, &heard, &moved);
    if (st == MEND_OK) {
      free(line);
      if (heard) { /* the story's <hear> for what came with the yes or no */
        fputc('\n', stdout);
        player_line(p, NULL, heard);
        free(heard);
      }
      if (moved) return GO_ON; /* (led on by a <hear>: nothing was answered) */
      if (left_out) {
        char *note = show_left_out(left_out);
        player_line(p, NULL, note);
        free(note);
      }
      journal_last_answer(p);
      return GO_ON;
    }
    bool shown = false;
    int qline = q->line;
    p->moved = false;
    int before[2] = {p->refused_level[0], p->refused_level[1]};
    int rc = scan_refused(p, line, &shown);
    /* what it told ended the question's own condition (if="not told('grief')"),
     * or a <hear> led the story on: not asked again, the story went on (its
     * view comes next) */
    if (rc == GO_ON && (p->moved || show_question_left(p->s, qline))) {
      free(line);
      return GO_ON;
    }
    /* "no, he wouldnt let me see my friends": after what its words brought,
     * the no is the answer (the person is not asked again) */
    char said[SHOW_ANSWER_SAID];
    if (rc == GO_ON && show_answer_after_signs(p->s, st, line, said) == MEND_OK) {
      /* ("10 honestly. i cant do this anymore": the screen, then the 10; the
       * next view's own <support> for it is not "That sounds heavy again") */
      if (shown) p->answer_screened = show_support_raised(before, p->refused_level);
      say(p, "%s", said);
      free(line);
      journal_last_answer(p);
      return GO_ON;
    }
    free(line);
    if (rc != GO_ON) return rc;
    /* the hint says what to type, under the question still on the screen (as
     * at a choice); the question again only where a screen took its place */
    if (shown)
      print_question(p);
    else
      hint(p, q, st);
  }
}

/* The last words of a session that reached its ending: what the person
 * might do next, as commands they can type here. */
static void say_what_next(player *p) {
  char *lib = invoked_command("", NULL);
  lib[strlen(lib) - 1] = 0; /* the name alone, without the space */
  if (p->save && p->db) {
    char *journal = invoked_command("journal", NULL), *progress = invoked_command("progress", NULL);
    say(p,
        "\nWhen you are ready: %s shows what you wrote, %s your check-ins across days, and %s "
        "opens the scenarios again. Or simply rest for now.",
        journal, progress, lib);
    free(journal);
    free(progress);
  } else {
    say(p, "\nWhen you are ready: %s opens the scenarios again. Or simply rest for now.", lib);
  }
  free(lib);
}

static void offer_summary_to_journal(player *p) {
  if (!p->tty || !p->save || !p->db) return;
  /* the answers to journal questions are entries of their own: the summary
   * kept leaves them out, unless some could not be written yet */
  char *text = p->nentries ? summary_text(p) : show_summary_kept(p->s, arrow(p));
  if (!*text) { /* nothing the journal does not hold already */
    free(text);
    return;
  }
  bool eof = false;
  fputc('\n', stdout);
  /* (beside "Your journal keeps what you wrote here.": a no loses none of it) */
  if (!player_confirm(p,
                      journal_entries(p) ? "Add this summary to your journal too?"
                                         : "Keep this summary in your journal?",
                      &eof)) {
    free(text);
    return;
  }
  const mend_summary *sum = mend_session_summary(p->s);
  char *prompt;
  if (asprintf(&prompt, "Summary: %s", sum->ending_title) < 0) abort();
  db_entry e = {store_now(), prompt, text};
  db_step step = {mend_story_id(p->st),
                  p->story_file,
                  mend_story_title(p->st),
                  p->key,
                  DB_KEEP,
                  NULL,
                  0,
                  0,
                  &e,
                  1,
                  NULL,
                  0,
                  0};
  if (db_commit(p->db, &step))
    say(p, "%s", "Kept in your journal.");
  else
    fprintf(stderr, "mend: could not write to your journal (%s); the summary was not kept\n",
            db_error(p->db));
  free(text);
  free(prompt);
}

/* The story cannot go on (a run-time error, or automatic moves that loop):
 * the person can go back, start over or stop. Returns GO_ON when the
 * session changed, or an exit status (4 when input ends here). */
static int stuck(player *p) {
  say(p, "%s %s", show_stuck,
      mend_session_decisions(p->s)
          ? "Type :back to go back to your last decision, :restart to start over, or :quit to "
            "stop."
          : "Type :restart to start over, or :quit to stop.");
  for (;;) {
    char *line = player_input(p, p->tty ? "> " : "");
    if (!line) {
      if (got_term) return quit_saved(p, 128 + got_term);
      return p->tty ? quit_saved(p, EXIT_RUNTIME) : EXIT_RUNTIME;
    }
    trim(line);
    if (line[0] == ':' || !strcmp(line, "?")) {
      bool changed = false;
      int rc = command(p, line, &changed);
      free(line);
      if (rc != GO_ON || changed) return rc;
      continue;
    }
    free(line);
    say(p, "%s", "Type :back, :restart or :quit.");
  }
}

/* ---- the safety layer ---------------------------------------------------------- */

void player_watch(player *p) {
  if (p->sup && p->st) mend_story_set_lexicon(p->st, support_lexicon(p->sup));
}

/* Which of the screen's three choices a line names: 1, 2, 3, or 0. */
static int support_choice(const char *a) {
  static const char *const words[] = {"go on", "pause", "stop"};
  uint64_t n;
  if (parse_u64(a, &n)) return n >= 1 && n <= 3 ? (int)n : 0;
  size_t len = strlen(a);
  for (int i = 0; len && i < 3; i++)
    if (!strncasecmp(a, words[i], len < strlen(words[i]) ? len : strlen(words[i]))) return i + 1;
  return !strcmp(a, ":quit") || !strcmp(a, ":q") ? 2 : 0;
}

/* A line typed at the support screen that is not one of its choices is
 * still what the person said: the story is told it, a more serious sign gets
 * its lines, and heavy or unsafe words a sentence, not "Please type 1 or 2"
 * (once a screen for each: typed again, "I hear you."; *answered has a bit
 * for each said, 1 heavy, 2 unsafe). Returns 2 when a screen was shown, 1
 * when heavy or unsafe words got their sentence, else 0 (words heard, "I
 * hear you.", or none: the hint follows). */
static int heard_at_screen(player *p, const char *line, unsigned *answered) {
  if (!p->sup || !support_lexicon(p->sup)) return 0;
  unsigned again = screen_seen(p->s, p->refused_level, false);
  mend_safety_result r;
  const mend_safety_hit *h[2];
  char *words[2];
  const char *said;
  unsigned said_here = SCREEN_REMINDED; /* (the screen is the reminder) */
  mend_told flags;
  bool shown =
      screen_refused(p->s, line, p->refused_level, &said_here, false, &r, h, words, &said, &flags);
  if (mend_session_heard(p->s, NULL) == MEND_HEARD_MOVED) p->moved = true;
  if (shown) {
    char *text = support_screen(p->sup, again, h[1], words[1], h[0], words[0]);
    fputc('\n', stdout);
    say(p, "%s", text);
    free(text);
  } else if (flags & MEND_TOLD_ALL) {
    unsigned kind = flags & (MEND_TOLD_CRISIS | MEND_TOLD_HEAVY) ? 1u : 2u;
    if (*answered & kind)
      say(p, "%s", "\nI hear you.");
    else if (kind == 1)
      say(p, "%s",
          "\nThat sounds heavy. You do not have to hold it alone: the people above are there to "
          "talk to, about anything.");
    else
      say(p, "%s", "\nThat sounds hard. The people above can help with that too.");
    *answered |= kind;
  } else if (said) { /* other words ("i just want him back"): heard, then the hint */
    say(p, "\n%s", said);
  }
  const char *also = screen_heard_also(p->s, said);
  if (also) say(p, "\n%s", also);
  free(words[0]);
  free(words[1]);
  return shown ? 2 : (flags & MEND_TOLD_ALL) ? 1 : 0;
}

/* Shows the support screen and asks whether to go on, pause or stop.
 * Returns GO_ON or an exit status. */
static int support_dialog(player *p, unsigned again, const mend_safety_hit *crisis, const char *cw,
                          const mend_safety_hit *abuse, const char *aw) {
  char *text = support_screen(p->sup, again, crisis, cw, abuse, aw);
  fputc('\n', stdout);
  say(p, "%s", text);
  free(text);
  /* where nothing is kept, a pause and a stop are one: the choices say so */
  bool kept = p->save && p->db && !p->save_error && !p->locked_out;
  unsigned answered = 0; /* lines typed here met with "That sounds heavy/hard..." */
  /* the choices again only where a screen took their place; after a wrong
   * answer, its hint under them (as at a question), and after words that
   * were answered, the prompt */
  bool ask = true;
  for (;;) {
    if (ask) say(p, "%s", kept ? support_choices : support_choices_unsaved);
    ask = false;
    char *line = player_input(p, p->tty ? "> " : "");
    if (!line) return ended_early(p);
    trim(line);
    int c = support_choice(line);
    if (!kept && c == 3) c = !strcmp(line, "3") ? 0 : 2; /* "stop" is 2 here; 3 is not offered */
    int heard = !c && line[0] ? heard_at_screen(p, line, &answered) : 0;
    free(line);
    if (heard) { /* (what it said stands as the answer to the line; the menu is above) */
      ask = heard == 2;
      continue;
    }
    if (c == 1) {
      say(p, "%s", "\n(Going on. :support shows these lines again at any time.)");
      return GO_ON;
    }
    if (c == 2) {
      fflush(stdout);
      if (kept) {
        say_resume(p, "\nYour place is kept. When you want to go on: ");
        say(p, "%s", "Take care of yourself.");
      } else {
        say(p, "%s", "\nThis session is not being saved, so it ends here. Take care of yourself.");
      }
      return EXIT_OK;
    }
    if (c == 3) {
      /* the session goes, with what was not written yet (see commit) */
      if (!p->save)
        say(p, "%s", "\nThis scenario is stopped. Take care of yourself.");
      else if (commit(p, true))
        say(p, "%s",
            "\nThis scenario is stopped. Your journal keeps what you wrote. Take care of "
            "yourself.");
      else
        say(p, "%s",
            "\nThis scenario is stopped. What you wrote since the last save could not be kept "
            "(see above). Take care of yourself.");
      return EXIT_OK;
    }
    say(p, "%s", kept ? "Please type 1, 2 or 3." : "Please type 1 or 2.");
  }
}

/* When the view offers support, shows the screen before anything else and
 * asks whether to go on, pause or stop. Returns GO_ON or an exit status. */
static int offer_support(player *p) {
  const mend_safety_hit *crisis, *abuse;
  const char *cw, *aw;
  if (!show_support_items(p->s, p->refused_level, &crisis, &cw, &abuse, &aw)) return GO_ON;
  p->screened = true;
  return support_dialog(p, screen_seen(p->s, p->refused_level, true), crisis, cw, abuse, aw);
}

/* A line the session refused (not a number, not a choice) is still what the
 * person wrote: the session is told it (its story's told() reads it), it is
 * scanned as an answer would be, and support is offered
 * above what was offered before; a sign no more serious than that gets the
 * short reminder, once a view, as the session gives it. Returns GO_ON or an
 * exit status. */
static int scan_refused(player *p, const char *line, bool *shown) {
  *shown = false;
  if (!p->sup || !support_lexicon(p->sup)) return GO_ON;
  player_watch(p); /* (the story's lexicon, for the session to read the line) */
  mend_safety_result r;
  const mend_safety_hit *h[2];
  char *words[2];
  const char *say;
  unsigned again = screen_seen(p->s, p->refused_level, false);
  *shown = screen_refused(p->s, line, p->refused_level, &p->said, false, &r, h, words, &say, NULL);
  if (mend_session_heard(p->s, NULL) == MEND_HEARD_MOVED) p->moved = true;
  if (say) {
    fputc('\n', stdout);
    player_line(p, NULL, say);
  }
  /* the story's words too: beside the line's own, or after the screen it
   * brought, when the person goes on */
  const char *also = *shown ? NULL : screen_heard_also(p->s, say);
  if (also) {
    fputc('\n', stdout);
    player_line(p, NULL, also);
  }
  /* the story's words on the rest of the line, after the screen it brought */
  const char *after = *shown ? screen_heard_also(p->s, NULL) : NULL;
  char *later = after ? strdup(after) : NULL;
  if (after && !later) abort();
  int rc = *shown ? support_dialog(p, again, h[1], words[1], h[0], words[0]) : GO_ON;
  if (rc == GO_ON && later) {
    fputc('\n', stdout);
    player_line(p, NULL, later);
  }
  free(later);
  free(words[0]);
  free(words[1]);
  return rc;
}

/* Shows what the session produced: the support screen first when it offers
 * support, then the rest. Returns GO_ON or an exit status. */
static int show_view(player *p) {
  /* a <contact/> is recorded at once, whatever comes next (the support
   * screen, a stop, a move that plain mode does not save) */
  for (size_t i = 0; p->save && p->db && i < mend_session_item_count(p->s); i++)
    if (mend_session_item(p->s, i)->kind == MEND_ITEM_CONTACT) {
      p->contact_when = store_now();
      commit(p, false);
      break;
    }
  p->said &= SCREEN_KEPT; /* a new view: a refused line may get the reminder, once */
  for (size_t i = 0; i < mend_session_item_count(p->s); i++)
    if (mend_session_item(p->s, i)->kind == MEND_ITEM_SUPPORT_AGAIN) p->said |= SCREEN_REMINDED;
  p->screened = false;
  int rc = offer_support(p);
  if (rc == GO_ON) print_view(p);
  p->answer_screened = 0; /* (that view only) */
  return rc;
}

static void print_title(player *p) {
  const char *title = mend_story_title(p->st);
  fputc('\n', stdout);
  if (p->color) fputs("\033[1m", stdout);
  term_puts(stdout, title);
  if (p->color) fputs("\033[0m", stdout);
  fputc('\n', stdout);
  for (size_t i = term_width_of(title, strlen(title)); i > 0; i--)
    fputc('=', stdout);
  fputc('\n', stdout);
}

int player_run(player *p, bool resumed) {
  print_title(p);
  if (resumed)
    say(p, "\n(Resuming where you left off: %zu decision%s in.)", mend_session_decisions(p->s),
        mend_session_decisions(p->s) == 1 ? "" : "s");
  size_t autos = 0;
  /* On a terminal an automatic move waits for Enter, so that a scene can be
   * read before the next one comes; but not when nothing was shown since the
   * person's last key press (an empty pause), nor straight after an answer:
   * a node that asks, says a word about the answer and moves on flows into
   * what comes next, as the story's own move. */
  bool shown = false, answered = false;
  autosave(p);
  int rc0 = show_view(p);
  if (rc0 != GO_ON) return rc0;
  shown = show_view_shows_something(p->s);
  for (;;) {
    int rc;
    switch (mend_session_pending(p->s)) {
    case MEND_PENDING_ASK:
    case MEND_PENDING_CHOICE: {
      autos = 0;
      bool asked = mend_session_pending(p->s) == MEND_PENDING_ASK;
      size_t before = mend_session_decisions(p->s);
      rc = decide(p);
      if (rc != GO_ON) return rc;
      /* (after a choice: when the node it led to said nothing of its own) */
      answered = mend_session_decisions(p->s) > before && (asked || show_view_flows_on(p->s));
      autosave(p);
      if ((rc = show_view(p)) != GO_ON) return rc;
      shown = show_view_shows_something(p->s);
      break;
    }
    case MEND_PENDING_AUTO:
      if (p->tty && shown && !answered) {
        autos = 0;
        p->deciding = true;
        char *line = player_input(p, "(press Enter) ");
        p->deciding = false;
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
        /* words typed here are still what the person wrote: read as a
         * refused line is ("i want to die" at a pause) */
        bool screen = false;
        p->moved = false;
        rc = line[0] ? scan_refused(p, line, &screen) : GO_ON;
        /* (not words that brought a screen, told a sign, or that the story
         * answered itself: "i want to die", "he died last month" typed at a
         * pause were told, not written for the question after it) */
        if (line[0] && !p->moved && !screen && mend_session_heard(p->s, NULL) == MEND_HEARD_NONE &&
            !(mend_session_signs(p->s, line, strlen(line)) & MEND_TOLD_ALL)) {
          free(p->carried);
          p->carried = line;
          line = NULL;
        }
        free(line);
        if (rc != GO_ON) return rc;
        if (p->moved) { /* a <hear> led the story on: its view, not the move waiting */
          autosave(p);
          if ((rc = show_view(p)) != GO_ON) return rc;
          shown = show_view_shows_something(p->s);
          continue;
        }
        shown = false;
      } else if (++autos > MEND_MAX_AUTO_IN_A_ROW) {
        fflush(stdout);
        char *why = show_loops(mend_session_node(p->s));
        fprintf(stderr, "mend: %s\n", why);
        free(why);
        autos = 0;
        rc = stuck(p);
        if (rc != GO_ON) return rc;
        if ((rc = show_view(p)) != GO_ON) return rc;
        break;
      }
      answered = false; /* the next scene's move waits, as any */
      mend_session_continue(p->s);
      /* In plain mode automatic moves are not saved one by one: the save of
       * the last decision leads to them again, and a loop of them does not
       * write (or grow) the save at every move. */
      if (p->tty) autosave(p);
      if ((rc = show_view(p)) != GO_ON) return rc;
      shown = shown || show_view_shows_something(p->s);
      break;
    case MEND_PENDING_END: {
      print_summary(p);
      fflush(stdout); /* shown before the save goes: a kill between them leaves a trace */
      /* finished: its save goes, in the transaction that writes what was not
       * written yet; when that fails, the last good save stays */
      size_t unwritten = p->nentries;
      bool ok = commit(p, true);
      if (ok && unwritten)
        say(p, "%s", "What you wrote here is in your journal after all.");
      else if (!ok && p->db)
        say(p, "%s",
            p->locked_out ? "Nothing more could be written to your journal."
                          : "Nothing more could be written, and the last good save of this "
                            "session was kept.");
      offer_summary_to_journal(p);
      say_what_next(p);
      return EXIT_OK;
    }
    case MEND_PENDING_ERROR:
      fflush(stdout);
      fputs("mend: ", stderr);
      term_puts(stderr, mend_session_error(p->s));
      fputc('\n', stderr);
      rc = stuck(p);
      if (rc != GO_ON) return rc;
      if ((rc = show_view(p)) != GO_ON) return rc;
      break;
    }
  }
}
