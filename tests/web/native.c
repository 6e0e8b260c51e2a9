/* SPDX-License-Identifier: MIT */
/*
 * native.c - web/page.c, the page's player, compiled natively and driven
 * through its whole API, so that it runs under the sanitizers (make asan)
 * and valgrind like the rest (in the page it runs in WebAssembly, where
 * neither exists).
 *
 * usage: web_page WORDS LEXICON RESOURCES STORY...
 *
 * Each story is loaded as the exporter loads it and given to the page as
 * an image; then played with every kind of action: choices, answers (good,
 * refused, with a NUL inside, crisis words), automatic moves, Back, a save
 * resumed, a damaged save, Start over, the journal, the helplines of a
 * country and of none. Every JSON result is printed on its own line
 * (tests/e2e/web-page.sh checks each is valid JSON); an impossible result
 * (empty, not JSON, a save that does not resume) exits 1.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mend/mend.h"
#include "page.h"
#include "support.h"

static int failures;

static void fail(const char *what, const char *got) {
  fprintf(stderr, "web_page: %s: %.300s\n", what, got ? got : "(null)");
  failures++;
}

/* Prints a JSON result; it must be an object or an array. */
static const char *out(const char *what, const char *json) {
  if (!json || (json[0] != '{' && json[0] != '[')) fail(what, json);
  if (json && strchr(json, '\n')) fail("a result on one line", json);
  if (json) puts(json);
  return json;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 > cap) {
      cap = cap ? 2 * cap : 65536;
      buf = realloc(buf, cap);
      if (!buf) abort();
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (!r) break;
  }
  fclose(f);
  *len = n;
  return buf;
}

static bool has(const char *json, const char *s) {
  return json && strstr(json, s);
}

/* Plays story i for at most `steps` actions, with answers chosen by k. */
static void play(int i, int seed, int steps) {
  const char *v = out("start", page_start(i, seed));
  for (int k = 0; k < steps; k++) {
    if (has(v, "\"pending\":\"choice\"")) {
      out("a choice not offered", page_choose(999));
      v = out("choose", page_choose(k % 2));
      if (!has(v, "\"ok\":true")) v = out("choose the first", page_choose(0));
    } else if (has(v, "\"pending\":\"ask\"")) {
      bool text = has(v, "\"question\":{\"kind\":\"text\"");
      if (!text) { /* (a text answer keeps what can be shown: below) */
        out("an answer with a NUL inside", page_answer("5\0b", 3));
        out("an answer with control characters", page_answer("\x1b[31m5", 6));
      }
      static const char *const answers[] = {"5",  "yes", "i want to kill myself",
                                            "no", "",    "I am sorry, and I wish you well"};
      const char *a = answers[k % 6];
      size_t alen = strlen(a);
      /* a pasted draft: its lines kept, a NUL and an escape sequence left out */
      static const char pasted[] = "I am sorry,\r\n\r\nand I wish you \x1b[1mwell\0.";
      if (text && k % 6 == 5) a = pasted, alen = sizeof pasted - 1;
      v = out("answer", page_answer(a, alen));
      if (a == pasted && has(v, "\"ok\":true") &&
          !has(v, "\"note\":\"I left out 2 characters that cannot be shown.\""))
        fail("the note on what was left out of an answer", v);
      if (a == pasted && has(v, "\"entry\":{") &&
          !has(v, "\"text\":\"I am sorry,\\n\\nand I wish you well.\""))
        fail("an answer's lines, kept in its journal entry", v);
      for (int t = 0; t < 6 && !has(v, "\"ok\":true"); t++)
        v = out("answer again", page_answer(answers[t], strlen(answers[t])));
      if (!has(v, "\"ok\":true")) break;
    } else if (has(v, "\"pending\":\"auto\"")) {
      v = out("continue", page_continue());
    } else {
      break;
    }
    if (k == 2) {
      /* the save resumes at the same view */
      const char *save = page_save();
      char *copy = strdup(save);
      if (!copy || (strncmp(copy, "mend-save 1\n", 12) && strncmp(copy, "mend-save 3\n", 12)))
        fail("a save", copy); /* (3: it keeps what a refused line told, in 64-bit flags) */
      char *before = strdup(page_view());
      const char *r = out("resume", page_resume(i, copy, strlen(copy)));
      if (!has(r, "\"ok\":true")) fail("the save resumes", r);
      (void)before;
      if (copy && strlen(copy) > 20) {
        copy[strlen(copy) - 3] ^= 1; /* damaged: refused in words */
        r = out("a damaged save", page_resume(i, copy, strlen(copy)));
        if (!has(r, "\"ok\":false")) fail("a damaged save is refused", r);
        copy[strlen(copy) - 3] ^= 1;
        v = out("resume again", page_resume(i, copy, strlen(copy)));
      }
      free(before);
      free(copy);
    }
    if (k == 4) {
      out("back", page_back());
      v = out("view", page_view());
    }
  }
  const char *j = page_journal();
  if (!j || !*j) fail("the journal", j);
  out("restart", page_restart(seed + 1));
  out("back at the start", page_back());
}

