# SPDX-License-Identifier: MIT
# bash completion for mend: commands, each command's options (read from its
# own help, so they never go stale), scenario ids (from `mend list`) and
# story files. Installed as share/bash-completion/completions/mend.

_mend_commands() {
  "$1" --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'
}

_mend_options() { # the long options a command's help names
  "$1" help "$2" 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

_mend_ids() {
  "$1" list --format tsv 2>/dev/null | awk -F '\t' '$1 == "scenario" { print $2 }'
}

_mend() {
  local mend=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local cmd=${COMP_WORDS[1]:-} IFS=$'\n'
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$(_mend_commands "$mend")"$'\n'"--help"$'\n'"--version" -- "$cur"))
    return
  fi
  case $prev in
  --story) COMPREPLY=($(compgen -W "$(_mend_ids "$mend")" -- "$cur")); return ;;
  --format) COMPREPLY=($(compgen -W $'text\njson\ntsv\ndot\nmermaid\ncsv' -- "$cur")); return ;;
  --export | -o | --plan | --image | --html) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ "$cmd" = help ]; then
    COMPREPLY=($(compgen -W "$(_mend_commands "$mend")" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_mend_options "$mend" "$cmd")" -- "$cur"))
    return
  fi
  case $cmd in
  play) COMPREPLY=($(compgen -W "$(_mend_ids "$mend")" -- "$cur") $(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur")) ;;
  lint | test | graph | watch | stats | export)
    COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur")) ;;
  safety-check) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _mend mend
