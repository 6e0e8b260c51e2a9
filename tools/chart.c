/* SPDX-License-Identifier: MIT */
/* chart.c - see chart.h. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

enum { ROWS = 5 }; /* a number measure's chart: 5 rows of 8 eighths each */

static const char *const BLOCKS[8] = {"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
                                      "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86",
                                      "\xE2\x96\x87", "\xE2\x96\x88"}; /* ▁ to █ */
static const char *const MONTHS[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const WEEKDAYS[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* ---- days (H. Hinnant's civil-date algorithms) -------------------------------------- */

int64_t chart_day_of(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void chart_date_of(int64_t day, int64_t *y, int *m, int *d) {
  int64_t z = day + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static int month_days(int64_t y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n, int *out) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool chart_parse_day(const char *s, int64_t *day) {
  int y, m, d;
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
      !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
    return false;
  if (m < 1 || m > 12 || d < 1 || d > month_days(y, m)) return false;
  *day = chart_day_of(y, m, d);
  return true;
}

void chart_iso(int64_t day, char *buf, size_t n) {
  int64_t y;
  int m, d;
  chart_date_of(day, &y, &m, &d);
  snprintf(buf, n, "%04lld-%02d-%02d", (long long)y, m, d);
}

void chart_short(int64_t day, char *buf, size_t n) {
  int64_t y;
  int m, d;
  chart_date_of(day, &y, &m, &d);
  snprintf(buf, n, "%d %s", d, MONTHS[m - 1]);
}

void chart_long(int64_t day, char *buf, size_t n) {
  int64_t y;
  int m, d;
  chart_date_of(day, &y, &m, &d);
  int64_t w = ((day + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
  snprintf(buf, n, "%s %2d %s %lld", WEEKDAYS[w], d, MONTHS[m - 1], (long long)y);
}

int64_t chart_local_day(time_t t) {
  struct tm tm;
  if (!localtime_r(&t, &tm)) return 0;
  return chart_day_of((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- the chart -------------------------------------------------------------------- */

typedef struct column {
  size_t n, yes;
  double sum;
} column;

typedef struct layout {
  int64_t days_per_col; /* days in one column */
  size_t ncol, cw;      /* columns, and characters per column */
} layout;

/* One column per day when they fit (up to 3 characters each), else several
 * days in each. */
static bool lay_out(const chart_series *s, size_t cols, layout *l) {
  if (s->last < s->first || !cols) return false;
  uint64_t days = (uint64_t)(s->last - s->first) + 1;
  if (days > (uint64_t)1 << 40) return false;
  l->days_per_col = (int64_t)((days + cols - 1) / cols);
  l->ncol = (size_t)((days + (uint64_t)l->days_per_col - 1) / (uint64_t)l->days_per_col);
  l->cw = l->days_per_col == 1 ? cols / l->ncol : 1;
  if (l->cw > 3) l->cw = 3;
  return true;
}

/* The columns end with the last day: column j holds the days up to
 * last - (ncol - 1 - j) * days_per_col. */
static column *gather(const chart_series *s, const layout *l) {
  column *c = xcalloc(l->ncol, sizeof *c);
  for (size_t i = 0; i < s->n; i++) {
    const chart_point *p = &s->v[i];
    if (p->day < s->first || p->day > s->last) continue;
    size_t j = l->ncol - 1 - (size_t)((s->last - p->day) / l->days_per_col);
    c[j].n++;
    c[j].yes += p->value != 0;
    c[j].sum += (double)p->value;
  }
  return c;
}

static void add_n(xbuf *b, const char *s, size_t times) {
  while (times--)
    xbuf_adds(b, s);
}

/* Ends a line: its trailing spaces dropped. */
static void end_line(xbuf *b, size_t start) {
  while (b->len > start && b->data[b->len - 1] == ' ')
    b->data[--b->len] = 0;
  xbuf_adds(b, "\n");
}

/* A column's cells: `mark` in each character but the last when there are 3
 * (a gap between days). */
static void cells(xbuf *b, const layout *l, const char *mark) {
  for (size_t k = 0; k < l->cw; k++)
    xbuf_adds(b, k == 2 ? " " : mark);
}

/* The dates under the axis: "today" under the last column, and going left,
 * the first day of every week's column (or of every column, when a column
 * holds a week or more) where it fits, then the first column's. */
static void day_labels(xbuf *b, const chart_series *s, const layout *l, size_t margin) {
  size_t w = l->ncol * l->cw;
  char *line = xcalloc(w + 1, 1);
  memset(line, ' ', w);
  size_t limit = w; /* labels end before this, with a space */
  if (w >= 5) {
    memcpy(line + w - 5, "today", 5);
    limit = w - 5;
  }
  size_t step = l->days_per_col < 7 ? (size_t)(7 / l->days_per_col) : 1;
  char label[32];
  for (size_t j = l->ncol - 1; j-- > 0;) {
    bool tick = (l->ncol - 1 - j) % step == 0;
    if (!tick && j) continue;
    int64_t day = s->last - (int64_t)(l->ncol - 1 - j) * l->days_per_col - (l->days_per_col - 1);
    if (day < s->first) day = s->first;
    chart_short(day, label, sizeof label);
    size_t pos = j * l->cw, len = strlen(label);
    if (pos + len + 1 > limit) continue;
    memcpy(line + pos, label, len);
    limit = pos;
  }
  size_t start = b->len;
  add_n(b, " ", margin);
  xbuf_adds(b, line);
  end_line(b, start);
  free(line);
}

static void axis(xbuf *b, const layout *l, size_t margin) {
  add_n(b, " ", margin - 1);
  xbuf_adds(b, "\xE2\x94\x94");              /* └ */
  add_n(b, "\xE2\x94\x80", l->ncol * l->cw); /* ─ */
  xbuf_adds(b, "\n");
}

static void render_yesno(xbuf *b, const chart_series *s, const layout *l, const column *c,
                         size_t margin) {
  size_t start = b->len;
  add_n(b, " ", margin - 1);
  xbuf_adds(b, "\xE2\x94\x82"); /* │ */
  for (size_t j = 0; j < l->ncol; j++)
    cells(b, l,
          !c[j].n              ? " "
          : c[j].yes == c[j].n ? "\xE2\x97\x8F" /* ● */
          : c[j].yes           ? "\xE2\x97\x90" /* ◐ */
                               : "\xE2\x97\x8B");         /* ○ */
  end_line(b, start);
  axis(b, l, margin);
  day_labels(b, s, l, margin);
  xbuf_adds(b, "\xE2\x97\x8F yes  \xE2\x97\x8B no  \xE2\x97\x90 both\n"); /* 19 columns */
}

static void render_numbers(xbuf *b, const chart_series *s, const layout *l, const column *c,
                           const char *lo, const char *hi, size_t lw) {
  double span = (double)s->hi - (double)s->lo;
  if (!(span > 0)) span = 1;
  int *eighths = xcalloc(l->ncol, sizeof *eighths);
  for (size_t j = 0; j < l->ncol; j++) {
    if (!c[j].n) continue;
    double mean = c[j].sum / (double)c[j].n;
    double e = 1 + round((mean - (double)s->lo) * (ROWS * 8 - 1) / span);
    eighths[j] = e < 1 ? 1 : e > ROWS * 8 ? ROWS * 8 : (int)e;
  }
  for (int r = ROWS - 1; r >= 0; r--) {
    size_t start = b->len;
    const char *label = r == ROWS - 1 ? hi : r == 0 ? lo : "";
    add_n(b, " ", lw - strlen(label));
    xbuf_adds(b, label);
    xbuf_adds(b, *label ? " \xE2\x94\xA4" : " \xE2\x94\x82"); /* ┤ │ */
    for (size_t j = 0; j < l->ncol; j++) {
      int fill = eighths[j] - r * 8;
      cells(b, l, fill <= 0 ? " " : BLOCKS[(fill > 8 ? 8 : fill) - 1]);
    }
    end_line(b, start);
  }
  free(eighths);
  axis(b, l, lw + 2);
  day_labels(b, s, l, lw + 2);
}

char *chart_render(const chart_series *s, int width) {
  char lo[24], hi[24];
  snprintf(lo, sizeof lo, "%lld", (long long)s->lo);
  snprintf(hi, sizeof hi, "%lld", (long long)s->hi);
  /* a yes/no row has the margin of a scale from 0 to 10, so the days of both
   * line up */
  size_t lw = s->yesno ? 2 : strlen(lo) > strlen(hi) ? strlen(lo) : strlen(hi);
  size_t margin = lw + 2;
  layout l;
  if (width <= 0 || (size_t)width <= margin || !lay_out(s, (size_t)width - margin, &l)) return NULL;
  column *c = gather(s, &l);
  xbuf b = {0};
  if (s->yesno)
    render_yesno(&b, s, &l, c, margin);
  else
    render_numbers(&b, s, &l, c, lo, hi, lw);
  free(c);
  return b.data;
}

char *chart_table(const chart_series *s) {
  xbuf b = {0};
  xbuf_adds(&b, "");
  for (size_t i = 0; i < s->n;) {
    int64_t day = s->v[i].day;
    size_t k = i;
    while (k < s->n && s->v[k].day == day)
      k++;
    if (day >= s->first && day <= s->last) {
      char date[48], num[24];
      chart_long(day, date, sizeof date);
      xbuf_adds(&b, date);
      xbuf_adds(&b, "  ");
      for (size_t j = i; j < k; j++) {
        if (j > i) xbuf_adds(&b, ", ");
        snprintf(num, sizeof num, "%lld", (long long)s->v[j].value);
        xbuf_adds(&b, s->yesno ? (s->v[j].value ? "yes" : "no") : num);
      }
      xbuf_adds(&b, "\n");
    }
    i = k;
  }
  return b.data;
}

void chart_scale(const chart_point *v, size_t n, int64_t *lo, int64_t *hi) {
  int64_t min = 0, max = 10;
  for (size_t i = 0; i < n; i++) {
    if (v[i].value < min) min = v[i].value;
    if (v[i].value > max) max = v[i].value;
  }
  if (min < 0 || max > 10) { /* another scale: from the lowest answer to the highest */
    min = max = n ? v[0].value : 0;
    for (size_t i = 1; i < n; i++) {
      if (v[i].value < min) min = v[i].value;
      if (v[i].value > max) max = v[i].value;
    }
  }
  if (min == max) {
    if (max < INT64_MAX)
      max++;
    else
      min--;
  }
  *lo = min;
  *hi = max;
}

/* ---- lines for a person ---------------------------------------------------------- */

char *chart_counter(int64_t today, int64_t contact) {
  char *s;
  if (today - contact <= 0) return xstrdup("Starting again today, and that counts.");
  if (asprintf(&s, "Day %lld since you last reached out", (long long)(today - contact)) < 0)
    abort();
  return s;
}

size_t chart_week(const chart_point *v, size_t n, int64_t today, int64_t *first, int64_t *last) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i].day > today || v[i].day <= today - 7) continue;
    if (!k++) *first = v[i].value;
    *last = v[i].value;
  }
  return k;
}

bool chart_last_week_mean(const chart_point *v, size_t n, int64_t today, double *mean) {
  double sum = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i].day >= today || v[i].day < today - 7) continue;
    sum += (double)v[i].value;
    k++;
  }
  if (k) *mean = sum / (double)k;
  return k > 0;
}

void chart_number(double x, char *buf, size_t n) {
  double r = round(x * 10) / 10;
  if (r == 0) r = 0; /* not "-0" */
  if (r == round(r))
    snprintf(buf, n, "%.0f", r);
  else
    snprintf(buf, n, "%.1f", r);
}
