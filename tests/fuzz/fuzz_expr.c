/* SPDX-License-Identifier: MIT */
/*
 * fuzz_expr.c - the bytes are an expression (up to the first NUL), compiled
 * against a fixed scope (int i and n, bool b, text t; nodes start and end;
 * choice c) and, when it compiles to an int or a bool, evaluated with
 * ordinary and extreme values.
 */
#include <stdio.h>
#include <string.h>

#include "expr.h"
#include "fuzz.h"
#include "model.h"

#define MAX_REGEX 16

typedef struct scope {
  regex_t re[MAX_REGEX];
  int nre;
} scope;

static int32_t var(void *ud, const char *name, size_t n, mend_type *type) {
  (void)ud;
  static const struct {
    const char *name;
    mend_type type;
  } vars[] = {{"i", MEND_INT}, {"n", MEND_INT}, {"b", MEND_BOOL}, {"t", MEND_TEXT}};
  for (int k = 0; k < 4; k++)
    if (strlen(vars[k].name) == n && !memcmp(vars[k].name, name, n)) {
      *type = vars[k].type;
      return k;
    }
  return -1;
}

static int32_t target(void *ud, const char *name, size_t n) {
  (void)ud;
  if (n == 5 && !memcmp(name, "start", 5)) return 0;
  if (n == 3 && !memcmp(name, "end", 3)) return 1;
  return -1;
}

static int32_t choice_of(void *ud, const char *name, size_t n) {
  (void)ud;
  return n == 1 && name[0] == 'c' ? 0 : -1;
}

static const char *kind_of(void *ud, const char *name, size_t n) {
  mend_type t;
  if (var(ud, name, n, &t) >= 0) return "a variable";
  if (target(ud, name, n) >= 0) return "a node";
  if (choice_of(ud, name, n) >= 0) return "a choice";
  return NULL;
}

static int32_t regex(void *ud, const char *pat, size_t n, char *err, size_t errlen) {
  scope *sc = ud;
  (void)n;
  if (sc->nre == MAX_REGEX) {
    snprintf(err, errlen, "too many patterns");
    return -1;
  }
  if (model_regex_compile(&sc->re[sc->nre], pat, err, errlen) != 0) return -1;
  return sc->nre++;
}

/* crisis(t), abuse(t): a category the engine knows, and the text as given. */
static bool sign(void *ud, int64_t category, const char *s, size_t n) {
  (void)ud;
  FUZZ_ASSERT(category == EXPR_SIGN_ABUSE || category == EXPR_SIGN_CRISIS);
  FUZZ_ASSERT(strlen(s) == n);
  return n > (size_t)category;
}

static bool match(void *ud, int64_t k, const char *s, size_t n) {
  scope *sc = ud;
  (void)n;
  FUZZ_ASSERT(k >= 0 && k < sc->nre);
  return model_regex_match(&sc->re[k], s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = malloc(size + 1);
  FUZZ_ASSERT(src);
  memcpy(src, data, size);
  src[size] = 0;
  scope sc = {.nre = 0};
  expr_scope es = {&sc, var, target, choice_of, kind_of, regex, NULL, NULL, NULL};
  expr_pool pool = {0};
  mend_type type;
  expr_error err;
  int32_t root = expr_compile(&pool, src, &es, &type, &err);
  if (root < 0) {
    FUZZ_ASSERT(err.msg[0] && err.col >= 1);
    FUZZ_ASSERT(pool.len == 0);
  } else {
    FUZZ_ASSERT((size_t)root < pool.len);
    if (type != MEND_TEXT) {
      static const int64_t cases[][2] = {
          {7, -3}, {0, 0}, {INT64_MAX, INT64_MIN}, {INT64_MIN, -1}, {-1, INT64_MAX}};
      for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int64_t vals[4] = {cases[k][0], cases[k][1], k & 1, 0};
        int64_t visits[2] = {(int64_t)k, 1}, chosen[1] = {cases[k][1]};
        expr_text texts[4] = {{"", 0}, {"", 0}, {"", 0}, {"I am so sorry", 13}};
        if (k == 2) texts[3] = (expr_text){"", 0};
        uint64_t told = (uint64_t)k * 3 & 15;   /* told(): each flag, some of the time */
        uint64_t just = (uint64_t)k * 5 & told; /* just_told(): some of them */
        expr_env env = {vals, visits, chosen, texts, match, &sc, sign, &told, &just};
        int64_t out;
        expr_status st = expr_eval(&pool, root, &env, &out);
        FUZZ_ASSERT(st == EXPR_OK || st == EXPR_OVERFLOW || st == EXPR_DIVZERO);
        if (st == EXPR_OK && type == MEND_BOOL) FUZZ_ASSERT(out == 0 || out == 1);
      }
    }
  }
  for (int k = 0; k < sc.nre; k++)
    regfree(&sc.re[k]);
  expr_pool_free(&pool);
  free(src);
  return 0;
}
