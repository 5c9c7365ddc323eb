#!/bin/sh
# The Debian package: a side build with the prefix /usr, `cpack -G DEB`, then
# dpkg-deb -I/-c checks (depends, conffiles, maintainer scripts, file list),
# the package unpacked into a scratch root where `feedwired --version` and the
# default config are checked, the postinst run against stub systemd tools, and
# (as root) a real `dpkg --root` install, remove and purge in a scratch root with
# chrootless maintainer scripts ($DPKG_ROOT): enabled there, nothing on this
# machine touched. Issue 18.4: Depends computed by dpkg-shlibdeps (with
# versions), stripped binaries, the machine-readable copyright naming every
# bundled dataset's licence, changelog, man pages rendered by `man -l` without
# warnings, bash completion, and lintian (when installed; scripts/setup.sh
# installs it) without errors or warnings.
set -eu
command -v cpack >/dev/null && command -v dpkg-deb >/dev/null || { echo "no cpack/dpkg-deb: skipped"; exit 77; }
side="$FW_BUILD_DIR/deb-build"
cmake -S "$FW_SOURCE_DIR" -B "$side" -G Ninja -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=Release \
    -DFW_TESTS=OFF -DFW_SANITIZE= >"$FW_BUILD_DIR/deb-build.log" 2>&1 || { cat "$FW_BUILD_DIR/deb-build.log"; exit 1; }
ninja -C "$side" -j2 >>"$FW_BUILD_DIR/deb-build.log" 2>&1 || { tail -40 "$FW_BUILD_DIR/deb-build.log"; exit 1; }
rm -f "$side"/feedwire_*.deb
(cd "$side" && cpack -G DEB) >>"$FW_BUILD_DIR/deb-build.log" 2>&1 || { tail -40 "$FW_BUILD_DIR/deb-build.log"; exit 1; }
deb=$(ls "$side"/feedwire_*.deb)
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

dpkg-deb -I "$deb" >"$tmp/info"
sed -n 's/^ \(Package\|Version\|Architecture\|Depends\):/\1:/p' "$tmp/info"
for dep in libcurl4 libxml2 librdkafka1 libhiredis0.14 libsystemd0 libinih1 libjansson4 libxxhash0 libmicrohttpd12 zlib1g libssl3; do
    grep -q "^ Depends:.*\b$dep\b" "$tmp/info" || fail "Depends lacks $dep"
done
grep -q "^ Depends:.*librdkafka1 (>= [0-9]" "$tmp/info" || fail "Depends without versions (dpkg-shlibdeps)"
grep -q "^ Maintainer: .* <[^@ ]*@[a-z0-9.-]*\.[a-z]*>\$" "$tmp/info" && ! grep -q "^ Maintainer:.*@localhost" "$tmp/info" ||
    fail "maintainer address: $(grep Maintainer "$tmp/info")"
[ -f "$FW_SOURCE_DIR/LICENSE" ] && grep -q "Apache License" "$FW_SOURCE_DIR/LICENSE" || fail "no Apache-2.0 LICENSE at the root"
for f in conffiles postinst prerm postrm; do grep -Eq "lines +\*? +$f( |\$)" "$tmp/info" || fail "no control file $f"; done

dpkg-deb -c "$deb" | awk '{print $NF}' >"$tmp/files"
for f in ./usr/sbin/feedwired ./usr/bin/feedwire ./usr/lib/systemd/system/feedwired.service \
         ./etc/feedwire/feedwire.conf ./etc/feedwire/feeds.txt ./usr/share/doc/feedwire/copyright \
         ./usr/share/doc/feedwire/changelog.Debian.gz ./usr/share/man/man1/feedwire.1.gz \
         ./usr/share/man/man8/feedwired.8.gz ./usr/share/man/man5/feedwire.conf.5.gz \
         ./usr/share/bash-completion/completions/feedwire ./usr/share/bash-completion/completions/feedwired; do
    grep -qxF "$f" "$tmp/files" || fail "package lacks $f"
