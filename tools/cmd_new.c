/* SPDX-License-Identifier: MIT */
/*
 * cmd_new.c - `mend new ID [--title T] [--dir D]`: writes D/ID.xml, a small,
 * valid, playable scenario with a comment on each element, to start a new
 * one from. It is lint-clean with no warnings, and every node, choice,
 * feedback, branch and ending can be reached by answering with its examples.
 * It never overwrites a file: the file is created with O_EXCL.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "invoked.h"
#include "emit.h"
#include "library.h"
#include "term.h"
#include "mend/mend.h"
#include "xalloc.h"

#define MAX_ID 64
#define MAX_TITLE 200

static const char new_usage[] =
    "usage: mend new ID [--title T] [--dir D]\n"
    "\n"
    "Writes D/ID.xml (D: the current folder by default), a small scenario to start\n"
    "from: valid, playable, with a comment on each element. ID is the scenario's id:\n"
    "lower-case letters, digits and '-', starting with a letter or digit, at most 64\n"
    "characters. The title defaults to the id in words. An existing file is never\n"
    "overwritten.\n"
    "\n"
    "Next: mend lint D/ID.xml, then mend play D/ID.xml.\n"
    "\n"
    "Exit status: 0 written, 1 the file exists already, 2 usage, 5 it could not be written.\n";

/* Each line of the scenario; @ID@ is the id, @CID@ the id in comments (where
 * "--" cannot appear), @TITLE@ the title, escaped for XML. */
