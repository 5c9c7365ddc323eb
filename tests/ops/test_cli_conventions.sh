#!/usr/bin/env bash
# Issue 18.7, the tool's conventions: every command answers --version (exit 0,
# "feedwire X.Y.Z"), an unknown option is a usage error (exit 2) everywhere,
# `config show --json` is one object with secrets hidden.
set -euo pipefail
T=$FW_TOOL
PY=${FW_VENV_PYTHON:-python3}
dir=$(mktemp -d /tmp/fw-cli.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
n=0
for c in feed extract events "config check" "config show" "config docs" feeds status tail delivery "delivery url" \
         "delivery id" "delivery text" "delivery spool" gazetteer "gazetteer lookup" "gazetteer build"; do
    rc=0; $T $c --bogus-option >/dev/null 2>&1 || rc=$?
    [ "$rc" = 2 ] || fail "feedwire $c --bogus-option: exit $rc, want 2"
    v=$($T $c --version) || fail "feedwire $c --version failed"
    case "$v" in "feedwire "[0-9]*) ;; *) fail "feedwire $c --version said '$v'";; esac
    n=$((n + 1))
done
$T --version | grep -q '^feedwire [0-9]' || fail "feedwire --version"
"$FW_DAEMON" --version | grep -q '^feedwired [0-9]' || fail "feedwired --version"
rc=0; "$FW_DAEMON" --bogus >/dev/null 2>&1 || rc=$?; [ "$rc" = 2 ] || fail "feedwired --bogus: exit $rc"
rc=0; $T >/dev/null 2>&1 || rc=$?; [ "$rc" = 2 ] || fail "feedwire without a command: exit $rc"
echo "ok: $n commands: --version exits 0, an unknown option exits 2"

printf '[redis]\npassword = s3cret\nport = 6380\n[kafka]\nsasl.password = k4fka\n' >"$dir/c.conf"
$T config show --json "$dir/c.conf" >"$dir/show.json"
! grep -q 's3cret\|k4fka' "$dir/show.json" || fail "config show --json prints a secret"
"$PY" - "$dir/show.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
assert o["redis.port"] == {"value": "6380", "default": False}, o["redis.port"]
assert o["redis.host"]["default"] is True
assert o["redis.password"]["value"] == "(hidden)"
assert o["kafka.sasl.password"]["value"] == "(hidden)"
PY
rc=0; $T config check --json "$dir/c.conf" >/dev/null 2>&1 || rc=$?; [ "$rc" = 2 ] || fail "config check --json: exit $rc"
echo "ok: config show --json, secrets hidden"
echo "cli conventions: 2 passed, 0 failed"
