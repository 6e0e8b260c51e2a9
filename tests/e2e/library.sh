#!/bin/sh
# SPDX-License-Identifier: MIT
# library.sh - the library listing and its cache ($XDG_CACHE_HOME/mend/library):
# the same listing with or without the cache, and a change to a story is seen.
# Then the menu in a real terminal (tmux), 24 rows: the bundled library fits
# with its heading, a session in progress and how to pick; a scenario keeps
# its number while a session is in progress; r and the number resumes; ?N
# tells what a scenario is about; a taller window shows every description;
# a library too long for 24 rows is shown a window at a time.
. tests/lib.sh

export XDG_CACHE_HOME="$TMP/cache"
LIB=$TMP/lib
mkdir -p "$LIB/parts"
cp tests/fixtures/good/minimal.xml tests/fixtures/good/docs-example.xml "$LIB/"
cp tests/fixtures/good/every-element.xml "$LIB/"
cp tests/fixtures/good/parts/every-element-part.xml "$LIB/parts/"
printf '<story id="broken" format="1" start="nowhere"><title>B</title></story>\n' >"$LIB/broken.xml"
C=$XDG_CACHE_HOME/mend/library

MEND_PATH=$LIB run_mend list --format tsv
first=$OUT
status "list: exit 0" 0
check "the cache is written" test -f "$C"
check "the cache file is private (0600)" test "$(stat -c %a "$C")" = 600
check "the cache folder is private (0700)" test "$(stat -c %a "$(dirname "$C")")" = 700
check "a story that includes other files is not cached" sh -c "! grep -q every-element.xml '$C'"
MEND_PATH=$LIB run_mend list --format tsv
check "a second listing, from the cache, is the same" test "$OUT" = "$first"
err_has "a broken story is still skipped with its warning, from the cache" \
  "mend: skipping $LIB/broken.xml: it has errors"

sed -i 's|<title>Minimal</title>|<title>Minimal, renamed</title>|' "$LIB/minimal.xml"
MEND_PATH=$LIB run_mend list --format tsv
has "an edited story is listed with its new title" "Minimal, renamed"

printf '<story id="broken" format="1" start="e"><title>Mended</title><ending id="e" title="E"/></story>\n' \
  >"$LIB/broken.xml"
MEND_PATH=$LIB run_mend list --format tsv
has "a repaired story is listed" "Mended"

printf 'mend-library 1\tgarbage\nnot\ta\tvalid\tline\n' >"$C"
MEND_PATH=$LIB run_mend list --format tsv
has "a damaged cache is ignored: the listing is still right" "Minimal, renamed"
status "and the listing succeeds" 0
# ---- the menu in a 24-row terminal ------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
  echo "ok $((TAP_N + 1)) - # SKIP tmux not installed"
  finish
  exit
fi
tmux_server library
NS=0
S=
# menu COLS ROWS MEND_PATH: the library menu in a new COLS x ROWS window
menu() {
  NS=$((NS + 1))
  S=m$NS
  tm new-session -d -s "$S" -x "$1" -y "$2" env HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
    XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" TERM=xterm-256color \
    LC_ALL=C.UTF-8 MEND_PATH="$3" NO_COLOR= PATH="$PATH" "$MEND"
}
visible() { tm capture-pane -p -t "$S"; }
# waits (15 s at most: a loaded machine) until TEXT is on the screen now
# (not scrolled away)
showing() { visible | grep -qF -e "$1"; }
wait_visible() { poll 15 showing "$1"; }
not_showing() { ! showing "$1"; }
on_screen() { # on_screen "what" TEXT
  if wait_visible "$2"; then tap OK "$1"; else tap FAIL "$1" "not on the screen: $2
--- the screen, with the lines scrolled away above it:
$(tm capture-pane -p -S -60 -t "$S")
--- its processes:
$(ps -o pid,stat,wchan:20,etime,args -s "$(tm display-message -p -t "$S" '#{pane_pid}')" 2>&1)"; fi
}
# close_menu: closes the window, and waits until its player has ended (a
# player closed mid-session saves it: the next one must not wait for that)
close_menu() {
  pid=$(tm display-message -p -t "$S" '#{pane_pid}')
  tm kill-session -t "$S"
  # (ended: gone, or a zombie tmux has not reaped yet)
  if ! poll 15 sh -c "st=\$(ps -o stat= -p $pid); [ -z \"\$st\" ] || [ \"\${st#Z}\" != \"\$st\" ]"; then
    tap FAIL "the player of window $S ends when its window is closed" "$(ps -o pid,stat,wchan:20,args -p "$pid")"
  fi
}
type_in() { tm send-keys -t "$S" -l "$1" && tm send-keys -t "$S" Enter; }
prompt() { wait_visible "Pick by number"; } # the menu waits for a pick

