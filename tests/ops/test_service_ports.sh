#!/usr/bin/env bash
# The test and demo services listen below the kernel's ephemeral port range: a
# service restarted on a port inside it (the outage tests stop and start Kafka and
# Redis on the same port) can find the port taken by an outgoing connection made
# while it was down. Checks free_port over many draws and that a ports file from an
# older version (ports inside the range) is chosen again.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
export FW_STATE=$(mktemp -d /tmp/fw-ports-XXXXXX)
trap 'rm -rf "$FW_STATE"' EXIT
. "$root/scripts/lib.sh"
lo=$(ephemeral_low)
[ "$lo" -gt 12000 ] || { echo "ephemeral range starts at $lo: nothing to check"; exit 0; }
for i in $(seq 1 300); do
  p=$(free_port)
  [ "$p" -ge 10000 ] && [ "$p" -lt "$lo" ] || { echo "free_port gave $p, not in [10000, $lo)" >&2; exit 1; }
done
echo "300 ports drawn, all in [10000, $lo)"
# an old ports file inside the range: services.sh status re-chooses them (and starts nothing)
printf 'REDIS_PORT=%s\nKAFKA_PORT=%s\nKAFKA_CTRL_PORT=%s\nKAFKA_SASL_PORT=%s\nKAFKA_SASL_PASSWORD=x\n' \
  $((lo + 10)) $((lo + 20)) $((lo + 30)) $((lo + 40)) > "$FW_STATE/ports"
"$root/scripts/services.sh" status >/dev/null 2>&1 || true
. "$FW_STATE/ports"
for p in "$REDIS_PORT" "$KAFKA_PORT" "$KAFKA_CTRL_PORT" "$KAFKA_SASL_PORT"; do
  [ "$p" -lt "$lo" ] || { echo "ports file keeps $p, inside the ephemeral range" >&2; exit 1; }
done
echo "old ports file re-chosen: redis $REDIS_PORT, kafka $KAFKA_PORT"
