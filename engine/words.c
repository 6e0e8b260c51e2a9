/* SPDX-License-Identifier: MIT */
/* words.c - see words.h. */
#include "words.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

#define MAX_TEXT (1u << 20)

static bool is_apostrophe(unsigned cp) {
  return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032 ||
         cp == 0x00B4;
}

/* The break a punctuation character makes (dots are counted by the caller). */
static int break_of(unsigned cp) {
  switch (cp) {
  case '?':
  case 0xFF1F: return WD_BREAK_QUESTION;
  case '!':
  case ';':
  case '\n':
  case '\r':
  case 0x2029: /* paragraph separator */
  case 0x2028: /* line separator */
  case 0x3002: /* ideographic full stop */
  case 0xFF01: return WD_BREAK_SENTENCE;
  case ',':
  case ':':
  case '(':
  case ')':
  case 0x2013: /* en dash */
  case 0x2014: /* em dash */
  case 0x2026: /* an ellipsis pauses; it rarely ends what was being said */
  case 0x3001:
  case 0xFF0C: return WD_BREAK_CLAUSE;
  default: return WD_BREAK_NONE;
  }
}

/* Whether a code point is part of a word: letters, marks, digits. */
static bool is_word_cp(unsigned cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  switch (utf8proc_category((utf8proc_int32_t)cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_ND: return true;
  default: return false;
  }
}

/* Appends the folded form of a word character: lower case, no marks. */
static void add_folded(mem_buf *b, unsigned cp) {
  if (cp < 0x80) { /* (wd_split makes room for most texts at once) */
    if (b->len + 2 > b->cap) mem_grow((void **)&b->data, &b->cap, b->len + 2, 1);
    b->data[b->len++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    b->data[b->len] = 0;
    return;
  }
  utf8proc_int32_t out[32];
  int boundclass = 0;
  utf8proc_ssize_t k = utf8proc_decompose_char(
      (utf8proc_int32_t)cp, out, 32,
      UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &boundclass);
  if (k < 0 || k > 32) return;
  for (utf8proc_ssize_t i = 0; i < k; i++) {
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t len = utf8proc_encode_char(out[i], enc);
    mem_buf_add(b, (const char *)enc, (size_t)len);
  }
}

/* A full stop ends a sentence; two or more dots are a pause, like a comma. */
static void flush_dots(int *pending, size_t *dots) {
  if (!*dots) return;
  int b = *dots > 1 ? WD_BREAK_CLAUSE : WD_BREAK_SENTENCE;
  if (b > *pending) *pending = b;
  *dots = 0;
}

/* Decodes the character at s[i] (n bytes in all); *len is its size (1 for an
 * invalid byte, which comes back as U+FFFD). */
static unsigned decode(const char *s, size_t n, size_t i, size_t *len) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  unsigned cp;
  size_t k = utf8_seq((const unsigned char *)s + i, n - i, &cp);
  *len = k ? k : 1;
  return k ? cp : 0xFFFD;
}

void wd_split(const char *text, size_t n, wd_text *out) {
  if (n > MAX_TEXT) n = MAX_TEXT;
  out->n = 0;
  out->buf.len = 0;
  /* room for the ASCII text as it is, and its NULs; other characters grow it */
  if (out->buf.cap < 2 * n + 2) mem_grow((void **)&out->buf.data, &out->buf.cap, 2 * n + 2, 1);
  out->buf.data[0] = 0;
  int pending = WD_BREAK_NONE;
  size_t dots = 0;
  wd_tok *cur = NULL; /* the word being read */
  size_t i = 0;
  while (i < n) {
    size_t len;
    unsigned cp = decode(text, n, i, &len);
    if (is_word_cp(cp)) {
      flush_dots(&pending, &dots);
      if (!cur) {
        cur = VEC_PUSH(out->tok, out->n, out->cap);
        cur->start = (uint32_t)i;
        cur->word = (uint32_t)out->buf.len;
        cur->brk = (uint8_t)pending;
        pending = WD_BREAK_NONE;
      }
      add_folded(&out->buf, cp);
      cur->end = (uint32_t)(i + len);
      i += len;
      continue;
    }
    if (cur && cp == '*') { /* a letter hidden inside a word ("k*ll"): kept, as a wildcard */
      size_t k = i;
      while (k < n && text[k] == '*')
        k++;
      size_t nl;
      if (k < n && is_word_cp(decode(text, n, k, &nl))) {
        mem_buf_add(&out->buf, text + i, k - i);
        i = k;
        continue;
      }
    }
    /* a slash after one letter, before a letter: one word as people type it
     * ("w/o", "b/c"), for the variants to read ("w/o = without") */
    if (cur && cp == '/' && out->buf.len - cur->word == 1 && i + len < n) {
      size_t nl;
      if (is_word_cp(decode(text, n, i + len, &nl))) {
        mem_buf_addc(&out->buf, '/');
        i += len;
        continue;
      }
    }
    if (cur && is_apostrophe(cp) && i + len < n) { /* inside a word: dropped */
      size_t nl;
      unsigned next = decode(text, n, i + len, &nl);
      if (is_word_cp(next)) {
        i += len;
        continue;
      }
    }
    if (cur) { /* the word ends */
      cur->len = (uint32_t)(out->buf.len - cur->word);
      mem_buf_addc(&out->buf, 0);
      if (cur->len == 0) out->n--; /* only marks, all stripped */
      cur = NULL;
    }
    if (cp == '.' || cp == 0xFF0E) {
      dots++;
    } else {
      flush_dots(&pending, &dots);
      int b = break_of(cp);
      if (b > pending) pending = b;
    }
    i += len;
  }
  if (cur) {
    cur->len = (uint32_t)(out->buf.len - cur->word);
    mem_buf_addc(&out->buf, 0);
    if (cur->len == 0) out->n--;
  }
}

void wd_text_free(wd_text *t) {
  if (!t) return;
  mem_free(t->tok);
  mem_buf_free(&t->buf);
  memset(t, 0, sizeof *t);
}
