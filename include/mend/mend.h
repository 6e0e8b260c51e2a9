/* SPDX-License-Identifier: MIT */
/*
 * mend.h - the public API of libmend, the mend story engine.
 *
 * libmend loads story files written in the mend story format (version 1),
 * checks them, and runs sessions over them as a step machine. It never prints,
 * never exits and never touches a terminal: the caller decides what the person
 * sees.
 *
 * Ownership, once for the whole API:
 *   - every `mend_*_new` / `mend_*_load*` has a matching `mend_*_free`, and
 *     every free function accepts NULL;
 *   - pointers returned by accessors (strings, items, questions, summaries)
 *     belong to the object they came from and stay valid until that object is
 *     freed or, for session views, until the next call that changes the session
 *     (answer, choose, continue, undo, reset);
 *   - buffers returned to the caller (through `char **` out-parameters, and
 *     the strings and arrays a function says are the caller's) belong to the
 *     caller, who frees them with mend_free(), never with free(): they come
 *     from libmend's allocator, which may be the host's (mend_set_allocator).
 *
 * Thread safety: distinct objects may be used from distinct threads; a loaded
 * story is read-only and may be shared by many sessions.
 */
#ifndef MEND_MEND_H
#define MEND_MEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version: of these headers here, of the library linked at run time
 * from mend_version() (a host can compare the two). This is the one place
 * the version is written: the Makefile, pkg-config's mend.pc and mend(1)
 * take it from here. The shared library's SONAME (libmend.so.0) changes
 * when the API or ABI breaks. */
#define MEND_VERSION "0.1.0"
#define MEND_FORMAT_VERSION 1

/* What the library exports: its mend_ functions and nothing else (it is
 * built with -fvisibility=hidden). */
#if defined(__GNUC__) || defined(__clang__)
#define MEND_API __attribute__((visibility("default")))
#else
#define MEND_API
#endif

/* The version of the library linked at run time, MEND_VERSION as it was
 * built ("0.1.0"). */
MEND_API const char *mend_version(void);

/* Memory. Every block libmend allocates (objects, their arrays and strings,
 * the buffers it hands to the caller) comes from one allocator: the C
 * library's, or the host's, set with mend_set_allocator (as cmark's
 * cmark_mem). libxml2's and the regex library's own allocations are theirs,
 * not libmend's: libmend never calls xmlMemSetup, which would change them
 * for the whole process.
 *
 * The three functions are called with `ud`, so that a host may keep, say,
 * one arena per person served. `calloc` is asked for zeroed memory,
 * `realloc` for unzeroed memory too (with p == NULL, as malloc) and to grow
 * or shrink a block; neither is asked for 0 bytes, `free` is never given
 * NULL, and none needs to be thread-safe unless the host uses libmend from
 * several threads. A function that cannot allocate returns NULL: libmend
 * then calls the out-of-memory handler below, and aborts.
 *
 * Set it once, before any other call (it is not synchronised), and do not
 * change it while any object or buffer of libmend's is alive: each is freed
 * by the allocator that is set when it is freed. NULL, or a struct with a
 * NULL function, restores the C library's. The struct is copied. */
typedef struct mend_allocator {
  void *(*calloc)(size_t count, size_t size, void *ud);
  void *(*realloc)(void *p, size_t size, void *ud);
  void (*free)(void *p, void *ud);
  void *ud;
} mend_allocator;
MEND_API void mend_set_allocator(const mend_allocator *a);

/* Frees a buffer libmend gave to the caller (see "Ownership" above): a
 * formatted diagnostic, a save, an image, a cleaned answer, rule tests.
 * NULL is fine. */
MEND_API void mend_free(void *p);

