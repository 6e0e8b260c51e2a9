#!/bin/sh
# SPDX-License-Identifier: MIT
# tester.sh - `mend test`: exact coverage on a small story, run-time failures
# (dead end, overflow, division by zero, endless loop, trap) found by random
# and exhaustive testing, each with a script that the real `mend play`
# replays to the same failure; the shortest script; the --max-states bound;
# --min-coverage; JSON; test plans (found next to a story or given, passing,
# diverging, malformed); usage; and every bundled scenario, random and
# exhaustive, with full node, choice and ending coverage and passing plans.
#
#   MEND=$PWD/build/mend sh tests/e2e/tester.sh
. tests/lib.sh

FIX=tests/e2e/fixtures/tester

# json_ok "what" FILE: the file is one valid JSON document.
json_ok() {
  if json_valid doc "$2" 2>"$TMP/json-err"; then tap OK "$1"; else
    tap FAIL "$1" "$(cat "$TMP/json-err")"
  fi
}

# failure_fields FILE: from a JSON report, the first failure as one line of
# words: kind, file:line, seed (or "none"), node, whether it moves forever
# ("forever" or "stops"), whether it was replayed ("verified" or
# "unverified"); or "none" when there is no failure. Its script (its answers,
# one a line) goes to $TMP/script, empty when there is no failure. A failure
# without one of these fields, or with a script step that is not a string,
# prints nothing (jq says why on stderr).
failure_fields() {
  jq -r '.files[0].failures[0] // {script: []} | .script[] |
    if type == "string" then . else error("a script step that is not a string") end' \
    "$1" >"$TMP/script" || return
  jq -r '.files[0].failures | if length == 0 then "none" else .[0] |
    if (["kind", "file", "line", "seed", "node", "moves_forever", "verified"] - keys) != []
    then error("a failure without all its fields") else . end |
    "\(.kind) \(.file):\(.line | numbers) \(if .seed == null then "none" else .seed end)" +
    " \(.node) \(if .moves_forever == true then "forever" else "stops" end)" +
    " \(if .verified == true then "verified" else "unverified" end)" end' "$1"
}

# ---- coverage: exact numbers ------------------------------------------------

for mode in "-n 200" "--exhaustive"; do
  run_mend test $mode --no-plans $FIX/coverage.xml
  status "coverage fixture ($mode): passes" 0
  has "coverage fixture ($mode): 16 of 20 items" "coverage: 80.0% (16 of 20)"
  has "coverage fixture ($mode): nodes" "  nodes           3 of 3"
  has "coverage fixture ($mode): endings" "  endings         2 of 3"
  has "coverage fixture ($mode): choices" "  choices         2 of 2"
  has "coverage fixture ($mode): feedbacks" "  feedbacks       1 of 2"
  has "coverage fixture ($mode): conditions, both ways" \
    "  conditions      3 of 4 (each both ways: true and false)"
  has "coverage fixture ($mode): rules, met and unmet" \
    "  rules           3 of 4 (each both ways: met and unmet)"
  has "coverage fixture ($mode): random branches" "  branches        2 of 2"
  has "coverage fixture ($mode): four items never reached" "never reached (4):"
  has "coverage fixture ($mode): a constant condition never false, with its line" \
    "$FIX/coverage.xml:17: condition never false: \"mood >= 0\" (in 'start')"
  has "coverage fixture ($mode): an impossible feedback" \
    "$FIX/coverage.xml:20: feedback never shown: \"Never shown.\" (in 'start')"
  has "coverage fixture ($mode): a rule never met" \
    "$FIX/coverage.xml:33: rule never met: \"Never\" (in 'write')"
  has "coverage fixture ($mode): an unreachable ending" \
    "$FIX/coverage.xml:45: ending never reached: 'lost'"
  has "coverage fixture ($mode): no failures" "failures: none"
done
run_mend test -n 200 --no-plans $FIX/coverage.xml
has "random mode says how many runs ended" "  200 reached an ending, 0 failed"

run_mend test -n 200 --no-plans --min-coverage 80 $FIX/coverage.xml
status "--min-coverage 80 on 80.0%: exit 0" 0
run_mend test -n 200 --no-plans --min-coverage 80.5 $FIX/coverage.xml
status "--min-coverage 80.5 on 80.0%: exit 1" 1
has "--min-coverage: says coverage is below" "coverage 80.0% is below --min-coverage 80.5%"
has "--min-coverage: the result says why" "result: FAILED (coverage below 80.5%)"
run_mend test -n 200 --no-plans --min-coverage 101 $FIX/coverage.xml
status "--min-coverage 101: usage error" 2

# ---- run-time failures, found both ways and replayed in mend play -------------

# found MODE FIXTURE KIND LINE: the failure is found, of that kind at that
# line, with a script that mend play replays to the same error (status 4).
found() {
  mode=$1 fix=$2 kind=$3 line=$4
  "$MEND" test $mode --no-plans --format json "$FIX/$fix.xml" >"$TMP/report.json" 2>"$TMP/err"
  rc=$?
  if [ $rc -eq 1 ]; then tap OK "$fix ($mode): exit 1"; else tap FAIL "$fix ($mode): exit 1" "exit $rc"; fi
  json_ok "$fix ($mode): the JSON report is valid" "$TMP/report.json"
  set -- $(failure_fields "$TMP/report.json")
  if [ "$1 $2" = "$kind $FIX/$fix.xml:$line" ]; then tap OK "$fix ($mode): $kind at line $line"; else
    tap FAIL "$fix ($mode): $kind at line $line" "found: $*"
  fi
  if [ "$6" = verified ]; then tap OK "$fix ($mode): the script was replayed before it was reported"; else
    tap FAIL "$fix ($mode): the script was replayed before it was reported" "$*"
  fi
  seed=$3 node=$4 moves=$5
  run_mend play --no-save --seed "$seed" "$FIX/$fix.xml" <"$TMP/script"
  status "$fix ($mode): mend play --seed $seed with the script fails too" 4
  if [ "$kind" = loop ]; then
    err_has "$fix ($mode): mend play stops the same loop" "it seems to loop"
    if [ "$moves" = forever ]; then tap OK "$fix ($mode): reported as moving by itself forever"; else
      tap FAIL "$fix ($mode): reported as moving by itself forever" "$moves"
    fi
  else
    err_has "$fix ($mode): mend play reports the same error at the same line" \
      "$FIX/$fix.xml:$line: error: "
  fi
}

for mode in "-n 300" "--exhaustive"; do
  found "$mode" dead-end dead-end 23
  found "$mode" overflow overflow 16
  found "$mode" divzero division-by-zero 14
  # (a told() only a paragraph reads, two pages on: typed at the decision before it)
  found "$mode" told-far division-by-zero 21
  found "$mode --max-steps 500" loop loop 15
done

run_mend test -n 300 --no-plans $FIX/dead-end.xml
has "text report: the engine's error, with file and line" \
  "$FIX/dead-end.xml:23: error: dead end: node 'stuck' offers no choice, and no goto or random branch applies"
has "text report: which run found it" "[dead-end] found by the run with seed "
has "text report: a command that replays it" "printf '%s\\n' '1' 'n' | mend play --no-save --seed "
run_mend test --exhaustive --no-plans $FIX/dead-end.xml
has "exhaustive: a seed whose draw goes the same way is found" "[dead-end] found by the exploration, 2 decisions in; to replay it:"

