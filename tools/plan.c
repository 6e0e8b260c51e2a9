/* SPDX-License-Identifier: MIT */
/* plan.c - see plan.h. */
#include "plan.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mend/analyse.h"
#include "mend/safety.h"
#include "mend/test.h"
#include "notes.h"
#include "show.h"
#include "store.h"
#include "xalloc.h"

#define MAX_PLAN (1024u * 1024)

#define PLAN_MAX_AUTOS 10000 /* automatic moves in a row, as in `mend play` */

static char *xvprintf(const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  char *r = xrealloc(NULL, (size_t)n + 1);
  vsnprintf(r, (size_t)n + 1, fmt, ap);
  return r;
}

/* ---- reading a plan ------------------------------------------------------------ */

static void plan_error(plan *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void plan_error(plan *p, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = xvprintf(fmt, ap);
  va_end(ap);
  size_t n = strlen(p->path) + strlen(msg) + 40;
  char *full = xrealloc(NULL, n);
  if (line)
    snprintf(full, n, "%s:%d: error: %s", p->path, line, msg);
  else
    snprintf(full, n, "%s: error: %s", p->path, msg);
  free(msg);
  p->errors = xrealloc(p->errors, sizeof *p->errors * (p->nerrors + 1));
  p->errors[p->nerrors++] = full;
}

static char *trim(char *s) {
  while (isspace((unsigned char)*s))
    s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1]))
    s[--n] = 0;
  return s;
}

static const struct {
  const char *word;
  p_kind kind;
  bool arg;
} keywords[] = {
    {"choose", P_CHOOSE, true}, {"answer", P_ANSWER, true},           {"skip", P_SKIP, false},
    {"expect", P_EXPECT, true}, {"expect-not", P_EXPECT_NOT, true},   {"ending", P_ENDING, true},
    {"tell", P_TELL, true},     {"tell-at-pause", P_TELL_PAUSE, true}};

void plan_load(const char *path, plan *p) {
  /* a regular file of at most MAX_PLAN bytes, opened without blocking: a
   * plan linked to /dev/zero or a FIFO is refused, not read for ever */
  char *data = NULL;
  size_t size = 0;
  int rc = store_read(path, MAX_PLAN, &data, &size);
  if (rc) {
    memset(p, 0, sizeof *p);
    p->path = xstrdup(path);
    plan_error(p, 0, "cannot read the plan: %s",
               rc == ENODEV  ? "it is not a regular file"
               : rc == EFBIG ? "it is larger than 1 MB"
                             : strerror(rc));
    return;
  }
  plan_parse(path, data, size, p);
  free(data);
}

