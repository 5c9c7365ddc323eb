#!/usr/bin/env bash
# Starts, stops and reports a real redis-server and a real single-node Apache
# Kafka broker (KRaft) for tests and the demo. Both listen on 127.0.0.1 on free
# ports, keep their data under $FW_STATE (outside the repo), and are stopped by
# the pids this script recorded, never by name.
#   scripts/services.sh start|stop|status [redis|kafka]
# After start, $FW_ENV_FILE holds FW_REDIS_HOST, FW_REDIS_PORT, FW_KAFKA_BROKERS.
# Restarting one service (stop kafka; start kafka) keeps its port and data, which
# is what the outage tests need.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cmd=${1:-status}
only=${2:-all}
mkdir -p "$FW_STATE"
PORTS="$FW_STATE/ports"

load_ports() {
  if [ -f "$PORTS" ]; then . "$PORTS"; fi
  # ports chosen by an older version inside the ephemeral range are chosen again (free_port)
  local lo p
  lo=$(ephemeral_low)
  for p in "${REDIS_PORT:-0}" "${KAFKA_PORT:-0}" "${KAFKA_CTRL_PORT:-0}" "${KAFKA_SASL_PORT:-0}"; do
    if [ "$p" -ge "$lo" ] && ! alive redis && ! alive kafka; then REDIS_PORT=; break; fi
  done
  if [ -z "${REDIS_PORT:-}" ] || [ -z "${KAFKA_PORT:-}" ] || [ -z "${KAFKA_CTRL_PORT:-}" ] || [ -z "${KAFKA_SASL_PORT:-}" ]; then
    REDIS_PORT=$(free_port); KAFKA_PORT=$(free_port); KAFKA_CTRL_PORT=$(free_port); KAFKA_SASL_PORT=$(free_port)
    while [ "$KAFKA_PORT" = "$REDIS_PORT" ]; do KAFKA_PORT=$(free_port); done
    while [ "$KAFKA_CTRL_PORT" = "$KAFKA_PORT" ] || [ "$KAFKA_CTRL_PORT" = "$REDIS_PORT" ]; do KAFKA_CTRL_PORT=$(free_port); done
    while [ "$KAFKA_SASL_PORT" = "$KAFKA_PORT" ] || [ "$KAFKA_SASL_PORT" = "$REDIS_PORT" ] ||
          [ "$KAFKA_SASL_PORT" = "$KAFKA_CTRL_PORT" ]; do KAFKA_SASL_PORT=$(free_port); done
    # the SASL/PLAIN listener's password: made here, never in the repo
    KAFKA_SASL_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    printf 'REDIS_PORT=%s\nKAFKA_PORT=%s\nKAFKA_CTRL_PORT=%s\nKAFKA_SASL_PORT=%s\nKAFKA_SASL_PASSWORD=%s\n' \
      "$REDIS_PORT" "$KAFKA_PORT" "$KAFKA_CTRL_PORT" "$KAFKA_SASL_PORT" "$KAFKA_SASL_PASSWORD" > "$PORTS"
  fi
}

