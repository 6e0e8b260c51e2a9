/* SPDX-License-Identifier: MIT */
/*
 * pattern.c - the regular expressions of rules (pattern=) and of matches(),
 * kept safe: POSIX extended syntax, case ignored, in one fixed locale
 * whatever the program's (C.UTF-8), and refused before glibc compiles them
 * when their shape would make it take minutes or gigabytes (too long, too
 * many repetitions, nested repetitions, a {m,n} of what can match nothing,
 * back-references, a misplaced ^). What is kept is searched in one pass,
 * behind a sentinel: see model_regex_compile.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "model.h"
#include "once.h"

#define MAX_PATTERN_LEN 1000
#define MAX_PATTERN_COST 2000
#define MAX_PATTERN_NESTING 4

/* ---- a fixed locale for regular expressions ------------------------------ */

static locale_t rx_locale;
static mend_once_t rx_once = MEND_ONCE_INIT;

static void rx_init(void) {
#ifdef __wasi__
  /* wasi-libc's uselocale does not switch how characters are decoded
   * (MB_CUR_MAX stays 1, and '.' takes one byte): in WebAssembly, where the
   * module's one locale is the engine's own and nothing else reads it, it
   * is set for good instead (tests/web/regex.sh shows the difference) */
  setlocale(LC_CTYPE, "C.UTF-8");
#endif
  rx_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
  if (!rx_locale) rx_locale = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
}

