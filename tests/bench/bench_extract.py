#!/usr/bin/env python3
"""Speed of fw_extract over every development page, beside its peers in the
same run: the C benchmark (fw_extract and libxml2's bare parse, in one
process), then trafilatura and resiliparse, each in its own process over the
same bytes (read before timing starts, one page in memory at a time).
Times are CPU seconds of the process (the machine is shared). Prints
pages/s, MB/s, peak RSS and the ratios. No timed assertion.
With FW_BENCH_BASELINE set to another build's bench_extract (e.g. of main),
it runs too, on the same pages in the same run, and the ratio of the two is
printed: how much a change costs.
Usage: bench_extract.py BENCH_BINARY [--peer NAME LIST]  (env FW_CORPUS_DIR, FW_BENCH_BASELINE)
"""
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time

CORPUS = os.environ.get("FW_CORPUS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))


def pages():
    out = []
    for ds, sub in (("article-extraction-benchmark", "html"), ("trafilatura-eval", "html"), ("htmldate-eval", "html")):
        d = os.path.join(CORPUS, ds, sub)
        out += [os.path.join(d, f) for f in sorted(os.listdir(d))]
    rd = os.path.join(CORPUS, "readability-test-pages")
    out += [os.path.join(rd, p, "source.html.gz") for p in sorted(os.listdir(rd))
            if os.path.isfile(os.path.join(rd, p, "source.html.gz"))]
    return out


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def run_peer(name, listfile):
    if name == "trafilatura":
        import trafilatura

        def fn(data):
            return trafilatura.extract(data) or ""
    else:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import detect_encoding
        from resiliparse.parse.html import HTMLTree

        def fn(data):
            tree = HTMLTree.parse_from_bytes(data, detect_encoding(data))
            return extract_plain_text(tree, main_content=True)
    paths = [l.rstrip("\n") for l in open(listfile) if l.strip()]
    total = nbytes = 0.0
    n = failed = 0
    for p in paths:
        data = read(p)
        nbytes += len(data)
        t0 = time.process_time()
        try:
            fn(data)
        except Exception:
            failed += 1
        total += time.process_time() - t0
        n += 1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("pages=%d\nfailed=%d\nmbytes=%.2f\nseconds=%.3f\npeak_rss_mb=%.1f" % (n, failed, nbytes / 1e6, total, rss))


def kv(text):
    return dict(l.split("=", 1) for l in text.splitlines() if "=" in l)


def main():
    if len(sys.argv) == 4 and sys.argv[2] == "--peer":
        run_peer(sys.argv[3], sys.argv[1])
        return 0
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if not os.path.isdir(CORPUS):
        print("corpus not found: skipped")
        return 77
    bench = sys.argv[1]
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as f:
        f.write("\n".join(pages()) + "\n")
        lst = f.name
    try:
        c = kv(subprocess.run([bench, lst], check=True, capture_output=True, text=True).stdout)
        base_bin = os.environ.get("FW_BENCH_BASELINE")
        base = kv(subprocess.run([base_bin, lst], check=True, capture_output=True, text=True).stdout) if base_bin else None
        peers = {}
        for name in ("resiliparse", "trafilatura"):
            p = subprocess.run([sys.executable, __file__, lst, "--peer", name], capture_output=True, text=True)
            if p.returncode != 0:
                print("%s: not run (%s)" % (name, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else p.returncode))
                continue
            peers[name] = kv(p.stdout)
    finally:
        os.unlink(lst)
    n, mb = int(c["pages"]), float(c["mbytes"])
    ext, parse = float(c["fw_extract_s"]), float(c["libxml2_parse_s"])
    print("pages: %d (%.1f MB of HTML), fw_extract failures: %s" % (n, mb, c["failed"]))
    fmt = "%-22s %9s %8s %10s %12s"
    print(fmt % ("", "pages/s", "MB/s", "seconds", "peak RSS MB"))
    print(fmt % ("libxml2 parse only", "%.1f" % (n / parse), "%.2f" % (mb / parse), "%.3f" % parse, "%.1f" % float(c["parse_only_peak_rss_mb"])))
    print(fmt % ("fw_extract", "%.1f" % (n / ext), "%.2f" % (mb / ext), "%.3f" % ext, "%.1f" % float(c["peak_rss_mb"])))
    for name, p in peers.items():
        s = float(p["seconds"])
        print(fmt % (name, "%.1f" % (int(p["pages"]) / s), "%.2f" % (float(p["mbytes"]) / s), "%.3f" % s, "%.1f" % float(p["peak_rss_mb"])))
    if base:
        bext = float(base["fw_extract_s"])
        print(fmt % ("fw_extract baseline", "%.1f" % (int(base["pages"]) / bext), "%.2f" % (float(base["mbytes"]) / bext),
                     "%.3f" % bext, "%.1f" % float(base["peak_rss_mb"])))
    print("fw_extract time / libxml2 parse time: %.2fx (target <= 1.8x)" % (ext / parse))
    if base:
        print("fw_extract time / baseline's (%s): %.3fx (target <= 1.10x)" % (os.environ["FW_BENCH_BASELINE"], ext / bext))
    for name, p in peers.items():
        print("fw_extract speed / %s: %.2fx" % (name, float(p["seconds"]) / ext))
    print("peak RSS of fw_extract: %.1f MB (target < 64 MB)" % float(c["peak_rss_mb"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
