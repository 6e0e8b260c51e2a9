#!/bin/sh
# SPDX-License-Identifier: MIT
# progress.sh - check-ins across days: a scenario played on several faked
# dates (MEND_NOW), then `mend progress` (the table, the chart, --measure,
# --days), the library's line (the No Contact counter and the urge this
# week), the summary's comparison with the last 7 days, the CSV (parsed) and
# JSON (jq) exports, what the database may hold printed safely, --forget, and
# local days under TZ.
. tests/lib.sh

LIB=$TMP/lib
mkdir -p "$LIB"
cp tests/e2e/fixtures/checkins.xml "$LIB/"
export MEND_PATH=$LIB

# play DATE URGE-FIRST URGE-LAST STEADY(y|n): one session of checkins.xml
play() {
  printf '%s\nhello\nagain\n1\n%s\n%s\nn\n' "$2" "$4" "$3" |
    MEND_NOW="$1" "$MEND" play --plain checkins >"$TMP/out" 2>"$TMP/err"
  RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}

OUT=$(MEND_NOW="2026-12-02 10:00" "$MEND" progress 2>&1)
RC=$?
status "progress with nothing recorded: exit 0" 0
has "progress with nothing recorded says so" "Nothing recorded yet"
check "and creates no database" test ! -e "$DB"
OUT=$(MEND_NOW="2026-12-02 10:00" "$MEND" list 2>&1)
lacks "the library says nothing of progress without data" "this week"
lacks "nor of contact" "reached out"

play "2026-11-10 21:30" 9 7 y
status "a session on 10 Nov" 0
lacks "its summary has no week before to compare with" "on average"
play "2026-11-12 21:30" 8 6 n
has "the next session compares today's answer with the 7 days before" \
  "Urge to reach out: 6 today; 8 on average over the last 7 days."
play "2026-11-28 08:00" 7 5 y
play "2026-11-28 23:10" 6 4 n
play "2026-12-01 21:30" 4 2 y
has "a mean of several days, with two sessions on one day" \
  "Urge to reach out: 2 today; 5.5 on average over the last 7 days."
lacks "a yes/no check-in is not averaged" "Feeling steady: yes today"
check "every answer is a check-in with its local date" \
  test "$(sql "SELECT count(*) FROM checkins WHERE label = 'Urge to reach out'")" = 10
check "two on 28 Nov, in the order answered" \
  test "$(sql "SELECT group_concat(value) FROM (SELECT value FROM checkins WHERE local_date = '2026-11-28' AND var = 'urge' ORDER BY id)")" = "7,5,6,4"

export MEND_NOW="2026-12-02 10:00"
run_mend progress
status "progress: exit 0" 0
has "a pipe gets the table: every answer of a day, in order" "Sat 28 Nov 2026  7, 5, 6, 4"
has "the table has each day with answers" "Tue 10 Nov 2026  9, 7"
has "a yes/no measure in words" "Sat 28 Nov 2026  yes, no"
has "the scale, from the story" "Urge to reach out (0 to 10)"
has "a yes/no measure is named so" "Feeling steady (yes or no)"
has "how many answers on how many days" "10 answers, on 4 of these 30 days."
lacks "no block characters in a pipe" "█"
OUT=$(TERM=dumb "$MEND" progress 2>&1)
lacks "TERM=dumb gets no chart either" "▁"

run_mend progress --days 7
has "--days 7: the last 7 days" "Sat 28 Nov 2026"
lacks "--days 7 leaves out 10 Nov" "10 Nov"
run_mend progress --measure "URGE to reach OUT"
has "--measure by label, ignoring case" "Urge to reach out"
lacks "--measure leaves out the others" "Feeling steady"
run_mend progress --measure steady
has "--measure by variable name" "Feeling steady"
run_mend progress --measure nothing-like-it
has "--measure with no answers says so" 'No answers to "nothing-like-it"'

run_mend progress --chart --width 40
status "--chart: exit 0" 0
has "the chart's scale" "10 ┤"
has "the chart's axis" "└────"
has "the last day is today" "today"
has "the day with yes and no" "◐"
has "the marks' legend" "● yes  ○ no  ◐ both"
wide=$(printf '%s\n' "$OUT" | while IFS= read -r l; do
  [ "$(printf '%s' "$l" | wc -m)" -gt 40 ] && echo x
done)
check "every line of the chart fits 40 columns" test -z "$wide"
bars=$(printf '%s\n' "$OUT" | grep '^ 0 ┤' | head -n 1)
# 30 days in 36 columns: one column a day; days with answers: 10, 12, 28 Nov and 1 Dec
check "one bar a day with answers, a gap for the others" \
  test "$(printf '%s' "$bars" | sed 's/^ 0 ┤//' | grep -o '[▁▂▃▄▅▆▇█]' | wc -l)" = 4
