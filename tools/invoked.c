/* SPDX-License-Identifier: MIT */
/* invoked.c - see invoked.h. */
#include "invoked.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static char *name; /* NULL: "mend" */

char *invoked_quote(const char *word) {
  static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                             "_-./:@%+=,";
  if (*word && strspn(word, safe) == strlen(word) && word[0] != '-') return xstrdup(word);
  size_t n = 2;
  for (const char *s = word; *s; s++)
    n += *s == '\'' ? 4 : 1;
  char *q = xrealloc(NULL, n + 1), *o = q;
  *o++ = '\'';
  for (const char *s = word; *s; s++) {
    if (*s == '\'') {
      memcpy(o, "'\\''", 4); /* close, an escaped quote, open again */
      o += 4;
    } else {
      *o++ = *s;
    }
  }
  *o++ = '\'';
  *o = 0;
  return q;
}

/* Whether the first "mend" of PATH is the file `self` names. */
static bool path_finds(const char *path, const struct stat *self) {
  if (!path) return false;
  char *copy = xstrdup(path);
  bool same = false, found = false;
  for (char *p = copy, *next; p && !found; p = next) {
    next = strchr(p, ':');
    if (next) *next++ = 0;
    char *file = xrealloc(NULL, strlen(p) + sizeof "/mend" + 1);
    strcpy(file, *p ? p : "."); /* an empty entry is the current folder */
    strcat(file, "/mend");
    struct stat sb;
    if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode) && access(file, X_OK) == 0) {
      found = true; /* the shell stops at the first one */
      same = sb.st_dev == self->st_dev && sb.st_ino == self->st_ino;
    }
    free(file);
  }
  free(copy);
  return same;
}

char *invoked_resolve(const char *argv0, const char *path, const char *cwd) {
  if (!argv0 || !*argv0) return xstrdup("mend");
  if (!strchr(argv0, '/')) return invoked_quote(argv0); /* found by the shell on PATH */
  struct stat self;
  if (stat(argv0, &self) == 0 && path_finds(path, &self)) return xstrdup("mend");
  const char *shown = argv0;
  size_t n = cwd ? strlen(cwd) : 0;
  /* /home/me/mend/build/mend run from /home/me/mend: build/mend */
  if (argv0[0] == '/' && n > 1 && !strncmp(argv0, cwd, n) && argv0[n] == '/' &&
      strchr(argv0 + n + 1, '/'))
    shown = argv0 + n + 1;
  else if (argv0[0] == '/' && n == 1 && cwd[0] == '/' && strchr(argv0 + 1, '/'))
    shown = argv0 + 1;
  /* ./build/mend: build/mend (still a path to the shell); ./mend stays */
  while (!strncmp(shown, "./", 2) && strchr(shown + 2, '/'))
    shown += 2;
  return invoked_quote(shown);
}

void invoked_init(const char *argv0) {
  free(name);
  char *cwd = getcwd(NULL, 0);
  name = invoked_resolve(argv0, getenv("PATH"), cwd);
  free(cwd);
}

const char *invoked_name(void) {
  return name ? name : "mend";
}

char *invoked_command(const char *words, const char *arg) {
  char *q = arg ? invoked_quote(arg) : NULL;
  const char *n = invoked_name();
  size_t len = strlen(n) + 1 + strlen(words) + (q ? 1 + strlen(q) : 0) + 1;
  char *c = xrealloc(NULL, len);
  snprintf(c, len, "%s %s%s%s", n, words, q ? " " : "", q ? q : "");
  free(q);
  return c;
}

void invoked_done(void) {
  free(name);
  name = NULL;
}
