#!/bin/sh
# SPDX-License-Identifier: MIT
# store.sh - the database that keeps a person's sessions, journal and
# check-ins (tools/db.c), read back with sqlite3:
#   - two players writing at once (300 journal answers each) lose nothing,
#     with `mend journal` reading meanwhile; `--clear` run among them undoes
#     nothing and loses nothing written after it; a new database opened
#     by 8 mends at once opens for all of them;
#   - two players on one story: the second is told, and does not overwrite
#     the first one's save; a story that reuses another's id has its own
#     session and cannot touch (or offer to delete) the other's;
#   - a damaged database is moved aside, never deleted, reported in one
#     line, and what can be read from it is in the new one (and exported);
#   - the journal and saves of mend 0.1 are imported once and kept, even a
#     journal with an entry missing its "end" line (which crashed mend 0.1);
#   - folders and files keep their modes under a restrictive umask.
# The counts (tried, lost, duplicated) are printed.
. tests/lib.sh

W=tests/e2e/fixtures/writer.xml
Q=tests/e2e/fixtures/questions.xml
N=${MEND_WRITES:-300}

# writes TAG FROM TO: the answers of a writer session: TAG-FROM ... TAG-TO,
# then stop and rate
writes() {
  awk -v t="$1" -v a="$2" -v b="$3" 'BEGIN {
    for (i = a; i <= b; i++) { printf "%s-%04d\n", t, i; print (i < b ? 1 : 2) }
    print 5 }'
}

# ---- two writers at once, and a reader ------------------------------------------
mkdir -p "$TMP/copy"
cp "$W" "$TMP/copy/writer.xml" # the same story id, another file: another session
writes a 1 "$N" >"$TMP/a.in"
writes b 1 "$N" >"$TMP/b.in"
"$MEND" play --seed 1 "$W" <"$TMP/a.in" >"$TMP/a.out" 2>"$TMP/a.err" &
pa=$!
"$MEND" play --seed 2 "$TMP/copy/writer.xml" <"$TMP/b.in" >"$TMP/b.out" 2>"$TMP/b.err" &
pb=$!
reads=0 read_fail=0
while kill -0 $pa 2>/dev/null || kill -0 $pb 2>/dev/null; do
  "$MEND" journal >/dev/null 2>"$TMP/r.err" || {
    read_fail=$((read_fail + 1))
    cat "$TMP/r.err" >>"$TMP/r.failed"
  }
  reads=$((reads + 1))
done
wait $pa
ra=$?
wait $pb
rb=$?
check "two writers at once: both reach their ending" test "$ra$rb" = 00
check "two writers at once: neither says anything went wrong" \
  sh -c "! grep -q . '$TMP/a.err' '$TMP/b.err'"
ka=$(sql "SELECT count(DISTINCT text) FROM journal WHERE text LIKE 'a-%'")
kb=$(sql "SELECT count(DISTINCT text) FROM journal WHERE text LIKE 'b-%'")
all=$(sql "SELECT count(*) FROM journal")
dup=$(sql "SELECT count(*) - count(DISTINCT text) FROM journal")
check "two writers at once: all $N entries of the first are kept" test "$ka" = "$N"
check "two writers at once: all $N entries of the second are kept" test "$kb" = "$N"
check "two writers at once: none is duplicated" test "$dup" = 0
check "two writers at once: $reads readings of the journal meanwhile all worked" test $read_fail = 0
[ ! -s "$TMP/r.failed" ] || sed 's/^/# a reading said: /' "$TMP/r.failed" | head -5
check "two writers at once: each session's check-in is kept" \
  test "$(sql "SELECT count(*) FROM checkins WHERE var = 'mood'")" = 2
echo "# concurrency: $((2 * N)) entries tried, $((2 * N - ka - kb)) lost, $dup duplicated, $reads reads meanwhile"

# ---- a new database opened by several mends at once -------------------------------------
# Turning a new database to write-ahead logging needs it alone, and SQLite
# does not wait for that: one in about a hundred readers that started with two
# players was told "database is locked". Each round here starts 8 at once on
# a database that does not exist yet.
rounds=40 open_fail=0
for r in $(seq 1 $rounds); do
  i=0 pids=
  while [ $i -lt 8 ]; do
    XDG_DATA_HOME="$TMP/new$r" "$MEND" journal >/dev/null 2>>"$TMP/new.err" &
    pids="$pids $!"
    i=$((i + 1))
  done
  for p in $pids; do wait "$p" || open_fail=$((open_fail + 1)); done
  rm -rf "$TMP/new$r"
