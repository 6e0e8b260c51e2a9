/* SPDX-License-Identifier: MIT */
/* page.c - see page.h. */
#include "page.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "markdown.h"
#include "mend/mend.h"
#include "mend/safety.h"
#include "mend/test.h"
#include "notes.h"
#include "screen.h"
#include "show.h"
#include "term.h"

#ifdef __wasi__
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

#define MAX_STORIES 256

static struct {
  mend_lexicon *words, *safety;
  char *words_text; /* the words, read again before the safety lexicon's own */
  size_t words_len;
  mend_resources *res;
  mend_story *stories[MAX_STORIES];
  size_t nstories;
  mend_session *s;
  int story;
  char code[3];
  int refused_level[2];     /* support offered for refused lines: abuse, crisis */
  unsigned answer_screened; /* the screens the answer that led to the next view brought
                               (show_support_raised): its <support> for them is not "again" */
  unsigned said;   /* what the step now said of refused lines (SCREEN_REMINDED, SCREEN_HEARD) */
  size_t left_out; /* characters the engine left out of the last answer */
  /* a refused line that ended the question's own condition (the session went
   * on): what the next view says first, its screen and its note */
  char *turned_screen;
  const char *turned_note;
  char *heard_note; /* a <hear>'s words for what came with a yes or no (owned) */
  char *again_buf;  /* a refused line's note and a <hear>'s words, together */
  char *answer_buf; /* the same with "(Your answer: no.)", taken after its signs */
  char *out;        /* the last result */
  size_t outlen;
  FILE *f; /* the result being written */
} P = {.story = -1};

EXPORT(page_alloc) void *page_alloc(size_t n) {
  return malloc(n ? n : 1);
}

EXPORT(page_free) void page_free(void *p) {
  free(p);
}

/* ---- writing a result --------------------------------------------------------- */

static void begin(void) {
  free(P.out);
  P.out = NULL;
  P.outlen = 0;
  P.f = open_memstream(&P.out, &P.outlen);
  if (!P.f) abort();
}

static const char *end(void) {
  fclose(P.f);
  P.f = NULL;
  return P.out;
}

/* The same, line by line: a text of several lines keeps its line ends. */
static char *clean_lines(const char *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m) abort();
  for (;;) {
    const char *nl = strchr(s, '\n');
    term_put(m, s, nl ? (size_t)(nl - s) : strlen(s));
    if (!nl) break;
    fputc('\n', m);
    s = nl + 1;
  }
  fclose(m);
  return buf;
}

static void json_str(const char *s) {
  emit_json_string(P.f, s ? s : "");
}

static void json_clean(const char *s, size_t n) {
  char *c = term_clean(s, n);
  emit_json_string(P.f, c);
  free(c);
}

static void key(const char *k) {
  fprintf(P.f, "\"%s\":", k);
}

/* A rendered text as runs of [text, style] (1 emphasis, 2 strong). */
static void json_runs(const mend_text *t) {
  fputc('[', P.f);
  size_t pos = 0;
  bool first = true;
  for (size_t i = 0; i <= t->nspans; i++) {
    size_t start = i < t->nspans ? t->spans[i].start : t->length;
    if (start > pos) {
      fputs(first ? "[" : ",[", P.f);
      json_clean(t->text + pos, start - pos);
      fputs(",0]", P.f);
      first = false;
    }
    if (i == t->nspans) break;
    const mend_span *sp = &t->spans[i];
    fputs(first ? "[" : ",[", P.f);
    json_clean(t->text + sp->start, sp->length);
    fprintf(P.f, ",%u]", sp->style & 3u);
    first = false;
    pos = sp->start + sp->length;
  }
  fputc(']', P.f);
}

static void json_diags(const mend_diags *d) {
  fputs("\"errors\":[", P.f);
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *line = mend_diag_format(mend_diags_at(d, i));
    if (i) fputc(',', P.f);
    json_str(line);
    mend_free(line);
  }
  fputc(']', P.f);
}

