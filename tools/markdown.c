/* SPDX-License-Identifier: MIT */
/* markdown.c - see markdown.h. */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

#include "term.h"

static const char NBSP[] = "\xC2\xA0";

/* Writes one line of text, escaped: at the start of a line, what would
 * begin a block (a list, a heading's underline); everywhere, what would
 * begin inline markup (emphasis, code, links, HTML, entities) or a table,
 * strikethrough or maths in the Markdowns that have them. */
static void escape_line(FILE *f, const char *s, bool line_start) {
  if (line_start) {
    if (*s == '-' || *s == '+' || *s == '=') fputc('\\', f);
    size_t d = strspn(s, "0123456789");
    if (d && d <= 9 && (s[d] == '.' || s[d] == ')')) { /* "1." or "1)": an ordered list */
      fwrite(s, 1, d, f);
      fputc('\\', f);
      s += d;
    }
  }
  for (const char *p = s; *p; p++) {
    char c = *p;
    if (strchr("\\`*_[]<>#~|$^", c) ||
        (c == '&' && (p[1] == '#' || (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))))
      fputc('\\', f);
    fputc(c, f);
  }
}

void md_paragraphs(FILE *f, const char *s) {
  bool in_para = false, blank_before = false;
  for (const char *line = s;;) {
    const char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    char *c = term_clean(line, n); /* a tab is a space now; a \r is gone */
    size_t indent = strspn(c, " ");
    size_t end = strlen(c);
    while (end > indent && c[end - 1] == ' ')
      end--;
    c[end] = 0;
    if (end == indent) { /* a blank line: the paragraph ends */
      blank_before = in_para;
    } else {
      if (in_para) fputs(blank_before ? "\n\n" : "\\\n", f); /* a new paragraph, or a line break */
      for (size_t k = 0; k < indent; k++)
        fputs(NBSP, f);
      escape_line(f, c + indent, true);
      in_para = true;
      blank_before = false;
    }
    free(c);
    if (!nl) break;
    line = nl + 1;
  }
  if (in_para) fputc('\n', f);
}

void md_inline(FILE *f, const char *s, bool line_start) {
  char *flat = strdup(s);
  if (!flat) abort();
  for (char *p = flat; *p; p++)
    if (*p == '\n' || *p == '\r') *p = ' '; /* not dropped: the words stay apart */
  char *c = term_clean(flat, strlen(flat));
  free(flat);
  size_t start = strspn(c, " ");
  size_t end = strlen(c);
  while (end > start && c[end - 1] == ' ')
    end--;
  c[end] = 0;
  escape_line(f, c + start, line_start);
  free(c);
}

void md_journal(FILE *f, const md_entry *v, size_t n) {
  fputs("# My mend journal\n", f);
  for (size_t k = 0; k < n; k++) {
    fputs("\n## ", f);
    md_inline(f, v[k].when, false);
    fputs(" \xE2\x80\x94 ", f); /* an em dash */
    md_inline(f, v[k].title, false);
    fputs("\n\n", f);
    if (v[k].prompt[0]) {
      fputc('*', f);
      md_inline(f, v[k].prompt, false);
      fputs("*\n\n", f);
    }
    md_paragraphs(f, v[k].text);
  }
}
