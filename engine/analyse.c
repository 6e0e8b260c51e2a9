/* SPDX-License-Identifier: MIT */
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
  mend_hear_view *hears;
  size_t nnodes, nedges, start, nhears;
  size_t *scc; /* per node: its strongly connected component */
  /* words of each text, counted once for the views and for lint */
  uint32_t *op_words, *fb_words, *met_words, *unmet_words;
};

/* ---- text as written ------------------------------------------------------- */

static const char *source_of(const mend_story *st, tpl t, mem_arena *a) {
  if (t.count == 0) return "";
  if (t.count == 1 && st->pieces[t.first].s) return st->pieces[t.first].s; /* the story's own */
  size_t len = 0;
  for (uint32_t i = 0; i < t.count; i++) {
    const text_piece *p = &st->pieces[t.first + i];
    len += p->s ? p->n : strlen(st->vars[p->var].info.name) + 2;
  }
  char *r = mem_arena_alloc(a, len + 1), *o = r;
  for (uint32_t i = 0; i < t.count; i++) {
    const text_piece *p = &st->pieces[t.first + i];
    if (p->s) {
      memcpy(o, p->s, p->n);
      o += p->n;
    } else {
      size_t n = strlen(st->vars[p->var].info.name);
      *o++ = '{';
      memcpy(o, st->vars[p->var].info.name, n);
      o += n;
      *o++ = '}';
    }
  }
  *o = 0;
  return r;
}

/* How many bytes of s are spaces, eight at a time. */
static size_t spaces_in(const char *s, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full;
  size_t count = 0, k = 0;
  for (; k + 8 <= n; k += 8) {
    uint64_t w;
    memcpy(&w, s + k, 8);
    w ^= ones * ' ';                                   /* a space is now a zero byte */
    uint64_t zero = ~(((w & low7) + low7) | w | low7); /* the top bit of each zero byte */
    count += (size_t)(((zero >> 7) * ones) >> 56);     /* the sum of the bytes, each 0 or 1 */
  }
  for (; k < n; k++)
    count += s[k] == ' ';
  return count;
}

/* Words of a compiled text. Its literals are normalised (white space is one
 * ' ' at a time), so a piece's words start at its first character, unless
 * that is a space, and after each of its spaces but a final one. A value
 * counts as one word. */
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
    if (!p->n) continue;
    size_t sp = spaces_in(p->s, p->n);
    bool ends_in_space = p->s[p->n - 1] == ' ';
    w += sp - (ends_in_space ? 1 : 0);
    if (p->s[0] != ' ' && !in_word) w++;
    in_word = !ends_in_space;
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
    for (size_t i = 0; i < g->nedges; i++)
      count[g->edges[i].to + 1]++;
    for (size_t i = 0; i < g->nnodes; i++)
      count[i + 1] += count[i];
    size_t *fill = mem_alloc(sizeof(size_t) * (g->nnodes + 1));
    memcpy(fill, count, sizeof(size_t) * (g->nnodes + 1));
    size_t *src = mem_alloc(sizeof(size_t) * (g->nedges + 1));
    for (size_t i = 0; i < g->nedges; i++)
      src[fill[g->edges[i].to]++] = g->edges[i].from;
    while (n) {
      size_t v = stack[--n];
      for (size_t k = count[v]; k < count[v + 1]; k++)
        if (!seen[src[k]]) seen[src[k]] = true, stack[n++] = src[k];
    }
    mem_free(count);
    mem_free(fill);
    mem_free(src);
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
  mem_free(stack);
}

/* Tarjan's strongly connected components, iteratively (a story may be a
 * chain of 100 000 nodes): fills g->scc and marks the nodes on a cycle. */
