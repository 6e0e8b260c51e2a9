#!/bin/sh
# SPDX-License-Identifier: MIT
# files.sh - files a person names, and files that are not what they seem:
#   - `mend journal --export` replaces a regular file, writes through a
#     symbolic link or a device, and never removes files it did not create
#     (such as report.md.tmp-draft);
#   - a FIFO or /dev/zero as a story, a plan or the database does not hang
#     mend or make it read without end: regular files only, with a size cap,
#     opened without blocking;
#   - a database that cannot be used (a folder in its place) is neither
#     replaced nor deleted: the session goes on, unsaved, and says so;
#   - a story's file name with escape sequences reaches the terminal without
#     them.
. tests/lib.sh

STORY=tests/fixtures/good/docs-example.xml
printf '9\n1\nI am sorry, it was my fault\n' | "$MEND" play --seed 5 "$STORY" >/dev/null 2>&1

# ---- exports -------------------------------------------------------------------------------
mkdir -p "$TMP/ex"
printf 'draft\n' >"$TMP/ex/report.md.tmp-draft"
printf 'backup\n' >"$TMP/ex/report.md.tmp-2024-backup"
touch -d '3 hours ago' "$TMP/ex/report.md.tmp-draft" "$TMP/ex/report.md.tmp-2024-backup"
run_mend journal --export "$TMP/ex/report.md"
status "an export: exit 0" 0
check "it is written" grep -q 'it was my fault' "$TMP/ex/report.md"
check "an unrelated file named like a temporary one is left alone" \
  test "$(cat "$TMP/ex/report.md.tmp-draft")" = draft
check "... and another one" test "$(cat "$TMP/ex/report.md.tmp-2024-backup")" = backup
check "nothing else is left in the folder" \
  test "$(ls "$TMP/ex" | tr '\n' ' ')" = "report.md report.md.tmp-2024-backup report.md.tmp-draft "
printf 'old\n' >"$TMP/ex/target.md"
ln -s target.md "$TMP/ex/link.md"
run_mend journal --export "$TMP/ex/link.md"
status "an export to a symbolic link: exit 0" 0
check "the link is still a link" test -L "$TMP/ex/link.md"
check "the file it points to holds the export" grep -q 'it was my fault' "$TMP/ex/target.md"
ln -s nowhere.md "$TMP/ex/dangling.md"
run_mend journal --export "$TMP/ex/dangling.md"
status "an export to a dangling link is refused (exit 5)" 5
check "... and creates nothing through it" test ! -e "$TMP/ex/nowhere.md"
mkfifo "$TMP/ex/fifo.md"
timeout 10 cat "$TMP/ex/fifo.md" >"$TMP/ex/from-fifo" &
reader=$!
run_mend journal --export "$TMP/ex/fifo.md"
wait $reader
status "an export to a FIFO with a reader: exit 0" 0
check "the FIFO is still a FIFO" test -p "$TMP/ex/fifo.md"
check "the reader got the export" grep -q 'it was my fault' "$TMP/ex/from-fifo"
if [ "$(id -u)" = 0 ] && mknod "$TMP/ex/null" c 1 3 2>/dev/null; then
  run_mend journal --export "$TMP/ex/null"
  status "an export to a device: exit 0" 0
  check "the device is still a device" test -c "$TMP/ex/null"
else
  echo "# an export to a device: skipped (mknod needs root)"
fi
run_mend journal --export "$TMP/ex"
status "an export to a folder is refused (exit 5)" 5