void plan_parse(const char *path, const char *data, size_t size, plan *p) {
  memset(p, 0, sizeof *p);
  p->path = xstrdup(path);
  static char empty[1];
  FILE *f = size ? fmemopen((void *)data, size, "r") : fmemopen(empty, 1, "r");
  if (!f) abort();
  char *buf = NULL;
  size_t cap = 0;
  int line = 0, seed_line = 0, ending_line = 0;
  while (getline(&buf, &cap, f) >= 0) {
    line++;
    char *s = trim(buf);
    if (!*s || *s == '#') continue;
    size_t w = 0;
    while (s[w] && !isspace((unsigned char)s[w]))
      w++;
    char *arg = trim(s + w);
    s[w] = 0;
    if (!strcmp(s, "seed")) {
      char *end;
      errno = 0;
      unsigned long long v = strtoull(arg, &end, 10);
      if (!isdigit((unsigned char)*arg) || *end || errno)
        plan_error(p, line, "seed needs a whole number from 0, as in 'seed 3'");
      else if (seed_line)
        plan_error(p, line, "a second seed (the first is on line %d)", seed_line);
      else if (p->nsteps)
        plan_error(p, line, "the seed comes before the first step");
      else
        p->seed = v, seed_line = line;
      continue;
    }
    size_t k = 0, nk = sizeof keywords / sizeof *keywords;
    while (k < nk && strcmp(keywords[k].word, s))
      k++;
    if (k == nk) {
      plan_error(p, line,
                 "unknown step '%s': a step is seed, choose, answer, skip, tell, tell-at-pause, "
                 "expect, expect-not or ending",
                 s);
      continue;
    }
    if (keywords[k].arg && !*arg) {
      plan_error(p, line, "'%s' needs %s", s,
                 keywords[k].kind == P_ANSWER ? "the answer (to skip a text question, write 'skip')"
                 : keywords[k].kind == P_CHOOSE ? "the choice's number or the start of its words"
                 : keywords[k].kind == P_ENDING ? "the ending's id or title"
                 : keywords[k].kind == P_TELL   ? "the line typed, as in 'tell he hit me'"
                 : keywords[k].kind == P_TELL_PAUSE
                     ? "the line typed, as in 'tell-at-pause he hit me'"
                     : "the words to look for");
      continue;
    }
    if (!keywords[k].arg && *arg) {
      plan_error(p, line, "'%s' takes nothing after it", s);
      continue;
    }
    if (ending_line) {
      plan_error(p, line, "a step after the ending (line %d): the ending is the last step",
                 ending_line);
      continue;
    }
    if (keywords[k].kind == P_ENDING) ending_line = line;
    int first = line;
    char *text = xstrdup(arg);
    /* an answer of several lines: a line that ends with \\ goes on with the
     * next one, as in mend play */
    for (size_t n; keywords[k].kind == P_ANSWER && (n = strlen(text)) && text[n - 1] == '\\';) {
      if (getline(&buf, &cap, f) < 0) {
        text[n - 1] = 0;
        break;
      }
      line++;
      text[n - 1] = '\n';
      char *more = trim(buf);
      text = xrealloc(text, n + strlen(more) + 1);
      strcpy(text + n, more);
    }
    p->steps = xrealloc(p->steps, sizeof *p->steps * (p->nsteps + 1));
    p->steps[p->nsteps++] = (p_step){keywords[k].kind, first, text};
  }
  free(buf);
  fclose(f);
  if (!ending_line && !p->nerrors)
    plan_error(p, 0, "the plan has no 'ending' step: end it with the ending it reaches");
}

void plan_free(plan *p) {
  for (size_t i = 0; i < p->nsteps; i++)
    free(p->steps[i].arg);
  free(p->steps);
  for (size_t i = 0; i < p->nerrors; i++)
    free(p->errors[i]);
  free(p->errors);
  free(p->path);
  memset(p, 0, sizeof *p);
}

/* ---- finding plans ------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scan(const char *dir, const char *base, char ***out, size_t *n) {
  DIR *d = opendir(dir[0] ? dir : ".");
  if (!d) return;
  size_t bl = strlen(base);
  struct dirent *e;
  while ((e = readdir(d))) {
    const char *name = e->d_name;
    size_t len = strlen(name);
    if (len <= bl + 1 + 5 || strncmp(name, base, bl) || name[bl] != '.' ||
        strcmp(name + len - 5, ".plan"))
      continue;
    size_t size = strlen(dir) + len + 2;
    char *path = xrealloc(NULL, size);
    snprintf(path, size, "%s%s", dir, name);
    *out = xrealloc(*out, sizeof **out * (*n + 1));
    (*out)[(*n)++] = path;
  }
  closedir(d);
}

size_t plan_find(const char *story, char ***out) {
  *out = NULL;
  size_t n = 0;
  const char *slash = strrchr(story, '/');
  size_t dl = slash ? (size_t)(slash - story) + 1 : 0;
  char *dir = xrealloc(NULL, dl + 8);
  memcpy(dir, story, dl);
  dir[dl] = 0;
  char *base = xstrdup(story + dl);
  size_t bl = strlen(base);
  if (bl > 4 && !strcmp(base + bl - 4, ".xml")) base[bl - 4] = 0;
  scan(dir, base, out, &n);
  strcpy(dir + dl, "plans/");
  scan(dir, base, out, &n);
  free(dir);
  free(base);
  if (n) qsort(*out, n, sizeof **out, cmp_str);
  return n;
}

/* ---- running a plan ------------------------------------------------------------ */

