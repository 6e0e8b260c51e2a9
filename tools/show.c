/* SPDX-License-Identifier: MIT */
/* show.c - see show.h. */
#include "show.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mend/safety.h"
#include "term.h"

const char show_stuck[] = "The story cannot go on from here.";

char *show_contact_noted(const char *progress) {
  char *msg;
  if (asprintf(&msg, "(Noted for your count of days without contact; %s shows it.)",
               progress ? progress : "the journal") < 0)
    abort();
  return msg;
}

char *show_loops(const char *at) {
  char *msg;
  if (asprintf(&msg,
               "the story moved on by itself %d times in a row at '%s' without asking anything: "
               "it seems to loop",
               MEND_MAX_AUTO_IN_A_ROW, at) < 0)
    abort();
  return msg;
}

const char show_feedback_lead[] = "  ";

void show_question_range(const mend_question *q, char *buf, size_t n) {
  if (q->kind == MEND_ASK_SCALE)
    snprintf(buf, n, " [%lld-%lld]", (long long)q->min, (long long)q->max);
  else if (q->kind == MEND_ASK_YESNO)
    snprintf(buf, n, " [y/n]");
  else if (n)
    buf[0] = 0;
}

void show_answer_problem(const mend_question *q, mend_status st, char *msg, size_t n) {
  switch (st) {
  case MEND_E_NOT_NUMBER:
    snprintf(msg, n, "Please type a whole number from %lld to %lld.", (long long)q->min,
             (long long)q->max);
    break;
  case MEND_E_RANGE:
    snprintf(msg, n, "That is outside the scale: please type a number from %lld to %lld.",
             (long long)q->min, (long long)q->max);
    break;
  case MEND_E_NOT_YESNO: snprintf(msg, n, "Please answer yes or no (y/n)."); break;
  case MEND_E_UNSURE:
    if (q->kind == MEND_ASK_YESNO)
      snprintf(msg, n, "It is all right not to be sure. For now, which is closer: yes or no?");
    else
      snprintf(msg, n,
               "It is all right not to be sure. A guess is enough: a number from %lld to %lld.",
               (long long)q->min, (long long)q->max);
    break;
  case MEND_E_TOO_LONG:
    /* (in words a person counts: 4096 bytes are some 600 words of English) */
    snprintf(msg, n,
             "That is more than one answer can hold here (about %d words). Please "
             "shorten it.",
             MEND_MAX_ANSWER / 7 / 100 * 100);
    break;
  default: snprintf(msg, n, "That answer cannot be used here."); break;
  }
}

/* 1 for a first word that is a plain yes (y, yes, yeah, yep, yup), 0 a
 * plain no (n, no, nope, nah), -1 else ("Nobody", "Never"). */
static int plain_yes_or_no(const char *text, size_t n) {
  static const char *const words[2][5] = {{"n", "no", "nope", "nah", NULL},
                                          {"y", "yes", "yeah", "yep", "yup"}};
  size_t w = strcspn(text, " ,.!");
  if (w > n) w = n;
  for (int v = 0; v < 2; v++)
    for (size_t i = 0; i < 5 && words[v][i]; i++)
      if (strlen(words[v][i]) == w && !strncasecmp(text, words[v][i], w)) return v;
  return -1;
}

/* Whether s starts with a mark a person may leave out or type otherwise: an
 * apostrophe (also ’), a comma, a full stop and the like; its length, or 0. */
static size_t skippable(const char *s, size_t n) {
  if (n >= 3 && !memcmp(s, "\xE2\x80\x99", 3)) return 3;
  return n && strchr("',.;:!-", *s) ? 1 : 0;
}

/* How far a typed answer *a and label t (n bytes) go alike, case and marks
 * aside ("its harmless" is "It's harmless", "pause what am i" is "Pause. What
 * am I"): the bytes of t matched; *a is moved past what matched. */
static size_t label_walk(const char *t, size_t n, const char **a) {
  size_t i = 0;
  const char *p = *a;
  for (;;) {
    for (size_t k; i < n && (k = skippable(t + i, n - i));)
      i += k;
    if (i == n) break;
    for (size_t k; (k = skippable(p, strnlen(p, 3)));)
      p += k;
    if (!*p || tolower((unsigned char)t[i]) != tolower((unsigned char)*p)) break;
    i++;
    p++;
  }
  *a = p;
  return i;
}

/* How a typed answer a starts label t (n bytes): 0 not, 1 a start of it, 2
 * all of it. */
static int starts_label(const char *t, size_t n, const char *a) {
  size_t i = label_walk(t, n, &a);
  for (size_t k; i == n && (k = skippable(a, strnlen(a, 3)));) /* ("Okay. Let's look.") */
    a += k;
  return *a ? 0 : i == n ? 2 : 1;
}

long show_pick_choice(const mend_session *s, const char *a, bool *ambiguous) {
  size_t n = mend_session_choice_count(s), len = strlen(a);
  *ambiguous = false;
  if (!len) return -1;
  size_t digits = strspn(a, "0123456789");
  if (digits == len) {
    unsigned long long k = len > 19 ? 0 : strtoull(a, NULL, 10);
    return k >= 1 && k <= n ? (long)k - 1 : -1;
  }
  int yn = strcspn(a, " ,.!") == len ? plain_yes_or_no(a, len) : -1; /* a lone yes or no */
  long found = -1;
  for (size_t i = 0; i < n; i++) {
    const mend_text *t = &mend_session_choice(s, i)->label;
    int starts = starts_label(t->text, t->length, a);
    if (starts == 2) return (long)i; /* whole label */
    if (yn >= 0 ? plain_yes_or_no(t->text, t->length) != yn : !starts) continue;
    if (found >= 0) *ambiguous = true;
    found = (long)i;
  }
  return *ambiguous ? -1 : found;
}

