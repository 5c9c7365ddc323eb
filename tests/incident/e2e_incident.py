#!/usr/bin/env python3
"""Issue 16 end to end, over the real services: two feeds of two sites
(tests/fixtures/incident, served by tests/fixtures/snapshot_server.py) whose
articles report the same happening (ISKP rockets on a base in Termez on 18
April 2022, told in other words) -> feedwired with incident.enabled -> Kafka.
The two articles' events for it carry the same `incident` id, and the incident
topic, keyed by incident id, holds that one incident, its last record with two
mentions (one per article); the other events of the articles are incidents of
their own. Every message matches its schema. Bounded: about 20 s."""
import json
import os
import shutil
import signal
import subprocess
import sys
import socket
import tempfile
import time
import unittest
import urllib.request

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DAEMON = os.environ.get("FW_DAEMON", os.path.join(SRC, "build", "feedwired"))
TOOL = os.environ.get("FW_TOOL", os.path.join(SRC, "build", "feedwire"))
BROKERS = os.environ.get("FW_KAFKA_BROKERS")
REDIS_PORT = os.environ.get("FW_REDIS_PORT")
SCHEMAS = os.path.join(SRC, "conf", "schemas")
FIXTURE = os.path.join(SRC, "tests", "fixtures", "incident")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(conf, topic):
    out = subprocess.run([TOOL, "tail", "-c", conf, "-t", topic, "-o", "beginning", "-e", "--json",
                          "--timeout", "5"], capture_output=True, text=True, timeout=60)
    return [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]


