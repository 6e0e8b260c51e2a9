/* SPDX-License-Identifier: MIT */
/* store.c - see store.h. */
#include "store.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *store_join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *r = malloc(n);
  if (!r) abort();
  snprintf(r, n, "%s/%s", a, b);
  return r;
}

/* $VAR if absolute (the XDG rule), else $HOME/fallback. */
static char *xdg(const char *var, const char *fallback, const char *sub) {
  const char *v = getenv(var);
  char *base;
  if (v && v[0] == '/')
    base = xstrdup(v);
  else {
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') return NULL;
    base = store_join(home, fallback);
  }
  char *r = store_join(base, sub);
  free(base);
  return r;
}

char *store_sessions_dir(void) {
  return xdg("XDG_STATE_HOME", ".local/state", "mend/sessions");
}

char *store_cache_dir(void) {
  return xdg("XDG_CACHE_HOME", ".cache", "mend");
}

char *store_data_dir(void) {
  return xdg("XDG_DATA_HOME", ".local/share", "mend");
}

char *store_config_dir(void) {
  return xdg("XDG_CONFIG_HOME", ".config", "mend");
}

int store_mkdirs(const char *path) {
  char *p = xstrdup(path);
  int rc = 0;
  for (char *s = p + 1;; s++) {
    if (*s != '/' && *s) continue;
    char c = *s;
    *s = 0;
    mode_t mask = umask(077); /* 0700 whatever the umask: 0277 would make it unwritable */
    int made = mkdir(p, 0700);
    umask(mask);
    if (made != 0 && errno != EEXIST) {
      rc = errno;
      break;
    }
    *s = c;
    if (!c) break;
  }
  if (!rc) {
    struct stat sb;
    if (stat(path, &sb) != 0)
      rc = errno;
    else if (!S_ISDIR(sb.st_mode))
      rc = ENOTDIR;
  }
  free(p);
  return rc;
}

static int write_all(int fd, const char *data, size_t len) {
  while (len) {
    ssize_t w = write(fd, data, len);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += w;
    len -= (size_t)w;
  }
  return 0;
}

/* Writes data to a file without a name in the folder dir, with O_TMPFILE, and
 * names it tmp once it is complete and on disk: a process killed while
 * writing leaves nothing behind. Returns 0, an errno, or -1 where O_TMPFILE
 * or /proc is not available (the caller then uses mkstemp). */
static int write_unnamed(const char *dir, char *tmp, size_t n, const char *path, const char *data,
                         size_t len) {
  mode_t mask = umask(077); /* 0600 whatever the umask */
  int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  umask(mask);
  if (fd < 0) return errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL ? -1 : errno;
  int rc = write_all(fd, data, len);
  if (!rc && fsync(fd) != 0) rc = errno;
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  for (unsigned k = 0; !rc; k++) {
    snprintf(tmp, n, "%s.tmp-%ld-%u", path, (long)getpid(), k);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0) break;
    if (errno != EEXIST || k == 1000)
      rc = errno == ENOENT || errno == EXDEV || errno == EPERM ? -1 : errno;
  }
  if (close(fd) != 0 && !rc) rc = errno;
  return rc;
}

void store_clean_stale(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? strndup(path, (size_t)(slash - path)) : xstrdup(".");
  if (!dir) abort();
  const char *base = slash ? slash + 1 : path;
  size_t bn = strlen(base);
  DIR *d = opendir(*dir ? dir : "/");
  struct dirent *e;
  time_t now = time(NULL);
  while (d && (e = readdir(d))) {
    const char *n = e->d_name;
    if (strncmp(n, base, bn) || strncmp(n + bn, ".tmp-", 5)) continue;
    char *end;
    long pid = strtol(n + bn + 5, &end, 10);
    char *full = store_join(*dir ? dir : "", n);
    struct stat sb;
    bool stale;
    if (end != n + bn + 5 && *end == '-') /* NAME.tmp-PID-K: its writer is gone */
      stale = pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
    else /* NAME.tmp-XXXXXX (mkstemp): untouched for an hour */
      stale = lstat(full, &sb) == 0 && now - sb.st_mtime > 3600;
    if (stale) unlink(full);
    free(full);
  }
  if (d) closedir(d);
  free(dir);
}

int store_write_atomic(const char *path, const char *data, size_t len) {
  char *dir = xstrdup(path);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = 0;
  int rc = slash ? store_mkdirs(dir) : 0;
  if (rc) {
    free(dir);
    return rc;
  }
  size_t n = strlen(path) + 48;
  char *tmp = malloc(n);
  if (!tmp) abort();
  rc = write_unnamed(slash ? (*dir ? dir : "/") : ".", tmp, n, path, data, len);
  if (rc < 0) {
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    mode_t old = umask(077);
    int fd = mkstemp(tmp); /* created 0600 */
    umask(old);
    if (fd < 0) {
      rc = errno;
    } else {
      rc = write_all(fd, data, len);
      if (!rc && fsync(fd) != 0) rc = errno;
      if (close(fd) != 0 && !rc) rc = errno;
      if (rc) unlink(tmp);
    }
  }
  if (!rc && rename(tmp, path) != 0) {
    rc = errno;
    unlink(tmp);
  }
  if (!rc && slash) { /* make the rename itself durable */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
      fsync(dfd);
      close(dfd);
    }
  }
  free(tmp);
  free(dir);
  return rc;
}

