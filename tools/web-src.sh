#!/bin/sh
# SPDX-License-Identifier: MIT
# web-src.sh DIR - the sources of the libraries libmend uses, for its
# WebAssembly build (make web): Debian's own source packages of the versions
# installed here (libutf8proc-dev's utf8proc, libstemmer-dev's snowball),
# fetched with `apt-get source` through a private apt state in DIR/apt (the
# system's deb lines turned into deb-src ones: nothing of the system's apt
# setup is changed), unpacked with dpkg-source (which checks them against the
# signed index), then Snowball's compiler is built here to generate its C
# stemmers, as Debian's build does. Leaves DIR/utf8proc and DIR/snowball, and
# DIR/stamp; does nothing when the stamp is there.
set -eu
dir=$1
[ -f "$dir/stamp" ] && exit 0
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/apt/parts" "$dir/fetch"
dir=$(cd "$dir" && pwd)
# the system's sources, as deb-src: deb822 files and one-line lists alike
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && sed 's/^Types: *deb$/Types: deb-src/' "$f" >"$dir/apt/parts/$(basename "$f")"
done
: >"$dir/apt/parts/lines.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f" >>"$dir/apt/parts/lines.list"
done
set -- -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$dir/apt/parts" \
  -o "Dir::State::Lists=$dir/apt/lists" -o "Dir::Cache=$dir/apt/cache" -o APT::Sandbox::User=root
apt-get "$@" -q update >"$dir/apt/update.log" 2>&1 || {
  cat "$dir/apt/update.log" >&2
  echo "web-src.sh: apt-get update (deb-src) failed" >&2
  exit 1
}
version() { dpkg-query -W -f='${source:Version}' "$1"; }
u=$(version libutf8proc-dev)
s=$(version libstemmer-dev)
(cd "$dir/fetch" && apt-get "$@" -q source --download-only "utf8proc=$u" "snowball=$s") \
  >"$dir/apt/source.log" 2>&1 || {
  cat "$dir/apt/source.log" >&2
  echo "web-src.sh: apt-get source utf8proc=$u snowball=$s failed" >&2
  exit 1
}
rm -rf "$dir/utf8proc" "$dir/snowball"
(cd "$dir/fetch" && dpkg-source -q -x utf8proc_*.dsc "$dir/utf8proc" &&
  dpkg-source -q -x snowball_*.dsc "$dir/snowball") >/dev/null
# Snowball: its compiler (native), then the C stemmers for UTF-8 and the
# table of modules, as its GNUmakefile makes them
make -s -C "$dir/snowball" CC="${HOSTCC:-cc}" snowball libstemmer/modules_utf8.h \
  libstemmer/libstemmer_utf8.c >/dev/null
srcs=$(sed -n 's/^ *\(src_c\/stem_UTF_8_[a-z]*\)\.c.*/\1.c/p' "$dir/snowball/libstemmer/mkinc_utf8.mak")
# shellcheck disable=SC2086
make -s -C "$dir/snowball" CC="${HOSTCC:-cc}" $srcs >/dev/null
echo "$srcs" | tr ' ' '\n' | sed '/^$/d' >"$dir/snowball/utf8-sources"
echo "utf8proc $u, snowball $s" >"$dir/stamp"
