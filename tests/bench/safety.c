/* SPDX-License-Identifier: MIT */
/*
 * safety.c - what reading a person's words costs (make bench): loading the
 * English lexicon (the words of English, then the signs), scanning a 4 096-byte
 * answer for signs, answering a text question with a rubric of eight
 * patterns with and without the lexicon (the baseline: what an answer cost
 * before the safety layer), and a rubric of ten rules of phrases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mend/mend.h"
#include "mend/safety.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return NULL;
  }
  fclose(f);
  buf[n] = 0;
  *len = (size_t)n;
  return buf;
}

/* A long draft of ordinary sentences, with one sign near its end: 4 096 bytes. */
static void draft(char *out, size_t size) {
  static const char *const s[] = {
      "I keep thinking about the way we used to cook on Sundays. ",
      "i know i messed up and im sorry for how i hurt you, i really am. ",
      "Work has been busy, which helps a bit, and my sister came over on Tuesday. ",
      "honestly i dont know what i want from this message anymore lol. ",
      "You said you needed space and I'm trying to respect that. "};
  size_t n = 0, k = 0;
  const char *sign = "i dont see the point of anything without you. ";
  while (n + 80 < size - strlen(sign)) {
    size_t l = strlen(s[k % 5]);
    memcpy(out + n, s[k++ % 5], l);
    n += l;
  }
  memcpy(out + n, sign, strlen(sign));
  n += strlen(sign);
  while (n < size - 1)
    out[n++] = '.';
  out[n] = 0;
}

static const char phrases_story[] =
    "<story id=\"p\" format=\"1\" start=\"a\"><title>P</title>"
    "<var name=\"d\" type=\"text\"/><var name=\"q\" type=\"int\" min=\"0\" max=\"10\"/>"
    "<node id=\"a\"><ask var=\"d\" kind=\"text\" journal=\"false\">Draft?</ask>"
    "<check var=\"d\" score=\"q\">"
    "<rule label=\"1\"><say>sorry</say><say>apologise/apology</say><say>my fault</say></rule>"
    "<rule label=\"2\"><say>space</say><say>need time</say><say>time to heal</say></rule>"
    "<rule label=\"3\"><say>grateful/thankful</say><say>thank you</say></rule>"
    "<rule label=\"4\"><say>care about you</say><say>love you</say></rule>"
    "<rule label=\"5\"><say>respect your decision</say><unless>decision to ruin</unless></rule>"
    "<rule label=\"6\" absent=\"true\"><say>last time i will</say><say>last message</say></rule>"
    "<rule label=\"7\" absent=\"true\"><say>please ... answer</say><say>can't live "
    "without</say></rule>"
    "<rule label=\"8\" absent=\"true\"><say>your fault</say><say>you ruined</say></rule>"
    "<rule label=\"9\" absent=\"true\"><say>you owe me</say><say>after everything i</say></rule>"
    "<rule label=\"10\"><say>take responsibility</say><say>i was wrong</say></rule>"
    "</check><goto to=\"a\"/></node></story>";

static const mend_lexicon *words_of(void *ud, const char *lang) {
  (void)lang;
  return ud;
}

static const char story[] =
    "<story id=\"b\" format=\"1\" start=\"a\"><title>B</title>"
    "<var name=\"d\" type=\"text\"/><var name=\"q\" type=\"int\" min=\"0\" max=\"8\"/>"
    "<node id=\"a\"><ask var=\"d\" kind=\"text\" journal=\"false\">Draft?</ask>"
    "<check var=\"d\" score=\"q\">"
    "<rule label=\"1\" pattern=\"sorry|apologi[sz]e|my fault\"/>"
    "<rule label=\"2\" pattern=\"space|time\"/>"
    "<rule label=\"3\" pattern=\"grateful|thank\"/>"
    "<rule label=\"4\" pattern=\"care about|love\"/>"
    "<rule label=\"5\" pattern=\"respect (your|the) decision\"/>"
    "<rule label=\"6\" pattern=\"last time\" absent=\"true\"/>"
    "<rule label=\"7\" pattern=\"please (answer|reply)|can'?t live without\" absent=\"true\"/>"
    "<rule label=\"8\" pattern=\"your fault|you never\" absent=\"true\"/>"
    "</check><goto to=\"a\"/></node></story>";

