/* SPDX-License-Identifier: MIT */
/*
 * cmd_test.c - `mend test FILE...`: the story's automatic tester. Random
 * playthroughs (or, with --exhaustive, every distinct state), the coverage
 * they reach, the run-time failures they find with a script that replays each
 * one in `mend play`, and the author's test plans (plan.h). Text for people,
 * --format json for CI. Exit 0 when all is well, 1 on any failure, plan
 * divergence, coverage below --min-coverage or a story that does not load.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "invoked.h"
#include "support.h"
#include "mend/mend.h"
#include "mend/test.h"
#include "plan.h"
#include "term.h"
#include "tester.h"

static const char test_usage[] =
    "usage: mend test [OPTIONS] FILE...\n"
    "\n"
    "Tests stories automatically: plays them many times with varied answers (or,\n"
    "with --exhaustive, explores every distinct state), reports what was never\n"
    "reached, finds run-time failures (dead ends, overflow, division by zero,\n"
    "loops) with a script that replays each in `mend play`, and runs the story's\n"
    "test plans (FILE's BASE.NAME.plan files, next to it or in plans/ beside it).\n"
    "\n"
    "options:\n"
    "  -n, --runs N          random playthroughs (default 10000)\n"
    "  --seed S              run i uses seed S+i (default 0)\n"
    "  --exhaustive          explore every distinct state instead of random runs\n"
    "  --max-states N        exhaustive: stop after N states (default 1000000)\n"
    "  --max-steps N         decisions and moves without an ending before a run\n"
    "                        counts as a loop (default 10000)\n"
    "  --min-coverage PCT    fail when coverage is below PCT percent\n"
    "  --plan PLAN           run this plan (again for more) instead of those found\n"
    "  --no-plans            run no plans\n"
    "  --format text|json    the report's format (default text)\n"
    "  --hears LINE          random runs: fail where LINE, typed at a choice, a\n"
    "                        number or a yes/no, is heard by nothing ahead (no\n"
    "                        told() or just_told() reads it); again for more\n"
    "\n"
    "Rules' own test answers (<test> in a <rule>) are checked too, and count for\n"
    "the rules' coverage.\n"
    "\n"
    "Exit status: 0 all passed, 1 a failure, a plan or a rule test that failed,\n"
    "coverage below --min-coverage or a story with errors, 2 usage.\n";

typedef struct options {
  t_opts t;
  bool exhaustive, json, no_plans;
  double min_coverage;
  const char **plans;
  size_t nplans;
} options;

/* Coverage groups as reported: a condition counts twice (held, did not). */
enum { G_NODE, G_ENDING, G_CHOICE, G_FEEDBACK, G_COND, G_RULE, G_BRANCH, G_HEAR, G_COUNT };
static const char *const group_name[G_COUNT] = {"nodes",      "endings", "choices",  "feedbacks",
                                                "conditions", "rules",   "branches", "hears"};
static const char *const group_key[G_COUNT] = {"node",      "ending", "choice", "feedback",
                                               "condition", "rule",   "branch", "hear"};

static int group_of(mend_cov_kind k) {
  switch (k) {
  case MEND_COV_NODE: return G_NODE;
  case MEND_COV_ENDING: return G_ENDING;
  case MEND_COV_CHOICE: return G_CHOICE;
  case MEND_COV_FEEDBACK: return G_FEEDBACK;
  case MEND_COV_COND_TRUE:
  case MEND_COV_COND_FALSE: return G_COND;
  case MEND_COV_RULE_MET:
  case MEND_COV_RULE_UNMET: return G_RULE;
  case MEND_COV_BRANCH: return G_BRANCH;
  case MEND_COV_HEAR: return G_HEAR;
  }
  return G_NODE;
}

