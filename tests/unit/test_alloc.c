/* SPDX-License-Identifier: MIT */
/*
 * test_alloc.c - the host's allocator (mend_set_allocator, mend_free): every
 * block libmend makes while it loads the bundled stories, analyses them,
 * tests them and plays, saves and restores a session comes from the host's
 * allocator and goes back to it, through the checking allocator of
 * helpers.c (a canary before and after each block, live blocks counted); a
 * buffer freed by the wrong free is caught; and an allocator that returns
 * NULL reaches the host's out-of-memory handler, with the size asked for, at
 * every allocation of a load and a session.
 */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"
#include "mend/analyse.h"
#include "mend/mend.h"
#include "mend/safety.h"
#include "mend/test.h"
#include "tester.h"

static mend_lexicon *words, *signs;

static const struct mend_lexicon *words_for(void *ud, const char *lang) {
  (void)ud;
  return lang && !strncmp(lang, "en", 2) ? words : NULL;
}

static const mend_load_opts opts = {0, words_for, NULL};

/* Takes one step by a fixed rule from k; false at an ending or an error.
 * Text answers are cleaned first, as a front end does. */
static bool step(mend_session *s, unsigned k) {
  switch (mend_session_pending(s)) {
  case MEND_PENDING_ASK: {
    const mend_question *q = mend_session_question(s);
    char a[64];
    if (q->kind == MEND_ASK_SCALE)
      snprintf(a, sizeof a, "%lld", (long long)(q->min + (int64_t)(k % (q->max - q->min + 1))));
    else if (q->kind == MEND_ASK_YESNO)
      snprintf(a, sizeof a, "%s", k % 2 ? "yes" : "no");
    else
      snprintf(a, sizeof a, "%s", k % 2 ? "I am sorry, \x1b[31mI hurt you" : "please answer me");
    size_t dropped;
    char *clean = mend_answer_clean(a, strlen(a), &dropped);
    assert_int_equal(mend_session_answer(s, clean), MEND_OK);
    mend_free(clean);
    return true;
  }
  case MEND_PENDING_CHOICE:
    assert_int_equal(mend_session_choose(s, k % mend_session_choice_count(s)), MEND_OK);
    return true;
  case MEND_PENDING_AUTO: assert_int_equal(mend_session_continue(s), MEND_OK); return true;
  default: return false;
  }
}

/* A session played, saved halfway, peeked at and restored, undone. */
static void play_save_restore(const mend_story *st) {
  mend_session *s = mend_session_new(st, 7);
  assert_non_null(s);
  unsigned k = 0;
  while (k < 12 && step(s, k))
    k++;
  char *save;
  size_t len;
  assert_int_equal(mend_session_save(s, &save, &len), MEND_OK);
  char *id;
  size_t decisions;
  assert_true(mend_save_peek(save, len, &id, &decisions));
  assert_string_equal(id, mend_story_id(st));
  assert_int_equal(decisions, mend_session_decisions(s));
  mend_free(id);
  mend_restore_status rs;
  mend_session *r = mend_session_restore(st, save, len, 0, &rs);
  assert_int_equal(rs, MEND_RESTORED);
  assert_true(mend_session_state_hash(r) == mend_session_state_hash(s));
  mend_free(save);
  while (k < 200 && step(r, k))
    k++;
  (void)mend_session_summary(r);
  if (mend_session_decisions(r)) assert_int_equal(mend_session_undo(r), MEND_OK);
  mend_session *c = mend_session_clone(r);
  mend_session_reset(c, 9);
  mend_session_free(c);
  mend_session_free(r);
  mend_session_free(s);
}

/* The analyses and testers of `mend lint` and `mend test`. */
static void analyse_and_test(const mend_story *st) {
  mend_diags *d = mend_diags_new();
  mend_story_lint(st, d);
  for (size_t i = 0; i < mend_diags_count(d); i++)
    mend_free(mend_diag_format(mend_diags_at(d, i)));
  mend_diags_free(d);
  mend_graph *g = mend_graph_new(st);
  assert_true(mend_graph_node_count(g) > 0);
  mend_graph_free(g);
  mend_coverage *cov = mend_coverage_new(st);
  t_opts o = {.seed = 1, .runs = 20, .max_steps = 300, .max_states = 3000};
  t_result r = {0};
  t_random(st, cov, &o, &r);
  t_result_free(&r);
  memset(&r, 0, sizeof r);
  t_exhaustive(st, cov, &o, &r);
  t_result_free(&r);
  size_t n;
  mend_free(mend_story_rule_tests(st, cov, &n));
  mend_coverage_free(cov);
}

