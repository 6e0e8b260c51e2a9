/* SPDX-License-Identifier: MIT */
/*
 * cmd_graph.c - `mend graph [--format dot|mermaid] FILE`: the story's graph,
 * from the engine's view of it (mend/analyse.h), as Graphviz DOT or as a
 * mermaid flowchart on stdout. Nodes show their id and first words, endings
 * their title and are coloured by tone, edges their choice's label;
 * conditional edges are dashed with their condition, random ones carry their
 * weight, and nodes the start cannot reach are marked.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "support.h"
#include "emit.h"
#include "mend/analyse.h"
#include "mend/mend.h"
#include "xalloc.h"

static const char graph_usage[] =
    "usage: mend graph [--format dot|mermaid] FILE\n"
    "\n"
    "Prints the story's graph on stdout: Graphviz DOT by default, which renders\n"
    "with  mend graph story.xml | dot -Tsvg > story.svg  ; or a mermaid flowchart,\n"
    "which code hosting pages render inside a ```mermaid block.\n"
    "\n"
    "Nodes show their id, first words, and the questions they ask and the answers\n"
    "they check (\"asks urge: scale 0..10\", \"checks draft: 3 rules\"); endings are\n"
    "doubly outlined and coloured\n"
    "by tone (green positive, grey neutral, amber caution, red negative). Edges show\n"
    "the choice's words; a dashed edge has a condition (shown after \"if\"), a\n"
    "random branch shows its weight. Nodes the start cannot reach are dotted and\n"
    "marked (unreachable); nodes from which no ending can be reached are red.\n"
    "\n"
    "Exit status: 0 ok, 1 the story has errors (printed as by mend lint), 2 usage.\n";

#define NODE_WORDS 40  /* characters of a node's first paragraph */
#define EDGE_WORDS 32  /* characters of a choice's label */
#define COND_WORDS 40  /* characters of a condition */
#define TITLE_WORDS 40 /* characters of an ending's title */
#define ASK_WORDS 44   /* characters of a line on a question or a check */
/* Lines are wrapped at these widths, so that a graph of a few dozen nodes
 * stays about as wide as a screen (dot sizes boxes by their longest line). */
#define NODE_WIDTH 22
#define EDGE_WIDTH 18

typedef struct tone_style {
  const char *fill, *line;
} tone_style;

/* by mend_tone: neutral, positive, caution, negative */
static const tone_style tones[MEND_TONE_COUNT] = {
    {"#e0e0e0", "#616161"}, {"#c8e6c9", "#2e7d32"}, {"#ffe0b2", "#ef6c00"}, {"#ffcdd2", "#c62828"}};

/* s shortened to `max` characters, then wrapped at spaces into lines of
 * about `width` characters. Returns a malloc'd string. */
static char *wrapped(const char *s, size_t max, size_t width) {
  char *r = emit_shorten(s, max);
  size_t line = 0, last_space = SIZE_MAX;
  for (size_t i = 0; r[i]; i++) {
    if (((unsigned char)r[i] & 0xC0) == 0x80) continue; /* one character, counted once */
    if (r[i] == ' ') last_space = i;
    if (++line > width && last_space != SIZE_MAX) {
      r[last_space] = '\n';
      line = i - last_space;
      last_space = SIZE_MAX;
    }
  }
  return r;
}

/* The lines of a node's label: id, then its first words or an ending's title
 * and tone, what it asks and checks, then the marks. Returns a malloc'd
 * string with '\n' between lines. */
static char *node_label(const mend_node_view *v, bool start) {
  char *first = wrapped(v->ending ? (v->title ? v->title : "") : v->text,
                        v->ending ? TITLE_WORDS : NODE_WORDS, NODE_WIDTH);
  /* each line of what it asks, shortened on its own; the same line again
   * and again (a question asked under several conditions) once, counted */
  size_t an = strlen(v->asks ? v->asks : "");
  char *asks = malloc(an + an / 2 + 16);
  if (!asks) abort();
  size_t k = 0;
  const char *p = v->asks ? v->asks : "";
  while (*p) {
    size_t len = strcspn(p, "\n"), times = 1;
    const char *q = p + len;
    while (*q == '\n' && !strncmp(q + 1, p, len) && (q[1 + len] == '\n' || !q[1 + len])) {
      times++;
      q += 1 + len;
    }
    char *one = malloc(len + 1);
    if (!one) abort();
    memcpy(one, p, len);
    one[len] = 0;
    char *sh = emit_shorten(one, ASK_WORDS);
    k += (size_t)sprintf(asks + k, "\n%s", sh);
    if (times > 1) k += (size_t)sprintf(asks + k, " (%zu times)", times);
    free(sh);
    free(one);
    p = *q ? q + 1 : q;
  }
  asks[k] = 0;
  size_t n = strlen(v->id) + strlen(first) + k + 80;
  char *r = malloc(n);
  if (!r) abort();
  snprintf(r, n, "%s%s%s%s%s%s%s%s%s", start ? "start: " : "", v->id, *first ? "\n" : "", first,
           asks, v->ending ? "\n(" : "", v->ending ? mend_tone_name(v->tone) : "",
           v->ending ? ")" : "",
           !v->reachable ? "\n(unreachable)" : (!v->can_end ? "\n(no way to an ending)" : ""));
  free(first);
  free(asks);
  return r;
}

