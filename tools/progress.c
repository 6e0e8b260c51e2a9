/* SPDX-License-Identifier: MIT */
/* progress.c - see progress.h. */
#include "progress.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "chart.h"
#include "cmd.h"
#include "db.h"
#include "emit.h"
#include "library.h"
#include "mend/mend.h"
#include "store.h"
#include "term.h"
#include "xalloc.h"

static const char usage[] =
    "usage: mend progress [--days N] [--measure NAME] [--table|--chart] [--width N]\n"
    "       mend progress --format csv|json [--days N] [--measure NAME] [-o FILE]\n"
    "       mend progress --forget [--yes]\n"
    "\n"
    "Shows your check-ins across days: each measure (the urge to reach out, ...) over\n"
    "the last 30 days, and how many days since you last reached out (mend contact).\n"
    "On a terminal each day is a bar, the mean of that day's answers; elsewhere, or\n"
    "with --table, a table lists every answer by day.\n"
    "\n"
    "options:\n"
    "  --days N        the last N days, today included (default 30)\n"
    "  --measure NAME  only this measure (its label, or its variable's name)\n"
    "  --table         the table instead of the chart (for screen readers)\n"
    "  --chart         the chart even when the output is not a terminal\n"
    "  --width N       the chart's width in columns (default: the terminal's)\n"
    "  --format F      text (default), or the whole log as csv or json, with the\n"
    "                  days you last reached out (--days and --measure narrow it)\n"
    "  -o FILE         write the csv or json to FILE (private: 0600 when new; replaced\n"
    "                  whole, or written through a link); '-' or no -o: standard output\n"
    "  --forget        delete every check-in and every day you reached out, after\n"
    "                  asking (--yes: without asking); your journal is kept\n";

/* ---- the log, grouped by measure ------------------------------------------------- */

typedef struct measure {
  char *label; /* as answered last */
  chart_point *v;
  size_t n;
  size_t last_row; /* the row of its latest answer, to order measures */
  bool yesno;
  int64_t lo, hi;
} measure;

typedef struct loaded {
  char *id;
  mend_story *st; /* NULL: not found, or does not load */
} loaded;

typedef struct stories {
  library lib;
  bool scanned;
  loaded *v;
  size_t n;
} stories;

/* The story of a check-in, loaded once (what the variable was: yes/no, or a
 * scale from min to max). */
static const mend_var_info *var_of(stories *s, const char *story_id, const char *var) {
  if (!s->scanned) library_scan(&s->lib, 0), s->scanned = true;
  loaded *l = NULL;
  for (size_t i = 0; i < s->n && !l; i++)
    if (!strcmp(s->v[i].id, story_id)) l = &s->v[i];
  if (!l) {
    s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    l = &s->v[s->n++];
    l->id = xstrdup(story_id);
    l->st = NULL;
    const lib_entry *e = library_find(&s->lib, story_id);
    if (e) {
      mend_diags *d = mend_diags_new();
      l->st = mend_story_load(e->path, d);
      mend_diags_free(d);
    }
  }
  if (!l->st) return NULL;
  for (size_t i = 0; i < mend_story_var_count(l->st); i++) {
    const mend_var_info *v = mend_story_var(l->st, i);
    if (!strcmp(v->name, var) && v->type != MEND_TEXT) return v;
  }
  return NULL;
}

static void stories_free(stories *s) {
  for (size_t i = 0; i < s->n; i++)
    free(s->v[i].id), mend_story_free(s->v[i].st);
  free(s->v);
  if (s->scanned) library_free(&s->lib);
}

/* Groups the rows by label, ignoring case; rows whose date is not a date,
 * or is after `until`, are left out. */
