/* SPDX-License-Identifier: MIT */
/*
 * safety.h - the safety layer of libmend: noticing signs of crisis or abuse in
 * what a person writes, and the helplines to offer them.
 *
 * A *lexicon* (one per language, a text file a counsellor can read and extend:
 * see stories/safety/README.md) lists the phrases that are signs of a crisis
 * (thoughts of suicide or of not wanting to be alive, self-harm, a plan,
 * saying goodbye, not being safe) or of abuse (violence, threats, sexual
 * coercion, control of money, phone or friends, being made to doubt one's own
 * mind, fear of the partner), grouped into kinds. A scan finds them in a
 * person's text the way people type: any case, accents or none, apostrophes
 * or none ("dont"), text-speak ("kms", "u"), repeated letters ("dieee"),
 * other forms of a word (Snowball stemmers), one-letter typos of long words.
 * Negation ("I'm not suicidal", "he never hit me") is recognised with the
 * NegEx method (Chapman et al., 2001): negation triggers before and after a
 * phrase within a window of words, pseudo-negations ("no one", "not only")
 * that are not negations, and words that end a trigger's scope ("but").
 * Figurative phrases ("dying to", "hit me up") cancel a sign they overlap.
 *
 * It is a net, not a diagnosis: it misses what it has no phrase for, and it
 * can alarm on a sentence that only looks like one.
 *
 * A *resources* list (a text file too) gives, per country, the emergency
 * number, crisis lines and domestic-abuse lines, each with its source and
 * the date it was checked.
 *
 * Nothing here does I/O: files are read by the caller and given as bytes.
 * Ownership follows mend.h. A lexicon and a resources list are read-only
 * once loaded and may be shared between threads.
 */
#ifndef MEND_SAFETY_H
#define MEND_SAFETY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mend/mend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- lexicons and scanning ----------------------------------------------- */

typedef struct mend_lexicon mend_lexicon;

/* Loads a lexicon from its text. `name` is used in diagnostics (file:line:
 * error: ...). Returns NULL, with the errors in `diags` (which may be NULL),
 * when the text has any error. */
MEND_API mend_lexicon *mend_lexicon_load_memory(const char *data, size_t size, const char *name,
                                                mend_diags *diags);
/* The same from several texts read as one: the bundled lexicon, then a
 * counsellor's additions (their phrases add to the bundled ones). */
MEND_API mend_lexicon *mend_lexicon_load_parts(const char *const *data, const size_t *size,
                                               const char *const *name, size_t nparts,
                                               mend_diags *diags);
MEND_API void mend_lexicon_free(mend_lexicon *lx);
MEND_API const char *mend_lexicon_language(const mend_lexicon *lx); /* "en" */
MEND_API const char *
mend_lexicon_name(const mend_lexicon *lx); /* "English" (`name:`), else the tag */
/* How many kinds of sign it holds: 0 for the words of a language alone (a
 * lexicon of settings, variants, classes, negation and common words: what a
 * story's rubric phrases are read with, see mend.h). */
MEND_API size_t mend_lexicon_kind_count(const mend_lexicon *lx);

/* The categories, from the least to the most serious. */
typedef enum mend_safety_category {
  MEND_SAFETY_NONE = 0,
  MEND_SAFETY_ABUSE = 1,
  MEND_SAFETY_CRISIS = 2
} mend_safety_category;
MEND_API const char *
mend_safety_category_name(mend_safety_category c); /* "none", "abuse", "crisis" */

/* One sign found in a text. */
typedef struct mend_safety_hit {
  mend_safety_category category;
  const char *kind;   /* the lexicon's name for it: "suicide", "violence", ... */
  const char *says;   /* what it means, in plain words for the person (the lexicon's `says`);
                         NULL for a story's <support/> */
  int severity;       /* the kind's severity: higher is more serious (1 at least) */
  size_t start, size; /* the words that triggered it: bytes [start, start+size) of the text */
  const char *phrase; /* the lexicon's phrase as written */
  int line;           /* its line in the lexicon */
} mend_safety_hit;

