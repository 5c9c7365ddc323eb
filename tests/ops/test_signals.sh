#!/usr/bin/env bash
# SIGHUP and SIGTERM must reach the loop's signalfd, never another thread:
# a thread that leaves them unblocked (one started before fw_loop_signal, or a
# library's) takes them now and then, and their default action kills the
# daemon. Checks every thread's blocked mask in /proc once the daemon is up
# (deterministic), then sends SIGHUP five times and SIGTERM.
# Needs the services (else 77).
set -euo pipefail
if [ -z "${FW_REDIS_PORT:-}" ] || [ -z "${FW_KAFKA_BROKERS:-}" ]; then
    [ -n "${FW_REQUIRE_SERVICES:-}" ] && { echo "services required"; exit 1; }
    echo "no services: skipped"; exit 77
fi
PY=${FW_VENV_PYTHON:-$HOME/.cache/feedwire/venv/bin/python3}
dir=$(mktemp -d /tmp/fw-signals.XXXXXX)
daemon=
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$dir"' EXIT
mport=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "http://127.0.0.1:9/feed.rss name=nowhere" >"$dir/feeds.txt"
cat >"$dir/feedwire.conf" <<EOF
[daemon]
feeds_file = $dir/feeds.txt
state_dir = $dir/state
[fetch]
allow_hosts = 127.0.0.1
[redis]
port = $FW_REDIS_PORT
prefix = sig$$:
[sink]
topic_articles = sig$$.articles
topic_events = sig$$.events
topic_dlq = sig$$.dlq
[metrics]
port = $mport
[kafka]
bootstrap.servers = $FW_KAFKA_BROKERS
EOF
mkdir -p "$dir/state"
"$FW_DAEMON" -c "$dir/feedwire.conf" >"$dir/log" 2>&1 &
daemon=$!
for _ in $(seq 1 50); do curl -sf --max-time 1 "http://127.0.0.1:$mport/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
sleep 1
kill -0 "$daemon" 2>/dev/null || { echo "feedwired exited:"; cat "$dir/log"; exit 1; }

# SigBlk is hex; SIGHUP=1, SIGINT=2, SIGTERM=15 are bits 0, 1 and 14
need=$(( (1 << 0) | (1 << 1) | (1 << 14) ))
bad=0 n=0
for t in /proc/"$daemon"/task/*; do
    blk=$(sed -n 's/^SigBlk:\s*//p' "$t/status")
    n=$((n + 1))
    if [ $(( 0x$blk & need )) -ne $need ]; then
        echo "thread $(basename "$t") ($(cat "$t/comm")) does not block SIGHUP/SIGINT/SIGTERM: SigBlk $blk"
        bad=1
    fi
done
echo "$n threads checked"
[ $bad = 0 ] || { echo "start every thread after fw_loop_signal(), or with signals blocked (pthread_sigmask around pthread_create)"; exit 1; }

for i in 1 2 3 4 5; do
    kill -HUP "$daemon"; sleep 0.3
    kill -0 "$daemon" 2>/dev/null || { echo "feedwired died on SIGHUP $i:"; tail -5 "$dir/log"; daemon=; exit 1; }
done
kill -TERM "$daemon"
rc=0; wait "$daemon" || rc=$?
daemon=
[ $rc = 0 ] || { echo "SIGTERM: exit $rc"; tail -5 "$dir/log"; exit 1; }
echo "5 x SIGHUP survived, SIGTERM exit 0: ok"
