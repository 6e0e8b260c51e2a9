/* xmlerr.c - see xmlerr.h. */
#include "xmlerr.h"

#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "utf8.h"

/* How far back the cause of an error is looked for: one element's worth. */
#define LOOK_BACK (XML_MAX_TEXT + 4096)

static void say(xmlerr_out *o, const char *code, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say(xmlerr_out *o, const char *code, size_t off, const char *fmt, ...) {
  o->code = code;
  o->off = off;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(o->msg, sizeof o->msg, fmt, ap);
  va_end(ap);
}

static bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A character of an XML name (ASCII letters, digits, '-', '_', '.', ':', and
 * anything beyond ASCII). */
static bool name_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':' || c >= 0x80;
}

static size_t floor_of(size_t at) {
  return at > LOOK_BACK ? at - LOOK_BACK : 0;
}

/* The last occurrence of s (n bytes) that starts before `at`, or SIZE_MAX. */
static size_t last_before(const xmlerr_in *in, size_t at, const char *s, size_t n) {
  size_t stop = floor_of(at);
  for (size_t i = at < in->size ? at : in->size; i-- > stop;)
    if (i + n <= in->size && !memcmp(in->data + i, s, n)) return i;
  return SIZE_MAX;
}

/* The '<' of the tag the parser stands in (or after). */
static size_t tag_start(const xmlerr_in *in, size_t at) {
  size_t i = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "<", 1);
  return i == SIZE_MAX ? at : i;
}

/* The line of byte `off`, counted from an element whose line is known. */
static int line_of(const xmlerr_in *in, size_t off) {
  const xt_node *known = NULL;
  for (int i = in->depth - 1; i >= 0 && !known; i--)
    if (in->open[i]->off <= off) known = in->open[i];
  size_t from = known ? known->off : 0;
  int line = known ? known->line : 1;
  for (size_t i = from; i < off && i < in->size; i++)
    if (in->data[i] == '\n') line++;
  return line;
}

/* Copies the name that starts at p (at most n - 1 bytes) into buf. */
static const char *name_at(const xmlerr_in *in, size_t p, char *buf, size_t n) {
  size_t k = 0;
  if (p >= in->size) {
    buf[0] = 0;
    return buf;
  }
  while (p + k < in->size && k + 1 < n && name_char((unsigned char)in->data[p + k]))
    k++;
  while (k > 0 && p + k < in->size && ((unsigned char)in->data[p + k] & 0xC0) == 0x80)
    k--; /* not in the middle of a character */
  memcpy(buf, in->data + p, k);
  buf[k] = 0;
  return buf;
}

/* The attribute whose '=' or value the parser stands at: back over spaces and
 * '=' to the end of its name. Returns the byte where the name starts. */
static size_t attr_name_before(const xmlerr_in *in, size_t at, char *buf, size_t n) {
  size_t i = at < in->size ? at : in->size;
  size_t stop = floor_of(at);
  while (i > stop && (space(in->data[i - 1]) || in->data[i - 1] == '='))
    i--;
  size_t end = i;
  while (i > stop && name_char((unsigned char)in->data[i - 1]))
    i--;
  if (i == end) {
    snprintf(buf, n, "?");
    return at;
  }
  name_at(in, i, buf, n);
  return i;
}

/* Where attribute `name` is written in the tag that starts at `tag`, the
 * k-th time (from 0); SIZE_MAX when it is not there. */
static size_t attr_in_tag(const xmlerr_in *in, size_t tag, const char *name, int k) {
  size_t n = strlen(name);
  for (size_t i = tag + 1; i + n < in->size && in->data[i] != '>'; i++) {
    char c = in->data[i];
    if (c == '"' || c == '\'') { /* skip a value */
      const char *q = memchr(in->data + i + 1, c, in->size - i - 1);
      if (!q) break;
      i = (size_t)(q - in->data);
      continue;
    }
    if (space(in->data[i - 1]) && !memcmp(in->data + i, name, n) &&
        !name_char((unsigned char)in->data[i + n]) && k-- == 0)
      return i;
  }
  return SIZE_MAX;
}