run_mend test --exhaustive --no-plans $FIX/divzero.xml
has "exhaustive: the failing scale answer, then the choice" \
  "printf '%s\\n' '0' '1' | mend play --no-save --seed 0 '$FIX/divzero.xml'"

# the shortest script, whichever way the failure was first come across
for mode in "-n 200" "--exhaustive"; do
  "$MEND" test $mode --no-plans --format json $FIX/shortest.xml >"$TMP/report.json"
  set -- $(failure_fields "$TMP/report.json")
  if [ "$(cat "$TMP/script")" = 2 ]; then tap OK "shortest ($mode): the one-answer script"; else
    tap FAIL "shortest ($mode): the one-answer script" "$(cat "$TMP/script")"
  fi
done

# a trap: choices that lead only to each other
"$MEND" test --exhaustive --no-plans --format json $FIX/trap.xml >"$TMP/report.json"
set -- $(failure_fields "$TMP/report.json")
if [ "$1 $2 $4" = "trap $FIX/trap.xml:12 hall" ] && [ "$(cat "$TMP/script")" = 2 ]; then
  tap OK "exhaustive: the trap is found at 'hall' with the script '2'"
else tap FAIL "exhaustive: the trap is found at 'hall' with the script '2'" "$* / $(cat "$TMP/script")"; fi
run_mend play --no-save --seed "$3" $FIX/trap.xml <"$TMP/script"
status "trap: mend play with the script waits for answers that lead nowhere" 3
err_has "trap: ... at 'hall'" "(waiting at 'hall')"
run_mend test --exhaustive --no-plans $FIX/trap.xml
has "trap: the text report names the nodes it keeps going through" \
  "$FIX/trap.xml:12: trap: no ending can be reached from here with the answers tried; it keeps going through 'hall', 'room'"
"$MEND" test -n 100 --max-steps 300 --no-plans --format json $FIX/trap.xml >"$TMP/report.json"
set -- $(failure_fields "$TMP/report.json")
if [ "$1 $2" = "loop $FIX/trap.xml:12" ] && [ "$(cat "$TMP/script")" = 2 ]; then
  tap OK "random: the endless choices are a loop, cut down to the script '2'"
else tap FAIL "random: the endless choices are a loop, cut down to the script '2'" "$* / $(cat "$TMP/script")"; fi

# a failure that only specific draws reach, which no seed gives
run_mend test --exhaustive --no-plans $FIX/draws.xml
status "draws: exit 1" 1
has "draws: it says which draws the failure needs" \
  "it needs these random draws, which none of the 100000 seeds tried gives:"
has "draws: ... the first" "      at 'c1' -> 'c2'"
has "draws: ... the last" "      at 'c20' -> 'deep'"
"$MEND" test --exhaustive --no-plans --format json $FIX/draws.xml >"$TMP/report.json"
set -- $(failure_fields "$TMP/report.json")
if [ "$1 $3" = "division-by-zero none" ]; then tap OK "draws: JSON has no seed for it"; else
  tap FAIL "draws: JSON has no seed for it" "$*"
fi

# ---- bounds ---------------------------------------------------------------------

run_mend test --exhaustive --max-states 100 --no-plans $FIX/loop.xml
has "--max-states: the bound is reported" \
  "the exploration stopped at --max-states 100: coverage and failures are partial"
has "--max-states: states explored" "exhaustive: 100 distinct states"
"$MEND" test --exhaustive --max-states 100 --no-plans --format json $FIX/loop.xml >"$TMP/bound.json"
json_ok "--max-states: the JSON report is valid" "$TMP/bound.json"
check "--max-states: JSON says the bound was hit" \
  jq -e '.files[0] | .bound_hit == true and .states == 100' "$TMP/bound.json"
run_mend test --exhaustive --no-plans $FIX/coverage.xml
lacks "a complete exploration says nothing of bounds" "--max-states"
# ring.xml (tests/bench/gen --states 500): 10 nodes in a ring, two counters
# 0..6 stepped by the choices: 10 * 7 * 7 states and the ending, all within
# 75 steps of the start. A depth-first search cut at 100 steps deep met some
# states deep first and never explored them again (476 of 491).
run_mend test --exhaustive --max-steps 100 --no-plans $FIX/ring.xml
has "--max-steps: every state within the depth is found, however deep the search goes" \
  "exhaustive: 491 distinct states"

# ---- JSON ------------------------------------------------------------------------

"$MEND" test -n 200 --format json $FIX/coverage.xml $FIX/dead-end.xml >"$TMP/two.json"
json_ok "two files: one valid JSON document" "$TMP/two.json"
check "JSON: coverage totals, missed items, plans and the overall result" jq -e '
  .ok == false and .mode == "random" and .runs == 200 and (.files | length) == 2 and
  (.files[0] as $a | .files[1] as $b | $a.coverage as $c |
    [$c.covered, $c.total, $c.percent] == [16, 20, 80.0] and
    $c.condition == {covered: 3, total: 4} and $c.ending == {covered: 2, total: 3} and
    [$a.missed[] | [.kind, .line]] ==
      [["cond-false", 17], ["feedback", 20], ["rule-met", 33], ["ending", 45]] and
    [$a.plans[].passed] == [true, true] and $a.ok == true and
    $b.ok == false and $b.failures[0].script == ["1", "n"])' "$TMP/two.json"

# ---- plans --------------------------------------------------------------------------

run_mend test -n 50 $FIX/coverage.xml
has "plans next to the story and in plans/ are found" "plans: 2 of 2 passed"
has "a plan next to the story" "  $FIX/coverage.walk.plan: passed (ending 'rain', 5 steps)"
has "a plan in plans/ beside it" "  $FIX/plans/coverage.write.plan: passed (ending 'calm', 8 steps)"
run_mend test -n 50 --no-plans $FIX/coverage.xml
lacks "--no-plans: no plans run" "plans:"
run_mend test -n 200 --no-plans $FIX/coverage.xml
has "without the plan, the rule 'Never' is never met" 'rule never met: "Never"'
run_mend test -n 200 --plan $FIX/more/coverage.never.plan $FIX/coverage.xml
has "what a plan reaches counts for the coverage" "coverage: 85.0% (17 of 20)"
lacks "... so the rule 'Never' is met" 'rule never met: "Never"'

run_mend test -n 20 --plan $FIX/more/hear.heard.plan tests/e2e/fixtures/hear.xml
has "a plan's tell: a <hear>'s words, and the node one leads to, are shown as mend play shows them" \
  "  $FIX/more/hear.heard.plan: passed (ending 'end', 7 steps)"
run_mend test -n 20 --plan $FIX/more/hear-yesno.dig.plan tests/e2e/fixtures/hear-yesno.xml
has "... and with the answer at a yes/no" \
  "  $FIX/more/hear-yesno.dig.plan: passed (ending 'e', 4 steps)"

W=$FIX/wrong
run_mend test -n 50 --plan $W/coverage.wrong.plan $FIX/coverage.xml
status "a plan that diverges: exit 1" 1
lacks "--plan: only the plans given run" "coverage.walk.plan"
has "a plan that diverges: how far it got" \
  "  $W/coverage.wrong.plan: FAILED, 3 steps diverged (stopped at step 5 of 7)"
has "an expected text missing: the plan's line and the story's" \
  "    $W/coverage.wrong.plan:4: expected \"Bad news\", but it was not shown since the previous answer (story: $FIX/coverage.xml:14)"
