#!/bin/sh
# guide.sh - the messages the authors' guide quotes (stories/README.md,
# section 5) are mend lint's real output: each story of
# tests/e2e/fixtures/guide/NAME/story.xml is one mistake of that list, and
# every error and warning lint gives for it must stand in the guide, word for
# word.
#
#   MEND=$PWD/build/mend sh tests/e2e/guide.sh
. tests/lib.sh

GUIDE=$(pwd)/stories/README.md
sed -n '/^## 5\. /,/^## 6\. /p' "$GUIDE" >"$TMP/section5"
check "the guide has its section 5" test -s "$TMP/section5"
for d in tests/e2e/fixtures/guide/*/; do
  name=$(basename "$d")
  (cd "$d" && "$MEND" lint --no-snippet story.xml) >/dev/null 2>"$TMP/err"
  grep -E ': (error|warning): ' "$TMP/err" | grep -v 'W-unread\|W-unchanged' >"$TMP/lines"
  check "$name: lint finds the mistake" test -s "$TMP/lines"
  while IFS= read -r line; do
    if grep -qF -- "\`$line\`" "$TMP/section5"; then
      tap OK "$name: the guide quotes it as it is"
    else
      tap FAIL "$name: the guide quotes it as it is" "not in section 5 of stories/README.md: $line"
    fi
  done <"$TMP/lines"
done
finish