static const char *missed_text(mend_cov_kind k) {
  switch (k) {
  case MEND_COV_NODE: return "node never entered";
  case MEND_COV_ENDING: return "ending never reached";
  case MEND_COV_CHOICE: return "choice never taken";
  case MEND_COV_FEEDBACK: return "feedback never shown";
  case MEND_COV_COND_TRUE: return "condition never true";
  case MEND_COV_COND_FALSE: return "condition never false";
  case MEND_COV_RULE_MET: return "rule never met";
  case MEND_COV_RULE_UNMET: return "rule never unmet";
  case MEND_COV_BRANCH: return "random branch never taken";
  case MEND_COV_HEAR: return "hear never taken";
  }
  return "?";
}

static const char *missed_key(mend_cov_kind k) {
  static const char *const keys[] = {"node",      "ending",     "choice",   "feedback",
                                     "cond-true", "cond-false", "rule-met", "rule-unmet",
                                     "branch",    "hear"};
  return k < MEND_COV_KINDS ? keys[k] : "?";
}

typedef struct report {
  const char *path;
  mend_story *st;
  mend_diags *diags;
  mend_coverage *cov;
  t_result r;
  double seconds; /* the runs or the exploration (with checking failures), load excluded */
  size_t total[G_COUNT], hit[G_COUNT], all, all_hit;
  plan *plans;
  p_result *pres;
  size_t nplans, plans_failed;
  mend_rule_test *rt; /* the rules' own test answers */
  size_t nrt, rt_failed;
  bool coverage_low, ok;
} report;

static double percent(size_t hit, size_t total) {
  return total ? 100.0 * (double)hit / (double)total : 100.0;
}

/* ---- running ----------------------------------------------------------------------- */

static void test_file(report *rp, const char *path, const options *o) {
  memset(rp, 0, sizeof *rp);
  rp->path = path;
  rp->diags = mend_diags_new();
  rp->st = support_load_played(path, 0, rp->diags);
  mend_diags_sort(rp->diags);
  if (!rp->st) return;
  rp->cov = mend_coverage_new(rp->st);
  /* what nothing ahead reads is no state of its own, and lines are typed
   * where the story can hear them */
  mend_story_prepare_exploration(rp->st);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (o->exhaustive)
    t_exhaustive(rp->st, rp->cov, &o->t, &rp->r);
  else
    t_random(rp->st, rp->cov, &o->t, &rp->r);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  rp->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  rp->rt = mend_story_rule_tests(rp->st, rp->cov, &rp->nrt); /* they count for coverage too */
  for (size_t i = 0; i < rp->nrt; i++)
    rp->rt_failed += rp->rt[i].met != rp->rt[i].meets;
  char **found = NULL;
  size_t n = 0;
  if (o->nplans) {
    n = o->nplans;
    found = malloc(sizeof *found * n);
    if (!found) abort();
    for (size_t i = 0; i < n; i++)
      found[i] = strdup(o->plans[i]);
  } else if (!o->no_plans) {
    n = plan_find(path, &found);
  }
  rp->nplans = n;
  rp->plans = calloc(n ? n : 1, sizeof *rp->plans);
  rp->pres = calloc(n ? n : 1, sizeof *rp->pres);
  if (!rp->plans || !rp->pres) abort();
  for (size_t i = 0; i < n; i++) {
    plan_load(found[i], &rp->plans[i]);
    if (!rp->plans[i].nerrors) plan_run(rp->st, &rp->plans[i], rp->cov, &rp->pres[i]);
    if (rp->plans[i].nerrors || !rp->pres[i].passed) rp->plans_failed++;
    free(found[i]);
  }
  free(found);
  /* the plans count for coverage too: they reach what random answers cannot */
  for (size_t i = 0; i < mend_coverage_count(rp->cov); i++) {
    const mend_cov_item *it = mend_coverage_item(rp->cov, i);
    int g = group_of(it->kind);
    rp->total[g]++;
    rp->all++;
    if (it->hits) rp->hit[g]++, rp->all_hit++;
  }
  rp->coverage_low = percent(rp->all_hit, rp->all) < o->min_coverage;
  rp->ok = !rp->r.nfailures && !rp->plans_failed && !rp->rt_failed && !rp->coverage_low;
}

