/* SPDX-License-Identifier: MIT */
/*
 * test_image.c - story images (engine/image.c): every fixture and bundled
 * story goes through its image unchanged (same id, hash, nodes, and the same
 * session for the same seed and decisions); a damaged, cut or crafted image
 * is refused with a reason, never read.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "mem.h"
#include "mend/mend.h"
#include "mend/safety.h"

static mend_lexicon *words;

static const struct mend_lexicon *words_for(void *ud, const char *lang) {
  (void)ud;
  return lang && !strncmp(lang, "en", 2) ? words : NULL;
}

static const mend_load_opts opts = {0, words_for, NULL};

static int setup(void **state) {
  (void)state;
  size_t n;
  char *data = slurp("stories/lang/en.words", &n);
  words = mend_lexicon_load_memory(data, n, "en.words", NULL);
  free(data);
  return words ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  mend_lexicon_free(words);
  return 0;
}

/* A story and its image. */
static mend_story *imaged(const char *path, char **image, size_t *len) {
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_image(path, &opts, image, len, d);
  if (!st) fprintf(stderr, "%s: %s\n", path, mend_diag_format(mend_diags_at(d, 0)));
  mend_diags_free(d);
  assert_non_null(st);
  assert_non_null(*image);
  return st;
}

/* Loads an image; returns the story, or NULL with the first error in *why. */
static mend_story *from_image(const char *data, size_t len, char *why, size_t whylen) {
  mend_diags *d = mend_diags_new();
  mend_story *st = mend_story_load_image(data, len, &opts, d);
  if (!st && why) {
    assert_true(mend_diags_errors(d) > 0);
    snprintf(why, whylen, "%s", mend_diags_at(d, 0)->message);
  }
  mend_diags_free(d);
  return st;
}

/* Plays both stories with the same seed and decisions, comparing every
 * view. */
static void assert_same_sessions(const mend_story *a, const mend_story *b, uint64_t seed) {
  mend_session *sa = mend_session_new(a, seed), *sb = mend_session_new(b, seed);
  for (unsigned k = 0; k < 200; k++) {
    char *da = dump(sa), *db = dump(sb);
    assert_string_equal(da, db);
    free(da);
    free(db);
    mend_pending p = mend_session_pending(sa);
    if (p == MEND_PENDING_END || p == MEND_PENDING_ERROR) break;
    if (p == MEND_PENDING_AUTO) {
      mend_session_continue(sa);
      mend_session_continue(sb);
    } else if (p == MEND_PENDING_CHOICE) {
      size_t i = (k * 7u + 3u) % mend_session_choice_count(sa);
      mend_session_choose(sa, i);
      mend_session_choose(sb, i);
    } else {
      const mend_question *q = mend_session_question(sa);
      char ans[64];
      if (q->kind == MEND_ASK_SCALE)
        snprintf(ans, sizeof ans, "%lld", (long long)(q->min + (int64_t)k % (q->max - q->min + 1)));
      else if (q->kind == MEND_ASK_YESNO)
        snprintf(ans, sizeof ans, "%s", k % 2 ? "yes" : "no");
      else
        snprintf(ans, sizeof ans, "%s", k % 2 ? "I am sorry, I hurt you" : "please answer me");
      assert_int_equal(mend_session_answer(sa, ans), mend_session_answer(sb, ans));
    }
  }
  mend_session_free(sa);
  mend_session_free(sb);
}

static void roundtrip_dir(const char *dir) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *e;
  size_t n = 0;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 4, ".xml")) continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    char *image;
    size_t len;
    mend_story *a = imaged(path, &image, &len);
    mend_story *b = from_image(image, len, NULL, 0);
    assert_non_null(b);
    assert_string_equal(mend_story_id(a), mend_story_id(b));
    assert_int_equal(mend_story_hash(a), mend_story_hash(b));
    assert_int_equal(mend_story_node_count(a), mend_story_node_count(b));
    assert_int_equal(mend_story_file_count(a), mend_story_file_count(b));
    for (uint64_t seed = 1; seed <= 3; seed++)
      assert_same_sessions(a, b, seed);
    /* and a save of one restores in the other */
    mend_session *s = mend_session_new(a, 5);
    if (mend_session_pending(s) == MEND_PENDING_CHOICE) mend_session_choose(s, 0);
    mend_session_free(resaved(b, s));
    mend_session_free(s);
    mend_free(image);
    mend_story_free(a);
    mend_story_free(b);
    n++;
  }
  closedir(d);
  assert_true(n > 0);
}

