/* SPDX-License-Identifier: MIT */
/* pager.c - see pager.h. */
#include "pager.h"

#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* less, for people who may never have met it: colours kept (-R), quits at
 * once when the text fits (-F), Ctrl-C quits (-K), opens at the end (+G: the
 * newest is what shows), and its prompt says how to move and leave (in a
 * less prompt '.', ':', '?', '%' and '\' are special: none is used). */
static char *const default_argv[] = {
    "less", "-R", "-F", "-K", "+G", "-PsUp and down arrows to read, q to quit", NULL};

#define MAX_WORDS 32

static int write_stdout(const char *text, size_t len) {
  if (fflush(stdout) != 0) return errno ? errno : EIO;
  return store_write_all(STDOUT_FILENO, text, len);
}

/* The person's pager command, or NULL for none; *dflt when it is ours. */
static const char *pager_command(bool *dflt) {
  const char *cmd = getenv("PAGER");
  *dflt = !cmd;
  if (!cmd) return "less";
  return !*cmd || !strcmp(cmd, "cat") ? NULL : cmd;
}

bool pager_wanted(void) {
  bool dflt;
  if (!isatty(STDOUT_FILENO) || !pager_command(&dflt)) return false;
  const char *term = getenv("TERM");
  return !dflt || (term && *term && strcmp(term, "dumb"));
}

/* In the child: runs the pager, or tells the parent why it could not
 * (errno on `status`, which closes on exec). */
static void run_pager(const char *cmd, bool dflt, int status) {
  if (dflt) {
    execvp(default_argv[0], default_argv);
  } else if (strpbrk(cmd, "|&;<>()$`\\\"'*?[]#~=%{}!\n\t")) {
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL); /* a command line: the shell reads it */
  } else {
    char *copy = strdup(cmd);
    char *argv[MAX_WORDS + 1];
    size_t n = 0;
    for (char *w = copy ? strtok(copy, " ") : NULL; w && n < MAX_WORDS; w = strtok(NULL, " "))
      argv[n++] = w;
    argv[n] = NULL;
    if (n) execvp(argv[0], argv);
    if (!n) errno = ENOENT;
  }
  int e = errno;
  if (write(status, &e, sizeof e) < 0) _exit(127);
  _exit(127);
}

int pager_show(const char *text, size_t len, bool page) {
  bool dflt;
  const char *cmd = pager_command(&dflt);
  if (!page || !pager_wanted()) return write_stdout(text, len);
  fflush(stdout);
  int data[2], status[2];
  if (pipe(data) != 0) return write_stdout(text, len);
  if (pipe2(status, O_CLOEXEC) != 0) {
    close(data[0]), close(data[1]);
    return write_stdout(text, len);
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(status[0]);
    close(data[1]);
    if (dup2(data[0], STDIN_FILENO) < 0) _exit(127);
    close(data[0]);
    run_pager(cmd, dflt, status[1]);
  }
  close(data[0]);
  close(status[1]);
  int e = 0;
  ssize_t got = -1;
  if (pid > 0) do
      got = read(status[0], &e, sizeof e);
    while (got < 0 && errno == EINTR);
  close(status[0]);
  if (pid < 0 || got > 0) { /* no process, or the pager could not start */
    close(data[1]);
    if (pid > 0) waitpid(pid, NULL, 0);
    return write_stdout(text, len);
  }
  /* the pager has the terminal: a pipe it closes is no error, and Ctrl-C is
   * for the pager (mend waits for it to end) */
  struct sigaction ign = {0}, old_pipe, old_int, old_quit;
  ign.sa_handler = SIG_IGN;
  sigemptyset(&ign.sa_mask);
  sigaction(SIGPIPE, &ign, &old_pipe);
  sigaction(SIGINT, &ign, &old_int);
  sigaction(SIGQUIT, &ign, &old_quit);
  int rc = store_write_all(data[1], text, len);
  close(data[1]);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    ;
  sigaction(SIGPIPE, &old_pipe, NULL);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGQUIT, &old_quit, NULL);
  /* a command line run by the shell that could not find its program (127)
   * or run it (126): nothing was shown */
  if (WIFEXITED(st) && (WEXITSTATUS(st) == 127 || WEXITSTATUS(st) == 126))
    return write_stdout(text, len);
  (void)rc; /* EPIPE: the person quit before the end */
  return 0;
}
