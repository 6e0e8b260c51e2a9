/* SPDX-License-Identifier: MIT */
/* library.c - see library.h. */
#include "library.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invoked.h"
#include "mend/mend.h"
#include "store.h"
#include "support.h"
#include "term.h"
#include "xalloc.h"

#include <sys/stat.h>

#ifndef MEND_DATADIR
#define MEND_DATADIR "/usr/local/share/mend"
#endif

/* "mend: skipping PATH: ...": a file's name is printed as the player prints
 * everything, without control characters or escape sequences. */
static void warn_broken(const char *path) {
  fputs("mend: skipping ", stderr);
  term_puts(stderr, path);
  char *lint = invoked_command("lint", path);
  fputs(": it has errors (to see them: ", stderr);
  term_puts(stderr, lint);
  fputs(")\n", stderr);
  free(lint);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the listing cache ---------------------------------------------------------
 * Loading every story to list it costs milliseconds; the listing needs only its
 * id, title, minutes and about. They are kept in $XDG_CACHE_HOME/mend/library,
 * one line per file, valid while the file's size and modification time and the
 * mend program itself are unchanged. Stories that include other files are not
 * cached (a change there would go unseen), and a damaged cache is ignored. */

enum { C_STORY = 0, C_BROKEN = 1, C_NOT_A_STORY = 2 };

typedef struct centry {
  char *path, *id, *title, *about;
  long long size, sec, nsec;
  int status, minutes;
} centry;

static struct {
  centry *v;
  size_t n, cap;
  char *stamp;
  bool loaded, dirty;
} cache;

static char *cache_path(void) {
  char *dir = store_cache_dir();
  if (!dir) return NULL;
  char *p = store_join(dir, "library");
  free(dir);
  return p;
}

static char *program_stamp(void) {
  struct stat sb;
  char buf[128];
  if (stat("/proc/self/exe", &sb) != 0) return NULL;
  snprintf(buf, sizeof buf, "%s %lld %lld.%09ld", MEND_VERSION, (long long)sb.st_size,
           (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec);
  return xstrdup(buf);
}

static bool clean_field(const char *s) { /* no tab or newline: one field of one line */
  return !strpbrk(s, "\t\n\r");
}

/* A number of the cache (a damaged one gives 0: the entry is then stale). */
static long long number(const char *s) {
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  return errno || end == s ? 0 : v;
}

/* One line of the cache: PATH SIZE SEC NSEC STATUS MINUTES ID TITLE ABOUT,
 * tab-separated. A line that is not is skipped. */
static void cache_add_line(char *line) {
  char *f[9];
  int k = 0;
  for (char *p = line; k < 9; k++) {
    f[k] = p;
    char *tab = strchr(p, '\t');
    if (!tab) {
      k++;
      break;
    }
    *tab = 0;
    p = tab + 1;
  }
  if (k != 9) return;
  if (cache.n == cache.cap) {
    cache.cap = cache.cap ? cache.cap * 2 : 16;
    cache.v = realloc(cache.v, cache.cap * sizeof *cache.v);
    if (!cache.v) abort();
  }
  centry *e = &cache.v[cache.n++];
  e->path = xstrdup(f[0]);
  e->size = number(f[1]);
  e->sec = number(f[2]);
  e->nsec = number(f[3]);
  long long status = number(f[4]), minutes = number(f[5]);
  e->status = status >= C_STORY && status <= C_NOT_A_STORY ? (int)status : C_BROKEN;
  e->minutes = minutes >= 0 && minutes <= 100000 ? (int)minutes : 0;
  e->id = xstrdup(f[6]);
  e->title = xstrdup(f[7]);
  e->about = xstrdup(f[8]);
}

static void cache_load(void) {
  cache.loaded = true;
  cache.stamp = program_stamp();
  char *path = cache_path(), *data = NULL;
  size_t len;
  if (!path || !cache.stamp || store_read(path, 16u << 20, &data, &len) != 0) {
    free(path);
    return;
  }
  free(path);
  char *save = NULL, *line = strtok_r(data, "\n", &save);
  if (!line || strncmp(line, "mend-library 1\t", 15) || strcmp(line + 15, cache.stamp)) {
    free(data); /* another version of mend wrote it: start afresh */
    return;
  }
  while ((line = strtok_r(NULL, "\n", &save)))
    cache_add_line(line);
  free(data);
}

static centry *cache_find(const char *path, const struct stat *sb) {
  for (size_t i = 0; i < cache.n; i++) {
    centry *e = &cache.v[i];
    if (!strcmp(e->path, path))
      return e->size == (long long)sb->st_size && e->sec == (long long)sb->st_mtim.tv_sec &&
                     e->nsec == (long long)sb->st_mtim.tv_nsec
                 ? e
                 : NULL;
  }
  return NULL;
}

static void cache_put(const char *path, const struct stat *sb, int status, const mend_story *s) {
  if (!cache.stamp || !clean_field(path)) return;
  const char *id = s ? mend_story_id(s) : "", *title = s ? mend_story_title(s) : "";
  const char *about = s ? mend_story_about(s) : "";
  if (!clean_field(title) || !clean_field(about)) return;
  for (size_t i = 0; i < cache.n; i++) /* replace a stale entry */
    if (!strcmp(cache.v[i].path, path)) {
      centry *e = &cache.v[i];
      free(e->path), free(e->id), free(e->title), free(e->about);
      cache.v[i] = cache.v[--cache.n];
      break;
    }
  if (cache.n == cache.cap) {
    cache.cap = cache.cap ? cache.cap * 2 : 16;
    cache.v = realloc(cache.v, cache.cap * sizeof *cache.v);
    if (!cache.v) abort();
  }
  centry *e = &cache.v[cache.n++];
  e->path = xstrdup(path);
  e->size = (long long)sb->st_size;
  e->sec = (long long)sb->st_mtim.tv_sec;
  e->nsec = (long long)sb->st_mtim.tv_nsec;
  e->status = status;
  e->minutes = s ? mend_story_minutes(s) : 0;
  e->id = xstrdup(id);
  e->title = xstrdup(title);
  e->about = xstrdup(about);
  cache.dirty = true;
}

static void cache_save(void) {
  if (cache.dirty && cache.stamp) {
    char *path = cache_path();
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) abort();
    fprintf(m, "mend-library 1\t%s\n", cache.stamp);
    for (size_t i = 0; i < cache.n; i++) {
      const centry *e = &cache.v[i];
      fprintf(m, "%s\t%lld\t%lld\t%lld\t%d\t%d\t%s\t%s\t%s\n", e->path, e->size, e->sec, e->nsec,
              e->status, e->minutes, e->id, e->title, e->about);
    }
    fclose(m);
    if (path && store_write_atomic(path, buf, len) == 0) /* a cache: failing to write it is fine */
      store_clean_stale(path);                           /* what killed writes of it left */
    free(buf);
    free(path);
  }
  for (size_t i = 0; i < cache.n; i++) {
    centry *e = &cache.v[i];
    free(e->path), free(e->id), free(e->title), free(e->about);
  }
  free(cache.v);
  free(cache.stamp);
  memset(&cache, 0, sizeof cache);
}

size_t library_cache_parse(const char *data, size_t n) {
  char *copy = xstrndup(data, n);
  char *save = NULL;
  for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
    cache_add_line(line);
  free(copy);
  size_t count = cache.n;
  struct stat sb;
  memset(&sb, 0, sizeof sb);
  for (size_t i = 0; i < count; i++) { /* what a scan does with them */
    sb.st_size = (off_t)cache.v[i].size;
    const centry *c = cache_find(cache.v[i].path, &sb);
    (void)c;
  }
  cache.dirty = false; /* nothing is written */
  cache_save();
  return count;
}

static void add_entry(library *lib, const char *path, const char *id, const char *title,
                      const char *about, int minutes) {
  if (library_find(lib, id)) return; /* the first story with an id wins */
  if (lib->n == lib->cap) {
    lib->cap = lib->cap ? lib->cap * 2 : 16;
    lib->v = realloc(lib->v, lib->cap * sizeof *lib->v);
    if (!lib->v) abort();
  }
  lib_entry *le = &lib->v[lib->n++];
  le->path = xstrdup(path);
  le->id = xstrdup(id);
  le->title = xstrdup(title);
  le->about = xstrdup(about);
  le->minutes = minutes;
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
    names[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    char *path = store_join(dir, names[i]);
    free(names[i]);
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
      free(path);
      continue;
    }
    const centry *c = cache_find(path, &sb);
    if (c) {
      if (c->status == C_STORY)
        add_entry(lib, path, c->id, c->title, c->about, c->minutes);
      else if (c->status == C_BROKEN && warn)
        warn_broken(path);
      free(path);
      continue;
    }
    /* an included part (root <nodes>) is not a story: peek before loading */
    FILE *f = fopen(path, "rb");
    char head[4096] = "";
    if (f) {
      size_t got = fread(head, 1, sizeof head - 1, f);
      head[got] = 0;
      fclose(f);
    }
    if (!strstr(head, "<story")) {
      cache_put(path, &sb, C_NOT_A_STORY, NULL);
      free(path);
      continue;
    }
    mend_diags *diags = mend_diags_new();
    mend_story *s = support_load_story(path, 0, diags);
    if (!s) {
      if (warn) warn_broken(path);
      cache_put(path, &sb, C_BROKEN, NULL);
    } else {
      add_entry(lib, path, mend_story_id(s), mend_story_title(s), mend_story_about(s),
                mend_story_minutes(s));
      if (mend_story_file_count(s) == 1) cache_put(path, &sb, C_STORY, s);
    }
    mend_story_free(s);
    mend_diags_free(diags);
    free(path);
  }
  free(names);
}