bool show_view_shows_something(const mend_session *s) {
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_FEEDBACK || it->kind == MEND_ITEM_RULE ||
        it->kind == MEND_ITEM_SUPPORT_AGAIN || (it->kind == MEND_ITEM_PARAGRAPH && it->text.length))
      return true;
  }
  return false;
}

bool show_view_flows_on(const mend_session *s) {
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind == MEND_ITEM_PARAGRAPH && it->text.length) return false;
  }
  return true;
}

bool show_question_left(const mend_session *s, int qline) {
  return mend_session_pending(s) != MEND_PENDING_ASK || mend_session_question(s)->line != qline;
}

size_t show_words_in(const char *text, size_t n) {
  size_t words = 0;
  bool in = false;
  for (size_t i = 0; i < n && text[i]; i++) {
    bool letter =
        isalnum((unsigned char)text[i]) || text[i] == '\'' || (unsigned char)text[i] >= 0x80;
    words += letter && !in;
    in = letter;
  }
  return words;
}

int show_first_yes_or_no(const char *text, size_t n) {
  char first[16];
  size_t w = strcspn(text, " ,.!");
  if (w > n) w = n;
  if (w >= sizeof first) return -1;
  memcpy(first, text, w);
  first[w] = 0;
  /* "nobody cares", "no one will ever love me": a sentence that starts with
   * "nobody", "no one" or "never" says something else; it is a no only with a
   * word or two after it ("nobody really", "no one yet", "never, not once") */
  bool one = !strcasecmp(first, "no") && n - w >= 4 && !strncasecmp(text + w, " one", 4);
  if (one || !strcasecmp(first, "nobody") || !strcasecmp(first, "noone") ||
      !strcasecmp(first, "never")) {
    size_t at = w + (one ? 4 : 0);
    if (show_words_in(text + at, n - at) > 2) return -1;
  }
  bool yes;
  return mend_parse_yesno(first, &yes) == MEND_OK ? yes : -1;
}

/* ---- a yes or a no in the question's own words ---------------------------------- */

#define ECHO_WORDS 48

/* The words of text[0..n): lower case, apostrophes dropped ("couldn't" is
 * "couldnt"), at most ECHO_WORDS of 15 letters; brk[i] when a mark (. , ! ?
 * ; : or a dash) stands before word i. */
static size_t echo_words(const char *text, size_t n, char w[][16], bool brk[]) {
  size_t k = 0;
  bool mark = false;
  for (size_t i = 0; i < n && k < ECHO_WORDS;) {
    unsigned char c = (unsigned char)text[i];
    if (isalnum(c)) {
      size_t len = 0;
      for (; i < n; i++) {
        c = (unsigned char)text[i];
        if (c == '\'') continue;
        if (c == 0xe2 && i + 2 < n && (unsigned char)text[i + 1] == 0x80 &&
            (unsigned char)text[i + 2] == 0x99) {
          i += 2;
          continue;
        }
        if (!isalnum(c)) break;
        if (len + 1 < 16) w[k][len++] = (char)tolower(c);
      }
      w[k][len] = 0;
      brk[k++] = mark;
      mark = false;
    } else {
      if ((c && strchr(".,!?;:-", (int)c)) || c >= 0x80) mark = true;
      i++;
    }
  }
  return k;
}

static int word_in_list(const char *w, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(w, list[i])) return i;
  return -1;
}

/* The kinds of question a yes or a no answers by its verb ("Could you keep
 * it?" "I couldn't."): do, a modal, have, be. */
enum { ECHO_NONE, ECHO_DO, ECHO_MODAL, ECHO_HAVE, ECHO_BE };

static int echo_kind(const char *w) {
  static const char *const kinds[][7] = {{"do", "did", "does", NULL},
                                         {"can", "could", "will", "would", "should", "shall", NULL},
                                         {"have", "has", "had", NULL},
                                         {"are", "were", NULL}};
  for (int k = 0; k < 4; k++)
    if (word_in_list(w, kinds[k]) >= 0) return ECHO_DO + k;
  return ECHO_NONE;
}

/* An answer's verb of the question's kind: its kind, and whether it says
 * no ("couldnt", "cannot"; "not" after it is read by the caller). */
static int echo_answer_verb(const char *w, bool *no) {
  static const char *const nos[][8] = {
      {"dont", "didnt", "doesnt", NULL},
      {"cant", "cannot", "couldnt", "wont", "wouldnt", "shouldnt", NULL},
      {"havent", "hasnt", "hadnt", NULL},
      {"arent", "wasnt", "werent", "aint", NULL}};
  static const char *const yeses[][8] = {{"do", "did", "does", NULL},
                                         {"can", "could", "will", "would", "should", NULL},
                                         {"have", "has", "had", NULL},
                                         {"am", "was", "were", "are", NULL}};
  for (int k = 0; k < 4; k++) {
    if (word_in_list(w, nos[k]) >= 0) {
      *no = true;
      return ECHO_DO + k;
    }
    if (word_in_list(w, yeses[k]) >= 0) {
      *no = false;
      return ECHO_DO + k;
    }
  }
  return ECHO_NONE;
}

