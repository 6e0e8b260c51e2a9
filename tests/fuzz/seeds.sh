#!/bin/sh
# SPDX-License-Identifier: MIT
# seeds.sh OUT MEND - seed corpora for the fuzz harnesses, made from the test
# fixtures (nothing here is committed; make fuzz and tests/fuzz/replay.sh run
# it): OUT/load (story files), OUT/expr (every if= and value= of them),
# OUT/restore (saves of tests/fuzz/story.xml, made by playing it with MEND)
# OUT/session (scripts for fuzz_session) and OUT/image (story images for
# fuzz_image). Run from the repository root.
set -u
out=$1
mend=$2
mkdir -p "$out/load" "$out/expr" "$out/restore" "$out/session" "$out/safety" "$out/plan" \
  "$out/cache" "$out/include" "$out/player" "$out/image"

for f in tests/fixtures/*/*.xml tests/fixtures/*/parts/*.xml tests/e2e/fixtures/*.xml stories/*.xml \
  tests/fuzz/story.xml; do
  [ -f "$f" ] && [ "$(wc -c <"$f")" -le 65536 ] || continue
  cp "$f" "$out/load/$(printf '%s' "$f" | tr '/' '_')"
done

# story images (see fuzz_image.c): the payload of each good story's image
# after a 0 byte, and one whole image after a 1 byte
k=0
for f in tests/fixtures/good/*.xml tests/e2e/fixtures/*.xml stories/examples/*.xml \
  stories/posting.xml tests/fuzz/story.xml; do
  [ -f "$f" ] || continue
  k=$((k + 1))
  "$mend" export --image "$f" >"$out/image.one" 2>/dev/null || continue
  { printf '\000' && tail -c +33 "$out/image.one"; } >"$out/image/i$k"
  [ $k -eq 1 ] && { printf '\001' && cat "$out/image.one"; } >"$out/image/whole$k"
done
rm -f "$out/image.one"

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
    rm -rf "$state/d"
    printf "$script" | XDG_STATE_HOME="$state/s" XDG_DATA_HOME="$state/d" HOME="$state" \
      "$mend" play --no-color --seed "$seed" tests/fuzz/story.xml >/dev/null 2>&1
    # the save as the database holds it (sqlite3 writes a blob as it is)
    sqlite3 "$state/d/mend/mend.db" "SELECT save FROM sessions" >"$out/restore/save$k" 2>/dev/null
    [ -s "$out/restore/save$k" ] || rm -f "$out/restore/save$k"
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

# plans: every plan of the stories and fixtures (run on the fuzz story, they
# mostly diverge, which is what the harness checks)
# (one awk for the thousands of them: a cp and a tr each took over a minute and a half)
awk -v d="$out/plan" 'FNR == 1 { if (f != "") close(f); f = FILENAME; gsub("/", "_", f); f = d "/" f }
  { print > f }' stories/plans/*.plan stories/examples/plans/*.plan tests/e2e/fixtures/tester/*.plan \
  tests/e2e/fixtures/tester/*/*.plan
printf 'seed 1\nanswer 7\nanswer y\nchoose Write it\nanswer I am sorry\nexpect respect\nending calm_end\n' \
  >"$out/plan/fuzz-story.plan"

# listing cache lines: PATH SIZE SEC NSEC STATUS MINUTES ID TITLE ABOUT
printf '/s/a.xml\t120\t1700000000\t5\t0\t12\ta\tA title\tAbout it\n/s/b.xml\t1\t2\t3\t2\t0\t\t\t\n' \
  >"$out/cache/c1"
printf '/s/c.xml\t99999999999999999999\t-1\tx\t7\t-5\tc\tC\t\n\t\t\t\t\t\t\t\t\n' >"$out/cache/c2"

# includes: a story and its parts, cut by "\n----\n" (see fuzz_include.c)
{
  sed 's|parts/every-element-part.xml|parts/c.xml|g' tests/fixtures/good/every-element.xml
  printf '\n----\n\n----\n\n----\n'
  cat tests/fixtures/good/parts/every-element-part.xml
} >"$out/include/i1"
printf '<story id="i" format="1" start="a" xmlns:xi="http://www.w3.org/2001/XInclude"><title>I</title><xi:include href="a.xml"/><ending id="e" title="E" tone="neutral"/></story>\n----\n<nodes xmlns:xi="http://www.w3.org/2001/XInclude"><node id="a"><text>A</text><choice to="e">Go</choice></node><xi:include href="b.xml"/></nodes>\n----\n<nodes xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="a.xml"/></nodes>' \
  >"$out/include/i2"

# what a person types: the first byte is the seed and flags (1 save, 2 wrap)
printf '\001%s' '7
y
1
I am sorry, my fault
:journal
:status
:back
:back
2
:example
:save
:restart
y
3
n
:quit
' >"$out/player/p1"
printf '\003%s' '9
Write
please come back please
:help
?

y
5
:bogus
99
Wait
' >"$out/player/p2"
printf '\000\033[31m7\000\nyes\n\377\376\n:back\n' >"$out/player/p3"
# flags 5: the bytes are also an old journal, imported first (an entry without "end")
printf '\005entry\nwhen 2026-11-20 23:14\nstory s\ntext a\\nb\nend\nentry\nwhen x\nstory s\ntext c\nentry\n7\n' \
  >"$out/player/p4"
