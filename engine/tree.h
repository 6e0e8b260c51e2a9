/*
 * tree.h - the tree the loader compiles, and the set of files it was read
 * from, whoever read them: libxml2 from story files (xml.c), or a story image
 * (image.c). No libxml2 here, so that the WebAssembly build, which reads
 * images only, needs none.
 */
#ifndef MEND_TREE_H
#define MEND_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "mend/mend.h"

/* Limits on untrusted story files, checked before libxml2 builds a tree (so
 * that memory and time stay bounded whatever the input): the bytes of a story
 * and the files it includes, all together; elements and attributes, all files
 * together; attributes of one element (libxml2 checks duplicates in quadratic
 * time); nesting; included files. */
#define XML_MAX_FILE (64u * 1024 * 1024)
#define XML_MAX_ELEMENTS 4000000
#define XML_MAX_ATTRIBUTES 8000000
#define XML_MAX_CHILDREN 10000      /* per element, but <story> and <nodes> */
#define XML_MAX_TEXT (1024u * 1024) /* one text or attribute value */
#define XML_MAX_ELEMENT_ATTRIBUTES 64
#define XML_MAX_DEPTH 256
#define XML_MAX_FILES 100
#define XML_MAX_INCLUDE_DEPTH 8
#define XML_MAX_ERRORS 200
#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"
#define XML_NAMESPACE "http://www.w3.org/XML/1998/namespace" /* xml:base, xml:lang */

/* The tree the loader compiles: elements and text only (comments and
 * processing instructions are dropped, CDATA sections are text, and so is
 * white space between the children of <story>, <nodes>, <node> and
 * <ending>, where only white space may be), built by
 * libxml2's SAX2 parser into an arena, without libxml2's own tree. Names
 * come from the parser's dictionary; a name with an undeclared prefix keeps
 * it ("foo:bar", ns NULL), as in libxml2's tree. */
typedef enum xt_type { XT_ELEMENT = 1, XT_TEXT = 3 } xt_type;

typedef struct xt_attr {
  struct xt_attr *next;
  const char *name;   /* local name */
  const char *prefix; /* NULL without namespace */
  const char *ns;     /* namespace URI, NULL without */
  const char *value;  /* entities and references replaced, normalised */
} xt_attr;

typedef struct xt_node {
  struct xt_node *next, *children;
  int line;          /* elements: the line of the tag's '<'; text: of its first character */
  unsigned type : 2; /* xt_type */
  unsigned off : 30; /* the byte of the file where it starts (files are at most 64 MB) */
  union {
    struct {               /* XT_ELEMENT */
      const char *name;    /* local name */
      const char *prefix;  /* namespace prefix, or NULL */
      const char *ns;      /* namespace URI, or NULL */
      xt_attr *properties; /* attributes, in document order */
    };
    struct {               /* XT_TEXT */
      const char *content; /* the characters */
      size_t len;          /* their length in bytes */
    };
  };
} xt_node;

typedef struct xml_file {
  xt_node *root;
  void *doc;  /* libxml2's tree (xmlDocPtr), only when validating (xml_set.keep_doc) */
  char *name; /* as shown in diagnostics */
  char *real; /* realpath, NULL for memory input */
  /* its bytes, kept while the story loads for positions in messages; NULL
   * when read from an image (messages then give lines only) */
  const char *data;
  size_t size;
  char *own; /* data, when it was read from disk (freed with the set) */
} xml_file;

typedef struct xml_set {
  mend_diags *diags;
  size_t errors;
  char *root_dir; /* realpath of the story's folder; NULL: includes forbidden */
  xml_file *files;
  size_t nfiles, cap;
  uint64_t hash;    /* over every file's bytes, in load order */
  bool keep_doc;    /* also build libxml2's trees, for xml_validate */
  mem_arena *arena; /* the trees */
  void **dicts;     /* the parsers' dictionaries (xmlDictPtr): the trees' names */
  size_t ndicts;
  /* frees what the reader of the files holds (libxml2's trees and
   * dictionaries), or NULL */
  void (*release)(struct xml_set *set);
  /* read from a story image (see image.h): includes name files it holds */
  bool from_image;
  size_t next_include; /* the next file of the image an include takes */
  /* read so far, every file together (see the limits above) */
  size_t bytes, elements, attributes;
  int failed_includes; /* includes that could not be read: ids they define are missing */
  size_t include_diag; /* the error of the first one, in diags */
} xml_set;

/* Adds a file to the set (its name as shown in diagnostics, its real path or
 * NULL); returns its index. */
int xml_add_file(xml_set *set, const char *name, const char *real);
void xml_set_free(xml_set *set);
/* The name an included file is shown by: `href` next to the shown name of
 * the file `from` that includes it. */
void xml_shown_name(const xml_set *set, int from, const char *href, mem_buf *out);
/* The folder of a path ("." for a bare name), malloc'd. */
char *xml_dir_of(const char *path);

/* Reports an error of file `f` at line:col (0 when unknown), with its code
 * (see mend_error_codes). */
void xml_error(xml_set *set, int f, int line, int col, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- positions ----------------------------------------------------------------
 * Where something stands in a file, for messages: elements and texts know
 * the byte where they start (xt_node.off) and its line; the file's bytes are
 * kept while the story loads, so a column, or the place of an attribute or of
 * a character inside its value, is found when a message needs it. Columns
 * count characters (UTF-8 code points) from 1. Without the bytes (a story
 * image), a position is the node's line. */
typedef struct xml_pos {
  int line, col; /* 0 when unknown */
  size_t off;    /* the byte */
} xml_pos;

/* The position of a node: its '<' or its first character. */
xml_pos xml_pos_of(const xml_set *set, int f, const xt_node *n);
/* The position of byte `off` of the file, on or after node n. */
xml_pos xml_pos_after(const xml_set *set, int f, const xt_node *n, size_t off);
/* The position of attribute `name` of element el: its name, or with
 * `value` the character `voff` bytes into its value as parsed (entity
 * references and line ends count as what they stand for). The element's
 * position when it has no such attribute. */
xml_pos xml_attr_pos(const xml_set *set, int f, const xt_node *el, const char *name, bool value,
                     size_t voff);
/* The position of the character `n` bytes into text node t (as read:
 * references count as what they stand for). */
xml_pos xml_text_pos(const xml_set *set, int f, const xt_node *t, size_t n);
/* The position of the first `frag` (len bytes) in the file's bytes at or
 * after byte `from` (0: from node n's start), a little way on at most (what
 * one element can hold); the node's position when it is not found. */
xml_pos xml_find(const xml_set *set, int f, const xt_node *n, size_t from, const char *frag,
                 size_t len);
/* The column (from 1) of byte `off` of data, 0 when its line is too long to
 * count back; the newlines between two bytes. */
int xml_column_at(const char *data, size_t off);
int xml_newlines(const char *data, size_t from, size_t to);

#endif