typedef struct shown_line {
  char *text;
  int line;
} shown_line;

typedef struct runner {
  const mend_story *st;
  mend_graph *g;
  mend_session *s;
  shown_line *shown; /* everything shown since the last answer, as plain mode shows it */
  size_t nshown, cap;
  p_result *r;
  bool seen, answered; /* at an automatic move: something shown since the last key, and
                          the last key an answer (mend play's pause: seen and not answered) */
} runner;

static void show(runner *u, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void show(runner *u, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *t = xvprintf(fmt, ap);
  va_end(ap);
  if (u->nshown == u->cap)
    u->shown = xrealloc(u->shown, sizeof *u->shown * (u->cap = u->cap ? u->cap * 2 : 16));
  u->shown[u->nshown++] = (shown_line){t, line};
}

static void forget_shown(runner *u) {
  for (size_t i = 0; i < u->nshown; i++)
    free(u->shown[i].text);
  u->nshown = 0;
}

static void collect(runner *u) {
  mend_session *s = u->s;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    int n = (int)it->text.length;
    if (it->kind == MEND_ITEM_FEEDBACK)
      show(u, it->line, "[%s] %.*s", mend_tone_name(it->tone), n, it->text.text);
    else if (it->kind == MEND_ITEM_RULE) {
      char *verdict = rule_verdict(it, true);
      show(u, it->line, "%s%s%.*s", verdict, n ? ": " : "", n, it->text.text);
      free(verdict);
    } else if (it->kind == MEND_ITEM_UNREAD)
      show(u, it->line, "These notes read only %.*s: what you wrote here was not checked.", n,
           it->text.text);
    else if (it->kind == MEND_ITEM_SUPPORT)
      show(u, it->line, "[support: %s]", mend_safety_category_name(it->support->category));
    else if (it->kind == MEND_ITEM_SUPPORT_AGAIN)
      show(u, it->line, "[support again: %s]", mend_safety_category_name(it->support->category));
    else if (it->kind == MEND_ITEM_CONTACT)
      show(u, it->line, "[contact]");
    else
      show(u, it->line, "%.*s", n, it->text.text);
  }
  const mend_question *q = mend_session_question(s);
  if (q) {
    int n = (int)q->prompt.length;
    if (q->kind == MEND_ASK_SCALE)
      show(u, q->line, "%.*s [%lld-%lld]", n, q->prompt.text, (long long)q->min, (long long)q->max);
    else if (q->kind == MEND_ASK_YESNO)
      show(u, q->line, "%.*s [y/n]", n, q->prompt.text);
    else
      show(u, q->line, "%.*s", n, q->prompt.text);
  }
  for (size_t i = 0; i < mend_session_choice_count(s); i++) {
    const mend_choice_view *c = mend_session_choice(s, i);
    show(u, c->line, "%zu) %.*s", i + 1, (int)c->label.length, c->label.text);
  }
}

/* The view the session shows now, in place of what was shown before it
 * (`answered`: after an answer, so that a move on by itself flows on). */
static void new_view(runner *u, bool answered) {
  forget_shown(u);
  collect(u);
  u->seen = show_view_shows_something(u->s);
  u->answered = answered;
}

/* After a line told: what the story's <hear> made of it, as mend play shows
 * it: its words said (where "I hear you." would be), or the view of the node
 * it led on to. With `left` (the question waiting ended), the view after it
 * comes too, its words first. True when a new view came. */
static bool heard(runner *u, bool left) {
  const char *words;
  mend_heard how = mend_session_heard(u->s, &words);
  bool moved = how == MEND_HEARD_MOVED || left;
  if (moved) new_view(u, false);
  /* (beside a sign of crisis or abuse too: mend play says them after the
   * screen, when the person goes on) */
  if (how == MEND_HEARD_SAID) show(u, 0, "%s", words);
  return moved;
}

/* Case-insensitive (ASCII) search of `needle`, whose runs of white space match
 * one space. */
