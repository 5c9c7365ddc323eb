#!/usr/bin/env python3
"""Feed parsing benchmark (label bench): feedwire's parser in-process (the C
bench_feed binary) beside feedparser (pinned in tests/requirements.txt) on the
same corpus files, in the same run; prints both and the ratio.

Usage: bench_feed.py BENCH_BINARY   (env FW_CORPUS_DIR, FW_BENCH_SECONDS)
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

DATASETS = ("feedparser-tests", "gofeed-testdata", "feed-rs-fixtures")


def corpus_feeds(corpus):
    """Every feed input: XML files, and JSON feeds (not expected outputs)."""
    out = []
    for ds in DATASETS:
        for dp, _, fs in os.walk(os.path.join(corpus, ds)):
            for fn in fs:
                p = os.path.join(dp, fn)
                if fn.endswith(".xml"):
                    out.append(p)
                elif fn.endswith(".json") and ("/json" in dp) and not fn.endswith(".serde.json") \
                        and not os.path.exists(p[:-5] + ".xml") and "translator" not in dp and "/parser/" not in dp:
                    out.append(p)
    return sorted(out)


def bench_feedparser(files, seconds):
    import feedparser
    bodies = [open(f, "rb").read() for f in files]
    nbytes = sum(len(b) for b in bodies)
    t0, rounds, lat, crashes = time.perf_counter(), 0, [], 0
    while True:
        for b in bodies:
            s = time.perf_counter()
            try:
                feedparser.parse(b)
            except Exception:  # feedparser 6.0.11 raises on a few sanitizer inputs
                crashes += 1
            lat.append(time.perf_counter() - s)
        rounds += 1
        el = time.perf_counter() - t0
        if el >= seconds:
            break
    lat.sort()
    return {"impl": "feedparser " + feedparser.__version__, "files": len(files), "bytes": nbytes, "rounds": rounds,
            "seconds": el, "feeds_per_s": len(files) * rounds / el, "mb_per_s": nbytes * rounds / el / 1e6,
            "p50_us": lat[len(lat) // 2] * 1e6, "p99_us": lat[len(lat) * 99 // 100] * 1e6,
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "exceptions": crashes // rounds}


def main():
    if len(sys.argv) != 2 or not os.environ.get("FW_CORPUS_DIR"):
        print(__doc__)
        return 2
    seconds = float(os.environ.get("FW_BENCH_SECONDS", "3"))
    files = corpus_feeds(os.environ["FW_CORPUS_DIR"])
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as lf:
        lf.write("\n".join(files) + "\n")
    try:
        c = json.loads(subprocess.run([sys.argv[1], lf.name], check=True, capture_output=True, text=True,
                                      env=dict(os.environ, FW_BENCH_SECONDS=str(seconds))).stdout)
    finally:
        os.unlink(lf.name)
    try:
        py = bench_feedparser(files, seconds)
    except ImportError:
        print("feedparser not installed in this Python (tests/requirements.txt)")
        return 77
    print("corpus: %d feeds, %.2f MB (feedparser-tests, gofeed-testdata, feed-rs-fixtures)" % (len(files), c["bytes"] / 1e6))
    print("%-18s %10s %8s %9s %9s %12s" % ("", "feeds/s", "MB/s", "p50 us", "p99 us", "peak RSS KB"))
    for r in (c, py):
        print("%-18s %10.0f %8.2f %9.1f %9.1f %12d" % (r["impl"], r["feeds_per_s"], r["mb_per_s"], r["p50_us"],
                                                      r["p99_us"], r["peak_rss_kb"]))
    print("feedparser raised on %d of the files (counted, timed as parsed)" % py["exceptions"])
    print("ratio feedwire/feedparser: %.1fx feeds/s (target >= 20x)" % (c["feeds_per_s"] / py["feeds_per_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