/* An edge's label: the choice's words or "goto" / "random", the weight of a
 * random branch, and the condition. Returns a malloc'd string. */
static char *edge_label(const mend_edge_view *e) {
  char *words = e->kind == MEND_EDGE_CHOICE
                    ? wrapped(e->label ? e->label : "", EDGE_WORDS, EDGE_WIDTH)
                    : NULL;
  char *cond = e->cond ? emit_shorten(e->cond, COND_WORDS) : NULL;
  size_t n = (words ? strlen(words) : 0) + (cond ? strlen(cond) : 0) + 80;
  char *r = malloc(n);
  if (!r) abort();
  int k;
  if (e->kind == MEND_EDGE_CHOICE)
    k = snprintf(r, n, "%s%s", words, e->once ? " (once)" : "");
  else if (e->kind == MEND_EDGE_RANDOM)
    k = snprintf(r, n, "random, weight %" PRId64, e->weight);
  else
    k = snprintf(r, n, "%s", cond ? "goto" : "");
  if (cond) snprintf(r + k, n - (size_t)k, "%sif %s", k ? "\n" : "", cond);
  free(words);
  free(cond);
  return r;
}

/* Whether the story is wider than it is deep, laid out as dot does: each
 * node on the rank of the longest path to it from the start, once the edges
 * that go back up (the loops) are set aside; wide when one rank holds more
 * nodes than there are ranks. Such a story (a hub with many spokes) reads
 * better left to right; a long one (a week, day after day) top to bottom. */
static bool wide(const mend_graph *g) {
  size_t n = mend_graph_node_count(g), ne = mend_graph_edge_count(g);
  size_t *rank = calloc(n + 1, sizeof(size_t)), *order = malloc(sizeof(size_t) * (n + 1));
  size_t *stack = malloc(sizeof(size_t) * (n + 1)), *next = calloc(n + 1, sizeof(size_t));
  unsigned char *state = calloc(n + 1, 1); /* 0 unseen, 1 on the stack, 2 done */
  if (!rank || !order || !stack || !next || !state) abort();
  /* a depth-first pass: the finishing order, reversed, is a topological
   * order of the edges that do not go back to a node on the stack */
  size_t sp = 0, no = 0;
  stack[sp++] = mend_graph_start(g);
  state[stack[0]] = 1;
  while (sp) {
    size_t u = stack[sp - 1];
    const mend_node_view *v = mend_graph_node(g, u);
    if (next[u] < v->nedges && v->first_edge + next[u] < ne) {
      size_t to = mend_graph_edge(g, v->first_edge + next[u]++)->to;
      if (!state[to]) {
        state[to] = 1;
        stack[sp++] = to;
      }
      continue;
    }
    state[u] = 2;
    order[no++] = u;
    sp--;
  }
  size_t deepest = 0, *pos = next; /* (next is no longer needed) */
  for (size_t k = 0; k < no; k++)
    pos[order[k]] = k;
  for (size_t k = no; k-- > 0;) { /* longest paths, in topological order */
    size_t u = order[k];
    const mend_node_view *v = mend_graph_node(g, u);
    for (size_t e = 0; e < v->nedges && v->first_edge + e < ne; e++) {
      size_t to = mend_graph_edge(g, v->first_edge + e)->to;
      bool forward = pos[to] < k; /* to finished before u: it comes later in the order */
      if (forward && rank[to] < rank[u] + 1) rank[to] = rank[u] + 1;
      if (rank[to] > deepest) deepest = rank[to];
    }
  }
  size_t widest = 0, *count = calloc(deepest + 2, sizeof(size_t));
  if (!count) abort();
  for (size_t k = 0; k < no; k++)
    if (++count[rank[order[k]]] > widest) widest = count[rank[order[k]]];
  free(count);
  free(rank);
  free(order);
  free(stack);
  free(next);
  free(state);
  return widest > deepest + 1;
}

