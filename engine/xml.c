/* SPDX-License-Identifier: MIT */
/* xml.c - see xml.h. */
#include "xml.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"
#include "once.h"
#include "utf8.h"
#include "suggest.h"
#include "xmlerr.h"

extern const unsigned char mend_schema_rng[];
extern const size_t mend_schema_rng_len;

/* ---- libxml2 error capture ---------------------------------------------- */

struct builder;

typedef struct capture {
  xml_set *set;
  int file;
  bool fatal;            /* a fatal parse error was reported: the rest is its aftermath */
  struct builder *build; /* the parser's builder; NULL when validating */
} capture;

static void on_parse_error(capture *c, xmlErrorPtr e);

static void on_xml_error(void *ud, xmlErrorPtr e) {
  capture *c = ud;
  if (!e || e->level == XML_ERR_WARNING) return;
  if (e->domain == XML_FROM_RELAXNGV) {
    char msg[600];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
      msg[--n] = 0;
    /* (only with --schema, and only when the loader's own checks passed:
     * the schema's words are then the only ones there are) */
    xml_error(c->set, c->file, e->line, 0, "E-schema", "not allowed by the story format: %s", msg);
    return;
  }
  if (e->level == XML_ERR_FATAL) {
    if (c->fatal) return;
    c->fatal = true;
  }
  on_parse_error(c, e);
}

/* The parser's handler (its SAX handler's serror): libxml2 passes the
 * parser context, whose _private is the builder, whose first member is the
 * capture. Handlers are set per parser and per validation context, never
 * globally, so a host's own libxml2 error handler is left as it was. */
static void on_parser_error(void *ctx, xmlErrorPtr e) {
  on_xml_error(((xmlParserCtxtPtr)ctx)->_private, e);
}

static void ignore_error(void *ud, xmlErrorPtr e) {
  (void)ud, (void)e;
}

static void reject_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys) {
  (void)name, (void)ext, (void)sys;
  xmlParserCtxtPtr ctxt = ctx;
  capture *c = ctxt->_private;
  const xml_file *F = &c->set->files[c->file];
  const char *d = F->data ? memmem(F->data, F->size, "<!DOCTYPE", 9) : NULL;
  size_t off = d ? (size_t)(d - F->data) : 0;
  xml_error(c->set, c->file, d ? 1 + xml_newlines(F->data, 0, off) : 0,
            d ? xml_column_at(F->data, off) : 0, "E-xml-doctype",
            "DOCTYPE declarations are not allowed in story files (no DTDs, no entities): delete "
            "the <!DOCTYPE ...> declaration");
  xmlStopParser(ctxt);
}

