#!/usr/bin/env bash
# Issue 18.1: secrets never inline. feedwired runs with every secret in a
# systemd credentials directory ($CREDENTIALS_DIRECTORY, what LoadCredential=
# makes): the Redis password of an ACL user, sent over TLS to a redis-server of
# this test that listens only on a tls-port with a throwaway certificate made
# here, and the SASL/PLAIN password of the Kafka broker's SASL listener
# (scripts/services.sh). Ready means both accepted them; then each secret is
# made wrong in turn and the daemon must not get ready, and a client that does
# not trust the certificate is refused. Needs the services (else 77).
set -euo pipefail
if [ -z "${FW_KAFKA_SASL_BROKERS:-}" ] || [ -z "${FW_KAFKA_SASL_PASSWORD:-}" ]; then
    [ -n "${FW_REQUIRE_SERVICES:-}" ] && { echo "services with a SASL listener required"; exit 1; }
    echo "no services (or no SASL listener: restart them with scripts/services.sh): skipped"; exit 77
fi
PY=${FW_VENV_PYTHON:-$HOME/.cache/feedwire/venv/bin/python3}
dir=$(mktemp -d /tmp/fw-secrets.XXXXXX)
daemon= redis=
cleanup() {
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
    [ -n "$redis" ] && kill "$redis" 2>/dev/null && wait "$redis" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
fail() { echo "FAIL: $*"; echo "--- daemon log"; tail -20 "$dir/log" 2>/dev/null; exit 1; }

# A throwaway CA and a server certificate for 127.0.0.1, valid one day.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=feedwire test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >"$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 1 \
    -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null
# another CA, which signed nothing here
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=stranger" \
    -keyout "$dir/other.key" -out "$dir/other.pem" 2>/dev/null

rpass=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
rport=$(free_port)
# TLS only (port 0), no default user: only the ACL user with its password gets in
cat >"$dir/redis.conf" <<EOF
port 0
tls-port $rport
bind 127.0.0.1
tls-cert-file $dir/server.pem
tls-key-file $dir/server.key
tls-ca-cert-file $dir/ca.pem
tls-auth-clients no
save ""
appendonly no
dir $dir
user default off
user feedwire on >$rpass ~* &* +@all
EOF
redis-server "$dir/redis.conf" >"$dir/redis.log" 2>&1 &
redis=$!
rcli() { redis-cli --tls --cacert "$dir/ca.pem" -h 127.0.0.1 -p "$rport" --user feedwire --pass "$rpass" --no-auth-warning "$@"; }
for _ in $(seq 1 50); do [ "$(rcli ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
[ "$(rcli ping)" = PONG ] || { cat "$dir/redis.log"; fail "redis-server with tls-port did not start"; }

mport=$(free_port)
mkdir -p "$dir/state" "$dir/creds"
echo "http://127.0.0.1:9/feed.rss name=nowhere" >"$dir/feeds.txt"
# No secret in the config file: only where they are.
cat >"$dir/feedwire.conf" <<EOF
[daemon]
feeds_file = $dir/feeds.txt
state_dir = $dir/state
[fetch]
allow_hosts = 127.0.0.1
[redis]
port = $rport
user = feedwire          # an ACL user (Redis 6+)
tls = yes
tls_ca_file = $dir/ca.pem
prefix = sec$$:
[sink]
topic_articles = sec$$.articles
topic_events = sec$$.events
topic_dlq = sec$$.dlq
[metrics]
port = $mport
[kafka]
bootstrap.servers = $FW_KAFKA_SASL_BROKERS
security.protocol = SASL_PLAINTEXT
sasl.mechanism = PLAIN
sasl.username_file = kafka-user
EOF
grep -qi pass "$dir/feedwire.conf" && fail "the config holds a password"
printf '%s\n' "$rpass" >"$dir/creds/redis.password"
printf '%s\n' "$FW_KAFKA_SASL_PASSWORD" >"$dir/creds/kafka.sasl.password"
printf '%s\n' "$FW_KAFKA_SASL_USER" >"$dir/creds/kafka-user"
chmod 400 "$dir/creds/"*

start() {
    CREDENTIALS_DIRECTORY="$dir/creds" "$FW_DAEMON" -c "$dir/feedwire.conf" >"$dir/log" 2>&1 &
    daemon=$!
}
stop() { # SIGTERM: a clean exit (0), also under the sanitizers (a leak exits 23)
    local rc=0
    kill "$daemon" 2>/dev/null
    wait "$daemon" 2>/dev/null || rc=$?
    daemon=
    [ "$rc" = 0 ] || fail "feedwired exited $rc on SIGTERM"
    ! grep -q "Sanitizer" "$dir/log" || fail "sanitizer report"
}
ready_within() { # seconds
    for _ in $(seq 1 $(($1 * 5))); do
        curl -sf --max-time 1 "http://127.0.0.1:$mport/readyz" >/dev/null 2>&1 && return 0
        kill -0 "$daemon" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

CREDENTIALS_DIRECTORY="$dir/creds" "$FW_TOOL" config check "$dir/feedwire.conf" >/dev/null || fail "config check"
start
ready_within 30 || fail "not ready with the secrets from the credentials directory"
# the daemon is a client of the TLS port, logged in as the ACL user
rcli client list | grep -q "user=feedwire" || fail "no feedwire client on Redis"
[ "$(rcli client list | wc -l)" -ge 2 ] || fail "the daemon holds no Redis connection"
echo "ok: ready with Redis over TLS as ACL user feedwire and Kafka SASL/PLAIN, secrets from credentials"
stop

# Each secret matters: a wrong one keeps the daemon from getting ready.
chmod 600 "$dir/creds/redis.password"; echo wrong >"$dir/creds/redis.password"
start
ready_within 8 && fail "ready with a wrong Redis password"
grep -q "refused AUTH" "$dir/log" || fail "the refused AUTH is not logged"
echo "ok: a wrong Redis password is refused"
stop
printf '%s\n' "$rpass" >"$dir/creds/redis.password"
chmod 600 "$dir/creds/kafka.sasl.password"; echo wrong >"$dir/creds/kafka.sasl.password"
start
ready_within 8 && fail "ready with a wrong Kafka password"
echo "ok: a wrong Kafka SASL password is refused"
stop
printf '%s\n' "$FW_KAFKA_SASL_PASSWORD" >"$dir/creds/kafka.sasl.password"

# The certificate is verified: a CA that did not sign it is refused.
sed -i "s|tls_ca_file = .*|tls_ca_file = $dir/other.pem|" "$dir/feedwire.conf"
start
ready_within 8 && fail "ready although the server certificate is not trusted"
grep -q "TLS.*certificate verify failed\|TLS.*unable to get" "$dir/log" || fail "the verification failure is not logged"
echo "ok: an untrusted Redis certificate is refused"
stop

# The environment overrides the file, and *_file is read from it too.
sed -i "s|tls_ca_file = .*|tls_ca_file = $dir/ca.pem|" "$dir/feedwire.conf"
rm -f "$dir/creds/redis.password"
printf '%s' "$rpass" >"$dir/redis.pw"
FEEDWIRE_REDIS_PASSWORD_FILE="$dir/redis.pw" CREDENTIALS_DIRECTORY="$dir/creds" "$FW_DAEMON" -c "$dir/feedwire.conf" >"$dir/log" 2>&1 &
daemon=$!
ready_within 30 || fail "not ready with FEEDWIRE_REDIS_PASSWORD_FILE"
echo "ok: FEEDWIRE_REDIS_PASSWORD_FILE from the environment"
stop
echo "secrets and TLS: 5 passed, 0 failed"
