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
check 0 "feedwired --help" "$daemon" --help
check 0 "feedwired --version" "$daemon" --version
check 2 "feedwired --bogus" "$daemon" --bogus
v=$("$daemon" --version)
case "$v" in "feedwired "[0-9]*) echo "ok: version '$v'" ;; *) echo "FAIL: version '$v'"; fail=1 ;; esac
exit $fail
