/* SPDX-License-Identifier: MIT */
/*
 * test_text.c - story text (engine/text.h): white-space normalisation,
 * {name} interpolation and its brace errors, <em>/<strong> spans; and one
 * end-to-end check of interpolation and spans through the public API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mem.h"
#include "mend/mend.h"
#include "text.h"

enum { EM = MEND_STYLE_EM, STRONG = MEND_STYLE_STRONG, BOTH = EM | STRONG };

/* Variables known to the fake sink, and what each renders as. */
static const char *const NAMES[] = {"name", "count", "flag", "empty", "who", "_x1"};
static const char *const VALUES[] = {"Ann", "42", "yes", "", "Zo\xc3\xab", "X"};
#define NNAMES (sizeof NAMES / sizeof NAMES[0])

#define MAX_MSGS 8
typedef struct tfx {
  mem_arena *arena;
  text_piece *pieces;
  size_t n, cap;
  char *msgs[MAX_MSGS];
  size_t nmsgs;
  int lookups;
  mem_buf out;
  mend_span *spans;
  size_t nspans, spancap;
} tfx;

static int32_t sink_var(void *ud, const char *name, size_t n) {
  tfx *f = ud;
  f->lookups++;
  for (size_t i = 0; i < NNAMES; i++)
    if (strlen(NAMES[i]) == n && !memcmp(NAMES[i], name, n)) return (int32_t)i;
  return -1;
}

static void sink_error(void *ud, const char *msg, size_t brace) {
  (void)brace;
  tfx *f = ud;
  assert_true(f->nmsgs < MAX_MSGS);
  f->msgs[f->nmsgs++] = strdup(msg);
}

static void render_var(void *ud, uint32_t var, mem_buf *out) {
  (void)ud;
  assert_true(var < NNAMES);
  mem_buf_adds(out, VALUES[var]);
}

static int setup(void **state) {
  tfx *f = calloc(1, sizeof *f);
  if (!f) return -1;
  f->arena = mem_arena_new();
  *state = f;
  return 0;
}

static int teardown(void **state) {
  tfx *f = *state;
  for (size_t i = 0; i < f->nmsgs; i++)
    free(f->msgs[i]);
  mem_free(f->pieces);
  mem_free(f->spans);
  mem_buf_free(&f->out);
  mem_arena_free(f->arena);
  free(f);
  return 0;
}

#define RUN(str, style) ((text_run){(str), sizeof(str) - 1, (style)})
#define COMPILE(f, ...)                                                                            \
  compile((f), (const text_run[]){__VA_ARGS__},                                                    \
          sizeof((const text_run[]){__VA_ARGS__}) / sizeof(text_run))

static bool compile(tfx *f, const text_run *runs, size_t n) {
  text_sink sink = {f, sink_var, sink_error, NULL};
  return text_compile(runs, n, f->arena, &f->pieces, &f->n, &f->cap, &sink);
}

/* Renders every piece compiled so far from offset 0; returns the text. */
static const char *render(tfx *f) {
  f->out.len = 0;
  f->nspans = 0;
  text_render(f->pieces, f->n, render_var, NULL, &f->out, 0, &f->spans, &f->nspans, &f->spancap);
  return f->out.data;
}

/* Compiles one unstyled run without errors and renders it. */
static const char *plain(tfx *f, const char *s) {
  text_run r = {s, strlen(s), 0};
  if (!compile(f, &r, 1)) fail_msg("'%s' did not compile: %s", s, f->nmsgs ? f->msgs[0] : "?");
  const char *out = render(f);
  assert_int_equal(f->nspans, 0);
  return out;
}

/* Compiles one unstyled run that must fail with exactly the messages given. */
static void errors(tfx *f, const char *s, size_t nexp, const char *const *exp) {
  text_run r = {s, strlen(s), 0};
  assert_false(compile(f, &r, 1));
  if (f->nmsgs != nexp)
    fail_msg("'%s': %zu errors, expected %zu (first: %s)", s, f->nmsgs, nexp,
             f->nmsgs ? f->msgs[0] : "none");
  for (size_t i = 0; i < nexp; i++)
    assert_string_equal(f->msgs[i], exp[i]);
}

