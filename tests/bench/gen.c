/* SPDX-License-Identifier: MIT */
/*
 * gen.c - a deterministic generator of synthetic stories for benchmarks.
 *
 *   gen N [K]          N nodes, K choices per node (default 3): ~40 words of
 *                      text per node, an int measure that a quarter of the
 *                      choices change, a fifth of the choices guarded by a
 *                      condition, ~5% endings, every node reachable (node i
 *                      always offers an unconditional way to node i+1).
 *   gen --states V     a small story of at most V states, and close to it
 *                      (counters stepped by choices), for the exhaustive tester.
 *
 * Output goes to standard output. The same arguments give the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { /* splitmix64: deterministic everywhere */
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static unsigned below(unsigned n) {
  return (unsigned)(next() % n);
}

static const char *const words[] = {
    "the",    "night",   "phone",   "quiet",  "message", "you",    "feel",   "space",
    "time",   "heart",   "morning", "friend", "walk",    "breath", "memory", "kind",
    "slow",   "light",   "room",    "window", "coffee",  "write",  "read",   "rest",
    "gentle", "steady",  "honest",  "small",  "step",    "today",  "maybe",  "still",
    "again",  "careful", "notice",  "urge",   "pause",   "open",   "close",  "calm"};
#define NWORDS (sizeof words / sizeof words[0])

static void sentence(unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    const char *w = words[below(NWORDS)];
    if (i == 0)
      printf("%c%s", w[0] - 32, w + 1);
    else
      printf(" %s", w);
  }
  putchar('.');
}

static int is_ending(unsigned i, unsigned n) {
  return i == n - 1 || (i > 0 && i % 20 == 19);
}

static void story(unsigned n, unsigned k) {
  printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  printf("<story id=\"bench-%u\" format=\"1\" start=\"n0\">\n", n);
  printf("  <title>Benchmark story of %u nodes</title>\n", n);
  printf("  <var name=\"urge\" type=\"int\" init=\"5\" min=\"0\" max=\"10\" label=\"Urge\"/>\n");
  for (unsigned i = 0; i < n; i++) {
    if (is_ending(i, n)) {
      static const char *const tones[] = {"positive", "neutral", "caution", "negative"};
      printf("  <ending id=\"n%u\" title=\"Ending %u\" tone=\"%s\">\n    <text>", i, i,
             tones[i % 4]);
      sentence(12);
      printf(" Your urge is {urge}.</text>\n  </ending>\n");
      continue;
    }
    printf("  <node id=\"n%u\">\n    <text>", i);
    sentence(13);
    putchar(' ');
    sentence(11);
    printf(" {urge} out of ten.</text>\n");
    for (unsigned c = 0; c < k; c++) {
      /* choice 0 leads to the next node; when that is an ending (which
       * leads nowhere), choice 1 leads past it: every node is reachable */
      int past = c == 1 && is_ending(i + 1, n) && i + 2 < n;
      unsigned to = c == 0 ? i + 1 : past ? i + 2 : 1 + below(n - 1);
      int guarded = c != 0 && !past && below(5) == 0;
      int changes = below(4) == 0;
      printf("    <choice to=\"n%u\"%s>", to, guarded ? " if=\"urge &gt;= 3\"" : "");
      sentence(3);
      if (changes) printf("<set var=\"urge\" value=\"urge %s 1\"/>", below(2) ? "+" : "-");
      printf("<feedback>");
      sentence(3);
      printf("</feedback></choice>\n");
    }
    printf("  </node>\n");
  }
  printf("</story>\n");
}

/* A story whose reachable states number about v: a ring of 10 nodes and two
 * counters a, b in 0..m-1, each choice stepping one of them and moving on.
 * After A steps of a and B of b the session is at node (A + B) % 10 with
 * a = A % m, b = B % m: with m prime to 10, every node goes with every (a, b),
 * so 10 * m * m states, plus the ending. (With m even, only the nodes of the
 * parity of a + b would: half as many.) */
static unsigned gcd10(unsigned m) {
  return m % 10 == 0 ? 10 : m % 5 == 0 ? 5 : m % 2 == 0 ? 2 : 1;
}

static void states(unsigned long v) {
  unsigned m = 1;
  while (10ul * (m + 1) * (m + 1) <= v)
    m++;
  while (m > 1 && gcd10(m) != 1)
    m--;
  printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  printf("<story id=\"bench-states\" format=\"1\" start=\"r0\">\n");
  printf("  <title>%lu states</title>\n", 10ul * m * m + 1);
  printf("  <var name=\"a\" type=\"int\" min=\"0\" max=\"%u\"/>\n", m - 1);
  printf("  <var name=\"b\" type=\"int\" min=\"0\" max=\"%u\"/>\n", m - 1);
  for (unsigned i = 0; i < 10; i++) {
    printf("  <node id=\"r%u\">\n    <text>Step {a} and {b}.</text>\n", i);
    printf("    <choice to=\"r%u\">A up<set var=\"a\" value=\"(a + 1) %% %u\"/>"
           "<feedback>a</feedback></choice>\n",
           (i + 1) % 10, m);
    printf("    <choice to=\"r%u\">B up<set var=\"b\" value=\"(b + 1) %% %u\"/>"
           "<feedback>b</feedback></choice>\n",
           (i + 1) % 10, m);
    printf("    <choice to=\"done\" if=\"a == %u and b == %u\">Finish<feedback>f</feedback>"
           "</choice>\n",
           m - 1, m - 1);
    printf("  </node>\n");
  }
  printf("  <ending id=\"done\" title=\"Done\"><text>Done.</text></ending>\n</story>\n");
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "--states")) {
    states(strtoul(argv[2], NULL, 10));
    return 0;
  }
  if (argc < 2 || argc > 3) {
    fputs("usage: gen N [K] | gen --states V\n", stderr);
    return 2;
  }
  unsigned n = (unsigned)strtoul(argv[1], NULL, 10);
  unsigned k = argc == 3 ? (unsigned)strtoul(argv[2], NULL, 10) : 3;
  if (n < 3 || k < 2) {
    fputs("gen: N must be at least 3 and K at least 2 (every node reachable)\n", stderr);
    return 2;
  }
  story(n, k);
  return 0;
}
