/* SPDX-License-Identifier: MIT */
/*
 * test_expr.c - the expression language (engine/expr.h) on its own: lexer,
 * parser, type checker, functions, evaluator and limits, through a fake
 * scope of a few variables, node, ending and choice ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"
#include "model.h"

/* ---- the fake scope ------------------------------------------------------ */

typedef struct named {
  const char *name;
  mend_type type;
} named;

/* Variables, by index: the env arrays below follow this order. */
static const named VARS[] = {
    {"n", MEND_INT},       /* 0 */
    {"m", MEND_INT},       /* 1 */
    {"zero", MEND_INT},    /* 2 */
    {"flag", MEND_BOOL},   /* 3 */
    {"off", MEND_BOOL},    /* 4 */
    {"name", MEND_TEXT},   /* 5 */
    {"other", MEND_TEXT},  /* 6 */
    {"empty", MEND_TEXT},  /* 7 */
    {"big", MEND_INT},     /* 8 */
    {"small", MEND_INT},   /* 9 */
    {"_x2", MEND_INT},     /* 10 */
    {"andy", MEND_BOOL},   /* 11: starts with a keyword */
    {"notable", MEND_INT}, /* 12: starts with a keyword */
};
#define NVARS (sizeof VARS / sizeof VARS[0])
static const char *const TARGETS[] = {"start", "middle", "finale"}; /* finale: an ending */
static const char *const CHOICES[] = {"pick", "skip"};

#define MAX_RX 16
typedef struct fx {
  expr_pool pool;
  regex_t rx[MAX_RX];
  int nrx;
  int regex_calls;
  char last_pattern[64];
  expr_scope sc;
  expr_env env;
  int64_t vals[NVARS];
  int64_t visits[3];
  int64_t chosen[2];
  expr_text texts[NVARS];
  uint64_t told, just_told;
} fx;

static int32_t find(const char *const *names, size_t count, const char *s, size_t n) {
  for (size_t i = 0; i < count; i++)
    if (strlen(names[i]) == n && !memcmp(names[i], s, n)) return (int32_t)i;
  return -1;
}

static int32_t sc_var(void *ud, const char *name, size_t n, mend_type *type) {
  (void)ud;
  for (size_t i = 0; i < NVARS; i++)
    if (strlen(VARS[i].name) == n && !memcmp(VARS[i].name, name, n)) {
      *type = VARS[i].type;
      return (int32_t)i;
    }
  return -1;
}

static int32_t sc_target(void *ud, const char *name, size_t n) {
  (void)ud;
  return find(TARGETS, 3, name, n);
}

static int32_t sc_choice(void *ud, const char *name, size_t n) {
  (void)ud;
  return find(CHOICES, 2, name, n);
}

static const char *sc_kind(void *ud, const char *name, size_t n) {
  mend_type t;
  if (sc_choice(ud, name, n) >= 0) return "a choice";
  int32_t k = sc_target(ud, name, n);
  if (k >= 0) return k == 2 ? "an ending" : "a node";
  if (sc_var(ud, name, n, &t) >= 0) return "a variable";
  return NULL;
}

static int32_t sc_regex(void *ud, const char *pat, size_t n, char *err, size_t errlen) {
  fx *f = ud;
  f->regex_calls++;
  snprintf(f->last_pattern, sizeof f->last_pattern, "%.*s", (int)n, pat);
  if (f->nrx == MAX_RX) {
    snprintf(err, errlen, "too many patterns");
    return -1;
  }
  if (model_regex_compile(&f->rx[f->nrx], pat, err, errlen) != 0) return -1;
  return f->nrx++;
}

static bool env_match(void *ud, int64_t regex, const char *s, size_t n) {
  fx *f = ud;
  assert_true(regex >= 0 && regex < f->nrx);
  assert_int_equal(strlen(s), n);
  return model_regex_match(&f->rx[regex], s);
}

/* crisis(t), abuse(t): the text holds "CRISIS" or "ABUSE"; nothing(t): it is
 * "idk"; heavy(t): it holds "CRISIS" or "HEAVY"; unsafe(t): "ABUSE" or
 * "UNSAFE"; dig(t): "DIG" (a stand-in for the safety layer and the words of the language,
 * which test_safety.c and test_session.c run for real). */
static bool env_sign(void *ud, int64_t category, const char *s, size_t n) {
  (void)ud;
  assert_int_equal(strlen(s), n);
  if (category == EXPR_SIGN_NOTHING) return !strcmp(s, "idk");
  if (category == EXPR_SIGN_HEAVY) return strstr(s, "CRISIS") || strstr(s, "HEAVY");
  if (category == EXPR_SIGN_UNSAFE) return strstr(s, "ABUSE") || strstr(s, "UNSAFE");
  if (category == EXPR_SIGN_DIG) return strstr(s, "DIG") != NULL;
  if (category == EXPR_SIGN_SAID) return strstr(s, "GRIEF") != NULL;
  if (category == EXPR_SIGN_SAID + 1) return strstr(s, "PLEA") != NULL;
  assert_true(category == EXPR_SIGN_CRISIS || category == EXPR_SIGN_ABUSE);
  return strstr(s, category == EXPR_SIGN_CRISIS ? "CRISIS" : "ABUSE") != NULL;
}

/* said(t, 'NAME'): the lists "grief" and "plea", 0 and 1 */
static int32_t sc_said(void *ud, const char *name, size_t n, char *names, size_t cap) {
  (void)ud;
  if (n == 5 && !memcmp(name, "grief", 5)) return 0;
  if (n == 4 && !memcmp(name, "plea", 4)) return 1;
  snprintf(names, cap, "grief, plea");
  return -1;
}

static void set_text(fx *f, int var, const char *s) {
  f->texts[var].s = s;
  f->texts[var].n = strlen(s);
}

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  if (!f) return -1;
  f->sc = (expr_scope){f, sc_var, sc_target, sc_choice, sc_kind, sc_regex, NULL, NULL, sc_said};
  f->vals[0] = 7;  /* n */
  f->vals[1] = -3; /* m */
  f->vals[2] = 0;  /* zero */
  f->vals[3] = 1;  /* flag */
  f->vals[4] = 0;  /* off */
  f->vals[8] = INT64_MAX;
  f->vals[9] = INT64_MIN;
  f->vals[10] = 11;
  f->vals[11] = 1;
  f->vals[12] = 5;
  for (size_t i = 0; i < NVARS; i++)
    set_text(f, (int)i, "");
  set_text(f, 5, "H\xc3\xa9llo w\xc3\xb6rld"); /* "Héllo wörld": 11 characters, 13 bytes */
  set_text(f, 6, "it's");
  f->visits[0] = 3;
  f->visits[1] = 0;
  f->visits[2] = 1;
  f->chosen[0] = 2;
  f->chosen[1] = 0;
  f->env = (expr_env){f->vals, f->visits, f->chosen, f->texts,     env_match,
                      f,       env_sign,  &f->told,  &f->just_told};
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  for (int i = 0; i < f->nrx; i++)
    regfree(&f->rx[i]);
  expr_pool_free(&f->pool);
  free(f);
  return 0;
}

/* ---- helpers --------------------------------------------------------------- */

static int32_t compile_ok(fx *f, const char *src, mend_type want) {
  expr_error e;
  mend_type t = (mend_type)-1;
  int32_t root = expr_compile(&f->pool, src, &f->sc, &t, &e);
  if (root < 0) fail_msg("'%s' did not compile: %s (column %d)", src, e.msg, e.col);
  assert_int_equal(t, want);
  return root;
}

