#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile.sh - story files and player input made to hurt: each must end in a
# clear message (file:line: error: for a story), quickly, in bounded memory,
# without a crash, and without an escape sequence reaching the terminal.
#
# Story files: tests/fixtures/hostile/ (small ones, committed) and the large
# ones tests/hostile-gen.sh writes at test time. For each, `mend lint` must
# exit as expected (1, or 0 where the file is legitimately fine), print the
# expected error at the expected line, take under 1 s and 256 MB, and die of
# no signal. Under the sanitizers (`make asan` sets MEND_SANITIZED), which
# slow everything and triple memory, the bounds are 10 s and 768 MB, without
# the guard on address space (ASan reserves terabytes of it). Player input: a 1 MB line, invalid UTF-8, escape
# sequences and NUL bytes at every kind of question, and input ending at
# every kind of question.
. tests/lib.sh

H=tests/fixtures/hostile
G=$TMP/gen
sh tests/hostile-gen.sh "$G" || tap FAIL "tests/hostile-gen.sh writes the generated files"

if [ -n "${MEND_SANITIZED:-}" ]; then
  MAX_MS=10000 MAX_KB=786432
else
  MAX_MS=1000 MAX_KB=262144
fi
ESC=$(printf '\033')
C1=$(printf '\302[\200-\237]')
BIDI=$(printf '\342\200[\252-\256]')
ISOLATE=$(printf '\342\201[\246-\251]')

# guarded CMD...: runs CMD (stdin from $IN, or nothing; killed after 300 s of
# wall time) measuring its time (MS:
# the CPU time it used, user and system, when /usr/bin/time is there, so that a
# loaded machine does not make it fail; wall time otherwise) and peak memory
# (KB, when /usr/bin/time is there), under a 768 MB
# address-space limit except under the sanitizers; sets RC, OUT, ERR.
guarded() {
  t0=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    (
      [ -n "${MEND_SANITIZED:-}" ] || ulimit -v 786432
      exec /usr/bin/time -f '%M %U %S' -o "$TMP/mem" timeout 300 "$@"
    ) <"${IN:-/dev/null}" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    set -- $(tail -n 1 "$TMP/mem") "" "" ""
    KB=$1
    CPU_MS=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%d", (u + s) * 1000 }')
  else
    (
      [ -n "${MEND_SANITIZED:-}" ] || ulimit -v 786432
      exec timeout 300 "$@"
    ) <"${IN:-/dev/null}" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    KB=
    CPU_MS=
  fi
  t1=$(date +%s%N)
  MS=${CPU_MS:-$(((t1 - t0) / 1000000))}
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}

# escapes_absent WHAT FILE...: no ESC, C1 control or bidi override in them
escapes_absent() {
  what=$1
  shift
  if LC_ALL=C grep -q -e "$ESC" -e "$C1" -e "$BIDI" -e "$ISOLATE" "$@"; then
    tap FAIL "$what" "$(LC_ALL=C grep -n -e "$ESC" -e "$C1" -e "$BIDI" -e "$ISOLATE" "$@" | od -c | head -n 8)"
  else
    tap OK "$what"
  fi
}

# bounded WHAT: the last guarded run took under MAX_MS and MAX_KB, no signal
bounded() {
  if [ "$RC" -ge 128 ]; then
    tap FAIL "$1: no crash" "killed by signal $((RC - 128)); stderr:
$(printf '%s\n' "$ERR" | head -c 3000)"
  else
    tap OK "$1: no crash"
  fi
  if [ "$MS" -lt "$MAX_MS" ]; then tap OK "$1: under $MAX_MS ms of CPU"; else
    tap FAIL "$1: under $MAX_MS ms of CPU" "took $MS ms"
  fi
  if [ -z "$KB" ]; then
    tap OK "$1: memory not measured (no /usr/bin/time) # SKIP"
  elif [ "$KB" -lt "$MAX_KB" ]; then tap OK "$1: under $((MAX_KB / 1024)) MB"; else
    tap FAIL "$1: under $((MAX_KB / 1024)) MB" "peak resident memory $KB KB"
  fi
}