/* Out of memory. libmend does not return half-built objects: when an
 * allocation fails it calls this handler (set once, before any other call;
 * NULL restores the default), with the size it asked for and `ud`, and then
 * aborts. The handler may log, save what the host holds, or leave with
 * longjmp() or exit() (libmend's objects, and what the interrupted call had
 * allocated, are then lost, not freed: a host's allocator may drop its own
 * blocks, as an arena would, but what libxml2 or the regular expression
 * library held for the call is lost to the process). By default nothing is
 * printed: the library never writes to the host's streams. */
typedef void (*mend_oom_fn)(size_t size, void *ud);
MEND_API void mend_set_out_of_memory(mend_oom_fn fn, void *ud);

/* ------------------------------------------------------------------------ */
/* Diagnostics: errors and warnings are values, never printed.              */
/* ------------------------------------------------------------------------ */

/* A note says what was not checked, or how a finding goes on; it is neither
 * an error nor a warning (mend_diags_errors does not count it). */
typedef enum mend_severity { MEND_ERROR = 0, MEND_WARNING = 1, MEND_NOTE = 2 } mend_severity;

typedef struct mend_diag {
  mend_severity severity;
  const char *file;    /* path as given to the loader; never NULL */
  int line;            /* 1-based; 0 when unknown */
  int column;          /* 1-based; 0 when unknown */
  const char *message; /* one line, no trailing newline */
  const char *code;    /* stable code for warnings (e.g. "W-unreachable"), or NULL */
} mend_diag;

typedef struct mend_diags mend_diags;

MEND_API mend_diags *mend_diags_new(void);
MEND_API void mend_diags_free(mend_diags *d);
MEND_API size_t mend_diags_count(const mend_diags *d);
MEND_API size_t mend_diags_errors(const mend_diags *d); /* how many are errors */
MEND_API const mend_diag *mend_diags_at(const mend_diags *d, size_t i);
/* Appends a diagnostic (copies every string). Used by tools that add their own
 * findings to a load's list. */
MEND_API void mend_diags_add(mend_diags *d, mend_severity sev, const char *file, int line,
                             int column, const char *code, const char *message);
/* Sorts by file, line, column, keeping the order of equal positions. */
MEND_API void mend_diags_sort(mend_diags *d);
/* Formats one diagnostic gcc-style: "file:line:col: error: message" (the column
 * is left out when unknown; " [code]" is appended for a coded one). Returns a
 * string the caller frees with mend_free(). */
MEND_API char *mend_diag_format(const mend_diag *diag);

/* ------------------------------------------------------------------------ */
/* Stories                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct mend_story mend_story;

/* Loads, validates and compiles a story file (and the files it XIncludes).
 * On success returns the story; every error goes to `diags` (which may be NULL)
 * and NULL is returned when there was at least one. */
MEND_API mend_story *mend_story_load(const char *path, mend_diags *diags);
/* The same from memory. `name` is used in diagnostics; `base_dir` is the folder
 * XIncludes are resolved against (NULL forbids XInclude). */
MEND_API mend_story *mend_story_load_memory(const char *data, size_t size, const char *name,
                                            const char *base_dir, mend_diags *diags);
/* The same with flags. MEND_LOAD_SCHEMA also validates the files against the
 * RELAX NG schema (mend.rng, built in). The loader's own checks already reject
 * everything the schema rejects, with clearer messages, and are several times
 * faster; the schema pass is a cross-check for tests and `mend lint --schema`. */
/* MEND_LOAD_PART lets the file be a part that stories include (root <nodes>)
 * instead of a story: it is checked as far as it can be alone (its elements,
 * attributes, expressions and its own ids), the ids and variables it uses
 * from the story that includes it are counted in a note, and NULL is
 * returned (a part cannot be played), with no error when it is sound. */
enum { MEND_LOAD_SCHEMA = 1u, MEND_LOAD_PART = 2u };
MEND_API mend_story *mend_story_load_with(const char *path, unsigned flags, mend_diags *diags);
MEND_API mend_story *mend_story_load_memory_with(const char *data, size_t size, const char *name,
                                                 const char *base_dir, unsigned flags,
                                                 mend_diags *diags);