static void report_free(report *rp) {
  for (size_t i = 0; i < rp->nplans; i++) {
    plan_free(&rp->plans[i]);
    p_result_free(&rp->pres[i]);
  }
  free(rp->plans);
  free(rp->pres);
  mend_free(rp->rt);
  t_result_free(&rp->r);
  mend_coverage_free(rp->cov);
  mend_story_free(rp->st);
  mend_diags_free(rp->diags);
}

/* ---- text ----------------------------------------------------------------------------- */

/* Prints s shell-quoted ('...'), without control characters. */
static void put_quoted(FILE *f, const char *s) {
  fputc('\'', f);
  for (const char *p = s; *p; p++) {
    const char *q = strchr(p, '\'');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    term_put(f, p, n);
    p += n;
    if (!*p) break;
    fputs("'\\''", f);
  }
  fputc('\'', f);
}

/* At most `max` bytes of s, cut at a character boundary, with "..." when cut. */
static void put_short(FILE *f, const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) {
    term_puts(f, s);
    return;
  }
  while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
    max--;
  term_put(f, s, max);
  fputs("...", f);
}

static void print_replay(FILE *f, const t_failure *fl, const char *path) {
  fputs("    ", f);
  if (fl->nscript) {
    fputs("printf '%s\\n'", f);
    for (size_t i = 0; i < fl->nscript; i++) {
      fputc(' ', f);
      put_quoted(f, fl->script[i]);
    }
    fputs(" | ", f);
  }
  fprintf(f, "%s play --no-save --seed %llu ", invoked_name(), (unsigned long long)fl->seed);
  put_quoted(f, path);
  if (!fl->nscript) fputs(" </dev/null", f);
  fputc('\n', f);
}

static void print_failure(FILE *f, const t_failure *fl, const char *path) {
  fputs("  ", f);
  term_puts(f, fl->message);
  fputc('\n', f);
  fprintf(f, "    [%s] ", t_fkind_name(fl->kind));
  if (fl->run >= 0)
    fprintf(f, "found by the run with seed %llu", (unsigned long long)fl->run_seed);
  else
    fputs("found by the exploration", f);
  fprintf(f, ", %zu decision%s in", fl->ndecisions, fl->ndecisions == 1 ? "" : "s");
  if (!fl->verified) {
    fputs("; the tester could not replay it (please report this)\n", f);
    return;
  }
  if (fl->seeded) {
    fputs("; to replay it:\n", f);
  } else {
    fprintf(f, "; it needs these random draws, which none of the %llu seeds tried gives:\n",
            (unsigned long long)fl->seeds_tried);
    for (size_t i = 0; i < fl->npath; i++) {
      const t_act *a = &fl->path[i];
      if (a->kind != A_AUTO || a->nbranch < 2) continue;
      fputs("      at '", f);
      term_puts(f, a->from);
      fputs("' -> '", f);
      term_puts(f, a->target);
      fputs("'\n", f);
    }
    fputs("    its answers (the draws of any seed will differ):\n", f);
  }
  print_replay(f, fl, path);
  if (fl->kind == F_LOOP && fl->auto_loop)
    fputs("    (mend play then moves by itself until it stops the loop, with status 4)\n", f);
  else if (fl->kind == F_LOOP)
    fputs("    (after these answers the story goes on and on without reaching an ending)\n", f);
  else if (fl->kind == F_TRAP) {
    fputs("    (these answers lead to '", f);
    term_puts(f, fl->node);
    fputs("', from where no ending can be reached)\n", f);
  }
}

