/* SPDX-License-Identifier: MIT */
/* negex.c - see negex.h. */
#include "negex.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"

enum { M_TERM = 1, M_PSEUDO = 2, M_TARGET = 4, M_COMMON = 8, M_FOREIGN = 16 };

static uint32_t role_of(const ph_set *set, const ph_hit *h) {
  return NX_ROLE(ph_tag(set, h->phrase));
}

static bool in_gap(const ph_hit *h, uint32_t k) {
  return h->gaps >> (k - h->first) & 1;
}

/* Whether every word of [a, b) carries mark m. */
static bool all_marked(const nx_scan *sc, uint32_t a, uint32_t b, uint8_t m) {
  for (uint32_t i = a; i < b; i++)
    if (!(sc->mark[i] & m)) return false;
  return true;
}

/* Whether nothing ends a negation's reach between words `from` and `to`: no
 * termination word in [from, to) and no break before any of [from, to]. */
static bool open_between(const nx_scan *sc, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i <= to && i < sc->w.n; i++) {
    if (sc->w.tok[i].brk != WD_BREAK_NONE) return false;
    if (i < to && (sc->mark[i] & M_TERM)) return false;
  }
  return true;
}

/* "suicidal? no": an answer to a question about the target, right after it. */
static bool answers(const nx_scan *sc, const ph_hit *target, const ph_hit *t) {
  return t->first == target->end && t->first < sc->w.n &&
         sc->w.tok[t->first].brk == WD_BREAK_QUESTION;
}

/* Whether every word of trigger t is a word of a target of h's own rule or
 * kind (not in a gap): the "not" of "can't go on" is part of that sign, and
 * negates nothing of its kind; but a "do not hate" of another rule leaves
 * its "not" to negate "i hate you". */
static bool part_of_own(const ph_set *set, const nx_scan *sc, const ph_hit *t, const ph_hit *h) {
  uint32_t index = NX_INDEX(ph_tag(set, h->phrase));
  for (uint32_t k = t->first; k < t->end; k++) {
    bool in = false;
    for (size_t i = 0; i < sc->nhits && !in; i++) {
      const ph_hit *g = &sc->hits[i];
      uint32_t tag = ph_tag(set, g->phrase);
      in = NX_ROLE(tag) == NX_TARGET && NX_INDEX(tag) == index && g->first <= k && k < g->end &&
           !in_gap(g, k);
    }
    if (!in) return false;
  }
  return true;
}

/* The trigger that negates target h, or NULL. */
static const ph_hit *negated(const ph_set *set, unsigned scope, const nx_scan *sc,
                             const ph_hit *h) {
  for (size_t i = 0; i < sc->nhits; i++) {
    const ph_hit *t = &sc->hits[i];
    uint32_t role = role_of(set, t);
    if (role != NX_BEFORE && role != NX_AFTER && role != NX_ANSWER) continue;
    if (all_marked(sc, t->first, t->end, M_PSEUDO)) continue; /* "not only" */
    if (all_marked(sc, t->first, t->end, M_TARGET) && part_of_own(set, sc, t, h))
      continue; /* part of one: "can't go on" */
    if (role == NX_BEFORE && t->end <= h->first && h->first - t->end <= scope &&
        open_between(sc, t->end, h->first))
      return t;
    if (t->first >= h->first && t->end <= h->end) { /* in a "..." of the target */
      bool gap = true;
      for (uint32_t k = t->first; k < t->end && gap; k++)
        gap = in_gap(h, k);
      if (gap) return t;
    }
    if (role == NX_AFTER && t->first >= h->end && t->first - h->end <= scope &&
        (open_between(sc, h->end, t->first) || answers(sc, h, t)))
      return t;
    if (role == NX_ANSWER && answers(sc, h, t)) return t;
  }
  return NULL;
}

/* Whether a hit's "..." runs over a sentence's end. */
static bool over_sentences(const nx_scan *sc, const ph_hit *h) {
  for (uint32_t k = h->first + 1; k < h->end; k++)
    if (sc->w.tok[k].brk >= WD_BREAK_SENTENCE) return true;
  return false;
}

/* Whether target h holds all of phrase f's own words among its own, and more
 * ("i called her out on it tonight": "called her ... tonight" does not hold
 * the "out" of "called her out", which stands in its "..."). */