static int64_t eval_ok(fx *f, const char *src, mend_type want) {
  int32_t root = compile_ok(f, src, want);
  int64_t v = 0x5a5a5a5a;
  expr_status st = expr_eval(&f->pool, root, &f->env, &v);
  if (st != EXPR_OK) fail_msg("'%s' evaluated with status %d", src, (int)st);
  return v;
}

static int64_t ival(fx *f, const char *src) {
  return eval_ok(f, src, MEND_INT);
}

static bool bval(fx *f, const char *src) {
  int64_t v = eval_ok(f, src, MEND_BOOL);
  if (v != 0 && v != 1) fail_msg("'%s' gave the bool %lld", src, (long long)v);
  return v == 1;
}

static expr_status eval_status(fx *f, const char *src, mend_type want) {
  int32_t root = compile_ok(f, src, want);
  int64_t v = 0;
  return expr_eval(&f->pool, root, &f->env, &v);
}

/* Asserts that `src` fails to compile with exactly `msg` at column `col`, and
 * that the pool is left as it was. */
static void compile_err(fx *f, const char *src, const char *msg, int col) {
  expr_error e;
  mend_type t = MEND_INT;
  size_t len = f->pool.len, slen = f->pool.slen;
  int32_t root = expr_compile(&f->pool, src, &f->sc, &t, &e);
  if (root >= 0) fail_msg("'%s' compiled, expected: %s", src, msg);
  if (strcmp(e.msg, msg) != 0) fail_msg("'%s':\n  got      %s\n  expected %s", src, e.msg, msg);
  if (e.col != col) fail_msg("'%s': column %d, expected %d (%s)", src, e.col, col, e.msg);
  assert_int_equal(f->pool.len, len);
  assert_int_equal(f->pool.slen, slen);
}

/* The same, checking that the message starts with `prefix`. */
static void compile_err_prefix(fx *f, const char *src, const char *prefix, int col) {
  expr_error e;
  mend_type t = MEND_INT;
  int32_t root = expr_compile(&f->pool, src, &f->sc, &t, &e);
  if (root >= 0) fail_msg("'%s' compiled, expected: %s...", src, prefix);
  if (strncmp(e.msg, prefix, strlen(prefix)) != 0)
    fail_msg("'%s':\n  got      %s\n  expected %s...", src, e.msg, prefix);
  assert_int_equal(e.col, col);
}

/* ---- the lexer -------------------------------------------------------------- */

static void test_lexer_integers(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "0"), 0);
  assert_int_equal(ival(f, "42"), 42);
  assert_int_equal(ival(f, "007"), 7);
  assert_int_equal(ival(f, "1000000000000"), 1000000000000LL);
}

static void test_lexer_int64_max_is_accepted(void **state) {
  fx *f = *state;
  assert_true(ival(f, "9223372036854775807") == INT64_MAX);
  assert_true(ival(f, "-9223372036854775807") == -INT64_MAX);
  assert_true(ival(f, "-9223372036854775807 - 1") == INT64_MIN);
  assert_true(ival(f, "0009223372036854775807") == INT64_MAX);
}

static void test_lexer_int64_max_plus_one_is_an_error(void **state) {
  fx *f = *state;
  compile_err(f, "9223372036854775808",
              "integer 9223372036854775808 is too large (the limit is 9223372036854775807)", 1);
  /* INT64_MIN cannot be written as a literal: the minus is an operator */
  compile_err(f, "-9223372036854775808",
              "integer 9223372036854775808 is too large (the limit is 9223372036854775807)", 2);
  compile_err(f, "n + 99999999999999999999999",
              "integer 99999999999999999999999 is too large (the limit is 9223372036854775807)", 5);
}

static void test_lexer_number_glued_to_letters_is_an_error(void **state) {
  fx *f = *state;
  compile_err(f, "1x", "'1x' is not a number or a name", 1);
  compile_err(f, "n + 2_", "'2_' is not a number or a name", 5);
  /* the whole word is quoted */
  compile_err(f, "n == 12abc", "'12abc' is not a number or a name", 6);
  compile_err(f, "3rd_try > 1", "'3rd_try' is not a number or a name", 1);
}

static void test_lexer_names_and_keywords(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "n"), 7);
  assert_int_equal(ival(f, "_x2"), 11);
  /* a keyword is a whole word: these are variables */
  assert_true(bval(f, "andy"));
  assert_int_equal(ival(f, "notable"), 5);
  assert_true(bval(f, "true"));
  assert_false(bval(f, "false"));
  /* names are case-sensitive, keywords too */
  compile_err(f, "N", "unknown variable 'N'", 1);
  compile_err(f, "True", "'True' is not a name: did you mean 'true'? (write it in lower case)", 1);
  compile_err(f, "true AND flag",
              "'AND' is not a keyword: did you mean 'and'? (write it in lower case)", 6);
}

static void test_lexer_strings(void **state) {
  fx *f = *state;
  assert_true(bval(f, "other == 'it''s'"));
  assert_int_equal(ival(f, "len('it''s')"), 4);
  assert_int_equal(ival(f, "len('''')"), 1);
  assert_int_equal(ival(f, "len('')"), 0);
  assert_true(bval(f, "empty == ''"));
  /* the content is kept verbatim, white space and operators included */
  assert_int_equal(ival(f, "len(' a  and (b) ')"), 12);
  /* the literal is stored in the pool, NUL-terminated */
  int32_t root = compile_ok(f, "'a''b'", MEND_TEXT);
  assert_int_equal(f->pool.n[root].op, X_STR);
  assert_int_equal(f->pool.n[root].len, 3);
  assert_string_equal(f->pool.str + f->pool.n[root].v, "a'b");
}

static void test_lexer_unterminated_string(void **state) {
  fx *f = *state;
  const char *msg = "unterminated string: a string starts with ' and ends with '";
  compile_err(f, "'abc", msg, 1);
  compile_err(f, "name == 'it''s", msg, 9);
  compile_err(f, "name == 'abc''", msg, 9);
}

static void test_lexer_every_operator_token(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "2+3"), 5);
  assert_int_equal(ival(f, "2-3"), -1);
  assert_int_equal(ival(f, "2*3"), 6);
  assert_int_equal(ival(f, "7/2"), 3);
  assert_int_equal(ival(f, "7%2"), 1);
  assert_int_equal(ival(f, "(2)"), 2);
  assert_int_equal(ival(f, "min(2,3)"), 2);
  assert_true(bval(f, "2==2"));
  assert_true(bval(f, "2!=3"));
  assert_true(bval(f, "2<3"));
  assert_true(bval(f, "3<=3"));
  assert_true(bval(f, "3>2"));
  assert_true(bval(f, "3>=3"));
  /* two-character operators do not accept a space inside */
  compile_err(f, "1 < = 2", "unexpected '=': use '==' to compare (a condition cannot assign)", 5);
  compile_err(f, "1 = = 1", "unexpected '=': use '==' to compare (a condition cannot assign)", 3);
  compile_err(f, "1 ! = 1", "unexpected '!': write 'not', or '!=' for 'is not equal'", 3);
}

static void test_lexer_bad_characters(void **state) {
  fx *f = *state;
  compile_err(f, "n = 1", "unexpected '=': use '==' to compare (a condition cannot assign)", 3);
  compile_err(f, "flag && off", "unexpected '&': write 'and' / 'or'", 6);
  compile_err(f, "flag || off", "unexpected '|': write 'and' / 'or'", 6);
  compile_err(f, "!flag", "unexpected '!': write 'not', or '!=' for 'is not equal'", 1);
  compile_err(f, "name == \"x\"",
              "unexpected '\"': strings are written in single quotes, 'like this'", 9);
  compile_err(f, "n @ 1", "unexpected character '@'", 3);
  compile_err(f, "n + 1;", "unexpected character ';'", 6);
  /* a multibyte character is quoted whole, and counted as one column */
  compile_err(f, "n \xc3\xa9 1", "unexpected character '\xc3\xa9'", 3);
  compile_err(f, "'\xc3\xa9' + \xe2\x82\xac", "unexpected character '\xe2\x82\xac'", 7);
}

