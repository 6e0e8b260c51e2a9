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
  free(index);
  free(low);
  free(pos);
  free(stack);
  free(call);
  free(at);
  free(on);
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
    for (uint32_t k = 0; k < n->nops; k++) {
      const op *o = &st->ops[n->first_op + k];
      if (o->kind == OP_TEXT) {
        if (!v->paragraphs++) v->text = source_of(st, o->text, g->arena);
        v->words += g->op_words[n->first_op + k];
      } else if (o->kind == OP_ASK) {
        v->questions++;
        if (o->cond >= 0) v->conditional_questions++;
        v->words += g->op_words[n->first_op + k];
      } else if (o->kind == OP_CHECK) {
        v->rules += o->count;
        for (uint32_t r = 0; r < o->count; r++)
          v->words += g->met_words[o->first + r] + g->unmet_words[o->first + r];
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
  bool *seen = mem_alloc(st->nnodes + 1);
  if (st->nnodes) reach(g, g->start, seen, true);
  for (size_t i = 0; i < st->nnodes; i++)
    g->nodes[i].reachable = seen[i];
  memset(seen, 0, st->nnodes + 1);
  reach(g, 0, seen, false);
  for (size_t i = 0; i < st->nnodes; i++)
    g->nodes[i].can_end = seen[i];
  free(seen);
  components(g);
  return g;
}

void mend_graph_free(mend_graph *g) {
  if (!g) return;
  free(g->nodes);
  free(g->edges);
  free(g->scc);
  free(g->op_words);
  free(g->fb_words);
  free(g->met_words);
  free(g->unmet_words);
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
  case OP_SUPPORT: break;
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

const char *const mend_lint_codes[] = {"W-unreachable",
                                       "W-trap",
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
                                       "W-long-paragraph",
                                       "W-unasked",
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
  mend_diags_add(d, MEND_WARNING, st->files[at.file], at.line, 0, code, msg);
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

void mend_story_lint(const mend_story *st, mend_diags *d) {
  mend_graph *g = mend_graph_new(st);
  char b1[80];
  size_t maxc = 1;
  for (size_t i = 0; i < st->nnodes; i++)
    if (st->nodes[i].nchoices > maxc) maxc = st->nodes[i].nchoices;
  const char **labels = mem_alloc(sizeof(char *) * maxc);
  label_key *keys = mem_alloc(sizeof(label_key) * maxc);
  for (size_t i = 0; i < st->nnodes; i++) {
    const node *n = &st->nodes[i];
    const mend_node_view *v = &g->nodes[i];
    if (!v->reachable)
      warn(d, st, n->at, "W-unreachable", "%s '%s' cannot be reached from the start ('%s')",
           n->ending ? "ending" : "node", n->id, st->nodes[st->start].id);
    else if (!v->can_end)
      warn(d, st, n->at, "W-trap",
           "no ending can be reached from node '%s': a person who gets here is trapped", n->id);
    lint_exits(st, g, i, d);
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
  free(labels);
  free(keys);
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
  /* rules that match an empty answer */
  for (size_t i = 0; i < st->nrules; i++) {
    const rule *r = &st->rules[i];
    if (model_regex_match(&r->re, ""))
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
  free(reads);
  free(writes);
  free(jour);
  free(lost);
  free(asked);
  mend_graph_free(g);
}