/* How much of needle stands at a: its bytes, case and runs of white space
 * aside. */
static size_t match_len(const char *a, const char *needle) {
  const char *b = needle;
  while (*b) {
    if (isspace((unsigned char)*b)) {
      if (*a != ' ') break;
      while (isspace((unsigned char)*b))
        b++;
      a++;
      continue;
    }
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) break;
    a++;
    b++;
  }
  return (size_t)(b - needle);
}

static bool contains(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (const char *h = hay; *h; h++)
    if (match_len(h, needle) == n) return true;
  return false;
}

/* Where a shown text begins as the expected one does for longest, when that
 * is most of it: what an author most likely meant (a quote grown longer, a
 * word changed). NULL when nothing comes near. */
static const char *nearest(const runner *u, const char *needle) {
  size_t best = 0, n = strlen(needle);
  const char *at = NULL;
  for (size_t i = 0; i < u->nshown; i++)
    for (const char *h = u->shown[i].text; *h; h++) {
      size_t k = match_len(h, needle);
      if (k > best) best = k, at = h;
    }
  return best >= 12 && best * 5 >= n * 2 ? at : NULL;
}

static const mend_node_view *here(const runner *u) {
  const char *id = mend_session_node(u->s);
  for (size_t i = 0; i < mend_graph_node_count(u->g); i++)
    if (!strcmp(mend_graph_node(u->g, i)->id, id)) return mend_graph_node(u->g, i);
  return NULL;
}

static void diverge(runner *u, int plan_line, const char *file, int story_line, const char *fmt,
                    ...) __attribute__((format(printf, 5, 6)));
static void diverge(runner *u, int plan_line, const char *file, int story_line, const char *fmt,
                    ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = xvprintf(fmt, ap);
  va_end(ap);
  p_result *r = u->r;
  r->d = xrealloc(r->d, sizeof *r->d * (r->nd + 1));
  r->d[r->nd++] = (p_divergence){plan_line, file ? xstrdup(file) : NULL, story_line, msg};
}

/* Diverges at the place the story waits now (its question, node or ending). */
static void diverge_here(runner *u, int plan_line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void diverge_here(runner *u, int plan_line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = xvprintf(fmt, ap);
  va_end(ap);
  const mend_node_view *n = here(u);
  const mend_question *q = mend_session_question(u->s);
  diverge(u, plan_line, n ? n->file : NULL, q ? q->line : n ? n->line : 0, "%s", msg);
  free(msg);
}

/* What the story waits for, in words, for messages. */
static char *waiting(runner *u) {
  mend_session *s = u->s;
  const mend_summary *sum = mend_session_summary(s);
  switch (mend_session_pending(s)) {
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    size_t n = q->prompt.length + 64;
    char *r = xrealloc(NULL, n);
    snprintf(r, n, "the story asks \"%.*s\"", (int)q->prompt.length, q->prompt.text);
    return r;
  }
  case MEND_PENDING_CHOICE: return xstrdup("the story offers choices");
  case MEND_PENDING_END: {
    size_t n = strlen(sum->ending_id) + strlen(sum->ending_title) + 64;
    char *r = xrealloc(NULL, n);
    snprintf(r, n, "the story has ended at '%s' (%s)", sum->ending_id, sum->ending_title);
    return r;
  }
  default: return xstrdup("the story moves on by itself");
  }
}

/* Follows automatic moves; for a step that types at a pause (`tell`), up to
 * the first where a terminal waits for Enter. Returns false (after diverging)
 * when the story failed. */
