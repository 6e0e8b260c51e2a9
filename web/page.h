/* SPDX-License-Identifier: MIT */
/*
 * page.h - the player of the page that `mend export --html` writes: libmend
 * and the terminal player's words (show.c, notes.c, term.c), compiled to
 * WebAssembly, behind a small API that the page's script calls. The script
 * draws what this module says to show and passes on what the person does;
 * every decision about the story (what happens, what is shown, how an answer
 * is read, when support is offered) is made here, by the same C code as
 * `mend play`.
 *
 * Calls take and return UTF-8 strings in the module's memory: the script
 * copies its input in with page_alloc, and reads a result (NUL-terminated,
 * owned by this module, valid until the next call) at the returned pointer.
 * Results are JSON (their fields: tests/web/normalise.cjs and web/page.js
 * read them).
 *
 * The same file compiles natively (tests/web/native.c drives it, under the
 * sanitizers and valgrind like the rest: tests/e2e/web-page.sh).
 */
#ifndef MEND_PAGE_H
#define MEND_PAGE_H

#include <stddef.h>

void *page_alloc(size_t n);
void page_free(void *p);

/* The data the page carries, as text: kind 0 the words of a language
 * (stories/lang/LANG.words), 1 the safety lexicon, 2 the helplines. Give
 * them before the stories. Returns a JSON object {"ok":true} or
 * {"ok":false,"errors":[...]}. */
const char *page_data(int kind, const char *text, size_t len);
/* Adds a story from its image; JSON {"ok":true,"index":N,"id":..,"title":..}
 * or {"ok":false,"errors":[...]}. */
const char *page_story(const char *image, size_t len);
/* The library: every story added, with id, title, about and minutes. */
const char *page_library(void);

/* Starts story N with a seed (a fresh session); JSON view. */
const char *page_start(int story, double seed);
/* Resumes story N from a save the page kept; the view, or {"ok":false,...}
 * when the save cannot be resumed (why, in plain words). */
const char *page_resume(int story, const char *save, size_t len);
/* The view now (what the session produced since the last decision, and what
 * it waits for). */
const char *page_view(void);
/* Decisions: take offered choice i (0-based); answer the question (a line of
 * text, a number, yes or no); follow an automatic move; go back one
 * decision; start over. Each returns the new view, or, when an answer is
 * refused, {"ok":false,"problem":"why, in the player's words"} (and the
 * support screen first, when the refused words need it). */
const char *page_choose(int i);
const char *page_answer(const char *text, size_t len);
const char *page_continue(void);
const char *page_back(void);
const char *page_restart(double seed);
/* The session's save (engine format), to keep in the browser's storage. */
const char *page_save(void);
/* What was written in this session, as the terminal's :journal shows it. */
const char *page_journal(void);
/* The page's journal as Markdown (see page.c): oldest first, four
 * NUL-ended fields an entry (when, title, prompt, text). */
const char *page_markdown(const char *data, size_t len);

/* The person's country ("GB"; "" when unknown), for the helplines. */
void page_set_country(const char *code, size_t len);
/* Every country with lines: [{"code":..,"name":..}]. */
const char *page_countries(void);
/* Every line for the person's country, as :support shows them. */
const char *page_support(void);

#endif