static void test_lexer_whitespace(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, " \t\r\n1\t+\n2 \r\n"), 3);
  assert_int_equal(ival(f, "1+2*n"), 15);
  assert_true(bval(f, "not(n>=m)or(flag)"));
  compile_err(f, "", "empty expression", 1);
  compile_err(f, " \t\n ", "empty expression", 1);
}

static void test_quoted_token_is_cut_at_a_character_boundary(void **state) {
  fx *f = *state;
  /* a quoted token is cut to 40 bytes: here that would split an 'é' */
  char src[128] = "1 '";
  for (int i = 0; i < 30; i++)
    strcat(src, "\xc3\xa9");
  strcat(src, "'");
  char msg[160] = "unexpected ''";
  for (int i = 0; i < 19; i++)
    strcat(msg, "\xc3\xa9");
  strcat(msg, "' after the end of the expression");
  compile_err(f, src, msg, 3);
  /* a short token is quoted whole */
  compile_err(f, "1 '\xc3\xa9'", "unexpected ''\xc3\xa9'' after the end of the expression", 3);
}

static void test_columns_count_characters_not_bytes(void **state) {
  fx *f = *state;
  /* 'é' is 3 characters (4 bytes): the '+' is at column 5 */
  compile_err(f, "'\xc3\xa9' + 1", "'+' needs int operands, got text", 5);
  compile_err(f, "'\xf0\x9f\x98\x80\xf0\x9f\x98\x80' == x", "unknown variable 'x'", 9);
}

/* ---- the parser ---------------------------------------------------------------- */

static void test_precedence_term_over_sum(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "1 + 2 * 3"), 7);
  assert_int_equal(ival(f, "2 * 3 + 1"), 7);
  assert_int_equal(ival(f, "10 - 6 / 2"), 7);
  assert_int_equal(ival(f, "10 - 7 % 4"), 7);
  assert_int_equal(ival(f, "(1 + 2) * 3"), 9);
}

static void test_sum_and_term_are_left_associative(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "10 - 4 - 3"), 3);
  assert_int_equal(ival(f, "10 - (4 - 3)"), 9);
  assert_int_equal(ival(f, "100 / 10 / 5"), 2);
  assert_int_equal(ival(f, "7 % 4 * 2"), 6);
  assert_int_equal(ival(f, "2 * 3 % 4"), 2);
  assert_int_equal(ival(f, "2 * (3 % 4)"), 6);
}

static void test_unary_minus_binds_tighter_than_term(void **state) {
  fx *f = *state;
  /* (-2^62) * 2 is INT64_MIN; -(2^62 * 2) would overflow */
  assert_true(ival(f, "-4611686018427387904 * 2") == INT64_MIN);
  assert_int_equal(eval_status(f, "-(4611686018427387904 * 2)", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(ival(f, "-2 * 3"), -6);
  assert_int_equal(ival(f, "1 - -2"), 3);
}

static void test_unary_minus_chains(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "--5"), 5);
  assert_int_equal(ival(f, "- - -5"), -5);
  assert_int_equal(ival(f, "-(-(5))"), 5);
  assert_int_equal(ival(f, "2--3"), 5);
  assert_int_equal(ival(f, "-n"), -7);
  assert_int_equal(ival(f, "--m"), -3);
}

static void test_comparison_binds_looser_than_sum(void **state) {
  fx *f = *state;
  assert_true(bval(f, "1 + 2 == 3"));
  assert_true(bval(f, "3 == 1 + 2"));
  assert_true(bval(f, "n * 2 > n + 6"));
  assert_false(bval(f, "n - 7 < 0"));
}

static void test_not_binds_looser_than_comparison(void **state) {
  fx *f = *state;
  assert_true(bval(f, "not 1 == 2"));
  assert_false(bval(f, "not n > 1"));
}

static void test_not_binds_tighter_than_and(void **state) {
  fx *f = *state;
  /* (not false) and false, not: not (false and false) */
  assert_false(bval(f, "not false and false"));
  assert_true(bval(f, "not (false and false)"));
  assert_true(bval(f, "false or not false"));
}

static void test_and_binds_tighter_than_or(void **state) {
  fx *f = *state;
  assert_true(bval(f, "true or true and false"));
  assert_true(bval(f, "false and true or true"));
  assert_false(bval(f, "(true or true) and false"));
  assert_false(bval(f, "false and (true or true)"));
}

static void test_not_not(void **state) {
  fx *f = *state;
  assert_true(bval(f, "not not true"));
  assert_false(bval(f, "not not not true"));
  assert_true(bval(f, "not not flag"));
  assert_true(bval(f, "not not 1 < 2"));
}

static void test_comparisons_do_not_chain(void **state) {
  fx *f = *state;
  const char *msg = "comparisons cannot be chained: write 'a < b and b < c'";
  compile_err(f, "1 < 2 < 3", msg, 7);
  compile_err(f, "1 == 1 == true", msg, 8);
  compile_err(f, "n >= 0 != flag", msg, 8);
  /* parentheses make it explicit */
  assert_true(bval(f, "(1 < 2) == true"));
  assert_true(bval(f, "1 < 2 and 2 < 3"));
}

static void test_syntax_errors(void **state) {
  fx *f = *state;
  compile_err(f, "1 +", "expected a value, found end of expression", 4);
  compile_err(f, "(1 + 2", "expected ')', found end of expression", 7);
  compile_err(f, "(1 + 2 3)", "expected ')', found '3'", 8);
  compile_err(f, "1 2", "unexpected '2' after the end of the expression", 3);
  compile_err(f, ")", "expected a value, found ')'", 1);
  compile_err(f, "n + )", "expected a value, found ')'", 5);
  compile_err(f, "()", "expected a value, found ')'", 2);
  compile_err(f, "flag and", "expected a value, found end of expression", 9);
  compile_err(f, "not", "expected a value, found end of expression", 4);
  compile_err(f, "1 ,", "unexpected ',' after the end of the expression", 3);
  compile_err(f, "n * * 2", "expected a value, found '*'", 5);
}

/* ---- the type checker ------------------------------------------------------------- */

static void test_result_types(void **state) {
  fx *f = *state;
  compile_ok(f, "1", MEND_INT);
  compile_ok(f, "n", MEND_INT);
  compile_ok(f, "true", MEND_BOOL);
  compile_ok(f, "flag", MEND_BOOL);
  compile_ok(f, "name", MEND_TEXT);
  compile_ok(f, "'x'", MEND_TEXT);
  compile_ok(f, "(name)", MEND_TEXT);
  compile_ok(f, "n < 2", MEND_BOOL);
  compile_ok(f, "name == 'x'", MEND_BOOL);
  compile_ok(f, "visits(start)", MEND_INT);
  compile_ok(f, "chosen(pick)", MEND_INT);
  compile_ok(f, "len(name)", MEND_INT);
  compile_ok(f, "matches(name, 'x')", MEND_BOOL);
  compile_ok(f, "min(1, 2)", MEND_INT);
  compile_ok(f, "max(1, 2)", MEND_INT);
}