class Incident(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="fw-incident-")
        portfile = os.path.join(self.tmp, "port")
        self.server = subprocess.Popen([sys.executable, os.path.join(SRC, "tests", "fixtures", "snapshot_server.py"),
                                        "--dir", FIXTURE, "--port-file", portfile, "--max-seconds", "300"],
                                       stdout=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(portfile) and os.path.getsize(portfile):
                break
            time.sleep(0.05)
        with open(portfile) as f:
            base = "http://127.0.0.1:%d" % int(f.read())
        run = "inc%d%d" % (os.getpid(), int(time.time()) % 100000)
        self.topics = {k: "%s.%s" % (run, k) for k in ("articles", "events", "dlq", "incidents")}
        # the coder's dictionaries with the gazetteer and tagger data beside the binaries, as
        # `feedwire events` codes (places make the decision surer, and the README's example)
        dicts = os.path.join(self.tmp, "dict")
        os.makedirs(dicts)
        src_dict = os.environ.get("FW_DICT_DIR", os.path.join(SRC, "conf", "dict"))
        for name in os.listdir(src_dict):
            os.symlink(os.path.join(os.path.abspath(src_dict), name), os.path.join(dicts, name))
        for name in ("gazetteer.idx", "postag-en.txt"):
            data = os.path.join(os.path.dirname(os.path.abspath(TOOL)), name)
            if os.path.exists(data):
                os.symlink(data, os.path.join(dicts, name))
        with open(os.path.join(self.tmp, "feeds.txt"), "w") as f:
            f.write("%s/feeds/steppe.rss name=steppe\n%s/feeds/oxus.rss name=oxus\n" % (base, base))
        self.metrics_port = free_port()
        self.conf = os.path.join(self.tmp, "feedwire.conf")
        with open(self.conf, "w") as f:
            f.write("""[daemon]
feeds_file = %s/feeds.txt
state_dir = %s/state
dict_dir = %s
[incident]
enabled = yes
horizon = 1d
topic = %s
[fetch]
allow_hosts = 127.0.0.1
host_delay = 0
[redis]
port = %s
prefix = %s:
[sink]
topic_articles = %s
topic_events = %s
topic_dlq = %s
[metrics]
port = %d
[kafka]
bootstrap.servers = %s
""" % (self.tmp, self.tmp, dicts,
       self.topics["incidents"], REDIS_PORT, run, self.topics["articles"], self.topics["events"],
       self.topics["dlq"], self.metrics_port, BROKERS))
        os.makedirs(os.path.join(self.tmp, "state"))
        self.log = open(os.path.join(self.tmp, "daemon.log"), "w")
        self.daemon = subprocess.Popen([DAEMON, "-c", self.conf], stdout=self.log, stderr=subprocess.STDOUT)

    def tearDown(self):
        if self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGTERM)
            self.daemon.wait(30)
        log = self.logtail()
        self.server.terminate()
        self.server.wait(10)
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        # a clean exit on SIGTERM (under ASan/UBSan: no leak, no runtime error)
        self.assertEqual(self.daemon.returncode, 0, log)
        self.assertNotIn("runtime error", log)

    def logtail(self):
        with open(self.log.name) as f:
            return f.read()[-3000:]

    def wait_for(self, topic, pred, timeout=60):
        deadline = time.time() + timeout
        msgs = []
        while time.time() < deadline:
            msgs = tail(self.conf, topic)
            if pred(msgs):
                return msgs
            self.assertIsNone(self.daemon.poll(), "feedwired died: " + self.logtail())
            time.sleep(1)
        self.fail("%s: not there in %d s (%d messages: %s); log: %s" % (
            topic, timeout, len(msgs), [(m["key"], m["partition"], m["offset"], m["payload"][-700:]) for m in msgs], self.logtail()))

    def test_two_sites_one_incident(self):
        import jsonschema
        val = {}
        for k in ("event", "incident"):
            with open(os.path.join(SCHEMAS, "feedwire.%s.v1.json" % k)) as f:
                val[k] = jsonschema.Draft202012Validator(json.load(f))
        arts = self.wait_for("articles", lambda m: len(m) >= 2)
        self.assertEqual(len(arts), 2, [a["key"] for a in arts])
        art_ids = {a["key"] for a in arts}
        n_events = sum(len(json.loads(a["payload"])["event_ids"]) for a in arts)
        evs = [json.loads(m["payload"]) for m in self.wait_for("events", lambda m: len(m) >= n_events)]
        for e in evs:
            val["event"].validate(e)
            self.assertRegex(e.get("incident", ""), "^[0-9a-f]{32}$", "every event decided: %s" % e)
        rockets = [e for e in evs if e["cameo"] == "194" and "rockets at a military base" in e["sentence"]]
        self.assertEqual({e["article_id"] for e in rockets}, art_ids, "both sites report the rockets: %s" % evs)
        self.assertEqual(len({e["incident"] for e in rockets}), 1, "one happening, one incident: %s" % rockets)
        inc_id = rockets[0]["incident"]
        others = {e["incident"] for e in evs if e not in rockets}
        self.assertNotIn(inc_id, others)

        def last_of(msgs):
            recs = {}
            for m in msgs:
                recs[m["key"]] = json.loads(m["payload"])  # compacted: the last record of a key is its state
            return recs

        msgs = self.wait_for("incidents", lambda m: last_of(m).get(inc_id, {}).get("mention_count") == 2, 20)
        for m in msgs:
            v = json.loads(m["payload"])
            val["incident"].validate(v)
            self.assertEqual(m["key"], v["id"])
            hdr = dict(zip(m["headers"][0::2], m["headers"][1::2]))  # kcat -J: key, value, key, value...
            self.assertEqual((hdr.get("schema"), hdr.get("ce_subject")), ("feedwire.incident.v1", v["id"]))
        recs = last_of(msgs)
        self.assertEqual(set(recs), {e["incident"] for e in evs}, "an incident record for every incident")
        inc = recs[inc_id]
        self.assertEqual(len(inc["mentions"]), 2, inc)
        self.assertEqual({m["article_id"] for m in inc["mentions"]}, art_ids)
        self.assertEqual({m["event_id"] for m in inc["mentions"]}, {e["id"] for e in rockets})
        self.assertEqual((inc["cameo_root"], inc["date"]), ("19", "2022-04-18"), inc)
        # the metrics say what the topic holds, and that nothing was left undecided
        deadline, got = time.time() + 20, {}
        while time.time() < deadline:
            text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.metrics_port, timeout=5).read().decode()
            got = {l.split()[0]: float(l.split()[1]) for l in text.splitlines()
                   if l.startswith("feedwire_incidents_")}
            if got.get("feedwire_incidents_published_total") == len(msgs):
                break
            time.sleep(0.5)
        self.assertEqual(got.get("feedwire_incidents_published_total"), len(msgs), got)
        self.assertEqual(got.get("feedwire_incidents_undecided_total"), 0, got)
        print("incident %s: %d mentions from %d sites; %d events, %d incidents, %d incident messages" % (
            inc_id, inc["mention_count"], len(art_ids), len(evs), len(recs), len(msgs)))


if __name__ == "__main__":
    if not BROKERS or not REDIS_PORT:
        print("FW_KAFKA_BROKERS / FW_REDIS_PORT not set (scripts/services.sh start)")
        sys.exit(1 if os.environ.get("FW_REQUIRE_SERVICES") else 77)
    unittest.main(verbosity=2)