/* ---- data and stories ------------------------------------------------------------- */

static const struct mend_lexicon *words_for(void *ud, const char *lang) {
  (void)ud;
  if (!P.words || !lang) return NULL;
  const char *have = mend_lexicon_language(P.words);
  size_t n = strlen(have);
  return !strncmp(lang, have, n) && (lang[n] == 0 || lang[n] == '-') ? P.words : NULL;
}

EXPORT(page_data) const char *page_data(int kind, const char *text, size_t len) {
  mend_diags *d = mend_diags_new();
  static const char *const names[] = {"words", "lexicon", "resources"};
  const char *name = kind >= 0 && kind < 3 ? names[kind] : "data";
  bool ok = false;
  if (kind == 0 || kind == 1) {
    /* the safety lexicon is read after the words of its language, as one
     * (support.c reads stories/lang/en.words, then stories/safety/en.lexicon) */
    const char *data[2] = {P.words_text, text}, *names_of[2] = {names[0], name};
    size_t sizes[2] = {P.words_len, len};
    bool parts = kind == 1 && P.words_text;
    mend_lexicon *lx =
        mend_lexicon_load_parts(data + !parts, sizes + !parts, names_of + !parts, parts ? 2 : 1, d);
    mend_lexicon **slot = kind == 0 ? &P.words : &P.safety;
    if (lx) {
      /* the stories loaded so far read the new lexicon (crisis(), abuse(), the
       * scan of answers) before the old one goes: whatever order the data and
       * the stories come in, every story has the same */
      if (kind == 1)
        for (size_t i = 0; i < P.nstories; i++)
          mend_story_set_lexicon(P.stories[i], lx);
      mend_lexicon_free(*slot);
      *slot = lx;
      ok = true;
      if (kind == 0) {
        free(P.words_text);
        P.words_text = malloc(len + 1);
        if (!P.words_text) abort();
        memcpy(P.words_text, text, len);
        P.words_text[len] = 0;
        P.words_len = len;
      }
    }
  } else if (kind == 2) {
    const char *data[1] = {text};
    mend_resources *r = mend_resources_load_parts(data, &len, &name, 1, d);
    if (r) {
      mend_resources_free(P.res);
      P.res = r;
      ok = true;
    }
  } else {
    mend_diags_add(d, MEND_ERROR, name, 0, 0, NULL, "unknown kind of data");
  }
  begin();
  fprintf(P.f, "{\"ok\":%s,", ok ? "true" : "false");
  json_diags(d);
  fputc('}', P.f);
  mend_diags_free(d);
  return end();
}

EXPORT(page_story) const char *page_story(const char *image, size_t len) {
  mend_diags *d = mend_diags_new();
  mend_load_opts o = {0, words_for, NULL};
  mend_story *st = P.nstories < MAX_STORIES ? mend_story_load_image(image, len, &o, d) : NULL;
  if (P.nstories >= MAX_STORIES)
    mend_diags_add(d, MEND_ERROR, "page", 0, 0, NULL, "too many stories in one page");
  begin();
  if (st) {
    mend_story_set_lexicon(st, P.safety);
    mend_story_prepare_exploration(st); /* (what is told is thanked where it is read) */
    P.stories[P.nstories++] = st;
    fprintf(P.f, "{\"ok\":true,\"index\":%zu,\"id\":", P.nstories - 1);
    json_clean(mend_story_id(st), strlen(mend_story_id(st)));
    fputc('}', P.f);
  } else {
    fputs("{\"ok\":false,", P.f);
    json_diags(d);
    fputc('}', P.f);
  }
  mend_diags_free(d);
  return end();
}

static void json_field(const char *k, const char *v, bool comma) {
  key(k);
  json_clean(v, strlen(v));
  if (comma) fputc(',', P.f);
}