/* A rubric's phrases (<say> in a <rule>) are read with the words of the
 * story's language: its variants ("dont" = "don't"), other forms of a word
 * (a Snowball stemmer), negation ("I'm not sorry"). They are data, not code
 * (stories/lang/LANG.words, a lexicon without signs: see mend/safety.h): the
 * loader asks the caller for them, with the story's language tag, once it
 * meets a phrase. Without them (no function, or NULL returned), phrases
 * match words as written, and a warning says so. The lexicon is copied: it
 * need not outlive the call. */
struct mend_lexicon;
typedef const struct mend_lexicon *(*mend_words_fn)(void *ud, const char *lang);
typedef struct mend_load_opts {
  unsigned flags;      /* MEND_LOAD_SCHEMA */
  mend_words_fn words; /* may be NULL */
  void *words_ud;
} mend_load_opts;
MEND_API mend_story *mend_story_load_opts(const char *path, const mend_load_opts *opts,
                                          mend_diags *diags);
MEND_API mend_story *mend_story_load_memory_opts(const char *data, size_t size, const char *name,
                                                 const char *base_dir, const mend_load_opts *opts,
                                                 mend_diags *diags);
MEND_API void mend_story_free(mend_story *story);

/* Story images. An image is a story as the loader reads it from its files
 * (elements, texts, line numbers, of the story file and of the files it
 * includes) in a compact binary form, versioned and checksummed: how a story
 * travels where there are no files and no XML parser (the engine compiled to
 * WebAssembly, in the page `mend export --html` writes). Loading an image
 * runs every check that loading the files runs, so an image is as untrusted
 * as a story file: a damaged or crafted one gives errors, never a crash.
 *
 * mend_story_image loads a story as mend_story_load_opts does and, when it
 * loads without error, also gives its image (in *image and *image_len, to
 * free with mend_free(); NULL and 0 otherwise). Files are named in the image relative to
 * the story's folder. mend_story_load_image loads one (MEND_LOAD_SCHEMA is
 * ignored: the schema needs the files).
 *
 * A build without libxml2 (the WebAssembly one, MEND_NO_XML) has only
 * mend_story_load_image: the functions above that read XML are left out. */
MEND_API mend_story *mend_story_image(const char *path, const mend_load_opts *opts, char **image,
                                      size_t *image_len, mend_diags *diags);
MEND_API mend_story *mend_story_load_image(const void *data, size_t size,
                                           const mend_load_opts *opts, mend_diags *diags);

MEND_API const char *mend_story_id(const mend_story *s);
MEND_API const char *mend_story_title(const mend_story *s);
MEND_API const char *mend_story_about(const mend_story *s); /* "" when absent */
MEND_API const char *mend_story_lang(const mend_story *s);
MEND_API const char *mend_story_author(const mend_story *s); /* "" when absent */
MEND_API int mend_story_minutes(const mend_story *s);        /* 0 when absent */
MEND_API const char *mend_story_tags(const mend_story *s);   /* "" when absent */
MEND_API const char *mend_story_source(const mend_story *s); /* "" when absent */
MEND_API const char *mend_story_file(const mend_story *s);
/* A 64-bit hash of the story's bytes (main file and included files): saves
 * carry it so that a save from an edited story is detected. */
MEND_API uint64_t mend_story_hash(const mend_story *s);
/* Bytes held by the compiled story (all its arrays and strings). */
MEND_API size_t mend_story_size(const mend_story *s);
/* How many files it was read from (1 + the files it includes). */
MEND_API size_t mend_story_file_count(const mend_story *s);
/* The i-th of them, as diagnostics name it (0 is the story's own file);
 * NULL past the last. */
MEND_API const char *mend_story_file_at(const mend_story *s, size_t i);
/* How many nodes and endings it has. */
MEND_API size_t mend_story_node_count(const mend_story *s);

typedef enum mend_type { MEND_INT = 0, MEND_BOOL = 1, MEND_TEXT = 2 } mend_type;