static bool advance(runner *u, int plan_line, bool to_pause) {
  size_t autos = 0;
  while (mend_session_pending(u->s) == MEND_PENDING_AUTO) {
    if (to_pause && u->seen && !u->answered) break;
    u->answered = false;
    if (++autos > PLAN_MAX_AUTOS) {
      diverge_here(u, plan_line, "the story moved on by itself %d times in a row: it loops",
                   PLAN_MAX_AUTOS);
      return false;
    }
    mend_session_continue(u->s);
    collect(u);
    u->seen = u->seen || show_view_shows_something(u->s);
  }
  if (mend_session_pending(u->s) == MEND_PENDING_ERROR) {
    const char *e = mend_session_error(u->s);
    const char *mark = strstr(e, ": error: ");
    char *file = NULL;
    int line = 0;
    if (mark) {
      const char *c = mark;
      while (c > e && c[-1] != ':')
        c--;
      if (c > e) {
        line = atoi(c);
        file = xrealloc(NULL, (size_t)(c - e));
        memcpy(file, e, (size_t)(c - 1 - e));
        file[c - 1 - e] = 0;
      }
    }
    diverge(u, plan_line, file, line, "the story failed: %s", e);
    free(file);
    return false;
  }
  return true;
}

/* The choice an answer names, as `mend play` finds it: a number, or the unique
 * start of a label (a whole label wins). -1: none; -2: more than one. */
static long pick(const mend_session *s, const char *a) {
  bool many;
  long i = show_pick_choice(s, a, &many); /* as mend play reads it */
  return many ? -2 : i;
}

static char *offered(const mend_session *s) {
  size_t cap = 64, len = 0;
  char *r = xrealloc(NULL, cap);
  r[0] = 0;
  for (size_t i = 0; i < mend_session_choice_count(s); i++) {
    const mend_text *t = &mend_session_choice(s, i)->label;
    size_t need = len + t->length + 32;
    if (need > cap) r = xrealloc(r, cap = need * 2);
    len += (size_t)sprintf(r + len, "%s%zu) %.*s", i ? ", " : "", i + 1, (int)t->length, t->text);
  }
  return r;
}

static const char *answer_problem(mend_status st) {
  switch (st) {
  case MEND_E_NOT_NUMBER: return "not a whole number";
  case MEND_E_RANGE: return "outside the scale";
  case MEND_E_NOT_YESNO: return "not y, yes, n or no";
  case MEND_E_TOO_LONG: return "too long";
  case MEND_E_UNSURE: return "not sure (neither an answer nor a number)";
  default: return "not an answer to this question";
  }
}

