/* show.c - see show.h. */
#include "show.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"

const char show_stuck[] = "The story cannot go on from here.";

void show_feedback_lead(mend_tone t, char *buf, size_t n) {
  snprintf(buf, n, "[%s] ", mend_tone_name(t));
}

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
  case MEND_E_TOO_LONG:
    snprintf(msg, n, "That answer is too long (the limit is %d bytes); please shorten it.",
             MEND_MAX_ANSWER);
    break;
  case MEND_E_BAD_UTF8:
    snprintf(msg, n,
             "That answer contains characters that cannot be kept (control characters or invalid "
             "text); please type it again.");
    break;
  default: snprintf(msg, n, "That answer cannot be used here."); break;
  }
}

char *show_unread(const mend_item *it) {
  char *msg;
  if (asprintf(&msg, "These notes read only %.*s: what you wrote here was not checked.",
               (int)it->text.length, it->text.text) < 0)
    abort();
  return msg;
}

char *show_ending(const mend_summary *sum) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) abort();
  fputs("*** The end: ", f);
  term_puts(f, sum->ending_title);
  fprintf(f, " [%s] ***", mend_tone_name(sum->ending_tone));
  fclose(f);
  return buf;
}

void show_measures(const mend_session *s, FILE *f, const char *arrow) {
  const mend_summary *sum = mend_session_summary(s);
  for (size_t i = 0; i < sum->nmeasures; i++) {
    const mend_measure *m = &sum->measures[i];
    fputs("  ", f);
    term_puts(f, m->label);
    char a[24], b[24];
    if (m->type == MEND_BOOL) {
      snprintf(a, sizeof a, "%s", m->start ? "yes" : "no");
      snprintf(b, sizeof b, "%s", m->final ? "yes" : "no");
    } else {
      snprintf(a, sizeof a, "%lld", (long long)m->start);
      snprintf(b, sizeof b, "%lld", (long long)m->final);
    }
    if (arrow)
      fprintf(f, ": %s %s %s\n", a, arrow, b);
    else
      fprintf(f, ": %s\n", b);
  }
  if (!sum->nmeasures) fputs("  (this scenario has no measures)\n", f);
}

void show_journal(const mend_session *s, FILE *f) {
  const mend_summary *sum = mend_session_summary(s);
  bool any = false;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_TEXT || a->skipped) continue;
    any = true;
    fputs("  ", f);
    term_puts(f, a->prompt);
    fputs("\n    ", f);
    term_puts(f, a->text);
    fputc('\n', f);
  }
  if (!any) fputs("  (nothing written yet in this session)\n", f);
}

char *show_summary(const mend_session *s, const char *arrow) {
  const mend_summary *sum = mend_session_summary(s);
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) abort();
  if (sum->nmeasures) {
    fputs("Your measures, from start to end:\n", f);
    show_measures(s, f, arrow);
  }
  bool scale = false;
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    if (a->kind != MEND_ASK_SCALE) continue;
    if (!scale) fputs("Your check-ins:\n", f);
    scale = true;
    fputs("  ", f);
    term_puts(f, a->prompt);
    fprintf(f, " %lld\n", (long long)a->value);
  }
  size_t total = 0;
  for (int t = 0; t < MEND_TONE_COUNT; t++)
    total += sum->feedback[t];
  if (total) {
    fputs("Feedback you met:", f);
    const char *sep = " ";
    static const mend_tone order[] = {MEND_TONE_POSITIVE, MEND_TONE_NEUTRAL, MEND_TONE_CAUTION,
                                      MEND_TONE_NEGATIVE};
    for (int k = 0; k < MEND_TONE_COUNT; k++) {
      if (!sum->feedback[order[k]]) continue;
      fprintf(f, "%s%zu %s", sep, sum->feedback[order[k]], mend_tone_name(order[k]));
      sep = ", ";
    }
    fputc('\n', f);
  }
  bool wrote = false;
  for (size_t i = 0; i < sum->nanswers; i++)
    if (sum->answers[i].kind == MEND_ASK_TEXT && !sum->answers[i].skipped) wrote = true;
  if (wrote) {
    fputs("What you wrote:\n", f);
    show_journal(s, f);
  }
  fprintf(f, "Decisions made: %zu\n", sum->decisions);
  fclose(f);
  return buf;
}