static void one_error(tfx *f, const char *s, const char *msg) {
  errors(f, s, 1, &msg);
}

static void assert_span(const tfx *f, size_t i, size_t start, size_t length, unsigned style) {
  if (i >= f->nspans) fail_msg("no span %zu (there are %zu)", i, f->nspans);
  const mend_span *sp = &f->spans[i];
  if (sp->start != start || sp->length != length || sp->style != style)
    fail_msg("span %zu is {%zu, %zu, %u}, expected {%zu, %zu, %u} in '%s'", i, sp->start,
             sp->length, sp->style, start, length, style, f->out.data);
}

/* ---- white space ---------------------------------------------------------- */

static void test_normalize_collapses_runs_of_white_space(void **state) {
  (void)state;
  mem_buf b = {0};
  const char *s = "  one \t two\n\n three\r\n\tfour   ";
  text_normalize(s, strlen(s), &b);
  assert_string_equal(b.data, "one two three four");
  assert_int_equal(b.len, 18);
  mem_buf_free(&b);
}

static void test_normalize_empty_and_blank_give_an_empty_string(void **state) {
  (void)state;
  mem_buf b = {0};
  text_normalize("", 0, &b);
  assert_non_null(b.data);
  assert_string_equal(b.data, "");
  assert_int_equal(b.len, 0);
  text_normalize(" \n\t\r ", 5, &b);
  assert_string_equal(b.data, "");
  assert_int_equal(b.len, 0);
  mem_buf_free(&b);
}

static void test_normalize_respects_the_length_and_keeps_other_bytes(void **state) {
  (void)state;
  mem_buf b = {0};
  /* only the first 7 bytes count; no-break space (U+00A0) is not XML white space */
  const char *s = "a\xc2\xa0 \t b  IGNORED";
  text_normalize(s, 7, &b);
  assert_string_equal(b.data, "a\xc2\xa0 b");
  mem_buf_free(&b);
}

static void test_compile_normalises_white_space(void **state) {
  tfx *f = *state;
  assert_string_equal(plain(f, "\n    It is 1 a.m.\n    Your   thumb\thovers.\n  "),
                      "It is 1 a.m. Your thumb hovers.");
}

static void test_compile_normalises_across_runs(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("  Hello  ", 0), RUN("  big  ", EM), RUN("\n world \n", 0)));
  assert_string_equal(render(f), "Hello big world");
  /* the spaces between runs are kept once: the first belongs to the plain
   * run before the word, the second to the styled word (where it started) */
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 6, 4, EM);
}

static void test_blank_runs_add_nothing(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("  ", 0), RUN(" \n ", STRONG), RUN("  a  ", EM), RUN("\t", 0)));
  assert_string_equal(render(f), "a");
  assert_int_equal(f->n, 1);
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 0, 1, EM);
  /* nothing at all */
  f->n = 0;
  assert_true(COMPILE(f, RUN(" \n ", 0)));
  assert_int_equal(f->n, 0);
  assert_string_equal(render(f), "");
}

static void test_no_space_is_added_between_runs(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("un", 0), RUN("believ", EM), RUN("able", 0)));
  assert_string_equal(render(f), "unbelievable");
  assert_span(f, 0, 2, 6, EM);
}

static void test_utf8_passes_through_intact(void **state) {
  tfx *f = *state;
  const char *s = "  Zo\xc3\xab \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac  \xf0\x9f\x98\x80\n";
  assert_string_equal(plain(f, s),
                      "Zo\xc3\xab \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
}

/* ---- interpolation -------------------------------------------------------------- */

static void test_interpolation_splits_into_pieces(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("Hello {name}, {count}!", 0)));
  assert_int_equal(f->n, 5);
  assert_non_null(f->pieces[0].s);
  assert_int_equal(f->pieces[0].n, 6);
  assert_memory_equal(f->pieces[0].s, "Hello ", 6);
  assert_null(f->pieces[1].s);
  assert_int_equal(f->pieces[1].var, 0);
  assert_memory_equal(f->pieces[2].s, ", ", 2);
  assert_null(f->pieces[3].s);
  assert_int_equal(f->pieces[3].var, 1);
  assert_memory_equal(f->pieces[4].s, "!", 1);
  assert_string_equal(render(f), "Hello Ann, 42!");
}

