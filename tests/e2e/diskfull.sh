#!/bin/sh
# SPDX-License-Identifier: MIT
# diskfull.sh - steps that cannot be saved: a file size limit (ulimit -f:
# write() fails with EFBIG, as mend ignores SIGXFSZ), a full disk and a
# read-only one (a small tmpfs, where a mount namespace can be had), a folder
# without write permission (not as root), no HOME at all. Each time the player
# says so in one line and goes on in memory, no message claims that something
# was kept when it was not, and the database is kept as it was: its content
# (sqlite3 .dump) and its bytes. The counts are printed.
. tests/lib.sh

Q=tests/e2e/fixtures/questions.xml
LONG=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "w"; }')
tried=0 kept_n=0

# A session stopped at its second text question: a save of 6 decisions, and
# the first text answer in the journal.
FIRST='5\ny\nfirst note\n1\n5\ny\n'
start_session() {
  rm -rf "$XDG_STATE_HOME" "$XDG_DATA_HOME"
  printf "$FIRST" | "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
  sql .dump >"$TMP/dump.before"
  cp "$DB" "$TMP/db.before"
}

# kept WHAT: the database is as it was
kept() {
  tried=$((tried + 1))
  sql .dump >"$TMP/dump.after"
  if cmp -s "$TMP/dump.after" "$TMP/dump.before"; then kept_n=$((kept_n + 1)); fi
  check "$1: the database holds what it held, row for row" cmp -s "$TMP/dump.after" "$TMP/dump.before"
  check "$1: the database file is kept, byte for byte" cmp -s "$DB" "$TMP/db.before"
  check "$1: no file but the database and the lock file is left" \
    sh -c "! ls -A '$XDG_DATA_HOME/mend' | grep -qvx 'mend.db\|sessions.lock'"
}

# said WHAT ERROR: the player said, once each, that the save and the journal
# entry could not be written, naming ERROR
said() {
  err_has "$1: the player says the journal entry could not be written" \
    "mend: could not write to your journal ($2); your answer is kept in this session"
  err_has "$1: the player says the session could not be saved" \
    "mend: could not save this session ($2); you can go on, and the last good save is kept"
  n=$(printf '%s\n' "$ERR" | grep -c 'could not save this session')
  check "$1: it says so once, not at every step" test "$n" = 1
}

# ---- a file size limit (ulimit -f) -----------------------------------------------------

start_session
check "the session was saved" test "$(sql "SELECT decisions FROM sessions")" = 6
check "the first text answer is in the journal" test "$(sql "SELECT text FROM journal")" = "first note"
# 2 blocks of 512 bytes: the save and the journal so far fit, but not with
# a text answer of 3000 bytes
printf '%s\n' "$LONG" >"$TMP/in"
{
  (
    ulimit -f 2
    exec "$MEND" play --resume "$Q"
  ) <"$TMP/in" 2>"$TMP/err"
  echo $? >"$TMP/rc"
} | cat >"$TMP/out"
RC=$(cat "$TMP/rc") OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
status "ulimit -f: the player is not killed by SIGXFSZ, and goes on to the end of its input" 3
said "ulimit -f" "File too large"
err_has "ulimit -f: the session went on to the choices" "(waiting at 'pick')"
kept "ulimit -f"
"$MEND" play --resume "$Q" </dev/null >"$TMP/out" 2>&1
check "ulimit -f: afterwards the last good save resumes (6 decisions)" \
  grep -q 'Resuming where you left off: 6 decisions in' "$TMP/out"

# ... to an ending: the summary says the answer is not in the journal, and
# the save of the unfinished session is not deleted
start_session
printf '%s\n2\n' "$LONG" >"$TMP/in"
{
  (
    ulimit -f 2
    exec "$MEND" play --resume "$Q"
  ) <"$TMP/in" 2>"$TMP/err"
  echo $? >"$TMP/rc"
} | cat >"$TMP/out"
RC=$(cat "$TMP/rc") OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
status "ulimit -f, to the end: the session ends" 0
lacks "ulimit -f, to the end: the summary does not claim the journal holds the answer" \
  "Your journal keeps"
has "ulimit -f, to the end: it says the answer could not be written" \
  "1 of your answers could not be written to your journal yet (File too large): if the next try fails too, copy them from above to keep them."
has "ulimit -f, to the end: and that the last good save was kept" \
  "Nothing more could be written, and the last good save of this session was kept."
kept "ulimit -f, to the end"

# ---- no HOME and no XDG folder ---------------------------------------------------------------
printf '5\ny\nnowhere\n2\n' >"$TMP/in"
(unset HOME XDG_DATA_HOME XDG_STATE_HOME && "$MEND" play --seed 1 "$Q") <"$TMP/in" \
  >"$TMP/out" 2>"$TMP/err"