/* What kind of measure a labelled variable is (its `measure` attribute).
 * A check-in is asked of the person (a scale or yes/no question): a player
 * shows what they answered. Story state is worked out by the story (choices
 * that set it, a check's score): it serves the story's conditions and the
 * tools, and a player does not show it to the person as a score. Without
 * the attribute, a measure that some <ask> asks is a check-in, and one that
 * no <ask> asks is story state. */
typedef enum mend_measure_kind {
  MEND_MEASURE_NONE = 0,    /* not a measure: the variable has no label */
  MEND_MEASURE_CHECKIN = 1, /* measure="check-in" */
  MEND_MEASURE_STORY = 2    /* measure="story" */
} mend_measure_kind;
/* "check-in", "story", or "" for MEND_MEASURE_NONE */
MEND_API const char *mend_measure_kind_name(mend_measure_kind k);

typedef struct mend_var_info {
  const char *name;
  mend_type type;
  const char *label; /* NULL unless the variable is a measure */
  int64_t init;      /* int and bool (0/1) */
  const char *init_text;
  bool has_min, has_max;
  int64_t min, max;
  int line;
  mend_measure_kind measure; /* NONE exactly when label is NULL */
} mend_var_info;

MEND_API size_t mend_story_var_count(const mend_story *s);
MEND_API const mend_var_info *mend_story_var(const mend_story *s, size_t i);

/* ------------------------------------------------------------------------ */
/* Rendered text                                                            */
/* ------------------------------------------------------------------------ */

enum { MEND_STYLE_EM = 1u, MEND_STYLE_STRONG = 2u };

/* A styled run inside a rendered text: bytes [start, start+length). Runs
 * cover only the styled parts; everything else is plain. */
typedef struct mend_span {
  size_t start, length;
  unsigned style;
} mend_span;

/* A rendered paragraph: whitespace-normalised UTF-8, variables interpolated.
 * `text` is NUL-terminated (text[length] == 0) and holds no other NUL, so it
 * may be used as a C string. */
typedef struct mend_text {
  const char *text;
  size_t length;
  const mend_span *spans;
  size_t nspans;
} mend_text;

typedef enum mend_tone {
  MEND_TONE_NEUTRAL = 0,
  MEND_TONE_POSITIVE = 1,
  MEND_TONE_CAUTION = 2,
  MEND_TONE_NEGATIVE = 3
} mend_tone;
#define MEND_TONE_COUNT 4
MEND_API const char *mend_tone_name(mend_tone t); /* "neutral", "positive", ... */

/* ------------------------------------------------------------------------ */
/* Sessions: the step machine                                               */
/* ------------------------------------------------------------------------ */

typedef struct mend_session mend_session;

/* What the session produced since the last decision, in order. */
typedef enum mend_item_kind {
  MEND_ITEM_PARAGRAPH = 0,    /* a <text> */
  MEND_ITEM_FEEDBACK = 1,     /* a choice's <feedback>, with its tone */
  MEND_ITEM_RULE = 2,         /* one rule of a <check>: met or unmet, with feedback */
  MEND_ITEM_SUPPORT = 3,      /* time to offer support: see `support` and mend/safety.h */
  MEND_ITEM_UNREAD = 4,       /* a <check> did not read the answer: it is not in the story's
                                 language (the text names the language: "English") */
  MEND_ITEM_CONTACT = 5,      /* a <contact/>: the person reached out to their ex in the story
                                 (a player that keeps the person's data records the day; the
                                 text is empty) */
  MEND_ITEM_SUPPORT_AGAIN = 6 /* support was offered in full before for something as serious:
                                 time for a short reminder that it is still there (see
                                 `support`) */
} mend_item_kind;

struct mend_safety_hit;

