#!/usr/bin/env bash
# Benchmarks: an optimized build, the real services, then every ctest test
# labelled `bench`, verbose so their figures (and ratios to the peer tools run
# in the same process run) are printed. Not part of scripts/test.sh: figures,
# not pass/fail timings.   scripts/bench.sh [ctest -R REGEX ...]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$FW_ROOT"
"$FW_ROOT/scripts/setup.sh"
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFW_WERROR=ON \
  -DFW_VENV_PYTHON="$FW_VENV/bin/python3" >/dev/null
ninja -C build-bench
scripts/postag.sh build-bench/postag-en.txt >/dev/null   # the syntactic pass's data, for bench_code
cleanup() { "$FW_ROOT/scripts/services.sh" stop || true; }
trap cleanup EXIT
"$FW_ROOT/scripts/services.sh" start >/dev/null
set -a; . "$FW_ENV_FILE"; set +a
cd build-bench && ctest -L bench -V --timeout 1800 "$@"
