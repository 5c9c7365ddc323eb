#!/usr/bin/env python3
"""One record, one encoding (fw_record): what the Kafka sink sends and what
`feedwire events` prints are the same bytes for the same event, and both match
conf/schemas exactly (Draft 2020-12, formats checked).

The sink side is tests/core/record_sink (librdkafka's mock cluster, no
services): it codes the same JSONL the tool reads and adds an article built by
hand with every field set (place, quantity, counts, non-UTF-8 bytes, quotes,
control characters). Also checked: offsets are bytes of the UTF-8 text, the
sentence is the text between them, quantities are integers."""
import json
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("FW_BUILD_DIR", os.path.join(SRC, "build"))
TOOL = os.environ.get("FW_TOOL", os.path.join(BUILD, "feedwire"))
DRIVER = os.path.join(BUILD, "tests", "record_sink")
DICT = os.path.join(SRC, "conf", "dict")
SCHEMAS = os.path.join(SRC, "conf", "schemas")

# Texts we wrote for this test: non-ASCII before the events, so byte and
# character offsets differ; a quantity, casualties, a stated date.
TEXTS = [
    {"id": "rec-1", "url": "https://example.org/rec-1", "published": "2022-04-20",
     "text": "Café talk aside — on 18 April 2022 militants fired 10 rockets at a military base in Termez, "
             "Uzbekistan. Officials said the attack killed 3 soldiers and wounded 12 others."},
    {"id": "rec-2", "url": "https://example.org/rec-2", "published": "2023-06-02",
     "text": "Zürich, Switzerland — The Swiss government condemned the Russian government on Thursday. "
             "Iran threatened to attack Israel if the talks fail."},
]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    try:
        import jsonschema
    except ImportError:
        print("jsonschema missing from the test venv: skipped")
        sys.exit(77)
    val = {}
    for s in ("article", "event"):
        with open(os.path.join(SCHEMAS, "feedwire.%s.v1.json" % s)) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        val[s] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for t in TEXTS:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
        tool = subprocess.run([TOOL, "events", "--dict-dir", DICT, "--jsonl-in", path], capture_output=True)
        if tool.returncode != 0:
            fail("feedwire events exited %d: %s" % (tool.returncode, tool.stderr.decode(errors="replace")))
        sink = subprocess.run([DRIVER, DICT, path], capture_output=True, timeout=120)
        if sink.returncode != 0:
            fail("record_sink exited %d: %s" % (sink.returncode, sink.stderr.decode(errors="replace")))

    # a batch line opens with the "article" tag (the input id), then is the message byte for byte
    tool_events = []
    for line in tool.stdout.decode("utf-8").splitlines():
        tag = json.loads(line).get("article")
        prefix = '{"article":%s,' % json.dumps(tag, ensure_ascii=False, separators=(",", ":"))
        if not isinstance(tag, str) or not line.startswith(prefix):
            fail("a --jsonl-in line does not open with its article tag: %s" % line[:120])
        tool_events.append("{" + line[len(prefix):])
    arts, evs = [], []
    for line in sink.stdout.decode("utf-8").splitlines():
        topic, value = line.split("\t", 1)
        (arts if topic == "t.articles" else evs).append(value)
    if len(arts) != 1 + len(TEXTS):
        fail("want %d articles from the sink, got %d" % (1 + len(TEXTS), len(arts)))

    # the hand-built article and its two events come first, then the coded ones
    rich, coded = evs[:2], evs[2:]
    if len(tool_events) < 3:
        fail("the coder found only %d events in the test texts" % len(tool_events))
    if coded != tool_events:
        for a, b in zip(coded, tool_events):
            if a != b:
                fail("sink and tool differ:\nsink %s\ntool %s" % (a, b))
        fail("sink sent %d coded events, the tool printed %d" % (len(coded), len(tool_events)))

    for kind, msgs in (("article", arts), ("event", evs)):
        for m in msgs:
            errs = sorted(val[kind].iter_errors(json.loads(m)), key=str)
            if errs:
                fail("%s does not match its schema: %s\n%s" % (kind, errs[0].message, m))

    texts = {t["id"]: t["text"] for t in TEXTS}
    for m in coded:
        e = json.loads(m)
        raw = texts[e["article_id"]].encode("utf-8")
        s, t = e["offsets"]
        if raw[s:t].decode("utf-8") != e["sentence"]:
            fail("offsets are not bytes of the text: %s" % m)
        if e["quantity"] is not None and not isinstance(e["quantity"]["value"], int):
            fail("quantity not an integer: %s" % m)
    if not any(json.loads(m)["quantity"] for m in coded):
        fail("no coded event has a quantity: the test texts no longer exercise it")

    r = json.loads(rich[0])
    want = {"date": "2024-03-01", "date_precision": "day", "date_source": "text", "modality": "reported",
            "quantity": {"value": 12, "unit": "shells"}, "killed": 3, "wounded": 0, "confidence": 0.83,
            "article_id": "rich-article-0001", "article_url": "https://example.org/a/1",
            "incident": "00112233445566778899aabbccddeeff"}
    for k, v in want.items():
        if r[k] != v:
            fail("rich event %s: want %r, got %r" % (k, v, r[k]))
    if r["target"]["text"] != "Kyiv\ufffd" or r["location"]["country3"] != "UKR":
        fail("rich event target/location: %s" % rich[0])
    if not r["sentence"].startswith('Café owners said "troops"') or "\t" not in r["sentence"]:
        fail("rich event sentence: %r" % r["sentence"])
    r = json.loads(rich[1])
    if (r["date"], r["date_precision"], r["location"], r["quantity"], r["killed"], r["plover"], r["sentence"]) != \
            ("2023-11", "month", None, None, None, None, ""):
        fail("sparse event: %s" % rich[1])
    if "incident" in r:
        fail("sparse event: %s" % rich[1])
    a = json.loads(arts[0])
    if a["status"] != "updated" or a["feed"]["title"] != "Example \ufffd feed" or \
            a["text"] != texts_rich() or a["event_ids"] != [json.loads(x)["id"] for x in rich] or \
            a["fetched_at"] != "2024-03-01T08:00:00.123Z" or a["content_hash"] != "0123456789abcdef":
        fail("rich article: %s" % arts[0])
    print("record: %d articles, %d events valid; %d coded events byte-identical from the sink and the tool"
          % (len(arts), len(evs), len(coded)))


def texts_rich():
    return 'Café owners said "troops" fired 12 shells at Kyiv\\Kiev,\tkilling 3.\nCtrl \x01 and a stray \ufffd byte.'


if __name__ == "__main__":
    main()
