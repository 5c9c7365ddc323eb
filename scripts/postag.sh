#!/bin/sh
# Builds the part-of-speech tagger's data: downloads the textblob wheel (MIT; it ships
# the English lexicon, contextual and morphological rules of Brill's tagger v1.14 as
# adapted by Pattern) with pip into a cache outside the repository, checks its hash,
# and writes the three files, comments dropped, into one text file that the event
# coder loads from its dictionary folder (or from beside the binary in a build tree).
#
# usage: scripts/postag.sh [OUTPUT]      (default: build/postag-en.txt)
# env:   FW_POSTAG_CACHE   download cache (default: ${XDG_CACHE_HOME:-~/.cache}/feedwire/postag)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/postag-en.txt}
cache=${FW_POSTAG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/feedwire/postag}
version=0.20.1
sha256=f957699169a3e7b9a03a504883111b7b6973679496b9af959db2f74ee2449977
wheel=$cache/textblob-$version-py3-none-any.whl

mkdir -p "$cache"
pip=${FW_PIP:-}
if [ -z "$pip" ]; then
    if [ -x "$HOME/.cache/feedwire/venv/bin/pip" ]; then pip="$HOME/.cache/feedwire/venv/bin/pip"
    else pip="python3 -m pip"; fi
fi
[ -f "$wheel" ] || $pip download --disable-pip-version-check --no-deps --only-binary=:all: \
    --dest "$cache" "textblob==$version" >&2
echo "$sha256  $wheel" | sha256sum -c --quiet - || {
    echo "postag.sh: $wheel does not have the expected SHA-256; delete it and retry" >&2
    exit 1
}
mkdir -p "$(dirname "$out")"
# a zip file: Python's zipfile reads it (python3 is there for pip anyway)
python3 - "$wheel" "$out.tmp" "$version" <<'PY'
import sys, zipfile
wheel, out, version = sys.argv[1:4]
z = zipfile.ZipFile(wheel)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    # "%%" starts a directive: no lexicon word does ("%" alone is one)
    f.write("%%feedwire-postag 1\n")
    f.write("%%%%# written by scripts/postag.sh from textblob %s (MIT): the lexicon and rules\n" % version)
    f.write("%%# of Brill's tagger v1.14 (Brown corpus and Penn Treebank), as adapted by Pattern\n")
    for sec in ("lexicon", "context", "morphology"):
        f.write("%%%%%s\n" % sec)
        for line in z.read("textblob/en/en-%s.txt" % sec).decode("utf-8").splitlines():
            line = line.strip()
            if line.startswith(";;;"):          # the authors' and licences' notes stay with the data
                if line[3:].strip():
                    f.write("%%%%# %s\n" % line[3:].strip())
            elif line:
                f.write(line + "\n")
PY
mv "$out.tmp" "$out"