EXPORT(page_library) const char *page_library(void) {
  begin();
  fputc('[', P.f);
  for (size_t i = 0; i < P.nstories; i++) {
    const mend_story *st = P.stories[i];
    fputs(i ? ",{" : "{", P.f);
    json_field("id", mend_story_id(st), true);
    json_field("title", mend_story_title(st), true);
    json_field("about", mend_story_about(st), true);
    fprintf(P.f, "\"minutes\":%d}", mend_story_minutes(st));
  }
  fputc(']', P.f);
  return end();
}

/* ---- the view -------------------------------------------------------------------- */

static screen_place place(void) {
  screen_place pl = {P.res, mend_resources_find(P.res, P.code[0] ? P.code : NULL), P.code, NULL, 0};
  return pl;
}

/* The support screen for the items that offer support, or NULL. */
static char *support_of_items(void) {
  const mend_safety_hit *crisis, *abuse;
  const char *cw, *aw;
  if (!show_support_items(P.s, P.refused_level, &crisis, &cw, &abuse, &aw)) return NULL;
  screen_place pl = place();
  pl.again = screen_seen(P.s, P.refused_level, true);
  return screen_support(&pl, crisis, cw, abuse, aw);
}

static void json_support(char *screen) {
  key("support");
  if (!screen) {
    fputs("null,", P.f);
    return;
  }
  fputs("{\"text\":", P.f);
  char *c = clean_lines(screen);
  json_str(c);
  free(c);
  fputs(",\"choices\":", P.f);
  json_str(support_choices);
  fputs("},", P.f);
  free(screen);
}

/* The items of the view now, as blocks: a support screen (where the
 * session offers support, before what follows it, as the terminal shows
 * it), texts, feedback, notes. */
static void json_items(bool *first) {
  bool contact = false;
  P.said &= SCREEN_KEPT; /* a new step: a refused line may get the reminder, once */
  char *screen = support_of_items();
  if (screen) {
    fputs(*first ? "{\"kind\":\"support\"," : ",{\"kind\":\"support\",", P.f);
    json_support(screen);
    fputs("\"end\":true}", P.f);
    *first = false;
  }
  for (size_t i = 0; i < mend_session_item_count(P.s); i++) {
    const mend_item *it = mend_session_item(P.s, i);
    const char *sep = *first ? "" : ",";
    if (it->kind == MEND_ITEM_PARAGRAPH && it->text.length) {
      fprintf(P.f, "%s{\"kind\":\"text\",\"runs\":", sep);
      json_runs(&it->text);
    } else if (it->kind == MEND_ITEM_FEEDBACK) {
      /* no tone: the person is shown none (see show.h) */
      fprintf(P.f, "%s{\"kind\":\"feedback\",\"lead\":", sep);
      json_str(show_feedback_lead);
      fputs(",\"runs\":", P.f);
      json_runs(&it->text);
    } else if (it->kind == MEND_ITEM_RULE) {
      char *verdict = rule_verdict(it, true);
      fprintf(P.f, "%s{\"kind\":\"note\",\"met\":%s,\"text\":", sep, it->met ? "true" : "false");
      json_clean(verdict, strlen(verdict));
      free(verdict);
      fputs(",\"runs\":", P.f);
      json_runs(&it->text);
    } else if (it->kind == MEND_ITEM_CONTACT) {
      contact = true; /* said after the rest, as the terminal says it */
      continue;
    } else if (show_support_reminds(it, P.refused_level, P.answer_screened) &&
               !(P.said & SCREEN_REMINDED)) {
      /* the screen was shown before (for this session, or for a line it
       * refused): a word, where it comes */
      fprintf(P.f, "%s{\"kind\":\"again\",\"text\":", sep);
      json_str(P.said & SCREEN_AGAIN ? screen_again_later(it->support->category, true)
                                     : screen_again(it->support->category, true));
      P.said |= SCREEN_REMINDED | SCREEN_AGAIN;
    } else if (it->kind == MEND_ITEM_UNREAD) {
      char *msg = show_unread(it);
      fprintf(P.f, "%s{\"kind\":\"unread\",\"text\":", sep);
      json_clean(msg, strlen(msg));
      free(msg);
    } else {
      continue;
    }
    fputc('}', P.f);
    *first = false;
  }
  /* the person reached out to their ex, in the story: the page keeps the
   * day (the terminal's database does: see player.c) and says so */
  if (contact) {
    fputs(*first ? "{\"kind\":\"contact\",\"text\":" : ",{\"kind\":\"contact\",\"text\":", P.f);
    char *msg = show_contact_noted(NULL);
    json_str(msg);
    free(msg);
    fputc('}', P.f);
    *first = false;
  }
}

