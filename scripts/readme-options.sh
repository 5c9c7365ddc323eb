#!/usr/bin/env bash
# Regenerates the option reference in README.md and conf/feedwire.conf from the
# option table (the unit test test_conf fails when either drifts).
#   scripts/readme-options.sh [path/to/feedwire]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
tool=${1:-$FW_ROOT/build/feedwire}
"$tool" config docs > "$FW_ROOT/conf/feedwire.conf"
table=$("$tool" config docs --markdown)
awk -v table="$table" '
  /<!-- options:begin -->/ { print; print table; skip = 1; next }
  /<!-- options:end -->/ { skip = 0 }
  !skip { print }
' "$FW_ROOT/README.md" > "$FW_ROOT/README.md.tmp"
mv "$FW_ROOT/README.md.tmp" "$FW_ROOT/README.md"
