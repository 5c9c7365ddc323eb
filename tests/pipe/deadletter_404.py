#!/usr/bin/env python3
"""Issue 18.3 and 18.5 over the real services: a feed with two items, one page answering 404 and one real
article. feedwired must send the 404 to the dead-letter topic with the URL, the feed, the HTTP status and the
stage in the value (valid against conf/schemas/feedwire.deadletter.v1.json), ce_subject = the URL and Kafka
Connect's __connect.errors.* headers; `feedwire tail -t deadletter --json` reads it with topic, partition, offset,
key and headers; the article's events are keyed by the article (one partition). With FW_SCHEMA_EXAMPLES=DIR it
also saves one message of each topic there (how tests/data/schemas/ was made).
"""
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "fixtures"))
from daemon_conf import daemon_conf  # noqa: E402
DAEMON = os.environ.get("FW_DAEMON", os.path.join(SRC, "build", "feedwired"))
TOOL = os.environ.get("FW_TOOL", os.path.join(SRC, "build", "feedwire"))
BROKERS = os.environ.get("FW_KAFKA_BROKERS")
REDIS_PORT = os.environ.get("FW_REDIS_PORT")
SCHEMAS = os.path.join(SRC, "conf", "schemas")
PAGE = os.path.join(SRC, "tests", "fixtures", "snapshot", "pages", "caci-termez-rockets.html")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        port = self.server.server_address[1]
        if self.path == "/feed.rss":
            body = ("""<?xml version="1.0"?><rss version="2.0"><channel><title>Dead letter test feed</title>
<link>http://127.0.0.1:%d/</link>
<item><title>Gone</title><link>http://127.0.0.1:%d/gone.html</link><guid>gone-1</guid>
<pubDate>Mon, 01 Sep 2025 10:00:00 GMT</pubDate></item>
<item><title>ISKP Rockets on Termez</title><link>http://127.0.0.1:%d/termez.html</link><guid>termez-1</guid>
<pubDate>Wed, 31 Aug 2022 09:00:00 GMT</pubDate></item>
</channel></rss>""" % (port, port, port)).encode()
            ctype = "application/rss+xml"
        elif self.path == "/termez.html":
            body, ctype = open(PAGE, "rb").read(), "text/html; charset=utf-8"
        elif self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        else:
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><h1>Not Found</h1></body></html>")
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def tail(conf, topic, extra=()):
    out = subprocess.run([TOOL, "tail", "-c", conf, "-t", topic, "-o", "beginning", "-e", "--json",
                          "--timeout", "5"] + list(extra), capture_output=True, text=True, timeout=60)
    return out.returncode, [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")], out.stderr


class DeadLetter(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="fw-dlq-")
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        port = self.httpd.server_address[1]
        run = "dlq%d%d" % (os.getpid(), int(time.time()) % 100000)
        self.topics = {k: "%s.%s" % (run, k) for k in ("articles", "events", "dlq")}
        self.feed_url = "http://127.0.0.1:%d/feed.rss" % port
        self.gone = "http://127.0.0.1:%d/gone.html" % port
        with open(os.path.join(self.tmp, "feeds.txt"), "w") as f:
            f.write("%s name=dlq-test\n" % self.feed_url)
        self.conf = daemon_conf(os.path.join(self.tmp, "feedwire.conf"), state_dir=os.path.join(self.tmp, "state"),
                                dict_dir=os.path.join(SRC, "conf", "dict"), feeds_file=os.path.join(self.tmp, "feeds.txt"),
                                redis_port=REDIS_PORT, prefix=run + ":", topics=self.topics, brokers=BROKERS)
        os.makedirs(os.path.join(self.tmp, "state"))
        self.log = open(os.path.join(self.tmp, "daemon.log"), "w")
        self.daemon = subprocess.Popen([DAEMON, "-c", self.conf], stdout=self.log, stderr=subprocess.STDOUT)

    def tearDown(self):
        if self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGTERM)
            self.daemon.wait(30)
        self.httpd.shutdown()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def wait_for(self, topic, n, timeout=60):
        deadline = time.time() + timeout
        msgs = []
        while time.time() < deadline:
            rc, msgs, _ = tail(self.conf, topic)
            if len(msgs) >= n:
                return msgs
            self.assertIsNone(self.daemon.poll(), "feedwired died: " + open(self.log.name).read()[-2000:])
            time.sleep(1)
        self.fail("%d of %d messages on %s; log: %s" % (len(msgs), n, topic, open(self.log.name).read()[-2000:]))

    def test_404_dead_letter_says_what_failed(self):
        import jsonschema
        dl = self.wait_for("deadletter", 1)
        self.assertEqual(len(dl), 1, dl)
        m = dl[0]
        # the tail envelope: topic, partition, offset, key, headers
        self.assertEqual(m["topic"], self.topics["dlq"])
        self.assertIsInstance(m["partition"], int)
        self.assertEqual(m["offset"], 0)
        v = json.loads(m["payload"])
        self.assertEqual(m["key"], v["key"])
        self.assertRegex(m["key"], "^[0-9a-f]{32}$")
        schema = json.load(open(os.path.join(SCHEMAS, "feedwire.deadletter.v1.json")))
        jsonschema.Draft202012Validator(schema).validate(v)
        self.assertEqual(v["url"], self.gone)
        self.assertEqual(v["feed"], "dlq-test")
        self.assertEqual(v["feed_url"], self.feed_url)
        self.assertEqual(v["feed_title"], "Dead letter test feed")
        self.assertEqual(v["http_status"], 404)
        self.assertEqual(v["stage"], "fetch")
        self.assertEqual(v["kind"], "pipeline")
        self.assertEqual(v["attempts"], 1)
        self.assertIn("404", v["reason"])
        self.assertIn("Not Found", v["payload"])  # the start of the page
        h = dict(zip(m["headers"][0::2], m["headers"][1::2]))
        self.assertEqual(h["ce_subject"], self.gone)
        self.assertEqual(h["ce_source"], self.feed_url)
        self.assertEqual(h["ce_dataschema"], schema["$id"])
        self.assertEqual(h["__connect.errors.stage"], "fetch")
        self.assertEqual(h["__connect.errors.exception.class.name"], "http error")
        self.assertIn("404", h["__connect.errors.exception.message"])
        # the good article and its events: events keyed by the article, so on one partition
        arts = self.wait_for("articles", 1)
        evs = self.wait_for("events", 1)
        aid = json.loads(arts[0]["payload"])["id"]
        self.assertEqual({e["key"] for e in evs}, {aid})
        self.assertEqual(len({e["partition"] for e in evs}), 1)
        print("dead letter: %s" % json.dumps(v)[:400])
        print("events: %d, all keyed %s on partition %d" % (len(evs), aid, evs[0]["partition"]))
        out = os.environ.get("FW_SCHEMA_EXAMPLES")
        if out:
            for name, msg in (("article", arts[0]), ("event", evs[0]), ("deadletter", m)):
                val = json.loads(msg["payload"])
                if name == "article":
                    val["text"] = val["text"][:300]
                if name == "deadletter":
                    val["payload"] = val["payload"][:200]
                with open(os.path.join(out, "%s.v1.json" % name), "w") as f:
                    json.dump(val, f, indent=1, ensure_ascii=False)
                    f.write("\n")


if __name__ == "__main__":
    if not (BROKERS and REDIS_PORT):
        if os.environ.get("FW_REQUIRE_SERVICES"):
            sys.exit("services required (FW_REQUIRE_SERVICES) but FW_KAFKA_BROKERS/FW_REDIS_PORT are unset")
        print("skipped: no services (run under scripts/test.sh)")
        sys.exit(77)
    unittest.main(verbosity=2)
