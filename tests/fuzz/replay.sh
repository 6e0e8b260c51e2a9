#!/bin/sh
# SPDX-License-Identifier: MIT
# replay.sh BUILD - replays the fuzz regression corpus (tests/fuzz/regressions,
# every input a fuzzer once failed on) and the seed corpora (made from the
# fixtures by seeds.sh) through the harnesses, built as ordinary programs
# (BUILD/tests/fuzz_NAME, see replay.c). One TAP line per input.
. tests/lib.sh
build=${1:-build}
sh tests/fuzz/seeds.sh "$TMP/seeds" "$MEND"
for h in load expr restore session safety plan cache include player image; do
  bin=$build/tests/fuzz_$h
  if [ ! -x "$bin" ]; then
    tap FAIL "fuzz_$h: the replay program is built" "missing: $bin"
    continue
  fi
  nseeds=$(ls "$TMP/seeds/$h" | wc -l)
  [ "$nseeds" -gt 0 ] || tap FAIL "fuzz_$h: there are seed inputs to replay"
  set --
  for f in tests/fuzz/regressions/$h/* "$TMP/seeds/$h"/*; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  "$bin" "$@" >"$TMP/replay.out" 2>"$TMP/replay.err"
  rc=$?
  # the program's own lines, renumbered into this file's TAP sequence
  while IFS= read -r line; do
    case $line in
    "ok "*) d=${line#ok * - } && tap OK "fuzz_$h: ${d#"$TMP"/}" ;;
    "not ok "*) d=${line#not ok * - } && tap FAIL "fuzz_$h: ${d#"$TMP"/}" ;;
    esac
  done <"$TMP/replay.out"
  if [ $rc -ne 0 ]; then
    last=$(grep -c '' "$TMP/replay.out")
    tap FAIL "fuzz_$h: replays every input (exit status $rc after $last inputs)" \
      "$(head -c 6000 "$TMP/replay.err")"
  fi
done
# make fuzz compiles everything with clang, whose -Wpedantic is stricter than
# gcc's in places (an enum past INT_MAX): a compile check keeps it building
if command -v clang >/dev/null 2>&1; then
  flags="-std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wformat=2 -Wno-format-nonliteral -D_GNU_SOURCE -Iinclude -Iengine -Itools -Itests/fuzz
    $(pkg-config --cflags libxml-2.0 sqlite3 libutf8proc readline 2>/dev/null)"
  bad=""
  for f in engine/*.c tools/*.c tests/fuzz/*.c; do
    # shellcheck disable=SC2086
    clang -fsyntax-only $flags "$f" >>"$TMP/clang.err" 2>&1 || bad="$bad $f"
  done
  if [ -z "$bad" ]; then
    tap OK "the sources compile with clang and -Wpedantic -Werror (make fuzz's compiler)"
  else
    tap FAIL "the sources compile with clang and -Wpedantic -Werror (make fuzz's compiler)" \
      "failed:$bad
$(head -c 3000 "$TMP/clang.err")"
  fi
else
  echo "# clang: not installed, the compile check is skipped"
fi
finish
