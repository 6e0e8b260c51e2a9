#!/bin/sh
# SPDX-License-Identifier: MIT
# conventions.sh - what scripts and packagers count on from any command line
# tool: output that does not depend on the locale (a comma-decimal locale,
# de_DE.UTF-8, built with localedef into a temporary folder), and a write
# that fails (a full disk: /dev/full) is an error, exit status 5, said on
# stderr, for every command that writes on standard output.
#
#   MEND=$PWD/build/mend sh tests/e2e/conventions.sh
. tests/lib.sh

S=stories/no-contact.xml

# ---- a comma-decimal locale ------------------------------------------------------------------
LOC=$TMP/locale
mkdir -p "$LOC"
if localedef -i de_DE -f UTF-8 "$LOC/de_DE.UTF-8" >/dev/null 2>&1; then
  tap OK "a comma-decimal locale can be made (de_DE.UTF-8)"
else
  tap FAIL "a comma-decimal locale can be made (de_DE.UTF-8)" "localedef failed: is 'locales' installed?"
fi
check "... in which C programs write 0,5 (printf(1) does)" \
  test "$(LOCPATH=$LOC LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 0.5)" = "0,5"
# (glibc's setlocale keeps the LOCPATH list it builds for the life of the
# process: LeakSanitizer's report of it is glibc's, not mend's)
printf 'leak:__argz_add_sep\n' >"$TMP/lsan.supp"
de() { LOCPATH=$LOC LC_ALL=de_DE.UTF-8 LSAN_OPTIONS=suppressions=$TMP/lsan.supp "$@"; }

de "$MEND" test -n 20 --seed 3 --format json "$S" >"$TMP/de.json" 2>"$TMP/err"
RC=$?
status_is() { if [ "$RC" -eq "$2" ]; then tap OK "$1"; else tap FAIL "$1" "exit status $RC: $(cat "$TMP/err")"; fi; }
status_is "under de_DE.UTF-8, mend test --format json runs" 0
check "... and writes valid JSON" jq -e . "$TMP/de.json"
"$MEND" test -n 20 --seed 3 --format json "$S" >"$TMP/c.json" 2>/dev/null
# (the timings differ from run to run: compared without them)
check "... the same as under C, but for its timings" \
  test "$(jq -c 'del(.. | .seconds?)' "$TMP/de.json")" = "$(jq -c 'del(.. | .seconds?)' "$TMP/c.json")"
check "... with a decimal point in its percentages" \
  sh -c "jq -r '.files[0].coverage.percent' '$TMP/de.json' | grep -qv ','"
de "$MEND" test -n 20 --min-coverage 50.5 "$S" >"$TMP/out" 2>"$TMP/err"
RC=$?
status_is "under de_DE.UTF-8, --min-coverage 50.5 is read as 50.5" 0
de "$MEND" test -n 20 --min-coverage 100.5 "$S" >"$TMP/out" 2>"$TMP/err"
RC=$?
status_is "... and 100.5 is still refused as a usage error" 2

# ---- a full disk -------------------------------------------------------------------------------
full() { # full "what" COMMAND...: it writes on a full disk
  what=$1
  shift
  "$MEND" "$@" >/dev/full 2>"$TMP/err"
  RC=$?
  if [ "$RC" -eq 5 ] && grep -q 'could not write\|cannot write' "$TMP/err"; then
    tap OK "$what: on a full disk, exit status 5 and a message"
  else
    tap FAIL "$what: on a full disk, exit status 5 and a message" "exit status $RC: $(cat "$TMP/err")"
  fi
}
"$MEND" contact --note "a test" >/dev/null 2>&1
full "mend test --format json" test -n 5 --format json "$S"
full "mend test" test -n 5 "$S"
full "mend list" list
full "mend journal" journal
full "mend progress" progress
full "mend contact --list" contact --list
full "mend graph" graph "$S"
full "mend stats" stats "$S"
full "mend --help" --help
full "mend --version" --version
full "mend help test" help test
full "mend support --list" support --list
full "mend export --image -o -" export --image "$S" -o -
echo "i cant go on" >"$TMP/phrases"
full "mend safety-check" safety-check "$TMP/phrases"
# a command that fails for its own reason keeps its status and says it once
"$MEND" lint tests/fixtures/bad/bad-tone.xml >/dev/full 2>"$TMP/err"
RC=$?
status_is "a failing lint keeps its own status on a full disk" 1
finish
