#!/bin/sh
# SPDX-License-Identifier: MIT
# web-page.sh - web/page.c, the page's player, natively (BUILD/tests/web_page,
# tests/web/native.c): its whole API on every fixture and bundled story, in
# this build (under the sanitizers in make asan, under valgrind in make
# valgrind); every result it gives is one valid JSON value.
. tests/lib.sh
bin=$(dirname "$MEND")/tests/web_page
if [ ! -x "$bin" ]; then
  tap FAIL "the page's player is built natively" "missing: $bin"
  exit 1
fi
"$bin" stories/lang/en.words stories/safety/en.lexicon stories/safety/resources \
  tests/fixtures/good/*.xml tests/e2e/fixtures/*.xml stories/*.xml >"$TMP/out" 2>"$TMP/err"
rc=$?
tap "$([ $rc -eq 0 ] && echo OK || echo FAIL)" \
  "the page's player plays every story through its API: choices, answers good and refused, Back, saves resumed and damaged, Start over, the helplines" \
  "status $rc: $(head -c 3000 "$TMP/err")"
n=$(grep -c '' "$TMP/out")
grep '^{' "$TMP/out" >"$TMP/objects"
grep '^\[' "$TMP/out" | sed 's/^/{"list":/; s/$/}/' >>"$TMP/objects"
if [ "$n" -gt 500 ] && [ "$(grep -c '' "$TMP/objects")" -eq "$n" ] && json_valid lines "$TMP/objects"; then
  tap OK "each of its $n results is one valid JSON value"
else
  tap FAIL "each of its results is one valid JSON value" "$n lines"
fi
grep -q '"kind":"support"' "$TMP/out" &&
  tap OK "crisis words answered bring the support screen into the view" ||
  tap FAIL "crisis words answered bring the support screen into the view"
finish
