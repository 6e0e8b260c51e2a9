/* SPDX-License-Identifier: MIT */
/* text.c - see text.h. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct norm_run {
  size_t start, end; /* into the normalised buffer */
  unsigned style;
  bool braces; /* it has a '{' or '}' */
} norm_run;

/* What a byte is to the normaliser: white space (utf8_is_space), a brace,
 * or anything else. */
enum { C_OTHER, C_SPACE, C_BRACE };
static const unsigned char text_class[256] = {
    ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\r'] = C_SPACE,
    [' '] = C_SPACE,  ['{'] = C_BRACE,  ['}'] = C_BRACE,
};

static bool ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool ident_char(char c) {
  return ident_start(c) || (c >= '0' && c <= '9');
}

static void add_piece(text_piece **p, size_t *n, size_t *cap, const char *s, size_t len,
                      int32_t var, unsigned style) {
  text_piece *x = VEC_PUSH(*p, *n, *cap);
  x->s = s;
  x->n = (uint32_t)len;
  x->var = var < 0 ? 0 : (uint32_t)var;
  x->style = style;
}

/* Reports an error at the brace at `at` of the normalised text `base`
 * (whose braces are the runs' own, in order). */
static void report(const text_sink *sink, bool *ok, const char *fmt, const char *a, int an,
                   const char *base, const char *at) {
  char msg[300];
  snprintf(msg, sizeof msg, fmt, an, a);
  size_t brace = 0;
  for (const char *q = base; q < at; q++)
    brace += *q == '{' || *q == '}';
  sink->error(sink->ud, msg, brace);
  *ok = false;
}

