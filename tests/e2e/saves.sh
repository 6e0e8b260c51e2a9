#!/bin/sh
# saves.sh - sessions saved after every step, resumed, started over, damaged
# saves moved aside, edited stories replayed, the journal, and kill -9.
. tests/lib.sh

STORY=tests/fixtures/good/docs-example.xml
SAVE=$XDG_STATE_HOME/mend/sessions/late-night-text.save
mode() { stat -c %a "$1"; }

# ---- a session stopped early is saved, privately --------------------------------
printf '9\n' >"$TMP/in"
run_mend play --seed 5 "$STORY" <"$TMP/in"
status "input ending early still exits 3" 3
check "the session was saved after the answer" test -f "$SAVE"
check "the save file is private (0600)" test "$(mode "$SAVE")" = 600
check "the sessions folder is private (0700)" test "$(mode "$(dirname "$SAVE")")" = 700
check "the state folder is private (0700)" test "$(mode "$XDG_STATE_HOME/mend")" = 700
check "the save is a mend save for this story" grep -q '^story late-night-text$' "$SAVE"
check "no temporary file is left behind" test -z "$(ls "$(dirname "$SAVE")" | grep tmp)"

# ---- quitting before any decision saves nothing, and says nothing of a save -------
printf ':quit\n' >"$TMP/in"
run_mend play --seed 5 tests/fixtures/good/every-element.xml <"$TMP/in"
status ":quit at the first question exits 0" 0
lacks ":quit before any decision does not claim a save" "Saved."
check ":quit before any decision leaves no save" \
  test ! -f "$XDG_STATE_HOME/mend/sessions/every-element.save"

# ---- mend list shows it ---------------------------------------------------------------
MEND_PATH=tests/fixtures/good run_mend list
has "mend list shows the session in progress" "Sessions in progress:
  1) Resume: The 1 a.m. message - 1 decision in, saved today"
MEND_PATH=tests/fixtures/good run_mend list --format tsv
has "mend list --format tsv has a session line" "session${TAB:-	}late-night-text	1	"

# ---- resuming --------------------------------------------------------------------------
printf '2\n' >"$TMP/in"
run_mend play --resume "$STORY" <"$TMP/in"
status "--resume goes on to an ending" 0
has "resuming says how far the session got" "(Resuming where you left off: 1 decision in.)"
has "resuming shows the recent context: the paragraph before the choices" \
  "That is a strong pull. It makes sense, and it will pass."
has "resuming shows the pending choices" "  2) Put the phone in another room"
has "the resumed session keeps the first answer" "Urge to reach out: 9"
check "an ended session leaves no save behind" test ! -f "$SAVE"

# ---- asking, --new ---------------------------------------------------------------------
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
printf 'n\n3\n' >"$TMP/in"
run_mend play "$STORY" <"$TMP/in"
has "with a save and no flag, mend asks" \
  "You have a session of this scenario in progress (1 decision in). Resume it? [y/n]"
has "answering n starts over at the first question" "> n

The 1 a.m. message"
has "the new session asks the first question again" "> 3"
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
printf '4\n' >"$TMP/in"
run_mend play --new "$STORY" <"$TMP/in"
lacks "--new does not ask" "Resume it?"
has "--new starts at the beginning" "> 4"
run_mend play --new --resume "$STORY" </dev/null
status "--new with --resume is a usage error" 2

# ---- a damaged save is moved aside, never deleted -------------------------------------------
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
printf 'mend-save 1\nstory late-night-text\nhash 00\n' >"$SAVE"
printf '6\n' >"$TMP/in"
run_mend play "$STORY" <"$TMP/in"
err_has "a damaged save is reported in one line" \
  "mend: the saved session for 'late-night-text' is damaged; it was moved aside to $SAVE.damaged-"
check "the damaged save still exists, moved aside" sh -c "ls '$SAVE'.damaged-* >/dev/null"
has "a new session starts after a damaged save" "> 6"
sed -i 's/^seed .*/seed 6/' "$SAVE" 2>/dev/null
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
sed -i 's/^seed .*/seed 6/' "$SAVE"
printf '1\n' >"$TMP/in"
run_mend play "$STORY" <"$TMP/in"
err_has "a save edited by hand fails its checksum and is moved aside" "is damaged"