static void print_text(const report *rp, const options *o) {
  FILE *f = stdout;
  const t_result *r = &rp->r;
  term_puts(f, rp->path);
  fputs(": '", f);
  term_puts(f, mend_story_id(rp->st));
  fputs("', ", f);
  if (o->exhaustive) {
    fprintf(f, "exhaustive: %llu distinct states, %llu steps\n", (unsigned long long)r->states,
            (unsigned long long)r->steps);
    if (r->bound_hit)
      fprintf(f,
              "  the exploration stopped at --max-states %llu: coverage and failures are "
              "partial\n",
              (unsigned long long)o->t.max_states);
    if (r->cut)
      fprintf(f, "  explored %llu steps deep: %llu path%s went on beyond%s\n",
              (unsigned long long)r->depth, (unsigned long long)r->cut, r->cut == 1 ? "" : "s",
              r->depth >= o->t.max_steps ? " (--max-steps)" : "");
  } else {
    fprintf(f, "random: %llu run%s from seed %llu, %llu steps\n", (unsigned long long)r->runs,
            r->runs == 1 ? "" : "s", (unsigned long long)o->t.seed, (unsigned long long)r->steps);
    fprintf(f, "  %llu reached an ending, %llu failed\n", (unsigned long long)r->ended,
            (unsigned long long)(r->runs - r->ended));
  }
  fprintf(f, "coverage: %.1f%% (%zu of %zu)\n", percent(rp->all_hit, rp->all), rp->all_hit,
          rp->all);
  for (int g = 0; g < G_COUNT; g++)
    if (g != G_HEAR || rp->total[g]) /* (a story without <hear> has no line for them) */
      fprintf(f, "  %-11s %5zu of %zu%s\n", group_name[g], rp->hit[g], rp->total[g],
              g == G_COND   ? " (each both ways: true and false)"
              : g == G_RULE ? " (each both ways: met and unmet)"
                            : "");
  if (rp->all_hit < rp->all) {
    fprintf(f, "never reached (%zu):\n", rp->all - rp->all_hit);
    for (size_t i = 0; i < mend_coverage_count(rp->cov); i++) {
      const mend_cov_item *it = mend_coverage_item(rp->cov, i);
      if (it->hits) continue;
      fputs("  ", f);
      term_puts(f, it->file);
      fprintf(f, ":%d: %s: ", it->line, missed_text(it->kind));
      if (it->kind == MEND_COV_NODE || it->kind == MEND_COV_ENDING) {
        fputc('\'', f);
        term_puts(f, it->what);
        fputs("'\n", f);
        continue;
      }
      if (it->kind == MEND_COV_BRANCH) fputs("to ", f);
      fputc('"', f);
      put_short(f, it->what, 70);
      fputs("\" (in '", f);
      term_puts(f, it->node);
      fputs("')\n", f);
    }
  }
  if (rp->coverage_low)
    fprintf(f, "coverage %.1f%% is below --min-coverage %g%%\n", percent(rp->all_hit, rp->all),
            o->min_coverage);
  if (!r->nfailures) {
    fputs("failures: none\n", f);
  } else {
    fprintf(f, "failures (%zu):\n", r->nfailures);
    for (size_t i = 0; i < r->nfailures; i++)
      print_failure(f, &r->failures[i], rp->path);
  }
  if (r->nwarnings) { /* they do not fail the test */
    fprintf(f, "warnings (%zu):\n", r->nwarnings);
    for (size_t i = 0; i < r->nwarnings; i++)
      print_failure(f, &r->warnings[i], rp->path);
  }
  if (rp->nplans) {
    fprintf(f, "plans: %zu of %zu passed\n", rp->nplans - rp->plans_failed, rp->nplans);
    for (size_t i = 0; i < rp->nplans; i++) {
      const plan *p = &rp->plans[i];
      const p_result *pr = &rp->pres[i];
      fputs("  ", f);
      term_puts(f, p->path);
      if (p->nerrors) {
        fputs(": cannot run\n", f);
        for (size_t k = 0; k < p->nerrors; k++) {
          fputs("    ", f);
          term_puts(f, p->errors[k]);
          fputc('\n', f);
        }
        continue;
      }
      if (pr->passed) {
        fputs(": passed (ending '", f);
        term_puts(f, pr->ending ? pr->ending : "?");
        fprintf(f, "', %zu steps)\n", p->nsteps);
        continue;
      }
      fprintf(f, ": FAILED, %zu step%s diverged", pr->nd, pr->nd == 1 ? "" : "s");
      if (pr->stopped) fprintf(f, " (stopped at step %zu of %zu)", pr->steps, pr->nsteps);
      fputc('\n', f);
      for (size_t k = 0; k < pr->nd; k++) {
        const p_divergence *d = &pr->d[k];
        fputs("    ", f);
        term_puts(f, p->path);
        fprintf(f, ":%d: ", d->plan_line);
        term_puts(f, d->message);
        if (d->story_file) {
          fputs(" (story: ", f);
          term_puts(f, d->story_file);
          fprintf(f, ":%d)", d->story_line);
        }
        fputc('\n', f);
      }
    }
  }
  if (rp->nrt) {
    fprintf(f, "rule tests: %zu of %zu passed\n", rp->nrt - rp->rt_failed, rp->nrt);
    for (size_t i = 0; i < rp->nrt; i++) {
      const mend_rule_test *t = &rp->rt[i];
      if (t->met == t->meets) continue;
      fputs("  ", f);
      term_puts(f, t->file);
      fprintf(f, ":%d: rule \"", t->line);
      term_puts(f, t->rule);
      fputs("\": \"", f);
      put_short(f, t->answer, 70);
      fprintf(f, "\" %s\n",
              !t->read   ? "is not read at all: it does not look like the story's language"
              : t->meets ? "should meet the rule, but does not"
                         : "should not meet the rule, but does");
    }
  }
  if (rp->ok) {
    fputs("result: passed\n", f);
  } else {
    fputs("result: FAILED (", f);
    const char *sep = "";
    if (r->nfailures) {
      fprintf(f, "%zu failure%s", r->nfailures, r->nfailures == 1 ? "" : "s");
      sep = ", ";
    }
    if (rp->plans_failed) {
      fprintf(f, "%s%zu plan%s", sep, rp->plans_failed, rp->plans_failed == 1 ? "" : "s");
      sep = ", ";
    }
    if (rp->rt_failed) {
      fprintf(f, "%s%zu rule test%s", sep, rp->rt_failed, rp->rt_failed == 1 ? "" : "s");
      sep = ", ";
    }
    if (rp->coverage_low) fprintf(f, "%scoverage below %g%%", sep, o->min_coverage);
    fputs(")\n", f);
  }
}

