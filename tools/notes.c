/* SPDX-License-Identifier: MIT */
/* notes.c - see notes.h. */
#include "notes.h"

#include <stdio.h>
#include <stdlib.h>

char *rule_verdict(const mend_item *it, bool utf8) {
  const char *check = utf8 ? "\xE2\x9C\x93" : "+";
  const char *dash = utf8 ? "\xE2\x80\x94" : "-";
  const mend_text *q = &it->quote;
  char *out = NULL;
  int rc;
  if (it->met && q->length)
    rc = asprintf(&out, "%s %s %s \"%.*s\"", check, it->rule_label, dash, (int)q->length, q->text);
  else if (it->met)
    rc = asprintf(&out, "%s %s", check, it->rule_label);
  else if (it->absent && q->length)
    rc = asprintf(&out, "Watch: %s %s \"%.*s\"", it->watch ? it->watch : it->rule_label, dash,
                  (int)q->length, q->text);
  else if (it->absent)
    rc = asprintf(&out, "Watch: %s", it->watch ? it->watch : it->rule_label);
  else
    rc = asprintf(&out, "To think about: %s", it->rule_label);
  if (rc < 0) abort();
  return out;
}