static bool holds(const ph_hit *h, const ph_hit *f) {
  if (f->first < h->first || f->end > h->end || h->end - h->first <= f->end - f->first)
    return false;
  for (uint32_t k = f->first; k < f->end; k++)
    if (!in_gap(f, k) && in_gap(h, k)) return false;
  return true;
}

/* A phrase that sets a target aside, overlapping it, in one sentence: "i
 * want him back. he died last month" is no "want him ... died" (a rule's
 * <unless> reads on: sarcasm comes a sentence later). A target that holds
 * all of it and more is the more precise reading and stands: "i should not
 * have ended it" for "should not have ended", over "not ... ended". */
static const ph_hit *figurative(const ph_set *set, const nx_scan *sc, const ph_hit *h) {
  uint32_t index = NX_INDEX(ph_tag(set, h->phrase));
  for (size_t i = 0; i < sc->nhits; i++) {
    const ph_hit *f = &sc->hits[i];
    uint32_t tag = ph_tag(set, f->phrase);
    if (NX_ROLE(tag) != NX_FIGURATIVE && NX_ROLE(tag) != NX_UNLESS) continue;
    if ((NX_INDEX(tag) != NX_ALL && NX_INDEX(tag) != index) || f->first >= h->end ||
        h->first >= f->end)
      continue;
    if (NX_ROLE(tag) == NX_UNLESS) return f;
    if (!over_sentences(sc, f) && !holds(h, f)) return f;
  }
  return NULL;
}

void nx_run(const ph_set *set, unsigned scope, const char *text, size_t n, nx_scan *sc, nx_fn f,
            void *ud) {
  sc->nhits = 0;
  ph_read(set, text, n, &sc->w);
  ph_find(set, &sc->w, &sc->hits, &sc->nhits, &sc->cap);
  if (sc->mark_cap < sc->w.n + 1) {
    mem_free(sc->mark);
    sc->mark_cap = sc->w.n + 1;
    sc->mark = mem_alloc(sc->mark_cap);
  } else {
    memset(sc->mark, 0, sc->w.n + 1);
  }
  for (size_t i = 0; i < sc->nhits; i++) {
    const ph_hit *h = &sc->hits[i];
    uint32_t role = role_of(set, h);
    uint8_t m = role == NX_TERMINATION ? M_TERM
                : role == NX_PSEUDO    ? M_PSEUDO
                : role == NX_TARGET    ? M_TARGET
                : role == NX_COMMON    ? M_COMMON
                : role == NX_FOREIGN   ? M_FOREIGN
                                       : 0;
    for (uint32_t k = h->first; k < h->end; k++)
      if (!in_gap(h, k)) sc->mark[k] |= m;
  }
  sc->common = sc->foreign = 0;
  for (size_t k = 0; k < sc->w.n; k++) {
    sc->common += (sc->mark[k] & M_COMMON) != 0;
    sc->foreign += (sc->mark[k] & M_FOREIGN) != 0;
  }
  for (size_t i = 0; i < sc->nhits; i++) {
    const ph_hit *h = &sc->hits[i];
    if (role_of(set, h) != NX_TARGET) continue;
    const ph_hit *by = figurative(set, sc, h);
    const char *why = "figurative";
    if (!by) {
      by = negated(set, scope, sc, h);
      why = "negated";
    }
    f(ud, sc, h, by, by ? why : NULL);
  }
}

/* Whether word k is the termination word "i" (or a form of it: "im"). */
static bool term_i(const nx_scan *sc, const char *text, size_t k) {
  const ph_tok *t = &sc->w.tok[k];
  /* ("i", "im", "i'm", "i'll", "i've") */
  return (sc->mark[k] & M_TERM) && (text[t->start] | 0x20) == 'i' && t->end - t->start <= 4;
}

/* Whether word k turns the sentence, as a quote's end: the language's
 * termination words ("but", "and he"), not "i", which ends a negation's
 * reach but no clause; and an "and" before it ("...a pathetic loser and i
 * never want to see u again"). */
static bool turns(const nx_scan *sc, const char *text, size_t k) {
  const ph_tok *t = &sc->w.tok[k];
  if (sc->mark[k] & M_TERM) return !term_i(sc, text, k);
  return k + 1 < sc->w.n && t->end - t->start == 3 && !strncasecmp(text + t->start, "and", 3) &&
         term_i(sc, text, k + 1);
}

