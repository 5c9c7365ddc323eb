#!/bin/sh
# feedwire incidents --merge: events (as `feedwire events` prints them) merged in
# memory; usage and bad input exit codes.
set -u
tool=${FW_TOOL:?}
fail=0
is() { # description expected actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got '$3', want '$2'"; fail=1; fi
}
tmp=$(mktemp -d)
ev() { # id article date src tgt cameo place cc source sentence
  printf '{"schema":"feedwire.event","id":"%s","article_id":"%s","date":"%s","date_precision":"day","date_source":"text","source":{"code":"%s"},"target":{"code":"%s"},"cameo":"%s","plover":"ASSAULT","modality":"asserted","location":{"name":"%s","admin1":"Surxondaryo","country":"%s","lat":37.22,"lon":67.28,"source":"%s"},"quantity":null,"killed":%s,"wounded":null,"sentence":"%s"}\n' "$@"
}
{
  ev e1 art1 2022-04-18 AFGIMGMUSISI UZBMIL 194 Termez UZ sentence 2 "ISKP fired rockets at a base in Termez."
  ev e2 art2 2022-04-18 IMGMUSISI UZBMIL 190 Termez UZ sentence 3 "Islamic State rockets hit Termez, killing three."
  ev e3 art2 2022-04-18 IMGMUSISI UZBCOP 190 Termez UZ sentence null "Another attack hit a police post."
} > "$tmp/ev.jsonl"
out=$("$tool" incidents --merge --jsonl "$tmp/ev.jsonl")
i1=$(printf '%s\n' "$out" | sed -n 1p | sed 's/.*"incident":"\([0-9a-f]*\)".*/\1/')
i2=$(printf '%s\n' "$out" | sed -n 2p | sed 's/.*"incident":"\([0-9a-f]*\)".*/\1/')
i3=$(printf '%s\n' "$out" | sed -n 3p | sed 's/.*"incident":"\([0-9a-f]*\)".*/\1/')
is "two reports of one attack: one incident" "$i1" "$i2"
[ "$i1" != "$i3" ]; is "another target: another incident" 0 $?
is "the decision is explained" 1 "$(printf '%s\n' "$out" | sed -n 2p | grep -c 'src=ok tgt=ok')"
sum=$("$tool" incidents --merge "$tmp/ev.jsonl" | grep -c '^INCIDENT')
is "two incidents listed" 2 "$sum"
is "the highest casualty figure is kept" 1 "$("$tool" incidents --merge "$tmp/ev.jsonl" | grep -c 'killed 3  2 mentions')"
is "json record with its mentions" 2 "$("$tool" incidents --merge --json "$tmp/ev.jsonl" | head -1 | grep -o '"event_id"' | wc -l)"
again=$("$tool" incidents --merge --jsonl "$tmp/ev.jsonl")
is "deterministic" "$out" "$again"
printf 'not json\n{"id":"x"}\n' > "$tmp/bad.jsonl"
"$tool" incidents --merge "$tmp/bad.jsonl" >/dev/null 2>&1; is "bad input: exit 1" 1 $?
"$tool" incidents --merge >/dev/null 2>&1; is "merge without files: exit 2" 2 $?
"$tool" incidents --bogus >/dev/null 2>&1; is "unknown option: exit 2" 2 $?
"$tool" incidents --merge --redis scratch: "$tmp/ev.jsonl" >/dev/null 2>&1; is "--redis without --jsonl: exit 2" 2 $?
printf '[redis]\nhost = 127.0.0.1\nport = 1\n' > "$tmp/down.conf"
"$tool" incidents -c "$tmp/down.conf" >/dev/null 2>&1; is "Redis out of reach: exit 1" 1 $?
"$tool" incidents --help >/dev/null; is "help: exit 0" 0 $?
long=$(head -c 300 /dev/zero | tr '\0' B)
{
  ev m13 art9 2019-13-45 X Y 190 Nowhere ZZZ sentence null "A date out of the calendar."
  ev feb30 art9 2019-02-30 X Y 190 Nowhere ZZ sentence null "February the 30th."
  ev "$long" art9 2019-11-19 "$long" "$long" 19000000000000000000 "$long" ZZ sentence 9000000000000000000 "$long"
} > "$tmp/odd.jsonl"
"$tool" incidents --merge "$tmp/odd.jsonl" >/dev/null 2>&1; is "odd events: incidents of their own, exit 0" 0 $?
rm -rf "$tmp"
exit $fail