/* Whether the view shows the person anything to read (as player.c's
 * view_shows_something). */
static bool shows_something(void) {
  for (size_t i = 0; i < mend_session_item_count(P.s); i++) {
    const mend_item *it = mend_session_item(P.s, i);
    if (it->kind == MEND_ITEM_FEEDBACK || it->kind == MEND_ITEM_RULE ||
        it->kind == MEND_ITEM_SUPPORT || it->kind == MEND_ITEM_SUPPORT_AGAIN ||
        (it->kind == MEND_ITEM_PARAGRAPH && it->text.length))
      return true;
  }
  return false;
}

static void json_question(void) {
  const mend_question *q = mend_session_question(P.s);
  static const char *const kinds[] = {"text", "scale", "yesno"};
  char range[80];
  show_question_range(q, range, sizeof range);
  fprintf(P.f, "\"question\":{\"kind\":\"%s\",\"runs\":", kinds[q->kind]);
  json_runs(&q->prompt);
  fputs(",\"range\":", P.f);
  json_str(range);
  fprintf(P.f, ",\"min\":%lld,\"max\":%lld,\"journal\":%s,\"examples\":[", (long long)q->min,
          (long long)q->max, q->journal ? "true" : "false");
  for (size_t i = 0; i < q->nexamples; i++) {
    if (i) fputc(',', P.f);
    json_clean(q->examples[i], strlen(q->examples[i]));
  }
  fputs("]},", P.f);
}

static void json_choices(void) {
  fputs("\"choices\":[", P.f);
  for (size_t i = 0; i < mend_session_choice_count(P.s); i++) {
    fputs(i ? ",{\"runs\":" : "{\"runs\":", P.f);
    json_runs(&mend_session_choice(P.s, i)->label);
    fputc('}', P.f);
  }
  fputs("],", P.f);
}

/* The journal entry (or check-in) of the last answer, as player.c keeps them. */
static void json_entry(void) {
  const mend_summary *sum = mend_session_summary(P.s);
  key("entry");
  const mend_answer_record *a = sum->nanswers ? &sum->answers[sum->nanswers - 1] : NULL;
  if (a && a->kind == MEND_ASK_TEXT && a->journal && !a->skipped) {
    fputs("{\"prompt\":", P.f);
    json_clean(a->prompt, strlen(a->prompt));
    fputs(",\"text\":", P.f);
    char *t = clean_lines(a->text); /* an answer of several lines keeps them */
    json_str(t);
    free(t);
    fputs("},", P.f);
  } else {
    fputs("null,", P.f);
  }
}

/* The view after what the person did (`answered`: an answer), as the
 * terminal player goes on from it: automatic moves are followed at once
 * while nothing was shown since the person's last action, or straight after
 * an answer (player_run's rule: no empty pause), their views gathered in one
 * list of blocks; "auto" is pending only where the terminal waits for Enter.
 * A loop of automatic moves stops, as the player's, after
 * MEND_MAX_AUTO_IN_A_ROW. */