/* Words that only colour a verb ("I could really keep it"). */
static const char *const echo_colour[] = {"still",      "really", "ever",  "even",       "honestly",
                                          "actually",   "just",   "truly", "definitely", "totally",
                                          "absolutely", "100",    "deffo", "def",        NULL};

int show_echo_yes_or_no(const char *prompt, size_t pn, const char *text, size_t n) {
  /* the question: its last sentence that asks something */
  size_t end = pn;
  while (end && prompt[end - 1] != '?')
    end--;
  if (!end) return -1;
  size_t start = end - 1;
  while (start && !strchr(".!?:", prompt[start - 1]))
    start--;
  char q[ECHO_WORDS][16], a[ECHO_WORDS][16];
  bool qb[ECHO_WORDS], ab[ECHO_WORDS];
  size_t nq = echo_words(prompt + start, end - start, q, qb);
  size_t na = echo_words(text, n, a, ab);
  if (!na) return -1;
  /* "Could you keep that promise?": its kind (could) and its verb (keep);
   * "Is it worth it?", "worth it?": worth */
  int kind = ECHO_NONE;
  const char *verb = NULL;
  for (size_t i = 0; i + 1 < nq && !kind; i++) {
    if (strcmp(q[i + 1], "you") || !(kind = echo_kind(q[i]))) continue;
    size_t v = i + 2;
    while (v < nq && word_in_list(q[v], echo_colour) >= 0)
      v++;
    verb = v < nq ? q[v] : NULL;
  }
  bool worth = nq >= 2 && !strcmp(q[nq - 2], "worth") && !strcmp(q[nq - 1], "it");
  if (!kind && !worth) return -1;
  /* a "but" after it leaves the answer open ("i could but i wont") */
  for (size_t i = 0; i < na; i++)
    if (!strcmp(a[i], "but") || !strcmp(a[i], "unless") || !strcmp(a[i], "if")) return -1;
  static const char *const fillers[] = {"honestly",   "well",          "um", "uh",   "hmm", "tbh",
                                        "truthfully", "realistically", "ok", "okay", "so",  NULL};
  size_t i = 0;
  while (i < na && word_in_list(a[i], fillers) >= 0)
    i++;
  bool no = false; /* the answer's no, so far */
  if (worth) {
    /* "its not worth it", "not really worth it", "it is", "worth it", "it isnt" */
    static const char *const it[] = {"it", "its", "thats", "that", NULL};
    bool read = false;
    if (i < na && word_in_list(a[i], it) >= 0) i++;
    if (i < na && !strcmp(a[i], "is")) {
      read = true;
      i++;
    }
    if (i < na && (!strcmp(a[i], "isnt") || !strcmp(a[i], "not") || !strcmp(a[i], "aint") ||
                   !strcmp(a[i], "never"))) {
      no = read = true;
      i++;
    }
    while (i < na && !ab[i] && word_in_list(a[i], echo_colour) >= 0)
      i++;
    if (i < na && !ab[i] && !strcmp(a[i], "worth")) {
      read = true;
      i += i + 1 < na && !ab[i + 1] && !strcmp(a[i + 1], "it") ? 2 : 1;
    }
    return read && (i == na || ab[i]) ? !no : -1;
  }
  /* "i think i could", "i dont think i can": the hedge's no too */
  bool hedge_no = false;
  if (i + 2 < na && !strcmp(a[i], "i") &&
      (!strcmp(a[i + 1], "think") || (!strcmp(a[i + 1], "dont") && !strcmp(a[i + 2], "think")))) {
    hedge_no = !strcmp(a[i + 1], "dont");
    i += hedge_no ? 3 : 2;
    if (i < na && !strcmp(a[i], "that")) i++;
    if (i < na && !ab[i] && !strcmp(a[i], "so") && (i + 1 == na || ab[i + 1])) return !hedge_no;
    if (i >= na || ab[i]) return -1;
  }
  /* "i couldnt", "i do not", "ill keep it", "id still post it", "im not" */
  int got = ECHO_NONE;
  if (i < na && (!strcmp(a[i], "ill") || !strcmp(a[i], "id"))) {
    got = ECHO_MODAL;
    i++;
  } else if (i < na && !strcmp(a[i], "ive")) {
    got = ECHO_HAVE;
    i++;
  } else if (i < na && !strcmp(a[i], "im")) {
    got = ECHO_BE;
    i++;
  } else {
    if (i < na && !strcmp(a[i], "i")) i++;
    if (i < na && !ab[i]) got = echo_answer_verb(a[i], &no);
    if (got) i++;
  }
  if (got != kind) {
    /* no verb of the question's kind: the question's own verb, as "i want to"
     * at "Do you want to ...?" */
    if (got || kind != ECHO_DO || !verb || i >= na || strcmp(a[i], verb)) return -1;
    return !hedge_no;
  }
  if (i < na && !ab[i] && (!strcmp(a[i], "not") || !strcmp(a[i], "never"))) {
    no = !no || !strcmp(a[i], "never");
    i++;
  }
  while (i < na && !ab[i] && word_in_list(a[i], echo_colour) >= 0)
    i++;
  /* then the end, a mark, the question's verb, or "do that" */
  bool ends =
      i == na || ab[i] || (verb && !strcmp(a[i], verb)) ||
      (i + 1 < na && !strcmp(a[i], "do") &&
       (!strcmp(a[i + 1], "that") || !strcmp(a[i + 1], "it") || !strcmp(a[i + 1], "this")) &&
       (i + 2 == na || ab[i + 2]));
  if (!ends) return -1;
  return (no != hedge_no) ? 0 : 1;
}