static measure *group(const db_checkin_row *r, size_t n, int64_t until, size_t *nm) {
  measure *m = NULL;
  *nm = 0;
  for (size_t i = 0; i < n; i++) {
    int64_t day;
    if (!chart_parse_day(r[i].date, &day) || day > until) continue;
    measure *g = NULL;
    for (size_t k = 0; k < *nm && !g; k++)
      if (!strcasecmp(m[k].label, r[i].label)) g = &m[k];
    if (!g) {
      m = xrealloc(m, (*nm + 1) * sizeof *m);
      g = &m[(*nm)++];
      memset(g, 0, sizeof *g);
      g->label = xstrdup(r[i].label);
    } else if (strcmp(g->label, r[i].label)) {
      free(g->label);
      g->label = xstrdup(r[i].label);
    }
    g->v = xrealloc(g->v, (g->n + 1) * sizeof *g->v);
    g->v[g->n++] = (chart_point){day, r[i].value};
    g->last_row = i;
  }
  return m;
}

static void measures_free(measure *m, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(m[i].label), free(m[i].v);
  free(m);
}

/* A measure's scale: yes/no when every story it came from has it as a
 * yes/no; else the stories' ranges, widened to hold every answer; from the
 * answers alone when no story is found. */
static void scale_of(measure *m, const db_checkin_row *r, size_t n, stories *s) {
  size_t found = 0, bools = 0, ranged = 0;
  int64_t lo = 0, hi = 0;
  for (size_t i = 0; i < n; i++) {
    if (strcasecmp(r[i].label, m->label)) continue;
    bool seen = false; /* the same story and variable as an earlier row */
    for (size_t k = 0; k < i && !seen; k++)
      seen = !strcasecmp(r[k].label, m->label) && !strcmp(r[k].story, r[i].story) &&
             !strcmp(r[k].var, r[i].var);
    if (seen) continue;
    const mend_var_info *v = var_of(s, r[i].story, r[i].var);
    if (!v) continue;
    found++;
    if (v->type == MEND_BOOL) {
      bools++;
    } else if (v->has_min && v->has_max) {
      lo = ranged && lo < v->min ? lo : v->min;
      hi = ranged && hi > v->max ? hi : v->max;
      ranged++;
    }
  }
  bool binary = true;
  for (size_t i = 0; i < m->n; i++)
    binary = binary && (m->v[i].value == 0 || m->v[i].value == 1);
  m->yesno = found && bools == found && binary;
  if (!ranged) {
    chart_scale(m->v, m->n, &m->lo, &m->hi);
    return;
  }
  for (size_t i = 0; i < m->n; i++) {
    if (m->v[i].value < lo) lo = m->v[i].value;
    if (m->v[i].value > hi) hi = m->v[i].value;
  }
  if (lo == hi) chart_scale(m->v, m->n, &lo, &hi);
  m->lo = lo, m->hi = hi;
}

/* ---- what is shared with the library and the summary ------------------------------- */

static int64_t today(void) {
  return chart_local_day(store_now());
}

/* The day the person last reached out (db_contact_days: a day after today,
 * which a clock set back can give, counts as today); false when none. */
static bool last_contact(db *d, int64_t now, int64_t *day) {
  long days;
  if (!db_contact_days(d, store_now(), &days) || days < 0) return false;
  *day = now - days;
  return true;
}

static bool utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

char *progress_line(db *d) {
  if (!d) return NULL;
  const char *sep = utf8() ? " \xC2\xB7 " : " - ", *arrow = utf8() ? "\xE2\x86\x92" : "->";
  int64_t now = today(), contact;
  xbuf b = {0};
  if (last_contact(d, now, &contact)) {
    char *c = chart_counter(now, contact);
    xbuf_adds(&b, c);
    free(c);
  }
  char since[16];
  chart_iso(now - 6, since, sizeof since);
  db_checkin_row *r;
  size_t n, nm;
  if (!db_checkins_list(d, since, NULL, &r, &n)) return b.data;
  measure *m = group(r, n, now, &nm);
  /* the urge, else the measure answered most this week; not a yes/no (a
   * measure answered only 0 and 1 is taken for one: its story is not loaded
   * here, to keep the library quick) */
  const measure *pick = NULL;
  for (int pass = 0; pass < 2 && !pick; pass++)
    for (size_t i = 0; i < nm; i++) {
      bool binary = true;
      for (size_t k = 0; k < m[i].n; k++)
        binary = binary && (m[i].v[k].value == 0 || m[i].v[k].value == 1);
      if (binary || (!pass && !strcasestr(m[i].label, "urge"))) continue;
      if (!pick || m[i].n > pick->n) pick = &m[i];
    }
  int64_t first, last;
  size_t k = pick ? chart_week(pick->v, pick->n, now, &first, &last) : 0;
  if (k) {
    char *part;
    FILE *f = open_memstream(&part, &(size_t){0});
    if (!f) abort();
    if (b.len) fputs(sep, f);
    term_puts(f, pick->label);
    if (k > 1)
      fprintf(f, " this week: %lld %s %lld", (long long)first, arrow, (long long)last);
    else
      fprintf(f, " this week: %lld", (long long)last);
    fclose(f);
    xbuf_adds(&b, part);
    free(part);
  }
  measures_free(m, nm);
  db_checkins_list_free(r, n);
  return b.data;
}