/* The code point at byte `off`, and its length (0: not valid UTF-8). */
static size_t char_at(const xmlerr_in *in, size_t off, unsigned *cp) {
  *cp = 0;
  if (off >= in->size) return 0;
  return utf8_seq((const unsigned char *)in->data + off, in->size - off, cp);
}

static bool curly_quote(unsigned cp) {
  return cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x2018 ||
         cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0xAB || cp == 0xBB || cp == 0x2033 ||
         cp == 0x2032;
}

/* Whether byte `at` is inside a tag (between '<' and its '>'): from the
 * last '<' before it (a value cannot hold one), forward over the quoted
 * values, which may hold a '>' (if="urge > 5"). */
static bool in_tag(const xmlerr_in *in, size_t at) {
  if (at > in->size) at = in->size;
  size_t lt = last_before(in, at, "<", 1);
  if (lt == SIZE_MAX) return false;
  char quote = 0;
  for (size_t i = lt + 1; i < at; i++) {
    char c = in->data[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return false;
    }
  }
  return true;
}

/* ---- the errors ------------------------------------------------------------------ */

/* A closing tag that does not close the innermost open element. */
static void mismatch(const xmlerr_in *in, xmlerr_out *o) {
  const char *open = in->str1 ? in->str1 : "?", *close = in->str2 ? in->str2 : "?";
  const xt_node *el = in->depth > 0 ? in->open[in->depth - 1] : NULL;
  size_t end = last_before(in, in->at + 1 <= in->size ? in->at + 1 : in->size, "</", 2);
  if (end == SIZE_MAX) end = in->at;
  int end_line = line_of(in, end);
  bool closes_outer = false;
  for (int i = 0; i + 1 < in->depth; i++)
    if (!strcmp(in->open[i]->name, close)) closes_outer = true;
  if (closes_outer && el)
    say(o, "E-xml-unclosed", el->off,
        "<%s> is never closed: write </%s> where its content ends, before the </%s> on line %d",
        open, open, close, end_line);
  else if (edit_distance(open, close) <= 2 && strcmp(close, "unparsable"))
    say(o, "E-xml-close", end,
        "</%s> does not close <%s> (line %d), the element open here: did you mean </%s>?", close,
        open, in->int1, open);
  else
    say(o, "E-xml-close", end,
        "</%s> closes nothing: the element open here is <%s> (line %d); delete </%s>, or add "
        "the <%s> it is meant to close",
        close, open, in->int1, close, close);
}

/* The file ends inside an element. */
static void unfinished(const xmlerr_in *in, xmlerr_out *o) {
  const char *open = in->str1 ? in->str1 : "?";
  const xt_node *el = in->depth > 0 ? in->open[in->depth - 1] : NULL;
  size_t off = el ? el->off : in->at;
  if (in->depth <= 1)
    say(o, "E-xml-unclosed", off,
        "<%s> is never closed: the file ends before its </%s> (add it at the end)", open, open);
  else
    say(o, "E-xml-unclosed", off, "<%s> is never closed: the file ends before its </%s>", open,
        open);
}

/* '<' in an attribute value: a comparison, or a quote left open. */
static void lt_in_value(const xmlerr_in *in, xmlerr_out *o) {
  size_t lt =
      in->at < in->size && in->data[in->at] == '<' ? in->at : last_before(in, in->at + 1, "<", 1);
  size_t tag = lt == SIZE_MAX ? SIZE_MAX : last_before(in, lt, "<", 1);
  /* the value the '<' is in: its opening quote is the last quote after an
   * '=' between the tag's start and the '<' */
  size_t q = SIZE_MAX;
  for (size_t i = tag == SIZE_MAX ? 0 : tag; lt != SIZE_MAX && i < lt; i++) {
    if (in->data[i] == '=') {
      size_t j = i + 1;
      while (j < lt && space(in->data[j]))
        j++;
      if (j < lt && (in->data[j] == '"' || in->data[j] == '\'')) {
        const char *end = memchr(in->data + j + 1, in->data[j], lt - j - 1);
        if (!end) {
          q = j;
          break;
        }
        i = (size_t)(end - in->data);
      }
    }
  }
  char name[64];
  if (q != SIZE_MAX) attr_name_before(in, q, name, sizeof name);
  bool open_quote = false;
  for (size_t i = q == SIZE_MAX ? lt : q + 1; i < lt && q != SIZE_MAX; i++)
    if (in->data[i] == '>' || in->data[i] == '\n' || in->data[i] == '"' || in->data[i] == '\'')
      open_quote = true;
  if (q != SIZE_MAX && open_quote)
    say(o, "E-xml-quote", q,
        "the value of %s= is never closed: it needs a closing %c before the end of the tag", name,
        in->data[q]);
  else if (q != SIZE_MAX)
    say(o, "E-xml-lt", lt,
        "'<' inside the value of %s=: write it as &lt; (as in if=\"urge &lt; 5\"), and <= as "
        "&lt;=",
        name);
  else
    say(o, "E-xml-lt", lt == SIZE_MAX ? in->at : lt,
        "'<' inside an attribute value: write it as &lt; (as in if=\"urge &lt; 5\")");
}