static void scan_all(library *lib, int warn);

void library_scan(library *lib, int warn) {
  cache_load();
  scan_all(lib, warn);
  cache_save();
}

void library_scan_dir(library *lib, const char *dir, int warn) {
  cache_load();
  scan_dir(lib, dir, warn);
  cache_save();
}

/* The stories folder of the build tree the program runs from, or NULL. */
static char *build_tree_stories(void) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return NULL;
  exe[n] = 0;
  char *slash = strrchr(exe, '/');
  if (!slash) return NULL;
  *slash = 0;
  char *dir = store_join(exe, "../stories");
  char probe[PATH_MAX];
  snprintf(probe, sizeof probe, "%s/mend.rng", dir);
  if (access(probe, R_OK) == 0) return dir;
  free(dir);
  return NULL;
}

char *library_bundled_dir(void) {
  char *tree = build_tree_stories();
  return tree ? tree : xstrdup(MEND_DATADIR "/stories");
}

static void scan_all(library *lib, int warn) {
  const char *mp = getenv("MEND_PATH");
  if (mp && *mp) {
    char *copy = xstrdup(mp), *save = NULL;
    for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save))
      scan_dir(lib, p, warn);
    free(copy);
  }
  char *tree = build_tree_stories();
  if (tree) scan_dir(lib, tree, warn);
  free(tree);
  const char *xdg = getenv("XDG_DATA_HOME");
  const char *home = getenv("HOME");
  char *data = NULL;
  if (xdg && xdg[0] == '/')
    data = store_join(xdg, "mend/stories");
  else if (home && *home)
    data = store_join(home, ".local/share/mend/stories");
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