run_mend progress --chart --width 20
wide=$(printf '%s\n' "$OUT" | while IFS= read -r l; do
  [ "$(printf '%s' "$l" | wc -m)" -gt 20 ] && echo x
done)
check "a 20-column chart fits" test -z "$wide"
has "and still ends today" "today"

# the library's line
run_mend list
has "the library shows the urge this week (26 Nov to today)" "Urge to reach out this week: 7 → 2"
lacks "no counter before a contact is recorded" "reached out"
sql "INSERT INTO contacts(created, local_date, note) VALUES(1795000000, '2026-11-20', 'one text')"
run_mend list
has "the counter: days since the last contact" \
  "Day 12 since you last reached out · Urge to reach out this week: 7 → 2"
printf ':quit\n' | "$MEND" >"$TMP/out" 2>"$TMP/err"
OUT=$(cat "$TMP/out")
has "the menu shows it too" "Day 12 since you last reached out"
sql "INSERT INTO contacts(created, local_date, note) VALUES(1796100000, '2026-12-02', '=1+1, \"just once\"')"
run_mend list
has "a contact today: a new start, kindly" "Starting again today, and that counts."
lacks "no day count on the day of a slip" "Day "
sql "INSERT INTO contacts(created, local_date, note) VALUES(1796000000, '2026-12-09', '')"
run_mend list
has "a contact dated after today (a clock set back) counts as today" "Starting again today"
run_mend progress
has "progress starts with the counter" "Starting again today, and that counts."
OUT=$(LC_ALL=C "$MEND" list 2>&1)
has "without UTF-8, plain separators" "Starting again today, and that counts. - Urge to reach out this week: 7 -> 2"

# exports
"$MEND" progress --format csv >"$TMP/log.csv"
RC=$?
status "csv: exit 0" 0
check "csv lines end with CRLF (RFC 4180)" \
  test "$(grep -c "$(printf '\r')\$" "$TMP/log.csv")" = "$(wc -l <"$TMP/log.csv")"
# an RFC 4180 reader: fields split at commas outside quotes, "" inside quotes
# is a quote; prints each record's fields joined by a tab
awk 'BEGIN { RS = "\r\n" }
{
  line = $0
  while (gsub(/"/, "\"", line) % 2) { getline more; line = line "\r\n" more }
  n = 0; f = ""; q = 0
  for (i = 1; i <= length(line); i++) {
    c = substr(line, i, 1)
    if (q && c == "\"" && substr(line, i + 1, 1) == "\"") { f = f c; i++ }
    else if (c == "\"") q = !q
    else if (c == "," && !q) { out = out (n++ ? "\t" : "") f; f = "" }
    else f = f c
  }
  print out (n++ ? "\t" : "") f " |" n
  out = ""
}' "$TMP/log.csv" >"$TMP/log.tsv"
check "csv: a header and one record per check-in and contact" \
  test "$(wc -l <"$TMP/log.tsv")" = $((1 + $(sql "SELECT count(*) FROM checkins") + $(sql "SELECT count(*) FROM contacts")))
check "csv: every record has 8 fields" test -z "$(grep -v ' |8$' "$TMP/log.tsv")"
check "csv: the header" grep -qx "$(printf 'kind\tdate\ttime\tstory\tmeasure\tvariable\tvalue\tnote |8')" "$TMP/log.tsv"
check "csv: a check-in record" \
  grep -qx "$(printf 'checkin\t2026-11-28\t23:10\tcheckins\tUrge to reach out\turge\t6\t |8')" "$TMP/log.tsv"
check "csv: a note with a comma and quotes, read back whole, not a formula" \
  grep -qx "$(printf "contact\t2026-12-02\t[0-9:]*\t\t\t\t\t'=1+1, \"just once\" |8")" "$TMP/log.tsv"

"$MEND" progress --format json >"$TMP/log.json"
check "json: valid" json_valid doc "$TMP/log.json"
check "json: every check-in" \
  test "$(jq '.checkins | length' "$TMP/log.json")" = "$(sql "SELECT count(*) FROM checkins")"
check "json: a check-in's fields" \
  jq -e '.checkins[0] == {"date": "2026-11-10", "time": "21:30", "story": "checkins", "measure": "Urge to reach out", "variable": "urge", "value": 9}' "$TMP/log.json"
