#!/usr/bin/env python3
"""Whole-article event coding on the hand-coded development articles (or --gold DIR), scored by the project's
judge (../shared/eval/articles.py): prints its per-article lines and totals, and holds floors on
strict required recall, loose precision, spurious attack events per article, and every negative
control clean. Floors only go up.
    code_articles.py --min-required X --min-precision X --max-spurious X [--gold DIR]
"""
import argparse
import os
import re
import subprocess
import sys

corpus = os.environ.get("FW_CORPUS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))
scorer = os.path.join(corpus, "..", "eval", "articles.py")
gold = os.path.join(corpus, "events-articles")
tool = os.environ.get("FW_TOOL", "build/feedwire")

ap = argparse.ArgumentParser()
ap.add_argument("--min-required", type=float, required=True)
ap.add_argument("--min-precision", type=float, required=True)
ap.add_argument("--max-spurious", type=float, required=True)
ap.add_argument("--gold", help="a folder of hand-coded articles other than the corpus's events-articles")
a = ap.parse_args()
if a.gold:
    gold = a.gold
if not os.path.exists(scorer) or not os.path.isdir(gold):
    print(f"no scorer or gold at {scorer}, {gold}: skipped")
    sys.exit(77)
out = subprocess.run([sys.executable, scorer, gold, "--bin", tool], capture_output=True, text=True, timeout=600)
sys.stdout.write(out.stdout)
sys.stderr.write(out.stderr)
m = re.search(r"required recall ([0-9.]+), spurious per article ([0-9.]+).*precision \d+/\d+ = ([0-9.]+)", out.stdout)
n = re.search(r"negatives-clean (\d+)/(\d+)", out.stdout)
if not m or not n:
    sys.exit("the scorer printed no totals")
req, spur, prec = float(m.group(1)), float(m.group(2)), float(m.group(3))
ok = True
for name, val, floor, up in (("required recall", req, a.min_required, True), ("precision", prec, a.min_precision, True),
                             ("spurious per article", spur, a.max_spurious, False)):
    good = val >= floor if up else val <= floor
    print(f"articles.{name}: {val:.3f} ({'floor' if up else 'ceiling'} {floor:.3f}) {'ok' if good else 'MISSED'}")
    ok &= good
clean = n.group(1) == n.group(2)
print(f"articles.negatives_clean: {n.group(1)}/{n.group(2)} {'ok' if clean else 'MISSED'}")
sys.exit(0 if ok and clean else 1)
