/* SPDX-License-Identifier: MIT */
/*
 * cmd_stats.c - `mend stats [--format json] FILE...`: the size and shape of
 * each story, from the engine's view of its graph (mend/analyse.h): nodes,
 * endings by tone, choices, questions, rubric rules, words and reading time,
 * the shortest and longest way to an ending counted in decisions, how many
 * decision paths there are, and the measures with their ranges.
 *
 * A decision is a choice taken or a question answered; automatic moves (goto,
 * random) are not. Conditions are ignored, as in lint's reachability: a path
 * is a way through the graph from the start to an ending, each choice and
 * random branch making a different one. Questions with an `if` count in the
 * longest path but not in the shortest.
 *
 * Everything is linear or n log n in the story's size, except the count of
 * paths through a story with loops, a bounded search that says when it was cut.
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
#include "term.h"

#define WORDS_PER_MINUTE 200
#define PATH_CAP 1000000000u  /* counts stop here: "at least" */
#define SEARCH_STEPS 2000000u /* edges the search of a story with loops may follow */

static const char stats_usage[] =
    "usage: mend stats [--format text|json] FILE...\n"
    "\n"
    "Prints the size and shape of each story: nodes, endings by tone, choices,\n"
    "questions, rubric rules, words and reading time, the shortest and longest\n"
    "path from the start to an ending in decisions (a choice or an answer; automatic\n"
    "moves do not count), the number of distinct paths, and the measures with their\n"
    "ranges. Conditions are ignored. In a story with loops the longest path and the\n"
    "number of paths are unbounded; stats then counts the paths that do not repeat a\n"
    "node, and says \"at least\" when the search had to stop.\n"
    "\n"
    "With --format json, one JSON object per story and line on stdout.\n"
    "\n"
    "Exit status: 0 ok, 1 a story has errors (printed as by mend lint), 2 usage.\n";

typedef struct stats {
  size_t nodes, endings, tone[MEND_TONE_COUNT], choices, questions, rules, words, minutes;
  bool can_end;            /* an ending can be reached from the start */
  uint64_t shortest;       /* decisions */
  bool loops;              /* a loop lies on some path to an ending */
  uint64_t longest, paths; /* of the paths that do not repeat a node, with loops */
  bool longest_exact, paths_exact;
} stats;

/* ---- shortest path: Dijkstra over decisions ------------------------------------------ */

typedef struct heap_item {
  uint64_t d;
  size_t v;
} heap_item;

typedef struct heap {
  heap_item *v;
  size_t n, cap;
} heap;

static void heap_push(heap *h, uint64_t d, size_t v) {
  if (h->n == h->cap) {
    h->cap = h->cap ? 2 * h->cap : 64;
    h->v = realloc(h->v, sizeof(heap_item) * h->cap);
    if (!h->v) abort();
  }
  size_t i = h->n++;
  while (i > 0 && h->v[(i - 1) / 2].d > d) {
    h->v[i] = h->v[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  h->v[i] = (heap_item){d, v};
}

static heap_item heap_pop(heap *h) {
  heap_item top = h->v[0], last = h->v[--h->n];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= h->n) break;
    if (c + 1 < h->n && h->v[c + 1].d < h->v[c].d) c++;
    if (h->v[c].d >= last.d) break;
    h->v[i] = h->v[c];
    i = c;
  }
  if (h->n) h->v[i] = last;
  return top;
}

static uint64_t sure_questions(const mend_node_view *v) {
  return v->questions - v->conditional_questions;
}

static void shortest(const mend_graph *g, stats *st) {
  size_t n = mend_graph_node_count(g);
  uint64_t *dist = malloc(sizeof(uint64_t) * (n + 1));
  bool *done = calloc(n + 1, 1);
  if (!dist || !done) abort();
  for (size_t i = 0; i < n; i++)
    dist[i] = UINT64_MAX;
  heap h = {0};
  size_t s = mend_graph_start(g);
  dist[s] = sure_questions(mend_graph_node(g, s));
  heap_push(&h, dist[s], s);
  while (h.n) {
    heap_item it = heap_pop(&h);
    if (done[it.v]) continue;
    done[it.v] = true;
    const mend_node_view *v = mend_graph_node(g, it.v);
    if (v->ending) { /* the first ending settled is the nearest */
      st->can_end = true;
      st->shortest = it.d;
      break;
    }
    for (size_t k = 0; k < v->nedges; k++) {
      const mend_edge_view *e = mend_graph_edge(g, v->first_edge + k);
      uint64_t d = it.d + (e->kind == MEND_EDGE_CHOICE) + sure_questions(mend_graph_node(g, e->to));
      if (d < dist[e->to]) {
        dist[e->to] = d;
        heap_push(&h, d, e->to);
      }
    }
  }
  free(h.v);
  free(dist);
  free(done);
}