static void test_interpolation_values(void **state) {
  tfx *f = *state;
  assert_string_equal(plain(f, "{name}{count}{flag}{who}{_x1}"), "Ann42yesZo\xc3\xab"
                                                                 "X");
  f->n = 0;
  assert_string_equal(plain(f, "[{empty}]"), "[]");
  f->n = 0;
  /* white space around a variable is normalised like any other */
  assert_string_equal(plain(f, "  {name}  \n  {count}  "), "Ann 42");
}

static void test_interpolated_value_is_not_normalised(void **state) {
  tfx *f = *state;
  /* a value is copied as it is at render time */
  assert_string_equal(plain(f, "<{who}>"), "<Zo\xc3\xab>");
}

static void test_double_braces_are_literal(void **state) {
  tfx *f = *state;
  assert_string_equal(plain(f, "{{"), "{");
  f->n = 0;
  assert_string_equal(plain(f, "}}"), "}");
  f->n = 0;
  assert_string_equal(plain(f, "a {{name}} b"), "a {name} b");
  assert_int_equal(f->lookups, 0); /* an escaped name is not looked up */
  f->n = 0;
  assert_string_equal(plain(f, "{{{name}}}"), "{Ann}");
  f->n = 0;
  assert_string_equal(plain(f, "{{}}{{{{"), "{}{{");
}

/* ---- brace errors ------------------------------------------------------------------- */

static void test_lone_closing_brace(void **state) {
  tfx *f = *state;
  one_error(f, "a } b", "'}' without a matching '{' (write '}}' for a literal brace)");
}

static void test_unmatched_opening_brace(void **state) {
  tfx *f = *state;
  one_error(f, "cost {name",
            "'{' must enclose a variable name, as in {name}, found '{name' (write '{{' for a "
            "literal brace)");
}

static void test_opening_brace_at_the_end(void **state) {
  tfx *f = *state;
  one_error(f, "a {",
            "'{' must enclose a variable name, as in {name}, found '{' (write '{{' for a literal "
            "brace)");
}

static void test_empty_braces(void **state) {
  tfx *f = *state;
  one_error(f, "a {} b",
            "'{' must enclose a variable name, as in {name}, found '{}' (write '{{' for a literal "
            "brace)");
}

static void test_space_inside_braces(void **state) {
  tfx *f = *state;
  /* the text is normalised first: the newline became one space */
  one_error(f, "{\n   name}",
            "'{' must enclose a variable name, as in {name}, found '{ name}' (write '{{' for a "
            "literal brace)");
}

static void test_name_starting_with_a_digit(void **state) {
  tfx *f = *state;
  one_error(f, "{1x}",
            "'{' must enclose a variable name, as in {name}, found '{1x}' (write '{{' for a "
            "literal brace)");
}

static void test_long_bad_brace_is_quoted_shortened(void **state) {
  tfx *f = *state;
  one_error(f, "{this is a rather long piece of text",
            "'{' must enclose a variable name, as in {name}, found '{this is a rather long p' "
            "(write '{{' for a literal brace)");
}

static void test_bad_brace_quote_is_cut_at_a_character_boundary(void **state) {
  tfx *f = *state;
  /* 24 bytes would end inside the 2-byte 'é': the quote stops before it */
  one_error(f, "{aaaaaaaaaaaaaaaaaaaaaa\xc3\xa9x}",
            "'{' must enclose a variable name, as in {name}, found '{aaaaaaaaaaaaaaaaaaaaaa' "
            "(write '{{' for a literal brace)");
}

static void test_unknown_name_in_braces(void **state) {
  tfx *f = *state;
  one_error(f, "Hi {nobody}!",
            "unknown variable '{nobody}' in text (write '{{' for a literal brace)");
  assert_int_equal(f->lookups, 1);
  /* names are case-sensitive */
  free(f->msgs[0]);
  f->nmsgs = 0;
  one_error(f, "{Name}", "unknown variable '{Name}' in text (write '{{' for a literal brace)");
}

