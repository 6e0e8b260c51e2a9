/* SPDX-License-Identifier: MIT */
/*
 * expr.h - the expression language of `if` and `set value`: a lexer and a
 * recursive-descent parser that type-checks as it builds a small AST kept in
 * one array per story, and a checked evaluator (64-bit integers; overflow and
 * division by zero are reported, never undefined).
 *
 * Names are resolved through an expr_scope supplied by the loader, so this
 * module knows nothing of stories.
 */
#ifndef MEND_EXPR_H
#define MEND_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"

typedef enum expr_op {
  X_INT,
  X_BOOL,
  X_STR,
  X_VAR,
  X_TVAR, /* literals; int/bool var; text var */
  X_NEG,
  X_NOT,
  X_ADD,
  X_SUB,
  X_MUL,
  X_DIV,
  X_MOD,
  X_LT,
  X_LE,
  X_GT,
  X_GE,
  X_EQ,
  X_NE, /* int or bool operands */
  X_TEQ,
  X_TNE, /* text operands */
  X_AND,
  X_OR,
  X_VISITS,
  X_CHOSEN,
  X_LEN,
  X_MATCHES,
  X_MIN,
  X_MAX,
  X_SIGN, /* crisis(t), abuse(t), nothing(t), heavy(t), unsafe(t): v is what is asked about, a
             the text */
  X_TOLD  /* told(crisis|abuse|heavy|unsafe): v is the EXPR_TOLD_ flag asked about, with
             EXPR_TOLD_JUST for just_told() */
} expr_op;

/* What X_SIGN asks about: the values of mend_safety_category, and whether the
 * text says nothing (the words of the language, [answer nothing]). */
enum {
  EXPR_SIGN_ABUSE = 1,
  EXPR_SIGN_CRISIS = 2,
  EXPR_SIGN_NOTHING = 3,
  EXPR_SIGN_HEAVY = 4,
  EXPR_SIGN_UNSAFE = 5,
  EXPR_SIGN_DIG = 6,  /* a dig at someone: a [dig] of the words of the language */
  EXPR_SIGN_SAID = 64 /* and up: said(t, 'NAME'), the words' list [said NAME] number v - 64 */
};

/* What told() asks about: a line the person typed where a choice, a number or
 * a yes/no was asked (mend_session_tell) held a sign of crisis, of abuse, or
 * what heavy() or unsafe() read (the values of MEND_TOLD_*). */
#define EXPR_TOLD_CRISIS ((uint64_t)1)
#define EXPR_TOLD_ABUSE ((uint64_t)2)
#define EXPR_TOLD_HEAVY ((uint64_t)4)
#define EXPR_TOLD_UNSAFE ((uint64_t)8)
/* told('NAME'): what said(x, 'NAME') reads, of the words' list number k:
 * EXPR_TOLD_LIST << k (MEND_TOLD_LIST), for the first EXPR_TOLD_LISTS lists */
#define EXPR_TOLD_LIST ((uint64_t)16)
#define EXPR_TOLD_LISTS 56
/* told(dig): a dig at someone, as dig(x) reads it (MEND_TOLD_DIG) */
#define EXPR_TOLD_DIG ((uint64_t)1 << 60)
/* just_told(): told while the question last answered waited (not before) */
#define EXPR_TOLD_JUST ((uint64_t)1 << 62)

typedef struct expr_node {
  uint8_t op, type;
  int32_t a, b; /* children, -1 when absent */
  int64_t v;    /* literal value, var/node/choice/regex index, string offset */
  int64_t len;  /* string literal length */
} expr_node;

typedef struct expr_pool {
  expr_node *n;
  size_t len, cap;
  char *str; /* string literals, each NUL-terminated */
  size_t slen, scap;
} expr_pool;

/* Name resolution. Each returns an index >= 0, or -1 when unknown; var()
 * returns EXPR_BROKEN for a variable whose declaration has an error, and
 * target() and choice() for an id that may be defined where it cannot be
 * seen (a part checked alone, an include that failed): the expression then
 * fails with no message of its own (code NULL). */
#define EXPR_BROKEN (-2)
typedef struct expr_scope {
  void *ud;
  int32_t (*var)(void *ud, const char *name, size_t n, mend_type *type);
  int32_t (*target)(void *ud, const char *name, size_t n); /* node or ending */
  int32_t (*choice)(void *ud, const char *name, size_t n);
  /* Describes what a name is when it is not what was wanted ("a choice"). */
  const char *(*kind_of)(void *ud, const char *name, size_t n);
  /* Compiles a regex literal; returns its index or -1 with a message. */
  int32_t (*regex)(void *ud, const char *pat, size_t n, char *err, size_t errlen);
  /* A name close to an unknown one, for "did you mean" (kind: 0 a variable,
   * 1 a node or ending, 2 a choice), or NULL. May be NULL itself. */
  const char *(*suggest)(void *ud, const char *name, size_t n, int kind);
  /* nothing() reads the words of the story's language: they are needed. May
   * be NULL. */
  void (*words)(void *ud);
  /* said(t, 'NAME'): the index of the words' list [said NAME], or -1 with the
   * lists there are in names ("grief, plea"). May be NULL (no list). */
  int32_t (*said)(void *ud, const char *name, size_t n, char *names, size_t cap);
} expr_scope;

typedef struct expr_error {
  char msg[1280];   /* (an unknown list names the up to 56 there are) */
  int col;          /* 1-based column in the expression (characters) */
  size_t off;       /* the byte of the expression where it is */
  const char *code; /* E-expr, E-type, E-unknown-var... (see mend_error_codes); NULL: nothing
                       to say (a consequence of an error reported elsewhere) */
} expr_error;

#define EXPR_MAX_DEPTH 64
#define EXPR_MAX_LEN 4096

/* Compiles `src`; returns the root index, or -1 with `err` filled. */
int32_t expr_compile(expr_pool *p, const char *src, const expr_scope *sc, mend_type *type,
                     expr_error *err);
void expr_pool_free(expr_pool *p);
/* "a and b", for two compiled bool expressions of the pool. */
int32_t expr_and(expr_pool *p, int32_t a, int32_t b);

typedef struct expr_text {
  const char *s; /* NUL-terminated */
  size_t n;
} expr_text;

typedef struct expr_env {
  const int64_t *vals, *visits, *chosen;
  const expr_text *texts;
  bool (*match)(void *ud, int64_t regex, const char *s, size_t n);
  void *ud;
  /* Whether the safety layer finds a sign of this category (EXPR_SIGN_*) in
   * the text, negated and figurative uses set aside, or (EXPR_SIGN_NOTHING)
   * whether the text says nothing, or (EXPR_SIGN_HEAVY, EXPR_SIGN_UNSAFE)
   * whether it holds a sign of crisis or abuse or a [heavy] or [unsafe]
   * phrase; NULL: never. */
  bool (*sign)(void *ud, int64_t category, const char *s, size_t n);
  /* told(): the EXPR_TOLD_ flags of what the session was told; NULL: none */
  const uint64_t *told;
  /* just_told(): ... of what it was told while the question last answered waited */
  const uint64_t *just_told;
} expr_env;

typedef enum expr_status { EXPR_OK = 0, EXPR_OVERFLOW = 1, EXPR_DIVZERO = 2 } expr_status;

/* Evaluates an int or bool expression (bools as 0/1). */
expr_status expr_eval(const expr_pool *p, int32_t root, const expr_env *env, int64_t *out);
const char *expr_type_name(mend_type t);

#endif
