#!/usr/bin/env python3
"""Sink + dedup against the real Kafka broker and Redis of scripts/services.sh.

sink_driver (tests/sink/sink_driver.c) stands in for the pipeline: N items ->
dedup -> fw_sink -> done -> marked in Redis. Each scenario uses its own
topics and Redis prefix and consumes the topics back with kcat:
(a) N articles -> exactly N distinct keys, 2N events, every message valid
    against conf/schemas and carrying the CloudEvents headers;
(b) Kafka stopped and restarted mid-run: none lost, duplicates within the
    in-flight bound;
(c) Redis stopped and restarted mid-run: same;
(d) the producer killed with SIGKILL mid-run and started again: the spool
    delivers everything;
(e) a second run publishes nothing new.
Skipped (77) without services unless FW_REQUIRE_SERVICES is set.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("FW_BUILD_DIR", os.path.join(SRC, "build"))
DRIVER = os.path.join(BUILD, "tests", "sink_driver")
BROKERS = os.environ.get("FW_KAFKA_BROKERS")
REDIS_PORT = os.environ.get("FW_REDIS_PORT")
SERVICES = os.path.join(SRC, "scripts", "services.sh")
SCHEMAS = os.path.join(SRC, "conf", "schemas")
WINDOW = 64  # units the driver keeps in flight: the duplicate bound


def consume(topic):
    """Every message of topic (kcat -J envelopes), from the beginning."""
    out = subprocess.run(["kcat", "-C", "-b", BROKERS, "-t", topic, "-o", "beginning", "-e", "-q", "-J"],
                         capture_output=True, text=True, timeout=120)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def services(*args):
    env = dict(os.environ)
    if os.environ.get("FW_SERVICES_STATE"):
        env["FW_STATE"] = os.environ["FW_SERVICES_STATE"]
    subprocess.run([SERVICES] + list(args), check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=180)


class Driver:
    def __init__(self, name, state, n, rate=0, extra=()):
        self.args = [DRIVER, "--items", str(n), "--events", "2", "--topics", name, "--state", state,
                     "--prefix", name + ":", "--window", str(WINDOW), "--timeout", "150"]
        if rate:
            self.args += ["--rate", str(rate)]
        self.args += list(extra)
        self.p = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.delivered = 0

    def wait_delivered(self, n, timeout=60):
        end = time.time() + timeout
        while self.delivered < n and time.time() < end:
            line = self.p.stdout.readline()
            if not line:
                break
            if line.startswith("delivered "):
                self.delivered = int(line.split()[1])
        return self.delivered >= n

    def finish(self, timeout=170):
        out, err = self.p.communicate(timeout=timeout)
        stats = None
        for line in out.splitlines():
            if line.startswith("{"):
                stats = json.loads(line)
        if self.p.returncode != 0 or stats is None:
            raise AssertionError("sink_driver failed (%s):\n%s" % (self.p.returncode, err[-3000:]))
        return stats, err


class SinkServices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not (BROKERS and REDIS_PORT):
            if os.environ.get("FW_REQUIRE_SERVICES"):
                raise RuntimeError("services required but FW_KAFKA_BROKERS/FW_REDIS_PORT unset")
            print("skipped: no services")
            sys.exit(77)
        cls.tmp = tempfile.mkdtemp(prefix="fw-sink-")
        cls.run_id = "fwsink%d%d" % (os.getpid(), int(time.time()) % 100000)

    def name(self, tag):
        return "%s.%s" % (self.run_id, tag)

    def state(self, tag):
        d = os.path.join(self.tmp, tag)
        os.makedirs(d, exist_ok=True)
        return d

    def check_topics(self, name, n, dup_bound=0):
        arts = consume(name + ".articles")
        evs = consume(name + ".events")
        keys = {m["key"] for m in arts}
        # events are keyed by their article (one partition, in order): count them by id
        ekeys = {json.loads(m["payload"])["id"] for m in evs}
        for m in evs:
            self.assertEqual(m["key"], json.loads(m["payload"])["article_id"], "an event is keyed by its article")
        print("%s: %d article messages, %d distinct; %d event messages, %d distinct"
              % (name, len(arts), len(keys), len(evs), len(ekeys)))
        self.assertEqual(len(keys), n, "every article exactly once by key")
        self.assertEqual(len(ekeys), 2 * n, "every event by id")
        self.assertLessEqual(len(arts) - len(keys), dup_bound, "article duplicates within the in-flight bound")
        self.assertLessEqual(len(evs) - len(ekeys), 2 * dup_bound, "event duplicates within the in-flight bound")
        return arts, evs

    def test_a_all_once_valid_and_e_second_run_adds_nothing(self):
        import jsonschema
        name, st, n = self.name("a"), self.state("a"), 300
        stats, _ = Driver(name, st, n).finish()
        self.assertEqual(stats["delivered"], n)
        self.assertEqual(stats["dropped"], 0)
        arts, evs = self.check_topics(name, n)
        val = {}
        for s in ("article", "event"):
            with open(os.path.join(SCHEMAS, "feedwire.%s.v1.json" % s)) as f:
                schema = json.load(f)
            jsonschema.Draft202012Validator.check_schema(schema)
            val[s] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        tricky = 0
        for kind, msgs in (("article", arts), ("event", evs)):
            for m in msgs:
                v = json.loads(m["payload"])
                errs = [e.message for e in val[kind].iter_errors(v)]
                self.assertEqual(errs, [], "%s %s" % (kind, m["key"]))
                self.assertEqual(v["id" if kind == "article" else "article_id"], m["key"])
                h = dict(zip(m["headers"][0::2], m["headers"][1::2]))
                self.assertEqual(h["ce_dataschema"], "urn:feedwire:schema:feedwire.%s.v1" % kind)
                self.assertEqual(h["ce_dataschema"], val[kind].schema["$id"])
                self.assertEqual(h["content-type"], "application/json")
                self.assertEqual(h["schema"], "feedwire.%s.v1" % kind)
                self.assertEqual(h["ce_specversion"], "1.0")
                for k in ("ce_id", "ce_source", "ce_type", "ce_time", "ce_subject"):
                    self.assertTrue(h.get(k), k)
                if kind == "article":
                    self.assertEqual(h["ce_subject"], v["url"])
                    self.assertIn(v["title"][-4:], ("caf\u00e9", "caf\ufffd"))
                    if v["text"].endswith("."):  # the driver's tricky tail, sent as valid JSON
                        self.assertTrue(v["text"].endswith(' "q" b\\s\tt\nn\x01 caf\u00e9 \ufffd.'), v["text"][-40:])
                        tricky += 1
                    self.assertEqual(h["ce_type"], "org.feedwire.article.new")
                    self.assertEqual(len(v["event_ids"]), 2)
                else:
                    self.assertEqual(h["ce_id"], v["id"])
        self.assertEqual(tricky, n // 5)
        # (e) the same feed again: nothing new
        stats, _ = Driver(name, st, n).finish()
        print("second run:", stats)
        self.assertEqual(stats["published"], 0)
        self.assertEqual(stats["seen"], n)
        self.assertEqual(len(consume(name + ".articles")), len(arts))

    def outage(self, tag, service, seconds, extra=()):
        """Stops service once deliveries flow, starts it again, checks nothing was lost."""
        name, st, n = self.name(tag), self.state(tag), 1500
        d = Driver(name, st, n, rate=150, extra=extra)
        self.assertTrue(d.wait_delivered(200), "deliveries before the outage")
        services("stop", service)
        time.sleep(seconds)
        services("start", service)
        stats, err = d.finish()
        print("%s restart:" % service, stats)
        self.last_stats = stats
        self.assertEqual(stats["finished"], n)
        self.assertEqual(stats["dropped"], 0)
        self.assertEqual(stats["mark_dropped"], 0)
        self.check_topics(name, n, dup_bound=WINDOW)
        return name, st, n, err

    def test_b_kafka_restart_mid_run(self):
        # messages time out in librdkafka during the outage: the sink's own
        # retry (by message status) has to bring them through
        name, st, n, err = self.outage("b", "kafka", 6, extra=["--kafka", "message.timeout.ms=2000"])
        self.assertIn("Kafka unavailable", err)

    def test_c_redis_restart_mid_run(self):
        name, st, n, err = self.outage("c", "redis", 2)
        self.assertIn("Redis down", err)
        self.assertIn("Redis is back", err)
        # nothing left unrecorded: a second run publishes nothing
        stats, _ = Driver(name, st, n).finish()
        self.assertEqual(stats["published"], 0)

    def test_d_kill9_and_restart(self):
        name, st, n = self.name("d"), self.state("d"), 1500
        # a rate keeps units in flight when the kill lands
        d = Driver(name, st, n, rate=300, extra=["--fsync", "never"])
        self.assertTrue(d.wait_delivered(300))
        d.p.send_signal(signal.SIGKILL)
        d.p.communicate()
        stats, err = Driver(name, st, n).finish()
        print("after kill -9:", stats)
        self.assertEqual(stats["finished"], n)
        self.check_topics(name, n, dup_bound=WINDOW)
        stats, _ = Driver(name, st, n).finish()
        self.assertEqual(stats["published"], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