/* Whether line[0..k) is a number on q's scale, and letters follow. */
static bool number_then_words(const mend_question *q, const char *line, size_t k, int64_t *v) {
  bool letters = false;
  for (const char *r = line + k; *r && !letters; r++)
    letters = isalpha((unsigned char)*r) || (unsigned char)*r >= 0x80;
  if (!letters) return false;
  char part[32];
  if (k >= sizeof part) return false;
  memcpy(part, line, k);
  part[k] = 0;
  return mend_parse_scale(part, q->min, q->max, v) == MEND_OK;
}

/* The words that start a sentence of their own after a number ("3 honestly im
 * relieved", "8 i cant stop"), not what the number counts ("2 years"). */
static const char *const sentence_starts[] = {
    "i", "im", "ive", "id", "ill", "honestly", "tbh", "but", "and", "maybe", "probably", "idk",
    "ugh", "because", "cause", "cuz", "cos", "he", "she", "they", "hes", "shes", "pls", "please",
    "plz", "just", "so", "lol", "omg", "really", "its", "it", "this", "thats", "still", "tonight",
    "rn", "atm", "not", "yeah", "no", "ok", "okay", "now", "tho", "cant", "dont", "why", "feeling",
    "feel", "good", "fine", "bad", "sad", "tired", "fuck", "fml", "wtf", "wth", "ffs", "we", "my",
    "sorry", "nothing", "everything", "her", "his", "our", "their", "call", "text", "going",
    "gonna", "wanna", "want", "need", "miss", "at", "might", "will", "should", "havent", "hadnt",
    "didnt", "wasnt", "barely", "been", "whats", "what", "whatever", "nobody", "idc",
    /* what was done or is to be done ("8 send him a pic of us", "6 went round his
     * yesterday": v85 PC-7, PC-12) */
    "send", "sent", "went", "go", "drove", "drive", "walked", "sat", "texted", "messaged", "called",
    "rang", "cried", "crying", "took", "thinking", NULL};

/* "9. i already texted him tonight", "7, he hit me", "10/10 - i cant":
 * a scale answer that starts with its number, then a full stop, a comma, a
 * dash or the like, and words after it, or a word that starts a sentence
 * ("3 honestly im relieved"): the number, in *v (true). Not "2 years
 * wasted" (a number of something else), nor "7.5" or "7-8" (no words). */
static bool first_number(const mend_question *q, const char *line, int64_t *v) {
  /* up to a mark, or a later one ("idk, maybe 2. its a lot": "idk, maybe 2") */
  for (size_t k = strcspn(line, ",.!?;:-"); line[k]; k += 1 + strcspn(line + k + 1, ",.!?;:-"))
    if (k && number_then_words(q, line, k, v)) return true;
  /* no mark, but what comes next starts a sentence of its own ("3 honestly
   * im relieved", "8 i cant stop"), not what the number counts ("2 years")
   * (the number's part ends before the first such word: "3 out of 10 i
   * guess") */
  for (const char *w = line; *w;) {
    while (*w && !isalpha((unsigned char)*w))
      w++;
    const char *start = w;
    char word[16];
    size_t n = 0;
    for (; isalpha((unsigned char)*w) || *w == '\''; w++)
      if (*w != '\'' && n + 1 < sizeof word) word[n++] = (char)tolower((unsigned char)*w);
    word[n] = 0;
    if (start == line || (size_t)(w - start) >= sizeof word) continue;
    for (size_t i = 0; sentence_starts[i]; i++)
      if (!strcmp(word, sentence_starts[i]))
        return number_then_words(q, line, (size_t)(start - line), v);
  }
  return false;
}

/* The length of the first of `words` (NULL-terminated) that the first n bytes
 * of line end with, after a space (`space`) or else anything but a letter,
 * in any case; 0 for none. */
static size_t ends_with_word(const char *line, size_t n, const char *const *words, bool space) {
  for (size_t i = 0; words[i]; i++) {
    size_t k = strlen(words[i]);
    if (n > k && !strncasecmp(line + n - k, words[i], k) &&
        (space ? isspace((unsigned char)line[n - k - 1])
               : !isalpha((unsigned char)line[n - k - 1])))
      return k;
  }
  return 0;
}

/* "cant stop thinking about her. 8", "its been a long week - 7/10": words,
 * a mark, then the number as the last thing of the first n bytes of line: the
 * number, in *v. */