export XDG_DATA_HOME="$TMP/menu-data" # no session in progress yet
menu 100 24 ""
prompt
visible >"$TMP/before"
on_screen "24 rows: the heading is on the screen" "mend - scenarios for after a breakup"
check "24 rows: all 8 bundled scenarios are on the screen" \
  test "$(grep -cE '^  [1-8]\) ' "$TMP/before")" = 8
on_screen "24 rows: how to pick, with ?N for a description" \
  "Pick by number, ?1 to read about scenario 1 (or :quit)."
type_in "?2"
on_screen "?2 tells what scenario 2 is about" "Draft the one last message to your ex"
type_in 2
on_screen "2 opens the one final message" "The one final message"
close_menu

printf '1\n:quit\n' | run_mend play no-contact # a session in progress, and a check-in
menu 100 24 ""
prompt
visible >"$TMP/after"
on_screen "24 rows with a session in progress: the heading is still on the screen" \
  "mend - scenarios for after a breakup"
on_screen "the session is on the screen, keyed r and its scenario's number" \
  "  r3) Resume: A hard week of No Contact - 1 decision in, saved today"
on_screen "how to resume is said" "r3 to resume"
check "every scenario keeps its number while a session is in progress" \
  test "$(grep -E '^  [1-8]\) ' "$TMP/before")" = "$(grep -E '^  [1-8]\) ' "$TMP/after")"
check "and all 8 are on the screen" test "$(grep -cE '^  [1-8]\) ' "$TMP/after")" = 8
type_in 2
on_screen "2 still opens the one final message" "The one final message"
close_menu

menu 100 24 ""
prompt
type_in r3
on_screen "r3 resumes the session of scenario 3" "(Resuming where you left off: 1 decision in.)"
check "without asking first" sh -c "! tmux -L '$SOCK' capture-pane -p -t '$S' | grep -q 'Resume it?'"
close_menu

menu 100 50 ""
prompt
on_screen "50 rows: every description fits, and is shown" "Draft the one last message to your ex"
on_screen "50 rows: the session and the heading too" "r3) Resume: A hard week of No Contact"
close_menu

BIG=$TMP/big # 30 more scenarios: too many titles for 24 rows
mkdir -p "$BIG"
for i in $(seq 10 39); do
  printf '<story id="s%s" format="1" start="end"><title>Scenario number %s</title><ending id="end" title="The end"/></story>\n' \
    "$i" "$i" >"$BIG/s$i.xml"
done
MEND_PATH=$BIG run_mend list --format tsv
T30=$(printf '%s\n' "$OUT" | grep '^scenario' | sed -n 30p | cut -f 4)
menu 80 24 "$BIG"
prompt
on_screen "38 scenarios in 24 rows: the heading is on the screen" "mend - scenarios for after a breakup"
on_screen "and the session in progress" "Resume: A hard week of No Contact"
on_screen "a window of them, and how to see the next ones" "Enter: the next ones.)"
on_screen "from the first" "  1) Scenario number 10 [s10]"
tm send-keys -t "$S" Enter
on_screen "Enter shows the next ones, the heading still on the screen" "of 38. Enter: the next ones.)"
# (the first window says "of 38" too: wait until it is gone before reading the second)
poll 10 not_showing "  1) Scenario number 10 [s10]"
sleep 0.2
visible >"$TMP/page2"
check "the next window starts after the first" grep -qE '^  (1[0-9]|2[0-9])\) ' "$TMP/page2"
check "and the heading is on it" grep -qF "mend - scenarios for after a breakup" "$TMP/page2"
type_in 30
on_screen "30 opens the 30th scenario of mend list, shown or not" "$T30"
close_menu
finish
