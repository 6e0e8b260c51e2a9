#!/bin/sh
# install-deps.sh - checks mend's build (and, with "test", test; with "fuzz",
# `make fuzz`) dependencies and installs the missing ones with apt-get
# (through sudo when not root). Where it cannot install, it says exactly what
# to install, and fails.
set -u
want=""
need() { want="$want $1"; }

command -v cc >/dev/null 2>&1 || need gcc
command -v make >/dev/null 2>&1 || need make
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libxml-2.0 || need libxml2-dev
  pkg-config --exists readline || need libreadline-dev
  pkg-config --exists cmocka || need libcmocka-dev
  pkg-config --exists libutf8proc || need libutf8proc-dev
  pkg-config --exists sqlite3 || need libsqlite3-dev
else
  need pkg-config
  need libxml2-dev
  need libreadline-dev
  need libcmocka-dev
  need libutf8proc-dev
  need libsqlite3-dev
fi
# Snowball's libstemmer has no pkg-config file: look for its header
[ -f /usr/include/libstemmer.h ] || need libstemmer-dev
if [ "${1:-}" = test ]; then
  command -v tmux >/dev/null 2>&1 || need tmux
  command -v valgrind >/dev/null 2>&1 || need valgrind
  command -v xmllint >/dev/null 2>&1 || need libxml2-utils
  command -v dot >/dev/null 2>&1 || need graphviz
  [ -x /usr/bin/time ] || need time     # tests/hostile.sh: peak memory
  command -v strace >/dev/null 2>&1 || need strace # tests/e2e/confined.sh
  command -v jq >/dev/null 2>&1 || need jq             # JSON output checks
  command -v sqlite3 >/dev/null 2>&1 || need sqlite3 # tests/e2e: what the database holds
fi
if [ "${1:-}" = fuzz ]; then
  # clang, and its libFuzzer runtime: Debian's libclang-rt-N-dev for clang N
  # (libclang-rt-dev names the default one)
  command -v clang >/dev/null 2>&1 || need clang
  if ! printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return d && n; }\n' |
    clang -fsanitize=fuzzer,address,undefined -x c - -o /dev/null >/dev/null 2>&1; then
    v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
    if [ -n "$v" ] && command -v apt-cache >/dev/null 2>&1 &&
      apt-cache show "libclang-rt-$v-dev" >/dev/null 2>&1; then
      need "libclang-rt-$v-dev"
    else
      need libclang-rt-dev
    fi
  fi
fi

[ -z "$want" ] && exit 0

echo "mend: missing build dependencies:$want" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "mend: no apt-get here; install the equivalents of these Debian packages:$want" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
  sudo="sudo"
else
  echo "mend: cannot install them without root; run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$want" >&2
  exit 1
fi
echo "mend: installing:$want" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get install -y -q $want >/dev/null 2>&1 ||
  { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q $want; } || {
  echo "mend: apt-get could not install:$want" >&2
  exit 1
}