/* Refuses any declared encoding but UTF-8. */
static bool check_encoding(xml_set *set, int f, const char *data, size_t size) {
  if (size >= 4 && !memcmp(data, "\xFF\xFE\0\0", 4)) {
    xml_error(set, f, 1, 1, "E-encoding", "the file is UTF-32; story files must be UTF-8");
    return false;
  }
  if (size >= 2 && (((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF) ||
                    ((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE))) {
    xml_error(set, f, 1, 1, "E-encoding", "the file is UTF-16; story files must be UTF-8");
    return false;
  }
  if (size >= 4 && data[0] == 0 && data[1] == 0) {
    xml_error(set, f, 1, 1, "E-encoding", "the file is UTF-32; story files must be UTF-8");
    return false;
  }
  if (size >= 2 && (data[0] == 0) != (data[1] == 0)) { /* "<\0?\0" or "\0<\0?" */
    xml_error(set, f, 1, 1, "E-encoding", "the file is UTF-16; story files must be UTF-8");
    return false;
  }
  const char *nul = memchr(data, 0, size);
  if (nul) {
    int line = 1, col = 1;
    for (const char *q = data; q < nul; q++) {
      if (*q == '\n')
        line++, col = 1;
      else if (((unsigned char)*q & 0xC0) != 0x80)
        col++;
    }
    xml_error(set, f, line, col, "E-encoding",
              "the file contains a NUL byte: story files are UTF-8 text");
    return false;
  }
  const char *p = data;
  if (size >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3, size -= 3;
  if (size < 5 || memcmp(p, "<?xml", 5)) return true;
  const char *end = memchr(p, '>', size < 200 ? size : 200);
  if (!end) return true;
  const char *enc = NULL;
  for (const char *q = p; q + 8 < end; q++)
    if (!memcmp(q, "encoding", 8)) {
      enc = q + 8;
      break;
    }
  if (!enc) return true;
  while (enc < end && (*enc == ' ' || *enc == '=' || *enc == '"' || *enc == '\''))
    enc++;
  size_t n = 0;
  while (enc + n < end && enc[n] != '"' && enc[n] != '\'' && enc[n] != '\n' && enc[n] != ' ')
    n++;
  if ((n == 5 && !strncasecmp(enc, "utf-8", 5)) || (n == 4 && !strncasecmp(enc, "utf8", 4)))
    return true;
  xml_error(set, f, 1, 0, "E-encoding",
            "the file declares encoding \"%.*s\"; story files must be UTF-8",
            (int)(n > 40 ? 40 : n), enc);
  return false;
}

/* The line of byte `off` (counted only when an error needs it). */
static int line_at(const char *p, size_t off) {
  int line = 1;
  for (const char *q = p, *end = p + off; (q = memchr(q, '\n', (size_t)(end - q))); q++)
    line++;
  return line;
}

/* Characters that end an element's name, and an attribute's, in the pre-scan. */
static bool tag_name_end(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' || c == '<';
}

static bool name_end(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' || c == '<' ||
         c == '=' || c == '"' || c == '\'';
}

/* A quick pass over the bytes before libxml2 sees them (after the check for
 * NUL bytes): counts elements and attributes (all files together), attributes
 * per element and nesting, so that a hostile file is refused before it costs
 * a large tree or libxml2's quadratic check of duplicate attributes. It only
 * counts: anything malformed is left for the parser to report. */
static bool prescan(xml_set *set, int f, const char *p, size_t n) {
  size_t depth = 0;
  /* per open element: how many children so far, and whether it may have any
   * number (<story> and <nodes> hold a story's nodes: a long story has many) */
  static _Thread_local uint32_t children[XML_MAX_DEPTH + 2];
  static _Thread_local bool unbounded[XML_MAX_DEPTH + 2];
  size_t text_from = 0; /* where the current text began */
  for (size_t i = 0; i < n;) {
    const char *lt = memchr(p + i, '<', n - i);
    i = lt ? (size_t)(lt - p) : n;
    if (i - text_from > XML_MAX_TEXT) {
      xml_error(set, f, line_at(p, text_from), xml_column_at(p, text_from), "E-limit",
                "a text of more than %u MB: split it into paragraphs of a readable size",
                XML_MAX_TEXT / 1024 / 1024);
      return false;
    }
    if (i == n) break;
    const char *close = NULL;
    if (n - i >= 4 && !memcmp(p + i, "<!--", 4))
      close = "-->";
    else if (n - i >= 9 && !memcmp(p + i, "<![CDATA[", 9))
      close = "]]>";
    else if (n - i >= 2 && p[i + 1] == '?')
      close = "?>";
    if (close) { /* skip a comment, CDATA section or processing instruction */
      size_t k = strlen(close), from = i;
      const char *end = memmem(p + i + 2, n - i - 2, close, k);
      i = end ? (size_t)(end - p) : n;
      if (i - from > XML_MAX_TEXT) {
        xml_error(set, f, line_at(p, from), xml_column_at(p, from), "E-limit",
                  "a %s of more than %u MB",
                  close[0] == ']'   ? "CDATA section"
                  : close[0] == '-' ? "comment"
                                    : "processing instruction",
                  XML_MAX_TEXT / 1024 / 1024);
        return false;
      }
      i += k;
      continue;
    }
    if (n - i >= 2 && p[i + 1] == '!') return true; /* a DOCTYPE: the parser refuses it */
    if (n - i >= 2 && p[i + 1] == '/') {
      if (depth) depth--;
      const char *gt = memchr(p + i, '>', n - i);
      i = gt ? (size_t)(gt - p) + 1 : n;
      text_from = i;
      continue;
    }
    size_t at = i;
    if (depth > 0 && !unbounded[depth - 1] && ++children[depth - 1] > XML_MAX_CHILDREN) {
      xml_error(set, f, line_at(p, at), xml_column_at(p, at), "E-limit",
                "an element with more than %d elements in it (a node may hold at most %d "
                "choices, paragraphs and the like)",
                XML_MAX_CHILDREN, XML_MAX_CHILDREN);
      return false;
    }
    if (++set->elements > XML_MAX_ELEMENTS) {
      xml_error(set, f, line_at(p, at), xml_column_at(p, at), "E-limit",
                "too many elements (a story may have at most %d)", XML_MAX_ELEMENTS);
      return false;
    }
    if (++depth > XML_MAX_DEPTH) {
      xml_error(set, f, line_at(p, at), xml_column_at(p, at), "E-limit",
                "elements nested too deeply (more than %d levels)", XML_MAX_DEPTH);
      return false;
    }
    size_t attrs = 0, name = i + 1;
    for (i++; i < n && !tag_name_end((unsigned char)p[i]); i++) /* the name */
      ;
    children[depth - 1] = 0;
    unbounded[depth - 1] =
        (i - name == 5 && (!memcmp(p + name, "story", 5) || !memcmp(p + name, "nodes", 5)));
    while (i < n && p[i] != '<') {
      char c = p[i];
      if (c == '>') {
        if (p[i - 1] == '/') depth--; /* an empty element */
        i++;
        text_from = i;
        break;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '=') {
        i++;
        continue;
      }
      if (c == '"' || c == '\'') { /* a quoted value */
        size_t from = i;
        const char *q = memchr(p + i + 1, c, n - i - 1);
        i = q ? (size_t)(q - p) : n;
        if (i - from > XML_MAX_TEXT) {
          xml_error(set, f, line_at(p, at), xml_column_at(p, at), "E-limit",
                    "an attribute value of more than %u MB", XML_MAX_TEXT / 1024 / 1024);
          return false;
        }
        i++;
        continue;
      }
      if (++attrs > XML_MAX_ELEMENT_ATTRIBUTES) { /* an attribute's name */
        xml_error(set, f, line_at(p, at), xml_column_at(p, at), "E-limit",
                  "an element with too many attributes (more than %d)", XML_MAX_ELEMENT_ATTRIBUTES);
        return false;
      }
      if (++set->attributes > XML_MAX_ATTRIBUTES) {
        xml_error(set, f, line_at(p, at), xml_column_at(p, at), "E-limit",
                  "too many attributes (a story may have at most %d)", XML_MAX_ATTRIBUTES);
        return false;
      }
      while (i < n && !name_end((unsigned char)p[i]))
        i++;
    }
  }
  return true;
}

/* ---- building the tree from SAX2 events ------------------------------------ */

typedef struct builder {
  capture c; /* first: reject_doctype finds it through ctxt->_private */
  xmlParserCtxtPtr ctxt;
  mem_arena *arena;
  xt_node *open[XML_MAX_DEPTH + 2]; /* the open elements, outermost first */
  xt_node *last[XML_MAX_DEPTH + 2]; /* the last child of each */
  int depth;                        /* open elements; deeper ones are dropped */
  int dropped;                      /* elements past the depth limit (libxml2 stops first) */
  xt_node *root;
  mem_buf text; /* the text being read, in pieces */
  bool in_text;
  int text_line;
  size_t text_off;
  const char *data; /* the file's bytes, as given to the parser */
  size_t size;
} builder;

static int parser_line(const builder *b) {
  return b->ctxt->input ? b->ctxt->input->line : 0;
}

/* Where the parser stands: the byte of the file (there is no encoding
 * conversion: the bytes it reads are the file's). */
static size_t parser_off(const builder *b) {
  const xmlParserInputPtr in = b->ctxt->input;
  if (!in || !in->cur || !in->base) return 0;
  size_t off = (size_t)in->consumed + (size_t)(in->cur - in->base);
  return off < b->size ? off : b->size;
}

/* A parse error, in the format's words, at the place of its cause. */
static void on_parse_error(capture *c, xmlErrorPtr e) {
  builder *b = c->build;
  if (!b) return;
  xmlerr_in in = {0};
  in.code = e->code;
  in.str1 = e->str1;
  in.str2 = e->str2;
  in.str3 = e->str3;
  in.int1 = e->int1;
  in.data = b->data;
  in.size = b->size;
  in.at = parser_off(b);
  in.open = b->open;
  in.depth = b->depth < XML_MAX_DEPTH ? b->depth : XML_MAX_DEPTH;
  xmlerr_out out;
  if (!xmlerr_translate(&in, &out)) return;
  /* its line: counted from where the parser stands, whose line it knows */
  int line = parser_line(b);
  size_t off = out.off < b->size ? out.off : b->size;
  if (off <= in.at)
    line -= xml_newlines(b->data, off, in.at);
  else
    line += xml_newlines(b->data, in.at, off);
  xml_error(c->set, c->file, line > 0 ? line : 1, xml_column_at(b->data, off), out.code, "%s",
            out.msg);
}

static void append(builder *b, xt_node *n) {
  if (b->depth == 0) {
    if (!b->root && n->type == XT_ELEMENT) b->root = n;
    return;
  }
  xt_node **last = &b->last[b->depth - 1];
  if (*last)
    (*last)->next = n;
  else
    b->open[b->depth - 1]->children = n;
  *last = n;
}

/* Ends the text being read: a text node, as libxml2's tree would have one
 * (with the line where the parser handed over its first piece). */
/* Whether a text is only white space between the children of an element
 * that holds no text (the story's structure), where the loader would skip
 * it: not kept, which saves a node for each of them. */
static bool skippable(const builder *b) {
  const xt_node *parent = b->depth > 0 ? b->open[b->depth - 1] : NULL;
  if (!parent || parent->ns) return false;
  for (size_t i = 0; i < b->text.len; i++)
    if (!utf8_is_space(b->text.data[i])) return false;
  const char *n = parent->name;
  return (n[0] == 'n' && (!strcmp(n, "node") || !strcmp(n, "nodes"))) ||
         (n[0] == 'e' && !strcmp(n, "ending")) || (n[0] == 's' && !strcmp(n, "story"));
}

static void end_text(builder *b) {
  if (!b->in_text) return;
  b->in_text = false;
  if (skippable(b)) {
    b->text.len = 0;
    return;
  }
  xt_node *n = mem_arena_alloc(b->arena, sizeof *n);
  n->type = XT_TEXT;
  n->line = b->text_line;
  n->off = (unsigned)b->text_off & 0x3FFFFFFFu;
  n->content = mem_arena_strndup(b->arena, b->text.data, b->text.len);
  n->len = b->text.len;
  b->text.len = 0;
  append(b, n);
}

static const char *qualified(builder *b, const xmlChar *prefix, const xmlChar *local) {
  size_t p = strlen((const char *)prefix), l = strlen((const char *)local);
  char *s = mem_arena_alloc(b->arena, p + l + 2);
  memcpy(s, prefix, p);
  s[p] = ':';
  memcpy(s + p + 1, local, l);
  return s;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb_attrs, int nb_defaulted,
                     const xmlChar **attrs) {
  (void)nb_ns, (void)ns, (void)nb_defaulted;
  builder *b = ((xmlParserCtxtPtr)ctx)->_private;
  end_text(b);
  if (b->depth > XML_MAX_DEPTH || b->dropped) {
    b->dropped++;
    return;
  }
  xt_node *n = mem_arena_alloc(b->arena, sizeof *n);
  n->type = XT_ELEMENT;
  /* the tag's '<': back from where the parser stands (its end), over
   * attribute values that cannot hold a '<' */
  size_t o = parser_off(b); /* (at most the file's size: at its end, not in it) */
  int nl = 0;
  while (o > 0 && (o >= b->size || b->data[o] != '<')) {
    o--;
    if (b->data[o] == '\n') nl++;
  }
  n->line = parser_line(b) - nl;
  n->off = (unsigned)o & 0x3FFFFFFFu;
  if (prefix && !uri) /* an undeclared prefix (libxml2 has reported it) */
    n->name = qualified(b, prefix, local);
  else {
    n->name = (const char *)local;
    n->prefix = (const char *)prefix;
    n->ns = (const char *)uri;
  }
  xt_attr **tail = &n->properties;
  for (int i = 0; i < nb_attrs; i++, attrs += 5) {
    xt_attr *a = mem_arena_alloc(b->arena, sizeof *a);
    if (attrs[1] && !attrs[2])
      a->name = qualified(b, attrs[1], attrs[0]);
    else {
      a->name = (const char *)attrs[0];
      a->prefix = (const char *)attrs[1];
      a->ns = (const char *)attrs[2];
    }
    a->value = mem_arena_strndup(b->arena, (const char *)attrs[3], (size_t)(attrs[4] - attrs[3]));
    *tail = a;
    tail = &a->next;
  }
  append(b, n);
  b->open[b->depth] = n;
  b->last[b->depth] = NULL;
  b->depth++;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)local, (void)prefix, (void)uri;
  builder *b = ((xmlParserCtxtPtr)ctx)->_private;
  end_text(b);
  if (b->dropped)
    b->dropped--;
  else if (b->depth > 0)
    b->depth--;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  builder *b = ((xmlParserCtxtPtr)ctx)->_private;
  if (b->depth == 0 || b->dropped) return;
  if (!b->in_text) {
    /* the parser's line is the one where this piece ends */
    b->in_text = true;
    int nl = 0;
    for (const xmlChar *q = ch; (q = memchr(q, '\n', (size_t)(ch + len - q))); q++)
      nl++;
    b->text_line = parser_line(b) - nl;
    const xmlParserInputPtr in = b->ctxt->input;
    if (in && ch >= in->base && ch < in->end)
      b->text_off = (size_t)in->consumed + (size_t)(ch - in->base);
    else /* a reference or a converted character: it ends where the parser stands */
      b->text_off = parser_off(b) > (size_t)len ? parser_off(b) - (size_t)len : 0;
  }
  mem_buf_add(&b->text, (const char *)ch, (size_t)len);
}

/* A comment or processing instruction separates texts, as in libxml2's tree. */
static void on_comment(void *ctx, const xmlChar *value) {
  (void)value;
  end_text(((xmlParserCtxtPtr)ctx)->_private);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
  (void)target, (void)data;
  end_text(((xmlParserCtxtPtr)ctx)->_private);
}

/* libxml2's own tree of the same bytes, for RELAX NG (parse errors have
 * already been reported by the first reading). */
static xmlDocPtr dom_of(const char *data, size_t size, const char *name) {
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return NULL;
  ctxt->sax->serror = ignore_error;
  int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)size, name, "UTF-8", opts);
  xmlFreeParserCtxt(ctxt);
  return doc;
}