void nx_quote_span(const nx_scan *sc, const ph_hit *h, const char *text, size_t before,
                   size_t after, size_t *start, size_t *size, bool *cut_before, bool *cut_after) {
  const ph_tok *t = sc->w.tok;
  size_t a = h->first, b = h->end, k = 0;
  *cut_before = *cut_after = false;
  /* a hit over a sentence's end is quoted from the sentence that holds
   * most of its words ("i will not text again. see you": the first), the
   * last of those that hold as many ("i need u. ur a pathetic loser" for
   * "you ... pathetic": the one it ends in) */
  size_t best = 0;
  for (size_t i = h->first, from = h->first, n = 0; i <= h->end; i++) {
    if (i == h->end || (i > h->first && t[i].brk >= WD_BREAK_SENTENCE)) {
      if (n >= best) best = n, a = from, b = i;
      from = i, n = 0;
    }
    if (i < h->end && !in_gap(h, i)) n++;
  }
  /* a word a variant stands for ("ur": "you are") is one word of the text */
  while (a > 0 && t[a].brk == WD_BREAK_NONE && !turns(sc, text, a - 1)) {
    if (t[a - 1].start != t[a].start && k++ == before) {
      *cut_before = true;
      break;
    }
    a--;
  }
  for (k = 0; b < sc->w.n && t[b].brk == WD_BREAK_NONE && !turns(sc, text, b); b++)
    if (t[b].start != t[b - 1].start && k++ == after) {
      *cut_after = true;
      break;
    }
  *start = t[a].start;
  *size = t[b - 1].end - *start;
}

void nx_free(nx_scan *sc) {
  if (!sc) return;
  ph_words_free(&sc->w);
  mem_free(sc->hits);
  mem_free(sc->mark);
  memset(sc, 0, sizeof *sc);
}

/* Whether a normalised word is a keyboard mash ("asdf", "jkl;", "sdfghj",
 * "zxcvb", "hjkhjk", "grrrr"): three keys side by side on the middle or
 * bottom row of a QWERTY keyboard (no English word has them), or four
 * letters or more without a vowel. A word the set knows ("pls", "tmrw",
 * a variant) is never one. */
static bool mash_word(const char *w, size_t n) {
  static const char *const rows[] = {"asdfghjkl", "lkjhgfdsa", "zxcvbnm", "mnbvcxz", "qwe", "ewq"};
  bool vowel = false;
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    if (c < 'a' || c > 'z') return false; /* digits, accents, other scripts: not read */
    if (strchr("aeiouy", c)) vowel = true;
  }
  if (!vowel && n >= 4) return true;
  for (size_t i = 0; i + 3 <= n; i++)
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
      const char *at = strchr(rows[r], w[i]);
      if (at && at[1] == w[i + 1] && at[1] && at[2] == w[i + 2]) return true;
    }
  return false;
}

/* An answer of keyboard mashes alone (words the set does not know), and of
 * single letters ("k", "n", "y u"). */
static bool all_mash(const ph_set *set, ph_words *w) {
  size_t words = 0;
  for (size_t i = 0; i < w->split.n; i++) {
    const char *word = wd_word(&w->split, i);
    size_t len = w->split.tok[i].len;
    bool digits = true;
    for (size_t k = 0; k < len && digits; k++)
      digits = word[k] >= '0' && word[k] <= '9';
    if (digits) continue;
    if (len > 1 && (!mash_word(word, len) || ph_knows(set, w, word, len))) return false;
    words++;
  }
  return words > 0;
}

bool nx_says_nothing(const ph_set *set, const char *text, size_t n) {
  ph_words w = {0};
  ph_read(set, text, n, &w);
  bool letters = false;
  for (size_t i = 0; i < w.n && !letters; i++)
    for (size_t k = w.tok[i].start; k < w.tok[i].end && !letters; k++)
      letters = !(text[k] >= '0' && text[k] <= '9');
  bool nothing = !letters;
  if (letters) {
    ph_hit *hits = NULL;
    size_t nhits = 0, cap = 0;
    ph_find(set, &w, &hits, &nhits, &cap);
    for (size_t i = 0; i < nhits && !nothing; i++)
      nothing = NX_ROLE(ph_tag(set, hits[i].phrase)) == NX_NOTHING && hits[i].first == 0 &&
                hits[i].end == w.n && !hits[i].gaps;
    mem_free(hits);
    if (!nothing) nothing = all_mash(set, &w);
  }
  ph_words_free(&w);
  return nothing;
}
