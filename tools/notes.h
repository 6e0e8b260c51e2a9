/* SPDX-License-Identifier: MIT */
/*
 * notes.h - the words of a rubric's notes on what a person wrote, as the
 * player shows them and test plans read them: what each rule found, quoted.
 */
#ifndef MEND_NOTES_H
#define MEND_NOTES_H

#include <stdbool.h>

#include "mend/mend.h"

/* One rule's verdict, one line, malloc'd:
 *   met, something found:          ✓ Owns your part — "I'm sorry for how I hurt you"
 *   (met, nothing to avoid found: the session gives no note at all)
 *   something to avoid found:      Watch: begging — "please please just answer me"
 *   nothing found that was looked for: To think about: Owns your part
 * With `utf8` false, "✓" is "+" and "—" is "-". The quote is the person's own
 * words, as they wrote them. */
char *rule_verdict(const mend_item *it, bool utf8);

#endif
