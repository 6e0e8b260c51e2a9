#!/bin/sh
# SPDX-License-Identifier: MIT
# fresh-check.sh - the README's quick start on a new minimal Debian 12, as a
# new user would meet it. `make fresh-check` runs it; `make test` does not
# (it takes a quarter of an hour and needs root and the network).
#
# As root: debootstrap builds `--variant=minbase bookworm` (apt and a shell: no
# compiler, no make, no python) in a temporary folder, from the Debian mirror
# of this machine's apt sources; the working tree (git's files and the
# uncommitted changes, no build folders) is copied to /root/mend; /proc, /sys,
# a private /dev/pts (tmux needs terminals) and /dev/shm are mounted (the
# chroot's /dev is debootstrap's own device nodes: nothing of this machine's
# /dev is mounted in it). Then the two commands of the README's quick start,
# read from the README itself, run there exactly as written, one after the
# other, as root, without a terminal:
#   cd /root/mend && COMMAND </dev/null
# The first must reach the scenario library (its list of every bundled
# scenario) and exit 0; the second must exit 0 with no test failed.
#
# Then, unless FRESH_SUDO=0, the first command again, as a user on a second
# copy of the new system (taken before anything ran in it): first without
# sudo (it must fail, printing the command that installs what is missing;
# apt-get checks that command's packages), then with sudo (passwordless, as
# the user's own sudo would be without a terminal): it must install, build
# and reach the library.
#
# It prints the time of each step and a summary; the logs are kept in
# build/fresh-check/. Every mount is undone (in reverse order, checked)
# before the folder is removed with rm --one-file-system; a folder that is
# still mounted on is left in place, and said so.
#
# Environment: FRESH_MIRROR (a Debian mirror's URL; default: the host's apt
# sources, else debootstrap's own default), FRESH_TMPDIR (where the folder is
# made; default /var/tmp), FRESH_SUDO=0 (skip the user's run), FRESH_KEEP=1
# (keep the new system, unmounted, for a look).
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
SUITE=bookworm
PATH_IN=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
logs=$here/build/fresh-check
failed=0
summary=""

say() { printf 'fresh-check: %s\n' "$*"; }
die() {
  printf 'fresh-check: %s\n' "$*" >&2
  exit 1
}
# note LINE: a line for the summary
note() {
  summary="$summary
$1"
}
# secs N: N seconds, with minutes when there are some
secs() {
  if [ "$1" -ge 60 ]; then echo "$1 s ($(($1 / 60)) min $(($1 % 60)) s)"; else echo "$1 s"; fi
}

# ---- what it needs ----------------------------------------------------------------

if [ "$(id -u)" -ne 0 ]; then
  die "this needs root: debootstrap, chroot and mount do. Run it as root (sudo make fresh-check)."
fi
case $(uname -s) in
Linux) ;;
*) die "this needs Linux (chroot, mount, /proc); this is $(uname -s)." ;;
esac
sh "$here/tools/install-deps.sh" fresh || die "debootstrap is missing and could not be installed (see above)."
PATH=$PATH:/usr/sbin:/sbin
for c in debootstrap chroot mount umount tar awk; do
  command -v "$c" >/dev/null 2>&1 || die "no $c here: it is needed to build and enter the new system."
done