/* What the page says, where the lines are, of heavy words with no sign for
 * the screen, the first time in a step. */
static const char heavy[] = "That sounds heavy. If you would like to talk to someone, choose "
                            "People to talk to, at the top of the page.";
/* ... and of a sign no more serious than the support offered before. */
static const char again[] = "That sounds heavy again. The helplines from before are still "
                            "here: choose People to talk to, at the top of the page.";

/* The support screen shown before, then a sign again (tests/e2e/fixtures/
 * safety.xml, story i): a short reminder, as the terminal gives it, with the
 * page's way to the lines, once a step; for a refused answer too. */
static void support_again(int i) {
  const char *v = out("start", page_start(i, 1));
  v = out("answer", page_answer("i want to kill myself", 21));
  if (!has(v, "\"kind\":\"support\"") || has(v, again)) fail("the screen, the first time", v);
  v = out("refused", page_answer("i cant go on", 12));
  if (!has(v, "\"ok\":false") || !has(v, "\"support\":null") || !has(v, again))
    fail("a refused answer with a sign: the reminder, not the screen", v);
  v = out("refused again", page_answer("i cant go on", 12));
  if (has(v, again)) fail("the reminder once a step", v);
  /* (the reminder once a session in its words: then where the lines are) */
  static const char later[] =
      "\"To see the helplines again, choose People to talk to, at the top of the page.\"";
  v = out("answer", page_answer("10", 2));
  if (!has(v, "{\"kind\":\"again\",\"text\":") || has(v, again) || !has(v, later) ||
      has(v, "\"kind\":\"support\""))
    fail("a <support/> after the screen: the reminder, in fewer words", v);
}

/* Heavy words with no sign for the screen, refused where a number is asked
 * ("i cant do this without him": [heavy]): where the lines are, once a step,
 * as the terminal says it; any other refused line: nothing of the kind. */
static void quiet_refused(int i) {
  const char *v = out("start", page_start(i, 1));
  v = out("answer", page_answer("fine", 4));
  v = out("refused", page_answer("no idea", 7));
  if (!has(v, "\"ok\":false") || has(v, "That sounds") || has(v, "I hear you"))
    fail("a refused line: the hint only", v);
  v = out("refused heavy", page_answer("i cant do this without him", 26));
  if (!has(v, "\"ok\":false") || !has(v, "\"support\":null") || !has(v, heavy))
    fail("a refused heavy line: where the lines are, not the screen", v);
  v = out("refused heavy again", page_answer("i cant do this without him", 26));
  if (has(v, heavy)) fail("where the lines are, once a step", v);
  /* a sign refused where a number is asked: the screen; then the story's
   * <support/> (an urge of 10) is no more serious: the reminder, not the
   * screen again */
  v = out("refused sign", page_answer("i want to die", 13));
  if (!has(v, "\"ok\":false") || has(v, "\"support\":null")) fail("a refused sign: the screen", v);
  v = out("answer", page_answer("10", 2));
  if (has(v, "\"kind\":\"support\"") || !has(v, again))
    fail("a <support/> after a refused line's screen: the reminder", v);
}

/* A number with a sign after it ("2 - i want to die"): the screen, then the
 * number taken, as the terminal takes it ("(Your answer: 2.)"): the person
 * is not asked again. */
static void number_with_a_sign(int i) {
  const char *v = out("start", page_start(i, 1));
  v = out("answer", page_answer("fine", 4));
  v = out("a number with a sign", page_answer("2 - i want to die", 17));
  if (!has(v, "\"ok\":true") || !has(v, "\"kind\":\"support\"") || !has(v, "(Your answer: 2.)") ||
      has(v, "How strong is the urge"))
    fail("a number with a sign: the screen, then the number taken", v);
}

/* A number with heavy words after it ("10 i cant do this"): heard as heavy
 * the first time they are told (where the lines are), not as told before,
 * then the number taken. */
