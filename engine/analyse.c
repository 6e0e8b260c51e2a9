/*
 * analyse.c - the story's graph for tools, variable use, and the lint
 * warnings (see mend/analyse.h). Everything here reads the compiled model;
 * nothing plays a session.
 */
#include "mend/analyse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "model.h"
#include "utf8.h"

#define LONG_PARAGRAPH 120

struct mend_graph {
  mem_arena *arena;
  mend_node_view *nodes;
  mend_edge_view *edges;
  size_t nnodes, nedges, start;
};

/* ---- text as written ------------------------------------------------------- */

static const char *source_of(const mend_story *st, tpl t, mem_arena *a) {
  mem_buf b = {0};
  mem_buf_add(&b, "", 0);
  for (uint32_t i = 0; i < t.count; i++) {
    const text_piece *p = &st->pieces[t.first + i];
    if (p->s) {
      mem_buf_add(&b, p->s, p->n);
    } else {
      mem_buf_addc(&b, '{');
      mem_buf_adds(&b, st->vars[p->var].info.name);
      mem_buf_addc(&b, '}');
    }
  }
  const char *r = mem_arena_strndup(a, b.data, b.len);
  mem_buf_free(&b);
  return r;
}

static size_t words_of(const mend_story *st, tpl t) {
  size_t w = 0;
  bool in_word = false;
  for (uint32_t i = 0; i < t.count; i++) {
    const text_piece *p = &st->pieces[t.first + i];
    if (!p->s) {
      if (!in_word) w++;
      in_word = true;
      continue;
    }
    for (uint32_t k = 0; k < p->n; k++) {
      bool space = utf8_is_space(p->s[k]);
      if (!space && !in_word) w++;
      in_word = !space;
    }
  }
  return w;
}

/* ---- the graph ----------------------------------------------------------------- */

static void add_edge(mend_graph *g, size_t *cap, const mend_story *st, mend_edge_kind kind,
                     size_t from, int32_t to, int32_t cond, loc at) {
  mend_edge_view *e = VEC_PUSH(g->edges, g->nedges, *cap);
  memset(e, 0, sizeof *e);
  e->kind = kind;
  e->from = from;
  e->to = (size_t)to;
  e->cond = cond >= 0 ? st->xrefs[cond].src : NULL;
  e->file = st->files[at.file];
  e->line = at.line;
  e->weight = 1;
}

static void reach(const mend_graph *g, size_t from, bool *seen, bool forward) {
  size_t *stack = mem_alloc(sizeof(size_t) * (g->nnodes + 1));
  size_t n = 0;
  if (!forward) { /* backwards: from every ending, along reversed edges */
    for (size_t i = 0; i < g->nnodes; i++)
      if (g->nodes[i].ending) seen[i] = true, stack[n++] = i;
    /* reversed adjacency, built once */
    size_t *count = mem_alloc(sizeof(size_t) * (g->nnodes + 1));
    for (size_t i = 0; i < g->nedges; i++) count[g->edges[i].to + 1]++;
    for (size_t i = 0; i < g->nnodes; i++) count[i + 1] += count[i];
    size_t *fill = mem_alloc(sizeof(size_t) * (g->nnodes + 1));
    memcpy(fill, count, sizeof(size_t) * (g->nnodes + 1));
    size_t *src = mem_alloc(sizeof(size_t) * (g->nedges + 1));
    for (size_t i = 0; i < g->nedges; i++) src[fill[g->edges[i].to]++] = g->edges[i].from;
    while (n) {
      size_t v = stack[--n];
      for (size_t k = count[v]; k < count[v + 1]; k++)
        if (!seen[src[k]]) seen[src[k]] = true, stack[n++] = src[k];
    }
    free(count);
    free(fill);
    free(src);
  } else {
    seen[from] = true;
    stack[n++] = from;
    while (n) {
      const mend_node_view *v = &g->nodes[stack[--n]];
      for (size_t k = 0; k < v->nedges; k++) {
        size_t to = g->edges[v->first_edge + k].to;
        if (!seen[to]) seen[to] = true, stack[n++] = to;
      }
    }
  }
  free(stack);
}

