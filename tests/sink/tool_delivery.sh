#!/bin/sh
# feedwire delivery: URL canonical forms, item ids, fingerprints, spool stats.
set -u
tool=${FW_TOOL:?}
fail=0
is() { # description expected actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got '$3', want '$2'"; fail=1; fi
}
is "url canonical" "https://example.com/b?a=2&z=1" \
  "$("$tool" delivery url 'HTTPS://Example.com:443/a/../b?utm_source=x&z=1&a=2#frag')"
"$tool" delivery url 'ftp://example.com/' >/dev/null 2>&1; is "url not http(s): exit 1" 1 $?
a=$("$tool" delivery id --feed https://f.example/rss --link 'https://F.example/x?utm_medium=rss' --rule link)
b=$("$tool" delivery id --feed https://other.example/rss --link 'https://f.example/x#top' --rule link)
is "id by link ignores feed and tracking" "$a" "$b"
is "id is 32 hex" 32 "$(printf %s "$a" | tr -cd 0-9a-f | wc -c)"
"$tool" delivery id --rule bogus >/dev/null 2>&1; is "unknown rule: exit 2" 2 $?
h1=$(printf 'Hello,  World!' | "$tool" delivery text | head -1)
h2=$(printf 'hello world' | "$tool" delivery text | head -1)
is "text hash over normalized text" "$h1" "$h2"
tmp=$(mktemp -d)
mkdir "$tmp/spool"
is "empty spool" "units waiting 0" "$("$tool" delivery spool "$tmp/spool" | sed -n 2p)"
is "spool stat leaves no file behind" "" "$(ls "$tmp/spool")"
"$tool" delivery spool "$tmp/missing" >/dev/null 2>&1; is "missing spool: exit 1" 1 $?
rm -rf "$tmp"
exit $fail
