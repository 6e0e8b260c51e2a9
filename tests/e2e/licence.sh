#!/bin/sh
# SPDX-License-Identifier: MIT
# licence.sh - anyone may package, fork or embed mend: LICENSE says which
# licence covers what, LICENSES/ holds each text, every source file carries
# an SPDX-License-Identifier in its first lines, REUSE.toml covers the files
# that cannot (stories, data, documents), and each identifier used has its
# text.
#
#   MEND=$PWD/build/mend sh tests/e2e/licence.sh
. tests/lib.sh

check "LICENSE is there" test -s LICENSE
for l in MIT CC-BY-4.0 GPL-3.0-or-later; do
  check "LICENSES/$l.txt is there" test -s "LICENSES/$l.txt"
  check "... and LICENSE says what it covers" grep -q "LICENSES/$l.txt" LICENSE
done
check "MIT's text names its copyright holder" grep -q '^Copyright (c) 2026 the mend authors$' LICENSES/MIT.txt

# the files REUSE.toml covers: its path globs, as shell patterns
covered() {
  case $1 in
  stories/* | docs/* | README.md | tests/fixtures/* | tests/e2e/fixtures/* | tests/safety/* | tests/rubrics/* | \
    tests/fuzz/corpus/* | tests/fuzz/regressions/* | tests/fuzz/story.xml | \
    tests/web/package-lock.json | tests/web/package.json | .gitignore | .clang-format | .ci/* | \
    LICENSE | LICENSES/* | REUSE.toml) return 0 ;;
  esac
  return 1
}
if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
  git ls-files >"$TMP/files"
else
  find . -type f ! -path './build*' ! -path './.git/*' ! -path './tests/web/node_modules/*' |
    sed 's|^\./||' >"$TMP/files"
fi
missing=""
n=0
while IFS= read -r f; do
  covered "$f" && continue
  [ -f "$f" ] || continue
  n=$((n + 1))
  head -n 4 "$f" | grep -q 'SPDX-License-Identifier: ' || missing="$missing $f"
done <"$TMP/files"
if [ -z "$missing" ] && [ "$n" -gt 100 ]; then
  tap OK "every source file names its licence ($n files)"
else
  tap FAIL "every source file names its licence" "without an SPDX line:$missing"
fi
for dir in stories docs tests/fixtures; do
  check "REUSE.toml covers $dir/" grep -qF "\"$dir/**\"" REUSE.toml
done
# every identifier used has its text
used=$( (sed -n 's/.*SPDX-License-Identifier: \([A-Za-z0-9.+-]*\).*/\1/p' $(cat "$TMP/files") 2>/dev/null
  sed -n 's/^SPDX-License-Identifier = "\(.*\)"$/\1/p' REUSE.toml) | sort -u)
for l in $used; do
  check "the licence $l has its text in LICENSES/" test -s "LICENSES/$l.txt"
done
check "the README says how mend is licensed" grep -q '^## Licence' README.md
finish
