#!/bin/sh
# systemd/feedwired.service: `systemd-analyze verify` passes on a copy whose
# binary paths point at this build, the hardening keeps the exposure at 1.5 or
# below, and the timeouts fit the daemon's defaults.
set -eu
unit="$FW_SOURCE_DIR/systemd/feedwired.service"
max_exposure=1.5
command -v systemd-analyze >/dev/null || { echo "no systemd-analyze: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed "s|/usr/sbin/feedwired|$FW_DAEMON|g" "$unit" >"$tmp/feedwired.service"
grep -q "^ExecStart=$FW_DAEMON " "$tmp/feedwired.service"
if ! systemd-analyze verify "$tmp/feedwired.service" >"$tmp/verify.log" 2>&1 || [ -s "$tmp/verify.log" ]; then
    echo "systemd-analyze verify complained:"; cat "$tmp/verify.log"; exit 1
fi
echo "verify: ok"

systemd-analyze security --offline=true "$unit" >"$tmp/security.log" 2>&1 || true
score=$(sed -n 's/.*Overall exposure level for feedwired.service: \([0-9.]*\).*/\1/p' "$tmp/security.log")
[ -n "$score" ] || { echo "no exposure figure:"; cat "$tmp/security.log"; exit 1; }
echo "exposure: $score (max $max_exposure)"
awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s <= m) }' || {
    grep '✗' "$tmp/security.log"; exit 1; }

# The settings the daemon relies on.
for want in 'Type=notify' 'ExecReload=/bin/kill -HUP $MAINPID' 'DynamicUser=yes' 'StateDirectory=feedwire' \
            'ConfigurationDirectory=feedwire' 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX'; do
    grep -qxF "$want" "$unit" || { echo "missing: $want"; exit 1; }
done
secs() { # "60s" / "2min" / "20000" (ms, as the config writes it) -> seconds
    case "$1" in *min) echo $(( ${1%min} * 60 ));; *ms) echo $(( ${1%ms} / 1000 ));; *s) echo "${1%s}";;
                 *) echo $(( $1 / 1000 ));; esac; }
stop=$(secs "$(sed -n 's/^TimeoutStopSec=//p' "$unit")")
wd=$(secs "$(sed -n 's/^WatchdogSec=//p' "$unit")")
drain=$(secs "$("$FW_TOOL" config docs | sed -n 's/^#drain_timeout = //p')")
echo "TimeoutStopSec=${stop}s WatchdogSec=${wd}s daemon.drain_timeout=${drain}s"
[ "$stop" -gt $(( drain + 10 )) ] || { echo "TimeoutStopSec must exceed drain_timeout + 10 s"; exit 1; }
[ "$wd" -ge 10 ] || { echo "WatchdogSec too short"; exit 1; }
echo "ok"
