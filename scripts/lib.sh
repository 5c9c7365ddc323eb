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
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    port_busy "$p" || { echo "$p"; return 0; }
  done
  return 1
}
