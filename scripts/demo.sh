#!/usr/bin/env bash
# The demo: installs what is missing, builds, starts Redis and Kafka, runs
# feedwired against them until Ctrl-C, then stops what it started.
#   scripts/demo.sh [--keep]     --keep leaves the services running afterwards
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$FW_ROOT"
keep=0
for a in "$@"; do
  case "$a" in
    --keep) keep=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument $a" ;;
  esac
done

"$FW_ROOT/scripts/setup.sh"
say "building"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build >/dev/null

cleanup() {
  [ -n "${daemon_pid:-}" ] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
  if [ $keep = 0 ]; then "$FW_ROOT/scripts/services.sh" stop; fi
}
trap cleanup EXIT
"$FW_ROOT/scripts/services.sh" start >/dev/null
. "$FW_ENV_FILE"

demo="$FW_STATE/demo"
mkdir -p "$demo/state"
: > "$demo/feeds.txt"
cat > "$demo/feedwire.conf" <<CONF
[daemon]
feeds_file = $demo/feeds.txt
state_dir = $demo/state
[redis]
host = $FW_REDIS_HOST
port = $FW_REDIS_PORT
[kafka]
bootstrap.servers = $FW_KAFKA_BROKERS
CONF
build/feedwire config check "$demo/feedwire.conf"
say "running feedwired (Ctrl-C to stop)"
build/feedwired -c "$demo/feedwire.conf" &
daemon_pid=$!
wait "$daemon_pid" || true
daemon_pid=
