#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh BUILD - runs every test against one build (BUILD/mend and the unit
# test binaries in BUILD/tests): the cmocka unit suites, the fixture checks,
# the hostile inputs, the replay of the fuzz regression corpus and the
# end-to-end scripts. All speak TAP; the last line counts them all.
set -u
build=${1:-build}
MEND=$(cd "$build" && pwd)/mend
export MEND
export CMOCKA_MESSAGE_OUTPUT=TAP
# libmend's blocks with canaries (tools/xalloc.h, tests/unit/helpers.h): a
# buffer of libmend's freed with free() instead of mend_free(), in the
# program or a unit suite, stops it. Not under the sanitizers, whose own
# red zones see more (a read just past a block's end).
if [ -z "${MEND_SANITIZED:-}" ]; then
  export MEND_CHECK_ALLOC="${MEND_CHECK_ALLOC-1}"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
suites_failed=0

run_suite() { # name command...
  name=$1
  shift
  echo "# $name"
  start=$(date +%s)
  "$@" >"$log.one" 2>&1
  rc=$?
  cat "$log.one"
  echo "# $name: $(($(date +%s) - start)) s"
  cat "$log.one" >>"$log"
  if [ $rc -ne 0 ]; then
    suites_failed=$((suites_failed + 1))
    if ! grep -q '^not ok' "$log.one"; then
      echo "not ok - $name exited with status $rc" | tee -a "$log"
    fi
  fi
  rm -f "$log.one"
}

for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  run_suite "unit: $(basename "$t")" "$t"
done
run_suite "fixtures" sh tests/fixtures/check.sh
run_suite "hostile inputs" sh tests/hostile.sh
run_suite "fuzz regressions" sh tests/fuzz/replay.sh "$build"
for t in tests/e2e/*.sh; do
  [ -f "$t" ] || continue
  run_suite "e2e: $(basename "$t")" sh "$t"
done

# the page of mend export --html (make web): its regular expressions against
# glibc's, its engine against mend play, and the page itself in Chromium
if [ "${MEND_WEB:-0}" = 1 ]; then
  run_suite "web: regex" sh tests/web/regex.sh "$build"
  run_suite "web: engine" node tests/web/transcript.cjs "$build/web/mend.wasm" "$MEND" \
    tests/fixtures/good/*.xml tests/e2e/fixtures/*.xml stories/*.xml stories/examples/*.xml
  run_suite "web: browser" env LC_ALL=C.UTF-8 node tests/web/browser.cjs "$MEND" "$build/web/shots" \
    tests/fixtures/good/*.xml tests/e2e/fixtures/*.xml stories/*.xml stories/examples/*.xml
fi

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$suites_failed" -eq 0 ]