# the two commands, from the README's quick start: the lines of the first code
# block after "## Quick start", but blank ones and comments
readme=$here/README.md
[ -f "$readme" ] || die "no README.md in $here."
cmds=$(awk '/^## Quick start/ { q = 1; next }
  q && /^## / { exit }
  q && index($0, "\140\140\140") == 1 { if (b) exit; b = 1; next }
  b && NF && $1 !~ /^#/ { print }' "$readme")
n=$(printf '%s\n' "$cmds" | grep -c .)
cmd1=$(printf '%s\n' "$cmds" | sed -n 1p)
cmd2=$(printf '%s\n' "$cmds" | sed -n 2p)
[ "$n" -eq 2 ] || die "the README's quick start should hold two commands in its code block; it holds $n."
# how they are named in messages: without their comments
short1=$(printf '%s\n' "$cmd1" | sed 's/[[:space:]]*#[^"'"'"']*$//')
short2=$(printf '%s\n' "$cmd2" | sed 's/[[:space:]]*#[^"'"'"']*$//')

# the mirror: the first of the host's apt sources that serves $SUITE (one-line
# and deb822 formats)
mirror=${FRESH_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(
    {
      cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk -v s="$SUITE" '$1 == "deb" { for (i = 2; i < NF; i++) if ($i ~ /^https?:\/\// && $(i + 1) == s) { print $i; exit } }'
      for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v s="$SUITE" 'BEGIN { RS = "" }
          { u = ""; ok = 0; deb = 0
            n = split($0, l, "\n")
            for (i = 1; i <= n; i++) {
              if (l[i] ~ /^URIs:/) { split(l[i], w, /[ \t]+/); u = w[2] }
              if (l[i] ~ /^Types:.*(^|[ \t])deb([ \t]|$)/) deb = 1
              if (l[i] ~ /^Suites:/ && (" " l[i] " ") ~ ("[ \t]" s "[ \t]")) ok = 1
            }
            if (deb && ok && u ~ /^https?:\/\//) { print u; exit } }' "$f"
      done
    } | head -n 1
  )
fi
if [ -n "${FRESH_MIRROR:-}" ]; then
  say "mirror: $mirror (FRESH_MIRROR)"
elif [ -n "$mirror" ]; then
  say "mirror: $mirror (from this machine's apt sources)"
else
  say "mirror: debootstrap's default (no apt source here serves $SUITE; FRESH_MIRROR=URL picks one)"
fi

# the folder
base=${FRESH_TMPDIR:-/var/tmp}
case $base in
*[!A-Za-z0-9/._-]*) die "FRESH_TMPDIR=$base: use a path of letters, digits, '/', '.', '_' and '-' only." ;;
esac
[ -d "$base" ] || die "no folder $base (FRESH_TMPDIR)."
if command -v findmnt >/dev/null 2>&1; then
  opts=$(findmnt -n -o OPTIONS -T "$base" 2>/dev/null)
  case ",$opts," in
  *,nodev,* | *,noexec,*)
    die "$base is mounted $opts: a system cannot be built there (nodev or noexec); set FRESH_TMPDIR to another folder."
    ;;
  esac
fi
top=$(mktemp -d "$base/mend-fresh.XXXXXX") || die "cannot make a folder in $base."
ROOT=$top/root # where root runs the quick start
USER_ROOT=$top/user # a copy of the new system, for the user's run
mkdir -p "$logs"
rm -f "$logs"/*.log

# ---- cleaning up: processes, then mounts, then the folder ---------------------------------

# kill_inside DIR: ends the processes whose root is DIR: the ones this script
# started in that chroot, left behind (a server a test started, say)
kill_inside() {
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    case $r in "$1" | "$1"/*) kill -KILL "${p#/proc/}" 2>/dev/null ;; esac
  done
}
# mounts_under DIR: every mount point at or under DIR, the deepest first
mounts_under() {
  awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}
cleanup() {
  trap - EXIT INT TERM HUP
  cd /
  left=""
  for d in "$ROOT" "$USER_ROOT"; do
    kill_inside "$d"
    tries=0
    while [ -n "$(mounts_under "$d")" ] && [ $tries -lt 5 ]; do
      for m in $(mounts_under "$d"); do
        umount "$m" 2>/dev/null || {
          sleep 1
          kill_inside "$d"
          umount "$m" 2>/dev/null
        }
      done
      tries=$((tries + 1))
    done
    left="$left $(mounts_under "$d" | tr '\n' ' ')"
  done
  if [ -n "$(printf '%s' "$left" | tr -d ' ')" ]; then
    echo "fresh-check: still mounted, so $top is left in place:" >&2
    # shellcheck disable=SC2086
    printf '  %s\n' $left >&2
    echo "fresh-check: unmount those (deepest first), then: rm -rf --one-file-system $top" >&2
    exit 1
  fi
  if [ "${FRESH_KEEP:-0}" = 1 ]; then
    say "kept (nothing mounted): $top"
  else
    rm -rf --one-file-system "$top"
  fi
}
# shellcheck disable=SC2154
trap 'st=$?; cleanup; exit $st' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# mount_system DIR: makes DIR a mount point of its own (as / is on a real
# system: `unshare -m`, which a test uses, needs it), private, then mounts
# /proc, /sys (read-only), a new devpts instance and a /dev/shm inside it
mount_system() {
  d=$1
  # shellcheck disable=SC2015
  mount --bind "$d" "$d" && mount --make-private "$d" &&
    mount -t proc -o nosuid,nodev,noexec proc "$d/proc" &&
    mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$d/sys" &&
    mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$d/dev/pts" &&
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$d/dev/shm" ||
    die "cannot mount the new system's /proc, /sys or /dev/pts (see above): this needs a machine, or a privileged container."
  # for the name look-ups of apt (and sudo's of the host name)
  cp /etc/resolv.conf "$d/etc/resolv.conf" 2>/dev/null
  [ -f "$d/etc/hosts" ] || cp /etc/hosts "$d/etc/hosts" 2>/dev/null
}

# copy_tree DEST: the working tree, as git has it with uncommitted changes
# (tracked and untracked files, ignored ones not: no build folders), into DEST
copy_tree() {
  mkdir -p "$1"
  if git -C "$here" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # a file deleted but not yet committed is listed and absent: tar skips it
    (cd "$here" && git ls-files -z --cached --others --exclude-standard |
      grep -zv '^build[^/]*/' | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
      tar -xf - -C "$1"
  else
    (cd "$here" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$1"
  fi
}

# The certificates this machine adds for Node.js (NODE_EXTRA_CA_CERTS: the
# authority of a proxy that inspects HTTPS, as on a company network) go with
# the proxy settings: without them npm fails in the new system with
# SELF_SIGNED_CERT_IN_CHAIN though it works on this machine. A fresh Debian
# behind no such proxy needs nothing of the kind.
HOST_CA=/etc/ssl/mend-host-extra-ca.pem
host_ca() { # host_ca DIR: copies them into the new system DIR, if there are any
  [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ] || return 0
  mkdir -p "$1${HOST_CA%/*}" && cp "$NODE_EXTRA_CA_CERTS" "$1$HOST_CA" || die "cannot copy $NODE_EXTRA_CA_CERTS into $1."
}

# in_root DIR COMMAND...: runs COMMAND in the new system DIR, in a clean
# environment as a root shell has it (HOME, PATH, any proxy and its
# certificates), no terminal
in_root() {
  d=$1
  shift
  ca=
  [ -f "$d$HOST_CA" ] && ca=NODE_EXTRA_CA_CERTS=$HOST_CA
  chroot "$d" /usr/bin/env -i HOME=/root PATH=$PATH_IN \
    ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
    ${no_proxy:+no_proxy=$no_proxy} $ca "$@" </dev/null
}

# library_ok LOG: the log shows the scenario library with every bundled
# scenario; says how many
library_ok() {
  want=$(find "$here/stories" -maxdepth 1 -name '*.xml' | wc -l)
  got=$(grep -c '^  [0-9][0-9]*) .*\[[a-z0-9-]*\]$' "$1")
  if grep -q '^mend - scenarios' "$1" && grep -q '^Scenarios:' "$1" &&
    grep -q '^Pick by number' "$1" && [ "$got" -eq "$want" ]; then
    echo "the library, its $got scenarios listed"
    return 0
  fi
  echo "no library with its $want scenarios ($got listed)"
  return 1
}

# ---- 1. the new system --------------------------------------------------------------------

say "building a minimal Debian ($SUITE, minbase) in $ROOT (log: $logs/debootstrap.log)"
t0=$(date +%s)
# shellcheck disable=SC2086
debootstrap --variant=minbase "$SUITE" "$ROOT" $mirror >"$logs/debootstrap.log" 2>&1 || {
  tail -n 20 "$logs/debootstrap.log" >&2
  die "debootstrap failed (above, and in $logs/debootstrap.log): no network to the mirror, or no room?"
}
t=$(($(date +%s) - t0))
say "debootstrap: $(secs $t)"
note "$(printf '%-56s %s' "debootstrap --variant=minbase $SUITE" "$(secs $t)")"
for c in make cc python3; do
  if in_root "$ROOT" sh -c "command -v $c" >/dev/null 2>&1; then
    die "the new system has $c: it is not the minimal one this check is about."
  fi
done

t0=$(date +%s)
if [ "${FRESH_SUDO:-1}" != 0 ]; then
  cp -a "$ROOT" "$USER_ROOT" || die "cannot copy the new system to $USER_ROOT."
fi
copy_tree "$ROOT/root/mend"
host_ca "$ROOT"
mount_system "$ROOT"
t=$(($(date +%s) - t0))
say "the working tree copied, the file systems mounted: $(secs $t)"
note "$(printf '%-56s %s' "the working tree copied, /proc /sys /dev/pts mounted" "$(secs $t)")"

# ---- 2. the quick start, as root, without a terminal ---------------------------------------

step() { # step N COMMAND: runs the README's command N as root; sets T and RC
  say "command $1, as root, as the README writes it: $2"
  say "  (log: $logs/command$1.log)"
  t0=$(date +%s)
  in_root "$ROOT" sh -c "cd /root/mend && $2" >"$logs/command$1.log" 2>&1
  RC=$?
  T=$(($(date +%s) - t0))
}

step 1 "$cmd1"
if [ $RC -eq 0 ] && what=$(library_ok "$logs/command1.log"); then
  say "command 1: ok, exit 0, $what, in $(secs $T)"
  note "$(printf '%-56s %s' "root: $short1" "$(secs $T): ok, $what")"
else
  what=$(library_ok "$logs/command1.log")
  tail -n 30 "$logs/command1.log" | sed 's/^/  | /'
  say "command 1: FAILED: exit $RC, $what"
  note "$(printf '%-56s %s' "root: $short1" "$(secs $T): FAILED (exit $RC, $what)")"
  failed=1
fi

step 2 "$cmd2"
counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/command2.log" | tr '\n' ';' | sed 's/;$//; s/;/; /g')
notok=$(grep -c '^not ok' "$logs/command2.log")
if [ $RC -eq 0 ] && [ "$notok" -eq 0 ] && [ -n "$counts" ]; then
  say "command 2: ok, exit 0, ${counts}, in $(secs $T)"
  note "$(printf '%-56s %s' "root: $short2" "$(secs $T): ok ($counts)")"
else
  grep '^not ok' "$logs/command2.log" | head -n 40 | sed 's/^/  | /'
  tail -n 30 "$logs/command2.log" | sed 's/^/  | /'
  say "command 2: FAILED: exit $RC, $notok not ok (${counts:-no count})"
  note "$(printf '%-56s %s' "root: $short2" "$(secs $T): FAILED (exit $RC, $notok not ok)")"
  failed=1
fi
skips=$(grep -E '# SKIP|^# .*skipped' "$logs/command2.log" | sort | uniq -c | sed 's/^ */    /')
if [ -n "$skips" ]; then
  say "what the tests skipped there:"
  printf '%s\n' "$skips"
fi

# ---- 3. the first command as a user: without sudo, then with it ------------------------------

if [ "${FRESH_SUDO:-1}" != 0 ]; then
  mount_system "$USER_ROOT"
  in_root "$USER_ROOT" useradd -m -s /bin/sh mender || die "cannot make a user in the new system."
  copy_tree "$USER_ROOT/home/mender/mend"
  in_root "$USER_ROOT" chown -R mender:mender /home/mender/mend || die "cannot give the user its copy."
  # as_user LOG: the README's first command, as mender, in a login shell
  as_user() {
    t0=$(date +%s)
    in_root "$USER_ROOT" su - mender -c "cd ~/mend && $cmd1" >"$1" 2>&1
    RC=$?
    T=$(($(date +%s) - t0))
  }

  say "command 1, as a user without sudo (log: $logs/user-nosudo.log)"
  as_user "$logs/user-nosudo.log"
  line=$(grep -A1 'as root, run:$' "$logs/user-nosudo.log" | sed -n 2p)
  pkgs=$(printf '%s\n' "$line" | sed -n 's/^  apt-get update && apt-get install -y //p')
  if [ $RC -ne 0 ] && [ -n "$pkgs" ] &&
    in_root "$USER_ROOT" sh -c "apt-get install -s -y $pkgs" >"$logs/user-nosudo-simulated.log" 2>&1; then
    say "without sudo: ok, it stops (exit $RC) and says what to run as root:$line"
    note "$(printf '%-56s %s' "user, no sudo: $short1" "$(secs $T): ok, stops and prints the apt-get line (checked with apt-get -s)")"
  else
    sed 's/^/  | /' "$logs/user-nosudo.log" | tail -n 20
    say "without sudo: FAILED: exit $RC; the command printed: ${line:-none}"
    note "$(printf '%-56s %s' "user, no sudo: $short1" "$(secs $T): FAILED")"
    failed=1
  fi

  t0=$(date +%s)
  in_root "$USER_ROOT" sh -c 'apt-get install -y -q sudo &&
    echo "mender ALL=(ALL) NOPASSWD: ALL" >/etc/sudoers.d/mender && chmod 440 /etc/sudoers.d/mender' \
    >"$logs/user-sudo-setup.log" 2>&1 ||
    in_root "$USER_ROOT" sh -c 'apt-get update -q && apt-get install -y -q sudo &&
      echo "mender ALL=(ALL) NOPASSWD: ALL" >/etc/sudoers.d/mender && chmod 440 /etc/sudoers.d/mender' \
      >>"$logs/user-sudo-setup.log" 2>&1 || die "cannot install sudo in the new system (see $logs/user-sudo-setup.log)."
  say "sudo installed for the user: $(secs $(($(date +%s) - t0)))"

  say "command 1, as a user with sudo (log: $logs/user-sudo.log)"
  as_user "$logs/user-sudo.log"
  if [ $RC -eq 0 ] && what=$(library_ok "$logs/user-sudo.log") &&
    grep -q '^mend: installing:' "$logs/user-sudo.log"; then
    say "with sudo: ok, exit 0, installed through sudo, $what, in $(secs $T)"
    note "$(printf '%-56s %s' "user, sudo: $short1" "$(secs $T): ok, installed through sudo, $what")"
  else
    what=$(library_ok "$logs/user-sudo.log")
    tail -n 30 "$logs/user-sudo.log" | sed 's/^/  | /'
    say "with sudo: FAILED: exit $RC, $what"
    note "$(printf '%-56s %s' "user, sudo: $short1" "$(secs $T): FAILED (exit $RC, $what)")"
    failed=1
  fi
fi

# ---- the summary --------------------------------------------------------------------------------

echo
say "summary (logs in $logs):$summary" | sed '2,$s/^/  /'
if [ $failed -ne 0 ]; then
  say "FAILED"
  exit 1
fi
say "the README's quick start works on a minimal Debian $SUITE"
