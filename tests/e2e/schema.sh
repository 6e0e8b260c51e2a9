#!/bin/sh
# SPDX-License-Identifier: MIT
# schema.sh - the loader's own checks and the RELAX NG schema (stories/mend.rng)
# agree on every fixture and story: what the schema rejects, mend lint rejects
# too, and validating with the schema as well (mend lint --schema) never finds
# an error the loader missed. The loader skips the schema for speed; this is
# what makes that safe.
. tests/lib.sh

have_xmllint=1
command -v xmllint >/dev/null 2>&1 || have_xmllint=0
n=0
for f in tests/fixtures/good/*.xml tests/fixtures/good/parts/*.xml tests/fixtures/bad/*.xml \
  tests/fixtures/bad/parts/*.xml tests/fixtures/schema-bad/*.xml tests/fixtures/warn/*.xml \
  tests/fixtures/hostile/*.xml tests/e2e/fixtures/*.xml tests/e2e/fixtures/*/*.xml \
  stories/*.xml stories/examples/*.xml; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  "$MEND" lint "$f" >/dev/null 2>"$TMP/plain"
  a=$?
  "$MEND" lint --schema "$f" >/dev/null 2>"$TMP/schema"
  b=$?
  if [ "$a" = "$b" ] && ! { [ "$a" = 0 ] && grep -q 'not allowed by the story format' "$TMP/schema"; }; then
    tap OK "$f: mend lint and mend lint --schema agree (exit $a)"
  else
    tap FAIL "$f: mend lint exits $a, with --schema $b" "$(cat "$TMP/schema")"
  fi
  if [ $have_xmllint = 1 ]; then
    if xmllint --noout --relaxng stories/mend.rng "$f" >/dev/null 2>&1; then
      :
    elif [ "$a" = 0 ]; then
      tap FAIL "$f: the schema rejects it, but mend lint accepts it" \
        "$(xmllint --noout --relaxng stories/mend.rng "$f" 2>&1 | head -n 5)"
    else
      tap OK "$f: the schema rejects it, and so does mend lint"
    fi
  fi
done
check "the comparison covered the fixtures" test "$n" -gt 150
finish