/* ---- JSON --------------------------------------------------------------------------------- */

/* A JSON string: escapes, and invalid UTF-8 as U+FFFD. */
static void jstr(FILE *f, const char *s) {
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  fputc('"', f);
  while (*p) {
    unsigned c = *p;
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc((int)c, f);
      p++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(f, "\\u%04x", c);
      p++;
    } else if (c < 0x80) {
      fputc((int)c, f);
      p++;
    } else {
      size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      bool ok = n > 0 && c < 0xF5;
      for (size_t k = 1; ok && k < n; k++)
        ok = (p[k] & 0xC0) == 0x80;
      if (ok && n == 3) ok = !(c == 0xE0 && p[1] < 0xA0) && !(c == 0xED && p[1] >= 0xA0);
      if (ok && n == 4) ok = !(c == 0xF0 && p[1] < 0x90) && !(c == 0xF4 && p[1] >= 0x90);
      if (ok) {
        fwrite(p, 1, n, f);
        p += n;
      } else {
        fputs("\xEF\xBF\xBD", f);
        p++;
      }
    }
  }
  fputc('"', f);
}

static void json_failure(FILE *f, const t_failure *fl, const char *path) {
  fputs("{\"kind\": ", f);
  jstr(f, t_fkind_name(fl->kind));
  fputs(", \"file\": ", f);
  jstr(f, fl->file);
  fprintf(f, ", \"line\": %d, \"node\": ", fl->line);
  jstr(f, fl->node);
  fputs(", \"message\": ", f);
  jstr(f, fl->message);
  fprintf(f, ", \"found_by\": ");
  if (fl->run >= 0)
    fprintf(f, "\"run with seed %llu\"", (unsigned long long)fl->run_seed);
  else
    fputs("\"exploration\"", f);
  fprintf(f, ", \"decisions\": %zu, \"verified\": %s, \"seed\": ", fl->ndecisions,
          fl->verified ? "true" : "false");
  if (fl->seeded)
    fprintf(f, "%llu", (unsigned long long)fl->seed);
  else
    fputs("null", f);
  fputs(", \"script\": [", f);
  for (size_t i = 0; i < fl->nscript; i++) {
    if (i) fputs(", ", f);
    jstr(f, fl->script[i]);
  }
  fputs("], \"draws\": [", f);
  bool first = true;
  for (size_t i = 0; i < fl->npath; i++) {
    const t_act *a = &fl->path[i];
    if (a->kind != A_AUTO || a->nbranch < 2) continue;
    fputs(first ? "{\"at\": " : ", {\"at\": ", f);
    first = false;
    jstr(f, a->from);
    fputs(", \"to\": ", f);
    jstr(f, a->target);
    fputc('}', f);
  }
  fprintf(f, "], \"moves_forever\": %s, \"replay\": ",
          fl->kind == F_LOOP && fl->auto_loop ? "true" : "false");
  char *full;
  if (asprintf(&full, "%s play --no-save --seed %llu %s", invoked_name(),
               (unsigned long long)fl->seed, path) < 0)
    abort();
  jstr(f, full);
  free(full);
  fputc('}', f);
}

