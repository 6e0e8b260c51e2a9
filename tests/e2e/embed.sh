#!/bin/sh
# SPDX-License-Identifier: MIT
# embed.sh - libmend as others link it: the shared library exports only the
# mend_ functions and has its SONAME; `make install DESTDIR=...` gives the
# tree a package ships (the libraries and their links, the headers,
# pkg-config's mend.pc with a multiarch LIBDIR, the stories, mend(1)); the
# embedding example (examples/chat.c) builds with `pkg-config --cflags --libs
# mend` alone against that tree and plays a bundled story; the Python ctypes
# example runs when Python is there.
#
#   MEND=$PWD/build/mend sh tests/e2e/embed.sh
. tests/lib.sh

B=$(dirname "$MEND")
SO=$B/libmend.so.0
check "the build has the shared library" test -f "$SO"
soname=$(objdump -p "$SO" 2>/dev/null | sed -n 's/^ *SONAME *//p')
check "its SONAME is libmend.so.0" test "$soname" = libmend.so.0
nm -D --defined-only "$SO" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' >"$TMP/syms"
foreign=$(grep -v '^mend_' "$TMP/syms" | grep -v '^_\(init\|fini\|edata\|end\|_bss_start\)$' |
  grep -v '^__\(asan\|ubsan\|sanitizer\|lsan\)' | head -5)
if [ -s "$TMP/syms" ] && [ -z "$foreign" ]; then
  tap OK "it exports only mend_ functions ($(wc -l <"$TMP/syms") of them)"
else
  tap FAIL "it exports only mend_ functions" "also exported: $foreign"
fi
for f in mend_version mend_story_load mend_session_new mend_safety_scan mend_set_allocator \
  mend_free; do
  check "... among them $f" grep -qx "$f" "$TMP/syms"
done
# Every block libmend makes comes from the host's allocator when it set one
# (mend_set_allocator): engine/mem.c alone calls the C library's.
if ar t "$B/libmend.a" >/dev/null 2>&1; then
  direct=$(nm -A "$B/libmend.a" 2>/dev/null | grep -v '^[^:]*:mem\.o:' |
    grep -E ' U (malloc|calloc|realloc|reallocarray|free|strdup|strndup|posix_memalign|aligned_alloc|memalign|valloc|asprintf|vasprintf|getline|getdelim|open_memstream)$' |
    sed 's/^[^:]*://' | head -5)
  if [ -z "$direct" ]; then
    tap OK "libmend allocates through engine/mem.c only (the host's allocator)"
  else
    tap FAIL "libmend allocates through engine/mem.c only (the host's allocator)" "$direct"
  fi
fi

if [ -n "${MEND_SANITIZED:-}" ]; then
  echo "# the install and the examples: checked on the plain build"
  finish
  exit # (finish only gives the status: the sanitizer build is not installed)
fi

# Installed as Debian would, into a temporary root. Nothing is rebuilt
# (-o: the build's flags file stands as it is).
ROOT=$TMP/root
MA=lib/$(cc -print-multiarch 2>/dev/null || echo multiarch)
[ "$MA" = lib/ ] && MA=lib/multiarch
if make -s --no-print-directory -o "$B/flags" BUILD="$B" install DESTDIR="$ROOT" \
  LIBDIR=/usr/local/$MA >"$TMP/install.log" 2>&1; then
  tap OK "make install DESTDIR=... LIBDIR=/usr/local/$MA succeeds"
else
  tap FAIL "make install DESTDIR=... LIBDIR=/usr/local/$MA succeeds" "$(tail -20 "$TMP/install.log")"
fi
L=$ROOT/usr/local/$MA
check "... the shared library" test -f "$L/libmend.so.0.1.0"
check "... its SONAME link" test "$(readlink "$L/libmend.so.0")" = libmend.so.0.1.0
check "... the link for linking" test "$(readlink "$L/libmend.so")" = libmend.so.0
check "... the static library" test -f "$L/libmend.a"
check "... the headers" test -f "$ROOT/usr/local/include/mend/mend.h"
check "... mend.pc, in LIBDIR" test -f "$L/pkgconfig/mend.pc"
check "... mend(1)" test -f "$ROOT/usr/local/share/man/man1/mend.1"
check "... which names the version of mend.h" \
  grep -q "^\.TH MEND 1 .* \"mend $(sed -n 's/^#define MEND_VERSION "\(.*\)"$/\1/p' include/mend/mend.h)\"" \
  "$ROOT/usr/local/share/man/man1/mend.1"