/* What a scan found: the most serious sign of each category (category NONE
 * when there is none), and the first sign that negation or a figurative
 * phrase set aside (for counsellors checking their phrases). */
typedef struct mend_safety_result {
  mend_safety_category category; /* the more serious of the two below */
  mend_safety_hit crisis, abuse;
  mend_safety_hit set_aside; /* category NONE when nothing was set aside */
  const char *set_aside_by;  /* the trigger or figurative phrase, as written in the lexicon */
  const char *set_aside_why; /* "negated" or "figurative" */
} mend_safety_result;

/* Scans a text (UTF-8; invalid bytes are skipped as separators). The strings
 * of the result belong to the lexicon. Returns result->category. */
MEND_API mend_safety_category mend_safety_scan(const mend_lexicon *lx, const char *text,
                                               size_t size, mend_safety_result *result);
/* What a story's heavy(x) (c: crisis) and unsafe(x) (c: abuse) ask: whether
 * the text holds a sign of category c, or one of the lexicon's [heavy] or
 * [unsafe] phrases, which bring no screen by themselves (a scan as
 * mend_safety_scan's, negated and figurative uses set aside). */
MEND_API bool mend_safety_reads(const mend_lexicon *lx, mend_safety_category c, const char *text,
                                size_t size);
/* The same for a line told where a number, a choice or a yes/no was asked
 * (mend_session_tell: told(heavy), told(unsafe)): also the "told:" lines of
 * [heavy] and [unsafe] ("told: i hate myself"), which a story's question
 * gives their meaning in an answer. */
MEND_API bool mend_safety_reads_told(const mend_lexicon *lx, mend_safety_category c,
                                     const char *text, size_t size);

/* Sessions of a story scan every text answer with this lexicon (NULL: none)
 * from now on, and show what they find as MEND_ITEM_SUPPORT items, or
 * MEND_ITEM_SUPPORT_AGAIN ones for what is no more serious than the support
 * offered before (see mend.h). Set it before sessions are made or restored; the lexicon must
 * outlive the story's sessions. */
MEND_API void mend_story_set_lexicon(mend_story *story, const mend_lexicon *lx);
/* Whether the story's conditions ask the safety layer about an answer
 * (crisis(x), abuse(x): true when the lexicon set with mend_story_set_lexicon
 * finds a sign of that category in x, as the scan of a text answer does,
 * negated and figurative uses set aside; always false when no lexicon is
 * set). A front end that reads the lexicon only when first needed reads it
 * before the story's first session for such a story. Setting the lexicon
 * also gives a text question whose answer they read a sample answer that is
 * a sign (mend_question.samples), for testers. */
MEND_API bool mend_story_reads_signs(const mend_story *story);
/* The severity of the most serious support a session offered so far in a
 * category (0: none). A front end that scans text the session never sees (a
 * line it refused, say) offers support only above it, as the session does
 * (and, for a sign at or below it, may give its short reminder, once a
 * view, as the session gives MEND_ITEM_SUPPORT_AGAIN). */
MEND_API int mend_session_support_level(const mend_session *s, mend_safety_category c);
/* The same, as the view now began: more than 0 when support of the category
 * was offered in full in an earlier step (a front end says less the second
 * time: what it explained the first time is not explained again). */
MEND_API int mend_session_support_before(const mend_session *s, mend_safety_category c);

/* What a line tells, as flags (a mend_told): a sign of crisis or of abuse
 * (what crisis(x) and abuse(x) read), and what heavy(x) and unsafe(x) read (a
 * sign, or one of the lexicon's [heavy] or [unsafe] phrases). 64 bits: the
 * four signs, a list of the words each, and a dig. */
typedef uint64_t mend_told;
#define MEND_TOLD_CRISIS ((mend_told)1)
#define MEND_TOLD_ABUSE ((mend_told)2)
#define MEND_TOLD_HEAVY ((mend_told)4)
#define MEND_TOLD_UNSAFE ((mend_told)8)
#define MEND_TOLD_ALL ((mend_told)15) /* (the four above) */
/* a story's told('NAME'): what said(x, 'NAME') reads, of the words' list
 * [said NAME] number k: MEND_TOLD_LIST << k, for k < MEND_TOLD_LISTS */
