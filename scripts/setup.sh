#!/usr/bin/env bash
# Installs what feedwire needs to build, test and demo, and nothing twice:
# Debian packages, the Kafka broker jars (Maven Central, into a cache outside
# the repo), the Python venv for tests/benchmarks, and the gazetteer index.
# Idempotent: seconds when everything is there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

APT_PKGS=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libcurl4-openssl-dev libxml2-dev librdkafka-dev libhiredis-dev libsystemd-dev
  libinih-dev libjansson-dev libxxhash-dev libmicrohttpd-dev zlib1g-dev libcmocka-dev
  redis-server redis-tools kcat openjdk-17-jre-headless maven python3-venv iso-codes
  systemd curl ca-certificates dpkg-dev file strace libssl-dev openssl
  lintian man-db groff-base
  prometheus) # promtool: tests evaluate conf/grafana/feedwire-alerts.yml

missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$FW_CACHE"
if [ ! -f "$KAFKA_HOME/.complete" ]; then
  say "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$KAFKA_HOME"; mkdir -p "$KAFKA_HOME/lib"
  mvn -q -B -f "$FW_ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_HOME/lib" -Dmaven.repo.local="$FW_CACHE/m2" >/dev/null
  touch "$KAFKA_HOME/.complete"
fi

req="$FW_ROOT/tests/requirements.txt"
stamp="$FW_VENV/.requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x "$FW_VENV/bin/python3" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "preparing the test venv ($FW_VENV)"
  [ -x "$FW_VENV/bin/python3" ] || python3 -m venv "$FW_VENV"
  "$FW_VENV/bin/pip" install -q --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
fi

say "setup complete"