done
check "a new database opened by 8 mends at once, $rounds times: all opened it" \
  test "$open_fail" = 0
check "a new database opened by 8 mends at once: none said anything went wrong" \
  sh -c "! grep -q . '$TMP/new.err'"

# ---- --clear among writers ---------------------------------------------------------------
"$MEND" journal --clear --yes >/dev/null
M=$((N * 3)) # longer: the clears run while both still write
writes c 1 "$M" >"$TMP/c.in"
writes d 1 "$M" >"$TMP/d.in"
"$MEND" play --seed 1 "$W" <"$TMP/c.in" >/dev/null 2>"$TMP/c.err" &
pa=$!
"$MEND" play --seed 2 "$TMP/copy/writer.xml" <"$TMP/d.in" >/dev/null 2>"$TMP/d.err" &
pb=$!
clears=0 clear_fail=0
while kill -0 $pa 2>/dev/null && kill -0 $pb 2>/dev/null && [ $clears -lt 8 ]; do
  "$MEND" journal --clear --yes >/dev/null 2>>"$TMP/clear.err" || clear_fail=$((clear_fail + 1))
  clears=$((clears + 1))
  sleep 0.05
done
wait $pa
wait $pb
# After the last clear, each writer's entries are the ones it wrote since: a
# run of numbers up to the last one, without a gap (none lost) and without
# an older one brought back (none undone).
gaps() {
  sql "SELECT max(n) - min(n) + 1 - count(*), max(n) FROM
         (SELECT CAST(substr(text, 3) AS INTEGER) AS n FROM journal WHERE text LIKE '$1-%')"
}
check "--clear among writers: $clears clears all worked" test $clear_fail = 0
check "--clear among writers: the clears ran while both wrote" test $clears -ge 2
check "--clear among writers: the first writer's entries since the last clear are all there" \
  test "$(gaps c)" = "0|$M"
check "--clear among writers: the second writer's too" test "$(gaps d)" = "0|$M"
echo "# clear: $clears clears among $((2 * M)) entries; $(sql "SELECT count(*) FROM journal") written since the last one, none lost, none undone"

# ---- two players on one story ---------------------------------------------------------------
sql "DELETE FROM journal; DELETE FROM sessions"
printf '5\ny\nfirst\n1\n' | "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
mkfifo "$TMP/fifo"
"$MEND" play --resume "$Q" <"$TMP/fifo" >"$TMP/first.out" 2>&1 &
pa=$!
exec 7>"$TMP/fifo"
poll 5 grep -q 'Resuming' "$TMP/first.out"
printf '3\nn\nsecond\n:save\n:quit\n' >"$TMP/in"
run_mend play "$Q" <"$TMP/in"
err_has "two players on one story: the second is told the first is running" \
  "mend: this scenario is open in another mend right now: this one starts anew and does not save its place (what you write still goes to your journal)"
lacks "two players on one story: the second is not offered the first one's session" "Resume it?"
check "two players on one story: the first one's save is left as it was" \
  test "$(sql "SELECT decisions FROM sessions WHERE story_id = 'questions'")" = 4
check "two players on one story: the second one's answer is in the journal" \
  test "$(sql "SELECT count(*) FROM journal WHERE text = 'second'")" = 1
lacks "two players on one story: :save in the second does not claim a save" "Saved. To go on later"
has "two players on one story: quitting, the second does not claim a save" \
  "Its place was not saved: another mend has this scenario open."
printf '7\ny\n' >&7
exec 7>&-
wait $pa
check "two players on one story: the first goes on saving" \
  test "$(sql "SELECT decisions FROM sessions WHERE story_id = 'questions'")" = 6

# ---- a story that reuses another's id -----------------------------------------------------
mkdir -p "$TMP/dl"
sed 's/<title>Every question</<title>Downloaded</; s/How strong is it?/How big is it?/' "$Q" \
  >"$TMP/dl/questions.xml"