static void release(xml_set *set);

static bool parse(xml_set *set, int f, const char *data, size_t size) {
  set->files[f].data = data;
  set->files[f].size = size;
  set->hash = mem_hash(set->hash, data, size);
  set->hash = mem_hash(set->hash, "\0", 1);
  if (size > XML_MAX_FILE) {
    xml_error(set, f, 1, 0, "E-limit", "the file is too large: a story file may be at most %u MB",
              XML_MAX_FILE / 1024 / 1024);
    return false;
  }
  if (set->bytes + size > XML_MAX_FILE) {
    xml_error(set, f, 1, 0, "E-limit",
              "too large: with the files it includes, the story is over %u MB (the limit)",
              XML_MAX_FILE / 1024 / 1024);
    return false;
  }
  set->bytes += size;
  if (!check_encoding(set, f, data, size) || !prescan(set, f, data, size)) return false;
  xmlInitParser();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) abort();
  if (!set->arena) set->arena = mem_arena_new();
  builder *b = mem_alloc(sizeof *b);
  b->c = (capture){set, f, false, b};
  b->ctxt = ctxt;
  b->arena = set->arena;
  b->data = data;
  b->size = size;
  ctxt->_private = b;
  xmlSAXHandlerPtr sax = ctxt->sax;
  sax->internalSubset = reject_doctype;
  sax->externalSubset = reject_doctype;
  sax->startDocument = NULL; /* no libxml2 tree: the builder makes its own */
  sax->endDocument = NULL;
  sax->startElementNs = on_start;
  sax->endElementNs = on_end;
  sax->characters = on_chars;
  sax->ignorableWhitespace = on_chars;
  sax->comment = on_comment;
  sax->processingInstruction = on_pi;
  sax->serror = on_parser_error;
  size_t before = set->errors;
  /* NOENT: references are replaced in attribute values as in text (there
   * can be no entity declarations: a DOCTYPE stops the parser) */
  int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOENT | XML_PARSE_BIG_LINES;
  /* no encoding given: with one, libxml2 2.9 converts the input through a
   * handler whose buffer trips its 10 MB lookup limit ("Huge input lookup")
   * past the 10 MB mark; check_encoding has made sure it is UTF-8 */
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)size, set->files[f].name, NULL, opts);
  xmlFreeDoc(doc); /* none is built */
  bool ok = ctxt->wellFormed && set->errors == before && b->root;
  if (!ok && set->errors == before) {
    if (b->root)
      xml_error(set, f, 0, 0, "E-xml-syntax", "could not parse the file as XML");
    else
      xml_error(set, f, 1, 0, "E-xml-empty",
                "the file has no element: a story starts with <story id=\"...\" format=\"1\" "
                "start=\"...\">");
  }
  if (ok) {
    set->files[f].root = b->root;
    set->release = release;
    if (xmlDictReference(ctxt->dict) == 0) {
      set->dicts = mem_realloc(set->dicts, sizeof *set->dicts * (set->ndicts + 1));
      set->dicts[set->ndicts++] = ctxt->dict;
    } else {
      abort();
    }
    if (set->keep_doc) set->files[f].doc = dom_of(data, size, set->files[f].name);
  }
  xmlFreeParserCtxt(ctxt);
  mem_buf_free(&b->text);
  mem_free(b);
  return ok;
}