static void components(mend_graph *g) {
  size_t n = g->nnodes, next = 0, sp = 0, ncomp = 0;
  size_t *index = mem_alloc(sizeof(size_t) * (n + 1)), *low = mem_alloc(sizeof(size_t) * (n + 1));
  size_t *pos = mem_alloc(sizeof(size_t) * (n + 1)), *stack = mem_alloc(sizeof(size_t) * (n + 1));
  size_t *call = mem_alloc(sizeof(size_t) * (n + 1)), *at = mem_alloc(sizeof(size_t) * (n + 1));
  bool *on = mem_alloc(n + 1);
  g->scc = mem_alloc(sizeof(size_t) * (n + 1));
  for (size_t i = 0; i < n; i++)
    index[i] = SIZE_MAX;
  for (size_t root = 0; root < n; root++) {
    if (index[root] != SIZE_MAX) continue;
    size_t depth = 0;
    index[root] = low[root] = next++;
    at[root] = sp;
    stack[sp++] = root;
    on[root] = true;
    call[depth++] = root;
    while (depth) {
      size_t v = call[depth - 1];
      const mend_node_view *nv = &g->nodes[v];
      if (pos[v] < nv->nedges) {
        size_t w = g->edges[nv->first_edge + pos[v]++].to;
        if (index[w] == SIZE_MAX) {
          index[w] = low[w] = next++;
          at[w] = sp;
          stack[sp++] = w;
          on[w] = true;
          call[depth++] = w;
        } else if (on[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      depth--;
      if (depth && low[v] < low[call[depth - 1]]) low[call[depth - 1]] = low[v];
      if (low[v] != index[v]) continue;
      bool cycle = sp - at[v] > 1;
      while (sp > at[v]) {
        size_t w = stack[--sp];
        on[w] = false;
        g->scc[w] = ncomp;
        g->nodes[w].cyclic = cycle;
      }
      ncomp++;
    }
  }
  for (size_t i = 0; i < g->nedges; i++)
    if (g->edges[i].from == g->edges[i].to) g->nodes[g->edges[i].from].cyclic = true;
  mem_free(index);
  mem_free(low);
  mem_free(pos);
  mem_free(stack);
  mem_free(call);
  mem_free(at);
  mem_free(on);
}

mend_graph *mend_graph_new(const mend_story *st) {
  mend_graph *g = mem_alloc(sizeof *g);
  g->arena = mem_arena_new();
  g->nnodes = st->nnodes;
  g->nodes = mem_alloc(sizeof(mend_node_view) * (st->nnodes ? st->nnodes : 1));
  g->start = (size_t)st->start;
  size_t ecap = 0;
  g->op_words = mem_alloc(sizeof(uint32_t) * (st->nops + 1));
  for (size_t i = 0; i < st->nops; i++)
    if (st->ops[i].kind == OP_TEXT || st->ops[i].kind == OP_ASK)
      g->op_words[i] = (uint32_t)words_of(st, st->ops[i].text);
  g->fb_words = mem_alloc(sizeof(uint32_t) * (st->nfbs + 1));
  for (size_t i = 0; i < st->nfbs; i++)
    g->fb_words[i] = (uint32_t)words_of(st, st->fbs[i].text);
  g->met_words = mem_alloc(sizeof(uint32_t) * (st->nrules + 1));
  g->unmet_words = mem_alloc(sizeof(uint32_t) * (st->nrules + 1));
  for (size_t i = 0; i < st->nrules; i++) {
    g->met_words[i] = (uint32_t)words_of(st, st->rules[i].met);
    g->unmet_words[i] = (uint32_t)words_of(st, st->rules[i].unmet);
  }
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
    mem_buf asks = {0};
    for (uint32_t k = 0; k < n->nops; k++) {
      const op *o = &st->ops[n->first_op + k];
      if (o->kind == OP_TEXT) {
        if (!v->paragraphs++) v->text = source_of(st, o->text, g->arena);
        v->words += g->op_words[n->first_op + k];
      } else if (o->kind == OP_ASK) {
        v->questions++;
        if (o->cond >= 0) v->conditional_questions++;
        v->words += g->op_words[n->first_op + k];
        mem_buf_printf(&asks, "%sasks %s: ", asks.len ? "\n" : "", st->vars[o->var].info.name);
        if (o->ask_kind == MEND_ASK_SCALE)
          mem_buf_printf(&asks, "scale %lld..%lld", (long long)o->min, (long long)o->max);
        else
          mem_buf_adds(&asks, o->ask_kind == MEND_ASK_YESNO ? "yes/no" : "text");
        if (o->cond >= 0) mem_buf_adds(&asks, " (if)");
      } else if (o->kind == OP_CHECK) {
        v->rules += o->count;
        for (uint32_t r = 0; r < o->count; r++)
          v->words += g->met_words[o->first + r] + g->unmet_words[o->first + r];
        mem_buf_printf(&asks, "%schecks %s: %u rule%s", asks.len ? "\n" : "",
                       st->vars[o->var].info.name, o->count, o->count == 1 ? "" : "s");
        if (o->value >= 0) mem_buf_printf(&asks, ", score into %s", st->vars[o->value].info.name);
      }
    }
    v->asks = asks.len ? mem_arena_strdup(g->arena, asks.data) : "";
    mem_buf_free(&asks);
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
      for (uint32_t f = 0; f < c->nfb; f++)
        v->words += g->fb_words[c->first_fb + f];
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
  g->nhears = st->nhears;
  g->hears = mem_alloc(sizeof(mend_hear_view) * (st->nhears + 1));
  for (size_t i = 0; i < st->nhears; i++) {
    const hear *h = &st->hears[i];
    g->hears[i] = (mend_hear_view){st->xrefs[h->cond].src,
                                   h->to >= 0 ? (size_t)h->to : MEND_NOWHERE,
                                   source_of(st, h->text, g->arena),
                                   st->files[h->at.file],
                                   h->at.line,
                                   source_of(st, h->again, g->arena)};
  }
  bool *seen = mem_alloc(st->nnodes + 1);
  if (st->nnodes) reach(g, g->start, seen, true);
  /* a <hear>'s node: a line typed at any decision can lead there */
  for (size_t i = 0; st->nnodes && i < st->nhears; i++)
    if (st->hears[i].to >= 0 && !seen[st->hears[i].to])
      reach(g, (size_t)st->hears[i].to, seen, true);
  for (size_t i = 0; i < st->nnodes; i++)
    g->nodes[i].reachable = seen[i];
  memset(seen, 0, st->nnodes + 1);
  reach(g, 0, seen, false);
  for (size_t i = 0; i < st->nnodes; i++)
    g->nodes[i].can_end = seen[i];
  mem_free(seen);
  components(g);
  return g;
}

void mend_graph_free(mend_graph *g) {
  if (!g) return;
  mem_free(g->nodes);
  mem_free(g->edges);
  mem_free(g->hears);
  mem_free(g->scc);
  mem_free(g->op_words);
  mem_free(g->fb_words);
  mem_free(g->met_words);
  mem_free(g->unmet_words);
  mem_arena_free(g->arena);
  mem_free(g);
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
size_t mend_graph_hear_count(const mend_graph *g) {
  return g->nhears;
}
const mend_hear_view *mend_graph_hear(const mend_graph *g, size_t i) {
  return i < g->nhears ? &g->hears[i] : NULL;
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
  case OP_SUPPORT:
  case OP_CONTACT:
  case OP_TITLE:
  case OP_CHECKINS: break;
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
  for (size_t i = 0; i < st->nops; i++)
    op_use(st, &st->ops[i], reads, writes, jour);
  for (size_t i = 0; i < st->nchoices; i++) {
    const choice *c = &st->choices[i];
    xref_reads(st, c->cond, reads);
    text_reads(st, c->label, reads);
  }
  for (size_t i = 0; i < st->nfbs; i++) {
    xref_reads(st, st->fbs[i].cond, reads);
    text_reads(st, st->fbs[i].text, reads);
  }
  for (size_t i = 0; i < st->nexits; i++)
    xref_reads(st, st->exits[i].cond, reads);
  for (size_t i = 0; i < st->nhears; i++) {
    xref_reads(st, st->hears[i].cond, reads);
    text_reads(st, st->hears[i].text, reads);
    text_reads(st, st->hears[i].again, reads);
  }
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
  mem_free(reads);
  mem_free(writes);
  mem_free(jour);
}

/* ---- lint ---------------------------------------------------------------------------- */

const char *const mend_lint_codes[] = {"W-unreachable",
                                       "W-dead-end",
                                       "W-once",
                                       "W-random-conditional",
                                       "W-no-feedback",
                                       "W-duplicate-label",
                                       "W-unread",
                                       "W-unchanged",
                                       "W-unset",
                                       "W-unused-answer",
                                       "W-empty-pattern",
                                       "W-pcre",
                                       "W-never-true",
                                       "W-long-paragraph",
                                       "W-no-words",
                                       "W-unasked",
                                       "W-repeated-sentence",
                                       NULL};

static void warn(mend_diags *d, const mend_story *st, loc at, const char *code, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));
static void warn(mend_diags *d, const mend_story *st, loc at, const char *code, const char *fmt,
                 ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mend_diags_add(d, MEND_WARNING, st->files[at.file], at.line, at.col, code, msg);
}

/* An error found by lint in a story that loads (the story can still be
 * played and drawn, so that the author can see it). */
static void lint_error(mend_diags *d, const mend_story *st, loc at, const char *code,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void lint_error(mend_diags *d, const mend_story *st, loc at, const char *code,
                       const char *fmt, ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mend_diags_add(d, MEND_ERROR, st->files[at.file], at.line, at.col, code, msg);
}

/* A node whose every way on leads back to itself: the person would be held
 * there for good (reached or not, it is a mistake). */
static bool self_loop(const mend_story *st, const mend_graph *g, size_t i, mend_diags *d) {
  const mend_node_view *v = &g->nodes[i];
  if (v->ending || !v->nedges) return false;
  for (size_t k = 0; k < v->nedges; k++)
    if (g->edges[v->first_edge + k].to != i) return false;
  const node *n = &st->nodes[i];
  lint_error(d, st, n->at, "E-self-loop",
             "every way on from node '%s' leads back to '%s': %s; lead it on to another node or "
             "to an ending",
             n->id, n->id,
             n->nchoices == 0 ? "the session would go round it forever, without asking anything"
                              : "a person who gets here can never leave");
  return true;
}

/* Certain traps: nodes the start reaches (following every way on, whatever
 * its condition) from which no ending can be reached. Each loop that holds
 * a person (a component of them that no way leaves) is one error, at its
 * first node; the nodes that only lead into one follow from it and are not
 * reported. */
static void traps(const mend_story *st, const mend_graph *g, const bool *looped, mend_diags *d) {
  size_t n = g->nnodes;
  bool any = false;
  for (size_t i = 0; i < n && !any; i++)
    any = g->nodes[i].reachable && !g->nodes[i].can_end;
  if (!any) return;
  /* per component: its size, its first node, whether a way leaves it */
  size_t *size = mem_alloc(sizeof(size_t) * (n + 1)), *first = mem_alloc(sizeof(size_t) * (n + 1));
  bool *leaves = mem_alloc(n + 1);
  for (size_t j = n; j-- > 0;) {
    size_t c = g->scc[j];
    size[c]++;
    first[c] = j;
    const mend_node_view *v = &g->nodes[j];
    for (size_t k = 0; k < v->nedges; k++)
      if (g->scc[g->edges[v->first_edge + k].to] != c) leaves[c] = true;
  }
  for (size_t i = 0; i < n; i++) {
    const mend_node_view *v = &g->nodes[i];
    size_t c = g->scc[i];
    if (!v->reachable || v->can_end || first[c] != i || leaves[c] || looped[i]) continue;
    mem_buf names = {0};
    size_t shown = 0;
    for (size_t j = i; j < n && shown < size[c] && shown < 5; j++)
      if (g->scc[j] == c) mem_buf_printf(&names, "%s'%s'", shown++ ? ", " : "", st->nodes[j].id);
    if (size[c] > shown) mem_buf_printf(&names, " and %zu more", size[c] - shown);
    lint_error(d, st, st->nodes[i].at, "E-trap",
               "no ending can be reached from %s %s, which the start leads to: a person who "
               "gets here is trapped; give %s a way on to an ending",
               size[c] == 1 ? "node" : "the loop of nodes", names.data,
               size[c] == 1 ? "it" : "one of them");
    mem_buf_free(&names);
  }
  mem_free(size);
  mem_free(first);
  mem_free(leaves);
}

static const char *shorten(const char *s, char *buf, size_t n);

/* ---- conditions that can never be true -------------------------------------------------
 * Variables stay within their min..max (every assignment is clamped), so an
 * interval per int expression says which comparisons can hold. Deeper
 * expressions than EXPR_MAX_DEPTH are taken as unknown. */

typedef struct span {
  int64_t lo, hi;
} span;

static const span ANY = {INT64_MIN, INT64_MAX};

static int64_t sat_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return a > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

static span span_of(const mend_story *st, int32_t i, int depth) {
  if (i < 0 || depth > EXPR_MAX_DEPTH) return ANY;
  const expr_node *n = &st->expr.n[i];
  switch ((expr_op)n->op) {
  case X_INT: return (span){n->v, n->v};
  case X_BOOL: return (span){n->v != 0, n->v != 0};
  case X_VAR: {
    const mend_var_info *vi = &st->vars[n->v].info;
    if (vi->type == MEND_BOOL) return (span){0, 1};
    return (span){vi->has_min ? vi->min : INT64_MIN, vi->has_max ? vi->max : INT64_MAX};
  }
  case X_VISITS:
  case X_CHOSEN:
  case X_LEN: return (span){0, INT64_MAX};
  case X_NEG: {
    span a = span_of(st, n->a, depth + 1);
    if (a.lo == INT64_MIN || a.hi == INT64_MIN) return ANY;
    return (span){-a.hi, -a.lo};
  }
  case X_ADD:
  case X_SUB: {
    span a = span_of(st, n->a, depth + 1), b = span_of(st, n->b, depth + 1);
    if (n->op == X_SUB) {
      if (b.lo == INT64_MIN) return ANY;
      b = (span){b.hi == INT64_MIN ? INT64_MAX : -b.hi, -b.lo};
    }
    /* an unbounded side stays unbounded */
    return (span){a.lo == INT64_MIN || b.lo == INT64_MIN ? INT64_MIN : sat_add(a.lo, b.lo),
                  a.hi == INT64_MAX || b.hi == INT64_MAX ? INT64_MAX : sat_add(a.hi, b.hi)};
  }
  case X_MIN:
  case X_MAX: {
    span a = span_of(st, n->a, depth + 1), b = span_of(st, n->b, depth + 1);
    if (n->op == X_MIN) return (span){a.lo < b.lo ? a.lo : b.lo, a.hi < b.hi ? a.hi : b.hi};
    return (span){a.lo > b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi};
  }
  default: return ANY;
  }
}

typedef struct truth {
  bool can_true, can_false;
} truth;

static truth truth_of(const mend_story *st, int32_t i, int depth) {
  truth both = {true, true};
  if (i < 0 || depth > EXPR_MAX_DEPTH) return both;
  const expr_node *n = &st->expr.n[i];
  switch ((expr_op)n->op) {
  case X_BOOL: return (truth){n->v != 0, n->v == 0};
  case X_SIGN: /* crisis(''), abuse(''): an empty text holds no sign; nothing('') is true */
    if (st->expr.n[n->a].op == X_STR && st->expr.n[n->a].len == 0)
      return n->v == EXPR_SIGN_NOTHING ? (truth){true, false} : (truth){false, true};
    return both;
  case X_NOT: {
    truth a = truth_of(st, n->a, depth + 1);
    return (truth){a.can_false, a.can_true};
  }
  case X_AND:
  case X_OR: {
    truth a = truth_of(st, n->a, depth + 1), b = truth_of(st, n->b, depth + 1);
    if (n->op == X_AND) return (truth){a.can_true && b.can_true, a.can_false || b.can_false};
    return (truth){a.can_true || b.can_true, a.can_false && b.can_false};
  }
  case X_LT:
  case X_LE:
  case X_GT:
  case X_GE:
  case X_EQ:
  case X_NE: {
    span a = span_of(st, n->a, depth + 1), b = span_of(st, n->b, depth + 1);
    switch ((expr_op)n->op) {
    case X_LT: return (truth){a.lo < b.hi, a.hi >= b.lo};
    case X_LE: return (truth){a.lo <= b.hi, a.hi > b.lo};
    case X_GT: return (truth){a.hi > b.lo, a.lo <= b.hi};
    case X_GE: return (truth){a.hi >= b.lo, a.lo < b.hi};
    case X_EQ:
      return (truth){a.lo <= b.hi && b.lo <= a.hi, !(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo)};
    default:
      return (truth){!(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo), a.lo <= b.hi && b.lo <= a.hi};
    }
  }
  default: return both;
  }
}

/* The ranges of the int variables of expression i, as "'urge' stays
 * within 0..10" (at most two; named[0] counts them, named[1] is the last). */
static void ranges_in(const mend_story *st, int32_t i, mem_buf *b, int64_t *named, int depth) {
  if (i < 0 || depth > EXPR_MAX_DEPTH || named[0] >= 2) return;
  const expr_node *n = &st->expr.n[i];
  if (n->op == X_VAR) {
    const mend_var_info *vi = &st->vars[n->v].info;
    if (vi->type != MEND_INT || (!vi->has_min && !vi->has_max) || (named[0] && named[1] == n->v))
      return;
    mem_buf_printf(b, "%s'%s' stays ", named[0] ? " and " : "", vi->name);
    named[1] = n->v;
    if (vi->has_min && vi->has_max)
      mem_buf_printf(b, "within %lld..%lld", (long long)vi->min, (long long)vi->max);
    else if (vi->has_min)
      mem_buf_printf(b, "at %lld or more", (long long)vi->min);
    else
      mem_buf_printf(b, "at %lld or less", (long long)vi->max);
    named[0]++;
    return;
  }
  ranges_in(st, n->a, b, named, depth + 1);
  ranges_in(st, n->b, b, named, depth + 1);
}

static void never_true(const mend_story *st, int32_t cond, mend_diags *d) {
  if (cond < 0) return;
  const xref *x = &st->xrefs[cond];
  if (x->root < 0 || truth_of(st, x->root, 0).can_true) return;
  mem_buf why = {0};
  int64_t named[2] = {0, -1}; /* how many are named, and the last one */
  ranges_in(st, x->root, &why, named, 0);
  char b[80];
  warn(d, st, x->at, "W-never-true",
       "if=\"%s\" can never be true%s%s, so what it guards never happens",
       shorten(x->src, b, sizeof b), named[0] ? ": " : "", named[0] ? why.data : "");
  mem_buf_free(&why);
}

static const char *shorten(const char *s, char *buf, size_t n) {
  size_t len = strlen(s);
  if (len < n) return s;
  size_t k = n - 4;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
    k--; /* a character boundary */
  memcpy(buf, s, k);
  memcpy(buf + k, "...", 4);
  return buf;
}

/* What a pattern written for Perl, Python or JavaScript means in POSIX,
 * where glibc reads it as meant but POSIX does not have it (what glibc
 * reads otherwise, such as \d, is refused at load: E-pcre). */
static void pcre_warnings(mend_diags *d, const mend_story *st, const pattern_src *p) {
  static const struct {
    const char *what, *says;
  } escapes[] = {
      {"\\w", "is not POSIX (glibc alone reads it as a letter, digit or _): write "
              "[[:alnum:]_]"},
      {"\\W", "is not POSIX: write [^[:alnum:]_]"},
      {"\\s", "is not POSIX (glibc alone reads it as a space): write [[:space:]]"},
      {"\\S", "is not POSIX: write [^[:space:]]"},
      {"\\b", "is not POSIX (glibc alone reads it as a word boundary): a <say> phrase finds "
              "whole words"},
      {"\\B", "is not POSIX"},
  };
  char b1[80];
  const char *src = p->src;
  unsigned said = 0; /* once each: bit k for escapes[k], the last bit for a lazy repeat */
  for (const char *c = src; *c; c++) {
    if (*c == '[') { /* a bracket expression: \d there is two characters, as in POSIX */
      c++;
      if (*c == '^') c++;
      if (*c == ']') c++;
      while (*c && *c != ']')
        c++;
      if (!*c) break;
      continue;
    }
    if (*c == '\\' && c[1]) {
      for (size_t k = 0; k < sizeof escapes / sizeof *escapes; k++)
        if (c[1] == escapes[k].what[1]) {
          if (!(said & 1u << k))
            warn(d, st, p->at, "W-pcre", "pattern \"%s\": %s %s", shorten(src, b1, sizeof b1),
                 escapes[k].what, escapes[k].says);
          said |= 1u << k;
          break;
        }
      c++;
      continue;
    }
    if ((*c == '*' || *c == '+' || *c == '?' || *c == '}') && c[1] == '?' && !(said & 1u << 31)) {
      said |= 1u << 31;
      warn(d, st, p->at, "W-pcre",
           "pattern \"%s\": %c? is not a lazy repeat in POSIX: it makes what comes before "
           "optional",
           shorten(src, b1, sizeof b1), *c);
    }
  }
}

/* The exits of a node, against the ways a person could be left with none. A
 * fallback is an exit that is offered whenever the node is entered: a goto or
 * random branch without a condition, a choice without a condition that is not
 * once="true", or a once="true" one that leads out for good (to a node that
 * cannot come back here: until it is taken it is offered, and once it is
 * taken the node is never entered again). */
static void lint_exits(const mend_story *st, const mend_graph *g, size_t ni, mend_diags *d) {
  const node *n = &st->nodes[ni];
  if (n->ending) return;
  bool fallback = false, once_returning = false;
  for (uint32_t k = 0; k < n->nchoices; k++) {
    const choice *c = &st->choices[n->first_choice + k];
    if (c->cond >= 0) continue;
    if (!c->once || g->scc[c->to] != g->scc[ni])
      fallback = true;
    else
      once_returning = true;
  }
  for (uint32_t k = 0; k < n->ngotos; k++)
    if (st->exits[n->first_goto + k].cond < 0) fallback = true;
  for (uint32_t k = 0; k < n->nrandom; k++)
    if (st->exits[n->first_random + k].cond < 0) fallback = true;
  if (fallback) return;
  if (n->nrandom)
    warn(d, st, st->exits[n->first_random].at, "W-random-conditional",
         "every branch of the <random> in node '%s' has a condition, and no choice or goto "
         "without one comes before it: when none holds, the person is stuck (give one branch "
         "no condition)",
         n->id);
  else if (once_returning)
    warn(d, st, n->at, "W-once",
         "node '%s' can run out of choices: its once=\"true\" choices lead back to it, and when "
         "they are all taken nothing else is sure to be offered (add a choice or a <goto> "
         "without a condition)",
         n->id);
  else
    warn(d, st, n->at, "W-dead-end",
         "every way out of node '%s' has a condition: when none holds, the person is stuck "
         "(add a choice or a <goto> without a condition)",
         n->id);
}

/* Choices of one node, sorted to find equal labels in n log n. */
typedef struct label_key {
  const char *label, *cond; /* cond: the `if` as written, NULL when none */
  const choice *c;
  uint32_t k;
} label_key;

static int cmp_label_key(const void *pa, const void *pb) {
  const label_key *a = pa, *b = pb;
  int r = strcmp(a->label, b->label);
  if (r) return r;
  if (!a->cond != !b->cond) return a->cond ? 1 : -1; /* unconditional first */
  if (a->cond && (r = strcmp(a->cond, b->cond))) return r;
  return a->k < b->k ? -1 : a->k > b->k;
}

/* Two choices of a node with the same label that can be offered together:
 * both unconditional, one unconditional, or both under the same condition.
 * (Equal labels under different conditions are often exclusive, as in
 * "Go on" to two places, and are left alone.) */
static void lint_labels(const mend_story *st, const node *n, const char *const *labels,
                        label_key *keys, mend_diags *d) {
  char b1[80];
  if (n->nchoices < 2) return;
  for (uint32_t k = 0; k < n->nchoices; k++) {
    const choice *c = &st->choices[n->first_choice + k];
    keys[k].label = labels[k];
    keys[k].cond = c->cond >= 0 ? st->xrefs[c->cond].src : NULL;
    keys[k].c = c;
    keys[k].k = k;
  }
  qsort(keys, n->nchoices, sizeof *keys, cmp_label_key);
  for (uint32_t a = 0; a < n->nchoices;) {
    uint32_t b = a + 1;
    while (b < n->nchoices && !strcmp(keys[b].label, keys[a].label))
      b++;
    for (uint32_t i = a + 1; i < b; i++) {
      const label_key *other = NULL;
      if (!keys[a].cond)
        other = &keys[a];
      else if (!strcmp(keys[i - 1].cond, keys[i].cond))
        other = &keys[i - 1];
      if (other)
        warn(d, st, keys[i].c->at, "W-duplicate-label",
             "two choices of node '%s' read \"%s\" (the other is at line %d): the person cannot "
             "tell them apart",
             n->id, shorten(keys[i].label, b1, sizeof b1), other->c->at.line);
    }
    a = b;
  }
}

static void long_paragraph(const mend_story *st, size_t w, loc at, const char *what,
                           mend_diags *d) {
  if (w > LONG_PARAGRAPH)
    warn(d, st, at, "W-long-paragraph",
         "%s of %zu words (over %d): split it into shorter ones for a reader in distress", what, w,
         LONG_PARAGRAPH);
}

/* ---- repeated sentences ------------------------------------------------------------ */

/* A person reads a node's paragraphs, answers, picks a choice, reads its
 * feedback, then the next node's paragraphs: a sentence they were just shown,
 * shown again right after, reads as a mistake (or as not being listened to).
 * Lint compares what is shown next along each edge, whatever its condition:
 *
 *   - the texts of one node, with one another;
 *   - a choice's feedbacks, with one another and with its node's last texts
 *     (from its last question on) and the first texts of the node it leads to
 *     (up to its first question);
 *   - a node's last texts with the first texts of each node it leads to (by a
 *     choice, a goto or a random branch; a node that shows nothing is looked
 *     through, to the nodes it goes on to).
 *
 * A "sentence" is a run of at least REPEAT_WORDS words between sentence
 * marks (. ! ? : ; quotes, ellipsis), compared without case, punctuation or
 * apostrophes. Two texts under different conditions are taken to be
 * exclusive, as for W-duplicate-label (a rule's met and unmet feedback too).
 * Each text's sentences are hashed once, and each node's are sorted by hash,
 * so the pass is linear in the story's text plus n log n in each node. */

#define REPEAT_WORDS 6

typedef struct seg_entry {
  uint64_t hash;
  uint64_t key;  /* 0: shown whenever its node runs; else which condition */
  uint32_t unit; /* see rep_unit_* below */
  uint32_t pos;  /* content: the op's position in its node; feedback: 0 */
} seg_entry;

typedef struct repeat {
  const mend_story *st;
  mend_diags *d;
  size_t nunits;
  uint32_t *first; /* per unit: its sentences are hashes[first[u] .. first[u + 1]) */
  uint64_t *hashes;
  uint64_t *key;                  /* per unit */
  seg_entry *content;             /* per node, its content's sentences sorted by hash */
  size_t *content_first;          /* per node: content[content_first[n] .. [n + 1]) */
  uint32_t *first_ask, *last_ask; /* per node: positions of its questions (UINT32_MAX) */
  uint64_t *seen;                 /* pairs already reported (open addressing) */
  size_t nseen, seen_cap;
} repeat;

/* Units: the ops, then the feedbacks, then each rule's met and unmet. */
static size_t unit_of_fb(const mend_story *st, size_t f) {
  return st->nops + f;
}
static size_t unit_of_rule(const mend_story *st, size_t r, bool met) {
  return st->nops + st->nfbs + 2 * r + (met ? 0 : 1);
}

static tpl unit_text(const mend_story *st, size_t u, loc *at) {
  if (u < st->nops) {
    *at = st->ops[u].at;
    return st->ops[u].text;
  }
  u -= st->nops;
  if (u < st->nfbs) {
    *at = st->fbs[u].at;
    return st->fbs[u].text;
  }
  u -= st->nfbs;
  *at = st->rules[u / 2].at;
  return u % 2 ? st->rules[u / 2].unmet : st->rules[u / 2].met;
}

/* Walks the sentences of a text, calling `emit` for each of REPEAT_WORDS
 * words or more with its hash and, when `raw` is set, its words as written. */
typedef struct seg_walk {
  mem_buf *raw;
  void (*emit)(void *ud, uint64_t hash, const char *raw, size_t rawlen);
  void *ud;
} seg_walk;

/* The bytes of a sentence's words (folded to lower case, one space between
 * words) go 8 at a time into the hash, multiplied and folded as mem_hash does;
 * no byte is 0, so a short last group cannot be mistaken for a longer one.
 * The state lives in locals: this loop reads every text of the story. */
#define SEG_K 0x9E3779B97F4A7C15ull
#define SEG_MIX(h, a) ((((h) << 5) | ((h) >> 59)) ^ (a)) * SEG_K
#define SEG_PUSH(c)                                                                                \
  do {                                                                                             \
    acc = acc << 8 | (unsigned char)(c);                                                           \
    if (++nacc == 8) h = SEG_MIX(h, acc), acc = 0, nacc = 0;                                       \
  } while (0)
#define SEG_WORD()                                                                                 \
  do {                                                                                             \
    if (!in_word) {                                                                                \
      if (words) SEG_PUSH(' ');                                                                    \
      words++;                                                                                     \
      in_word = true;                                                                              \
    }                                                                                              \
  } while (0)
#define SEG_END()                                                                                  \
  do {                                                                                             \
    if (words >= REPEAT_WORDS) {                                                                   \
      uint64_t fin = SEG_MIX(h, acc);                                                              \
      w->emit(w->ud, fin ^ (fin >> 29), w->raw ? w->raw->data : NULL, w->raw ? w->raw->len : 0);   \
    }                                                                                              \
    h = MEM_HASH_INIT, acc = 0, nacc = 0, words = 0, in_word = false;                              \
    if (w->raw) w->raw->len = 0;                                                                   \
  } while (0)

/* ASCII letters folded to lower case, and digits; 0 for any other byte */
static unsigned char seg_fold[256];

static void seg_fold_init(void) {
  if (seg_fold['a']) return;
  for (int c = '0'; c <= '9'; c++)
    seg_fold[c] = (unsigned char)c;
  for (int c = 'a'; c <= 'z'; c++)
    seg_fold[c] = seg_fold[c - 32] = (unsigned char)c;
}

static void seg_text(const mend_story *st, tpl t, const seg_walk *w) {
  uint64_t h = MEM_HASH_INIT, acc = 0;
  unsigned nacc = 0;
  size_t words = 0;
  bool in_word = false;
  if (w->raw) w->raw->len = 0;
  for (uint32_t i = 0; i < t.count; i++) {
    const text_piece *p = &st->pieces[t.first + i];
    if (!p->s) { /* a {name} is a word of its own */
      in_word = false;
      SEG_WORD();
      SEG_PUSH('{');
      uint32_t v = p->var;
      do { /* its index, in decimal: no 0 byte */
        SEG_PUSH('0' + v % 10);
        v /= 10;
      } while (v);
      SEG_PUSH('}');
      in_word = false;
      if (w->raw) {
        const char *name = st->vars[p->var].info.name;
        mem_buf_add(w->raw, "{", 1);
        mem_buf_add(w->raw, name, strlen(name));
        mem_buf_add(w->raw, "}", 1);
      }
      continue;
    }
    const unsigned char *s = (const unsigned char *)p->s;
    const size_t n = p->n;
    for (size_t k = 0; k < n;) {
      unsigned cp = s[k];
      unsigned char f = seg_fold[cp];
      if (f) { /* the common case: a run of ASCII letters and digits */
        size_t from = k;
        SEG_WORD();
        do {
          SEG_PUSH(f);
          k++;
        } while (k < n && (f = seg_fold[s[k]]) != 0);
        if (w->raw) mem_buf_add(w->raw, p->s + from, k - from);
        continue;
      }
      if (cp == ' ') {
        in_word = false;
        if (w->raw && w->raw->len) mem_buf_add(w->raw, " ", 1);
        k++;
        continue;
      }
      size_t len = cp < 0x80 ? 1 : utf8_seq(s + k, p->n - k, &cp);
      if (!len) len = 1, cp = 0xFFFD;
      bool mark = cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == '"' ||
                  cp == 0x201C || cp == 0x201D || cp == 0x2026;
      if (mark) {
        SEG_END();
      } else {
        if (w->raw && (w->raw->len || cp != ' ')) mem_buf_add(w->raw, p->s + k, len);
        if (cp == '\'' || cp == 0x2019) {
          /* an apostrophe joins: "don't" and "dont" are one word */
        } else if (cp < 0x80) {
          in_word = false; /* (letters and digits were taken above) */
        } else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F)) {
          in_word = false; /* spaces, dashes, quotes: between words */
        } else {
          SEG_WORD();
          for (size_t b = 0; b < len; b++)
            SEG_PUSH(s[k + b]);
        }
      }
      k += len;
    }
  }
  SEG_END();
}

typedef struct seg_count {
  uint64_t *hashes;
  size_t n, cap;
} seg_count;

static void seg_collect(void *ud, uint64_t hash, const char *raw, size_t rawlen) {
  (void)raw, (void)rawlen;
  seg_count *c = ud;
  *VEC_PUSH(c->hashes, c->n, c->cap) = hash;
}

static uint64_t cond_key(const mend_story *st, int32_t cond) {
  if (cond < 0) return 0;
  const char *src = st->xrefs[cond].src;
  uint64_t h = mem_hash(MEM_HASH_INIT, src, strlen(src));
  return h ? h : 1;
}

static int cmp_seg(const void *pa, const void *pb) {
  const seg_entry *a = pa, *b = pb;
  if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
  if (a->pos != b->pos) return a->pos < b->pos ? -1 : 1;
  return a->unit < b->unit ? -1 : a->unit > b->unit;
}

static void repeat_init(repeat *r, const mend_story *st, const mend_graph *g, mend_diags *d) {
  memset(r, 0, sizeof *r);
  seg_fold_init();
  r->st = st;
  r->d = d;
  r->nunits = st->nops + st->nfbs + 2 * st->nrules;
  r->first = mem_alloc(sizeof(uint32_t) * (r->nunits + 1));
  r->key = mem_alloc(sizeof(uint64_t) * (r->nunits + 1));
  seg_count c = {0};
  seg_walk w = {.emit = seg_collect, .ud = &c};
  for (size_t u = 0; u < r->nunits; u++) {
    r->first[u] = (uint32_t)c.n;
    /* a text of fewer words than a sentence needs holds none (the graph
     * counted the words of each text already, eight bytes at a time) */
    bool shown;
    if (u < st->nops) {
      const op *o = &st->ops[u];
      shown = (o->kind == OP_TEXT || o->kind == OP_ASK) && g->op_words[u] >= REPEAT_WORDS;
      r->key[u] = cond_key(st, o->cond);
    } else if (u < st->nops + st->nfbs) {
      shown = g->fb_words[u - st->nops] >= REPEAT_WORDS;
      r->key[u] = cond_key(st, st->fbs[u - st->nops].cond);
    } else {
      size_t ri = (u - st->nops - st->nfbs) / 2;
      shown =
          ((u - st->nops - st->nfbs) % 2 ? g->unmet_words[ri] : g->met_words[ri]) >= REPEAT_WORDS;
      r->key[u] = ((uint64_t)1 << 63) | (uint64_t)(u - st->nops - st->nfbs);
    }
    loc at;
    tpl t = unit_text(st, u, &at);
    if (shown) seg_text(st, t, &w);
  }
  r->first[r->nunits] = (uint32_t)c.n;
  r->hashes = c.hashes;
  /* each node's content, sorted */
  r->content_first = mem_alloc(sizeof(size_t) * (st->nnodes + 1));
  r->first_ask = mem_alloc(sizeof(uint32_t) * (st->nnodes + 1));
  r->last_ask = mem_alloc(sizeof(uint32_t) * (st->nnodes + 1));
  size_t total = 0, cap = 0;
  for (size_t n = 0; n < st->nnodes; n++) {
    const node *nd = &st->nodes[n];
    r->content_first[n] = total;
    r->first_ask[n] = r->last_ask[n] = UINT32_MAX;
    for (uint32_t k = 0; k < nd->nops; k++) {
      size_t oi = nd->first_op + k;
      const op *o = &st->ops[oi];
      if (o->kind == OP_ASK) {
        if (r->first_ask[n] == UINT32_MAX) r->first_ask[n] = k;
        r->last_ask[n] = k;
      }
      size_t from = oi, to = oi + 1;
      if (o->kind == OP_CHECK) {
        from = unit_of_rule(st, o->first, true);
        to = unit_of_rule(st, o->first + o->count, true);
      }
      for (size_t u = from; u < to; u++)
        for (uint32_t h = r->first[u]; h < r->first[u + 1]; h++) {
          seg_entry *e = VEC_PUSH(r->content, total, cap);
          e->hash = r->hashes[h];
          e->key = r->key[u];
          e->unit = (uint32_t)u;
          e->pos = k;
        }
    }
    seg_entry *sorted = r->content + r->content_first[n];
    size_t m = total - r->content_first[n];
    if (m > 16) {
      qsort(sorted, m, sizeof(seg_entry), cmp_seg);
    } else { /* most nodes hold a few sentences */
      for (size_t i = 1; i < m; i++)
        for (size_t j = i; j > 0 && cmp_seg(&sorted[j - 1], &sorted[j]) > 0; j--) {
          seg_entry t = sorted[j];
          sorted[j] = sorted[j - 1];
          sorted[j - 1] = t;
        }
    }
  }
  r->content_first[st->nnodes] = total;
}

static void repeat_free(repeat *r) {
  mem_free(r->first);
  mem_free(r->hashes);
  mem_free(r->key);
  mem_free(r->content);
  mem_free(r->content_first);
  mem_free(r->first_ask);
  mem_free(r->last_ask);
  mem_free(r->seen);
}

/* Remembers a reported pair; false when it was already reported. */
static bool repeat_first_time(repeat *r, uint32_t early, uint32_t late, uint64_t hash) {
  uint64_t k = mem_hash(hash, &early, sizeof early);
  k = mem_hash(k, &late, sizeof late) | 1;
  if (2 * (r->nseen + 1) > r->seen_cap) {
    size_t cap = r->seen_cap ? 2 * r->seen_cap : 64;
    uint64_t *t = mem_alloc(sizeof(uint64_t) * cap);
    for (size_t i = 0; i < r->seen_cap; i++)
      if (r->seen[i])
        for (size_t j = r->seen[i] & (cap - 1);; j = (j + 1) & (cap - 1))
          if (!t[j]) {
            t[j] = r->seen[i];
            break;
          }
    mem_free(r->seen);
    r->seen = t;
    r->seen_cap = cap;
  }
  for (size_t j = k & (r->seen_cap - 1);; j = (j + 1) & (r->seen_cap - 1)) {
    if (r->seen[j] == k) return false;
    if (!r->seen[j]) {
      r->seen[j] = k;
      r->nseen++;
      return true;
    }
  }
}

typedef struct seg_find {
  uint64_t hash;
  mem_buf *out;
} seg_find;

static void seg_pick(void *ud, uint64_t hash, const char *raw, size_t rawlen) {
  seg_find *f = ud;
  if (hash != f->hash || f->out->len) return;
  while (rawlen && raw[rawlen - 1] == ' ')
    rawlen--;
  mem_buf_add(f->out, raw, rawlen);
}

/* Reports that unit `late` repeats a sentence of unit `early`, unless the two
 * are under different conditions or the pair was reported. */
static void repeat_report(repeat *r, const seg_entry *early, const seg_entry *late) {
  if (early->unit == late->unit) return;
  if (early->key && late->key && early->key != late->key) return;
  if (!repeat_first_time(r, early->unit, late->unit, late->hash)) return;
  const mend_story *st = r->st;
  loc ea, la;
  tpl t = unit_text(st, late->unit, &la);
  unit_text(st, early->unit, &ea);
  mem_buf raw = {0}, sentence = {0};
  seg_find f = {late->hash, &sentence};
  seg_walk w = {.raw = &raw, .emit = seg_pick, .ud = &f};
  seg_text(st, t, &w);
  mem_buf_add(&sentence, "", 1);
  char b1[80], where[300];
  if (ea.file == la.file)
    snprintf(where, sizeof where, "line %d", ea.line);
  else
    snprintf(where, sizeof where, "%s:%d", st->files[ea.file], ea.line);
  warn(r->d, st, la, "W-repeated-sentence",
       "\"%s\" repeats what the person was just shown (%s): say it once, or say it differently",
       shorten(sentence.data, b1, sizeof b1), where);
  mem_buf_free(&raw);
  mem_buf_free(&sentence);
}

/* Entries of node n's content within positions [lo, hi]. */
static void repeat_within(repeat *r, size_t n) {
  const seg_entry *c = r->content + r->content_first[n];
  size_t m = r->content_first[n + 1] - r->content_first[n];
  for (size_t i = 0; i < m;) {
    size_t j = i + 1;
    while (j < m && c[j].hash == c[i].hash)
      j++;
    for (size_t a = i; a < j; a++)
      for (size_t b = a + 1; b < j; b++)
        repeat_report(r, &c[a], &c[b]); /* sorted by position: a comes first */
    i = j;
  }
}

static bool in_tail(const repeat *r, size_t n, const seg_entry *e) {
  return r->last_ask[n] == UINT32_MAX || e->pos >= r->last_ask[n];
}
static bool in_head(const repeat *r, size_t n, const seg_entry *e) {
  return r->first_ask[n] == UINT32_MAX || e->pos <= r->first_ask[n];
}

/* The last texts of node a against the first texts of node b. */
static void repeat_across(repeat *r, size_t a, size_t b) {
  const seg_entry *x = r->content + r->content_first[a], *y = r->content + r->content_first[b];
  size_t nx = r->content_first[a + 1] - r->content_first[a];
  size_t ny = r->content_first[b + 1] - r->content_first[b];
  for (size_t i = 0, j = 0; i < nx && j < ny;) {
    if (x[i].hash < y[j].hash)
      i++;
    else if (x[i].hash > y[j].hash)
      j++;
    else {
      size_t i2 = i, j2 = j;
      while (i2 < nx && x[i2].hash == x[i].hash)
        i2++;
      while (j2 < ny && y[j2].hash == y[j].hash)
        j2++;
      for (size_t p = i; p < i2; p++)
        for (size_t q = j; q < j2; q++)
          if (in_tail(r, a, &x[p]) && in_head(r, b, &y[q])) repeat_report(r, &x[p], &y[q]);
      i = i2, j = j2;
    }
  }
}

/* A feedback's sentence against node n's first texts (head) or last (tail). */
static void repeat_feedback(repeat *r, const seg_entry *f, size_t n, bool head) {
  const seg_entry *c = r->content + r->content_first[n];
  size_t lo = 0, hi = r->content_first[n + 1] - r->content_first[n];
  while (lo < hi) { /* the first entry with this hash */
    size_t mid = lo + (hi - lo) / 2;
    if (c[mid].hash < f->hash)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t k = lo; k < r->content_first[n + 1] - r->content_first[n] && c[k].hash == f->hash;
       k++) {
    if (head && in_head(r, n, &c[k]))
      repeat_report(r, f, &c[k]);
    else if (!head && in_tail(r, n, &c[k]))
      repeat_report(r, &c[k], f);
  }
}

/* Where a move into node b really lands: b itself, or, when b shows nothing
 * and only moves on, the nodes it moves on to (a few steps deep). */
#define REPEAT_LOOK_THROUGH 16
static size_t landing(const repeat *r, size_t b, size_t *out, size_t cap, int depth) {
  const mend_story *st = r->st;
  const node *nd = &st->nodes[b];
  bool empty = r->content_first[b + 1] == r->content_first[b] && !nd->ending && nd->nchoices == 0;
  if (!empty || depth >= 3) {
    if (cap) out[0] = b;
    return cap ? 1 : 0;
  }
  size_t n = 0;
  for (uint32_t k = 0; k < nd->ngotos + nd->nrandom && n < cap; k++) {
    const exit_ *x =
        &st->exits[(k < nd->ngotos ? nd->first_goto + k : nd->first_random + (k - nd->ngotos))];
    if ((size_t)x->to == b) continue;
    n += landing(r, (size_t)x->to, out + n, cap - n, depth + 1);
  }
  return n;
}

static void lint_repeats(const mend_story *st, const mend_graph *g, mend_diags *d) {
  repeat r;
  repeat_init(&r, st, g, d);
  size_t land[REPEAT_LOOK_THROUGH];
  seg_entry *fbe = NULL;
  size_t nfbe = 0, fbcap = 0;
  for (size_t a = 0; a < st->nnodes; a++) {
    const node *nd = &st->nodes[a];
    repeat_within(&r, a);
    /* the last texts, along every way out */
    for (uint32_t k = 0; k < nd->nchoices + nd->ngotos + nd->nrandom; k++) {
      int32_t to;
      if (k < nd->nchoices)
        to = st->choices[nd->first_choice + k].to;
      else if (k < nd->nchoices + nd->ngotos)
        to = st->exits[nd->first_goto + (k - nd->nchoices)].to;
      else
        to = st->exits[nd->first_random + (k - nd->nchoices - nd->ngotos)].to;
      if (to < 0) continue;
      size_t nl = landing(&r, (size_t)to, land, REPEAT_LOOK_THROUGH, 0);
      for (size_t l = 0; l < nl; l++)
        if (land[l] != a) repeat_across(&r, a, land[l]);
    }
    /* each choice's feedbacks */
    for (uint32_t k = 0; k < nd->nchoices; k++) {
      const choice *c = &st->choices[nd->first_choice + k];
      nfbe = 0;
      for (uint32_t f = 0; f < c->nfb; f++) {
        size_t u = unit_of_fb(st, c->first_fb + f);
        for (uint32_t h = r.first[u]; h < r.first[u + 1]; h++) {
          seg_entry *e = VEC_PUSH(fbe, nfbe, fbcap);
          e->hash = r.hashes[h];
          e->key = r.key[u];
          e->unit = (uint32_t)u;
          e->pos = f;
        }
      }
      if (!nfbe) continue;
      for (size_t i = 0; i < nfbe; i++)
        for (size_t j = i + 1; j < nfbe; j++)
          if (fbe[i].hash == fbe[j].hash) repeat_report(&r, &fbe[i], &fbe[j]);
      size_t nl = c->to >= 0 ? landing(&r, (size_t)c->to, land, REPEAT_LOOK_THROUGH, 0) : 0;
      for (size_t i = 0; i < nfbe; i++) {
        repeat_feedback(&r, &fbe[i], a, false);
        for (size_t l = 0; l < nl; l++)
          if (land[l] != a) repeat_feedback(&r, &fbe[i], land[l], true);
      }
    }
  }
  mem_free(fbe);
  repeat_free(&r);
}

void mend_story_lint(const mend_story *st, mend_diags *d) {
  mend_graph *g = mend_graph_new(st);
  char b1[80];
  size_t maxc = 1;
  for (size_t i = 0; i < st->nnodes; i++)
    if (st->nodes[i].nchoices > maxc) maxc = st->nodes[i].nchoices;
  const char **labels = mem_alloc(sizeof(char *) * maxc);
  label_key *keys = mem_alloc(sizeof(label_key) * maxc);
  bool *looped = mem_alloc(st->nnodes + 1);
  for (size_t i = 0; i < st->nnodes; i++) {
    const node *n = &st->nodes[i];
    const mend_node_view *v = &g->nodes[i];
    looped[i] = self_loop(st, g, i, d);
    if (!v->reachable)
      warn(d, st, n->at, "W-unreachable", "%s '%s' cannot be reached from the start ('%s')",
           n->ending ? "ending" : "node", n->id, st->nodes[st->start].id);
    if (!looped[i]) lint_exits(st, g, i, d);
    for (uint32_t k = 0; k < n->nchoices; k++) {
      const choice *c = &st->choices[n->first_choice + k];
      labels[k] = source_of(st, c->label, g->arena);
      if (c->nfb == 0)
        warn(d, st, c->at, "W-no-feedback",
             "the choice \"%s\" has no <feedback>: say something about what the person chose",
             shorten(labels[k], b1, sizeof b1));
    }
    lint_labels(st, n, labels, keys, d);
  }
  mem_free(labels);
  mem_free(keys);
  traps(st, g, looped, d);
  mem_free(looped);
  /* paragraphs, wherever they are shown */
  for (size_t i = 0; i < st->nops; i++)
    if (st->ops[i].kind == OP_TEXT)
      long_paragraph(st, g->op_words[i], st->ops[i].at, "a paragraph", d);
  for (size_t i = 0; i < st->nfbs; i++)
    long_paragraph(st, g->fb_words[i], st->fbs[i].at, "a feedback", d);
  for (size_t i = 0; i < st->nrules; i++) {
    long_paragraph(st, g->met_words[i], st->rules[i].at, "the <met> feedback", d);
    long_paragraph(st, g->unmet_words[i], st->rules[i].at, "the <unmet> feedback", d);
  }
  /* conditions that the variables' ranges never let hold */
  for (size_t i = 0; i < st->nops; i++)
    never_true(st, st->ops[i].cond, d);
  for (size_t i = 0; i < st->nchoices; i++)
    never_true(st, st->choices[i].cond, d);
  for (size_t i = 0; i < st->nexits; i++)
    never_true(st, st->exits[i].cond, d);
  for (size_t i = 0; i < st->nfbs; i++)
    never_true(st, st->fbs[i].cond, d);
  /* patterns written as in Perl, Python or JavaScript: POSIX does not know them */
  for (size_t i = 0; i < st->npatterns; i++)
    pcre_warnings(d, st, &st->patterns[i]);
  /* rules that match an empty answer */
  for (size_t i = 0; i < st->nrules; i++) {
    const rule *r = &st->rules[i];
    if (r->has_re && model_regex_match(&r->re, ""))
      warn(d, st, r->at, "W-empty-pattern",
           "the pattern of rule \"%s\" matches even an empty answer, so the rule is %s",
           shorten(r->label, b1, sizeof b1), r->absent ? "never met" : "always met");
  }
  /* variables */
  size_t nv = st->nvars;
  size_t *reads = mem_alloc(sizeof(size_t) * (nv + 1)),
         *writes = mem_alloc(sizeof(size_t) * (nv + 1));
  bool *jour = mem_alloc(nv + 1), *lost = mem_alloc(nv + 1), *asked = mem_alloc(nv + 1);
  all_use(st, reads, writes, jour);
  for (size_t i = 0; i < st->nops; i++)
    if (st->ops[i].kind == OP_ASK) asked[st->ops[i].var] = true;
  /* text questions whose answer goes nowhere (W-unread then says nothing
   * more about their variable) */
  for (size_t i = 0; i < st->nops; i++) {
    const op *o = &st->ops[i];
    if (o->kind == OP_ASK && o->ask_kind == MEND_ASK_TEXT && !o->journal && !reads[o->var]) {
      lost[o->var] = true;
      warn(d, st, o->at, "W-unused-answer",
           "the answer to this question goes nowhere: '%s' is never read and journal is off",
           st->vars[o->var].info.name);
    }
  }
  for (size_t i = 0; i < nv; i++) {
    const mend_var_info *vi = &st->vars[i].info;
    if (vi->label) {
      if (!writes[i])
        warn(d, st, st->vars[i].at, "W-unchanged",
             "the measure '%s' (\"%s\") never changes: no <set>, question or score writes it",
             vi->name, shorten(vi->label, b1, sizeof b1));
      else if (vi->measure == MEND_MEASURE_CHECKIN && !asked[i])
        warn(d, st, st->vars[i].at, "W-unasked",
             "the measure '%s' (\"%s\") is a check-in, but no question asks it: the person "
             "never says it (add an <ask>, or write measure=\"story\" if the story works it out)",
             vi->name, shorten(vi->label, b1, sizeof b1));
    } else if (!reads[i] && !jour[i]) {
      if (!lost[i])
        warn(d, st, st->vars[i].at, "W-unread",
             writes[i] ? "the variable '%s' is set but never read"
                       : "the variable '%s' is never used",
             vi->name);
    } else if (reads[i] && !writes[i]) {
      warn(d, st, st->vars[i].at, "W-unset",
           "the variable '%s' is read but never set: it always holds its initial value", vi->name);
    }
  }
  mem_free(reads);
  mem_free(writes);
  mem_free(jour);
  mem_free(lost);
  mem_free(asked);
  lint_repeats(st, g, d);
  mend_graph_free(g);
}