mend_graph *mend_graph_new(const mend_story *st) {
  mend_graph *g = mem_alloc(sizeof *g);
  g->arena = mem_arena_new();
  g->nnodes = st->nnodes;
  g->nodes = mem_alloc(sizeof(mend_node_view) * (st->nnodes ? st->nnodes : 1));
  g->start = (size_t)st->start;
  size_t ecap = 0;
  for (size_t i = 0; i < st->nnodes; i++) {
    const node *n = &st->nodes[i];
    mend_node_view *v = &g->nodes[i];
    v->id = n->id;
    v->ending = n->ending;
    v->title = n->ending ? n->title : NULL;
    v->tone = n->tone;
    v->file = st->files[n->at.file];
    v->line = n->at.line;
    v->text = "";
    for (uint32_t k = 0; k < n->nops; k++) {
      const op *o = &st->ops[n->first_op + k];
      if (o->kind == OP_TEXT) {
        if (!v->paragraphs++) v->text = source_of(st, o->text, g->arena);
        v->words += words_of(st, o->text);
      } else if (o->kind == OP_ASK) {
        v->questions++;
        v->words += words_of(st, o->text);
      } else if (o->kind == OP_CHECK) {
        v->rules += o->count;
      }
    }
    v->first_edge = g->nedges;
    for (uint32_t k = 0; k < n->nchoices; k++) {
      size_t ci = n->first_choice + k;
      const choice *c = &st->choices[ci];
      if (c->to < 0) continue;
      add_edge(g, &ecap, st, MEND_EDGE_CHOICE, i, c->to, c->cond, c->at);
      mend_edge_view *e = &g->edges[g->nedges - 1];
      e->label = source_of(st, c->label, g->arena);
      e->id = c->id;
      e->once = c->once;
      e->feedbacks = c->nfb;
      e->choice = ci;
      v->words += words_of(st, c->label);
      for (uint32_t f = 0; f < c->nfb; f++) v->words += words_of(st, st->fbs[c->first_fb + f].text);
    }
    for (uint32_t k = 0; k < n->ngotos; k++) {
      const exit_ *x = &st->exits[n->first_goto + k];
      add_edge(g, &ecap, st, MEND_EDGE_GOTO, i, x->to, x->cond, x->at);
    }
    for (uint32_t k = 0; k < n->nrandom; k++) {
      const exit_ *x = &st->exits[n->first_random + k];
      add_edge(g, &ecap, st, MEND_EDGE_RANDOM, i, x->to, x->cond, x->at);
      g->edges[g->nedges - 1].weight = x->weight;
    }
    v->nedges = g->nedges - v->first_edge;
  }
  bool *seen = mem_alloc(st->nnodes + 1);
  if (st->nnodes) reach(g, g->start, seen, true);
  for (size_t i = 0; i < st->nnodes; i++) g->nodes[i].reachable = seen[i];
  memset(seen, 0, st->nnodes + 1);
  reach(g, 0, seen, false);
  for (size_t i = 0; i < st->nnodes; i++) g->nodes[i].can_end = seen[i];
  free(seen);
  return g;
}

void mend_graph_free(mend_graph *g) {
  if (!g) return;
  free(g->nodes);
  free(g->edges);
  mem_arena_free(g->arena);
  free(g);
}

size_t mend_graph_node_count(const mend_graph *g) {
  return g->nnodes;
}
const mend_node_view *mend_graph_node(const mend_graph *g, size_t i) {
  return i < g->nnodes ? &g->nodes[i] : NULL;
}
size_t mend_graph_edge_count(const mend_graph *g) {
  return g->nedges;
}
const mend_edge_view *mend_graph_edge(const mend_graph *g, size_t i) {
  return i < g->nedges ? &g->edges[i] : NULL;
}
size_t mend_graph_start(const mend_graph *g) {
  return g->start;
}

/* ---- variable use ----------------------------------------------------------------- */

static void expr_reads(const mend_story *st, int32_t i, size_t *reads) {
  if (i < 0) return;
  const expr_node *n = &st->expr.n[i];
  if (n->op == X_VAR || n->op == X_TVAR) reads[n->v]++;
  if (n->op == X_MATCHES) { /* b is unused; a is the text */
    expr_reads(st, n->a, reads);
    return;
  }
  expr_reads(st, n->a, reads);
  expr_reads(st, n->b, reads);
}

static void xref_reads(const mend_story *st, int32_t xr, size_t *reads) {
  if (xr >= 0) expr_reads(st, st->xrefs[xr].root, reads);
}

