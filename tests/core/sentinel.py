#!/usr/bin/env python3
"""Issue 15: Redis behind Sentinel, failed over during a run, loses nothing.

A real redis-server master, a replica of it and a redis-sentinel (Debian's
redis-server in --sentinel mode) on free loopback ports; feedwired finds the
master through redis.sentinel. Once the first articles are on Kafka the master
is killed with SIGKILL; Sentinel promotes the replica and the daemon, asking
Sentinel again at its reconnect, goes on against the new master: every article
reaches Kafka (duplicates bounded by the articles of the run), and the dedup
keys are on the new master. Bounded: about 40 s."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "pipe"))
from e2e_pipeline import BROKERS, DAEMON, consume  # noqa: E402

FEEDS, PER_FEED = 3, 8
N = FEEDS * PER_FEED
REDIS = shutil.which("redis-server")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def redis_cli(port, *args):
    out = subprocess.run(["redis-cli", "-p", str(port)] + list(args), capture_output=True, text=True, timeout=10)
    return out.stdout.strip()


def read_text(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip()


def wait_for(cond, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError("timed out waiting for %s" % what)


class Sentinel(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="fw-sentinel-")
        self.procs = []
        self.master, self.replica, self.sentinel = free_port(), free_port(), free_port()
        for port, extra in ((self.master, []), (self.replica, ["--replicaof", "127.0.0.1", str(self.master)])):
            d = os.path.join(self.dir, str(port))
            os.makedirs(d)
            self.spawn([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--dir", d, "--save", "",
                        "--appendonly", "no"] + extra, "redis-%d" % port)
        conf = os.path.join(self.dir, "sentinel.conf")
        with open(conf, "w") as f:
            f.write("port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor fwm 127.0.0.1 %d 1\n"
                    "sentinel down-after-milliseconds fwm 1000\nsentinel failover-timeout fwm 10000\n"
                    % (self.sentinel, self.dir, self.master))
        self.spawn([REDIS, conf, "--sentinel"], "sentinel")
        wait_for(lambda: redis_cli(self.replica, "INFO", "replication").find("master_link_status:up") >= 0, 20,
                 "the replica to sync")
        wait_for(lambda: "slave" in redis_cli(self.sentinel, "SENTINEL", "replicas", "fwm"), 20,
                 "Sentinel to see the replica")

    def spawn(self, argv, name):
        log = open(os.path.join(self.dir, name + ".log"), "w")
        p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs.append(p)
        return p

    def tearDown(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()

    def test_failover_loses_nothing(self):
        run = "st%d" % (int(time.time() * 1000) % 10**9)
        snap_port = os.path.join(self.dir, "snap-port")
        self.spawn([sys.executable, os.path.join(SRC, "tests", "fixtures", "snapshot_server.py"), "--port-file",
                    snap_port, "--max-seconds", "300"], "snapshot")
        port = int(wait_for(lambda: read_text(snap_port), 10, "the fixture server's port"))
        feeds = os.path.join(self.dir, "feeds.txt")
        with open(feeds, "w") as f:
            for i in range(FEEDS):
                f.write("http://127.0.0.1:%d/gen/feed-%d.rss?n=%d name=gen%d\n" % (port, i + 1, PER_FEED, i + 1))
        topic = "st.%s.articles" % run
        conf = os.path.join(self.dir, "feedwire.conf")
        os.makedirs(os.path.join(self.dir, "state"))
        with open(conf, "w") as f:
            f.write("""[daemon]
feeds_file = %s
state_dir = %s/state
dict_dir = %s
drain_timeout = 3000
[schedule]
interval = 10s
[fetch]
allow_hosts = 127.0.0.1
host_delay = 300
max_host_transfers = 1
[redis]
host = 127.0.0.1
port = 1
sentinel = 127.0.0.1:1,127.0.0.1:%d
sentinel_master = fwm
timeout = 2000
prefix = %s:
[sink]
topic_articles = %s
topic_events = st.%s.events
topic_dlq = st.%s.dlq
[metrics]
port = 0
[kafka]
bootstrap.servers = %s
""" % (feeds, self.dir, os.path.join(SRC, "conf", "dict"), self.sentinel, run, topic, run, run, BROKERS))
        daemon = self.spawn([DAEMON, "-c", conf], "feedwired")
        t_start = time.time()
        # redis.port = 1 and a dead first sentinel: only Sentinel's answer can lead to the master
        wait_for(lambda: len({k for k, _ in consume(topic)}) >= 1, 60, "the first article")
        os.kill(self.procs[0].pid, signal.SIGKILL)
        t_kill = time.time()
        wait_for(lambda: str(self.replica) in redis_cli(self.sentinel, "SENTINEL", "get-master-addr-by-name", "fwm"),
                 30, "Sentinel to promote the replica")
        print("failover: Sentinel named the replica master %.1f s after the master's SIGKILL" % (time.time() - t_kill))
        keys = wait_for(lambda: (lambda k: k if len(k) >= N else None)({k for k, _ in consume(topic)}), 60,
                        "every article after the failover")
        self.assertIsNone(daemon.poll(), "feedwired died")
        arts = consume(topic)
        self.assertEqual(len(keys), N)
        self.assertLessEqual(len(arts) - N, N, "duplicates beyond the in-flight bound")
        print("articles: %d distinct, %d duplicates, after a failover %.1f s into the run" % (
            len(keys), len(arts) - N, t_kill - t_start))
        # the daemon writes to the new master: its dedup keys are there
        self.assertNotEqual(redis_cli(self.replica, "KEYS", run + ":*"), "")
        log = read_text(os.path.join(self.dir, "feedwired.log"))
        self.assertIn("the master of fwm is 127.0.0.1:%d" % self.replica, log)
        self.assertIn("Redis is back (127.0.0.1:%d)" % self.replica, log)


if __name__ == "__main__":
    if not (BROKERS and REDIS):
        if os.environ.get("FW_REQUIRE_SERVICES"):
            sys.exit("services required (FW_REQUIRE_SERVICES) but FW_KAFKA_BROKERS or redis-server are missing")
        print("skipped: no services (run under scripts/test.sh)")
        sys.exit(77)
    unittest.main(verbosity=2)
