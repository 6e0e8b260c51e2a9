/* SPDX-License-Identifier: MIT */
/* config.h - what gnulib's regex (Debian's gnulib package, /usr/share/gnulib:
 * glibc's regex code, kept in step with glibc by its maintainers) needs to
 * know of wasm32-wasi, in place of the config.h its configure script writes.
 * The WebAssembly build uses this regex, and glibc's character tables
 * (web/wctype.c), so that patterns match as in mend on glibc. */
#define _GNU_SOURCE 1
#define HAVE_LANGINFO_CODESET 1
#define HAVE_WCHAR_H 1
#define HAVE_WCTYPE_H 1
#define HAVE_ISWCTYPE 1
#define HAVE_WCSCOLL 1
#define HAVE_ALLOCA 0
#define _REGEX_INCLUDE_LIMITS_H 1
#define HAVE_STDBOOL_H 1
#define __USE_GNU 1
#include <stdbool.h>
#define _GL_ATTRIBUTE_FALLTHROUGH __attribute__((__fallthrough__))
#define _GL_ATTRIBUTE_PURE __attribute__((__pure__))
#define _GL_ATTRIBUTE_CONST __attribute__((__const__))
#define _GL_ATTRIBUTE_MALLOC __attribute__((__malloc__))
#define _GL_ATTRIBUTE_NODISCARD __attribute__((__warn_unused_result__))
#define _GL_ATTRIBUTE_MAYBE_UNUSED __attribute__((__unused__))
#define _GL_ATTRIBUTE_DEALLOC_FREE
#define _GL_ATTRIBUTE_RETURNS_NONNULL __attribute__((__returns_nonnull__))
#define _GL_UNUSED __attribute__((__unused__))