#define MEND_TOLD_LIST ((mend_told)16)
#define MEND_TOLD_LISTS 56
/* a story's told(dig): a dig at someone, as dig(x) reads it ("no. ur a
 * pathetic loser") */
#define MEND_TOLD_DIG ((mend_told)1 << 60)
#define MEND_TOLD_ANY (((mend_told)1 << 61) - 1) /* every flag a session can be told */
/* A line the person typed where a choice, a number or a yes/no was asked,
 * which the front end could not take as one (a line it refused), is still
 * what they wrote. The session reads it as it reads a text answer (the
 * story's lexicon, mend_story_set_lexicon) and keeps what it tells: a story's
 * told(crisis), told(abuse), told(heavy) and told(unsafe), and told('NAME')
 * of the lists of the words it asks about, are true from then on (in conditions evaluated from the
 * next step), a save keeps it (not the line), and undo does not take it back. The pending decision
 * is unchanged. Fills *result (when not NULL) with the scan, for the front end to offer support,
 * and returns the line's flags (0: none, or no lexicon). */
MEND_API mend_told mend_session_tell(mend_session *s, const char *line, size_t size,
                                     mend_safety_result *result);
/* The safety flags (MEND_TOLD_ALL's) mend_session_tell would return for a
 * line, without telling the session (nothing is kept, no <hear> is taken):
 * for a front end to see whether a line it might take as an answer holds a
 * sign, before it tells it. */
MEND_API mend_told mend_session_signs(mend_session *s, const char *line, size_t size);
/* Whether a line reads as words of the story's language: it is not one that
 * says nothing (nothing(): "idk", "asdf", "2"), and it holds one of the common
 * words of its words file at least, and no fewer than of other languages ("i
 * just want him back tbh"). For a front end, to answer a refused line that
 * said something in words other than with the hint alone. False when the
 * story has no words file. */
MEND_API bool mend_session_reads_words(mend_session *s, const char *line, size_t size);
/* The choice on offer (its index, as mend_session_choice) that a line names by
 * the words of its label, where the line is neither its number nor its start:
 * "block him. but what if he comes round" names "Block them", "gonna text my
 * mate" names "Text a friend instead of looking again". A word of a label
 * names it in any form the story's language knows (other forms, variants, a
 * typo), unless the line negates it ("i cant block him"); the language's
 * [class function] words ("the", "them", "want") name nothing, nor does a word
 * of the line that two choices on offer share. -1 when no choice, or more
 * than one, is named, when no choice waits, or when the story has no words
 * file. For a front end, to ask "Do you mean 3) Block them?" rather than take
 * it: the line may mean something else. */
MEND_API long mend_session_choice_meant(mend_session *s, const char *line, size_t size);
/* What the story's <hear> made of the line told last (mend_session_tell),
 * until the next decision: none took it (MEND_HEARD_NONE); one said its
 * words, *text, where a front end would say "I hear you." and the decision
 * still waits (MEND_HEARD_SAID); or one led the session on to its node
 * (MEND_HEARD_MOVED): the view is new, its words first, and the decision
 * that waited is gone. */
typedef enum mend_heard { MEND_HEARD_NONE, MEND_HEARD_SAID, MEND_HEARD_MOVED } mend_heard;
MEND_API mend_heard mend_session_heard(const mend_session *s, const char **text);
/* The MEND_TOLD_ flags the condition of the <hear> that took the line told
 * last reads (told() and just_told()), 0 when none took it: a front end whose
 * own words for a heavy line the story's <hear> for it answers says only the
 * story's. */
MEND_API mend_told mend_session_heard_reads(const mend_session *s);
/* The MEND_TOLD_ flags of everything the session was told so far. */
MEND_API mend_told mend_session_told(const mend_session *s);
/* ... of what it was told while the decision now waiting waits (and at the
 * pauses before it): after the decision, what just_told() reads. */