static void test_arithmetic_needs_int_operands(void **state) {
  fx *f = *state;
  compile_err(f, "'a' + 1", "'+' needs int operands, got text", 5);
  compile_err(f, "1 + name", "'+' needs int operands, got text", 3);
  compile_err(f, "1 - true", "'-' needs int operands, got bool", 3);
  compile_err(f, "flag * 2", "'*' needs int operands, got bool", 6);
  compile_err(f, "n / flag", "'/' needs int operands, got bool", 3);
  compile_err(f, "name % 2", "'%' needs int operands, got text", 6);
  /* the first offending operand is named */
  compile_err(f, "flag + name", "'+' needs int operands, got bool", 6);
}

static void test_unary_operators_need_their_type(void **state) {
  fx *f = *state;
  compile_err(f, "-true", "'-' needs int, got bool", 1);
  compile_err(f, "1 + -name", "'-' needs int, got text", 5);
  compile_err(f, "not 1", "'not' needs bool, got int", 1);
  compile_err(f, "flag and not name", "'not' needs bool, got text", 10);
}

static void test_logic_needs_bool_operands(void **state) {
  fx *f = *state;
  compile_err(f, "1 and true", "'and' needs bool operands, got int", 3);
  compile_err(f, "flag and n", "'and' needs bool operands, got int", 6);
  compile_err(f, "true or name", "'or' needs bool operands, got text", 6);
  compile_err(f, "n or flag", "'or' needs bool operands, got int", 3);
}

static void test_comparison_operand_types(void **state) {
  fx *f = *state;
  compile_err(f, "1 == true", "'==' compares int with bool: both sides must have the same type", 3);
  compile_err(f, "name != 1", "'!=' compares text with int: both sides must have the same type", 6);
  compile_err(f, "flag < n", "'<' compares bool with int: both sides must have the same type", 6);
  compile_err(f, "true < false", "'<' needs int operands, got bool (only == and != compare bool)",
              6);
  compile_err(f, "flag <= off", "'<=' needs int operands, got bool (only == and != compare bool)",
              6);
  compile_err(f, "name > other", "'>' needs int operands, got text (only == and != compare text)",
              6);
  compile_err(f, "'a' >= 'b'", "'>=' needs int operands, got text (only == and != compare text)",
              5);
  /* == and != take two of any one type */
  assert_true(bval(f, "flag == true"));
  assert_true(bval(f, "off != flag"));
  assert_true(bval(f, "name != other"));
}

static void test_unknown_names(void **state) {
  fx *f = *state;
  compile_err(f, "nobody > 1", "unknown variable 'nobody'", 1);
  compile_err(f, "len", "unknown variable 'len'", 1);
  compile_err(f, "n + start", "'start' is a node, not a variable (did you mean visits(start)?)", 5);
  compile_err(f, "finale", "'finale' is an ending, not a variable (did you mean visits(finale)?)",
              1);
  /* a choice id is counted by chosen(), not visits() */
  compile_err(f, "pick > 0", "'pick' is a choice, not a variable (did you mean chosen(pick)?)", 1);
}

static void test_unknown_names_without_kind_of(void **state) {
  fx *f = *state;
  f->sc.kind_of = NULL;
  compile_err(f, "start", "unknown variable 'start'", 1);
  compile_err(f, "visits(pick)", "visits(): no node or ending has the id 'pick'", 8);
  compile_err(f, "chosen(start)", "chosen(): no choice has the id 'start'", 8);
}

/* ---- functions ---------------------------------------------------------------------- */

static void test_visits(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "visits(start)"), 3);
  assert_int_equal(ival(f, "visits(middle)"), 0);
  assert_int_equal(ival(f, "visits(finale)"), 1);
  assert_int_equal(ival(f, "visits( start ) * 2"), 6);
  f->visits[1] = 9;
  assert_int_equal(ival(f, "visits(middle)"), 9);
}

static void test_chosen(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "chosen(pick)"), 2);
  assert_int_equal(ival(f, "chosen(skip)"), 0);
  assert_true(bval(f, "chosen(pick) > chosen(skip)"));
}

static void test_visits_and_chosen_argument_errors(void **state) {
  fx *f = *state;
  compile_err(f, "visits(pick)", "visits() needs a node or ending id, but 'pick' is a choice", 8);
  compile_err(f, "visits(n)", "visits() needs a node or ending id, but 'n' is a variable", 8);
  compile_err(f, "visits(nowhere)", "visits(): no node or ending has the id 'nowhere'", 8);
  compile_err(f, "chosen(start)", "chosen() needs a choice id, but 'start' is a node", 8);
  compile_err(f, "chosen(finale)", "chosen() needs a choice id, but 'finale' is an ending", 8);
  compile_err(f, "chosen(nothing)", "chosen(): no choice has the id 'nothing'", 8);
  compile_err(f, "visits()", "visits() takes a node or ending id, found ')'", 8);
  compile_err(f, "visits('start')", "visits() takes a node or ending id, found ''start''", 8);
  compile_err(f, "chosen(1)", "chosen() takes a choice id, found '1'", 8);
  compile_err(f, "visits(start, middle)", "expected ')' to close the call, found ','", 13);
  compile_err(f, "visits(start", "expected ')' to close the call, found end of expression", 13);
}

static void test_len_counts_characters_not_bytes(void **state) {
  fx *f = *state;
  assert_int_equal(f->texts[5].n, 13);
  assert_int_equal(ival(f, "len(name)"), 11);
  assert_int_equal(ival(f, "len(empty)"), 0);
  assert_int_equal(ival(f, "len('\xe6\x97\xa5\xe6\x9c\xac')"), 2);    /* 2 CJK, 6 bytes */
  assert_int_equal(ival(f, "len('\xf0\x9f\x98\x80!')"), 2);           /* emoji + '!' */
  assert_int_equal(ival(f, "len('caf\xc3\xa9') + len(other)"), 8);    /* 4 + 4 */
  set_text(f, 6, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"); /* Привет */
  assert_int_equal(ival(f, "len(other)"), 6);
}

static void test_matches_is_case_insensitive(void **state) {
  fx *f = *state;
  set_text(f, 6, "I am so SORRY about it");
  assert_true(bval(f, "matches(other, 'sorry')"));
  assert_true(bval(f, "matches(other, 'i AM')"));
  assert_true(bval(f, "matches(other, '^i am')"));
  assert_false(bval(f, "matches(other, '^am')"));
  assert_false(bval(f, "matches(other, 'please come back')"));
  assert_true(bval(f, "matches(other, 'apologi[sz]e|sorry')"));
  assert_true(bval(f, "matches('It''s', '^it''s$')"));
  assert_false(bval(f, "matches(empty, '.')"));
  /* the pattern is the string's value: '' unescaped */
  assert_string_equal(f->last_pattern, ".");
}

static void test_matches_compiles_its_pattern_once_at_compile_time(void **state) {
  fx *f = *state;
  int32_t root = compile_ok(f, "matches(name, 'w\xc3\xb6rld$')", MEND_BOOL);
  assert_int_equal(f->regex_calls, 1);
  assert_string_equal(f->last_pattern, "w\xc3\xb6rld$");
  int64_t v = 0;
  for (int i = 0; i < 3; i++) {
    assert_int_equal(expr_eval(&f->pool, root, &f->env, &v), EXPR_OK);
    assert_int_equal(v, 1);
  }
  set_text(f, 5, "W\xc3\xb6RLD!");
  assert_int_equal(expr_eval(&f->pool, root, &f->env, &v), EXPR_OK);
  assert_int_equal(v, 0);
  assert_int_equal(f->regex_calls, 1);
}

static void test_matches_pattern_must_be_a_literal(void **state) {
  fx *f = *state;
  const char *msg = "the pattern of matches() must be a string literal in single quotes";
  compile_err(f, "matches(name, other)", msg, 15);
  compile_err(f, "matches(name, 'a' + 'b')", "expected ')' to close the call, found '+'", 19);
  compile_err(f, "matches(name, ('a'))", msg, 15);
  compile_err(f, "matches(name, 1)", msg, 15);
  assert_int_equal(f->regex_calls, 1); /* only 'a' got as far as compiling */
}

static void test_matches_bad_pattern(void **state) {
  fx *f = *state;
  compile_err_prefix(f, "matches(name, 'a(')", "bad pattern in matches(): ", 15);
  compile_err(f, "matches(name, '(a)\\1')",
              "bad pattern in matches(): back-references such as \\1 are not supported", 15);
}

static void test_matches_argument_errors(void **state) {
  fx *f = *state;
  compile_err(f, "matches(1, 'a')", "the first argument of matches() needs text, got int", 9);
  compile_err(f, "matches(flag, 'a')", "the first argument of matches() needs text, got bool", 9);
  compile_err(f, "matches(name)", "matches() takes 2 arguments, got 1", 1);
  compile_err(f, "matches()", "matches() takes 2 arguments, got 0", 1);
  compile_err(f, "matches(name, 'a', 'b')", "matches() takes 2 arguments, got 3", 1);
  compile_err(f, "matches(nobody, 'a')", "unknown variable 'nobody'", 9);
}

static void test_min_max(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "min(3, 5)"), 3);
  assert_int_equal(ival(f, "min(5, 3)"), 3);
  assert_int_equal(ival(f, "max(3, 5)"), 5);
  assert_int_equal(ival(f, "max(5, 3)"), 5);
  assert_int_equal(ival(f, "min(n, m)"), -3);
  assert_int_equal(ival(f, "max(n, m)"), 7);
  assert_int_equal(ival(f, "max(4, 4)"), 4);
  assert_true(ival(f, "min(small, big)") == INT64_MIN);
  assert_true(ival(f, "max(small, big)") == INT64_MAX);
  assert_int_equal(ival(f, "max(min(n, 10), 0) + min(1 + 1, 2 * 2)"), 9);
}