/* Seconds per answer of `text` to the story's question, best of 5 rounds.
 * A session remembers what it read of a text (engine/memo.c): `fresh` makes
 * each answer another text (its last six characters a count), so that each
 * is read; without, the same answer again is what is measured. */
static double per_answer(mend_story *st, const char *text, int n, bool fresh) {
  double best = 1e9;
  size_t tl = strlen(text);
  char *copy = malloc(tl + 1);
  if (!copy) return 0;
  memcpy(copy, text, tl + 1);
  for (int r = 0; r < 5; r++) {
    mend_session *s = mend_session_new(st, 1);
    double t0 = now();
    for (int i = 0; i < n; i++) {
      if (fresh && tl > 6) snprintf(copy + tl - 6, 7, "%06u", (unsigned)(r * n + i) % 1000000u);
      mend_session_answer(s, copy);
      mend_session_continue(s);
    }
    double t = (now() - t0) / n;
    if (t < best) best = t;
    mend_session_free(s);
  }
  free(copy);
  return best;
}

int main(int argc, char **argv) {
  const char *wpath = argc > 2 ? argv[1] : "stories/lang/en.words";
  const char *path = argc > 2 ? argv[2] : "stories/safety/en.lexicon";
  size_t len, wlen;
  char *data = read_all(path, &len), *wdata = read_all(wpath, &wlen);
  if (!data || !wdata) {
    printf("(no lexicon at %s and %s)\n", wpath, path);
    return 0;
  }
  const char *parts[] = {wdata, data};
  const size_t sizes[] = {wlen, len};
  const char *names[] = {wpath, path};
  double best_load = 1e9;
  mend_lexicon *lx = NULL;
  for (int r = 0; r < 5; r++) {
    mend_lexicon_free(lx);
    double t0 = now();
    lx = mend_lexicon_load_parts(parts, sizes, names, 2, NULL);
    double t = now() - t0;
    if (t < best_load) best_load = t;
  }
  mend_lexicon *words = mend_lexicon_load_memory(wdata, wlen, wpath, NULL);
  if (!lx) {
    printf("(the lexicon has errors)\n");
    return 0;
  }
  char text[4096];
  draft(text, sizeof text);
  size_t tl = strlen(text);
  mend_safety_result r;
  double best_scan = 1e9;
  for (int round = 0; round < 5; round++) {
    double t0 = now();
    for (int i = 0; i < 2000; i++)
      mend_safety_scan(lx, text, tl, &r);
    double t = (now() - t0) / 2000;
    if (t < best_scan) best_scan = t;
  }
  mend_story *st = mend_story_load_memory(story, strlen(story), "b.xml", NULL, NULL);
  double without = per_answer(st, text, 2000, true);
  mend_story_set_lexicon(st, lx);
  double with = per_answer(st, text, 2000, true);
  double again = per_answer(st, text, 2000, false);
  mend_load_opts o = {0, words_of, words};
  mend_story *ps =
      mend_story_load_memory_opts(phrases_story, strlen(phrases_story), "p.xml", NULL, &o, NULL);
  double phrases = ps ? per_answer(ps, text, 2000, true) : 0;
  mend_story_free(ps);
  mend_lexicon_free(words);
  free(wdata);
  printf("load the English lexicon (%zu + %zu bytes):  %.2f ms\n", wlen, len, best_load * 1e3);
  printf("scan a %zu-byte answer:               %.1f us (%s found)\n", tl, best_scan * 1e6,
         mend_safety_category_name(r.category));
  printf("answer it, rubric of 8 rules, no lexicon: %.1f us (the baseline)\n", without * 1e6);
  printf("answer it, with the lexicon:              %.1f us (ratio %.2f)\n", with * 1e6,
         with / without);
  printf("answer it, rubric of 10 rules of phrases: %.1f us (ratio %.2f to the baseline)\n",
         phrases * 1e6, phrases / without);
  printf("the same answer again, with the lexicon:  %.1f us (ratio %.2f: a session remembers "
         "what it read)\n",
         again * 1e6, again / with);
  mend_story_free(st);
  mend_lexicon_free(lx);
  free(data);
  return 0;
}
