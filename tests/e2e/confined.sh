#!/bin/sh
# SPDX-License-Identifier: MIT
# confined.sh - mend writes nothing outside its XDG folders: sessions and the
# journal in the database $XDG_DATA_HOME/mend/mend.db, what it caches in
# $XDG_CACHE_HOME/mend (or the defaults under $HOME when they are unset or not
# absolute; $XDG_STATE_HOME is only read, for the saves of mend 0.1), folders
# 0700 and files 0600 from the start. Checked by listing what changed in the test's folder
# and, where strace exists, by tracing every file a session creates, writes,
# renames, links, removes or makes a folder of.
. tests/lib.sh

Q=tests/e2e/fixtures/questions.xml
WORK=$TMP/work # what the test itself writes, apart from mend's folders
mkdir -p "$WORK"

# a session with every kind of write: saves at each step, :save, journal
# entries, an ending (the save removed), a session left to resume, mend list
session() {
  printf '5\ny\na first note\n:save\n1\n3\nn\nanother note\n2\n' |
    "$MEND" play --seed 1 "$Q" >"$WORK/out1" 2>&1
  printf '5\ny\na note\n' | "$MEND" play --seed 2 "$Q" >"$WORK/out2" 2>&1
  "$MEND" play --resume "$Q" </dev/null >"$WORK/out3" 2>&1
  MEND_PATH=$PWD/tests/e2e/fixtures "$MEND" list >"$WORK/out4" 2>&1
  "$MEND" journal >"$WORK/out5" 2>&1
}

touch "$WORK/marker"
sleep 1 # whole-second file times: what follows is strictly newer
session
check "the sessions ran (the journal holds the notes)" grep -q 'another note' "$WORK/out5"

# everything new or changed in the test's folder is in the XDG folders
find "$TMP" -newer "$WORK/marker" ! -path "$WORK" ! -path "$WORK/*" ! -path "$TMP" |
  sort >"$WORK/changed"
bad=$(grep -v -e "^$XDG_STATE_HOME" -e "^$XDG_DATA_HOME" -e "^$XDG_CACHE_HOME" -e "^$XDG_CONFIG_HOME" \
  "$WORK/changed")
check "nothing outside the XDG folders changed" test -z "$bad"
[ -z "$bad" ] || printf '%s\n' "$bad" | sed 's/^/#   /'
check "the database is there, 0600" test "$(stat -c %a "$DB")" = 600
check "it holds the session" test "$(sql "SELECT decisions FROM sessions")" = 3
check "and the journal" test "$(sql "SELECT count(*) FROM journal")" = 3
check "nothing is written in the state folder" test ! -e "$XDG_STATE_HOME"
for d in "$XDG_DATA_HOME" "$XDG_DATA_HOME/mend"; do
  check "folder ${d#"$TMP"/} was created 0700" test "$(stat -c %a "$d")" = 700
done
check "nothing went to \$HOME itself" test -z "$(ls -A "$HOME")"

# ---- with no XDG variables, or relative ones: the defaults under $HOME -------------------------

for how in unset relative; do
  H2=$TMP/home-$how
  mkdir -p "$H2"
  if [ $how = unset ]; then
    printf '5\ny\nnote\n' | env -u XDG_STATE_HOME -u XDG_DATA_HOME HOME="$H2" \
      "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
  else
    (cd "$TMP" && printf '5\ny\nnote\n' | XDG_STATE_HOME=rel-state XDG_DATA_HOME=rel-data \
      HOME="$H2" "$MEND" play --seed 1 "$OLDPWD/$Q" >/dev/null 2>&1)
  fi
  check "XDG variables $how: the database goes to \$HOME/.local/share/mend/mend.db" \
    test -f "$H2/.local/share/mend/mend.db"
  check "XDG variables $how: .local/share created 0700" test "$(stat -c %a "$H2/.local/share")" = 700
done
check "relative XDG variables are ignored (no folder made for them)" \
  test ! -e "$TMP/rel-state" -a ! -e "$TMP/rel-data"

# ---- every write a session makes, traced --------------------------------------------------------

if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
  rm -rf "$XDG_STATE_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
  # LeakSanitizer cannot run under ptrace: no leak check in the traced runs
  Q=$Q ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    strace -f -qq -o "$WORK/trace" \
    -e trace=open,openat,creat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,unlink,unlinkat,mkdir,mkdirat,rmdir,truncate,chmod,fchmodat \
    sh -c "$(
      cat <<'EOF'
printf '5\ny\na first note\n:save\n1\n3\nn\nanother note\n2\n' | "$MEND" play --seed 1 "$Q" >/dev/null 2>&1
printf '5\ny\na note\n' | "$MEND" play --seed 2 "$Q" >/dev/null 2>&1
"$MEND" play --resume "$Q" </dev/null >/dev/null 2>&1
"$MEND" journal >/dev/null 2>&1
EOF
    )"
  # the paths of the calls that write: opens for writing or creating, and
  # every rename, link, removal and new folder
  awk '
    /^[0-9]+ +(open|openat|creat)\(/ && !/O_WRONLY|O_RDWR|O_CREAT|O_TMPFILE|O_TRUNC/ { next }
    /^[0-9]+ +mkdir(at)?\(.*= -1 EEXIST/ { next } # the folders above, already there
    /^[0-9]+ +(open|openat|creat|rename|renameat|renameat2|link|linkat|symlink|symlinkat|unlink|unlinkat|mkdir|mkdirat|rmdir|truncate|chmod|fchmodat)\(/ {
      s = $0
      while (match(s, /"[^"]*"/)) {
        p = substr(s, RSTART + 1, RLENGTH - 2)
        s = substr(s, RSTART + RLENGTH)
        if (p !~ /^\/proc\/self\/fd\//) print p
      }
    }' "$WORK/trace" | sort -u >"$WORK/written"
  bad=$(grep -v -e "^$XDG_STATE_HOME\(/\|$\)" -e "^$XDG_DATA_HOME\(/\|$\)" \
    -e "^$XDG_CACHE_HOME\(/\|$\)" -e "^$XDG_CONFIG_HOME\(/\|$\)" -e '^/dev/null$' "$WORK/written")
  check "traced: mend wrote only under the XDG folders ($(grep -c '' "$WORK/written") paths)" \
    test -z "$bad"
  [ -z "$bad" ] || printf '%s\n' "$bad" | head -n 20 | sed 's/^/#   /'
  check "traced: the database was written" grep -q "mend/mend.db$" "$WORK/written"
  check "traced: no chmod after the fact" sh -c "! grep -q 'chmod' '$WORK/trace'"
else
  echo "# the strace checks: skipped (no strace, or it cannot trace here)"
fi

finish