# lints FILE STATUS WHY [LINE MESSAGE]...: `mend lint FILE` exits STATUS, in
# bounds, with an error "FILE:LINE:[COL:] error: ...MESSAGE" for each pair
# (and nothing on stderr but warnings when STATUS is 0). WHY names the case.
lints() {
  f=$1 want=$2 why=$3
  shift 3
  guarded "$MEND" lint "$f"
  name="${f#"$TMP"/} ($why)"
  status "$name: mend lint exits $want" "$want"
  bounded "$name"
  while [ $# -ge 2 ]; do
    line=$1 msg=$2
    shift 2
    if printf '%s\n' "$ERR" | grep "^$f:$line:\([0-9]*:\)\{0,1\} error: " | grep -qF -- "$msg"; then
      tap OK "$name: $line: $msg"
    else
      tap FAIL "$name: $line: $msg" "stderr was:
$(printf '%s\n' "$ERR" | cut -c 1-300 | head -n 20)"
    fi
  done
  if [ "$want" = 0 ]; then
    case "$ERR" in
    *" error: "*) tap FAIL "$name: no error" "$ERR" ;;
    *) tap OK "$name: no error" ;;
    esac
  fi
  escapes_absent "$name: no escape sequence in what lint prints" "$TMP/out" "$TMP/err"
  case "$ERR$OUT" in
  *root:x:0:0*) tap FAIL "$name: nothing of /etc/passwd is shown" ;;
  esac
}

# ---- entities, DTDs, the network ------------------------------------------------------------

DOCTYPE="DOCTYPE declarations are not allowed in story files (no DTDs, no entities)"
lints $H/billion-laughs.xml 1 "entity expansion" 2 "$DOCTYPE"
lints $H/external-entity-passwd.xml 1 "an entity reading /etc/passwd" 2 "$DOCTYPE"
lints $H/external-dtd.xml 1 "an external DTD" 2 "$DOCTYPE"
lints $H/network-dtd.xml 1 "a DTD and an entity from the network" 2 "$DOCTYPE"

# ---- XInclude ------------------------------------------------------------------------------------

OUTSIDE="only relative paths inside the story's folder can be included (no '..', no absolute paths, no URLs)"
lints $H/xinclude-url.xml 1 "a URL" 4 "<xi:include href=\"http://127.0.0.1:9/nodes.xml\">: $OUTSIDE"
lints $H/xinclude-file-url.xml 1 "a file: URL" 5 "<xi:include href=\"file:///etc/passwd\">: $OUTSIDE"
lints $H/xinclude-passwd.xml 1 "../../etc/passwd" 6 "<xi:include href=\"../../etc/passwd\">: $OUTSIDE"
lints $H/xinclude-self.xml 1 "itself" \
  5 'include loop: "xinclude-self.xml" is already being included (tests/fixtures/hostile/xinclude-self.xml -> tests/fixtures/hostile/xinclude-self.xml)'
guarded "$MEND" lint $H/xinclude-loop.xml
name="xinclude-loop.xml (two parts including each other)"
status "$name: mend lint exits 1" 1
bounded "$name"
err_has "$name: the loop is reported where it closes" \
  "$H/parts/loop-b.xml:4:21: error: include loop: \"loop-a.xml\" is already being included"
lints "$G/include-deep/main.xml" 1 "50 levels deep" # the error is in a part:
err_has "include-deep: the include too deep is reported in its file" \
  "$G/include-deep/parts/p7.xml:3:3: error: includes nested too deeply (more than 8 levels)"
lints "$G/include-many/main.xml" 1 "150 includes of one file" \
  104 'cannot include "part.xml": a story can include at most 99 files'
case "$ERR" in *"main.xml:103:"*) tap FAIL "include-many: the 99th include (line 103) is fine" ;;
*) tap OK "include-many: the 99th include (line 103) is fine" ;; esac
lints "$G/include-odd/main.xml" 1 "links to /etc/passwd and /dev/zero, and a FIFO" \
  5 'cannot include "passwd.xml": it resolves outside the story'"'"'s folder' \
  6 'cannot include "zero.xml": it resolves outside the story'"'"'s folder' \
  7 'cannot read "fifo.xml": it is not a regular file'

# ---- nothing outside is read, no connection is made: traced -----------------------------------

