#!/bin/sh
# SPDX-License-Identifier: MIT
# install.sh - `make install PREFIX=~/.local`, as the README says it, by a
# person who is not root (as `nobody` when the suite runs as root): the
# binary, the man page and the story library land under ~/.local, and the
# installed mend, run from elsewhere, finds its stories, reads answers with
# its lexicon, and names itself `mend` in the commands it prints. Then `make
# uninstall` removes them. It builds its own copy (BUILD in a temporary
# folder), once: not in the sanitizer pass, which tests the same Makefile.
. tests/lib.sh

if [ "${MEND_SANITIZED:-0}" = 1 ]; then
  echo "ok 1 - # SKIP the install is checked by the plain pass"
  exit 0
fi
U=$TMP/u # everything the installing person owns
mkdir -p "$U/home" "$U/work" "$U/src"
chmod 755 "$TMP"
# the person installs from a copy of the tree of their own, as from an
# unpacked release: this one may be where they cannot read (/root/mend)
SRC=$U/src
tar -C "$(pwd)" --exclude='./build*' --exclude=./.git --exclude=./tests/web/node_modules \
  -cf - . | tar -C "$SRC" -xf -
# as_person COMMAND...: runs COMMAND as a person who is not root, in a clean
# environment, with ~/.local/bin on PATH
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
  chown -R nobody "$U"
  as_person() {
    setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env -i \
      PATH="$U/home/.local/bin:/usr/bin:/bin" HOME="$U/home" LC_ALL=C.UTF-8 "$@"
  }
  WHO=nobody
else
  as_person() { env -i PATH="$U/home/.local/bin:/usr/bin:/bin" HOME="$U/home" LC_ALL=C.UTF-8 "$@"; }
  WHO=$(id -un)
fi
[ "$(as_person id -u)" != 0 ] || {
  tap FAIL "a person who is not root can be found to install as" "id -u gives 0"
  finish
  exit 1
}

# the ~ as a shell that does not expand it in an argument (dash, zsh) passes it
as_person sh -c "cd '$SRC' && make -j2 --no-print-directory BUILD='$U/build' install PREFIX='~/.local'" \
  >"$TMP/make.out" 2>&1
RC=$?
OUT=$(cat "$TMP/make.out")
status "make install PREFIX=~/.local works as $WHO (not root)" 0
L=$U/home/.local
check "the binary is installed in ~/.local/bin" test -x "$L/bin/mend"
check "the man page is installed" test -f "$L/share/man/man1/mend.1"
check "the stories are installed" test -f "$L/share/mend/stories/no-contact.xml"
check "the safety lexicon and helplines are installed" \
  test -f "$L/share/mend/stories/safety/en.lexicon" -a -f "$L/share/mend/stories/safety/resources"
check "the words of the language are installed" test -f "$L/share/mend/stories/lang/en.words"
check "nothing is left in a folder literally named ~" test ! -e "$SRC/~"

OUT=$(as_person sh -c "cd '$U/work' && mend list" 2>&1)
has "the installed mend, run from elsewhere, finds its stories" "[no-contact]"
OUT=$(printf '1\n:quit\n' | as_person sh -c "cd '$U/work' && mend play no-contact" 2>&1)
has "and names itself mend in what it prints" "To go on later: mend play no-contact"
OUT=$(printf 'i want to die\n' | as_person sh -c "cd '$U/work' && mend safety-check" 2>&1)
has "the installed mend reads answers with its lexicon" "1 line: 1 crisis"
OUT=$(as_person sh -c "MANPATH='$L/share/man' man -w mend" 2>&1)
has "man finds the installed page" "$L/share/man/man1/mend.1"

as_person sh -c "cd '$SRC' && make --no-print-directory BUILD='$U/build' uninstall PREFIX='~/.local'" \
  >"$TMP/make.out" 2>&1
RC=$?
status "make uninstall PREFIX=~/.local" 0
check "uninstall removes the binary" test ! -e "$L/bin/mend"
check "and the stories" test ! -e "$L/share/mend"
finish