static bool last_number(const mend_question *q, const char *line, size_t n, int64_t *v) {
  /* (and the words that only hedge it after it: "cant sleep again. 8 i guess") */
  /* ("hes texting me at 2am. 7 i think": v86 TR-5) */
  static const char *const after[] = {"i guess",  "guess",    "tbh",     "probably",  "prob",
                                      "maybe",    "lol",      "rn",      "ish",       "or so",
                                      "honestly", "atm",      "tonight", "now",       "ngl",
                                      "i think",  "i reckon", "id say",  "i suppose", NULL};
  for (size_t k = 1; k; n -= k) {
    while (n && (isspace((unsigned char)line[n - 1]) || line[n - 1] == '.' || line[n - 1] == '!'))
      n--;
    k = ends_with_word(line, n, after, true);
  }
  size_t b = n;
  while (b && isdigit((unsigned char)line[b - 1]))
    b--;
  if (b && line[b - 1] == '/' && b != n) { /* "7/10" */
    b--;
    while (b && isdigit((unsigned char)line[b - 1]))
      b--;
  }
  if (b == n || n - b >= 32 || !isdigit((unsigned char)line[b])) return false;
  size_t m = b;
  while (m && isspace((unsigned char)line[m - 1]))
    m--;
  /* (after a word that only hedges it: "... her insta. like a 9") */
  static const char *const hedges[] = {"like a", "like", "maybe a", "maybe", "about a", "about",
                                       "prob a", "prob", "around",  "a",     NULL};
  size_t k = ends_with_word(line, m, hedges, false);
  if (k) {
    m -= k;
    while (m && isspace((unsigned char)line[m - 1]))
      m--;
  }
  if (!m || !strchr(",.!?;:-", line[m - 1])) return false;
  bool letters = false;
  for (size_t i = 0; i < m && !letters; i++)
    letters = isalpha((unsigned char)line[i]) || (unsigned char)line[i] >= 0x80;
  if (!letters) return false;
  char part[32];
  memcpy(part, line + b, n - b);
  part[n - b] = 0;
  return mend_parse_scale(part, q->min, q->max, v) == MEND_OK;
}

/* A number that is a sentence of its own between others, after words and a
 * mark ("everything. 10 i guess. my nan died tuesday", "I feel fine, maybe a
 * 2. I hope she is happy.", "... 10. he said nobody else would want me"):
 * the number, in *v, when the line has one such (two that differ say no one
 * number: "i was a 5. now an 8. idk"). */
static bool middle_number(const mend_question *q, const char *line, int64_t *v) {
  bool found = false;
  if (!line[0]) return false;
  for (size_t p = 1; line[p]; p++) {
    if (!strchr(".!?", line[p]) ||
        (isdigit((unsigned char)line[p - 1]) && isdigit((unsigned char)line[p + 1])))
      continue;
    int64_t x;
    if (!last_number(q, line, p, &x)) continue;
    if (found && x != *v) return false;
    *v = x;
    found = true;
  }
  return found;
}

/* The answer a line gives where it starts with one and goes on: the first
 * word of a yes/no ("no, not today"), the number of a scale ("9. i already
 * texted him"); NULL for none. In buf. */
static const char *first_answer(const mend_question *q, const char *line, char buf[32]) {
  if (q->kind == MEND_ASK_YESNO) {
    int v = show_first_yes_or_no(line, strlen(line));
    if (v < 0) v = show_echo_yes_or_no(q->prompt.text, q->prompt.length, line, strlen(line));
    return v < 0 ? NULL : v ? "yes" : "no";
  }
  int64_t n;
  if (q->kind != MEND_ASK_SCALE ||
      !(first_number(q, line, &n) || last_number(q, line, strlen(line), &n) ||
        middle_number(q, line, &n)))
    return NULL;
  snprintf(buf, 32, "%lld", (long long)n);
  return buf;
}

/* Whether st refuses what first_answer reads (not a yes/no, not a number;
 * at a number, also a line that starts unsure and gives its number before a
 * mark: "idk like a 9. i just want them back" is the 9, while "idk its bad
 * tonight" and "idk. 7 or 8" have none to read). */
static bool refused_as_a_whole(const mend_question *q, mend_status st) {
  return q && ((q->kind == MEND_ASK_YESNO && st == MEND_E_NOT_YESNO) ||
               (q->kind == MEND_ASK_SCALE && (st == MEND_E_NOT_NUMBER || st == MEND_E_UNSURE)));
}

mend_status show_answer_first_word(mend_session *s, mend_status st, const char *line, char **heard,
                                   bool *moved) {
  if (heard) *heard = NULL;
  if (moved) *moved = false;
  const mend_question *q = mend_session_question(s);
  if (!refused_as_a_whole(q, st)) return st;
  char buf[32];
  const char *first = first_answer(q, line, buf);
  /* (a line with a safety sign is refused, and told where it is answered,
   * so that its first telling is heard as one; a list's, as "yeah i texted
   * him tonight" at a yes/no, is the yes) */
  if (!first || mend_session_signs(s, line, strlen(line))) return st;
  int qline = q->line;
  mend_session_tell(s, line, strlen(line), NULL);
  const char *words;
  mend_heard how = mend_session_heard(s, &words);
  if (how == MEND_HEARD_SAID && heard && !(*heard = strdup(words))) abort();
  /* led on by a <hear>, or what it told ended the question's own condition
   * ("0. he died last month" where if="not told('grief')" asks): the story
   * went on, and the number is no answer to anything now */
  if (how == MEND_HEARD_MOVED || show_question_left(s, qline)) {
    if (moved) *moved = true;
    return MEND_OK;
  }
  return mend_session_answer(s, first);
}

mend_status show_answer_after_signs(mend_session *s, mend_status st, const char *line,
                                    char said[SHOW_ANSWER_SAID]) {
  const mend_question *q = mend_session_question(s);
  if (!refused_as_a_whole(q, st)) return st;
  char buf[32];
  const char *first = first_answer(q, line, buf);
  if (!first) return st;
  mend_status r = mend_session_answer(s, first);
  if (r == MEND_OK && said) snprintf(said, SHOW_ANSWER_SAID, "(Your answer: %s.)", first);
  return r;
}

uint64_t show_choices_offered(const mend_session *s) {
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < mend_session_choice_count(s); i++)
    h = (h ^ (mend_session_choice(s, i)->index + 1)) * 1099511628211u;
  return h;
}

