/* SPDX-License-Identifier: MIT */
/* expr.c - see expr.h. */
#include "expr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "lexicon.h"
#include "suggest.h"
#include "utf8.h"

typedef enum tok {
  T_EOF,
  T_INT,
  T_STR,
  T_NAME,
  T_LP,
  T_RP,
  T_COMMA,
  T_PLUS,
  T_MINUS,
  T_STAR,
  T_SLASH,
  T_PCT,
  T_EQ,
  T_NE,
  T_LT,
  T_LE,
  T_GT,
  T_GE,
  T_AND,
  T_OR,
  T_NOT,
  T_TRUE,
  T_FALSE,
  T_BAD
} tok;

typedef struct parser {
  expr_pool *p;
  const expr_scope *sc;
  const char *src;
  size_t pos;    /* after the current token */
  tok t;         /* current token */
  size_t ts, tn; /* its start and length */
  int64_t ival;  /* T_INT value */
  mem_buf sbuf;  /* T_STR value */
  int depth;
  expr_error *err;
  bool failed;
} parser;

typedef struct val {
  int32_t node;
  mend_type type;
} val;

static const val BAD = {-1, MEND_INT};

const char *expr_type_name(mend_type t) {
  return t == MEND_INT ? "int" : t == MEND_BOOL ? "bool" : "text";
}