/* A value that does not start with a quote. */
static void unquoted(const xmlerr_in *in, xmlerr_out *o) {
  char name[64], word[64];
  attr_name_before(in, in->at, name, sizeof name);
  unsigned cp;
  size_t len = char_at(in, in->at, &cp);
  if (len && curly_quote(cp)) {
    size_t v = in->at + len, k = 0;
    while (v + k < in->size && k < 60 && !space(in->data[v + k]) && in->data[v + k] != '>') {
      unsigned c2;
      size_t l2 = char_at(in, v + k, &c2);
      if (l2 && curly_quote(c2)) break;
      k += l2 ? l2 : 1;
    }
    bool whole = v + k < in->size && k < 60 && !space(in->data[v + k]) && in->data[v + k] != '>';
    if (whole) /* the value up to its closing curly quote */
      snprintf(word, sizeof word, "%.*s", (int)k, in->data + v);
    else /* a value with spaces (or too long) is not shown cut short */
      snprintf(word, sizeof word, "...");
    say(o, "E-xml-quote", in->at,
        "curly quotes around the value of %s=: XML needs straight quotes, as in %s=\"%s\" (a "
        "word processor turns \" into \u201C \u201D: write stories in a plain text editor, or turn "
        "off smart quotes)",
        name, name, word);
    return;
  }
  name_at(in, in->at, word, sizeof word);
  if (*word)
    say(o, "E-xml-quote", in->at, "the value of %s= must be in quotes: write %s=\"%s\"", name, name,
        word);
  else
    say(o, "E-xml-quote", in->at, "the value of %s= must be in quotes: write %s=\"...\"", name,
        name);
}

/* An attribute written without '=' and a value. */
static void no_value(const xmlerr_in *in, xmlerr_out *o) {
  const char *name = in->str1 ? in->str1 : "?";
  size_t tag = tag_start(in, in->at);
  size_t at = attr_in_tag(in, tag, name, 0);
  if (at == SIZE_MAX) at = in->at;
  size_t after = at + strlen(name);
  while (after < in->size && space(in->data[after]))
    after++;
  bool quoted = after < in->size && (in->data[after] == '"' || in->data[after] == '\'');
  if (quoted)
    say(o, "E-xml-attribute", at, "'=' is missing between %s and its value: write %s=\"...\"", name,
        name);
  else if (!strcmp(name, "once") || !strcmp(name, "absent") || !strcmp(name, "journal"))
    say(o, "E-xml-attribute", at, "%s has no value: write %s=\"true\"", name, name);
  else
    say(o, "E-xml-attribute", at, "%s has no value: an attribute is written %s=\"...\"", name,
        name);
}

static void twice(const xmlerr_in *in, xmlerr_out *o) {
  const char *name = in->str1 ? in->str1 : "?";
  size_t tag = tag_start(in, in->at);
  size_t at = attr_in_tag(in, tag, name, 1);
  char el[64];
  name_at(in, tag + 1, el, sizeof el);
  say(o, "E-xml-attribute", at == SIZE_MAX ? in->at : at,
      "%s= is given twice on <%s>: an element takes each attribute once%s", name, el,
      !strcmp(name, "if") ? " (for two conditions, write one if= with 'and' between them)"
                          : " (keep one)");
}

