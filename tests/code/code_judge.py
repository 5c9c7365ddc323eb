#!/usr/bin/env python3
"""The sentence gold sets scored by the project's judge (../shared/eval/events.py), not by our own
scorer (code_accuracy.py): prints its report and holds floors on the figures the issue names
(petrarch2-unittest exact, petrarch2-gsr exact, PLOVER category). Floors only go up.
    code_judge.py NAME=X [NAME=X ...]      e.g. gsr.exact=0.71
"""
import os
import subprocess
import sys

corpus = os.environ.get("FW_CORPUS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))
judge = os.path.join(corpus, "..", "eval", "events.py")
tool = os.environ.get("FW_TOOL", "build/feedwire")
if len(sys.argv) < 2 or any("=" not in a for a in sys.argv[1:]):
    sys.exit(__doc__)
if not os.path.exists(judge):
    print(f"no judge at {judge}: skipped")
    sys.exit(77)
cmd = [sys.executable, judge, corpus, "--bin", tool]
for a in sys.argv[1:]:
    cmd += ["--min", a]
out = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
sys.stdout.write(out.stdout)
sys.stderr.write(out.stderr)
print("judge floors", " ".join(sys.argv[1:]), "ok" if out.returncode == 0 else "MISSED")
sys.exit(0 if out.returncode == 0 else 1)
