# Shared by the scripts: paths outside the repo, logging helpers. Sourced, not run.
FW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FW_CACHE=${FW_CACHE:-$HOME/.cache/feedwire}
# one services folder per checkout, so two worktrees never share a broker
FW_STATE=${FW_STATE:-$FW_CACHE/services-$(printf %s "$FW_ROOT" | cksum | cut -d" " -f1)}
FW_VENV=${FW_VENV:-$FW_CACHE/venv}
FW_ENV_FILE=${FW_ENV_FILE:-$FW_STATE/services.env}
KAFKA_VERSION=3.9.2
KAFKA_HOME=$FW_CACHE/kafka-$KAFKA_VERSION
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# port_busy PORT: true when something accepts connections on 127.0.0.1:PORT
port_busy() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
# ephemeral_low: the first port the kernel hands out to outgoing connections
ephemeral_low() {
  local lo _
  read -r lo _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
  echo "${lo:-32768}"
}
# free_port: a free port below the kernel's ephemeral range. A service restarted on
# a port inside that range can find it taken by any outgoing connection made while
# it was down (or by a client that connected to itself there): Kafka failed to bind
# 127.0.0.1:49960 "Address already in use" on a restart in the outage tests.
free_port() {
  local p i lo span
  lo=$(ephemeral_low)
  span=$(( lo - 10000 ))
  [ "$span" -ge 2000 ] || span=0
  for i in $(seq 1 200); do
    if [ "$span" -gt 0 ]; then p=$((10000 + RANDOM % span)); else p=$((20000 + RANDOM % 40000)); fi
    port_busy "$p" || { echo "$p"; return 0; }
  done
  return 1
}
