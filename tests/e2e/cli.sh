#!/bin/sh
# cli.sh - the mend command line: help, version, unknown commands, the options
# of `mend play`, finding stories by id through MEND_PATH, `mend list`, the
# library menu, and the exit status of stories that fail while playing.
#
#   MEND=$PWD/build/mend sh tests/e2e/cli.sh
. tests/lib.sh

GOOD=tests/fixtures/good
FIX=tests/e2e/fixtures
TAB=$(printf '\t')

out_empty() {
  if [ -z "$OUT" ]; then tap OK "$1"; else tap FAIL "$1" "stdout was: $OUT"; fi
}
err_empty() {
  if [ -z "$ERR" ]; then tap OK "$1"; else tap FAIL "$1" "stderr was: $ERR"; fi
}
err_lacks() {
  case "$ERR" in *"$2"*) tap FAIL "$1" "unexpected on stderr: $2
--- stderr was:
$ERR" ;; *) tap OK "$1" ;; esac
}
line_is() { # line_is "what" N TEXT: line N of $OUT is TEXT
  got=$(printf '%s\n' "$OUT" | sed -n "$2p")
  if [ "$got" = "$3" ]; then tap OK "$1"; else tap FAIL "$1" "line $2: '$got'
expected: '$3'
--- output was:
$OUT"; fi
}

# ---- help and version -------------------------------------------------------------
run_mend --help
status "--help: exit 0" 0
has "--help prints the usage on stdout" "usage: mend [COMMAND] [ARGS...]"
has "--help lists play" "  play [OPTIONS] FILE|ID     play a scenario"
has "--help lists list" "  list                       the library"
has "--help lists journal" "  journal [--story ID]       what you wrote"
has "--help lists lint" "  lint FILE...               check story files, print every error"
has "--help documents the exit statuses" \
  "Exit status: 0 ok, 1 story errors, 2 usage, 3 input ended early, 4 story failed"
err_empty "--help: nothing on stderr"
cp "$TMP/out" "$TMP/help"
run_mend -h
check "-h prints the same text as --help" cmp -s "$TMP/help" "$TMP/out"
run_mend help
status "help: exit 0" 0
check "help prints the same text as --help" cmp -s "$TMP/help" "$TMP/out"

run_mend --version
status "--version: exit 0" 0
check "--version prints the version and the story format, one line" \
  test "$OUT" = "mend 0.1.0 (story format 1)"
err_empty "--version: nothing on stderr"
run_mend -V
check "-V prints the same version line" test "$OUT" = "mend 0.1.0 (story format 1)"

# ---- unknown command ----------------------------------------------------------------
run_mend frobnicate
status "an unknown command: exit 2" 2
err_has "an unknown command is named on stderr" "mend: unknown command 'frobnicate'"
err_has "an unknown command points to --help" "Try 'mend --help'."
out_empty "an unknown command: nothing on stdout"
run_mend "$(printf 'x\033]0;owned\007\033[2J')"
status "a command with escape sequences: exit 2" 2
case "$ERR" in *"$(printf '\033')"* | *"$(printf '\007')"*)
  tap FAIL "what was typed is echoed without its escape sequences" "$ERR" ;;
*) tap OK "what was typed is echoed without its escape sequences" ;;
esac
run_mend journal --frobnicate
err_has "a usage error of a command points to its own help" "Try 'mend help journal'."

# ---- mend play: options ---------------------------------------------------------------
for bad in abc -1 12x "" 18446744073709551616; do
  run_mend play --seed "$bad" "$GOOD/minimal.xml" </dev/null
  status "play --seed '$bad': exit 2" 2
  err_has "play --seed '$bad': says what a seed must be" \
    "mend play: --seed needs a whole number from 0 to 18446744073709551615"
  out_empty "play --seed '$bad': nothing on stdout"
done
run_mend play "$GOOD/minimal.xml" --seed </dev/null
status "play --seed without a value: exit 2" 2
err_has "play --seed without a value: says what a seed must be" "mend play: --seed needs"
run_mend play --seed=7x "$GOOD/minimal.xml" </dev/null
status "play --seed=7x: exit 2" 2

