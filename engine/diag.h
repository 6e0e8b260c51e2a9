/*
 * diag.h - what the engine does to its own diagnostics lists, beyond the
 * public API (mend/mend.h).
 */
#ifndef MEND_DIAG_H
#define MEND_DIAG_H

#include "mend/mend.h"

/* Appends text to the message of the i-th diagnostic (nothing when there is
 * none): a cause learns what follows from it once that is known. */
void diags_append(mend_diags *d, size_t i, const char *text);

#endif