has "a text that must not show: the plan's line and the paragraph's" \
  "    $W/coverage.wrong.plan:5: \"always shown\" was shown, but the plan says it must not be: \"This is always shown.\" (story: $FIX/coverage.xml:17)"
has "a choice that is not offered: the choices there" \
  "    $W/coverage.wrong.plan:6: no choice matches \"Write a poem\"; the choices are: 1) Write a note, 2) Go for a walk (story: $FIX/coverage.xml:14)"
has "the result counts the plan" "result: FAILED (1 plan)"

run_mend test -n 50 --plan $W/coverage.syntax.plan $FIX/coverage.xml
status "a malformed plan: exit 1" 1
has "a malformed plan cannot run" "  $W/coverage.syntax.plan: cannot run"
has "an unknown step, with its line" \
  "$W/coverage.syntax.plan:2: error: unknown step 'chose': a step is seed, choose, answer, skip, tell, tell-at-pause, expect, expect-not or ending"
has "an answer without a value" \
  "$W/coverage.syntax.plan:3: error: 'answer' needs the answer (to skip a text question, write 'skip')"
has "a step after the ending" \
  "$W/coverage.syntax.plan:5: error: a step after the ending (line 4): the ending is the last step"
run_mend test -n 5 --plan $W/no-such.plan $FIX/coverage.xml
status "a plan that cannot be read: exit 1" 1
has "a plan that cannot be read: why" "$W/no-such.plan: error: cannot read the plan: No such file or directory"

"$MEND" test -n 5 --plan $W/coverage.wrong.plan --format json $FIX/coverage.xml >"$TMP/plan.json"
json_ok "a diverging plan: valid JSON" "$TMP/plan.json"
check "a diverging plan: JSON gives both lines of each divergence" jq -e '
  .files[0].plans[0] | .passed == false and .stopped == true and .steps_run == 5 and
    [.divergences[] | [.plan_line, .story_line]] == [[4, 14], [5, 17], [6, 14]]' "$TMP/plan.json"

# an answer of several lines in a plan: a line that ends with \ goes on
run_mend test -n 5 tests/e2e/fixtures/draft.xml
status "a plan with an answer of several lines: passed" 0
has "a plan with an answer of several lines: its steps, one answer across four lines" \
  "tests/e2e/fixtures/draft.pasted.plan: passed (ending 'end', 8 steps)"

# ---- --hears: where a line typed at a decision is heard by nothing ahead ------------------

# a death typed at the number or the first choice is read ahead; at the last choice,
# nothing after it reads it (the text above it is shown already): a failure there, with
# the answers that lead to it and the line itself, which mend play meets with "I hear you."
run_mend test -n 50 --no-plans --hears "he died last month" "$FIX/hears.xml"
status "--hears: a decision where the line is heard by nothing ahead fails the test" 1
has "--hears: where, and which decision" \
  "$FIX/hears.xml:15: error: \"he died last month\" typed at this choice (in 'rest') is heard by nothing ahead: no told() or just_told() from here reads what it tells"
has "--hears: its kind" "[not-heard] found by the run with seed"
count=$(printf '%s\n' "$OUT" | grep -c "not-heard")
check "--hears: only there (the number and the first choice hear it)" test "$count" = 1
script=$(printf '%s\n' "$OUT" | grep "printf '%s" | head -1)
case $script in
*"'he died last month' | "*) tap OK "--hears: the replay ends with the line typed there" ;;
*) tap FAIL "--hears: the replay ends with the line typed there" "$script" ;;
esac
# (the replay's answers, then the line: mend play says "I hear you.", not "Thank you")
answers=$(printf '%s\n' "$script" | sed "s/^ *printf '%s\\\\n' //; s/ | .*//")
eval "printf '%s\\n' $answers" | "$MEND" play --plain --no-save --seed \
  "$(printf '%s\n' "$script" | sed 's/.*--seed \([0-9]*\).*/\1/')" "$FIX/hears.xml" \
  >"$TMP/hears.txt" 2>&1
check "--hears: replayed in mend play, the line is heard, not thanked" grep -q "I hear you." \
  "$TMP/hears.txt"
check "... and not thanked" sh -c "! grep -q 'Thank you for telling me' '$TMP/hears.txt'"
"$MEND" test -n 50 --no-plans --format json --hears "he died last month" "$FIX/hears.xml" \
  >"$TMP/hears.json"
check "--hears, in JSON: one failure of kind not-heard, at 'rest'" jq -e '
  .ok == false and (.files[0].failures | length) == 1 and
  .files[0].failures[0].kind == "not-heard" and .files[0].failures[0].node == "rest"' \
  "$TMP/hears.json"
# a line the story reads nowhere: one failure for the story
run_mend test -n 50 --no-plans --hears "i already texted him tonight" "$FIX/hears.xml"
status "--hears: a line the story reads nowhere fails the test" 1
has "--hears: ... says so once" \
  "$FIX/hears.xml: error: \"i already texted him tonight\" tells nothing this story reads: no told() or just_told() of it asks about what it tells"
# heard everywhere: passes
run_mend test -n 50 --no-plans --hears "he died last month" "$FIX/coverage.xml"
status "--hears on a story without words: every decision deaf (it reads nothing)" 1
run_mend test --exhaustive --hears "he died last month" "$FIX/hears.xml"
status "--hears with --exhaustive: usage error" 2
err_has "--hears with --exhaustive: says so" "mend test: --hears goes with random runs, not --exhaustive"
run_mend test --hears "" "$FIX/hears.xml"
status "--hears with an empty line: usage error" 2

# ---- loading and usage ------------------------------------------------------------------

run_mend test -n 5 tests/e2e/fixtures/lint-bad-start.xml
status "a story with errors: exit 1" 1
err_has "a story with errors: its errors are printed" "lint-bad-start.xml:"
run_mend test
status "no file: usage error" 2
err_has "no file: says so" "mend test: no story file given"
run_mend test --frobnicate $FIX/coverage.xml
status "an unknown option: usage error" 2
run_mend test -n many $FIX/coverage.xml
status "-n that is not a number: usage error" 2
run_mend test --plan $W/coverage.wrong.plan $FIX/coverage.xml $FIX/loop.xml
status "--plan with two stories: usage error" 2
run_mend test --format xml $FIX/coverage.xml
status "--format xml: usage error" 2
run_mend help test
status "mend help test: exit 0" 0
has "mend help test: the usage" "usage: mend test [OPTIONS] FILE..."
run_mend --help
has "mend --help lists test" "  test [OPTIONS] FILE..."

# ---- every bundled scenario -----------------------------------------------------------------

