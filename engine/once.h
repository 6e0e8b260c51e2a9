/* SPDX-License-Identifier: MIT */
/*
 * once.h - running an initialisation once per process. Native builds use
 * pthread_once; the WebAssembly build (wasi-libc, one thread, no pthread.h)
 * a flag, which is all one thread needs.
 */
#ifndef MEND_ONCE_H
#define MEND_ONCE_H

#ifdef __wasi__
typedef int mend_once_t;
#define MEND_ONCE_INIT 0
static inline void mend_once(mend_once_t *o, void (*f)(void)) {
  if (!*o) {
    *o = 1;
    f();
  }
}
#else
#include <pthread.h>
typedef pthread_once_t mend_once_t;
#define MEND_ONCE_INIT PTHREAD_ONCE_INIT
static inline void mend_once(mend_once_t *o, void (*f)(void)) {
  pthread_once(o, f);
}
#endif

#endif