/* Reads a whole file (a little more than XML_MAX_FILE at most). A story and
 * its included files must be regular files (ENODEV otherwise): they are
 * opened without blocking, so that a FIFO cannot hang the loader and a
 * device such as /dev/zero is not read at all. */
static char *read_all(const char *path, bool regular_only, size_t *size, int *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
  if (fd < 0) {
    *err = errno;
    return NULL;
  }
  struct stat sb;
  if (fstat(fd, &sb) != 0) memset(&sb, 0, sizeof sb);
  if ((S_ISDIR(sb.st_mode) || (regular_only && !S_ISREG(sb.st_mode)))) {
    close(fd);
    *err = S_ISDIR(sb.st_mode) ? EISDIR : ENODEV;
    return NULL;
  }
  /* one buffer of the file's size (a little more, in case it grows): no
   * copies as it is read */
  size_t cap = S_ISREG(sb.st_mode) && sb.st_size > 0 && (uint64_t)sb.st_size <= XML_MAX_FILE
                   ? (size_t)sb.st_size + 2
                   : 65536;
  char *data = mem_alloc(cap);
  size_t len = 0;
  for (;;) {
    if (len + 1 == cap) { /* full: it is larger than it said */
      if (len > XML_MAX_FILE) break;
      cap *= 2;
      data = mem_realloc(data, cap);
    }
    ssize_t got = read(fd, data + len, cap - 1 - len);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      *err = EIO;
      close(fd);
      mem_free(data);
      return NULL;
    }
    if (got == 0) break;
    len += (size_t)got;
  }
  close(fd);
  data[len] = 0;
  *size = len;
  return data;
}

