#!/usr/bin/env bash
# Soak (label bench, not CI): feedwired -c CONF for SOAK_SECONDS (default 600)
# against local fixture servers — healthy generated feeds, more of them at every
# reload (URLs of listed feeds never change, so their state and counters go on),
# mixed with misbehaving ones (5xx, 429/503 with Retry-After, redirect
# loop, a drip below the low-speed limit, an unbounded body, a gzip bomb, HTML
# instead of a feed, a connection reset, 404). Every minute it rewrites the feed
# list and sends SIGHUP, and samples the daemon: RSS, open fds, and from
# /metrics polls, errors, articles and events. Prints RSS and fds at start and
# end, the totals, and the time SIGTERM took. Figures, not timed assertions: it
# fails only if the daemon dies or the setup is missing.
#
# Needs:
#  - services: FW_REDIS_PORT and FW_KAFKA_BROKERS in the environment (scripts/bench.sh
#    starts them and exports them), else it skips (77);
#  - tests/fixtures/snapshot_server.py (main): the healthy generated feeds (/gen/...);
#  - tests/fixtures/httpd.py (the fetch engineer's fixture server, branch wip/fetch):
#    the misbehaving feeds. Without it the only misbehaviour left is 404s, and it says so;
#  - conf/dict (+ <build>/gazetteer.idx) for the event coder, else events read 0;
#  - the pipeline in fw_daemon.c/fw_pipe.c and fw_metrics on metrics.port: without them the
#    counts read n/a and only RSS/fds/reload/stop are soaked.
set -euo pipefail
SRC=${FW_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DAEMON=${FW_DAEMON:-$SRC/build/feedwired}
PY=${FW_VENV_PYTHON:-$HOME/.cache/feedwire/venv/bin/python3}
SECONDS_TOTAL=${SOAK_SECONDS:-600}
SAMPLE_EVERY=${SOAK_SAMPLE_SECONDS:-60}
HEALTHY=${SOAK_FEEDS:-40}
ADD_PER_RELOAD=${SOAK_ADD_FEEDS:-4}
PER_FEED=${SOAK_ITEMS:-10}

if [ -z "${FW_REDIS_PORT:-}" ] || [ -z "${FW_KAFKA_BROKERS:-}" ]; then
    echo "soak: FW_REDIS_PORT/FW_KAFKA_BROKERS unset: run through scripts/bench.sh (skipped)"
    exit 77
fi
[ -x "$DAEMON" ] || { echo "soak: no daemon at $DAEMON"; exit 1; }
[ -f "$SRC/tests/fixtures/snapshot_server.py" ] || { echo "soak: tests/fixtures/snapshot_server.py missing"; exit 1; }

dir=$(mktemp -d /tmp/fw-soak.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "${SOAK_KEEP:-}" ]; then echo "soak: kept $dir"; else rm -rf "$dir"; fi
}
trap cleanup EXIT

port_of() { # FILE PATTERN: waits for the server to print its port
    local i
    for i in $(seq 1 100); do
        if [ -s "$1" ] && sed -n "$2" "$1" | grep -q .; then sed -n "$2" "$1" | head -1; return 0; fi
        sleep 0.1
    done
    echo "soak: no port in $1:" >&2; cat "$1" >&2; return 1
}

