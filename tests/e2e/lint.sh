#!/bin/sh
# lint.sh - `mend lint FILE...`: silent on good stories, every error of every
# bad one as file:line:col: error: message [E-code] with a closing count, and the usage
# errors of the command line.
#
#   MEND=$PWD/build/mend sh tests/e2e/lint.sh
. tests/lib.sh

GOOD=tests/fixtures/good
FIX=tests/e2e/fixtures

# err_lines "what" N: stderr has exactly N lines.
err_lines() {
  n=$(printf '%s\n' "$ERR" | grep -c .)
  if [ "$n" = "$2" ]; then tap OK "$1"; else tap FAIL "$1" "$n lines on stderr, expected $2
--- stderr was:
$ERR"; fi
}
out_empty() {
  if [ -z "$OUT" ]; then tap OK "$1"; else tap FAIL "$1" "stdout was: $OUT"; fi
}
err_empty() {
  if [ -z "$ERR" ]; then tap OK "$1"; else tap FAIL "$1" "stderr was: $ERR"; fi
}

# ---- good files -----------------------------------------------------------------
run_mend lint "$GOOD/minimal.xml" "$GOOD/docs-example.xml"
status "good stories: exit 0" 0
out_empty "good stories: nothing on stdout"
err_empty "good stories: nothing on stderr"

# stories that load but draw warnings (tests/e2e/authoring.sh checks those)
run_mend lint "$GOOD/every-element.xml" "$FIX/dead-end.xml" "$FIX/goto-loop.xml" "$FIX/bidi.xml"
status "stories with warnings only: exit 0" 0
out_empty "stories with warnings only: nothing on stdout"
check "stories with warnings only: no error line" test "$(grep -c ': error: ' "$TMP/err")" = 0

# ---- several bad files at once ------------------------------------------------------
many=$FIX/lint-many-errors.xml
start=$FIX/lint-bad-start.xml
run_mend lint "$many" "$GOOD/minimal.xml" "$start"
status "bad stories among good ones: exit 1" 1
out_empty "bad stories: nothing on stdout"
err_has "an unknown {name} in text is reported with its line" \
  "$many:11:17: error: unknown variable '{nobody}' in text (write '{{' for a literal brace) [E-braces]"
err_has "a type error in set value is reported with its line" \
  "$many:12:27: error: value=\"t + 1\": '+' needs int operands, got text [E-type]"
err_has "an unknown choice target is reported with its line" \
  "$many:13:17: error: to=\"nowhere\": no node or ending has this id [E-unknown-id]"
err_has "an unknown variable in if is reported with its line" \
  "$many:14:24: error: if=\"missing > 2\": unknown variable 'missing' [E-unknown-var]"
err_has "a stray } is reported with its line" \
  "$many:17:19: error: '}' without a matching '{' (write '}}' for a literal brace) [E-braces]"
err_has "an unknown start is reported in the second bad file" \
  "$start:3:46: error: start=\"missing_node\": no node or ending has this id [E-unknown-id]"
err_has "the closing line counts errors, bad files and files" "6 errors in 2 of 3 files"
err_lines "one line per error plus the count, nothing else" 7
last=$(printf '%s\n' "$ERR" | tail -n 1)
check "the count is the last line" test "$last" = "6 errors in 2 of 3 files"
first=$(printf '%s\n' "$ERR" | head -n 1)
check "errors come in file order, then line order" \
  test "$first" = "$many:11:17: error: unknown variable '{nobody}' in text (write '{{' for a literal brace) [E-braces]"
bad_lines=$(printf '%s\n' "$ERR" | sed '$d' |
  grep -cv '^tests/e2e/fixtures/lint-[a-z-]*\.xml:[0-9][0-9]*:[0-9][0-9]*: error: .* \[E-[a-z-]*\]$')
check "every error line has the form file:line:col: error: message [E-code]" test "$bad_lines" = 0