static void number_with_heavy_words(int i) {
  const char *v = out("start", page_start(i, 1));
  v = out("answer", page_answer("fine", 4));
  v = out("a number with heavy words", page_answer("10 i cant do this", 17));
  if (!has(v, "\"ok\":true") || !has(v, heavy) || !has(v, "(Your answer: 10.)"))
    fail("a number with heavy words: heard as heavy, then the number taken", v);
}

/* Words that nothing in a story with words hears, refused where a number is
 * asked ("its been a long week tbh"): heard, as the terminal hears them; a
 * line that says nothing ("asdf"): the hint only. */
static void heard_refused(int i) {
  const char *v = out("start", page_start(i, 1));
  if (!has(v, "\"kind\":\"scale\"")) fail("posting starts with a number", v);
  v = out("refused words", page_answer("its been a long week tbh", 24));
  if (!has(v, "\"ok\":false") || !has(v, "I hear you.")) fail("a refused line of words: heard", v);
  v = out("refused mash", page_answer("asdf", 4));
  if (!has(v, "\"ok\":false") || has(v, "I hear you")) fail("a refused mash: the hint only", v);
  /* once a step: other words at the same number, the hint alone */
  v = out("refused words again", page_answer("work was awful today", 20));
  if (!has(v, "\"ok\":false") || has(v, "I hear you"))
    fail("words again in one step: the hint only", v);
}

/* A line told where a number is asked that ends the question's own condition
 * (if="not told('grief')"): the story goes on, in a view with the note, as
 * the terminal goes on. */
static void unasked(int i) {
  const char *v = out("start", page_start(i, 1));
  if (!has(v, "\"pending\":\"ask\"")) fail("the question waits", v);
  v = out("told", page_answer("he died last month", 18));
  if (!has(v, "\"ok\":true") || !has(v, "I am so sorry.") || !has(v, "\"pending\":\"choice\"") ||
      !has(v, "\"note\":\"Thank you for telling me.\""))
    fail("a death at a number asked if not told('grief'): the story goes on", v);
}

/* A story's <hear>, as the terminal has it: a dig typed where the number is
 * asked gets its words, the number still asked; "we got back together"
 * leads on from its node, the question gone. */
static void heard_by_story(int i) {
  const char *v = out("start", page_start(i, 1));
  v = out("dig", page_answer("ur a pathetic loser", 19));
  if (!has(v, "\"ok\":false") || !has(v, "You sound angry with them. That is allowed here.") ||
      has(v, "I hear you"))
    fail("a dig at a number: the story's <hear> words, the number still asked", v);
  v = out("together", page_answer("we got back together last week", 30));
  if (!has(v, "\"ok\":true") || !has(v, "You are back together, you said.") ||
      !has(v, "Then this night may be different."))
    fail("together at a number: the story goes on from its <hear>'s node", v);
}

/* ... at a yes/no, with the answer in the same line: its words as the note of
 * the answer's view; or the story led on by it, nothing answered. */
static void heard_with_an_answer(int i) {
  const char *v = out("start", page_start(i, 1));
  v = out("dig with a no", page_answer("no. ur a pathetic loser", 23));
  if (!has(v, "\"ok\":true") || !has(v, "\"note\":\"There is anger in what you typed.\"") ||
      !has(v, "No, then."))
    fail("a dig with the no: the <hear>'s words, and the no taken", v);
  v = out("start", page_start(i, 1));
  v = out("together with a yes", page_answer("yes, we got back together last week", 35));
  if (!has(v, "\"ok\":true") || !has(v, "You are back together, you said.") ||
      !has(v, "Then this can wait.") || has(v, "Yes, then."))
    fail("together with a yes: led on by the <hear>, nothing answered", v);
}

/* The page's journal download: the Markdown `mend journal --export` writes
 * (the same code), oldest first, every field escaped; a field short of an
 * entry is not one. */
static void markdown(void) {
  static const char entries[] = "2026-12-01 09:05\0First night\0\0# not a heading\n1. not a list\0"
                                "2026-12-02 21:40\0A *title*\0What would you say?\0<b>hi</b>\0"
                                "2026-12-03\0cut short";
  static const char want[] = "# My mend journal\n"
                             "\n## 2026-12-01 09:05 \xE2\x80\x94 First night\n\n"
                             "\\# not a heading\\\n1\\. not a list\n"
                             "\n## 2026-12-02 21:40 \xE2\x80\x94 A \\*title\\*\n\n"
                             "*What would you say?*\n\n"
                             "\\<b\\>hi\\</b\\>\n";
  const char *md = page_markdown(entries, sizeof entries - 1);
  if (strcmp(md, want)) fail("the journal as Markdown", md);
  if (strcmp(page_markdown("", 0), "# My mend journal\n"))
    fail("an empty journal", page_markdown("", 0));
}