/* A '&' that starts no reference, or a reference XML does not know. */
static void ampersand(const xmlerr_in *in, xmlerr_out *o, size_t amp) {
  if (in_tag(in, amp))
    say(o, "E-xml-amp", amp,
        "a '&' in an attribute value: in a condition write 'and' (not '&&'); elsewhere write "
        "&amp; for an ampersand");
  else
    say(o, "E-xml-amp", amp,
        "a '&' in the text: write &amp; for an ampersand (XML reads '&' as the start of a "
        "reference such as &lt;)");
}

static void unknown_entity(const xmlerr_in *in, xmlerr_out *o) {
  static const struct {
    const char *name;
    unsigned cp;
  } html[] = {{"nbsp", 160},   {"eacute", 233}, {"egrave", 232},  {"agrave", 224}, {"ccedil", 231},
              {"uuml", 252},   {"ouml", 246},   {"auml", 228},    {"szlig", 223},  {"ntilde", 241},
              {"mdash", 8212}, {"ndash", 8211}, {"hellip", 8230}, {"rsquo", 8217}, {"lsquo", 8216},
              {"ldquo", 8220}, {"rdquo", 8221}, {"copy", 169},    {"euro", 8364},  {"pound", 163},
              {"deg", 176},    {"middot", 183}, {"bull", 8226},   {"hearts", 9829}};
  const char *name = in->str1 ? in->str1 : "?";
  size_t amp = last_before(in, in->at + 1 <= in->size ? in->at + 1 : in->size, "&", 1);
  if (amp == SIZE_MAX) amp = in->at;
  for (size_t i = 0; i < sizeof html / sizeof *html; i++)
    if (!strcmp(html[i].name, name)) {
      char ch[5] = {0};
      unsigned c = html[i].cp;
      if (c < 0x800)
        ch[0] = (char)(0xC0 | c >> 6), ch[1] = (char)(0x80 | (c & 0x3F));
      else
        ch[0] = (char)(0xE0 | c >> 12), ch[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
        ch[2] = (char)(0x80 | (c & 0x3F));
      say(o, "E-xml-entity", amp,
          "&%s; is a name from HTML, which XML does not know: type the character itself (%s), or "
          "write &#%u;",
          name, c == 160 ? "a no-break space" : ch, c);
      return;
    }
  say(o, "E-xml-entity", amp,
      "&%.40s; is not a reference XML knows (those are &lt; &gt; &amp; &quot; &apos;): type the "
      "character itself, or write &amp; for a '&'",
      name);
}

/* A character the file may not hold at `at` (or a reference to one). */
static void bad_char(const xmlerr_in *in, xmlerr_out *o) {
  size_t ref = last_before(in, in->at + 1 <= in->size ? in->at + 1 : in->size, "&#", 2);
  if (ref != SIZE_MAX && in->at - ref <= 12 && in->int1 >= 0) {
    const char *semi = memchr(in->data + ref, ';', in->size - ref);
    char digits[16] = ""; /* (the file's bytes need not end with a NUL) */
    if (semi && (size_t)(semi - in->data) - ref - 2 < sizeof digits)
      memcpy(digits, in->data + ref + 2, (size_t)(semi - in->data) - ref - 2);
    unsigned long v = digits[0] == 'x' ? strtoul(digits + 1, NULL, 16) : strtoul(digits, NULL, 10);
    if (semi && (size_t)(semi - in->data) <= in->at) {
      say(o, "E-xml-char", ref,
          "&#%.*s (U+%04lX) is not a character story files can contain (no control characters)",
          (int)(semi - in->data - (long)ref - 1), in->data + ref + 2, v & 0xFFFFF);
      return;
    }
  }
  unsigned cp;
  size_t at = in->at < in->size ? in->at : in->size;
  size_t len = char_at(in, at, &cp);
  if (!len && at < in->size) {
    char bytes[40] = "";
    for (size_t i = 0, k = 0; i < 4 && at + i < in->size; i++)
      k +=
          (size_t)snprintf(bytes + k, sizeof bytes - k, " 0x%02X", (unsigned char)in->data[at + i]);
    say(o, "E-encoding", at,
        "the file is not valid UTF-8 (bytes%s): story files must be saved as UTF-8", bytes);
    return;
  }
  if (in_tag(in, at))
    say(o, "E-xml-char", at,
        "a control character in an attribute value: story files cannot contain control "
        "characters");
  else
    say(o, "E-xml-char", at,
        "a control character (U+%04X) in the text: story files cannot contain control "
        "characters",
        cp);
}

/* The file's first non-blank byte (after a byte order mark). */
static size_t content_start(const xmlerr_in *in) {
  size_t i = in->size >= 3 && !memcmp(in->data, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < in->size && space(in->data[i]))
    i++;
  return i;
}

static void declaration(const xmlerr_in *in, xmlerr_out *o) {
  size_t d = last_before(in, in->at + 1 <= in->size ? in->at + 1 : in->size, "<?xml", 5);
  if (in->code == XML_ERR_RESERVED_XML_NAME) {
    size_t first = content_start(in);
    if (first == d)
      say(o, "E-xml-declaration", d,
          "<?xml ...?> must be the very first thing in the file: delete the blank line%s before "
          "it",
          line_of(in, d) > 2 ? "s" : "");
    else
      say(o, "E-xml-declaration", d == SIZE_MAX ? in->at : d,
          "<?xml ...?> must be the very first thing in the file: move it to the first line, or "
          "delete it");
    return;
  }
  say(o, "E-xml-declaration", d == SIZE_MAX ? 0 : d,
      "the <?xml ...?> line is malformed: write it as <?xml version=\"1.0\" encoding=\"UTF-8\"?>, "
      "or leave it out");
}

/* A name was wanted: after '&' (a bare ampersand), after '<' (a less-than
 * sign in the text, or a tag misspelt), or for an attribute in a tag. */
static void name_required(const xmlerr_in *in, xmlerr_out *o) {
  size_t at = in->at < in->size ? in->at : in->size;
  if (at > 0 && in->data[at - 1] == '&') {
    ampersand(in, o, at - 1);
    return;
  }
  if (at < in->size && in->data[at] == '&') {
    ampersand(in, o, at);
    return;
  }
  size_t lt = at > 0 && in->data[at - 1] == '<'      ? at - 1
              : at < in->size && in->data[at] == '<' ? at
                                                     : SIZE_MAX;
  if (lt != SIZE_MAX) {
    size_t i = lt + 1;
    while (i < in->size && (in->data[i] == ' ' || in->data[i] == '\t'))
      i++;
    size_t name = i;
    while (i < in->size && name_char((unsigned char)in->data[i]))
      i++;
    bool looks_like_tag =
        i > name && i < in->size &&
        (in->data[i] == '>' || in->data[i] == '/' || (space(in->data[i]) && i > name));
    char word[64];
    name_at(in, name, word, sizeof word);
    if (looks_like_tag && name > lt + 1 && (word[0] < '0' || word[0] > '9'))
      say(o, "E-xml-tag", lt, "a space after '<': a tag's name follows '<' directly, as in <%s",
          word);
    else if (looks_like_tag && word[0] >= '0' && word[0] <= '9')
      say(o, "E-xml-tag", lt,
          "<%s: a tag's name cannot start with a digit (if this is text, write &lt; for '<')",
          word);
    else
      say(o, "E-xml-lt", lt,
          "a '<' in the text: write &lt; for a less-than sign (a '<' starts a tag, such as "
          "<text>)");
    return;
  }
  size_t tag = tag_start(in, at);
  char el[64];
  name_at(in, tag + 1, el, sizeof el);
  unsigned cp;
  size_t len = char_at(in, at, &cp);
  if (len && curly_quote(cp)) {
    say(o, "E-xml-quote", at,
        "curly quotes in the tag <%s>: XML needs straight quotes around values (\"like this\"): "
        "write stories in a plain text editor, or turn off smart quotes",
        el);
    return;
  }
  say(o, "E-xml-tag", at,
      "unexpected '%.*s' in the tag <%s>: a tag holds attributes written name=\"value\" and ends "
      "with > (or /> when it is empty)",
      (int)(len ? len : 1), in->data + at, el);
}

/* A start or end tag that does not end where it should. */
static void tag_unfinished(const xmlerr_in *in, xmlerr_out *o) {
  size_t tag = tag_start(in, in->at);
  char el[64];
  if (tag + 1 < in->size && in->data[tag + 1] == '/') {
    name_at(in, tag + 2, el, sizeof el);
    size_t i = tag + 2 + strlen(el);
    while (i < in->size && space(in->data[i]))
      i++;
    if (i >= in->size || in->data[i] == '<')
      say(o, "E-xml-tag", tag, "the closing tag </%s is not finished: write </%s>", el, el);
    else
      say(o, "E-xml-tag", i, "the closing tag </%s> takes nothing but its name: write </%s>", el,
          el);
    return;
  }
  name_at(in, tag + 1, el, sizeof el);
  say(o, "E-xml-tag", tag,
      "the tag <%s ...> does not end with > (or />): check its quotes, and that it is closed", el);
}

static void missing_space(const xmlerr_in *in, xmlerr_out *o) {
  size_t at = in->at < in->size ? in->at : in->size;
  if (at > 0 && (in->data[at - 1] == '"' || in->data[at - 1] == '\'') && at < in->size &&
      name_char((unsigned char)in->data[at])) {
    char name[64];
    name_at(in, at, name, sizeof name);
    say(o, "E-xml-tag", at,
        "a space is missing before %s=: attributes are separated by spaces, as in id=\"a\" "
        "format=\"1\"",
        name);
    return;
  }
  tag_unfinished(in, o);
}

static void after_end(const xmlerr_in *in, xmlerr_out *o) {
  size_t at = in->at < in->size ? in->at : in->size;
  while (at < in->size && space(in->data[at]))
    at++;
  char root[64] = "story";
  if (in->depth == 0) {
    size_t r = content_start(in);
    while (r < in->size && in->data[r] == '<' && r + 1 < in->size &&
           (in->data[r + 1] == '?' || in->data[r + 1] == '!')) {
      const char *gt = memchr(in->data + r, '>', in->size - r);
      r = gt ? (size_t)(gt - in->data) + 1 : in->size;
      while (r < in->size && space(in->data[r]))
        r++;
    }
    if (r + 1 < in->size && in->data[r] == '<') name_at(in, r + 1, root, sizeof root);
  }
  if (at + 1 < in->size && in->data[at] == '<' && name_char((unsigned char)in->data[at + 1])) {
    char el[64];
    name_at(in, at + 1, el, sizeof el);
    say(o, "E-xml-after-end", at,
        "<%s> after </%s>: a file holds one root element, and everything goes inside it", el, root);
  } else {
    say(o, "E-xml-after-end", at,
        "this comes after </%s>: everything must be inside <%s> ... </%s>", root, root, root);
  }
}

static void undeclared_prefix(const xmlerr_in *in, xmlerr_out *o) {
  const char *prefix = in->str1 ? in->str1 : "?", *local = in->str2 ? in->str2 : "?";
  size_t tag = tag_start(in, in->at);
  char root[64] = "story";
  if (in->depth > 0)
    snprintf(root, sizeof root, "%s", in->open[0]->name);
  else if (tag + 1 < in->size)
    name_at(in, tag + 1, root, sizeof root);
  char full[140];
  snprintf(full, sizeof full, "%s:%s", prefix, local);
  bool attribute = in->str3 != NULL; /* libxml2 names the element of an attribute */
  size_t at = attribute ? attr_in_tag(in, tag, full, 0) : tag;
  if (at == SIZE_MAX) at = tag;
  if (!strcmp(prefix, "xi"))
    say(o, "E-xml-prefix", at,
        "the prefix xi: is not declared: add xmlns:xi=\"http://www.w3.org/2001/XInclude\" to "
        "<%s>",
        root);
  else if (attribute)
    say(o, "E-xml-prefix", at,
        "%s:%s=: the prefix %s: is not declared, and the story format has none: write %s=", prefix,
        local, prefix, local);
  else
    say(o, "E-xml-prefix", at,
        "<%s:%s>: the prefix %s: is not declared, and the story format has none: write <%s>",
        prefix, local, prefix, local);
}

bool xmlerr_translate(const xmlerr_in *in, xmlerr_out *o) {
  size_t at = in->at < in->size ? in->at : in->size;
  switch (in->code) {
  case XML_ERR_USER_STOP: return false; /* stopped at a DOCTYPE, already reported */
  case XML_ERR_TAG_NAME_MISMATCH: mismatch(in, o); return true;
  case XML_ERR_TAG_NOT_FINISHED: unfinished(in, o); return true;
  case XML_ERR_LT_IN_ATTRIBUTE: lt_in_value(in, o); return true;
  case XML_ERR_ATTRIBUTE_NOT_STARTED: unquoted(in, o); return true;
  case XML_ERR_ATTRIBUTE_NOT_FINISHED:
  case XML_ERR_LITERAL_NOT_FINISHED: {
    char name[64];
    size_t q = last_before(in, at, "=", 1);
    attr_name_before(in, q == SIZE_MAX ? at : q, name, sizeof name);
    say(o, "E-xml-quote", q == SIZE_MAX ? at : q,
        "the value of %s= is never closed: it needs its closing quote", name);
    return true;
  }
  case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: no_value(in, o); return true;
  case XML_ERR_ATTRIBUTE_REDEFINED:
  case XML_NS_ERR_ATTRIBUTE_REDEFINED: twice(in, o); return true;
  case XML_ERR_ENTITYREF_NO_NAME:
  case XML_ERR_NAME_REQUIRED: name_required(in, o); return true;
  case XML_ERR_ENTITYREF_SEMICOL_MISSING: {
    size_t amp = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "&", 1);
    if (amp == SIZE_MAX) amp = at;
    char word[64];
    name_at(in, amp + 1, word, sizeof word);
    if (!strcmp(word, "lt") || !strcmp(word, "gt") || !strcmp(word, "amp") ||
        !strcmp(word, "quot") || !strcmp(word, "apos"))
      say(o, "E-xml-amp", amp, "&%s needs a ';' at its end: write &%s;", word, word);
    else
      ampersand(in, o, amp);
    return true;
  }
  case XML_ERR_UNDECLARED_ENTITY:
  case XML_WAR_UNDECLARED_ENTITY: unknown_entity(in, o); return true;
  case XML_ERR_INVALID_HEX_CHARREF:
  case XML_ERR_INVALID_DEC_CHARREF:
  case XML_ERR_INVALID_CHARREF: {
    size_t ref = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "&#", 2);
    say(o, "E-xml-reference", ref == SIZE_MAX ? at : ref,
        "a malformed character reference: write &#233; (decimal) or &#xE9; (hexadecimal), or "
        "&amp; for a '&'");
    return true;
  }
  case XML_ERR_INVALID_CHAR: bad_char(in, o); return true;
  case XML_ERR_COMMENT_NOT_FINISHED: {
    size_t c = last_before(in, at, "<!--", 4);
    say(o, "E-xml-comment", c == SIZE_MAX ? at : c,
        "this comment is never closed: end it with -->");
    return true;
  }
  case XML_ERR_HYPHEN_IN_COMMENT: {
    size_t c = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "--", 2);
    size_t open = last_before(in, at, "<!--", 4);
    if (c != SIZE_MAX && open != SIZE_MAX && c <= open + 2) c = SIZE_MAX;
    say(o, "E-xml-comment", c == SIZE_MAX ? at : c,
        "'--' inside a comment: XML does not allow two hyphens there (write one, or a dash)");
    return true;
  }
  case XML_ERR_MISPLACED_CDATA_END: {
    size_t c = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "]]>", 3);
    say(o, "E-xml-syntax", c == SIZE_MAX ? at : c, "']]>' cannot stand in text: write ]]&gt;");
    return true;
  }
  case XML_ERR_CDATA_NOT_FINISHED: {
    size_t c = last_before(in, at, "<![CDATA[", 9);
    say(o, "E-xml-syntax", c == SIZE_MAX ? at : c,
        "this <![CDATA[ section is never closed: end it with ]]>");
    return true;
  }
  case XML_ERR_RESERVED_XML_NAME:
  case XML_ERR_XMLDECL_NOT_STARTED:
  case XML_ERR_XMLDECL_NOT_FINISHED:
  case XML_ERR_VERSION_MISSING:
  case XML_ERR_STRING_NOT_STARTED:
  case XML_ERR_STRING_NOT_CLOSED:
  case XML_ERR_ENCODING_NAME:
  case XML_ERR_STANDALONE_VALUE:
  case XML_ERR_UNKNOWN_VERSION:
  case XML_ERR_VERSION_MISMATCH:
  case XML_WAR_UNKNOWN_VERSION: declaration(in, o); return true;
  case XML_ERR_SPACE_REQUIRED: {
    size_t d = last_before(in, at, "<?xml", 5);
    if (d != SIZE_MAX && d == content_start(in) && !memchr(in->data + d, '>', at - d))
      declaration(in, o);
    else
      missing_space(in, o);
    return true;
  }
  case XML_ERR_GT_REQUIRED: tag_unfinished(in, o); return true;
  case XML_ERR_DOCUMENT_EMPTY:
  case XML_ERR_DOCUMENT_START: {
    size_t first = content_start(in);
    if (first >= in->size)
      say(o, "E-xml-empty", 0,
          "the file is empty: a story starts with <story id=\"...\" format=\"1\" start=\"...\">");
    else
      say(o, "E-xml-empty", first,
          "no element here: a story file starts with <story ...> (or <?xml ...?>), not with "
          "text");
    return true;
  }
  case XML_ERR_DOCUMENT_END:
  case XML_ERR_EXTRA_CONTENT: after_end(in, o); return true;
  case XML_NS_ERR_UNDEFINED_NAMESPACE: undeclared_prefix(in, o); return true;
  case XML_NS_ERR_QNAME:
  case XML_NS_ERR_EMPTY:
  case XML_NS_ERR_COLON: {
    size_t tag = tag_start(in, at);
    say(o, "E-xml-prefix", tag,
        "a name with ':' in it: the story format's names have no ':' (and no prefix)");
    return true;
  }
  case XML_ERR_PI_NOT_STARTED:
  case XML_ERR_PI_NOT_FINISHED: {
    size_t p = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "<?", 2);
    say(o, "E-xml-syntax", p == SIZE_MAX ? at : p,
        "'<?' starts an instruction for programs that is not finished with ?>: for the "
        "characters, write &lt;?");
    return true;
  }
  case XML_ERR_NAME_TOO_LONG:
    say(o, "E-limit", tag_start(in, at), "a name too long for XML (50 000 characters or more)");
    return true;
  case XML_ERR_INTERNAL_ERROR:
    if (in->depth >= XML_MAX_DEPTH) {
      say(o, "E-limit", at, "elements nested too deeply (more than %d levels)", XML_MAX_DEPTH);
      return true;
    }
    break;
  case XML_ERR_NOTATION_NOT_STARTED:
  case XML_ERR_NOTATION_NOT_FINISHED:
  case XML_ERR_ATTLIST_NOT_STARTED:
  case XML_ERR_ATTLIST_NOT_FINISHED:
  case XML_ERR_ELEMCONTENT_NOT_STARTED:
  case XML_ERR_ELEMCONTENT_NOT_FINISHED:
  case XML_ERR_CONDSEC_NOT_STARTED:
  case XML_ERR_CONDSEC_NOT_FINISHED:
  case XML_ERR_EXT_SUBSET_NOT_FINISHED:
  case XML_ERR_DOCTYPE_NOT_FINISHED:
  case XML_ERR_ENTITY_NOT_STARTED:
  case XML_ERR_ENTITY_NOT_FINISHED: {
    size_t d = last_before(in, at + 1 <= in->size ? at + 1 : in->size, "<!", 2);
    say(o, "E-xml-doctype", d == SIZE_MAX ? at : d,
        "DOCTYPE declarations are not allowed in story files (no DTDs, no entities)");
    return true;
  }
  default: break;
  }
  say(o, "E-xml-syntax", at,
      "this is not well-formed XML (libxml2 error %d): check the tags' < and >, the quotes "
      "around values, and write '&' as &amp;",
      in->code);
  return true;
}