static void text_reads(const mend_story *st, tpl t, size_t *reads) {
  for (uint32_t i = 0; i < t.count; i++)
    if (!st->pieces[t.first + i].s) reads[st->pieces[t.first + i].var]++;
}

static void op_use(const mend_story *st, const op *o, size_t *reads, size_t *writes, bool *jour) {
  xref_reads(st, o->cond, reads);
  switch ((op_kind)o->kind) {
  case OP_TEXT: text_reads(st, o->text, reads); break;
  case OP_SET:
    writes[o->var]++;
    xref_reads(st, o->value, reads);
    break;
  case OP_ASK:
    writes[o->var]++;
    if (o->journal) jour[o->var] = true;
    text_reads(st, o->text, reads);
    break;
  case OP_CHECK:
    reads[o->var]++;
    if (o->value >= 0) writes[o->value]++;
    for (uint32_t k = 0; k < o->count; k++) {
      text_reads(st, st->rules[o->first + k].met, reads);
      text_reads(st, st->rules[o->first + k].unmet, reads);
    }
    break;
  }
}

static void all_use(const mend_story *st, size_t *reads, size_t *writes, bool *jour) {
  for (size_t i = 0; i < st->nops; i++) op_use(st, &st->ops[i], reads, writes, jour);
  for (size_t i = 0; i < st->nchoices; i++) {
    const choice *c = &st->choices[i];
    xref_reads(st, c->cond, reads);
    text_reads(st, c->label, reads);
  }
  for (size_t i = 0; i < st->nfbs; i++) {
    xref_reads(st, st->fbs[i].cond, reads);
    text_reads(st, st->fbs[i].text, reads);
  }
  for (size_t i = 0; i < st->nexits; i++) xref_reads(st, st->exits[i].cond, reads);
}

void mend_story_var_use(const mend_story *st, size_t var, mend_var_use *out) {
  memset(out, 0, sizeof *out);
  if (var >= st->nvars) return;
  size_t n = st->nvars;
  size_t *reads = mem_alloc(sizeof(size_t) * n), *writes = mem_alloc(sizeof(size_t) * n);
  bool *jour = mem_alloc(n);
  all_use(st, reads, writes, jour);
  out->reads = reads[var];
  out->writes = writes[var];
  out->journaled = jour[var];
  free(reads);
  free(writes);
  free(jour);
}

/* ---- lint ---------------------------------------------------------------------------- */

static void warn(mend_diags *d, const mend_story *st, loc at, const char *code, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));
static void warn(mend_diags *d, const mend_story *st, loc at, const char *code, const char *fmt,
                 ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mend_diags_add(d, MEND_WARNING, st->files[at.file], at.line, 0, code, msg);
}

static const char *shorten(const char *s, char *buf, size_t n) {
  size_t len = strlen(s);
  if (len < n) return s;
  size_t k = n - 4;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--; /* a character boundary */
  memcpy(buf, s, k);
  memcpy(buf + k, "...", 4);
  return buf;
}

static void lint_exits(const mend_story *st, const node *n, mend_diags *d) {
  if (n->ending) return;
  bool fallback = false, any_cond_choice = false, all_once = n->nchoices > 0;
  for (uint32_t k = 0; k < n->nchoices; k++) {
    const choice *c = &st->choices[n->first_choice + k];
    if (c->cond < 0 && !c->once) fallback = true;
    if (c->cond >= 0) any_cond_choice = true;
    if (!c->once) all_once = false;
  }
  bool goto_fallback = false;
  for (uint32_t k = 0; k < n->ngotos; k++)
    if (st->exits[n->first_goto + k].cond < 0) goto_fallback = true;
  bool random_fallback = false;
  for (uint32_t k = 0; k < n->nrandom; k++)
    if (st->exits[n->first_random + k].cond < 0) random_fallback = true;
  if (n->nrandom && !random_fallback && !goto_fallback)
    warn(d, st, st->exits[n->first_random].at, "W-random-conditional",
         "every branch of the <random> in node '%s' has a condition: when none holds, the "
         "person is stuck (give one branch no condition, or add a <goto> before it)",
         n->id);
  if (fallback || goto_fallback || random_fallback || n->nrandom) return;
  if (all_once && !any_cond_choice)
    warn(d, st, n->at, "W-once",
         "node '%s' can run out of choices: they are all once=\"true\" and there is no <goto> "
         "to fall back on",
         n->id);
  else
    warn(d, st, n->at, "W-dead-end",
         "every way out of node '%s' has a condition (or is once=\"true\"): when none is "
         "available, the person is stuck (add a <goto> without a condition)",
         n->id);
}