static void test_min_max_argument_errors(void **state) {
  fx *f = *state;
  compile_err(f, "min(true, 1)", "min() needs int, got bool", 5);
  compile_err(f, "max(1, name)", "max() needs int, got text", 8);
  compile_err(f, "min(1)", "min() takes 2 arguments, got 1", 1);
  compile_err(f, "max(1, 2, 3)", "max() takes 2 arguments, got 3", 1);
  compile_err(f, "min()", "min() takes 2 arguments, got 0", 1);
  compile_err(f, "min(1, )", "expected a value, found ')'", 8);
  /* a missing comma reads as a missing argument */
  compile_err(f, "min(1 2)", "min() takes 2 arguments, got 1", 1);
}

static void test_len_argument_errors(void **state) {
  fx *f = *state;
  compile_err(f, "len(1)", "len() needs text, got int", 5);
  compile_err(f, "len(flag)", "len() needs text, got bool", 5);
  compile_err(f, "len()", "len() takes 1 argument, got 0", 1);
  compile_err(f, "len(name, other)", "len() takes 1 argument, got 2", 1);
}

static void test_crisis_and_abuse_ask_about_a_text(void **state) {
  fx *f = *state;
  set_text(f, 6, "I said CRISIS");
  assert_true(bval(f, "crisis(other)"));
  assert_false(bval(f, "abuse(other)"));
  assert_true(bval(f, "crisis(other) and not abuse(other)"));
  assert_false(bval(f, "crisis(name) or crisis(empty)"));
  assert_true(bval(f, "abuse('it was ABUSE')"));
  assert_true(bval(f, "crisis(other) == true"));
  /* with nothing to ask (no safety layer), no sign */
  f->env.sign = NULL;
  assert_false(bval(f, "crisis(other)"));
}

static void test_crisis_and_abuse_take_one_text(void **state) {
  fx *f = *state;
  compile_err(f, "crisis(n)", "crisis() needs text, got int", 8);
  compile_err(f, "abuse(flag)", "abuse() needs text, got bool", 7);
  compile_err(f, "crisis(name) + 1", "'+' needs int operands, got bool", 14);
  compile_err(f, "crisis()", "crisis() takes 1 argument, got 0", 1);
  compile_err(f, "abuse(name, other)", "abuse() takes 1 argument, got 2", 1);
  compile_err(f, "crisis(nmae)", "unknown variable 'nmae'", 8);
  compile_err(f, "crisis", "unknown variable 'crisis'", 1);
}

static void test_nothing_asks_whether_a_text_says_nothing(void **state) {
  fx *f = *state;
  set_text(f, 6, "idk");
  assert_true(bval(f, "nothing(other)"));
  assert_true(bval(f, "other != '' and nothing(other)"));
  set_text(f, 6, "I need sleep");
  assert_false(bval(f, "nothing(other)"));
  compile_err(f, "nothing(n)", "nothing() needs text, got int", 9);
  compile_err(f, "nothing()", "nothing() takes 1 argument, got 0", 1);
  compile_err(f, "nothin(other)", "unknown function 'nothin' (did you mean nothing()?)", 1);
  set_text(f, 6, "HEAVY words");
  assert_true(bval(f, "heavy(other)"));
  assert_false(bval(f, "crisis(other)"));
  compile_err(f, "heavy(n)", "heavy() needs text, got int", 7);
  compile_err(f, "heavi(other)", "unknown function 'heavi' (did you mean heavy()?)", 1);
  set_text(f, 6, "UNSAFE words");
  assert_true(bval(f, "unsafe(other)"));
  assert_false(bval(f, "abuse(other)"));
  assert_false(bval(f, "heavy(other)"));
  set_text(f, 6, "ABUSE words");
  assert_true(bval(f, "unsafe(other) and abuse(other)"));
  compile_err(f, "unsafe(n)", "unsafe() needs text, got int", 8);
  compile_err(f, "unsave(other)", "unknown function 'unsave' (did you mean unsafe()?)", 1);
  set_text(f, 6, "a DIG at them");
  assert_true(bval(f, "dig(other)"));
  assert_false(bval(f, "heavy(other) or unsafe(other) or nothing(other)"));
  set_text(f, 6, "kind words");
  assert_false(bval(f, "dig(other)"));
  compile_err(f, "dig(n)", "dig() needs text, got int", 5);
  compile_err(f, "dig()", "dig() takes 1 argument, got 0", 1);
  compile_err(f, "digs(other)", "unknown function 'digs' (did you mean dig()?)", 1);
  /* said(t, 'NAME'): a list of the words of the language, named in quotes */
  set_text(f, 6, "pls PLEA");
  assert_true(bval(f, "said(other, 'plea')"));
  assert_true(bval(f, "not said(other, 'grief') and said(other, 'plea')"));
  compile_err(f, "said(other, 'pleas')",
              "said(): the words of the language have no list [said pleas] (did you mean "
              "'plea'? They have: grief, plea)",
              13);
  compile_err(f, "said(other, plea)",
              "the list of said() must be its name in single quotes, as in said(note, 'grief')",
              13);
  compile_err(f, "said(n, 'plea')", "the first argument of said() needs text, got int", 6);
  compile_err(f, "said(other)", "said() takes 2 arguments, got 1", 1);
}