printf '1\nn\n' >"$TMP/in"
run_mend play --seed 3 "$TMP/dl/questions.xml" <"$TMP/in"
lacks "a story reusing an id is not offered the other story's session" "Resume it?"
check "it has a session of its own" \
  test "$(sql "SELECT count(*) FROM sessions WHERE story_id = 'questions'")" = 2
check "the other story's session is untouched" \
  test "$(sql "SELECT decisions FROM sessions WHERE story_file = '$(realpath "$Q")'")" = 6
printf '2\n' >"$TMP/in"
run_mend play --new "$TMP/dl/questions.xml" <"$TMP/in"
check "--new on it does not delete the other story's session" \
  test "$(sql "SELECT decisions FROM sessions WHERE story_file = '$(realpath "$Q")'")" = 6
MEND_PATH=tests/e2e/fixtures run_mend list --format tsv
check "mend list --format tsv names each session's story file, not a save file" \
  sh -c "grep -q '^session	questions	6	[0-9]*	Every question	tests/e2e/fixtures/questions.xml$' '$TMP/out'"

# ---- a damaged database --------------------------------------------------------------------------
rm -rf "$XDG_DATA_HOME"
printf 'this is not a database, but it is mine\n' >"$TMP/garbage"
mkdir -p "$XDG_DATA_HOME/mend"
cp "$TMP/garbage" "$DB"
run_mend journal
status "a file that is not a database: mend journal still works" 0
err_has "it is reported in one line" "mend: the database $DB was damaged ("
err_has "... saying where it was moved" "); it was moved aside to $DB.damaged-"
check "it says so in one line" test "$(printf '%s\n' "$ERR" | grep -c .)" = 1
check "the damaged file is kept, as it was" sh -c "cmp -s '$TMP/garbage' '$DB'.damaged-*"
has "a new, empty journal is started" "Your journal is empty."
check "the new database is sound" test "$(sql "PRAGMA integrity_check")" = ok
# a damaged page in the middle of the journal: the rest is read
rm -rf "$XDG_DATA_HOME"
awk 'BEGIN { for (i = 0; i < 200; i++) { printf "entry-%03d", i
  for (k = 0; k < 60; k++) printf " words"; printf "\n1\n" } print "last"; print 2; print 7 }' \
  >"$TMP/in"
