#!/usr/bin/env python3
"""Incident merging over a hand-labelled gold set from ../shared/corpus (gold/incident_gold.json):
the articles are coded by `feedwire events` in order, their events merged by `feedwire incidents
--merge` (the store's decision, in memory), and every pair of labelled events from two different
articles is scored: same happening and merged (true positive), different happenings and merged
(false positive: look-alikes), same happening and apart (false negative); the incident records
are validated against conf/schemas/feedwire.incident.v1.json. Prints pairwise
precision and recall, the decision for each labelled pair, and holds floors (they only go up).
    incident_gold.py --min-precision X --min-recall X
"""
import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.environ.get("FW_CORPUS_DIR", os.path.join(here, "..", "..", "..", "shared", "corpus"))
tool = os.environ.get("FW_TOOL", "build/feedwire")

ap = argparse.ArgumentParser()
ap.add_argument("--min-precision", type=float, required=True)
ap.add_argument("--min-recall", type=float, required=True)
ap.add_argument("--gold", default=os.path.join(here, "gold", "incident_gold.json"))
ap.add_argument("--compare-store", action="store_true",
                help="also merge through the Redis store of scripts/services.sh (a scratch key prefix) and require "
                     "the same incidents as in memory")
a = ap.parse_args()
if a.compare_store and not os.environ.get("FW_REDIS_PORT"):
    print("no services (scripts/services.sh start, then its env file): skipped")
    sys.exit(1 if os.environ.get("FW_REQUIRE_SERVICES") else 77)
gold = json.load(open(a.gold))
paths = [os.path.join(corpus, p) for p in gold["articles"]]
if not all(os.path.exists(p) for p in paths):
    print(f"corpus articles missing under {corpus}: skipped")
    sys.exit(77)

with tempfile.TemporaryDirectory() as tmp:
    events = []  # every event message, in the articles' order
    short = {}
    for p in paths:
        name = os.path.basename(p).split(".")[0]
        page = os.path.join(tmp, name[:8] + ".html")
        with gzip.open(p) as f, open(page, "wb") as out:
            out.write(f.read())
        r = subprocess.run([tool, "events", page], capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            sys.exit(f"feedwire events {page}: {r.stderr}")
        for line in r.stdout.splitlines():
            e = json.loads(line)
            short[e["id"]] = name[:8]
            events.append(e)
    allev = os.path.join(tmp, "events.jsonl")
    with open(allev, "w") as f:
        for e in events:
            f.write(json.dumps(e) + "\n")
    r = subprocess.run([tool, "incidents", "--merge", "--jsonl", allev], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        sys.exit(f"feedwire incidents --merge: {r.stderr}")
    decided = {}
    for line in r.stdout.splitlines():
        d = json.loads(line)
        decided[d["event"]] = d
    # the incident records themselves: every one valid against conf/schemas
    r = subprocess.run([tool, "incidents", "--merge", "--json", allev], capture_output=True, text=True, timeout=300)
    import jsonschema
    schema = json.load(open(os.path.join(here, "..", "..", "conf", "schemas", "feedwire.incident.v1.json")))
    val = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    records = [json.loads(line) for line in r.stdout.splitlines()]
    bad = [e.message for rec in records for e in val.iter_errors(rec)]
    if r.returncode != 0 or bad or not records:
        sys.exit(f"incident records against feedwire.incident.v1: {r.returncode} {bad[:3]}")
    print(f"{len(records)} incident records valid against feedwire.incident.v1")
    if a.compare_store:
        # the same events through the Redis store: the same incidents, event by event
        conf = os.path.join(tmp, "feedwire.conf")
        with open(conf, "w") as f:
            f.write("[redis]\nhost = %s\nport = %s\n" % (os.environ.get("FW_REDIS_HOST", "127.0.0.1"),
                                                          os.environ["FW_REDIS_PORT"]))
        prefix = "fwtest:gold:%d:%d:" % (os.getpid(), int(time.time()))
        r = subprocess.run([tool, "incidents", "-c", conf, "--merge", "--jsonl", "--redis", prefix, allev],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            sys.exit(f"feedwire incidents --merge --redis: {r.stderr}")
        stored = {json.loads(line)["event"]: json.loads(line) for line in r.stdout.splitlines()}
        differ = [e for e in decided if stored.get(e, {}).get("incident") != decided[e]["incident"]]
        for e in differ[:5]:
            print(f"  store and memory differ on {e}: {stored.get(e, {}).get('why')} / {decided[e]['why']}")
        if differ or len(stored) != len(decided):
            sys.exit(f"the Redis store decided {len(differ)} of {len(decided)} events otherwise than in memory")
        print(f"the Redis store made the same incidents as the in-memory merge for all {len(stored)} events")

# each labelled mention: every event of its article whose sentence holds the piece
label = {}  # event id -> happening index
missing = []
for h, hap in enumerate(gold["happenings"]):
    for art, piece in hap["mentions"]:
        found = [e for e in events if short[e["id"]] == art and piece in e["sentence"]]
        if not found:
            missing.append((art, piece))
        for e in found:
            label[e["id"]] = h
print(f"{len(paths)} articles, {len(events)} events, {len(label)} labelled in {len(gold['happenings'])} happenings")
for art, piece in missing:
    print(f"  no event of {art} says '{piece}' (the coder emits none there: its pairs count as missed)")

tp = fp = fn = 0
sentence = {e["id"]: e["sentence"] for e in events}
order = {e["id"]: i for i, e in enumerate(events)}
for x, y in itertools.combinations(sorted(label, key=order.get), 2):
    if short[x] == short[y]:
        continue  # across articles only: repeats within an article are the coder's business
    same = label[x] == label[y]
    merged = decided[x]["incident"] == decided[y]["incident"]
    if same and merged:
        tp += 1
    elif merged:
        fp += 1
        print(f"  FALSE MERGE  {short[x]} '{sentence[x][:60]}' + {short[y]} '{sentence[y][:60]}'")
    elif same:
        fn += 1
        print(f"  missed       {short[x]} '{sentence[x][:60]}' + {short[y]} '{sentence[y][:60]}'")
        print(f"               the later one: {decided[y]['why']}")
# a labelled mention with no event at all: each of its pairs is missed
for h, hap in enumerate(gold["happenings"]):
    for (art, piece) in hap["mentions"]:
        if (art, piece) in missing:
            fn += sum(1 for (b, q) in hap["mentions"] if b != art)
precision = tp / (tp + fp) if tp + fp else 1.0
recall = tp / (tp + fn) if tp + fn else 1.0
print(f"incident pairs: {tp} merged right, {fp} merged wrong, {fn} missed")
ok = True
for name, val, floor in (("precision", precision, a.min_precision), ("recall", recall, a.min_recall)):
    good = val >= floor
    print(f"incident_gold.{name}: {val:.3f} (floor {floor:.3f}, target {0.90 if name == 'precision' else 0.75:.2f}) "
          f"{'ok' if good else 'MISSED'}")
    ok &= good
sys.exit(0 if ok else 1)