static const char *const template_lines[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml-model href=\"@SCHEMA@\" type=\"application/xml\" "
    "schematypens=\"http://relaxng.org/ns/structure/1.0\"?>",
    "<!--",
    "  @CID@.xml - a new mend scenario, written by `mend new`. It is small, valid",
    "  and playable: change it into your own. Each element below has a comment",
    "  saying what it does; the authors' guide (stories/README.md) says more.",
    "",
    "    mend lint @CID@.xml      check it: errors, then warnings",
    "    mend play @CID@.xml      play it",
    "    mend stats @CID@.xml     count its words and paths",
    "    mend graph @CID@.xml | dot -Tsvg > @CID@.svg     draw it",
    "",
    "  The line <?xml-model ...?> above tells editors that know RELAX NG (Emacs's",
    "  nXML, VS Code with an XML extension, oXygen) where mend's schema is, so",
    "  that they check and complete elements as you type.",
    "",
    "  A comment like this one is for authors only: the player never shows it.",
    "-->",
    "<!-- story: the root. id is the scenario's id (mend play @CID@); start names",
    "     the node where every session begins. -->",
    "<story id=\"@ID@\" format=\"1\" start=\"arrive\" lang=\"en\">",
    "  <!-- title: shown in the library menu and at the top of the session. -->",
    "  <title>@TITLE@</title>",
    "  <!-- about: one paragraph for the library menu. -->",
    "  <about>A short practice scenario: notice how you feel, choose a next step, and check in "
    "again at the end.</about>",
    "  <!-- meta: optional facts about the scenario, shown by mend list and mend stats. -->",
    "  <meta>",
    "    <author>Your name</author>",
    "    <minutes>3</minutes>",
    "    <tags>practice</tags>",
    "    <source>Which part of the source material this scenario draws on</source>",
    "  </meta>",
    "",
    "  <!-- var: a variable. With a label it is a measure. This one is a check-in:",
    "       a question asks it, and the player shows what was answered on :status",
    "       and in the summary at the end, from the first answer to the last. A",
    "       measure the story works out from the choices would be measure=\"story\":",
    "       for conditions and tools, never shown to the person as a score.",
    "       min and max keep every value in range. -->",
    "  <var name=\"calm\" type=\"int\" init=\"5\" min=\"0\" max=\"10\" label=\"How calm you "
    "feel\" measure=\"check-in\"/>",
    "  <!-- A text variable, for what the person writes. -->",
    "  <var name=\"thoughts\" type=\"text\"/>",
    "  <!-- A bool variable: true or false (false to begin with). -->",
    "  <var name=\"sent_message\" type=\"bool\"/>",
    "",
    "  <!-- node: one step. Its content (text, set, ask, check) runs first, in",
    "       order; then its choices are offered. -->",
    "  <node id=\"arrive\">",
    "    <!-- text: one paragraph. -->",
    "    <text>Take a breath. This is a short practice, and there is no wrong answer.</text>",
    "    <!-- ask kind=\"scale\": a check-in; the answer goes into the variable. An",
    "         example is a sample answer (the player shows one on :example). -->",
    "    <ask var=\"calm\" kind=\"scale\">How calm do you feel right now, from 0 to 10?",
    "      <example>3</example>",
    "      <example>7</example>",
    "    </ask>",
    "    <!-- A text with if=\"...\" is shown only when its condition holds. In an",
    "         attribute, write < as &lt;. {calm} shows the variable's value. -->",
    "    <text if=\"calm &lt;= 3\">{calm} out of 10 is a hard place to be. Go gently.</text>",
    "    <!-- choice: an option the person can pick; to names where it leads. Its",
    "         feedback is shown after it is taken; its tone (positive, neutral,",
    "         caution or negative) is for you and the tools, never shown to the",
    "         person. A set in a choice runs when it is taken. -->",
    "    <choice to=\"write\">Write down what is on your mind",
    "      <feedback tone=\"positive\">Putting a feeling into words can make it a little "
    "smaller.</feedback>",
    "    </choice>",
    "    <choice to=\"walk\">Go for a short walk",
    "      <set var=\"calm\" value=\"calm + 1\"/>",
    "      <feedback tone=\"neutral\">Moving your body is one way to let a feeling pass "
    "through.</feedback>",
    "    </choice>",
    "    <choice to=\"phone\">Pick up your phone",
    "      <feedback tone=\"caution\">Reaching for the phone is a very human pull. Notice "
    "it.</feedback>",
    "    </choice>",
    "  </node>",
    "",
    "  <node id=\"write\">",
    "    <!-- ask kind=\"text\": a line of text. Its answer goes to the person's",
    "         private journal (journal=\"false\" would keep it out). -->",
    "    <ask var=\"thoughts\" kind=\"text\">What is on your mind? A sentence is enough.",
    "      <example>I miss them, and I am angry too.</example>",
    "    </ask>",
    "    <text>Thank you. What you wrote is kept in your journal, for you alone.</text>",
    "    <!-- goto: an automatic move, taken when no choice is offered. -->",
    "    <goto to=\"check_out\"/>",
    "  </node>",
    "",
    "  <node id=\"walk\">",
    "    <text>The air is cool. Your thoughts slow down a little.</text>",
    "    <!-- random: one branch is drawn by weight (here 3 to 1) from the",
    "         session's seeded random source. -->",
    "    <random>",
    "      <goto to=\"check_out\" weight=\"3\"/>",
    "      <goto to=\"phone\" weight=\"1\"/>",
    "    </random>",
    "  </node>",
    "",
    "  <node id=\"phone\">",
    "    <text>Their name is right there on the screen.</text>",
    "    <choice to=\"check_out\">Put the phone in another room",
    "      <set var=\"calm\" value=\"calm + 1\"/>",
    "      <feedback tone=\"positive\">Giving yourself space is a kindness to yourself.</feedback>",
    "    </choice>",
    "    <choice to=\"check_out\">Send them a message",
    "      <set var=\"sent_message\" value=\"true\"/>",
    "      <feedback tone=\"caution\">It is done. Be kind to yourself about it, whatever comes "
    "back.</feedback>",
    "    </choice>",
    "  </node>",
    "",
    "  <node id=\"check_out\">",
    "    <!-- The same scale again: the summary shows both check-ins. -->",
    "    <ask var=\"calm\" kind=\"scale\">And now, how calm do you feel, from 0 to 10?",
    "      <example>4</example>",
    "      <example>8</example>",
    "    </ask>",
    "    <!-- The first goto whose if holds is taken; the last has no condition,",
    "         so the person is never stuck. -->",
    "    <goto to=\"sent\" if=\"sent_message\"/>",
    "    <goto to=\"steadier\" if=\"calm >= 5\"/>",
    "    <goto to=\"still_raw\"/>",
    "  </node>",
    "",
    "  <!-- ending: the session stops here and shows the ending's title and the",
    "       summary. The tone is for you and the tools (mend graph colours by it);",
    "       the person never sees it. An ending has content only, no choices. -->",
    "  <ending id=\"steadier\" title=\"A little steadier\" tone=\"positive\">",
    "    <text>You gave yourself a few calm minutes. That counts.</text>",
    "  </ending>",
    "  <ending id=\"still_raw\" title=\"Still raw, and that is allowed\" tone=\"neutral\">",
    "    <text>Some evenings stay heavy. You can come back to this whenever you need.</text>",
    "  </ending>",
    "  <ending id=\"sent\" title=\"The message is sent\" tone=\"caution\">",
    "    <text>You reached out. Whatever they answer, or do not, your worth stays the same.</text>",
    "  </ending>",
    "",
    "  <!-- More in the authors' guide: check and rule (notes on what the person",
    "       wrote: <say> phrases, found in any form of their words and not when",
    "       negated, with <test> answers that mend test checks), <support/> (the",
    "       safety screen where your scenario needs it), once=\"true\" choices,",
    "       visits() and chosen() in conditions, and splitting a long scenario",
    "       over several files. -->",
    "</story>",
    NULL};

