/* SPDX-License-Identifier: MIT */
/*
 * save.c - saving a session to bytes and restoring it.
 *
 * A save is a small line-based text, so a person can read what it holds:
 *
 *   mend-save 3           (1 when it holds no "s" line: the mend of before reads it)
 *   story <story id>
 *   hash <16 hex digits: the story's content hash>
 *   seed <decimal>
 *   decisions <count of entries below>
 *   c <n> [<id>] a choice, by its position among its node's choices, and its id if it has one
 *   a <text>     an answer as given (\\ \n \r \t escaped)
 *   n            an automatic move
 *   s <flags>    what a line typed where no text was asked told (MEND_TOLD_ flags, 1 to 2^61 - 1,
 *                with 2^62 for one told again by an undo; the line itself is not kept)
 *   sum <16 hex digits: FNV-1a of every byte above>
 *
 * Restoring replays the decisions on a new session, so the restored session
 * has exactly the same pending view and the same future random draws.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "mend/safety.h"
#include "model.h"
#include "session.h"

#define SAVE_MAGIC "mend-save 1\n"
#define SAVE_MAGIC2 "mend-save 2\n" /* flags of 32 bits: dig 2^30, told again 2^31 */
#define SAVE_MAGIC3 "mend-save 3\n"
#define MAX_ENTRIES 10000000

static void escape(mem_buf *b, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '\\': mem_buf_adds(b, "\\\\"); break;
    case '\n': mem_buf_adds(b, "\\n"); break;
    case '\r': mem_buf_adds(b, "\\r"); break;
    case '\t': mem_buf_adds(b, "\\t"); break;
    default: mem_buf_addc(b, *s);
    }
  }
}

mend_status mend_session_save(const mend_session *s, char **out, size_t *outlen) {
  const mend_story *st = mend_session_story(s);
  const sess_entry *log;
  size_t n = session_log(s, &log);
  mem_buf b = {0};
  bool told = false;
  for (size_t i = 0; i < n; i++)
    told |= log[i].kind == S_TOLD;
  mem_buf_adds(&b, told ? SAVE_MAGIC3 : SAVE_MAGIC);
  mem_buf_printf(&b, "story %s\nhash %016llx\nseed %llu\ndecisions %zu\n", st->id,
                 (unsigned long long)st->hash, (unsigned long long)mend_session_seed(s), n);
  for (size_t i = 0; i < n; i++) {
    if (log[i].kind == S_CHOOSE && log[i].text)
      mem_buf_printf(&b, "c %u %s\n", (unsigned)log[i].index, log[i].text);
    else if (log[i].kind == S_CHOOSE)
      mem_buf_printf(&b, "c %u\n", (unsigned)log[i].index);
    else if (log[i].kind == S_CONTINUE)
      mem_buf_adds(&b, "n\n");
    else if (log[i].kind == S_TOLD)
      mem_buf_printf(&b, "s %llu\n", (unsigned long long)log[i].index);
    else {
      mem_buf_adds(&b, "a ");
      escape(&b, log[i].text ? log[i].text : "");
      mem_buf_addc(&b, '\n');
    }
  }
  uint64_t h = mem_hash(MEM_HASH_INIT, b.data, b.len);
  mem_buf_printf(&b, "sum %016llx\n", (unsigned long long)h);
  *out = b.data;
  *outlen = b.len;
  return MEND_OK;
}

typedef struct parsed {
  char *id;
  uint64_t hash, seed;
  sess_entry *e;
  size_t n, cap;
} parsed;

static void parsed_free(parsed *p) {
  mem_free(p->id);
  for (size_t i = 0; i < p->n; i++)
    mem_free(p->e[i].text);
  mem_free(p->e);
}

/* Reads one line [p, nl) and advances; false at the end. */
static bool line(const char **p, const char *end, const char **ls, size_t *ln) {
  if (*p >= end) return false;
  const char *nl = memchr(*p, '\n', (size_t)(end - *p));
  if (!nl) return false; /* every line ends with \n; a missing one means truncation */
  *ls = *p;
  *ln = (size_t)(nl - *p);
  *p = nl + 1;
  return true;
}

static bool field(const char *ls, size_t ln, const char *key, const char **v, size_t *vn) {
  size_t k = strlen(key);
  if (ln < k + 1 || memcmp(ls, key, k) || ls[k] != ' ') return false;
  *v = ls + k + 1;
  *vn = ln - k - 1;
  return true;
}

static bool num(const char *v, size_t n, int base, uint64_t *out) {
  if (n == 0 || n > 20) return false;
  uint64_t x = 0;
  for (size_t i = 0; i < n; i++) {
    int d;
    char c = v[i];
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else
      return false;
    if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return false;
    x = x * (uint64_t)base + (uint64_t)d;
  }
  *out = x;
  return true;
}

static char *unescape(const char *v, size_t n) {
  mem_buf b = {0};
  mem_buf_add(&b, "", 0);
  for (size_t i = 0; i < n; i++) {
    if (v[i] != '\\') {
      mem_buf_addc(&b, v[i]);
      continue;
    }
    if (++i >= n) break;
    char c = v[i];
    mem_buf_addc(&b, c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c);
  }
  return b.data;
}

