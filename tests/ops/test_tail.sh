#!/usr/bin/env bash
# Issue 18.5: `feedwire tail` is scriptable like kcat. Without services: a
# dead broker exits 1 with one line of our own (no raw librdkafka lines),
# malformed numbers are usage errors (2). With services: the --json envelope
# carries topic, partition, offset, key and headers; -f formats; -o -N and
# -p select; -e stops at the end; an unknown topic exits 1; no consumer group
# is joined (partitions are assigned).
set -euo pipefail
T=$FW_TOOL
dir=$(mktemp -d /tmp/fw-tail.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
pass=0
ok() { echo "ok: $*"; pass=$((pass + 1)); }

rc=0; "$T" tail -b 127.0.0.1:1 --timeout 2 >"$dir/out" 2>"$dir/err" || rc=$?
[ "$rc" = 1 ] || fail "dead broker: exit $rc, want 1"
[ ! -s "$dir/out" ] || fail "dead broker: printed on stdout"
[ "$(wc -l <"$dir/err")" = 1 ] && grep -q '^feedwire tail: cannot reach Kafka at 127.0.0.1:1' "$dir/err" ||
    { cat "$dir/err"; fail "dead broker: want one line of ours on stderr"; }
ok "dead broker exits 1: $(cat "$dir/err")"
for bad in "--max abc" "--max -3" "--idle 1x" "-o sometime" "-p x" "--json -f %s" "--bogus"; do
    rc=0; "$T" tail -b 127.0.0.1:1 $bad >/dev/null 2>&1 || rc=$?
    [ "$rc" = 2 ] || fail "tail $bad: exit $rc, want 2"
done
ok "malformed options are usage errors (2)"
"$T" tail --version | grep -q '^feedwire ' || fail "tail --version"

if [ -z "${FW_KAFKA_BROKERS:-}" ]; then
    [ -n "${FW_REQUIRE_SERVICES:-}" ] && fail "services required"
    echo "no services: the rest skipped"; exit 77
fi
B=$FW_KAFKA_BROKERS
topic="tail-test-$$-$(date +%s)"
printf 'k1\t{"n":1}\n' | kcat -P -b "$B" -t "$topic" -p 0 -K '\t' -H "schema=test.v1" -H "ce_id=one"
printf 'k2\t{"n":2}\nk3\t{"n":3}\n' | kcat -P -b "$B" -t "$topic" -p 1 -K '\t'
"$T" tail -b "$B" -t "$topic" -o beginning -e --json >"$dir/all.json"
"$FW_VENV_PYTHON" - "$dir/all.json" "$topic" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 3, rows
for r in rows:
    for k in ("topic", "partition", "offset", "key", "headers", "payload", "ts"):
        assert k in r, (k, r)
    assert r["topic"] == sys.argv[2]
by = {r["key"]: r for r in rows}
assert by["k1"]["partition"] == 0 and by["k1"]["offset"] == 0, by["k1"]
assert by["k1"]["headers"] == ["schema", "test.v1", "ce_id", "one"], by["k1"]["headers"]
assert json.loads(by["k1"]["payload"]) == {"n": 1}
assert (by["k3"]["partition"], by["k3"]["offset"]) == (1, 1), by["k3"]
PY
ok "--json envelope: topic, partition, offset, key, headers, payload"
out=$("$T" tail -b "$B" -t "$topic" -p 1 -o -1 -e -f '%t|%p|%o|%k|%s\n')
[ "$out" = "$topic|1|1|k3|{\"n\":3}" ] || fail "-p 1 -o -1 -f: got '$out'"
out=$("$T" tail -b "$B" -t "$topic" -p 1 -o 0 --max 1 -f '%o %k %h\n')
[ "$out" = "0 k2 " ] || fail "-o 0 --max 1: got '$out'"
ok "-f format, -p, -o -N and -o N, --max"
rc=0; "$T" tail -b "$B" -t "no-such-topic-$$" -e --timeout 5 >/dev/null 2>"$dir/err" || rc=$?
[ "$rc" = 1 ] || fail "unknown topic: exit $rc"
ok "unknown topic exits 1: $(cat "$dir/err")"
echo "tail: $pass passed, 0 failed"