static size_t sat_add(size_t a, size_t b) {
  return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t sat_mul(size_t a, size_t b) {
  return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

/* What makes glibc's regcomp slow, measured on a pattern (malformed ones are
 * left to regcomp):
 *  - cost: an upper bound of the size it expands the pattern to: the atom
 *    of x{m,n} is copied max(m,n) times and that of x+ twice, so nested
 *    repetitions multiply (((a{1,100}){1,100}){1,100} takes seconds and a
 *    gigabyte to compile);
 *  - nesting: how deeply repetitions nest, counting groups and stacked
 *    quantifiers (x** is (x*)*): the time taken over
 *    ((((((((()+)+)+)+)+)+)+)+)+ or (())******** grows fast with each level;
 *  - empty_repeat: a {m,n} of something that can match the empty text:
 *    (((){1,10}){1,10})* or ^(a?){1,500} take minutes;
 *  - unmatched: a ')' that closes no group (glibc takes it as a literal; the
 *    engine refuses it, as it wraps patterns in a group). */
typedef struct rx_shape {
  size_t cost;
  int nesting;
  bool empty_repeat, unmatched;
  size_t unmatched_at; /* the byte of that ')' */
} rx_shape;

/* The end of a bracket expression whose '[' stands just before p, past its
 * ']': []x], [^]x] and [[:alpha:]] included. */
static const char *bracket_end(const char *p) {
  if (*p == '^') p++;
  if (*p == ']') p++;
  while (*p && *p != ']') {
    if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
      char t = p[1];
      for (p += 2; *p && !(p[0] == t && p[1] == ']'); p++)
        ;
      if (*p) p += 2;
    } else {
      p++;
    }
  }
  return *p ? p + 1 : p;
}

static rx_shape pattern_shape(const char *p) {
  enum { DEPTH = 64 };
  struct level {
    size_t sum, last;  /* cost of the group so far, and of its last atom */
    int nest;          /* the deepest nesting of repetitions inside */
    int base;          /* the last atom's: a group's nesting, or -1 */
    int quantifiers;   /* those after the last atom */
    bool seq_empty;    /* the alternative so far can match the empty text */
    bool before_empty; /* ... as it was before its last atom */
    bool last_empty;   /* the last atom can */
    bool alt_empty;    /* an earlier alternative can */
  } g[DEPTH + 1];
  rx_shape r = {0, 0, false, false, 0};
  const char *start = p;
  int d = 0;
  memset(&g[0], 0, sizeof g[0]);
  g[0].base = -1;
  g[0].seq_empty = g[0].before_empty = true;
  while (*p) {
    char c = *p++;
    if (c == '(') {
      if (d == DEPTH) {
        r.cost = SIZE_MAX;
        return r;
      }
      d++;
      memset(&g[d], 0, sizeof g[d]);
      g[d].base = -1;
      g[d].seq_empty = g[d].before_empty = true;
      continue;
    }
    if (c == ')' && d == 0) {
      r.unmatched = true;
      r.unmatched_at = (size_t)(p - 1 - start);
      return r;
    }
    bool atom = true, empty = false; /* an atom, and whether it can match nothing */
    size_t cost = 1;
    int base = -1;
    if (c == ')') {
      struct level *in = &g[d--];
      cost = sat_add(in->sum, 1);
      base = in->nest;
      empty = in->alt_empty || in->seq_empty;
      if (in->nest > g[d].nest) g[d].nest = in->nest;
    } else if (c == '|') {
      g[d].alt_empty = g[d].alt_empty || g[d].seq_empty;
      g[d].seq_empty = g[d].before_empty = true;
      g[d].last = 0;
      g[d].base = -1;
      g[d].quantifiers = 0;
      continue;
    } else if (c == '*' || c == '?' || c == '+' || c == '{') { /* a repetition of the last atom */
      struct level *l = &g[d];
      atom = false;
      int level = l->base + ++l->quantifiers;
      if (level > l->nest) l->nest = level;
      size_t copies = 1;
      if (c == '+') {
        copies = 2;
      } else if (c == '{') {
        size_t m = 0, k = 0;
        for (; *p >= '0' && *p <= '9'; p++)
          m = m > 100000 ? m : m * 10 + (size_t)(*p - '0');
        if (*p == ',') {
          p++;
          k = m + 1; /* {m,} is m copies and a star */
          for (bool digits = false; *p >= '0' && *p <= '9'; p++, digits = true)
            k = (digits ? (k > 100000 ? k : k * 10) : 0) + (size_t)(*p - '0');
        }
        if (*p == '}') p++;
        copies = m > k ? m : k;
        if (l->last_empty) r.empty_repeat = true;
        if (m == 0) l->last_empty = true;
      } else if (c != '+') {
        l->last_empty = true; /* x* and x? */
      }
      if (copies > 1) {
        l->sum = sat_add(l->sum, sat_mul(l->last, copies - 1));
        l->last = sat_mul(l->last, copies);
      }
      l->seq_empty = l->before_empty && l->last_empty;
      continue;
    } else if (c == '^' || c == '$') {
      empty = true;
    } else if (c == '\\' && *p) {
      empty = strchr("bB<>`'", *p) != NULL; /* glibc's zero-width operators */
      p++;
    } else if (c == '[') {
      p = bracket_end(p);
    }
    if (atom) {
      struct level *l = &g[d];
      l->sum = sat_add(l->sum, cost);
      l->last = cost;
      l->base = base;
      l->quantifiers = 0;
      l->before_empty = l->seq_empty;
      l->last_empty = empty;
      l->seq_empty = l->before_empty && empty;
    }
  }
  for (; d > 0; d--) {
    g[d - 1].sum = sat_add(g[d - 1].sum, g[d].sum);
    if (g[d].nest > g[d - 1].nest) g[d - 1].nest = g[d].nest;
  }
  r.cost = g[0].sum;
  r.nesting = g[0].nest;
  return r;
}

/* Where a ^ stands that is not where nothing can come before it in a match
 * (SIZE_MAX when every one is). Every ^ must stand nothing can come before it in a
 * match: at the start of the pattern, or of an alternative or a group that
 * stands there ("^yes|^no", "(^a|b)c"). Elsewhere a ^ could never match
 * (POSIX, without REG_NEWLINE), and the engine refuses it. */
static size_t caret_at(const char *p) {
  const char *from = p;
  enum { DEPTH = 64 };
  bool start[DEPTH + 1] = {true};
  int d = 0;
  bool at = true;
  for (; *p; p++) {
    if (*p == '(') {
      if (d == DEPTH) return SIZE_MAX; /* refused as too deep anyway */
      start[++d] = at;
    } else if (*p == ')') {
      if (d > 0) d--;
      at = false;
    } else if (*p == '|') {
      at = start[d];
    } else if (*p == '^') {
      if (!at) return (size_t)(p - from);
    } else if (*p == '*' || *p == '+' || *p == '?' || *p == '{') {
      continue;
    } else {
      if (*p == '\\' && p[1]) p++;
      if (*p == '[') { /* a bracket expression is one atom */
        const char *q = p + 1;
        if (*q == '^') q++;
        if (*q == ']') q++;
        while (*q && *q != ']') {
          if (*q == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
            char t = q[1];
            for (q += 2; *q && !(q[0] == t && q[1] == ']'); q++)
              ;
            if (*q) q += 2;
          } else {
            q++;
          }
        }
        p = *q ? q : q - 1;
      }
      at = false;
    }
  }
  return SIZE_MAX;
}

/* Appends pattern to b with its anchors rewritten: ^ as `caret` (*had_caret
 * is set when there is one), $ as glibc's \' (the end of the text, where
 * glibc lets a $ followed by more of the pattern match before a line break).
 * Escapes and bracket expressions ([^x], []x], [[:alpha:]]) are kept as
 * they are. */
static void rx_rewrite(mem_buf *b, const char *pattern, const char *caret, bool *had_caret) {
  for (const char *p = pattern; *p; p++) {
    if (*p == '\\' && p[1]) {
      mem_buf_add(b, p, 2);
      p++;
    } else if (*p == '[') {
      const char *q = bracket_end(p + 1);
      mem_buf_add(b, p, (size_t)(q - p));
      p = q - 1;
    } else if (*p == '^') {
      mem_buf_adds(b, caret);
      *had_caret = true;
    } else if (*p == '$') {
      mem_buf_adds(b, "\\'");
    } else {
      mem_buf_addc(b, *p);
    }
  }
}

static void perr(pattern_error *e, const char *code, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void perr(pattern_error *e, const char *code, size_t off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  e->code = code;
  e->off = off;
}

/* Skips a bracket expression whose '[' is at p[i]; returns the index of its
 * ']' (or of the end). */
static size_t bracket_close(const char *p, size_t i) {
  const char *end = bracket_end(p + i + 1);
  return end > p + i + 1 && end[-1] == ']' ? (size_t)(end - p) - 1 : strlen(p);
}

/* What Perl, Python and JavaScript patterns have that POSIX reads otherwise:
 * an escaped letter (\d is the letter d; \w \s \b, which glibc knows, are
 * lint's W-pcre) and (?...) groups. */
static bool pcre_isms(const char *p, pattern_error *e) {
  static const struct {
    char c;
    const char *say;
  } letters[] = {
      {'d', "\\d is the letter d in POSIX patterns, not a digit: write [0-9]"},
      {'D', "\\D is the letter D in POSIX patterns: write [^0-9] for what is not a digit"},
      {'n', "\\n is the letter n in POSIX patterns (and an answer is one line): leave it out"},
      {'t', "\\t is the letter t in POSIX patterns: write [[:space:]] for white space"},
      {'r', "\\r is the letter r in POSIX patterns (and an answer is one line): leave it out"},
      {'A', "\\A is the letter A in POSIX patterns: write ^ for the start of the answer"},
      {'Z', "\\Z is the letter Z in POSIX patterns: write $ for the end of the answer"},
      {'z', "\\z is the letter z in POSIX patterns: write $ for the end of the answer"},
      {'x', "\\x is the letter x in POSIX patterns: type the character itself"},
      {'u', "\\u is the letter u in POSIX patterns: type the character itself"},
      {'p', "\\p{...} is not in POSIX patterns: write [[:alpha:]] for a letter"},
      {'h', "\\h is the letter h in POSIX patterns: write [[:blank:]] for a space or tab"},
  };
  for (size_t i = 0; p[i]; i++) {
    if (p[i] == '[') {
      i = bracket_close(p, i);
      if (!p[i]) break;
      continue;
    }
    if (p[i] == '(' && p[i + 1] == '?') {
      const char *what = p[i + 2] == '=' || p[i + 2] == '!'                        ? "a look-ahead"
                         : p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!') ? "a look-behind"
                         : p[i + 2] == ':' ? "a non-capturing group"
                                           : "a (?...) group";
      perr(e, "E-pcre", i,
           "%.2s... is %s from Perl, Python or JavaScript, which POSIX patterns do not have: %s",
           p + i, what,
           p[i + 2] == ':' ? "write a plain group (...)"
                           : "use <say> phrases, and <unless> for what must not be there (or two "
                             "rules)");
      return true;
    }
    if (p[i] == '\\' && p[i + 1]) {
      for (size_t k = 0; k < sizeof letters / sizeof *letters; k++)
        if (p[i + 1] == letters[k].c) {
          perr(e, "E-pcre", i, "%s", letters[k].say);
          return true;
        }
      i++;
    }
  }
  return false;
}

/* Where regcomp's error is, found again by a pass over the pattern: the
 * '(' left open, the '[' or '{' not closed, the repetition of nothing... */
static size_t where(const char *p, int rc) {
  size_t n = strlen(p), open[64], depth = 0, last_open_brace = n;
  bool after_atom = false;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 == n) return i; /* REG_EESCAPE */
      i++;
      after_atom = true;
      continue;
    }
    if (c == '[') {
      size_t close = bracket_close(p, i);
      if (rc == REG_EBRACK && close >= n) return i;
      if (rc == REG_ECTYPE || rc == REG_ERANGE || rc == REG_ECOLLATE) {
        for (size_t k = i + 1; k < close; k++) {
          if (rc == REG_ECTYPE && p[k] == '[' && p[k + 1] == ':') return k;
          if (rc == REG_ERANGE && p[k + 1] == '-' && k + 2 < close && p[k + 2] != ']' &&
              (unsigned char)p[k] > (unsigned char)p[k + 2])
            return k;
          if (rc == REG_ECOLLATE && p[k] == '[' && (p[k + 1] == '.' || p[k + 1] == '=')) return k;
        }
      }
      i = close;
      after_atom = true;
      continue;
    }
    if (c == '(') {
      if (depth < 64) open[depth] = i;
      depth++;
      after_atom = false;
      continue;
    }
    if (c == ')') {
      if (depth) depth--;
      after_atom = true;
      continue;
    }
    if (c == '|') {
      after_atom = false;
      continue;
    }
    if (c == '{') {
      last_open_brace = i;
      const char *close = strchr(p + i, '}');
      if (rc == REG_EBRACE && !close) return i;
      if (rc == REG_BADBR) return i;
      if (rc == REG_BADRPT && !after_atom) return i;
      i = close ? (size_t)(close - p) : n;
      continue;
    }
    if ((c == '*' || c == '+' || c == '?') && rc == REG_BADRPT && !after_atom) return i;
    after_atom = c != '^' || after_atom;
  }
  if (rc == REG_EPAREN && depth) return open[depth <= 64 ? depth - 1 : 63];
  if (rc == REG_EBRACE || rc == REG_BADBR) return last_open_brace < n ? last_open_brace : 0;
  return 0;
}