static void test_told_asks_what_lines_typed_elsewhere_told(void **state) {
  fx *f = *state;
  f->told = 0;
  assert_false(bval(f, "told(unsafe)"));
  assert_true(bval(f, "not told(heavy)"));
  f->told = EXPR_TOLD_UNSAFE | EXPR_TOLD_HEAVY;
  assert_true(bval(f, "told(unsafe)"));
  assert_true(bval(f, "told(heavy) and told(unsafe)"));
  assert_false(bval(f, "told(abuse) or told(crisis)"));
  f->told = EXPR_TOLD_CRISIS;
  assert_true(bval(f, "told(crisis)"));
  assert_false(bval(f, "told(heavy)")); /* (the session sets heavy with crisis) */
  f->env.told = NULL;                   /* no session: nothing told */
  assert_false(bval(f, "told(crisis)"));
  f->env.told = &f->told;
  compile_err(f, "told(other)",
              "told() takes crisis, abuse, heavy, unsafe or dig, or a list of the words in quotes "
              "('texted'), "
              "found 'other'",
              6);
  compile_err(f, "told(unsafee)",
              "told() takes crisis, abuse, heavy, unsafe or dig, or a list of the words in quotes "
              "('texted'), found 'unsafee' (did you mean unsafe?)",
              6);
  compile_err(f, "told('unsafe')", "told() takes the kind unsafe without quotes: told(unsafe)", 6);
  /* told(dig): a dig at someone typed where a decision waited */
  f->told = EXPR_TOLD_DIG;
  assert_true(bval(f, "told(dig)"));
  assert_false(bval(f, "told(heavy) or told(unsafe)"));
  f->told = EXPR_TOLD_CRISIS;
  compile_err(f, "told('dig')", "told() takes the kind dig without quotes: told(dig)", 6);
  /* told('NAME'): a list of the words ("grief" and "plea" here) */
  f->told = EXPR_TOLD_LIST << 1;
  assert_true(bval(f, "told('plea')"));
  assert_false(bval(f, "told('grief')"));
  assert_false(bval(f, "told(crisis)"));
  compile_err(f, "told('texted')",
              "told(): the words of the language have no list [said texted] (they have: grief, "
              "plea)",
              6);
  compile_err(f, "told()",
              "told() takes crisis, abuse, heavy, unsafe or dig, or a list of the words in quotes "
              "('texted'), found ')'",
              6);
  compile_err(f, "told(unsafe, heavy)", "expected ')' to close the call, found ','", 12);
  compile_err(f, "told(unsafe) + 1", "'+' needs int operands, got bool", 14);
  compile_err(f, "tolds(unsafe)", "unknown function 'tolds' (did you mean told()?)", 1);
  /* just_told(): what was told at the question last answered */
  f->told = EXPR_TOLD_HEAVY | EXPR_TOLD_UNSAFE;
  f->just_told = EXPR_TOLD_HEAVY;
  assert_true(bval(f, "just_told(heavy)"));
  assert_false(bval(f, "just_told(unsafe)"));
  assert_true(bval(f, "told(unsafe) and not just_told(unsafe)"));
  f->env.just_told = NULL;
  assert_false(bval(f, "just_told(heavy)"));
  f->env.just_told = &f->just_told;
  compile_err(
      f, "just_told(heavvy)",
      "just_told() takes crisis, abuse, heavy, unsafe or dig, or a list of the words in quotes "
      "('texted'), found 'heavvy' (did you mean heavy?)",
      11);
  compile_err(f, "just_tol(heavy)", "unknown function 'just_tol' (did you mean just_told()?)", 1);
}

static void test_unknown_function(void **state) {
  fx *f = *state;
  const char *msg =
      "unknown function 'foo' (the functions are visits, chosen, len, matches, min, max, crisis, "
      "abuse, nothing, heavy, unsafe, told, just_told, dig, said)";
  compile_err(f, "foo(1)", msg, 1);
  compile_err(f, "crises(name)", "unknown function 'crises' (did you mean crisis()?)", 1);
  compile_err(f, "not Abuse(name)", "unknown function 'Abuse' (did you mean abuse()?)", 5);
  compile_err(f, "1 + Len(name)", "unknown function 'Len' (did you mean len()?)", 5);
  compile_err(f, "visit(a) > 0", "unknown function 'visit' (did you mean visits()?)", 1);
}

/* ---- the evaluator ------------------------------------------------------------------- */

static void test_arithmetic_results(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "n + m"), 4);
  assert_int_equal(ival(f, "n - m"), 10);
  assert_int_equal(ival(f, "n * m"), -21);
  assert_int_equal(ival(f, "n / 2"), 3);
  assert_int_equal(ival(f, "n % 4"), 3);
  assert_int_equal(ival(f, "-n"), -7);
  assert_int_equal(ival(f, "0 * m"), 0);
  assert_int_equal(ival(f, "0 / m"), 0);
}

static void test_division_truncates_toward_zero(void **state) {
  fx *f = *state;
  assert_int_equal(ival(f, "-7 / 2"), -3);
  assert_int_equal(ival(f, "7 / -2"), -3);
  assert_int_equal(ival(f, "-7 / -2"), 3);
  assert_int_equal(ival(f, "-1 / 2"), 0);
  /* the remainder has the sign of the dividend: a == (a / b) * b + a % b */
  assert_int_equal(ival(f, "-7 % 2"), -1);
  assert_int_equal(ival(f, "7 % -2"), 1);
  assert_int_equal(ival(f, "-7 % -2"), -1);
  assert_int_equal(ival(f, "-6 % 3"), 0);
  assert_true(bval(f, "m == (m / 2) * 2 + m % 2"));
}

static void test_comparison_results(void **state) {
  fx *f = *state;
  assert_true(bval(f, "m < n"));
  assert_false(bval(f, "n < n"));
  assert_true(bval(f, "n <= n"));
  assert_false(bval(f, "n <= m"));
  assert_true(bval(f, "n > m"));
  assert_false(bval(f, "n > n"));
  assert_true(bval(f, "n >= n"));
  assert_false(bval(f, "m >= n"));
  assert_true(bval(f, "n == 7"));
  assert_false(bval(f, "n == m"));
  assert_true(bval(f, "n != m"));
  assert_false(bval(f, "n != 7"));
  assert_true(bval(f, "small < big"));
  assert_true(bval(f, "small < -9223372036854775807"));
  assert_true(bval(f, "flag == true"));
  assert_false(bval(f, "flag == off"));
  assert_true(bval(f, "off != true"));
}

static void test_text_comparison_results(void **state) {
  fx *f = *state;
  assert_true(bval(f, "name == 'H\xc3\xa9llo w\xc3\xb6rld'"));
  assert_false(bval(f, "name == 'h\xc3\xa9llo w\xc3\xb6rld'")); /* == is case-sensitive */
  assert_false(bval(f, "name == 'H\xc3\xa9llo'"));              /* a prefix is not equal */
  assert_false(bval(f, "name == 'H\xc3\xa9llo w\xc3\xb6rld!'"));
  assert_true(bval(f, "name != other"));
  assert_false(bval(f, "name != name"));
  assert_true(bval(f, "'' == empty"));
  assert_false(bval(f, "'' != empty"));
}

static void test_logic_results(void **state) {
  fx *f = *state;
  assert_true(bval(f, "flag and true"));
  assert_false(bval(f, "flag and off"));
  assert_false(bval(f, "off and flag"));
  assert_true(bval(f, "off or flag"));
  assert_true(bval(f, "flag or off"));
  assert_false(bval(f, "off or false"));
  assert_false(bval(f, "not flag"));
  assert_true(bval(f, "not off"));
}

