/* SPDX-License-Identifier: MIT */
/*
 * session.c - the step machine: runs a node's content in document order,
 * pauses at questions, choices, automatic moves and endings, and records
 * every decision so that undo and restore can replay them.
 */
#include "session.h"

#include "mend/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "mem.h"
#include "memo.h"
#include "mend/safety.h"
#include "model.h"
#include "negex.h"
#include "rng.h"
#include "utf8.h"

typedef struct rtext { /* rendered text, by offsets until the view is final */
  const char *fixed;   /* a text without variables or styles: the story's own string */
  size_t off, len, sfirst, nspans;
} rtext;

struct mend_session {
  const mend_story *st;
  /* the words of the choices' labels, made at the first
   * mend_session_choice_meant (choice_words below), and per choice how many
   * it has (at most 255) */
  struct ph_set *choice_words;
  uint8_t *choice_nwords;
  /* the first {name} of a text variable shown while empty, since the start
   * (for testers: mend_session_empty_shown); -1 when none yet */
  int32_t empty_var;
  loc empty_at;
  /* the text variable whose question was skipped in this node, or -1: a
   * check on it says nothing (nothing new was written) */
  int32_t skipped_var;
  uint64_t seed;
  rng r;
  int64_t *num; /* vals | visits | chosen */
  int64_t *vals, *visits, *chosen;
  /* the nodes and choices whose counter is not 0: a reset clears only those
   * (a story of 100 000 nodes has 400 000 counters, a playthrough a few) */
  uint32_t *dirty_nodes, *dirty_choices;
  size_t ndirty_nodes, ndirty_choices;
  expr_text *texts; /* per variable; text variables own their strings */
  expr_env env;
  int32_t node;
  uint32_t pc;
  mend_pending pending;
  const op *ask;
  int32_t auto_to;
  /* the view */
  mem_buf out;
  mend_item *items;
  rtext *item_text;
  size_t nitems, item_cap, item_text_cap;
  mend_span *spans;
  size_t nspans, span_cap;
  mend_choice_view *cviews;
  rtext *clabels;
  uint32_t *offered;
  size_t ncviews, cview_cap, clabel_cap, offered_cap;
  mend_question q;
  rtext qprompt;
  char *error;
  /* the log */
  sess_entry *log;
  size_t nlog, log_cap, decisions;
  /* the summary */
  mend_summary sum;
  mend_measure *measures;
  int64_t *measure_start; /* per measure: its variable */
  int32_t *var_measure;   /* per variable: its measure, or -1 */
  bool *touched;          /* per measure: assigned since the start */
  mend_answer_record *answers;
  size_t nanswers, answer_cap;
  mem_arena *rec; /* strings of the answer records */
  /* rubrics: what each rule of a check found in the answer, the quotes of the
   * view's rule items, and the phrase scan's scratch */
  struct found {
    bool found;
    bool cut_before, cut_after; /* the quote is part of its clause */
    size_t start, len;
  } * found;
  size_t found_cap;
  struct quote {
    size_t off, len;
  } * item_quote;
  size_t item_quote_cap;
  nx_scan nx;
  memo *memo; /* readings of texts (made when first needed; never copied) */
  /* the safety layer: what the view offers support for, and the most serious
   * support offered in the session, per category; whether the view holds a
   * reminder (MEND_ITEM_SUPPORT_AGAIN), and the categories it offers support
   * for in full (bits 1 << category) */
  mend_safety_hit *support;
  size_t nsupport, support_cap;
  int support_level[3];
  int support_before[3]; /* support_level as the view began */
  uint64_t told;         /* MEND_TOLD_ flags: what lines typed where no text was asked told */
  uint64_t told_step;    /* ... while the decision now waited for waits (and pauses before it) */
  uint64_t told_last;    /* ... while the last decision made waited (just_told()) */
  uint64_t told_alone;   /* ... by a line a <hear> took alone at this decision (told()) */
  bool reminded;
  unsigned view_support;
  /* the story's <hear> taken by the line told last (-1: none), whether it
   * led on, and its words when it did not; per <hear>, its condition as it
   * was before that line (scratch) */
  int32_t heard;
  bool heard_moved;
  rtext heard_text;
  uint8_t *hear_was;                 /* per <hear>, while a line is told: HEAR_* (told()) */
  uint64_t told_before, step_before; /* ... told and told_step before it */
  uint8_t *hear_taken;               /* per <hear>: how often taken in this session, up to 2 */
  /* the feedback said in this session, by the hash of its words: said once */
  uint64_t *fb_said;
  size_t nfb_said, fb_said_cap;
  /* testers */
  mend_coverage *cov;
  bool norecord;
  bool norender;      /* texts are left empty (mend_session_set_rendering) */
  uint32_t *branches; /* at AUTO: the exits it could take */
  size_t nbranches, branch_cap;
  uint32_t auto_exit;
};

_Static_assert((int)EXPR_SIGN_ABUSE == (int)MEND_SAFETY_ABUSE &&
                   (int)EXPR_SIGN_CRISIS == (int)MEND_SAFETY_CRISIS,
               "crisis() and abuse() ask about the safety layer's categories");

/* What a session remembers of the texts it read (memo.h): the same texts
 * come back, above all in an exhaustive exploration, and reading them is
 * most of an answer's time. The readings depend on the text and the story
 * only. */
enum { MEMO_SIGN = 1, MEMO_RULES, MEMO_SCAN, MEMO_MATCH, MEMO_TELL };

static memo *session_memo(mend_session *s) {
  if (!s->memo) s->memo = memo_new();
  return s->memo;
}

/* The lexicon's scan of a text (mend_safety_scan). */
static void scan_of(mend_session *s, const char *t, size_t n, mend_safety_result *r) {
  size_t size;
  const mend_safety_result *kept = memo_get(s->memo, MEMO_SCAN, 0, 0, t, n, &size);
  if (kept)
    *r = *kept;
  else {
    mend_safety_scan(s->st->lexicon, t, n, r);
    memo_put(session_memo(s), MEMO_SCAN, 0, 0, t, n, r, sizeof *r);
  }
}

struct list_ctx {
  const ph_set *rubric;
  uint32_t index, alone; /* the list's, and its "alone:" phrases' */
  bool found;
};

static void list_hit(void *ud, const nx_scan *sc, const ph_hit *h, const ph_hit *by,
                     const char *why) {
  struct list_ctx *c = ud;
  (void)why;
  uint32_t index = NX_INDEX(ph_tag(c->rubric, h->phrase));
  if (!by &&
      (index == c->index || (index == c->alone && h->first == 0 && h->end == sc->w.n && !h->gaps)))
    c->found = true;
}

/* dig(t), said(t, 'NAME'): one of the phrases of a list of the words of the
 * language in t, not negated ("hope shes worth it", "thanks for nothing",
 * "you pathetic liar"), or an "alone:" one that is all of t ("psycho."). */
static bool says_list(mend_session *s, uint32_t index, uint32_t alone, const char *t, size_t n) {
  struct list_ctx c = {s->st->rubric, index, alone, false};
  nx_run(s->st->rubric, s->st->rubric_scope, t, n, &s->nx, list_hit, &c);
  return c.found;
}

/* What a line told where a number, a choice or a yes/no was asked tells
 * (mend_session_tell): heavy() and unsafe(), and the lexicon's "told:" lines. */
enum { SIGN_TOLD_HEAVY = 200, SIGN_TOLD_UNSAFE };

/* crisis(t), abuse(t), heavy(t), unsafe(t), nothing(t), dig(t) (no lexicon:
 * no sign; no words: no dig); and the SIGN_TOLD_* above. */
static bool sign_of(mend_session *s, int64_t category, const char *t, size_t n) {
  const mend_story *st = s->st;
  if (!n) return category == EXPR_SIGN_NOTHING;
  bool said = category >= EXPR_SIGN_SAID && category < EXPR_SIGN_SAID + LEXICON_MAX_SAID;
  bool words = category == EXPR_SIGN_NOTHING || category == EXPR_SIGN_DIG || said;
  if (words ? !st->rubric : !st->lexicon) return false;
  size_t size;
  const bool *kept = memo_get(s->memo, MEMO_SIGN, (uint32_t)category, 0, t, n, &size);
  if (kept) return *kept;
  bool r;
  if (category == EXPR_SIGN_NOTHING) /* (the loader made the rubric for it) */
    r = nx_says_nothing(st->rubric, t, n);
  else if (category == EXPR_SIGN_DIG)
    r = says_list(s, NX_DIG, NX_DIG_ALONE, t, n);
  else if (said)
    r = says_list(s, NX_SAID(category - EXPR_SIGN_SAID), NX_SAID_ALONE(category - EXPR_SIGN_SAID),
                  t, n);
  else if (category == EXPR_SIGN_HEAVY)
    r = mend_safety_reads(st->lexicon, MEND_SAFETY_CRISIS, t, n);
  else if (category == EXPR_SIGN_UNSAFE)
    r = mend_safety_reads(st->lexicon, MEND_SAFETY_ABUSE, t, n);
  else if (category == SIGN_TOLD_HEAVY || category == SIGN_TOLD_UNSAFE)
    r = mend_safety_reads_told(
        st->lexicon, category == SIGN_TOLD_HEAVY ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE, t, n);
  else {
    mend_safety_result sr;
    scan_of(s, t, n, &sr);
    r = category == MEND_SAFETY_CRISIS ? sr.crisis.category != MEND_SAFETY_NONE
                                       : sr.abuse.category != MEND_SAFETY_NONE;
  }
  memo_put(session_memo(s), MEMO_SIGN, (uint32_t)category, 0, t, n, &r, sizeof r);
  return r;
}

/* matches(t, '...'): the story's regular expression `regex`. */
static bool match_cb(void *ud, int64_t regex, const char *t, size_t n) {
  mend_session *s = ud;
  size_t size;
  const bool *kept = memo_get(s->memo, MEMO_MATCH, (uint32_t)regex, 0, t, n, &size);
  if (kept) return *kept;
  bool r = model_regex_match(&s->st->regexes[regex], t);
  memo_put(session_memo(s), MEMO_MATCH, (uint32_t)regex, 0, t, n, &r, sizeof r);
  return r;
}

static bool sign_cb(void *ud, int64_t category, const char *t, size_t n) {
  return sign_of(ud, category, t, n);
}

/* ---- memory latency ------------------------------------------------------------
 *
 * A large story does not fit in the cache, and a step jumps to a node far
 * from the last one: most of a step's time would go to waiting for the
 * node, its content, its choices and their texts, one after the other. The
 * hints below ask for what the next stages will read while this one works.
 *
 * They are always inlined: GCC takes a function made of prefetches only for
 * one without effects, and drops its calls. */

#define WANT(p) __builtin_prefetch(p)
#define WANT_W(p) __builtin_prefetch((p), 1)
#define HINT static inline __attribute__((always_inline))

/* What choosing c would read first: its target node and counters, its
 * feedback (asked for every choice of a node as it starts, so that the
 * node is there by the time one is chosen). */
HINT void want_choice(const mend_session *s, const choice *c, uint32_t ci) {
  const mend_story *st = s->st;
  WANT(&st->nodes[c->to]);
  WANT_W(&s->visits[c->to]);
  WANT_W(&s->chosen[ci]);
  if (c->nfb) WANT(&st->fbs[c->first_fb]);
}

/* What running node n reads: its content and its choices (one line each). */
HINT void want_node(const mend_session *s, const node *n) {
  const mend_story *st = s->st;
  if (n->nops) WANT(&st->ops[n->first_op]);
  for (uint32_t i = 0; i < n->nchoices; i++)
    WANT(&st->choices[n->first_choice + i]);
}

/* What offering n's choices reads next: their labels and conditions. */
HINT void want_labels(const mend_session *s, const node *n) {
  const mend_story *st = s->st;
  for (uint32_t i = 0; i < n->nchoices; i++) {
    const choice *c = &st->choices[n->first_choice + i];
    if (c->label.count) WANT(&st->pieces[c->label.first]);
    if (c->cond >= 0) WANT(&st->xrefs[c->cond]);
    want_choice(s, c, n->first_choice + i);
  }
}

/* ---- errors ---------------------------------------------------------------- */

static void fail(mend_session *s, loc at, const char *fmt, const char *a, const char *b) {
  char msg[600];
  snprintf(msg, sizeof msg, fmt, a, b);
  mem_buf m = {0};
  mem_buf_printf(&m, "%s:%d: error: %s", s->st->files[at.file], at.line, msg);
  mem_free(s->error);
  s->error = m.data;
  s->pending = MEND_PENDING_ERROR;
}

static bool eval(mend_session *s, int32_t xr, int64_t *out) {
  const xref *x = &s->st->xrefs[xr];
  expr_status e = expr_eval(&s->st->expr, x->root, &s->env, out);
  if (e == EXPR_OK) return true;
  fail(s, x->at,
       e == EXPR_OVERFLOW ? "integer overflow while evaluating \"%s\"%s"
                          : "division by zero while evaluating \"%s\"%s",
       x->src, "");
  return false;
}

