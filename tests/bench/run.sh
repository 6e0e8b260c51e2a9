#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh BUILD - mend's benchmarks (make bench). Every figure is printed with a
# baseline measured in the same run (the machines are noisy), as a ratio. A
# benchmark never fails the build: this script always exits 0.
set -u
build=${1:-build}
MEND=$(cd "$build" && pwd)/mend
B=$build/bench
mkdir -p "$B"
cc -O2 -std=c11 -D_GNU_SOURCE -o "$B/gen" tests/bench/gen.c || exit 0
cc -O2 -std=c11 -D_GNU_SOURCE -o "$B/maxrss" tests/bench/maxrss.c || exit 0
REPS=${BENCH_REPS:-3}
# mend's own folders (the database that `mend list` opens, the library cache)
# in the bench's folder, not in the home of whoever runs it
export HOME="$PWD/$B/home" XDG_DATA_HOME="$PWD/$B/home/data" XDG_STATE_HOME="$PWD/$B/home/state" \
  XDG_CACHE_HOME="$PWD/$B/home/cache"
mkdir -p "$HOME"

# best (lowest) wall time and max RSS of REPS runs: "seconds kilobytes"
measure() {
  best=""
  rss=0
  i=0
  while [ $i -lt "$REPS" ]; do
    r=$("$B/maxrss" "$@" 2>&1 >/dev/null | tail -n 1)
    t=${r% *}
    k=${r#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$k" -gt "$rss" ] && rss=$k
    i=$((i + 1))
  done
  echo "$best $rss"
}
# best_json FILE CMD...: runs CMD (JSON with "seconds") REPS times and keeps in
# FILE the output of the fastest run; bestt is that run's whole wall time
best_json() {
  f=$1
  shift
  bestj=""
  bestt=""
  i=0
  while [ $i -lt "$REPS" ]; do
    t0=$(date +%s%N)
    "$@" >"$f.try" 2>/dev/null
    t1=$(date +%s%N)
    sj=$(tr -d ' \n' <"$f.try" | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' | head -n 1)
    if [ -n "$sj" ] && { [ -z "$bestj" ] || awk "BEGIN{exit !($sj < $bestj)}"; }; then
      bestj=$sj
      bestt=$(awk "BEGIN{printf \"%.6f\", ($t1 - $t0) / 1e9}")
      mv "$f.try" "$f"
    fi
    i=$((i + 1))
  done
  rm -f "$f.try"
}
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"n/a\" }"; }

echo "mend benchmarks ($(uname -m), $(nproc) cores, best of $REPS runs)"
echo

for n in 1000 20000 100000; do
  "$B/gen" $n >"$B/story-$n.xml" # fast, and always what gen.c now makes
done
"$B/gen" --states 1000000 >"$B/states.xml"

echo "1. load: mend lint (parse + check + compile + warnings + free) against xmllint --noout"
printf '   %-8s %10s %12s %12s %8s\n' nodes MB "mend s" "xmllint s" ratio
for n in 1000 20000 100000; do
  f=$B/story-$n.xml
  mb=$(awk "BEGIN{printf \"%.1f\", $(wc -c <"$f") / 1048576}")
  m=$(measure "$MEND" lint "$f")
  x=$(measure xmllint --noout "$f")
  printf '   %-8s %10s %12s %12s %8s\n' $n "$mb" "${m% *}" "${x% *}" "$(ratio "${m% *}" "${x% *}")"
  eval "load_$n='${m% *}' rss_$n='${m#* }' xrss_$n='${x#* }'"
done
echo

echo "2. peak memory (max RSS) of mend lint against xmllint --noout"
printf '   %-8s %12s %12s %8s\n' nodes "mend MB" "xmllint MB" ratio
for n in 1000 20000 100000; do
  eval "m=\$rss_$n x=\$xrss_$n"
  printf '   %-8s %12s %12s %8s\n' $n "$((m / 1024))" "$((x / 1024))" "$(ratio "$m" "$x")"
done
"$B/storysize" "$B/story-100000.xml" 2>/dev/null | sed 's/^/   /'
echo

echo "3. random play: mend test -n 100000 on the 20 000-node story (one core)"
if "$MEND" help test >/dev/null 2>&1; then
  best_json "$B/random.json" "$MEND" test -n 100000 --seed 1 --format json "$B/story-20000.xml"
  t=$bestt
  steps=$(tr -d ' \n' <"$B/random.json" | sed -n 's/.*"steps":\([0-9]*\).*/\1/p' | head -n 1)
  runs=$(tr -d ' \n' <"$B/random.json" | sed -n 's/.*"runs":\([0-9]*\).*/\1/p' | head -n 1)
  play=$(tr -d ' \n' <"$B/random.json" | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' | head -n 1)
  if [ -n "$steps" ] && [ -n "$runs" ] && [ -n "$play" ]; then
    echo "   $runs playthroughs, $steps decision steps in ${play}s of play (${t}s with loading the story)"
    echo "   $(awk "BEGIN{printf \"%.0f playthroughs/s, %.0f steps/s (%.0f steps/s load included)\", $runs / $play, $steps / $play, $steps / $t}")"
  else
    echo "   (mend test did not report runs and steps; see $B/random.json)"
  fi
else
  echo "   (mend test is not available in this build)"
fi
echo

echo "4. exhaustive exploration: distinct states per second (about 1 000 000 states)"
if "$MEND" help test >/dev/null 2>&1; then
  best_json "$B/states.json" "$MEND" test --exhaustive --max-states 2000000 --format json "$B/states.xml"
  t=$bestt
  states=$(tr -d ' \n' <"$B/states.json" | sed -n 's/.*"states":\([0-9]*\).*/\1/p' | head -n 1)
  play=$(tr -d ' \n' <"$B/states.json" | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' | head -n 1)
  if [ -n "$states" ] && [ -n "$play" ]; then
    echo "   $states states in ${play}s of exploration (${t}s with loading the story)"
    echo "   $(awk "BEGIN{printf \"%.0f states/s (%.0f states/s load included)\", $states / $play, $states / $t}")"
  else
    echo "   (mend test did not report states; see $B/states.json)"
  fi
else
  echo "   (mend test is not available in this build)"
fi
echo

echo "5. start-up, against /bin/true (mean of 20 runs)"
mean20() {
  s=$(date +%s%N)
  i=0
  while [ $i -lt 20 ]; do "$@" >/dev/null 2>&1 </dev/null; i=$((i + 1)); done
  e=$(date +%s%N)
  awk "BEGIN{printf \"%.2f\", ($e - $s) / 20 / 1e6}"
}
base=$(mean20 /bin/true)
list=$(MEND_PATH= mean20 "$MEND" list)
first=$(mean20 "$MEND" play --plain --no-save stories/final-message.xml)
echo "   /bin/true                         ${base} ms"
echo "   mend list (bundled library)       ${list} ms  (+$(awk "BEGIN{printf \"%.2f\", $list - $base}") ms)"
echo "   mend play --plain to 1st question ${first} ms  (+$(awk "BEGIN{printf \"%.2f\", $first - $base}") ms)"
echo

echo "6. scaling: load time per node at 100 000 nodes against at 1 000"
p1=$(awk "BEGIN{printf \"%.3f\", $load_1000 / 1000 * 1e6}")
p100=$(awk "BEGIN{printf \"%.3f\", $load_100000 / 100000 * 1e6}")
echo "   1 000 nodes: ${p1} us/node; 100 000 nodes: ${p100} us/node; ratio $(ratio "$p100" "$p1")"
echo

echo "7. reading what a person writes: the safety lexicon, a long answer scanned, rubrics"
"$B/safety" stories/lang/en.words stories/safety/en.lexicon 2>/dev/null | sed 's/^/   /'
echo

echo "8. the page of mend export --html: its size, and the time to its first question in"
echo "   headless Chromium against a plain static page of the same size (best of ${BENCH_REPS:-5})"
if [ -f "$build/web/mend.wasm" ] && command -v node >/dev/null 2>&1; then
  node tests/bench/page.cjs "$MEND" "$B/page" 2>&1 || true
else
  echo "   (the page's engine is not built: make web)"
fi
exit 0
