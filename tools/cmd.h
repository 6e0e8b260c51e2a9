/* SPDX-License-Identifier: MIT */
/*
 * cmd.h - the subcommands of the mend program, one file each, and what they
 * share: exit statuses and option parsing helpers.
 */
#ifndef MEND_CMD_H
#define MEND_CMD_H

#include <getopt.h>
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

/* ---- options: one parser for every command (getopt_long) ---------------------------
 *
 * A command lists its options as getopt_long's `struct option`s, ended by a
 * zeroed one; an option whose `val` is a letter also has that short form (-n).
 * -h and --help are added to every list. So every command takes the same
 * forms: --runs=5, --runs 5, -n5, -n 5, options before or after the files,
 * "--" before a file whose name starts with '-', and "-" as a file name
 * (standard input or output, where the command reads or writes a file). A
 * long option may be shortened while it stays unambiguous (--max-st).
 *
 *   cli c;
 *   cli_start(&c, "test", test_usage, options, argc, argv);
 *   for (int k; (k = cli_next(&c)) != CLI_END;)
 *     switch (k) {
 *     case CLI_STOP: return c.status;      (after --help, or a usage error said)
 *     case 'n': if (!cli_number(&c, 0, UINT64_MAX, &runs)) return c.status; break;
 *     }
 *   then c.operands[0 .. c.noperands): the arguments that are not options.
 */
enum { CLI_END = -1, CLI_STOP = -2, CLI_MAX_OPTIONS = 24 };
/* One option: its long name; its value as returned by cli_next (a letter
 * gives the short form -L too, a number from CLI_LONG up gives none); and
 * what its value is, for "--runs needs a number" (NULL for a flag). */
enum { CLI_LONG = 256 };
typedef struct cli_option {
  const char *name;
  int val;
  const char *value;
} cli_option;
typedef struct cli {
  const char *cmd, *usage; /* "test"; printed for --help */
  const cli_option *opts;
  int argc;
  char **argv;
  struct option longs[CLI_MAX_OPTIONS + 2]; /* the command's, --help, the end */
  char shorts[3 * CLI_MAX_OPTIONS + 8];
  /* after each option */
  const char *arg;   /* its value, or NULL */
  const char *typed; /* the argument it was read from ("--runs=5", "-xn5") */
  char name[48];     /* as messages call it: "--runs", or "-n" when typed so */
  int status;        /* after CLI_STOP: EXIT_OK after --help, EXIT_USAGE after an error */
  /* after CLI_END: what is not an option, in order (argv, reordered) */
  char **operands;
  int noperands;
} cli;
/* `opts` ends with a zeroed option; it and argv must outlive the parse. */
void cli_start(cli *c, const char *cmd, const char *usage, const cli_option *opts, int argc,
               char **argv);
/* The next option's `val`; CLI_END once every option is read; CLI_STOP after
 * --help (printed) or a usage error (said, naming the option as typed). */
int cli_next(cli *c);
/* The option's value as a whole number from min to max; false after saying
 * what it needs (c->status is then EXIT_USAGE). */
bool cli_number(cli *c, uint64_t min, uint64_t max, uint64_t *out);
/* The option's value among `choices` (NULL-terminated): its index, or -1
 * after saying which it takes ("--format xml: use text or json"). */
int cli_choice(cli *c, const char *const *choices);
/* The whole parse of a command whose one option is --format: its choice's
 * index in *format (left as it was when not given); false after --help or
 * a usage error (c->status says which). */
bool cli_format_only(cli *c, const char *cmd, const char *usage, const char *const *choices,
                     int argc, char **argv, int *format);
/* A usage error about the command: as usage_error, and sets c->status. */
int cli_error(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Usage error: prints "mend CMD: MSG" and a pointer to --help; returns 2. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool parse_u64(const char *s, uint64_t *out);
/* Writes what a command made (an export, a report) to FILE, or to standard
 * output for NULL or "-" (store_write_export: atomic and private for a
 * regular file, through a link, never replacing it). A failure is said in one
 * line, "mend CMD: cannot write FILE: REASON", with what became of FILE; returns
 * EXIT_OK or EXIT_IO. */
int cmd_write_output(const char *cmd, const char *file, const char *data, size_t len);
/* Reads FILE, or standard input for NULL or "-" (read once: the same bytes
 * each time it is named), up to `max` bytes; NUL-terminated, the caller's
 * to free. A failure is said in one line, "mend CMD: cannot read FILE:
 * REASON" (CMD may be NULL); returns EXIT_OK or EXIT_IO. */
int cmd_read_input(const char *cmd, const char *file, size_t max, char **data, size_t *len);
/* Whether FILE names standard output: "-", NULL, or the file standard output
 * is (/dev/stdout): a command then says nothing more there. */
bool cmd_is_stdout(const char *file);
/* Prints every diagnostic of a load to stderr; returns the error count. */
struct mend_diags;
size_t print_diags(const struct mend_diags *d);

#endif