char *progress_compare(db *d, const char *label, int64_t today_value) {
  if (!d) return NULL;
  int64_t now = today();
  char since[16];
  chart_iso(now - 7, since, sizeof since);
  db_checkin_row *r;
  size_t n, nm;
  if (!db_checkins_list(d, since, label, &r, &n)) return NULL;
  measure *m = group(r, n, now, &nm);
  char *out = NULL;
  double mean;
  for (size_t i = 0; i < nm && !out; i++) {
    if (strcasecmp(m[i].label, label) || !chart_last_week_mean(m[i].v, m[i].n, now, &mean))
      continue;
    char avg[32];
    chart_number(mean, avg, sizeof avg);
    FILE *f = open_memstream(&out, &(size_t){0});
    if (!f) abort();
    term_puts(f, label);
    fprintf(f, ": %lld today; %s on average over the last 7 days.", (long long)today_value, avg);
    fclose(f);
  }
  measures_free(m, nm);
  db_checkins_list_free(r, n);
  return out;
}

/* ---- exports ---------------------------------------------------------------------- */

void progress_csv_field(FILE *f, const char *s, bool text) {
  char *clean = NULL;
  size_t n;
  bool plain = true; /* printable ASCII only: nothing to drop (the usual field) */
  for (const unsigned char *p = (const unsigned char *)s; *p && plain; p++)
    plain = *p >= 0x20 && *p < 0x7f;
  bool formula = text && s[0] && strchr("=+-@", s[0]);
  if (!plain || formula) {
    FILE *m = open_memstream(&clean, &n);
    if (!m) abort();
    if (formula) fputc('\'', m);
    term_puts(m, s);
    fclose(m);
  }
  const char *out = clean ? clean : s;
  if (!strpbrk(out, ",\"\r\n")) {
    fputs(out, f);
  } else {
    fputc('"', f);
    for (const char *p = out; *p; p++) {
      if (*p == '"') fputc('"', f);
      fputc(*p, f);
    }
    fputc('"', f);
  }
  free(clean);
}

/* "21:30": the local time of day of a moment. */
static void time_of(time_t t, char *buf, size_t n) {
  char full[32];
  db_local_time(t, full, sizeof full);
  const char *sp = strchr(full, ' ');
  snprintf(buf, n, "%s", sp ? sp + 1 : "");
}

static void csv_row(FILE *f, const char *const *fields, const bool *text, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i) fputc(',', f);
    progress_csv_field(f, fields[i], text[i]);
  }
  fputs("\r\n", f);
}

static void export_csv(FILE *f, const db_checkin_row *r, size_t n, const db_contact *c, size_t nc) {
  static const bool text[] = {false, false, false, true, true, true, false, true};
  static const char *const head[] = {"kind",    "date",     "time",  "story",
                                     "measure", "variable", "value", "note"};
  csv_row(f, head, text, 8);
  char tm[16], value[24];
  for (size_t i = 0; i < n; i++) {
    time_of(r[i].when, tm, sizeof tm);
    snprintf(value, sizeof value, "%lld", (long long)r[i].value);
    const char *row[] = {"checkin", r[i].date, tm, r[i].story, r[i].label, r[i].var, value, ""};
    csv_row(f, row, text, 8);
  }
  for (size_t i = 0; i < nc; i++) {
    time_of(c[i].when, tm, sizeof tm);
    const char *row[] = {"contact", c[i].date, tm, "", "", "", "", c[i].note};
    csv_row(f, row, text, 8);
  }
}