/* Evaluates a condition; -1 means none. Returns 1, 0, or -1 on error. */
static int cond(mend_session *s, int32_t xr) {
  if (xr < 0) return 1;
  int64_t v;
  if (!eval(s, xr, &v)) return -1;
  return v != 0;
}

/* A content element's condition, counted for coverage. */
static int op_cond(mend_session *s, const op *o) {
  int c = cond(s, o->cond);
  if (s->cov && o->cond >= 0 && c >= 0)
    (c ? s->cov->cond_true : s->cov->cond_false)[o - s->st->ops]++;
  return c;
}

static void assign_int(mend_session *s, int32_t var, int64_t v) {
  const mend_var_info *vi = &s->st->vars[var].info;
  if (vi->has_min && v < vi->min) v = vi->min;
  if (vi->has_max && v > vi->max) v = vi->max;
  s->vals[var] = v;
  if (s->var_measure[var] >= 0) s->touched[s->var_measure[var]] = true;
}

/* An answer into a measure nothing has changed yet is its baseline: the
 * summary's start value is then the first check-in, not the init value. */
static void answer_int(mend_session *s, int32_t var, int64_t v) {
  int32_t m = s->var_measure[var];
  bool first = m >= 0 && !s->touched[m];
  assign_int(s, var, v);
  if (first) s->measures[m].start = s->vals[var];
}

static void assign_text(mend_session *s, int32_t var, const char *t, size_t n) {
  char *old = (char *)s->texts[var].s;
  s->texts[var].s = mem_strndup(t, n);
  s->texts[var].n = n;
  mem_free(old);
}

/* ---- the view ---------------------------------------------------------------- */

/* Appends v in decimal (what "%lld" gives, without printf's cost per step). */
static void add_int(mem_buf *out, int64_t v) {
  char tmp[24];
  size_t k = sizeof tmp;
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[--k] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) tmp[--k] = '-';
  mem_buf_add(out, tmp + k, sizeof tmp - k);
}

static void var_text(void *ud, uint32_t var, mem_buf *out) {
  mend_session *s = ud;
  const mend_var_info *vi = &s->st->vars[var].info;
  if (vi->type == MEND_TEXT)
    mem_buf_add(out, s->texts[var].s, s->texts[var].n);
  else if (vi->type == MEND_BOOL)
    mem_buf_adds(out, s->vals[var] ? "yes" : "no");
  else
    add_int(out, s->vals[var]);
}

/* Grows an array to hold `need` elements, calling out only when it must. */
#define ROOM(arr, cap, need)                                                                       \
  do {                                                                                             \
    if ((need) > (cap)) mem_grow((void **)&(arr), &(cap), (need), sizeof *(arr));                  \
  } while (0)

/* Renders pieces that need more than a pointer: values, styles, several. */
static __attribute__((noinline)) void render_pieces(mend_session *s, tpl t, rtext *r) {
  mem_buf *out = &s->out;
  r->fixed = NULL;
  r->off = out->len;
  /* (a story without any text has no pieces at all: no pointer arithmetic on NULL) */
  text_render(t.count ? s->st->pieces + t.first : NULL, t.count, var_text, s, out, r->off,
              &s->spans, &s->nspans, &s->span_cap);
  r->len = out->len - r->off;
  r->nspans = s->nspans - r->sfirst;
  /* each text NUL-terminated, for front ends (and the buffer too, as always) */
  if (out->cap - out->len < 2) mem_grow((void **)&out->data, &out->cap, out->len + 2, 1);
  out->data[out->len++] = 0;
  out->data[out->len] = 0;
}

/* Renders t into *r (written in place: a returned struct is stored in pieces
 * and read back whole, which stalls the store buffer on every text). */
static inline void render(mend_session *s, tpl t, rtext *r) {
  r->sfirst = s->nspans;
  r->nspans = 0;
  if (s->norender) {
    r->fixed = "";
    r->off = 0;
    r->len = 0;
    return;
  }
  if (t.count == 1) {
    const text_piece *p = &s->st->pieces[t.first];
    if (p->s && !p->style) { /* one plain literal (most labels and feedback): what text_render
                              * would copy, less a leading space, is already NUL-terminated */
      bool sp = p->n && p->s[0] == ' ';
      r->fixed = p->s + sp;
      r->off = 0;
      r->len = p->n - sp;
      return;
    }
  }
  render_pieces(s, t, r);
}

/* Notes the first {name} of a text variable that is shown while empty: a
 * question not asked on this path, or skipped (it shows as nothing). */
static void note_empty(mend_session *s, tpl t, loc at) {
  if (s->empty_var >= 0 || !t.count) return;
  const text_piece *p = s->st->pieces + t.first;
  for (uint32_t i = 0; i < t.count; i++)
    if (!p[i].s && s->st->vars[p[i].var].info.type == MEND_TEXT && !s->texts[p[i].var].n) {
      s->empty_var = (int32_t)p[i].var;
      s->empty_at = at;
      return;
    }
}

static mend_item *emit(mend_session *s, mend_item_kind kind, tpl t, loc at) {
  note_empty(s, t, at);
  size_t k = s->nitems++;
  ROOM(s->items, s->item_cap, s->nitems);
  ROOM(s->item_text, s->item_text_cap, s->nitems);
  mend_item *it = &s->items[k];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->line = at.line;
  render(s, t, &s->item_text[k]);
  return it;
}

static void clear_view(mend_session *s) {
  s->out.len = 0;
  s->nitems = s->nspans = s->ncviews = 0;
  s->nsupport = 0;
  s->reminded = false;
  s->view_support = 0;
  memcpy(s->support_before, s->support_level, sizeof s->support_before);
}

/* Whether these feedback words were said before in the session; if not,
 * they are now. */
static bool said_before(mend_session *s, const rtext *r) {
  const char *t = r->fixed ? r->fixed : s->out.data + r->off;
  uint64_t h = mem_hash(0, t, r->len);
  for (size_t i = 0; i < s->nfb_said; i++)
    if (s->fb_said[i] == h) return true;
  ROOM(s->fb_said, s->fb_said_cap, s->nfb_said + 1);
  s->fb_said[s->nfb_said++] = h;
  return false;
}

/* Offers support for h: in full (MEND_ITEM_SUPPORT) unless something as
 * serious was offered before in the session; else a reminder
 * (MEND_ITEM_SUPPORT_AGAIN), one a view at most, and none where the view
 * offers support in full already (a screen, of either category: the
 * reminder would follow it at once, pointing at the lines it has just
 * shown). The item's text is the words that triggered it. */
static void offer_support(mend_session *s, const mend_safety_hit *h, const char *words, size_t n,
                          int line) {
  mend_item_kind kind = MEND_ITEM_SUPPORT;
  if (h->severity <= s->support_level[h->category]) {
    if (s->reminded || s->view_support) return;
    s->reminded = true;
    kind = MEND_ITEM_SUPPORT_AGAIN;
  } else {
    s->support_level[h->category] = h->severity;
    s->view_support |= 1u << h->category;
  }
  size_t k = s->nitems++;
  ROOM(s->items, s->item_cap, s->nitems);
  ROOM(s->item_text, s->item_text_cap, s->nitems);
  mend_item *it = &s->items[k];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->line = line;
  rtext *r = &s->item_text[k];
  r->fixed = NULL;
  r->sfirst = s->nspans;
  r->nspans = 0;
  r->off = s->out.len;
  mem_buf_add(&s->out, words, n);
  mem_buf_addc(&s->out, 0);
  r->len = n;
  *VEC_PUSH(s->support, s->nsupport, s->support_cap) = *h;
}

/* A story's <support/>: the least serious sign of its category. */
static void support_op(mend_session *s, const op *o) {
  mend_safety_hit h = {0};
  h.category = (mend_safety_category)o->ask_kind;
  h.kind = "story";
  h.severity = 1;
  h.line = o->at.line;
  offer_support(s, &h, "", 0, o->at.line);
}

/* A story's <contact/>: an item with no text, for the player to record. */
static void contact_op(mend_session *s, const op *o) {
  emit(s, MEND_ITEM_CONTACT, (tpl){0, 0}, o->at);
}

/* A text answer, scanned for signs of crisis and abuse. */
static void scan_answer(mend_session *s, const char *t, size_t n, int line) {
  mend_safety_result r;
  scan_of(s, t, n, &r);
  if (!r.category) return;
  if (r.crisis.category) offer_support(s, &r.crisis, t + r.crisis.start, r.crisis.size, line);
  if (r.abuse.category) offer_support(s, &r.abuse, t + r.abuse.start, r.abuse.size, line);
}

static void fix(const mend_session *s, const rtext *r, mend_text *t) {
  t->text = r->fixed ? r->fixed : s->out.data ? s->out.data + r->off : "";
  t->length = r->len;
  t->spans = r->nspans ? s->spans + r->sfirst : NULL;
  t->nspans = r->nspans;
}

static void finalize(mend_session *s) {
  if (!s->out.data) mem_buf_add(&s->out, "", 0);
  for (size_t i = 0; i < s->nitems; i++)
    fix(s, &s->item_text[i], &s->items[i].text);
  for (size_t i = 0, k = 0; k < s->nsupport && i < s->nitems; i++)
    if (s->items[i].kind == MEND_ITEM_SUPPORT || s->items[i].kind == MEND_ITEM_SUPPORT_AGAIN)
      s->items[i].support = &s->support[k++];
  for (size_t i = 0; i < s->nitems; i++)
    if (s->items[i].kind == MEND_ITEM_RULE) {
      const struct quote *q = &s->item_quote[i];
      s->items[i].quote.text = q->len ? s->out.data + q->off : "";
      s->items[i].quote.length = q->len;
    }
  for (size_t i = 0; i < s->ncviews; i++)
    fix(s, &s->clabels[i], &s->cviews[i].label);
  if (s->pending == MEND_PENDING_ASK) fix(s, &s->qprompt, &s->q.prompt);
  for (size_t i = 0; i < s->sum.nmeasures; i++) {
    s->measures[i].final = s->vals[s->measure_start[i]];
  }
  s->sum.answers = s->answers;
  s->sum.nanswers = s->nanswers;
  s->sum.decisions = s->decisions;
}

/* ---- running --------------------------------------------------------------------- */

static void count_choice(mend_session *s, uint32_t ci) {
  if (s->chosen[ci]++ == 0) s->dirty_choices[s->ndirty_choices++] = ci;
}

/* Sets every visit and choice counter to 0. */
static void clear_counters(mend_session *s) {
  for (size_t i = 0; i < s->ndirty_nodes; i++)
    s->visits[s->dirty_nodes[i]] = 0;
  for (size_t i = 0; i < s->ndirty_choices; i++)
    s->chosen[s->dirty_choices[i]] = 0;
  s->ndirty_nodes = s->ndirty_choices = 0;
}

static void enter(mend_session *s, int32_t n) {
  s->skipped_var = -1;
  if (s->visits[n]++ == 0) s->dirty_nodes[s->ndirty_nodes++] = (uint32_t)n;
  if (s->cov) s->cov->node[n]++;
  s->node = n;
  s->pc = 0;
}

typedef struct check_ctx {
  const mend_story *st;
  uint32_t first, count; /* the rules read */
  struct found *found;
  const char *text; /* what they read */
} check_ctx;

/* How many words of its clause a rule's quote takes before and after what
 * was found. */
enum { QUOTE_BEFORE = 5, QUOTE_AFTER = 7 };

/* A phrase found: the first that stands is its rule's evidence. */
static void on_phrase(void *ud, const nx_scan *sc, const ph_hit *h, const ph_hit *by,
                      const char *why) {
  check_ctx *c = ud;
  (void)why;
  uint32_t r = NX_INDEX(ph_tag(c->st->rubric, h->phrase));
  if (by || r < c->first || r - c->first >= c->count) return;
  struct found *f = &c->found[r - c->first];
  if (f->found) return;
  f->found = true;
  /* the clause around what was found: "Thank you for everything", not "Thank" */
  nx_quote_span(sc, h, c->text, QUOTE_BEFORE, QUOTE_AFTER, &f->start, &f->len, &f->cut_before,
                &f->cut_after);
}

/* What rules [first, first+count) find in a text (found[i], and where).
 * False when the text is not in the story's language: an answer of six words
 * or more that holds more common words of other languages than of its own
 * (the [other languages] and [common words] of its words file), or fewer
 * than one in ten of its own, is not read. */
static bool read_rules(const mend_story *st, nx_scan *nx, const char *text, size_t tn,
                       uint32_t first, uint32_t count, struct found *found) {
  memset(found, 0, count * sizeof *found);
  bool phrases = false;
  for (uint32_t i = 0; i < count; i++)
    phrases |= st->rules[first + i].has_say;
  if (phrases) {
    check_ctx c = {st, first, count, found, text};
    nx_run(st->rubric, st->rubric_scope, text, tn, nx, on_phrase, &c);
    if (!st->rubric_bare && nx->w.n >= 6 &&
        (nx->foreign > nx->common || nx->common * 10 < nx->w.n)) {
      memset(found, 0, count * sizeof *found);
      return false;
    }
  }
  for (uint32_t i = 0; i < count; i++) {
    const rule *r = &st->rules[first + i];
    struct found *f = &found[i];
    if (!f->found && r->has_re && model_regex_match(&r->re, text)) {
      f->found = true;
      if (!model_regex_where(&r->quote_re, text, &f->start, &f->len)) f->len = 0;
      /* (a pattern's may hold spaces or the mark before it at its ends: " but
       * no", "(^|[^a-z])no" quoting ", no."; a phrase's never) */
      while (f->len && strchr(" \t\r\n,;:.!?-", text[f->start]))
        f->start++, f->len--;
      while (f->len && strchr(" \t\r\n,;:-", text[f->start + f->len - 1]))
        f->len--;
    }
  }
  return true;
}