static void test_every_error_is_reported(void **state) {
  tfx *f = *state;
  const char *exp[] = {
      "'}' without a matching '{' (write '}}' for a literal brace)",
      "unknown variable '{who2}' in text (write '{{' for a literal brace)",
      ("'{' must enclose a variable name, as in {name}, found '{}' (write '{{' for a literal "
       "brace)"),
      "'}' without a matching '{' (write '}}' for a literal brace)",
  };
  errors(f, "a } {name} {who2} {} }}} ok", 4, exp);
}

static void test_errors_in_several_runs(void **state) {
  tfx *f = *state;
  /* a brace cannot enclose a style change */
  assert_false(COMPILE(f, RUN("x {na", 0), RUN("me}", EM)));
  assert_int_equal(f->nmsgs, 2);
  assert_string_equal(f->msgs[0], "'{' must enclose a variable name, as in {name}, found '{na' "
                                  "(write '{{' for a literal brace)");
  assert_string_equal(f->msgs[1], "'}' without a matching '{' (write '}}' for a literal brace)");
}

/* ---- spans ------------------------------------------------------------------------------- */

static void test_styled_word_in_a_sentence(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("This is ", 0), RUN("important", STRONG), RUN(", really.", 0)));
  assert_string_equal(render(f), "This is important, really.");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 8, 9, STRONG);
}

static void test_adjacent_pieces_with_the_same_style_merge(void **state) {
  tfx *f = *state;
  /* one run split into literal and variable pieces */
  assert_true(COMPILE(f, RUN("Dear {name}, {count} times", EM)));
  assert_int_equal(f->n, 5);
  assert_string_equal(render(f), "Dear Ann, 42 times");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 0, 18, EM);
  /* two runs of the same style side by side */
  f->n = 0;
  assert_true(COMPILE(f, RUN("ab", STRONG), RUN("cd", STRONG), RUN(" ef", STRONG)));
  assert_string_equal(render(f), "abcd ef");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 0, 7, STRONG);
}

static void test_styles_apart_or_different_do_not_merge(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("a", EM), RUN(" b ", 0), RUN("c", EM)));
  assert_string_equal(render(f), "a b c");
  assert_int_equal(f->nspans, 2);
  assert_span(f, 0, 0, 1, EM);
  assert_span(f, 1, 4, 1, EM);
  f->n = 0;
  assert_true(COMPILE(f, RUN("x", EM), RUN("y", STRONG)));
  assert_string_equal(render(f), "xy");
  assert_int_equal(f->nspans, 2);
  assert_span(f, 0, 0, 1, EM);
  assert_span(f, 1, 1, 1, STRONG);
}

static void test_em_inside_strong_has_style_3(void **state) {
  tfx *f = *state;
  /* <strong>very <em>much</em> so</strong> */
  assert_true(
      COMPILE(f, RUN("Thanks ", 0), RUN("very ", STRONG), RUN("much", BOTH), RUN(" so", STRONG)));
  assert_string_equal(render(f), "Thanks very much so");
  assert_int_equal(f->nspans, 3);
  assert_span(f, 0, 7, 5, STRONG); /* "very " */
  assert_span(f, 1, 12, 4, BOTH);  /* "much" */
  assert_span(f, 2, 16, 3, STRONG);
  assert_int_equal(BOTH, 3);
}

static void test_collapsed_space_keeps_the_style_where_it_started(void **state) {
  tfx *f = *state;
  /* as in HTML, the one space kept is the first of the collapsed white space */
  assert_true(COMPILE(f, RUN("one ", EM), RUN(" two", STRONG)));
  assert_string_equal(render(f), "one two");
  assert_int_equal(f->nspans, 2);
  assert_span(f, 0, 0, 4, EM);
  assert_span(f, 1, 4, 3, STRONG);
  f->n = 0;
  assert_true(COMPILE(f, RUN("one", EM), RUN("  two", STRONG)));
  assert_string_equal(render(f), "one two");
  assert_span(f, 0, 0, 3, EM);
  assert_span(f, 1, 3, 4, STRONG);
  /* a space before a styled word stays outside it */
  f->n = 0;
  assert_true(COMPILE(f, RUN("Hello ", 0), RUN("big", EM), RUN(" world", 0)));
  assert_string_equal(render(f), "Hello big world");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 6, 3, EM);
  /* inside <strong>: "<em>a </em>b" */
  f->n = 0;
  assert_true(COMPILE(f, RUN("a ", BOTH), RUN("b", STRONG)));
  assert_string_equal(render(f), "a b");
  assert_int_equal(f->nspans, 2);
  assert_span(f, 0, 0, 2, BOTH);
  assert_span(f, 1, 2, 1, STRONG);
}

