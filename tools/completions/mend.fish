# SPDX-License-Identifier: MIT
# fish completion for mend: commands, each command's options (read from its
# own help), scenario ids (from `mend list`) and story files. Installed as
# share/fish/vendor_completions.d/mend.fish.

function __mend_commands
    mend --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'
end

function __mend_options
    set -l cmd (commandline -opc)[2]
    mend help $cmd 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
end

function __mend_ids
    mend list --format tsv 2>/dev/null | awk -F '\t' '$1 == "scenario" { print $2 }'
end

complete -c mend -f
complete -c mend -n __fish_use_subcommand -a '(__mend_commands)'
complete -c mend -n '__fish_seen_subcommand_from help' -a '(__mend_commands)'
complete -c mend -n 'not __fish_use_subcommand; and string match -q -- "-*" (commandline -ct)' -a '(__mend_options)'
complete -c mend -n '__fish_seen_subcommand_from play' -a '(__mend_ids)'
complete -c mend -n '__fish_seen_subcommand_from play lint test graph watch stats export' -F -a '(__fish_complete_suffix .xml)'
complete -c mend -n '__fish_seen_subcommand_from journal' -l story -x -a '(__mend_ids)'
