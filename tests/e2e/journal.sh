#!/bin/sh
# SPDX-License-Identifier: MIT
# journal.sh - mend journal as a person reads it, and what it exports:
#   - 200 entries written on 200 faked dates (MEND_NOW), oldest first; in a
#     real terminal (tmux, 80x24) through the pager, opened at the newest,
#     every line broken between words, back to the oldest with g, q to quit;
#     PAGER honoured, a PAGER that cannot start passed over, no pager off a
#     terminal; :journal in the player wrapped by words too;
#   - each answer once: a summary kept now leaves out the answers the journal
#     holds; one kept by an older mend is shown without its repeats;
#   - --export rendered by cmark (CommonMark's reference renderer): the
#     person's words come out as written (paragraphs, line breaks, indents,
#     no markup made of them); '-' and /dev/stdout; a symbolic link followed
#     and never replaced; permissions; a full disk (/dev/full, and a full
#     tmpfs where a mount namespace can be had) exits 5 and changes nothing;
#   - mend progress -o FILE through the same output path.
. tests/lib.sh

STORY=$PWD/tests/fixtures/good/docs-example.xml
WORDS="i cant do this without you and every song on the radio is about us"
BASE=1790000000 # 2026-09-21

# ---- 200 entries on 200 days ---------------------------------------------------------------
i=1
while [ $i -le 200 ]; do
  n=$(printf '%03d' $i)
  printf '9\n1\nsorry %s %s %s\n' "$n" "$WORDS" "$WORDS" |
    MEND_NOW=@$((BASE + i * 86400)) "$MEND" play --plain --seed 5 "$STORY" >/dev/null 2>&1
  i=$((i + 1))
done
check "200 plays wrote 200 entries" test "$(sql "SELECT count(*) FROM journal")" = 200

run_mend journal
status "mend journal off a terminal: exit 0" 0
first=$(printf '%s\n' "$OUT" | grep -m1 -o 'sorry [0-9]*')
last=$(printf '%s\n' "$OUT" | grep -o 'sorry [0-9]*' | tail -n 1)
check "oldest first: the first entry is the first written" test "$first" = "sorry 001"
check "... and the last is the newest" test "$last" = "sorry 200"
check "... in the order of their dates" \
  test "$(printf '%s\n' "$OUT" | grep -o '^[0-9]\{4\}-[0-9-]* [0-9:]*' | sort -c && echo sorted)" = sorted
check "off a terminal the lines are not wrapped (a pipe gets whole answers)" \
  test "$(printf '%s\n' "$OUT" | grep -c "^    sorry [0-9]* $WORDS $WORDS\$")" = 200
PAGER=false run_mend journal
check "off a terminal no pager is started, whatever PAGER says" test "$(printf '%s\n' "$OUT" | grep -c '^    sorry')" = 200

# ---- in a real terminal ----------------------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
  echo "# the journal in a terminal: skipped (tmux not installed)"