static bool valid_id(const char *id) {
  size_t n = strlen(id);
  if (n == 0 || n > MAX_ID) return false;
  for (size_t i = 0; i < n; i++) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

/* A title is one line of valid UTF-8 without control characters. */
static bool valid_title(const char *t) {
  size_t n = strlen(t), chars = 0;
  bool visible = false;
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t l = mend_utf8_decode(t + i, n - i, &cp);
    if (l == 0 || term_invisible(cp)) return false;
    if (cp != ' ') visible = true;
    chars++;
    i += l;
  }
  return visible && chars <= MAX_TITLE;
}

/* "my-first-story" -> "My first story" */
static char *title_of(const char *id) {
  char *t = malloc(strlen(id) + 1);
  if (!t) abort();
  size_t k = 0;
  for (const char *p = id; *p; p++) {
    char c = *p == '-' ? ' ' : *p;
    if (c == ' ' && (k == 0 || t[k - 1] == ' ')) continue;
    t[k++] = c;
  }
  while (k > 0 && t[k - 1] == ' ')
    k--;
  t[k] = '\0';
  if (k == 0) { /* "-" cannot start an id, so this is never reached */
    free(t);
    return strdup("New scenario");
  }
  if (t[0] >= 'a' && t[0] <= 'z') t[0] = (char)(t[0] - 'a' + 'A');
  return t;
}

static void put_xml(xbuf *b, const char *s) {
  for (; *s; s++) {
    if (*s == '&')
      xbuf_add(b, "&amp;", 5);
    else if (*s == '<')
      xbuf_add(b, "&lt;", 4);
    else if (*s == '>')
      xbuf_add(b, "&gt;", 4);
    else
      xbuf_add(b, s, 1);
  }
}

