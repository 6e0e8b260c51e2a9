#!/bin/sh
# SPDX-License-Identifier: MIT
# killtest.sh - the player killed with SIGKILL at 500 random moments (150 under
# the sanitizers; MEND_KILLS to change) of scripted plain-mode sessions of
# tests/e2e/fixtures/questions.xml:
# a scale, a yes/no and a text question (journalled) and a choice, round after
# round. After each kill, the database (read with sqlite3):
#   - passes PRAGMA integrity_check, and its save loads: `mend play --resume`
#     shows the resumed session (exit 3 at the end of its empty input), never
#     "damaged";
#   - holds every step the player had acknowledged, and at most the one in
#     flight: an answer is acknowledged when anything was printed after its
#     echo ("> answer"), for the step (the session's position with the
#     journal entry) is committed before the next view is printed;
#   - holds every acknowledged text answer in the journal exactly once: none
#     lost, none duplicated (the entry and the position commit together);
#   - no save disappears before the end of its session;
# then the session goes on, resumed, from the step the save holds, until it
# ends and a new one starts. The moments come from a fixed seed (awk's
# srand), spread over the time a whole session takes; what they hit varies
# with the machine's speed, but every outcome must pass.
. tests/lib.sh

Q=tests/e2e/fixtures/questions.xml
# saved: the decisions of the saved session, "" when there is none
saved() { sql "SELECT decisions FROM sessions WHERE story_id = 'questions'" 2>/dev/null; }
KILLS=${MEND_KILLS:-500}
# under the sanitizers (make asan), for memory errors in what a kill leaves
# behind, fewer: the native run takes the 500
[ -n "${MEND_SANITIZED:-}" ] && KILLS=${MEND_KILLS:-150}
ROUNDS=6 # 4 decisions each: scale, yes/no, text, choice (the last one stops)
TOTAL=$((ROUNDS * 4))

# script SESSION FROM: the answers of a session, from decision FROM on
script() {
  awk -v s="$1" -v from="$2" -v R=$ROUNDS 'BEGIN {
    for (i = from; i < R * 4; i++) {
      r = int(i / 4); k = i % 4
      if (k == 0) print (r * 3 + s) % 11
      else if (k == 1) print ((r + s) % 2 ? "n" : "y")
      else if (k == 2) print "note-" s "-" r
      else print (r == R - 1 ? "2" : "1")
    }
  }'
}

# acked FILE: the echoed answers of a transcript after which something was
# printed, one per line
acked() {
  awk '/^> / { if (n) print last; last = substr($0, 3); n = 1; next } { if (n) print last; n = 0 }' "$1"
}

# How long a whole session takes here: the kills are spread over it. (The
# first run creates the database: the second is timed.)
script 0 0 >"$TMP/in"
"$MEND" play --seed 1 "$Q" <"$TMP/in" >/dev/null 2>&1
t0=$(date +%s%N)
"$MEND" play --seed 1 "$Q" <"$TMP/in" >"$TMP/out" 2>&1
rc=$?
t1=$(date +%s%N)
FULL_US=$(((t1 - t0) / 1000))
if [ $rc -eq 0 ] && grep -q '^When you are ready: ' "$TMP/out" &&
  grep -q '^\*\*\* The end: ' "$TMP/out"; then
  tap OK "a whole session runs to its end uninterrupted ($FULL_US us)"
else
  tap FAIL "a whole session runs to its end uninterrupted" "exit status $rc: $(tail -n 5 "$TMP/out")"
fi
# and how long it takes to start and stop at the first question
t0=$(date +%s%N)
"$MEND" play --seed 1 "$Q" </dev/null >/dev/null 2>&1
t1=$(date +%s%N)
START_US=$(((t1 - t0) / 1000))
[ "$START_US" -lt "$FULL_US" ] || START_US=$((FULL_US / 2))
rm -rf "$XDG_DATA_HOME"

# The moments, as millionths of the time a run takes: 0 to 1.2 times it.
awk -v n=$((KILLS * 3)) 'BEGIN {
  srand(20261126); for (i = 0; i < n; i++) printf "%d\n", rand() * 1200000 }' >"$TMP/moments"