else
  tmux_server journal
  NS=0
  # start COLS ROWS [VAR=VALUE...] COMMAND...: COMMAND in a new window, then
  # "mend exited N" when it ends
  start() {
    cols=$1 rows=$2
    shift 2
    NS=$((NS + 1))
    S=j$NS
    tm new-session -d -s "$S" -x "$cols" -y "$rows" env -u PAGER HOME="$HOME" \
      XDG_STATE_HOME="$XDG_STATE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
      XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" TERM=xterm-256color \
      LC_ALL=C.UTF-8 NO_COLOR= MEND_PATH= "$@"
  }
  visible() { tm capture-pane -p -t "$S"; }
  # wait_for TEXT: until the screen shows TEXT (10 s at most)
  shown() { case "$(visible)" in *"$1"*) return 0 ;; esac; return 1; }
  wait_for() { poll 10 shown "$1"; }
  keys() { tm send-keys -t "$S" "$@"; }
  # whole_words: every word of every answer line on the screen is a word that
  # was written (a word broken at the margin is not)
  whole_words() {
    visible | grep '^    ' | tr ' ' '\n' | grep -v '^$' | grep -v '^[0-9][0-9][0-9]$' |
      grep -vxF -e sorry $(printf -- '-e %s ' $WORDS) | head -n 5
  }

  start 80 24 sh -c '"$0" journal; echo "mend exited $?"; exec cat' "$MEND"
  if wait_for "q to quit"; then tap OK "the journal opens in a pager on a terminal (less, with its prompt)"; else
    tap FAIL "the journal opens in a pager on a terminal (less, with its prompt)" "$(visible)"
  fi
  screen=$(visible)
  case "$screen" in *"sorry 200"*) tap OK "... opened at the end: the newest entry is on the screen" ;;
  *) tap FAIL "... opened at the end: the newest entry is on the screen" "$screen" ;; esac
  bottom=$(printf '%s\n' "$screen" | grep 'sorry' | tail -n 1)
  case "$bottom" in *"sorry 200"*) tap OK "... at the bottom, where the eye lands" ;;
  *) tap FAIL "... at the bottom, where the eye lands" "$screen" ;; esac
  case "$screen" in *"sorry 001"*) tap FAIL "... and the oldest is not" "$screen" ;;
  *) tap OK "... and the oldest is not" ;; esac
  broken=$(whole_words)
  if [ -z "$broken" ] && printf '%s\n' "$screen" | grep -q "^    sorry 200 $WORDS\$"; then
    tap OK "lines are broken between words, at 80 columns"
  else
    tap FAIL "lines are broken between words, at 80 columns" "broken: $broken
$screen"
  fi
  keys g
  if wait_for "sorry 001"; then tap OK "g goes back to the oldest entry, at the top"; else
    tap FAIL "g goes back to the oldest entry, at the top" "$(visible)"
  fi
  head=$(tm capture-pane -p -e -t "$S" | head -n 1)
  case "$head" in *"[1m2026-09-"*"The 1 a.m. message"*) tap OK "... its heading in bold (less -R keeps the style)" ;;
  *) tap FAIL "... its heading in bold (less -R keeps the style)" "$head" ;; esac
  keys q
  if wait_for "mend exited 0"; then tap OK "q quits the pager, and mend exits 0"; else
    tap FAIL "q quits the pager, and mend exits 0" "$(visible)"
  fi

  start 80 24 PAGER=/nowhere/pager sh -c '"$0" journal; echo "mend exited $?"; exec cat' "$MEND"
  if wait_for "mend exited 0"; then tap OK "a PAGER that cannot start: the journal is printed, exit 0"; else
    tap FAIL "a PAGER that cannot start: the journal is printed, exit 0" "$(visible)"
  fi
  case "$(visible)" in *"sorry 200"*) tap OK "... ending with the newest entry" ;;
  *) tap FAIL "... ending with the newest entry" "$(visible)" ;; esac

  start 80 24 PAGER='sed "s/^/PAGED| /"' sh -c '"$0" journal; echo "mend exited $?"; exec cat' "$MEND"
  if wait_for "mend exited 0" && visible | grep -q "^PAGED|     sorry 200"; then
    tap OK "PAGER is honoured (a command line, run by the shell)"
  else
    tap FAIL "PAGER is honoured (a command line, run by the shell)" "$(visible)"
  fi

  start 80 24 sh -c '"$0" journal --no-pager | tail -n 3; echo "mend exited $?"; exec cat' "$MEND"
  wait_for "mend exited 0"
  case "$(visible)" in *"q to quit"*) tap FAIL "--no-pager prints without the pager" "$(visible)" ;;
  *) tap OK "--no-pager prints without the pager" ;; esac

  # a journal that fits on the screen is printed at once (less -F)
  sql "DELETE FROM journal WHERE text NOT LIKE 'sorry 200 %'"
  start 80 24 sh -c '"$0" journal; echo "mend exited $?"; exec cat' "$MEND"
  if wait_for "mend exited 0" && visible | grep -q "sorry 200"; then
    tap OK "a journal that fits on the screen is shown without waiting for a key"
  else
    tap FAIL "a journal that fits on the screen is shown without waiting for a key" "$(visible)"
  fi

  # :journal in the player, 40 columns: wrapped by words; then the summary
  # kept at the ending holds no answer the journal has as an entry
  sql "DELETE FROM journal"
  start 40 24 "$MEND" play --seed 5 "$STORY"
  wait_for "[0-10]" && keys 9 Enter && wait_for "2)" && keys 1 Enter && wait_for "would send" &&
    keys -l "777 $WORDS" && keys Enter && sleep 0.3 && keys -l ":journal" && keys Enter
  if wait_for "What you wrote in this session"; then tap OK ":journal in the player"; else
    tap FAIL ":journal in the player" "$(visible)"
  fi
  sleep 0.3
  shown=$(tm capture-pane -p -S - -t "$S" | sed -n '/What you wrote in this session/,/\[0-10\]/p' |
    grep '^    ')
  broken=$(printf '%s\n' "$shown" | tr ' ' '\n' | grep -v '^$' | grep -vx '777' |
    grep -vxF $(printf -- '-e %s ' $WORDS) | head -n 5)
  if [ -z "$broken" ] && [ "$(printf '%s\n' "$shown" | wc -l)" -ge 2 ]; then
    tap OK "... wraps what was written between words, at 40 columns"
  else
    tap FAIL "... wraps what was written between words, at 40 columns" "broken: $broken
