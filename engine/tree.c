/* tree.c - see tree.h. */
#include "tree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ERRORS XML_MAX_ERRORS

void xml_error(xml_set *set, int f, int line, int col, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  for (char *p = msg; *p; p++) /* a diagnostic is one line, whatever it quotes */
    if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  set->errors++;
  if (set->errors == MAX_ERRORS + 1) {
    mend_diags_add(set->diags, MEND_ERROR, f >= 0 ? set->files[f].name : NULL, line, 0, NULL,
                   "too many errors; stopping here");
    return;
  }
  if (set->errors > MAX_ERRORS) return;
  mend_diags_add(set->diags, MEND_ERROR, f >= 0 ? set->files[f].name : NULL, line, col, NULL, msg);
}

int xml_add_file(xml_set *set, const char *name, const char *real) {
  xml_file *f = VEC_PUSH(set->files, set->nfiles, set->cap);
  f->root = NULL;
  f->doc = NULL;
  f->name = mem_strdup(name);
  f->real = real ? mem_strdup(real) : NULL;
  return (int)set->nfiles - 1;
}

void xml_set_free(xml_set *set) {
  if (set->release) set->release(set);
  for (size_t i = 0; i < set->nfiles; i++) {
    free(set->files[i].name);
    free(set->files[i].real);
  }
  free(set->files);
  free(set->root_dir);
  mem_arena_free(set->arena);
  memset(set, 0, sizeof *set);
}

char *xml_dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return mem_strdup(".");
  if (slash == path) return mem_strdup("/");
  return mem_strndup(path, (size_t)(slash - path));
}

void xml_shown_name(const xml_set *set, int from, const char *href, mem_buf *out) {
  char *fromdir = xml_dir_of(set->files[from].name);
  if (strcmp(fromdir, ".") != 0 || strchr(set->files[from].name, '/')) {
    mem_buf_adds(out, fromdir);
    mem_buf_addc(out, '/');
  }
  mem_buf_adds(out, href);
  free(fromdir);
}
