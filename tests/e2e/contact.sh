#!/bin/sh
# SPDX-License-Identifier: MIT
# contact.sh - the days without contact: a story's <contact/> and `mend
# contact`, on faked dates (MEND_NOW), read back with sqlite3:
#   - a <contact/> in a choice is recorded once per day, with the story's
#     title, and said after the rest of the view; one under a condition only
#     when it holds; nothing with --no-save (and nothing said);
#   - `mend contact` notes today, another day, a note; refuses a day to come
#     or that is no day; takes the last one back; lists them with the count
#     of days, and the count speaks kindly of today (no guilt line);
#   - a note is printed without its escape sequences; --list with no
#     database creates none;
#   - `mend test` plans see a <contact/> as "[contact]".
. tests/lib.sh

C=tests/e2e/fixtures/contact.xml
contacts() { sql "SELECT local_date || '|' || note FROM contacts ORDER BY id" 2>/dev/null; }

run_mend lint "$C"
status "the fixture is lint-clean" 0

MEND_NOW="2026-12-01 21:00" run_mend contact --list
status "--list with nothing noted: exit 0" 0
has "--list with nothing noted says so" "No day of contact is noted."
check "--list with no database creates none" test ! -e "$DB"

# ---- a story's <contact/> ------------------------------------------------------------
printf '8\n1\n' >"$TMP/sent"
MEND_NOW="2026-12-01 23:10" run_mend play --plain --no-save "$C" <"$TMP/sent"
status "--no-save: plays to the end" 0
lacks "--no-save: nothing is said of a count" "Noted for your count"
check "--no-save: nothing is recorded (no database)" test ! -e "$DB"

MEND_NOW="2026-12-01 23:10" run_mend play --plain "$C" <"$TMP/sent"
status "a message sent in the story: plays to the end" 0
has "the person is told what was noted" \
  "(Noted for your count of days without contact; mend progress shows it.)"
case "$OUT" in
*"It's sent."*"Whatever comes back"*"(Noted for your count"*) tap OK "... after the feedback and the text of the view" ;;
*) tap FAIL "... after the feedback and the text of the view" "$OUT" ;;
esac
check "recorded on the day, with the story's title" test "$(contacts)" = "2026-12-01|A message at night"
MEND_NOW="2026-12-01 23:40" run_mend play --plain "$C" <"$TMP/sent"
check "the same day again: still one record" test "$(contacts | wc -l)" -eq 1

printf '8\n2\nn\n' >"$TMP/called-no"
MEND_NOW="2026-12-02 20:00" run_mend play --plain "$C" <"$TMP/called-no"
status "a call, not counted: plays to the end" 0
lacks "a condition that does not hold: nothing said" "Noted for your count"
check "a condition that does not hold: nothing recorded" test "$(contacts | wc -l)" -eq 1
printf '8\n2\ny\n' >"$TMP/called-yes"
MEND_NOW="2026-12-02 20:05" run_mend play --plain "$C" <"$TMP/called-yes"
has "a condition that holds: said" "Noted for your count"
check "a condition that holds: recorded" test "$(contacts | tail -n 1)" = "2026-12-02|A message at night"

# ---- mend contact --------------------------------------------------------------------
MEND_NOW="2026-12-14 09:00" run_mend contact --list
status "--list: exit 0" 0
has "--list: each day noted" "2026-12-01  A message at night"
has "--list: the count of days since the last" "Day 12 since you last reached out."
lacks "no guilt line" "failed"

MEND_NOW="2026-12-14 09:00" run_mend contact --note "texted happy birthday"
status "mend contact: exit 0" 0
has "mend contact: noted" "Noted."
has "today: a kind word, not a count of zero (as the library says it)" \
  "Starting again today, and that counts."
lacks "today: no 'Day 0'" "Day 0"
check "mend contact: recorded with its note" test "$(contacts | tail -n 1)" = "2026-12-14|texted happy birthday"
MEND_NOW="2026-12-14 10:00" run_mend contact --note "texted happy birthday"
has "the same note the same day: already noted" "Today was already noted with this note."
check "... and not twice" test "$(contacts | grep -c 2026-12-14)" -eq 1

MEND_NOW="2026-12-20 09:00" run_mend contact --undo
has "--undo: taken back" "Taken back."
has "--undo: the count from the one before" "Day 18 since you last reached out."
MEND_NOW="2026-12-20 09:00" run_mend contact --on yesterday
has "--on yesterday: that day" "Noted: 2026-12-19."
has "--on yesterday: day 1" "Day 1 since you last reached out."
MEND_NOW="2026-12-20 09:00" run_mend contact --on 2026-12-10
has "--on a date before the last: noted" "Noted: 2026-12-10."
has "... the count is still from the last" "Day 1 since you last reached out."

MEND_NOW="2026-12-20 09:00" run_mend contact --on 2026-12-21
status "--on a day to come: usage error" 2
err_has "--on a day to come: says so" "2026-12-21 has not come yet"
for bad in 2026-02-30 2026-13-01 soon 2026-12-01x ""; do
  MEND_NOW="2026-12-20 09:00" run_mend contact --on "$bad"
  status "--on '$bad': usage error" 2
done
run_mend contact --note
status "--note without a value: usage error" 2
run_mend contact --list --undo
status "--list with --undo: usage error" 2
run_mend contact --note "$(awk 'BEGIN { while (i++ < 1001) printf "x" }')"
status "a note over 1000 bytes: usage error" 2

printf 'red \033[31mRED\033[0m and a bell \007\n' >"$TMP/note"
MEND_NOW="2026-12-20 09:00" run_mend contact --note "$(cat "$TMP/note")"
MEND_NOW="2026-12-20 09:00" run_mend contact --list
ESC=$(printf '\033')
BEL=$(printf '\007')
case "$OUT" in *"$ESC"* | *"$BEL"*) tap FAIL "a note is listed without its escape sequences" "$OUT" ;;
*) tap OK "a note is listed without its escape sequences" ;; esac
has "... and with its words" "red RED and a bell"

run_mend help contact
status "mend help contact: exit 0" 0
has "mend help contact: the usage" "usage: mend contact"

# ---- plans ---------------------------------------------------------------------------
cat >"$TMP/contact.sent.plan" <<'PLAN'
answer 8
choose I sent it
expect [contact]
ending end
PLAN
cat >"$TMP/contact.kept.plan" <<'PLAN'
answer 3
choose I kept it
expect-not [contact]
ending end
PLAN
run_mend test -n 100 --plan "$TMP/contact.sent.plan" --plan "$TMP/contact.kept.plan" "$C"
status "plans: [contact] where the story records one, not elsewhere" 0
has "... both pass" "plans: 2 of 2 passed"
