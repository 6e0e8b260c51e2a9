/* SPDX-License-Identifier: MIT */
/*
 * helpers.c - what several unit suites share: loading a story that must load
 * (printing its diagnostics otherwise), and a dump of everything a front end
 * can see of a session, for comparing sessions exactly; a checking
 * allocator (see helpers.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"

mend_story *load_ok(const char *xml) {
  mend_diags *d = mend_diags_new();
  mend_story *s = mend_story_load_memory(xml, strlen(xml), "t.xml", NULL, d);
  if (!s) {
    for (size_t i = 0; i < mend_diags_count(d); i++) {
      char *m = mend_diag_format(mend_diags_at(d, i));
      print_message("  %s\n", m);
      mend_free(m);
    }
  }
  mend_diags_free(d);
  assert_non_null(s);
  return s;
}

mend_session *resaved(const mend_story *st, const mend_session *s) {
  char *save;
  size_t len;
  assert_int_equal(mend_session_save(s, &save, &len), MEND_OK);
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, save, len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  mend_free(save);
  return r;
}

static void dump_text(FILE *f, const mend_text *t) {
  fprintf(f, "%s", t->text);
  for (size_t i = 0; i < t->nspans; i++)
    fprintf(f, " <%zu+%zu:%u>", t->spans[i].start, t->spans[i].length, t->spans[i].style);
}

char *dump(const mend_session *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  const mend_story *st = mend_session_story(s);
  fprintf(f, "node %s pending %d decisions %zu seed %llu\n", mend_session_node(s),
          mend_session_pending(s), mend_session_decisions(s),
          (unsigned long long)mend_session_seed(s));
  for (size_t i = 0; i < mend_session_item_count(s); i++) {
    const mend_item *it = mend_session_item(s, i);
    fprintf(f, "item %d tone %d met %d label %s line %d: ", it->kind, it->tone, it->met,
            it->rule_label ? it->rule_label : "-", it->line);
    dump_text(f, &it->text);
    fprintf(f, "\n");
  }
  const mend_question *q = mend_session_question(s);
  if (q) {
    fprintf(f, "ask %d var %s %lld..%lld journal %d line %d: ", q->kind, q->var, (long long)q->min,
            (long long)q->max, q->journal, q->line);
    dump_text(f, &q->prompt);
    for (size_t i = 0; i < q->nexamples; i++)
      fprintf(f, " [ex %s]", q->examples[i]);
    fprintf(f, "\n");
  }
  for (size_t i = 0; i < mend_session_choice_count(s); i++) {
    const mend_choice_view *c = mend_session_choice(s, i);
    fprintf(f, "choice %zu id %s line %d: ", c->index, c->id ? c->id : "-", c->line);
    dump_text(f, &c->label);
    fprintf(f, "\n");
  }
  if (mend_session_error(s)) fprintf(f, "error %s\n", mend_session_error(s));
  for (size_t i = 0; i < mend_story_var_count(st); i++) {
    const mend_var_info *v = mend_story_var(st, i);
    if (v->type == MEND_TEXT)
      fprintf(f, "var %s = '%s'\n", v->name, mend_session_text(s, v->name));
    else
      fprintf(f, "var %s = %lld\n", v->name, (long long)mend_session_int(s, v->name));
  }
  const mend_summary *sum = mend_session_summary(s);
  fprintf(f, "ending %s %s %d decisions %zu feedback %zu %zu %zu %zu\n",
          sum->ending_id ? sum->ending_id : "-", sum->ending_title ? sum->ending_title : "-",
          sum->ending_tone, sum->decisions, sum->feedback[0], sum->feedback[1], sum->feedback[2],
          sum->feedback[3]);
  for (size_t i = 0; i < sum->nmeasures; i++)
    fprintf(f, "measure %s %s %lld -> %lld\n", sum->measures[i].name, sum->measures[i].label,
            (long long)sum->measures[i].start, (long long)sum->measures[i].final);
  for (size_t i = 0; i < sum->nanswers; i++) {
    const mend_answer_record *a = &sum->answers[i];
    fprintf(f, "answer %s kind %d value %lld text '%s' skipped %d journal %d node %s: %s\n", a->var,
            a->kind, (long long)a->value, a->text, a->skipped, a->journal, a->node, a->prompt);
  }
  fclose(f);
  return buf;
}

/* ---- the checking allocator ---------------------------------------------- */

check_alloc_stats check_alloc;

#define CANARY_HEAD 0x6d656e64c0ffee01ull /* "mend", then coffee */
#define CANARY_TAIL 0x7a1c0ffee5eed5ull
#define CANARY_DEAD 0xdeadf7eedeadf7eeull

/* The header before each block. The word just before the block is 0: to
 * the C library's free(), given the block, it is a chunk of size 0, which
 * glibc refuses ("free(): invalid pointer") and a sanitizer reports. */
typedef struct check_head {
  uint64_t canary;
  size_t size;
  const void *token; /* the address of check_alloc: this allocator's own */
  struct check_head *prev, *next;
  uint64_t zero;
} check_head;
_Static_assert(sizeof(check_head) % _Alignof(max_align_t) == 0, "blocks stay aligned");

static check_head blocks = {0, 0, NULL, &blocks, &blocks, 0}; /* the live ones */

