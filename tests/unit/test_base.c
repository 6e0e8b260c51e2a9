/* SPDX-License-Identifier: MIT */
/*
 * test_base.c - the engine's base modules: mem (buffers, arena, hash), memo, utf8,
 * rng (the seeded random source) and diag (the diagnostics list).
 */
#include <setjmp.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mem.h"
#include "memo.h"
#include "mend/mend.h"
#include "rng.h"
#include "utf8.h"

/* ---- memo ------------------------------------------------------------------ */

static void test_memo_keeps_each_reading_under_its_whole_key(void **state) {
  (void)state;
  memo *m = memo_new();
  size_t size = 99;
  assert_null(memo_get(m, 1, 0, 0, "i miss you", 10, &size));
  bool yes = true, no = false;
  memo_put(m, 1, 2, 0, "i miss you", 10, &yes, sizeof yes);
  memo_put(m, 1, 3, 0, "i miss you", 10, &no, sizeof no);
  const bool *v = memo_get(m, 1, 2, 0, "i miss you", 10, &size);
  assert_non_null(v);
  assert_int_equal(size, sizeof(bool));
  assert_true(*v);
  v = memo_get(m, 1, 3, 0, "i miss you", 10, &size);
  assert_non_null(v);
  assert_false(*v);
  /* another kind, another count, another text, a prefix: none of them */
  assert_null(memo_get(m, 2, 2, 0, "i miss you", 10, &size));
  assert_null(memo_get(m, 1, 2, 1, "i miss you", 10, &size));
  assert_null(memo_get(m, 1, 2, 0, "i miss yov", 10, &size));
  assert_null(memo_get(m, 1, 2, 0, "i miss you", 6, &size));
  /* a value of bytes, and an empty one */
  memo_put(m, 7, 0, 5, "", 0, "abcde", 5);
  const char *c = memo_get(m, 7, 0, 5, "", 0, &size);
  assert_non_null(c);
  assert_int_equal(size, 5);
  assert_memory_equal(c, "abcde", 5);
  memo_put(m, 8, 0, 0, "x", 1, NULL, 0);
  assert_non_null(memo_get(m, 8, 0, 0, "x", 1, &size));
  assert_int_equal(size, 0);
  memo_free(m);
  memo_free(NULL);
  assert_null(memo_get(NULL, 1, 2, 0, "i miss you", 10, &size));
}

/* The readings an exploration makes again and again, more than the first
 * slots hold (2 000 texts, read over and over): the memo grows to keep them,
 * not evicting one for another for ever. */
static void test_memo_grows_to_keep_what_is_read_again(void **state) {
  (void)state;
  memo *m = memo_new();
  char text[32];
  size_t size;
  for (int round = 0; round < 6; round++)
    for (int i = 0; i < 2000; i++) {
      int n = snprintf(text, sizeof text, "example %d", i);
      if (!memo_get(m, 1, 0, 0, text, (size_t)n, &size))
        memo_put(m, 1, 0, 0, text, (size_t)n, &i, sizeof i);
    }
  int kept = 0;
  for (int i = 0; i < 2000; i++) {
    int n = snprintf(text, sizeof text, "example %d", i);
    const int *v = memo_get(m, 1, 0, 0, text, (size_t)n, &size);
    if (v) assert_int_equal(*v, i);
    kept += v != NULL;
  }
  assert_true(kept > 1500); /* (512 slots alone kept at most 512) */
  memo_free(m);
}

static void test_memo_forgets_rather_than_confuses(void **state) {
  (void)state;
  memo *m = memo_new();
  char text[32];
  size_t size;
  /* far more keys than it can grow to: each one read back is its own value,
   * or none */
  enum { KEYS = 4 * MEMO_MAX_SLOTS };
  for (int i = 0; i < KEYS; i++) {
    int n = snprintf(text, sizeof text, "answer %d", i);
    memo_put(m, 1, 0, 0, text, (size_t)n, &i, sizeof i);
  }
  int kept = 0;
  for (int i = 0; i < KEYS; i++) {
    int n = snprintf(text, sizeof text, "answer %d", i);
    const int *v = memo_get(m, 1, 0, 0, text, (size_t)n, &size);
    if (!v) continue;
    kept++;
    assert_int_equal(*v, i);
  }
  assert_true(kept > 0 && kept < KEYS);
  /* a text too long to keep is not kept (and never read past its size) */
  char *big = malloc(MEMO_MAX_TEXT + 2);
  memset(big, 'a', MEMO_MAX_TEXT + 1);
  big[MEMO_MAX_TEXT + 1] = 0;
  int one = 1;
  memo_put(m, 1, 0, 0, big, MEMO_MAX_TEXT + 1, &one, sizeof one);
  assert_null(memo_get(m, 1, 0, 0, big, MEMO_MAX_TEXT + 1, &size));
  memo_put(m, 1, 0, 0, big, MEMO_MAX_TEXT, &one, sizeof one);
  assert_non_null(memo_get(m, 1, 0, 0, big, MEMO_MAX_TEXT, &size));
  free(big);
  memo_free(m);
}