static const char *view(bool entry, bool answered) {
  static const char *const pendings[] = {"ask", "choice", "auto", "end", "error"};
  begin();
  if (!P.s) {
    fputs("{\"ok\":false,\"problem\":\"no story is open\"}", P.f);
    return end();
  }
  const mend_story *st = P.stories[P.story];
  fputs("{\"ok\":true,", P.f);
  json_field("title", mend_story_title(st), true);
  json_field("id", mend_story_id(st), true);
  fputs("\"blocks\":[", P.f);
  bool first = true, loops = false;
  if (P.turned_screen) { /* (the screen the refused line brought, before what followed) */
    fputs("{\"kind\":\"support\",", P.f);
    json_support(P.turned_screen); /* (frees it) */
    fputs("\"end\":true}", P.f);
    P.turned_screen = NULL;
    first = false;
  }
  json_items(&first);
  bool shown = shows_something();
  for (size_t autos = 0; mend_session_pending(P.s) == MEND_PENDING_AUTO && (!shown || answered);) {
    if (++autos > MEND_MAX_AUTO_IN_A_ROW) {
      loops = true;
      break;
    }
    answered = false;
    mend_session_continue(P.s);
    json_items(&first);
    shown = shown || shows_something();
  }
  fputs("],", P.f);
  mend_pending pend = loops ? MEND_PENDING_ERROR : mend_session_pending(P.s);
  fprintf(P.f, "\"story\":%d,\"decisions\":%zu,\"pending\":\"%s\",", P.story,
          mend_session_decisions(P.s), pendings[pend]);
  if (entry) json_entry();
  if (P.turned_note) {
    json_field("note", P.turned_note, true);
    P.turned_note = NULL;
  } else if (P.heard_note) {
    json_field("note", P.heard_note, true);
  }
  free(P.heard_note);
  P.heard_note = NULL;
  if (entry && P.left_out) { /* as the terminal says it, under the answer */
    char *note = show_left_out(P.left_out);
    json_field("note", note, true);
    free(note);
  }
  if (pend == MEND_PENDING_ASK) json_question();
  if (pend == MEND_PENDING_CHOICE) json_choices();
  if (pend == MEND_PENDING_END) {
    const mend_summary *sum = mend_session_summary(P.s);
    char *heading = show_ending(sum);
    char *text = show_summary(P.s, "->", true); /* (the page's journal keeps every answer) */
    /* (the ending's title, not its tone: the person is not handed a verdict) */
    fputs("\"ending\":{\"heading\":", P.f);
    json_str(heading);
    fputs(",\"summary\":", P.f);
    json_str(text);
    fputs("},", P.f);
    free(heading);
    free(text);
  }
  if (pend == MEND_PENDING_ERROR) {
    char *why = loops ? show_loops(mend_session_node(P.s)) : NULL;
    json_field("error", why ? why : mend_session_error(P.s), true);
    free(why);
    json_field("stuck", show_stuck, true);
  }
  fputs("\"end\":true}", P.f);
  return end();
}

static const char *problem_again(const char *why, char *screen, const char *again) {
  begin();
  fputs("{\"ok\":false,", P.f);
  json_support(screen);
  if (again) {
    key("again");
    json_str(again);
    fputc(',', P.f);
  }
  fputs("\"problem\":", P.f);
  json_str(why);
  fputc('}', P.f);
  return end();
}

static const char *problem(const char *why, char *screen) {
  return problem_again(why, screen, NULL);
}

static uint64_t seed_of(double seed) {
  return seed >= 0 && seed < 18446744073709551616.0 ? (uint64_t)seed : 0;
}

static bool open_story(int story) {
  if (story < 0 || (size_t)story >= P.nstories) return false;
  mend_session_free(P.s);
  P.s = NULL;
  P.story = story;
  P.refused_level[0] = P.refused_level[1] = 0;
  P.said = 0;
  return true;
}

EXPORT(page_start) const char *page_start(int story, double seed) {
  if (!open_story(story)) return problem("no such story", NULL);
  P.s = mend_session_new(P.stories[story], seed_of(seed));
  if (!P.s) abort();
  return view(false, false);
}