done
# the event coder's dictionaries travel with the package, side by side in share/feedwire
if [ -d "$FW_SOURCE_DIR/conf/dict" ]; then
    for f in "$FW_SOURCE_DIR"/conf/dict/*; do
        grep -qxF "./usr/share/feedwire/$(basename "$f")" "$tmp/files" || fail "package lacks dictionary $(basename "$f")"
    done
    echo "dictionaries: $(ls "$FW_SOURCE_DIR/conf/dict" | wc -l) files in /usr/share/feedwire"
fi
dpkg-deb -x "$deb" "$tmp/root"
dpkg-deb -e "$deb" "$tmp/DEBIAN"
printf '/etc/feedwire/feedwire.conf\n/etc/feedwire/feeds.txt\n' | cmp -s - "$tmp/DEBIAN/conffiles" || fail "conffiles: $(cat "$tmp/DEBIAN/conffiles")"
for s in postinst prerm postrm; do
    [ -x "$tmp/DEBIAN/$s" ] || fail "$s not executable"
    sh -n "$tmp/DEBIAN/$s" || fail "$s: syntax"
done
for b in usr/sbin/feedwired usr/bin/feedwire; do
    file "$tmp/root/$b" | grep -q ", stripped" || fail "$b is not stripped"
done
# the three man pages render, without a groff warning; feedwire.conf(5) lists every option
for page in man1/feedwire.1 man8/feedwired.8 man5/feedwire.conf.5; do
    gzip -dc "$tmp/root/usr/share/man/$page.gz" >"$tmp/page"
    MANWIDTH=80 man -l --warnings "$tmp/page" >"$tmp/page.txt" 2>"$tmp/page.err" || fail "man -l $page"
    [ ! -s "$tmp/page.err" ] || { cat "$tmp/page.err"; fail "man -l $page: warnings"; }
    grep -q "^NAME" "$tmp/page.txt" && grep -q "^SEE ALSO" "$tmp/page.txt" || fail "man -l $page: no NAME/SEE ALSO"
    echo "man $page: $(wc -l <"$tmp/page.txt") lines"
done
gzip -dc "$tmp/root/usr/share/man/man5/feedwire.conf.5.gz" >"$tmp/conf5"
for opt in $("$tmp/root/usr/bin/feedwire" config docs --markdown | sed -n 's/^| `[a-z]*\.\([a-z_]*\)`.*/\1/p'); do
    grep -qx ".B $opt" "$tmp/conf5" || fail "feedwire.conf(5) lacks $opt"
