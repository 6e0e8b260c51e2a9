/* SPDX-License-Identifier: MIT */
/*
 * fuzz_image.c - the bytes are a story image (mend_story_load_image), the
 * form in which `mend export --html` puts stories in a page, read there as
 * untrusted input. The first byte says how: odd, the rest is the whole image
 * as it is (the header's magic, versions, length and checksum are checked
 * like the rest); even, the rest is the image's payload, given a header with
 * the right length and checksum, so that the fuzzer reaches the payload's
 * reader (the string table, the trees, their limits) instead of stopping at
 * the checksum. A story that loads is played a few steps and saved.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "image.h"
#include "mem.h"

static void put_le(unsigned char *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

static void play(const mend_story *st, const uint8_t *data, size_t size) {
  mend_session *s = mend_session_new(st, size);
  FUZZ_ASSERT(s);
  for (size_t step = 0; step < 32; step++) {
    uint8_t b = size ? data[step % size] : 0;
    mend_pending p = mend_session_pending(s);
    if (p == MEND_PENDING_ASK) {
      const mend_question *q = mend_session_question(s);
      const char *a = q->kind == MEND_ASK_SCALE ? "5" : q->kind == MEND_ASK_YESNO ? "y" : "sorry";
      if (mend_session_answer(s, a) != MEND_OK && mend_session_answer(s, "") != MEND_OK) break;
    } else if (p == MEND_PENDING_CHOICE) {
      size_t n = mend_session_choice_count(s);
      FUZZ_ASSERT(n > 0);
      FUZZ_ASSERT(mend_session_choose(s, b % n) == MEND_OK);
    } else if (p == MEND_PENDING_AUTO) {
      FUZZ_ASSERT(mend_session_continue(s) == MEND_OK);
    } else {
      break;
    }
  }
  char *saved;
  size_t len;
  FUZZ_ASSERT(mend_session_save(s, &saved, &len) == MEND_OK);
  mend_free(saved);
  mend_session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!size) return 0;
  bool whole = data[0] & 1;
  data++;
  size--;
  unsigned char *image;
  size_t n;
  if (whole) {
    n = size;
    image = malloc(n ? n : 1);
    FUZZ_ASSERT(image);
    if (n) memcpy(image, data, n);
  } else {
    n = IMAGE_HEADER + size;
    image = malloc(n);
    FUZZ_ASSERT(image);
    memcpy(image, IMAGE_MAGIC, 8);
    put_le(image + 8, IMAGE_VERSION, 4);
    put_le(image + 12, MEND_FORMAT_VERSION, 4);
    put_le(image + 16, size, 8);
    put_le(image + 24, mem_hash(MEM_HASH_INIT, data, size), 8);
    if (size) memcpy(image + IMAGE_HEADER, data, size);
  }
  mend_diags *d = mend_diags_new();
  mend_load_opts o = {0, NULL, NULL};
  mend_story *st = mend_story_load_image(image, n, &o, d);
  FUZZ_ASSERT(!st == (mend_diags_errors(d) > 0));
  for (size_t i = 0; i < mend_diags_count(d); i++) {
    char *line = mend_diag_format(mend_diags_at(d, i));
    FUZZ_ASSERT(line && !strchr(line, '\n'));
    mend_free(line);
  }
  if (st) play(st, data, size);
  mend_story_free(st);
  mend_diags_free(d);
  free(image);
  return 0;
}
