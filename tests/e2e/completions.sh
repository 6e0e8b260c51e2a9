#!/bin/sh
# SPDX-License-Identifier: MIT
# completions.sh - Tab completion in bash, zsh and fish: commands, a
# command's options (read from its own help), scenario ids and story files.
# bash's function is called as bash calls it (COMP_WORDS, COMP_CWORD); zsh's
# with compadd and _files standing in for zsh's completion system; fish's
# through `complete -C`, fish's own way to ask for completions.
#
#   MEND=$PWD/build/mend sh tests/e2e/completions.sh
. tests/lib.sh

C=$PWD/tools/completions
PATH=$(dirname "$MEND"):$PATH
export PATH

bash_complete() { # bash_complete WORD...: the completions of the last word
  bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mend; printf "%s\n" "${COMPREPLY[@]}"' \
    "$C/mend.bash" "$@" 2>&1
}
OUT=$(bash_complete mend pl)
has "bash: 'mend pl' completes to play" "play"
OUT=$(bash_complete mend test --min)
has "bash: an option, read from the command's help" "--min-coverage"
OUT=$(bash_complete mend play no)
has "bash: a scenario id for play" "no-contact"
OUT=$(bash_complete mend journal --story "")
has "bash: a scenario id after --story" "why-back"
OUT=$(bash_complete mend help gr)
has "bash: a command after help" "graph"
mkdir -p "$TMP/w"
touch "$TMP/w/draft.xml" "$TMP/w/notes.txt"
OUT=$(cd "$TMP/w" && bash_complete mend lint "")
has "bash: a story file for lint" "draft.xml"
lacks "... and not a file of another kind" "notes.txt"

if command -v zsh >/dev/null 2>&1; then
  check "zsh: the completion file parses" zsh -n "$C/_mend"
  zsh_complete() { # as bash_complete; PREFIX is the word being completed
    zsh -c 'compadd() { local a p; for a in "$@"; do
        if [[ $p == -a ]]; then print -rl -- ${(P)a}; elif [[ $a != -* ]]; then print -r -- $a; fi; p=$a; done }
      _files() { print -r -- FILES "$@"; }
      source <(sed "\$d" "$0"); words=("$@"); CURRENT=$#; PREFIX=${@[-1]}; _mend' "$C/_mend" "$@" 2>&1
  }
  OUT=$(zsh_complete mend pl)
  has "zsh: 'mend pl' offers play" "play"
  OUT=$(zsh_complete mend test --min)
  has "zsh: an option, read from the command's help" "--min-coverage"
  OUT=$(zsh_complete mend play "")
  has "zsh: a scenario id for play" "no-contact"
  has "... and story files" "FILES -g *.xml"
else
  tap FAIL "zsh is installed (tools/install-deps.sh test)"
fi

if command -v fish >/dev/null 2>&1; then
  fish_complete() { fish -c "source $C/mend.fish; complete -C '$1'" 2>&1; }
  OUT=$(fish_complete "mend pl")
  has "fish: 'mend pl' completes to play" "play"
  OUT=$(fish_complete "mend test --min")
  has "fish: an option, read from the command's help" "--min-coverage"
  OUT=$(fish_complete "mend play no")
  has "fish: a scenario id for play" "no-contact"
else
  tap FAIL "fish is installed (tools/install-deps.sh test)"
fi
finish
