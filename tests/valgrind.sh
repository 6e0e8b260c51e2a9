#!/bin/sh
# SPDX-License-Identifier: MIT
# valgrind.sh BUILD - the unit suites and a few real sessions under valgrind;
# any leak or memory error fails.
set -u
build=${1:-build}
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fail=0
n=0
# the unit suites, MEND_TEST_JOBS at a time (the cores, at most 4), each lane
# taking the next suite no other lane took (mkdir is atomic); reported in order
vgdir=$(mktemp -d)
. tests/lanes.sh
unit_lane() {
  for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    b=$(basename "$t")
    mkdir "$vgdir/$b.taken" 2>/dev/null || continue
    CMOCKA_MESSAGE_OUTPUT=TAP $vg "$t" >/dev/null 2>"$vgdir/$b.log"
    echo $? >"$vgdir/$b.rc"
  done
}
lanes unit_lane
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  n=$((n + 1))
  b=$(basename "$t")
  if [ "$(cat "$vgdir/$b.rc" 2>/dev/null)" = 0 ]; then
    echo "ok $n - valgrind: $b"
  else
    echo "not ok $n - valgrind: $b"
    sed 's/^/#   /' "$vgdir/$b.log" | head -n 60
    fail=$((fail + 1))
  fi
done
rm -rf "$vgdir"
# every fixture, good and bad, in one process each (one start of valgrind, not
# one a file: the same loads, minutes fewer)
for set in good bad; do
  n=$((n + 1))
  $vg "$build/mend" lint tests/fixtures/$set/*.xml >/dev/null 2>"$build/vg.log"
  if [ $? -ne 99 ]; then echo "ok $n - valgrind: lint tests/fixtures/$set/*.xml"; else
    echo "not ok $n - valgrind: lint tests/fixtures/$set/*.xml"
    sed 's/^/#   /' "$build/vg.log" | head -n 60
    fail=$((fail + 1))
  fi
done
n=$((n + 1))
# web/page.c, the page's player, natively (tests/web/native.c)
if $vg "$build/tests/web_page" stories/lang/en.words stories/safety/en.lexicon \
  stories/safety/resources tests/fixtures/good/docs-example.xml tests/e2e/fixtures/safety.xml \
  stories/posting.xml tests/e2e/fixtures/unask.xml tests/e2e/fixtures/hear.xml \
  tests/e2e/fixtures/hear-yesno.xml >/dev/null 2>"$build/vg.log"; then
  echo "ok $n - valgrind: the page's player (web_page)"
else
  echo "not ok $n - valgrind: the page's player (web_page)"
  sed 's/^/#   /' "$build/vg.log" | head -n 60
  fail=$((fail + 1))
fi
n=$((n + 1))
# (in a home of its own: never the person's data, nor their own lexicon)
vghome=$(mktemp -d)
if printf '9\n1\nsorry\n:back\n:back\n2\n' | HOME=$vghome XDG_DATA_HOME=$vghome/data \
    XDG_STATE_HOME=$vghome/state XDG_CONFIG_HOME=$vghome/config XDG_CACHE_HOME=$vghome/cache \
    $vg "$build/mend" play --seed 3 tests/fixtures/good/docs-example.xml >/dev/null 2>"$build/vg.log"; then
  echo "ok $n - valgrind: a played session"
else
  echo "not ok $n - valgrind: a played session"
  sed 's/^/#   /' "$build/vg.log" | head -n 60
  fail=$((fail + 1))
fi
rm -rf "$vghome"
# mend journal (shown, with an older mend's summary read once per answer, and
# exported as Markdown) and progress -o, in a data folder of their own
vgdata=$(mktemp -d)
printf '9\n1\nsorry *you* [x] 1. <b>\n' | HOME=$vgdata XDG_DATA_HOME=$vgdata \
  "$build/mend" play --plain --seed 3 tests/fixtures/good/docs-example.xml >/dev/null 2>&1
sqlite3 "$vgdata/mend/mend.db" "INSERT INTO journal(created, local_time, story_id, title, prompt,
  text, session) SELECT 2, local_time, story_id, title, 'Summary: An end', 'What you wrote:
  ' || prompt || '
    ' || text || '
  Another
    kept
Decisions made: 2
', session FROM journal" 2>/dev/null
for args in "journal" "journal --export -" "journal --export $vgdata/j.md" \
  "progress --format csv -o $vgdata/p.csv"; do
  n=$((n + 1))
  HOME=$vgdata XDG_DATA_HOME=$vgdata $vg "$build/mend" $args >/dev/null 2>"$build/vg.log"
  if [ $? -ne 99 ]; then echo "ok $n - valgrind: $args"; else
    echo "not ok $n - valgrind: $args"
    sed 's/^/#   /' "$build/vg.log" | head -n 60
    fail=$((fail + 1))
  fi
done
rm -rf "$vgdata"
for args in "-n 50 tests/e2e/fixtures/tester/dead-end.xml" \
  "--exhaustive tests/e2e/fixtures/tester/shortest.xml" \
  "-n 20 --format json tests/e2e/fixtures/tester/coverage.xml"; do
  n=$((n + 1))
  $vg "$build/mend" test $args >/dev/null 2>"$build/vg.log"
  if [ $? -ne 99 ]; then echo "ok $n - valgrind: test $args"; else
    echo "not ok $n - valgrind: test $args"
    sed 's/^/#   /' "$build/vg.log" | head -n 60
    fail=$((fail + 1))
  fi
done
echo "$((n - fail)) passed, $fail failed"
[ $fail -eq 0 ]
