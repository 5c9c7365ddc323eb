#!/bin/sh
# feedwire events: text, HTML (libxml2 body text until the extractor is wired in), JSONL batches,
# and the exit codes 0 ok / 1 bad input / 2 usage.
set -u
tool=${FW_TOOL:?}
dict=${FW_SOURCE_DIR:?}/conf/dict
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'On April 18, ISKP fired ten Katyusha rockets at a military base in Termez.\n' > "$tmp/a.txt"
out=$("$tool" events --text --published 2022-08-31 --dict-dir "$dict" "$tmp/a.txt") || fail "text exit $?"
echo "$out" | grep -q '"date":"2022-04-18"' || fail "text: no 2022-04-18 event: $out"
echo "$out" | grep -q '"quantity":{"value":10,"unit":"rockets"}' || fail "text: no quantity: $out"
[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "text: not one event"

printf '<html><head><script>Mordor attacked Gondor.</script></head><body><p>On April 18, ISKP fired ten Katyusha rockets at a military base in Termez.</p></body></html>' > "$tmp/a.html"
out=$("$tool" events --published 2022-08-31 --dict-dir "$dict" "$tmp/a.html") || fail "html exit $?"
echo "$out" | grep -q '"cameo":"19' || fail "html: no event: $out"

printf '{"id":"x1","published":"2022-08-31","text":"On April 18, ISKP fired ten Katyusha rockets at a military base in Termez."}\n{"id":"x2","published":"2022-08-31","text":"Nothing happened."}\n' > "$tmp/a.jsonl"
out=$("$tool" events --dict-dir "$dict" --jsonl-in "$tmp/a.jsonl") || fail "jsonl exit $?"
echo "$out" | grep -q '^{"article":"x1",' || fail "jsonl: no article tag: $out"
echo "$out" | grep -q '"article_id":"x1"' || fail "jsonl: no article_id: $out"
cat "$tmp/a.txt" | "$tool" events --text --published 2022-08-31 --dict-dir "$dict" - | grep -q Termez || fail "stdin"

# from a build tree, with no dictionary folder assembled by hand: the build's gazetteer.idx
# beside the binary gives the event its place; a tool copied away from it says so on stderr
if [ -f "$(dirname "$tool")/gazetteer.idx" ]; then
  out=$("$tool" events --text --published 2022-08-31 --dict-dir "$dict" "$tmp/a.txt" 2>"$tmp/err") || fail "build tree exit $?"
  echo "$out" | grep -q '"country":"UZ"' || fail "build tree: no location from the build's gazetteer: $out"
  [ -s "$tmp/err" ] && fail "build tree: unexpected stderr: $(cat "$tmp/err")"
fi
cp "$tool" "$tmp/feedwire-alone"
out=$("$tmp/feedwire-alone" events --text --published 2022-08-31 --dict-dir "$dict" "$tmp/a.txt" 2>"$tmp/err") || fail "alone exit $?"
grep -q "no gazetteer.idx" "$tmp/err" || fail "no gazetteer: nothing said on stderr"
echo "$out" | grep -q '"location":null' || fail "no gazetteer: a location all the same: $out"

"$tool" events --help > /dev/null || fail "--help"
"$tool" events > /dev/null 2>&1; [ $? -eq 2 ] || fail "no file: want 2"
"$tool" events --published 2022-13-45 --text "$tmp/a.txt" > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad date: want 2"
"$tool" events --text --dict-dir "$dict" "$tmp/missing.txt" > /dev/null 2>&1; [ $? -eq 1 ] || fail "missing file: want 1"
"$tool" events --text --dict-dir "$tmp" "$tmp/a.txt" > /dev/null 2>&1; [ $? -eq 1 ] || fail "empty dict dir: want 1"
printf '{"id":1}\nnot json\n' > "$tmp/bad.jsonl"
"$tool" events --dict-dir "$dict" --jsonl-in "$tmp/bad.jsonl" > /dev/null 2>&1; [ $? -eq 1 ] || fail "bad jsonl: want 1"
echo "feedwire events: ok"