/* Whether a line takes back what comes before ("maybe not", "no wait", "jk"). */
static bool takes_back(const char *line) {
  static const char *const back[] = {"maybe not", "actually no", "actually not", "or not",
                                     "not really", "jk", "nvm", "never mind", "scratch that",
                                     /* "send it, no wait, dont" (v87 PO-12, FM-15) */
                                     "no wait", "wait no", "wait dont", "no dont", "actually dont",
                                     NULL};
  for (size_t i = 0; back[i]; i++) {
    const char *b = strcasestr(line, back[i]);
    size_t n = strlen(back[i]);
    if (b && (b == line || !isalpha((unsigned char)b[-1])) && !isalpha((unsigned char)b[n]))
      return true;
  }
  return false;
}

/* Whether what follows a choice named at the start of a line goes on with
 * words, and not as a question, a second choice or the choice taken back
 * ("2? idk", "send it or not", "Yes. I can take a no. ok maybe not"). */
static bool goes_on(const char *rest) {
  if (takes_back(rest)) return false;
  rest += strspn(rest, " \t,.;:-)");
  if (*rest == '?') return false;
  if (!strncasecmp(rest, "or", 2) && !isalpha((unsigned char)rest[2])) return false;
  for (; *rest; rest++)
    if (isalpha((unsigned char)*rest) || (unsigned char)*rest >= 0x80) return true;
  return false;
}

/* Where a typed answer a goes on after all of label t (n bytes), case and
 * marks aside, with more words after a space or a mark ("I already know. Im
 * not going back, and I hope she is happy" for "I already know. I'm not going
 * back."), the label's own last mark left out or not; NULL if it does not. */
static const char *label_rest(const char *t, size_t n, const char *a) {
  size_t whole = n;
  while (n && strchr(".!?", t[n - 1]))
    n--;
  if (label_walk(t, n, &a) != n) return NULL;
  if (!n || isalnum((unsigned char)*a) || (unsigned char)*a >= 0x80) return NULL;
  /* (its own last mark, typed: "Pause. What am I hoping to find? idk") */
  if (whole > n && !strncmp(a, t + n, whole - n)) a += whole - n;
  return goes_on(a) ? a : NULL;
}

long show_choice_first(const mend_session *s, const char *a) {
  size_t n = mend_session_choice_count(s);
  if (!n) return -1;
  /* "3 but im going round his tonight", "2. I want to text him", "1 show me
   * the line": the number first, then a mark, or a word that starts a
   * sentence or says what to do with it (not "2 am", "1 more text") */
  static const char *const then[] = {
      "show", "the", "that",       "this",      "yes",  "yep",    "sure",   "did",    "do",
      "tell", "let", "lets",       "go",        "take", "keep",   "send",   "delete", "try",
      "for",  "def", "definitely", "obviously", "is",   "sounds", "option", NULL};
  size_t d = strspn(a, "0123456789");
  if (d && d < 4) {
    long c = strtol(a, NULL, 10);
    bool ok = strchr(",.;:-)", a[d]) && a[d];
    if (!ok && a[d] == ' ') {
      const char *w = a + d + 1;
      char word[16];
      size_t wl = 0;
      for (; (isalpha((unsigned char)*w) || *w == '\'') && wl + 1 < sizeof word; w++)
        if (*w != '\'') word[wl++] = (char)tolower((unsigned char)*w);
      word[wl] = 0;
      for (size_t i = 0; wl && !ok && sentence_starts[i]; i++)
        ok = !strcmp(word, sentence_starts[i]);
      for (size_t i = 0; wl && !ok && then[i]; i++)
        ok = !strcmp(word, then[i]);
    }
    return ok && c >= 1 && (size_t)c <= n && goes_on(a + d) ? c - 1 : -1;
  }
  long found = -1;
  size_t longest = 0;
  /* (a label of three words or more, or of two before a mark, "Block them. he
   * used to turn up at my work", "Don't answer, i hope she is happy", with no
   * hedge after it: "Send it, i guess" is no choice made; not one word) */
  static const char *const hedges[] = {"maybe",   "idk",      "guess",    "dunno",    "unsure",
                                       "perhaps", "possibly", "probably", "not sure", NULL};
  for (size_t i = 0; i < n; i++) {
    const mend_text *t = &mend_session_choice(s, i)->label;
    const char *rest = label_rest(t->text, t->length, a);
    size_t words = show_words_in(t->text, t->length);
    if (!rest || words < 2 || (words == 2 && !strchr(",.;:!", rest[0] ? rest[0] : '?')) ||
        t->length < longest)
      continue;
    bool hedged = false;
    for (size_t h = 0; words == 2 && hedges[h] && !hedged; h++)
      hedged = strcasestr(rest, hedges[h]) != NULL;
    if (hedged) continue;
    if (t->length == longest) return -1; /* (two labels alike: neither) */
    longest = t->length;
    found = (long)i;
  }
  return found;
}

char *show_take_choice_first(mend_session *s, const char *line, uint64_t offered) {
  if (mend_session_pending(s) != MEND_PENDING_CHOICE || show_choices_offered(s) != offered ||
      mend_session_heard(s, NULL) != MEND_HEARD_NONE || mend_session_signs(s, line, strlen(line)))
    return NULL;
  long k = show_choice_first(s, line);
  if (k < 0) return NULL;
  const mend_text *t = &mend_session_choice(s, (size_t)k)->label;
  char *said;
  if (asprintf(&said, "(Your choice: %ld) %.*s)", k + 1, (int)t->length, t->text) < 0) abort();
  mend_session_choose(s, (size_t)k);
  return said;
}