static void run_check(mend_session *s, const op *o) {
  const mend_story *st = s->st;
  const char *text = s->texts[o->var].s;
  size_t tn = s->texts[o->var].n;
  /* Notes are on what the person wrote: none on nothing (a question not
   * asked, or skipped before anything was written: its score is 0), and none
   * again on an earlier answer when they skipped writing it anew (its score
   * stays). "✓ No begging" for words never written would be praise of what
   * the person did not do. */
  if (o->var == s->skipped_var) return;
  if (!tn) {
    if (o->value >= 0) assign_int(s, o->value, 0);
    return;
  }
  ROOM(s->found, s->found_cap, o->count);
  size_t fsize = sizeof(bool) + o->count * sizeof *s->found;
  size_t size;
  const char *kept = memo_get(s->memo, MEMO_RULES, o->first, o->count, text, tn, &size);
  bool read;
  if (kept && size == fsize) {
    memcpy(&read, kept, sizeof read);
    memcpy(s->found, kept + sizeof read, o->count * sizeof *s->found);
  } else {
    read = read_rules(st, &s->nx, text, tn, o->first, o->count, s->found);
    char *val = mem_alloc(fsize);
    memcpy(val, &read, sizeof read);
    memcpy(val + sizeof read, s->found, o->count * sizeof *s->found);
    memo_put(session_memo(s), MEMO_RULES, o->first, o->count, text, tn, val, fsize);
    mem_free(val);
  }
  if (!read) {
    emit(s, MEND_ITEM_UNREAD, (tpl){0, 0}, o->at);
    s->item_text[s->nitems - 1] =
        (rtext){st->rubric_language, 0, strlen(st->rubric_language), s->nspans, 0};
    if (o->value >= 0) assign_int(s, o->value, 0);
    return;
  }
  int64_t total = 0;
  for (uint32_t i = 0; i < o->count; i++) {
    const rule *r = &st->rules[o->first + i];
    const struct found *f = &s->found[i];
    bool met = r->absent ? !f->found : f->found;
    if (met) total += r->weight;
    if (s->cov) (met ? s->cov->rule_met : s->cov->rule_unmet)[o->first + i]++;
    /* A rule that looks for something to avoid speaks only when it finds
     * it: "✓ No blame" would praise what the person did not write, and what
     * its phrases miss ("you spineless worm") would be praised too. */
    if (met && r->absent) continue;
    mend_item *it = emit(s, MEND_ITEM_RULE, met ? r->met : r->unmet, r->at);
    it->rule_label = r->label;
    it->met = met;
    it->absent = r->absent;
    it->watch = r->watch;
    size_t k = s->nitems - 1;
    ROOM(s->item_quote, s->item_quote_cap, s->nitems);
    s->item_quote[k].off = s->out.len;
    s->item_quote[k].len = 0;
    if (f->found && f->len && !s->norender) {
      size_t at = s->out.len;
      if (f->cut_before) mem_buf_add(&s->out, "...", 3);
      mem_buf_add(&s->out, text + f->start, f->len);
      size_t q = s->out.len - f->len; /* a quote is one line */
      s->out.len = q + text_flatten(s->out.data + q, f->len);
      if (f->cut_after) mem_buf_add(&s->out, "...", 3);
      s->item_quote[k].len = s->out.len - at;
    }
    mem_buf_addc(&s->out, 0);
  }
  if (o->value >= 0) assign_int(s, o->value, total);
}

static bool run_set(mend_session *s, const op *o) {
  int c = op_cond(s, o);
  if (c <= 0) return c == 0;
  int64_t v;
  if (s->st->vars[o->var].info.type == MEND_TEXT) {
    const expr_node *x = &s->st->expr.n[s->st->xrefs[o->value].root];
    expr_text t =
        x->op == X_STR ? (expr_text){s->st->expr.str + x->v, (size_t)x->len} : s->texts[x->v];
    if (x->op == X_TVAR && (int32_t)x->v == o->var) return true;
    assign_text(s, o->var, t.s, t.n);
    return true;
  }
  if (!eval(s, o->value, &v)) return false;
  assign_int(s, o->var, v);
  return true;
}

static void pause_ask(mend_session *s, const op *o) {
  s->pending = MEND_PENDING_ASK;
  s->ask = o;
  memset(&s->q, 0, sizeof s->q);
  s->q.kind = (mend_ask_kind)o->ask_kind;
  s->q.var = s->st->vars[o->var].info.name;
  s->q.min = o->min;
  s->q.max = o->max;
  s->q.journal = o->journal;
  s->q.nexamples = o->count;
  s->q.examples = o->count ? s->st->examples + o->first : NULL;
  if (o->ask_kind == MEND_ASK_TEXT && s->st->var_samples) {
    const char **all = s->st->sign_samples ? s->st->sign_samples : s->st->samples;
    const uint32_t *of = s->st->sign_samples ? s->st->var_sign_samples : s->st->var_samples;
    s->q.nsamples = of[2 * o->var + 1];
    s->q.samples = s->q.nsamples ? all + of[2 * o->var] : NULL;
    /* the signs come after the rules' samples (safety.c, sign_samples) */
    if (s->st->sign_samples) s->q.nsigns = s->q.nsamples - s->st->var_samples[2 * o->var + 1];
  }
  s->q.line = o->at.line;
  note_empty(s, o->text, o->at);
  render(s, o->text, &s->qprompt);
}

/* Adds choice ci to the choices offered. */
static void offer(mend_session *s, uint32_t ci) {
  const choice *c = &s->st->choices[ci];
  size_t k = s->ncviews;
  ROOM(s->cviews, s->cview_cap, k + 1);
  ROOM(s->clabels, s->clabel_cap, k + 1);
  ROOM(s->offered, s->offered_cap, k + 1);
  s->cviews[k].id = c->id;
  s->cviews[k].index = c->index;
  s->cviews[k].line = c->at.line;
  note_empty(s, c->label, c->at);
  render(s, c->label, &s->clabels[k]);
  s->offered[k] = ci;
  s->ncviews++;
}

/* Whether choice ci is offered now: 1 or 0, or -1 after a run-time error (the
 * session says it). A `once` choice taken before is not. */
static int choice_applies(mend_session *s, uint32_t ci) {
  const choice *c = &s->st->choices[ci];
  if (c->once && s->chosen[ci] > 0) return 0;
  return cond(s, c->cond);
}

static void pause_exits(mend_session *s) {
  const mend_story *st = s->st;
  const node *n = &st->nodes[s->node];
  for (uint32_t i = 0; i < n->nchoices; i++) {
    int ok = choice_applies(s, n->first_choice + i);
    if (ok < 0) return;
    if (ok) offer(s, n->first_choice + i);
  }
  if (s->ncviews) {
    s->pending = MEND_PENDING_CHOICE;
    return;
  }
  s->nbranches = 0;
  for (uint32_t i = 0; i < n->ngotos; i++) {
    const exit_ *g = &st->exits[n->first_goto + i];
    int ok = cond(s, g->cond);
    if (ok < 0) return;
    if (ok) {
      *VEC_PUSH(s->branches, s->nbranches, s->branch_cap) = n->first_goto + i;
      s->auto_exit = n->first_goto + i;
      s->auto_to = g->to;
      s->pending = MEND_PENDING_AUTO;
      WANT(&st->nodes[g->to]);
      return;
    }
  }
  int64_t total = 0;
  for (uint32_t i = 0; i < n->nrandom; i++) {
    const exit_ *g = &st->exits[n->first_random + i];
    int ok = cond(s, g->cond);
    if (ok < 0) return;
    if (!ok) continue;
    total += g->weight;
    *VEC_PUSH(s->branches, s->nbranches, s->branch_cap) = n->first_random + i;
  }
  if (total > 0) {
    uint64_t pick = rng_below(&s->r, (uint64_t)total);
    for (size_t i = 0; i < s->nbranches; i++) {
      const exit_ *g = &st->exits[s->branches[i]];
      if (pick < (uint64_t)g->weight) {
        s->auto_exit = s->branches[i];
        s->auto_to = g->to;
        s->pending = MEND_PENDING_AUTO;
        WANT(&st->nodes[g->to]);
        return;
      }
      pick -= (uint64_t)g->weight;
    }
  }
  fail(s, n->at, "dead end: node '%s' offers no choice, and no goto or random branch applies%s",
       n->id, "");
}

/* The title of ending n, read once it is over (after its questions): its
 * first <title> whose condition holds, else its title="...". (Each condition
 * is read, for coverage.) */
static const char *ending_title(mend_session *s, const node *n) {
  const mend_story *st = s->st;
  const char *title = NULL;
  for (uint32_t i = 0; i < n->nops; i++) {
    const op *o = &st->ops[n->first_op + i];
    if (o->kind == OP_TITLE && op_cond(s, o) > 0 && !title) title = st->pieces[o->text.first].s;
  }
  return title ? title : n->title;
}

/* Whether the summary shows the check-ins at ending n: its checkins="..."
 * (none: yes). */
static bool checkins_shown(mend_session *s, const node *n) {
  const mend_story *st = s->st;
  for (uint32_t i = 0; i < n->nops; i++) {
    const op *o = &st->ops[n->first_op + i];
    if (o->kind == OP_CHECKINS) return o->cond >= 0 && op_cond(s, o) != 0; /* (no cond: "false") */
  }
  return true;
}

/* Runs from the current position to the next point where the session waits. */
static void run(mend_session *s) {
  const mend_story *st = s->st;
  const node *n = &st->nodes[s->node];
  if (s->pc == 0) want_labels(s, n);
  while (s->pc < n->nops) {
    const op *o = &st->ops[n->first_op + s->pc++];
    if (o->kind == OP_SET) {
      if (!run_set(s, o)) return;
      continue;
    }
    if (o->kind == OP_TITLE || o->kind == OP_CHECKINS) continue; /* (read at the end) */
    int c = op_cond(s, o);
    if (c < 0) return;
    if (!c) continue;
    switch ((op_kind)o->kind) {
    case OP_TEXT: emit(s, MEND_ITEM_PARAGRAPH, o->text, o->at); break;
    case OP_ASK: pause_ask(s, o); return;
    case OP_CHECK: run_check(s, o); break;
    case OP_SUPPORT: support_op(s, o); break;
    case OP_CONTACT: contact_op(s, o); break;
    case OP_SET:
    case OP_TITLE:
    case OP_CHECKINS: break;
    }
  }
  if (n->ending) {
    const char *title = ending_title(s, n);
    if (s->pending == MEND_PENDING_ERROR) return; /* (a condition of a <title> failed) */
    s->pending = MEND_PENDING_END;
    s->sum.ending_id = n->id;
    s->sum.checkins_hidden = !checkins_shown(s, n);
    s->sum.ending_title = title;
    s->sum.ending_tone = n->tone;
    return;
  }
  pause_exits(s);
}

/* ---- life cycle ------------------------------------------------------------------- */

static void free_texts(mend_session *s) {
  for (size_t i = 0; i < s->st->nvars; i++) {
    if (s->st->vars[i].info.type == MEND_TEXT) mem_free((char *)s->texts[i].s);
    s->texts[i].s = NULL;
  }
}

static void free_log(mend_session *s) {
  for (size_t i = 0; i < s->nlog; i++)
    mem_free(s->log[i].text);
  s->nlog = 0;
  s->decisions = 0;
}

static void start(mend_session *s, uint64_t seed) {
  const mend_story *st = s->st;
  free_texts(s);
  free_log(s);
  s->seed = seed;
  rng_seed(&s->r, seed);
  clear_counters(s);
  if (st->nvars) memset(s->vals, 0, sizeof(int64_t) * st->nvars);
  for (size_t i = 0; i < st->nvars; i++) {
    const mend_var_info *vi = &st->vars[i].info;
    if (vi->type == MEND_TEXT) {
      s->texts[i].s = mem_strdup(vi->init_text);
      s->texts[i].n = strlen(vi->init_text);
    } else {
      s->vals[i] = vi->init;
      s->texts[i].s = "";
      s->texts[i].n = 0;
    }
  }
  for (size_t i = 0; i < s->sum.nmeasures; i++) {
    s->measures[i].start = s->vals[s->measure_start[i]];
    s->touched[i] = false;
  }
  if (!s->rec || s->nanswers) { /* (the arena holds the answer records' strings only) */
    mem_arena_free(s->rec);
    s->rec = mem_arena_new();
  }
  s->nanswers = 0;
  memset(s->sum.feedback, 0, sizeof s->sum.feedback);
  s->sum.ending_id = s->sum.ending_title = NULL;
  s->sum.checkins_hidden = false;
  s->sum.ending_tone = MEND_TONE_NEUTRAL;
  mem_free(s->error);
  s->error = NULL;
  clear_view(s);
  memset(s->support_level, 0, sizeof s->support_level);
  memset(s->support_before, 0, sizeof s->support_before);
  s->told = s->told_step = s->told_last = s->told_alone = 0;
  s->nfb_said = 0;
  if (st->nhears) memset(s->hear_taken, 0, st->nhears);
  s->heard = -1;
  s->heard_moved = false;
  s->ask = NULL;
  s->empty_var = -1;
  enter(s, st->start);
  run(s);
}

