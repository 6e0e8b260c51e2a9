/* SPDX-License-Identifier: MIT */
/*
 * helpers.c - what several unit suites share: loading a story that must load
 * (printing its diagnostics otherwise), and a dump of everything a front end
 * can see of a session, for comparing sessions exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

mend_story *load_ok(const char *xml) {
  mend_diags *d = mend_diags_new();
  mend_story *s = mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d);
  if (!s) {
    for (size_t i = 0; i < mend_diags_count(d); i++) {
      char *m = mend_diag_format(mend_diags_at(d, i));
      print_message("  %s\n", m);
      free(m);
    }
  }
  mend_diags_free(d);
  assert_non_null(s);
  return s;
}

static void dump_text(FILE *f, const mend_text *t) {
  fprintf(f, "%s", t->text);
  for (size_t i = 0; i < t->nspans; i++)
    fprintf(f, " <%zu+%zu:%u>", t->spans[i].start, t->spans[i].length, t->spans[i].style);
}

char *dump(const mend_session *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  const mend_story *st = mend_session_story(s);
  fprintf(f, "node %s pending %d decisions %zu seed %llu\n", mend_session_node(s),
          mend_session_pending(s), mend_session_decisions(s),
          (unsigned long long)mend_session_seed(s));
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    fprintf(f, "item %d tone %d met %d label %s line %d: ", it->kind, it->tone, it->met,
            it->rule_label ? it->rule_label : "-", it->line);
    dump_text(f, &it->text);
    fprintf(f, "\n");
  }
  const mend_question *q = mend_session_question(s);
  if (q) {
    fprintf(f, "ask %d var %s %lld..%lld journal %d line %d: ", q->kind, q->var, (long long)q->min,
            (long long)q->max, q->journal, q->line);
    dump_text(f, &q->prompt);
    for (size_t i = 0; i < q->nexamples; i++)
      fprintf(f, " [ex %s]", q->examples[i]);
    fprintf(f, "\n");
  }
  for (size_t i = 0; i < mend_session_choice_count(s); i++) {
    const mend_choice_view *c = mend_session_choice(s, i);
    fprintf(f, "choice %zu id %s line %d: ", c->index, c->id ? c->id : "-", c->line);
    dump_text(f, &c->label);
    fprintf(f, "\n");
  }
  if (mend_session_error(s)) fprintf(f, "error %s\n", mend_session_error(s));
  for (size_t i = 0; i < mend_story_var_count(st); i++) {
    const mend_var_info *v = mend_story_var(st, i);
    if (v->type == MEND_TEXT)
      fprintf(f, "var %s = '%s'\n", v->name, mend_session_text(s, v->name));
    else
      fprintf(f, "var %s = %lld\n", v->name, (long long)mend_session_int(s, v->name));
  }
  const mend_summary *sum = mend_session_summary(s);
  fprintf(f, "ending %s %s %d decisions %zu feedback %zu %zu %zu %zu\n",
          sum->ending_id ? sum->ending_id : "-", sum->ending_title ? sum->ending_title : "-",
          sum->ending_tone, sum->decisions, sum->feedback[0], sum->feedback[1], sum->feedback[2],
          sum->feedback[3]);
  for (size_t i = 0; i < sum->nmeasures; i++)
    fprintf(f, "measure %s %s %lld -> %lld\n", sum->measures[i].name, sum->measures[i].label,
            (long long)sum->measures[i].start, (long long)sum->measures[i].final);
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    fprintf(f, "answer %s kind %d value %lld text '%s' skipped %d journal %d node %s: %s\n", a->var,
            a->kind, (long long)a->value, a->text, a->skipped, a->journal, a->node, a->prompt);
  }
  fclose(f);
  return buf;
}