/* ---- mem ------------------------------------------------------------------- */

static void test_buf_appends_and_stays_nul_terminated(void **state) {
  (void)state;
  mem_buf b = {0};
  mem_buf_adds(&b, "abc");
  mem_buf_addc(&b, '-');
  mem_buf_printf(&b, "%d/%s", 42, "x");
  assert_string_equal(b.data, "abc-42/x");
  assert_int_equal(b.len, 8);
  char big[600];
  memset(big, 'z', sizeof big - 1);
  big[sizeof big - 1] = 0;
  mem_buf_printf(&b, "%s", big); /* longer than printf's first try */
  assert_int_equal(b.len, 8 + 599);
  assert_int_equal(b.data[b.len], 0);
  assert_int_equal(b.data[b.len - 1], 'z');
  mem_buf_free(&b);
  assert_null(b.data);
}

static void test_arena_strings_are_copies_and_aligned(void **state) {
  (void)state;
  mem_arena *a = mem_arena_new();
  char src[] = "hello";
  char *s = mem_arena_strdup(a, src);
  src[0] = 'j';
  assert_string_equal(s, "hello");
  char *t = mem_arena_strndup(a, "abcdef", 3);
  assert_string_equal(t, "abc");
  void *big = mem_arena_alloc(a, 200000); /* larger than a block: a block of its own */
  assert_non_null(big);
  assert_int_equal((uintptr_t)big % 8, 0);
  unsigned char *z = mem_arena_alloc(a, 37);
  for (int i = 0; i < 37; i++)
    assert_int_equal(z[i], 0); /* zeroed */
  assert_int_equal((uintptr_t)z % 8, 0);
  assert_true(mem_arena_size(a) >= 200000);
  assert_string_equal(s, "hello"); /* earlier strings survive later blocks */
  mem_arena_free(a);
  mem_arena_free(NULL);
}

static void test_hash_is_deterministic_and_sensitive(void **state) {
  (void)state;
  const char *x = "The same bytes give the same hash, on every machine.";
  uint64_t h1 = mem_hash(MEM_HASH_INIT, x, strlen(x));
  uint64_t h2 = mem_hash(MEM_HASH_INIT, x, strlen(x));
  assert_true(h1 == h2);
  char y[64];
  strcpy(y, x);
  y[10] ^= 1; /* one bit */
  assert_true(mem_hash(MEM_HASH_INIT, y, strlen(y)) != h1);
  /* every length from 0 to 16 hashes differently (the tail is part of it) */
  uint64_t seen[17];
  for (size_t n = 0; n <= 16; n++) {
    seen[n] = mem_hash(MEM_HASH_INIT, x, n);
    for (size_t k = 0; k < n; k++)
      assert_true(seen[k] != seen[n]);
  }
  /* continuing a hash is not the same as hashing the concatenation with a gap */
  uint64_t a = mem_hash(mem_hash(MEM_HASH_INIT, "ab", 2), "c", 1);
  uint64_t b = mem_hash(mem_hash(MEM_HASH_INIT, "a", 1), "bc", 2);
  assert_true(a != b);
}

/* ---- utf8 -------------------------------------------------------------------- */