static _Noreturn void check_fail(const char *what, const void *p) {
  fprintf(stderr, "check_alloc: %s (block %p)\n", what, p);
  fflush(stderr);
  abort();
}

/* The header of a block given out, checked. */
static check_head *check_block(void *p, const char *op) {
  check_head *h = (check_head *)p - 1;
  if (h->canary == CANARY_DEAD) check_fail(op, p);
  if (h->canary != CANARY_HEAD || h->token != &check_alloc || h->zero)
    check_fail("a block libmend did not allocate, or its header was overwritten", p);
  uint64_t tail;
  memcpy(&tail, (char *)p + h->size, sizeof tail);
  if (tail != CANARY_TAIL) check_fail("written past the end of a block", p);
  return h;
}

static void check_unlink(check_head *h) {
  h->prev->next = h->next;
  h->next->prev = h->prev;
}

static void *check_finish(check_head *h, size_t size) {
  h->canary = CANARY_HEAD;
  h->size = size;
  h->token = &check_alloc;
  h->zero = 0;
  h->prev = &blocks;
  h->next = blocks.next;
  blocks.next->prev = h;
  blocks.next = h;
  uint64_t tail = CANARY_TAIL;
  memcpy((char *)(h + 1) + size, &tail, sizeof tail);
  return h + 1;
}

static bool check_refuse(size_t size) {
  size_t n = check_alloc.callocs + check_alloc.reallocs - check_alloc.failed; /* this one */
  if (check_alloc.fail_at && n >= check_alloc.fail_at) {
    check_alloc.failed++;
    check_alloc.refused_size = size;
    return true;
  }
  return false;
}

static void *check_calloc(size_t count, size_t size, void *ud) {
  if (ud != &check_alloc) check_fail("calloc without the host's ud", NULL);
  check_alloc.callocs++;
  if (count == 0 || size == 0) check_fail("asked for 0 bytes", NULL);
  if (size > (SIZE_MAX - sizeof(check_head) - 8) / count) return NULL;
  if (check_refuse(count * size)) return NULL;
  check_head *h = calloc(1, sizeof(check_head) + count * size + 8);
  if (!h) return NULL;
  check_alloc.blocks++;
  check_alloc.live++;
  check_alloc.live_bytes += count * size;
  return check_finish(h, count * size);
}

static void *check_realloc(void *p, size_t size, void *ud) {
  if (ud != &check_alloc) check_fail("realloc without the host's ud", p);
  check_alloc.reallocs++;
  if (size == 0) check_fail("asked for 0 bytes", p);
  if (size > SIZE_MAX - sizeof(check_head) - 8) return NULL;
  check_head *old = p ? check_block(p, "realloc of a freed block") : NULL;
  size_t was = old ? old->size : 0;
  if (check_refuse(size)) return NULL;
  if (old) check_unlink(old);
  check_head *h = realloc(old, sizeof(check_head) + size + 8);
  if (!h) {
    if (old) check_finish(old, was); /* (it stays as it was) */
    return NULL;
  }
  if (!old) {
    check_alloc.blocks++;
    check_alloc.live++;
  }
  check_alloc.live_bytes += size - was;
  return check_finish(h, size);
}

static void check_free(void *p, void *ud) {
  if (ud != &check_alloc) check_fail("free without the host's ud", p);
  check_alloc.frees++;
  if (!p) check_fail("free of NULL (the hook is never to be given NULL)", p);
  check_head *h = check_block(p, "a block freed twice");
  if (!check_alloc.live) check_fail("more blocks freed than allocated", p);
  check_alloc.live--;
  check_alloc.live_bytes -= h->size;
  check_unlink(h);
  h->canary = CANARY_DEAD;
  free(h);
}

size_t check_alloc_size(const void *p) {
  return check_block((void *)(uintptr_t)p, "a freed block")->size;
}

void check_alloc_release_all(void) {
  while (blocks.next != &blocks)
    check_free(blocks.next + 1, &check_alloc);
}

void check_alloc_install(void) {
  static const mend_allocator a = {check_calloc, check_realloc, check_free, &check_alloc};
  size_t live = check_alloc.live, live_bytes = check_alloc.live_bytes; /* (still in the list) */
  memset(&check_alloc, 0, sizeof check_alloc);
  check_alloc.live = live;
  check_alloc.live_bytes = live_bytes;
  mend_set_allocator(&a);
}

void check_alloc_uninstall(void) {
  mend_set_allocator(NULL);
}

static void check_alloc_at_exit(void) {
  if (!check_alloc.live) return;
  fprintf(stderr, "check_alloc: %zu blocks of libmend (%zu bytes) were never freed\n",
          check_alloc.live, check_alloc.live_bytes);
  fflush(stderr);
  _exit(1);
}

/* MEND_CHECK_ALLOC=1: the whole suite runs on the checking allocator. */
__attribute__((constructor)) static void check_alloc_from_env(void) {
  const char *e = getenv("MEND_CHECK_ALLOC");
  if (e && *e && strcmp(e, "0") != 0) {
    check_alloc_install();
    atexit(check_alloc_at_exit);
  }
}

char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  size_t cap = 65536, n = 0, got;
  char *buf = malloc(cap + 1);
  assert_non_null(buf);
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap + 1);
      assert_non_null(buf);
    }
  }
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}