/* The scenario's text, with the placeholders filled in. */
static void render(xbuf *b, const char *id, const char *title, const char *schema) {
  bool comment_safe = !strstr(id, "--");
  for (size_t i = 0; template_lines[i]; i++) {
    const char *l = template_lines[i];
    while (*l) {
      const char *at = strchr(l, '@');
      if (!at) {
        xbuf_add(b, l, strlen(l));
        break;
      }
      xbuf_add(b, l, (size_t)(at - l));
      if (!strncmp(at, "@ID@", 4)) {
        xbuf_add(b, id, strlen(id));
        l = at + 4;
      } else if (!strncmp(at, "@CID@", 5)) {
        if (comment_safe)
          xbuf_add(b, id, strlen(id));
        else
          xbuf_add(b, "ID", 2);
        l = at + 5;
      } else if (!strncmp(at, "@TITLE@", 7)) {
        put_xml(b, title);
        l = at + 7;
      } else if (!strncmp(at, "@SCHEMA@", 8)) {
        put_xml(b, schema);
        l = at + 8;
      } else {
        xbuf_add(b, "@", 1);
        l = at + 1;
      }
    }
    xbuf_add(b, "\n", 1);
  }
}

int cmd_new(int argc, char **argv) {
  const char *title = NULL, *dir = ".";
  enum { O_TITLE = CLI_LONG, O_DIR };
  static const cli_option options[] = {
      {"title", O_TITLE, "a title"}, {"dir", O_DIR, "a folder"}, {0}};
  cli c;
  cli_start(&c, "new", new_usage, options, argc, argv);
  for (int k; (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP) return c.status;
    if (k == O_TITLE)
      title = c.arg;
    else
      dir = c.arg;
  }
  if (c.noperands > 1)
    return usage_error("new", "one id at a time ('%s' and '%s')", c.operands[0], c.operands[1]);
  const char *id = c.noperands ? c.operands[0] : NULL;
  if (!id) return usage_error("new", "no scenario id given (such as: mend new first-night)");
  if (!valid_id(id))
    return usage_error("new",
                       "'%s' is not a scenario id: use lower-case letters, digits and '-', "
                       "starting with a letter or digit, at most %d characters",
                       id, MAX_ID);
  if (title && !valid_title(title))
    return usage_error("new",
                       "--title: a title is one line of text (at most %d characters, no control "
                       "characters)",
                       MAX_TITLE);
  if (!*dir) return usage_error("new", "--dir needs a folder");
  char *own_title = title ? NULL : title_of(id);
  xbuf text = {0};
  /* the schema of this mend's own stories (the tree's, or the installed one) */
  char *bundled = library_bundled_dir();
  char *real = realpath(bundled, NULL); /* (build/../stories: the tree's own) */
  xbuf schema_path = {0};
  xbuf_adds(&schema_path, real ? real : bundled);
  free(real);
  xbuf_adds(&schema_path, "/mend.rng");
  free(bundled);
  char *schema = schema_path.data;
  render(&text, id, title ? title : own_title, schema);
  free(schema);
  free(own_title);

  size_t plen = strlen(dir) + strlen(id) + 6;
  char *path = malloc(plen);
  if (!path) abort();
  if (!strcmp(dir, "."))
    snprintf(path, plen, "%s.xml", id);
  else
    snprintf(path, plen, "%s%s%s.xml", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", id);
  int rc = EXIT_OK;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    if (errno == EEXIST) {
      fprintf(stderr, "mend new: %s already exists; not overwriting it\n", path);
      rc = EXIT_STORY;
    } else {
      fprintf(stderr, "mend new: cannot create %s: %s\n", path, strerror(errno));
      rc = EXIT_IO;
    }
  } else {
    size_t done = 0;
    while (done < text.len) {
      ssize_t w = write(fd, text.data + done, text.len - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      done += (size_t)w;
    }
    int err = done < text.len ? errno : 0;
    if (close(fd) != 0 && !err) err = errno;
    if (done < text.len || err) {
      fprintf(stderr, "mend new: cannot write %s: %s\n", path, strerror(err ? err : EIO));
      unlink(path); /* we created it: leave nothing half-written */
      rc = EXIT_IO;
    } else {
      char *lint = invoked_command("lint", path), *play = invoked_command("play", path);
      printf("Wrote %s. Next: %s, then %s\n", path, lint, play);
      free(lint);
      free(play);
    }
  }
  free(path);
  free(text.data);
  return rc;
}
