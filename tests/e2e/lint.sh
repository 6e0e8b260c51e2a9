#!/bin/sh
# lint.sh - `mend lint FILE...`: silent on good stories, every error of every
# bad one as file:line: error: message with a closing count, and the usage
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
  "$many:11: error: unknown variable '{nobody}' in text (write '{{' for a literal brace)"
err_has "a type error in set value is reported with its line" \
  "$many:12: error: value=\"t + 1\": '+' needs int operands, got text (at column 3)"
err_has "an unknown choice target is reported with its line" \
  "$many:13: error: to=\"nowhere\": no node or ending has this id"
err_has "an unknown variable in if is reported with its line" \
  "$many:14: error: if=\"missing > 2\": unknown variable 'missing' (at column 1)"
err_has "a stray } is reported with its line" \
  "$many:17: error: '}' without a matching '{' (write '}}' for a literal brace)"
err_has "an unknown start is reported in the second bad file" \
  "$start:3: error: start=\"missing_node\": no node or ending has this id"
err_has "the closing line counts errors, bad files and files" "6 errors in 2 of 3 files"
err_lines "one line per error plus the count, nothing else" 7
last=$(printf '%s\n' "$ERR" | tail -n 1)
check "the count is the last line" test "$last" = "6 errors in 2 of 3 files"
first=$(printf '%s\n' "$ERR" | head -n 1)
check "errors come in file order, then line order" \
  test "$first" = "$many:11: error: unknown variable '{nobody}' in text (write '{{' for a literal brace)"
bad_lines=$(printf '%s\n' "$ERR" | sed '$d' | grep -cv '^tests/e2e/fixtures/lint-[a-z-]*\.xml:[0-9][0-9]*: error: ')
check "every error line has the form file:line: error: message" test "$bad_lines" = 0

run_mend lint "$start"
status "one bad file: exit 1" 1
err_has "one error in one file: singular words in the count" "1 error in 1 of 1 file"

run_mend lint "$FIX/lint-malformed.xml"
status "malformed XML: exit 1" 1
check "malformed XML: the parser's error names the file, line and column" \
  grep -Eq "^$FIX/lint-malformed\\.xml:6:[0-9]+: error: " "$TMP/err"
err_has "malformed XML: the count closes the report" " in 1 of 1 file"

run_mend lint "$FIX/escape-charref.xml"
status "a story with &#x1B; fails lint: exit 1" 1
err_has "the ESC character reference is reported at its line" "$FIX/escape-charref.xml:11:"

# an error message that quotes story text does not carry a bidi override
printf '<?xml version="1.0" encoding="UTF-8"?>\n<story id="q" format="1" start="a">\n  <title>Q</title>\n  <ending id="a" title="End">\n    <text>Hi {na&#x202E;me}.</text>\n  </ending>\n</story>\n' \
  >"$TMP/quoted-bidi.xml"
run_mend lint "$TMP/quoted-bidi.xml"
status "a brace holding a bidi override is an error: exit 1" 1
err_has "the error is on the line of the text" "$TMP/quoted-bidi.xml:5: error: "
case "$ERR" in
*"$(printf '\342\200\256')"*) tap FAIL "error messages quoting story text carry no U+202E" "$ERR" ;;
*) tap OK "error messages quoting story text carry no U+202E" ;;
esac

# ---- a missing file ----------------------------------------------------------------------
run_mend lint "$TMP/no-such-story.xml" "$GOOD/minimal.xml"
status "a missing file: exit 1" 1
err_has "a missing file: the message names it and the reason" \
  "$TMP/no-such-story.xml: error: cannot read the file: No such file or directory"
err_has "a missing file counts as a bad file" "1 error in 1 of 2 files"

# ---- the command line -------------------------------------------------------------------
run_mend lint
status "no arguments: exit 2" 2
out_empty "no arguments: nothing on stdout"
err_has "no arguments: the usage error on stderr" "mend lint: no story file given"
err_has "no arguments: points to its help" "Try: mend help lint"

run_mend lint --strict "$GOOD/minimal.xml"
status "an unknown option: exit 2" 2
err_has "an unknown option is named on stderr" "mend lint: unknown option '--strict'"
out_empty "an unknown option: nothing on stdout"

run_mend lint --help
status "--help: exit 0" 0
has "--help prints the usage on stdout" "usage: mend lint [OPTIONS] FILE..."
has "--help says how errors look" "file:line: error: message"
err_empty "--help: nothing on stderr"

run_mend lint -h
status "-h: exit 0" 0
has "-h prints the same usage" "usage: mend lint [OPTIONS] FILE..."

finish