# ---- FIFOs and /dev/zero -------------------------------------------------------------------------
# guarded WHAT CMD...: runs CMD with a time limit of 10 s; sets RC (124: timeout)
guarded() {
  what=$1
  shift
  timeout 10 "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  RC=$?
  OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
  check "$what: it does not hang" test $RC != 124
}
mkfifo "$TMP/story.xml"
guarded "a FIFO as the story" "$MEND" play --no-save "$TMP/story.xml"
err_has "... it is refused, saying why" "story.xml: error: cannot read the file: it is not a regular file"
guarded "a FIFO as lint's story" "$MEND" lint "$TMP/story.xml"
status "... lint exits 1" 1
Q=tests/e2e/fixtures/questions.xml
mkdir -p "$TMP/plans"
cp "$Q" "$TMP/plans/q.xml"
ln -s /dev/zero "$TMP/plans/q.zero.plan"
guarded "a plan linked to /dev/zero" "$MEND" test -n 0 --plan "$TMP/plans/q.zero.plan" "$TMP/plans/q.xml"
has "... is refused, not read" "q.zero.plan: error: cannot read the plan: it is not a regular file"
rm "$TMP/plans/q.zero.plan"
mkfifo "$TMP/plans/q.fifo.plan"
guarded "a FIFO as a plan found next to the story" "$MEND" test -n 0 "$TMP/plans/q.xml"
has "... is refused" "q.fifo.plan: error: cannot read the plan: it is not a regular file"
rm "$TMP/plans/q.fifo.plan"
awk 'BEGIN { for (i = 0; i < 1100000; i++) print "# a comment" }' >"$TMP/plans/q.big.plan"
guarded "a plan over 1 MB" "$MEND" test -n 0 "$TMP/plans/q.xml"
has "... is refused" "q.big.plan: error: cannot read the plan: it is larger than 1 MB"
rm "$TMP/plans/q.big.plan"
D=$TMP/fifo-data
mkdir -p "$D/mend"
mkfifo "$D/mend/mend.db"
printf '5\n' >"$TMP/in"
XDG_DATA_HOME=$D timeout 10 "$MEND" play --seed 1 "$Q" <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
RC=$? ERR=$(cat "$TMP/err")
check "a FIFO as the database: mend play does not hang" test $RC != 124
err_has "... it says the session cannot be saved, and why" \
  "mend: this session cannot be saved (it is not a regular file)"
check "... and leaves the FIFO as it is" test -p "$D/mend/mend.db"
XDG_DATA_HOME=$D timeout 10 "$MEND" journal >"$TMP/out" 2>"$TMP/err"
RC=$? ERR=$(cat "$TMP/err")
status "a FIFO as the database: mend journal exits 5" 5
err_has "... saying why" "mend journal: cannot open the journal in $D/mend: it is not a regular file"

# ---- a database that cannot be used is not replaced ------------------------------------------------
D=$TMP/dir-data
mkdir -p "$D/mend/mend.db"
printf 'hello\n' >"$D/mend/mend.db/mine"
printf '5\ny\nnot kept\n' >"$TMP/in"
XDG_DATA_HOME=$D run_mend play --seed 1 "$Q" <"$TMP/in"
status "a folder in place of the database: the session goes on" 3
err_has "... it says so" "mend: this session cannot be saved (Is a directory)"
check "... and the folder and what it holds are left as they were" \
  test "$(cat "$D/mend/mend.db/mine")" = hello
if [ "$(id -u)" != 0 ]; then
  D=$TMP/perm-data
  printf '5\n' | XDG_DATA_HOME=$D "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
  chmod 000 "$D/mend/mend.db"
  XDG_DATA_HOME=$D run_mend play --seed 1 "$Q" </dev/null
  chmod 600 "$D/mend/mend.db"
  err_has "a database that cannot be read: it says so" "this session cannot be saved (Permission denied)"
  check "... and it is not replaced" \
    test "$(XDG_DATA_HOME=$D sqlite3 "$D/mend/mend.db" "SELECT decisions FROM sessions")" = 1
else
  echo "# a database without read permission: skipped as root"
fi

# ---- escape sequences in a file name ------------------------------------------------------------
mkdir -p "$TMP/lib"
esc=$(printf 'x\033[31mred\033]0;title\007.xml')
printf '<story id="broken"' >"$TMP/lib/$esc"
MEND_PATH=$TMP/lib run_mend list
err_has "a broken story's file name is shown" "mend: skipping $TMP/lib/x"
check "... without its escape sequences" sh -c "! grep -q \"$(printf '\033')\" '$TMP/err'"
check "... or its BEL" sh -c "! grep -q \"$(printf '\007')\" '$TMP/err'"

finish