mend_session *mend_session_new(const mend_story *st, uint64_t seed) {
  if (!st) return NULL;
  mend_session *s = mem_alloc(sizeof *s);
  s->st = st;
  size_t nnum = st->nvars + st->nnodes + st->nchoices;
  s->num = mem_alloc(sizeof(int64_t) * (nnum ? nnum : 1));
  s->vals = s->num;
  s->visits = s->num + st->nvars;
  s->chosen = s->visits + st->nnodes;
  s->dirty_nodes = mem_alloc(sizeof(uint32_t) * (st->nnodes ? st->nnodes : 1));
  s->dirty_choices = mem_alloc(sizeof(uint32_t) * (st->nchoices ? st->nchoices : 1));
  s->texts = mem_alloc(sizeof(expr_text) * (st->nvars ? st->nvars : 1));
  s->env.vals = s->vals;
  s->env.visits = s->visits;
  s->env.chosen = s->chosen;
  s->env.texts = s->texts;
  s->env.match = match_cb;
  s->env.sign = sign_cb;
  s->env.ud = s;
  s->env.told = &s->told;
  s->env.just_told = &s->told_last;
  s->hear_was = mem_alloc(st->nhears + 1);
  s->hear_taken = mem_alloc(st->nhears + 1);
  memset(s->hear_taken, 0, st->nhears + 1);
  s->heard = -1;
  s->sum.nmeasures = st->nmeasures;
  s->measures = mem_alloc(sizeof(mend_measure) * (st->nmeasures ? st->nmeasures : 1));
  s->measure_start = mem_alloc(sizeof(int64_t) * (st->nmeasures ? st->nmeasures : 1));
  s->touched = mem_alloc(sizeof(bool) * (st->nmeasures ? st->nmeasures : 1));
  s->var_measure = mem_alloc(sizeof(int32_t) * (st->nvars ? st->nvars : 1));
  size_t k = 0;
  for (size_t i = 0; i < st->nvars; i++) {
    s->var_measure[i] = st->vars[i].info.label ? (int32_t)k : -1;
    if (!st->vars[i].info.label) continue;
    s->measures[k].name = st->vars[i].info.name;
    s->measures[k].label = st->vars[i].info.label;
    s->measures[k].type = st->vars[i].info.type;
    s->measures[k].kind = st->vars[i].info.measure;
    s->measure_start[k++] = (int64_t)i;
  }
  s->sum.measures = s->measures;
  start(s, seed);
  finalize(s);
  return s;
}

void mend_session_reset(mend_session *s, uint64_t seed) {
  start(s, seed);
  finalize(s);
}

void mend_session_free(mend_session *s) {
  if (!s) return;
  free_texts(s);
  free_log(s);
  mem_free(s->log);
  mem_free(s->num);
  mem_free(s->dirty_nodes);
  mem_free(s->dirty_choices);
  mem_free(s->texts);
  mem_buf_free(&s->out);
  mem_free(s->items);
  mem_free(s->item_text);
  mem_free(s->spans);
  mem_free(s->cviews);
  mem_free(s->clabels);
  mem_free(s->offered);
  mem_free(s->error);
  mem_free(s->measures);
  mem_free(s->measure_start);
  mem_free(s->touched);
  mem_free(s->var_measure);
  mem_free(s->answers);
  mem_free(s->branches);
  mem_free(s->support);
  mem_free(s->found);
  mem_free(s->item_quote);
  mem_free(s->hear_was);
  mem_free(s->hear_taken);
  mem_free(s->fb_said);
  nx_free(&s->nx);
  ph_free(s->choice_words);
  mem_free(s->choice_nwords);
  memo_free(s->memo);
  mem_arena_free(s->rec);
  mem_free(s);
}

/* ---- decisions ------------------------------------------------------------------- */

static void log_push(mend_session *s, char kind, uint64_t index, const char *text) {
  if (kind != S_CONTINUE && kind != S_TOLD) { /* a decision: what was told at it, "just told" */
    s->told_last = s->told_step;
    s->told_step = s->told_alone = 0;
    s->heard = -1;
    s->heard_moved = false;
  }
  if (s->norecord) {
    if (kind != S_CONTINUE && kind != S_TOLD) s->decisions++;
    return;
  }
  sess_entry *e = VEC_PUSH(s->log, s->nlog, s->log_cap);
  e->kind = kind;
  e->index = index;
  e->text = text ? mem_strdup(text) : NULL;
  if (kind != S_CONTINUE && kind != S_TOLD) s->decisions++;
}

/* Cleans (utf8_clean), trims and checks a text answer; on success *kept is
 * the text kept (malloc'd: the caller frees it) and *len its length. */
static mend_status check_text(const char *a, char **kept, size_t *len) {
  mem_buf b = {0};
  utf8_clean(a, strlen(a), &b);
  size_t start = 0, n = b.len;
  while (start < n && utf8_is_space(b.data[start]))
    start++;
  while (n > start && utf8_is_space(b.data[n - 1]))
    n--;
  if (n - start > MEND_MAX_ANSWER) {
    mem_buf_free(&b);
    return MEND_E_TOO_LONG;
  }
  memmove(b.data, b.data + start, n - start);
  b.data[n - start] = 0;
  *kept = b.data;
  *len = n - start;
  return MEND_OK;
}

static mend_status parse_answer(const mend_session *s, const char *a, int64_t *v, char **t,
                                size_t *tn) {
  if (s->pending != MEND_PENDING_ASK || !a) return MEND_E_STATE;
  switch (s->q.kind) {
  case MEND_ASK_SCALE: return mend_parse_scale(a, s->q.min, s->q.max, v);
  case MEND_ASK_YESNO: {
    bool b = false;
    mend_status st = mend_parse_yesno(a, &b);
    *v = b;
    return st;
  }
  case MEND_ASK_TEXT: return check_text(a, t, tn);
  }
  return MEND_E_STATE;
}

mend_status mend_session_check_answer(const mend_session *s, const char *answer) {
  int64_t v;
  char *t = NULL;
  size_t n;
  mend_status st = parse_answer(s, answer, &v, &t, &n);
  mem_free(t);
  return st;
}

mend_status mend_session_answer(mend_session *s, const char *answer) {
  int64_t v = 0;
  char *t = NULL;
  size_t tn = 0;
  mend_status rc = parse_answer(s, answer, &v, &t, &tn);
  if (rc != MEND_OK) return rc;
  const op *o = s->ask;
  mend_answer_record *r = VEC_PUSH(s->answers, s->nanswers, s->answer_cap);
  memset(r, 0, sizeof *r);
  r->var = s->q.var;
  r->prompt = mem_arena_strndup(s->rec, s->q.prompt.text, s->q.prompt.length);
  r->kind = s->q.kind;
  r->journal = s->q.journal;
  r->node = s->st->nodes[s->node].id;
  if (s->q.kind == MEND_ASK_TEXT) {
    log_push(s, S_ANSWER, 0, t); /* what was kept: a save replays it as it is */
    r->text = mem_arena_strndup(s->rec, t, tn);
    r->skipped = tn == 0;
    r->says_nothing = tn && sign_of(s, EXPR_SIGN_NOTHING, t, tn);
    if (tn) assign_text(s, o->var, t, tn);
    s->skipped_var = tn ? -1 : (int32_t)o->var;
  } else {
    log_push(s, S_ANSWER, 0, answer);
    r->value = v;
    r->text = "";
    answer_int(s, o->var, v);
  }
  clear_view(s);
  s->ask = NULL;
  if (r->kind == MEND_ASK_TEXT && tn && s->st->lexicon) scan_answer(s, t, tn, o->at.line);
  mem_free(t);
  run(s);
  finalize(s);
  return MEND_OK;
}

mend_status mend_session_choose(mend_session *s, size_t i) {
  if (s->pending != MEND_PENDING_CHOICE) return MEND_E_STATE;
  if (i >= s->ncviews) return MEND_E_RANGE;
  const mend_story *st = s->st;
  uint32_t ci = s->offered[i];
  const choice *c = &st->choices[ci];
  want_node(s, &st->nodes[c->to]);
  log_push(s, S_CHOOSE, c->index, c->id); /* the id makes replay on an edited story safe */
  clear_view(s);
  count_choice(s, ci);
  if (s->cov) s->cov->choice[ci]++;
  s->pending = MEND_PENDING_CHOICE;
  for (uint32_t k = 0; k < c->nsets; k++) {
    const op *o = &st->ops[c->first_set + k];
    int ok = o->kind == OP_SET ? run_set(s, o) : op_cond(s, o);
    if (ok < 0 || (o->kind == OP_SET && !ok)) {
      finalize(s);
      return MEND_OK;
    }
    if (o->kind == OP_SUPPORT && ok) support_op(s, o);
    if (o->kind == OP_CONTACT && ok) contact_op(s, o);
  }
  for (uint32_t k = 0; k < c->nfb; k++) {
    const feedback *f = &st->fbs[c->first_fb + k];
    int ok = cond(s, f->cond);
    if (ok < 0) {
      finalize(s);
      return MEND_OK;
    }
    if (!ok) continue;
    s->sum.feedback[f->tone]++;
    if (s->cov) s->cov->fb[c->first_fb + k]++;
    size_t out = s->out.len, spans = s->nspans;
    mend_item *it = emit(s, MEND_ITEM_FEEDBACK, f->text, f->at);
    it->tone = f->tone;
    if (!s->norender && said_before(s, &s->item_text[s->nitems - 1])) {
      s->nitems--; /* (the same words a second time: said once is enough) */
      s->out.len = out;
      s->nspans = spans;
    }
  }
  enter(s, c->to);
  run(s);
  finalize(s);
  return MEND_OK;
}

mend_status mend_session_continue(mend_session *s) {
  if (s->pending != MEND_PENDING_AUTO) return MEND_E_STATE;
  if (s->cov) s->cov->exit[s->auto_exit]++;
  log_push(s, S_CONTINUE, 0, NULL);
  clear_view(s);
  enter(s, s->auto_to);
  run(s);
  finalize(s);
  return MEND_OK;
}

_Static_assert((int)MEND_TOLD_CRISIS == (int)EXPR_TOLD_CRISIS &&
                   (int)MEND_TOLD_ABUSE == (int)EXPR_TOLD_ABUSE &&
                   (int)MEND_TOLD_HEAVY == (int)EXPR_TOLD_HEAVY &&
                   (int)MEND_TOLD_UNSAFE == (int)EXPR_TOLD_UNSAFE,
               "told() asks about what mend_session_tell records");
_Static_assert(MEND_TOLD_LIST == EXPR_TOLD_LIST && MEND_TOLD_LISTS == EXPR_TOLD_LISTS &&
                   MEND_TOLD_DIG == EXPR_TOLD_DIG &&
                   (MEND_TOLD_LIST << (MEND_TOLD_LISTS - 1)) < MEND_TOLD_DIG &&
                   !(MEND_TOLD_ANY & EXPR_TOLD_JUST) && !(MEND_TOLD_ANY & S_TOLD_QUIET) &&
                   LEXICON_MAX_SAID - 1 <= MEND_TOLD_LISTS,
               "the told flags: signs, the lists, dig; apart from just_told() and a save's quiet");

/* The choices of the node waiting for one, offered again after something was
 * told there: a choice's condition can ask told(). When none would apply, the
 * choices offered stay (what a person says never leaves them without one). */
static void reoffer(mend_session *s) {
  const node *n = &s->st->nodes[s->node];
  size_t apply = 0;
  for (uint32_t i = 0; i < n->nchoices; i++) {
    int ok = choice_applies(s, n->first_choice + i);
    if (ok < 0) return;
    apply += (size_t)ok;
  }
  if (!apply) return;
  s->ncviews = 0;
  for (uint32_t i = 0; i < n->nchoices; i++)
    if (choice_applies(s, n->first_choice + i) > 0) offer(s, n->first_choice + i);
  finalize(s); /* (the labels' text may have moved) */
}

/* The question waiting, when its own condition no longer holds after a line
 * told there (if="not told('grief')", and "he died last month" typed where
 * the number is asked): not asked any more, as though its condition had been
 * false when the session reached it; the session goes on from after it. A
 * save replays it, for it replays what was told. */