alive() { local f="$FW_STATE/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

wait_port() { # name port seconds
  local i
  for i in $(seq 1 $(( $3 * 10 ))); do
    port_busy "$2" && return 0
    alive "$1" || return 1
    sleep 0.1
  done
  return 1
}

write_env() {
  cat > "$FW_ENV_FILE" <<ENV
FW_REDIS_HOST=127.0.0.1
FW_REDIS_PORT=$REDIS_PORT
FW_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
FW_KAFKA_SASL_BROKERS=127.0.0.1:$KAFKA_SASL_PORT
FW_KAFKA_SASL_USER=feedwire
FW_KAFKA_SASL_PASSWORD=$KAFKA_SASL_PASSWORD
FW_SERVICES_STATE=$FW_STATE
ENV
}

start_redis() {
  if alive redis; then return 0; fi
  command -v redis-server >/dev/null || die "redis-server missing: run scripts/setup.sh"
  mkdir -p "$FW_STATE/redis"
  # appendonly: a restarted Redis keeps its dedup keys, as in production
  setsid redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$FW_STATE/redis" \
    --appendonly yes --appendfsync everysec --save "" --daemonize no \
    --logfile "$FW_STATE/redis.log" </dev/null >/dev/null 2>&1 &
  echo $! > "$FW_STATE/redis.pid"
  wait_port redis "$REDIS_PORT" 20 || { tail -5 "$FW_STATE/redis.log" >&2; die "redis did not start"; }
  # a restarted Redis answers LOADING until its append-only file is read back (seconds for a
  # large one): started means answering PONG
  for _ in $(seq 1 600); do
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
    alive redis || { tail -5 "$FW_STATE/redis.log" >&2; die "redis exited"; }
    sleep 0.1
  done
  say "redis on 127.0.0.1:$REDIS_PORT (pid $(cat "$FW_STATE/redis.pid"))"
}

start_kafka() {
  if alive kafka; then return 0; fi
  [ -f "$KAFKA_HOME/.complete" ] || die "Kafka jars missing: run scripts/setup.sh"
  local dir="$FW_STATE/kafka" props="$FW_STATE/kafka.properties"
  mkdir -p "$dir"
  cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CTRL_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CTRL_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_feedwire="$KAFKA_SASL_PASSWORD";
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=2097152
auto.create.topics.enable=true
PROPS
  local cp="$KAFKA_HOME/lib/*"
  local jopts=(-Xmx256m -Xms64m -XX:+UseSerialGC -Dlog4j.configuration="file:$FW_ROOT/scripts/kafka/log4j.properties")
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id
    id=$(java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$id" -c "$props" -g >"$FW_STATE/kafka-format.log" 2>&1 \
      || { cat "$FW_STATE/kafka-format.log" >&2; die "kafka storage format failed"; }
  fi
  setsid java "${jopts[@]}" -cp "$cp" kafka.Kafka "$props" </dev/null >"$FW_STATE/kafka.log" 2>&1 &
  echo $! > "$FW_STATE/kafka.pid"
  wait_port kafka "$KAFKA_PORT" 90 || { tail -20 "$FW_STATE/kafka.log" >&2; die "kafka did not start"; }
  # accepting TCP is not yet serving metadata: wait for a real answer
  for _ in $(seq 1 100); do
    kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2 >/dev/null 2>&1 && break
    sleep 0.2
  done
  say "kafka on 127.0.0.1:$KAFKA_PORT (pid $(cat "$FW_STATE/kafka.pid"))"
}

# Stopped means gone and no longer accepting on its port: a broker killed while its controlled
# shutdown still ran kept its listener open for a moment, and a client that connected then hung on
# a broker that never answered (the outage test's daemon never saw "all brokers down").
stop_one() {
  local name=$1 f="$FW_STATE/$1.pid" pid i port
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    if [ "$name" = kafka ]; then port=${KAFKA_PORT:-}; else port=${REDIS_PORT:-}; fi
    if [ -n "$port" ]; then
      for i in $(seq 1 100); do port_busy "$port" || break; sleep 0.1; done
    fi
    say "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}

case "$cmd" in
start)
  load_ports
  case "$only" in redis) start_redis ;; kafka) start_kafka ;; all) start_redis; start_kafka ;; *) die "unknown service $only" ;; esac
  write_env
  echo "$FW_ENV_FILE"
  ;;
stop)
  load_ports
  case "$only" in redis|kafka) stop_one "$only" ;; all) stop_one kafka; stop_one redis ;; *) die "unknown service $only" ;; esac
  ;;
status)
  load_ports
  rc=0
  for s in redis kafka; do
    if alive $s; then echo "$s: running (pid $(cat "$FW_STATE/$s.pid"))"; else echo "$s: stopped"; rc=3; fi
  done
  echo "redis 127.0.0.1:$REDIS_PORT  kafka 127.0.0.1:$KAFKA_PORT  env $FW_ENV_FILE"
  exit $rc
  ;;
*) echo "usage: $0 start|stop|status [redis|kafka]" >&2; exit 2 ;;
esac
