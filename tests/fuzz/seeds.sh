#!/bin/sh
# seeds.sh OUT MEND - seed corpora for the fuzz harnesses, made from the test
# fixtures (nothing here is committed; make fuzz and tests/fuzz/replay.sh run
# it): OUT/load (story files), OUT/expr (every if= and value= of them),
# OUT/restore (saves of tests/fuzz/story.xml, made by playing it with MEND)
# and OUT/session (scripts for fuzz_session). Run from the repository root.
set -u
out=$1
mend=$2
mkdir -p "$out/load" "$out/expr" "$out/restore" "$out/session" "$out/safety"

for f in tests/fixtures/*/*.xml tests/fixtures/*/parts/*.xml tests/e2e/fixtures/*.xml stories/*.xml \
  tests/fuzz/story.xml; do
  [ -f "$f" ] && [ "$(wc -c <"$f")" -le 65536 ] || continue
  cp "$f" "$out/load/$(printf '%s' "$f" | tr '/' '_')"
done

n=0
cat tests/fixtures/*/*.xml stories/*.xml tests/fuzz/story.xml 2>/dev/null |
  grep -a -o -h ' \(if\|value\)="[^"]*"' |
  sed -e 's/^ [a-z]*="//' -e 's/"$//' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e "s/&apos;/'/g" \
    -e 's/&quot;/"/g' -e 's/&amp;/\&/g' | sort -u >"$out/expr.all"
while IFS= read -r e; do
  n=$((n + 1))
  printf '%s' "$e" >"$out/expr/x$n"
done <"$out/expr.all"
rm -f "$out/expr.all"

# saves: the story played along a few paths, stopped early (the save stays)
state=$(mktemp -d "${TMPDIR:-/tmp}/mend-seeds.XXXXXX")
k=0
for script in '7\n' '7\ny\n2\n' '3\ny\n1\nI am sorry, my fault\n' '9\n1\nplease come back\n7\nn\n2\n' \
  '2\nn\n1\nsorry sorry sorry sorry sorry sorry sorry sorry sorry sorry sorry\n1\n' \
  '0\ny\n2\n5\ny\n1\nmy fault\n'; do
  for seed in 1 2 3; do
    k=$((k + 1))
    rm -rf "$state/s"
    printf "$script" | XDG_STATE_HOME="$state/s" XDG_DATA_HOME="$state/d" HOME="$state" \
      "$mend" play --no-color --seed "$seed" tests/fuzz/story.xml >/dev/null 2>&1
    [ -f "$state/s/mend/sessions/fuzz-story.save" ] &&
      cp "$state/s/mend/sessions/fuzz-story.save" "$out/restore/save$k"
  done
done
rm -rf "$state"

# session scripts: a seed byte, then operations (see fuzz_session.c): 0 answer
# (length, bytes), 2 choose (index), 4 continue, 5 undo, 6 save and restore,
# 7|0x80 reset (seed)
printf '\001\000\0017\000\001y\002\000\006\000\024I am sorry, my fault\004\006\005\005' >"$out/session/s1"
printf '\002\000\0019\002\001\004\004\002\000\000\020please come back\006\004' >"$out/session/s2"
printf '\003\000\0010\000\001n\002\001\004\002\002\207\005\000\0015\005\006' >"$out/session/s3"
printf '\004\000\00210\000\0011\000\002-1\000\001x\000\001Y\002\000\000\000\006' >"$out/session/s4"

# safety: a lexicon or a helplines file, a NUL, then an answer (see fuzz_safety.c)
k=0
for f in stories/safety/en.lexicon stories/safety/resources; do
  for line in "i want to kill myself" "he never hit me, but i cant go on" "im done. with everything. with life" \
    "k*ll myslef, su1c1dal, dieeeee" "en_GB.UTF-8"; do
    k=$((k + 1))
    { cat "$f"; printf '\000%s' "$line"; } >"$out/safety/s$k"
  done
done
grep -v '^#' tests/safety/corpus-en.txt 2>/dev/null | sed 's/^[^|]*| //' | head -n 40 |
  while IFS= read -r line; do
    k=$((k + 1))
    printf 'language: en\nstemmer: english\n[crisis: x]\nseverity: 1\nsays: x\nwant ... die\n\000%s' \
      "$line" >"$out/safety/c$k"
  done