static void test_every_fixture_and_bundled_story_is_the_same_story_through_its_image(void **st) {
  (void)st;
  roundtrip_dir("tests/fixtures/good");
  roundtrip_dir("stories");
  roundtrip_dir("stories/examples");
}

static void test_included_files_travel_in_the_image_named_relative_to_the_story(void **st) {
  (void)st;
  char *image;
  size_t len;
  mend_story *a = imaged("tests/fixtures/good/every-element.xml", &image, &len);
  assert_true(mend_story_file_count(a) > 1);
  /* no folder of the author's computer in the image */
  assert_null(memmem(image, len, "tests/fixtures", 14));
  mend_story *b = from_image(image, len, NULL, 0);
  assert_non_null(b);
  assert_string_equal(mend_story_file(b), "every-element.xml");
  mend_story_free(a);
  mend_story_free(b);
  mend_free(image);
}

/* ---- damaged and crafted images ------------------------------------------ */

static void put_le(char *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    p[i] = (char)(v >> (8 * i));
}

/* Gives the image a right length and checksum again, so that what is
 * checked is its content. */
static void reseal(char *image, size_t len) {
  put_le(image + 16, len - 32, 8);
  put_le(image + 24, mem_hash(MEM_HASH_INIT, image + 32, len - 32), 8);
}

static const char small[] = "<story id='s' format='1' start='a'><title>T</title>"
                            "<node id='a'><text>Hello <em>there</em></text>"
                            "<choice to='z'>Go</choice></node>"
                            "<ending id='z' title='End'><text>Bye</text></ending></story>";

static char *small_image(size_t *len) {
  FILE *f = fopen("build-image-small.xml", "w");
  assert_non_null(f);
  fputs(small, f);
  fclose(f);
  char *image;
  mend_story *st = imaged("build-image-small.xml", &image, len);
  remove("build-image-small.xml");
  mend_story_free(st);
  return image;
}

static void assert_refused(const char *image, size_t len, const char *reason) {
  char why[1024];
  mend_story *st = from_image(image, len, why, sizeof why);
  if (st) fail_msg("an image was read that should not be (%s)", reason);
  if (!strstr(why, reason)) fail_msg("'%s' does not say '%s'", why, reason);
}

static void test_a_cut_image_is_refused_at_every_length(void **st) {
  (void)st;
  size_t len;
  char *image = small_image(&len);
  for (size_t n = 0; n < len; n++) {
    char why[1024];
    assert_null(from_image(image, n, why, sizeof why));
    assert_non_null(strstr(why, "cannot read the story image"));
  }
  assert_refused(image, 31, "not a story image");
  assert_refused(image, len - 1, "cut short");
  mend_free(image);
}

static void test_any_changed_byte_is_caught_by_the_checksum(void **st) {
  (void)st;
  size_t len;
  char *image = small_image(&len);
  for (size_t i = 32; i < len; i++) {
    image[i] ^= 0x20;
    assert_refused(image, len, "checksum does not match");
    image[i] ^= 0x20;
  }
  mend_story *ok = from_image(image, len, NULL, 0);
  assert_non_null(ok);
  mend_story_free(ok);
  mend_free(image);
}

static void test_versions_are_checked(void **st) {
  (void)st;
  size_t len;
  char *image = small_image(&len);
  image[8] = 2;
  assert_refused(image, len, "made by a newer mend");
  image[8] = 1;
  image[12] = 9;
  assert_refused(image, len, "story format");
  image[12] = 1;
  memcpy(image, "MENDIMG?", 8);
  assert_refused(image, len, "not a story image");
  mend_free(image);
}

/* Every byte of the payload changed to every value, resealed: the image is
 * read or refused, never trusted past its checks (ASan and valgrind watch). */
