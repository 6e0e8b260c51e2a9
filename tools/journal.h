/* SPDX-License-Identifier: MIT */
/*
 * journal.h - `mend journal`: the person's journal (text answers to journal
 * questions, and summaries they chose to keep), with date, story and prompt,
 * oldest first (the newest at the bottom, where a pager opens: pager.h),
 * each answer once; --export as Markdown (markdown.h), --clear. The entries are kept in the
 * database (db.h) and never printed to a log or sent anywhere.
 */
#ifndef MEND_JOURNAL_H
#define MEND_JOURNAL_H

int cmd_journal(int argc, char **argv);

#endif
