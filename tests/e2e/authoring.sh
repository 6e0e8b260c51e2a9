#!/bin/sh
# SPDX-License-Identifier: MIT
# authoring.sh - the authors' tools: `mend lint` warnings and options,
# `mend graph` (DOT and mermaid), `mend stats`, `mend new`.
#
# Each fixture in tests/fixtures/warn/ declares the warnings it must give, one
# comment per warning:  <!-- expect-warning: LINE: W-code -->
# and must give exactly those (and no error).
#
#   MEND=$PWD/build/mend sh tests/e2e/authoring.sh
. tests/lib.sh

WARN=tests/fixtures/warn
GOOD=tests/fixtures/good
FIX=tests/e2e/fixtures
BUNDLED="stories/*.xml stories/examples/*.xml"
CODES="W-unreachable W-dead-end W-once W-random-conditional W-no-feedback W-duplicate-label
W-unread W-unchanged W-unset W-unused-answer W-empty-pattern W-pcre W-never-true W-long-paragraph
W-no-words W-unasked W-repeated-sentence"

out_empty() {
  if [ -z "$OUT" ]; then tap OK "$1"; else tap FAIL "$1" "stdout was: $OUT"; fi
}
err_empty() {
  if [ -z "$ERR" ]; then tap OK "$1"; else tap FAIL "$1" "stderr was: $ERR"; fi
}
last_err_is() { # last_err_is "what" LINE
  last=$(printf '%s\n' "$ERR" | tail -n 1)
  if [ "$last" = "$2" ]; then tap OK "$1"; else tap FAIL "$1" "last stderr line: $last
expected: $2"; fi
}
out_line() { # out_line "what" LINE: stdout has exactly this line
  if printf '%s\n' "$OUT" | grep -qxF -- "$2"; then tap OK "$1"; else tap FAIL "$1" "no line: $2
--- output was:
$OUT"; fi
}

# ---- every warning code fires on its fixture, exactly where declared -----------------