# the exploration budget that reaches every node, choice and ending of each
budget() {
  case $1 in
  stories/speaking-of-them.xml) echo 10000000 ;; # (8000000 before r88: the v86 fixes (a visit typed at the last number refused for any day and the one named told, a death in the need read as a relative's, despair written as the need pointed to :support, days shut in written in the practice met gently and never graded, no praise over a death typed at the walk back or the one-friend choice, the "last text" typed at a menu heard as a message: SOT-1..4, 6..11, 15, 18..21) left an ending unreached at 8000000, 15 deep, 104.7 M steps; 10000000 reaches all 21 nodes, 57 choices, 6 endings, 16 deep, 97.6 M steps (64.4 M before, +52 %), 370 s of CPU, 9.9 GB (make explore only; CI explores at half)) (6000000 before r87: the v85 fixes (no praise beside a plan to reach them, typed at the same menu; a plan typed at the last number named before the close; a visit, a death, days shut in or a hurt written as the need; the last-text draft named as a message) read what was typed at more decisions: 6000000 stopped 15 deep with 68.9 M steps and left signal_left unreached; 8000000 reaches all 21 nodes, 57 choices, 6 endings, 16 deep, 64.4 M steps, 266 s of CPU, 7.9 GB) (4500000 before session 27: the lines of [said no-one], read beside [said isolated] where isolated was read, are a kind of their own for the explorer to type; 4500000 stopped 16 deep with 48.6 M steps and left the ending signal_left unreached; 6000000 reaches all 21 nodes, 56 choices, 6 endings, 16 deep, 44.5 M steps, about 190 s of CPU with the faster telling of session 27) (3750000 before r83/r84: with a practised plan taken back, a relative named beside a sign, days shut in at the first number and the phone buzz shown above its question (v82 SOT-1..6, v83), 3750000 stopped 15 deep with 35.1 M steps and left the ending signal_left unreached; 4500000 (1.2x) reaches all 21 nodes, 56 choices, 6 endings, 16 deep, 28.6 M steps, about 150 s of CPU) (r74: a plan to reach them typed at any decision after the first number is heard there by two words-only <hear>s: 3750000 still reaches all 21 nodes, 56 choices, 6 endings, 23.0 M steps against 21.7 M) (4537500 before r47c: "i broke up with her and i regret it", "honestly im relieved" and a dig typed at any decision are heard there (three words-only <hear>s on just_told()), in place of the first number's and the first choices' lines for having ended it (told('ended'), ended_at_number) and the choices' own lines for a dig: cheaper, 3750000 and 4125000 reach all 21 nodes, 52 choices, 6 endings, 16 deep; 3750000 about 16.5 M steps, 43 s of CPU; 3375000 left signal_left unreached) (4125000 before r46c: "we got back together last week" typed at any choice, number or yes/no after the first number is taken by a <hear> to an ending of its own (together_end), so the last number and the ending no longer speak of "the memory of your ex"; 4125000 left "A post still up" unreached (15 steps deep, 25.4 M steps); 4537500 (1.1x) reaches all 21 nodes, 52 choices, 6 endings, 16 deep, 18.2 M steps, about 46 s of CPU. "i broke up with her" and "honestly im relieved" read at the last number only (just_told) still left "A post still up" unreached at 4537500: not heard) (3750000 before r44c: "ur a pathetic loser" typed at the last number is heard there (just_told(dig): "Down to 2, and there is still anger in what you typed"), a dig tried at the last number on every path; 3750000 left "A post still up" unreached; 4125000 reaches all, about 40 s of CPU) (3000000 before r41a: "we got back together last week" typed at the first number or choice is heard there (told('together')), with a stop or a way on to the practice for one friend (one_friend, rehearse: a subtree of its own); 3000000 explored 15 steps deep and left "A post still up" unreached; 3750000 reaches all, 16 deep, about 34 s of CPU) (1500000 before r37c: "i already texted him tonight" typed at any choice or number is heard at once at the first number (just_told('texted')), where the post is pictured and at the last number (told('texted')), once, and written as the need it is heard (said(need, 'texted')); 1500000, 1900000 and 2250000 left "A post still up" unreached; about 26 s of CPU) (1000000 before: despair typed again at the last check-in after "whats even the point" at a choice, heard as just_told(heavy) so "Down to 3" is not read over it, left "A post still up" unreached) (850000 before: "he hit me" typed at the last number, heard as just_told(unsafe) so the ending does not repeat the :support pointer, left "A post still up" unreached) four texts read (two drafts), two check-ins of 11 values, their signs, and what the need asks for; despair typed at the last check-in is heard (told(heavy)), so a heavy line is tried at every choice and number (600000 before)
  stories/why-back.xml) echo 3000000 ;; # (2000000 before r87: the r84 branch's v83 fixes (a question for the ex, a reply to someone close, fear of them coming, visits where written: [said asking], [said replying], [said feared]) reached only 5 of 7 endings at 2000000; with them and v85 WB-1..WB-25 (the grave tonight after a death, a visit typed after one written, a number read beside a plan or a death typed with it), 3000000 (1.5x) reaches all 19 nodes, 81 choices, 7 endings, 106.8 M steps against 93.4 M before v85 (+14 %), about 4 min 38 s of CPU measured on a crowded machine (load 12 on 2 cores), with the engine telling lines about twice as fast) (r74: "it was all my fault" typed at any decision is heard there by words-only <hear>s, beside harm and beside a death too: 2000000 still reaches all 19 nodes, 81 choices, 7 endings, 50.5 M steps against 46.3 M, about 3 min 16 s of CPU, affordable since tester.sh runs one story a core) (1000000 before r37b: "he died last month" typed at any choice or at the second number is heard there (told('grief'), a short path of its own) and "i already texted him tonight" at each (just_told('texted')): 1000000 left closure_found and heavy_night unreached; 2000000 reaches all, about 40 s of CPU) (500000 before session 12: said(x, 'grief') answers its five texts with a death too, and despair typed at every choice is heard there; 750000 left two endings unreached; 79 s natively)  five texts given back (each read for needs, digs and signs), two check-ins of 11 values; a line that tells (told(unsafe), told(heavy)) at every choice and number
  stories/final-message.xml) echo 1800000 ;; # (1500000 before r88: v86 FM-2 to FM-13, mostly patterns and words; a words-only <hear> for a plan to reach them after "Please don't contact me again" (visits(reply_cold), FM-8), just_told('retracted') read where the promise is asked (FM-4), just_told('unfed') at the first number (FM-3) and just_told('visiting') beside 'reaching' after the reply (FM-8): 1500000 (27.1 M steps) and 1650000 and 1700000 left the three choices of reply_alarm unreached; 1800000 reaches all 41 nodes, 102 choices, 8 endings, 20 steps deep, 30.1 M steps, about 90 s of CPU) (1100000 before session 18: "he hit me" typed where the hopes are offered, after "he made me feel crazy" and "No, they didn't. I meant something else.", goes to the node for someone who was hurt by a <hear> that reads told_heard and unsafe (r52c, plan meant-else-then-hit); 1100000 left 1 node, 2 endings and 4 choices unreached, 1210000 3 choices; 1500000 reaches all 41 nodes, 100 choices, 8 endings, 20 steps deep, 15.3 M steps, about 45 s of CPU) (1386000 before r47b: "i broke up with her and i regret it", "honestly im relieved" and a dig typed at any decision are heard there by three words-only <hear>s, in place of the lines for them at the article, the want-back step, the lesson and the relief at the article (r46b's read there was what needed 1386000): cheaper, 1000000 and 1100000 reach all 40 nodes, 96 choices, 7 endings, 20 steps deep; 1100000 about 14.6 M steps, 36 s of CPU) (r46b: 1.1x of 1260000: "honestly im relieved" typed at "Start with the message it suggests" is heard where it leads (just_told('relieved') at article_line, plan relieved-at-first-choice); 1260000 left 1 node, 2 endings and 4 choices unreached, 1386000 reaches all 40 nodes, 96 choices, 7 endings, 20 steps deep, about 33 s of CPU) (1260000 before r46b: "we got back together last week" is heard by one <hear> wherever it is typed, to the ending for being back together (end_together), in place of just_told('together') and told('together') read at the opening, its choices, the article, the why, "could you send it", the safety step and the draft's choices; cheaper: with that alone, 1100000 reached all 40 nodes, 96 choices, 7 endings, about 27 s of CPU, 1000000 did not; just_told(dig) at the lesson (ground_rules) was free there. Hears for "ended", "relieved" and a dig, and reads of them at the article, the why, the lesson and the draft, each left 1 node, 2 endings and 4 choices unreached at 1260000 and at 1386000) (1200000 before r45b: "we got back together last week" typed at "Could you send this message if you knew for certain the answer would be no?" takes the short path of being back together (plan together-at-want-back); 1200000 left 4 nodes and 3 endings unreached, 1260000 reaches all 40 nodes, 96 choices, 6 endings, about 30 s CPU) (r34a raised it to 1800000 for told('texted') at the first number and just_told('grief'), which session 14 took back out of final-message: full at 1200000 again, 6.3 M steps)  (before r34a: with just_told('texted') read at the last check-ins and just_told('grief') at the first, a line is typed at every decision, and 1200000 left closure_step, turn_to_self, closing and three endings unreached (30 of 33 nodes, 3 of 6 endings, before any r34a change); 1800000 reaches all, about 240 s of CPU) (800000 before: with r28b's reads, a draft that says it was sent tonight already and despair heard at any choice in place of praise, left "Do something I loved before we met" unreached) drafts of no words, and heavy drafts, are met each in words of their own; a draft can say the ex was not safe, and each kind of draft is told once; a dig after a kind start, and what is understood after sending, are read; a line that tells (told(unsafe)) at every choice, number and yes/no
  stories/energy-inward.xml) echo 1000000 ;; # (r83: a bare command to message them ("text him that im sorry", [said sending]), a small step taken back and a message being written now are heard there by three words-only <hear>s and a variable (v82 EI-1, EI-2, EI-4): 1000000 still reaches all 24 nodes, 57 choices, 5 endings, 12 deep, 19.5 M to 25.7 M steps (+32 %), about 92 s of CPU, accepted as energy-inward is not the longest exploration; 875000 left an ending unreached) (1361250 before r47c: "honestly im relieved" and a dig typed at any number or choice are heard there (two words-only <hear>s on just_told()), in place of the first choice's, the mirror's and the last number's own lines for them (just_told('relieved'), just_told(dig)) and the first number's for a dig: cheaper, 1000000, 1125000 and 1237500 reach all 23 nodes, 55 choices, 5 endings, 12 deep; 1000000 about 13.9 M steps, 29 s of CPU) (1237500 before r46c; r46c: "i broke up with her and i regret it" typed at any number or choice is heard there by a word-only <hear> (in place of the texts of the first screens and the last number, so no double), and 1237500 left "The energy comes home" unreached; 1361250 (1.1x) reaches all 23 nodes, 55 choices, 5 endings, 18.3 M steps, about 33 s of CPU. Before that hear, 1125000 reached all: "we got back together last week" typed at any number or choice is taken by one <hear> to an ending of its own (together_end, reading told(unsafe) and told(heavy) only), in place of just_told('together') read in 15 nodes and back_together kept from them; "i broke up with her" and "honestly im relieved" typed at the last number, and "i broke up with her" at "But it really was all my fault", are heard there (just_told, read there only: word-only hears for them at every decision left two endings unreached at 1237500, each kind read at a decision adding a state for each mix of lines typed there); 1125000 reaches all 23 nodes, 55 choices, 5 endings, 12.3 M steps, about 24 s of CPU) (1125000 before r44b: "we got back together last week" typed at the pattern's choice, the roast or "all my fault" is heard where the look at the need begins (just_told('together') in underneath, back_together kept from there), so "Partly so they'll see" is not met with "Part of you still wants to be chosen by them"; 1125000 left "The energy comes home" unreached; 1237500 (1.1x) reaches all, 14.0 M steps, about 26 s of CPU) (900000 before r43d: "we got back together last week" typed at "Pick one" or at a choice that leads back to it ("Send them a message", "Eat something real"...) is heard where it leads (just_told('together') in choose_for_you, people, old_love, body_care, something_new, small_step; back_together kept from people for its feedback); 900000 and 1000000 left "The energy comes home" and "A post, and a wait" unreached; 1125000 reaches all, 12.7 M steps, about 23 s of CPU) (800000 before r42d: despair typed a third time at a choice is met in other words than the second (heavy_twice, heavy_thrice, kept from step to step), and 800000 left two endings unreached; 900000 reaches all, about 17 s of CPU) (600000 before r37c: "i already texted him tonight" typed at any choice or number is heard to the last check-in (told('texted')), and at the patterns and the roast just after (just_told('texted')); 600000 left "The energy comes home" unreached; 750000 reaches all, about 12 s of CPU) (400000 before session r32d: "i already texted him tonight" heard where the first and last numbers are asked (just_told('texted'), typed by the tester at every decision), left "The energy comes home" and "A post, and a wait" unreached) "he hit me" typed again at the last check-in (just_told(unsafe), typed at every decision by the tester); (160000 before: despair typed again at the last check-in, heard as just_told(heavy) so the number is not read as relief, left two endings unreached) a lesson, a past and a next step read, each with its signs; words typed at any choice or number heard (told)
  stories/no-contact.xml) echo 545000 ;; # (495000 before r88: the birthday chat hears "i knew he still cares" ([said hoping], two words-only <hear>s), the party hears a plan to corner them after "Not here. Not tonight." (talk_waits), a death beside heavy words is named where it is typed, "no but im about to for real" is read at "Did you really send...?" and "now i have nobody" at the chat's choices (just_told('no-one')): 495000 then stopped 12 deep (5 endings, 93 of 107 choices); 545000 (1.1x) reaches all 35 nodes, 107 choices, 8 endings, 15 deep, 20.8 M steps (17.5 M before), about 48 s of CPU) (450000 before r76: from "Remind me why No Contact helps" or "They hurt me", a person who said the ex hurt them goes on to the birthday in one step (Tuesday would have offered one choice only), one decision fewer on those paths: 450000 then stopped 12 deep (5 endings, 92 of 106 choices); 495000 (1.1x) reaches all 35 nodes, 106 choices, 8 endings, 15 deep, 13.0 M steps (12.1 M before), about 34 s) (495000 before r47a: "i broke up with her and i regret it", "honestly im relieved" and a dig typed at any decision are heard there (three words-only <hear>s on just_told(), kept off despair, fear and a death by told(heavy), told(unsafe), told('grief'), read all week already), in place of Monday night's told() lines and the endings' own lines for them: cheaper, 405000 and 450000 reach all 34 nodes, 92 choices, 8 endings, 15 deep; 450000 about 7.4 M steps, 10.6 s of CPU; with just_told(heavy) and just_told(unsafe) in the hears, 495000 left 2 endings and 8 choices unreached) (450000 before r46a: "we got back together last week" typed at any decision goes to end_together (a <hear>, just_told('together') and not told('grief'), so a death is never routed there: told('grief') in a hear is live at every step); 450000 left 2 endings and 8 choices unreached, 495000 (1.1x) reaches all 34 nodes, 92 choices, 8 endings, 15 deep, 6.2 M steps, about 8 s of CPU (16 s on shared cores); without told('grief') 450000 was enough) (300000 before r32c: "i already texted him tonight" typed where a number or a choice is asked is heard (told('texted'): the tester types it once on each path); 13 s before, about 26 s of CPU after) (150000 before session 12: a death, a message already sent and despair at a choice are heard; 225000 was not enough)  (100000 before: "he made me feel crazy" typed at the choice that leads to "They weren't safe", heard as just_told(abuse) so its screen is not followed by the :support reminder, left the endings unreached) what is typed where a choice or a number is asked (told()) is heard from the next node on
  stories/profile-check.xml) echo 102487 ;; # (93170 before r63c: what they hope to find is heard in its own kind where "Those words matter more than anything on that screen" was said whatever was written (missing them, someone new, a calm night, a wish for them, a text sent, having ended it, a death), the urge to text heard in the night note and in their own words, and "I still want to see them", "I still want to know", "Part of me still wants to look" as ways on: new patterns give the tester new answers to try; 93170 left "I want my nights back" unreached (6 steps deep), 102487 (1.1x) reaches all 28 nodes, 69 choices, 7 endings, 7 deep, 2.4 M steps, about 6.4 s of CPU) (84700 before r62c: a like or a look written last night ("i liked one of her photos", "i got up and looked anyway") counted as fed in the morning (note_fed), a wish to be seen ("i want him to see i moved on") kept apart from relief, "i wanted to look at her page" apart from "you keep checking it": new patterns give the tester new answers to try; 84700 left "I want my nights back" unreached, 93170 (1.1x) reaches all 28 nodes, 66 choices, 7 endings, 1.9 M steps, about 4.6 s of CPU) (77000 before r61c: "honestly im relieved" or "i broke up with her and i regret it" typed at "Which of these comes closest?" kept (no_return) in want_sad, want_new, want_face and want_other, so the next morning is not "a way back in"; 77000 and 81000 left "I want my nights back" unreached, 84700 (1.1x) reaches all 28 nodes, 66 choices, 7 endings, 1.7 M steps, about 3.8 s of CPU) (70000 before r60c: "he hit me" typed at the first number is kept there (unsafe set at late_scroll), so "What you typed says they hurt, frightened or controlled you" is not said again three steps on; 70000 left "I want my nights back" unreached, 77000 (1.1x) reaches all 28 nodes, 66 choices, 7 endings, 1.5 M steps, about 3.5 s of CPU) (104000 before r47a: "i broke up with her and i regret it" and "honestly im relieved" typed at any decision are heard there too (two words-only <hear>s on just_told()), in place of sixteen nodes' and choices' own lines for them; the three words-only hears keep off despair and fear with told(heavy) and told(unsafe), read all night already, not just_told(): 60000 reaches all 28 nodes, 63 choices, 6 endings, 70000 about 1.3 M steps, 2.3 s of CPU; with just_told(heavy) and just_told(unsafe) in them, 104000 left a choice unreached) (r46a: "we got back together last week" typed at any decision goes to end_together (a <hear>), in place of back_together set from just_told('together') in six nodes and fourteen feedbacks: cheaper, 84000 reached all; then "ur a pathetic loser" typed at any choice or number is heard there (a second <hear>, just_told(dig)), in place of the profile's and last numbers' own lines: 94000 leaves a choice unreached, 104000 reaches all 28 nodes, 63 choices, 6 endings, 1.8 M steps, about 2.6 s of CPU) (99000 before r45b: "ur a pathetic loser" typed at "Close it. I've seen enough.", "Scroll down through older photos" or "Watch their story" is heard as it is taken (plan dig-at-profile); 99000 left a choice unreached, 104000 reaches 28 nodes, 64 choices, 6 endings, about 3 s of CPU) (90000 before r44a: "honestly im relieved", "i broke up with her and i regret it" and "we got back together last week" typed at a choice are heard on the profile, the closed screen and the urge step (just_told); about 2.6 s of CPU) (60000 before r32c: "i already texted him tonight" typed where a number or a choice is asked is heard, told('texted')) words typed at any choice or number heard (told), and a 10 right after them; fear typed again at the last check-in is heard too (just_told(unsafe): 40000 before)
  stories/posting.xml) echo 500000 ;; # (166375 before v75: "honestly im relieved" typed at any later choice or number is kept to the week (told('relieved') read where the week is weighed), so a relieved person is not told "You can miss them this week"; the kind is part of every state after it is typed: 166375 and 330000 left 2 choices untaken, 500000 reaches all 25 nodes, 64 choices, 5 endings, 13.2 M steps against 4.6 M, about 19 s of CPU) (151250 before r72: a plan or a pull to reach them typed at the choice that led to the week, or to the steps just before it, is recalled at the end (reach_told, set from just_told('reaching') at after_post, taken_down, friend_instead, kept_private and start_fresh; a told('reaching') read at the end needed 260000; set at drafts and posted_for_you too, 166375 left two choices untaken), and "Low. I can't do this without them." offers no post; 151250 and 160000 left "Close the app" and "Keep refreshing" untaken; 162500 reaches all, 166375 (1.1x) for a margin, about 10 s of CPU) (137500 before r60a: "he hit me" typed at "Write the caption" or the caption's choices is heard where the caption is asked (just_told(unsafe) read there); 137500 left "Close the app" and "Keep refreshing" untaken; 151250 reaches all, about 5.2 s of CPU) (131250 before r54a: "he died last month", "i already texted him tonight" and "he hit me" heard where they are typed and again later (told before: other words, grief_told read at the drafts, the fresh start and the feedbacks), despair typed at the last choices heard there; 131250 left "Close the app" and "Keep refreshing" untaken; 137500 reaches all, about 4.6 s of CPU) (105000 before r43c: "honestly im relieved" typed where the first number is asked, then a pull over 3, is kept to the week (week_calm), so the week does not say "You can miss them this week"; 105000 and 120000 left "Close the app" and "Keep refreshing" untaken; 131250 reaches all, about 3.2 s of CPU; with "we got back together last week" heard at "Say yes to food" and the other choices of friend_instead, and the relief dropped at an angry or low post, 125000 reaches all, 120000 does not) (r42c: a dig typed where "would you still post it?" waits ("no. ur a pathetic loser and i never want to see u again") is heard there (just_told(dig)), and the quotation on desperation left out after it; 100000 left "Close the app" and "Keep refreshing" untaken; about 2.6 s of CPU at 105000) (90000 before r42c; r41c: despair typed at "what are you tempted to post?" is heard in the choice's feedback, and "Stop here for tonight" offered there (told(heavy)); being back together is heard at the first number and choices, with "Stop here. This isn't where I am tonight." (ending end_together); 85000 left "Close the app" and "Keep refreshing" untaken; about 2 s of CPU at 90000) (85000 before r41c; r40c: "he died last month" typed at the viewer-list choices or at "Take it down / Leave it up" is heard at once (told('grief') read in after_post, taken_down and end_signal), and no second post offered after it; 80000 left "Close the app" and "Keep refreshing" untaken; about 2 s of CPU at 85000) (75000 before r40c: despair typed at the angry post's, the caption's and "It's really for them"'s choices is heard, and "Stop here for tonight" offered there (ending end_rest); 75000 left "Close the app" and "Keep refreshing" untaken; about 2 s of CPU at 80000) (50000 before r34c: "he died last month" typed where the first number is asked is heard (just_told('grief')) and kept to the end, so no view from them and no way back to them is pictured; 50000 left 2 of 54 choices unreached; about 6 s of CPU at 75000) the told lines ("he hit me") are tried at each number and choice
  stories/they-return.xml) echo 575000 ;; # (r82 they-return: a words-only <hear> for a death that is not theirs ([said bereaved], v81 TR-2, +7 % steps) and "That sounds settled, and calm" after relief typed at "I already know" (v81 TR-8): 575000 still reaches all 28 nodes, 159 choices, 11 endings, 12 deep, 15.9 M to 17.6 M steps (+10.8 %); not raised, as nothing is left unreached; a variable set from a plan to reach them typed at the first number (v81 TR-3) left 4 choices unreached, 10 deep, and was not kept) (r47b: "i broke up with her and i regret it", "honestly im relieved" and a dig typed at any decision are heard there by three words-only <hear>s (the first number's own line for a dig taken out); 575000 still reaches all 27 nodes, 151 choices, 11 endings, 12 deep, 12.2 M steps, about 23 s of CPU; 520000 left 4 choices unreached) (625000 before r46b: "we got back together last week" is heard by two <hear>s wherever it is typed (to what to keep in mind now, or after "he hit me" to the ending for being together), in place of told('together') read at the first number, its choices, the safety choices and "worth it?"; cheaper: 575000 reaches all 27 nodes, 151 choices, 11 endings, 12 steps deep, about 14 s of CPU; 530000 does not) (500000 before r42b: "we got back together last week" typed at any decision before "is restarting with them worth it?" is heard there (told('together')), so a no there is not "You are not getting back together"; 500000 and 600000 left "Go on here, slowly" and the fresh wound's three ways out unreached; about 17 s of CPU at 625000) (400000 before r41b: "i broke up with her and i regret it" typed at the first choice is heard there (just_told('ended')), and 400000 left "Go on here, slowly" and the fresh wound's three ways out unreached; about 10 s of CPU at 400000, 11.4 s at 500000) (300000 before r37d: "he died last month" typed at any decision is heard at every step (told('grief'), a way of its own to the grief_own ending), and 300000 left "Go on here, slowly" and both "Stop here" of the fresh wound unreached; about 10 s of CPU at 400000) (200000 before r34d: "i already texted him back tonight" typed where a number, a choice or a yes/no is asked is heard at "what went wrong" and at a heavy day, told('texted'), so that day does not end on "Their message can wait"; 200000 and 250000 left "Go on here, slowly" and a "Stop here" unreached; about 36 s before, 55 to 80 s after on shared cores) lines told where a number or a choice is asked ("he hit me", "i never felt safe", "i cant do this without him") are tried at each of them, and heard at each step after
  *) echo 20000 ;;
  esac
}