static size_t story_dir(const char *dir) {
  DIR *dd = opendir(dir);
  assert_non_null(dd);
  size_t n = 0;
  for (struct dirent *e; (e = readdir(dd));) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 4, ".xml")) continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    size_t before = check_alloc.blocks;
    mend_diags *d = mend_diags_new();
    char *image = NULL;
    size_t len = 0;
    mend_story *st = mend_story_image(path, &opts, &image, &len, d);
    if (!st) fail_msg("%s does not load", path);
    /* the compiled story is the host's memory */
    assert_true(check_alloc.blocks > before);
    assert_true(check_alloc.live_bytes >= mend_story_size(st));
    mend_story *fromimg = mend_story_load_image(image, len, &opts, d);
    assert_non_null(fromimg);
    mend_story_set_lexicon(st, signs); /* text answers are scanned for signs */
    mend_story_set_lexicon(fromimg, signs);
    mend_free(image);
    analyse_and_test(st);
    play_save_restore(st);
    play_save_restore(fromimg);
    mend_story_free(fromimg);
    mend_story_free(st);
    mend_diags_free(d);
    n++;
  }
  closedir(dd);
  return n;
}

static void test_every_block_comes_from_the_hosts_allocator_and_goes_back(void **state) {
  (void)state;
  check_alloc_install();
  assert_int_equal(check_alloc.live, 0);
  size_t n, len[2];
  char *text = slurp("stories/lang/en.words", &n);
  words = mend_lexicon_load_memory(text, n, "en.words", NULL);
  free(text);
  assert_non_null(words);
  char *parts[2] = {slurp("stories/lang/en.words", &len[0]),
                    slurp("stories/safety/en.lexicon", &len[1])};
  const char *names[] = {"en.words", "en.lexicon"};
  signs = mend_lexicon_load_parts((const char *const *)parts, len, names, 2, NULL);
  free(parts[0]);
  free(parts[1]);
  assert_non_null(signs);
  mend_safety_result res;
  assert_int_equal(mend_safety_scan(signs, "I want to die", 13, &res), MEND_SAFETY_CRISIS);

  assert_true(story_dir("stories") >= 8);
  assert_true(story_dir("stories/examples") >= 1);

  /* a story with errors: diagnostics, formatted */
  mend_diags *d = mend_diags_new();
  const char *bad = "<story id='s' format='1' start='nowhere'><title>T</title>"
                    "<node id='a'><goto to='b'/></node></story>";
  assert_null(mend_story_load_memory(bad, strlen(bad), "bad.xml", NULL, d));
  assert_true(mend_diags_errors(d) > 0);
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *m = mend_diag_format(mend_diags_at(d, i));
    assert_non_null(strstr(m, "bad.xml"));
    mend_free(m);
  }
  mend_diags_free(d);
  mend_lexicon_free(signs);
  signs = NULL;
  mend_lexicon_free(words);
  words = NULL;

  /* nothing is left, every block made was freed once, and through the hook
   * (a block of anyone else's would have failed its canary) */
  assert_int_equal(check_alloc.live, 0);
  assert_int_equal(check_alloc.live_bytes, 0);
  assert_int_equal(check_alloc.frees, check_alloc.blocks);
  assert_true(check_alloc.blocks > 1000);
  assert_int_equal(check_alloc.failed, 0);
  check_alloc_uninstall();
}

/* ---- a buffer freed by the wrong free -------------------------------------- */

/* Runs f in a child with the checking allocator; true when the child did
 * not end normally with status 0 (it aborted, or a sanitizer stopped it). */
static bool caught(void (*f)(void)) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 2); /* (what the allocator or glibc says) */
    check_alloc_install();
    f();
    _exit(0);
  }
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void libc_free_of_libmends_buffer(void) {
  free(mend_answer_clean("hello", 5, NULL)); /* wrong: mend_free */
}

static void mend_free_of_libcs_buffer(void) {
  mend_free(malloc(32)); /* wrong: free */
}

static void written_past_the_end(void) {
  char *s = mend_answer_clean("hello", 5, NULL);
  s[check_alloc_size(s)] ^= 1; /* one byte past the block: the canary */
  mend_free(s);
}

static void right_frees(void) {
  mend_free(mend_answer_clean("hello", 5, NULL));
  free(malloc(32));
  mend_free(NULL);
}

static void test_a_buffer_freed_by_the_wrong_free_is_caught(void **state) {
  (void)state;
  assert_false(caught(right_frees));
  const char *pre = getenv("LD_PRELOAD");
  if (pre && strstr(pre, "vgpreload")) {
    /* under valgrind, which would report the children's wrong frees (done
     * on purpose) in the middle of the suite's clean output */
    print_message("(skipped under valgrind)\n");
    return;
  }
  assert_true(caught(libc_free_of_libmends_buffer));
  assert_true(caught(mend_free_of_libcs_buffer));
#if !defined(__SANITIZE_ADDRESS__)
  /* (ASan stops at the write itself, which is as good) */
  assert_true(caught(written_past_the_end));
#else
  (void)written_past_the_end;
#endif
}