int xml_open_file(xml_set *set, const char *path) {
  char real[PATH_MAX];
  int f = xml_add_file(set, path, realpath(path, real) ? real : NULL);
  size_t size;
  int err = 0;
  char *data = read_all(path, true, &size, &err);
  if (!data) {
    xml_error(set, f, 0, 0, "E-file", "cannot read the file: %s",
              err == ENODEV ? "it is not a regular file" : strerror(err));
    return -1;
  }
  if (set->files[f].real) {
    char *d = xml_dir_of(set->files[f].real);
    set->root_dir = d;
  }
  set->files[f].own = data; /* kept for the positions of messages */
  return parse(set, f, data, size) ? f : -1;
}

int xml_open_memory(xml_set *set, const char *data, size_t size, const char *name,
                    const char *base_dir) {
  int f = xml_add_file(set, name ? name : "<memory>", NULL);
  char real[PATH_MAX];
  if (base_dir && realpath(base_dir, real)) set->root_dir = mem_strdup(real);
  return parse(set, f, data, size) ? f : -1;
}

static bool href_ok(const char *h) {
  if (!*h || h[0] == '/' || strchr(h, '\\') || strchr(h, ':')) return false;
  for (const char *p = h; *p;) {
    const char *e = strchr(p, '/');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.') return false;
    if (!e) break;
    p = e + 1;
  }
  return true;
}