run_mend play --seed 18446744073709551615 "$GOOD/minimal.xml" </dev/null
status "play --seed with the largest 64-bit value is accepted" 0
has "the largest seed plays the story to its end" "*** The end: The end ***"
run_mend play --seed=0 "$GOOD/minimal.xml" </dev/null
status "play --seed=0 is accepted" 0

run_mend play --no-save --seed 1 "$GOOD/minimal.xml" "$GOOD/docs-example.xml" </dev/null
status "play with two files: exit 2" 2
err_has "play with two files: says one at a time, naming both" \
  "mend play: one scenario at a time ('$GOOD/minimal.xml' and '$GOOD/docs-example.xml')"
out_empty "play with two files: nothing on stdout"

run_mend play --fast "$GOOD/minimal.xml" </dev/null
status "play with an unknown option: exit 2" 2
err_has "play with an unknown option names it" "mend play: unknown option '--fast'"

run_mend play --help
status "play --help: exit 0" 0
has "play --help prints its usage on stdout" "usage: mend play [OPTIONS] FILE|ID"
for opt in --seed --resume --new --no-save --plain --no-color --width; do
  has "play --help documents $opt" "  $opt"
done

run_mend play --no-save --seed 1 "$TMP/no-such-story.xml" </dev/null
status "play a missing file: exit 1" 1
err_has "play a missing file: names it and the reason" \
  "$TMP/no-such-story.xml: error: cannot read the file: No such file or directory"
out_empty "play a missing file: no session starts"

run_mend play --no-save --seed 1 no-such-id </dev/null
status "play an unknown id: exit 1" 1
err_has "play an unknown id: says no scenario has it" \
  "mend: no scenario with the id 'no-such-id' (see 'mend list'), and no such file"

run_mend play --no-save --seed 1 "$FIX/lint-bad-start.xml" </dev/null
status "play a story with load errors: exit 1" 1
err_has "play a story with load errors prints them" \
  "$FIX/lint-bad-start.xml:3:46: error: start=\"missing_node\": no node or ending has this id [E-unknown-id]"
out_empty "play a story with load errors: no session starts"

# ---- MEND_PATH: finding stories by id, mend list -------------------------------------
LIB=$TMP/lib
LIB2=$TMP/lib2
mkdir -p "$LIB/parts" "$LIB2"
cp "$GOOD/docs-example.xml" "$GOOD/minimal.xml" "$FIX/dead-end.xml" "$LIB/"
cp "$FIX/lint-bad-start.xml" "$LIB/broken.xml"
cp "$GOOD/parts/every-element-part.xml" "$LIB/part.xml"
cp "$GOOD/minimal.xml" "$LIB/.hidden.xml"
echo "not a story" >"$LIB/notes.txt"
sed 's|<title>Minimal</title>|<title>Shadowed minimal</title>|' "$GOOD/minimal.xml" >"$LIB2/minimal.xml"
sed 's|id="minimal"|id="second-folder"|; s|<title>Minimal</title>|<title>From the second folder</title>|' \
  "$GOOD/minimal.xml" >"$LIB2/second.xml"

echo y >"$TMP/in"
MEND_PATH=$LIB run_mend play --no-save --seed 1 dead-end <"$TMP/in"
status "play ID finds the story through MEND_PATH and plays it: exit 0" 0
has "play ID: the story's title is the header" "A dead end at run time
======================"
has "play ID: the story runs to its ending" "*** The end: Done ***"

MEND_PATH=$LIB:$LIB2 run_mend play --no-save --seed 1 second-folder </dev/null
status "play ID: a story in the second MEND_PATH folder is found" 0
has "play ID: the second folder's story is played" "From the second folder"

MEND_PATH=$LIB:$LIB2 run_mend play --no-save --seed 1 minimal </dev/null
has "play ID: for an id found twice, the first MEND_PATH folder wins" "
Minimal
=======
"
lacks "play ID: the shadowed copy is not played" "Shadowed"