MEND_API mend_told mend_session_told_now(const mend_session *s);
/* The MEND_TOLD_ flags a told() of a node ahead of the session (the one it
 * is at, or one reachable from it) asks about, or a just_told() can read of
 * a line typed now, and in *just (when not NULL) the latter: at a question
 * or a choice, those a just_told() reads before the decision after it. A line
 * that tells nothing of these changes nothing ahead (testers type lines only
 * where one can). */
MEND_API mend_told mend_session_told_ahead(const mend_session *s, mend_told *just);
/* The MEND_TOLD_ flags the story's <hear>s ask about (at every decision),
 * with the nodes they lead to, and of those, *just, the ones a just_told()
 * reads (mend_session_told_ahead counts the nodes ahead only: a line a
 * <hear> takes is answered at once, mend_session_heard). */
MEND_API mend_told mend_story_hears_read(const mend_story *st, mend_told *just);
/* The MEND_TOLD_ flags the story's told() or just_told() asks about (0: it
 * never asks), and those its just_told() asks about. */
MEND_API mend_told mend_story_reads_told(const mend_story *story);
MEND_API mend_told mend_story_reads_just_told(const mend_story *story);
/* A line that tells `flag` (one MEND_TOLD_ flag), for testers: for heavy and
 * unsafe one of the story's lexicon's [heavy] or [unsafe] phrases when it has
 * one (no screen), else a sign; for a list (MEND_TOLD_LIST << k) a text of
 * it; NULL when there is none (or no lexicon, or no words). The string
 * belongs to the story. */
MEND_API const char *mend_story_tell_sample(const mend_story *story, mend_told flag);

/* ---- resources: helplines ----------------------------------------------- */

typedef struct mend_resources mend_resources;

typedef enum mend_line_kind {
  MEND_LINE_EMERGENCY = 0,
  MEND_LINE_CRISIS = 1,
  MEND_LINE_ABUSE = 2
} mend_line_kind;

typedef struct mend_line {
  mend_line_kind kind;
  const char *name;  /* for EMERGENCY: the number */
  const char *call;  /* "" when absent, as are the fields below */
  const char *text;  /* how to text */
  const char *chat;  /* a chat's address */
  const char *web;   /* the service's site */
  const char *hours; /* "24 hours, free" */
  const char *lang;  /* languages spoken */
  const char *source, *checked;
  const char *file; /* where the entry was read, and its line */
  int line;
} mend_line;

typedef struct mend_country {
  const char *code; /* "GB", or "*" for anywhere else */
  const char *name; /* "United Kingdom" */
  size_t nlines;
  const mend_line *lines; /* the emergency number, then crisis lines, then abuse lines */
} mend_country;

/* Loads a resources list; later parts add to earlier ones: an entry of a
 * later part replaces the earlier one of the same country, kind and name, and
 * otherwise comes before the earlier ones (a counsellor's own lines first);
 * a later `emergency` replaces the earlier one. NULL, with the errors in
 * `diags`, when a part has an error. */
MEND_API mend_resources *mend_resources_load_parts(const char *const *data, const size_t *size,
                                                   const char *const *name, size_t nparts,
                                                   mend_diags *diags);
MEND_API void mend_resources_free(mend_resources *r);
MEND_API size_t mend_resources_count(const mend_resources *r);
MEND_API const mend_country *mend_resources_at(const mend_resources *r, size_t i);
/* The country with this code (any case), or the "*" entry, or NULL. */
MEND_API const mend_country *mend_resources_find(const mend_resources *r, const char *code);

/* The country of a locale name such as "en_GB.UTF-8" or "pt_BR@euro": its
 * territory, in capitals, written into out (3 bytes at least). False for
 * "C", "POSIX" and names without a territory. */
MEND_API bool mend_locale_country(const char *locale, char *out, size_t outsize);

#ifdef __cplusplus
}
#endif

#endif
