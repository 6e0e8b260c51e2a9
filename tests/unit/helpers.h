/* SPDX-License-Identifier: MIT */
/* helpers.h - shared by the unit suites (see helpers.c). */
#ifndef MEND_TEST_HELPERS_H
#define MEND_TEST_HELPERS_H

#include "mend/mend.h"

/* Loads a story from a string (named t.xml); fails the test when it does not load. */
mend_story *load_ok(const char *xml);
/* Everything a front end can see of the session, as one malloc'd string. */
char *dump(const mend_session *s);

#endif