static void test_every_resealed_change_is_read_or_refused(void **st) {
  (void)st;
  size_t len;
  char *image = small_image(&len);
  char *copy = mem_alloc(len);
  size_t read = 0, refused = 0;
  for (size_t i = 40; i < len; i++)
    for (unsigned v = 0; v < 256; v += 3) {
      memcpy(copy, image, len);
      copy[i] = (char)v;
      reseal(copy, len);
      mend_diags *d = mend_diags_new();
      mend_story *s = mend_story_load_image(copy, len, &opts, d);
      if (s) {
        read++;
        mend_session *se = mend_session_new(s, 1);
        char *dd = dump(se);
        free(dd);
        mend_session_free(se);
      } else {
        assert_true(mend_diags_errors(d) > 0);
        refused++;
      }
      mend_story_free(s);
      mend_diags_free(d);
    }
  assert_true(refused > 0);
  assert_true(read > 0); /* (a changed letter of a text still reads) */
  mem_free(copy);
  mend_free(image);
}

/* Builds an image by hand: strings, then one file's records. */
typedef struct craft {
  mem_buf b;
} craft;

static void cv(mem_buf *b, uint64_t v) {
  do {
    unsigned char c = v & 0x7F;
    v >>= 7;
    mem_buf_addc(b, (char)(v ? c | 0x80 : c));
  } while (v);
}

static char *crafted(const char *const *strings, size_t nstrings, const mem_buf *files,
                     size_t *len) {
  mem_buf p = {0};
  char hash[8] = {0};
  mem_buf_add(&p, hash, 8);
  cv(&p, nstrings);
  for (size_t i = 0; i < nstrings; i++) {
    cv(&p, strlen(strings[i]));
    mem_buf_add(&p, strings[i], strlen(strings[i]));
  }
  mem_buf_add(&p, files->data, files->len);
  char *img = mem_alloc(32 + p.len);
  memcpy(img, "MENDIMG\n", 8);
  put_le(img + 8, 1, 4);
  put_le(img + 12, MEND_FORMAT_VERSION, 4);
  memcpy(img + 32, p.data, p.len);
  *len = 32 + p.len;
  reseal(img, *len);
  mem_buf_free(&p);
  return img;
}

enum { S_NAME, S_STORY, S_ID, S_X, S_BAD, S_DEEP, S_NODES, S_XI, S_NS, S_HREF, S_PART, S_NSTR };
static const char *strs[S_NSTR] = {"t.xml", "story",   "id",
                                   "x",     "a\x01z",  "node",
                                   "nodes", "include", "http://www.w3.org/2001/XInclude",
                                   "href",  "part.xml"};

static void el(mem_buf *b, size_t name, size_t nattr) {
  mem_buf_addc(b, 1);
  cv(b, 1);
  cv(b, name);
  cv(b, 0);
  cv(b, 0);
  cv(b, nattr);
}

static void test_crafted_images_are_refused_with_a_reason(void **st) {
  (void)st;
  size_t len;
  char *img;
  mem_buf f = {0};
  /* a control character in a string */
  cv(&f, 1), cv(&f, S_NAME), el(&f, S_STORY, 1), cv(&f, S_ID), cv(&f, 0), cv(&f, 0), cv(&f, S_BAD);
  mem_buf_addc(&f, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "a string holds bytes a story cannot");
  mem_free(img);
  strs[S_BAD] = "fine"; /* the other cases have their own fault */
  /* a text outside any element */
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), mem_buf_addc(&f, 2), cv(&f, 1), cv(&f, S_X);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "does not start with an element");
  mem_free(img);
  /* the same attribute twice */
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), el(&f, S_STORY, 2);
  for (int i = 0; i < 2; i++)
    cv(&f, S_ID), cv(&f, 0), cv(&f, 0), cv(&f, S_X);
  mem_buf_addc(&f, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "same attribute twice");
  mem_free(img);
  /* nesting past the XML reader's limit, without recursion */
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME);
  for (int i = 0; i < 300; i++)
    el(&f, S_DEEP, 0);
  for (int i = 0; i < 300; i++)
    mem_buf_addc(&f, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "nest too deeply");
  mem_free(img);
  /* a string index out of range, an unknown record, a tree never closed */
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), el(&f, 99, 0), mem_buf_addc(&f, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "out of range");
  mem_free(img);
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), el(&f, S_STORY, 0), mem_buf_addc(&f, 7);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "unknown record");
  mem_free(img);
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), el(&f, S_STORY, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "ends inside");
  mem_free(img);
  /* a name with markup in it */
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), el(&f, S_NAME, 0), mem_buf_addc(&f, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  char why[1024];
  mend_story *s = from_image(img, len, why, sizeof why);
  assert_null(s); /* "t.xml" is a name, but not a story: the loader says so */
  mem_free(img);
  /* the loader's own checks run on what an image holds */
  f.len = 0;
  cv(&f, 1), cv(&f, S_NAME), el(&f, S_STORY, 0), mem_buf_addc(&f, 0);
  img = crafted(strs, S_NSTR, &f, &len);
  assert_refused(img, len, "id");
  mem_free(img);
  mem_buf_free(&f);
}

