#!/bin/sh
# SPDX-License-Identifier: MIT
# saves.sh - sessions saved after every step in the database, resumed,
# started over, damaged saves set aside, edited stories replayed, the
# journal, and kill -9.
. tests/lib.sh

STORY=tests/fixtures/good/docs-example.xml
mode() { stat -c %a "$1"; }
# decisions: the decisions of the saved session of late-night-text ("" when none)
decisions() { sql "SELECT decisions FROM sessions WHERE story_id = 'late-night-text'"; }

# ---- a session stopped early is saved, privately --------------------------------
printf '9\n' >"$TMP/in"
run_mend play --seed 5 "$STORY" <"$TMP/in"
status "input ending early still exits 3" 3
check "the session was saved after the answer" test "$(decisions)" = 1
check "the database is private (0600)" test "$(mode "$DB")" = 600
check "the mend data folder is private (0700)" test "$(mode "$XDG_DATA_HOME/mend")" = 700
check "the save is a mend save for this story" \
  sh -c "sqlite3 '$DB' \"SELECT save FROM sessions\" | grep -qx 'story late-night-text'"
check "the session is keyed by the story's real file" \
  test "$(sql "SELECT story_file FROM sessions")" = "$(realpath "$STORY")"
check "nothing is written in the state folder any more" test ! -e "$XDG_STATE_HOME"

# ---- quitting before any decision saves nothing, and says nothing of a save -------
printf ':quit\n' >"$TMP/in"
run_mend play --seed 5 tests/fixtures/good/every-element.xml <"$TMP/in"
status ":quit at the first question exits 0" 0
lacks ":quit before any decision does not claim a save" "Saved."
check ":quit before any decision leaves no save" \
  test -z "$(sql "SELECT 1 FROM sessions WHERE story_id = 'every-element'")"

# ---- mend list shows it ---------------------------------------------------------------
MEND_PATH=tests/fixtures/good run_mend list
has "mend list shows the session in progress" "Sessions in progress:
  r1) Resume: The 1 a.m. message - 1 decision in, saved today"
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
check "an ended session leaves no save behind" test -z "$(decisions)"

# ---- asking, --new ---------------------------------------------------------------------
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
printf 'n\n3\n' >"$TMP/in"
run_mend play "$STORY" <"$TMP/in"
has "with a save and no flag, mend asks" \
  "You have a session of this scenario in progress (1 decision in). Resume it? [y/n]"
has "answering n starts over at the first question" "> n

The 1 a.m. message"
has "the new session asks the first question again" "> 3"
# mend's own yes/no in the words people use: "i do", "ok", "resume it" resume; "not now",
# "start over" start again
for a in "i do" "ok" "resume it" "Yes please."; do
  printf '9\n' | "$MEND" play --new --seed 5 "$STORY" >/dev/null 2>&1
  printf '%s\n2\n' "$a" >"$TMP/in"
  run_mend play "$STORY" <"$TMP/in"
  has "'$a' at 'Resume it?' resumes" "(Resuming where you left off: 1 decision in.)"
done
for a in "not now" "start over" "no thanks"; do
  printf '9\n' | "$MEND" play --new --seed 5 "$STORY" >/dev/null 2>&1
  printf '%s\n3\n' "$a" >"$TMP/in"
  run_mend play "$STORY" <"$TMP/in"
  has "'$a' at 'Resume it?' starts over" "The 1 a.m. message"
  lacks "... and does not resume" "(Resuming where"
done
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
printf '4\n' >"$TMP/in"
run_mend play --new "$STORY" <"$TMP/in"
lacks "--new does not ask" "Resume it?"
has "--new starts at the beginning" "> 4"
run_mend play --new --resume "$STORY" </dev/null
status "--new with --resume is a usage error" 2

# ---- a damaged save is set aside, never deleted -------------------------------------------
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
sql "UPDATE sessions SET save = CAST('mend-save 1
story late-night-text
hash 00
' AS BLOB)"
printf '6\n' >"$TMP/in"
run_mend play "$STORY" <"$TMP/in"
err_has "a damaged save is reported in one line" \
  "mend: the saved session for 'late-night-text' is damaged; it was set aside (table set_aside of $DB). Starting a new one."
check "the damaged save still exists, set aside" \
  test "$(sql "SELECT count(*) FROM set_aside WHERE story_id = 'late-night-text'")" = 1
has "a new session starts after a damaged save" "> 6"
sql "DELETE FROM sessions"
printf '9\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1
sql "UPDATE sessions SET save = CAST(replace(CAST(save AS TEXT), 'seed 5', 'seed 6') AS BLOB)"
printf '1\n' >"$TMP/in"
run_mend play "$STORY" <"$TMP/in"
err_has "a save edited by hand fails its checksum and is set aside" "is damaged"
check "both damaged saves are kept" \
  test "$(sql "SELECT count(*) FROM set_aside WHERE story_id = 'late-night-text'")" = 2

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
sql "DELETE FROM sessions"

# ---- the journal --------------------------------------------------------------------------------
sql "DELETE FROM checkins"
printf '9\n1\nI am sorry, it was my fault\n' >"$TMP/in"
run_mend play --seed 5 "$STORY" <"$TMP/in"
check "a text answer goes into the journal" \
  test "$(sql "SELECT text FROM journal")" = "I am sorry, it was my fault"
