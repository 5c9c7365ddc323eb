#!/usr/bin/env python3
"""Issue 17: what attacking the daemon on loopback found, each as a test over the
real broker and Redis (scripts/services.sh) and fixture sites in this process.

A Site is one origin (127.0.0.1:port) serving feeds and pages:
  /feed/NAME?n=N[&kind=K][&host=PORT]   RSS of N items linking to /K/NAME/I.html on
                                         this site or on 127.0.0.1:PORT; the feed's
                                         <title> is site.titles.get(NAME) if set;
                                         n may be overridden live via site.sizes[NAME]
  /ok/NAME/I.html                        an article with one reportable event
  /e404/..., /e500/...                   errors
  /slow/NAME/I.html                      an article dripped at site.slow_bps bytes/s
  /big/NAME/I.html                       an article of about 1.2 MB of text
  /robots.txt                            site.robots
Run by ctest (label integration) with FW_KAFKA_BROKERS / FW_REDIS_PORT set.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DAEMON = os.environ.get("FW_DAEMON", os.path.join(SRC, "build", "feedwired"))
BROKERS = os.environ.get("FW_KAFKA_BROKERS")
REDIS_PORT = os.environ.get("FW_REDIS_PORT")
ALERTS = os.path.join(SRC, "conf", "grafana", "feedwire-alerts.yml")
sys.path.insert(0, os.path.join(SRC, "tests", "fixtures"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from snapshot_server import article_text  # noqa: E402
from e2e_pipeline import consume, services  # noqa: E402
from daemon_conf import daemon_conf  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def feed_id(name):
    return zlib.crc32(name.encode()) % 1000 + 1


SYL = "ba ko ri ste mal vun de tor an pel qui sor lem gar fi nu ho cet zan bri".split()


def filler(seed, n=5):
    """English-looking paragraphs whose nouns are drawn from thousands of made-up
    words, so no two articles are near-duplicates (simhash) of each other."""
    import random
    r = random.Random(seed)
    word = lambda: "".join(r.choice(SYL) for _ in range(3))  # noqa: E731
    return [" ".join("The %s of the %s was %s for the %s in %s." % (word(), word(), word(), word(), word())
                     for _ in range(6)) for _ in range(n)]


def page(name, i, paras=None):
    place, text = article_text(feed_id(name), i)
    body = "".join("<p>%s</p>" % p for p in (paras or text[:1] + filler("%s-%d" % (name, i))))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s %d in %s</title></head>"
            "<body><article><h1>%s %d: attack in %s</h1>%s</article></body></html>" % (
                name, i, place, name, i, place, body)).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        site = self.server.site
        path, _, query = self.path.partition("?")
        with site.lock:
            site.hits[path] = site.hits.get(path, 0) + 1
        q = dict(kv.split("=", 1) for kv in query.split("&") if "=" in kv)
        if path == "/robots.txt":
            return self.send(200, site.robots.encode(), "text/plain")
        m = re.fullmatch(r"/feed/([\w-]+)", path)
        if m:
            name = m.group(1)
            n = site.sizes.get(name, int(q.get("n", "10")))
            kind = q.get("kind", "ok")
            host = "http://127.0.0.1:%s" % q.get("host", site.port)
            title = site.titles.get(name, "Feed %s" % name)
            items = "".join("<item><title>%s item %d</title><link>%s/%s/%s/%d.html</link><guid isPermaLink=\"false\">"
                            "%s-%s-%d</guid></item>" % (name, i, host, kind, name, i, kind, name, i) for i in range(n))
            title = title.replace("&", "&amp;").replace("<", "&lt;")
            body = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title>'
                    '<link>http://127.0.0.1:%d/</link><description>d</description>%s</channel></rss>' % (
                        title, site.port, items)).encode()
            return self.send(200, body, "application/rss+xml")
        m = re.fullmatch(r"/(ok|slow|big|e404|e500)/([\w-]+)/(\d+)\.html", path)
        if not m:
            return self.send(404, b"not found\n", "text/plain")
        kind, name, i = m.group(1), m.group(2), int(m.group(3))
        if kind == "e404":
            return self.send(404, b"gone\n", "text/plain")
        if kind == "e500":
            return self.send(500, b"broken\n", "text/plain")
        if kind == "big":  # about 1.2 MB of text, each sentence of it distinct
            place, text = article_text(feed_id(name), i)
            return self.send(200, page(name, i, text[:1] + filler("%s-%d" % (name, i), 3400)))
        body = page(name, i)
        if kind == "ok":
            return self.send(200, body)
        self.send_response(200)  # slow: the headers at once, then a trickle
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        step = max(1, site.slow_bps // 10)
        try:
            for k in range(0, len(body), step):
                self.wfile.write(body[k:k + step])
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass


class Site:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits, self.sizes, self.titles = {}, {}, {}
        self.robots = "User-agent: *\nAllow: /\n"
        self.slow_bps = 600
        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.srv.daemon_threads = True
        self.srv.site = self
        self.port = self.srv.server_address[1]
        self.thread = threading.Thread(target=self.srv.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def count(self, prefix):
        with self.lock:
            return sum(v for k, v in self.hits.items() if k.startswith(prefix))

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


class Daemon:
    """One feedwired with its own topics, Redis prefix, state dir and metrics port."""

    def __init__(self, tmp, tag, feeds, extra=""):
        self.tag = "%s-%d" % (tag, int(time.time() * 1000) % 10**9)
        self.dir = os.path.join(tmp, self.tag)
        os.makedirs(self.dir)
        self.topics = {k: "attack.%s.%s" % (self.tag, k) for k in ("articles", "events", "dlq")}
        self.metrics_port = free_port()
        feeds_file = os.path.join(self.dir, "feeds.txt")
        with open(feeds_file, "w") as f:
            f.write("".join(line + "\n" for line in feeds))
        sections = {
            "log": {"level": "info"},
            "daemon": {"drain_timeout": 5000},
            "schedule": {"interval": "10s", "jitter_pct": 0, "backoff_base": "2s", "backoff_max": "10s"},
            "fetch": {"max_host_transfers": 4, "timeout": 60000, "low_speed_bps": 1, "low_speed_time": 60},
        }
        for m in re.finditer(r"\[(\w+)\]\n((?:[^\[].*\n?)*)", extra):
            for line in m.group(2).strip().splitlines():
                k, _, v = line.partition("=")
                sections.setdefault(m.group(1), {})[k.strip()] = v.strip()
        self.conf = daemon_conf(os.path.join(self.dir, "feedwire.conf"), state_dir=os.path.join(self.dir, "state"),
                                dict_dir=os.path.join(SRC, "conf", "dict"), feeds_file=feeds_file,
                                redis_port=REDIS_PORT, prefix="attack:%s:" % self.tag, topics=self.topics,
                                brokers=BROKERS, metrics_port=self.metrics_port, sections=sections)
        self.proc = None
        self.logs = []

    def start(self):
        self.logs.append(os.path.join(self.dir, "daemon-%d.log" % len(self.logs)))
        with open(self.logs[-1], "w") as log:
            self.proc = subprocess.Popen([DAEMON, "-c", self.conf], stdout=log, stderr=subprocess.STDOUT)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def kill(self):
        self.proc.kill()
        self.proc.wait(10)

    def log(self):
        out = []
        for p in self.logs:
            with open(p, errors="replace") as f:
                out.append(f.read())
        return "".join(out)

    def alive(self):
        return self.proc.poll() is None

    def metrics(self):
        """{'name{labels}': value} from /metrics, or {} when it does not answer."""
        try:
            text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.metrics_port, timeout=5).read().decode()
        except OSError:
            return {}
        out = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                k, _, v = line.rpartition(" ")
                try:
                    out[k] = float(v)
                except ValueError:
                    pass
        return out

    def keys(self, kind, part=None):
        """Distinct keys of a topic; only those of messages containing `part` if given."""
        return {k for k, v in consume(self.topics[kind]) if part is None or part in v}


def wait_for(what, pred, timeout, every=1.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(every)
    raise AssertionError("timed out after %ds waiting for %s" % (timeout, what))


class Attack(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="fw-attack-")

    def setUp(self):
        self.sites, self.daemons = [], []

    def tearDown(self):
        for d in self.daemons:
            if d.proc and d.proc.poll() is None:
                d.proc.kill()
                d.proc.wait(10)
        for s in self.sites:
            s.close()

    def site(self):
        s = Site()
        self.sites.append(s)
        return s

    def daemon(self, tag, feeds, extra=""):
        d = Daemon(self.tmp, tag, feeds, extra)
        self.daemons.append(d)
        return d

    # ---- defect 6: log injection and the configured feed name ----

    def test_6_feed_title_cannot_forge_lines_and_article_lines_carry_the_name(self):
        s = self.site()
        s.titles["inj"] = "Evil\n2026-12-06T03:00:00.000Z CRIT   main     forged FEED=csis"
        s.sizes["inj"] = 2
        d = self.daemon("names", ["%s name=wonk" % s.url("/feed/inj?kind=e500"),
                                  "%s name=wonk2" % s.url("/feed/inj2?kind=e404&n=2")]).start()
        wait_for("article lines of both feeds", lambda: d.log().count("will retry") >= 2
                 and d.log().count("dead-lettered") >= 2, 60)
        d.stop()
        log = d.log()
        for line in log.splitlines():
            self.assertFalse(line.startswith("2026-12-06T03:00:00.000Z") or " CRIT " in line, "forged line: " + line)
        retry = [ln for ln in log.splitlines() if "will retry" in ln]
        dead = [ln for ln in log.splitlines() if "dead-lettered" in ln]
        self.assertTrue(retry and dead)
        for ln in retry:
            self.assertIn(" FEED=wonk ", ln)
        for ln in dead:
            self.assertIn(" FEED=wonk2 ", ln)

    # ---- defect 1: a feed longer than the per-poll cap is handed on whole ----

    def test_1_feed_of_1200_entries_is_published_whole(self):
        s = self.site()
        d = self.daemon("long", ["%s name=long" % s.url("/feed/long?n=1200")]).start()
        t0 = time.time()
        wait_for("1,200 articles", lambda: len(d.keys("articles")) >= 1200, 150, 2)
        print("1,200 entries published in %.1f s" % (time.time() - t0))
        time.sleep(12)  # one more poll: nothing more, nothing twice
        arts = consume(d.topics["articles"])
        self.assertEqual(len({k for k, _ in arts}), 1200)
        self.assertEqual(len(arts), 1200)
        self.assertIn("feed lists 1200 entries: entries 1001 to 1200 this poll", d.log())
        self.assertEqual(s.count("/ok/long/"), 1200)
        d.stop()

    # ---- defect 2: an article and its events reach Kafka together or not at all ----

    def check_events_have_articles(self, d):
        arts = d.keys("articles")
        evs = consume(d.topics["events"])
        for _, v in evs:
            self.assertIn(json.loads(v)["article_id"], arts, "an event whose article is not on the topic")
        return arts, evs

    def test_2_article_too_large_is_cut_and_published_with_its_events(self):
        s = self.site()
        d = self.daemon("big", ["%s name=big" % s.url("/feed/big?kind=big&n=1"),
                                "%s name=small" % s.url("/feed/small?n=2")]).start()
        wait_for("the big article and the small ones", lambda: len(d.keys("articles")) >= 3, 90)
        time.sleep(3)
        arts, evs = self.check_events_have_articles(d)
        big = [json.loads(v) for _, v in consume(d.topics["articles"]) if "/big/big/" in v]
        self.assertEqual(len(big), 1)
        self.assertTrue(big[0]["text_truncated"])
        self.assertLessEqual(len(big[0]["text"].encode()), 400000)
        self.assertGreater(len(big[0]["event_ids"]), 0)
        # its events go out once Kafka holds the article: give them a moment; events are keyed by
        # their article (issue 18), so their ids come from the values
        def event_ids():
            return {json.loads(v)["id"] for _, v in consume(d.topics["events"])}
        wait_for("the big article's events", lambda: not set(big[0]["event_ids"]) - event_ids(), 60, 1)
        arts, evs = self.check_events_have_articles(d)
        ev_ids = {json.loads(v)["id"] for _, v in evs}
        self.assertEqual(len(d.keys("dlq")), 0)
        m = d.metrics()
        self.assertEqual(m["feedwire_articles_published_total"], 3)
        self.assertEqual(m["feedwire_events_published_total"], len(ev_ids))
        d.stop()

    def test_2_article_refused_by_kafka_takes_its_events_with_it(self):
        s = self.site()
        # a producer limit below the cut text: the article is refused for good
        d = self.daemon("refused", ["%s name=big" % s.url("/feed/big?kind=big&n=1")],
                        "[kafka]\nmessage.max.bytes = 350000\n").start()
        wait_for("the refused article's dead letter", lambda: len(d.keys("dlq")) >= 1, 90)
        time.sleep(3)
        self.assertEqual(len(d.keys("articles")), 0)
        self.assertEqual(consume(d.topics["events"]), [], "events of an article Kafka refused were published")
        self.assertIn("events are not published either", d.log())
        m = d.metrics()
        self.assertEqual(m["feedwire_articles_published_total"], 0)
        self.assertEqual(m["feedwire_events_published_total"], 0)
        self.assertGreaterEqual(m["feedwire_kafka_delivery_errors_total"], 1)
        self.assertEqual(m['feedwire_articles_dropped_total{stage="kafka"}'], 1)
        d.stop()

    # ---- defect 3: a restart while Redis is down still recovers what the crash left ----

    def test_3_kill9_and_restart_while_redis_is_down_recovers_every_article(self):
        a, b = self.site(), self.site()
        d = self.daemon("redisdown", ["%s name=ra" % a.url("/feed/ra?n=150"), "%s name=rb" % b.url("/feed/rb?n=150")],
                        "[fetch]\nhost_delay = 200\nmax_host_transfers = 1\n")
        d.start()
        try:
            wait_for("some articles published", lambda: len(d.keys("articles")) >= 20, 60, 0.5)
            services("stop", "redis")
            d.kill()
            # acknowledged by Kafka but not settled (their dedup record needs Redis): delivered again
            unsettled_bound = len(consume(d.topics["articles"]))
            d.start()  # Redis still down: the unit's Restart= would do this
            time.sleep(5)
        finally:
            services("start", "redis")
        t0 = time.time()
        wait_for("all 300 articles", lambda: len(d.keys("articles")) >= 300, 120, 2)
        print("300 articles after the restart in Redis' absence, %.1f s after Redis came back" % (time.time() - t0))
        self.assertTrue(d.alive())
        arts = consume(d.topics["articles"])
        self.assertEqual(len({k for k, _ in arts}), 300)
        print("duplicates: %d (bound: %d published before the kill)" % (len(arts) - 300, unsettled_bound))
        self.assertLessEqual(len(arts) - 300, unsettled_bound, "duplicates beyond the in-flight bound")
        self.check_events_have_articles(d)
        d.stop()

    # ---- also: a daemon started during a Kafka outage polls and spools ----

    def test_started_during_kafka_outage_polls_and_spools(self):
        s = self.site()
        d = self.daemon("kafkadown", ["%s name=kd" % s.url("/feed/kd?n=5")])
        services("stop", "kafka")
        try:
            d.start()
            wait_for("the articles fetched while Kafka is down", lambda: s.count("/ok/kd/") >= 5, 40, 0.5)
            wait_for("them spooled", lambda: d.metrics().get("feedwire_spool_bytes", 0) > 0, 20, 0.5)
            self.assertIn("Kafka unreachable", d.log())
        finally:
            services("start", "kafka")
        wait_for("the 5 articles once Kafka is back", lambda: len(d.keys("articles")) >= 5, 90, 2)
        self.assertTrue(d.alive())
        d.stop()

    # ---- also: an article page answering 5xx backs off and is given up after a bound ----

    def test_article_answering_5xx_is_dead_lettered_after_its_tries(self):
        s = self.site()
        d = self.daemon("fivexx", ["%s name=fx" % s.url("/feed/fx?kind=e500&n=1")],
                        "[fetch]\narticle_tries = 3\n").start()
        wait_for("the dead letter after 3 tries", lambda: len(d.keys("dlq")) >= 1, 90, 2)
        time.sleep(12)  # one more poll: no fetch of a page given up
        d.stop()
        self.assertEqual(s.count("/e500/fx/"), 3)
        dl = [json.loads(v) for _, v in consume(d.topics["dlq"])]
        self.assertIn("failed 3 times", dl[0]["reason"])
        # one count: the dead letter's attempts are the tries the give-up counted (issue 18's fields)
        self.assertEqual(dl[0]["attempts"], 3)
        self.assertEqual(dl[0]["stage"], "fetch")
        self.assertEqual(dl[0]["http_status"], 500)
        self.assertEqual(dl[0]["feed"], "fx")
        self.assertIn("/e500/fx/", dl[0]["url"])
        self.assertEqual(d.log().count("article fetch failed, will retry"), 1)  # one NOTICE, not one a poll

    # ---- defect 5: one slow host cannot starve the others ----

    def test_5_slow_host_does_not_starve_a_healthy_one(self):
        slow, healthy = self.site(), self.site()
        slow.slow_bps = 100  # about 30 s a page
        healthy.sizes["fast"] = 0
        d = self.daemon("fair", ["%s name=slow" % slow.url("/feed/drip?kind=slow&n=40"),
                                 "%s name=fast" % healthy.url("/feed/fast")],
                        "[fetch]\nmax_queued_articles = 10\n").start()
        wait_for("the slow site's pages under way", lambda: slow.count("/slow/") >= 4, 40, 0.2)
        time.sleep(1)
        healthy.sizes["fast"] = 10
        t0 = time.time()
        keys = wait_for("the healthy feed's 10 articles", lambda: len(d.keys("articles", "/ok/fast/")) >= 10
                        and d.keys("articles", "/ok/fast/"), 100)
        took = time.time() - t0
        print("healthy feed complete %.1f s after its items appeared, beside a slow host" % took)
        # a poll (10 s) to see the items, a second one at worst for those beyond the host's half of
        # the queue, fast fetches: about 20 s; starved, it waits for the slow pages (over 60 s)
        self.assertLess(took, 40, "healthy host starved by the slow one")
        self.assertEqual(len(keys), 10)
        m = d.metrics()
        refused = m.get('feedwire_articles_dropped_total{stage="queue_full"}', 0)
        self.assertGreater(refused, 0)
        self.assertIn("article queue:", d.log())
        self.assertIn(" FEED=slow ", [ln for ln in d.log().splitlines() if "article queue:" in ln][0])
        d.stop()

    # ---- all of it at once, bounded: the "done when" of issue 17 ----

    def test_z_mixed_faults(self):
        """Feeds of 1,200 and 50 entries, an oversized article, a slow host beside
        them; a Kafka restart, a Redis restart, then Redis stopped, kill -9 and a
        restart while it is down. From the topics: every article, duplicates within
        the bound, every event's article present, no feed starved, and the last
        daemon's metrics equal to what it put on the topics."""
        big, mid, slow = self.site(), self.site(), self.site()
        slow.slow_bps = 300
        feeds = {"huge": big.url("/feed/huge?n=1200"), "mid": mid.url("/feed/mid?n=50"),
                 "oversize": mid.url("/feed/oversize?kind=big&n=1"), "drip": slow.url("/feed/drip?kind=slow&n=20")}
        want = {"huge": ("/ok/huge/", 1200), "mid": ("/ok/mid/", 50), "oversize": ("/big/oversize/", 1),
                "drip": ("/slow/drip/", 20)}
        total = sum(n for _, n in want.values())
        d = self.daemon("mixed", ["%s name=%s" % (u, n) for n, u in feeds.items()],
                        "[fetch]\nmax_queued_articles = 300\n")
        t0 = time.time()
        d.start()
        first = {}

        def progress():
            vals = [v for _, v in consume(d.topics["articles"])]
            for name, (part, _) in want.items():
                if name not in first and any(part in v for v in vals):
                    first[name] = time.time() - t0
            return len(vals)
        # no feed starved: each has an article out within 60 s of the start, the slow one
        # included, before the faults begin (a Kafka restart under load can itself take a
        # minute, and an article held through it says nothing about the scheduler)
        wait_for("the first 100 articles and one of every feed",
                 lambda: progress() >= 100 and len(first) == len(want), 60, 0.5)
        services("stop", "kafka")
        time.sleep(5)
        services("start", "kafka")
        wait_for("more articles after the Kafka restart", lambda: progress() >= 300, 90, 1)
        services("stop", "redis")
        time.sleep(4)
        services("start", "redis")
        wait_for("more articles after the Redis restart", lambda: progress() >= 500, 90, 1)
        try:
            services("stop", "redis")
            d.kill()
            at_kill = progress()
            ev_at_restart = len(consume(d.topics["events"]))
            d.start()  # Redis still down
            time.sleep(5)
        finally:
            services("start", "redis")
        wait_for("every article", lambda: len(d.keys("articles")) >= total, 300, 3)
        progress()
        time.sleep(3)
        wait_for("the spool empty", lambda: d.metrics().get("feedwire_spool_bytes") == 0, 30)
        m = d.metrics()
        arts = consume(d.topics["articles"])
        evs = consume(d.topics["events"])
        keys = {k for k, _ in arts}
        dupes = len(arts) - len(keys)
        print("mixed: %d articles (%d duplicates, bound %d), %d events; first article of each feed after %s s; "
              "total %.0f s" % (len(keys), dupes, at_kill + 300, len(evs),
                                {k: round(v, 1) for k, v in sorted(first.items())}, time.time() - t0))
        self.assertTrue(d.alive())
        self.assertEqual(len(keys), total)
        for name, (part, n) in want.items():
            self.assertEqual(len({k for k, v in arts if part in v}), n, name)
        # in flight when a service went away: at most what was out before the kill, plus the queue
        self.assertLessEqual(dupes, at_kill + 300)
        art_ids = keys
        for _, v in evs:
            self.assertIn(json.loads(v)["article_id"], art_ids)
        # (no feed starved: checked above, before the faults; first holds the times)
        for name in want:
            self.assertLess(first.get(name, 1e9), 60, "feed %s starved" % name)
        self.assertEqual(consume(d.topics["dlq"]), [])
        over = [json.loads(v) for _, v in arts if "/big/oversize/" in v]
        self.assertTrue(over[0]["text_truncated"])
        # the last daemon's counters are what it added to the topics (a killed one adds nothing)
        self.assertEqual(m["feedwire_articles_published_total"], len(arts) - at_kill)
        self.assertEqual(m["feedwire_events_published_total"], len(evs) - ev_at_restart)
        d.stop()

    # ---- defect 7: metrics equal the topics; the alert rules work on real series ----

    def test_7_metrics_match_topics_and_alert_rules_evaluate(self):
        s = self.site()
        s.sizes["m"] = 6
        d = self.daemon("metrics", ["%s name=m" % s.url("/feed/m"), "%s name=mbad" % s.url("/feed/mbad?kind=e404&n=2")],
                        "[kafka]\nmessage.timeout.ms = 3000\n")
        samples = []  # (step, {series: value}), one scrape a second
        stop = threading.Event()

        def scrape():
            while not stop.is_set():
                samples.append(d.metrics())
                stop.wait(1.0)
        d.start()
        t = threading.Thread(target=scrape, daemon=True)
        t.start()
        try:
            wait_for("6 articles and 2 dead letters", lambda: len(d.keys("articles")) >= 6 and len(d.keys("dlq")) >= 2, 90)
            services("stop", "kafka")
            s.sizes["m"] = 10  # new items while Kafka is away: spooled, timed out, retried
            wait_for("the new items spooled", lambda: d.metrics().get("feedwire_spool_bytes", 0) > 0, 40)
            time.sleep(6)
            services("start", "kafka")
            wait_for("every article after the outage", lambda: len(d.keys("articles")) >= 10, 120)
            wait_for("spool_bytes back to 0", lambda: d.metrics().get("feedwire_spool_bytes") == 0, 30)
            time.sleep(20)  # normal running: 20 scrapes, more than the 15 steps of FeedwireSpooling's "for"
            m = d.metrics()
        finally:
            stop.set()
            t.join(5)
        self.assertTrue(d.alive())
        arts, dlq = d.keys("articles"), d.keys("dlq")
        evs = {json.loads(v)["id"] for _, v in consume(d.topics["events"])}  # keyed by article: ids from the values
        self.assertEqual(len(arts), 10)
        self.assertEqual(len(dlq), 2)
        self.assertEqual(m["feedwire_articles_published_total"], len(arts))
        self.assertEqual(m["feedwire_events_published_total"], len(evs))
        self.assertEqual(m['feedwire_articles_dropped_total{stage="fetch"}'], len(dlq))
        self.assertGreater(m["feedwire_kafka_delivery_errors_total"], 0)
        self.assertEqual(m["feedwire_spool_bytes"], 0)
        d.stop()
        self.promtool(samples)

    def promtool(self, samples):
        """Replays the scrapes as series, one scrape per rule-time minute, and
        evaluates conf/grafana/feedwire-alerts.yml over them with promtool."""
        promtool = shutil.which("promtool")
        if not promtool:
            self.fail("promtool missing (scripts/setup.sh installs the prometheus package)")
        samples = [sm for sm in samples if sm]
        names = sorted({k for sm in samples for k in sm})
        series = []
        for k in names:
            name, _, labels = k.partition("{")
            labels = labels.rstrip("}")
            lab = 'job="feedwire",instance="fw"' + ("," + labels if labels else "")
            vals = " ".join(("%.17g" % sm[k]) if k in sm and sm[k] == sm[k] and abs(sm[k]) != float("inf") else "_"
                            for sm in samples)
            series.append({"series": "%s{%s}" % (name, lab), "values": vals})
        series.append({"series": 'up{job="feedwire",instance="fw"}', "values": " ".join("1" for _ in samples)})
        last = len(samples) - 1
        errs = [sm.get("feedwire_kafka_delivery_errors_total", 0) for sm in samples]
        first_err = next(i for i, v in enumerate(errs) if v > 0)

        def firing(at, alerts):
            return {"expr": 'sum by (alertname) (ALERTS{alertstate="firing"})', "eval_time": "%dm" % at,
                    "exp_samples": [{"labels": '{alertname="%s"}' % a, "value": 1} for a in sorted(alerts)]}
        checks = [
            firing(first_err, {"FeedwireDeliveryErrors"} | self.not_ready(samples, first_err)),
            # normal running after everything was acknowledged: nothing fires
            firing(last, set()),
        ]
        test = {"rule_files": [ALERTS], "evaluation_interval": "1m",
                "tests": [{"interval": "1m", "input_series": series, "promql_expr_test": checks}]}
        path = os.path.join(self.tmp, "alerts-test-%d.yml" % os.getpid())
        with open(path, "w") as f:
            json.dump(test, f)  # JSON is YAML
        out = subprocess.run([promtool, "test", "rules", path], capture_output=True, text=True, timeout=120)
        print("promtool over %d scrapes (%d series): %s" % (len(samples), len(series), out.stdout.strip()[-200:]))
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

    @staticmethod
    def not_ready(samples, at):
        """FeedwireNotReady fires at `at` if Kafka or Redis read 0 for the 5 steps up to it."""
        down = [sm.get("feedwire_kafka_connected", 1) == 0 or sm.get("feedwire_redis_connected", 1) == 0
                for sm in samples[:at + 1]]
        return {"FeedwireNotReady"} if len(down) > 5 and all(down[-6:]) else set()


if __name__ == "__main__":
    if not (BROKERS and REDIS_PORT):
        if os.environ.get("FW_REQUIRE_SERVICES"):
            sys.exit("services required (FW_REQUIRE_SERVICES) but FW_KAFKA_BROKERS/FW_REDIS_PORT are unset")
        print("skipped: no services (run under scripts/test.sh)")
        sys.exit(77)
    unittest.main(verbosity=2)