# ---- an edited story ---------------------------------------------------------------------------
mkdir -p "$TMP/edit"
cp "$STORY" "$TMP/edit/story.xml"
printf '9\n' | "$MEND" play --seed 5 "$TMP/edit/story.xml" >/dev/null 2>&1
sed -i 's/It is 1 a.m./It is 2 a.m./' "$TMP/edit/story.xml"
printf 'y\n2\n' >"$TMP/in"
run_mend play "$TMP/edit/story.xml" <"$TMP/in"
has "an edited story is detected, and replaying is offered" \
  "This scenario was changed since your session was saved. Replay your answers on the new version? [y/n]"
has "replaying the answers resumes after them" "(Resuming where you left off: 1 decision in.)"
has "the replayed session goes on from the pending choices" "> 2"
rm -f "$SAVE"

# ---- the journal --------------------------------------------------------------------------------
printf '9\n1\nI am sorry, it was my fault\n' >"$TMP/in"
run_mend play --seed 5 "$STORY" <"$TMP/in"
J=$XDG_DATA_HOME/mend/journal
check "a text answer goes into the journal" grep -q '^text I am sorry, it was my fault$' "$J"
check "the journal is private (0600)" test "$(mode "$J")" = 600
has "the summary points to the journal" "Your journal holds what you wrote here (1 entry): see 'mend journal'."
run_mend journal
status "mend journal: exit 0" 0
has "mend journal shows the entry under its story and prompt" "The 1 a.m. message
  Type the message you would send.
  I am sorry, it was my fault"
run_mend journal --story nothing-like-this
has "mend journal --story filters" "No journal entries for this scenario yet."
run_mend journal --export "$TMP/j.md"
status "mend journal --export: exit 0" 0
check "the export is Markdown with the entry" grep -q '^I am sorry, it was my fault$' "$TMP/j.md"
check "the export has a heading per entry" grep -q '^## .* — The 1 a.m. message$' "$TMP/j.md"
printf 'n\n' >"$TMP/in"
run_mend journal --clear <"$TMP/in"
has "mend journal --clear asks, and n keeps it" "The journal was kept."
check "the journal is still there" test -f "$J"
printf 'y\n' >"$TMP/in"
run_mend journal --clear <"$TMP/in"
has "mend journal --clear with y deletes it" "The journal was deleted."
check "the journal file is gone" test ! -f "$J"
printf '9\n1\nnot to be kept\n' >"$TMP/in"
run_mend play --no-save --seed 5 "$STORY" <"$TMP/in"
check "--no-save writes no journal" test ! -f "$J"
check "--no-save writes no save" test ! -f "$SAVE"

# ---- a folder that cannot be written (a file stands where it should be) -------------
mkdir -p "$TMP/ro/mend" && : >"$TMP/ro/mend/sessions"
printf '9\n2\n' >"$TMP/in"
XDG_STATE_HOME=$TMP/ro run_mend play --seed 5 "$STORY" <"$TMP/in"
err_has "a session that cannot be saved says so" "mend: could not save this session (Not a directory)"
n=$(printf '%s\n' "$ERR" | grep -c 'could not save')
check "it says so once, not at every step" test "$n" = 1
status "and the session goes on to its ending" 0

# ---- kill -9 in the middle of a session --------------------------------------------------------------
rm -f "$SAVE"
mkfifo "$TMP/fifo"
"$MEND" play --seed 5 "$STORY" <"$TMP/fifo" >"$TMP/killed.out" 2>&1 &
pid=$!
exec 7>"$TMP/fifo"
printf '9\n1\n' >&7
i=0
while [ $i -lt 50 ] && ! grep -q 'Type the message you would send' "$TMP/killed.out"; do
  sleep 0.1
  i=$((i + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
exec 7>&-
check "after kill -9, the save of the last completed step is there" test -f "$SAVE"
printf 'sorry, my fault\n' >"$TMP/in"
run_mend play --resume "$STORY" <"$TMP/in"
has "resuming after kill -9 continues at the pending question" "(Resuming where you left off: 2 decisions in.)"
has "the pending question is shown again" "Type the message you would send."
has "and it goes on from there" "*** The end: A message worth sleeping on ***"

finish