static const char *attr_no_ns(const xt_node *el, const char *name) {
  for (const xt_attr *a = el->properties; a; a = a->next)
    if (!a->ns && !strcmp(a->name, name)) return a->value;
  return NULL;
}

/* The name of the file in `dir` closest to `want` (a misspelt include), or
 * NULL; *buf holds it. */
static const char *closest_file(const char *dir, const char *want, char *buf, size_t n) {
  DIR *d = opendir(dir);
  if (!d) return NULL;
  size_t best = 3, wl = strlen(want);
  const char *found = NULL;
  struct dirent *e;
  for (int k = 0; k < 10000 && (e = readdir(d)); k++) {
    size_t el = strlen(e->d_name);
    if (e->d_name[0] == '.' || el > 200 || wl > 200) continue;
    size_t dist = edit_distance(want, e->d_name);
    if (dist < best && dist < wl) {
      best = dist;
      snprintf(buf, n, "%s", e->d_name);
      found = buf;
    }
  }
  closedir(d);
  return found;
}

int xml_include(xml_set *set, int from, const xt_node *inc, const int *chain, int nchain) {
  xml_pos at = xml_pos_of(set, from, inc), hat = xml_attr_pos(set, from, inc, "href", true, 0);
  const char *href = attr_no_ns(inc, "href");
  const char *parse_attr = attr_no_ns(inc, "parse");
  int result = -1;
  if (!set->failed_includes) set->include_diag = mend_diags_count(set->diags);
  set->failed_includes++; /* until it is done */
  if (!href) {
    xml_error(set, from, at.line, at.col, "E-include",
              "<xi:include> needs the file to include: href=\"part.xml\"");
    goto out;
  }
  if (parse_attr && strcmp((char *)parse_attr, "xml") != 0) {
    xml_pos p = xml_attr_pos(set, from, inc, "parse", false, 0);
    xml_error(set, from, p.line, p.col, "E-include",
              "<xi:include parse=\"%s\">: only XML files of nodes can be included", parse_attr);
    goto out;
  }
  for (const xt_attr *a = inc->properties; a; a = a->next) {
    const char *an = a->name;
    if (a->ns && !strcmp(a->ns, (const char *)XML_XML_NAMESPACE)) continue;
    if (!a->ns && (!strcmp(an, "href") || !strcmp(an, "parse"))) continue;
    xml_pos p = xml_attr_pos(set, from, inc, an, false, 0);
    xml_error(set, from, p.line, p.col, "E-include",
              "<xi:include> does not take the attribute '%s'; it takes href (and parse=\"xml\")",
              an);
    goto out;
  }
  for (const xt_node *c = inc->children; c; c = c->next)
    if (c->type == XT_ELEMENT) {
      xml_error(set, from, at.line, at.col, "E-include",
                "<xi:include> cannot have children (no <xi:fallback>)");
      goto out;
    }
  if (!set->root_dir) {
    xml_error(set, from, at.line, at.col, "E-include",
              "XInclude is not available for a story read from memory");
    goto out;
  }
  if (!href_ok(href)) {
    xml_error(set, from, hat.line, hat.col, "E-include",
              "<xi:include href=\"%.200s\">: only relative paths inside the story's folder can be "
              "included (no '..', no absolute paths, no URLs)",
              href);
    goto out;
  }
  if (nchain >= XML_MAX_INCLUDE_DEPTH) {
    xml_error(set, from, at.line, at.col, "E-include",
              "includes nested too deeply (more than %d levels)", XML_MAX_INCLUDE_DEPTH);
    goto out;
  }
  /* the path as shown: next to the including file's shown name */
  mem_buf shown = {0};
  xml_shown_name(set, from, href, &shown);
  /* the real path: next to the including file's real path */
  char *realdir =
      set->files[from].real ? xml_dir_of(set->files[from].real) : mem_strdup(set->root_dir);
  mem_buf want = {0};
  mem_buf_adds(&want, realdir);
  mem_buf_addc(&want, '/');
  mem_buf_adds(&want, href);
  mem_free(realdir);
  char real[PATH_MAX];
  if (!realpath(want.data, real)) {
    int e = errno;
    char hint[300] = "", buf[256];
    if (e == ENOENT) { /* a misspelt name: the closest file of its folder */
      char *dir = xml_dir_of(want.data);
      const char *base = strrchr(href, '/') ? strrchr(href, '/') + 1 : href;
      const char *best = closest_file(dir, base, buf, sizeof buf);
      if (best)
        snprintf(hint, sizeof hint, " (did you mean \"%.*s%s\"?)", (int)(base - href), href, best);
      mem_free(dir);
    }
    xml_error(set, from, hat.line, hat.col, "E-include", "cannot include \"%.200s\": %s%s", href,
              e == ENOENT ? "there is no such file" : strerror(e), hint);
    goto out2;
  }
  size_t rl = strlen(set->root_dir);
  if (strncmp(real, set->root_dir, rl) != 0 || (real[rl] != '/' && strcmp(set->root_dir, "/"))) {
    xml_error(set, from, hat.line, hat.col, "E-include",
              "cannot include \"%.200s\": it resolves outside the story's folder", href);
    goto out2;
  }
  for (int i = 0; i < nchain; i++) {
    if (set->files[chain[i]].real && !strcmp(set->files[chain[i]].real, real)) {
      mem_buf path = {0}; /* the chain of files, from the looping one back to itself */
      for (int j = i; j < nchain; j++) {
        mem_buf_adds(&path, set->files[chain[j]].name);
        mem_buf_adds(&path, " -> ");
      }
      mem_buf_adds(&path, shown.data);
      xml_error(set, from, hat.line, hat.col, "E-include",
                "include loop: \"%.200s\" is already being included (%.600s)", href, path.data);
      mem_buf_free(&path);
      goto out2;
    }
  }
  if (set->nfiles >= XML_MAX_FILES) {
    xml_error(set, from, hat.line, hat.col, "E-limit",
              "cannot include \"%.200s\": a story can include at most %d files", href,
              XML_MAX_FILES - 1);
    goto out2;
  }
  int f = xml_add_file(set, shown.data, real);
  size_t size;
  int err = 0;
  char *data = read_all(real, true, &size, &err);
  if (!data) {
    xml_error(set, from, hat.line, hat.col, "E-include", "cannot read \"%.200s\": %s", href,
              err == ENODEV ? "it is not a regular file" : strerror(err));
    goto out2;
  }
  set->files[f].own = data; /* kept for the positions of messages */
  bool ok = parse(set, f, data, size);
  if (ok) {
    const xt_node *root = set->files[f].root;
    if (root->ns || strcmp(root->name, "nodes") != 0) {
      xml_pos rp = xml_pos_of(set, f, root);
      xml_error(set, f, rp.line, rp.col, "E-include",
                "an included file must have <nodes> as its root element, found <%s>%s", root->name,
                !strcmp(root->name, "story") ? " (a story cannot include another story)" : "");
    } else {
      result = f;
      if (!--set->failed_includes) set->include_diag = SIZE_MAX;
    }
  }
out2:
  mem_buf_free(&shown);
  mem_buf_free(&want);
out:
  return result;
}

