/* SPDX-License-Identifier: MIT */
/* screen.c - see screen.h. */
#include "screen.h"
#include "show.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

const char support_choices[] = "What would you like to do now?\n"
                               "  1) Go on with the scenario\n"
                               "  2) Pause here: your place is kept, and you can come back later\n"
                               "  3) Stop this scenario (your journal keeps what you wrote)";
const char support_choices_unsaved[] = "What would you like to do now?\n"
                                       "  1) Go on with the scenario\n"
                                       "  2) Stop here (this session is not being saved)";

static void add_line(xbuf *b, const mend_line *l) {
  xbuf_adds(b, "  ");
  xbuf_adds(b, l->name);
  xbuf_adds(b, ":");
  const char *sep = " ";
  if (*l->call) {
    xbuf_adds(b, sep);
    xbuf_adds(b, "call ");
    xbuf_adds(b, l->call);
    sep = ", or ";
  }
  if (*l->text) {
    xbuf_adds(b, sep);
    xbuf_adds(b, "text ");
    xbuf_adds(b, l->text);
    sep = ", or ";
  }
  if (*l->chat) {
    xbuf_adds(b, sep);
    xbuf_adds(b, "chat at ");
    xbuf_adds(b, l->chat);
  }
  if (*l->call || *l->text || *l->chat) xbuf_adds(b, ".");
  if (*l->hours) {
    xbuf_adds(b, " ");
    xbuf_adds(b, l->hours);
    xbuf_adds(b, ".");
  }
  if (*l->lang) {
    xbuf_adds(b, " Languages: ");
    xbuf_adds(b, l->lang);
    xbuf_adds(b, ".");
  }
  if (*l->web && strcmp(l->web, l->chat)) {
    xbuf_adds(b, " ");
    xbuf_adds(b, l->web);
  }
  xbuf_adds(b, "\n");
}

/* The lines of one kind for the person's country; "*" ones when it has none. */
static size_t add_lines(xbuf *b, const screen_place *s, mend_line_kind kind) {
  size_t n = 0;
  const mend_country *cs[2] = {s->here, mend_resources_find(s->res, NULL)};
  for (int k = 0; k < 2 && !n; k++) {
    if (!cs[k]) continue;
    for (size_t i = 0; i < cs[k]->nlines; i++)
      if (cs[k]->lines[i].kind == kind) {
        add_line(b, &cs[k]->lines[i]);
        n++;
      }
  }
  return n;
}

static void add_emergency(xbuf *b, const screen_place *s, const char *when) {
  const mend_line *e = NULL;
  for (size_t i = 0; s->here && i < s->here->nlines && !e; i++)
    if (s->here->lines[i].kind == MEND_LINE_EMERGENCY) e = &s->here->lines[i];
  xbuf_adds(b, "  Emergency: ");
  if (e) {
    xbuf_adds(b, "call ");
    xbuf_adds(b, e->name);
  } else {
    xbuf_adds(b, "call your local emergency number");
  }
  xbuf_adds(b, when);
  xbuf_adds(b, "\n");
}

/* Where the lines come from, and how to see another country's: on a
 * terminal, with mend support --country (as it can be typed here); on the page, with the list of
 * countries below the screen. */
static void add_where(xbuf *b, const screen_place *s) {
  const char *name = s->here && strcmp(s->here->code, "*") ? s->here->name : NULL;
  if (name) {
    xbuf_adds(b, "(Lines for: ");
    xbuf_adds(b, name);
    if (s->support) {
      xbuf_adds(b, ". For another country: ");
      xbuf_adds(b, s->support);
      xbuf_adds(b, " --country and its two-letter code.)\n");
    } else {
      xbuf_adds(b, ". For another country, choose it below.)\n");
    }
  } else if (s->code[0]) {
    xbuf_adds(b, "(mend has no lines for ");
    xbuf_adds(b, s->code);
    xbuf_adds(b, s->support ? " yet. The lines above are for anywhere.)\n"
                            : " yet. The lines above are for anywhere; you can choose another "
                              "country below.)\n");
  } else {
    xbuf_adds(b, s->support ? "(mend does not know your country. Tell it with --country CODE, "
                              "such as GB, or MEND_COUNTRY=CODE, and it shows that country's "
                              "lines.)\n"
                            : "(mend does not know your country. Choose it below, and it shows "
                              "that country's lines.)\n");
  }
}