/* ---- out of memory ----------------------------------------------------------- */

static jmp_buf oom_jump;
static size_t oom_size, oom_calls;
static void *oom_ud;

static void on_oom(size_t size, void *ud) {
  oom_size = size;
  oom_ud = ud;
  oom_calls++;
  longjmp(oom_jump, 1);
}

static char *image;
static size_t image_len;

/* What an allocation may fail in: a story loaded from its image, a session
 * played, saved and restored. The story has no XML (an image) and no
 * regular expression, so that nothing of libxml2's or of the regex
 * library's, which a host cannot drop with its own blocks, is left behind by
 * a longjmp: valgrind would count it lost. */
static void load_and_play(void) {
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_image(image, image_len, &opts, d);
  assert_non_null(st);
  play_save_restore(st);
  mend_story_free(st);
  mend_diags_free(d);
}

/* An allocator that returns NULL after N allocations, for every N a load
 * and a session make: the handler is called once, with the size the failed
 * allocation asked for and the host's pointer, and may leave with longjmp;
 * the blocks left behind are the host's to drop (its arena), and libmend
 * goes on working afterwards. */
static void test_a_failing_allocator_reaches_the_handler_with_the_size(void **state) {
  (void)state;
  check_alloc_install();
  mend_diags *d = mend_diags_new();
  char *img;
  mend_story *st = mend_story_image("stories/examples/first-night.xml", &opts, &img, &image_len, d);
  assert_non_null(st);
  mend_story_free(st);
  mend_diags_free(d);
  image = malloc(image_len); /* the test's own: release_all below leaves it */
  assert_non_null(image);
  memcpy(image, img, image_len);
  mend_free(img);

  check_alloc_install(); /* (counts from 0) */
  load_and_play();
  size_t total = check_alloc.callocs + check_alloc.reallocs;
  assert_int_equal(check_alloc.live, 0);
  assert_true(total > 20);

  int tag;
  mend_set_out_of_memory(on_oom, &tag);
  size_t stride = total > 3000 ? total / 3000 : 1, tried = 0;
  for (volatile size_t n = 1; n <= total; n += stride) {
    check_alloc_install();
    check_alloc.fail_at = n;
    oom_calls = 0;
    oom_size = 0;
    oom_ud = NULL;
    if (setjmp(oom_jump) == 0) {
      load_and_play();
      fail_msg("allocation %zu of %zu did not fail (failed %zu, oom %zu, calls %zu)", (size_t)n,
               total, check_alloc.failed, oom_calls, check_alloc.callocs + check_alloc.reallocs);
    }
    assert_int_equal(oom_calls, 1);
    assert_int_equal(check_alloc.failed, 1);
    assert_ptr_equal(oom_ud, &tag);
    /* (a request for 0 bytes is made as one of 1) */
    if (oom_size != check_alloc.refused_size)
      assert_true(oom_size == 0 && check_alloc.refused_size == 1);
    check_alloc_release_all(); /* what the interrupted call had made is lost to libmend */
    assert_int_equal(check_alloc.live, 0);
    tried++;
  }
  assert_true(tried >= total / stride);

  /* and libmend works on afterwards */
  check_alloc_install();
  load_and_play();
  assert_int_equal(check_alloc.live, 0);
  mend_set_out_of_memory(NULL, NULL);
  check_alloc_uninstall();
  free(image);
  image = NULL;
}

/* mend_set_allocator(NULL), or a struct that lacks a function, is the C
 * library's allocator again. */
static void test_null_or_an_incomplete_allocator_restores_the_c_librarys(void **state) {
  (void)state;
  check_alloc_install();
  mend_allocator half = {NULL, NULL, NULL, NULL};
  mend_set_allocator(&half);
  size_t before = check_alloc.callocs + check_alloc.reallocs;
  char *s = mend_answer_clean("x", 1, NULL);
  assert_int_equal(check_alloc.callocs + check_alloc.reallocs, before);
  free(s); /* (the C library's, so free() is right here, and only here) */
  check_alloc_install();
  mend_set_allocator(NULL);
  s = mend_answer_clean("x", 1, NULL);
  assert_int_equal(check_alloc.callocs + check_alloc.reallocs, 0);
  mend_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_block_comes_from_the_hosts_allocator_and_goes_back),
      cmocka_unit_test(test_a_buffer_freed_by_the_wrong_free_is_caught),
      cmocka_unit_test(test_a_failing_allocator_reaches_the_handler_with_the_size),
      cmocka_unit_test(test_null_or_an_incomplete_allocator_restores_the_c_librarys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