RC=$? OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
status "no HOME: the session goes on to its ending" 0
err_has "no HOME: the player says so, once" \
  "mend: this session cannot be saved (there is no HOME (or XDG_DATA_HOME) folder to keep it in); you can play, but nothing you write here will be kept"
check "no HOME: once" test "$(printf '%s\n' "$ERR" | grep -c mend:)" = 1
lacks "no HOME: the summary does not claim the journal holds the answer" "Your journal keeps"
has "no HOME: it says the answer was not kept" "What you wrote here was not kept"

# ---- no write permission on the folder (root writes anyway) -----------------------------

if [ "$(id -u)" != 0 ]; then
  start_session
  chmod 500 "$XDG_STATE_HOME/mend/sessions" "$XDG_DATA_HOME/mend"
  printf 'second note\n' >"$TMP/in"
  run_mend play --resume "$Q" <"$TMP/in"
  chmod 700 "$XDG_STATE_HOME/mend/sessions" "$XDG_DATA_HOME/mend"
  status "read-only folders: the session goes on to the end of its input" 3
  said "read-only folders" "Permission denied"
  kept "read-only folders"
else
  echo "# folders without write permission: skipped as root (the read-only mount below covers it)"
fi

# ---- a full disk and a read-only one: a 256 KB tmpfs in a mount namespace ---------------

# The scenario runs inside the namespace; it leaves its results in $TMP.
cat >"$TMP/mounted.sh" <<'EOF'
set -u
mnt=$1 out=$2 mend=$3 q=$4 first=$5
mount -t tmpfs -o size=256k,mode=700 tmpfs "$mnt" || exit 99
export XDG_STATE_HOME=$mnt/state XDG_DATA_HOME=$mnt/data
db=$mnt/data/mend/mend.db
printf "$first" | "$mend" play --seed 1 "$q" >/dev/null 2>&1
sqlite3 "$db" .dump >"$out/full.dump.before"
cp "$db" "$out/full.db.before"
# fill the disk, then go on
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
printf 'second note\n' | "$mend" play --resume "$q" >"$out/full.out" 2>"$out/full.err"
echo $? >"$out/full.rc"
cp "$db" "$out/full.db.after"
ls -A "$mnt/data/mend" >"$out/full.left"
rm -f "$mnt/filler"
# read-only
mount -o remount,ro "$mnt" || exit 98
printf 'third note\n' | "$mend" play --resume "$q" >"$out/ro.out" 2>"$out/ro.err"
echo $? >"$out/ro.rc"
cp "$db" "$out/ro.db.after"
EOF
mkdir -p "$TMP/mnt"
ns=""
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  ns="unshare -m"
elif unshare -r -m true 2>/dev/null; then
  ns="unshare -r -m"
fi
if [ -n "$ns" ] && $ns sh "$TMP/mounted.sh" "$TMP/mnt" "$TMP" "$MEND" "$PWD/$Q" "$FIRST" &&
  [ -f "$TMP/ro.rc" ]; then
  RC=$(cat "$TMP/full.rc") ERR=$(cat "$TMP/full.err")
  status "full disk: the session goes on to the end of its input" 3
  said "full disk" "No space left on device"
  tried=$((tried + 2))
  DB=$TMP/full.db.after sql .dump >"$TMP/full.dump.after"
  DB=$TMP/ro.db.after sql .dump >"$TMP/ro.dump.after"
  cmp -s "$TMP/full.dump.after" "$TMP/full.dump.before" && kept_n=$((kept_n + 1))
  cmp -s "$TMP/ro.dump.after" "$TMP/full.dump.before" && kept_n=$((kept_n + 1))
  check "full disk: the database holds what it held, row for row" \
    cmp -s "$TMP/full.dump.after" "$TMP/full.dump.before"
  check "full disk: the database file is kept, byte for byte" \
    cmp -s "$TMP/full.db.after" "$TMP/full.db.before"
  check "full disk: no file but the database, its log and the lock file is left" \
    sh -c "! grep -qvx 'mend.db\|mend.db-wal\|mend.db-shm\|sessions.lock' '$TMP/full.left'"
  RC=$(cat "$TMP/ro.rc") ERR=$(cat "$TMP/ro.err")
  status "read-only disk: the session goes on to the end of its input" 3
  said "read-only disk" "Read-only file system"
  has_file() { grep -q "$2" "$TMP/$1.out"; }
  check "read-only disk: the session was resumed (6 decisions)" \
    has_file ro 'Resuming where you left off: 6 decisions in'
  check "read-only disk: the database holds what it held, row for row" \
    cmp -s "$TMP/ro.dump.after" "$TMP/full.dump.before"
  check "read-only disk: the database file is kept, byte for byte" \
    cmp -s "$TMP/ro.db.after" "$TMP/full.db.before"
else
  echo "# a full disk and a read-only one: skipped (no mount namespace to be had here)"
fi
echo "# diskfull: $tried cases tried; $kept_n kept the database as it was, $((tried - kept_n)) changed it; nothing deleted"

finish
