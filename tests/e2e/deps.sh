#!/bin/sh
# SPDX-License-Identifier: MIT
# deps.sh - who installs packages: only `make play` and `make test`, the
# README's two commands. Plain `make` (and `make check`, `make web`...) runs
# tools/install-deps.sh in check mode: it names what is missing and the
# command that installs it, and installs nothing. Shown with a PATH where
# tmux is missing and apt-get and sudo are fakes that record being called.
#
#   MEND=$PWD/build/mend sh tests/e2e/deps.sh
. tests/lib.sh

# a PATH of everything but tmux, apt-get and sudo
BIN=$TMP/bin
mkdir -p "$BIN"
for d in $(printf '%s' "$PATH" | tr ':' ' '); do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    n=${f##*/}
    case $n in tmux | apt-get | sudo) continue ;; esac
    [ -e "$BIN/$n" ] || ln -s "$f" "$BIN/$n" 2>/dev/null
  done
done
for n in apt-get sudo; do
  printf '#!/bin/sh\necho "%s $*" >>"%s"\nexit 0\n' "$n" "$TMP/called" >"$BIN/$n"
  chmod +x "$BIN/$n"
done

PATH=$BIN MEND_DEPS=check sh tools/install-deps.sh test >"$TMP/out" 2>"$TMP/err"
RC=$?
OUT=$(cat "$TMP/out")
ERR=$(cat "$TMP/err")
status "check mode, tmux missing: it fails" 1
err_has "... naming what is missing" "missing dependencies: tmux"
err_has "... and the command that installs it" "sudo apt-get install -y tmux"
check "... and installs nothing (no apt-get, no sudo)" test ! -e "$TMP/called"

PATH=$BIN sh tools/install-deps.sh test >"$TMP/out" 2>"$TMP/err"
RC=$?
ERR=$(cat "$TMP/err")
check "install mode (make play, make test): it calls apt-get for tmux" \
  grep -q "apt-get.* install .*tmux" "$TMP/called"

# what make runs (as a person runs it: not under this suite's own make,
# whose command-line variables, DEPS_MODE=install among them, its children inherit)
nomake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u DEPS_MODE "$@"; }
nomake make -n -s all 2>/dev/null | grep 'install-deps.sh' >"$TMP/plain"
check "plain make runs the dependency check in check mode" grep -q 'MEND_DEPS=check ' "$TMP/plain"
nomake make -n -s play 2>/dev/null | grep 'install-deps.sh' >"$TMP/play"
check "make play runs it in install mode" grep -q 'MEND_DEPS=install ' "$TMP/play"
nomake make -n -s test 2>/dev/null | grep 'install-deps.sh\|DEPS_MODE' >"$TMP/test"
check "make test runs it in install mode" grep -q 'MEND_DEPS=install \|DEPS_MODE=install' "$TMP/test"
check "building the program does not need cmocka" \
  sh -c "! sed -n '/^# ---- building/,/^# ---- testing/p' tools/install-deps.sh | grep -q cmocka"
finish
