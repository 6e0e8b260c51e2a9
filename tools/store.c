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

int store_write_all(int fd, const char *data, size_t len) {
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

/* A new file that replaces `like` (NULL: none) takes its permissions, and
 * its owner when we may give it (root); else it stays 0600. Returns 0 or an
 * errno. */
static int take_mode(int fd, const struct stat *like) {
  if (!like) return 0;
  if (geteuid() == 0 && fchown(fd, like->st_uid, like->st_gid) != 0) return errno;
  return fchmod(fd, like->st_mode & 0777) != 0 ? errno : 0;
}

/* Writes data to a file without a name in the folder dir, with O_TMPFILE, and
 * names it tmp once it is complete and on disk: a process killed while
 * writing leaves nothing behind. Returns 0, an errno, or -1 where O_TMPFILE
 * or /proc is not available (the caller then uses mkstemp). */
static int write_unnamed(const char *dir, char *tmp, size_t n, const char *path, const char *data,
                         size_t len, const struct stat *like) {
  mode_t mask = umask(077); /* 0600 whatever the umask */
  int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  umask(mask);
  if (fd < 0) return errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL ? -1 : errno;
  int rc = take_mode(fd, like);
  if (!rc) rc = store_write_all(fd, data, len);
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

/* store_write_atomic, the new file taking the mode of `like` (may be NULL). */
static int write_atomic(const char *path, const char *data, size_t len, const struct stat *like) {
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
  rc = write_unnamed(slash ? (*dir ? dir : "/") : ".", tmp, n, path, data, len, like);
  if (rc < 0) {
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    mode_t old = umask(077);
    int fd = mkstemp(tmp); /* created 0600 */
    umask(old);
    if (fd < 0) {
      rc = errno;
    } else {
      rc = take_mode(fd, like);
      if (!rc) rc = store_write_all(fd, data, len);
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

int store_write_atomic(const char *path, const char *data, size_t len) {
  return write_atomic(path, data, len, NULL);
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

/* Writes data through an open file (a FIFO, a device, standard output). */
static int write_through(int fd, const char *data, size_t len) {
  int rc = store_write_all(fd, data, len);
  if (close(fd) != 0 && !rc) rc = errno;
  return rc;
}

/* Writes an export (see store.h). A link is followed by opening it: what is
 * open is what the link points to, whatever it is (a file, a FIFO, a
 * terminal, /proc/self/fd/1), and a link is never replaced or created
 * through. A regular file at the end of links is replaced atomically by its
 * real path, checked to be the same file that was opened. */
int store_write_export(const char *file, const char *data, size_t len, bool *atomic) {
  bool ignored;
  if (!atomic) atomic = &ignored;
  *atomic = false;
  struct stat sb, real_sb, out_sb;
  if (lstat(file, &sb) != 0) {
    if (errno != ENOENT) return errno;
    *atomic = true; /* a new file: 0600, whole or not at all */
    return store_write_atomic(file, data, len);
  }
  if (S_ISREG(sb.st_mode)) {
    *atomic = true;
    return write_atomic(file, data, len, &sb);
  }
  if (S_ISDIR(sb.st_mode)) return EISDIR;
  int fd = open(file, O_WRONLY | O_NOCTTY | O_CLOEXEC); /* never created through a link */
  if (fd < 0) return errno;
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    close(fd);
    return e;
  }
  if (fstat(STDOUT_FILENO, &out_sb) == 0 && out_sb.st_dev == sb.st_dev &&
      out_sb.st_ino == sb.st_ino) { /* /dev/stdout: written as standard output is */
    close(fd);
    fflush(stdout);
    return store_write_all(STDOUT_FILENO, data, len);
  }
  if (!S_ISREG(sb.st_mode)) return write_through(fd, data, len);
  close(fd);
  char *real = realpath(file, NULL);
  if (!real) return errno;
  int rc;
  if (stat(real, &real_sb) != 0)
    rc = errno;
  else if (real_sb.st_dev != sb.st_dev || real_sb.st_ino != sb.st_ino)
    rc = ESTALE; /* it changed between the two looks: touch nothing */
  else {
    *atomic = true;
    rc = write_atomic(real, data, len, &real_sb);
  }
  free(real);
  return rc;
}