static void json_file(FILE *f, const report *rp, const options *o) {
  fputs("{\"file\": ", f);
  jstr(f, rp->path);
  if (!rp->st) {
    fputs(", \"loaded\": false, \"errors\": [", f);
    for (size_t i = 0; i < mend_diags_count(rp->diags); i++) {
      char *line = mend_diag_format(mend_diags_at(rp->diags, i));
      if (i) fputs(", ", f);
      jstr(f, line);
      mend_free(line);
    }
    fputs("], \"ok\": false}", f);
    return;
  }
  const t_result *r = &rp->r;
  fputs(", \"loaded\": true, \"story\": ", f);
  jstr(f, mend_story_id(rp->st));
  fprintf(f, ", \"mode\": \"%s\"", o->exhaustive ? "exhaustive" : "random");
  fprintf(f,
          ", \"runs\": %llu, \"ended\": %llu, \"states\": %llu, \"bound_hit\": %s, "
          "\"depth\": %llu, \"cut_paths\": %llu, \"steps\": %llu, \"seconds\": %.3f",
          (unsigned long long)r->runs, (unsigned long long)r->ended, (unsigned long long)r->states,
          r->bound_hit ? "true" : "false", (unsigned long long)r->depth, (unsigned long long)r->cut,
          (unsigned long long)r->steps, rp->seconds);
  fprintf(f, ", \"coverage\": {\"percent\": %.1f, \"covered\": %zu, \"total\": %zu",
          percent(rp->all_hit, rp->all), rp->all_hit, rp->all);
  for (int g = 0; g < G_COUNT; g++)
    fprintf(f, ", \"%s\": {\"covered\": %zu, \"total\": %zu}", group_key[g], rp->hit[g],
            rp->total[g]);
  fprintf(f, ", \"below_minimum\": %s}, \"missed\": [", rp->coverage_low ? "true" : "false");
  bool first = true;
  for (size_t i = 0; i < mend_coverage_count(rp->cov); i++) {
    const mend_cov_item *it = mend_coverage_item(rp->cov, i);
    if (it->hits) continue;
    fputs(first ? "\n    {\"kind\": " : ",\n    {\"kind\": ", f);
    first = false;
    jstr(f, missed_key(it->kind));
    fputs(", \"file\": ", f);
    jstr(f, it->file);
    fprintf(f, ", \"line\": %d, \"node\": ", it->line);
    jstr(f, it->node);
    fputs(", \"what\": ", f);
    jstr(f, it->what);
    fputc('}', f);
  }
  fputs("],\n  \"failures\": [", f);
  for (size_t i = 0; i < r->nfailures; i++) {
    fputs(i ? ",\n    " : "\n    ", f);
    json_failure(f, &r->failures[i], rp->path);
  }
  fputs("],\n  \"warnings\": [", f);
  for (size_t i = 0; i < r->nwarnings; i++) {
    fputs(i ? ",\n    " : "\n    ", f);
    json_failure(f, &r->warnings[i], rp->path);
  }
  fputs("],\n  \"plans\": [", f);
  for (size_t i = 0; i < rp->nplans; i++) {
    const plan *p = &rp->plans[i];
    const p_result *pr = &rp->pres[i];
    fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", f);
    jstr(f, p->path);
    fprintf(f, ", \"passed\": %s, \"errors\": [", !p->nerrors && pr->passed ? "true" : "false");
    for (size_t k = 0; k < p->nerrors; k++) {
      if (k) fputs(", ", f);
      jstr(f, p->errors[k]);
    }
    fputs("], \"ending\": ", f);
    if (pr->ending)
      jstr(f, pr->ending);
    else
      fputs("null", f);
    fprintf(f, ", \"steps\": %zu, \"steps_run\": %zu, \"stopped\": %s, \"divergences\": [",
            p->nsteps, pr->steps, pr->stopped ? "true" : "false");
    for (size_t k = 0; k < pr->nd; k++) {
      const p_divergence *d = &pr->d[k];
      fprintf(f, "%s{\"plan_line\": %d, \"story_file\": ", k ? ", " : "", d->plan_line);
      if (d->story_file)
        jstr(f, d->story_file);
      else
        fputs("null", f);
      fprintf(f, ", \"story_line\": %d, \"message\": ", d->story_line);
      jstr(f, d->message);
      fputc('}', f);
    }
    fputs("]}", f);
  }
  fprintf(f, "],\n  \"rule_tests\": {\"total\": %zu, \"passed\": %zu, \"failed\": [", rp->nrt,
          rp->nrt - rp->rt_failed);
  bool firstrt = true;
  for (size_t i = 0; i < rp->nrt; i++) {
    const mend_rule_test *t = &rp->rt[i];
    if (t->met == t->meets) continue;
    fputs(firstrt ? "\n    {\"file\": " : ",\n    {\"file\": ", f);
    firstrt = false;
    jstr(f, t->file);
    fprintf(f, ", \"line\": %d, \"rule\": ", t->line);
    jstr(f, t->rule);
    fputs(", \"answer\": ", f);
    jstr(f, t->answer);
    fprintf(f, ", \"meets\": %s, \"met\": %s, \"read\": %s}", t->meets ? "true" : "false",
            t->met ? "true" : "false", t->read ? "true" : "false");
  }
  fprintf(f, "]},\n  \"ok\": %s}", rp->ok ? "true" : "false");
}

