#!/bin/sh
# `feedwire feed`: exit codes, the JSON shape, stdin, --url and --content-type.
set -u
tool=${FW_TOOL:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # expected-rc description cmd...
  want=$1; shift; what=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: $what: exit $got, want $want"; cat "$tmp/err"; fail=1; else echo "ok: $what"; fi
}
has() { # description pattern
  if grep -q -- "$2" "$tmp/out"; then echo "ok: $1"; else echo "FAIL: $1: no '$2' in:"; cat "$tmp/out"; fail=1; fi
}
printf '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>caf\351</title><ttl>30</ttl>
<item><title>One</title><link>p/1</link><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item></channel></rss>' >"$tmp/f.xml"
check 0 "feed --help" "$tool" feed --help
has "usage" "usage: feedwire feed"
check 2 "feed without a file" "$tool" feed
check 2 "feed --bogus" "$tool" feed --bogus "$tmp/f.xml"
check 1 "feed of a missing file" "$tool" feed /nonexistent/feed.xml
check 0 "summary" "$tool" feed "$tmp/f.xml"
has "summary lists the entry" "2004-01-01T19:48:21Z  One"
check 0 "--json --url" "$tool" feed --json --url https://ex.org/feeds/x "$tmp/f.xml"
has "resolved link" '"link": "https://ex.org/feeds/p/1"'
has "RFC 3339 time" '"published": "2004-01-01T19:48:21Z"'
has "ttl" '"ttl": 30'
has "bozo key" '"bozo": false'
has "charset from the declaration" '"encoding": "iso-8859-1"'
check 0 "--content-type overriding the declaration" "$tool" feed --json --content-type "text/xml; charset=utf-8" "$tmp/f.xml"
has "bozo on a charset conflict" '"bozo": true'
check 0 "stdin" sh -c "\"$tool\" feed --json - <\"$tmp/f.xml\""
has "stdin parsed" '"title": "caf\\u00E9"'
echo '<html><body>no feed</body></html>' >"$tmp/h.html"
check 1 "not a feed" "$tool" feed --json "$tmp/h.html"
has "one JSON answer on error" '"error": "parse error"'
exit $fail