typedef struct mend_item {
  mend_item_kind kind;
  mend_text text;         /* feedback text of a rule may be empty */
  mend_tone tone;         /* feedback */
  const char *rule_label; /* rule */
  bool met;               /* rule */
  bool absent;            /* rule: it looks for something to avoid (met: not found) */
  const char *watch;      /* rule: what an absent rule looks for, in a few words, or NULL */
  mend_text quote;        /* rule: the words of the answer it found, or "" (no spans) */
  int line;               /* where it stands in its file */
  /* support, support again: what was noticed. Its category is crisis or
   * abuse; its kind is "story" for a <support/> of the story (the text is
   * then empty), or the lexicon's kind for a sign found in the text answer
   * just given (the text is then the words that triggered it). A session
   * offers support in full (MEND_ITEM_SUPPORT) again only for something more
   * serious in its category than what it offered before (see
   * mend_story_set_lexicon()); for anything else it gives
   * MEND_ITEM_SUPPORT_AGAIN, for a short reminder that the support offered
   * is still there: one a view at most (a node with a sign and a <support/>
   * gets one), and none for a category the same view offers in full. */
  const struct mend_safety_hit *support;
} mend_item;

/* What the session waits for. */
typedef enum mend_pending {
  MEND_PENDING_ASK = 0,    /* a question: mend_session_answer() */
  MEND_PENDING_CHOICE = 1, /* choices: mend_session_choose() */
  MEND_PENDING_AUTO = 2,   /* an automatic move: mend_session_continue() */
  MEND_PENDING_END = 3,    /* an ending was reached: mend_session_summary() */
  MEND_PENDING_ERROR = 4   /* a story error at run time: mend_session_error() */
} mend_pending;

typedef enum mend_ask_kind {
  MEND_ASK_TEXT = 0,
  MEND_ASK_SCALE = 1,
  MEND_ASK_YESNO = 2
} mend_ask_kind;

typedef struct mend_question {
  mend_ask_kind kind;
  mend_text prompt;
  const char *var;  /* the variable the answer goes into */
  int64_t min, max; /* scale */
  bool journal;     /* text: the answer belongs in the person's journal */
  size_t nexamples;
  const char *const *examples;
  /* text: answers made from the phrases of the rules that read this
   * variable (a <say>'s own words), for automatic testers */
  size_t nsamples;
  const char *const *samples;
  int line;
  /* text: how many of the samples, the last ones, are signs of the safety
   * layer, for the crisis() and abuse() that read this variable: an answer
   * a person may write, which a tester that keeps to the examples tries too
   * (its branches are the ones that matter most) */
  size_t nsigns;
} mend_question;

typedef struct mend_choice_view {
  mend_text label;
  const char *id; /* NULL when the choice has no id */
  size_t index;   /* position among the node's choices (stable across views) */
  int line;
} mend_choice_view;

/* Results of answering. */
typedef enum mend_status {
  MEND_OK = 0,
  MEND_E_STATE = 1,      /* the session does not wait for this kind of answer */
  MEND_E_NOT_NUMBER = 2, /* scale: not a whole number */
  MEND_E_RANGE = 3,      /* scale: outside min..max; choice: no such choice */
  MEND_E_NOT_YESNO = 4,  /* yes/no: not y, yes, n or no */
  MEND_E_BAD_UTF8 = 5,   /* no longer returned: a text answer is cleaned (mend_answer_clean) */
  MEND_E_TOO_LONG = 6,   /* text longer than MEND_MAX_ANSWER bytes */
  MEND_E_NOTHING = 7,    /* undo: nothing to undo */
  MEND_E_NOMEM = 8,      /* not returned: out of memory goes to mend_set_out_of_memory's handler */
  MEND_E_UNSURE = 9      /* scale or yes/no: "maybe", "idk", "not sure": the person does not know */
} mend_status;

/* The most a text answer may hold, in bytes, once cleaned and trimmed (a line
 * break is one byte). */
#define MEND_MAX_ANSWER 4096
/* The most one text may render to: a story whose text could render to more
 * (its literal bytes plus, for each {var}, the longest value the variable
 * can hold: MEND_MAX_ANSWER for a text) does not load, and rendering never
 * goes past it. */
