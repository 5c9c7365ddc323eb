#!/bin/sh
# Exit codes and --help of every `feedwire` subcommand listed by `feedwire --help`.
set -u
tool=${FW_TOOL:?}
daemon=${FW_DAEMON:?}
fail=0
check() { # expected-rc description cmd...
  want=$1; shift; what=$1; shift
  "$@" >/dev/null 2>&1; got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: $what: exit $got, want $want"; fail=1; else echo "ok: $what"; fi
}
check 0 "feedwire --help" "$tool" --help
check 2 "feedwire (no command)" "$tool"
check 2 "feedwire bogus" "$tool" bogus
check 0 "feedwire --version" "$tool" --version
cmds=$("$tool" --help | awk '/^commands:/{on=1;next} on&&/^  [a-z]/{print $1} /^$/{if(on)exit}')
[ -n "$cmds" ] || { echo "FAIL: no commands listed"; fail=1; }
for c in $cmds; do
  check 0 "feedwire $c --help" "$tool" "$c" --help
  out=$("$tool" "$c" --help 2>&1)
  case "$out" in *usage:*) ;; *) echo "FAIL: feedwire $c --help prints no usage"; fail=1 ;; esac
done
check 1 "config check of a missing file" "$tool" config check /nonexistent/feedwire.conf
# config check refuses a feed list feedwired --check refuses (issue 17), and passes the one it takes
tmp=$(mktemp -d)
printf '[daemon]\nfeeds_file = %s/feeds.txt\n' "$tmp" > "$tmp/feedwire.conf"
printf 'http://a.example/rss name=a\nhttp://b.example/rss name=a\n' > "$tmp/feeds.txt"
check 2 "feedwired --check with a duplicate feed name" "$daemon" --check -c "$tmp/feedwire.conf"
check 1 "config check with a duplicate feed name" "$tool" config check "$tmp/feedwire.conf"
printf 'http://a.example/rss name=a\nhttp://b.example/rss name=b\n' > "$tmp/feeds.txt"
check 0 "feedwired --check with a good feed list" "$daemon" --check -c "$tmp/feedwire.conf"
check 0 "config check with a good feed list" "$tool" config check "$tmp/feedwire.conf"
"$tool" config check "$tmp/feedwire.conf" | grep -q "ok (2 feeds" || { echo "FAIL: config check does not count the feeds"; fail=1; }
rm -f "$tmp/feeds.txt"
check 0 "config check with the feed list not there yet (a warning)" "$tool" config check "$tmp/feedwire.conf"
rm -rf "$tmp"
check 0 "feedwired --help" "$daemon" --help
check 0 "feedwired --version" "$daemon" --version
check 2 "feedwired --bogus" "$daemon" --bogus
v=$("$daemon" --version)
case "$v" in "feedwired "[0-9]*) echo "ok: version '$v'" ;; *) echo "FAIL: version '$v'"; fail=1 ;; esac
exit $fail