static void add_words(xbuf *b, const char *words) {
  xbuf_adds(b, "You wrote: \"");
  xbuf_adds(b, words);
  xbuf_adds(b, "\".\n");
}

char *screen_support(const screen_place *s, const mend_safety_hit *crisis, const char *crisis_words,
                     const mend_safety_hit *abuse, const char *abuse_words) {
  xbuf b = {0};
  xbuf_adds(&b, "A moment, before we go on.\n\n");
  if (crisis) {
    if (crisis_words && *crisis_words) {
      add_words(&b, crisis_words);
      if (crisis->says) {
        xbuf_adds(&b, crisis->says);
        xbuf_adds(&b, "\n");
      }
      xbuf_adds(&b, "If that is true for you, even a little, you deserve support right now.\n");
    } else {
      xbuf_adds(&b, "This can be a heavy moment. If you are thinking about not being alive, or "
                    "about hurting yourself, you deserve support right now.\n");
    }
    xbuf_adds(&b, "\nmend is not a crisis service. These people are, and you can talk to them "
                  "about anything:\n");
    add_lines(&b, s, MEND_LINE_CRISIS);
    add_emergency(&b, s, " if you might act on these thoughts, or you are in danger now.");
    xbuf_adds(&b, "\nRight now you could:\n"
                  "  - call or text one of the lines above, or someone you trust;\n"
                  "  - go and be with someone, or somewhere there are other people;\n"
                  "  - put away anything you could use to hurt yourself.\n");
  }
  if (abuse) {
    if (crisis) xbuf_adds(&b, "\n");
    if (abuse_words && *abuse_words) {
      add_words(&b, abuse_words);
      if (abuse->says) {
        xbuf_adds(&b, abuse->says);
        xbuf_adds(&b, "\n");
      }
    } else {
      xbuf_adds(&b, "If anyone has hurt you, threatened you or controlled you, what you went "
                    "through may be abuse.\n");
    }
    if (!(s->again & 1u << MEND_SAFETY_ABUSE))
      /* (not quoting the article's "your decision" line to someone just
       * controlled: v85 TR-1) */
      xbuf_adds(&b, "These scenarios draw on advice about getting an ex back, such as going "
                    "without contact to win them back. That advice assumes a relationship that "
                    "was safe. It may not fit yours. What was done to you was not your fault, and "
                    "you never have to win back someone who hurt you.\n");
    xbuf_adds(&b, "\nYou can talk it through, in confidence, with:\n");
    add_lines(&b, s, MEND_LINE_ABUSE);
    add_emergency(&b, s, " if you are in danger now.");
  }
  xbuf_adds(&b, "\n");
  if (!s->again) { /* (said once is enough) */
    add_where(&b, s);
    xbuf_adds(&b, "\n");
  }
  return b.data;
}

char *screen_all_lines(const screen_place *s) {
  xbuf b = {0};
  xbuf_adds(&b, "If you are thinking about ending your life, or about hurting yourself:\n");
  add_lines(&b, s, MEND_LINE_CRISIS);
  xbuf_adds(&b, "\nIf someone is hurting, threatening or controlling you:\n");
  add_lines(&b, s, MEND_LINE_ABUSE);
  xbuf_adds(&b, "\nIf you are in danger now:\n");
  add_emergency(&b, s, ".");
  xbuf_adds(&b, "\nmend is not a crisis service. These people are, and you can talk to them "
                "about anything.\n");
  add_where(&b, s);
  return b.data;
}

unsigned screen_seen(const mend_session *s, const int refused[2], bool in_view) {
  unsigned seen = 0;
  for (int k = 0; k < 2; k++) {
    mend_safety_category c = k ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE;
    int level = in_view ? mend_session_support_before(s, c) : mend_session_support_level(s, c);
    if (level > 0 || refused[k] > 0) seen |= 1u << c;
  }
  return seen;
}

const char *screen_again(mend_safety_category c, bool on_page) {
  if (c == MEND_SAFETY_ABUSE)
    return on_page ? "That sounds hard again. The helplines from before are still here: choose "
                     "People to talk to, at the top of the page."
                   : "That sounds hard again. The helplines from before are still here: type "
                     ":support to see them.";
  return on_page ? "That sounds heavy again. The helplines from before are still here: choose "
                   "People to talk to, at the top of the page."
                 : "That sounds heavy again. The helplines from before are still here: type "
                   ":support to see them.";
}

/* (not the last sentence of screen_again over again: said after it in the
 * session, the same words read as a machine's) */
