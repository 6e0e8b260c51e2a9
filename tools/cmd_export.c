/*
 * cmd_export.c - `mend export`: a story (or the library) in a form that
 * travels. --image writes a story image (mend.h): the story as the loader
 * reads it, for an embedding without libxml2 (the engine in WebAssembly).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "mend/mend.h"
#include "store.h"
#include "support.h"
#include "term.h"

static const char export_usage[] =
    "usage: mend export --image [-o FILE] STORY.xml\n"
    "\n"
    "Writes a story in a form that travels.\n"
    "\n"
    "  --image        the story image: the story as mend reads it from its files (and\n"
    "                 the files it includes), versioned and checksummed, for an engine\n"
    "                 without an XML parser; an image is checked like a story file\n"
    "  -o FILE        write to FILE (replaced whole, or written through a link or a\n"
    "                 FIFO); '-' or no -o: standard output\n"
    "\n"
    "The story is checked first, as by mend lint: a story with errors is not\n"
    "exported.\n"
    "\n"
    "Exit status: 0 written, 1 the story has errors, 2 usage, 5 the file could not be\n"
    "written.\n";

/* Writes the result to FILE, or to standard output for NULL or "-". */
static int write_out(const char *out, const char *data, size_t len) {
  if (!out || !strcmp(out, "-")) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
      fprintf(stderr, "mend export: cannot write to standard output: %s\n", strerror(errno));
      return EXIT_IO;
    }
    return EXIT_OK;
  }
  int rc = store_write_export(out, data, len);
  if (rc) {
    fputs("mend export: cannot write ", stderr);
    term_puts(stderr, out);
    fprintf(stderr, ": %s\n", strerror(rc));
    return EXIT_IO;
  }
  return EXIT_OK;
}

int cmd_export(int argc, char **argv) {
  bool image = false;
  const char *out = NULL, *file = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(export_usage, stdout);
      return EXIT_OK;
    } else if (!strcmp(a, "--image")) {
      image = true;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (++i >= argc) return usage_error("export", "%s needs a file name", a);
      out = argv[i];
    } else if (a[0] == '-' && a[1]) {
      return usage_error("export", "unknown option '%s'", a);
    } else if (file) {
      return usage_error("export", "one story at a time");
    } else {
      file = a;
    }
  }
  if (!image) return usage_error("export", "say what to write: --image");
  if (!file) return usage_error("export", "which story? (mend export --image STORY.xml)");
  mend_diags *d = mend_diags_new();
  mend_load_opts o = {0, support_words_fn, NULL};
  char *data = NULL;
  size_t len = 0;
  mend_story *st = mend_story_image(file, &o, &data, &len, d);
  print_diags(d);
  mend_diags_free(d);
  if (!st) return EXIT_STORY;
  mend_story_free(st);
  int rc = write_out(out, data, len);
  free(data);
  return rc;
}