/* Whether loading an image reports `reason` among its errors. */
static bool reports(const char *image, size_t len, const char *reason) {
  mend_diags *d = mend_diags_new();
  mend_story *s = mend_story_load_image(image, len, &opts, d);
  bool found = false;
  for (size_t i = 0; i < mend_diags_count(d); i++)
    if (strstr(mend_diags_at(d, i)->message, reason)) found = true;
  mend_story_free(s);
  mend_diags_free(d);
  return found;
}

/* <story id="x"><xi:include href="part.xml"/></story>, then a file named
 * `second` (no file when NULL). */
static char *with_include(const char *second, size_t *len) {
  mem_buf f = {0};
  cv(&f, second ? 2 : 1);
  cv(&f, S_NAME), el(&f, S_STORY, 1), cv(&f, S_ID), cv(&f, 0), cv(&f, 0), cv(&f, S_X);
  mem_buf_addc(&f, 1), cv(&f, 2), cv(&f, S_XI), cv(&f, 0), cv(&f, S_NS + 1), cv(&f, 1);
  cv(&f, S_HREF), cv(&f, 0), cv(&f, 0), cv(&f, S_PART);
  mem_buf_addc(&f, 0), mem_buf_addc(&f, 0);
  if (second) {
    cv(&f, !strcmp(second, "part.xml") ? S_PART : S_NAME);
    el(&f, S_NODES, 0), mem_buf_addc(&f, 0);
  }
  strs[S_BAD] = "fine";
  char *img = crafted(strs, S_NSTR, &f, len);
  mem_buf_free(&f);
  return img;
}

static void test_an_include_takes_only_the_file_it_names(void **st) {
  (void)st;
  size_t len;
  char *img = with_include("part.xml", &len);
  assert_false(reports(img, len, "include"));
  mem_free(img);
  img = with_include("t.xml", &len);
  assert_true(reports(img, len, "holds \"t.xml\" where this include names \"part.xml\""));
  mem_free(img);
  img = with_include(NULL, &len);
  assert_true(reports(img, len, "holds no file for \"part.xml\""));
  mem_free(img);
}

static void test_files_that_no_include_names_are_refused(void **st) {
  (void)st;
  mem_buf f = {0};
  cv(&f, 2);
  cv(&f, S_NAME), el(&f, S_STORY, 1), cv(&f, S_ID), cv(&f, 0), cv(&f, 0), cv(&f, S_X);
  mem_buf_addc(&f, 0);
  cv(&f, S_PART), el(&f, S_NODES, 0), mem_buf_addc(&f, 0);
  size_t len;
  char *img = crafted(strs, S_NSTR, &f, &len);
  assert_true(reports(img, len, "1 file that no <xi:include> names"));
  mem_free(img);
  mem_buf_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_fixture_and_bundled_story_is_the_same_story_through_its_image),
      cmocka_unit_test(test_included_files_travel_in_the_image_named_relative_to_the_story),
      cmocka_unit_test(test_a_cut_image_is_refused_at_every_length),
      cmocka_unit_test(test_any_changed_byte_is_caught_by_the_checksum),
      cmocka_unit_test(test_versions_are_checked),
      cmocka_unit_test(test_every_resealed_change_is_read_or_refused),
      cmocka_unit_test(test_crafted_images_are_refused_with_a_reason),
      cmocka_unit_test(test_an_include_takes_only_the_file_it_names),
      cmocka_unit_test(test_files_that_no_include_names_are_refused),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