/* Runs one step. Returns false when the plan cannot go on. */
static bool step(runner *u, const p_step *p) {
  mend_session *s = u->s;
  mend_pending pend = mend_session_pending(s);
  switch (p->kind) {
  case P_EXPECT:
    for (size_t i = 0; i < u->nshown; i++)
      if (contains(u->shown[i].text, p->arg)) return true;
    const char *near = nearest(u, p->arg);
    if (near) {
      size_t len = strcspn(near, "\n"), most = strlen(p->arg) + 40;
      bool cut = len > most;
      if (cut) /* at a space, not inside a character */
        for (len = most; len > 1 && near[len] != ' '; len--)
          ;
      diverge_here(u, p->line,
                   "expected \"%s\", but it was not shown since the previous answer; the "
                   "nearest shown: \"%.*s%s\"",
                   p->arg, (int)len, near, cut ? "..." : "");
    } else
      diverge_here(u, p->line, "expected \"%s\", but it was not shown since the previous answer",
                   p->arg);
    return true;
  case P_EXPECT_NOT: {
    const mend_node_view *n = here(u);
    for (size_t i = 0; i < u->nshown; i++)
      if (contains(u->shown[i].text, p->arg)) {
        diverge(u, p->line, n ? n->file : NULL, u->shown[i].line,
                "\"%s\" was shown, but the plan says it must not be: \"%s\"", p->arg,
                u->shown[i].text);
        return true;
      }
    return true;
  }
  case P_CHOOSE: {
    if (pend != MEND_PENDING_CHOICE) {
      char *w = waiting(u);
      diverge_here(u, p->line, "the plan chooses \"%s\", but %s", p->arg, w);
      free(w);
      return false;
    }
    long k = pick(s, p->arg);
    if (k < 0) {
      char *o = offered(s);
      diverge_here(u, p->line, "%s \"%s\"; the choices are: %s",
                   k == -2 ? "more than one choice starts with" : "no choice matches", p->arg, o);
      free(o);
      return false;
    }
    forget_shown(u);
    mend_session_choose(s, (size_t)k);
    collect(u);
    u->seen = show_view_shows_something(s);
    u->answered = show_view_flows_on(s); /* (as mend play: no pause over a node that only routes) */
    return true;
  }
  case P_ANSWER:
  case P_SKIP: {
    const mend_question *q = mend_session_question(s);
    if (pend != MEND_PENDING_ASK || (p->kind == P_SKIP && q->kind != MEND_ASK_TEXT)) {
      char *w =
          pend == MEND_PENDING_ASK ? xstrdup("the question is not a text question") : waiting(u);
      if (p->kind == P_SKIP)
        diverge_here(u, p->line, "the plan skips a question, but %s", w);
      else
        diverge_here(u, p->line, "the plan answers \"%s\", but %s%s", p->arg, w,
                     pend == MEND_PENDING_CHOICE ? " (use 'choose')" : "");
      free(w);
      return false;
    }
    /* (a yes/no's first word, whose rest brought a screen, is still the
     * answer: mend play shows the screen, then takes it) */
    char *words = NULL;
    mend_status st;
    if (p->kind == P_SKIP) {
      st = mend_session_answer(s, "");
    } else {
      st = show_answer_first_word(s, mend_session_answer(s, p->arg), p->arg, &words, NULL);
      /* (a line with a sign is refused, and told, as mend play tells it
       * before the screen, then its answer taken after the signs) */
      size_t n = strlen(p->arg);
      if (st != MEND_OK && mend_session_signs(s, p->arg, n)) {
        mend_session_tell(s, p->arg, n, NULL);
        const char *w; /* (a <hear>'s words beside the sign, as mend play says them) */
        if (!words && mend_session_heard(s, &w) == MEND_HEARD_SAID) words = xstrdup(w);
      }
      st = show_answer_after_signs(s, st, p->arg, NULL);
    }
    if (st != MEND_OK) {
      char *w = waiting(u);
      diverge_here(u, p->line, "the answer \"%s\" is %s: %s", p->arg, answer_problem(st), w);
      free(w);
      free(words);
      return false;
    }
    forget_shown(u);
    if (words) show(u, 0, "%s", words); /* (a <hear>'s, for what came with a yes or no) */
    free(words);
    collect(u);
    u->seen = show_view_shows_something(s);
    u->answered = true;
    return true;
  }
  case P_TELL_PAUSE: { /* typed at a pause, "(press Enter)": told, and the story goes on */
    if (pend != MEND_PENDING_AUTO) {
      char *w = waiting(u);
      diverge_here(u, p->line, "the plan tells \"%s\" at a pause, but %s (use 'tell')", p->arg, w);
      free(w);
      return false;
    }
    mend_session_tell(s, p->arg, strlen(p->arg), NULL);
    u->seen = false; /* (a key was pressed) */
    heard(u, false);
    return true;
  }
  case P_TELL: {
    /* typed where a choice, a number or a yes/no is asked: the player
     * refuses it as an answer, and the session is told it */
    const mend_question *q = mend_session_question(s);
    if (pend != MEND_PENDING_CHOICE && (pend != MEND_PENDING_ASK || q->kind == MEND_ASK_TEXT)) {
      char *w = pend == MEND_PENDING_ASK ? xstrdup("a text question is waiting") : waiting(u);
      diverge_here(u, p->line, "the plan tells \"%s\", but %s%s", p->arg, w,
                   pend == MEND_PENDING_ASK ? " (use 'answer')" : "");
      free(w);
      return false;
    }
    bool taken = pend == MEND_PENDING_CHOICE && pick(s, p->arg) >= 0;
    if (pend == MEND_PENDING_ASK) { /* (a number or a yes/no the question takes) */
      mend_session *c = mend_session_clone(s);
      taken = show_answer_after_signs(
                  c, show_answer_first_word(c, mend_session_answer(c, p->arg), p->arg, NULL, NULL),
                  p->arg, NULL) == MEND_OK;
      mend_session_free(c);
    }
    if (taken) {
      diverge_here(u, p->line,
                   "the plan tells \"%s\", but mend play takes that as the %s (use '%s')", p->arg,
                   pend == MEND_PENDING_CHOICE ? "choice" : "answer",
                   pend == MEND_PENDING_CHOICE ? "choose" : "answer");
      return false;
    }
    int qline = pend == MEND_PENDING_ASK ? q->line : 0;
    uint64_t offered = pend == MEND_PENDING_CHOICE ? show_choices_offered(s) : 0;
    size_t before = u->nshown;
    mend_session_tell(s, p->arg, strlen(p->arg), NULL);
    /* what it told ended the question's own condition: the story went on
     * (mend play shows what follows; it was no answer, so a move on by
     * itself after it waits on a terminal) */
    if (heard(u, pend == MEND_PENDING_ASK && show_question_left(s, qline))) return true;
    /* "2. i need air": the choice it starts with, as mend play takes it,
     * where its words brought no sign and no <hear> of the story */
    char *chose = pend == MEND_PENDING_CHOICE ? show_take_choice_first(s, p->arg, offered) : NULL;
    if (!chose) {
      /* "block him. but what if he comes round": mend play asks about the
       * choice it names ("Do you mean 3) Block them?"); the plan's next step
       * takes one */
      long meant = pend == MEND_PENDING_CHOICE ? show_choice_meant(s, p->arg, offered) : -1;
      if (meant >= 0) {
        char *ask = show_meant_question(s, meant);
        show(u, 0, "%s", ask);
        free(ask);
      }
      return true;
    }
    for (size_t i = 0; i < before; i++) /* (the view before it is gone) */
      free(u->shown[i].text);
    memmove(u->shown, u->shown + before, sizeof *u->shown * (u->nshown - before));
    u->nshown -= before;
    show(u, 0, "%s", chose);
    free(chose);
    collect(u);
    u->seen = show_view_shows_something(s);
    u->answered = show_view_flows_on(s);
    return true;
  }
  case P_ENDING: {
    const mend_summary *sum = mend_session_summary(s);
    if (pend == MEND_PENDING_END &&
        (!strcmp(sum->ending_id, p->arg) || !strcasecmp(sum->ending_title, p->arg)))
      return true;
    char *w = waiting(u);
    diverge_here(u, p->line, "the plan ends at '%s', but %s", p->arg, w);
    free(w);
    return false;
  }
  }
  return false;
}