if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
  for f in external-entity-passwd external-dtd network-dtd xinclude-url xinclude-file-url \
    xinclude-passwd; do
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -o "$TMP/trace" \
      -e trace=open,openat,socket,connect "$MEND" lint $H/$f.xml >/dev/null 2>&1
    if grep -q -e '/etc/passwd' -e 'socket(' -e 'connect(' "$TMP/trace"; then
      tap FAIL "$f.xml: traced, mend opens no file outside and no socket" \
        "$(grep -e '/etc/passwd' -e 'socket(' -e 'connect(' "$TMP/trace" | head -n 5)"
    else
      tap OK "$f.xml: traced, mend opens no file outside and no socket"
    fi
  done
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -o "$TMP/trace" \
    -e trace=open,openat "$MEND" lint "$G/include-odd/main.xml" >/dev/null 2>&1
  check "include-odd: traced, the links are not followed and the FIFO is opened only without blocking" \
    sh -c "! grep -q -e passwd -e zero -e 'fifo.xml\", O_RDONLY|O_CLOEXEC)' '$TMP/trace'"
else
  echo "# traced checks skipped: no strace, or it cannot trace here"
fi

# ---- encodings ----------------------------------------------------------------------------------

lints $H/invalid-utf8.xml 1 "invalid UTF-8" \
  3 "the file is not valid UTF-8 (bytes 0xC3 0x28"
lints $H/overlong-utf8.xml 1 "an overlong encoding and a surrogate" \
  3 "the file is not valid UTF-8 (bytes 0xC0 0xAF"
lints $H/nul-byte.xml 1 "a NUL byte" 4 "the file contains a NUL byte: story files are UTF-8 text"
for f in utf16le-bom utf16be-bom utf16le-no-bom; do
  lints $H/$f.xml 1 "UTF-16" 1 "the file is UTF-16; story files must be UTF-8"
done
lints $H/utf32le-bom.xml 1 "UTF-32" 1 "the file is UTF-32; story files must be UTF-8"
lints $H/declared-latin1.xml 1 "another encoding declared" \
  1 'the file declares encoding "ISO-8859-1"; story files must be UTF-8'
# legitimately fine: XML allows a UTF-8 byte order mark, and reads CR LF and
# a lone CR as line ends
lints $H/utf8-bom.xml 0 "a UTF-8 byte order mark: fine"
lints $H/crlf.xml 0 "Windows line ends: fine"
lints $H/cr-only.xml 0 "old Mac line ends: fine"
lints $H/crlf-error.xml 1 "an error after CR LF line ends keeps its line number" \
  6 'to="nowhere": no node or ending has this id'

# ---- size and shape ------------------------------------------------------------------------------

lints "$G/text-50mb.xml" 1 "a 50 MB text node" 5 "a text of more than 1 MB"
lints "$G/text-900k.xml" 0 "a 900 KB text node, under the limit"
lints "$G/file-70mb.xml" 1 "a 70 MB file" 1 "the file is too large: a story file may be at most 64 MB"
lints "$G/choices-1000000.xml" 1 "a million choices in one node" \
  10005 "an element with more than 10000 elements in it"
lints "$G/choices-250000.xml" 1 "250 000 choices in one node" \
  10005 "an element with more than 10000 elements in it"
lints "$G/elements-250k.xml" 1 "250 000 elements in one element" \
  10006 "an element with more than 10000 elements in it"
lints "$G/edge-of-limits.xml" 1 "as large a tree as the limits allow" \
  5 'to="x": no node or ending has this id'
lints "$G/nesting-100k.xml" 1 "100 000 levels of nesting" \
  5 "elements nested too deeply (more than 256 levels)"
lints "$G/attributes-100k.xml" 1 "100 000 attributes on one element" \
  4 "an element with too many attributes (more than 64)"
lints "$G/attributes-8m.xml" 1 "over 8 000 000 attributes in all" \
  125004 "too many attributes (a story may have at most 8000000)"
lints "$G/identifiers-100k.xml" 1 "identifiers of 100 000 characters" \
  4 'name="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." is too long (the limit is 256 characters)' \
  5 'id="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." is too long (the limit is 256 characters)' \
  6 'id="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." is too long (the limit is 256 characters)' \
  9 "unknown variable '{xxxxxxxx" \
  10 "expression too long (100004 bytes; the limit is 4096)"
lints "$G/parentheses.xml" 1 "expressions 10 000 parentheses deep" \
  6:89 "expression nested too deeply (more than 64 levels) [E-limit]" \
  7 "expression too long (20005 bytes; the limit is 4096)" \
  8:88 "expression nested too deeply (more than 64 levels) [E-limit]" \
  9:280 "expression nested too deeply (more than 64 levels) [E-limit]"

# ---- regular expressions ---------------------------------------------------------------------------