/* regcomp's error, by its code, in the format's words. */
static void regcomp_error(const char *p, int rc, pattern_error *e) {
  size_t at = where(p, rc);
  switch (rc) {
  case REG_EPAREN:
    perr(e, "E-pattern", at,
         "this '(' is never closed: add its ')' (or write \\( for a parenthesis)");
    return;
  case REG_EBRACK:
    perr(e, "E-pattern", at, "this '[' is never closed: add its ']' (or write \\[ for a bracket)");
    return;
  case REG_EBRACE:
    perr(e, "E-pattern", at,
         "this '{' is never closed: a repetition is written {2} or {1,3} (or write \\{ for a "
         "brace)");
    return;
  case REG_BADBR:
    perr(e, "E-pattern", at,
         "what is inside this {...} is not a repetition: write {2}, {1,3} or {2,} (the first "
         "number no larger than the second)");
    return;
  case REG_ERANGE:
    perr(e, "E-pattern", at,
         "a range in [...] that runs backwards or across kinds of characters: write [a-z] or "
         "[0-9], the smaller first");
    return;
  case REG_ECTYPE:
    perr(e, "E-pattern", at,
         "an unknown class in [[:...:]]: the classes are alpha, digit, alnum, space, punct, upper "
         "and lower");
    return;
  case REG_EESCAPE:
    perr(e, "E-pattern", at,
         "a '\\' at the end of the pattern escapes nothing: delete it, or "
         "write \\\\ for a backslash");
    return;
  case REG_BADRPT:
    perr(e, "E-pattern", at,
         "'%c' repeats nothing here: put it after what it repeats (as in sorry+), or write \\%c "
         "for the character",
         p[at] ? p[at] : '*', p[at] ? p[at] : '*');
    return;
  case REG_ESUBREG:
    perr(e, "E-pattern", at, "back-references such as \\1 are not supported");
    return;
  case REG_ECOLLATE:
    perr(e, "E-pattern", at, "an unknown [.name.] or [=name=] in [...]: type the character itself");
    return;
  case REG_ESPACE:
#ifdef REG_ESIZE /* glibc's; not TRE's (wasi-libc: tests/web/regex.sh compares the two) */
  case REG_ESIZE:
#endif
    perr(e, "E-limit", 0, "pattern too complex for the regular expression engine: simplify it");
    return;
  default:
    perr(e, "E-pattern", at, "this is not a valid pattern (regular expression error %d)", rc);
  }
}