check "... the program" test -x "$ROOT/usr/local/bin/mend"
check "... mend(3), the library's page" test -f "$ROOT/usr/local/share/man/man3/mend.3"
for page in man1/mend.1 man3/mend.3; do
  check "... $page renders without a warning" \
    sh -c "groff -man -Tutf8 -ww '$ROOT/usr/local/share/man/$page' 2>&1 >/dev/null | grep -q . && exit 1 || exit 0"
done
check "... bash's completion" test -f "$ROOT/usr/local/share/bash-completion/completions/mend"
check "... zsh's completion" test -f "$ROOT/usr/local/share/zsh/vendor-completions/_mend"
check "... fish's completion" test -f "$ROOT/usr/local/share/fish/vendor_completions.d/mend.fish"

pc() { # pkg-config on the installed tree, as if it were in its place
  PKG_CONFIG_PATH=$L/pkgconfig pkg-config --define-variable=libdir="$L" \
    --define-variable=includedir="$ROOT/usr/local/include" \
    --define-variable=datadir="$ROOT/usr/local/share/mend" "$@" mend
}
check "pkg-config knows mend's version, the one of mend.h" \
  test "$(pc --modversion)" = "$(sed -n 's/^#define MEND_VERSION "\(.*\)"$/\1/p' include/mend/mend.h)"
check "pkg-config gives the stories folder" \
  test "$(pc --variable=storiesdir)" = "$ROOT/usr/local/share/mend/stories"
STORIES=$(pc --variable=storiesdir)
check "... which holds the bundled stories" test -f "$STORIES/no-contact.xml"
check "... the authors' guide, where mend(1) says" test -f "$STORIES/README.md"
check "... its example" test -f "$STORIES/examples/first-night.xml"
check "... with its plans" test -f "$STORIES/examples/plans/first-night.sent.plan"
check "... and the bundled stories' plans" test -f "$STORIES/plans/no-contact.held.plan"
check "mend(1) names where the guide is installed" grep -q 'PREFIX/share/mend/stories/README.md' tools/mend.1

# shellcheck disable=SC2046 # pkg-config's words are separate arguments
if cc -std=c11 -Wall -Wextra -Werror examples/chat.c $(pc --cflags --libs) -o "$TMP/chat" \
  2>"$TMP/cc.err"; then
  tap OK "the embedding example builds with pkg-config --cflags --libs mend alone"
else
  tap FAIL "the embedding example builds with pkg-config --cflags --libs mend alone" \
    "$(cat "$TMP/cc.err")"
fi
check "... and links the shared library" sh -c "LD_LIBRARY_PATH='$L' ldd '$TMP/chat' | grep -q '$L/libmend.so.0'"
printf '1\n2\nI miss you\n1\n' | LD_LIBRARY_PATH=$L "$TMP/chat" "$STORIES/no-contact.xml" \
  >"$TMP/out" 2>"$TMP/err"
RC=$?
OUT=$(cat "$TMP/out")
ERR=$(cat "$TMP/err")
status "... and plays a bundled story until the person stops (exit 0)" 0
has "... from its title" "[A hard week of No Contact]"
has "... asking the story's first question" "bot: How strong is the urge to reach out"
has "... taking a choice" "you: 2"
has "... and a written answer" "you: I miss you"
has "... answered by the story" "It's out of your head now."
printf 'a lot\n' | LD_LIBRARY_PATH=$L "$TMP/chat" "$STORIES/no-contact.xml" >"$TMP/out" 2>&1
OUT=$(cat "$TMP/out")
has "... and a wrong answer is asked again, not taken" "(I did not understand that; try again)"

if command -v python3 >/dev/null 2>&1; then
  run_py() { python3 examples/hello.py "$@" >"$TMP/out" 2>"$TMP/err"; RC=$?; OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err"); }
  run_py "$STORIES/no-contact.xml" "$L/libmend.so.0"
  status "the Python example (ctypes) runs" 0
  has "... with the library's version" "libmend 0.1.0"
  has "... the story's title" "A hard week of No Contact"
  has "... and its first screen" "1:12 a.m. You can't sleep."
else
  echo "# python3 is not installed: the ctypes example is not run"
fi
finish
