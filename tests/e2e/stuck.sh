#!/bin/sh
# SPDX-License-Identifier: MIT
# stuck.sh - a story that cannot go on: a run-time error (a dead end) or
# automatic moves that loop. The player says why, and offers :back, :restart
# or :quit; a session saved there can be resumed and taken back; plain mode
# exits 4 when the input ends there (as `mend test` replays expect); a loop
# of automatic moves does not write a save at every move, nor grow it.
. tests/lib.sh

DEAD=tests/e2e/fixtures/dead-end.xml
cat >"$TMP/loop.xml" <<'XML'
<story id="loop-after" format="1" start="ask">
  <title>A loop after a question</title>
  <var name="sure" type="bool"/>
  <var name="n" type="int"/>
  <node id="ask">
    <ask var="sure" kind="yesno">Are you sure?</ask>
    <goto to="done" if="sure"/>
    <goto to="ping"/>
  </node>
  <node id="ping">
    <set var="n" value="n + 1"/>
    <goto to="done" if="n &lt; 0"/>
    <goto to="pong"/>
  </node>
  <node id="pong">
    <goto to="ping"/>
  </node>
  <ending id="done" title="Done" tone="positive"><text>Decided.</text></ending>
</story>
XML

# ---- a run-time error ---------------------------------------------------------------
printf 'n\n' >"$TMP/in"
run_mend play --seed 1 "$DEAD" <"$TMP/in"
status "a dead end: plain mode exits 4 when the input ends there" 4
err_has "the error is reported" "dead-end.xml:15: error: dead end"
has "the person is offered a way out" \
  "The story cannot go on from here. Type :back to go back to your last decision, :restart to start over, or :quit to stop."
check "the session is saved where it stopped" \
  test "$(sql "SELECT decisions FROM sessions WHERE story_id = 'dead-end'")" = 1
printf ':back\ny\n' >"$TMP/in"
run_mend play --resume "$DEAD" <"$TMP/in"
status "the session saved at the error can be resumed, taken back and finished" 0
has "resuming shows where it stopped" "(Resuming where you left off: 1 decision in.)"
has ":back goes back to the question" "(Back to the previous decision.)"
has "and the story ends" "*** The end: Done ***"
check "the finished session leaves no save" \
  test -z "$(sql "SELECT 1 FROM sessions WHERE story_id = 'dead-end'")"
printf 'n\n' | "$MEND" play --seed 1 "$DEAD" >/dev/null 2>&1
printf '1\n:restart\ny\ny\n' >"$TMP/in"
run_mend play --resume "$DEAD" <"$TMP/in"
has "an answer that is not a command is met with the commands" "Type :back, :restart or :quit."
has ":restart starts over" "(Starting over.)"
status "... and the new session ends" 0
printf 'n\n:quit\n' >"$TMP/in"
run_mend play --seed 1 "$DEAD" <"$TMP/in"
status ":quit there exits 0" 0

# ---- automatic moves that loop ----------------------------------------------------------------
printf 'n\n' >"$TMP/in"
t0=$(date +%s%N)
run_mend play --seed 1 "$TMP/loop.xml" <"$TMP/in"
t1=$(date +%s%N)
status "a loop of automatic moves: plain mode exits 4" 4
err_has "it is reported" "mend: the story moved on by itself 10000 times in a row at '"
ms=$(((t1 - t0) / 1000000))
echo "# a loop of 10000 automatic moves stopped in $ms ms"
check "it stops in under 3 s (not a save at every move)" test $ms -lt 3000
len=$(sql "SELECT length(save) FROM sessions WHERE story_id = 'loop-after'")
check "the save holds the decision, not the moves" test "$len" -lt 200
"$MEND" play --resume "$TMP/loop.xml" </dev/null >/dev/null 2>&1
"$MEND" play --resume "$TMP/loop.xml" </dev/null >/dev/null 2>&1
check "resuming it twice does not grow the save" \
  test "$(sql "SELECT length(save) FROM sessions WHERE story_id = 'loop-after'")" = "$len"
printf ':back\ny\n' >"$TMP/in"
run_mend play --resume "$TMP/loop.xml" <"$TMP/in"
status "the looping session can be taken back and finished" 0
has "... to its ending" "*** The end: Done ***"

finish