/* The box of the story's <hear>s: what a line typed at any decision does
 * where it leads nowhere (its condition, then its words). Malloc'd. */
static char *hears_label(const mend_graph *g) {
  char *out = xstrdup("a line typed at any decision");
  for (size_t i = 0; i < mend_graph_hear_count(g); i++) {
    const mend_hear_view *h = mend_graph_hear(g, i);
    if (h->to != MEND_NOWHERE) continue;
    char *next;
    if (asprintf(&next, "%s\nif %s: \u201c%.40s%s\u201d%s%.40s%s%s", out, h->cond, h->text,
                 strlen(h->text) > 40 ? "\u2026" : "", *h->again ? ", again: \u201c" : "", h->again,
                 strlen(h->again) > 40 ? "\u2026" : "", *h->again ? "\u201d" : "") < 0)
      abort();
    free(out);
    out = next;
  }
  return out;
}

static void print_dot(const mend_story *s, const mend_graph *g) {
  size_t start = mend_graph_start(g);
  fputs("digraph \"", stdout);
  emit_dot(stdout, mend_story_id(s));
  fputs("\" {\n  graph [", stdout);
  if (wide(g)) fputs("rankdir=LR, ", stdout);
  fputs("label=\"", stdout);
  emit_dot(stdout, mend_story_title(s));
  fputs("\", labelloc=t, fontsize=18];\n", stdout);
  fputs("  node [shape=box, style=rounded, fontsize=11];\n", stdout);
  fputs("  edge [fontsize=9];\n", stdout);
  /* the entry arrow: a point no story id can name (ids cannot hold '-') */
  fputs("  \"-start-\" [shape=point, width=0.15, label=\"\"];\n", stdout);
  for (size_t i = 0; i < mend_graph_node_count(g); i++) {
    const mend_node_view *v = mend_graph_node(g, i);
    char *label = node_label(v, i == start);
    fputs("  \"", stdout);
    emit_dot(stdout, v->id);
    fputs("\" [label=\"", stdout);
    emit_dot(stdout, label);
    fputc('"', stdout);
    const char *style = v->reachable ? "rounded" : "rounded,dotted";
    if (v->ending) {
      const tone_style *t = &tones[(unsigned)v->tone < MEND_TONE_COUNT ? v->tone : 0];
      printf(", style=\"%s,filled\", peripheries=2, fillcolor=\"%s\", color=\"%s\"", style, t->fill,
             t->line);
    } else if (!v->reachable) {
      printf(", style=\"%s\"", style);
    }
    if (!v->reachable)
      fputs(", fontcolor=\"#757575\"", stdout);
    else if (!v->can_end)
      fputs(", color=\"#c62828\", fontcolor=\"#c62828\"", stdout);
    if (i == start) fputs(", penwidth=2", stdout);
    fputs("];\n", stdout);
    free(label);
  }
  fputs("  \"-start-\" -> \"", stdout);
  emit_dot(stdout, mend_graph_node(g, start)->id);
  fputs("\";\n", stdout);
  for (size_t i = 0; i < mend_graph_edge_count(g); i++) {
    const mend_edge_view *e = mend_graph_edge(g, i);
    char *label = edge_label(e);
    fputs("  \"", stdout);
    emit_dot(stdout, mend_graph_node(g, e->from)->id);
    fputs("\" -> \"", stdout);
    emit_dot(stdout, mend_graph_node(g, e->to)->id);
    fputs("\" [label=\"", stdout);
    emit_dot(stdout, label);
    fputc('"', stdout);
    if (e->cond) fputs(", style=dashed", stdout);
    if (e->kind == MEND_EDGE_RANDOM) fputs(", color=\"#1565c0\", fontcolor=\"#1565c0\"", stdout);
    if (e->kind == MEND_EDGE_GOTO) fputs(", color=\"#616161\"", stdout);
    fputs("];\n", stdout);
    free(label);
  }
  /* the <hear>s: a line typed at any decision, a point no story id can name */
  if (mend_graph_hear_count(g)) {
    char *label = hears_label(g);
    fputs("  \"-hear-\" [shape=note, style=dashed, color=\"#6a1b9a\", fontcolor=\"#6a1b9a\", "
          "label=\"",
          stdout);
    emit_dot(stdout, label);
    fputs("\"];\n", stdout);
    free(label);
  }
  for (size_t i = 0; i < mend_graph_hear_count(g); i++) {
    const mend_hear_view *h = mend_graph_hear(g, i);
    if (h->to == MEND_NOWHERE) continue;
    fputs("  \"-hear-\" -> \"", stdout);
    emit_dot(stdout, mend_graph_node(g, h->to)->id);
    fputs("\" [label=\"if ", stdout);
    emit_dot(stdout, h->cond);
    fputs("\", style=dashed, color=\"#6a1b9a\", fontcolor=\"#6a1b9a\"];\n", stdout);
  }
  fputs("}\n", stdout);
}

