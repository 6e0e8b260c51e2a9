/* SPDX-License-Identifier: MIT */
/*
 * chart.h - a measure over days, drawn for the terminal: pure functions, data
 * in and text out (no terminal, no database), for `mend progress`, the
 * library's line and the summary's comparison (progress.h).
 *
 * Days are whole numbers: the days since 1970-01-01 of a calendar date, so
 * that counting days is subtracting (a day is never taken as 86 400 seconds,
 * which is wrong across a change to or from summer time). A check-in is
 * bucketed by the local date it was answered on, as recorded then.
 *
 * The chart: one bar per day (or per few days, when the days outnumber the
 * columns), its height the mean of the answers of that day (those days) on
 * the measure's whole scale, from its lowest value (a bar of one eighth, ▁,
 * so that an answer of 0 is seen) to its highest (the full height); a day
 * without an answer is a blank. A yes/no measure is one row of marks: ● every
 * answer yes, ○ every answer no, ◐ both.
 */
#ifndef MEND_CHART_H
#define MEND_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* ---- days ------------------------------------------------------------------ */

/* "2026-11-26" to its day number; false when it is not such a date. */
bool chart_parse_day(const char *s, int64_t *day);
/* The day number of a calendar date (any year), and back. */
int64_t chart_day_of(int64_t y, int m, int d);
void chart_date_of(int64_t day, int64_t *y, int *m, int *d);
/* "2026-11-26" */
void chart_iso(int64_t day, char *buf, size_t n);
/* "26 Nov" (short: the chart's axis) */
void chart_short(int64_t day, char *buf, size_t n);
/* "Thu 26 Nov 2026" (the table) */
void chart_long(int64_t day, char *buf, size_t n);
/* The local date of a time, as a day number (TZ applies). */
int64_t chart_local_day(time_t t);

/* ---- a measure's answers ----------------------------------------------------- */

typedef struct chart_point {
  int64_t day, value; /* in the order answered */
} chart_point;

typedef struct chart_series {
  const chart_point *v; /* sorted by day; points outside the window are ignored */
  size_t n;
  int64_t first, last; /* the window: days first..last (last: usually today) */
  bool yesno;          /* values 0 and 1 are no and yes */
  int64_t lo, hi;      /* the scale (numbers only); lo < hi */
} chart_series;

/* The chart in at most `width` columns (UTF-8, each line ending in '\n'),
 * malloc'd; NULL when it does not fit (then the table says it). */
char *chart_render(const chart_series *s, int width);
/* The table: one line per day with answers, "Thu 26 Nov 2026  8, 5"
 * (every answer of the day, in order; yes/no as words). Malloc'd; "" when
 * no day of the window has an answer. */
char *chart_table(const chart_series *s);

/* The scale of a number measure from its answers, when the story's own is
 * unknown: 0 to 10 when they all fit (the usual scale), else from the lowest
 * to the highest answer (and a scale of one value is widened by one). */
void chart_scale(const chart_point *v, size_t n, int64_t *lo, int64_t *hi);

/* ---- lines for a person ------------------------------------------------------ */

/* The No Contact counter, from today and the day last reached out:
 * "Day 12 since you last reached out", or for today, a kind word for a new
 * start. Malloc'd. */
char *chart_counter(int64_t today, int64_t contact);

/* This week of a measure (the 7 days to `today`): its first answer and its
 * last, in the order answered; returns how many answers there were. */
size_t chart_week(const chart_point *v, size_t n, int64_t today, int64_t *first, int64_t *last);

/* The mean of the answers of the 7 days before `today` (today not
 * included); false when there is none. */
bool chart_last_week_mean(const chart_point *v, size_t n, int64_t today, double *mean);

/* A number for a person: "8", "7.5" (one decimal, only when not whole). */
void chart_number(double x, char *buf, size_t n);

#endif
