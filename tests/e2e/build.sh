#!/bin/sh
# SPDX-License-Identifier: MIT
# build.sh - the build as a packager runs it: a copy of the tree, built in
# another folder, gives the very same program and library, byte for byte
# (no path of the tree or of the build folder is written into them); and
# `make CC=clang` builds them with every warning an error. Run on the plain
# build only (the sanitizer passes build with other flags).
#
#   MEND=$PWD/build/mend sh tests/e2e/build.sh
. tests/lib.sh

B=$(dirname "$MEND")
if [ -n "${MEND_SANITIZED:-}" ]; then
  echo "# the builds are compared on the plain build"
  finish
  exit # (finish only gives the status)
fi
if [ "$(cat "$B/flags" 2>/dev/null)" != "cc -O2 -g  /usr/local" ]; then
  echo "# $B was built with other flags ($(cat "$B/flags" 2>/dev/null)): nothing to compare it with"
  finish
  exit
fi
T=$TMP/tree
mkdir -p "$T"
cp -R Makefile engine include tools stories "$T"/
if make -s -C "$T" BUILD="$TMP/b1" all >"$TMP/b1.log" 2>&1; then
  tap OK "a copy of the tree builds in another folder"
else
  tap FAIL "a copy of the tree builds in another folder" "$(tail -n 20 "$TMP/b1.log")"
fi
check "... into the same program, byte for byte" cmp "$TMP/b1/mend" "$B/mend"
check "... and the same shared library" cmp "$TMP/b1/libmend.so.0" "$B/libmend.so.0"
check "... and the same static library" cmp "$TMP/b1/libmend.a" "$B/libmend.a"
if command -v clang >/dev/null 2>&1; then
  if make -s -C "$T" BUILD="$TMP/b2" CC=clang all >"$TMP/b2.log" 2>&1; then
    tap OK "make CC=clang builds, warnings as errors"
  else
    tap FAIL "make CC=clang builds, warnings as errors" "$(grep -m 5 'error' "$TMP/b2.log")"
  fi
  check "... a program that runs" "$TMP/b2/mend" --version
else
  echo "# clang is not installed (make fuzz and make web install it): the clang build is not tried"
fi
finish