static void unask(mend_session *s) {
  if (s->ask->cond < 0) return;
  int c = op_cond(s, s->ask);
  if (c < 0) finalize(s); /* (the error, as the session's view) */
  if (c != 0) return;
  clear_view(s);
  s->ask = NULL;
  run(s);
  finalize(s);
}

/* What a <hear>'s condition was before the line being told: not known yet
 * (read when first asked: most are never asked, as the line makes them no
 * truer), false or true. */
enum { HEAR_UNKNOWN, HEAR_FALSE, HEAR_TRUE };

/* Whether <hear> i was true before the line (read with what was told then,
 * s->told_before and s->step_before); -1 after a run-time error. */
static int hear_before(mend_session *s, size_t i) {
  if (s->hear_was[i] == HEAR_UNKNOWN) {
    const uint64_t *told = s->env.told, *just = s->env.just_told;
    s->env.told = &s->told_before;
    s->env.just_told = &s->step_before;
    int c = cond(s, s->st->hears[i].cond);
    s->env.told = told;
    s->env.just_told = just;
    if (c < 0) return -1;
    s->hear_was[i] = c ? HEAR_TRUE : HEAR_FALSE;
  }
  return s->hear_was[i] == HEAR_TRUE;
}

/* Before a line is told: what was told so far, for hear_before; the <hear>s
 * whose condition computes are read at once, in order (a run-time error in
 * one ends the session there, before the line counts). False after an
 * error. */
static bool hears_before(mend_session *s) {
  const mend_story *st = s->st;
  s->told_before = s->told;
  s->step_before = s->told_step;
  memset(s->hear_was, HEAR_UNKNOWN, st->nhears);
  for (size_t i = 0; i < st->nhears; i++)
    if (st->hears[i].may_fail && hear_before(s, i) < 0) return false;
  return true;
}

/* After a line that told `step` that was not told at this decision yet: the
 * first <hear> it made true (false before it, true with it), read with
 * just_told() as *just (what was typed while this decision waits, or the
 * line alone). One whose condition reads none of `step` is as it was, and
 * not read again (its value cannot have changed). words_only: only a <hear>
 * without to=, reading every one (with the line alone, its value is another).
 * Returns its index, -1 for none, or -2 after a run-time error. */
static int32_t hears_after(mend_session *s, uint64_t step, const uint64_t *just, bool words_only) {
  const mend_story *st = s->st;
  int32_t k = -1;
  s->env.just_told = just;
  for (size_t i = 0; i < st->nhears && k == -1; i++) {
    const hear *h = &st->hears[i];
    if (!(h->reads & (words_only ? *just : step)) || (words_only && h->to >= 0)) continue;
    if (s->hear_was[i] == HEAR_TRUE) continue;
    int c = cond(s, h->cond);
    if (c > 0) {
      int before = hear_before(s, i);
      c = before < 0 ? -1 : !before;
    }
    if (c < 0) k = -2;
    if (c > 0) k = (int32_t)i;
  }
  s->env.just_told = &s->told_last;
  return k;
}

/* A <hear> with to=: the session goes on from its node, as after an answer
 * (what was typed while the decision waited is what its just_told() reads),
 * its words first. */
static tpl hear_words(const hear *h, bool before) {
  return before && h->again.count ? h->again : h->text;
}

static void hear_leads_on(mend_session *s, const hear *h, bool before, const int32_t *also,
                          const bool *again, size_t nalso) {
  s->told_last = s->told_step;
  s->told_step = s->told_alone = 0;
  clear_view(s);
  s->ask = NULL;
  s->heard_moved = true;
  tpl words = hear_words(h, before);
  if (words.count) emit(s, MEND_ITEM_FEEDBACK, words, h->at)->tone = MEND_TONE_NEUTRAL;
  /* (the words of the also="true" ones the line made true too, after its) */
  for (size_t i = 0; i < nalso; i++) {
    const hear *o = &s->st->hears[also[i]];
    emit(s, MEND_ITEM_FEEDBACK, hear_words(o, again[i]), o->at)->tone = MEND_TONE_NEUTRAL;
  }
  want_node(s, &s->st->nodes[h->to]);
  enter(s, h->to);
  run(s);
  finalize(s);
}

/* Appends more's text to *r's, after a space, as a text of its own in the
 * view's buffer (what a <hear> says is read as plain words). */
static void join_words(mend_session *s, rtext *r, const rtext *more) {
  if (s->norender || !more->len) return;
  mem_buf *out = &s->out;
  size_t need = out->len + r->len + 1 + more->len + 2;
  if (need > out->cap) mem_grow((void **)&out->data, &out->cap, need, 1);
  mend_text a, b; /* (after the buffer grew: it may have moved) */
  fix(s, r, &a);
  fix(s, more, &b);
  size_t off = out->len;
  memcpy(out->data + off, a.text, a.length);
  out->data[off + a.length] = ' ';
  memcpy(out->data + off + a.length + 1, b.text, b.length);
  out->len += a.length + 1 + b.length;
  out->data[out->len++] = 0;
  out->data[out->len] = 0;
  *r = (rtext){.off = off, .len = a.length + 1 + b.length, .sfirst = s->nspans};
}

/* After <hear> k, taken for a line that told flags: each later one with
 * also="true" that the line made true as well (false before it, true with
 * it, read as k was, with *just), and that reads a kind the line told which
 * the <hear>s taken so far do not ("i miss him and i havent left my room in
 * days": missing them, then the days alone); into taken[] (at most
 * HEARS_ALSO), with whether each was taken before. Returns how many. */
enum { HEARS_ALSO = 8 };
static size_t hears_also(mend_session *s, int32_t k, const uint64_t *just, uint64_t flags,
                         int32_t taken[HEARS_ALSO], bool again[HEARS_ALSO]) {
  const mend_story *st = s->st;
  uint64_t read = st->hears[k].just;
  size_t n = 0;
  s->env.just_told = just;
  for (size_t i = (size_t)k + 1; i < st->nhears && n < HEARS_ALSO; i++) {
    const hear *h = &st->hears[i];
    if (!h->also || h->to >= 0 || !(h->just & flags & ~read) ||
        (s->hear_taken[i] == 2 && h->again.count))
      continue;
    int c = hear_before(s, i);
    if (c > 0) continue;
    if (c == 0) c = cond(s, h->cond);
    if (c < 0) break; /* (the error, as the session's view) */
    if (!c) continue;
    again[n] = s->hear_taken[i] > 0;
    if (s->hear_taken[i] < 2) s->hear_taken[i]++;
    if (s->cov) s->cov->hear[i]++;
    taken[n++] = (int32_t)i;
    read |= h->just;
  }
  s->env.just_told = &s->told_last;
  return n;
}

/* Records what was told, in the log when anything is new for the session or
 * for the decision waiting (just_told() after it). Unless quiet (told again
 * by an undo), the story's <hear>s are read: one that the line made true is
 * taken; else one with words only that the line's own words make true, where
 * what was typed before it at this decision did not ("its all my fault" after
 * "i want to die, its all my fault" brought the screen: a <hear> on
 * self-blame "and not just_told(heavy)" hears it now). */
static void told(mend_session *s, uint64_t flags, bool quiet) {
  uint64_t added = flags & ~s->told, step = flags & ~s->told_step;
  bool hears = !quiet && s->st->nhears &&
               (s->pending == MEND_PENDING_CHOICE || s->pending == MEND_PENDING_ASK ||
                s->pending == MEND_PENDING_AUTO);
  if (!step && !hears) return;
  if (hears && !hears_before(s)) {
    finalize(s);
    return;
  }
  if (step) {
    s->told |= flags;
    s->told_step |= flags;
    log_push(s, S_TOLD, step | (quiet ? S_TOLD_QUIET : 0), NULL);
  }
  int32_t k = hears && step ? hears_after(s, step, &s->told_step, false) : -1;
  uint64_t line = flags; /* (a hear's words only: its state is what it was) */
  const uint64_t *read = &s->told_step;
  if (k == -1 && hears && (flags & ~s->told_alone)) {
    k = hears_after(s, step, &line, true);
    read = &line;
    if (k >= 0) s->told_alone |= flags; /* (typed again here: heard already) */
  }
  if (k == -2) {
    finalize(s);
    return;
  }
  bool before = false;
  if (k >= 0) {
    const hear *h = &s->st->hears[k];
    before = s->hear_taken[k] > 0;
    /* its words, then its <again>; after both, the player's own ("I hear
     * you."), not one of them a third time */
    bool said_both = s->hear_taken[k] == 2 && h->again.count && h->to < 0;
    if (s->hear_taken[k] < 2) s->hear_taken[k]++;
    if (s->cov) s->cov->hear[k]++;
    if (said_both)
      k = -1;
    else
      s->heard = k;
    if (h->to >= 0) {
      int32_t also[HEARS_ALSO];
      bool again[HEARS_ALSO];
      size_t nalso = hears_also(s, k, read, flags, also, again);
      hear_leads_on(s, h, before, also, again, nalso);
      return;
    }
  }
  if (added && s->pending == MEND_PENDING_CHOICE) reoffer(s);
  if (added && s->pending == MEND_PENDING_ASK) unask(s);
  if (k >= 0) { /* (after the view is made again: its words are said with it) */
    render(s, hear_words(&s->st->hears[k], before), &s->heard_text);
    int32_t also[HEARS_ALSO];
    bool again[HEARS_ALSO];
    size_t nalso = hears_also(s, k, read, flags, also, again);
    for (size_t i = 0; i < nalso; i++) {
      rtext more;
      render(s, hear_words(&s->st->hears[also[i]], again[i]), &more);
      join_words(s, &s->heard_text, &more);
    }
    finalize(s);
  }
}

/* The safety flags of a line (MEND_TOLD_ALL's), and its scan in *r. */
static uint64_t safety_flags(mend_session *s, const char *line, size_t size,
                             mend_safety_result *r) {
  memset(r, 0, sizeof *r);
  if (!s || !line || !size || size > MEND_MAX_ANSWER || !s->st->lexicon) return 0;
  scan_of(s, line, size, r);
  uint64_t flags = r->crisis.category ? MEND_TOLD_CRISIS : 0;
  flags |= r->abuse.category ? MEND_TOLD_ABUSE : 0;
  flags |= sign_of(s, SIGN_TOLD_HEAVY, line, size) ? MEND_TOLD_HEAVY : 0;
  flags |= sign_of(s, SIGN_TOLD_UNSAFE, line, size) ? MEND_TOLD_UNSAFE : 0;
  return flags;
}

uint64_t mend_session_signs(mend_session *s, const char *line, size_t size) {
  mend_safety_result r;
  return safety_flags(s, line, size, &r);
}

/* What a line tells (mend_session_tell): its signs, and dig and the lists
 * the story asks about (told('NAME'), as said() reads them; told(dig), as
 * dig() reads it), with its scan in *r; remembered by the line. */
typedef struct line_reading {
  uint64_t flags;
  mend_safety_result r;
} line_reading;

static uint64_t line_tells(mend_session *s, const char *line, size_t size, mend_safety_result *r) {
  size_t kept_size;
  const line_reading *kept = memo_get(s->memo, MEMO_TELL, 0, 0, line, size, &kept_size);
  if (kept) {
    *r = kept->r;
    return kept->flags;
  }
  line_reading t;
  memset(&t, 0, sizeof t);
  t.flags = safety_flags(s, line, size, &t.r);
  uint64_t asked = s->st->reads_told | s->st->reads_just_told;
  if ((asked & MEND_TOLD_DIG) && sign_of(s, EXPR_SIGN_DIG, line, size)) t.flags |= MEND_TOLD_DIG;
  uint64_t lists = (asked & ~MEND_TOLD_DIG) / MEND_TOLD_LIST;
  for (unsigned k = 0; lists >> k; k++)
    if ((lists >> k & 1) && sign_of(s, EXPR_SIGN_SAID + k, line, size))
      t.flags |= MEND_TOLD_LIST << k;
  memo_put(session_memo(s), MEMO_TELL, 0, 0, line, size, &t, sizeof t);
  *r = t.r;
  return t.flags;
}

uint64_t mend_session_tell(mend_session *s, const char *line, size_t size,
                           mend_safety_result *result) {
  mend_safety_result r;
  uint64_t flags;
  if (s && line && size && size <= MEND_MAX_ANSWER) {
    s->heard = -1;
    s->heard_moved = false;
    flags = line_tells(s, line, size, &r);
    if (flags) told(s, flags, false);
  } else {
    flags = safety_flags(s, line, size, &r);
    if (s) {
      s->heard = -1;
      s->heard_moved = false;
    }
  }
  if (result) *result = r;
  return flags;
}

uint64_t mend_session_heard_reads(const mend_session *s) {
  return s && s->heard >= 0 ? s->st->hears[s->heard].reads & ~EXPR_TOLD_JUST : 0;
}

mend_heard mend_session_heard(const mend_session *s, const char **text) {
  if (text) *text = NULL;
  if (!s || s->heard < 0) return MEND_HEARD_NONE;
  if (s->heard_moved) return MEND_HEARD_MOVED;
  mend_text t;
  fix(s, &s->heard_text, &t);
  if (text) *text = t.text;
  return MEND_HEARD_SAID;
}