int model_regex_compile(regex_t *re, const char *pattern, char *err, size_t errlen) {
  pattern_error e;
  int rc = model_regex_compile_at(re, pattern, &e);
  if (rc != 0) snprintf(err, errlen, "%s", e.msg);
  return rc;
}

int model_regex_compile_at(regex_t *re, const char *pattern, pattern_error *e) {
  mend_once(&rx_once, rx_init);
  size_t n = strlen(pattern);
  if (n > MAX_PATTERN_LEN) {
    perr(e, "E-limit", 0, "pattern too long (%zu characters; the limit is %d)", n, MAX_PATTERN_LEN);
    return -1;
  }
  rx_shape shape = pattern_shape(pattern);
  if (shape.unmatched) {
    perr(e, "E-pattern", shape.unmatched_at,
         "a ')' that closes no '(' (write \\) for a parenthesis)");
    return -1;
  }
  if (shape.cost > MAX_PATTERN_COST) {
    perr(e, "E-limit", 0,
         "pattern too complex: its repetitions would make it more than %d elements long",
         MAX_PATTERN_COST);
    return -1;
  }
  if (shape.nesting > MAX_PATTERN_NESTING) {
    perr(e, "E-limit", 0,
         "pattern too complex: repetitions nest %d deep (the limit is %d), as in ((a+)+)+ or "
         "(a*)**",
         shape.nesting, MAX_PATTERN_NESTING);
    return -1;
  }
  if (shape.empty_repeat) {
    perr(e, "E-limit", 0,
         "pattern too complex: {m,n} repeats something that can match nothing, as in "
         "(a?){2,5}: make what it repeats match at least one character");
    return -1;
  }
  for (size_t i = 0; i + 1 < n; i++) {
    if (pattern[i] == '\\' && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
      perr(e, "E-pattern", i, "back-references such as \\%c are not supported", pattern[i + 1]);
      return -1;
    }
    if (pattern[i] == '\\') i++;
  }
  if (caret_at(pattern) != SIZE_MAX) {
    perr(e, "E-pattern", caret_at(pattern),
         "'^' can only stand at the start of the pattern or of an alternative (as in "
         "^yes|^no): elsewhere it never matches");
    return -1;
  }
  if (pcre_isms(pattern, e)) return -1;
  locale_t old = uselocale(rx_locale);
  /* What is kept is searched in one pass, where glibc's unanchored search
   * tries every start (quadratic time in the text's length): the text gets
   * a sentinel in front, \x01 (which no text can hold: not XML, not an
   * answer), and "^\x01.*(pattern)" is matched against it. The sentinel
   * also keeps the anchor ^ from spreading over a pattern that can match
   * the empty string (glibc then takes seconds to compile (a?){1,500}).
   * The pattern's $ becomes glibc's \' (the end of the text); its ^ means
   * "where the text starts": "^\x01((pattern with ^ as nothing)|.*(pattern
   * with ^ as \x01, which cannot match))". A pattern is compiled once, so
   * (regcomp was most of the time a story takes to load): the pattern as
   * written only when this fails, for where its error is. The wrapping
   * hides no error: its groups are balanced, a ')' that closes none is
   * refused above, and what follows a '(' reads as at the start. */
  bool caret = false;
  mem_buf b = {0};
  rx_rewrite(&b, pattern, "", &caret);
  mem_buf_free(&b);
  mem_buf_adds(&b, "^\x01(");
  if (caret) {
    mem_buf_adds(&b, "(");
    rx_rewrite(&b, pattern, "", &caret);
    mem_buf_adds(&b, ")|.*(");
    rx_rewrite(&b, pattern, "\x01", &caret);
    mem_buf_adds(&b, ")");
  } else {
    mem_buf_adds(&b, ".*(");
    rx_rewrite(&b, pattern, "", &caret);
    mem_buf_adds(&b, ")");
  }
  mem_buf_adds(&b, ")");
  int rc = regcomp(re, b.data, REG_EXTENDED | REG_ICASE | REG_NOSUB);
  mem_buf_free(&b);
  if (rc != 0) { /* the error, where it is in the pattern as written */
    regex_t plain;
    int prc = regcomp(&plain, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
    if (prc == 0)
      regfree(&plain);
    else
      rc = prc;
  }
  uselocale(old);
  if (rc != 0) {
    regcomp_error(pattern, rc, e);
    return -1;
  }
  return 0;
}

int model_regex_quote(regex_t *re, const char *pattern) {
  mend_once(&rx_once, rx_init);
  locale_t old = uselocale(rx_locale);
  int rc = regcomp(re, pattern, REG_EXTENDED | REG_ICASE);
  uselocale(old);
  return rc;
}

/* A person's line breaks read as spaces: "i am sorry" finds "i am\nsorry"
 * (byte for byte, so that where it matched stays where it is). */
static void flatten(char *t, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t[i] == '\n' || t[i] == '\r') t[i] = ' ';
}

bool model_regex_where(const regex_t *re, const char *s, size_t *start, size_t *len) {
  mend_once(&rx_once, rx_init);
  regmatch_t m[1];
  char *t = NULL;
  if (strpbrk(s, "\n\r")) {
    t = mem_strdup(s);
    flatten(t, strlen(t));
  }
  locale_t old = uselocale(rx_locale);
  int rc = regexec(re, t ? t : s, 1, m, 0);
  uselocale(old);
  mem_free(t);
  if (rc != 0 || m[0].rm_so < 0) return false;
  *start = (size_t)m[0].rm_so;
  *len = (size_t)(m[0].rm_eo - m[0].rm_so);
  return true;
}

bool model_regex_match(const regex_t *re, const char *s) {
  mend_once(&rx_once, rx_init);
  size_t n = strlen(s);
  char small[1024];
  char *t = n + 2 <= sizeof small ? small : mem_alloc(n + 2);
  t[0] = '\x01'; /* the sentinel (see model_regex_compile) */
  memcpy(t + 1, s, n + 1);
  flatten(t + 1, n);
  locale_t old = uselocale(rx_locale);
  int rc = regexec(re, t, 0, NULL, 0);
  uselocale(old);
  if (t != small) mem_free(t);
  return rc == 0;
}