lints $H/regex-nested-repetition.xml 1 "nested bounded repetitions" \
  8 "pattern too complex: its repetitions would make it more than 2000 elements long"
lints $H/regex-nested-plus.xml 1 "nested + in matches()" \
  7 "bad pattern in matches(): pattern too complex"
lints $H/regex-too-long.xml 1 "a pattern over the length limit" \
  8 "pattern too long (1001 characters; the limit is 1000)"
lints $H/regex-slow-search.xml 0 "patterns slow to search for, within the limits"
# ... and checking a long answer against them stays fast
awk 'BEGIN { for (i = 0; i < 4090; i++) printf "a"; printf "\n" }' >"$TMP/long-answer"
IN=$TMP/long-answer guarded "$MEND" play --no-save $H/regex-slow-search.xml
name="regex-slow-search.xml played with an answer of 4090 letters"
status "$name: exit 0" 0
bounded "$name"
has "$name: the rules were checked" "To think about: Words then a bang"
IN=

# ---- escape sequences -----------------------------------------------------------------------------

lints $H/escape-raw-in-title.xml 1 "ESC [ 2 J and OSC 52 in a title" \
  3 "a control character (U+001B) in the text: story files cannot contain control characters"
lints $H/escape-raw-in-attribute.xml 1 "ESC in an ending's title" \
  4 "a control character in an attribute value: story files cannot contain control characters"
lints $H/escape-charref.xml 1 "ESC as a character reference" \
  5 "&#27; (U+001B) is not a character story files can contain (no control characters)"
lints $H/escapes-c1-bidi.xml 0 "C1 controls and bidi overrides: XML allows them"
# ... and the player drops them from everything it shows: title, text,
# prompts, examples, rule labels and feedback, choices, feedback, measures,
# the ending and the summary, in plain mode and wrapped
printf '5\ny\n:example\nsorry, it was me\n:status\n1\n' >"$TMP/in"
for mode in "" "--width 40"; do
  IN=$TMP/in guarded "$MEND" play --no-save $mode $H/escapes-c1-bidi.xml
  name="escapes-c1-bidi.xml played${mode:+ with $mode}"
  status "$name: exit 0" 0
  bounded "$name"
  has "$name: the visible text is kept" "Example: Example 2J52;c;ZXZpbA=="
  escapes_absent "$name: no ESC, C1 control or bidi override reaches the terminal" "$TMP/out" "$TMP/err"
done
IN=

# ---- player input ------------------------------------------------------------------------------------
# tests/e2e/fixtures/questions.xml asks a scale, a yes/no and a text question,
# then offers choices. A hostile line at each, then good answers to the end.

Q=tests/e2e/fixtures/questions.xml
awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "x" }' >"$TMP/line-1mb"
printf '\377\376 caf\303\050 \355\240\200 \300\257' >"$TMP/line-utf8"
printf '\033[2J\033]52;c;ZXZpbA==\007\033[31mred\033[0m \233 2J' >"$TMP/line-esc"

# kind: the answers before the question, the hint, the answers after it; the
# NUL case puts a good answer before the NUL, which must not be taken as it
# (a text answer is taken, without the NUL: nothing a person writes is lost).
for kind in scale yesno text choice; do
  case $kind in
  scale) before='' after='5\ny\nnote\n2\n' nul='5\0009' hint="Please type a whole number from 0 to 10." ;;
  yesno) before='5\n' after='y\nnote\n2\n' nul='y\000es' hint="Please answer yes or no (y/n)." ;;
  text) before='5\ny\n' after='2\n' nul='my fault\000 and more' hint= ;;
  choice) before='5\ny\nnote\n' after='2\n' nul='2\000' \
    hint="Please type a number from 1 to 2, or the start of a choice." ;;
  esac
  for input in 1mb utf8 esc nul; do
    {
      printf "$before"
      case $input in
      nul) printf "$nul" ;;
      *) cat "$TMP/line-$input" ;;
      esac
      printf '\n'
      printf "$after"
    } >"$TMP/in"
    want=$hint kept=
    # a text answer keeps what can be shown, and says what it left out
    case $kind.$input in
    text.1mb) want="That is more than one answer can hold here (about 500 words). Please shorten it." ;;
    text.utf8) want="I left out 8 characters that cannot be shown." kept="You wrote: caf(" ;;
    text.esc) want="I left out 5 characters that cannot be shown." kept="You wrote: red  2J" ;;
    text.nul) want="I left out 1 character that cannot be shown." kept="You wrote: my fault and more" ;;
    esac
    [ $kind.$input = text.1mb ] && { # the good answer, before the choice
      printf "$before" && cat "$TMP/line-1mb" && printf '\nnote\n2\n'; } >"$TMP/in"
    IN=$TMP/in guarded "$MEND" play --no-save --seed 1 $Q
    name="player: $input line at the $kind question"
    status "$name: it goes on to the end (exit 0)" 0
    bounded "$name"
    has "$name: a hint says what is wrong" "$want"
    has "$name: then the good answer is taken" "*** The end: Done ***"
    if [ "$kind" = text ] && [ -n "$kept" ]; then
      has "$name: the answer is kept without what cannot be shown" "$kept"
    else
      lacks "$name: nothing before a NUL is taken for the answer" "You wrote: my fault"
    fi
    escapes_absent "$name: no escape sequence in the output" "$TMP/out" "$TMP/err"
  done