bool text_compile_with(const text_run *runs, size_t nruns, mem_arena *a, text_piece **pieces,
                       size_t *n, size_t *cap, const text_sink *sink, text_scratch *scr) {
  /* 1. normalise white space across the runs, straight into the arena
   * (each space written stands for one read; a NUL ends each run, so that a
   * run without braces is a piece as it is) */
  size_t need = 1;
  for (size_t r = 0; r < nruns; r++)
    need += runs[r].n + 1;
  char *out = mem_arena_reserve(a, need);
  size_t olen = 0;
  norm_run *nr = scr->runs;
  size_t nn = 0, ncap = scr->runs_cap;
  bool pending = false;
  size_t pending_run = 0; /* the run the pending space was written in */
  for (size_t r = 0; r < nruns; r++) {
    norm_run *cur = NULL;
    const char *rs = runs[r].s;
    size_t rn = runs[r].n;
    for (size_t i = 0; i < rn;) {
      if (utf8_is_space(rs[i])) {
        if (!pending && nn > 0) pending_run = r;
        pending = nn > 0;
        i++;
        continue;
      }
      if (pending && !cur && pending_run < r) {
        /* a space written before this run belongs to the run before it, so
         * that a styled run does not start with it */
        out[olen++] = ' ';
        nr[nn - 1].end = olen;
        pending = false;
      }
      if (!cur) {
        if (nn > 0) out[olen++] = 0;
        cur = VEC_PUSH(nr, nn, ncap);
        cur->style = runs[r].style;
        cur->start = olen;
        cur->braces = false;
      }
      if (pending) out[olen++] = ' ';
      pending = false;
      size_t j = i; /* a word: found, then copied at once */
      for (;;) {
        while (j < rn && !text_class[(unsigned char)rs[j]])
          j++;
        if (j == rn || text_class[(unsigned char)rs[j]] == C_SPACE) break;
        cur->braces = true;
        j++;
      }
      memcpy(out + olen, rs + i, j - i);
      olen += j - i;
      i = j;
      cur->end = olen;
    }
  }
  out[olen] = 0;
  /* A text with a {name} or a brace has its literals copied out of the
   * normalised text, which then goes back to the arena (kept, it would be
   * stored twice); otherwise its runs are its pieces, as they are. */
  bool braces = false;
  for (size_t r = 0; r < nn; r++)
    braces |= nr[r].braces;
  const char *base = out;
  if (braces) {
    scr->buf.len = 0;
    mem_buf_add(&scr->buf, out, olen + 1);
    base = scr->buf.data;
    mem_arena_trim(a, out, need, 0);
  } else {
    mem_arena_trim(a, out, need, olen + 1);
  }
  /* 2. split into literal and variable pieces */
  bool ok = true;
  for (size_t r = 0; r < nn; r++) {
    const char *s = base + nr[r].start;
    size_t len = nr[r].end - nr[r].start;
    unsigned style = nr[r].style;
    if (!nr[r].braces) { /* one literal: as it is, or a copy */
      add_piece(pieces, n, cap, braces ? mem_arena_strndup(a, s, len) : s, len, -1, style);
      continue;
    }
    mem_buf lit = scr->lit;
    lit.len = 0;
    for (size_t i = 0; i < len;) {
      char c = s[i];
      if (c == '{' && i + 1 < len && s[i + 1] == '{') {
        mem_buf_addc(&lit, '{');
        i += 2;
      } else if (c == '}' && i + 1 < len && s[i + 1] == '}') {
        mem_buf_addc(&lit, '}');
        i += 2;
      } else if (c == '}') {
        report(sink, &ok, "'}' without a matching '{' (write '}}' for a literal brace)%.*s", "", 0,
               base, s + i);
        i++;
      } else if (c == '{') {
        size_t j = i + 1;
        while (j < len && ident_char(s[j]))
          j++;
        if (j < len && s[j] == '}' && j > i + 1 && ident_start(s[i + 1])) {
          int32_t v = sink->var(sink->ud, s + i + 1, j - i - 1);
          if (v == TEXT_BROKEN) {
            ok = false; /* its declaration's error says it */
          } else if (v < 0) {
            const char *meant =
                sink->suggest ? sink->suggest(sink->ud, s + i + 1, j - i - 1) : NULL;
            char fmt[200];
            if (meant)
              snprintf(fmt, sizeof fmt,
                       "unknown variable '{%%.*s}' in text (did you mean '{%.60s}'?)", meant);
            else
              snprintf(fmt, sizeof fmt,
                       "unknown variable '{%%.*s}' in text (write '{{' for a literal brace)");
            report(sink, &ok, fmt, s + i + 1, (int)(j - i - 1), base, s + i);
          } else {
            if (lit.len)
              add_piece(pieces, n, cap, mem_arena_strndup(a, lit.data, lit.len), lit.len, -1,
                        style);
            lit.len = 0;
            add_piece(pieces, n, cap, NULL, 0, v, style);
          }
          i = j + 1;
        } else {
          size_t k = i + 1;
          while (k < len && s[k] != '}' && s[k] != '{')
            k++;
          bool closed = k < len && s[k] == '}';
          size_t shown = closed ? k - i + 1 : k - i;
          if (shown > 24) /* cut at a character boundary */
            for (shown = 24; shown > 1 && ((unsigned char)s[i + shown] & 0xC0) == 0x80;)
              shown--;
          report(sink, &ok,
                 "'{' must enclose a variable name, as in {name}, found '%.*s' (write '{{' for a "
                 "literal brace)",
                 s + i, (int)shown, base, s + i);
          i = closed ? k + 1 : i + 1; /* its '}' is part of this error, not another one */
        }
      } else { /* plain text up to the next brace, copied at once */
        const char *open = memchr(s + i + 1, '{', len - i - 1);
        const char *close = memchr(s + i + 1, '}', (size_t)((open ? open : s + len) - s - i - 1));
        size_t j = (size_t)((close ? close : open ? open : s + len) - s);
        mem_buf_add(&lit, s + i, j - i);
        i = j;
      }
    }
    if (lit.len)
      add_piece(pieces, n, cap, mem_arena_strndup(a, lit.data, lit.len), lit.len, -1, style);
    scr->lit = lit;
  }
  scr->runs = nr;
  scr->runs_cap = ncap;
  return ok;
}

