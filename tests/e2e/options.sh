#!/bin/sh
# SPDX-License-Identifier: MIT
# options.sh - one option parser for every command (issue 18): each takes
# --opt=value as --opt value, a letter's value glued on (-n5) or apart, its
# options before or after the files, "--" before a file named like an option,
# a long option shortened while it is unambiguous, and "-" for standard input
# or output where it names a file. Mistakes are said the same way everywhere.
#
#   MEND=$PWD/build/mend sh tests/e2e/options.sh
. tests/lib.sh

S=stories/why-back.xml

# same "what" ARGS1 -- ARGS2: both command lines give the same output and status
same() {
  what=$1
  shift
  a=
  while [ "$1" != -- ]; do
    a="$a $(printf '%s' "$1" | sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/")"
    shift
  done
  shift
  eval "\"\$MEND\" $a" >"$TMP/a.out" 2>"$TMP/a.err" </dev/null
  ra=$?
  "$MEND" "$@" >"$TMP/b.out" 2>"$TMP/b.err" </dev/null
  rb=$?
  # (the tester's timings and watch's clock differ from run to run)
  sed -i 's/[0-9.]* s\b//g; s/"seconds": [0-9.e-]*//g; s/[0-9][0-9]:[0-9][0-9]:[0-9][0-9]//g' \
    "$TMP/a.out" "$TMP/b.out"
  if [ $ra -eq $rb ] && cmp -s "$TMP/a.out" "$TMP/b.out" && [ -s "$TMP/a.out" ]; then
    tap OK "$what"
  else
    tap FAIL "$what" "status $ra and $rb; $(diff "$TMP/a.out" "$TMP/b.out" | head -5) $(cat "$TMP/a.err" "$TMP/b.err")"
  fi
}

# ---- every form of an option's value, for every command that takes one ----------------------
same "test: -n5 as --runs 5" test -n5 --seed 3 "$S" -- test --runs 5 --seed 3 "$S"
same "test: --runs=5 --seed=3 as --runs 5 --seed 3" test --runs=5 --seed=3 "$S" -- test --runs 5 --seed 3 "$S"
same "test: -n 5, and options after the file" test "$S" -n 5 --format json -- test --runs=5 --format=json "$S"
same "test: --max-steps=, --max-states=, --min-coverage=" \
  test -n 5 --max-steps=500 --max-states=9000 --min-coverage=50.5 "$S" -- \
  test -n 5 --max-steps 500 --max-states 9000 --min-coverage 50.5 "$S"
same "test: --plan=FILE" test -n 1 --plan=stories/plans/why-back.hurting.plan "$S" -- \
  test -n 1 --plan stories/plans/why-back.hurting.plan "$S"
W=tests/fixtures/warn/unreachable.xml
same "lint: --format=json --disable=CODE" lint --format=json --disable=W-never-true "$W" -- \
  lint --format json --disable W-never-true "$W"
same "graph: --format=mermaid" graph --format=mermaid "$S" -- graph --format mermaid "$S"
same "stats: --format=json" stats --format=json "$S" -- stats --format json "$S"
same "list: --format=tsv" list --format=tsv -- list --format tsv
same "support: --country=IE" support --country=IE -- support --country IE
printf 'i want to die\nhe checked my phone\n' >"$TMP/lines"
same "safety-check: --format=json --lang=en" safety-check --format=json --lang=en "$TMP/lines" -- \
  safety-check --format json --lang en "$TMP/lines"
printf '1\n1\n' >"$TMP/answers"
"$MEND" play --no-save --seed=3 --width=50 "$S" <"$TMP/answers" >"$TMP/p1" 2>&1
"$MEND" play --no-save --seed 3 --width 50 "$S" <"$TMP/answers" >"$TMP/p2" 2>&1
check "play: --seed=3 --width=50 as --seed 3 --width 50" cmp -s "$TMP/p1" "$TMP/p2"
"$MEND" play --no-save --seed 3 --width 60 "$S" <"$TMP/answers" >"$TMP/p3" 2>&1
check "... and the values are read (another width, other lines)" sh -c "! cmp -s '$TMP/p1' '$TMP/p3'"
check "... 50 columns" sh -c "grep -v '^mend: input ended' '$TMP/p1' | awk 'length > 50 { exit 1 }'"
same "watch: --once --runs=5 --seed=2" watch --once --runs=5 --seed=2 "$S" -- watch --once --runs 5 --seed 2 "$S"

run_mend contact --note="a text at noon" --on=yesterday
status "contact: --note=TEXT --on=DAY" 0
run_mend contact --list
has "... both read" "a text at noon"
same "progress: --days=7 --format=csv" progress --days=7 --format=csv -- progress --days 7 --format csv
same "journal: --story=ID" journal --no-pager --story=why-back -- journal --no-pager --story why-back

run_mend new first-night --title="First night" --dir="$TMP"
status "new: --title=T --dir=D" 0
check "... the file is where --dir= says" grep -q "First night" "$TMP/first-night.xml"

