/*
 * xmlerr.h - libxml2's parse errors in the story format's own words: what
 * an author did (an unclosed <text>, curly quotes, a blank line before
 * <?xml ...?>), where they did it, and how to fix it.
 *
 * Keyed on libxml2's error codes (xmlParserErrors) and the fields it fills
 * (str1, int1), and on the file's bytes around the place; never on its
 * English messages, which change between versions.
 */
#ifndef MEND_XMLERR_H
#define MEND_XMLERR_H

#include <stdbool.h>
#include <stddef.h>

#include "xml.h"

typedef struct xmlerr_in {
  int code;                       /* xmlParserErrors */
  const char *str1, *str2, *str3; /* libxml2's fields (NULL when not set) */
  int int1;
  const char *data; /* the file's bytes */
  size_t size;
  size_t at;            /* where the parser stood */
  xt_node *const *open; /* the elements open there, outermost first */
  int depth;
} xmlerr_in;

typedef struct xmlerr_out {
  const char *code; /* E-xml-... */
  size_t off;       /* the byte where the cause is */
  char msg[800];
} xmlerr_out;

/* Fills `out`; false when the error says nothing more than one already
 * reported (the parser's own aftermath). */
bool xmlerr_translate(const xmlerr_in *in, xmlerr_out *out);

#endif