static void json_field(FILE *f, const char *name, const char *value, bool comma) {
  fprintf(f, "%s\"%s\": ", comma ? ", " : "", name);
  emit_json_string(f, value);
}

static void export_json(FILE *f, const db_checkin_row *r, size_t n, const db_contact *c,
                        size_t nc) {
  char tm[16];
  fputs("{\"checkins\": [", f);
  for (size_t i = 0; i < n; i++) {
    time_of(r[i].when, tm, sizeof tm);
    fputs(i ? ",\n  {" : "\n  {", f);
    json_field(f, "date", r[i].date, false);
    json_field(f, "time", tm, true);
    json_field(f, "story", r[i].story, true);
    json_field(f, "measure", r[i].label, true);
    json_field(f, "variable", r[i].var, true);
    fprintf(f, ", \"value\": %lld}", (long long)r[i].value);
  }
  fputs(n ? "\n],\n\"contacts\": [" : "],\n\"contacts\": [", f);
  for (size_t i = 0; i < nc; i++) {
    time_of(c[i].when, tm, sizeof tm);
    fputs(i ? ",\n  {" : "\n  {", f);
    json_field(f, "date", c[i].date, false);
    json_field(f, "time", tm, true);
    json_field(f, "note", c[i].note, true);
    fputs("}", f);
  }
  fputs(nc ? "\n]}\n" : "]}\n", f);
}

/* ---- mend progress ---------------------------------------------------------------- */

typedef struct opts {
  uint64_t days;
  bool days_set, table, chart, forget, yes;
  int width;
  const char *measure, *format, *output;
} opts;

static int forget(db *d, bool yes) {
  db_checkin_row *r;
  db_contact *c;
  size_t n = 0, nc = 0;
  if (!db_checkins_list(d, NULL, NULL, &r, &n) || !db_contacts_list(d, &c, &nc)) {
    fprintf(stderr, "mend progress: cannot read your check-ins: %s\n", db_error(d));
    return EXIT_IO;
  }
  db_checkins_list_free(r, n);
  db_contacts_list_free(c, nc);
  if (!yes) {
    printf("Delete all %zu check-in%s and %zu day%s you reached out, for good? Your journal "
           "is kept. [y/n]\n",
           n, n == 1 ? "" : "s", nc, nc == 1 ? "" : "s");
    fflush(stdout);
    char *line = NULL;
    size_t cap = 0;
    bool answer = false;
    yes = getline(&line, &cap, stdin) > 0 && mend_parse_yesno(line, &answer) == MEND_OK && answer;
    free(line);
  }
  if (!yes) {
    puts("Your check-ins were kept.");
    return EXIT_OK;
  }
  if (!db_progress_clear(d, &n, &nc)) {
    fprintf(stderr, "mend progress: cannot delete your check-ins: %s\n", db_error(d));
    return EXIT_IO;
  }
  puts("Your check-ins and the days you reached out were deleted.");
  return EXIT_OK;
}

/* The log as csv or json, to -o FILE or standard output, through the one
 * output path of the commands (cmd_write_output). */
static int write_log(const opts *o, const db_checkin_row *r, size_t n, const db_contact *c,
                     size_t nc) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) abort();
  if (!strcmp(o->format, "csv"))
    export_csv(f, r, n, c, nc);
  else
    export_json(f, r, n, c, nc);
  fclose(f);
  int rc = cmd_write_output("progress", o->output, buf, len);
  free(buf);
  return rc;
}