/* Parses a whole save; returns MEND_RESTORED or why not. */
static mend_restore_status parse(const char *data, size_t len, parsed *p, bool header_only) {
  memset(p, 0, sizeof *p);
  const char *cur = data, *end = data + len, *ls, *v;
  size_t ln, vn;
  size_t magic = strlen(SAVE_MAGIC);
  if (len < 10 || memcmp(data, "mend-save ", 10)) return MEND_R_CORRUPT;
  /* the first line is "mend-save <version>": only another number there is
   * another version; anything else, or no line end (truncated), is damage */
  const char *nl = memchr(data, '\n', len);
  if (!nl || nl == data + 10) return MEND_R_CORRUPT;
  for (const char *q = data + 10; q < nl; q++)
    if (*q < '0' || *q > '9') return MEND_R_CORRUPT;
  /* 2 and 3 hold "s" lines: 2's of 32 bits (lists in the same places) */
  bool two = len >= magic && !memcmp(data, SAVE_MAGIC2, magic);
  bool three = len >= magic && !memcmp(data, SAVE_MAGIC3, magic);
  if (!two && !three && (len < magic || memcmp(data, SAVE_MAGIC, magic))) return MEND_R_VERSION;
  cur += magic;
  uint64_t count;
  if (!line(&cur, end, &ls, &ln) || !field(ls, ln, "story", &v, &vn) || vn == 0 || vn > 64)
    return MEND_R_CORRUPT;
  p->id = mem_strndup(v, vn);
  if (!line(&cur, end, &ls, &ln) || !field(ls, ln, "hash", &v, &vn) || !num(v, vn, 16, &p->hash))
    return MEND_R_CORRUPT;
  if (!line(&cur, end, &ls, &ln) || !field(ls, ln, "seed", &v, &vn) || !num(v, vn, 10, &p->seed))
    return MEND_R_CORRUPT;
  if (!line(&cur, end, &ls, &ln) || !field(ls, ln, "decisions", &v, &vn) ||
      !num(v, vn, 10, &count) || count > MAX_ENTRIES)
    return MEND_R_CORRUPT;
  for (uint64_t i = 0; i < count; i++) {
    if (!line(&cur, end, &ls, &ln)) return MEND_R_CORRUPT;
    if (header_only) {
      p->n++;
      continue;
    }
    sess_entry *e = VEC_PUSH(p->e, p->n, p->cap);
    memset(e, 0, sizeof *e);
    uint64_t idx;
    if (ln == 1 && ls[0] == 'n')
      e->kind = S_CONTINUE;
    else if ((two || three) && field(ls, ln, "s", &v, &vn)) {
      if (!num(v, vn, 10, &idx)) return MEND_R_CORRUPT;
      if (two) { /* (2: the 32-bit flags of before: dig 2^30, told again 2^31) */
        if (idx > UINT32_MAX) return MEND_R_CORRUPT;
        idx = (idx & 0x3fffffffu) | (idx >> 30 & 1 ? MEND_TOLD_DIG : 0) |
              (idx >> 31 & 1 ? S_TOLD_QUIET : 0);
      }
      if (!(idx & MEND_TOLD_ANY) || (idx & ~(MEND_TOLD_ANY | S_TOLD_QUIET))) return MEND_R_CORRUPT;
      e->kind = S_TOLD;
      e->index = idx;
    } else if (field(ls, ln, "c", &v, &vn)) {
      const char *sp = memchr(v, ' ', vn); /* "c N" or "c N id" */
      size_t nn = sp ? (size_t)(sp - v) : vn;
      if (!num(v, nn, 10, &idx) || idx >= UINT32_MAX || (sp && (size_t)(v + vn - sp - 1) == 0))
        return MEND_R_CORRUPT;
      e->kind = S_CHOOSE;
      e->index = (uint32_t)idx;
      if (sp) e->text = mem_strndup(sp + 1, (size_t)(v + vn - sp - 1));
    } else if (ln >= 1 && ls[0] == 'a' && (ln == 1 || ls[1] == ' ')) {
      e->kind = S_ANSWER;
      e->text = ln > 2 ? unescape(ls + 2, ln - 2) : mem_strdup("");
    } else {
      return MEND_R_CORRUPT;
    }
  }
  size_t body = (size_t)(cur - data);
  uint64_t sum;
  if (!line(&cur, end, &ls, &ln) || !field(ls, ln, "sum", &v, &vn) || !num(v, vn, 16, &sum) ||
      cur != end)
    return MEND_R_CORRUPT;
  if (sum != mem_hash(MEM_HASH_INIT, data, body)) return MEND_R_CORRUPT;
  return MEND_RESTORED;
}

bool mend_save_peek(const char *data, size_t len, char **id, size_t *decisions) {
  parsed p;
  mend_restore_status st = parse(data, len, &p, false);
  bool ok = st == MEND_RESTORED;
  if (ok) {
    size_t d = 0;
    for (size_t i = 0; i < p.n; i++)
      d += p.e[i].kind != S_CONTINUE && p.e[i].kind != S_TOLD;
    if (id) *id = p.id, p.id = NULL;
    if (decisions) *decisions = d;
  }
  parsed_free(&p);
  return ok;
}

mend_session *mend_session_restore(const mend_story *story, const char *data, size_t len,
                                   unsigned flags, mend_restore_status *status) {
  parsed p;
  mend_restore_status st = parse(data, len, &p, false);
  mend_session *s = NULL;
  if (st == MEND_RESTORED && strcmp(p.id, story->id) != 0) st = MEND_R_OTHER_STORY;
  if (st == MEND_RESTORED && p.hash != story->hash && !(flags & MEND_RESTORE_REPLAY))
    st = MEND_R_STORY_CHANGED;
  if (st == MEND_RESTORED) {
    s = mend_session_new(story, p.seed);
    size_t applied = session_apply(s, p.e, p.n);
    if (applied != p.n) {
      if (p.hash == story->hash) { /* cannot happen with an unchanged story: corrupt */
        mend_session_free(s);
        s = NULL;
        st = MEND_R_CORRUPT;
      } else {
        st = MEND_R_DIVERGED;
      }
    }
  }
  parsed_free(&p);
  if (status) *status = st;
  return s;
}