const char *screen_again_later(mend_safety_category c, bool on_page) {
  (void)c;
  return on_page ? "To see the helplines again, choose People to talk to, at the top of the page."
                 : "To see the helplines again, type :support.";
}

/* For heavy words typed again in the view that already said where the lines
 * are: heard, without the same sentence twice (a second "i hate myself"
 * got the hint alone, as if it had not been read). Where the lines are is
 * said once a session: after that, "I hear you." (the same pointer at every
 * decision read as a machine's). */
static const char *heard_again(unsigned *said, bool on_page) {
  if (*said & SCREEN_POINTED) return "I hear you.";
  *said |= SCREEN_POINTED;
  return on_page ? "I hear you. People to talk to is at the top of the page, whenever you want it."
                 : "I hear you. :support is there whenever you want it.";
}

/* For heavy or unsafe words with no sign, where the lines are, in a sentence. */
static const char *quiet_line(mend_told flags, bool on_page) {
  if (flags & MEND_TOLD_HEAVY)
    return on_page ? "That sounds heavy. If you would like to talk to someone, choose People to "
                     "talk to, at the top of the page."
                   : "That sounds heavy. If you would like to talk to someone, type :support to "
                     "see who you can reach.";
  return on_page ? "That sounds hard. If they were not safe to be with, People to talk to, at "
                   "the top of the page, shows who can help."
                 : "That sounds hard. If they were not safe to be with, type :support to see "
                   "who can help.";
}

/* Whether word w[0..n) stands as a word in text t. */
static bool word_in(const mend_text *t, const char *w, size_t n) {
  for (size_t k = 0; k + n <= t->length; k++)
    if ((!k || !isalnum((unsigned char)t->text[k - 1])) && !strncasecmp(t->text + k, w, n) &&
        (k + n == t->length || !isalnum((unsigned char)t->text[k + n])))
      return true;
  return false;
}

/* Whether line is a try at a choice on offer: at least half its words are
 * words of four letters or more of one choice ("the chat", "open chat pls"
 * for "Open their chat"), not words to hear ("i just want him back", whose
 * "want" is one of "Yes! Anything you want!"). */
static bool names_a_choice(const mend_session *s, const char *line) {
  if (mend_session_pending(s) != MEND_PENDING_CHOICE) return false;
  for (size_t i = 0; i < mend_session_choice_count(s); i++) {
    const mend_text *t = &mend_session_choice(s, i)->label;
    size_t words = 0, named = 0;
    for (const char *w = line; *w;) {
      while (*w && !isalnum((unsigned char)*w))
        w++;
      size_t n = 0;
      while (isalnum((unsigned char)w[n]))
        n++;
      if (n) words++;
      if (n >= 4 && word_in(t, w, n)) named++;
      w += n;
    }
    if (named && 2 * named >= words) return true;
  }
  return false;
}

/* A question typed back where a yes or no is asked ("should i?"). */
static bool asks_back(const mend_session *s, const char *line, size_t len) {
  if (mend_session_pending(s) != MEND_PENDING_ASK ||
      mend_session_question(s)->kind != MEND_ASK_YESNO)
    return false;
  while (len && isspace((unsigned char)line[len - 1]))
    len--;
  return len && line[len - 1] == '?';
}

const char *screen_heard_also(const mend_session *s, const char *said) {
  const char *words;
  if (mend_session_heard(s, &words) != MEND_HEARD_SAID || words == said) return NULL;
  return words;
}