/* ---- longest path and path count ------------------------------------------------------- */

/* On a path to an ending: reachable from the start, and an ending reachable from it. */
static bool on_way(const mend_node_view *v) {
  return v->reachable && v->can_end;
}

static uint64_t add_capped(uint64_t a, uint64_t b) {
  return a + b >= PATH_CAP ? PATH_CAP : a + b;
}

/* Without loops: dynamic programming in topological order (Kahn), exact. */
static void paths_acyclic(const mend_graph *g, stats *st) {
  size_t n = mend_graph_node_count(g);
  size_t *indeg = calloc(n + 1, sizeof(size_t)), *order = malloc(sizeof(size_t) * (n + 1));
  uint64_t *longest = calloc(n + 1, sizeof(uint64_t)), *count = calloc(n + 1, sizeof(uint64_t));
  if (!indeg || !order || !longest || !count) abort();
  for (size_t i = 0; i < mend_graph_edge_count(g); i++) {
    const mend_edge_view *e = mend_graph_edge(g, i);
    if (on_way(mend_graph_node(g, e->from)) && on_way(mend_graph_node(g, e->to))) indeg[e->to]++;
  }
  size_t head = 0, tail = 0;
  for (size_t i = 0; i < n; i++)
    if (on_way(mend_graph_node(g, i)) && indeg[i] == 0) order[tail++] = i;
  while (head < tail) {
    const mend_node_view *v = mend_graph_node(g, order[head++]);
    for (size_t k = 0; k < v->nedges; k++) {
      const mend_edge_view *e = mend_graph_edge(g, v->first_edge + k);
      if (on_way(mend_graph_node(g, e->to)) && --indeg[e->to] == 0) order[tail++] = e->to;
    }
  }
  for (size_t i = tail; i-- > 0;) { /* from the endings back */
    size_t x = order[i];
    const mend_node_view *v = mend_graph_node(g, x);
    if (v->ending) {
      count[x] = 1;
      longest[x] = v->questions;
      continue;
    }
    for (size_t k = 0; k < v->nedges; k++) {
      const mend_edge_view *e = mend_graph_edge(g, v->first_edge + k);
      if (!on_way(mend_graph_node(g, e->to))) continue;
      uint64_t l = longest[e->to] + (e->kind == MEND_EDGE_CHOICE);
      if (l > longest[x]) longest[x] = l;
      count[x] = add_capped(count[x], count[e->to]);
    }
    longest[x] += v->questions;
  }
  size_t s = mend_graph_start(g);
  st->longest = longest[s];
  st->paths = count[s];
  st->longest_exact = true;
  st->paths_exact = count[s] < PATH_CAP;
  free(indeg);
  free(order);
  free(longest);
  free(count);
}

typedef struct frame {
  size_t v, next;
  uint64_t d; /* decisions so far, this node's questions included */
} frame;

/* With loops: a depth-first search of the paths that do not repeat a node,
 * stopped after SEARCH_STEPS edges. */
static void paths_simple(const mend_graph *g, stats *st) {
  size_t n = mend_graph_node_count(g), sp = 0;
  frame *stack = malloc(sizeof(frame) * (n + 1));
  bool *on_path = calloc(n + 1, 1);
  if (!stack || !on_path) abort();
  size_t s = mend_graph_start(g);
  uint64_t steps = 0;
  bool cut = false;
  st->longest = st->paths = 0;
  stack[sp++] = (frame){s, 0, mend_graph_node(g, s)->questions};
  on_path[s] = true;
  while (sp) {
    frame *f = &stack[sp - 1];
    const mend_node_view *v = mend_graph_node(g, f->v);
    if (v->ending || f->next == v->nedges) {
      if (v->ending) {
        st->paths = add_capped(st->paths, 1);
        if (f->d > st->longest) st->longest = f->d;
      }
      on_path[f->v] = false;
      sp--;
      continue;
    }
    const mend_edge_view *e = mend_graph_edge(g, v->first_edge + f->next++);
    if (++steps > SEARCH_STEPS || st->paths == PATH_CAP) {
      cut = true;
      break;
    }
    const mend_node_view *to = mend_graph_node(g, e->to);
    if (on_path[e->to] || !on_way(to)) continue;
    on_path[e->to] = true;
    stack[sp++] = (frame){e->to, 0, f->d + (e->kind == MEND_EDGE_CHOICE) + to->questions};
  }
  st->longest_exact = st->paths_exact = !cut;
  free(stack);
  free(on_path);
}