/* Mermaid names nodes n0, n1...: story ids such as "end" or "graph" are
 * mermaid keywords, so they appear in labels only. */
static void print_mermaid(const mend_story *s, const mend_graph *g) {
  size_t start = mend_graph_start(g);
  fputs("%% ", stdout);
  emit_mermaid(stdout, mend_story_title(s));
  fputs(" (", stdout);
  emit_mermaid(stdout, mend_story_id(s));
  fputs(")\nflowchart TD\n", stdout);
  for (size_t i = 0; i < mend_graph_node_count(g); i++) {
    const mend_node_view *v = mend_graph_node(g, i);
    char *label = node_label(v, i == start);
    printf("  n%zu%s\"", i, v->ending ? "([" : "[");
    emit_mermaid(stdout, label);
    printf("\"%s\n", v->ending ? "])" : "]");
    free(label);
  }
  for (size_t i = 0; i < mend_graph_edge_count(g); i++) {
    const mend_edge_view *e = mend_graph_edge(g, i);
    char *label = edge_label(e);
    printf("  n%zu %s", e->from, e->cond ? "-.->" : (e->kind == MEND_EDGE_RANDOM ? "==>" : "-->"));
    if (*label) {
      fputs("|\"", stdout);
      emit_mermaid(stdout, label);
      fputs("\"|", stdout);
    }
    printf(" n%zu\n", e->to);
    free(label);
  }
  if (mend_graph_hear_count(g)) {
    char *label = hears_label(g);
    fputs("  hear>\"", stdout);
    emit_mermaid(stdout, label);
    fputs("\"]\n", stdout);
    free(label);
  }
  for (size_t i = 0; i < mend_graph_hear_count(g); i++) {
    const mend_hear_view *h = mend_graph_hear(g, i);
    if (h->to == MEND_NOWHERE) continue;
    fputs("  hear -.->|\"if ", stdout);
    emit_mermaid(stdout, h->cond);
    printf("\"| n%zu\n", h->to);
  }
  for (int t = 0; t < MEND_TONE_COUNT; t++)
    printf("  classDef %s fill:%s,stroke:%s,stroke-width:3px\n", mend_tone_name((mend_tone)t),
           tones[t].fill, tones[t].line);
  fputs("  classDef unreachable stroke-dasharray:4,color:#757575\n", stdout);
  fputs("  classDef trapped stroke:#c62828,color:#c62828\n", stdout);
  fputs("  classDef entry stroke-width:4px\n", stdout);
  printf("  class n%zu entry\n", start);
  for (size_t i = 0; i < mend_graph_node_count(g); i++) {
    const mend_node_view *v = mend_graph_node(g, i);
    if (v->ending) printf("  class n%zu %s\n", i, mend_tone_name(v->tone));
    if (!v->reachable)
      printf("  class n%zu unreachable\n", i);
    else if (!v->can_end)
      printf("  class n%zu trapped\n", i);
  }
}

int cmd_graph(int argc, char **argv) {
  static const char *const formats[] = {"dot", "mermaid", NULL};
  int format = 0;
  cli c;
  if (!cli_format_only(&c, "graph", graph_usage, formats, argc, argv, &format)) return c.status;
  bool mermaid = format == 1;
  if (c.noperands > 1)
    return usage_error("graph", "one story file at a time ('%s' and '%s')", c.operands[0],
                       c.operands[1]);
  const char *file = c.noperands ? c.operands[0] : NULL;
  if (!file) return usage_error("graph", "no story file given");
  mend_diags *d = mend_diags_new();
  mend_story *s = support_load_story(file, 0, d);
  if (!s) {
    mend_diags_sort(d);
    print_diags(d);
    mend_diags_free(d);
    return EXIT_STORY;
  }
  mend_diags_free(d);
  mend_graph *g = mend_graph_new(s);
  if (mermaid)
    print_mermaid(s, g);
  else
    print_dot(s, g);
  mend_graph_free(g);
  mend_story_free(s);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "mend graph: could not write the graph\n");
    return EXIT_IO;
  }
  return EXIT_OK;
}