#define MEND_MAX_RENDERED (2u * 1024 * 1024)

/* A new session at the story's start, with its own random source. The story
 * must outlive the session. Returns NULL when story is NULL (out of memory:
 * see mend_set_out_of_memory). */
MEND_API mend_session *mend_session_new(const mend_story *story, uint64_t seed);
MEND_API void mend_session_free(mend_session *s);
/* Starts over with a new seed, keeping allocations (for testers). */
MEND_API void mend_session_reset(mend_session *s, uint64_t seed);

MEND_API const mend_story *mend_session_story(const mend_session *s);
MEND_API uint64_t mend_session_seed(const mend_session *s);

MEND_API size_t mend_session_item_count(const mend_session *s);
MEND_API const mend_item *mend_session_item(const mend_session *s, size_t i);
MEND_API mend_pending mend_session_pending(const mend_session *s);
/* The id of the node or ending the session is in. */
MEND_API const char *mend_session_node(const mend_session *s);

MEND_API const mend_question *mend_session_question(const mend_session *s); /* ASK, else NULL */
/* Checks an answer to the pending question without giving it. */
MEND_API mend_status mend_session_check_answer(const mend_session *s, const char *answer);
/* Answers the pending question. `answer` is what the person typed: a whole
 * number for a scale, y/yes/n/no for yes/no (case-insensitive), text for text:
 * one line or several, cleaned as mend_answer_clean cleans it (what cannot be
 * shown is left out, never refused), then trimmed; empty means skipped,
 * leaving the variable unchanged. MEND_E_TOO_LONG when what is kept is longer
 * than MEND_MAX_ANSWER. */
MEND_API mend_status mend_session_answer(mend_session *s, const char *answer);

MEND_API size_t mend_session_choice_count(const mend_session *s); /* offered choices */
MEND_API const mend_choice_view *mend_session_choice(const mend_session *s, size_t i);
/* Takes the i-th offered choice (0-based). */
MEND_API mend_status mend_session_choose(mend_session *s, size_t i);

/* Follows the pending automatic move. */
MEND_API mend_status mend_session_continue(mend_session *s);

/* Steps back to the previous decision (question or choice). */
MEND_API mend_status mend_session_undo(mend_session *s);
/* How many decisions (answers and choices) were made to reach this point. */
MEND_API size_t mend_session_decisions(const mend_session *s);

/* The run-time story error, formatted "file:line: error: message". */
MEND_API const char *mend_session_error(const mend_session *s);

/* Values now. */
MEND_API int64_t mend_session_int(const mend_session *s, const char *var); /* int/bool */
MEND_API const char *mend_session_text(const mend_session *s, const char *var);

/* ---- the summary of an ended session ----------------------------------- */

typedef struct mend_measure {
  const char *name, *label;
  mend_type type; /* MEND_INT or MEND_BOOL */
  /* start: the init value, or the first answer to a question into the measure
   * when nothing changed it before (a check-in at the start is the baseline) */
  int64_t start, final;
  /* a check-in or story state (see mend_measure_kind): a player shows the
   * person what they answered to check-ins (the answers are in `answers`),
   * and keeps story state for the story and the tools */
  mend_measure_kind kind;
} mend_measure;

typedef struct mend_answer_record {
  const char *var;
  const char *prompt; /* rendered prompt, plain text */
  mend_ask_kind kind;
  int64_t value;    /* scale and yes/no */
  const char *text; /* text answers; "" when skipped */
  bool skipped;
  bool journal;
  const char *node;  /* where it was asked */
  bool says_nothing; /* a text answer that says nothing ("idk", "."), as nothing() reads it */
} mend_answer_record;

