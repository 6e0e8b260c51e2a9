/* library.c - see library.h. */
#include "library.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mend/mend.h"

#ifndef MEND_DATADIR
#define MEND_DATADIR "/usr/local/share/mend"
#endif

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *r = malloc(n);
  if (!r) abort();
  snprintf(r, n, "%s/%s", a, b);
  return r;
}

static char *xdup(const char *s) {
  char *r = strdup(s ? s : "");
  if (!r) abort();
  return r;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scan_dir(library *lib, const char *dir, int warn) {
  DIR *d = opendir(dir);
  if (!d) return;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".xml") || e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      names = realloc(names, cap * sizeof *names);
      if (!names) abort();
    }
    names[n++] = xdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    char *path = join(dir, names[i]);
    free(names[i]);
    /* an included part (root <nodes>) is not a story: peek before loading */
    FILE *f = fopen(path, "rb");
    char head[4096] = "";
    if (f) {
      size_t got = fread(head, 1, sizeof head - 1, f);
      head[got] = 0;
      fclose(f);
    }
    if (!strstr(head, "<story")) {
      free(path);
      continue;
    }
    mend_diags *diags = mend_diags_new();
    mend_story *s = mend_story_load(path, diags);
    if (!s) {
      if (warn)
        fprintf(stderr, "mend: skipping %s: it has errors (see 'mend lint %s')\n", path, path);
    } else if (!library_find(lib, mend_story_id(s))) {
      if (lib->n == lib->cap) {
        lib->cap = lib->cap ? lib->cap * 2 : 16;
        lib->v = realloc(lib->v, lib->cap * sizeof *lib->v);
        if (!lib->v) abort();
      }
      lib_entry *le = &lib->v[lib->n++];
      le->path = xdup(path);
      le->id = xdup(mend_story_id(s));
      le->title = xdup(mend_story_title(s));
      le->about = xdup(mend_story_about(s));
      le->minutes = mend_story_minutes(s);
    }
    mend_story_free(s);
    mend_diags_free(diags);
    free(path);
  }
  free(names);
}

void library_scan(library *lib, int warn) {
  const char *mp = getenv("MEND_PATH");
  if (mp && *mp) {
    char *copy = xdup(mp), *save = NULL;
    for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save))
      scan_dir(lib, p, warn);
    free(copy);
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      char *dir = join(exe, "../stories");
      char probe[PATH_MAX];
      snprintf(probe, sizeof probe, "%s/mend.rng", dir);
      if (access(probe, R_OK) == 0) scan_dir(lib, dir, warn); /* a build tree */
      free(dir);
    }
  }
  const char *xdg = getenv("XDG_DATA_HOME");
  const char *home = getenv("HOME");
  char *data = NULL;
  if (xdg && xdg[0] == '/')
    data = join(xdg, "mend/stories");
  else if (home && *home)
    data = join(home, ".local/share/mend/stories");
  if (data) scan_dir(lib, data, warn);
  free(data);
  scan_dir(lib, MEND_DATADIR "/stories", warn);
}

const lib_entry *library_find(const library *lib, const char *id) {
  for (size_t i = 0; i < lib->n; i++)
    if (!strcmp(lib->v[i].id, id)) return &lib->v[i];
  return NULL;
}

void library_free(library *lib) {
  for (size_t i = 0; i < lib->n; i++) {
    free(lib->v[i].path);
    free(lib->v[i].id);
    free(lib->v[i].title);
    free(lib->v[i].about);
  }
  free(lib->v);
  lib->v = NULL;
  lib->n = lib->cap = 0;
}
