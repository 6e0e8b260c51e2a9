# SPDX-License-Identifier: MIT
# lib.sh - helpers for mend's shell tests. Every test prints TAP lines
# ("ok N - what" / "not ok N - what"); tests/run.sh counts them.
#
#   . tests/lib.sh            (MEND must name the binary under test)
#   run_mend ARGS... <input   runs $MEND, output in $OUT, errors in $ERR, status in $RC
#   check "what" COMMAND...   ok when COMMAND succeeds
#   has "what" TEXT           ok when $OUT contains TEXT (fixed string)
#   lacks "what" TEXT         ok when $OUT does not contain TEXT
#   err_has "what" TEXT       ok when $ERR contains TEXT
#   status "what" N           ok when $RC is N
#   json_valid doc|lines FILE succeeds when FILE is one JSON document (doc), or
#                             one JSON object on each line (lines)
#   finish                    exits 1 when anything failed
#   poll SECONDS COMMAND...   runs COMMAND every 0.1 s until it succeeds, for
#                             SECONDS at most (at once false in a session $S
#                             that has $STALLED)
#   tmux_server NAME          a private tmux server in $TMP, killed at exit;
#                             tm ARGS... runs tmux on it
#   sql "SELECT ..."          runs SQL on the person's database ($DB) with sqlite3

: "${MEND:?set MEND to the mend binary}"
TAP_N=0
TAP_FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mend-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8
export HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" XDG_DATA_HOME="$TMP/data" \
       XDG_CONFIG_HOME="$TMP/config" XDG_CACHE_HOME="$TMP/cache" MEND_PATH= NO_COLOR=
mkdir -p "$HOME"
# The binary under test is the shell's `mend`, as once installed: the commands
# it prints for the person to type say `mend` (cli.sh and terminal.sh also run
# it from a PATH without it, where they name it as it was invoked).
MEND_DIR=$(dirname "$MEND")
export PATH="$MEND_DIR:$PATH"
DB=$XDG_DATA_HOME/mend/mend.db

sql() { # (waits up to 10 s for a lock a running mend holds, as on a loaded machine)
  sqlite3 -batch -cmd ".timeout 10000" "$DB" "$@"
}

tap() { # tap OK|FAIL "what" [details]
  TAP_N=$((TAP_N + 1))
  if [ "$1" = OK ]; then
    echo "ok $TAP_N - $2"
  else
    echo "not ok $TAP_N - $2"
    TAP_FAILED=$((TAP_FAILED + 1))
    [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /' | head -n 40
  fi
  return 0
}

run_mend() {
  "$MEND" "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}

check() {
  what=$1
  shift
  if "$@" >/dev/null 2>&1; then tap OK "$what"; else tap FAIL "$what" "command failed: $*"; fi
}
has() {
  case "$OUT" in *"$2"*) tap OK "$1" ;; *) tap FAIL "$1" "missing: $2
--- output was:
$OUT
--- errors were:
$ERR" ;; esac
}
lacks() {
  case "$OUT" in *"$2"*) tap FAIL "$1" "unexpected: $2
--- output was:
$OUT" ;; *) tap OK "$1" ;; esac
}
err_has() {
  case "$ERR" in *"$2"*) tap OK "$1" ;; *) tap FAIL "$1" "missing on stderr: $2
--- stderr was:
$ERR" ;; esac
}
status() {
  if [ "$RC" = "$2" ]; then tap OK "$1"; else tap FAIL "$1" "exit status $RC, expected $2
--- stderr was:
$ERR"; fi
}
# json_valid doc|lines FILE: FILE is exactly one JSON document (doc), or one
# JSON object on each line (lines), as strictly as RFC 8259 has it: valid UTF-8
# (iconv), every number and literal as the grammar writes them (awk: jq 1.6
# alone also takes nan, inf, 01, .5 or +1, which a printf("%g") bug could
# write), and the structure (jq). Says what is wrong on stderr.
json_valid() {
  if ! iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then
    echo "$2: not valid UTF-8" >&2
    return 1
  fi
  awk '{
    s = $0
    gsub(/"([^"\\]|\\.)*"/, " ", s)
    if (index(s, "\"")) { print FILENAME ":" FNR ": a string without its end" >"/dev/stderr"; bad = 1 }
    n = split(s, t, /[][{}:, \t\r]+/)
    for (i = 1; i <= n; i++)
      if (t[i] != "" && t[i] !~ /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null)$/) {
        print FILENAME ":" FNR ": not a JSON number or literal: " t[i] >"/dev/stderr"
        bad = 1
      }
  }
  END { exit bad }' "$2" || return 1
  case $1 in
  doc) jq -e -s 'length == 1' "$2" >/dev/null ;;
  lines) jq -e -n -R '[inputs | fromjson | type == "object"] | all' "$2" >/dev/null ;;
  *) return 2 ;;
  esac
}
poll() {
  [ -n "${STALLED:-}" ] && [ "${S:-}" = "$STALLED" ] && return 1
  max=$(($1 * 10)) n=0
  shift
  until "$@"; do
    n=$((n + 1))
    [ $n -ge $max ] && return 1
    sleep 0.1
  done
}
# A private tmux server: the terminal tests' windows. A window "keep" keeps
# it up; windows stay when their program ends (remain-on-exit), for reading.
tmux_server() {
  unset TMUX INPUTRC
  export TMUX_TMPDIR="$TMP" # the server's socket goes with $TMP
  SOCK=mend-$1-$$
  # lib.sh removes $TMP at exit; the private tmux server goes first
  trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
  trap 'exit 130' INT TERM HUP
  tm new-session -d -s keep -x 80 -y 24 cat \; set -g remain-on-exit on
}
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
finish() {
  [ "$TAP_FAILED" -eq 0 ]
}