long show_choice_meant(mend_session *s, const char *line, uint64_t offered) {
  size_t n = strlen(line);
  if (mend_session_pending(s) != MEND_PENDING_CHOICE || show_choices_offered(s) != offered ||
      mend_session_heard(s, NULL) == MEND_HEARD_MOVED || mend_session_signs(s, line, n) ||
      show_choice_first(s, line) >= 0 /* ("2 but ...": its number says which) */
      || takes_back(line))            /* ("mute. actually no block": v87 PC-12) */
    return -1;
  return mend_session_choice_meant(s, line, n);
}

char *show_meant_question(const mend_session *s, long k) {
  const mend_text *t = &mend_session_choice(s, (size_t)k)->label;
  int n = (int)t->length;
  while (n && strchr(".!", t->text[n - 1]))
    n--;
  char *q;
  if (asprintf(&q, "Do you mean %ld) %.*s%s", k + 1, n, t->text,
               n && t->text[n - 1] == '?' ? "" : "?") < 0)
    abort();
  return q;
}

const char show_text_note[] =
    "(To go on to a new line, end the line with \\; :example shows an example.)";

char *show_left_out(size_t n) {
  char *msg;
  if (asprintf(&msg, "I left out %zu character%s that cannot be shown.", n, n == 1 ? "" : "s") < 0)
    abort();
  return msg;
}

char *show_unread(const mend_item *it) {
  char *msg;
  if (asprintf(&msg, "These notes read only %.*s: what you wrote here was not checked.",
               (int)it->text.length, it->text.text) < 0)
    abort();
  return msg;
}

char *show_ending(const mend_summary *sum) {
  /* the ending's title only: its tone is for authors and tools, and the
   * person is not handed a verdict (no tone word, no tone colour) */
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) abort();
  fputs("*** The end: ", f);
  term_puts(f, sum->ending_title);
  fputs(" ***", f);
  fclose(f);
  return buf;
}

/* The answers the person gave into a check-in measure: how many, the first
 * and the last. */
size_t show_checkin_answers(const mend_summary *sum, const mend_measure *m, int64_t *first,
                            int64_t *last) {
  size_t n = 0;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind == MEND_ASK_TEXT || a->skipped || strcmp(a->var, m->name)) continue;
    if (!n++) *first = a->value;
    *last = a->value;
  }
  return n;
}

static const mend_measure *measure_of(const mend_summary *sum, const char *var) {
  for (size_t i = 0; i < sum->nmeasures; i++)
    if (!strcmp(sum->measures[i].name, var)) return &sum->measures[i];
  return NULL;
}

static void put_value(FILE *f, mend_type type, int64_t v) {
  if (type == MEND_BOOL)
    fputs(v ? "yes" : "no", f);
  else
    fprintf(f, "%lld", (long long)v);
}

size_t show_checkins(const mend_session *s, FILE *f, const char *arrow) {
  const mend_summary *sum = mend_session_summary(s);
  size_t lines = 0;
  for (size_t i = 0; i < sum->nmeasures; i++) {
    const mend_measure *m = &sum->measures[i];
    int64_t first = 0, last = 0;
    size_t n = m->kind == MEND_MEASURE_CHECKIN ? show_checkin_answers(sum, m, &first, &last) : 0;
    if (!n) continue;
    lines++;
    fputs("  ", f);
    term_puts(f, m->label);
    fputs(": ", f);
    if (arrow && n > 1) {
      put_value(f, m->type, first);
      fprintf(f, " %s ", arrow);
    }
    put_value(f, m->type, last);
    fputc('\n', f);
  }
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_SCALE) continue;
    const mend_measure *m = measure_of(sum, a->var);
    if (m && m->kind == MEND_MEASURE_CHECKIN) continue; /* shown by its label above */
    lines++;
    fputs("  ", f);
    term_puts(f, a->prompt);
    fprintf(f, " %lld\n", (long long)a->value);
  }
  return lines;
}

/* Whether b is a version of the answer to var: a text answer written (not
 * skipped), and, when the person wrote one with words in it (`substance`),
 * not one that says nothing: after a draft, an "idk" is not its last version. */
static bool is_version(const mend_answer_record *b, const char *var, bool substance) {
  return b->kind == MEND_ASK_TEXT && !b->skipped && !strcmp(b->var, var) &&
         (!substance || !b->says_nothing);
}

/* Whether any answer to var has words in it. */
static bool has_substance(const mend_summary *sum, const char *var) {
  for (size_t k = 0; k < sum->nanswers; k++)
    if (is_version(&sum->answers[k], var, true)) return true;
  return false;
}

/* What was written, prompt then answer; without the answers that have
 * journal entries of their own when `unjournalled`. Returns how many. */
static size_t journal_lines(const mend_session *s, FILE *f, bool unjournalled) {
  const mend_summary *sum = mend_session_summary(s);
  size_t shown = 0;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_TEXT || a->skipped || (unjournalled && a->journal)) continue;
    /* written more than once (a draft, then a rewrite): the last is marked */
    bool earlier = false, later = false, substance = has_substance(sum, a->var);
    for (size_t k = 0; k < sum->nanswers && is_version(a, a->var, substance); k++) {
      const mend_answer_record *b = &sum->answers[k];
      if (k == i || !is_version(b, a->var, substance)) continue;
      if (k < i)
        earlier = true;
      else
        later = true;
    }
    shown++;
    fputs("  ", f);
    term_puts(f, a->prompt);
    if (earlier && !later) fputs(" (your last version)", f);
    fputc('\n', f);
    show_lines(f, a->text, "    ");
  }
  return shown;
}