"$MEND" play --seed 1 "$W" <"$TMP/in" >/dev/null 2>&1
page=$(sql "SELECT pageno FROM dbstat WHERE name = 'journal' AND pagetype = 'leaf'
            ORDER BY pageno LIMIT 1 OFFSET 10")
dd if=/dev/urandom of="$DB" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
run_mend journal --export "$TMP/saved.md"
status "a damaged page: mend journal --export still works" 0
err_has "it is reported" "was damaged (quick_check: "
check "the damaged database is kept" sh -c "ls '$DB'.damaged-* >/dev/null"
kept=$(grep -c '^## ' "$TMP/saved.md")
check "what could be read was exported ($kept of 201 entries)" test "$kept" -gt 150
err_has "the report counts what was saved" "what could be read from it ($kept journal entries"
echo "# damaged: 201 entries, $kept read back from a database with a damaged page"

# ---- importing the files of mend 0.1 ---------------------------------------------------------------
rm -rf "$XDG_DATA_HOME"
printf '5\ny\nold note\n1\n' | "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
old_save=$(sql "SELECT CAST(save AS TEXT) FROM sessions")
rm -rf "$XDG_DATA_HOME"
mkdir -p "$XDG_STATE_HOME/mend/sessions" "$XDG_DATA_HOME/mend"
printf '%s\n' "$old_save" >"$XDG_STATE_HOME/mend/sessions/questions.save"
# the second entry has no "end" line, nor a title or a prompt: mend 0.1
# crashed on it (a segmentation fault in mend journal and at every answer)
printf 'mend-journal 1\nentry\nwhen 2026-11-20 23:14\nstory questions\ntitle Every question\nprompt Write a line.\ntext first old line\\nwith a second\nend\nentry\nwhen 2026-11-21 01:02\nstory questions\ntext no end line\nentry\nwhen 2026-11-22 02:03\nstory questions\ntitle Every question\nprompt Write a line.\ntext third\nend\n' \
  >"$XDG_DATA_HOME/mend/journal"
cp "$XDG_DATA_HOME/mend/journal" "$TMP/old.journal"
cp "$XDG_STATE_HOME/mend/sessions/questions.save" "$TMP/old.save"
run_mend journal
status "an old journal with an entry missing its end line: mend journal works" 0
err_has "the import is reported once" \
  "mend: 3 journal entries and 1 saved session of an older mend were copied into $DB; the old files are kept as they were"
has "every entry is there, the one without its end line too" "2026-11-21 01:02  questions
  no end line"
has "an entry's lines are kept (under its question)" "  Write a line.
    first old line
    with a second"
check "the old journal is kept, as it was" cmp -s "$TMP/old.journal" "$XDG_DATA_HOME/mend/journal"
check "the old save is kept, as it was" \
  cmp -s "$TMP/old.save" "$XDG_STATE_HOME/mend/sessions/questions.save"
run_mend journal
check "the import is done once" test -z "$ERR"
check "... so nothing is imported twice" test "$(sql "SELECT count(*) FROM journal")" = 3
printf '5\ny\na new line\n' >"$TMP/in"
run_mend play --resume "$Q" <"$TMP/in"
has "the imported session resumes" "(Resuming where you left off: 4 decisions in.)"
check "a text answer after the import goes into the journal" \
  test "$(sql "SELECT count(*) FROM journal WHERE text = 'a new line'")" = 1
check "the imported session now belongs to its story's file" \
  test "$(sql "SELECT story_file FROM sessions")" = "$(realpath "$Q")"
# old files that cannot be read: left alone, said, tried again next time
rm -rf "$XDG_DATA_HOME" "$XDG_STATE_HOME"
mkdir -p "$XDG_STATE_HOME/mend/sessions/dir.save" "$XDG_DATA_HOME/mend"
mkfifo "$XDG_DATA_HOME/mend/journal" "$XDG_STATE_HOME/mend/sessions/fifo.save"
run_mend journal
status "an old journal that is a FIFO: mend journal does not hang" 0
err_has "it is said, and left as it is" "could not import $XDG_DATA_HOME/mend/journal (not a regular file); it is left as it is"
err_has "a folder named like a save is said, and left as it is" "dir.save (Is a directory); it is left as it is"
err_has "a FIFO named like a save is said, and left as it is" "fifo.save (not a regular file); it is left as it is"
check "the FIFO is still there" test -p "$XDG_DATA_HOME/mend/journal"
check "the folder is still there" test -d "$XDG_STATE_HOME/mend/sessions/dir.save"

# ---- a restrictive umask ----------------------------------------------------------------------------
rm -rf "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
(umask 0277 && printf '5\ny\nunder umask\n' | "$MEND" play --seed 1 "$Q") >/dev/null 2>"$TMP/err"
check "umask 0277: nothing went wrong (but the input ending)" \
  test "$(cat "$TMP/err")" = "mend: input ended before the story did (waiting at 'pick')"
check "umask 0277: the data folders are 0700" \
  test "$(stat -c %a "$XDG_DATA_HOME/mend")$(stat -c %a "$XDG_DATA_HOME")" = 700700
check "umask 0277: the database and the lock file are 0600" \
  test "$(stat -c %a "$DB" "$XDG_DATA_HOME/mend/sessions.lock" | tr -d '\n')" = 600600
check "umask 0277: the answer was kept" \
  test "$(sql "SELECT count(*) FROM journal WHERE text = 'under umask'")" = 1
(umask 0277 && MEND_PATH=tests/e2e/fixtures "$MEND" list) >/dev/null 2>&1
check "umask 0277: the cache folder is 0700 and its file 0600" \
  test "$(stat -c %a "$XDG_CACHE_HOME/mend")$(stat -c %a "$XDG_CACHE_HOME/mend/library")" = 700600
(umask 0277 && printf '1\n' | "$MEND" play --resume "$Q") >/dev/null 2>&1
check "umask 0277: the next session resumes and saves" \
  test "$(sql "SELECT decisions FROM sessions")" = 4

finish
