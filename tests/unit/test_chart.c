/* SPDX-License-Identifier: MIT */
/*
 * test_chart.c - progress across days (tools/chart.h, tools/progress.h):
 * calendar days and local days under several time zones and a change to
 * summer time, the chart (gaps, one point, a day's mean, 365 days, a
 * 20-column terminal, yes/no marks), the table, the counter's words and the
 * week's numbers, and CSV fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "chart.h"
#include "progress.h"

#define BOTTOM "\xE2\x96\x81" /* ▁ */
#define FULL "\xE2\x96\x88"   /* █ */
#define FIVE "\xE2\x96\x85"   /* ▅ */
#define YES "\xE2\x97\x8F"    /* ● */
#define NO "\xE2\x97\x8B"     /* ○ */
#define BOTH "\xE2\x97\x90"   /* ◐ */

static int64_t day(const char *iso) {
  int64_t d = 0;
  assert_true(chart_parse_day(iso, &d));
  return d;
}

/* The n-th line of a text (from 0), malloc'd; NULL when there is none. */
static char *line_of(const char *text, size_t n) {
  for (; n; n--) {
    text = strchr(text, '\n');
    if (!text) return NULL;
    text++;
  }
  const char *end = strchr(text, '\n');
  if (!end) return NULL;
  char *s = malloc((size_t)(end - text) + 1);
  assert_non_null(s);
  memcpy(s, text, (size_t)(end - text));
  s[end - text] = 0;
  return s;
}

static size_t lines_in(const char *text) {
  size_t n = 0;
  for (; *text; text++)
    n += *text == '\n';
  return n;
}

