#!/bin/sh
# SPDX-License-Identifier: MIT
# regex.sh BUILD - the regular expressions of mend.wasm agree with mend's on
# glibc. tests/web/regex.c, built for glibc (BUILD/web/regex-native) and for
# wasm with the page's regex (BUILD/web/regex.wasm: gnulib's copy of glibc's
# regex code, glibc's C.UTF-8 tables), compiles the same patterns through
# engine/pattern.c and runs them on the same texts: every pattern of the
# fixtures, stories and unit tests, 3 000 made by a grammar of what authors
# write, against the sentences of the safety corpus and texts in mixed
# scripts and cases. Both must print the same lines: compiled or refused,
# matched or not, and where (what a note quotes).
. tests/lib.sh
build=${1:-build}
n=${REGEX_PATTERNS:-3000}
corpus=$TMP/corpus
{
  # patterns of rules and of matches() in every story file
  cat tests/fixtures/*/*.xml tests/e2e/fixtures/*.xml stories/*.xml stories/examples/*.xml \
    tests/fuzz/story.xml 2>/dev/null |
    grep -a -o -h "pattern=\"[^\"]*\"\|matches([^,]*, *'[^']*'" |
    sed -e 's/^pattern="//' -e 's/"$//' -e "s/^matches([^,]*, *'//" -e "s/'$//" \
      -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&amp;/\&/g' | sed 's/^/p /'
  # the patterns the unit tests compile
  grep -a -o -h 'compile_error("[^"]*")\|compiles("[^"]*")' tests/unit/test_regex.c |
    sed -e 's/^[a-z_]*("//' -e 's/")$//' | sed 's/^/p /'
  # what people write
  grep -v '^#' tests/safety/corpus-en.txt | sed -n 's/^[^|]*| //p' | head -n 200 | sed 's/^/t /'
} >"$corpus"
np=$(grep -c '^p ' "$corpus")
nt=$(grep -c '^t ' "$corpus")
[ "$np" -gt 10 ] && [ "$nt" -gt 100 ] && tap OK "the corpus holds the fixtures' patterns ($np) and people's sentences ($nt)" ||
  tap FAIL "the corpus holds the fixtures' patterns and people's sentences" "patterns $np, texts $nt"
"$build/web/regex-native" "$n" <"$corpus" >"$TMP/glibc" 2>"$TMP/glibc.err"
tap "$([ $? -eq 0 ] && echo OK || echo FAIL)" "the patterns run on glibc" "$(cat "$TMP/glibc.err")"
node --no-warnings tests/web/wasi-run.cjs "$build/web/regex.wasm" "$n" <"$corpus" >"$TMP/wasm" 2>"$TMP/wasm.err"
tap "$([ $? -eq 0 ] && echo OK || echo FAIL)" "the patterns run in WebAssembly" "$(cat "$TMP/wasm.err")"
echo "# glibc: $(cat "$TMP/glibc.err")"
echo "# wasm:  $(cat "$TMP/wasm.err")"
if cmp -s "$TMP/glibc" "$TMP/wasm"; then
  tap OK "glibc and mend.wasm agree on every pattern and text: compiled, matched, where ($(grep -c '^p[0-9]* t' "$TMP/glibc") pairs)"
else
  tap FAIL "glibc and mend.wasm agree on every pattern and text" "$(diff "$TMP/glibc" "$TMP/wasm" | head -n 20)"
fi
# the same program with wasi-libc's own regex (musl's TRE, and its tables)
# disagrees: what the page would do without gnulib's regex, and proof that
# the comparison can fail
node --no-warnings tests/web/wasi-run.cjs "$build/web/regex-musl.wasm" "$n" <"$corpus" >"$TMP/musl" 2>"$TMP/musl.err"
rc=$?
d=$(diff "$TMP/glibc" "$TMP/musl" | grep -c '^<')
if [ $rc -eq 0 ] && [ "$d" -gt 0 ]; then
  tap OK "with wasi-libc's own regex instead, $d lines differ (the comparison can fail)"
else
  tap FAIL "with wasi-libc's own regex instead, the comparison finds differences" \
    "status $rc, $d lines differ; $(head -c 2000 "$TMP/musl.err")"
fi
finish