static void no_target(void *ud, const nx_scan *sc, const ph_hit *target, const ph_hit *by,
                      const char *why) {
  (void)ud, (void)sc, (void)target, (void)by, (void)why;
}

bool mend_session_reads_words(mend_session *s, const char *line, size_t size) {
  if (!s || !line || !size || size > MEND_MAX_ANSWER || !s->st->rubric || s->st->rubric_bare)
    return false;
  if (sign_of(s, EXPR_SIGN_NOTHING, line, size)) return false;
  nx_run(s->st->rubric, s->st->rubric_scope, line, size, &s->nx, no_target, NULL);
  return s->nx.common > 0 && s->nx.common >= s->nx.foreign;
}

static bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether word w (n bytes, lower case) is one of the language's [class
 * function] words, by the set fn that finds them. */
static bool function_word(const ph_set *fn, ph_words *w, const char *word, size_t n, ph_hit **hits,
                          size_t *cap) {
  size_t nh = 0;
  ph_read(fn, word, n, w);
  ph_find(fn, w, hits, &nh, cap);
  for (size_t i = 0; i < nh; i++)
    if (NX_ROLE(ph_tag(fn, (*hits)[i].phrase)) == NX_TARGET) return true;
  return false;
}

/* The words of the choices' labels that can name one (s->choice_words):
 * words of three letters or more, not the language's function words ("the",
 * "them", "want"), nor the pieces of a word an apostrophe splits ("don't"),
 * each a phrase (any form of it: "blocking" for "Block them") tagged with its
 * choice's index, and CHOICE_FIRST when it is the label's first word,
 * CHOICE_PAST when it ends in "ed" itself. False when the words have no
 * [class function] or no label has such a word. */
static bool choice_words(mend_session *s) {
  const mend_story *st = s->st;
  char err[256];
  size_t base = ph_count(st->choice_base);
  ph_set *fn = ph_copy(st->choice_base, base);
  if (ph_add(fn, "@function", NX_TAG(NX_TARGET, 0), err, sizeof err) < 0) {
    ph_free(fn); /* (no such class in these words) */
    return false;
  }
  ph_build(fn);
  ph_set *set = ph_copy(st->choice_base, base);
  uint8_t *nwords = mem_alloc(st->nchoices);
  ph_words w = {0};
  ph_hit *hits = NULL;
  size_t cap = 0, added = 0;
  for (size_t i = 0; i < st->nchoices; i++) {
    tpl t = st->choices[i].label;
    bool first = true;
    nwords[i] = 0;
    for (uint32_t p = t.first; p < t.first + t.count; p++) {
      const text_piece *pc = &st->pieces[p];
      if (!pc->s) first = false; /* (a {name}) */
      for (uint32_t k = 0; pc->s && k < pc->n;) {
        if (!ascii_letter(pc->s[k])) {
          first &= pc->s[k] == ' ' || pc->s[k] == '"';
          k++;
          continue;
        }
        uint32_t b = k;
        while (k < pc->n && ascii_letter(pc->s[k]))
          k++;
        char word[32];
        size_t n = k - b;
        bool split = (b && (pc->s[b - 1] == '\'' || (unsigned char)pc->s[b - 1] >= 0x80)) ||
                     (k < pc->n && (pc->s[k] == '\'' || (unsigned char)pc->s[k] >= 0x80));
        bool was_first = first;
        first = false;
        if (split || n < 3 || n >= sizeof word) continue;
        for (size_t j = 0; j < n; j++)
          word[j] = (char)(pc->s[b + j] | 0x20);
        word[n] = 0;
        if (function_word(fn, &w, word, n, &hits, &cap)) continue;
        uint32_t tag = (uint32_t)i | (was_first ? CHOICE_FIRST : 0) |
                       (n > 4 && !strcmp(word + n - 2, "ed") ? CHOICE_PAST : 0);
        if (ph_add(set, word, NX_TAG(NX_TARGET, tag), err, sizeof err) < 0) continue;
        added++;
        if (nwords[i] < 255) nwords[i]++;
      }
    }
  }
  ph_words_free(&w);
  mem_free(hits);
  ph_free(fn);
  if (!added) {
    ph_free(set);
    mem_free(nwords);
    return false;
  }
  ph_build(set);
  s->choice_words = set;
  s->choice_nwords = nwords;
  return true;
}

/* What a line names of the choices on offer: per word of the line, the
 * offered choices one of whose label words it is (bit k: choice k), and
 * each such meeting (at most MEANT_MAX). */
#define MEANT_MAX 128
typedef struct meant {
  const mend_session *s;
  const char *line;
  uint64_t *by_word;
  size_t nwords, n;
  struct {
    uint32_t k, phrase, word, tag;
  } hit[MEANT_MAX];
} meant;

static void meant_hit(void *ud, const nx_scan *sc, const ph_hit *t, const ph_hit *by,
                      const char *why) {
  (void)why;
  meant *m = ud;
  const mend_session *s = m->s;
  uint32_t tag = ph_tag(s->choice_words, t->phrase);
  if (by || NX_ROLE(tag) != NX_TARGET || t->first >= m->nwords || m->n == MEANT_MAX) return;
  uint32_t idx = NX_INDEX(tag);
  /* (a past form names no choice: "i already texted him" is no "Text them") */
  const ph_tok *w = &sc->w.tok[t->first];
  size_t len = w->end - w->start;
  if (!(idx & CHOICE_PAST) && len > 4 && (m->line[w->end - 2] | 0x20) == 'e' &&
      (m->line[w->end - 1] | 0x20) == 'd')
    return;
  /* (nor one in a condition: "if i block him he'll turn up at mine") */
  for (uint32_t b = t->first > 3 ? t->first - 3 : 0; b < t->first; b++) {
    const ph_tok *p = &sc->w.tok[b];
    size_t n = p->end - p->start;
    const char *x = m->line + p->start;
    if ((n == 2 && (x[0] | 0x20) == 'i' && (x[1] | 0x20) == 'f') ||
        (n == 6 && !strncmp(x, "unless", 6)))
      return;
  }
  for (size_t k = 0; k < s->ncviews && k < 64; k++)
    if (s->offered[k] == (idx & CHOICE_INDEX)) {
      m->by_word[t->first] |= (uint64_t)1 << k;
      m->hit[m->n].k = (uint32_t)k;
      m->hit[m->n].phrase = t->phrase;
      m->hit[m->n].word = t->first;
      m->hit[m->n++].tag = idx;
    }
}

long mend_session_choice_meant(mend_session *s, const char *line, size_t size) {
  if (!s || !line || !size || size > MEND_MAX_ANSWER || s->pending != MEND_PENDING_CHOICE ||
      !s->st->choice_base || (!s->choice_words && !choice_words(s)))
    return -1;
  meant *m = mem_alloc(sizeof *m);
  m->s = s;
  m->line = line;
  m->nwords = size + 1;
  m->n = 0;
  m->by_word = mem_alloc(sizeof(uint64_t) * m->nwords);
  memset(m->by_word, 0, sizeof(uint64_t) * m->nwords);
  nx_run(s->choice_words, s->st->choice_scope, line, size, &s->nx, meant_hit, m);
  /* a choice is named by its label's first word ("block him" for "Block
   * them"), or by half its words or more ("inside joke" for "An inside joke
   * only they'll get"), not by a word of the line two choices share */
  uint64_t named = 0;
  for (size_t i = 0; i < m->n; i++) {
    uint64_t bits = m->by_word[m->hit[i].word];
    if (bits & (bits - 1)) continue;
    uint32_t k = m->hit[i].k;
    size_t count = 0;
    bool first = false;
    for (size_t j = 0; j < m->n; j++) {
      if (m->hit[j].k != k) continue;
      uint64_t b = m->by_word[m->hit[j].word];
      if (b & (b - 1)) continue;
      bool dup = false;
      for (size_t d = 0; d < j && !dup; d++)
        dup = m->hit[d].k == k && m->hit[d].phrase == m->hit[j].phrase;
      count += !dup;
      first |= (m->hit[j].tag & CHOICE_FIRST) != 0;
    }
    if (first || 2 * count >= s->choice_nwords[m->hit[i].tag & CHOICE_INDEX])
      named |= (uint64_t)1 << k;
  }
  mem_free(m->by_word);
  mem_free(m);
  if (!named || (named & (named - 1))) return -1;
  long k = 0;
  while (!(named & 1)) {
    named >>= 1;
    k++;
  }
  return k;
}

uint64_t mend_session_told(const mend_session *s) {
  return s ? s->told : 0;
}

uint64_t mend_session_told_now(const mend_session *s) {
  return s ? s->told_step : 0;
}

/* The just_told() flags that what is typed now can be read by: at a
 * question or a choice, until the decision after it; elsewhere (a pause),
 * whatever a node ahead asks. */
static uint64_t nodes_just_next(const mend_session *s) {
  const mend_story *st = s->st;
  if (!st->live_just) return st->reads_just_told;
  if (s->pending == MEND_PENDING_ASK)
    return session_just_from(st, st->op_just, st->tail_just, (uint32_t)s->node, s->pc);
  if (s->pending == MEND_PENDING_CHOICE) return st->choice_just[s->node];
  return st->live_just[s->node];
}

/* The told() flags read from where the session is on: at a decision, what
 * comes after it, not the texts already shown above it (a node's own reads
 * count again only where a way leads back to it); elsewhere, all a node
 * reachable from here reads. */
static uint64_t nodes_told_from_here(const mend_session *s) {
  const mend_story *st = s->st;
  if (!st->tail_told) return st->live_told ? st->live_told[s->node] : st->reads_told;
  if (s->pending == MEND_PENDING_CHOICE) return st->tail_told[s->node];
  if (s->pending == MEND_PENDING_ASK) {
    const node *n = &st->nodes[s->node];
    uint64_t m = st->tail_told[s->node];
    /* (from the question itself on: its own condition hears a line told
     * there, and ends it) */
    for (uint32_t i = s->pc ? s->pc - 1 : 0; i < n->nops; i++)
      m |= st->op_told[n->first_op + i];
    return m;
  }
  return st->live_told[s->node];
}

/* ... and what a <hear> reads, or its node, wherever the session waits */
static uint64_t told_from_here(const mend_session *s) {
  bool waits = s->pending == MEND_PENDING_ASK || s->pending == MEND_PENDING_CHOICE ||
               s->pending == MEND_PENDING_AUTO;
  return nodes_told_from_here(s) | (waits ? s->st->hear_told : 0);
}

/* The told() flags the state hash keeps: those a condition ahead reads that
 * decides the way on, wherever it is, and those a paragraph, a feedback or a
 * title reads only up to the decision before it (telling them there shows
 * the same words as telling them long before, and the way on is the same),
 * and what a <hear> reads or leads to, wherever the session waits. */
static uint64_t told_kept(const mend_session *s) {
  const mend_story *st = s->st;
  if (!st->hard_tail) return told_from_here(s);
  bool waits = s->pending == MEND_PENDING_ASK || s->pending == MEND_PENDING_CHOICE ||
               s->pending == MEND_PENDING_AUTO;
  uint64_t m;
  if (s->pending == MEND_PENDING_CHOICE) {
    m = st->hard_tail[s->node];
    for (size_t k = 0; k < s->ncviews; k++) { /* (the choices on offer, not its other ways) */
      const choice *c = &st->choices[s->offered[k]];
      m |= st->choice_soft[s->offered[k]] | (c->to >= 0 ? st->soft_entry[c->to] : 0);
    }
  } else if (s->pending == MEND_PENDING_ASK) {
    const node *n = &st->nodes[s->node];
    m = st->hard_tail[s->node] | st->soft_tail[s->node];
    for (uint32_t i = s->pc ? s->pc - 1 : 0; i < n->nops; i++)
      m |= st->op_hard[n->first_op + i] | st->op_soft[n->first_op + i];
  } else
    m = st->hard_told[s->node] | st->soft_told[s->node] | st->soft_tail[s->node];
  return m | (waits ? st->hear_kept : 0);
}

uint64_t mend_session_told_kept(const mend_session *s) {
  return s && s->st ? told_kept(s) : 0;
}

uint64_t mend_session_told_ahead(const mend_session *s, uint64_t *just) {
  const mend_story *st = s ? s->st : NULL;
  uint64_t j = st ? nodes_just_next(s) : 0;
  if (just) *just = j;
  return st ? nodes_told_from_here(s) | j : 0;
}

uint64_t mend_story_hears_read(const mend_story *st, uint64_t *just) {
  if (just) *just = st ? st->hear_just : 0;
  return st ? st->hear_told | st->hear_just : 0;
}

size_t session_log(const mend_session *s, const sess_entry **out) {
  *out = s->log;
  return s->nlog;
}