static void fail_at(parser *ps, size_t at, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail_at(parser *ps, size_t at, const char *code, const char *fmt, ...) {
  if (ps->failed) return;
  ps->failed = true;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
  va_end(ap);
  ps->err->col = (int)utf8_count(ps->src, at) + 1;
  ps->err->off = at;
  ps->err->code = code;
}

/* A keyword written in capitals ("True", "AND"): the keyword, or NULL. */
static const char *keyword_like(const char *s, size_t n) {
  static const char *const kw[] = {"and", "or", "not", "true", "false"};
  for (size_t k = 0; k < sizeof kw / sizeof *kw; k++)
    if (strlen(kw[k]) == n && !strncasecmp(kw[k], s, n)) return kw[k];
  return NULL;
}

/* " (did you mean 'x'?)" for a name the scope finds close to an unknown one. */
static const char *meant(parser *ps, const char *name, size_t n, int kind, char *buf, size_t cap) {
  const char *m = ps->sc->suggest ? ps->sc->suggest(ps->sc->ud, name, n, kind) : NULL;
  if (!m) return "";
  snprintf(buf, cap, " (did you mean '%s'?)", m);
  return buf;
}

static bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_ident(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}

static const char *tok_text(parser *ps, char *buf, size_t n) {
  if (ps->t == T_EOF) return "end of expression";
  size_t len = ps->tn > 40 ? 40 : ps->tn;
  while (len < ps->tn && ((unsigned char)ps->src[ps->ts + len] & 0xC0) == 0x80)
    len--;
  snprintf(buf, n, "'%.*s'", (int)len, ps->src + ps->ts);
  return buf;
}

static void next(parser *ps) {
  const char *s = ps->src;
  size_t i = ps->pos;
  while (utf8_is_space(s[i]))
    i++;
  ps->ts = i;
  char c = s[i];
  tok t = T_BAD;
  size_t n = 1;
  if (c == 0) {
    t = T_EOF, n = 0;
  } else if (c >= '0' && c <= '9') {
    int64_t v = 0;
    n = 0;
    bool over = false;
    while (s[i + n] >= '0' && s[i + n] <= '9') {
      int d = s[i + n] - '0';
      if (v > (INT64_MAX - d) / 10)
        over = true;
      else
        v = v * 10 + d;
      n++;
    }
    if (is_ident(s[i + n])) {
      ps->pos = i + n;
      ps->tn = n;
      size_t w = n;
      while (is_ident(s[i + w]))
        w++;
      fail_at(ps, i, "E-expr", "'%.*s' is not a number or a name", (int)w, s + i);
      ps->t = T_BAD;
      return;
    }
    if (over) {
      ps->t = T_BAD;
      ps->tn = n;
      fail_at(ps, i, "E-expr", "integer %.*s is too large (the limit is 9223372036854775807)",
              (int)n, s + i);
      return;
    }
    t = T_INT;
    ps->ival = v;
  } else if (is_ident_start(c)) {
    n = 0;
    while (is_ident(s[i + n]))
      n++;
    t = T_NAME;
    static const struct {
      const char *w;
      tok t;
    } kw[] = {{"and", T_AND}, {"or", T_OR}, {"not", T_NOT}, {"true", T_TRUE}, {"false", T_FALSE}};
    for (size_t k = 0; k < sizeof kw / sizeof kw[0]; k++)
      if (strlen(kw[k].w) == n && !memcmp(kw[k].w, s + i, n)) t = kw[k].t;
  } else if (c == '\'') {
    ps->sbuf.len = 0;
    mem_buf_add(&ps->sbuf, "", 0);
    n = 1;
    for (;;) {
      if (s[i + n] == 0) {
        ps->tn = n;
        fail_at(ps, i, "E-expr", "unterminated string: a string starts with ' and ends with '");
        ps->t = T_BAD;
        return;
      }
      if (s[i + n] == '\'') {
        if (s[i + n + 1] == '\'') {
          mem_buf_addc(&ps->sbuf, '\'');
          n += 2;
          continue;
        }
        n++;
        break;
      }
      mem_buf_addc(&ps->sbuf, s[i + n]);
      n++;
    }
    t = T_STR;
  } else {
    char d = s[i + 1];
    switch (c) {
    case '(': t = T_LP; break;
    case ')': t = T_RP; break;
    case ',': t = T_COMMA; break;
    case '+': t = T_PLUS; break;
    case '-': t = T_MINUS; break;
    case '*': t = T_STAR; break;
    case '/': t = T_SLASH; break;
    case '%': t = T_PCT; break;
    case '=':
      if (d == '=') t = T_EQ, n = 2;
      break;
    case '!':
      if (d == '=') t = T_NE, n = 2;
      break;
    case '<':
      if (d == '=')
        t = T_LE, n = 2;
      else
        t = T_LT;
      break;
    case '>':
      if (d == '=')
        t = T_GE, n = 2;
      else
        t = T_GT;
      break;
    default: break;
    }
    if (t == T_BAD) {
      unsigned cp;
      size_t k = utf8_seq((const unsigned char *)s + i, strlen(s + i), &cp);
      if (c == '=' && (d == '>' || d == '<'))
        fail_at(ps, i, "E-expr", "'=%c' is not an operator: did you mean '%c='?", d, d);
      else if (c == '=')
        fail_at(ps, i, "E-expr", "unexpected '=': use '==' to compare (a condition cannot assign)");
      else if (c == '&' || c == '|')
        fail_at(ps, i, "E-expr", "unexpected '%c': write 'and' / 'or'", c);
      else if (c == '!')
        fail_at(ps, i, "E-expr", "unexpected '!': write 'not', or '!=' for 'is not equal'");
      else if (c == '"')
        fail_at(ps, i, "E-expr",
                "unexpected '\"': strings are written in single quotes, 'like this'");
      else
        fail_at(ps, i, "E-expr", "unexpected character '%.*s'", (int)(k ? k : 1), s + i);
    }
  }
  ps->t = t;
  ps->tn = n;
  ps->pos = i + n;
}

static int32_t add(parser *ps, expr_op op, mend_type type, int32_t a, int32_t b, int64_t v) {
  expr_node *n = VEC_PUSH(ps->p->n, ps->p->len, ps->p->cap);
  n->op = (uint8_t)op;
  n->type = (uint8_t)type;
  n->a = a;
  n->b = b;
  n->v = v;
  n->len = 0;
  return (int32_t)(ps->p->len - 1);
}

static val parse_or(parser *ps);

static bool expect(parser *ps, tok t, const char *what) {
  if (ps->t == t) {
    next(ps);
    return true;
  }
  char b[64];
  fail_at(ps, ps->ts, "E-expr", "expected %s, found %s", what, tok_text(ps, b, sizeof b));
  return false;
}

static bool need(parser *ps, val v, mend_type want, size_t at, const char *ctx) {
  if (v.node < 0) return false;
  if (v.type != want) {
    fail_at(ps, at, "E-type", "%s needs %s, got %s", ctx, expr_type_name(want),
            expr_type_name(v.type));
    return false;
  }
  return true;
}

/* The words' list named by the string token at hand (said(t, 'NAME'),
 * told('NAME')): its index (LEXICON_NO_LIST when there are no words), or -1
 * with an error that names the lists there are. */
static int32_t word_list(parser *ps, const char *fname) {
  if (ps->sc->words) ps->sc->words(ps->sc->ud);
  char names[1024] = ""; /* (up to 56 lists of some 12 letters) */
  int32_t k = ps->sc->said
                  ? ps->sc->said(ps->sc->ud, ps->sbuf.data, ps->sbuf.len, names, sizeof names)
                  : -1;
  if (k < 0) {
    /* the list closest to the name written ('grieff': did you mean 'grief'?) */
    char list[sizeof names], word[41] = "", mean[64] = "";
    const char *cands[LEXICON_MAX_SAID + 1];
    size_t nc = 0;
    memcpy(list, names, sizeof list);
    for (char *t = list; *t && nc < LEXICON_MAX_SAID;) { /* "grief, texted" */
      cands[nc++] = t;
      t += strcspn(t, ",");
      if (*t) *t++ = 0;
      t += strspn(t, " ");
    }
    cands[nc] = NULL;
    size_t wn = ps->sbuf.len < sizeof word - 1 ? ps->sbuf.len : sizeof word - 1;
    memcpy(word, ps->sbuf.data, wn);
    const char *m = nc ? suggest_closest(word, cands) : NULL;
    if (m) snprintf(mean, sizeof mean, "did you mean '%s'? ", m);
    fail_at(ps, ps->ts, "E-unknown-id",
            "%s(): the words of the language have no list [said %.*s]%s%s%s%s%s", fname,
            (int)(ps->sbuf.len > 40 ? 40 : ps->sbuf.len), ps->sbuf.data, *names ? " (" : "", mean,
            !*names ? ""
            : *mean ? "They have: "
                    : "they have: ",
            names, *names ? ")" : "");
  }
  return k;
}

/* The kinds told() and just_told() take as a bare name, and their flags. */
static const char *const told_kinds[] = {"crisis", "abuse", "heavy", "unsafe", "dig", NULL};
static const int64_t told_flags[] = {EXPR_TOLD_CRISIS, EXPR_TOLD_ABUSE, EXPR_TOLD_HEAVY,
                                     EXPR_TOLD_UNSAFE, EXPR_TOLD_DIG};

static val parse_call(parser *ps, size_t at, const char *name, size_t nlen) {
  /* (the order is used below: 0 and 1 take an id, 3 a pattern, 6, 7, 9 and 10 ask the
   * safety layer, 8, 12 and 14 the words of the language, 11 and 13 a kind of sign,
   * 14 a list of the words) */
  static const struct {
    const char *name;
    int arity;
  } fns[] = {{"visits", 1}, {"chosen", 1}, {"len", 1},   {"matches", 2},   {"min", 2},
             {"max", 2},    {"crisis", 1}, {"abuse", 1}, {"nothing", 1},   {"heavy", 1},
             {"unsafe", 1}, {"told", 1},   {"dig", 1},   {"just_told", 1}, {"said", 2}};
  enum { NFNS = sizeof fns / sizeof *fns };
  int f = -1;
  for (int k = 0; k < NFNS; k++)
    if (strlen(fns[k].name) == nlen && !memcmp(fns[k].name, name, nlen)) f = k;
  if (f < 0) {
    if (nlen < 20) { /* visit(x), choosen(x), Len(x) */
      char w[21];
      memcpy(w, name, nlen);
      w[nlen] = 0;
      for (size_t c = 0; c < nlen; c++)
        if (w[c] >= 'A' && w[c] <= 'Z') w[c] = (char)(w[c] - 'A' + 'a');
      static const char *const names[] = {
          "visits",  "chosen", "len",    "matches", "min", "max",       "crisis", "abuse",
          "nothing", "heavy",  "unsafe", "told",    "dig", "just_told", "said",   NULL};
      /* crisis() and abuse() are offered for names as long as they are
       * ("abused", "crises"), not for a short one they look like ("abs") */
      const char *m = suggest_closest(w, names);
      if (m && nlen < 5 && (!strcmp(m, "crisis") || !strcmp(m, "abuse"))) m = NULL;
      if (m) {
        fail_at(ps, at, "E-expr", "unknown function '%.*s' (did you mean %s()?)", (int)nlen, name,
                m);
        return BAD;
      }
    }
    fail_at(ps, at, "E-expr",
            "unknown function '%.*s' (the functions are visits, chosen, len, matches, min, max, "
            "crisis, abuse, nothing, heavy, unsafe, told, just_told, dig, said)",
            (int)nlen, name);
    return BAD;
  }
  if (++ps->depth > EXPR_MAX_DEPTH) {
    fail_at(ps, at, "E-limit", "expression nested too deeply (more than %d levels)",
            EXPR_MAX_DEPTH);
    return BAD;
  }
  next(ps); /* '(' */
  val r = BAD;
  int argc = 0;
  if ((f == 11 || f == 13) && ps->t == T_STR) { /* told('NAME'): a list of the words */
    for (size_t i = 0; told_kinds[i]; i++)
      if (ps->sbuf.len == strlen(told_kinds[i]) &&
          !memcmp(ps->sbuf.data, told_kinds[i], ps->sbuf.len)) {
        fail_at(ps, ps->ts, "E-expr", "%s() takes the kind %s without quotes: %s(%s)", fns[f].name,
                told_kinds[i], fns[f].name, told_kinds[i]);
        return BAD;
      }
    int32_t k = word_list(ps, fns[f].name);
    if (k < 0) return BAD;
    if (k >= EXPR_TOLD_LISTS && k != LEXICON_NO_LIST) { /* (no words: no list, never told) */
      fail_at(ps, ps->ts, "E-limit", "%s() reads the first %d lists of the words only", fns[f].name,
              EXPR_TOLD_LISTS);
      return BAD;
    }
    next(ps);
    int64_t flag = k < EXPR_TOLD_LISTS ? (int64_t)EXPR_TOLD_LIST << k : 0;
    r.node = add(ps, X_TOLD, MEND_BOOL, -1, -1, flag | (f == 13 ? EXPR_TOLD_JUST : 0));
    r.type = MEND_BOOL;
    ps->depth--;
    if (!expect(ps, T_RP, "')' to close the call")) return BAD;
    return r;
  }
  if (f == 11 || f == 13) { /* told(kind), just_told(kind): a bare name */
    const char *const *kinds = told_kinds;
    const int64_t *flag = told_flags;
    int k = -1;
    for (int i = 0; ps->t == T_NAME && kinds[i]; i++)
      if (strlen(kinds[i]) == ps->tn && !memcmp(kinds[i], ps->src + ps->ts, ps->tn)) k = i;
    if (k < 0) {
      char b[64], w[21] = "";
      const char *m = NULL;
      if (ps->t == T_NAME && ps->tn < sizeof w) { /* told(unsave): did you mean unsafe? */
        memcpy(w, ps->src + ps->ts, ps->tn);
        w[ps->tn] = 0;
        m = suggest_closest(w, kinds);
      }
      if (m)
        fail_at(ps, ps->ts, "E-expr",
                "%s() takes crisis, abuse, heavy, unsafe or dig, or a list of the words in quotes "
                "('texted'), found %s (did you mean %s?)",
                fns[f].name, tok_text(ps, b, sizeof b), m);
      else
        fail_at(ps, ps->ts, "E-expr",
                "%s() takes crisis, abuse, heavy, unsafe or dig, or a list of the words in quotes "
                "('texted'), found %s",
                fns[f].name, tok_text(ps, b, sizeof b));
      return BAD;
    }
    /* told(dig) reads the words of the story's language, as dig() does */
    if (flag[k] == EXPR_TOLD_DIG && ps->sc->words) ps->sc->words(ps->sc->ud);
    next(ps);
    r.node = add(ps, X_TOLD, MEND_BOOL, -1, -1, flag[k] | (f == 13 ? EXPR_TOLD_JUST : 0));
    r.type = MEND_BOOL;
    ps->depth--;
    if (!expect(ps, T_RP, "')' to close the call")) return BAD;
    return r;
  }
  if (f <= 1) { /* visits(id), chosen(id): a bare id */
    if (ps->t != T_NAME) {
      char b[64];
      fail_at(ps, ps->ts, "E-expr", "%s() takes %s id, found %s", fns[f].name,
              f == 0 ? "a node or ending" : "a choice", tok_text(ps, b, sizeof b));
      return BAD;
    }
    const char *id = ps->src + ps->ts;
    size_t idn = ps->tn;
    int32_t idx =
        f == 0 ? ps->sc->target(ps->sc->ud, id, idn) : ps->sc->choice(ps->sc->ud, id, idn);
    if (idx == EXPR_BROKEN) { /* defined where it cannot be seen: not an error here */
      fail_at(ps, ps->ts, NULL, "%s", "");
      return BAD;
    }
    if (idx < 0) {
      const char *k = ps->sc->kind_of ? ps->sc->kind_of(ps->sc->ud, id, idn) : NULL;
      if (k)
        fail_at(ps, ps->ts, "E-unknown-id", "%s() needs %s id, but '%.*s' is %s", fns[f].name,
                f == 0 ? "a node or ending" : "a choice", (int)idn, id, k);
      else {
        char hint[80];
        fail_at(ps, ps->ts, "E-unknown-id", "%s(): no %s has the id '%.*s'%s", fns[f].name,
                f == 0 ? "node or ending" : "choice", (int)idn, id,
                meant(ps, id, idn, f == 0 ? 1 : 2, hint, sizeof hint));
      }
      return BAD;
    }
    next(ps);
    argc = 1;
    r.node = add(ps, f == 0 ? X_VISITS : X_CHOSEN, MEND_INT, -1, -1, idx);
    r.type = MEND_INT;
  } else {
    val args[2] = {BAD, BAD};
    size_t argat[2] = {0, 0};
    if (ps->t != T_RP) {
      for (;;) {
        size_t aat = ps->ts;
        if (argc == 1 && (f == 3 || f == 14) && ps->t != T_STR) {
          fail_at(ps, aat, "E-expr",
                  f == 3 ? "the pattern of matches() must be a string literal in single quotes"
                         : "the list of said() must be its name in single quotes, as in "
                           "said(note, 'grief')");
          return BAD;
        }
        val a;
        if (argc == 1 && f == 14) { /* said(t, 'NAME'): a list of the words */
          int32_t k = word_list(ps, "said");
          if (k < 0) return BAD;
          a.node = k; /* the list's index, not a node */
          a.type = MEND_TEXT;
          next(ps);
        } else if (argc == 1 && f == 3) {
          a.node = -1;
          a.type = MEND_TEXT;
          char err[256] = "";
          int32_t rx = ps->sc->regex(ps->sc->ud, ps->sbuf.data, ps->sbuf.len, err, sizeof err);
          if (rx < 0) {
            fail_at(ps, aat, "E-pattern", "bad pattern in matches(): %s", err);
            return BAD;
          }
          a.node = rx; /* the regex index, not a node */
          next(ps);
        } else {
          a = parse_or(ps);
        }
        if (ps->failed) return BAD;
        if (argc < 2) args[argc] = a, argat[argc] = aat;
        argc++;
        if (ps->t != T_COMMA) break;
        next(ps);
      }
    }
    int want = fns[f].arity;
    if (argc != want) {
      fail_at(ps, at, "E-expr", "%s() takes %d argument%s, got %d", fns[f].name, want,
              want == 1 ? "" : "s", argc);
      return BAD;
    }
    if (f == 2) {
      if (!need(ps, args[0], MEND_TEXT, argat[0], "len()")) return BAD;
      r.node = add(ps, X_LEN, MEND_INT, args[0].node, -1, 0);
      r.type = MEND_INT;
    } else if (f == 3) {
      if (!need(ps, args[0], MEND_TEXT, argat[0], "the first argument of matches()")) return BAD;
      r.node = add(ps, X_MATCHES, MEND_BOOL, args[0].node, -1, args[1].node);
      r.type = MEND_BOOL;
    } else if (f == 14) {
      if (!need(ps, args[0], MEND_TEXT, argat[0], "the first argument of said()")) return BAD;
      r.node = add(ps, X_SIGN, MEND_BOOL, args[0].node, -1, EXPR_SIGN_SAID + args[1].node);
      r.type = MEND_BOOL;
    } else if (f >= 6) { /* crisis(t), abuse(t): what the safety layer finds in t;
                            nothing(t): whether t says nothing; heavy(t), unsafe(t):
                            a sign of crisis or abuse, or a [heavy] or [unsafe] phrase */
      static const char *const what[] = {"crisis()", "abuse()", "nothing()", "heavy()",
                                         "unsafe()", "",        "dig()"};
      static const int64_t sign[] = {EXPR_SIGN_CRISIS, EXPR_SIGN_ABUSE,  EXPR_SIGN_NOTHING,
                                     EXPR_SIGN_HEAVY,  EXPR_SIGN_UNSAFE, 0,
                                     EXPR_SIGN_DIG};
      if (!need(ps, args[0], MEND_TEXT, argat[0], what[f - 6])) return BAD;
      if ((f == 8 || f == 12) && ps->sc->words) ps->sc->words(ps->sc->ud);
      r.node = add(ps, X_SIGN, MEND_BOOL, args[0].node, -1, sign[f - 6]);
      r.type = MEND_BOOL;
    } else {
      const char *fn = f == 4 ? "min()" : "max()";
      if (!need(ps, args[0], MEND_INT, argat[0], fn)) return BAD;
      if (!need(ps, args[1], MEND_INT, argat[1], fn)) return BAD;
      r.node = add(ps, f == 4 ? X_MIN : X_MAX, MEND_INT, args[0].node, args[1].node, 0);
      r.type = MEND_INT;
    }
  }
  ps->depth--;
  if (!expect(ps, T_RP, "')' to close the call")) return BAD;
  return r;
}

static val parse_primary(parser *ps) {
  size_t at = ps->ts;
  val r = BAD;
  char b[64];
  switch (ps->t) {
  case T_INT:
    r.node = add(ps, X_INT, MEND_INT, -1, -1, ps->ival);
    r.type = MEND_INT;
    next(ps);
    return r;
  case T_TRUE:
  case T_FALSE:
    r.node = add(ps, X_BOOL, MEND_BOOL, -1, -1, ps->t == T_TRUE);
    r.type = MEND_BOOL;
    next(ps);
    return r;
  case T_STR: {
    expr_pool *p = ps->p;
    size_t off = p->slen;
    mem_grow((void **)&p->str, &p->scap, p->slen + ps->sbuf.len + 1, 1);
    memcpy(p->str + off, ps->sbuf.data, ps->sbuf.len + 1);
    p->slen += ps->sbuf.len + 1;
    r.node = add(ps, X_STR, MEND_TEXT, -1, -1, (int64_t)off);
    ps->p->n[r.node].len = (int64_t)ps->sbuf.len;
    r.type = MEND_TEXT;
    next(ps);
    return r;
  }
  case T_NAME: {
    const char *name = ps->src + ps->ts;
    size_t n = ps->tn;
    next(ps);
    if (ps->t == T_LP) return parse_call(ps, at, name, n);
    mend_type type;
    int32_t idx = ps->sc->var(ps->sc->ud, name, n, &type);
    if (idx == EXPR_BROKEN) { /* its declaration has an error: that says it */
      fail_at(ps, at, NULL, "%s", "");
      return BAD;
    }
    if (idx < 0) {
      const char *k = ps->sc->kind_of ? ps->sc->kind_of(ps->sc->ud, name, n) : NULL;
      const char *kw = keyword_like(name, n);
      char hint[80];
      if (k)
        fail_at(ps, at, "E-unknown-var", "'%.*s' is %s, not a variable (did you mean %s(%.*s)?)",
                (int)n, name, k, ps->sc->choice(ps->sc->ud, name, n) >= 0 ? "chosen" : "visits",
                (int)n, name);
      else if (kw)
        fail_at(ps, at, "E-expr",
                "'%.*s' is not a name: did you mean '%s'? (write it in lower case)", (int)n, name,
                kw);
      else
        fail_at(ps, at, "E-unknown-var", "unknown variable '%.*s'%s", (int)n, name,
                meant(ps, name, n, 0, hint, sizeof hint));
      return BAD;
    }
    r.node = add(ps, type == MEND_TEXT ? X_TVAR : X_VAR, type, -1, -1, idx);
    r.type = type;
    return r;
  }
  case T_LP:
    if (++ps->depth > EXPR_MAX_DEPTH) {
      fail_at(ps, at, "E-limit", "expression nested too deeply (more than %d levels)",
              EXPR_MAX_DEPTH);
      return BAD;
    }
    next(ps);
    r = parse_or(ps);
    if (ps->failed) return BAD;
    ps->depth--;
    if (!expect(ps, T_RP, "')'")) return BAD;
    return r;
  case T_BAD: return BAD;
  default:
    fail_at(ps, at, "E-expr", "expected a value, found %s", tok_text(ps, b, sizeof b));
    return BAD;
  }
}

static val parse_unary(parser *ps) {
  if (ps->t == T_MINUS) {
    size_t at = ps->ts;
    if (++ps->depth > EXPR_MAX_DEPTH) {
      fail_at(ps, at, "E-limit", "expression nested too deeply (more than %d levels)",
              EXPR_MAX_DEPTH);
      return BAD;
    }
    next(ps);
    val a = parse_unary(ps);
    ps->depth--;
    if (!need(ps, a, MEND_INT, at, "'-'")) return BAD;
    val r = {add(ps, X_NEG, MEND_INT, a.node, -1, 0), MEND_INT};
    return r;
  }
  return parse_primary(ps);
}

static val binary(parser *ps, val a, val b, expr_op op, size_t at, const char *opname) {
  if (a.node < 0 || b.node < 0) return BAD;
  if (a.type != MEND_INT || b.type != MEND_INT) {
    mend_type bad = a.type != MEND_INT ? a.type : b.type;
    fail_at(ps, at, "E-type", "'%s' needs int operands, got %s", opname, expr_type_name(bad));
    return BAD;
  }
  val r = {add(ps, op, MEND_INT, a.node, b.node, 0), MEND_INT};
  return r;
}

static val parse_term(parser *ps) {
  val a = parse_unary(ps);
  while (!ps->failed && (ps->t == T_STAR || ps->t == T_SLASH || ps->t == T_PCT)) {
    tok t = ps->t;
    size_t at = ps->ts;
    next(ps);
    val b = parse_unary(ps);
    a = binary(ps, a, b,
               t == T_STAR    ? X_MUL
               : t == T_SLASH ? X_DIV
                              : X_MOD,
               at,
               t == T_STAR    ? "*"
               : t == T_SLASH ? "/"
                              : "%");
  }
  return ps->failed ? BAD : a;
}

static val parse_sum(parser *ps) {
  val a = parse_term(ps);
  while (!ps->failed && (ps->t == T_PLUS || ps->t == T_MINUS)) {
    tok t = ps->t;
    size_t at = ps->ts;
    next(ps);
    val b = parse_term(ps);
    a = binary(ps, a, b, t == T_PLUS ? X_ADD : X_SUB, at, t == T_PLUS ? "+" : "-");
  }
  return ps->failed ? BAD : a;
}

static bool is_cmp(tok t) {
  return t >= T_EQ && t <= T_GE;
}

static val parse_cmp(parser *ps) {
  val a = parse_sum(ps);
  if (ps->failed || !is_cmp(ps->t)) return ps->failed ? BAD : a;
  tok t = ps->t;
  size_t at = ps->ts;
  char opname[3] = {0};
  memcpy(opname, ps->src + ps->ts, ps->tn < 2 ? ps->tn : 2);
  next(ps);
  val b = parse_sum(ps);
  if (ps->failed) return BAD;
  if (is_cmp(ps->t)) {
    fail_at(ps, ps->ts, "E-expr", "comparisons cannot be chained: write 'a < b and b < c'");
    return BAD;
  }
  if (a.type != b.type) {
    fail_at(ps, at, "E-type", "'%s' compares %s with %s: both sides must have the same type",
            opname, expr_type_name(a.type), expr_type_name(b.type));
    return BAD;
  }
  expr_op op;
  if (t == T_EQ || t == T_NE) {
    op = a.type == MEND_TEXT ? (t == T_EQ ? X_TEQ : X_TNE) : (t == T_EQ ? X_EQ : X_NE);
  } else {
    if (a.type != MEND_INT) {
      fail_at(ps, at, "E-type", "'%s' needs int operands, got %s (only == and != compare %s)",
              opname, expr_type_name(a.type), expr_type_name(a.type));
      return BAD;
    }
    op = t == T_LT ? X_LT : t == T_LE ? X_LE : t == T_GT ? X_GT : X_GE;
  }
  val r = {add(ps, op, MEND_BOOL, a.node, b.node, 0), MEND_BOOL};
  return r;
}

static val parse_not(parser *ps) {
  if (ps->t == T_NOT) {
    size_t at = ps->ts;
    if (++ps->depth > EXPR_MAX_DEPTH) {
      fail_at(ps, at, "E-limit", "expression nested too deeply (more than %d levels)",
              EXPR_MAX_DEPTH);
      return BAD;
    }
    next(ps);
    val a = parse_not(ps);
    ps->depth--;
    if (!need(ps, a, MEND_BOOL, at, "'not'")) return BAD;
    val r = {add(ps, X_NOT, MEND_BOOL, a.node, -1, 0), MEND_BOOL};
    return r;
  }
  return parse_cmp(ps);
}

static val logic(parser *ps, val a, val b, expr_op op, size_t at) {
  if (a.node < 0 || b.node < 0) return BAD;
  if (a.type != MEND_BOOL || b.type != MEND_BOOL) {
    mend_type bad = a.type != MEND_BOOL ? a.type : b.type;
    fail_at(ps, at, "E-type", "'%s' needs bool operands, got %s", op == X_AND ? "and" : "or",
            expr_type_name(bad));
    return BAD;
  }
  val r = {add(ps, op, MEND_BOOL, a.node, b.node, 0), MEND_BOOL};
  return r;
}

static val parse_and(parser *ps) {
  val a = parse_not(ps);
  while (!ps->failed && ps->t == T_AND) {
    size_t at = ps->ts;
    next(ps);
    a = logic(ps, a, parse_not(ps), X_AND, at);
  }
  return ps->failed ? BAD : a;
}

static val parse_or(parser *ps) {
  val a = parse_and(ps);
  while (!ps->failed && ps->t == T_OR) {
    size_t at = ps->ts;
    next(ps);
    a = logic(ps, a, parse_and(ps), X_OR, at);
  }
  return ps->failed ? BAD : a;
}

int32_t expr_compile(expr_pool *p, const char *src, const expr_scope *sc, mend_type *type,
                     expr_error *err) {
  parser ps = {.p = p, .sc = sc, .src = src, .err = err};
  err->msg[0] = 0;
  err->col = 0;
  err->off = 0;
  err->code = "E-expr";
  size_t n = strlen(src);
  size_t mark = p->len, smark = p->slen;
  if (n > EXPR_MAX_LEN) {
    fail_at(&ps, 0, "E-limit", "expression too long (%zu bytes; the limit is %d)", n, EXPR_MAX_LEN);
    return -1;
  }
  next(&ps);
  if (ps.t == T_EOF && !ps.failed) fail_at(&ps, 0, "E-expr", "empty expression");
  val v = BAD;
  if (!ps.failed) v = parse_or(&ps);
  if (!ps.failed && ps.t != T_EOF) {
    char b[64];
    const char *kw = ps.t == T_NAME ? keyword_like(src + ps.ts, ps.tn) : NULL;
    if (kw)
      fail_at(&ps, ps.ts, "E-expr",
              "'%.*s' is not a keyword: did you mean '%s'? (write it in lower "
              "case)",
              (int)ps.tn, src + ps.ts, kw);
    else
      fail_at(&ps, ps.ts, "E-expr", "unexpected %s after the end of the expression",
              tok_text(&ps, b, sizeof b));
  }
  mem_buf_free(&ps.sbuf);
  if (ps.failed || v.node < 0) {
    if (!ps.failed) fail_at(&ps, 0, "E-expr", "invalid expression");
    p->len = mark; /* drop the partial tree */
    p->slen = smark;
    return -1;
  }
  *type = v.type;
  return v.node;
}

int32_t expr_and(expr_pool *p, int32_t a, int32_t b) {
  parser ps = {.p = p};
  return add(&ps, X_AND, MEND_BOOL, a, b, 0);
}

void expr_pool_free(expr_pool *p) {
  mem_free(p->n);
  mem_free(p->str);
  memset(p, 0, sizeof *p);
}

static expr_text text_of(const expr_pool *p, const expr_node *n, const expr_env *env) {
  if (n->op == X_STR) {
    expr_text t = {p->str + n->v, (size_t)n->len};
    return t;
  }
  return env->texts[n->v];
}

static expr_status eval(const expr_pool *p, int32_t i, const expr_env *env, int64_t *out);

/* An operand: a number or a variable read at once (most are), anything else
 * evaluated. */
static inline expr_status operand(const expr_pool *p, int32_t i, const expr_env *env,
                                  int64_t *out) {
  const expr_node *n = &p->n[i];
  if (n->op == X_INT || n->op == X_BOOL) return *out = n->v, EXPR_OK;
  if (n->op == X_VAR) return *out = env->vals[n->v], EXPR_OK;
  return eval(p, i, env, out);
}

static expr_status eval(const expr_pool *p, int32_t i, const expr_env *env, int64_t *out) {
  const expr_node *n = &p->n[i];
  int64_t a, b;
  expr_status st;
  switch ((expr_op)n->op) {
  case X_INT:
  case X_BOOL: *out = n->v; return EXPR_OK;
  case X_VAR: *out = env->vals[n->v]; return EXPR_OK;
  case X_STR:
  case X_TVAR: *out = 0; return EXPR_OK; /* not an int: never reached after type checking */
  case X_VISITS: *out = env->visits[n->v]; return EXPR_OK;
  case X_CHOSEN: *out = env->chosen[n->v]; return EXPR_OK;
  case X_LEN: {
    expr_text t = text_of(p, &p->n[n->a], env);
    *out = (int64_t)utf8_count(t.s, t.n);
    return EXPR_OK;
  }
  case X_MATCHES: {
    expr_text t = text_of(p, &p->n[n->a], env);
    *out = env->match(env->ud, n->v, t.s, t.n);
    return EXPR_OK;
  }
  case X_SIGN: {
    expr_text t = text_of(p, &p->n[n->a], env);
    *out = env->sign ? env->sign(env->ud, n->v, t.s, t.n) : 0;
    return EXPR_OK;
  }
  case X_TOLD: {
    const uint64_t *t = (uint64_t)n->v & EXPR_TOLD_JUST ? env->just_told : env->told;
    *out = t ? (*t & (uint64_t)n->v & ~EXPR_TOLD_JUST) != 0 : 0;
    return EXPR_OK;
  }
  case X_TEQ:
  case X_TNE: {
    expr_text x = text_of(p, &p->n[n->a], env), y = text_of(p, &p->n[n->b], env);
    bool eq = x.n == y.n && !memcmp(x.s, y.s, x.n);
    *out = n->op == X_TEQ ? eq : !eq;
    return EXPR_OK;
  }
  case X_NOT:
    if ((st = operand(p, n->a, env, &a))) return st;
    *out = !a;
    return EXPR_OK;
  case X_NEG:
    if ((st = operand(p, n->a, env, &a))) return st;
    if (a == INT64_MIN) return EXPR_OVERFLOW;
    *out = -a;
    return EXPR_OK;
  case X_AND:
    if ((st = operand(p, n->a, env, &a))) return st;
    if (!a) return *out = 0, EXPR_OK;
    if ((st = operand(p, n->b, env, &b))) return st;
    *out = b != 0;
    return EXPR_OK;
  case X_OR:
    if ((st = operand(p, n->a, env, &a))) return st;
    if (a) return *out = 1, EXPR_OK;
    if ((st = operand(p, n->b, env, &b))) return st;
    *out = b != 0;
    return EXPR_OK;
  default: break;
  }
  if ((st = operand(p, n->a, env, &a))) return st;
  if ((st = operand(p, n->b, env, &b))) return st;
  switch ((expr_op)n->op) {
  case X_ADD: return __builtin_add_overflow(a, b, out) ? EXPR_OVERFLOW : EXPR_OK;
  case X_SUB: return __builtin_sub_overflow(a, b, out) ? EXPR_OVERFLOW : EXPR_OK;
  case X_MUL: return __builtin_mul_overflow(a, b, out) ? EXPR_OVERFLOW : EXPR_OK;
  case X_DIV:
  case X_MOD:
    if (b == 0) return EXPR_DIVZERO;
    if (a == INT64_MIN && b == -1) {
      if (n->op == X_MOD) return *out = 0, EXPR_OK;
      return EXPR_OVERFLOW;
    }
    *out = n->op == X_DIV ? a / b : a % b;
    return EXPR_OK;
  case X_LT: *out = a < b; return EXPR_OK;
  case X_LE: *out = a <= b; return EXPR_OK;
  case X_GT: *out = a > b; return EXPR_OK;
  case X_GE: *out = a >= b; return EXPR_OK;
  case X_EQ: *out = a == b; return EXPR_OK;
  case X_NE: *out = a != b; return EXPR_OK;
  case X_MIN: *out = a < b ? a : b; return EXPR_OK;
  case X_MAX: *out = a > b ? a : b; return EXPR_OK;
  default: return EXPR_OK;
  }
}

expr_status expr_eval(const expr_pool *p, int32_t root, const expr_env *env, int64_t *out) {
  return eval(p, root, env, out);
}
