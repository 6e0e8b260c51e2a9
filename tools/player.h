/* SPDX-License-Identifier: MIT */
/*
 * player.h - the session loop of `mend play`: shows what the session
 * produced, reads answers and commands, saves after every step, writes journal
 * entries, and shows the summary at an ending.
 *
 * A step (the session's new position, the journal entry of the answer just
 * given, the check-in of a measure) is committed in one transaction; when it
 * cannot be, the player says so once, goes on, and keeps the entries in
 * memory until a later step commits them.
 *
 * Plain mode (not a terminal, or --plain): plain text, one answer per line
 * (a text answer goes on after a line that ends with \), automatic moves
 * taken without waiting. On a terminal: readline (bracketed paste; a \ at
 * the end of a line or Alt-Enter goes on to a new line in a text answer; two
 * histories, text answers and the rest; Tab completion of choices and
 * commands), wrapping by display width, colour unless NO_COLOR or
 * --no-color, Enter before automatic moves, Ctrl-C clears the line and keeps
 * it in the history (on an empty line it saves and quits, as Ctrl-D does).
 */
#ifndef MEND_PLAYER_H
#define MEND_PLAYER_H

#include <stdbool.h>
#include <time.h>
#include <stdint.h>

#include "mend/mend.h"
#include "support.h"

struct db;
struct db_entry;
struct db_checkin;

typedef struct player {
  mend_story *st;
  mend_session *s;
  bool tty;   /* interactive terminal mode */
  bool echo;  /* plain mode reading a pipe: echo answers after "> " */
  bool save;  /* autosave and journal (not with --no-save) */
  bool color; /* ANSI styles */
  int width;  /* --width, 0 for automatic */
  uint64_t seed;
  size_t example; /* the next example to show */
  /* storing (see db.h): a step of the session, its journal entry and its
   * check-in commit together */
  struct db *db;            /* NULL when nothing can be saved (said once) */
  char *story_file;         /* the story's real path: with its id, the session's key */
  char key[33];             /* this play-through, in the journal and check-ins */
  bool locked_out;          /* another player has this session open: its place is not saved */
  int save_error;           /* the last step could not be committed (said once) */
  char *save_why;           /* ... why */
  int journal_error;        /* an answer could not be written to the journal (said once) */
  struct db_entry *entries; /* answers not yet committed, with their check-ins */
  size_t nentries;
  struct db_checkin *checkins;
  size_t ncheckins;
  time_t contact_when;  /* a <contact/> not yet committed (0: none) */
  bool deciding;        /* reading the answer to a session decision: a resize redraws it */
  support *sup;         /* the safety layer's lexicon and helplines (never NULL while playing) */
  int refused_level[2]; /* the most serious support offered for refused lines: abuse, crisis */
  unsigned said; /* what the view now said of refused lines (SCREEN_REMINDED, SCREEN_HEARD) */
  bool screened; /* the view's own support was shown as a screen, before the view */
  unsigned answer_screened; /* the screens (show_support_raised) the answer that led to the
                               next view brought: its <support> for them is not "again" */
  bool moved;               /* a refused line led the story on (a <hear to="...">): a new view */
  char *carried; /* words typed at a pause: on a terminal, the text question after it starts
                    with them (v85 SOT-11) */
} player;

/* Plays until an ending, a quit or the end of input; returns an exit status. */
int player_run(player *p, bool resumed);
/* Reads one line for a menu or a question outside the session; NULL at EOF. */
char *player_input(player *p, const char *prompt);
/* Asks a yes/no question; *eof is set when input ended. */
bool player_confirm(player *p, const char *question, bool *eof);
/* Sets up readline and the signal handlers for a terminal session. */
void player_init_terminal(player *p);
void player_done_terminal(player *p);
/* Has the session read text answers for signs of crisis or abuse from now on
 * (reads the lexicon on the first call: before a text answer or a restore). */
void player_watch(player *p);
/* Frees what the player holds for storing (not the story or session). */
void player_done_store(player *p);
/* Prints a paragraph of plain text as the player prints everything. */
void player_line(player *p, const char *lead, const char *text);

#endif
