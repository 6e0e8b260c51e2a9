#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh BUILD SECONDS NAME... - `make fuzz`: runs each libFuzzer harness
# BUILD/fuzz/fuzz_NAME for SECONDS, on its corpus BUILD/corpus/NAME (new
# inputs go there) plus the seeds made from the fixtures and the regression
# corpus. A finding (crash, leak, timeout, out of memory) is written to
# BUILD/artifacts/NAME/ and fails the run: fix it, then copy the input into
# tests/fuzz/regressions/NAME/ so that `make test` replays it from then on.
set -u
build=$1
seconds=$2
shift 2
sh tests/fuzz/seeds.sh "$build/seeds" "$build/mend" || exit 1
failed=""
for h in "$@"; do
  case $h in
  load) len=65536 ;;
  expr) len=4200 ;;
  restore) len=16384 ;;
  session) len=8192 ;;
  safety) len=65536 ;;
  plan) len=8192 ;;
  cache) len=8192 ;;
  include) len=32768 ;;
  player) len=8192 ;;
  image) len=65536 ;;
  *) echo "make fuzz: no harness '$h' (load, expr, restore, session, safety, plan, cache, include, player, image)" >&2; exit 2 ;;
  esac
  mkdir -p "$build/corpus/$h" "$build/artifacts/$h"
  regressions=tests/fuzz/regressions/$h
  [ -d "$regressions" ] || regressions=
  echo "== fuzz_$h: $seconds s, -max_len=$len"
  "$build/fuzz/fuzz_$h" -max_len=$len -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$h/" \
    "$build/corpus/$h" "$build/seeds/$h" $regressions || failed="$failed $h"
done
if [ -n "$failed" ]; then
  echo "make fuzz: findings in:$failed (see $build/artifacts/)" >&2
  exit 1
fi
echo "make fuzz: no findings in $*"