/* Columns of a line of the chart: every character it draws is one column. */
static size_t columns(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

static void assert_line(const char *text, size_t n, const char *want) {
  char *l = line_of(text, n);
  assert_non_null(l);
  assert_string_equal(l, want);
  free(l);
}

static void set_tz(const char *tz) {
  setenv("TZ", tz, 1);
  tzset();
}

/* ---- days -------------------------------------------------------------------------- */

static void test_days_are_calendar_dates(void **state) {
  (void)state;
  assert_int_equal(day("1970-01-01"), 0);
  assert_int_equal(day("1970-01-02"), 1);
  assert_int_equal(day("1969-12-31"), -1);
  assert_int_equal(day("2024-03-01") - day("2024-02-28"), 2); /* a leap year */
  assert_int_equal(day("2026-03-01") - day("2026-02-28"), 1);
  assert_int_equal(day("2000-03-01") - day("2000-02-28"), 2);
  assert_int_equal(day("2100-03-01") - day("2100-02-28"), 1);
  assert_int_equal(day("2027-01-01") - day("2026-01-01"), 365);
  char buf[32];
  for (int64_t d = day("1999-12-25"); d < day("2001-01-10"); d++) {
    chart_iso(d, buf, sizeof buf);
    assert_int_equal(day(buf), d);
  }
  chart_long(day("2026-11-26"), buf, sizeof buf);
  assert_string_equal(buf, "Thu 26 Nov 2026");
  chart_long(day("2026-12-01"), buf, sizeof buf);
  assert_string_equal(buf, "Tue  1 Dec 2026");
  chart_short(day("2026-12-01"), buf, sizeof buf);
  assert_string_equal(buf, "1 Dec");
}

static void test_what_is_not_a_date_is_refused(void **state) {
  (void)state;
  int64_t d;
  const char *bad[] = {
      "",          "2026-02-29", "2026-13-01",  "2026-00-10", "2026-04-31",  "2026-1-01",
      "2026-01-1", "20260101",   "2026-01-01 ", "abcd-ef-gh", "2026-01-01x", "-026-01-01",
      "2026/01/01"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_false(chart_parse_day(bad[i], &d));
  assert_false(chart_parse_day(NULL, &d));
  assert_true(chart_parse_day("2024-02-29", &d));
}

/* The same moment is a different local day in different time zones. */
static void test_a_moment_falls_on_its_local_day(void **state) {
  (void)state;
  time_t t = (time_t)(day("2026-12-01") * 86400 + 23 * 3600 + 30 * 60); /* 23:30 UTC */
  set_tz("UTC0");
  assert_int_equal(chart_local_day(t), day("2026-12-01"));
  set_tz("EST5"); /* 18:30 */
  assert_int_equal(chart_local_day(t), day("2026-12-01"));
  set_tz("JST-9"); /* 08:30 the next morning */
  assert_int_equal(chart_local_day(t), day("2026-12-02"));
  set_tz("HST10"); /* 13:30 */
  assert_int_equal(chart_local_day(t), day("2026-12-01"));
  t = (time_t)(day("2026-12-01") * 86400 + 5 * 3600); /* 05:00 UTC */
  set_tz("HST10");                                    /* 19:00 the evening before */
  assert_int_equal(chart_local_day(t), day("2026-11-30"));
  set_tz("UTC0");
}

/* Days are counted by the calendar, never as 86 400 seconds: across the night
 * summer time starts, 22.5 hours from 23:30 to 23:00 the next day is a day. */
static void test_days_since_contact_across_summer_time(void **state) {
  (void)state;
  set_tz("CET-1CEST,M3.5.0,M10.5.0/3"); /* summer time from 29 March 2026 */
  time_t contact = (time_t)(day("2026-03-28") * 86400 + 22 * 3600 + 30 * 60); /* 23:30 CET */
  time_t now = (time_t)(day("2026-03-29") * 86400 + 21 * 3600);               /* 23:00 CEST */
  assert_true(now - contact < 86400);
  char *c = chart_counter(chart_local_day(now), chart_local_day(contact));
  assert_string_equal(c, "Day 1 since you last reached out");
  free(c);
  /* and back in October: 25 hours from 00:30 to 00:30 is one day too */
  contact = (time_t)(day("2026-10-24") * 86400 + 22 * 3600 + 30 * 60); /* 00:30 CEST, 25 Oct */
  now = contact + 25 * 3600;                                           /* 00:30 CET, 26 Oct */
  assert_int_equal(chart_local_day(contact), day("2026-10-25"));
  assert_int_equal(chart_local_day(now), day("2026-10-26"));
  set_tz("UTC0");
}

/* ---- the counter and the week ---------------------------------------------------------- */

static void test_counter_words(void **state) {
  (void)state;
  int64_t today = day("2026-12-12");
  char *c = chart_counter(today, day("2026-11-30"));
  assert_string_equal(c, "Day 12 since you last reached out");
  free(c);
  c = chart_counter(today, today - 1);
  assert_string_equal(c, "Day 1 since you last reached out");
  free(c);
  /* a slip today: a new start, no "Day 0" and no count of slips */
  c = chart_counter(today, today);
  assert_string_equal(c, "Starting again today, and that counts.");
  free(c);
}

static void test_this_week_and_the_week_before(void **state) {
  (void)state;
  int64_t t = day("2026-12-10");
  chart_point v[] = {{t - 9, 9}, {t - 7, 8}, {t - 6, 7}, {t - 3, 6}, {t, 4}, {t, 5}, {t + 1, 0}};
  int64_t first = -1, last = -1;
  assert_int_equal(chart_week(v, 7, t, &first, &last), 4); /* t-6 .. t */
  assert_int_equal(first, 7);
  assert_int_equal(last, 5);
  assert_int_equal(chart_week(v, 2, t, &first, &last), 0);
  double mean = 0;
  assert_true(chart_last_week_mean(v, 7, t, &mean)); /* t-7 .. t-1: 8, 7, 6 */
  assert_true(mean > 6.999 && mean < 7.001);
  assert_false(chart_last_week_mean(v + 4, 3, t, &mean)); /* only today and after */
  char buf[16];
  chart_number(7.0, buf, sizeof buf);
  assert_string_equal(buf, "7");
  chart_number(6.5, buf, sizeof buf);
  assert_string_equal(buf, "6.5");
  chart_number(20.0 / 3, buf, sizeof buf);
  assert_string_equal(buf, "6.7");
  chart_number(-0.01, buf, sizeof buf);
  assert_string_equal(buf, "0");
}

/* ---- the chart ------------------------------------------------------------------------ */

static void test_a_gap_is_blank_and_zero_is_not(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[] = {{t - 2, 0}, {t, 10}};
  chart_series s = {v, 2, t - 2, t, false, 0, 10};
  char *c = chart_render(&s, 40); /* 3 days, 3 characters each: 2 of bar and a gap */
  assert_non_null(c);
  assert_int_equal(lines_in(c), 7); /* 5 rows, the axis, the dates */
  assert_line(c, 0, "10 \xE2\x94\xA4      " FULL FULL);
  assert_line(c, 1, "   \xE2\x94\x82      " FULL FULL);
  assert_line(c, 4, " 0 \xE2\x94\xA4" BOTTOM BOTTOM "    " FULL FULL);
  assert_line(c, 6, "        today"); /* "1 Dec" has no room */
  free(c);
}

static void test_one_point(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[] = {{t, 0}};
  chart_series s = {v, 1, t - 29, t, false, 0, 10};
  char *c = chart_render(&s, 80);
  assert_non_null(c);
  for (size_t i = 0; i < 3; i++) { /* nothing above the bottom row */
    char *l = line_of(c, i + 1);
    assert_null(strstr(l, "\xE2\x96"));
    free(l);
  }
  char *bottom = line_of(c, 4);
  assert_string_equal(bottom + strlen(bottom) - strlen(BOTTOM BOTTOM), BOTTOM BOTTOM);
  assert_int_equal(columns(bottom), 4 + 30 * 2); /* the margin, then 30 days of 2 */
  free(bottom);
  char *dates = line_of(c, 6);
  assert_string_equal(dates + strlen(dates) - 5, "today");
  assert_non_null(strstr(dates, "26 Nov")); /* a week before */
  free(dates);
  free(c);
}

static void test_a_day_is_the_mean_of_its_answers(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[] = {{t, 0}, {t, 10}}; /* mean 5: 21 eighths of 40 */
  chart_series s = {v, 2, t, t, false, 0, 10};
  char *c = chart_render(&s, 30);
  assert_non_null(c);
  assert_line(c, 2, "   \xE2\x94\x82" FIVE FIVE);
  assert_line(c, 3, "   \xE2\x94\x82" FULL FULL);
  assert_line(c, 1, "   \xE2\x94\x82");
  free(c);
}

static void test_365_days_fit_the_width(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[365];
  for (int i = 0; i < 365; i++)
    v[i] = (chart_point){t - 364 + i, (i * 7) % 11};
  chart_series s = {v, 365, t - 364, t, false, 0, 10};
  for (int w = 20; w <= 200; w += 30) {
    char *c = chart_render(&s, w);
    assert_non_null(c);
    assert_int_equal(lines_in(c), 7);
    for (size_t i = 0; i < 7; i++) {
      char *l = line_of(c, i);
      assert_true(columns(l) <= (size_t)w);
      free(l);
    }
    char *bottom = line_of(c, 4);
    assert_null(strchr(bottom + 4, ' ')); /* every column has answers: no gap */
    free(bottom);
    free(c);
  }
}

static void test_a_20_column_terminal(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[] = {{t - 29, 3}, {t - 15, 6}, {t, 9}};
  chart_series s = {v, 3, t - 29, t, false, 0, 10};
  char *c = chart_render(&s, 20);
  assert_non_null(c);
  for (size_t i = 0; i < lines_in(c); i++) {
    char *l = line_of(c, i);
    assert_true(columns(l) <= 20);
    free(l);
  }
  char *bottom = line_of(c, 4); /* 2 days a column: 15 columns, 3 of them with answers */
  size_t blocks = 0;
  for (const char *p = bottom; (p = strstr(p, "\xE2\x96")); p += 3)
    blocks++;
  assert_int_equal(blocks, 3);
  free(bottom);
  char *dates = line_of(c, 6);
  assert_string_equal(dates + strlen(dates) - 5, "today");
  free(dates);
  free(c);
  /* a scale whose labels leave no room: no chart (the table says it) */
  chart_series wide = {v, 3, t - 29, t, false, INT64_MIN, INT64_MAX};
  assert_null(chart_render(&wide, 20));
  c = chart_render(&wide, 60);
  assert_non_null(c); /* and with room, the extreme scale is drawn without overflow */
  free(c);
}

static void test_yes_no_marks(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[] = {{t - 3, 1}, {t - 2, 0}, {t - 1, 1}, {t - 1, 0}};
  chart_series s = {v, 4, t - 3, t, true, 0, 1};
  char *c = chart_render(&s, 20);
  assert_non_null(c);
  assert_line(c, 0, "   \xE2\x94\x82" YES YES " " NO NO " " BOTH BOTH);
  assert_non_null(strstr(c, YES " yes  " NO " no  " BOTH " both"));
  free(c);
  char *table = chart_table(&s);
  assert_string_equal(table, "Mon 30 Nov 2026  yes\n"
                             "Tue  1 Dec 2026  no\n"
                             "Wed  2 Dec 2026  yes, no\n");
  free(table);
}

static void test_table_lists_every_answer_by_day(void **state) {
  (void)state;
  int64_t t = day("2026-12-03");
  chart_point v[] = {{t - 40, 1}, {t - 2, 8}, {t - 2, 5}, {t, -3}};
  chart_series s = {v, 4, t - 29, t, false, -3, 10};
  char *table = chart_table(&s);
  assert_string_equal(table, "Tue  1 Dec 2026  8, 5\n"
                             "Thu  3 Dec 2026  -3\n");
  free(table);
  chart_series none = {v, 1, t - 29, t, false, 0, 10};
  table = chart_table(&none);
  assert_string_equal(table, "");
  free(table);
}

static void test_scale_from_the_answers(void **state) {
  (void)state;
  int64_t lo, hi;
  chart_point v[] = {{0, 3}, {0, 7}};
  chart_scale(v, 2, &lo, &hi);
  assert_int_equal(lo, 0);
  assert_int_equal(hi, 10);
  chart_point w[] = {{0, 3}, {0, 20}};
  chart_scale(w, 2, &lo, &hi);
  assert_int_equal(lo, 3);
  assert_int_equal(hi, 20);
  chart_point one[] = {{0, 50}};
  chart_scale(one, 1, &lo, &hi);
  assert_int_equal(lo, 50);
  assert_int_equal(hi, 51);
  chart_point top[] = {{0, INT64_MAX}};
  chart_scale(top, 1, &lo, &hi);
  assert_true(lo < hi);
}

/* ---- CSV ------------------------------------------------------------------------------ */

static char *csv(const char *s, bool text) {
  char *out;
  size_t n;
  FILE *f = open_memstream(&out, &n);
  assert_non_null(f);
  progress_csv_field(f, s, text);
  fclose(f);
  return out;
}

static void test_csv_fields(void **state) {
  (void)state;
  struct {
    const char *in;
    bool text;
    const char *out;
  } cases[] = {
      {"Urge to reach out", true, "Urge to reach out"},
      {"a, b", true, "\"a, b\""},
      {"say \"hi\"", true, "\"say \"\"hi\"\"\""},
      {"line\nbreak", true, "linebreak"},                        /* control characters dropped */
      {"\x1b[31mred\x1b[0m", true, "red"},                       /* escape sequences too */
      {"=HYPERLINK(\"x\")", true, "\"'=HYPERLINK(\"\"x\"\")\""}, /* not a formula */
      {"+1", true, "'+1"},
      {"@cmd", true, "'@cmd"},
      {"-3", false, "-3"}, /* a number stays a number */
      {"", true, ""},
      {"caf\xc3\xa9", true, "caf\xc3\xa9"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *got = csv(cases[i].in, cases[i].text);
    assert_string_equal(got, cases[i].out);
    free(got);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_days_are_calendar_dates),
      cmocka_unit_test(test_what_is_not_a_date_is_refused),
      cmocka_unit_test(test_a_moment_falls_on_its_local_day),
      cmocka_unit_test(test_days_since_contact_across_summer_time),
      cmocka_unit_test(test_counter_words),
      cmocka_unit_test(test_this_week_and_the_week_before),
      cmocka_unit_test(test_a_gap_is_blank_and_zero_is_not),
      cmocka_unit_test(test_one_point),
      cmocka_unit_test(test_a_day_is_the_mean_of_its_answers),
      cmocka_unit_test(test_365_days_fit_the_width),
      cmocka_unit_test(test_a_20_column_terminal),
      cmocka_unit_test(test_yes_no_marks),
      cmocka_unit_test(test_table_lists_every_answer_by_day),
      cmocka_unit_test(test_scale_from_the_answers),
      cmocka_unit_test(test_csv_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