run_mend export --image --output="$TMP/a.img" "$S"
status "export: --output=FILE" 0
run_mend export --image -o"$TMP/b.img" "$S"
status "export: -oFILE" 0
check "... the same image both ways" cmp -s "$TMP/a.img" "$TMP/b.img"

# ---- shortened long options, and "--" -----------------------------------------------------------
same "a long option shortened: --fo json as --format json" stats --fo json "$S" -- stats --format json "$S"
run_mend test --max-st=10 "$S"
status "a shortening of two options is a usage error" 2
err_has "... naming both" "'--max-st' could be more than one option: --max-steps, --max-states"
cp "$S" "$TMP/-odd.xml"
(cd "$TMP" && "$MEND" lint -- -odd.xml) >"$TMP/out" 2>"$TMP/err"
RC=$?
ERR=$(cat "$TMP/err")
status "-- before a file whose name starts with '-': it is read as a file" 0

# ---- mistakes, said the same way by every command ------------------------------------------------
for cmd in lint test play graph watch stats new export contact journal progress support safety-check list; do
  run_mend "$cmd" --bogus=1
  if [ "$RC" = 2 ] && [ "$ERR" != "${ERR#*"mend $cmd: unknown option '--bogus'"}" ]; then
    tap OK "$cmd: an unknown option is named, without its value; status 2"
  else
    tap FAIL "$cmd: an unknown option is named, without its value; status 2" "status $RC: $ERR"
  fi
  run_mend "$cmd" --help=yes
  status "$cmd: --help=yes is a usage error" 2
done
run_mend test -x "$S"
err_has "an unknown letter is named" "mend test: unknown option '-x'"
run_mend play --no-save=yes "$S"
status "a value given to a flag: a usage error" 2
err_has "... that says the flag takes none" "mend play: --no-save takes no value"
run_mend test "$S" --seed
status "a value missing at the end" 2
err_has "... says what the option needs" "mend test: --seed needs a number"
run_mend lint --disable
err_has "... in the command's own words" "mend lint: --disable needs a warning code (such as W-unreachable)"
run_mend test -n five "$S"
err_has "a number that is not one: the option as typed, and the value" \
  "mend test: -n needs a whole number from 0 to 18446744073709551615, not 'five'"
run_mend play --width=10 "$S"
err_has "a number out of range says the range" "mend play: --width needs a whole number from 20 to 1000, not '10'"
run_mend graph --format=png "$S"
err_has "a choice says the choices" "mend graph: --format png: use dot or mermaid"
run_mend progress --format=xml
err_has "... three of them" "mend progress: --format xml: use text, csv or json"
run_mend test -hn5
status "-h in a group of letters shows the help" 0
has "... the command's own" "usage: mend test"

# ---- "-": standard input and output ---------------------------------------------------------------
"$MEND" lint --format json "$S" >"$TMP/file.json" 2>&1
"$MEND" lint --format json - <"$S" >"$TMP/stdin.json" 2>&1
RC=$?
[ "$RC" = 0 ] && tap OK "lint -: a story from standard input" || tap FAIL "lint -: a story from standard input" "status $RC"
same "stats -: the same figures as from the file" stats --format json "$S" -- stats --format json "$S"
"$MEND" graph - <"$S" >"$TMP/g1" 2>&1
"$MEND" graph "$S" >"$TMP/g2" 2>&1
check "graph -: the same graph as from the file" cmp -s "$TMP/g1" "$TMP/g2"
run_mend test -n 20 --seed 1 - <"$S"
status "test -: tested from standard input" 0
has "... and named so" "<stdin>"
sed 's/<story /<story colour="blue" /' "$S" >"$TMP/bad.xml"
run_mend lint --snippet - <"$TMP/bad.xml"
status "a story with an error on standard input: status 1" 1
err_has "... the error names <stdin> with its line and column" "<stdin>:2:8: error: <story> does not take the attribute 'colour'"
err_has "... and shows the line, read from standard input" '<story colour="blue" id="why-back"'
run_mend lint - - <"$TMP/bad.xml"
err_has "standard input named twice: read once, checked twice" "2 errors in 2 of 2 files"
run_mend play --no-save - <"$S"
status "play -: refused (standard input is where the answers come from)" 2
err_has "... saying why" "that is where the answers come from"
run_mend watch -
status "watch -: refused" 2
run_mend export --image - <"$S"
status "export -: refused (an image names the story's own files)" 2
run_mend export --image -o - "$S"
status "export -o -: the image on standard output" 0
check "... the same as written to a file" sh -c "'$MEND' export --image -o - '$S' | cmp -s - '$TMP/a.img'"
run_mend journal --export -
status "journal --export -: Markdown on standard output" 0
run_mend progress --format csv -o -
status "progress -o -: on standard output" 0
has "... the CSV" "date"
run_mend safety-check --format json - <"$TMP/lines"
has "safety-check -: lines from standard input" '"verdict":"crisis"'

finish