/* ---- the command -------------------------------------------------------------------------- */

enum {
  O_SEED = CLI_LONG,
  O_MAX_STEPS,
  O_MAX_STATES,
  O_MIN_COVERAGE,
  O_FORMAT,
  O_PLAN,
  O_EXHAUSTIVE,
  O_NO_PLANS,
  O_HEARS
};
static const cli_option test_options[] = {
    {"runs", 'n', "a number of random runs"},
    {"seed", O_SEED, "a number"},
    {"max-steps", O_MAX_STEPS, "a number of steps"},
    {"max-states", O_MAX_STATES, "a number of states"},
    {"min-coverage", O_MIN_COVERAGE, "a percentage from 0 to 100"},
    {"format", O_FORMAT, "text or json"},
    {"plan", O_PLAN, "a plan file"},
    {"exhaustive", O_EXHAUSTIVE, NULL},
    {"no-plans", O_NO_PLANS, NULL},
    {"hears", O_HEARS, "a line"},
    {0}};

int cmd_test(int argc, char **argv) {
  options o;
  memset(&o, 0, sizeof o);
  o.t.runs = 10000;
  o.t.max_steps = 10000;
  o.t.max_states = 1000000;
  o.plans = calloc((size_t)argc + 1, sizeof *o.plans);
  const char **hears = calloc((size_t)argc + 1, sizeof *hears);
  if (!o.plans || !hears) abort();
  o.t.hears = hears;
  int rc = EXIT_OK;
  const char **files = NULL;
  size_t nfiles = 0;
  cli c;
  cli_start(&c, "test", test_usage, test_options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    switch (k) {
    case 'n':
      if (!cli_number(&c, 0, UINT64_MAX, &o.t.runs)) k = CLI_STOP;
      break;
    case O_SEED:
      if (!cli_number(&c, 0, UINT64_MAX, &o.t.seed)) k = CLI_STOP;
      break;
    case O_MAX_STEPS:
      if (!cli_number(&c, 1, UINT64_MAX, &o.t.max_steps)) k = CLI_STOP;
      break;
    case O_MAX_STATES:
      if (!cli_number(&c, 1, UINT64_MAX, &o.t.max_states)) k = CLI_STOP;
      if (o.t.max_states > UINT32_MAX - 1) o.t.max_states = UINT32_MAX - 1;
      break;
    case O_MIN_COVERAGE: {
      char *end = NULL;
      errno = 0;
      double d = strtod(c.arg, &end);
      if (!*c.arg || *end || errno || !(d >= 0 && d <= 100)) {
        cli_error(&c, "%s needs a percentage from 0 to 100, not '%s'", c.name, c.arg);
        k = CLI_STOP;
      }
      o.min_coverage = d;
      break;
    }
    case O_FORMAT: {
      static const char *const formats[] = {"text", "json", NULL};
      int f = cli_choice(&c, formats);
      if (f < 0) k = CLI_STOP;
      o.json = f == 1;
      break;
    }
    case O_PLAN: o.plans[o.nplans++] = c.arg; break;
    case O_EXHAUSTIVE: o.exhaustive = true; break;
    case O_NO_PLANS: o.no_plans = true; break;
    case O_HEARS:
      if (!*c.arg) {
        cli_error(&c, "%s needs a line a person may type, not an empty one", c.name);
        k = CLI_STOP;
      }
      hears[o.t.nhears++] = c.arg;
      break;
    }
    if (k == CLI_STOP) {
      rc = c.status;
      goto done;
    }
  }
  files = (const char **)c.operands;
  nfiles = (size_t)c.noperands;
  if (!nfiles) {
    rc = usage_error("test", "no story file given");
    goto done;
  }
  if (o.nplans && nfiles > 1) {
    rc = usage_error("test", "--plan goes with one story file");
    goto done;
  }
  if (o.t.nhears && o.exhaustive) {
    rc = usage_error("test", "--hears goes with random runs, not --exhaustive");
    goto done;
  }
  if (o.nplans && o.no_plans) {
    rc = usage_error("test", "--plan and --no-plans contradict each other");
    goto done;
  }
  bool all_ok = true;
  if (o.json) printf("{\"mend_test\": 1, \"version\": \"%s\", \"files\": [\n  ", MEND_VERSION);
  for (size_t i = 0; i < nfiles; i++) {
    report rp;
    test_file(&rp, files[i], &o);
    if (!rp.st) {
      print_diags(rp.diags);
      fflush(stderr);
    }
    if (o.json) {
      if (i) fputs(",\n  ", stdout);
      json_file(stdout, &rp, &o);
    } else if (rp.st) {
      if (i) fputc('\n', stdout);
      print_text(&rp, &o);
    }
    all_ok &= rp.st && rp.ok;
    report_free(&rp);
    fflush(stdout);
  }
  if (o.json)
    printf("\n], \"mode\": \"%s\", \"seed\": %llu, \"runs\": %llu, \"max_steps\": %llu, "
           "\"max_states\": %llu, \"min_coverage\": %g, \"ok\": %s}\n",
           o.exhaustive ? "exhaustive" : "random", (unsigned long long)o.t.seed,
           (unsigned long long)o.t.runs, (unsigned long long)o.t.max_steps,
           (unsigned long long)o.t.max_states, o.min_coverage, all_ok ? "true" : "false");
  rc = all_ok ? EXIT_OK : EXIT_STORY;
done:
  free(o.plans);
  free(hears);
  return rc;
}