done
IN=

# input ending at each kind of question: exit 3 and one line that says so
eof_at() { # eof_at WHAT INPUT NODE
  printf "$2" >"$TMP/in"
  IN=$TMP/in guarded "$MEND" play --no-save --seed 1 $Q
  status "player: input ends at $1: exit 3" 3
  bounded "player: input ends at $1"
  err_has "player: input ends at $1: it says so" \
    "mend: input ended before the story did (waiting at '$3')"
}
eof_at "the scale question" '' scale
eof_at "the yes/no question" '5\n' yesno
eof_at "the yes/no question, after a last line without its newline" '5' yesno
eof_at "the text question" '5\ny\n' write
eof_at "the choice" '5\ny\nnote\n' pick
eof_at "the confirmation of a skipped question" '5\ny\n\n' write
has "player: the skip was asked about before the input ended" "Leave this answer empty? [y/n]"
eof_at "the confirmation of :restart" '5\n:restart\n' yesno
has "player: the restart was asked about before the input ended" \
  "Start this scenario over from the beginning? [y/n]"
IN=

# ... at the question whether to resume a saved session
printf '5\n' | "$MEND" play --seed 1 $Q >/dev/null 2>&1
guarded "$MEND" play $Q
status "player: input ends at the resume question: exit 3" 3
has "player: the resume question was asked" "Resume it? [y/n]"
err_has "player: input ends at the resume question: it says so" \
  "mend: input ended before the question was answered"
printf '\033[2J\377\000\ny\ny\nnote\n2\n' >"$TMP/in"
IN=$TMP/in guarded "$MEND" play $Q
status "player: hostile input at the resume question, then y: exit 0" 0
has "player: hostile input at the resume question gets a hint" "Please answer y or n."
has "player: ... and y resumes" "(Resuming where you left off: 1 decision in.)"
escapes_absent "player: no escape sequence at the resume question" "$TMP/out" "$TMP/err"
IN=

# ... at the question whether to replay a session on an edited story
mkdir -p "$TMP/edited"
cp $Q "$TMP/edited/questions.xml"
printf '5\n' | "$MEND" play --seed 1 "$TMP/edited/questions.xml" >/dev/null 2>&1
sed -i 's/How strong is it?/How strong is it now?/' "$TMP/edited/questions.xml"
guarded "$MEND" play "$TMP/edited/questions.xml"
status "player: input ends at the replay question (edited story): exit 3" 3
has "player: the replay question was asked" "Replay your answers on the new version? [y/n]"
err_has "player: input ends at the replay question: it says so" \
  "mend: input ended before the question was answered"

# ... at the library menu
mkdir -p "$TMP/lib"
cp $Q "$TMP/lib/"
MEND_PATH=$TMP/lib guarded "$MEND"
status "player: input ends at the library menu: exit 3" 3
err_has "player: input ends at the library menu: it says so" \
  "mend: input ended before a scenario was picked"
printf '\033[2J\n99999999999999999999999\n:quit\n' >"$TMP/in"
MEND_PATH=$TMP/lib IN=$TMP/in guarded "$MEND"
status "player: hostile input at the library menu, then :quit: exit 0" 0
has "player: hostile input at the library menu gets a hint" "Please type a number from 1 to "
escapes_absent "player: no escape sequence at the library menu" "$TMP/out" "$TMP/err"
IN=

finish