int store_read(const char *path, size_t max, char **data, size_t *len) {
  /* O_NONBLOCK: opening a FIFO does not wait for a writer */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno == ENXIO ? ENODEV : errno;
  struct stat sb;
  int e = fstat(fd, &sb) != 0   ? errno
          : S_ISDIR(sb.st_mode) ? EISDIR
          : S_ISREG(sb.st_mode) ? 0
                                : ENODEV;
  if (e) {
    close(fd);
    return e;
  }
  if ((uint64_t)sb.st_size > max) {
    close(fd);
    return EFBIG;
  }
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) abort();
  for (;;) {
    if (n == cap) {
      if (cap >= max) {
        free(buf);
        close(fd);
        return EFBIG;
      }
      cap *= 2;
      buf = realloc(buf, cap + 1);
      if (!buf) abort();
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      e = errno;
      free(buf);
      close(fd);
      return e;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = 0;
  *data = buf;
  *len = n;
  return 0;
}

int store_move_aside(const char *path, char **moved) {
  char stamp[32];
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  size_t n = strlen(path) + 48;
  char *to = malloc(n);
  if (!to) abort();
  for (int k = 0; k < 100; k++) {
    if (k)
      snprintf(to, n, "%s.damaged-%s-%d", path, stamp, k);
    else
      snprintf(to, n, "%s.damaged-%s", path, stamp);
    if (access(to, F_OK) != 0) break;
  }
  if (rename(path, to) != 0) {
    int e = errno;
    free(to);
    return e;
  }
  if (moved)
    *moved = to;
  else
    free(to);
  return 0;
}

time_t store_now(void) {
  const char *e = getenv("MEND_NOW");
  if (!e || !*e) return time(NULL);
  if (e[0] == '@') {
    char *end;
    errno = 0;
    long long v = strtoll(e + 1, &end, 10);
    return errno || end == e + 1 || *end ? time(NULL) : (time_t)v;
  }
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  tm.tm_isdst = -1;
  const char *end = strptime(e, "%Y-%m-%d %H:%M", &tm);
  if (!end) {
    memset(&tm, 0, sizeof tm);
    tm.tm_isdst = -1;
    tm.tm_hour = 12;
    end = strptime(e, "%Y-%m-%d", &tm);
  }
  if (!end || *end) return time(NULL);
  time_t t = mktime(&tm);
  return t == (time_t)-1 ? time(NULL) : t;
}

void store_when(time_t t, char *buf, size_t n) {
  time_t now = store_now();
  struct tm a, b;
  localtime_r(&t, &a);
  localtime_r(&now, &b);
  char hm[16];
  strftime(hm, sizeof hm, "%H:%M", &a);
  struct tm y = b;
  y.tm_mday -= 1;
  time_t yt = mktime(&y);
  struct tm yd;
  localtime_r(&yt, &yd);
  if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
    snprintf(buf, n, "today %s", hm);
  else if (a.tm_year == yd.tm_year && a.tm_yday == yd.tm_yday)
    snprintf(buf, n, "yesterday %s", hm);
  else {
    char day[32];
    strftime(day, sizeof day, a.tm_year == b.tm_year ? "%e %b" : "%e %b %Y", &a);
    snprintf(buf, n, "%s %s", day[0] == ' ' ? day + 1 : day, hm);
  }
}

/* Writes an export. A regular file (or none) is replaced atomically; a
 * symbolic link, a device or a FIFO is written through, never replaced; and
 * nothing else is touched (no clean-up of files that look like ours). */
int store_write_export(const char *file, const char *data, size_t len) {
  struct stat sb;
  if (lstat(file, &sb) != 0 || S_ISREG(sb.st_mode)) return store_write_atomic(file, data, len);
  if (S_ISDIR(sb.st_mode)) return EISDIR;
  int fd = open(file, O_WRONLY | O_NOCTTY | O_CLOEXEC); /* never created through a link */
  if (fd < 0) return errno;
  int rc = fstat(fd, &sb) != 0 ? errno : 0;
  if (!rc && S_ISREG(sb.st_mode) && ftruncate(fd, 0) != 0) rc = errno;
  while (!rc && len) {
    ssize_t w = write(fd, data, len);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      rc = errno;
      break;
    }
    data += w;
    len -= (size_t)w;
  }
  if (close(fd) != 0 && !rc) rc = errno;
  return rc;
}