void show_lines(FILE *f, const char *text, const char *indent) {
  for (const char *line = text;;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    if (n) fputs(indent, f); /* (a blank line between paragraphs stays blank) */
    term_put(f, line, n);
    fputc('\n', f);
    if (!nl) break;
    line = nl + 1;
  }
}

void show_journal(const mend_session *s, FILE *f) {
  if (!journal_lines(s, f, false)) fputs("  (nothing written yet in this session)\n", f);
}

/* What was written, each answer once: the last version of an answer written
 * more than once, with a word on the earlier ones; not an answer that only
 * ever said nothing ("idk", "."); without the answers that have journal
 * entries of their own when `unjournalled`. Returns how many. */
static size_t show_written(const mend_summary *sum, FILE *f, bool kept, bool unjournalled) {
  size_t shown = 0;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_TEXT || a->skipped || (unjournalled && a->journal)) continue;
    bool substance = has_substance(sum, a->var);
    /* an "idk" after a draft; or "idk", ".", and nothing else: nothing to read back */
    if (!substance || !is_version(a, a->var, substance)) continue;
    size_t earlier = 0, in_journal = 0;
    bool later = false;
    for (size_t k = 0; k < sum->nanswers && !later; k++) {
      const mend_answer_record *b = &sum->answers[k];
      /* a version with words in it, before or after: an "idk" written before
       * the last version is not one the person would count ("You wrote two
       * before it" after two "idk"s), and one after it is not a later one */
      if (k == i || !is_version(b, a->var, substance)) continue;
      if (k > i) {
        later = true;
      } else {
        earlier++;
        in_journal += b->journal;
      }
    }
    if (later) continue; /* shown as its last version */
    shown++;
    fputs("  ", f);
    term_puts(f, a->prompt);
    fputc('\n', f);
    show_lines(f, a->text, "    "); /* its line breaks kept */
    if (earlier && kept && in_journal == earlier)
      fprintf(f, "  (Your last version. %s in your journal.)\n",
              earlier == 1 ? "The one before it is" : "The ones before it are");
    else if (earlier)
      fprintf(f, "  (Your last version. You wrote %s before it.)\n",
              earlier == 1   ? "one"
              : earlier == 2 ? "two"
              : earlier == 3 ? "three"
                             : "others");
  }
  return shown;
}

/* What the person said and wrote (only what the journal does not hold
 * already, when `unjournalled`). No tone counts, no count of decisions and
 * no story-worked scores: a summary is not a grade. */
static char *summary(const mend_session *s, const char *arrow, bool kept, bool unjournalled) {
  const mend_summary *sum = mend_session_summary(s);
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) abort();
  char *said = NULL;
  size_t said_n = 0;
  FILE *m = open_memstream(&said, &said_n);
  if (!m) abort();
  size_t lines = sum->checkins_hidden ? 0 : show_checkins(s, m, arrow);
  fclose(m);
  if (lines) {
    fputs("Your check-ins:\n", f);
    fputs(said, f);
  }
  free(said);
  char *wrote = NULL;
  size_t wrote_n = 0;
  m = open_memstream(&wrote, &wrote_n);
  if (!m) abort();
  size_t written = show_written(sum, m, kept, unjournalled);
  fclose(m);
  if (written) {
    fputs(lines ? "\nWhat you wrote:\n" : "What you wrote:\n", f);
    fputs(wrote, f);
  }
  free(wrote);
  fclose(f);
  return buf;
}

char *show_summary(const mend_session *s, const char *arrow, bool kept) {
  return summary(s, arrow, kept, false);
}

char *show_summary_kept(const mend_session *s, const char *arrow) {
  return summary(s, arrow, true, true);
}

bool show_support_seen(const mend_item *it, const int *refused) {
  if (it->kind != MEND_ITEM_SUPPORT || !refused) return false;
  int k = it->support->category == MEND_SAFETY_CRISIS ? 1 : 0;
  return it->support->severity <= refused[k];
}

bool show_support_reminds(const mend_item *it, const int *refused, unsigned just) {
  if (it->kind != MEND_ITEM_SUPPORT_AGAIN && !show_support_seen(it, refused)) return false;
  return !(just & 1u << it->support->category);
}

unsigned show_support_raised(const int before[2], const int after[2]) {
  return (after[0] > before[0] ? 1u << MEND_SAFETY_ABUSE : 0) |
         (after[1] > before[1] ? 1u << MEND_SAFETY_CRISIS : 0);
}

bool show_support_items(const mend_session *s, const int *refused, const mend_safety_hit **crisis,
                        const char **cw, const mend_safety_hit **abuse, const char **aw) {
  *crisis = *abuse = NULL;
  *cw = *aw = NULL;
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    if (it->kind != MEND_ITEM_SUPPORT || show_support_seen(it, refused)) continue;
    if (it->support->category == MEND_SAFETY_CRISIS && !*crisis) {
      *crisis = it->support;
      *cw = it->text.text;
    } else if (it->support->category == MEND_SAFETY_ABUSE && !*abuse) {
      *abuse = it->support;
      *aw = it->text.text;
    }
  }
  return *crisis || *abuse;
}