static void test_and_or_short_circuit(void **state) {
  fx *f = *state;
  assert_false(bval(f, "false and 1/0 == 1"));
  assert_true(bval(f, "true or 1/0 == 1"));
  assert_false(bval(f, "off and big + 1 > 0"));
  assert_true(bval(f, "flag or -small > 0"));
  assert_false(bval(f, "false and (true or 1 % 0 == 0)"));
  /* the right side is evaluated when the left does not decide */
  assert_int_equal(eval_status(f, "true and 1/0 == 1", MEND_BOOL), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "false or 1/0 == 1", MEND_BOOL), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "flag and big + 1 > 0", MEND_BOOL), EXPR_OVERFLOW);
  /* and the left side always */
  assert_int_equal(eval_status(f, "1/0 == 1 or true", MEND_BOOL), EXPR_DIVZERO);
}

static void test_overflow_is_reported(void **state) {
  fx *f = *state;
  assert_int_equal(eval_status(f, "9223372036854775807 + 1", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "big + 1", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "small + -1", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "-9223372036854775807 - 2", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "small - 1", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "0 - small", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "4611686018427387904 * 2", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "3037000500 * 3037000500", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "small * -1", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "-small", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "-(-9223372036854775807 - 1)", MEND_INT), EXPR_OVERFLOW);
  /* right up to the limits is fine */
  assert_true(ival(f, "big - 1 + 1") == INT64_MAX);
  assert_true(ival(f, "small + 1 - 1") == INT64_MIN);
  assert_true(ival(f, "3037000499 * 3037000499") == 9223372030926249001LL);
  assert_true(ival(f, "-big - 1") == INT64_MIN);
  assert_true(ival(f, "-(small + 1)") == INT64_MAX);
  assert_true(ival(f, "small * 1") == INT64_MIN);
}

static void test_int64_min_divided_by_minus_one(void **state) {
  fx *f = *state;
  /* the quotient 2^63 does not fit */
  assert_int_equal(eval_status(f, "small / -1", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "(-9223372036854775807 - 1) / -1", MEND_INT), EXPR_OVERFLOW);
  /* the remainder is 0, which is the exact answer (2^63 is a multiple of 1),
   * so it is returned rather than reported (in C it would be undefined) */
  assert_int_equal(ival(f, "small % -1"), 0);
  assert_int_equal(ival(f, "(-9223372036854775807 - 1) % -1"), 0);
  /* neighbouring cases behave normally */
  assert_true(ival(f, "small / 1") == INT64_MIN);
  assert_true(ival(f, "small / -2") == 4611686018427387904LL);
  assert_int_equal(ival(f, "small % 2"), 0);
  assert_int_equal(ival(f, "small % 3"), -2);
  assert_true(ival(f, "big / -1") == -INT64_MAX);
  assert_int_equal(ival(f, "big % -1"), 0);
}

static void test_division_by_zero_is_reported(void **state) {
  fx *f = *state;
  assert_int_equal(eval_status(f, "1 / 0", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "1 % 0", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "0 / 0", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "n / zero", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "n % (m + 3)", MEND_INT), EXPR_DIVZERO);
  /* division by zero is checked before the INT64_MIN / -1 case */
  assert_int_equal(eval_status(f, "small / zero", MEND_INT), EXPR_DIVZERO);
}

static void test_errors_propagate_through_every_operator(void **state) {
  fx *f = *state;
  assert_int_equal(eval_status(f, "-(1 / 0)", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "not (1 / 0 == 0)", MEND_BOOL), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "1 + 1 / 0", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "1 / 0 + big * 2", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "big * 2 + 1 / 0", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "min(1, 1 / 0)", MEND_INT), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "max(big + 1, 0)", MEND_INT), EXPR_OVERFLOW);
  assert_int_equal(eval_status(f, "1 < 1 % 0", MEND_BOOL), EXPR_DIVZERO);
  assert_int_equal(eval_status(f, "(big + 1) * 0", MEND_INT), EXPR_OVERFLOW);
}

static void test_bools_evaluate_to_0_and_1(void **state) {
  fx *f = *state;
  assert_int_equal(eval_ok(f, "5 > 3", MEND_BOOL), 1);
  assert_int_equal(eval_ok(f, "5 < 3", MEND_BOOL), 0);
  assert_int_equal(eval_ok(f, "true", MEND_BOOL), 1);
  assert_int_equal(eval_ok(f, "not true", MEND_BOOL), 0);
  assert_int_equal(eval_ok(f, "flag and flag", MEND_BOOL), 1);
  assert_int_equal(eval_ok(f, "off or flag", MEND_BOOL), 1);
  assert_int_equal(eval_ok(f, "matches(name, 'o')", MEND_BOOL), 1);
}

static void test_variables_are_read_at_evaluation_time(void **state) {
  fx *f = *state;
  int32_t root = compile_ok(f, "n * 2 + len(other)", MEND_INT);
  int64_t v = 0;
  assert_int_equal(expr_eval(&f->pool, root, &f->env, &v), EXPR_OK);
  assert_int_equal(v, 18);
  f->vals[0] = -5;
  set_text(f, 6, "");
  assert_int_equal(expr_eval(&f->pool, root, &f->env, &v), EXPR_OK);
  assert_int_equal(v, -10);
}

/* ---- limits and the pool ---------------------------------------------------------------- */

static char *repeat(const char *head, int times, const char *mid, const char *tail, int ttimes) {
  size_t n = strlen(head) * (size_t)times + strlen(mid) + strlen(tail) * (size_t)ttimes + 1;
  char *s = malloc(n);
  assert_non_null(s);
  s[0] = 0;
  for (int i = 0; i < times; i++)
    strcat(s, head);
  strcat(s, mid);
  for (int i = 0; i < ttimes; i++)
    strcat(s, tail);
  return s;
}

static void test_nesting_limit_parentheses(void **state) {
  fx *f = *state;
  char *ok = repeat("(", EXPR_MAX_DEPTH, "1", ")", EXPR_MAX_DEPTH);
  assert_int_equal(ival(f, ok), 1);
  char *deep = repeat("(", EXPR_MAX_DEPTH + 1, "1", ")", EXPR_MAX_DEPTH + 1);
  compile_err(f, deep, "expression nested too deeply (more than 64 levels)", EXPR_MAX_DEPTH + 1);
  free(ok);
  free(deep);
}

static void test_nesting_limit_not_and_minus(void **state) {
  fx *f = *state;
  char *ok = repeat("not ", EXPR_MAX_DEPTH, "true", "", 0);
  assert_true(bval(f, ok));
  char *deep = repeat("not ", EXPR_MAX_DEPTH + 1, "true", "", 0);
  compile_err(f, deep, "expression nested too deeply (more than 64 levels)",
              4 * EXPR_MAX_DEPTH + 1);
  free(ok);
  free(deep);
  ok = repeat("-", EXPR_MAX_DEPTH, "1", "", 0);
  assert_int_equal(ival(f, ok), 1);
  deep = repeat("-", EXPR_MAX_DEPTH + 1, "1", "", 0);
  compile_err(f, deep, "expression nested too deeply (more than 64 levels)", EXPR_MAX_DEPTH + 1);
  free(ok);
  free(deep);
}

static void test_nesting_limit_counts_every_kind_together(void **state) {
  fx *f = *state;
  /* 32 times "not (" is 64 levels; one more "-" makes 65 */
  char *ok = repeat("not (", EXPR_MAX_DEPTH / 2, "true", ")", EXPR_MAX_DEPTH / 2);
  assert_true(bval(f, ok));
  char *deep = repeat("not (", EXPR_MAX_DEPTH / 2, "-1 == 1", ")", EXPR_MAX_DEPTH / 2);
  compile_err(f, deep, "expression nested too deeply (more than 64 levels)",
              5 * EXPR_MAX_DEPTH / 2 + 1);
  free(ok);
  free(deep);
}