/* The words the page is given (WORDS), for the images it is given: the same
 * words for both, wherever the program runs from. */
static mend_lexicon *the_words;
static const mend_lexicon *words_of(void *ud, const char *lang) {
  (void)ud;
  const char *have = the_words ? mend_lexicon_language(the_words) : NULL;
  return have && lang && !strncmp(lang, have, strlen(have)) ? the_words : NULL;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fputs("usage: web_page WORDS LEXICON RESOURCES STORY...\n", stderr);
    return 2;
  }
  markdown();
  out("no story yet", page_view());
  out("nothing to answer", page_answer("x", 1));
  out("no such story", page_start(3, 1));
  out("unknown data", page_data(7, "x", 1));
  out("a broken lexicon", page_data(1, "[nonsense", 9));
  out("a broken image", page_story("MENDIMG\nxx", 10));
  for (int k = 0; k < 3; k++) {
    size_t len;
    char *text = slurp(argv[1 + k], &len);
    if (!text) {
      fail("cannot read", argv[1 + k]);
      return 1;
    }
    const char *r = out("data", page_data(k, text, len));
    if (!has(r, "\"ok\":true")) fail("the data loads", r);
    if (k == 0) the_words = mend_lexicon_load_memory(text, len, argv[1], NULL);
    free(text);
  }
  int n = 0, safety = -1, posting = -1, unask = -1, hear = -1, hear_yesno = -1;
  for (int a = 4; a < argc; a++) {
    mend_diags *d = mend_diags_new();
    char *image = NULL;
    size_t len = 0;
    mend_load_opts o = {0, words_of, NULL}; /* as mend export loads it, with the page's words */
    mend_story *st = mend_story_image(argv[a], &o, &image, &len, d);
    mend_diags_free(d);
    if (!st && !strncmp(argv[a], "stories/", 8)) fail("a bundled story loads", argv[a]);
    if (!st) continue; /* (a story with errors is not exported) */
    mend_story_free(st);
    char *copy = page_alloc(len);
    memcpy(copy, image, len);
    mend_free(image);
    const char *r = out("story", page_story(copy, len));
    page_free(copy);
    if (!has(r, "\"ok\":true")) fail("the image loads", r);
    if (has(r, "\"id\":\"safety\"")) safety = n;
    if (has(r, "\"id\":\"posting\"")) posting = n;
    if (has(r, "\"id\":\"unask\"")) unask = n;
    if (has(r, "\"id\":\"hear\"")) hear = n;
    if (has(r, "\"id\":\"hear-yesno\"")) hear_yesno = n;
    n++;
  }
  out("library", page_library());
  out("countries", page_countries());
  page_set_country("gb", 2);
  if (!strstr(page_support(), "Samaritans")) fail("the lines for GB", page_support());
  page_set_country("x\xff", 2);
  page_set_country("", 0);
  if (!*page_support()) fail("the lines for no country", page_support());
  for (int i = 0; i < n; i++)
    for (int seed = 1; seed <= 2; seed++)
      play(i, seed, 40);
  if (safety >= 0) {
    support_again(safety);
    quiet_refused(safety);
    number_with_a_sign(safety);
    number_with_heavy_words(safety);
  } else
    fail("the safety fixture is among the stories", "tests/e2e/fixtures/safety.xml");
  if (posting >= 0)
    heard_refused(posting);
  else
    fail("a story with words is among the stories", "stories/posting.xml");
  if (unask >= 0)
    unasked(unask);
  else
    fail("the fixture of a question no longer asked is among the stories",
         "tests/e2e/fixtures/unask.xml");
  if (hear >= 0)
    heard_by_story(hear);
  else
    fail("the fixture of a story's <hear> is among the stories", "tests/e2e/fixtures/hear.xml");
  if (hear_yesno >= 0)
    heard_with_an_answer(hear_yesno);
  else
    fail("the fixture of a <hear> at a yes/no is among the stories",
         "tests/e2e/fixtures/hear-yesno.xml");
  mend_lexicon_free(the_words);
  return failures ? 1 : 0;
}