static void test_interpolated_value_is_inside_the_span(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("Dear ", 0), RUN("{who}", EM), RUN(", hello.", 0)));
  assert_string_equal(render(f), "Dear Zo\xc3\xab, hello.");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 5, 4, EM); /* "Zoë" is 4 bytes */
  f->n = 0;
  assert_true(COMPILE(f, RUN("[", 0), RUN("x{name}y", STRONG), RUN("]", 0)));
  assert_string_equal(render(f), "[xAnny]");
  assert_span(f, 0, 1, 5, STRONG);
}

static void test_empty_value_makes_no_span(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("a", 0), RUN("{empty}", EM), RUN(" b", 0)));
  assert_string_equal(render(f), "a b");
  assert_int_equal(f->nspans, 0);
  f->n = 0;
  assert_true(COMPILE(f, RUN("x{empty}y", STRONG)));
  assert_string_equal(render(f), "xy");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 0, 2, STRONG);
}

static void test_spans_are_relative_to_base(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("ab ", 0), RUN("cd", EM), RUN("{name}", EM)));
  mem_buf_adds(&f->out, "PREFIX:");
  text_render(f->pieces, f->n, render_var, NULL, &f->out, 7, &f->spans, &f->nspans, &f->spancap);
  assert_string_equal(f->out.data, "PREFIX:ab cdAnn");
  assert_int_equal(f->nspans, 1);
  assert_span(f, 0, 3, 5, EM);
}

static void test_render_appends_spans_and_does_not_merge_into_earlier_ones(void **state) {
  tfx *f = *state;
  assert_true(COMPILE(f, RUN("ab", EM)));
  render(f);
  /* a second paragraph straight after, starting where the first span ends */
  text_render(f->pieces, f->n, render_var, NULL, &f->out, 0, &f->spans, &f->nspans, &f->spancap);
  assert_string_equal(f->out.data, "abab");
  assert_int_equal(f->nspans, 2);
  assert_span(f, 0, 0, 2, EM);
  assert_span(f, 1, 2, 2, EM);
}

/* ---- end to end: the public API ------------------------------------------------------------ */

