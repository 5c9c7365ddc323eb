#!/usr/bin/env bash
# Issue 18.7, metrics: per-feed series exist from the first scrape (at 0, so
# rate() sees the first poll and error), metrics.per_feed = no exports totals
# only, process_* metrics, the reload metrics follow a refused and an applied
# SIGHUP, kafka_broker_tx_errors is a counter, the fetch histogram has kind
# feed and article; promtool check metrics when installed. No services needed:
# Redis and Kafka are unreachable addresses, the endpoint answers anyway.
set -euo pipefail
PY=${FW_VENV_PYTHON:-$HOME/.cache/feedwire/venv/bin/python3}
dir=$(mktemp -d /tmp/fw-metrics.XXXXXX)
daemon=
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; tail -5 "$dir/log" 2>/dev/null; exit 1; }
mport=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'http://127.0.0.1:9/a.rss name=alpha interval=1h\nhttp://127.0.0.1:9/b.rss name=beta interval=1h\n' >"$dir/feeds.txt"
conf() { # per_feed
    cat >"$dir/feedwire.conf" <<EOF
[daemon]
feeds_file = $dir/feeds.txt
state_dir = $dir/state
[redis]
port = 1
[metrics]
port = $mport
per_feed = $1
[kafka]
bootstrap.servers = 127.0.0.1:1
EOF
}
scrape() { curl -sf --max-time 2 "http://127.0.0.1:$mport/metrics"; }
start() {
    "$FW_DAEMON" -c "$dir/feedwire.conf" >"$dir/log" 2>&1 &
    daemon=$!
    for _ in $(seq 1 50); do scrape >"$dir/m" 2>/dev/null && return 0; sleep 0.1; done
    fail "no metrics endpoint"
}
stop() { # SIGTERM: a clean exit (0), also under the sanitizers
    local rc=0
    kill "$daemon"
    wait "$daemon" 2>/dev/null || rc=$?
    daemon=
    [ "$rc" = 0 ] || fail "feedwired exited $rc on SIGTERM"
}
has() { grep -q "^$1 " "$dir/m" || fail "missing: $1"; }
val() { sed -n "s/^$1 //p" "$dir/m"; }

mkdir -p "$dir/state"
conf yes
start
# the very first scrape: every per-feed series of both feeds, counters at 0
for f in alpha beta; do
    for m in feedwire_feed_polls_total feedwire_feed_errors_total feedwire_feed_not_modified_total \
             feedwire_feed_last_success_timestamp_seconds feedwire_feed_consecutive_failures \
             feedwire_feed_backoff_seconds feedwire_feed_dead; do
        has "$m{feed=\"$f\"}"
    done
done
echo "ok: 7 series per feed on the first scrape"
for m in process_cpu_seconds_total process_resident_memory_bytes process_virtual_memory_bytes process_open_fds \
         process_max_fds process_start_time_seconds feedwire_feeds_failing feedwire_feeds_dead \
         feedwire_config_last_reload_successful feedwire_config_last_reload_success_timestamp_seconds \
         feedwire_kafka_broker_tx_errors_total; do
    has "$m"
done
grep -q '^# TYPE feedwire_kafka_broker_tx_errors_total counter$' "$dir/m" || fail "tx errors not a counter"
grep -q '^feedwire_fetch_duration_seconds_count{kind="feed"} ' "$dir/m" &&
    grep -q '^feedwire_fetch_duration_seconds_count{kind="article"} ' "$dir/m" || fail "fetch histogram kinds"
[ "$(grep -c '^# TYPE feedwire_fetch_duration_seconds ' "$dir/m")" = 1 ] || fail "fetch histogram: one family"
echo "ok: process_*, totals, reload metrics, tx errors counter, fetch kinds"
if command -v promtool >/dev/null; then
    promtool check metrics <"$dir/m" || fail "promtool check metrics"
    echo "ok: promtool check metrics"
fi
# feedwire status --json over the same endpoint: not ready (exit 1), both feeds listed
rc=0; "$FW_TOOL" status --url "http://127.0.0.1:$mport" --json >"$dir/status.json" || rc=$?
[ "$rc" = 1 ] || fail "status --json of a daemon not ready: exit $rc"
"$PY" - "$dir/status.json" <<'PY' || fail "status --json"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["ready"] is False and o["version"], o
assert sorted(f["name"] for f in o["feeds"]) == ["alpha", "beta"], o["feeds"]
assert "articles_published" in o["totals"] and "feeds_dead" in o["totals"], o["totals"]
PY
echo "ok: status --json"
# a refused reload, then an applied one
t0=$(sed -n 's/^feedwire_config_last_reload_success_timestamp_seconds //p' "$dir/m")
echo "[nonsense" >>"$dir/feedwire.conf"
kill -HUP "$daemon"; sleep 1; scrape >"$dir/m"
[ "$(val feedwire_config_last_reload_successful)" = 0 ] || fail "refused reload: not 0"
conf yes; sleep 1
kill -HUP "$daemon"; sleep 1; scrape >"$dir/m"
[ "$(val feedwire_config_last_reload_successful)" = 1 ] || fail "applied reload: not 1"
t1=$(sed -n 's/^feedwire_config_last_reload_success_timestamp_seconds //p' "$dir/m")
awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b > a) }' || fail "reload time did not move ($t0 -> $t1)"
echo "ok: reload refused -> 0, applied -> 1 and a new time"
# per_feed = no on reload: the feed series go, the totals stay
conf no
kill -HUP "$daemon"; sleep 1; scrape >"$dir/m"
! grep -q 'feed="' "$dir/m" || fail "per_feed = no still exports feed series"
has feedwire_feeds_failing
stop
start
! grep -q 'feed="' "$dir/m" || fail "per_feed = no at start exports feed series"
has feedwire_feeds_dead
stop
echo "ok: metrics.per_feed = no exports totals only"
echo "metrics conventions: 6 passed, 0 failed"
