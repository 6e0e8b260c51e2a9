#!/bin/sh
# SPDX-License-Identifier: MIT
# library.sh - the library listing and its cache ($XDG_CACHE_HOME/mend/library):
# the same listing with or without the cache, and a change to a story is seen.
. tests/lib.sh

export XDG_CACHE_HOME="$TMP/cache"
LIB=$TMP/lib
mkdir -p "$LIB/parts"
cp tests/fixtures/good/minimal.xml tests/fixtures/good/docs-example.xml "$LIB/"
cp tests/fixtures/good/every-element.xml "$LIB/"
cp tests/fixtures/good/parts/every-element-part.xml "$LIB/parts/"
printf '<story id="broken" format="1" start="nowhere"><title>B</title></story>\n' >"$LIB/broken.xml"
C=$XDG_CACHE_HOME/mend/library

MEND_PATH=$LIB run_mend list --format tsv
first=$OUT
status "list: exit 0" 0
check "the cache is written" test -f "$C"
check "the cache file is private (0600)" test "$(stat -c %a "$C")" = 600
check "the cache folder is private (0700)" test "$(stat -c %a "$(dirname "$C")")" = 700
check "a story that includes other files is not cached" sh -c "! grep -q every-element.xml '$C'"
MEND_PATH=$LIB run_mend list --format tsv
check "a second listing, from the cache, is the same" test "$OUT" = "$first"
err_has "a broken story is still skipped with its warning, from the cache" \
  "mend: skipping $LIB/broken.xml: it has errors"

sed -i 's|<title>Minimal</title>|<title>Minimal, renamed</title>|' "$LIB/minimal.xml"
MEND_PATH=$LIB run_mend list --format tsv
has "an edited story is listed with its new title" "Minimal, renamed"

printf '<story id="broken" format="1" start="e"><title>Mended</title><ending id="e" title="E"/></story>\n' \
  >"$LIB/broken.xml"
MEND_PATH=$LIB run_mend list --format tsv
has "a repaired story is listed" "Mended"

printf 'mend-library 1\tgarbage\nnot\ta\tvalid\tline\n' >"$C"
MEND_PATH=$LIB run_mend list --format tsv
has "a damaged cache is ignored: the listing is still right" "Minimal, renamed"
status "and the listing succeeds" 0
finish