static void test_utf8_decodes_valid_sequences(void **state) {
  (void)state;
  unsigned cp;
  assert_int_equal(utf8_seq((const unsigned char *)"A", 1, &cp), 1);
  assert_int_equal(cp, 'A');
  assert_int_equal(utf8_seq((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
  assert_int_equal(cp, 0xE9);
  assert_int_equal(utf8_seq((const unsigned char *)"\xE4\xB8\xAD", 3, &cp), 3);
  assert_int_equal(cp, 0x4E2D);
  assert_int_equal(utf8_seq((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
  assert_int_equal(cp, 0x1F600);
  assert_int_equal(mend_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
}

static void test_utf8_refuses_invalid_sequences(void **state) {
  (void)state;
  unsigned cp;
  static const char *const bad[] = {
      "\x80",             /* a lone continuation byte */
      "\xC3",             /* cut short */
      "\xC0\xAF",         /* overlong '/' */
      "\xE0\x80\xAF",     /* overlong */
      "\xED\xA0\x80",     /* a surrogate */
      "\xF4\x90\x80\x80", /* above U+10FFFF */
      "\xFF",             /* never in UTF-8 */
      "\xC3\x28",         /* a bad continuation */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_int_equal(utf8_seq((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0);
  assert_false(utf8_valid("ok\xC3", 3));
  assert_true(utf8_valid("d\xC3\xA9j\xC3\xA0 vu", 9));
}

static void test_utf8_counts_characters_and_finds_controls(void **state) {
  (void)state;
  assert_int_equal(utf8_count("d\xC3\xA9j\xC3\xA0", 6), 4);
  assert_int_equal(utf8_count("\xF0\x9F\x98\x80!", 5), 2);
  assert_false(utf8_has_control("tab\tis fine", 11));
  assert_true(utf8_has_control("esc\x1b[2J", 7));
  assert_true(utf8_has_control("del\x7f", 4));
  assert_true(utf8_has_control("c1 \xC2\x9B", 5)); /* U+009B, the 8-bit CSI */
  assert_false(utf8_has_control("\xC2\xA0", 2));   /* U+00A0 is not a control */
}

/* ---- rng ------------------------------------------------------------------------ */

static void test_rng_same_seed_same_draws_and_others_differ(void **state) {
  (void)state;
  rng a, b, c;
  rng_seed(&a, 7);
  rng_seed(&b, 7);
  rng_seed(&c, 8);
  int differ = 0;
  for (int i = 0; i < 100; i++) {
    uint64_t x = rng_next(&a), y = rng_next(&b), z = rng_next(&c);
    assert_true(x == y);
    differ += x != z;
  }
  assert_true(differ > 95);
}

static void test_rng_known_values_pin_the_algorithm(void **state) {
  (void)state;
  /* a save made today must replay the same draws with any later build: these
   * are xoshiro256** seeded through splitmix64 */
  rng r;
  rng_seed(&r, 0);
  assert_true(rng_next(&r) == 11091344671253066420ull);
  rng_seed(&r, 12345);
  assert_true(rng_next(&r) == 13720838825685603483ull);
  assert_true(rng_next(&r) == 2398916695208396998ull);
  assert_true(rng_next(&r) == 17770384849984869256ull);
}

static void test_rng_below_stays_in_range_and_is_roughly_uniform(void **state) {
  (void)state;
  rng r;
  rng_seed(&r, 99);
  int count[3] = {0, 0, 0};
  for (int i = 0; i < 30000; i++) {
    uint64_t x = rng_below(&r, 3);
    assert_true(x < 3);
    count[x]++;
  }
  for (int k = 0; k < 3; k++)
    assert_in_range(count[k], 9400, 10600);
  for (int i = 0; i < 100; i++)
    assert_true(rng_below(&r, 1) == 0);
  assert_true(rng_below(&r, UINT64_MAX) < UINT64_MAX);
}

/* ---- diag ------------------------------------------------------------------------ */

static void test_diags_count_errors_and_format_gcc_style(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  mend_diags_add(d, MEND_ERROR, "s.xml", 3, 7, NULL, "bad thing");
  mend_diags_add(d, MEND_WARNING, "s.xml", 5, 0, "W-unread", "unused");
  mend_diags_add(d, MEND_ERROR, NULL, 0, 0, NULL, "no place");
  assert_int_equal(mend_diags_count(d), 3);
  assert_int_equal(mend_diags_errors(d), 2);
  char *a = mend_diag_format(mend_diags_at(d, 0));
  char *b = mend_diag_format(mend_diags_at(d, 1));
  char *c = mend_diag_format(mend_diags_at(d, 2));
  assert_string_equal(a, "s.xml:3:7: error: bad thing");
  assert_string_equal(b, "s.xml:5: warning: unused [W-unread]");
  assert_string_equal(c, "<input>: error: no place");
  mend_free(a), mend_free(b), mend_free(c);
  assert_null(mend_diags_at(d, 3));
  mend_diags_free(d);
  mend_diags_free(NULL);
  mend_diags_add(NULL, MEND_ERROR, "x", 1, 1, NULL, "ignored"); /* no list: no crash */
}

static void test_diags_sort_by_place_keeping_order_of_equals(void **state) {
  (void)state;
  mend_diags *d = mend_diags_new();
  mend_diags_add(d, MEND_ERROR, "b.xml", 1, 0, NULL, "b1");
  mend_diags_add(d, MEND_ERROR, "a.xml", 9, 0, NULL, "a9");
  mend_diags_add(d, MEND_ERROR, "a.xml", 2, 5, NULL, "a2:5 first");
  mend_diags_add(d, MEND_ERROR, "a.xml", 2, 5, NULL, "a2:5 second");
  mend_diags_add(d, MEND_ERROR, "a.xml", 2, 1, NULL, "a2:1");
  mend_diags_sort(d);
  static const char *const want[] = {"a2:1", "a2:5 first", "a2:5 second", "a9", "b1"};
  for (size_t i = 0; i < 5; i++)
    assert_string_equal(mend_diags_at(d, i)->message, want[i]);
  mend_diags_free(d);
}

/* ---- out of memory ------------------------------------------------------------ */

static jmp_buf oom_jump;
static size_t oom_size;
static void *oom_seen_ud;
static void on_oom(size_t size, void *ud) {
  oom_size = size;
  oom_seen_ud = ud;
  longjmp(oom_jump, 1);
}

/* An allocation that cannot be made calls the host's handler with its size
 * and the host's pointer, and prints nothing: the host decides. */
static void test_out_of_memory_goes_to_the_hosts_handler_silently(void **state) {
  (void)state;
  int tag;
  mend_set_out_of_memory(on_oom, &tag);
  fflush(stderr);
  int saved = dup(2);
  char path[] = "/tmp/mend-oom-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0 && saved >= 0);
  dup2(fd, 2);
  volatile int reached = 0;
  static void *p; /* (static: kept across longjmp) */
  static size_t cap;
  if (setjmp(oom_jump) == 0) {
    /* more than can be asked for (a failing calloc takes the same path; it
     * is not asked here, where ASan would stop at the request itself) */
    mem_grow(&p, &cap, SIZE_MAX / 4, 16);
    reached = 1;
  }
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  off_t written = lseek(fd, 0, SEEK_END);
  close(fd);
  unlink(path);
  mend_set_out_of_memory(NULL, NULL);
  assert_int_equal(reached, 0);
  assert_ptr_equal(oom_seen_ud, &tag);
  assert_int_equal(oom_size, SIZE_MAX);
  assert_int_equal(written, 0);
  mem_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf_appends_and_stays_nul_terminated),
      cmocka_unit_test(test_out_of_memory_goes_to_the_hosts_handler_silently),
      cmocka_unit_test(test_arena_strings_are_copies_and_aligned),
      cmocka_unit_test(test_hash_is_deterministic_and_sensitive),
      cmocka_unit_test(test_utf8_decodes_valid_sequences),
      cmocka_unit_test(test_utf8_refuses_invalid_sequences),
      cmocka_unit_test(test_utf8_counts_characters_and_finds_controls),
      cmocka_unit_test(test_rng_same_seed_same_draws_and_others_differ),
      cmocka_unit_test(test_rng_known_values_pin_the_algorithm),
      cmocka_unit_test(test_rng_below_stays_in_range_and_is_roughly_uniform),
      cmocka_unit_test(test_diags_count_errors_and_format_gcc_style),
      cmocka_unit_test(test_memo_keeps_each_reading_under_its_whole_key),
      cmocka_unit_test(test_memo_forgets_rather_than_confuses),
      cmocka_unit_test(test_memo_grows_to_keep_what_is_read_again),
      cmocka_unit_test(test_diags_sort_by_place_keeping_order_of_equals),
  };
  return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