static const char STORY[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<story id=\"interp\" format=\"1\" start=\"a\">\n"
    "  <title>Interpolation</title>\n"
    "  <var name=\"count\" type=\"int\" init=\"-7\"/>\n"
    "  <var name=\"ok\" type=\"bool\" init=\"true\"/>\n"
    "  <var name=\"off\" type=\"bool\"/>\n"
    "  <var name=\"who\" type=\"text\" init=\"Zo\xc3\xab\"/>\n"
    "  <node id=\"a\">\n"
    "    <text>Count {count}, ok {ok},\n"
    "      off {off}, who {who}, {{literal}}.</text>\n"
    "    <text>Hello <em>{who}</em> and <strong>very <em>much</em></strong>!</text>\n"
    "    <choice to=\"b\">Go, <em>{who}</em></choice>\n"
    "  </node>\n"
    "  <ending id=\"b\" title=\"End\"><text>Done.</text></ending>\n"
    "</story>\n";

static void test_public_api_interpolates_and_exposes_spans(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_memory(STORY, sizeof STORY - 1, "interp.xml", NULL, d);
  if (!st) {
    const mend_diag *g = mend_diags_count(d) ? mend_diags_at(d, 0) : NULL;
    fail_msg("the story did not load: %d: %s", g ? g->line : 0, g ? g->message : "?");
  }
  assert_int_equal(mend_diags_errors(d), 0);
  mend_session *s = mend_session_new(st, 1);
  assert_non_null(s);
  assert_int_equal(mend_session_pending(s), MEND_PENDING_CHOICE);
  assert_int_equal(mend_session_item_count(s), 2);

  const mend_item *it = mend_session_item(s, 0);
  assert_int_equal(it->kind, MEND_ITEM_PARAGRAPH);
  assert_string_equal(it->text.text, "Count -7, ok yes, off no, who Zo\xc3\xab, {literal}.");
  assert_int_equal(it->text.length, strlen(it->text.text));
  assert_int_equal(it->text.nspans, 0);
  assert_int_equal(it->line, 9);

  it = mend_session_item(s, 1);
  assert_string_equal(it->text.text, "Hello Zo\xc3\xab and very much!");
  assert_int_equal(it->text.length, 25);
  assert_int_equal(it->text.nspans, 3);
  const mend_span *sp = it->text.spans;
  assert_int_equal(sp[0].start, 6); /* "Zoë" */
  assert_int_equal(sp[0].length, 4);
  assert_int_equal(sp[0].style, MEND_STYLE_EM);
  assert_int_equal(sp[1].start, 15); /* "very " */
  assert_int_equal(sp[1].length, 5);
  assert_int_equal(sp[1].style, MEND_STYLE_STRONG);
  assert_int_equal(sp[2].start, 20); /* "much" */
  assert_int_equal(sp[2].length, 4);
  assert_int_equal(sp[2].style, MEND_STYLE_EM | MEND_STYLE_STRONG);

  assert_int_equal(mend_session_choice_count(s), 1);
  const mend_choice_view *cv = mend_session_choice(s, 0);
  assert_string_equal(cv->label.text, "Go, Zo\xc3\xab");
  assert_int_equal(cv->label.nspans, 1);
  assert_int_equal(cv->label.spans[0].start, 4);
  assert_int_equal(cv->label.spans[0].length, 4);
  assert_int_equal(cv->label.spans[0].style, MEND_STYLE_EM);

  mend_session_free(s);
  mend_story_free(st);
  mend_diags_free(d);
}

static void test_public_api_rejects_an_unknown_name_in_text(void **state) {
  (void)state;
  static const char bad[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<story id=\"bad\" format=\"1\" start=\"e\">\n"
                            "  <title>Bad</title>\n"
                            "  <ending id=\"e\" title=\"End\">\n"
                            "    <text>Hi {nobody}</text>\n"
                            "  </ending>\n"
                            "</story>\n";
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_memory(bad, sizeof bad - 1, "bad.xml", NULL, d);
  assert_null(st);
  assert_int_equal(mend_diags_errors(d), 1);
  const mend_diag *g = mend_diags_at(d, 0);
  assert_int_equal(g->line, 5);
  assert_string_equal(g->message,
                      "unknown variable '{nobody}' in text (write '{{' for a literal brace)");
  mend_diags_free(d);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(test_normalize_collapses_runs_of_white_space),
      T(test_normalize_empty_and_blank_give_an_empty_string),
      T(test_normalize_respects_the_length_and_keeps_other_bytes),
      T(test_compile_normalises_white_space),
      T(test_compile_normalises_across_runs),
      T(test_blank_runs_add_nothing),
      T(test_no_space_is_added_between_runs),
      T(test_utf8_passes_through_intact),
      T(test_interpolation_splits_into_pieces),
      T(test_interpolation_values),
      T(test_interpolated_value_is_not_normalised),
      T(test_double_braces_are_literal),
      T(test_lone_closing_brace),
      T(test_unmatched_opening_brace),
      T(test_opening_brace_at_the_end),
      T(test_empty_braces),
      T(test_space_inside_braces),
      T(test_name_starting_with_a_digit),
      T(test_long_bad_brace_is_quoted_shortened),
      T(test_bad_brace_quote_is_cut_at_a_character_boundary),
      T(test_unknown_name_in_braces),
      T(test_every_error_is_reported),
      T(test_errors_in_several_runs),
      T(test_styled_word_in_a_sentence),
      T(test_adjacent_pieces_with_the_same_style_merge),
      T(test_styles_apart_or_different_do_not_merge),
      T(test_em_inside_strong_has_style_3),
      T(test_collapsed_space_keeps_the_style_where_it_started),
      T(test_interpolated_value_is_inside_the_span),
      T(test_empty_value_makes_no_span),
      T(test_spans_are_relative_to_base),
      T(test_render_appends_spans_and_does_not_merge_into_earlier_ones),
      T(test_public_api_interpolates_and_exposes_spans),
      T(test_public_api_rejects_an_unknown_name_in_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
