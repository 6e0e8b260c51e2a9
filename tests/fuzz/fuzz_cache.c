/* SPDX-License-Identifier: MIT */
/*
 * fuzz_cache.c - the bytes are lines of the library's listing cache
 * ($XDG_CACHE_HOME/mend/library, tools/library.c), parsed as a scan reads
 * them. Nothing is read from or written to disk.
 */
#include "fuzz.h"
#include "library.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t lines = 1;
  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n';
  FUZZ_ASSERT(library_cache_parse((const char *)data, size) <= lines);
  return 0;
}