bool screen_refused(mend_session *s, const char *line, int refused[2], unsigned *said, bool on_page,
                    mend_safety_result *r, const mend_safety_hit *hit[2], char *words[2],
                    const char **say, mend_told *told) {
  hit[0] = hit[1] = NULL;
  words[0] = words[1] = NULL;
  *say = NULL;
  size_t len = strlen(line);
  mend_told before = mend_session_told(s);
  mend_told flags = mend_session_tell(s, line, len, r);
  if (told) *told = flags;
  const mend_safety_hit *found[2] = {&r->abuse, &r->crisis};
  int level[2];
  for (int k = 0; k < 2; k++) {
    level[k] = mend_session_support_level(s, k ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE);
    if (refused[k] > level[k]) level[k] = refused[k];
  }
  /* the story's own <hear> for what the line told: its words said here, or
   * the story gone on with them (its view says them) */
  const char *heard_words;
  mend_heard heard_how = mend_session_heard(s, &heard_words);
  if (!r->category) { /* heavy or unsafe words, with no sign for the screen */
    if (heard_how != MEND_HEARD_NONE && !(flags & (MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE))) {
      /* (the story's words: the same line typed once more here still gets
       * "I hear you.", not the hint alone) */
      *said |= SCREEN_REMINDED;
      *say = heard_how == MEND_HEARD_SAID ? heard_words : NULL;
      return false;
    }
    if (!(flags & (MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE))) {
      /* words a list of the story hears ("i already texted him tonight",
       * "he died last month"): thanked, not met with the hint alone (what
       * comes next in the story takes them in) */
      /* ... thanked where what comes next takes them in (a node ahead
       * asks about them): elsewhere "Thank you for telling me" would promise
       * what the story does not do */
      /* (and only for what is new: told again, it is heard, not thanked twice) */
      /* (a dig, "ur a pathetic loser", is heard, not thanked) */
      mend_told heard =
          flags & ~before & ~(MEND_TOLD_ALL | MEND_TOLD_DIG) & mend_session_told_ahead(s, NULL);
      if (heard && !(*said & SCREEN_THANKED)) {
        *said |= SCREEN_REMINDED | SCREEN_THANKED;
        *say = "Thank you for telling me.";
      } else if (!(*said & SCREEN_HEARD) && show_choice_first(s, line) < 0 &&
                 (heard ||
                  (!names_a_choice(s, line) && mend_session_choice_meant(s, line, len) < 0 &&
                   mend_session_reads_words(s, line, len)))) {
        /* (nor one that names a choice in its own words, asked about next:
         * "Do you mean 3) Block them?") */
        /* (not a line that starts with a choice the player takes next: "3
         * but ...", "I already know. im not going back, and ...") */
        /* (something new after a thanks at this decision: heard, not met
         * with the hint alone) */
        /* words nothing in the story hears ("i just want him back tbh"):
         * heard, rather than met with the hint alone, once a view (typed
         * again, the same words twice would read as a machine's); and a
         * question where a yes or no is asked ("should i?") is theirs */
        *said |= SCREEN_HEARD;
        *say = asks_back(s, line, len) ? "Only you can say. Either answer is all right."
                                       : "I hear you.";
      }
      return false;
    }
    /* the story's own <hear> for these words: its words alone, not the
     * player's line for them as well ("That sounds heavy..." then the story's
     * "The people at :support do care": v85 SOT-12) */
    if (heard_how == MEND_HEARD_SAID &&
        (mend_session_heard_reads(s) & flags & (MEND_TOLD_HEAVY | MEND_TOLD_UNSAFE))) {
      *said |= SCREEN_REMINDED;
      *say = heard_words;
      return false;
    }
    if (*said & SCREEN_REMINDED) { /* said once in this view: heard, in fewer words */
      *say = heard_again(said, on_page);
      return false;
    }
    *said |= SCREEN_REMINDED;
    int k = flags & MEND_TOLD_HEAVY ? 1 : 0;
    /* (told such words before, in another view: heard, in fewer words, not
     * the same sentence again) */
    mend_told kind = k ? MEND_TOLD_HEAVY : MEND_TOLD_UNSAFE;
    /* (the reminder once a session in its words: "That sounds heavy again"
     * at every telling read as a machine's) */
    if (level[k] && !(*said & SCREEN_AGAIN)) {
      *said |= SCREEN_AGAIN;
      *say = screen_again(k ? MEND_SAFETY_CRISIS : MEND_SAFETY_ABUSE, on_page);
    } else {
      *say = level[k] || before & kind ? heard_again(said, on_page) : quiet_line(flags, on_page);
    }
    return false;
  }
  for (int k = 0; k < 2; k++) {
    if (!found[k]->category || found[k]->severity <= level[k]) continue;
    refused[k] = found[k]->severity;
    hit[k] = found[k];
    words[k] = strndup(line + found[k]->start, found[k]->size);
    if (!words[k]) abort();
  }
  if (hit[0] || hit[1]) return true;
  if (!(*said & (SCREEN_REMINDED | SCREEN_AGAIN))) {
    *said |= SCREEN_REMINDED | SCREEN_AGAIN;
    *say = screen_again(r->crisis.category ? r->crisis.category : r->abuse.category, on_page);
  } else {
    *said |= SCREEN_REMINDED;
    *say = heard_again(said, on_page);
  }
  return false;
}