MEND_PATH=$LIB:$LIB2 run_mend list --format tsv
status "list: exit 0" 0
line_is "list: first line: id, minutes, title, path of the first file by name" 1 \
  "scenario${TAB}dead-end${TAB}0${TAB}A dead end at run time${TAB}$LIB/dead-end.xml"
line_is "list: second line: the id and minutes come from the story, not the file name" 2 \
  "scenario${TAB}late-night-text${TAB}8${TAB}The 1 a.m. message${TAB}$LIB/docs-example.xml"
line_is "list: third line: a story without meta lists 0 minutes" 3 \
  "scenario${TAB}minimal${TAB}0${TAB}Minimal${TAB}$LIB/minimal.xml"
line_is "list: then the second folder's stories" 4 \
  "scenario${TAB}second-folder${TAB}0${TAB}From the second folder${TAB}$LIB2/second.xml"
lacks "list: an id found twice is listed once (the first)" "Shadowed"
lacks "list: an included part (root <nodes>) is not a story" "part.xml"
lacks "list: hidden files are skipped" ".hidden.xml"
lacks "list: files that are not .xml are skipped" "notes.txt"
lacks "list: a story with errors is not listed" "broken.xml"
err_has "list: a story with errors is skipped with a warning" \
  "mend: skipping $LIB/broken.xml: it has errors (see 'mend lint $LIB/broken.xml')"
err_lacks "list: no warning about the included part" "part.xml"
n=$(printf '%s\n' "$OUT" | grep -c "^scenario${TAB}[^${TAB}]*${TAB}[0-9]*${TAB}[^${TAB}]*${TAB}[^${TAB}]*\$")
total=$(printf '%s\n' "$OUT" | grep -c .)
check "list --format tsv: every line has five tab-separated fields" test "$n" = "$total"

run_mend list extra
status "list with an argument: exit 2" 2
err_has "list with an argument names it" "mend list: unexpected argument 'extra'"
run_mend list --help
status "list --help: exit 0" 0
has "list --help prints its usage" "usage: mend list"

# ---- mend with no command: the library menu ---------------------------------------------
mkdir -p "$TMP/menu"
cp "$GOOD/minimal.xml" "$TMP/menu/"
printf 'x\n1\n' >"$TMP/in"
MEND_PATH=$TMP/menu run_mend <"$TMP/in"
status "no command: the library menu, then the picked story: exit 0" 0
has "the menu lists the MEND_PATH story first" "mend - scenarios for after a breakup

Scenarios:
  1) Minimal [minimal]
"
has "a bad pick gets a hint" "> x
Please type a number from 1 to "
has "picking 1 plays it" "> 1

Minimal
=======

*** The end: The end ***"
echo :quit >"$TMP/in"
MEND_PATH=$TMP/menu run_mend <"$TMP/in"
status "the menu's :quit exits 0" 0
lacks "the menu's :quit plays nothing" "*** The end"
MEND_PATH=$TMP/menu run_mend </dev/null
status "input ending in the menu exits 3" 3

# ---- stories that fail while playing ------------------------------------------------
echo n >"$TMP/in"
run_mend play --no-save --seed 1 "$FIX/dead-end.xml" <"$TMP/in"
status "a run-time dead end exits 4" 4
err_has "a run-time dead end: file:line: error: dead end, naming the node" \
  "mend: $FIX/dead-end.xml:15: error: dead end: node 'stuck' offers no choice, and no goto or random branch applies"
has "a run-time dead end: what came before it is printed" "You hesitate."
lacks "a run-time dead end: no summary" "*** The end"
echo y >"$TMP/in"
run_mend play --no-save --seed 1 "$FIX/dead-end.xml" <"$TMP/in"
status "the same story with the other answer ends normally: exit 0" 0

run_mend play --no-save --seed 1 "$FIX/goto-loop.xml" </dev/null
status "a story that loops through gotos forever exits 4" 4
err_has "the loop is reported on stderr" \
  "mend: the story moved on by itself 10000 times in a row at 'ping' without asking anything: it seems to loop"
lacks "a looping story shows no summary" "*** The end"
err_lacks "a looping story is not reported as ended input" "input ended"

finish
