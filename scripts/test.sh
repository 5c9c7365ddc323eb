#!/usr/bin/env bash
# The test command (CI runs exactly this): setup, build twice (gcc with
# -Werror; clang with AddressSanitizer + UndefinedBehaviorSanitizer and the
# libFuzzer targets), start Redis and Kafka, run every ctest test in both
# builds (benchmarks excepted: scripts/bench.sh), stop the services (also on
# failure), exit with the tests' status.
#   scripts/test.sh [ctest args...]   e.g. scripts/test.sh -L unit
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$FW_ROOT"

"$FW_ROOT/scripts/setup.sh"

jobs=$(nproc)
say "build (gcc, -Werror)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFW_WERROR=ON \
  -DFW_VENV_PYTHON="$FW_VENV/bin/python3" >/dev/null
ninja -C build -j"$jobs"
# the geocoding index (GeoNames via PyPI, compiled by our own tool); the wheel is cached
FW_TOOL=build/feedwire scripts/gazetteer.sh build/gazetteer.idx >/dev/null
# the part-of-speech tagger's data (textblob wheel via PyPI, cached), beside the binaries
scripts/postag.sh build/postag-en.txt >/dev/null
say "build (clang, ASan+UBSan, fuzzers)"
CC=clang cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFW_WERROR=ON \
  -DFW_SANITIZE=address,undefined -DFW_FUZZ=ON -DFW_VENV_PYTHON="$FW_VENV/bin/python3" >/dev/null
ninja -C build-asan -j"$jobs"
ln -sf ../build/gazetteer.idx build-asan/gazetteer.idx
ln -sf ../build/postag-en.txt build-asan/postag-en.txt

cleanup() { "$FW_ROOT/scripts/services.sh" stop || true; }
trap cleanup EXIT
"$FW_ROOT/scripts/services.sh" start >/dev/null
set -a; . "$FW_ENV_FILE"; set +a
export FW_REQUIRE_SERVICES=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

rc=0
say "ctest (gcc build)"
(cd build && ctest --output-on-failure -LE bench -j"$jobs" "$@") || rc=1
say "ctest (ASan+UBSan build)"
(cd build-asan && ctest --output-on-failure -LE bench -j"$jobs" "$@") || rc=1
[ $rc = 0 ] && say "all tests passed" || say "tests FAILED"
exit $rc