done
bash -n "$tmp/root/usr/share/bash-completion/completions/feedwire" || fail "completion: syntax"
# copyright: machine-readable, and every third-party file of conf/dict has its own stanza
cr="$tmp/root/usr/share/doc/feedwire/copyright"
head -1 "$cr" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' || fail "copyright not DEP-5"
for f in "$FW_SOURCE_DIR"/conf/dict/*; do
    case $(basename "$f") in README.md|feedwire.*) continue;; esac
    python3 - "$cr" "conf/dict/$(basename "$f")" <<'PY' || fail "copyright: no stanza for conf/dict/$(basename "$f")"
import fnmatch, re, sys
text, path = open(sys.argv[1]).read(), sys.argv[2]
pats = [p for m in re.finditer(r"^Files: (.*(?:\n {2,}.*)*)", text, re.M) for p in m.group(1).split()]
sys.exit(0 if any(p != "*" and fnmatch.fnmatch(path, p) for p in pats) else 1)
PY
done
for lic in Apache-2.0 Expat CC-BY-SA-4.0 CC-BY-4.0 LGPL-2.1+; do grep -q "^License: $lic\$" "$cr" || fail "copyright lacks $lic"; done
echo "copyright: DEP-5, $(grep -c '^Files:' "$cr") stanzas"
if command -v lintian >/dev/null; then
    lintian -I --fail-on error,warning "$deb" >"$tmp/lintian" 2>&1 || { cat "$tmp/lintian"; fail "lintian"; }
    ! grep -q '^[EW]:' "$tmp/lintian" || { cat "$tmp/lintian"; fail "lintian: errors or warnings"; }
    echo "lintian $(lintian --version | cut -d' ' -f2): 0 errors, 0 warnings, $(grep -c '^I:' "$tmp/lintian" || true) info"
else
    echo "no lintian (scripts/setup.sh installs it): lintian skipped"
fi
version=$("$tmp/root/usr/sbin/feedwired" --version)
echo "unpacked: $version"
case "$version" in "feedwired "[0-9]*) ;; *) fail "feedwired --version said '$version'";; esac
"$tmp/root/usr/bin/feedwire" config check "$tmp/root/etc/feedwire/feedwire.conf" >/dev/null || fail "default config does not check"
grep -q '^ExecStart=/usr/sbin/feedwired ' "$tmp/root/usr/lib/systemd/system/feedwired.service" || fail "unit ExecStart"

# postinst configure against stubs: enables on a first install, exits 0.
mkdir "$tmp/stubs"
for tool in deb-systemd-helper deb-systemd-invoke systemctl; do
    printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\nexit 0\n' "$tool" "$tmp" >"$tmp/stubs/$tool"
    chmod +x "$tmp/stubs/$tool"
done
PATH="$tmp/stubs:/usr/bin:/bin" "$tmp/DEBIAN/postinst" configure || fail "postinst configure failed"
grep -qx 'deb-systemd-helper enable feedwired.service' "$tmp/calls" || fail "postinst did not enable: $(cat "$tmp/calls")"
# without any systemd tool (a chroot) every script still succeeds
for s in "postinst configure" "prerm remove" "postrm remove"; do
    PATH=/nonexistent /bin/sh "$tmp/DEBIAN/${s% *}" "${s#* }" || fail "$s failed without systemd tools"
done
echo "maintainer scripts: ok ($(wc -l <"$tmp/calls") stubbed calls)"

# Every library the binaries link must be in Depends (libraries linked later by the pipeline too).
if command -v dpkg-shlibdeps >/dev/null; then
    mkdir -p "$tmp/shlib/debian" && echo "Source: feedwire" >"$tmp/shlib/debian/control"
    needed=$(cd "$tmp/shlib" && dpkg-shlibdeps -O "$tmp/root/usr/sbin/feedwired" "$tmp/root/usr/bin/feedwire" 2>/dev/null |
             sed -n 's/^shlibs:Depends=//p' | tr ',' '\n' | sed 's/^ *//; s/ .*//')
    for dep in $needed; do grep -q "^ Depends:.*\b$dep\b" "$tmp/info" || fail "links $dep, not in Depends"; done
    echo "shlibdeps: $(echo $needed) all in Depends"
fi

if [ "$(id -u)" = 0 ]; then
    r="$tmp/dpkgroot" unit_wants=/etc/systemd/system/multi-user.target.wants/feedwired.service
    had_host_link=$([ -e "$unit_wants" ] && echo yes || echo no)
    mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/triggers"
    : >"$r/var/lib/dpkg/status"; : >"$r/var/lib/dpkg/available"
    dpkg="dpkg --root=$r --force-script-chrootless --force-depends"
    $dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -i"; }
    dpkg --root="$r" -s feedwire | grep -q '^Status: install ok installed' || fail "not installed"
    [ -L "$r$unit_wants" ] || fail "not enabled in the scratch root"
    [ -x "$r/usr/sbin/feedwired" ] || fail "feedwired not installed"
    $dpkg -r feedwire >>"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -r"; }
    [ ! -e "$r/usr/sbin/feedwired" ] && [ ! -e "$r$unit_wants" ] || fail "remove left the binary or the enablement"
    [ -f "$r/etc/feedwire/feedwire.conf" ] || fail "remove deleted the conffile"
    $dpkg -P feedwire >>"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -P"; }
    [ ! -e "$r/etc/feedwire/feedwire.conf" ] && [ ! -e "$r/etc/systemd/system/feedwired.service" ] ||
        fail "purge left the conffile or a mask"
    [ "$(ls "$r/var/lib/systemd/deb-systemd-helper-enabled" 2>/dev/null | grep -c feedwired || true)" = 0 ] ||
        fail "purge left deb-systemd-helper state"
    [ "$had_host_link" = yes ] || [ ! -e "$unit_wants" ] || fail "the host's systemd was touched"
    echo "dpkg --root: install (enabled), remove (conffiles kept), purge (clean): ok"
else
    echo "not root: dpkg --root install skipped"
fi
echo ok
