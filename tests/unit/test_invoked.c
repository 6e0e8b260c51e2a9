/* SPDX-License-Identifier: MIT */
/*
 * test_invoked.c - the name commands are printed with (tools/invoked.h):
 * "mend" when PATH's first mend is this program, else the program as it was
 * invoked, made relative to the current folder and quoted for the shell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "invoked.h"

/* A temporary folder with bin/mend and other/mend, two different programs. */
static char dir[64];

static void write_exe(const char *rel) {
  char p[128];
  snprintf(p, sizeof p, "%s/%s", dir, rel);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs("#!/bin/sh\n", f);
  fclose(f);
  assert_int_equal(chmod(p, 0755), 0);
}

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/mend-invoked-XXXXXX");
  if (!mkdtemp(dir)) return -1;
  char p[128];
  snprintf(p, sizeof p, "%s/bin", dir);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/other", dir);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/my folder", dir);
  mkdir(p, 0755);
  write_exe("bin/mend");
  write_exe("other/mend");
  write_exe("my folder/mend");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void expect(const char *argv0, const char *path, const char *cwd, const char *want) {
  char *got = invoked_resolve(argv0, path, cwd);
  assert_string_equal(got, want);
  free(got);
}

static void test_found_on_path_by_name(void **state) {
  (void)state;
  expect("mend", "/usr/bin", "/", "mend");
  expect(NULL, NULL, NULL, "mend");
}

static void test_path_finds_this_program(void **state) {
  (void)state;
  char argv0[128], path[256];
  snprintf(argv0, sizeof argv0, "%s/bin/mend", dir);
  snprintf(path, sizeof path, "/nonexistent:%s/bin:%s/other", dir, dir);
  expect(argv0, path, "/", "mend");
}

static void test_path_finds_another_mend_first(void **state) {
  (void)state;
  char argv0[128], path[256], cwd[128];
  snprintf(argv0, sizeof argv0, "%s/bin/mend", dir);
  snprintf(path, sizeof path, "%s/other:%s/bin", dir, dir);
  snprintf(cwd, sizeof cwd, "%s", dir);
  expect(argv0, path, cwd, "bin/mend"); /* the other one would run: the path, relative */
}

static void test_not_on_path_relative_as_typed(void **state) {
  (void)state;
  expect("build/mend", "/usr/bin:/bin", "/src/mend", "build/mend");
  expect("./build/mend", "/usr/bin:/bin", "/src/mend", "build/mend");
  expect("./mend", "/usr/bin:/bin", "/src/mend/build", "./mend"); /* still a path */
  expect("../build/mend", NULL, "/src/mend/docs", "../build/mend");
}

static void test_absolute_outside_the_folder_stays_absolute(void **state) {
  (void)state;
  expect("/opt/mend/bin/mend", "/usr/bin", "/home/me", "/opt/mend/bin/mend");
  /* a folder that only starts like the current one is not below it */
  expect("/home/me2/build/mend", "/usr/bin", "/home/me", "/home/me2/build/mend");
  expect("/home/me/mend", "/usr/bin", "/home/me", "/home/me/mend"); /* "mend" alone would not run */
}

static void test_absolute_below_the_folder_made_relative(void **state) {
  (void)state;
  expect("/home/me/src/build/mend", "/usr/bin", "/home/me/src", "build/mend");
  expect("/usr/local/bin/mend", "/bin", "/", "usr/local/bin/mend");
}

static void test_quoted_for_the_shell(void **state) {
  (void)state;
  char argv0[128], cwd[128];
  snprintf(argv0, sizeof argv0, "%s/my folder/mend", dir);
  snprintf(cwd, sizeof cwd, "%s", dir);
  expect(argv0, "/usr/bin", cwd, "'my folder/mend'");
  expect("it's/mend", NULL, "/", "'it'\\''s/mend'");
}

static void test_quote(void **state) {
  (void)state;
  const char *cases[][2] = {
      {"no-contact", "no-contact"},
      {"stories/a b.xml", "'stories/a b.xml'"},
      {"", "''"},
      {"$HOME", "'$HOME'"},
      {"~/x", "'~/x'"},
      {"-rf", "'-rf'"},
      {"a'b", "'a'\\''b'"},
      {"x;rm", "'x;rm'"},
      {"caf\xC3\xA9", "'caf\xC3\xA9'"},
      {"/tmp/a_b-c.d:1@2%3+4=5,6", "/tmp/a_b-c.d:1@2%3+4=5,6"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *q = invoked_quote(cases[i][0]);
    assert_string_equal(q, cases[i][1]);
    free(q);
  }
}

static void test_init_and_name(void **state) {
  (void)state;
  assert_string_equal(invoked_name(), "mend");
  invoked_init("/nonexistent/dir/mend");
  assert_string_equal(invoked_name(), "/nonexistent/dir/mend");
  invoked_done();
  assert_string_equal(invoked_name(), "mend");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_found_on_path_by_name),
      cmocka_unit_test(test_path_finds_this_program),
      cmocka_unit_test(test_path_finds_another_mend_first),
      cmocka_unit_test(test_not_on_path_relative_as_typed),
      cmocka_unit_test(test_absolute_outside_the_folder_stays_absolute),
      cmocka_unit_test(test_absolute_below_the_folder_made_relative),
      cmocka_unit_test(test_quoted_for_the_shell),
      cmocka_unit_test(test_quote),
      cmocka_unit_test(test_init_and_name),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