run_mend lint "$start"
status "one bad file: exit 1" 1
err_has "one error in one file: singular words in the count" "1 error in 1 of 1 file"

run_mend lint "$FIX/lint-malformed.xml"
status "malformed XML: exit 1" 1
err_has "malformed XML: the cause, in the format's words, where it is" \
  "$FIX/lint-malformed.xml:5:3: error: <ending> is never closed: write </ending> where its content ends, before the </story> on line 6 [E-xml-unclosed]"
err_has "malformed XML: the count closes the report" " in 1 of 1 file"

run_mend lint "$FIX/escape-charref.xml"
status "a story with &#x1B; fails lint: exit 1" 1
err_has "the ESC character reference is reported at its line" "$FIX/escape-charref.xml:11:"

# an error message that quotes story text does not carry a bidi override
printf '<?xml version="1.0" encoding="UTF-8"?>\n<story id="q" format="1" start="a">\n  <title>Q</title>\n  <ending id="a" title="End">\n    <text>Hi {na&#x202E;me}.</text>\n  </ending>\n</story>\n' \
  >"$TMP/quoted-bidi.xml"
run_mend lint "$TMP/quoted-bidi.xml"
status "a brace holding a bidi override is an error: exit 1" 1
err_has "the error is at the brace" "$TMP/quoted-bidi.xml:5:14: error: "
case "$ERR" in
*"$(printf '\342\200\256')"*) tap FAIL "error messages quoting story text carry no U+202E" "$ERR" ;;
*) tap OK "error messages quoting story text carry no U+202E" ;;
esac

# ---- snippets: the source line and a caret ----------------------------------------------------
printf '<?xml version="1.0" encoding="UTF-8"?>\n<story id="s" format="1" start="a">\n  <title>S</title>\n  <node id="a">\n\t<choice to="ned">Tab before me</choice>\n    <text>%s</text><goto to="nowhere"/>\n  </node>\n  <ending id="end" title="End"/>\n</story>\n' \
  "$(printf '%300s' '' | tr ' ' x)" >"$TMP/snip.xml"
run_mend lint "$TMP/snip.xml"
check "not on a terminal: no snippet" test "$(printf '%s\n' "$ERR" | grep -c ' | ')" = 0
run_mend lint --snippet "$TMP/snip.xml"
err_has "--snippet: the message, then its line (a tab as spaces to the next stop)" \
  "$TMP/snip.xml:5:14: error: to=\"ned\": no node or ending has this id (did you mean 'end'?) [E-unknown-id]
    5 |         <choice to=\"ned\">Tab before me</choice>
      |                     ^"
err_has "--snippet: a long line shown around its caret" \
  '    6 | ...xxxxxxxxxxxxx</text><goto to="nowhere"/>
      |                                  ^'
err_has "--snippet: a long line cut where the room ends" \
  "    6 |     <text>$(printf '%81s' '' | tr ' ' x)...
      |     ^"
run_mend lint --snippet --format json "$TMP/snip.xml"
check "--format json leaves the snippets out" test "$(printf '%s\n' "$OUT$ERR" | grep -c ' | ')" = 0
if command -v script >/dev/null 2>&1; then
  script -qec "$MEND lint $TMP/snip.xml" /dev/null >"$TMP/pty.txt" 2>&1
  check "on a terminal: snippets by default" grep -q '^    5 |         <choice to="ned">' "$TMP/pty.txt"
  script -qec "$MEND lint --no-snippet $TMP/snip.xml" /dev/null >"$TMP/pty.txt" 2>&1
  check "on a terminal, --no-snippet: none" test "$(grep -c ' | ' "$TMP/pty.txt")" = 0
fi

# ---- a flood of one warning: the first few and a count ---------------------------------------
run_mend lint "$FIX/flood.xml"
status "a flood of warnings: exit 0" 0
check "a flood of warnings: the first 3 shown" test "$(grep -c ': warning: ' "$TMP/err")" = 3
err_has "a flood of warnings: the rest counted, per code" \
  "$FIX/flood.xml: note: 5 more warnings like these [W-no-feedback] (mend lint --all shows every one)"