for f in "$WARN"/*.xml; do
  name=${f#tests/fixtures/}
  sed -n 's/^.*<!-- expect-warning: \([0-9][0-9]*\): \(W-[a-z-]*\) -->.*$/\1 \2/p' "$f" >"$TMP/expects"
  nexpect=$(grep -c . "$TMP/expects")
  if [ "$nexpect" -eq 0 ]; then
    tap FAIL "$name declares its warnings" "no <!-- expect-warning: LINE: W-code --> comment"
    continue
  fi
  run_mend lint "$f"
  status "$name: warnings alone exit 0" 0
  while read -r line code; do
    if grep -q "^$f:$line:[0-9]*: warning: .* \[$code\]\$" "$TMP/err"; then
      tap OK "$name: $code at line $line"
    else
      tap FAIL "$name: $code at line $line" "--- stderr was:
$ERR"
    fi
  done <"$TMP/expects"
  nwarn=$(grep -c ': warning: ' "$TMP/err")
  nerr=$(grep -c ': error: ' "$TMP/err")
  check "$name: exactly $nexpect warning(s) and no error" test "$nwarn:$nerr" = "$nexpect:0"
  if [ "$nexpect" -eq 1 ]; then sum="1 warning in 1 of 1 file"; else sum="$nexpect warnings in 1 of 1 file"; fi
  last_err_is "$name: ends with \"$sum\"" "$sum"
  run_mend lint --werror "$f"
  status "$name: --werror makes the warnings fail: exit 1" 1
done

for code in $CODES; do
  if grep -q "expect-warning: [0-9]*: $code -->" "$WARN"/*.xml; then
    tap OK "$code has a fixture that expects it"
  else
    tap FAIL "$code has a fixture that expects it"
  fi
done
# every error code the engine and the tools can give is explained in mend(1), and only those
codes=$(grep -oh '"E-[a-z-]*"' engine/*.c tools/*.c | tr -d '"' | sort -u)
for code in $codes; do
  man_code=$(printf '%s' "$code" | sed 's/-/\\\\-/g')
  if grep -q "^\.B $man_code\$" tools/mend.1; then
    tap OK "mend(1) explains $code"
  else
    tap FAIL "mend(1) explains $code" "no line '.B $man_code' in tools/mend.1"
  fi
done
documented=$(sed -n 's/^\.B \(E\\-[a-z\\-]*\)$/\1/p' tools/mend.1 | sed 's/\\//g' | sort -u)
check "mend(1) explains no error code the program does not give" \
  test "$documented" = "$codes"
for code in $CODES; do
  man_code=$(printf '%s' "$code" | sed 's/-/\\\\-/g')
  check "mend(1) explains $code" grep -q "^\.B $man_code\$" tools/mend.1
done

run_mend lint --help
for code in $CODES; do
  has "lint --help lists $code" "$code"
done

# ---- the bundled stories and the good fixtures ---------------------------------------------

# posting.xml says two sentences twice in a row (W-repeated-sentence); its
# rewrite (issue "Rubrics that read what a person wrote") is to remove them.
# Until then it is checked without that one code. TODO: drop this exception.
# shellcheck disable=SC2086
run_mend lint --werror $(ls $BUNDLED | grep -v '^stories/posting.xml$')
status "every bundled story is warning-free: --werror exits 0" 0
err_empty "the bundled stories: nothing on stderr"
run_mend lint --werror --disable W-repeated-sentence stories/posting.xml
status "posting.xml is warning-free but for its known repeats" 0

run_mend lint "$GOOD/every-element.xml"
status "every-element.xml: exit 0" 0
err_has "every-element.xml: a text variable read but never set" \
  "$GOOD/every-element.xml:30:3: warning: the variable 'friend' is read but never set: it always holds its initial value [W-unset]"
err_has "every-element.xml: a choice without feedback" \
  "$GOOD/every-element.xml:84:7: warning: the choice \"Start again\" has no <feedback>: say something about what the person chose [W-no-feedback]"
last_err_is "every-element.xml: the count" "3 warnings in 1 of 1 file"

run_mend lint "$FIX/dead-end.xml"
err_has "dead-end.xml: the node whose every exit is conditional" \
  "$FIX/dead-end.xml:15:3: warning: every way out of node 'stuck' has a condition: when none holds, the person is stuck (add a choice or a <goto> without a condition) [W-dead-end]"

run_mend lint "$FIX/bidi.xml"
case "$ERR" in
*"$(printf '\342\200\256')"*) tap FAIL "a warning quoting a label carries no U+202E" "$ERR" ;;
*) tap OK "a warning quoting a label carries no U+202E" ;;
esac

# ---- --disable, --werror, the count --------------------------------------------------------------

V=$WARN/variables.xml
run_mend lint --disable W-unread "$V"
status "--disable W-unread: exit 0" 0
check "--disable W-unread: no W-unread left" test "$(grep -c 'W-unread' "$TMP/err")" = 0
check "--disable W-unread: the other warnings stay" test "$(grep -c ': warning: ' "$TMP/err")" = 2
last_err_is "--disable: disabled warnings are not counted" "2 warnings in 1 of 1 file"

run_mend lint --disable unread --disable=W-unset --disable W-unchanged "$V"
status "--disable every code of the file (with or without W-, and with =): exit 0" 0
err_empty "--disable every code of the file: nothing on stderr"

run_mend lint --werror --disable W-unread --disable W-unset --disable W-unchanged "$V"
status "--werror with every warning disabled: exit 0" 0

run_mend lint --disable W-nonsense "$V"
status "--disable an unknown code: exit 2" 2
err_has "--disable an unknown code: named" "mend lint: --disable W-nonsense: no such warning code"
run_mend lint "$V" --disable
status "--disable without a code: exit 2" 2
err_has "--disable without a code: says so" "mend lint: --disable needs a warning code"
run_mend lint --format xml "$V"
status "--format xml: exit 2" 2
err_has "--format xml: says what is allowed" "mend lint: --format xml: use text or json"

run_mend lint "$WARN/no-feedback.xml" "$FIX/lint-bad-start.xml" "$GOOD/minimal.xml"
status "errors and warnings: exit 1" 1
last_err_is "errors and warnings: both are counted" "1 error, 1 warning in 2 of 3 files"
first=$(printf '%s\n' "$ERR" | head -n 1)
check "files are reported in the order given" test "${first#"$WARN/no-feedback.xml:"}" != "$first"

run_mend lint "$WARN/no-feedback.xml" "$WARN/unreachable.xml"
last_err_is "warnings in two files" "3 warnings in 2 of 2 files"

# ---- --format json -------------------------------------------------------------------------------

run_mend lint --format json "$WARN/variables.xml" "$FIX/lint-bad-start.xml"
status "--format json with an error: exit 1" 1
check "--format json: every line is a JSON object" json_valid lines "$TMP/out"
check "--format json: one line per finding" test "$(grep -c . "$TMP/out")" = 5
out_line "--format json: a warning, every field" \
  "{\"file\":\"$WARN/variables.xml\",\"line\":14,\"column\":3,\"severity\":\"warning\",\"code\":\"W-unset\",\"message\":\"the variable 'flag' is read but never set: it always holds its initial value\"}"
out_line "--format json: an error, with its code and column" \
  "{\"file\":\"$FIX/lint-bad-start.xml\",\"line\":3,\"column\":46,\"severity\":\"error\",\"code\":\"E-unknown-id\",\"message\":\"start=\\\"missing_node\\\": no node or ending has this id\"}"
check "--format json: the findings are not printed as text too" \
  test "$(grep -c ': warning: \|: error: ' "$TMP/err")" = 0
last_err_is "--format json: the count still closes stderr" "1 error, 4 warnings in 2 of 2 files"

run_mend lint --format=json --disable W-unread "$WARN/variables.xml"
check "--format=json honours --disable" test "$(grep -c . "$TMP/out")" = 2

# escaping: quotes, a backslash, a tab-free control-free message with a bidi override
cat >"$TMP/esc.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<story id="esc" format="1" start="a">
  <title>Escapes</title>
  <node id="a">
    <choice to="done">Say "hi" \ then &#x202E;go ü</choice>
  </node>
  <ending id="done" title="Done"/>
</story>
EOF
run_mend lint --format json "$TMP/esc.xml"
status "--format json, warnings only: exit 0" 0
check "--format json: quotes, backslashes and a bidi override are escaped" \
  grep -qF '"message":"the choice \"Say \"hi\" \\ then \u202ego ü\" has no <feedback>: say something about what the person chose"' "$TMP/out"
check "--format json: the escaped message decodes to the label as written" \
  jq -e -n 'input.message | strings | contains("Say \"hi\" \\ then \u202ego \u00fc")' "$TMP/out"

# ---- mend graph: DOT -------------------------------------------------------------------------------

if command -v dot >/dev/null 2>&1; then
  for f in $BUNDLED "$GOOD"/*.xml "$WARN"/*.xml "$FIX/graph-escapes.xml" "$FIX/stats-dag.xml" \
    "$FIX/bidi.xml" "$FIX/controls.xml" "$FIX/wide.xml" "$FIX/dead-end.xml" "$FIX/goto-loop.xml"; do
    if "$MEND" graph "$f" >"$TMP/g.dot" 2>"$TMP/g.err" && [ ! -s "$TMP/g.err" ] &&
      dot -Tsvg "$TMP/g.dot" >"$TMP/g.svg" 2>"$TMP/dot.err" && [ ! -s "$TMP/dot.err" ] &&
      grep -q '</svg>' "$TMP/g.svg"; then
      tap OK "graph of $f renders with dot -Tsvg, silently"
    else
      tap FAIL "graph of $f renders with dot -Tsvg, silently" "$(cat "$TMP/g.err" "$TMP/dot.err")"
    fi
  done
  "$MEND" graph "$FIX/graph-escapes.xml" | dot -Tsvg >"$TMP/esc.svg" 2>/dev/null
  check "the SVG shows a label with quotes, a backslash and an ampersand as written" \
    grep -qF '>Say &quot;yes&quot; \ &amp; go;</text>' "$TMP/esc.svg"
else
  tap OK "graph renders with dot -Tsvg # SKIP graphviz (dot) is not installed"
fi

D=$GOOD/docs-example.xml
run_mend graph "$D"
status "graph: exit 0" 0
err_empty "graph: nothing on stderr"
check "graph: DOT, named after the story" test "$(printf '%s\n' "$OUT" | head -n 1)" = 'digraph "late-night-text" {'
out_line "graph: the start node, marked, with its id, first words (wrapped) and question" \
  '  "midnight" [label="start: midnight\nIt is 1 a.m. Your\nthumb hovers over...\nasks urge: scale 0..10", penwidth=2];'
out_line "graph: an arrow into the start" '  "-start-" -> "midnight";'
out_line "graph: an ending doubly outlined, coloured by its tone, with title and tone" \
  '  "good_draft" [label="good_draft\nA message worth\nsleeping on\n(positive)", style="rounded,filled", peripheries=2, fillcolor="#c8e6c9", color="#2e7d32"];'
out_line "graph: a choice edge labelled with the choice, wrapped" \
  '  "midnight" -> "wait" [label="Put the phone in\nanother room"];'
out_line "graph: a conditional goto dashed, with its condition" \
  '  "draft" -> "good_draft" [label="goto\nif quality == 2", style=dashed, color="#616161"];'
out_line "graph: an unconditional goto, unlabelled" '  "draft" -> "midnight" [label="", color="#616161"];'
out_line "graph: random branches with their weights" \
  '  "wait" -> "calm" [label="random, weight 3", color="#1565c0", fontcolor="#1565c0"];'
check "graph: one edge per choice, goto and branch (and the start arrow)" \
  test "$(printf '%s\n' "$OUT" | grep -c -- ' -> ')" = 7

run_mend graph "$GOOD/every-element.xml"
check "graph: a node lists the questions it asks and the answers it checks" \
  grep -qF 'asks letter: text\nchecks letter: 2 rules, score into points' "$TMP/out"
check "graph: a story longer than it is wide reads top to bottom" \
  test "$(grep -c rankdir "$TMP/out")" = 0
run_mend graph tests/e2e/fixtures/hub.xml
check "graph: a story wider than it is deep (a hub and its spokes) reads left to right" \
  grep -q '^  graph \[rankdir=LR, label=' "$TMP/out"

run_mend graph "$WARN/unreachable.xml"
out_line "graph: an unreachable node dotted and marked" \
  '  "orphan" [label="orphan\n(unreachable)", style="rounded,dotted", fontcolor="#757575"];'
out_line "graph: an unreachable ending marked, still coloured" \
  '  "lost" [label="lost\nLost\n(neutral)\n(unreachable)", style="rounded,dotted,filled", peripheries=2, fillcolor="#e0e0e0", color="#616161", fontcolor="#757575"];'
run_mend graph "tests/fixtures/bad/trap.xml"
out_line "graph: a trapped node in red" \
  '  "round" [label="round\nRound.\n(no way to an ending)", color="#c62828", fontcolor="#c62828"];'
run_mend graph "$WARN/once.xml"
out_line "graph: a conditional once choice, dashed, with its condition" \
  '  "hub" -> "out" [label="Leave (once)\nif visits(hub) > 2", style=dashed];'
run_mend lint tests/e2e/fixtures/hear-reads.xml
check "lint: a variable read by a <hear> only (its if, its words) is read" test ! -s "$TMP/err"
run_mend graph "$GOOD/hear.xml"
out_line "graph: the story's <hear>s in one box: a line typed at any decision, and the words of each (and its <again>)" \
  '  "-hear-" [shape=note, style=dashed, color="#6a1b9a", fontcolor="#6a1b9a", label="a line typed at any decision\nif just_told(dig): “You sound angry with them. That is allow…”, again: “Still angry.”\nif just_told('"'isolated'"'): “Days on your own are hard too.”"];'
out_line "graph: ... a dashed edge from it to each node a <hear> leads to, with its condition" \
  '  "-hear-" -> "together" [label="if just_told('"'"'together'"'"')", style=dashed, color="#6a1b9a", fontcolor="#6a1b9a"];'
run_mend graph --format mermaid "$GOOD/hear.xml"
out_line "mermaid: the <hear>s' box, and a dotted edge to the node one leads to" \
  '  hear -.->|"if just_told('"'"'together'"'"')"| n3'
run_mend graph "$FIX/stats-dag.xml"
out_line "graph: a caution ending in amber" \
  '  "e_cau" [label="e_cau\nCaution\n(caution)", style="rounded,filled", peripheries=2, fillcolor="#ffe0b2", color="#ef6c00"];'
out_line "graph: a negative ending in red" \
  '  "e_neg" [label="e_neg\nNegative\n(negative)", style="rounded,filled", peripheries=2, fillcolor="#ffcdd2", color="#c62828"];'
out_line "graph: a neutral ending in grey" \
  '  "e_neu" [label="e_neu\nNeutral\n(neutral)", style="rounded,filled", peripheries=2, fillcolor="#e0e0e0", color="#616161"];'

E=$FIX/graph-escapes.xml
run_mend graph "$E"
out_line "graph: the title's quotes, backslashes and ampersand escaped for DOT" \
  '  graph [label="Quotes \"and\" \\back\\slashes &amp; ünïcödé", labelloc=t, fontsize=18];'
out_line "graph: quotes and backslashes escaped in a choice label" \
  '  "quote_node" -> "end_node" [label="Say \"yes\" \\ &amp; go;\n#2 | ok"];'
out_line "graph: a bidi override dropped, non-ASCII kept" \
  '  "quote_node" -> "end_node" [label="Wait <b> `now` ü\nif visits(quote_node) < 3", style=dashed];'
out_line "graph: ids that are DOT keywords are quoted" '  "node" -> "end" [label="", color="#616161"];'
out_line "graph: braces and arrows inside a label stay text" \
  '  "quote_node" -> "graph" [label="graph { node ->\nedge }"];'

# ---- mend graph: mermaid -----------------------------------------------------------------------------

run_mend graph --format mermaid "$D"
status "graph --format mermaid: exit 0" 0
check "mermaid: a comment with the title, then a top-down flowchart" \
  test "$(printf '%s\n' "$OUT" | head -n 2 | tr '\n' '|')" = '%% The 1 a.m. message (late-night-text)|flowchart TD|'
out_line "mermaid: nodes are named n0, n1... with id and first words" \
  '  n0["start: midnight<br/>It is 1 a.m. Your<br/>thumb hovers over...<br/>asks urge: scale 0..10"]'
out_line "mermaid: endings are stadiums" \
  '  n3(["good_draft<br/>A message worth<br/>sleeping on<br/>(positive)"])'
out_line "mermaid: a choice edge" '  n0 -->|"Write the message<br/>now"| n1'
out_line "mermaid: a conditional edge dotted" '  n1 -.->|"goto<br/>if quality == 2"| n3'
out_line "mermaid: an unconditional goto" '  n1 --> n0'
out_line "mermaid: a random branch thick, with its weight" '  n2 ==>|"random, weight 3"| n4'
out_line "mermaid: the tone classes" '  classDef positive fill:#c8e6c9,stroke:#2e7d32,stroke-width:3px'
out_line "mermaid: endings get their tone's class" '  class n4 positive'
out_line "mermaid: the start is marked" '  class n0 entry'
# every line after the header is a node, an edge or a class (or the <hear>s' box and
# its edges), and no label holds a
# raw quote, '<', '>', '#' (but for entity codes), '|' or ';'
for f in $BUNDLED "$D" "$FIX/graph-escapes.xml" "$WARN/unreachable.xml" "$FIX/controls.xml"; do
  "$MEND" graph --format mermaid "$f" | sed 1,2d >"$TMP/m.txt"
  bad=$(grep -Evc '^  (n[0-9]+(\["[^"]*"\]|\(\["[^"]*"\]\))|hear>"[^"]*"\]|n[0-9]+ (-->|-\.->|==>)(\|"[^"]*"\|)? n[0-9]+|hear -\.->\|"[^"]*"\| n[0-9]+|classDef [a-z]+ [^ ]+|class n[0-9]+ [a-z]+)$' "$TMP/m.txt")
  raw=$(sed -n 's/^[^"]*"\(.*\)"[^"]*$/\1/p' "$TMP/m.txt" | sed 's/#[a-z0-9]*;//g; s/<br\/>//g' | grep -c '[<>#|;"]')
  if [ "$bad:$raw" = "0:0" ]; then
    tap OK "mermaid of $f: nodes, edges and classes only, labels escaped"
  else
    tap FAIL "mermaid of $f: nodes, edges and classes only, labels escaped" "$(cat "$TMP/m.txt")"
  fi
done

run_mend graph --format=mermaid "$E"
out_line "mermaid: quotes, '#', '&', ';' and '|' as entity codes in labels" \
  '  n0 -->|"Say #quot;yes#quot; \ #amp; go#59;<br/>#35;2 #124; ok"| n1'
out_line "mermaid: '<', '>' and backticks as entity codes, bidi override dropped" \
  '  n0 -.->|"Wait #lt;b#gt; #96;now#96; ü<br/>if visits(quote_node) #lt; 3"| n1'
out_line "mermaid: ids that are mermaid keywords only appear in labels" '  n4["end"]'
out_line "mermaid: an arrow inside a label is escaped" '  n0 -->|"graph { node -#gt;<br/>edge }"| n2'
run_mend graph --format mermaid "$WARN/unreachable.xml"
out_line "mermaid: an unreachable node gets its class" '  class n1 unreachable'

run_mend graph
status "graph with no file: exit 2" 2
err_has "graph with no file: says so" "mend graph: no story file given"
run_mend graph "$D" "$E"
status "graph with two files: exit 2" 2
run_mend graph --format png "$D"
status "graph --format png: exit 2" 2
err_has "graph --format png: says what is allowed" "mend graph: --format png: use dot or mermaid"
run_mend graph "$FIX/lint-bad-start.xml"
status "graph of a story with errors: exit 1" 1
out_empty "graph of a story with errors: nothing on stdout"
err_has "graph of a story with errors: the errors, as lint prints them" \
  "$FIX/lint-bad-start.xml:3:46: error: start=\"missing_node\": no node or ending has this id [E-unknown-id]"

# ---- mend stats ------------------------------------------------------------------------------------

S=$FIX/stats-dag.xml
run_mend stats "$S"
status "stats: exit 0" 0
out_line "stats: nodes" "  nodes:           4"
out_line "stats: endings by tone" "  endings:         4 (1 positive, 1 neutral, 1 caution, 1 negative)"
out_line "stats: choices" "  choices:         5"
out_line "stats: questions" "  questions:       3"
out_line "stats: rubric rules" "  rubric rules:    0"
out_line "stats: words" "  words:           26"
out_line "stats: reading time, with the story's own estimate" \
  "  reading time:    about 1 minute (200 words a minute, every path); the story says 4"
out_line "stats: the shortest path skips a question with a condition" "  shortest path:   2 decisions"
out_line "stats: the longest path counts it" "  longest path:    5 decisions"
out_line "stats: every path, parallel choices and random branches apart" "  decision paths:  9"
out_line "stats: an int measure with its kind and range" '  measures:        m "M": check-in, 0 to 5, starts at 0'
out_line "stats: a bool measure" '                   sure "Sure": check-in, yes or no, starts at no'

run_mend stats "$D"
out_line "stats with loops: words in text, questions, labels, feedback and rule feedback" \
  "  words:           125"
out_line "stats with loops: rubric rules" "  rubric rules:    2"
out_line "stats with loops: the shortest path" "  shortest path:   2 decisions"
out_line "stats with loops: the longest path is unbounded, the longest simple one given" \
  "  longest path:    unbounded: the story has loops (without repeating a node: 3 decisions)"
out_line "stats with loops: paths are unbounded, simple ones counted" \
  "  decision paths:  unbounded: the story has loops (without repeating a node: 2)"

run_mend stats --format json "$S" "$D"
status "stats --format json: exit 0" 0
check "stats --format json: one valid JSON object per story and line" \
  json_valid lines "$TMP/out"
check "stats --format json: two lines" test "$(grep -c . "$TMP/out")" = 2
out_line "stats --format json: every number of the known story" \
  "{\"file\":\"$S\",\"id\":\"stats-dag\",\"title\":\"Stats\",\"nodes\":4,\"endings\":4,\"endings_by_tone\":{\"neutral\":1,\"positive\":1,\"caution\":1,\"negative\":1},\"choices\":5,\"questions\":3,\"rules\":0,\"words\":26,\"reading_minutes\":1,\"shortest_path\":2,\"longest_path\":{\"decisions\":5,\"exact\":true,\"unbounded\":false},\"paths\":{\"count\":9,\"exact\":true,\"unbounded\":false},\"measures\":[{\"name\":\"m\",\"label\":\"M\",\"kind\":\"check-in\",\"type\":\"int\",\"init\":0,\"min\":0,\"max\":5},{\"name\":\"sure\",\"label\":\"Sure\",\"kind\":\"check-in\",\"type\":\"bool\",\"init\":false,\"min\":null,\"max\":null}]}"
check "stats --format json: loops say unbounded" \
  grep -qF '"longest_path":{"decisions":3,"exact":true,"unbounded":true},"paths":{"count":2,"exact":true,"unbounded":true}' "$TMP/out"

# a trap: no ending can be reached from the start
run_mend stats "tests/fixtures/bad/trap.xml" "$WARN/unreachable.xml"
status "stats of several files: exit 0" 0
out_line "stats: a story that can reach an ending skips the trap" "  shortest path:   1 decision"

cat >"$TMP/nowhere.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<story id="nowhere" format="1" start="a">
  <title>Nowhere</title>
  <node id="a"><goto to="b"/></node>
  <node id="b"><goto to="a"/></node>
  <ending id="end" title="Never"/>
</story>
EOF
run_mend stats --format json "$TMP/nowhere.xml"
check "stats: no ending reachable: null paths" \
  grep -qF '"shortest_path":null,"longest_path":null,"paths":{"count":0,"exact":true,"unbounded":false}' "$TMP/out"
run_mend stats "$TMP/nowhere.xml"
out_line "stats: no ending reachable, in words" \
  "  shortest path:   none: no ending can be reached from the start"

# a dense story with loops: the bounded search stops and says so, quickly
{
  echo '<?xml version="1.0" encoding="UTF-8"?><story id="dense" format="1" start="n0"><title>Dense</title>'
  i=0
  while [ $i -lt 14 ]; do
    printf '<node id="n%d">' $i
    j=0
    while [ $j -lt 14 ]; do
      [ $j -ne $i ] && printf '<choice to="n%d">To %d<feedback>Ok.</feedback></choice>' $j $j
      j=$((j + 1))
    done
    printf '<choice to="end">End<feedback>Ok.</feedback></choice></node>\n'
    i=$((i + 1))
  done
  echo '<ending id="end" title="End"/></story>'
} >"$TMP/dense.xml"
run_mend stats "$TMP/dense.xml"
status "stats of a dense story with loops: exit 0" 0
out_line "stats: the longest simple path found so far, capped" \
  "  longest path:    unbounded: the story has loops (without repeating a node: at least 14 decisions, capped)"
has "stats: the simple paths found so far, capped" \
  "  decision paths:  unbounded: the story has loops (without repeating a node: at least "

run_mend stats
status "stats with no file: exit 2" 2
err_has "stats with no file: says so" "mend stats: no story file given"
run_mend stats --format yaml "$S"
status "stats --format yaml: exit 2" 2
run_mend stats "$FIX/lint-bad-start.xml" "$S"
status "stats with a broken story among good ones: exit 1" 1
has "stats: the good story is still counted" "  nodes:           4"
err_has "stats: the broken story's errors" "$FIX/lint-bad-start.xml:3:46: error: "

# ---- large stories stay fast (60 000 elements; the loader allows 100 000) ----------------

awk 'BEGIN {
  n = 12000
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?><story id=\"big\" format=\"1\" start=\"n0\"><title>Big</title>"
  for (i = 0; i < n; i++) {
    nx = (i + 1 < n) ? "n" (i + 1) : "end"
    printf "<node id=\"n%d\"><text>Step %d.</text><choice to=\"%s\">On</choice><choice to=\"n%d\">Back<feedback>Ok.</feedback></choice></node>\n", i, i, nx, (i * 7) % n
  }
  print "<ending id=\"end\" title=\"End\"/></story>"
}' >"$TMP/big.xml"
run_mend lint "$TMP/big.xml"
status "lint on 12 000 nodes: exit 0" 0
last_err_is "lint on 12 000 nodes: a warning per choice without feedback, counted" \
  "12000 warnings in 1 of 1 file"
run_mend stats "$TMP/big.xml"
out_line "stats on 12 000 nodes: the shortest path" "  shortest path:   28 decisions"
run_mend graph "$TMP/big.xml"
check "graph on 12 000 nodes: every node and edge" test "$(printf '%s\n' "$OUT" | grep -c -- ' -> ')" = 24001

# ---- mend new --------------------------------------------------------------------------------------

mkdir -p "$TMP/new"
run_mend new first-steps --dir "$TMP/new"
status "new: exit 0" 0
N=$TMP/new/first-steps.xml
check "new: the file is written" test -s "$N"
has "new: says where, and what next" "Wrote $N. Next: mend lint $N, then mend play $N"
run_mend lint --werror "$N"
status "new: the scenario is lint-clean with no warning" 0
err_empty "new: lint prints nothing"
check "new: the schema accepts it" xmllint --noout --relaxng stories/mend.rng "$N"
model=$(sed -n 's/^<?xml-model href="\([^"]*\)" type="application\/xml" schematypens="http:\/\/relaxng.org\/ns\/structure\/1.0"?>$/\1/p' "$N")
check "new: an <?xml-model?> line tells editors where the schema is" test -n "$model"
check "... this mend's own schema, by its full path" cmp "$model" stories/mend.rng
check "new: the id is the one given" grep -q '<story id="first-steps" format="1"' "$N"
check "new: the title defaults to the id in words" grep -qF '<title>First steps</title>' "$N"
check "new: every element comes with comments" test "$(grep -c '<!--' "$N")" -ge 15
run_mend stats --format json "$N"
check "new: three endings of three tones" \
  grep -qF '"endings":3,"endings_by_tone":{"neutral":1,"positive":1,"caution":1,"negative":0}' "$TMP/out"
for el in '<ask var="calm" kind="scale">' '<ask var="thoughts" kind="text">' '<random>' '<goto ' \
  '<feedback tone=' 'label="How calm you feel"'; do
  check "new: the scenario has $el" grep -qF "$el" "$N"
done
check "new: a scale check-in at the start and at the end" \
  test "$(grep -c '<ask var="calm" kind="scale">' "$N")" = 2

printf '%s\n' 7 1 "I miss them, and I am angry too." 8 >"$TMP/answers"
run_mend play --no-save --seed 1 "$N" <"$TMP/answers"
status "new: mend play plays it to an ending from a script" 0
has "new: the ending for a calmer check-out" "*** The end: A little steadier ***"
printf '%s\n' 2 3 2 4 >"$TMP/answers"
run_mend play --no-save --seed 1 "$N" <"$TMP/answers"
status "new: another path plays to an ending" 0
has "new: the caution ending after sending the message" "*** The end: The message is sent ***"
has "new: a low check-in gets the conditional paragraph" "2 out of 10 is a hard place to be."

if "$MEND" help test >/dev/null 2>&1; then
  run_mend test --exhaustive --min-coverage 100 "$N"
  status "new: mend test --exhaustive covers every node, choice, feedback, condition and branch" 0
  has "new: mend test reports full coverage" "coverage: 100.0%"
else
  tap OK "new: mend test covers it fully # SKIP this build has no mend test"
fi

cp "$N" "$TMP/before.xml"
run_mend new first-steps --dir "$TMP/new" --title "Other"
status "new refuses to overwrite: exit 1" 1
err_has "new refuses to overwrite: says so" "mend new: $N already exists; not overwriting it"
check "new refuses to overwrite: the file is unchanged" cmp -s "$N" "$TMP/before.xml"

run_mend new with-title --dir "$TMP/new" --title 'Tom & Jerry <3 "quoted" ünd'
status "new --title: exit 0" 0
check "new --title: the title is escaped for XML" \
  grep -qF '<title>Tom &amp; Jerry &lt;3 "quoted" ünd</title>' "$TMP/new/with-title.xml"
run_mend lint --werror "$TMP/new/with-title.xml"
status "new --title: still lint-clean" 0

run_mend new a--b --dir="$TMP/new"
status "new: an id with '--' (not allowed in XML comments): exit 0" 0
run_mend lint --werror "$TMP/new/a--b.xml"
status "new: an id with '--' still gives a lint-clean file" 0

(cd "$TMP/new" && "$MEND" new here >/dev/null 2>&1)
check "new without --dir writes into the current folder" test -s "$TMP/new/here.xml"

for bad in Bad_Id -x 'has space' 'UPPER' 'é' "$(printf 'a%065d' 0)"; do
  run_mend new --dir "$TMP/new" -- "$bad"
  status "new refuses the id '$bad': exit 2" 2
done
run_mend new good-id --dir "$TMP/new" --title "$(printf 'two\nlines')"
status "new refuses a title with a control character: exit 2" 2
check "new: nothing written after a usage error" test ! -e "$TMP/new/good-id.xml"
run_mend new
status "new with no id: exit 2" 2
err_has "new with no id: says so" "mend new: no scenario id given"
run_mend new missing-dir --dir "$TMP/no/such/dir"
status "new into a missing folder: exit 5" 5
err_has "new into a missing folder: says why" "mend new: cannot create $TMP/no/such/dir/missing-dir.xml: No such file or directory"

# ---- help ------------------------------------------------------------------------------------------

for c in lint graph stats new; do
  run_mend help $c
  status "mend help $c: exit 0" 0
  has "mend help $c: its usage" "usage: mend $c"
done
run_mend --help
has "mend --help lists graph" "  graph [--format F] FILE"
has "mend --help lists stats" "  stats FILE..."
has "mend --help lists new" "  new ID [--title T]"

finish