static void compute(const mend_story *s, stats *st) {
  memset(st, 0, sizeof *st);
  mend_graph *g = mend_graph_new(s);
  for (size_t i = 0; i < mend_graph_node_count(g); i++) {
    const mend_node_view *v = mend_graph_node(g, i);
    if (v->ending) {
      st->endings++;
      st->tone[(unsigned)v->tone < MEND_TONE_COUNT ? v->tone : 0]++;
    } else {
      st->nodes++;
    }
    st->questions += v->questions;
    st->rules += v->rules;
    st->words += v->words;
    if (on_way(v) && v->cyclic) st->loops = true;
  }
  for (size_t i = 0; i < mend_graph_edge_count(g); i++)
    if (mend_graph_edge(g, i)->kind == MEND_EDGE_CHOICE) st->choices++;
  st->minutes = (st->words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
  shortest(g, st);
  if (st->can_end) {
    if (st->loops)
      paths_simple(g, st);
    else
      paths_acyclic(g, st);
  }
  mend_graph_free(g);
}

/* ---- output ------------------------------------------------------------------------------ */

static const char *plural(uint64_t n, const char *one, const char *many) {
  return n == 1 ? one : many;
}

static void print_text(const char *file, const mend_story *s, const stats *st) {
  term_puts(stdout, file);
  fputs(": ", stdout);
  term_puts(stdout, mend_story_title(s));
  printf(" (%s)\n", mend_story_id(s));
  printf("  nodes:           %zu\n", st->nodes);
  printf("  endings:         %zu (", st->endings);
  for (int t = 0; t < MEND_TONE_COUNT; t++) {
    static const mend_tone order[] = {MEND_TONE_POSITIVE, MEND_TONE_NEUTRAL, MEND_TONE_CAUTION,
                                      MEND_TONE_NEGATIVE};
    printf("%s%zu %s", t ? ", " : "", st->tone[order[t]], mend_tone_name(order[t]));
  }
  printf(")\n");
  printf("  choices:         %zu\n", st->choices);
  printf("  questions:       %zu\n", st->questions);
  printf("  rubric rules:    %zu\n", st->rules);
  printf("  words:           %zu\n", st->words);
  printf("  reading time:    about %zu minute%s (%d words a minute, every path)", st->minutes,
         plural(st->minutes, "", "s"), WORDS_PER_MINUTE);
  if (mend_story_minutes(s)) printf("; the story says %d", mend_story_minutes(s));
  printf("\n");
  if (!st->can_end) {
    printf("  shortest path:   none: no ending can be reached from the start\n");
  } else {
    printf("  shortest path:   %" PRIu64 " decision%s\n", st->shortest,
           plural(st->shortest, "", "s"));
    if (st->loops) {
      printf(
          "  longest path:    unbounded: the story has loops (without repeating a node: %s%" PRIu64
          " decision%s%s)\n",
          st->longest_exact ? "" : "at least ", st->longest, plural(st->longest, "", "s"),
          st->longest_exact ? "" : ", capped");
      printf(
          "  decision paths:  unbounded: the story has loops (without repeating a node: %s%" PRIu64
          "%s)\n",
          st->paths_exact ? "" : "at least ", st->paths, st->paths_exact ? "" : ", capped");
    } else {
      printf("  longest path:    %" PRIu64 " decision%s\n", st->longest,
             plural(st->longest, "", "s"));
      printf("  decision paths:  %s%" PRIu64 "%s\n", st->paths_exact ? "" : "at least ", st->paths,
             st->paths_exact ? "" : " (capped)");
    }
  }
  size_t measures = 0;
  for (size_t i = 0; i < mend_story_var_count(s); i++) {
    const mend_var_info *vi = mend_story_var(s, i);
    if (!vi->label) continue;
    printf("  %s %s \"", measures++ ? "                " : "measures:       ", vi->name);
    term_puts(stdout, vi->label);
    fputs("\": ", stdout);
    fputs(vi->measure == MEND_MEASURE_CHECKIN ? "check-in, " : "story state, ", stdout);
    if (vi->type == MEND_BOOL)
      printf("yes or no, starts at %s\n", vi->init ? "yes" : "no");
    else {
      if (vi->has_min)
        printf("%" PRId64, vi->min);
      else
        printf("any");
      printf(" to ");
      if (vi->has_max)
        printf("%" PRId64, vi->max);
      else
        printf("any");
      printf(", starts at %" PRId64 "\n", vi->init);
    }
  }
  if (!measures) printf("  measures:        none\n");
}

static void print_json(const char *file, const mend_story *s, const stats *st) {
  fputs("{\"file\":", stdout);
  emit_json_string(stdout, file);
  fputs(",\"id\":", stdout);
  emit_json_string(stdout, mend_story_id(s));
  fputs(",\"title\":", stdout);
  emit_json_string(stdout, mend_story_title(s));
  printf(",\"nodes\":%zu,\"endings\":%zu,\"endings_by_tone\":{", st->nodes, st->endings);
  for (int t = 0; t < MEND_TONE_COUNT; t++)
    printf("%s\"%s\":%zu", t ? "," : "", mend_tone_name((mend_tone)t), st->tone[t]);
  printf("},\"choices\":%zu,\"questions\":%zu,\"rules\":%zu,\"words\":%zu,\"reading_minutes\":%zu",
         st->choices, st->questions, st->rules, st->words, st->minutes);
  if (st->can_end)
    printf(",\"shortest_path\":%" PRIu64 ",\"longest_path\":{\"decisions\":%" PRIu64
           ",\"exact\":%s,\"unbounded\":%s},\"paths\":{\"count\":%" PRIu64
           ",\"exact\":%s,\"unbounded\":%s}",
           st->shortest, st->longest, st->longest_exact ? "true" : "false",
           st->loops ? "true" : "false", st->paths, st->paths_exact ? "true" : "false",
           st->loops ? "true" : "false");
  else
    fputs(",\"shortest_path\":null,\"longest_path\":null,\"paths\":{\"count\":0,\"exact\":true,"
          "\"unbounded\":false}",
          stdout);
  fputs(",\"measures\":[", stdout);
  size_t measures = 0;
  for (size_t i = 0; i < mend_story_var_count(s); i++) {
    const mend_var_info *vi = mend_story_var(s, i);
    if (!vi->label) continue;
    fputs(measures++ ? ",{\"name\":" : "{\"name\":", stdout);
    emit_json_string(stdout, vi->name);
    fputs(",\"label\":", stdout);
    emit_json_string(stdout, vi->label);
    printf(",\"kind\":\"%s\"", mend_measure_kind_name(vi->measure));
    if (vi->type == MEND_BOOL) {
      printf(",\"type\":\"bool\",\"init\":%s,\"min\":null,\"max\":null}",
             vi->init ? "true" : "false");
      continue;
    }
    printf(",\"type\":\"int\",\"init\":%" PRId64, vi->init);
    if (vi->has_min)
      printf(",\"min\":%" PRId64, vi->min);
    else
      fputs(",\"min\":null", stdout);
    if (vi->has_max)
      printf(",\"max\":%" PRId64 "}", vi->max);
    else
      fputs(",\"max\":null}", stdout);
  }
  fputs("]}\n", stdout);
}

int cmd_stats(int argc, char **argv) {
  static const char *const formats[] = {"text", "json", NULL};
  int format = 0, rc = EXIT_OK;
  cli c;
  if (!cli_format_only(&c, "stats", stats_usage, formats, argc, argv, &format)) return c.status;
  bool json = format == 1;
  char **files = c.operands;
  int nfiles = c.noperands;
  if (rc == EXIT_OK && nfiles == 0) rc = usage_error("stats", "no story file given");
  for (int i = 0; i < nfiles && rc != EXIT_USAGE; i++) {
    mend_diags *d = mend_diags_new();
    mend_story *s = support_load_story(files[i], 0, d);
    if (!s) {
      mend_diags_sort(d);
      print_diags(d);
      rc = EXIT_STORY;
    } else {
      stats st;
      compute(s, &st);
      if (json) {
        print_json(files[i], s, &st);
      } else {
        if (i) putchar('\n');
        print_text(files[i], s, &st);
      }
    }
    mend_story_free(s);
    mend_diags_free(d);
  }
  if (rc != EXIT_USAGE && (fflush(stdout) != 0 || ferror(stdout))) {
    fprintf(stderr, "mend stats: could not write the statistics\n");
    return EXIT_IO;
  }
  return rc;
}