EXPORT(page_resume) const char *page_resume(int story, const char *save, size_t len) {
  if (!open_story(story)) return problem("no such story", NULL);
  mend_restore_status rs;
  P.s = mend_session_restore(P.stories[story], save, len, 0, &rs);
  if (rs == MEND_RESTORED && P.s) return view(false, false);
  mend_session_free(P.s);
  P.s = NULL;
  return problem(rs == MEND_R_STORY_CHANGED || rs == MEND_R_OTHER_STORY
                     ? "the scenario has changed since this place was kept"
                     : "the kept place could not be read",
                 NULL);
}

EXPORT(page_view) const char *page_view(void) {
  return view(false, false);
}

EXPORT(page_choose) const char *page_choose(int i) {
  if (!P.s || i < 0 || mend_session_choose(P.s, (size_t)i) != MEND_OK)
    return problem("that choice is not offered now", NULL);
  return view(false, show_view_flows_on(P.s)); /* (as the player: no empty pause) */
}

/* A line the session refused is still what the person wrote: it is scanned
 * as an answer would be, and support offered above what was offered before;
 * a sign no more serious gets the short reminder (*again), once a step (as
 * player.c's scan_refused). Returns the screen, or NULL. */
static char *scan_refused(const char *line, const char **again) {
  *again = NULL;
  if (!P.safety) return NULL;
  mend_safety_result r;
  const mend_safety_hit *h[2];
  char *words[2];
  char *screen = NULL;
  unsigned seen = screen_seen(P.s, P.refused_level, false);
  bool shown = screen_refused(P.s, line, P.refused_level, &P.said, true, &r, h, words, again, NULL);
  const char *also = screen_heard_also(P.s, *again); /* (the story's words too) */
  if (also) {
    free(P.again_buf);
    if (asprintf(&P.again_buf, "%s%s%s", *again ? *again : "", *again ? " " : "", also) < 0)
      abort();
    *again = P.again_buf;
  }
  if (shown) {
    screen_place pl = place();
    pl.again = seen;
    screen = screen_support(&pl, h[1], words[1], h[0], words[0]);
  }
  free(words[0]);
  free(words[1]);
  return screen;
}

EXPORT(page_answer) const char *page_answer(const char *text, size_t len) {
  if (!P.s || mend_session_pending(P.s) != MEND_PENDING_ASK)
    return problem("no question is waiting for an answer", NULL);
  const mend_question *q = mend_session_question(P.s);
  char *line;
  P.left_out = 0;
  if (q->kind == MEND_ASK_TEXT) { /* what can be shown is kept: a NUL too is left out */
    char *clean = mend_answer_clean(text, len, &P.left_out);
    line = strdup(clean); /* (one owner: the C library's free() below) */
    mend_free(clean);
  } else
    line = strndup(text, len);
  if (!line) abort();
  bool moved = false;
  mend_status st = strlen(line) != len && q->kind != MEND_ASK_TEXT
                       ? MEND_E_BAD_UTF8
                       : show_answer_first_word(P.s, mend_session_answer(P.s, line), line,
                                                &P.heard_note, &moved);
  if (st == MEND_OK) {
    free(line);
    return moved ? view(false, false) : view(true, true); /* (led on by a <hear>: no answer) */
  }
  char why[256];
  int qline = q->line;
  show_answer_problem(q, st, why, sizeof why);
  const char *again;
  int before[2] = {P.refused_level[0], P.refused_level[1]};
  char *screen = scan_refused(line, &again);
  /* what it told ended the question's own condition: the story went on */
  if (show_question_left(P.s, qline)) {
    free(line);
    P.turned_screen = screen;
    P.turned_note = again;
    return view(false, false);
  }
  /* "no, he wouldnt let me see my friends", "9 - i want to die": after what
   * its words brought, the first word or number is the answer, as in mend
   * play ("(Your answer: no.)"; the person is not asked again) */
  char said[SHOW_ANSWER_SAID];
  if (show_answer_after_signs(P.s, st, line, said) == MEND_OK) {
    free(line);
    free(P.answer_buf);
    if (asprintf(&P.answer_buf, "%s%s%s", again ? again : "", again ? " " : "", said) < 0) abort();
    P.turned_screen = screen;
    P.turned_note = P.answer_buf;
    /* (the screen, then the 10: the next view's own <support> for it is not
     * "That sounds heavy again", as in mend play) */
    if (screen) P.answer_screened = show_support_raised(before, P.refused_level);
    const char *v = view(true, true);
    P.answer_screened = 0;
    return v;
  }
  free(line);
  return problem_again(why, screen, again);
}

