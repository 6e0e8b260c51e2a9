/* SPDX-License-Identifier: MIT */
/*
 * cmd.h - the subcommands of the mend program, one file each, and what they
 * share: exit statuses and option parsing helpers.
 */
#ifndef MEND_CMD_H
#define MEND_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses, one per class of failure (documented in mend(1)). */
enum {
  EXIT_OK = 0,
  EXIT_STORY = 1,   /* a story has errors (lint), or could not be loaded */
  EXIT_USAGE = 2,   /* bad command line */
  EXIT_INPUT = 3,   /* input ended before the story did (plain mode) */
  EXIT_RUNTIME = 4, /* the story failed while playing (dead end, overflow...) */
  EXIT_IO = 5       /* a file could not be read or written */
};

int cmd_lint(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_contact(int argc, char **argv);

/* Usage error: prints "mend CMD: MSG" and a pointer to --help; returns 2. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool parse_u64(const char *s, uint64_t *out);
/* Writes what a command made (an export, a report) to FILE, or to standard
 * output for NULL or "-" (store_write_export: atomic and private for a
 * regular file, through a link, never replacing it). A failure is said in one
 * line, "mend CMD: cannot write FILE: REASON", with what became of FILE; returns
 * EXIT_OK or EXIT_IO. */
int cmd_write_output(const char *cmd, const char *file, const char *data, size_t len);
/* Whether FILE names standard output: "-", NULL, or the file standard output
 * is (/dev/stdout): a command then says nothing more there. */
bool cmd_is_stdout(const char *file);
/* Prints every diagnostic of a load to stderr; returns the error count. */
struct mend_diags;
size_t print_diags(const struct mend_diags *d);

#endif
