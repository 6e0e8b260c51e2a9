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

static const char graph_usage[] =
    "usage: mend graph [--format dot|mermaid] FILE\n"
    "\n"
    "Prints the story's graph on stdout: Graphviz DOT by default, which renders\n"
    "with  mend graph story.xml | dot -Tsvg > story.svg  ; or a mermaid flowchart,\n"
    "which code hosting pages render inside a ```mermaid block.\n"
    "\n"
    "Nodes show their id and first words; endings are doubly outlined and coloured\n"
    "by tone (green positive, grey neutral, amber caution, red negative). Edges show\n"
    "the choice's words; a dashed edge has a condition (shown after \"if\"), a\n"
    "random branch shows its weight. Nodes the start cannot reach are dotted and\n"
    "marked (unreachable); nodes from which no ending can be reached are red.\n"
    "\n"
    "Exit status: 0 ok, 1 the story has errors (printed as by mend lint), 2 usage.\n";

#define NODE_WORDS 32  /* characters of a node's first paragraph */
#define EDGE_WORDS 28  /* characters of a choice's label */
#define COND_WORDS 40  /* characters of a condition */
#define TITLE_WORDS 40 /* characters of an ending's title */

typedef struct tone_style {
  const char *fill, *line;
} tone_style;

/* by mend_tone: neutral, positive, caution, negative */
static const tone_style tones[MEND_TONE_COUNT] = {
    {"#e0e0e0", "#616161"}, {"#c8e6c9", "#2e7d32"}, {"#ffe0b2", "#ef6c00"}, {"#ffcdd2", "#c62828"}};

/* The lines of a node's label: id, then its first words or an ending's title
 * and tone, then the marks. Returns a malloc'd string with '\n' between lines. */
static char *node_label(const mend_node_view *v, bool start) {
  char *first = emit_shorten(v->ending ? (v->title ? v->title : "") : v->text,
                             v->ending ? TITLE_WORDS : NODE_WORDS);
  size_t n = strlen(v->id) + strlen(first) + 80;
  char *r = malloc(n);
  if (!r) abort();
  snprintf(r, n, "%s%s%s%s%s%s%s%s", start ? "start: " : "", v->id, *first ? "\n" : "", first,
           v->ending ? "\n(" : "", v->ending ? mend_tone_name(v->tone) : "", v->ending ? ")" : "",
           !v->reachable ? "\n(unreachable)" : (!v->can_end ? "\n(no way to an ending)" : ""));
  free(first);
  return r;
}

/* An edge's label: the choice's words or "goto" / "random", the weight of a
 * random branch, and the condition. Returns a malloc'd string. */
static char *edge_label(const mend_edge_view *e) {
  char *words =
      e->kind == MEND_EDGE_CHOICE ? emit_shorten(e->label ? e->label : "", EDGE_WORDS) : NULL;
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

static void print_dot(const mend_story *s, const mend_graph *g) {
  size_t start = mend_graph_start(g);
  fputs("digraph \"", stdout);
  emit_dot(stdout, mend_story_id(s));
  fputs("\" {\n  graph [label=\"", stdout);
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
  bool mermaid = false, opts = true;
  const char *file = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && a[0] == '-' && a[1]) {
      if (!strcmp(a, "--")) {
        opts = false;
        continue;
      }
      if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
        fputs(graph_usage, stdout);
        return EXIT_OK;
      }
      if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
        const char *val = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
        if (!val) return usage_error("graph", "--format needs dot or mermaid");
        if (!strcmp(val, "dot"))
          mermaid = false;
        else if (!strcmp(val, "mermaid"))
          mermaid = true;
        else
          return usage_error("graph", "--format %s: use dot or mermaid", val);
        continue;
      }
      return usage_error("graph", "unknown option '%s'", a);
    }
    if (file) return usage_error("graph", "one story file at a time ('%s' and '%s')", file, a);
    file = a;
  }
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
