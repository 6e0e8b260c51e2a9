/* SPDX-License-Identifier: MIT */
/* suggest.c - see suggest.h. */
#include "suggest.h"

#include <string.h>
#include <strings.h>

size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 40 || lb > 40) return 99;
  size_t d[41][41];
  for (size_t i = 0; i <= la; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= lb; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
        c = d[i - 2][j - 2] + 1;
      d[i][j] = c;
    }
  return d[la][lb];
}

void suggest_start(suggest_best *s, const char *word) {
  s->word = word;
  s->best = NULL;
  s->len = strlen(word);
  s->dist = 3;
}

void suggest_offer(suggest_best *s, const char *cand) {
  size_t d = strcasecmp(cand, s->word) ? edit_distance(s->word, cand) : 0; /* Urge is urge */
  if (d < s->dist && d < s->len) s->dist = d, s->best = cand;
}

const char *suggest_closest(const char *word, const char *const *cands) {
  suggest_best s;
  suggest_start(&s, word);
  for (size_t i = 0; cands[i]; i++)
    suggest_offer(&s, cands[i]);
  return s.best;
}