$(tm capture-pane -p -S - -t "$S")"
  fi
  keys 9 Enter && wait_for "2)" && keys 1 Enter && sleep 0.3 && keys -l "sorry 778" && keys Enter
  if wait_for "summary to your journal"; then
    keys y Enter
    wait_for "Kept in your journal"
    tap OK "the summary is kept in the journal, when asked"
  else
    tap FAIL "the summary is kept in the journal, when asked" "$(visible)"
  fi
  check "each answer once: two answers, two entries" \
    test "$(sql "SELECT count(*) FROM journal WHERE text LIKE '%777%' OR text LIKE '%sorry 778%'")" = 2
  check "... the kept summary holds neither (they are entries of their own)" \
    test "$(sql "SELECT count(*) FROM journal WHERE prompt LIKE 'Summary: %' AND text NOT LIKE '%777%' AND text NOT LIKE '%778%'")" = 1
  check "... and keeps the rest (the check-ins)" \
    test "$(sql "SELECT count(*) FROM journal WHERE prompt LIKE 'Summary: %' AND text LIKE '%Urge to reach out: 9%'")" = 1
fi

# ---- each answer once, in a database written by an older mend --------------------------------
sql "DELETE FROM journal"
sql "INSERT INTO journal(created, local_time, story_id, title, prompt, text, session) VALUES
  (1, '2026-11-02 01:10', 'late-night-text', 'The 1 a.m. message', 'Type the message you would send.', 'I am sorry', 'k1'),
  (2, '2026-11-02 01:12', 'late-night-text', 'The 1 a.m. message', 'Type the message you would send.', 'I am sorry, it was my fault', 'k1'),
  (3, '2026-11-02 01:13', 'late-night-text', 'The 1 a.m. message', 'Summary: A message worth sleeping on',
   'Your check-ins:
  Urge to reach out: 9
What you wrote:
  Type the message you would send.
    I am sorry
  Type the message you would send. (your last version)
    I am sorry, it was my fault
  A caption nobody else sees
    only in the summary
Decisions made: 4
', 'k1'),
  (4, '2026-11-03 01:13', 'late-night-text', 'The 1 a.m. message', 'Summary: A message worth sleeping on',
   'What you wrote:
  Type the message you would send.
    I am sorry
Decisions made: 2
', 'k2')"
run_mend journal
check "an old summary: each answer of its play-through once" \
  test "$(printf '%s\n' "$OUT" | grep -c '^ *I am sorry, it was my fault$')" = 1
check "... the first draft once too" test "$(printf '%s\n' "$OUT" | grep -c '^ *I am sorry$')" = 2
has "... what the summary alone holds is kept" "      A caption nobody else sees
        only in the summary
    Decisions made: 4"
has "... under its heading" "      Urge to reach out: 9
    What you wrote:
      A caption nobody else sees"
has "a summary of another play-through keeps its answer (no entry holds it there)" "    What you wrote:
      Type the message you would send.
        I am sorry
    Decisions made: 2"

# ---- --export, rendered ------------------------------------------------------------------------
sql "DELETE FROM journal"
TEXT='*not bold* _nor this_ `code` [a link](x) <b>tag</b> &amp; #tag 5 * 3 ~x~ | $5 and $6 a\b
- not a list
1. not a list either
===

  indented by two
last line \'
sql "INSERT INTO journal(created, local_time, story_id, title, prompt, text, session) VALUES
  (1, '2026-11-02 01:10', 'late-night-text', 'The *1 a.m.* message', 'Type the [message].',
   '$(printf '%s' "$TEXT" | sed "s/'/''/g")', 'k1')"
run_mend journal --export "$TMP/j.md"
status "--export FILE.md: exit 0" 0
has "... and says where it went" "Journal written to $TMP/j.md."
check "a new export is private (0600)" test "$(stat -c %a "$TMP/j.md")" = 600
if command -v cmark >/dev/null 2>&1; then
  cmark "$TMP/j.md" >"$TMP/j.html"
  # what CommonMark makes of it, exactly: the words as written, a line break
  # where they broke the line, a paragraph where they left a blank line, the
  # indent kept (no-break spaces), and no markup of theirs
  cat >"$TMP/want.html" <<'EOF'
<h1>My mend journal</h1>
<h2>2026-11-02 01:10 — The *1 a.m.* message</h2>
<p><em>Type the [message].</em></p>
<p>*not bold* _nor this_ `code` [a link](x) &lt;b&gt;tag&lt;/b&gt; &amp;amp; #tag 5 * 3 ~x~ | $5 and $6 a\b<br />
- not a list<br />
1. not a list either<br />
===</p>
<p>NBSPNBSPindented by two<br />
last line \</p>
EOF
  sed -i "s/NBSP/$(printf '\302\240')/g" "$TMP/want.html"
  if cmp -s "$TMP/j.html" "$TMP/want.html"; then tap OK "cmark renders the export as written: paragraphs, line breaks, no markup"; else
    tap FAIL "cmark renders the export as written: paragraphs, line breaks, no markup" "$(diff "$TMP/want.html" "$TMP/j.html")"
  fi
  printf '9\n1\nsorry, and thank you\n' | "$MEND" play --plain --seed 5 "$STORY" >/dev/null 2>&1
  "$MEND" journal --export - | cmark >"$TMP/two.html"
  check "two entries: two headings, oldest first" \
    test "$(grep -o '<h2>[^—]*— The' "$TMP/two.html" | wc -l)" = 2
  check "... the newest last" sh -c "tail -n 1 '$TMP/two.html' | grep -qx '<p>sorry, and thank you</p>'"
else
  echo "# the export rendered: skipped (cmark not installed)"
fi

# standard output
run_mend journal --export -
status "--export - : exit 0" 0
has "... writes the Markdown to standard output" "# My mend journal"
lacks "... and nothing else there" "Journal written"
cp "$TMP/out" "$TMP/md"
"$MEND" journal --export /dev/stdout >"$TMP/via-stdout.md" 2>"$TMP/err"
check "--export /dev/stdout writes where standard output goes" cmp -s "$TMP/via-stdout.md" "$TMP/md"
check "... and /dev/stdout is still a symbolic link" test -L /dev/stdout
"$MEND" journal --export /dev/stdout | cat >"$TMP/via-pipe.md"
check "... through a pipe too" cmp -s "$TMP/via-pipe.md" "$TMP/md"

# symbolic links: followed, never replaced; the file at the end replaced whole
mkdir -p "$TMP/ex/real" "$TMP/ex/links"
printf 'old\n' >"$TMP/ex/real/journal.md"
chmod 640 "$TMP/ex/real/journal.md"
ino=$(stat -c %i "$TMP/ex/real/journal.md")
ln -s ../real/journal.md "$TMP/ex/links/one.md"
ln -s one.md "$TMP/ex/links/two.md"
run_mend journal --export "$TMP/ex/links/two.md"
status "an export through two links: exit 0" 0
check "... both links are still links" sh -c "test -L '$TMP/ex/links/one.md' && test -L '$TMP/ex/links/two.md'"
check "... the file they point to holds the export" cmp -s "$TMP/ex/real/journal.md" "$TMP/md"
check "... replaced whole (a new file, renamed over the old: atomic)" \
  test "$(stat -c %i "$TMP/ex/real/journal.md")" != "$ino"
check "... keeping its permissions" test "$(stat -c %a "$TMP/ex/real/journal.md")" = 640
check "... and nothing was left beside it" test "$(ls -A "$TMP/ex/real")" = journal.md

# a full disk: /dev/full, then a full tmpfs
"$MEND" journal --export - >/dev/full 2>"$TMP/err"
RC=$? ERR=$(cat "$TMP/err")
status "--export - to a full disk: exit 5" 5
err_has "... saying why" "mend journal: cannot write to standard output: No space left on device"
"$MEND" progress --format csv >/dev/full 2>"$TMP/err"
RC=$? ERR=$(cat "$TMP/err")
status "mend progress --format csv to a full disk: exit 5 (the same output path)" 5
err_has "... saying why" "mend progress: cannot write to standard output: No space left on device"
run_mend progress --format json -o "$TMP/p.json"
status "mend progress -o FILE: exit 0" 0
check "... a private file (0600)" test "$(stat -c %a "$TMP/p.json")" = 600
check "... holding valid JSON" json_valid doc "$TMP/p.json"
run_mend progress -o "$TMP/p.txt"
status "mend progress -o without csv or json is a usage error" 2

cat >"$TMP/full.sh" <<'EOF'
set -u
mnt=$1 out=$2 mend=$3
mount -t tmpfs -o size=64k,mode=700 tmpfs "$mnt" || exit 99
printf 'what was there before\n' >"$mnt/journal.md"
ln -s journal.md "$mnt/link.md"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
"$mend" journal --export "$mnt/journal.md" >"$out/full.out" 2>"$out/full.err"
echo $? >"$out/full.rc"
"$mend" journal --export "$mnt/link.md" >"$out/link.out" 2>"$out/link.err"
echo $? >"$out/link.rc"
"$mend" journal --export "$mnt/new.md" >"$out/new.out" 2>"$out/new.err"
echo $? >"$out/new.rc"
cp "$mnt/journal.md" "$out/full.after"
ls -A "$mnt" >"$out/full.left"
EOF
# a journal larger than what is left on the disk
i=0
while [ $i -lt 30 ]; do
  printf '9\n1\nsorry %s %s\n' "$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "word "; }')" $i |
    "$MEND" play --plain --seed 5 "$STORY" >/dev/null 2>&1
  i=$((i + 1))
done
ns=""
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  ns="unshare -m"
elif unshare -r -m true 2>/dev/null; then
  ns="unshare -r -m"
fi
mkdir -p "$TMP/mnt"
if [ -n "$ns" ] && $ns sh "$TMP/full.sh" "$TMP/mnt" "$TMP" "$MEND" && [ -f "$TMP/new.rc" ]; then
  RC=$(cat "$TMP/full.rc") ERR=$(cat "$TMP/full.err")
  status "an export to a full disk: exit 5" 5
  err_has "... saying why, and that nothing changed" "No space left on device. Nothing was changed."
  check "... the file is as it was" test "$(cat "$TMP/full.after")" = "what was there before"
  RC=$(cat "$TMP/link.rc")
  status "... through a link: exit 5 too" 5
  RC=$(cat "$TMP/new.rc")
  status "... a new file: exit 5" 5
  check "... and nothing is left behind (no partial file, no temporary one)" \
    test "$(tr '\n' ' ' <"$TMP/full.left")" = "filler journal.md link.md "
  check "the journal itself is untouched" test "$(sql "SELECT count(*) FROM journal")" = 32
else
  echo "# an export to a full tmpfs: skipped (no mount namespace to be had here)"
fi
finish
