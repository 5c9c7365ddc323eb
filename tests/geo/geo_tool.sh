#!/bin/sh
# `feedwire gazetteer build` and `lookup` end to end over the test fixture.
set -u
tool=${FW_TOOL:?}
src=${FW_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description expected-substring output
  case "$3" in *"$2"*) echo "ok: $1" ;; *) echo "FAIL: $1: got '$3'"; fail=1 ;; esac
}
out=$("$tool" gazetteer build --geonames "$src/tests/data/geo" --iso-codes "$src/tests/data/geo/iso" \
  --demonyms "$src/conf/demonyms.tsv" --common-words "$src/conf/geo-common-words.txt" \
  --admin1-names "$src/tests/data/geo/rg_cities1000.csv" --regions "$src/conf/regions.tsv" -o "$tmp/g.idx" 2>&1)
check "build reports its figures" "countries" "$out"
out=$("$tool" gazetteer lookup --index "$tmp/g.idx" "Termez, on the border" 2>&1)
check "lookup Termez" "$(printf 'Termez\tTermez\tSurxondaryo Viloyati\tUZ\tUZB')" "$out"
out=$("$tool" gazetteer lookup --index "$tmp/g.idx" --hint LB Tripoli 2>&1)
check "lookup with a hint" "$(printf '\tLB\tLBN\t')" "$out"
out=$("$tool" gazetteer lookup --index "$tmp/g.idx" --country Iraqis 2>&1)
check "country from a demonym" "$(printf 'Iraqis\tIraq\t')" "$out"
"$tool" gazetteer lookup --index "$tmp/g.idx" Zzyzx >/dev/null 2>&1
rc=$?; [ $rc = 1 ] && echo "ok: unknown name exits 1" || { echo "FAIL: unknown name exits $rc"; fail=1; }
"$tool" gazetteer build --geonames "$tmp/missing" --iso-codes "$src/tests/data/geo/iso" -o "$tmp/x.idx" >/dev/null 2>&1
rc=$?; [ $rc = 1 ] && echo "ok: missing source exits 1" || { echo "FAIL: missing source exits $rc"; fail=1; }
"$tool" gazetteer build --geonames "$src/tests/data/geo" >/dev/null 2>&1
rc=$?; [ $rc = 2 ] && echo "ok: missing options exit 2" || { echo "FAIL: missing options exit $rc"; fail=1; }
"$tool" gazetteer lookup --index "$tmp/none.idx" Termez >/dev/null 2>&1
rc=$?; [ $rc = 1 ] && echo "ok: missing index exits 1" || { echo "FAIL: missing index exits $rc"; fail=1; }
exit $fail
