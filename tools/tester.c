/* SPDX-License-Identifier: MIT */
/*
 * tester.c - see tester.h.
 *
 * Everything goes through sessions: the tester decides which answers to
 * give, the engine decides what they do. Paths are lists of actions; a
 * failure's path is turned into the lines `mend play` reads by replaying it in
 * a fresh session through the same steps plain mode takes, which is also how
 * the script is checked before it is reported.
 *
 * Random mode reuses one session (mend_session_reset) with recording off, and
 * one path buffer: no allocation per step beyond the engine's own.
 *
 * Exhaustive mode is a depth-first search in one session: a frame keeps a
 * snapshot of its state (mend_session_snapshot) only while it still has
 * answers to try after the one under way, and visited states are kept as
 * hashes only.
 * Tarjan's algorithm on the fly finds the groups of states that lead only to
 * one another, and so never to an ending ("traps"). A breadth-first pass then
 * looks for shorter paths to what the search found.
 */
#include "tester.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mend/safety.h"
#include "mend/analyse.h"
#include "show.h"
#include "xalloc.h"

#define LOOP_WINDOW 1000        /* steps looked at to name a loop */
#define LOOP_CUTS 8             /* random runs shortened per loop */
#define SEED_TRIES 100000       /* seeds tried to reproduce an exhaustive failure */
#define SEED_BUDGET 40000000u   /* ... and the work they may take */
#define BFS_FRONTIER 20000      /* sessions kept by the shortening pass */
#define SCALE_ALL 21            /* scales with at most this many values: every value */
#define HELD_BYTES (256u << 20) /* snapshots the exploration keeps, in bytes at most */
#define CHECKPOINT 16           /* ... beyond which only every 16th frame keeps its own */