full() { # full "what": nodes, choices and endings all covered in $OUT
  what=$1
  for g in nodes choices endings; do
    line=$(printf '%s\n' "$OUT" | grep "^  $g ")
    set -- $line
    if [ -n "$line" ] && [ "$2" = "$4" ]; then tap OK "$what: every one of the $g"; else
      tap FAIL "$what: every one of the $g" "$line"
    fi
  done
}

# ... and each hears, at every decision of its random runs, a death, a text already sent,
# despair, violence, being back together, having ended it, relief and a dig typed there
# (--hears: heard by something after that decision, or by a <hear> of the story)
for f in stories/*.xml; do
  run_mend test -n 1000 --hears "he died last month" --hears "i already texted him tonight" \
    --hears "i want to die" --hears "he hit me" --hears "we got back together last week" \
    --hears "i broke up with her and i regret it" --hears "honestly im relieved" \
    --hears "ur a pathetic loser" "$f"
  status "$f: random testing and its plans pass" 0
  full "$f (random)"
  has "$f: no failures (and every decision hears the eight lines)" "failures: none"
  "$MEND" test -n 0 --format json "$f" >"$TMP/plans.json"
  check "$f: at least two plans, all passing, to at least two different endings" jq -e '
    .files[0].plans | length >= 2 and all(.[]; .passed == true) and
      ([.[].ending] | unique | length) >= 2' "$TMP/plans.json"
done

# a {name} of a text shown on a path where its question was never asked: a warning, with
# the path that shows it, which does not fail the test
run_mend test -n 50 --no-plans "$FIX/unanswered.xml"
status "a text shown empty: a warning, not a failure: exit 0" 0
has "a text shown empty: the warning, where it is shown" \
  "$FIX/unanswered.xml:20: warning: {alternative} is shown empty on this path: it was never answered, or the answer was skipped (give 'alternative' an init=\"...\", or show it if=\"alternative != ''\")"
has "a text shown empty: the path that shows it" \
  "printf '%s\\n' '2' | mend play --no-save --seed 1 '$FIX/unanswered.xml'"
has "a text shown empty: the test still passes" "result: passed"
printf '2\n' | "$MEND" play --no-save --seed 1 "$FIX/unanswered.xml" >"$TMP/replay.txt" 2>&1
check "a text shown empty: the replay shows it empty" grep -qF 'Your other way: "".' "$TMP/replay.txt"
"$MEND" test -n 50 --no-plans --format json "$FIX/unanswered.xml" >"$TMP/report.json"
check "a text shown empty, in JSON: one warning of kind empty-text" \
  test "$(jq -r '.files[0].warnings | map(.kind) | join(",")' "$TMP/report.json")" = empty-text
check "a text shown empty, in JSON: no failure" \
  test "$(jq -r '.files[0].failures | length' "$TMP/report.json")" = 0
run_mend test -n 50 --no-plans "$FIX/dead-end.xml"
lacks "a story that shows no empty text: no warnings" "warnings ("

run_mend test -n 500 stories/examples/first-night.xml
status "the annotated example passes, with its plans" 0
has "the annotated example's two plans" "plans: 2 of 2 passed"

# what a person writes decides the branch, and no example says it
run_mend test --exhaustive --no-plans "$FIX/signs.xml"
has "exploring: a crisis sign is tried though no example has one" "nodes           3 of 4"
lacks "... so the branch for someone in crisis is reached" "node never entered: 'heavy'"
lacks "... and the one for an unsafe ex" "node never entered: 'unsafe'"
has "... a line in another language is left to random runs" "node never entered: 'unread'"
run_mend test -n 300 --seed 1 --no-plans "$FIX/signs.xml"
has "random runs: every branch, the one for a line the notes cannot read too" "nodes           4 of 4"

# what a person types where a number or a choice is asked is still what they said:
# told() reads it, and the tester types such lines (the lexicon's [unsafe] and [heavy]
# phrases) where a story asks
T=$FIX/told.xml
run_mend test --exhaustive --no-plans "$T"
has "told(): exploration types the lines a story asks about" "conditions      6 of 6"
run_mend test -n 300 --seed 1 --no-plans "$T"
has "told(): random runs too" "conditions      6 of 6"
run_mend test -n 5 "$T"
has "told(): plans tell with 'tell'" "plans: 2 of 2 passed"
run_mend test --exhaustive --no-plans $FIX/told-choice.xml
has "told(): a choice offered once a line was told is taken (what is on offer is part of a state)" \
  "choices         4 of 4"
# just_told(): what was typed at the question just answered; typed again at the next, it
# is just told again (though told() knew it): the ending for "twice" needs both
J=$FIX/just-told.xml
for mode in "--exhaustive" "-n 300 --seed 1"; do
  run_mend test $mode --no-plans "$J"
  has "just_told() $mode: the line typed again, and the ending it alone reaches" "endings         3 of 3"
done
printf '%s\n' "nobody cares anyway" 0 1 "nobody cares anyway" 1 |
  "$MEND" play --plain --no-save --seed 1 "$J" >"$TMP/just.txt" 2>&1
check "just_told() in mend play: typed at both questions, the ending for twice" \
  grep -q 'The end: Twice' "$TMP/just.txt"
check "... and heard at the first" grep -q '^Heard\.' "$TMP/just.txt"

# told at the choice itself: the choices are offered again, and the one for it is there
printf '1\ni never felt safe\n2\n' | "$MEND" play --plain --no-save --seed 1 \
  "$FIX/told-choice.xml" >"$TMP/told-choice.txt" 2>&1
check "told() at a choice: the choices shown again after the screen follow it" \
  grep -q '^  2) Start with my safety' "$TMP/told-choice.txt"
check "... and the choice is taken" grep -q 'Done' "$TMP/told-choice.txt"
# a line typed at a pause ("(press Enter)"): tell-at-pause, heard before what follows
run_mend test -n 5 "$FIX/pause-told.xml"
has "tell-at-pause: told at the pause, and told where the number is asked" "plans: 2 of 2 passed"
run_mend test -n 0 --plan "$FIX/wrong/pause-told.wrong.plan" "$FIX/pause-told.xml"
status "tell-at-pause where no pause comes: exit 1" 1
has "... says so, and what to write instead" \
  "pause-told.wrong.plan:1: the plan tells \"he hit me\" at a pause, but the story offers choices (use 'tell')"
run_mend test -n 5 --plan $FIX/wrong/told.wrong.plan "$T"
status "a plan that tells what mend play takes as an answer: exit 1" 1
has "... says so, and what to write instead" \
  "told.wrong.plan:1: the plan tells \"4\", but mend play takes that as the answer (use 'answer')"
# a told line that starts with a choice and goes on: heard, then the choice, as mend play
# takes it (v83 TR-3)
cat >"$TMP/first.xml" <<'XML'
<story id="first" format="1" start="a"><title>First</title>
<hear if="just_told('texted')">You said you texted them.</hear>
<node id="a"><text>Well?</text><choice to="b">Wait a day</choice><choice to="c">Go home</choice></node>
<ending id="b" title="B"><text>DAY</text></ending><ending id="c" title="C"><text>HOME</text></ending></story>
XML
printf '%s\n' "tell 2 but honestly i feel better" "expect (Your choice: 2) Go home)" \
  "expect HOME" "ending c" >"$TMP/first.plan"
run_mend test -n 0 --plan "$TMP/first.plan" "$TMP/first.xml"
has "tell '2 but ...' at a choice: choice 2, as mend play takes it" "1 of 1 passed"
printf '%s\n' "tell 2 but i already texted him tonight" "expect You said you texted them." \
  "expect-not (Your choice" "choose 1" "ending b" >"$TMP/first.plan"
run_mend test -n 0 --plan "$TMP/first.plan" "$TMP/first.xml"
has "... not where a <hear> answered its words" "1 of 1 passed"
printf '%s\n' "tell 2 am and i cant sleep" "expect-not (Your choice" "choose 1" "ending b" \
  >"$TMP/first.plan"
run_mend test -n 0 --plan "$TMP/first.plan" "$TMP/first.xml"
has "... not '2 am and i cant sleep'" "1 of 1 passed"
# an answer with a sign and a number ("7 whats the point"): the <hear>'s words beside it, as
# mend play says them, then the 7
cat >"$TMP/ans.xml" <<'XML'
<story id="ans" format="1" start="a"><title>Ans</title>
<var name="n" type="int" min="0" max="10"/>
<hear if="just_told(heavy)">HEARD HEAVY.</hear>
<node id="a"><ask var="n" kind="scale" min="0" max="10">How strong?</ask><goto to="e"/></node>
<ending id="e" title="E"><text>END {n}</text></ending></story>
XML
printf '%s\n' "answer 7 whats the point" "expect HEARD HEAVY." "expect END 7" "ending e" >"$TMP/ans.plan"
run_mend test -n 0 --plan "$TMP/ans.plan" "$TMP/ans.xml"
has "answer with a sign: the <hear>'s words shown, as mend play shows them" "1 of 1 passed"
for mode in "-n 100" "--exhaustive"; do
  run_mend test $mode --no-plans "$FIX/told-dead.xml"
  status "told() $mode: a dead end only a told line reaches is found" 1
  has "told() $mode: ... and its script types the line" "'i never felt safe' '1' | "
  script=$(printf '%s\n' "$OUT" | grep -o "printf .*told-dead.xml'")
  OUT=$(sh -c "$(printf '%s' "$script" | sed "s#| [^ ]*mend play#| $MEND play#")" 2>&1)
  has "told() $mode: ... which mend play replays to it" "dead end: node 'fair' offers no choice"
done
printf '4\nhe hit me\n1\n1\n' | "$MEND" play --plain --no-save --seed 1 "$T" >"$TMP/told.txt" 2>&1
check "mend play: a sign typed at a choice brings the screen" grep -qF "What you describe is violence" "$TMP/told.txt"
check "... and the story hears it" grep -qF "You never have to be fair to someone who hurt you." "$TMP/told.txt"
check "... and does not say the contrary" sh -c "! grep -qF 'Be fair to the person you loved' '$TMP/told.txt'"

# exhaustive, one story per core at a time, the longest first, each core taking the next
# story as it is done (this is the slow part of the suite, and more so under ASan). That
# every node, choice and ending is reached is the native run's to check; under the
# sanitizers the same exploration runs on a sixteenth of the budget, for memory errors and
# failures (final-message's whole budget took 6 minutes there; an eighth of every story's
# took 244 s of the clean clone's run in session 14, and a sixteenth was run until the memo
# of readings grew with what it reads again, in session 15: exploring got 2.5 to 3 times
# faster), and is again since session 25: the suite had grown to 29 minutes of CI's 30, and the
# eighth took 217 s of it under the sanitizers).
# Since session 25 `make test` explores on half of each budget (MEND_EXPLORE_SHARE=2: the
# suite took 30 minutes of CI's 30 with the whole ones) and says so; `make explore` runs the
# whole budgets and checks that every node, choice and ending is reached (run it after a
# story's change: the random runs and plans below check every item is covered either way).
share=${MEND_EXPLORE_SHARE:-1}
[ -n "${MEND_SANITIZED:-}" ] && share=32
# the longest explorations first (why-back about 50 M steps, speaking-of-them 24 M,
# final-message 21 M, energy-inward 18 M, they-return 16 M, posting and no-contact 13 M),
# then the others
order=""
for s in why-back speaking-of-them final-message energy-inward they-return posting no-contact; do
  [ -f "stories/$s.xml" ] && order="$order stories/$s.xml"
done
for f in stories/*.xml; do
  case " $order " in *" $f "*) ;; *) order="$order $f" ;; esac
done
. tests/lanes.sh
# lane: takes each story no other lane has taken (mkdir is atomic), explores it into
# $TMP/ex.NAME and its exit status into $TMP/ex.NAME.rc
lane() {
  for f in $order; do
    n=$(basename "$f" .xml)
    mkdir "$TMP/take.$n" 2>/dev/null || continue
    "$MEND" test --exhaustive --no-plans --max-states "$(($(budget "$f") / share))" "$f" \
      >"$TMP/ex.$n" 2>&1
    echo $? >"$TMP/ex.$n.rc"
  done
}
lanes lane
for f in $order; do
  n=$(basename "$f" .xml)
  OUT=$(cat "$TMP/ex.$n" 2>/dev/null)
  RC=$(cat "$TMP/ex.$n.rc" 2>/dev/null || echo none)
  ERR=$OUT
  status "$f: exhaustive testing passes" 0
  [ "$share" = 1 ] && full "$f (exhaustive)"
done

finish