static int export(db *d, const opts *o, const char *since) {
  db_checkin_row *r;
  db_contact *c;
  size_t n = 0, nc = 0;
  if (!db_checkins_list(d, since, o->measure, &r, &n) || !db_contacts_list(d, &c, &nc)) {
    fprintf(stderr, "mend progress: cannot read your check-ins: %s\n", db_error(d));
    return EXIT_IO;
  }
  size_t keep = 0; /* the contacts of the same days */
  for (size_t i = 0; i < nc; i++) {
    if (o->measure || (since && strcmp(c[i].date, since) < 0)) {
      free(c[i].note);
      continue;
    }
    c[keep++] = c[i];
  }
  int rc = write_log(o, r, n, c, keep);
  db_checkins_list_free(r, n);
  db_contacts_list_free(c, keep);
  return rc;
}

static int by_recency(const void *a, const void *b) {
  const measure *x = a, *y = b;
  return x->last_row < y->last_row ? 1 : x->last_row > y->last_row ? -1 : 0;
}

/* A paragraph, wrapped to `width` columns (0: not wrapped). */
static void para(int width, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void para(int width, const char *fmt, ...) {
  char *text;
  va_list ap;
  va_start(ap, fmt);
  if (vasprintf(&text, fmt, ap) < 0) abort();
  va_end(ap);
  term_opts o = {width, false, 0};
  term_lines(stdout, &o, text);
  free(text);
}

static void show_measure(const measure *m, const chart_series *s, bool chart, int width) {
  char *title;
  FILE *f = open_memstream(&title, &(size_t){0});
  if (!f) abort();
  term_puts(f, m->label);
  if (m->yesno)
    fputs(" (yes or no)", f);
  else
    fprintf(f, " (%lld to %lld)", (long long)m->lo, (long long)m->hi);
  fclose(f);
  para(chart ? width : 0, "%s", title);
  free(title);
  char *text = chart ? chart_render(s, width) : NULL;
  if (!text) text = chart_table(s);
  fputs(text, stdout);
  free(text);
  size_t days = 0, answers = 0;
  for (size_t i = 0; i < m->n; i++) {
    if (m->v[i].day < s->first || m->v[i].day > s->last) continue;
    answers++;
    days += !i || m->v[i].day != m->v[i - 1].day;
  }
  para(chart ? width : 0, "%zu answer%s, on %zu of these %lld day%s.", answers,
       answers == 1 ? "" : "s", days, (long long)(s->last - s->first + 1),
       s->last == s->first ? "" : "s");
}

static int show(db *d, const opts *o, int64_t now, const char *since) {
  const char *term = getenv("TERM");
  bool chart = o->chart ||
               (!o->table && isatty(STDOUT_FILENO) && utf8() && !(term && !strcmp(term, "dumb")));
  int width = o->width ? o->width : term_columns(STDOUT_FILENO);
  if (width <= 0) width = 80;
  int wrap = chart ? width : 0; /* prose is wrapped with the chart, never in the table */
  int64_t contact;
  if (last_contact(d, now, &contact)) {
    char *c = chart_counter(now, contact);
    para(wrap, "%s%s", c, c[strlen(c) - 1] == '.' ? "" : ".");
    fputc('\n', stdout);
    free(c);
  }
  db_checkin_row *r;
  size_t n, nm;
  if (!db_checkins_list(d, since, o->measure, &r, &n)) {
    fprintf(stderr, "mend progress: cannot read your check-ins: %s\n", db_error(d));
    return EXIT_IO;
  }
  measure *m = group(r, n, now, &nm);
  unsigned long long days = (unsigned long long)o->days;
  if (!nm && o->measure) {
    char *name;
    FILE *f = open_memstream(&name, &(size_t){0});
    if (!f) abort();
    term_puts(f, o->measure);
    fclose(f);
    para(wrap, "No answers to \"%s\" in the last %llu days.", name, days);
    free(name);
  } else if (!nm) {
    para(wrap,
         "No check-ins in the last %llu days. A check-in is kept each time you answer one in a "
         "scenario (how strong the urge is, from 0 to 10, ...).",
         days);
  } else if (chart) {
    para(wrap,
         "The last %llu days: each bar is the mean of a day's answers, from the bottom of the "
         "scale to the top; a blank is a day without an answer.",
         days);
  } else {
    para(wrap, "The last %llu days: every answer of each day with answers, in the order given.",
         days);
  }
  stories st = {0};
  for (size_t i = 0; i < nm; i++)
    scale_of(&m[i], r, n, &st);
  stories_free(&st);
  if (nm) qsort(m, nm, sizeof *m, by_recency); /* never with NULL, even for none */
  for (size_t i = 0; i < nm; i++) {
    chart_series s = {m[i].v,  m[i].n, now - (int64_t)o->days + 1, now, m[i].yesno,
                      m[i].lo, m[i].hi};
    fputc('\n', stdout);
    show_measure(&m[i], &s, chart, width);
  }
  measures_free(m, nm);
  db_checkins_list_free(r, n);
  return EXIT_OK;
}

static int parse(int argc, char **argv, opts *o) {
  memset(o, 0, sizeof *o);
  o->days = 30;
  o->format = "text";
  enum { O_DAYS = CLI_LONG, O_WIDTH, O_MEASURE, O_FORMAT, O_TABLE, O_CHART, O_FORGET, O_YES };
  static const cli_option options[] = {{"days", O_DAYS, "a number of days from 1 to 3660"},
                                       {"width", O_WIDTH, "a number of columns from 20 to 1000"},
                                       {"measure", O_MEASURE, "a measure's name"},
                                       {"format", O_FORMAT, "text, csv or json"},
                                       {"output", 'o', "a file name"},
                                       {"table", O_TABLE, NULL},
                                       {"chart", O_CHART, NULL},
                                       {"forget", O_FORGET, NULL},
                                       {"yes", O_YES, NULL},
                                       {0}};
  static const char *const formats[] = {"text", "csv", "json", NULL};
  cli c;
  cli_start(&c, "progress", usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    uint64_t w;
    switch (k) {
    case CLI_STOP: return c.status;
    case O_DAYS:
      if (!cli_number(&c, 1, 3660, &o->days)) return c.status;
      o->days_set = true;
      break;
    case O_WIDTH:
      if (!cli_number(&c, 20, 1000, &w)) return c.status;
      o->width = (int)w;
      break;
    case O_MEASURE: o->measure = c.arg; break;
    case O_FORMAT:
      if (cli_choice(&c, formats) < 0) return c.status;
      o->format = c.arg;
      break;
    case 'o': o->output = c.arg; break;
    case O_TABLE: o->table = true; break;
    case O_CHART: o->chart = true; break;
    case O_FORGET: o->forget = true; break;
    case O_YES: o->yes = true; break;
    }
  }
  if (c.noperands) return usage_error("progress", "unexpected argument '%s'", c.operands[0]);
  if (o->forget && (o->measure || o->days_set || strcmp(o->format, "text")))
    return usage_error("progress", "--forget deletes everything: it takes no --days, --measure "
                                   "or --format");
  if (o->output && strcmp(o->format, "csv") && strcmp(o->format, "json"))
    return usage_error("progress", "-o FILE writes --format csv or json");
  if (o->table && o->chart) return usage_error("progress", "--table or --chart, not both");
  return -1;
}

int cmd_progress(int argc, char **argv) {
  opts o;
  int rc = parse(argc, argv, &o);
  if (rc >= 0) return rc;
  char *why = NULL;
  db *d = db_open(!o.forget, &why);
  if (!d && why) {
    fprintf(stderr, "mend progress: cannot open your check-ins: %s\n", why);
    free(why);
    return EXIT_IO;
  }
  int64_t now = today();
  char since[16];
  chart_iso(now - (int64_t)o.days + 1, since, sizeof since);
  bool text = !strcmp(o.format, "text");
  if (!d) { /* nothing was ever recorded */
    if (!text) return write_log(&o, NULL, 0, NULL, 0);
    puts("Nothing recorded yet. A check-in is kept each time you answer one in a scenario.");
    return EXIT_OK;
  }
  if (o.forget)
    rc = forget(d, o.yes);
  else if (!text)
    rc = export(d, &o, o.days_set ? since : NULL);
  else
    rc = show(d, &o, now, since);
  db_close(d);
  return rc;
}