size_t session_apply(mend_session *s, const sess_entry *e, size_t n) {
  for (size_t i = 0; i < n; i++) {
    mend_status rc = MEND_E_STATE;
    if (e[i].kind == S_CONTINUE) {
      rc = mend_session_continue(s);
    } else if (e[i].kind == S_ANSWER) {
      rc = mend_session_answer(s, e[i].text ? e[i].text : "");
    } else if (e[i].kind == S_TOLD) {
      uint64_t f = e[i].index & ~S_TOLD_QUIET;
      rc = f && !(f & ~MEND_TOLD_ANY) ? MEND_OK : MEND_E_STATE;
      if (rc == MEND_OK) told(s, f, e[i].index & S_TOLD_QUIET);
    } else if (e[i].kind == S_CHOOSE && s->pending == MEND_PENDING_CHOICE) {
      /* a choice with an id is found by it; one without, by its position */
      for (size_t k = 0; k < s->ncviews && rc != MEND_OK; k++) {
        const char *id = s->cviews[k].id;
        bool same =
            e[i].text ? id && !strcmp(id, e[i].text) : !id && s->cviews[k].index == e[i].index;
        if (same) rc = mend_session_choose(s, k);
      }
    }
    if (rc != MEND_OK) return i;
  }
  return n;
}

mend_status mend_session_undo(mend_session *s) {
  /* what the person told stays told: undo takes back a decision, not what
   * they said */
  uint64_t kept = 0;
  size_t k = s->nlog;
  for (; k > 0 && (s->log[k - 1].kind == S_CONTINUE || s->log[k - 1].kind == S_TOLD); k--)
    if (s->log[k - 1].kind == S_TOLD) kept |= s->log[k - 1].index & ~S_TOLD_QUIET;
  if (k == 0) return MEND_E_NOTHING;
  k--; /* the last decision */
  sess_entry *old = s->log;
  size_t n = s->nlog;
  s->log = NULL;
  s->nlog = s->log_cap = 0;
  start(s, s->seed);
  finalize(s);
  session_apply(s, old, k);
  if (kept) told(s, kept, true); /* (told stays told; where it led is taken back) */
  for (size_t i = 0; i < n; i++)
    mem_free(old[i].text);
  mem_free(old);
  return MEND_OK;
}

/* ---- accessors -------------------------------------------------------------------- */

const mend_story *mend_session_story(const mend_session *s) {
  return s->st;
}
uint64_t mend_session_seed(const mend_session *s) {
  return s->seed;
}
size_t mend_session_item_count(const mend_session *s) {
  return s->nitems;
}
const mend_item *mend_session_item(const mend_session *s, size_t i) {
  return i < s->nitems ? &s->items[i] : NULL;
}
mend_pending mend_session_pending(const mend_session *s) {
  return s->pending;
}
const char *mend_session_node(const mend_session *s) {
  return s->st->nodes[s->node].id;
}
const mend_question *mend_session_question(const mend_session *s) {
  return s->pending == MEND_PENDING_ASK ? &s->q : NULL;
}
size_t mend_session_choice_count(const mend_session *s) {
  return s->pending == MEND_PENDING_CHOICE ? s->ncviews : 0;
}
const mend_choice_view *mend_session_choice(const mend_session *s, size_t i) {
  return s->pending == MEND_PENDING_CHOICE && i < s->ncviews ? &s->cviews[i] : NULL;
}
size_t mend_session_decisions(const mend_session *s) {
  return s->decisions;
}
const char *mend_session_error(const mend_session *s) {
  return s->pending == MEND_PENDING_ERROR ? s->error : NULL;
}
const mend_summary *mend_session_summary(const mend_session *s) {
  return &s->sum;
}

static int32_t find_var(const mend_session *s, const char *name) {
  for (size_t i = 0; i < s->st->nvars; i++)
    if (!strcmp(s->st->vars[i].info.name, name)) return (int32_t)i;
  return -1;
}

int64_t mend_session_int(const mend_session *s, const char *name) {
  int32_t v = find_var(s, name);
  return v >= 0 && s->st->vars[v].info.type != MEND_TEXT ? s->vals[v] : 0;
}

const char *mend_session_text(const mend_session *s, const char *name) {
  int32_t v = find_var(s, name);
  return v >= 0 && s->st->vars[v].info.type == MEND_TEXT ? s->texts[v].s : NULL;
}

int mend_session_support_level(const mend_session *s, mend_safety_category c) {
  return c == MEND_SAFETY_CRISIS || c == MEND_SAFETY_ABUSE ? s->support_level[c] : 0;
}

int mend_session_support_before(const mend_session *s, mend_safety_category c) {
  return c == MEND_SAFETY_CRISIS || c == MEND_SAFETY_ABUSE ? s->support_before[c] : 0;
}

/* ---- testers (mend/test.h) ------------------------------------------------------- */

mend_rule_test *mend_story_rule_tests(const mend_story *st, mend_coverage *c, size_t *n) {
  *n = st->nrule_tests;
  mend_rule_test *out = mem_alloc(sizeof *out * (st->nrule_tests ? st->nrule_tests : 1));
  nx_scan nx = {0};
  for (size_t i = 0; i < st->nrule_tests; i++) {
    const rule_test *t = &st->rule_tests[i];
    const rule *r = &st->rules[t->rule];
    struct found f;
    bool read = read_rules(st, &nx, t->answer, strlen(t->answer), t->rule, 1, &f);
    bool met = read && (r->absent ? !f.found : f.found);
    if (c && read) (met ? c->rule_met : c->rule_unmet)[t->rule]++;
    mend_rule_test *o = &out[i];
    o->file = st->files[t->at.file];
    o->line = t->at.line;
    o->rule = r->label;
    o->answer = t->answer;
    o->meets = t->meets;
    o->met = met;
    o->read = read;
  }
  nx_free(&nx);
  return out;
}

size_t mend_story_rule_count(const mend_story *st) {
  return st->nrules;
}

bool mend_story_rule_info(const mend_story *st, size_t k, mend_rule_info *out) {
  if (k >= st->nrules) return false;
  const rule *r = &st->rules[k];
  out->file = st->files[r->at.file];
  out->line = r->at.line;
  out->label = r->label;
  out->watch = r->watch;
  out->absent = r->absent;
  return true;
}

mend_rule_reading mend_story_rule_read(const mend_story *st, size_t k, const char *answer,
                                       size_t *start, size_t *len) {
  size_t s0 = 0, n0 = 0;
  mend_rule_reading out = MEND_RULE_NOT_READ;
  if (k < st->nrules && answer) {
    nx_scan nx = {0};
    struct found f;
    if (read_rules(st, &nx, answer, strlen(answer), (uint32_t)k, 1, &f)) {
      out = (st->rules[k].absent ? !f.found : f.found) ? MEND_RULE_MET : MEND_RULE_UNMET;
      if (f.found) s0 = f.start, n0 = f.len;
    }
    nx_free(&nx);
  }
  if (start) *start = s0;
  if (len) *len = n0;
  return out;
}

void mend_session_set_coverage(mend_session *s, mend_coverage *c) {
  s->cov = c;
}

void mend_session_set_recording(mend_session *s, bool on) {
  s->norecord = !on;
}

void mend_session_set_rendering(mend_session *s, bool on) {
  s->norender = !on;
}

size_t mend_session_branch_count(const mend_session *s) {
  return s->pending == MEND_PENDING_AUTO ? s->nbranches : 0;
}

const char *mend_session_branch_target(const mend_session *s, size_t k) {
  if (s->pending != MEND_PENDING_AUTO || k >= s->nbranches) return NULL;
  return s->st->nodes[s->st->exits[s->branches[k]].to].id;
}

mend_status mend_session_take_branch(mend_session *s, size_t k) {
  if (s->pending != MEND_PENDING_AUTO) return MEND_E_STATE;
  if (k >= s->nbranches) return MEND_E_RANGE;
  s->auto_exit = s->branches[k];
  s->auto_to = s->st->exits[s->auto_exit].to;
  return mend_session_continue(s);
}

const char *mend_session_empty_shown(const mend_session *s, const char **file, int *line) {
  if (s->empty_var < 0) return NULL;
  if (file) *file = s->st->files[s->empty_at.file];
  if (line) *line = s->empty_at.line;
  return s->st->vars[s->empty_var].info.name;
}

uint64_t mend_session_state_hash(const mend_session *s) {
  const mend_story *st = s->st;
  uint64_t h = MEM_HASH_INIT;
  /* what was told, as far as the story asks (told(), just_told()) */
  /* ... and only what a node ahead can still ask: what was told at the
   * decision last made is read no more once a question waits, but by the
   * choices waiting, offered again after a line told there */
  uint64_t ahead = told_kept(s);
  uint64_t just = st->live_just ? st->live_just[s->node] : st->reads_just_told;
  uint64_t last = s->pending == MEND_PENDING_ASK      ? 0
                  : s->pending != MEND_PENDING_CHOICE ? just
                  : st->offer_just                    ? st->offer_just[s->node]
                                                      : just;
  int64_t where[7] = {s->node, s->pc, s->pending, s->skipped_var, s->told & ahead,
                      /* (what a <hear> alone reads of it only tells whether that
                       * hear can be taken again at this decision, by the same line
                       * typed again, which no explorer types, or, for one that
                       * only speaks, whether it speaks: unless a hear that leads on
                       * reads two kinds typed at it) */
                      s->told_step & (nodes_just_next(s) | st->hear_just_multi),
                      s->told_last & last};
  h = mem_hash(h, where, sizeof where);
  /* the choices on offer: made on entering the node, so the rest of the
   * state told them, until a line told there (told()) changed the rest */
  if (s->pending == MEND_PENDING_CHOICE) h = mem_hash(h, s->offered, sizeof(uint32_t) * s->ncviews);
  /* a variable nothing reads (a journal-only answer), or that is only shown,
   * cannot change the future; of a text that conditions only test for '',
   * only its emptiness can; measures count */
  const uint64_t *live = st->live_vars ? st->live_vars + (size_t)s->node * st->live_words : NULL;
  for (size_t i = 0; i < st->nvars; i++) {
    if (st->var_future[i] == VAR_FUTURE_NONE) continue;
    /* nothing ahead reads it (a measure is shown in the summary) */
    if (live && !st->vars[i].info.label && !(live[i / 64] >> (i % 64) & 1)) continue;
    if (st->vars[i].info.type != MEND_TEXT)
      h = mem_hash(h, &s->vals[i], sizeof(int64_t));
    else if (st->var_future[i] == VAR_FUTURE_EMPTY) {
      unsigned char empty = s->texts[i].n == 0;
      h = mem_hash(h, &empty, 1);
    } else
      h = mem_hash(h, s->texts[i].s, s->texts[i].n + 1);
  }
  for (size_t k = 0; k < st->nhashed_nodes; k++)
    h = mem_hash(h, &s->visits[st->hashed_nodes[k]], sizeof(int64_t));
  for (size_t k = 0; k < st->nhashed_choices; k++) {
    size_t i = st->hashed_choices[k];
    if (st->chosen_read[i])
      h = mem_hash(h, &s->chosen[i], sizeof(int64_t));
    else { /* once */
      unsigned char taken = s->chosen[i] > 0;
      h = mem_hash(h, &taken, 1);
    }
  }
  return h;
}

static void *dup_array(const void *p, size_t n, size_t size) {
  void *r = mem_alloc(n ? n * size : 1);
  if (n && p) memcpy(r, p, n * size);
  return r;
}