EXPORT(page_continue) const char *page_continue(void) {
  if (!P.s || mend_session_continue(P.s) != MEND_OK)
    return problem("the story does not move on by itself here", NULL);
  return view(false, false);
}

EXPORT(page_back) const char *page_back(void) {
  if (!P.s || mend_session_undo(P.s) != MEND_OK) return problem("nothing to go back to", NULL);
  return view(false, false);
}

EXPORT(page_restart) const char *page_restart(double seed) {
  if (!P.s) return problem("no story is open", NULL);
  mend_session_reset(P.s, seed_of(seed));
  P.refused_level[0] = P.refused_level[1] = 0;
  P.said = 0;
  return view(false, false);
}

EXPORT(page_save) const char *page_save(void) {
  begin();
  char *save = NULL;
  size_t n = 0;
  if (P.s && mend_session_save(P.s, &save, &n) == MEND_OK) fwrite(save, 1, n, P.f);
  mend_free(save);
  return end();
}

EXPORT(page_journal) const char *page_journal(void) {
  begin();
  if (P.s) show_journal(P.s, P.f);
  return end();
}

/* The journal the page keeps, as the Markdown `mend journal --export`
 * writes (markdown.c): `data` holds its entries oldest first, four fields
 * each (when, title, prompt, text), every field ended by a NUL. What is
 * left over (a field short) is not an entry. */
EXPORT(page_markdown) const char *page_markdown(const char *data, size_t len) {
  size_t n = 0, cap = 0;
  md_entry *v = NULL;
  const char *p = data, *stop = data + len;
  for (;;) {
    const char *field[4];
    int k = 0;
    for (; k < 4; k++) {
      const char *nul = memchr(p, 0, (size_t)(stop - p));
      if (!nul) break;
      field[k] = p;
      p = nul + 1;
    }
    if (k < 4) break;
    if (n == cap) {
      cap = cap ? 2 * cap : 16;
      v = realloc(v, cap * sizeof *v);
      if (!v) abort();
    }
    v[n++] = (md_entry){field[0], field[1], field[2], field[3]};
  }
  begin();
  md_journal(P.f, v, n);
  free(v);
  return end();
}

EXPORT(page_set_country) void page_set_country(const char *code, size_t len) {
  P.code[0] = 0;
  if (len != 2) return;
  for (int i = 0; i < 2; i++) {
    char c = code[i];
    if (c >= 'a' && c <= 'z') c = (char)(c - 32);
    if (c < 'A' || c > 'Z') return;
    P.code[i] = c;
  }
  P.code[2] = 0;
}

EXPORT(page_countries) const char *page_countries(void) {
  begin();
  fputc('[', P.f);
  bool first = true;
  for (size_t i = 0; P.res && i < mend_resources_count(P.res); i++) {
    const mend_country *c = mend_resources_at(P.res, i);
    if (!strcmp(c->code, "*")) continue;
    fputs(first ? "{" : ",{", P.f);
    json_field("code", c->code, true);
    json_field("name", c->name, false);
    fputc('}', P.f);
    first = false;
  }
  fputc(']', P.f);
  return end();
}

EXPORT(page_support) const char *page_support(void) {
  screen_place pl = place();
  char *text = screen_all_lines(&pl);
  begin();
  fputs(text, P.f);
  free(text);
  return end();
}