static void test_nesting_limit_function_calls(void **state) {
  fx *f = *state;
  char *ok = repeat("min(", EXPR_MAX_DEPTH, "1", ", 2)", EXPR_MAX_DEPTH);
  assert_int_equal(ival(f, ok), 1);
  char *deep = repeat("min(", EXPR_MAX_DEPTH + 1, "1", ", 2)", EXPR_MAX_DEPTH + 1);
  compile_err(f, deep, "expression nested too deeply (more than 64 levels)",
              4 * EXPR_MAX_DEPTH + 1);
  free(ok);
  free(deep);
  /* as deep as the length limit allows: an error, not a deep recursion */
  deep = repeat("len(", EXPR_MAX_LEN / 4, "", "", 0);
  assert_int_equal(strlen(deep), EXPR_MAX_LEN);
  compile_err(f, deep, "expression nested too deeply (more than 64 levels)",
              4 * EXPR_MAX_DEPTH + 1);
  free(deep);
}

static void test_long_flat_expressions_are_fine(void **state) {
  fx *f = *state;
  /* 1+1+...+1: 2048 terms in 4095 bytes, no nesting limit applies */
  char *s = repeat("1+", EXPR_MAX_LEN / 2 - 1, "1", "", 0);
  assert_int_equal(strlen(s), EXPR_MAX_LEN - 1);
  assert_int_equal(ival(f, s), EXPR_MAX_LEN / 2);
  free(s);
}

static void test_length_limit(void **state) {
  fx *f = *state;
  char *ok = repeat(" ", EXPR_MAX_LEN - 1, "1", "", 0);
  assert_int_equal(strlen(ok), EXPR_MAX_LEN);
  assert_int_equal(ival(f, ok), 1);
  char *over = repeat(" ", EXPR_MAX_LEN, "1", "", 0);
  compile_err(f, over, "expression too long (4097 bytes; the limit is 4096)", 1);
  free(ok);
  free(over);
}

static void test_failed_compile_leaves_the_pool_as_it_was(void **state) {
  fx *f = *state;
  int32_t first = compile_ok(f, "name == 'kept' or n > 1", MEND_BOOL);
  size_t len = f->pool.len, slen = f->pool.slen;
  assert_true(len > 0);
  assert_int_equal(slen, 5); /* "kept" and its NUL */
  /* each fails late, after nodes and strings were added */
  compile_err(f, "other == 'abc' and 1 + 2 == 3 and nobody", "unknown variable 'nobody'", 35);
  compile_err(f, "'xyz' == name and min(1, 2) + flag > 0", "'+' needs int operands, got bool", 29);
  compile_err(f, "(('long string' == name) and (n > 1)", "expected ')', found end of expression",
              37);
  compile_err(f, "matches(name, 'ok') and n", "'and' needs bool operands, got int", 21);
  compile_err(f, "1 + 2 3", "unexpected '3' after the end of the expression", 7);
  assert_int_equal(f->pool.len, len);
  assert_int_equal(f->pool.slen, slen);
  /* the earlier expression is intact, and the next one goes right after it */
  int64_t v = 0;
  assert_int_equal(expr_eval(&f->pool, first, &f->env, &v), EXPR_OK);
  assert_int_equal(v, 1);
  int32_t next = compile_ok(f, "'after'", MEND_TEXT);
  assert_int_equal(next, (int32_t)len);
  assert_int_equal(f->pool.n[next].v, (int64_t)slen);
  assert_string_equal(f->pool.str + slen, "after");
  assert_int_equal(f->pool.n[1].op, X_STR); /* name, 'kept', ==, ... */
  assert_string_equal(f->pool.str + f->pool.n[1].v, "kept");
}

static void test_compile_clears_a_stale_error(void **state) {
  fx *f = *state;
  expr_error e;
  mend_type t;
  assert_int_equal(expr_compile(&f->pool, "nobody", &f->sc, &t, &e), -1);
  assert_int_equal(e.col, 1);
  assert_true(expr_compile(&f->pool, "n", &f->sc, &t, &e) >= 0);
  assert_string_equal(e.msg, "");
  assert_int_equal(e.col, 0);
}

static void test_type_names(void **state) {
  (void)state;
  assert_string_equal(expr_type_name(MEND_INT), "int");
  assert_string_equal(expr_type_name(MEND_BOOL), "bool");
  assert_string_equal(expr_type_name(MEND_TEXT), "text");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(test_lexer_integers),
      T(test_lexer_int64_max_is_accepted),
      T(test_lexer_int64_max_plus_one_is_an_error),
      T(test_lexer_number_glued_to_letters_is_an_error),
      T(test_lexer_names_and_keywords),
      T(test_lexer_strings),
      T(test_lexer_unterminated_string),
      T(test_lexer_every_operator_token),
      T(test_lexer_bad_characters),
      T(test_lexer_whitespace),
      T(test_quoted_token_is_cut_at_a_character_boundary),
      T(test_columns_count_characters_not_bytes),
      T(test_precedence_term_over_sum),
      T(test_sum_and_term_are_left_associative),
      T(test_unary_minus_binds_tighter_than_term),
      T(test_unary_minus_chains),
      T(test_comparison_binds_looser_than_sum),
      T(test_not_binds_looser_than_comparison),
      T(test_not_binds_tighter_than_and),
      T(test_and_binds_tighter_than_or),
      T(test_not_not),
      T(test_comparisons_do_not_chain),
      T(test_syntax_errors),
      T(test_result_types),
      T(test_arithmetic_needs_int_operands),
      T(test_unary_operators_need_their_type),
      T(test_logic_needs_bool_operands),
      T(test_comparison_operand_types),
      T(test_unknown_names),
      T(test_unknown_names_without_kind_of),
      T(test_visits),
      T(test_chosen),
      T(test_visits_and_chosen_argument_errors),
      T(test_len_counts_characters_not_bytes),
      T(test_matches_is_case_insensitive),
      T(test_matches_compiles_its_pattern_once_at_compile_time),
      T(test_matches_pattern_must_be_a_literal),
      T(test_matches_bad_pattern),
      T(test_matches_argument_errors),
      T(test_min_max),
      T(test_min_max_argument_errors),
      T(test_len_argument_errors),
      T(test_told_asks_what_lines_typed_elsewhere_told),
      T(test_unknown_function),
      T(test_crisis_and_abuse_ask_about_a_text),
      T(test_crisis_and_abuse_take_one_text),
      T(test_nothing_asks_whether_a_text_says_nothing),
      T(test_arithmetic_results),
      T(test_division_truncates_toward_zero),
      T(test_comparison_results),
      T(test_text_comparison_results),
      T(test_logic_results),
      T(test_and_or_short_circuit),
      T(test_overflow_is_reported),
      T(test_int64_min_divided_by_minus_one),
      T(test_division_by_zero_is_reported),
      T(test_errors_propagate_through_every_operator),
      T(test_bools_evaluate_to_0_and_1),
      T(test_variables_are_read_at_evaluation_time),
      T(test_nesting_limit_parentheses),
      T(test_nesting_limit_not_and_minus),
      T(test_nesting_limit_counts_every_kind_together),
      T(test_nesting_limit_function_calls),
      T(test_long_flat_expressions_are_fine),
      T(test_length_limit),
      T(test_failed_compile_leaves_the_pool_as_it_was),
      T(test_compile_clears_a_stale_error),
      T(test_type_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
