/* SPDX-License-Identifier: MIT */
/* storysize.c - prints the compiled size of a story, per node (make bench). */
#include <stdio.h>

#include "mend/mend.h"

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  mend_story *s = mend_story_load(argv[1], NULL);
  if (!s) return 1;
  size_t n = mend_story_node_count(s), size = mend_story_size(s);
  printf("compiled story: %zu bytes for %zu nodes, %zu bytes per node\n", size, n, size / n);
  mend_story_free(s);
  return 0;
}
