#!/bin/sh
# SPDX-License-Identifier: MIT
# watch.sh - `mend watch FILE` in a real terminal (tmux, as in terminal.sh):
# the first report, a save that breaks the story (its error on the screen,
# the plans and the random test waiting for it to load), a save that mends
# it, a plan that fails, a save in an included file, a report cut to the
# window's height, q and Ctrl-C to stop (exit 0); then --once without a
# terminal, and the usage errors.
#
#   MEND=$PWD/build/mend sh tests/e2e/watch.sh
. tests/lib.sh

W=$TMP/w
mkdir -p "$W/parts"
cat >"$W/night.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<story id="night" format="1" start="a" xmlns:xi="http://www.w3.org/2001/XInclude">
  <title>One night</title>
  <var name="urge" type="int" init="5" min="0" max="10" label="Urge to reach out"/>
  <node id="a">
    <text>It is late.</text>
    <ask var="urge" kind="scale">How strong is the urge, from 0 to 10?</ask>
    <choice to="rest">Put the phone away
      <feedback tone="positive">Good.</feedback>
    </choice>
    <choice to="walk">Go for a walk
      <feedback>Fresh air.</feedback>
    </choice>
  </node>
  <xi:include href="parts/walk.xml"/>
  <ending id="rest" title="Rest" tone="positive"/>
</story>
EOF
cat >"$W/parts/walk.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<nodes>
  <node id="walk">
    <text>The street is quiet.</text>
    <goto to="rest"/>
  </node>
</nodes>
EOF
cat >"$W/night.rest.plan" <<'EOF'
answer 3
choose Put the phone
expect Good
ending rest
EOF

# ---- without a terminal: --once and the usage errors -----------------------------------------
run_mend watch --once --runs 5 "$W/night.xml"
status "--once on a clean story: exit 0" 0
has "--once: the lint line" "lint: no errors, no warnings"
has "--once: the plans" "plans: 1 of 1 passed"
has "--once: the random test" "random test: 5 runs, 5 reached an ending; failures: none"
has "--once: the coverage" "coverage: "
run_mend watch --once tests/fixtures/bad/unknown-start.xml
status "--once on a story with errors: exit 1" 1
has "--once: the error, as lint prints it" "tests/fixtures/bad/unknown-start.xml:2:"
has "--once: the plans wait for the story to load" "(the plans and the random test run once the story loads)"
run_mend watch
status "no file: exit 2" 2
err_has "no file: says so" "mend watch: no story file given"
run_mend watch --runs many "$W/night.xml"
status "--runs many: exit 2" 2
run_mend watch --help
status "--help: exit 0" 0
has "--help: the usage" "usage: mend watch [OPTIONS] FILE"

# ---- in a terminal ------------------------------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
  echo "ok 100 - # SKIP tmux not installed"
  finish
fi
tmux_server watch
S=
NS=0
start() { # start COLS ROWS COMMAND...
  cols=$1 rows=$2
  shift 2
  NS=$((NS + 1))
  S=w$NS
  # (the shell ignores Ctrl-C, as an interactive one would; mend sets its own handler)
  tm new-session -d -s "$S" -x "$cols" -y "$rows" env TERM=xterm-256color LC_ALL=C.UTF-8 \
    HOME="$HOME" sh -c 'trap "" INT; "$@"; echo "[mend watch ended: $?]"; exec cat' sh "$@"
}
visible() { tm capture-pane -p -J -t "$S"; }
shown() { case "$(visible)" in *"$1"*) return 0 ;; esac; return 1; }
expect() { # expect "what" TEXT [SECONDS]
  if poll "${3:-10}" shown "$2"; then tap OK "$1"; else tap FAIL "$1" "waited for: $2
--- the screen:
$(visible)"; fi
}
# exited "what" STATUS: mend watch ended with STATUS, as the shell around
# it says (tmux does not always record how a pane's program ended)
exited() {
  if poll 10 shown "[mend watch ended: $2]"; then tap OK "$1"; else tap FAIL "$1" "--- the screen:
$(visible)"; fi
}
# save FILE: writes stdin to FILE the way editors do, through a new file
# renamed over it
save() {
  cat >"$1.tmp~" && mv "$1.tmp~" "$1"
}

start 100 30 "$MEND" watch --runs 20 "$W/night.xml"
expect "the first report: its title" "mend watch: $W/night.xml (check 1,"
expect "the first report: lint" "lint: no errors, no warnings"
expect "the first report: the plans" "plans: 1 of 1 passed"
expect "the first report: a short random test" "random test: 20 runs, 20 reached an ending; failures: none"
expect "the first report: how to stop" "watching for saves: q and Enter, or Ctrl-C, to stop"

sed 's/<choice to="rest">/<choice to="rset">/' "$W/night.xml" | save "$W/night.xml"
expect "a save that breaks the story: a new report" "(check 2,"
expect "a save that breaks the story: its error, as lint says it" \
  "night.xml:8:17: error: to=\"rset\": no node or ending has this id (did you mean 'rest'?) [E-unknown-id]"
expect "a save that breaks the story: the count" "lint: 1 error, 0 warnings"
expect "a save that breaks the story: the plans wait" "(the plans and the random test run once the story loads)"

sed 's/<choice to="rset">/<choice to="rest">/' "$W/night.xml" | save "$W/night.xml"
expect "a save that mends it: a new report" "(check 3,"
expect "a save that mends it: lint is clean again" "lint: no errors, no warnings"
expect "a save that mends it: the plans pass again" "plans: 1 of 1 passed"

sed 's/^expect Good$/expect Splendid/' "$W/night.rest.plan" | save "$W/night.rest.plan"
expect "a plan saved: a new report" "(check 4,"
expect "a plan that fails: counted" "plans: 0 of 1 passed"
expect "a plan that fails: where, and what was shown instead" "night.rest.plan:3: "

sed 's/<goto to="rest"\/>/<goto to="walk"\/>/' "$W/parts/walk.xml" | save "$W/parts/walk.xml"
expect "a save in an included file: a new report" "(check 5,"
expect "a save in an included file: the node that only leads to itself" \
  "walk.xml:3:3: error: every way on from node 'walk' leads back to 'walk'"

tm send-keys -t "$S" q Enter
exited "q and Enter: mend watch stops, exit 0" 0

# a report longer than the window: cut to its height, the rest counted
start 100 12 "$MEND" watch --runs 0 tests/fixtures/bad/many-errors-mixed.xml
expect "a long report: cut to the window, the rest counted" " more lines (mend lint FILE; mend test FILE)"
check "a long report: no more rows than the window" test "$(visible | grep -c .)" -le 12
tm send-keys -t "$S" C-c
exited "Ctrl-C: mend watch stops, exit 0" 0

finish