kills=0 sessions=1 from=0 runs=0
bad_load=0 bad_steps=0 bad_journal=0 dup_journal=0 lost=0 ends=0 inflight=0 acked_total=0
acked_notes=0 bad_db=0 save_failed=0
fail_detail=""
note() { fail_detail="$fail_detail
$1"; }
while [ $kills -lt "$KILLS" ]; do
  runs=$((runs + 1))
  us=$(sed -n "${runs}p" "$TMP/moments")
  [ -n "$us" ] || break
  # a resumed run starts, then plays only what is left of its session: the
  # moment is spread over that, or most kills would come after its end
  us=$((us * (START_US + (FULL_US - START_US) * (TOTAL - from) / TOTAL) / 1000000))
  script $sessions "$from" >"$TMP/in"
  # emptied first: a kill that lands before the child has opened them (a loaded
  # machine, a moment near 0) would leave the last run's transcript to be read
  # as this one's
  : >"$TMP/run.out"
  : >"$TMP/run.err"
  "$MEND" play --resume --seed "$sessions" "$Q" <"$TMP/in" >"$TMP/run.out" 2>"$TMP/run.err" &
  pid=$!
  sleep "$(awk -v us="$us" 'BEGIN { printf "%.6f", us / 1000000 }')"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  rc=$?
  [ $rc -eq 137 ] && kills=$((kills + 1))
  # what the player acknowledged in this run
  acked "$TMP/run.out" >"$TMP/acked"
  nack=$(grep -c '' "$TMP/acked")
  if grep -q '^\*\*\* The end: ' "$TMP/run.out"; then
    ended=1
  else
    ended=0
  fi
  # A step that could not be saved (a full disk on a shared machine...) is
  # said on stderr, and the player goes on: its acknowledgement then promises
  # nothing. Such runs are counted apart, and fail the test with the reason,
  # instead of passing for a lost step.
  if grep -q 'could not save\|cannot be saved\|open in another mend' "$TMP/run.err"; then
    save_failed=$((save_failed + 1))
    note "run $runs: the player could not save: $(head -n 1 "$TMP/run.err")"
  fi
  if [ -f "$DB" ] && [ "$(sql "PRAGMA integrity_check" 2>&1)" != ok ]; then
    bad_db=$((bad_db + 1))
    note "run $runs: the database fails its integrity check"
  fi
  # every acknowledged text answer is in the journal, once
  while IFS= read -r a; do
    case $a in
    note-*)
      acked_notes=$((acked_notes + 1))
      c=$(sql "SELECT count(*) FROM journal WHERE text = '$a'" 2>/dev/null)
      if [ "${c:-0}" = 0 ]; then
        bad_journal=$((bad_journal + 1))
        note "run $runs: '$a' was acknowledged but is not in the journal"
      fi
      ;;
    esac
  done <"$TMP/acked"
  n=$(saved)
  if [ -n "$n" ]; then
    # the save loads, and holds what was acknowledged (and at most one more)
    "$MEND" play --resume "$Q" </dev/null >"$TMP/check.out" 2>"$TMP/check.err"
    crc=$?
    shown=$(sed -n 's/^(Resuming where you left off: \([0-9]*\) decisions\{0,1\} in\.)$/\1/p' \
      "$TMP/check.out")
    if grep -q damaged "$TMP/check.err" || [ "$shown" != "$n" ]; then
      bad_load=$((bad_load + 1))
      note "run $runs: the save of $n decisions did not load: $(cat "$TMP/check.err")"
      sql "DELETE FROM sessions"
      from=0 sessions=$((sessions + 1))
      continue
    fi
    acked_total=$((acked_total + nack))
    [ "$n" -eq $((from + nack + 1)) ] && inflight=$((inflight + 1))
    if [ "$n" -lt $((from + nack)) ] || [ "$n" -gt $((from + nack + 1)) ]; then
      bad_steps=$((bad_steps + 1))
      note "run $runs: the save holds $n decisions; $from + $nack were acknowledged (the player said: $(head -c 300 "$TMP/run.err" | tr '\n' ' '))"
    fi
    if [ "$n" -eq $TOTAL ]; then # killed between the summary and the save's removal
      [ $crc -eq 0 ] || {
        bad_load=$((bad_load + 1))
        note "run $runs: a finished session resumed with status $crc"
      }
      ends=$((ends + 1))
      from=0 sessions=$((sessions + 1))
    else
      [ $crc -eq 3 ] || {
        bad_load=$((bad_load + 1))
        note "run $runs: resuming exited $crc, not 3"
      }
      from=$n
    fi
  elif [ $ended -eq 1 ]; then
    ends=$((ends + 1))
    from=0 sessions=$((sessions + 1))
  else
    # no save and no end: only right at the start, before the first answer
    if [ $((from + nack)) -gt 0 ]; then
      lost=$((lost + 1))
      note "run $runs: the save is gone ($from + $nack decisions were made)"
    fi
    from=0
  fi
done

# every text answer of the journal, once: the same note twice is a duplicate
dup_journal=$(sql "SELECT count(*) - count(DISTINCT text) FROM journal")
check "$KILLS kills landed (in $runs runs; $sessions sessions, $ends finished)" \
  test "$kills" -eq "$KILLS"
check "the database passed its integrity check after every kill" test $bad_db -eq 0
check "every step could be saved (none said it could not)" test $save_failed -eq 0
check "every save left behind loaded" test $bad_load -eq 0
check "every save held the acknowledged steps, and at most one more" test $bad_steps -eq 0
check "every acknowledged journal answer was in the journal" test $bad_journal -eq 0
check "no journal entry was duplicated" test "$dup_journal" -eq 0
check "no save disappeared before its session ended" test $lost -eq 0
[ -z "$fail_detail" ] || printf '%s\n' "$fail_detail" | head -n 20 | sed 's/^/# /'
echo "# killtest: $kills kills tried, $save_failed runs could not save; $acked_notes journal answers acknowledged, $bad_journal lost, $dup_journal duplicated; $acked_total steps acknowledged, $bad_steps saves wrong, $lost lost; $inflight kills landed after a commit and before its acknowledgement"
run_mend journal
status "the journal is readable after all the kills" 0
check "the journal holds one entry per text answer committed" \
  test "$(sql "SELECT count(*) FROM journal")" -ge "$acked_notes"
# SQLite's write-ahead log and shared memory file are kept beside the
# database (0600 like it); nothing else is left
check "nothing but the database, its log and the lock file are in the folder" \
  sh -c "! ls -A '$XDG_DATA_HOME/mend' | grep -qvx 'mend.db\|mend.db-wal\|mend.db-shm\|sessions.lock'"
check "every file in the folder is private (0600)" \
  sh -c "! find '$XDG_DATA_HOME/mend' -type f ! -perm 600 | grep -q ."
check "no damaged database was ever moved aside" sh -c "! ls '$DB'.damaged-* 2>/dev/null"

finish