err_has "a flood of warnings: the count is of all of them" "8 warnings in 1 of 1 file"
run_mend lint --all "$FIX/flood.xml"
check "--all: every warning" test "$(grep -c ': warning: ' "$TMP/err")" = 8
check "--all: no note" test "$(grep -c ': note: ' "$TMP/err")" = 0
run_mend lint --format json "$FIX/flood.xml"
check "--format json: every warning of a flood" test "$(grep -c . "$TMP/out")" = 8

# ---- a part (a <nodes> file that stories include), alone ------------------------------------
part=tests/fixtures/bad/parts/two-nodes.xml
run_mend lint "$part"
status "a sound part alone: exit 0" 0
err_has "a sound part alone: a note says what is left to the story" \
  "$part: note: checked as a part that a story includes: 2 references to ids it does not define are left to that story (lint the story to check them)"
check "a sound part alone: no error, no warning, no count" test "$(printf '%s\n' "$ERR" | grep -c .)" = 1
run_mend lint --format json "$part"
status "a part alone, as JSON: exit 0" 0
out_line_is() { printf '%s\n' "$OUT" | grep -qxF -- "$2" && tap OK "$1" || tap FAIL "$1" "stdout was: $OUT"; }
out_line_is "a part alone, as JSON: the note, with its severity" \
  '{"file":"tests/fixtures/bad/parts/two-nodes.xml","line":0,"column":0,"severity":"note","code":null,"message":"checked as a part that a story includes: 2 references to ids it does not define are left to that story (lint the story to check them)"}'
run_mend lint tests/fixtures/bad/parts/with-errors.xml
status "a part with mistakes alone: exit 1" 1
err_has "a part with mistakes alone: its own mistakes" \
  "tests/fixtures/bad/parts/with-errors.xml:9:5: error: text \"Stray words.\" directly inside <node>: put paragraphs in <text> [E-text-outside]"
err_has "a part with mistakes alone: a variable declared in it" \
  "tests/fixtures/bad/parts/with-errors.xml:11:3: error: <var name=\"late\"> in an included file: variables belong in the story itself; move it to the story that includes this file, after <title> and before the nodes [E-order]"
run_mend play --no-save "$part" </dev/null
status "a part cannot be played: exit 1" 1
err_has "a part cannot be played: says what to do" "play the story; mend lint checks the part alone) [E-root]"

# ---- a missing file ----------------------------------------------------------------------
run_mend lint "$TMP/no-such-story.xml" "$GOOD/minimal.xml"
status "a missing file: exit 1" 1
err_has "a missing file: the message names it and the reason" \
  "$TMP/no-such-story.xml: error: cannot read the file: No such file or directory [E-file]"
err_has "a missing file counts as a bad file" "1 error in 1 of 2 files"

# ---- the command line -------------------------------------------------------------------
run_mend lint
status "no arguments: exit 2" 2
out_empty "no arguments: nothing on stdout"
err_has "no arguments: the usage error on stderr" "mend lint: no story file given"
err_has "no arguments: points to its help" "Try 'mend help lint'."

run_mend lint --strict "$GOOD/minimal.xml"
status "an unknown option: exit 2" 2
err_has "an unknown option is named on stderr" "mend lint: unknown option '--strict'"
out_empty "an unknown option: nothing on stdout"

run_mend lint --help
status "--help: exit 0" 0
has "--help prints the usage on stdout" "usage: mend lint [OPTIONS] FILE..."
has "--help says how errors look" "file:line:col: error: message"
err_empty "--help: nothing on stderr"

run_mend lint -h
status "-h: exit 0" 0
has "-h prints the same usage" "usage: mend lint [OPTIONS] FILE..."

finish
