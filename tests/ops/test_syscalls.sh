#!/usr/bin/env bash
# The unit's SystemCallFilter= against what feedwired really calls: the daemon
# runs under strace for a short while (config loaded, Redis and Kafka
# connected, demo feeds polled once the pipeline is in, /metrics scraped,
# SIGHUP, SIGTERM), and every syscall it made must be allowed by the filter of
# systemd/feedwired.service, or it would get EPERM in production.
# Needs strace, systemd-analyze and the services (else 77).
set -euo pipefail
command -v strace >/dev/null && command -v systemd-analyze >/dev/null || { echo "no strace/systemd-analyze: skipped"; exit 77; }
if [ -z "${FW_REDIS_PORT:-}" ] || [ -z "${FW_KAFKA_BROKERS:-}" ]; then
    [ -n "${FW_REQUIRE_SERVICES:-}" ] && { echo "services required"; exit 1; }
    echo "no services: skipped"; exit 77
fi
unit="$FW_SOURCE_DIR/systemd/feedwired.service"
PY=${FW_VENV_PYTHON:-$HOME/.cache/feedwire/venv/bin/python3}
dir=$(mktemp -d /tmp/fw-syscalls.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$dir"' EXIT

# allowed = expansion of the allow-list minus expansion of the deny-list
expand() { # group-or-syscall... -> one syscall per line
    local x
    for x in "$@"; do
        case "$x" in
        @*) systemd-analyze syscall-filter "$x" | sed -n 's/^    \([@a-z0-9_-]*\)$/\1/p' | while read -r y; do expand "$y"; done ;;
        *) echo "$x" ;;
        esac
    done
}
allow=() deny=()
while IFS= read -r l; do
    v=${l#SystemCallFilter=}
    if [ "${v#\~}" != "$v" ]; then read -ra w <<<"${v#\~}"; deny+=("${w[@]}"); else read -ra w <<<"$v"; allow+=("${w[@]}"); fi
done < <(grep '^SystemCallFilter=' "$unit")
expand "${allow[@]}" | sort -u >"$dir/allow"
expand "${deny[@]}" | sort -u >"$dir/deny"
comm -23 "$dir/allow" "$dir/deny" >"$dir/allowed"
echo "filter: $(wc -l <"$dir/allowed") syscalls allowed, $(wc -l <"$dir/deny") denied"

port_file="$dir/port"
if [ -f "$FW_SOURCE_DIR/tests/fixtures/snapshot_server.py" ]; then
    "$PY" "$FW_SOURCE_DIR/tests/fixtures/snapshot_server.py" --port-file "$port_file" --max-seconds 120 >/dev/null 2>&1 &
    pids+=($!)
    for _ in $(seq 1 50); do [ -s "$port_file" ] && break; sleep 0.1; done
fi
snap=$(cat "$port_file" 2>/dev/null || echo 9)
printf 'http://127.0.0.1:%s/feeds/world.rss name=world\nhttp://127.0.0.1:%s/feeds/caci.atom name=caci\n' "$snap" "$snap" >"$dir/feeds.txt"
mport=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$dir/feedwire.conf" <<EOF
[daemon]
feeds_file = $dir/feeds.txt
state_dir = $dir/state
drain_timeout = 3000
[schedule]
interval = 10s
[fetch]
allow_hosts = 127.0.0.1
host_delay = 0
[redis]
port = $FW_REDIS_PORT
prefix = sys$$:
[sink]
topic_articles = sys$$.articles
topic_events = sys$$.events
topic_dlq = sys$$.dlq
[metrics]
port = $mport
[kafka]
bootstrap.servers = $FW_KAFKA_BROKERS
EOF
mkdir -p "$dir/state"
# LeakSanitizer cannot run under ptrace; the syscalls are what matter here
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -o "$dir/trace" "$FW_DAEMON" -c "$dir/feedwire.conf" >"$dir/log" 2>&1 &
tracer=$!
pids+=("$tracer")
sleep 8
curl -sf --max-time 3 "http://127.0.0.1:$mport/metrics" >/dev/null || echo "(no metrics endpoint yet)"
daemon=$(pgrep -P "$tracer" -x feedwired || true)
[ -n "$daemon" ] || { echo "feedwired did not stay up:"; cat "$dir/log"; exit 1; }
kill -HUP "$daemon"; sleep 3
kill -TERM "$daemon"
wait "$tracer" || { echo "feedwired exited non-zero:"; tail -20 "$dir/log"; exit 1; }

# systemd applies the filter at execve, so every syscall from there on counts
sed -n 's/^[0-9]* \([a-z0-9_]*\)(.*/\1/p; s/^[0-9]* <\.\.\. \([a-z0-9_]*\) resumed>.*/\1/p' "$dir/trace" | sort -u >"$dir/used"
comm -23 "$dir/used" "$dir/allowed" >"$dir/bad"
echo "feedwired used $(wc -l <"$dir/used") distinct syscalls: $(tr '\n' ' ' <"$dir/used")"
if [ -s "$dir/bad" ]; then echo "not allowed by the unit's SystemCallFilter:"; cat "$dir/bad"; exit 1; fi
echo ok