void mend_story_lint(const mend_story *st, mend_diags *d) {
  mend_graph *g = mend_graph_new(st);
  char b1[80];
  for (size_t i = 0; i < st->nnodes; i++) {
    const node *n = &st->nodes[i];
    const mend_node_view *v = &g->nodes[i];
    const char *what = n->ending ? "ending" : "node";
    if (!v->reachable)
      warn(d, st, n->at, "W-unreachable", "%s '%s' cannot be reached from the start ('%s')", what,
           n->id, st->nodes[st->start].id);
    else if (!v->can_end)
      warn(d, st, n->at, "W-trap",
           "no ending can be reached from node '%s': a person who gets here is trapped", n->id);
    lint_exits(st, n, d);
    /* choices: feedback, duplicate labels */
    for (uint32_t k = 0; k < n->nchoices; k++) {
      const choice *c = &st->choices[n->first_choice + k];
      const char *label = source_of(st, c->label, g->arena);
      if (c->nfb == 0)
        warn(d, st, c->at, "W-no-feedback", "the choice \"%s\" has no <feedback>",
             shorten(label, b1, sizeof b1));
      for (uint32_t j = 0; j < k; j++) {
        const choice *o = &st->choices[n->first_choice + j];
        if (!strcmp(label, source_of(st, o->label, g->arena))) {
          warn(d, st, c->at, "W-duplicate-label",
               "two choices of node '%s' read \"%s\" (the other is at line %d): the person "
               "cannot tell them apart",
               n->id, shorten(label, b1, sizeof b1), o->at.line);
          break;
        }
      }
    }
    /* paragraphs */
    for (uint32_t k = 0; k < n->nops; k++) {
      const op *o = &st->ops[n->first_op + k];
      size_t w = o->kind == OP_TEXT ? words_of(st, o->text) : 0;
      if (w > LONG_PARAGRAPH)
        warn(d, st, o->at, "W-long-paragraph",
             "a paragraph of %zu words (over %d): split it into shorter <text>s for a reader in "
             "distress",
             w, LONG_PARAGRAPH);
    }
  }
  /* rules that match an empty answer */
  for (size_t i = 0; i < st->nrules; i++) {
    const rule *r = &st->rules[i];
    if (model_regex_match(&r->re, ""))
      warn(d, st, r->at, "W-empty-pattern",
           "the pattern of rule \"%s\" matches even an empty answer, so the rule is %s", r->label,
           r->absent ? "never met" : "always met");
  }
  /* variables */
  size_t nv = st->nvars;
  size_t *reads = mem_alloc(sizeof(size_t) * (nv + 1)), *writes = mem_alloc(sizeof(size_t) * (nv + 1));
  bool *jour = mem_alloc(nv + 1);
  all_use(st, reads, writes, jour);
  for (size_t i = 0; i < nv; i++) {
    const mend_var_info *vi = &st->vars[i].info;
    if (vi->label && !writes[i])
      warn(d, st, st->vars[i].at, "W-unchanged",
           "the measure '%s' (\"%s\") never changes: no <set>, question or score writes it",
           vi->name, vi->label);
    else if (!vi->label && !reads[i] && !jour[i])
      warn(d, st, st->vars[i].at, "W-unread", "the variable '%s' is never read", vi->name);
    if (reads[i] && !writes[i] && !vi->label)
      warn(d, st, st->vars[i].at, "W-unset",
           "the variable '%s' is read but never set: it always holds its initial value",
           vi->name);
  }
  /* text questions whose answer goes nowhere */
  for (size_t i = 0; i < st->nops; i++) {
    const op *o = &st->ops[i];
    if (o->kind == OP_ASK && o->ask_kind == MEND_ASK_TEXT && !o->journal && !reads[o->var])
      warn(d, st, o->at, "W-unused-answer",
           "the answer to this question goes nowhere: '%s' is never read and journal is off",
           st->vars[o->var].info.name);
  }
  free(reads);
  free(writes);
  free(jour);
  mend_graph_free(g);
}
