#!/bin/sh
# SPDX-License-Identifier: MIT
# install-deps.sh [test|fuzz|fresh|web] - checks mend's build dependencies (with
# "test", also every tool `make test` uses; with "fuzz", `make fuzz`'s; with
# "fresh", `make fresh-check`'s; with "web", what `make web` needs to build
# the engine for the page in WebAssembly) and installs the missing ones with apt-get,
# as root or through sudo. Where it cannot install, it says exactly what to
# run, and fails. POSIX sh: it is the README's first command, on a system that
# may have nothing but apt and a shell (no make, no compiler).
set -u
mode=${1:-}
case $mode in
"" | test | fuzz | fresh | web) ;;
*)
  echo "usage: sh tools/install-deps.sh [test|fuzz|fresh|web]" >&2
  exit 2
  ;;
esac
want=""
need() {
  case " $want " in *" $1 "*) ;; *) want="$want $1" ;; esac
}
has() { command -v "$1" >/dev/null 2>&1; }

# ---- building: a C compiler that links (gcc, and libc6-dev, which gcc only
# recommends), make, pkg-config and the libraries
if ! has cc; then
  need gcc
  need libc6-dev
elif ! printf 'int main(void) { return 0; }\n' | cc -x c - -o /dev/null >/dev/null 2>&1; then
  need libc6-dev
fi
has make || need make
if has pkg-config; then
  pkg-config --exists libxml-2.0 || need libxml2-dev
  pkg-config --exists readline || need libreadline-dev
  pkg-config --exists libutf8proc || need libutf8proc-dev
  pkg-config --exists sqlite3 || need libsqlite3-dev
else
  need pkg-config
  need libxml2-dev
  need libreadline-dev
  need libutf8proc-dev
  need libsqlite3-dev
fi
# Snowball's libstemmer has no pkg-config file: look for its header
[ -f /usr/include/libstemmer.h ] || need libstemmer-dev

# ---- testing: every program a test runs that a minimal Debian lacks (what
# minbase has, coreutils, grep, sed, mawk, findutils, diffutils, util-linux
# and iconv, is used as it is)
if [ "$mode" = test ]; then
  # the unit tests (cmocka): the program itself does not need it
  pkg-config --exists cmocka 2>/dev/null || need libcmocka-dev
  has tmux || need tmux                       # tests/e2e/terminal.sh: a real terminal
  has valgrind || need valgrind               # make valgrind
  has xmllint || need libxml2-utils           # the schema checks
  has dot || need graphviz                    # mend graph's output renders
  [ -x /usr/bin/time ] || need time           # tests/hostile.sh: peak memory
  has strace || need strace                   # what mend writes and opens, traced
  has jq || need jq                           # the JSON reports' checks
  has ps || need procps                       # terminal.sh: a killed player is gone
  has sqlite3 || need sqlite3                 # tests/e2e: what the database holds
  [ -f /usr/share/i18n/locales/de_DE ] || need locales # conventions.sh: a comma-decimal locale
  has zsh || need zsh                         # completions.sh: zsh's completion
  has fish || need fish                       # completions.sh: fish's completion
  has groff || need groff-base                # embed.sh: the manual pages render cleanly
  has cmark || need cmark                     # journal.sh: the Markdown export, rendered
fi

if [ "$mode" = fuzz ]; then
  # clang, and its libFuzzer runtime: Debian's libclang-rt-N-dev for clang N
  # (libclang-rt-dev names the default one)
  has clang || need clang
  if ! printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return d && n; }\n' |
    clang -fsanitize=fuzzer,address,undefined -x c - -o /dev/null >/dev/null 2>&1; then
    v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
    if [ -n "$v" ] && has apt-cache && apt-cache show "libclang-rt-$v-dev" >/dev/null 2>&1; then
      need "libclang-rt-$v-dev"
    else
      need libclang-rt-dev
    fi
  fi
fi

if [ "$mode" = test ]; then
  # tests/web: the page in a real browser (Debian's chromium, driven by
  # playwright-core from npm) and the engine's tests under Node.js
  has chromium || need chromium
  has node || need nodejs
  has npm || need npm
fi

if [ "$mode" = web ] || [ "$mode" = test ]; then
  # make web: clang and lld for wasm32, wasi-libc (the C library), clang's
  # runtime for wasm32, and dpkg-source to unpack Debian's source packages of
  # utf8proc and Snowball (tools/web-src.sh)
  has clang || need clang
  has wasm-ld || has wasm-ld-14 || need lld
  [ -f /usr/lib/wasm32-wasi/libc.a ] || need wasi-libc
  if ! ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1; then
    v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
    need "libclang-rt-${v:-14}-dev-wasm32"
  fi
  has dpkg-source || need dpkg-dev
  # glibc's regex as gnulib keeps it, for the page's regular expressions
  [ -f /usr/share/gnulib/lib/regex.c ] || need gnulib
fi

if [ "$mode" = fresh ]; then
  # tests/fresh-check.sh: a minimal Debian in a folder (debootstrap is in
  # /usr/sbin, which a user's PATH may lack)
  has debootstrap || [ -x /usr/sbin/debootstrap ] || need debootstrap
fi

# the browser tests' two npm packages (tests/web/package-lock.json: pinned,
# with their hashes), installed into tests/web/node_modules, never run by
# the page itself
npm_tools() {
  [ "$mode" = test ] || return 0
  [ -f tests/web/node_modules/playwright-core/package.json ] &&
    [ -f tests/web/node_modules/axe-core/axe.min.js ] && return 0
  echo "mend: installing the browser tests' npm packages (playwright-core, axe-core)" >&2
  npm ci --prefix tests/web --no-audit --no-fund --loglevel=error >&2 || {
    echo "mend: npm could not install them; try: npm ci --prefix tests/web" >&2
    return 1
  }
}

if [ -z "$want" ]; then
  npm_tools
  exit
fi

echo "mend: missing dependencies:$want" >&2
# MEND_DEPS=check (plain `make`, `make check`): say what to install, install
# nothing; `make play` and `make test`, the README's two commands, install
if [ "${MEND_DEPS:-install}" = check ]; then
  echo "mend: install them with:" >&2
  echo "  sudo apt-get install -y$want" >&2
  echo "mend: (or run 'make play' or 'make test', which install what is missing)" >&2
  exit 1
fi
if ! has apt-get; then
  echo "mend: no apt-get here; install the equivalents of these Debian packages:$want" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif has sudo && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
  sudo="sudo"
else
  if has sudo; then
    echo "mend: sudo needs a password, and there is no terminal to type it in; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y$want" >&2
  else
    echo "mend: you are not root, and there is no sudo; as root, run:" >&2
    echo "  apt-get update && apt-get install -y$want" >&2
  fi
  echo "mend: then run the same command again." >&2
  exit 1
fi
echo "mend: installing:$want" >&2
# sudo resets the environment: the variable goes through env
apt="$sudo env DEBIAN_FRONTEND=noninteractive apt-get"
# the package lists may be old, or missing: update them when a first try fails
# shellcheck disable=SC2086
$apt install -y -q $want >/dev/null 2>&1 ||
  { $apt update -q >/dev/null 2>&1 && $apt install -y -q $want; } || {
  echo "mend: apt-get could not install:$want; try:" >&2
  echo "  ${sudo:+sudo }apt-get update && ${sudo:+sudo }apt-get install -y$want" >&2
  exit 1
}
npm_tools