check "with its story and prompt" \
  test "$(sql "SELECT story_id || '|' || prompt FROM journal")" = \
  "late-night-text|Type the message you would send."
check "the scale answer to a measure is a check-in" \
  test "$(sql "SELECT story_id, var, label, value FROM checkins")" = \
  "late-night-text|urge|Urge to reach out|9"
check "a check-in has its local date" \
  test "$(sql "SELECT local_date FROM checkins")" = "$(date +%Y-%m-%d)"
check "the check-in and the journal entry belong to the same session" \
  test "$(sql "SELECT count(DISTINCT session) FROM (SELECT session FROM checkins UNION ALL SELECT session FROM journal)")" = 1
has "the summary says the journal keeps what was written" "Your journal keeps what you wrote here."
has "and ends with what they might do next, as commands that work here" \
  "When you are ready: mend journal shows what you wrote, mend progress your check-ins across days, and mend opens the scenarios again. Or simply rest for now."
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
check "the journal is still there" test "$(sql "SELECT count(*) FROM journal")" = 1
printf 'y\n' >"$TMP/in"
run_mend journal --clear <"$TMP/in"
has "mend journal --clear with y deletes it" "The journal was deleted."
check "the journal is empty" test "$(sql "SELECT count(*) FROM journal")" = 0
check "--clear leaves no trace of the words in the database or its log (secure_delete, VACUUM)" \
  sh -c "! cat '$DB'* | grep -aq 'it was my fault'"
printf '9\n1\nnot to be kept\n' >"$TMP/in"
run_mend play --no-save --seed 5 "$STORY" <"$TMP/in"
check "--no-save writes no journal" test "$(sql "SELECT count(*) FROM journal")" = 0
check "--no-save writes no save" test -z "$(decisions)"
check "--no-save writes no check-in" test "$(sql "SELECT count(*) FROM checkins")" = 1

# ---- a folder that cannot be written (a file stands where it should be) -------------
mkdir -p "$TMP/ro" && : >"$TMP/ro/mend"
printf '9\n1\nI am sorry, kept nowhere\n' >"$TMP/in"
XDG_DATA_HOME=$TMP/ro run_mend play --seed 5 "$STORY" <"$TMP/in"
err_has "a session that cannot be saved says so" \
  "mend: this session cannot be saved (Not a directory); you can play, but nothing you write here will be kept"
n=$(printf '%s\n' "$ERR" | grep -c 'cannot be saved')
check "it says so once, not at every step" test "$n" = 1
status "and the session goes on to its ending" 0
lacks "the summary does not claim the journal holds the answer" "Your journal keeps"
has "it says the answer was not kept" "What you wrote here was not kept (Not a directory)"
check "the file in the way is left as it was" test -f "$TMP/ro/mend" -a ! -s "$TMP/ro/mend"
printf '9\n:save\n:quit\n' >"$TMP/in"
XDG_DATA_HOME=$TMP/ro run_mend play --seed 5 "$STORY" <"$TMP/in"
lacks ":save when nothing can be saved does not claim a save" "Saved."
err_has ":save says again that it cannot" "will be kept
mend: this session cannot be saved (Not a directory)"
has "quitting says it could not be saved" "Session ended. It could not be saved (Not a directory)."

# ---- kill -9 in the middle of a session --------------------------------------------------------------
rm -f "$SAVE"
mkfifo "$TMP/fifo"
"$MEND" play --seed 5 "$STORY" <"$TMP/fifo" >"$TMP/killed.out" 2>&1 &
pid=$!
exec 7>"$TMP/fifo"
printf '9\n1\n' >&7
poll 5 grep -q 'Type the message you would send' "$TMP/killed.out"
kill -9 $pid
wait $pid 2>/dev/null
exec 7>&-
check "after kill -9, the save of the last completed step is there" test "$(decisions)" = 2
printf 'sorry, my fault\n' >"$TMP/in"
run_mend play --resume "$STORY" <"$TMP/in"
has "resuming after kill -9 continues at the pending question" "(Resuming where you left off: 2 decisions in.)"
has "the pending question is shown again" "Type the message you would send."
has "and it goes on from there" "*** The end: A message worth sleeping on ***"

# ---- what was told before any decision is kept ----------------------------------------------------------
# "he died last month" typed where the first number is asked, which is then no longer
# asked (its if="not told('grief')"): no decision was made, and the save keeps it
U=tests/e2e/fixtures/unask.xml
printf 'he died last month\n' >"$TMP/in"
run_mend play "$U" <"$TMP/in"
has "a death told at the first number: the story goes on" "You wrote that they died. I am so sorry."
printf '1\n' >"$TMP/in"
run_mend play --resume "$U" <"$TMP/in"
has "resumed: where it was, 0 decisions in" "(Resuming where you left off: 0 decisions in.)"
has "... with what was told (the number not asked again)" "You wrote that they died. I am so sorry."
lacks "... not the first number again" "How much do you want them back"
has "... and it goes on to its ending" "*** The end: Rest ***"

finish