mend_session *mend_session_clone(const mend_session *s) {
  const mend_story *st = s->st;
  mend_session *c = mem_alloc(sizeof *c);
  *c = *s;
  size_t nnum = st->nvars + st->nnodes + st->nchoices;
  c->num = dup_array(s->num, nnum, sizeof(int64_t));
  c->vals = c->num;
  c->visits = c->num + st->nvars;
  c->chosen = c->visits + st->nnodes;
  c->dirty_nodes = dup_array(s->dirty_nodes, st->nnodes, sizeof(uint32_t));
  c->dirty_choices = dup_array(s->dirty_choices, st->nchoices, sizeof(uint32_t));
  c->texts = dup_array(s->texts, st->nvars, sizeof(expr_text));
  for (size_t i = 0; i < st->nvars; i++)
    if (st->vars[i].info.type == MEND_TEXT)
      c->texts[i].s = mem_strndup(s->texts[i].s, s->texts[i].n);
  c->env.vals = c->vals;
  c->env.visits = c->visits;
  c->env.chosen = c->chosen;
  c->env.texts = c->texts;
  c->env.ud = c;
  c->env.told = &c->told;
  c->env.just_told = &c->told_last;
  c->memo = NULL;
  c->out.data = s->out.data ? mem_strndup(s->out.data, s->out.len) : NULL;
  c->out.cap = s->out.data ? s->out.len + 1 : 0;
  c->items = dup_array(s->items, s->nitems, sizeof(mend_item));
  c->item_text = dup_array(s->item_text, s->nitems, sizeof(rtext));
  c->item_cap = c->item_text_cap = s->nitems;
  c->spans = dup_array(s->spans, s->nspans, sizeof(mend_span));
  c->span_cap = s->nspans;
  c->cviews = dup_array(s->cviews, s->ncviews, sizeof(mend_choice_view));
  c->clabels = dup_array(s->clabels, s->ncviews, sizeof(rtext));
  c->offered = dup_array(s->offered, s->ncviews, sizeof(uint32_t));
  c->cview_cap = c->clabel_cap = c->offered_cap = s->ncviews;
  c->error = s->error ? mem_strdup(s->error) : NULL;
  c->log = dup_array(s->log, s->nlog, sizeof(sess_entry));
  c->log_cap = s->nlog;
  for (size_t i = 0; i < s->nlog; i++)
    if (s->log[i].text) c->log[i].text = mem_strdup(s->log[i].text);
  c->measures = dup_array(s->measures, st->nmeasures, sizeof(mend_measure));
  c->measure_start = dup_array(s->measure_start, st->nmeasures, sizeof(int64_t));
  c->touched = dup_array(s->touched, st->nmeasures, sizeof(bool));
  c->var_measure = dup_array(s->var_measure, st->nvars, sizeof(int32_t));
  c->sum.measures = c->measures;
  c->rec = mem_arena_new();
  c->answers = dup_array(s->answers, s->nanswers, sizeof(mend_answer_record));
  c->answer_cap = s->nanswers;
  for (size_t i = 0; i < s->nanswers; i++) {
    c->answers[i].prompt = mem_arena_strdup(c->rec, s->answers[i].prompt);
    c->answers[i].text = mem_arena_strdup(c->rec, s->answers[i].text);
  }
  c->branches = dup_array(s->branches, s->nbranches, sizeof(uint32_t));
  c->branch_cap = s->nbranches;
  c->support = dup_array(s->support, s->nsupport, sizeof *s->support);
  c->support_cap = s->nsupport;
  c->item_quote = s->item_quote ? dup_array(s->item_quote, s->nitems, sizeof *s->item_quote) : NULL;
  c->hear_was = dup_array(s->hear_was, st->nhears, 1);
  c->hear_taken = dup_array(s->hear_taken, st->nhears, 1);
  c->fb_said = dup_array(s->fb_said, s->nfb_said, sizeof *s->fb_said);
  c->fb_said_cap = s->nfb_said;
  c->item_quote_cap = s->item_quote ? s->nitems : 0;
  c->found = NULL;
  c->found_cap = 0;
  memset(&c->nx, 0, sizeof c->nx);
  c->choice_words = NULL; /* (made again when asked) */
  c->choice_nwords = NULL;
  finalize(c);
  return c;
}

/* ---- snapshots (mend/test.h) ------------------------------------------------------
 *
 * The bytes, in this order (native byte order and sizes: a snapshot never
 * leaves the process): a fixed head, every variable's number, each measure's
 * start value and whether it was touched, the counters of the story's
 * hashed_nodes and hashed_choices (the ones conditions read, and once-choices),
 * the pending list (offered choices or the branches of an automatic move),
 * each text variable's length and bytes, and the error message. */

#define SNAP_MAGIC 0x31706e73646e656dull /* "mendsnp1" */

typedef struct snap_head {
  uint64_t magic;
  uintptr_t story;
  uint64_t seed, decisions;
  uint64_t feedback[MEND_TONE_COUNT];
  rng r;
  int32_t node, ask, auto_to, skipped_var;
  uint32_t pc, pending, auto_exit, nlist, errlen;
  uint64_t told, told_step, told_last;
} snap_head;

typedef struct snap_out {
  unsigned char *p;
  size_t cap, len;
} snap_out;

static void snap_put(snap_out *w, const void *d, size_t n) {
  if (n && w->len <= w->cap && n <= w->cap - w->len) memcpy(w->p + w->len, d, n);
  w->len += n;
}

size_t mend_session_snapshot(const mend_session *s, void *buf, size_t cap) {
  const mend_story *st = s->st;
  snap_out w = {buf, buf ? cap : 0, 0};
  snap_head h;
  memset(&h, 0, sizeof h);
  h.magic = SNAP_MAGIC;
  h.story = (uintptr_t)st;
  h.seed = s->seed;
  h.decisions = s->decisions;
  for (int i = 0; i < MEND_TONE_COUNT; i++)
    h.feedback[i] = s->sum.feedback[i];
  h.r = s->r;
  h.node = s->node;
  h.pc = s->pc;
  h.skipped_var = s->skipped_var;
  h.pending = (uint32_t)s->pending;
  h.ask = s->pending == MEND_PENDING_ASK ? (int32_t)(s->ask - st->ops) : -1;
  h.auto_to = s->pending == MEND_PENDING_AUTO ? s->auto_to : -1;
  h.auto_exit = s->auto_exit;
  h.told = s->told;
  h.told_step = s->told_step;
  h.told_last = s->told_last;
  const uint32_t *list = NULL;
  if (s->pending == MEND_PENDING_CHOICE) {
    list = s->offered;
    h.nlist = (uint32_t)s->ncviews;
  } else if (s->pending == MEND_PENDING_AUTO) {
    list = s->branches;
    h.nlist = (uint32_t)s->nbranches;
  }
  const char *err = s->pending == MEND_PENDING_ERROR && s->error ? s->error : "";
  h.errlen = (uint32_t)strlen(err);
  snap_put(&w, &h, sizeof h);
  snap_put(&w, s->vals, sizeof(int64_t) * st->nvars);
  snap_put(&w, s->hear_taken, st->nhears);
  for (size_t i = 0; i < st->nmeasures; i++) {
    unsigned char t = s->touched[i];
    snap_put(&w, &s->measures[i].start, sizeof(int64_t));
    snap_put(&w, &t, 1);
  }
  for (size_t k = 0; k < st->nhashed_nodes; k++)
    snap_put(&w, &s->visits[st->hashed_nodes[k]], sizeof(int64_t));
  for (size_t k = 0; k < st->nhashed_choices; k++)
    snap_put(&w, &s->chosen[st->hashed_choices[k]], sizeof(int64_t));
  snap_put(&w, list, sizeof(uint32_t) * h.nlist);
  for (size_t i = 0; i < st->nvars; i++) {
    if (st->vars[i].info.type != MEND_TEXT) continue;
    uint32_t n = (uint32_t)s->texts[i].n;
    snap_put(&w, &n, sizeof n);
    snap_put(&w, s->texts[i].s, n);
  }
  snap_put(&w, err, h.errlen);
  return w.len;
}

typedef struct snap_in {
  const unsigned char *p;
  size_t len, at;
} snap_in;

/* The next n bytes, or NULL when the snapshot is shorter. */
static const unsigned char *snap_get(snap_in *r, size_t n) {
  if (n > r->len - r->at) return NULL;
  const unsigned char *d = r->p + r->at;
  r->at += n;
  return d;
}

static bool snap_i64(snap_in *r, int64_t *v) {
  const unsigned char *d = snap_get(r, sizeof *v);
  if (d) memcpy(v, d, sizeof *v);
  return d != NULL;
}

/* Checks a snapshot against the story (apply false), or puts the session in
 * its state (apply true, on a snapshot already checked). */
static bool snap_read(mend_session *s, const void *snap, size_t len, bool apply) {
  const mend_story *st = s->st;
  snap_in r = {snap, len, 0};
  snap_head h;
  const unsigned char *d = snap_get(&r, sizeof h);
  if (!d) return false;
  memcpy(&h, d, sizeof h);
  if (h.magic != SNAP_MAGIC || h.story != (uintptr_t)st || h.node < 0 ||
      (size_t)h.node >= st->nnodes || h.pc > st->nodes[h.node].nops ||
      h.pending > MEND_PENDING_ERROR || h.skipped_var < -1 ||
      (h.skipped_var >= 0 && (size_t)h.skipped_var >= st->nvars) || (h.told & ~MEND_TOLD_ANY) ||
      (h.told_step & ~MEND_TOLD_ANY) || (h.told_last & ~MEND_TOLD_ANY))
    return false;
  if (h.pending == MEND_PENDING_ASK &&
      (h.ask < 0 || (size_t)h.ask >= st->nops || st->ops[h.ask].kind != OP_ASK))
    return false;
  if (h.pending == MEND_PENDING_AUTO &&
      (h.auto_to < 0 || (size_t)h.auto_to >= st->nnodes || h.auto_exit >= st->nexits))
    return false;
  if (h.nlist && h.pending != MEND_PENDING_CHOICE && h.pending != MEND_PENDING_AUTO) return false;
  if (apply) {
    clear_counters(s);
    s->seed = h.seed;
    s->decisions = h.decisions;
    for (int i = 0; i < MEND_TONE_COUNT; i++)
      s->sum.feedback[i] = h.feedback[i];
    s->r = h.r;
    s->node = h.node;
    s->pc = h.pc;
    s->skipped_var = h.skipped_var;
    s->told = h.told;
    s->told_step = h.told_step;
    s->told_last = h.told_last;
    s->told_alone = 0;
  }
  d = snap_get(&r, sizeof(int64_t) * st->nvars);
  if (!d) return false;
  if (apply && st->nvars) memcpy(s->vals, d, sizeof(int64_t) * st->nvars);
  if (st->nhears) {
    if (!(d = snap_get(&r, st->nhears))) return false;
    for (size_t i = 0; i < st->nhears; i++)
      if (d[i] > 2) return false;
    if (apply)
      for (size_t i = 0; i < st->nhears; i++)
        s->hear_taken[i] = d[i];
  }
  for (size_t i = 0; i < st->nmeasures; i++) {
    int64_t start;
    if (!snap_i64(&r, &start) || !(d = snap_get(&r, 1)) || *d > 1) return false;
    if (!apply) continue;
    s->measures[i].start = start;
    s->touched[i] = *d;
  }
  for (size_t k = 0; k < st->nhashed_nodes + st->nhashed_choices; k++) {
    int64_t v;
    if (!snap_i64(&r, &v) || v < 0) return false;
    if (!apply || !v) continue;
    if (k < st->nhashed_nodes) {
      uint32_t n = st->hashed_nodes[k];
      s->visits[n] = v;
      s->dirty_nodes[s->ndirty_nodes++] = n;
    } else {
      uint32_t c = st->hashed_choices[k - st->nhashed_nodes];
      s->chosen[c] = v;
      s->dirty_choices[s->ndirty_choices++] = c;
    }
  }
  const unsigned char *list = snap_get(&r, sizeof(uint32_t) * h.nlist);
  if (!list) return false;
  for (uint32_t i = 0; i < h.nlist; i++) {
    uint32_t v;
    memcpy(&v, list + sizeof v * i, sizeof v);
    if (v >= (h.pending == MEND_PENDING_CHOICE ? st->nchoices : st->nexits)) return false;
  }
  for (size_t i = 0; i < st->nvars; i++) {
    if (st->vars[i].info.type != MEND_TEXT) continue;
    uint32_t n;
    if (!(d = snap_get(&r, sizeof n))) return false;
    memcpy(&n, d, sizeof n);
    if (!(d = snap_get(&r, n)) || memchr(d, 0, n)) return false;
    if (apply) assign_text(s, (int32_t)i, (const char *)d, n);
  }
  const unsigned char *err = snap_get(&r, h.errlen);
  if (!err || r.at != len) return false;
  if (!apply) return true;
  /* the view: what the session waits for */
  clear_view(s);
  s->ask = NULL;
  s->heard = -1;
  s->heard_moved = false;
  s->nfb_said = 0; /* (what was said is no part of a snapshot) */
  s->sum.ending_id = s->sum.ending_title = NULL;
  s->sum.checkins_hidden = false;
  s->sum.ending_tone = MEND_TONE_NEUTRAL;
  if (s->nanswers) {
    mem_arena_free(s->rec);
    s->rec = mem_arena_new();
    s->nanswers = 0;
  }
  mem_free(s->error);
  s->error = NULL;
  s->pending = (mend_pending)h.pending;
  const node *n = &st->nodes[h.node];
  switch (s->pending) {
  case MEND_PENDING_ASK: pause_ask(s, &st->ops[h.ask]); break;
  case MEND_PENDING_CHOICE:
    for (uint32_t i = 0; i < h.nlist; i++) {
      uint32_t ci;
      memcpy(&ci, list + sizeof ci * i, sizeof ci);
      offer(s, ci);
    }
    break;
  case MEND_PENDING_AUTO:
    s->nbranches = 0;
    for (uint32_t i = 0; i < h.nlist; i++)
      memcpy(VEC_PUSH(s->branches, s->nbranches, s->branch_cap), list + sizeof(uint32_t) * i,
             sizeof(uint32_t));
    s->auto_exit = h.auto_exit;
    s->auto_to = h.auto_to;
    break;
  case MEND_PENDING_END:
    s->sum.ending_id = n->id;
    s->sum.checkins_hidden = !checkins_shown(s, n);
    s->sum.ending_title = ending_title(s, n);
    s->sum.ending_tone = n->tone;
    break;
  case MEND_PENDING_ERROR: s->error = mem_strndup((const char *)err, h.errlen); break;
  }
  finalize(s);
  return true;
}

mend_status mend_session_restore_snapshot(mend_session *s, const void *snap, size_t len) {
  if (!s->norecord || !snap || !snap_read(s, snap, len, false)) return MEND_E_STATE;
  snap_read(s, snap, len, true);
  s->empty_var = -1;
  return MEND_OK;
}
