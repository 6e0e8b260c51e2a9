#!/bin/sh
# diskfull.sh - saves and journal entries that cannot be written: a file size
# limit (ulimit -f: write() fails with EFBIG, as mend ignores SIGXFSZ), a full
# disk and a read-only one (a small tmpfs, where a mount namespace can be
# had), a folder without write permission (not as root). Each time the player
# says so in one line and goes on, and the previous save and the journal are
# kept byte for byte.
. tests/lib.sh

Q=tests/e2e/fixtures/questions.xml
SAVE=$XDG_STATE_HOME/mend/sessions/questions.save
J=$XDG_DATA_HOME/mend/journal
LONG=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "w"; }')

# A session stopped at its second text question: a save of 6 decisions, and
# the first text answer in the journal.
FIRST='5\ny\nfirst note\n1\n5\ny\n'
start_session() {
  rm -rf "$XDG_STATE_HOME" "$XDG_DATA_HOME"
  printf "$FIRST" | "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
  cp "$SAVE" "$TMP/save.before" && cp "$J" "$TMP/journal.before"
}

# kept WHAT: the save and the journal are as they were, and no temporary file
# is left
kept() {
  check "$1: the previous save is kept, byte for byte" cmp -s "$SAVE" "$TMP/save.before"
  check "$1: the journal is kept, byte for byte" cmp -s "$J" "$TMP/journal.before"
  check "$1: no temporary file is left" \
    sh -c "! find '$XDG_STATE_HOME' '$XDG_DATA_HOME' -name '*.tmp-*' | grep -q ."
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
check "the session was saved" grep -q '^a first note$' "$SAVE"
check "the first text answer is in the journal" grep -q '^text first note$' "$J"
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
printf "$first" | "$mend" play --seed 1 "$q" >/dev/null 2>&1
cp "$mnt/state/mend/sessions/questions.save" "$out/full.save.before"
cp "$mnt/data/mend/journal" "$out/full.journal.before"
# fill the disk, then go on
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
printf 'second note\n' | "$mend" play --resume "$q" >"$out/full.out" 2>"$out/full.err"
echo $? >"$out/full.rc"
cp "$mnt/state/mend/sessions/questions.save" "$out/full.save.after"
cp "$mnt/data/mend/journal" "$out/full.journal.after"
find "$mnt" -name '*.tmp-*' >"$out/full.left"
rm -f "$mnt/filler"
# read-only
mount -o remount,ro "$mnt" || exit 98
printf 'third note\n' | "$mend" play --resume "$q" >"$out/ro.out" 2>"$out/ro.err"
echo $? >"$out/ro.rc"
cp "$mnt/state/mend/sessions/questions.save" "$out/ro.save.after"
cp "$mnt/data/mend/journal" "$out/ro.journal.after"
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
  check "full disk: the previous save is kept, byte for byte" \
    cmp -s "$TMP/full.save.after" "$TMP/full.save.before"
  check "full disk: the journal is kept, byte for byte" \
    cmp -s "$TMP/full.journal.after" "$TMP/full.journal.before"
  check "full disk: no temporary file is left" test ! -s "$TMP/full.left"
  RC=$(cat "$TMP/ro.rc") ERR=$(cat "$TMP/ro.err")
  status "read-only disk: the session goes on to the end of its input" 3
  said "read-only disk" "Read-only file system"
  check "read-only disk: the previous save is kept, byte for byte" \
    cmp -s "$TMP/ro.save.after" "$TMP/full.save.before"
  check "read-only disk: the journal is kept, byte for byte" \
    cmp -s "$TMP/ro.journal.after" "$TMP/full.journal.before"
else
  echo "# a full disk and a read-only one: skipped (no mount namespace to be had here)"
fi

finish