/* ---- RELAX NG ------------------------------------------------------------ */

static xmlRelaxNGPtr schema;
static mend_once_t schema_once = MEND_ONCE_INIT;

static void compile_schema(void) {
  xmlRelaxNGParserCtxtPtr pc =
      xmlRelaxNGNewMemParserCtxt((const char *)mend_schema_rng, (int)mend_schema_rng_len);
  if (pc) {
    xmlRelaxNGSetParserStructuredErrors(pc, ignore_error, NULL);
    schema = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
  }
}

bool xml_validate(xml_set *set) {
  mend_once(&schema_once, compile_schema);
  if (!schema) {
    xml_error(set, 0, 0, 0, "E-schema", "internal error: the built-in schema does not compile");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < set->nfiles; i++) {
    if (!set->files[i].doc) continue;
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
    if (!v) abort();
    capture c = {set, (int)i, false, NULL};
    xmlRelaxNGSetValidStructuredErrors(v, on_xml_error, &c);
    size_t before = set->errors;
    int r = xmlRelaxNGValidateDoc(v, set->files[i].doc);
    xmlRelaxNGFreeValidCtxt(v);
    if (r != 0) {
      ok = false;
      if (set->errors == before)
        xml_error(set, (int)i, 0, 0, "E-schema",
                  "the file does not match the story format (schema)");
    }
  }
  return ok;
}

/* Frees libxml2's trees and dictionaries (the set's `release`). */
static void release(xml_set *set) {
  for (size_t i = 0; i < set->nfiles; i++) {
    xmlFreeDoc(set->files[i].doc);
    set->files[i].doc = NULL;
  }
  for (size_t i = 0; i < set->ndicts; i++)
    xmlDictFree(set->dicts[i]);
  mem_free(set->dicts);
  set->dicts = NULL;
  set->ndicts = 0;
}
