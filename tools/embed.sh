#!/bin/sh
# SPDX-License-Identifier: MIT
# embed.sh FILE SYMBOL - writes a C source defining FILE's bytes as SYMBOL.
set -eu
printf '/* generated from %s by tools/embed.sh: do not edit */\n#include <stddef.h>\n' "$1"
printf 'const unsigned char %s[] = {\n' "$2"
od -An -v -tx1 "$1" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00};\nconst size_t %s_len = sizeof(%s) - 1;\n' "$2" "$2"