void plan_run(const mend_story *st, const plan *p, mend_coverage *cov, p_result *r) {
  memset(r, 0, sizeof *r);
  r->nsteps = p->nsteps;
  runner u = {st, mend_graph_new(st), mend_session_new(st, p->seed), NULL, 0, 0, r, false, false};
  mend_session_set_recording(u.s, false);
  if (cov) mend_session_set_coverage(u.s, cov);
  collect(&u);
  u.seen = show_view_shows_something(u.s);
  for (size_t i = 0; i < p->nsteps; i++) {
    if (!advance(&u, p->steps[i].line, p->steps[i].kind == P_TELL_PAUSE)) {
      r->stopped = true;
      break;
    }
    bool go_on = step(&u, &p->steps[i]);
    r->steps = i + 1;
    if (!go_on) {
      r->stopped = i + 1 < p->nsteps || p->steps[i].kind != P_ENDING;
      break;
    }
  }
  if (mend_session_pending(u.s) == MEND_PENDING_END)
    r->ending = xstrdup(mend_session_summary(u.s)->ending_id);
  r->passed = r->nd == 0 && !p->nerrors;
  forget_shown(&u);
  free(u.shown);
  mend_session_free(u.s);
  mend_graph_free(u.g);
}

void p_result_free(p_result *r) {
  for (size_t i = 0; i < r->nd; i++) {
    free(r->d[i].story_file);
    free(r->d[i].message);
  }
  free(r->d);
  free(r->ending);
  memset(r, 0, sizeof *r);
}