typedef struct mend_summary {
  const char *ending_id, *ending_title;
  mend_tone ending_tone;
  size_t nmeasures;
  const mend_measure *measures;
  size_t nanswers; /* every answer given, scale, yes/no and text, in order */
  const mend_answer_record *answers;
  size_t feedback[MEND_TONE_COUNT]; /* feedbacks shown, by tone */
  size_t decisions;
  /* the ending asks that the check-ins not be shown (checkins="false": an
   * ending whose check-ins' words would not fit, "Ready to restart with
   * them" after a death); they are still in measures and answers */
  bool checkins_hidden;
} mend_summary;

/* Valid at any time; the ending fields are NULL until an ending is reached. */
MEND_API const mend_summary *mend_session_summary(const mend_session *s);

/* ---- saving and restoring ---------------------------------------------- */

/* Serialises the session (story id and hash, seed, the decisions made) to a
 * versioned, checksummed text, in *out (the caller's, to free with
 * mend_free()) and *outlen. Returns MEND_OK (out of memory goes to the
 * handler: see mend_set_out_of_memory). */
MEND_API mend_status mend_session_save(const mend_session *s, char **out, size_t *outlen);

typedef enum mend_restore_status {
  MEND_RESTORED = 0,
  MEND_R_CORRUPT = 1,       /* not a save, truncated, or checksum mismatch */
  MEND_R_VERSION = 2,       /* a save format this version does not know */
  MEND_R_OTHER_STORY = 3,   /* the save belongs to another story id */
  MEND_R_STORY_CHANGED = 4, /* same id, different content hash */
  MEND_R_DIVERGED = 5,      /* (with MEND_RESTORE_REPLAY) the decisions no longer fit */
  MEND_R_NOMEM = 6          /* not returned: see MEND_E_NOMEM */
} mend_restore_status;

enum { MEND_RESTORE_REPLAY = 1 }; /* replay the decisions even on a changed story */

/* Restores a session from a save. With MEND_R_STORY_CHANGED, calling again with
 * MEND_RESTORE_REPLAY replays the recorded decisions on the new version as far
 * as they still fit (status MEND_R_DIVERGED when some did not; the session is
 * then returned at the first point that did not fit). */
MEND_API mend_session *mend_session_restore(const mend_story *story, const char *data, size_t len,
                                            unsigned flags, mend_restore_status *status);

/* Reads only the header of a save: its story id and decision count, for
 * listings. Returns false when the data is not a valid save. `id` receives a
 * string to free with mend_free(). */
MEND_API bool mend_save_peek(const char *data, size_t len, char **id, size_t *decisions);

/* ---- text helpers shared by all front ends -------------------------------- */

/* The length of the valid UTF-8 character at s (at most n bytes), its code
 * point in *cp; 0 when the bytes are not valid UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF are not). */
MEND_API size_t mend_utf8_decode(const char *s, size_t n, unsigned *cp);

/* What a person typed (or pasted) for a text answer, made fit to keep, as
 * mend_session_answer keeps it: line breaks are kept (\r\n, a lone \r and
 * the Unicode line and paragraph separators become \n), tabs too; what
 * cannot be shown is left out: escape sequences (ESC [ ... as arrow keys and
 * colours send them, ESC ] ... BEL, ...), control characters, DEL, the C1
 * controls, NUL bytes and bytes that are not UTF-8. Returns a NUL-terminated
 * string (never NULL; free it with mend_free()) and, in *dropped (may be NULL), how many
 * characters were left out, an escape sequence counting as one: what a
 * front end tells the person ("I left out 2 characters that cannot be
 * shown"). Nothing is trimmed. */
MEND_API char *mend_answer_clean(const char *answer, size_t len, size_t *dropped);

/* ---- answer parsing shared by all front ends ---------------------------- */

/* Parses a scale answer: optional sign and digits, surrounding space allowed. */
MEND_API mend_status mend_parse_scale(const char *answer, int64_t min, int64_t max, int64_t *out);
/* Parses y, yes, n, no (any case, surrounding space allowed). */
MEND_API mend_status mend_parse_yesno(const char *answer, bool *out);

#ifdef __cplusplus
}
#endif

#endif
