#!/bin/sh
# `cmake --install` of this build into a scratch root: every file in its FHS
# place, the unit pointing at the installed daemon, the installed default
# config valid, `feedwired --version` answering.
# usage: test_install.sh PREFIX SBINDIR BINDIR ETCDIR UNITDIR (absolute, as configured)
set -eu
prefix=$1 sbindir=$2 bindir=$3 etcdir=$4 unitdir=$5
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
DESTDIR="$root" cmake --install "$FW_BUILD_DIR" >"$root.log" 2>&1 || { cat "$root.log"; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
fail() { echo "FAIL: $*"; find "$root" -type f | sed "s|^$root||" | sort; exit 1; }
for f in "$sbindir/feedwired" "$bindir/feedwire"; do
    [ -x "$root$f" ] || fail "$f not installed executable"
done
for f in "$unitdir/feedwired.service" "$etcdir/feedwire.conf" "$etcdir/feeds.txt"; do
    [ -s "$root$f" ] || fail "$f not installed"
done
grep -q "^ExecStart=$sbindir/feedwired " "$root$unitdir/feedwired.service" || fail "unit ExecStart is not $sbindir/feedwired"
version=$("$root$sbindir/feedwired" --version)
echo "installed: $version"
case "$version" in "feedwired "[0-9]*) ;; *) fail "feedwired --version said '$version'";; esac
"$root$bindir/feedwire" config check "$root$etcdir/feedwire.conf" || fail "installed feedwire.conf does not check"
# the compiled-in config path is where the file was installed
"$root$sbindir/feedwired" --help | grep -q "$etcdir/feedwire.conf" || fail "feedwired's default config is not $etcdir"
echo "installed files:"; find "$root" -type f | sed "s|^$root||" | sort
echo ok
