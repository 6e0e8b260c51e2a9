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
work=$(mktemp -d)
trap 'rm -rf "$log" "$work"' EXIT
suites_failed=0

# The suites, in order: a name and a command each (add), kept in $work.
# A suite marked "alone" runs by itself: tester.sh explores on every core itself,
# killtest.sh kills the player at chosen moments, the browser drives Chromium.
n=0
add() { # alone|lanes name command...
  n=$((n + 1))
  mode=$1 name=$2
  shift 2
  printf '%s\n' "$name" >"$work/$n.name"
  printf '%s\n' "$mode" >"$work/$n.mode"
  : >"$work/$n.cmd"
  for a in "$@"; do printf '%s\n' "$a" >>"$work/$n.cmd"; done
}
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  add lanes "unit: $(basename "$t")" "$t"
done
add lanes "fixtures" sh tests/fixtures/check.sh
add lanes "hostile inputs" sh tests/hostile.sh
add lanes "fuzz regressions" sh tests/fuzz/replay.sh "$build"
for t in tests/e2e/*.sh; do
  [ -f "$t" ] || continue
  case $t in
  */tester.sh | */killtest.sh) add alone "e2e: $(basename "$t")" sh "$t" ;;
  *) add lanes "e2e: $(basename "$t")" sh "$t" ;;
  esac
done
# the page of mend export --html (make web): its regular expressions against
# glibc's, its engine against mend play, and the page itself in Chromium
if [ "${MEND_WEB:-0}" = 1 ]; then
  add lanes "web: regex" sh tests/web/regex.sh "$build"
  add lanes "web: engine" node tests/web/transcript.cjs "$build/web/mend.wasm" "$MEND" \
    tests/fixtures/good/*.xml tests/e2e/fixtures/*.xml stories/*.xml stories/examples/*.xml
  add alone "web: browser" env LC_ALL=C.UTF-8 node tests/web/browser.cjs "$MEND" "$build/web/shots" \
    tests/fixtures/good/*.xml tests/e2e/fixtures/*.xml stories/*.xml stories/examples/*.xml
fi
total=$n

run_one() { # i: runs suite i into $work/i.out, its status into $work/i.rc
  i=$1
  start=$(date +%s)
  set --
  while IFS= read -r a; do set -- "$@" "$a"; done <"$work/$i.cmd"
  "$@" >"$work/$i.out" 2>&1
  echo $? >"$work/$i.rc"
  echo $(($(date +%s) - start)) >"$work/$i.secs"
}
show() { # i: prints suite i as it ran
  echo "# $(cat "$work/$1.name")"
  cat "$work/$1.out"
  echo "# $(cat "$work/$1.name"): $(cat "$work/$1.secs") s"
}
count() { # i: counts suite i's results, and a suite that failed without saying so
  cat "$work/$1.out" >>"$log"
  rc=$(cat "$work/$1.rc" 2>/dev/null || echo 1)
  if [ "$rc" -ne 0 ]; then
    suites_failed=$((suites_failed + 1))
    if ! grep -q '^not ok' "$work/$1.out" 2>/dev/null; then
      echo "not ok - $(cat "$work/$1.name") exited with status $rc" | tee -a "$log"
    fi
  fi
}

# The suites that share the machine: MEND_TEST_JOBS of them at a time (the cores,
# at most 4), each lane taking the next suite no other lane took (mkdir is
# atomic); their output is shown as each one ends, whole.
. tests/lanes.sh
lane() {
  i=1
  while [ $i -le $total ]; do
    if [ "$(cat "$work/$i.mode")" = lanes ] && mkdir "$work/$i.taken" 2>/dev/null; then
      run_one $i
      # (one lane prints at a time)
      while ! mkdir "$work/print" 2>/dev/null; do sleep 0.1; done
      show $i
      rmdir "$work/print"
    fi
    i=$((i + 1))
  done
}
lanes lane
# (counted here: the lanes are shells of their own)
i=1
while [ $i -le $total ]; do
  [ "$(cat "$work/$i.mode")" = lanes ] && count $i
  i=$((i + 1))
done
# then the ones that run alone
i=1
while [ $i -le $total ]; do
  if [ "$(cat "$work/$i.mode")" = alone ]; then
    run_one $i
    show $i
    count $i
  fi
  i=$((i + 1))
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$suites_failed" -eq 0 ]