bool text_compile(const text_run *runs, size_t nruns, mem_arena *a, text_piece **pieces, size_t *n,
                  size_t *cap, const text_sink *sink) {
  text_scratch scr = {0};
  bool ok = text_compile_with(runs, nruns, a, pieces, n, cap, sink, &scr);
  text_scratch_free(&scr);
  return ok;
}

void text_scratch_free(text_scratch *scr) {
  mem_buf_free(&scr->buf);
  mem_buf_free(&scr->lit);
  mem_free(scr->runs);
  memset(scr, 0, sizeof *scr);
}

size_t text_flatten(char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    if (s[i] != '\n' && s[i] != '\r' && s[i] != '\t') {
      s[k++] = s[i++];
      continue;
    }
    while (k && s[k - 1] == ' ') /* the white space around it, as one space */
      k--;
    while (i < n && utf8_is_space(s[i]))
      i++;
    s[k++] = ' ';
  }
  return k;
}

void text_normalize(const char *s, size_t n, mem_buf *out) {
  bool pending = false, any = false;
  mem_buf_add(out, "", 0);
  for (size_t i = 0; i < n; i++) {
    if (utf8_is_space(s[i])) {
      pending = any;
      continue;
    }
    if (pending) mem_buf_addc(out, ' ');
    pending = false;
    any = true;
    mem_buf_addc(out, s[i]);
  }
}

void text_render(const text_piece *p, size_t n, text_var_fn fn, void *ud, mem_buf *out, size_t base,
                 mend_span **spans, size_t *nspans, size_t *spancap) {
  size_t first = *nspans;
  /* room for the literals (and the NUL) at once; a value grows it as it must */
  size_t need = out->len + 1;
  for (size_t i = 0; i < n; i++)
    need += p[i].n;
  mem_grow((void **)&out->data, &out->cap, need, 1);
  /* An empty value must not leave two spaces (or a leading or trailing one)
   * behind: white space was normalised before values were known. */
  bool drop_space = true;
  for (size_t i = 0; i < n; i++) {
    size_t start = out->len;
    if (p[i].s) {
      const char *lit = p[i].s;
      size_t litn = p[i].n;
      if (drop_space && litn && lit[0] == ' ') lit++, litn--;
      if (out->cap - out->len <= litn) /* a value before it took the room */
        mem_grow((void **)&out->data, &out->cap, out->len + litn + 1, 1);
      memcpy(out->data + out->len, lit, litn);
      out->len += litn;
      if (litn) drop_space = false;
    } else {
      if (out->len - base < MEND_MAX_RENDERED) fn(ud, p[i].var, out);
      /* a person's lines, in a paragraph */
      out->len = start + text_flatten(out->data + start, out->len - start);
      if (out->len - base > MEND_MAX_RENDERED) { /* (the loader's bound prevents it) */
        size_t cut = base + MEND_MAX_RENDERED;
        while (cut > start && ((unsigned char)out->data[cut] & 0xC0) == 0x80)
          cut--; /* not in the middle of a character */
        out->len = cut;
      }
      if (out->len > start)
        drop_space = false;
      else
        drop_space = out->len == base || out->data[out->len - 1] == ' ';
    }
    if (p[i].style && out->len > start) {
      mend_span *last = *nspans > first ? &(*spans)[*nspans - 1] : NULL;
      if (last && last->style == p[i].style && base + last->start + last->length == start) {
        last->length += out->len - start;
      } else {
        mend_span *sp = VEC_PUSH(*spans, *nspans, *spancap);
        sp->start = start - base;
        sp->length = out->len - start;
        sp->style = p[i].style;
      }
    }
  }
  out->data[out->len] = 0;
  if (drop_space && n && !p[n - 1].s && out->len > base && out->data[out->len - 1] == ' ') {
    out->data[--out->len] = 0; /* "... {empty}" left a trailing space */
    for (size_t k = first; k < *nspans; k++) {
      mend_span *sp = &(*spans)[k];
      if (base + sp->start + sp->length > out->len) sp->length = out->len - base - sp->start;
    }
  }
}