check "json: the contacts, with their notes" \
  jq -e '[.contacts[].note] == ["one text", "=1+1, \"just once\"", ""]' "$TMP/log.json"
"$MEND" progress --format json --days 3 >"$TMP/recent.json"
check "json --days 3: only those days" \
  jq -e '([.checkins[].date] | unique) == ["2026-12-01"] and ([.contacts[].date] | unique) == ["2026-12-02", "2026-12-09"]' "$TMP/recent.json"

# what the database holds is printed safely
sql "INSERT INTO checkins(created, local_date, story_id, var, label, value, session)
     VALUES(1796100000, '2026-12-02', 'gone', 'x', 'Bad' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' label', 99, 'k'),
           (1796100000, 'not a date', 'gone', 'y', 'Odd', 3, 'k'),
           (1796100000, '2026-12-20', 'gone', 'z', 'Later', 3, 'k')"
run_mend progress
status "progress with hostile rows: exit 0" 0
check "no escape character is printed" sh -c "! printf '%s' \"\$1\" | grep -q \"\$(printf '\\033')\"" _ "$OUT"
has "the label is shown without its escape sequences" "Bad label"
has "a story that is gone: the scale from the answers" "(99 to 100)"
lacks "a row whose date is not a date is left out of the chart" "Odd"
lacks "an answer dated after today is left out" "Later"
run_mend list
check "nor in the library" sh -c "! printf '%s' \"\$1\" | grep -q \"\$(printf '\\033')\"" _ "$OUT"
"$MEND" progress --format json >"$TMP/bad.json"
check "json escapes it" json_valid doc "$TMP/bad.json"
check "json keeps the label exactly" \
  jq -e 'any(.checkins[]; .measure == "Bad\u001b[2J\u001b]0;pwned\u0007 label")' "$TMP/bad.json"
"$MEND" progress --format csv >"$TMP/bad.csv"
check "csv drops the escape sequences" sh -c "! grep -q \"\$(printf '\\033')\" '$TMP/bad.csv'"

# --no-save records nothing
before=$(sql "SELECT count(*) FROM checkins")
printf '5\nhello\nagain\n1\ny\n3\n' | "$MEND" play --plain --no-save checkins >/dev/null 2>&1
check "--no-save records no check-in" test "$(sql "SELECT count(*) FROM checkins")" = "$before"

# local days: the same moment is 1 Dec in New York and 2 Dec in Tokyo
printf '5\nhello\nagain\n1\ny\n3\nn\n' |
  TZ=EST5 MEND_NOW=@1796167800 "$MEND" play --plain checkins >/dev/null 2>&1
printf '5\nhello\nagain\n1\ny\n3\nn\n' |
  TZ=JST-9 MEND_NOW=@1796167800 "$MEND" play --plain checkins >/dev/null 2>&1
check "a check-in is kept under its local date" \
  test "$(sql "SELECT group_concat(DISTINCT local_date) FROM (SELECT local_date FROM checkins WHERE created = 1796167800 ORDER BY id)")" = "2026-12-01,2026-12-02"

# usage
run_mend progress --days 0
status "--days 0 is a usage error" 2
run_mend progress --forget --days 3
status "--forget takes no --days" 2
run_mend progress --format xml
status "an unknown format is a usage error" 2
run_mend help progress
has "mend help progress" "usage: mend progress"

# --forget
journal=$(sql "SELECT count(*) FROM journal")
printf 'n\n' | "$MEND" progress --forget >"$TMP/out" 2>&1
OUT=$(cat "$TMP/out")
has "--forget asks first" "[y/n]"
has "and keeps them on no" "were kept"
check "nothing was deleted" test "$(sql "SELECT count(*) FROM checkins")" -gt 0
printf 'y\n' | "$MEND" progress --forget >"$TMP/out" 2>&1
OUT=$(cat "$TMP/out")
has "--forget deletes on yes" "were deleted"
check "every check-in is gone" test "$(sql "SELECT count(*) FROM checkins")" = 0
check "every contact is gone" test "$(sql "SELECT count(*) FROM contacts")" = 0
check "the journal is kept" test "$(sql "SELECT count(*) FROM journal")" = "$journal"
check "the words are in no file" sh -c "! grep -rq 'just once' '$XDG_DATA_HOME/mend'"
run_mend list
lacks "the library's line is gone" "this week"
run_mend progress
has "progress: nothing in the last 30 days" "No check-ins in the last 30 days"
run_mend progress --forget --yes </dev/null
status "--forget --yes asks nothing" 0
finish
