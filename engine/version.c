/* version.c - the library's version at run time (see mend.h). */
#include "mend/mend.h"

const char *mend_version(void) {
  return MEND_VERSION;
}
