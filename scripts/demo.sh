#!/usr/bin/env bash
# The demo, one command on a fresh machine: installs what is missing, builds,
# starts Redis and Kafka, serves a bundled snapshot of real article pages in an
# RSS feed plus a CACI Analyst-style (Joomla/K2) page in an Atom feed on
# 127.0.0.1, runs feedwired on them, and shows the articles and events arriving
# on Kafka. Ctrl-C stops everything it started.
#   scripts/demo.sh           run until Ctrl-C (without a terminal: until the snapshot is through)
#   scripts/demo.sh --keep    leave daemon, services and snapshot server running afterwards
#   scripts/demo.sh --stop    stop what a --keep run left running
set -euo pipefail
# the demo's own Redis and Kafka (not the test suite's): wiped at every start,
# so what it shows is this run's articles only
FW_STATE=${FW_STATE:-$HOME/.cache/feedwire/demo-$(cd "$(dirname "$0")/.." && pwd | cksum | cut -d' ' -f1)}
export FW_STATE
. "$(dirname "$0")/lib.sh"
cd "$FW_ROOT"

demo="$FW_STATE/demo"
keep=0
case "${1:-}" in
  --keep) keep=1 ;;
  --stop)
    for f in "$demo"/*.pid; do
      [ -f "$f" ] || continue
      pid=$(cat "$f"); kill -TERM "$pid" 2>/dev/null && say "stopped $(basename "$f" .pid) (pid $pid)"; rm -f "$f"
    done
    "$FW_ROOT/scripts/services.sh" stop
    exit 0 ;;
  -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
  "") ;;
  *) die "unknown argument $1 (try --help)" ;;
esac

"$FW_ROOT/scripts/setup.sh"
say "building"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFW_VENV_PYTHON="$FW_VENV/bin/python3" >/dev/null
ninja -C build >/dev/null
FW_TOOL=build/feedwire scripts/gazetteer.sh build/gazetteer.idx >/dev/null
scripts/postag.sh build/postag-en.txt >/dev/null

for f in "$demo"/*.pid; do # a previous --keep run
  [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null || true
  rm -f "$f"
done
"$FW_ROOT/scripts/services.sh" stop >/dev/null 2>&1 || true
rm -rf "$demo" "$FW_STATE/kafka" "$FW_STATE/redis"
mkdir -p "$demo/state" "$demo/dict"

stop_all() {
  trap - EXIT INT TERM
  [ -n "${tail_pid:-}" ] && kill -TERM "$tail_pid" 2>/dev/null
  if [ $keep = 1 ]; then
    say "left running (scripts/demo.sh --stop ends them): feedwired, snapshot server, Redis, Kafka"
    return
  fi
  for f in "$demo"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f"); kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
  done
  "$FW_ROOT/scripts/services.sh" stop
}
trap stop_all EXIT
trap 'exit 130' INT TERM

"$FW_ROOT/scripts/services.sh" start >/dev/null
. "$FW_ENV_FILE"

# the snapshot: real pages (tests/fixtures/snapshot/NOTICE.md says whose) behind RSS and Atom feeds
python3 tests/fixtures/snapshot_server.py --port-file "$demo/port" >"$demo/snapshot.log" 2>&1 &
echo $! > "$demo/snapshot.pid"
for _ in $(seq 1 100); do [ -s "$demo/port" ] && break; sleep 0.05; done
port=$(cat "$demo/port")
cat > "$demo/feeds.txt" <<FEEDS
# the demo's feeds, as an operator would list them
http://127.0.0.1:$port/feeds/world.rss  name=world-security-digest
http://127.0.0.1:$port/feeds/caci.atom  name=caci-analyst interval=10m
FEEDS

# dictionaries and the gazetteer side by side, as the package installs them
for f in "$FW_ROOT"/conf/dict/*; do ln -s "$f" "$demo/dict/"; done
ln -s "$FW_ROOT/build/gazetteer.idx" "$demo/dict/gazetteer.idx"
ln -s "$FW_ROOT/build/postag-en.txt" "$demo/dict/postag-en.txt"

metrics_port=$(free_port)
cat > "$demo/feedwire.conf" <<CONF
# written by scripts/demo.sh; every option: conf/feedwire.conf
[daemon]
feeds_file = $demo/feeds.txt
state_dir = $demo/state
dict_dir = $demo/dict
[fetch]
# the snapshot is served on loopback, which feedwired refuses unless allowed
allow_hosts = 127.0.0.1
host_delay = 200
[redis]
host = $FW_REDIS_HOST
port = $FW_REDIS_PORT
prefix = demo:$(date +%s):
[metrics]
port = $metrics_port
[kafka]
bootstrap.servers = $FW_KAFKA_BROKERS
CONF
build/feedwire config check "$demo/feedwire.conf"

build/feedwired -c "$demo/feedwire.conf" >"$demo/feedwired.log" 2>&1 &
echo $! > "$demo/feedwired.pid"

cat <<INFO

  feedwired is running (pid $(cat "$demo/feedwired.pid")) on $(grep -c '^http' "$demo/feeds.txt") feeds served at http://127.0.0.1:$port/
  log:      $demo/feedwired.log
  metrics:  http://127.0.0.1:$metrics_port/metrics   (also /healthz, /readyz)
  status:   build/feedwire status --url http://127.0.0.1:$metrics_port
  feeds:    build/feedwire feeds -c $demo/feedwire.conf
  Kafka:    topics feedwire.articles and feedwire.events on $FW_KAFKA_BROKERS
            (build/feedwire tail -c $demo/feedwire.conf --from-beginning)

  Articles and events as they arrive on Kafka:

INFO

# the topics exist once the daemon publishes its first article (feedwire tail, like kcat, exits 1 on an
# unknown topic): wait for them, at most a minute
for _ in $(seq 1 60); do
  build/feedwire tail -c "$demo/feedwire.conf" -o end -e --timeout 2 >/dev/null 2>&1 && break
  kill -0 "$(cat "$demo/feedwired.pid")" 2>/dev/null || { tail -5 "$demo/feedwired.log" >&2; die "feedwired exited"; }
  sleep 1
done

if [ -t 0 ] && [ $keep = 0 ]; then
  build/feedwire tail -c "$demo/feedwire.conf" --from-beginning &
  tail_pid=$!
  wait "$tail_pid" || true
else
  # no terminal (or --keep): show what arrived, then stop (or leave it running)
  build/feedwire tail -c "$demo/feedwire.conf" --from-beginning --idle 15 || true
  echo
  build/feedwire status --url "http://127.0.0.1:$metrics_port" || true
fi