/* ---- small helpers --------------------------------------------------------------- */

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *r = xrealloc(NULL, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(r, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return r;
}

#define GROW(arr, n, cap)                                                                          \
  do {                                                                                             \
    if ((n) >= (cap)) {                                                                            \
      (cap) = (cap) ? (cap)*2 : 16;                                                                \
      (arr) = xrealloc((arr), sizeof(*(arr)) * (cap));                                             \
    }                                                                                              \
  } while (0)

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t below(uint64_t *r, uint64_t n) { /* n > 0; bias is irrelevant here */
  return splitmix(r) % n;
}

const char *t_fkind_name(t_fkind k) {
  static const char *const names[] = {"dead-end", "overflow", "division-by-zero", "error",
                                      "loop",     "trap",     "empty-text",       "not-heard"};
  return k <= F_DEAF ? names[k] : "?";
}

/* ---- a set of 64-bit keys with a 32-bit value ------------------------------------- */

typedef struct hmap {
  uint64_t *keys; /* 0: empty */
  uint32_t *vals;
  size_t cap, n;
} hmap;

static uint64_t hkey(uint64_t k) {
  return k ? k : 1;
}

static void hmap_free(hmap *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

static size_t hslot(const hmap *m, uint64_t k) {
  size_t i = (size_t)(k * 0x9e3779b97f4a7c15ull) & (m->cap - 1);
  while (m->keys[i] && m->keys[i] != k)
    i = (i + 1) & (m->cap - 1);
  return i;
}

/* Returns the value stored for k, or UINT32_MAX. */
static uint32_t hmap_get(const hmap *m, uint64_t k) {
  if (!m->cap) return UINT32_MAX;
  size_t i = hslot(m, hkey(k));
  return m->keys[i] ? m->vals[i] : UINT32_MAX;
}

static void hmap_put(hmap *m, uint64_t k, uint32_t v) {
  if ((m->n + 1) * 2 > m->cap) {
    hmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 1024;
    m->keys = xcalloc(m->cap, sizeof *m->keys);
    m->vals = xcalloc(m->cap, sizeof *m->vals);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
      if (old.keys[i]) {
        size_t j = hslot(m, old.keys[i]);
        m->keys[j] = old.keys[i];
        m->vals[j] = old.vals[i];
        m->n++;
      }
    hmap_free(&old);
  }
  k = hkey(k);
  size_t i = hslot(m, k);
  if (!m->keys[i]) m->n++;
  m->keys[i] = k;
  m->vals[i] = v;
}

/* ---- the context -------------------------------------------------------------------- */

typedef struct scale_samples {
  const char *var;
  int64_t min, max;
  int64_t *v;
  size_t n;
} scale_samples;

typedef struct node_info {
  const char *id, *file;
  int line;
} node_info;

typedef struct tctx {
  const mend_story *st;
  mend_coverage *cov;
  const t_opts *o;
  t_result *r;
  hmap nodes;  /* node id pointer -> story order */
  hmap unread; /* name pointers of the variables nothing reads */
  hmap usable; /* examples (the array's address) -> usable_mask */
  node_info *node;
  size_t nnodes;
  const char **conds; /* every condition as written, for scale samples */
  size_t nconds;
  scale_samples *scales;
  size_t nscales, scales_cap;
  mend_session *aux; /* replays */
  size_t nnum;       /* how big a session is, for the seed search's budget */
  bool samples;      /* text questions are also answered with their rules' samples (random
                        runs; exploration keeps to the examples: each text read is a state
                        of its own, and rules' own test answers already reach every rule) */
  mend_told tells;   /* the MEND_TOLD_ flags told() asks about, that a line can tell */
  mend_told *heard;  /* random mode: what each line of o->hears tells (MEND_TOLD_ flags) */
} tctx;

static void ctx_init(tctx *c, const mend_story *st, mend_coverage *cov, const t_opts *o,
                     t_result *r) {
  memset(c, 0, sizeof *c);
  c->st = st;
  c->cov = cov;
  c->o = o;
  c->r = r;
  /* the four kinds, and the lists of the words told('NAME') asks about */
  for (mend_told f = 1; f && f <= MEND_TOLD_ANY; f <<= 1)
    if ((mend_story_reads_told(st) & f) && mend_story_tell_sample(st, f)) c->tells |= f;
  size_t cap = 0, ccap = 0;
  for (size_t i = 0; i < mend_coverage_count(cov); i++) {
    const mend_cov_item *it = mend_coverage_item(cov, i);
    if (it->kind == MEND_COV_NODE || it->kind == MEND_COV_ENDING) {
      GROW(c->node, c->nnodes, cap);
      c->node[c->nnodes] = (node_info){it->what, it->file, it->line};
      hmap_put(&c->nodes, (uint64_t)(uintptr_t)it->what, (uint32_t)c->nnodes);
      c->nnodes++;
    } else if (it->kind == MEND_COV_COND_TRUE) {
      GROW(c->conds, c->nconds, ccap);
      c->conds[c->nconds++] = xstrdup(it->what);
    }
  }
  mend_graph *g = mend_graph_new(st);
  for (size_t i = 0; i < mend_graph_edge_count(g); i++) {
    const mend_edge_view *e = mend_graph_edge(g, i);
    if (!e->cond) continue;
    GROW(c->conds, c->nconds, ccap);
    c->conds[c->nconds++] = xstrdup(e->cond);
  }
  mend_graph_free(g);
  for (size_t i = 0; i < mend_story_var_count(st); i++) {
    if (mend_story_var(st, i)->type != MEND_TEXT) continue; /* only text questions use it */
    mend_var_use u;
    mend_story_var_use(st, i, &u);
    if (!u.reads) hmap_put(&c->unread, (uint64_t)(uintptr_t)mend_story_var(st, i)->name, 1);
  }
  c->aux = mend_session_new(st, o->seed);
  mend_session_set_recording(c->aux, false);
  if (o->nhears) { /* what each line tells: the same wherever it is typed */
    c->heard = xrealloc(NULL, sizeof *c->heard * o->nhears);
    for (size_t i = 0; i < o->nhears; i++) {
      mend_session *t = mend_session_new(st, 0);
      c->heard[i] = mend_session_tell(t, o->hears[i], strlen(o->hears[i]), NULL);
      mend_session_free(t);
    }
  }
  size_t nchoices = 0;
  for (size_t i = 0; i < mend_coverage_count(cov); i++)
    nchoices += mend_coverage_item(cov, i)->kind == MEND_COV_CHOICE;
  c->nnum = mend_story_var_count(st) + c->nnodes + nchoices;
}

static void ctx_free(tctx *c) {
  hmap_free(&c->nodes);
  hmap_free(&c->unread);
  hmap_free(&c->usable);
  free(c->node);
  for (size_t i = 0; i < c->nconds; i++)
    free((char *)c->conds[i]);
  free(c->conds);
  for (size_t i = 0; i < c->nscales; i++)
    free(c->scales[i].v);
  free(c->scales);
  mend_session_free(c->aux);
  free(c->heard);
}

static uint32_t node_order(const tctx *c, const char *id) {
  return hmap_get(&c->nodes, (uint64_t)(uintptr_t)id);
}

/* ---- the answers the tester gives ------------------------------------------------------ */

static bool is_ident(char ch) {
  return isalnum((unsigned char)ch) || ch == '_';
}

static bool is_cmp(const char *p, size_t *len) {
  if ((p[0] == '<' || p[0] == '>' || p[0] == '=' || p[0] == '!') && p[1] == '=') {
    *len = 2;
    return true;
  }
  if (p[0] == '<' || p[0] == '>') {
    *len = 1;
    return true;
  }
  return false;
}

static const char *skip_sp(const char *p) {
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static bool number_at(const char *p, int64_t *out) {
  bool neg = *p == '-';
  if (neg) p = skip_sp(p + 1);
  if (!isdigit((unsigned char)*p)) return false;
  int64_t v = 0;
  for (; isdigit((unsigned char)*p); p++) {
    if (v > (INT64_MAX - 9) / 10) return false;
    v = v * 10 + (*p - '0');
  }
  if (is_ident(*p)) return false;
  *out = neg ? -v : v;
  return true;
}

/* The numbers conditions compare `var` with, as in "urge >= 8" or "3 < urge". */
static void compared_values(const tctx *c, const char *var, int64_t **out, size_t *n, size_t *cap) {
  size_t vn = strlen(var);
  for (size_t i = 0; i < c->nconds; i++) {
    const char *s = c->conds[i];
    for (const char *p = strstr(s, var); p; p = strstr(p + 1, var)) {
      if ((p > s && is_ident(p[-1])) || is_ident(p[vn])) continue;
      size_t ol;
      int64_t v;
      const char *q = skip_sp(p + vn);
      if (is_cmp(q, &ol) && number_at(skip_sp(q + ol), &v)) {
        GROW(*out, *n, *cap);
        (*out)[(*n)++] = v;
      }
      /* a number before: "8 <= urge" */
      const char *b = p;
      while (b > s && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
      if (b - s >= 1 && (b[-1] == '<' || b[-1] == '>' || b[-1] == '=')) {
        b--;
        if (b > s && (b[-1] == '<' || b[-1] == '>' || b[-1] == '=' || b[-1] == '!')) b--;
        while (b > s && (b[-1] == ' ' || b[-1] == '\t'))
          b--;
        const char *e = b;
        while (b > s && isdigit((unsigned char)b[-1]))
          b--;
        if (b < e && (b == s || !is_ident(b[-1])) && number_at(b, &v)) {
          if (b > s && b[-1] == '-' && (b - 1 == s || !is_ident(b[-2]))) v = -v;
          GROW(*out, *n, *cap);
          (*out)[(*n)++] = v;
        }
      }
    }
  }
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* The scale values tried: every value of a small range; otherwise min, max, the
 * middle, and each number conditions compare the variable with, with its
 * neighbours. */
static const scale_samples *scale_of(tctx *c, const mend_question *q) {
  for (size_t i = 0; i < c->nscales; i++) {
    scale_samples *s = &c->scales[i];
    if (s->var == q->var && s->min == q->min && s->max == q->max) return s;
  }
  GROW(c->scales, c->nscales, c->scales_cap);
  scale_samples *s = &c->scales[c->nscales++];
  memset(s, 0, sizeof *s);
  s->var = q->var;
  s->min = q->min;
  s->max = q->max;
  size_t cap = 0;
  uint64_t span = (uint64_t)q->max - (uint64_t)q->min;
  if (span < SCALE_ALL) {
    for (uint64_t k = 0; k <= span; k++) {
      GROW(s->v, s->n, cap);
      s->v[s->n++] = (int64_t)((uint64_t)q->min + k);
    }
    return s;
  }
  int64_t *cmp = NULL;
  size_t ncmp = 0, ccap = 0;
  compared_values(c, q->var, &cmp, &ncmp, &ccap);
  int64_t base[3] = {q->min, q->max, (int64_t)((uint64_t)q->min + span / 2)};
  for (int k = 0; k < 3; k++) {
    GROW(s->v, s->n, cap);
    s->v[s->n++] = base[k];
  }
  for (size_t i = 0; i < ncmp; i++)
    for (int d = -1; d <= 1; d++) {
      int64_t v = cmp[i];
      if ((d < 0 && v == INT64_MIN) || (d > 0 && v == INT64_MAX)) continue;
      v += d;
      if (v < q->min || v > q->max) continue;
      GROW(s->v, s->n, cap);
      s->v[s->n++] = v;
    }
  free(cmp);
  qsort(s->v, s->n, sizeof *s->v, cmp_i64);
  size_t k = 0;
  for (size_t i = 0; i < s->n; i++)
    if (!k || s->v[i] != s->v[k - 1]) s->v[k++] = s->v[i];
  s->n = k;
  return s;
}

/* An example the tester may type as is: one line that plain mode takes as an
 * answer (not a command) and the engine accepts. */
static bool usable_example(const mend_session *s, const char *e) {
  while (isspace((unsigned char)*e))
    e++;
  if (!*e || *e == ':' || !strcmp(e, "?") || strchr(e, '\n') || strchr(e, '\r')) return false;
  return mend_session_check_answer(s, e) == MEND_OK;
}

/* A text question's examples, then the samples of its rubrics' phrases
 * (answers that their rules find), then the safety layer's signs its
 * conditions ask about (crisis(), abuse()): an action's index is into this. */
static size_t example_total(const mend_question *q) {
  return q->nexamples + q->nsamples;
}

static const char *example_at(const mend_question *q, size_t i) {
  return i < q->nexamples ? q->examples[i] : q->samples[i - q->nexamples];
}

/* How many of them the tester tries, 31 at most: all in random runs; in
 * exploration, which keeps to the examples (each text read is a state), the
 * examples and the signs (the branches for a person in crisis or in danger
 * are the ones that matter most). */
static size_t tried_total(const tctx *c, const mend_question *q) {
  size_t n = q->nexamples + (c->samples ? q->nsamples : q->nsigns);
  return n < 31 ? n : 31;
}

/* The i-th of those tried, as an index into example_at's list. */
static size_t tried_at(const tctx *c, const mend_question *q, size_t i) {
  return c->samples || i < q->nexamples ? i : i + q->nsamples - q->nsigns;
}

/* Which of them are usable (bit i: the i-th), cached: it depends on them only. */
static uint32_t usable_mask(tctx *c, const mend_session *s, const mend_question *q) {
  size_t n = tried_total(c, q);
  uint64_t key = (uint64_t)(uintptr_t)q->examples * 31 + (uint64_t)(uintptr_t)q->samples;
  uint32_t m = hmap_get(&c->usable, key);
  if (m != UINT32_MAX) return m;
  m = 0;
  for (size_t i = 0; i < n; i++)
    if (usable_example(s, example_at(q, tried_at(c, q, i)))) m |= 1u << i;
  hmap_put(&c->usable, key, m);
  return m;
}

/* Whether every answer to this text question leads to the same state: nothing
 * reads its variable (a journal-only question). */
static bool text_unread(const tctx *c, const mend_question *q) {
  return q->kind == MEND_ASK_TEXT &&
         hmap_get(&c->unread, (uint64_t)(uintptr_t)q->var) != UINT32_MAX;
}

/* Whether a line in another language is worth a try: in random runs, when
 * a check reads the answer with phrases (its rules give samples). Not in
 * exploration: each text read is a state, and every story's state space
 * would grow by a third for a branch plans reach as well. */
static bool notes_read(const tctx *c, const mend_question *q) {
  return c->samples && q->nsamples > q->nsigns;
}

/* The lines that tell what the story's told() asks about and the session was
 * not told yet: typed where a choice, a number or a yes/no is asked (bit f:
 * MEND_TOLD_ flag f). */
static mend_told tells_left(const tctx *c, const mend_session *s) {
  mend_pending p = mend_session_pending(s);
  if (!c->tells || (p != MEND_PENDING_CHOICE && p != MEND_PENDING_ASK) ||
      (p == MEND_PENDING_ASK && mend_session_question(s)->kind == MEND_ASK_TEXT))
    return 0;
  /* a kind a told() ahead asks about, once, where the state keeps it (a
   * paragraph's told() from the decision before it on: telling it long
   * before shows the same words); a kind a just_told() ahead asks about, at
   * each decision; none that nothing ahead asks about */
  mend_told just = 0, hears_just = 0;
  mend_session_told_ahead(s, &just);
  mend_story_hears_read(c->st, &hears_just); /* (at every decision) */
  mend_told ahead = mend_session_told_kept(s);
  just |= hears_just;
  just &= c->tells;
  return (c->tells & ahead & ~just & ~mend_session_told(s)) | (just & ~mend_session_told_now(s));
}

static size_t popcount(mend_told x) {
  size_t n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

/* How many answers the tester tries at this point (0 at an ending or error):
 * those the question takes, then the lines that tell. */
static size_t alt_count(tctx *c, const mend_session *s) {
  size_t tells = popcount(tells_left(c, s));
  switch (mend_session_pending(s)) {
  case MEND_PENDING_CHOICE: return mend_session_choice_count(s) + tells;
  case MEND_PENDING_AUTO: return mend_session_branch_count(s);
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    if (q->kind == MEND_ASK_YESNO) return 2 + tells;
    if (q->kind == MEND_ASK_SCALE) return scale_of(c, q)->n + tells;
    size_t n = 2 + notes_read(c, q); /* skip, off-topic, foreign */
    uint32_t m = usable_mask(c, s, q);
    for (size_t i = 0; i < tried_total(c, q); i++)
      n += (m >> i) & 1;
    return n;
  }
  default: return 0;
  }
}

/* The same for exploring: one answer for a question whose answers all lead to
 * the same state. */
static size_t explore_count(tctx *c, const mend_session *s) {
  const mend_question *q = mend_session_question(s);
  return q && text_unread(c, q) ? 1 : alt_count(c, s);
}

/* The k-th answer tried (k < alt_count). */
static t_act alt_act(tctx *c, const mend_session *s, size_t k) {
  t_act a = {0};
  mend_told left = tells_left(c, s);
  if (left) {
    size_t own = alt_count(c, s) - popcount(left);
    if (k >= own) {
      k -= own;
      while (k--)
        left &= left - 1;
      a.kind = A_TELL;
      a.v = (int64_t)(left & -left);
      return a;
    }
  }
  switch (mend_session_pending(s)) {
  case MEND_PENDING_CHOICE:
    a.kind = A_CHOOSE;
    a.v = (int64_t)k;
    break;
  case MEND_PENDING_AUTO:
    a.kind = A_AUTO;
    a.v = (int64_t)k;
    a.nbranch = (uint32_t)mend_session_branch_count(s);
    a.from = mend_session_node(s);
    a.target = mend_session_branch_target(s, k);
    break;
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    if (q->kind == MEND_ASK_YESNO) {
      a.kind = A_YESNO;
      a.v = k == 0;
    } else if (q->kind == MEND_ASK_SCALE) {
      a.kind = A_SCALE;
      a.v = scale_of(c, q)->v[k];
    } else {
      uint32_t m = usable_mask(c, s, q);
      for (size_t i = 0; i < tried_total(c, q); i++) {
        if (!((m >> i) & 1)) continue;
        if (k-- == 0) {
          a.kind = A_EXAMPLE;
          a.v = (int64_t)tried_at(c, q, i);
          return a;
        }
      }
      a.kind = k == 0 ? A_SKIP : k == 1 ? A_OFFTOPIC : A_FOREIGN;
    }
    break;
  }
  default: break;
  }
  return a;
}

/* A random answer, for random mode. */
static t_act random_act(tctx *c, const mend_session *s, uint64_t *rng) {
  if (mend_session_pending(s) == MEND_PENDING_ASK) {
    const mend_question *q = mend_session_question(s);
    if (q->kind == MEND_ASK_SCALE && splitmix(rng) & 1) { /* anywhere in the range */
      uint64_t span = (uint64_t)q->max - (uint64_t)q->min;
      uint64_t off = span == UINT64_MAX ? splitmix(rng) : below(rng, span + 1);
      return (t_act){.kind = A_SCALE, .v = (int64_t)((uint64_t)q->min + off)};
    }
  }
  size_t n = alt_count(c, s);
  return alt_act(c, s, n > 1 ? (size_t)below(rng, n) : 0);
}

/* The lines plain mode reads for an answer (at most two), into buf. */
static size_t act_lines(const mend_session *s, const t_act *a, const char *lines[2], char *buf,
                        size_t bufsize) {
  switch ((t_act_kind)a->kind) {
  case A_CHOOSE: snprintf(buf, bufsize, "%lld", (long long)a->v + 1); break;
  case A_SCALE: snprintf(buf, bufsize, "%lld", (long long)a->v); break;
  case A_YESNO: snprintf(buf, bufsize, "%s", a->v ? "y" : "n"); break;
  case A_EXAMPLE: {
    const mend_question *q = mend_session_question(s);
    if (!q || (size_t)a->v >= example_total(q)) return 0;
    const char *e = example_at(q, (size_t)a->v);
    while (isspace((unsigned char)*e))
      e++;
    lines[0] = e;
    return 1;
  }
  case A_SKIP:
    lines[0] = "";
    lines[1] = "y";
    return 2;
  case A_OFFTOPIC: lines[0] = T_OFFTOPIC_LINE; return 1;
  case A_FOREIGN: lines[0] = T_FOREIGN_LINE; return 1;
  case A_TELL:
    lines[0] = mend_story_tell_sample(mend_session_story(s), (mend_told)a->v);
    return lines[0] ? 1 : 0;
  case A_AUTO: return 0;
  }
  lines[0] = buf;
  return 1;
}

static void trim_copy(const char *in, char *out, size_t size) {
  while (isspace((unsigned char)*in))
    in++;
  size_t n = strlen(in);
  while (n && isspace((unsigned char)in[n - 1]))
    n--;
  if (n >= size) n = size - 1;
  memcpy(out, in, n);
  out[n] = 0;
}

/* Gives lines to the session the way `mend play` in plain mode does (see
 * player.c: decide): a choice by its number, an empty text answer confirmed
 * by "y" on the next line, anything else as the answer. Returns false when
 * plain mode would not take the lines as they are. */
static bool plain_feed(mend_session *s, const char *const *lines, size_t n) {
  static char line[MEND_MAX_ANSWER + 64];
  if (!n) return false;
  trim_copy(lines[0], line, sizeof line);
  if (line[0] == ':' || !strcmp(line, "?")) return false;
  if (mend_session_pending(s) == MEND_PENDING_CHOICE) {
    char *end;
    if (!isdigit((unsigned char)line[0])) return false;
    unsigned long long k = strtoull(line, &end, 10);
    if (*end || k < 1 || k > mend_session_choice_count(s) || n != 1) return false;
    return mend_session_choose(s, (size_t)k - 1) == MEND_OK;
  }
  const mend_question *q = mend_session_question(s);
  if (!q) return false;
  if (q->kind == MEND_ASK_TEXT && !line[0]) {
    bool yes = false;
    if (n != 2 || mend_parse_yesno(lines[1], &yes) != MEND_OK || !yes) return false;
    return mend_session_answer(s, "") == MEND_OK;
  }
  return n == 1 && mend_session_answer(s, line) == MEND_OK;
}

/* Makes the decision `a` (not an automatic move) straight through the API,
 * for random runs and exploration: what plain mode would do with the lines
 * act_lines gives (a failure's script is replayed through plain_feed, as
 * `mend play` would take it, before it is reported). */
static bool decide_direct(mend_session *s, const t_act *a) {
  char buf[24];
  switch ((t_act_kind)a->kind) {
  case A_CHOOSE: return mend_session_choose(s, (size_t)a->v) == MEND_OK;
  case A_YESNO: return mend_session_answer(s, a->v ? "y" : "n") == MEND_OK;
  case A_SKIP: return mend_session_answer(s, "") == MEND_OK;
  case A_OFFTOPIC: return mend_session_answer(s, T_OFFTOPIC_LINE) == MEND_OK;
  case A_FOREIGN: return mend_session_answer(s, T_FOREIGN_LINE) == MEND_OK;
  case A_TELL: {
    const char *l = mend_story_tell_sample(mend_session_story(s), (mend_told)a->v);
    if (l) mend_session_tell(s, l, strlen(l), NULL);
    return l != NULL;
  }
  case A_EXAMPLE: {
    const mend_question *q = mend_session_question(s);
    return q && (size_t)a->v < example_total(q) &&
           mend_session_answer(s, example_at(q, (size_t)a->v)) == MEND_OK;
  }
  case A_SCALE:
    snprintf(buf, sizeof buf, "%lld", (long long)a->v);
    return mend_session_answer(s, buf) == MEND_OK;
  case A_AUTO: break;
  }
  return false;
}

/* ---- failures ---------------------------------------------------------------------------- */

static void failure_free(t_failure *f) {
  free(f->key);
  free(f->message);
  free(f->file);
  free(f->node);
  free(f->path);
  for (size_t i = 0; i < f->nscript; i++)
    free(f->script[i]);
  free(f->script);
}

static size_t script_lines(const t_act *p, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += p[i].kind == A_AUTO ? 0 : p[i].kind == A_SKIP ? 2 : 1;
  return k;
}

static t_failure *find_failure(t_result *r, const char *key) {
  for (size_t i = 0; i < r->nfailures; i++)
    if (!strcmp(r->failures[i].key, key)) return &r->failures[i];
  return NULL;
}

/* Keeps a failure, or a shorter path for one already known. Takes `key` and
 * `message`. Returns the failure when it was added or changed. */
static t_failure *keep_failure(tctx *c, t_fkind kind, char *key, char *message, const char *file,
                               int line, const char *node, const t_act *path, size_t n) {
  t_result *r = c->r;
  t_failure *f = find_failure(r, key);
  size_t len = script_lines(path, n);
  if (f) {
    size_t old = script_lines(f->path, f->npath);
    free(key);
    if (len > old || (len == old && n >= f->npath)) {
      free(message);
      return NULL;
    }
    free(f->message);
    f->message = message;
  } else {
    r->failures = xrealloc(r->failures, sizeof *r->failures * (r->nfailures + 1));
    f = &r->failures[r->nfailures++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->key = key;
    f->message = message;
    f->file = xstrdup(file ? file : "");
    f->line = line;
    f->node = xstrdup(node ? node : "");
  }
  free(f->path);
  f->path = xrealloc(NULL, sizeof *path * (n ? n : 1));
  if (n) memcpy(f->path, path, sizeof *path * n);
  f->npath = n;
  f->ndecisions = 0;
  for (size_t i = 0; i < n; i++)
    f->ndecisions += path[i].kind != A_AUTO;
  f->run = -1;
  return f;
}

/* What the tester says of a {name} shown while empty, from the session
 * (NULL when it has shown none). */
static char *empty_message(const mend_session *s) {
  const char *file = NULL;
  int line = 0;
  const char *var = mend_session_empty_shown(s, &file, &line);
  if (!var) return NULL;
  size_t n = 2 * strlen(var) + strlen(file) + 300;
  char *m = xrealloc(NULL, n);
  snprintf(m, n,
           "%s:%d: warning: {%s} is shown empty on this path: it was never answered, or the answer "
           "was skipped "
           "(give '%s' an init=\"...\", or show it if=\"%s != ''\")",
           file, line, var, var, var);
  return m;
}

/* Keeps a warning that the session s shows, or a shorter path to it. */
static t_failure *keep_warning(tctx *c, const mend_session *s, const t_act *path, size_t n) {
  char *msg = empty_message(s);
  if (!msg) return NULL;
  const char *file = NULL;
  int line = 0;
  mend_session_empty_shown(s, &file, &line);
  /* (keep_failure files it among the failures: move it to the warnings) */
  t_result *r = c->r, w = {0};
  w.failures = r->warnings;
  w.nfailures = r->nwarnings;
  c->r = &w;
  t_failure *f =
      keep_failure(c, F_EMPTY, xstrdup(msg), msg, file, line, mend_session_node(s), path, n);
  c->r = r;
  r->warnings = w.failures;
  r->nwarnings = w.nfailures;
  return f;
}

/* A run-time error of the engine: "file:line: error: message". */
static t_failure *keep_error_at(tctx *c, const char *e, const char *node, const t_act *path,
                                size_t n) {
  const char *mark = strstr(e, ": error: ");
  char *file = NULL;
  int line = 0;
  if (mark) {
    const char *colon = mark;
    while (colon > e && colon[-1] != ':')
      colon--;
    if (colon > e) {
      line = atoi(colon);
      file = xrealloc(NULL, (size_t)(colon - 1 - e) + 1);
      memcpy(file, e, (size_t)(colon - 1 - e));
      file[colon - 1 - e] = 0;
    }
  }
  t_fkind kind = strstr(e, ": dead end")           ? F_DEAD_END
                 : strstr(e, ": integer overflow") ? F_OVERFLOW
                 : strstr(e, ": division by zero") ? F_DIVZERO
                                                   : F_ERROR;
  t_failure *f = keep_failure(c, kind, xstrdup(e), xstrdup(e), file, line, node, path, n);
  free(file);
  return f;
}

static t_failure *keep_error(tctx *c, const mend_session *s, const t_act *path, size_t n) {
  return keep_error_at(c, mend_session_error(s), mend_session_node(s), path, n);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Names a loop by the node first in story order among `ids`, and lists up to
 * six of them in story order. */
static void describe_nodes(const tctx *c, const uint32_t *orders, size_t n, const char *what,
                           t_fkind kind, char **key, char **message, const node_info **first) {
  uint32_t *v = xrealloc(NULL, sizeof *v * (n ? n : 1));
  memcpy(v, orders, sizeof *v * n);
  qsort(v, n, sizeof *v, cmp_u32);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (v[i] != UINT32_MAX && (!k || v[i] != v[k - 1])) v[k++] = v[i];
  *first = k ? &c->node[v[0]] : NULL;
  size_t cap = 256, len = 0;
  char *list = xrealloc(NULL, cap);
  list[0] = 0;
  for (size_t i = 0; i < k && i < 6; i++) {
    const char *id = c->node[v[i]].id;
    size_t need = len + strlen(id) + 8;
    if (need > cap) list = xrealloc(list, cap = need * 2);
    len += (size_t)sprintf(list + len, "%s'%s'", i ? ", " : "", id);
  }
  if (k > 6) {
    list = xrealloc(list, len + 16);
    len += (size_t)sprintf(list + len, ", ...");
  }
  const node_info *f = *first;
  *key = xprintf("%s:%s", t_fkind_name(kind), f ? f->id : "?");
  *message = xprintf("%s:%d: %s: %s; it keeps going through %s", f ? f->file : "?", f ? f->line : 0,
                     t_fkind_name(kind), what, list);
  free(list);
  free(v);
}

/* ---- replaying a path ---------------------------------------------------------------------- */

typedef struct lines {
  char **v;
  size_t n, cap;
} lines;

static void lines_add(lines *l, const char *s) {
  GROW(l->v, l->n, l->cap);
  l->v[l->n++] = xstrdup(s);
}

/* Whether the view offers support: `mend play` then asks whether to go on
 * (1), pause or stop before anything else, and a script answers 1. `refused`:
 * the support it offered for lines the session was told (abuse, crisis), as
 * the player keeps it: no more serious, and it is a reminder. */
static bool offers_support(const mend_session *s, const int *refused) {
  for (size_t i = 0; i < mend_session_item_count(s); i++)
    if (mend_session_item(s, i)->kind == MEND_ITEM_SUPPORT &&
        !show_support_seen(mend_session_item(s, i), refused))
      return true;
  return false;
}

/* Tells the session the line of `a` (A_TELL) as `mend play` does with a line
 * it refused: the support screen comes for a sign more serious than any
 * offered before, and a script answers it 1. */
static bool replay_tell(mend_session *s, const t_act *a, int *refused, lines *out) {
  const char *l = mend_story_tell_sample(mend_session_story(s), (mend_told)a->v);
  mend_pending p = mend_session_pending(s);
  if (!l || (p != MEND_PENDING_CHOICE && p != MEND_PENDING_ASK)) return false;
  mend_safety_result r;
  mend_session_tell(s, l, strlen(l), &r);
  const mend_safety_hit *hit[2] = {&r.abuse, &r.crisis};
  mend_safety_category cat[2] = {MEND_SAFETY_ABUSE, MEND_SAFETY_CRISIS};
  bool screen = false;
  for (int k = 0; k < 2; k++) {
    int level = mend_session_support_level(s, cat[k]);
    if (refused[k] > level) level = refused[k];
    if (!hit[k]->category || hit[k]->severity <= level) continue;
    refused[k] = hit[k]->severity;
    screen = true;
  }
  if (out) {
    lines_add(out, l);
    if (screen) lines_add(out, "1");
  }
  return true;
}

/* Replays a path in c->aux from the start with `seed`. With `draws`, automatic
 * moves are drawn as `mend play` draws them and must go where the path went;
 * otherwise each takes the path's branch. Collects the script in `out` when
 * given. Returns whether the whole path applied. */
static bool replay(tctx *c, uint64_t seed, const t_act *p, size_t n, bool draws, lines *out,
                   uint64_t *work) {
  mend_session *s = c->aux;
  mend_session_reset(s, seed);
  int refused[2] = {0, 0};
  if (work) *work += c->nnum / 8 + 16;
  if (out && offers_support(s, refused)) lines_add(out, "1");
  for (size_t i = 0; i < n; i++) {
    const t_act *a = &p[i];
    if (work) ++*work;
    mend_pending pend = mend_session_pending(s);
    if (a->kind == A_AUTO) {
      if (pend != MEND_PENDING_AUTO) return false;
      if (draws) {
        mend_session_continue(s);
        if (strcmp(mend_session_node(s), a->target)) return false;
      } else {
        size_t k = 0, nb = mend_session_branch_count(s);
        while (k < nb && strcmp(mend_session_branch_target(s, k), a->target))
          k++;
        if (k == nb || mend_session_take_branch(s, k) != MEND_OK) return false;
      }
      if (out && offers_support(s, refused)) lines_add(out, "1");
      continue;
    }
    if (a->kind == A_TELL) {
      if (!replay_tell(s, a, refused, out)) return false;
      continue;
    }
    if (pend != MEND_PENDING_ASK && pend != MEND_PENDING_CHOICE) return false;
    char buf[32];
    const char *l[2];
    size_t nl = act_lines(s, a, l, buf, sizeof buf);
    char *copy[2] = {NULL, NULL};
    for (size_t k = 0; k < nl; k++)
      copy[k] = xstrdup(l[k]); /* the view they point into changes */
    bool ok = plain_feed(s, (const char *const *)copy, nl);
    if (ok && out) {
      for (size_t k = 0; k < nl; k++)
        lines_add(out, copy[k]);
      if (offers_support(s, refused)) lines_add(out, "1");
    }
    free(copy[0]);
    free(copy[1]);
    if (!ok) return false;
  }
  return true;
}

/* The decision the session waits for, as the person meets it ("choice",
 * "number", "yes/no"), or NULL where a line typed is an answer (a text
 * question) or nothing is waited for. */
static const char *decision_kind(const mend_session *s) {
  mend_pending p = mend_session_pending(s);
  if (p == MEND_PENDING_CHOICE) return "choice";
  if (p != MEND_PENDING_ASK) return NULL;
  const mend_question *q = mend_session_question(s);
  return q->kind == MEND_ASK_SCALE ? "number" : q->kind == MEND_ASK_YESNO ? "yes/no" : NULL;
}

/* Whether line i of o->hears, typed at the decision s waits for, would be
 * heard by nothing ahead where it tells the session something new: of what
 * it tells that the story reads at all, nothing is read ahead ("he hit me"
 * after "i never felt safe": told(unsafe) ahead hears it; typed again, it
 * is no news). */
static bool deaf_at(const tctx *c, const mend_session *s, size_t i) {
  mend_told read = c->heard[i] & (mend_story_reads_told(c->st) | mend_story_reads_just_told(c->st));
  mend_told news = read & ~mend_session_told(s);
  mend_told ahead = mend_session_told_ahead(s, NULL) | mend_story_hears_read(c->st, NULL);
  return !read || (news && !(read & ahead));
}

/* Whether the session c->aux, at the end of a replay, shows the failure. */
static bool shows(tctx *c, const t_failure *f) {
  mend_session *s = c->aux;
  mend_pending p = mend_session_pending(s);
  switch (f->kind) {
  case F_LOOP: return p != MEND_PENDING_END && p != MEND_PENDING_ERROR;
  case F_TRAP: return mend_session_state_hash(s) == f->state;
  case F_DEAF:
    /* (line 0: the line is heard nowhere, at any decision) */
    return decision_kind(s) && (!f->line || !strcmp(mend_session_node(s), f->node)) &&
           deaf_at(c, s, f->state);
  case F_EMPTY: {
    char *m = empty_message(s);
    bool same = m && !strcmp(m, f->message);
    free(m);
    return same;
  }
  default: return p == MEND_PENDING_ERROR && !strcmp(mend_session_error(s), f->message);
  }
}

static bool needs_draws(const t_failure *f) {
  for (size_t i = 0; i < f->npath; i++)
    if (f->path[i].kind == A_AUTO && f->path[i].nbranch > 1) return true;
  return false;
}

/* Finds a seed under which the script reproduces the failure through normal
 * draws, and checks the script by replaying it. */
static void verify(tctx *c, t_failure *f) {
  uint64_t first = f->run >= 0 ? f->run_seed : c->o->seed;
  uint64_t work = 0, found = 0, tried = 1;
  bool ok = false;
  if (replay(c, first, f->path, f->npath, true, NULL, &work) && shows(c, f)) {
    ok = true;
    found = first;
  } else if (needs_draws(f)) {
    for (uint64_t seed = 0; seed < SEED_TRIES && work < SEED_BUDGET; seed++) {
      if (seed == first) continue;
      tried++;
      if (replay(c, seed, f->path, f->npath, true, NULL, &work) && shows(c, f)) {
        ok = true;
        found = seed;
        break;
      }
    }
  }
  lines l = {0};
  if (ok) {
    f->seeded = true;
    f->seed = found;
    f->verified = replay(c, found, f->path, f->npath, true, &l, NULL) && shows(c, f);
  } else {
    f->seeded = false;
    f->seed = first;
    f->seeds_tried = tried;
    f->verified = replay(c, first, f->path, f->npath, false, &l, NULL) && shows(c, f);
  }
  if (f->verified && f->kind == F_DEAF) lines_add(&l, c->o->hears[f->state]); /* typed there */
  f->script = l.v;
  f->nscript = l.n;
  if (f->verified && f->kind == F_LOOP && mend_session_pending(c->aux) == MEND_PENDING_AUTO) {
    /* does the story then move by itself forever, as `mend play` would see it? */
    uint64_t k = 0;
    while (k < c->o->max_steps && mend_session_pending(c->aux) == MEND_PENDING_AUTO) {
      mend_session_continue(c->aux);
      k++;
    }
    f->auto_loop = mend_session_pending(c->aux) == MEND_PENDING_AUTO;
  }
}

static int cmp_failure(const void *a, const void *b) {
  const t_failure *x = a, *y = b;
  int k = strcmp(x->file, y->file);
  if (k) return k;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  return strcmp(x->key, y->key);
}

static void finish(tctx *c) {
  for (size_t i = 0; i < c->r->nfailures; i++)
    verify(c, &c->r->failures[i]);
  if (c->r->nfailures) qsort(c->r->failures, c->r->nfailures, sizeof(t_failure), cmp_failure);
  for (size_t i = 0; i < c->r->nwarnings; i++)
    verify(c, &c->r->warnings[i]);
  if (c->r->nwarnings) qsort(c->r->warnings, c->r->nwarnings, sizeof(t_failure), cmp_failure);
}

void t_result_free(t_result *r) {
  for (size_t i = 0; i < r->nfailures; i++)
    failure_free(&r->failures[i]);
  free(r->failures);
  for (size_t i = 0; i < r->nwarnings; i++)
    failure_free(&r->warnings[i]);
  free(r->warnings);
  memset(r, 0, sizeof *r);
}

/* ---- random mode -------------------------------------------------------------------------- */

/* Shortens the path of a random run that did not end: leaves out every
 * stretch that came back to a state it had been in, and stops at the first
 * state the run kept coming back to (it is in the loop). */
static size_t cut_cycles(tctx *c, uint64_t seed, t_act *p, size_t n) {
  uint64_t *h = xrealloc(NULL, sizeof *h * (n + 1));
  mend_session *s = c->aux;
  mend_session_reset(s, seed);
  size_t done = 0;
  for (; done < n; done++) {
    h[done] = mend_session_state_hash(s);
    const t_act *a = &p[done];
    if (a->kind == A_AUTO) {
      mend_session_continue(s);
      if (strcmp(mend_session_node(s), a->target)) break;
    } else if (!decide_direct(s, a)) {
      break;
    }
  }
  if (done < n) { /* cannot happen: a run replays itself */
    free(h);
    return n;
  }
  h[n] = mend_session_state_hash(s);
  hmap last = {0}, first = {0};
  for (size_t i = 0; i <= n; i++) {
    hmap_put(&last, h[i], (uint32_t)i);
    if (hmap_get(&first, h[i]) == UINT32_MAX) hmap_put(&first, h[i], (uint32_t)i);
  }
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    size_t j = hmap_get(&last, h[i]);
    if (j != hmap_get(&first, h[i])) break; /* a state of the loop */
    i = j;
    if (i >= n) break;
    p[k++] = p[i++];
  }
  hmap_free(&last);
  hmap_free(&first);
  free(h);
  return k;
}

static void random_loop(tctx *c, mend_session *s, uint64_t run, uint64_t seed, t_act *path,
                        size_t n, uint64_t *rng, size_t *cuts) {
  /* which nodes does it keep going through? */
  mend_session_set_coverage(s, NULL);
  uint32_t seen[LOOP_WINDOW];
  size_t ns = 0;
  for (size_t k = 0; k < LOOP_WINDOW; k++) {
    mend_pending p = mend_session_pending(s);
    if (p == MEND_PENDING_END || p == MEND_PENDING_ERROR) break;
    seen[ns++] = node_order(c, mend_session_node(s));
    t_act a = random_act(c, s, rng);
    if (a.kind == A_AUTO)
      mend_session_continue(s);
    else
      decide_direct(s, &a);
  }
  mend_session_set_coverage(s, c->cov);
  char *key, *msg;
  const node_info *first;
  char what[96];
  snprintf(what, sizeof what, "no ending within %llu steps (decisions and automatic moves)",
           (unsigned long long)c->o->max_steps);
  describe_nodes(c, seen, ns, what, F_LOOP, &key, &msg, &first);
  t_failure *f = find_failure(c->r, key);
  size_t *cut = f ? &cuts[f - c->r->failures] : NULL;
  if (cut && *cut >= LOOP_CUTS) {
    free(key);
    free(msg);
    return;
  }
  n = cut_cycles(c, seed, path, n);
  f = keep_failure(c, F_LOOP, key, msg, first ? first->file : "", first ? first->line : 0,
                   first ? first->id : "", path, n);
  if (f) {
    f->run = (long)run;
    f->run_seed = seed;
  }
  if (!cut) cut = &cuts[c->r->nfailures - 1];
  ++*cut;
}

/* At a decision of a random run: each line of o->hears that would be heard
 * there by nothing ahead is a failure (F_DEAF), one per line, node and kind
 * of decision, with the shortest path found to it. */
static void keep_deaf(tctx *c, const mend_session *s, const t_act *path, size_t n, uint64_t run,
                      uint64_t seed) {
  const char *what = decision_kind(s);
  if (!what) return;
  mend_told reads = mend_story_reads_told(c->st) | mend_story_reads_just_told(c->st);
  for (size_t i = 0; i < c->o->nhears; i++) {
    if (!deaf_at(c, s, i)) continue;
    const char *line = c->o->hears[i];
    const char *id = mend_session_node(s);
    const node_info *ni = &c->node[node_order(c, id)];
    bool nowhere = !(c->heard[i] & reads);
    char *key, *msg;
    if (nowhere) { /* one failure for the story */
      key = xprintf("not-heard:%zu", i);
      msg = xprintf("%s: error: \"%s\" tells nothing this story reads: no told() or just_told() "
                    "of it asks about what it tells",
                    ni->file, line);
    } else {
      key = xprintf("not-heard:%zu:%s:%s", i, id, what);
      msg = xprintf("%s:%d: error: \"%s\" typed at this %s (in '%s') is heard by nothing "
                    "ahead: no told() or just_told() from here reads what it tells",
                    ni->file, ni->line, line, what, id);
    }
    t_failure *f = keep_failure(c, F_DEAF, key, msg, ni->file, nowhere ? 0 : ni->line, id, path, n);
    if (f) {
      f->state = i;
      f->run = (long)run;
      f->run_seed = seed;
    }
  }
}

void t_random(const mend_story *st, mend_coverage *cov, const t_opts *o, t_result *r) {
  tctx c;
  ctx_init(&c, st, cov, o, r);
  c.samples = true;
  mend_session *s = mend_session_new(st, o->seed);
  mend_session_set_recording(s, false);
  mend_session_set_coverage(s, cov);
  t_act *path = NULL;
  size_t cap = 0;
  size_t *cuts = NULL, cuts_cap = 0;
  for (uint64_t run = 0; run < o->runs; run++) {
    uint64_t seed = o->seed + run;
    uint64_t rng = seed ^ 0x6d656e6474657374ull;
    mend_session_reset(s, seed);
    size_t n = 0;
    bool warned = false; /* one warning per run: the first {name} shown empty */
    for (;;) {
      if (!warned && mend_session_empty_shown(s, NULL, NULL)) {
        warned = true;
        t_failure *w = keep_warning(&c, s, path, n);
        if (w) {
          w->run = (long)run;
          w->run_seed = seed;
        }
      }
      mend_pending p = mend_session_pending(s);
      if (p == MEND_PENDING_END) {
        r->ended++;
        break;
      }
      if (p == MEND_PENDING_ERROR) {
        t_failure *f = keep_error(&c, s, path, n);
        if (f) {
          f->run = (long)run;
          f->run_seed = seed;
        }
        break;
      }
      if (n >= o->max_steps) {
        if (cuts_cap < r->nfailures + 1) {
          cuts = xrealloc(cuts, sizeof *cuts * (cuts_cap = (r->nfailures + 1) * 2));
          memset(cuts + r->nfailures, 0, sizeof *cuts * (cuts_cap - r->nfailures));
        }
        random_loop(&c, s, run, seed, path, n, &rng, cuts);
        break;
      }
      GROW(path, n, cap);
      t_act a;
      if (p == MEND_PENDING_AUTO) {
        a = (t_act){.kind = A_AUTO};
        a.nbranch = (uint32_t)mend_session_branch_count(s);
        a.from = mend_session_node(s);
        mend_session_continue(s);
        a.target = mend_session_node(s);
      } else {
        if (o->nhears) keep_deaf(&c, s, path, n, run, seed);
        a = random_act(&c, s, &rng);
        decide_direct(s, &a);
      }
      path[n++] = a;
    }
    r->steps += n;
    r->runs++;
    if (cuts_cap < r->nfailures + 1) {
      cuts = xrealloc(cuts, sizeof *cuts * (cuts_cap = (r->nfailures + 1) * 2));
      memset(cuts + r->nfailures, 0, sizeof *cuts * (cuts_cap - r->nfailures));
    }
  }
  free(cuts);
  free(path);
  mend_session_free(s);
  finish(&c);
  ctx_free(&c);
}

/* ---- exhaustive mode --------------------------------------------------------------------------
 */

enum { S_ONSTACK = 1, S_DONE = 2, S_REACH = 4, S_SELF = 8 };

typedef struct frame {
  size_t snap;      /* its snapshot: bytes [snap, snap + snaplen) of the explorer's */
  uint32_t snaplen; /* 0: none (not needed yet, given up, or its last answer is under way) */
  uint32_t state, next, nalts;
  uint64_t autos; /* automatic moves with a single way in a row, up to here */
  t_act act;      /* how it was reached */
  uint32_t gi;    /* its number in the recorded graph (explore_recorded) */
} frame;

typedef struct explorer {
  tctx *c;
  hmap seen; /* state hash -> state number (order of discovery) */
  uint32_t *low;
  uint8_t *flag;
  uint32_t *node; /* per state: its node's story order */
  uint64_t *hash;
  size_t nstates, cap;
  uint32_t *stack; /* Tarjan's */
  size_t nstack, stack_cap;
  frame *f;
  size_t nf, fcap;
  mend_session *w;      /* the one session: each frame's state is restored into it */
  size_t at;            /* the frame whose state w is in, or SIZE_MAX */
  unsigned char *snaps; /* the frames' snapshots, a stack */
  size_t nsnaps, snaps_cap;
  t_act *path; /* scratch */
  size_t path_cap;
} explorer;

/* A new state, numbered in order; `seen`: entered in x->seen by its hash. */
static uint32_t add_state_at(explorer *x, uint64_t h, uint32_t node, bool seen) {
  if (x->nstates == x->cap) {
    x->cap = x->cap ? x->cap * 2 : 1024;
    x->low = xrealloc(x->low, sizeof *x->low * x->cap);
    x->flag = xrealloc(x->flag, x->cap);
    x->node = xrealloc(x->node, sizeof *x->node * x->cap);
    x->hash = xrealloc(x->hash, sizeof *x->hash * x->cap);
  }
  uint32_t v = (uint32_t)x->nstates++;
  if (seen) hmap_put(&x->seen, h, v);
  x->low[v] = v;
  x->flag[v] = S_ONSTACK;
  x->node[v] = node;
  x->hash[v] = h;
  GROW(x->stack, x->nstack, x->stack_cap);
  x->stack[x->nstack++] = v;
  return v;
}

static uint32_t add_state(explorer *x, uint64_t h, const mend_session *s) {
  return add_state_at(x, h, node_order(x->c, mend_session_node(s)), true);
}

/* The path to the frame on top, plus `last` when given. */
static size_t frames_path(explorer *x, const t_act *last) {
  size_t n = x->nf - 1 + (last != NULL);
  if (n > x->path_cap) x->path = xrealloc(x->path, sizeof *x->path * (x->path_cap = n * 2));
  for (size_t i = 1; i < x->nf; i++)
    x->path[i - 1] = x->f[i].act;
  if (last) x->path[n - 1] = *last;
  return n;
}

/* The session w is in the state of a new frame on top. */
static void push_frame(explorer *x, uint32_t state, const t_act *act, uint64_t autos) {
  mend_session *s = x->w;
  GROW(x->f, x->nf, x->fcap);
  x->at = x->nf;
  frame *f = &x->f[x->nf++];
  f->snaplen = 0;
  f->state = state;
  f->next = 0;
  f->nalts = (uint32_t)explore_count(x->c, s);
  f->autos = autos;
  if (act) f->act = *act;
  mend_pending p = mend_session_pending(s);
  if (p == MEND_PENDING_END) x->flag[state] |= S_REACH;
  if (p == MEND_PENDING_ERROR) {
    x->flag[state] |= S_REACH; /* it ends; the error is reported on its own */
    size_t n = frames_path(x, NULL);
    keep_error(x->c, s, x->path, n);
  }
}

/* A deterministic chain of automatic moves longer than --max-steps. */
static void exhaustive_loop(explorer *x, const t_act *last) {
  size_t n = frames_path(x, last);
  size_t from = n > LOOP_WINDOW ? n - LOOP_WINDOW : 0;
  uint32_t *seen = xrealloc(NULL, sizeof *seen * (n - from + 1));
  size_t k = 0;
  for (size_t i = from; i < n; i++)
    seen[k++] = node_order(x->c, x->path[i].target);
  char *key, *msg;
  const node_info *first;
  char what[128];
  snprintf(what, sizeof what, "the story moves by itself more than %llu times in a row",
           (unsigned long long)x->c->o->max_steps);
  describe_nodes(x->c, seen, k, what, F_LOOP, &key, &msg, &first);
  keep_failure(x->c, F_LOOP, key, msg, first ? first->file : "", first ? first->line : 0,
               first ? first->id : "", x->path, n);
  free(seen);
}

/* A group of states that lead only to one another: no ending from there. */
static void exhaustive_trap(explorer *x, uint32_t root, const uint32_t *members, size_t n) {
  uint32_t *orders = xrealloc(NULL, sizeof *orders * (n ? n : 1));
  for (size_t i = 0; i < n; i++)
    orders[i] = x->node[members[i]];
  char *key, *msg;
  const node_info *first;
  describe_nodes(x->c, orders, n, "no ending can be reached from here with the answers tried",
                 F_TRAP, &key, &msg, &first);
  free(orders);
  const node_info *at = x->node[root] != UINT32_MAX ? &x->c->node[x->node[root]] : first;
  size_t len = frames_path(x, NULL);
  t_failure *f = keep_failure(x->c, F_TRAP, key, msg, at ? at->file : "", at ? at->line : 0,
                              at ? at->id : "", x->path, len);
  if (f) f->state = x->hash[root];
}

/* A step of state v led to w, met before: Tarjan's low link, or what w
 * reaches. */
static void met(explorer *x, uint32_t v, uint32_t w) {
  if (x->flag[w] & S_ONSTACK) {
    if (w < x->low[v]) x->low[v] = w;
    if (w == v) x->flag[v] |= S_SELF;
  } else if (x->flag[w] & S_REACH) {
    x->flag[v] |= S_REACH;
  }
}

static void explorer_free(explorer *x) {
  hmap_free(&x->seen);
  free(x->low);
  free(x->flag);
  free(x->node);
  free(x->hash);
  free(x->stack);
  free(x->f);
  free(x->snaps);
  free(x->path);
}

static bool apply_alt(mend_session *s, const t_act *a) {
  if (a->kind == A_AUTO) return mend_session_take_branch(s, (size_t)a->v) == MEND_OK;
  return decide_direct(s, a);
}

/* Keeps a snapshot of w (in the state of frame f, on top) for f. */
static void keep_snapshot(explorer *x, frame *f) {
  size_t room = x->snaps_cap - x->nsnaps;
  size_t n = mend_session_snapshot(x->w, x->snaps + x->nsnaps, room);
  if (n > room) {
    while (x->snaps_cap - x->nsnaps < n)
      x->snaps_cap = x->snaps_cap ? x->snaps_cap * 2 : 1u << 16;
    x->snaps = xrealloc(x->snaps, x->snaps_cap);
    mend_session_snapshot(x->w, x->snaps + x->nsnaps, n);
  }
  f->snap = x->nsnaps;
  f->snaplen = (uint32_t)n;
  x->nsnaps += n;
}

/* Frees frame f's snapshot (the one on top of the stack, as every frame above
 * f is gone). */
static void drop_snapshot(explorer *x, frame *f) {
  if (!f->snaplen) return;
  x->nsnaps = f->snap;
  f->snaplen = 0;
}

/* Puts w in the state of the frame on top: from its snapshot, or, when it
 * gave its own up to save memory, replayed from the nearest frame below that
 * kept one (or from the start). */
static bool to_top(explorer *x) {
  tctx *c = x->c;
  size_t j = x->nf - 1, i = j;
  mend_session *s = x->w;
  x->at = SIZE_MAX;
  if (x->f[j].snaplen)
    return mend_session_restore_snapshot(s, x->snaps + x->f[j].snap, x->f[j].snaplen) == MEND_OK;
  while (i > 0 && !x->f[i - 1].snaplen)
    i--;
  mend_session_set_coverage(s, NULL); /* counted when first played */
  if (i > 0) {
    frame *b = &x->f[i - 1];
    if (mend_session_restore_snapshot(s, x->snaps + b->snap, b->snaplen) != MEND_OK) return false;
  } else {
    mend_session_reset(s, c->o->seed);
    i = 1; /* the start is frame 0's state */
  }
  bool ok = true;
  for (size_t m = i; m <= j && ok; m++)
    ok = apply_alt(s, &x->f[m].act);
  mend_session_set_coverage(s, c->cov);
  if (!ok || mend_session_state_hash(s) != x->hash[x->f[j].state]) return false; /* cannot happen */
  x->at = j;
  return true;
}

static void pop_frame(explorer *x) {
  frame *f = &x->f[x->nf - 1];
  drop_snapshot(x, f);
  if (x->at == x->nf - 1) x->at = SIZE_MAX;
  uint32_t v = f->state;
  if (x->low[v] == v) {
    size_t at = x->nstack;
    while (x->stack[at - 1] != v)
      at--;
    at--;
    bool reach = false;
    for (size_t i = at; i < x->nstack; i++)
      reach |= (x->flag[x->stack[i]] & S_REACH) != 0;
    size_t n = x->nstack - at;
    if (!reach && (n > 1 || (x->flag[v] & S_SELF))) exhaustive_trap(x, v, x->stack + at, n);
    for (size_t i = at; i < x->nstack; i++) {
      uint32_t w = x->stack[i];
      x->flag[w] = (uint8_t)((x->flag[w] & ~S_ONSTACK) | S_DONE | (reach ? S_REACH : 0));
    }
    x->nstack = at;
  }
  x->nf--;
  if (x->nf) {
    uint32_t p = x->f[x->nf - 1].state;
    if (x->low[v] < x->low[p]) x->low[p] = x->low[v];
    if (x->flag[v] & S_REACH) x->flag[p] |= S_REACH;
  }
}

/* Breadth first, for shorter paths to the errors and traps found. */
typedef struct bnode {
  uint32_t parent;
  t_act act;
} bnode;

typedef struct bentry {
  mend_session *s;
  uint32_t node;
} bentry;

static void shorten(tctx *c) {
  t_result *r = c->r;
  size_t longest = 0, targets = 0;
  for (size_t i = 0; i < r->nfailures; i++) {
    if (r->failures[i].kind == F_LOOP) continue;
    targets++;
    if (r->failures[i].npath > longest) longest = r->failures[i].npath;
  }
  if (!targets || longest <= 1) return;
  hmap seen = {0};
  bnode *tree = NULL;
  size_t ntree = 0, tcap = 0;
  bentry *cur = NULL, *next = NULL;
  size_t ncur = 0, nnext = 0, ccap = 0, ncap = 0;
  t_act *path = NULL;
  mend_session *root = mend_session_new(c->st, c->o->seed);
  mend_session_set_recording(root, false);
  mend_session_set_rendering(root, false); /* (nothing here reads a text) */
  hmap_put(&seen, mend_session_state_hash(root), 0);
  GROW(tree, ntree, tcap);
  tree[ntree++] = (bnode){UINT32_MAX, {0}};
  GROW(cur, ncur, ccap);
  cur[ncur++] = (bentry){root, 0};
  bool stop = false;
  for (size_t depth = 1; depth < longest && ncur && !stop; depth++) {
    nnext = 0;
    for (size_t i = 0; i < ncur; i++) {
      mend_session *s = cur[i].s;
      size_t n = stop ? 0 : explore_count(c, s);
      for (size_t k = 0; k < n && !stop; k++) {
        t_act a = alt_act(c, s, k);
        mend_session *child = k + 1 == n ? s : mend_session_clone(s);
        if (child == s) cur[i].s = NULL;
        if (!apply_alt(child, &a)) {
          mend_session_free(child);
          continue;
        }
        uint64_t h = mend_session_state_hash(child);
        if (hmap_get(&seen, h) != UINT32_MAX || ntree >= c->o->max_states) {
          mend_session_free(child);
          continue;
        }
        hmap_put(&seen, h, (uint32_t)ntree);
        GROW(tree, ntree, tcap);
        tree[ntree] = (bnode){cur[i].node, a};
        uint32_t me = (uint32_t)ntree++;
        mend_pending p = mend_session_pending(child);
        for (size_t fi = 0; fi < r->nfailures; fi++) {
          t_failure *f = &r->failures[fi];
          bool hit = f->kind == F_TRAP ? h == f->state
                                       : f->kind != F_LOOP && p == MEND_PENDING_ERROR &&
                                             !strcmp(mend_session_error(child), f->message);
          if (!hit || f->npath <= depth) continue;
          path = xrealloc(path, sizeof *path * depth);
          uint32_t at = me;
          for (size_t d = depth; d > 0; d--) {
            path[d - 1] = tree[at].act;
            at = tree[at].parent;
          }
          if (script_lines(path, depth) <= script_lines(f->path, f->npath)) {
            free(f->path);
            f->path = path;
            f->npath = depth;
            f->ndecisions = 0;
            for (size_t d = 0; d < depth; d++)
              f->ndecisions += path[d].kind != A_AUTO;
            path = NULL;
          }
        }
        if (p == MEND_PENDING_END || p == MEND_PENDING_ERROR) {
          mend_session_free(child);
          continue;
        }
        if (nnext >= BFS_FRONTIER) {
          mend_session_free(child);
          stop = true;
          continue;
        }
        GROW(next, nnext, ncap);
        next[nnext++] = (bentry){child, me};
      }
      mend_session_free(cur[i].s);
      cur[i].s = NULL;
    }
    bentry *t = cur;
    cur = next;
    next = t;
    size_t tc = ccap;
    ccap = ncap;
    ncap = tc;
    ncur = nnext;
    /* anything left to improve? */
    bool left = false;
    for (size_t fi = 0; fi < r->nfailures; fi++)
      if (r->failures[fi].kind != F_LOOP && r->failures[fi].npath > depth + 1) left = true;
    if (!left) break;
  }
  for (size_t i = 0; i < ncur; i++)
    mend_session_free(cur[i].s);
  free(cur);
  free(next);
  free(tree);
  free(path);
  hmap_free(&seen);
}

/* Snapshots in a row, each with its automatic moves in a row: a level of
 * the breadth-first search. */
typedef struct level {
  unsigned char *p;
  size_t n, cap;
} level;

/* An entry: the snapshot's length, the automatic moves in a row up to the
 * state, its number in the recorded graph, the snapshot. */
enum { ENTRY_HEAD = sizeof(uint32_t) + sizeof(uint64_t) + sizeof(uint32_t) };

static void level_push(level *l, const mend_session *s, uint64_t autos, uint32_t gi) {
  size_t room = l->cap - l->n > ENTRY_HEAD ? l->cap - l->n - ENTRY_HEAD : 0;
  size_t len = mend_session_snapshot(s, room ? l->p + l->n + ENTRY_HEAD : NULL, room);
  if (len > room) { /* (written only when it fits: once more, with room) */
    while (l->cap - l->n < len + ENTRY_HEAD)
      l->cap = l->cap ? l->cap * 2 : 1u << 16;
    l->p = xrealloc(l->p, l->cap);
    mend_session_snapshot(s, l->p + l->n + ENTRY_HEAD, len);
  }
  uint32_t n = (uint32_t)len;
  memcpy(l->p + l->n, &n, sizeof n);
  memcpy(l->p + l->n + sizeof n, &autos, sizeof autos);
  memcpy(l->p + l->n + sizeof n + sizeof autos, &gi, sizeof gi);
  l->n += ENTRY_HEAD + len;
}

/* What the breadth-first pass learns of each state it finds (numbered in the
 * order found), and of each step from there, for the depth-first pass to
 * walk without playing the steps again. */
typedef struct graph {
  uint32_t *first, *nalts; /* its steps: [first, first + nalts) */
  uint32_t *node, *depth;  /* its node's story order; its depth */
  uint64_t *hash;
  uint8_t *pending;
  char **error;       /* MEND_PENDING_ERROR: the message, else NULL */
  const char **enode; /* ... and where */
  size_t n, cap;
  t_act *act;   /* per step: the answer or move */
  uint64_t *to; /* ... the hash of the state it leads to */
  uint32_t *at; /* ... and that state's number, or UNKNOWN (see `in`) */
  size_t nsteps, steps_cap;
} graph;

#define UNKNOWN                                                                                    \
  (UINT32_MAX - 1) /* a state not found when the step was taken (an enum is an int in ISO C) */

static uint32_t graph_add(graph *g, tctx *c, const mend_session *s, uint64_t h, uint64_t depth) {
  if (g->n == g->cap) {
    g->cap = g->cap ? g->cap * 2 : 1024;
    g->first = xrealloc(g->first, sizeof *g->first * g->cap);
    g->nalts = xrealloc(g->nalts, sizeof *g->nalts * g->cap);
    g->node = xrealloc(g->node, sizeof *g->node * g->cap);
    g->depth = xrealloc(g->depth, sizeof *g->depth * g->cap);
    g->hash = xrealloc(g->hash, sizeof *g->hash * g->cap);
    g->pending = xrealloc(g->pending, g->cap);
    g->error = xrealloc(g->error, sizeof *g->error * g->cap);
    g->enode = xrealloc(g->enode, sizeof *g->enode * g->cap);
  }
  uint32_t i = (uint32_t)g->n++;
  mend_pending p = mend_session_pending(s);
  g->first[i] = 0;
  g->nalts[i] = 0;
  g->node[i] = node_order(c, mend_session_node(s));
  g->depth[i] = (uint32_t)(depth < UINT32_MAX ? depth : UINT32_MAX - 1);
  g->hash[i] = h;
  g->pending[i] = (uint8_t)p;
  g->error[i] = p == MEND_PENDING_ERROR ? xstrdup(mend_session_error(s)) : NULL;
  g->enode[i] = p == MEND_PENDING_ERROR ? mend_session_node(s) : NULL;
  return i;
}

static void graph_step(graph *g, const t_act *a, uint64_t to, uint32_t at) {
  if (g->nsteps == g->steps_cap) {
    g->steps_cap = g->steps_cap ? g->steps_cap * 2 : 4096;
    g->act = xrealloc(g->act, sizeof *g->act * g->steps_cap);
    g->to = xrealloc(g->to, sizeof *g->to * g->steps_cap);
    g->at = xrealloc(g->at, sizeof *g->at * g->steps_cap);
  }
  g->act[g->nsteps] = *a;
  g->at[g->nsteps] = at;
  g->to[g->nsteps++] = to;
}

static uint32_t add_state_g(explorer *x, const graph *g, uint32_t gi) {
  return add_state_at(x, g->hash[gi], g->node[gi], false);
}

static void graph_free(graph *g) {
  for (size_t i = 0; i < g->n; i++)
    free(g->error[i]);
  free(g->first);
  free(g->nalts);
  free(g->node);
  free(g->depth);
  free(g->hash);
  free(g->pending);
  free(g->error);
  free(g->enode);
  free(g->act);
  free(g->to);
  free(g->at);
  memset(g, 0, sizeof *g);
}

/* The states the exploration covers, breadth first: every state within
 * --max-steps steps of the start (a chain of automatic moves with one way
 * each is not cut: the loop check bounds it), the shallowest first, at most
 * --max-states of them. Without a graph to record, `in` maps each one's hash
 * to its depth; with one, to its number in the graph, and the steps tried
 * are counted into `cov`. False when --max-states cut it short. */
static bool discover(tctx *c, hmap *in, graph *g, mend_coverage *cov) {
  const t_opts *o = c->o;
  t_result *r = c->r;
  mend_session *s = mend_session_new(c->st, o->seed);
  mend_session_set_recording(s, false);
  mend_session_set_rendering(s, false); /* (nothing here reads a text) */
  if (cov) {
    mend_session_set_coverage(s, cov);
    mend_session_reset(s, o->seed); /* so that the start counts */
  }
  level cur = {0}, next = {0};
  bool full = false;
  uint64_t h0 = mend_session_state_hash(s);
  hmap_put(in, h0, 0);
  level_push(&cur, s, 0, g ? graph_add(g, c, s, h0, 0) : 0);
  r->depth = 0;
  /* (once --max-states is reached, no state is added: the rest of the
   * levels would be played for nothing) */
  for (uint64_t d = 0; cur.n && !full; d++) {
    next.n = 0;
    for (size_t at = 0; at < cur.n && !full;) {
      uint32_t len, gi;
      uint64_t autos;
      memcpy(&len, cur.p + at, sizeof len);
      memcpy(&autos, cur.p + at + sizeof len, sizeof autos);
      memcpy(&gi, cur.p + at + sizeof len + sizeof autos, sizeof gi);
      const unsigned char *snap = cur.p + at + ENTRY_HEAD;
      at += ENTRY_HEAD + len;
      mend_session_restore_snapshot(s, snap, len);
      size_t n = explore_count(c, s);
      if (g) g->first[gi] = (uint32_t)g->nsteps;
      for (size_t k = 0; k < n && !full; k++) {
        if (k) mend_session_restore_snapshot(s, snap, len);
        t_act a = alt_act(c, s, k);
        uint64_t ca = a.kind == A_AUTO && a.nbranch == 1 ? autos + 1 : 0;
        r->steps++;
        if (!apply_alt(s, &a)) continue; /* cannot happen: the answers come from the view */
        uint64_t h = mend_session_state_hash(s);
        uint32_t known = hmap_get(in, h), v = UNKNOWN;
        if (known != UINT32_MAX)
          v = known;
        else if (ca > o->max_steps || (!ca && d + 1 > o->max_steps))
          ; /* a loop; too deep */
        else if (in->n >= o->max_states)
          full = true;
        else
          v = g ? graph_add(g, c, s, h, d + 1)
                : (uint32_t)(d + 1 < UINT32_MAX ? d + 1 : UINT32_MAX - 2);
        if (g) {
          graph_step(g, &a, h, v);
          g->nalts[gi]++;
        }
        if (known != UINT32_MAX || v == UNKNOWN) continue;
        hmap_put(in, h, v);
        if (d + 1 > r->depth) r->depth = d + 1;
        level_push(&next, s, ca, v);
      }
    }
    level t = cur;
    cur = next;
    next = t;
  }
  free(cur.p);
  free(next.p);
  mend_session_free(s);
  return !full;
}

/* One depth-first exploration, with Tarjan's algorithm for traps: of the
 * states `in` holds when given, otherwise no deeper than `limit` steps
 * (chains of single automatic moves do not count: the loop check bounds
 * them). Returns how many paths were cut at the limit. */
static uint64_t explore(tctx *c, uint64_t limit, const hmap *in) {
  const t_opts *o = c->o;
  t_result *r = c->r;
  explorer x;
  memset(&x, 0, sizeof x);
  x.c = c;
  uint64_t cut = 0;
  x.w = mend_session_new(c->st, o->seed);
  mend_session_set_recording(x.w, false);
  mend_session_set_rendering(x.w, false); /* (nothing here reads a text) */
  mend_session_set_coverage(x.w, c->cov);
  mend_session_reset(x.w, o->seed); /* so that the start counts */
  push_frame(&x, add_state(&x, mend_session_state_hash(x.w), x.w), NULL, 0);
  while (x.nf) {
    frame *f = &x.f[x.nf - 1];
    if (f->next < f->nalts && x.at != x.nf - 1 && !to_top(&x)) f->next = f->nalts;
    if (f->next >= f->nalts) {
      pop_frame(&x);
      continue;
    }
    size_t k = f->next++;
    bool last = f->next == f->nalts;
    t_act a = alt_act(c, x.w, k);
    uint64_t autos = a.kind == A_AUTO && a.nbranch == 1 ? f->autos + 1 : 0;
    /* the frame's state is needed again for its next answer: it keeps a
     * snapshot, unless they take too much room (every CHECKPOINT-th frame
     * still keeps its own, and the others replay from there) */
    if (last)
      drop_snapshot(&x, f);
    else if (!f->snaplen && (x.nsnaps < HELD_BYTES || (x.nf - 1) % CHECKPOINT == 0))
      keep_snapshot(&x, f);
    x.at = SIZE_MAX;
    uint32_t v = f->state;
    r->steps++;
    if (!apply_alt(x.w, &a)) continue; /* cannot happen: the answers come from the view */
    uint64_t h = mend_session_state_hash(x.w);
    uint32_t w = hmap_get(&x.seen, h);
    if (w != UINT32_MAX) {
      met(&x, v, w);
      continue;
    }
    if (autos > o->max_steps) {
      exhaustive_loop(&x, &a);
      x.flag[v] |= S_REACH; /* reported; do not report it again as a trap */
      continue;
    }
    if (!in && !autos && x.nf > limit) {
      cut++;
      x.flag[v] |= S_REACH; /* unknown: assume the best */
      continue;
    }
    if (in && hmap_get(in, h) == UINT32_MAX) { /* beyond --max-steps or --max-states */
      if (!autos && (uint64_t)hmap_get(in, x.hash[v]) + 1 > o->max_steps)
        cut++;
      else
        r->bound_hit = true;
      x.flag[v] |= S_REACH; /* unknown: assume the best */
      continue;
    }
    if (x.nstates >= o->max_states) {
      r->bound_hit = true;
      x.flag[v] |= S_REACH;
      continue;
    }
    push_frame(&x, add_state(&x, h, x.w), &a, autos);
  }
  r->states = x.nstates;
  mend_session_free(x.w);
  explorer_free(&x);
  return cut;
}

/* The depth-first pass of explore, with Tarjan's algorithm for traps, over
 * the graph the breadth-first pass recorded (`in`: hash -> number in it): the
 * same states in the same order, the same failures, without playing a step
 * again. Returns how many steps were cut at --max-steps. */
static uint64_t explore_recorded(tctx *c, const hmap *in, const graph *g) {
  const t_opts *o = c->o;
  t_result *r = c->r;
  explorer x;
  memset(&x, 0, sizeof x);
  x.c = c;
  x.at = SIZE_MAX;
  uint64_t cut = 0;
  /* per state of the graph: its number in this search (x.seen is not used:
   * the steps know the states they lead to) */
  uint32_t *num = xrealloc(NULL, sizeof *num * (g->n ? g->n : 1));
  memset(num, 0xFF, sizeof *num * g->n);
  for (uint32_t gi = 0, v = num[0] = add_state_g(&x, g, 0);;) { /* a new frame */
    GROW(x.f, x.nf, x.fcap);
    frame *f = &x.f[x.nf++];
    memset(f, 0, sizeof *f);
    f->state = v;
    f->gi = gi;
    f->nalts = g->nalts[gi];
    if (x.nf > 1) {
      frame *p = &x.f[x.nf - 2];
      f->act = g->act[g->first[p->gi] + p->next - 1];
      f->autos = f->act.kind == A_AUTO && f->act.nbranch == 1 ? p->autos + 1 : 0;
    }
    if (g->pending[gi] == MEND_PENDING_END) x.flag[v] |= S_REACH;
    if (g->pending[gi] == MEND_PENDING_ERROR) {
      x.flag[v] |= S_REACH; /* it ends; the error is reported on its own */
      size_t n = frames_path(&x, NULL);
      keep_error_at(c, g->error[gi], g->enode[gi], x.path, n);
    }
    bool pushed = false;
    while (x.nf && !pushed) {
      frame *t = &x.f[x.nf - 1];
      if (t->next >= t->nalts) {
        pop_frame(&x);
        continue;
      }
      size_t step = g->first[t->gi] + t->next++;
      const t_act *a = &g->act[step];
      uint64_t autos = a->kind == A_AUTO && a->nbranch == 1 ? t->autos + 1 : 0;
      uint32_t u = t->state;
      uint32_t next = g->at[step];
      if (next == UNKNOWN) next = hmap_get(in, g->to[step]); /* found later, or never */
      uint32_t w = next == UINT32_MAX ? UINT32_MAX : num[next];
      if (w != UINT32_MAX) {
        met(&x, u, w);
        continue;
      }
      if (autos > o->max_steps) {
        exhaustive_loop(&x, a);
        x.flag[u] |= S_REACH; /* reported; do not report it again as a trap */
        continue;
      }
      if (next == UINT32_MAX) { /* beyond --max-steps or --max-states */
        if (!autos && (uint64_t)g->depth[t->gi] + 1 > o->max_steps)
          cut++;
        else
          r->bound_hit = true;
        x.flag[u] |= S_REACH; /* unknown: assume the best */
        continue;
      }
      if (x.nstates >= o->max_states) {
        r->bound_hit = true;
        x.flag[u] |= S_REACH;
        continue;
      }
      gi = next;
      v = num[gi] = add_state_g(&x, g, gi);
      pushed = true;
    }
    if (!pushed) break;
  }
  r->states = x.nstates;
  free(num);
  explorer_free(&x);
  return cut;
}

/* Iterative deepening: depth limits from 4, a quarter deeper each time (twice
 * as deep while the states found are few against --max-states, or grew little
 * since the last time), until one exploration is complete (nothing cut) or
 * reaches --max-states. Shallow states come first, so a bounded exploration
 * still covers the story's breadth, and a state space made endless by
 * counters that loops raise ends at the bound instead of at the bottom of one
 * loop.
 *
 * The last limit, --max-steps, is explored exactly: a depth-first search cut
 * at a depth misses states within that depth (one first met deep, where its
 * successors are cut, is not explored again when a shorter path meets it
 * later), so a breadth-first pass first finds every state within
 * --max-steps (the shallowest first, up to --max-states), and the depth-first
 * search then explores those, however deep its own paths go.
 *
 * That last pass comes first: when every state within --max-steps fits in
 * --max-states, it alone explores them all, each state once and once again,
 * where iterative deepening would have gone over the shallow ones at every
 * depth. Only a story with more states than that needs the deepening. */
void t_exhaustive(const mend_story *st, mend_coverage *cov, const t_opts *o, t_result *r) {
  tctx c;
  ctx_init(&c, st, cov, o, r);
  uint64_t before = 0;
  hmap all = {0};
  graph g = {0};
  mend_coverage *counted = mend_coverage_new(st); /* merged only if this is the whole run */
  bool whole = discover(&c, &all, &g, counted);
  if (whole) {
    if (cov) mend_coverage_merge(cov, counted);
    r->cut = explore_recorded(&c, &all, &g);
  }
  mend_coverage_free(counted);
  graph_free(&g);
  hmap_free(&all);
  if (whole) {
    shorten(&c);
    finish(&c);
    ctx_free(&c);
    return;
  }
  r->steps = 0; /* the deepening starts afresh */
  r->depth = 0;
  for (uint64_t limit = 4;;) {
    if (limit >= o->max_steps) {
      hmap in = {0};
      discover(&c, &in, NULL, NULL);
      r->cut = explore(&c, o->max_steps, &in);
      hmap_free(&in);
      break;
    }
    r->cut = explore(&c, limit, NULL);
    r->depth = limit;
    if (!r->cut || r->bound_hit) break;
    /* far from the bound, or few new states: go deeper faster */
    bool fast = r->states < o->max_states / 64 || r->states < before + before / 2;
    before = r->states;
    limit += fast ? limit : limit / 4;
  }
  shorten(&c);
  finish(&c);
  ctx_free(&c);
}