"$PY" "$SRC/tests/fixtures/snapshot_server.py" --port 0 --max-seconds $((SECONDS_TOTAL + 300)) >"$dir/snapshot.log" 2>&1 &
pids+=($!)
snap=$(port_of "$dir/snapshot.log" 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p')
bad_paths=()
if [ -f "$SRC/tests/fixtures/httpd.py" ]; then
    "$PY" "$SRC/tests/fixtures/httpd.py" --max-seconds $((SECONDS_TOTAL + 300)) >"$dir/httpd.log" 2>&1 &
    pids+=($!)
    bad=$(port_of "$dir/httpd.log" 's/^PORT \([0-9]*\)$/\1/p')
    for p in /status/500 /status/502 /status/403 /503/secs /429/secs /redirect/loop /drip /big /bomb /html \
             /reset /image /redirect/perm-broken; do
        bad_paths+=("http://127.0.0.1:$bad$p")
    done
    echo "soak: misbehaving feeds from tests/fixtures/httpd.py on port $bad"
else
    echo "soak: NOTE tests/fixtures/httpd.py (wip/fetch) not here: misbehaviour limited to 404s"
fi
for i in 1 2 3; do bad_paths+=("http://127.0.0.1:$snap/missing-$i.rss"); done

metrics_port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nhealthy=$HEALTHY
write_feeds() { # $nhealthy generated feeds of $PER_FEED articles each, then the misbehaving ones
    local i j=0
    {
        for i in $(seq 1 "$nhealthy"); do echo "http://127.0.0.1:$snap/gen/feed-$i.rss?n=$PER_FEED name=gen$i"; done
        for u in "${bad_paths[@]}"; do j=$((j + 1)); echo "$u name=bad$j"; done
    } >"$dir/feeds.txt.new"
    mv "$dir/feeds.txt.new" "$dir/feeds.txt"
}
write_feeds
run=soak$$
dict_line=""
if [ -d "$SRC/conf/dict" ]; then # laid out as the package installs them
    mkdir -p "$dir/dict"
    for f in "$SRC"/conf/dict/*; do ln -s "$f" "$dir/dict/"; done
    for idx in "${FW_BUILD_DIR:-$SRC/build}/gazetteer.idx" "$SRC/build/gazetteer.idx"; do
        [ -f "$idx" ] && { ln -sf "$idx" "$dir/dict/gazetteer.idx"; break; }
    done
    dict_line="dict_dir = $dir/dict"
else
    echo "soak: NOTE no conf/dict: no event coder, events read 0"
fi
cat >"$dir/feedwire.conf" <<EOF
[log]
level = notice
[daemon]
feeds_file = $dir/feeds.txt
state_dir = $dir/state
$dict_line
drain_timeout = 10000
[schedule]
interval = 10s
backoff_base = 10s
backoff_max = 1m
[fetch]
allow_hosts = 127.0.0.1
host_delay = 0
max_host_transfers = 8
timeout = 15000
low_speed_time = 5
max_body = 2M
[redis]
host = 127.0.0.1
port = $FW_REDIS_PORT
prefix = $run:
[sink]
topic_articles = $run.articles
topic_events = $run.events
topic_dlq = $run.dlq
[metrics]
port = $metrics_port
[kafka]
bootstrap.servers = $FW_KAFKA_BROKERS
statistics.interval.ms = 10000
EOF
mkdir -p "$dir/state"
"$DAEMON" -c "$dir/feedwire.conf" >"$dir/daemon.log" 2>&1 &
daemon=$!
pids+=("$daemon")

alive() { kill -0 "$daemon" 2>/dev/null; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$daemon/status"; }
nfds() { ls "/proc/$daemon/fd" | wc -l; }
# metric NAME: sum of every series of NAME from /metrics, "n/a" without the endpoint
metrics_file="$dir/metrics.txt"
scrape() { curl -sf --max-time 5 "http://127.0.0.1:$metrics_port/metrics" >"$metrics_file" 2>/dev/null || : >"$metrics_file"; }
metric() { # declared but without series yet: 0
    [ -s "$metrics_file" ] || { echo n/a; return; }
    awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF; f = 1 } $0 == "# TYPE " n " counter" || $0 == "# TYPE " n " gauge" { f = 1 }
                   END { printf "%s\n", f ? s + 0 : "n/a" }' "$metrics_file"
}
# Counts since the start, reset-aware as Prometheus' increase(): a counter that
# went down restarted from 0 (a per-feed series recreated on reload).
COUNTED="feedwire_feed_polls_total feedwire_feed_errors_total feedwire_feed_not_modified_total
         feedwire_articles_fetched_total feedwire_articles_published_total feedwire_events_published_total
         feedwire_articles_dropped_total"
declare -A total prev
account() {
    scrape
    local n v
    for n in $COUNTED; do
        v=$(metric "$n")
        if [ "$v" = n/a ]; then total[$n]=n/a; continue; fi
        total[$n]=$(awk -v t="${total[$n]:-0}" -v v="$v" -v p="${prev[$n]:-0}" 'BEGIN { if (t == "n/a") t = 0; print (v >= p ? t + v - p : t + v) }')
        prev[$n]=$v
    done
}
count() { echo "${total[$1]:-n/a}"; }
line() { # t label
    account
    printf '%6ss %-6s rss %6s kB  fds %4s  polls %6s  errors %6s  not_modified %6s  fetched %6s  published %6s  events %6s  dropped %5s\n' \
        "$1" "$2" "$(rss_kb)" "$(nfds)" "$(count feedwire_feed_polls_total)" "$(count feedwire_feed_errors_total)" \
        "$(count feedwire_feed_not_modified_total)" "$(count feedwire_articles_fetched_total)" \
        "$(count feedwire_articles_published_total)" "$(count feedwire_events_published_total)" \
        "$(count feedwire_articles_dropped_total)"
}

# warm-up: connected and first polls done
for _ in $(seq 1 100); do alive || break; sleep 0.2; done
alive || { echo "soak: feedwired exited at start:"; tail -30 "$dir/daemon.log"; exit 1; }
echo "soak: feedwired pid $daemon, $HEALTHY healthy + ${#bad_paths[@]} misbehaving feeds, ${SECONDS_TOTAL}s, metrics :$metrics_port"
sleep 10
line 10 start
rss0=$(rss_kb) fds0=$(nfds)
start=$(date +%s)
reloads=0
while :; do
    now=$(($(date +%s) - start))
    [ "$now" -ge "$SECONDS_TOTAL" ] && break
    sleep "$(( SAMPLE_EVERY < SECONDS_TOTAL - now ? SAMPLE_EVERY : SECONDS_TOTAL - now ))"
    alive || { echo "soak: feedwired died:"; tail -30 "$dir/daemon.log"; exit 1; }
    nhealthy=$((nhealthy + ADD_PER_RELOAD))
    write_feeds
    account # just before the reload, which may recreate per-feed series
    kill -HUP "$daemon"
    reloads=$((reloads + 1))
    sleep 1
    alive || { echo "soak: feedwired died on reload:"; tail -30 "$dir/daemon.log"; exit 1; }
    line $(($(date +%s) - start + 10)) run
done
line $(($(date +%s) - start + 10)) end
rss1=$(rss_kb) fds1=$(nfds)

t0=$(date +%s%N)
kill -TERM "$daemon"
rc=0
wait "$daemon" || rc=$?
stop_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo
echo "soak summary (${SECONDS_TOTAL}s, $reloads reloads, feeds $HEALTHY -> $nhealthy healthy + ${#bad_paths[@]} misbehaving):"
echo "  RSS  start ${rss0} kB  end ${rss1} kB  delta $((rss1 - rss0)) kB"
echo "  fds  start ${fds0}  end ${fds1}  delta $((fds1 - fds0))"
echo "  polls $(count feedwire_feed_polls_total) ($(count feedwire_feed_not_modified_total) not modified)  feed errors $(count feedwire_feed_errors_total)  articles fetched $(count feedwire_articles_fetched_total)  published $(count feedwire_articles_published_total)  events $(count feedwire_events_published_total)  dropped $(count feedwire_articles_dropped_total)"
echo "  SIGTERM -> exit $rc in ${stop_ms} ms"
echo "  log: $(grep -c . "$dir/daemon.log") lines, $(grep -c 'WARN' "$dir/daemon.log" || true) warnings, $(grep -c 'ERROR' "$dir/daemon.log" || true) errors"
[ "$rc" -eq 0 ] || { echo "soak: feedwired exited $rc"; tail -30 "$dir/daemon.log"; exit 1; }
